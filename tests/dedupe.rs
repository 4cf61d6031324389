//! De-duplication on Pith's own fixtures, one folder per case under `tests/dedupe/`, then
//! a property test with random articles and injected copies.
//!
//! A case is `input.txt` (plain text, paragraphs separated by blank lines, cleaned with
//! `clean_text`) or `source.html` (a page, cleaned with `clean`), and `expected.json`:
//!
//! ```json
//! {
//!   "url": "https://news.example/a",
//!   "options": { "dedupe": false },
//!   "occurs": { "Why now?": 1 },
//!   "paragraphs": 5,
//!   "removed": [{ "index": 3, "repeats": 1, "kind": "near", "similarity": 0.75,
//!                 "text": "the copy that went", "kept": "the paragraph that stays" }]
//! }
//! ```
//!
//! Written by hand: `url` (pages only), `options` (over the defaults) and `occurs` (phrases
//! of the clean text and how often each must appear: what a reader would check). Written
//! from the engine's output: `paragraphs` (the paragraph count after de-duplication) and
//! `removed`, every removal in order with the paragraph it repeats, its similarity, the
//! text reported as removed and the text of the paragraph that stays in the first copy's
//! place (for a more complete later copy, the later wording). Each `kept` text must appear
//! exactly once in the clean text.
//!
//! Checked on every case, whatever its expectations say: a similarity within 0..=1, exactly
//! 1 for an exact repeat, at least `NEAR_DUPLICATE_SIMILARITY` and below 1 for a near one,
//! below 1 for a contained one; no paragraph repeating itself; for plain text, the input's
//! paragraphs minus the removed ones.
//!
//! `PITH_UPDATE_EXPECTED=1 cargo test --test dedupe` rewrites `paragraphs` and `removed`
//! from the output, keeping the hand-written fields (review the diff before committing).
//! A new case is a folder with its input and an `expected.json` holding `{}` or its
//! hand-written fields.

// Native only: proptest and the fixtures on disk.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pith::{Article, DuplicateKind, Options, clean, clean_text, dedupe};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

/// The rewrite switch, shared with the page fixtures.
const UPDATE: &str = "PITH_UPDATE_EXPECTED";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Expected {
    /// The page's address (pages only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    /// Options over the defaults, as the CLI and the extension take them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    options: Option<serde_json::Value>,
    /// Phrases of the clean text and how often each must appear.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    occurs: BTreeMap<String, usize>,
    /// Paragraphs after de-duplication.
    #[serde(default)]
    paragraphs: usize,
    #[serde(default)]
    removed: Vec<Removal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Removal {
    index: usize,
    repeats: usize,
    kind: DuplicateKind,
    similarity: f32,
    /// The text reported as removed.
    text: String,
    /// The paragraph that stays in the first copy's place.
    kept: String,
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dedupe")
}

/// Every case folder, in name order.
fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/dedupe is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// A file decoded as the CLI decodes its input (a case's page may be in its own encoding:
/// an old table layout's ISO-8859-1).
fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    pith::input::decode(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The input's paragraphs as `clean_text` reads them: blank-line separated, whitespace collapsed.
fn input_paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|p| !p.is_empty()).collect()
}

/// Cleans a case's input as its expectations say.
fn run(dir: &Path, expected: &Expected) -> Result<(Article, Option<Vec<String>>), String> {
    let mut options = serde_json::to_value(Options::default()).map_err(|e| e.to_string())?;
    if let (Some(serde_json::Value::Object(over)), serde_json::Value::Object(base)) = (&expected.options, &mut options)
    {
        base.extend(over.clone());
    }
    let options: Options = serde_json::from_value(options).map_err(|e| format!("options: {e}"))?;
    let text_input = dir.join("input.txt");
    if text_input.is_file() {
        let text = read(&text_input)?;
        let article = clean_text(&text, &options).map_err(|e| format!("clean_text: {e}"))?;
        return Ok((article, Some(input_paragraphs(&text))));
    }
    let html = read(&dir.join("source.html"))?;
    let article = clean(&html, expected.url.as_deref(), &options).map_err(|e| format!("clean: {e}"))?;
    Ok((article, None))
}

/// What the engine did, in the shape of the expectations: the removals, each with the
/// paragraph that stays where the first copy was.
fn removals(article: &Article) -> Result<Vec<Removal>, String> {
    let out: Vec<&str> = article.text.split("\n\n").collect();
    let removed: Vec<usize> = article.duplicates.iter().map(|d| d.index).collect();
    article
        .duplicates
        .iter()
        .map(|d| {
            // The kept paragraph's place in the output: the paragraphs before it that stayed.
            let position = (0..d.repeats).filter(|i| !removed.contains(i)).count();
            let kept = out.get(position).ok_or_else(|| format!("no output paragraph for {d:?}"))?;
            Ok(Removal {
                index: d.index,
                repeats: d.repeats,
                kind: d.kind,
                similarity: d.similarity,
                text: d.text.clone(),
                kept: kept.to_string(),
            })
        })
        .collect()
}

