//! `pith`: the engine on the command line.
//!
//! ```text
//! pith [--url URL] [--format text|markdown|html|json|report] [--input html|text]
//!      [--summary N] [--no-dedupe] [FILE|-]...
//! ```
//! `json` prints one article per input per line (JSON Lines) with a `file` field; a
//! failing input yields `{"file": ..., "error": ...}` and the others still run.

// Cargo builds every binary for every target, including wasm32 when it runs the wasm
// tests; the CLI reads files and exits, so it exists only natively.
#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
