//! The lead beside the headline (`dom::lead`), put first in the article when
//! Readability left it out.

use crate::document::{Document, Element, Node, Tag, collapse_whitespace};

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
