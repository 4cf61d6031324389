//! The summary scorer's side of `tools/summary-train`: what the engine reads of each sentence,
//! and the summaries that other scorers would give, through the engine's own code (the text
//! pipeline of `pith --input text`: paragraphs, de-duplication, then the summary).
//!
//! Usage, articles as JSON Lines `{"article": TEXT}` on stdin, one JSON line out per article:
//! - `summary_model features`: `{"sentences": [...], "features": [[f32; FEATURES]...]}`;
//! - `summary_model summarize MODELS.json N`: `{"summaries": [[...], ...]}`, one summary of
//!   N sentences per scorer of MODELS.json (`[{"weights": [...], "redundancy": x}, ...]`), or
//!   per scorer the line names by index (`{"article": TEXT, "models": [0, 5, ...]}`).

use std::io::{BufRead, Write};

use pith::document::Document;
use pith::summary::{self, FEATURES, Model};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let models: Vec<Model> = match args.first().map(String::as_str) {
        Some("features") => Vec::new(),
        Some("summarize") if args.len() == 3 => {
            let text = std::fs::read_to_string(&args[1]).expect("the models file");
            let json: serde_json::Value = serde_json::from_str(&text).expect("the models as JSON");
            json.as_array().expect("a list of models").iter().map(model).collect()
        }
        _ => {
            eprintln!("usage: summary_model features | summary_model summarize MODELS.json N  (articles on stdin)");
            std::process::exit(2);
        }
    };
    let sentences: usize = args.get(2).map_or(3, |n| n.parse().expect("N, a number"));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin");
        if line.trim().is_empty() {
            continue;
        }
        let input: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
        let mut doc = Document::from_plain_text(input["article"].as_str().unwrap_or_default());
        let paragraphs = pith::dedupe::remove_duplicates(&mut doc).paragraphs;
        let value = if models.is_empty() {
            let (texts, features): (Vec<String>, Vec<[f32; FEATURES]>) =
                summary::sentence_features(&doc, &paragraphs).into_iter().unzip();
            serde_json::json!({ "sentences": texts, "features": features })
        } else {
            // Only the models the line names ("models": [index, ...]), or all of them.
            let chosen: Vec<Model> = match input["models"].as_array() {
                Some(list) => list.iter().filter_map(|k| models.get(k.as_u64()? as usize).cloned()).collect(),
                None => models.clone(),
            };
            serde_json::json!({ "summaries": summary::summarize_article_with(&doc, &paragraphs, sentences, &chosen) })
        };
        writeln!(out, "{value}").expect("stdout");
    }
}

fn model(json: &serde_json::Value) -> Model {
    let mut weights = [0.0; FEATURES];
    for (w, v) in weights.iter_mut().zip(json["weights"].as_array().expect("weights")) {
        *w = v.as_f64().expect("a weight") as f32;
    }
    Model { weights, redundancy: json["redundancy"].as_f64().expect("redundancy") as f32 }
}
