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
//! - **sidenotes**: Tufte-style `.sidenote`/`.marginnote`, written in the text.
//!
//! [`take`] runs on the parsed page before Readability, which would drop the notes' list
//! as a link farm or keep it beside a copy of it: each note is rebuilt through the
//! allow-list and taken out of the page, its back-links (↩) left behind, and each
//! reference becomes `<sup data-pith-note="N">`, which the article builder turns into a
//! link ([`reference`]). [`attach`] then appends, in the order the article refers to
//! them, the notes the article still refers to, with the numbers the page gave them.

use std::collections::HashMap;

use dom_query::{NodeId, NodeRef};

use crate::document::{Attr, Document, Element, NOTE_ID_PREFIX, Node, Tag};

/// A reference's label is a number, a letter or a mark, at most this long ("12", "a", "†").
const MAX_LABEL_CHARS: usize = 4;

/// A sidenote longer than this (in characters) is a sidebar, not a note.
const MAX_SIDENOTE_CHARS: usize = 1500;

/// Words (of a class or id, split at `-`, `_`, `:`) that name a footnote reference.
const REFERENCE_WORDS: &[&str] = &["fn", "fnref", "ref", "footnote", "footnotes", "noteref", "note", "cite", "ftn"];

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

/// The page's anchors by id (and old-style `name`), read on the first lookup: most pages
/// with links into themselves have no footnote, and their links stop at cheaper tests.
struct Targets<'a> {
    dom: &'a dom_query::Document,
    by_id: std::cell::OnceCell<HashMap<String, NodeRef<'a>, foldhash::fast::FixedState>>,
}

impl<'a> Targets<'a> {
    fn new(dom: &'a dom_query::Document) -> Self {
        Targets { dom, by_id: std::cell::OnceCell::new() }
    }

    fn get(&self, id: &str) -> Option<NodeRef<'a>> {
        let by_id = self.by_id.get_or_init(|| {
            let mut by_id = HashMap::default();
            for node in self.dom.root().descendants_it() {
                let key = node.attr("id").or_else(|| node.attr("name").filter(|_| node.has_name("a")));
                if let Some(key) = key {
                    by_id.entry(key.to_string()).or_insert(node);
                }
            }
            by_id
        });
        by_id.get(id).copied()
    }
}

/// Could this element be a footnote reference (see [`take`])?
fn is_candidate(node: &NodeRef) -> bool {
    let Some(name) = node.node_name() else { return false };
    match &*name {
        "sup" => true,
        "a" if node.attr("href").is_some_and(|h| h.contains('#')) => true,
        _ => {
            node.has_attr("data-definition")
                || node.attr("class").is_some_and(|c| {
                    c.split_whitespace()
                        .any(|c| c.eq_ignore_ascii_case("sidenote") || c.eq_ignore_ascii_case("marginnote"))
                })
        }
    }
}

