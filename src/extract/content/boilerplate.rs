//! Removes the boilerplate Readability leaves inside an article, judged by its words on
//! the clean [`Document`]: short paragraphs that say what they are (in the languages of
//! our corpora: share, related, newsletter, credits, legal lines…), related sections
//! under their heading, lists and trailing lines made only of links, the repeated
//! headline, and the byline/date lines above the text. (Elements *named* as boilerplate
//! by class or id went earlier, while the article was rebuilt: `dom::boilerplate`.)
//! Each rule was kept only if it raised the scores of `make bench-quality`.

use crate::document::{Attr, Document, Element, Node, Tag, collapse_whitespace, is_blank};

/// Paragraphs that begin with these words (lower case) are boilerplate.
const PREFIXES: &[&str] = &[
    // Related content and "read more".
    "read more",
    "read also",
    "related:",
    "related stories",
    "related coverage",
    "related articles",
    "related content",
    "see also:",
    "more from",
    "don't miss",
    "don’t miss",
    "also on ",
    "recommended:",
    "mehr zum thema",
    "mehr zu ",
    "auch interessant",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "das thema könnte dich auch interessieren",
    "lesen sie auch",
    "lesen sie hier",
    "lies auch",
    "leggi anche",
    "seguir leyendo",
    "sigue leyendo",
    "en vidéo",
    "click here to",
    "promoted by",
    "auch lesen",
    "weitere artikel",
    "weiterlesen",
    "zum weiterlesen",
    "ähnliche beiträge",
    "verwandte artikel",
    "empfohlene beiträge",
    "meistgelesen",
    "meistdiskutiert",
    "beiträge zum thema",
    "schon gelesen",
    "à lire aussi",
    "lire aussi",
    "pour lire la suite",
    "czytaj też",
    "czytaj także",
    "dowiedz się więcej",
    "leer más",
    "lea también",
    "puedes ver",
    "mire:",
    // Newsletters, subscriptions, sharing.
    "sign up",
    "subscribe",
    "newsletter",
    "follow us",
    "share this",
    "share on",
    "breaking news emails",
    "get breaking news",
    "to view the full story",
    "abonniere",
    "jetzt anmelden",
    "verpasse keine",
    "artikel gefallen",
    "teilen:",
    "jetzt teilen",
    "zapraszamy też do subskrypcji",
    // Credits, advertising, legal lines.
    "©",
    "(c) ",
    "copyright",
    "foto:",
    "fotos:",
    "bild:",
    "photo:",
    "photos:",
    "image:",
    "credit:",
    "quelle:",
    "źródło:",
    "titelbild:",
    "beitragsbild",
    "bild anzeigen",
    "advertisement",
    "anzeige",
    "- anzeige",
    "reklama",
    "werbung",
    "media playback is unsupported",
    "this article is the copyrighted property",
    // Blog and CMS furniture: comment forms, filing lines, reading times, ratings.
    "kommentar verfassen",
    "kommentare geschlossen",
    "this entry was posted",
    "filed under",
    "diese website verwendet akismet",
    "this site uses akismet",
    "rezept drucken",
    "(noch keine bewertungen)",
    "if you enjoyed reading this",
    "never miss the latest news",
    "we want to hear what you think",
    "ten tekst przeczytasz",
    "publikacja:",
    "publiziert:",
];

/// Whole lines (lower case, without a final colon) that are a page's furniture: labels
/// of sections that are not the article's.
const LABELS: &[&str] = &[
    "kategorien",
    "categories",
    "inhaltsverzeichnis",
    "table of contents",
    "siehe auch",
    "externer inhalt",
    "weitere informationen",
    "kontakt",
    "news",
    "tags",
    "schlagwörter",
    "advert",
    "redaktionstipp",
    // A comment widget's heading and its count's label, the count filled in by script.
    "comments",
    // A placeholder for what a script loads.
    "loading...",
];

/// Lines that give the article's reading time ("Lesezeit: 3 Minuten") begin with these
/// (lower case) and hold a number.
const READING_TIME: &[&str] = &[
    "reading time",
    "read time",
    "lesezeit",
    "lesedauer",
    "tempo de leitura",
    "tempo di lettura",
    "tiempo de lectura",
    "temps de lecture",
    "czas czytania",
    "leestijd",
];

