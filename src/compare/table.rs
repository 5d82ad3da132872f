//! The terminal table: rows in columns fitted to the terminal's width.
//!
//! comfy-table lays the rows out by display width (a CJK character takes two
//! columns), numbers right-aligned, one line per row: a cell too wide for
//! its column is cut with `…`. Before that, paths lose the folder they all
//! share (named once above the table) and are cut at their start, keeping
//! the file name that tells rows apart; text is put on one line and metrics
//! formatted for reading. The default columns are shown as many as fit
//! whole, the rest named below the table; columns asked for are all shown.

use std::io::{self, Write};

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, TableStyle, Width};

use super::Row;
use super::columns::{Cell, Column, TABLE_COLUMNS, named};
use super::format::{display_width, single_line, truncate_start};

/// Widest a path gets, as a share of the table's width (the rest is for
/// the figures).
const PATH_SHARE: f64 = 0.35;
/// Narrowest a path is cut to, whatever the width.
const PATH_MIN_WIDTH: usize = 16;
/// The blanks around a cell (one on each side).
const PADDING: usize = 2;
/// Widest a text column other than the path gets in a table fitted to a
/// width (a long title or target is cut with `…`).
const TEXT_MAX_WIDTH: usize = 24;

/// A header, a rule of dashes, rows; no borders.
const STYLE: TableStyle = TableStyle::new().header_separator(comfy_table::LineStyle::none().fill('-').junction(' '));

/// Which columns the table shows and how wide it may be.
#[derive(Debug, Clone, Default)]
pub struct TableLayout {
    /// The columns, in order; `None` for [`TABLE_COLUMNS`] less those no
    /// row fills.
    pub columns: Option<Vec<Column>>,
    /// The terminal's width in columns; `None` to print every cell whole.
    pub width: Option<u16>,
}

/// The folder every path starts with (up to and including its last `/`),
/// when all rows have a path and share one.
fn shared_folder(rows: &[Row]) -> Option<String> {
    let mut paths = rows.iter().map(|row| row.path.as_deref());
    let first = paths.next()??;
    let mut shared = &first[..first.rfind('/').map_or(0, |slash| slash + 1)];
    for path in paths {
        let path = path?;
        while !path.starts_with(shared) {
            shared = &shared[..shared[..shared.len() - 1].rfind('/').map_or(0, |slash| slash + 1)];
        }
    }
    (!shared.is_empty()).then(|| shared.to_owned())
}

/// The columns shown: those asked for, or the default ones that some row
/// fills.
fn shown_columns(rows: &[Row], layout: &TableLayout) -> Vec<Column> {
    if let Some(columns) = &layout.columns {
        return columns.clone();
    }
    let default = named(&TABLE_COLUMNS).unwrap_or_default();
    default
        .into_iter()
        .filter(|column| {
            column.name() == "path" || rows.iter().any(|row| !matches!(column.cell(row), Cell::Missing))
        })
        .collect()
}

