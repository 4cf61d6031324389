//! A compact representation of an article's content, for "similar readings".

use serde::{Deserialize, Serialize};

/// The article's most characteristic terms with their frequencies.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub terms: Vec<(String, u32)>,
}

impl Fingerprint {
    pub fn of_text(_text: &str) -> Fingerprint {
        Fingerprint::default()
    }
}
