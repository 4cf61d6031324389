//! The clean article rendered as HTML, plain text and CommonMark.
//!
//! The HTML renderer escapes every text and attribute value; since the tree holds only
//! allow-listed tags and checked attributes (see `document`), its output is safe to
//! insert into a page.

use crate::document::{Attr, Document, Element, Node, Tag, collapse_whitespace};

/// Clean HTML. Block elements start on their own line, for readable output.
pub fn html(doc: &Document) -> String {
    let mut out = String::new();
    for node in &doc.nodes {
        write_html(node, &mut out);
    }
    out.trim().to_string()
}

fn write_html(node: &Node, out: &mut String) {
    match node {
        Node::Text(t) => escape_into(t, false, out),
        Node::Element(e) => {
            if e.tag.is_block() && !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push('<');
            out.push_str(e.tag.name());
            for (attr, value) in e.attrs() {
                out.push(' ');
                out.push_str(attr.name());
                out.push_str("=\"");
                escape_into(value, true, out);
                out.push('"');
            }
            if e.tag == Tag::A && !e.attr(Attr::Href).is_some_and(|h| h.starts_with('#')) {
                // Links open outside the reading panel and tell the target nothing
                // (a footnote's link stays in the article).
                out.push_str(" rel=\"noopener noreferrer\" target=\"_blank\"");
            }
            out.push('>');
            if e.tag.is_void() {
                return;
            }
            for child in &e.children {
                write_html(child, out);
            }
            out.push_str("</");
            out.push_str(e.tag.name());
            out.push('>');
        }
    }
}

/// HTML-escapes `s` onto `out`. The characters to escape are all ASCII, so the bytes are
/// judged without decoding, and the runs between them are copied whole.
fn escape_into(s: &str, attribute: bool, out: &mut String) {
    let mut copied = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attribute => "&quot;",
            b'\'' if attribute => "&#39;",
            _ => continue,
        };
        out.push_str(&s[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&s[copied..]);
}

/// Plain text: one paragraph per text block, separated by one blank line; list items
/// on consecutive lines with a marker; table rows as tab-separated cells.
pub fn text(doc: &Document) -> String {
    let mut blocks = Vec::new();
    // A caption's credit stays as the caption writes it ("… at dawn. Photo: …").
    text_blocks(&doc.nodes, &mut blocks);
    blocks.join("\n\n")
}

fn text_blocks(nodes: &[Node], blocks: &mut Vec<String>) {
    for node in nodes {
        let Node::Element(e) = node else { continue };
        match e.tag {
            Tag::Ol if is_footnotes(e) => {
                let notes: Vec<String> = list_items(e)
                    .enumerate()
                    .map(|(i, note)| format!("[{}] {}", note_label(note, i), note.text()))
                    .collect();
                blocks.push(notes.join("\n"));
            }
            Tag::Ul | Tag::Ol => {
                let items: Vec<String> =
                    list_items(e).enumerate().map(|(i, item)| format!("{} {}", marker(e, i), item.text())).collect();
                if !items.is_empty() {
                    blocks.push(items.join("\n"));
                }
            }
            Tag::Table => {
                let caption = e.child(Tag::Caption).map(Element::text);
                let rows = table_rows(e)
                    .map(|row| cells(row).map(Element::text).collect::<Vec<_>>().join("\t"))
                    .filter(|r| !r.trim().is_empty());
                let lines: Vec<String> = caption.into_iter().chain(rows).collect();
                if !lines.is_empty() {
                    blocks.push(lines.join("\n"));
                }
            }
            _ if e.tag.is_text_block() && !has_block_child(e) => {
                let t = e.text();
                if !t.is_empty() {
                    blocks.push(t);
                }
            }
            _ => text_blocks(&e.children, blocks),
        }
    }
}

/// The article's footnotes, gathered at its end by the extractor (`extract::footnotes`).
fn is_footnotes(e: &Element) -> bool {
    e.tag == Tag::Ol && e.attr(Attr::Class) == Some("footnotes")
}

