//! "Is this an article page?" after extraction: a small logistic model over the page's
//! shape and the article found in it (issue 18). It replaced Readability's check, which
//! refused short articles (a 95-word news story among them) and said "article" as soon
//! as a page had a few long paragraphs: home pages of teaser paragraphs, search results,
//! consent texts. Automatic mode acts on this answer, so it must not cover those; it also
//! reads the page's address (never a site's front page; a few shapes of the path, see
//! [`address_features`]), which a click does not.
//!
//! The weights are fitted by `python3 tools/quality/article_page.py` on the training
//! folds (grouped by site) of `tests/readerable/labels.tsv` and of the real pages of
//! `tools/quality/real_pages.tsv` (features dumped by `examples/readerable.rs --features`)
//! and pasted here by it.

use super::dom::{PageShape, weighted_chars};
use crate::document::{Document, Node, Tag};

/// The features, in the order of [`WEIGHTS`]; `tools/quality/article_page.py` names them.
pub const FEATURE_COUNT: usize = 20;

/// Logistic weights of the features (standardised by [`MEANS`] and [`SCALES`]), fitted by
/// `tools/quality/article_page.py` on the training folds; the last entry is the bias.
const WEIGHTS: [f32; FEATURE_COUNT + 1] = [
    0.1397, 0.07359, -0.1388, 0.3498, 0.3199, -0.1309, -0.235, -0.3857, -0.1439, 0.06166, -0.1354, 0.04566, 0.535,
    0.2857, 0.2638, -0.101, 0.1996, -0.2047, -0.154, 0.2163, -0.2629,
];
const MEANS: [f32; FEATURE_COUNT] = [
    7.104, 0.4566, 2.78, 4.473, 3.036, 0.8775, 0.1386, 0.3094, 0.2932, 0.4935, 1.753, 0.05977, 0.19, 0.3244, 0.4386,
    0.04511, 6.353, 0.2092, 1.086, 0.1249,
];
const SCALES: [f32; FEATURE_COUNT] = [
    1.505, 0.2777, 1.192, 1.063, 1.978, 1.034, 0.2035, 0.2169, 0.6747, 0.8008, 1.232, 0.2371, 0.6791, 0.4682, 0.4962,
    0.1037, 1.753, 0.4067, 1.285, 0.3463,
];

/// Two cuts on the model's log-odds, both chosen by the script on the training folds (see
/// there), because the two uses fail differently:
/// - a **click** (the panel, and whether the reading goes into the history) is the reader
///   asking for the article: refusing a real one is the failure readers reported, so the
///   cut keeps 0.98 of every group of articles, multilingual-dev included;
/// - **automatic mode** covers a page nobody asked about: taking a page that is not an
///   article is the failure, so the cut (on the log-odds plus the address term) is the
///   lowest that refuses 0.97 of the training folds' non-articles out of fold (+0.25;
///   `article_page.py --trade`). Measured once on the validation folds: 319/328
///   non-articles refused (−0.25 refused 313), news-dev articles 36/36, but 3 more
///   multilingual-dev pages and 1 written article skipped: a page it skips is still one
///   click away, a page it wrongly covers is not what the reader came for.
const CLICK_THRESHOLD: f32 = -1.75;
const AUTOMATIC_THRESHOLD: f32 = 0.25;

/// What the page's address adds to the log-odds in automatic mode: the weights of the 0/1
/// shape features of [`address_features`] after the front (a story's name, a number or
/// date, an account or search word, a listing segment, one bare section word), fitted by
/// the script after the page model on the training folds. No constant: an address that
/// shows none of them, or no address, leaves the page model alone. A click does not use
/// them: a reader who asked for the page is never refused by its address.
const ADDRESS_WEIGHTS: [f32; ADDRESS_FEATURE_COUNT - 1] = [1.346, 1.138, -1.581, -1.453, -0.9363];

/// The address features, the site's front first (see [`address_features`]).
pub const ADDRESS_FEATURE_COUNT: usize = 6;

