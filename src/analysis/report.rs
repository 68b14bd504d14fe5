//! The yearly report (*rapport annuel politique de la ville*, décret
//! n° 2015-1118): one year's figures and the year before's, gathered from
//! [`coverage`], [`gaps`] and [`select`].
//!
//! What those functions count is taken from their results, never counted
//! again here, so that the report always agrees with `contrat coverage` and
//! `contrat gaps`. This module only adds what they do not give: the statuses
//! of the year, new and renewed actions, shares, the cost leverage and the
//! comparison with the year before.

use crate::analysis::coverage::{
    Coverage, Dimension, FunderSplit, Measures, Row, coverage, funding_by_funder, select,
};
use crate::analysis::decree::{Decree, decree};
use crate::analysis::filter::{EVERY_STATUS, Filter, Years};
use crate::analysis::gaps::{Detail, GapKind, Gaps, gaps};
use crate::analysis::known::Known;
use crate::analysis::posts::{PostFigures, posts};
use crate::model::{
    Action, Code, CodeKind, Contract, Indicator, Money, Period, PostKind, Status, Tree,
};

/// The funder whose funding voted is the State's credits (*crédits politique
/// de la ville*): by convention, the funder with this identifier in
/// `[funders]` (docs/FORMAT.md).
pub const STATE_FUNDER: &str = "etat";

/// Everything the yearly report says, for one year.
#[derive(Clone, Debug)]
pub struct Report<'c> {
    /// The contract's tree: what it calls its levels.
    pub tree: &'c Tree,
    pub year: u16,
    /// The year compared with: the one before, unless `year` is the first of
    /// the contract's period, which compares with nothing.
    pub previous_year: Option<u16>,
    pub contract: ContractFacts<'c>,
    /// The contract's outline: its top-level entries (piliers) and, below
    /// each, the entries of the level above the deepest (orientations).
    pub outline: Vec<PilierOutline<'c>>,
    /// The transversal entries, in contract order.
    pub transversals: Vec<(Code, &'c str)>,
    pub actions: YearActions<'c>,
    /// By entry of the deepest level (priority).
    pub by_priority: Coverage,
    /// By entry of the level above the deepest (orientation); the top level
    /// in a tree of one level.
    pub by_orientation: Coverage,
    /// By top-level entry (pilier).
    pub by_pilier: Coverage,
    pub by_funder: Coverage,
    pub by_quartier: Coverage,
    /// What the decree asks besides the programmation: the quartiers'
    /// situation, the communes and the EPCI, droit commun, NPNRU, DSU.
    pub decree: Decree<'c>,
    /// By commune, when the contract declares its communes.
    pub by_commune: Option<Coverage>,
    /// The quartiers of each commune (by their keys in `by_quartier`), in
    /// the order of `by_commune`.
    pub commune_quartiers: Vec<Vec<String>>,
    pub by_transversal: Coverage,
    pub means: Means,
    /// The year's key figures ([`Measure::key`]), as its comparison with the
    /// year before and a mid-term evaluation take them.
    pub key_figures: Vec<(Measure, Value)>,
    /// Entries of the deepest level covered per entry of the level above,
    /// in contract order.
    pub covered: Vec<CoveredShare>,
    /// Entries of the deepest level covered in the whole contract.
    pub covered_total: CoveredShare,
    pub gaps: Gaps,
    /// The kinds with the most gaps, most first ([`most_frequent_gaps`]).
    pub frequent_gaps: Vec<(GapKind, usize)>,
    /// The indicators of the counted actions, in contract order.
    pub indicators: Vec<IndicatorLine<'c>>,
    /// `None` in the contract's first year: a year outside the period has
    /// no actions by construction, and a comparison with it would show
    /// every figure rising from nothing.
    pub comparison: Option<Comparison>,
}

/// What a report says of its contract, the yearly report and the mid-term
/// evaluation alike (and their JSON, under `contract`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ContractFacts<'c> {
    pub title: &'c str,
    pub territory: &'c str,
    /// The contract's own period.
    pub period: Option<Period>,
    pub source: Option<&'c str>,
}

