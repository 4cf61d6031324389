//! Formulas, however the page renders them, recovered as MathML with their TeX.
//!
//! Pages show math through a renderer that leaves little a reader tool can use: KaTeX
//! and MathJax draw glyphs with CSS or SVG and hide the MathML they keep for screen
//! readers; Wikipedia hides its MathML beside an image; MathJax 2 keeps the TeX in a
//! `<script>`. [`normalise`] runs on the parsed page before Readability (which would
//! drop the hidden and script parts) and replaces each rendering by one `<math>`
//! holding its MathML and a TeX annotation:
//!
//! 1. a `<math>` (KaTeX's, MathJax's assistive copy, Wikipedia's, a page's own) takes
//!    the place of the wrappers around it whose other parts are only drawings, hidden
//!    copies or fallback images; the TeX comes from its annotation, its `alttext`, a
//!    `data-tex`-like attribute, a fallback image's alt text or MathJax 2's script;
//! 2. MathJax 2 scripts left over (a page saved before MathJax ran, or its HTML-CSS
//!    output whose MathML is in `data-mathml`);
//! 3. MathJax 3/4 containers without assistive MathML: their CHTML or SVG drawing read
//!    back as MathML (`mjx-mi`, `<g data-mml-node="mi">`, glyphs by code point);
//! 4. TeX alone: `data-tex`/`data-math`/`data-latex`, `span.math` with `\(…\)`.
//!
//! Formula images (Wikipedia's older markup, WordPress's `latex.php`) stay images,
//! marked so that Markdown and text give their alt text as TeX.
//!
//! The article builder then keeps MathML's presentation elements through the
//! allow-list ([`build`]) and gives every formula a TeX annotation, converted from the
//! MathML when the page had none ([`tex_of`]), for Markdown and text.

use dom_query::NodeRef;

use super::{all_children, attr_is, find_descendant, percent_decode, style_says, walk_descendants};
use crate::document::{Attr, Element, Node, TEX_ENCODING, Tag};

/// Attributes where pages and renderers keep a formula's TeX source, best first.
const TEX_ATTRS: &[&str] = &["data-tex", "data-latex", "data-math", "alttext", "data-formula"];

/// The longest TeX read from a formula service's address (in characters): a formula, not a
/// document or an address that only looks like one.
const MAX_SERVICE_TEX_CHARS: usize = 1000;

/// Replaces every formula rendering of the page by a `<math>` with MathML and TeX.
pub fn normalise(dom: &dom_query::Document) {
    let found = dom.select_matcher(matcher!(
        "math, script[type^='math/'], mjx-container, [data-tex], [data-latex], [data-math], .math, \
         img[alt][class*=tex], img[alt][class*=latex], img[alt][src*=latex], img[alt][src*='/math/'], img[alt*='\\\\'], \
         img[src*='latex.codecogs.com/'], img[src*='chart.googleapis.com/chart']"
    ));
    for node in found.nodes() {
        // Inside a rendering already replaced, or a wrapper whose formula is found below it.
        if !is_attached(node) {
            continue;
        }
        let name = node.node_name().unwrap_or_default();
        match &*name {
            "math" => from_mathml(node),
            "script" => from_script(node),
            "img" => mark_formula_image(node),
            _ if has_math_inside(node) => {}
            "mjx-container" => from_drawing(node),
            _ => from_tex_only(node),
        }
    }
}

/// Is `node` still in the document (not inside a rendering replaced earlier)?
pub(super) fn is_attached(node: &NodeRef) -> bool {
    node.ancestors_it(None).last().is_some_and(|root| root.is_document() || root.is_fragment())
}

fn has_math_inside(node: &NodeRef) -> bool {
    find_descendant(node, &|d| d.has_name("math") || d.has_name("script")).is_some()
}

/// Step 1: a `<math>` replaces its rendering's wrappers.
fn from_mathml(math: &NodeRef) {
    let mut top = *math;
    let mut display = attr_is(math, "display", "block");
    let mut tex = tex_attr(math);
    let mut image = None;
    while let Some(parent) = top.parent().filter(is_wrapper) {
        if !all_children(&parent, &|c| c.id == top.id || is_rendering_part(c)) {
            break;
        }
        for part in parent.children().into_iter().filter(|c| c.id != top.id) {
            tex = tex.or_else(|| rendering_tex(&part));
            image = image.or_else(|| part.has_name("img").then_some(part));
        }
        display |= says_display(&parent);
        tex = tex.or_else(|| tex_attr(&parent));
        top = parent;
    }
    // MathJax 2 writes its preview before the rendering and the TeX script after it.
    if let Some(script) = top.next_element_sibling().filter(is_math_script) {
        tex = tex.or_else(|| Some(script.text().to_string()));
        display |= says_display(&script);
        script.remove_from_parent();
    }
    if let Some(preview) = top.prev_element_sibling().filter(|p| has_class_part(p, "MathJax_Preview")) {
        preview.remove_from_parent();
    }
    // Wikipedia draws each formula as an image and keeps the MathML for screen readers:
    // the image stays (the page's own drawing), with its TeX as alt text.
    if let Some(img) = image.filter(|i| i.attr("src").is_some_and(|s| !s.starts_with("data:"))) {
        let annotation = find_descendant(math, &|d| d.has_name("annotation")).map(|a| a.text().to_string());
        if let Some(tex) = annotation.or(tex).or_else(|| img.attr("alt").map(|a| a.to_string())) {
            img.set_attr("alt", &tex);
        }
        for attr in ["aria-hidden", "style", "hidden"] {
            img.remove_attr(attr);
        }
        mark_formula_image(&img);
        img.set_attr("class", if display { "tex-display" } else { "tex" });
        top.replace_with(&img);
        return;
    }
    top.replace_with(math);
    finish(math, tex, display);
}

