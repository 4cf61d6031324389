//! Hostile pages: every vector of `tests/fixtures/hostile/vectors.txt` is planted in an
//! article page and cleaned; the output must hold nothing that can run or navigate.
//!
//! The check does not trust the engine's own model: it parses the HTML output again
//! (as the panel does) and checks every element, attribute and URL against the
//! allow-list, then checks the Markdown links and the metadata URLs.

#![cfg(not(target_arch = "wasm32"))]

use dom_query::Document;
use pith::{Article, Options, clean};

const VECTORS: &str = include_str!("fixtures/hostile/vectors.txt");
const ARTICLE: &str = include_str!("fixtures/hostile/article.html");
const PAGE_URL: &str = "https://news.example/2024/lighthouse";
/// The JavaScript every vector would run: it must never reach a URL or attribute.
const PAYLOAD: &str = "__pith_hit";

#[path = "support/allow_list.rs"]
mod allow_list;

/// The three elements the HTML parser adds around any fragment, beside the allow-list.
const PARSER_WRAPPERS: &[&str] = &["html", "head", "body"];

struct Vector {
    id: String,
    flags: String,
    html: String,
}

impl Vector {
    fn is(&self, flag: &str) -> bool {
        self.flags.contains(&format!("[{flag}]"))
    }
}

/// Reads the corpus: `== ID [flags] description` headers, each followed by its HTML.
fn vectors() -> Vec<Vector> {
    let mut out: Vec<Vector> = Vec::new();
    for line in VECTORS.lines() {
        if let Some(header) = line.strip_prefix("== ") {
            let (id, rest) = header.split_once(' ').unwrap_or((header, ""));
            out.push(Vector { id: id.to_string(), flags: rest.to_string(), html: String::new() });
        } else if let Some(v) = out.last_mut().filter(|_| !line.starts_with('#')) {
            v.html.push_str(line);
            v.html.push('\n');
        }
    }
    for v in &mut out {
        v.html = v
            .html
            .trim()
            .replace("{JS}", &format!("top.__pith_hit('{}')", v.id))
            .replace("{NAV}", &format!("/nav/{}", v.id))
            .replace("{ID}", &v.id);
    }
    out
}

fn plant(html: &str) -> String {
    ARTICLE.replace("{{VECTOR}}", html)
}

/// In the article's own flow, after its second paragraph, where extraction keeps it.
fn plant_in_flow(html: &str) -> String {
    ARTICLE.replace(
        "<div class=\"story-extra\">{{VECTOR}}</div>",
        &format!("<p>The harbour master read the figures aloud.</p>{html}"),
    )
}

/// Every way the output could be dangerous, as messages (empty = safe).
fn problems(article: &Article) -> Vec<String> {
    let mut found = Vec::new();
    let dom = Document::from(article.html.as_str());
    for el in dom.select("*").nodes() {
        let tag = el.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        // MathML's elements only inside `<math>` (where the parser puts them in MathML's
        // namespace), HTML's only outside it.
        let in_math = el.ancestors_it(None).any(|a| a.has_name("math"));
        let mathml = allow_list::MATHML_TAGS.contains(&tag.as_str()) && (tag == "math" || in_math);
        let html = allow_list::TAGS.contains(&tag.as_str()) && !in_math;
        if !mathml && !html && !PARSER_WRAPPERS.contains(&tag.as_str()) {
            found.push(format!("tag <{tag}>"));
        }
        for attr in el.attrs() {
            let (name, value) = (attr.name.local.to_string(), attr.value.to_string());
            if !allow_list::is_allowed_attribute(&name, &value, mathml) {
                found.push(format!("attribute {name}={value:?} on <{tag}>"));
            }
            if matches!(name.as_str(), "href" | "src") && value.contains(PAYLOAD) {
                found.push(format!("payload in a URL: {name}={value:?}"));
            }
        }
    }
    // Markdown links and images: `](url)`; raw HTML outside code (a renderer would run it).
    let markdown = article.markdown.as_deref().unwrap_or_default();
    let prose: String = markdown.split("```").step_by(2).flat_map(|part| part.split('`').step_by(2)).collect();
    for (i, _) in prose.match_indices('<') {
        let after = &prose[i + 1..];
        let escaped = prose[..i].ends_with('\\');
        if !escaped
            && !after.starts_with("br>")
            && after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
        {
            found.push(format!("raw HTML in the Markdown: {:?}", after.chars().take(30).collect::<String>()));
        }
    }
    // (An escaped bracket, `\\](`, is text, not a link.)
    for (i, _) in markdown.match_indices("](").filter(|(i, _)| !markdown[..*i].ends_with('\\')) {
        let url = &markdown[i + 2..];
        if !allow_list::is_url_with_scheme(url, &["http:", "https:", "mailto:"]) {
            found.push(format!("markdown link to {:?}", url.chars().take(40).collect::<String>()));
        }
    }
    for (what, url) in [("url", &article.url), ("lead_image_url", &article.lead_image_url)] {
        if let Some(url) = url.as_deref().filter(|u| !allow_list::is_url_with_scheme(u, &["http:", "https:"])) {
            found.push(format!("metadata {what} = {url:?}"));
        }
    }
    found
}

