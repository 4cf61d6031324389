//! Pith's second candidate: trafilatura-style rules, compared with Readability's.
//!
//! Readability scores containers and keeps the best one with some siblings; on pages
//! where that goes wrong (nothing found, a teaser picked, the article split across
//! containers) a simpler rule often wins: take the page's main container (schema.org
//! `articleBody`, `<article>`, `<main>`, or common content class names), drop what is
//! plainly not text (navigation, headers, footers, asides, forms, boilerplate-named
//! elements), and keep its text blocks that are not mostly links.

use dom_query::{Document, NodeRef, Selection};

use super::boilerplate;

/// Containers that hold the article on most sites, best first.
const CONTAINERS: &[&str] = &[
    r#"[itemprop="articleBody"]"#,
    "article",
    "main",
    r#"[role="main"]"#,
    ".entry-content, .post-content, .article-body, .article-content, .story-body, .post-body",
    "#content, #main, .content",
];

/// Elements removed before the text blocks are collected.
const NOISE: &str = r#"script, style, noscript, template, nav, header, footer, aside, form, button,
select, iframe, svg, figure, [hidden], [aria-hidden=true], [style*="display:none"], [style*="display: none"],
[style*="visibility:hidden"], [style*="visibility: hidden"]"#;

/// Text blocks the candidate keeps.
const BLOCKS: &str = "p, h2, h3, h4, h5, h6, li, blockquote, pre, dd";

/// A container must hold at least this much text (characters) to be chosen.
const MIN_CONTAINER_CHARS: usize = 400;

/// Blocks whose text is more than this share links are navigation.
const MAX_LINK_DENSITY: f64 = 0.5;

/// List items shorter than this (characters) are menus rather than prose.
const MIN_LI_CHARS: usize = 60;

/// The candidate as HTML (a sequence of text blocks), or `None` if the page has none.
pub fn candidate_html(html: &str) -> Option<String> {
    let dom = Document::from(html);
    super::build::flatten_deep(&dom.root()); // hostile depth, as for the first candidate
    dom.select(NOISE).remove();
    let body = dom.select("body").nodes().first().copied()?;
    let body_chars = chars(&body);
    let container = CONTAINERS
        .iter()
        .find_map(|sel| {
            // The container with the most text among those the selector matches.
            dom.select(sel).nodes().iter().filter(|n| chars(n) >= MIN_CONTAINER_CHARS).max_by_key(|n| chars(n)).copied()
        })
        .unwrap_or(body);
    let mut out = String::new();
    let container_chars = chars(&container);
    let blocks = Selection::from(container).select(BLOCKS);
    let mut judged = std::collections::HashMap::new();
    for block in blocks.nodes() {
        let name = block.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        // Only innermost blocks: a list item holding paragraphs is taken paragraph by paragraph.
        if name != "p" && Selection::from(*block).select(BLOCKS).exists() {
            continue;
        }
        // Blocks share ancestors: judge each ancestor once (the check counts its text).
        let boilerplate_ancestor = block.ancestors_it(None).any(|a| {
            *judged
                .entry(a.id)
                .or_insert_with(|| boilerplate::is_boilerplate_element(&a, container_chars.max(body_chars)))
        });
        if boilerplate_ancestor {
            continue;
        }
        let text = block.text();
        let text_chars = text.chars().filter(|c| !c.is_whitespace()).count();
        if text_chars == 0 || (name == "li" && text_chars < MIN_LI_CHARS) {
            continue;
        }
        // A teaser (a linked headline over a summary) in a list of other stories.
        if name == "li" && Selection::from(*block).select("h2, h3, h4, a img").exists() {
            continue;
        }
        let link_chars: usize = Selection::from(*block).select("a").nodes().iter().map(chars).sum();
        if link_chars as f64 > MAX_LINK_DENSITY * text_chars as f64 {
            continue;
        }
        out.push_str(&block.html());
    }
    (!out.is_empty()).then_some(out)
}

fn chars(node: &NodeRef) -> usize {
    node.normalized_char_count()
}
