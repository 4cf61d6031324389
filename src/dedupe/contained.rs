//! Paragraphs wholly contained in a longer one: pull quotes, a sentence lifted from
//! the body and set apart, a teaser that repeats the lead.
//!
//! No all-pairs search: each candidate is indexed by its first bytes (the *anchor*),
//! then every other paragraph is scanned once, at word starts, for those anchors; only
//! an anchor hit is compared in full. Cost: one pass over the text.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::text::hash::{PreHashed, mix64};
use crate::text::words::is_spaced_word_char;

/// Bytes of a candidate's text that must match before it is compared in full.
const ANCHOR_BYTES: usize = 16;

/// Candidates kept per anchor: paragraphs that open with the same 16 bytes are rare
/// beyond a few; the cap keeps a hostile page's work linear.
const MAX_PER_ANCHOR: usize = 16;

/// For every `short` paragraph (by index into `texts`), the first longer paragraph
/// among `long` whose text contains it, aligned on word boundaries. `texts` are the
/// normalised paragraphs; a short paragraph is matched by its `core` (no surrounding
/// punctuation).
pub fn find_containers(texts: &[&str], cores: &[&str], short: &[usize], long: &[usize]) -> Vec<(usize, usize)> {
    // Anchor → its list's slot in `lists`: the map type of the near-copy index (each
    // distinct map type is another copy of hashbrown's code in the wasm).
    let mut by_anchor: HashMap<u64, u32, BuildHasherDefault<PreHashed>> = HashMap::default();
    let mut lists: Vec<Vec<usize>> = Vec::new();
    // A 65,536-bit filter in front of the map: most positions are rejected by one load.
    let mut filter = vec![0u64; 1024];
    for &s in short {
        let Some(core) = cores.get(s) else { continue };
        if core.len() < ANCHOR_BYTES {
            continue;
        }
        let h = anchor_hash(&core.as_bytes()[..ANCHOR_BYTES]);
        filter[(h >> 54) as usize] |= 1 << (h & 63);
        let slot = *by_anchor.entry(h).or_insert(lists.len() as u32) as usize;
        if slot == lists.len() {
            lists.push(Vec::new());
        }
        let list = &mut lists[slot];
        if list.len() < MAX_PER_ANCHOR {
            list.push(s);
        }
    }
    // Indexed by paragraph: read out in order, no map and no sort (each a few KB of wasm).
    let mut found: Vec<Option<usize>> = vec![None; cores.len()];
    if by_anchor.is_empty() {
        return Vec::new();
    }
    for &l in long {
        let Some(text) = texts.get(l) else { continue };
        let bytes = text.as_bytes();
        for p in 0..=bytes.len().saturating_sub(ANCHOR_BYTES) {
            if bytes.len() < ANCHOR_BYTES || !is_candidate_start(bytes, p) {
                continue;
            }
            let h = anchor_hash(&bytes[p..p + ANCHOR_BYTES]);
            if filter[(h >> 54) as usize] & (1 << (h & 63)) == 0 {
                continue;
            }
            let list = by_anchor.get(&h).map_or(&[][..], |&slot| &lists[slot as usize]);
            for &s in list {
                if s == l || found[s].is_some() {
                    continue;
                }
                let core = cores[s];
                if core.len() < cores[l].len() && matches_at(text, p, core) {
                    found[s] = Some(l);
                }
            }
        }
    }
    found.into_iter().enumerate().filter_map(|(s, l)| Some((s, l?))).collect()
}

/// Sentences of a pull quote that must each be this long (in words) for the quote to be
/// found sentence by sentence: "He agreed." and "No." sit inside many paragraphs.
const MIN_SENTENCE_WORDS: usize = 4;

/// For `short` paragraphs of two sentences or more that no paragraph contains whole: the
/// first longer paragraph among `long` that holds every sentence, in order, on word
/// boundaries. A pull quote joins the sentences the body splits with "she said": `"The water
/// came up fast," said Mara Voss. "By the time …"` is quoted as `"The water came up fast. By
/// the time …"`. The first sentences are found by the anchored scan; the rest are checked in
/// the one paragraph that holds the first.
pub fn find_sentence_containers(
    texts: &[&str],
    cores: &[&str],
    short: &[usize],
    long: &[usize],
) -> Vec<(usize, usize)> {
    let mut firsts: Vec<&str> = cores.to_vec();
    let mut owners = Vec::new();
    for &s in short {
        let mut pieces = sentences(cores[s]);
        if let (Some(first), Some(_)) = (pieces.next(), pieces.next()) {
            owners.push(s);
            firsts.push(first);
        }
    }
    if owners.is_empty() {
        return Vec::new();
    }
    let firsts_at: Vec<usize> = (cores.len()..firsts.len()).collect();
    find_containers(texts, &firsts, &firsts_at, long)
        .into_iter()
        .filter_map(|(f, l)| {
            let s = owners[f - cores.len()];
            if l == s || cores[s].len() >= cores[l].len() {
                return None;
            }
            let mut from = 0;
            let all_inside = sentences(cores[s]).all(|piece| {
                let at = find_on_word_boundaries(texts[l], piece, from);
                from = at.map_or(from, |p| p + piece.len());
                at.is_some() && super::word_weight(piece) >= MIN_SENTENCE_WORDS
            });
            all_inside.then_some((s, l))
        })
        .collect()
}

