//! The extractive summary: the most representative whole sentences, in document order.
//!
//! Three signals, combined greedily (maximal marginal relevance, Carbonell & Goldstein 1998):
//! 1. **Centrality**: each sentence's TF-IDF vector against the document's centroid (the
//!    sum of all sentence vectors), as in centroid-based summarisation (Radev et al. 2004).
//!    IDF is computed over the document's own sentences, so no corpus ships with the engine.
//! 2. **Position**: news puts the point first (the Lead-3 baseline is strong on CNN/DM), so
//!    only the first [`CANDIDATE_WINDOW`] sentences are candidates. Centrality is still
//!    measured against the whole document: the lead sentences that best represent all of it win.
//! 3. **Redundancy**: each pick is penalised by its greatest similarity to what is already
//!    picked, so two sentences saying the same thing do not crowd out a third point.
//!
//! Fragments (a dateline, "He said:") are taken only when nothing longer remains. The three
//! constants below are the whole parameter set; they were chosen on the two development
//! corpora as a whole (`make eval-summary`), never for a single document. A smooth position
//! prior (`1 / (1 + k·i)`) and a long-sentence penalty were tried and dropped: on both
//! corpora they did no better than the window alone.
//!
//! The two corpora pull apart: CNN/DM highlights reward early, short sentences; BBC's
//! extractive references reward central, long ones from anywhere in the text. A wider
//! window raises BBC and lowers CNN/DM (see BENCHMARKS.md).

use std::collections::HashMap;

use crate::{sentences, stats};

/// Candidates: the first this many sentences (or all, when the summary asks for more).
const CANDIDATE_WINDOW: usize = 7;
/// Weight of the redundancy penalty (the greatest cosine similarity to a picked sentence),
/// against centrality scaled to 0..1.
const REDUNDANCY_WEIGHT: f32 = 0.7;
/// Sentences with fewer words are fragments: picked only when nothing longer remains.
const MIN_WORDS: usize = 8;

/// Function words that carry no topic: left out of the sentence vectors. Sorted (binary search).
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "also", "an", "and", "are", "as", "at", "be", "been", "before", "being", "but", "by", "can",
    "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into",
    "is", "it", "its", "just", "may", "might", "more", "most", "must", "my", "no", "not", "of", "on", "or", "our",
    "out", "over", "said", "says", "she", "should", "so", "than", "that", "the", "their", "then", "there", "these",
    "they", "this", "those", "to", "up", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
    "will", "with", "would", "you",
];

/// Picks `n` sentences from the paragraphs: whole sentences exactly as in the text, in
/// document order, no two alike.
pub fn summarize(paragraphs: &[String], n: usize) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    // Sentences in document order, identical repeats dropped.
    // A set for the repeats: a linear search made long articles quadratic.
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut all: Vec<&str> = Vec::new();
    for p in paragraphs {
        for s in sentences::split(p) {
            if seen.insert(s) {
                all.push(s);
            }
        }
    }
    if all.len() <= n {
        return all.into_iter().map(str::to_string).collect();
    }
    let picked = pick(&all, n);
    picked.into_iter().map(|i| all[i].to_string()).collect()
}

/// A sentence as a unit-length TF-IDF vector: (term id, weight), sorted by term id.
type Vector = Vec<(usize, f32)>;

