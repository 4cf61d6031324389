//! Steps on the parsed page (dom_query nodes on html5ever's tree): its repair, the
//! stories beside its article, its technical content (code, formulas, pictures, footnotes)
//! in plain forms, what must be read before Readability edits it (the page's facts, the
//! lead, the second candidate), Readability itself (dom_smoothie), and the rebuild of an
//! article into Pith's clean `Document` through the allow-list.

mod boilerplate;
mod build;
mod candidate;
mod lead;
mod page_facts;
mod readability;
mod repair;
mod sibling_articles;
mod technical;

pub use build::document_from;
pub use candidate::{Candidate, second_candidate};
pub use lead::{lead_picture, lead_text, picture_stem};
pub use page_facts::{PageFacts, PageShape, read_page_facts, weighted_chars};
pub use readability::{readability, readability_metadata};
pub use repair::repair;
pub use sibling_articles::{drop_sibling_articles, letters};
pub use technical::figures::mark_credit;
pub use technical::{Present as Technical, attach_notes, normalise as normalise_technical};

/// `read` over a text node's contents in place, `None` for any other node. `NodeRef::text`
/// copies them into a new string, and every text node of the page is read (its facts, the
/// article's rebuild).
fn read_text_node<R>(node: &dom_query::NodeRef, read: impl FnOnce(&str) -> R) -> Option<R> {
    node.query(|n| match &n.data {
        dom_query::NodeData::Text { contents } => Some(read(contents)),
        _ => None,
    })
    .flatten()
}
