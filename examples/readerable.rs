//! `pith::is_readerable` on files, for `make eval-readerable` (issue 18): the cheap check
//! the extension's automatic mode runs before it opens the panel. The CLI shows only
//! `clean()`'s `readerable`, so this reaches the library function itself. Prints one JSON
//! object per input file (JSON Lines): `{"file", "is_readerable"}` or `{"file", "error"}`.
//!
//! ```text
//! cargo run --release --example readerable -- FILE...
//! ```

use std::io::Write;

fn main() {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for file in std::env::args().skip(1) {
        // Decoded as the CLI decodes (BOM, <meta charset>, gzip), so both see the same text.
        let value = match std::fs::read(&file)
            .map_err(|e| e.to_string())
            .and_then(|b| pith::input::decode(&b).map_err(|e| e.to_string()))
        {
            Ok(html) => serde_json::json!({ "file": file, "is_readerable": pith::is_readerable(&html) }),
            Err(e) => serde_json::json!({ "file": file, "error": e }),
        };
        let _ = writeln!(out, "{value}");
    }
}