/// Marks between the parts of a breadcrumb trail ("Home › News › Transport").
const BREADCRUMB_MARKS: &[char] = &['>', '›', '»', '＞'];

/// A line at the head is a breadcrumb trail when it has at least this many parts, none longer
/// than [`MAX_BREADCRUMB_PART_CHARS`].
const MIN_BREADCRUMB_PARTS: usize = 3;
const MAX_BREADCRUMB_PART_CHARS: usize = 40;

/// Paragraphs containing these (lower case) are boilerplate when short.
const CONTAINS: &[&str] = &[
    "all rights reserved",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    // Korean, Japanese and Chinese papers' closing lines: "no reproduction or
    // redistribution without permission", "all rights reserved".
    "무단전재",
    "무단 전재",
    "재배포 금지",
    "재배포금지",
    "無断転載",
    "版权所有",
    "版權所有",
];

/// Paragraphs longer than this (in characters) are never judged by their words: a
/// real paragraph may begin "Read more about…".
const MAX_BOILERPLATE_CHARS: usize = 120;

/// Headings that introduce a related-links section; the section goes with them.
const SECTION_HEADINGS: &[&str] = &[
    "related",
    "read more",
    "more from",
    "see also",
    "mehr zum thema",
    "auch interessant",
    "weitere artikel",
    "ähnliche beiträge",
    "verwandte artikel",
    "empfohlene beiträge",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "à lire aussi",
    "lire aussi",
    "czytaj też",
];

/// A heading longer than this is a headline, not a section label like "Related".
const MAX_SECTION_HEADING_CHARS: usize = 40;

/// Shorter headings than this are not matched as a prefix of the title.
const MIN_HEADLINE_CHARS: usize = 15;

/// How far into the article (in paragraphs) byline and date lines are looked for.
const HEAD_PARAGRAPHS: usize = 4;

/// Words in a short line at the article's head that mark it as a byline or a date.
const HEAD_MARKERS: &[&str] =
    &["by ", "published", "updated", "posted", "veröffentlicht", "aktualisiert", "publicado", "publié", "opublikowano"];

/// Words a byline line may add to the byline itself ("By", "بقلم", "Text von") and still
/// repeat it.
const MAX_BYLINE_INTRODUCER_WORDS: usize = 2;

/// A short head line with a marker is a byline/date line only below this length.
const MAX_HEAD_LINE_CHARS: usize = 160;

/// A date line is at most this long ("segunda-feira, 22 de janeiro de 2018 às 0:13").
const MAX_DATE_LINE_CHARS: usize = 60;

/// A list whose items are all links is a related-articles list or a menu, not prose.
const MIN_LINK_LIST_ITEMS: usize = 2;

/// An ordered list's items lose the numbers they write out only when there are at least
/// this many (one item starting "1." may be a sentence about a first thing).
const MIN_NUMBERED_ITEMS: usize = 2;

/// Share of a list item's text inside links for it to count as a link.
const LINK_ITEM_SHARE: f64 = 0.9;

/// A run of fewer trailing link lines than this is left alone: one final link is often
/// the article's source (measured: dropping single ones cost the Readability corpus).
const MIN_TRAILING_LINKS: usize = 2;

/// Text that marks a caption as a photo credit (or ending in one).
const CREDIT_MARKERS: &[&str] =
    &["©", "foto:", "fotos:", "photo:", "bild:", "imagen:", "image:", "crédito", "źródło", "picture alliance"];

/// Whole words that mark a caption as a photo credit (agencies, stock libraries).
const CREDIT_WORDS: &[&str] =
    &["credit", "getty", "shutterstock", "afp", "reuters", "dpa", "imago", "istock", "epa", "ap", "keystone"];

/// Words that start a credit inside a line ("… the plague. Foto: dpa").
const CREDIT_INTROS: &[&str] = &["foto:", "fotos:", "photo:", "photograph:", "bild:", "image:", "credit:", "©"];

/// A caption this short that names a credit without an intro ("Getty Images") is one.
const MAX_BARE_CREDIT_CHARS: usize = 60;

