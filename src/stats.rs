//! Word counts and reading time.

use crate::article::ReadingTime;

/// Words in a text, by the convention of word processors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordCount {
    /// Whitespace-separated tokens outside CJK script.
    pub spaced: usize,
    /// Han, Hiragana and Katakana characters: one word each.
    pub cjk: usize,
}

impl WordCount {
    pub fn total(&self) -> usize {
        self.spaced + self.cjk
    }
}

/// Counts the words of a text (see [`WordCount`]).
pub fn count_words(text: &str) -> WordCount {
    let mut count = WordCount::default();
    for token in text.split_whitespace() {
        let mut in_spaced_run = false;
        for c in token.chars() {
            if is_cjk(c) {
                count.cjk += 1;
                in_spaced_run = false;
            } else if !in_spaced_run {
                count.spaced += 1;
                in_spaced_run = true;
            }
        }
    }
    count
}

/// Sums [`count_words`] over paragraphs.
pub fn count_words_in(paragraphs: &[String]) -> WordCount {
    paragraphs
        .iter()
        .map(|p| count_words(p))
        .fold(WordCount::default(), |a, b| WordCount { spaced: a.spaced + b.spaced, cjk: a.cjk + b.cjk })
}

/// Han, Hiragana and Katakana: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x309F // Hiragana
        | 0x30A0..=0x30FF // Katakana
        | 0x31F0..=0x31FF // Katakana phonetic extensions
        | 0x3400..=0x4DBF // CJK unified ideographs extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFF66..=0xFF9D // half-width Katakana
        | 0x20000..=0x2FA1F // CJK extensions B-F and compatibility supplement
    )
}

/// Silent reading of non-fiction, words per minute (Brysbaert 2019, "How many words do
/// we read per minute?", J. Memory and Language 109: 238 wpm).
const WORDS_PER_MINUTE: f64 = 238.0;

/// Reading time from a word count.
pub fn reading_time(words: &WordCount) -> ReadingTime {
    let minutes = words.total() as f64 / WORDS_PER_MINUTE;
    let whole = |m: f64| if words.total() == 0 { 0 } else { (m.round() as u32).max(1) };
    ReadingTime {
        minutes: whole(minutes),
        min_minutes: whole(minutes * 0.8),
        max_minutes: whole(minutes * 1.25),
        spaced_words: words.spaced,
        cjk_characters: words.cjk,
    }
}
