//! Text normalisation: what two copies of a paragraph still share after a site, a
//! syndication feed or an editor has touched one of them.

use std::borrow::Cow;

use crate::text::nfkc::nfkc;

/// The comparison form of a paragraph: Unicode NFKC (full-width letters, ligatures,
/// non-breaking spaces…), lower case, one kind of quote and of dash, whitespace runs
/// collapsed to one space, invisible characters dropped, no trailing punctuation.
pub fn normalise(text: &str) -> String {
    if text.is_ascii() {
        return normalise_ascii(text);
    }
    // NFKC is the costly step; most paragraphs are already in NFKC.
    let text: Cow<str> = nfkc(text);
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        let c = fold_punctuation(c);
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    trim_trailing_punctuation(out)
}

/// The same for ASCII text (most paragraphs of most pages), byte by byte: ASCII is
/// already NFKC and has no curly quotes, dashes or invisible characters.
fn normalise_ascii(text: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut pending_space = false;
    for b in text.bytes() {
        if b.is_ascii_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(b' ');
            pending_space = false;
        }
        out.push(b.to_ascii_lowercase());
    }
    // ASCII bytes in, ASCII bytes out: always valid UTF-8.
    trim_trailing_punctuation(String::from_utf8(out).unwrap_or_default())
}

/// "He left." and "He left" are the same paragraph; so are `said: "yes."` and `said: "yes"`.
fn trim_trailing_punctuation(mut s: String) -> String {
    let end = s.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    s.truncate(end);
    s
}

/// The normalised text without its leading and trailing punctuation: the part of a
/// pull quote that must appear inside the paragraph it quotes (the quote marks
/// around a pull quote are usually not in the body).
pub fn core(normalised: &str) -> &str {
    normalised.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Characters that render as nothing: soft hyphens, zero-width spaces and joiners, BOM.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Curly, low, angle and prime quotes become `'` or `"`; hyphens, dashes and the minus
/// sign become `-`. Editors and CMSs change these freely between copies.
fn fold_punctuation(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2039}' | '\u{203A}' | '`' | '\u{00B4}' => {
            '\''
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' | '\u{300C}'
        | '\u{300D}' | '\u{300E}' | '\u{300F}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => '-',
        other => other,
    }
}

/// Han ideographs, Hiragana and Katakana: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{2FA1F}')
}

/// A letter or digit of a script that separates words with spaces: a match that ends
/// or starts next to one of these has cut a word in two.
pub fn is_spaced_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// How much text a paragraph holds, in words: space-separated words with a letter in
/// them (a run of figures such as "2, 3, 5" is data, not prose), plus one word for every
/// two CJK characters (a CJK word is one to three characters, two on average).
pub fn word_weight(normalised: &str) -> usize {
    if normalised.is_ascii() {
        // The common case without decoding characters: words with an ASCII letter.
        let words = normalised.split(' ').filter(|w| w.bytes().any(|b| b.is_ascii_alphabetic()));
        return words.count();
    }
    let mut words = 0;
    let mut cjk: usize = 0;
    for token in normalised.split(' ') {
        let mut has_letter = false;
        for c in token.chars() {
            if is_cjk(c) {
                cjk += 1;
            } else if c.is_alphabetic() {
                has_letter = true;
            }
        }
        words += usize::from(has_letter);
    }
    words + cjk.div_ceil(2)
}

/// The words of a normalised text: runs of letters and digits, and each CJK character
/// on its own (CJK has no spaces to find words by).
pub fn tokens(normalised: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in normalised.char_indices() {
        let cjk = is_cjk(c);
        if !c.is_alphanumeric() || cjk {
            if let Some(s) = start.take() {
                out.push(&normalised[s..i]);
            }
            if cjk {
                out.push(&normalised[i..i + c.len_utf8()]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(&normalised[s..]);
    }
    out
}

/// Does the text open or close with an ellipsis (inside any quote marks)? That marks
/// an excerpt the author made on purpose: a partial quote, not a copy.
pub fn has_ellipsis_edge(text: &str) -> bool {
    let not_word = |c: char| !c.is_alphanumeric();
    let start = text.len() - text.trim_start_matches(not_word).len();
    let end = text.trim_end_matches(not_word).len().max(start);
    let (head, tail) = (&text[..start], &text[end..]);
    [head, tail].iter().any(|edge| edge.contains('\u{2026}') || edge.contains("..."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_quotes_dashes_whitespace_and_trailing_punctuation() {
        assert_eq!(
            normalise("  \u{201C}No desire\u{201D} \u{2014} he  SAID\u{00A0}it\u{2019}s over\u{2026}  "),
            normalise("\"no desire\" - he said it's over.")
        );
        assert_eq!(normalise("He left."), "he left");
        assert_eq!(normalise("ｆｕｌｌ ｗｉｄｔｈ"), "full width");
        assert_eq!(normalise("soft\u{00AD}hyphen zero\u{200B}width"), "softhyphen zerowidth");
        assert_eq!(normalise("?!"), "");
    }

    #[test]
    fn core_drops_surrounding_quotes() {
        assert_eq!(core("\"i have no desire\""), "i have no desire");
    }

    #[test]
    fn tokens_split_words_and_cjk_characters() {
        assert_eq!(tokens("\"no\" desire, 272-219"), ["no", "desire", "272", "219"]);
        assert_eq!(tokens("东京ab是"), ["东", "京", "ab", "是"]);
    }

    #[test]
    fn ellipsis_edges() {
        assert!(has_ellipsis_edge("\u{201C}\u{2026} Fares have increased.\u{201D}"));
        assert!(has_ellipsis_edge("and then they left..."));
        assert!(!has_ellipsis_edge("Wait... then they left."));
    }

    #[test]
    fn word_weight_counts_cjk_characters_by_pairs() {
        assert_eq!(word_weight("a: yes"), 2);
        assert_eq!(word_weight("东京是日本的首都"), 4);
        assert_eq!(word_weight("- -- 42"), 0);
        assert_eq!(word_weight("2, 3, 5, 2, 3, 12"), 0);
    }
}
