//! schema.org `articleBody` from the page's JSON-LD: the publisher's own copy of the
//! article text, used when neither DOM candidate finds an article (a page that loads
//! its text by script). Measured on news-dev, preferring it whenever it is longer than
//! the DOM's text lost more (extra text, plain paragraphs) than it gained.

/// JSON-LD nesting is shallow in practice; deeper values are not searched (and a
/// hostile page cannot exhaust the stack).
const MAX_DEPTH: usize = 16;

/// The longest `articleBody` in the page's JSON-LD blocks (their texts), if any.
///
/// Parsed with `gjson`, which dom_smoothie already links for its own JSON-LD metadata:
/// `serde_json` here cost the wasm about 9 KB gzipped for one lookup.
pub fn article_body<'a>(blocks: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<String> = None;
    for text in blocks {
        // gjson does not validate: a broken block is skipped rather than half-read.
        if gjson::valid(text) {
            find_body(&gjson::parse(text), 0, &mut best);
        }
    }
    best
}

fn find_body(value: &gjson::Value, depth: usize, best: &mut Option<String>) {
    if depth > MAX_DEPTH {
        return;
    }
    let is_object = match value.kind() {
        gjson::Kind::Object => true,
        gjson::Kind::Array => false,
        _ => return,
    };
    // Children are re-parsed from their raw JSON text: gjson hands them out borrowed
    // from the closure, and parsing a slice costs nothing until it is read.
    gjson::parse(value.json()).each(|key, child| {
        if is_object && key.str() == "articleBody" && child.kind() == gjson::Kind::String {
            let body = child.str();
            if best.as_ref().is_none_or(|b| body.len() > b.len()) {
                *best = Some(body.to_string());
            }
        }
        find_body(&gjson::parse(child.json()), depth + 1, best);
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_article_body_in_a_graph() {
        let json = r#"{"@graph":[{"@type":"WebPage"},
            {"@type":"NewsArticle","articleBody":"First.\n\nSecond."}]}"#;
        assert_eq!(article_body([json]).as_deref(), Some("First.\n\nSecond."));
        assert_eq!(article_body([]), None);
    }

    #[test]
    fn longest_body_wins_and_escapes_are_decoded() {
        let blocks = [
            r#"[{"articleBody":"Short."}, {"x":{"articleBody":"Longer \u00e9t\u00e9 \"quoted\"."}}]"#,
            r#"{"articleBody": "broken"#,
        ];
        assert_eq!(article_body(blocks).as_deref(), Some("Longer été \"quoted\"."));
    }
}
