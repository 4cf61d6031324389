//! Words: iterating over them, and counting them.
//!
//! # What a word is
//! A word is a run of letters and digits (`char::is_alphanumeric`): punctuation, spaces and
//! symbols separate words. Scripts written without spaces (Han, Kana: [`script::is_unspaced`])
//! have no such runs, so their text is cut into units of one of two sizes, named by
//! [`CjkUnit`]:
//! - [`CjkUnit::Character`]: each character is a word. For matching words one for one
//!   (the dedupe's check that a near copy changed only a word or two).
//! - [`CjkUnit::Bigram`]: overlapping character pairs (`東京都` → `東京`, `京都`), a lone
//!   character standing for itself. Most Chinese and Japanese words are two characters,
//!   so pairs make better terms than characters (the summary's and the fingerprint's terms).
//!
//! # How many words a text has
//! Two counts, for two readers:
//! - [`count_words`]: the convention of word processors, so that the figure a reader sees
//!   matches their editor's: every whitespace-separated token is a word, punctuation tokens
//!   such as `--` included, and every Han or Kana character is a word. A Thai, Lao, Myanmar
//!   or Khmer token (a phrase: no dictionary here to find its words) counts its characters
//!   over [`SOUTHEAST_ASIAN_CHARS_PER_COUNTED_WORD`], as an editor's segmenter would about.
//! - [`word_weight`]: how much prose a paragraph holds, for the dedupe's "too short to be a
//!   copy" thresholds: tokens with a letter (a row of figures is data, not prose), and one
//!   word per two Han or Kana characters (a Chinese or Japanese word is one to three
//!   characters, two on average), and one per [`SOUTHEAST_ASIAN_CHARS_PER_WORD`] Thai,
//!   Lao, Myanmar or Khmer characters (their spaces end phrases, not words), and one per
//!   [`HANGUL_CHARS_PER_WORD`] Hangul syllables (the dedupe's form drops Korean spaces).

use super::script;

/// Thai, Lao, Myanmar and Khmer characters (vowel and tone marks included) per word, for
/// [`word_weight`]: a Thai word is about three to five code points. Counted by their spaces
/// only, a Thai paragraph of eighty words weighs the three or four phrases its spaces end,
/// never enough to be a copy. The high end of the range, so that a short Thai line (a
/// label, a caption) stays below the dedupe's thresholds.
pub const SOUTHEAST_ASIAN_CHARS_PER_WORD: usize = 5;

/// Thai, Lao, Myanmar and Khmer characters per word for [`count_words`], the figure a
/// reader sees: the average word, not the high end. A browser's dictionary segmenter
/// (`Intl.Segmenter`, Thai) finds 254 words in the 1,035 Thai code points of
/// `tests/pages/news-thai` (4.1 each); counted by their spaces, that article had 39 words.
pub const SOUTHEAST_ASIAN_CHARS_PER_COUNTED_WORD: usize = 4;

/// Hangul syllables per word, for [`word_weight`]: a Korean word (a stem and its particles,
/// between two spaces) is about three syllables. The dedupe drops the spaces between
/// Hangul syllables (writers space Korean differently), so they are counted, not the spaces.
pub const HANGUL_CHARS_PER_WORD: usize = 3;

/// The unit into which text written without spaces (Han, Kana) is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CjkUnit {
    /// Each character is a word.
    Character,
    /// Overlapping character pairs; a lone character is a word of its own.
    Bigram,
}

/// The letter/digit runs of a text (`char::is_alphanumeric`), as slices. ASCII bytes are
/// judged as they are; only other characters are decoded (most of a news text is ASCII).
pub fn alphanumeric_runs(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        // Whether the char at `i` is alphanumeric, and its length.
        let alphanumeric_at = |i: usize| -> (bool, usize) {
            match bytes[i] {
                b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
                _ => text[i..].chars().next().map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
            }
        };
        while i < bytes.len() {
            let (word, len) = alphanumeric_at(i);
            if word {
                break;
            }
            i += len;
        }
        if i == bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() {
            let (word, len) = alphanumeric_at(i);
            if !word {
                break;
            }
            i += len;
        }
        Some(&text[start..i])
    })
}

