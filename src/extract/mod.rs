//! Finding the article in a page, and its metadata.
//!
//! Readability-grade extraction comes from `dom_smoothie` (a Rust port of
//! Readability.js on an html5ever DOM); Pith's own layer builds on it:
//!
//! 1. on the parsed page, before dom_smoothie edits it: hostile depth flattened and a
//!    `<noscript>` that swallowed the page repaired (`build`); the next stories beside
//!    the `<article>` headed by the page's title removed (`boilerplate`); the page's
//!    facts read (`metadata`, `jsonld`); the lead beside the headline and a second,
//!    trafilatura-style candidate taken (`candidate`), all without parsing again;
//! 2. dom_smoothie's article is rebuilt through the allow-list (`build`) into a
//!    [`Document`], dropping elements named as boilerplate and resolving lazy images;
//! 3. `boilerplate::prune` removes the leftovers by their words (share, related, credits,
//!    byline and date lines, trailing link lines…);
//! 4. the second candidate replaces it when Readability found (almost) nothing or only
//!    part of it, then JSON-LD `articleBody` (`jsonld`) as a last resort; the lead is put
//!    first when missing;
//! 5. metadata: dom_smoothie's (JSON-LD, then OpenGraph/Twitter/Dublin Core/Parse.ly
//!    meta, then the DOM), completed by `metadata` (microdata, `<time>`, ISO 8601
//!    times, site suffix cut from the title).
//!
//! Every rule was kept because it raised the scores of `make bench-quality` (on the
//! three corpora at once: a rule that helped one and cost another was dropped).

/// A CSS selector compiled once per engine instance rather than on every page: compiling
/// one costs about what matching it does on a small page. `$css` is a constant, checked
/// by the tests that run each query.
macro_rules! matcher {
    ($css:expr) => {{
        static MATCHER: std::sync::LazyLock<dom_query::Matcher> =
            std::sync::LazyLock::new(|| dom_query::Matcher::new($css).expect("a valid constant selector"));
        &*MATCHER
    }};
}

mod boilerplate;
mod build;
mod candidate;
mod code;
mod figures;
mod footnotes;
mod jsonld;
mod math;
mod metadata;
mod tables;

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::error::PithError;

/// What a page says about its article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    pub url: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub excerpt: Option<String>,
    pub lead_image_url: Option<String>,
}

/// The extractor's result: the article's metadata and its clean content.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub metadata: Metadata,
    pub content: Document,
    pub readerable: bool,
}