/// Checks one case; with [`UPDATE`] set, first rewrites its generated expectations.
fn check(dir: &Path) -> Result<(), String> {
    let path = dir.join("expected.json");
    let mut expected: Expected = serde_json::from_str(&read(&path)?).map_err(|e| format!("expected.json: {e}"))?;
    let (article, input) = run(dir, &expected)?;
    let got = removals(&article)?;
    if std::env::var_os(UPDATE).is_some() {
        expected.paragraphs = article.paragraph_count;
        expected.removed = got.clone();
        let json = serde_json::to_string_pretty(&expected).map_err(|e| e.to_string())? + "\n";
        std::fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let mut problems = Vec::new();
    if got != expected.removed {
        problems.push(format!("removed: expected {:#?}\ngot {:#?}", expected.removed, got));
    }
    if article.paragraph_count != expected.paragraphs {
        problems.push(format!("paragraphs: expected {}, got {}", expected.paragraphs, article.paragraph_count));
    }
    for (phrase, &count) in &expected.occurs {
        let found = article.text.matches(phrase.as_str()).count();
        if found != count {
            problems.push(format!("{phrase:?} occurs {found} times, not {count}"));
        }
    }
    for r in &got {
        let found = article.text.split("\n\n").filter(|p| *p == r.kept).count();
        if found != 1 {
            problems.push(format!("the kept paragraph {:?} is there {found} times, not once", r.kept));
        }
        let similarity_fits = match r.kind {
            DuplicateKind::Exact => r.similarity == 1.0,
            DuplicateKind::Near => (dedupe::NEAR_DUPLICATE_SIMILARITY..1.0).contains(&r.similarity),
            DuplicateKind::Contained => r.similarity < 1.0,
            DuplicateKind::Block => true,
        };
        if !(0.0..=1.0).contains(&r.similarity) || !similarity_fits || r.repeats == r.index {
            problems.push(format!("an impossible removal: {r:?}"));
        }
    }
    if let Some(input) = input {
        let kept = input.len() - got.len();
        let paragraphs = article.text.split("\n\n").count();
        if paragraphs != kept {
            problems.push(format!(
                "{paragraphs} paragraphs out of {} in, {} removed:\n{}",
                input.len(),
                got.len(),
                article.text
            ));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n")) }
}

/// Every case under `tests/dedupe/`; a failure names its case.
#[test]
fn dedupe_cases() {
    let cases = cases();
    assert!(cases.len() >= 11, "expected the dedupe cases in {}", cases_dir().display());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|dir| {
            let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("?");
            check(dir).err().map(|e| format!("--- tests/dedupe/{name}:\n{e}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} dedupe cases failed ({UPDATE}=1 rewrites the expectations):\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

// ------------------------------------------------------------------ property test

/// A word list for random articles: real words, so shingles look like English.
const WORDS: &[&str] = &[
    "the",
    "government",
    "said",
    "on",
    "tuesday",
    "that",
    "plans",
    "would",
    "be",
    "published",
    "next",
    "week",
    "minister",
    "council",
    "residents",
    "river",
    "flood",
    "election",
    "voters",
    "police",
    "court",
    "judge",
    "trial",
    "school",
    "teachers",
    "hospital",
    "doctors",
    "budget",
    "tax",
    "energy",
    "prices",
    "market",
    "shares",
    "bank",
    "rates",
    "inflation",
    "storm",
    "coast",
    "power",
    "homes",
    "train",
    "station",
    "airport",
    "flights",
    "weather",
    "rain",
    "summer",
    "winter",
    "city",
    "village",
    "farmers",
    "crops",
    "museum",
    "gallery",
    "artists",
    "music",
    "festival",
    "team",
    "match",
    "season",
    "players",
    "coach",
    "league",
    "report",
    "study",
    "scientists",
    "climate",
    "forest",
    "species",
    "ocean",
    "research",
    "university",
    "students",
    "workers",
    "union",
    "strike",
    "company",
    "profits",
    "jobs",
    "factory",
    "cars",
    "roads",
    "bridge",
    "housing",
    "rent",
    "families",
    "children",
    "health",
    "after",
    "before",
    "because",
    "while",
    "although",
    "with",
    "without",
    "from",
    "into",
    "over",
    "under",
    "about",
    "new",
    "old",
    "large",
    "small",
    "local",
    "national",
    "early",
    "late",
    "first",
    "last",
    "many",
    "few",
    "more",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 8..20).prop_map(|w| {
        let mut s = w.join(" ");
        if let Some(first) = s.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        s + "."
    })
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 2..4).prop_map(|s| s.join(" "))
}

/// The small edits a copy picks up: case, quotes, a dropped comma, double spaces, a
/// changed word ending.
fn edit(p: &str, how: u8) -> String {
    match how % 5 {
        0 => p.to_string(),
        1 => p.to_uppercase(),
        2 => p.replacen(' ', "  ", 3),
        3 if p.contains("said") => p.replacen("said", "says", 1),
        3 => p.replacen(" the ", " a ", 1),
        _ => format!("{}.", p.trim_end_matches('.')),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Random distinct paragraphs, then copies (single paragraphs and runs, edited or
    /// not) inserted after their originals: every copy goes, every original stays.
    #[test]
    fn injected_copies_go_and_originals_stay(
        originals in prop::collection::vec(paragraph(), 3..25),
        injections in prop::collection::vec((any::<prop::sample::Index>(), 1usize..4, any::<u8>(), any::<prop::sample::Index>()), 1..6),
    ) {
        // Distinct originals: random sentences may collide; drop the rare repeats.
        let mut seen = std::collections::HashSet::new();
        let originals: Vec<String> = originals.into_iter().filter(|p| seen.insert(dedupe::normalise(p))).collect();
        let n = originals.len();
        // (text, Some(original index) for copies)
        let mut doc: Vec<(String, Option<usize>)> = originals.iter().cloned().map(|p| (p, None)).collect();
        for (start, len, how, at) in injections {
            let start = start.index(n);
            let end = (start + len).min(n);
            let copies: Vec<(String, Option<usize>)> =
                (start..end).map(|k| (edit(&originals[k], how), Some(k))).collect();
            // Insert after the last original of the run (anywhere from there to the end).
            let last = doc.iter().position(|(t, c)| c.is_none() && *t == originals[end - 1]).unwrap_or(0);
            let pos = last + 1 + at.index(doc.len() - last);
            for (k, copy) in copies.into_iter().enumerate() {
                doc.insert(pos + k, copy);
            }
        }
        let texts: Vec<String> = doc.iter().map(|(t, _)| t.clone()).collect();
        let text = texts.join("\n\n");
        let article = clean_text(&text, &Options::default()).unwrap();
        let removed: std::collections::HashSet<usize> = article.duplicates.iter().map(|d| d.index).collect();
        for (i, (t, copy)) in doc.iter().enumerate() {
            match copy {
                Some(_) => prop_assert!(removed.contains(&i), "copy {i} kept: {t}\n{:#?}", article.duplicates),
                None => prop_assert!(!removed.contains(&i), "original {i} removed: {t}\n{:#?}", article.duplicates),
            }
        }
        for o in &originals {
            prop_assert_eq!(article.text.matches(o.as_str()).count(), 1);
        }
    }
}

/// A case of `tests/dedupe-cases/` (see its README): a page and what a reader finds in it.
#[derive(Debug, Deserialize)]
struct ReaderCase {
    #[serde(default)]
    expected_paragraphs: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    kept_twice: Vec<String>,
    #[serde(default)]
    order: Vec<String>,
}

/// The comparison of `tools/dedupe-cases`: NFKC, no soft hyphens, straight quotes, one dash,
/// single spaces. Typography only: the engine's own normaliser would also judge spacing.
fn reader_normalise(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = text
        .nfkc()
        .filter(|&c| c != '\u{AD}')
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a reader would find wrong in the clean article of one reader case.
fn reader_check(dir: &Path) -> Result<(), String> {
    let case: ReaderCase =
        serde_json::from_str(&read(&dir.join("expected.json"))?).map_err(|e| format!("expected.json: {e}"))?;
    let html = read(&dir.join("source.html"))?;
    let article =
        clean(&html, Some("https://news.example/story"), &Options::default()).map_err(|e| format!("clean: {e}"))?;
    let text = reader_normalise(&article.text);
    let listed: Vec<String> = case.expected_paragraphs.iter().map(|p| reader_normalise(p)).collect();
    let mut problems = Vec::new();
    let checks = [(None, &case.expected_paragraphs), (Some(0), &case.absent), (Some(2), &case.kept_twice)];
    for (wanted, phrases) in checks {
        for phrase in phrases {
            let phrase = reader_normalise(phrase);
            let wanted = wanted.unwrap_or_else(|| listed.iter().filter(|p| **p == phrase).count());
            let found = text.matches(phrase.as_str()).count();
            if found != wanted {
                problems.push(format!("{phrase:?} occurs {found} times, not {wanted}"));
            }
        }
    }
    let positions: Vec<Option<usize>> = case.order.iter().map(|p| text.find(reader_normalise(p).as_str())).collect();
    if positions.iter().any(Option::is_none) || !positions.is_sorted() {
        problems.push("the surviving copies are not where the body has them".to_string());
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n")) }
}

/// Every case under `tests/dedupe-cases/` as `tools/dedupe-cases` scores it. A case listed in
/// its `known-failures.txt` (with the reason) must still fail: when it passes, the list is
/// out of date.
#[test]
fn reader_dedupe_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dedupe-cases");
    let known = read(&root.join("known-failures.txt")).unwrap_or_default();
    let known: Vec<&str> = known
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/dedupe-cases is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 27, "expected the reader cases in {}", root.display());
    let mut problems = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        match (reader_check(dir), known.contains(&name)) {
            (Err(e), false) => problems.push(format!("--- tests/dedupe-cases/{name}:\n{e}")),
            (Ok(()), true) => problems.push(format!("--- {name} passes now: take it off known-failures.txt")),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{} of {} reader cases:\n{}", problems.len(), dirs.len(), problems.join("\n"));
}