/// Captions longer than this are prose about the picture, kept even with a credit.
const MAX_CREDIT_CAPTION_CHARS: usize = 240;

/// Longer paragraphs (in chars) are none of a head line, boilerplate or a credit: the
/// greatest of [`MAX_HEAD_LINE_CHARS`], [`MAX_BOILERPLATE_CHARS`] and
/// [`MAX_CREDIT_CAPTION_CHARS`] (a test checks it).
const MAX_JUDGED_CHARS: usize = 240;

/// Structural depth past which lists are left alone (the builder caps depth anyway).
const MAX_WALK_DEPTH: usize = 256;

/// Removes boilerplate paragraphs, related sections, the repeated headline and the
/// byline/date lines from the clean article. Returns the date the first removed head line
/// that reads as one gives ("Published 3 May 2021, 09:30"): a page may write its date only
/// there, and the line leaves the text because the panel shows the date itself.
pub fn prune(doc: &mut Document, title: Option<&str>, byline: Option<&str>) -> Option<String> {
    drop_link_lists(&mut doc.nodes, 0);
    let title = title.map(normalise);
    let byline = byline.map(normalise);
    let mut date = None;
    let mut index = 0;
    let mut skip_section = false;
    prune_nodes(&mut doc.nodes, &mut |e: &Element| {
        let raw = e.text();
        // Most text is in long paragraphs, which no test below can match: judged by
        // their length without normalising them. Text outside `pre` is collapsed already
        // and lower-casing never shortens it, so this length is a lower bound.
        if e.tag != Tag::Pre && !e.tag.is_heading() && raw.chars().count() > MAX_JUDGED_CHARS {
            index += 1;
            // As below: a related section's items go, and anything else ends the section.
            let in_section = skip_section && e.tag == Tag::Li;
            skip_section = in_section;
            return !in_section;
        }
        // An empty line a page's editor left between pictures ("&#8203;"): a gap, no text.
        if e.tag == Tag::P && e.children.iter().all(is_blank) {
            return false;
        }
        let text = normalise(&raw);
        let i = index;
        // Blocks without text (an image's paragraph) do not push the head further down.
        if !text.is_empty() {
            index += 1;
        }
        if e.tag.is_heading() {
            skip_section = text.chars().count() <= MAX_SECTION_HEADING_CHARS
                && SECTION_HEADINGS.iter().any(|h| text.starts_with(h));
            let is_title = i < HEAD_PARAGRAPHS && title.as_deref().is_some_and(|t| same_headline(t, &text));
            // A breadcrumb trail set as a heading ("<h5>Home » Park » News</h5>").
            let is_trail = i < HEAD_PARAGRAPHS && is_breadcrumb(&text);
            return !(skip_section || is_title || is_trail || is_boilerplate_text(&text));
        }
        // A related section is a run of link lines under its heading.
        if skip_section && e.tag == Tag::Li {
            return false;
        }
        skip_section = false;
        // A figure's caption stays with its credit marked (an advert's label goes).
        if e.tag == Tag::Figcaption {
            return has_credit(e) || !is_boilerplate_text(&text);
        }
        // A caption near the top ("Figure 1: … stored by that hash") is not a byline or date
        // line, nor is a code block whose numbers read as a date ("ls notes/2024-03-*.txt").
        let caption_or_code = matches!(e.tag, Tag::Caption | Tag::Pre);
        if i < HEAD_PARAGRAPHS && !caption_or_code && is_head_line(&text, byline.as_deref()) {
            if date.is_none() {
                date = super::metadata::iso_datetime(&text);
            }
            return false;
        }
        // The headline again as the first paragraph (a table's cell may name the subject).
        if i < HEAD_PARAGRAPHS
            && e.tag == Tag::P
            && text.chars().count() >= MIN_HEADLINE_CHARS
            && title.as_deref() == Some(text.as_str())
        {
            return false;
        }
        !is_boilerplate_text(&text) && !ends_with_credit(&text)
    });
    drop_trailing_links(doc);
    date
}

