use std::cell::RefCell;

use foldhash::HashMap;

use dom_query::{NodeData, NodeId, NodeRef};

use tendril::StrTendril;

use crate::glob::{MINI_ARIA_HIDDEN, MINI_FALLBACK_IMG, PHRASING_ELEMS};
use crate::matching::is_invisible_style;

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Pith patch: `str::to_lowercase`, or with the `pith-lowercase` feature the same mapping
/// from Pith's compact tables, so that core's case table (about 4 KB gzipped) stays out of
/// Pith's wasm.
pub(crate) fn to_lowercase(text: &str) -> String {
    #[cfg(feature = "pith-lowercase")]
    return pith_lowercase::to_lowercase(text);
    #[cfg(not(feature = "pith-lowercase"))]
    return text.to_lowercase();
}

pub(crate) fn text_similarity(text_a: &str, text_b: &str) -> f64 {
    if text_a.is_empty() || text_b.is_empty() {
        return 0.0;
    }

    let a = to_lowercase(text_a);
    let b = to_lowercase(text_b);

    if a.contains(&b) {
        return 1.0;
    }

    // Pith patch: words split at non-alphanumeric characters, as Readability.js's
    // `\W+` does (for ASCII), instead of unicode-segmentation's word boundaries, whose
    // tables cost the wasm build several KB.
    // Pith patch: the first text's words in a list, searched in turn, not a `HashSet` on
    // std's SipHash (the crate's only SipHash table, about 1 KB gzipped of Pith's wasm for
    // its hasher and its own copy of the table code): the first text is a title, a few
    // words (or a JSON-LD `name`), and the answer is the same.
    let tokens_a: Vec<&str> = words(&a).collect();
    let tokens_b: Vec<&str> = words(&b).collect();

    let b_chars_total: usize = tokens_b.iter().map(|s| s.chars().count()).sum();
    if b_chars_total == 0 {
        return 0.0;
    }
    let b_chars_unique: usize = tokens_b
        .iter()
        .filter(|&&s| !tokens_a.contains(&s))
        .map(|s| s.chars().count())
        .sum();

    let distance_b = b_chars_unique as f64 / b_chars_total as f64;
    1.0 - distance_b
}

pub(crate) fn is_phrasing_content(node: &NodeRef) -> bool {
    if node.is_text() {
        return true;
    }

    // only elements has a node name
    let Some(qual_name) = node.qual_name_ref() else {
        return false;
    };
    let node_name = qual_name.local.as_ref();
    if PHRASING_ELEMS.contains(node_name) {
        return true;
    }

    if matches!(node_name, "a" | "del" | "ins") {
        // There is no big sense to consider link content as phrasing content if they doesn't have children element.
        let children = node.children();
        return !children.is_empty() && children.into_iter().all(|n| is_phrasing_content(&n));
    }
    false
}

pub(crate) fn is_whitespace(node: &NodeRef) -> bool {
    if node.is_text() && !node.is_nonempty_text() {
        return true;
    }
    // only an element node has a node_name
    node.has_name("br")
}

pub(crate) fn has_ancestor<F>(node: &NodeRef, max_depth: Option<usize>, filter_fn: F) -> bool
where
    F: Fn(&NodeRef) -> bool,
{
    let max_depth = max_depth.map(|max_depth| if max_depth == 0 { 3 } else { max_depth });
    node.ancestors_it(max_depth).any(|a| filter_fn(&a))
}

pub(crate) fn normalize_spaces(text: &str) -> String {
    let mut result = String::with_capacity(text.len());
    let mut iter = text.split_whitespace();

    if let Some(first) = iter.next() {
        result.push_str(first);
        for word in iter {
            result.push(' ');
            result.push_str(word);
        }
    }
    result
}

