//! Unicode NFKC normalisation (full-width letters, ligatures, compatibility spaces…),
//! from the platform.
//!
//! Natively it comes from the `unicode-normalization` crate. In the browser the engine
//! borrows JavaScript's own `String.prototype.normalize("NFKC")`, installed by the
//! binding (`wasm_api`) when the module starts: the browser already ships these Unicode
//! tables, and a second copy would cost the wasm 56 KB gzipped, a seventh of its size
//! budget (measured: 483,555 → 427,255 bytes). Both follow the Unicode standard, so the
//! result is the same either way.

use std::borrow::Cow;

/// `text` in NFKC; borrowed when it already is.
#[cfg(not(target_arch = "wasm32"))]
pub fn nfkc(text: &str) -> Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
    if text.is_ascii() || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

#[cfg(target_arch = "wasm32")]
static PLATFORM_NFKC: std::sync::OnceLock<fn(&str) -> String> = std::sync::OnceLock::new();

/// Installs the platform's NFKC (the binding does, once).
#[cfg(target_arch = "wasm32")]
pub fn install(normalise: fn(&str) -> String) {
    let _ = PLATFORM_NFKC.set(normalise);
}

/// `text` in NFKC; unchanged if no platform normaliser was installed (only engine
/// calls that bypass the binding, such as wasm unit tests, can see that).
#[cfg(target_arch = "wasm32")]
pub fn nfkc(text: &str) -> Cow<'_, str> {
    match PLATFORM_NFKC.get() {
        Some(normalise) if !text.is_ascii() => Cow::Owned(normalise(text)),
        _ => Cow::Borrowed(text),
    }
}
