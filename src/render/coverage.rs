//! Coverage reports as grids (table, CSV, Markdown) and JSON.

use serde::Serialize;

use crate::analysis::{Coverage, Dimension, Measures};
use crate::model::{Labels, Language, Money};
use crate::render::format::{count, money, plain_money};
use crate::render::labels::Label;
use crate::render::table::Grid;

fn dimension_label(by: Dimension) -> Label {
    match by {
        Dimension::Priority => Label::Priority,
        Dimension::Orientation => Label::Orientation,
        Dimension::Pilier => Label::Pilier,
        Dimension::Transversal => Label::Transversal,
        Dimension::Quartier => Label::Quartier,
        Dimension::Funder => Label::Funder,
        Dimension::Public => Label::Public,
        Dimension::Porteur => Label::Porteur,
    }
}

/// Whether a column of titles is worth showing (publics and porteurs have none).
fn has_titles(by: Dimension) -> bool {
    !matches!(by, Dimension::Public | Dimension::Porteur)
}

fn optional(n: Option<u64>, lang: Language) -> String {
    n.map_or_else(|| "—".to_owned(), |n| count(n, lang))
}

/// The grid a person reads: labels and money in `lang`, one row per item and
/// a total. With years, actions and funding year by year, then in all.
pub fn grid(report: &Coverage, lang: Language, labels: &Labels) -> Grid {
    let by = report.by;
    let mut headers: Vec<String> = vec![dimension_label(by).in_contract(lang, labels)];
    if has_titles(by) {
        headers.push(Label::Title.text(lang).to_owned());
    }
    let per_year = !report.total_per_year.is_empty();
    if per_year {
        for year in &report.years {
            headers.push(format!("{year} {}", Label::Actions.text(lang)));
            headers.push(format!("{year} {}", Label::Funding.text(lang)));
        }
        headers.push(format!(
            "{} {}",
            Label::Total.text(lang),
            Label::Actions.text(lang)
        ));
        headers.push(format!(
            "{} {}",
            Label::Total.text(lang),
            Label::Funding.text(lang)
        ));
    } else {
        headers.push(Label::Actions.text(lang).to_owned());
        if by.is_tree() {
            headers.push(Label::MainActions.text(lang).to_owned());
        }
        headers.extend(
            [Label::Funding, Label::Cost, Label::Planned, Label::Actual]
                .iter()
                .map(|l| l.text(lang).to_owned()),
        );
    }
    // Tree reports end with the priorities covered: per orientation or pilier,
    // and for the whole selection on the total row.
    let covered_column = by.is_tree();
    if covered_column {
        headers.push(Label::Covered.text(lang).to_owned());
    }
    let mut grid = Grid::new(headers).numbers_from(if has_titles(by) { 2 } else { 1 });

    let cells = |m: &Measures, years: &[Measures]| -> Vec<String> {
        let mut cells = Vec::new();
        if per_year {
            for y in years {
                cells.push(count(y.actions as u64, lang));
                cells.push(money(y.funding, lang));
            }
            cells.push(count(m.actions as u64, lang));
            cells.push(money(m.funding, lang));
        } else {
            cells.push(count(m.actions as u64, lang));
            if by.is_tree() {
                cells.push(count(m.main_actions.unwrap_or(0) as u64, lang));
            }
            cells.push(money(m.funding, lang));
            cells.push(money(m.cost, lang));
            cells.push(optional(m.planned, lang));
            cells.push(optional(m.actual, lang));
        }
        if covered_column {
            cells.push(
                m.covered
                    .map_or_else(String::new, |(c, of)| format!("{c}/{of}")),
            );
        }
        cells
    };
    for row in &report.rows {
        let key = row.code.map_or_else(|| row.key.clone(), |c| labels.code(c));
        let mut line = vec![key];
        if has_titles(by) {
            line.push(row.title.clone());
        }
        line.extend(cells(&row.measures, &row.per_year));
        grid.push(line);
    }
    let mut total = vec![Label::Total.text(lang).to_owned()];
    if has_titles(by) {
        total.push(String::new());
    }
    total.extend(cells(&report.total, &report.total_per_year));
    grid.push(total);
    grid
}

