//! Rebuilds parsed HTML into Pith's clean [`Document`] through the allow-list.
//!
//! Elements Pith does not know are unwrapped (their children kept) unless they are
//! known to hold no reader content (scripts, styles, forms, embeds…), which are
//! dropped whole. Inline content mixed with blocks is wrapped in paragraphs, so every
//! text ends up inside a text block (see `document`).

use dom_query::NodeRef;

use super::{boilerplate, figures, footnotes, math, tables};
use crate::document::{Attr, Document, Element, Node, Tag};
use crate::links::Base;

/// Past this depth the tree is flattened to its text: deep nesting is an attack or
/// an accident, never an article's structure, and it must not exhaust the stack.
const MAX_DEPTH: usize = 200;

/// Elements dropped with everything inside them.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "input", "button", "select", "textarea", "option", "svg", "canvas", "audio", "video", "head", "title", "meta",
    "link", "base", "nav", "aside", "footer", "dialog", "map", "area", "param", "source", "track",
    // Ruby annotations (the reading of CJK characters) would split the words they annotate.
    "rt", "rp",
];

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

/// Elements whose content is raw text up to their end tag: no tags inside to count.
/// (`name` lower-cased.)
fn is_raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"plaintext"
    )
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
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            i = start + 1; // text such as "a < b", or `<!doctype>`, `<?xml>`: not an element
            continue;
        }
        let name = &html[name_start..name_start + name_len];
        // Looked up once per tag of the page: in a lower-cased copy on the stack, which a
        // `match` finds in a few comparisons (no listed name is longer than the buffer).
        let mut lower = [0u8; 10];
        let lower = lower.get_mut(..name_len).map(|buf| {
            buf.copy_from_slice(name.as_bytes());
            buf.make_ascii_lowercase();
            &*buf
        });
        let is_one_of = |list: fn(&[u8]) -> bool| lower.is_some_and(list);
        let (end, cut) = tag_end(html, name_start + name_len);
        let self_closing = html[..end].ends_with("/>");
        i = end;
        if !closing && is_one_of(is_raw_text) {
            i = find_end_tag(html, end, name);
            continue;
        }
        if let Some(cut) = cut.filter(|_| !closing) {
            // Too many attributes: keep the tag with its first ones.
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(html[copied..cut].trim_end());
            out.push('>');
            copied = end;
        }
        if self_closing || is_one_of(is_not_nesting) {
            continue;
        }
        let drop = if closing {
            if dropped_open > 0 {
                dropped_open -= 1;
                true
            } else {
                depth = depth.saturating_sub(1);
                false
            }
        } else if depth >= MAX_PARSE_DEPTH {
            dropped_open += 1;
            true
        } else {
            depth += 1;
            false
        };
        if drop {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[copied..start]);
            copied = end;
        }
    }
    out.map(|mut out| {
        out.push_str(&html[copied..]);
        out
    })
}

/// Where `</name` (any case) starts at or after `from`, or the end of `html`.
fn find_end_tag(html: &str, from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(offset) = html[i..].find("</") {
        let at = i + offset;
        let candidate = html.as_bytes().get(at + 2..at + 2 + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) {
            return at;
        }
        i = at + 2;
    }
    html.len()
}

/// The index just past the `>` that ends the tag whose name ends at `from`, skipping
/// quoted attribute values (which may hold `>`); and, if the tag has more than
/// [`MAX_ATTRIBUTES`] attributes, where the first attribute past the limit starts.
fn tag_end(html: &str, from: usize) -> (usize, Option<usize>) {
    // Every tag of the page comes here: find its end by jumping from quote to quote, and
    // count attributes byte by byte only in a tag long enough to hold too many (each
    // takes at least a space and a letter).
    let bytes = html.as_bytes();
    let mut i = from;
    let end = loop {
        let Some(offset) = memchr::memchr3(b'>', b'"', b'\'', &bytes[i..]) else { break html.len() };
        let at = i + offset;
        if bytes[at] == b'>' {
            break at + 1;
        }
        match memchr::memchr(bytes[at], &bytes[at + 1..]) {
            Some(close) => i = at + 1 + close + 1,
            None => break html.len(),
        }
    };
    if end - from <= 2 * MAX_ATTRIBUTES {
        return (end, None);
    }
    count_attributes_to_tag_end(html, from)
}

/// [`tag_end`], looking at every byte to count the attributes.
fn count_attributes_to_tag_end(html: &str, from: usize) -> (usize, Option<usize>) {
    let mut quote = None;
    let mut attributes = 0;
    let mut cut = None;
    let mut after_space = false;
    for (i, b) in html[from..].bytes().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return (from + i + 1, cut),
            (None, b) if b.is_ascii_whitespace() => after_space = true,
            (None, b'=' | b'/') => after_space = false,
            (None, _) if after_space => {
                // A new attribute name starts.
                after_space = false;
                attributes += 1;
                if attributes > MAX_ATTRIBUTES && cut.is_none() {
                    cut = Some(from + i);
                }
            }
            _ => {}
        }
    }
    (html.len(), cut)
}

