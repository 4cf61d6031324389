//! dom_smoothie on each page named after MODE, as its users call it.
//! MODE `parse`: `Readability::parse`, the article serialised to HTML and text.
//! MODE `in_place` (feature `in_place`): `parse_in_place`, the article left in the document.
use dom_smoothie::Readability;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().expect("usage: smoothie parse|in_place PAGE...");
    // Printed so that no work can be optimised away.
    let mut output_size = 0;
    for path in args {
        let html = std::fs::read_to_string(&path).unwrap_or_default();
        let Ok(mut readability) = Readability::new(html, None, None) else { continue };
        match mode.as_str() {
            "parse" => {
                if let Ok(article) = readability.parse() {
                    output_size += article.content.len() + article.text_content.len();
                }
            }
            #[cfg(feature = "in_place")]
            "in_place" => {
                if readability.parse_in_place().is_ok() {
                    output_size += readability.article_root().map_or(0, |root| root.children().len());
                }
            }
            _ => panic!("unknown mode {mode}"),
        }
    }
    println!("{output_size}");
}
