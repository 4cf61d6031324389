//! html5ever's tokenizer and tree builder on each page named on the command line, through
//! dom_query's `Document` as dom_smoothie parses a page.
fn main() {
    // Printed so that no work can be optimised away.
    let mut nodes = 0;
    for path in std::env::args().skip(1) {
        let html = std::fs::read_to_string(&path).unwrap_or_default();
        nodes += dom_query::Document::from(html).root().descendants().len();
    }
    println!("{nodes}");
}
