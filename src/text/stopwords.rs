//! Stop words: function words that say nothing about what a text is about, left out of
//! the terms that compare sentences (the summary) and articles (similarity fingerprints).
//!
//! Two English lists, because the two comparisons want different things and each list was
//! measured where it is used:
//! - [`SUMMARY`]: short function words only. "said" and "says" are kept as terms: reported
//!   speech is how news states its facts, and keeping them measured better overall (BBC R1
//!   +0.4; CNN/DM R1 +0.4, R2 -0.2; `make eval-summary`).
//! - [`FINGERPRINT`]: longer, with news's everyday words ("said", "year", "new"), which
//!   would otherwise make every story look alike. Words under three letters never reach it
//!   (the fingerprint drops them first). **Frozen**: fingerprints in users' histories were
//!   made with it (`similarity::FINGERPRINT_VERSION`).
//!
//! Other languages need no list: their function words occur in every sentence or article,
//! so inverse document frequency weighs them down.

/// The summary's stop words (sorted, for binary search).
pub const SUMMARY: &[&str] = &[
    "a", "about", "after", "also", "an", "and", "are", "as", "at", "be", "been", "before", "being", "but", "by", "can",
    "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into",
    "is", "it", "its", "just", "may", "might", "more", "most", "must", "my", "no", "not", "of", "on", "or", "our",
    "out", "over", "she", "should", "so", "than", "that", "the", "their", "then", "there", "these", "they", "this",
    "those", "to", "up", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "will", "with",
    "would", "you",
];

/// No word of [`SUMMARY`] is longer: longer words skip the search (a third of the
/// summary's time was that search).
pub const SUMMARY_MAX_LEN: usize = 6;

/// Is `word` (lower case) one of the summary's stop words?
pub fn is_summary_stop_word(word: &str) -> bool {
    word.len() <= SUMMARY_MAX_LEN && SUMMARY.binary_search(&word).is_ok()
}

/// The fingerprint's stop words (sorted, for binary search). **Frozen** for fingerprint
/// version 1.
pub const FINGERPRINT: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "among",
    "and",
    "another",
    "any",
    "are",
    "around",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "can",
    "could",
    "did",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "into",
    "its",
    "itself",
    "just",
    "last",
    "like",
    "made",
    "make",
    "many",
    "may",
    "might",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "new",
    "nor",
    "not",
    "now",
    "off",
    "once",
    "one",
    "only",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "three",
    "through",
    "too",
    "two",
    "under",
    "until",
    "very",
    "was",
    "way",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
];

/// Is `word` (lower case) one of the fingerprint's stop words?
pub fn is_fingerprint_stop_word(word: &str) -> bool {
    FINGERPRINT.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_bounded() {
        assert!(SUMMARY.windows(2).all(|w| w[0] < w[1]));
        assert!(SUMMARY.iter().all(|w| w.len() <= SUMMARY_MAX_LEN));
        assert!(FINGERPRINT.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn lookups() {
        assert!(is_summary_stop_word("the") && !is_summary_stop_word("said") && !is_summary_stop_word("council"));
        assert!(is_fingerprint_stop_word("said") && !is_fingerprint_stop_word("council"));
    }
}
