//! Finding and removing duplicated paragraphs: Pith's signature step.
//!
//! Scraped, syndicated and badly rendered pages repeat themselves: a run of paragraphs
//! comes back (the seed page), the whole body appears twice (an AMP copy, a second
//! container), a paragraph repeats with tiny edits (curly quotes, a dropped comma,
//! "said"/"says"), a pull quote repeats a sentence of the body. In order:
//!
//! 1. Every paragraph is normalised ([`normalise()`]): NFKC, lower case, one kind of
//!    quote and dash, collapsed whitespace (none beside Chinese and Japanese characters
//!    nor between Hangul syllables), any script's digits as ASCII ones, no speaker's label
//!    before a transcript's turn, no trailing punctuation. Its weight in words
//!    (`text::words::word_weight`: two Han or Kana characters count one, as do three
//!    Hangul syllables) decides whether it is long enough to be a copy.
//! 2. **Exact** repeats: the same normalised text as an earlier paragraph (a hash map).
//!    A quoted paragraph repeating one of another quotation is the same post or quote
//!    embedded twice (`find_requoted`); verse (short lines broken by `<br>`) repeats by
//!    design, as quoted text does.
//! 3. **Near** repeats: character 5-gram Jaccard similarity of at least
//!    [`NEAR_DUPLICATE_SIMILARITY`] with an earlier paragraph. Candidates come from a
//!    MinHash-LSH index (`text::shingles`), then each candidate is verified exactly, so the
//!    cost stays near-linear in the page, never all pairs.
//! 4. **Block** repeats: a run of consecutive repeats of consecutive paragraphs. Short
//!    paragraphs and headings are only ever removed as part of such a run, when they
//!    are identical to their counterpart in the source run.
//!    A repeat on its own that recurs by design stays (`keep_repeats_in_other_contexts`):
//!    what follows each copy differs and it is a question, the answer to different
//!    questions, a line under the same heading, a line that introduces or is introduced
//!    by a colon, a line after a different time or number line (a live commentary's two
//!    fouls), or a templated line filled in differently as often as it is repeated
//!    (interview questions and answers, plans, refrains, a live blog's lead-ins, a series'
//!    closers).
//!    A caption that repeats a body paragraph word for word goes; the body keeps its copy.
//!    A list whose items are, in order, the headings further down is a table of contents:
//!    its items go, the headings stay (`find_contents_lists`).
//! 5. **Contained** paragraphs: a paragraph whose whole text appears inside a longer one
//!    (a pull quote, a lifted sentence), found by anchored scanning (`contained`); a later
//!    block holding two or more paragraphs whole and little else is the copy instead. An
//!    excerpt's last paragraph that holds the full text's paragraph and a tail (a feed's
//!    "The post … appeared first on …") goes instead of it (`drop_excerpt_tails`); a story's
//!    closing quotation that echoes an earlier paragraph's stays (`is_echo`).
//!    A pull quote signed under its closing quote mark is looked for without the signature
//!    (`unsigned`).
//! 6. **Titles** of copies: a heading or label line right before a copied passage, with
//!    nothing of the page's own after it before the next such line, goes with the passage
//!    (`drop_titles_of_copies`).
//!
//! The first copy stays in its place; when a later near copy is clearly more complete
//! (longer, bracketed asides not counted), its content moves up into the first copy's place,
//! unless all it adds is a time stamp (`adds_only_a_stamp`); a first copy showing mark-up as
//! text (raw Markdown, escaped references) gives way to a later one that reads the same
//! without it. What would be removed
//! is never distinct content: short paragraphs ("Yes.") are left alone; headings, list
//! items, table cells, captions and code repeat legitimately and only go inside a
//! repeated block; a quotation may be quoted twice; two paragraphs that open with the
//! same sentence differ in the rest; templated paragraphs that differ in a name or a
//! number are distinct (a name: a word capitalised inside a sentence); a paragraph that
//! quotes part of another adds words of its own, or marks the excerpt with an ellipsis,
//! so it is not contained.

mod contained;
mod normalise;

use foldhash::fast::FixedState;

/// Hash maps keyed by paragraph text: foldhash rather than the standard library's SipHash
/// (no hostile keys to resist here, and a fixed seed keeps runs alike). What is keyed by
/// paragraph index is a `Vec` by index or a sorted list instead: each distinct map type is
/// another copy of hashbrown's code in the wasm.
type HashMap<K, V> = std::collections::HashMap<K, V, FixedState>;

use crate::article::{Duplicate, DuplicateKind};
use crate::document::{Attr, COLLAPSED, Document, Element, Node, Tag};
use crate::text::script::is_cjk;
use crate::text::sentences;
use crate::text::shingles::{self, LshIndex, Sketch};
use crate::text::words::{self, CjkUnit, word_weight};
pub use normalise::normalise;
use normalise::{core, has_ellipsis_edge, shows_mark_up, speaker, unsigned};

/// Paragraphs shorter than this (in words; two CJK characters count one word) are
/// never removed on their own: "Yes.", "Read more", a repeated label or list item are
/// legitimate repeats. Seven words is a short sentence.
pub const MIN_DUPLICATE_WORDS: usize = 7;

/// Character 5-gram Jaccard similarity from which two paragraphs are one edited
/// paragraph. A published probe on news paragraphs found 0.7-0.8 separates edited
/// copies from distinct paragraphs with no false positives; the low end catches copies
/// of short paragraphs, where each edit weighs more (one changed word in a 40-character
/// paragraph leaves about 0.75).
pub const NEAR_DUPLICATE_SIMILARITY: f32 = 0.7;

/// Share of a near copy's words that may differ from the first copy's (see
/// `edits_are_small`): 5% is three words in a 60-word paragraph, one in a short one.
pub const MAX_CHANGED_WORDS: f32 = 0.05;

/// Share of a paragraph's words that may differ from its counterpart's when it sits inside a
/// repeated run (`extend_runs`): the run says it is a copy, so a few more edits are let
/// through than [`MAX_CHANGED_WORDS`] (three re-spelt words in thirty, a figure updated),
/// but not another answer to the same templated question.
const MAX_CHANGED_WORDS_IN_A_RUN: f32 = 0.15;

/// Sketch agreement below which a candidate pair is not worth an exact comparison: four
/// standard deviations of the sketch's estimate under [`NEAR_DUPLICATE_SIMILARITY`].
const SKETCH_PREFILTER: f32 = NEAR_DUPLICATE_SIMILARITY - 0.25;

/// A contained paragraph (pull quote) must be at least this long, in words, to be
/// removed: shorter ones ("he said", a quoted phrase) are too common to mean a copy.
pub const MIN_CONTAINED_WORDS: usize = 8;

/// A later near copy is "more complete" when it is longer than the first by this share
/// of characters; its text then takes the first copy's place. Smaller differences are
/// edits, not completeness, and the first copy's wording is kept.
const MORE_COMPLETE_MARGIN: f32 = 0.1;

/// Consecutive repeats (of consecutive paragraphs) from which they are reported as a block.
const MIN_BLOCK_RUN: usize = 2;

/// What a paragraph is to the page, for what may count as a repeat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Running text: removed as an exact, near, block or contained repeat.
    Body,
    /// Quoted text (inside a `blockquote`): an author may quote the same words twice,
    /// so only a repeated block or containment (a pull quote) removes it.
    Quote,
    /// Headings, list items, table cells and code, which repeat legitimately (a reference
    /// list, "Ingredients", `$ hg push`): removed only inside a repeated block.
    Label,
    /// A figure or table caption: like a label, except that a caption repeating a body
    /// paragraph word for word goes, and the body keeps its paragraph where it is.
    Caption,
}

impl Role {
    pub fn of(tag: Tag, in_quote: bool) -> Role {
        use Tag::*;
        match tag {
            t if t.is_heading() => Role::Label,
            Caption | Figcaption => Role::Caption,
            Li | Dt | Dd | Td | Th | Pre => Role::Label,
            _ if in_quote || tag == Blockquote => Role::Quote,
            _ => Role::Body,
        }
    }
}

/// What [`remove_duplicates`] did.
pub struct Deduped {
    /// The paragraphs removed, in document order.
    pub duplicates: Vec<Duplicate>,
    /// The texts of the paragraphs left ([`Document::paragraph_texts`]), for the counts and
    /// summary that follow: on most pages nothing is removed and they are the texts read
    /// here, not read again.
    pub paragraphs: Vec<String>,
}

/// Removes repeated paragraphs from `doc`, keeping the first (or the more complete)
/// copy in the first copy's place, and says what went.
pub fn remove_duplicates(doc: &mut Document) -> Deduped {
    let Paragraphs { texts, roles, containers, collapsed } = paragraphs_and_roles(doc);
    let found = analyse(&texts, &roles, &containers, &collapsed);
    if found.duplicates.is_empty() && found.promotions.is_empty() {
        return Deduped { duplicates: Vec::new(), paragraphs: texts };
    }
    if !found.promotions.is_empty() {
        let mut elements = doc.paragraphs_mut();
        for &(from, to) in &found.promotions {
            let Some(children) = elements.get(from).map(|e| e.children.clone()) else { continue };
            if let Some(first) = elements.get_mut(to) {
                first.children = children;
            }
        }
    }
    // The duplicates are in paragraph order (`analyse`): a binary search, not a set.
    doc.retain_paragraphs(|i| found.duplicates.binary_search_by_key(&i, |d| d.index).is_err());
    // Read again: a removal can change what the paragraphs are (a block left holding only
    // inline text becomes one; a container it empties goes).
    Deduped { duplicates: found.duplicates, paragraphs: doc.paragraph_texts() }
}

