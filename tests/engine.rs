//! The engine end to end on Pith's own fixtures (`tests/fixtures/`).

use pith::{Options, clean};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The seed document served as a news site would: six distinct paragraphs, five repeated.
#[test]
fn seed_page_has_six_paragraphs_and_251_words() {
    let article = clean(
        &fixture("../pages/seed-news-page/source.html"),
        Some("https://news.example/world/20240323-rafah"),
        &Options::default(),
    )
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
    let article = clean(&fixture("../pages/seed-news-page/source.html"), None, &options).unwrap();
    assert_eq!(article.paragraph_count, 11);
    assert!(article.duplicates.is_empty());
}

#[test]
fn empty_input_is_a_clear_error() {
    assert_eq!(clean("   ", None, &Options::default()), Err(pith::PithError::Empty));
}

/// Metadata entities escaped twice (common in CMS meta tags) are decoded like Readability.js
/// does: the five XML entities and numeric references (vendor/dom_smoothie/PATCHES.md).
#[test]
fn doubly_escaped_metadata_is_decoded() {
    let body = "<p>A paragraph long enough to count as article text, with several words in it.</p>".repeat(8);
    let html = format!(
        r#"<html><head><meta property="og:site_name" content="Smith &amp;amp; Sons &amp;#x263A; &amp;#169; &amp;bogus;">
        <title>A title</title></head><body><article>{body}</article></body></html>"#
    );
    let article = clean(&html, None, &Options::default()).expect("an article");
    assert_eq!(article.site_name.as_deref(), Some("Smith & Sons ☺ © &bogus;"));
}

/// Named character references decode as the HTML standard says, through the vendored
/// entity table (vendor/web_atoms/PATCHES.md): full names, the legacy names that need no
/// semicolon (longest match), two-codepoint names, and unknown names left as written.
#[test]
fn named_character_references_are_decoded() {
    let body = "<p>A paragraph long enough to count as article text, with several words in it.</p>".repeat(8);
    let html = format!(
        "<html><body><article><p>Entities: &amp; &AMP; &notin; &notit; &fjlig; &NotEqualTilde; \
         &ampx &bogus; &lt &Aacute;&aacute &zwnj;| &CounterClockwiseContourIntegral; end.</p>{body}</article></body></html>"
    );
    let article = clean(&html, None, &Options::default()).expect("an article");
    assert!(
        article.text.contains("Entities: & & ∉ ¬it; fj \u{2242}\u{338} &x &bogus; < Áá \u{200c}| ∳ end."),
        "{}",
        article.text
    );
}

/// Found by `make fuzz`: removing a repeated paragraph can leave a block holding only
/// inline text, which then is a paragraph of its own; it is counted like the others (the
/// counts must describe the article as it is shown).
#[test]
fn a_paragraph_revealed_by_removal_is_counted() {
    let html = fixture("fuzz-dedupe-reveals-a-paragraph.html");
    let article = clean(&html, Some("https://fuzz.example/story"), &Options::default()).expect("an article");
    assert_eq!(article.duplicates.len(), 1);
    assert!(article.text.contains("link text"), "{}", article.text);
    assert_eq!(article.word_count, pith::text::words::count_words(&article.text).total());
    assert_eq!(article.paragraph_count, 2);
}

/// Every sentence of the article, in order, each inside one paragraph of the text, and
/// together all of its words.
fn assert_covers_the_text_in_order(article: &pith::Article) {
    let sentences = article.sentences.as_ref().expect("sentences asked for");
    let mut at = 0;
    for sentence in sentences {
        assert!(!sentence.contains("\n\n"), "one paragraph at most: {sentence}");
        at += article.text[at..]
            .find(sentence.as_str())
            .unwrap_or_else(|| panic!("not in the text in order: {sentence}"));
    }
    assert_eq!(sentences.join(" ").split_whitespace().count(), article.text.split_whitespace().count());
}

