//! A compact representation of an article's content, for "similar readings" and
//! "you already read this story".
//!
//! Each article is reduced to a [`Fingerprint`]:
//! - its [`TOP_TERMS`] most frequent content terms (stop words removed, lightly stemmed),
//!   hashed to `u32`, with their counts: the topic, for ranking;
//! - a MinHash signature of its word 3-shingles: the wording, for spotting the same
//!   article under another URL.
//!
//! The history keeps only fingerprints. An [`Index`] holds them and the document
//! frequencies of their terms, updated incrementally as articles are added or removed,
//! and ranks them by TF-IDF cosine against a new article. Hashes keep a record small
//! (about 0.5 KB) and cheap to hand from JavaScript to WebAssembly.
//!
//! Words, stop words, stemming, hashes and the MinHash come from the text layer
//! (`crate::text`); users' histories store fingerprints, so the pieces used here are the
//! frozen ones of [`FINGERPRINT_VERSION`] 1, and a test pins one fingerprint.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use foldhash::fast::FixedState;
use serde::{Deserialize, Serialize};

use crate::text::hash::{PreHashed, fnv1a, mix64};
use crate::text::shingles::{self, agreement};
use crate::text::words::{self, CjkUnit};
use crate::text::{script, stem, stopwords};

/// Maps keyed by a term's hash (the article's term counts, the history's term ids), through
/// [`term_key`]. One type for them all, and the one the text layer's other hash-keyed maps
/// use (`shingles`, `dedupe::contained`): each distinct map type is another copy of
/// hashbrown's code in the wasm. A page could choose words whose keys collide, but it would
/// only slow its own cleaning (64 terms per article reach the history).
type TermMap = HashMap<u64, u32, BuildHasherDefault<PreHashed>>;

/// A term hash as a [`TermMap`] key: spread over 64 bits by `mix64`, since the map uses a
/// key as its own hash (its top bits pick the control bytes). `mix64` is a bijection, so two
/// terms share a key only when they share a hash, as before.
fn term_key(hash: u32) -> u64 {
    mix64(u64::from(hash))
}

/// Content terms kept per article. 64 keeps precision@5 on the BBC corpus within a
/// point of full TF-IDF (see `make eval-similarity`); 32 loses about three points.
pub const TOP_TERMS: usize = 64;
/// MinHash signature length: 32 values estimate a Jaccard similarity to about ±0.09,
/// plenty to separate a copy (≥ 0.6) from another story on the same topic (< 0.2).
pub const MINHASH_SIZE: usize = 32;
/// Words per shingle for the MinHash: three words make shared phrases, not shared
/// vocabulary, count.
pub const SHINGLE_WORDS: usize = 3;
/// Estimated shingle Jaccard from which two articles are "the same story": a copy or
/// a lightly updated version scores 0.7-1.0; distinct articles on one topic score < 0.2.
pub const SAME_STORY_JACCARD: f32 = 0.6;
/// Neighbours scoring below this cosine are not ranked at all: one shared ordinary word
/// ("leaders") between unrelated stories scores about 0.03.
pub const MIN_SCORE: f32 = 0.05;
/// The cosine from which a neighbour is shown as a similar reading ([`Neighbour::related`]):
/// fewer readings rather than noise. Chosen by 5-fold cross-validation on the BBC corpus
/// (`make eval-similarity`; BENCHMARKS.md): per fold, the smallest score at which 0.98 of
/// the readings shown on the other folds share the article's category, in histories of 25,
/// 100 and about 300 articles; the largest of the five (0.15-0.21). Each fold then shows
/// at least 0.93 same-category at its own threshold (tuned to 0.9 instead, some fell to 0.84).
pub const RELATED_SCORE: f32 = 0.21;
/// Title words count this many times: a headline names the topic.
const TITLE_WEIGHT: u32 = 2;
/// Bumped whenever the representation changes, so stored fingerprints of another
/// version are recognised (and recomputed, or left out of the ranking).
///
/// Version 1 is made of these text-layer pieces, each marked frozen where it is defined:
/// word units ([`for_each_word`]: `text::words` with Bigram units over
/// `script::is_cjk_fingerprint_v1`, lower-cased, apostrophes dropped),
/// `stopwords::FINGERPRINT`, `stem::light_english`, `hash::fnv1a` and
/// `shingles::word_signature`. Changing any of them changes stored fingerprints: bump this
/// version instead (the history recomputes fingerprints of another version).
/// `tests/similarity.rs` pins one version-1 fingerprint.
pub const FINGERPRINT_VERSION: u32 = 1;

/// The compact representation of one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// [`FINGERPRINT_VERSION`] of the algorithm that made it.
    pub version: u32,
    /// Hashed content terms (FNV-1a of the stemmed word), most frequent first.
    pub terms: Vec<u32>,
    /// How often each term occurs (parallel to `terms`).
    pub counts: Vec<u32>,
    /// MinHash of the word 3-shingles ([`MINHASH_SIZE`] values, or none for an empty text).
    pub minhash: Vec<u32>,
}