/// The indices of the `n` sentences to keep, in document order.
fn pick(sentences: &[&str], n: usize) -> Vec<usize> {
    let vectors = tfidf_vectors(sentences);
    let centrality = centroid_similarity(&vectors);
    let scores: Vec<f32> = sentences
        .iter()
        .zip(&centrality)
        .map(|(s, &c)| {
            // Below every full sentence, above nothing.
            if stats::count_words(s).total() < MIN_WORDS { c - 1.0 } else { c }
        })
        .collect();
    // Short documents: every sentence is a candidate; otherwise the window.
    let candidates = sentences.len().min(CANDIDATE_WINDOW.max(n));
    let mut chosen: Vec<usize> = Vec::with_capacity(n);
    while chosen.len() < n {
        let best = (0..candidates)
            .filter(|i| !chosen.contains(i))
            .map(|i| {
                let redundancy = chosen.iter().map(|&j| cosine(&vectors[i], &vectors[j])).fold(0.0, f32::max);
                (i, scores[i] - REDUNDANCY_WEIGHT * redundancy)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((i, _)) => chosen.push(i),
            None => break,
        }
    }
    chosen.sort_unstable();
    chosen
}

/// Each sentence's cosine similarity to the document centroid, scaled so the most central
/// sentence scores 1.
fn centroid_similarity(vectors: &[Vector]) -> Vec<f32> {
    let terms = vectors.iter().flat_map(|v| v.iter().map(|&(t, _)| t + 1)).max().unwrap_or(0);
    let mut centroid = vec![0.0f32; terms];
    for v in vectors {
        for &(t, w) in v {
            centroid[t] += w;
        }
    }
    let norm = centroid.iter().map(|w| w * w).sum::<f32>().sqrt().max(f32::EPSILON);
    let similarity: Vec<f32> =
        vectors.iter().map(|v| v.iter().map(|&(t, w)| w * centroid[t]).sum::<f32>() / norm).collect();
    let max = similarity.iter().copied().fold(0.0, f32::max).max(f32::EPSILON);
    similarity.into_iter().map(|s| s / max).collect()
}

/// Unit-length TF-IDF vectors, IDF from the document's own sentences:
/// `ln((N + 1) / (df + 0.5))`, so a term in every sentence still weighs a little.
fn tfidf_vectors(sentences: &[&str]) -> Vec<Vector> {
    // Terms are slices of the lower-cased sentences: no allocation per word.
    let lower: Vec<String> = sentences.iter().map(|s| s.to_lowercase()).collect();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let term_counts: Vec<Vec<(usize, f32)>> = lower
        .iter()
        .map(|s| {
            let mut sentence_ids: Vec<usize> = terms(s)
                .into_iter()
                .map(|term| {
                    let next = ids.len();
                    *ids.entry(term).or_insert(next)
                })
                .collect();
            sentence_ids.sort_unstable();
            // Runs of equal ids: (term, count).
            let mut counts: Vec<(usize, f32)> = Vec::with_capacity(sentence_ids.len());
            for id in sentence_ids {
                match counts.last_mut() {
                    Some((last, count)) if *last == id => *count += 1.0,
                    _ => counts.push((id, 1.0)),
                }
            }
            counts
        })
        .collect();
    let mut df = vec![0.0f32; ids.len()];
    for &(id, _) in term_counts.iter().flatten() {
        df[id] += 1.0;
    }
    let n = sentences.len() as f32;
    term_counts
        .into_iter()
        .map(|mut v| {
            v.iter_mut().for_each(|(id, tf)| *tf *= ((n + 1.0) / (df[*id] + 0.5)).ln());
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(f32::EPSILON);
            v.iter_mut().for_each(|(_, w)| *w /= norm);
            v
        })
        .collect()
}

/// Cosine similarity of two unit vectors sorted by term id.
fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// The content terms of a lower-cased sentence: letter/digit runs without stop words,
/// crudely stemmed (`-ing`, `-ed`, `-es`, `-s`); CJK runs, which have no spaces, as
/// character bigrams.
fn terms(lower: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for word in lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if word.chars().any(stats::is_cjk) {
            cjk_bigrams(word, &mut out);
        } else if STOP_WORDS.binary_search(&word).is_err() {
            out.push(stem(word));
        }
    }
    out
}

fn stem(word: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        // Keep at least three characters of stem: "sing" and "bus" stay whole.
        if word.len() > suffix.len() + 2 && word.is_char_boundary(word.len() - suffix.len()) {
            if let Some(stem) = word.strip_suffix(suffix) {
                return stem;
            }
        }
    }
    word
}

/// Character bigrams of a CJK run, as slices of it (a lone character stands for itself).
fn cjk_bigrams<'a>(run: &'a str, out: &mut Vec<&'a str>) {
    let starts: Vec<usize> = run.char_indices().map(|(i, _)| i).chain([run.len()]).collect();
    if starts.len() == 2 {
        out.push(run);
    }
    out.extend(starts.windows(3).map(|w| &run[w[0]..w[2]]));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<String> {
        text.split("\n\n").map(str::to_string).collect()
    }

    #[test]
    fn whole_sentences_in_document_order_without_repeats() {
        let text = "The council approved the new park budget on Tuesday after a long debate. \
            Residents had asked for the park budget for years and welcomed the vote. \
            The weather was mild.\n\nThe park budget will pay for new trees, benches and paths across the city. \
            The council approved the new park budget on Tuesday after a long debate. \
            Critics said the park budget was too small for a city of this size and growing.";
        let summary = summarize(&paragraphs(text), 3);
        assert_eq!(summary.len(), 3);
        let mut from = 0;
        for s in &summary {
            let at = text[from..].find(s.as_str()).expect("an exact substring, in order") + from;
            from = at + s.len();
        }
        let mut unique = summary.clone();
        unique.dedup();
        assert_eq!(unique.len(), 3);
        assert!(!summary.iter().any(|s| s == "The weather was mild."), "a fragment was picked: {summary:?}");
    }

    #[test]
    fn short_documents_and_edges() {
        assert_eq!(summarize(&paragraphs("One sentence only."), 3), ["One sentence only."]);
        assert!(summarize(&paragraphs("Some text here."), 0).is_empty());
        assert!(summarize(&[], 3).is_empty());
        assert_eq!(summarize(&paragraphs("東京は晴れ。大阪は雨。"), 1).len(), 1);
    }

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn stems_and_terms() {
        assert_eq!(
            terms("the councils approved budgets, voting 5-2."),
            ["council", "approv", "budget", "vot", "5", "2"]
        );
        assert_eq!(terms("東京都"), ["東京", "京都"]);
    }
}
