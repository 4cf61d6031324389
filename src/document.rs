//! The clean article as a small tree of allow-listed elements.
//!
//! The extractor rebuilds the article into this model; nothing else reaches the
//! renderers. Safety is by construction: there is no variant for a script, a style,
//! an event handler or an iframe, and attribute values are checked as they are added
//! (see [`Element::set_attr`]), so no extractor bug can pass them through.
//!
//! The dedupe, statistics and summary steps see the article as a list of *paragraphs*:
//! the innermost text blocks (`p`, headings, list items, …) in document order.

/// The elements an article may keep. Anything else is unwrapped (children kept) or dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    // Text blocks.
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    P,
    Pre,
    Blockquote,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Figure,
    Figcaption,
    Table,
    Caption,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Th,
    Td,
    Hr,
    // Inline.
    A,
    Em,
    Strong,
    B,
    I,
    U,
    S,
    Del,
    Ins,
    Mark,
    Small,
    Sub,
    Sup,
    Code,
    Kbd,
    Samp,
    Var,
    Q,
    Cite,
    Abbr,
    Time,
    Br,
    Img,
    // MathML's presentation elements: kept inside `Math` only (see `extract::math`).
    Math,
    Mi,
    Mn,
    Mo,
    Ms,
    Mtext,
    Mspace,
    Mrow,
    Mfrac,
    Msqrt,
    Mroot,
    Mstyle,
    Merror,
    Mpadded,
    Mphantom,
    Menclose,
    Msub,
    Msup,
    Msubsup,
    Munder,
    Mover,
    Munderover,
    Mmultiscripts,
    Mprescripts,
    MNone,
    Mtable,
    Mtr,
    Mtd,
    Semantics,
    Annotation,
}

/// MathML's presentation elements by name. Left out on purpose: `maction` (its other
/// children are hidden states: the extractor keeps the first), `annotation-xml` (it may
/// hold HTML: the namespace confusion behind many sanitizer bypasses), `mglyph` (an
/// image by URL) and the deprecated `mfenced` (unwrapped).
const MATHML: [(&str, Tag); 30] = [
    ("math", Tag::Math),
    ("mi", Tag::Mi),
    ("mn", Tag::Mn),
    ("mo", Tag::Mo),
    ("ms", Tag::Ms),
    ("mtext", Tag::Mtext),
    ("mspace", Tag::Mspace),
    ("mrow", Tag::Mrow),
    ("mfrac", Tag::Mfrac),
    ("msqrt", Tag::Msqrt),
    ("mroot", Tag::Mroot),
    ("mstyle", Tag::Mstyle),
    ("merror", Tag::Merror),
    ("mpadded", Tag::Mpadded),
    ("mphantom", Tag::Mphantom),
    ("menclose", Tag::Menclose),
    ("msub", Tag::Msub),
    ("msup", Tag::Msup),
    ("msubsup", Tag::Msubsup),
    ("munder", Tag::Munder),
    ("mover", Tag::Mover),
    ("munderover", Tag::Munderover),
    ("mmultiscripts", Tag::Mmultiscripts),
    ("mprescripts", Tag::Mprescripts),
    ("none", Tag::MNone),
    ("mtable", Tag::Mtable),
    ("mtr", Tag::Mtr),
    ("mtd", Tag::Mtd),
    ("semantics", Tag::Semantics),
    ("annotation", Tag::Annotation),
];

impl Tag {
    /// The allow-list: the tag for an HTML element name (lower case), if Pith keeps it.
    pub fn from_name(name: &str) -> Option<Tag> {
        use Tag::*;
        Some(match name {
            "h1" => H1,
            "h2" => H2,
            "h3" => H3,
            "h4" => H4,
            "h5" => H5,
            "h6" => H6,
            "p" => P,
            "pre" => Pre,
            "blockquote" => Blockquote,
            "ul" => Ul,
            "ol" => Ol,
            "li" => Li,
            "dl" => Dl,
            "dt" => Dt,
            "dd" => Dd,
            "figure" => Figure,
            "figcaption" => Figcaption,
            "table" => Table,
            "caption" => Caption,
            "thead" => Thead,
            "tbody" => Tbody,
            "tfoot" => Tfoot,
            "tr" => Tr,
            "th" => Th,
            "td" => Td,
            "hr" => Hr,
            "a" => A,
            "em" => Em,
            "strong" => Strong,
            "b" => B,
            "i" => I,
            "u" => U,
            "s" | "strike" => S,
            "del" => Del,
            "ins" => Ins,
            "mark" => Mark,
            "small" => Small,
            "sub" => Sub,
            "sup" => Sup,
            "code" | "tt" => Code,
            "kbd" => Kbd,
            "samp" => Samp,
            "var" => Var,
            "q" => Q,
            "cite" => Cite,
            "abbr" => Abbr,
            "time" => Time,
            "br" => Br,
            "img" => Img,
            _ => return MATHML.iter().find(|(n, _)| *n == name).map(|(_, tag)| *tag),
        })
    }

