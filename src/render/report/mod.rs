//! The yearly report laid out once, as a [`Document`] of sections, tables and
//! charts in one language, then written as Markdown ([`markdown`]) or as one
//! self-contained HTML page ([`html`]); [`json`] writes the figures alone.
//!
//! Every figure comes from the [`Report`]; this module only picks labels and
//! formats numbers.

pub mod html;
pub mod json;
pub mod markdown;

use crate::analysis::report::{Compared, Measure, Report, Trend, Value, Verdict, share};
use crate::model::{Language, Money, Status};
use crate::render::format::{colon, count, decimal, hundredths, money, percent_tenths};
use crate::render::labels::Label;
use crate::render::svg::{Bar, BarChart, Category};
use crate::render::table::Grid;
use crate::render::{coverage, gaps};

/// The report as a reader sees it: a title, an introduction, then sections.
#[derive(Clone, Debug)]
pub struct Document {
    pub lang: Language,
    /// `Rapport annuel politique de la ville 2023`.
    pub title: String,
    /// The contract's title.
    pub subtitle: String,
    /// What stands before the first section: the contract and the key figures.
    pub intro: Vec<Block>,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug)]
pub struct Section {
    /// A stable anchor: `actions`, `means`, …
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug)]
pub enum Block {
    Paragraph(Vec<Span>),
    /// A heading within a section.
    Heading(String),
    List(Vec<Vec<Span>>),
    /// A table; `total` when its last row is a total.
    Table {
        grid: Grid,
        total: bool,
    },
    Chart(Chart),
    /// The officer's notes, in Markdown, as written.
    Notes(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Strong(String),
    Emphasis(String),
}

/// How a chart writes the ticks of its scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Values are cents: `100 000 €`.
    Money,
    /// Values are tenths of a percent: `50 %`.
    Percent,
}

#[derive(Clone, Debug)]
pub struct Chart {
    /// Names the chart's file beside a Markdown report: `report-{slug}.svg`.
    pub slug: &'static str,
    pub chart: BarChart,
    pub scale: Scale,
}

impl Chart {
    /// The chart as SVG, ticks in `lang`.
    pub fn svg(&self, standalone: bool, lang: Language) -> String {
        let tick = |v: i64| match self.scale {
            Scale::Money => money(Money::from_cents(v), lang),
            Scale::Percent => {
                // Ticks fall on whole percents: no decimal.
                let text = percent_tenths(Some(v.max(0) as u64), lang);
                text.replacen(if lang == Language::Fr { ",0" } else { ".0" }, "", 1)
            }
        };
        self.chart.render(standalone, &tick)
    }
}

/// The charts of a document, in order.
pub fn charts(doc: &Document) -> Vec<&Chart> {
    doc.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Chart(chart) => Some(chart),
            _ => None,
        })
        .collect()
}

fn text(label: Label, lang: Language) -> String {
    label.text(lang).to_owned()
}

/// A level's label in the contract's own words (`[labels]`).
fn level(label: Label, report: &Report, lang: Language) -> String {
    label.in_contract(lang, report.labels)
}

/// A pilier's key as the contract names it ("Axe 2" where piliers are axes).
fn pilier_key(report: &Report, key: &str) -> String {
    report
        .by_pilier
        .rows
        .iter()
        .find(|r| r.key == key)
        .and_then(|r| r.code)
        .map_or_else(|| key.to_owned(), |c| report.labels.code(c))
}

fn status_text(status: Status, lang: Language) -> &'static str {
    match status {
        Status::Proposed => Label::StatusProposed,
        Status::Funded => Label::StatusFunded,
        Status::Rejected => Label::StatusRejected,
        Status::Cancelled => Label::StatusCancelled,
        Status::Completed => Label::StatusCompleted,
    }
    .text(lang)
}