/// The paragraphs of a page as the analysis reads them, in the order of
/// [`Document::paragraph_texts`].
struct Paragraphs {
    texts: Vec<String>,
    roles: Vec<Role>,
    /// The innermost list, table or quotation each paragraph sits in, numbered in document
    /// order from 1 (0: none): a container repeated whole is a copy
    /// (`find_repeated_containers`).
    containers: Vec<u32>,
    /// Is the paragraph in a box the page shows collapsed ([`COLLAPSED`])?
    collapsed: Vec<bool>,
}

fn paragraphs_and_roles(doc: &Document) -> Paragraphs {
    /// The block a paragraph sits in, when that decides its role.
    #[derive(Clone, Copy)]
    struct Within {
        quote: bool,
        caption: bool,
        /// Is the innermost list an ordered one?
        ordered: bool,
        /// Inside an item of an ordered list: its paragraphs are the item's text (a footnote
        /// written as `<li><p>`, a numbered step), a numbered entry of its own that repeats
        /// legitimately like the item. Not bulleted lists (galleries set each photo's
        /// caption as `<li><p>`) nor table cells (old pages lay whole articles out in them).
        item: bool,
        container: u32,
        collapsed: bool,
    }
    fn walk(nodes: &[Node], within: Within, out: &mut Paragraphs, count: &mut u32) {
        for node in nodes {
            if let Node::Element(e) = node {
                let collapsed = within.collapsed || e.attr(Attr::Class) == Some(COLLAPSED);
                if e.is_paragraph() {
                    out.texts.push(e.text());
                    out.collapsed.push(collapsed);
                    let role = match Role::of(e.tag, within.quote) {
                        Role::Body if within.caption => Role::Caption,
                        // Verse repeats by design (a stanza that returns, a chant), as
                        // quoted text does: only a repeated block or containment removes it.
                        Role::Body if is_verse(e) => Role::Quote,
                        Role::Body | Role::Quote if within.item => Role::Label,
                        role => role,
                    };
                    out.roles.push(role);
                    out.containers.push(within.container);
                } else {
                    let container = if matches!(e.tag, Tag::Ul | Tag::Ol | Tag::Dl | Tag::Table | Tag::Blockquote) {
                        *count += 1;
                        *count
                    } else {
                        within.container
                    };
                    let within = Within {
                        quote: within.quote || e.tag == Tag::Blockquote,
                        caption: within.caption || matches!(e.tag, Tag::Figcaption | Tag::Caption),
                        ordered: match e.tag {
                            Tag::Ol => true,
                            Tag::Ul => false,
                            _ => within.ordered,
                        },
                        item: within.item || (e.tag == Tag::Li && within.ordered),
                        container,
                        collapsed,
                    };
                    walk(&e.children, within, out, count);
                }
            }
        }
    }
    let mut out = Paragraphs { texts: Vec::new(), roles: Vec::new(), containers: Vec::new(), collapsed: Vec::new() };
    walk(
        &doc.nodes,
        Within { quote: false, caption: false, ordered: false, item: false, container: 0, collapsed: false },
        &mut out,
        &mut 0,
    );
    out
}

/// A paragraph of verse has at least this many lines (split by `<br>`)…
const MIN_VERSE_LINES: usize = 3;

/// …and none of them longer than this many words: a poem's or a song's line. Prose set with
/// line breaks (an old page's `<br><br>` between paragraphs) has longer lines.
const MAX_VERSE_LINE_WORDS: usize = 12;

/// Is the paragraph written as verse: lines broken by `<br>`, all short (see
/// [`MIN_VERSE_LINES`])? A stanza that comes back at the end of a poem is the poet's, as a
/// refrain is; as a paragraph of running text it would be a lone exact copy.
fn is_verse(e: &Element) -> bool {
    fn walk(nodes: &[Node], lines: &mut Vec<usize>) {
        for node in nodes {
            match node {
                Node::Text(t) => {
                    if let Some(words) = lines.last_mut() {
                        *words += t.split_whitespace().count();
                    }
                }
                Node::Element(c) if c.tag == Tag::Br => lines.push(0),
                Node::Element(c) => walk(&c.children, lines),
            }
        }
    }
    let mut lines = vec![0];
    walk(&e.children, &mut lines);
    // Empty lines (`<br><br>`, a trailing `<br>`) are spacing.
    lines.retain(|&words| words > 0);
    lines.len() >= MIN_VERSE_LINES && lines.iter().all(|&words| words <= MAX_VERSE_LINE_WORDS)
}

/// Finds the paragraphs that repeat another (all treated as running text), in order.
pub fn find_duplicates(paragraphs: &[String]) -> Vec<Duplicate> {
    analyse(paragraphs, &[], &[], &[]).duplicates
}

/// The verdict on one paragraph that repeats another.
#[derive(Debug, Clone, Copy)]
struct Match {
    repeats: usize,
    similarity: f32,
    kind: DuplicateKind,
}

struct Found {
    /// In paragraph order. When a later copy was promoted, `text` is the first copy's
    /// text (the wording that is no longer shown) and `index` the later copy's place.
    duplicates: Vec<Duplicate>,
    /// (later copy, first copy): move the later copy's content into the first's place.
    promotions: Vec<(usize, usize)>,
}

/// The whole analysis over paragraph texts, their roles (missing roles are `Body`),
/// containers (missing: none) and whether each is in a collapsed box (missing: no).
fn analyse(texts: &[String], roles: &[Role], containers: &[u32], collapsed: &[bool]) -> Found {
    let role = |i: usize| roles.get(i).copied().unwrap_or(Role::Body);
    let norms: Vec<String> = texts.iter().map(|t| normalise(t)).collect();
    let weights: Vec<usize> = norms.iter().map(|t| word_weight(t)).collect();
    let substantial = |i: usize| role(i) == Role::Body && weights[i] >= MIN_DUPLICATE_WORDS;

    let (mut matches, variants) = find_repeats(texts, &norms, &substantial);
    find_requoted(&norms, &weights, &role, containers, &mut matches);
    keep_repeats_in_other_contexts(texts, &norms, &weights, &variants, &role, &mut matches);
    find_repeated_containers(&norms, &weights, &role, containers, &mut matches);
    extend_runs(texts, &norms, &weights, containers, &mut matches);
    find_captions_of_body(&norms, &weights, &role, &mut matches);
    find_contents_lists(&norms, &role, containers, &mut matches);
    find_contained(texts, &norms, &weights, &role, &mut matches);
    drop_excerpt_tails(&norms, &mut matches);
    find_split_pieces(texts, &norms, &weights, &mut matches);
    prefer_open_copies(collapsed, &weights, &mut matches);
    drop_titles_of_copies(texts, &weights, &mut matches);

    let near: Vec<usize> =
        (0..matches.len()).filter(|&i| matches[i].is_some_and(|m| m.kind == DuplicateKind::Near)).collect();
    label_blocks(&mut matches);

    // A near copy clearly longer than the first is the more complete one: it moves up.
    // Bracketed asides do not count: a copy that adds "(1.9 miles)" after "3 kilometres"
    // converts, glosses or cites what the first says, and is no more of the story. A first
    // copy showing mark-up as text (a raw Markdown excerpt above the story) gives way to a
    // later copy that reads the same without it.
    let chars = |i: usize| without_asides(&norms[i]).count() as f32;
    let promotions: Vec<(usize, usize)> = (0..matches.len())
        .filter_map(|i| matches[i].map(|m| (i, m.repeats)))
        .filter(|&(i, j)| {
            let more_complete = near.binary_search(&i).is_ok()
                && chars(i) > chars(j) * (1.0 + MORE_COMPLETE_MARGIN)
                && !adds_only_a_stamp(&norms[i], &norms[j]);
            let cleaner = norms[i] == norms[j] && shows_mark_up(&texts[j]) && !shows_mark_up(&texts[i]);
            more_complete || cleaner
        })
        .collect();

    let duplicates = matches
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let m = (*m)?;
            // Promotions are in paragraph order, as `near` is.
            let promoted = promotions.binary_search_by_key(&i, |&(p, _)| p).is_ok();
            let shown = if promoted { m.repeats } else { i };
            Some(Duplicate {
                text: texts[shown].clone(),
                index: i,
                repeats: m.repeats,
                similarity: m.similarity,
                kind: m.kind,
            })
        })
        .collect();
    Found { duplicates, promotions }
}

/// Share of an added tail's words that are figures from which the tail is a stamp (see
/// [`adds_only_a_stamp`]): "updated 14:05 GMT, 12 March 2026" is three figures in six words;
/// a sentence of text has far fewer.
const STAMP_FIGURE_SHARE: f32 = 0.5;

/// Does `longer` only add a stamp to `shorter`: the whole of `shorter`, then words of which
/// at least [`STAMP_FIGURE_SHARE`] are figures (a time, a date, a reference number)? A copy
/// of the lead printed again with "Updated 14:05 GMT, 12 March 2026" after it is not the
/// more complete paragraph: the stamp is the slot's, not the story's.
fn adds_only_a_stamp(longer: &str, shorter: &str) -> bool {
    let Some(tail) = longer.strip_prefix(shorter) else { return false };
    // The tail starts a word of its own ("2026" after "march", not "s" after "said").
    if tail.starts_with(char::is_alphanumeric) {
        return false;
    }
    let words: Vec<&str> = tail.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
    let figures = words.iter().filter(|w| w.chars().any(|c| c.is_numeric())).count();
    !words.is_empty() && figures as f32 >= words.len() as f32 * STAMP_FIGURE_SHARE
}