impl Fingerprint {
    /// The fingerprint of a plain text (no title).
    pub fn of_text(text: &str) -> Fingerprint {
        Fingerprint::of_article(None, text)
    }

    /// The fingerprint of an article: its title (counted [`TITLE_WEIGHT`] times) and text.
    pub fn of_article(title: Option<&str>, text: &str) -> Fingerprint {
        Fingerprint::with_terms(title, text, TOP_TERMS)
    }

    /// As [`Fingerprint::of_article`], keeping `top_terms` terms (`usize::MAX`: all of
    /// them, the full TF-IDF baseline of the evaluation). Only [`TOP_TERMS`] is valid
    /// for an [`Index`]; other values are for measurement.
    pub fn with_terms(title: Option<&str>, text: &str, top_terms: usize) -> Fingerprint {
        // term hash → its tally's slot; tally: (term hash, count, first position). The
        // position breaks ties, since a news story names its subject early.
        let mut slots = TermMap::default();
        let mut tallies: Vec<(u32, u32, usize)> = Vec::new();
        let mut position = 0;
        let mut count_word = |word: &str, weight: u32| {
            if let Some(term) = content_term(word) {
                let hash = fnv1a(term.as_bytes());
                let slot = *slots.entry(term_key(hash)).or_insert(tallies.len() as u32) as usize;
                if slot == tallies.len() {
                    tallies.push((hash, 0, position));
                }
                tallies[slot].1 += weight;
            }
            position += 1;
        };
        if let Some(title) = title {
            for_each_word(title, |word| count_word(word, TITLE_WEIGHT));
        }
        // One pass over the text feeds both the terms and the shingles of the MinHash.
        let mut word_hashes = Vec::new();
        for_each_word(text, |word| {
            count_word(word, 1);
            word_hashes.push(fnv1a(word.as_bytes()));
        });
        // Ranked by count, most first, then by first position: one u64 per term, the
        // count's complement above the position, so that the u64 sort the index already
        // uses does it (no sort of its own in the wasm). Positions are distinct, so the
        // order is total. The term is found again by its first position.
        let mut term_at = vec![0u32; position];
        let mut ranked: Vec<u64> = tallies
            .into_iter()
            .map(|(term, count, first)| {
                term_at[first] = term;
                (u64::from(!count) << 32) | first as u64
            })
            .collect();
        ranked.sort_unstable();
        ranked.truncate(top_terms);
        let first_position = |key: &u64| (key & u64::from(u32::MAX)) as usize;
        Fingerprint {
            version: FINGERPRINT_VERSION,
            terms: ranked.iter().map(|key| term_at[first_position(key)]).collect(),
            counts: ranked.iter().map(|key| !((key >> 32) as u32)).collect(),
            minhash: shingles::word_signature(&word_hashes, SHINGLE_WORDS, MINHASH_SIZE),
        }
    }

    /// Is this fingerprint usable by this engine (right version, consistent lengths)?
    pub fn is_valid(&self) -> bool {
        self.version == FINGERPRINT_VERSION
            && self.terms.len() == self.counts.len()
            && (self.minhash.is_empty() || self.minhash.len() == MINHASH_SIZE)
    }
}

/// Two articles are one story (a copy, or a lightly updated version): see [`SAME_STORY_JACCARD`].
fn same_story(a: &[u32], b: &[u32]) -> bool {
    resemblance(a, b) >= SAME_STORY_JACCARD
}

/// Estimated Jaccard similarity of the two articles' 3-shingle sets (0 when either is empty).
pub fn resemblance(a: &[u32], b: &[u32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    agreement(a, b)
}

/// Calls `f` with each lower-cased word of `text`, in order: letter/digit runs, and CJK
/// runs as overlapping character pairs (those scripts do not separate words with spaces),
/// a lone CJK character itself (`text::words`). Apostrophes stand inside words and are
/// dropped: "Israel's" → "israels" (stemmed to "israel"), not "israel" and "s". One buffer is reused: the fingerprint reads every
/// word of the article, and a `String` per word was most of its cost. **Frozen** for
/// [`FINGERPRINT_VERSION`] 1.
fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut lower = String::new();
    for word in words::words_with_apostrophes(text, script::is_cjk_fingerprint_v1, CjkUnit::Bigram) {
        lower.clear();
        if word.is_ascii() {
            lower.extend(word.bytes().filter(|&b| b != b'\'').map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            word.chars()
                .filter(|&c| !words::is_apostrophe(c))
                .for_each(|c| pith_lowercase::push_lowercase(c, &mut lower));
        }
        f(&lower);
    }
}

/// The term a word contributes to the topic, or None for stop words, numbers and
/// one-letter words, which say nothing about what an article is about.
fn content_term(word: &str) -> Option<Cow<'_, str>> {
    // No ASCII word (most of them) is CJK, and its length in chars is its length in bytes.
    let is_cjk_word = !word.is_ascii() && word.chars().any(script::is_cjk_fingerprint_v1);
    let chars = if word.is_ascii() { word.len() } else { word.chars().count() };
    if !is_cjk_word && chars < 3 {
        return None;
    }
    if word.bytes().all(|b| b.is_ascii_digit()) || stopwords::is_fingerprint_stop_word(word) {
        return None;
    }
    Some(stem::light_english(word))
}

