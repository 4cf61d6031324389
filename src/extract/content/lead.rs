//! The lead beside the headline and the lead picture (`dom::lead`), put first in the
//! article when Readability left them out.

use crate::document::{Attr, Document, Element, Node, Tag, collapse_whitespace};
use crate::extract::dom::picture_stem;

/// Characters of the lead looked for in the article to tell whether it is there already.
const LEAD_KEY_CHARS: usize = 40;

/// Puts the lead paragraph first, unless the article already holds it (or is empty:
/// a lead alone is not an article).
pub fn prepend_lead(content: &mut Document, lead: Option<String>) {
    let Some(lead) = lead else { return };
    if content.is_empty() {
        return;
    }
    let key: String = lead.chars().take(LEAD_KEY_CHARS).collect();
    // Across paragraphs: a lead named on a box of a heading and list items ("The plan in
    // short" over three points) is in the article when its heading and items are.
    let mut text = String::new();
    content.for_each_paragraph(|p| {
        text.push_str(&collapse_whitespace(&p.text()));
        text.push(' ');
    });
    if !text.contains(&key) {
        let mut paragraph = Element::new(Tag::P);
        paragraph.children.push(Node::Text(lead));
        content.nodes.insert(0, Node::Element(paragraph));
    }
}

/// Puts the lead picture (a figure) first, unless the article shows that picture already,
/// opens with a picture of its own, or is empty.
pub fn prepend_lead_picture(content: &mut Document, picture: Option<Element>) {
    let Some(picture) = picture else { return };
    if content.is_empty() {
        return;
    }
    let stem = picture.child(Tag::Img).and_then(|img| img.attr(Attr::Src)).and_then(picture_stem);
    let mut shown = false;
    let mut opens_with_picture = None;
    walk_pictures(&content.nodes, &mut |img, before_text| {
        opens_with_picture.get_or_insert(before_text);
        shown |= img.attr(Attr::Src).and_then(picture_stem).is_some_and(|s| Some(s) == stem);
    });
    if !shown && opens_with_picture != Some(true) {
        content.nodes.insert(0, Node::Element(picture));
    }
}

/// Calls `f` on every picture of `nodes` in order, with whether no text came before it.
fn walk_pictures(nodes: &[Node], f: &mut dyn FnMut(&Element, bool)) {
    fn walk(nodes: &[Node], text_seen: &mut bool, f: &mut dyn FnMut(&Element, bool)) {
        for node in nodes {
            match node {
                Node::Text(t) => *text_seen |= !t.trim().is_empty(),
                Node::Element(e) if e.tag == Tag::Img => f(e, !*text_seen),
                Node::Element(e) => walk(&e.children, text_seen, f),
            }
        }
    }
    walk(nodes, &mut false, f);
}
