//! The actions as a tidy table for spreadsheets and scripts: one row per
//! action and funder, in CSV, XLSX or JSON.

use serde::Serialize;
use serde_json::json;

use crate::model::{Action, Contract, Money, Status};
use crate::output::{Cell, Column, Doc, Kind, Table};

/// The columns of the tidy table, in order, for a 2015–2023 contract; one
/// that declares its tree says `main` and `serves` ([`columns`]).
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

/// The columns of the tidy table of a contract, in order.
pub fn columns(declared: bool) -> [&'static str; 13] {
    let mut out = COLUMNS;
    if declared {
        out[4] = "main";
        out[5] = "serves";
    }
    out
}

/// One action and one of its funders (requested or voted), or the action
/// alone when no funder is named.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExportRow<'a> {
    pub id: &'a str,
    pub year: u16,
    pub title: &'a str,
    pub porteur: &'a str,
    pub main_priority: String,
    /// Every entry it serves (priorities), the main one first, separated by
    /// `;`.
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
            main_priority: action.main().map(|c| c.to_string()).unwrap_or_default(),
            priorities: listed(action.serves.iter().map(|c| c.to_string())),
            quartiers: listed(
                action
                    .quartiers
                    .iter()
                    .map(|q| contract.quartier(q).map_or(q.as_str(), |found| found.key())),
            ),
            publics: listed(action.publics.iter().map(|p| p.as_str())),
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

/// The tidy table of CSV and XLSX: money as amounts, nothing for unknown.
pub fn table(rows: &[ExportRow], declared: bool) -> Table {
    let kind = |key: &str| match key {
        "year" => Kind::Year,
        "title" | "porteur" => Kind::Text,
        "cost" | "requested" | "voted" => Kind::Money,
        _ => Kind::Code,
    };
    let mut t = Table::new(
        "actions",
        columns(declared)
            .iter()
            .map(|k| Column::new(*k, *k, kind(k)))
            .collect(),
    );
    for r in rows {
        t.push(vec![
            Cell::code(r.id),
            Cell::Year(r.year),
            Cell::text(r.title),
            Cell::text(r.porteur),
            Cell::code(r.main_priority.clone()),
            Cell::code(r.priorities.clone()),
            Cell::code(r.quartiers.clone()),
            Cell::code(r.publics.clone()),
            Cell::code(r.status.name()),
            Cell::money(r.cost),
            r.funder.map_or(Cell::Empty, Cell::code),
            Cell::money(r.requested),
            Cell::money(r.voted),
        ]);
    }
    t
}

/// The whole output of `contrat export`: the tidy table, and in JSON
/// `{"version": 1, "rows": [...]}` with money as numbers (version 2, with the
/// keys `main` and `serves`, for a contract that declares its tree).
pub fn doc(contract: &Contract, actions: &[&Action]) -> Doc {
    let rows = rows(contract, actions);
    let declared = contract.tree.declared;
    let names = columns(declared);
    let json_rows: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let mut value = serde_json::to_value(r).unwrap_or_default();
            if let Some(map) = value.as_object_mut() {
                for (old, new) in COLUMNS.iter().zip(names) {
                    if *old != new
                        && let Some(v) = map.remove(*old)
                    {
                        map.insert(new.to_owned(), v);
                    }
                }
            }
            value
        })
        .collect();
    Doc {
        json: Some(json!({ "version": if declared { 2 } else { 1 }, "rows": json_rows })),
        data: vec![table(&rows, declared)],
        ..Doc::default()
    }
}

/// A list in one cell of the export: its items joined by `;`.
fn listed<T: AsRef<str>>(items: impl Iterator<Item = T>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(item.as_ref());
    }
    out
}