/// The tidy grid for machines: English snake_case headers, plain numbers,
/// money as `12500.00`, one row per item and no total row. With years, every
/// measure again per year (`actions_2022`, …).
pub fn csv_grid(report: &Coverage) -> Grid {
    let mut headers: Vec<String> = ["key", "title", "actions", "main_actions", "funding", "cost"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    headers.extend(
        [
            "beneficiaries_planned",
            "beneficiaries_actual",
            "covered",
            "priorities",
        ]
        .map(str::to_owned),
    );
    for year in &report.years {
        if !report.total_per_year.is_empty() {
            for m in ["actions", "main_actions", "funding", "cost"] {
                headers.push(format!("{m}_{year}"));
            }
        }
    }
    let mut grid = Grid::new(headers);
    let measures = |m: &Measures| -> Vec<String> {
        vec![
            m.actions.to_string(),
            m.main_actions.map(|n| n.to_string()).unwrap_or_default(),
            plain_money(m.funding),
            plain_money(m.cost),
        ]
    };
    for row in &report.rows {
        let m = &row.measures;
        let mut line = vec![row.key.clone(), row.title.clone()];
        line.extend(measures(m));
        line.push(m.planned.map(|n| n.to_string()).unwrap_or_default());
        line.push(m.actual.map(|n| n.to_string()).unwrap_or_default());
        line.push(m.covered.map(|(c, _)| c.to_string()).unwrap_or_default());
        line.push(m.covered.map(|(_, of)| of.to_string()).unwrap_or_default());
        for y in &row.per_year {
            line.extend(measures(y));
        }
        grid.push(line);
    }
    grid
}

/// The figures of a row in JSON.
#[derive(Serialize)]
pub(crate) struct JsonMeasures {
    actions: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    main_actions: Option<usize>,
    funding: Money,
    cost: Money,
    beneficiaries_planned: Option<u64>,
    beneficiaries_actual: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    covered: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    priorities: Option<usize>,
}

impl From<&Measures> for JsonMeasures {
    fn from(m: &Measures) -> JsonMeasures {
        JsonMeasures {
            actions: m.actions,
            main_actions: m.main_actions,
            funding: m.funding,
            cost: m.cost,
            beneficiaries_planned: m.planned,
            beneficiaries_actual: m.actual,
            covered: m.covered.map(|(c, _)| c),
            priorities: m.covered.map(|(_, of)| of),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct JsonYear {
    year: u16,
    #[serde(flatten)]
    measures: JsonMeasures,
}

#[derive(Serialize)]
pub(crate) struct JsonRow<'a> {
    key: &'a str,
    title: &'a str,
    #[serde(flatten)]
    measures: JsonMeasures,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    per_year: Vec<JsonYear>,
}

/// A coverage report in JSON; without `version` when it sits inside another
/// document (the yearly report).
#[derive(Serialize)]
pub(crate) struct JsonCoverage<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<u32>,
    by: &'static str,
    years: &'a [u16],
    rows: Vec<JsonRow<'a>>,
    total: JsonRow<'a>,
}

fn years_of(years: &[u16], measures: &[Measures]) -> Vec<JsonYear> {
    years
        .iter()
        .zip(measures)
        .map(|(&year, m)| JsonYear {
            year,
            measures: m.into(),
        })
        .collect()
}

/// The documented JSON document of a coverage report.
pub fn json(report: &Coverage) -> String {
    crate::render::json(&document(report, Some(1)))
}

/// The JSON value of a coverage report, with `version` when it stands alone.
pub(crate) fn document(report: &Coverage, version: Option<u32>) -> JsonCoverage<'_> {
    JsonCoverage {
        version,
        by: report.by.name(),
        years: &report.years,
        rows: report
            .rows
            .iter()
            .map(|row| JsonRow {
                key: &row.key,
                title: &row.title,
                measures: (&row.measures).into(),
                per_year: years_of(&report.years, &row.per_year),
            })
            .collect(),
        total: JsonRow {
            key: "total",
            title: "",
            measures: (&report.total).into(),
            per_year: years_of(&report.years, &report.total_per_year),
        },
    }
}
