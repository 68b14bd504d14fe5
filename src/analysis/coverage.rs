//! Which items of the contract the selected actions serve, with what money.
//!
//! Money rules, so that totals add up:
//! - by a level of the tree (priority, orientation, pilier; objectif, axe…),
//!   an action's money (funding voted and cost) and beneficiaries count once,
//!   on its **main** entry (the first it names) or the entry of that level
//!   above it; a secondary entry counts the action but not its money. An
//!   action whose main entry is above the level counts in no row of it;
//! - by funder, each funder's row holds its own voted amounts; by porteur, each
//!   action has one porteur: both add up;
//! - by transversal entry, quartier, commune or public, an action counts in
//!   full in each row it names, so rows may add up to more than the total,
//!   which counts each action once.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::analysis::filter::{COUNTED, Filter, Years};
use crate::analysis::known::Known;
use crate::analysis::posts::{PostFigures, figures as post_figures};
use crate::model::{Action, Code, CodeKind, Contract, Money, Tree};

/// What the rows of a coverage report are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// A level of the tree, by depth (0 is the top).
    Level(u8),
    Transversal,
    Quartier,
    Commune,
    Funder,
    Public,
    Porteur,
    /// The national themes (ANCT nomenclature).
    Theme,
}

/// The dimensions that are not levels of the tree, by name.
const FIXED: [(&str, Dimension); 7] = [
    ("transversal", Dimension::Transversal),
    ("quartier", Dimension::Quartier),
    ("commune", Dimension::Commune),
    ("funder", Dimension::Funder),
    ("public", Dimension::Public),
    ("porteur", Dimension::Porteur),
    ("theme", Dimension::Theme),
];

impl Dimension {
    /// Its name in JSON and on the command line: the level's key
    /// (`priority`, `objectif`), or `quartier`, `funder`…
    pub fn name(self, tree: &Tree) -> String {
        match self {
            Dimension::Level(d) => tree.level(CodeKind::Level(d)).key.clone(),
            other => FIXED
                .iter()
                .find(|(_, d)| *d == other)
                .map_or_else(String::new, |(n, _)| (*n).to_owned()),
        }
    }

    /// The deepest level of the tree: what `--by` means when not given.
    pub fn leaf(tree: &Tree) -> Dimension {
        Dimension::Level(tree.depth() as u8 - 1)
    }

    /// Every dimension of a contract with this tree, levels top first.
    pub fn all(tree: &Tree) -> Vec<Dimension> {
        (0..tree.depth() as u8)
            .map(Dimension::Level)
            .chain(FIXED.iter().map(|(_, d)| *d))
            .collect()
    }

    /// A dimension by name: a level's key or one of the fixed names.
    pub fn parse(text: &str, tree: &Tree) -> Result<Dimension, String> {
        let wanted = text.trim().to_lowercase();
        if let Some(found) = Dimension::all(tree)
            .into_iter()
            .find(|d| d.name(tree) == wanted)
        {
            return Ok(found);
        }
        // A level's word works too: `--by axe`, `--by enjeux`.
        for (kind, level) in tree.kinds() {
            let words = [level.label.as_deref(), level.plural.as_deref()];
            if words
                .iter()
                .flatten()
                .any(|w| crate::fold::key(w) == crate::fold::key(&wanted))
            {
                return Ok(Dimension::Level(kind.depth().unwrap_or(0) as u8));
            }
        }
        let names: Vec<String> = Dimension::all(tree).iter().map(|d| d.name(tree)).collect();
        let near = crate::suggest::did_you_mean(&wanted, names.iter().map(String::as_str));
        Err(format!(
            "`{text}` is not a dimension of this contract\nhelp: {}",
            near.unwrap_or_else(|| format!("--by takes one of: {}", names.join(", ")))
        ))
    }

    /// Whether an action may count in several rows in full, so that rows add
    /// up to more than the total (which counts each action once).
    pub fn overlaps(self) -> bool {
        matches!(
            self,
            Dimension::Transversal | Dimension::Quartier | Dimension::Commune | Dimension::Public
        )
    }