impl<'c> ContractFacts<'c> {
    pub fn of(contract: &'c Contract) -> ContractFacts<'c> {
        ContractFacts {
            title: &contract.meta.title,
            territory: &contract.meta.territory,
            period: contract.meta.period.as_ref().map(|p| p.value),
            source: contract.meta.source.as_deref(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PilierOutline<'c> {
    pub code: Code,
    pub title: &'c str,
    /// Its entries of the level above the deepest; none when that level is
    /// the top itself.
    pub orientations: Vec<OrientationOutline<'c>>,
    /// How many entries of the deepest level it has.
    pub priorities: usize,
    /// Those entries' codes, in order.
    pub leaves: Vec<Code>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrientationOutline<'c> {
    pub code: Code,
    pub title: &'c str,
    /// How many entries of the deepest level (priorities) it has.
    pub priorities: usize,
    /// Those entries' codes, in order.
    pub leaves: Vec<Code>,
}

/// The actions of the year.
#[derive(Clone, Debug)]
pub struct YearActions<'c> {
    /// The counted actions (funded, completed or closed), in contract order.
    pub counted: Vec<&'c Action>,
    /// Counted actions that renew no earlier action.
    pub new: usize,
    /// Counted actions with `renews`.
    pub renewed: usize,
    /// Every action of the year, counted or not, by status: each status in the
    /// order of the format, zeros included.
    pub statuses: Vec<(Status, usize)>,
    /// The porteurs of the counted actions: the rows of a coverage by porteur
    /// that have an action.
    pub porteurs: Vec<Row>,
}

impl YearActions<'_> {
    /// Every action of the year, counted or not.
    pub fn all(&self) -> usize {
        self.statuses.iter().map(|(_, n)| n).sum()
    }
}

/// The means mobilised: who funded what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Means {
    /// Funding voted by top-level entry and funder; rows as `Report::by_pilier`.
    pub split: FunderSplit,
    /// Each funder's funding voted and share of the total, in contract order.
    pub funders: Vec<FunderShare>,
    /// Funding voted, all funders together.
    pub funding: Money,
    /// Total cost of the counted actions, as far as their costs are known.
    pub cost: Known<Money>,
    /// The State's funding voted; `None` when the contract declares no
    /// [`STATE_FUNDER`].
    pub state: Option<Money>,
    /// The cost over the State's funding of the actions whose cost is known
    /// (how many: `cost.known`), in hundredths (`382` is 3.82); `None` when
    /// the State gives those nothing, or no cost is known.
    pub leverage: Option<u64>,
    /// The posts the State funds in the year (FONJEP, adultes-relais),
    /// apart from the actions' funding, and by kind.
    pub posts: PostFigures,
    pub posts_by_kind: Vec<(PostKind, PostFigures)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunderShare {
    pub id: String,
    pub name: String,
    pub funding: Money,
    /// Share of all funding voted, in tenths of a percent; `None` when no
    /// funding was voted at all.
    pub share: Option<u64>,
}

/// How many of an item's priorities are covered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoveredShare {
    pub key: String,
    pub title: String,
    pub covered: usize,
    pub priorities: usize,
    /// `covered` over `priorities`, in tenths of a percent; `None` for an item
    /// without priorities.
    pub share: Option<u64>,
}

/// Where an indicator stands, as `gaps` judges it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Its actual reaches the target.
    Met,
    /// An `indicator-shortfall` gap: its actual is below its target.
    Shortfall,
    /// A `missing-actual` gap: the action is completed and the actual missing.
    Missing,
    /// No actual yet, and the action is not completed.
    Pending,
}

#[derive(Clone, Debug)]
pub struct IndicatorLine<'c> {
    pub action: &'c Action,
    pub indicator: &'c Indicator,
    pub verdict: Verdict,
}

/// What the comparison with the year before measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Actions,
    Porteurs,
    Funding,
    Cost,
    StateFunding,
    PrioritiesCovered,
    /// The posts the State funds (FONJEP, adultes-relais), and their amount.
    Posts,
    PostsAmount,
}

impl Measure {
    /// The key figures of a contract's years, which a report compares with
    /// the year before and a mid-term evaluation follows: State credits when
    /// the State is a funder, posts when the contract has some.
    pub fn key(contract: &Contract) -> Vec<Measure> {
        let state = contract.funder(STATE_FUNDER).is_some();
        let posts = !contract.posts.is_empty();
        [
            Measure::Actions,
            Measure::Porteurs,
            Measure::Funding,
            Measure::Cost,
            Measure::StateFunding,
            Measure::PrioritiesCovered,
            Measure::Posts,
            Measure::PostsAmount,
        ]
        .into_iter()
        .filter(|m| match m {
            Measure::StateFunding => state,
            Measure::Posts | Measure::PostsAmount => posts,
            _ => true,
        })
        .collect()
    }

