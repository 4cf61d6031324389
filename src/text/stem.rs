//! Stemming: folding a word's endings so that its forms meet ("elections" and "election").
//!
//! Two stemmers, both English-only and deliberately light, because they serve different
//! ends and each is pinned by what depends on it:
//! - [`strip_endings`]: the summary's terms. Cuts `-ing`, `-ed`, `-es`, `-s` from any word
//!   and returns a slice (no allocation: the summary reads every word of the article).
//!   Over-stemming ("approv", "vot") costs nothing there, since stems only need to meet
//!   within one article. Porter stemming was measured and did not help (BENCHMARKS.md,
//!   issue 5).
//! - [`light_english`]: similarity fingerprints' terms. Folds plurals and the commonest
//!   verb endings conservatively ("business", "status" stay). **Frozen**: fingerprints in
//!   users' histories hold hashes of its stems (`similarity::FINGERPRINT_VERSION`).
//!
//! Not a Snowball stemmer (`rust-stemmers`), measured as a variant on 6 Dec 2026: +4,093 B
//! gzipped (over the wasm budget), +36.5 % instructions, CNN/DM R1 lower on all 5 folds; and
//! a new stemmer is a new fingerprint version (BENCHMARKS.md, "Home-made or a crate").

use std::borrow::Cow;

/// The summary's stemmer: the first of `-ing`, `-ed`, `-es`, `-s` that leaves at least
/// three characters of stem.
pub fn strip_endings(word: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        // Keep at least three characters of stem: "sing" and "bus" stay whole.
        if word.len() > suffix.len() + 2 && word.is_char_boundary(word.len() - suffix.len()) {
            if let Some(stem) = word.strip_suffix(suffix) {
                return stem;
            }
        }
    }
    word
}

/// The fingerprint's stemmer: plurals and the commonest verb endings of ASCII words of five
/// letters or more, so that "elections"/"election" and "talks"/"talked" meet.
/// **Frozen** for fingerprint version 1.
pub fn light_english(word: &str) -> Cow<'_, str> {
    if !word.is_ascii() || word.len() <= 4 {
        return Cow::Borrowed(word);
    }
    for (suffix, replacement) in [("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("s", "")] {
        if let Some(base) = word.strip_suffix(suffix) {
            if suffix == "s" && (base.ends_with('s') || base.ends_with('u') || base.ends_with('i')) {
                continue; // "business", "status", "analysis"
            }
            if base.len() >= 3 {
                return if replacement.is_empty() {
                    Cow::Borrowed(base)
                } else {
                    Cow::Owned(format!("{base}{replacement}"))
                };
            }
        }
    }
    Cow::Borrowed(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_endings_keeps_three_characters() {
        let stems: Vec<&str> =
            ["councils", "approved", "budgets", "voting", "sing", "bus", "buses"].map(strip_endings).to_vec();
        assert_eq!(stems, ["council", "approv", "budget", "vot", "sing", "bus", "bus"]);
    }

    #[test]
    fn light_english_folds_plurals_and_verb_endings() {
        assert_eq!(light_english("elections"), "election");
        assert_eq!(light_english("talked"), "talk");
        assert_eq!(light_english("business"), "business");
        assert_eq!(light_english("companies"), "company");
    }
}
