//! What Pith reads itself from the page's JSON-LD (dom_smoothie reads the rest):
//! - schema.org `articleBody`, the publisher's own copy of the article text, used when
//!   neither DOM candidate finds an article (a page that loads its text by script).
//!   Measured on news-dev, preferring it whenever it is longer than the DOM's text lost
//!   more (extra text, plain paragraphs) than it gained.
//! - the `datePublished` of an article node anywhere in a block (a `@graph`'s, which
//!   dom_smoothie does not read), the last resort for the date.

use dom_smoothie::json::Json;

/// JSON-LD nesting is shallow in practice; deeper values are not searched (and a
/// hostile page cannot exhaust the stack).
const MAX_DEPTH: usize = 16;

/// schema.org types (and the ends of their subtypes' names: `NewsArticle`, `BlogPosting`)
/// that describe an article.
const ARTICLE_TYPES: [&str; 3] = ["Article", "BlogPosting", "Report"];

/// The longest `articleBody` in the page's JSON-LD blocks (their texts), if any.
///
/// Read with dom_smoothie's small JSON reader, which its own JSON-LD metadata uses:
/// `serde_json` here cost the wasm about 9 KB gzipped for one lookup.
pub fn article_body<'a>(blocks: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<String> = None;
    for text in blocks {
        // Strict: a broken block is skipped rather than half-read.
        if let Some(json) = Json::parse_strict(text) {
            find_body(&json, 0, &mut best);
        }
    }
    best
}

/// The first `datePublished` of a node typed as an article (`NewsArticle`, `BlogPosting`…)
/// in the page's JSON-LD blocks, nested in a `@graph` or not.
pub fn article_date_published<'a>(blocks: impl IntoIterator<Item = &'a str>) -> Option<String> {
    blocks.into_iter().filter_map(Json::parse_strict).find_map(|json| find_article_date(&json, 0))
}

fn find_article_date(value: &Json, depth: usize) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    // `@type` is a name or a list of names (`["NewsArticle", "Article"]`).
    let is_article_type = |name: &str| ARTICLE_TYPES.iter().any(|a| name.ends_with(a));
    let is_article = value.get("@type").is_some_and(|t| {
        if t.is_array() { t.children().any(|(_, name)| is_article_type(name.str())) } else { is_article_type(t.str()) }
    });
    let date = value.get("datePublished").filter(|d| d.is_string() && is_article);
    date.map(|d| d.str().trim().to_string())
        .or_else(|| value.children().find_map(|(_, child)| find_article_date(child, depth + 1)))
}

fn find_body(value: &Json, depth: usize, best: &mut Option<String>) {
    if depth > MAX_DEPTH {
        return;
    }
    for (key, child) in value.children() {
        if key == Some("articleBody") && child.is_string() {
            let body = child.str();
            if best.as_ref().is_none_or(|b| body.len() > b.len()) {
                *best = Some(body.to_string());
            }
        }
        find_body(child, depth + 1, best);
    }
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
    fn finds_the_article_date_in_a_graph() {
        let json = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebPage","datePublished":"2020-01-01"},
            {"@type":"NewsArticle","datePublished":" 2021-11-19T10:27 "}]}"#;
        assert_eq!(article_date_published([json]).as_deref(), Some("2021-11-19T10:27"));
        assert_eq!(article_date_published([r#"{"@type":"Product","datePublished":"2020"}"#]), None);
        let typed_twice = r#"{"@graph":[{"@type":["NewsArticle","Article"],"datePublished":"2022-05-01"}]}"#;
        assert_eq!(article_date_published([typed_twice]).as_deref(), Some("2022-05-01"));
    }

    #[test]
    fn longest_body_wins_and_escapes_are_decoded() {
        let blocks = [
            r#"[{"articleBody":"Short."}, {"x":{"articleBody":"Longer \u00e9t\u00e9 \"quoted\"."}}]"#,
            r#"{"articleBody": "broken"#,
        ];
        assert_eq!(article_body(blocks).as_deref(), Some("Longer été \"quoted\"."));
    }

    #[test]
    fn the_json_reader_answers_as_gjson_did() {
        // Strict for validation, lenient for reading (raw newlines, trailing commas, a
        // document broken part-way keeping what came before).
        assert!(Json::parse_strict(r#" {"a": [1, -2.5e3, true, null, "x"]} "#).is_some());
        for broken in [
            r#"{"a": "line
break"}"#,
            "[1,]",
            r#"{"a":1,}"#,
            "[01]",
            r#"{"a" 1}"#,
            "[1] x",
            "",
            r#""\x""#,
        ] {
            assert!(Json::parse_strict(broken).is_none(), "{broken:?}");
        }
        let lenient = Json::parse("{\"a\": \"line\nbreak\", \"b\": [1, 2,], \"c\": {\"d\": \"e\"}, \"f\": oops");
        assert_eq!(lenient.get("a").map(Json::str), Some("line\nbreak"));
        assert_eq!(lenient.get("b").map(Json::str), Some("[1, 2,]"), "not a string: its JSON text");
        assert_eq!(lenient.get("c").and_then(|c| c.get("d")).map(Json::str), Some("e"));
        assert!(lenient.get("f").is_none());
        // Escapes, a surrogate pair, the first of two equal keys, `null` as "".
        let value = Json::parse(r#"{"s": "\"\u00e9\ud83d\ude00\/\n", "k": 1, "k": 2, "n": null}"#);
        assert_eq!(value.get("s").map(Json::str), Some("\"é😀/\n"));
        assert_eq!(value.get("k").map(Json::str), Some("1"));
        assert_eq!(value.get("n").map(Json::str), Some(""));
        // A break inside a nested value ends the document there: the keys after it are not
        // read as the enclosing object's.
        let broken = Json::parse(r#"{"publisher": {"logo": , "name": "Pub"}, "name": "Title"}"#);
        assert!(broken.get("name").is_none());
        assert!(broken.get("publisher").is_some_and(|p| p.get("name").is_none()));
        // Lenient: any byte up to a space between tokens; an invalid \u escape as U+FFFD.
        let loose = Json::parse("{\u{c}\"a\":\u{1}\"b\\uZZ\", \"c\": 1}");
        assert_eq!(loose.get("a").map(Json::str), Some("b\u{FFFD}ZZ"));
        assert_eq!(loose.get("c").map(Json::str), Some("1"));
        // Hostile nesting ends the document rather than the stack.
        let deep = "[".repeat(100_000);
        assert!(Json::parse_strict(&deep).is_none());
        assert!(Json::parse(&deep).is_array());
    }
}
