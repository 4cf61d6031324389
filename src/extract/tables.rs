//! Tables: data tables are kept with their header rows, tables used for layout are
//! unwrapped into their cells' content.
//!
//! The test is Readability's (`_markDataTables`), applied as the article is rebuilt
//! (dom_smoothie marks only the tables of the article it picked, not those of the
//! second candidate).

use dom_query::NodeRef;

/// Is this `<table>` used for layout rather than data?
pub fn is_layout(table: &NodeRef) -> bool {
    if table.attr("role").is_some_and(|r| &*r == "presentation") || table.attr("datatable").is_some_and(|d| &*d == "0")
    {
        return true;
    }
    if table.has_attr("summary") {
        return false;
    }
    let mut rows = 0;
    let mut columns = 0;
    for d in table.descendants_it().filter(NodeRef::is_element) {
        let name = d.node_name().unwrap_or_default();
        match &*name {
            "caption" if d.children_it(false).next().is_some() => return false,
            "col" | "colgroup" | "tfoot" | "thead" | "th" => return false,
            "table" => return true,
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
            _ => {}
        }
    }
    if rows == 1 || columns == 1 {
        return true;
    }
    !(rows >= MIN_DATA_ROWS || columns > MIN_DATA_COLUMNS || rows * columns > MIN_DATA_CELLS)
}

/// Readability's thresholds: this many rows, more columns or more cells make a data table.
const MIN_DATA_ROWS: usize = 10;
const MIN_DATA_COLUMNS: usize = 4;
const MIN_DATA_CELLS: usize = 10;

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
             <table id=c><tr><td>1</td><td>2</td><td>3</td></tr><tr><td>4</td><td>5</td><td>6</td></tr><tr><td>7</td><td>8</td><td>9</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>",
        );
        let layout: Vec<bool> = ["#a", "#b", "#c"].iter().map(|s| is_layout(&dom.select(s).nodes()[0])).collect();
        assert_eq!(layout, [true, false, false]);
    }
}
