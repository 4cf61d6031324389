//! Repairs of the parsed page: hostile depth flattened, and a `<noscript>` that
//! swallowed the page opened.

use dom_query::NodeRef;
// dom_query's `normalized_char_count`, counted faster (dom_smoothie patch 0024).
use dom_smoothie::normalized_char_count;

/// Past this depth the tree is flattened to its text: deep nesting is an attack or
/// an accident, never an article's structure, and it must not exhaust the stack.
pub const MAX_DEPTH: usize = 200;

/// A `<noscript>` with less text than this is a message or an image, never a swallowed page.
const MIN_SWALLOWING_NOSCRIPT_CHARS: usize = 500;
/// A `<noscript>` holding more than this share of the page's text swallowed the page.
const SWALLOWING_NOSCRIPT_SHARE: f64 = 0.5;

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
pub fn repair(root: &NodeRef) {
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
        let chars = normalized_char_count(&node);
        if chars >= MIN_SWALLOWING_NOSCRIPT_CHARS
            && chars as f64
                > SWALLOWING_NOSCRIPT_SHARE * *page_chars.get_or_insert_with(|| normalized_char_count(root)) as f64
        {
            node.rename("div");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_noscript_that_swallowed_the_page_becomes_a_div() {
        let text = "Words of the article. ".repeat(40);
        let page =
            format!("<body><noscript><img src=a.png></noscript><noscript><div id=x></noscript><p>{text}</p></body>");
        let dom = dom_query::Document::from(page);
        repair(&dom.root());
        assert_eq!(dom.select("noscript").length(), 1, "the small one stays");
        assert!(dom.select("div#x").parent().is("div"));
    }
}
