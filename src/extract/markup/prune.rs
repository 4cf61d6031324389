//! A cheap pass before the HTML parser: drop what can never be article text.
//!
//! Half the bytes of a typical news page are inline scripts, styles, SVG drawings and
//! comments (50.5% over the 130 Readability test pages). The parser tokenises all of
//! them and builds nodes that extraction then throws away. This pass skips them with a
//! byte scan instead, keeping JSON-LD scripts (metadata and `articleBody` live there).
//!
//! It tokenises just enough to be safe: tags are read as the parser's tokenizer reads
//! them (`tags`: `title="<script>"` is not mistaken for a tag), and raw-text elements
//! (`textarea`, `title`, `xmp`, `iframe`, ...) are passed through whole, as is
//! `<noscript>` (markup to the parser, which runs without scripting, but seldom worth
//! looking into). Anything it does not understand is copied unchanged: the parser
//! remains the judge of the page, this pass only removes whole elements.

use std::borrow::Cow;

use super::tags::{raw_text_end, tag_at};

/// Elements removed with their content.
const DROPPED: [&str; 3] = ["script", "style", "svg"];
/// Elements whose content the parser reads as text (and `<noscript>`): copied through
/// without looking inside, so a `<script>` written inside a `<textarea>` stays text, as in
/// a browser.
const RAW_TEXT: [&str; 8] = ["textarea", "title", "noscript", "xmp", "iframe", "noembed", "noframes", "plaintext"];

/// `html` without its scripts (except JSON-LD), styles, SVG and comments.
pub fn prune(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    // Start of the input not yet copied to `out`.
    let mut copied = 0;
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            let end = find(bytes, start + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            out.push_str(&html[copied..start]);
            copied = end;
            i = end;
            continue;
        }
        let Some(tag) = tag_at(bytes, start, usize::MAX) else {
            i = start + 1;
            continue;
        };
        let (name, tag_end) = (tag.name, tag.end);
        if tag.closing {
            i = tag_end;
        } else if let Some(dropped) = DROPPED.iter().find(|d| name.eq_ignore_ascii_case(d.as_bytes())) {
            let attributes = &html[start..tag_end];
            // Self-closing as written: the tokenizer would not take `<svg a=b/>` as
            // self-closing (`b/` is the value), but then the parser ends the `<svg>` at the
            // next HTML tag, which this pass does not model: dropping less is the safe side.
            let self_closing = attributes.ends_with("/>") && *dropped == "svg";
            // Kept: JSON-LD, and MathJax 2's formulas (`type="math/tex"`), read by `dom::technical::math`.
            if *dropped == "script"
                && (contains_ignore_case(attributes.as_bytes(), b"ld+json")
                    || contains_ignore_case(attributes.as_bytes(), b"math/"))
            {
                i = tag_end;
                continue;
            }
            let end = if self_closing { tag_end } else { element_end(bytes, tag_end, dropped.as_bytes()) };
            // MathJax 3's SVG output draws a formula as its MathML tree (`data-mml-node`).
            if *dropped == "svg" && memchr::memmem::find(&bytes[tag_end..end], b"data-mml-node").is_some() {
                i = end;
                continue;
            }
            out.push_str(&html[copied..start]);
            copied = end;
            i = end;
        } else if let Some(raw) = RAW_TEXT.iter().find(|r| name.eq_ignore_ascii_case(r.as_bytes())) {
            i = raw_text_end(bytes, tag_end, raw.as_bytes()).unwrap_or(bytes.len());
        } else {
            i = tag_end;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// The index after the element that starts before `from` ends. SVG may nest SVG, so
/// opening tags of the same name are counted; scripts and styles are raw text and end at
/// the first closing tag.
fn element_end(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    if name != b"svg" {
        return raw_text_end(bytes, from, name).unwrap_or(bytes.len());
    }
    let mut depth = 1;
    let mut i = from;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + offset;
        let Some(tag) = tag_at(bytes, at, usize::MAX) else {
            i = at + 1;
            continue;
        };
        if tag.name.eq_ignore_ascii_case(name) {
            if tag.closing {
                depth -= 1;
                if depth == 0 {
                    return tag.end;
                }
            } else if !bytes[..tag.end].ends_with(b"/>") {
                depth += 1;
            }
        }
        i = tag.end;
    }
    bytes.len()
}

/// The first `needle` in `bytes` at or after `from` (SIMD search: this pass runs on every page).
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|p| from + p)
}

fn contains_ignore_case(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::prune;

    #[test]
    fn drops_scripts_styles_svg_and_comments() {
        let html = "<p>a</p><script>if (a<b) x('</p>')</script><style>p{}</style><!-- c --><p>b</p>\
                    <svg><svg><path/></svg><text>x</text></svg><p>c</p>";
        assert_eq!(prune(html), "<p>a</p><p>b</p><p>c</p>");
    }

    #[test]
    fn keeps_json_ld_and_raw_text() {
        let html = r#"<script type="application/ld+json">{"a":1}</script><textarea><script>x</script></textarea>"#;
        assert_eq!(prune(html), html);
        let html = "<noscript><img src=a.jpg></noscript><title><!-- not a comment --></title>";
        assert_eq!(prune(html), html);
    }

    #[test]
    fn keeps_formulas() {
        let html =
            r#"<p>x</p><script type="math/tex; mode=display">x^2</script><svg><g data-mml-node="math"></g></svg>"#;
        assert_eq!(prune(html), html);
    }

    #[test]
    fn attributes_are_not_tags() {
        let html = r#"<a title="<script>" href='x>y'>link</a><p data-x = "<!--">text</p>"#;
        assert_eq!(prune(html), html);
    }

    #[test]
    fn unterminated_input_is_safe() {
        assert_eq!(prune("<p>a</p><script>never closed"), "<p>a</p>");
        assert_eq!(prune("<p>a</p><!-- never closed"), "<p>a</p>");
        assert_eq!(prune("<p a=\"unterminated"), "<p a=\"unterminated");
        assert_eq!(prune("<"), "<");
        assert_eq!(prune("<SCRIPT>x</SCRIPT >é"), "é");
        assert_eq!(prune("<scriptx>kept</scriptx>"), "<scriptx>kept</scriptx>");
    }
}
