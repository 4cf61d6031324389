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

/// Fingerprints are stored in users' histories and compared with new ones, so the pieces of
/// the text layer they are made of (word units, the CJK class, stop words, stemmer, hashes,
/// the MinHash signature) must not change under a stored version. This pins one fingerprint
/// of [`FINGERPRINT_VERSION`](pith::similarity::FINGERPRINT_VERSION) 1 over every rule it
/// uses (plurals, verb endings, stop words, numbers, apostrophes, CJK pairs, Hangul, Greek
/// capitals, a dotted capital I, full-width forms, Han beyond the BMP), as computed by the
/// engine before the text layer existed. A change that fails here needs a new fingerprint
/// version (the history recomputes older ones), not a new expectation.
#[test]
fn fingerprint_version_1_is_pinned() {
    let title = "Councils’ budgets: the companies’ talks";
    let text = "The councils approved budgets for businesses, statuses and analyses; companies were \
        talking, talked and addresses passed. Israel's and Israel’s councils said 2024 and 1,500 votes. \
        東京都は新しい公園を開いた。北京 日 人々は ドナルド・トランプ 서울은 한국의 수도입니다. \
        ΟΔΟΣ ΠΡΟΣ Αθήνα; İstanbul ＡＢＣ１２ 𠀀𠀁 x y ab Ⅻ 'quoted' 東'京";
    let fingerprint = Fingerprint::of_article(Some(title), text);
    assert_eq!(fingerprint.version, 1);
    let terms: [u32; TERMS] = [
        1521590252, 338486351, 968532104, 2858608828, 999674981, 1759422319, 3817443835, 716328523, 3469553214,
        3227519374, 745154899, 2071622424, 1803669013, 526070632, 3354006925, 3928166954, 85802832, 1913936830,
        2175934591, 2009984590, 93691443, 390364942, 1274928137, 2357813096, 915681665, 2161435901, 658497411,
        3140215154, 2057866898, 2750973534, 212485501, 1806202613, 1752900986, 2662165042, 1502668845, 2676813835,
        3488463895, 1918098234, 4250545347, 3182032284, 492108371, 556799498, 2691727948, 840875025, 3394396337,
        809264291, 787417514, 1986189244, 2538065326, 1401689928,
    ];
    let counts: [u32; TERMS] = [
        4, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ];
    let minhash: [u32; MINHASH_SIZE] = [
        115103298, 55438233, 13772034, 88425775, 8125502, 5658884, 96362364, 73594465, 51018058, 65602916, 62472483,
        29698413, 154662878, 67930370, 72798836, 12515690, 83315433, 24851951, 128030790, 32289482, 22620978, 24673599,
        20403947, 39771630, 93817976, 59071873, 86491104, 41658923, 71433181, 1983427, 22262256, 44770348,
    ];
    assert_eq!(fingerprint.terms, terms, "terms");
    assert_eq!(fingerprint.counts, counts, "counts");
    assert_eq!(fingerprint.minhash, minhash, "minhash");
}

/// Distinct content terms of the pinned text (fewer than [`TOP_TERMS`], so all are kept).
const TERMS: usize = 50;

/// One story stored under two addresses (a re-post kept as its own record) is given once:
/// the better-scoring copy, never both; and only neighbours above RELATED_SCORE are
/// `related` (shown as similar readings).
#[test]
fn copies_of_one_story_are_given_once_and_weak_neighbours_are_not_related() {
    let repost = RAFAH.replace("alone if it had to", "on its own if necessary");
    let index = index_of(&[("original", RAFAH), ("repost", &repost), ("ceasefire", CEASEFIRE), ("football", FOOTBALL)]);
    let found = index.query(&Fingerprint::of_text(HOSTAGES), 5, None);
    let ids: Vec<&str> = found.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids.iter().filter(|id| ["original", "repost"].contains(id)).count(), 1, "{found:?}");
    assert!(found.iter().all(|n| n.related == (n.score >= similarity::RELATED_SCORE)));
    let weak = index.query(&Fingerprint::of_text("Leaders met on Tuesday; markets closed early."), 5, None);
    assert!(weak.iter().all(|n| !n.related), "{weak:?}");
}