    pub fn name(self) -> &'static str {
        use Tag::*;
        match self {
            H1 => "h1",
            H2 => "h2",
            H3 => "h3",
            H4 => "h4",
            H5 => "h5",
            H6 => "h6",
            P => "p",
            Pre => "pre",
            Blockquote => "blockquote",
            Ul => "ul",
            Ol => "ol",
            Li => "li",
            Dl => "dl",
            Dt => "dt",
            Dd => "dd",
            Figure => "figure",
            Figcaption => "figcaption",
            Table => "table",
            Caption => "caption",
            Thead => "thead",
            Tbody => "tbody",
            Tfoot => "tfoot",
            Tr => "tr",
            Th => "th",
            Td => "td",
            Hr => "hr",
            A => "a",
            Em => "em",
            Strong => "strong",
            B => "b",
            I => "i",
            U => "u",
            S => "s",
            Del => "del",
            Ins => "ins",
            Mark => "mark",
            Small => "small",
            Sub => "sub",
            Sup => "sup",
            Code => "code",
            Kbd => "kbd",
            Samp => "samp",
            Var => "var",
            Q => "q",
            Cite => "cite",
            Abbr => "abbr",
            Time => "time",
            Br => "br",
            Img => "img",
            math => MATHML.iter().find(|(_, tag)| *tag == math).map_or("math", |(n, _)| n),
        }
    }

    /// Block-level elements (everything from `H1` to `Hr`).
    pub fn is_block(self) -> bool {
        (self as u8) <= (Tag::Hr as u8)
    }

    /// Blocks that hold a paragraph's worth of text when they contain no other text block.
    pub fn is_text_block(self) -> bool {
        use Tag::*;
        matches!(
            self,
            H1 | H2 | H3 | H4 | H5 | H6 | P | Pre | Blockquote | Li | Dt | Dd | Figcaption | Caption | Th | Td
        )
    }

    pub fn is_heading(self) -> bool {
        use Tag::*;
        matches!(self, H1 | H2 | H3 | H4 | H5 | H6)
    }

    /// Elements with no content and no closing tag.
    pub fn is_void(self) -> bool {
        matches!(self, Tag::Br | Tag::Hr | Tag::Img)
    }

    /// MathML elements (everything from `Math` on), which may appear only inside `Math`.
    pub fn is_mathml(self) -> bool {
        (self as u8) >= (Tag::Math as u8)
    }

    /// MathML elements that hold text only: nothing else may be written inside them (an
    /// element there would be parsed as HTML again, out of MathML).
    pub fn holds_text_only(self) -> bool {
        use Tag::*;
        matches!(self, Mi | Mn | Mo | Ms | Mtext | Annotation)
    }
}

/// The attributes an article may keep, per the allow-list in [`Attr::from_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attr {
    Href,
    Src,
    Alt,
    Title,
    Lang,
    Dir,
    Datetime,
    Colspan,
    Rowspan,
    Start,
    /// A list item's number (a footnote keeps the number the page gave it).
    Value,
    Width,
    Height,
    /// Only Pith's own class names ([`is_known_class`]): a page's classes could dress the
    /// article as the panel's own controls.
    Class,
    /// Only a footnote's anchor ([`is_note_id`]).
    Id,
    /// A MathML layout attribute: an index into [`MATH_ATTRS`].
    Math(u8),
}