/// Is this heading the article's title again (the title may carry a site suffix the
/// heading lacks, or the heading a kicker the title lacks)?
fn same_headline(title: &str, heading: &str) -> bool {
    heading == title
        || (heading.chars().count() >= MIN_HEADLINE_CHARS && (title.starts_with(heading) || heading.ends_with(title)))
}

/// Removes the run of paragraphs made only of links that ends the article: the
/// headlines of related stories, "more on this topic", category links.
fn drop_trailing_links(doc: &mut Document) {
    let is_link_line = |p: &Element| {
        let total = p.text().chars().count();
        total > 0 && link_chars(&p.children) as f64 >= LINK_ITEM_SHARE * total as f64
    };
    // Read from the end: only the trailing run's texts are needed.
    let paragraphs = doc.paragraphs();
    let (count, trailing) = (paragraphs.len(), paragraphs.iter().rev().take_while(|p| is_link_line(p)).count());
    if trailing >= MIN_TRAILING_LINKS && trailing < count {
        doc.retain_paragraphs(|i| i < count - trailing);
    }
}

/// Removes lists made only of links, and figure captions that are only a credit line;
/// drops the numbers an ordered list's items write out themselves.
fn drop_link_lists(nodes: &mut Vec<Node>, depth: usize) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    nodes.retain_mut(|node| match node {
        Node::Text(_) => true,
        Node::Element(e) if matches!(e.tag, Tag::Ul | Tag::Ol) && is_link_list(e) => false,
        Node::Element(e) if e.tag == Tag::Ol => {
            drop_own_numbers(e);
            drop_link_lists(&mut e.children, depth + 1);
            true
        }
        // A picture's caption stays, its credit marked as one (`figures::mark_credit`).
        Node::Element(e) if e.tag == Tag::Figcaption => {
            mark_caption_credit(e);
            true
        }
        Node::Element(e) if e.tag == Tag::Caption && is_credit(&normalise(&e.text())) => false,
        Node::Element(e) => {
            drop_link_lists(&mut e.children, depth + 1);
            true
        }
    });
}

fn is_link_list(list: &Element) -> bool {
    let items: Vec<&Element> =
        list.children.iter().filter_map(|c| if let Node::Element(e) = c { Some(e) } else { None }).collect();
    items.len() >= MIN_LINK_LIST_ITEMS
        && items.iter().all(|li| {
            let total = li.text().chars().count();
            total > 0 && link_chars(&li.children) as f64 >= LINK_ITEM_SHARE * total as f64
        })
}

/// Removes the number each item of an ordered list writes before its text ("1." above a
/// recipe's first step), which the list's own numbering shows already: the reader saw
/// "1. 1.". Only when every item starts with its own number (a list numbered from 1).
fn drop_own_numbers(list: &mut Element) {
    if list.attr(Attr::Start).is_none() && list.children.len() >= MIN_NUMBERED_ITEMS && own_numbers(list, false) {
        own_numbers(list, true);
    }
}

/// Does every item of `list` start with its number, removed when `strip`?
fn own_numbers(list: &mut Element, strip: bool) -> bool {
    let mut number = 0;
    list.children.iter_mut().all(|item| {
        // (Blank text between the items is no item.)
        let Node::Element(li) = item else { return true };
        number += 1;
        let Some(text) = first_text(&mut li.children) else { return false };
        let Some(len) = number_len(text, number) else { return false };
        if strip {
            *text = text.split_off(len);
        }
        true
    })
}

/// The first text in `nodes` that is not blank.
fn first_text(nodes: &mut [Node]) -> Option<&mut String> {
    nodes.iter_mut().find_map(|node| match node {
        Node::Text(t) if !t.trim().is_empty() => Some(t),
        Node::Element(e) => first_text(&mut e.children),
        Node::Text(_) => None,
    })
}

/// The length of `number` at the start of `text` with its mark ("12." or "12)"), when it
/// stands alone or a mark and a space part it from the text; `None` otherwise ("12 eggs").
fn number_len(text: &str, number: usize) -> Option<usize> {
    let trimmed = text.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    // (At most three digits: no list has a thousand steps, and no sum overflows.)
    let value = trimmed.bytes().take(digits.min(3)).fold(0, |v, b| v * 10 + usize::from(b - b'0'));
    if digits == 0 || digits > 3 || value != number {
        return None;
    }
    let rest = &trimmed[digits..];
    let after = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')')).unwrap_or(rest);
    let alone = after.trim().is_empty() || (after.len() < rest.len() && after.starts_with(char::is_whitespace));
    alone.then(|| text.len() - after.len())
}

