//! "Is this an article page?" after extraction: a small logistic model over the page's
//! shape and the article found in it (issue 18). Readability's check says "article" as
//! soon as a page has a few long paragraphs, so home pages of teaser paragraphs, search
//! results, biographies and consent texts passed it; automatic mode must not cover them.
//!
//! The weights are fitted by `python3 tools/quality/article_page.py` (labels:
//! `tests/readerable/labels.tsv`, training split only; features dumped by
//! `examples/readerable.rs --features`) and pasted here by it.

use super::dom::{PageShape, weighted_chars};
use crate::document::{Document, Node};

/// The features, in the order of [`WEIGHTS`]; `tools/quality/article_page.py` names them.
pub const FEATURE_COUNT: usize = 10;

/// Logistic weights of the features (standardised by [`MEANS`] and [`SCALES`]), fitted by
/// `tools/quality/article_page.py` on the training split; the last entry is the bias.
const WEIGHTS: [f32; FEATURE_COUNT + 1] =
    [0.7835, -0.3842, -0.0336, -0.341, -0.2856, 0.1204, 0.05211, -0.03488, 0.5474, 0.2844, 1.686];
const MEANS: [f32; FEATURE_COUNT] = [7.919, 0.4965, 5.216, 0.07373, 0.04394, 0.2415, 0.9847, 0.4357, 0.5586, 0.6115];
const SCALES: [f32; FEATURE_COUNT] = [1.05, 0.2585, 0.6897, 0.2392, 0.2774, 0.1787, 1.109, 0.7117, 0.6734, 0.4874];

/// The page is an article page when the model's log-odds pass this (chosen by the
/// script for recall on the training articles).
const THRESHOLD: f32 = -1.0;

/// The features of a page whose extraction found `article`, dated or not.
pub fn features(shape: &PageShape, article: &Document, dated: bool) -> [f32; FEATURE_COUNT] {
    let mut counts = ArticleCounts::default();
    count(&article.nodes, shape, &mut counts);
    let page = shape.text_chars.max(1) as f32;
    let chars = counts.chars as f32;
    let flag = |b: bool| f32::from(u8::from(b));
    [
        // How much text the article holds (CJK weighted), and how much of the page that is.
        ln_1p(chars),
        (chars / page).min(1.0),
        // Its paragraphs' mean length: teasers and list pages have many short ones.
        ln_1p(chars / counts.paragraphs.max(1) as f32),
        // The share of its headings that were links on the page, and those per paragraph: a
        // page of teasers is headline, standfirst, headline, standfirst…
        counts.linked_headings as f32 / counts.headings.max(1) as f32,
        counts.linked_headings as f32 / counts.paragraphs.max(1) as f32,
        // Links and teaser headlines on the whole page.
        shape.link_chars as f32 / page,
        ln_1p(shape.linked_headings.len() as f32),
        ln_1p(shape.times as f32),
        // What the page says it is.
        flag(shape.og_article) - flag(shape.og_other),
        flag(dated),
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

/// Characters, paragraphs and headings of the article.
#[derive(Default)]
struct ArticleCounts {
    chars: usize,
    paragraphs: usize,
    headings: usize,
    /// Headings whose text is a linked heading's on the page.
    linked_headings: usize,
}

fn count(nodes: &[Node], shape: &PageShape, counts: &mut ArticleCounts) {
    for node in nodes {
        match node {
            Node::Text(text) => counts.chars += weighted_chars(text),
            Node::Element(element) if element.tag.is_heading() => {
                let text = element.text();
                counts.chars += weighted_chars(&text);
                counts.headings += 1;
                let text = text.to_lowercase();
                counts.linked_headings += usize::from(shape.linked_headings.contains(&text));
            }
            Node::Element(element) => {
                counts.paragraphs += usize::from(element.is_paragraph());
                count(&element.children, shape, counts);
            }
        }
    }
}