/// MathML's presentation attributes Pith keeps on MathML elements: layout only, never a
/// URL, a style or a handler (values are checked by [`is_math_value`]). `encoding` is
/// kept on `annotation` for TeX only.
const MATH_ATTRS: [&str; 29] = [
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

/// The TeX annotation's `encoding`, as MathJax, KaTeX and Wikipedia write it.
pub const TEX_ENCODING: &str = "application/x-tex";

/// The prefix of a footnote's id and of the links to it (`#pith-fn-3`): Pith's own, so
/// it cannot meet the panel's ids or a page's.
pub const NOTE_ID_PREFIX: &str = "pith-fn-";

impl Attr {
    /// MathML's `display` (`block` or `inline`), on `math`.
    pub const DISPLAY: Attr = Attr::Math(0);
    /// MathML's `mathvariant` (`bold`, `double-struck`…), on tokens.
    pub const MATHVARIANT: Attr = Attr::Math(1);
    /// `menclose`'s `notation` (`box`, `top`, `updiagonalstrike`…).
    pub const NOTATION: Attr = Attr::Math(20);
    /// An annotation's `encoding`.
    pub const ENCODING: Attr = Attr::Math(28);

    pub fn from_name(name: &str) -> Option<Attr> {
        use Attr::*;
        Some(match name {
            "href" => Href,
            "src" => Src,
            "alt" => Alt,
            "title" => Title,
            "lang" => Lang,
            "dir" => Dir,
            "datetime" => Datetime,
            "colspan" => Colspan,
            "rowspan" => Rowspan,
            "start" => Start,
            "value" => Value,
            "width" => Width,
            "height" => Height,
            "class" => Class,
            "id" => Id,
            _ => return MATH_ATTRS.iter().position(|n| *n == name).map(|i| Math(i as u8)),
        })
    }

    pub fn name(self) -> &'static str {
        use Attr::*;
        match self {
            Href => "href",
            Src => "src",
            Alt => "alt",
            Title => "title",
            Lang => "lang",
            Dir => "dir",
            Datetime => "datetime",
            Colspan => "colspan",
            Rowspan => "rowspan",
            Start => "start",
            Value => "value",
            Width => "width",
            Height => "height",
            Class => "class",
            Id => "id",
            Math(i) => MATH_ATTRS[usize::from(i)],
        }
    }

    /// Which attributes make sense on which tags; anything else is dropped.
    fn allowed_on(self, tag: Tag) -> bool {
        use Attr::*;
        match self {
            Href => tag == Tag::A,
            Src | Alt => tag == Tag::Img,
            Width | Height => matches!(tag, Tag::Img | Tag::Mspace | Tag::Mpadded),
            Title | Lang | Dir | Class => true,
            Datetime => matches!(tag, Tag::Time | Tag::Del | Tag::Ins),
            Colspan => matches!(tag, Tag::Td | Tag::Th),
            Rowspan => matches!(tag, Tag::Td | Tag::Th | Tag::Mtd),
            Start => tag == Tag::Ol,
            Id | Value => tag == Tag::Li,
            Math(_) => tag.is_mathml(),
        }
    }
}

/// Pith's class names: a code block's language (`language-rust`, as CommonMark renderers
/// write it), a footnote reference and the notes, a photo credit, a formula image, a block
/// of a collapsed box ([`COLLAPSED`]).
fn is_known_class(value: &str) -> bool {
    match value.strip_prefix("language-") {
        Some(language) => is_language(language),
        None => matches!(value, "footnote-ref" | "footnotes" | "credit" | "tex" | "tex-display" | COLLAPSED),
    }
}

/// The class of the blocks of a box the page shows collapsed (`<details>` without `open`):
/// a "Catch up" accordion that repeats a section further down is the copy, not the section.
pub const COLLAPSED: &str = "collapsed";

/// A code language as highlighters name it: `rust`, `c++`, `objective-c`, `f#`, `vb.net`.
pub fn is_language(name: &str) -> bool {
    (1..=32).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'+' | b'#' | b'.' | b'_' | b'-'))
}

