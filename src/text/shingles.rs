//! Shingles, their Jaccard similarity, and two MinHash estimates of it.
//!
//! Two kinds of shingle, for two questions:
//! - **character 5-grams** ([`for_each_shingle`]): is this paragraph an edited copy of that
//!   one? They need no word boundaries, so CJK text works as is. The dedupe compares their
//!   exact sets ([`shingle_set`], [`jaccard`]) after a one-permutation MinHash [`Sketch`] and
//!   an LSH index ([`LshIndex`]) found the few pairs worth comparing.
//! - **word n-grams** ([`word_signature`]): is this article the same story as that one?
//!   Shared phrases, not shared vocabulary. A [`Signature`] of independent hashes, small
//!   enough to store: similarity fingerprints keep one per article, so its definition is
//!   frozen under `similarity::FINGERPRINT_VERSION`.
//!
//! Both estimate the Jaccard similarity as the share of slots on which two signatures agree
//! ([`agreement`]). They differ where their uses do: the sketch is made once per paragraph
//! and thrown away (one hash per shingle fills all its bins); the signature is stored and
//! must stay comparable across versions (one hash per shingle per slot).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::hash::{PreHashed, mix64};

/// Shingle length in characters. Five characters is long enough that distinct news
/// paragraphs share few shingles, short enough that one edit ("said" → "says", a
/// dropped comma) disturbs at most five of them.
pub const SHINGLE_CHARS: usize = 5;

/// LSH bands, and MinHash values per band. A pair with Jaccard similarity `s` shares
/// at least one band with probability 1 - (1 - s^ROWS)^BANDS: 99.98% at s = 0.7,
/// 99% at 0.6, but 2% at 0.1 and 0.3% at 0.05 (typical of distinct paragraphs).
const BANDS: usize = 20;
const ROWS: usize = 3;
/// Paragraphs looked at per band, newest first. Real pages put a handful of paragraphs
/// in a bucket; a hostile page with thousands of look-alikes gets linear, not
/// quadratic, work (it may keep a few of its look-alikes).
const MAX_BUCKET_SCAN: usize = 32;

/// Bins of the one-permutation MinHash sketch: one hash per shingle fills all of them.
pub const BINS: usize = BANDS * ROWS;

/// A paragraph's MinHash sketch (one-permutation hashing with densification).
pub type Sketch = [u64; BINS];

/// Calls `f` with the hash of every character 5-gram of `text`, in order (repeats
/// included). A text shorter than five characters is one shingle.
pub fn for_each_shingle(text: &str, mut f: impl FnMut(u64)) {
    // The window packs the last five code points, 21 bits each, into 105 bits.
    const MASK: u128 = (1 << (21 * SHINGLE_CHARS)) - 1;
    let mut window: u128 = 0;
    let mut seen = 0;
    for c in text.chars() {
        window = ((window << 21) | u128::from(u32::from(c))) & MASK;
        seen += 1;
        if seen >= SHINGLE_CHARS {
            f(mix(window));
        }
    }
    if (1..SHINGLE_CHARS).contains(&seen) {
        f(mix(window | (1 << 120)));
    }
}

/// The set of a text's shingles, sorted, for exact Jaccard similarity.
pub fn shingle_set(text: &str) -> Vec<u64> {
    let mut set = Vec::with_capacity(text.len());
    for_each_shingle(text, |h| set.push(h));
    set.sort_unstable();
    set.dedup();
    set
}

/// |A ∩ B| / |A ∪ B| of two sorted shingle sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    let common = common(a, b);
    let union = a.len() + b.len() - common;
    if union == 0 { 0.0 } else { common as f32 / union as f32 }
}

/// |A ∩ B| / |A| of two sorted shingle sets: how much of A is inside B.
pub fn containment(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() { 0.0 } else { common(a, b) as f32 / a.len() as f32 }
}