/// Elements that only wrap a rendering: inline and generic boxes, MathJax's own.
fn is_wrapper(node: &NodeRef) -> bool {
    let name = node.node_name().unwrap_or_default();
    matches!(&*name, "span" | "div" | "nobr" | "p") || name.starts_with("mjx-")
}

/// A part of a rendering beside its MathML: a drawing (no text), a hidden copy, a
/// fallback image or MathJax 2's TeX script.
fn is_rendering_part(node: &NodeRef) -> bool {
    if node.is_text() {
        return node.text().trim().is_empty();
    }
    !node.is_element()
        || node.has_name("img")
        || is_math_script(node)
        || node.has_attr("hidden")
        || attr_is(node, "aria-hidden", "true")
        || style_says(node, "display:none")
        || has_class_part(node, "MathJax_Preview")
        || node.text().trim().is_empty()
}

/// The TeX a rendering part carries: a fallback image's alt text, MathJax 2's script.
fn rendering_tex(part: &NodeRef) -> Option<String> {
    if part.has_name("img") {
        return part.attr("alt").map(|a| a.to_string()).filter(|a| looks_like_tex(a));
    }
    is_math_script(part).then(|| part.text().to_string())
}

fn tex_attr(node: &NodeRef) -> Option<String> {
    TEX_ATTRS.iter().find_map(|a| node.attr(a)).map(|t| t.to_string()).filter(|t| looks_like_tex(t))
}

/// Not a flag (`data-math="true"`) or empty: something a formula could be.
fn looks_like_tex(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && !matches!(s, "true" | "false" | "inline" | "display" | "block")
}

fn is_math_script(node: &NodeRef) -> bool {
    node.has_name("script") && node.attr("type").is_some_and(|t| t.starts_with("math/tex"))
}

/// Does the element say the formula is displayed on its own line (KaTeX's
/// `katex-display`, MathJax's `MathJax_Display` and `display="true"`, Wikipedia's
/// `mwe-math-mathml-display`, MathJax 2's `mode=display` script)?
fn says_display(node: &NodeRef) -> bool {
    has_class_part(node, "display")
        || node.attr("display").is_some_and(|d| matches!(&*d, "true" | "block"))
        || node.attr("type").is_some_and(|t| t.contains("mode=display"))
}

/// Does one of the node's classes contain `part` (ASCII case-insensitive)?
fn has_class_part(node: &NodeRef, part: &str) -> bool {
    node.attr("class").is_some_and(|c| {
        c.split_whitespace()
            .any(|class| class.as_bytes().windows(part.len()).any(|w| w.eq_ignore_ascii_case(part.as_bytes())))
    })
}

/// Step 2: MathJax 2's `<script type="math/tex">` (or `math/mml`) without MathML beside
/// it: its HTML-CSS or SVG rendering (with `data-mathml`, or nothing of use) goes.
fn from_script(script: &NodeRef) {
    let kind = script.attr("type").unwrap_or_default();
    let display = says_display(script);
    let source = script.text().to_string();
    let mut mathml: Option<String> = kind.starts_with("math/mml").then(|| source.clone());
    // The rendering is the run of MathJax elements just before the script.
    while let Some(part) = script.prev_element_sibling().filter(|p| {
        has_class_part(p, "mathjax") || has_class_part(p, "mjx") || p.node_name().is_some_and(|n| n.starts_with("mjx-"))
    }) {
        if mathml.is_none() {
            let has_data = |d: &NodeRef| d.has_attr("data-mathml");
            let with_data = if has_data(&part) { Some(part) } else { find_descendant(&part, &has_data) };
            mathml = with_data.and_then(|d| d.attr("data-mathml")).map(|m| m.to_string());
        }
        part.remove_from_parent();
    }
    let tex = kind.starts_with("math/tex").then_some(source);
    let math = mathml.and_then(|m| {
        // Parsed as a page of its own (the parser the page itself went through: a fragment
        // parser would be a second copy of html5ever in the wasm), then copied over.
        let parsed = dom_query::Document::from(m.as_str());
        let source = find_descendant(&parsed.root(), &|d| d.has_name("math"))?;
        let math = copy_into(&source, script);
        script.insert_before(&math);
        Some(math)
    });
    match math {
        Some(math) => {
            script.remove_from_parent();
            finish(&math, tex, display);
        }
        None if tex.is_some() => replace_with_tex(script, &tex.unwrap_or_default(), display),
        None => script.remove_from_parent(),
    }
}

/// A copy of `source` (a node of another tree) made in `place`'s tree, detached.
fn copy_into<'a>(source: &NodeRef, place: &NodeRef<'a>) -> NodeRef<'a> {
    let copy = match source.qual_name_ref() {
        Some(name) => place.tree.new_element_qualname(name.clone()),
        None => return place.tree.new_text(source.text()),
    };
    for attr in source.attrs() {
        copy.set_attr(&attr.name.local, &attr.value);
    }
    for child in source.children_it(false).filter(|c| c.is_element() || c.is_text()) {
        copy.append_child(&copy_into(&child, place));
    }
    copy
}

/// Step 4: an element holding only TeX (an attribute, or text between delimiters).
fn from_tex_only(node: &NodeRef) {
    let display = says_display(node);
    if let Some(tex) = tex_attr(node) {
        replace_with_tex(node, &tex, display);
        return;
    }
    // Pandoc's `<span class="math inline">\(x\)</span>`: only with delimiters, since
    // `.math` may be any box on a page about mathematics.
    let text = node.text();
    let text = text.trim();
    let delimited = [("\\(", "\\)", false), ("\\[", "\\]", true), ("$$", "$$", true), ("$", "$", false)]
        .into_iter()
        .find_map(|(open, close, block)| {
            let inner = text.strip_prefix(open)?.strip_suffix(close)?;
            (!inner.trim().is_empty()).then_some((inner, block))
        });
    if let Some((tex, block)) = delimited.filter(|_| node.element_children().is_empty()) {
        replace_with_tex(node, tex, display || block);
    }
}