/// The words of a text, as slices of it, in order: letter/digit runs, with the characters
/// that `unspaced` accepts cut out of them into `unit`s (see the module notes). The class
/// is a parameter because similarity fingerprints keep the one they were made with
/// ([`script::is_cjk_fingerprint_v1`]); everything else passes [`script::is_unspaced`].
pub fn words(text: &str, unspaced: fn(char) -> bool, unit: CjkUnit) -> Words<'_> {
    Words { text, at: 0, unspaced, unit, run: None, apostrophes_inside: false }
}

/// As [`words`], with apostrophes (`'`, `’`) inside words rather than between them:
/// "Israel's" is one word, `Israel's` as a slice (the caller drops the apostrophe), and an
/// apostrophe ends nothing, not even a run of CJK pairs. The fingerprint's words.
pub fn words_with_apostrophes(text: &str, unspaced: fn(char) -> bool, unit: CjkUnit) -> Words<'_> {
    Words { text, at: 0, unspaced, unit, run: None, apostrophes_inside: true }
}

/// Is `c` an apostrophe (straight or typographic)?
pub fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The iterator of [`words`].
pub struct Words<'a> {
    text: &'a str,
    /// Byte offset of the next character to read.
    at: usize,
    unspaced: fn(char) -> bool,
    unit: CjkUnit,
    /// In a run of unspaced characters cut into bigrams: where its last character starts,
    /// and whether it is the run's only one so far (a lone character is a word itself).
    run: Option<(usize, bool)>,
    /// Apostrophes are part of whatever they stand in ([`words_with_apostrophes`]).
    apostrophes_inside: bool,
}

/// What a character is to [`Words`].
enum Class {
    Word,
    Unspaced,
    Separator,
    /// Neither ends nor starts anything: an apostrophe in [`words_with_apostrophes`].
    Inside,
}

impl<'a> Words<'a> {
    #[inline]
    fn class(&self, c: char) -> Class {
        // ASCII first (most characters): no ASCII character is unspaced.
        if c.is_ascii_alphanumeric() {
            Class::Word
        } else if self.apostrophes_inside && is_apostrophe(c) {
            Class::Inside
        } else if c.is_ascii() {
            Class::Separator
        } else if (self.unspaced)(c) {
            Class::Unspaced
        } else if c.is_alphanumeric() {
            Class::Word
        } else {
            Class::Separator
        }
    }

    /// The character at byte `at`: an ASCII byte as it is, others decoded.
    #[inline]
    fn char_at(&self, at: usize) -> Option<char> {
        match self.text.as_bytes().get(at) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => self.text[at..].chars().next(),
            None => None,
        }
    }

    /// Ends a run of bigrams: its only character when it had one.
    fn end_run(&mut self) -> Option<&'a str> {
        match self.run.take() {
            Some((start, true)) => Some(&self.text[start..self.at]),
            _ => None,
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            if self.run.is_none() {
                // Outside a CJK run, ASCII separators (spaces, most punctuation) by the byte.
                let bytes = self.text.as_bytes();
                while bytes.get(self.at).is_some_and(|&b| {
                    b.is_ascii() && !b.is_ascii_alphanumeric() && !(self.apostrophes_inside && b == b'\'')
                }) {
                    self.at += 1;
                }
            }
            let Some(c) = self.char_at(self.at) else {
                return self.end_run();
            };
            let start = self.at;
            match self.class(c) {
                Class::Inside => self.at += c.len_utf8(),
                Class::Separator => {
                    let lone = self.end_run();
                    self.at += c.len_utf8();
                    if lone.is_some() {
                        return lone;
                    }
                }
                Class::Unspaced => {
                    self.at += c.len_utf8();
                    match (self.unit, self.run) {
                        (CjkUnit::Character, _) => return Some(&self.text[start..self.at]),
                        (CjkUnit::Bigram, Some((previous, _))) => {
                            self.run = Some((start, false));
                            return Some(&self.text[previous..self.at]);
                        }
                        (CjkUnit::Bigram, None) => self.run = Some((start, true)),
                    }
                }
                Class::Word => {
                    // A lone unspaced character before the word goes first; the word is
                    // read on the next call.
                    if let Some(lone) = self.end_run() {
                        return Some(lone);
                    }
                    self.run = None;
                    let bytes = self.text.as_bytes();
                    loop {
                        // ASCII letters and digits by the byte: most of a word.
                        while bytes.get(self.at).is_some_and(u8::is_ascii_alphanumeric) {
                            self.at += 1;
                        }
                        match self.char_at(self.at).map(|c| (c, self.class(c))) {
                            Some((c, Class::Word | Class::Inside)) => self.at += c.len_utf8(),
                            _ => break,
                        }
                    }
                    return Some(&self.text[start..self.at]);
                }
            }
        }
    }
}

