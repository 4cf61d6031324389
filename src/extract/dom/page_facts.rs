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
    /// The text of every JSON-LD block (see `jsonld`).
    pub json_ld: Vec<String>,
}

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
        let Some(element) = node.element_ref() else { continue };
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
        // `type` is compared without case, as a CSS selector does for this attribute.
        if tag == "script" && attr(&element, "type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) {
            facts.json_ld.push(node.text().to_string());
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

/// The value of an element's attribute, read in place.
fn attr<'a>(element: &'a Element, name: &str) -> Option<&'a str> {
    element.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
}
