//! Word counts and reading time.
//!
//! # Counting words
//! Pith counts words the way word processors do, so that its figure matches what a writer
//! sees in their editor:
//! - Scripts that separate words with spaces (Latin, Cyrillic, Greek, Arabic, Hebrew,
//!   Devanagari, **Hangul**, …): every whitespace-separated token is one word, punctuation
//!   tokens such as `--` included (the seed article's body is 251 words by this rule).
//! - Han, Hiragana and Katakana: every character is one word. Inside a token that contains
//!   them, each run of other characters counts one word if it has a letter or digit (`2024年`
//!   is two words, `iPhoneを` two), and runs of bare punctuation (`。`, `「`) count nothing.
//! - Thai, Lao, Khmer and Myanmar write words without spaces and use spaces between phrases
//!   or sentences; finding their word boundaries needs a dictionary, which would make the
//!   engine several times larger. We count them by spaces, like the spaced scripts, which
//!   counts phrases, so their word counts and reading times are *underestimates* (a phrase
//!   is typically several words). This is a documented limitation, not an accident.

use crate::article::ReadingTime;

/// Words in a text, by the convention of word processors (see the module notes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordCount {
    /// Whitespace-separated tokens, and letter/digit runs inside CJK tokens.
    pub spaced: usize,
    /// Han, Hiragana and Katakana characters: one word each.
    pub cjk: usize,
    /// Of `cjk`, the Hiragana and Katakana: their presence tells Japanese from Chinese,
    /// which are read at different rates.
    pub kana: usize,
}

impl WordCount {
    pub fn total(&self) -> usize {
        self.spaced + self.cjk
    }

    fn add(self, other: WordCount) -> WordCount {
        WordCount { spaced: self.spaced + other.spaced, cjk: self.cjk + other.cjk, kana: self.kana + other.kana }
    }
}

/// Counts the words of a text (see the module notes).
pub fn count_words(text: &str) -> WordCount {
    if text.is_ascii() {
        // Most text is ASCII: no CJK, so its words are its whitespace-separated tokens,
        // counted on bytes without decoding chars.
        return WordCount { spaced: count_ascii_tokens(text.as_bytes()), cjk: 0, kana: 0 };
    }
    let mut count = WordCount::default();
    for token in text.split_whitespace() {
        // An ASCII token (most of them even in non-ASCII text) holds no CJK.
        if token.is_ascii() || !token.chars().any(is_cjk) {
            count.spaced += 1;
            continue;
        }
        // A run of non-CJK characters between CJK ones: does it hold a letter or digit?
        let mut run_has_word = false;
        for c in token.chars() {
            if is_cjk(c) {
                count.cjk += 1;
                count.kana += usize::from(is_kana(c));
                count.spaced += usize::from(run_has_word);
                run_has_word = false;
            } else if c.is_alphanumeric() {
                run_has_word = true;
            }
        }
        count.spaced += usize::from(run_has_word);
    }
    count
}

/// The whitespace-separated tokens of ASCII text, as `str::split_whitespace` finds them:
/// Unicode White_Space within ASCII is exactly 0x09-0x0D and the space.
fn count_ascii_tokens(bytes: &[u8]) -> usize {
    let mut tokens = 0;
    let mut in_space = true;
    for &b in bytes {
        let space = crate::document::is_ascii_white_space(b);
        tokens += usize::from(in_space && !space);
        in_space = space;
    }
    tokens
}

/// Sums [`count_words`] over paragraphs.
pub fn count_words_in(paragraphs: &[String]) -> WordCount {
    paragraphs.iter().map(|p| count_words(p)).fold(WordCount::default(), WordCount::add)
}

/// Han, Hiragana and Katakana: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    is_kana(c)
        || c == '々' // the kanji iteration mark stands for a Han character
        || matches!(c as u32,
            0x3400..=0x4DBF // CJK unified ideographs extension A
            | 0x4E00..=0x9FFF // CJK unified ideographs
            | 0xF900..=0xFAFF // CJK compatibility ideographs
            | 0x20000..=0x323AF // CJK extensions B-H and compatibility supplement
        )
}

/// Hiragana and Katakana (Japanese only).
fn is_kana(c: char) -> bool {
    matches!(c as u32,
        0x3041..=0x309F // Hiragana
        | 0x30A1..=0x30FA | 0x30FC..=0x30FF // Katakana (not the middle dot ・, U+30FB, a punctuation mark)
        | 0x31F0..=0x31FF // Katakana phonetic extensions
        | 0xFF66..=0xFF9D // half-width Katakana
    )
}

/// Silent reading of English non-fiction by adults, words per minute: Brysbaert (2019),
/// "How many words do we read per minute? A review and meta-analysis of reading rate",
/// Journal of Memory and Language 109, 104047 (abstract: 238 wpm).
const WORDS_PER_MINUTE: f64 = 238.0;
/// Same source: "for silent reading of English non-fiction most adults fall in the range of
/// 175 to 300 wpm". The reading-time range is this spread, applied to every script.
const FAST_WORDS_PER_MINUTE: f64 = 300.0;
const SLOW_WORDS_PER_MINUTE: f64 = 175.0;