    /// Its name in JSON; `declared`: in a declared tree, which has entries
    /// rather than priorities.
    pub fn name(self, declared: bool) -> &'static str {
        match self {
            Measure::Actions => "actions",
            Measure::Porteurs => "porteurs",
            Measure::Funding => "funding",
            Measure::Cost => "cost",
            Measure::StateFunding => "state_funding",
            Measure::PrioritiesCovered if declared => "entries_covered",
            Measure::PrioritiesCovered => "priorities_covered",
            Measure::Posts => "posts",
            Measure::PostsAmount => "posts_amount",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    Count(usize),
    Money(Money),
    /// Priorities covered, out of how many.
    Covered(usize, usize),
    /// A sum some entries do not state (a cost, a post's amount): at least
    /// what the others add up to; compared with nothing.
    AtLeast(Money),
    /// A figure no entry states: compared with nothing.
    Unknown,
}

impl Value {
    /// What a trend compares: the count, the cents, the priorities covered;
    /// nothing for an unknown.
    pub fn level(self) -> Option<i64> {
        match self {
            Value::Count(n) | Value::Covered(n, _) => Some(i64::try_from(n).unwrap_or(i64::MAX)),
            Value::Money(m) => Some(m.cents()),
            Value::AtLeast(_) | Value::Unknown => None,
        }
    }