/// `▲ hausse`, `▼ baisse`, `= stable`: an arrow for the eye, a word for
/// the screen reader and the photocopy.
pub fn trend_text(trend: Trend, lang: Language) -> String {
    match trend {
        Trend::Up => format!("▲ {}", Label::TrendUp.text(lang)),
        Trend::Down => format!("▼ {}", Label::TrendDown.text(lang)),
        Trend::Same => format!("= {}", Label::TrendSame.text(lang)),
    }
}

fn value_text(value: Value, lang: Language) -> String {
    match value {
        Value::Count(n) => count(n as u64, lang),
        Value::Money(m) => money(m, lang),
        Value::Covered(covered, of) => format!("{covered}/{of}"),
    }
}

fn measure_label(compared: &Compared) -> Label {
    match compared.measure {
        Measure::Actions => Label::CountedActions,
        Measure::Porteurs => Label::Porteurs,
        Measure::Funding => Label::Funding,
        Measure::Cost => Label::TotalCost,
        Measure::StateFunding => Label::StateCredits,
        Measure::PrioritiesCovered => Label::Covered,
    }
}

/// A two-column table of measures and their values.
fn figures(lang: Language, heading: String, rows: Vec<(Label, String)>) -> Block {
    let mut grid = Grid::new([text(Label::Measure, lang), heading]).numbers_from(1);
    for (label, value) in rows {
        grid.push([label.text(lang).to_owned(), value]);
    }
    Block::Table { grid, total: false }
}

/// The report laid out in `lang`, with the officer's notes if any.
pub fn document(report: &Report, lang: Language, notes: Option<&str>) -> Document {
    let year = report.year;
    let mut intro = Vec::new();
    let mut facts = vec![vec![
        Span::Strong(text(Label::Territory, lang)),
        Span::Text(format!("{}{}", colon(lang), report.territory)),
    ]];
    if let Some(period) = report.period {
        facts.push(vec![
            Span::Strong(text(Label::ContractPeriod, lang)),
            Span::Text(format!("{}{}–{}", colon(lang), period.from, period.to)),
        ]);
    }
    if let Some(source) = report.source {
        facts.push(vec![
            Span::Strong(text(Label::Source, lang)),
            Span::Text(format!("{}{source}", colon(lang))),
        ]);
    }
    intro.push(Block::List(facts));
    intro.push(Block::Paragraph(vec![Span::Emphasis(text(
        Label::CountingRule,
        lang,
    ))]));
    intro.push(Block::Heading(text(Label::KeyFigures, lang)));
    let covered = &report.covered_total;
    let mut key = vec![
        (
            Label::CountedActions,
            count(report.actions.counted.len() as u64, lang),
        ),
        (
            Label::Porteurs,
            count(report.actions.porteurs.len() as u64, lang),
        ),
        (Label::Funding, money(report.means.funding, lang)),
        (Label::TotalCost, money(report.means.cost, lang)),
    ];
    if let Some(state) = report.means.state {
        key.push((Label::StateCredits, money(state, lang)));
        key.push((Label::Leverage, hundredths(report.means.leverage, lang)));
    }
    key.push((
        Label::Covered,
        format!(
            "{}/{} ({})",
            covered.covered,
            covered.priorities,
            percent_tenths(covered.share, lang)
        ),
    ));
    intro.push(figures(lang, year.to_string(), key));

    let mut sections = vec![
        orientations(report, lang),
        actions(report, lang),
        means(report, lang),
        coverage_section(report, lang),
        gaps_section(report, lang),
        Section {
            id: "quartiers",
            heading: text(Label::SectionQuartiers, lang),
            blocks: vec![Block::Table {
                grid: coverage::grid(&report.by_quartier, lang, report.labels),
                total: true,
            }],
        },
        Section {
            id: "transversals",
            heading: text(Label::SectionTransversals, lang),
            blocks: vec![Block::Table {
                grid: coverage::grid(&report.by_transversal, lang, report.labels),
                total: true,
            }],
        },
        indicators(report, lang),
        comparison(report, lang),
    ];
    if let Some(notes) = notes {
        sections.push(Section {
            id: "notes",
            heading: text(Label::SectionNotes, lang),
            blocks: vec![Block::Notes(notes.to_owned())],
        });
    }
    for (i, section) in sections.iter_mut().enumerate() {
        section.heading = format!("{}. {}", i + 1, section.heading);
    }
    Document {
        lang,
        title: format!("{} {year}", Label::ReportTitle.text(lang)),
        subtitle: report.title.to_owned(),
        intro,
        sections,
    }
}

