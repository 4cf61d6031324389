//! Technical content (issue 17): code, formulas, pictures and footnotes put in the plain
//! forms every later step keeps whole, on the parsed page before Readability edits it:
//! code blocks as `<pre><code class="language-x">` with their exact text ([`code`]),
//! formulas as MathML with their TeX ([`math`]), pictures with a real address and their
//! captions ([`figures`]); the footnotes taken out ([`footnotes`]), to be put back at the
//! end of whichever article wins. The rebuild (`dom::build`) then keeps what they made:
//! MathML inside a formula, footnote references as links, data tables ([`tables`]).
//!
//! Most pages have none of it: [`Present::scan`] looks for each category's marks in the
//! page's markup first (a few `memmem` scans), and a category without marks costs nothing
//! more.

mod code;
pub(super) mod figures;
pub(super) mod footnotes;
pub(super) mod math;
pub(super) mod tables;

pub use footnotes::{Notes, attach as attach_notes};

/// Marks of code blocks in markup: the elements, and editors and gutter tables (GitHub's
/// gists) that draw code without them.
const CODE_MARKS: &[&str] = &["<pre", "<PRE", "<code", "<CODE", "CodeMirror", "cm-editor", "blob-code", "lntable"];

/// Marks of formulas: MathML and `data-math` (`math`), MathJax (`math/tex` scripts,
/// `MathJax` classes, `mjx-` elements), KaTeX (`katex-mathml`), TeX attributes
/// (`data-tex`, `data-latex`), formula images (`latex.php`, `/math/` addresses,
/// `class="tex"`). A page about mathematics in words pays for one needless pass.
const MATH_MARKS: &[&str] =
    &["math", "Math", "MATH", "mjx-", "data-tex=", "latex", "LaTeX", "\"tex\"", "\"tex ", " tex\""];

/// Marks of footnotes: superscripts (most shapes set their references in one),
/// addresses of notes (`#fn1`, `#fn:1`, `#footnote-1`, `#cite_note-3`, `#note2`,
/// `#ref1`, Word's `#_ftn1`), their names (`footnote`, `doc-noteref`, Bigfoot's
/// `data-definition`), bracketed links (`>[1]`), Tufte's sidenotes. A bare link into the
/// page (`href="#top"`) is not one: nearly every page has some.
const NOTE_MARKS: &[&str] = &[
    "<sup",
    "<SUP",
    "#fn",
    "#foot",
    "#note",
    "#cite",
    "#ref",
    "#_ftn",
    "#_edn",
    "#endnote",
    "footnote",
    "noteref",
    "data-definition",
    ">[",
    "sidenote",
    "marginnote",
];

/// Marks of pictures whose address waits elsewhere: `<picture>` sources, `<noscript>` copies.
const PICTURE_MARKS: &[&str] = &["<picture", "<PICTURE", "<noscript", "<NOSCRIPT"];

/// Which technical categories a page's markup shows marks of.
#[derive(Debug, Clone, Copy, Default)]
pub struct Present {
    code: bool,
    math: bool,
    notes: bool,
    pictures: bool,
}

impl Present {
    /// The categories whose marks `html` holds (see the marks above).
    pub fn scan(html: &str) -> Self {
        let has = |marks: &[&str]| marks.iter().any(|m| memchr::memmem::find(html.as_bytes(), m.as_bytes()).is_some());
        Present { code: has(CODE_MARKS), math: has(MATH_MARKS), notes: has(NOTE_MARKS), pictures: has(PICTURE_MARKS) }
    }
}

/// Code, formulas and pictures normalised in `page`; its footnotes taken out.
pub fn normalise(page: &dom_query::Document, url: Option<&str>, present: Present) -> Notes {
    if present.code {
        code::normalise(page);
    }
    if present.math {
        math::normalise(page);
    }
    if present.pictures {
        figures::normalise(page);
    }
    if present.notes { footnotes::take(page, url) } else { Notes::default() }
}
