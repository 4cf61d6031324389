//! "Is this an article page?" after extraction: a small logistic model over the page's
//! shape and the article found in it (issue 18). It replaced Readability's check, which
//! refused short articles (a 95-word news story among them) and said "article" as soon
//! as a page had a few long paragraphs: home pages of teaser paragraphs, search results,
//! consent texts. Automatic mode acts on this answer, so it must not cover those.
//!
//! The weights are fitted by `python3 tools/quality/article_page.py` on the training
//! folds (grouped by site) of `tests/readerable/labels.tsv` (features dumped by
//! `examples/readerable.rs --features`) and pasted here by it.

use super::dom::{PageShape, weighted_chars};
use crate::document::{Document, Node};

/// The features, in the order of [`WEIGHTS`]; `tools/quality/article_page.py` names them.
pub const FEATURE_COUNT: usize = 15;

/// Logistic weights of the features (standardised by [`MEANS`] and [`SCALES`]), fitted by
/// `tools/quality/article_page.py` on the training folds; the last entry is the bias.
const WEIGHTS: [f32; FEATURE_COUNT + 1] = [
    0.2872, -0.09915, 0.03262, 0.4289, 0.4551, -0.06889, -0.4073, -0.3726, -0.1561, 0.08938, 0.3066, -0.1186, 0.5153,
    0.1379, 0.2445, 1.572,
];
const MEANS: [f32; FEATURE_COUNT] =
    [7.574, 0.53, 2.767, 4.922, 3.894, 0.7989, 0.1053, 0.2339, 0.3834, 0.6002, 1.417, 0.09125, 0.4227, 0.5102, 0.6052];
const SCALES: [f32; FEATURE_COUNT] = [
    1.254, 0.2656, 0.9871, 0.8236, 1.537, 0.9222, 0.1458, 0.1854, 0.6885, 0.7408, 1.232, 0.288, 0.7234, 0.4999, 0.4888,
];

/// The page is an article page when the model's log-odds pass this (chosen by the
/// script on the training folds, see there).
const THRESHOLD: f32 = -1.0;

/// Readability's paragraph length (non-whitespace characters, CJK counted ×3) below
/// which a paragraph says nothing about an article; above it, √(chars − this) each.
const LONG_PARAGRAPH_CHARS: usize = 140;

/// The features of a page whose extraction found `article`, dated or not, with a byline
/// or not.
pub fn features(shape: &PageShape, article: &Document, dated: bool, bylined: bool) -> [f32; FEATURE_COUNT] {
    let mut counts = ArticleCounts::default();
    count(&article.nodes, &mut counts);
    let page = shape.text_chars.max(1) as f32;
    let chars = counts.chars as f32;
    let paragraphs = counts.paragraphs as f32;
    let flag = |b: bool| f32::from(u8::from(b));
    [
        // How much text the article holds (CJK weighted), and how much of the page that is.
        ln_1p(chars),
        (chars / page).min(1.0),
        // Its paragraphs: how many, how long on average (teasers and lists are short), and
        // Readability's score of the long ones.
        ln_1p(paragraphs),
        ln_1p(chars / paragraphs.max(1.0)),
        ln_1p(counts.long_paragraph_score),
        // Its headings: a listing is headline, standfirst, headline, standfirst…
        ln_1p(counts.headings as f32),
        counts.headings as f32 / paragraphs.max(1.0),
        // Links, dated items and `<article>` cards on the whole page: listings have many.
        shape.link_chars as f32 / page,
        ln_1p(shape.times as f32),
        ln_1p(shape.articles as f32),
        // Forms and dialogs: logins, searches, settings, consent walls.
        ln_1p(shape.fields as f32),
        flag(shape.dialogs > 0),
        // What the page says it is.
        flag(shape.og_article) - flag(shape.og_other),
        flag(dated),
        flag(bylined),
    ]
}

/// ln(1 + x) by `f32::ln`, which the engine links already (`f64::ln_1p` would add its
/// own code to the wasm).
fn ln_1p(x: f32) -> f32 {
    (x + 1.0).ln()
}

/// Does the model take a page with these features for an article page?
pub fn is_article_page(features: &[f32; FEATURE_COUNT]) -> bool {
    let log_odds = features
        .iter()
        .zip(MEANS.iter().zip(&SCALES))
        .zip(&WEIGHTS)
        .map(|((x, (mean, scale)), w)| w * (x - mean) / scale)
        .sum::<f32>()
        + WEIGHTS[FEATURE_COUNT];
    log_odds > THRESHOLD
}

/// Characters and paragraphs of the article.
#[derive(Default)]
struct ArticleCounts {
    chars: usize,
    paragraphs: usize,
    headings: usize,
    /// Readability's score of its paragraphs: √(chars − [`LONG_PARAGRAPH_CHARS`]) each.
    long_paragraph_score: f32,
}

fn count(nodes: &[Node], counts: &mut ArticleCounts) {
    for node in nodes {
        match node {
            Node::Text(text) => counts.chars += weighted_chars(text),
            Node::Element(element) if element.is_paragraph() => {
                let chars = weighted_chars(&element.text());
                counts.chars += chars;
                counts.paragraphs += 1;
                counts.headings += usize::from(element.tag.is_heading());
                counts.long_paragraph_score += (chars.saturating_sub(LONG_PARAGRAPH_CHARS) as f32).sqrt();
            }
            Node::Element(element) => count(&element.children, counts),
        }
    }
}
