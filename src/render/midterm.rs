//! The mid-term evaluation laid out once, as a [`Doc`] of sections, tables
//! and a chart in the reader's words, for every format of the yearly
//! report (Markdown, HTML, DOCX, JSON).
//!
//! Every figure comes from the [`Midterm`]; this module only picks words
//! and places the years side by side.

use serde_json::{Value as Json, json};

use crate::analysis::coverage::Measures;
use crate::analysis::midterm::{
    Compared, Evolution, Midterm, OverYears, RowEvolution, TextChanges, Unavailable,
};
use crate::analysis::report::{Value, Verdict};
use crate::model::CodeKind;
use crate::output::svg::{BarChart, Category};
use crate::output::{
    Block, Cell, Chart, Column, Doc, Kind, Scale, Section, Span, Table, Word, Words, versioned,
};
use crate::render::columns::Common;
use crate::render::diff::{Side, Sides};
use crate::render::report::{
    indicator_row, indicator_table, measure_label, value_cell, verdict_word,
};
use crate::render::{close_sections, contract_facts, fact, money_bar, report_front};

const VERDICTS: [Verdict; 4] = [
    Verdict::Met,
    Verdict::Shortfall,
    Verdict::Missing,
    Verdict::Pending,
];

/// The two cells every row of a table over the years ends with: the change
/// in percent and its direction.
fn evolution_cells(e: &Evolution, w: &Words) -> [Cell; 2] {
    [
        e.change.map_or(Cell::Unknown, Cell::Change),
        Cell::text(w.trend(e.trend)),
    ]
}

/// The columns of a table over the years: what the rows are, one column
/// per year, the change from the first to the last and its direction.
fn year_columns(
    m: &Midterm,
    lead: Vec<Column>,
    prefix: &str,
    kind: Kind,
    w: &Words,
) -> Vec<Column> {
    let mut columns = lead;
    for year in &m.years {
        columns.push(Column::new(
            format!("{prefix}_{year}"),
            year.to_string(),
            kind,
        ));
    }
    columns.push(Column::new(
        "change",
        w.change_over(m.period.from, m.period.to),
        Kind::Change,
    ));
    columns.push(Common::Trend.column(w));
    columns
}

/// The evaluation in the reader's words, with the officer's notes if any.
pub fn doc(m: &Midterm, w: &Words, notes: Option<&str>) -> Doc {
    let years = format!("{}–{}", m.period.from, m.period.to);
    let evaluated = fact(w, Word::EvaluatedPeriod, years);

    let mut sections = vec![synthesis(m, w)];
    let ids = if m.levels.len() == 1 {
        &["leaf"][..]
    } else {
        &["branch", "leaf"][..]
    };
    for (i, (over, id)) in m.levels.iter().zip(ids).enumerate() {
        sections.push(level(m, over, id, i == 0, w));
    }
    if !m.quartiers.coverage.rows.is_empty() {
        sections.push(quartiers(m, w));
    }
    if !m.situation.is_empty() {
        sections.push(crate::render::decree::situation(&m.situation, w, &[]));
    }
    sections.push(indicators(m, w));
    sections.push(text_changes(m, w));
    close_sections(&mut sections, notes, w);
    let mut json = versioned(1, &json(m, w));
    if let Some(map) = json.as_object_mut() {
        map.insert("notes".to_owned(), json!(notes));
    }
    let title = w.midterm_title(m.period.from, m.period.to);
    Doc {
        title: Some(title.clone()),
        subtitle: Some(m.contract.title.to_owned()),
        blocks: vec![contract_facts(&m.contract, vec![evaluated], w)],
        sections,
        json: Some(json),
        data: Vec::new(),
        front: Some(report_front(&title, &m.contract, w)),
        annexes: Vec::new(),
    }
}

/// The counting rule and the yearly report's key figures, year by year.
fn synthesis(m: &Midterm, w: &Words) -> Section {
    let mut t = Table::new(
        "key_figures",
        year_columns(m, vec![Common::Measure.column(w)], "value", Kind::Count, w),
    );
    for figure in &m.key_figures {
        let mut row = vec![Cell::text(measure_label(figure.measure, w))];
        row.extend(figure.values.iter().map(|v| value_cell(*v)));
        row.extend(evolution_cells(&figure.evolution, w));
        t.push(row);
    }
    if m.key_figures
        .iter()
        .any(|f| f.values.iter().any(|v| v.level().is_none()))
    {
        t.note(w.s(Word::NoTrendForUnknown));
    }
    Section {
        id: "synthesis",
        heading: w.s(Word::SectionSynthesis),
        blocks: vec![
            Block::Paragraph(vec![Span::Emphasis(w.counting_rule_midterm())]),
            Block::Heading(w.s(Word::KeyFigures)),
            Block::Table(t),
        ],
    }
}