pub(crate) fn link_density_fn<F>(node: &NodeRef, char_count: Option<usize>, mut count_fn: F) -> f32
where
    F: FnMut(&NodeRef) -> usize,
{
    let mut link_length = 0f32;

    for a in node.find_descendants("a") {
        let href = a.attr_or("href", "");
        let coeff = if href.len() > 1 && href.starts_with('#') {
            0.3
        } else {
            1.0
        };
        link_length += count_fn(&a) as f32 * coeff;
    }

    if link_length == 0.0 {
        return 0.0;
    }

    let text_length = char_count.unwrap_or_else(|| count_fn(node)) as f32;
    if text_length == 0.0 {
        return 0.0;
    }

    link_length / text_length
}

pub(crate) fn link_density(node: &NodeRef, char_count: Option<usize>) -> f32 {
    link_density_fn(node, char_count, |n| normalized_char_count(n))
}

/// Returns the child element if the node contains exactly one element child with the given tag
/// and no non-empty text nodes.
pub(crate) fn single_child_element<'a>(node: &NodeRef<'a>, tag: &str) -> Option<NodeRef<'a>> {
    // There should be exactly 1 element child with given tag
    let children = node.element_children();
    if children.len() != 1 {
        return None;
    }

    let first = children.first()?;

    if !first.has_name(tag) {
        return None;
    }
    if node.children_it(false).any(|n| n.is_nonempty_text()) {
        return None;
    }
    Some(*first)
}

pub(crate) fn is_element_without_content(node: &NodeRef) -> bool {
    // since this function calls only for elements check `node.is_element()` is redundant
    let has_text = node.descendants_it().any(|n| n.is_nonempty_text());
    if has_text {
        return false;
    }

    let el_children_count = node.children_it(false).filter(|n| n.is_element()).count();
    if el_children_count == 0 {
        return true;
    }

    let line_breaks = node.find_descendants("br").len() + node.find_descendants("hr").len();
    el_children_count == line_breaks
}

pub(crate) fn get_dir_attr(node: &NodeRef) -> Option<String> {
    if let Some(first_child) = node.first_child() {
        if let Some(dir_attr) = first_child.attr("dir") {
            return Some(dir_attr.to_string());
        }

        let dir_attr = first_child.ancestors_it(None).find_map(|a| a.attr("dir"));
        if let Some(dir_attr) = dir_attr {
            return Some(dir_attr.to_string());
        }
    }
    None
}

pub(crate) fn node_name_in(node: &NodeRef, names: &phf::Set<&str>) -> bool {
    node.qual_name_ref()
        .is_some_and(|name| names.contains(name.local.as_ref()))
}

pub(crate) fn is_probably_visible(node: &NodeRef) -> bool {
    if node.has_attr("hidden") {
        return false;
    }
    if is_invisible_style(node) {
        return false;
    }
    !MINI_ARIA_HIDDEN.match_node(node) || MINI_FALLBACK_IMG.match_node(node)
}

pub(crate) fn get_node_matching_string(node: &NodeRef) -> StrTendril {
    let mut buf = StrTendril::new();
    let Some(el) = node.element_ref() else {
        return buf;
    };

    for attr in &el.attrs {
        if !matches!(attr.name.local.as_ref(), "class" | "id") {
            continue;
        }
        buf.push_tendril(&attr.value);
        buf.push_char(' ');
    }

    buf.make_ascii_lowercase();
    buf
}

pub(crate) fn next_child_or_sibling<'a>(
    node: &NodeRef<'a>,
    ignore_child: bool,
) -> Option<NodeRef<'a>> {
    if !ignore_child {
        if let Some(first_child) = node.first_element_child() {
            return Some(first_child);
        }
    }

    if let Some(sibling) = node.next_element_sibling() {
        return Some(sibling);
    }
    let mut parent = node.parent();
    while let Some(parent_node) = parent {
        if let Some(next_sibling) = parent_node.next_element_sibling() {
            return Some(next_sibling);
        }
        parent = parent_node.parent();
    }
    None
}

#[cfg(not(feature = "aho-corasick"))]
/// A lightweight byte-level pre-checker used to quickly skip patterns
/// that cannot occur in the haystack.
pub(crate) struct BytePatternCheck<'a> {
    haystack: &'a str,
    char_map: [u8; 256],
}