/// One ranked neighbour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Neighbour {
    pub id: String,
    /// TF-IDF cosine, 0 to 1.
    pub score: f32,
    /// The same article (not just the same topic): see [`SAME_STORY_JACCARD`].
    pub same_story: bool,
    /// Related enough to show as a similar reading: see [`RELATED_SCORE`].
    pub related: bool,
}

/// One stored article in the index: its terms as dense ids with their log-counts.
struct Entry {
    id: String,
    terms: Vec<(u32, f32)>,
    minhash: Vec<u32>,
}

/// The history's fingerprints, with incremental document frequencies, ranked by TF-IDF
/// cosine. Removal swaps the last entry into the gap, so everything stays dense.
#[derive(Default)]
pub struct Index {
    entries: Vec<Entry>,
    by_id: HashMap<String, usize, FixedState>,
    /// Term hash → dense term id.
    term_ids: TermMap,
    /// Document frequency per dense term id.
    df: Vec<u32>,
    /// IDF per term and TF-IDF norm per entry: they depend on the whole history, so
    /// they are computed on the first query after a change and reused until the next
    /// one (a text export ranks every record against an unchanged history).
    weights: RefCell<Option<Weights>>,
}

struct Weights {
    idf: Vec<f32>,
    norms: Vec<f32>,
}

