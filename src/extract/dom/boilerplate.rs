//! Elements named as boilerplate by their class or id (share bars, related stories,
//! newsletter and subscription boxes, comments, credits, author boxes, wiki edit links, the
//! page's own table of contents): dropped while the
//! article is rebuilt (`build`) and skipped by the second candidate (`candidate`). The
//! same kinds of clutter left as plain paragraphs are judged by their words later, on
//! the clean article (`content::boilerplate`).

use dom_query::NodeRef;

/// Class/id words (split on `-`, `_` and spaces) that name a boilerplate element.
const HINT_WORDS: &[&str] = &[
    "share",
    "sharing",
    "shares",
    "social",
    "socials",
    "newsletter",
    "related",
    "recommended",
    "recommendations",
    "readmore",
    "subscribe",
    "subscription",
    "paywall",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sponsored",
    "outbrain",
    "taboola",
    "comments",
    "disqus",
    "breadcrumb",
    "breadcrumbs",
    "credit",
    "credits",
    "copyright",
    "signup",
    "toolbar",
    // A wiki heading's "[edit]" link (MediaWiki's `mw-editsection`).
    "editsection",
];

/// A class/id word naming the page's own table of contents (MediaWiki's `#toc`, the
/// blogs' `toc_container`): dropped when it is a list of links, since the panel draws the
/// contents itself and the text keeps the headings. Only then: sites also name the
/// sections the contents point to after it (`TOC_TITLE_3`), and those are the article.
const CONTENTS_WORD: &str = "toc";

/// Class/id words starting with these name boilerplate too (`sharebar`, `relatedposts`).
const HINT_PREFIXES: &[&str] =
    &["share", "social", "newsletter", "related", "readmore", "subscribe", "outbrain", "taboola"];

/// A hint word right after one of these names a feature of the element, not its kind: a
/// BEM modifier such as the Guardian's `fig--has-shares` is a picture with share buttons
/// (the buttons go by themselves), `has-comments` a post with comments below.
const FEATURE_WORDS: &[&str] = &["has", "with"];

/// Words that, beside "author" in one class name, make it the author's box (a
/// biography, a portrait, "more from this author"), not the byline.
const AUTHOR_BOX_WORDS: &[&str] = &["box", "bio", "detail", "info", "about", "profile", "card"];

/// An element named as boilerplate is dropped only if it holds less than this share
/// of the article's text: a site that calls its article body `post-related` must not
/// lose the article.
const MAX_BOILERPLATE_SHARE: f64 = 0.3;

/// Is this element named (by class or id) as boilerplate, and small enough to drop?
pub fn is_boilerplate_element(node: &NodeRef, article_chars: impl FnOnce() -> usize) -> bool {
    let class = node.attr("class").unwrap_or_default();
    let id = node.attr("id").unwrap_or_default();
    // Case-insensitive comparisons without allocating: this runs for every element and,
    // in the second candidate, for every ancestor of every block.
    let names = || class.split_whitespace().chain(std::iter::once(&*id));
    // The words of the names, less those that follow a feature word.
    let words = || {
        names().flat_map(|name| {
            let mut previous = "";
            name.split(['-', '_']).filter(|word| !word.is_empty()).filter(move |word| {
                let feature = FEATURE_WORDS.iter().any(|f| f.eq_ignore_ascii_case(previous));
                previous = word;
                !feature
            })
        })
    };
    let named = words().any(|word| {
        HINT_WORDS.iter().any(|h| h.eq_ignore_ascii_case(word))
            || HINT_PREFIXES.iter().any(|p| word.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p)))
    }) || names().any(is_author_box)
        || (words().any(|word| word.eq_ignore_ascii_case(CONTENTS_WORD)) && is_link_list(node));
    if !named {
        return false;
    }
    let chars = crate::document::non_whitespace_chars(&node.text());
    (chars as f64) < MAX_BOILERPLATE_SHARE * article_chars() as f64
}

/// Is most of this element's text the text of its links?
fn is_link_list(node: &NodeRef) -> bool {
    let text = crate::document::non_whitespace_chars(&node.text());
    let links: usize = node
        .descendants_it()
        .filter(|d| d.has_name("a"))
        .map(|a| crate::document::non_whitespace_chars(&a.text()))
        .sum();
    links as f64 > super::candidate::MAX_LINK_DENSITY * text as f64
}

/// Is this class name an author box ("author-box", "entry-author-bio", "author-details")?
fn is_author_box(name: &str) -> bool {
    contains_ignore_case(name, "author") && AUTHOR_BOX_WORDS.iter().any(|w| contains_ignore_case(name, w))
}

/// ASCII case-insensitive `haystack.contains(needle)`, without allocating.
fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_boxes() {
        assert!(
            is_author_box("bmg-author-box") && is_author_box("entry-author-bio") && is_author_box("author-details")
        );
        assert!(!is_author_box("author") && !is_author_box("byline-author"));
    }
}
