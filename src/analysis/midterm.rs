//! The mid-term evaluation (*évaluation à mi-parcours*) of a contract over a
//! period of its years, as the 2024–2030 contracts are reviewed in 2027:
//! each year's figures side by side, and the trend from the first year of
//! the period to the last.
//!
//! Nothing is counted here. Each year is measured by the functions the
//! yearly report uses: [`coverage`] with one column per year (the figures
//! of `contrat coverage --year 2024..2026 --per-year`), and the yearly
//! [`report`] of each year for its key figures and its indicators. This
//! module only sets the years against each other. What the contract's text
//! changed over the period is the [`diff`] of two versions of it, read by
//! the command from git.

use std::collections::BTreeMap;

use crate::analysis::coverage::{Coverage, Dimension, Measures, coverage};
use crate::analysis::diff::{Diff, diff, funder_names};
use crate::analysis::filter::{Filter, Years};
use crate::analysis::report::{
    ContractFacts, IndicatorLine, Measure, Report, Trend, Value, Verdict, change, report,
};
use crate::model::{Action, CodeKind, Contract, Period, Tree};

/// The years of an evaluation, as `--period` writes them: `2024..2026`
/// (or `2024..=2026`), both inclusive, at least two years.
pub fn parse_period(text: &str) -> Result<Period, String> {
    let t = text.trim();
    let year = |part: &str| part.trim().parse::<u16>().ok();
    if t.contains(',') {
        return Err(format!(
            "`{t}` is not a period: a period is one run of years, from one to another, as `2024..2026`"
        ));
    }
    if !t.contains("..") {
        // `2024-2026`, `2024/2026`, `2024–2026`: the years, with another sign.
        if let Some((a, b)) = t.split_once(['-', '/', '–'])
            && let (Some(a), Some(b)) = (year(a), year(b))
        {
            return Err(format!(
                "`{t}` is not a period: write `{a}..{b}` for the years from one to the other"
            ));
        }
        return Err(match year(t) {
            Some(y) => format!(
                "`{t}` is one year: a period runs from one year to a later one, as `{y}..{}`; the report of one year is `--year {y}`",
                y.saturating_add(2)
            ),
            None => format!("`{t}` is not a period: write it as `2024..2026`"),
        });
    }
    let years = Years::parse(t)?;
    let (Some(first), Some(last)) = (years.iter().next(), years.last()) else {
        return Err(format!("`{t}` is not a period: write it as `2024..2026`"));
    };
    if first == last {
        return Err(format!(
            "`{t}` is one year: a period runs from one year to a later one; the report of one year is `--year {first}`",
        ));
    }
    Ok(Period {
        from: first,
        to: last,
    })
}

/// A figure in the first year of the period and in the last, and how it
/// moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Evolution {
    pub first: Value,
    pub last: Value,
    pub trend: Trend,
    /// The change in tenths of a percent of the first year's figure; `None`
    /// from zero or when either side is unknown.
    pub change: Option<i64>,
}

impl Evolution {
    /// From `first` to `last`, as the yearly report compares two years.
    pub fn between(first: Value, last: Value) -> Evolution {
        Evolution {
            first,
            last,
            trend: match (first.level(), last.level()) {
                (Some(f), Some(l)) => Trend::of(f, l),
                _ => Trend::Unknown,
            },
            change: change(first, last),
        }
    }
}

/// A cost as far as it is known: the sum when every action counted states
/// its cost (or there is none), else at least the costs stated — never a
/// zero for a cost nobody stated.
pub fn cost_value(m: &Measures) -> Value {
    Value::known(m.cost)
}

/// How one row (an entry, a quartier, the total) moved from the first year
/// to the last: its actions, its funding voted, its cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowEvolution {
    pub actions: Evolution,
    pub funding: Evolution,
    pub cost: Evolution,
}

impl RowEvolution {
    /// From the first year's measures to the last's; a year without action
    /// is 0 actions and 0 €, its cost a true zero (nothing to cost).
    fn of(years: &[Measures]) -> RowEvolution {
        let first = years.first().copied().unwrap_or_default();
        let last = years.last().copied().unwrap_or_default();
        RowEvolution {
            actions: Evolution::between(Value::Count(first.actions), Value::Count(last.actions)),
            funding: Evolution::between(Value::Money(first.funding), Value::Money(last.funding)),
            cost: Evolution::between(cost_value(&first), cost_value(&last)),
        }
    }
}

/// One dimension over the years: a coverage report with one column per
/// year of the period, and how each row moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverYears {
    /// The coverage over the whole period, each row with `per_year` (one
    /// [`Measures`] per year of the period, in order).
    pub coverage: Coverage,
    /// The evolution of each row, in the order of `coverage.rows`.
    pub rows: Vec<RowEvolution>,
    /// The evolution of the total.
    pub total: RowEvolution,
}

