//! The command-line interface (native only; see `main.rs`).

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use pith::{Article, Options, PithError};

const USAGE: &str = "usage: pith [--url URL] [--format text|markdown|html|json|report] [--input html|text] \
[--summary N] [--no-dedupe] [FILE|-]...

Finds the article in each web page (FILE, or standard input for - or none), removes
duplicated paragraphs, and prints it. Gzipped input (.gz) is accepted.

  --url URL        the page's address, to resolve its links and images
  --format F       text (default), markdown, html, json (one object per line), report
  --input K        html, or text: paragraphs separated by blank lines (one per line when
                   there is none), no extraction; default: text for a .txt file, else html
  --summary N      sentences in the summary (default 3)
  --no-dedupe      keep duplicated paragraphs
  -h, --help       this help";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Markdown,
    Html,
    Json,
    Report,
}

#[derive(Clone, Copy, PartialEq)]
enum InputKind {
    Html,
    Text,
}

struct Cli {
    url: Option<String>,
    format: Format,
    /// As asked, or (None) by each file's name.
    input: Option<InputKind>,
    options: Options,
    files: Vec<String>,
}

pub fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(message) => {
            eprintln!("pith: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let many = cli.files.len() > 1;
    for file in &cli.files {
        let result = read_input(file).and_then(|input| run(&cli, file, &input));
        let written = match (&result, cli.format) {
            (Ok(article), Format::Json) => write_json(&mut out, file, Ok(article)),
            (Err(e), Format::Json) => {
                eprintln!("pith: {file}: {e}");
                write_json(&mut out, file, Err(e))
            }
            (Ok(article), format) => {
                // Said on standard error, so the output stays the article alone: a reader
                // who sees nothing printed learns why, and a batch learns which page.
                if article.word_count == 0 {
                    eprintln!("pith: {file}: no article found (no readable text on this page)");
                } else if !article.readerable {
                    eprintln!("pith: {file}: this looks like a home, section or listing page, not an article");
                }
                if many {
                    let _ = writeln!(out, "==> {file} <==");
                }
                write_article(&mut out, article, format)
            }
            (Err(e), _) => {
                eprintln!("pith: {file}: {e}");
                Ok(())
            }
        };
        failed |= result.is_err();
        if let Err(e) = written.and_then(|_| out.flush()) {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("pith: writing output: {e}");
            return ExitCode::FAILURE;
        }
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn parse_args() -> Result<Cli, String> {
    use lexopt::prelude::*;
    let mut cli = Cli { url: None, format: Format::Text, input: None, options: Options::default(), files: Vec::new() };
    let mut parser = lexopt::Parser::from_env();
    let value = |parser: &mut lexopt::Parser| -> Result<String, String> {
        parser.value().map_err(|e| e.to_string())?.into_string().map_err(|_| "arguments must be UTF-8".to_string())
    };
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("url") => cli.url = Some(value(&mut parser)?),
            Long("format") => {
                cli.format = match value(&mut parser)?.as_str() {
                    "text" => Format::Text,
                    "markdown" | "md" => Format::Markdown,
                    "html" => Format::Html,
                    "json" => Format::Json,
                    "report" => Format::Report,
                    other => return Err(format!("unknown format {other:?}")),
                }
            }
            Long("input") => {
                cli.input = match value(&mut parser)?.as_str() {
                    "html" => Some(InputKind::Html),
                    "text" => Some(InputKind::Text),
                    other => return Err(format!("unknown input kind {other:?}")),
                }
            }
            Long("summary") => {
                let n = value(&mut parser)?;
                cli.options.summary_sentences =
                    n.parse().map_err(|_| format!("--summary wants a number, got {n:?}"))?;
            }
            Long("no-dedupe") => cli.options.dedupe = false,
            Short('h') | Long("help") => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            Value(file) => cli.files.push(file.into_string().map_err(|_| "file names must be UTF-8".to_string())?),
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    if cli.files.is_empty() {
        cli.files.push("-".into());
    }
    Ok(cli)
}

fn read_input(file: &str) -> Result<String, PithError> {
    let mut bytes = Vec::new();
    let read = if file == "-" {
        io::stdin().lock().take(pith::MAX_INPUT_BYTES as u64 * 4).read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(Path::new(file)).map(|b| bytes = b)
    };
    read.map_err(|e| PithError::Read(e.to_string()))?;
    pith::input::decode(&bytes)
}

/// What a file holds when `--input` does not say: a `.txt` file is plain text (read as
/// HTML, its lines would run together into one paragraph), anything else a page.
fn input_kind_of(file: &str) -> InputKind {
    let name = file.to_ascii_lowercase();
    if name.ends_with(".txt") || name.ends_with(".txt.gz") { InputKind::Text } else { InputKind::Html }
}

fn run(cli: &Cli, file: &str, input: &str) -> Result<Article, PithError> {
    let kind = cli.input.unwrap_or_else(|| input_kind_of(file));
    // A panic is a bug in the engine; one page's must not take the batch's other files
    // with it (their records would silently be missing from the JSON Lines).
    std::panic::catch_unwind(|| match kind {
        InputKind::Html => pith::clean(input, cli.url.as_deref(), &cli.options),
        InputKind::Text => pith::clean_text(input, &cli.options),
    })
    .unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the engine panicked".to_string());
        Err(PithError::Internal(message))
    })
}

fn write_json(out: &mut impl Write, file: &str, article: Result<&Article, &PithError>) -> io::Result<()> {
    let mut value = match article {
        Ok(article) => serde_json::to_value(article).map_err(io::Error::other)?,
        Err(e) => serde_json::json!({ "error": e.to_string() }),
    };
    if let Some(object) = value.as_object_mut() {
        object.insert("file".into(), file.into());
    }
    serde_json::to_writer(&mut *out, &value).map_err(io::Error::other)?;
    writeln!(out)
}

fn write_article(out: &mut impl Write, article: &Article, format: Format) -> io::Result<()> {
    match format {
        Format::Text => writeln!(out, "{}", article.text),
        Format::Markdown => writeln!(out, "{}", article.markdown.as_deref().unwrap_or_default()),
        Format::Html => writeln!(out, "{}", article.html),
        Format::Report => write_report(out, article),
        Format::Json => unreachable!("JSON is written per input by write_json"),
    }
}

/// A human-readable overview: what `make` shows on the sample page.
fn write_report(out: &mut impl Write, a: &Article) -> io::Result<()> {
    let or_dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".into());
    writeln!(out, "Title:     {}", or_dash(&a.title))?;
    writeln!(out, "Byline:    {}", or_dash(&a.byline))?;
    writeln!(out, "Site:      {}", or_dash(&a.site_name))?;
    writeln!(out, "Published: {}", or_dash(&a.published_time))?;
    writeln!(out, "Language:  {}", or_dash(&a.lang))?;
    writeln!(
        out,
        "Stats:     {} words · {} min read · {} paragraphs · {} duplicated paragraphs removed{}",
        a.word_count,
        a.reading_minutes,
        a.paragraph_count,
        a.duplicates.len(),
        if a.readerable { "" } else { " · not an article page" }
    )?;
    writeln!(out, "\nSummary:")?;
    for sentence in &a.summary {
        writeln!(out, "  • {sentence}")?;
    }
    if !a.duplicates.is_empty() {
        writeln!(out, "\nRemoved duplicates:")?;
        for d in &a.duplicates {
            let preview: String = d.text.chars().take(70).collect();
            writeln!(
                out,
                "  ¶{} repeats ¶{} ({:?}, {:.2}): {preview}…",
                d.index + 1,
                d.repeats + 1,
                d.kind,
                d.similarity
            )?;
        }
    }
    writeln!(out, "\nText:\n\n{}", a.text)
}
