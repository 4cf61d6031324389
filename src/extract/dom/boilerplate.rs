//! Elements named as boilerplate by their class or id (share bars, related stories,
//! newsletter and subscription boxes, comments, credits, author boxes, a post's meta
//! lines, wiki edit links, the page's own table of contents): dropped while the
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

/// A class/id word naming a post's meta line: its date, author, views, tags or comment
/// count beside the text (WordPress's `entry-meta`, `post-meta`; a comment's `meta`
/// header). Also matched inside a name: `postmetadata`. The panel shows the date and
/// byline itself; the rest is not the article's text.
const META_WORD: &str = "meta";
const META_NAME_PART: &str = "postmeta";

/// A recipe's meta box holds the recipe's facts (preparation time, servings: WP Recipe
/// Maker's `wprm-recipe-meta-container`, oetker.de's `recipe-meta`), which are its content.
const RECIPE_NAME_PART: &str = "recipe";

/// A meta line is short: a box named `meta` with more text than this (spaces left out)
/// holds more than a line, such as a recipe's subtitle and servings (oetker.de's
/// `recipe-meta`, 135 characters, wanted by multilingual-dev's annotators).
const MAX_META_CHARS: usize = 100;

/// Elements inside a line: named `meta`, they are a part of a sentence (the New York Times'
/// topic links in the text), a price or a picture credit, not a line of their own.
const INLINE_NAMES: &[&str] = &["a", "span", "em", "strong", "b", "i", "small", "time", "figcaption"];

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

/// A name says what a box is for, its shape whether it is one: a box named as boilerplate
/// that holds this many prose paragraphs in a row (siblings, no shorter `<p>` between them)
/// is the article under a topical name (an `<article class="paywall-on">`, a section whose
/// id is its title, `sharing-with-a-single-developer`). Share bars, teaser cards and related
/// lists put one or two paragraphs in an item (runs of 1 on the training pages); at 2, a
/// two-paragraph comment leaked (BENCHMARKS.md, "Extraction, twelfth session").
const MIN_PROSE_RUN: usize = 3;

/// A prose paragraph: at least this many characters, ending as a sentence ends.
const MIN_PROSE_CHARS: usize = 80;
const SENTENCE_ENDS: [char; 8] = ['.', '!', '?', '…', '"', '”', '»', ')'];

/// Comments are prose too: a run of it does not make a comment box the article.
const COMMENT_NAME_PARTS: [&str; 2] = ["comment", "disqus"];

/// Is this element named (by class or id) as boilerplate, and small enough to drop?
pub fn is_boilerplate_element(node: &NodeRef, article_chars: impl FnOnce() -> usize) -> bool {
    boilerplate_chars(node).is_some_and(|chars| (chars as f64) < MAX_BOILERPLATE_SHARE * article_chars() as f64)
}

/// The text (spaces left out) of this element if it is a box named as boilerplate. Apart
/// from [`is_boilerplate_element`], which is generic over its caller's closure: one copy of
/// this code in the wasm, not one per caller.
fn boilerplate_chars(node: &NodeRef) -> Option<usize> {
    let is_box = is_named_boilerplate(node) && (is_named_comments(node) || !holds_prose_run(node));
    is_box.then(|| crate::document::non_whitespace_chars(&node.text()))
}

/// Is this element named (by class or id) as comments?
fn is_named_comments(node: &NodeRef) -> bool {
    [node.attr("class"), node.attr("id")]
        .iter()
        .flatten()
        .any(|name| COMMENT_NAME_PARTS.iter().any(|part| contains_ignore_case(name, part)))
}

/// Does this element hold [`MIN_PROSE_RUN`] prose paragraphs in a row?
fn holds_prose_run(node: &NodeRef) -> bool {
    let is_prose = |p: &NodeRef| {
        let text = p.text();
        let text = text.trim();
        text.chars().count() >= MIN_PROSE_CHARS && text.chars().next_back().is_some_and(|c| SENTENCE_ENDS.contains(&c))
    };
    // Other elements between two paragraphs (a picture, a heading) do not end the run.
    let has_run = |parent: NodeRef| {
        let mut run = 0;
        parent.children_it(false).filter(|child| child.has_name("p")).any(|p| {
            run = if is_prose(&p) { run + 1 } else { 0 };
            run >= MIN_PROSE_RUN
        })
    };
    std::iter::once(*node).chain(node.descendants_it()).any(has_run)
}