/// Flattens every element deeper than [`MAX_DEPTH`] to its text, in place, in one pass
/// without recursion. Run on the parsed page before extraction: the extractor's scoring
/// walks ancestors and descendants, which is quadratic in the depth (100,000 nested
/// `<div>`s took hours), and no article needs more than a few dozen levels.
///
/// The same walk repairs a parse accident: the parser reads `<noscript>` as markup (so
/// that lazy images inside it can be recovered), and an element left open inside it
/// (`<noscript><div id="x"></noscript>`) makes the parser ignore `</noscript>`: the
/// rest of the page ends up inside the `<noscript>`, which every extractor drops. A
/// `<noscript>` holding most of the page's text is therefore made an ordinary `<div>`.
pub fn flatten_deep(root: &NodeRef) {
    let mut too_deep = Vec::new();
    let mut noscripts = Vec::new();
    let mut stack = vec![(*root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        for child in node.children_it(false).filter(NodeRef::is_element) {
            if depth + 1 >= MAX_DEPTH {
                too_deep.push(child);
            } else {
                if child.has_name("noscript") {
                    noscripts.push(child);
                }
                stack.push((child, depth + 1));
            }
        }
    }
    // The subtrees are disjoint, so collecting their texts is linear in the page too.
    for node in too_deep {
        let text = node.text();
        node.set_text(text);
    }
    // Most pages have a few small `<noscript>`s: the page's text is counted only when one is big.
    let mut page_chars = None;
    for node in noscripts {
        let chars = node.normalized_char_count();
        if chars >= MIN_SWALLOWING_NOSCRIPT_CHARS
            && chars as f64
                > SWALLOWING_NOSCRIPT_SHARE * *page_chars.get_or_insert_with(|| root.normalized_char_count()) as f64
        {
            node.rename("div");
        }
    }
}

/// A `<noscript>` with less text than this is a message or an image, never a swallowed page.
const MIN_SWALLOWING_NOSCRIPT_CHARS: usize = 500;
/// A `<noscript>` holding more than this share of the page's text swallowed the page.
const SWALLOWING_NOSCRIPT_SHARE: f64 = 0.5;

pub fn document_from(root: &NodeRef, base_url: Option<&str>) -> Document {
    let builder = Builder { base: Base::new(base_url), root: *root, article_chars: std::cell::OnceCell::new() };
    let mut nodes = Vec::new();
    builder.children(root, &mut nodes, 0);
    // At the top level even an all-inline article ("Test") becomes a paragraph.
    Document { nodes: wrap_loose_inline(nodes, true) }
}

struct Builder<'a> {
    /// The page's URL, parsed once for all its links and images.
    base: Base,
    /// The article's text length, against which boilerplate elements are weighed.
    /// Counted on first need only: most articles hold no element named as boilerplate.
    article_chars: std::cell::OnceCell<usize>,
    root: NodeRef<'a>,
}

