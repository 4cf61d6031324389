//! The command-line tool as a user runs it: `pith page.html`, batches, JSON Lines, and what
//! it says when a page has no article or a file cannot be read.

#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output};

fn pith(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pith")).args(args).output().expect("the pith binary runs")
}

fn page(name: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "pages", name, "source.html"].iter().collect();
    path.to_string_lossy().into_owned()
}

/// A page (or a text: `name` may carry its extension) written to a temporary file, removed
/// when dropped.
struct TempPage(PathBuf);

impl TempPage {
    fn new(name: &str, html: &str) -> TempPage {
        let file = if name.contains('.') { name.to_string() } else { format!("{name}.html") };
        let path = std::env::temp_dir().join(format!("pith-cli-{}-{file}", std::process::id()));
        std::fs::write(&path, html).expect("a temporary page is written");
        TempPage(path)
    }
    fn path(&self) -> &str {
        self.0.to_str().expect("a UTF-8 temporary path")
    }
}

impl Drop for TempPage {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn prints_the_article_text_and_nothing_on_standard_error() {
    let run = pith(&[&page("byline-by-line")]);
    assert!(run.status.success());
    assert!(text(&run.stdout).split_whitespace().count() > 50, "the article's text is printed");
    assert_eq!(text(&run.stderr), "", "an article page needs no remark");
}

#[test]
fn json_lines_give_one_object_per_file_and_an_error_record_for_a_missing_one() {
    let missing = "/nonexistent/pith-cli-missing.html";
    let run = pith(&["--format", "json", &page("byline-by-line"), missing]);
    assert!(!run.status.success(), "a file that cannot be read makes the run fail");
    let lines: Vec<serde_json::Value> =
        text(&run.stdout).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    assert_eq!(lines.len(), 2, "one record per input, the failing one included");
    assert!(lines[0]["word_count"].as_u64().unwrap() > 50 && lines[0]["readerable"] == true);
    assert_eq!(lines[1]["file"], missing);
    assert!(lines[1]["error"].is_string(), "the failing input says why: {}", lines[1]);
    assert!(text(&run.stderr).contains(missing), "standard error names the file");
}

#[test]
fn a_page_with_no_readable_text_says_so_instead_of_printing_nothing() {
    // Paragraphs of zero-width spaces only: nothing a reader could see.
    let empty = TempPage::new(
        "invisible",
        "<html><head><title>Nothing</title></head><body><article><p>&#8203;</p>\
         <p>&#8203; &#xFEFF;</p></article></body></html>",
    );
    let run = pith(&[empty.path()]);
    assert!(run.status.success(), "no article is an answer, not a failure");
    assert!(text(&run.stdout).trim().is_empty());
    assert!(text(&run.stderr).contains("no article found"), "stderr: {}", text(&run.stderr));

    let json = pith(&["--format", "json", empty.path()]);
    let record: serde_json::Value = serde_json::from_str(text(&json.stdout).trim()).expect("JSON");
    assert_eq!((record["readerable"].as_bool(), record["word_count"].as_u64()), (Some(false), Some(0)));
}

#[test]
fn a_listing_page_is_printed_with_a_remark_that_it_is_not_an_article() {
    let listing = TempPage::new(
        "listing",
        &format!(
            "<html><head><title>News</title></head><body><main>{}</main></body></html>",
            (1..=12)
                .map(|i| format!(
                    "<div class=\"card\"><h3><a href=\"/story-{i}\">Story number {i} of the day</a></h3></div>"
                ))
                .collect::<String>()
        ),
    );
    let run = pith(&[listing.path()]);
    assert!(run.status.success());
    assert!(text(&run.stderr).contains("not an article"), "stderr: {}", text(&run.stderr));
}

#[test]
fn bad_arguments_show_the_usage_and_exit_2() {
    let run = pith(&["--format", "yaml", "x.html"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("usage: pith"));
}

/// A `.txt` file is read as plain text, and a text with no blank lines has a paragraph per
/// line (as the seed document is written): its repeated lines are found and removed.
#[test]
fn a_text_file_with_a_paragraph_per_line_is_de_duplicated() {
    let lines = [
        "The council voted on Tuesday to keep the harbour ferry running through the winter months.",
        "The service had been due to stop in November after the operator lost its subsidy last year.",
        "Councillors agreed to pay the difference from the transport budget until a new contract is let.",
    ];
    let body = format!("{}\n{}\n{}\n{}\n{}\n", lines[0], lines[1], lines[2], lines[1], lines[2]);
    let notes = TempPage::new("notes.txt", &body);
    let json = pith(&["--format", "json", notes.path()]);
    assert!(json.status.success());
    let record: serde_json::Value = serde_json::from_str(text(&json.stdout).trim()).expect("JSON");
    assert_eq!(record["paragraph_count"].as_u64(), Some(3), "{record}");
    assert_eq!(record["duplicates"].as_array().map(Vec::len), Some(2));
    assert_eq!(record["text"].as_str(), Some(lines.join("\n\n").as_str()));

    // Asked to read it as a page, the lines run together into one paragraph, as HTML has it.
    let as_html = pith(&["--format", "json", "--input", "html", notes.path()]);
    let record: serde_json::Value = serde_json::from_str(text(&as_html.stdout).trim()).expect("JSON");
    assert_eq!(record["paragraph_count"].as_u64(), Some(1));
}
