// Copyright 2014-2017 The html5ever Project Developers. See the
// COPYRIGHT file at the top-level directory of this distribution.
//
// Licensed under the Apache License, Version 2.0 <LICENSE-APACHE or
// http://www.apache.org/licenses/LICENSE-2.0> or the MIT license
// <LICENSE-MIT or http://opensource.org/licenses/MIT>, at your
// option. This file may not be copied, modified, or distributed
// except according to those terms.

use markup5ever::ns;

use crate::interface::Attribute;
use crate::tendril::StrTendril;
use crate::tokenizer::states;
use crate::LocalName;
use std::borrow::Cow;

pub use self::TagKind::{EndTag, StartTag};
pub use self::Token::{CharacterTokens, CommentToken, DoctypeToken, TagToken};
pub use self::Token::{EOFToken, NullCharacterToken, ParseError};

/// Sorts attributes in place (Pith patch, for `Tag::equiv_modulo_attr_order`): a heapsort,
/// unstable, which is no matter there, since attributes equal in order are equal.
fn heapsort(list: &mut [&Attribute]) {
    // Moves `list[node]` down the heap of `list[..end]` until it is no smaller than its
    // children.
    fn sift_down(list: &mut [&Attribute], mut node: usize, end: usize) {
        loop {
            let mut child = 2 * node + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && less(list[child], list[child + 1]) {
                child += 1;
            }
            if !less(list[node], list[child]) {
                return;
            }
            list.swap(node, child);
            node = child;
        }
    }
    // One comparison, called from both places (an attribute's order is a total one, so
    // "not less" is "greater or equal").
    #[inline(never)]
    fn less(a: &Attribute, b: &Attribute) -> bool {
        a < b
    }
    let len = list.len();
    for node in (0..len / 2).rev() {
        sift_down(list, node, len);
    }
    for end in (1..len).rev() {
        list.swap(0, end);
        sift_down(list, 0, end);
    }
}

/// A `DOCTYPE` token.
#[derive(PartialEq, Eq, Clone, Debug, Default)]
pub struct Doctype {
    pub name: Option<StrTendril>,
    pub public_id: Option<StrTendril>,
    pub system_id: Option<StrTendril>,
    /// Indicates if this DOCTYPE token should put the document in [quirks mode].
    ///
    /// [quirks mode]: https://dom.spec.whatwg.org/#concept-document-quirks
    pub force_quirks: bool,
}

/// Whether the tag is a start or an end tag.
#[derive(PartialEq, Eq, Hash, Copy, Clone, Debug)]
pub enum TagKind {
    StartTag,
    EndTag,
}

/// A tag token.
#[derive(PartialEq, Eq, Clone, Debug)]
pub struct Tag {
    /// Whether the tag is a start or an end tag.
    pub kind: TagKind,
    pub name: LocalName,
    /// Whether the tag closes itself.
    ///
    /// An example of a self closing tag is `<foo />`.
    pub self_closing: bool,
    pub attrs: Vec<Attribute>,
    /// Whether duplicate attributes were encountered during tokenization.
    /// This is used for CSP nonce validation - elements with duplicate
    /// attributes are not nonceable per the CSP spec.
    pub had_duplicate_attributes: bool,
}

impl Tag {
    /// Are the tags equivalent when we don't care about attribute order?
    /// Also ignores the self-closing flag.
    pub fn equiv_modulo_attr_order(&self, other: &Tag) -> bool {
        if (self.kind != other.kind) || (self.name != other.name) {
            return false;
        }

        // Pith patch: the same answer without cloning both lists and sorting them with the
        // standard library's stable sort, several KB of wasm instantiated for `Attribute`
        // alone: the lists in the same order are equal at once (the usual case), lists of
        // different lengths never are, and otherwise references to the attributes are
        // sorted by a heapsort of a few lines (O(n log n) at worst, as before) and compared.
        if self.attrs == other.attrs {
            return true;
        }
        if self.attrs.len() != other.attrs.len() {
            return false;
        }
        let mut self_attrs: Vec<&Attribute> = self.attrs.iter().collect();
        let mut other_attrs: Vec<&Attribute> = other.attrs.iter().collect();
        heapsort(&mut self_attrs);
        heapsort(&mut other_attrs);

        self_attrs == other_attrs
    }

