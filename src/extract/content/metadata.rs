//! The article's metadata: dom_smoothie's (JSON-LD, then OpenGraph / Twitter / Dublin
//! Core / Parse.ly `<meta>` tags, then the DOM: the `<title>`, the byline element,
//! `<html lang>`, `dir`), completed by the page's own facts (`dom::page_facts`:
//! microdata, more `<meta>` names, the first `<time datetime>`), with the publication
//! time written as ISO 8601 and the site's name cut from the title.

use crate::extract::Metadata;
use crate::extract::dom::PageFacts;

/// Separators between a headline and the site's name in `<title>`.
pub const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » "];

/// Month names as dates write them, by their first three letters.
const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// The article's metadata from dom_smoothie's (`found`) and the page's facts.
pub fn metadata(found: dom_smoothie::Metadata, facts: &PageFacts, url: Option<&str>) -> Metadata {
    let title =
        non_empty(found.title).map(|t| strip_site_suffix(&t, found.site_name.as_deref(), facts.heading.as_deref()));
    let published_time =
        found.published_time.as_deref().and_then(iso_datetime).or_else(|| facts.published_time.clone());
    Metadata {
        url: found.url.or_else(|| url.map(str::to_string)),
        title,
        byline: found.byline.or_else(|| facts.byline.clone()),
        site_name: found.site_name,
        published_time,
        lang: found.lang,
        dir: found.dir,
        // A description written across indented lines of the page's source reads as one line,
        // its whitespace collapsed as the article's text is.
        excerpt: found.excerpt.map(|e| crate::document::collapse_whitespace(&e)).filter(|e| !e.is_empty()),
        lead_image_url: found.image,
    }
}

fn non_empty(s: String) -> Option<String> {
    let s = crate::document::without_soft_hyphens(&s);
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

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
