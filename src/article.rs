//! The engine's result: what the CLI prints and the extension shows.

use serde::{Deserialize, Serialize};

use crate::similarity::Fingerprint;

/// A cleaned article. JSON field names are snake_case; absent metadata is `null`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The page's address (canonical when the page names one).
    pub url: Option<String>,
    /// The headline, without the site's name appended to it.
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    /// ISO 8601 where the page says when it was published.
    pub published_time: Option<String>,
    /// BCP 47 language tag, e.g. `en`, `de-DE`.
    pub lang: Option<String>,
    /// Text direction: `ltr` or `rtl`.
    pub dir: Option<String>,
    /// The page's own description, or the first paragraph.
    pub excerpt: Option<String>,
    pub lead_image_url: Option<String>,
    /// Is this page an article at all (rather than a home, section or search page)?
    pub readerable: bool,
    /// An article sure enough for the extension's automatic mode to open the panel unasked
    /// (a stricter cut of the same model; implies `readerable`).
    pub automatic: bool,
    /// Clean article HTML, rebuilt through Pith's allow-list: safe to insert in a page.
    pub html: String,
    /// Plain text: paragraphs separated by one blank line, no title.
    pub text: String,
    /// CommonMark; `None` when [`Options::markdown`](crate::Options) is off.
    pub markdown: Option<String>,
    /// Words in the de-duplicated body (CJK characters count one word each).
    pub word_count: usize,
    /// Estimated reading time in whole minutes (at least 1 for a non-empty article).
    pub reading_minutes: u32,
    /// The reading-time estimate with its range and the counts it came from.
    pub reading_time: ReadingTime,
    /// Paragraphs (text blocks) in the de-duplicated body.
    pub paragraph_count: usize,
    /// What the de-duplication removed, in document order.
    pub duplicates: Vec<Duplicate>,
    /// The most representative sentences, whole and in document order.
    pub summary: Vec<String>,
    /// Every sentence of the de-duplicated body, in order, each inside one paragraph (the
    /// text splitter's, repeats included); only when [`Options::sentences`](crate::Options)
    /// is on (left out of the output otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<String>>,
    /// A compact representation of the article's content for "similar readings"; `None`
    /// when [`Options::fingerprint`](crate::Options) is off.
    pub fingerprint: Option<Fingerprint>,
}

/// A paragraph removed because it repeats another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duplicate {
    /// The removed paragraph's text.
    pub text: String,
    /// Index (0-based, in the body before removal) of the removed paragraph.
    pub index: usize,
    /// Index (0-based, in the body before removal) of the paragraph it repeats.
    pub repeats: usize,
    /// How alike the two are, from 0 to 1 (1 = identical after normalisation).
    pub similarity: f32,
    /// Why it counts as a repeat: `exact`, `near`, `block` or `contained`.
    pub kind: DuplicateKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateKind {
    /// Identical after normalisation (case, Unicode, quotes, dashes, whitespace).
    Exact,
    /// A lightly edited copy (character n-gram similarity).
    Near,
    /// Part of a repeated run of consecutive paragraphs.
    Block,
    /// Wholly contained in a longer paragraph (a pull quote).
    Contained,
}

/// Reading time, with the range an honest estimate has.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadingTime {
    /// Best estimate in whole minutes (rounded, at least 1 for a non-empty article).
    pub minutes: u32,
    /// Fast and slow readers, in whole minutes.
    pub min_minutes: u32,
    pub max_minutes: u32,
    /// Words counted by spaces (Latin, Cyrillic, Arabic, Hangul, …).
    pub spaced_words: usize,
    /// CJK characters (Han, Hiragana, Katakana), each counted as one word.
    pub cjk_characters: usize,
}
