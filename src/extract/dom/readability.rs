//! Readability, from dom_smoothie: its article and its metadata. (Its "is this an article
//! page?" check is not used: `crate::extract::article_page` answers that, issue 18.)

use super::build;
use crate::document::Document;
use crate::error::PithError;

/// Readability's metadata of a page, without looking for its article (the reader chose it).
pub fn readability_metadata(dom: dom_query::Document, url: Option<&str>) -> Result<dom_smoothie::Metadata, PithError> {
    let readability = dom_smoothie::Readability::with_document(dom, url, Some(config()))
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
    let config = dom_smoothie::Config { keep_classes: true, ..config() };
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

/// dom_smoothie's configuration with Pith's URL resolver (`crate::links`) instead of its own.
fn config() -> dom_smoothie::Config {
    dom_smoothie::Config { url_resolver: crate::links::resolve_for_readability, ..dom_smoothie::Config::default() }
}