/// A footnote's number: the one the page gave it (`value`), else its place.
fn note_label(note: &Element, i: usize) -> String {
    note.attr(Attr::Value).map_or_else(|| (i + 1).to_string(), str::to_string)
}

/// A code block's language, from its `<code class="language-x">`.
fn code_language(pre: &Element) -> Option<&str> {
    pre.child(Tag::Code)?.attr(Attr::Class)?.strip_prefix("language-")
}

fn has_block_child(e: &Element) -> bool {
    e.children.iter().any(|c| matches!(c, Node::Element(c) if c.tag.is_block()))
}

/// The Markdown of a container's content (a list item, a quotation, a note): its blocks
/// separated by blank lines, or its inline content when it holds no block.
fn md_inner(e: &Element) -> String {
    if !has_block_child(e) {
        return md_line(&e.children);
    }
    let mut inner = Vec::new();
    md_blocks(&e.children, &mut inner);
    inner.join("\n\n")
}

fn list_items(list: &Element) -> impl Iterator<Item = &Element> {
    list.children.iter().filter_map(|c| match c {
        Node::Element(li) if li.tag == Tag::Li => Some(li),
        _ => None,
    })
}

fn marker(list: &Element, i: usize) -> String {
    if list.tag == Tag::Ol {
        let start: usize = list.attr(Attr::Start).and_then(|s| s.parse().ok()).unwrap_or(1);
        format!("{}.", start + i)
    } else {
        "-".to_string()
    }
}

fn table_rows(table: &Element) -> impl Iterator<Item = &Element> {
    fn rows<'a>(e: &'a Element, out: &mut Vec<&'a Element>) {
        for c in &e.children {
            if let Node::Element(c) = c {
                match c.tag {
                    Tag::Tr => out.push(c),
                    Tag::Thead | Tag::Tbody | Tag::Tfoot => rows(c, out),
                    _ => {}
                }
            }
        }
    }
    let mut out = Vec::new();
    rows(table, &mut out);
    out.into_iter()
}

fn cells(row: &Element) -> impl Iterator<Item = &Element> {
    row.children.iter().filter_map(|c| match c {
        Node::Element(c) if matches!(c.tag, Tag::Td | Tag::Th) => Some(c),
        _ => None,
    })
}

/// CommonMark: the article's title as a level-1 heading (when it has one), then its content.
/// The title is rendered here, not by the callers, so that the CLI's `--format markdown` and
/// the extension's "Copy as Markdown" give the same text.
pub fn markdown(title: Option<&str>, doc: &Document) -> String {
    let mut blocks = Vec::new();
    if let Some(title) = title.map(collapse_whitespace).filter(|t| !t.is_empty()) {
        blocks.push(format!("# {}", md_escape(&title)));
    }
    md_blocks(&doc.nodes, &mut blocks);
    blocks.join("\n\n")
}

fn md_blocks(nodes: &[Node], blocks: &mut Vec<String>) {
    for node in nodes {
        match node {
            Node::Text(t) if !t.trim().is_empty() => {
                let mut block = String::new();
                md_text(&collapse_whitespace(t), &mut block);
                blocks.push(block);
            }
            Node::Text(_) => {}
            Node::Element(e) => md_block(e, blocks),
        }
    }
}

