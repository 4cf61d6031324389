//! Footnotes: references kept as superscript links, the notes gathered once at the end.
//!
//! Three ways pages tie a reference to its note, each read generally rather than per site:
//!
//! - **linked**: a short link into the page (`<a href="#fn1">1</a>`, or an element with
//!   `data-definition`) set as a superscript or named as a reference (`role="doc-noteref"`,
//!   a class or id word `fn`, `fnref`, `ref`, `footnote`, `note`, `cite`), whose target is
//!   a note: a list item, a block, or the block around a named anchor. That covers
//!   Wikipedia, WordPress (core block and plugins), Jetpack, Jekyll/kramdown, Hugo, Pandoc,
//!   markdown-it (Ghost), Substack, Google Docs and Word exports, `doc-noteref`. A block
//!   holding several notes' anchors (notes separated by `<br>`) is cut at each anchor.
//! - **numbered**: an unlinked superscript number (`<sup>2</sup>`) whose note, later in
//!   the page, is a list item with that number (in a list of no linked note), or a block
//!   that starts with it (in a `<sup>` or `<strong>`), with the blocks that continue it
//!   up to the next note.
//! - **in the text**: Tufte-style `.sidenote`/`.marginnote`, a `span.footnote` set the
//!   same way, and a reference that carries its note (`<span class="inline-footnote">1
//!   <span hidden>The note…</span></span>`: a label, then the note's box).
//!
//! [`take`] runs on the parsed page before Readability, which would drop the notes' list
//! as a link farm or keep it beside a copy of it: each note is rebuilt through the
//! allow-list and taken out of the page, its back-links (↩) left behind, and each
//! reference becomes `<sup data-pith-note="N">`, which the article builder turns into a
//! link ([`reference`]). [`attach`] then appends, in the order the article refers to
//! them, the notes the article still refers to, with the numbers the page gave them.

//!
//! Written for size as much as for reading: the wasm build inlines every dom_query call
//! and every iterator adapter where it is written (18.5 KB gzipped for this module when it
//! was written with iterator chains), so the page is read through a few accessors below
//! ([`is`], [`attr`], [`text`], [`below`]) that are compiled once, the shapes' words
//! live in tables, and the loops are plain.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use dom_query::{NodeId, NodeRef};

use crate::document::{Attr, Document, Element, NOTE_ID_PREFIX, Node, Tag};
use crate::text::hash::{PreHashed, fnv1a, mix64};

/// A reference's label is a number, a letter or a mark, at most this long ("12", "a", "†").
const MAX_LABEL_CHARS: usize = 4;

/// Marks a reference's label may hold besides letters and digits.
const LABEL_MARKS: &str = " *†‡§¶";

/// A sidenote longer than this (in characters) is a sidebar, not a note.
const MAX_SIDENOTE_CHARS: usize = 1500;

/// A heading left over a section of notes ("Notes", "References") is at most this long.
const MAX_NOTES_HEADING_CHARS: usize = 30;

/// Words (of a class or id, split at `-`, `_`, `:`) that name a footnote reference.
const REFERENCE_WORDS: &[&str] = &["fn", "fnref", "ref", "footnote", "footnotes", "noteref", "note", "cite", "ftn"];

/// Class words of Tufte CSS's notes in the text.
const SIDENOTE_CLASSES: &[&str] = &["sidenote", "marginnote"];

/// The class word (whole, or split at `-`, `_`, `:`) of a note written in the text as a
/// `<span>` (see [`is_sidenote`] and [`carried_note`]).
const INLINE_NOTE_WORD: &str = "footnote";

/// Class fragments of a note's link back to its reference.
const BACK_LINK_CLASSES: &[&str] = &["backlink", "backref", "footnote-back", "reversefootnote", "footnotereverse"];

/// The whole text of a back-link: "↩" (its text-style selector trimmed), "↑", "^".
const BACK_MARKS: &[&str] = &["↩", "↑", "^", "⤴", "⮌", "back", "Back"];

/// Elements a reference never points at as its note.
const NEVER_NOTES: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6", "body", "html", "article", "main"];

/// Inline elements a reference may point at inside its note (Substack's number, a named
/// anchor): the note is the block around them.
const ANCHORS: &[&str] = &["a", "span", "sup", "b", "i", "em", "strong", "cite"];

/// Blocks that hold a note around its anchor.
const NOTE_BLOCKS: &[&str] = &["li", "p", "div", "aside", "dd", "section", "td"];

/// Roles of a note (the ARIA DPUB names).
const NOTE_ROLES: &[&str] = &["doc-endnote", "doc-footnote"];

/// Blocks an unlinked number sits in, as a reference or as the number a note opens with.
const NUMBER_BLOCKS: &[&str] = &["p", "li", "div", "dd"];

/// Elements a note's number is set in when it opens the note.
const NUMBER_MARKS: &[&str] = &["sup", "strong", "b"];

/// Blocks that go on with a note that opens with its number.
const CONTINUATIONS: &[&str] = &["p", "ul", "ol", "blockquote", "pre"];

/// Headings of a section that held only notes.
const NOTES_HEADINGS: &[&str] = &["h2", "h3", "h4", "h5", "h6"];

