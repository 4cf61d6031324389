//! `pith::is_readerable` on files, for `make eval-readerable` (issue 18): the cheap check
//! the extension's automatic mode runs before it opens the panel. The CLI shows only
//! `clean()`'s `readerable`, so this reaches the library function itself. Prints one JSON
//! object per input file (JSON Lines): `{"file", "is_readerable"}` or `{"file", "error"}`;
//! with `--features` first, also the article-page model's features (`null` when nothing
//! is extracted), for `tools/quality/article_page.py`.
//!
//! ```text
//! cargo run --release --example readerable -- [--features] FILE...
//! ```

mod support;

fn main() {
    let with_features = std::env::args().nth(1).as_deref() == Some("--features");
    support::each_file(|html| {
        let mut value = serde_json::json!({ "is_readerable": pith::is_readerable(html) });
        if with_features {
            value["features"] = serde_json::json!(pith::extract::article_page_features(html));
        }
        value
    });
}