/// Formula images keep their pictures; their alt text is marked as TeX, or, when it is
/// none, the TeX a formula service draws from the image's address.
fn mark_formula_image(img: &NodeRef) {
    let alt = img.attr("alt").unwrap_or_default();
    let service = img.attr("src").and_then(|s| service_tex(&s));
    // Named as a formula (class, address), or its alt text holds a TeX command.
    let named = service.is_some()
        || has_class_part(img, "tex")
        || has_class_part(img, "latex")
        || has_class_part(img, "math")
        || img.attr("src").is_some_and(|s| s.contains("latex") || s.contains("/math/"));
    let tex_command = alt.contains("^{")
        || alt.contains("_{")
        || alt.split('\\').skip(1).any(|w| {
            w.starts_with(|c: char| c.is_ascii_alphabetic())
                && w.chars().take_while(char::is_ascii_alphabetic).count() >= 2
        });
    let alt_is_tex = looks_like_tex(&alt) && (tex_command || (named && alt.contains(['\\', '^', '_', '{', '=', '+'])));
    let Some(tex) = alt_is_tex.then(|| alt.to_string()).or(service) else { return };
    // Displayed when it says so, or when it stands alone in its paragraph.
    let alone = img
        .parent()
        .is_some_and(|p| all_children(&p, &|c| c.id == img.id || (c.is_text() && c.text().trim().is_empty())));
    let display = has_class_part(img, "display") || alone;
    img.set_attr("alt", &clean_tex(&tex));
    img.set_attr("class", if display { "tex-display" } else { "tex" });
}

/// The TeX a formula service draws from its address: CodeCogs
/// (`latex.codecogs.com/svg.image?TEX`, `png.latex?TEX`…: the whole query, `+` a plus,
/// its editor's `&space;` a space, rendering options before the formula) and Google's
/// chart API (`chart.googleapis.com/chart?cht=tx&chl=TEX`, form-encoded: `+` a space).
/// Only those addresses, only text, only a formula's length.
fn service_tex(src: &str) -> Option<String> {
    let rest = src.strip_prefix("https:").or_else(|| src.strip_prefix("http:")).unwrap_or(src).strip_prefix("//")?;
    let (place, query) = rest.split_once('?')?;
    let tex = if let Some(file) = place.strip_prefix("latex.codecogs.com/") {
        if !(file.ends_with(".latex") || file.ends_with(".image")) || file.contains('/') {
            return None;
        }
        percent_decode(query)?.replace("&space;", " ").replace("&plus;", "+")
    } else if place == "chart.googleapis.com/chart" && query.split('&').any(|p| p == "cht=tx") {
        let chl = query.split('&').find_map(|p| p.strip_prefix("chl="))?;
        percent_decode(&chl.replace('+', " "))?
    } else {
        return None;
    };
    let tex = without_render_options(&tex).trim();
    let fits = tex.chars().count() <= MAX_SERVICE_TEX_CHARS && !tex.contains(char::is_control);
    (fits && looks_like_tex(tex)).then(|| tex.to_string())
}

/// CodeCogs' rendering options before a formula: `\dpi{300}`, `\bg_white`, `\bg{white}`,
/// `\fg_red`, `\fn_cm`, `\inline` (how it is drawn, not what it says).
fn without_render_options(mut tex: &str) -> &str {
    loop {
        let Some(rest) = tex.trim_start().strip_prefix('\\') else { return tex };
        let after = ["inline", "dpi", "bg", "fg", "fn"].into_iter().find_map(|o| rest.strip_prefix(o));
        tex = match after {
            Some(a) if a.starts_with('{') => a.split_once('}').map_or("", |(_, b)| b),
            Some(a) if a.starts_with('_') => a.trim_start_matches(|c: char| c == '_' || c.is_ascii_alphanumeric()),
            Some(a) if !a.starts_with(|c: char| c.is_ascii_alphabetic()) && rest.starts_with("inline") => a,
            _ => return tex,
        };
    }
}

/// Step 3: a MathJax 3/4 container without MathML: its drawing read back.
fn from_drawing(container: &NodeRef) {
    let display = says_display(container);
    let tree = container.tree;
    let math = tree.new_element("math");
    let drawing = find_descendant(container, &|d| d.has_name("mjx-math") || attr_is(d, "data-mml-node", "math"));
    match drawing {
        Some(drawing) if drawing.has_name("mjx-math") => read_chtml(&drawing, &math),
        Some(drawing) => read_svg(&drawing, &math),
        None => return,
    }
    container.replace_with(&math);
    finish(&math, None, display);
}

/// MathJax's CHTML output: `mjx-mi`, `mjx-mfrac`… are the MathML elements; the other
/// `mjx-` elements are boxes, except the ones naming a child's role (`mjx-num`,
/// `mjx-script`…); glyphs are `<mjx-c class="mjx-c1D465">` (the code point, drawn by CSS).
fn read_chtml(node: &NodeRef, out: &NodeRef) {
    // Collected first: the tree cannot be changed while an iterator reads it.
    for child in node.children().into_iter().filter(NodeRef::is_element) {
        let name = child.node_name().unwrap_or_default();
        let element = name.strip_prefix("mjx-").map(|n| if n == "texatom" { "mrow" } else { n });
        match element {
            // The radical sign, the fraction's rule and the struts are drawing only.
            Some("surd" | "line" | "nstrut" | "dstrut" | "spacer" | "assistive-mml") => {}
            Some(token @ ("mi" | "mn" | "mo" | "mtext" | "ms")) => {
                let e = out.tree.new_element(token);
                e.set_text(chtml_glyphs(&child));
                out.append_child(&e);
            }
            Some(element) if Tag::from_name(element).is_some_and(Tag::is_mathml) && !is_role_box(out, element) => {
                let e = out.tree.new_element(element);
                read_chtml(&child, &e);
                reorder(&e, &child);
                out.append_child(&e);
            }
            _ => read_chtml(&child, out),
        }
    }
}

