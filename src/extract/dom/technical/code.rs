//! Code blocks: their exact text, their language, none of the highlighter's chrome.
//!
//! Highlighters dress code in ways a text extractor damages: line numbers in a gutter
//! table or in a span before each line (`1import torch`), lines as `<div>`s or
//! `display: block` spans with no newline between them, copy buttons and toolbars,
//! editors (CodeMirror) that draw each line apart. [`normalise`] runs on the parsed
//! page before Readability and replaces each block by a plain
//! `<pre><code class="language-x">` holding its text exactly, which every later step
//! keeps as it is:
//!
//! - the text: every character of the code's text nodes, a newline for `<br>` and
//!   between line elements that have none between them; gutters, line numbers
//!   (by their classes, or digits in a `user-select: none` box), buttons and toolbars
//!   left out;
//! - a table whose rows pair a number column with code (Pygments, Rouge, Chroma,
//!   Hexo, highlight.js's line-numbers plugin, GitHub's gists) is one block;
//! - the language from the classes and attributes highlighters write: `language-x`,
//!   `lang-x`, `highlight-source-x`, `highlight-x`, `data-lang`, `data-language`,
//!   `lang`, and a name beside `hljs`, `sourceCode` or Hexo's `highlight`.
//!
//! Tab panels (code in several languages, Mintlify or Docusaurus tabs) are all shown,
//! each under its tab's label ([`show_tab_panels`]).

use dom_query::NodeRef;

use super::math::is_attached;
use super::{
    all_children, attr_is, descendants_where, find_ancestor, find_descendant, has_class, is_within, outermost_ancestor,
    style_says, text_chars, walk_descendants,
};
use crate::document::is_language;

/// Class names (lower case, as substrings) of highlighter chrome: line numbers, gutters,
/// copy buttons, toolbars, an editor's measuring boxes.
const CHROME_CLASSES: &[&str] = &[
    "linenos",
    "lineno",
    "line-number",
    "linenumber",
    "line-numbers-rows",
    "gutter",
    "copy",
    "clipboard",
    "toolbar",
    "hljs-ln-n",
    "codemirror-measure",
    "codemirror-cursor",
    "cm-gutter",
    "cm-cursor",
    "cm-announced",
];

/// Whole class names of line numbers (Chroma's `ln` in a line, `lnt` in its gutter).
const CHROME_CLASS_NAMES: &[&str] = &["ln", "lnt", "lnt-num", "line-num", "num"];

/// Class names (whole) of one line of code.
const LINE_CLASSES: &[&str] =
    &["line", "cm-line", "code-line", "ace_line", "view-line", "token-line", "highlight-line"];

/// Class names (lower case, as substrings) of a table of code: Sphinx's `highlighttable`,
/// Chroma's `lntable`, Rouge's `rouge-table`, highlight.js's `hljs-ln`.
const CODE_TABLE_CLASSES: &[&str] = &["highlight", "code", "hljs", "lntable", "rouge"];

/// Class names beside which a highlighter writes the language alone (`hljs python`,
/// Pandoc's `sourceCode python`, Hexo's `highlight js`); these words are not languages.
const BESIDE_LANGUAGE: &[&str] = &["hljs", "sourcecode", "highlight"];
const NOT_LANGUAGES: &[&str] = &[
    "hljs",
    "sourcecode",
    "highlight",
    "notranslate",
    "code",
    "shiki",
    "prism",
    "chroma",
    "numberlines",
    "line-numbers",
    "nohighlight",
    "none",
    "plain",
    "default",
    "wrap",
    "block",
    "copy",
    "js-syntax-highlight",
];

/// Language names a code block's header may show as its label ("Python", "TypeScript").
const LANGUAGE_NAMES: &[&str] = &[
    "bash",
    "c",
    "c#",
    "c++",
    "clojure",
    "cpp",
    "csharp",
    "css",
    "dart",
    "diff",
    "dockerfile",
    "elixir",
    "erlang",
    "go",
    "graphql",
    "haskell",
    "html",
    "java",
    "javascript",
    "js",
    "json",
    "jsx",
    "julia",
    "kotlin",
    "lua",
    "makefile",
    "markdown",
    "matlab",
    "ocaml",
    "perl",
    "php",
    "powershell",
    "python",
    "r",
    "ruby",
    "rust",
    "scala",
    "scss",
    "sh",
    "shell",
    "sql",
    "swift",
    "toml",
    "ts",
    "tsx",
    "typescript",
    "xml",
    "yaml",
    "zsh",
];

