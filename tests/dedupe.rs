//! De-duplication on Pith's own fixtures (`tests/fixtures/dedupe/`): one per kind of
//! repeat (exact, near, block, contained, CJK, a more complete later copy, two copies
//! of the body in two containers) and negatives that must come through untouched;
//! then a property test with random articles and injected copies.

use pith::{DuplicateKind, Options, clean, clean_text, dedupe};
use proptest::prelude::*;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/dedupe/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn input_paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|p| !p.is_empty()).collect()
}

/// Cleans a plain-text fixture; checks that exactly `removed` (index, repeats, kind)
/// went and that every other paragraph is still there, in order.
fn check_text_fixture(name: &str, removed: &[(usize, usize, DuplicateKind)]) -> pith::Article {
    let text = fixture(name);
    let article = clean_text(&text, &Options::default()).expect("clean_text");
    let got: Vec<_> = article.duplicates.iter().map(|d| (d.index, d.repeats, d.kind)).collect();
    assert_eq!(got, removed, "{name}: {:#?}", article.duplicates);
    let input = input_paragraphs(&text);
    let kept: Vec<&String> =
        input.iter().enumerate().filter(|(i, _)| !removed.iter().any(|r| r.0 == *i)).map(|(_, p)| p).collect();
    let out: Vec<&str> = article.text.split("\n\n").collect();
    assert_eq!(out.len(), kept.len(), "{name}: {}", article.text);
    for d in &article.duplicates {
        assert!((0.0..=1.0).contains(&d.similarity), "{name}: {d:?}");
        assert!(d.repeats != d.index, "{name}: {d:?}");
    }
    article
}

#[test]
fn exact_copy_with_other_quotes_case_and_spacing() {
    let a = check_text_fixture("exact.txt", &[(3, 1, DuplicateKind::Exact)]);
    assert_eq!(a.duplicates[0].similarity, 1.0);
    assert!(a.text.contains("“We have waited ten years"), "the first copy's wording stays");
}

#[test]
fn near_copy_with_small_edits() {
    let a = check_text_fixture("near.txt", &[(3, 1, DuplicateKind::Near)]);
    let s = a.duplicates[0].similarity;
    assert!((dedupe::NEAR_DUPLICATE_SIMILARITY..1.0).contains(&s), "{s}");
    assert!(a.text.contains("Engineers said the water"));
}

#[test]
fn repeated_block_takes_its_short_paragraph_with_it() {
    use DuplicateKind::Block;
    let a = check_text_fixture("block.txt", &[(4, 1, Block), (5, 2, Block), (6, 3, Block)]);
    assert_eq!(a.text.matches("Why now?").count(), 1);
}

#[test]
fn pull_quote_after_the_paragraph_it_quotes() {
    let a = check_text_fixture("pull_quote.txt", &[(2, 1, DuplicateKind::Contained)]);
    assert!(a.duplicates[0].similarity < 1.0);
}

#[test]
fn pull_quote_before_the_paragraph_it_quotes() {
    check_text_fixture("pull_quote_first.txt", &[(1, 2, DuplicateKind::Contained)]);
}

#[test]
fn more_complete_later_copy_takes_the_first_place() {
    let a = check_text_fixture("more_complete.txt", &[(3, 1, DuplicateKind::Near)]);
    let paragraphs: Vec<&str> = a.text.split("\n\n").collect();
    assert!(paragraphs[1].ends_with("where the air is cold and damp all year round."), "{}", a.text);
    assert!(a.duplicates[0].text.ends_with("above sea level."), "reports the wording that went");
}

#[test]
fn cjk_exact_near_and_contained() {
    use DuplicateKind::*;
    let a = check_text_fixture("cjk.txt", &[(3, 1, Near), (5, 4, Contained), (7, 6, Exact)]);
    assert_eq!(a.text.matches("日本の気象庁").count(), 1);
}

#[test]
fn negatives_keep_everything() {
    // Short repeats, a shared opening sentence, a partial quote, two paragraphs that
    // differ in a few words, a repeated two-word label.
    let a = check_text_fixture("negatives.txt", &[]);
    assert_eq!(a.text.matches("A: Yes.").count(), 2);
}

#[test]
fn whole_body_in_two_containers() {
    let html = fixture("two_containers.html");
    let a = clean(&html, Some("https://news.example/a"), &Options::default()).expect("article");
    for p in ["The harbour authority", "Dock workers", "Container traffic"] {
        assert_eq!(a.text.matches(p).count(), 1, "{p}: {}", a.text);
    }
    assert_eq!(a.text.matches("What happens next").count(), 1, "{}", a.text);
    assert!(!a.duplicates.is_empty());
}

#[test]
fn repeated_headings_and_list_items_stay() {
    let html = fixture("headings_lists.html");
    let a = clean(&html, Some("https://news.example/b"), &Options::default()).expect("article");
    assert!(a.duplicates.is_empty(), "{:#?}", a.duplicates);
    assert_eq!(a.text.matches("Ingredients").count(), 2, "{}", a.text);
    assert_eq!(a.text.matches("2 eggs").count(), 2, "{}", a.text);
}

#[test]
fn no_dedupe_option_keeps_repeats() {
    let options = Options { dedupe: false, ..Options::default() };
    let a = clean_text(&fixture("block.txt"), &options).expect("clean_text");
    assert!(a.duplicates.is_empty());
    assert_eq!(a.paragraph_count, 8);
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
