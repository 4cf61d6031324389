//! `pith::is_readerable` on files, for `make eval-readerable` (issue 18): the cheap check
//! the extension's automatic mode runs before it opens the panel. The CLI shows only
//! `clean()`'s `readerable`, so this reaches the library function itself. Prints one JSON
//! object per input file (JSON Lines): `{"file", "is_readerable"}` or `{"file", "error"}`.
//!
//! ```text
//! cargo run --release --example readerable -- FILE...
//! ```

mod support;

fn main() {
    support::each_file(|html| serde_json::json!({ "is_readerable": pith::is_readerable(html) }));
}
