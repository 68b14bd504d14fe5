//! What décret n° 2015-1118 asks the yearly report besides the
//! programmation: how each quartier's situation evolves, what the communes
//! and the EPCI did under their own powers, the droit commun beside the
//! contract's credits, the urban renewal projects (NPNRU) and the communes
//! that receive the dotation de solidarité urbaine (DSU).
//!
//! Figures of actions are taken from [`coverage`] so that the sections agree
//! with the rest of the report; this module only gathers what the contract
//! declares for the year.

use crate::analysis::coverage::{Coverage, Dimension, coverage, select};
use crate::analysis::filter::Filter;
use crate::analysis::known::Known;
use crate::model::{Action, Code, Contract, Money};

/// One indicator of one quartier over the years known up to the report's.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub unit: Option<String>,
    pub source: Option<String>,
    /// Year and figure, by year.
    pub values: Vec<(u16, f64)>,
}

impl Series {
    /// The first and the last figure, when there are two years or more.
    pub fn span(&self) -> Option<((u16, f64), (u16, f64))> {
        match (self.values.first(), self.values.last()) {
            (Some(&first), Some(&last)) if first.0 != last.0 => Some((first, last)),
            _ => None,
        }
    }

    /// The last figure less the first, to the millionth: the figures are
    /// decimals as written, and `42.5 - 41.9` is not `0.5999…` to a reader.
    pub fn change(&self) -> Option<f64> {
        self.span()
            .map(|((_, a), (_, b))| ((b - a) * 1e6).round() / 1e6)
    }
}

/// A quartier's context indicators.
#[derive(Clone, Debug, PartialEq)]
pub struct Situation {
    /// Its key: code, or name when it has none.
    pub key: String,
    pub name: String,
    pub indicators: Vec<Series>,
}

/// What one commune did and received in the year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommuneYear {
    pub insee: String,
    pub name: String,
    /// The counted actions in its quartiers, and their funding voted (the
    /// rows of a coverage by commune).
    pub actions: usize,
    pub funding: Money,
    /// What it voted itself, as a funder of the contract; `None` when the
    /// contract does not say which funder it is.
    pub own: Option<Money>,
    /// The DSU it received that year, if the contract gives it.
    pub dsu: Option<Money>,
}

/// What the EPCI voted under its own powers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EpciYear {
    pub name: String,
    pub funder: Option<String>,
    /// Its funding voted and the actions it funds; `None` without a funder.
    pub funding: Option<(Money, usize)>,
}

/// A funder's droit commun in the year beside its credits to the contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DroitCommunRow {
    pub funder: String,
    pub name: String,
    /// Funding voted to the contract's actions.
    pub credits: Money,
    pub droit_commun: Money,
    /// What the droit commun pays for, each with its amount.
    pub items: Vec<(String, Money)>,
}

/// A renewal project and the year's actions tied to it: in its quartiers,
/// naming an entry it serves or one below.
#[derive(Clone, Debug)]
pub struct Project<'c> {
    pub name: String,
    pub quartiers: Vec<String>,
    pub stage: Option<String>,
    pub anru: Option<Money>,
    pub total: Option<Money>,
    /// The entries it serves, with their titles.
    pub serves: Vec<(Code, String)>,
    pub actions: Vec<&'c Action>,
    pub funding: Money,
    pub cost: Known<Money>,
}

/// Everything the decree asks besides the programmation, for one year.
#[derive(Clone, Debug)]
pub struct Decree<'c> {
    pub situation: Vec<Situation>,
    pub communes: Vec<CommuneYear>,
    pub epci: Option<EpciYear>,
    /// Funders with droit commun in the year, in the order of `[funders]`.
    pub droit_commun: Vec<DroitCommunRow>,
    pub projects: Vec<Project<'c>>,
}

impl Decree<'_> {
    /// The contract credits and the droit commun of every funder together.
    pub fn droit_commun_total(&self) -> (Money, Money) {
        let credits = self.droit_commun.iter().map(|r| r.credits).sum();
        (
            credits,
            self.droit_commun.iter().map(|r| r.droit_commun).sum(),
        )
    }

    /// The communes that received the DSU in the year.
    pub fn dsu(&self) -> impl Iterator<Item = &CommuneYear> {
        self.communes.iter().filter(|c| c.dsu.is_some())
    }
}

