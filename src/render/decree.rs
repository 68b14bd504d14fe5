//! The report's sections that décret n° 2015-1118 asks beside the
//! programmation, laid out from [`Decree`]: where the contract gives no data
//! for one, the section says what to add, so that the council's document
//! never hides a missing item.

use crate::analysis::decree::{CommuneYear, Decree, Series, Situation};
use crate::output::svg::{Bar, BarChart, Category};
use crate::output::{Block, Cell, Chart, Column, Item, Kind, Scale, Section, Table, Word, Words};
use crate::render::columns::Common;

/// The officer's text for one quartier, by its key.
pub type Commentary = [(String, String)];

/// Every indicator name, in the order first met.
fn indicator_names(situation: &[Situation]) -> Vec<(String, Option<String>)> {
    let mut names: Vec<(String, Option<String>)> = Vec::new();
    for q in situation {
        for i in &q.indicators {
            if !names.iter().any(|(n, _)| *n == i.name) {
                names.push((i.name.clone(), i.unit.clone()));
            }
        }
    }
    names
}

/// The years any quartier gives for an indicator, in order.
fn years_of(situation: &[Situation], name: &str) -> Vec<u16> {
    let mut years: Vec<u16> = situation
        .iter()
        .flat_map(|q| q.indicators.iter().filter(|i| i.name == name))
        .flat_map(|i| i.values.iter().map(|(y, _)| *y))
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

fn value_of(series: &Series, year: u16) -> Option<f64> {
    series
        .values
        .iter()
        .find(|(y, _)| *y == year)
        .map(|(_, v)| *v)
}

/// One table and one chart per indicator: each quartier's figure by year and
/// its change from the first year known to the last; then the officer's
/// commentary on each quartier.
pub fn situation(situation: &[Situation], w: &Words, commentary: &Commentary) -> Section {
    let mut blocks = Vec::new();
    let names = indicator_names(situation);
    if names.is_empty() {
        blocks.push(Block::text(w.s(Word::NoSituation)));
    }
    for (n, (name, unit)) in names.iter().enumerate() {
        let years = years_of(situation, name);
        blocks.push(Block::Heading(w.with_unit_name(name, unit.as_deref())));
        let mut columns = vec![Common::Quartier.column(w), Common::Name.column(w)];
        for year in &years {
            columns.push(Column::new(
                year.to_string(),
                year.to_string(),
                Kind::Decimal,
            ));
        }
        columns.push(Column::new("change", w.s(Word::Change), Kind::Decimal));
        let mut t = Table::new("situation", columns);
        let mut sources: Vec<&str> = Vec::new();
        let mut categories = Vec::new();
        for q in situation {
            let Some(series) = q.indicators.iter().find(|i| i.name == *name) else {
                continue;
            };
            if let Some(source) = series.source.as_deref()
                && !sources.contains(&source)
            {
                sources.push(source);
            }
            let mut row = vec![Cell::code(q.key.clone()), Cell::text(q.name.clone())];
            for year in &years {
                row.push(value_of(series, *year).map_or(Cell::Unknown, Cell::Decimal));
            }
            row.push(series.change().map_or(Cell::Unknown, Cell::Decimal));
            t.push(row);
            categories.push(Category {
                label: q.name.clone(),
                bars: years
                    .iter()
                    .map(|y| {
                        let v = value_of(series, *y);
                        Bar {
                            value: v.map_or(0, |v| (v * 10.0).round() as i64),
                            text: v.map_or_else(|| "—".to_owned(), |v| w.decimal(v)),
                        }
                    })
                    .collect(),
            });
        }
        if !sources.is_empty() {
            t.note(w.source_line(&sources));
        }
        blocks.push(Block::Chart(Chart {
            slug: format!("situation-{}", n + 1),
            scale: Scale::Tenths,
            chart: BarChart {
                id: format!("situation-{}", n + 1),
                title: w.with_unit_name(name, unit.as_deref()),
                axis_label: w.with_unit_name(name, unit.as_deref()),
                series: years.iter().map(u16::to_string).collect(),
                categories,
                scale_end: None,
                unit: 1,
            },
        }));
        blocks.push(Block::Table(t));
    }
    for (key, text) in commentary {
        let name = situation
            .iter()
            .find(|q| q.key == *key)
            .map_or(key.as_str(), |q| q.name.as_str());
        blocks.push(Block::Heading(format!("{key} — {name}")));
        blocks.push(Block::Notes(text.clone()));
    }
    Section {
        id: "situation",
        heading: w.s(Word::SectionSituation),
        blocks,
    }
}

/// A table of communes: INSEE code and name, then the `rest` of the columns
/// (each commune's cells for them by `cells`).
fn commune_table<'d>(
    name: &str,
    communes: impl IntoIterator<Item = &'d CommuneYear>,
    rest: Vec<Column>,
    w: &Words,
    cells: impl Fn(&CommuneYear) -> Vec<Cell>,
) -> Table {
    let mut columns = vec![
        Column::new("insee", w.s(Word::Commune), Kind::Code),
        Common::Name.column(w),
    ];
    columns.extend(rest);
    let mut t = Table::new(name, columns);
    for c in communes {
        let mut row = vec![Cell::code(c.insee.clone()), Cell::text(c.name.clone())];
        row.extend(cells(c));
        t.push(row);
    }
    t
}

