//! Script classes: which writing system a character belongs to, for the two questions the
//! engine asks of a text.
//!
//! - **Is it written without spaces between words?** Han (Chinese characters, Japanese
//!   kanji) and Kana ([`is_unspaced`]). Word counts, word iteration and the dedupe's
//!   word boundaries need another unit than the space for these.
//! - **Is it Chinese, Japanese or Korean?** The same plus Hangul ([`is_cjk`]). Korean
//!   separates words with spaces, but its paragraphs are as short in characters as
//!   Chinese and Japanese ones, which is what extraction asks about.
//!
//! The ranges are Unicode blocks, listed once here. Similarity fingerprints keep the class
//! they were made with ([`is_cjk_fingerprint_v1`]), because users' histories store them.

/// Han ideographs: the unified ideographs (BMP, extension A, extensions B-H on planes 2 and
/// 3), the compatibility ideographs and their supplement, and the iteration mark `々`,
/// which stands for the Han character before it.
pub fn is_han(c: char) -> bool {
    c == '々'
        || matches!(c as u32,
            0x3400..=0x4DBF // CJK unified ideographs extension A
            | 0x4E00..=0x9FFF // CJK unified ideographs
            | 0xF900..=0xFAFF // CJK compatibility ideographs
            | 0x20000..=0x323AF // CJK extensions B-H and compatibility supplement
        )
}

/// Hiragana and Katakana (Japanese only), the half-width forms included.
pub fn is_kana(c: char) -> bool {
    matches!(c as u32,
        0x3041..=0x309F // Hiragana
        | 0x30A1..=0x30FA | 0x30FC..=0x30FF // Katakana (not the middle dot ・, U+30FB, a punctuation mark)
        | 0x31F0..=0x31FF // Katakana phonetic extensions
        | 0xFF66..=0xFF9D // half-width Katakana
    )
}

/// Hangul syllables (Korean).
pub fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7AF)
}

/// Written without spaces between words: Han and Kana. Thai, Lao, Khmer and Myanmar are
/// too, but finding their words needs a dictionary; the engine reads them by their spaces
/// (between phrases), a documented limitation (`stats`).
pub fn is_unspaced(c: char) -> bool {
    is_han(c) || is_kana(c)
}

/// Thai, Lao, Myanmar and Khmer letters and marks: written without spaces between words
/// (a space ends a phrase or a sentence), with no dictionary here to find the words.
pub fn is_southeast_asian_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0E7F // Thai
        | 0x0E80..=0x0EFF // Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
    )
}

/// Chinese, Japanese or Korean: Han, Kana and Hangul.
pub fn is_cjk(c: char) -> bool {
    is_unspaced(c) || is_hangul(c)
}

/// The CJK class of similarity fingerprints, version 1: kana blocks (U+3040-30FF, the
/// middle dot included), the BMP's Han blocks and Hangul syllables, but not `々`, the
/// half-width Katakana or Han beyond the BMP. **Frozen**: fingerprints stored in users'
/// histories were made with it (`similarity::FINGERPRINT_VERSION`); a change of class is a
/// new fingerprint version.
pub fn is_cjk_fingerprint_v1(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK Extension A
        | 0x4E00..=0x9FFF // CJK Unified Ideographs
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0xF900..=0xFAFF) // CJK compatibility ideographs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        for c in ['東', '々', '𠀀', 'の', 'カ', 'ー', 'ｶ'] {
            assert!(is_unspaced(c) && is_cjk(c), "{c}");
        }
        for c in ['서', 'a', '・', '。', 'ก', ' '] {
            assert!(!is_unspaced(c), "{c}");
        }
        assert!(is_cjk('서') && !is_cjk('・') && !is_cjk('a'));
        // Version 1 of the fingerprint keeps its own class.
        assert!(is_cjk_fingerprint_v1('서') && is_cjk_fingerprint_v1('・'));
        assert!(!is_cjk_fingerprint_v1('々') && !is_cjk_fingerprint_v1('𠀀'));
    }
}
