//! The extractive summary: the most representative whole sentences, in document order.

use crate::sentences;

/// Picks `n` sentences from the paragraphs.
pub fn summarize(paragraphs: &[String], n: usize) -> Vec<String> {
    paragraphs.iter().flat_map(|p| sentences::split(p)).take(n).map(str::to_string).collect()
}
