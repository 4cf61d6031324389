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

/// A vocabulary of 5,000 made-up words with English letter frequencies and lengths.
fn vocabulary(rng: &mut Rng) -> Vec<String> {
    // Letters weighted by their frequency in English text (per mille, rounded).
    const LETTERS: &[(char, usize)] = &[
        ('e', 127),
        ('t', 91),
        ('a', 82),
        ('o', 75),
        ('i', 70),
        ('n', 67),
        ('s', 63),
        ('h', 61),
        ('r', 60),
        ('d', 43),
        ('l', 40),
        ('c', 28),
        ('u', 28),
        ('m', 24),
        ('w', 24),
        ('f', 22),
        ('g', 20),
        ('y', 20),
        ('p', 19),
        ('b', 15),
        ('v', 10),
        ('k', 8),
        ('j', 2),
        ('x', 2),
        ('q', 1),
        ('z', 1),
    ];
    let total: usize = LETTERS.iter().map(|(_, w)| w).sum();
    let letter = |rng: &mut Rng| {
        let mut pick = rng.below(total);
        for &(c, w) in LETTERS {
            if pick < w {
                return c;
            }
            pick -= w;
        }
        'e'
    };
    (0..5_000).map(|_| (0..2 + rng.below(8)).map(|_| letter(rng)).collect()).collect()
}

/// A paragraph of 30 to 80 words, drawn with a Zipf-like skew (frequent words recur,
/// as "the" and "of" do).
fn paragraph(rng: &mut Rng, words: &[String]) -> String {
    let n = 30 + rng.below(50);
    let mut p: Vec<&str> = (0..n)
        .map(|_| {
            let u = rng.below(1 << 16) as f64 / f64::from(1 << 16);
            words[((u * u * u) * words.len() as f64) as usize % words.len()].as_str()
        })
        .collect();
    let first = p[0].to_uppercase();
    p[0] = &first;
    p.join(" ") + "."
}

/// 4,000 distinct paragraphs, then 1,000 copies placed after their originals: a third
/// exact, a third with small edits, a third as runs of five consecutive paragraphs.
fn page() -> Vec<String> {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let words = vocabulary(&mut rng);
    let mut out: Vec<String> = (0..PARAGRAPHS - DUPLICATES).map(|_| paragraph(&mut rng, &words)).collect();
    let mut added = 0;
    while added < DUPLICATES {
        let kind = added % 3;
        let len = if kind == 2 { 5.min(DUPLICATES - added) } else { 1 };
        let start = rng.below(out.len() / 2);
        let copies: Vec<String> = out[start..start + len]
            .iter()
            .map(|p| if kind == 1 { p.replacen(' ', ", ", 1).replacen('e', "a", 1) } else { p.clone() })
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
    cpu_time_report(&paragraphs);
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

/// On a shared machine wall time depends on the neighbours; the CPU time this thread
/// spent (Linux `/proc/thread-self/schedstat`) does not, so print both.
fn cpu_time_report(paragraphs: &[String]) {
    fn cpu_ns() -> Option<u64> {
        std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
    }
    const RUNS: u32 = 20;
    let (wall, cpu) = (std::time::Instant::now(), cpu_ns());
    for _ in 0..RUNS {
        black_box(dedupe::find_duplicates(black_box(paragraphs)));
    }
    let wall_ms = wall.elapsed().as_secs_f64() * 1e3 / f64::from(RUNS);
    match (cpu, cpu_ns()) {
        (Some(a), Some(b)) => {
            let cpu_ms = (b - a) as f64 / 1e6 / f64::from(RUNS);
            println!("find_duplicates: {cpu_ms:.1} ms CPU time per run ({wall_ms:.1} ms wall), mean of {RUNS}")
        }
        _ => println!("find_duplicates: {wall_ms:.1} ms wall per run, mean of {RUNS}"),
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