#[cfg(not(feature = "aho-corasick"))]
impl<'a> BytePatternCheck<'a> {
    pub(crate) fn new(haystack: &'a str) -> Self {
        let mut char_map = [0u8; 256];

        for &b in haystack.as_bytes() {
            char_map[b as usize] = 1;
        }
        Self { haystack, char_map }
    }
    #[inline]
    fn pre_check(&self, pat: &str) -> bool {
        for &b in pat.as_bytes() {
            if self.char_map[b as usize] == 0 {
                return false;
            }
        }
        true
    }
    /// Checks if the haystack contains any of the given patterns.
    /// Performs a cheap bitmap pre-check before `str::contains`.
    pub(crate) fn contains_any(&self, pats: &[&str]) -> bool {
        pats.iter()
            .any(|pat| self.pre_check(pat) && self.haystack.contains(pat))
    }
}

/// Character counts of nodes as `NodeRef::normalized_char_count` gives them, remembered
/// per node. Valid while the tree is not edited.
///
/// `normalized_char_count` reads a node's whole subtree, and scoring asks for the count of
/// every scored element and then of every candidate ancestor, so each text was read five
/// times or more. Here each text is read once and a node's count is combined from its
/// children's: [`TextRun`] keeps what collapsing whitespace across text nodes needs.
///
/// Pith patch: public, so that Pith's own read-only passes over the page (its second
/// candidate) count the same way.
#[derive(Default)]
pub struct CharCounterCache {
    inner: RefCell<HashMap<NodeId, TextRun>>,
}

impl CharCounterCache {
    /// The number of characters in the node's text, whitespace runs counting one and
    /// whitespace at both ends none.
    pub fn char_count(&self, node: &NodeRef) -> usize {
        self.run(node).normalized()
    }

    fn run(&self, node: &NodeRef) -> TextRun {
        if let Some(run) = self.inner.borrow().get(&node.id) {
            return *run;
        }
        let text_or_first_child = node.query(|n| match &n.data {
            NodeData::Text { contents } => Ok(TextRun::of_text(contents)),
            _ => Err(n.first_child),
        });
        let run = match text_or_first_child {
            Some(Ok(run)) => return run,
            Some(Err(first_child)) => {
                let mut run = TextRun::default();
                let mut child = first_child;
                while let Some(id) = child {
                    let child_ref = NodeRef::new(id, node.tree);
                    run = run.then(self.run(&child_ref));
                    child = child_ref.query(|n| n.next_sibling).flatten();
                }
                run
            }
            None => TextRun::default(),
        };
        self.inner.borrow_mut().insert(node.id, run);
        run
    }
}

/// Pith patch: `NodeRef::normalized_char_count`'s answer (the node's and its descendants'
/// texts in document order, a whitespace character following another one not counted,
/// whitespace at both ends not counted), with each text counted by [`count_chars`].
pub fn normalized_char_count(node: &NodeRef) -> usize {
    let mut count = 0;
    // As dom_query counts: leading whitespace is not counted, and an empty text resets
    // whether the text before ended with whitespace.
    let mut after_ws = true;
    for n in std::iter::once(*node).chain(node.descendants_it()) {
        n.query(|n| {
            if let NodeData::Text { contents } = &n.data {
                count += count_chars(contents, after_ws);
                after_ws = contents.ends_with(char::is_whitespace);
            }
        });
    }
    if after_ws && count > 0 {
        count - 1
    } else {
        count
    }
}

/// Pith patch: eight bytes, when all are ASCII: the high bit of each whitespace one (tab,
/// line feed, vertical tab, form feed, carriage return, space: `char::is_whitespace` on
/// ASCII) set, the others clear; `None` when a byte is not ASCII. Per byte, each below 0x80,
/// no sum carries into the next: x ^ 0x20 plus 0x7F reaches 0x80 unless x is a space, and x
/// plus 0x77 (0x72) does when x is at least 0x09 (0x0E). Public for Pith's own counts.
pub fn ascii_white_space_mask(eight: &[u8]) -> Option<u64> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let v = u64::from_le_bytes(eight.try_into().ok()?);
    if v & HIGH != 0 {
        return None;
    }
    let space = !((v ^ (0x20 * ONES)) + 0x7F * ONES) & HIGH;
    let at_least = |low: u64| (v + (0x80 - low) * ONES) & HIGH;
    Some(space | (at_least(0x09) & !at_least(0x0E)))
}