/// Takes the notes out of the page and marks their references (see the module's comment).
pub fn take(dom: &dom_query::Document, url: Option<&str>) -> Notes {
    // One walk for the candidates: links into the page, Bigfoot's `data-definition`,
    // superscripts, sidenotes.
    let candidates: Vec<NodeRef> = dom.root().descendants_it().filter(is_candidate).collect();
    if candidates.is_empty() {
        return Notes::default();
    }
    // The page's anchors by id (and old-style `name`), found in one pass when first needed.
    let targets = Targets::new(dom);
    // Each note (with its label, and the element a reference points at) and each reference.
    let mut notes: Vec<(NodeRef, Option<u32>, Option<NodeRef>)> = Vec::new();
    let mut references: Vec<(NodeRef, usize)> = Vec::new();
    let mut numbered: Vec<(NodeRef, u32)> = Vec::new();
    for candidate in &candidates {
        if candidate.has_name("sup") {
            // An unlinked number: paired with its note below, by number.
            if let Some(n) = number_label(&candidate.text()).filter(|_| !has_resolved_link(candidate, &targets)) {
                numbered.push((*candidate, n));
            }
            continue;
        }
        let (note, label, target) = if candidate.has_name("a") || candidate.has_attr("data-definition") {
            match note_of(candidate, &targets) {
                // A link to a reference is a note's way back to it, not a reference.
                Some((target, _)) if references.iter().any(|(r, _)| is_within(r, &target) || is_within(&target, r)) => {
                    continue;
                }
                Some((target, note)) => (note, number_label(&candidate.text()), Some(target)),
                None => continue,
            }
        } else if is_sidenote(candidate) {
            (*candidate, None, None)
        } else {
            continue;
        };
        let index = match notes.iter().position(|(n, _, t)| n.id == note.id && same_target(t, &target)) {
            Some(i) => i,
            None => {
                notes.push((note, label, target));
                notes.len() - 1
            }
        };
        references.push((*candidate, index));
    }
    split_shared_notes(&mut notes);
    pair_numbered(&numbered, &mut notes, &mut references);
    if notes.is_empty() {
        return Notes::default();
    }
    // Back-links point at the references (or their `<sup>`): their ids and names, to find them.
    let reference_ids: Vec<String> = references
        .iter()
        .flat_map(|(r, _)| std::iter::once(*r).chain(r.parent()).chain(r.first_element_child()))
        .flat_map(|r| [r.attr("id"), r.attr("name")])
        .flatten()
        .map(|id| id.to_string())
        .collect();
    for (note, _, target) in &notes {
        drop_back_links(note, target.as_ref(), &reference_ids);
    }
    // Rebuilt before the references are rewritten (a note may hold a reference).
    let built = notes
        .iter()
        .map(|(note, label, _)| Note { label: *label, content: super::super::document_from(note, url).nodes })
        .collect();
    for (reference, index) in references {
        let sidenote = !reference.has_name("a") && !reference.has_name("sup") && !reference.has_attr("data-definition");
        let outer = if sidenote { reference } else { outer_reference(&reference) };
        let marker = reference.tree.new_element("sup");
        marker.set_attr("data-pith-note", &(index + 1).to_string());
        marker.set_text((index + 1).to_string());
        if sidenote {
            drop_sidenote_toggles(&reference);
        }
        outer.replace_with(&marker);
    }
    for (note, _, _) in notes {
        remove_with_empty_containers(&note);
    }
    Notes { notes: built }
}

fn same_target(a: &Option<NodeRef>, b: &Option<NodeRef>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.id == b.id,
        _ => true,
    }
}

/// Is `node` inside `ancestor` (or it)?
fn is_within(node: &NodeRef, ancestor: &NodeRef) -> bool {
    node.id == ancestor.id || node.ancestors_it(None).any(|a| a.id == ancestor.id)
}

/// Does this superscript hold a link to something on the page (a linked reference)?
fn has_resolved_link(sup: &NodeRef, targets: &Targets) -> bool {
    let link =
        std::iter::once(*sup).chain(sup.ancestors_it(Some(2))).chain(sup.descendants_it()).find(|n| n.has_name("a"));
    link.and_then(|a| a.attr("href"))
        .is_some_and(|h| h.split_once('#').is_some_and(|(_, id)| targets.get(&percent_decode(id)).is_some()))
}

/// The number a reference shows ("[12]", "12"); `None` for a letter or a mark.
fn number_label(text: &str) -> Option<u32> {
    let text = text.trim().trim_matches(|c| matches!(c, '[' | ']' | '(' | ')'));
    (text.len() <= 3).then(|| text.parse().ok()).flatten().filter(|n| *n > 0)
}

/// The element a link points at and the note holding it, if the link looks like a
/// footnote reference.
fn note_of<'a>(link: &NodeRef<'a>, targets: &Targets<'a>) -> Option<(NodeRef<'a>, NodeRef<'a>)> {
    let id = match link.attr("data-definition") {
        Some(id) => id.to_string(),
        // Only a link into this page: `#fn1`, or Word's `page#_ftn1` (its note has no
        // id, and is found by number).
        None => percent_decode(link.attr("href")?.split_once('#')?.1),
    };
    let label = link.text();
    let label = label.trim().trim_matches(|c| matches!(c, '[' | ']' | '(' | ')'));
    let label_ok = (1..=MAX_LABEL_CHARS).contains(&label.chars().count())
        && label.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '*' | '†' | '‡' | '§' | '¶'));
    if !label_ok || !looks_like_reference(link) {
        return None;
    }
    let target = targets.get(&id)?;
    // A link to an earlier anchor that links on is a note's way back to its reference
    // (Wikipedia's "a", "b" to each `<sup id>` referring to the note), not a reference.
    if target.id < link.id && std::iter::once(target).chain(target.descendants_it()).any(|d| d.has_attr("href")) {
        return None;
    }
    let note = note_container(&target)?;
    // A link inside its own target (a back-link, a note's own number) is not a reference.
    let inside = is_within(link, &note);
    let has_text = note.text().chars().filter(|c| c.is_alphanumeric()).count() > label.chars().count();
    (!inside && has_text).then_some((target, note))
}

