//! The extractive summary: the most representative whole sentences, in document order.
//!
//! Each sentence gets one score from four documented signals, and the summary is picked
//! greedily with a redundancy penalty (maximal marginal relevance, Carbonell & Goldstein 1998):
//! 1. **Centrality**: TextRank (Mihalcea & Tarau 2004): PageRank over the graph of the
//!    sentences' TF-IDF cosine similarities, scaled so the most central sentence scores 1.
//!    IDF is computed over the document's own sentences, so no corpus ships with the engine.
//! 2. **Position**: news puts the point first, so the sentence at index `i` of `m` gains
//!    [`POSITION_WEIGHT`]` · exp(-i · m / `[`POSITION_SPAN`]`)`: a soft prior, not a hard
//!    window, so a central sentence far down can still beat a weak lead sentence. The prior
//!    narrows as the article grows (it falls by e over `POSITION_SPAN / m` sentences: 20 in a
//!    20-sentence article, 10 in a 40-sentence one): a long article states its point in its
//!    first few sentences, while in a short one every sentence is near the top.
//! 3. **Length**: a short sentence says less; up to [`LENGTH_FULL_WORDS`] words a sentence
//!    gains up to [`LENGTH_WEIGHT`], longer ones no more (long is not better past that).
//! 4. **Redundancy**: each pick is penalised by its greatest similarity to what is already
//!    picked, so two sentences saying the same thing do not crowd out a third point.
//!
//! The candidates are the article's own prose sentences (`summarize_article`): never a
//! caption, heading, preformatted block, table cell or label line ("By …", "Photo: …");
//! a citation mark after a sentence end ends that sentence and is trimmed off it. A sentence
//! that leans on the one before it (an opening connective or pronoun) is picked only after
//! that one, unless its connective can be dropped safely ("But Mr Clarke said…" shows as
//! "Mr Clarke said…"). When the picks would be half the article or more, fewer are shown,
//! and none when one sentence is that much (issue 21; ROUGE cost in BENCHMARKS.md).
//!
//! Fragments (a dateline, "He said:") are taken only when nothing longer remains, and a piece
//! of a longer quotation (unpaired quote marks) gives way to an equally good whole statement:
//! ROUGE-neutral on both corpora, but the summary reads better out of context.
//!
//! The constants below are the whole parameter set. They were chosen on the development
//! corpora as a whole (`make eval-summary`), never for a single document: searched on
//! CNN/DM (50 articles) and the even-numbered half of bbc-dev (743), with the odd half
//! (742) held out and reported beside. The two corpora pull apart: CNN/DM highlights reward
//! the first few sentences; BBC's extractive references (about 40% of each article's
//! sentences) reward long, central sentences from anywhere. Most signals move one corpus up
//! and the other down; see BENCHMARKS.md (issue 5) for the measured trade-off.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::LazyLock;

// Sentences, words, stems and stop words: the text layer's (`crate::text`).
use crate::document::{Document, Node, Tag};
use crate::text::words::{self, count_words};
use crate::text::{script, sentences, stem, stopwords};

