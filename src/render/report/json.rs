//! The yearly report as one JSON document (`"version": 1`), documented in the
//! README: the figures without the labels, money as numbers of euros.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::report::{Report, Value, Verdict};
use crate::model::{Code, Money, Period, Status};
use crate::render::coverage::{self, JsonCoverage};
use crate::render::gaps::{self, JsonGaps};

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    year: u16,
    previous_year: u16,
    contract: Contract<'a>,
    orientations: Orientations<'a>,
    actions: Actions<'a>,
    means: Means<'a>,
    coverage: Coverages<'a>,
    gaps: JsonGaps<'a>,
    quartiers: JsonCoverage<'a>,
    transversals: JsonCoverage<'a>,
    indicators: Vec<Indicator<'a>>,
    comparison: Comparison<'a>,
    notes: Option<&'a str>,
}

#[derive(Serialize)]
struct Contract<'a> {
    title: &'a str,
    territory: &'a str,
    period: Option<Period>,
    source: Option<&'a str>,
}

#[derive(Serialize)]
struct Orientations<'a> {
    piliers: Vec<Pilier<'a>>,
    transversals: Vec<Node<'a>>,
}

#[derive(Serialize)]
struct Pilier<'a> {
    code: Code,
    title: &'a str,
    orientations: Vec<Orientation<'a>>,
}

#[derive(Serialize)]
struct Orientation<'a> {
    code: Code,
    title: &'a str,
    priorities: usize,
}

#[derive(Serialize)]
struct Node<'a> {
    code: Code,
    title: &'a str,
}

#[derive(Serialize)]
struct Actions<'a> {
    counted: usize,
    new: usize,
    renewed: usize,
    /// Every action of the year by status, counted or not.
    statuses: BTreeMap<&'static str, usize>,
    porteurs: Vec<Porteur<'a>>,
    list: Vec<Action<'a>>,
}

#[derive(Serialize)]
struct Porteur<'a> {
    porteur: &'a str,
    actions: usize,
    funding: Money,
    cost: Money,
}

#[derive(Serialize)]
struct Action<'a> {
    id: &'a str,
    title: &'a str,
    porteur: &'a str,
    main_priority: Option<Code>,
    status: Status,
    renews: Option<&'a str>,
    cost: Option<Money>,
    funding: Money,
}

#[derive(Serialize)]
struct Means<'a> {
    funding: Money,
    cost: Money,
    state_funding: Option<Money>,
    /// Total cost over the State's funding, to two decimals.
    leverage: Option<f64>,
    funders: Vec<Funder<'a>>,
    by_pilier: Vec<PilierFunding<'a>>,
}

#[derive(Serialize)]
struct Funder<'a> {
    id: &'a str,
    name: &'a str,
    funding: Money,
    /// Percent of all funding voted, to one decimal.
    share: Option<f64>,
}

#[derive(Serialize)]
struct PilierFunding<'a> {
    pilier: &'a str,
    funding: BTreeMap<&'a str, Money>,
    total: Money,
}

#[derive(Serialize)]
struct Coverages<'a> {
    by_priority: JsonCoverage<'a>,
    by_orientation: JsonCoverage<'a>,
    by_pilier: JsonCoverage<'a>,
}

#[derive(Serialize)]
struct Indicator<'a> {
    action: &'a str,
    title: &'a str,
    indicator: &'a str,
    target: f64,
    actual: Option<f64>,
    unit: Option<&'a str>,
    result: &'static str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum JsonValue {
    Count(usize),
    Money(Money),
    Covered { covered: usize, priorities: usize },
}

impl From<Value> for JsonValue {
    fn from(value: Value) -> JsonValue {
        match value {
            Value::Count(n) => JsonValue::Count(n),
            Value::Money(m) => JsonValue::Money(m),
            Value::Covered(covered, priorities) => JsonValue::Covered {
                covered,
                priorities,
            },
        }
    }
}

#[derive(Serialize)]
struct Compared {
    measure: &'static str,
    previous: JsonValue,
    current: JsonValue,
    trend: &'static str,
}

#[derive(Serialize)]
struct ComparedPilier<'a> {
    pilier: &'a str,
    title: &'a str,
    previous: Money,
    current: Money,
    trend: &'static str,
}

#[derive(Serialize)]
struct Comparison<'a> {
    previous_year: u16,
    measures: Vec<Compared>,
    by_pilier: Vec<ComparedPilier<'a>>,
}