/// A measure followed over the years: the key of its table and columns, its
/// kind, its cell in a year's measures and its evolution in a row's.
type YearMeasure = (
    &'static str,
    Kind,
    fn(&Measures) -> Cell,
    fn(&RowEvolution) -> &Evolution,
);

/// The measures of [`year_tables`], one table each, in this order.
const YEAR_MEASURES: [YearMeasure; 3] = [
    (
        "actions",
        Kind::Count,
        |y| Cell::count(y.actions),
        |e| &e.actions,
    ),
    (
        "funding",
        Kind::Money,
        |y| Cell::Money(y.funding),
        |e| &e.funding,
    ),
    (
        "cost",
        Kind::Money,
        |y| Cell::known(y.cost, Cell::Money),
        |e| &e.cost,
    ),
];

/// A table of one measure over the years: a row per item of `over`, then
/// the total.
fn measure_table(
    m: &Midterm,
    over: &OverYears,
    lead: Vec<Column>,
    measure: YearMeasure,
    w: &Words,
) -> Table {
    let (name, kind, cell, evolution) = measure;
    let width = lead.len();
    let mut t = Table::new(name, year_columns(m, lead, name, kind, w));
    for (row, e) in over.coverage.rows.iter().zip(&over.rows) {
        let key = row.code.map_or_else(|| row.key.clone(), |c| w.code(c));
        let mut line = vec![Cell::code(key), Cell::text(row.title.clone())];
        line.extend(row.per_year.iter().map(cell));
        line.extend(evolution_cells(evolution(e), w));
        t.push(line);
    }
    let mut total = vec![Cell::text(w.s(Word::Total))];
    total.resize(width, Cell::Empty);
    total.extend(over.coverage.total_per_year.iter().map(cell));
    total.extend(evolution_cells(evolution(&over.total), w));
    t.total = Some(total);
    t
}

/// Actions, funding voted and cost of each item of `over`, year by year.
fn year_tables(m: &Midterm, over: &OverYears, lead: &[Column], w: &Words) -> [Table; 3] {
    let [actions, funding, mut cost] =
        YEAR_MEASURES.map(|measure| measure_table(m, over, lead.to_vec(), measure, w));
    for (year, total) in m.years.iter().zip(&over.coverage.total_per_year) {
        let c = total.cost;
        if c.known < c.of {
            cost.note(w.known_for(
                &format!("{} {year}", w.get(Word::Cost)),
                c.known as u64,
                c.of as u64,
            ));
        }
    }
    if over
        .rows
        .iter()
        .chain([&over.total])
        .any(|e| e.cost.first.level().is_none() || e.cost.last.level().is_none())
    {
        cost.note(w.s(Word::NoTrendForUnknown));
    }
    [actions, funding, cost]
}

/// The years shown side by side in a chart: all of them up to three (the
/// shades a chart tells apart in black and white), else the first and the
/// last.
fn chart_years(m: &Midterm) -> Vec<usize> {
    let n = m.years.len();
    if n <= 3 {
        (0..n).collect()
    } else {
        vec![0, n - 1]
    }
}