/// The page's notes, rebuilt, in the order the page first refers to them.
#[derive(Debug, Default)]
pub struct Notes {
    notes: Vec<Note>,
}

#[derive(Debug)]
struct Note {
    /// The number the page shows for it, when it shows one.
    label: Option<u32>,
    content: Vec<Node>,
}

/// A note found on the page: its element, its label, and the element a reference points
/// at (inside the note, or the note itself; none for numbered notes and sidenotes).
struct Found<'a> {
    note: NodeRef<'a>,
    label: Option<u32>,
    target: Option<NodeRef<'a>>,
}

// ---------------------------------------------------------------- the page, read once

/// Is `node` an element with one of these names?
#[inline(never)]
fn is(node: &NodeRef, names: &[&str]) -> bool {
    node.element_ref().is_some_and(|e| names.contains(&&*e.name.local))
}

/// The value of `node`'s attribute `name`, if it is an element that has it.
#[inline(never)]
fn attr(node: &NodeRef, name: &str) -> Option<String> {
    let element = node.element_ref()?;
    element.attrs.iter().find(|a| &*a.name.local == name).map(|a| a.value.to_string())
}

/// Does `node` have the attribute `name`, and does its value pass `test`? (No copy: this
/// one runs on every element of the page.)
#[inline(never)]
fn attr_passes(node: &NodeRef, name: &str, test: fn(&str) -> bool) -> bool {
    node.element_ref().is_some_and(|e| e.attrs.iter().any(|a| &*a.name.local == name && test(&a.value)))
}

#[inline(never)]
fn text(node: &NodeRef) -> String {
    node.text().to_string()
}

/// The text of `node` without the spaces around it.
#[inline(never)]
fn shown(node: &NodeRef) -> String {
    text(node).trim().to_string()
}

#[inline(never)]
fn element_children<'a>(node: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    node.element_children()
}

#[inline(never)]
fn next_element<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    node.next_element_sibling()
}

#[inline(never)]
fn previous_element<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    node.prev_element_sibling()
}

#[inline(never)]
fn remove(node: &NodeRef) {
    node.remove_from_parent();
}

#[inline(never)]
fn append(parent: &NodeRef, child: &NodeRef) {
    parent.append_child(child);
}

#[inline(never)]
fn contains(haystack: &str, needle: &str) -> bool {
    haystack.contains(needle)
}

#[inline(never)]
fn char_count(s: &str) -> usize {
    s.chars().count()
}

#[inline(never)]
fn decimal(n: usize) -> String {
    n.to_string()
}

/// The number `s` writes (spaces around it allowed).
#[inline(never)]
fn number(s: &str) -> Option<u32> {
    s.trim().parse().ok()
}

/// The nodes inside `node`, in page order (a copy: the tree may change while it is read).
#[inline(never)]
fn below<'a>(node: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    node.descendants()
}

#[inline(never)]
fn parent<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    node.parent()
}

/// The nearest of `node`'s first `depth` ancestors with one of these names.
#[inline(never)]
fn ancestor<'a>(node: &NodeRef<'a>, depth: usize, names: &[&str]) -> Option<NodeRef<'a>> {
    let mut up = parent(node);
    for _ in 0..depth {
        let a = up?;
        if is(&a, names) {
            return Some(a);
        }
        up = parent(&a);
    }
    None
}

/// Is `node` inside `ancestor` (or it)?
#[inline(never)]
fn is_within(node: &NodeRef, ancestor: &NodeRef) -> bool {
    let mut at = Some(*node);
    while let Some(n) = at {
        if n.id == ancestor.id {
            return true;
        }
        at = parent(&n);
    }
    false
}

/// Does any node inside `node` have one of these names?
#[inline(never)]
fn holds(node: &NodeRef, names: &[&str]) -> bool {
    below(node).iter().any(|d| is(d, names))
}

/// The first text inside `node` that is not blank.
#[inline(never)]
fn first_text<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    below(node).into_iter().find(|d| d.is_text() && !shown(d).is_empty())
}

/// Is one of `words` a word of `value` (split at spaces, and at `-`, `_`, `:` with
/// `dashes`), without case?
#[inline(never)]
fn has_word(value: &str, words: &[&str], dashes: bool) -> bool {
    let separator = |c: char| c.is_whitespace() || (dashes && matches!(c, '-' | '_' | ':'));
    value.split(separator).any(|w| !w.is_empty() && words.iter().any(|r| r.eq_ignore_ascii_case(w)))
}

/// The page's anchors by id (and old-style `name`), read on the first lookup: most pages
/// with links into themselves have no footnote, and their links stop at cheaper tests.
/// Each id's hash leads to a chain of the anchors with that hash, like the dedupe's
/// [`LshIndex`](crate::text::shingles::LshIndex): the same map type, compiled once.
struct Targets<'a> {
    page: &'a [NodeRef<'a>],
    index: std::cell::OnceCell<Anchors<'a>>,
}

#[derive(Default)]
struct Anchors<'a> {
    /// An id's hash → index in `entries` of the latest anchor with that hash.
    heads: HashMap<u64, u32, BuildHasherDefault<PreHashed>>,
    /// (id, anchor, index of the previous anchor with the same hash or `u32::MAX`).
    entries: Vec<(String, NodeRef<'a>, u32)>,
}

