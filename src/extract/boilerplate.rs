//! Removes the boilerplate Readability leaves inside an article: share bars, "read
//! more" and "related" sections, newsletter and subscription boxes, image credits,
//! the repeated headline, and the byline/date lines above the text.
//!
//! Two passes. While the article is rebuilt (`build`), elements whose class or id
//! names them as boilerplate are dropped ([`is_boilerplate_element`]). Then, on the
//! clean [`Document`], short paragraphs whose words say what they are (in the
//! languages of our corpora) are removed ([`prune`]). Each rule was kept only if it
//! raised the scores of `make bench-quality`.

use dom_query::NodeRef;

use crate::document::{Document, Element, Node, Tag, collapse_whitespace};

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
];

/// Class/id words starting with these name boilerplate too (`sharebar`, `relatedposts`).
const HINT_PREFIXES: &[&str] =
    &["share", "social", "newsletter", "related", "readmore", "subscribe", "outbrain", "taboola"];

/// An element named as boilerplate is dropped only if it holds less than this share
/// of the article's text: a site that calls its article body `post-related` must not
/// lose the article.
const MAX_BOILERPLATE_SHARE: f64 = 0.3;

/// Paragraphs longer than this (in characters) are never judged by their words: a
/// real paragraph may begin "Read more about…".
const MAX_BOILERPLATE_CHARS: usize = 120;

/// Paragraphs that begin with these words (lower case) are boilerplate.
const PREFIXES: &[&str] = &[
    // Related content and "read more".
    "read more",
    "read also",
    "related:",
    "related stories",
    "related coverage",
    "related articles",
    "related content",
    "see also:",
    "more from",
    "don't miss",
    "don’t miss",
    "also on ",
    "recommended:",
    "mehr zum thema",
    "mehr zu ",
    "auch interessant",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "das thema könnte dich auch interessieren",
    "lesen sie auch",
    "lesen sie hier",
    "lies auch",
    "auch lesen",
    "weitere artikel",
    "weiterlesen",
    "zum weiterlesen",
    "ähnliche beiträge",
    "verwandte artikel",
    "empfohlene beiträge",
    "meistgelesen",
    "meistdiskutiert",
    "beiträge zum thema",
    "schon gelesen",
    "à lire aussi",
    "lire aussi",
    "pour lire la suite",
    "czytaj też",
    "czytaj także",
    "dowiedz się więcej",
    "leer más",
    "lea también",
    "puedes ver",
    "mire:",
    // Newsletters, subscriptions, sharing.
    "sign up",
    "subscribe",
    "newsletter",
    "follow us",
    "share this",
    "share on",
    "breaking news emails",
    "get breaking news",
    "to view the full story",
    "abonniere",
    "jetzt anmelden",
    "verpasse keine",
    "artikel gefallen",
    "teilen:",
    "jetzt teilen",
    "zapraszamy też do subskrypcji",
    // Credits, advertising, legal lines.
    "©",
    "(c) ",
    "copyright",
    "foto:",
    "fotos:",
    "bild:",
    "photo:",
    "photos:",
    "image:",
    "credit:",
    "quelle:",
    "źródło:",
    "titelbild:",
    "beitragsbild",
    "bild anzeigen",
    "advertisement",
    "anzeige",
    "- anzeige",
    "reklama",
    "werbung",
    "media playback is unsupported",
    "this article is the copyrighted property",
    // Blog and CMS furniture: comment forms, filing lines, reading times, ratings.
    "kommentar verfassen",
    "kommentare geschlossen",
    "this entry was posted",
    "diese website verwendet akismet",
    "this site uses akismet",
    "rezept drucken",
    "(noch keine bewertungen)",
    "if you enjoyed reading this",
    "never miss the latest news",
    "we want to hear what you think",
    "ten tekst przeczytasz",
    "publikacja:",
    "publiziert:",
];

/// Whole lines (lower case, without a final colon) that are a page's furniture: labels
/// of sections that are not the article's.
const LABELS: &[&str] = &[
    "kategorien",
    "categories",
    "inhaltsverzeichnis",
    "table of contents",
    "siehe auch",
    "externer inhalt",
    "weitere informationen",
    "kontakt",
    "news",
    "tags",
    "schlagwörter",
    "advert",
];

/// Paragraphs containing these (lower case) are boilerplate when short.
const CONTAINS: &[&str] = &["all rights reserved", "alle rechte vorbehalten", "todos los derechos reservados"];

