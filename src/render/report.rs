//! The yearly report laid out once, as a [`Doc`] of sections, tables and
//! charts in the reader's words; the output pipeline writes it as Markdown,
//! as one self-contained HTML page, or as JSON (the analysis itself).
//!
//! Every figure comes from the [`Report`]; this module only picks words.

use crate::analysis::report::{
    Comparison, IndicatorLine, Measure, Report, Trend, Value, Verdict, share,
};
use crate::model::{Code, CodeKind, Money};
use crate::output::svg::{Bar, BarChart, Category};
use crate::output::{
    Block, Cell, Chart, Column, Doc, Image, Kind, Scale, Section, Span, Table, Word, Words,
    versioned,
};
use crate::render::columns::Common;
use crate::render::{
    actions, close_sections, contract_facts, coverage, decree, gaps, list, money_bar, report_front,
};

/// A pilier's key as the contract names it ("Axe 2" where piliers are axes).
fn pilier_key(report: &Report, key: &str, w: &Words) -> String {
    report
        .by_pilier
        .rows
        .iter()
        .find(|r| r.key == key)
        .and_then(|r| r.code)
        .map_or_else(|| key.to_owned(), |c| w.code(c))
}

pub(crate) fn value_cell(value: Value) -> Cell {
    match value {
        Value::Count(n) => Cell::count(n),
        Value::Money(m) => Cell::Money(m),
        Value::Covered(covered, of) => Cell::Fraction(covered as u64, of as u64),
        Value::AtLeast(m) => Cell::AtLeast(Box::new(Cell::Money(m))),
        Value::Unknown => Cell::Unknown,
    }
}

/// What a key figure is called, in the yearly report's comparison and the
/// mid-term evaluation alike.
pub(crate) fn measure_label(measure: Measure, w: &Words) -> String {
    match measure {
        Measure::Actions => w.s(Word::CountedActions),
        Measure::Porteurs => w.s(Word::Porteurs),
        Measure::Funding => w.s(Word::Funding),
        Measure::Cost => w.s(Word::TotalCost),
        Measure::StateFunding => w.s(Word::StateCredits),
        Measure::PrioritiesCovered => w.with_action(&w.level_many(w.leaf())),
        Measure::Posts => w.s(Word::Posts),
        Measure::PostsAmount => w.s(Word::PostsAmount),
    }
}

/// A two-column table of measures and their values.
fn figures(name: &str, w: &Words, heading: String, rows: Vec<(String, Cell)>) -> Block {
    let mut t = Table::new(
        name,
        vec![
            Common::Measure.column(w),
            Column::new("value", heading, Kind::Count),
        ],
    );
    for (label, value) in rows {
        t.push(vec![Cell::text(label), value]);
    }
    Block::Table(t)
}

/// A table of the year's money with, when some costs are not known, the
/// note that says how many are, and that the leverage counts only those.
fn with_cost_note(block: Block, report: &Report, w: &Words) -> Block {
    let cost = report.means.cost;
    match block {
        Block::Table(mut t) if cost.known < cost.of => {
            t.note(w.known_for(w.get(Word::Cost), cost.known as u64, cost.of as u64));
            if report.means.state.is_some() {
                t.note(w.leverage_over(cost.known as u64));
            }
            Block::Table(t)
        }
        other => other,
    }
}

/// `20/33 (60,6 %)`.
fn covered_text(covered: usize, of: usize, share: Option<u64>, w: &Words) -> String {
    format!("{covered}/{of} ({})", w.percent(share))
}

