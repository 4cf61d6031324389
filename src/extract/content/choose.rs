//! Choosing the article's text among Readability's, Pith's second candidate
//! (`dom::candidate`) and, as a last resort, the publisher's JSON-LD copy (`jsonld`).

use super::{boilerplate, jsonld};
use crate::document::Document;
use crate::extract::dom;

/// Readability's article below this many characters of text is a miss (a teaser, a
/// caption) when the second candidate finds more; below it too, JSON-LD's `articleBody`
/// is looked for.
const MIN_ARTICLE_CHARS: usize = 250;

/// The second candidate replaces Readability's article when it holds this many times
/// its text and contains it: Readability kept one part of a split article (an intro
/// box, one column). Measured: 1.5 raised multilingual F 0.917 -> 0.924 with news-dev
/// and readability unchanged; 1.3 cost news-dev 0.003 (two pages with comments).
const SUPERSET_RATIO: f64 = 1.5;

/// Share of Readability's text the second candidate must contain to replace it.
const MIN_CONTAINED_SHARE: f64 = 0.95;

/// Text with spaces over text without, at most (about 1.15 in European languages): the
/// second candidate's count leaves out spaces, and is allowed for generously.
const SPACES_ALLOWANCE: f64 = 1.3;

/// Replaces Readability's article (`content`, boilerplate removed) by the second
/// candidate when Readability came up short (see [`prefer_second`]). The candidate is
/// rebuilt only when it may win: Readability came up short, or the candidate may hold
/// [`SUPERSET_RATIO`] times its text. Returns the characters of the article chosen, for
/// [`json_ld_fallback`].
pub fn choose_second(
    content: &mut Document,
    second: Option<dom::Candidate>,
    title: Option<&str>,
    byline: Option<&str>,
    url: Option<&str>,
) -> usize {
    // Each article's paragraphs are read once here, for its length and for containment.
    let first = Texts::of(content);
    let first_chars = first.chars as f64;
    let may_win = |second: &dom::Candidate| {
        first_chars < MIN_ARTICLE_CHARS as f64 || second.chars as f64 * SPACES_ALLOWANCE > SUPERSET_RATIO * first_chars
    };
    if let Some(second) = second.filter(may_win) {
        let mut second = second.document(url);
        boilerplate::prune(&mut second, title, byline);
        let texts = Texts::of(&second);
        let chars = texts.chars;
        if prefer_second(&first, texts) {
            *content = second;
            return chars;
        }
    }
    first.chars
}

/// Last resort: the publisher's JSON-LD copy of the text (see `jsonld`), parsed only
/// when the page has JSON-LD and the DOM's article (`chars` characters, from
/// [`choose_second`]) came up short.
pub fn json_ld_fallback(content: &mut Document, chars: usize, json_ld: &[String], url: Option<&str>) {
    if json_ld.is_empty() {
        return;
    }
    let ld = (chars < MIN_ARTICLE_CHARS)
        .then(|| jsonld::article_body(json_ld.iter().map(String::as_str)))
        .flatten()
        .map(|body| body_document(&body, url));
    if let Some(ld) = ld.filter(|ld| Texts::of(ld).chars > chars) {
        *content = ld;
    }
}

/// An article's paragraph texts ([`Document::paragraph_texts`]) and their characters.
struct Texts {
    paragraphs: Vec<String>,
    chars: usize,
}

impl Texts {
    fn of(doc: &Document) -> Texts {
        let paragraphs = doc.paragraph_texts();
        let chars = paragraphs.iter().map(|p| p.chars().count()).sum();
        Texts { paragraphs, chars }
    }
}

/// Should the second candidate replace Readability's? When Readability found (almost)
/// nothing, or when the second holds Readability's text and much more besides.
/// Measured alternative: over twice the text and at least half of Readability's
/// contained: multilingual F +0.005, but news-dev F1 -0.004 and readability F1 -0.007
/// (teaser lists, comments), so containment is required nearly whole.
fn prefer_second(first: &Texts, second: Texts) -> bool {
    let (a, b) = (first.chars, second.chars);
    if a < MIN_ARTICLE_CHARS {
        return b > a;
    }
    b as f64 > SUPERSET_RATIO * a as f64 && contained_share(&first.paragraphs, second.paragraphs) >= MIN_CONTAINED_SHARE
}

/// The share of the `first` paragraphs' text (in characters) that appears in `second` too.
fn contained_share(first: &[String], second: Vec<String>) -> f64 {
    // Paragraph text → its place: the map type the similarity index keys its records
    // by (a set type of its own would be another copy of hashbrown's code in the wasm).
    let theirs: std::collections::HashMap<String, usize, foldhash::fast::FixedState> =
        second.into_iter().zip(0..).collect();
    let (mut inside, mut total) = (0, 0);
    for p in first {
        let n = p.chars().count();
        total += n;
        if theirs.contains_key(p) {
            inside += n;
        }
    }
    if total == 0 { 0.0 } else { inside as f64 / total as f64 }
}

/// JSON-LD `articleBody` as a document: HTML when it is HTML, else one paragraph per line.
fn body_document(body: &str, url: Option<&str>) -> Document {
    if body.contains("<p") || body.contains("<br") {
        let fragment = dom_query::Document::fragment(body);
        return dom::document_from(&fragment.root(), url);
    }
    Document::from_plain_text(&body.replace('\n', "\n\n"))
}