fn md_block(e: &Element, blocks: &mut Vec<String>) {
    let block = match e.tag {
        Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => {
            let level = (e.tag as usize) - (Tag::H1 as usize) + 1;
            format!("{} {}", "#".repeat(level), md_line(&e.children))
        }
        Tag::Pre => {
            let code = e.text();
            // A fence longer than any run of backticks in the code.
            let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            format!("{fence}{}\n{code}\n{fence}", code_language(e).unwrap_or_default())
        }
        // A formula alone in its paragraph is displayed: `$$` on lines of their own.
        tag if tag.is_text_block()
            && !tag.is_heading()
            && matches!(only_element(e), Some(m) if m.tex().is_some_and(|(_, display)| display)) =>
        {
            let (tex, _) = only_element(e).and_then(Element::tex).unwrap_or_default();
            format!("$$\n{}\n$$", tex.trim())
        }
        Tag::Ol if is_footnotes(e) => list_items(e)
            .enumerate()
            .map(|(i, note)| {
                // Later paragraphs of a note are indented under its label.
                let body = md_inner(note).replace('\n', "\n    ").replace("\n    \n", "\n\n");
                format!("[^{}]: {body}", note_label(note, i))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Tag::Blockquote => prefix_lines(&md_inner(e), "> "),
        Tag::Ul | Tag::Ol => list_items(e)
            .enumerate()
            .map(|(i, li)| {
                let m = marker(e, i);
                let body = md_inner(li);
                let indent = " ".repeat(m.len() + 1);
                let mut lines = body.lines();
                let first = lines.next().unwrap_or("");
                let rest: Vec<String> =
                    lines.map(|l| if l.is_empty() { String::new() } else { format!("{indent}{l}") }).collect();
                std::iter::once(format!("{m} {first}")).chain(rest).collect::<Vec<_>>().join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Tag::Table => md_table(e),
        Tag::Hr => "---".to_string(),
        Tag::Img => md_image(e),
        tag if tag.is_block() && has_block_child(e) => {
            md_blocks(&e.children, blocks);
            return;
        }
        tag if tag.is_block() => md_line(&e.children),
        _ => md_inline(std::slice::from_ref(&Node::Element(e.clone()))),
    };
    if !block.trim().is_empty() {
        blocks.push(block);
    }
}

/// The element child of `e` when it has exactly one and no text beside it.
fn only_element(e: &Element) -> Option<&Element> {
    let mut elements = e.children.iter().filter_map(|c| match c {
        Node::Element(c) => Some(c),
        Node::Text(t) if t.trim().is_empty() => None,
        Node::Text(_) => Some(e),
    });
    let only = elements.next().filter(|c| !std::ptr::eq(*c, e))?;
    elements.next().is_none().then_some(only)
}

/// GFM table: the first row is the header; a cell's line breaks and paragraphs become
/// `<br>`, its pipes are escaped, and spanned columns get empty cells.
fn md_table(table: &Element) -> String {
    let rows: Vec<Vec<String>> = table_rows(table)
        .map(|r| {
            let mut row = Vec::new();
            for c in cells(r) {
                let span: usize = c.attr(Attr::Colspan).and_then(|s| s.parse().ok()).unwrap_or(1);
                row.push(md_cell(c));
                // Spanned columns: empty cells after this one.
                for _ in 1..span.clamp(1, 100) {
                    row.push(String::new());
                }
            }
            row
        })
        .filter(|r: &Vec<String>| !r.is_empty())
        .collect();
    let Some(width) = rows.iter().map(Vec::len).max() else { return String::new() };
    let line = |r: &Vec<String>| {
        let mut cells = r.clone();
        cells.resize(width, String::new());
        format!("| {} |", cells.join(" | "))
    };
    let mut out = vec![line(&rows[0]), format!("|{}", " --- |".repeat(width))];
    out.extend(rows[1..].iter().map(line));
    let rows = out.join("\n");
    let caption = table.child(Tag::Caption).map(|c| md_inline(&c.children));
    match caption {
        Some(caption) if !caption.is_empty() => format!("{caption}\n\n{rows}"),
        _ => rows,
    }
}

/// One table cell on one line: blocks and line breaks as `<br>`, every pipe escaped
/// (GFM splits cells before it reads code spans or math).
fn md_cell(cell: &Element) -> String {
    let mut parts = Vec::new();
    let mut run = Vec::new();
    for child in &cell.children {
        match child {
            Node::Element(e) if e.tag.is_block() => {
                parts.push(md_inline(&std::mem::take(&mut run)));
                match e.tag {
                    Tag::Ul | Tag::Ol => parts.extend(list_items(e).map(|li| md_inline(&li.children))),
                    _ => parts.push(md_inline(&e.children)),
                }
            }
            other => run.push(other.clone()),
        }
    }
    parts.push(md_inline(&run));
    parts.retain(|p| !p.is_empty());
    let joined = parts.join("<br>").replace("\\\n", "<br>").replace('\n', " ");
    let mut out = String::with_capacity(joined.len());
    let mut escaped = false;
    for c in joined.chars() {
        if c == '|' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

fn md_image(img: &Element) -> String {
    if let Some((tex, display)) = img.tex() {
        return md_math(tex, display);
    }
    match img.attr(Attr::Src) {
        Some(src) => format!("![{}]({})", md_escape(img.attr(Attr::Alt).unwrap_or("")), md_url(src)),
        None => String::new(),
    }
}

/// A block's inline content without the line breaks at its edges: a `<br>` ending a
/// paragraph breaks nothing in HTML, but its Markdown (`\` at the end of a block) is
/// shown as a stray backslash.
fn md_line(nodes: &[Node]) -> String {
    let mut line = md_inline(nodes);
    // md_inline trims the text's ends, so a last break is a lone `\` (a written one is
    // escaped: `\\`), a first one `\` and a newline.
    while (line.len() - line.trim_end_matches('\\').len()) % 2 == 1 || line.starts_with("\\\n") {
        line = line.strip_prefix("\\\n").unwrap_or(&line[..line.len() - 1]).trim().to_string();
    }
    line
}

fn md_inline(nodes: &[Node]) -> String {
    let out = md_spans(nodes);
    if !out.contains('\n') {
        // One line (no `<br>`), as most are: collapsing it trims it too.
        return collapse_whitespace(&out);
    }
    let collapsed = out.split('\n').map(collapse_whitespace).collect::<Vec<_>>().join("\n");
    collapsed.trim().to_string()
}

/// The Markdown of inline `nodes` with their whitespace as written: a span's edge spaces
/// are placed outside its marks (`wrap`), so they are not lost before md_inline collapses
/// the line.
fn md_spans(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            // A text's own line breaks are spaces (only `<br>` breaks a line), and TeX the
            // page wrote between dollars or `\(…\)` stays as written.
            Node::Text(t) => md_text(&t.replace('\n', " "), &mut out),
            Node::Element(e) => {
                let inner = || md_spans(&e.children);
                match e.tag {
                    Tag::Br => out.push_str("\\\n"),
                    Tag::Em | Tag::I | Tag::Cite => wrap(&mut out, "*", &inner()),
                    Tag::Strong | Tag::B => wrap(&mut out, "**", &inner()),
                    Tag::S | Tag::Del => wrap(&mut out, "~~", &inner()),
                    Tag::Code | Tag::Kbd | Tag::Samp => {
                        let code = collapse_whitespace(&e.text());
                        let tick = if code.contains('`') { "`` " } else { "`" };
                        let close = if code.contains('`') { " ``" } else { "`" };
                        out.push_str(tick);
                        out.push_str(&code);
                        out.push_str(close);
                    }
                    Tag::A => {
                        let text = inner();
                        match e.attr(Attr::Href) {
                            Some(href) if !text.trim().is_empty() => {
                                span(&mut out, "[", &text, &format!("]({})", md_url(href)))
                            }
                            _ => out.push_str(&text),
                        }
                    }
                    Tag::Img => out.push_str(&md_image(e)),
                    Tag::Math => {
                        let (tex, display) = e.tex().unwrap_or_default();
                        out.push_str(&md_math(tex, display));
                    }
                    // A picture's credit, set apart from its caption.
                    Tag::Small if e.is_credit() => {
                        out.push(' ');
                        wrap(&mut out, "*", &inner());
                    }
                    _ if e.is_footnote_ref() => {
                        out.push_str("[^");
                        out.push_str(&collapse_whitespace(&e.text()).replace(['[', ']'], ""));
                        out.push(']');
                    }
                    // An exponent or index (`10<sup>8</sup>`, `H<sub>2</sub>O`) as inline HTML,
                    // which Markdown renderers keep: as plain text it would be glued on ("108").
                    Tag::Sup | Tag::Sub => {
                        let name = e.tag.name();
                        span(&mut out, &format!("<{name}>"), &inner(), &format!("</{name}>"));
                    }
                    Tag::Q => wrap(&mut out, "\"", &inner()),
                    _ => out.push_str(&inner()),
                }
            }
        }
    }
    out
}

/// A formula as TeX between dollars, as GitHub, Pandoc and Obsidian read it: `$…$` in
/// a line, `$$…$$` displayed. The TeX is written as it is (escaping would change it).
fn md_math(tex: &str, display: bool) -> String {
    let tex = tex_for_markdown(&collapse_whitespace(tex));
    if display { format!("$${tex}$$") } else { format!("${tex}$") }
}

/// TeX made inert for Markdown renderers without math (where it is plain text, and raw
/// HTML or a link in it would be live): `<` and `>` as TeX's `\lt` and `\gt`, a dollar
/// escaped so the formula cannot end early, `](` spaced apart (spaces mean nothing in math).
fn tex_for_markdown(tex: &str) -> String {
    if !tex.contains(['<', '>', '$', ']']) {
        return tex.to_string();
    }
    let mut out = String::with_capacity(tex.len() + 8);
    let mut escaped = false;
    for c in tex.chars() {
        match c {
            '<' => out.push_str("\\lt "),
            '>' => out.push_str("\\gt "),
            '$' if !escaped => out.push_str("\\$"),
            '(' if out.ends_with(']') => out.push_str(" ("),
            c => out.push(c),
        }
        escaped = c == '\\' && !escaped;
    }
    out
}

fn wrap(out: &mut String, mark: &str, inner: &str) {
    span(out, mark, inner, mark);
}

/// `inner` between `open` and `close`, its edge spaces outside them: Markdown reads
/// `**der **` as no emphasis, and without the space the words run together
/// ("der**Bundesliga**"). Nothing but the spaces when `inner` has no text.
fn span(out: &mut String, open: &str, inner: &str, close: &str) {
    let (lead, core, trail) = edges(inner);
    out.push_str(lead);
    if !core.is_empty() {
        out.push_str(open);
        out.push_str(core);
        out.push_str(close);
    }
    out.push_str(trail);
}

/// `s` as what leads it, its core and what trails it: whitespace and md_spans's line
/// breaks (`\` and a newline; a written backslash is escaped, `\\`), which before a
/// closing mark would escape it.
fn edges(s: &str) -> (&str, &str, &str) {
    let (mut start, mut end) = (0, s.len());
    loop {
        let core = s[start..end].trim();
        start += s[start..end].len() - s[start..end].trim_start().len();
        end = start + core.len();
        if core.starts_with("\\\n") {
            start += 2;
        } else if (core.len() - core.trim_end_matches('\\').len()) % 2 == 1 {
            end -= 1;
        } else {
            return (&s[..start], core, &s[end..]);
        }
    }
}

fn md_url(url: &str) -> String {
    url.replace(' ', "%20").replace('(', "%28").replace(')', "%29")
}

/// Escapes the characters that would otherwise start Markdown syntax. They are all
/// ASCII: judged on the bytes, the runs between them copied whole.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    for (i, b) in s.bytes().enumerate() {
        if matches!(b, b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'#' | b'|') {
            out.push_str(&s[copied..i]);
            out.push('\\');
            // The character itself starts the next run.
            copied = i;
        }
    }
    out.push_str(&s[copied..]);
    out
}

/// Escapes text for Markdown, except raw TeX: `$…$`, `$$…$$`, `\(…\)`, `\[…\]`.
fn md_text(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some((start, end)) = raw_tex_span(rest) {
        out.push_str(&md_escape(&rest[..start]));
        // Its delimiters as written; inside, nothing a renderer without math would run.
        let (open, close) = if rest[start..].starts_with("$$") {
            (2, 2)
        } else if rest[start..].starts_with('$') {
            (1, 1)
        } else {
            (2, 2)
        };
        out.push_str(&rest[start..start + open]);
        out.push_str(&tex_for_markdown(&rest[start + open..end - close]).replace("\\$", "$"));
        out.push_str(&rest[end - close..end]);
        rest = &rest[end..];
    }
    out.push_str(&md_escape(rest));
}

/// The first span of raw TeX in `s`, as byte offsets. A dollar opens one only before a
/// non-space and closes it only after a non-space and not before a digit (Pandoc's
/// rule), so "$5 and $10" is money.
fn raw_tex_span(s: &str) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut i = memchr::memchr2(b'$', b'\\', bytes)?;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1)) {
            (b'\\', Some(&open @ (b'(' | b'['))) => {
                let close = if open == b'(' { "\\)" } else { "\\]" };
                if let Some(end) = s[i + 2..].find(close) {
                    return Some((i, i + 2 + end + 2));
                }
                i += 2;
            }
            (b'$', next) => {
                let fence = if next == Some(&b'$') { "$$" } else { "$" };
                let body = i + fence.len();
                if bytes.get(body).is_some_and(|b| !b.is_ascii_whitespace()) {
                    let mut from = body;
                    while let Some(at) = s.get(from..).and_then(|r| r.find(fence)).map(|p| from + p) {
                        let closes = at > body
                            && !bytes[at - 1].is_ascii_whitespace()
                            && bytes[at - 1] != b'\\'
                            && !bytes.get(at + fence.len()).is_some_and(u8::is_ascii_digit);
                        if closes {
                            return Some((i, at + fence.len()));
                        }
                        from = at + 1;
                    }
                }
                i += fence.len();
            }
            _ => i += 1,
        }
    }
    None
}