/// Inside `mjx-munderover`, MathJax boxes the base and the under script in an
/// `mjx-munder` that is not an element of the formula.
fn is_role_box(parent: &NodeRef, name: &str) -> bool {
    name == "munder" && parent.has_name("munderover")
}

/// The characters of a CHTML token: each `mjx-c`'s code point, or MathJax's text for
/// characters outside its fonts (`mjx-utext`).
fn chtml_glyphs(token: &NodeRef) -> String {
    let mut text = String::new();
    walk_descendants(token, &mut |d| {
        if d.has_name("mjx-utext") {
            text.push_str(&d.text());
        }
        let class = d.attr("class").unwrap_or_default();
        // A stretched delimiter names its character on its box; its pieces follow.
        let code = class
            .split_whitespace()
            .find_map(|c| c.strip_prefix("mjx-c"))
            .filter(|_| d.has_name("mjx-c") || d.name_starts("mjx-stretchy"));
        if let Some(c) = code.and_then(|hex| u32::from_str_radix(hex, 16).ok()).and_then(char::from_u32) {
            text.push(c);
            return !d.name_starts("mjx-stretchy");
        }
        true
    });
    text
}

/// MathJax's SVG output: `<g data-mml-node="mi">` elements are the MathML tree; a
/// glyph is `<use data-c="1D465">`, text is `<text>`.
fn read_svg(node: &NodeRef, out: &NodeRef) {
    for child in node.children().into_iter().filter(NodeRef::is_element) {
        let Some(kind) = child.attr("data-mml-node") else {
            read_svg(&child, out);
            continue;
        };
        let kind = if &*kind == "TeXAtom" { "mrow" } else { &*kind };
        if !Tag::from_name(kind).is_some_and(Tag::is_mathml) {
            read_svg(&child, out);
            continue;
        }
        let e = out.tree.new_element(kind);
        if matches!(kind, "mi" | "mn" | "mo" | "mtext" | "ms") {
            let mut text = String::new();
            walk_descendants(&child, &mut |d| {
                if let Some(c) =
                    d.attr("data-c").and_then(|h| u32::from_str_radix(&h, 16).ok()).and_then(char::from_u32)
                {
                    text.push(c);
                } else if d.has_name("text") {
                    text.push_str(&d.text());
                }
                true
            });
            e.set_text(text);
        } else {
            read_svg(&child, &e);
            // SVG draws scripts as base, superscript, subscript.
            if matches!(kind, "msubsup") {
                swap_last_two(&e);
            }
        }
        out.append_child(&e);
    }
}

/// Puts a CHTML element's children in MathML's order: MathJax draws superscripts above
/// subscripts and overscripts above their base.
fn reorder(element: &NodeRef, drawn: &NodeRef) {
    let name = element.node_name().unwrap_or_default();
    let limits_as_scripts = attr_is(drawn, "limits", "false");
    match &*name {
        // Drawn: base, superscript, subscript.
        "msubsup" => swap_last_two(element),
        "munderover" if limits_as_scripts => swap_last_two(element),
        // Drawn: over, base, under.
        "munderover" => {
            if let Some(over) = element.first_element_child() {
                element.append_child(&over);
            }
        }
        // Drawn: over, base.
        "mover" if !limits_as_scripts => {
            if let Some(over) = element.first_element_child() {
                element.append_child(&over);
            }
        }
        // Drawn: index, then the radical with its base.
        "mroot" => {
            if let Some(index) = element.first_element_child() {
                element.append_child(&index);
            }
        }
        _ => {}
    }
}

fn swap_last_two(element: &NodeRef) {
    let children = element.element_children();
    if let [.., a, b] = children.as_slice() {
        a.insert_before(b);
    }
}

/// Replaces `node` by a formula known only by its TeX.
fn replace_with_tex(node: &NodeRef, tex: &str, display: bool) {
    let math = node.tree.new_element("math");
    let text = node.tree.new_element("mtext");
    text.set_text(clean_tex(tex));
    math.append_child(&text);
    node.replace_with(&math);
    finish(&math, Some(tex.to_string()), display);
}

/// Gives the canonical `<math>` its display mode and, when known, a TeX annotation.
fn finish(math: &NodeRef, tex: Option<String>, display: bool) {
    math.remove_all_attrs();
    if display {
        math.set_attr("display", "block");
    }
    let Some(tex) = tex.map(|t| clean_tex(&t)).filter(|t| !t.is_empty()) else { return };
    if find_descendant(math, &|d| d.has_name("annotation") && attr_is(d, "encoding", TEX_ENCODING)).is_some() {
        return;
    }
    let semantics = match math.first_element_child().filter(|c| c.has_name("semantics")) {
        Some(semantics) => semantics,
        None => {
            let semantics = math.tree.new_element("semantics");
            let row = math.tree.new_element("mrow");
            for child in math.children() {
                row.append_child(&child);
            }
            semantics.append_child(&row);
            math.append_child(&semantics);
            semantics
        }
    };
    let annotation = math.tree.new_element("annotation");
    annotation.set_attr("encoding", TEX_ENCODING);
    annotation.set_text(tex);
    semantics.append_child(&annotation);
}

