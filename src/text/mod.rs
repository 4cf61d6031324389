//! The text layer: what the engine knows about text, written once, for every module that
//! reads it (extraction, dedupe, word counts, summary, similarity).
//!
//! | module | what |
//! |---|---|
//! | [`script`] | script classes: written without spaces (Han, Kana), Chinese/Japanese/Korean |
//! | [`words`] | word iteration (CJK cut into characters or pairs) and the two word counts |
//! | [`sentences`] | sentence splitting |
//! | [`stem`], [`stopwords`] | the terms that compare sentences and articles |
//! | [`shingles`] | shingles, Jaccard similarity, MinHash sketches and signatures, LSH |
//! | [`hash`] | the small fixed hashes all of these use |
//! | [`nfkc`] | Unicode NFKC (the platform's in the browser) |
//!
//! Where two uses legitimately want different answers (a word count for readers and a
//! weight for thresholds, character and pair units for CJK, two stop-word lists), both
//! live side by side here, named, with the reason. Pieces that similarity fingerprints are
//! made of are marked **frozen**: users' histories store fingerprints, so those pieces
//! change only with `similarity::FINGERPRINT_VERSION` (a test pins one fingerprint).
//!
//! The sentence splitter, the stemmers (and `links.rs`'s URL resolver) are hand-written
//! rather than crates (`unicode-segmentation`, `rust-stemmers`, `url`) for the wasm budget
//! and their output: BENCHMARKS.md, "Text layer", says what is known and what to measure.

pub mod hash;
pub(crate) mod nfkc;
pub mod script;
pub mod sentences;
pub mod shingles;
pub mod stem;
pub mod stopwords;
pub mod words;

/// Characters that render as nothing: soft hyphens, zero-width spaces and joiners, BOM.
/// Text made only of these and white space is empty to the eye.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}
