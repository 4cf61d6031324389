//! The allow-list Pith's clean HTML must keep to, as the checkers outside the engine
//! see it (tests/hostile.rs and the fuzz target `clean`): written out here rather than
//! read from the engine, so that a mistake in `document::Tag`/`Attr` shows up as a failure.

/// Tags `render::html` may write (`document::Tag`).
pub const TAGS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "hr",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "mark",
    "small",
    "sub",
    "sup",
    "code",
    "kbd",
    "samp",
    "var",
    "q",
    "cite",
    "abbr",
    "time",
    "br",
    "img",
];

/// MathML elements it may write, inside `<math>` only (`document::MATHML`).
pub const MATHML_TAGS: &[&str] = &[
    "math",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "mrow",
    "mfrac",
    "msqrt",
    "mroot",
    "mstyle",
    "merror",
    "mpadded",
    "mphantom",
    "menclose",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "none",
    "mtable",
    "mtr",
    "mtd",
    "semantics",
    "annotation",
];

/// MathML layout attributes it may write on MathML elements (`document::MATH_ATTRS`).
pub const MATHML_ATTRS: &[&str] = &[
    "display",
    "mathvariant",
    "displaystyle",
    "scriptlevel",
    "form",
    "fence",
    "separator",
    "stretchy",
    "symmetric",
    "largeop",
    "movablelimits",
    "lspace",
    "rspace",
    "minsize",
    "maxsize",
    "accent",
    "accentunder",
    "linethickness",
    "depth",
    "voffset",
    "notation",
    "columnalign",
    "rowalign",
    "columnspacing",
    "rowspacing",
    "columnlines",
    "rowlines",
    "columnspan",
    "encoding",
];

/// Pith's own class names: a code language (`language-` and a name), footnotes, a photo
/// credit, a formula image.
pub fn is_pith_class(value: &str) -> bool {
    match value.strip_prefix("language-") {
        Some(name) => {
            !name.is_empty()
                && name.len() <= 32
                && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"+#._-".contains(&b))
        }
        None => matches!(value, "footnote-ref" | "footnotes" | "credit" | "tex" | "tex-display"),
    }
}

/// Whether a URL starts with one of `schemes` (lower-case, with their colon).
pub fn is_url_with_scheme(url: &str, schemes: &[&str]) -> bool {
    let lower = url.to_ascii_lowercase();
    schemes.iter().any(|s| lower.starts_with(s))
}

/// Whether the attribute `name="value"` may stand on an element: an allow-listed name
/// (MathML's own on MathML elements) with a value that can neither run nor navigate
/// anywhere but out of the page or to one of the article's own footnotes.
pub fn is_allowed_attribute(name: &str, value: &str, mathml: bool) -> bool {
    let known = if mathml {
        MATHML_ATTRS.contains(&name) || ["title", "lang", "dir", "width", "height", "rowspan"].contains(&name)
    } else {
        ATTRS.contains(&name)
    };
    let value_ok = match name {
        "href" => {
            is_url_with_scheme(value, &["http:", "https:", "mailto:"])
                || value.strip_prefix('#').is_some_and(is_note_id)
        }
        "src" => is_url_with_scheme(value, &["http:", "https:"]),
        "rel" => value == "noopener noreferrer",
        "target" => value == "_blank",
        "class" => is_pith_class(value),
        "id" => is_note_id(value),
        "encoding" => value == "application/x-tex",
        _ if mathml => value.bytes().all(|b| b.is_ascii_alphanumeric() || b" .%+-".contains(&b)),
        _ => true,
    };
    known && value_ok
}

/// A footnote's anchor: `pith-fn-` and a number.
pub fn is_note_id(value: &str) -> bool {
    value
        .strip_prefix("pith-fn-")
        .is_some_and(|n| !n.is_empty() && n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Attributes it may write (`document::Attr`, and `rel`/`target`, the renderer's own on links).
pub const ATTRS: &[&str] = &[
    "href", "src", "alt", "title", "lang", "dir", "datetime", "colspan", "rowspan", "start", "value", "width",
    "height", "class", "id", "rel", "target",
];