/// A footnote reference is set as a superscript, bracketed, or named as one.
fn looks_like_reference(link: &NodeRef) -> bool {
    let named = |n: &NodeRef| {
        n.attr("role").is_some_and(|r| &*r == "doc-noteref")
            || n.attr("rel").is_some_and(|r| &*r == "footnote")
            || [n.attr("class"), n.attr("id")].into_iter().flatten().any(|names| {
                names
                    .split(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | ':'))
                    .any(|w| REFERENCE_WORDS.iter().any(|r| r.eq_ignore_ascii_case(w)))
            })
    };
    let text = link.text();
    let bracketed = text.trim().starts_with('[') && text.trim().ends_with(']');
    bracketed
        || link.parent().is_some_and(|p| p.has_name("sup") || named(&p))
        || link.descendants_it().any(|d| d.has_name("sup") || named(&d))
        || named(link)
}

/// The element holding a note, from the element a reference points at: itself when it is
/// a list item or a block, the block around it when it is an anchor in a note.
fn note_container<'a>(target: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let is_block = |n: &NodeRef| {
        n.node_name().is_some_and(|name| matches!(&*name, "li" | "p" | "div" | "aside" | "dd" | "section" | "td"))
    };
    let name = target.node_name().unwrap_or_default();
    match &*name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "body" | "html" | "article" | "main" => None,
        // An anchor in a note (Substack points at the note's number, old pages at a named
        // anchor): the note around it; a list item or an element named as a note first.
        "a" | "span" | "sup" | "b" | "i" | "em" | "strong" | "cite" => {
            let named = target.ancestors_it(Some(4)).find(|a| {
                a.has_name("li")
                    || a.attr("role").is_some_and(|r| matches!(&*r, "doc-endnote" | "doc-footnote"))
                    || a.attr("class").is_some_and(|c| c.to_ascii_lowercase().contains("footnote"))
            });
            named.or_else(|| target.ancestors_it(Some(4)).find(is_block)).filter(|a| !a.has_name("body"))
        }
        _ => Some(*target),
    }
}

/// Notes that share one block (notes separated by `<br>`, each after its named anchor):
/// the block is cut into one `<div>` per note, from its anchor to the next one.
fn split_shared_notes(notes: &mut [(NodeRef, Option<u32>, Option<NodeRef>)]) {
    let mut by_block: HashMap<NodeId, Vec<usize>, foldhash::fast::FixedState> = HashMap::default();
    for (i, (note, _, target)) in notes.iter().enumerate() {
        if target.is_some_and(|t| t.id != note.id) {
            by_block.entry(note.id).or_default().push(i);
        }
    }
    for indices in by_block.into_values().filter(|v| v.len() > 1) {
        let block = notes[indices[0]].0;
        // Each note starts at the block's child that holds its anchor.
        let starts: Vec<(NodeId, usize)> = indices
            .iter()
            .filter_map(|i| {
                let target = notes[*i].2?;
                let top = std::iter::once(target)
                    .chain(target.ancestors_it(None))
                    .find(|a| a.parent().is_some_and(|p| p.id == block.id))?;
                Some((top.id, *i))
            })
            .collect();
        let mut current: Option<(NodeRef, usize)> = None;
        for child in block.children() {
            if let Some((_, i)) = starts.iter().find(|(id, _)| *id == child.id) {
                let part = block.tree.new_element("div");
                block.insert_before(&part);
                current = Some((part, *i));
            }
            if let Some((part, _)) = &current {
                if !child.has_name("br") {
                    part.append_child(&child);
                }
            }
            if let Some((part, i)) = current {
                notes[i].0 = part;
            }
        }
    }
}

