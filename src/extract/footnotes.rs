//! Footnotes: references kept as superscript links, the notes gathered once at the end.
//!
//! A footnote is a short link into the page (`<a href="#fn1">1</a>`) whose target is a
//! note: a list item, or an element named or marked as a note (`role="doc-endnote"`,
//! class `footnote`). That one shape covers Wikipedia's cite notes, WordPress's
//! footnotes block and older plugins, Jekyll/kramdown, Hugo, Pandoc, markdown-it
//! (Ghost), Substack and `role="doc-noteref"`; Tufte-style sidenotes (`.sidenote`,
//! `.marginnote`, written in the text) are notes too.
//!
//! [`take`] runs on the parsed page before Readability, which would drop the notes'
//! list as a link farm or keep it beside a copy of it: each note is rebuilt through the
//! allow-list and taken out of the page, its back-links (↩) left behind, and each
//! reference becomes `<sup data-pith-note="N">`, which the article builder turns into
//! a link ([`reference`]). [`attach`] then appends, in the order the article refers to
//! them, the notes the article still refers to.

use dom_query::NodeRef;

use crate::document::{Attr, Document, Element, NOTE_ID_PREFIX, Node, Tag};

/// A reference's label is a number, a letter or a mark, at most this long ("12", "a", "†").
const MAX_LABEL_CHARS: usize = 4;

/// A sidenote longer than this (in characters) is a sidebar, not a note.
const MAX_SIDENOTE_CHARS: usize = 1500;

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

/// Takes the notes out of the page and marks their references (see the module's comment).
pub fn take(dom: &dom_query::Document, url: Option<&str>) -> Notes {
    let mut notes = Notes::default();
    let candidates = dom.select_matcher(matcher!("a[href^='#'], .sidenote, .marginnote"));
    if candidates.length() == 0 {
        return notes;
    }
    // The page's anchors by id (and old-style `name`), found in one pass.
    let mut targets: std::collections::HashMap<String, NodeRef, foldhash::fast::FixedState> = Default::default();
    for node in dom.select_matcher(matcher!("[id], a[name]")).nodes() {
        let key = node.attr("id").or_else(|| node.attr("name")).unwrap_or_default().to_string();
        targets.entry(key).or_insert(*node);
    }
    // Each note taken (with its label), and each reference with its note's index.
    let mut taken: Vec<(NodeRef, Option<u32>)> = Vec::new();
    let mut references: Vec<(NodeRef, usize)> = Vec::new();
    for candidate in candidates.nodes() {
        let (note, label) = if candidate.has_name("a") {
            match note_of(candidate, &targets) {
                // A link to a reference is a note's way back to it, not a reference.
                Some((target, _)) if references.iter().any(|(r, _)| r.id == target.id) => continue,
                Some((_, note)) => (note, number_label(&candidate.text())),
                None => continue,
            }
        } else if is_sidenote(candidate) {
            (*candidate, None)
        } else {
            continue;
        };
        let index = match taken.iter().position(|(n, _)| n.id == note.id) {
            Some(i) => i,
            None => {
                taken.push((note, label));
                taken.len() - 1
            }
        };
        references.push((*candidate, index));
    }
    // Back-links point at the references (or their `<sup>`): their ids, to find them.
    let reference_ids: Vec<String> = references
        .iter()
        .flat_map(|(r, _)| std::iter::once(*r).chain(r.parent()))
        .filter_map(|r| r.attr("id").map(|id| id.to_string()))
        .collect();
    for (note, _) in &taken {
        drop_back_links(note, &reference_ids);
    }
    // Rebuilt before the references are rewritten (a note may hold a reference).
    notes.notes = taken
        .iter()
        .map(|(note, label)| Note { label: *label, content: super::build::document_from(note, url).nodes })
        .collect();
    for (reference, index) in references {
        let sidenote = !reference.has_name("a");
        let outer = if sidenote { reference } else { outer_reference(&reference) };
        let marker = reference.tree.new_element("sup");
        marker.set_attr("data-pith-note", &(index + 1).to_string());
        marker.set_text((index + 1).to_string());
        if sidenote {
            drop_sidenote_toggles(&reference);
        }
        outer.replace_with(&marker);
    }
    for (note, _) in taken {
        remove_with_empty_containers(&note);
    }
    notes
}

/// The number a reference shows ("[12]", "12"); `None` for a letter or a mark.
fn number_label(text: &str) -> Option<u32> {
    let text = text.trim().trim_matches(|c| matches!(c, '[' | ']' | '(' | ')'));
    text.parse().ok().filter(|n| *n > 0)
}