/// A footnote's id: Pith's prefix and a number.
fn is_note_id(value: &str) -> bool {
    value
        .strip_prefix(NOTE_ID_PREFIX)
        .is_some_and(|n| (1..=4).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A MathML attribute value: keywords, numbers and lengths (`0.167em`, `-2px`, `50%`,
/// `left center`), nothing that could be a URL, a CSS function or markup.
fn is_math_value(value: &str) -> bool {
    value.len() <= 64
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'.' | b'%' | b'+' | b'-'))
}

/// A node of the clean tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// An allow-listed element. Build it with [`Element::new`] and [`Element::set_attr`].
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub tag: Tag,
    attrs: Vec<(Attr, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn new(tag: Tag) -> Element {
        Element { tag, attrs: Vec::new(), children: Vec::new() }
    }

    /// Sets an attribute if the allow-list permits it on this tag with this value;
    /// returns whether it was kept. URLs must already be absolute: only `http:`,
    /// `https:` and `mailto:` links and `http:`/`https:` images survive, so no
    /// `javascript:`, `data:` or `vbscript:` URL can, however it is spelled.
    pub fn set_attr(&mut self, attr: Attr, value: &str) -> bool {
        if !attr.allowed_on(self.tag) {
            return false;
        }
        let value = value.trim();
        let ok = match attr {
            // A link to one of the article's own footnotes, or out of the page.
            Attr::Href => {
                value.strip_prefix('#').is_some_and(is_note_id) || is_safe_url(value, &["http:", "https:", "mailto:"])
            }
            Attr::Src => is_safe_url(value, &["http:", "https:"]),
            Attr::Dir => matches!(value, "ltr" | "rtl" | "auto"),
            Attr::Class => is_known_class(value),
            Attr::Id => is_note_id(value),
            Attr::ENCODING => self.tag == Tag::Annotation && value == TEX_ENCODING,
            Attr::Math(_) => is_math_value(value),
            Attr::Width | Attr::Height if self.tag.is_mathml() => is_math_value(value),
            Attr::Colspan | Attr::Rowspan | Attr::Start | Attr::Value | Attr::Width | Attr::Height => {
                !value.is_empty() && value.len() <= 6 && value.bytes().all(|b| b.is_ascii_digit())
            }
            Attr::Lang => value.len() <= 35 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
            Attr::Alt | Attr::Title | Attr::Datetime => true,
        };
        if ok {
            self.attrs.retain(|(a, _)| *a != attr);
            self.attrs.push((attr, value.to_string()));
        }
        ok
    }

    pub fn attr(&self, attr: Attr) -> Option<&str> {
        self.attrs.iter().find(|(a, _)| *a == attr).map(|(_, v)| v.as_str())
    }

    pub fn attrs(&self) -> impl Iterator<Item = (Attr, &str)> {
        self.attrs.iter().map(|(a, v)| (*a, v.as_str()))
    }

    /// The first child element with this tag.
    pub fn child(&self, tag: Tag) -> Option<&Element> {
        self.children.iter().find_map(|c| match c {
            Node::Element(e) if e.tag == tag => Some(e),
            _ => None,
        })
    }

    /// A formula's TeX and whether it is displayed on a line of its own: a `math`
    /// element's TeX annotation (the extractor gives every formula one), or a formula
    /// image's alt text.
    pub fn tex(&self) -> Option<(&str, bool)> {
        if self.is_formula_image() {
            return Some((self.attr(Attr::Alt)?, self.attr(Attr::Class) == Some("tex-display")));
        }
        let annotation = self.child(Tag::Semantics)?.child(Tag::Annotation)?;
        let tex = match annotation.children.first() {
            Some(Node::Text(t)) => t.as_str(),
            _ => "",
        };
        Some((tex, self.attr(Attr::DISPLAY) == Some("block")))
    }

    /// An image of a formula whose alt text is its TeX (`extract::math`).
    pub fn is_formula_image(&self) -> bool {
        self.tag == Tag::Img && matches!(self.attr(Attr::Class), Some("tex" | "tex-display"))
    }

    /// A reference to a footnote: `<sup class="footnote-ref"><a href="#pith-fn-2">2</a></sup>`.
    pub fn is_footnote_ref(&self) -> bool {
        self.tag == Tag::Sup && self.attr(Attr::Class) == Some("footnote-ref")
    }

    /// A picture's credit, set apart in its caption: `<small class="credit">`.
    pub fn is_credit(&self) -> bool {
        self.tag == Tag::Small && self.attr(Attr::Class) == Some("credit")
    }

    /// Does this element contain another text block? If not, and it is a text block
    /// itself, it is a paragraph.
    fn contains_text_block(&self) -> bool {
        self.children.iter().any(|child| match child {
            Node::Element(e) => e.tag.is_text_block() || e.contains_text_block(),
            Node::Text(_) => false,
        })
    }

    pub fn is_paragraph(&self) -> bool {
        self.tag.is_text_block() && !self.contains_text_block()
    }

    /// The element's text as a reader sees it: whitespace collapsed, `<br>` as a space
    /// (or a newline inside `pre`), images contributing nothing.
    pub fn text(&self) -> String {
        let mut out = String::new();
        if self.tag == Tag::Pre {
            collect_raw_text(&self.children, &mut out);
            return out.trim_matches('\n').to_string();
        }
        collect_text(&self.children, &mut out);
        collapse_whitespace(&out)
    }
}

/// Only absolute URLs with one of the given schemes. Control characters and whitespace
/// inside the scheme (`java\tscript:`) do not hide anything here: the scheme must match
/// from the first byte, case-insensitively.
fn is_safe_url(url: &str, schemes: &[&str]) -> bool {
    !url.bytes().any(|b| b < 0x20 || b == 0x7f)
        // On bytes: a URL may have a multi-byte character where a scheme would end.
        && schemes.iter().any(|s| url.len() > s.len() && url.as_bytes()[..s.len()].eq_ignore_ascii_case(s.as_bytes()))
}

fn collect_text(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.tag == Tag::Br => out.push(' '),
            // A formula reads as its TeX, a footnote reference as "[2]", never glued to
            // the word before it.
            Node::Element(e) if e.tag == Tag::Math || e.is_formula_image() => {
                let (tex, display) = e.tex().unwrap_or_default();
                // A displayed formula stands apart from the words around it.
                let (fence, gap) = if display { ("$$", " ") } else { ("$", "") };
                out.extend([gap, fence, tex, fence, gap]);
            }
            Node::Element(e) if e.is_footnote_ref() => {
                out.push('[');
                collect_text(&e.children, out);
                out.push(']');
            }
            Node::Element(e) => {
                if e.tag.is_block() {
                    out.push(' ');
                }
                collect_text(&e.children, out);
                if e.tag.is_block() {
                    out.push(' ');
                }
            }
        }
    }
}