/// The characters of `text` outside round brackets.
fn without_asides(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut depth = 0u32;
    text.chars().filter(move |&c| {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => return depth == 0,
        }
        false
    })
}

/// The list, table or quotation paragraph `i` sits in (0: none; missing containers: none).
fn container_of(containers: &[u32], i: usize) -> u32 {
    containers.get(i).copied().unwrap_or(0)
}

/// Step 2 (quotations): a quoted paragraph long enough to be a copy that repeats, word for
/// word, a paragraph of another quotation is that quotation embedded twice (a post shown in
/// the story and again among the reactions). Inside one quotation a line comes back by
/// design (a refrain, a stanza), and outside quotations (container 0) a quoted line is verse,
/// so neither is looked at. What `keep_repeats_in_other_contexts` keeps (a question quoted
/// twice, a line introduced by a colon each time) stays.
fn find_requoted(
    norms: &[String],
    weights: &[usize],
    role: &dyn Fn(usize) -> Role,
    containers: &[u32],
    matches: &mut [Option<Match>],
) {
    let container = |i: usize| container_of(containers, i);
    let mut first: HashMap<&str, usize> = HashMap::default();
    for i in 0..norms.len() {
        if role(i) != Role::Quote || container(i) == 0 || weights[i] < MIN_DUPLICATE_WORDS || matches[i].is_some() {
            continue;
        }
        match first.get(norms[i].as_str()) {
            Some(&j) if container(j) != container(i) => {
                matches[i] = Some(Match { repeats: j, similarity: 1.0, kind: DuplicateKind::Exact });
            }
            Some(_) => {}
            None => {
                first.insert(norms[i].as_str(), i);
            }
        }
    }
}

/// A list of at least this many items can be a table of contents (see
/// [`find_contents_lists`]); one item matching a heading is a coincidence.
const MIN_CONTENTS_ITEMS: usize = 2;

/// Step 4 (contents): a list whose items are all, in order, headings further down (label
/// paragraphs outside any container) is the page's table of contents: the headings stay
/// where their sections are, the list's copies of them go. A list that repeats only some
/// headings, or not in their order, is the text's own.
fn find_contents_lists(
    norms: &[String],
    role: &dyn Fn(usize) -> Role,
    containers: &[u32],
    matches: &mut [Option<Match>],
) {
    let container = |i: usize| container_of(containers, i);
    let is_heading = |h: usize| role(h) == Role::Label && container(h) == 0;
    // Each heading text's first place. (The map type is the one `find_repeats` uses: a map
    // of places by text would be one more copy of the hash table's code in the wasm.)
    let mut first: HashMap<&str, usize> = HashMap::default();
    for h in (0..norms.len()).filter(|&h| is_heading(h)) {
        if !first.contains_key(norms[h].as_str()) {
            first.insert(norms[h].as_str(), h);
        }
    }
    if first.is_empty() {
        return;
    }
    let mut start = 0;
    while start < norms.len() {
        let id = container(start);
        let end = start + (start..norms.len()).take_while(|&i| container(i) == id).count();
        let items = start..end;
        if id != 0 && end - start >= MIN_CONTENTS_ITEMS && items.clone().all(|i| role(i) == Role::Label) {
            // Each item's heading: the first with its text after the previous item's (the
            // search only moves forward, so a list costs one pass over the paragraphs).
            let mut after = end;
            let found: Option<Vec<usize>> = items
                .clone()
                .map(|i| {
                    let from = (*first.get(norms[i].as_str())?).max(after);
                    let at = (from..norms.len()).find(|&h| is_heading(h) && norms[h] == norms[i])?;
                    after = at + 1;
                    Some(at)
                })
                .collect();
            for (i, heading) in items.zip(found.into_iter().flatten()) {
                matches[i].get_or_insert(Match { repeats: heading, similarity: 1.0, kind: DuplicateKind::Exact });
            }
        }
        start = end;
    }
}

/// Steps 2 and 3: exact and near repeats of an earlier kept paragraph, among the
/// paragraphs `substantial` accepts. Also counts each paragraph's variants: paragraphs as
/// similar as a near copy but differing from it in a name or a number ("Vote for Olga on
/// the last page!", "Vote for Daria…"), the mark of a template filled in again and again.
fn find_repeats(
    texts: &[String],
    norms: &[String],
    substantial: &dyn Fn(usize) -> bool,
) -> (Vec<Option<Match>>, Vec<usize>) {
    let n = norms.len();
    let mut matches: Vec<Option<Match>> = vec![None; n];
    let mut variants = vec![0; n];
    let mut first: HashMap<&str, usize> = HashMap::with_capacity_and_hasher(n, FixedState::default());
    let mut index = LshIndex::with_capacity(n);
    let mut sketches: Vec<Option<Sketch>> = vec![None; n];
    // Exact shingle sets, built only for paragraphs that reach verification.
    let mut sets: Vec<Option<Vec<u64>>> = vec![None; n];
    // Candidate indices as u64: sorted by the same u64 sort as the shingle sets (one
    // instantiation of the standard sort less in the wasm).
    let mut candidates: Vec<u64> = Vec::new();
    for i in 0..n {
        if !substantial(i) {
            continue;
        }
        let norm = norms[i].as_str();
        if let Some(&j) = first.get(norm) {
            matches[i] = Some(Match { repeats: j, similarity: 1.0, kind: DuplicateKind::Exact });
            continue;
        }
        let sketch = shingles::sketch(norm);
        candidates.clear();
        index.for_each_candidate(&sketch, |j| candidates.push(j as u64));
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(usize, f32)> = None;
        for j in candidates.iter().map(|&j| j as usize) {
            let Some(other) = sketches.get(j).and_then(Option::as_ref) else { continue };
            if shingles::estimate(&sketch, other) < SKETCH_PREFILTER {
                continue;
            }
            let (set_i, set_j) = two_mut(&mut sets, i, j);
            let set_i = set_i.get_or_insert_with(|| shingles::shingle_set(norm));
            let set_j = set_j.get_or_insert_with(|| shingles::shingle_set(&norms[j]));
            let similarity = shingles::jaccard(set_i, set_j);
            if similarity < NEAR_DUPLICATE_SIMILARITY {
                continue;
            }
            if !edits_are_small(norm, &norms[j]) || differs_in_a_name(norm, &norms[j], &texts[i], &texts[j]) {
                variants[i] += 1;
                variants[j] += 1;
            } else if best.is_none_or(|(_, s)| similarity > s) {
                best = Some((j, similarity));
            }
        }
        if let Some((j, similarity)) = best {
            matches[i] = Some(Match { repeats: j, similarity, kind: DuplicateKind::Near });
            sets[i] = None;
            continue;
        }
        first.insert(norm, i);
        index.insert(i, &sketch);
        sketches[i] = Some(sketch);
    }
    (matches, variants)
}

/// The paragraph that paragraph `k` repeats, if it is a repeat (and `k` a paragraph).
fn source_of(matches: &[Option<Match>], k: usize) -> Option<usize> {
    matches.get(k).copied().flatten().map(|m| m.repeats)
}

/// Two distinct elements of a slice, mutably: `j` before `i` (a near-copy candidate is an
/// earlier paragraph).
fn two_mut<T>(items: &mut [T], i: usize, j: usize) -> (&mut T, &mut T) {
    let (before, from_i) = items.split_at_mut(i);
    (&mut from_i[0], &mut before[j])
}

/// The second test of a near copy, on words: the shorter text may lose at most
/// [`MAX_CHANGED_WORDS`] of its words (or one) in the longer, and never a number.
/// Edited copies change a word or two ("said"/"says"); templated paragraphs that differ
/// in a slot ("Faces Places is streaming on Netflix…", "Retrieved 7 January 2011",
/// "item# 11111") are distinct, however similar their characters.
fn edits_are_small(a: &str, b: &str) -> bool {
    let changes = word_changes(a, b);
    !changes.number && changes.within(MAX_CHANGED_WORDS)
}

/// What the shorter of two texts loses in the longer, word by word.
struct WordChanges {
    /// Words of the shorter text not in the longer one…
    lost: usize,
    /// …of this many.
    of: usize,
    /// Is one of them a number?
    number: bool,
}

impl WordChanges {
    /// At most this share of the words changed (or one).
    fn within(&self, share: f32) -> bool {
        self.lost as f32 <= (self.of as f32 * share).max(1.0)
    }
}

/// The words of a comparison form, Han, Kana and Hangul one character each: the form has
/// no spaces between them (`normalise`).
fn comparison_words(norm: &str) -> Vec<&str> {
    words::words(norm, is_cjk, CjkUnit::Character).collect()
}

