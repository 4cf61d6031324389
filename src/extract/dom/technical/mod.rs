//! Technical content (issue 17): code, formulas, pictures and footnotes put in the plain
//! forms every later step keeps whole, on the parsed page before Readability edits it:
//! code blocks as `<pre><code class="language-x">` with their exact text ([`code`]),
//! formulas as MathML with their TeX ([`math`]), pictures with a real address and their
//! captions ([`figures`]); the footnotes taken out ([`footnotes`]), to be put back at the
//! end of whichever article wins. The rebuild (`dom::build`) then keeps what they made:
//! MathML inside a formula, footnote references as links, data tables ([`tables`]).

mod code;
pub(super) mod figures;
pub(super) mod footnotes;
pub(super) mod math;
pub(super) mod tables;

pub use footnotes::{Notes, attach as attach_notes};

/// Code, formulas and pictures normalised in `page`; its footnotes taken out.
pub fn normalise(page: &dom_query::Document, url: Option<&str>) -> Notes {
    code::normalise(page);
    math::normalise(page);
    figures::normalise(page);
    footnotes::take(page, url)
}
