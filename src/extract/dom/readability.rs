//! Readability, from dom_smoothie: its "is this an article page?" check and its article.

use super::build;
use crate::document::Document;
use crate::error::PithError;

/// Readability's paragraph length (in characters) below which a paragraph does not count.
const MIN_PARAGRAPH_CHARS: usize = 140;

/// A CJK character carries about as much as this many Latin ones (a word of 2-3
/// letters-with-a-space): Chinese, Japanese and Korean pages write short paragraphs
/// that Readability's length threshold, made for alphabets, never counts.
const CJK_CHARS_FACTOR: usize = 3;

/// Share of CJK characters among a title's letters above which the page is CJK.
const MIN_CJK_TITLE_SHARE: f64 = 0.3;

/// Readability's "is this an article page?" check, with the paragraph length scaled
/// for pages in Chinese, Japanese or Korean (judged by `<html lang>` or the title).
pub fn probably_readable(dom: &dom_query::Document) -> bool {
    dom_smoothie::is_probably_readable(dom, None, None)
        || (is_cjk_page(dom)
            && dom_smoothie::is_probably_readable(dom, None, Some(MIN_PARAGRAPH_CHARS / CJK_CHARS_FACTOR)))
}

fn is_cjk_page(dom: &dom_query::Document) -> bool {
    let lang = dom.select_matcher(matcher!("html")).attr("lang").unwrap_or_default().to_ascii_lowercase();
    if ["zh", "ja", "ko"].iter().any(|l| lang.starts_with(l)) {
        return true;
    }
    let title = dom.select_matcher(matcher!("title")).text();
    let letters = title.chars().filter(|c| c.is_alphanumeric()).count();
    let cjk = title.chars().filter(|&c| crate::text::script::is_cjk(c)).count();
    letters > 0 && cjk as f64 >= MIN_CJK_TITLE_SHARE * letters as f64
}

/// Readability's metadata of a page, without looking for its article (the reader chose it).
pub fn readability_metadata(dom: dom_query::Document, url: Option<&str>) -> Result<dom_smoothie::Metadata, PithError> {
    let readability = dom_smoothie::Readability::with_document(dom, url, None)
        .map_err(|_| PithError::BadUrl(url.unwrap_or_default().to_string()))?;
    Ok(readability.get_article_metadata(readability.parse_json_ld()))
}

/// Readability's article, rebuilt through the allow-list, and its metadata. Takes the
/// page: dom_smoothie edits it as it scores. A page with no article by Readability's
/// rules gives an empty article; its metadata still holds.
pub fn readability(
    dom: dom_query::Document,
    url: Option<&str>,
) -> Result<(Document, dom_smoothie::Metadata), PithError> {
    // Classes stay on the content so that Pith's boilerplate pass can read them.
    let config = dom_smoothie::Config { keep_classes: true, ..dom_smoothie::Config::default() };
    let mut readability = dom_smoothie::Readability::with_document(dom, url, Some(config))
        .map_err(|_| PithError::BadUrl(url.unwrap_or_default().to_string()))?;
    Ok(match readability.parse_in_place() {
        // The article is read where dom_smoothie left it, not serialised and re-parsed.
        Ok(found) => {
            (readability.article_root().map(|root| build::document_from(&root, url)).unwrap_or_default(), found)
        }
        Err(_) => (Document::default(), readability.get_article_metadata(readability.parse_json_ld())),
    })
}