/// Pith patch: the characters of `text` that `normalized_char_count` counts after a text
/// that ended with whitespace (`after_ws`) or not: every character but a whitespace one
/// following another. Eight bytes at a time while they are ASCII (most text): whitespace
/// bytes found by carry-free byte arithmetic, the pairs counted with `count_ones`; a
/// character at a time elsewhere, as `char::is_whitespace` says (which is, on ASCII, tab,
/// line feed, vertical tab, form feed, carriage return and space).
fn count_chars(text: &str, mut after_ws: bool) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(ws) = bytes.get(i..i + 8).and_then(ascii_white_space_mask) {
            // Each byte's high bit moved onto the next byte's: a whitespace byte after one.
            let after = (ws << 8) | if after_ws { 0x80 } else { 0 };
            count += 8 - (ws & after).count_ones() as usize;
            after_ws = ws >> 63 != 0;
            i += 8;
            continue;
        }
        // The last few bytes, and around non-ASCII characters, a character at a time
        // (cheaper than padding a chunk for the many short texts between tags).
        // `i` is always at a character's start: ASCII bytes and whole characters are taken.
        let c = text[i..].chars().next().unwrap_or_default();
        let ws = c.is_whitespace();
        if !(after_ws && ws) {
            count += 1;
        }
        after_ws = ws;
        i += c.len_utf8();
    }
    count
}

/// The text of a subtree, as `normalized_char_count` counts it: its characters, each
/// whitespace character following another one not counted.
#[derive(Clone, Copy, Default)]
struct TextRun {
    /// Characters counted when the text before did not end with whitespace.
    count: usize,
    /// Whether the subtree holds a text node (an empty one included).
    has_text: bool,
    /// Whether its first text node starts with whitespace.
    starts_ws: bool,
    /// Whether its last text node ends with whitespace.
    ends_ws: bool,
}

impl TextRun {
    fn of_text(text: &str) -> TextRun {
        TextRun {
            count: count_chars(text, false),
            has_text: true,
            starts_ws: text.starts_with(char::is_whitespace),
            ends_ws: text.ends_with(char::is_whitespace),
        }
    }

    /// This run followed by `next`.
    fn then(self, next: TextRun) -> TextRun {
        if !self.has_text {
            return next;
        }
        if !next.has_text {
            return self;
        }
        TextRun {
            // `next` starting with whitespace counted its first character.
            count: self.count + next.count - usize::from(self.ends_ws && next.starts_ws),
            has_text: true,
            starts_ws: self.starts_ws,
            ends_ws: next.ends_ws,
        }
    }

