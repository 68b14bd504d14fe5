//! A coverage report laid out: one table for a person, one tidy table for
//! CSV and XLSX, the analysis itself for JSON.

use crate::analysis::posts::PostFigures;
use crate::analysis::{Coverage, Dimension, Measures};
use crate::model::CodeKind;
use crate::output::{Block, Cell, Column, Doc, Kind, Table, Word, Words, versioned};
use crate::render::columns::Common;

/// The dimension's name as the contract says it.
pub fn dimension_label(by: Dimension, w: &Words) -> String {
    match by {
        Dimension::Level(d) => w.level_one(CodeKind::Level(d)),
        Dimension::Transversal => w.level_one(CodeKind::Transversal),
        Dimension::Quartier => w.s(Word::Quartier),
        Dimension::Commune => w.s(Word::Commune),
        Dimension::Funder => w.s(Word::Funder),
        Dimension::Public => w.s(Word::Public),
        Dimension::Porteur => w.s(Word::Porteur),
        Dimension::Theme => w.s(Word::Theme),
    }
}

fn plural_label(by: Dimension, w: &Words) -> String {
    match by {
        Dimension::Level(d) => w.level_many(CodeKind::Level(d)),
        Dimension::Transversal => w.level_many(CodeKind::Transversal),
        Dimension::Quartier => w.s(Word::Quartiers),
        Dimension::Commune => w.s(Word::Communes),
        Dimension::Funder => w.s(Word::Funder),
        Dimension::Public => w.s(Word::Publics),
        Dimension::Porteur => w.s(Word::Porteurs),
        Dimension::Theme => w.s(Word::Theme),
    }
}

/// Whether a column of titles is worth showing (publics and porteurs have none).
fn has_titles(by: Dimension) -> bool {
    !matches!(by, Dimension::Public | Dimension::Porteur)
}

fn key_kind(by: Dimension) -> Kind {
    match by {
        Dimension::Public | Dimension::Porteur => Kind::Text,
        _ => Kind::Code,
    }
}

/// The table a person reads: one row per item, a total, money in the
/// reader's language. With years, actions and funding year by year, then in all.
pub fn table(report: &Coverage, w: &Words) -> Table {
    let by = report.by;
    let mut columns = vec![Column::new("key", dimension_label(by, w), key_kind(by))];
    if has_titles(by) {
        columns.push(Common::Title.column(w));
    }
    let per_year = !report.total_per_year.is_empty();
    if per_year {
        for year in &report.years {
            columns.push(Column::new(
                format!("actions_{year}"),
                format!("{year} {}", w.get(Word::Actions)),
                Kind::Count,
            ));
            columns.push(Column::new(
                format!("funding_{year}"),
                format!("{year} {}", w.get(Word::Funding)),
                Kind::Money,
            ));
        }
        columns.push(Column::new(
            "actions",
            format!("{} {}", w.get(Word::Total), w.get(Word::Actions)),
            Kind::Count,
        ));
        columns.push(Column::new(
            "funding",
            format!("{} {}", w.get(Word::Total), w.get(Word::Funding)),
            Kind::Money,
        ));
    } else {
        columns.push(Common::Actions.column(w));
        if by.is_tree() {
            columns
                .push(Column::new("main_actions", w.s(Word::MainActions), Kind::Count).optional());
        }
        columns.push(Common::Funding.column(w));
        columns.push(Common::Cost.column(w));
        columns
            .push(Column::new("beneficiaries_planned", w.s(Word::Planned), Kind::Count).optional());
        columns
            .push(Column::new("beneficiaries_actual", w.s(Word::Actual), Kind::Count).optional());
    }
    // Entries above the deepest level say how many of the deepest have
    // actions (an orientation, its priorities); a priority row would only
    // say 1/1 or 0/1.
    let leaf = w.leaf();
    let covered = by.is_tree() && Dimension::Level(leaf.depth().unwrap_or(0) as u8) != by;
    if covered {
        columns.push(Column::new(
            "covered",
            w.with_action(&w.level_many(leaf)),
            Kind::Fraction,
        ));
    }
    let posts = report.total.posts.is_some_and(|p| p.posts > 0);
    if posts {
        // At 80 columns the count gives way, the money stays.
        columns.push(Column::new("posts", w.s(Word::Posts), Kind::Count).optional());
        columns.push(Column::new(
            "posts_amount",
            w.s(Word::PostsAmount),
            Kind::Money,
        ));
    }
    let cells = |m: &Measures, years: &[Measures]| -> Vec<Cell> {
        let mut cells = Vec::new();
        if per_year {
            for y in years {
                cells.push(Cell::count(y.actions));
                cells.push(Cell::Money(y.funding));
            }
            cells.push(Cell::count(m.actions));
            cells.push(Cell::Money(m.funding));
        } else {
            cells.push(Cell::count(m.actions));
            if by.is_tree() {
                cells.push(Cell::count(m.main_actions.unwrap_or(0)));
            }
            cells.push(Cell::Money(m.funding));
            cells.push(Cell::known(m.cost, Cell::Money));
            cells.push(Cell::stated(m.planned));
            cells.push(Cell::stated(m.actual));
        }
        if covered {
            cells.push(
                m.covered
                    .map_or(Cell::Empty, |(c, of)| Cell::Fraction(c as u64, of as u64)),
            );
        }
        if posts {
            cells.extend(post_cells(m.posts));
        }
        cells
    };
    let mut t = Table::new("coverage", columns);
    for row in &report.rows {
        let key = row.code.map_or_else(|| row.key.clone(), |c| w.code(c));
        // The row of actions without a theme says so, in words.
        let (key, row_title) =
            if by == Dimension::Theme && row.key == crate::analysis::coverage::NO_THEME {
                ("—".to_owned(), w.s(Word::NoTheme))
            } else {
                (key, row.title.clone())
            };
        let mut line = vec![Cell::Code(key)];
        if key_kind(by) == Kind::Text {
            line[0] = Cell::Text(row.key.clone());
        }
        if has_titles(by) {
            line.push(Cell::text(row_title));
        }
        line.extend(cells(&row.measures, &row.per_year));
        t.push(line);
    }
    let mut total = vec![Cell::text(w.s(Word::Total))];
    if has_titles(by) {
        total.push(Cell::Empty);
    }
    total.extend(cells(&report.total, &report.total_per_year));
    t.total = Some(total);
    if by.is_tree()
        && !covered
        && let Some((c, of)) = report.total.covered
    {
        t.note(format!(
            "{}{}{c}/{of} ({})",
            w.with_action(&w.level_many(leaf)),
            w.colon(),
            w.percent(crate::analysis::report::share(c as u64, of as u64))
        ));
    }
    if by.overlaps() {
        t.note(w.rows_overlap(&plural_label(by, w)));
    }
    if posts {
        t.note(w.s(Word::PostsApart));
    }
    for (column, text) in unknown_notes(&report.total, w) {
        t.note_on(column, text);
    }
    t
}

