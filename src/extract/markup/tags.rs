//! One tag scanner for the passes before parsing: where a tag ends, read as the HTML
//! tokenizer reads it (the WHATWG HTML standard, "13.2.5 Tokenization", which html5ever
//! follows state by state). A quote opens an attribute value only after the `=` that
//! follows an attribute's name (`<a title="x>y">` ends after `y">`); anywhere else it is
//! part of a name or of an unquoted value (`<a b"c>` and `<a href=x"y>` end at their
//! first `>`). A pass that disagreed with the parser about where a tag ends would take
//! markup for text, or text for markup.

/// A start or end tag read from the page's text.
#[derive(Debug, PartialEq, Eq)]
pub struct Tag<'a> {
    /// The tag's name as written (the tokenizer lower-cases it).
    pub name: &'a [u8],
    /// An end tag (`</name…>`).
    pub closing: bool,
    /// Written self-closing as the tokenizer sees it: `/` right before the final `>`,
    /// outside a value (`<br/>`, `<x a="b"/>`, not `<x a=b/>`). The parser honours it only
    /// on foreign (SVG, MathML) elements; an HTML `<div/>` opens a `<div>`.
    pub self_closing: bool,
    /// The index just past the `>` that ends the tag; the end of the input when it never
    /// closes (the tokenizer then drops the tag).
    pub end: usize,
    /// Where attribute number `max_attributes + 1` starts, when the tag has more
    /// attributes than the caller's limit.
    pub extra_attributes_at: Option<usize>,
}

/// The tag that starts at `start` (its `<`), if one does: `<` or `</` followed by an
/// ASCII letter, as the tokenizer's "tag open" states require. Attributes past
/// `max_attributes` are located (see [`Tag::extra_attributes_at`]), not dropped.
pub fn tag_at(bytes: &[u8], start: usize, max_attributes: usize) -> Option<Tag<'_>> {
    let closing = bytes.get(start + 1) == Some(&b'/');
    let name_start = start + 1 + usize::from(closing);
    if !bytes.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let name_end = bytes[name_start..]
        .iter()
        .position(|&b| is_space(b) || b == b'/' || b == b'>')
        .map_or(bytes.len(), |p| name_start + p);
    let (end, self_closing, extra_attributes_at) = attributes_end(bytes, name_end, max_attributes);
    Some(Tag { name: &bytes[name_start..name_end], closing, self_closing, end, extra_attributes_at })
}

/// The index just past `</name…>` (any case) at or after `from`, if there is one: where
/// the raw text of a `<script>`, `<style>`, `<textarea>`… ends (the tokenizer's
/// "appropriate end tag": that name, then a space, `/` or `>`).
pub fn raw_text_end(bytes: &[u8], mut from: usize, name: &[u8]) -> Option<usize> {
    while let Some(offset) = memchr::memmem::find(bytes.get(from..)?, b"</") {
        let at = from + offset;
        if let Some(tag) = tag_at(bytes, at, usize::MAX).filter(|t| t.name.eq_ignore_ascii_case(name)) {
            return Some(tag.end);
        }
        from = at + 2;
    }
    None
}

