//! Precision@5 of "similar readings" on a labelled corpus (`make eval-similarity`).
//!
//! Usage: `cargo run --release --example eval_similarity [-- CORPUS.jsonl]`
//! (default `../shared/corpora/summaries/bbc-dev.jsonl`). Each line is
//! `{"id": "category/NNN", "title", "article"}`; the label is the id's category.
//! Prints the compact representation's figure, and full TF-IDF's for comparison.

use std::time::Instant;

use pith::similarity::{self, Fingerprint, TOP_TERMS};

const DEFAULT_CORPUS: &str = "../shared/corpora/summaries/bbc-dev.jsonl";
const K: usize = 5;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| DEFAULT_CORPUS.to_string());
    let Ok(corpus) = std::fs::read_to_string(&path) else {
        println!("corpus absent, skipped: {path}");
        return;
    };
    let rows: Vec<(String, String, String)> = corpus
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            let label = v["id"].as_str()?.split('/').next()?.to_string();
            Some((label, v["title"].as_str()?.to_string(), v["article"].as_str()?.to_string()))
        })
        .collect();
    println!("{} articles from {path}", rows.len());
    for (name, top_terms) in
        [("compact (top 64 terms)", TOP_TERMS), ("compact (top 32 terms)", 32), ("full TF-IDF", usize::MAX)]
    {
        let started = Instant::now();
        let docs: Vec<(String, Fingerprint)> = rows
            .iter()
            .map(|(label, title, text)| (label.clone(), Fingerprint::with_terms(Some(title), text, top_terms)))
            .collect();
        let p = similarity::precision_at(&docs, K);
        println!("P@{K} {name:<24} {p:.4}   ({:.0} ms)", started.elapsed().as_secs_f64() * 1000.0);
    }
}