    pub(crate) fn get_attribute(&self, name: &LocalName) -> Option<StrTendril> {
        self.attrs
            .iter()
            .find(|attribute| attribute.name.ns == *ns!() && attribute.name.local == *name)
            .map(|attribute| attribute.value.clone())
    }
}

#[derive(PartialEq, Eq, Debug)]
pub enum Token {
    /// A DOCTYPE declaration like `<!DOCTYPE html>`
    DoctypeToken(Doctype),
    /// A opening or closing tag, like `<foo>` or `</bar>`
    TagToken(Tag),
    /// A comment like `<!-- foo -->`.
    CommentToken(StrTendril),
    /// A sequence of characters.
    CharacterTokens(StrTendril),
    /// A `U+0000 NULL` character in the input.
    NullCharacterToken,
    EOFToken,
    ParseError(Cow<'static, str>),
}

/// The result of a [TokenSink] consuming a single token.
#[derive(Debug, PartialEq)]
#[must_use]
pub enum TokenSinkResult<Handle> {
    /// The tokenizer can continue parsing the input as usual.
    Continue,
    /// The token sink has completed parsing a `<script>` tag, blocking the tokenizer
    /// until the script is executed.
    Script(Handle),
    /// The tokenizer should set its state to the [PLAINTEXT state](https://html.spec.whatwg.org/#plaintext-state).
    Plaintext,
    /// The tokenizer should set its state to the given rawdata state.
    RawData(states::RawKind),
    /// The document indicated that the given encoding should be used to parse it.
    ///
    /// HTML5-compatible implementations should parse the encoding label using the algorithm
    /// described in <https://encoding.spec.whatwg.org/#concept-encoding-get>. The label
    /// has not been validated by html5ever. Invalid or unknown encodings can be ignored.
    ///
    /// If the decoder is confident that the current encoding is correct then this message
    /// can safely be ignored.
    EncodingIndicator(StrTendril),
}

/// Types which can receive tokens from the tokenizer.
pub trait TokenSink {
    /// The type of a DOM node.
    type Handle;

    /// Process a token.
    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Self::Handle>;

    /// Signal that tokenization reached the end of the document.
    fn end(&self) {}

    /// Used in the [markup declaration open state]. By default, this always
    /// returns false and thus all CDATA sections are tokenized as bogus
    /// comments.
    ///
    /// [markup declaration open state]: https://html.spec.whatwg.org/multipage/#markup-declaration-open-state
    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use markup5ever::{LocalName, QualName};

    // Pith patch: `equiv_modulo_attr_order` against the sort it replaced, on generated
    // lists (few names and values, so that lists often hold the same attributes in
    // another order, and sometimes a name twice).
    #[test]
    fn attribute_order_is_ignored_as_the_sort_did() {
        let mut seed: u32 = 12345;
        let mut next = move |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % n
        };
        let attrs = |len: u32, next: &mut dyn FnMut(u32) -> u32| -> Vec<Attribute> {
            (0..len)
                .map(|_| Attribute {
                    name: QualName::new(None, ns!(), LocalName::from(["a", "b", "c", "href"][next(4) as usize])),
                    value: StrTendril::from(["1", "2", ""][next(3) as usize]),
                })
                .collect()
        };
        let tag = |attrs: Vec<Attribute>| Tag {
            kind: StartTag,
            name: LocalName::from("b"),
            self_closing: false,
            attrs,
            had_duplicate_attributes: false,
        };
        let (mut equal, mut unequal) = (0, 0);
        for _ in 0..20_000 {
            let len = next(5);
            let first = attrs(len, &mut next);
            let second = if next(2) == 0 {
                // The same attributes shuffled.
                let mut shuffled = first.clone();
                for i in (1..shuffled.len()).rev() {
                    shuffled.swap(i, next(i as u32 + 1) as usize);
                }
                shuffled
            } else {
                attrs(len + next(2), &mut next)
            };
            let (mut a, mut b) = (first.clone(), second.clone());
            a.sort();
            b.sort();
            let expected = a == b;
            assert_eq!(tag(first).equiv_modulo_attr_order(&tag(second)), expected);
            if expected {
                equal += 1;
            } else {
                unequal += 1;
            }
        }
        assert!(equal > 5_000 && unequal > 5_000, "{equal} {unequal}");
    }
}
