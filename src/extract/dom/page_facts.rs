//! The page's own facts, read in one walk before dom_smoothie takes the page (it edits
//! it as it scores): a publication time from microdata, `<meta>` names and `<time>`; an
//! author from microdata; the first `<h1>`; the JSON-LD blocks.

use dom_query::{Document, Element, NodeRef};

use crate::extract::content::iso_datetime;

/// Where a publication time may be found when JSON-LD and OpenGraph have none, best
/// first; each source's element carries the time in `content` or `datetime`.
const TIME_SOURCES: [TimeSource; 11] = [
    TimeSource::Meta("itemprop", "datePublished"),
    TimeSource::ItempropWithDatetime,
    TimeSource::Meta("name", "date"),
    TimeSource::Meta("name", "DC.date.issued"),
    TimeSource::Meta("name", "dcterms.created"),
    TimeSource::Meta("name", "pubdate"),
    TimeSource::Meta("name", "publishdate"),
    TimeSource::Meta("property", "og:published_time"),
    TimeSource::PubdateTime,
    TimeSource::TimeInArticle,
    TimeSource::Time,
];

/// An author from microdata longer than this (characters) is an author box, not a byline.
const MAX_BYLINE_CHARS: usize = 100;

/// A place a publication time is written (see [`TIME_SOURCES`]).
#[derive(Clone, Copy)]
enum TimeSource {
    /// `meta[ATTRIBUTE="VALUE"]`
    Meta(&'static str, &'static str),
    /// `[itemprop="datePublished"][datetime]`
    ItempropWithDatetime,
    /// `time[pubdate][datetime]`
    PubdateTime,
    /// `article time[datetime]`
    TimeInArticle,
    /// `time[datetime]`
    Time,
}

impl TimeSource {
    fn matches(self, node: &NodeRef, element: &Element) -> bool {
        let tag: &str = &element.name.local;
        let attr = |name| attr(element, name);
        match self {
            TimeSource::Meta(name, value) => tag == "meta" && attr(name) == Some(value),
            TimeSource::ItempropWithDatetime => attr("itemprop") == Some("datePublished") && attr("datetime").is_some(),
            TimeSource::PubdateTime => tag == "time" && attr("pubdate").is_some() && attr("datetime").is_some(),
            TimeSource::TimeInArticle => {
                tag == "time" && attr("datetime").is_some() && node.ancestors_it(None).any(|a| a.has_name("article"))
            }
            TimeSource::Time => tag == "time" && attr("datetime").is_some(),
        }
    }
}

/// What Pith reads from the page itself, before dom_smoothie takes the DOM (it edits it
/// as it scores).
#[derive(Debug, Default)]
pub struct PageFacts {
    /// A publication time from microdata, `<meta>` names or `<time>`, as ISO 8601.
    pub published_time: Option<String>,
    /// An author from microdata, for a page with no other byline.
    pub byline: Option<String>,
    /// The first `<h1>`'s text: evidence for where the headline ends in `<title>`.
    pub heading: Option<String>,
    /// The `<title>`'s text as written: dom_smoothie's title keeps only what comes before
    /// its last separator (see `content::metadata::path_leaf`).
    pub title: Option<String>,
    /// The text of every JSON-LD block (see `jsonld`).
    pub json_ld: Vec<String>,
    /// How the page is made: evidence for "is this an article page?".
    pub shape: PageShape,
}

/// Counts that tell an article page from a page of teasers, links or forms, read in the
/// same walk (see `crate::extract::article_page`).
#[derive(Debug, Default, Clone)]
pub struct PageShape {
    /// Non-whitespace characters of the page's text ([`weighted_chars`]).
    pub text_chars: usize,
    /// The same, of the page's text inside links.
    pub link_chars: usize,
    /// `<time>` elements: a teaser page dates every teaser.
    pub times: usize,
    /// `<article>` elements: a listing wraps every teaser in one.
    pub articles: usize,
    /// Form fields (`<input>`, `<textarea>`, `<select>`): logins, searches, settings.
    pub fields: usize,
    /// Password fields: a login or sign-up page.
    pub passwords: usize,
    /// Text nodes inside a linked heading (a heading inside a link or a link inside a
    /// heading): a front page's teasers are headlines linking to their stories.
    pub linked_heading_texts: usize,
    /// Dialogs (`role=dialog`, `aria-modal`): a consent wall's text is in one.
    pub dialogs: usize,
    /// `og:type` says "article".
    pub og_article: bool,
    /// `og:type` is given and says something else ("website", "video.other"…).
    pub og_other: bool,
    /// A JSON-LD block names an article type (`Article`, `NewsArticle`, `BlogPosting`…).
    pub ld_article: bool,
    /// A JSON-LD block names a page of many things (`CollectionPage`, `ItemList`,
    /// `SearchResultsPage`, `Product`…).
    pub ld_listing: bool,
}

