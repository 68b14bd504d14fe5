//! Tables read at any width (issue 11): at 80 and 100 columns, every table of
//! `coverage`, `coverage --by funder`, `gaps`, `actions`, `list` and `show` on
//! the example wraps only text, between words; a number, an amount or a code
//! stays whole on one line; and `coverage --year 2023` takes at most four
//! lines per priority at 100 columns.

use std::path::Path;
use std::process::Command;

use contrat::analysis::{self, Dimension, FilterSpec, Years};
use contrat::check::{self, Options};
use contrat::load::{self, Loaded};
use contrat::model::Language;
use contrat::output::terminal::fit;
use contrat::output::{Block, Doc, Kind, Words};
use contrat::render;

fn example() -> Loaded {
    let mut loaded =
        load::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/montauban-2023")).unwrap();
    check::run(&mut loaded, Options::default());
    assert!(!loaded.diagnostics.has_errors());
    loaded
}

/// The documents of the commands named above, in both languages.
fn documents(loaded: &Loaded) -> Vec<(String, Doc, Language)> {
    let c = &loaded.contract;
    let year = FilterSpec {
        years: Some(Years::parse("2023").unwrap()),
        ..FilterSpec::default()
    }
    .resolve(c)
    .unwrap();
    let mut out = Vec::new();
    for lang in [Language::Fr, Language::En] {
        let w = Words::new(lang, &c.tree);
        for by in [Dimension::Level(2), Dimension::Funder, Dimension::Quartier] {
            let report = analysis::coverage(c, &year, by, false);
            out.push((
                format!("coverage --by {}", by.name(&c.tree)),
                render::coverage::doc(&report, &w),
                lang,
            ));
        }
        out.push((
            "gaps".into(),
            render::gaps::doc(&analysis::gaps(c, &year), &w),
            lang,
        ));
        let actions: Vec<_> = c.actions.iter().filter(|a| *a.year == 2023).collect();
        out.push((
            "actions".into(),
            render::actions::doc(c, &actions, &w),
            lang,
        ));
        out.push(("list".into(), render::list::doc(c, &w), lang));
        for target in [
            render::show::Target::Node(c.node(crate::support::code("P 1.2.3")).unwrap()),
            render::show::Target::Action(c.action("2023-006").unwrap()),
            render::show::Target::Quartier(c.find_quartier("QP082002").unwrap()),
        ] {
            out.push(("show".into(), render::show::doc(c, &target, &w), lang));
        }
    }
    out
}

fn tables(doc: &Doc) -> impl Iterator<Item = &contrat::output::Table> {
    doc.blocks.iter().filter_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    })
}

/// The words of a text, whatever its spacing.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[test]
fn no_cell_breaks_inside_a_word_a_code_or_a_number() {
    let loaded = example();
    let mut checked = 0;
    for (name, doc, lang) in documents(&loaded) {
        for table in tables(&doc) {
            for width in [80, 100] {
                let fitted = fit(table, lang, Some(width));
                for (row, cells) in fitted.table.all_rows().zip(&fitted.cells) {
                    for ((cell, column), shown) in row.iter().zip(&fitted.table.columns).zip(cells)
                    {
                        let whole = cell.display(lang);
                        if column.kind == Kind::Text {
                            // Wrapped between words only: the same words, in order.
                            assert_eq!(
                                words(shown),
                                words(&whole),
                                "{name} at {width}: `{}` broken inside a word",
                                column.key
                            );
                        } else {
                            assert!(
                                !shown.contains('\n'),
                                "{name} at {width}: {} `{whole}` on two lines",
                                column.key
                            );
                            assert_eq!(shown, &whole, "{name} at {width}");
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    // The example's gaps of 2023 are 42 since its funding plans balance
    // (issue 13): fewer rows than the 70 of before.
    assert!(checked > 3_500, "{checked} cells checked");
}

#[test]
fn every_line_fits_the_terminal() {
    for width in ["80", "100"] {
        for args in [
            vec!["coverage", "--year", "2023"],
            vec!["coverage", "--year", "2023", "--by", "funder"],
            vec!["gaps", "--year", "2023"],
            vec!["actions", "--year", "2023"],
            vec!["list"],
            vec!["show", "P 1.2.3"],
        ] {
            let text = run(width, &args);
            let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            let limit: usize = width.parse().unwrap();
            assert!(
                widest <= limit,
                "{args:?} at {width}: a line of {widest} columns"
            );
        }
    }
}

fn run(columns: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_contrat"))
        .arg("--contract")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/montauban-2023"))
        .args(args)
        .env("COLUMNS", columns)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn coverage_takes_at_most_four_lines_per_priority_at_100_columns() {
    let text = run("100", &["coverage", "--year", "2023"]);
    let priorities = 33;
    let lines = text.lines().count();
    assert!(
        lines <= 4 * priorities,
        "{lines} lines for {priorities} priorities:\n{text}"
    );
    // Piped without COLUMNS, nothing is fitted: one line per row.
    let out = Command::new(env!("CARGO_BIN_EXE_contrat"))
        .args([
            "--contract",
            "examples/montauban-2023",
            "coverage",
            "--year",
            "2023",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("COLUMNS")
        .output()
        .unwrap();
    let piped = String::from_utf8(out.stdout).unwrap();
    // Every row on one line: no line carries on a cell of the line above.
    assert_eq!(
        piped.lines().filter(|l| l.starts_with("P ")).count(),
        priorities
    );
    assert!(!piped.lines().any(|l| l.starts_with(' ')), "{piped}");
}