fn collect_raw_text(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.tag == Tag::Br => out.push('\n'),
            // A block inside preformatted text is on lines of its own, as a browser shows
            // it (Readability turns `<br><br>` in code into a `<p>`: its lines were joined).
            Node::Element(e) if e.tag.is_block() => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                collect_raw_text(&e.children, out);
                if !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            Node::Element(e) => collect_raw_text(&e.children, out),
        }
    }
}

/// The soft hyphen (U+00AD): a place a word may break at a line's end, invisible
/// otherwise. Pages hyphenate long words with it ("Wein\u{ad}kenner"); copied text,
/// search and word counts must see the word whole.
pub const SOFT_HYPHEN: char = '\u{ad}';

/// `text` without soft hyphens (borrowed when it has none, as nearly all text).
pub fn without_soft_hyphens(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(SOFT_HYPHEN) { text.replace(SOFT_HYPHEN, "").into() } else { text.into() }
}

/// Collapses runs of whitespace (Unicode's, so non-breaking spaces too) to one space and
/// trims. Every paragraph's text passes through here several times (in wasm this was the
/// engine's hottest function by its own time), so whitespace is found on the bytes, no
/// character decoded, and text is copied in runs that need no change (words with single
/// spaces between them), not word by word: text already collapsed is one copy.
pub fn collapse_whitespace(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    loop {
        while i < bytes.len() && whitespace_len(bytes, i) > 0 {
            i += whitespace_len(bytes, i);
        }
        if i == bytes.len() {
            return out;
        }
        // A run: words and the single spaces between them. Inside a word `i` steps over
        // every byte; continuation bytes (0x80-0xBF) never look like whitespace, and a
        // run ends only at whitespace, so it is cut on character boundaries.
        let start = i;
        loop {
            while i < bytes.len() && (!may_start_whitespace(bytes[i]) || whitespace_len(bytes, i) == 0) {
                i += 1;
            }
            let single_space = bytes.get(i) == Some(&b' ') && i + 1 < bytes.len() && whitespace_len(bytes, i + 1) == 0;
            if !single_space {
                break;
            }
            i += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[start..i]);
    }
}

/// How many characters of `s` are not whitespace: extraction weighs every candidate block
/// by it. Counted on the bytes, as [`collapse_whitespace`] reads them: a character starts
/// at every byte that is not a UTF-8 continuation byte (0x80-0xBF).
pub fn non_whitespace_chars(s: &str) -> usize {
    let bytes = s.as_bytes();
    let (mut count, mut i) = (0, 0);
    while i < bytes.len() {
        match whitespace_len(bytes, i) {
            0 => {
                count += usize::from(!(0x80..0xC0).contains(&bytes[i]));
                i += 1;
            }
            whitespace => i += whitespace,
        }
    }
    count
}

