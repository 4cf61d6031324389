//! Where the extension's automatic mode and its panel could disagree: every page of the
//! shared corpora (and of `tests/pages/`) on which `pith::is_readerable` and
//! `clean().readerable` differ.
//!
//!     cargo run --release --example readerable_agreement
//!     cargo run --release --example readerable_agreement -- --only-is-readerable FILE...
//!
//! The second form runs `is_readerable` alone on the files given, for its cost under
//! `valgrind --tool=callgrind`.
use std::path::{Path, PathBuf};

fn read(page: &Path) -> Option<String> {
    pith::input::decode(&std::fs::read(page).ok()?).ok()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--only-is-readerable") {
        let readerable = args[1..].iter().filter_map(|f| read(Path::new(f))).filter(|h| pith::is_readerable(h)).count();
        println!("{readerable} of {} pages readerable", args.len() - 1);
        return;
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpora = manifest.join("../shared/corpora");
    let mut pages: Vec<PathBuf> = Vec::new();
    let mut add = |dir: &Path, keep: &dyn Fn(&Path) -> bool| {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pages.push(path.join("source.html"));
            } else if keep(&path) {
                pages.push(path);
            }
        }
    };
    let name_ends = |suffix: &'static str| move |p: &Path| p.to_string_lossy().ends_with(suffix);
    add(&corpora.join("readability"), &|_| false);
    add(&corpora.join("news-dev/html"), &name_ends(".html.gz"));
    add(&corpora.join("multilingual-dev/eval"), &|_| true);
    add(&corpora.join("dedup"), &name_ends(".html"));
    add(&manifest.join("tests/pages"), &|_| false);
    pages.sort();
    let (mut total, mut disagree) = (0, 0);
    for page in &pages {
        let Some(html) = read(page) else { continue };
        total += 1;
        let cheap = pith::is_readerable(&html);
        let full = pith::clean(&html, None, &pith::Options::default()).is_ok_and(|a| a.readerable);
        if cheap != full {
            disagree += 1;
            let name = page.strip_prefix(&corpora).or_else(|_| page.strip_prefix(manifest)).unwrap_or(page);
            println!("{}  is_readerable={cheap} clean().readerable={full}", name.display());
        }
    }
    println!("{disagree} of {total} pages disagree");
}