/// |A ∩ B| of two sorted shingle sets.
fn common(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

/// The sketch of a text: each shingle hash falls in one bin by its high bits and each
/// bin keeps its smallest hash. Bins left empty (short texts) borrow from the next
/// filled bin, shifted by the distance, so that two copies still agree on them.
pub fn sketch(text: &str) -> Sketch {
    let mut bins = [u64::MAX; BINS];
    for_each_shingle(text, |h| {
        let bin = (((h >> 32) * BINS as u64) >> 32) as usize;
        let value = h & 0xFFFF_FFFF;
        if value < bins[bin] {
            bins[bin] = value;
        }
    });
    let Some(filled) = bins.iter().position(|&v| v != u64::MAX) else { return bins };
    let original = bins;
    for b in 0..BINS {
        if original[b] != u64::MAX {
            continue;
        }
        // Walk right (circularly) to the nearest filled bin; `filled` guarantees one.
        let mut d = 1;
        while original[(b + d) % BINS] == u64::MAX && d < BINS {
            d += 1;
        }
        let source = if d < BINS { original[(b + d) % BINS] } else { original[filled] };
        bins[b] = source.wrapping_add((d as u64) << 40);
    }
    bins
}

/// The share of equal bins: an estimate of the Jaccard similarity (±0.06 at 0.7).
pub fn estimate(a: &Sketch, b: &Sketch) -> f32 {
    agreement(a, b)
}

/// The share of slots on which two MinHash signatures of one length agree: the estimate
/// of their sets' Jaccard similarity. 0 for empty signatures.
pub fn agreement<T: PartialEq>(a: &[T], b: &[T]) -> f32 {
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    if a.is_empty() { 0.0 } else { equal as f32 / a.len() as f32 }
}

/// A stored MinHash signature: one minimum per slot, each slot hashing every shingle with
/// its own seed.
pub type Signature = Vec<u32>;

/// The MinHash signature (`size` slots) of the `width`-word shingles of a text, from its
/// words' hashes in order; empty for no words, one shingle for fewer than `width` words.
/// **Frozen** for `similarity::FINGERPRINT_VERSION` 1, which stores it.
pub fn word_signature(word_hashes: &[u32], width: usize, size: usize) -> Signature {
    if word_hashes.is_empty() {
        return Vec::new();
    }
    let width = width.min(word_hashes.len());
    let mut signature = vec![u32::MAX; size];
    for shingle in word_hashes.windows(width) {
        let base = shingle.iter().fold(0u64, |acc, &h| mix64(acc ^ u64::from(h)));
        for (i, slot) in signature.iter_mut().enumerate() {
            // The high half of the mixed value: well distributed for every seed i.
            let value = (mix64(base ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
            *slot = (*slot).min(value);
        }
    }
    signature
}

/// Paragraphs by the hashes of their sketch's bands: two paragraphs that share a band
/// are candidates for an exact comparison. Each bucket is a chain through `entries`
/// (one allocation for the whole index, not one per bucket).
#[derive(Default)]
pub struct LshIndex {
    /// Band key → index in `entries` of the bucket's latest paragraph.
    heads: HashMap<u64, u32, BuildHasherDefault<PreHashed>>,
    /// (paragraph, index of the next entry in the same bucket, or `u32::MAX`).
    entries: Vec<(u32, u32)>,
}

impl LshIndex {
    pub fn with_capacity(paragraphs: usize) -> LshIndex {
        let n = paragraphs.saturating_mul(BANDS);
        LshIndex { heads: HashMap::with_capacity_and_hasher(n, Default::default()), entries: Vec::with_capacity(n) }
    }

    pub fn insert(&mut self, id: usize, sketch: &Sketch) {
        let Ok(id) = u32::try_from(id) else { return };
        for key in band_keys(sketch) {
            let Ok(at) = u32::try_from(self.entries.len()) else { return };
            let next = self.heads.insert(key, at).unwrap_or(u32::MAX);
            self.entries.push((id, next));
        }
    }

    /// Calls `f` with every paragraph that shares a band with `sketch` (possibly more than once).
    pub fn for_each_candidate(&self, sketch: &Sketch, mut f: impl FnMut(usize)) {
        for key in band_keys(sketch) {
            let mut at = self.heads.get(&key).copied().unwrap_or(u32::MAX);
            for _ in 0..MAX_BUCKET_SCAN {
                let Some(&(id, next)) = self.entries.get(at as usize) else { break };
                f(id as usize);
                at = next;
            }
        }
    }
}

fn band_keys(sketch: &Sketch) -> impl Iterator<Item = u64> + '_ {
    sketch.chunks_exact(ROWS).enumerate().map(|(band, rows)| {
        let mut key = band as u64;
        for &r in rows {
            key = mix64(key ^ r);
        }
        key
    })
}

/// Folds a 128-bit window into a well-mixed 64-bit hash.
fn mix(x: u128) -> u64 {
    mix64((x as u64) ^ ((x >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_have_similarity_one_and_equal_sketches() {
        let t = "the bill proposes control orders, which as well as house arrest could impose curfews";
        assert_eq!(jaccard(&shingle_set(t), &shingle_set(t)), 1.0);
        assert_eq!(sketch(t), sketch(t));
    }

    #[test]
    fn one_word_edit_stays_similar() {
        let a = "mr clarke said he would introduce an amendment in the lords to ensure judges decide";
        let b = "mr clarke says he would introduce an amendment in the lords to ensure judges decide";
        let s = jaccard(&shingle_set(a), &shingle_set(b));
        assert!(s > 0.8, "{s}");
        let mut index = LshIndex::default();
        index.insert(7, &sketch(a));
        let mut found = false;
        index.for_each_candidate(&sketch(b), |id| found |= id == 7);
        assert!(found);
    }

    #[test]
    fn cjk_text_has_shingles_without_spaces() {
        let a = "东京是日本的首都也是最大的城市";
        let b = "大阪是日本第二大的城市以美食闻名";
        assert!(shingle_set(a).len() > 5);
        assert!(jaccard(&shingle_set(a), &shingle_set(b)) < 0.2);
    }

    #[test]
    fn short_and_empty_texts() {
        assert_eq!(shingle_set("abc").len(), 1);
        assert!(shingle_set("").is_empty());
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(sketch(""), [u64::MAX; BINS]);
    }

    #[test]
    fn word_signatures_agree_on_shared_phrases() {
        let a: Vec<u32> = (0..40).collect();
        let mut b = a.clone();
        b[39] = 1000;
        let (sa, sb) = (word_signature(&a, 3, 32), word_signature(&b, 3, 32));
        assert_eq!(sa.len(), 32);
        assert!(agreement(&sa, &sb) > 0.8);
        assert!(word_signature(&[], 3, 32).is_empty());
        assert_eq!(word_signature(&[7], 3, 32).len(), 32);
        assert_eq!(agreement::<u32>(&[], &[]), 0.0);
    }
}