/// What the officer adds to the report beside the contract's data: a text
/// for the end (`--notes FILE`), texts to place in sections (`--notes
/// outlook=FILE`), a commentary on each quartier, and annexes (the opinions
/// of the conseils citoyens and municipaux).
#[derive(Clone, Debug, Default)]
pub struct Additions {
    pub notes: Option<String>,
    /// Section id and Markdown text.
    pub sections: Vec<(&'static str, String)>,
    /// Quartier key and Markdown text.
    pub commentary: Vec<(String, String)>,
    pub annexes: Vec<Annex>,
}

/// The sections a text may be placed in with `--notes SECTION=FILE`.
pub const NOTE_SECTIONS: [&str; 7] = [
    "situation",
    "territories",
    "means",
    "renewal",
    "dsu",
    "quartiers",
    "outlook",
];

/// An annex of the report, with its title.
#[derive(Clone, Debug)]
pub struct Annex {
    pub title: String,
    pub content: AnnexContent,
}

#[derive(Clone, Debug)]
pub enum AnnexContent {
    /// Markdown, laid out as the rest.
    Markdown(String),
    /// A PDF, joined to the HTML page and named elsewhere.
    Pdf { file: String, bytes: Vec<u8> },
}

/// The ids of the officer's annexes, after the annex of gaps (A).
const ANNEX_IDS: [&str; 8] = [
    "annex-b", "annex-c", "annex-d", "annex-e", "annex-f", "annex-g", "annex-h", "annex-i",
];

/// How many annexes a report may have besides its own.
pub const MAX_ANNEXES: usize = ANNEX_IDS.len();

/// The report laid out in the reader's words, with what the officer adds.
pub fn doc(report: &Report, w: &Words, additions: &Additions) -> Doc {
    let notes = additions.notes.as_deref();
    let year = report.year;
    let intro = vec![contract_facts(&report.contract, Vec::new(), w)];

    let d = &report.decree;
    let mut means = means(report, w);
    means.blocks.extend(decree::droit_commun(d, w));
    let mut sections = vec![
        synthesis(report, w),
        orientations(report, w),
        decree::situation(&d.situation, w, &additions.commentary),
        actions(report, w),
        decree::territories(d, w),
        means,
        coverage_section(report, w),
        gaps_section(report, w),
        decree::renewal(d, w),
        decree::dsu(d, w),
        quartiers(report, w),
        Section {
            id: "transversals",
            heading: w.section_transversal(),
            blocks: vec![Block::Table(coverage::table(&report.by_transversal, w))],
        },
        indicators(report, w),
        comparison(report, w),
    ];
    for (id, text) in &additions.sections {
        match sections.iter_mut().find(|s| s.id == *id) {
            Some(section) => section.blocks.push(Block::Notes(text.clone())),
            None => sections.push(Section {
                id: "outlook",
                heading: w.s(Word::SectionOutlook),
                blocks: vec![Block::Notes(text.clone())],
            }),
        }
    }
    close_sections(&mut sections, notes, w);
    let mut json = versioned(if report.tree.declared { 2 } else { 1 }, report);
    if let Some(map) = json.as_object_mut() {
        map.insert("notes".to_owned(), serde_json::json!(notes));
    }
    let mut annexes: Vec<Section> = gaps_annex(report, w).into_iter().collect();
    for (i, annex) in additions.annexes.iter().take(MAX_ANNEXES).enumerate() {
        let letter = char::from(b'B' + i as u8);
        let blocks = match &annex.content {
            AnnexContent::Markdown(text) => vec![Block::Notes(text.clone())],
            AnnexContent::Pdf { file, bytes } => vec![Block::Attachment {
                text: w.joined_file(file),
                file: file.clone(),
                media: "application/pdf",
                bytes: bytes.clone(),
            }],
        };
        annexes.push(Section {
            id: ANNEX_IDS[i],
            heading: w.annex(letter, &annex.title),
            blocks,
        });
    }
    Doc {
        title: Some(w.report_title(year)),
        subtitle: Some(report.contract.title.to_owned()),
        blocks: intro,
        sections,
        json: Some(json),
        data: Vec::new(),
        front: Some(report_front(&w.report_title(year), &report.contract, w)),
        annexes,
    }
}

/// What the command line says of the meeting: the council and its date (as
/// the words write it), the logo, and the pages a first print measured.
pub fn present(
    doc: &mut Doc,
    w: &Words,
    council: Option<&str>,
    date: Option<&str>,
    logo: Option<Image>,
    pages: Vec<(String, u32)>,
) {
    if let Some(front) = doc.front.as_mut() {
        front.presented = w.presented(council, date);
        front.logo = logo;
        front.pages = pages;
    }
}

/// The page after the contents: the counting rule, the key figures, the
/// most frequent gaps and the year against the one before, each figure as
/// the sections after give it.
fn synthesis(report: &Report, w: &Words) -> Section {
    let year = report.year;
    let mut blocks = vec![Block::Paragraph(vec![Span::Emphasis(w.counting_rule())])];
    blocks.push(Block::Heading(w.s(Word::KeyFigures)));
    // The key figures of the comparison and the mid-term evaluation, the
    // leverage after the State's credits, the coverage with its share.
    let covered = &report.covered_total;
    let mut key = Vec::new();
    for &(measure, value) in &report.key_figures {
        let cell = match measure {
            Measure::PrioritiesCovered => Cell::text(covered_text(
                covered.covered,
                covered.priorities,
                covered.share,
                w,
            )),
            _ => value_cell(value),
        };
        key.push((measure_label(measure, w), cell));
        if measure == Measure::StateFunding {
            key.push((
                w.s(Word::Leverage),
                report.means.leverage.map_or(Cell::Unknown, Cell::Ratio),
            ));
        }
    }
    blocks.push(with_cost_note(
        figures("key_figures", w, year.to_string(), key),
        report,
        w,
    ));
    if !report.frequent_gaps.is_empty() {
        blocks.push(Block::Heading(w.s(Word::FrequentGaps)));
        let counts = report
            .frequent_gaps
            .iter()
            .map(|&(kind, n)| ((kind, None), n));
        blocks.push(Block::Table(gaps::kind_count_table(
            "frequent_gaps",
            counts,
            w,
        )));
    }
    match &report.comparison {
        Some(c) => {
            blocks.push(Block::Heading(w.compared_with(c.previous_year)));
            blocks.push(Block::Table(measures_table(report, c, w)));
        }
        None => {
            blocks.push(Block::Heading(w.s(Word::SectionComparison)));
            blocks.push(Block::text(w.first_year(report.year)));
        }
    }
    Section {
        id: "synthesis",
        heading: w.s(Word::SectionSynthesis),
        blocks,
    }
}

/// The columns a comparison with the year before ends with: the values of
/// both years (of `kind`), the change in percent and its direction.
fn compared_columns(report: &Report, c: &Comparison, kind: Kind, w: &Words) -> [Column; 4] {
    [
        Column::new("previous", c.previous_year.to_string(), kind),
        Column::new("current", report.year.to_string(), kind),
        Column::new("change", w.s(Word::ChangePercent), Kind::Change),
        Common::Trend.column(w),
    ]
}

/// The cells under [`compared_columns`].
fn compared_cells(
    (previous, current): (Cell, Cell),
    change: Option<i64>,
    trend: Trend,
    w: &Words,
) -> [Cell; 4] {
    [
        previous,
        current,
        change.map_or(Cell::Unknown, Cell::Change),
        Cell::text(w.trend(trend)),
    ]
}

/// This year's measures against the year before's, with the change in
/// percent and its direction.
fn measures_table(report: &Report, c: &Comparison, w: &Words) -> Table {
    let mut columns = vec![Common::Measure.column(w)];
    columns.extend(compared_columns(report, c, Kind::Count, w));
    let mut t = Table::new("comparison", columns);
    for m in &c.measures {
        let mut row = vec![Cell::text(measure_label(m.measure, w))];
        let values = (value_cell(m.previous), value_cell(m.current));
        row.extend(compared_cells(values, m.change, m.trend, w));
        t.push(row);
    }
    t
}

/// Every gap, one by one: the annex the gaps section points to.
fn gaps_annex(report: &Report, w: &Words) -> Option<Section> {
    (!report.gaps.gaps.is_empty()).then(|| Section {
        id: "annex-gaps",
        heading: w.annex('A', w.get(Word::AnnexGaps)),
        blocks: vec![Block::Table(gaps::table(&report.gaps, w))],
    })
}

/// The quartiers: one table, or, where the contract declares its communes,
/// the communes first and then each commune's quartiers under its name.
fn quartiers(report: &Report, w: &Words) -> Section {
    let all = coverage::table(&report.by_quartier, w);
    let mut blocks = Vec::new();
    match &report.by_commune {
        Some(by_commune) => {
            blocks.push(Block::Table(coverage::table(by_commune, w)));
            for (commune, keys) in by_commune.rows.iter().zip(&report.commune_quartiers) {
                let mut t = Table::new("quartiers", all.columns.clone());
                for (row, cells) in report.by_quartier.rows.iter().zip(&all.rows) {
                    if keys.contains(&row.key) {
                        t.push(cells.clone());
                    }
                }
                if t.rows.is_empty() {
                    continue;
                }
                blocks.push(Block::Heading(format!(
                    "{} ({})",
                    commune.title, commune.key
                )));
                blocks.push(Block::Table(t));
            }
            // A quartier over two communes is under each: said once.
            if let Some(Block::Table(last)) = blocks.last_mut() {
                last.notes = all.notes.clone();
            }
        }
        None => blocks.push(Block::Table(all)),
    }
    Section {
        id: "quartiers",
        heading: w.s(Word::SectionQuartiers),
        blocks,
    }
}

/// The level above the deepest: orientations in a 2015–2023 contract; the
/// top level in a tree of one level.
fn branch(report: &Report) -> CodeKind {
    CodeKind::Level(report.tree.depth().saturating_sub(2) as u8)
}

/// Entries of the outline, of level `branch`: code, title and, unless they
/// are of the deepest level themselves, how many entries of it each has.
fn outline_table<'c>(
    branch: CodeKind,
    entries: impl IntoIterator<Item = (Code, &'c str, usize)>,
    w: &Words,
) -> Table {
    let leaf = w.leaf();
    let mut columns = vec![
        Column::new("code", w.level_one(branch), Kind::Code),
        Common::Title.column(w),
    ];
    if leaf != branch {
        columns.push(Column::new("priorities", w.level_many(leaf), Kind::Count));
    }
    let mut t = Table::new("orientations", columns);
    for (code, title, priorities) in entries {
        let mut row = vec![Cell::code(w.code(code)), Cell::text(title)];
        if leaf != branch {
            row.push(Cell::count(priorities));
        }
        t.push(row);
    }
    t
}

fn orientations(report: &Report, w: &Words) -> Section {
    let mut blocks = Vec::new();
    let branch = branch(report);
    if branch == CodeKind::Level(0) {
        // No level between the top and the deepest: one table of the top.
        let tops = report
            .outline
            .iter()
            .map(|p| (p.code, p.title, p.priorities));
        blocks.push(Block::Table(outline_table(branch, tops, w)));
    }
    for pilier in report.outline.iter().filter(|p| !p.orientations.is_empty()) {
        blocks.push(Block::Heading(format!(
            "{} — {}",
            w.code(pilier.code),
            pilier.title
        )));
        let entries = pilier
            .orientations
            .iter()
            .map(|o| (o.code, o.title, o.priorities));
        blocks.push(Block::Table(outline_table(branch, entries, w)));
    }
    if !report.transversals.is_empty() {
        blocks.push(Block::Heading(w.level_many(CodeKind::Transversal)));
        let entries = report
            .transversals
            .iter()
            .map(|&(code, title)| (code, title));
        blocks.push(Block::Table(list::code_title_table(
            "transversals",
            entries,
            w,
        )));
    }
    Section {
        id: "orientations",
        heading: w.section_of(branch),
        blocks,
    }
}

fn actions(report: &Report, w: &Words) -> Section {
    let a = &report.actions;
    let mut blocks = vec![figures(
        "actions",
        w,
        report.year.to_string(),
        vec![
            (w.s(Word::CountedActions), Cell::count(a.counted.len())),
            (w.s(Word::NewActions), Cell::count(a.new)),
            (w.s(Word::RenewedActions), Cell::count(a.renewed)),
            (w.s(Word::Porteurs), Cell::count(a.porteurs.len())),
        ],
    )];

    blocks.push(Block::Heading(w.s(Word::ActionsByStatus)));
    let mut t = Table::new(
        "statuses",
        vec![
            Column::new("status", w.s(Word::Status), Kind::Text),
            Common::Actions.column(w),
        ],
    );
    for (status, n) in &a.statuses {
        t.push(vec![Cell::text(w.status(*status)), Cell::count(*n)]);
    }
    t.total = Some(vec![Cell::text(w.s(Word::Total)), Cell::count(a.all())]);
    blocks.push(Block::Table(t));

    if a.counted.is_empty() {
        blocks.push(Block::text(w.s(Word::NoAction)));
        return Section {
            id: "actions",
            heading: w.s(Word::SectionActions),
            blocks,
        };
    }

    blocks.push(Block::Heading(w.s(Word::Porteurs)));
    let mut t = Table::new(
        "porteurs",
        Common::columns(
            w,
            [
                Common::Porteur,
                Common::Actions,
                Common::Funding,
                Common::Cost,
            ],
        ),
    );
    for row in &a.porteurs {
        t.push(vec![
            Cell::text(row.key.clone()),
            Cell::count(row.measures.actions),
            Cell::Money(row.measures.funding),
            Cell::known(row.measures.cost, Cell::Money),
        ]);
    }
    blocks.push(Block::Table(t));

    blocks.push(Block::Heading(w.s(Word::ActionList)));
    let middle = vec![
        Column::new("main_priority", w.main_entry(), Kind::Text),
        Common::Status.column(w),
        Column::new("renews", w.s(Word::NewOrRenewed), Kind::Text),
    ];
    let t = actions::listed("counted", &a.counted, middle, w, |action| {
        vec![
            action
                .main()
                .map_or(Cell::Empty, |c| Cell::text(code_and_title(report, c, w))),
            Cell::code(w.status(action.status)),
            Cell::text(match &action.renews {
                Some(earlier) => w.renewed(&earlier.value),
                None => w.s(Word::New),
            }),
        ]
    });
    blocks.push(Block::Table(t));
    Section {
        id: "actions",
        heading: w.s(Word::SectionActions),
        blocks,
    }
}

fn funding_chart(
    slug: &'static str,
    title: String,
    w: &Words,
    categories: Vec<(String, Money)>,
) -> Block {
    Block::Chart(Chart {
        slug: slug.to_owned(),
        scale: Scale::Money,
        chart: BarChart {
            id: slug.to_owned(),
            title,
            axis_label: w.s(Word::AxisFunding),
            series: vec![],
            categories: categories
                .into_iter()
                .map(|(label, amount)| Category {
                    label,
                    bars: vec![money_bar(amount, w)],
                })
                .collect(),
            scale_end: None,
            unit: 100,
        },
    })
}

fn means(report: &Report, w: &Words) -> Section {
    let m = &report.means;
    let piliers = w.level_one(CodeKind::Level(0));
    let mut blocks = vec![
        funding_chart(
            "funding-by-pilier",
            w.funding_by(&piliers),
            w,
            report
                .by_pilier
                .rows
                .iter()
                .map(|r| {
                    (
                        format!("{} {}", pilier_key(report, &r.key, w), r.title),
                        r.measures.funding,
                    )
                })
                .collect(),
        ),
        funding_chart(
            "funding-by-funder",
            w.s(Word::ChartFundingByFunder),
            w,
            m.funders
                .iter()
                .map(|f| (f.name.clone(), f.funding))
                .collect(),
        ),
    ];

    blocks.push(Block::Heading(w.funding_by_funder_and(&piliers)));
    let mut columns = vec![Common::Funder.column(w)];
    columns.extend(
        m.split
            .rows
            .iter()
            .map(|(key, _)| Column::new(key.clone(), pilier_key(report, key, w), Kind::Money)),
    );
    columns.push(Column::new("total", w.s(Word::Total), Kind::Money));
    columns.push(Column::new("share", w.s(Word::Share), Kind::Percent));
    let mut t = Table::new("funding_by_funder", columns);
    for (j, funder) in m.funders.iter().enumerate() {
        let mut line = vec![Cell::text(funder.name.clone())];
        line.extend(
            m.split
                .rows
                .iter()
                .map(|(_, amounts)| Cell::Money(amounts[j])),
        );
        line.push(Cell::Money(funder.funding));
        line.push(funder.share.map_or(Cell::Unknown, Cell::Percent));
        t.push(line);
    }
    let mut total = vec![Cell::text(w.s(Word::Total))];
    total.extend(
        report
            .by_pilier
            .rows
            .iter()
            .map(|r| Cell::Money(r.measures.funding)),
    );
    total.push(Cell::Money(m.funding));
    let whole = u64::try_from(m.funding.cents()).unwrap_or(0);
    total.push(share(whole, whole).map_or(Cell::Unknown, Cell::Percent));
    t.total = Some(total);
    blocks.push(Block::Table(t));

    let mut rows = vec![
        (w.s(Word::Funding), Cell::Money(m.funding)),
        (w.s(Word::TotalCost), Cell::known(m.cost, Cell::Money)),
    ];
    if let Some(state) = m.state {
        rows.push((w.s(Word::StateCredits), Cell::Money(state)));
        rows.push((
            w.s(Word::Leverage),
            m.leverage.map_or(Cell::Unknown, Cell::Ratio),
        ));
    }
    let table = figures("means", w, report.year.to_string(), rows);
    blocks.push(with_cost_note(table, report, w));
    // Posts are no actions: a table of their own, never in the funding above.
    if m.posts.posts > 0 {
        blocks.push(Block::Heading(w.s(Word::PostsHeading)));
        blocks.push(Block::Table(crate::render::posts::by_kind(
            &m.posts_by_kind,
            m.posts,
            w,
        )));
    }
    Section {
        id: "means",
        heading: w.s(Word::SectionMeans),
        blocks,
    }
}

fn coverage_section(report: &Report, w: &Words) -> Section {
    let priorities = w.level_many(w.leaf());
    let orientation = w.level_one(branch(report));
    let chart = Block::Chart(Chart {
        slug: "coverage-by-orientation".to_owned(),
        scale: Scale::Percent,
        chart: BarChart {
            id: "coverage-by-orientation".to_owned(),
            title: w.coverage_by(&priorities, &orientation),
            axis_label: w.s(Word::AxisCovered),
            series: vec![],
            categories: report
                .covered
                .iter()
                .map(|c| Category {
                    label: format!("{} {}", c.key, c.title),
                    bars: vec![Bar {
                        value: c.share.unwrap_or(0) as i64,
                        text: covered_text(c.covered, c.priorities, c.share, w),
                    }],
                })
                .collect(),
            scale_end: Some(1000),
            unit: 10,
        },
    });
    let mut t = Table::new(
        "covered",
        vec![
            Column::new("code", orientation.clone(), Kind::Code),
            Common::Title.column(w),
            Column::new("covered", w.with_action(&priorities), Kind::Fraction),
            Column::new("share", w.s(Word::ShareCovered), Kind::Percent),
        ],
    );
    let row = |c: &crate::analysis::report::CoveredShare| {
        vec![
            Cell::code(c.key.clone()),
            Cell::text(c.title.clone()),
            Cell::Fraction(c.covered as u64, c.priorities as u64),
            c.share.map_or(Cell::Unknown, Cell::Percent),
        ]
    };
    for c in &report.covered {
        t.push(row(c));
    }
    let mut total = row(&report.covered_total);
    total[0] = Cell::text(w.s(Word::Total));
    total[1] = Cell::Empty;
    t.total = Some(total);
    Section {
        id: "coverage",
        heading: w.s(Word::SectionCoverage),
        blocks: [chart, Block::Table(t)]
            .into_iter()
            .chain(priorities_by_orientation(report, w))
            .collect(),
    }
}

/// A code of the tree beside its title cut short, as the coverage rows name it.
fn code_and_title(report: &Report, code: Code, w: &Words) -> String {
    let title = report
        .by_priority
        .rows
        .iter()
        .chain(&report.by_orientation.rows)
        .chain(&report.by_pilier.rows)
        .find(|r| r.code == Some(code))
        .map_or("", |r| r.title.as_str());
    w.code_and_title(&w.code(code), title)
}

/// The coverage of the priorities, one table per orientation under its
/// code and title, each priority without action marked so.
fn priorities_by_orientation(report: &Report, w: &Words) -> Vec<Block> {
    let full = coverage::table(&report.by_priority, w);
    let mut columns = full.columns.clone();
    columns.push(Column::new("remark", w.s(Word::Remark), Kind::Text));
    let mut blocks = Vec::new();
    // Grouped by the level above the deepest; by the top where that is it.
    let mut groups: Vec<(Code, &str, &[Code])> = report
        .outline
        .iter()
        .flat_map(|p| &p.orientations)
        .map(|o| (o.code, o.title, o.leaves.as_slice()))
        .collect();
    let all: Vec<Code> = report
        .by_priority
        .rows
        .iter()
        .filter_map(|r| r.code)
        .collect();
    if groups.is_empty() && report.tree.depth() > 1 {
        groups = report
            .outline
            .iter()
            .map(|p| (p.code, p.title, p.leaves.as_slice()))
            .collect();
    }
    // A tree of one level: one table, under no heading.
    let flat = groups.is_empty();
    if let (true, Some(&first)) = (flat, all.first()) {
        groups.push((first, "", all.as_slice()));
    }
    for (code, title, leaves) in groups {
        let mut t = Table::new("coverage", columns.clone());
        for (row, cells) in report.by_priority.rows.iter().zip(&full.rows) {
            if !row.code.is_some_and(|c| leaves.contains(&c)) {
                continue;
            }
            let mut cells = cells.clone();
            cells.push(if row.measures.actions == 0 {
                Cell::text(w.s(Word::NoActionMark))
            } else {
                Cell::Empty
            });
            t.push(cells);
        }
        if t.rows.is_empty() {
            continue;
        }
        if !flat {
            blocks.push(Block::Heading(format!("{} — {title}", w.code(code))));
        }
        blocks.push(Block::Table(t));
    }
    // What the sums leave out holds for every table: said once, under the last.
    if let Some(Block::Table(last)) = blocks.last_mut() {
        last.notes = full.notes.clone();
    }
    blocks
}

fn gaps_section(report: &Report, w: &Words) -> Section {
    let g = &report.gaps;
    let mut blocks = Vec::new();
    if g.gaps.is_empty() {
        blocks.push(Block::text(w.s(Word::NoGap)));
    } else {
        blocks.push(Block::Heading(w.s(Word::GapCounts)));
        blocks.push(Block::Table(gaps::counts_table(g, w)));
        blocks.push(Block::text(w.s(Word::GapsInAnnex)));
    }
    if !g.accepted.is_empty() {
        blocks.push(Block::Heading(w.s(Word::AcceptedGaps)));
        blocks.push(Block::Table(gaps::accepted_table(g, w)));
    }
    Section {
        id: "gaps",
        heading: w.s(Word::SectionGaps),
        blocks,
    }
}

/// The word of a verdict on an indicator.
pub(crate) fn verdict_word(verdict: Verdict) -> Word {
    match verdict {
        Verdict::Met => Word::VerdictMet,
        Verdict::Shortfall => Word::VerdictShortfall,
        Verdict::Missing => Word::VerdictMissing,
        Verdict::Pending => Word::VerdictPending,
    }
}

/// A table of indicator lines (the year's, and the mid-term's year by
/// year): the `lead` columns that place a line, then what it found.
pub(crate) fn indicator_table(lead: Vec<Column>, w: &Words) -> Table {
    let mut columns = lead;
    columns.extend([
        Column::new("target", w.s(Word::Target), Kind::Decimal),
        Column::new("actual", w.s(Word::Achieved), Kind::Decimal),
        Column::new("unit", w.s(Word::Unit), Kind::Text),
        Common::Result.column(w),
    ]);
    Table::new("indicators", columns)
}

/// A row of an [`indicator_table`]: the `lead` cells, then what the line
/// found.
pub(crate) fn indicator_row(lead: Vec<Cell>, line: &IndicatorLine, w: &Words) -> Vec<Cell> {
    let i = line.indicator;
    let mut row = lead;
    row.extend([
        Cell::Decimal(i.target),
        i.actual.map_or(Cell::Unknown, Cell::Decimal),
        Cell::text(i.unit.clone().unwrap_or_default()),
        Cell::text(w.s(verdict_word(line.verdict))),
    ]);
    row
}

fn indicators(report: &Report, w: &Words) -> Section {
    let blocks = if report.indicators.is_empty() {
        vec![Block::text(w.s(Word::NoIndicator))]
    } else {
        let lead = Common::columns(w, [Common::Action, Common::Title, Common::Indicator]);
        let mut t = indicator_table(lead, w);
        for line in &report.indicators {
            let lead = vec![
                Cell::code(line.action.id.value.clone()),
                Cell::text(line.action.title.value.clone()),
                Cell::text(line.indicator.name.clone()),
            ];
            t.push(indicator_row(lead, line, w));
        }
        vec![Block::Table(t)]
    };
    Section {
        id: "indicators",
        heading: w.s(Word::SectionIndicators),
        blocks,
    }
}

fn comparison(report: &Report, w: &Words) -> Section {
    // The contract's first year compares with nothing: said, not shown as
    // every figure rising from a year outside the contract.
    let Some(c) = &report.comparison else {
        return Section {
            id: "comparison",
            heading: w.s(Word::SectionComparison),
            blocks: vec![Block::text(w.first_year(report.year))],
        };
    };
    let (before, now) = (c.previous_year.to_string(), report.year.to_string());
    let t = measures_table(report, c, w);
    let piliers = w.level_one(CodeKind::Level(0));
    let mut columns = vec![
        Column::new("pilier", piliers.clone(), Kind::Code),
        Common::Title.column(w),
    ];
    columns.extend(compared_columns(report, c, Kind::Money, w));
    let mut by_pilier = Table::new("comparison_by_pilier", columns);
    for row in &c.by_pilier {
        let mut line = vec![
            Cell::code(pilier_key(report, &row.key, w)),
            Cell::text(row.title.clone()),
        ];
        let values = (Cell::Money(row.previous), Cell::Money(row.current));
        line.extend(compared_cells(values, row.change, row.trend, w));
        by_pilier.push(line);
    }
    let chart = Block::Chart(Chart {
        slug: "year-on-year".to_owned(),
        scale: Scale::Money,
        chart: BarChart {
            id: "year-on-year".to_owned(),
            title: w.year_on_year(&piliers, report.year, c.previous_year),
            axis_label: w.s(Word::AxisFunding),
            // This year first, in the dark shade; the year before hatched.
            series: vec![now, before],
            categories: c
                .by_pilier
                .iter()
                .map(|row| Category {
                    label: format!("{} {}", pilier_key(report, &row.key, w), row.title),
                    bars: [row.current, row.previous]
                        .into_iter()
                        .map(|amount| money_bar(amount, w))
                        .collect(),
                })
                .collect(),
            scale_end: None,
            unit: 100,
        },
    });
    Section {
        id: "comparison",
        heading: w.compared_with(c.previous_year),
        blocks: [
            // A first year compares with nothing: say so rather than show
            // every figure rising from zero without a word.
            c.measures
                .iter()
                .any(|m| m.measure == Measure::Actions && m.previous == Value::Count(0))
                .then(|| Block::text(w.s(Word::NoActionBefore))),
            Some(Block::Table(t)),
            Some(Block::Heading(w.funding_by(&piliers))),
            Some(Block::Table(by_pilier)),
            Some(chart),
        ]
        .into_iter()
        .flatten()
        .collect(),
    }
}