fn link_chars(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| match n {
            Node::Element(e) if e.tag == Tag::A => e.text().chars().count(),
            Node::Element(e) => link_chars(&e.children),
            Node::Text(_) => 0,
        })
        .sum()
}

/// Sets apart the credit a figure's caption carries or is: from its marker ("Photo:",
/// "©", a final "(Getty)") in the caption's last text to the end.
fn mark_caption_credit(caption: &mut Element) {
    let text = normalise(&caption.text());
    if has_credit(caption) || !(is_credit(&text) || ends_with_credit(&text)) {
        return;
    }
    let Some(Node::Text(last)) = caption.children.last() else { return };
    let lower = last.to_ascii_lowercase();
    let start = if lower.trim_end().ends_with(')') {
        lower.rfind('(').filter(|i| is_credit(&lower[*i..]))
    } else {
        CREDIT_INTROS.iter().filter_map(|m| intro_at(&lower, m)).max()
    };
    let start = match start {
        Some(start) => start,
        // No credit at the end: the caption is all credit when it is a bare one (an
        // agency's name, a gallery counter), not a sentence naming one ("Cover image: …").
        None if caption.children.len() == 1
            && (is_gallery_counter(&text) || text.chars().count() <= MAX_BARE_CREDIT_CHARS) =>
        {
            0
        }
        None => return,
    };
    super::super::dom::mark_credit(caption, start);
}

