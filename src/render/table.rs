//! Rows and columns rendered as a terminal table, CSV or Markdown.

use comfy_table::{ContentArrangement, Table, presets};

/// A table of text: a header row and rows of the same width.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Grid {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns aligned right (numbers and money), by index.
    pub right: Vec<usize>,
}

impl Grid {
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> Grid {
        Grid {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
            right: Vec::new(),
        }
    }

    /// Aligns every column from `first` on to the right: the measures that
    /// follow the key and title columns.
    pub fn numbers_from(mut self, first: usize) -> Grid {
        self.right = (first..self.headers.len()).collect();
        self
    }

    pub fn push<S: Into<String>>(&mut self, row: impl IntoIterator<Item = S>) {
        self.rows.push(row.into_iter().map(Into::into).collect());
    }
}

/// How a terminal table is drawn.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Fit the table to the terminal's width, wrapping long cells.
    pub fit: bool,
    /// Whether to draw the header in bold.
    pub color: bool,
}

/// A table for a person: box-drawn, fitted to the terminal's width.
pub fn text(grid: &Grid, style: Style) -> String {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(if style.fit {
        ContentArrangement::Dynamic
    } else {
        ContentArrangement::Disabled
    });
    if style.color && !grid.headers.is_empty() {
        table.enforce_styling();
        table.set_header(
            grid.headers
                .iter()
                .map(|h| comfy_table::Cell::new(h).add_attribute(comfy_table::Attribute::Bold)),
        );
    } else if !grid.headers.is_empty() {
        table.set_header(&grid.headers);
    }
    for row in &grid.rows {
        table.add_row(row);
    }
    for &i in &grid.right {
        if let Some(column) = table.column_mut(i) {
            column.set_cell_alignment(comfy_table::CellAlignment::Right);
        }
    }
    let mut out = table.to_string();
    out.push('\n');
    out
}

/// A text cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`) or
/// that starts with a tab or a carriage return gets a leading `'`, so that it
/// is shown as text and never run (CSV injection). Other text is unchanged.
pub fn defuse(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// RFC 4180 CSV with one header row. Every cell is defused: contract text
/// reaches spreadsheets through every CSV the tool writes.
pub fn csv(grid: &Grid) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    writer
        .write_record(grid.headers.iter().map(|h| defuse(h).into_owned()))
        .expect("CSV to memory");
    for row in &grid.rows {
        writer
            .write_record(row.iter().map(|c| defuse(c).into_owned()))
            .expect("CSV to memory");
    }
    String::from_utf8(writer.into_inner().expect("CSV to memory"))
        .expect("CSV of UTF-8 cells is UTF-8")
}

/// A GitHub-flavoured Markdown table.
pub fn markdown(grid: &Grid) -> String {
    let cell = |text: &str| {
        text.replace('\\', "\\\\")
            .replace('|', "\\|")
            .replace(['\n', '\r'], " ")
    };
    let mut out = String::new();
    let line = |cells: &mut dyn Iterator<Item = String>| {
        format!("| {} |\n", cells.collect::<Vec<_>>().join(" | "))
    };
    out.push_str(&line(&mut grid.headers.iter().map(|h| cell(h))));
    out.push_str(&line(&mut (0..grid.headers.len()).map(|i| {
        if grid.right.contains(&i) {
            "---:"
        } else {
            "---"
        }
        .to_owned()
    })));
    for row in &grid.rows {
        out.push_str(&line(&mut row.iter().map(|c| cell(c))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Grid {
        let mut grid = Grid::new(["code", "title"]);
        grid.push(["P 1.1.1", "Lutter, \"vraiment\""]);
        grid.push(["P 1.1.2", "a | b\nc"]);
        grid
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        assert_eq!(
            csv(&sample()),
            "code,title\nP 1.1.1,\"Lutter, \"\"vraiment\"\"\"\nP 1.1.2,\"a | b\nc\"\n"
        );
    }

    #[test]
    fn markdown_escapes_pipes_and_newlines() {
        assert_eq!(
            markdown(&sample()),
            "| code | title |\n| --- | --- |\n| P 1.1.1 | Lutter, \"vraiment\" |\n| P 1.1.2 | a \\| b c |\n"
        );
    }

    #[test]
    fn text_table_has_every_cell_and_no_escape_codes() {
        let out = text(&sample(), Style::default());
        for word in [
            "code",
            "title",
            "P 1.1.1",
            "Lutter, \"vraiment\"",
            "P 1.1.2",
        ] {
            assert!(out.contains(word), "{word} in {out}");
        }
        assert!(!out.contains('\u{1b}'));
    }
}