    /// Whether rows are entries of the tree, where money counts on the main
    /// entry.
    pub fn is_tree(self) -> bool {
        matches!(self, Dimension::Level(_))
    }
}

/// The figures of one row (or of the total).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Measures {
    /// Actions that name the item.
    pub actions: usize,
    /// Actions whose main entry is (within) the item; tree rows only.
    pub main_actions: Option<usize>,
    pub funding: Money,
    /// The costs stated, and by how many of the actions whose money counts here.
    pub cost: Known<Money>,
    /// The beneficiaries stated, planned and reached, likewise.
    pub planned: Known<u64>,
    pub actual: Known<u64>,
    /// Entries of the deepest level covered over those in the item (rows of
    /// higher levels and totals of tree reports): priorities, in a 2015–2023
    /// contract.
    pub covered: Option<(usize, usize)>,
    /// The posts the State funds (FONJEP, adultes-relais): on the State's
    /// row of a report by funder, and its total, apart from the actions'
    /// funding (never in it).
    pub posts: Option<PostFigures>,
}

impl Measures {
    /// The figures of a list of actions, each counted once.
    pub fn of(actions: &[&Action]) -> Measures {
        let mut total = Measures::default();
        for action in actions {
            total.actions += 1;
            total.add_money(action, 1);
        }
        total
    }

    /// An action's money and people, once for each year it counts in: a
    /// multi-year action (CPO) states one year's tranche.
    fn add_money(&mut self, action: &Action, years: usize) {
        for _ in 0..years {
            self.funding += action.funding_total();
            self.cost.add(action.cost.as_ref().map(|c| c.value));
            self.planned.add(action.beneficiaries.planned);
            self.actual.add(action.beneficiaries.actual);
        }
    }
}

/// How many of the years selected a multi-year action counts in (every
/// year of its convention when none is selected); 1 for any other action.
fn tranches(filter: &Filter, action: &Action) -> usize {
    match &filter.years {
        Some(years) => action.years().filter(|y| years.contains(*y)).count().max(1),
        None => action.years().count(),
    }
}

/// One item of the contract and its figures, over all selected years and year
/// by year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub key: String,
    pub title: String,
    /// The item's code, for rows of the tree and of the transversal family.
    pub code: Option<Code>,
    pub measures: Measures,
    /// One entry per year of the report, in order (filled with `--per-year`).
    pub per_year: Vec<Measures>,
}

/// A coverage report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub by: Dimension,
    /// Its name (`priority`, `objectif`, `funder`…).
    pub by_name: String,
    /// Whether the contract declares its tree: its JSON then says `entries`
    /// where a 2015–2023 contract's says `priorities`.
    pub declared: bool,
    /// The years reported: those asked for, or else those of the actions counted.
    pub years: Vec<u16>,
    pub rows: Vec<Row>,
    pub total: Measures,
    pub total_per_year: Vec<Measures>,
}

/// The actions a filter selects, counting only `funded` and `completed` ones
/// unless the filter names statuses. In contract order (year, then id).
pub fn select<'c>(contract: &'c Contract, filter: &Filter) -> Vec<&'c Action> {
    contract
        .actions
        .iter()
        .filter(|a| filter.matches(contract, a, &COUNTED))
        .collect()
}

/// The actions a filter selects, whatever their status unless the filter
/// names statuses: what a listing (`actions`, `export`) shows.
pub fn listed<'c>(contract: &'c Contract, filter: &Filter) -> Vec<&'c Action> {
    contract
        .actions
        .iter()
        .filter(|a| filter.matches(contract, a, &crate::analysis::filter::EVERY_STATUS))
        .collect()
}

/// The years a report covers: those the filter names, or those of its actions.
pub fn report_years(filter: &Filter, actions: &[&Action]) -> Years {
    match &filter.years {
        Some(years) => years.clone(),
        None => actions.iter().flat_map(|a| a.years()).collect(),
    }
}