/// Where the last credit intro `intro` ("photo:") starts a credit in `lower`: at its
/// start or after a mark ("… at dawn. Photo: …", "… | Foto: …"), not inside a phrase
/// ("Cover image: …").
fn intro_at(lower: &str, intro: &str) -> Option<usize> {
    lower
        .rmatch_indices(intro)
        .map(|(i, _)| i)
        .find(|i| lower[..*i].trim_end().chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
}

/// Does this caption hold a credit marked as one?
fn has_credit(caption: &Element) -> bool {
    caption.children.iter().any(|c| matches!(c, Node::Element(e) if e.is_credit()))
}

/// Is this (normalised) caption a credit line, or a short caption carrying one?
fn is_credit(text: &str) -> bool {
    text.chars().count() <= MAX_CREDIT_CAPTION_CHARS
        && (CREDIT_MARKERS.iter().any(|m| text.contains(m))
            || text.split(|c: char| !c.is_alphanumeric()).any(|w| CREDIT_WORDS.contains(&w)))
}

/// Does this short (normalised) line end with a credit: a caption left as a paragraph
/// ("The plague wiped out half of Europe (Image: GETTY)", "(© FEI/Jane Doe)")? Only its
/// tail is judged: prose names agencies too ("Reuters reported…").
fn ends_with_credit(text: &str) -> bool {
    if text.chars().count() > MAX_CREDIT_CAPTION_CHARS {
        return false;
    }
    let tail = if text.ends_with(')') {
        text.rfind('(').map(|i| &text[i..])
    } else {
        CREDIT_INTROS.iter().filter_map(|m| text.rfind(m)).max().map(|i| &text[i..])
    };
    tail.is_some_and(is_credit) || is_gallery_counter(text)
}

/// "Image 1 of 5", "Bild 2 von 7": a slideshow's counter.
fn is_gallery_counter(text: &str) -> bool {
    // Four words and no fifth, read without collecting every word of a long paragraph.
    let mut words = [""; 4];
    for (n, word) in text.split_whitespace().enumerate() {
        let Some(slot) = words.get_mut(n) else { return false };
        *slot = word;
    }
    matches!(words, [kind, a, of, b] if !b.is_empty() && ["image", "photo", "picture", "bild", "foto"].contains(&kind)
        && ["of", "von", "/"].contains(&of)
        && a.chars().all(|c| c.is_ascii_digit())
        && b.chars().all(|c| c.is_ascii_digit()))
}

/// Walks the tree, calling `keep` on each paragraph (innermost text block) in order,
/// and removes the rejected ones and the containers they leave empty.
fn prune_nodes(nodes: &mut Vec<Node>, keep: &mut dyn FnMut(&Element) -> bool) {
    nodes.retain_mut(|node| match node {
        Node::Text(_) => true,
        Node::Element(e) if e.tag.is_text_block() && !contains_text_block(e) => keep(e),
        Node::Element(e) => {
            let had_children = !e.children.is_empty();
            prune_nodes(&mut e.children, keep);
            !(had_children && e.children.iter().all(is_blank) && !e.tag.is_void())
        }
    });
}

fn contains_text_block(e: &Element) -> bool {
    e.children.iter().any(|c| matches!(c, Node::Element(c) if c.tag.is_text_block() || contains_text_block(c)))
}

fn normalise(s: &str) -> String {
    pith_lowercase::to_lowercase(&collapse_whitespace(s))
}

/// Is this (normalised) paragraph boilerplate by its words?
pub fn is_boilerplate_text(text: &str) -> bool {
    if text.chars().count() > MAX_BOILERPLATE_CHARS {
        return false;
    }
    // "(Read also: …)" and "[Lesen Sie auch …]" are read as their words.
    let unbracketed = text.strip_prefix('(').or_else(|| text.strip_prefix('['));
    unbracketed.is_some_and(is_boilerplate_text)
        || PREFIXES.iter().any(|p| text.starts_with(p))
        || CONTAINS.iter().any(|c| text.contains(c))
        || LABELS.contains(&text.trim_end_matches(':').trim_end())
        || is_reading_time(text)
}

/// "Tempo de leitura: 2 minutos", "Reading time 5 min", "4 min read": how long the
/// article takes, which the panel says itself.
fn is_reading_time(text: &str) -> bool {
    text.chars().count() <= MAX_DATE_LINE_CHARS
        && text.contains(|c: char| c.is_ascii_digit())
        && (READING_TIME.iter().any(|p| text.starts_with(p))
            || text.strip_suffix(" read").is_some_and(|t| t.ends_with(" min") || t.ends_with(" minute")))
}

/// Is this short line at the head of the article the byline or a date line?
fn is_head_line(text: &str, byline: Option<&str>) -> bool {
    if text.is_empty() || text.chars().count() > MAX_HEAD_LINE_CHARS {
        return false;
    }
    if byline.is_some_and(|b| repeats_byline(text, b) || is_byline_and_date(text, b)) {
        return true;
    }
    // "By nightfall the river had cut…" opens like a byline but is a long sentence of text.
    (HEAD_MARKERS.iter().any(|m| text.starts_with(m)) && !(is_sentence(text) && letter_words(text) >= MIN_TEXT_LINE_WORDS))
        // "… by media mogul …" inside a sentence is no byline: only the date words count there,
        // and not inside a sentence either ("Notices are published on Thursdays and online for
        // 21 days." is an introduction).
        || (HEAD_MARKERS.iter().any(|m| *m != "by " && text.contains(m))
            && text.contains(|c: char| c.is_ascii_digit())
            && !is_sentence(text))
        || is_date_line(text)
        || is_breadcrumb(text)
}

/// Is this line a breadcrumb trail ("home › news › transport")?
fn is_breadcrumb(text: &str) -> bool {
    let mut parts = 0;
    text.split(BREADCRUMB_MARKS).all(|part| {
        parts += 1;
        (1..=MAX_BREADCRUMB_PART_CHARS).contains(&part.trim().chars().count())
    }) && parts >= MIN_BREADCRUMB_PARTS
}

/// Does this line say the byline again, in any language: the same name, give or take an
/// introducing word or two ("By", "بقلم:", "Von", "Texte :"), none of them a number?
fn repeats_byline(text: &str, byline: &str) -> bool {
    let (longer, shorter) = if words(text).count() >= words(byline).count() { (text, byline) } else { (byline, text) };
    let numbers = |s: &str| words(s).filter(|word| word.contains(char::is_numeric)).count();
    // The shorter's words, in order, among the longer's.
    let mut longer_words = words(longer);
    words(shorter).next().is_some()
        && words(longer).count() - words(shorter).count() <= MAX_BYLINE_INTRODUCER_WORDS
        && numbers(longer) == numbers(shorter)
        && words(shorter).all(|word| longer_words.any(|other| other == word))
}

/// Marks that join a head line's parts ("Jo Bloggs | 3 May 2021").
const HEAD_LINE_SEPARATORS: [char; 3] = ['|', '·', '•'];

/// Is this line the byline and a date joined by a separator mark, in any language and
/// digits ("نویسنده: مریم احمدی | ۳۰ شهریور ۱۴۰۵", "Jo Bloggs · 22. Mai 2019"): one part
/// says the byline again, the others are short and hold a number? Without a marker word
/// ("By", "Published") nothing else knows it, and the byline would show twice.
fn is_byline_and_date(text: &str, byline: &str) -> bool {
    let mut named = false;
    text.contains(HEAD_LINE_SEPARATORS)
        && text.split(HEAD_LINE_SEPARATORS).all(|part| {
            let name = repeats_byline(part, byline);
            named |= name;
            name || part.chars().count() <= MAX_DATE_LINE_CHARS && part.contains(char::is_numeric)
        })
        && named
}

/// The words of `text`: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty())
}

