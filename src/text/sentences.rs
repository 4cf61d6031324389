//! Splitting text into sentences.
//!
//! A rule-based splitter, small enough to read in one go. A sentence ends at `.`, `!`, `?`
//! or `…` (or a run of them, `?!`, `...`), or their Devanagari, Arabic and Urdu forms
//! (`।`, `؟`, `۔`: [`is_script_stop`]), together with the closing quotes and brackets
//! that follow, when whitespace or the end of the text comes next, unless:
//! - the next word starts with a lower-case letter (`"Really?" she asked.`, `approx. the`),
//!   unless a quotation or bracket opens before it;
//! - the stop follows an abbreviation that never ends a sentence (`Mr.`, `Dr.`, `e.g.`,
//!   `i.e.`, `No.` before a number, …);
//! - the stop follows an abbreviation that may end one (`U.S.`, `Inc.`, an initial as in
//!   `George W. Bush`), and the next word is not a common sentence opener (`The`, `He`, …);
//! - the stop follows a bare number that opens the text (a list marker, `1. First`).
//!
//! Decimals (`1.5`) and dotted names (`U.S.` inside) never split, as no whitespace follows
//! their inner stops. CJK full stops (`。`, `！`, `？`) end a sentence with no space after,
//! except inside a quotation followed by a quoting particle (`「はい。」と言った。`).
//! Sentences are slices of the input, trimmed: always exact substrings of the text.
//!
//! Ours rather than UAX #29 sentence boundaries (`unicode-segmentation`): those rules know no
//! abbreviations (`Mr. Smith`, `U.S. Securities`, `Stuart R. Kaplan` are cut there), never
//! break before a lower-case word, and cost +10,450 B gzipped and +20.9 % instructions
//! (measured 6 Dec 2026: BENCHMARKS.md, "Home-made or a crate").

/// Abbreviations (lower case, without the final stop) that are followed by more of the same
/// sentence: titles and Latin abbreviations. `no` and `nos` count only before a number.
/// The word lists are space-separated strings ([`listed`]): a slice of `&str` costs 8 bytes
/// of pointers per entry in the wasm, which compress badly.
const NEVER_FINAL: &str = concat!(
    "mr mrs ms mx dr prof rev hon gen sen rep gov pres capt col lt sgt cpl maj adm cmdr insp supt ",
    "det fr sr jr vs v e.g i.e cf approx fig figs vol pp ca viz no nos art ch sec",
);

/// Abbreviations that often end a sentence as well (`… in the U.S.`): a break after them
/// needs a common sentence opener next. Single letters and dotted acronyms (`U.N`, `a.m`)
/// are treated the same way without being listed.
const MAYBE_FINAL: &str = concat!(
    "inc ltd co corp bros plc llc etc st ave rd blvd mt ft dept univ jan feb mar apr jun jul aug sep ",
    "sept oct nov dec mon tue tues wed thu thurs fri sat sun est gmt ph.d",
);

/// Words that commonly open an English sentence: after an abbreviation that may end a
/// sentence, one of these next means a new sentence.
const OPENERS: &str = concat!(
    "The A An He She It They We I You His Her Its Their Our My This That These Those There But And ",
    "Or So Yet In On At For As If When While After Before Since Although However Meanwhile Now Then ",
    "What Who Why How Where Some Many Most One Not Officials Police Mr Mrs Ms Dr",
);

/// The longest agency name in a dateline's brackets, in bytes (`(Associated Press)`).
const MAX_AGENCY_BYTES: usize = 24;

/// Closing quotes and brackets that belong to the sentence before them.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』' | '）' | '】' | '〕' | '〉' | '》')
}

/// Opening quotes and brackets, skipped when looking at the next word's first letter.
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '「' | '『' | '（' | '【' | '〔' | '〈' | '《')
}

fn is_cjk_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Other scripts' full stops and question marks, written with a space after as Latin's
/// are: the Devanagari danda and double danda (Hindi, Marathi, Nepali: `।`, `॥`), the
/// Arabic question mark (`؟`, Arabic and Persian) and the Urdu full stop (`۔`).
fn is_script_stop(c: char) -> bool {
    matches!(c, '।' | '॥' | '؟' | '۔')
}

/// Does `c` end a sentence in some script (`.`, `。`, `।`, `؟`…), when the context agrees?
pub fn is_sentence_stop(c: char) -> bool {
    is_stop(c) || is_cjk_stop(c) || is_script_stop(c)
}