/// `382` hundredths as `3.82`, `329` tenths as `32.9`: display figures, not money.
fn scaled(value: Option<u64>, per: f64) -> Option<f64> {
    value.map(|v| v as f64 / per)
}

/// The documented JSON document of a yearly report.
pub fn render(report: &Report, notes: Option<&str>) -> String {
    let m = &report.means;
    let doc = Doc {
        version: 1,
        year: report.year,
        previous_year: report.previous_year,
        contract: Contract {
            title: report.title,
            territory: report.territory,
            period: report.period,
            source: report.source,
        },
        orientations: Orientations {
            piliers: report
                .outline
                .iter()
                .map(|p| Pilier {
                    code: p.code,
                    title: p.title,
                    orientations: p
                        .orientations
                        .iter()
                        .map(|o| Orientation {
                            code: o.code,
                            title: o.title,
                            priorities: o.priorities,
                        })
                        .collect(),
                })
                .collect(),
            transversals: report
                .transversals
                .iter()
                .map(|&(code, title)| Node { code, title })
                .collect(),
        },
        actions: Actions {
            counted: report.actions.counted.len(),
            new: report.actions.new,
            renewed: report.actions.renewed,
            statuses: report
                .actions
                .statuses
                .iter()
                .map(|(s, n)| (s.name(), *n))
                .collect(),
            porteurs: report
                .actions
                .porteurs
                .iter()
                .map(|r| Porteur {
                    porteur: &r.key,
                    actions: r.measures.actions,
                    funding: r.measures.funding,
                    cost: r.measures.cost,
                })
                .collect(),
            list: report
                .actions
                .counted
                .iter()
                .map(|a| Action {
                    id: &a.id,
                    title: &a.title,
                    porteur: &a.porteur,
                    main_priority: a.main_priority(),
                    status: a.status,
                    renews: a.renews.as_ref().map(|r| r.as_str()),
                    cost: a.cost.as_ref().map(|c| c.value),
                    funding: a.funding_total(),
                })
                .collect(),
        },
        means: Means {
            funding: m.funding,
            cost: m.cost,
            state_funding: m.state,
            leverage: scaled(m.leverage, 100.0),
            funders: m
                .funders
                .iter()
                .map(|f| Funder {
                    id: &f.id,
                    name: &f.name,
                    funding: f.funding,
                    share: scaled(f.share, 10.0),
                })
                .collect(),
            // The split's rows are those of the coverage by pilier, whose
            // funding is each row's total.
            by_pilier: m
                .split
                .rows
                .iter()
                .zip(&report.by_pilier.rows)
                .map(|((pilier, amounts), row)| PilierFunding {
                    pilier,
                    funding: m
                        .split
                        .funders
                        .iter()
                        .map(String::as_str)
                        .zip(amounts.iter().copied())
                        .collect(),
                    total: row.measures.funding,
                })
                .collect(),
        },
        coverage: Coverages {
            by_priority: coverage::document(&report.by_priority, None),
            by_orientation: coverage::document(&report.by_orientation, None),
            by_pilier: coverage::document(&report.by_pilier, None),
        },
        gaps: gaps::document(&report.gaps, None),
        quartiers: coverage::document(&report.by_quartier, None),
        transversals: coverage::document(&report.by_transversal, None),
        indicators: report
            .indicators
            .iter()
            .map(|line| Indicator {
                action: &line.action.id,
                title: &line.action.title,
                indicator: &line.indicator.name,
                target: line.indicator.target,
                actual: line.indicator.actual,
                unit: line.indicator.unit.as_deref(),
                result: match line.verdict {
                    Verdict::Met => "met",
                    Verdict::Shortfall => "shortfall",
                    Verdict::Missing => "missing",
                    Verdict::Pending => "pending",
                },
            })
            .collect(),
        comparison: Comparison {
            previous_year: report.comparison.previous_year,
            measures: report
                .comparison
                .measures
                .iter()
                .map(|c| Compared {
                    measure: c.measure.name(),
                    previous: c.previous.into(),
                    current: c.current.into(),
                    trend: c.trend.name(),
                })
                .collect(),
            by_pilier: report
                .comparison
                .by_pilier
                .iter()
                .map(|r| ComparedPilier {
                    pilier: &r.key,
                    title: &r.title,
                    previous: r.previous,
                    current: r.current,
                    trend: r.trend.name(),
                })
                .collect(),
        },
        notes,
    };
    crate::render::json(&doc)
}