/// The sentences of a normalised text, without their surrounding punctuation: cut after a
/// full stop, question or exclamation mark (and any closing quote) followed by a space.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        let cut = (1..bytes.len()).find(|&i| {
            bytes[i] == b' ' && {
                let before = rest[..i].trim_end_matches(['"', '\'', ')']);
                before.ends_with(['.', '?', '!'])
            }
        });
        let (piece, next) = cut.map_or((rest, ""), |i| (&rest[..i], &rest[i + 1..]));
        rest = next;
        Some(super::core(piece))
    })
    .filter(|piece| !piece.is_empty())
}

/// Where `core` first sits in `text` at or after byte `from`, not cutting a word.
fn find_on_word_boundaries(text: &str, core: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    rest.match_indices(core).map(|(p, _)| from + p).find(|&p| matches_at(text, p, core))
}

/// Match starts are character starts, and in spaced scripts word starts: the byte
/// before is not an ASCII letter or digit (a cheap test; `matches_at` checks fully).
fn is_candidate_start(bytes: &[u8], p: usize) -> bool {
    let is_char_start = bytes[p] & 0xC0 != 0x80;
    is_char_start && (p == 0 || !bytes[p - 1].is_ascii_alphanumeric())
}

/// Does `text` contain `core` at byte `p`, without cutting a word at either end?
fn matches_at(text: &str, p: usize, core: &str) -> bool {
    let end = p + core.len();
    if !text.is_char_boundary(p) || !text.is_char_boundary(end.min(text.len())) || end > text.len() {
        return false;
    }
    if &text[p..end] != core {
        return false;
    }
    let cuts = |outside: Option<char>, inside: Option<char>| matches!((outside, inside), (Some(a), Some(b)) if is_spaced_word_char(a) && is_spaced_word_char(b));
    !cuts(text[..p].chars().next_back(), core.chars().next())
        && !cuts(text[end..].chars().next(), core.chars().next_back())
}

/// A hash of the 16 anchor bytes: two 8-byte loads and one mix.
fn anchor_hash(bytes: &[u8]) -> u64 {
    let word = |range: std::ops::Range<usize>| {
        bytes.get(range).and_then(|b| <[u8; 8]>::try_from(b).ok()).map_or(0, u64::from_le_bytes)
    };
    mix64(word(0..8).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ word(8..16))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_sentence_inside_a_longer_paragraph() {
        let texts = [
            "on monday, mps voted 272-219 in favour of the bill. the government lost",
            "mps voted 272-219 in favour of the bill",
        ];
        let cores = texts;
        assert_eq!(find_containers(&texts, &cores, &[1], &[0]), [(1, 0)]);
    }

    #[test]
    fn does_not_cut_words() {
        let texts =
            ["the reformers voted 272-219 in favour of the bill today", "formers voted 272-219 in favour of the bill"];
        assert!(find_containers(&texts, &texts, &[1], &[0]).is_empty());
    }

    #[test]
    fn finds_a_pull_quote_sentence_by_sentence() {
        let texts = [
            "\"the water came up through the floor in minutes,\" said mara voss. \"by the time we had the ovens off, it was over our ankles.\"",
            "\"the water came up through the floor in minutes. by the time we had the ovens off, it was over our ankles.\"",
            "\"by the time we had the ovens off, it was over our ankles. the water came up through the floor in minutes.\"",
        ];
        let cores: Vec<&str> = texts.iter().map(|t| crate::dedupe::normalise::core(t)).collect();
        assert!(find_containers(&texts, &cores, &[1, 2], &[0]).is_empty());
        // In the body's order only.
        assert_eq!(find_sentence_containers(&texts, &cores, &[1, 2], &[0]), [(1, 0)]);
    }

    #[test]
    fn cjk_needs_no_word_boundaries() {
        let texts = ["他说政府将在下周公布这项计划，并表示不会再作出让步。", "政府将在下周公布这项计划"];
        assert_eq!(find_containers(&texts, &texts, &[1], &[0]), [(1, 0)]);
    }
}