/// Splits a paragraph into sentences, each a trimmed slice of the input.
pub fn split(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(pos, _)| pos);
    let mut out = Vec::new();
    let mut start = 0; // byte offset where the current sentence starts
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if !is_sentence_stop(c) {
            i += 1;
            continue;
        }
        // The run of stops (`?!`, `...`), then the closing quotes and brackets.
        let mut end = i + 1;
        while end < chars.len() && (is_stop(chars[end].1) || is_cjk_stop(chars[end].1)) {
            end += 1;
        }
        while end < chars.len() && is_closer(chars[end].1) {
            end += 1;
        }
        // 「はい。」と言った: a quoted CJK sentence followed by a quoting particle goes on.
        let cjk = is_cjk_stop(c) && !(end > i + 1 && chars.get(end).is_some_and(|&(_, n)| matches!(n, 'と' | 'っ')));
        let at_space = end == chars.len() || chars[end].1.is_whitespace();
        if cjk || (at_space && is_break(text, &chars, start, i, end)) {
            push_trimmed(&mut out, &text[start..byte_at(end)]);
            start = byte_at(end);
        }
        i = end;
    }
    push_trimmed(&mut out, &text[start..]);
    out
}

fn push_trimmed<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let s = s.trim();
    if !s.is_empty() {
        out.push(s);
    }
}

/// Does the stop run `chars[stop..end]` (closers included), followed by whitespace, end the
/// sentence that began at byte `start`?
fn is_break(text: &str, chars: &[(usize, char)], start: usize, stop: usize, end: usize) -> bool {
    let next = next_word(text, chars, end);
    let Some(first) = next.chars().next() else {
        return true; // the end of the text
    };
    // Lower case next: the sentence goes on (`"Really?" she asked.`), unless a quotation or
    // bracket opens first (`… the rain. "we are suffering," she said.` in lower-cased text).
    let opens = chars
        .get(end..)
        .is_some_and(|rest| rest.iter().map(|&(_, c)| c).find(|c| !c.is_whitespace()).is_some_and(is_opener));
    if first.is_lowercase() && !opens {
        return false;
    }
    // An ellipsis inside a quotation that closes later is a pause in the quoted speech
    // (“We waited so long… And then it came,” she said), not the end of the sentence.
    let ellipsis = chars[stop].1 == '…' || chars.get(stop..stop + 3).is_some_and(|r| r.iter().all(|&(_, c)| c == '.'));
    if ellipsis && quote_open(&text[start..chars[stop].0]) && text[chars[stop].0..].contains(['”', '»', '“', '"'])
    {
        return false;
    }
    // Abbreviations matter only for a single full stop, straight after the word.
    let single_dot = chars[stop].1 == '.' && end == stop + 1;
    if !single_dot {
        return true;
    }
    let after = chars.get(end).map_or("", |&(pos, _)| &text[pos..]);
    if opens_with_agency_dash(after) {
        return false;
    }
    let word = word_before(text, chars, stop);
    let lower = pith_lowercase::to_lowercase(word);
    if lower == "no" || lower == "nos" {
        return !first.is_ascii_digit();
    }
    if listed(NEVER_FINAL, &lower) {
        return false;
    }
    if is_maybe_final(word, &lower) {
        return listed(OPENERS, next);
    }
    // A number alone before the stop, at the start of the text: a list marker.
    let is_marker = !word.is_empty() && word.chars().all(|c| c.is_ascii_digit()) && {
        let sentence = &text[start..chars[stop].0];
        sentence.trim() == word
    };
    !is_marker
}

/// Does `rest` open with a news agency's name in brackets and a dash, as a dateline goes on
/// after the place (`ST. JOSEPH, Mich. (AP) — …`, `… Calif. (Reuters) - …`): the stop before
/// it ends an abbreviated place name, not a sentence.
fn opens_with_agency_dash(rest: &str) -> bool {
    let Some(inside) = rest.trim_start().strip_prefix('(') else {
        return false;
    };
    let Some((agency, after)) = inside.split_once(')') else {
        return false;
    };
    let is_name =
        (1..=MAX_AGENCY_BYTES).contains(&agency.len()) && agency.chars().all(|c| c.is_alphabetic() || c == ' ');
    is_name && after.trim_start().starts_with(['—', '–', '-'])
}

