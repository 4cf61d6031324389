//! What the caller can tune. Every field has a default, so `{}` (or `null` from JS) works.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Remove duplicated paragraphs (CLI `--no-dedupe` turns it off).
    pub dedupe: bool,
    /// Sentences in the extractive summary (CLI `--summary N`); fewer when that many would
    /// be most of the article.
    pub summary_sentences: usize,
    /// List every sentence of the article, in order ([`Article::sentences`](crate::Article)):
    /// the extension reads the article aloud sentence by sentence (issue 19). Apart from the
    /// summary, so the summary's rules never change what is read.
    pub sentences: bool,
    /// Compute the article's fingerprint for similar readings. The extension turns it off
    /// for the panel (nothing there shows it) and has the service worker compute it from
    /// the text when it records the reading, off the path to the panel.
    pub fingerprint: bool,
    /// Render the Markdown copy. The extension's panel shows the HTML and leaves it out,
    /// cleaning the page again with it only when the reader copies as Markdown.
    pub markdown: bool,
    /// The page's body is the article: the reader picked it by hand (the extension's "Pick
    /// the text" sends the chosen block under the page's `<head>`). Candidate scoring is
    /// skipped; the cleaning, dedupe, counts and summary run as usual.
    pub body_is_article: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            dedupe: true,
            summary_sentences: 3,
            sentences: false,
            fingerprint: true,
            markdown: true,
            body_is_article: false,
        }
    }
}