fn word_changes(a: &str, b: &str) -> WordChanges {
    let (a, b) = (comparison_words(a), comparison_words(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut available: HashMap<&str, usize> = HashMap::with_capacity_and_hasher(long.len(), FixedState::default());
    for t in long {
        *available.entry(t).or_default() += 1;
    }
    let mut changes = WordChanges { lost: 0, of: short.len(), number: false };
    for t in &short {
        match available.get_mut(t) {
            Some(n) if *n > 0 => *n -= 1,
            _ => {
                changes.lost += 1;
                changes.number |= t.chars().any(|c| c.is_numeric());
            }
        }
    }
    changes
}

/// Legitimate repeats: a paragraph that repeats another on its own (not in a repeated run),
/// where what follows each copy differs, and which reads as recurring by design: a question
/// throughout (put to each guest of an interview; a teaser that closes on a rhetorical
/// question is not one, nor a call-out to readers: see [`MIN_CALL_OUT_COPIES`]), the
/// answer to different questions ("I would rather not talk about that yet."), a line that
/// introduces what follows it with a colon (a live blog's "Our correspondent reports:"), a
/// line under the same short heading as its first copy (the same pre-workout snack in two
/// eating plans), a line in an entry of its own (after a different time or number line, a
/// live commentary's two fouls, [`is_stamp`]; or at the same place in two entries of one
/// form opened by different lines: two days of a timeline, two products' sections), a
/// line introduced by the paragraph before it ("…the walkers chanted:", a refrain), or a
/// templated line filled in differently at least as often as
/// it is repeated (the closer of each entry of a series: "Vote for Olga…" twice among
/// twenty "Vote for Daria…"; not a warning printed a hundred times with three line
/// numbers). Both copies stay. Other lone repeats (a highlight lifted from the
/// body, a photo caption shown again) are still copies.
/// A repeat inside a run of repeats is a copied passage; when its first copy was kept this
/// way, the repeat points at the copy in the passage it belongs to (a syndicated story that
/// quotes the refrain twice).
fn keep_repeats_in_other_contexts(
    texts: &[String],
    norms: &[String],
    weights: &[usize],
    variants: &[usize],
    role: &dyn Fn(usize) -> Role,
    matches: &mut [Option<Match>],
) {
    let n = matches.len();
    let same_paragraph = |matches: &[Option<Match>], a: usize, b: usize| {
        norms[a] == norms[b] || source_of(matches, a) == Some(b) || source_of(matches, b) == Some(a)
    };
    // Next to a repeat of the source's neighbour, or to a paragraph identical to the
    // source's neighbour that itself sits next to such a repeat (a short "Why now?" inside a
    // copied passage, which only `extend_runs` will mark).
    let in_run = |matches: &[Option<Match>], i: usize, j: usize| {
        let neighbour_repeats = |i: usize, j: usize| source_of(matches, i) == Some(j);
        let before = j > 0
            && (neighbour_repeats(i - 1, j - 1)
                || (j > 1 && norms[i - 1] == norms[j - 1] && neighbour_repeats(i - 2, j - 2)));
        let after = i + 1 < n
            && (neighbour_repeats(i + 1, j + 1)
                || (i + 2 < n && norms[i + 1] == norms[j + 1] && neighbour_repeats(i + 2, j + 2)));
        before || after
    };
    let is_question = |k: usize| {
        sentences::split(&texts[k])
            .iter()
            .all(|s| s.trim_end_matches(['"', '\'', '”', '’', '»', '“', ')']).ends_with(['?', '？']))
    };
    let introduces = |k: usize| texts[k].trim_end().ends_with([':', '：']);
    let introduced = |k: usize| k > 0 && introduces(k - 1);
    // An answer: the paragraph before each copy is a question, and they are not one question.
    let answers_another_question = |matches: &[Option<Match>], i: usize, j: usize| {
        j > 0 && is_question(i - 1) && is_question(j - 1) && !same_paragraph(matches, i - 1, j - 1)
    };
    let mut copies = vec![1; n];
    for m in matches.iter().flatten() {
        copies[m.repeats] += 1;
    }
    // Two turns of a transcript: each copy opens with a speaker's label, and the page gives
    // the word to two speakers or more (one label throughout is a slot's: "UPDATE: …").
    // (Looked at last, for the few lone repeats no other rule keeps.) With two different
    // labels on the page, every label has another beside it: the page is read once, when
    // first asked.
    let two_speakers = std::cell::OnceCell::new();
    let turns = |i: usize, j: usize| {
        let speaks = |k: usize| !speaker(&texts[k]).is_empty();
        speaks(i)
            && speaks(j)
            && *two_speakers.get_or_init(|| {
                let mut labels = texts.iter().map(|t| speaker(t)).filter(|label| !label.is_empty());
                labels.next().is_some_and(|first| labels.any(|label| label != first))
            })
    };
    // A question put to each guest; not the page's only question printed three times or
    // more down the story, a call-out to readers ("Have you been affected…? Do you have
    // photos…?"). (Printed twice, a call-out is not told from one question put to two guests.)
    let asked_as_interview = |i: usize, j: usize| {
        is_question(i)
            && (copies[j] < MIN_CALL_OUT_COPIES
                || (0..n).any(|k| norms[k] != norms[i] && texts[k].contains(['?', '？']) && is_question(k)))
    };
    // Each copy an entry of its own, opened by a different line: right after a different time
    // or number line (a live commentary's two fouls, [`is_stamp`]), or at the same place in
    // two entries of one form (the same kinds of paragraph, opening lines or not, from the
    // opening line to the one after the copy): two days of a timeline whose status did not
    // change, two products' sections sharing a spec line, two updates of a live page closing
    // on the same line, two public notices closing on the same statutory paragraph. An
    // opening line is a heading, a line too short to be a copy ("Tuesday", "16:30") or a
    // templated line filled in differently ("… application 26/0412/FUL", "… 26/0431/LBC";
    // `variants`); the lines between it and the copy are the entry's own, not copies of the
    // other's.
    let opens = |k: usize| role(k) == Role::Label || weights[k] < MIN_DUPLICATE_WORDS || variants[k] > 0;
    let form = |k: usize| (role(k), opens(k));
    let in_entries_of_their_own = |matches: &[Option<Match>], i: usize, j: usize| {
        let apart = i - j;
        let Some(back) = (1..=(MAX_ENTRY_LEAD + 1).min(j)).find(|&b| opens(i - b) || opens(j - b)) else {
            return false;
        };
        let (own, other) = (i - back, j - back);
        own > j
            && opens(own)
            && opens(other)
            && norms[own] != norms[other]
            && ((back == 1 && is_stamp(&norms[own]) && is_stamp(&norms[other]))
                || ((other..=j + 1).all(|k| form(k) == form(k + apart))
                    && (other + 1..j).all(|k| source_of(matches, k + apart) != Some(k))))
    };
    let templated = |i: usize, j: usize| {
        let family = 1 + variants[i].max(variants[j]);
        family > 1 && family >= copies[j]
    };
    for i in 0..n {
        let Some(m) = matches[i] else { continue };
        let j = m.repeats;
        // A copy at the very end has no context of its own to tell it apart: a copy.
        if j + 1 == i || i + 1 == n || in_run(matches, i, j) || same_paragraph(matches, i + 1, j + 1) {
            continue;
        }
        // Under the same time stamp (right before it, or before the same heading): one
        // entry shown twice, a pinned post or a live blog's other tab, whatever else holds.
        let same_stamp = |a: usize, b: usize| is_stamp(&norms[a]) && norms[a] == norms[b];
        if j > 0 && (same_stamp(i - 1, j - 1) || (j > 1 && norms[i - 1] == norms[j - 1] && same_stamp(i - 2, j - 2))) {
            continue;
        }
        let same_heading = j > 0 && role(i - 1) == Role::Label && norms[i - 1] == norms[j - 1];
        if asked_as_interview(i, j)
            || in_entries_of_their_own(matches, i, j)
            || introduces(i)
            || answers_another_question(matches, i, j)
            || same_heading
            || (introduced(i) && introduced(j))
            || templated(i, j)
            // The record of a line said twice ("THE CHAIR: Order…").
            || turns(i, j)
        {
            matches[i] = None;
        }
    }
    // A repeat in a run whose source is now a kept legitimate repeat: point it at the copy
    // that sits where the run says (the run's neighbour's source, one paragraph on).
    for i in 0..n {
        let Some(m) = matches[i] else { continue };
        let from_previous = i.checked_sub(1).and_then(|k| source_of(matches, k)).map(|s| s + 1);
        let from_next = source_of(matches, i + 1).and_then(|s| s.checked_sub(1));
        for source in [from_previous, from_next].into_iter().flatten() {
            if source != m.repeats && source < i && matches[source].is_none() && norms[source] == norms[i] {
                matches[i] = Some(Match { repeats: source, ..m });
                break;
            }
        }
    }
}

/// Copies from which a question that is the page's only one is a call-out to readers
/// printed down the story, not a question put to each guest: an interview asks other
/// questions too, and two guests asked one question each print it twice.
const MIN_CALL_OUT_COPIES: usize = 3;

/// Paragraphs at most between the line opening an entry and a repeat in it (see
/// `keep_repeats_in_other_contexts`): a product's heading, its introduction, then the spec
/// line it shares with another product; further down, a line is the section's, not the
/// entry's.
const MAX_ENTRY_LEAD: usize = 2;

/// Words of a stamp line at most (see [`is_stamp`]): "14:05", "58'", "Update 3", "12 May 2026".
const MAX_STAMP_WORDS: usize = 3;

/// Is the (normalised) line a stamp: a time, a minute, a date or an entry's number, at most
/// [`MAX_STAMP_WORDS`] words of which at least half hold a figure? A live commentary's or a
/// log's entries each open with one; the feed's templates write the same line for the same
/// event at two minutes ("Foul by … in the defensive half."), which is two events, not a copy.
fn is_stamp(norm: &str) -> bool {
    // The comparison form has single spaces and no edge spaces.
    let (mut words, mut figures) = (0, 0);
    for word in norm.split(' ') {
        words += 1;
        figures += usize::from(word.bytes().any(|b| b.is_ascii_digit()));
    }
    !norm.is_empty() && words <= MAX_STAMP_WORDS && figures * 2 >= words
}

/// A caption that repeats a body paragraph word for word (a photo caption made of the
/// article's own sentence) goes wherever it sits, before or after the body's copy: the
/// body keeps its paragraph in place.
fn find_captions_of_body(
    norms: &[String],
    weights: &[usize],
    role: &dyn Fn(usize) -> Role,
    matches: &mut [Option<Match>],
) {
    // Captions are few: each looks for the first body paragraph with its text (no map).
    for i in 0..norms.len() {
        if role(i) != Role::Caption || matches[i].is_some() || weights[i] < MIN_DUPLICATE_WORDS {
            continue;
        }
        let body = (0..norms.len()).find(|&j| role(j) == Role::Body && matches[j].is_none() && norms[j] == norms[i]);
        if let Some(j) = body {
            matches[i] = Some(Match { repeats: j, similarity: 1.0, kind: DuplicateKind::Exact });
        }
    }
}

/// Whether two near copies differ in a name: each has a word the other lacks, written with a
/// capital inside a sentence in the original text. Templated lines that differ in a name
/// ("Vote for Olga on the last page!", "Vote for Daria…") are distinct, like those that
/// differ in a number (`edits_are_small`); a copy that only adds a name is more complete.
fn differs_in_a_name(a: &str, b: &str, text_a: &str, text_b: &str) -> bool {
    // Vecs, not sets: a paragraph's few dozen words, and no set of strings in the wasm.
    let (a, b) = (comparison_words(a), comparison_words(b));
    // A short list, searched in place: no second kind of set in the wasm.
    let mut names = names_inside_sentences(text_a);
    names.extend(names_inside_sentences(text_b));
    let has_a_name_the_other_lacks =
        |x: &[&str], y: &[&str]| x.iter().any(|t| !y.contains(t) && names.iter().any(|n| n == t));
    has_a_name_the_other_lacks(&a, &b) && has_a_name_the_other_lacks(&b, &a)
}

/// The words of a text written with a capital letter where a sentence does not start, lower
/// case: names, most of the time.
fn names_inside_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    for token in text.split_whitespace() {
        let word = token.trim_matches(|c: char| !c.is_alphanumeric());
        // Capitalised, not upper case throughout (a shouted copy, an acronym).
        let mut chars = word.chars();
        if !sentence_start && chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase) {
            // As `normalise` has it: a word has no spaces or punctuation to fold.
            out.push(pith_lowercase::to_lowercase(word));
        }
        let bare = token.trim_end_matches([']', ')', '"', '\'', '”', '’', '»']);
        sentence_start = bare.ends_with(['.', '!', '?', ':', '…']) || word.is_empty() && sentence_start;
    }
    out
}