#[inline(never)]
fn id_hash(id: &str) -> u64 {
    mix64(u64::from(fnv1a(id.as_bytes())))
}

impl<'a> Targets<'a> {
    #[inline(never)]
    fn get(&self, id: &str) -> Option<NodeRef<'a>> {
        let anchors = self.index.get_or_init(|| {
            let mut anchors =
                Anchors { heads: HashMap::with_capacity_and_hasher(64, Default::default()), entries: Vec::new() };
            for node in self.page {
                let key = match attr(node, "id") {
                    None if is(node, &["a"]) => attr(node, "name"),
                    key => key,
                };
                let Some(key) = key else { continue };
                let at = anchors.entries.len() as u32;
                let previous = anchors.heads.insert(id_hash(&key), at).unwrap_or(u32::MAX);
                anchors.entries.push((key, *node, previous));
            }
            anchors
        });
        // The first anchor in the page with this id: the last one on its chain.
        let mut found = None;
        let mut at = anchors.heads.get(&id_hash(id)).copied().unwrap_or(u32::MAX);
        while let Some((key, node, previous)) = anchors.entries.get(at as usize) {
            if key == id {
                found = Some(*node);
            }
            at = *previous;
        }
        found
    }
}

// ---------------------------------------------------------------- taking the notes

/// Could this element be a footnote reference: a superscript, a link into the page,
/// Bigfoot's `data-definition`, a sidenote?
#[inline(never)]
fn is_candidate(node: &NodeRef) -> bool {
    is(node, &["sup"])
        || (is(node, &["a"]) && attr_passes(node, "href", |h| h.contains('#')))
        || attr_passes(node, "data-definition", |_| true)
        || attr_passes(node, "class", |c| {
            has_word(c, SIDENOTE_CLASSES, false)
                || (contains(c, INLINE_NOTE_WORD) && has_word(c, &[INLINE_NOTE_WORD], true))
        })
}

/// Takes the notes out of the page and marks their references (see the module's comment).
#[inline(never)]
pub fn take(dom: &dom_query::Document, url: Option<&str>) -> Notes {
    let page = below(&dom.root());
    let targets = Targets { page: &page, index: std::cell::OnceCell::new() };
    let mut notes: Vec<Found> = Vec::new();
    let mut references: Vec<(NodeRef, usize)> = Vec::new();
    let mut numbered: Vec<(NodeRef, u32)> = Vec::new();
    let mut taken = Taken::default();
    for candidate in &page {
        if !is_candidate(candidate) {
            continue;
        }
        let found = if is(candidate, &["sup"]) {
            // An unlinked number: paired with its note below, by number.
            if let Some(n) = number_label(&text(candidate)) {
                if !has_resolved_link(candidate, &targets) {
                    numbered.push((*candidate, n));
                }
            }
            continue;
        } else if is(candidate, &["a"]) || attr_passes(candidate, "data-definition", |_| true) {
            let Some((target, note)) = note_of(candidate, &targets) else { continue };
            // A link to a reference is a note's way back to it, not a reference.
            if taken.is_related(&target) {
                continue;
            }
            Found { note, label: number_label(&text(candidate)), target: Some(target) }
        } else if notes.iter().any(|f| is_within(candidate, &f.note)) {
            // Inside a note found already: part of it.
            continue;
        } else if let Some((note, label)) = carried_note(candidate) {
            Found { note, label: Some(label), target: None }
        } else if is_sidenote(candidate) {
            Found { note: *candidate, label: None, target: None }
        } else {
            continue;
        };
        let same = |n: &Found| {
            n.note.id == found.note.id
                && match (n.target, found.target) {
                    (Some(a), Some(b)) => a.id == b.id,
                    _ => true,
                }
        };
        let index = match notes.iter().position(same) {
            Some(i) => i,
            None => {
                notes.push(found);
                notes.len() - 1
            }
        };
        taken.add(candidate);
        references.push((*candidate, index));
    }
    split_shared_notes(&mut notes);
    pair_numbered(&numbered, &mut notes, &mut references);
    if notes.is_empty() {
        return Notes::default();
    }
    // Back-links point at the references (or their `<sup>`): their ids and names, to find them.
    let mut reference_ids = Vec::new();
    for (r, _) in &references {
        for n in [Some(*r), parent(r), r.first_element_child()].into_iter().flatten() {
            reference_ids.extend(attr(&n, "id"));
            reference_ids.extend(attr(&n, "name"));
        }
    }
    for found in &notes {
        drop_back_links(&found.note, found.target.as_ref(), &reference_ids);
    }
    // Rebuilt before the references are rewritten (a note may hold a reference).
    let mut built = Vec::with_capacity(notes.len());
    for found in &notes {
        built.push(Note { label: found.label, content: super::super::document_from(&found.note, url).nodes });
    }
    for (reference, index) in references {
        let sidenote = !is(&reference, &["a", "sup"]) && !attr_passes(&reference, "data-definition", |_| true);
        let outer = if sidenote { reference } else { outer_reference(&reference) };
        let marker = reference.tree.new_element("sup");
        let number = decimal(index + 1);
        marker.set_attr("data-pith-note", &number);
        marker.set_text(number);
        if sidenote {
            drop_sidenote_toggles(&reference);
        }
        outer.replace_with(&marker);
    }
    for found in notes {
        remove_with_empty_containers(&found.note);
    }
    Notes { notes: built }
}

