//! Text normalisation: what two copies of a paragraph still share after a site, a
//! syndication feed or an editor has touched one of them.

use std::borrow::Cow;

use crate::text::is_invisible;
use crate::text::nfkc::nfkc;
use crate::text::script::{is_hangul, is_unspaced};

/// The comparison form of a paragraph: Unicode NFKC (full-width letters, ligatures,
/// non-breaking spaces…), lower case, one kind of quote and of dash, whitespace runs
/// collapsed to one space, invisible characters dropped, no trailing punctuation.
/// Chinese and Japanese are written without spaces, so a space beside one of their
/// characters is typesetting, not text: it is dropped ("表示，新" and "表示, 新", "使用
/// iPhone" and "使用iPhone" are one text), and their full stop and enumeration comma fold
/// to `.` and `,` as NFKC folds the full-width comma. Korean is spaced, but where is a
/// matter of the writer ("할 수 있다", "할수 있다"): a space between two Hangul syllables is
/// dropped too. A paragraph opening with a speaker's label (`speaker_label`) compares
/// without it; figures in any script's digits compare as ASCII digits (`fold_digit`);
/// letters a house style or a typesetter writes otherwise compare as one (`push_folded`:
/// ß and ss, Turkish capitals, Arabic and Hebrew vowel marks). A feed that escaped its text
/// twice shows character references as text ("We&#8217;ve"): they are read as what they
/// stand for (`decode_references`); Markdown a front end printed raw is read as the text
/// it marks up (`read_markdown`). A word hyphenated across a line break ("com- munity",
/// a PDF's lines) is read whole (`join_broken_words`).
pub fn normalise(text: &str) -> String {
    let text = text.trim_start();
    let text = &text[speaker_label(text)..];
    let text = decode_references(text);
    let text = read_markdown(&text);
    if text.is_ascii() {
        return join_broken_words(normalise_ascii(&text));
    }
    // NFKC is the costly step; most paragraphs are already in NFKC.
    let text: Cow<str> = nfkc(&text);
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // Was the last character pushed one of an unspaced script? A Hangul syllable?
    let (mut after_unspaced, mut after_hangul) = (false, false);
    for c in text.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty() && !after_unspaced;
            continue;
        }
        let hangul = is_hangul(c);
        after_unspaced = is_unspaced(c);
        if pending_space && !after_unspaced && !(hangul && after_hangul) {
            out.push(' ');
        }
        after_hangul = hangul;
        pending_space = false;
        let c = fold_digit(fold_punctuation(c));
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            push_folded(c, &mut out);
        }
    }
    join_broken_words(trim_trailing_punctuation(out))
}

/// Appends the lower case of a non-ASCII letter, folded where two spellings of one text
/// differ only in it: ß (and capital ẞ) as "ss", as Swiss German writes it ("Straße",
/// "Strasse"); Turkish İ and ı as "i", so that a line in capitals ("İSTANBUL'DA KAR
/// YAĞIŞI") reads as the same words in lower case ("İstanbul'da kar yağışı"), which
/// plain lower-casing does not give ("i̇", and "i" for "ı"). Arabic's and Hebrew's vowel
/// and reading marks (tashkeel, niqqud), which an agency or a learner's copy adds to some
/// words, and the tatweel that stretches a word to justify a line, are not compared.
fn push_folded(c: char, out: &mut String) {
    match c {
        'ß' | 'ẞ' => out.push_str("ss"),
        'İ' | 'ı' => out.push('i'),
        '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'
        | '\u{05C2}'
        | '\u{05C4}'
        | '\u{05C5}'
        | '\u{05C7}'
        | '\u{0640}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}' => {}
        _ => pith_lowercase::push_lowercase(c, out),
    }
}

/// Character references that a feed escaped twice leave in the text ("We&#8217;ve",
/// "Ferris &amp; Daughters"), read as the characters they stand for, by the decoder the
/// extractor uses for metadata (numeric references and the five XML entities). `text` is
/// borrowed when it has no "&" (nearly always).
fn decode_references(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    dom_smoothie::decode_html_entities(&mut out);
    Cow::Owned(out)
}

/// Does the text show mark-up as text: Markdown a front end printed raw, character
/// references a feed escaped twice? Of two copies that read the same, that one gives way.
pub fn shows_mark_up(text: &str) -> bool {
    *decode_references(text) != *text || *read_markdown(text) != *text
}

