//! Steps before parsing, on the page's HTML as text.

mod nesting;
mod prune;
mod tags;

pub use nesting::limit_nesting;
pub use prune::prune;
