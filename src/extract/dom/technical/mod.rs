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

use dom_query::NodeRef;

pub use footnotes::{Notes, attach as attach_notes};

/// Elements that mark a category on their own, by the start of their tag (lower case).
const CODE_TAGS: &[&str] = &["pre", "code"];
const MATH_TAGS: &[&str] = &["math", "mjx-"];
const NOTE_TAGS: &[&str] = &["sup"];
const PICTURE_TAGS: &[&str] = &["picture", "noscript"];

/// Other marks of code: gutter tables drawn without `pre` (GitHub's gists).
const CODE_MARKS: &[&str] = &["blob-code"];

/// Other marks of formulas: `data-math`, `.math`, MathJax 2's `math/tex` scripts, `/math/`
/// image addresses, KaTeX's `katex-mathml` (`math`), `latex.php` images, TeX attributes.
const MATH_MARKS: &[&str] = &["math", "latex", "data-tex"];

/// Other marks of footnotes: Bigfoot's `data-definition`, bracketed links (`>[1]`); and,
/// read apart, a note's name (`footnote`, `noteref`, `sidenote`, `marginnote`,
/// `endnote`, [`is_note_word`]) and its address (`#fn1`, `#cite_note-3`, [`NOTE_ADDRESSES`]).
const NOTE_MARKS: &[&str] = &["data-definition", ">["];

/// Starts of the addresses footnote links point at, after the `#` (capitalised as old
/// pages and Project Gutenberg's books write them: `#Footnote_1`, `#FNanchor_1`).
const NOTE_ADDRESSES: &[&str] = &["fn", "cite", "note", "ref", "_ftn", "_edn", "foot", "end", "Foot", "FN", "Note"];

/// Which technical categories a page's markup shows marks of.
#[derive(Debug, Clone, Copy, Default)]
pub struct Present {
    code: bool,
    math: bool,
    notes: bool,
    pictures: bool,
}

impl Present {
    /// The categories whose marks `html` holds: one pass over its tags, one over its
    /// `#`s and `note`s, and five rarer marks looked for only while still needed.
    pub fn scan(html: &str) -> Self {
        let bytes = html.as_bytes();
        let mut found = Present::default();
        for at in memchr::memchr_iter(b'<', bytes) {
            let name = &bytes[at + 1..bytes.len().min(at + 9)];
            let starts = |tags: &[&str]| {
                tags.iter().any(|t| name.len() >= t.len() && name[..t.len()].eq_ignore_ascii_case(t.as_bytes()))
            };
            found.code |= starts(CODE_TAGS);
            found.math |= starts(MATH_TAGS);
            found.notes |= starts(NOTE_TAGS);
            found.pictures |= starts(PICTURE_TAGS);
        }
        let has = |marks: &[&str]| marks.iter().any(|m| memchr::memmem::find(bytes, m.as_bytes()).is_some());
        found.code = found.code || has(CODE_MARKS);
        found.math = found.math || has(MATH_MARKS);
        found.notes = found.notes
            || memchr::memchr_iter(b'#', bytes).any(|at| {
                let after = &bytes[at + 1..];
                NOTE_ADDRESSES.iter().any(|a| after.starts_with(a.as_bytes()))
            })
            || memchr::memmem::find_iter(bytes, b"note").any(|at| is_note_word(bytes, at))
            || has(NOTE_MARKS);
        found
    }
}

/// Is the `note` at `at` part of a footnote's name (`footnote`, `sidenote`, `noteref`…)
/// rather than the word?
fn is_note_word(bytes: &[u8], at: usize) -> bool {
    let before = &bytes[at.saturating_sub(6)..at];
    ["foot", "side", "margin", "end"].iter().any(|w| before.ends_with(w.as_bytes()))
        || bytes[at + 4..].starts_with(b"ref")
}

// Walks and tests over dom_query's nodes that the recognisers share. At opt-level 3
// (Pith's crate, for speed) an iterator chain over the tree is compiled again wherever it
// is written; these take their test as `&dyn Fn` and are never inlined, so that each walk
// is in the wasm once (issue 17's size: BENCHMARKS.md).