/// Markdown a front end printed raw (a headless CMS's excerpt field, "The **Riverside
/// Mill** … the council's [planning committee](https://…) … _more than 200_"), read as
/// the text it marks up: a link as its text, without its address; emphasis marks (`*`,
/// `_`, doubled or not) at a word's edge dropped. A `_` or `*` inside a word
/// (`snake_case`, "f*ck") stays. `text` is borrowed when it has none of them (nearly always).
fn read_markdown(text: &str) -> Cow<'_, str> {
    if !text.contains(['*', '_']) && !text.contains("](") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        // A link: "[text](address)", the address without spaces.
        if c == ']' && after.starts_with('(') {
            let end = after.find(|c: char| c == ')' || c.is_whitespace());
            let open = out.rfind('[');
            if let (Some(end), Some(open)) = (end.filter(|&end| after[end..].starts_with(')')), open) {
                out.remove(open);
                rest = &after[end + 1..];
                continue;
            }
        }
        if c == '*' || c == '_' {
            let before = out.chars().next_back();
            let next = after.chars().next();
            let edge = |x: Option<char>| x.is_none_or(|x| !x.is_alphanumeric());
            // At a word's edge: not between two letters or figures.
            if edge(before) || edge(next) {
                rest = after;
                continue;
            }
        }
        out.push(c);
        rest = after;
    }
    if out == text { Cow::Borrowed(text) } else { Cow::Owned(out) }
}

/// Joins a word hyphenated across a line break: a letter, "-", a space, then a lower-case
/// letter ("rein- forced", "com- munity"). Text pasted from a PDF or a hard-wrapped print
/// copy keeps the typesetter's breaks; running text writes "pre- and post-war" so rarely,
/// and identically in both copies, that joining it costs nothing.
fn join_broken_words(text: String) -> String {
    if !text.contains("- ") {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        if c == '-' && previous.is_alphabetic() {
            let mut ahead = chars.clone();
            if ahead.next() == Some(' ') && ahead.next().is_some_and(char::is_lowercase) {
                chars.next();
                continue;
            }
        }
        out.push(c);
        previous = c;
    }
    out
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

/// Words of a speaker's label at most: "MARA VOSS:", "Q:", "JUDGE HARLOW:".
const MAX_LABEL_WORDS: usize = 3;

/// The speaker's label that opens the text ("THE CHAIR" in "THE CHAIR: Order."), or "": a
/// turn of a transcript.
pub fn speaker(text: &str) -> &str {
    let text = text.trim_start();
    text[..speaker_label(text)].trim_end_matches([':', ' '])
}

/// The length of the speaker's label that opens `text`, or 0: up to [`MAX_LABEL_WORDS`]
/// words in capitals and a colon, then a space ("INTERVIEWER: Why did you…"). A transcript
/// prints an interview's questions and answers again with the speaker before each turn.
fn speaker_label(text: &str) -> usize {
    let Some(colon) = text.find(": ") else { return 0 };
    let label = &text[..colon];
    let is_label = label.split(' ').count() <= MAX_LABEL_WORDS
        && label.chars().any(char::is_uppercase)
        && label.chars().all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '\'');
    if is_label { colon + 2 } else { 0 }
}

/// The first character of each script's decimal digits (zero), from Arabic-Indic to Khmer:
/// a partner's copy writes "450" where the story wrote "४५०" (full-width digits fold by NFKC).
const DIGIT_ZEROS: [u32; 16] = [
    0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0E50, 0x0ED0, 0x0F20,
    0x1040, 0x17E0,
];

/// A digit of another script as its ASCII digit.
fn fold_digit(c: char) -> char {
    let code = c as u32;
    DIGIT_ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&code))
        .and_then(|&zero| char::from_digit(code - zero, 10))
        .unwrap_or(c)
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

/// A quotation signed after its closing mark ("… the spring term" harriet mole, head
/// teacher), as a pull quote gives its speaker under it: the quotation alone. Any other
/// text as it is.
pub fn unsigned(normalised: &str) -> &str {
    let quoted = normalised
        .strip_prefix('"')
        .and_then(|t| t.split_once('"'))
        .filter(|(_, tail)| !tail.contains('"') && tail.split_whitespace().count() <= MAX_SIGNATURE_WORDS);
    quoted.map_or(normalised, |(quotation, _)| quotation)
}

