//! Page fixtures, Readability-style: every folder of `tests/pages/` is a page Pith must
//! handle, `source.html` beside what the engine gives for it today:
//!
//! - `expected.md` (the article as Markdown), `expected.txt` (as text) or `expected.html`
//!   (as clean HTML): whichever the folder holds is compared;
//! - `expected-metadata.json`: title, byline, site, date, language, direction, excerpt,
//!   lead image, whether the page is an article, its word count and duplicates removed.
//!
//! Each page is cleaned as if served at `https://pages.example/<slug>/`. Every folder is
//! run, and every difference is reported with the page's slug before the test fails.
//! Where the engine is wrong today, the expectation still records what it does and
//! `tests/pages/KNOWN.md` says what a reader would want instead.
//!
//! `PITH_UPDATE_EXPECTED=1 cargo test --test pages` rewrites the expectations (a new
//! folder gets `expected.txt` and `expected-metadata.json`; create an empty
//! `expected.md` or `expected.html` first where the structure matters); review the diff
//! before committing it.

// Reads files: native only.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use pith::{Article, Options, clean};
use serde_json::{Value, json};

/// The environment variable that rewrites the expectations instead of comparing them.
const UPDATE: &str = "PITH_UPDATE_EXPECTED";

/// How an expected rendering is made from the article.
type Render = fn(&Article) -> String;

/// The expected renderings a folder may hold, and how each is made from the article.
const RENDERINGS: [(&str, Render); 3] = [
    ("expected.txt", |a| a.text.clone()),
    ("expected.md", |a| a.markdown.clone().unwrap_or_default()),
    ("expected.html", |a| a.html.clone()),
];

const METADATA: &str = "expected-metadata.json";

fn pages_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages")
}

/// What `expected-metadata.json` holds for an article.
fn metadata_of(article: &Article) -> Value {
    json!({
        "title": article.title,
        "byline": article.byline,
        "site_name": article.site_name,
        "published_time": article.published_time,
        "lang": article.lang,
        "dir": article.dir,
        "excerpt": article.excerpt,
        "lead_image_url": article.lead_image_url,
        "readerable": article.readerable,
        "word_count": article.word_count,
        "duplicates_removed": article.duplicates.len(),
    })
}

/// Text files end with one newline, so that the fixtures read well in an editor and a diff.
fn with_newline(mut text: String) -> String {
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// The first line where `expected` and `actual` differ, for the failure message.
fn first_difference(expected: &str, actual: &str) -> String {
    let (mut e, mut a) = (expected.lines(), actual.lines());
    for line in 1.. {
        match (e.next(), a.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (None, None) => return "(line endings differ)".to_string(),
            (x, y) => {
                let show = |s: Option<&str>| s.map_or("(nothing)".to_string(), |s| format!("{s:?}"));
                return format!("line {line}: expected {}\n      got {}", show(x), show(y));
            }
        }
    }
    unreachable!()
}

/// Compares one expectation, or writes it when updating. Returns the failure, if any.
fn check(dir: &Path, slug: &str, file: &str, actual: &str, update: bool) -> Option<String> {
    let path = dir.join(file);
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected == actual {
        return None;
    }
    if update {
        std::fs::write(&path, actual).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        eprintln!("{slug}: rewrote {file}");
        return None;
    }
    Some(format!("{slug}: {file} differs, {}", first_difference(&expected, actual)))
}

#[test]
fn every_page_gives_its_expected_article() {
    let update = std::env::var(UPDATE).is_ok_and(|v| v == "1");
    let mut slugs: Vec<String> = std::fs::read_dir(pages_dir())
        .expect("tests/pages")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("source.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    slugs.sort();
    assert!(slugs.len() >= 40, "only {} pages in tests/pages", slugs.len());
    let mut failures = Vec::new();
    for slug in &slugs {
        let dir = pages_dir().join(slug);
        let bytes = std::fs::read(dir.join("source.html")).expect("source.html");
        let html = pith::input::decode(&bytes).unwrap_or_else(|e| panic!("{slug}: {e}"));
        let url = format!("https://pages.example/{slug}/");
        let article = match clean(&html, Some(&url), &Options::default()) {
            Ok(article) => article,
            Err(e) => {
                failures.push(format!("{slug}: no article ({e})"));
                continue;
            }
        };
        // The extension's automatic mode opens the panel when `automatic` says yes, and the
        // panel shows `readerable`: automatic mode (the stricter cut) must never open a
        // panel that says "not an article".
        if article.automatic && !article.readerable {
            failures.push(format!("{slug}: automatic says yes where readerable says no"));
        }
        let mut renderings: Vec<_> = RENDERINGS.iter().filter(|(file, _)| dir.join(file).is_file()).collect();
        if renderings.is_empty() && update {
            renderings.push(&RENDERINGS[0]);
        }
        if renderings.is_empty() {
            failures.push(format!("{slug}: no expected.md, expected.txt or expected.html"));
        }
        for (file, render) in renderings {
            failures.extend(check(&dir, slug, file, &with_newline(render(&article)), update));
        }
        let metadata = serde_json::to_string_pretty(&metadata_of(&article)).expect("JSON");
        failures.extend(check(&dir, slug, METADATA, &with_newline(metadata), update));
    }
    assert!(
        failures.is_empty(),
        "{} differences over {} pages ({UPDATE}=1 rewrites the expectations):\n{}",
        failures.len(),
        slugs.len(),
        failures.join("\n")
    );
}
