//! A document's tidy table as RFC 4180 CSV: one header row of stable keys,
//! machine values, every text cell defused for spreadsheets.

use crate::output::escape::spreadsheet;
use crate::output::{Doc, EmitError};

pub fn render(doc: &Doc) -> Result<String, EmitError> {
    let tables = doc.data_tables();
    let [table] = tables.as_slice() else {
        return Err(EmitError::Unsupported(
            "this output has no single table to write as CSV: use --format json".to_owned(),
        ));
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| EmitError::Unsupported(format!("cannot write CSV: {e}"));
    writer
        .write_record(
            table
                .columns
                .iter()
                .map(|c| spreadsheet(&c.key).into_owned()),
        )
        .map_err(io)?;
    for row in &table.rows {
        writer
            .write_record(row.iter().map(|c| spreadsheet(&c.plain()).into_owned()))
            .map_err(io)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| EmitError::Unsupported(format!("cannot write CSV: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
