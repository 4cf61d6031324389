//! Cost growth: the whole engine's time against page size, 10 KB to 20 MB, on
//! synthetic news pages (navigation, an article whose paragraphs partly repeat, a
//! sidebar, a footer). Prints one JSON object per size; `make bench` plots them.
//!
//!     cargo run --release --example growth [-- --max-bytes N]

use std::fmt::Write;
use std::time::{Duration, Instant};

/// Page sizes measured, in bytes: roughly ×3 steps so the plot's log axis is even.
const SIZES: [usize; 8] = [10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000, 10_000_000, 20_000_000];
/// Each size is cleaned until this much time has passed (at least `MIN_RUNS` times);
/// the median run is reported.
const TIME_PER_SIZE: Duration = Duration::from_secs(2);
const MIN_RUNS: usize = 3;
/// One paragraph in this many repeats an earlier one, as on syndicated pages.
const REPEAT_EVERY: usize = 7;

/// Size of the pages' vocabulary: a few thousand distinct words, as in news text, so
/// that distinct paragraphs share few character 5-grams (a tiny vocabulary would make
/// every paragraph a near-duplicate of every other, which no real page is).
const VOCABULARY: usize = 5_000;
const SYLLABLES: &[&str] = &[
    "ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "qui", "ro", "su", "ta", "ve", "wi", "xo",
    "yu", "za", "bri", "cla", "dro", "fle", "gra", "pli", "sto", "tre", "vin",
];

/// A deterministic pseudo-random generator (xorshift), so every run builds the same pages.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Word `i` of the vocabulary: its syllables are the digits of `i` in base SYLLABLES.len().
fn word(mut i: usize) -> String {
    let mut w = String::new();
    loop {
        w.push_str(SYLLABLES[i % SYLLABLES.len()]);
        i /= SYLLABLES.len();
        if i == 0 {
            return w;
        }
    }
}

fn paragraph(rng: &mut Rng) -> String {
    let mut p = String::new();
    for sentence in 0..3 + rng.next(3) {
        for n in 0..8 + rng.next(12) {
            // Zipf-like: small indices (common words) far more often than large ones.
            let w = word(rng.next(VOCABULARY) * rng.next(VOCABULARY) / VOCABULARY);
            if n == 0 {
                let mut c = w.chars();
                let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or('X');
                p.push(first);
                p.push_str(c.as_str());
            } else {
                p.push(' ');
                p.push_str(&w);
            }
        }
        p.push_str(if sentence % 4 == 3 { "? " } else { ". " });
    }
    p.trim_end().to_string()
}

fn page(target: usize) -> String {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut html = String::from(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Council housing review | Daily Example</title>\
         <meta property=og:site_name content='Daily Example'></head><body><header><nav><ul>",
    );
    for i in 0..20 {
        let _ = write!(html, "<li><a href='/section/{i}'>Section {i}</a></li>");
    }
    html.push_str("</ul></nav></header><main><article><h1>Council housing review</h1><p class=byline>By A. Writer</p>");
    let mut written: Vec<String> = Vec::new();
    let footer = "</article></main><aside><h2>Most read</h2><ul><li><a href='/a'>Other story</a></li></ul></aside>\
                  <footer><p>© Daily Example</p></footer></body></html>";
    while html.len() + footer.len() < target {
        let p = if written.len() > 10 && written.len() % REPEAT_EVERY == 0 {
            written[rng.next(written.len())].clone()
        } else {
            paragraph(&mut rng)
        };
        let _ = write!(html, "<p>{p}</p>");
        written.push(p);
    }
    html.push_str(footer);
    html
}

fn main() {
    let max =
        std::env::args().skip_while(|a| a != "--max-bytes").nth(1).and_then(|n| n.parse().ok()).unwrap_or(usize::MAX);
    let options = pith::Options::default();
    for size in SIZES.into_iter().filter(|&s| s <= max) {
        let html = page(size);
        let mut runs = Vec::new();
        let started = Instant::now();
        let mut words = 0;
        while runs.len() < MIN_RUNS || started.elapsed() < TIME_PER_SIZE {
            let t = Instant::now();
            match pith::clean(&html, Some("https://daily.example/housing"), &options) {
                Ok(article) => words = article.word_count,
                Err(e) => {
                    eprintln!("{size} bytes: {e}");
                    break;
                }
            }
            runs.push(t.elapsed().as_secs_f64() * 1e3);
        }
        runs.sort_by(f64::total_cmp);
        let ms = runs.get(runs.len() / 2).copied().unwrap_or(f64::NAN);
        let mb_per_s = html.len() as f64 / 1e6 / (ms / 1e3);
        println!(
            r#"{{"bytes":{},"ms":{ms:.3},"mb_per_s":{mb_per_s:.2},"runs":{},"words":{words}}}"#,
            html.len(),
            runs.len()
        );
    }
}
