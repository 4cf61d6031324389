use std::fs;

use dom_smoothie::{Config, Metadata, Readability};

// `parse_in_place` leaves in the document exactly the article `parse` returns, and returns
// the same metadata.
#[test]
fn table_test_parse_in_place() {
    let doc_url = Some("http://fakehost/test/");
    let cfg = Config {
        classes_to_preserve: vec!["caption".into()],
        ..Default::default()
    };
    for entry in fs::read_dir("./test-pages/ok").unwrap() {
        let path = entry.unwrap().path().join("source.html");
        let source = fs::read_to_string(&path).unwrap();

        let mut serialized = Readability::new(source.clone(), doc_url, Some(cfg.clone())).unwrap();
        let mut in_place = Readability::new(source, doc_url, Some(cfg.clone())).unwrap();
        let article = serialized.parse().unwrap();
        let metadata = in_place.parse_in_place().unwrap();
        let root = in_place.article_root().expect("an article root");

        assert_eq!(
            root.html(),
            article.content,
            "content of {}",
            path.display()
        );
        assert_eq!(
            root.text(),
            article.text_content,
            "text of {}",
            path.display()
        );
        let article_metadata = Metadata {
            title: article.title,
            byline: article.byline,
            excerpt: article.excerpt,
            site_name: article.site_name,
            published_time: article.published_time,
            modified_time: article.modified_time,
            image: article.image,
            favicon: article.favicon,
            lang: article.lang,
            url: article.url,
            dir: article.dir,
        };
        assert_eq!(metadata, article_metadata, "metadata of {}", path.display());
    }
}

#[test]
fn no_article_root_before_parsing() {
    let ra = Readability::new("<html><body><p>Text</p></body></html>", None, None).unwrap();
    assert!(ra.article_root().is_none());
}