fn prefix_lines(s: &str, prefix: &str) -> String {
    s.lines()
        .map(|l| if l.is_empty() { prefix.trim_end().to_string() } else { format!("{prefix}{l}") })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(tag: Tag, children: Vec<Node>) -> Node {
        let mut e = Element::new(tag);
        e.children = children;
        Node::Element(e)
    }
    fn t(s: &str) -> Node {
        Node::Text(s.into())
    }

    #[test]
    fn raw_tex_stays_as_written() {
        let mut out = String::new();
        md_text(r"where $x_1 = \alpha$ and \(y_2\) cost $5 and $10 *each*", &mut out);
        assert_eq!(out, r"where $x_1 = \alpha$ and \(y_2\) cost $5 and $10 \*each\*");
    }

    #[test]
    fn a_credit_is_marked_and_kept_in_plain_text() {
        let mut credit = Element::new(Tag::Small);
        credit.set_attr(Attr::Class, "credit");
        credit.children.push(t("Photo: Jane Reporter"));
        let caption = el(Tag::Figcaption, vec![t("The harbour at dawn. "), Node::Element(credit)]);
        let doc = Document { nodes: vec![el(Tag::Figure, vec![caption]), el(Tag::P, vec![t("Text.")])] };
        assert_eq!(text(&doc), "The harbour at dawn. Photo: Jane Reporter\n\nText.");
        assert!(
            markdown(None, &doc).contains("The harbour at dawn. *Photo: Jane Reporter*"),
            "{}",
            markdown(None, &doc)
        );
        assert!(html(&doc).contains(r#"<small class="credit">Photo: Jane Reporter</small>"#), "{}", html(&doc));
    }

    #[test]
    fn a_spans_edge_spaces_stay_outside_its_marks() {
        // <strong>Die Spieltage der </strong><a><strong>Bundesliga</strong></a><strong> sind gespielt.</strong>
        let mut link = Element::new(Tag::A);
        link.set_attr(Attr::Href, "https://example.com/liga");
        link.children.push(el(Tag::Strong, vec![t("Bundesliga")]));
        let p = el(
            Tag::P,
            vec![
                el(Tag::Strong, vec![t("Die Spieltage der ")]),
                Node::Element(link),
                el(Tag::Strong, vec![t(" sind gespielt.")]),
                el(Tag::Em, vec![t(" ")]),
                t("Qualifying"),
                el(Tag::B, vec![t(": ")]),
                t("Gasly"),
            ],
        );
        let doc = Document { nodes: vec![p] };
        assert_eq!(
            markdown(None, &doc),
            "**Die Spieltage der** [**Bundesliga**](https://example.com/liga) **sind gespielt.** Qualifying**:** Gasly"
        );
        // A line break at a span's end goes after its closing mark, which it would escape.
        let p = el(Tag::P, vec![el(Tag::Strong, vec![t("Phone: 120"), el(Tag::Br, vec![])]), t("Fax: 29")]);
        assert_eq!(markdown(None, &Document { nodes: vec![p] }), "**Phone: 120**\\\nFax: 29");
    }

    #[test]
    fn line_breaks_at_a_blocks_edges_leave_no_backslash() {
        let br = || el(Tag::Br, vec![]);
        let doc = Document {
            nodes: vec![
                el(Tag::P, vec![t("First line"), br(), t("second line"), br(), t(" "), br()]),
                el(Tag::Ul, vec![el(Tag::Li, vec![br(), t("An item"), br()])]),
                el(Tag::P, vec![t(r"A path C:\"), br()]),
            ],
        };
        assert_eq!(markdown(None, &doc), "First line\\\nsecond line\n\n- An item\n\nA path C:\\\\");
    }

    #[test]
    fn renders_three_ways() {
        let doc = Document {
            nodes: vec![
                el(Tag::H2, vec![t("A <heading>")]),
                el(Tag::P, vec![t("Some "), el(Tag::Em, vec![t("emphasis")]), t(" & more.")]),
                el(Tag::Ul, vec![el(Tag::Li, vec![t("one")]), el(Tag::Li, vec![t("two")])]),
            ],
        };
        assert_eq!(
            html(&doc),
            "<h2>A &lt;heading&gt;</h2>\n<p>Some <em>emphasis</em> &amp; more.</p>\n<ul>\n<li>one</li>\n<li>two</li></ul>"
        );
        assert_eq!(text(&doc), "A <heading>\n\nSome emphasis & more.\n\n- one\n- two");
        assert_eq!(markdown(None, &doc), "## A \\<heading\\>\n\nSome *emphasis* & more.\n\n- one\n- two");
    }

    #[test]
    fn exponents_and_indices_are_not_glued_on_in_markdown() {
        let doc = Document {
            nodes: vec![el(
                Tag::P,
                vec![t("3×10"), el(Tag::Sup, vec![t("8")]), t(" m/s; H"), el(Tag::Sub, vec![t("2")]), t("O.")],
            )],
        };
        assert_eq!(markdown(None, &doc), "3×10<sup>8</sup> m/s; H<sub>2</sub>O.");
        assert_eq!(html(&doc), "<p>3×10<sup>8</sup> m/s; H<sub>2</sub>O.</p>");
    }

    #[test]
    fn markdown_starts_with_the_title() {
        let doc = Document { nodes: vec![el(Tag::P, vec![t("Body.")])] };
        assert_eq!(markdown(Some("A  *starred*\n title"), &doc), "# A \\*starred\\* title\n\nBody.");
        // No title, or only whitespace: no heading.
        assert_eq!(markdown(None, &doc), "Body.");
        assert_eq!(markdown(Some(" \n"), &doc), "Body.");
    }
}