/// The first of `node`'s descendants that passes `test`.
#[inline(never)]
fn find_descendant<'a>(node: &NodeRef<'a>, test: &dyn Fn(&NodeRef<'a>) -> bool) -> Option<NodeRef<'a>> {
    node.descendants_it().find(|d| test(d))
}

/// `node`'s descendants that pass `test`, in document order.
#[inline(never)]
fn descendants_where<'a>(node: &NodeRef<'a>, test: &dyn Fn(&NodeRef<'a>) -> bool) -> Vec<NodeRef<'a>> {
    node.descendants_it().filter(|d| test(d)).collect()
}

/// The nearest of `node`'s ancestors (up to `levels`, all if `None`) that passes `test`.
#[inline(never)]
fn find_ancestor<'a>(
    node: &NodeRef<'a>,
    levels: Option<usize>,
    test: &dyn Fn(&NodeRef<'a>) -> bool,
) -> Option<NodeRef<'a>> {
    node.ancestors_it(levels).find(|a| test(a))
}

/// The outermost of `node`'s ancestors (up to `levels`) that passes `test`.
#[inline(never)]
fn outermost_ancestor<'a>(
    node: &NodeRef<'a>,
    levels: Option<usize>,
    test: &dyn Fn(&NodeRef<'a>) -> bool,
) -> Option<NodeRef<'a>> {
    node.ancestors_it(levels).filter(|a| test(a)).last()
}

/// Visits `node`'s descendants in document order while `visit` says to go on.
#[inline(never)]
fn walk_descendants<'a>(node: &NodeRef<'a>, visit: &mut dyn FnMut(NodeRef<'a>) -> bool) {
    for d in node.descendants_it() {
        if !visit(d) {
            return;
        }
    }
}

/// The characters of `node`'s text (`node.text().chars().count()`), counted in place: a
/// code block's wrappers are measured up to the whole article, whose text `text` would copy.
#[inline(never)]
fn text_chars(node: &NodeRef) -> usize {
    std::iter::once(*node)
        .chain(node.descendants_it())
        .filter_map(|d| super::read_text_node(&d, |text| text.chars().count()))
        .sum()
}

/// Do all of `node`'s children (text too) pass `test`?
#[inline(never)]
fn all_children<'a>(node: &NodeRef<'a>, test: &dyn Fn(&NodeRef<'a>) -> bool) -> bool {
    node.children_it(false).all(|c| test(&c))
}

/// An address's percent-escapes decoded (`%3A` is `:`); `None` when the bytes are not UTF-8.
#[inline(never)]
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex =
            if bytes[i] == b'%' { s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) } else { None };
        out.push(hex.unwrap_or(bytes[i]));
        i += if hex.is_some() { 3 } else { 1 };
    }
    String::from_utf8(out).ok()
}

/// Is `node` inside `ancestor`?
fn is_within(node: &NodeRef, ancestor: &NodeRef) -> bool {
    find_ancestor(node, None, &|a| a.id == ancestor.id).is_some()
}

/// Does the attribute `name` hold exactly `value`?
#[inline(never)]
fn attr_is(node: &NodeRef, name: &str, value: &str) -> bool {
    node.attr(name).is_some_and(|v| &*v == value)
}

/// Does the inline style, spaces left out, say `declaration` (`display:none`)?
#[inline(never)]
fn style_says(node: &NodeRef, declaration: &str) -> bool {
    node.attr("style").is_some_and(|s| s.replace(' ', "").contains(declaration))
}

/// Does one of the node's classes (lower-cased) pass `test`?
#[inline(never)]
fn has_class(node: &NodeRef, test: &dyn Fn(&str) -> bool) -> bool {
    node.attr("class").is_some_and(|c| c.split_whitespace().any(|c| test(&c.to_ascii_lowercase())))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_found_and_plain_pages_pass() {
        let plain = Present::scan(r##"<p>Notes on a plain page, a <a href="#top">link</a> and a noted word.</p>"##);
        assert!(!plain.code && !plain.math && !plain.notes && !plain.pictures, "{plain:?}");
        let all = Present::scan(
            r##"<PRE>x</PRE><span class="katex-mathml"></span><a href="#fn:1">1</a><picture></picture>"##,
        );
        assert!(all.code && all.math && all.notes && all.pictures, "{all:?}");
        assert!(Present::scan(r#"<div class="footnotes"></div>"#).notes);
        assert!(Present::scan(r#"<span class="sidenote">x</span>"#).notes);
        assert!(Present::scan(r#"<img class="tex" src="/w/latex.php?x">"#).math);
    }
}
