//! Everything that can go wrong, as one enum the CLI prints and the binding turns into a `JsError`.

use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum PithError {
    /// The input is larger than Pith will process without risking a hung tab.
    #[error("page too large: {size} bytes (Pith reads pages up to {limit} bytes)")]
    TooLarge { size: usize, limit: usize },
    /// The page's URL could not be understood.
    #[error("not a valid absolute URL: {0}")]
    BadUrl(String),
    /// The input has no content at all.
    #[error("the input is empty")]
    Empty,
    /// The input is not text (binary data, or an undecodable encoding).
    #[error("the input is not an HTML or text document: {0}")]
    NotText(String),
    /// The input could not be read (CLI only).
    #[error("cannot read the input: {0}")]
    Read(String),
    /// Options passed to the engine make no sense.
    #[error("invalid options: {0}")]
    BadOptions(String),
    /// The engine failed on this input: a bug in Pith, reported rather than crashing the
    /// batch (the CLI catches it per file).
    #[error("internal error (please report it with the page): {0}")]
    Internal(String),
}
