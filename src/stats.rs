//! Word counts and reading time.
//!
//! # Counting words
//! Pith counts words the way word processors do, so that its figure matches what a writer
//! sees in their editor (the count itself is the text layer's, `text::words::count_words`):
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
use crate::text::words::{WordCount, count_words};

/// Sums [`count_words`] over paragraphs.
pub fn count_words_in(paragraphs: &[String]) -> WordCount {
    paragraphs.iter().map(|p| count_words(p)).fold(WordCount::default(), |sum, count| sum + count)
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
        assert_eq!(count_words_in(&["one two".into(), "東京".into()]).total(), 4);
    }
}
