//! The article's metadata: dom_smoothie's (JSON-LD, then OpenGraph / Twitter / Dublin
//! Core / Parse.ly `<meta>` tags, then the DOM: the `<title>`, the byline element,
//! `<html lang>`, `dir`), completed by the page's own facts (`dom::page_facts`:
//! microdata, more `<meta>` names, the first `<time datetime>`), with the publication
//! time written as ISO 8601 and the site's name cut from the title.

use crate::extract::Metadata;
use crate::extract::dom::{PageFacts, letters};

/// Separators between a headline and the site's name in `<title>`.
pub const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » "];

/// Separators written without spaces, as CJK titles and some others do ("見出し｜新聞",
/// "新闻标题_晨报", "NEWS WEB EASY|見出し"): cut only where one side is the site's name.
const TIGHT_TITLE_SEPARATORS: &[&str] = &["|", "｜", "_", "丨"];

/// Words that introduce a byline's name and are never part of one ("By", "Texte par",
/// "Posted by", "Analysis by", "… por", Hebrew's "מאת"): a byline starts after the first
/// of them among its first [`MAX_INTRODUCER_WORDS`] words.
const BY_WORDS: &[&str] = &["by", "par", "por", "door", "przez", "מאת"];

/// Name particles that also introduce a byline ("von Andrea", "Un documentaire de …",
/// "Veröffentlicht am 3. Mai von …"): one opens the name ("Alexa von Heyden") unless it
/// starts the byline or follows a word that is no name (lower case, a number, a mark, or
/// one of [`INTRODUCERS`]).
const NAME_PARTICLES: &[&str] = &["von", "vom", "de", "di"];

/// Labels a byline may start with and a name never does ("Author Jo Bloggs", "Text: …").
const INTRODUCERS: &[&str] = &[
    "author",
    "autor",
    "autorin",
    "text",
    "texte",
    "текст",
    "автор",
    "بقلم",
    "veröffentlicht",
    "geschrieben",
    "artikel",
];

/// How far into a byline its introducer is looked for ("Veröffentlicht am 8. Mai 2022 von").
const MAX_INTRODUCER_WORDS: usize = 6;

/// Month names as dates write them, by their first three letters.
const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Day names that datelines write before the date ("Saturday 14 October", "Samstag 14.
/// Oktober"), in the corpora's main languages: they go with the date, never with a name.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
];