/// Is this short line a date: a year and at least one other number (a day, a time), the
/// others of two figures at most? "Elections 2019" is a heading, not a date, nor is a
/// reference ("Town and Country Planning Act 1990: application 26/0412/FUL").
fn is_date_line(text: &str) -> bool {
    if text.chars().count() > MAX_DATE_LINE_CHARS {
        return false;
    }
    let numbers: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).collect();
    let year = |n: &&str| n.len() == 4 && (n.starts_with("19") || n.starts_with("20"));
    numbers.len() >= 2
        && numbers.iter().any(year)
        && numbers.iter().all(|n| n.len() <= 2 || year(n))
        && !is_sentence(text)
}

/// Words of letters from which a line that ends as a sentence ends is one, not a date line:
/// "The bridge opened on 3 May 2021 after years of work." (a date line says little besides
/// the date: "Published 3 May 2021.", "segunda-feira, 22 de janeiro de 2018 às 0:13").
const MIN_SENTENCE_WORDS: usize = 6;

/// Does this short line read as a sentence: a full stop, question or exclamation mark at
/// its end, and [`MIN_SENTENCE_WORDS`] words of letters?
fn is_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?']) && letter_words(text) >= MIN_SENTENCE_WORDS
}

/// Words of letters from which a sentence that opens with a byline or date word ("By
/// nightfall the river had cut a new channel…", "Updated figures show…") is text: a byline
/// or date line ending with a full stop is shorter ("By Jane Doe, Health Correspondent, in
/// London.": seven).
const MIN_TEXT_LINE_WORDS: usize = 12;