/// A letter or digit of a script that separates words with spaces: a match that ends or
/// starts next to one of these has cut a word in two.
pub fn is_spaced_word_char(c: char) -> bool {
    c.is_alphanumeric() && !script::is_unspaced(c)
}

/// The overlapping character pairs of a run, as slices of it; a lone character stands for
/// itself. Every character of the run counts, whatever its script (see `summary::terms`).
pub fn bigrams<'a>(run: &'a str, out: &mut Vec<&'a str>) {
    let starts: Vec<usize> = run.char_indices().map(|(i, _)| i).chain([run.len()]).collect();
    if starts.len() == 2 {
        out.push(run);
    }
    out.extend(starts.windows(3).map(|w| &run[w[0]..w[2]]));
}

/// Words in a text, by the convention of word processors (see the module notes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordCount {
    /// Whitespace-separated tokens, and letter/digit runs inside tokens with Han or Kana.
    pub spaced: usize,
    /// Han and Kana characters: one word each.
    pub cjk: usize,
    /// Of `cjk`, the Kana: their presence tells Japanese from Chinese, which are read at
    /// different rates.
    pub kana: usize,
}

impl WordCount {
    pub fn total(&self) -> usize {
        self.spaced + self.cjk
    }
}

impl std::ops::Add for WordCount {
    type Output = WordCount;

    fn add(self, other: WordCount) -> WordCount {
        WordCount { spaced: self.spaced + other.spaced, cjk: self.cjk + other.cjk, kana: self.kana + other.kana }
    }
}