/// Whether a quotation opened in `s` is still open at its end: an odd number of straight
/// quotes, or more opening than closing curly quotes and guillemets (in German „…“ the
/// English opening quote closes).
fn quote_open(s: &str) -> bool {
    let german = s.contains('„');
    let (mut open, mut close, mut straight) = (0, 0, 0);
    for c in s.chars() {
        match c {
            '"' => straight += 1,
            '„' | '«' => open += 1,
            '“' if !german => open += 1,
            '“' | '”' | '»' => close += 1,
            _ => {}
        }
    }
    straight % 2 == 1 || open > close
}

fn is_maybe_final(word: &str, lower: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let single_letter = letters.next().is_some() && letters.next().is_none() && word.chars().count() == 1;
    // Dotted acronyms: letters with stops between them (`U.S`, `a.m`, `U.K`).
    let dotted =
        word.contains('.') && word.split('.').all(|part| !part.is_empty() && part.chars().all(char::is_alphabetic));
    single_letter || dotted || listed(MAYBE_FINAL, lower)
}

/// The word just before `chars[stop]`: back to the previous whitespace, opening quotes and
/// brackets left out.
fn word_before<'a>(text: &'a str, chars: &[(usize, char)], stop: usize) -> &'a str {
    let mut from = stop;
    while from > 0 && !chars[from - 1].1.is_whitespace() && !is_opener(chars[from - 1].1) {
        from -= 1;
    }
    &text[chars.get(from).map_or(text.len(), |c| c.0)..chars[stop].0]
}

/// The next word after `chars[from]`: whitespace and opening quotes skipped, up to the next
/// character that is not a letter or digit. Empty at the end of the text.
fn next_word<'a>(text: &'a str, chars: &[(usize, char)], from: usize) -> &'a str {
    let mut i = from;
    while i < chars.len() && (chars[i].1.is_whitespace() || is_opener(chars[i].1)) {
        i += 1;
    }
    let begin = chars.get(i).map_or(text.len(), |c| c.0);
    let mut j = i;
    while j < chars.len() && chars[j].1.is_alphanumeric() {
        j += 1;
    }
    if j == i {
        // Not a word (a dash, a digit-less symbol): take the one character.
        j = (i + 1).min(chars.len());
    }
    &text[begin..chars.get(j).map_or(text.len(), |c| c.0)]
}