    /// A sum as far as it is known: whole, at least a partial sum, or
    /// unknown when nothing was stated — never a zero for what nobody said.
    pub fn known(k: Known<Money>) -> Value {
        match k.whole() {
            Some(sum) => Value::Money(sum),
            None if k.unknown() => Value::Unknown,
            None => Value::AtLeast(k.sum),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Up,
    Down,
    Same,
    /// One side's figure is not known.
    Unknown,
}

impl Trend {
    pub fn of(previous: i64, current: i64) -> Trend {
        match current.cmp(&previous) {
            std::cmp::Ordering::Greater => Trend::Up,
            std::cmp::Ordering::Less => Trend::Down,
            std::cmp::Ordering::Equal => Trend::Same,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Trend::Up => "up",
            Trend::Down => "down",
            Trend::Same => "same",
            Trend::Unknown => "unknown",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Compared {
    pub measure: Measure,
    pub previous: Value,
    pub current: Value,
    pub trend: Trend,
    /// The change in tenths of a percent of the year before ([`change`]).
    pub change: Option<i64>,
}

/// One top-level entry's funding voted, the year before and this year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComparedRow {
    pub key: String,
    pub title: String,
    pub previous: Money,
    pub current: Money,
    pub trend: Trend,
    /// The change in tenths of a percent of the year before ([`change`]).
    pub change: Option<i64>,
}

/// This year against the year before, by the same functions on both years.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub previous_year: u16,
    pub measures: Vec<Compared>,
    pub by_pilier: Vec<ComparedRow>,
}

/// A share in tenths of a percent, rounded half up; `None` over nothing.
pub fn share(part: u64, whole: u64) -> Option<u64> {
    (whole > 0).then(|| {
        let (part, whole) = (u128::from(part), u128::from(whole));
        u64::try_from((part * 2000 + whole) / (whole * 2)).unwrap_or(u64::MAX)
    })
}

/// The change from `previous` to `current` in tenths of a percent of
/// `previous`, rounded half away from zero: `-2` for 236 500 € → 236 000 €
/// (−0.2 %). `None` from zero (a rise from nothing has no percent) or when a
/// side is unknown. Priorities covered compare their counts.
pub fn change(previous: Value, current: Value) -> Option<i64> {
    let (p, c) = (previous.level()?, current.level()?);
    if p <= 0 {
        return None;
    }
    let (p, c) = (i128::from(p), i128::from(c));
    let delta = (c - p) * 2000;
    let rounded = if delta >= 0 {
        (delta + p) / (2 * p)
    } else {
        -((-delta + p) / (2 * p))
    };
    i64::try_from(rounded).ok()
}

/// The `n` kinds with the most gaps, most first; equal counts in the order of
/// the kinds. Kinds without gaps are left out.
pub fn most_frequent_gaps(gaps: &Gaps, n: usize) -> Vec<(GapKind, usize)> {
    let mut counts: Vec<(GapKind, usize)> = GapKind::ALL
        .iter()
        .map(|&kind| (kind, gaps.count(kind)))
        .filter(|&(_, count)| count > 0)
        .collect();
    // A stable sort keeps the kinds' order among equals.
    counts.sort_by_key(|&(_, count)| std::cmp::Reverse(count));
    counts.truncate(n);
    counts
}

/// `numerator / denominator` in hundredths, rounded half up; `None` over zero.
fn ratio_hundredths(numerator: Money, denominator: Money) -> Option<u64> {
    let (n, d) = (numerator.cents(), denominator.cents());
    (d > 0 && n >= 0).then(|| {
        let (n, d) = (n as u128, d as u128);
        u64::try_from((n * 200 + d) / (d * 2)).unwrap_or(u64::MAX)
    })
}

/// The cost leverage over the actions whose cost is known: their cost over
/// the State's funding of those same actions. An action without a cost is
/// left out of both sides, never counted at zero.
fn leverage(counted: &[&Action]) -> Option<u64> {
    let (mut cost, mut state) = (Money::ZERO, Money::ZERO);
    for action in counted {
        if let Some(c) = &action.cost {
            cost += c.value;
            state += action
                .funding
                .iter()
                .filter(|f| f.funder.as_str() == STATE_FUNDER)
                .map(|f| f.amount.value)
                .sum();
        }
    }
    ratio_hundredths(cost, state)
}

fn cents(m: Money) -> u64 {
    u64::try_from(m.cents()).unwrap_or(0)
}

/// The counted actions (funded and completed) of one year.
fn of_year(year: u16) -> Filter {
    Filter {
        years: Some(Years::from_iter([year])),
        ..Filter::statuses(&[])
    }
}

/// The figures of one year that both the report and its comparison need.
struct YearFigures {
    by_priority: Coverage,
    by_pilier: Coverage,
    by_funder: Coverage,
    porteurs: Vec<Row>,
    posts: PostFigures,
}

impl YearFigures {
    fn of(contract: &Contract, filter: &Filter) -> YearFigures {
        let porteurs = coverage(contract, filter, Dimension::Porteur, false)
            .rows
            .into_iter()
            .filter(|r| r.measures.actions > 0)
            .collect();
        YearFigures {
            by_priority: coverage(contract, filter, Dimension::leaf(&contract.tree), false),
            by_pilier: coverage(contract, filter, Dimension::Level(0), false),
            by_funder: coverage(contract, filter, Dimension::Funder, false),
            porteurs,
            posts: crate::analysis::posts::figures(contract, filter, None),
        }
    }

    fn state(&self) -> Option<Money> {
        self.by_funder
            .rows
            .iter()
            .find(|r| r.key == STATE_FUNDER)
            .map(|r| r.measures.funding)
    }

    fn value(&self, measure: Measure) -> Value {
        let total: &Measures = &self.by_pilier.total;
        match measure {
            Measure::Actions => Value::Count(total.actions),
            Measure::Porteurs => Value::Count(self.porteurs.len()),
            Measure::Funding => Value::Money(self.by_funder.total.funding),
            Measure::Cost => Value::known(total.cost),
            Measure::StateFunding => Value::Money(self.state().unwrap_or(Money::ZERO)),
            Measure::PrioritiesCovered => {
                let (covered, of) = self.by_priority.total.covered.unwrap_or((0, 0));
                Value::Covered(covered, of)
            }
            Measure::Posts => Value::Count(self.posts.posts),
            Measure::PostsAmount => Value::known(self.posts.amount),
        }
    }
}

fn covered_share(key: &str, title: &str, measures: &Measures) -> CoveredShare {
    let (covered, priorities) = measures.covered.unwrap_or((0, 0));
    CoveredShare {
        key: key.to_owned(),
        title: title.to_owned(),
        covered,
        priorities,
        share: share(covered as u64, priorities as u64),
    }
}

/// The yearly report of `year`: the counted actions of that year (funded or
/// completed), compared with those of the year before.
pub fn report(contract: &Contract, year: u16) -> Report<'_> {
    let filter = of_year(year);
    let previous_year = year.checked_sub(1).filter(|before| {
        contract
            .meta
            .period
            .as_ref()
            .is_none_or(|p| p.value.contains(*before))
    });
    let now = YearFigures::of(contract, &filter);
    let key = Measure::key(contract);
    let key_figures = key.iter().map(|&m| (m, now.value(m))).collect();

    // The level above the deepest: orientations in a 2015–2023 contract.
    let tree = &contract.tree;
    let branch = tree.depth().saturating_sub(2) as u8;
    let by_orientation = coverage(contract, &filter, Dimension::Level(branch), false);
    let leaves_of = |code: Code| -> Vec<Code> {
        contract
            .level(CodeKind::Level(tree.depth() as u8 - 1))
            .filter(|n| contract.is_within(*n.code, code))
            .map(|n| *n.code)
            .collect()
    };
    let outline = contract
        .level(CodeKind::Level(0))
        .map(|p| PilierOutline {
            code: *p.code,
            title: &p.title,
            orientations: if branch == 0 {
                Vec::new()
            } else {
                contract
                    .within(*p.code, CodeKind::Level(branch))
                    .map(|o| {
                        let leaves = leaves_of(*o.code);
                        OrientationOutline {
                            code: *o.code,
                            title: &o.title,
                            priorities: leaves.len(),
                            leaves,
                        }
                    })
                    .collect()
            },
            priorities: leaves_of(*p.code).len(),
            leaves: leaves_of(*p.code),
        })
        .collect();

    let counted = select(contract, &filter);
    let renewed = counted.iter().filter(|a| a.renews.is_some()).count();
    let every = Filter {
        statuses: EVERY_STATUS.to_vec(),
        ..filter.clone()
    };
    let all_of_year = select(contract, &every);
    let statuses = EVERY_STATUS
        .iter()
        .map(|&s| (s, all_of_year.iter().filter(|a| a.status == s).count()))
        .collect();

    let funding = now.by_funder.total.funding;
    let state = contract
        .funder(STATE_FUNDER)
        .map(|_| now.state().unwrap_or(Money::ZERO));
    let means = Means {
        split: funding_by_funder(contract, &filter, Dimension::Level(0)),
        funders: now
            .by_funder
            .rows
            .iter()
            .map(|r| FunderShare {
                id: r.key.clone(),
                name: r.title.clone(),
                funding: r.measures.funding,
                share: share(cents(r.measures.funding), cents(funding)),
            })
            .collect(),
        funding,
        cost: now.by_pilier.total.cost,
        state,
        leverage: state.and_then(|_| leverage(&counted)),
        posts: PostFigures::default(),
        posts_by_kind: Vec::new(),
    };
    let year_posts = posts(contract, &filter, &[]);
    let means = Means {
        posts: year_posts.total,
        posts_by_kind: year_posts.by_kind,
        ..means
    };

    let covered = by_orientation
        .rows
        .iter()
        .map(|r| covered_share(&r.key, &r.title, &r.measures))
        .collect();
    let covered_total = covered_share("total", "", &now.by_priority.total);

    let gaps = gaps(contract, &filter);
    let has_gap = |kind: GapKind, action: &Action, indicator: &Indicator| {
        gaps.gaps.iter().any(|g| {
            g.kind == kind
                && g.key == *action.id
                && matches!(&g.detail, Detail::Indicator { name, .. } if *name == indicator.name)
        })
    };
    let indicators = counted
        .iter()
        .flat_map(|&action| {
            action
                .indicators
                .iter()
                .map(move |indicator| (action, indicator))
        })
        .map(|(action, indicator)| IndicatorLine {
            action,
            indicator,
            verdict: if has_gap(GapKind::IndicatorShortfall, action, indicator) {
                Verdict::Shortfall
            } else if has_gap(GapKind::MissingActual, action, indicator) {
                Verdict::Missing
            } else if indicator.actual.is_some() {
                Verdict::Met
            } else {
                Verdict::Pending
            },
        })
        .collect();

    let comparison = previous_year.map(|previous_year| {
        let before = YearFigures::of(contract, &of_year(previous_year));
        compare(&now, &before, previous_year, &key)
    });

    Report {
        tree: &contract.tree,
        year,
        previous_year,
        contract: ContractFacts::of(contract),
        outline,
        transversals: contract
            .transversals
            .iter()
            .map(|t| (*t.code, t.title.as_str()))
            .collect(),
        actions: YearActions {
            new: counted.len() - renewed,
            renewed,
            counted,
            statuses,
            porteurs: now.porteurs,
        },
        by_priority: now.by_priority,
        by_orientation,
        by_pilier: now.by_pilier,
        by_funder: now.by_funder,
        by_quartier: coverage(contract, &filter, Dimension::Quartier, false),
        decree: decree(contract, &filter, year),
        by_commune: (!contract.communes.is_empty())
            .then(|| coverage(contract, &filter, Dimension::Commune, false)),
        commune_quartiers: contract
            .communes
            .iter()
            .map(|c| {
                contract
                    .quartiers
                    .iter()
                    .filter(|q| {
                        q.communes.iter().any(|w| {
                            contract
                                .commune(w)
                                .is_some_and(|found| std::ptr::eq(found, c))
                        })
                    })
                    .map(|q| q.key().to_owned())
                    .collect()
            })
            .collect(),
        by_transversal: coverage(contract, &filter, Dimension::Transversal, false),
        means,
        covered,
        covered_total,
        key_figures,
        frequent_gaps: most_frequent_gaps(&gaps, 3),
        gaps,
        indicators,
        comparison,
    }
}

/// This year's figures against the year before's, by the same functions.
fn compare(
    now: &YearFigures,
    before: &YearFigures,
    previous_year: u16,
    measures: &[Measure],
) -> Comparison {
    let measures = measures
        .iter()
        .copied()
        .map(|measure| {
            let (previous, current) = (before.value(measure), now.value(measure));
            Compared {
                measure,
                previous,
                current,
                trend: match (previous.level(), current.level()) {
                    (Some(p), Some(c)) => Trend::of(p, c),
                    _ => Trend::Unknown,
                },
                change: change(previous, current),
            }
        })
        .collect();
    let by_pilier = now
        .by_pilier
        .rows
        .iter()
        .zip(&before.by_pilier.rows)
        .map(|(current, previous)| ComparedRow {
            key: current.key.clone(),
            title: current.title.clone(),
            previous: previous.measures.funding,
            current: current.measures.funding,
            trend: Trend::of(
                previous.measures.funding.cents(),
                current.measures.funding.cents(),
            ),
            change: change(
                Value::Money(previous.measures.funding),
                Value::Money(current.measures.funding),
            ),
        })
        .collect();
    Comparison {
        previous_year,
        measures,
        by_pilier,
    }
}

/// A list in JSON, or nothing where it is empty: the decree's sections are
/// keys of the report only where the contract gives their data.
fn list_if_any<T>(
    items: &[T],
    each: impl Fn(&T) -> serde_json::Value,
) -> Option<serde_json::Value> {
    (!items.is_empty()).then(|| serde_json::Value::Array(items.iter().map(each).collect()))
}

/// `382` hundredths as `3.82`, `329` tenths as `32.9`: display figures, not money.
fn scaled(value: Option<u64>, per: f64) -> Option<f64> {
    value.map(|v| v as f64 / per)
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Value::Count(n) => n.serialize(serializer),
            Value::Money(m) => m.serialize(serializer),
            Value::Covered(covered, priorities) => {
                serde_json::json!({ "covered": covered, "priorities": priorities })
                    .serialize(serializer)
            }
            Value::AtLeast(m) => serde_json::json!({ "at_least": m }).serialize(serializer),
            Value::Unknown => serializer.serialize_none(),
        }
    }
}

/// The yearly report's JSON document (without `"version"`, which the
/// command adds): the figures without the words, money as numbers of euros.
/// Its shape is documented in the README.
impl serde::Serialize for Report<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde_json::json;
        let m = &self.means;
        let verdict = |v: Verdict| match v {
            Verdict::Met => "met",
            Verdict::Shortfall => "shortfall",
            Verdict::Missing => "missing",
            Verdict::Pending => "pending",
        };
        // A declared tree's levels are data: its document (version 2) says
        // `entries` and `top` where a 2015–2023 one says `priorities` and
        // `pilier`.
        let declared = self.tree.declared;
        let k = |v1: &'static str, v2: &'static str| if declared { v2 } else { v1 };
        let value = |v: &Value| match *v {
            Value::Covered(covered, of) => {
                json!({ "covered": covered, k("priorities", "entries"): of })
            }
            other => json!(other),
        };
        // The same outline in both versions, under each version's keys; a
        // declared tree also says its levels and each top entry's count.
        let tops: Vec<serde_json::Value> = self
            .outline
            .iter()
            .map(|p| {
                let below: Vec<serde_json::Value> = p
                    .orientations
                    .iter()
                    .map(|o| json!({ "code": o.code, "title": o.title, k("priorities", "entries"): o.priorities }))
                    .collect();
                let mut top = json!({ "code": p.code, "title": p.title });
                if declared {
                    top["entries"] = json!(p.priorities);
                }
                top[k("orientations", "below")] = json!(below);
                top
            })
            .collect();
        let mut outline = json!({
            k("piliers", "top"): tops,
            "transversals": self.transversals.iter().map(|(code, title)| json!({
                "code": code,
                "title": title,
            })).collect::<Vec<_>>(),
        });
        if declared {
            outline["levels"] = self
                .tree
                .levels
                .iter()
                .map(|l| json!({ "key": l.key, "label": l.label, "plural": l.plural }))
                .collect();
        }
        let coverage = if declared {
            json!({
                "by_leaf": self.by_priority,
                "by_branch": self.by_orientation,
                "by_top": self.by_pilier,
            })
        } else {
            json!({
                "by_priority": self.by_priority,
                "by_orientation": self.by_orientation,
                "by_pilier": self.by_pilier,
            })
        };
        let mut doc = json!({
            "year": self.year,
            "previous_year": self.previous_year,
            "contract": self.contract,
            k("orientations", "tree"): outline,
            "actions": {
                "counted": self.actions.counted.len(),
                "new": self.actions.new,
                "renewed": self.actions.renewed,
                // Every action of the year by status, counted or not.
                "statuses": self.actions.statuses.iter()
                    .map(|(s, n)| (s.name(), *n))
                    .collect::<std::collections::BTreeMap<_, _>>(),
                "porteurs": self.actions.porteurs.iter().map(|r| json!({
                    "porteur": r.key,
                    "actions": r.measures.actions,
                    "funding": r.measures.funding,
                    "cost": r.measures.cost,
                })).collect::<Vec<_>>(),
                "list": self.actions.counted.iter().map(|a| json!({
                    "id": a.id.value,
                    "title": a.title.value,
                    "porteur": a.porteur.value,
                    k("main_priority", "main"): a.main(),
                    "status": a.status,
                    "renews": a.renews.as_ref().map(|r| r.as_str()),
                    "cost": a.cost.as_ref().map(|c| c.value),
                    "funding": a.funding_total(),
                })).collect::<Vec<_>>(),
            },
            "means": {
                "funding": m.funding,
                "cost": m.cost,
                "state_funding": m.state,
                "leverage": scaled(m.leverage, 100.0),
                // The State's posts, counted apart from the actions' funding.
                "posts": {
                    "posts": m.posts.posts,
                    "amount": m.posts.amount,
                    "amount_known": m.posts.amount.known,
                    "by_kind": m.posts_by_kind.iter()
                        .map(|(k, f)| (k.name(), *f))
                        .collect::<std::collections::BTreeMap<_, _>>(),
                },
                "funders": m.funders.iter().map(|f| json!({
                    "id": f.id,
                    "name": f.name,
                    "funding": f.funding,
                    "share": scaled(f.share, 10.0),
                })).collect::<Vec<_>>(),
                // The split's rows are those of the coverage by top-level
                // entry, whose funding is each row's total.
                k("by_pilier", "by_top"): m.split.rows.iter().zip(&self.by_pilier.rows).map(|((pilier, amounts), row)| json!({
                    k("pilier", "code"): pilier,
                    "funding": m.split.funders.iter().map(String::as_str)
                        .zip(amounts.iter().copied())
                        .collect::<std::collections::BTreeMap<_, _>>(),
                    "total": row.measures.funding,
                })).collect::<Vec<_>>(),
            },
            "coverage": coverage,
            "gaps": self.gaps,
            "quartiers": self.by_quartier,
            "transversals": self.by_transversal,
            "indicators": self.indicators.iter().map(|line| json!({
                "action": line.action.id.value,
                "title": line.action.title.value,
                "indicator": line.indicator.name,
                "target": line.indicator.target,
                "actual": line.indicator.actual,
                "unit": line.indicator.unit,
                "result": verdict(line.verdict),
            })).collect::<Vec<_>>(),
            // `null` in the contract's first year, which compares with nothing.
            "comparison": self.comparison.as_ref().map(|c| json!({
                "previous_year": c.previous_year,
                "measures": c.measures.iter().map(|c| json!({
                    "measure": c.measure.name(declared),
                    "previous": value(&c.previous),
                    "current": value(&c.current),
                    "trend": c.trend.name(),
                })).collect::<Vec<_>>(),
                k("by_pilier", "by_top"): c.by_pilier.iter().map(|r| json!({
                    k("pilier", "code"): r.key,
                    "title": r.title,
                    "previous": r.previous,
                    "current": r.current,
                    "trend": r.trend.name(),
                })).collect::<Vec<_>>(),
            })),
        });
        // Keys present only where the contract gives their data, so that
        // other documents keep their shape: the communes, where the contract
        // declares them, then the decree's sections.
        let d = &self.decree;
        let optional = [
            ("communes", self.by_commune.as_ref().map(|c| json!(c))),
            (
                "situation",
                list_if_any(&d.situation, |q| {
                    json!({
                        "quartier": q.key,
                        "name": q.name,
                        "indicators": q.indicators.iter().map(|i| json!({
                            "name": i.name,
                            "unit": i.unit,
                            "source": i.source,
                            "values": i.values.iter().map(|(y, v)| json!({ "year": y, "value": v })).collect::<Vec<_>>(),
                        })).collect::<Vec<_>>(),
                    })
                }),
            ),
            (
                "territories",
                (!d.communes.is_empty() || d.epci.is_some()).then(|| {
                    json!({
                        "communes": d.communes.iter().map(|c| json!({
                            "insee": c.insee,
                            "name": c.name,
                            "actions": c.actions,
                            "funding": c.funding,
                            "own_funding": c.own,
                            "dsu": c.dsu,
                        })).collect::<Vec<_>>(),
                        "epci": d.epci.as_ref().map(|e| json!({
                            "name": e.name,
                            "funder": e.funder,
                            "funding": e.funding.map(|(m, _)| m),
                            "actions": e.funding.map(|(_, n)| n),
                        })),
                    })
                }),
            ),
            (
                "droit_commun",
                list_if_any(&d.droit_commun, |r| {
                    json!({
                        "funder": r.funder,
                        "credits": r.credits,
                        "droit_commun": r.droit_commun,
                        "items": r.items.iter().map(|(what, m)| json!({ "what": what, "amount": m })).collect::<Vec<_>>(),
                    })
                }),
            ),
            (
                "npnru",
                list_if_any(&d.projects, |p| {
                    json!({
                        "name": p.name,
                        "quartiers": p.quartiers,
                        "stage": p.stage,
                        "anru": p.anru,
                        "total": p.total,
                        k("priorities", "serves"): p.serves.iter().map(|(c, _)| c).collect::<Vec<_>>(),
                        "actions": p.actions.iter().map(|a| a.id.value.as_str()).collect::<Vec<_>>(),
                        "funding": p.funding,
                        "cost": p.cost,
                        "cost_known": p.cost.known,
                    })
                }),
            ),
        ];
        if let Some(map) = doc.as_object_mut() {
            for (key, value) in optional {
                if let Some(value) = value {
                    map.insert(key.to_owned(), value);
                }
            }
        }
        doc.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_half_up_in_tenths() {
        assert_eq!(share(1, 3), Some(333));
        assert_eq!(share(2, 3), Some(667));
        assert_eq!(share(1, 8), Some(125));
        assert_eq!(share(26, 33), Some(788));
        assert_eq!(share(0, 5), Some(0));
        assert_eq!(share(5, 5), Some(1000));
        assert_eq!(share(0, 0), None);
        assert_eq!(share(u64::MAX, u64::MAX), Some(1000));
    }