/// The key of the row of actions without a national theme.
pub const NO_THEME: &str = "none";

/// The items of one dimension, in contract order, as (key, title, code).
/// Where each item of [`items`] stands, by key.
fn index(items: &[(String, String, Option<Code>)]) -> HashMap<String, usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, (k, _, _))| (k.clone(), i))
        .collect()
}

fn items(
    contract: &Contract,
    filter: &Filter,
    by: Dimension,
) -> Vec<(String, String, Option<Code>)> {
    match by {
        Dimension::Level(d) => contract
            .level(CodeKind::Level(d))
            .filter(|n| filter.in_scope(contract, *n.code))
            .map(|n| (n.code.to_string(), n.title.value.clone(), Some(*n.code)))
            .collect(),
        Dimension::Transversal => contract
            .transversals
            .iter()
            .map(|t| (t.code.to_string(), t.title.value.clone(), Some(*t.code)))
            .collect(),
        Dimension::Quartier => contract
            .quartiers
            .iter()
            .enumerate()
            .filter(|(i, _)| filter.quartiers.is_empty() || filter.quartiers.contains(i))
            .map(|(_, q)| (q.key().to_owned(), q.name.value.clone(), None))
            .collect(),
        Dimension::Commune => contract
            .communes
            .iter()
            .enumerate()
            .filter(|(i, _)| filter.communes.is_empty() || filter.communes.contains(i))
            .map(|(_, c)| (c.insee.value.clone(), c.name.value.clone(), None))
            .collect(),
        Dimension::Funder => contract
            .funders
            .iter()
            .filter(|f| filter.funders.is_empty() || filter.funders.contains(&f.id.value))
            .map(|f| (f.id.value.clone(), f.name.value.clone(), None))
            .collect(),
        Dimension::Public => contract
            .publics
            .iter()
            .filter(|p| filter.publics.is_empty() || filter.publics.contains(&p.value))
            .map(|p| (p.value.clone(), String::new(), None))
            .collect(),
        // Every entry of the nomenclature, then the actions without a theme:
        // each action counts on one row, so rows add up to the total.
        Dimension::Theme => crate::themes::THEMES
            .iter()
            .map(|t| (t.code.to_owned(), t.title.to_owned(), None))
            .chain([(NO_THEME.to_owned(), String::new(), None)])
            .collect(),
        Dimension::Porteur => {
            // Every porteur of the contract, so that one absent this year shows
            // as a zero; alphabetical, as porteurs have no contract order.
            // A registered porteur is one row, whatever spelling its
            // actions use: the registry's name.
            let names: Vec<String> = contract
                .actions
                .iter()
                .map(|a| contract.porteur_name(&a.porteur))
                .collect();
            let mut names: Vec<&str> = names.iter().map(String::as_str).collect();
            names.sort_unstable_by_key(|n| (crate::suggest::fold(n), *n));
            names.dedup();
            names
                .into_iter()
                .filter(|n| {
                    filter.porteurs.is_empty()
                        || filter
                            .porteurs
                            .iter()
                            .any(|p| crate::suggest::fold(n).contains(p.as_str()))
                })
                .map(|n| (n.to_owned(), String::new(), None))
                .collect()
        }
    }
}