/// Step 4 (containers): a list, table or quotation whose paragraphs, all of them, repeat a
/// run of consecutive earlier paragraphs word for word is a copy (a key-points box printed
/// again below the story, a story republished inside a blockquote), though list items and
/// quotations never repeat on their own. Part of a list repeating part of another (two
/// eating plans that share two lines, two wards with the same result) is not a whole copy,
/// nor is a container under a heading other than its first copy's.
fn find_repeated_containers(
    norms: &[String],
    weights: &[usize],
    role: &dyn Fn(usize) -> Role,
    containers: &[u32],
    matches: &mut [Option<Match>],
) {
    // Where each container's paragraphs end: one nested inside another splits the outer one's.
    let mut last = vec![0; containers.iter().max().map_or(0, |&c| c as usize + 1)];
    for (i, &c) in containers.iter().enumerate() {
        last[c as usize] = i;
    }
    // (start, end) of the containers that could be copies: two paragraphs or more, in one
    // stretch, one of them long enough to be a copy on its own, or short items together
    // twice as long as that (an ingredient list printed again in the recipe card).
    let long_enough = |start: usize, end: usize| {
        (start..end).any(|i| weights[i] >= MIN_DUPLICATE_WORDS)
            || (end - start > MIN_BLOCK_RUN && weights[start..end].iter().sum::<usize>() >= 2 * MIN_DUPLICATE_WORDS)
    };
    let mut candidates = Vec::new();
    let mut start = 0;
    while start < containers.len() {
        let id = containers[start];
        let end = start + containers[start..].iter().take_while(|&&c| c == id).count();
        if id != 0 && end - start >= MIN_BLOCK_RUN && last[id as usize] + 1 == end && long_enough(start, end) {
            candidates.push((start, end));
        }
        start = end;
    }
    if candidates.is_empty() {
        return;
    }
    let mut first: HashMap<&str, usize> = HashMap::with_capacity_and_hasher(norms.len(), FixedState::default());
    for (i, norm) in norms.iter().enumerate() {
        first.entry(norm.as_str()).or_insert(i);
    }
    // Under a heading or label line of its own (each bus operator's identical list of rules,
    // the same details under two dates of one event), a repeated container is its content.
    let own_heading = |start: usize, j: usize| {
        let k = start.wrapping_sub(1);
        start > 0
            && (role(k) == Role::Label || weights[k] < MIN_DUPLICATE_WORDS)
            && (j == 0 || norms[k] != norms[j - 1])
    };
    for (start, end) in candidates {
        let Some(&j) = first.get(norms[start].as_str()) else { continue };
        if j + (end - start) <= start
            && (start..end).all(|i| norms[i] == norms[j + i - start])
            && !own_heading(start, j)
        {
            for (i, m) in matches.iter_mut().enumerate().take(end).skip(start) {
                m.get_or_insert(Match { repeats: j + i - start, similarity: 1.0, kind: DuplicateKind::Block });
            }
        }
    }
}

/// Step 4 (blocks): a paragraph that `find_repeats` let through (short, a heading, or a
/// variant) goes when it sits inside, or at the edge of, a repeated run and is identical to
/// its counterpart in the source run; inside a run of two or more, a paragraph long enough
/// to be a copy on its own may instead be as similar as a near copy, whatever changed (a figure updated since the copy was made, a
/// copy re-spelt for another market): the run says it is a copy, not a template filled in
/// again, unless it names someone else (each operator's copy of the same rules). A paragraph outside lists and tables identical to the one before a lone repeat's
/// source (its subheading, the question it answers) makes a run of two with it. One sweep forwards and one
/// backwards let runs grow over several short paragraphs in a row.
fn extend_runs(
    texts: &[String],
    norms: &[String],
    weights: &[usize],
    containers: &[u32],
    matches: &mut [Option<Match>],
) {
    let n = matches.len();
    let order: Vec<usize> = (0..n).chain((0..n).rev()).collect();
    for i in order {
        if matches[i].is_some() {
            continue;
        }
        for (j, backed_by_a_run) in run_sources(matches, i).into_iter().flatten() {
            // A blank paragraph (a spacer of invisible characters) is no copy of anything.
            if j >= i || matches[j].is_some() || norms[i].is_empty() {
                continue;
            }
            // A lone repeat takes along only a subheading or a paragraph before it, not a list
            // item or a table cell: rows and items repeat legitimately, one beside the other.
            let in_container = container_of(containers, i) != 0;
            if !backed_by_a_run && in_container {
                continue;
            }
            let similarity = if norms[i] == norms[j] {
                1.0
            } else if backed_by_a_run
                && weights[i] >= MIN_DUPLICATE_WORDS
                && word_changes(&norms[i], &norms[j]).within(MAX_CHANGED_WORDS_IN_A_RUN)
                && !differs_in_a_name(&norms[i], &norms[j], &texts[i], &texts[j])
            {
                shingles::jaccard(&shingles::shingle_set(&norms[i]), &shingles::shingle_set(&norms[j]))
            } else {
                0.0
            };
            if similarity >= NEAR_DUPLICATE_SIMILARITY {
                matches[i] = Some(Match { repeats: j, similarity, kind: DuplicateKind::Block });
                break;
            }
        }
    }
}

/// Step 6: a paragraph between the copies of two consecutive paragraphs may be a piece of
/// either, the copy paragraphed otherwise: a print copy that splits a paragraph in two, each
/// half restyled a little ("20%" for "20 per cent") so that neither is inside the whole word
/// for word. It goes when it is, as near as a near copy, inside one of them, measured by
/// containment (the share of the piece's shingles found in the paragraph): a piece is never
/// as similar to the whole as a copy is.
fn find_split_pieces(texts: &[String], norms: &[String], weights: &[usize], matches: &mut [Option<Match>]) {
    for i in 0..matches.len() {
        if matches[i].is_none() {
            matches[i] = split_piece_source(texts, norms, weights, matches, i);
        }
    }
}

/// The paragraph `i` as a piece of the paragraph before or after the source of its
/// neighbours' copies (see [`find_split_pieces`]).
fn split_piece_source(
    texts: &[String],
    norms: &[String],
    weights: &[usize],
    matches: &[Option<Match>],
    i: usize,
) -> Option<Match> {
    let (p, q) = (source_of(matches, i.checked_sub(1)?)?, source_of(matches, i + 1)?);
    if q != p + 1 || q >= i || weights[i] < MIN_DUPLICATE_WORDS {
        return None;
    }
    let piece = shingles::shingle_set(&norms[i]);
    [p, q]
        .into_iter()
        .filter(|&j| matches[j].is_none() && !differs_in_a_name(&norms[i], &norms[j], &texts[i], &texts[j]))
        .find_map(|j| {
            let similarity = shingles::containment(&piece, &shingles::shingle_set(&norms[j]));
            (similarity >= NEAR_DUPLICATE_SIMILARITY).then_some(Match {
                repeats: j,
                similarity,
                kind: DuplicateKind::Block,
            })
        })
}