/// The article's metadata from dom_smoothie's (`found`) and the page's facts.
pub fn metadata(found: dom_smoothie::Metadata, facts: &PageFacts, url: Option<&str>) -> Metadata {
    let url = found.url.or_else(|| url.map(str::to_string));
    let host = url.as_deref().and_then(host_label);
    let site = Site { name: found.site_name.as_deref(), host };
    let heading = facts.heading.as_deref();
    let title = facts
        .title
        .as_deref()
        .and_then(|raw| path_leaf(raw, &site, heading))
        .or(non_empty(found.title).as_deref())
        .map(|t| strip_site_suffix(t, &site, heading))
        .map(|t| in_headline_case(t, heading));
    // The page's own statements first; an article node in a JSON-LD graph, which
    // dom_smoothie does not read, last. Measured: 9 more dates on multilingual-dev and
    // news-dev, none changed (read before the page's <time> elements, it changed 8 dates,
    // one of them for the worse).
    let published_time =
        found.published_time.as_deref().and_then(iso_datetime).or_else(|| facts.published_time.clone()).or_else(|| {
            super::jsonld::article_date_published(facts.json_ld.iter().map(String::as_str))
                .as_deref()
                .and_then(iso_datetime)
        });
    Metadata {
        url,
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

/// The name(s) a byline gives, without what pages write around them: the introducer
/// ("By", "Von:", "Text:", "Posted by", "Un documentaire de"), and from the first
/// separator mark ("·", "|"), label ("Quelle:") or date on ("Redaktion 1. Mai 2023
/// 10:29", "Jo Bloggs Monday, May 18, 2019"). None when nothing is left: a byline that is
/// only a date. (Not inlined: its two callers would each carry a copy in the wasm.)
#[inline(never)]
pub fn byline(raw: &str) -> Option<String> {
    let words: Vec<&str> = raw.split_whitespace().collect();
    // Each word's letters in lower case ("Von:" is "von", "·" is "").
    let bare: Vec<String> = words.iter().map(|w| letters(w)).collect();
    let is = |list: &[&str], i: usize| list.contains(&bare[i].as_str());
    let has_digit = |w: &str| w.contains(|c: char| c.is_ascii_digit());
    let no_name = |w: &str| !w.starts_with(char::is_uppercase) || has_digit(w);
    let mut start = 0;
    for i in 0..words.len().min(MAX_INTRODUCER_WORDS) {
        // (After a number only "von": "6 de mayo de 2022" is a date.)
        let particle = is(NAME_PARTICLES, i)
            && (i == 0
                || is(INTRODUCERS, i - 1)
                || no_name(words[i - 1]) && !(bare[i].starts_with('d') && has_digit(words[i - 1])));
        if is(BY_WORDS, i) || particle {
            start = i + 1;
            break;
        }
    }
    // A label of one or two words: "Interview:", "Last updated:".
    if let Some(i) = words.iter().take(2).position(|w| w.ends_with(':')).filter(|i| i + 1 < words.len()) {
        start = start.max(i + 1);
    }
    // Leading labels and marks: "Author", "Text:", "~", ",".
    while start < words.len() && (bare[start].is_empty() || is(INTRODUCERS, start)) {
        start += 1;
    }
    let mut name: Vec<&str> = Vec::new();
    for (i, w) in words.iter().enumerate().skip(start) {
        // A date's number: "22.", "18,", "01.12.2021", "10:29" (not "90/Die").
        if w.starts_with(|c: char| c.is_ascii_digit())
            && w.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b',' | b':' | b'/' | b'-'))
        {
            // "Monday, May 18, 2019": the month goes with the day, and a day's name
            // ("Monday,", "Donnerstag, 4. Mai") with the date.
            let month_day = w.len() <= 3 && w.ends_with(',') && i > start;
            if month_day {
                name.pop();
            }
            let alone = name.len() == 1;
            if name.last().is_some_and(|l| l.ends_with(',') && (month_day || alone || l.chars().count() <= 3)) {
                name.pop();
            }
            // Short words a date leaves before its number ("am", "at", "le"), and day names.
            while name
                .last()
                .is_some_and(|w| no_name(w) && w.chars().count() <= 3 || WEEKDAYS.contains(&letters(w).as_str()))
            {
                name.pop();
            }
            break;
        }
        // A mark ("Jo Bloggs · 3 May", "Jo Bloggs | Desk"; not "-", "&", "/": "CDU -
        // Fraktion", "Mac & i", "AP / dpa") or a label ("Quelle:") ends the name.
        if bare[i].is_empty() && !w.contains(['&', '/', '-']) || w.ends_with(':') {
            break;
        }
        name.push(w);
    }
    let name = name.join(" ");
    let name = name.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '.' | ')' | '@'));
    (!name.is_empty()).then(|| name.to_string())
}

fn non_empty(s: String) -> Option<String> {
    let s = crate::document::without_soft_hyphens(&s);
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// What the page says the site is called: `og:site_name` (or JSON-LD's publisher) and the
/// main label of its address's host (`factorio` for `www.factorio.com`, `bbc` for
/// `www.bbc.co.uk`; the address given, or JSON-LD's).
pub struct Site<'a> {
    pub name: Option<&'a str>,
    pub host: Option<String>,
}

/// A title part naming the site after its host's label has at most this many words
/// ("BBC News", "The Verge"): a longer part is a headline that starts with the brand.
const MAX_SITE_WORDS: usize = 3;

/// Host labels shorter than this say too little to match a title part ("tv", "ap").
const MIN_HOST_LABEL_CHARS: usize = 3;

impl Site<'_> {
    /// Is this part of a title the site's name: `og:site_name` itself, or a short part
    /// that is (or starts with) the host's label once spaces and punctuation are gone
    /// ("Factorio" on factorio.com, "BBC News" on bbc.co.uk)?
    fn is_named_by(&self, part: &str) -> bool {
        let part_compact = letters(part);
        if part_compact.is_empty() {
            return false;
        }
        let short = part.split_whitespace().count() <= MAX_SITE_WORDS;
        self.name.is_some_and(|name| {
            part.trim().eq_ignore_ascii_case(name.trim()) || (short && letters(name) == part_compact)
        }) || self.host.as_deref().is_some_and(|host| {
            short
                && (part_compact.starts_with(host)
                    || (part_compact.len() >= MIN_HOST_LABEL_CHARS && host.starts_with(&part_compact)))
        }) || is_domain_name(part)
    }
}