/// The references taken so far and every element around them, each sorted: is a link's
/// target one of them, inside one, or around one? (Testing each reference in turn was
/// quadratic on Wikipedia's hundreds of notes.) The tree does not change while they are
/// taken.
#[derive(Default)]
struct Taken {
    references: Vec<NodeId>,
    around: Vec<NodeId>,
}

impl Taken {
    #[inline(never)]
    fn add(&mut self, reference: &NodeRef) {
        insert_sorted(&mut self.references, reference.id);
        // An element already there has its ancestors there too.
        let mut at = Some(*reference);
        while let Some(n) = at.filter(|n| insert_sorted(&mut self.around, n.id)) {
            at = parent(&n);
        }
    }

    #[inline(never)]
    fn is_related(&self, target: &NodeRef) -> bool {
        if self.around.binary_search(&target.id).is_ok() {
            return true;
        }
        let mut at = Some(*target);
        while let Some(n) = at {
            if self.references.binary_search(&n.id).is_ok() {
                return true;
            }
            at = parent(&n);
        }
        false
    }
}

/// Inserts `id` in its place in the sorted `ids`; false when it is there already.
fn insert_sorted(ids: &mut Vec<NodeId>, id: NodeId) -> bool {
    match ids.binary_search(&id) {
        Ok(_) => false,
        Err(at) => {
            ids.insert(at, id);
            true
        }
    }
}

/// Does this superscript hold a link to something on the page (a linked reference)?
#[inline(never)]
fn has_resolved_link(sup: &NodeRef, targets: &Targets) -> bool {
    // The link: the superscript itself, around it (two levels), or inside it.
    let link = if is(sup, &["a"]) { Some(*sup) } else { ancestor(sup, 2, &["a"]) };
    let link = link.or_else(|| below(sup).into_iter().find(|d| is(d, &["a"])));
    let Some(href) = link.and_then(|a| attr(&a, "href")) else { return false };
    href.split_once('#').is_some_and(|(_, id)| targets.get(&percent_decode(id)).is_some())
}

/// A label without the brackets around it ("[12]" is "12").
#[inline(never)]
fn bare_label(text: &str) -> &str {
    text.trim().trim_matches(['[', ']', '(', ')'])
}

/// The number a reference shows ("[12]", "12"); `None` for a letter or a mark.
#[inline(never)]
fn number_label(text: &str) -> Option<u32> {
    let text = bare_label(text);
    if text.len() > 3 {
        return None;
    }
    number(text).filter(|n| *n > 0)
}

/// The element a link points at and the note holding it, if the link looks like a
/// footnote reference.
#[inline(never)]
fn note_of<'a>(link: &NodeRef<'a>, targets: &Targets<'a>) -> Option<(NodeRef<'a>, NodeRef<'a>)> {
    let id = match attr(link, "data-definition") {
        Some(id) => id,
        // Only a link into this page: `#fn1`, or Word's `page#_ftn1` (its note has no
        // id, and is found by number).
        None => percent_decode(attr(link, "href")?.split_once('#')?.1),
    };
    let written = text(link);
    let label = bare_label(&written);
    let label_chars = char_count(label);
    let label_ok = (1..=MAX_LABEL_CHARS).contains(&label_chars)
        && label.chars().all(|c| c.is_alphanumeric() || LABEL_MARKS.contains(c));
    if !label_ok || !looks_like_reference(link, &written) {
        return None;
    }
    let target = targets.get(&id)?;
    // A link to an earlier anchor that links on is a note's way back to its reference
    // (Wikipedia's "a", "b" to each `<sup id>` referring to the note), not a reference.
    if target.id < link.id
        && (attr_passes(&target, "href", |_| true) || below(&target).iter().any(|d| attr_passes(d, "href", |_| true)))
    {
        return None;
    }
    let note = note_container(&target)?;
    // A link inside its own target (a back-link, a note's own number) is not a reference.
    let has_text = text(&note).chars().filter(|c| c.is_alphanumeric()).count() > label_chars;
    (!is_within(link, &note) && has_text).then_some((target, note))
}

/// Is this element named as a footnote reference (`role="doc-noteref"`, `rel="footnote"`,
/// a class or id word of [`REFERENCE_WORDS`])?
#[inline(never)]
fn is_named_reference(node: &NodeRef) -> bool {
    attr_passes(node, "role", |r| r == "doc-noteref")
        || attr_passes(node, "rel", |r| r == "footnote")
        || attr_passes(node, "class", |c| has_word(c, REFERENCE_WORDS, true))
        || attr_passes(node, "id", |c| has_word(c, REFERENCE_WORDS, true))
}

/// A footnote reference is set as a superscript, bracketed, or named as one.
#[inline(never)]
fn looks_like_reference(link: &NodeRef, written: &str) -> bool {
    let written = written.trim();
    if written.starts_with('[') && written.ends_with(']') {
        return true;
    }
    if parent(link).is_some_and(|p| is(&p, &["sup"]) || is_named_reference(&p)) {
        return true;
    }
    below(link).iter().any(|d| is(d, &["sup"]) || is_named_reference(d)) || is_named_reference(link)
}