/// Whether a byte may start a whitespace character ([`whitespace_len`]): one comparison
/// that passes over letters, digits and punctuation, and the bytes inside a character (the
/// whitespace characters beyond ASCII start with 0xC2, 0xE1, 0xE2 or 0xE3).
#[inline(always)]
fn may_start_whitespace(b: u8) -> bool {
    !(0x21..0xC2).contains(&b)
}

/// Whether an ASCII byte is Unicode White_Space: 0x09-0x0D and the space (`u8::is_ascii_whitespace`
/// leaves out 0x0B, which `char::is_whitespace` and `str::split_whitespace` count).
#[inline]
pub fn is_ascii_white_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The length in bytes of the Unicode White_Space character at `bytes[i]`, 0 if there is
/// none. Beyond ASCII's 0x09-0x0D and space these are U+0085 and U+00A0 (UTF-8 lead byte
/// 0xC2), U+1680 (0xE1), U+2000-U+200A, U+2028, U+2029, U+202F, U+205F (0xE2) and U+3000
/// (0xE3); the test below checks this against `char::is_whitespace` for every character.
/// Always inlined: it is called for every byte of every paragraph, mostly for ASCII.
#[inline(always)]
fn whitespace_len(bytes: &[u8], i: usize) -> usize {
    let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match bytes[i] {
        b if is_ascii_white_space(b) => 1,
        0..0x80 => 0,
        0xC2 if matches!(next(1), 0x85 | 0xA0) => 2,
        0xE1 if (next(1), next(2)) == (0x9A, 0x80) => 3,
        0xE2 if matches!((next(1), next(2)), (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)) => 3,
        0xE3 if (next(1), next(2)) == (0x80, 0x80) => 3,
        _ => 0,
    }
}

/// The clean article body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub nodes: Vec<Node>,
}

impl Document {
    /// Plain text in, one `<p>` per paragraph out. Paragraphs are separated by blank lines
    /// (lines of whitespace count), and lines within one are wrapped text; a text with no
    /// blank line between its lines writes one paragraph per line (the seed document, many
    /// exports and feeds), where reading it as one paragraph hid every repeat in it.
    pub fn from_plain_text(text: &str) -> Document {
        let text = without_soft_hyphens(text);
        let blank_line = |line: &&str| line.trim().is_empty();
        let lines: Vec<&str> = text.trim().lines().collect();
        let paragraphs: Vec<String> = if lines.iter().any(blank_line) {
            lines.split(blank_line).map(|wrapped| collapse_whitespace(&wrapped.join("\n"))).collect()
        } else {
            lines.iter().map(|line| collapse_whitespace(line)).collect()
        };
        let nodes = paragraphs
            .into_iter()
            .filter(|p| !p.is_empty())
            .map(|p| {
                let mut e = Element::new(Tag::P);
                e.children.push(Node::Text(p));
                Node::Element(e)
            })
            .collect();
        Document { nodes }
    }

    /// The paragraphs' texts, in document order: what dedupe, statistics and the
    /// summary work on. Index `i` here is paragraph `i` everywhere in the engine.
    pub fn paragraph_texts(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.for_each_paragraph(|e| out.push(e.text()));
        out
    }

    /// Calls `f` on each paragraph element in document order.
    pub fn for_each_paragraph<'a>(&'a self, mut f: impl FnMut(&'a Element)) {
        fn walk<'a>(nodes: &'a [Node], f: &mut dyn FnMut(&'a Element)) {
            for node in nodes {
                if let Node::Element(e) = node {
                    if e.is_paragraph() {
                        f(e);
                    } else {
                        walk(&e.children, f);
                    }
                }
            }
        }
        walk(&self.nodes, &mut f);
    }

    /// The text of the first `<p>` of at least `min_chars` characters: the article's
    /// opening, as an excerpt.
    pub fn first_paragraph_text(&self, min_chars: usize) -> Option<String> {
        self.paragraphs()
            .into_iter()
            .filter(|e| e.tag == Tag::P)
            .map(Element::text)
            .find(|t| t.chars().count() >= min_chars)
    }

    /// The paragraph elements in document order (indices as in [`Document::paragraph_texts`]).
    pub fn paragraphs(&self) -> Vec<&Element> {
        let mut out = Vec::new();
        self.for_each_paragraph(|e| out.push(e));
        out
    }