/// Is this title part a bare domain name ("stol.it", "DOMRADIO.DE"): a site's name as its
/// address, never a headline?
fn is_domain_name(part: &str) -> bool {
    let part = part.trim();
    let Some((name, tld)) = part.rsplit_once('.') else { return false };
    !name.is_empty()
        && name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.')
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_alphabetic())
}

/// The main label of a URL's host: the one before the public suffix, read as the last
/// label, or the last two when the one before the last is short ("co.uk", "com.au").
pub fn host_label(url: &str) -> Option<String> {
    let host = url.split_once("://")?.1.split(['/', '?', '#', ':']).next()?;
    let mut labels = host.rsplit('.').filter(|l| !l.is_empty());
    let (last, second, third) = (labels.next()?, labels.next()?, labels.next());
    let label = match third {
        Some(third) if last.len() == 2 && second.len() <= 3 => third,
        _ => second,
    };
    let label = letters(label);
    (label.chars().count() >= MIN_HOST_LABEL_CHARS).then_some(label)
}

/// Cuts the site's name from a title ("Bridge vote - Town Times" → "Bridge vote") when
/// the page confirms it: the cut part names the site (see [`Site::is_named_by`]), or the
/// kept part is the page's `<h1>`. A title whose separator belongs to the headline
/// ("Bridge - a vote") stays whole. Readability keeps short titles whole; Pith's contract
/// is a title without the suffix.
pub fn strip_site_suffix(title: &str, site: &Site, heading: Option<&str>) -> String {
    // A site's name holding a separator of its own ("Headline - Remember 80/90 - Memorabilia
    // anni 80/90"): the split at the last separator below would cut the name in two and keep
    // its first half, so the whole name is looked for at the end first.
    if let Some(head) = site.name.and_then(|name| strip_suffix_ignore_case(title.trim_end(), name.trim())) {
        if let Some(sep) = TITLE_SEPARATORS.iter().find(|sep| head.ends_with(**sep)) {
            return head[..head.len() - sep.len()].trim().to_string();
        }
    }
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if site.is_named_by(tail) || is_heading(heading, head) {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            // "Site | Headline" only on the site's name: an `<h1>` equal to the tail is
            // too often the site's logo.
            if site.is_named_by(head) {
                return tail.trim().to_string();
            }
        }
    }
    for sep in TIGHT_TITLE_SEPARATORS {
        // (A headline written with no spaces around the mark, as CJK titles are: "見出し｜新聞".)
        if let Some((head, _)) =
            title.rsplit_once(sep).filter(|(head, tail)| site.is_named_by(tail) || is_heading(heading, head))
        {
            return head.trim().to_string();
        }
        if let Some((_, tail)) = title.split_once(sep).filter(|(head, _)| site.is_named_by(head)) {
            return tail.trim().to_string();
        }
    }
    title.to_string()
}

/// `text` without `suffix` at its end, ASCII case aside.
fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    (!suffix.is_empty() && text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(suffix)).then(|| &text[..cut])
}

/// Is this part of a title the page's `<h1>` (case and surrounding space aside)?
fn is_heading(heading: Option<&str>, part: &str) -> bool {
    heading.is_some_and(|h| h.trim().eq_ignore_ascii_case(part.trim()))
}

/// The title in the `<h1>`'s letter case when the two are otherwise the same: a `<title>`
/// may write the headline in lower case after a label ("Press release: county archive puts
/// tithe maps online") or in capitals, the `<h1>` as the article shows it.
fn in_headline_case(title: String, heading: Option<&str>) -> String {
    match heading.map(str::trim) {
        Some(h) if h != title && pith_lowercase::to_lowercase(h) == pith_lowercase::to_lowercase(&title) => {
            h.to_string()
        }
        _ => title,
    }
}

/// Separators of a title written as a path, from the site down to the page.
const PATH_SEPARATORS: &[&str] = &[" » ", " > "];