/// Finds the article in `html`. A page with no article (an empty one included: the
/// caller judges whether an empty input is an error) gives an empty `content` and
/// `readerable: false`, not an error.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted, PithError> {
    // Hostile depth: bounded in the text for the parser, then in the tree for the extractor.
    let shallow = build::limit_nesting(html);
    let dom = dom_query::Document::from(shallow.as_deref().unwrap_or(html));
    build::flatten_deep(&dom.root());
    // The next stories beside the article go before Readability can pick or merge them.
    boilerplate::drop_sibling_articles(&dom);
    // Technical content in the plain forms every later step keeps whole: code blocks
    // with their exact text, formulas as MathML with TeX, pictures with an address; the
    // footnotes are taken out, to be put back at the end of whichever article wins.
    code::normalise(&dom);
    math::normalise(&dom);
    figures::normalise(&dom);
    let notes = footnotes::take(&dom, url);
    let readerable = probably_readable(&dom);
    // Read before dom_smoothie takes the DOM (it edits it as it scores).
    let page = metadata::read_page(&dom);
    let lead = candidate::lead_text(&dom);
    let second_html = candidate::candidate_html(&dom);
    // Classes stay on the content so that Pith's boilerplate pass can read them.
    let config = dom_smoothie::Config { keep_classes: true, ..dom_smoothie::Config::default() };
    let mut readability = dom_smoothie::Readability::with_document(dom, url, Some(config))
        .map_err(|_| PithError::BadUrl(url.unwrap_or_default().to_string()))?;
    let (mut content, meta) = match readability.parse_in_place() {
        // The article is read where dom_smoothie left it, not serialised and re-parsed.
        Ok(meta) => (readability.article_root().map(|root| build::document_from(&root, url)).unwrap_or_default(), meta),
        // No article by Readability's rules: the metadata still holds, and the second
        // candidate may still find text.
        Err(_) => (Document::default(), readability.get_article_metadata(readability.parse_json_ld())),
    };
    let title = non_empty(meta.title)
        .map(|t| metadata::strip_site_suffix(&t, meta.site_name.as_deref(), page.heading.as_deref()));
    let byline = meta.byline.or(page.byline);
    boilerplate::prune(&mut content, title.as_deref(), byline.as_deref());
    // The second candidate is rebuilt only when it may win: Readability came up short,
    // or the candidate may hold SUPERSET_RATIO times its text (the candidate's count
    // leaves out spaces, allowed for generously).
    let first_chars = text_chars(&content) as f64;
    let second_html = second_html
        .filter(|(_, chars)| {
            first_chars < MIN_ARTICLE_CHARS as f64 || *chars as f64 * SPACES_ALLOWANCE > SUPERSET_RATIO * first_chars
        })
        .map(|(h, _)| h);
    if let Some(html) = second_html {
        let fragment = dom_query::Document::fragment(html);
        let mut second = build::document_from(&fragment.root(), url);
        boilerplate::prune(&mut second, title.as_deref(), byline.as_deref());
        if prefer_second(&content, &second) {
            content = second;
        }
    }
    // Last resort: the publisher's JSON-LD copy of the text (see `jsonld`), parsed only
    // when the page has JSON-LD and the DOM's article came up short.
    if !page.json_ld.is_empty() {
        let chars = text_chars(&content);
        let ld = (chars < MIN_ARTICLE_CHARS)
            .then(|| jsonld::article_body(page.json_ld.iter().map(String::as_str)))
            .flatten()
            .map(|body| body_document(&body, url));
        if let Some(ld) = ld.filter(|ld| text_chars(ld) > chars) {
            content = ld;
        }
    }
    // The lead beside the headline, when Readability left it out.
    if let Some(lead) = lead {
        prepend_lead(&mut content, &lead);
    }
    footnotes::attach(&mut content, notes);
    let published_time = meta.published_time.as_deref().and_then(metadata::iso_datetime).or(page.published_time);
    let metadata = Metadata {
        url: meta.url.or_else(|| url.map(str::to_string)),
        title,
        byline,
        site_name: meta.site_name,
        published_time,
        lang: meta.lang,
        dir: meta.dir,
        excerpt: meta.excerpt,
        lead_image_url: meta.image,
    };
    Ok(Extracted { metadata, readerable: readerable && !content.is_empty(), content })
}

/// The cheap "is this an article page?" check, without extraction.
pub fn is_readerable(html: &str) -> bool {
    // Hostile depth: bounded in the text for the parser, then in the tree for the extractor.
    let shallow = build::limit_nesting(html);
    let dom = dom_query::Document::from(shallow.as_deref().unwrap_or(html));
    build::flatten_deep(&dom.root());
    probably_readable(&dom)
}

/// Readability's paragraph length (in characters) below which a paragraph does not count.
const MIN_PARAGRAPH_CHARS: usize = 140;

/// A CJK character carries about as much as this many Latin ones (a word of 2-3
/// letters-with-a-space): Chinese, Japanese and Korean pages write short paragraphs
/// that Readability's length threshold, made for alphabets, never counts.
const CJK_CHARS_FACTOR: usize = 3;