impl OverYears {
    fn of(contract: &Contract, filter: &Filter, by: Dimension) -> OverYears {
        let coverage = coverage(contract, filter, by, true);
        let rows = coverage
            .rows
            .iter()
            .map(|r| RowEvolution::of(&r.per_year))
            .collect();
        let total = RowEvolution::of(&coverage.total_per_year);
        OverYears {
            coverage,
            rows,
            total,
        }
    }
}

/// One key figure of the yearly report, each year, and its evolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyFigure {
    pub measure: Measure,
    /// One value per year of the period.
    pub values: Vec<Value>,
    pub evolution: Evolution,
}

/// One indicator followed over the years: the indicator of that name on an
/// action and on the actions that renew it (`renews`), year by year.
#[derive(Clone, Debug)]
pub struct IndicatorSeries<'c> {
    /// Its name, as the first action of the series states it.
    pub name: &'c str,
    /// Each year's indicator line, as that year's report judges it, in year
    /// order.
    pub points: Vec<(u16, IndicatorLine<'c>)>,
}

/// How many indicators of a year's counted actions have each result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Results {
    pub met: usize,
    pub shortfall: usize,
    pub missing: usize,
    pub pending: usize,
}

impl Results {
    /// Every indicator, whatever its result.
    pub fn total(&self) -> usize {
        self.met + self.shortfall + self.missing + self.pending
    }

    pub fn get(&self, verdict: Verdict) -> usize {
        match verdict {
            Verdict::Met => self.met,
            Verdict::Shortfall => self.shortfall,
            Verdict::Missing => self.missing,
            Verdict::Pending => self.pending,
        }
    }

    fn count(&mut self, verdict: Verdict) {
        *match verdict {
            Verdict::Met => &mut self.met,
            Verdict::Shortfall => &mut self.shortfall,
            Verdict::Missing => &mut self.missing,
            Verdict::Pending => &mut self.pending,
        } += 1;
    }
}

/// A revision of the contract read from git.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revision {
    /// The commit's full id.
    pub id: String,
    /// The day it was committed.
    pub date: (u16, u8, u8),
}

/// Why what the contract's text changed over the period cannot be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unavailable {
    /// The contract folder is not in a git repository.
    NotInGit,
    /// `git` could not be run, or failed: what it said.
    Git(String),
    /// No commit holds the contract on or after 1 January of the period's
    /// first year.
    NoCommit,
    /// The contract at that revision does not parse: what was wrong.
    Unreadable(Revision, String),
}

/// What the contract's text changed over the period: the contract at the
/// start of the period against the contract read for the evaluation.
#[derive(Clone, Debug, PartialEq)]
pub enum TextChanges {
    Compared(Box<Compared>),
    Unavailable(Unavailable),
}

/// The contract at a commit against the contract read for the evaluation.
#[derive(Clone, Debug, PartialEq)]
pub struct Compared {
    /// The first commit on or after 1 January of the period's first year.
    pub from: Revision,
    /// The commit the working tree stands on (`HEAD`), when git says.
    pub head: Option<String>,
    pub diff: Diff,
    /// Funder id → name, from both sides (the newer wins): what the changes
    /// of amounts are named by.
    pub funders: BTreeMap<String, String>,
}

impl TextChanges {
    /// The changes from the contract at `from` to `now`.
    pub fn compared(
        from: Revision,
        head: Option<String>,
        old: &Contract,
        now: &Contract,
    ) -> TextChanges {
        TextChanges::Compared(Box::new(Compared {
            from,
            head,
            diff: diff(old, now),
            funders: funder_names(old, now),
        }))
    }
}

/// Everything the mid-term evaluation says.
#[derive(Clone, Debug)]
pub struct Midterm<'c> {
    pub tree: &'c Tree,
    /// The years evaluated, both inclusive.
    pub period: Period,
    /// Those years, in order: the columns of every table.
    pub years: Vec<u16>,
    pub contract: ContractFacts<'c>,
    /// The yearly report's key figures, year by year.
    pub key_figures: Vec<KeyFigure>,
    /// By entry of the level above the deepest (orientation) and of the
    /// deepest (priority); one level only in a tree of one level.
    pub levels: Vec<OverYears>,
    /// By quartier: actions and funding voted.
    pub quartiers: OverYears,
    /// The quartiers' context indicators (population, poverty rate…) known
    /// up to the period's last year.
    pub situation: Vec<crate::analysis::decree::Situation>,
    /// The indicators of the counted actions, each followed through its
    /// renewals, in the order they first appear.
    pub indicators: Vec<IndicatorSeries<'c>>,
    /// Each year's indicators by result.
    pub results: Vec<Results>,
    pub changes: TextChanges,
}