/// The element holding a note, from the element a reference points at: itself when it is
/// a list item or a block, the block around it when it is an anchor in a note.
#[inline(never)]
fn note_container<'a>(target: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    if is(target, NEVER_NOTES) {
        return None;
    }
    if !is(target, ANCHORS) {
        return Some(*target);
    }
    // An anchor in a note (Substack points at the note's number, old pages at a named
    // anchor): the note around it; a list item or an element named as a note first.
    let mut up = parent(target);
    let mut named = None;
    for _ in 0..4 {
        let Some(a) = up else { break };
        if is(&a, &["li"])
            || attr_passes(&a, "role", |r| NOTE_ROLES.contains(&r))
            || attr_passes(&a, "class", |c| contains(&c.to_ascii_lowercase(), "footnote"))
        {
            named = Some(a);
            break;
        }
        up = parent(&a);
    }
    named.or_else(|| ancestor(target, 4, NOTE_BLOCKS)).filter(|a| !is(a, &["body"]))
}

/// Notes that share one block (notes separated by `<br>`, each after its named anchor):
/// the block is cut into one `<div>` per note, from its anchor to the next one.
#[inline(never)]
fn split_shared_notes(notes: &mut [Found]) {
    // The blocks holding the anchors of several notes, in page order.
    let mut blocks: Vec<(NodeId, Vec<usize>)> = Vec::new();
    for (i, found) in notes.iter().enumerate() {
        if found.target.is_none_or(|t| t.id == found.note.id) {
            continue;
        }
        match blocks.iter_mut().find(|(id, _)| *id == found.note.id) {
            Some((_, indices)) => indices.push(i),
            None => blocks.push((found.note.id, vec![i])),
        }
    }
    for (_, indices) in blocks {
        if indices.len() < 2 {
            continue;
        }
        let block = notes[indices[0]].note;
        // Each note starts at the block's child that holds its anchor.
        let mut starts: Vec<(NodeId, usize)> = Vec::new();
        for &i in &indices {
            let mut at = notes[i].target;
            while let Some(n) = at {
                if parent(&n).is_some_and(|p| p.id == block.id) {
                    starts.push((n.id, i));
                    break;
                }
                at = parent(&n);
            }
        }
        let mut current: Option<(NodeRef, usize)> = None;
        for child in block.children() {
            if let Some(&(_, i)) = starts.iter().find(|(id, _)| *id == child.id) {
                let part = block.tree.new_element("div");
                block.insert_before(&part);
                current = Some((part, i));
            }
            if let Some((part, i)) = current {
                if !is(&child, &["br"]) {
                    append(&part, &child);
                }
                notes[i].note = part;
            }
        }
    }
}

