//! A spreadsheet as rows of cells: CSV with the `csv` crate, XLSX and ODS with
//! `calamine`, and a JSON array of objects (the ANCT's open data) as a sheet
//! whose headings are the objects' keys. Each row keeps the number a
//! spreadsheet shows for it, or, for JSON, the object's place in the array.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Ods, Reader, Sheets, Xls, Xlsb, Xlsx, open_workbook_from_rs};

use crate::input::{self, InputError, SHEET_LIMIT};

/// One cell, as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    Float(f64),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, trimmed: what a person reads in it.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(f) => f.to_string(),
        }
    }
}

/// The rows of one sheet: `(row number as the spreadsheet shows it, cells)`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub rows: Vec<(usize, Vec<Cell>)>,
    /// Read from a JSON array: its headings are the objects' keys (heading
    /// row 0), and row `n` is the `n`th object. A key an object lacks is an
    /// empty cell, and [`Sheet::lacking`] says which.
    pub json: bool,
    /// For JSON: `(row, column)` of each key an object does not have at all
    /// (as opposed to a key given as `null` or `""`).
    pub lacking: Vec<(usize, usize)>,
}

impl Sheet {
    /// The headings (the first row that is not empty) with their row
    /// number, and the rows after them that are not empty; an empty file
    /// is an error.
    #[allow(clippy::type_complexity)]
    pub fn headed(
        &self,
    ) -> Result<
        (usize, &[Cell], impl Iterator<Item = &(usize, Vec<Cell>)>),
        Vec<crate::import::RowError>,
    > {
        let mut rows = self
            .rows
            .iter()
            .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
        let Some((heading_row, headings)) = rows.next() else {
            return Err(vec![crate::import::RowError {
                row: 1,
                column: None,
                message: "the file is empty: the first row must hold the headings".to_owned(),
            }]);
        };
        Ok((*heading_row, headings.as_slice(), rows))
    }

    /// Whether a cell was left out of its row altogether (a JSON object
    /// without the key).
    pub fn lacks(&self, row: usize, column: usize) -> bool {
        self.lacking.contains(&(row, column))
    }
}

/// Why a file could not be read as a table.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("cannot read `{}`: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("`{}` has no sheet named `{sheet}`; its sheets are: {}", path.display(), sheets.join(", "))]
    NoSheet {
        path: PathBuf,
        sheet: String,
        sheets: Vec<String>,
    },
    #[error("`{}`: import reads .csv, .xlsx, .ods and .json files", .0.display())]
    UnknownKind(PathBuf),
}

/// Reads the file by its extension; `sheet` picks a sheet of a workbook (the
/// first by default).
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Sheet, SheetError> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" | "txt" => {
            let bytes = input::read_bounded(path, SHEET_LIMIT, "the spreadsheet")?;
            let text = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => windows_1252(e.as_bytes()),
            };
            csv_text(&text).map_err(|reason| SheetError::Unreadable {
                path: path.to_owned(),
                reason,
            })
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => workbook(path, &extension, sheet),
        "json" => {
            let bytes = input::read_bounded(path, SHEET_LIMIT, "the file")?;
            json_records(&bytes).map_err(|reason| SheetError::Unreadable {
                path: path.to_owned(),
                reason,
            })
        }
        _ => Err(SheetError::UnknownKind(path.to_owned())),
    }
}

/// Text that is not UTF-8, read as Windows-1252: what Excel writes for "CSV
/// (séparateur : point-virgule)" on a French Windows. Every byte is a character
/// there, so this never fails; a file in yet another encoding shows odd
/// letters in the table of `--dry-run`.
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[(b - 0x80) as usize],
            _ => char::from(b),
        })
        .collect()
}

/// CSV text, `,` or `;` separated (the one more frequent on the heading line),
/// with or without a byte-order mark.
pub fn csv_text(text: &str) -> Result<Sheet, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let heading = text.lines().next().unwrap_or("");
    let delimiter = if heading.matches(';').count() > heading.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut sheet = Sheet::default();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        // Records are counted, not lines: a spreadsheet shows one row per
        // record, even when a cell holds a line break.
        let number = sheet.rows.len() + 1;
        let cells = record
            .iter()
            .map(|c| {
                if c.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(c.to_owned())
                }
            })
            .collect();
        sheet.rows.push((number, cells));
    }
    Ok(sheet)
}