fn orientations(report: &Report, lang: Language) -> Section {
    let mut blocks = Vec::new();
    for pilier in &report.outline {
        blocks.push(Block::Heading(format!(
            "{} — {}",
            report.labels.code(pilier.code),
            pilier.title
        )));
        let mut grid = Grid::new([
            level(Label::Orientation, report, lang),
            text(Label::Title, lang),
            level(Label::Priorities, report, lang),
        ])
        .numbers_from(2);
        for o in &pilier.orientations {
            grid.push([
                o.code.to_string(),
                o.title.to_owned(),
                count(o.priorities as u64, lang),
            ]);
        }
        blocks.push(Block::Table { grid, total: false });
    }
    if !report.transversals.is_empty() {
        blocks.push(Block::Heading(text(Label::Transversals, lang)));
        let mut grid = Grid::new([text(Label::Code, lang), text(Label::Title, lang)]);
        for (code, title) in &report.transversals {
            grid.push([code.to_string(), (*title).to_owned()]);
        }
        blocks.push(Block::Table { grid, total: false });
    }
    Section {
        id: "orientations",
        heading: text(Label::SectionOrientations, lang),
        blocks,
    }
}

fn actions(report: &Report, lang: Language) -> Section {
    let a = &report.actions;
    let mut blocks = vec![figures(
        lang,
        report.year.to_string(),
        vec![
            (Label::CountedActions, count(a.counted.len() as u64, lang)),
            (Label::NewActions, count(a.new as u64, lang)),
            (Label::RenewedActions, count(a.renewed as u64, lang)),
            (Label::Porteurs, count(a.porteurs.len() as u64, lang)),
        ],
    )];

    blocks.push(Block::Heading(text(Label::ActionsByStatus, lang)));
    let mut grid =
        Grid::new([text(Label::Status, lang), text(Label::Actions, lang)]).numbers_from(1);
    for (status, n) in &a.statuses {
        grid.push([
            status_text(*status, lang).to_owned(),
            count(*n as u64, lang),
        ]);
    }
    let all: usize = a.statuses.iter().map(|(_, n)| n).sum();
    grid.push([text(Label::Total, lang), count(all as u64, lang)]);
    blocks.push(Block::Table { grid, total: true });

    if a.counted.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::Text(text(
            Label::NoAction,
            lang,
        ))]));
        return Section {
            id: "actions",
            heading: text(Label::SectionActions, lang),
            blocks,
        };
    }

    blocks.push(Block::Heading(text(Label::Porteurs, lang)));
    let mut grid = Grid::new([
        text(Label::Porteur, lang),
        text(Label::Actions, lang),
        text(Label::Funding, lang),
        text(Label::Cost, lang),
    ])
    .numbers_from(1);
    for row in &a.porteurs {
        grid.push([
            row.key.clone(),
            count(row.measures.actions as u64, lang),
            money(row.measures.funding, lang),
            money(row.measures.cost, lang),
        ]);
    }
    blocks.push(Block::Table { grid, total: false });

    blocks.push(Block::Heading(text(Label::ActionList, lang)));
    let mut grid = Grid::new([
        text(Label::Action, lang),
        text(Label::Title, lang),
        text(Label::Porteur, lang),
        text(Label::MainPriority, lang),
        text(Label::Status, lang),
        text(Label::NewOrRenewed, lang),
        text(Label::Cost, lang),
        text(Label::Funding, lang),
    ]);
    grid.right = vec![6, 7];
    for action in &a.counted {
        grid.push([
            action.id.value.clone(),
            action.title.value.clone(),
            action.porteur.value.clone(),
            action
                .main_priority()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            status_text(action.status, lang).to_owned(),
            match &action.renews {
                Some(earlier) => format!("{} ({})", Label::Renewed.text(lang), earlier.value),
                None => text(Label::New, lang),
            },
            action
                .cost
                .as_ref()
                .map_or_else(|| "—".to_owned(), |c| money(c.value, lang)),
            money(action.funding_total(), lang),
        ]);
    }
    blocks.push(Block::Table { grid, total: false });
    Section {
        id: "actions",
        heading: text(Label::SectionActions, lang),
        blocks,
    }
}