#[test]
fn the_corpus_has_at_least_100_vectors_with_unique_ids() {
    let all = vectors();
    assert!(all.len() >= 100, "only {} vectors", all.len());
    let mut ids: Vec<&str> = all.iter().map(|v| v.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "duplicate vector ids");
    assert!(all.iter().all(|v| !v.html.is_empty()), "a vector without HTML");
}

#[test]
fn no_vector_survives_cleaning() {
    let mut failures = Vec::new();
    for v in vectors() {
        for url in [Some(PAGE_URL), None] {
            let article = match clean(&plant(&v.html), url, &Options::default()) {
                Ok(article) => article,
                Err(e) => {
                    failures.push(format!("{}: error {e}", v.id));
                    continue;
                }
            };
            for p in problems(&article) {
                failures.push(format!("{} (url {url:?}): {p}", v.id));
            }
            // The vector sat inside the article: its neighbours were kept, so the check
            // above really saw what the extractor did with it. (Raw-text vectors swallow
            // the rest of the page, their neighbours included.)
            if url.is_some() && !v.is("solo") && !article.html.contains("https://ok.example/control") {
                failures.push(format!("{}: the article around the vector was lost", v.id));
            }
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

/// Formulas, code and footnotes are kept now (issue 17): their vectors are planted where
/// extraction keeps them, and must reach the output, made safe.
#[test]
fn kept_vectors_reach_the_output_and_are_safe() {
    let empty = clean(&plant_in_flow(""), Some(PAGE_URL), &Options::default()).expect("an article");
    let kept: Vec<Vector> = vectors().into_iter().filter(|v| v.is("kept")).collect();
    assert!(kept.len() >= 15, "only {} kept vectors", kept.len());
    let mut failures = Vec::new();
    for v in kept {
        let article = clean(&plant_in_flow(&v.html), Some(PAGE_URL), &Options::default()).expect("an article");
        failures.extend(problems(&article).into_iter().map(|p| format!("{}: {p}", v.id)));
        if article.html == empty.html {
            failures.push(format!("{}: nothing of it reached the output, so nothing was checked", v.id));
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn all_vectors_in_one_page() {
    let all: String = vectors().iter().filter(|v| !v.is("solo")).map(|v| format!("<div>{}</div>\n", v.html)).collect();
    let article = clean(&plant(&all), Some(PAGE_URL), &Options::default()).expect("an article");
    assert_eq!(problems(&article), Vec::<String>::new());
    assert!(article.text.contains("the first light could shine again"), "{}", article.text);
}

/// The checker itself: it must see what it is there to see.
#[test]
fn the_checker_catches_unsafe_output() {
    for (html, markdown) in [
        ("<p onclick=\"x\">a</p>", ""),
        ("<script>x</script>", ""),
        ("<a href=\"javascript:x\">a</a>", ""),
        ("<img src=\"data:image/png,x\">", ""),
        ("<svg></svg>", ""),
        ("<a href=\"https://x/?__pith_hit\">a</a>", ""),
        ("<p>a</p>", "[a](javascript:x)"),
        ("<p>a</p>", "$x <img src=x onerror=alert(1)>$"),
        ("<p class=\"toolbar\">a</p>", ""),
        ("<li id=\"pith-title\">a</li>", ""),
        ("<mi>x</mi>", ""),
        ("<math><mi mathvariant=\"url(javascript:x)\">x</mi></math>", ""),
        ("<math><annotation encoding=\"text/html\">x</annotation></math>", ""),
        ("<math><maction>x</maction></math>", ""),
        ("<a href=\"#top\">a</a>", ""),
    ] {
        let article = Article { html: html.into(), markdown: Some(markdown.into()), ..Article::default() };
        assert!(!problems(&article).is_empty(), "{html} {markdown}");
    }
    let safe = Article {
        html: "<p><a href=\"https://x/\" rel=\"noopener noreferrer\" target=\"_blank\">a</a><sup class=\"footnote-ref\">\
               <a href=\"#pith-fn-1\">1</a></sup> <math display=\"block\"><semantics><mi mathvariant=\"bold\">x</mi>\
               <annotation encoding=\"application/x-tex\">x</annotation></semantics></math></p>\
               <pre><code class=\"language-c++\">a&lt;b</code></pre><ol class=\"footnotes\"><li id=\"pith-fn-1\" value=\"3\">n</li></ol>"
            .into(),
        markdown: Some("a[^1] $x \\lt y$ `<b>` and\n```\n<div>\n```\n| a<br>b |".into()),
        ..Article::default()
    };
    assert_eq!(problems(&safe), Vec::<String>::new());
}
