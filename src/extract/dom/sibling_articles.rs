//! The next stories beside the page's article, removed before Readability can pick one
//! of them or merge them in.

use dom_query::NodeRef;
// dom_query's `normalized_char_count`, counted faster (dom_smoothie patch 0024).
use dom_smoothie::normalized_char_count;

/// An `<article>` with less text than this is a teaser, not the page's article.
const MIN_SIBLING_ARTICLE_CHARS: usize = 500;

/// Headings shorter than this are not matched against the page's title.
const MIN_TITLE_HEADING_CHARS: usize = 10;

/// Several `<article>`s on a page: when one of them is headed by the page's title, it
/// is the page's article and the others are the next stories (infinite scroll, each
/// story often in a wrapper of its own), "more posts" or teasers; they are removed
/// before extraction, so that Readability neither picks one of them nor merges them in.
/// Articles inside the titled one (listicle items) stay, and so do forum posts and
/// sections when no article is headed by the page's title.
pub fn drop_sibling_articles(dom: &dom_query::Document) {
    let articles = dom.select_matcher(matcher!("article"));
    if articles.length() < 2 {
        return;
    }
    let Some(title) = dom.select_single_matcher(matcher!("title")).nodes().first().map(|t| t.text()) else { return };
    // The title, and its parts around a separator ("Headline | Site"), as letters.
    let mut headlines = vec![letters(&title)];
    for sep in crate::extract::content::TITLE_SEPARATORS {
        if let Some((head, tail)) = title.split_once(sep) {
            headlines.extend([letters(head), letters(tail)]);
        }
        if let Some((head, tail)) = title.rsplit_once(sep) {
            headlines.extend([letters(head), letters(tail)]);
        }
    }
    // A heading equal to a headline, not one starting it: a section "What is X?" under
    // the title "What is X and what does it bring?" is not the title.
    let headed_by_title = |article: &NodeRef| {
        dom_query::Selection::from(*article).select_matcher(matcher!("h1, h2")).nodes().iter().any(|h| {
            let heading = letters(&h.text());
            heading.chars().count() >= MIN_TITLE_HEADING_CHARS && headlines.contains(&heading)
        })
    };
    // The innermost article headed by the title, with real text, is the page's.
    let nodes = articles.nodes();
    let Some(main) =
        nodes.iter().rev().find(|a| normalized_char_count(a) >= MIN_SIBLING_ARTICLE_CHARS && headed_by_title(a))
    else {
        return;
    };
    // Its ancestors hold it and its descendants are its parts (listicle items): they stay.
    let related = |other: &NodeRef| {
        other.id == main.id
            || main.ancestors_it(None).any(|a| a.id == other.id)
            || other.ancestors_it(None).any(|a| a.id == main.id)
    };
    for other in nodes.iter().filter(|o| !related(o)) {
        other.remove_from_parent();
    }
}

/// The letters and digits of `s`, lower case: titles and headings differ in quotes,
/// dashes and ellipses ("Ama..." / "Ama…").
pub fn letters(s: &str) -> String {
    let mut out = String::new();
    s.chars().filter(|c| c.is_alphanumeric()).for_each(|c| pith_lowercase::push_lowercase(c, &mut out));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_stories_than_the_titled_article_go() {
        let body = "Words of the story. ".repeat(30);
        let page = format!(
            "<title>The Big Story | Site</title><div><article><h1>The big story…</h1><p>{body}</p></article>\
             <article><h2>Next story</h2><p>{body}</p></article></div>\
             <div><article><h2>Reply one</h2><p>{body}</p></article><article><p>{body}</p></article></div>"
        );
        let dom = dom_query::Document::from(page.as_str());
        drop_sibling_articles(&dom);
        assert_eq!(dom.select("article").length(), 1, "the next stories go, in any wrapper");
        assert!(!dom.select("h2").text().contains("Next story"));
        let untitled = page.replace("The Big Story | Site", "Forum");
        let dom = dom_query::Document::from(untitled);
        drop_sibling_articles(&dom);
        assert_eq!(dom.select("article").length(), 4, "no article headed by the title: all stay");
        let nested = format!(
            "<title>Ten tips</title><article><h1>Ten tips</h1><p>{body}</p><article><h2>Tip one</h2>\
             <p>{body}</p></article><article><h2>Tip two</h2><p>{body}</p></article></article>"
        );
        let dom = dom_query::Document::from(nested);
        drop_sibling_articles(&dom);
        assert_eq!(dom.select("article").length(), 3, "the titled article's own items stay");
    }
}
