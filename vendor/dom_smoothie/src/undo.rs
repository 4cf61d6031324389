//! Pith patch: a failed extraction attempt undone, instead of every attempt made on a copy
//! of the page.
//!
//! `grab_article` retries with relaxed flags when an attempt finds too little text, and each
//! retry must start from the page as it was before the first attempt. Upstream copied the
//! whole document before every attempt (every node, every element's attribute list), and
//! most pages succeed at the first attempt, so the copy was mostly built to be dropped.
//! Instead, [`Undo::start`] records the links of every node reachable from the document's
//! root, and the attempt records an element before each change of it (the edits below:
//! the only ways an attempt changes an element; its other edits only move nodes or create
//! them); [`Undo::restore`] puts both back. Nodes an attempt created stay
//! in the tree's arena (dom_query cannot drop them) and nothing links to them after a
//! restore (their own edits are recorded and restored too, harmlessly); their ids stay
//! larger than every original node's, as they were in a copy.

use std::cell::RefCell;

use dom_query::{Document, Element, NodeData, NodeId, NodeRef, TreeNode};

/// What a restore puts back.
struct Journal {
    /// Every node reachable from the root when the undo started, with its links
    /// (`TreeNode`'s `parent`, `prev_sibling`, `next_sibling`, `first_child`,
    /// `last_child`, in that order).
    links: Vec<(NodeId, [Option<NodeId>; 5])>,
    /// Each element as it was before an edit, in the order of the edits, once per edit (no
    /// set: its code costs more wasm than the copies it saves); restored last to first, so
    /// the first record of an element wins.
    saved: Vec<(NodeId, Element)>,
}

thread_local! {
    // A thread-local rather than a parameter: the edits happen deep in the attempt's
    // helpers (scoring, `prep_article`), which would all have to pass it on.
    static JOURNAL: RefCell<Option<Journal>> = const { RefCell::new(None) };
}

/// While it lives, the document's links as they were when it started and every element
/// changed through the edits below are recorded, and [`Undo::restore`] puts them back.
pub(crate) struct Undo;

// `start`, `restore` and `note` are not inlined, so that a profile names what the undo
// costs (their one or two callers would not shrink by it).
impl Undo {
    #[inline(never)]
    pub(crate) fn start(doc: &Document) -> Self {
        let tree = &doc.tree;
        let root = tree.root().id;
        let mut links = Vec::new();
        for id in std::iter::once(root).chain(tree.descendant_ids_of_it(&root)) {
            tree.query_node(&id, |node| {
                let TreeNode { parent, prev_sibling, next_sibling, first_child, last_child, .. } =
                    *node;
                links.push((id, [parent, prev_sibling, next_sibling, first_child, last_child]));
            });
        }
        JOURNAL.with_borrow_mut(|journal| {
            *journal = Some(Journal {
                links,
                saved: Vec::new(),
            });
        });
        Undo
    }

    /// Puts the document back as it was when the undo started; the undo goes on recording.
    #[inline(never)]
    pub(crate) fn restore(&self, doc: &Document) {
        JOURNAL.with_borrow_mut(|journal| {
            let Some(journal) = journal else {
                return;
            };
            let tree = &doc.tree;
            for (id, links) in &journal.links {
                tree.update_node(id, |node| {
                    [
                        node.parent,
                        node.prev_sibling,
                        node.next_sibling,
                        node.first_child,
                        node.last_child,
                    ] = *links;
                });
            }
            while let Some((id, saved)) = journal.saved.pop() {
                tree.update_node(&id, |node| {
                    if let NodeData::Element(element) = &mut node.data {
                        *element = saved;
                    }
                });
            }
        });
    }
}

impl Drop for Undo {
    fn drop(&mut self) {
        JOURNAL.with_borrow_mut(|journal| *journal = None);
    }
}

/// Keeps the element as it is before an edit, while an undo records.
#[inline(never)]
fn note(node: &NodeRef) {
    JOURNAL.with_borrow_mut(|journal| {
        if let Some(journal) = journal {
            node.query(|n| {
                if let NodeData::Element(element) = &n.data {
                    journal.saved.push((node.id, element.clone()));
                }
            });
        }
    });
}

pub(crate) fn set_attr(node: &NodeRef, name: &str, value: &str) {
    note(node);
    node.set_attr(name, value);
}

pub(crate) fn remove_attr(node: &NodeRef, name: &str) {
    remove_attrs(node, &[name]);
}

/// As `NodeRef::remove_attrs`; the element is recorded only when it has one of them.
pub(crate) fn remove_attrs(node: &NodeRef, names: &[&str]) {
    let has_one = node.query_or(false, |n| match &n.data {
        NodeData::Element(e) => e.attrs.iter().any(|a| names.contains(&a.name.local.as_ref())),
        _ => false,
    });
    if has_one {
        note(node);
        node.remove_attrs(names);
    }
}

pub(crate) fn rename(node: &NodeRef, name: &str) {
    note(node);
    node.rename(name);
}