/// Weight of the position prior at the first sentence, against centrality scaled to 0..1.
const POSITION_WEIGHT: f32 = 0.4;
/// The position prior falls by a factor e (about 2.7) over `POSITION_SPAN / m` sentences of
/// an `m`-sentence text.
const POSITION_SPAN: f32 = 400.0;
/// Weight of the length preference for a sentence of [`LENGTH_FULL_WORDS`] words or more.
const LENGTH_WEIGHT: f32 = 0.6;
/// Sentence length (words) at which the length preference stops growing.
const LENGTH_FULL_WORDS: f32 = 22.5;
/// Weight of the redundancy penalty (the greatest cosine similarity to a picked sentence).
const REDUNDANCY_WEIGHT: f32 = 0.5;
/// Penalty for a piece of a longer quotation (its quote marks do not pair up): out of
/// context it reads as a dangling half ("And I told him that ... alone.\"").
const OPEN_QUOTE_PENALTY: f32 = 0.05;
/// Sentences with fewer words are fragments: picked only when nothing longer remains.
const MIN_WORDS: usize = 8;
/// A summary with this share of the article's words or more is most of it: fewer sentences
/// are picked, and none when a single sentence is that much.
const MAX_COVERAGE: f32 = 0.5;
/// A paragraph of at most this many words without a final stop is a label line (a byline,
/// a subheading set as a paragraph), not a sentence of the article.
const LABEL_MAX_WORDS: usize = 12;
/// Lines that credit or point elsewhere, whatever their length ("Photo: …", "Read more | …").
/// The word lists are `|`-separated strings: a slice of `&str` costs 8 bytes of pointers per
/// entry in the wasm, which compress badly.
const CREDIT_PREFIXES: &str = concat!(
    "photo|photos|image|cover image|picture|credit|credits|source|video|watch|read more|",
    "related|advertisement|file photo|foto|fotos|bild|quelle|titelbild|crédit|imagen",
);
/// Sentence openers that lean on the sentence before: connectives, then pronouns and
/// demonstratives (English, German, French, Spanish). A summary shows such a sentence only
/// after the one it leans on.
const CONNECTIVES: &str = concat!(
    "in addition|as a result|on the other hand|that said|even so|by contrast|in contrast|",
    "at the same time|in turn|for example|for instance|after that|zum beispiel|en outre|",
    "par ailleurs|de plus|sin embargo|no obstante|por eso|por lo tanto|and|but|however|so|",
    "yet|also|still|meanwhile|moreover|furthermore|instead|then|thus|therefore|nevertheless|",
    "nonetheless|besides|or|nor|plus|additionally|likewise|similarly|consequently|hence|",
    "indeed|otherwise|afterwards|und|aber|doch|jedoch|denn|auch|außerdem|zudem|trotzdem|",
    "dennoch|deshalb|daher|darum|dabei|damit|danach|dann|allerdings|sondern|ebenso|ebenfalls|",
    "stattdessen|hingegen|dagegen|somit|oder|et|mais|cependant|pourtant|donc|ainsi|alors|",
    "puis|aussi|toutefois|néanmoins|pero|además|también|entonces|así|luego",
);
const PRONOUNS: &str = concat!(
    "the latter|the former|he|she|they|it|this|these|those|that|his|her|their|its|him|them|",
    "such|both|er|sie|es|dies|diese|dieser|dieses|diesem|diesen|sein|seine|seinem|seinen|",
    "seiner|ihr|ihre|ihrem|ihren|ihrer|deren|dessen|dort|letztere|letzterer|il|elle|ils|",
    "elles|ce|cette|ces|cela|ceci|celui|celle|son|sa|ses|leur|leurs|él|ella|ellos|ellas|esto|",
    "este|esta|estos|estas|eso|ese|esa|su|sus",
);
/// TextRank's damping factor and iteration count: PageRank's usual values, not tuned.
const DAMPING: f32 = 0.85;
const ITERATIONS: usize = 30;
/// Only the first this many sentences are ranked: the similarity graph grows with the
/// square of the sentence count, and the position prior makes later picks unlikely anyway.
const MAX_SENTENCES: usize = 300;

/// The summary of a clean article: [`summarize`] over its prose paragraphs only. A caption,
/// heading, preformatted block or table cell is not one of the article's sentences.
/// `paragraphs` are the texts of `doc`'s paragraphs, in order ([`Document::paragraph_texts`]),
/// and `words` their word count (the pipeline has counted them already).
pub fn summarize_article(doc: &Document, paragraphs: &[String], words: usize, n: usize) -> Vec<String> {
    let prose = prose_paragraphs(doc);
    let texts: Vec<&str> = paragraphs
        .iter()
        .enumerate()
        .filter(|&(i, _)| prose.get(i).copied().unwrap_or(true))
        .map(|(_, p)| p.as_str())
        .collect();
    summarize_prose(&texts, words, n)
}

/// Picks `n` sentences from the paragraphs (all read as prose): whole sentences exactly as in
/// the text, in document order, no two alike.
pub fn summarize(paragraphs: &[String], n: usize) -> Vec<String> {
    let texts: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let words: usize = paragraphs.iter().map(|p| count_words(p).total()).sum();
    summarize_prose(&texts, words, n)
}

/// The pipeline: the candidate sentences, the picks, then fewer (or none) when the picks
/// would be most of a short article.
fn summarize_prose(paragraphs: &[&str], article_words: usize, n: usize) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    let all = candidate_sentences(paragraphs);
    let ranked = &all[..all.len().min(MAX_SENTENCES.max(n))];
    let ranking = Ranking::of(ranked);
    // A summary is a short read: when the picks are half the article or more, fewer
    // sentences, down to none when one sentence is half of it.
    for k in (1..=n.min(all.len())).rev() {
        let picked = ranking.pick(k);
        let words: usize = picked.iter().map(|&i| count_words(ranked[i]).total()).sum();
        if (words as f32) < MAX_COVERAGE * article_words as f32 {
            return picked.into_iter().map(|i| shown(ranked, i)).collect();
        }
    }
    Vec::new()
}