    #[test]
    fn leverage_in_hundredths() {
        // 902 800 / 236 000 = 3.8254…
        let (cost, state) = (Money::from_euros(902_800), Money::from_euros(236_000));
        assert_eq!(ratio_hundredths(cost, state), Some(383));
        // 3 / 8 = 0.375, rounded half up.
        assert_eq!(
            ratio_hundredths(Money::from_euros(3), Money::from_euros(8)),
            Some(38)
        );
        assert_eq!(ratio_hundredths(cost, Money::ZERO), None);
    }

    #[test]
    fn changes_in_tenths_of_a_percent() {
        let money = |euros| Value::Money(Money::from_euros(euros));
        // 236 500 € → 236 000 €: −0.21 %, rounded to −0.2 %.
        assert_eq!(change(money(236_500), money(236_000)), Some(-2));
        // 30 → 31: +3.33 %.
        assert_eq!(change(Value::Count(30), Value::Count(31)), Some(33));
        // 2 → 3: +50 %; 3 → 2: −33.3 %; 8 → 9: +12.5 %, half away from zero.
        assert_eq!(change(Value::Count(2), Value::Count(3)), Some(500));
        assert_eq!(change(Value::Count(3), Value::Count(2)), Some(-333));
        assert_eq!(change(Value::Count(8), Value::Count(9)), Some(125));
        assert_eq!(change(Value::Count(9), Value::Count(8)), Some(-111));
        assert_eq!(change(Value::Count(8), Value::Count(7)), Some(-125));
        assert_eq!(change(Value::Count(4), Value::Count(4)), Some(0));
        assert_eq!(change(Value::Count(0), Value::Count(4)), None);
        assert_eq!(change(Value::Unknown, Value::Count(4)), None);
        assert_eq!(
            change(Value::Covered(31, 33), Value::Covered(26, 33)),
            Some(-161)
        );
    }

    #[test]
    fn trends() {
        assert_eq!(Trend::of(30, 31), Trend::Up);
        assert_eq!(Trend::of(74_400_100, 71_725_125), Trend::Down);
        assert_eq!(Trend::of(4, 4), Trend::Same);
    }
}
