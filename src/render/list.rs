//! The contract's tree laid out: every entry in contract order (each pilier,
//! its orientations, their priorities; each axe, its objectifs…), then the
//! transversal entries.

use serde_json::json;

use crate::model::{Code, CodeKind, Contract};
use crate::output::{Cell, Column, Doc, Kind, Table, Words};
use crate::render::columns::Common;

/// Every item of the tree in order, with its level.
fn items(contract: &Contract) -> Vec<(CodeKind, Code, &str)> {
    contract
        .nodes
        .iter()
        .map(|n| (n.level(), *n.code, n.title.as_str()))
        .chain(
            contract
                .transversals
                .iter()
                .map(|t| (CodeKind::Transversal, *t.code, t.title.as_str())),
        )
        .collect()
}

/// Entries by code and title for a person, the code as the contract names
/// it: the tree's listing and the yearly report's transversal entries.
pub(crate) fn code_title_table<'c>(
    name: &str,
    entries: impl IntoIterator<Item = (Code, &'c str)>,
    w: &Words,
) -> Table {
    let mut t = Table::new(name, vec![Common::Code.column(w), Common::Title.column(w)]);
    for (code, title) in entries {
        t.push(vec![Cell::code(w.code(code)), Cell::text(title)]);
    }
    t
}

/// Code and title for a person, the code as the contract names it.
pub fn table(contract: &Contract, w: &Words) -> Table {
    let entries = items(contract)
        .into_iter()
        .map(|(_, code, title)| (code, title));
    code_title_table("tree", entries, w)
}

/// Level, code, parent and title: the tidy form.
pub fn data(contract: &Contract, w: &Words) -> Table {
    let mut t = Table::new(
        "tree",
        ["level", "code", "parent", "title"]
            .into_iter()
            .map(|k| Column::new(k, k, if k == "title" { Kind::Text } else { Kind::Code }))
            .collect(),
    );
    for (kind, code, title) in items(contract) {
        t.push(vec![
            Cell::code(w.level_key(kind)),
            Cell::code(code.to_string()),
            contract
                .parent(code)
                .map_or(Cell::Empty, |p| Cell::code(p.to_string())),
            Cell::text(title),
        ]);
    }
    t
}

/// The nested JSON document: version 1 for the 2015–2023 tree (piliers,
/// orientations, priorities), version 2 for a declared one (its levels, and
/// each entry with the entries below it).
pub fn json(contract: &Contract) -> serde_json::Value {
    let node = |code: Code, title: &str| json!({ "code": code, "title": title });
    let transversals: Vec<serde_json::Value> = contract
        .transversals
        .iter()
        .map(|t| node(*t.code, &t.title))
        .collect();
    let tree = &contract.tree;
    if tree.declared {
        fn entry(contract: &Contract, n: &crate::model::Node) -> serde_json::Value {
            json!({
                "code": *n.code,
                "level": contract.tree.level(n.level()).key,
                "title": n.title.value,
                "children": contract
                    .children(*n.code)
                    .map(|c| entry(contract, c))
                    .collect::<Vec<_>>(),
            })
        }
        return json!({
            "version": 2,
            "levels": tree.levels.iter().map(|l| json!({
                "key": l.key,
                "label": l.label,
                "plural": l.plural,
                "code": l.form.template(),
                "actions_name_it": l.nameable,
            })).collect::<Vec<_>>(),
            "transversal": {
                "label": tree.transversal.label,
                "plural": tree.transversal.plural,
                "code": tree.transversal.form.template(),
            },
            "tree": contract
                .level(CodeKind::Level(0))
                .map(|n| entry(contract, n))
                .collect::<Vec<_>>(),
            "transversals": transversals,
        });
    }
    json!({
        "version": 1,
        "piliers": contract.level(CodeKind::Level(0)).map(|p| json!({
            "pilier": tree.rank(*p.code),
            "title": p.title.value,
            "orientations": contract.children(*p.code).map(|o| json!({
                "code": *o.code,
                "title": o.title.value,
                "priorities": contract
                    .children(*o.code)
                    .map(|p| node(*p.code, &p.title))
                    .collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "transversals": transversals,
    })
}

/// The whole output of `contrat list`.
pub fn doc(contract: &Contract, w: &Words) -> Doc {
    Doc {
        data: vec![data(contract, w)],
        json: Some(json(contract)),
        ..Doc::table(table(contract, w))
    }
}