/// TeX as a reader would write it: Wikipedia wraps every formula in
/// `{\displaystyle …}`, MathJax 2 scripts keep their source's line breaks and margins.
fn clean_tex(tex: &str) -> String {
    let tex = tex.trim();
    let unwrapped =
        ["{\\displaystyle", "{\\textstyle"].iter().find_map(|w| tex.strip_prefix(w)?.strip_suffix('}')).unwrap_or(tex);
    crate::document::collapse_whitespace(unwrapped)
}

/// The article builder's `<math>`: MathML's presentation elements and attributes
/// through the allow-list, only text inside tokens, and a TeX annotation always.
pub fn build(node: &NodeRef) -> Option<Element> {
    let mut math = Element::new(Tag::Math);
    copy_attrs(node, &mut math);
    build_children(node, &mut math, 0);
    // A formula with no character left (its content was markup the allow-list refused).
    if math.text().trim().is_empty() {
        return None;
    }
    let alttext = node.attr("alttext").map(|a| clean_tex(&a));
    complete(&mut math, alttext);
    Some(math)
}

/// Deeper MathML than this is an attack, not a formula.
const MAX_MATH_DEPTH: usize = 64;

fn build_children(node: &NodeRef, parent: &mut Element, depth: usize) {
    if depth > MAX_MATH_DEPTH {
        return;
    }
    for child in node.children_it(false).filter(NodeRef::is_element) {
        let name = child.node_name().unwrap_or_default();
        match Tag::from_name(&name) {
            // `maction` shows one of its children, the first by default.
            None if &*name == "maction" => {
                if let Some(first) = child.first_element_child() {
                    build_one(&first, parent, depth);
                }
            }
            // `mfenced` (deprecated, drawn by no browser): its fences as operators.
            None if &*name == "mfenced" => {
                let mut row = Element::new(Tag::Mrow);
                let fence = |s: &str| {
                    let mut mo = Element::new(Tag::Mo);
                    mo.children.push(Node::Text(s.to_string()));
                    Node::Element(mo)
                };
                row.children.push(fence(&child.attr("open").unwrap_or("(".into())));
                build_children(&child, &mut row, depth + 1);
                row.children.push(fence(&child.attr("close").unwrap_or(")".into())));
                parent.children.push(Node::Element(row));
            }
            // Anything else (HTML inside MathML, `annotation-xml`, `mglyph`, SVG) goes.
            _ => build_one(&child, parent, depth),
        }
    }
}

fn build_one(child: &NodeRef, parent: &mut Element, depth: usize) {
    let name = child.node_name().unwrap_or_default();
    // A labelled row (an equation number) is a row; elementary math's and alignment's
    // elements, which browsers do not draw, give their content; a glyph image and HTML
    // in `annotation-xml` go.
    let name = if &*name == "mlabeledtr" { "mtr".into() } else { name };
    let Some(tag) = Tag::from_name(&name).filter(|t| t.is_mathml() && *t != Tag::Math) else {
        if name.starts_with('m') && !matches!(&*name, "mglyph" | "maction") {
            build_children(child, parent, depth + 1);
        }
        return;
    };
    let mut element = Element::new(tag);
    copy_attrs(child, &mut element);
    if tag == Tag::Annotation {
        // TeX only: other encodings may be anything.
        if element.attr(Attr::ENCODING).is_none() {
            return;
        }
        element.children.push(Node::Text(clean_tex(&child.text())));
    } else if tag == Tag::Mtext {
        element.children.push(Node::Text(child.text().to_string()));
    } else if tag.holds_text_only() {
        element.children.push(Node::Text(child.text().trim().to_string()));
    } else {
        build_children(child, &mut element, depth + 1);
    }
    parent.children.push(Node::Element(element));
}

fn copy_attrs(node: &NodeRef, element: &mut Element) {
    for attr in node.attrs() {
        if let Some(a) = Attr::from_name(&attr.name.local).filter(|a| !matches!(a, Attr::Class | Attr::Id)) {
            element.set_attr(a, &attr.value);
        }
    }
}

/// Gives a built formula a TeX annotation when it has none: `alttext` (Wikipedia,
/// LaTeXML), else converted from its MathML.
pub fn complete(math: &mut Element, alttext: Option<String>) {
    if math.tex().is_some() {
        return;
    }
    let tex = alttext.filter(|t| !t.is_empty()).unwrap_or_else(|| tex_of(math));
    let mut row = Element::new(Tag::Mrow);
    row.children = std::mem::take(&mut math.children);
    let mut annotation = Element::new(Tag::Annotation);
    annotation.set_attr(Attr::ENCODING, TEX_ENCODING);
    annotation.children.push(Node::Text(tex));
    let mut semantics = Element::new(Tag::Semantics);
    semantics.children = vec![Node::Element(row), Node::Element(annotation)];
    math.children.push(Node::Element(semantics));
}

/// `menclose` notations (their first) and the TeX commands that draw them.
const ENCLOSURES: &[(&str, &str)] =
    &[("top", "\\overline{"), ("bottom", "\\underline{"), ("updiagonalstrike", "\\cancel{")];

/// TeX for MathML: what a reader would type, close enough for Markdown renderers
/// (KaTeX, MathJax) to draw the same formula.
pub fn tex_of(e: &Element) -> String {
    let mut out = String::new();
    write_tex(e, &mut out);
    out.trim().to_string()
}