/// The article's sentences in document order, identical repeats dropped, label lines
/// (bylines, credits, subheadings set as paragraphs) left out, and split after citation
/// marks, which are trimmed off the sentence they end.
fn candidate_sentences<'a>(paragraphs: &[&'a str]) -> Vec<&'a str> {
    // Sentence → its place in `all`, for the repeats: a linear search made long articles
    // quadratic. A map rather than a set: the type the term ids use, one copy of
    // hashbrown's code in the wasm.
    let mut seen: HashMap<&str, usize, foldhash::fast::FixedState> = HashMap::default();
    let mut all: Vec<&str> = Vec::new();
    for &p in paragraphs {
        if is_label_line(p) {
            continue;
        }
        for piece in split_after_citations(p) {
            for s in sentences::split(piece) {
                let s = trim_citation_marks(s);
                if s.is_empty() {
                    continue;
                }
                if let Entry::Vacant(place) = seen.entry(s) {
                    place.insert(all.len());
                    all.push(s);
                }
            }
        }
    }
    all
}

/// Which of the document's paragraphs are running prose: not a heading, caption, table
/// cell or preformatted block, and not inside a figure, caption, table or `pre`.
fn prose_paragraphs(doc: &Document) -> Vec<bool> {
    fn walk(nodes: &[Node], inside_non_prose: bool, out: &mut Vec<bool>) {
        for node in nodes {
            if let Node::Element(e) = node {
                let non_prose = inside_non_prose || is_non_prose(e.tag);
                if e.is_paragraph() {
                    out.push(!non_prose);
                } else {
                    walk(&e.children, non_prose, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.nodes, false, &mut out);
    out
}

fn is_non_prose(tag: Tag) -> bool {
    use Tag::*;
    tag.is_heading() || matches!(tag, Pre | Figure | Figcaption | Caption | Table | Thead | Th | Td | Dt)
}

/// A label line: short and without a final stop (a byline, a subheading set as a paragraph,
/// "Photo: …"), or a credit or pointer line whatever its length.
fn is_label_line(paragraph: &str) -> bool {
    let p = paragraph.trim();
    let lower = pith_lowercase::to_lowercase(p);
    let credit = CREDIT_PREFIXES
        .split('|')
        .any(|prefix| lower.strip_prefix(prefix).is_some_and(|rest| rest.trim_start().starts_with([':', '|', '('])));
    let ends_with_stop = p
        .trim_end_matches(['"', '\'', '”', '’', '»', ')', ']'])
        .ends_with(|c| sentences::is_sentence_stop(c) || matches!(c, ':' | ';'));
    credit || (!ends_with_stop && count_words(p).total() <= LABEL_MAX_WORDS)
}

/// Where a citation mark (`[3]`, `[citation needed]`) follows a sentence end and more text
/// follows it, the paragraph is cut after the mark: the mark would otherwise glue two
/// sentences into one (`…in 1998.[3] The next…`).
fn split_after_citations(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = paragraph.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'[' && i > start && paragraph[start..i].trim_end().ends_with(['.', '!', '?', '"', '”']) {
            let mut end = i;
            while let Some(len) = citation_mark_len(&paragraph[end..]) {
                end += len;
            }
            if end > i && paragraph[end..].trim_start().chars().next().is_some() {
                out.push(&paragraph[start..end]);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out.push(&paragraph[start..]);
    out
}

/// The length of a citation mark at the start of `text`: `[` digits (1-3) or a lower-case
/// letter or "citation needed" `]`.
fn citation_mark_len(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('[')?;
    // A mark is short: look no further than "citation needed" for its end.
    let close = inner.bytes().take(16).position(|b| b == b']')?;
    let mark = &inner.as_bytes()[..close];
    let is_mark = ((1..=3).contains(&close) && mark.iter().all(u8::is_ascii_digit))
        || (close == 1 && mark[0].is_ascii_lowercase())
        || mark.eq_ignore_ascii_case(b"citation needed");
    is_mark.then_some(close + 2)
}

/// A sentence without the citation marks at its end.
fn trim_citation_marks(sentence: &str) -> &str {
    let mut s = sentence.trim_end();
    while let Some(open) = s.rfind('[') {
        if citation_mark_len(&s[open..]) == Some(s.len() - open) {
            s = s[..open].trim_end();
        } else {
            break;
        }
    }
    s
}

/// A sentence as a unit-length TF-IDF vector: (term id, weight), sorted by term id.
type Vector = Vec<(usize, f32)>;

/// The sentences' scores and similarities, from which summaries of any length are picked.
struct Ranking<'a> {
    sentences: &'a [&'a str],
    similarity: Similarity,
    scores: Vec<f32>,
    /// Whether each sentence leans on the one before it (`leans_on_previous`).
    leans: Vec<bool>,
}

impl<'a> Ranking<'a> {
    fn of(sentences: &'a [&'a str]) -> Ranking<'a> {
        let vectors = tfidf_vectors(sentences);
        let similarity = Similarity::of(&vectors);
        let centrality = textrank(&similarity);
        let count = sentences.len() as f32;
        let scores: Vec<f32> = sentences
            .iter()
            .zip(&centrality)
            .enumerate()
            .map(|(i, (s, &c))| {
                let words = count_words(s).total();
                let length = LENGTH_WEIGHT * (words as f32 / LENGTH_FULL_WORDS).min(1.0);
                let position = POSITION_WEIGHT * (-(i as f32) * count / POSITION_SPAN).exp();
                let quote = if unpaired_quotes(s) { OPEN_QUOTE_PENALTY } else { 0.0 };
                let score = c + length + position - quote;
                // Below every full sentence (whose bonuses add up to less than 2), above nothing.
                if words < MIN_WORDS { score - 2.0 } else { score }
            })
            .collect();
        // A connective that can be dropped (`shown`) does not make its sentence lean.
        let leans = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| i > 0 && leans_on_previous(s).is_some() && without_connective(s).is_none())
            .collect();
        Ranking { sentences, similarity, scores, leans }
    }

    /// The indices of the `n` sentences to keep, in document order. A sentence that leans on
    /// the one before it is a candidate only once that one is picked (or when nothing else
    /// is left).
    fn pick(&self, n: usize) -> Vec<usize> {
        let count = self.sentences.len();
        let mut chosen: Vec<usize> = Vec::with_capacity(n);
        while chosen.len() < n {
            // In one pass: the best sentence that may be shown now, and the best of all (taken
            // when nothing else is left). Ties go to the earlier sentence.
            let mut ready: Option<(usize, f32)> = None;
            let mut any: Option<(usize, f32)> = None;
            for i in (0..count).filter(|i| !chosen.contains(i)) {
                let redundancy = chosen.iter().map(|&j| self.similarity.get(i, j)).fold(0.0, f32::max);
                let score = self.scores[i] - REDUNDANCY_WEIGHT * redundancy;
                let better = |best: Option<(usize, f32)>| best.is_none_or(|(_, s)| score.total_cmp(&s).is_gt());
                if better(any) {
                    any = Some((i, score));
                }
                if (!self.leans[i] || chosen.contains(&(i - 1))) && better(ready) {
                    ready = Some((i, score));
                }
            }
            match ready.or(any) {
                Some((i, _)) => chosen.push(i),
                None => break,
            }
        }
        // In reading order. Sorted as u64, by the sort the rest of the engine uses (one
        // instantiation of the standard sort less in the wasm).
        let mut in_order: Vec<u64> = chosen.into_iter().map(|i| i as u64).collect();
        in_order.sort_unstable();
        in_order.into_iter().map(|i| i as usize).collect()
    }
}

/// How a sentence leans on the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lean {
    /// It opens with a connective ("And", "However,"): the opening byte length.
    Connective(usize),
    /// It opens with a pronoun or demonstrative ("He", "This").
    Pronoun,
}

