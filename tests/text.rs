//! Word counts, reading time, sentences and summaries through the public API, on Pith's
//! own fixtures (`tests/fixtures/text/`). Every expected count is derived by hand in the
//! comment beside it.

use pith::{Options, clean, clean_text};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Checks a text fixture's counts: (words, spaced words, CJK characters, reading minutes).
fn assert_counts(name: &str, expected: (usize, usize, usize, u32)) {
    let article = clean_text(&fixture(&format!("text/{name}")), &Options::default()).expect("the fixture has text");
    let t = &article.reading_time;
    assert_eq!((article.word_count, t.spaced_words, t.cjk_characters, article.reading_minutes), expected, "{name}");
}

/// The seed article's clean body: 251 whitespace-separated tokens (the `--` included), as
/// the reading app behind the seed counts them.
#[test]
fn seed_body_is_251_words() {
    let article =
        clean(&fixture("../pages/seed-news-page/source.html"), None, &Options::default()).expect("an article");
    assert_eq!(article.word_count, 251);
    assert_eq!(article.reading_time.spaced_words, 251);
    // 251 / 238 wpm = 1.05 min; fast 251 / 300 = 0.8, slow 251 / 175 = 1.4: all 1 minute.
    assert_eq!(
        (article.reading_minutes, article.reading_time.min_minutes, article.reading_time.max_minutes),
        (1, 1, 1)
    );
}

/// Paragraph 1: The city council met on Tuesday. (6) It approved a new budget of $1.5
/// million for parks -- the largest in a decade. (16) Paragraph 2: Mr. Smith, the mayor,
/// said the U.S. grant helped. (9) "We are grateful," he said. (5). 6 + 16 + 9 + 5 = 36.
#[test]
fn english_counts_whitespace_tokens() {
    assert_counts("english.txt", (36, 36, 0, 1));
}

/// 東京都は (4) 3 (1) 日 (1) 新しい公園を開いた (9) = 15; 来場者は約 (5) 1200 (1) 人だった (4) = 10.
/// Kanji and kana: 4 + 1 + 9 + 5 + 4 = 23 characters; the numbers 3 and 1200: 2 words.
/// Punctuation (、。) counts nothing.
#[test]
fn japanese_counts_one_word_per_character() {
    assert_counts("japanese.txt", (25, 2, 23, 1));
}

/// 北京市今天发布了新的空气质量报告 (16 Han); 报告显示 (4) PM2.5 (1) 浓度下降了 (5) 15% (1).
/// Han: 16 + 4 + 5 = 25; PM2.5 and 15%: 2 words. 27 in all.
#[test]
fn chinese_counts_one_word_per_character() {
    assert_counts("chinese.txt", (27, 2, 25, 1));
}

/// 서울시는 오늘 새로운 교통 정책을 발표했다. (6) 시민들은 대체로 환영했다. (3): Hangul counts by spaces.
#[test]
fn korean_counts_by_spaces() {
    assert_counts("korean.txt", (9, 9, 0, 1));
}

/// Apple (1) 发布了 (3) iPhone (1) 16 (1) 日本では (4) 新型 (2) と (1) 呼ばれている (6);
/// The launch drew 500 people. (5) 서울 시민 (2). Spaced: 1 + 1 + 1 + 5 + 2 = 10;
/// CJK: 3 + 4 + 2 + 1 + 6 = 16. 26 in all.
#[test]
fn mixed_scripts_add_up() {
    assert_counts("mixed.txt", (26, 10, 16, 1));
}

#[test]
fn empty_article_reads_in_zero_minutes() {
    let article = clean_text("   \n\n  ", &Options::default());
    if let Ok(article) = article {
        assert_eq!((article.word_count, article.reading_minutes), (0, 0));
    }
}

/// The summary never cuts a sentence: on the seed, three whole sentences of the clean text,
/// in document order, each ending where a sentence ends, no two alike.
#[test]
fn seed_summary_is_three_whole_sentences_in_order() {
    let article =
        clean(&fixture("../pages/seed-news-page/source.html"), None, &Options::default()).expect("an article");
    assert_eq!(article.summary.len(), 3, "{:?}", article.summary);
    let mut from = 0;
    for s in &article.summary {
        let at = article.text[from..].find(s.as_str()).unwrap_or_else(|| panic!("{s:?} not in order in the text"));
        from += at + s.len();
        assert!(s.ends_with(['.', '!', '?', '"', '”']), "{s:?} is cut");
    }
    let mut unique = article.summary.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 3);
}

/// `--summary N`: N sentences, or, when that would be most of a short text (4 sentences,
/// 36 words here), as many as stay under half of it (issue 21).
#[test]
fn summary_length_follows_the_option() {
    let text = fixture("text/english.txt");
    for (n, expected) in [(0, 0), (1, 1), (2, 2), (10, 2)] {
        let article = clean_text(&text, &Options { summary_sentences: n, ..Options::default() }).expect("text");
        assert_eq!(article.summary.len(), expected, "--summary {n}: {:?}", article.summary);
    }
}