/// Chinese text, characters per minute: Trauzettel-Klosinski, Dietz & the IReST Study Group
/// (2012), "Standardized assessment of reading performance: the New International Reading
/// Speed Texts IReST", Invest. Ophthalmol. Vis. Sci. 53(9):5452-5461, doi:10.1167/iovs.11-8284,
/// Table 2: 255 ± 29 characters/min (158 words/min) for native Chinese readers, age 18-35.
/// IReST times reading *aloud* (stopwatch), slower than silent reading, so this errs long.
/// Checked against the paper's abstract (17 languages, read aloud, 863 ± 234 characters/min on
/// average) and two independent transcriptions of Table 2 (Yoast SEO's reading-time table:
/// Chinese 158 wpm, Japanese 357 cpm; a Qt reader's tests: Chinese 255 ± 29).
const CHINESE_CHARS_PER_MINUTE: f64 = 255.0;
/// Japanese text (kanji and kana), characters per minute: the same study and table,
/// 357 characters/min for native Japanese readers (36 readers; also read aloud).
const JAPANESE_CHARS_PER_MINUTE: f64 = 357.0;

/// Reading time from a word count: spaced words at [`WORDS_PER_MINUTE`], CJK characters at
/// the Japanese rate when the text has kana and the Chinese rate otherwise. The range
/// scales both by Brysbaert's spread of adult readers.
pub fn reading_time(words: &WordCount) -> ReadingTime {
    let cjk_rate = if words.kana > 0 { JAPANESE_CHARS_PER_MINUTE } else { CHINESE_CHARS_PER_MINUTE };
    let minutes = words.spaced as f64 / WORDS_PER_MINUTE + words.cjk as f64 / cjk_rate;
    // Whole minutes, rounded, and never "0 min" for an article that has words.
    let whole = |m: f64| if words.total() == 0 { 0 } else { (m.round() as u32).max(1) };
    ReadingTime {
        minutes: whole(minutes),
        min_minutes: whole(minutes * WORDS_PER_MINUTE / FAST_WORDS_PER_MINUTE),
        max_minutes: whole(minutes * WORDS_PER_MINUTE / SLOW_WORDS_PER_MINUTE),
        spaced_words: words.spaced,
        cjk_characters: words.cjk,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(text: &str) -> usize {
        count_words(text).total()
    }

    #[test]
    fn spaced_tokens_count_one_each_punctuation_included() {
        assert_eq!(total("Rafah is packed -- nearly 1.5 million."), 7);
        assert_eq!(total("  \n\t "), 0);
    }

    #[test]
    fn cjk_characters_count_one_each_punctuation_nothing() {
        assert_eq!(count_words("東京は晴れ。"), WordCount { spaced: 0, cjk: 5, kana: 2 });
        assert_eq!(total("「今日」"), 2);
        // 2024, 年, に, iPhone, を, 買, っ, た
        assert_eq!(total("2024年にiPhoneを買った。"), 8);
    }

    #[test]
    fn hangul_counts_by_spaces() {
        assert_eq!(total("서울은 한국의 수도입니다."), 3);
    }

    #[test]
    fn thai_counts_by_spaces() {
        assert_eq!(total("ประเทศไทย มีประชากร"), 2);
    }

    /// The ASCII fast path counts as the general path does (whitespace 0x09-0x0D and
    /// space, nothing else), on ASCII and on mixed text.
    #[test]
    fn ascii_fast_path_agrees_with_the_general_path() {
        let general = |text: &str| text.split_whitespace().count();
        let samples = [
            "",
            " ",
            "one",
            " two  words ",
            "tab\tnew\nline\rcr\x0bvt\x0cff end",
            "ctrl\x1fnot\x1cspace -- 1.5 !",
            "\x0b\x0c\r\n\t lead and trail \t\n",
            "\x00nul\x7fdel",
        ];
        for text in samples {
            assert_eq!(count_words(text).spaced, general(text), "{text:?}");
            // The same words followed by a non-ASCII one take the general path.
            let mixed = format!("{text} café\u{a0}naïve\u{2003}x");
            assert_eq!(count_words(&mixed).spaced, general(text) + 3, "{mixed:?}");
        }
    }

    #[test]
    fn reading_time_uses_the_right_rate_and_a_range() {
        let english = WordCount { spaced: 2380, cjk: 0, kana: 0 };
        let t = reading_time(&english);
        assert_eq!((t.minutes, t.min_minutes, t.max_minutes), (10, 8, 14));
        let chinese = WordCount { spaced: 0, cjk: 2550, kana: 0 };
        assert_eq!(reading_time(&chinese).minutes, 10);
        let japanese = WordCount { spaced: 0, cjk: 3570, kana: 1000 };
        assert_eq!(reading_time(&japanese).minutes, 10);
        assert_eq!(reading_time(&WordCount::default()).minutes, 0);
        assert_eq!(reading_time(&WordCount { spaced: 3, cjk: 0, kana: 0 }).minutes, 1);
    }
}