/// Headings that introduce a related-links section; the section goes with them.
const SECTION_HEADINGS: &[&str] = &[
    "related",
    "read more",
    "more from",
    "see also",
    "mehr zum thema",
    "auch interessant",
    "weitere artikel",
    "ähnliche beiträge",
    "verwandte artikel",
    "empfohlene beiträge",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "à lire aussi",
    "lire aussi",
    "czytaj też",
];

/// A heading longer than this is a headline, not a section label like "Related".
const MAX_SECTION_HEADING_CHARS: usize = 40;

/// Is this heading the article's title again (the title may carry a site suffix the
/// heading lacks, or the heading a kicker the title lacks)?
fn same_headline(title: &str, heading: &str) -> bool {
    heading == title
        || (heading.chars().count() >= MIN_HEADLINE_CHARS && (title.starts_with(heading) || heading.ends_with(title)))
}

/// Shorter headings than this are not matched as a prefix of the title.
const MIN_HEADLINE_CHARS: usize = 15;

/// How far into the article (in paragraphs) byline and date lines are looked for.
const HEAD_PARAGRAPHS: usize = 4;

/// Words in a short line at the article's head that mark it as a byline or a date.
const HEAD_MARKERS: &[&str] =
    &["by ", "published", "updated", "posted", "veröffentlicht", "aktualisiert", "publicado", "publié", "opublikowano"];

/// A short head line with a marker is a byline/date line only below this length.
const MAX_HEAD_LINE_CHARS: usize = 160;

/// Is this element named (by class or id) as boilerplate, and small enough to drop?
pub fn is_boilerplate_element(node: &NodeRef, article_chars: impl FnOnce() -> usize) -> bool {
    let class = node.attr("class").unwrap_or_default();
    let id = node.attr("id").unwrap_or_default();
    // Case-insensitive comparisons without allocating: this runs for every element and,
    // in the second candidate, for every ancestor of every block.
    let names = || class.split_whitespace().chain(std::iter::once(&*id));
    let named = names().flat_map(|n| n.split(['-', '_'])).any(|word| {
        HINT_WORDS.iter().any(|h| h.eq_ignore_ascii_case(word))
            || HINT_PREFIXES.iter().any(|p| word.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p)))
    }) || names().any(is_author_box);
    if !named {
        return false;
    }
    let chars = crate::document::non_whitespace_chars(&node.text());
    (chars as f64) < MAX_BOILERPLATE_SHARE * article_chars() as f64
}

/// Words that, beside "author" in one class name, make it the author's box (a
/// biography, a portrait, "more from this author"), not the byline.
const AUTHOR_BOX_WORDS: &[&str] = &["box", "bio", "detail", "info", "about", "profile", "card"];

/// Is this class name an author box ("author-box", "entry-author-bio", "author-details")?
fn is_author_box(name: &str) -> bool {
    contains_ignore_case(name, "author") && AUTHOR_BOX_WORDS.iter().any(|w| contains_ignore_case(name, w))
}