/// An editor sits this many levels at most inside the `pre` of a chat's code card.
const MAX_EDITOR_DEPTH: usize = 10;

/// Chrome beside a code block is looked for this many wrappers up.
const MAX_WRAPPER_LEVELS: usize = 3;

/// Text of a wrapper beyond its code block: more than this, and the wrapper is the
/// article's, not the block's.
const MAX_CHROME_CHARS: usize = 80;

/// Replaces every code block of the page by `<pre><code class="language-x">text</code></pre>`.
pub fn normalise(dom: &dom_query::Document) {
    show_tab_panels(dom);
    let blocks = dom.select_matcher(matcher!("table, pre, .cm-editor, .CodeMirror, code[style*=pre]"));
    for block in blocks.nodes() {
        if !is_attached(block) {
            continue;
        }
        if block.has_name("table") {
            if let Some(text) = gutter_table_text(block) {
                // A line-numbers table inside `pre > code` (highlight.js) is that block.
                let outer = outermost_ancestor(block, Some(3), &|a| a.has_name("pre")).unwrap_or(*block);
                replace(&outer, block, text);
            }
            continue;
        }
        if block.has_name("code") {
            // Code laid out by CSS (`white-space: pre`) as a block of its own lines.
            let styled = style_says(block, "white-space:pre");
            if styled
                && block.text().trim().contains('\n')
                && find_ancestor(block, None, &|a| a.has_name("pre")).is_none()
            {
                let text = code_text(block);
                replace(block, block, text);
            }
            continue;
        }
        if block.has_name("pre") {
            // An editor's lines, a block inside another block, a `pre` around an editor:
            // the block is the outer one, or the editor.
            if find_ancestor(block, None, &|a| a.has_name("pre") || is_editor(a)).is_some()
                || find_descendant(block, &is_editor).is_some()
            {
                continue;
            }
            let text = code_text(block);
            replace(block, block, text);
        } else {
            // CodeMirror 5 and 6: the lines only, not the gutters or the hidden input. An
            // editor drawn inside a `pre` with a header (ChatGPT) makes that `pre` the block.
            let lines = find_descendant(block, &|d| has_class(d, &|c| c == "cm-content" || c == "codemirror-code"));
            let lines = lines.unwrap_or(*block);
            let text = code_text(&lines);
            let outer = outermost_ancestor(block, Some(MAX_EDITOR_DEPTH), &|a| a.has_name("pre")).unwrap_or(*block);
            replace(&outer, &lines, text);
        }
    }
}

/// The code of a table that pairs line numbers with code: each row's code cells, or the
/// one code cell's text; `None` for any other table.
fn gutter_table_text(table: &NodeRef) -> Option<String> {
    let rows = descendants_where(table, &|d| d.has_name("tr"));
    let first_row = rows.first()?;
    let is_pre_or_code = |n: &NodeRef| n.has_name("pre") || n.has_name("code");
    let is_code_table = has_class(table, &|c| CODE_TABLE_CLASSES.iter().any(|k| c.contains(k)))
        || find_descendant(table, &is_pre_or_code).is_some()
        || find_ancestor(table, Some(3), &is_pre_or_code).is_some();
    if !is_code_table || rows.iter().any(|row| find_descendant(row, &|d| d.has_name("table")).is_some()) {
        return None;
    }
    fn cells<'a>(row: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
        row.element_children().into_iter().filter(|c| c.has_name("td") || c.has_name("th")).collect()
    }
    let gutter = |cell: &NodeRef| {
        cell.text().chars().all(|c| c.is_ascii_digit() || c.is_whitespace())
            || has_class(cell, &|c| CHROME_CLASSES.iter().any(|k| c.contains(k)))
    };
    // Every row: a gutter cell, then code.
    if !rows.iter().all(|row| {
        let cells = cells(row);
        cells.len() >= 2 && gutter(&cells[0])
    }) || cells(first_row).len() > 3
    {
        return None;
    }
    let lines: Vec<String> = rows
        .iter()
        .map(|row| {
            cells(row)
                .iter()
                .skip(1)
                .filter(|c| !gutter(c) || c.text().trim().is_empty())
                .map(code_text)
                .collect::<Vec<_>>()
                .join("")
        })
        .collect();
    Some(lines.join("\n"))
}

