//! Finding the article in a page, and its metadata.
//!
//! Readability-grade extraction comes from `dom_smoothie` (a Rust port of
//! Readability.js on an html5ever DOM); Pith's own layer builds on it. [`prepare`] and
//! [`article`] show the steps in order ([`is_readerable`] runs them all);
//! each is a named function in the module of its phase, named by the tree it works on:
//!
//! - [`markup`], before parsing, on the page's HTML text: scripts, styles, SVG and
//!   comments pruned; hostile nesting bounded;
//! - [`dom`], on the parsed page (dom_query nodes): the tree repaired (hostile depth
//!   flattened, a `<noscript>` that swallowed the page opened); the next stories beside
//!   the article removed; its technical content put in plain forms (code, formulas,
//!   pictures; footnotes taken out, put back at the end of the article that wins); the
//!   page's facts, the lead beside the headline and a second,
//!   trafilatura-style candidate read before Readability edits the page; Readability's
//!   article (dom_smoothie) rebuilt through the allow-list into a [`Document`], dropping
//!   elements named as boilerplate and resolving lazy images;
//! - [`content`], on the clean [`Document`]: the boilerplate left inside it removed by
//!   its words (share, related, credits, byline and date lines, trailing link lines…);
//!   the second candidate chosen instead when Readability found (almost) nothing or only
//!   part of the article, then JSON-LD `articleBody` as a last resort; the lead put first
//!   when missing, the footnotes last; the metadata (dom_smoothie's, completed by the page's facts).
//! - [`article_page`], last: is the page around the article an article page at all (a
//!   small logistic model over the page's shape and the article found, fitted on labelled
//!   pages grouped by site by `tools/quality/article_page.py`). It replaced Readability's
//!   check, which refused short articles and took teaser home pages, search results and
//!   consent texts for articles; automatic mode must not cover them.
//!
//! Every rule was kept because it raised the scores of `make bench-quality` (on the
//! three corpora at once: a rule that helped one and cost another was dropped).

/// A CSS selector compiled once per engine instance rather than on every page: compiling
/// one costs about what matching it does on a small page. `$css` is a constant, checked
/// by the tests that run each query. (A panic naming it rather than `expect`: the parse
/// error's `Debug` would bring cssparser's and selectors' formatting into the wasm.)
macro_rules! matcher {
    ($css:expr) => {{
        static MATCHER: std::sync::OnceLock<dom_query::Matcher> = std::sync::OnceLock::new();
        $crate::extract::compiled(&MATCHER, $css)
    }};
}

/// The selector in `cell`, compiled on first use: one function for every `matcher!`, where
/// a `LazyLock` each would put its own copy of the initialisation in the wasm.
#[inline(never)]
fn compiled(cell: &'static std::sync::OnceLock<dom_query::Matcher>, css: &str) -> &'static dom_query::Matcher {
    cell.get_or_init(|| dom_query::Matcher::new(css).unwrap_or_else(|_| panic!("invalid constant selector {css}")))
}

mod article_page;
mod content;
mod dom;
mod markup;

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::error::PithError;

/// The shortest paragraph taken as the excerpt when the page has no description: a
/// sentence's length, so that a "Home" or "Menü" left at the article's top, or a short
/// kicker, is passed over for the paragraph that opens the story.
const MIN_EXCERPT_CHARS: usize = 40;

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

impl Metadata {
    /// The metadata as the reader sees it: the byline as the name(s) alone ("By", dates
    /// and labels gone), the date of the article's head line when the page states none
    /// elsewhere (what [`content::prune_boilerplate`] returns), and the article's opening
    /// paragraph as excerpt when the page has no description. (dom_smoothie's own
    /// fallback, its first `<p>`, is off: it could be a line Pith removes, "For immediate
    /// release" or that date line.)
    fn shown(self, date_line: Option<String>, article: &Document) -> Metadata {
        Metadata {
            byline: self.byline.as_deref().and_then(content::byline),
            published_time: self.published_time.or(date_line),
            excerpt: self.excerpt.or_else(|| article.first_paragraph_text(MIN_EXCERPT_CHARS)),
            ..self
        }
    }
}

/// The extractor's result: the article's metadata and its clean content.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub metadata: Metadata,
    pub content: Document,
    /// An article, for a reader who asked for one (a click).
    pub readerable: bool,
    /// An article sure enough for automatic mode to open the panel unasked (implies
    /// `readerable`; see `article_page` for the two cuts).
    pub automatic: bool,
}

/// Finds the article in `html`. A page with no article (an empty one included: the
/// caller judges whether an empty input is an error) gives an empty `content` and
/// `readerable: false`, not an error.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted, PithError> {
    article(prepare(html), url).map(|(extracted, _)| extracted)
}

/// Should automatic mode open the panel on this page, at this address when it is known:
/// the `automatic` of [`extract`], found by the same steps, so that automatic mode opens
/// only where a click would show an article.
pub fn is_readerable(html: &str, url: Option<&str>) -> bool {
    extract(html, url).is_ok_and(|extracted| extracted.automatic)
}

