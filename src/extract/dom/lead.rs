//! The article's lead (standfirst) and lead picture, which many sites put in the header
//! beside the headline, outside the container Readability keeps: read from the page
//! before Readability edits it, and put first in the article when missing
//! (`content::lead`).

use dom_query::{Document, NodeRef, Selection};
// dom_query's `normalized_char_count`, counted faster (dom_smoothie patch 0024).
use dom_smoothie::normalized_char_count;

use crate::document::{Attr, Element, Node, Tag};

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

/// The lead is looked for among this many elements after an `<h1>`.
const MAX_LEAD_DISTANCE: usize = 40;

/// A later `<h1>` is the headline only while the page has shown less paragraph text than
/// this (characters) before it: after the article, `<h1>`s head the site's boxes.
const MAX_TEXT_BEFORE_HEADLINE: usize = 1000;

/// The article's lead: the first element named as one (by a class or id word) shortly
/// after an `<h1>`, with sentence-like text that is not mostly links.
/// Read from the page before Readability edits it, in one walk.
pub fn lead_text(dom: &Document) -> Option<String> {
    let mut since_h1: Option<usize> = None;
    // Characters of paragraph text seen so far: the article's text, once over
    // [`MAX_TEXT_BEFORE_HEADLINE`].
    let mut text_seen = 0;
    let mut h1_seen = false;
    for node in dom.root().descendants_it().filter(NodeRef::is_element) {
        // Counted from the last `<h1>` seen before the article's text: pages put the
        // site's logo in an `<h1>` above the headline's, and head boxes after the article
        // ("Events") in others.
        if node.has_name("h1") && (!h1_seen || text_seen < MAX_TEXT_BEFORE_HEADLINE) {
            (h1_seen, since_h1) = (true, Some(0));
            continue;
        }
        if node.has_name("p") {
            text_seen += normalized_char_count(&node);
        }
        let Some(seen) = since_h1 else { continue };
        if seen > MAX_LEAD_DISTANCE {
            since_h1 = None;
            continue;
        }
        since_h1 = Some(seen + 1);
        if !named_lead(&node) {
            continue;
        }
        let text = crate::document::collapse_whitespace(&crate::document::without_soft_hyphens(&node.text()));
        let length = text.chars().count();
        let link_chars: usize =
            Selection::from(node).select_matcher(matcher!("a")).nodes().iter().map(normalized_char_count).sum();
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
        && !Selection::from(*node).select_single_matcher(matcher!("img, figure, figcaption, picture")).exists()
}

/// A picture's file name shorter than this (without its extensions) names no picture in
/// particular ("1.jpg", "img.png").
const MIN_PICTURE_STEM_CHARS: usize = 5;

/// A lead picture narrower than this (in pixels) is a thumbnail or a placeholder.
const MIN_PICTURE_WIDTH: u32 = 100;

/// Ancestors of the lead picture looked at for its caption (in its figure, or in a box
/// that holds the figure and the caption side by side).
const MAX_CAPTION_LEVELS: usize = 4;

/// The page's lead picture as a figure of the clean article: the `<img>` showing the
/// picture the page announces (`og:image`), its caption as its description when it has
/// none. Sites put it above the
/// text, beside the headline, where Readability's container often leaves it out. `None`
/// when the page announces no picture, shows it nowhere, or only as a link's picture
/// (a teaser) or a logo.
pub fn lead_picture(dom: &Document, url: Option<&str>) -> Option<Element> {
    // The first match only (`attr` reads the first), found in the head without walking the body.
    let announced =
        dom.select_single_matcher(matcher!(r#"meta[property="og:image"], meta[name="og:image"]"#)).attr("content")?;
    let stem = picture_stem(&announced)?;
    let img = dom.body()?.descendants_it().find(|img| {
        img.has_name("img")
            && super::technical::figures::image_source(img).as_deref().and_then(picture_stem).as_deref() == Some(&*stem)
    })?;
    let named_logo = |n: &NodeRef| {
        ["class", "id", "alt"].iter().any(|a| n.attr(a).is_some_and(|v| v.to_ascii_lowercase().contains("logo")))
    };
    let is_hidden = super::candidate::is_hidden;
    if is_hidden(&img)
        || named_logo(&img)
        || img.ancestors_it(None).any(|a| a.has_name("a") || a.has_name("nav") || is_hidden(&a) || named_logo(&a))
    {
        return None;
    }
    // The box to rebuild: the closest ancestor that holds this one picture and a caption
    // (the caption may sit beside the picture's figure), else the picture's figure, else
    // the picture alone.
    let mut container = None;
    for ancestor in img.ancestors_it(Some(MAX_CAPTION_LEVELS)) {
        // Its pictures and captions, counted in one walk.
        let (mut pictures, mut captions) = (0, 0);
        for d in ancestor.descendants_it() {
            pictures += usize::from(d.has_name("img"));
            captions += usize::from(d.has_name("figcaption"));
        }
        if pictures > 1 {
            break;
        }
        if captions > 0 {
            container = Some(ancestor);
            break;
        }
        if ancestor.has_name("figure") && container.is_none() {
            container = Some(ancestor);
        }
    }
    // Rebuilt through the allow-list from the box (the picture alone: from its parent,
    // the picture picked out again by its name).
    let built = super::document_from(&container.or_else(|| img.parent())?, url);
    let mut picture = None;
    let mut caption = None;
    find_picture_parts(&built.nodes, &stem, &mut picture, &mut caption);
    let mut picture = picture.filter(|p| !is_thumbnail(p))?;
    // The caption only as the picture's description, when it has none: the text around
    // the article is its own, and a caption above it read as the article's first lines
    // (measured: `cv.py` fell on validation pages whose references leave it out).
    if let Some(caption) = caption
        && picture.attr(Attr::Alt).is_none_or(|alt| alt.trim().is_empty())
    {
        picture.set_attr(Attr::Alt, &crate::document::collapse_whitespace(&caption.text()));
    }
    let mut figure = Element::new(Tag::Figure);
    figure.children.push(Node::Element(picture));
    Some(figure)
}

/// Is this picture a thumbnail or a blurred placeholder ("?width=25") rather than the
/// lead picture: narrower than [`MIN_PICTURE_WIDTH`] by its `width` or its address?
fn is_thumbnail(img: &Element) -> bool {
    let narrow = |v: &str| v.parse::<u32>().is_ok_and(|w| w < MIN_PICTURE_WIDTH);
    let query = img.attr(Attr::Src).and_then(|src| src.split_once('?')).map_or("", |(_, q)| q);
    img.attr(Attr::Width).is_some_and(narrow)
        || query
            .split('&')
            .any(|pair| pair.split_once('=').is_some_and(|(k, v)| matches!(k, "w" | "width") && narrow(v)))
}

/// The picture named `stem` and the first caption among `nodes`, depth first.
fn find_picture_parts(nodes: &[Node], stem: &str, picture: &mut Option<Element>, caption: &mut Option<Element>) {
    for node in nodes {
        let Node::Element(e) = node else { continue };
        match e.tag {
            Tag::Img => {
                if picture.is_none() && e.attr(Attr::Src).and_then(picture_stem).as_deref() == Some(stem) {
                    *picture = Some(e.clone());
                }
            }
            Tag::Figcaption if caption.is_none() && !e.text().trim().is_empty() => *caption = Some(e.clone()),
            _ => find_picture_parts(&e.children, stem, picture, caption),
        }
    }
}

/// A picture's file name without its extensions, query and size suffix, lower case:
/// "WeWork-SF.jpg?w=1200", "WeWork-SF-770x578.jpg" and "wework-sf.fit-760w.JPG" are one
/// picture in three sizes.
pub fn picture_stem(address: &str) -> Option<String> {
    let path = address.split(['?', '#']).next()?;
    let name = path.rsplit('/').next()?;
    let mut stem = name.split('.').next()?.to_ascii_lowercase();
    // WordPress's sizes: "-770x578".
    if let Some((head, size)) = stem.rsplit_once('-')
        && let Some((w, h)) = size.split_once('x')
        && !w.is_empty()
        && !h.is_empty()
        && w.bytes().chain(h.bytes()).all(|b| b.is_ascii_digit())
    {
        stem.truncate(head.len());
    }
    (stem.chars().count() >= MIN_PICTURE_STEM_CHARS).then_some(stem)
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

    #[test]
    fn the_lead_after_a_logo_h1_but_not_after_the_article() {
        let lead = "The council voted on Monday to close the old bridge for good, after years of repairs.";
        let menu = "<li><a href=/a>Section</a></li>".repeat(50);
        let logo_first = format!(
            "<h1><a href=/>Daily Paper - news</a></h1><ul>{menu}</ul><h1>Bridge closed</h1><p class=lead>{lead}</p>"
        );
        assert_eq!(lead_text(&Document::from(logo_first)).as_deref(), Some(lead));
        let body = "<p>A paragraph of the article, long enough to count as its text.</p>".repeat(20);
        let box_after =
            format!("<h1>Bridge closed</h1><ul>{menu}</ul>{body}<h1>Events</h1><div class=teaser>{lead}</div>");
        assert_eq!(lead_text(&Document::from(box_after)), None);
    }

    #[test]
    fn picture_stems() {
        let stem = |a| picture_stem(a);
        assert_eq!(stem("https://x.example/up/2019/WeWork-SF.jpg?w=1200&strip=all").as_deref(), Some("wework-sf"));
        assert_eq!(stem("/up/WeWork-SF-770x578.jpg").as_deref(), Some("wework-sf"));
        assert_eq!(stem("/j/abc-9162_78d3.nbc-fp-1200-630.JPG"), stem("/j/abc-9162_78d3.fit-760w.JPG"));
        assert_eq!(stem("/img/1.jpg"), None);
    }
}
