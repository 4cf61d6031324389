//! Lower-casing with the same answers as the standard library's `str::to_lowercase` and
//! `char::to_lowercase`, from compact tables.
//!
//! Why: core's lower-case table is 1,434 pairs of code points (11.7 KB raw, about 4.3 KB
//! gzipped in the extension's wasm), and `str::to_lowercase` brings two property tables
//! more for the final sigma. The same mapping fits in 185 runs (characters at a step of 1
//! or 2 that move by one offset), and the final-sigma rule needs only Case_Ignorable's
//! ranges here, as "cased" is `is_lowercase || is_uppercase` (tables the engine links
//! anyway) plus ten ranges of title-case letters. Pith and its vendored dom_smoothie call
//! these instead of the standard library's, so core's table is not linked
//! (BENCHMARKS.md, *Size and speed, tenth session*).
//!
//! The tables are generated from the toolchain's own `char::to_lowercase`
//! (`cargo test -p pith-lowercase --release -- --ignored generate`), and a test compares
//! every character, and every final-sigma context, with the standard library: a toolchain
//! with a newer Unicode fails it until the tables are generated again.

mod tables;

use tables::{CASE_IGNORABLE, LOWER_RUNS, TITLECASE};

/// `s.to_lowercase()`, with the same result.
pub fn to_lowercase(s: &str) -> String {
    // Most text is ASCII: the standard library's word-at-a-time copy.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for (at, c) in s.char_indices() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == 'Σ' {
            // Unicode's Final_Sigma (Unicode 7.0, chapter 3, table 3-17), as core applies it.
            let word_final = cased_after_ignorables(s[..at].chars().rev())
                && !cased_after_ignorables(s[at + 'Σ'.len_utf8()..].chars());
            out.push(if word_final { 'ς' } else { 'σ' });
        } else {
            push_lowercase(c, &mut out);
        }
    }
    out
}

/// Appends `c.to_lowercase()` (one character but for 'İ', which becomes "i̇").
pub fn push_lowercase(c: char, out: &mut String) {
    if c == '\u{130}' {
        out.push_str("i\u{307}");
    } else {
        out.push(lower_char(c));
    }
}

/// The single-character lower case of `c` ('İ' excepted, see `push_lowercase`).
fn lower_char(c: char) -> char {
    let code = c as u32;
    if code < 0x80 {
        return c.to_ascii_lowercase();
    }
    // The last run starting at or before `code`.
    let index = LOWER_RUNS.partition_point(|run| run.first <= code);
    let Some(run) = index.checked_sub(1).map(|i| &LOWER_RUNS[i]) else { return c };
    let offset = code - run.first;
    if offset < u32::from(run.len) * u32::from(run.step) && offset % u32::from(run.step) == 0 {
        char::from_u32(code.wrapping_add_signed(run.delta)).unwrap_or(c)
    } else {
        c
    }
}

/// Whether the first character of `chars` that is not Case_Ignorable is Cased.
fn cased_after_ignorables(mut chars: impl Iterator<Item = char>) -> bool {
    chars
        .find(|&c| !in_ranges(&CASE_IGNORABLE, c))
        .is_some_and(|c| c.is_lowercase() || c.is_uppercase() || in_ranges(&TITLECASE, c))
}

/// Whether `c` is in one of `ranges`, each packed as `first << 9 | (last - first)`.
fn in_ranges(ranges: &[u32], c: char) -> bool {
    let code = c as u32;
    let index = ranges.partition_point(|&range| range >> 9 <= code);
    index.checked_sub(1).is_some_and(|i| code - (ranges[i] >> 9) <= ranges[i] & 0x1ff)
}