/// JSON-LD `@type` values (quoted, as they are written) that say the page is an article.
const LD_ARTICLE_TYPES: [&str; 4] = ["Article\"", "BlogPosting\"", "Report\"", "\"Recipe\""];

/// JSON-LD `@type` values that say the page lists or sells many things.
const LD_LISTING_TYPES: [&str; 5] =
    ["\"CollectionPage\"", "\"ItemList\"", "\"SearchResultsPage\"", "\"Product\"", "\"ProfilePage\""];

/// Reads [`PageFacts`] in one walk over the page's elements. A selector query for each
/// fact (fourteen of them) walked the whole page fourteen times: 7 % of the engine's
/// instructions over the Readability corpus (`valgrind --tool=callgrind`).
pub fn read_page_facts(dom: &Document) -> PageFacts {
    let mut facts = PageFacts::default();
    // The first element of each time source, in document order.
    let mut times: [Option<NodeRef>; TIME_SOURCES.len()] = [None; TIME_SOURCES.len()];
    let mut author = None;
    let mut heading = None;
    for node in dom.root().descendants_it() {
        let Some(element) = node.element_ref() else {
            if let Some(chars) = super::read_text_node(&node, weighted_chars) {
                read_text_shape(&node, chars, &mut facts.shape);
            }
            continue;
        };
        read_element_shape(&element, &mut facts.shape);
        let tag: &str = &element.name.local;
        // Only a `<meta>`, a `<time>` or an element with `itemprop` can be a time source:
        // the others skip the eleven tests (and the copy of the list that zip would make).
        if tag == "meta" || tag == "time" || attr(&element, "itemprop").is_some() {
            for (first, source) in times.iter_mut().zip(&TIME_SOURCES) {
                if first.is_none() && source.matches(&node, &element) {
                    *first = Some(node);
                }
            }
        }
        if author.is_none() && attr(&element, "itemprop") == Some("author") {
            author = Some(node);
        }
        if heading.is_none() && tag == "h1" {
            heading = Some(node);
        }
        if facts.title.is_none() && tag == "title" {
            facts.title = Some(crate::document::collapse_whitespace(&node.text()));
        }
        // `type` is compared without case, as a CSS selector does for this attribute.
        if tag == "script" && attr(&element, "type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) {
            let json = node.text();
            // A substring test, not a parse: the types are distinctive words in quotes
            // ("NewsArticle\"" also matches "Article\"").
            facts.shape.ld_article |= LD_ARTICLE_TYPES.iter().any(|t| json.contains(t));
            facts.shape.ld_listing |= LD_LISTING_TYPES.iter().any(|t| json.contains(t));
            facts.json_ld.push(json.to_string());
        }
    }
    facts.published_time = times.iter().flatten().find_map(|node| {
        let value = node.attr("content").or_else(|| node.attr("datetime"))?;
        iso_datetime(&value)
    });
    facts.byline = author.and_then(|node| {
        let value = node.attr("content").map(|c| c.to_string()).unwrap_or_else(|| node.text().to_string());
        let value = crate::document::collapse_whitespace(&value);
        (!value.is_empty() && value.chars().count() <= MAX_BYLINE_CHARS).then_some(value)
    });
    facts.heading = heading.map(|node| crate::document::collapse_whitespace(&node.text()));
    facts
}

