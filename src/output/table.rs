//! The typed table every command prints through: columns with a stable key,
//! a label in the reader's language and a kind; cells that keep their value
//! (an amount stays an amount until an emitter writes it for its medium).

use crate::analysis::known::{Figure, Known};
use crate::model::{Language, Money};
use crate::output::number;

/// What a column holds: it decides alignment, wrapping and each medium's
/// spelling of the values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Words: the only kind a terminal table wraps.
    Text,
    /// A code or an id (`P 1.2.3`, `2023-017`): never wrapped.
    Code,
    Count,
    Money,
    /// Tenths of a percent.
    Percent,
    /// A signed change, in tenths of a percent.
    Change,
    /// A ratio in hundredths (the leverage).
    Ratio,
    /// A number as written (an indicator's target).
    Decimal,
    /// `3/5`: a part of a whole.
    Fraction,
    Year,
}

impl Kind {
    /// Measures line up on the right.
    pub fn is_number(self) -> bool {
        !matches!(self, Kind::Text | Kind::Code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// Stable, English, snake_case: the CSV heading, the JSON key, the name
    /// `--columns` takes.
    pub key: String,
    /// What a person reads, from the catalogue.
    pub label: String,
    pub kind: Kind,
    /// A detail a narrow terminal may leave out (saying so) so that the text
    /// columns keep room to read.
    pub optional: bool,
}

impl Column {
    pub fn new(key: impl Into<String>, label: impl Into<String>, kind: Kind) -> Column {
        Column {
            key: key.into(),
            label: label.into(),
            kind,
            optional: false,
        }
    }

    /// Marks the column as one a narrow terminal may leave out.
    pub fn optional(mut self) -> Column {
        self.optional = true;
        self
    }
}

/// One value of a table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Code(String),
    Count(u64),
    Money(Money),
    Percent(u64),
    /// A signed change in tenths of a percent (`+3,3 %`).
    Change(i64),
    Ratio(u64),
    Decimal(f64),
    Fraction(u64, u64),
    Year(u16),
    /// A sum that misses some figures nobody stated: at least this much.
    AtLeast(Box<Cell>),
    /// A value that exists but is not known (a cost nobody stated): `—` for a
    /// person, empty in CSV, `null` in JSON. Never a zero.
    Unknown,
    /// Nothing applies here (the title of a total row).
    Empty,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    pub fn code(text: impl Into<String>) -> Cell {
        Cell::Code(text.into())
    }

    pub fn count(n: usize) -> Cell {
        Cell::Count(n as u64)
    }

    /// A known amount, or unknown.
    pub fn money(m: Option<Money>) -> Cell {
        m.map_or(Cell::Unknown, Cell::Money)
    }

    pub fn optional_count(n: Option<u64>) -> Cell {
        n.map_or(Cell::Unknown, Cell::Count)
    }

    /// A sum as far as it is known: the whole sum, at least the sum of the
    /// figures stated, or unknown when none was.
    pub fn known<T: Figure>(k: Known<T>, cell: impl Fn(T) -> Cell) -> Cell {
        if k.whole().is_some() {
            cell(k.sum)
        } else if k.unknown() {
            Cell::Unknown
        } else {
            Cell::AtLeast(Box::new(cell(k.sum)))
        }
    }

    /// A count stated by some actions, as [`Cell::known`], except that when
    /// no action stated it, with or without actions, it is unknown: a count
    /// of people nobody gave is no zero.
    pub fn stated(k: Known<u64>) -> Cell {
        if k.known == 0 {
            Cell::Unknown
        } else {
            Cell::known(k, Cell::Count)
        }
    }

    /// The value as a person reads it in `lang`, before the medium's escaping:
    /// `12 500 €`, `78,8 %`, `—` for unknown.
    pub fn display(&self, lang: Language) -> String {
        match self {
            Cell::Text(t) | Cell::Code(t) => t.clone(),
            Cell::Count(n) => number::count(*n, lang),
            Cell::Money(m) => number::money(*m, lang),
            Cell::Percent(t) => number::percent_tenths(Some(*t), lang),
            Cell::Change(t) => number::change_tenths(Some(*t), lang),
            Cell::Ratio(h) => number::hundredths(Some(*h), lang),
            Cell::Decimal(d) => number::decimal(*d, lang),
            Cell::Fraction(a, b) => format!("{a}/{b}"),
            Cell::Year(y) => y.to_string(),
            Cell::AtLeast(inner) => format!("≥\u{a0}{}", inner.display(lang)),
            Cell::Unknown => number::UNKNOWN.to_owned(),
            Cell::Empty => String::new(),
        }
    }

    /// The value for a machine (CSV): plain digits, money as `12500.00`,
    /// percents as `78.8`, and nothing for unknown.
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(t) | Cell::Code(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Money(m) => number::plain_money(*m),
            Cell::Percent(t) => format!("{}.{}", t / 10, t % 10),
            Cell::Change(t) => format!(
                "{}{}.{}",
                if *t < 0 { "-" } else { "" },
                t.unsigned_abs() / 10,
                t.unsigned_abs() % 10
            ),
            Cell::Ratio(h) => format!("{}.{:02}", h / 100, h % 100),
            Cell::Decimal(d) => d.to_string(),
            Cell::Fraction(a, b) => format!("{a}/{b}"),
            Cell::Year(y) => y.to_string(),
            Cell::AtLeast(inner) => inner.plain(),
            Cell::Unknown | Cell::Empty => String::new(),
        }
    }

