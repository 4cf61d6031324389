//! Similar readings at scale: ranking a new article against 10,000 stored fingerprints
//! (the budget is 20 ms in the browser), and fingerprinting one article.
//! `cargo bench --bench similarity`

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use pith::similarity::{Fingerprint, Index, MINHASH_SIZE, TOP_TERMS};

const HISTORY: usize = 10_000;
/// Vocabulary the synthetic terms are drawn from (Zipf-like: a few terms are common).
const VOCABULARY: f64 = 50_000.0;

/// Synthetic fingerprints shaped like real ones: 64 terms, falling counts, 32 MinHash values.
fn synthetic(seed: &mut u64) -> Fingerprint {
    let mut next = || {
        *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (*seed >> 33) as f64 / (1u64 << 31) as f64
    };
    let mut terms: Vec<u32> = Vec::new();
    while terms.len() < TOP_TERMS {
        let term = (VOCABULARY * next().powi(3)) as u32;
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
    let counts = (0..TOP_TERMS as u32).map(|i| 9u32.saturating_sub(i / 8).max(1)).collect();
    let minhash = (0..MINHASH_SIZE).map(|_| (next() * u32::MAX as f64) as u32).collect();
    Fingerprint { version: pith::similarity::FINGERPRINT_VERSION, terms, counts, minhash }
}

fn bench(c: &mut Criterion) {
    let mut seed = 7;
    let mut index = Index::new();
    for i in 0..HISTORY {
        index.add(&i.to_string(), &synthetic(&mut seed));
    }
    let query = synthetic(&mut seed);
    c.bench_function("similar readings, 10,000 records", |b| b.iter(|| index.query(black_box(&query), 5, None)));

    let text = std::fs::read_to_string("tests/pages/seed-news-page/source.html").unwrap_or_default();
    c.bench_function("fingerprint of the seed page (html as text)", |b| {
        b.iter(|| Fingerprint::of_article(Some("Blinken warns Israel"), black_box(&text)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
