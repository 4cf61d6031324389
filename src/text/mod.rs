//! The text layer: what the engine knows about text, written once, for every module that
//! reads it.

pub mod hash;
pub(crate) mod nfkc;
pub mod sentences;
pub mod shingles;
