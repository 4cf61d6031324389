//! Tables: data tables are kept with their header rows, tables used for layout are
//! unwrapped into their cells' content.
//!
//! Readability's signals of a data table (a caption, header cells, column groups) and of a
//! layout table (`role="presentation"`, a table inside, a single row or column) come first;
//! beyond them, a table where a good share of the cells are columns of a page (several
//! blocks, a heading or a list, or a long text) lays the page out (a share, not one cell:
//! data tables wrap each cell in a `<p>`, as Dropbox's blog does, or hold one long cell
//! among many, as Wikipedia's lists do). Readability's counts (ten rows, five columns,
//! eleven cells) then make a data table; a smaller one is data only when it is a grid of
//! texts, (nearly) every cell holding a word or a number (a 3x2 table of names and scores;
//! Readability calls it layout), not pictures in a row or labels beside empty cells.

use dom_query::NodeRef;

use super::{attr_is, walk_descendants};

/// A cell holding more text than this is a column of the page, not a datum.
const MAX_DATA_CELL_CHARS: usize = 300;

/// Readability's thresholds: this many rows, more columns or more cells make a data table.
const MIN_DATA_ROWS: usize = 10;
const MIN_DATA_COLUMNS: usize = 4;
const MIN_DATA_CELLS: usize = 10;

/// A table is laid out when at least one cell in this many is a column of the page (a
/// two-column page is one such cell of two; a sidebar, text and footer, one of three).
const LAYOUT_CELL_SHARE: usize = 4;

/// A small table is data when at most one cell in this many holds no word or number (a
/// "-" for a missing value), layout beyond.
const EMPTY_DATA_CELL_SHARE: usize = 8;

/// Is this `<table>` used for layout rather than data?
pub fn is_layout(table: &NodeRef) -> bool {
    if attr_is(table, "role", "presentation") || attr_is(table, "datatable", "0") {
        return true;
    }
    if table.has_attr("summary") {
        return false;
    }
    let mut rows = 0;
    let mut columns = 0;
    let mut cells = 0;
    let mut page_columns = 0;
    let mut wordless = 0;
    let mut verdict = None;
    walk_descendants(table, &mut |d| {
        let name = d.node_name().unwrap_or_default();
        match &*name {
            "caption" if d.first_child().is_some() => verdict = Some(false),
            "col" | "colgroup" | "tfoot" | "thead" | "th" => verdict = Some(false),
            "table" => verdict = Some(true),
            "tr" => {
                rows += 1;
                let cells: usize = d
                    .element_children()
                    .iter()
                    .filter(|c| c.has_name("td"))
                    .map(|c| c.attr("colspan").and_then(|s| s.parse().ok()).unwrap_or(1usize))
                    .sum();
                columns = columns.max(cells);
            }
            "td" => {
                cells += 1;
                page_columns += usize::from(is_page_column(&d));
                wordless += usize::from(!d.text().chars().any(char::is_alphanumeric));
            }
            _ => {}
        }
        verdict.is_none()
    });
    if let Some(verdict) = verdict {
        return verdict;
    }
    if rows <= 1 || columns <= 1 || page_columns * LAYOUT_CELL_SHARE >= cells {
        return true;
    }
    let large = rows >= MIN_DATA_ROWS || columns > MIN_DATA_COLUMNS || rows * columns > MIN_DATA_CELLS;
    !(large || wordless * EMPTY_DATA_CELL_SHARE <= cells)
}

/// Does this cell hold a column of a page rather than a datum: a long text, a heading, a
/// list or a quote, or several paragraphs?
fn is_page_column(cell: &NodeRef) -> bool {
    if crate::document::non_whitespace_chars(&cell.text()) > MAX_DATA_CELL_CHARS {
        return true;
    }
    let mut blocks = 0;
    let mut column = false;
    walk_descendants(cell, &mut |d| {
        match d.node_name().as_deref() {
            Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "blockquote" | "pre" | "figure") => {
                column = true
            }
            Some("p" | "div") => blocks += 1,
            _ => {}
        }
        !column
    });
    column || blocks > 1
}

/// The parts of a table's structure, unwrapped with the table.
pub fn is_table_part(name: &str) -> bool {
    matches!(name, "thead" | "tbody" | "tfoot" | "tr" | "td" | "th" | "caption" | "colgroup" | "col")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_and_data_tables() {
        let dom = dom_query::Document::from(
            "<table id=a><tr><td>Text of the page</td><td>Sidebar</td></tr></table>\
             <table id=b><thead><tr><th>Year</th><th>Sales</th></tr></thead><tr><td>2020</td><td>4</td></tr></table>\
             <table id=c><tr><td>Name</td><td>Score</td></tr><tr><td>Alice</td><td>95</td></tr></table>\
             <table id=d><tr><td><h2>A column</h2><p>of the page.</p></td><td><p>Another</p><p>column.</p></td></tr><tr><td>x</td><td>y</td></tr></table>\
             <table id=e><tr><td><p>Status</p></td><td><p>Active</p></td></tr><tr><td><p>Owner</p></td><td><p>Team</p></td></tr></table>\
             <table id=g><tr><td>Rate this page:</td><td></td></tr><tr><td>Votes: 6</td><td></td></tr></table>",
        );
        let long = format!(
            "<table id=f><tr><td>Year</td><td>Film</td><td>Note</td></tr><tr><td>2019</td><td>Jallikattu</td><td>{}</td></tr>\
             <tr><td>2021</td><td>Churuli</td><td>-</td></tr></table>",
            "A long note. ".repeat(30)
        );
        let long = dom_query::Document::from(long.as_str());
        let mut layout: Vec<bool> =
            ["#a", "#b", "#c", "#d", "#e", "#g"].iter().map(|s| is_layout(&dom.select(s).nodes()[0])).collect();
        layout.push(is_layout(&long.select("#f").nodes()[0]));
        // A table of two columns of the page is layout, and a small one with empty cells;
        // one of data with each cell in a `<p>`, or with one long cell among nine, is data.
        assert_eq!(layout, [true, false, false, true, false, true, false]);
    }
}