/// The exact text of a code block (see the module's comment).
fn code_text(block: &NodeRef) -> String {
    let mut text = CodeText { numbers: numbered_line_starts(block), ..CodeText::default() };
    text.collect(block, 0);
    let code = text.out.trim_matches('\n');
    // A blank line drawn with a space so that it keeps its height (rehype-pretty-code)
    // is a blank line.
    if !code.contains(" \n") && !code.contains("\t\n") {
        return code.to_string();
    }
    let lines: Vec<&str> = code.split('\n').map(|l| if l.trim().is_empty() { "" } else { l }).collect();
    lines.join("\n")
}

/// Code is deep when each token is a span in a span in a line: this is plenty.
const MAX_CODE_DEPTH: usize = 100;

/// A code block's text as it is read, with the newline a line element owes: highlighters
/// that draw lines as blocks write no newline between them (CodeMirror, grids), others do
/// (Shiki), and a line element may be empty (a blank line).
#[derive(Default)]
struct CodeText {
    out: String,
    /// A line element ended without a newline: one is due before what comes next, unless
    /// that starts with one.
    newline_due: bool,
    /// Line numbers without a class to say so (see [`numbered_line_starts`]).
    numbers: Vec<dom_query::NodeId>,
}

/// Fewer numbered lines than this are not a gutter.
const MIN_NUMBERED_LINES: usize = 3;

/// Line numbers written as the first box of each line, with no class naming them: the
/// first element of the line elements, when they count on by one (1, 2, 3… or from any
/// start) over most of the lines.
fn numbered_line_starts(block: &NodeRef) -> Vec<dom_query::NodeId> {
    let lines = descendants_where(block, &is_line);
    let firsts: Vec<(dom_query::NodeId, u32)> = lines
        .iter()
        .filter_map(|line| {
            let first = line.first_element_child()?;
            let before = line.children_it(false).take_while(|c| c.id != first.id).all(|c| c.text().trim().is_empty());
            Some((first.id, first.text().trim().parse().ok().filter(|_| before)?))
        })
        .collect();
    let counts_on = firsts.windows(2).all(|w| w[1].1 == w[0].1 + 1);
    if firsts.len() >= MIN_NUMBERED_LINES && 2 * firsts.len() >= lines.len() && counts_on {
        firsts.into_iter().map(|(id, _)| id).collect()
    } else {
        Vec::new()
    }
}

impl CodeText {
    fn collect(&mut self, node: &NodeRef, depth: usize) {
        for child in node.children_it(false) {
            if child.is_text() {
                self.text(&child.text());
                continue;
            }
            if !child.is_element() || depth > MAX_CODE_DEPTH || is_chrome(&child) || self.numbers.contains(&child.id) {
                continue;
            }
            if child.has_name("br") {
                self.text("\n");
                continue;
            }
            if !is_line(&child) {
                self.collect(&child, depth + 1);
                continue;
            }
            if std::mem::take(&mut self.newline_due) || (!self.out.is_empty() && !self.out.ends_with('\n')) {
                self.out.push('\n');
            }
            let start = self.out.len();
            self.collect(&child, depth + 1);
            // A line that wrote nothing is a blank line; one that wrote no newline owes one.
            self.newline_due = self.out.len() == start || !self.out.ends_with('\n');
        }
    }

    fn text(&mut self, text: &str) {
        if std::mem::take(&mut self.newline_due) && !text.starts_with('\n') {
            self.out.push('\n');
        }
        self.out.push_str(text);
    }
}

/// Line numbers, gutters, buttons and toolbars: never part of the code.
fn is_chrome(node: &NodeRef) -> bool {
    let name = node.node_name().unwrap_or_default();
    if matches!(&*name, "button" | "svg" | "textarea" | "input" | "style" | "script" | "noscript" | "template") {
        return true;
    }
    // CodeMirror 5 fills an empty line with a zero-width space in `<span cm-text>`.
    if node.has_attr("cm-text")
        || has_class(node, &|c| CHROME_CLASSES.iter().any(|k| c.contains(k)) || CHROME_CLASS_NAMES.contains(&c))
    {
        return true;
    }
    // A number in a box the reader cannot select or a screen reader skips: a line number.
    let unselectable = style_says(node, "user-select:none") || attr_is(node, "aria-hidden", "true");
    unselectable && node.text().chars().all(|c| c.is_ascii_digit() || c.is_whitespace())
}

