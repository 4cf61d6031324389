//! Rebuilds parsed HTML into Pith's clean [`Document`] through the allow-list.
//!
//! Elements Pith does not know are unwrapped (their children kept) unless they are
//! known to hold no reader content (scripts, styles, forms, embeds…), which are
//! dropped whole. Inline content mixed with blocks is wrapped in paragraphs, so every
//! text ends up inside a text block (see `document`).

use dom_query::NodeRef;

use super::boilerplate;
use super::repair::MAX_DEPTH;
use super::technical::{figures, footnotes, math, tables};
use crate::document::{Attr, COLLAPSED, Document, Element, Node, Tag};
use crate::links::Base;

/// Elements dropped with everything inside them.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "select", "textarea", "option", "svg", "canvas", "audio", "video", "head", "title", "meta", "link",
    "base", "nav", "aside", "footer", "dialog", "map", "area", "param", "source", "track",
    // Ruby annotations (the reading of CJK characters) would split the words they annotate.
    "rt", "rp",
];

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
            super::read_text_node(node, |text| push_text(out, text));
            return;
        }
        if !node.is_element() {
            return;
        }
        // An address Cloudflare hid ("[email protected]"), read back.
        if let Some(email) = node.attr("data-cfemail").and_then(|hex| crate::links::cloudflare_email(&hex)) {
            push_text(out, &email);
            return;
        }
        let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        // A video player's frame becomes a link to its video; any other frame is dropped.
        if name == "iframe" {
            out.extend(figures::video_link(node, &self.base).map(Node::Element));
            return;
        }
        // Hidden from readers (the second candidate takes blocks whole, with such parts), or
        // styled invisible in the element itself: Stack Exchange's "6 Answers" heading holds a
        // `display:none` copy of the count for machines ("6 Answers 6").
        if DROPPED.contains(&name.as_str()) || super::candidate::is_hidden(node) {
            return;
        }
        if Tag::from_name(&name).is_some_and(Tag::is_heading) && self.is_home_link(node) {
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
        // A box the page shows collapsed ("Catch up: the story so far", a FAQ's answer) is
        // unwrapped as Readability does, its blocks marked: de-duplication keeps the copy a
        // reader sees open when the box repeats it.
        if name == "details" && !node.has_attr("open") {
            let mut blocks = Vec::new();
            self.children(node, &mut blocks, depth);
            for mut block in wrap_loose_inline(blocks, true) {
                if let Node::Element(e) = &mut block
                    && e.attr(Attr::Class).is_none()
                {
                    e.set_attr(Attr::Class, COLLAPSED);
                }
                out.push(block);
            }
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
                Attr::Href => match self.absolute(&attr.value) {
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

    /// Is this heading only a link to the site's home page: the site's logo written as a
    /// heading above the article (the Express's "Express. Home of the Daily and Sunday
    /// Express." over its headline), never one of the article's headings? A heading
    /// linking to another site's home page ("Duolingo" in a list of apps) is kept.
    fn is_home_link(&self, node: &NodeRef) -> bool {
        let mut links = node.descendants_it().filter(|d| d.has_name("a"));
        let (Some(link), None) = (links.next(), links.next()) else { return false };
        let Some(href) = link.attr("href") else { return false };
        let home = self.base.resolve("/");
        (href.trim() == "/" || (home.is_some() && self.absolute(&href) == home))
            && crate::document::non_whitespace_chars(&node.text())
                == crate::document::non_whitespace_chars(&link.text())
    }

    fn absolute(&self, url: &str) -> Option<String> {
        let url = url.trim();
        if url.is_empty() {
            return None;
        }
        if url.starts_with('#') {
            return None;
        }
        if let Some((_, hex)) = url.split_once("/cdn-cgi/l/email-protection#") {
            return crate::links::cloudflare_email(hex).map(|e| ["mailto:", &e].concat());
        }
        self.base.resolve(url)
    }
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

#[cfg(test)]
mod tests {
    #[test]
    fn inline_hidden_parts_are_left_out() {
        // Stack Exchange's answer count, with a copy for machines styled invisible.
        let page = r#"<h2>2 Answers <span style="display: none;" itemprop="answerCount">2</span></h2><p>Prune in late winter.</p><p>Not <span style="visibility:hidden">quite</span> now.</p>"#;
        let fragment = dom_query::Document::fragment(page);
        let doc = super::document_from(&fragment.root(), None);
        assert_eq!(doc.paragraph_texts(), ["2 Answers", "Prune in late winter.", "Not now."]);
    }
}