/// Each quartier's context indicators, with their figures up to `year`.
pub fn situation(contract: &Contract, year: u16) -> Vec<Situation> {
    contract
        .quartiers
        .iter()
        .filter(|q| !q.indicators.is_empty())
        .map(|q| Situation {
            key: q.key().to_owned(),
            name: q.name.value.clone(),
            indicators: q
                .indicators
                .iter()
                .map(|i| {
                    let mut values: Vec<(u16, f64)> = i
                        .values
                        .iter()
                        .copied()
                        .filter(|(y, _)| *y <= year)
                        .collect();
                    values.sort_by_key(|(y, _)| *y);
                    Series {
                        name: i.name.clone(),
                        unit: i.unit.clone(),
                        source: i.source.clone(),
                        values,
                    }
                })
                .collect(),
        })
        .collect()
}

/// The decree's sections for the counted actions of `filter` (one year).
pub fn decree<'c>(contract: &'c Contract, filter: &Filter, year: u16) -> Decree<'c> {
    let situation = situation(contract, year);

    let by_funder = coverage(contract, filter, Dimension::Funder, false);
    let voted = |funder: &str| -> Option<(Money, usize)> {
        by_funder
            .rows
            .iter()
            .find(|r| r.key == funder)
            .map(|r| (r.measures.funding, r.measures.actions))
    };
    let by_commune: Coverage = coverage(contract, filter, Dimension::Commune, false);
    let communes = contract
        .communes
        .iter()
        .zip(&by_commune.rows)
        .map(|(c, row)| CommuneYear {
            insee: c.insee.value.clone(),
            name: c.name.value.clone(),
            actions: row.measures.actions,
            funding: row.measures.funding,
            own: c
                .funder
                .as_ref()
                .map(|f| voted(f).map_or(Money::ZERO, |(m, _)| m)),
            dsu: c.dsu.iter().find(|(y, _)| *y == year).map(|(_, m)| *m),
        })
        .collect();
    let epci = contract.meta.epci.as_ref().map(|e| EpciYear {
        name: e.name.clone(),
        funder: e.funder.as_ref().map(|f| f.value.clone()),
        funding: e
            .funder
            .as_ref()
            .map(|f| voted(f).unwrap_or((Money::ZERO, 0))),
    });

    let droit_commun = contract
        .funders
        .iter()
        .filter_map(|f| {
            let items: Vec<(String, Money)> = contract
                .droit_commun
                .iter()
                .filter(|d| *d.year == year && d.funder.value == f.id.value)
                .map(|d| (d.what.clone().unwrap_or_default(), d.amount.value))
                .collect();
            (!items.is_empty()).then(|| DroitCommunRow {
                funder: f.id.value.clone(),
                name: f.name.value.clone(),
                credits: voted(&f.id).map_or(Money::ZERO, |(m, _)| m),
                droit_commun: items.iter().map(|(_, m)| *m).sum(),
                items,
            })
        })
        .collect();

    let counted = select(contract, filter);
    let projects = contract
        .npnru
        .iter()
        .map(|p| {
            let quartiers: Vec<&crate::model::Quartier> = p
                .quartiers
                .iter()
                .filter_map(|q| contract.quartier(q))
                .collect();
            let in_quartiers = |a: &Action| {
                a.quartiers.iter().any(|w| {
                    contract
                        .quartier(w)
                        .is_some_and(|q| quartiers.iter().any(|p| std::ptr::eq(*p, q)))
                })
            };
            let tied = |a: &Action| {
                a.serves.iter().any(|c| {
                    p.serves
                        .iter()
                        .any(|s| contract.is_within(c.value, s.value))
                })
            };
            let actions: Vec<&Action> = counted
                .iter()
                .copied()
                .filter(|a| in_quartiers(a) && tied(a))
                .collect();
            let mut cost = Known::default();
            for a in &actions {
                cost.add(a.cost.as_ref().map(|c| c.value));
            }
            Project {
                name: p.name.value.clone(),
                quartiers: quartiers.iter().map(|q| q.name.value.clone()).collect(),
                stage: p.stage.clone(),
                anru: p.anru,
                total: p.total,
                serves: p
                    .serves
                    .iter()
                    .map(|c| {
                        (
                            c.value,
                            contract.title_of(c.value).unwrap_or_default().to_owned(),
                        )
                    })
                    .collect(),
                funding: actions.iter().map(|a| a.funding_total()).sum(),
                cost,
                actions,
            }
        })
        .collect();

    Decree {
        situation,
        communes,
        epci,
        droit_commun,
        projects,
    }
}