    /// Whether the cell says nothing (for dropping a column empty on every row).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Unknown | Cell::Empty => true,
            Cell::Text(t) | Cell::Code(t) => t.is_empty(),
            _ => false,
        }
    }
}

/// A table: columns, rows, and an optional total row that human forms show
/// last (and CSV leaves out: a tidy file has one kind of row).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Names the table where a medium holds several (an XLSX sheet, a JSON key).
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub total: Option<Vec<Cell>>,
    /// Whether the header row is shown (a two-column list of fields has none).
    pub header: bool,
    /// Sentences under the table: what a total leaves out, what is unknown.
    pub notes: Vec<Note>,
}

/// A sentence under a table, about the whole table or about one column (said
/// only where that column is shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    /// The key of the column it is about.
    pub column: Option<String>,
}

impl Table {
    pub fn new(name: impl Into<String>, columns: Vec<Column>) -> Table {
        Table {
            name: name.into(),
            columns,
            rows: Vec::new(),
            total: None,
            header: true,
            notes: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len(), "row of table {}", self.name);
        self.rows.push(row);
    }

    /// Adds a note about the whole table.
    pub fn note(&mut self, text: impl Into<String>) {
        self.notes.push(Note {
            text: text.into(),
            column: None,
        });
    }

    /// Adds a note about one column.
    pub fn note_on(&mut self, column: &str, text: impl Into<String>) {
        self.notes.push(Note {
            text: text.into(),
            column: Some(column.to_owned()),
        });
    }

    /// The notes to print: those about the table, and those about a column
    /// it shows.
    pub fn shown_notes(&self) -> impl Iterator<Item = &str> {
        self.notes
            .iter()
            .filter(|n| {
                n.column
                    .as_ref()
                    .is_none_or(|key| self.columns.iter().any(|c| &c.key == key))
            })
            .map(|n| n.text.as_str())
    }

    /// Every row, the total last.
    pub fn all_rows(&self) -> impl Iterator<Item = &Vec<Cell>> {
        self.rows.iter().chain(&self.total)
    }

    /// The table with only the columns that say something on some row, for
    /// a person: a column of `—` on every row is noise. The total row alone
    /// does not keep a column.
    pub fn without_blank_columns(&self) -> Table {
        let keep: Vec<bool> = (0..self.columns.len())
            .map(|i| self.rows.iter().any(|row| !row[i].is_blank()))
            .collect();
        // An empty table keeps its headings: they say what is missing.
        if self.rows.is_empty() {
            return self.clone();
        }
        self.retain(&keep)
    }

    /// The table with the columns named by `keys`, in that order.
    pub fn select(&self, keys: &[String]) -> Result<Table, String> {
        let mut order = Vec::new();
        for key in keys {
            match self.columns.iter().position(|c| &c.key == key) {
                Some(i) => order.push(i),
                None => {
                    let known: Vec<&str> = self.columns.iter().map(|c| c.key.as_str()).collect();
                    let hint = crate::suggest::did_you_mean(key, known.iter().copied())
                        .unwrap_or_else(|| format!("the columns are: {}", known.join(", ")));
                    return Err(format!("no column `{key}` in this table; {hint}"));
                }
            }
        }
        let pick = |row: &Vec<Cell>| order.iter().map(|&i| row[i].clone()).collect();
        Ok(Table {
            name: self.name.clone(),
            columns: order.iter().map(|&i| self.columns[i].clone()).collect(),
            rows: self.rows.iter().map(pick).collect(),
            total: self.total.as_ref().map(pick),
            header: self.header,
            notes: self.notes.clone(),
        })
    }

    /// The table without the columns `drop` marks.
    pub fn without(&self, drop: &[bool]) -> Table {
        let keep: Vec<bool> = drop.iter().map(|d| !d).collect();
        self.retain(&keep)
    }

    fn retain(&self, keep: &[bool]) -> Table {
        let pick = |row: &Vec<Cell>| {
            row.iter()
                .zip(keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c.clone())
                .collect()
        };
        Table {
            name: self.name.clone(),
            columns: self
                .columns
                .iter()
                .zip(keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c.clone())
                .collect(),
            rows: self.rows.iter().map(pick).collect(),
            total: self.total.as_ref().map(pick),
            header: self.header,
            notes: self.notes.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new(
            "t",
            vec![
                Column::new("code", "Code", Kind::Code),
                Column::new("cost", "Coût", Kind::Money),
                Column::new("planned", "Prévus", Kind::Count),
            ],
        );
        t.push(vec![
            Cell::code("P 1.1.1"),
            Cell::Money(Money::from_euros(5)),
            Cell::Unknown,
        ]);
        t.push(vec![Cell::code("P 1.1.2"), Cell::Unknown, Cell::Unknown]);
        t.total = Some(vec![
            Cell::text("Total"),
            Cell::Money(Money::from_euros(5)),
            Cell::Count(0),
        ]);
        t
    }

    #[test]
    fn blank_columns_leave_the_table_form() {
        let t = sample().without_blank_columns();
        let keys: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["code", "cost"]);
        assert_eq!(t.total.unwrap().len(), 2);
    }

    #[test]
    fn columns_are_picked_by_key() {
        let t = sample().select(&["cost".into(), "code".into()]).unwrap();
        assert_eq!(
            t.rows[0],
            [Cell::Money(Money::from_euros(5)), Cell::code("P 1.1.1")]
        );
        let err = sample().select(&["cots".into()]).unwrap_err();
        assert!(err.contains("did you mean `cost`?"), "{err}");
    }
}