/// Whether a sentence opens with a connective or an anaphoric pronoun (lists for English,
/// German, French and Spanish, matched case-insensitively on whole words).
fn leans_on_previous(sentence: &str) -> Option<Lean> {
    let head = sentence.trim_start_matches(|c: char| "\"'“‘«„([—–- ".contains(c));
    let offset = sentence.len() - head.len();
    // The opening lower-cased (the lists are), long enough for the longest entry; a match
    // is a whole word or words.
    let lower = pith_lowercase::to_lowercase(&head[..head.char_indices().nth(24).map_or(head.len(), |(at, _)| at)]);
    // Each opening that ends where a word does is looked up, shortest first. No two
    // connectives match one sentence, and a connective goes before a pronoun ("that said"
    // before "that"): a test checks both, so this finds what a scan of the lists would.
    let mut pronoun = false;
    let ends = lower.char_indices().filter(|&(_, c)| !c.is_alphanumeric()).map(|(at, _)| at);
    for at in ends.chain([lower.len()]) {
        match OPENERS.get(&lower[..at]) {
            Some(&OPENS_CONNECTIVE) => return Some(Lean::Connective(offset + at)),
            Some(_) => pronoun = true,
            None => {}
        }
    }
    pronoun.then_some(Lean::Pronoun)
}

