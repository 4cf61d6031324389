//! The wasm binding, in headless Chromium (`make test-wasm`).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED_PAGE: &str = include_str!("fixtures/seed-news-page.html");

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen_test]
fn clean_returns_a_plain_article_object() {
    let article = pith::wasm_api::clean(SEED_PAGE, Some("https://news.example/a".into()), JsValue::NULL).unwrap();
    assert_eq!(get(&article, "word_count").as_f64(), Some(251.0));
    assert_eq!(
        get(&article, "title").as_string().as_deref(),
        Some("Blinken warns Israel against Rafah ground offensive")
    );
    assert_eq!(js_sys::Array::from(&get(&article, "duplicates")).length(), 5);
    // Absent metadata is null, not undefined or a missing key.
    assert!(get(&article, "lead_image_url").is_null() || get(&article, "lead_image_url").is_string());
}

#[wasm_bindgen_test]
fn options_are_read_from_a_js_object() {
    let options = js_sys::JSON::parse(r#"{"dedupe": false, "summary_sentences": 1}"#).unwrap();
    let article = pith::wasm_api::clean(SEED_PAGE, None, options).unwrap();
    assert_eq!(js_sys::Array::from(&get(&article, "duplicates")).length(), 0);
    assert_eq!(js_sys::Array::from(&get(&article, "summary")).length(), 1);
}

#[wasm_bindgen_test]
fn bad_options_and_bad_input_are_errors_not_panics() {
    let bad = js_sys::JSON::parse(r#"{"summary_sentences": "three"}"#).unwrap();
    assert!(pith::wasm_api::clean(SEED_PAGE, None, bad).is_err());
    assert!(pith::wasm_api::clean("", None, JsValue::UNDEFINED).is_err());
    assert!(pith::wasm_api::clean(SEED_PAGE, Some("not a url".into()), JsValue::UNDEFINED).is_err());
}
