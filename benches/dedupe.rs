//! De-duplication cost: a page of 5,000 paragraphs, 1,000 of which repeat another
//! (exact copies, lightly edited copies and repeated runs). Target: under 50 ms natively.
//!
//! `cargo bench --bench dedupe`

use criterion::{BatchSize, Criterion, black_box, criterion_group, criterion_main};
use pith::{Document, dedupe};

const PARAGRAPHS: usize = 5_000;
const DUPLICATES: usize = 1_000;

/// A small deterministic generator (xorshift64*), so every run measures the same page.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Words with English-like letter statistics: syllables from a small table.
fn word(rng: &mut Rng) -> String {
    const SYLLABLES: &[&str] = &[
        "the", "an", "con", "ver", "sa", "tion", "mi", "nis", "ter", "go", "vern", "ment", "re", "port", "ed", "ing",
        "pro", "pos", "al", "de", "bate", "la", "bour", "par", "ty", "vo", "ters", "coun", "cil", "by", "in", "of",
    ];
    (0..1 + rng.below(3)).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect()
}

fn paragraph(rng: &mut Rng) -> String {
    let words = 30 + rng.below(50);
    let mut p: Vec<String> = (0..words).map(|_| word(rng)).collect();
    p[0] = {
        let mut w = p[0].clone();
        w[..1].make_ascii_uppercase();
        w
    };
    p.join(" ") + "."
}

/// 4,000 distinct paragraphs, then 1,000 copies placed after their originals: a third
/// exact, a third with small edits, a third as runs of five consecutive paragraphs.
fn page() -> Vec<String> {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut out: Vec<String> = (0..PARAGRAPHS - DUPLICATES).map(|_| paragraph(&mut rng)).collect();
    let mut added = 0;
    while added < DUPLICATES {
        let kind = added % 3;
        let len = if kind == 2 { 5.min(DUPLICATES - added) } else { 1 };
        let start = rng.below(out.len() / 2);
        let copies: Vec<String> = out[start..start + len]
            .iter()
            .map(|p| if kind == 1 { p.replacen(' ', ", ", 1).replacen("the", "a", 1) } else { p.clone() })
            .collect();
        let at = start + len + rng.below(out.len() - start - len);
        for (k, c) in copies.into_iter().enumerate() {
            out.insert(at + k, c);
        }
        added += len;
    }
    out
}

fn bench(c: &mut Criterion) {
    let paragraphs = page();
    let found = dedupe::find_duplicates(&paragraphs);
    println!("{} paragraphs, {} duplicates found (target {DUPLICATES})", paragraphs.len(), found.len());
    let doc = Document::from_plain_text(&paragraphs.join("\n\n"));
    let mut group = c.benchmark_group("dedupe");
    group.sample_size(20);
    group.bench_function("find_duplicates 5000 paragraphs / 1000 duplicates", |b| {
        b.iter(|| dedupe::find_duplicates(black_box(&paragraphs)))
    });
    group.bench_function("remove_duplicates 5000 paragraphs / 1000 duplicates", |b| {
        b.iter_batched(|| doc.clone(), |mut d| dedupe::remove_duplicates(&mut d), BatchSize::LargeInput)
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