/// A JSON array of objects as a sheet: the keys in the order first met are
/// the headings; numbers stay numbers, `null` is an empty cell.
pub fn json_records(bytes: &[u8]) -> Result<Sheet, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let serde_json::Value::Array(items) = value else {
        return Err("the JSON is not an array of objects (`[{…}, {…}]`)".to_owned());
    };
    let mut headings: Vec<String> = Vec::new();
    for item in &items {
        let serde_json::Value::Object(map) = item else {
            continue;
        };
        for key in map.keys() {
            if !headings.contains(key) {
                headings.push(key.clone());
            }
        }
    }
    let mut sheet = Sheet {
        json: true,
        ..Sheet::default()
    };
    sheet
        .rows
        .push((0, headings.iter().map(|h| Cell::Text(h.clone())).collect()));
    for (i, item) in items.iter().enumerate() {
        let row = i + 1;
        let serde_json::Value::Object(map) = item else {
            // Not an object: a row with no key at all.
            sheet.lacking.extend((0..headings.len()).map(|c| (row, c)));
            sheet.rows.push((row, vec![Cell::Empty; headings.len()]));
            continue;
        };
        let mut cells = Vec::with_capacity(headings.len());
        for (column, heading) in headings.iter().enumerate() {
            cells.push(match map.get(heading) {
                None => {
                    sheet.lacking.push((row, column));
                    Cell::Empty
                }
                Some(serde_json::Value::Null) => Cell::Empty,
                Some(serde_json::Value::String(s)) if s.trim().is_empty() => Cell::Empty,
                Some(serde_json::Value::String(s)) => Cell::Text(s.clone()),
                Some(serde_json::Value::Number(n)) => match n.as_i64() {
                    Some(i) => Cell::Int(i),
                    None => n.as_f64().map_or(Cell::Empty, Cell::Float),
                },
                Some(serde_json::Value::Bool(b)) => Cell::Text(b.to_string()),
                Some(other) => Cell::Text(other.to_string()),
            });
        }
        sheet.rows.push((row, cells));
    }
    Ok(sheet)
}

fn workbook(path: &Path, extension: &str, sheet: Option<&str>) -> Result<Sheet, SheetError> {
    let unreadable = |e: calamine::Error| SheetError::Unreadable {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    // Read within bounds first; calamine then works on the bytes in memory.
    let bytes = Cursor::new(input::read_bounded(path, SHEET_LIMIT, "the spreadsheet")?);
    let mut book = match extension {
        "xls" => open_workbook_from_rs::<Xls<_>, _>(bytes)
            .map(Sheets::Xls)
            .map_err(calamine::Error::Xls),
        "xlsb" => open_workbook_from_rs::<Xlsb<_>, _>(bytes)
            .map(Sheets::Xlsb)
            .map_err(calamine::Error::Xlsb),
        "ods" => open_workbook_from_rs::<Ods<_>, _>(bytes)
            .map(Sheets::Ods)
            .map_err(calamine::Error::Ods),
        _ => open_workbook_from_rs::<Xlsx<_>, _>(bytes)
            .map(Sheets::Xlsx)
            .map_err(calamine::Error::Xlsx),
    }
    .map_err(unreadable)?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| SheetError::NoSheet {
                path: path.to_owned(),
                sheet: wanted.to_owned(),
                sheets: names.clone(),
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| SheetError::Unreadable {
                path: path.to_owned(),
                reason: "the workbook has no sheet".to_owned(),
            })?,
    };
    let range = book.worksheet_range(&name).map_err(unreadable)?;
    // The range starts at its first used cell; rows are numbered from the top
    // of the sheet, as the spreadsheet shows them.
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut out = Sheet::default();
    for (i, row) in range.rows().enumerate() {
        let mut cells: Vec<Cell> = vec![Cell::Empty; first_column as usize];
        cells.extend(row.iter().map(|d| match d {
            Data::Empty => Cell::Empty,
            Data::String(s) => Cell::Text(s.clone()),
            Data::Int(n) => Cell::Int(*n),
            Data::Float(f) => Cell::Float(*f),
            Data::Bool(b) => Cell::Text(b.to_string()),
            Data::DateTime(d) => Cell::Text(d.to_string()),
            Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
            Data::Error(e) => Cell::Text(format!("#{e}")),
        }));
        out.rows.push((first_row as usize + i + 1, cells));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_semicolons_bom_and_quotes() {
        let sheet = csv_text("\u{feff}Intitulé;Coût total\n\"A; b\";8 000,50 €\n;\n").unwrap();
        assert_eq!(
            sheet.rows,
            vec![
                (
                    1,
                    vec![
                        Cell::Text("Intitulé".into()),
                        Cell::Text("Coût total".into())
                    ]
                ),
                (
                    2,
                    vec![Cell::Text("A; b".into()), Cell::Text("8 000,50 €".into())]
                ),
                (3, vec![Cell::Empty, Cell::Empty]),
            ]
        );
    }

    #[test]
    fn windows_1252_for_excel_csv() {
        assert_eq!(windows_1252(b"Co\xfbt total;\x80;\x9c"), "Coût total;€;œ");
    }

    #[test]
    fn json_array_of_objects() {
        let sheet = json_records(
            br#"[{"id_poste": "F00405", "montant": 7164, "annee": "2021", "code_cv": "CV307"},
                 {"id_poste": "D00532", "montant": 22555.73, "code_cv": null}]"#,
        )
        .unwrap();
        assert!(sheet.json);
        assert_eq!(sheet.rows[0].0, 0);
        assert_eq!(
            sheet.rows[0].1,
            ["id_poste", "montant", "annee", "code_cv"].map(|h| Cell::Text(h.into()))
        );
        assert_eq!(
            sheet.rows[2],
            (
                2,
                vec![
                    Cell::Text("D00532".into()),
                    Cell::Float(22555.73),
                    Cell::Empty,
                    Cell::Empty
                ]
            )
        );
        // `annee` is missing from the second object, `code_cv` is null.
        assert!(sheet.lacks(2, 2));
        assert!(!sheet.lacks(2, 3));
        assert!(json_records(b"{}").is_err());
    }

    #[test]
    fn csv_with_commas() {
        let sheet = csv_text("title,cost\nX,\"8,000.50\"\n").unwrap();
        assert_eq!(sheet.rows[1].1[1], Cell::Text("8,000.50".into()));
    }
}