impl Builder<'_> {
    fn children(&self, parent: &NodeRef, out: &mut Vec<Node>, depth: usize) {
        for child in parent.children_it(false) {
            self.node(&child, out, depth + 1);
        }
    }

    fn node(&self, node: &NodeRef, out: &mut Vec<Node>, depth: usize) {
        if node.is_text() {
            push_text(out, &node.text());
            return;
        }
        if !node.is_element() {
            return;
        }
        let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        if DROPPED.contains(&name.as_str())
            || node.has_attr("hidden")
            // Hidden from readers (the second candidate takes blocks whole, with such parts).
            || node.attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
        {
            return;
        }
        // A figure is the article's whatever its classes say (the Guardian's `fig--has-shares`).
        if name != "figure"
            && boilerplate::is_boilerplate_element(node, || {
                *self.article_chars.get_or_init(|| crate::document::non_whitespace_chars(&self.root.text()))
            })
        {
            // A photo credit named as one is kept in its figure, marked as a credit.
            out.extend(figures::credit(node).map(Node::Element));
            return;
        }
        if depth > MAX_DEPTH {
            push_text(out, &node.text());
            return;
        }
        if name == "math" {
            out.extend(math::build(node).map(Node::Element));
            return;
        }
        // MathML's elements are kept inside a formula only (`math::build`); a callout
        // ("Note", "Warning") is a quotation block.
        let tag = if figures::is_callout(node) { Some(Tag::Blockquote) } else { Tag::from_name(&name) };
        let Some(tag) = tag.filter(|t| !t.is_mathml()) else {
            self.children(node, out, depth);
            return;
        };
        if let Some(note) = footnotes::reference(node, tag) {
            out.push(Node::Element(note));
            return;
        }
        if tag == Tag::Table && tables::is_layout(node) {
            self.cells(node, out, depth);
            return;
        }
        let mut element = Element::new(tag);
        for attr in node.attrs() {
            let Some(a) = Attr::from_name(&attr.name.local) else { continue };
            // A page's classes and ids mean nothing here; Pith's own are set by its
            // recognisers (a code block's language, a formula image). An image's
            // address is chosen apart (`figures`).
            if matches!(a, Attr::Id) || (a == Attr::Class && !matches!(tag, Tag::Code | Tag::Img)) || a == Attr::Src {
                continue;
            }
            let value = match a {
                Attr::Href | Attr::Src => match self.absolute(&attr.value) {
                    Some(v) => v,
                    None => continue,
                },
                _ => attr.value.to_string(),
            };
            element.set_attr(a, &value);
        }
        if tag == Tag::Img {
            // The real picture behind a placeholder or lazy loading, else nothing.
            match figures::image_source(node).and_then(|v| self.absolute(&v)) {
                Some(src) if element.set_attr(Attr::Src, &src) => {}
                _ => return,
            }
        }
        if tag == Tag::A && element.attr(Attr::Href).is_none() {
            // A link that goes nowhere safe keeps its text, not its anchor.
            self.children(node, out, depth);
            return;
        }
        let mut children = Vec::new();
        self.children(node, &mut children, depth);
        if tag == Tag::P && children.iter().any(|n| matches!(n, Node::Element(e) if e.tag.is_block())) {
            // A paragraph holding blocks, which the extractor's edits can leave and no
            // HTML parser would: split it as a parser does, its inline runs becoming
            // paragraphs of their own.
            out.extend(wrap_loose_inline(children, false));
            return;
        }
        element.children =
            if tag.is_block() && !matches!(tag, Tag::Pre) { wrap_loose_inline(children, false) } else { children };
        out.push(Node::Element(element));
    }

    /// A layout table's cells, each a block of its own, without the table.
    fn cells(&self, node: &NodeRef, out: &mut Vec<Node>, depth: usize) {
        for child in node.children_it(false) {
            let name = child.node_name().unwrap_or_default();
            if matches!(&*name, "td" | "th" | "caption") {
                let mut cell = Vec::new();
                self.children(&child, &mut cell, depth + 1);
                out.extend(wrap_loose_inline(cell, true));
            } else if tables::is_table_part(&name) {
                self.cells(&child, out, depth + 1);
            } else {
                self.node(&child, out, depth + 1);
            }
        }
    }

    fn absolute(&self, url: &str) -> Option<String> {
        let url = url.trim();
        if url.is_empty() {
            return None;
        }
        if url.starts_with('#') {
            return None;
        }
        self.base.resolve(url)
    }
}

fn push_text(out: &mut Vec<Node>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Node::Text(prev)) = out.last_mut() {
        prev.push_str(text);
    } else {
        out.push(Node::Text(text.to_string()));
    }
}

/// In a container whose children mix blocks and inline content, wraps each run of
/// inline content in a `<p>`, so that no text sits outside a text block.
/// `always` wraps even when there is no block (at the top level).
fn wrap_loose_inline(nodes: Vec<Node>, always: bool) -> Vec<Node> {
    let has_block = nodes.iter().any(|n| matches!(n, Node::Element(e) if e.tag.is_block()));
    if !has_block && !always {
        return nodes;
    }
    let mut out = Vec::new();
    let mut run: Vec<Node> = Vec::new();
    let flush = |run: &mut Vec<Node>, out: &mut Vec<Node>| {
        let blank = run.iter().all(|n| {
            matches!(n, Node::Text(t) if t.trim().is_empty()) || matches!(n, Node::Element(e) if e.tag == Tag::Br)
        });
        if !blank {
            let mut p = Element::new(Tag::P);
            p.children = std::mem::take(run);
            out.push(Node::Element(p));
        }
        run.clear();
    };
    for node in nodes {
        match node {
            Node::Element(e) if e.tag.is_block() => {
                flush(&mut run, &mut out);
                out.push(Node::Element(e));
            }
            other => run.push(other),
        }
    }
    flush(&mut run, &mut out);
    out
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
    fn tags_past_the_limit_are_dropped_text_kept() {
        let depth = MAX_PARSE_DEPTH + 500;
        let page = format!("{}deep text{}<p>after</p>", "<div class=\"a>b\">".repeat(depth), "</div>".repeat(depth));
        let shallow = limit_nesting(&page).expect("rewritten");
        assert_eq!(shallow.matches("<div").count(), MAX_PARSE_DEPTH);
        assert_eq!(shallow.matches("</div>").count(), MAX_PARSE_DEPTH);
        assert!(shallow.contains("deep text") && shallow.ends_with("<p>after</p>"));
    }

    #[test]
    fn a_noscript_that_swallowed_the_page_becomes_a_div() {
        let text = "Words of the article. ".repeat(40);
        let page =
            format!("<body><noscript><img src=a.png></noscript><noscript><div id=x></noscript><p>{text}</p></body>");
        let dom = dom_query::Document::from(page);
        flatten_deep(&dom.root());
        assert_eq!(dom.select("noscript").length(), 1, "the small one stays");
        assert!(dom.select("div#x").parent().is("div"));
    }
}
