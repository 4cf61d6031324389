//! Hostile nesting bounded in the page's text, before the parser sees it.
//!
//! html5ever's tree builder is quadratic in the depth of the open elements, and its
//! tokenizer in the number of attributes on one tag; a page can be written to hang it.
//! A linear scan of the text counts open elements and attributes and, past the limits,
//! drops the extra tags (their text stays). Every real page is far below the limits and
//! comes through untouched.

use super::tags::{raw_text_end, tag_at};

/// Past this many open elements the page's *text* is rewritten before parsing (see
/// [`limit_nesting`]): html5ever's tree builder is quadratic in the depth (10,000 nested
/// `<div>`s took 11 s to parse, 40,000 took 94 s); 1,000 levels parse in milliseconds.
const MAX_PARSE_DEPTH: usize = 1000;

/// Attributes past this many on one tag are cut from the text before parsing: the
/// tokenizer checks each new attribute against all earlier ones (50,000 attributes on one
/// element took 28 s). Real tags carry a handful.
const MAX_ATTRIBUTES: usize = 256;

/// Elements that never hold content, and those whose end tag is optional and usually
/// left out: neither kind adds to the depth count (a page of unclosed `<p>`s is flat).
/// (`name` lower-cased.)
fn is_not_nesting(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"optgroup"
            | b"rt"
            | b"rp"
            | b"tbody"
            | b"thead"
            | b"tfoot"
            | b"colgroup"
            | b"caption"
            | b"param"
            | b"keygen"
    )
}

/// Elements whose content is raw text up to their end tag (`<plaintext>`: to the end of
/// the page): no tags inside to count. Not `<noscript>`: the parser runs without
/// scripting (as dom_query sets it), so it reads a `<noscript>`'s content as markup.
/// (`name` lower-cased.)
fn is_raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed" | b"noframes" | b"plaintext"
    )
}

/// The roots of foreign content (SVG, MathML), where `<x/>` is an empty element; in HTML
/// the parser ignores the slash and `<div/>` opens a `<div>`. (`name` lower-cased.)
fn is_foreign_root(name: &[u8]) -> bool {
    matches!(name, b"svg" | b"math")
}

