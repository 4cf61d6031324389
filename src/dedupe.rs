//! Finding and removing duplicated paragraphs.

use std::collections::HashMap;

use crate::article::{Duplicate, DuplicateKind};
use crate::document::Document;

/// Removes repeated paragraphs from `doc`, keeping the first copy, and says what went.
pub fn remove_duplicates(doc: &mut Document) -> Vec<Duplicate> {
    let paragraphs = doc.paragraph_texts();
    let duplicates = find_duplicates(&paragraphs);
    let removed: std::collections::HashSet<usize> = duplicates.iter().map(|d| d.index).collect();
    doc.retain_paragraphs(|i| !removed.contains(&i));
    duplicates
}

/// Finds the paragraphs that repeat an earlier one.
pub fn find_duplicates(paragraphs: &[String]) -> Vec<Duplicate> {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let key = p.to_lowercase();
        if key.split_whitespace().count() < 8 {
            continue;
        }
        match first.get(&key) {
            Some(&j) => out.push(Duplicate {
                text: p.clone(),
                index: i,
                repeats: j,
                similarity: 1.0,
                kind: DuplicateKind::Exact,
            }),
            None => {
                first.insert(key, i);
            }
        }
    }
    out
}