/// Reading aloud (issue 19): the `sentences` option lists every sentence, in order, so the
/// extension's Listen reads the engine's sentences; without the option there is no list.
#[test]
fn the_sentences_option_lists_every_sentence_of_the_text_in_order() {
    let page = fixture("../pages/seed-news-page/source.html");
    let article = clean(&page, None, &Options { sentences: true, ..Options::default() }).expect("an article");
    let sentences = article.sentences.as_deref().unwrap_or_default();
    assert_eq!(
        sentences.first().map(String::as_str),
        Some("Officials in Washington have felt a growing frustration with Israel's conduct in Gaza.")
    );
    assert!(sentences.iter().any(|s| s == "He flatly said it would be a \"mistake\"."));
    assert_covers_the_text_in_order(&article);
    assert_eq!(clean(&page, None, &Options::default()).expect("an article").sentences, None);
}

/// The summary's rules (no summary of half a short article, no caption or heading, no
/// label line) never change what is read aloud: a short article with a heading, a caption
/// and a byline is read whole, though it gets no summary.
#[test]
fn the_sentences_do_not_follow_the_summarys_rules() {
    let html = "<html><body><article><h1>Harbour reopens</h1><p>By Ana Ruiz</p>\
        <p>The harbour reopened on Monday after a month of repairs to its old stone wall.</p>\
        <h2>What comes next</h2>\
        <figure><img src=\"a.jpg\"><figcaption>Boats in the harbour at dawn.</figcaption></figure>\
        <p>Fishing boats returned within hours. The market opens at noon.</p></article></body></html>";
    let article = clean(html, None, &Options { sentences: true, ..Options::default() }).expect("an article");
    assert!(article.summary.len() < 3, "{:?}", article.summary);
    let sentences = article.sentences.as_deref().unwrap_or_default();
    for expected in ["What comes next", "Boats in the harbour at dawn.", "The market opens at noon."] {
        assert!(sentences.iter().any(|s| s == expected), "{expected:?} not in {sentences:?}");
    }
    assert_covers_the_text_in_order(&article);
}

/// The reader picked the article by hand (the extension's "Pick the text"): the page's
/// body is the article, short blocks Readability would not count included, cleaned and
/// measured as usual, with the metadata from the page's head.
#[test]
fn a_picked_body_is_the_article_cleaned_as_usual() {
    let page = fixture("picked/recipe-steps.html");
    let options = Options { body_is_article: true, ..Options::default() };
    let article = clean(&page, Some("https://bread.example/rye"), &options).expect("the picked block");
    assert!(article.readerable);
    assert_eq!(article.title.as_deref(), Some("Rye sourdough, step by step"));
    assert_eq!(article.byline.as_deref(), Some("Mara Lindqvist"));
    assert_eq!(article.site_name.as_deref(), Some("The Bread Notebook"));
    assert!(article.published_time.as_deref().is_some_and(|t| t.starts_with("2026-03-14")));
    // Every block the reader chose, the list included; the repeat removed; the share line dropped.
    for kept in ["In the morning", "Salt, 10 g", "cool the loaf"] {
        assert!(article.text.contains(kept), "{kept:?} missing from {:?}", article.text);
    }
    assert_eq!(article.text.matches("Feed the starter").count(), 1);
    assert_eq!(article.duplicates.len(), 1);
    assert!(!article.text.contains("Share this"), "{:?}", article.text);
    assert!(article.word_count > 40 && !article.summary.is_empty());
}

/// A picked block with nothing to read in it is no article (the panel says so), not an error.
#[test]
fn an_empty_picked_body_is_no_article() {
    let options = Options { body_is_article: true, ..Options::default() };
    let article = clean("<html><head><title>T</title></head><body><nav>Home</nav></body></html>", None, &options)
        .expect("no error");
    assert!(!article.readerable);
    assert_eq!(article.word_count, 0);
}