/// Is this element named (by class or id) as boilerplate?
fn is_named_boilerplate(node: &NodeRef) -> bool {
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
    words().any(|word| {
        HINT_WORDS.iter().any(|h| h.eq_ignore_ascii_case(word))
            || HINT_PREFIXES.iter().any(|p| word.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p)))
    }) || names().any(is_author_box)
        || (words().any(|word| word.eq_ignore_ascii_case(CONTENTS_WORD)) && is_link_list(node))
        || ((words().any(|word| word.eq_ignore_ascii_case(META_WORD))
            || names().any(|name| contains_ignore_case(name, META_NAME_PART)))
            && !names().any(|name| contains_ignore_case(name, RECIPE_NAME_PART))
            && is_meta_line(node))
}

/// Is this element, named as a meta box, a line of its own: a block, holding no heading (a
/// head named `article__meta` holds the headline: CityLab, Quanta), and short?
fn is_meta_line(node: &NodeRef) -> bool {
    let is_inline = node.node_name().is_some_and(|name| INLINE_NAMES.contains(&&*name));
    // `h1`…`h6`.
    let is_heading = |name: &str| matches!(name.as_bytes(), [b'h', b'1'..=b'6']);
    let holds_heading = node.descendants_it().any(|d| d.node_name().is_some_and(|name| is_heading(&name)));
    !is_inline && !holds_heading && crate::document::non_whitespace_chars(&node.text()) <= MAX_META_CHARS
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

    /// Is the first element of `html` named as boilerplate, in a long article?
    fn named(html: &str) -> bool {
        let doc = dom_query::Document::from(html);
        let node = *doc.select("body > *").nodes().first().expect("an element");
        is_boilerplate_element(&node, || 10_000)
    }

    #[test]
    fn meta_lines() {
        assert!(named(r#"<div class="entry-meta">Posted on 3 May 2021 by Ann</div>"#));
        assert!(named(r#"<p class="postmetadata alt">Filed under News | 2 comments</p>"#));
        assert!(named(r#"<div class="comment-author meta">Ann, 3 May 2021 at 9:30</div>"#));
        // A word of a sentence, a head holding the headline, and a longer box stay.
        assert!(!named(r#"<a class="css-1 meta" href="/topic/sudan">Sudan</a>"#));
        assert!(!named(r#"<div class="l-article__meta"><h1>Why neon matters</h1>1:39 PM</div>"#));
        let long = "Letzte Aktualisierung: 28.01.2022. Autorin: Brit Weirich, Medizinredakteurin. Geprüft von Dr. Anna Beispiel. Quellen: RKI, WHO.";
        assert!(!named(&format!(r#"<div class="article-meta">{long}</div>"#)));
        // A recipe's facts.
        assert!(!named(r#"<div class="wprm-recipe-meta-container">Prep Time 15 mins</div>"#));
        // `metadata` alone is no meta line's name.
        assert!(!named(r#"<div class="metadata">Posted on 3 May 2021</div>"#));
    }

    #[test]
    fn prose_under_a_boilerplate_name() {
        let prose = "A paragraph of the article's own prose, long enough to be read as one by any reader, ends here.";
        let run = |n: usize| format!("<p>{prose}</p>").repeat(n);
        // The article under a topical name stays; a teaser card with a paragraph goes.
        assert!(!named(&format!(r#"<article class="story paywall-on">{}</article>"#, run(3))));
        assert!(!named(&format!(r#"<div id="sharing-with-a-team"><h2>Sharing</h2>{}</div>"#, run(3))));
        assert!(named(&format!(r#"<div class="related">{}<p>Short.</p>{}</div>"#, run(2), run(1))));
        // Comments are prose: a long comment does not make the thread the article.
        assert!(named(&format!(r#"<section id="comments"><div class="comment">{}</div></section>"#, run(3))));
    }

    #[test]
    fn author_boxes() {
        assert!(
            is_author_box("bmg-author-box") && is_author_box("entry-author-bio") && is_author_box("author-details")
        );
        assert!(!is_author_box("author") && !is_author_box("byline-author"));
    }
}
