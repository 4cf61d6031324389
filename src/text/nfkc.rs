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

/// Characters that are their own NFKC wherever they stand: NFKC quick check "Yes" and
/// combining class 0, so a text made only of them is already in NFKC (a unit test checks
/// every one against the Unicode tables). Most news text, in most scripts, is made only
/// of these; in the browser, skipping the call into JavaScript for it halves the cost of
/// de-duplication's normalisation.
fn is_stable(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x7F          // ASCII
        | 0xC0..=0xFF        // Latin-1 letters (À-ÿ, × and ÷)
        | 0x100..=0x131 | 0x134..=0x13E | 0x141..=0x148 | 0x14A..=0x17E // Latin Extended-A
        | 0x391..=0x3A1 | 0x3A3..=0x3A9 | 0x3B1..=0x3C9 // Greek letters
        | 0x400..=0x45F      // Cyrillic
        | 0x5D0..=0x5EA      // Hebrew letters
        | 0x621..=0x63A | 0x641..=0x64A // Arabic letters
        | 0x2010 | 0x2012..=0x2016 | 0x2018..=0x2023 | 0x2030 | 0x2039 | 0x203A | 0x20AC // dashes, quotes, bullets, ‰, ‹›, €
        | 0x3001..=0x3003 | 0x3008..=0x3011 // CJK punctuation and brackets
        | 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x30FC // Hiragana, Katakana
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xAC00..=0xD7A3) // Hangul syllables
}

/// `text` in NFKC; borrowed when it already is.
#[cfg(not(target_arch = "wasm32"))]
pub fn nfkc(text: &str) -> Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
    if text.chars().all(is_stable) || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
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
        Some(normalise) if !text.chars().all(is_stable) => Cow::Owned(normalise(text)),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{IsNormalized, is_nfkc_quick};

    #[test]
    fn stable_characters_are_their_own_nfkc_anywhere() {
        let stable: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| super::is_stable(c)).collect();
        assert!(stable.len() > 30_000);
        for c in stable {
            assert_eq!(is_nfkc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", c as u32);
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
        }
    }
}