fn funding_chart(
    slug: &'static str,
    title: Label,
    lang: Language,
    categories: Vec<(String, Money)>,
) -> Block {
    Block::Chart(Chart {
        slug,
        scale: Scale::Money,
        chart: BarChart {
            id: slug.to_owned(),
            title: text(title, lang),
            axis_label: text(Label::AxisFunding, lang),
            series: vec![],
            categories: categories
                .into_iter()
                .map(|(label, amount)| Category {
                    label,
                    bars: vec![Bar {
                        value: amount.cents(),
                        text: money(amount, lang),
                    }],
                })
                .collect(),
            scale_end: None,
            unit: 100,
        },
    })
}

fn means(report: &Report, lang: Language) -> Section {
    let m = &report.means;
    let mut blocks = vec![
        funding_chart(
            "funding-by-pilier",
            Label::ChartFundingByPilier,
            lang,
            report
                .by_pilier
                .rows
                .iter()
                .map(|r| {
                    (
                        format!("{} {}", pilier_key(report, &r.key), r.title),
                        r.measures.funding,
                    )
                })
                .collect(),
        ),
        funding_chart(
            "funding-by-funder",
            Label::ChartFundingByFunder,
            lang,
            m.funders
                .iter()
                .map(|f| (f.name.clone(), f.funding))
                .collect(),
        ),
    ];

    blocks.push(Block::Heading(text(Label::FundingByFunderAndPilier, lang)));
    let mut headers = vec![text(Label::Funder, lang)];
    headers.extend(m.split.rows.iter().map(|(key, _)| pilier_key(report, key)));
    headers.push(text(Label::Total, lang));
    headers.push(text(Label::Share, lang));
    let mut grid = Grid::new(headers).numbers_from(1);
    for (j, funder) in m.funders.iter().enumerate() {
        let mut line = vec![funder.name.clone()];
        line.extend(
            m.split
                .rows
                .iter()
                .map(|(_, amounts)| money(amounts[j], lang)),
        );
        line.push(money(funder.funding, lang));
        line.push(percent_tenths(funder.share, lang));
        grid.push(line);
    }
    let mut total = vec![text(Label::Total, lang)];
    total.extend(
        report
            .by_pilier
            .rows
            .iter()
            .map(|r| money(r.measures.funding, lang)),
    );
    total.push(money(m.funding, lang));
    let whole = u64::try_from(m.funding.cents()).unwrap_or(0);
    total.push(percent_tenths(share(whole, whole), lang));
    grid.push(total);
    blocks.push(Block::Table { grid, total: true });

    let mut rows = vec![
        (Label::Funding, money(m.funding, lang)),
        (Label::TotalCost, money(m.cost, lang)),
    ];
    if let Some(state) = m.state {
        rows.push((Label::StateCredits, money(state, lang)));
        rows.push((Label::Leverage, hundredths(m.leverage, lang)));
    }
    blocks.push(figures(lang, report.year.to_string(), rows));
    Section {
        id: "means",
        heading: text(Label::SectionMeans, lang),
        blocks,
    }
}

