//! What the per-file examples share (`smoothie`, `readerable`): each file named on the
//! command line is decoded as the CLI decodes it (BOM, `<meta charset>`, gzip) and handed
//! to `run` with its name; one JSON object per file is printed (JSON Lines) with the file's name, or
//! with an `error` when the file cannot be read. Arguments starting with `--` are options, not files.

use std::io::Write;

pub fn each_file(run: impl Fn(&str, &str) -> serde_json::Value) {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for file in std::env::args().skip(1).filter(|arg| !arg.starts_with("--")) {
        let mut value = match std::fs::read(&file)
            .map_err(|e| e.to_string())
            .and_then(|b| pith::input::decode(&b).map_err(|e| e.to_string()))
        {
            Ok(html) => run(&file, &html),
            Err(e) => serde_json::json!({ "error": e }),
        };
        value["file"] = file.into();
        let _ = writeln!(out, "{value}");
    }
}