/// [`CONNECTIVES`] and [`PRONOUNS`] in one map, entry → [`OPENS_CONNECTIVE`] or
/// [`OPENS_PRONOUN`], made once: a sentence's opening is looked up at each word end instead
/// of being compared with all 163 entries (that scan was 4 % of a clean's instructions).
/// The map type the summary's term ids use (one copy of hashbrown's code in the wasm).
static OPENERS: LazyLock<HashMap<&str, usize, foldhash::fast::FixedState>> = LazyLock::new(|| {
    let pronouns = PRONOUNS.split('|').map(|w| (w, OPENS_PRONOUN));
    pronouns.chain(CONNECTIVES.split('|').map(|w| (w, OPENS_CONNECTIVE))).collect()
});
const OPENS_PRONOUN: usize = 0;
const OPENS_CONNECTIVE: usize = 1;

/// A picked sentence as shown: a connective at its start is dropped when a name follows it
/// ("But Mr Clarke told…" reads "Mr Clarke told…"), so it no longer points at a sentence
/// the reader does not see.
fn shown(sentences: &[&str], i: usize) -> String {
    let s = sentences[i];
    if i > 0 {
        if let Some(rest) = without_connective(s) {
            return rest.to_string();
        }
    }
    s.to_string()
}

/// The sentence after its opening connective, when that is safe: a capitalised word that
/// does not lean on anything itself follows ("But Mr Clarke told…", not "But he told…").
fn without_connective(sentence: &str) -> Option<&str> {
    let Some(Lean::Connective(len)) = leans_on_previous(sentence) else { return None };
    let rest = sentence[len..].trim_start_matches([',', ' ']);
    (rest.chars().next().is_some_and(char::is_uppercase) && leans_on_previous(rest).is_none()).then_some(rest)
}

/// Whether a sentence's quotation marks fail to pair up: straight double quotes odd in
/// number, or curly opening and closing ones unequal. One pass over the bytes: `"` is
/// 0x22, and `“` and `”` are E2 80 9C and E2 80 9D in UTF-8.
fn unpaired_quotes(sentence: &str) -> bool {
    let bytes = sentence.as_bytes();
    let (mut straight, mut curly_open, mut curly_close) = (0usize, 0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' {
            straight += 1;
        } else if b == 0xE2 && bytes.get(i + 1) == Some(&0x80) {
            match bytes.get(i + 2) {
                Some(0x9C) => curly_open += 1,
                Some(0x9D) => curly_close += 1,
                _ => {}
            }
        }
    }
    straight % 2 == 1 || curly_open != curly_close
}

/// The sentences' pairwise cosine similarities, a square matrix with a zero diagonal.
/// Dense, not sparse: news sentences share common terms, so most pairs have a similarity,
/// and contiguous rows let TextRank's inner loop run in SIMD lanes (a sparse version was
/// 50 % slower on the 1,080-word criterion text, `cargo bench --bench text`).
struct Similarity {
    n: usize,
    cells: Vec<f32>,
}

impl Similarity {
    fn of(vectors: &[Vector]) -> Similarity {
        let n = vectors.len();
        let terms = vectors.iter().flat_map(|v| v.iter().map(|&(t, _)| t + 1)).max().unwrap_or(0);
        let mut cells = vec![0.0f32; n * n];
        // Sentence i spread over a dense row of term weights, so each dot product with a
        // later sentence is a plain lookup per term: no sorted-merge branches.
        let mut dense = vec![0.0f32; terms];
        for i in 0..n {
            for &(t, w) in &vectors[i] {
                dense[t] = w;
            }
            for j in i + 1..n {
                let s: f32 = vectors[j].iter().map(|&(t, w)| dense[t] * w).sum();
                cells[i * n + j] = s;
                cells[j * n + i] = s;
            }
            for &(t, _) in &vectors[i] {
                dense[t] = 0.0;
            }
        }
        Similarity { n, cells }
    }

    fn get(&self, i: usize, j: usize) -> f32 {
        self.cells[i * self.n + j]
    }

    fn row(&self, i: usize) -> &[f32] {
        &self.cells[i * self.n..(i + 1) * self.n]
    }
}