impl Index {
    pub fn new() -> Index {
        Index::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds (or replaces) an article. Returns false, adding nothing, for an invalid
    /// fingerprint (another version, or corrupt).
    pub fn add(&mut self, id: &str, fingerprint: &Fingerprint) -> bool {
        if !fingerprint.is_valid() {
            return false;
        }
        self.remove(id);
        *self.weights.get_mut() = None;
        let mut terms = Vec::with_capacity(fingerprint.terms.len());
        // Term hash → its place in the fingerprint (the term map's type: no set type of its own).
        let mut seen = TermMap::default();
        for (place, (&hash, &count)) in fingerprint.terms.iter().zip(&fingerprint.counts).enumerate() {
            if count == 0 || seen.insert(term_key(hash), place as u32).is_some() {
                continue; // a corrupt or repeated entry must not count twice
            }
            let next = self.df.len() as u32;
            let term = *self.term_ids.entry(term_key(hash)).or_insert(next);
            if term == next {
                self.df.push(0);
            }
            self.df[term as usize] += 1;
            terms.push((term, log_tf(count)));
        }
        self.by_id.insert(id.to_string(), self.entries.len());
        self.entries.push(Entry { id: id.to_string(), terms, minhash: fingerprint.minhash.clone() });
        true
    }

    /// Removes an article; false when it was not there.
    pub fn remove(&mut self, id: &str) -> bool {
        let Some(slot) = self.by_id.remove(id) else { return false };
        *self.weights.get_mut() = None;
        let entry = self.entries.swap_remove(slot);
        for (term, _) in entry.terms {
            if let Some(df) = self.df.get_mut(term as usize) {
                *df = df.saturating_sub(1);
            }
        }
        if let Some(moved) = self.entries.get(slot) {
            self.by_id.insert(moved.id.clone(), slot);
        }
        true
    }

    pub fn clear(&mut self) {
        *self = Index::default();
    }

    fn idf(&self, term: u32) -> f32 {
        let df = self.df.get(term as usize).copied().unwrap_or(0) as f32;
        ((self.entries.len() as f32 + 1.0) / (df + 1.0)).ln() + 1.0
    }

    fn weights_now(&self) -> Weights {
        let idf: Vec<f32> = (0..self.df.len() as u32).map(|t| self.idf(t)).collect();
        let norms = self
            .entries
            .iter()
            .map(|entry| {
                let sum: f32 =
                    entry.terms.iter().map(|&(t, tf)| (tf * idf.get(t as usize).copied().unwrap_or(1.0)).powi(2)).sum();
                sum.sqrt()
            })
            .collect();
        Weights { idf, norms }
    }

    /// The `k` stored articles most similar to `fingerprint`, best first, leaving out
    /// `exclude` (the article itself). Scores below [`MIN_SCORE`] are dropped, and so is
    /// a second copy of one story (an article stored under two addresses is one reading:
    /// only its better-scoring copy is given).
    pub fn query(&self, fingerprint: &Fingerprint, k: usize, exclude: Option<&str>) -> Vec<Neighbour> {
        if !fingerprint.is_valid() || k == 0 {
            return Vec::new();
        }
        let mut cache = self.weights.borrow_mut();
        let Weights { idf, norms } = cache.get_or_insert_with(|| self.weights_now());
        // The query as a dense vector over term ids: one array read per document term.
        // Terms unknown to the history cannot match anything but still count in its norm.
        let mut query = vec![0.0f32; self.df.len()];
        let unseen_idf = (self.entries.len() as f32 + 1.0).ln() + 1.0;
        let mut query_norm = 0.0;
        for (hash, &count) in fingerprint.terms.iter().zip(&fingerprint.counts) {
            let (weight, slot) = match self.term_ids.get(&term_key(*hash)) {
                Some(&term) => (log_tf(count) * idf[term as usize], query.get_mut(term as usize)),
                None => (log_tf(count) * unseen_idf, None),
            };
            query_norm += weight * weight;
            if let Some(slot) = slot {
                *slot = weight;
            }
        }
        if query_norm <= 0.0 {
            return Vec::new();
        }
        let query_norm = query_norm.sqrt();
        let excluded = exclude.and_then(|id| self.by_id.get(id)).copied();
        // Best first, equal scores in insertion order (deterministic), as one u64 key per
        // result: the score's bits inverted, above the slot. A positive f32's bits order as
        // the float does, so the keys in ascending order are best first; and sorting u64s
        // reuses the sort `text::shingles` has (a sort of another element type, with a
        // partial selection, cost about 14 KB of wasm).
        let mut ranked: Vec<u64> = Vec::new();
        for (slot, entry) in self.entries.iter().enumerate() {
            if Some(slot) == excluded {
                continue;
            }
            let mut dot = 0.0;
            for &(term, tf) in &entry.terms {
                let t = term as usize;
                dot += query.get(t).copied().unwrap_or(0.0) * tf * idf.get(t).copied().unwrap_or(1.0);
            }
            let norm = norms.get(slot).copied().unwrap_or(0.0);
            if dot > 0.0 && norm > 0.0 {
                let score: f32 = dot / (norm * query_norm);
                if score >= MIN_SCORE {
                    ranked.push((u64::from(!score.to_bits()) << 32) | slot as u64);
                }
            }
        }
        // Sorted whole (a u64 sort is fast even on a large history), then walked best first
        // until k readings are found, skipping further copies of a story already given
        // (minhashes of empty texts say nothing).
        ranked.sort_unstable();
        let mut kept: Vec<&Entry> = Vec::with_capacity(k);
        let mut found = Vec::with_capacity(k);
        for key in ranked {
            let (score, slot) = (f32::from_bits(!((key >> 32) as u32)), key as u32 as usize);
            let entry = &self.entries[slot];
            if kept.iter().any(|other| same_story(&other.minhash, &entry.minhash)) {
                continue;
            }
            kept.push(entry);
            found.push(Neighbour {
                id: entry.id.clone(),
                score,
                same_story: same_story(&fingerprint.minhash, &entry.minhash),
                related: score >= RELATED_SCORE,
            });
            if found.len() == k {
                break;
            }
        }
        found
    }
}

/// Sub-linear term frequency: a word said ten times is not ten times as telling.
fn log_tf(count: u32) -> f32 {
    1.0 + (count.max(1) as f32).ln()
}

/// Precision@k of same-label neighbours: every article queries an index of all the
/// others (leave-one-out); the share of its `k` nearest carrying its label, averaged.
/// `docs` are (label, fingerprint). For `make eval-similarity` and the corpus test.
pub fn precision_at(docs: &[(String, Fingerprint)], k: usize) -> f64 {
    let mut index = Index::new();
    for (i, (_, fingerprint)) in docs.iter().enumerate() {
        index.add(&i.to_string(), fingerprint);
    }
    let mut total = 0.0;
    for (i, (label, fingerprint)) in docs.iter().enumerate() {
        let id = i.to_string();
        let hits = index
            .query(fingerprint, k, Some(&id))
            .iter()
            .filter(|n| n.id.parse::<usize>().ok().and_then(|j| docs.get(j)).is_some_and(|d| &d.0 == label))
            .count();
        total += hits as f64 / k as f64;
    }
    if docs.is_empty() { 0.0 } else { total / docs.len() as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_becomes_character_pairs() {
        let mut words = Vec::new();
        for_each_word("東京都 news 日 it's İS", |w| words.push(w.to_string()));
        assert_eq!(words, vec!["東京", "京都", "news", "日", "its", "i\u{307}s"]);
    }
}