fn covered_text(covered: usize, of: usize, share: Option<u64>, lang: Language) -> String {
    format!("{covered}/{of} ({})", percent_tenths(share, lang))
}

fn without_last_column(mut grid: Grid) -> Grid {
    if let Some(last) = grid.headers.len().checked_sub(1) {
        grid.headers.truncate(last);
        for row in &mut grid.rows {
            row.truncate(last);
        }
        grid.right.retain(|&i| i < last);
    }
    grid
}

fn coverage_section(report: &Report, lang: Language) -> Section {
    let chart = Block::Chart(Chart {
        slug: "coverage-by-orientation",
        scale: Scale::Percent,
        chart: BarChart {
            id: "coverage-by-orientation".to_owned(),
            title: text(Label::ChartCoverage, lang),
            axis_label: text(Label::AxisCovered, lang),
            series: vec![],
            categories: report
                .covered
                .iter()
                .map(|c| Category {
                    label: format!("{} {}", c.key, c.title),
                    bars: vec![Bar {
                        value: c.share.unwrap_or(0) as i64,
                        text: covered_text(c.covered, c.priorities, c.share, lang),
                    }],
                })
                .collect(),
            scale_end: Some(1000),
            unit: 10,
        },
    });
    let mut grid = Grid::new([
        level(Label::Orientation, report, lang),
        text(Label::Title, lang),
        text(Label::Covered, lang),
        text(Label::ShareCovered, lang),
    ])
    .numbers_from(2);
    for c in report.covered.iter().chain([&report.covered_total]) {
        let key = if c.key == "total" {
            text(Label::Total, lang)
        } else {
            c.key.clone()
        };
        grid.push([
            key,
            c.title.clone(),
            format!("{}/{}", c.covered, c.priorities),
            percent_tenths(c.share, lang),
        ]);
    }
    Section {
        id: "coverage",
        heading: text(Label::SectionCoverage, lang),
        blocks: vec![
            chart,
            Block::Table { grid, total: true },
            Block::Heading(level(Label::Priorities, report, lang)),
            Block::Table {
                // The priorities covered are in the table above: their
                // column, empty but on the total, would only crowd the page.
                grid: without_last_column(coverage::grid(&report.by_priority, lang, report.labels)),
                total: true,
            },
        ],
    }
}

fn gaps_section(report: &Report, lang: Language) -> Section {
    let g = &report.gaps;
    let mut blocks = Vec::new();
    if g.gaps.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::Text(text(Label::NoGap, lang))]));
    } else {
        let mut counts =
            Grid::new([text(Label::Gap, lang), text(Label::Count, lang)]).numbers_from(1);
        for &kind in crate::analysis::GapKind::ALL {
            let n = g.count(kind);
            if n > 0 {
                counts.push([
                    gaps::kind_text(kind, lang).to_owned(),
                    count(n as u64, lang),
                ]);
            }
        }
        counts.push([text(Label::Total, lang), count(g.gaps.len() as u64, lang)]);
        blocks.push(Block::Heading(text(Label::GapCounts, lang)));
        blocks.push(Block::Table {
            grid: counts,
            total: true,
        });
        blocks.push(Block::Table {
            grid: gaps::grid(g, lang),
            total: false,
        });
    }
    if !g.accepted.is_empty() {
        blocks.push(Block::Heading(text(Label::AcceptedGaps, lang)));
        blocks.push(Block::Table {
            grid: gaps::accepted_grid(g, lang),
            total: false,
        });
    }
    Section {
        id: "gaps",
        heading: text(Label::SectionGaps, lang),
        blocks,
    }
}