/// Each commune: the counted actions in its quartiers, what it voted itself,
/// the DSU it received; the EPCI's own funding.
pub fn territories(decree: &Decree, w: &Words) -> Section {
    let mut blocks = Vec::new();
    if decree.communes.is_empty() && decree.epci.is_none() {
        blocks.push(Block::text(w.s(Word::NoTerritories)));
    } else {
        let rest = vec![
            Common::ActionsInQuartiers.column(w),
            Common::FundingOfThose.column(w),
            Column::new("own", w.s(Word::OwnFunding), Kind::Money),
            Common::DsuReceived.column(w),
        ];
        let mut t = commune_table("territories", &decree.communes, rest, w, |c| {
            vec![
                Cell::count(c.actions),
                Cell::Money(c.funding),
                c.own.map_or(Cell::Unknown, Cell::Money),
                c.dsu.map_or(Cell::Empty, Cell::Money),
            ]
        });
        // The EPCI acts on every quartier: its row says what it voted.
        if let Some(e) = &decree.epci {
            t.push(vec![
                Cell::code("EPCI"),
                Cell::text(e.name.clone()),
                Cell::Empty,
                Cell::Empty,
                e.funding.map_or(Cell::Unknown, |(m, _)| Cell::Money(m)),
                Cell::Empty,
            ]);
        }
        if decree.communes.len() > 1 {
            t.note(w.rows_overlap(&w.s(Word::Communes)));
        }
        blocks.push(Block::Table(t));
    }
    Section {
        id: "territories",
        heading: w.s(Word::SectionTerritories),
        blocks,
    }
}

/// Each funder's droit commun of the year beside its credits to the contract.
pub fn droit_commun(decree: &Decree, w: &Words) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(w.s(Word::SectionDroitCommun))];
    if decree.droit_commun.is_empty() {
        blocks.push(Block::text(w.s(Word::NoDroitCommun)));
        return blocks;
    }
    let mut t = Table::new(
        "droit_commun",
        vec![
            Common::Funder.column(w),
            Column::new("what", w.s(Word::WhatFor), Kind::Text),
            Column::new("credits", w.s(Word::ContractCredits), Kind::Money),
            Column::new("droit_commun", w.s(Word::DroitCommun), Kind::Money),
        ],
    );
    for row in &decree.droit_commun {
        let what: Vec<String> = row
            .items
            .iter()
            .filter(|(what, _)| !what.is_empty())
            .map(|(what, amount)| format!("{what} ({})", w.money(*amount)))
            .collect();
        t.push(vec![
            Cell::text(row.name.clone()),
            Cell::text(what.join(" ; ")),
            Cell::Money(row.credits),
            Cell::Money(row.droit_commun),
        ]);
    }
    let (credits, droit_commun) = decree.droit_commun_total();
    t.total = Some(vec![
        Cell::text(w.s(Word::Total)),
        Cell::Empty,
        Cell::Money(credits),
        Cell::Money(droit_commun),
    ]);
    blocks.push(Block::Table(t));
    blocks
}

/// Each renewal project: its quartiers, stage and amounts, the entries it
/// serves and the year's actions tied to it.
pub fn renewal(decree: &Decree, w: &Words) -> Section {
    let mut blocks = Vec::new();
    if decree.projects.is_empty() {
        blocks.push(Block::text(w.s(Word::NoRenewal)));
    }
    for p in &decree.projects {
        blocks.push(Block::Heading(p.name.clone()));
        let fact = |word: Word, value: String| Item::new(super::fact(w, word, value));
        let mut facts = vec![fact(Word::Quartiers, p.quartiers.join(", "))];
        if let Some(stage) = &p.stage {
            facts.push(fact(Word::Stage, stage.clone()));
        }
        if let Some(anru) = p.anru {
            facts.push(fact(Word::AnruAid, w.money(anru)));
        }
        if let Some(total) = p.total {
            facts.push(fact(Word::ProjectCost, w.money(total)));
        }
        if !p.serves.is_empty() {
            let served: Vec<String> = p
                .serves
                .iter()
                .map(|(code, title)| w.code_and_title(&w.code(*code), title))
                .collect();
            facts.push(fact(Word::ServedEntries, served.join(" ; ")));
        }
        blocks.push(Block::List(facts));
        let mut a = super::actions::listed("tied", &p.actions, Vec::new(), w, |_| Vec::new());
        a.total = Some(vec![
            Cell::text(w.s(Word::Total)),
            Cell::text(w.actions(p.actions.len() as u64)),
            Cell::Empty,
            Cell::known(p.cost, Cell::Money),
            Cell::Money(p.funding),
        ]);
        blocks.push(Block::Heading(w.s(Word::TiedActions)));
        blocks.push(Block::Table(a));
    }
    Section {
        id: "renewal",
        heading: w.s(Word::SectionRenewal),
        blocks,
    }
}

/// The communes that received the DSU in the year, and the actions in them.
pub fn dsu(decree: &Decree, w: &Words) -> Section {
    let mut blocks = Vec::new();
    let rest = Common::columns(
        w,
        [
            Common::DsuReceived,
            Common::ActionsInQuartiers,
            Common::FundingOfThose,
        ],
    );
    let t = commune_table("dsu", decree.dsu(), rest, w, |c| {
        vec![
            c.dsu.map_or(Cell::Unknown, Cell::Money),
            Cell::count(c.actions),
            Cell::Money(c.funding),
        ]
    });
    if t.rows.is_empty() {
        blocks.push(Block::text(w.s(Word::NoDsu)));
    } else {
        blocks.push(Block::Table(t));
    }
    Section {
        id: "dsu",
        heading: w.s(Word::SectionDsu),
        blocks,
    }
}
