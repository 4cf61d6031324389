//! Pith's engine: a web page in, a clean, de-duplicated, measured and summarised article out.
//!
//! Everything here is pure Rust. The command-line tool (`src/bin/pith/`) and the
//! browser extension (through the small binding in `wasm_api.rs`) call the same [`clean`]
//! function, so the native tests cover what the browser runs.
//!
//! The module docs describe the private modules and tunables for whoever works on the
//! engine, so they link to them: read them with `cargo doc --document-private-items`.
#![forbid(unsafe_code)]
#![allow(rustdoc::private_intra_doc_links)]

mod article;
pub mod dedupe;
pub mod document;
mod error;
pub mod extract;
pub mod links;
mod options;
pub mod render;
pub mod similarity;
pub mod stats;
pub mod summary;
pub mod text;

#[cfg(not(target_arch = "wasm32"))]
pub mod input;
/// The WebAssembly binding (the only module that knows about JavaScript).
#[cfg(target_arch = "wasm32")]
pub mod wasm_api;

pub use article::{Article, Duplicate, DuplicateKind, ReadingTime};
pub use document::Document;
pub use error::PithError;
pub use extract::Metadata;
pub use options::Options;

/// Pages larger than this are refused with [`PithError::TooLarge`] rather than risk
/// a tab that hangs: see README ("Limits"). 24 MiB is many times the largest news page
/// in our corpora, leaves room for the 20 MB pages of the cost-growth benchmark, and
/// still refuses the 30 MB hostile page of the hardening tests.
pub const MAX_INPUT_BYTES: usize = 24 * 1024 * 1024;

/// Cleans a web page: the whole pipeline, used by the CLI and the extension alike.
///
/// `url` is the page's address; relative links and images are made absolute against it.
pub fn clean(html: &str, url: Option<&str>, options: &Options) -> Result<Article, PithError> {
    check_size(html.len())?;
    if html.trim().is_empty() {
        return Err(PithError::Empty);
    }
    // 1. Parse the page and find the article and its metadata (`extract`); the article's
    //    content comes back rebuilt through Pith's allow-list (`document`). (A page that
    //    held only scripts and styles has no article, which is not an empty input.)
    //    The reader may have chosen the article by hand: then the page's body is it.
    let extracted =
        if options.body_is_article { extract::extract_body(html, url)? } else { extract::extract(html, url)? };
    // 2-5. Dedupe, measure, summarise, render.
    Ok(finish(
        extracted.metadata,
        extracted.content,
        Judged { readerable: extracted.readerable, automatic: extracted.automatic },
        options,
    ))
}

/// Cleans plain text (paragraphs separated by blank lines, or one per line when there is no
/// blank line: `Document::from_plain_text`): no extraction, the rest of the
/// pipeline as for a page. For statistics and summaries of text (`pith --input text`).
pub fn clean_text(text: &str, options: &Options) -> Result<Article, PithError> {
    check_size(text.len())?;
    let content = Document::from_plain_text(text);
    Ok(finish(Metadata::default(), content, Judged { readerable: true, automatic: true }, options))
}

/// Should automatic mode open the panel on this page, at this address when it is known: the
/// `automatic` of [`clean`], without the steps after extraction (for the evaluation tools;
/// the extension reads `automatic` from its one clean). The same model as the `readerable`
/// of a click, with a stricter cut and what the address says: automatic mode acts unasked,
/// so a page that is not an article must not pass (`extract::article_page`).
pub fn is_readerable(html: &str, url: Option<&str>) -> bool {
    html.len() <= MAX_INPUT_BYTES && extract::is_readerable(html, url)
}

fn check_size(len: usize) -> Result<(), PithError> {
    if len > MAX_INPUT_BYTES {
        return Err(PithError::TooLarge { size: len, limit: MAX_INPUT_BYTES });
    }
    Ok(())
}

/// Whether the pipeline judged its input an article page: for a click, and for automatic mode.
struct Judged {
    readerable: bool,
    automatic: bool,
}

/// Steps 2-5 of the pipeline, shared by pages and plain text.
fn finish(metadata: Metadata, mut content: Document, judged: Judged, options: &Options) -> Article {
    // 2. Remove duplicated paragraphs, keeping the first (or fuller) copy in its place.
    let (duplicates, paragraphs) = if options.dedupe {
        let deduped = dedupe::remove_duplicates(&mut content);
        (deduped.duplicates, deduped.paragraphs)
    } else {
        (Vec::new(), content.paragraph_texts())
    };
    // 3. Measure the de-duplicated body.
    let word_count = stats::count_words_in(&paragraphs);
    let reading_time = stats::reading_time(&word_count);
    // 4. Summarise: whole prose sentences, in document order.
    let summary = summary::summarize_article(&content, &paragraphs, word_count.total(), options.summary_sentences);
    // (Every sentence, for reading aloud: the splitter's alone, whatever the summary picks.)
    let sentences = options
        .sentences
        .then(|| paragraphs.iter().flat_map(|p| text::sentences::split(p)).map(str::to_string).collect());
    // 5. Render the clean content three ways.
    let text = render::text(&content);
    let markdown = options.markdown.then(|| render::markdown(metadata.title.as_deref(), &content));
    let fingerprint =
        options.fingerprint.then(|| similarity::Fingerprint::of_article(metadata.title.as_deref(), &text));
    Article {
        url: metadata.url,
        title: metadata.title,
        byline: metadata.byline,
        site_name: metadata.site_name,
        published_time: metadata.published_time,
        lang: metadata.lang,
        dir: metadata.dir,
        excerpt: metadata.excerpt,
        lead_image_url: metadata.lead_image_url,
        readerable: judged.readerable,
        automatic: judged.automatic,
        html: render::html(&content),
        markdown,
        text,
        word_count: word_count.total(),
        reading_minutes: reading_time.minutes,
        reading_time,
        paragraph_count: paragraphs.len(),
        duplicates,
        summary,
        sentences,
        fingerprint,
    }
}