/// Pairs unlinked numbered references (`<sup>2</sup>`) with the notes that carry their
/// numbers later in the page: list items so numbered, or blocks starting with the number
/// (and the blocks after them, up to the next note, when the notes follow a rule or a
/// heading at the end).
#[inline(never)]
fn pair_numbered<'a>(
    numbered: &[(NodeRef<'a>, u32)],
    notes: &mut Vec<Found<'a>>,
    references: &mut Vec<(NodeRef<'a>, usize)>,
) {
    // Each candidate note: its number, its block, and the number it opens with.
    let mut found: Vec<(u32, NodeRef, Option<NodeRef>)> = Vec::new();
    let mut refs: Vec<(NodeRef, u32)> = Vec::new();
    let mut free = false;
    for &(sup, n) in numbered {
        // Numbers inside notes taken already are theirs, not references.
        if notes.iter().any(|f| is_within(&sup, &f.note)) {
            continue;
        }
        free = true;
        // A number that opens a block is a note's; the others are references.
        if !opens_block(&sup) {
            refs.push((sup, n));
        } else if let Some(block) = ancestor(&sup, 4, NUMBER_BLOCKS) {
            found.push((n, block, Some(sup)));
        }
    }
    if !free {
        return;
    }
    let numbered_already = |found: &[(u32, NodeRef, Option<NodeRef>)], n: u32| found.iter().any(|(m, _, _)| *m == n);
    if let Some(&(first, _)) = refs.first() {
        let page = below(&first.tree.root());
        // Paragraphs after the references that open with a number in bold (`<strong>2</strong>`).
        for b in &page {
            if b.id <= first.id || !is(b, &["strong", "b"]) {
                continue;
            }
            if let Some(n) = number_label(&text(b)) {
                if opens_block(b) && !numbered_already(&found, n) {
                    found.extend(ancestor(b, 4, NUMBER_BLOCKS).map(|block| (n, block, Some(*b))));
                }
            }
        }
        // List items numbered by their list (`<ol start="2">`), in lists that hold no
        // reference and none of the notes linked to: a page that links its notes does not
        // also number them silently (Wikipedia's `km<sup>2</sup>` is a square, not its
        // second note).
        // Each item's number read once, not once per reference.
        let items: Vec<(NodeRef, Option<u32>)> =
            page.iter().filter(|d| is(d, &["li"])).map(|li| (*li, list_number(li))).collect();
        for &(sup, n) in &refs {
            if numbered_already(&found, n) {
                continue;
            }
            for (li, number) in &items {
                if li.id > sup.id
                    && *number == Some(n)
                    && parent(li).is_some_and(|list| {
                        !refs.iter().any(|(r, _)| is_within(r, &list))
                            && !notes.iter().any(|f| is_within(&f.note, &list))
                    })
                {
                    found.push((n, *li, None));
                    break;
                }
            }
        }
    }
    for (n, block, opener) in found {
        let mut referring = Vec::new();
        for &(sup, m) in &refs {
            if m == n && sup.id < block.id {
                referring.push(sup);
            }
        }
        if referring.is_empty() || notes.iter().any(|f| is_within(&block, &f.note) || is_within(&f.note, &block)) {
            continue;
        }
        if let Some(opener) = opener {
            remove(&opener);
            gather_continuation(&block);
        }
        notes.push(Found { note: block, label: Some(n), target: None });
        for r in referring {
            references.push((r, notes.len() - 1));
        }
    }
    // Back in page order (node ids grow along the page). By insertion: the list is in order
    // but for the pairs just appended, and a library sort here instantiates a whole stable
    // sort for this one type in the wasm (≈2 KB gzipped).
    for i in 1..references.len() {
        let mut j = i;
        while j > 0 && references[j - 1].0.id > references[j].0.id {
            references.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Does this number open its block (`<p><sup>1</sup> The note…`, `<p><strong>1</strong> …`)?
#[inline(never)]
fn opens_block(number: &NodeRef) -> bool {
    let Some(block) = ancestor(number, 4, NUMBER_BLOCKS) else { return false };
    first_text(&block).is_some_and(|t| is_within(&t, number))
}

/// A list item's number in an ordered list (its `value`, or the list's `start` and its place).
#[inline(never)]
fn list_number(li: &NodeRef) -> Option<u32> {
    if let Some(value) = attr(li, "value").and_then(|v| number(&v)) {
        return Some(value);
    }
    let list = parent(li).filter(|p| is(p, &["ol"]))?;
    let start = attr(&list, "start").and_then(|s| number(&s)).unwrap_or(1);
    // Its place: the elements before it in the list, counted without copying the list.
    let mut place = 0;
    let mut before = previous_element(li);
    while let Some(b) = before {
        place += 1;
        before = previous_element(&b);
    }
    Some(start + place)
}

/// A note that opens with its number in a paragraph may go on in the paragraphs and lists
/// after it, up to the next note: they move into it (a `<div>` then holds the note).
#[inline(never)]
fn gather_continuation(block: &NodeRef) {
    if !is(block, &["p"]) {
        return;
    }
    let mut following = Vec::new();
    let mut next = next_element(block);
    while let Some(sibling) = next {
        let opens_note = first_text(&sibling)
            .is_some_and(|t| ancestor(&t, 3, NUMBER_MARKS).is_some() && number_label(&text(&t)).is_some());
        if opens_note || !is(&sibling, CONTINUATIONS) {
            break;
        }
        following.push(sibling);
        next = next_element(&sibling);
    }
    if following.is_empty() {
        return;
    }
    block.rename("div");
    let first = block.tree.new_element("p");
    for child in block.children() {
        append(&first, &child);
    }
    append(block, &first);
    for sibling in following {
        append(block, &sibling);
    }
}

/// `#fn%3A1` is the anchor `fn:1`; an address that decodes to no text names no anchor.
fn percent_decode(s: &str) -> String {
    super::percent_decode(s).unwrap_or_else(|| "\u{fffd}".to_string())
}

/// A note written in the text: Tufte's `.sidenote` or `.marginnote`, or a `span.footnote`
/// in a paragraph that is more than a label and links nowhere in the page (a reference
/// set in a `span.footnote` is one).
#[inline(never)]
fn is_sidenote(node: &NodeRef) -> bool {
    let in_text = parent(node).is_some_and(|p| !is(&p, &["body"]));
    let named = attr_passes(node, "class", |c| has_word(c, SIDENOTE_CLASSES, false))
        || (is(node, &["span"])
            && attr_passes(node, "class", |c| has_word(c, &[INLINE_NOTE_WORD], false))
            && ancestor(node, 3, &["p", "li", "dd"]).is_some()
            && number_label(&text(node)).is_none()
            && !holds_page_link(node));
    named && in_text && char_count(&text(node)) <= MAX_SIDENOTE_CHARS && !holds(node, &["h2"])
}

/// A reference that carries its note: a `<span>` or `<sup>` named as a footnote (a class
/// word, `inline-footnote`), in a paragraph, whose text opens with its label and whose one
/// element holds the note (often hidden, shown on hover). The note and its number.
#[inline(never)]
fn carried_note<'a>(node: &NodeRef<'a>) -> Option<(NodeRef<'a>, u32)> {
    if !is(node, &["span", "sup"])
        || !attr_passes(node, "class", |c| has_word(c, &[INLINE_NOTE_WORD], true))
        || ancestor(node, 3, &["p", "li", "dd"]).is_none()
    {
        return None;
    }
    let [note] = element_children(node)[..] else { return None };
    let label = node.first_child().filter(NodeRef::is_text).and_then(|t| number_label(&text(&t)))?;
    let note_text = shown(&note);
    let more_than_a_label = !note_text.is_empty() && number_label(&note_text).is_none();
    (more_than_a_label && char_count(&note_text) <= MAX_SIDENOTE_CHARS && !holds_page_link(&note))
        .then_some((note, label))
}

/// Is `node`, or anything inside it, a link to somewhere in the page (`href="#…"`)?
#[inline(never)]
fn holds_page_link(node: &NodeRef) -> bool {
    let page_link = |d: &NodeRef| is(d, &["a"]) && attr_passes(d, "href", |h| h.starts_with('#'));
    page_link(node) || below(node).iter().any(page_link)
}

/// The element a reference is set in: the link or number, and the `<sup>` (or a box
/// holding nothing else) around it.
#[inline(never)]
fn outer_reference<'a>(reference: &NodeRef<'a>) -> NodeRef<'a> {
    let mut outer = *reference;
    for _ in 0..2 {
        let Some(p) = parent(&outer) else { break };
        if !is(&p, &["sup", "span"]) || element_children(&p).len() != 1 || shown(&p) != shown(&outer) {
            break;
        }
        outer = p;
    }
    outer
}

/// Is this element in a note its link back to a reference?
#[inline(never)]
fn is_back_link(node: &NodeRef, reference_ids: &[String]) -> bool {
    let class = attr(node, "class").unwrap_or_default().to_ascii_lowercase();
    if BACK_LINK_CLASSES.iter().any(|w| contains(&class, w)) || attr_passes(node, "role", |r| r == "doc-backlink") {
        return true;
    }
    if !is(node, &["a"]) {
        return false;
    }
    let to_reference = attr(node, "href").is_some_and(|h| {
        h.split_once('#').is_some_and(|(_, id)| {
            let id = percent_decode(id);
            reference_ids.contains(&id) || contains(&id, "ref")
        })
    });
    to_reference
        || BACK_MARKS.contains(&shown(node).trim_end_matches(['\u{fe0e}', '\u{fe0f}']))
        || attr_passes(node, "onclick", |c| contains(c, "history.back"))
}

/// Removes a note's links back to its references (and the number a note opens with when
/// it is that link), and the caret Wikipedia leaves.
#[inline(never)]
fn drop_back_links(note: &NodeRef, target: Option<&NodeRef>, reference_ids: &[String]) {
    for d in below(note) {
        if is_back_link(&d, reference_ids) {
            // The number the link shows goes with it; a `<sup>` left empty too.
            let holder = parent(&d).filter(|p| is(p, &["sup"]) && shown(p) == shown(&d));
            remove(&holder.unwrap_or(d));
        }
    }
    // A named anchor the note opens with (`<a name="fn1"><sup>1</sup></a>`) is its number.
    if let Some(anchor) = target {
        if is(anchor, &["a"]) && !attr_passes(anchor, "href", |_| true) && number_label(&text(anchor)).is_some() {
            remove(anchor);
        }
    }
    // Wikipedia's "^" before the text, once its links are gone.
    if let Some(first) = first_text(note) {
        let written = text(&first);
        let trimmed = written.trim_start().trim_start_matches(['^', '↑']).trim_start();
        if trimmed.len() != written.len() {
            first.set_text(trimmed.to_string());
        }
    }
}

/// Tufte CSS's sidenote switch: the numbered label and the checkbox before the note.
#[inline(never)]
fn drop_sidenote_toggles(note: &NodeRef) {
    while let Some(toggle) = previous_element(note) {
        if !is(&toggle, &["label", "input"]) || !attr_passes(&toggle, "class", |c| contains(c, "toggle")) {
            break;
        }
        remove(&toggle);
    }
}

/// Does `node` hold nothing a reader sees: no text but spaces, no picture? It stops at
/// the first thing seen (the notes' list is tested after each note goes: reading its
/// whole text each time made Wikipedia's pages quadratic).
#[inline(never)]
fn is_blank(node: &NodeRef) -> bool {
    !node.descendants_it().any(|d| if d.is_text() { !d.text().trim().is_empty() } else { is(&d, &["img"]) })
}

/// Removes a note, then the list, section and heading it leaves empty.
#[inline(never)]
fn remove_with_empty_containers(note: &NodeRef) {
    let mut up = parent(note);
    remove(note);
    let mut emptied = None;
    while let Some(p) = up {
        if is(&p, &["body"]) || !is_blank(&p) {
            break;
        }
        up = parent(&p);
        emptied = Some(p);
    }
    let Some(container) = emptied else { return };
    // markdown-it's rule before the notes' section.
    if let Some(rule) = previous_element(&container).filter(|h| is(h, &["hr"])) {
        remove(&rule);
    }
    // "Notes", "References": the heading of a section that held only notes.
    if let Some(heading) = previous_element(&container) {
        if is(&heading, NOTES_HEADINGS) && char_count(&shown(&heading)) <= MAX_NOTES_HEADING_CHARS {
            remove(&heading);
        }
    }
    remove(&container);
}

// ---------------------------------------------------------------- the article's notes

/// The article builder's footnote reference: `<sup data-pith-note="N">` becomes
/// `<sup class="footnote-ref"><a href="#pith-fn-N">N</a></sup>` (`N` the note's index
/// until [`attach`] gives the note its place and its label).
#[inline(never)]
pub fn reference(node: &NodeRef, tag: Tag) -> Option<Element> {
    if tag != Tag::Sup {
        return None;
    }
    let index = number(&attr(node, "data-pith-note")?)?;
    Some(reference_element(index as usize, index))
}

#[inline(never)]
fn reference_element(place: usize, label: u32) -> Element {
    let mut link = Element::new(Tag::A);
    link.set_attr(Attr::Href, &format!("#{NOTE_ID_PREFIX}{place}"));
    link.children.push(Node::Text(decimal(label as usize)));
    let mut sup = Element::new(Tag::Sup);
    sup.set_attr(Attr::Class, "footnote-ref");
    sup.children.push(Node::Element(link));
    sup
}

/// Appends the notes the article refers to, in the order it first refers to them, each
/// with the number the page gave it (a note the page numbered by CSS, or whose number
/// another note took, gets the next free one); references link to their note.
#[inline(never)]
pub fn attach(content: &mut Document, mut notes: Notes) {
    let mut order: Vec<usize> = Vec::new();
    collect_order(&content.nodes, notes.notes.len(), &mut order);
    if order.is_empty() {
        return;
    }
    // Labels: the page's, unless taken; then numbers after the page's largest.
    let mut next = 0;
    for index in &order {
        next = next.max(notes.notes[index - 1].label.unwrap_or(0));
    }
    let mut labels: Vec<u32> = Vec::with_capacity(order.len());
    for index in &order {
        let label = match notes.notes[index - 1].label {
            Some(label) if !labels.contains(&label) => label,
            _ => {
                next += 1;
                next
            }
        };
        labels.push(label);
    }
    relink(&mut content.nodes, &order, &labels);
    let mut list = Element::new(Tag::Ol);
    list.set_attr(Attr::Class, "footnotes");
    for (place, index) in order.iter().enumerate() {
        let mut item = Element::new(Tag::Li);
        item.set_attr(Attr::Id, &format!("{NOTE_ID_PREFIX}{}", place + 1));
        item.set_attr(Attr::Value, &decimal(labels[place] as usize));
        item.children = std::mem::take(&mut notes.notes[index - 1].content);
        relink(&mut item.children, &order, &labels);
        list.children.push(Node::Element(item));
    }
    content.nodes.push(Node::Element(list));
}

/// The notes' indices (from 1) in the order the nodes first refer to them.
#[inline(never)]
fn collect_order(nodes: &[Node], count: usize, order: &mut Vec<usize>) {
    for node in nodes {
        let Node::Element(e) = node else { continue };
        if !e.is_footnote_ref() {
            collect_order(&e.children, count, order);
        } else if let Some(index) = ref_index(e).filter(|i| (1..=count).contains(i) && !order.contains(i)) {
            order.push(index);
        }
    }
}

/// The note index a built reference points at (`#pith-fn-N`).
#[inline(never)]
fn ref_index(reference: &Element) -> Option<usize> {
    let Some(Node::Element(link)) = reference.children.first() else { return None };
    number(link.attr(Attr::Href)?.strip_prefix('#')?.strip_prefix(NOTE_ID_PREFIX)?).map(|n| n as usize)
}

/// Points each reference at its note's place with its label; a reference to a note
/// not attached (inside a note, to a note the article never refers to) is its bare mark.
#[inline(never)]
fn relink(nodes: &mut [Node], order: &[usize], labels: &[u32]) {
    for node in nodes {
        let Node::Element(e) = node else { continue };
        if !e.is_footnote_ref() {
            relink(&mut e.children, order, labels);
            continue;
        }
        let place = ref_index(e).and_then(|i| order.iter().position(|o| *o == i));
        *e = match place {
            Some(place) => reference_element(place + 1, labels[place]),
            None => {
                let mut sup = Element::new(Tag::Sup);
                sup.children.push(Node::Text(e.text()));
                sup
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(html: &str) -> Document {
        let dom = dom_query::Document::from(html);
        let notes = take(&dom, Some("https://example.com/"));
        let mut doc = crate::extract::dom::document_from(&dom.root(), Some("https://example.com/"));
        attach(&mut doc, notes);
        doc
    }

    #[test]
    fn kramdown_footnotes_move_to_the_end_once() {
        let html = r##"<p>The main<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup> benefits.</p>
            <div class="footnotes" role="doc-endnotes"><ol><li id="fn:1" role="doc-endnote"><p>A note. <a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p></li></ol></div>"##;
        let doc = clean(html);
        assert_eq!(crate::render::text(&doc), "The main[1] benefits.\n\n[1] A note.");
        let html = crate::render::html(&doc);
        assert!(html.contains(r##"<sup class="footnote-ref"><a href="#pith-fn-1">1</a></sup>"##), "{html}");
        assert!(html.contains(r#"<ol class="footnotes">"#) && !html.contains('↩'), "{html}");
    }
}
