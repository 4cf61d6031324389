//! Word count, sentence splitting and the summary on a 1,000-word article
//! (issue 5: at most 1 ms per 1,000-word article, natively).
//!
//! `cargo bench --bench text`. The article is generated here, deterministically, so the
//! bench needs no corpus: 1,000 words in 8 paragraphs of news-like sentences (8 to 30
//! words, some with abbreviations, decimals and quotes) over a 300-word vocabulary.

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use pith::text::sentences;
use pith::text::words::count_words;
use pith::{stats, summary};

/// A 1,000-word article as paragraphs.
fn article() -> Vec<String> {
    let vocabulary: Vec<String> =
        (0..300).map(|i| format!("w{}{}", ["port", "vote", "rain", "bank", "city"][i % 5], i)).collect();
    let openers =
        ["Mr. Smith said", "The U.S. team", "Officials said", "\"We agree,\" said Dr. Lee, and", "Prices rose 1.5% as"];
    let mut seed: u64 = 251;
    let mut next = move |n: usize| {
        // A small linear congruential generator: reproducible without a dependency.
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let (mut paragraphs, mut words) = (Vec::new(), 0);
    while words < 1000 {
        let mut paragraph = String::new();
        for _ in 0..4 {
            let opener = openers[next(openers.len())];
            let length = 8 + next(23);
            let body: Vec<&str> = (0..length).map(|_| vocabulary[next(vocabulary.len())].as_str()).collect();
            paragraph.push_str(&format!("{opener} {}. ", body.join(" ")));
        }
        words += count_words(&paragraph).total();
        paragraphs.push(paragraph.trim().to_string());
    }
    paragraphs
}

fn bench(c: &mut Criterion) {
    let paragraphs = article();
    let words = stats::count_words_in(&paragraphs).total();
    let mut group = c.benchmark_group(format!("text/{words}-words"));
    group.bench_function("stats", |b| b.iter(|| stats::reading_time(&stats::count_words_in(black_box(&paragraphs)))));
    group.bench_function("sentences", |b| {
        b.iter(|| black_box(&paragraphs).iter().map(|p| sentences::split(p).len()).sum::<usize>())
    });
    group.bench_function("summary", |b| b.iter(|| summary::summarize(black_box(&paragraphs), 3)));
    // What the pipeline does per article: measure, then summarise (which splits sentences).
    group.bench_function("stats+sentences+summary", |b| {
        b.iter(|| {
            let count = stats::count_words_in(black_box(&paragraphs));
            (stats::reading_time(&count), summary::summarize(black_box(&paragraphs), 3))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
