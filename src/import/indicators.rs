//! Quartier context indicators from a table, as an officer gets them from
//! the Observatoire national de la politique de la ville, SIG Ville or INSEE:
//! one row per quartier, indicator and year (`Quartier;Indicateur;Année;
//! Valeur;Unité;Source`). Each figure goes to the quartier's
//! `[[quartier.indicator]]` of that name in `contrat.toml`.

use crate::edit::entries::IndicatorEdit;
use crate::fold;
use crate::import::sheet::Cell;
use crate::import::{Messy, Options, Profile, RowError, Table};
use crate::model::Contract;

/// One figure of a row: a quartier's indicator in a year.
#[derive(Debug, Clone, PartialEq)]
struct Figure {
    row: usize,
    /// The quartier, by its index in the contract.
    quartier: usize,
    name: String,
    unit: Option<String>,
    source: Option<String>,
    year: u16,
    value: f64,
}

/// What the table changes: the indicators with their new or changed
/// figures, how many figures the contract holds already, and the messy rows.
pub struct Reading {
    pub edits: Vec<IndicatorEdit>,
    pub unchanged: usize,
    pub messy: Messy,
}

/// The fields of the table, from its headings (spellings of
/// [`Profile::QuartierIndicators`], or `--map`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Quartier,
    Indicator,
    Year,
    Value,
    Unit,
    Source,
}

impl Field {
    fn parse(field: &str) -> Option<Field> {
        Some(match field {
            "quartier" => Field::Quartier,
            "indicator" => Field::Indicator,
            "year" => Field::Year,
            "value" => Field::Value,
            "unit" => Field::Unit,
            "source" => Field::Source,
            _ => return None,
        })
    }
}

