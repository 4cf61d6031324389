//! Technical articles come through whole (issue 17): each fixture page of `tests/pages/`
//! that has an `items.json` (written by hand: what the page holds) is cleaned, and every
//! item must be there, as a reader copying the article would check it:
//!
//! - `code`: each block as a Markdown fence with its language, its text exact;
//! - `math`: each formula's TeX between dollars (spaces aside), or as the page wrote it;
//! - `footnotes`: each note as a `[^n]:` definition whose `[^n]` is in the text;
//! - `cells`: each data-table cell in a GFM table row;
//! - `images`: each picture's address in the HTML; `videos`: a link to each embedded
//!   video's page (the panel embeds no player);
//! - `captions`, `credits`, `quotes`: in the text, in `<small class="credit">`, in a quote;
//! - `absent`: chrome (line numbers glued to code, "Copy", back-links) nowhere.
//!
//! `tools/eval-technical` counts the same items as figures.

#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use pith::{Article, Options, clean};
use serde_json::Value;

fn strings(items: &Value, key: &str) -> Vec<String> {
    items[key].as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Markdown text as read: escapes out, `<br>` as a space, spaces collapsed.
fn words(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| "\\`*_[]<>#|$".contains(*n)) {
            continue;
        }
        out.push(c);
    }
    out.replace("<br>", " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cells(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in markdown.lines().map(str::trim).filter(|l| l.starts_with('|') && l.ends_with('|')) {
        let inner = &line[1..line.len() - 1];
        let mut cell = String::new();
        let mut escaped = false;
        for c in inner.chars() {
            if c == '|' && !escaped {
                out.push(words(&cell));
                cell.clear();
            } else {
                cell.push(c);
            }
            escaped = c == '\\' && !escaped;
        }
        out.push(words(&cell));
    }
    out
}

fn check(slug: &str, items: &Value, article: &Article) -> Vec<String> {
    let md = article.markdown.as_deref().unwrap_or_default();
    let mut misses = Vec::new();
    for block in items["code"].as_array().into_iter().flatten() {
        let (lang, text) = (block["lang"].as_str().unwrap_or_default(), block["text"].as_str().unwrap_or_default());
        let fenced = format!("```{lang}\n{text}\n```");
        if !md.contains(&fenced) {
            misses.push(format!("code block ({lang}) starting {:?}", text.lines().next().unwrap_or_default()));
        }
    }
    let squashed = squash(md);
    for tex in strings(items, "math") {
        let t = squash(&tex);
        if !squashed.contains(&format!("${t}$")) && !squashed.contains(&format!("\\({t}\\)")) {
            misses.push(format!("formula {tex:?}"));
        }
    }
    let (body, notes) = md.split_once("\n[^").map_or((md, ""), |(b, n)| (b, n));
    for note in strings(items, "footnotes") {
        let definition = format!("\n[^{notes}").lines().find(|l| words(l).contains(&words(&note))).map(str::to_string);
        let label =
            definition.as_deref().and_then(|d| d.strip_prefix("[^")?.split_once("]:")).map(|(l, _)| l.to_string());
        if !label.is_some_and(|l| body.contains(&format!("[^{l}]"))) {
            misses.push(format!("footnote {note:?}"));
        }
    }
    let mut table = cells(md);
    for cell in strings(items, "cells") {
        match table.iter().position(|c| *c == words(&cell)) {
            Some(i) => drop(table.remove(i)),
            None => misses.push(format!("table cell {cell:?}")),
        }
    }
    for url in strings(items, "images") {
        // The address as the HTML writes it (`&` escaped in an attribute).
        if !article.html.contains(&format!("src=\"{}\"", url.replace('&', "&amp;"))) {
            misses.push(format!("image {url}"));
        }
    }
    for url in strings(items, "videos") {
        if !article.html.contains(&format!("href=\"{}\"", url.replace('&', "&amp;"))) {
            misses.push(format!("video {url}"));
        }
    }
    for caption in strings(items, "captions") {
        if !article.text.contains(&caption) {
            misses.push(format!("caption {caption:?}"));
        }
    }
    for credit in strings(items, "credits") {
        if !article.html.contains(&format!("<small class=\"credit\">{}</small>", credit.replace('&', "&amp;"))) {
            misses.push(format!("credit {credit:?}"));
        }
    }
    for quote in strings(items, "quotes") {
        if !md.lines().any(|l| l.starts_with('>') && words(l).contains(&words(&quote))) {
            misses.push(format!("quote {quote:?}"));
        }
    }
    for chrome in strings(items, "absent") {
        if article.text.contains(&chrome) || md.contains(&chrome) {
            misses.push(format!("{chrome:?} shows"));
        }
    }
    misses.into_iter().map(|m| format!("{slug}: {m}")).collect()
}

#[test]
fn every_item_of_every_technical_page_is_kept() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages");
    let mut pages: Vec<_> = std::fs::read_dir(&root).expect("tests/pages").flatten().map(|e| e.path()).collect();
    pages.sort();
    let mut checked = 0;
    let mut misses = Vec::new();
    for dir in pages.iter().filter(|d| d.join("items.json").exists()) {
        let slug = dir.file_name().unwrap_or_default().to_string_lossy().to_string();
        let items: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("items.json")).expect("items.json"))
            .expect("items.json is JSON");
        let html = std::fs::read_to_string(dir.join("source.html")).expect("source.html");
        let article = clean(&html, items["url"].as_str(), &Options::default()).expect("an article");
        misses.extend(check(&slug, &items, &article));
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} technical pages");
    assert!(misses.is_empty(), "{} items not kept:\n{}", misses.len(), misses.join("\n"));
}