fn write_tex(e: &Element, out: &mut String) {
    let kids: Vec<&Element> = e
        .children
        .iter()
        .filter_map(|c| match c {
            Node::Element(c) => Some(c),
            Node::Text(_) => None,
        })
        .collect();
    let arg = |i: usize| kids.get(i).map(|k| group(k)).unwrap_or_else(|| "{}".to_string());
    match e.tag {
        Tag::Mi | Tag::Mn | Tag::Mo | Tag::Ms | Tag::Mtext => token_tex(e, out),
        Tag::Mfrac => push_tex(out, &format!("\\frac{}{}", arg(0), arg(1))),
        Tag::Msqrt => {
            push_tex(out, &format!("\\sqrt{{{}}}", kids.iter().map(|k| tex_of(k)).collect::<Vec<_>>().join(" ")))
        }
        Tag::Mroot => {
            push_tex(out, &format!("\\sqrt[{}]{}", kids.get(1).map(|k| tex_of(k)).unwrap_or_default(), arg(0)))
        }
        Tag::Msub => push_tex(out, &format!("{}_{}", base(kids.first()), arg(1))),
        Tag::Msup => push_tex(out, &format!("{}^{}", base(kids.first()), arg(1))),
        Tag::Msubsup => push_tex(out, &format!("{}_{}^{}", base(kids.first()), arg(1), arg(2))),
        Tag::Munder | Tag::Mover | Tag::Munderover => under_over(e.tag, &kids, out),
        Tag::Mtable => {
            let rows: Vec<String> = kids
                .iter()
                .map(|row| {
                    let cells = row.children.iter().filter_map(|c| match c {
                        Node::Element(c) => Some(tex_of(c)),
                        Node::Text(_) => None,
                    });
                    cells.collect::<Vec<_>>().join(" & ")
                })
                .collect();
            push_tex(out, &format!("\\begin{{matrix}} {} \\end{{matrix}}", rows.join(" \\\\ ")));
        }
        Tag::Menclose => {
            // Its notation: a line over (Temml's `\overline`) or under, a strike
            // (MathJax's `\cancel`), else a box.
            let notation = e.attr(Attr::NOTATION).unwrap_or_default();
            let command = ENCLOSURES.iter().find(|(n, _)| notation.starts_with(n)).map_or("\\boxed{", |(_, c)| c);
            let inner: String = kids.iter().map(|k| tex_of(k)).collect();
            push_tex(out, &[command, &inner, "}"].concat())
        }
        Tag::Mspace => out.push(' '),
        Tag::Annotation | Tag::MNone | Tag::Mprescripts => {}
        // `semantics` shows its first child; the rest are annotations.
        Tag::Semantics => {
            if let Some(first) = kids.first() {
                write_tex(first, out);
            }
        }
        _ => kids.iter().for_each(|k| write_tex(k, out)),
    }
}

/// A script's base: braced when it is more than one token.
fn base(e: Option<&&Element>) -> String {
    match e {
        Some(e) if e.holds_text_only_token() => tex_of(e),
        Some(e) => group(e),
        None => "{}".to_string(),
    }
}

fn group(e: &Element) -> String {
    format!("{{{}}}", tex_of(e))
}

/// Accents over a base (`\hat{x}`), limits of large operators (`\sum_{i}^{n}`),
/// anything else stacked (`\overset{a}{b}`).
fn under_over(tag: Tag, kids: &[&Element], out: &mut String) {
    let base_tex = kids.first().map(|k| tex_of(k)).unwrap_or_default();
    let (under, over) = match tag {
        Tag::Munder => (kids.get(1), None),
        Tag::Mover => (None, kids.get(1)),
        _ => (kids.get(1), kids.get(2)),
    };
    let accent = over.map(|o| tex_of(o)).and_then(|o| {
        Some(match o.as_str() {
            "^" | "\u{2c6}" | "\u{302}" => "\\hat",
            "~" | "\u{2dc}" | "\u{303}" => "\\tilde",
            "\u{af}" | "\u{304}" | "\u{203e}" | "_" => "\\overline",
            "\u{2192}" | "\u{20d7}" | "\\to" | "\\rightarrow" => "\\vec",
            "\u{2d9}" | "\u{307}" | "." => "\\dot",
            "\u{a8}" | "\u{308}" => "\\ddot",
            "\u{23de}" => "\\overbrace",
            _ => return None,
        })
    });
    if let (Some(accent), None) = (accent, under) {
        push_tex(out, &format!("{accent}{{{base_tex}}}"));
        return;
    }
    let big = matches!(
        base_tex.as_str(),
        "\\sum"
            | "\\prod"
            | "\\int"
            | "\\lim"
            | "\\bigcup"
            | "\\bigcap"
            | "\\max"
            | "\\min"
            | "\\sup"
            | "\\inf"
            | "\\coprod"
            | "\\oint"
    );
    if big {
        let mut s = base_tex;
        if let Some(u) = under {
            s.push_str(&format!("_{}", group(u)));
        }
        if let Some(o) = over {
            s.push_str(&format!("^{}", group(o)));
        }
        push_tex(out, &s);
        return;
    }
    let mut s = format!("{{{base_tex}}}");
    if let Some(u) = under {
        s = if tex_of(u) == "\u{23df}" { format!("\\underbrace{s}") } else { format!("\\underset{}{s}", group(u)) };
    }
    if let Some(o) = over {
        s = format!("\\overset{}{s}", group(o));
    }
    push_tex(out, &s);
}

/// Appends TeX, with a space where a command name would otherwise run into a letter.
fn push_tex(out: &mut String, tex: &str) {
    let ends_in_command = {
        let letters = out.bytes().rev().take_while(u8::is_ascii_alphabetic).count();
        letters > 0 && out.len().checked_sub(letters + 1).is_some_and(|i| out.as_bytes()[i] == b'\\')
    };
    if ends_in_command && tex.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.push(' ');
    }
    out.push_str(tex);
}

