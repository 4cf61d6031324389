//! schema.org `articleBody` from the page's JSON-LD: the publisher's own copy of the
//! article text, used when neither DOM candidate finds an article (a page that loads
//! its text by script). Measured on news-dev, preferring it whenever it is longer than
//! the DOM's text lost more (extra text, plain paragraphs) than it gained.

use dom_query::Document;
use serde_json::Value;

/// JSON-LD nesting is shallow in practice; deeper values are not searched (and a
/// hostile page cannot exhaust the stack).
const MAX_DEPTH: usize = 16;

/// The longest `articleBody` in the page's JSON-LD blocks, if any.
pub fn article_body(dom: &Document) -> Option<String> {
    let mut best: Option<String> = None;
    for script in dom.select(r#"script[type="application/ld+json"]"#).nodes() {
        let Ok(value) = serde_json::from_str::<Value>(script.text().trim()) else { continue };
        find_body(&value, 0, &mut best);
    }
    best
}

fn find_body(value: &Value, depth: usize, best: &mut Option<String>) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(map) => {
            if let Some(Value::String(body)) = map.get("articleBody") {
                if best.as_ref().is_none_or(|b| body.len() > b.len()) {
                    *best = Some(body.clone());
                }
            }
            for v in map.values() {
                find_body(v, depth + 1, best);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| find_body(v, depth + 1, best)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_article_body_in_a_graph() {
        let html = r#"<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},
            {"@type":"NewsArticle","articleBody":"First.\n\nSecond."}]}</script>"#;
        assert_eq!(article_body(&Document::from(html)).as_deref(), Some("First.\n\nSecond."));
        assert_eq!(article_body(&Document::from("<p>no json</p>")), None);
    }
}
