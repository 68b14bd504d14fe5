//! The export as an Excel workbook: the tidy actions, coverage by priority and
//! the gaps, one sheet each. Numbers are numbers and money has a euro format,
//! so that the sheets sum and sort; the header row is frozen and filtered.
//!
//! Text goes through `write_string`, which never makes a formula, and is
//! defused as in CSV, so that a cell reads the same in both.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::analysis::{Coverage, Gaps};
use crate::model::Money;
use crate::render::export::{COLUMNS, ExportRow, defuse};
use crate::render::format::plain_money;
use crate::render::gaps;

/// Money in euros, two decimals; Excel shows its separators per locale.
const EURO: &str = "#,##0.00\\ \"€\"";

struct Formats {
    header: Format,
    money: Format,
}

/// A money cell holds the euros as a number, read from the exact decimal
/// text (the nearest double, never a sum of floats).
fn euros(m: Money) -> f64 {
    plain_money(m).parse().unwrap_or(0.0)
}

fn text(sheet: &mut Worksheet, row: u32, col: u16, value: &str) -> Result<(), XlsxError> {
    if !value.is_empty() {
        sheet.write_string(row, col, defuse(value).as_ref())?;
    }
    Ok(())
}

fn money(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<Money>,
    f: &Formats,
) -> Result<(), XlsxError> {
    if let Some(m) = value {
        sheet.write_number_with_format(row, col, euros(m), &f.money)?;
    }
    Ok(())
}

/// Header row in bold, frozen, with filters over every row written.
fn frame(
    sheet: &mut Worksheet,
    headers: &[&str],
    rows: usize,
    widths: &[f64],
    f: &Formats,
) -> Result<(), XlsxError> {
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &f.header)?;
    }
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_col = headers.len().saturating_sub(1) as u16;
    sheet.autofilter(0, 0, rows as u32, last_col)?;
    Ok(())
}

fn actions_sheet(sheet: &mut Worksheet, rows: &[ExportRow], f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("actions")?;
    frame(
        sheet,
        &COLUMNS,
        rows.len(),
        &[
            10.0, 7.0, 50.0, 36.0, 12.0, 22.0, 20.0, 24.0, 11.0, 13.0, 12.0, 13.0, 13.0,
        ],
        f,
    )?;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        text(sheet, row, 0, r.id)?;
        sheet.write_number(row, 1, r.year)?;
        text(sheet, row, 2, r.title)?;
        text(sheet, row, 3, r.porteur)?;
        text(sheet, row, 4, &r.main_priority)?;
        text(sheet, row, 5, &r.priorities)?;
        text(sheet, row, 6, &r.quartiers)?;
        text(sheet, row, 7, &r.publics)?;
        text(sheet, row, 8, r.status.name())?;
        money(sheet, row, 9, r.cost, f)?;
        text(sheet, row, 10, r.funder.unwrap_or_default())?;
        money(sheet, row, 11, r.requested, f)?;
        money(sheet, row, 12, r.voted, f)?;
    }
    Ok(())
}

fn coverage_sheet(sheet: &mut Worksheet, report: &Coverage, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("coverage")?;
    frame(
        sheet,
        &[
            "priority",
            "title",
            "actions",
            "main_actions",
            "funding",
            "cost",
            "beneficiaries_planned",
            "beneficiaries_actual",
        ],
        report.rows.len(),
        &[10.0, 60.0, 9.0, 13.0, 14.0, 14.0, 21.0, 20.0],
        f,
    )?;
    for (i, r) in report.rows.iter().enumerate() {
        let row = i as u32 + 1;
        let m = &r.measures;
        text(sheet, row, 0, &r.key)?;
        text(sheet, row, 1, &r.title)?;
        sheet.write_number(row, 2, m.actions as f64)?;
        sheet.write_number(row, 3, m.main_actions.unwrap_or(0) as f64)?;
        money(sheet, row, 4, Some(m.funding), f)?;
        money(sheet, row, 5, Some(m.cost), f)?;
        if let Some(n) = m.planned {
            sheet.write_number(row, 6, n as f64)?;
        }
        if let Some(n) = m.actual {
            sheet.write_number(row, 7, n as f64)?;
        }
    }
    Ok(())
}

fn gaps_sheet(sheet: &mut Worksheet, report: &Gaps, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("gaps")?;
    // The rows of `contrat gaps --format csv`, accepted gaps included.
    let grid = gaps::csv_grid(report);
    let headers: Vec<&str> = grid.headers.iter().map(String::as_str).collect();
    frame(
        sheet,
        &headers,
        grid.rows.len(),
        &[22.0, 10.0, 10.0, 7.0, 60.0, 50.0],
        f,
    )?;
    for (i, cells) in grid.rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (col, cell) in cells.iter().enumerate() {
            match (grid.headers[col].as_str(), cell.parse::<u16>()) {
                ("year", Ok(year)) => {
                    sheet.write_number(row, col as u16, year)?;
                }
                _ => text(sheet, row, col as u16, cell)?,
            }
        }
    }
    Ok(())
}

/// The workbook's bytes: sheets `actions`, `coverage` and `gaps`.
pub fn workbook(
    rows: &[ExportRow],
    coverage: &Coverage,
    gaps: &Gaps,
) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats {
        header: Format::new().set_bold(),
        money: Format::new().set_num_format(EURO),
    };
    let mut book = Workbook::new();
    actions_sheet(book.add_worksheet(), rows, &formats)?;
    coverage_sheet(book.add_worksheet(), coverage, &formats)?;
    gaps_sheet(book.add_worksheet(), gaps, &formats)?;
    book.save_to_buffer()
}