fn indicators(report: &Report, lang: Language) -> Section {
    let blocks = if report.indicators.is_empty() {
        vec![Block::Paragraph(vec![Span::Text(text(
            Label::NoIndicator,
            lang,
        ))])]
    } else {
        let mut grid = Grid::new([
            text(Label::Action, lang),
            text(Label::Title, lang),
            text(Label::Indicator, lang),
            text(Label::Target, lang),
            text(Label::Achieved, lang),
            text(Label::Unit, lang),
            text(Label::Result, lang),
        ]);
        grid.right = vec![3, 4];
        for line in &report.indicators {
            let i = line.indicator;
            grid.push([
                line.action.id.value.clone(),
                line.action.title.value.clone(),
                i.name.clone(),
                decimal(i.target, lang),
                i.actual
                    .map_or_else(|| "—".to_owned(), |a| decimal(a, lang)),
                i.unit.clone().unwrap_or_default(),
                match line.verdict {
                    Verdict::Met => Label::VerdictMet,
                    Verdict::Shortfall => Label::VerdictShortfall,
                    Verdict::Missing => Label::VerdictMissing,
                    Verdict::Pending => Label::VerdictPending,
                }
                .text(lang)
                .to_owned(),
            ]);
        }
        vec![Block::Table { grid, total: false }]
    };
    Section {
        id: "indicators",
        heading: text(Label::SectionIndicators, lang),
        blocks,
    }
}

fn comparison(report: &Report, lang: Language) -> Section {
    let c = &report.comparison;
    let (before, now) = (c.previous_year.to_string(), report.year.to_string());
    let mut grid = Grid::new([
        text(Label::Measure, lang),
        before.clone(),
        now.clone(),
        text(Label::Change, lang),
    ]);
    grid.right = vec![1, 2];
    for m in &c.measures {
        grid.push([
            measure_label(m).text(lang).to_owned(),
            value_text(m.previous, lang),
            value_text(m.current, lang),
            trend_text(m.trend, lang),
        ]);
    }
    let mut by_pilier = Grid::new([
        level(Label::Pilier, report, lang),
        text(Label::Title, lang),
        before.clone(),
        now.clone(),
        text(Label::Change, lang),
    ]);
    by_pilier.right = vec![2, 3];
    for row in &c.by_pilier {
        by_pilier.push([
            pilier_key(report, &row.key),
            row.title.clone(),
            money(row.previous, lang),
            money(row.current, lang),
            trend_text(row.trend, lang),
        ]);
    }
    let chart = Block::Chart(Chart {
        slug: "year-on-year",
        scale: Scale::Money,
        chart: BarChart {
            id: "year-on-year".to_owned(),
            title: format!("{} ({now}, {before})", Label::ChartYearOnYear.text(lang)),
            axis_label: text(Label::AxisFunding, lang),
            // This year first, in the dark shade; the year before hatched.
            series: vec![now, before],
            categories: c
                .by_pilier
                .iter()
                .map(|row| Category {
                    label: format!("{} {}", row.key, row.title),
                    bars: [row.current, row.previous]
                        .into_iter()
                        .map(|amount| Bar {
                            value: amount.cents(),
                            text: money(amount, lang),
                        })
                        .collect(),
                })
                .collect(),
            scale_end: None,
            unit: 100,
        },
    });
    Section {
        id: "comparison",
        heading: format!(
            "{} ({})",
            Label::SectionComparison.text(lang),
            c.previous_year
        ),
        blocks: [
            // A first year compares with nothing: say so rather than show
            // every figure rising from zero without a word.
            c.measures
                .iter()
                .any(|m| m.measure == Measure::Actions && m.previous == Value::Count(0))
                .then(|| Block::Paragraph(vec![Span::Text(text(Label::NoActionBefore, lang))])),
            Some(Block::Table { grid, total: false }),
            Some(Block::Heading(text(Label::FundingByPilierCompared, lang))),
            Some(Block::Table {
                grid: by_pilier,
                total: false,
            }),
            Some(chart),
        ]
        .into_iter()
        .flatten()
        .collect(),
    }
}