    /// The paragraph elements, mutable, in document order (indices as in
    /// [`Document::paragraph_texts`]): dedupe moves a more complete copy's content up.
    pub fn paragraphs_mut(&mut self) -> Vec<&mut Element> {
        fn walk<'a>(nodes: &'a mut [Node], out: &mut Vec<&'a mut Element>) {
            for node in nodes {
                if let Node::Element(e) = node {
                    if e.is_paragraph() {
                        out.push(e);
                    } else {
                        walk(&mut e.children, out);
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(&mut self.nodes, &mut out);
        out
    }

    /// Removes the paragraphs whose index `keep` rejects, then any container left empty
    /// (a list with no items, a quote with no text).
    pub fn retain_paragraphs(&mut self, mut keep: impl FnMut(usize) -> bool) {
        fn walk(nodes: &mut Vec<Node>, next: &mut usize, keep: &mut dyn FnMut(usize) -> bool) {
            nodes.retain_mut(|node| match node {
                Node::Text(_) => true,
                Node::Element(e) if e.is_paragraph() => {
                    let index = *next;
                    *next += 1;
                    keep(index)
                }
                Node::Element(e) => {
                    let had_children = !e.children.is_empty();
                    walk(&mut e.children, next, keep);
                    // A container emptied by removal goes too; one that was empty stays.
                    !(had_children && e.children.iter().all(is_blank))
                }
            });
        }
        let mut next = 0;
        walk(&mut self.nodes, &mut next, &mut keep);
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.iter().all(is_blank)
    }
}

/// Does `node` show nothing: only white space or characters that take no room (a
/// paragraph of zero-width spaces between pictures is an empty line to the eye), and no
/// void element such as a picture?
pub(crate) fn is_blank(node: &Node) -> bool {
    match node {
        Node::Text(t) => t.chars().all(|c| c.is_whitespace() || crate::text::is_invisible(c)),
        Node::Element(e) => !e.tag.is_void() && e.children.iter().all(is_blank),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by `make fuzz`: a multi-byte character where the scheme would end.
    #[test]
    fn a_url_with_a_character_across_the_scheme_length_is_refused_not_fatal() {
        assert!(!is_safe_url("tts:hÿ//ok.example/", &["https:"]));
        assert!(is_safe_url("HTTPS://ok.example/ÿ", &["https:"]));
    }

    #[test]
    fn non_whitespace_chars_agrees_with_unicode() {
        for s in ["", " ", "a b", " été\u{a0}là\u{3000}東京 ", "\u{2028}x\u{85}\u{1680}🙂\t", "\u{feff}\u{200b}"]
        {
            assert_eq!(non_whitespace_chars(s), s.chars().filter(|c| !c.is_whitespace()).count(), "{s:?}");
        }
    }

    #[test]
    fn a_block_inside_preformatted_text_starts_a_line() {
        // What Readability makes of `#include <x.h><br><br>int main()` in a code listing.
        let mut p = Element::new(Tag::P);
        p.children.push(Node::Text("int main() {".into()));
        let mut pre = Element::new(Tag::Pre);
        pre.children.extend([Node::Text("#include <x.h>".into()), Node::Element(p), Node::Text("}".into())]);
        assert_eq!(pre.text(), "#include <x.h>\nint main() {\n}");
    }

    #[test]
    fn collapse_whitespace_agrees_with_unicode_whitespace() {
        let simple = |s: &str| s.split(char::is_whitespace).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        for s in [
            "",
            " ",
            "a",
            "a b",
            "already collapsed, as most text is",
            " a",
            "a ",
            "a  b",
            "a b ",
            " a b",
            "one two  three four\tfive six",
            "a \u{a0}b c\u{a0} d",
            " a  b\t\nc ",
            "\u{a0}x\u{a0}\u{a0}y\u{3000}",
            "é\u{2009}ü\u{202f}中文 ",
            "\u{85}a\u{2028}",
            "curly ‘quotes’ — “dashes” … and « guillemets » £5",
        ] {
            assert_eq!(collapse_whitespace(s), simple(s), "{s:?}");
        }
        // Characters alone and between words, next to spaces and at the ends: the byte-level
        // whitespace test must agree with Unicode's on each. All of U+0000-U+3FFF (every
        // whitespace character and every character sharing their lead bytes), a sample above.
        let chars = (0..0x4000).chain((0x4000..=0x10FFFF).step_by(61)).filter_map(char::from_u32);
        for c in chars {
            for s in [format!("{c}"), format!("a{c}b"), format!("a {c} b"), format!("{c}{c}x{c}")] {
                assert_eq!(collapse_whitespace(&s), simple(&s), "{:?}", c as u32);
            }
        }
    }

    fn para(text: &str) -> Node {
        let mut e = Element::new(Tag::P);
        e.children.push(Node::Text(text.into()));
        Node::Element(e)
    }

    #[test]
    fn unsafe_urls_are_refused_however_spelled() {
        let mut a = Element::new(Tag::A);
        for bad in
            ["javascript:alert(1)", "JaVaScRiPt:x", "java\tscript:x", " data:text/html,x", "vbscript:x", "//evil"]
        {
            assert!(!a.set_attr(Attr::Href, bad), "{bad}");
        }
        assert!(a.set_attr(Attr::Href, "https://example.com/a"));
        let mut img = Element::new(Tag::Img);
        assert!(!img.set_attr(Attr::Src, "data:image/png;base64,AAAA"));
        assert!(!img.set_attr(Attr::Href, "https://example.com/"), "href is not allowed on img");
    }

    #[test]
    fn paragraphs_are_innermost_text_blocks() {
        let mut li = Element::new(Tag::Li);
        li.children.push(para("inside a list item"));
        let mut ul = Element::new(Tag::Ul);
        ul.children.push(Node::Element(li));
        let doc = Document { nodes: vec![para("one"), Node::Element(ul), para("two")] };
        assert_eq!(doc.paragraph_texts(), ["one", "inside a list item", "two"]);
    }

    #[test]
    fn removing_paragraphs_prunes_emptied_containers() {
        let mut li = Element::new(Tag::Li);
        li.children.push(Node::Text("item".into()));
        let mut ul = Element::new(Tag::Ul);
        ul.children.push(Node::Element(li));
        let mut doc = Document { nodes: vec![para("one"), Node::Element(ul), para("two")] };
        doc.retain_paragraphs(|i| i != 1);
        assert_eq!(doc.nodes.len(), 2);
        assert_eq!(doc.paragraph_texts(), ["one", "two"]);
    }

    #[test]
    fn named_math_attributes_are_theirs() {
        assert_eq!(
            (Attr::DISPLAY.name(), Attr::MATHVARIANT.name(), Attr::ENCODING.name()),
            ("display", "mathvariant", "encoding")
        );
        for (name, tag) in MATHML {
            assert_eq!((Tag::from_name(name), tag.name()), (Some(tag), name));
        }
    }

    #[test]
    fn only_pith_classes_ids_and_note_links() {
        let mut code = Element::new(Tag::Code);
        assert!(code.set_attr(Attr::Class, "language-rust") && code.set_attr(Attr::Class, "language-c++"));
        for bad in ["toolbar", "language-", "language-x y", "language-<x>", "footnotes backdrop"] {
            assert!(!code.set_attr(Attr::Class, bad), "{bad}");
        }
        let mut li = Element::new(Tag::Li);
        assert!(li.set_attr(Attr::Id, "pith-fn-12") && !li.set_attr(Attr::Id, "pith-title"));
        let mut a = Element::new(Tag::A);
        assert!(a.set_attr(Attr::Href, "#pith-fn-3"));
        assert!(!a.set_attr(Attr::Href, "#top") && !a.set_attr(Attr::Href, "#pith-fn-3x"));
        let mut mi = Element::new(Tag::Mi);
        assert!(mi.set_attr(Attr::MATHVARIANT, "bold") && !mi.set_attr(Attr::MATHVARIANT, "url(x)"));
        assert!(!mi.set_attr(Attr::ENCODING, TEX_ENCODING), "encoding on annotations only");
        let mut p = Element::new(Tag::P);
        assert!(!p.set_attr(Attr::DISPLAY, "block"), "MathML attributes on MathML only");
    }

    #[test]
    fn plain_text_paragraphs() {
        let doc = Document::from_plain_text("First  line\nwraps.\r\n\r\n\n \nSecond.");
        assert_eq!(doc.paragraph_texts(), ["First line wraps.", "Second."]);
        // No blank line anywhere: a paragraph per line.
        let doc = Document::from_plain_text("\nOne.\r\nTwo.\nThree.\n");
        assert_eq!(doc.paragraph_texts(), ["One.", "Two.", "Three."]);
    }
}