/// Readability's "is this an article page?" check, with the paragraph length scaled
/// for pages in Chinese, Japanese or Korean (judged by `<html lang>` or the title).
fn probably_readable(dom: &dom_query::Document) -> bool {
    dom_smoothie::is_probably_readable(dom, None, None)
        || (is_cjk_page(dom)
            && dom_smoothie::is_probably_readable(dom, None, Some(MIN_PARAGRAPH_CHARS / CJK_CHARS_FACTOR)))
}

/// Share of CJK characters among a title's letters above which the page is CJK.
const MIN_CJK_TITLE_SHARE: f64 = 0.3;

fn is_cjk_page(dom: &dom_query::Document) -> bool {
    let lang = dom.select_matcher(matcher!("html")).attr("lang").unwrap_or_default().to_ascii_lowercase();
    if ["zh", "ja", "ko"].iter().any(|l| lang.starts_with(l)) {
        return true;
    }
    let title = dom.select_matcher(matcher!("title")).text();
    let letters = title.chars().filter(|c| c.is_alphanumeric()).count();
    let cjk = title.chars().filter(|c| is_cjk(*c)).count();
    letters > 0 && cjk as f64 >= MIN_CJK_TITLE_SHARE * letters as f64
}

/// Han ideographs, kana and Hangul syllables.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// Readability's article below this many characters of text is a miss (a teaser, a
/// caption) when the second candidate finds more.
const MIN_ARTICLE_CHARS: usize = 250;

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

/// The second candidate replaces Readability's article when it holds this many times
/// its text and contains it: Readability kept one part of a split article (an intro
/// box, one column). Measured: 1.5 raised multilingual F 0.917 -> 0.924 with news-dev
/// and readability unchanged; 1.3 cost news-dev 0.003 (two pages with comments).
const SUPERSET_RATIO: f64 = 1.5;

/// Text with spaces over text without, at most (about 1.15 in European languages).
const SPACES_ALLOWANCE: f64 = 1.3;

/// Share of Readability's text the second candidate must contain to replace it.
const MIN_CONTAINED_SHARE: f64 = 0.95;

/// The share of `first`'s text (in characters) whose paragraphs appear in `second` too.
fn contained_share(first: &Document, second: &Document) -> f64 {
    let theirs: std::collections::HashSet<String, foldhash::fast::FixedState> =
        second.paragraph_texts().into_iter().collect();
    let (mut inside, mut total) = (0, 0);
    for p in first.paragraph_texts() {
        let n = p.chars().count();
        total += n;
        if theirs.contains(&p) {
            inside += n;
        }
    }
    if total == 0 { 0.0 } else { inside as f64 / total as f64 }
}

/// Characters of the lead looked for in the article to tell whether it is there already.
const LEAD_KEY_CHARS: usize = 40;

/// Puts the lead paragraph first, unless the article already holds it (or is empty:
/// a lead alone is not an article).
fn prepend_lead(content: &mut Document, lead: &str) {
    if content.is_empty() {
        return;
    }
    let key: String = lead.chars().take(LEAD_KEY_CHARS).collect();
    let mut found = false;
    content.for_each_paragraph(|p| found = found || crate::document::collapse_whitespace(&p.text()).contains(&key));
    if !found {
        let mut paragraph = crate::document::Element::new(crate::document::Tag::P);
        paragraph.children.push(crate::document::Node::Text(lead.to_string()));
        content.nodes.insert(0, crate::document::Node::Element(paragraph));
    }
}

/// JSON-LD `articleBody` as a document: HTML when it is HTML, else one paragraph per line.
fn body_document(body: &str, url: Option<&str>) -> Document {
    if body.contains("<p") || body.contains("<br") {
        let fragment = dom_query::Document::fragment(body);
        return build::document_from(&fragment.root(), url);
    }
    Document::from_plain_text(&body.replace('\n', "\n\n"))
}

fn text_chars(doc: &Document) -> usize {
    doc.paragraph_texts().iter().map(|p| p.chars().count()).sum()
}

fn non_empty(s: String) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}
