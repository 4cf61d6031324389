//! Rebuilds parsed HTML into Pith's clean [`Document`] through the allow-list.
//!
//! Elements Pith does not know are unwrapped (their children kept) unless they are
//! known to hold no reader content (scripts, styles, forms, embeds…), which are
//! dropped whole. Inline content mixed with blocks is wrapped in paragraphs, so every
//! text ends up inside a text block (see `document`).

use dom_query::NodeRef;

use super::boilerplate;
use super::repair::MAX_DEPTH;
use crate::document::{Attr, Document, Element, Node, Tag};
use crate::links::Base;

/// Elements dropped with everything inside them.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "input", "button", "select", "textarea", "option", "svg", "math", "canvas", "audio", "video", "head", "title",
    "meta", "link", "base", "nav", "aside", "footer", "dialog", "map", "area", "param", "source", "track",
    // Ruby annotations (the reading of CJK characters) would split the words they annotate.
    "rt", "rp",
];

/// Attributes where lazy-loading scripts keep an image's real address, best first.
const LAZY_SRC_ATTRS: &[&str] = &["data-src", "data-lazy-src", "data-original", "data-url", "data-srcset", "srcset"];

/// The clean article under `root`, its links and images made absolute against `base_url`.
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
    /// The tree the article is made of.
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
            || boilerplate::is_boilerplate_element(node, || {
                *self.article_chars.get_or_init(|| crate::document::non_whitespace_chars(&self.root.text()))
            })
        {
            return;
        }
        if depth > MAX_DEPTH {
            push_text(out, &node.text());
            return;
        }
        let Some(tag) = Tag::from_name(&name) else {
            self.children(node, out, depth);
            return;
        };
        let mut element = Element::new(tag);
        for attr in node.attrs() {
            let Some(a) = Attr::from_name(&attr.name.local) else { continue };
            let value = match a {
                Attr::Href | Attr::Src => match self.absolute(&attr.value) {
                    Some(v) => v,
                    None => continue,
                },
                _ => attr.value.to_string(),
            };
            element.set_attr(a, &value);
        }
        if tag == Tag::Img && element.attr(Attr::Src).is_none() {
            // A lazy-loaded image: the real address waits in a data attribute or srcset.
            match lazy_src(node).and_then(|v| self.absolute(&v)) {
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

/// The real address of a lazy-loaded image: the first URL of the first lazy attribute
/// that has one (a `srcset` lists "URL width" pairs separated by commas).
fn lazy_src(node: &NodeRef) -> Option<String> {
    LAZY_SRC_ATTRS.iter().find_map(|name| {
        let value = node.attr(name)?;
        let first = value.split(',').next()?.split_whitespace().next()?.to_string();
        (!first.is_empty() && !first.starts_with("data:")).then_some(first)
    })
}

fn push_text(out: &mut Vec<Node>, text: &str) {
    let text = crate::document::without_soft_hyphens(text);
    if text.is_empty() {
        return;
    }
    if let Some(Node::Text(prev)) = out.last_mut() {
        prev.push_str(&text);
    } else {
        out.push(Node::Text(text.into_owned()));
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