/// Function names TeX writes upright as commands.
const FUNCTIONS: &[&str] = &[
    "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "log", "ln", "lg",
    "exp", "lim", "max", "min", "sup", "inf", "det", "dim", "ker", "deg", "gcd", "arg", "Pr", "hom",
];

/// Greek letters by code point from U+0391 (uppercase) and U+03B1 (lowercase); the
/// uppercase letters that look Latin are written as Latin letters in TeX.
const GREEK: [&str; 25] = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi",
    "omicron", "pi", "rho", "varsigma", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
];

/// Symbols with a TeX command (beyond the Greek letters); characters not listed are
/// written as they are, which KaTeX and MathJax read.
const SYMBOLS: &[(char, &str)] = &[
    ('\u{2212}', "-"),
    ('\u{d7}', "\\times"),
    ('\u{b7}', "\\cdot"),
    ('\u{22c5}', "\\cdot"),
    ('\u{b1}', "\\pm"),
    ('\u{2213}', "\\mp"),
    ('\u{f7}', "\\div"),
    ('\u{2264}', "\\le"),
    ('\u{2265}', "\\ge"),
    ('\u{2260}', "\\ne"),
    ('\u{2248}', "\\approx"),
    ('\u{2261}', "\\equiv"),
    ('\u{223c}', "\\sim"),
    ('\u{221d}', "\\propto"),
    ('\u{221e}', "\\infty"),
    ('\u{2202}', "\\partial"),
    ('\u{2207}', "\\nabla"),
    ('\u{2211}', "\\sum"),
    ('\u{220f}', "\\prod"),
    ('\u{222b}', "\\int"),
    ('\u{222e}', "\\oint"),
    ('\u{221a}', "\\surd"),
    ('\u{2208}', "\\in"),
    ('\u{2209}', "\\notin"),
    ('\u{2282}', "\\subset"),
    ('\u{2286}', "\\subseteq"),
    ('\u{222a}', "\\cup"),
    ('\u{2229}', "\\cap"),
    ('\u{2205}', "\\emptyset"),
    ('\u{2200}', "\\forall"),
    ('\u{2203}', "\\exists"),
    ('\u{ac}', "\\neg"),
    ('\u{2227}', "\\wedge"),
    ('\u{2228}', "\\vee"),
    ('\u{2192}', "\\to"),
    ('\u{2190}', "\\leftarrow"),
    ('\u{21d2}', "\\Rightarrow"),
    ('\u{21d4}', "\\Leftrightarrow"),
    ('\u{21a6}', "\\mapsto"),
    ('\u{2026}', "\\ldots"),
    ('\u{22ef}', "\\cdots"),
    ('\u{2032}', "'"),
    ('\u{2061}', ""),
    ('\u{2062}', ""),
    ('\u{2063}', ""),
    ('\u{2218}', "\\circ"),
    ('\u{2297}', "\\otimes"),
    ('\u{2295}', "\\oplus"),
    ('\u{210f}', "\\hbar"),
    ('\u{2113}', "\\ell"),
    ('{', "\\{"),
    ('}', "\\}"),
    ('#', "\\#"),
    ('%', "\\%"),
    ('&', "\\&"),
    ('$', "\\$"),
    ('_', "\\_"),
    ('\\', "\\backslash"),
];

/// Styles of the Unicode mathematical alphabets (U+1D400…), in their order: how TeX
/// writes each (italic is TeX's default for letters).
const ALPHABETS: [&str; 13] = [
    "\\mathbf",
    "",
    "\\boldsymbol",
    "\\mathcal",
    "\\mathcal",
    "\\mathfrak",
    "\\mathbb",
    "\\mathfrak",
    "\\mathsf",
    "\\mathsf",
    "\\mathsf",
    "\\mathsf",
    "\\mathtt",
];

fn token_tex(e: &Element, out: &mut String) {
    let text = match e.children.first() {
        Some(Node::Text(t)) => t.trim(),
        _ => "",
    };
    if e.tag == Tag::Mtext {
        // Spaces around words in a formula's text are part of it (`x \text{ for all } k`).
        let raw = match e.children.first() {
            Some(Node::Text(t)) => t.as_str(),
            _ => "",
        };
        let spaced = crate::document::collapse_whitespace(raw);
        if !spaced.is_empty() {
            let (lead, trail) = (raw.starts_with(char::is_whitespace), raw.ends_with(char::is_whitespace));
            let inner = format!(
                "{}{}{}",
                if lead { " " } else { "" },
                spaced.replace(['{', '}'], ""),
                if trail { " " } else { "" }
            );
            push_tex(out, &format!("\\text{{{inner}}}"));
        }
        return;
    }
    if e.tag == Tag::Mi && text.chars().count() > 1 {
        let command = FUNCTIONS.contains(&text).then(|| format!("\\{text}"));
        push_tex(out, &command.unwrap_or_else(|| format!("\\mathrm{{{text}}}")));
        return;
    }
    let style = match e.attr(Attr::MATHVARIANT) {
        Some("bold") => "\\mathbf",
        Some("double-struck") => "\\mathbb",
        Some("script") => "\\mathcal",
        Some("fraktur") => "\\mathfrak",
        Some("normal") if e.tag == Tag::Mi && text.chars().all(|c| c.is_ascii_alphabetic()) => "\\mathrm",
        _ => "",
    };
    for c in text.chars() {
        let (style, tex) = char_tex(c, style);
        if style.is_empty() {
            push_tex(out, &tex);
        } else {
            push_tex(out, &format!("{style}{{{tex}}}"));
        }
    }
}