/// One level of the tree over the years; the first also with a chart of
/// its funding.
fn level(m: &Midterm, over: &OverYears, id: &'static str, chart: bool, w: &Words) -> Section {
    let kind = over.level().unwrap_or(CodeKind::Level(0));
    let lead = [
        Column::new("code", w.level_one(kind), Kind::Code),
        Common::Title.column(w),
    ];
    let [actions, mut funding, mut cost] = year_tables(m, over, &lead, w);
    // Actions may name a level above the deepest (an orientation): their
    // money counts on it, in no row of the deepest level.
    if kind == w.leaf()
        && over
            .coverage
            .total_per_year
            .iter()
            .any(|y| y.main_actions.unwrap_or(y.actions) < y.actions)
    {
        let note = w.money_above(&w.level_many(kind));
        funding.note(note.clone());
        cost.note(note);
    }
    let mut blocks = headed(
        [
            (Word::ActionsPerYear, actions),
            (Word::FundingPerYear, funding),
        ],
        w,
    );
    if chart {
        let shown = chart_years(m);
        blocks.push(Block::Chart(Chart {
            slug: "funding-by-year".to_owned(),
            scale: Scale::Money,
            chart: BarChart {
                id: "funding-by-year".to_owned(),
                title: format!(
                    "{}, {}",
                    w.funding_by(&w.level_one(kind)),
                    shown
                        .iter()
                        .map(|&i| m.years[i].to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                axis_label: w.s(Word::AxisFunding),
                series: shown.iter().map(|&i| m.years[i].to_string()).collect(),
                categories: over
                    .coverage
                    .rows
                    .iter()
                    .map(|row| Category {
                        label: format!(
                            "{} {}",
                            row.code.map_or_else(|| row.key.clone(), |c| w.code(c)),
                            row.title
                        ),
                        bars: shown
                            .iter()
                            .map(|&i| money_bar(row.per_year[i].funding, w))
                            .collect(),
                    })
                    .collect(),
                scale_end: None,
                unit: 100,
            },
        }));
    }
    blocks.extend(headed([(Word::CostPerYear, cost)], w));
    Section {
        id,
        heading: w.section_over_years(kind),
        blocks,
    }
}

/// Actions and funding voted in each quartier, year by year (their
/// context indicators have a section of their own).
fn quartiers(m: &Midterm, w: &Words) -> Section {
    let lead = [Common::Quartier.column(w), Common::Title.column(w)];
    let [mut actions, mut funding, _] = year_tables(m, &m.quartiers, &lead, w);
    // An action in two quartiers counts in each.
    let overlap = w.rows_overlap(&w.s(Word::Quartiers));
    actions.note(overlap.clone());
    funding.note(overlap);
    Section {
        id: "quartiers",
        heading: w.s(Word::SectionQuartiers),
        blocks: headed(
            [
                (Word::ActionsPerYear, actions),
                (Word::FundingPerYear, funding),
            ],
            w,
        ),
    }
}

/// Tables each under its heading, as most sections of the evaluation are.
fn headed<const N: usize>(tables: [(Word, Table); N], w: &Words) -> Vec<Block> {
    tables
        .into_iter()
        .flat_map(|(heading, table)| [Block::Heading(w.s(heading)), Block::Table(table)])
        .collect()
}

/// The indicators by result each year, then each indicator year by year.
fn indicators(m: &Midterm, w: &Words) -> Section {
    let heading = w.s(Word::SectionIndicators);
    if m.indicators.is_empty() {
        return Section {
            id: "indicators",
            heading,
            blocks: vec![Block::text(w.s(Word::NoIndicator))],
        };
    }
    let mut columns = vec![Common::Result.column(w)];
    columns.extend(
        m.years
            .iter()
            .map(|y| Column::new(format!("indicators_{y}"), y.to_string(), Kind::Count)),
    );
    let mut results = Table::new("indicator_results", columns);
    for verdict in VERDICTS {
        let mut row = vec![Cell::text(capitalised(w.get(verdict_word(verdict))))];
        row.extend(m.results.iter().map(|r| Cell::count(r.get(verdict))));
        results.push(row);
    }
    let mut total = vec![Cell::text(w.s(Word::Total))];
    total.extend(m.results.iter().map(|r| Cell::count(r.total())));
    results.total = Some(total);

    let lead = Common::columns(
        w,
        [
            Common::Indicator,
            Common::Year,
            Common::Action,
            Common::Title,
        ],
    );
    let mut each = indicator_table(lead, w);
    for series in &m.indicators {
        for (year, line) in &series.points {
            let lead = vec![
                Cell::text(line.indicator.name.clone()),
                Cell::Year(*year),
                Cell::code(line.action.id.value.clone()),
                Cell::text(line.action.title.value.clone()),
            ];
            each.push(indicator_row(lead, line, w));
        }
    }
    Section {
        id: "indicators",
        heading,
        blocks: headed(
            [
                (Word::IndicatorResults, results),
                (Word::IndicatorsOverYears, each),
            ],
            w,
        ),
    }
}

/// The sides of the period's changes: the commit, by `name`, against the
/// working tree.
fn against_working_tree(name: String, c: &Compared) -> Sides {
    Sides {
        from: Side::Named(name),
        to: Side::WorkingTree,
        funders: c.funders.clone(),
    }
}

/// What the contract's text changed over the period, as `contrat diff`
/// shows it, or why that cannot be shown.
fn text_changes(m: &Midterm, w: &Words) -> Section {
    let since = m.period.from;
    let blocks = match &m.changes {
        TextChanges::Compared(c) => {
            let shown = w.commit(&c.from.id, c.from.date);
            let mut blocks = vec![Block::text(w.revisions_compared(
                &shown,
                since,
                c.head.as_deref(),
            ))];
            let sides = against_working_tree(shown, c);
            // The changes as `contrat diff` lays them out, under this
            // section's heading (its "no change" line included).
            blocks.extend(crate::render::diff::doc(&c.diff, &sides, w).blocks);
            blocks
        }
        TextChanges::Unavailable(why) => vec![Block::text(match why {
            Unavailable::NotInGit => w.s(Word::NotInGit),
            Unavailable::Git(reason) => w.git_failed(reason),
            Unavailable::NoCommit => w.no_commit_since(since),
            Unavailable::Unreadable(at, reason) => {
                w.unreadable_revision(&w.commit(&at.id, at.date), reason)
            }
        })],
    };
    Section {
        id: "text-changes",
        heading: w.s(Word::SectionTextChanges),
        blocks,
    }
}

/// `atteint` → `Atteint`.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The evaluation's JSON document (version 1, without `"version"`, which
/// [`doc`] adds): the figures without the words, money as numbers of
/// euros, an unknown as `null`. Levels are named by their keys, whatever
/// the tree. Its shape is documented in the README.
pub fn json(m: &Midterm, w: &Words) -> Json {
    let declared = m.tree.declared;
    let value = |v: &Value| match *v {
        Value::Covered(covered, of) => {
            json!({ "covered": covered, (if declared { "entries" } else { "priorities" }): of })
        }
        other => json!(other),
    };
    let evolution = |e: &Evolution| {
        json!({
            "change": e.change.map(|c| c as f64 / 10.0),
            "trend": e.trend.name(),
        })
    };
    let year = |y: u16, m: &Measures| {
        json!({
            "year": y,
            "actions": m.actions,
            "main_actions": m.main_actions,
            "funding": m.funding,
            "cost": m.cost,
            "cost_known": m.cost.known,
        })
    };
    let rows = |over: &OverYears| {
        let row = |key: &str, title: &str, per_year: &[Measures], e: &RowEvolution| {
            json!({
                "key": key,
                "title": title,
                "years": m.years.iter().zip(per_year).map(|(&y, x)| year(y, x)).collect::<Vec<_>>(),
                "change": {
                    "actions": evolution(&e.actions),
                    "funding": evolution(&e.funding),
                    "cost": evolution(&e.cost),
                },
            })
        };
        json!({
            "rows": over.coverage.rows.iter().zip(&over.rows)
                .map(|(r, e)| row(&r.key, &r.title, &r.per_year, e))
                .collect::<Vec<_>>(),
            "total": row("total", "", &over.coverage.total_per_year, &over.total),
        })
    };
    let levels: Vec<Json> = m
        .levels
        .iter()
        .map(|over| {
            let kind = over.level().unwrap_or(CodeKind::Level(0));
            let mut level = rows(over);
            level["level"] = json!(w.level_key(kind));
            level
        })
        .collect();
    let changes = match &m.changes {
        TextChanges::Compared(c) => {
            let sides = against_working_tree(c.from.id.clone(), c);
            let mut changes = crate::render::diff::json(&c.diff, &sides, w);
            if let Some(map) = changes.as_object_mut() {
                map.remove("version");
            }
            let (y, mo, d) = c.from.date;
            json!({
                "compared": true,
                "from": {"commit": c.from.id, "date": format!("{y:04}-{mo:02}-{d:02}")},
                "to": "the working tree",
                "head": c.head,
                "diff": changes,
            })
        }
        TextChanges::Unavailable(why) => {
            let (reason, detail) = match why {
                Unavailable::NotInGit => ("not-in-git", None),
                Unavailable::Git(e) => ("git-failed", Some(e.clone())),
                Unavailable::NoCommit => ("no-commit", None),
                Unavailable::Unreadable(at, e) => ("unreadable", Some(format!("{}: {e}", at.id))),
            };
            json!({ "compared": false, "reason": reason, "detail": detail })
        }
    };
    let verdict_name = |v: Verdict| match v {
        Verdict::Met => "met",
        Verdict::Shortfall => "shortfall",
        Verdict::Missing => "missing",
        Verdict::Pending => "pending",
    };
    json!({
        "period": m.period,
        "years": m.years,
        "contract": m.contract,
        "key_figures": m.key_figures.iter().map(|f| json!({
            "measure": f.measure.name(declared),
            "years": f.values.iter().map(value).collect::<Vec<_>>(),
            "change": evolution(&f.evolution),
        })).collect::<Vec<_>>(),
        "levels": levels,
        "quartiers": rows(&m.quartiers),
        "indicators": {
            "results": m.years.iter().zip(&m.results).map(|(y, r)| {
                let mut counts = json!({ "year": y });
                for v in VERDICTS {
                    counts[verdict_name(v)] = json!(r.get(v));
                }
                counts
            }).collect::<Vec<_>>(),
            "series": m.indicators.iter().map(|s| json!({
                "indicator": s.name,
                "points": s.points.iter().map(|(y, line)| json!({
                    "year": y,
                    "action": line.action.id.value,
                    "target": line.indicator.target,
                    "actual": line.indicator.actual,
                    "unit": line.indicator.unit,
                    "result": verdict_name(line.verdict),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        },
        "text_changes": changes,
    })
}