/// Words that make a path segment (one that is not a story's name) or the query a login,
/// sign-up, password or search page, wherever they stand in it (`registeraccount`,
/// `?mode=register`). Compared in ASCII lower case.
const ACCOUNT_WORDS: [&str; 10] =
    ["login", "logon", "signin", "sign-in", "signup", "sign-up", "regist", "password", "account", "search"];

/// Path segments, whole, that name a listing.
const LISTING_SEGMENTS: [&str; 7] = ["page", "category", "tag", "tags", "archive", "archives", "author"];

/// Path segments, whole, that a site's front may show (`/index.php`).
const FRONT_SEGMENTS: [&str; 3] = ["index", "default", "home"];

/// Readability's paragraph length (non-whitespace characters, CJK counted ×3) below
/// which a paragraph says nothing about an article; above it, √(chars − this) each.
const LONG_PARAGRAPH_CHARS: usize = 140;

/// A paragraph with more of its text in links than this share is a link (a teaser's
/// headline, a list of links): it ends a run of the article's own prose.
const LINKED_PARAGRAPH_SHARE: f32 = 0.2;

/// The features of a page whose extraction found `article`, dated or not, with a byline
/// or not.
pub fn features(shape: &PageShape, article: &Document, dated: bool, bylined: bool) -> [f32; FEATURE_COUNT] {
    let mut counts = ArticleCounts::default();
    count(&article.nodes, &mut counts);
    let page = shape.text_chars.max(1) as f32;
    let chars = counts.chars as f32;
    let paragraphs = counts.paragraphs as f32;
    let flag = |b: bool| f32::from(u8::from(b));
    [
        // How much text the article holds (CJK weighted), and how much of the page that is.
        ln_1p(chars),
        (chars / page).min(1.0),
        // Its paragraphs: how many, how long on average (teasers and lists are short), and
        // Readability's score of the long ones.
        ln_1p(paragraphs),
        ln_1p(chars / paragraphs.max(1.0)),
        ln_1p(counts.long_paragraph_score),
        // Its headings: a listing is headline, standfirst, headline, standfirst…
        ln_1p(counts.headings as f32),
        counts.headings as f32 / paragraphs.max(1.0),
        // Links, dated items and `<article>` cards on the whole page: listings have many.
        shape.link_chars as f32 / page,
        ln_1p(shape.times as f32),
        ln_1p(shape.articles as f32),
        // Forms and dialogs: logins, searches, settings, consent walls.
        ln_1p(shape.fields as f32),
        flag(shape.dialogs > 0),
        // What the page says it is.
        flag(shape.og_article) - flag(shape.og_other),
        flag(dated),
        flag(bylined),
        // The article's text in links, and its longest run of prose: paragraphs without
        // links and without a heading between them (a front page's teasers are headline,
        // standfirst, headline…).
        counts.link_chars as f32 / chars.max(1.0),
        ln_1p(counts.longest_prose_run as f32),
        // A password field: a login or sign-up page.
        flag(shape.passwords > 0),
        // Headlines linking to their stories: a front page's teasers.
        ln_1p(shape.linked_heading_texts as f32),
        // What the page's JSON-LD says it is.
        flag(shape.ld_article) - flag(shape.ld_listing),
    ]
}

/// ln(1 + x) by `f32::ln`, which the engine links already (`f64::ln_1p` would add its
/// own code to the wasm).
fn ln_1p(x: f32) -> f32 {
    (x + 1.0).ln()
}

/// How the model judges a page with these features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// An article when the reader asks for one (a click).
    pub article: bool,
    /// An article sure enough for automatic mode to open the panel unasked.
    pub automatic: bool,
}

