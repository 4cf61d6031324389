//! Pith's extraction layer on small hand-made pages: boilerplate removal, lazy images,
//! the headline and byline lines, metadata, the second candidate.

use pith::{Options, clean};

/// A page with a real article (enough text for Readability) and the given extras.
fn page(head: &str, before: &str, after: &str) -> String {
    let para = "The council met on Tuesday evening to discuss the new bridge over the river, \
        which has divided the town for years and will cost more than expected. ";
    let body: String = (0..6).map(|i| format!("<p>{i}. {}</p>", para.repeat(2))).collect();
    format!(
        "<html lang=\"en\"><head><title>Bridge vote - Town Times</title>{head}</head><body>\
         <nav><a href=\"/\">Home</a></nav><article><h1>Bridge vote</h1>{before}{body}{after}</article>\
         <footer>About us</footer></body></html>"
    )
}

fn text_of(html: &str) -> String {
    clean(html, Some("https://town.example/news/bridge"), &Options::default()).expect("an article").text
}

#[test]
fn headline_is_not_repeated_in_the_text() {
    let text = text_of(&page("", "", ""));
    assert!(!text.starts_with("Bridge vote"), "{text}");
    assert!(text.starts_with("0. The council"), "{text}");
}

#[test]
fn share_bars_related_lists_and_newsletters_go() {
    let before = "<p>By Jane Doe</p><p>Updated Nov 20, 2019 1:35 a.m.</p>\
        <div class=\"social-share\"><a href=\"/s\">Share on Facebook</a></div>";
    let after = "<h2>Related stories</h2><ul><li><a href=\"/a\">Another bridge</a></li></ul>\
        <p>Sign up for our newsletter</p><p>© 2019 Town Times. All rights reserved.</p>";
    let text = text_of(&page("", before, after));
    for clutter in ["Jane Doe", "Updated", "Share on", "Related", "Another bridge", "newsletter", "rights reserved"] {
        assert!(!text.contains(clutter), "clutter {clutter:?} in {text}");
    }
    assert!(text.contains("5. The council"), "{text}");
}

#[test]
fn lazy_images_are_resolved() {
    let before = "<figure><img src=\"data:image/gif;base64,R0lGOD\" data-src=\"/img/bridge.jpg\" alt=\"The bridge\">\
        <figcaption>The old bridge.</figcaption></figure>";
    let article = clean(&page("", before, ""), Some("https://town.example/news/bridge"), &Options::default())
        .expect("an article");
    assert!(article.html.contains("src=\"https://town.example/img/bridge.jpg\""), "{}", article.html);
    assert!(!article.html.contains("data:"), "{}", article.html);
}

#[test]
fn published_time_is_iso_8601() {
    let head = "<meta property=\"article:published_time\" content=\"2019-11-20 10:43:37\">";
    let article = clean(&page(head, "", ""), None, &Options::default()).expect("an article");
    assert_eq!(article.published_time.as_deref(), Some("2019-11-20T10:43:37"));
    assert_eq!(article.title.as_deref(), Some("Bridge vote"), "title without the site suffix");
    assert_eq!(article.lang.as_deref(), Some("en"));
}

#[test]
fn time_element_gives_the_date_when_meta_has_none() {
    let before = "<time datetime=\"2020-02-03T08:00:00Z\">3 February</time>";
    let article = clean(&page("", before, ""), None, &Options::default()).expect("an article");
    assert_eq!(article.published_time.as_deref(), Some("2020-02-03T08:00:00Z"));
}

#[test]
fn bare_text_page_becomes_a_paragraph() {
    let article = clean("<html><body>Test</body></html>", None, &Options::default()).expect("no error");
    assert_eq!(article.text, "Test");
}

#[test]
fn deep_nesting_finishes() {
    let html = format!("{}<p>deep</p>{}", "<div>".repeat(5000), "</div>".repeat(5000));
    let _ = clean(&html, None, &Options::default());
}

#[test]
fn a_caption_near_the_top_is_not_taken_for_a_byline_line() {
    let figure = "<figure><img src=\"/map.png\" alt=\"Map\"><figcaption>Figure 1: the route chosen by the council in 2024.</figcaption></figure>";
    let text = text_of(&page("", figure, ""));
    assert!(text.contains("Figure 1: the route chosen by the council in 2024."), "{text}");
}

#[test]
fn cjk_pages_with_short_paragraphs_are_readerable() {
    // Sixty characters of Chinese say about as much as a long English paragraph.
    let para = "市议会周二晚上开会讨论河上的新桥，这座桥多年来一直让小镇意见分歧，而且花费超出预期。".repeat(2);
    let body: String = (0..8).map(|_| format!("<p>{para}</p>")).collect();
    let zh = format!(
        "<html lang=\"zh-CN\"><head><title>新桥投票</title></head><body><article>{body}</article></body></html>"
    );
    assert!(pith::is_readerable(&zh, None));
    // Without the language, the title tells.
    assert!(pith::is_readerable(&zh.replace(" lang=\"zh-CN\"", ""), None));
    // The same short paragraphs in English are not enough.
    let en_para = "The council met on Tuesday to discuss the bridge.".to_string();
    let en: String = (0..8).map(|_| format!("<p>{en_para}</p>")).collect();
    assert!(!pith::is_readerable(&format!("<html lang=en><title>Vote</title><body>{en}</body></html>"), None));
}