    /// The count with whitespace at both ends dropped, as `normalized_char_count` gives it.
    fn normalized(self) -> usize {
        if !self.has_text {
            return 0;
        }
        let count = self.count - usize::from(self.starts_ws);
        if self.ends_ws && count > 0 {
            count - 1
        } else {
            count
        }
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    const FLOAT_TOLERANCE: f64 = 0.00001;

    #[test]
    fn test_text_similarity() {
        let text_a = "The quick brown fox";
        let text_b = "The quick fox";
        let similarity = text_similarity(text_a, text_b);
        assert!(similarity > 0.75);
    }

    #[test]
    fn test_text_similarity_contains() {
        let text_a = "the quick brown fox jumps over the lazy dog";
        let text_b = "The Quick Brown Fox";
        let similarity = text_similarity(text_a, text_b);
        assert!(1.0 - similarity < FLOAT_TOLERANCE);
    }

    #[test]
    fn test_text_similarity_similar() {
        let text_a = "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶_科技_腾讯网";
        let text_b = "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶";
        let similarity = text_similarity(text_a, text_b);
        assert!(1.0 - similarity < FLOAT_TOLERANCE);
    }

    #[test]
    fn test_text_similarity_no_words() {
        // `text_b` has no unicode words, so the char totals are zero.
        let similarity = text_similarity("Some title", "...");
        assert!(similarity < FLOAT_TOLERANCE);
    }

    /// Pith patch: `count_chars` against the character-by-character count, on texts from an
    /// alphabet of ASCII whitespace and its neighbours, letters, and non-ASCII whitespace and
    /// letters, at every length up to 40 (so every byte position of the 8-byte chunks, and
    /// chunks cut by a non-ASCII character), and `normalized_char_count` against dom_query's.
    #[test]
    fn test_count_chars() {
        let alphabet = [
            ' ', '\t', '\n', '\x0B', '\x0C', '\r', '\x08', '\x0E', '\x1F', '!', 'a', 'Z', '\x7F',
            '\u{85}', '\u{A0}', 'é', '\u{2009}', '\u{3000}', '中', '😀',
        ];
        let reference = |text: &str, mut after_ws: bool| {
            let mut count = 0;
            for c in text.chars() {
                let ws = c.is_whitespace();
                count += usize::from(!(after_ws && ws));
                after_ws = ws;
            }
            count
        };
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 41) as usize;
            // Mostly ASCII, as text is; a non-ASCII character now and then.
            let text: String = (0..len)
                .map(|k| {
                    let r = (seed >> (k % 58)) as usize ^ k.wrapping_mul(0x9E37);
                    alphabet[if r % 9 == 0 { r % alphabet.len() } else { r % 13 }]
                })
                .collect();
            for after_ws in [false, true] {
                assert_eq!(count_chars(&text, after_ws), reference(&text, after_ws), "{text:?} {after_ws}");
            }
        }
        let contents = "<div> a  b\t\t<p>  long  ascii\x0b\x0c text  spanning several  chunks\r\n </p>\
            <p></p><span>Ünïcödé  текст\u{3000} 中文 </span>  <b> </b>end </div>";
        let doc = dom_query::Document::from(contents);
        for node in doc.root().descendants().iter() {
            assert_eq!(normalized_char_count(node), node.normalized_char_count(), "{}", node.html());
        }
    }

    #[test]
    fn test_char_counter_cache() {
        let contents = "<html><head><title> A  title </title></head><body>
            <div id=\"a\">  Lead <b>bold</b><i> italic </i>
                <p>Para&nbsp; graph  with\t\ttabs</p><span></span> <!-- a comment --> <em>  </em>
                <div><p>  </p><p>x</p> y <p></p></div>
            </div>
            <p>Ünïcödé  текст 中文 </p>\u{3000}
        </body></html>";
        let doc = dom_query::Document::from(contents);
        let nodes = doc.root().descendants();
        // Children first and parents first: the counts do not depend on what is cached.
        let cache = CharCounterCache::default();
        for node in nodes.iter().rev().chain(nodes.iter()) {
            assert_eq!(
                cache.char_count(node),
                node.normalized_char_count(),
                "{}",
                node.html()
            );
        }
        let cache = CharCounterCache::default();
        for node in &nodes {
            assert_eq!(
                cache.char_count(node),
                node.normalized_char_count(),
                "{}",
                node.html()
            );
        }
    }

    #[test]
    fn test_normalize_spaces() {
        let text = "    The quick  brown  fox\n jumps over the lazy dog. ";
        let normalized_text = normalize_spaces(text);
        let expected = "The quick brown fox jumps over the lazy dog.";
        assert_eq!(expected, normalized_text);
    }

    #[test]
    #[cfg(not(feature = "aho-corasick"))]
    fn test_ascii_pattern_check() {
        let class = "article primary main äußerlich konnen";
        let check = BytePatternCheck::new(class);
        assert!(check.contains_any(&["äußerlich"]));
        assert!(check.contains_any(&["article", "post"]));
        assert!(!check.contains_any(&["können"]));
    }
}
