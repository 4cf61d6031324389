//! What the caller can tune. Every field has a default, so `{}` (or `null` from JS) works.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Remove duplicated paragraphs (CLI `--no-dedupe` turns it off).
    pub dedupe: bool,
    /// Sentences in the extractive summary (CLI `--summary N`). At least as many as the
    /// article has gives every sentence, in order (repeats once): the extension reads the
    /// article aloud sentence by sentence this way (issue 19).
    pub summary_sentences: usize,
    /// Compute the article's fingerprint for similar readings. The extension turns it off
    /// for the panel (nothing there shows it) and has the service worker compute it from
    /// the text when it records the reading, off the path to the panel.
    pub fingerprint: bool,
    /// Render the Markdown copy. The extension's panel shows the HTML and leaves it out,
    /// cleaning the page again with it only when the reader copies as Markdown.
    pub markdown: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { dedupe: true, summary_sentences: 3, fingerprint: true, markdown: true }
    }
}