/// The tokenizer's whitespace (a carriage return has become a line feed before it).
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// From the end of a tag's name at `from`: the index past the tag's `>`, whether it is
/// self-closing, and where attribute `max_attributes + 1` starts. The tokenizer's states inside a tag, as one
/// pass per attribute (name, `=`, value) rather than a state per byte: this runs on
/// every tag of the page. Quoted values (most of a tag's bytes: classes, URLs, styles)
/// are crossed with one `memchr`.
fn attributes_end(bytes: &[u8], from: usize, max_attributes: usize) -> (usize, bool, Option<usize>) {
    let skip = |mut i: usize, while_: fn(u8) -> bool| {
        while bytes.get(i).is_some_and(|&b| while_(b)) {
            i += 1;
        }
        i
    };
    let mut attributes = 0;
    let mut extra = None;
    let mut i = from;
    loop {
        // "Before attribute name" (also after a quoted value, and the `/` of a
        // self-closing tag, which does not end it unless `>` follows).
        let run = i;
        i = skip(i, |b| is_space(b) || b == b'/');
        match bytes.get(i) {
            None => return (bytes.len(), false, extra),
            Some(b'>') => return (i + 1, i > run && bytes[i - 1] == b'/', extra),
            Some(_) => {}
        }
        // "Attribute name": its first character may be anything, `=` and quotes included.
        attributes += 1;
        if attributes > max_attributes && extra.is_none() {
            extra = Some(i);
        }
        i = skip(i + 1, |b| !is_space(b) && !matches!(b, b'/' | b'>' | b'='));
        // "After attribute name": a value follows only an `=`.
        i = skip(i, is_space);
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        // "Before attribute value": only here does a quote open a value, which ends at
        // the same quote whatever is inside.
        i = skip(i + 1, is_space);
        match bytes.get(i) {
            Some(&quote @ (b'"' | b'\'')) => match memchr::memchr(quote, &bytes[i + 1..]) {
                Some(close) => i += close + 2,
                None => return (bytes.len(), false, extra),
            },
            // Unquoted (or missing, before `>`): to the next space or `>`.
            _ => i = skip(i, |b| !is_space(b) && b != b'>'),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end_of(tag: &str) -> usize {
        tag_at(tag.as_bytes(), 0, usize::MAX).map_or(0, |t| t.end)
    }

    #[test]
    fn a_quote_opens_a_value_only_after_equals() {
        assert_eq!(end_of(r#"<a title="x>y">z"#), 15);
        assert_eq!(end_of(r#"<a title = 'x>y' >z"#), 18);
        // In a name or an unquoted value, a quote is an ordinary character.
        assert_eq!(end_of(r#"<a b"c>d">"#), 7);
        assert_eq!(end_of(r#"<a href=x"y>z">"#), 12);
        assert_eq!(end_of(r#"<p class=a title="b>c">"#), 23);
        assert_eq!(end_of(r#"<a ="x>">"#), 7, "`=` before any name starts a name");
        assert_eq!(end_of(r#"<a b="c"d="e>">"#), 15, "a value right after a quoted one");
        assert_eq!(end_of(r#"<br/ title="a>b">"#), 17);
        assert_eq!(end_of(r#"<a b=>c"#), 6, "a missing value");
        // Two pages of the multilingual corpus, which a scanner that took every quote for
        // a value's lost in their first tag (their article went with it).
        assert_eq!(end_of(r#"<div class="a" ">b"#), 17, "a stray quote starts a name");
        assert_eq!(end_of(r#"<link type=" as="script">x"#), 25, "`script\"` is a name");
    }

    #[test]
    fn self_closing_as_the_tokenizer_sees_it() {
        let self_closing = |tag: &str| tag_at(tag.as_bytes(), 0, usize::MAX).is_some_and(|t| t.self_closing);
        for yes in ["<br/>", "<svg />", r#"<x a="b"/>"#, "<x a/>", "<x //>"] {
            assert!(self_closing(yes), "{yes}");
        }
        for no in ["<br>", "<x a=b/>", "<x / >", r#"<x a="/>">"#] {
            assert!(!self_closing(no), "{no}");
        }
    }

    #[test]
    fn names_end_and_closing_tags() {
        let html = b"<DIV/><p>x</p >";
        let tag = tag_at(html, 0, usize::MAX).expect("a tag");
        assert_eq!((tag.name, tag.closing, tag.end), (&b"DIV"[..], false, 6));
        let close = tag_at(html, 10, usize::MAX).expect("an end tag");
        assert_eq!((close.name, close.closing, close.end), (&b"p"[..], true, 15));
        for not_a_tag in ["< p>", "<1>", "</ p>", "<!-- -->", "<", "</"] {
            assert_eq!(tag_at(not_a_tag.as_bytes(), 0, usize::MAX), None, "{not_a_tag}");
        }
        assert_eq!(end_of(r#"<a title="never closed>"#), 23, "the end of the input");
    }

    #[test]
    fn raw_text_ends_at_its_own_end_tag() {
        // `</scripts>` is another name; the end tag may carry attributes, quoted.
        let html = br#"<script>a = '</scripts>' + 1</SCRIPT foo=">">rest"#;
        assert_eq!(raw_text_end(html, 8, b"script"), Some(html.len() - 4));
        assert_eq!(raw_text_end(b"</style", 0, b"style"), Some(7), "the end of the input");
        assert_eq!(raw_text_end(b"no end", 0, b"style"), None);
    }

    #[test]
    fn attributes_past_the_limit_are_located() {
        let tag = tag_at(br#"<p a=1 b="2"c d/e>"#, 0, 3).expect("a tag");
        assert_eq!(tag.extra_attributes_at, Some(14), "the fourth attribute, `d`");
        assert_eq!(tag_at(b"<p a b c>", 0, 3).and_then(|t| t.extra_attributes_at), None);
    }
}