/// The row indexes an action falls in, with whether its money counts there.
fn rows_of(
    contract: &Contract,
    by: Dimension,
    action: &Action,
    index: &HashMap<String, usize>,
    out: &mut Vec<(usize, bool)>,
) {
    out.clear();
    let mut push = |key: String, money: bool| {
        if let Some(&i) = index.get(&key) {
            if let Some(existing) = out.iter_mut().find(|(j, _)| *j == i) {
                existing.1 |= money;
            } else {
                out.push((i, money));
            }
        }
    };
    match by {
        Dimension::Level(d) => {
            let main = action.main();
            for code in &action.serves {
                if let Some(at) = contract.ancestor(code.value, CodeKind::Level(d)) {
                    push(at.to_string(), Some(code.value) == main);
                }
            }
        }
        Dimension::Transversal => {
            for code in &action.transversal {
                push(code.to_string(), true);
            }
        }
        Dimension::Quartier => {
            for written in &action.quartiers {
                if let Some(q) = contract.quartier(written) {
                    push(q.key().to_owned(), true);
                }
            }
        }
        Dimension::Commune => {
            for commune in contract.communes_of(action) {
                push(commune.insee.value.clone(), true);
            }
        }
        Dimension::Public => {
            for public in &action.publics {
                push(public.value.clone(), true);
            }
        }
        Dimension::Porteur => push(contract.porteur_name(&action.porteur), true),
        // On the most precise entry known: the action's own theme, or its
        // main priority's.
        Dimension::Theme => push(
            contract
                .action_theme(action)
                .map_or_else(|| NO_THEME.to_owned(), |t| t.code.to_owned()),
            true,
        ),
        // Funders are summed apart: each row takes its own amounts.
        Dimension::Funder => {}
    }
}

/// Figures of every row and of the total for a set of actions.
fn measure(
    contract: &Contract,
    filter: &Filter,
    by: Dimension,
    rows: &[(String, String, Option<Code>)],
    index: &HashMap<String, usize>,
    actions: &[&Action],
) -> (Vec<Measures>, Measures) {
    let mut figures = vec![Measures::default(); rows.len()];
    let mut total = Measures::default();
    let mut hits = Vec::new();
    for action in actions {
        total.actions += 1;
        let years = tranches(filter, action);
        if by == Dimension::Funder {
            for amount in &action.funding {
                if let Some(&i) = index.get(amount.funder.as_str()) {
                    let row = &mut figures[i];
                    row.actions += 1;
                    for _ in 0..years {
                        row.funding += amount.amount.value;
                        row.cost.add(action.cost.as_ref().map(|c| c.value));
                        total.funding += amount.amount.value;
                    }
                }
            }
            for _ in 0..years {
                total.cost.add(action.cost.as_ref().map(|c| c.value));
            }
            continue;
        }
        rows_of(contract, by, action, index, &mut hits);
        for &(i, money) in &hits {
            let row = &mut figures[i];
            row.actions += 1;
            if by.is_tree() && money {
                *row.main_actions.get_or_insert(0) += 1;
            }
            if money {
                row.add_money(action, years);
            }
        }
        // The total counts each action once; for the tree, its money only where
        // its main priority is among the rows shown.
        let main_shown = hits.iter().any(|&(_, money)| money);
        if !by.is_tree() || main_shown {
            total.add_money(action, years);
        }
        if by.is_tree() && main_shown {
            *total.main_actions.get_or_insert(0) += 1;
        }
    }
    if by.is_tree() {
        for m in &mut figures {
            m.main_actions.get_or_insert(0);
        }
        total.main_actions.get_or_insert(0);
        roll_up_covered(
            contract,
            filter,
            by,
            rows,
            actions,
            &mut figures,
            &mut total,
        );
    }
    (figures, total)
}

/// `covered`: entries of the deepest level (priorities) named by at least
/// one action, over those in the item (in the part of the tree selected).
fn roll_up_covered(
    contract: &Contract,
    filter: &Filter,
    by: Dimension,
    rows: &[(String, String, Option<Code>)],
    actions: &[&Action],
    figures: &mut [Measures],
    total: &mut Measures,
) {
    let named: HashSet<Code> = actions
        .iter()
        .flat_map(|a| a.serves.iter().map(|c| c.value))
        .collect();
    let leaf = Dimension::leaf(&contract.tree);
    let Dimension::Level(depth) = leaf else {
        return;
    };
    let in_scope: Vec<Code> = contract
        .level(CodeKind::Level(depth))
        .map(|p| *p.code)
        .filter(|c| filter.in_scope(contract, *c))
        .collect();
    let covered_within = |item: Code| {
        let within: Vec<&Code> = in_scope
            .iter()
            .filter(|c| contract.is_within(**c, item))
            .collect();
        let covered = within.iter().filter(|c| named.contains(c)).count();
        (covered, within.len())
    };
    if by != leaf {
        for (row, (_, _, code)) in figures.iter_mut().zip(rows) {
            if let Some(code) = code {
                row.covered = Some(covered_within(*code));
            }
        }
    }
    let covered = in_scope.iter().filter(|c| named.contains(c)).count();
    total.covered = Some((covered, in_scope.len()));
}

