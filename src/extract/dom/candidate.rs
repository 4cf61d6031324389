//! Pith's second candidate: trafilatura-style rules, compared with Readability's.
//!
//! Readability scores containers and keeps the best one with some siblings; on pages
//! where that goes wrong (nothing found, a teaser picked, the article split across
//! containers) a simpler rule often wins: take the page's main container (schema.org
//! `articleBody`, `<article>`, `<main>`, or common content class names), drop what is
//! plainly not text (navigation, headers, footers, asides, forms, boilerplate-named
//! elements), and keep its text blocks that are not mostly links.

use dom_query::{Document, NodeData, NodeId, NodeRef, Selection};
use dom_smoothie::CharCounterCache;

use super::{boilerplate, build};

/// Containers that hold the article on most sites, best first: schema.org's
/// `articleBody`, `<article>`, `<main>`, `role="main"`, common content class names,
/// then generic content ids and classes. Matched by hand in one walk of the page
/// ([`container_rank`]): a CSS selector per rule would walk the page once each.
const CONTAINER_RULES: usize = 6;

/// Class names of a content container (rule 4).
const CONTENT_CLASSES: &[&str] =
    &["entry-content", "post-content", "article-body", "article-content", "story-body", "post-body"];

/// Elements whose text the candidate never takes: not reader content, or hidden.
const NOISE: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "select",
    "iframe", "svg", "figure",
];

/// Text blocks the candidate keeps.
const BLOCKS: &str = "p, h2, h3, h4, h5, h6, li, blockquote, pre, dd";

/// Element names of the text blocks (as [`BLOCKS`]), matched by hand: a selector
/// query per block would parse the selector again each time.
const BLOCK_NAMES: &[&str] = &["p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd"];

/// A container must hold at least this much text (characters) to be chosen.
const MIN_CONTAINER_CHARS: usize = 400;

/// Blocks whose text is more than this share links are navigation.
pub const MAX_LINK_DENSITY: f64 = 0.5;

/// List items shorter than this (characters) are menus rather than prose, unless they
/// read as sentences ([`is_sentence_item`]).
const MIN_LI_CHARS: usize = 60;

/// A link this long opening a list item is a story's headline, the rest its summary.
const MIN_HEADLINE_LINK_CHARS: usize = 25;

/// The second candidate: copies of its text blocks in a fragment of their own, taken
/// from the page before Readability edits it (a copy of the tree, not HTML to parse again).
pub struct Candidate {
    /// The blocks, in order, under the fragment's `<html>` as a parsed fragment has them.
    copy: Document,
    /// Characters of its text, spaces left out.
    pub chars: usize,
}

impl Candidate {
    /// The candidate rebuilt through the allow-list.
    pub fn document(&self, base_url: Option<&str>) -> crate::document::Document {
        build::document_from(&self.copy.root(), base_url)
    }
}

/// Copies `node`, its elements and texts, into `tree` as the last child of `parent`:
/// what the rebuild reads (comments and the like are left behind).
fn copy_into(tree: &dom_query::Tree, parent: NodeId, node: &NodeRef) {
    let mut stack = vec![(parent, *node)];
    while let Some((parent, node)) = stack.pop() {
        let Some(mut data) = node.query(|n| n.data.clone()) else { continue };
        match &mut data {
            // A `<template>`'s contents live apart, in the page's tree (and are never read).
            NodeData::Element(element) => element.template_contents = None,
            NodeData::Text { .. } => {}
            _ => continue,
        }
        let id = tree.create_node(data);
        tree.append_child_of(&parent, &id);
        // Last child first on the stack, so that the first is copied first.
        stack.extend(node.children_it(true).map(|child| (id, child)));
    }
}

