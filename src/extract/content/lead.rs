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
    let mut found = false;
    content.for_each_paragraph(|p| found = found || collapse_whitespace(&p.text()).contains(&key));
    if !found {
        let mut paragraph = Element::new(Tag::P);
        paragraph.children.push(Node::Text(lead));
        content.nodes.insert(0, Node::Element(paragraph));
    }
}
