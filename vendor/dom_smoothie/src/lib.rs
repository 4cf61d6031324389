mod config;
mod glob;
mod grab;
mod grab_flags;
mod helpers;
// Pith patch: the JSON-LD reader, in place of gjson; public for Pith's `articleBody` search.
pub mod json;
mod matching;
mod prep_article;
mod readability;
mod readable;
mod score;
#[cfg(feature = "serde")]
mod serde_helpers;
mod url_helpers;

#[cfg(feature = "aho-corasick")]
mod ac_automat;

pub use config::{CandidateSelectMode, Config, ParsePolicy, TextMode, UrlResolver};
pub use readability::Article;
pub use readability::decode_html_entities;
pub use readability::Metadata;
pub use readability::Readability;
pub use readable::is_probably_readable;
// Pith patch: shared with Pith's own passes over the page.
pub use helpers::{ascii_white_space_mask, normalized_char_count, CharCounterCache};

use thiserror::Error;

#[derive(Error, Debug)]
pub enum ReadabilityError {
    #[error("the document URL must be absolute")]
    BadDocumentURL,
    #[error("failed to grab the article")]
    GrabFailed,
    #[error("too many elements in the document to parse (found {0}, maximum {1})")]
    TooManyElements(usize, usize),
}