/// The paragraphs `i` would repeat if it belonged to a repeated run beside it, and whether a
/// run of two repeats says so (rather than one repeat beside it): first the one after the run
/// that ends before `i`, then the one before the run that starts after it. They differ where
/// `i` sits between two copied runs whose sources are apart (a live blog's posts printed
/// again oldest first: each post's time line is between the copy of the post before and
/// that of its own heading), and each is tried in turn.
fn run_sources(matches: &[Option<Match>], i: usize) -> [Option<(usize, bool)>; 2] {
    let at = |k: Option<usize>| k.and_then(|k| source_of(matches, k));
    let (prev2, prev, next, next2) = (at(i.checked_sub(2)), at(i.checked_sub(1)), at(Some(i + 1)), at(Some(i + 2)));
    let after = match (prev2, prev, next) {
        // Between two repeats whose sources are one paragraph apart.
        (_, Some(p), Some(q)) if q == p + 2 => Some((p + 1, true)),
        // Right after a run of two.
        (Some(a), Some(p), _) if p == a + 1 => Some((p + 1, true)),
        _ => None,
    };
    let before = match (next, next2) {
        // Right before a run of two.
        (Some(q), Some(b)) if b == q + 1 => q.checked_sub(1).map(|s| (s, true)),
        // Right before a lone repeat (its subheading, the question it answers).
        (Some(q), _) => q.checked_sub(1).map(|s| (s, false)),
        _ => None,
    };
    [after, before]
}

/// Step 5: running-text paragraphs whose whole text sits inside a longer kept paragraph.
fn find_contained(
    texts: &[String],
    norms: &[String],
    weights: &[usize],
    role: &dyn Fn(usize) -> Role,
    matches: &mut [Option<Match>],
) {
    let kept: Vec<usize> = (0..norms.len()).filter(|&i| matches[i].is_none()).collect();
    // Running or quoted text, long enough, and not an excerpt marked with an ellipsis.
    let short: Vec<usize> = kept
        .iter()
        .copied()
        .filter(|&i| {
            !matches!(role(i), Role::Label | Role::Caption)
                && weights[i] >= MIN_CONTAINED_WORDS
                && !has_ellipsis_edge(&texts[i])
        })
        .collect();
    if short.is_empty() {
        return;
    }
    let norms: Vec<&str> = norms.iter().map(String::as_str).collect();
    // A quotation signed under it ("…" harriet mole, head teacher) is read without its
    // signature; one that ends as a sentence ("…," mr. georgelis said.) is read whole.
    let cores: Vec<&str> =
        norms.iter().zip(texts).map(|(t, raw)| core(if ends_as_sentence(raw) { t } else { unsigned(t) })).collect();
    let mut pairs = contained::find_containers(&norms, &cores, &short, &kept);
    // Those not inside any paragraph whole may be inside one sentence by sentence (`pairs`
    // are in paragraph order).
    let whole: Vec<usize> = pairs.iter().map(|&(s, _)| s).collect();
    let rest: Vec<usize> = short.iter().copied().filter(|s| whole.binary_search(s).is_err()).collect();
    pairs.extend(contained::find_sentence_containers(&norms, &cores, &rest, &kept));
    // A later block that holds two or more earlier paragraphs whole and little else (a
    // wire's plain-text copy in a `<pre>`, a print edition's paragraphing) is the copy: it
    // goes, and the paragraphs stay where the story has them.
    let chars = |i: usize| cores[i].chars().count();
    // Per block: how many earlier paragraphs it holds, their characters, the first of them.
    let (mut count, mut held, mut first) = (vec![0; norms.len()], vec![0; norms.len()], vec![usize::MAX; norms.len()]);
    for &(s, l) in pairs.iter().filter(|&&(s, l)| s < l) {
        count[l] += 1;
        held[l] += chars(s);
        first[l] = first[l].min(s);
    }
    for l in 0..norms.len() {
        if count[l] >= MIN_BLOCK_RUN && held[l] as f32 >= chars(l) as f32 * (1.0 - MORE_COMPLETE_MARGIN) {
            matches[l] = Some(Match { repeats: first[l], similarity: 1.0, kind: DuplicateKind::Block });
        }
    }
    pairs.retain(|&(_, l)| matches[l].is_none());
    // Container by paragraph (the last pair given for a paragraph wins).
    let mut container: Vec<Option<usize>> = vec![None; norms.len()];
    for &(s, l) in &pairs {
        container[s] = Some(l);
    }
    for &(s, l) in &pairs {
        // A quote inside a quote inside a paragraph: point at the paragraph that stays.
        let mut outer = l;
        for _ in 0..pairs.len() {
            match container[outer] {
                Some(next) => outer = next,
                None => break,
            }
        }
        if is_echo(texts, &role, s, outer) {
            continue;
        }
        let share = cores[s].chars().count() as f32 / cores[outer].chars().count().max(1) as f32;
        matches[s] = Some(Match { repeats: outer, similarity: share, kind: DuplicateKind::Contained });
    }
}

/// Paragraphs between a quotation and the paragraph holding it from which, in running text,
/// the quotation is the author's echo rather than a pull quote (see [`is_echo`]).
const MIN_ECHO_DISTANCE: usize = 3;

/// Is the contained paragraph `s` an author's echo of what paragraph `l` quoted: the story's
/// last paragraph, running text (not in a quotation or a caption), one quotation in quote
/// marks, at least [`MIN_ECHO_DISTANCE`] paragraphs after `l`? A story that ends on the words
/// it quoted earlier ("…she gave the same answer she gave in 2019." then the quotation alone)
/// says them twice on purpose: ending on a quote is a reporter's device. A pull quote sits
/// among the paragraphs, often far from the one it lifts from once extraction has dropped
/// its box (elpais.com's, thirteen paragraphs on), or beside it at the end: it stays a copy.
fn is_echo(texts: &[String], role: &dyn Fn(usize) -> Role, s: usize, l: usize) -> bool {
    let text = texts[s].trim();
    let opens = text.starts_with(['"', '\u{201C}', '\u{201E}', '\u{00AB}']);
    let closes = text.ends_with(['"', '\u{201D}', '\u{00BB}']);
    s + 1 == texts.len() && role(s) == Role::Body && s >= l + MIN_ECHO_DISTANCE && opens && closes
}

/// Step 5 (excerpts): an excerpt printed above the full text (a feed's, a newsletter's)
/// often ends with its own tail: "The post … appeared first on …", "Continue reading". The
/// full text's paragraph is then inside the excerpt's last one, which would keep the tail
/// and drop the story's paragraph. When a contained paragraph continues a repeated run (the
/// paragraph before it repeats the one before its container), its container starts with it
/// whole, and that container ends the earlier run (nothing repeats the paragraph after it),
/// the container is the copy: the tail goes with it and the story keeps its paragraph.
fn drop_excerpt_tails(norms: &[String], matches: &mut [Option<Match>]) {
    for i in 1..matches.len() {
        let Some(m) = matches[i] else { continue };
        let j = m.repeats;
        if m.kind != DuplicateKind::Contained || j == 0 || j >= i || source_of(matches, i - 1) != Some(j - 1) {
            continue;
        }
        let Some(tail) = norms[j].strip_prefix(norms[i].as_str()) else { continue };
        let run_ends_here = !matches.iter().any(|other| other.is_some_and(|o| o.repeats == j + 1));
        if run_ends_here && !tail.starts_with(char::is_alphanumeric) && matches[j].is_none() {
            matches[j] = Some(Match { repeats: i, ..m });
            matches[i] = None;
        }
    }
}

/// A box the page shows collapsed (a "Catch up" accordion, [`COLLAPSED`]) that repeats
/// paragraphs shown open elsewhere is the copy, whether it comes first or not: the open
/// paragraphs stay where the story has them, the box's go. A box left with nothing long
/// enough to be a copy loses its short lines too (the summary line that opened it).
fn prefer_open_copies(collapsed: &[bool], weights: &[usize], matches: &mut [Option<Match>]) {
    let folded = |i: usize| collapsed.get(i).copied().unwrap_or(false);
    if !(0..matches.len()).any(folded) {
        return;
    }
    for i in 0..matches.len() {
        let Some(m) = matches[i] else { continue };
        let j = m.repeats;
        if folded(j) && !folded(i) && matches[j].is_none() {
            // The open copy stays; whatever repeated the box's paragraph repeats it instead.
            for other in matches.iter_mut().flatten().filter(|o| o.repeats == j) {
                other.repeats = i;
            }
            matches[i] = None;
            matches[j] = Some(Match { repeats: i, ..m });
        }
    }
    let mut start = 0;
    while start < matches.len() {
        let end = start + (start..matches.len()).take_while(|&k| folded(k)).count();
        let source = (start..end).find_map(|k| source_of(matches, k));
        if let Some(source) = source
            && (start..end).all(|k| matches[k].is_some() || weights[k] < MIN_DUPLICATE_WORDS)
        {
            for m in &mut matches[start..end] {
                m.get_or_insert(Match { repeats: source, similarity: 1.0, kind: DuplicateKind::Block });
            }
        }
        start = end.max(start + 1);
    }
}

/// A title line is shorter than this, in words (a heading, "As published in the Journal of
/// Urban Ecology's news pages").
const MAX_TITLE_WORDS: usize = 2 * MIN_DUPLICATE_WORDS;

/// Does the paragraph end as a sentence does (a full stop, question or exclamation mark in
/// any script, before any closing quote or bracket)? Headings, label lines and signatures
/// do not.
fn ends_as_sentence(text: &str) -> bool {
    text.trim_end_matches(|c: char| !c.is_alphanumeric() && !sentences::is_sentence_stop(c))
        .ends_with(sentences::is_sentence_stop)
}