/// One line of code, drawn as a block: a newline goes before it if none is there.
fn is_line(node: &NodeRef) -> bool {
    let name = node.node_name().unwrap_or_default();
    matches!(&*name, "div" | "p" | "li" | "tr" | "pre")
        || has_class(node, &|c| LINE_CLASSES.contains(&c))
        || node.has_attr("data-line")
        || style_says(node, "display:block")
        || style_says(node, "display:flex")
}

/// The block's language, from itself, its `code` and its wrappers.
fn language(block: &NodeRef) -> Option<String> {
    // Its `code` elements (or an editor's lines: `data-language`), itself, its wrappers.
    let mut inside = None;
    walk_descendants(block, &mut |d| {
        if d.has_name("code") || d.has_attr("data-language") {
            inside = language_of(&d);
        }
        inside.is_none()
    });
    inside
        .or_else(|| language_of(block))
        .or_else(|| block.ancestors(Some(MAX_WRAPPER_LEVELS)).iter().find_map(language_of))
}

fn language_of(node: &NodeRef) -> Option<String> {
    let accept = |name: &str| {
        let name = name.trim().trim_end_matches([';', ',']).to_ascii_lowercase();
        (is_language(&name) && !NOT_LANGUAGES.contains(&name.as_str())).then_some(name)
    };
    for attr in ["data-lang", "data-language", "language", "lang"] {
        // `lang` is a human language on most elements: a code language only on code.
        if attr == "lang" && !(node.has_name("pre") || node.has_name("code")) {
            continue;
        }
        if let Some(name) = node.attr(attr).and_then(|v| accept(&v)) {
            return Some(name);
        }
    }
    let class = node.attr("class")?;
    let classes: Vec<&str> = class.split_whitespace().collect();
    for (i, c) in classes.iter().enumerate() {
        let lower = c.to_ascii_lowercase();
        let named =
            ["language-", "lang-", "highlight-source-", "highlight-"].iter().find_map(|p| lower.strip_prefix(p));
        if let Some(name) = named.and_then(accept) {
            return Some(name);
        }
        // SyntaxHighlighter: `class="brush: js; gutter: false"`.
        if lower == "brush:" {
            if let Some(name) = classes.get(i + 1).and_then(|n| accept(n)) {
                return Some(name);
            }
        }
    }
    // A name beside `hljs`, `sourceCode` or Hexo's `highlight`.
    if classes.iter().any(|c| BESIDE_LANGUAGE.contains(&c.to_ascii_lowercase().as_str())) {
        return classes.iter().find_map(|c| accept(c).filter(|n| n.len() <= 12 && !n.contains('-')));
    }
    None
}

/// A block's language from the label of its header: a short text, in the block (outside
/// its code) or in its wrappers, that is a language's name.
fn labelled_language(block: &NodeRef, code: &NodeRef) -> Option<String> {
    // Only the wrappers that hold little beside the block: a header, not the article.
    let block_chars = text_chars(block);
    let mut wrappers = block.ancestors(Some(MAX_WRAPPER_LEVELS));
    let article = wrappers.iter().position(|w| text_chars(w) > block_chars + MAX_CHROME_CHARS);
    wrappers.truncate(article.unwrap_or(wrappers.len()));
    let mut scopes = vec![*block];
    for wrapper in &wrappers {
        scopes.extend(wrapper.element_children());
    }
    for scope in &scopes {
        for text in descendants_where(scope, &|d| d.is_text()) {
            let label = text.text().trim().to_ascii_lowercase();
            if !is_within(&text, code) && LANGUAGE_NAMES.contains(&label.as_str()) {
                return Some(label);
            }
        }
    }
    None
}

/// Puts `<pre><code class="language-x">text</code></pre>` in the block's place, and
/// removes the copy buttons and labels of its wrappers. `code` is where the code itself
/// is (the block, or an editor's lines or a gutter table inside it).
fn replace(block: &NodeRef, code: &NodeRef, text: String) {
    let language = language(block).or_else(|| labelled_language(block, code));
    drop_wrapper_chrome(block, language.as_deref());
    let tree = block.tree;
    let pre = tree.new_element("pre");
    let code = tree.new_element("code");
    if let Some(language) = &language {
        code.set_attr("class", &format!("language-{language}"));
    }
    code.set_text(text);
    pre.append_child(&code);
    outer_wrapper(block).replace_with(&pre);
}

/// Is this a CodeMirror editor (5 or 6)?
fn is_editor(node: &NodeRef) -> bool {
    has_class(node, &|c| c == "codemirror" || c == "cm-editor")
}