/// ASCII case-insensitive `haystack.contains(needle)`, without allocating.
fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

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
    let Some(title) = dom.select_matcher(matcher!("title")).nodes().first().map(|t| t.text()) else { return };
    // The title, and its parts around a separator ("Headline | Site"), as letters.
    let mut headlines = vec![letters(&title)];
    for sep in super::metadata::TITLE_SEPARATORS {
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
        nodes.iter().rev().find(|a| a.normalized_char_count() >= MIN_SIBLING_ARTICLE_CHARS && headed_by_title(a))
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
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Removes boilerplate paragraphs, related sections, the repeated headline and the
/// byline/date lines from the clean article.
pub fn prune(doc: &mut Document, title: Option<&str>, byline: Option<&str>) {
    drop_link_lists(&mut doc.nodes, 0);
    let title = title.map(normalise);
    let byline = byline.map(normalise);
    let mut index = 0;
    let mut skip_section = false;
    prune_nodes(&mut doc.nodes, &mut |e: &Element| {
        let raw = e.text();
        // Most text is in long paragraphs, which no test below can match: judged by
        // their length without normalising them. Text outside `pre` is collapsed already
        // and lower-casing never shortens it, so this length is a lower bound.
        if e.tag != Tag::Pre && !e.tag.is_heading() && raw.chars().count() > MAX_JUDGED_CHARS {
            index += 1;
            // As below: a related section's items go, and anything else ends the section.
            let in_section = skip_section && e.tag == Tag::Li;
            skip_section = in_section;
            return !in_section;
        }
        let text = normalise(&raw);
        let i = index;
        // Blocks without text (an image's paragraph) do not push the head further down.
        if !text.is_empty() {
            index += 1;
        }
        if e.tag.is_heading() {
            skip_section = text.chars().count() <= MAX_SECTION_HEADING_CHARS
                && SECTION_HEADINGS.iter().any(|h| text.starts_with(h));
            let is_title = i < HEAD_PARAGRAPHS && title.as_deref().is_some_and(|t| same_headline(t, &text));
            return !(skip_section || is_title || is_boilerplate_text(&text));
        }
        // A related section is a run of link lines under its heading.
        if skip_section && e.tag == Tag::Li {
            return false;
        }
        skip_section = false;
        // A figure's caption stays with its credit marked (an advert's label goes).
        if e.tag == Tag::Figcaption {
            return has_credit(e) || !is_boilerplate_text(&text);
        }
        // A caption near the top ("Figure 1: … stored by that hash") is not a byline or date line.
        let caption = e.tag == Tag::Caption;
        if i < HEAD_PARAGRAPHS && !caption && is_head_line(&text, byline.as_deref()) {
            return false;
        }
        !is_boilerplate_text(&text) && !ends_with_credit(&text)
    });
    drop_trailing_links(doc);
}

/// A run of fewer trailing link lines than this is left alone: one final link is often
/// the article's source (measured: dropping single ones cost the Readability corpus).
const MIN_TRAILING_LINKS: usize = 2;

/// Removes the run of paragraphs made only of links that ends the article: the
/// headlines of related stories, "more on this topic", category links.
fn drop_trailing_links(doc: &mut Document) {
    let mut links = Vec::new();
    doc.for_each_paragraph(|p| {
        let total = p.text().chars().count();
        links.push(total > 0 && link_chars(&p.children) as f64 >= LINK_ITEM_SHARE * total as f64);
    });
    let trailing = links.iter().rev().take_while(|l| **l).count();
    if trailing >= MIN_TRAILING_LINKS && trailing < links.len() {
        let first = links.len() - trailing;
        doc.retain_paragraphs(|i| i < first);
    }
}

/// A list whose items are all links is a related-articles list or a menu, not prose.
const MIN_LINK_LIST_ITEMS: usize = 2;
/// Share of a list item's text inside links for it to count as a link.
const LINK_ITEM_SHARE: f64 = 0.9;
/// Structural depth past which lists are left alone (the builder caps depth anyway).
const MAX_WALK_DEPTH: usize = 256;

/// Removes lists made only of links, and figure captions that are only a credit line.
fn drop_link_lists(nodes: &mut Vec<Node>, depth: usize) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    nodes.retain_mut(|node| match node {
        Node::Text(_) => true,
        Node::Element(e) if matches!(e.tag, Tag::Ul | Tag::Ol) && is_link_list(e) => false,
        // A picture's caption stays, its credit marked as one (`figures::mark_credit`).
        Node::Element(e) if e.tag == Tag::Figcaption => {
            mark_caption_credit(e);
            true
        }
        Node::Element(e) if e.tag == Tag::Caption && is_credit(&normalise(&e.text())) => false,
        Node::Element(e) => {
            drop_link_lists(&mut e.children, depth + 1);
            true
        }
    });
}

fn is_link_list(list: &Element) -> bool {
    let items: Vec<&Element> =
        list.children.iter().filter_map(|c| if let Node::Element(e) = c { Some(e) } else { None }).collect();
    items.len() >= MIN_LINK_LIST_ITEMS
        && items.iter().all(|li| {
            let total = li.text().chars().count();
            total > 0 && link_chars(&li.children) as f64 >= LINK_ITEM_SHARE * total as f64
        })
}

fn link_chars(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| match n {
            Node::Element(e) if e.tag == Tag::A => e.text().chars().count(),
            Node::Element(e) => link_chars(&e.children),
            Node::Text(_) => 0,
        })
        .sum()
}

/// Text that marks a caption as a photo credit (or ending in one).
const CREDIT_MARKERS: &[&str] =
    &["©", "foto:", "fotos:", "photo:", "bild:", "imagen:", "image:", "crédito", "źródło", "picture alliance"];

/// Whole words that mark a caption as a photo credit (agencies, stock libraries).
const CREDIT_WORDS: &[&str] =
    &["credit", "getty", "shutterstock", "afp", "reuters", "dpa", "imago", "istock", "epa", "ap", "keystone"];