/// Counts the words of a text as word processors do: whitespace-separated tokens, each
/// Han or Kana character one word; inside a token that has them, each run of other
/// characters counts one word if it has a letter or digit (`2024年` is two words,
/// `iPhoneを` two), and runs of bare punctuation (`。`, `「`) count nothing.
pub fn count_words(text: &str) -> WordCount {
    if text.is_ascii() {
        // Most text is ASCII: no CJK, so its words are its whitespace-separated tokens,
        // counted on bytes without decoding chars.
        return WordCount { spaced: count_ascii_tokens(text.as_bytes()), cjk: 0, kana: 0 };
    }
    let mut count = WordCount::default();
    for token in text.split_whitespace() {
        // An ASCII token (most of them even in non-ASCII text) holds no CJK.
        if token.is_ascii() || !token.chars().any(script::is_unspaced) {
            // A Thai (Lao, Myanmar, Khmer) token is a phrase: its words by their average length.
            let southeast_asian = token.chars().filter(|&c| script::is_southeast_asian_unspaced(c)).count();
            let per_word = SOUTHEAST_ASIAN_CHARS_PER_COUNTED_WORD;
            count.spaced += ((southeast_asian + per_word / 2) / per_word).max(1);
            continue;
        }
        // A run of other characters between Han or Kana ones: does it hold a letter or digit?
        let mut run_has_word = false;
        for c in token.chars() {
            if script::is_unspaced(c) {
                count.cjk += 1;
                count.kana += usize::from(script::is_kana(c));
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

/// How much prose a text holds, in words (see the module notes): its space-separated
/// tokens that have a letter, plus one word for every two Han or Kana characters. For text
/// whose whitespace is single spaces (the dedupe's normalised form).
pub fn word_weight(text: &str) -> usize {
    // One pass, tokens ending at each space: (words so far, does the open token have a letter).
    let (mut words, mut has_letter) = (0, false);
    if text.is_ascii() {
        // The common case without decoding characters: words with an ASCII letter.
        for &b in text.as_bytes() {
            if b == b' ' {
                words += usize::from(std::mem::take(&mut has_letter));
            } else {
                has_letter |= b.is_ascii_alphabetic();
            }
        }
        return words + usize::from(has_letter);
    }
    let (mut cjk, mut southeast_asian, mut hangul): (usize, usize, usize) = (0, 0, 0);
    for c in text.chars() {
        if c == ' ' {
            words += usize::from(std::mem::take(&mut has_letter));
        } else if script::is_unspaced(c) {
            cjk += 1;
        } else if script::is_hangul(c) {
            hangul += 1;
        } else if script::is_southeast_asian_unspaced(c) {
            southeast_asian += 1;
        } else {
            has_letter |= c.is_alphabetic();
        }
    }
    words
        + usize::from(has_letter)
        + cjk.div_ceil(2)
        + southeast_asian.div_ceil(SOUTHEAST_ASIAN_CHARS_PER_WORD)
        + hangul.div_ceil(HANGUL_CHARS_PER_WORD)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::script::{is_cjk_fingerprint_v1, is_unspaced};

    fn all(text: &str, unit: CjkUnit) -> Vec<&str> {
        words(text, is_unspaced, unit).collect()
    }

    #[test]
    fn words_split_at_non_alphanumerics_and_cut_cjk() {
        assert_eq!(all("\"no\" desire, 272-219", CjkUnit::Character), ["no", "desire", "272", "219"]);
        assert_eq!(all("东京ab是", CjkUnit::Character), ["东", "京", "ab", "是"]);
        assert_eq!(all("東京都 news 日 it's", CjkUnit::Bigram), ["東京", "京都", "news", "日", "it", "s"]);
        assert_eq!(all("2024年に東x", CjkUnit::Bigram), ["2024", "年に", "に東", "x"]);
        assert_eq!(all("日", CjkUnit::Bigram), ["日"]);
        assert_eq!(all("", CjkUnit::Bigram), [""; 0]);
        // The class is the caller's: Hangul is cut only by the fingerprint's.
        assert_eq!(all("서울 市", CjkUnit::Bigram), ["서울", "市"]);
        let v1: Vec<&str> = words("서울 市", is_cjk_fingerprint_v1, CjkUnit::Bigram).collect();
        assert_eq!(v1, ["서울", "市"]);
        let v1: Vec<&str> = words("서울은", is_cjk_fingerprint_v1, CjkUnit::Bigram).collect();
        assert_eq!(v1, ["서울", "울은"]);
        // Apostrophes inside: in words and in CJK runs alike, never a word of their own.
        let inside: Vec<&str> = words_with_apostrophes("it's 'q' 東'京 日' ’", is_unspaced, CjkUnit::Bigram).collect();
        assert_eq!(inside, ["it's", "q'", "東'京", "日'"]);
    }

    /// Without unspaced characters, words are the alphanumeric runs.
    #[test]
    fn words_are_the_alphanumeric_runs() {
        for text in ["", "a", " the councils, 5-2. ", "café naïve—x²y ½ ٣٤ «q»", "\u{a0}é\u{300}e"] {
            let expected: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            assert_eq!(alphanumeric_runs(text).collect::<Vec<_>>(), expected, "{text:?}");
            assert_eq!(all(text, CjkUnit::Bigram), expected, "{text:?}");
        }
    }

    #[test]
    fn bigrams_of_a_run() {
        let mut out = Vec::new();
        bigrams("東京都", &mut out);
        bigrams("日", &mut out);
        assert_eq!(out, ["東京", "京都", "日"]);
    }

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
    fn hangul_counts_by_spaces_thai_by_average_word_length() {
        assert_eq!(total("서울은 한국의 수도입니다."), 3);
        // Two phrases, four words ("Thailand | has population", a segmenter's ประเทศ ไทย
        // มี ประชากร): 9 code points each, counted 2 + 2.
        assert_eq!(total("ประเทศไทย มีประชากร"), 4);
        // A lone short phrase is still a word.
        assert_eq!(total("ครับ"), 1);
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
    fn word_weight_counts_lettered_tokens_and_cjk_pairs() {
        assert_eq!(word_weight("a: yes"), 2);
        assert_eq!(word_weight("东京是日本的首都"), 4);
        // Thai: one word per five characters, its space ending a phrase ("the governor
        // ordered the schools closed for two days", 44 code points).
        assert_eq!(word_weight("ผู้ว่าราชการจังหวัดสั่งให้โรงเรียนหยุด สองวัน"), 9);
        // Korean: one word per three syllables, spaced or not ("the capital of Korea").
        assert_eq!(word_weight("서울은 한국의 수도입니다"), 4);
        assert_eq!(word_weight("서울은한국의수도입니다"), 4);
        assert_eq!(word_weight("- -- 42"), 0);
        assert_eq!(word_weight("2, 3, 5, 2, 3, 12"), 0);
    }
}
