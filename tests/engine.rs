//! The engine end to end on Pith's own fixtures (`tests/fixtures/`).

use pith::{Options, clean};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The seed document served as a news site would: six distinct paragraphs, five repeated.
#[test]
fn seed_page_has_six_paragraphs_and_251_words() {
    let article =
        clean(&fixture("seed-news-page.html"), Some("https://news.example/world/20240323-rafah"), &Options::default())
            .expect("the seed page is an article");
    assert_eq!(article.title.as_deref(), Some("Blinken warns Israel against Rafah ground offensive"));
    assert_eq!(article.site_name.as_deref(), Some("World News Today"));
    assert_eq!(article.paragraph_count, 6, "{}", article.text);
    assert_eq!(article.word_count, 251);
    assert_eq!(article.duplicates.len(), 5);
    assert_eq!(article.text.matches("Blinken met for talks").count(), 1);
    assert!(article.readerable);
    for clutter in ["cookies", "Subscribe", "Related stories", "All rights reserved", "Sport"] {
        assert!(!article.text.contains(clutter), "clutter {clutter:?} in the article");
    }
}

#[test]
fn no_dedupe_keeps_the_repeats() {
    let options = Options { dedupe: false, ..Options::default() };
    let article = clean(&fixture("seed-news-page.html"), None, &options).unwrap();
    assert_eq!(article.paragraph_count, 11);
    assert!(article.duplicates.is_empty());
}

#[test]
fn empty_input_is_a_clear_error() {
    assert_eq!(clean("   ", None, &Options::default()), Err(pith::PithError::Empty));
}
