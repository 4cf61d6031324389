//! Extraction quality floors on the shared corpora (the full figures and the peers'
//! come from `make bench-quality`). Reads `../shared/corpora` at test time and says
//! "corpus absent, skipped" when it is not there.
//!
//! The floors sit a little under the measured figures (see BENCHMARKS.md), so that a
//! change that loses quality fails here before it reaches the table.

// Reads files and decodes encodings: native only.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pith::{Options, clean};

/// news-dev shingle F1 floor (measured: see BENCHMARKS.md).
const NEWS_F1_FLOOR: f64 = 0.967;
/// multilingual-dev snippet F floor.
const MULTILINGUAL_F_FLOOR: f64 = 0.922;
const SHINGLE: usize = 4;

fn corpora() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if root.exists() {
        Some(root)
    } else {
        eprintln!("corpus absent ({}), skipped", root.display());
        None
    }
}

fn page_text(path: &Path) -> String {
    let Ok(bytes) = std::fs::read(path) else { return String::new() };
    let Ok(html) = pith::input::decode(&bytes) else { return String::new() };
    clean(&html, None, &Options::default()).map(|a| a.text).unwrap_or_default()
}

/// 4-token shingles of `\w+` tokens, with multiplicity.
fn shingles(text: &str) -> HashMap<String, usize> {
    let tokens: Vec<&str> =
        text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).collect();
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    let n = tokens.len().saturating_sub(SHINGLE - 1).max(1);
    for i in 0..n {
        let end = (i + SHINGLE).min(tokens.len());
        *out.entry(tokens[i..end].join(" ")).or_insert(0) += 1;
    }
    out
}

/// Per-page precision and recall of the shingles.
fn precision_recall(truth: &str, pred: &str) -> (f64, f64) {
    let (t, p) = (shingles(truth), shingles(pred));
    let tp: usize = t.iter().map(|(k, n)| (*n).min(p.get(k).copied().unwrap_or(0))).sum();
    let (nt, np): (usize, usize) = (t.values().sum(), p.values().sum());
    if nt == 0 && np == 0 {
        return (1.0, 1.0);
    }
    let precision = if np == 0 { 0.0 } else { tp as f64 / np as f64 };
    let recall = if nt == 0 { 0.0 } else { tp as f64 / nt as f64 };
    (precision, recall)
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

#[test]
fn news_dev_shingle_f1() {
    let Some(root) = corpora() else { return };
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("news-dev/ground-truth.json")).unwrap_or_default())
            .unwrap_or_default();
    let Some(truth) = truth.as_object() else { return };
    let (mut sum_p, mut sum_r) = (0.0, 0.0);
    for (key, value) in truth {
        let expected = value["articleBody"].as_str().unwrap_or_default();
        let text = page_text(&root.join(format!("news-dev/html/{key}.html.gz")));
        let (p, r) = precision_recall(expected, &text);
        sum_p += p;
        sum_r += r;
    }
    let n = truth.len().max(1) as f64;
    let score = f1(sum_p / n, sum_r / n);
    eprintln!("news-dev: P {:.3} R {:.3} F1 {score:.3}", sum_p / n, sum_r / n);
    assert!(score >= NEWS_F1_FLOOR, "news-dev F1 {score:.3} < {NEWS_F1_FLOOR}");
}

#[test]
fn multilingual_snippets() {
    let Some(root) = corpora() else { return };
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("multilingual-dev/evaldata.json")).unwrap_or_default())
            .unwrap_or_default();
    let Some(data) = data.as_object() else { return };
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for item in data.values() {
        let file = root.join("multilingual-dev/eval").join(item["file"].as_str().unwrap_or_default());
        let text = norm(&page_text(&file));
        for s in item["with"].as_array().into_iter().flatten().filter_map(|s| s.as_str()) {
            if text.contains(&norm(s)) { tp += 1 } else { fn_ += 1 }
        }
        for s in item["without"].as_array().into_iter().flatten().filter_map(|s| s.as_str()) {
            if text.contains(&norm(s)) {
                fp += 1
            }
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let score = f1(p, r);
    eprintln!("multilingual-dev: P {p:.3} R {r:.3} F {score:.3}");
    assert!(score >= MULTILINGUAL_F_FLOOR, "multilingual F {score:.3} < {MULTILINGUAL_F_FLOOR}");
}
