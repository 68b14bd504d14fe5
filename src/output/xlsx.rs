//! A document's tidy tables as an Excel workbook, one sheet each. Numbers are
//! numbers and money has a euro format, so that the sheets sum and sort; the
//! header row is frozen and filtered. Text goes through `write_string`, which
//! never makes a formula, and is defused as in CSV, so that a cell reads the
//! same in both.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::output::escape::spreadsheet;
use crate::output::{Cell, Doc, EmitError, Emitted, Kind, Table, number};

/// Money in euros, two decimals; Excel shows its separators per locale.
const EURO: &str = "#,##0.00\\ \"€\"";
const PERCENT: &str = "0.0\\ %";

/// The most characters Excel holds in a cell.
const CELL_LIMIT: usize = 32_767;

struct Formats {
    header: Format,
    money: Format,
    percent: Format,
}

/// A money cell holds the euros as a number, read from the exact decimal
/// text (the nearest double, never a sum of floats).
fn euros(m: crate::model::Money) -> f64 {
    number::plain_money(m).parse().unwrap_or(0.0)
}

fn width(kind: Kind) -> f64 {
    match kind {
        Kind::Text => 40.0,
        Kind::Code => 12.0,
        Kind::Money => 14.0,
        _ => 10.0,
    }
}

/// Text as a cell holds it: defused, and cut to Excel's limit with a marker
/// (`None` when nothing was cut).
fn cell_text(text: &str) -> (String, Option<usize>) {
    let text = spreadsheet(text);
    let length = text.chars().count();
    if length <= CELL_LIMIT {
        return (text.into_owned(), None);
    }
    let marker = format!(" […{} characters cut]", length - CELL_LIMIT);
    let keep = CELL_LIMIT - marker.chars().count();
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(&marker);
    (cut, Some(length))
}

fn sheet(
    ws: &mut Worksheet,
    table: &Table,
    f: &Formats,
    warnings: &mut Vec<String>,
) -> Result<(), XlsxError> {
    ws.set_name(&table.name)?;
    for (col, c) in table.columns.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, &c.key, &f.header)?;
        ws.set_column_width(col as u16, width(c.kind))?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = table.columns.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, table.rows.len() as u32, last_col)?;
    for (r, row) in table.rows.iter().enumerate() {
        let at = r as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let c = col as u16;
            // A partial sum is written as the sum known; its `_known` column
            // says how much that is.
            let cell = match cell {
                Cell::AtLeast(inner) => inner.as_ref(),
                other => other,
            };
            match cell {
                Cell::Text(t) | Cell::Code(t) => {
                    if t.is_empty() {
                        continue;
                    }
                    let (text, cut) = cell_text(t);
                    if let Some(length) = cut {
                        // Name the row by its action (the `id` or `action`
                        // column), else by its first cell.
                        let named = table
                            .columns
                            .iter()
                            .position(|c| c.key == "id" || c.key == "action")
                            .unwrap_or(0);
                        let first = row.get(named).map(Cell::plain).unwrap_or_default();
                        warnings.push(format!(
                            "sheet `{}`, row {} (`{first}`), column `{}`: {length} characters, cut to Excel's {CELL_LIMIT}",
                            table.name,
                            at + 1,
                            table.columns[col].key
                        ));
                    }
                    ws.write_string(at, c, &text)?;
                }
                Cell::Count(n) => {
                    ws.write_number(at, c, *n as f64)?;
                }
                Cell::Money(m) => {
                    ws.write_number_with_format(at, c, euros(*m), &f.money)?;
                }
                Cell::Percent(t) => {
                    ws.write_number_with_format(at, c, *t as f64 / 1000.0, &f.percent)?;
                }
                Cell::Change(t) => {
                    ws.write_number_with_format(at, c, *t as f64 / 1000.0, &f.percent)?;
                }
                Cell::Ratio(h) => {
                    ws.write_number(at, c, *h as f64 / 100.0)?;
                }
                Cell::Decimal(d) => {
                    ws.write_number(at, c, *d)?;
                }
                Cell::Year(y) => {
                    ws.write_number(at, c, *y)?;
                }
                Cell::Fraction(..) => {
                    ws.write_string(at, c, cell.plain())?;
                }
                Cell::AtLeast(_) | Cell::Unknown | Cell::Empty => {}
            }
        }
    }
    Ok(())
}

pub fn render(doc: &Doc) -> Result<Emitted, EmitError> {
    let formats = Formats {
        header: Format::new().set_bold(),
        money: Format::new().set_num_format(EURO),
        percent: Format::new().set_num_format(PERCENT),
    };
    let mut book = Workbook::new();
    let mut warnings = Vec::new();
    for table in doc.data_tables() {
        sheet(book.add_worksheet(), table, &formats, &mut warnings)?;
    }
    Ok(Emitted {
        bytes: book.save_to_buffer()?,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_with_a_marker() {
        let (text, cut) = cell_text(&"a".repeat(40_000));
        assert_eq!(cut, Some(40_000));
        assert_eq!(text.chars().count(), CELL_LIMIT);
        assert!(
            text.ends_with(" […7233 characters cut]"),
            "{}",
            &text[text.len() - 40..]
        );
        assert_eq!(cell_text("=1+1").0, "'=1+1");
        assert_eq!(cell_text("court").1, None);
    }
}