/// Captions longer than this are prose about the picture, kept even with a credit.
const MAX_CREDIT_CAPTION_CHARS: usize = 240;

/// Sets apart the credit a figure's caption carries or is: from its marker ("Photo:",
/// "©", a final "(Getty)") in the caption's last text to the end.
fn mark_caption_credit(caption: &mut Element) {
    let text = normalise(&caption.text());
    if has_credit(caption) || !(is_credit(&text) || ends_with_credit(&text)) {
        return;
    }
    let Some(Node::Text(last)) = caption.children.last() else { return };
    let lower = last.to_ascii_lowercase();
    let start = if lower.trim_end().ends_with(')') {
        lower.rfind('(')
    } else {
        CREDIT_INTROS.iter().filter_map(|m| lower.rfind(m)).max()
    };
    // No marker in the last text: the caption is all credit when short enough to be one.
    let start = start.unwrap_or(0);
    if start == 0 && caption.children.len() > 1 {
        return;
    }
    super::figures::mark_credit(caption, start);
}

/// Does this caption hold a credit marked as one?
fn has_credit(caption: &Element) -> bool {
    caption
        .children
        .iter()
        .any(|c| matches!(c, Node::Element(e) if e.attr(crate::document::Attr::Class) == Some("credit")))
}

/// Is this (normalised) caption a credit line, or a short caption carrying one?
fn is_credit(text: &str) -> bool {
    text.chars().count() <= MAX_CREDIT_CAPTION_CHARS
        && (CREDIT_MARKERS.iter().any(|m| text.contains(m))
            || text.split(|c: char| !c.is_alphanumeric()).any(|w| CREDIT_WORDS.contains(&w)))
}

/// Words that start a credit inside a line ("… the plague. Foto: dpa").
const CREDIT_INTROS: &[&str] = &["foto:", "fotos:", "photo:", "photograph:", "bild:", "image:", "credit:", "©"];

/// Does this short (normalised) line end with a credit: a caption left as a paragraph
/// ("The plague wiped out half of Europe (Image: GETTY)", "(© FEI/Jane Doe)")? Only its
/// tail is judged: prose names agencies too ("Reuters reported…").
fn ends_with_credit(text: &str) -> bool {
    if text.chars().count() > MAX_CREDIT_CAPTION_CHARS {
        return false;
    }
    let tail = if text.ends_with(')') {
        text.rfind('(').map(|i| &text[i..])
    } else {
        CREDIT_INTROS.iter().filter_map(|m| text.rfind(m)).max().map(|i| &text[i..])
    };
    tail.is_some_and(is_credit) || is_gallery_counter(text)
}

/// "Image 1 of 5", "Bild 2 von 7": a slideshow's counter.
fn is_gallery_counter(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    matches!(words.as_slice(), [kind, a, of, b] if ["image", "photo", "picture", "bild", "foto"].contains(kind)
        && ["of", "von", "/"].contains(of)
        && a.chars().all(|c| c.is_ascii_digit())
        && b.chars().all(|c| c.is_ascii_digit()))
}

/// Walks the tree, calling `keep` on each paragraph (innermost text block) in order,
/// and removes the rejected ones and the containers they leave empty.
fn prune_nodes(nodes: &mut Vec<Node>, keep: &mut dyn FnMut(&Element) -> bool) {
    nodes.retain_mut(|node| match node {
        Node::Text(_) => true,
        Node::Element(e) if e.tag.is_text_block() && !contains_text_block(e) => keep(e),
        Node::Element(e) => {
            let had_children = !e.children.is_empty();
            prune_nodes(&mut e.children, keep);
            !(had_children && e.children.iter().all(is_blank) && !e.tag.is_void())
        }
    });
}

fn contains_text_block(e: &Element) -> bool {
    e.children.iter().any(|c| matches!(c, Node::Element(c) if c.tag.is_text_block() || contains_text_block(c)))
}

fn is_blank(node: &Node) -> bool {
    match node {
        Node::Text(t) => t.trim().is_empty(),
        Node::Element(e) => !e.tag.is_void() && e.children.iter().all(is_blank),
    }
}

/// Longer paragraphs (in chars) are none of a head line, boilerplate or a credit: the
/// greatest of [`MAX_HEAD_LINE_CHARS`], [`MAX_BOILERPLATE_CHARS`] and
/// [`MAX_CREDIT_CAPTION_CHARS`] (a test checks it).
const MAX_JUDGED_CHARS: usize = 240;

