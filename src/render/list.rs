//! The contract's tree laid out: every item in contract order (each pilier,
//! its orientations, their priorities), then the transversal orientations.

use serde_json::json;

use crate::model::{Code, CodeKind, Contract};
use crate::output::{Cell, Column, Doc, Kind, Table, Word, Words};

/// Every item of the tree in order, with its level.
fn items(contract: &Contract) -> Vec<(CodeKind, Code, &str)> {
    let mut out = Vec::new();
    for pilier in &contract.piliers {
        out.push((CodeKind::Pilier, pilier.code(), pilier.title.as_str()));
        for orientation in contract.orientations_of(*pilier.number) {
            out.push((
                CodeKind::Orientation,
                *orientation.code,
                orientation.title.as_str(),
            ));
            for priority in contract.priorities_within(*orientation.code) {
                out.push((CodeKind::Priority, *priority.code, priority.title.as_str()));
            }
        }
    }
    for t in &contract.transversals {
        out.push((CodeKind::Transversal, *t.code, t.title.as_str()));
    }
    out
}

/// The level's stable name in CSV and JSON.
fn level_key(kind: CodeKind) -> &'static str {
    match kind {
        CodeKind::Transversal => "transversal",
        other => other.name(),
    }
}

/// Code and title for a person, the code as the contract names it.
pub fn table(contract: &Contract, w: &Words) -> Table {
    let mut t = Table::new(
        "tree",
        vec![
            Column::new("code", w.s(Word::Code), Kind::Code),
            Column::new("title", w.s(Word::Title), Kind::Text),
        ],
    );
    for (_, code, title) in items(contract) {
        t.push(vec![Cell::code(w.code(code)), Cell::text(title)]);
    }
    t
}

/// Level, code, parent and title: the tidy form.
pub fn data(contract: &Contract) -> Table {
    let mut t = Table::new(
        "tree",
        ["level", "code", "parent", "title"]
            .into_iter()
            .map(|k| Column::new(k, k, if k == "title" { Kind::Text } else { Kind::Code }))
            .collect(),
    );
    for (kind, code, title) in items(contract) {
        t.push(vec![
            Cell::code(level_key(kind)),
            Cell::code(code.to_string()),
            code.parent()
                .map_or(Cell::Empty, |p| Cell::code(p.to_string())),
            Cell::text(title),
        ]);
    }
    t
}

/// The nested JSON document.
pub fn json(contract: &Contract) -> serde_json::Value {
    let node = |code: Code, title: &str| json!({ "code": code, "title": title });
    json!({
        "version": 1,
        "piliers": contract.piliers.iter().map(|p| json!({
            "pilier": *p.number,
            "title": p.title.value,
            "orientations": contract.orientations_of(*p.number).map(|o| json!({
                "code": *o.code,
                "title": o.title.value,
                "priorities": contract
                    .priorities_within(*o.code)
                    .map(|p| node(*p.code, &p.title))
                    .collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "transversals": contract
            .transversals
            .iter()
            .map(|t| node(*t.code, &t.title))
            .collect::<Vec<_>>(),
    })
}

/// The whole output of `contrat list`.
pub fn doc(contract: &Contract, w: &Words) -> Doc {
    Doc {
        data: vec![data(contract)],
        json: Some(json(contract)),
        ..Doc::table(table(contract, w))
    }
}
