//! Lists of actions as grids (table, CSV, Markdown) and JSON.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Action, Beneficiaries, Code, Contract, Language, Money, Status};
use crate::render::format::{count, money, plain_money};
use crate::render::labels::Label;
use crate::render::table::Grid;

/// The grid a person reads, with a total row of cost and funding voted.
pub fn grid(actions: &[&Action], lang: Language) -> Grid {
    let mut grid = Grid::new(
        [
            Label::Action,
            Label::Year,
            Label::Title,
            Label::Porteur,
            Label::MainPriority,
            Label::Status,
            Label::Cost,
            Label::Funding,
        ]
        .map(|l| l.text(lang)),
    )
    .numbers_from(6);
    let (mut cost, mut funding) = (Money::ZERO, Money::ZERO);
    for a in actions {
        let action_cost = a.cost.as_ref().map(|c| c.value);
        cost += action_cost.unwrap_or(Money::ZERO);
        funding += a.funding_total();
        grid.push([
            a.id.value.clone(),
            a.year.to_string(),
            a.title.value.clone(),
            a.porteur.value.clone(),
            a.main_priority().map(|c| c.to_string()).unwrap_or_default(),
            a.status.name().to_owned(),
            action_cost.map_or_else(|| "—".to_owned(), |c| money(c, lang)),
            money(a.funding_total(), lang),
        ]);
    }
    grid.push([
        Label::Total.text(lang).to_owned(),
        String::new(),
        count(actions.len() as u64, lang),
        String::new(),
        String::new(),
        String::new(),
        money(cost, lang),
        money(funding, lang),
    ]);
    grid
}

/// One row per action, for machines.
pub fn csv_grid(actions: &[&Action]) -> Grid {
    let mut grid = Grid::new([
        "id",
        "year",
        "title",
        "porteur",
        "main_priority",
        "priorities",
        "status",
        "cost",
        "funding",
    ]);
    for a in actions {
        let priorities: Vec<String> = a.priorities.iter().map(|c| c.to_string()).collect();
        grid.push([
            a.id.value.clone(),
            a.year.to_string(),
            a.title.value.clone(),
            a.porteur.value.clone(),
            a.main_priority().map(|c| c.to_string()).unwrap_or_default(),
            priorities.join(";"),
            a.status.name().to_owned(),
            a.cost
                .as_ref()
                .map(|c| plain_money(c.value))
                .unwrap_or_default(),
            plain_money(a.funding_total()),
        ]);
    }
    grid
}

#[derive(Serialize)]
struct JsonAction<'a> {
    id: &'a str,
    year: u16,
    title: &'a str,
    porteur: &'a str,
    status: Status,
    main_priority: Option<Code>,
    priorities: Vec<Code>,
    transversal: Vec<Code>,
    /// Quartier codes, whatever spelling the file uses.
    quartiers: Vec<&'a str>,
    publics: Vec<&'a str>,
    cost: Option<Money>,
    funding: BTreeMap<&'a str, Money>,
    funding_total: Money,
    requested: BTreeMap<&'a str, Money>,
    beneficiaries: Beneficiaries,
    renews: Option<&'a str>,
    tags: &'a [String],
}

#[derive(Serialize)]
struct JsonActions<'a> {
    version: u32,
    actions: Vec<JsonAction<'a>>,
}

/// The documented JSON document of an action list.
pub fn json(contract: &Contract, actions: &[&Action]) -> String {
    let doc = JsonActions {
        version: 1,
        actions: actions
            .iter()
            .map(|a| JsonAction {
                id: &a.id,
                year: *a.year,
                title: &a.title,
                porteur: &a.porteur,
                status: a.status,
                main_priority: a.main_priority(),
                priorities: a.priorities.iter().map(|c| c.value).collect(),
                transversal: a.transversal.iter().map(|c| c.value).collect(),
                quartiers: a
                    .quartiers
                    .iter()
                    .map(|q| contract.quartier(q).map_or(q.as_str(), |found| found.key()))
                    .collect(),
                publics: a.publics.iter().map(|p| p.as_str()).collect(),
                cost: a.cost.as_ref().map(|c| c.value),
                funding: a
                    .funding
                    .iter()
                    .map(|f| (f.funder.as_str(), f.amount.value))
                    .collect(),
                funding_total: a.funding_total(),
                requested: a
                    .requested
                    .iter()
                    .map(|f| (f.funder.as_str(), f.amount.value))
                    .collect(),
                beneficiaries: a.beneficiaries,
                renews: a.renews.as_ref().map(|r| r.as_str()),
                tags: &a.tags,
            })
            .collect(),
    };
    crate::render::json(&doc)
}
