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
/// [`SUPERSET_RATIO`] times its text.
pub fn choose_second(
    content: &mut Document,
    second: Option<dom::Candidate>,
    title: Option<&str>,
    byline: Option<&str>,
    url: Option<&str>,
) {
    let first_chars = text_chars(content) as f64;
    let may_win = |second: &dom::Candidate| {
        first_chars < MIN_ARTICLE_CHARS as f64 || second.chars as f64 * SPACES_ALLOWANCE > SUPERSET_RATIO * first_chars
    };
    if let Some(second) = second.filter(may_win) {
        let mut second = second.document(url);
        boilerplate::prune(&mut second, title, byline);
        if prefer_second(content, &second) {
            *content = second;
        }
    }
}

/// Last resort: the publisher's JSON-LD copy of the text (see `jsonld`), parsed only
/// when the page has JSON-LD and the DOM's article came up short.
pub fn json_ld_fallback(content: &mut Document, json_ld: &[String], url: Option<&str>) {
    if json_ld.is_empty() {
        return;
    }
    let chars = text_chars(content);
    let ld = (chars < MIN_ARTICLE_CHARS)
        .then(|| jsonld::article_body(json_ld.iter().map(String::as_str)))
        .flatten()
        .map(|body| body_document(&body, url));
    if let Some(ld) = ld.filter(|ld| text_chars(ld) > chars) {
        *content = ld;
    }
}

/// Should the second candidate replace Readability's? When Readability found (almost)
/// nothing, or when the second holds Readability's text and much more besides.
/// Measured alternative: over twice the text and at least half of Readability's
/// contained: multilingual F +0.005, but news-dev F1 -0.004 and readability F1 -0.007
/// (teaser lists, comments), so containment is required nearly whole.
fn prefer_second(first: &Document, second: &Document) -> bool {
    let (a, b) = (text_chars(first), text_chars(second));
    if a < MIN_ARTICLE_CHARS {
        return b > a;
    }
    b as f64 > SUPERSET_RATIO * a as f64 && contained_share(first, second) >= MIN_CONTAINED_SHARE
}

/// The share of `first`'s text (in characters) whose paragraphs appear in `second` too.
fn contained_share(first: &Document, second: &Document) -> f64 {
    // Paragraph text → its place: the map type the similarity index keys its records
    // by (a set type of its own would be another copy of hashbrown's code in the wasm).
    let theirs: std::collections::HashMap<String, usize, foldhash::fast::FixedState> =
        second.paragraph_texts().into_iter().zip(0..).collect();
    let (mut inside, mut total) = (0, 0);
    for p in first.paragraph_texts() {
        let n = p.chars().count();
        total += n;
        if theirs.contains_key(&p) {
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

fn text_chars(doc: &Document) -> usize {
    doc.paragraph_texts().iter().map(|p| p.chars().count()).sum()
}
