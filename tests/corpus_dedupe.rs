//! The shared duplicate-paragraph corpus (`../shared/corpora/dedup/`): for every case,
//! each expected paragraph appears exactly once in the article's text (as often as the
//! case lists it, for legitimate short repeats), and nothing else of the article is
//! lost (the article is exactly the expected paragraphs, in order).

// Native only: proptest and the corpora on disk.
#![cfg(not(target_arch = "wasm32"))]

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

/// Every paragraph Pith removes as a duplicate from Mozilla Readability's 130 test pages,
/// printed for review (`cargo test --test corpus_dedupe -- --ignored --nocapture`, or
/// `make dedupe-review`). Each removal was inspected; the ones judged correct are listed
/// in `tests/dedupe/readability-reviewed.txt` (page, then the start of the
/// removed text). A removal not in that list fails the test until someone looks at it.
#[test]
#[ignore = "review tool: prints every removal on the readability corpus"]
fn readability_corpus_removals_are_all_reviewed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/readability");
    if !dir.is_dir() {
        eprintln!("corpus absent, skipped: {}", dir.display());
        return;
    }
    let reviewed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dedupe/readability-reviewed.txt");
    let reviewed = std::fs::read_to_string(&reviewed_path).unwrap_or_default();
    let reviewed: Vec<&str> = reviewed.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("readable corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file())
        .collect();
    pages.sort();
    let (mut removals, mut pages_with_removals, mut unreviewed) = (0, 0, Vec::new());
    for page in &pages {
        let slug = page.file_name().and_then(|s| s.to_str()).unwrap_or_default();
        let Ok(html) = std::fs::read_to_string(page.join("source.html")) else { continue };
        let Ok(article) = clean(&html, Some("http://fakehost/test/page.html"), &Options::default()) else { continue };
        // The paragraphs before de-duplication, to show what each removal repeats.
        let Ok(extracted) = pith::extract::extract(&html, Some("http://fakehost/test/page.html")) else { continue };
        let before = extracted.content.paragraph_texts();
        pages_with_removals += usize::from(!article.duplicates.is_empty());
        for d in &article.duplicates {
            removals += 1;
            let key = format!("{slug}\t{}", prefix(&d.text));
            let kept = before.get(d.repeats).map_or("?", String::as_str);
            println!(
                "{slug} #{} {:?} {:.2} (repeats #{}, words not in the kept copy: {})\n  removed: {}\n  kept:    {}",
                d.index,
                d.kind,
                d.similarity,
                d.repeats,
                words_missing(&d.text, kept),
                d.text,
                kept
            );
            if !reviewed.contains(&key.as_str()) {
                unreviewed.push(key);
            }
        }
    }
    println!("{} pages, {removals} paragraphs removed on {pages_with_removals} pages", pages.len());
    assert!(
        unreviewed.is_empty(),
        "removals nobody has reviewed yet (add to {}):\n{}",
        reviewed_path.display(),
        unreviewed.join("\n")
    );
}

/// How many words of `removed` (lower-cased, as a multiset) the kept copy lacks: what a
/// reader would lose. True repeats lose none, or a word or two of editing.
fn words_missing(removed: &str, kept: &str) -> usize {
    let words = |t: &str| -> Vec<String> {
        t.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from).collect()
    };
    let mut available = words(kept);
    let mut missing = 0;
    for w in words(removed) {
        match available.iter().position(|k| *k == w) {
            Some(i) => {
                available.swap_remove(i);
            }
            None => missing += 1,
        }
    }
    missing
}

/// The first 60 characters of a removed paragraph: enough to identify it in the review list.
fn prefix(text: &str) -> String {
    text.chars().take(60).collect::<String>().replace('\t', " ")
}