/// The page's own name in a title written as a path from the site's name: "Four Years
/// Remaining » Blog Archive » Interning of Small Integers" (WordPress's old default theme
/// writes every post's title so), "Internet-Law » Verstößt der Ausschluss …". Readability's
/// rule keeps what comes before the last separator, the site and a section, and the
/// site's logo as the page's `<h1>` then confirmed the site's name as the headline. Only
/// when the first part names the site, or, in a path of three parts or more, is a short
/// `<h1>` (the logo; the address may not name the site), and the last part does not name
/// it: "Headline » Site" and "Zaubernuss im Winter » Wann blüht …" are left to
/// [`strip_site_suffix`].
fn path_leaf<'a>(title: &'a str, site: &Site, heading: Option<&str>) -> Option<&'a str> {
    PATH_SEPARATORS.iter().find_map(|sep| {
        let (head, _) = title.split_once(sep)?;
        let (middle, leaf) = title.rsplit_once(sep)?;
        let logo =
            || middle.contains(sep) && head.split_whitespace().count() <= MAX_SITE_WORDS && is_heading(heading, head);
        ((site.is_named_by(head) || logo()) && !site.is_named_by(leaf)).then(|| leaf.trim())
    })
}

/// Writes a date or date-time as ISO 8601 (`2019-11-20`, `2019-11-20T10:43:37-08:00`).
/// Accepts ISO-like forms (space instead of `T`, `UTC` suffix), RFC 2822
/// (`Wed, 20 Nov 2019 10:00:00 GMT`) and `November 20, 2019`; anything else is unknown.
pub fn iso_datetime(raw: &str) -> Option<String> {
    let s = raw.trim();
    // The dates software writes for "none": year 1 (Go's and .NET's zero time) and the
    // Unix epoch. Shown, they read "January 1, 1901" (year 1 taken as '01) or 1970.
    if s.starts_with("0001-") || s.starts_with("1970-01-01") {
        return None;
    }
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
        let none = Site { name: None, host: None };
        let named = Site { name: Some("Town Times"), host: None };
        assert_eq!(strip_site_suffix("Bridge vote - Town Times", &none, Some("Bridge vote")), "Bridge vote");
        assert_eq!(strip_site_suffix("Bridge vote | Town Times", &named, None), "Bridge vote");
        assert_eq!(strip_site_suffix("Town Times | Bridge vote", &named, None), "Bridge vote");
        assert_eq!(strip_site_suffix("Bridge - a vote", &none, None), "Bridge - a vote");
        let factorio = Site { name: None, host: host_label("https://www.factorio.com/blog/post/fff-400") };
        assert_eq!(
            strip_site_suffix("Friday Facts #400 - Trains | Factorio", &factorio, None),
            "Friday Facts #400 - Trains"
        );
        let bbc = Site { name: None, host: host_label("https://www.bbc.co.uk/news/uk-1") };
        assert_eq!(
            strip_site_suffix("Ferry cuts anger islanders - BBC News", &bbc, None),
            "Ferry cuts anger islanders"
        );
        // The separator is the headline's own: the part after it does not name the site.
        assert_eq!(strip_site_suffix("Review - the new Bbc drama", &bbc, None), "Review - the new Bbc drama");
        assert_eq!(
            strip_site_suffix("Star Wars - The Empire Strikes Back", &factorio, None),
            "Star Wars - The Empire Strikes Back"
        );
        assert_eq!(strip_site_suffix("Court rules on appeal - stol.it", &none, None), "Court rules on appeal");
        assert_eq!(strip_site_suffix("Version 2.0 - what is new", &none, None), "Version 2.0 - what is new");
        // A site's name with a separator inside goes whole, not cut at its own separator.
        let two_part = Site { name: Some("Remember 80/90 - Memorabilia anni 80/90"), host: None };
        assert_eq!(
            strip_site_suffix("Black Friday deals - Remember 80/90 - Memorabilia anni 80/90", &two_part, None),
            "Black Friday deals"
        );
        // A title that is the name alone stays whole.
        let name = "Remember 80/90 - Memorabilia anni 80/90";
        assert_eq!(strip_site_suffix(name, &two_part, None), name);
        let blog = Site { name: None, host: Some("fouryears".into()) };
        assert_eq!(path_leaf("Four Years Remaining » Blog Archive » Interning", &blog, None), Some("Interning"));
        assert_eq!(path_leaf("Interning » Four Years Remaining", &blog, None), None);
        assert_eq!(path_leaf("Zaubernuss im Winter » Wann blüht sie?", &blog, None), None);
        // The site's logo as the `<h1>`, on a page whose address does not name the site.
        let logo = Some("Four Years");
        assert_eq!(path_leaf("Four Years » Blog Archive » Interning", &none, logo), Some("Interning"));
        assert_eq!(path_leaf("Four Years » Interning", &none, logo), None);
    }

    #[test]
    fn bylines() {
        let cases = [
            ("By Jo Bloggs", "Jo Bloggs"),
            ("von Jo Bloggs -", "Jo Bloggs"),
            ("Text: Jo Bloggs", "Jo Bloggs"),
            ("Author Jo Bloggs", "Jo Bloggs"),
            ("Posted by Jo Bloggs at 18:52", "Jo Bloggs"),
            ("Analysis by Jo Bloggs, Editor-at-large", "Jo Bloggs, Editor-at-large"),
            ("Un reportage de Jo Bloggs", "Jo Bloggs"),
            ("Veröffentlicht am 3. Mai 2022 von Jo Bloggs", "Jo Bloggs"),
            ("Artikel von Alexa von Heyden", "Alexa von Heyden"),
            ("Alexa von Heyden", "Alexa von Heyden"),
            ("Charles de Gaulle", "Charles de Gaulle"),
            ("Redaktion 1. Mai 2023 10:29", "Redaktion"),
            ("Jo Bloggs, 01.12.2021", "Jo Bloggs"),
            ("VON JO BLOGGS am 21. April 2020", "JO BLOGGS"),
            ("By Jo Bloggs Monday, May 18, 2019", "Jo Bloggs"),
            ("Jo Bloggs · 22. Mai 2019", "Jo Bloggs"),
            ("Jo Bloggs Kategorien: Mode", "Jo Bloggs"),
            ("By Jo Bloggs and Ann Other, Associated Press", "Jo Bloggs and Ann Other, Associated Press"),
            ("Joe S.", "Joe S."),
            ("~ Jo Bloggs", "Jo Bloggs"),
            ("bjoern01", "bjoern01"),
            ("@jo_bloggs", "@jo_bloggs"),
            ("Mac & i", "Mac & i"),
            ("Party - Group in the Council", "Party - Group in the Council"),
            ("Alliance 90/The Greens", "Alliance 90/The Greens"),
            ("Von Jo Bloggs Fr, 18. Oktober 2019", "Jo Bloggs"),
            ("Jo Bloggs | Desk", "Jo Bloggs"),
            ("By JO BLOGGS March 11, 2015 3:46 PM", "JO BLOGGS"),
            ("מאת נועה לוי", "נועה לוי"),
        ];
        for (raw, name) in cases {
            assert_eq!(byline(raw).as_deref(), Some(name), "{raw}");
        }
        assert_eq!(byline("Last Updated: January 7, 2025"), None);
        assert_eq!(byline("17 April 2012 • 2:54pm"), None);
        assert_eq!(byline("Donnerstag, 4. Mai 2021"), None);
        assert_eq!(byline("Saturday 14 October"), None);
        assert_eq!(byline("Jo Bloggs Samstag 14. Oktober 2023"), Some("Jo Bloggs".into()));
        assert_eq!(byline("6 de mayo de 2022 05:30"), None);
    }

    #[test]
    fn host_labels() {
        assert_eq!(host_label("https://www.bbc.co.uk/news").as_deref(), Some("bbc"));
        assert_eq!(host_label("https://factorio.com/").as_deref(), Some("factorio"));
        assert_eq!(host_label("http://news.example.com.au:8080/a").as_deref(), Some("example"));
        assert_eq!(host_label("https://localhost/").as_deref(), None);
        assert_eq!(host_label("not a url"), None);
    }

    #[test]
    fn iso_forms() {
        assert_eq!(iso_datetime("2017-11-03 03:01:00.000000").as_deref(), Some("2017-11-03T03:01:00.000000"));
        assert_eq!(iso_datetime("2016-12-22T10:43:37-08:00").as_deref(), Some("2016-12-22T10:43:37-08:00"));
        assert_eq!(iso_datetime("2024-06-25").as_deref(), Some("2024-06-25"));
        assert_eq!(iso_datetime("0001-01-01T00:00:00Z"), None);
        assert_eq!(iso_datetime("1970-01-01T01:00:00+01:00"), None);
        assert_eq!(iso_datetime("2019-04-28 06:01:07 UTC").as_deref(), Some("2019-04-28T06:01:07Z"));
        assert_eq!(iso_datetime("Wed, 20 Nov 2019 10:00:00 GMT").as_deref(), Some("2019-11-20T10:00:00Z"));
        assert_eq!(iso_datetime("November 20, 2019").as_deref(), Some("2019-11-20"));
        assert_eq!(iso_datetime("20191120").as_deref(), Some("2019-11-20"));
        assert_eq!(iso_datetime("yesterday"), None);
        assert_eq!(iso_datetime(""), None);
    }
}