/// Whether `word` is one of the space-separated words of `list`. Split on the bytes: a
/// `str` split on a `char` searches with `memchr` from each word on, and its setup per
/// word made this the splitter's largest cost.
fn listed(list: &str, word: &str) -> bool {
    list.as_bytes().split(|&b| b == b' ').any(|w| w == word.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::split;

    /// An ellipsis inside a quotation that closes later pauses the speech; one outside a
    /// quotation, or in a quotation that never closes, still ends the sentence.
    #[test]
    fn an_ellipsis_inside_a_quotation_does_not_split() {
        assert_eq!(
            split("“We waited so long… And then it came all at once,” said Ingrid. She laughed."),
            ["“We waited so long… And then it came all at once,” said Ingrid.", "She laughed."]
        );
        assert_eq!(
            split("He paused... \"I do not know... Maybe next year,\" she said. Then she left."),
            ["He paused...", "\"I do not know... Maybe next year,\" she said.", "Then she left."]
        );
        assert_eq!(
            split("Sie sagte: „Wir warten… Dann sehen wir weiter“, und ging. Er blieb."),
            ["Sie sagte: „Wir warten… Dann sehen wir weiter“, und ging.", "Er blieb."]
        );
        assert_eq!(split("“It is over… We lost. Nobody came."), ["“It is over…", "We lost.", "Nobody came."]);
    }

    #[test]
    fn titles_and_latin_abbreviations_do_not_split() {
        assert_eq!(
            split("Mr. Smith met Dr. Jones in the U.S. on Friday. They talked."),
            ["Mr. Smith met Dr. Jones in the U.S. on Friday.", "They talked."]
        );
        assert_eq!(
            split("Use tools, e.g. Hammers, i.e. Heavy ones. Fine."),
            ["Use tools, e.g. Hammers, i.e. Heavy ones.", "Fine."]
        );
        // A dateline's abbreviated place before the agency goes on; a sentence before a
        // bracketed aside does not.
        assert_eq!(
            split("ST. JOSEPH, Mich. (AP) — Health officials said. It spread."),
            ["ST. JOSEPH, Mich. (AP) — Health officials said.", "It spread."]
        );
        assert_eq!(split("He left. (He came back later.)"), ["He left.", "(He came back later.)"]);
    }

    #[test]
    fn abbreviations_that_may_end_a_sentence() {
        assert_eq!(split("He moved to the U.S. The move was hard."), ["He moved to the U.S.", "The move was hard."]);
        assert_eq!(split("The U.S. Senate voted. It passed."), ["The U.S. Senate voted.", "It passed."]);
        assert_eq!(split("Shares in Acme Inc. Rose sharply."), ["Shares in Acme Inc. Rose sharply."]);
    }

    #[test]
    fn number_abbreviation_only_before_a_number() {
        assert_eq!(split("No. 10 Downing Street said no. The end."), ["No. 10 Downing Street said no.", "The end."]);
    }

    #[test]
    fn initials() {
        assert_eq!(
            split("J. K. Rowling wrote it. George W. Bush read it."),
            ["J. K. Rowling wrote it.", "George W. Bush read it."]
        );
    }

    #[test]
    fn decimals() {
        assert_eq!(
            split("Growth was 1.5 percent. Prices rose 2.25% in 2024. Done."),
            ["Growth was 1.5 percent.", "Prices rose 2.25% in 2024.", "Done."]
        );
    }

    #[test]
    fn quotes_and_brackets_after_the_stop() {
        assert_eq!(split("He said, \"We will win.\" Then he left."), ["He said, \"We will win.\"", "Then he left."]);
        assert_eq!(split("\"Really?\" she asked. Yes."), ["\"Really?\" she asked.", "Yes."]);
        assert_eq!(split("the rain came. \"we suffer,\" she said."), ["the rain came.", "\"we suffer,\" she said."]);
        assert_eq!(split("(This is an aside.) Next one!"), ["(This is an aside.)", "Next one!"]);
        assert_eq!(
            split("She called it “a mistake.” Others agreed."),
            ["She called it “a mistake.”", "Others agreed."]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            split("Wait... What happened? I don't know… maybe later."),
            ["Wait...", "What happened?", "I don't know… maybe later."]
        );
    }

    #[test]
    fn cjk_full_stops() {
        assert_eq!(
            split("今日は晴れです。明日は雨！本当？「はい。」と言った。"),
            ["今日は晴れです。", "明日は雨！", "本当？", "「はい。」と言った。"]
        );
        assert_eq!(split("北京今天下雨。上海晴。"), ["北京今天下雨。", "上海晴。"]);
    }

    #[test]
    fn danda_and_arabic_question_mark() {
        // Hindi ends its sentences with a danda; Devanagari has no case to look at.
        assert_eq!(
            split("स्कूल में लैब खुली। इस पर 9.5 लाख रुपये खर्च हुए हैं। बच्चे खुश हैं॥"),
            ["स्कूल में लैब खुली।", "इस पर 9.5 लाख रुपये खर्च हुए हैं।", "बच्चे खुश हैं॥"]
        );
        assert_eq!(split("ماذا تغير؟ الكثير."), ["ماذا تغير؟", "الكثير."]);
        assert_eq!(split("یہ شہر ہے۔ وہ گاؤں ہے۔"), ["یہ شہر ہے۔", "وہ گاؤں ہے۔"]);
    }

    #[test]
    fn list_markers_and_edges() {
        assert_eq!(split("1. First point here."), ["1. First point here."]);
        assert_eq!(split("It ended in 1999. Then came more."), ["It ended in 1999.", "Then came more."]);
        assert!(split("   ").is_empty());
        assert_eq!(split("No stop at all"), ["No stop at all"]);
        assert_eq!(split("..."), ["..."]);
    }

    // proptest is a native-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Any input: sentences are non-empty, trimmed, in order, and exact slices of the text.
        #[test]
        fn sentences_are_ordered_substrings(text in "\\PC{0,80}") {
            let mut from = 0;
            for s in split(&text) {
                proptest::prop_assert!(!s.is_empty() && s.trim() == s);
                let at = text[from..].find(s).map(|i| i + from);
                proptest::prop_assert!(at.is_some(), "{s:?} not in {text:?}");
                from = at.unwrap_or(0) + s.len();
            }
        }
    }
}