fn normalise(s: &str) -> String {
    collapse_whitespace(s).to_lowercase()
}

/// Is this (normalised) paragraph boilerplate by its words?
pub fn is_boilerplate_text(text: &str) -> bool {
    if text.chars().count() > MAX_BOILERPLATE_CHARS {
        return false;
    }
    PREFIXES.iter().any(|p| text.starts_with(p))
        || CONTAINS.iter().any(|c| text.contains(c))
        || LABELS.contains(&text.trim_end_matches(':').trim_end())
}

/// Is this short line at the head of the article the byline or a date line?
fn is_head_line(text: &str, byline: Option<&str>) -> bool {
    if text.is_empty() || text.chars().count() > MAX_HEAD_LINE_CHARS {
        return false;
    }
    if byline.is_some_and(|b| !b.is_empty() && (text == b || text.trim_start_matches("by ") == b)) {
        return true;
    }
    HEAD_MARKERS.iter().any(|m| text.starts_with(m))
        // "… by media mogul …" inside a sentence is no byline: only the date words count there.
        || (HEAD_MARKERS.iter().any(|m| *m != "by " && text.contains(m)) && text.contains(|c: char| c.is_ascii_digit()))
        || is_date_line(text)
}

/// A date line is at most this long ("segunda-feira, 22 de janeiro de 2018 às 0:13").
const MAX_DATE_LINE_CHARS: usize = 60;

/// Is this short line a date: a year and at least one other number (a day, a time)?
/// "Elections 2019" is a heading, not a date.
fn is_date_line(text: &str) -> bool {
    if text.chars().count() > MAX_DATE_LINE_CHARS {
        return false;
    }
    let numbers: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).collect();
    let year = |n: &&str| n.len() == 4 && (n.starts_with("19") || n.starts_with("20"));
    numbers.len() >= 2 && numbers.iter().any(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraphs_are_beyond_every_limit() {
        assert_eq!(MAX_JUDGED_CHARS, MAX_HEAD_LINE_CHARS.max(MAX_BOILERPLATE_CHARS).max(MAX_CREDIT_CAPTION_CHARS));
    }

    #[test]
    fn boilerplate_words() {
        assert!(is_boilerplate_text("mehr zum thema"));
        assert!(is_boilerplate_text("© 2020 cbs interactive inc. all rights reserved."));
        assert!(!is_boilerplate_text("the council voted to subscribe… no: the council voted."));
        assert!(!is_boilerplate_text(&"read more about it ".repeat(10)));
    }

    #[test]
    fn captions_left_as_paragraphs() {
        assert!(ends_with_credit("the plague wiped out half of europe (image: getty)"));
        assert!(ends_with_credit("marco odermatt, ski-star aus der schweiz. © afp / marco bertorello"));
        assert!(ends_with_credit("image 1 of 5"));
        assert!(!ends_with_credit("reuters reported that the talks (held in geneva) had failed."));
        assert!(!ends_with_credit(&"a long paragraph of prose. ".repeat(10)));
    }

    #[test]
    fn trailing_link_lines_go() {
        let page = "<p>The story.</p><p><a href=/a>Next story</a></p><p><a href=/b>Other story</a></p>";
        let fragment = dom_query::Document::fragment(page);
        let mut doc = super::super::build::document_from(&fragment.root(), Some("https://example.com/"));
        prune(&mut doc, None, None);
        assert_eq!(doc.paragraph_texts(), vec!["The story.".to_string()]);
        assert!(is_boilerplate_text("kategorien:") && !is_boilerplate_text("kategorien sind nützlich"));
    }

    #[test]
    fn author_boxes() {
        assert!(
            is_author_box("bmg-author-box") && is_author_box("entry-author-bio") && is_author_box("author-details")
        );
        assert!(!is_author_box("author") && !is_author_box("byline-author"));
    }

    #[test]
    fn head_lines() {
        assert!(is_head_line("by jane doe", None));
        assert!(is_head_line("updated nov 20, 2019 1:35 a.m.", None));
        assert!(is_head_line("jane doe", Some("jane doe")));
        assert!(!is_head_line("the storm hit the coast on monday.", None));
        assert!(is_head_line("segunda-feira, 22 de janeiro de 2018 às 0:13", None));
        assert!(is_head_line("september 10, 2018 |", None));
        assert!(!is_head_line("elections 2019", None));
        assert!(!is_head_line("she was one of 47 guests invited by media mogul debola lagos.", None));
    }

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
