//! The article's lead (standfirst), which many sites put in the header beside the
//! headline, outside the container Readability keeps: read from the page before
//! Readability edits it, and put first in the article when missing (`content::lead`).

use dom_query::{Document, NodeRef, Selection};

use super::candidate::MAX_LINK_DENSITY;

/// Class/id words that name an article's lead (standfirst).
const LEAD_WORDS: &[&str] =
    &["lead", "intro", "introduction", "teaser", "abstract", "standfirst", "summary", "chapo", "excerpt", "deck"];

/// Class/id words that make a "lead" something else: the lead image and its caption.
const NOT_LEAD_WORDS: &[&str] = &["image", "img", "media", "photo", "picture", "caption", "figure", "video", "gallery"];

/// A lead is a sentence or a short paragraph: at least this many characters…
const MIN_LEAD_CHARS: usize = 60;
/// …and at most this many.
const MAX_LEAD_CHARS: usize = 1000;

/// The lead is looked for among this many elements after the page's first `<h1>`.
const MAX_LEAD_DISTANCE: usize = 40;

/// The article's lead: the first element named as one (by a class or id word) shortly
/// after the page's first `<h1>`, with sentence-like text that is not mostly links.
/// Read from the page before Readability edits it; one walk that stops early.
pub fn lead_text(dom: &Document) -> Option<String> {
    let mut since_h1: Option<usize> = None;
    for node in dom.root().descendants_it().filter(NodeRef::is_element) {
        let Some(seen) = since_h1 else {
            since_h1 = node.has_name("h1").then_some(0);
            continue;
        };
        if seen > MAX_LEAD_DISTANCE {
            return None;
        }
        since_h1 = Some(seen + 1);
        if !named_lead(&node) {
            continue;
        }
        let text = crate::document::collapse_whitespace(&crate::document::without_soft_hyphens(&node.text()));
        let length = text.chars().count();
        let link_chars: usize = Selection::from(node)
            .select_matcher(matcher!("a"))
            .nodes()
            .iter()
            .map(NodeRef::normalized_char_count)
            .sum();
        if (MIN_LEAD_CHARS..=MAX_LEAD_CHARS).contains(&length) && (link_chars as f64) < MAX_LINK_DENSITY * length as f64
        {
            return Some(text);
        }
    }
    None
}

fn named_lead(node: &NodeRef) -> bool {
    let class = node.attr("class").unwrap_or_default();
    let id = node.attr("id").unwrap_or_default();
    let words = || class.split_whitespace().chain(std::iter::once(&*id)).flat_map(|n| n.split(['-', '_']));
    let any_of = |list: &[&str]| words().any(|word| list.iter().any(|w| w.eq_ignore_ascii_case(word)));
    any_of(LEAD_WORDS)
        && !any_of(NOT_LEAD_WORDS)
        // A caption, or a box holding a picture, is no lead either.
        && !node.ancestors_it(None).any(|a| a.has_name("figure"))
        && !Selection::from(*node).select_matcher(matcher!("img, figure, figcaption, picture")).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lead_beside_the_headline() {
        let lead = "The council voted on Monday to close the old bridge for good, after years of repairs.";
        let page = format!(
            "<header><h1>Bridge closed</h1><div class=lead-image><p class=caption>A caption that is long enough to \
             count as a lead if it were one.</p></div><p class=article-lead>{lead}</p></header><article><p>Body.</p></article>"
        );
        assert_eq!(lead_text(&Document::from(page)).as_deref(), Some(lead));
        let before_h1 = format!("<p class=lead>{lead}</p><h1>Bridge closed</h1>");
        assert_eq!(lead_text(&Document::from(before_h1)), None);
    }
}