/// The counted actions (funded or completed) of the period's years.
fn of_period(period: Period) -> Filter {
    Filter {
        years: Some(Years::from_iter(period.from..=period.to)),
        ..Filter::statuses(&[])
    }
}

/// The first action of the chain of renewals an action belongs to.
fn origin<'c>(contract: &'c Contract, action: &'c Action) -> &'c Action {
    let mut at = action;
    // `check` makes each renewal name an earlier year: the walk ends; the
    // bound only guards a contract that was not checked.
    for _ in 0..contract.actions.len() {
        match at.renews.as_ref().and_then(|r| contract.action(r)) {
            Some(earlier) => at = earlier,
            None => break,
        }
    }
    at
}

/// The mid-term evaluation of `period` (within the contract's), with what
/// its text changed over it.
pub fn midterm(contract: &Contract, period: Period, changes: TextChanges) -> Midterm<'_> {
    let years: Vec<u16> = (period.from..=period.to).collect();
    let filter = of_period(period);
    let tree = &contract.tree;
    let leaf = tree.depth().saturating_sub(1) as u8;
    let levels: Vec<u8> = if leaf == 0 {
        vec![0]
    } else {
        vec![leaf - 1, leaf]
    };

    let yearly: Vec<Report> = years.iter().map(|&y| report(contract, y)).collect();
    let key_figures = Measure::key(contract)
        .into_iter()
        .map(|measure| {
            let values: Vec<Value> = yearly
                .iter()
                .map(|r| {
                    r.key_figures
                        .iter()
                        .find(|(m, _)| *m == measure)
                        .map_or(Value::Unknown, |(_, v)| *v)
                })
                .collect();
            let (first, last) = (values[0], values[values.len() - 1]);
            KeyFigure {
                measure,
                values,
                evolution: Evolution::between(first, last),
            }
        })
        .collect();

    // Indicators: each year's lines, as that year's report judges them,
    // followed through renewals.
    let mut indicators: Vec<IndicatorSeries> = Vec::new();
    let mut series_of: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut results = Vec::new();
    for (r, &year) in yearly.iter().zip(&years) {
        let mut counts = Results::default();
        for line in &r.indicators {
            counts.count(line.verdict);
            let key = (
                origin(contract, line.action).id.value.clone(),
                crate::fold::key(&line.indicator.name),
            );
            let at = *series_of.entry(key).or_insert_with(|| {
                indicators.push(IndicatorSeries {
                    name: &line.indicator.name,
                    points: Vec::new(),
                });
                indicators.len() - 1
            });
            indicators[at].points.push((year, line.clone()));
        }
        results.push(counts);
    }

    Midterm {
        tree,
        period,
        years,
        contract: ContractFacts::of(contract),
        key_figures,
        levels: levels
            .into_iter()
            .map(|d| OverYears::of(contract, &filter, Dimension::Level(d)))
            .collect(),
        quartiers: OverYears::of(contract, &filter, Dimension::Quartier),
        situation: crate::analysis::decree::situation(contract, period.to),
        indicators,
        results,
        changes,
    }
}

impl OverYears {
    /// The level of the tree its rows are entries of; `None` for quartiers.
    pub fn level(&self) -> Option<CodeKind> {
        match self.coverage.by {
            Dimension::Level(d) => Some(CodeKind::Level(d)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Money;

    #[test]
    fn periods_are_runs_of_years() {
        assert_eq!(
            parse_period("2024..2026"),
            Ok(Period {
                from: 2024,
                to: 2026
            })
        );
        assert_eq!(
            parse_period(" 2024..=2027 "),
            Ok(Period {
                from: 2024,
                to: 2027
            })
        );
        let err = |t| parse_period(t).unwrap_err();
        assert_eq!(
            err("2024-2026"),
            "`2024-2026` is not a period: write `2024..2026` for the years from one to the other"
        );
        assert!(err("2025").contains("`--year 2025`"), "{}", err("2025"));
        assert!(err("2025..2025").contains("is one year"));
        assert!(err("2026..2024").contains("ends before it begins"));
        assert!(err("2024,2026").contains("one run of years"));
        assert!(err("soon").contains("`2024..2026`"));
        assert!(err("2024..3000").contains("`3000` is not a year"));
    }

    #[test]
    fn evolutions_never_take_an_unknown_for_a_zero() {
        let e = Evolution::between(Value::Count(4), Value::Count(3));
        assert_eq!((e.trend, e.change), (Trend::Down, Some(-250)));
        let e = Evolution::between(Value::Count(0), Value::Count(3));
        assert_eq!((e.trend, e.change), (Trend::Up, None));
        let e = Evolution::between(Value::Unknown, Value::Money(Money::ZERO));
        assert_eq!((e.trend, e.change), (Trend::Unknown, None));
    }
}