/// Words a signature after a quotation may have: a name and a role ("harriet mole, head
/// teacher"), not a sentence going on.
const MAX_SIGNATURE_WORDS: usize = 6;

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
        // The ideographic full stop and the Indic danda (and its double) end a sentence.
        '\u{3002}' | '\u{0964}' | '\u{0965}' => '.',
        '\u{3001}' => ',',
        other => other,
    }
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
    fn spaces_beside_chinese_and_japanese_are_typesetting() {
        assert_eq!(normalise("交通局表示，新车。已经交付"), normalise("交通局表示, 新车. 已经交付"));
        assert_eq!(normalise("使用 iPhone 手机"), normalise("使用iPhone手机"));
        assert_eq!(normalise("東京 、大阪"), "東京,大阪");
        assert_eq!(normalise("two  words"), "two words");
    }

    #[test]
    fn other_house_styles_compare_equal() {
        // Korean spacing, the danda and Devanagari digits, a speaker's label.
        assert_eq!(normalise("막을 수 없다"), normalise("막을수 없다"));
        assert_eq!(normalise("लगभग ४५० करोड़। अब"), normalise("लगभग 450 करोड़. अब"));
        assert_eq!(normalise("MARA VOSS: Mostly maintenance."), "mostly maintenance");
        assert_eq!(normalise("Q: Why?"), "why");
        assert_eq!((speaker("THE CHAIR: Order."), speaker("Note: this")), ("THE CHAIR", ""));
        // Not a label: lower case, or more words.
        assert_eq!(normalise("Note: this"), "note: this");
        assert_eq!(normalise("THE CITY OF LONDON: a"), "the city of london: a");
    }

    #[test]
    fn spellings_of_one_text_compare_equal() {
        assert_eq!(normalise("Die Straße wird größer."), normalise("Die Strasse wird grösser."));
        assert_eq!(normalise("İSTANBUL'DA KAR YAĞIŞI"), normalise("İstanbul'da kar yağışı"));
        assert_eq!(normalise("وزيرُ الثقـافة"), normalise("وزير الثقافة"));
        assert_eq!(normalise("שָׁלוֹם"), normalise("שלום"));
        // Twice-escaped references, and a reference that is not one.
        assert_eq!(normalise("We&#8217;ve &amp; caf&#xE9;"), normalise("We’ve & café"));
        assert_eq!(normalise("AT&T; R&D"), "at&t; r&d");
        // A word broken at a line's end; a dash between words is no break.
        assert_eq!(normalise("the com- munity"), "the community");
        assert_eq!(normalise("the river - which"), "the river - which");
        assert_eq!(normalise("aged 18- 24"), "aged 18- 24");
    }

    #[test]
    fn markdown_left_as_text_reads_as_its_text() {
        assert_eq!(
            normalise("The **mill** and the [planning committee](https://x.example/p) said _more than 200_."),
            normalise("The mill and the planning committee said more than 200.")
        );
        // Inside a word, or a bracket that is no link: kept.
        assert_eq!(normalise("snake_case and f*ck"), "snake_case and f*ck");
        assert_eq!(normalise("see [1] (page 4) now"), "see [1] (page 4) now");
        assert!(shows_mark_up("a **bold** claim") && shows_mark_up("We&#8217;ve"));
        assert!(!shows_mark_up("Ferris & Daughters, snake_case"));
    }

    #[test]
    fn core_drops_surrounding_quotes() {
        assert_eq!(core("\"i have no desire\""), "i have no desire");
        assert_eq!(core(unsigned("\"i have no desire\" jane doe, mayor")), "i have no desire");
        assert_eq!(
            unsigned("\"no\" was the answer of all the councillors present"),
            "\"no\" was the answer of all the councillors present"
        );
    }

    #[test]
    fn ellipsis_edges() {
        assert!(has_ellipsis_edge("\u{201C}\u{2026} Fares have increased.\u{201D}"));
        assert!(has_ellipsis_edge("and then they left..."));
        assert!(!has_ellipsis_edge("Wait... then they left."));
    }
}
