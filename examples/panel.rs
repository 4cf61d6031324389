//! `pith::clean` with the options the extension's panel asks for (`{ fingerprint: false,
//! markdown: false }`, extension/content/content.js), for measuring the panel's path
//! natively (`valgrind --tool=callgrind target/release/examples/panel FILE...`): the CLI
//! always makes the Markdown and the fingerprint. Prints one JSON object per input file
//! (JSON Lines) with the article's word count and the length of its HTML, or an `error`.
//!
//! ```text
//! cargo run --release --example panel -- FILE...
//! ```

mod support;

fn main() {
    let options = pith::Options { fingerprint: false, markdown: false, ..pith::Options::default() };
    support::each_file(|_, html| match pith::clean(html, Some("https://example.com/"), &options) {
        Ok(article) => serde_json::json!({ "words": article.word_count, "html_len": article.html.len() }),
        Err(e) => serde_json::json!({ "error": e.to_string() }),
    });
}