/// Drops the start and end tags of elements nested deeper than [`MAX_PARSE_DEPTH`]
/// (their text stays), so that the parser never sees a hostile depth. A linear scan of
/// the text that counts open elements; `None` when the page is shallow enough, which
/// is every real page: the count is generous (optional end tags, void elements,
/// comments and raw text are not counted).
pub fn limit_nesting(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already accounted for in `out`
    let mut depth = 0usize;
    let mut dropped_open = 0usize; // start tags dropped and not yet closed
    let mut foreign_at = None; // the depth of the `<svg>` or `<math>` we are in, if any
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let Some(tag) = tag_at(bytes, start, MAX_ATTRIBUTES) else {
            i = start + 1; // text such as "a < b", or `<!doctype>`, `<?xml>`: not an element
            continue;
        };
        let (name, closing, end, cut) = (tag.name, tag.closing, tag.end, tag.extra_attributes_at);
        // Looked up once per tag of the page: in a lower-cased copy on the stack, which a
        // `match` finds in a few comparisons (no listed name is longer than the buffer).
        let mut lower = [0u8; 10];
        let lower = lower.get_mut(..name.len()).map(|buf| {
            buf.copy_from_slice(name);
            buf.make_ascii_lowercase();
            &*buf
        });
        let is_one_of = |list: fn(&[u8]) -> bool| lower.is_some_and(list);
        i = end;
        let raw_text = !closing && is_one_of(is_raw_text);
        let foreign_root = is_one_of(is_foreign_root);
        let nests =
            !raw_text && !is_one_of(is_not_nesting) && !(tag.self_closing && (foreign_at.is_some() || foreign_root));
        let mut drop = false;
        if nests && closing {
            if dropped_open > 0 {
                dropped_open -= 1;
                drop = true;
            } else {
                depth = depth.saturating_sub(1);
                if foreign_at.is_some_and(|at| depth < at) {
                    foreign_at = None;
                }
            }
        } else if nests && depth >= MAX_PARSE_DEPTH {
            dropped_open += 1;
            drop = true;
        } else if nests {
            depth += 1;
            if foreign_root && foreign_at.is_none() {
                foreign_at = Some(depth);
            }
        }
        if drop {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[copied..start]);
            copied = end;
        } else if let Some(cut) = cut.filter(|_| !closing) {
            // Too many attributes: keep the tag with its first ones.
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(html[copied..cut].trim_end());
            out.push('>');
            copied = end;
        }
        if raw_text {
            i = match lower {
                Some(b"plaintext") => bytes.len(),
                _ => raw_text_end(bytes, end, name).unwrap_or(bytes.len()),
            };
        }
    }
    out.map(|mut out| {
        out.push_str(&html[copied..]);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_left_alone() {
        let page = "<div><p>one<p>two<br><img src=x><script>if (a < b) { x('<div>') }</script></div>";
        assert_eq!(limit_nesting(&page.repeat(5_000)), None);
    }

    #[test]
    fn attributes_past_the_limit_are_cut() {
        let attrs: String = (0..MAX_ATTRIBUTES + 10).map(|i| format!(" a{i}=\"v > {i}\"")).collect();
        let shallow = limit_nesting(&format!("<p{attrs}>text</p>")).expect("rewritten");
        assert_eq!(shallow.matches('=').count(), MAX_ATTRIBUTES);
        assert!(shallow.ends_with("\">text</p>"), "{}", &shallow[shallow.len() - 40..]);
    }

    #[test]
    fn every_way_of_opening_an_element_counts() {
        // The parser nests all of these: `<div/>` is a `<div>`, a raw-text element's end tag
        // closes only it, a `<noscript>` holds markup, and a raw-text element's own
        // attributes are cut like any other's.
        let deep = |open: &str| limit_nesting(&open.repeat(MAX_PARSE_DEPTH + 10)).is_some();
        assert!(deep("<div/>") && deep("<div a=b/>"), "self-closing HTML");
        assert!(deep("<div><textarea>x</textarea>") && deep("<div><title>x</title>"), "beside raw text");
        assert!(deep("<noscript><div>"), "inside a <noscript>");
        let attrs: String = (0..MAX_ATTRIBUTES + 10).map(|i| format!(" a{i}")).collect();
        let cut = limit_nesting(&format!("<textarea{attrs}>x</textarea>")).expect("rewritten");
        assert_eq!(cut.matches(" a").count(), MAX_ATTRIBUTES);
        // A tag both too deep and with too many attributes is dropped whole.
        let deep = format!("{}<span{attrs}>x</span>", "<div>".repeat(MAX_PARSE_DEPTH));
        assert!(limit_nesting(&deep).is_some_and(|shallow| !shallow.contains("<span")));
        // Foreign content keeps its empty elements; `<plaintext>` ends the markup.
        assert_eq!(limit_nesting(&format!("<math>{}</math>", "<mi/>".repeat(2000))), None);
        assert_eq!(limit_nesting(&format!("<svg/>{}", "<p>".repeat(2000))), None);
        assert_eq!(limit_nesting(&format!("<plaintext>{}", "<div>".repeat(2000))), None);
    }

    #[test]
    fn tags_past_the_limit_are_dropped_text_kept() {
        let depth = MAX_PARSE_DEPTH + 500;
        let page = format!("{}deep text{}<p>after</p>", "<div class=\"a>b\">".repeat(depth), "</div>".repeat(depth));
        let shallow = limit_nesting(&page).expect("rewritten");
        assert_eq!(shallow.matches("<div").count(), MAX_PARSE_DEPTH);
        assert_eq!(shallow.matches("</div>").count(), MAX_PARSE_DEPTH);
        assert!(shallow.contains("deep text") && shallow.ends_with("<p>after</p>"));
    }
}