/// Step 7 (a copy's title): a short line that does not end as a sentence does (a heading,
/// "As published in our partner edition", "Text as read from the scan (uncorrected)") right
/// before a copied passage (two paragraphs or more repeating consecutive ones) goes with it
/// when what follows it, up to the next such line, is copies only, one of them long enough
/// to be a copy: it titled the copy, and alone it titles nothing. A section with text of
/// the page's own keeps its heading, and a contents list's items repeat headings far apart.
fn drop_titles_of_copies(texts: &[String], weights: &[usize], matches: &mut [Option<Match>]) {
    // Read backwards: is there, before the next title line that stays, a long paragraph of
    // the page's own, or a copied one? (A copied passage may open with its own heading.)
    let (mut own, mut copied) = (false, false);
    for h in (0..matches.len()).rev() {
        let long = weights[h] >= MIN_DUPLICATE_WORDS;
        if matches[h].is_some() {
            copied |= long;
        } else if weights[h] < MAX_TITLE_WORDS && !ends_as_sentence(&texts[h]) {
            let first = matches.get(h + 1).copied().flatten();
            let passage = first.is_some_and(|m| source_of(matches, h + 2) == Some(m.repeats + 1));
            if passage && copied && !own {
                matches[h] = first.map(|m| Match { kind: DuplicateKind::Block, ..m });
            }
            (own, copied) = (false, false);
        } else {
            own |= long;
        }
    }
}