/// The model's verdict on a page with these features, at an address with these address
/// features when it is known. Automatic mode never opens on a site's front page (`/`,
/// `/index.php`): its home, not one of its articles, however much prose it shows.
pub fn judge(features: &[f32; FEATURE_COUNT], address: Option<&[bool; ADDRESS_FEATURE_COUNT]>) -> Verdict {
    let log_odds = log_odds(features);
    let article = log_odds > CLICK_THRESHOLD;
    let Some([front, shape @ ..]) = address else {
        return Verdict { article, automatic: log_odds > AUTOMATIC_THRESHOLD };
    };
    let term: f32 = shape.iter().zip(&ADDRESS_WEIGHTS).filter(|(on, _)| **on).map(|(_, w)| w).sum();
    Verdict { article, automatic: article && !front && log_odds + term > AUTOMATIC_THRESHOLD }
}

/// What a page's address says about it: the site's front (every path segment one of
/// [`FRONT_SEGMENTS`], no query), then the shape of its path: a segment of three words or
/// more (a story's name), four digits in a row or a query value of them (a story's number
/// or date), an [`ACCOUNT_WORDS`] word, a listing (a [`LISTING_SEGMENTS`] segment or a
/// last segment of at most three digits: a listing's page), one segment of one word (a
/// section, when nothing else is seen). File extensions are dropped from segments.
pub fn address_features(address: &str) -> [bool; ADDRESS_FEATURE_COUNT] {
    let rest = address
        .split_once("://")
        .map_or(address, |(_, rest)| rest.bytes().position(|b| b == b'/' || b == b'?').map_or("", |i| &rest[i..]));
    let rest = rest.split_once('#').map_or(rest, |(rest, _)| rest);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let [mut front, mut slug, mut account, mut listing] =
        [query.is_empty(), false, has_word(query, &ACCOUNT_WORDS, false), false];
    let (mut depth, mut last) = (0, "");
    for segment in path.split('/').filter(|s| !s.is_empty()).map(without_extension) {
        let words = words(segment);
        front &= has_word(segment, &FRONT_SEGMENTS, true);
        slug |= words >= 3;
        account |= words < 3 && has_word(segment, &ACCOUNT_WORDS, false);
        listing |= has_word(segment, &LISTING_SEGMENTS, true);
        (depth, last) = (depth + 1, segment);
    }
    let number = longest_digit_run(path) >= 4
        || query.split('&').any(|pair| pair.split_once('=').is_some_and(|(_, v)| v.len() >= 4 && digits(v)));
    listing |= last.len() <= 3 && digits(last);
    let section = depth == 1 && words(last) <= 1 && !(slug || number || account || listing);
    [front, slug, number, account, listing, section]
}

/// A path segment without its file extension (`.html`, `.php`).
fn without_extension(segment: &str) -> &str {
    match segment.rsplit_once('.') {
        Some((stem, ext)) if (1..=5).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_alphanumeric()) => stem,
        _ => segment,
    }
}

/// The pieces of a path segment between `-`, `_`, `+`, `,` and `.` that hold a letter (any
/// non-ASCII byte counts: a letter of another script).
fn words(segment: &str) -> usize {
    let (mut count, mut letter) = (0, false);
    for b in segment.bytes().chain([b'-']) {
        if matches!(b, b'-' | b'_' | b'+' | b',' | b'.') {
            count += usize::from(letter);
            letter = false;
        } else {
            letter |= b.is_ascii_alphabetic() || b >= 0x80;
        }
    }
    count
}

/// Whether `text` is (`whole`) or holds one of `words`, in ASCII lower case. Not inlined:
/// the engine is built at `opt-level = 3`, which otherwise unrolls a copy per word list (2 KB).
#[inline(never)]
fn has_word(text: &str, words: &[&str], whole: bool) -> bool {
    let text = text.as_bytes();
    words.iter().any(|word| {
        let word = word.as_bytes();
        if whole {
            text.eq_ignore_ascii_case(word)
        } else {
            text.windows(word.len()).any(|at| at.eq_ignore_ascii_case(word))
        }
    })
}

