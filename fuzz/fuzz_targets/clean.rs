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
    // allow-listed tag, and every `name="value"` inside it is an allowed attribute (the
    // same judgment as tests/hostile.rs: names, URL schemes, Pith's classes and ids).
    for (i, _) in article.html.match_indices('<') {
        let rest = &article.html[i + 1..];
        let tag = &rest[..rest.find('>').expect("an unclosed tag")];
        // Quotes delimit values: even pieces hold names, each odd piece the value of
        // the name just before it.
        let pieces: Vec<&str> = tag.split('"').collect();
        let name = pieces[0].trim_start_matches('/').split_whitespace().next().unwrap_or("");
        let mathml = allow_list::MATHML_TAGS.contains(&name);
        assert!(allow_list::TAGS.contains(&name) || mathml, "tag {name:?} in the output");
        for (k, piece) in pieces.iter().enumerate().step_by(2) {
            for word in piece.split_whitespace().skip(usize::from(k == 0)) {
                let (attr, value) = match word.strip_suffix('=') {
                    Some(attr) => (attr, unescape(pieces.get(k + 1).copied().unwrap_or_default())),
                    None => (word, String::new()),
                };
                assert!(
                    allow_list::is_allowed_attribute(attr, &value, mathml),
                    "attribute {attr}={value:?} in <{tag}>"
                );
            }
        }
    }
});

/// An attribute value as the browser reads it (`render::escape_into` writes these five).
fn unescape(value: &str) -> String {
    value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}
