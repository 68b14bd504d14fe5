//! Lists of actions laid out: a table for a person with a total, a tidy
//! table for CSV and XLSX, and the documented JSON.

use std::collections::BTreeMap;

use serde_json::json;

use crate::analysis::coverage::Measures;
use crate::model::{Action, Contract, Money};
use crate::output::{Cell, Column, Doc, Kind, Table, Word, Words};
use crate::render::columns::Common;

/// The columns a list of actions for a person ends with: cost, funding voted.
fn money_columns(w: &Words) -> [Column; 2] {
    [Common::Cost.column(w), Common::Funding.column(w)]
}

/// An action's cells under [`money_columns`]: a cost nobody stated is unknown.
fn money_cells(a: &Action) -> [Cell; 2] {
    [
        Cell::money(a.cost.as_ref().map(|c| c.value)),
        Cell::Money(a.funding_total()),
    ]
}

/// A list of actions for a person, as the yearly report shows them (counted,
/// tied to a renewal project):
/// id, title and porteur, then the `middle` columns (each action's cells for
/// them by `cells`), then cost and funding voted.
pub(crate) fn listed(
    name: &str,
    actions: &[&Action],
    middle: Vec<Column>,
    w: &Words,
    cells: impl Fn(&Action) -> Vec<Cell>,
) -> Table {
    let mut columns = Common::columns(w, [Common::ActionId, Common::Title, Common::Porteur]);
    columns.extend(middle);
    columns.extend(money_columns(w));
    let mut t = Table::new(name, columns);
    for a in actions {
        let mut row = vec![
            Cell::code(a.id.value.clone()),
            Cell::text(a.title.value.clone()),
            Cell::text(a.porteur.value.clone()),
        ];
        row.extend(cells(a));
        row.extend(money_cells(a));
        t.push(row);
    }
    t
}

/// The table a person reads, with a total of cost and funding voted. The
/// total of cost says how many costs it knows.
pub fn table(actions: &[&Action], w: &Words) -> Table {
    let mut columns = vec![
        Common::ActionId.column(w),
        Common::Year.column(w).optional(),
        Common::Title.column(w),
        Common::Porteur.column(w),
        Column::new(main_key(w), w.main_entry(), Kind::Code).optional(),
        Common::Status.column(w),
    ];
    columns.extend(money_columns(w));
    let mut t = Table::new("actions", columns);
    for a in actions {
        let mut row = vec![
            Cell::code(a.id.value.clone()),
            Cell::Year(*a.year),
            Cell::text(a.title.value.clone()),
            Cell::text(a.porteur.value.clone()),
            a.main().map_or(Cell::Empty, |c| Cell::code(w.code(c))),
            Cell::code(w.status(a.status)),
        ];
        row.extend(money_cells(a));
        t.push(row);
    }
    let total = Measures::of(actions);
    let (cost, all) = (total.cost, total.actions as u64);
    t.total = Some(vec![
        Cell::text(w.s(Word::Total)),
        Cell::Empty,
        Cell::text(w.actions(all)),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        // A cost known in part shows the sum stated; the note says how much.
        if cost.unknown() {
            Cell::Unknown
        } else {
            Cell::Money(cost.sum)
        },
        Cell::Money(total.funding),
    ]);
    if cost.known < cost.of {
        t.note_on(
            "cost",
            w.known_for(w.get(Word::Cost), cost.known as u64, all),
        );
    }
    t
}

/// The stable key of an action's main entry: `main_priority` in a 2015–2023
/// contract, `main` in one that declares its tree.
fn main_key(w: &Words) -> &'static str {
    if w.declared() {
        "main"
    } else {
        "main_priority"
    }
}

/// The stable key of the entries an action serves: the file's key.
fn serves_key(w: &Words) -> &'static str {
    if w.declared() { "serves" } else { "priorities" }
}

/// One row per action, for machines.
pub fn data(actions: &[&Action], w: &Words) -> Table {
    let mut t = Table::new(
        "actions",
        [
            ("id", Kind::Code),
            ("year", Kind::Year),
            ("title", Kind::Text),
            ("porteur", Kind::Text),
            (main_key(w), Kind::Code),
            (serves_key(w), Kind::Code),
            ("status", Kind::Code),
            ("cost", Kind::Money),
            ("funding", Kind::Money),
        ]
        .into_iter()
        .map(|(k, kind)| Column::new(k, k, kind))
        .collect(),
    );
    for a in actions {
        let priorities: Vec<String> = a.serves.iter().map(|c| c.to_string()).collect();
        t.push(vec![
            Cell::code(a.id.value.clone()),
            Cell::Year(*a.year),
            Cell::text(a.title.value.clone()),
            Cell::text(a.porteur.value.clone()),
            a.main().map_or(Cell::Empty, |c| Cell::code(c.to_string())),
            Cell::code(priorities.join(";")),
            Cell::code(a.status.name()),
            Cell::money(a.cost.as_ref().map(|c| c.value)),
            Cell::Money(a.funding_total()),
        ]);
    }
    t
}

/// The documented JSON document of an action list.
pub fn json(contract: &Contract, actions: &[&Action], w: &Words) -> serde_json::Value {
    fn amounts(list: &[crate::model::Amount]) -> BTreeMap<&str, Money> {
        list.iter()
            .map(|f| (f.funder.as_str(), f.amount.value))
            .collect()
    }
    let list: Vec<serde_json::Value> = actions
        .iter()
        .map(|a| {
            json!({
                "id": a.id.value,
                "year": *a.year,
                "title": a.title.value,
                "porteur": a.porteur.value,
                "status": a.status,
                main_key(w): a.main(),
                serves_key(w): a.serves.iter().map(|c| c.value).collect::<Vec<_>>(),
                "transversal": a.transversal.iter().map(|c| c.value).collect::<Vec<_>>(),
                // Quartier codes, whatever spelling the file uses.
                "quartiers": a
                    .quartiers
                    .iter()
                    .map(|q| contract.quartier(q).map_or(q.as_str(), |found| found.key()))
                    .collect::<Vec<_>>(),
                "publics": a.publics.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
                "cost": a.cost.as_ref().map(|c| c.value),
                "funding": amounts(&a.funding),
                "funding_total": a.funding_total(),
                "requested": amounts(&a.requested),
                "beneficiaries": a.beneficiaries,
                "renews": a.renews.as_ref().map(|r| r.as_str()),
                "tags": a.tags,
            })
        })
        .collect();
    json!({ "version": if w.declared() { 2 } else { 1 }, "actions": list })
}

/// The whole output of `contrat actions`.
pub fn doc(contract: &Contract, actions: &[&Action], w: &Words) -> Doc {
    Doc {
        data: vec![data(actions, w)],
        json: Some(json(contract, actions, w)),
        ..Doc::table(table(actions, w))
    }
}
