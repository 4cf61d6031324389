//! Similar readings: the compact representation, the ranking, "already read", and the
//! precision@5 evaluation on the BBC corpus (skipped when the corpus is absent).
//! Native only: the corpus is read with serde_json, which the wasm build does not link.
#![cfg(not(target_arch = "wasm32"))]

use pith::similarity::{self, Fingerprint, Index, MINHASH_SIZE, TOP_TERMS};

const BBC: &str = "../shared/corpora/summaries/bbc-dev.jsonl";

const RAFAH: &str = "Secretary of State Antony Blinken told Israeli leaders that America does not support a \
ground offensive on Rafah, where more than a million Palestinians are sheltering. Blinken met Netanyahu in Tel Aviv \
and urged an immediate ceasefire in Gaza. Netanyahu said Israel would enter Rafah alone if it had to.";
const CEASEFIRE: &str = "Russia and China vetoed a United States resolution at the United Nations calling for an \
immediate ceasefire in Gaza. Blinken had pressed Israel and Netanyahu over civilian casualties in Rafah and the \
humanitarian aid reaching Gaza.";
const HOSTAGES: &str = "Negotiators in Qatar discussed a Gaza ceasefire and the release of hostages held by Hamas. \
Israel sent a delegation; Blinken said a deal was still possible and urged Netanyahu to allow more aid into Gaza.";
const FOOTBALL: &str = "Arsenal beat Chelsea two-nil at the Emirates stadium on Saturday. The goals came from Saka \
and Havertz, and the league leaders stretched their advantage to five points with nine matches left in the season.";

fn index_of(docs: &[(&str, &str)]) -> Index {
    let mut index = Index::new();
    for (id, text) in docs {
        assert!(index.add(id, &Fingerprint::of_text(text)));
    }
    index
}

#[test]
fn fingerprint_is_compact_and_deterministic() {
    let long = CEASEFIRE.repeat(20) + FOOTBALL + RAFAH + HOSTAGES;
    let a = Fingerprint::of_text(&long);
    assert_eq!(a, Fingerprint::of_text(&long));
    assert!(a.terms.len() <= TOP_TERMS && a.terms.len() == a.counts.len());
    assert_eq!(a.minhash.len(), MINHASH_SIZE);
    assert!(a.is_valid());
    // Most frequent first.
    assert!(a.counts.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn related_articles_rank_above_unrelated_ones() {
    let index = index_of(&[("football", FOOTBALL), ("ceasefire", CEASEFIRE), ("hostages", HOSTAGES)]);
    let found = index.query(&Fingerprint::of_text(RAFAH), 5, None);
    let ids: Vec<&str> = found.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids.len(), 2, "the football report shares no topic: {found:?}");
    assert!(ids.contains(&"ceasefire") && ids.contains(&"hostages"));
    assert!(found.iter().all(|n| !n.same_story && n.score > 0.0 && n.score <= 1.0));
}

#[test]
fn the_same_story_under_another_url_is_flagged() {
    let index = index_of(&[("first", RAFAH), ("other", CEASEFIRE)]);
    // A republished copy with a changed last sentence is still the same story.
    let copy = RAFAH.replace("alone if it had to", "on its own if necessary");
    let found = index.query(&Fingerprint::of_text(&copy), 5, None);
    assert_eq!(found[0].id, "first");
    assert!(found[0].same_story && found[0].score > 0.8, "{found:?}");
    assert!(!found[1].same_story);
}

#[test]
fn the_article_itself_is_excluded_and_removal_works() {
    let mut index = index_of(&[("a", RAFAH), ("b", CEASEFIRE), ("c", FOOTBALL)]);
    let rafah = Fingerprint::of_text(RAFAH);
    assert!(index.query(&rafah, 5, Some("a")).iter().all(|n| n.id != "a"));
    assert!(index.remove("b"));
    assert!(!index.remove("b"));
    assert_eq!(index.len(), 2);
    // "c" moved into b's slot: it must still be found and removable by its id.
    assert!(index.query(&rafah, 5, Some("a")).is_empty());
    assert!(index.remove("c") && index.remove("a") && index.is_empty());
    // Re-adding an id replaces the entry rather than duplicating it.
    index.add("x", &rafah);
    index.add("x", &rafah);
    assert_eq!(index.len(), 1);
}

#[test]
fn invalid_fingerprints_are_refused_not_fatal() {
    let mut index = Index::new();
    let mut bad = Fingerprint::of_text(RAFAH);
    bad.counts.pop();
    assert!(!index.add("bad", &bad));
    let old = Fingerprint { version: 0, ..Fingerprint::of_text(RAFAH) };
    assert!(!index.add("old", &old));
    assert!(index.query(&bad, 5, None).is_empty());
    // Empty and odd inputs give empty fingerprints, never a panic.
    for text in ["", " ", "\u{0}", "!!!", "東", "a b"] {
        let f = Fingerprint::of_text(text);
        assert!(f.is_valid());
        index.add(text, &f);
        let _ = index.query(&f, 5, None);
    }
    assert_eq!(similarity::resemblance(&[], &[]), 0.0);
}

#[test]
fn bbc_precision_at_5_of_the_compact_representation() {
    let Ok(corpus) = std::fs::read_to_string(BBC) else {
        eprintln!("corpus absent, skipped: {BBC}");
        return;
    };
    let docs: Vec<(String, Fingerprint)> = corpus
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            let label = v["id"].as_str()?.split('/').next()?.to_string();
            Some((label, Fingerprint::of_article(v["title"].as_str(), v["article"].as_str()?)))
        })
        .collect();
    assert_eq!(docs.len(), 1485);
    let p = similarity::precision_at(&docs, 5);
    eprintln!("bbc-dev P@5 (top {TOP_TERMS} terms): {p:.4}");
    assert!(p >= 0.85, "P@5 {p:.4} < 0.85");
}