/// Pairs unlinked numbered references (`<sup>2</sup>`) with the notes that carry their
/// numbers later in the page: list items so numbered, or blocks starting with the number
/// (and the blocks after them, up to the next note, when the notes follow a rule or a
/// heading at the end).
fn pair_numbered<'a>(
    numbered: &[(NodeRef<'a>, u32)],
    notes: &mut Vec<(NodeRef<'a>, Option<u32>, Option<NodeRef<'a>>)>,
    references: &mut Vec<(NodeRef<'a>, usize)>,
) {
    // Numbers inside notes taken already are theirs, not references.
    let free: Vec<(NodeRef, u32)> =
        numbered.iter().filter(|(sup, _)| !notes.iter().any(|(n, _, _)| is_within(sup, n))).copied().collect();
    if free.is_empty() {
        return;
    }
    // A number that opens a block is a note's; the others are references.
    let (openers, refs): (Vec<_>, Vec<_>) = free.into_iter().partition(|(sup, _)| opens_block(sup));
    let mut found: Vec<(u32, NodeRef, Option<NodeRef>)> =
        openers.iter().filter_map(|(sup, n)| Some((*n, block_of(sup)?, Some(*sup)))).collect();
    // Paragraphs after the references that open with a number in bold (`<strong>2</strong>`).
    if let Some((first, _)) = refs.first() {
        let root = first.tree.root();
        let bold: Vec<NodeRef> =
            root.descendants_it().filter(|d| (d.has_name("strong") || d.has_name("b")) && d.id > first.id).collect();
        for b in bold {
            if let Some(n) =
                number_label(&b.text()).filter(|n| opens_block(&b) && !found.iter().any(|(m, _, _)| m == n))
            {
                found.extend(block_of(&b).map(|block| (n, block, Some(b))));
            }
        }
    }
    // List items numbered by their list (`<ol start="2">`), in lists that hold no reference
    // and none of the notes linked to: a page that links its notes does not also number
    // them silently (Wikipedia's `km<sup>2</sup>` is a square, not its second note).
    for (sup, n) in &refs {
        let after = sup.id;
        let item = sup.tree.root().descendants_it().filter(|d| d.has_name("li") && d.id > after).find(|li| {
            list_number(li) == Some(*n)
                && li.parent().is_some_and(|list| {
                    !refs.iter().any(|(r, _)| is_within(r, &list)) && !notes.iter().any(|(n, _, _)| is_within(n, &list))
                })
        });
        if let (Some(item), false) = (item, found.iter().any(|(m, _, _)| m == n)) {
            found.push((*n, item, None));
        }
    }
    for (n, block, opener) in found {
        let referring: Vec<NodeRef> =
            refs.iter().filter(|(sup, m)| *m == n && sup.id < block.id).map(|(sup, _)| *sup).collect();
        if referring.is_empty() || notes.iter().any(|(note, _, _)| is_within(&block, note) || is_within(note, &block)) {
            continue;
        }
        if let Some(opener) = opener {
            opener.remove_from_parent();
            gather_continuation(&block);
        }
        notes.push((block, Some(n), None));
        references.extend(referring.into_iter().map(|r| (r, notes.len() - 1)));
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
fn opens_block(sup: &NodeRef) -> bool {
    let Some(block) = block_of(sup) else { return false };
    let first_text = block.descendants_it().find(|d| d.is_text() && !d.text().trim().is_empty());
    first_text.is_some_and(|t| is_within(&t, sup))
}

/// The paragraph or list item a superscript sits in.
fn block_of<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    node.ancestors_it(Some(4)).find(|a| a.has_name("p") || a.has_name("li") || a.has_name("div") || a.has_name("dd"))
}

/// A list item's number in an ordered list (its `value`, or the list's `start` and its place).
fn list_number(li: &NodeRef) -> Option<u32> {
    if let Some(value) = li.attr("value").and_then(|v| v.trim().parse().ok()) {
        return Some(value);
    }
    let list = li.parent().filter(|p| p.has_name("ol"))?;
    let start: u32 = list.attr("start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
    let place = list.element_children().iter().position(|c| c.id == li.id)?;
    Some(start + place as u32)
}

/// A note that opens with its number in a paragraph may go on in the paragraphs and lists
/// after it, up to the next note: they move into it (a `<div>` then holds the note).
fn gather_continuation(block: &NodeRef) {
    if !block.has_name("p") {
        return;
    }
    let mut following = Vec::new();
    let mut next = block.next_element_sibling();
    while let Some(sibling) = next {
        let opens_note =
            sibling.descendants_it().find(|d| d.is_text() && !d.text().trim().is_empty()).is_some_and(|t| {
                t.ancestors_it(Some(3)).any(|a| matches!(a.node_name().as_deref(), Some("sup" | "strong" | "b")))
                    && number_label(&t.text()).is_some()
            });
        if opens_note || !matches!(sibling.node_name().as_deref(), Some("p" | "ul" | "ol" | "blockquote" | "pre")) {
            break;
        }
        following.push(sibling);
        next = sibling.next_element_sibling();
    }
    if following.is_empty() {
        return;
    }
    block.rename("div");
    let first = block.tree.new_element("p");
    for child in block.children() {
        first.append_child(&child);
    }
    block.append_child(&first);
    for sibling in following {
        block.append_child(&sibling);
    }
}

/// `#fn%3A1` is the anchor `fn:1`.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex =
            (bytes[i] == b'%').then(|| s.get(i + 1..i + 3)).flatten().and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn is_sidenote(node: &NodeRef) -> bool {
    let in_text = node.parent().is_some_and(|p| !p.has_name("body"));
    in_text && node.text().chars().count() <= MAX_SIDENOTE_CHARS && !node.descendants_it().any(|d| d.has_name("h2"))
}

/// The element a reference is set in: the link or number, and the `<sup>` (or a box
/// holding nothing else) around it.
fn outer_reference<'a>(reference: &NodeRef<'a>) -> NodeRef<'a> {
    let mut outer = *reference;
    for _ in 0..2 {
        match outer.parent() {
            Some(p)
                if (p.has_name("sup") || p.has_name("span"))
                    && p.element_children().len() == 1
                    && p.text().trim() == outer.text().trim() =>
            {
                outer = p
            }
            _ => break,
        }
    }
    outer
}

/// Characters of a back-link: "↩" (with or without its text-style selector), "↑", "^".
fn is_back_mark(text: &str) -> bool {
    let text = text.trim().trim_end_matches(['\u{fe0e}', '\u{fe0f}']);
    matches!(text, "↩" | "↑" | "^" | "⤴" | "⮌" | "back" | "Back")
}

/// Removes a note's links back to its references (and the number a note opens with when
/// it is that link), and the caret Wikipedia leaves.
fn drop_back_links(note: &NodeRef, target: Option<&NodeRef>, reference_ids: &[String]) {
    for d in note.descendants() {
        let class = d.attr("class").unwrap_or_default().to_ascii_lowercase();
        let role = d.attr("role").unwrap_or_default();
        let href_id = d.attr("href").and_then(|h| h.split_once('#').map(|(_, id)| percent_decode(id)));
        let back = ["backlink", "backref", "footnote-back", "reversefootnote", "footnotereverse"]
            .iter()
            .any(|w| class.contains(w))
            || &*role == "doc-backlink"
            || (d.has_name("a")
                && (href_id.is_some_and(|id| reference_ids.contains(&id) || id.contains("ref"))
                    || is_back_mark(&d.text())
                    || d.attr("onclick").is_some_and(|c| c.contains("history.back"))));
        if back {
            // The number the link shows goes with it; a `<sup>` left empty too.
            let holder = d.parent().filter(|p| p.has_name("sup") && p.text().trim() == d.text().trim());
            holder.unwrap_or(d).remove_from_parent();
        }
    }
    // A named anchor the note opens with (`<a name="fn1"><sup>1</sup></a>`) is its number.
    if let Some(anchor) = target.filter(|t| t.has_name("a") && !t.has_attr("href") && number_label(&t.text()).is_some())
    {
        anchor.remove_from_parent();
    }
    // Wikipedia's "^" before the text, once its links are gone.
    // Found before it is changed: the tree cannot be changed while an iterator reads it.
    let first = note.descendants_it().find(|d| d.is_text() && !d.text().trim().is_empty());
    if let Some(first) = first {
        let text = first.text();
        let trimmed = text.trim_start().trim_start_matches(['^', '↑']).trim_start();
        if trimmed.len() != text.len() {
            first.set_text(trimmed.to_string());
        }
    }
}

/// Tufte CSS's sidenote switch: the numbered label and the checkbox before the note.
fn drop_sidenote_toggles(note: &NodeRef) {
    while let Some(toggle) = note.prev_element_sibling().filter(|p| {
        (p.has_name("label") || p.has_name("input")) && p.attr("class").is_some_and(|c| c.contains("toggle"))
    }) {
        toggle.remove_from_parent();
    }
}

/// Removes a note, then the list, section and heading it leaves empty.
fn remove_with_empty_containers(note: &NodeRef) {
    let mut parent = note.parent();
    note.remove_from_parent();
    let mut emptied = None;
    while let Some(p) = parent
        .filter(|p| !p.has_name("body") && p.text().trim().is_empty() && !p.descendants_it().any(|d| d.has_name("img")))
    {
        parent = p.parent();
        emptied = Some(p);
    }
    if let Some(container) = emptied {
        // markdown-it's rule before the notes' section.
        if let Some(rule) = container.prev_element_sibling().filter(|h| h.has_name("hr")) {
            rule.remove_from_parent();
        }
        // "Notes", "References": the heading of a section that held only notes.
        let heading = container.prev_element_sibling().filter(|h| {
            h.node_name().is_some_and(|n| matches!(&*n, "h2" | "h3" | "h4" | "h5" | "h6"))
                && h.text().trim().chars().count() <= 30
        });
        if let Some(heading) = heading {
            heading.remove_from_parent();
        }
        container.remove_from_parent();
    }
}

/// The article builder's footnote reference: `<sup data-pith-note="N">` becomes
/// `<sup class="footnote-ref"><a href="#pith-fn-N">N</a></sup>` (`N` the note's index
/// until [`attach`] gives the note its place and its label).
pub fn reference(node: &NodeRef, tag: Tag) -> Option<Element> {
    if tag != Tag::Sup {
        return None;
    }
    let index: usize = node.attr("data-pith-note")?.parse().ok()?;
    Some(reference_element(index, index as u32))
}

fn reference_element(place: usize, label: u32) -> Element {
    let mut link = Element::new(Tag::A);
    link.set_attr(Attr::Href, &format!("#{NOTE_ID_PREFIX}{place}"));
    link.children.push(Node::Text(label.to_string()));
    let mut sup = Element::new(Tag::Sup);
    sup.set_attr(Attr::Class, "footnote-ref");
    sup.children.push(Node::Element(link));
    sup
}

/// Appends the notes the article refers to, in the order it first refers to them, each
/// with the number the page gave it (a note the page numbered by CSS, or whose number
/// another note took, gets the next free one); references link to their note.
pub fn attach(content: &mut Document, mut notes: Notes) {
    if notes.notes.is_empty() {
        return;
    }
    let mut order: Vec<usize> = Vec::new();
    collect_order(&content.nodes, notes.notes.len(), &mut order);
    if order.is_empty() {
        return;
    }
    // Labels: the page's, unless taken; then numbers after the page's largest.
    let mut labels: Vec<u32> = Vec::with_capacity(order.len());
    let mut next = order.iter().filter_map(|i| notes.notes[i - 1].label).max().unwrap_or(0);
    for index in &order {
        let label = match notes.notes[index - 1].label.filter(|l| !labels.contains(l)) {
            Some(label) => label,
            None => {
                next += 1;
                next
            }
        };
        labels.push(label);
    }
    let relink = |nodes: &mut Vec<Node>| relink(nodes, &order, &labels);
    relink(&mut content.nodes);
    let mut list = Element::new(Tag::Ol);
    list.set_attr(Attr::Class, "footnotes");
    for (place, index) in order.iter().enumerate() {
        let mut item = Element::new(Tag::Li);
        item.set_attr(Attr::Id, &format!("{NOTE_ID_PREFIX}{}", place + 1));
        item.set_attr(Attr::Value, &labels[place].to_string());
        item.children = std::mem::take(&mut notes.notes[index - 1].content);
        relink(&mut item.children);
        list.children.push(Node::Element(item));
    }
    content.nodes.push(Node::Element(list));
}

/// The notes' indices (from 1) in the order the nodes first refer to them.
fn collect_order(nodes: &[Node], count: usize, order: &mut Vec<usize>) {
    for node in nodes {
        let Node::Element(e) = node else { continue };
        if !e.is_footnote_ref() {
            collect_order(&e.children, count, order);
            continue;
        }
        if let Some(index) = ref_index(e).filter(|i| (1..=count).contains(i) && !order.contains(i)) {
            order.push(index);
        }
    }
}

/// The note index a built reference points at (`#pith-fn-N`).
fn ref_index(reference: &Element) -> Option<usize> {
    let Some(Node::Element(link)) = reference.children.first() else { return None };
    link.attr(Attr::Href)?.strip_prefix('#')?.strip_prefix(NOTE_ID_PREFIX)?.parse().ok()
}

/// Points each reference at its note's place with its label; a reference to a note
/// not attached (inside a note, to a note the article never refers to) is its bare mark.
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
