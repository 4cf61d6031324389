//! Fuzzes the engine's entry point: any bytes, decoded as the CLI does, through
//! `pith::clean`. It must never panic, and its HTML must hold only allow-listed tags
//! (HTML's, and MathML's for formulas).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pith::{Options, clean};

#[path = "../../tests/support/allow_list.rs"]
mod allow_list;

fuzz_target!(|data: &[u8]| {
    let text = match std::str::from_utf8(data) {
        Ok(s) => s.to_owned(),
        Err(_) => match pith::input::decode(data) {
            Ok(t) => t,
            Err(_) => return,
        },
    };
    let Ok(article) = clean(&text, Some("https://fuzz.example/story"), &Options::default()) else { return };
    // Text and attribute values are escaped, so every `<` opens or closes an
    // allow-listed tag, and every `name="` inside a tag is an allow-listed attribute.
    for (i, _) in article.html.match_indices('<') {
        let rest = &article.html[i + 1..];
        let tag = &rest[..rest.find('>').expect("an unclosed tag")];
        // Quotes delimit values: the even pieces hold the tag name and attribute names.
        let mut pieces = tag.split('"').step_by(2);
        let first = pieces.next().unwrap_or("");
        let name = first.trim_start_matches('/').split_whitespace().next().unwrap_or("");
        let mathml = allow_list::MATHML_TAGS.contains(&name);
        assert!(allow_list::TAGS.contains(&name) || mathml, "tag {name:?} in the output");
        for attr in first.split_whitespace().skip(1).chain(pieces.map(str::trim)).filter(|s| !s.is_empty()) {
            let attr = attr.trim_end_matches('=');
            let known = allow_list::ATTRS.contains(&attr) || (mathml && allow_list::MATHML_ATTRS.contains(&attr));
            assert!(known, "attribute {attr:?} in <{tag}>");
        }
    }
});