/// How many words of `text` have a letter in them.
fn letter_words(text: &str) -> usize {
    words(text).filter(|w| w.chars().any(char::is_alphabetic)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraphs_are_beyond_every_limit() {
        assert_eq!(MAX_JUDGED_CHARS, MAX_HEAD_LINE_CHARS.max(MAX_BOILERPLATE_CHARS).max(MAX_CREDIT_CAPTION_CHARS));
    }

    #[test]
    fn boilerplate_words() {
        assert!(is_boilerplate_text("mehr zum thema"));
        assert!(is_boilerplate_text("© 2020 cbs interactive inc. all rights reserved."));
        assert!(!is_boilerplate_text("the council voted to subscribe… no: the council voted."));
        assert!(!is_boilerplate_text(&"read more about it ".repeat(10)));
    }

    #[test]
    fn captions_left_as_paragraphs() {
        assert!(ends_with_credit("the plague wiped out half of europe (image: getty)"));
        assert!(ends_with_credit("marco odermatt, ski-star aus der schweiz. © afp / marco bertorello"));
        assert!(ends_with_credit("image 1 of 5"));
        assert!(!ends_with_credit("reuters reported that the talks (held in geneva) had failed."));
        assert!(!ends_with_credit(&"a long paragraph of prose. ".repeat(10)));
    }

    #[test]
    fn a_head_date_line_goes_and_gives_its_date() {
        let page = "<p>By Jo Bloggs</p><p>Published 3 May 2021, 09:30</p><p>Updated May 4, 2021</p><p>The story.</p>";
        let fragment = dom_query::Document::fragment(page);
        let mut doc = crate::extract::dom::document_from(&fragment.root(), None);
        // The byline line gives no date; the first date line does, the update's does not.
        assert_eq!(prune(&mut doc, None, Some("Jo Bloggs")).as_deref(), Some("2021-05-03T09:30:00"));
        assert_eq!(doc.paragraph_texts(), vec!["The story.".to_string()]);
        // A date in the article's own sentences is not the page's date.
        for lead in [
            "<p>The bridge over the river opened on 3 May 2021 after eleven years of work.</p>",
            // Short enough for a date line, but a sentence: it stays, and gives no date.
            "<p>The bridge opened on 3 May 2021 after years of work.</p>",
        ] {
            let fragment = dom_query::Document::fragment(lead);
            let mut doc = crate::extract::dom::document_from(&fragment.root(), None);
            assert_eq!(prune(&mut doc, None, None), None);
            assert_eq!(doc.paragraph_texts().len(), 1, "{lead}");
        }
        assert!(is_date_line("Published 3 May 2021."));
        assert!(!is_date_line("planning act 1990: application 26/0412/ful"));
        assert!(!is_head_line("notices are published on thursdays and online for 21 days.", None));
    }

    #[test]
    fn trailing_link_lines_go() {
        let page = "<p>The story.</p><p><a href=/a>Next story</a></p><p><a href=/b>Other story</a></p>";
        let fragment = dom_query::Document::fragment(page);
        let mut doc = crate::extract::dom::document_from(&fragment.root(), Some("https://example.com/"));
        prune(&mut doc, None, None);
        assert_eq!(doc.paragraph_texts(), vec!["The story.".to_string()]);
        assert!(is_boilerplate_text("kategorien:") && !is_boilerplate_text("kategorien sind nützlich"));
    }

    #[test]
    fn head_lines() {
        assert!(is_head_line("by jane doe", None));
        assert!(is_head_line("updated nov 20, 2019 1:35 a.m.", None));
        assert!(is_head_line("jane doe", Some("jane doe")));
        assert!(is_head_line("بقلم: سالم الحداد", Some("سالم الحداد")));
        assert!(is_head_line("سالم الحداد", Some("بقلم: سالم الحداد")));
        // The byline and a date, joined by a mark, in Persian digits or Latin ones.
        assert!(is_head_line("نویسنده: مریم احمدی | ۳۰ شهریور ۱۴۰۵", Some("مریم احمدی")));
        assert!(is_head_line("Jo Bloggs · 22. Mai 2019 · 3 Kommentare", Some("Jo Bloggs")));
        assert!(!is_head_line("Jo Bloggs | Desk of the week", Some("Jo Bloggs")));
        assert!(!is_head_line("Ann Other | Desk 3", Some("Jo Bloggs")));
        assert!(is_head_line("texte : anne roux", Some("anne roux")));
        assert!(!is_head_line("annual report", Some("ann")));
        assert!(!is_head_line("jane doe reports from the coast on monday", Some("jane doe")));
        assert!(!is_head_line("the storm hit the coast on monday.", None));
        assert!(!is_head_line(
            "by nightfall the river had cut a new channel through the fields on its west side, and the road had gone.",
            None
        ));
        assert!(is_head_line("by jane doe, health correspondent, in london.", None));
        assert!(is_head_line("segunda-feira, 22 de janeiro de 2018 às 0:13", None));
        assert!(is_head_line("september 10, 2018 |", None));
        assert!(!is_head_line("elections 2019", None));
        assert!(!is_head_line("she was one of 47 guests invited by media mogul debola lagos.", None));
        assert!(is_head_line("home › news › transport", None) && !is_head_line("prices rose > 5% in march", None));
    }

    #[test]
    fn reading_time_lines() {
        assert!(is_boilerplate_text("tempo de leitura: 2 minutos") && is_boilerplate_text("4 min read"));
        assert!(!is_boilerplate_text("reading time fell among teenagers, the survey found."));
    }
}
