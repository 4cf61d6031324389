//! The WebAssembly binding: the only module that knows about JavaScript.
//!
//! It converts at the edge and nothing more: options in through serde-wasm-bindgen
//! (`null`/`undefined` = defaults), the `Article` out as a plain JS object, errors as
//! `JsError`. Panics are recorded by a hook so the extension can report them (the
//! `wasm` profile aborts on panic, which traps; the JS side catches the trap, reads
//! `lastPanic()`, and re-instantiates the module).

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::Options;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // The browser's Unicode tables rather than a second copy in the wasm (see `nfkc`).
        crate::text::nfkc::install(|text| js_sys::JsString::from(text).normalize("NFKC").into());
        std::panic::set_hook(Box::new(|info| {
            let message = info.to_string();
            web_sys::console::error_1(&JsValue::from_str(&format!("pith engine panic: {message}")));
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(message));
        }));
    });
}

/// The options object, read field by field: an absent (`undefined`) field keeps its default,
/// unknown fields are ignored, a field of the wrong type is an error. Not through
/// serde-wasm-bindgen's deserializer: its error path names the unexpected value, and
/// formatting a JS number there links core's float formatting (BENCHMARKS.md, *Shrinking
/// the wasm*) for a message only a wrong caller ever sees.
fn options_from(value: JsValue) -> Result<Options, JsError> {
    if value.is_null() || value.is_undefined() {
        return Ok(Options::default());
    }
    if !value.is_object() {
        return Err(JsError::new("invalid options: expected an object"));
    }
    let field = |name: &str| -> Result<Option<JsValue>, JsError> {
        let field = js_sys::Reflect::get(&value, &JsValue::from_str(name))
            .map_err(|_| JsError::new(&format!("invalid options: cannot read `{name}`")))?;
        Ok((!field.is_undefined()).then_some(field))
    };
    let wrong = |name: &str, expected: &str| JsError::new(&format!("invalid options: `{name}` must be {expected}"));
    let flag = |name: &str, slot: &mut bool| -> Result<(), JsError> {
        if let Some(field) = field(name)? {
            *slot = field.as_bool().ok_or_else(|| wrong(name, "a boolean"))?;
        }
        Ok(())
    };
    let mut options = Options::default();
    // Destructured, so that a new option cannot be forgotten here.
    let Options { dedupe, summary_sentences, sentences, fingerprint, markdown, body_is_article } = &mut options;
    flag("dedupe", dedupe)?;
    flag("sentences", sentences)?;
    flag("fingerprint", fingerprint)?;
    flag("markdown", markdown)?;
    flag("body_is_article", body_is_article)?;
    if let Some(field) = field("summary_sentences")? {
        let count = field.as_f64().filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n));
        *summary_sentences = count.ok_or_else(|| wrong("summary_sentences", "a whole number"))? as usize;
    }
    Ok(options)
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    // json_compatible: `None` becomes `null`, maps become plain objects.
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot return the result: {e}")))
}

/// Cleans a page: `clean(html, url?, options?)` → `Article`.
#[wasm_bindgen]
pub fn clean(html: &str, url: Option<String>, options: JsValue) -> Result<JsValue, JsError> {
    install_panic_hook();
    let options = options_from(options)?;
    let article = crate::clean(html, url.as_deref(), &options).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&article)
}

/// Cleans plain text (paragraphs separated by blank lines, or one per line when there is none).
#[wasm_bindgen(js_name = cleanText)]
pub fn clean_text(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    install_panic_hook();
    let options = options_from(options)?;
    let article = crate::clean_text(text, &options).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&article)
}

/// The message of the last panic, if the engine panicked (then the module must be
/// instantiated again).
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

/// The engine's version, for the extension's about line and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The fingerprint of an article for similar readings, from its title and text: what
/// `clean` gives with the `fingerprint` option, computed apart so the panel need not wait
/// for it (the service worker asks when it records the reading).
#[wasm_bindgen]
pub fn fingerprint(title: Option<String>, text: &str) -> Result<JsValue, JsError> {
    to_js(&crate::similarity::Fingerprint::of_article(title.as_deref(), text))
}

/// The reading history's similarity index, kept by the extension between requests.
/// Representations cross as typed arrays (cheap copies), not as objects.
#[wasm_bindgen]
pub struct SimilarityIndex {
    inner: crate::similarity::Index,
}

fn fingerprint_of(version: u32, terms: &[u32], counts: &[u32], minhash: &[u32]) -> crate::similarity::Fingerprint {
    crate::similarity::Fingerprint {
        version,
        terms: terms.to_vec(),
        counts: counts.to_vec(),
        minhash: minhash.to_vec(),
    }
}

#[wasm_bindgen]
impl SimilarityIndex {
    #[wasm_bindgen(constructor)]
    pub fn new() -> SimilarityIndex {
        install_panic_hook();
        SimilarityIndex { inner: crate::similarity::Index::new() }
    }

    /// Adds or replaces a record's representation; false when it is invalid or of
    /// another version (the record is then left out of the ranking).
    pub fn add(&mut self, id: &str, version: u32, terms: &[u32], counts: &[u32], minhash: &[u32]) -> bool {
        self.inner.add(id, &fingerprint_of(version, terms, counts, minhash))
    }

    pub fn remove(&mut self, id: &str) -> bool {
        self.inner.remove(id)
    }

    pub fn clear(&mut self) {
        self.inner.clear();
    }

    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.len()
    }

    /// The `k` most similar records: `[{ id, score, same_story }]`, best first.
    pub fn query(
        &self,
        version: u32,
        terms: &[u32],
        counts: &[u32],
        minhash: &[u32],
        k: usize,
        exclude: Option<String>,
    ) -> Result<JsValue, JsError> {
        let found = self.inner.query(&fingerprint_of(version, terms, counts, minhash), k, exclude.as_deref());
        to_js(&found)
    }
}

impl Default for SimilarityIndex {
    fn default() -> Self {
        SimilarityIndex::new()
    }
}