/// Repeats that form a run (consecutive paragraphs repeating consecutive paragraphs)
/// of at least [`MIN_BLOCK_RUN`] are reported as a block.
fn label_blocks(matches: &mut [Option<Match>]) {
    let in_run = |m: &Option<Match>| m.filter(|m| m.kind != DuplicateKind::Contained).map(|m| m.repeats);
    let mut start = 0;
    while start < matches.len() {
        let mut end = start + 1;
        if let Some(mut source) = in_run(&matches[start]) {
            while end < matches.len() && in_run(&matches[end]) == Some(source + 1) {
                source += 1;
                end += 1;
            }
            if end - start >= MIN_BLOCK_RUN {
                for m in matches[start..end].iter_mut().flatten() {
                    m.kind = DuplicateKind::Block;
                }
            }
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(ps: &[&str]) -> Vec<String> {
        ps.iter().map(|p| p.to_string()).collect()
    }

    const A: &str = "Charles Clarke says he has no desire to offer more concessions on his anti-terror plans.";
    const B: &str = "The Bill proposes control orders, which could impose curfews, tagging or bans on internet use.";
    const C: &str = "Lord Strathclyde said ministers should expect the bill to be substantially rewritten by peers.";

    #[test]
    fn exact_repeat_after_normalisation() {
        let d = find_duplicates(&strings(&[A, B, &A.to_uppercase().replace('.', "")]));
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].index, d[0].repeats, d[0].kind), (2, 0, DuplicateKind::Exact));
    }

    #[test]
    fn block_with_a_short_paragraph_inside() {
        let d = find_duplicates(&strings(&[A, "Yes.", B, C, A, "Yes.", B]));
        let got: Vec<_> = d.iter().map(|d| (d.index, d.repeats, d.kind)).collect();
        assert_eq!(got, [(4, 0, DuplicateKind::Block), (5, 1, DuplicateKind::Block), (6, 2, DuplicateKind::Block)]);
    }

    #[test]
    fn short_repeats_alone_stay() {
        assert!(find_duplicates(&strings(&[A, "Yes.", B, "Yes.", C])).is_empty());
    }

    /// The same question put to two guests stays; a lone repeated statement goes.
    #[test]
    fn a_question_asked_twice_stays_where_the_answers_differ() {
        let q = "What was the hardest part of your first winter on the island, and would you do it again?";
        let answer_1 = "The dark, without a doubt, and the long wait for the ferry every single week.";
        let answer_2 = "The silence at night, after twenty years spent working in loud engine rooms.";
        assert!(find_duplicates(&strings(&[A, q, answer_1, B, q, answer_2, C])).is_empty());
        let d = find_duplicates(&strings(&[A, B, C, A, q]));
        assert_eq!(d.iter().map(|d| d.index).collect::<Vec<_>>(), [3]);
    }

    /// The page's only question printed three times is a call-out to readers: it goes; among
    /// other questions it is put to each guest and stays.
    #[test]
    fn a_call_out_printed_three_times_goes() {
        let q = "Have you been affected by the closure of the ring road? Do you have photos to share with us?";
        let d = find_duplicates(&strings(&[A, q, B, q, C, q]));
        assert_eq!(d.iter().map(|d| d.index).collect::<Vec<_>>(), [3, 5]);
        let other = "And what would you change about the way the road works were planned?";
        let interview =
            [A, q, "Yes, twice.", other, "More notice.", B, q, "No.", other, "A night shift.", C, q, "Not yet."];
        assert!(find_duplicates(&strings(&interview)).is_empty());
    }

    /// The same answer to two different questions stays; after the same question the pair is
    /// a copy, and the question goes with its answer (left alone, it would be a question
    /// nobody answers).
    #[test]
    fn an_answer_to_two_questions_stays() {
        let q1 = "Will you coach again next season?";
        let q2 = "Is there a club you would like to manage one day?";
        let answer = "I would rather not talk about that yet.";
        assert!(find_duplicates(&strings(&[A, q1, answer, B, q2, answer, C])).is_empty());
        let d = find_duplicates(&strings(&[A, q1, answer, B, q1, answer, C]));
        assert_eq!(d.iter().map(|d| d.index).collect::<Vec<_>>(), [4, 5]);
    }

    /// A subheading goes with the one paragraph under it when the two are printed again; a
    /// whole list or quotation repeated goes, part of a list repeated stays.
    #[test]
    fn a_section_or_a_whole_container_printed_again_goes() {
        let d = find_duplicates(&strings(&["Where to follow the works", A, B, C, "Where to follow the works", A]));
        assert_eq!(d.iter().map(|d| d.index).collect::<Vec<_>>(), [4, 5]);
        // Lists (A B), (A B), (B A) after the paragraph C and its copy: the second list goes
        // with the copy of C; the third shares items with the others but repeats no run.
        let (label, body) = (Role::Label, Role::Body);
        let roles = [body, label, label, body, label, label, label, label];
        let list_again = analyse(&strings(&[C, A, B, C, A, B, B, A]), &roles, &[0, 1, 1, 0, 2, 2, 3, 3], &[]);
        assert_eq!(list_again.duplicates.iter().map(|d| d.index).collect::<Vec<_>>(), [3, 4, 5]);
        // Under a heading of its own, the same list is that heading's content.
        let roles = [label, label, label, label, label, label];
        let texts = strings(&["Harbour line", A, B, "Coast line", A, B]);
        assert!(analyse(&texts, &roles, &[0, 1, 1, 0, 2, 2], &[]).duplicates.is_empty());
    }

    /// A list of short items printed again whole goes when there are three or more and
    /// together they are long enough; two short items stay.
    #[test]
    fn a_list_of_short_items_printed_again_goes() {
        let items = ["200g plain flour", "125g cold salted butter, diced", "60g caster sugar", "1 tbsp thyme leaves"];
        let mut texts = vec![A];
        texts.extend(items);
        texts.push(B);
        texts.extend(items);
        let label = Role::Label;
        let roles = [Role::Body, label, label, label, label, Role::Body, label, label, label, label];
        let d = analyse(&strings(&texts), &roles, &[0, 1, 1, 1, 1, 0, 2, 2, 2, 2], &[]).duplicates;
        assert_eq!(d.iter().map(|d| d.index).collect::<Vec<_>>(), [6, 7, 8, 9]);
        let two = strings(&[A, items[0], items[2], B, items[0], items[2]]);
        let roles = [Role::Body, label, label, Role::Body, label, label];
        assert!(analyse(&two, &roles, &[0, 1, 1, 0, 2, 2], &[]).duplicates.is_empty());
    }

    /// The same line after two different minutes is two events; after the same one, a copy.
    #[test]
    fn a_line_after_two_stamps_stays() {
        assert!(find_duplicates(&strings(&["71'", A, "64'", B, "23'", A, "17'", C])).is_empty());
        let d = find_duplicates(&strings(&["14:05", A, "15:20", B, "14:05", A, "13:30", C]));
        assert_eq!(d.iter().map(|d| d.index).collect::<Vec<_>>(), [4, 5]);
        assert!(is_stamp("90+4'") && is_stamp("12 may 2026") && is_stamp("update 3"));
        assert!(!is_stamp("full time") && !is_stamp("") && !is_stamp("1 of the 4 goals"));
    }

    /// A later block holding earlier paragraphs whole (a plain-text copy) goes, not them;
    /// one that adds text of its own keeps it, and they go as contained.
    #[test]
    fn a_block_holding_the_paragraphs_goes() {
        let block = format!("{A}\n\n{B}\n\n{C}");
        let d = find_duplicates(&strings(&[A, B, C, &block]));
        assert_eq!(d.iter().map(|d| (d.index, d.repeats)).collect::<Vec<_>>(), [(3, 0)]);
        let more = format!("{A} {B} And then the hall closed for the summer, as every year since the fire of 1988.");
        let d = find_duplicates(&strings(&[A, B, &more]));
        assert_eq!(d.iter().map(|d| d.index).collect::<Vec<_>>(), [0, 1]);
    }

    /// Inside a repeated run, a paragraph whose figure was updated is still part of the copy.
    #[test]
    fn a_run_carries_a_paragraph_with_an_updated_figure() {
        let lead = |n: u32| format!("Five people died and {n} were injured when a coach overturned on the coast road.");
        let d = find_duplicates(&strings(&[&lead(31), A, B, C, &lead(28), A, B]));
        assert_eq!(d.iter().map(|d| (d.index, d.repeats)).collect::<Vec<_>>(), [(4, 0), (5, 1), (6, 2)]);
        assert!(find_duplicates(&strings(&[&lead(31), A, &lead(28), C])).is_empty());
    }

    /// A line that introduces what follows with a colon stays where what follows differs.
    #[test]
    fn a_lead_in_line_stays_where_what_follows_differs() {
        let lead_in = "Our correspondent at the border crossing reports:";
        assert!(find_duplicates(&strings(&[lead_in, A, B, lead_in, C])).is_empty());
    }

    /// Templated lines that differ only in a name are distinct; one that adds a name to
    /// the same line is still a near copy.
    #[test]
    fn lines_that_differ_in_a_name_are_distinct() {
        let lines = [
            "Vote for Olga on the last page of this gallery today!",
            B,
            "Vote for Daria on the last page of this gallery today!",
        ];
        assert!(find_duplicates(&strings(&lines)).is_empty());
        assert!(differs_in_a_name("vote for olga", "vote for daria", "Vote for Olga", "Vote for Daria"));
        assert!(!differs_in_a_name("vote for olga", "vote for olga today", "Vote for Olga", "Vote for Olga Today"));
        assert!(!differs_in_a_name("the tax", "a tax", "THE TAX", "A TAX"));
    }

    /// A templated line repeated word for word more often than it is filled in differently
    /// is a copy (a warning printed after every photo), not a series' closer.
    #[test]
    fn a_line_repeated_more_often_than_varied_goes() {
        let warning =
            |line: u32| format!("Warning: a method should not be called statically in gallery.php on line {line}");
        let (w1, w2) = (warning(736), warning(737));
        let d = find_duplicates(&strings(&[&w1, A, &w2, B, &w1, C, &w1, A, &w1, B]));
        assert_eq!(d.iter().filter(|d| d.repeats == 0).count(), 3, "{d:?}");
    }

    /// A line said twice in a transcript stays; a line under one label throughout (a slot's
    /// "UPDATE:") is a copy.
    #[test]
    fn a_line_said_twice_in_a_transcript_stays() {
        let order = "THE CHAIR: Order. Members of the public must not interrupt this meeting.";
        let (price, holt) = (format!("MR PRICE: {A}"), format!("MR HOLT: {B}"));
        assert!(find_duplicates(&strings(&[order, &price, order, &holt])).is_empty());
        let update = "UPDATE: Order. Members of the public must not interrupt this meeting.";
        assert_eq!(find_duplicates(&strings(&[update, A, update, B])).len(), 1);
    }

    /// A collapsed box repeating a section further down goes, its summary line with it; the
    /// section keeps its paragraphs.
    #[test]
    fn a_collapsed_box_is_the_copy() {
        let texts = strings(&["Catch up", A, B, C, "Background", A, B]);
        let collapsed = [true, true, true, false, false, false, false];
        let found = analyse(&texts, &[], &[], &collapsed);
        let got: Vec<_> = found.duplicates.iter().map(|d| (d.index, d.repeats)).collect();
        assert_eq!(got, [(0, 5), (1, 5), (2, 6)]);
        // Open, the first copy stays as before, and the heading left over the copies alone goes
        // with them (`drop_titles_of_copies`).
        let got: Vec<_> = analyse(&texts, &[], &[], &[]).duplicates.iter().map(|d| d.index).collect();
        assert_eq!(got, [4, 5, 6]);
    }

    /// A title line over copies only goes; over a section with text of its own it stays,
    /// and a line that ends as a sentence is no title.
    #[test]
    fn a_title_goes_with_the_copies_under_it() {
        let indices = |texts: &[&str]| -> Vec<usize> {
            analyse(&strings(texts), &[], &[], &[]).duplicates.iter().map(|d| d.index).collect()
        };
        assert_eq!(indices(&[A, B, "As published in our partner edition", A, B]), [2, 3, 4]);
        assert_eq!(indices(&["Background", A, B, C, "Background", A, B, C]), [4, 5, 6, 7]);
        let d = "The committee will vote on the amendments next Tuesday, after two more days of hearings.";
        assert_eq!(indices(&[A, B, "More from the report", A, B, d]), [3, 4]);
        assert_eq!(indices(&[A, B, "It was published again below.", A, B]), [3, 4]);
    }

    /// A caption that repeats a body paragraph goes, before or after the body's copy.
    #[test]
    fn a_caption_repeating_the_body_goes() {
        let roles = [Role::Body, Role::Caption, Role::Body, Role::Body];
        let found = analyse(&strings(&[A, B, C, B]), &roles, &[], &[]);
        let got: Vec<_> = found.duplicates.iter().map(|d| (d.index, d.repeats, d.kind)).collect();
        assert_eq!(got, [(1, 3, DuplicateKind::Exact)]);
        let short_caption = analyse(
            &strings(&[A, "Harbour at dawn.", "Harbour at dawn."]),
            &[Role::Body, Role::Caption, Role::Body],
            &[],
            &[],
        );
        assert!(short_caption.duplicates.is_empty());
    }

    /// A post embedded twice, in two quotations, goes once; a line that comes back inside
    /// one quotation (a refrain) stays.
    #[test]
    fn a_quotation_embedded_twice_goes_a_refrain_stays() {
        let roles = [Role::Body, Role::Quote, Role::Body, Role::Quote, Role::Body];
        let found = analyse(&strings(&[A, B, C, B, A]), &roles, &[0, 1, 0, 2, 0], &[]);
        let got: Vec<_> = found.duplicates.iter().map(|d| (d.index, d.repeats)).collect();
        assert_eq!(got, [(3, 1), (4, 0)]);
        let roles = [Role::Body, Role::Quote, Role::Quote, Role::Quote, Role::Body];
        assert!(analyse(&strings(&[A, B, C, B, "Thanks."]), &roles, &[0, 1, 1, 1, 0], &[]).duplicates.is_empty());
    }

    /// A list whose items are, in order, the headings further down is a table of contents:
    /// its items go, the headings stay. A list naming one heading, or in another order, stays.
    #[test]
    fn a_contents_list_goes_the_headings_stay() {
        let (label, body) = (Role::Label, Role::Body);
        let texts = strings(&[A, "Rents", "Pets", "Rents", B, "Pets", C]);
        let roles = [body, label, label, label, body, label, body];
        let found = analyse(&texts, &roles, &[0, 1, 1, 0, 0, 0, 0], &[]);
        assert_eq!(found.duplicates.iter().map(|d| (d.index, d.repeats)).collect::<Vec<_>>(), [(1, 3), (2, 5)]);
        let texts = strings(&[A, "Pets", "Rents", "Rents", B, "Pets", C]);
        assert!(analyse(&texts, &roles, &[0, 1, 1, 0, 0, 0, 0], &[]).duplicates.is_empty());
    }

    /// A copy that adds a time stamp is not the more complete one; one that adds words is.
    #[test]
    fn a_stamp_is_not_more_text() {
        assert!(adds_only_a_stamp("the road is closed. updated 14:05 gmt, 12 march 2026", "the road is closed"));
        assert!(!adds_only_a_stamp("the road is closed, police said on thursday", "the road is closed"));
        assert!(!adds_only_a_stamp("the roads 2026", "the road"));
    }

    /// An excerpt's last paragraph with the feed's line after it goes; the full text keeps
    /// its paragraph.
    #[test]
    fn an_excerpt_tail_goes_with_the_excerpt() {
        let tailed = format!("{B} The post Strike vote appeared first on The Ledger.");
        let d = find_duplicates(&strings(&[A, &tailed, "Full text:", A, B, C]));
        assert_eq!(d.iter().map(|d| (d.index, d.repeats)).collect::<Vec<_>>(), [(1, 4), (3, 0)]);
    }

    /// A story that ends on a quotation it gave earlier keeps both; a pull quote set among the
    /// paragraphs still goes.
    #[test]
    fn a_closing_echo_of_a_quote_stays() {
        let quoting = "At the meeting she stood up and said: \u{201C}We are not going anywhere, and neither are the people who need us.\u{201D} The sale was withdrawn.";
        let echo = "\u{201C}We are not going anywhere, and neither are the people who need us.\u{201D}";
        assert!(find_duplicates(&strings(&[quoting, A, B, C, echo])).is_empty());
        assert_eq!(find_duplicates(&strings(&[quoting, A, B, echo, C])).len(), 1);
    }

    /// Short lines broken by `<br>` are verse; prose broken by `<br><br>` is not.
    #[test]
    fn verse_is_short_lines() {
        let paragraph = |lines: &[&str]| {
            let mut p = Element::new(Tag::P);
            for (k, line) in lines.iter().enumerate() {
                if k > 0 {
                    p.children.push(Node::Element(Element::new(Tag::Br)));
                }
                p.children.push(Node::Text((*line).into()));
            }
            p
        };
        assert!(is_verse(&paragraph(&["The tide goes out,", "the boats lie down,", "the gulls come in."])));
        assert!(!is_verse(&paragraph(&["The tide goes out,", "the boats lie down."])));
        assert!(!is_verse(&paragraph(&[A, B, C])));
    }

    #[test]
    fn run_source_needs_neighbours() {
        assert_eq!(run_sources(&[], 0), [None, None]);
        assert_eq!(run_sources(&[None, None], 0), [None, None]);
    }
}
