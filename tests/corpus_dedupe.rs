//! The shared duplicate-paragraph corpus (`../shared/corpora/dedup/`): for every case,
//! each expected paragraph appears exactly once in the article's text (as often as the
//! case lists it, for legitimate short repeats), and nothing else of the article is
//! lost (the article is exactly the expected paragraphs, in order).

use std::path::{Path, PathBuf};

use pith::{Options, clean};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/dedup");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("corpus absent, skipped: {}", dir.display());
        None
    }
}

#[test]
fn every_dedup_case_keeps_each_expected_paragraph_exactly_once() {
    let Some(dir) = corpus() else { return };
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("readable corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases in {}", dir.display());
    let mut failures = Vec::new();
    for html_path in &cases {
        let name = html_path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        let html = std::fs::read_to_string(html_path).expect("readable case");
        let expected_json = std::fs::read_to_string(dir.join(format!("{name}.expected.json"))).expect("expected.json");
        let expected: serde_json::Value = serde_json::from_str(&expected_json).expect("valid json");
        let expected: Vec<&str> = expected["expected_paragraphs"]
            .as_array()
            .expect("expected_paragraphs")
            .iter()
            .filter_map(|p| p.as_str())
            .collect();
        let article = clean(&html, Some("https://news.example/story"), &Options::default()).expect("an article");
        for p in &expected {
            // A paragraph the case lists twice (a legitimate short repeat) must stay twice.
            let want = expected.iter().filter(|q| *q == p).count();
            let n = article.text.matches(p).count();
            if n != want {
                failures.push(format!("{name}: expected {want} time(s), found {n}: {:.60}…", p));
            }
        }
        let got: Vec<&str> = article.text.split("\n\n").collect();
        if got != expected {
            failures.push(format!(
                "{name}: article paragraphs differ from the expected ones:\n  got {got:#?}\n  removed {:#?}",
                article.duplicates.iter().map(|d| (d.index, d.repeats, d.kind)).collect::<Vec<_>>()
            ));
        }
        println!("{name}: {} paragraphs, {} duplicates removed", got.len(), article.duplicates.len());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