fn digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn longest_digit_run(text: &str) -> usize {
    let (mut run, mut longest) = (0, 0);
    for b in text.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// The model's log-odds that a page with these features is an article page.
fn log_odds(features: &[f32; FEATURE_COUNT]) -> f32 {
    features
        .iter()
        .zip(MEANS.iter().zip(&SCALES))
        .zip(&WEIGHTS)
        .map(|((x, (mean, scale)), w)| w * (x - mean) / scale)
        .sum::<f32>()
        + WEIGHTS[FEATURE_COUNT]
}

/// Characters and paragraphs of the article.
#[derive(Default)]
struct ArticleCounts {
    chars: usize,
    paragraphs: usize,
    headings: usize,
    /// Readability's score of its paragraphs: √(chars − [`LONG_PARAGRAPH_CHARS`]) each.
    long_paragraph_score: f32,
    /// Characters inside links.
    link_chars: usize,
    /// Characters of the paragraphs since the last heading or linked paragraph, and the
    /// most of them seen.
    prose_run: usize,
    longest_prose_run: usize,
}

fn count(nodes: &[Node], counts: &mut ArticleCounts) {
    for node in nodes {
        match node {
            Node::Text(text) => counts.chars += weighted_chars(text),
            Node::Element(element) if element.is_paragraph() => {
                let chars = weighted_chars(&element.text());
                counts.chars += chars;
                counts.paragraphs += 1;
                counts.headings += usize::from(element.tag.is_heading());
                counts.long_paragraph_score += (chars.saturating_sub(LONG_PARAGRAPH_CHARS) as f32).sqrt();
                let link_chars = linked_chars(&element.children, false);
                counts.link_chars += link_chars;
                let prose = !element.tag.is_heading() && link_chars as f32 <= LINKED_PARAGRAPH_SHARE * chars as f32;
                counts.prose_run = if prose { counts.prose_run + chars } else { 0 };
                counts.longest_prose_run = counts.longest_prose_run.max(counts.prose_run);
            }
            Node::Element(element) => count(&element.children, counts),
        }
    }
}

/// Characters of these nodes' text inside links (`in_link`: the nodes are in one).
fn linked_chars(nodes: &[Node], in_link: bool) -> usize {
    nodes
        .iter()
        .map(|node| match node {
            Node::Text(text) if in_link => weighted_chars(text),
            Node::Text(_) => 0,
            Node::Element(element) => linked_chars(&element.children, in_link || element.tag == Tag::A),
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::address_features;

    /// front, story name, number or date, account or search word, listing, section
    fn shape(address: &str) -> [bool; 6] {
        address_features(address)
    }

    #[test]
    fn a_site_s_front_is_its_root_or_index_without_a_query() {
        assert!(shape("https://example.com")[0]);
        assert!(shape("https://example.com/")[0]);
        assert!(shape("https://example.com/index.php")[0]);
        assert!(!shape("https://example.com/?cat=1")[0]);
        assert!(!shape("https://example.com/sport/")[0]);
    }

    #[test]
    fn a_story_has_a_name_of_words_or_a_number_or_date() {
        assert_eq!(
            shape("https://example.com/news/council-votes-new-budget.html"),
            [false, true, false, false, false, false]
        );
        assert_eq!(shape("https://example.com/news/20200814/obituary"), [false, false, true, false, false, false]);
        // A day's archive: dated, and a listing's last segment of a few digits.
        assert_eq!(shape("https://example.com/2020/08/14/"), [false, false, true, false, true, false]);
        assert_eq!(shape("https://example.com/?p=3289"), [false, false, true, false, false, false]);
        // A story's name with an account word inside is still a story's name.
        assert_eq!(shape("https://example.com/police-register-two-thefts"), [false, true, false, false, false, false]);
    }

    #[test]
    fn logins_listings_and_sections_are_named_by_their_segments() {
        assert_eq!(shape("https://example.com/forum/ucp.php?mode=register"), [false, false, false, true, false, false]);
        assert!(shape("https://example.com/customerportal/account/registeraccount")[3]);
        assert_eq!(shape("https://example.com/category/parenting/page/3/"), [false, false, false, false, true, false]);
        assert_eq!(shape("https://example.com/blog/"), [false, false, false, false, false, true]);
        assert_eq!(shape("https://example.com/Penny"), [false, false, false, false, false, true]);
    }
}