/// What a table's sums leave out, by column: the costs and counts no action
/// stated.
pub fn unknown_notes(total: &Measures, w: &Words) -> Vec<(&'static str, String)> {
    [
        ("cost", w.s(Word::Cost), total.cost.known, total.cost.of),
        (
            "beneficiaries_planned",
            w.s(Word::Planned),
            total.planned.known,
            total.planned.of,
        ),
        (
            "beneficiaries_actual",
            w.s(Word::Actual),
            total.actual.known,
            total.actual.of,
        ),
    ]
    .into_iter()
    // A count no action stated is a column of `—`: nothing to explain.
    .filter(|(_, _, known, of)| *known > 0 && known < of)
    .map(|(column, what, known, of)| (column, w.known_for(&what, known as u64, of as u64)))
    .collect()
}

/// The tidy table for machines: stable keys, plain values, one row per item
/// and no total row. With years, every measure again per year (`actions_2022`, …).
pub fn data(report: &Coverage) -> Table {
    let of = if report.declared {
        "entries"
    } else {
        "priorities"
    };
    let mut columns: Vec<Column> = [
        ("key", Kind::Code),
        ("title", Kind::Text),
        ("actions", Kind::Count),
        ("main_actions", Kind::Count),
        ("funding", Kind::Money),
        ("cost", Kind::Money),
        ("cost_known", Kind::Count),
        ("beneficiaries_planned", Kind::Count),
        ("beneficiaries_actual", Kind::Count),
        ("covered", Kind::Count),
        (of, Kind::Count),
    ]
    .into_iter()
    .map(|(key, kind)| Column::new(key, key, kind))
    .collect();
    let posts = report.total.posts.is_some_and(|p| p.posts > 0);
    if posts {
        columns.push(Column::new("posts", "posts", Kind::Count));
        columns.push(Column::new("posts_amount", "posts_amount", Kind::Money));
    }
    if !report.total_per_year.is_empty() {
        for year in &report.years {
            for (m, kind) in [
                ("actions", Kind::Count),
                ("main_actions", Kind::Count),
                ("funding", Kind::Money),
                ("cost", Kind::Money),
            ] {
                let key = format!("{m}_{year}");
                columns.push(Column::new(key.clone(), key, kind));
            }
        }
    }
    let measures = |m: &Measures| {
        vec![
            Cell::count(m.actions),
            m.main_actions.map_or(Cell::Empty, Cell::count),
            Cell::Money(m.funding),
            Cell::known(m.cost, Cell::Money),
        ]
    };
    let mut t = Table::new("coverage", columns);
    for row in &report.rows {
        let m = &row.measures;
        let mut line = vec![Cell::code(row.key.clone()), Cell::text(row.title.clone())];
        line.extend(measures(m));
        line.push(Cell::count(m.cost.known));
        line.push(Cell::stated(m.planned));
        line.push(Cell::stated(m.actual));
        line.push(m.covered.map_or(Cell::Empty, |(c, _)| Cell::count(c)));
        line.push(m.covered.map_or(Cell::Empty, |(_, of)| Cell::count(of)));
        if posts {
            line.extend(post_cells(m.posts));
        }
        for y in &row.per_year {
            line.extend(measures(y));
        }
        t.push(line);
    }
    t
}

/// The whole output of `contrat coverage`.
pub fn doc(report: &Coverage, w: &Words) -> Doc {
    Doc {
        blocks: vec![Block::Table(table(report, w))],
        data: vec![data(report)],
        json: Some(versioned(if report.declared { 2 } else { 1 }, report)),
        ..Doc::default()
    }
}

/// The posts and their amount in a row of a coverage table, empty where
/// the row counts no post.
fn post_cells(posts: Option<PostFigures>) -> [Cell; 2] {
    match posts {
        Some(p) => [Cell::count(p.posts), Cell::known(p.amount, Cell::Money)],
        None => [Cell::Empty, Cell::Empty],
    }
}
