//! `dom_smoothie` alone, for the quality table (`make bench-quality`): the baseline Pith
//! builds on. Prints one JSON object per input file (JSON Lines) with the extractor's
//! raw content HTML and metadata, and the time the extraction took.
//!
//! ```text
//! cargo run --release --example smoothie -- FILE...
//! ```

use std::time::Instant;

mod support;

fn main() {
    support::each_file(|_, html| run(html));
}

fn run(html: &str) -> serde_json::Value {
    let start = Instant::now();
    let parsed = dom_smoothie::Readability::new(html, None, None)
        .map_err(|e| e.to_string())
        .and_then(|mut r| r.parse().map_err(|e| e.to_string()));
    let seconds = start.elapsed().as_secs_f64();
    match parsed {
        Ok(a) => serde_json::json!({
            "html": a.content.to_string(),
            "title": a.title,
            "byline": a.byline,
            "site_name": a.site_name,
            "published_time": a.published_time,
            "lang": a.lang,
            "dir": a.dir,
            "seconds": seconds,
        }),
        Err(e) => serde_json::json!({ "error": e, "seconds": seconds }),
    }
}
