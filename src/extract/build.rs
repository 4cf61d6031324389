//! Rebuilds parsed HTML into Pith's clean [`Document`] through the allow-list.
//!
//! Elements Pith does not know are unwrapped (their children kept) unless they are
//! known to hold no reader content (scripts, styles, forms, embeds…), which are
//! dropped whole. Inline content mixed with blocks is wrapped in paragraphs, so every
//! text ends up inside a text block (see `document`).

use dom_query::NodeRef;

use super::boilerplate;
use crate::document::{Attr, Document, Element, Node, Tag};

/// Past this depth the tree is flattened to its text: deep nesting is an attack or
/// an accident, never an article's structure, and it must not exhaust the stack.
const MAX_DEPTH: usize = 200;

/// Elements dropped with everything inside them.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "input", "button", "select", "textarea", "option", "svg", "math", "canvas", "audio", "video", "head", "title",
    "meta", "link", "base", "nav", "aside", "footer", "dialog", "map", "area", "param", "source", "track",
];

/// Flattens every element deeper than [`MAX_DEPTH`] to its text, in place, in one pass
/// without recursion. Run on the parsed page before extraction: the extractor's scoring
/// walks ancestors and descendants, which is quadratic in the depth (100,000 nested
/// `<div>`s took hours), and no article needs more than a few dozen levels.
pub fn flatten_deep(root: &NodeRef) {
    let mut too_deep = Vec::new();
    let mut stack = vec![(*root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        for child in node.children_it(false).filter(NodeRef::is_element) {
            if depth + 1 >= MAX_DEPTH {
                too_deep.push(child);
            } else {
                stack.push((child, depth + 1));
            }
        }
    }
    // The subtrees are disjoint, so collecting their texts is linear in the page too.
    for node in too_deep {
        let text = node.text();
        node.set_text(text);
    }
}

pub fn document_from(root: &NodeRef, base_url: Option<&str>) -> Document {
    let article_chars = root.text().chars().filter(|c| !c.is_whitespace()).count();
    let builder = Builder { base_url, article_chars };
    let mut nodes = Vec::new();
    builder.children(root, &mut nodes, 0);
    // At the top level even an all-inline article ("Test") becomes a paragraph.
    Document { nodes: wrap_loose_inline(nodes, true) }
}

struct Builder<'a> {
    base_url: Option<&'a str>,
    /// The article's text length, against which boilerplate elements are weighed.
    article_chars: usize,
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
            || boilerplate::is_boilerplate_element(node, self.article_chars)
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
        resolve(self.base_url, url)
    }
}

/// Attributes where lazy-loading scripts keep an image's real address, best first.
const LAZY_SRC_ATTRS: &[&str] = &["data-src", "data-lazy-src", "data-original", "data-url", "data-srcset", "srcset"];

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

/// Resolves `url` against `base` (RFC 3986), returning only absolute URLs.
fn resolve(base: Option<&str>, url: &str) -> Option<String> {
    crate::links::resolve(base, url)
}
