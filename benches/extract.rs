//! Whole-engine throughput over the shared corpora (MB/s of page HTML):
//! `cargo bench --bench extract`. Reads `../shared/corpora` at run time; when it is
//! absent the benchmark says so and measures nothing.

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Pages per corpus in one benchmark iteration: enough to average out page sizes,
/// few enough that an iteration stays well under a second.
const PAGES_PER_CORPUS: usize = 40;

fn corpus_pages(dir: &Path, pick: impl Fn(&Path) -> Option<PathBuf>) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok()).filter_map(|e| pick(&e.path())).collect();
    files.sort();
    files
        .into_iter()
        .take(PAGES_PER_CORPUS)
        .filter_map(|f| std::fs::read(f).ok())
        .filter_map(|b| pith::input::decode(&b).ok())
        .collect()
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    let corpora = [
        ("news-dev", corpus_pages(&root.join("news-dev/html"), |p| Some(p.to_path_buf()))),
        (
            "readability",
            corpus_pages(&root.join("readability"), |p| Some(p.join("source.html")).filter(|s| s.exists())),
        ),
        ("multilingual-dev", corpus_pages(&root.join("multilingual-dev/eval"), |p| Some(p.to_path_buf()))),
    ];
    let options = pith::Options::default();
    let mut group = c.benchmark_group("engine");
    group.sample_size(10);
    for (name, pages) in &corpora {
        if pages.is_empty() {
            eprintln!("corpus absent ({}), skipped: {name}", root.display());
            continue;
        }
        let bytes: usize = pages.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("clean/{name}/{}-pages", pages.len()), |b| {
            b.iter(|| {
                for page in pages {
                    let _ = std::hint::black_box(pith::clean(page, None, &options));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
