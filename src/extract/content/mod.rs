//! Steps on the clean article, Pith's [`Document`](crate::document::Document): the
//! boilerplate left inside it, the choice among the candidates, the lead, the metadata.

mod boilerplate;
mod choose;
mod jsonld;
mod lead;
mod metadata;

pub use boilerplate::prune as prune_boilerplate;
pub use choose::{choose_second, json_ld_fallback};
pub use lead::{prepend_lead, prepend_lead_picture};
pub use metadata::{TITLE_SEPARATORS, byline, iso_datetime, metadata};