/// A text node's characters (`chars`, [`weighted_chars`]), and whether a link, or a link
/// and a heading, hold them.
fn read_text_shape(node: &NodeRef, chars: usize, shape: &mut PageShape) {
    if chars == 0 {
        return;
    }
    shape.text_chars += chars;
    let (mut in_link, mut in_heading) = (false, false);
    for ancestor in node.ancestors_it(None) {
        let Some(name) = ancestor.qual_name_ref() else { continue };
        in_link |= &name.local == "a";
        in_heading |= matches!(&*name.local, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        if in_link && in_heading {
            break;
        }
    }
    if in_link {
        shape.link_chars += chars;
    }
    shape.linked_heading_texts += usize::from(in_link && in_heading);
}

/// A CJK character carries about as much as this many Latin ones (a word of 2-3
/// letters-with-a-space): Chinese, Japanese and Korean pages write short paragraphs.
const CJK_CHARS_FACTOR: usize = 3;

/// Non-whitespace characters, CJK ones counted [`CJK_CHARS_FACTOR`] times: without it,
/// every Chinese, Japanese or Korean article looks short. Read on the bytes, as every text
/// node of the page is: ASCII (most of it) eight bytes at a time and needs no decoding, a
/// UTF-8 continuation byte (0x80-0xBF) starts no character, and only the characters beyond
/// ASCII are decoded.
pub fn weighted_chars(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut total = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(mask) = bytes.get(i..i + 8).and_then(dom_smoothie::ascii_white_space_mask) {
            total += 8 - mask.count_ones() as usize;
            i += 8;
            continue;
        }
        let b = bytes[i];
        total += match b {
            b if crate::document::is_ascii_white_space(b) => 0,
            0..0x80 => 1,
            0x80..0xC0 => 0,
            _ => match text[i..].chars().next() {
                Some(c) if c.is_whitespace() => 0,
                Some(c) if crate::text::script::is_cjk(c) => CJK_CHARS_FACTOR,
                _ => 1,
            },
        };
        i += 1;
    }
    total
}

/// What one element says about the page's shape.
fn read_element_shape(element: &Element, shape: &mut PageShape) {
    let tag: &str = &element.name.local;
    match tag {
        "time" => shape.times += 1,
        "article" => shape.articles += 1,
        "input" | "textarea" | "select" => {
            shape.fields += 1;
            shape.passwords += usize::from(attr(element, "type").is_some_and(|t| t.eq_ignore_ascii_case("password")));
        }
        "meta" if attr(element, "property") == Some("og:type") => {
            let kind = attr(element, "content").unwrap_or_default().trim().to_ascii_lowercase();
            shape.og_article |= kind == "article" || kind.ends_with(".article");
            shape.og_other |= !kind.is_empty() && kind != "article" && !kind.ends_with(".article");
        }
        _ => {}
    }
    if attr(element, "role") == Some("dialog") || attr(element, "aria-modal") == Some("true") {
        shape.dialogs += 1;
    }
}

/// The value of an element's attribute, read in place.
fn attr<'a>(element: &'a Element, name: &str) -> Option<&'a str> {
    element.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte reading gives what a count over the characters gives, for every character
    /// alone and between words (all of U+0000-U+3FFF, where the whitespace is, and a sample
    /// above, the CJK blocks included).
    fn by_chars(s: &str) -> usize {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if crate::text::script::is_cjk(c) { CJK_CHARS_FACTOR } else { 1 })
            .sum()
    }

    #[test]
    fn weighted_chars_counts_characters() {
        let chars = (0..0x4000).chain((0x4000..=0x10FFFF).step_by(61)).filter_map(char::from_u32);
        for c in chars.chain(['東', '서', 'の', '\u{3000}', '\u{a0}']) {
            let s = format!("a{c} b{c}{c}\u{a0}\t{c}");
            assert_eq!(weighted_chars(&s), by_chars(&s), "{:?}", c as u32);
        }
    }

    /// Eight ASCII bytes at a time count what the characters do: every ASCII character at
    /// every place of a run of two chunks and a tail, and a non-ASCII one cutting a chunk.
    #[test]
    fn weighted_chars_on_ascii_runs() {
        let run = b"ab cd\tef  gh\x0bij\x0ck\r\nlm no";
        for b in 0..0x80u8 {
            for at in 0..run.len() {
                let mut bytes = run.to_vec();
                bytes[at] = b;
                let s = String::from_utf8(bytes).unwrap_or_default();
                assert_eq!(weighted_chars(&s), by_chars(&s), "{s:?}");
                let cut = format!("{}東\u{a0}{}", &s[..at], &s[at..]);
                assert_eq!(weighted_chars(&cut), by_chars(&cut), "{cut:?}");
            }
        }
    }
}