/// TextRank: each sentence's PageRank in the similarity graph (edges weighted by cosine
/// similarity, each sentence sharing its rank in proportion to its edges), scaled so the
/// most central sentence scores 1.
fn textrank(similarity: &Similarity) -> Vec<f32> {
    let n = similarity.n;
    if n == 0 {
        return Vec::new();
    }
    let out: Vec<f32> = (0..n).map(|i| similarity.row(i).iter().sum::<f32>()).collect();
    let mut rank = vec![1.0 / n as f32; n];
    let mut next = vec![0.0f32; n];
    for _ in 0..ITERATIONS {
        next.iter_mut().for_each(|r| *r = (1.0 - DAMPING) / n as f32);
        for (j, &total) in out.iter().enumerate() {
            // A sentence like no other passes nothing on.
            if total <= 0.0 {
                continue;
            }
            let share = DAMPING * rank[j] / total;
            for (r, &s) in next.iter_mut().zip(similarity.row(j)) {
                *r += share * s;
            }
        }
        std::mem::swap(&mut rank, &mut next);
    }
    let max = rank.iter().copied().fold(0.0, f32::max).max(f32::EPSILON);
    rank.into_iter().map(|r| r / max).collect()
}

/// Unit-length TF-IDF vectors, IDF from the document's own sentences:
/// `ln((N + 1) / (df + 0.5))`, so a term in every sentence still weighs a little.
fn tfidf_vectors(sentences: &[&str]) -> Vec<Vector> {
    // Terms are slices of the lower-cased sentences: no allocation per word. (ASCII
    // sentences, most of them, go by the byte inside `to_lowercase`.)
    let lower: Vec<String> = sentences.iter().map(|s| pith_lowercase::to_lowercase(s)).collect();
    // foldhash, not the default SipHash: one lookup per word of the article.
    let mut ids: HashMap<&str, usize, foldhash::fast::FixedState> = HashMap::default();
    let term_counts: Vec<Vec<(usize, f32)>> = lower
        .iter()
        .map(|s| {
            // Ids as u64 for the sort: the u64 sort the rest of the engine uses (one
            // instantiation of the standard sort less in the wasm).
            let mut sentence_ids: Vec<u64> = terms(s)
                .into_iter()
                .map(|term| {
                    let next = ids.len();
                    *ids.entry(term).or_insert(next) as u64
                })
                .collect();
            sentence_ids.sort_unstable();
            // Runs of equal ids: (term, count).
            let mut counts: Vec<(usize, f32)> = Vec::with_capacity(sentence_ids.len());
            for id in sentence_ids.into_iter().map(|id| id as usize) {
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

/// The content terms of a lower-cased sentence: letter/digit runs without stop words
/// (`stopwords::SUMMARY`), crudely stemmed (`stem::strip_endings`); runs with Han or Kana,
/// which have no spaces, as character pairs (`text::words::bigrams`). A run that mixes
/// scripts (`2024年に`) is cut into pairs whole, its digits and Latin letters included.
/// `text::words::words` with pair units would pair only the Han and Kana; measured, that
/// changes two summaries on the corpora (a Japanese and a Chinese page), so it waits for a
/// change that may change output.
fn terms(lower: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for word in words::alphanumeric_runs(lower) {
        if !word.is_ascii() && word.chars().any(script::is_unspaced) {
            words::bigrams(word, &mut out);
        } else if !stopwords::is_summary_stop_word(word) {
            out.push(stem::strip_endings(word));
        }
    }
    out
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
            A new playground for younger children will open next to the old boating lake in the spring. \
            The mayor thanked the volunteers who had collected signatures in every district of the city. \
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

    /// A sentence on the article's topic, far down a long text, beats off-topic filler at
    /// the top: the position prior is soft.
    #[test]
    fn a_central_sentence_far_down_beats_off_topic_lead_filler() {
        let mut text: Vec<String> = [
            "Snow fell early across northern valleys, surprising skiers and shepherds alike.",
            "A jazz quartet from Lisbon opened its autumn tour with two sold-out concerts.",
            "Local bakers reported record sales of rye loaves during the harvest festival.",
            "Tennis fans queued overnight for tickets to the indoor championship final.",
            "An old lighthouse keeper published memoirs about storms and shipwrecks.",
            "Migrating geese stopped over at the marshes, delighting birdwatchers once again.",
            "Chess clubs in schools have doubled their membership since last spring.",
            "A vintage tram line reopened for tourists after years of careful restoration.",
        ]
        .map(String::from)
        .to_vec();
        text.push(
            "The council approved the new park budget after residents asked the council for a park budget.".into(),
        );
        text.push("The park budget pays for trees while the council reviews the budget for the new park.".into());
        text.push("Residents said the council park budget vote was a win for the park and the city budget.".into());
        let summary = summarize(&text, 1);
        assert!(summary[0].contains("park budget"), "{summary:?}");
    }

    /// The prior narrows as the text grows: the first sentence's lead over a later one is
    /// worth more in a long text than in a short one.
    #[test]
    fn the_position_prior_narrows_with_length() {
        let prior = |i: f32, m: f32| POSITION_WEIGHT * (-i * m / POSITION_SPAN).exp();
        assert!(prior(0.0, 10.0) - prior(5.0, 10.0) < prior(0.0, 60.0) - prior(5.0, 60.0));
    }

    /// Very long texts: only the first [`MAX_SENTENCES`] are ranked, so the time stays bounded.
    #[test]
    fn very_long_texts_are_bounded() {
        let text: Vec<String> = (0..2_000)
            .map(|i| format!("Sentence {i} reports that the harbour project {} moved ahead today.", i % 7))
            .collect();
        let start = std::time::Instant::now();
        let summary = summarize(&text, 3);
        assert_eq!(summary.len(), 3);
        assert!(start.elapsed() < std::time::Duration::from_secs(2), "{:?}", start.elapsed());
    }

    /// No summary that is most of a short article: fewer sentences, or none at all.
    #[test]
    fn short_documents_and_edges() {
        assert!(summarize(&paragraphs("One sentence only, and it is the whole article."), 3).is_empty());
        let four = "The harbour reopened on Monday after a month of repairs to the old stone wall. \
            Fishing boats returned within hours and the market opened at noon for the first time since May. \
            The repairs cost the town about two hundred thousand euros, paid from its reserve fund. \
            The harbour master said the work should last for at least another fifty years of storms.";
        let summary = summarize(&paragraphs(four), 3);
        let words = |texts: &[String]| texts.iter().map(|s| count_words(s).total()).sum::<usize>();
        assert!(!summary.is_empty() && summary.len() < 3, "{summary:?}");
        assert!(2 * words(&summary) < words(&paragraphs(four)), "{summary:?}");
        assert!(summarize(&paragraphs("Some text here."), 0).is_empty());
        assert!(summarize(&[], 3).is_empty());
        assert_eq!(
            summarize(&paragraphs("東京は晴れ。大阪は雨。札幌は雪が降った。福岡は曇りで風が強い。"), 1).len(),
            1
        );
    }

    /// Captions, headings, preformatted blocks and table cells are not the article's sentences.
    #[test]
    fn only_the_articles_own_prose_sentences() {
        let body = |topic: &str| {
            format!(
                "<p>The {topic} council approved the harbour budget on Tuesday after a long and heated debate in the town hall.</p>"
            )
        };
        let html = format!(
            "<html><body><article><h1>Harbour budget</h1>{}\
            <figure><img src=\"a.jpg\"><figcaption>The harbour council members approved the harbour budget in the town hall on Tuesday evening.</figcaption></figure>\
            <h2>The harbour council approved the harbour budget after the debate in the town hall on Tuesday</h2>{}\
            <pre>harbour council budget approved harbour budget town hall debate Tuesday council harbour.</pre>{}\
{}\
            <p>By Jane Smith, harbour reporter</p><p>Photo: the harbour council approving the harbour budget in the town hall on Tuesday.</p>{}{}</article></body></html>",
            body("town"),
            "<p>Residents said the harbour budget was long overdue and would pay for the crumbling seawall repairs at last.</p>",
            "<p>The harbour master told the council that the budget covered dredging, new moorings and two more staff.</p>",
            "<p>Opponents on the council argued the harbour budget should wait for an independent survey of the seawall.</p>",
            "<p>The vote was seven to four, and the first repairs to the harbour wall are due to begin in the spring.</p>",
            "<p>Fishing crews welcomed the decision, saying the harbour had been silting up for more than a decade now.</p>",
        );
        let article = crate::clean(&html, None, &crate::Options::default()).expect("an article");
        assert_eq!(article.summary.len(), 3, "{:?}", article.summary);
        for s in &article.summary {
            assert!(!s.contains("members approved") && !s.contains("debate Tuesday council"), "{s}");
            assert!(!s.starts_with("By ") && !s.starts_with("Photo:") && !s.is_empty(), "{s}");
            assert!(!s.ends_with("on Tuesday") || s.ends_with('.'), "a heading: {s}");
        }
    }

    #[test]
    fn label_lines() {
        assert!(is_label_line("By Jane Smith, harbour reporter"));
        assert!(is_label_line(
            "Cover image: fishing boats moored in the harbour at first light on a cold winter morning."
        ));
        assert!(is_label_line(
            "Read more | The harbour budget explained in full, with every line of spending and the vote."
        ));
        assert!(!is_label_line("The harbour reopened on Monday."));
        assert!(!is_label_line(
            "Residents welcomed the vote and said the harbour budget was long overdue for the town"
        ));
    }

    /// A citation mark after a sentence end does not glue two sentences, and no sentence
    /// ends with one.
    #[test]
    fn citation_marks() {
        let text = "The museum opened in 1998 after a decade of planning by the city council.[3][4] \
            Its collection grew to over twelve thousand objects within the first twenty years.[5] \
            The building itself won an architecture prize for its glass roof and its timber galleries.[a]";
        let sentences = candidate_sentences(&[text]);
        assert_eq!(sentences.len(), 3, "{sentences:?}");
        assert!(sentences.iter().all(|s| s.ends_with('.')), "{sentences:?}");
        assert_eq!(split_after_citations("It rose.[2]Then it fell."), ["It rose.[2]", "Then it fell."]);
        assert_eq!(trim_citation_marks("It rose.[2][citation needed]"), "It rose.");
        assert_eq!(trim_citation_marks("The [T]rust said so."), "The [T]rust said so.");
    }

    /// A sentence that leans on the one before it is not shown without it.
    #[test]
    fn no_dangling_openers() {
        assert_eq!(leans_on_previous("However, the council said no."), Some(Lean::Connective(7)));
        assert_eq!(leans_on_previous("“And then we left,” she said."), Some(Lean::Connective(6)));
        assert_eq!(leans_on_previous("He said the harbour would reopen."), Some(Lean::Pronoun));
        assert_eq!(leans_on_previous("Dies ist ein Satz."), Some(Lean::Pronoun));
        assert_eq!(leans_on_previous("Andrew said the harbour would reopen."), None);
        assert_eq!(leans_on_previous("Heavy rain closed the harbour."), None);
        assert_eq!(leans_on_previous("That said, the harbour stays shut."), Some(Lean::Connective(9)));
        assert_eq!(leans_on_previous("That harbour stays shut."), Some(Lean::Pronoun));
        assert_eq!(leans_on_previous("Außerdem bleibt der Hafen zu."), Some(Lean::Connective(9)));
        assert_eq!(leans_on_previous("So"), Some(Lean::Connective(2)));
        let text: Vec<String> = [
            "Snow fell early across the northern valleys, surprising the skiers and the shepherds alike this year.",
            "A jazz quartet from Lisbon opened its autumn tour with two sold-out concerts in the old opera house.",
            "Local bakers reported record sales of rye loaves during the harvest festival in the market square.",
            "The harbour council approved the harbour budget for the harbour wall and the harbour moorings.",
            "Tennis fans queued overnight for tickets to the indoor championship final at the city arena.",
            "It said the harbour budget would pay for the harbour wall, the harbour moorings and harbour staff.",
            "An old lighthouse keeper published his memoirs about the storms and shipwrecks of fifty winters.",
            "Migrating geese stopped over at the marshes again, delighting the birdwatchers who waited for days.",
        ]
        .map(String::from)
        .to_vec();
        let summary = summarize(&text, 2);
        let leaning = summary.iter().position(|s| s.starts_with("It said"));
        if let Some(at) = leaning {
            assert!(at > 0 && summary[at - 1].starts_with("The harbour council"), "{summary:?}");
        }
    }

    /// What lets `leans_on_previous` look its opening up instead of scanning the lists in
    /// order: no entry is in both lists, and no connective opens another one (a pronoun may
    /// open a connective: "that", "that said"; the connective wins, as it would in a scan).
    #[test]
    fn the_opener_lists_give_one_answer() {
        let connectives: Vec<&str> = CONNECTIVES.split('|').collect();
        for w in PRONOUNS.split('|') {
            assert!(!connectives.contains(&w), "{w}");
        }
        for a in &connectives {
            for b in &connectives {
                let opens =
                    b.strip_prefix(a).is_some_and(|rest| !rest.is_empty() && !rest.starts_with(char::is_alphanumeric));
                assert!(!opens, "{a} opens {b}");
            }
        }
        assert_eq!(OPENERS.len(), connectives.len() + PRONOUNS.split('|').count());
    }

    #[test]
    fn quotation_pieces() {
        assert!(unpaired_quotes("And I told him that we will do it alone.\""));
        assert!(unpaired_quotes("“We will not stop here."));
        assert!(!unpaired_quotes("He called the plan \"unnecessary\" on Friday."));
        assert!(!unpaired_quotes("“It works,” she said."));
        assert!(!unpaired_quotes("No quotes at all."));
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