/// The outermost of the block's wrappers (`div.code-toolbar`, `div.highlight`) that
/// hold nothing else once their chrome is gone (a `code` around the block too: a page
/// nesting `<code><pre>`): they go with it, so that no class of
/// theirs (a toolbar's, a copy button's) can take the code down with them.
fn outer_wrapper<'a>(block: &NodeRef<'a>) -> NodeRef<'a> {
    let mut outer = *block;
    for _ in 0..MAX_WRAPPER_LEVELS {
        let Some(parent) = outer.parent().filter(|p| p.has_name("div") || p.has_name("span") || p.has_name("code"))
        else {
            break;
        };
        let alone = all_children(&parent, &|c| {
            c.id == outer.id || (c.is_text() && c.text().trim().is_empty()) || c.is_comment()
        });
        if !alone {
            break;
        }
        outer = parent;
    }
    outer
}

/// Words of a copy button written as text.
fn is_copy_label(text: &str) -> bool {
    matches!(
        text.trim().trim_end_matches('!').to_ascii_lowercase().as_str(),
        "copy" | "copy code" | "copied" | "copy to clipboard"
    )
}

fn drop_wrapper_chrome(block: &NodeRef, language: Option<&str>) {
    let block_chars = text_chars(block);
    // Collected first: the tree cannot be changed while an iterator reads it.
    for wrapper in block.ancestors(Some(MAX_WRAPPER_LEVELS)) {
        if text_chars(&wrapper) > block_chars + MAX_CHROME_CHARS {
            return;
        }
        for part in wrapper.element_children() {
            if part.id == block.id || is_within(block, &part) {
                continue;
            }
            let text = part.text();
            let label = text.trim();
            if is_chrome(&part) || is_copy_label(label) || language.is_some_and(|l| label.eq_ignore_ascii_case(l)) {
                part.remove_from_parent();
            }
        }
    }
}

/// Shows every panel of a tab set, each under its tab's label, and drops the tabs.
fn show_tab_panels(dom: &dom_query::Document) {
    for tablist in dom.select_matcher(matcher!("[role=tablist]")).nodes() {
        let tabs = descendants_where(tablist, &|d| attr_is(d, "role", "tab"));
        let Some(container) = tablist.parent() else { continue };
        let panels = descendants_where(&container, &|d| attr_is(d, "role", "tabpanel"));
        if tabs.is_empty() || panels.is_empty() {
            continue;
        }
        for (i, panel) in panels.iter().enumerate() {
            let id = panel.attr("id").unwrap_or_default();
            let tab = tabs
                .iter()
                .find(|t| !id.is_empty() && t.attr("aria-controls").is_some_and(|c| *c == *id))
                .or_else(|| tabs.get(i));
            if panel.text().trim().is_empty() {
                panel.remove_from_parent();
                continue;
            }
            for attr in ["hidden", "aria-hidden", "style"] {
                panel.remove_attr(attr);
            }
            if let Some(label) = tab.map(|t| t.text().trim().to_string()).filter(|l| !l.is_empty()) {
                let heading = panel.tree.new_element("p");
                let strong = panel.tree.new_element("strong");
                strong.set_text(label);
                heading.append_child(&strong);
                panel.prepend_child(&heading);
            }
        }
        tablist.remove_from_parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<(Option<String>, String)> {
        let dom = dom_query::Document::from(html);
        normalise(&dom);
        dom.select("pre > code")
            .nodes()
            .iter()
            .map(|c| (c.attr("class").map(|l| l.to_string()), c.text().to_string()))
            .collect()
    }

    #[test]
    fn pygments_gutter_table_is_one_block_without_numbers() {
        let html = r#"<div class="highlight-python"><table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre>1
2</pre></div></td><td class="code"><div class="highlight"><pre><span class="kn">import</span> torch
<span class="k">class</span> <span class="nc">Model</span>:</pre></div></td></tr></table></div>"#;
        assert_eq!(blocks(html), [(Some("language-python".into()), "import torch\nclass Model:".into())]);
    }

    #[test]
    fn lines_as_blocks_get_their_newlines() {
        let html = r#"<pre><code class="language-js"><div class="line"><span class="ln">1</span>let a = 1;</div><div class="line"><span class="ln">2</span>  a += 1;</div></code></pre>"#;
        assert_eq!(blocks(html), [(Some("language-js".into()), "let a = 1;\n  a += 1;".into())]);
    }
}