/// The second candidate, or `None` if the page has no text block it would take.
/// Read-only on the parsed page, so that it is taken before Readability edits the tree.
pub fn second_candidate(dom: &Document) -> Option<Candidate> {
    // The first match only: a full `select` would walk the whole page for the one body.
    let body = dom.select_single_matcher(matcher!("body")).nodes().first().copied()?;
    // Containers nest and blocks hold links: counts are shared, each text read once.
    let counter = CharCounterCache::default();
    let chars = |node: &NodeRef| counter.char_count(node);
    // Counted only if an element named as boilerplate needs weighing against it.
    let body_chars = std::cell::OnceCell::new();
    let mut matches: Vec<(u8, NodeRef)> = Vec::new();
    for node in body.descendants_it().filter(NodeRef::is_element) {
        let rules = container_rank(&node);
        if rules != 0 {
            matches.push((rules, node));
        }
    }
    let container = (0..CONTAINER_RULES)
        .find_map(|rule| {
            // The container with the most text among those the rule matches.
            matches
                .iter()
                .filter(|(rules, _)| rules & (1 << rule) != 0)
                .map(|(_, n)| (chars(n), *n))
                .filter(|(c, _)| *c >= MIN_CONTAINER_CHARS)
                .max_by_key(|(c, _)| *c)
                .map(|(_, n)| n)
        })
        .unwrap_or(body);
    let copy = Document::fragment_sink();
    let copy_root = copy.tree.new_element("html").id;
    copy.tree.append_child_of(&copy.tree.root().id, &copy_root);
    let mut total = 0;
    let container_chars = chars(&container);
    let blocks = Selection::from(container).select_matcher(matcher!(BLOCKS));
    // foldhash, not the default SipHash: one lookup per ancestor of every block. The
    // verdict as 0/1 in dom_smoothie's map type (`foldhash::HashMap<NodeId, usize>`, its
    // candidates' ancestor counts): a map type of its own is one more copy of the hash
    // table's code in the wasm.
    let mut judged: foldhash::HashMap<_, usize> = Default::default();
    for block in blocks.nodes() {
        let name = block.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        // Only innermost blocks: a list item holding paragraphs is taken paragraph by paragraph.
        if name != "p" && block.descendants_it().any(|d| is_block(&d)) {
            continue;
        }
        // Blocks share ancestors: judge each ancestor once (the check counts its text).
        // Up to the container: above it, every block has the same ancestors.
        let up_to_container = block.ancestors_it(None).take_while(|a| a.id != container.id);
        let boilerplate_ancestor = std::iter::once(*block).chain(up_to_container).chain([container]).any(|a| {
            *judged.entry(a.id).or_insert_with(|| {
                usize::from(
                    is_noise(&a)
                        || boilerplate::is_boilerplate_element(&a, || {
                            container_chars.max(*body_chars.get_or_init(|| chars(&body)))
                        }),
                )
            }) == 1
        });
        if boilerplate_ancestor {
            continue;
        }
        let text = block.text();
        let text_chars = crate::document::non_whitespace_chars(&text);
        if text_chars == 0 || (name == "li" && text_chars < MIN_LI_CHARS && !is_sentence_item(block, &text)) {
            continue;
        }
        // A teaser (a linked headline over a summary) in a list of other stories.
        if name == "li" && (has_headline(block) || starts_with_headline(block, &counter)) {
            continue;
        }
        if link_chars(block, &counter) as f64 > MAX_LINK_DENSITY * text_chars as f64 {
            continue;
        }
        copy_into(&copy.tree, copy_root, block);
        total += text_chars;
    }
    (total > 0).then_some(Candidate { copy, chars: total })
}

/// The container rules this element matches, as a bit set (bit `i` for rule `i`).
fn container_rank(node: &NodeRef) -> u8 {
    let mut rules = 0u8;
    if node.attr("itemprop").is_some_and(|v| &*v == "articleBody") {
        rules |= 1;
    }
    if node.has_name("article") {
        rules |= 1 << 1;
    }
    if node.has_name("main") {
        rules |= 1 << 2;
    }
    if node.attr("role").is_some_and(|v| &*v == "main") {
        rules |= 1 << 3;
    }
    let class = node.attr("class").unwrap_or_default();
    if class.split_whitespace().any(|c| CONTENT_CLASSES.contains(&c)) {
        rules |= 1 << 4;
    }
    if node.attr("id").is_some_and(|id| &*id == "content" || &*id == "main")
        || class.split_whitespace().any(|c| c == "content")
    {
        rules |= 1 << 5;
    }
    rules
}

/// Is this element noise: named so, hidden, or styled invisible?
fn is_noise(node: &NodeRef) -> bool {
    NOISE.iter().any(|n| node.has_name(n))
        || node.has_attr("hidden")
        || node.attr("aria-hidden").is_some_and(|v| &*v == "true")
        || has_hidden_style(node)
}

/// Is this element hidden from readers: the `hidden` attribute, `aria-hidden="true"` (any
/// case), or styled invisible in its own `style` attribute (see [`has_hidden_style`])?
pub(super) fn is_hidden(node: &NodeRef) -> bool {
    node.has_attr("hidden")
        || node.attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || has_hidden_style(node)
}

/// Is this element styled invisible in its own `style` attribute (`display: none`,
/// `visibility: hidden`)?
pub(super) fn has_hidden_style(node: &NodeRef) -> bool {
    node.attr("style").is_some_and(|style| {
        // The copy without spaces only for the few styles that may hide.
        (style.contains("none") || style.contains("hidden")) && {
            let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
            style.contains("display:none") || style.contains("visibility:hidden")
        }
    })
}

fn is_block(node: &NodeRef) -> bool {
    node.is_element() && BLOCK_NAMES.iter().any(|n| node.has_name(n))
}

/// Characters of the text inside links.
fn link_chars(node: &NodeRef, counter: &CharCounterCache) -> usize {
    node.descendants_it().filter(|d| d.has_name("a")).map(|a| counter.char_count(&a)).sum()
}

/// A short list item that is a sentence of the article (it ends as one and links
/// nowhere: "Automatic shrinking of failing examples.", a footnote's number after it),
/// not a menu entry. Not a question: teasers for other stories are often questions
/// (measured: a German site's audio teasers came through).
fn is_sentence_item(item: &NodeRef, text: &str) -> bool {
    text.trim_end().trim_end_matches(|c: char| c.is_ascii_digit()).ends_with(['.', ';'])
        && !item.descendants_it().any(|d| d.has_name("a"))
}

/// Does this list item hold a story's headline (a heading, or a linked picture)?
fn has_headline(item: &NodeRef) -> bool {
    item.descendants_it().any(|d| {
        d.has_name("h2")
            || d.has_name("h3")
            || d.has_name("h4")
            || (d.has_name("a") && d.descendants_it().any(|i| i.has_name("img")))
    })
}

/// Does this list item open with a linked headline?
fn starts_with_headline(item: &NodeRef, counter: &CharCounterCache) -> bool {
    item.children_it(false)
        .find(|c| c.is_element() || !c.text().trim().is_empty())
        .is_some_and(|first| first.has_name("a") && counter.char_count(&first) >= MIN_HEADLINE_LINK_CHARS)
}
