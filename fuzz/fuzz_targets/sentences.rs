//! Fuzzes the sentence splitter: any text; every sentence is a non-empty, trimmed slice
//! of the input, and the sentences come in order without overlapping.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let base = text.as_ptr() as usize;
    let mut end_of_previous = 0;
    for s in pith::text::sentences::split(text) {
        assert!(!s.is_empty() && s.trim() == s, "{s:?}");
        let start = s.as_ptr() as usize - base;
        assert!(start >= end_of_previous && start + s.len() <= text.len(), "slice out of order");
        end_of_previous = start + s.len();
    }
});
