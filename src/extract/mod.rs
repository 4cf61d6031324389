//! Finding the article in a page, and its metadata.
//!
//! Readability-grade extraction comes from `dom_smoothie` (a Rust port of
//! Readability.js on an html5ever DOM); Pith's own layer builds on it. The chosen
//! content is then rebuilt through the allow-list (`build`) into a [`Document`].

mod build;

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

/// Finds the article in `html`. A page with no article gives an empty `content` and
/// `readerable: false`, not an error.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted, PithError> {
    if html.trim().is_empty() {
        return Err(PithError::Empty);
    }
    // Hostile depth: bounded in the text for the parser, then in the tree for the extractor.
    let shallow = build::limit_nesting(html);
    let dom = dom_query::Document::from(shallow.as_deref().unwrap_or(html));
    build::flatten_deep(&dom.root());
    let readerable = dom_smoothie::is_probably_readable(&dom, None, None);
    let mut readability = dom_smoothie::Readability::with_document(dom, url, None)
        .map_err(|_| PithError::BadUrl(url.unwrap_or_default().to_string()))?;
    let Ok(article) = readability.parse() else {
        return Ok(Extracted { readerable: false, ..Extracted::default() });
    };
    let fragment = dom_query::Document::fragment(article.content.to_string());
    let content = build::document_from(&fragment.root(), url);
    let metadata = Metadata {
        url: article.url.or_else(|| url.map(str::to_string)),
        title: non_empty(article.title),
        byline: article.byline,
        site_name: article.site_name,
        published_time: article.published_time,
        lang: article.lang,
        dir: article.dir,
        excerpt: article.excerpt,
        lead_image_url: article.image,
    };
    Ok(Extracted { metadata, readerable: readerable && !content.is_empty(), content })
}

/// The cheap "is this an article page?" check, without extraction.
pub fn is_readerable(html: &str) -> bool {
    // Hostile depth: bounded in the text for the parser, then in the tree for the extractor.
    let shallow = build::limit_nesting(html);
    let dom = dom_query::Document::from(shallow.as_deref().unwrap_or(html));
    build::flatten_deep(&dom.root());
    dom_smoothie::is_probably_readable(&dom, None, None)
}

fn non_empty(s: String) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}