/// The element a link points at and the note holding it, if the link looks like a
/// footnote reference.
fn note_of<'a>(
    link: &NodeRef<'a>,
    targets: &std::collections::HashMap<String, NodeRef<'a>, foldhash::fast::FixedState>,
) -> Option<(NodeRef<'a>, NodeRef<'a>)> {
    let href = link.attr("href")?;
    let target = *targets.get(&percent_decode(&href[1..]))?;
    let label = link.text();
    let label = label.trim().trim_matches(|c| matches!(c, '[' | ']' | '(' | ')'));
    let label_ok = (1..=MAX_LABEL_CHARS).contains(&label.chars().count())
        && label.chars().all(|c| c.is_alphanumeric() || matches!(c, '*' | '†' | '‡' | '§' | '¶'));
    if !label_ok || !looks_like_reference(link) {
        return None;
    }
    let note = note_container(&target)?;
    // A link inside its own target (a back-link, a note's own number) is not a reference.
    let inside = link.ancestors_it(None).any(|a| a.id == note.id);
    let has_text = note.text().chars().filter(|c| c.is_alphanumeric()).count() > label.chars().count();
    (!inside && has_text).then_some((target, note))
}

/// A footnote reference is set as a superscript or named as one.
fn looks_like_reference(link: &NodeRef) -> bool {
    let named = |n: &NodeRef| {
        n.attr("role").is_some_and(|r| &*r == "doc-noteref")
            || n.attr("class").is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                ["footnote", "fn", "noteref", "reference", "cite", "note"].iter().any(|w| c.contains(w))
            })
    };
    link.parent().is_some_and(|p| p.has_name("sup") || named(&p))
        || link.descendants_it().any(|d| d.has_name("sup"))
        || named(link)
        || link.attr("rel").is_some_and(|r| &*r == "footnote")
}

/// The element holding a note, from the element a reference points at: itself when it
/// is a list item or a note, else its nearest ancestor that is (Substack points at the
/// note's number, inside the note).
fn note_container<'a>(target: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let is_note = |n: &NodeRef| {
        n.has_name("li")
            || n.attr("role").is_some_and(|r| matches!(&*r, "doc-endnote" | "doc-footnote"))
            || n.attr("class").is_some_and(|c| c.to_ascii_lowercase().contains("footnote"))
    };
    let name = target.node_name().unwrap_or_default();
    match &*name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "body" | "html" | "article" | "main" => None,
        // An anchor in a note (Substack points at the note's number): the note around it.
        "a" | "span" | "sup" | "b" | "i" | "em" | "strong" | "cite" => {
            target.ancestors_it(Some(4)).find(|a| is_note(a)).filter(|a| !a.has_name("body"))
        }
        _ => Some(*target),
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

/// The element a reference is set in: the link, or the `<sup>` around it.
fn outer_reference<'a>(link: &NodeRef<'a>) -> NodeRef<'a> {
    match link.parent() {
        Some(sup) if sup.has_name("sup") && sup.element_children().len() == 1 => sup,
        _ => *link,
    }
}

/// Characters of a back-link: "↩" (with or without its text-style selector), "↑", "^".
fn is_back_mark(text: &str) -> bool {
    let text = text.trim().trim_end_matches(['\u{fe0e}', '\u{fe0f}']);
    matches!(text, "↩" | "↑" | "^" | "⤴" | "⮌" | "back" | "Back")
}

/// Removes a note's links back to its references, and the caret Wikipedia leaves.
fn drop_back_links(note: &NodeRef, reference_ids: &[String]) {
    for d in note.descendants() {
        let class = d.attr("class").unwrap_or_default().to_ascii_lowercase();
        let role = d.attr("role").unwrap_or_default();
        let back = ["backlink", "backref", "footnote-back", "reversefootnote", "footnotereverse"]
            .iter()
            .any(|w| class.contains(w))
            || &*role == "doc-backlink"
            || (d.has_name("a")
                && (d.attr("href").is_some_and(|h| reference_ids.iter().any(|id| h[1..] == **id))
                    || is_back_mark(&d.text())));
        if back {
            d.remove_from_parent();
        }
    }
    // Wikipedia's "^" before the text, once its links are gone.
    if let Some(first) = note.descendants_it().find(|d| d.is_text() && !d.text().trim().is_empty()) {
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
        let mut doc = super::super::build::document_from(&dom.root(), Some("https://example.com/"));
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