/// Writes the rows as a table fitted to `layout.width`: a header, a rule,
/// one line per row; then, when the default columns do not all fit, a line
/// naming those left out. Paths below one folder are shown without it, and
/// a line before the table names it.
pub fn write_table(rows: &[Row], layout: &TableLayout, out: &mut dyn Write) -> io::Result<()> {
    let folder = shared_folder(rows);
    let path_budget = layout
        .width
        .map(|width| ((f64::from(width) * PATH_SHARE) as usize).max(PATH_MIN_WIDTH));
    let cell_text = |column: Column, row: &Row| {
        let text = column.cell(row).display();
        if column.name() != "path" {
            return text;
        }
        let text = match &folder {
            Some(folder) => text.strip_prefix(folder.as_str()).unwrap_or(&text).to_owned(),
            None => text,
        };
        match path_budget {
            Some(budget) => truncate_start(&text, budget),
            None => text,
        }
    };
    let mut columns = shown_columns(rows, layout);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| columns.iter().map(|column| cell_text(*column, row)).collect())
        .collect();
    // Each column's natural width, padding included.
    let natural: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            let widest = cells.iter().map(|row| display_width(&row[index])).max().unwrap_or(0);
            let capped = match layout.width {
                Some(_) if !column.is_numeric() && column.name() != "path" => widest.min(TEXT_MAX_WIDTH),
                _ => widest,
            };
            capped.max(display_width(column.name())) + PADDING
        })
        .collect();
    // The default columns, as many as fit whole; the ones asked for, all.
    let mut kept = columns.len();
    if let (Some(width), None) = (layout.width, &layout.columns) {
        let mut used = 0;
        kept = natural
            .iter()
            .take_while(|column_width| {
                used += **column_width;
                used <= usize::from(width)
            })
            .count()
            .max(1);
    }
    let left_out: Vec<&str> = columns[kept..].iter().map(|column| column.name()).collect();
    columns.truncate(kept);

    let mut table = Table::new();
    table.load_style(STYLE).set_truncation_indicator("…");
    let mut header = comfy_table::Row::from(columns.iter().map(|column| column.name()).collect::<Vec<&str>>());
    header.max_height(1);
    table.set_header(header);
    match layout.width {
        Some(width) => table.set_content_arrangement(ContentArrangement::Dynamic).set_width(width),
        None => table.set_content_arrangement(ContentArrangement::Disabled),
    };
    for row in &cells {
        let mut line = comfy_table::Row::from(row[..kept].to_vec());
        line.max_height(1);
        table.add_row(line);
    }
    for (index, column) in columns.iter().enumerate() {
        if let Some(shown) = table.column_mut(index) {
            if column.is_numeric() {
                shown.set_cell_alignment(CellAlignment::Right);
            }
            // Paths are cut already, at their start: the table must not
            // cut them again at their end. Other text is cut at its end.
            if layout.width.is_some() {
                let width = Width::Fixed(natural[index] as u16);
                if column.name() == "path" {
                    shown.set_constraint(ColumnConstraint::Absolute(width));
                } else if !column.is_numeric() {
                    shown.set_constraint(ColumnConstraint::UpperBoundary(width));
                }
            }
        }
    }
    if let Some(folder) = folder.as_ref().filter(|_| columns.iter().any(|column| column.name() == "path")) {
        writeln!(out, "paths below {}", single_line(folder))?;
    }
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    if !left_out.is_empty() {
        let note = format!(
            "({} more columns did not fit: {}; --columns chooses, --format csv has all)",
            left_out.len(),
            left_out.join(", ")
        );
        for line in wrapped(&note, layout.width.map_or(usize::MAX, usize::from)) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// `text` in lines of at most `width` columns, broken at blanks (a word
/// wider than that stands alone on its line).
fn wrapped(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && display_width(&line) + 1 + display_width(word) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::sample_rows;

    fn rendered(rows: &[Row], layout: &TableLayout) -> String {
        let mut out = Vec::new();
        write_table(rows, layout, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_default_table_fits_the_width_and_keeps_the_end_of_paths() {
        let rows = sample_rows();
        for width in [60, 80, 120] {
            let layout = TableLayout {
                columns: None,
                width: Some(width),
            };
            let table = rendered(&rows, &layout);
            let lines: Vec<&str> = table.lines().collect();
            // The folder line, the header, the rule and the rows; the
            // columns that did not fit named last.
            assert_eq!(lines[0], "paths below corpus/", "{table}");
            assert!(lines[1].trim_start().starts_with("path"), "{table}");
            assert!(lines.len() >= 3 + rows.len(), "{table}");
            // What did not fit is named below; at 120 columns all fit.
            let note = lines[3 + rows.len()..].join(" ");
            assert_eq!(note.is_empty(), width == 120, "{table}");
            assert!(note.is_empty() || note.starts_with("(") && note.contains("funds_recovered"), "{table}");
            for line in &lines {
                assert!(display_width(line) <= usize::from(width), "{width}: {line:?}\n{table}");
            }
        }
        let table = rendered(&rows, &TableLayout::default());
        assert!(table.contains("66.57万元"), "{table}");
        assert!(table.contains("87.5%"), "{table}");
    }

    #[test]
    fn paths_lose_their_shared_folder_and_are_cut_at_their_start() {
        let row = |path: &str| Row {
            path: Some(path.to_owned()),
            issues: 1,
            ..Row::default()
        };
        let rows = [
            row("corpus/2024/baishan-city-federation-2025-sloppy-half-converted.txt"),
            row("corpus/2024/cenyang-city-offices-admin-bureau-2024-xuncha-subproblems.txt"),
        ];
        assert_eq!(shared_folder(&rows).as_deref(), Some("corpus/2024/"));
        let table = rendered(
            &rows,
            &TableLayout {
                columns: Some(named(&["path", "issues"]).unwrap()),
                width: Some(40),
            },
        );
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "paths below corpus/2024/", "{table}");
        // 40 columns: the path's share is 16, … and its last 15 characters.
        assert_eq!(lines[3].trim(), "…f-converted.txt        1", "{table}");
        assert_eq!(lines[4].trim(), "…subproblems.txt        1", "{table}");
        assert_eq!(shared_folder(&[row("a.txt"), row("b/c.txt")]), None);
        assert_eq!(shared_folder(&[row("x/a/b.txt"), row("x/ab/c.txt")]).as_deref(), Some("x/"));
    }

    #[test]
    fn columns_are_chosen_by_name() {
        let rows = sample_rows();
        let layout = TableLayout {
            columns: Some(named(&["target", "funds_recovered"]).unwrap()),
            width: None,
        };
        let table = rendered(&rows, &layout);
        // No path column: no line naming the paths' folder.
        let header: Vec<&str> = table.lines().next().unwrap().split_whitespace().collect();
        assert_eq!(header, ["target", "funds_recovered"]);
        assert!(named(&["nonsense"]).unwrap_err().starts_with("no column \"nonsense\"; the columns are all, path, status,"));
        assert_eq!(named(&["all"]).unwrap().len(), crate::compare::columns::columns().len());
    }

    #[test]
    fn table_cells_cannot_drive_the_terminal() {
        let row = Row {
            title: Some("红色\u{1b}[31m标题\u{7}\n第二行".to_owned()),
            ..Row::default()
        };
        let layout = TableLayout {
            columns: Some(named(&["title"]).unwrap()),
            width: Some(80),
        };
        let table = rendered(std::slice::from_ref(&row), &layout);
        assert!(!table.contains(['\u{1b}', '\u{7}']), "{table}");
        assert_eq!(table.lines().count(), 3, "a line break is a space: {table}");
        assert!(table.contains("红色[31m标题 第二行"), "{table}");
    }
}
