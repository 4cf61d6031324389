// Copyright 2014-2017 The html5ever Project Developers. See the
// COPYRIGHT file at the top-level directory of this distribution.
//
// Licensed under the Apache License, Version 2.0 <LICENSE-APACHE or
// http://www.apache.org/licenses/LICENSE-2.0> or the MIT license
// <LICENSE-MIT or http://opensource.org/licenses/MIT>, at your
// option. This file may not be copied, modified, or distributed
// except according to those terms.

extern crate string_cache_codegen;

use std::collections::BTreeMap;
use std::env;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

mod entities;
mod html4_names;

static NAMESPACES: &[(&str, &str)] = &[
    ("", ""),
    ("*", "*"),
    ("html", "http://www.w3.org/1999/xhtml"),
    ("xml", "http://www.w3.org/XML/1998/namespace"),
    ("xmlns", "http://www.w3.org/2000/xmlns/"),
    ("xlink", "http://www.w3.org/1999/xlink"),
    ("svg", "http://www.w3.org/2000/svg"),
    ("mathml", "http://www.w3.org/1998/Math/MathML"),
];

fn main() {
    let generated = Path::new(&env::var("OUT_DIR").unwrap()).join("generated.rs");
    let mut generated = BufWriter::new(File::create(generated).unwrap());

    write_named_entities(&Path::new(&env::var("OUT_DIR").unwrap()).join("named_entities.rs"));

    // Create a string cache for local names
    let local_names = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("local_names.txt");
    let mut local_names_atom = string_cache_codegen::AtomType::new("LocalName", "local_name!");
    for line in BufReader::new(File::open(local_names).unwrap()).lines() {
        let local_name = line.unwrap();
        local_names_atom.atom(&local_name);
        local_names_atom.atom(&local_name.to_ascii_lowercase());
    }
    local_names_atom
        .with_macro_doc("Takes a local name as a string and returns its key in the string cache.")
        .write_to(&mut generated)
        .unwrap();

    // Create a string cache for namespace prefixes
    string_cache_codegen::AtomType::new("Prefix", "namespace_prefix!")
        .with_macro_doc("Takes a namespace prefix string and returns its key in a string cache.")
        .atoms(NAMESPACES.iter().map(|&(prefix, _url)| prefix))
        .write_to(&mut generated)
        .unwrap();

    // Create a string cache for namespace urls
    string_cache_codegen::AtomType::new("Namespace", "namespace_url!")
        .with_macro_doc("Takes a namespace url string and returns its key in a string cache.")
        .atoms(NAMESPACES.iter().map(|&(_prefix, url)| url))
        .write_to(&mut generated)
        .unwrap();

    writeln!(
        generated,
        r#"
        /// Maps the input of [`namespace_prefix!`](macro.namespace_prefix.html) to
        /// the output of [`namespace_url!`](macro.namespace_url.html).
        ///
        #[macro_export] macro_rules! ns {{
        "#
    )
    .unwrap();
    for &(prefix, url) in NAMESPACES {
        writeln!(
            generated,
            "({prefix}) => {{ $crate::namespace_url!({url:?}) }};"
        )
        .unwrap();
    }
    writeln!(generated, "}}").unwrap();
}

// The names sorted and concatenated, searched by `NamedEntities::get` (lib.rs). A phf map
// needed an entry for every name *and every prefix of every name* (9,854 keys for 2,231
// names) to answer "keep reading"; a sorted table answers it with the name that follows.
fn write_named_entities(to: &Path) {
    let html4_only = env::var_os("CARGO_FEATURE_HTML4_ENTITIES").is_some();
    let entities: BTreeMap<&str, (u32, u32)> = entities::NAMED_ENTITIES
        .iter()
        .map(|(name, cp1, cp2)| {
            assert!(name.starts_with('&'));
            (&name[1..], (*cp1, *cp2))
        })
        .filter(|(name, _)| {
            !html4_only || html4_names::HTML4_NAMES.contains(&name.trim_end_matches(';'))
        })
        .collect();

    // BTreeMap<&str> iterates in byte order, the order `NamedEntities::get` searches in.
    let mut names = String::new();
    let mut ends = Vec::new();
    let mut codepoints = Vec::new();
    for (name, value) in &entities {
        names.push_str(name);
        ends.push(u16::try_from(names.len()).expect("entity names fit in u16 offsets"));
        codepoints.push(format!("{value:?}"));
    }

    // Where the names starting with each ASCII byte begin (names start with a letter): the
    // search then covers one letter's names, not all of them.
    let mut by_first_byte = vec![0u16; 129];
    for (byte, start) in by_first_byte.iter_mut().enumerate() {
        let below = entities
            .keys()
            .filter(|name| usize::from(name.as_bytes()[0]) < byte)
            .count();
        *start = u16::try_from(below).expect("entity count fits in u16");
    }

    let mut file = File::create(to).unwrap();
    writeln!(
        &mut file,
        r#"
/// A map of entity names to their codepoints. The second codepoint will
/// be 0 if the entity contains a single codepoint. Entities have their preceding '&' removed.
/// Every prefix of a name maps to (0, 0).
///
/// # Examples
///
/// ```
/// use web_atoms::NAMED_ENTITIES;
///
/// assert_eq!(NAMED_ENTITIES.get("gt;").unwrap(), &(62, 0));
/// assert_eq!(NAMED_ENTITIES.get("g").unwrap(), &(0, 0));
/// assert_eq!(NAMED_ENTITIES.get("gq"), None);
/// ```
pub static NAMED_ENTITIES: NamedEntities = NamedEntities {{
    names: {names:?},
    ends: &{ends:?},
    by_first_byte: &{by_first_byte:?},
    codepoints: &[{codepoints}],
}};"#,
        codepoints = codepoints.join(", "),
    )
    .unwrap();
}
