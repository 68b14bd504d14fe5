//! The actions as a tidy table for spreadsheets and scripts: one row per
//! action and funder, in CSV or JSON (XLSX is in [`crate::render::xlsx`]).

use std::borrow::Cow;

use serde::Serialize;

use crate::model::{Action, Contract, Money, Status};
use crate::render::format::plain_money;

/// The columns of the tidy table, in order.
pub const COLUMNS: [&str; 13] = [
    "id",
    "year",
    "title",
    "porteur",
    "main_priority",
    "priorities",
    "quartiers",
    "publics",
    "status",
    "cost",
    "funder",
    "requested",
    "voted",
];

/// One action and one of its funders (requested or voted), or the action
/// alone when no funder is named.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExportRow<'a> {
    pub id: &'a str,
    pub year: u16,
    pub title: &'a str,
    pub porteur: &'a str,
    pub main_priority: String,
    /// Every priority, the main one first, separated by `;`.
    pub priorities: String,
    /// Quartier codes, whatever spelling the file uses, separated by `;`.
    pub quartiers: String,
    pub publics: String,
    pub status: Status,
    /// The action's whole cost, on each of its rows.
    pub cost: Option<Money>,
    pub funder: Option<&'a str>,
    pub requested: Option<Money>,
    pub voted: Option<Money>,
}

/// The tidy rows of `actions`: for each action, one row per funder that it
/// asked or got money from, in the order of `[funders]`; one row with no
/// funder for an action that names none.
pub fn rows<'a>(contract: &'a Contract, actions: &[&'a Action]) -> Vec<ExportRow<'a>> {
    let mut out = Vec::new();
    for action in actions {
        let amount = |list: &[crate::model::Amount], funder: &str| {
            list.iter()
                .find(|a| a.funder.value == funder)
                .map(|a| a.amount.value)
        };
        let named = |funder: &str| {
            action
                .funding
                .iter()
                .chain(&action.requested)
                .any(|a| a.funder.value == funder)
        };
        // Declared funders in contract order; any other (a contract with
        // errors is never exported, but stay total) after them.
        let mut funders: Vec<&'a str> = contract
            .funders
            .iter()
            .map(|f| f.id.as_str())
            .filter(|id| named(id))
            .collect();
        for a in action.funding.iter().chain(&action.requested) {
            if !funders.contains(&a.funder.as_str()) {
                funders.push(a.funder.as_str());
            }
        }
        let base = ExportRow {
            id: &action.id,
            year: *action.year,
            title: &action.title,
            porteur: &action.porteur,
            main_priority: action
                .main_priority()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            priorities: action
                .priorities
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(";"),
            quartiers: action
                .quartiers
                .iter()
                .map(|q| contract.quartier(q).map_or(q.as_str(), |found| found.key()))
                .collect::<Vec<_>>()
                .join(";"),
            publics: action
                .publics
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(";"),
            status: action.status,
            cost: action.cost.as_ref().map(|c| c.value),
            funder: None,
            requested: None,
            voted: None,
        };
        if funders.is_empty() {
            out.push(base);
            continue;
        }
        for funder in funders {
            out.push(ExportRow {
                funder: Some(funder),
                requested: amount(&action.requested, funder),
                voted: amount(&action.funding, funder),
                ..base.clone()
            });
        }
    }
    out
}

pub use crate::render::table::defuse;

fn optional_money(m: Option<Money>) -> String {
    m.map(plain_money).unwrap_or_default()
}

/// RFC 4180 CSV with one header row; money as `12500.00`, text defused.
pub fn csv(rows: &[ExportRow]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    writer.write_record(COLUMNS).expect("CSV to memory");
    for r in rows {
        let year = r.year.to_string();
        let record: [Cow<str>; 13] = [
            defuse(r.id),
            Cow::Borrowed(year.as_str()),
            defuse(r.title),
            defuse(r.porteur),
            defuse(&r.main_priority),
            defuse(&r.priorities),
            defuse(&r.quartiers),
            defuse(&r.publics),
            Cow::Borrowed(r.status.name()),
            Cow::Owned(optional_money(r.cost)),
            defuse(r.funder.unwrap_or_default()),
            Cow::Owned(optional_money(r.requested)),
            Cow::Owned(optional_money(r.voted)),
        ];
        writer
            .write_record(record.iter().map(|c| c.as_bytes()))
            .expect("CSV to memory");
    }
    String::from_utf8(writer.into_inner().expect("CSV to memory"))
        .expect("CSV of UTF-8 cells is UTF-8")
}

#[derive(Serialize)]
struct JsonExport<'a> {
    version: u32,
    rows: &'a [ExportRow<'a>],
}

/// One JSON document: `{"version": 1, "rows": [...]}`, money as numbers.
pub fn json(rows: &[ExportRow]) -> String {
    crate::render::json(&JsonExport { version: 1, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_and_control_characters_become_text() {
        for (given, written) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+cmd", "'+cmd"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
        ] {
            assert_eq!(defuse(given), written);
        }
        for safe in ["Association Rebonds", "P 1.2.3", "", "a=b", "'déjà"] {
            assert_eq!(defuse(safe), safe);
        }
    }
}