/// Reads every row; a bad row is reported with its place, and nothing is
/// imported while one is.
pub fn read(
    table: &Table,
    contract: &Contract,
    options: &Options,
) -> Result<Reading, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut messy = Messy::default();
    let (heading_row, texts) = (table.heading_row, &table.headings);
    let mut columns: Vec<Option<Field>> = Vec::new();
    for heading in texts {
        let field = options
            .mapped(heading)
            .or_else(|| Profile::QuartierIndicators.field(heading));
        match field.map(|f| (f, Field::parse(f))) {
            Some((_, Some(f))) => {
                // A quartier may be given by code and by name: both must
                // name the same one.
                if let Some(first) = columns.iter().position(|c| *c == Some(f))
                    && f != Field::Quartier
                {
                    errors.push(RowError {
                        row: heading_row,
                        column: Some(heading.clone()),
                        message: format!("the same field as column \"{}\"", texts[first]),
                    });
                }
                columns.push(Some(f));
            }
            Some(("ignore", None)) => columns.push(None),
            Some((other, None)) => {
                errors.push(RowError {
                    row: heading_row,
                    column: Some(heading.clone()),
                    message: format!(
                        "`{other}` is no field of a table of indicators; use quartier, indicator, year, value, unit, source or ignore"
                    ),
                });
                columns.push(None);
            }
            None => {
                if !heading.is_empty() {
                    messy.ignored_columns.push(heading.clone());
                }
                columns.push(None);
            }
        }
    }
    let has = |f: Field| columns.contains(&Some(f));
    table.missing_columns(
        [
            ("quartier", "Quartier", has(Field::Quartier)),
            ("indicator", "Indicateur", has(Field::Indicator)),
            ("value", "Valeur", has(Field::Value)),
        ],
        !has(Field::Year) && options.year.is_none(),
        &mut errors,
    );
    let wheres = table.wheres(options, &mut messy, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut figures: Vec<Figure> = Vec::new();
    'rows: for (row, cells) in table.rows(options, &wheres, &mut messy) {
        let mut quartier = None;
        let mut name = String::new();
        let mut unit = None;
        let mut source = None;
        let mut year = options.year;
        let mut value = None;
        for (i, cell) in cells.iter().enumerate() {
            let heading = texts.get(i).cloned().unwrap_or_default();
            let Some(Some(field)) = columns.get(i) else {
                continue;
            };
            let text = cell.text().trim().to_owned();
            let mut fail = |message: String| {
                errors.push(RowError {
                    row,
                    column: Some(heading.clone()),
                    message,
                });
            };
            if text.is_empty() {
                continue;
            }
            match field {
                Field::Quartier => match contract.quartier(&text) {
                    Some(q) => {
                        let at = contract.quartiers.iter().position(|o| std::ptr::eq(o, q));
                        if quartier.is_some() && quartier != at {
                            fail(format!(
                                "`{text}` is another quartier than the row's other column names"
                            ));
                        }
                        quartier = at;
                    }
                    // Another contract's quartier, by its official code.
                    None if crate::ids::is_quartier_code(&text) => {
                        messy.other_quartiers.push((row, text.clone()));
                        continue 'rows;
                    }
                    None => fail(format!(
                        "the contract has no quartier `{text}`; write its code, name or an alias{}",
                        crate::suggest::did_you_mean(
                            &text,
                            contract
                                .quartiers
                                .iter()
                                .flat_map(|q| std::iter::once(&q.name).chain(&q.aliases))
                                .map(|n| n.as_str())
                        )
                        .map(|d| format!(" ({d})"))
                        .unwrap_or_default()
                    )),
                },
                Field::Indicator => name = text,
                Field::Unit => unit = Some(text),
                Field::Source => source = Some(text),
                Field::Year => match year_of(cell) {
                    Some(y) => year = Some(y),
                    None => fail(format!("`{text}` is not a year")),
                },
                Field::Value => match figure(cell) {
                    Some(v) => value = Some(v),
                    None => fail(format!(
                        "`{text}` is not a figure (write 41.8, 41,8 or 2 890)"
                    )),
                },
            }
        }
        // What the row lacks, unless a cell of it was reported already.
        let reported = errors.iter().any(|e| e.row == row);
        for (missing, field, what) in [
            (quartier.is_none(), Field::Quartier, "a quartier"),
            (name.is_empty(), Field::Indicator, "an indicator"),
            (value.is_none(), Field::Value, "a figure"),
            (year.is_none(), Field::Year, "a year (or pass --year)"),
        ] {
            if missing && !reported {
                errors.push(RowError {
                    row,
                    column: columns
                        .iter()
                        .position(|c| *c == Some(field))
                        .map(|i| texts[i].clone()),
                    message: format!("empty; every row needs {what}"),
                });
            }
        }
        if let (Some(quartier), false, Some(year), Some(value)) =
            (quartier, name.is_empty(), year, value)
        {
            figures.push(Figure {
                row,
                quartier,
                name,
                unit,
                source,
                year,
                value,
            });
        }
    }
    // Two rows for one figure must agree.
    for (i, f) in figures.iter().enumerate() {
        if let Some(other) = figures[..i].iter().find(|o| {
            o.quartier == f.quartier && fold::key(&o.name) == fold::key(&f.name) && o.year == f.year
        }) && other.value != f.value
        {
            errors.push(RowError {
                row: f.row,
                column: None,
                message: format!(
                    "{} {} of {} is {} here and {} on row {}",
                    f.name,
                    f.year,
                    contract.quartiers[f.quartier].name.value,
                    f.value,
                    other.value,
                    other.row
                ),
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (edits, unchanged) = edits(contract, &figures);
    Ok(Reading {
        edits,
        unchanged,
        messy,
    })
}

/// The figures the contract does not hold yet, by quartier and indicator in
/// the order first met, and how many it holds already.
fn edits(contract: &Contract, figures: &[Figure]) -> (Vec<IndicatorEdit>, usize) {
    let mut out: Vec<IndicatorEdit> = Vec::new();
    let mut unchanged = 0;
    for f in figures {
        let q = &contract.quartiers[f.quartier];
        let known = q
            .indicators
            .iter()
            .find(|i| fold::key(&i.name) == fold::key(&f.name));
        let held = known.and_then(|i| i.values.iter().find(|(y, _)| *y == f.year));
        if held.is_some_and(|(_, v)| *v == f.value) {
            unchanged += 1;
            continue;
        }
        let key = q.code.as_ref().unwrap_or(&q.name).value.clone();
        let at = out
            .iter()
            .position(|e| e.quartier == key && fold::key(&e.name) == fold::key(&f.name));
        let edit = match at {
            Some(at) => &mut out[at],
            None => {
                out.push(IndicatorEdit {
                    quartier: key,
                    // A known indicator keeps its spelling, unit and source.
                    name: known.map_or_else(|| f.name.clone(), |i| i.name.clone()),
                    unit: known.map_or_else(|| f.unit.clone(), |i| i.unit.clone()),
                    source: known.map_or_else(|| f.source.clone(), |i| i.source.clone()),
                    values: Vec::new(),
                });
                out.last_mut().expect("just pushed")
            }
        };
        edit.values.push((f.year, f.value));
    }
    (out, unchanged)
}

fn year_of(cell: &Cell) -> Option<u16> {
    let n = match cell {
        Cell::Int(n) => *n,
        Cell::Float(f) if f.fract() == 0.0 => *f as i64,
        Cell::Text(t) => t.trim().parse().ok()?,
        _ => return None,
    };
    (1900..=2200).contains(&n).then_some(n as u16)
}

/// A figure as spreadsheets and French tables write it: `41.8`, `41,8`,
/// `2 890`, `41,8 %`.
fn figure(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Int(n) => Some(*n as f64),
        Cell::Float(f) if f.is_finite() => Some(*f),
        Cell::Text(t) => {
            let t: String = t
                .trim()
                .trim_end_matches('%')
                .chars()
                .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
                .map(|c| if c == ',' { '.' } else { c })
                .collect();
            t.parse::<f64>().ok().filter(|f| f.is_finite())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_as_written_in_french_tables() {
        let text = |t: &str| figure(&Cell::Text(t.to_owned()));
        assert_eq!(text("41,8"), Some(41.8));
        assert_eq!(text("2 890"), Some(2890.0));
        assert_eq!(text("41,8 %"), Some(41.8));
        assert_eq!(text("2\u{a0}890,5"), Some(2890.5));
        assert_eq!(text("n.d."), None);
        assert_eq!(text("inf"), None);
        assert_eq!(figure(&Cell::Int(12)), Some(12.0));
    }
}