/// One character as TeX, with the style its code point carries (𝐱 is `\mathbf{x}`).
fn char_tex(c: char, style: &'static str) -> (&'static str, String) {
    let code = c as u32;
    if (0x1D400..0x1D400 + 13 * 52).contains(&code) {
        let i = code - 0x1D400;
        let letter = (if i % 52 < 26 { b'A' } else { b'a' } + (i % 26) as u8) as char;
        return (ALPHABETS[(i / 52) as usize], letter.to_string());
    }
    if (0x1D7CE..=0x1D7FF).contains(&code) {
        return (style, char::from(b'0' + ((code - 0x1D7CE) % 10) as u8).to_string());
    }
    let greek = match code {
        0x3B1..=0x3C9 => Some(GREEK[(code - 0x3B1) as usize].to_string()),
        // Uppercase Greek letters with a TeX command of their own.
        0x393 | 0x394 | 0x398 | 0x39B | 0x39E | 0x3A0 | 0x3A3 | 0x3A5 | 0x3A6 | 0x3A8 | 0x3A9 => {
            let name = GREEK[(code - 0x391) as usize];
            Some(name[..1].to_ascii_uppercase() + &name[1..])
        }
        0x3D5 => Some("phi".to_string()),
        0x3F5 => Some("epsilon".to_string()),
        _ => None,
    };
    if let Some(name) = greek {
        return (style, format!("\\{name}"));
    }
    let tex = SYMBOLS.iter().find(|(s, _)| *s == c).map_or_else(|| c.to_string(), |(_, t)| t.to_string());
    (style, tex)
}

impl Element {
    /// A token whose TeX needs no braces as a script's base (one letter, digit or symbol).
    fn holds_text_only_token(&self) -> bool {
        self.tag.holds_text_only()
            && matches!(self.children.first(), Some(Node::Text(t)) if t.trim().chars().count() == 1)
    }
}

/// A small helper for dom_query nodes.
trait NameStarts {
    fn name_starts(&self, prefix: &str) -> bool;
}

impl NameStarts for NodeRef<'_> {
    fn name_starts(&self, prefix: &str) -> bool {
        self.node_name().is_some_and(|n| n.starts_with(prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean_math(html: &str) -> crate::document::Document {
        let dom = dom_query::Document::from(html);
        normalise(&dom);
        crate::extract::dom::document_from(&dom.root(), None)
    }

    fn tex(html: &str) -> Vec<(String, bool)> {
        let doc = clean_math(html);
        let mut found = Vec::new();
        fn walk(nodes: &[Node], found: &mut Vec<(String, bool)>) {
            for n in nodes {
                if let Node::Element(e) = n {
                    match e.tex() {
                        Some((t, d)) => found.push((t.to_string(), d)),
                        None => walk(&e.children, found),
                    }
                }
            }
        }
        walk(&doc.nodes, &mut found);
        found
    }

    #[test]
    fn formula_services_give_their_tex() {
        let tex = |src: &str| service_tex(src);
        assert_eq!(tex("https://latex.codecogs.com/svg.image?a%5E2+b").as_deref(), Some("a^2+b"));
        assert_eq!(
            tex("//latex.codecogs.com/png.latex?\\dpi{300}&space;\\bg_white&space;\\inline&space;x_1").as_deref(),
            Some("x_1")
        );
        assert_eq!(tex("https://chart.googleapis.com/chart?chl=a+%2B+b&cht=tx").as_deref(), Some("a + b"));
        // Other paths and charts, bytes that are not text, a page's worth of text: no formula.
        assert_eq!(tex("https://chart.googleapis.com/chart?cht=p3&chl=a|b"), None);
        assert_eq!(tex("https://latex.codecogs.com/eqneditor/editor.php?x"), None);
        assert_eq!(tex("https://evil.example/latex.codecogs.com/svg.image?x"), None);
        assert_eq!(tex("https://latex.codecogs.com/svg.image?%FF%FE"), None);
        assert_eq!(tex("https://latex.codecogs.com/svg.image?x%00y"), None);
        assert_eq!(
            tex(&format!("https://latex.codecogs.com/svg.image?{}", "x".repeat(MAX_SERVICE_TEX_CHARS + 1))),
            None
        );
        // The page's own TeX alt text wins over the address.
        let html = r#"<p>See <img alt="y^2" src="https://latex.codecogs.com/svg.image?z"> and <img src="https://latex.codecogs.com/svg.image?z%5E3"> here.</p>"#;
        let dom = dom_query::Document::from(html);
        normalise(&dom);
        let alts: Vec<_> = dom.select("img.tex").iter().map(|i| i.attr("alt").unwrap().to_string()).collect();
        assert_eq!(alts, ["y^2", "z^3"]);
    }

    #[test]
    fn katex_keeps_its_mathml_and_tex() {
        let html = r#"<p>Inline <span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">x^2</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base">x2</span></span></span> here.</p>"#;
        assert_eq!(tex(html), [("x^2".to_string(), false)]);
    }

    #[test]
    fn mathml_without_tex_is_converted() {
        let html = "<p><math><mfrac><mi>a</mi><mrow><mi>b</mi><mo>+</mo><mn>1</mn></mrow></mfrac></math></p>";
        assert_eq!(tex(html), [("\\frac{a}{b+1}".to_string(), false)]);
        let html = "<p><math display=block><msubsup><mo>∑</mo><mi>i</mi><mi>n</mi></msubsup><msup><mi>α</mi><mn>2</mn></msup></math></p>";
        assert_eq!(tex(html), [("\\sum_{i}^{n}\\alpha^{2}".to_string(), true)]);
    }

    #[test]
    fn mathjax_2_script_alone_gives_tex() {
        let html = r#"<p>We have <span class="MathJax_Preview">x</span><script type="math/tex">E = mc^2</script> and</p><script type="math/tex; mode=display">\int_0^1 f</script>"#;
        assert_eq!(tex(html), [("E = mc^2".to_string(), false), ("\\int_0^1 f".to_string(), true)]);
    }
}