/// Coverage of the contract by the actions a filter selects.
pub fn coverage(contract: &Contract, filter: &Filter, by: Dimension, per_year: bool) -> Coverage {
    let actions = select(contract, filter);
    let years: Vec<u16> = report_years(filter, &actions).iter().collect();
    let items = items(contract, filter, by);
    let index = index(&items);
    let (figures, total) = measure(contract, filter, by, &items, &index, &actions);

    let mut by_year: BTreeMap<u16, (Vec<Measures>, Measures)> = BTreeMap::new();
    if per_year {
        for &year in &years {
            let of_year: Vec<&Action> = actions
                .iter()
                .copied()
                .filter(|a| a.in_year(year))
                .collect();
            let one_year = Filter {
                years: Some(Years::from_iter([year])),
                ..filter.clone()
            };
            by_year.insert(
                year,
                measure(contract, &one_year, by, &items, &index, &of_year),
            );
        }
    }
    let mut rows: Vec<Row> = items
        .into_iter()
        .zip(figures)
        .enumerate()
        .map(|(i, ((key, title, code), measures))| Row {
            key,
            title,
            code,
            measures,
            per_year: by_year.values().map(|(rows, _)| rows[i]).collect(),
        })
        .collect();
    let mut total = total;
    let mut total_per_year: Vec<Measures> = by_year.values().map(|(_, total)| *total).collect();
    // The State funds the posts: its row holds them, beside its actions'
    // funding, and so does the total, never added to the funding.
    let state = crate::analysis::report::STATE_FUNDER;
    if by == Dimension::Funder && !contract.posts.is_empty() && contract.funder(state).is_some() {
        let all = post_figures(contract, filter, None);
        total.posts = Some(all);
        for (y, m) in years.iter().zip(total_per_year.iter_mut()) {
            m.posts = Some(post_figures(contract, filter, Some(*y)));
        }
        if let Some(row) = rows.iter_mut().find(|r| r.key == state) {
            row.measures.posts = Some(all);
            for (y, m) in years.iter().zip(row.per_year.iter_mut()) {
                m.posts = Some(post_figures(contract, filter, Some(*y)));
            }
        }
    }
    Coverage {
        by,
        by_name: by.name(&contract.tree),
        declared: contract.tree.declared,
        years,
        rows,
        total,
        total_per_year,
    }
}

/// Funding voted by each funder in each row of a report: the rows of
/// [`coverage`] for the same filter and dimension, split by funder, with the
/// same rule (on the tree, an action's money counts on its main priority).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunderSplit {
    /// Funder identifiers, in contract order (narrowed by `--funder`).
    pub funders: Vec<String>,
    /// One row per item, keyed as in [`Coverage::rows`]: one amount per funder.
    pub rows: Vec<(String, Vec<Money>)>,
}

/// The funding voted of the selected actions, by item of `by` and by funder.
/// A row adds up to that item's funding in [`coverage`], a column to that
/// funder's funding in a coverage by funder.
pub fn funding_by_funder(contract: &Contract, filter: &Filter, by: Dimension) -> FunderSplit {
    let actions = select(contract, filter);
    let rows = items(contract, filter, by);
    let index = index(&rows);
    let funders: Vec<String> = items(contract, filter, Dimension::Funder)
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    let column: HashMap<&str, usize> = funders
        .iter()
        .enumerate()
        .map(|(j, id)| (id.as_str(), j))
        .collect();
    let mut cells = vec![vec![Money::ZERO; funders.len()]; rows.len()];
    let mut hits = Vec::new();
    for action in &actions {
        rows_of(contract, by, action, &index, &mut hits);
        for &(i, money) in &hits {
            if !money {
                continue;
            }
            for amount in &action.funding {
                if let Some(&j) = column.get(amount.funder.as_str()) {
                    for _ in 0..tranches(filter, action) {
                        cells[i][j] += amount.amount.value;
                    }
                }
            }
        }
    }
    FunderSplit {
        funders,
        rows: rows
            .into_iter()
            .zip(cells)
            .map(|((key, _, _), amounts)| (key, amounts))
            .collect(),
    }
}

