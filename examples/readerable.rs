//! `pith::is_readerable` on files, for `make eval-readerable` (issue 18): automatic mode's
//! answer (the `automatic` of `clean()`), reached here without the steps after extraction.
//! Prints one JSON object per input file (JSON Lines): `{"file", "is_readerable"}` or
//! `{"file", "error"}`; with `--features`, also the article-page model's features (`null`
//! when nothing is extracted) and the address features (`null` when no address is known),
//! for `tools/quality/article_page.py`. `--addresses=TSV` gives pages their address (lines
//! of file name, a tab, the address), as the extension gives the tab's.
//!
//! ```text
//! cargo run --release --example readerable -- [--features] [--addresses=TSV] FILE...
//! ```

use std::collections::HashMap;

mod support;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let with_features = args.iter().any(|a| a == "--features");
    let addresses: HashMap<String, String> = args
        .iter()
        .find_map(|a| a.strip_prefix("--addresses="))
        .map(|path| std::fs::read_to_string(path).expect("the addresses file"))
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(file, address)| (file.to_string(), address.to_string()))
        .collect();
    support::each_file(|file, html| {
        let address = addresses.get(file).map(String::as_str);
        let mut value = serde_json::json!({ "is_readerable": pith::is_readerable(html, address) });
        if with_features {
            value["features"] = serde_json::json!(pith::extract::article_page_features(html));
            value["address_features"] = serde_json::json!(address.map(pith::extract::address_features));
        }
        value
    });
}
