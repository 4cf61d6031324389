//! Pith's own metadata layer over dom_smoothie's.
//!
//! dom_smoothie reads, in this order: JSON-LD (schema.org `Article` and kin), then
//! OpenGraph / Twitter / Dublin Core / Parse.ly `<meta>` tags, then the DOM (the
//! `<title>` with the site suffix cut, the byline element, `<html lang>`, `dir`).
//! Pith then fills what is still missing from microdata (`itemprop`), more `<meta>`
//! names and the first `<time datetime>`, and writes the publication time as ISO 8601.

use dom_query::{Document, Element, NodeRef};

/// Where a publication time may be found when JSON-LD and OpenGraph have none, best
/// first; each source's element carries the time in `content` or `datetime`.
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

/// The value of an element's attribute, read in place.
fn attr<'a>(element: &'a Element, name: &str) -> Option<&'a str> {
    element.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
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
pub fn read_page(dom: &Document) -> PageFacts {
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
        // A whole author box is not a byline.
        (!value.is_empty() && value.chars().count() <= 100).then_some(value)
    });
    facts.heading = heading.map(|node| crate::document::collapse_whitespace(&node.text()));
    facts
}

/// Separators between a headline and the site's name in `<title>`.
pub(super) const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » "];

/// Cuts the site's name from a title ("Bridge vote - Town Times" → "Bridge vote") when
/// the page confirms it: the cut part is the site name, or the kept part is the page's `<h1>`.
/// Readability keeps short titles whole; Pith's contract is a title without the suffix.
pub fn strip_site_suffix(title: &str, site_name: Option<&str>, heading: Option<&str>) -> String {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if site_name.is_some_and(|s| same(s, tail)) || heading.is_some_and(|h| same(h, head)) {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            // "Site | Headline" only on the site's name: an `<h1>` equal to the tail is
            // too often the site's logo.
            if site_name.is_some_and(|s| same(s, head)) {
                return tail.trim().to_string();
            }
        }
    }
    title.to_string()
}

const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Writes a date or date-time as ISO 8601 (`2019-11-20`, `2019-11-20T10:43:37-08:00`).
/// Accepts ISO-like forms (space instead of `T`, `UTC` suffix), RFC 2822
/// (`Wed, 20 Nov 2019 10:00:00 GMT`) and `November 20, 2019`; anything else is unknown.
pub fn iso_datetime(raw: &str) -> Option<String> {
    let s = raw.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7) && b.get(7) == Some(&b'-') && digits(8..10) {
        let mut out = s.to_string();
        if b.get(10) == Some(&b' ') && digits(11..13) {
            out.replace_range(10..11, "T");
        }
        if let Some(stripped) = out.strip_suffix(" UTC").or_else(|| out.strip_suffix(" GMT")) {
            out = format!("{stripped}Z");
        }
        return (!out.contains(' ')).then_some(out);
    }
    if digits(0..8) && s.len() == 8 {
        // 20191120
        return Some(format!("{}-{}-{}", &s[0..4], &s[4..6], &s[6..8]));
    }
    textual_date(s)
}

/// `Wed, 20 Nov 2019 10:00:00 GMT`, `20 November 2019`, `November 20, 2019`.
fn textual_date(s: &str) -> Option<String> {
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_ascii_lowercase())
        .collect();
    let month_of = |w: &str| MONTHS.iter().position(|m| w.len() >= 3 && w.starts_with(m)).map(|i| i + 1);
    let (mut day, mut month, mut year, mut time, mut zone) = (None, None, None, None, None);
    for w in &words {
        if let Some(m) = month_of(w) {
            month.get_or_insert(m);
        } else if w.len() == 4 && w.bytes().all(|c| c.is_ascii_digit()) {
            year.get_or_insert(w.clone());
        } else if (1..=2).contains(&w.len()) && w.bytes().all(|c| c.is_ascii_digit()) {
            day.get_or_insert(w.parse::<u32>().ok()?);
        } else if w.contains(':') && w.bytes().all(|c| c.is_ascii_digit() || c == b':') {
            time.get_or_insert(w.clone());
        } else if matches!(w.as_str(), "gmt" | "utc" | "z") {
            zone = Some("Z".to_string());
        } else if (w.starts_with('+') || w.starts_with('-')) && w.len() == 5 {
            zone = Some(format!("{}:{}", &w[0..3], &w[3..5]));
        }
    }
    let (day, month, year) = (day?, month?, year?);
    if !(1..=31).contains(&day) {
        return None;
    }
    let date = format!("{year}-{month:02}-{day:02}");
    Some(match time {
        Some(t) => {
            let t = if t.matches(':').count() == 1 { format!("{t}:00") } else { t };
            let t = if t.len() == 7 { format!("0{t}") } else { t };
            format!("{date}T{t}{}", zone.unwrap_or_default())
        }
        None => date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffix() {
        assert_eq!(strip_site_suffix("Bridge vote - Town Times", None, Some("Bridge vote")), "Bridge vote");
        assert_eq!(strip_site_suffix("Bridge vote | Town Times", Some("Town Times"), None), "Bridge vote");
        assert_eq!(strip_site_suffix("Town Times | Bridge vote", Some("Town Times"), None), "Bridge vote");
        assert_eq!(strip_site_suffix("Bridge - a vote", None, None), "Bridge - a vote");
    }

    #[test]
    fn iso_forms() {
        assert_eq!(iso_datetime("2017-11-03 03:01:00.000000").as_deref(), Some("2017-11-03T03:01:00.000000"));
        assert_eq!(iso_datetime("2016-12-22T10:43:37-08:00").as_deref(), Some("2016-12-22T10:43:37-08:00"));
        assert_eq!(iso_datetime("2024-06-25").as_deref(), Some("2024-06-25"));
        assert_eq!(iso_datetime("2019-04-28 06:01:07 UTC").as_deref(), Some("2019-04-28T06:01:07Z"));
        assert_eq!(iso_datetime("Wed, 20 Nov 2019 10:00:00 GMT").as_deref(), Some("2019-11-20T10:00:00Z"));
        assert_eq!(iso_datetime("November 20, 2019").as_deref(), Some("2019-11-20"));
        assert_eq!(iso_datetime("20191120").as_deref(), Some("2019-11-20"));
        assert_eq!(iso_datetime("yesterday"), None);
        assert_eq!(iso_datetime(""), None);
    }
}