/// The documented JSON shape of a report's figures (`contrat coverage
/// --format json`, and inside the yearly report): counts, money as euros,
/// `null` for a sum no action gives a figure for.
impl serde::Serialize for Measures {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        self.entries(&mut map, false)?;
        map.end()
    }
}

impl Measures {
    /// `declared`: the contract declares its tree, whose JSON counts
    /// `entries` where a 2015–2023 one counts `priorities`.
    fn entries<M: serde::ser::SerializeMap>(
        &self,
        map: &mut M,
        declared: bool,
    ) -> Result<(), M::Error> {
        map.serialize_entry("actions", &self.actions)?;
        if let Some(n) = self.main_actions {
            map.serialize_entry("main_actions", &n)?;
        }
        map.serialize_entry("funding", &self.funding)?;
        map.serialize_entry("cost", &self.cost)?;
        // How many of the actions whose money counts here state their cost:
        // `cost` is the sum of those, never a 0 for one not stated.
        map.serialize_entry("cost_known", &self.cost.known)?;
        map.serialize_entry("beneficiaries_planned", &self.planned.stated())?;
        map.serialize_entry("beneficiaries_actual", &self.actual.stated())?;
        if let Some((covered, of)) = self.covered {
            map.serialize_entry("covered", &covered)?;
            map.serialize_entry(if declared { "entries" } else { "priorities" }, &of)?;
        }
        if let Some(posts) = &self.posts {
            map.serialize_entry("posts", &posts.posts)?;
            map.serialize_entry("posts_amount", &posts.amount)?;
        }
        Ok(())
    }
}

/// A row: `key`, `title`, its measures, and `per_year` when asked for.
struct RowJson<'a> {
    key: &'a str,
    title: &'a str,
    measures: &'a Measures,
    years: &'a [u16],
    per_year: &'a [Measures],
    declared: bool,
}

impl serde::Serialize for RowJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("key", self.key)?;
        map.serialize_entry("title", self.title)?;
        self.measures.entries(&mut map, self.declared)?;
        if !self.per_year.is_empty() {
            let years: Vec<YearJson> = self
                .years
                .iter()
                .zip(self.per_year)
                .map(|(&year, measures)| YearJson {
                    year,
                    measures,
                    declared: self.declared,
                })
                .collect();
            map.serialize_entry("per_year", &years)?;
        }
        map.end()
    }
}

struct YearJson<'a> {
    year: u16,
    measures: &'a Measures,
    declared: bool,
}

impl serde::Serialize for YearJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("year", &self.year)?;
        self.measures.entries(&mut map, self.declared)?;
        map.end()
    }
}

/// `{"by", "years", "rows", "total"}`: the JSON document of `contrat coverage`
/// (which adds `"version"`) and a part of the yearly report's.
impl serde::Serialize for Coverage {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("by", &self.by_name)?;
        map.serialize_entry("years", &self.years)?;
        let rows: Vec<RowJson> = self
            .rows
            .iter()
            .map(|row| RowJson {
                key: &row.key,
                title: &row.title,
                measures: &row.measures,
                years: &self.years,
                per_year: &row.per_year,
                declared: self.declared,
            })
            .collect();
        map.serialize_entry("rows", &rows)?;
        map.serialize_entry(
            "total",
            &RowJson {
                key: "total",
                title: "",
                measures: &self.total,
                years: &self.years,
                per_year: &self.total_per_year,
                declared: self.declared,
            },
        )?;
        map.end()
    }
}