/// The features the article-page model judges `html` by (see `article_page`), for its
/// training script (`examples/readerable.rs --features`); `None` when nothing is extracted.
pub fn article_page_features(html: &str) -> Option<[f32; article_page::FEATURE_COUNT]> {
    let (extracted, features) = article(prepare(html), None).ok()?;
    (!extracted.content.is_empty()).then_some(features)
}

pub use article_page::address_features;

/// The page as extraction starts from it.
struct Prepared {
    page: dom_query::Document,
    /// The technical categories the page's markup shows marks of.
    technical: dom::Technical,
}

/// Steps 1-4: the page parsed, bounded, repaired, and without the stories beside its
/// article.
fn prepare(html: &str) -> Prepared {
    let (page, technical) = parse(html);
    // 4. Remove the next stories beside the article, before Readability can pick or merge them.
    dom::drop_sibling_articles(&page);
    Prepared { page, technical }
}

/// Steps 1-3: the page parsed, bounded and repaired, and the technical content its
/// markup shows marks of.
fn parse(html: &str) -> (dom_query::Document, dom::Technical) {
    // 1. Drop scripts, styles, SVG and comments before parsing: half a page's bytes.
    let html = markup::prune(html);
    let technical = dom::Technical::scan(&html);
    // 2. Parse, hostile nesting bounded in the text first (for the parser).
    let page = dom_query::Document::from(markup::limit_nesting(&html).as_deref().unwrap_or(&html));
    // 3. Repair the tree: hostile depth flattened (for the extractor), a `<noscript>` that
    //    swallowed the page opened.
    dom::repair(&page.root());
    (page, technical)
}

/// The article the reader picked by hand: `html`'s body is the article (the extension
/// sends the block the reader chose, under the page's own `<head>` for the metadata). No
/// candidate is scored, and no other text is brought in (the second candidate, JSON-LD,
/// the lead): the reader said what the article is. The cleaning steps run as for any
/// article: the allow-list, boilerplate by its words, then dedupe and the rest.
pub fn extract_body(html: &str, url: Option<&str>) -> Result<Extracted, PithError> {
    let (page, _) = parse(html);
    let facts = dom::read_page_facts(&page);
    let mut content = dom::document_from(&page.body().unwrap_or_else(|| page.root()), url);
    let metadata = content::metadata(dom::readability_metadata(page, url)?, &facts, url);
    let date_line = content::prune_boilerplate(&mut content, metadata.title.as_deref(), metadata.byline.as_deref());
    let readerable = !content.is_empty();
    let metadata = metadata.shown(date_line, &content);
    Ok(Extracted { readerable, automatic: readerable, content, metadata })
}

/// Steps 5-15: the article of a prepared page, its metadata, and the features that judged
/// it an article page.
fn article(
    Prepared { page, technical }: Prepared,
    url: Option<&str>,
) -> Result<(Extracted, [f32; article_page::FEATURE_COUNT]), PithError> {
    // 5. Technical content in plain forms every later step keeps whole: code with its
    //    exact text, formulas as MathML with TeX, pictures with an address; the footnotes
    //    taken out, to be put back at the end of whichever article wins.
    let notes = dom::normalise_technical(&page, url, technical);
    // 6. Read what Readability would edit away: the page's own facts, the lead beside the
    //    headline, and the second candidate.
    let facts = dom::read_page_facts(&page);
    let lead = dom::lead_text(&page);
    let lead_picture = dom::lead_picture(&page, url);
    let second = dom::second_candidate(&page);
    // 7. Readability's article, rebuilt through the allow-list, and its metadata.
    let (mut content, found) = dom::readability(page, url)?;
    // 8. The metadata: dom_smoothie's, completed by the page's facts.
    let metadata = content::metadata(found, &facts, url);
    let (title, byline) = (metadata.title.as_deref(), metadata.byline.as_deref());
    // 9. Remove the boilerplate Readability left inside its article, by its words.
    let date_line = content::prune_boilerplate(&mut content, title, byline);
    // 10. The second candidate instead, when Readability found (almost) nothing or only part of it.
    let chars = content::choose_second(&mut content, second, title, byline, url);
    // 11. Last resort: the publisher's JSON-LD copy of the text.
    content::json_ld_fallback(&mut content, chars, &facts.json_ld, url);
    // 12. The lead picture and the lead first, when Readability left them out (the
    //     lead above the picture, as on the page).
    content::prepend_lead_picture(&mut content, lead_picture);
    content::prepend_lead(&mut content, lead);
    // 13. Is it an article page: an article came out, and the page around it is shaped
    //     like an article page, not like teasers, forms or a consent dialog (judged before
    //     the notes come back: the model was fitted on articles without them).
    let features =
        article_page::features(&facts.shape, &content, metadata.published_time.is_some(), metadata.byline.is_some());
    let verdict = article_page::judge(&features, url.map(article_page::address_features).as_ref());
    // 14. The metadata as shown (the byline's names alone, the head line's date): after
    //     the judgement, whose model was fitted on the metadata as found.
    let metadata = metadata.shown(date_line, &content);
    // 15. The footnotes the article still refers to, at its end.
    dom::attach_notes(&mut content, notes);
    let found = !content.is_empty();
    let (readerable, automatic) = (found && verdict.article, found && verdict.automatic);
    Ok((Extracted { readerable, automatic, content, metadata }, features))
}