/// A run of characters that lower-case by the same offset: `len` characters from `first`,
/// `step` apart (1, or 2 where capitals and small letters alternate).
struct Run {
    first: u32,
    len: u8,
    step: u8,
    delta: i32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10ffff).filter_map(char::from_u32)
    }

    #[test]
    fn every_character_as_the_standard_library() {
        let mut ours = String::new();
        for c in all_chars() {
            ours.clear();
            push_lowercase(c, &mut ours);
            assert!(ours.chars().eq(c.to_lowercase()), "{c:?} ({:x})", c as u32);
            assert_eq!(to_lowercase(c.encode_utf8(&mut [0; 4])), c.encode_utf8(&mut [0; 4]).to_lowercase());
        }
    }

    #[test]
    fn final_sigma_as_the_standard_library() {
        for c in all_chars() {
            for text in [
                format!("{c}Σ"),
                format!("A{c}Σ"),
                format!("AΣ{c}"),
                format!("AΣ{c}B"),
                format!("Σ{c}"),
                format!("{c}Σ{c}"),
                format!("A{c}{c}Σ {c}"),
            ] {
                assert_eq!(to_lowercase(&text), text.to_lowercase(), "{text:?}");
            }
        }
    }

    #[test]
    fn mixed_text() {
        for text in ["", "ΟΔΟΣ ΟΔΟΣ.", "ὈΔΥΣΣΕΎΣ", "İSTANBUL", "Straße KELVIN \u{212a}", "ǅemal", "ΣΑ'Σ' Σ"]
        {
            assert_eq!(to_lowercase(text), text.to_lowercase(), "{text:?}");
        }
    }

    /// Writes `src/tables.rs` from the toolchain's own case mapping.
    #[test]
    #[ignore]
    fn generate() {
        use std::fmt::Write;
        let single = |c: char| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => Some(l),
                _ => None,
            }
        };
        let moved: Vec<(u32, i32)> = all_chars()
            .filter(|&c| c as u32 >= 0x80)
            .filter_map(|c| single(c).filter(|&l| l != c).map(|l| (c as u32, l as i32 - c as i32)))
            .collect();
        let mut runs: Vec<(u32, usize, u32, i32)> = Vec::new();
        let mut i = 0;
        while i < moved.len() {
            let (first, delta) = moved[i];
            let reach = |step: u32| {
                let mut n = 1;
                while i + n < moved.len() && n < 255 && moved[i + n] == (first + step * n as u32, delta) {
                    n += 1;
                }
                n
            };
            let (one, two) = (reach(1), reach(2));
            let (len, step) = if one >= two { (one, 1) } else { (two, 2) };
            runs.push((first, len, step, delta));
            i += len;
        }
        let ranges = |member: &dyn Fn(char) -> bool| {
            let mut ranges: Vec<(u32, u32)> = Vec::new();
            for c in all_chars().filter(|&c| member(c)) {
                match ranges.last_mut() {
                    Some(last) if last.1 + 1 == c as u32 => last.1 = c as u32,
                    _ => ranges.push((c as u32, c as u32)),
                }
            }
            ranges
        };
        // Read through `str::to_lowercase`'s final-sigma rule: after a cased letter, a
        // Case_Ignorable character is skipped, anything else ends the look-back.
        let ignorable = ranges(&|c| {
            c != 'Σ' && format!("A{c}Σ").to_lowercase().ends_with('ς') && !format!("{c}Σ").to_lowercase().ends_with('ς')
        });
        let titlecase =
            ranges(&|c| format!("{c}Σ").to_lowercase().ends_with('ς') && !(c.is_lowercase() || c.is_uppercase()));
        let mut out = String::from(
            "//! Generated by `cargo test -p pith-lowercase --release -- --ignored generate`; do not edit.\n\nuse super::Run;\n\n",
        );
        writeln!(out, "/// Lower-case mappings of the non-ASCII characters, by first character.\n#[rustfmt::skip]\npub(crate) static LOWER_RUNS: [Run; {}] = [", runs.len()).unwrap();
        for (first, len, step, delta) in &runs {
            writeln!(out, "    Run {{ first: 0x{first:x}, len: {len}, step: {step}, delta: {delta} }},").unwrap();
        }
        out.push_str("];\n\n");
        for (name, doc, list) in [
            ("CASE_IGNORABLE", "Case_Ignorable (Σ's neighbours skipped by the final-sigma rule)", &ignorable),
            ("TITLECASE", "Cased characters neither lower- nor upper-case (title-case letters)", &titlecase),
        ] {
            writeln!(out, "/// {doc}: ranges packed as `first << 9 | (last - first)`.\n#[rustfmt::skip]\npub(crate) static {name}: [u32; {}] = [", list.len()).unwrap();
            for chunk in list.chunks(6) {
                let line: Vec<String> = chunk
                    .iter()
                    .map(|&(first, last)| {
                        assert!(last - first < 512);
                        format!("0x{:x}", first << 9 | (last - first))
                    })
                    .collect();
                writeln!(out, "    {},", line.join(", ")).unwrap();
            }
            out.push_str("];\n\n");
        }
        std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/src/tables.rs"), out.trim_end().to_string() + "\n")
            .unwrap();
    }
}
