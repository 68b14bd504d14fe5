//! The mid-term evaluation, `contrat report --period 2024..2026`, on the two
//! 2024–2030 examples whose programmations run from 2024 to 2026.
//!
//! The yearly figures below are those of the independent reader of the same
//! files, `python3 tests/oracle/trees.py FOLDER YEAR` (Python's tomllib,
//! nothing of this crate), run for 2024, 2025 and 2026 and quoted by hand;
//! each change in percent is worked out by hand from them: (last − first)
//! / first, in tenths of a percent rounded half away from zero.
//!
//! The changes to the contract's text are checked in temporary git
//! repositories whose commits carry dates set by the test.

// Amounts in cents are written euros_cents: `128000_00`.
#![allow(clippy::inconsistent_digit_grouping)]

use std::path::Path;
use std::process::Output;

use contrat::analysis::midterm::{Evolution, Midterm, OverYears, TextChanges, Unavailable};
use contrat::analysis::report::{Measure, Trend, Value};
use contrat::analysis::{self, Dimension, Measures};
use contrat::model::{Contract, Period};
use serde_json::{Value as Json, json};

use crate::support::{contrat, contrat_here, eur, open, sandbox, stderr, stdout, years};

const PERIOD: Period = Period {
    from: 2024,
    to: 2026,
};

fn evaluation(contract: &Contract) -> Midterm<'_> {
    analysis::midterm::midterm(
        contract,
        PERIOD,
        TextChanges::Unavailable(Unavailable::NotInGit),
    )
}

/// One row's figures each year: (actions, funding voted, cost as far as
/// known: `None` when some action of that year states none).
type Years3 = [(usize, i64, Option<i64>); 3];

fn row_years(over: &OverYears, key: &str) -> Years3 {
    let row = over
        .coverage
        .rows
        .iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("no row {key}"));
    years_of(&row.per_year)
}

fn years_of(per_year: &[Measures]) -> Years3 {
    assert_eq!(per_year.len(), 3);
    std::array::from_fn(|i| {
        let m = &per_year[i];
        (
            m.actions,
            m.funding.cents(),
            m.cost.whole().map(|c| c.cents()),
        )
    })
}

/// A row's evolution as (trend, change) for actions, funding and cost.
type Moves = [(Trend, Option<i64>); 3];

fn moves(over: &OverYears, key: &str) -> Moves {
    let i = over
        .coverage
        .rows
        .iter()
        .position(|r| r.key == key)
        .unwrap();
    let e = &over.rows[i];
    [e.actions, e.funding, e.cost].map(|e: Evolution| (e.trend, e.change))
}

fn total_moves(over: &OverYears) -> Moves {
    let e = &over.total;
    [e.actions, e.funding, e.cost].map(|e: Evolution| (e.trend, e.change))
}

use Trend::{Down, Same, Unknown, Up};

#[test]
fn enjeux_2030_from_2024_to_2026() {
    let c = open("examples/enjeux-2030");
    let m = evaluation(&c);
    assert_eq!(m.years, [2024, 2025, 2026]);
    // Orientations (the level above the deepest), then objectifs.
    let [orientations, objectifs] = &m.levels[..] else {
        panic!("two levels")
    };
    assert_eq!(orientations.coverage.by, Dimension::Level(1));
    assert_eq!(objectifs.coverage.by, Dimension::Level(2));

    // O 1.1, by the oracle: 3 actions each year; 128 000, 118 000 and
    // 90 000 € voted; costs 134 000 and 125 000 €, then in 2026 one of its
    // three actions states no cost (74 000 € stated): unknown.
    assert_eq!(
        row_years(orientations, "O 1.1"),
        [
            (3, 128000_00, Some(134000_00)),
            (3, 118000_00, Some(125000_00)),
            (3, 90000_00, None),
        ]
    );
    // 90 000 / 128 000 − 1 = −29.6875 % → −29.7 %; an unknown cost has no trend.
    assert_eq!(
        moves(orientations, "O 1.1"),
        [(Same, Some(0)), (Down, Some(-297)), (Unknown, None)]
    );
    // O 2.2: 3, 3, 2 actions; 59 000, 51 000, 19 500 €; costs 63 000,
    // 55 000, 19 500 €. −33.3 %; 19 500 / 59 000 − 1 = −66.95 %;
    // 19 500 / 63 000 − 1 = −69.05 %.
    assert_eq!(
        row_years(orientations, "O 2.2"),
        [
            (3, 59000_00, Some(63000_00)),
            (3, 51000_00, Some(55000_00)),
            (2, 19500_00, Some(19500_00)),
        ]
    );
    assert_eq!(
        moves(orientations, "O 2.2"),
        [(Down, Some(-333)), (Down, Some(-669)), (Down, Some(-690))]
    );
    // O 2.1: 4, 4, 2 actions; 206 000 → 217 500 € (+5.58 %).
    assert_eq!(
        moves(orientations, "O 2.1"),
        [(Down, Some(-500)), (Up, Some(56)), (Up, Some(56))]
    );

    // Objectif 1.1.2: one action in 2024 (34 000 € voted and costed), none
    // in 2025 — 0 actions, 0 €, nothing to cost —, one in 2026 that states
    // 16 000 € voted and no cost: its cost stays unknown, never a zero.
    assert_eq!(
        row_years(objectifs, "1.1.2"),
        [
            (1, 34000_00, Some(34000_00)),
            (0, 0, Some(0)),
            (1, 16000_00, None),
        ]
    );
    // 16 000 / 34 000 − 1 = −52.94 %.
    assert_eq!(
        moves(objectifs, "1.1.2"),
        [(Same, Some(0)), (Down, Some(-529)), (Unknown, None)]
    );
    // Objectif 3.3.3: 1, 1, 0 actions; 9 500, 10 000, 0 €: −100 %.
    assert_eq!(
        moves(objectifs, "3.3.3"),
        [
            (Down, Some(-1000)),
            (Down, Some(-1000)),
            (Down, Some(-1000))
        ]
    );
    // Objectif 1.2.1: no action, then one naming it as secondary in 2026:
    // a rise from nothing has no percent.
    assert_eq!(
        moves(objectifs, "1.2.1"),
        [(Up, None), (Same, None), (Same, None)]
    );

    // The totals, by the oracle: 13, 14, 12 actions; 613 500, 622 000,
    // 555 000 €; costs known in 2025 only (642 000 €: 12 of 13 actions
    // state one in 2024, 11 of 12 in 2026). 12 / 13 − 1 = −7.69 %;
    // 555 000 / 613 500 − 1 = −9.54 %.
    assert_eq!(
        years_of(&orientations.coverage.total_per_year),
        [
            (13, 613500_00, None),
            (14, 622000_00, Some(642000_00)),
            (12, 555000_00, None),
        ]
    );
    assert_eq!(
        total_moves(orientations),
        [(Down, Some(-77)), (Down, Some(-95)), (Unknown, None)]
    );
    let stated: Vec<(i64, usize, usize)> = orientations
        .coverage
        .total_per_year
        .iter()
        .map(|y| (y.cost.sum.cents(), y.cost.known, y.cost.of))
        .collect();
    assert_eq!(
        stated,
        [
            (593500_00, 12, 13),
            (642000_00, 14, 14),
            (545000_00, 11, 12)
        ]
    );

    // Quartiers, by the oracle: Les Hauts de Brenne 6, 7, 7 actions and
    // 450 000, 497 000, 469 000 € (+16.7 %, +4.2 %); Le Bourg Neuf 2, 3, 4
    // and 75 000, 108 000, 119 000 € (+100 %, +58.7 %).
    let q = &m.quartiers;
    assert_eq!(
        [row_years(q, "QN03701A"), row_years(q, "QN03707G")].map(|y| y.map(|(a, f, _)| (a, f))),
        [
            [(6, 450000_00), (7, 497000_00), (7, 469000_00)],
            [(2, 75000_00), (3, 108000_00), (4, 119000_00)],
        ]
    );
    assert_eq!(
        [moves(q, "QN03701A"), moves(q, "QN03707G")].map(|m| [m[0], m[1]]),
        [
            [(Up, Some(167)), (Up, Some(42))],
            [(Up, Some(1000)), (Up, Some(587))],
        ]
    );
}

#[test]
fn thematiques_2030_from_2024_to_2026() {
    let c = open("examples/thematiques-2030");
    let m = evaluation(&c);
    // Four levels: objectifs (the level above the deepest), then mesures.
    let [objectifs, mesures] = &m.levels[..] else {
        panic!("two levels")
    };
    assert_eq!(objectifs.coverage.by, Dimension::Level(2));
    assert_eq!(mesures.coverage.by, Dimension::Level(3));

    // Objectif 2.2, by the oracle: one action in 2024 (8 000 € voted, no
    // cost stated), none in 2025 and 2026. Its cost is unknown in 2024 and
    // nothing in the years without action: no trend for the cost.
    assert_eq!(
        row_years(objectifs, "Objectif 2.2"),
        [(1, 8000_00, None), (0, 0, Some(0)), (0, 0, Some(0))]
    );
    assert_eq!(
        moves(objectifs, "Objectif 2.2"),
        [(Down, Some(-1000)), (Down, Some(-1000)), (Unknown, None)]
    );
    // Objectif 4.1: 1, 1, 2 actions; 22 000, 36 000, 60 000 € voted and
    // costed: 60 000 / 22 000 − 1 = +172.7 %.
    assert_eq!(
        row_years(objectifs, "Objectif 4.1"),
        [
            (1, 22000_00, Some(22000_00)),
            (1, 36000_00, Some(36000_00)),
            (2, 60000_00, Some(60000_00)),
        ]
    );
    assert_eq!(
        moves(objectifs, "Objectif 4.1"),
        [(Up, Some(1000)), (Up, Some(1727)), (Up, Some(1727))]
    );
    // Objectif 2.1: 2 actions each year; 71 000 → 68 000 € (−4.2 %); its
    // 2026 cost misses one action's (48 000 € stated).
    assert_eq!(
        moves(objectifs, "Objectif 2.1"),
        [(Same, Some(0)), (Down, Some(-42)), (Unknown, None)]
    );
    // Mesure 7.1.1: 110 000, 112 000, 115 000 € (+4.5 %).
    assert_eq!(
        row_years(mesures, "Mesure 7.1.1"),
        [
            (1, 110000_00, Some(110000_00)),
            (1, 112000_00, Some(112000_00)),
            (1, 115000_00, Some(115000_00)),
        ]
    );
    assert_eq!(moves(mesures, "Mesure 7.1.1")[1], (Up, Some(45)));

    // Totals: 13 actions each year; 466 000, 531 000, 496 500 € (+6.5 %);
    // every year one action of 13 states no cost.
    assert_eq!(
        years_of(&objectifs.coverage.total_per_year),
        [
            (13, 466000_00, None),
            (13, 531000_00, None),
            (13, 496500_00, None)
        ]
    );
    assert_eq!(
        total_moves(objectifs),
        [(Same, Some(0)), (Up, Some(65)), (Unknown, None)]
    );
    // QN07706F: 2, 3, 4 actions; 54 000 → 77 000 € (+42.6 %).
    let q = moves(&m.quartiers, "QN07706F");
    assert_eq!([q[0], q[1]], [(Up, Some(1000)), (Up, Some(426))]);
}

#[test]
fn each_year_is_counted_by_coverage_and_the_yearly_report() {
    for folder in ["examples/enjeux-2030", "examples/thematiques-2030"] {
        let c = open(folder);
        let m = evaluation(&c);
        let period = years(&c, "2024..2026");
        // The tables are `coverage --year 2024..2026 --per-year` by level
        // and by quartier: nothing counted again.
        let depth = c.tree.depth() as u8;
        for (over, level) in m.levels.iter().zip([depth - 2, depth - 1]) {
            assert_eq!(
                over.coverage,
                analysis::coverage(&c, &period, Dimension::Level(level), true)
            );
        }
        assert_eq!(
            m.quartiers.coverage,
            analysis::coverage(&c, &period, Dimension::Quartier, true)
        );
        // Each year's column is that year's own coverage.
        for (i, year) in [2024, 2025, 2026].into_iter().enumerate() {
            let one = analysis::coverage(
                &c,
                &years(&c, &year.to_string()),
                Dimension::Level(depth - 1),
                false,
            );
            for (row, alone) in m.levels[1].coverage.rows.iter().zip(&one.rows) {
                assert_eq!(row.per_year[i].actions, alone.measures.actions);
                assert_eq!(row.per_year[i].funding, alone.measures.funding);
                assert_eq!(row.per_year[i].cost, alone.measures.cost);
            }
            // The key figures are the yearly report's.
            let r = analysis::report(&c, year);
            let figure = |measure| {
                m.key_figures
                    .iter()
                    .find(|f| f.measure == measure)
                    .unwrap()
                    .values[i]
            };
            assert_eq!(
                figure(Measure::Actions),
                Value::Count(r.actions.counted.len())
            );
            assert_eq!(figure(Measure::Funding), Value::Money(r.means.funding));
            assert_eq!(
                figure(Measure::PrioritiesCovered),
                Value::Covered(r.covered_total.covered, r.covered_total.priorities)
            );
        }
    }
    // The key figures of enjeux-2030 by the oracle (tests/oracle/trees.py
    // examples/enjeux-2030 YEAR): 13, 14, 12 actions; 613 500, 622 000,
    // 555 000 €; a cost known in full in 2025 only, else the costs stated
    // (12 of 13 actions: 593 500 €; 11 of 12: 545 000 €); 5 posts a year,
    // for 83 328 €, 84 528 € and, one amount of 2026 not known, ≥ 78 564 €.
    let c = open("examples/enjeux-2030");
    let m = evaluation(&c);
    let values = |measure| {
        m.key_figures
            .iter()
            .find(|f| f.measure == measure)
            .unwrap()
            .values
            .clone()
    };
    assert_eq!(
        values(Measure::Funding),
        [613500_00, 622000_00, 555000_00].map(|c| Value::Money(eur(c)))
    );
    assert_eq!(
        values(Measure::Cost),
        [
            Value::AtLeast(eur(593500_00)),
            Value::Money(eur(642000_00)),
            Value::AtLeast(eur(545000_00))
        ]
    );
    assert_eq!(values(Measure::Posts), [5, 5, 5].map(Value::Count));
    assert_eq!(
        values(Measure::PostsAmount),
        [
            Value::Money(eur(83328_00)),
            Value::Money(eur(84528_00)),
            Value::AtLeast(eur(78564_00))
        ]
    );
}

/// `contrat --contract DIR report ARGS` in `dir`, which must succeed.
fn report(dir: &Path, folder: &str, args: &[&str]) -> String {
    let mut all = vec!["--contract", folder, "report"];
    all.extend(args);
    let out = contrat(dir, &all);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn the_document_in_both_languages_and_every_format() {
    let root = crate::support::root();
    let fr = report(root, "examples/enjeux-2030", &["--period", "2024..2026"]);
    assert!(fr.starts_with(
        "# Évaluation à mi-parcours 2024–2026\n\n**Contrat de ville Engagements Quartiers 2030 de Val de Brenne Métropole**\n"
    ));
    for line in [
        "## 1. Synthèse",
        "## 2. Les orientations année par année",
        "## 3. Les objectifs opérationnels année par année",
        "## 4. Les quartiers",
        "## 5. Les indicateurs",
        "## 6. Les changements du texte du contrat",
        "| Mesure | 2024 | 2025 | 2026 | Évolution 2024→2026 (%) | Changement |",
        "| Financements votés | 613\u{a0}500\u{a0}€ | 622\u{a0}000\u{a0}€ | 555\u{a0}000\u{a0}€ | -9,5\u{a0}% | ▼ baisse |",
        "| Coût total | ≥\u{a0}593\u{a0}500\u{a0}€ | 642\u{a0}000\u{a0}€ | ≥\u{a0}545\u{a0}000\u{a0}€ | — | — |",
        "| Montant des postes | 83\u{a0}328\u{a0}€ | 84\u{a0}528\u{a0}€ | ≥\u{a0}78\u{a0}564\u{a0}€ | — | — |",
        "| O 1.1 | Accompagner vers l'emploi les habitants qui en sont le plus éloignés | 134\u{a0}000\u{a0}€ | 125\u{a0}000\u{a0}€ | ≥\u{a0}74\u{a0}000\u{a0}€ | — | — |",
        "*Coût 2024\u{a0}: chiffre donné par 12 actions sur 13\u{a0}; ≥ marque une somme incomplète.*",
        // The objectifs' money leaves out the actions whose main entry is an orientation.
        "*L'argent des actions dont le rattachement principal est au-dessus des objectifs opérationnels ne compte dans aucune ligne, ni dans le total.*",
        "| parcours individualisés menés à terme | 2025 | 2025-007 | Programme de réussite éducative intercommunal | 250 | 231 | enfants | sous la cible |",
    ] {
        assert!(fr.contains(line), "missing {line:?} in\n{fr}");
    }
    let en = report(
        root,
        "examples/thematiques-2030",
        &["--period", "2024..2026", "--lang", "en"],
    );
    for line in [
        "# Mid-term evaluation 2024–2026",
        "## 2. The objectifs year by year",
        "## 3. The mesures year by year",
        "| Objectif 4.1 | Promouvoir la santé et l'accès aux soins | €22,000 | €36,000 | €60,000 | +172.7% | ▲ up |",
        "| Total |  | €466,000 | €531,000 | €496,500 | +6.5% | ▲ up |",
        "No indicator for the counted actions.",
    ] {
        assert!(en.contains(line), "missing {line:?} in\n{en}");
    }
    // A declared tree's own words only.
    for text in [&fr, &en] {
        let lower = text.to_lowercase();
        for word in ["pilier", "priorit"] {
            assert!(!lower.contains(word), "`{word}` in\n{text}");
        }
    }

    // JSON: version 1, levels by their keys, unknowns as null.
    let doc: Json = serde_json::from_str(&report(
        root,
        "examples/enjeux-2030",
        &["--period", "2024..2026", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["period"], json!({"from": 2024, "to": 2026}));
    assert_eq!(doc["levels"][0]["level"], "orientation");
    assert_eq!(doc["levels"][1]["level"], "objectif");
    let o11 = &doc["levels"][0]["rows"][0];
    assert_eq!(o11["key"], "O 1.1");
    assert_eq!(
        o11["change"],
        json!({
            "actions": {"change": 0.0, "trend": "same"},
            "funding": {"change": -29.7, "trend": "down"},
            "cost": {"change": null, "trend": "unknown"},
        })
    );
    assert_eq!(o11["years"][2]["cost_known"], 2);
    assert_eq!(
        doc["key_figures"][3],
        json!({"measure": "cost", "years": [{"at_least": 593500}, 642000, {"at_least": 545000}], "change": {"change": null, "trend": "unknown"}})
    );
    assert_eq!(doc["key_figures"][5]["measure"], "entries_covered");
    assert_eq!(doc["indicators"]["results"][1]["shortfall"], 1);
    assert_eq!(doc["notes"], Json::Null);

    // HTML, DOCX and Markdown with its chart, to files.
    let dir = tempfile::tempdir().unwrap();
    let enjeux = crate::support::repo("examples/enjeux-2030");
    for file in ["mi.html", "mi.docx", "mi.md"] {
        report(
            dir.path(),
            enjeux.to_str().unwrap(),
            &["--period", "2024..2026", "-o", file],
        );
    }
    let html = std::fs::read_to_string(dir.path().join("mi.html")).unwrap();
    assert!(html.contains("Évaluation à mi-parcours 2024–2026"));
    assert_eq!(html.matches("<svg ").count(), 1);
    assert!(dir.path().join("mi-funding-by-year.svg").is_file());
    assert!(
        std::fs::read(dir.path().join("mi.docx"))
            .unwrap()
            .starts_with(b"PK")
    );
}

#[test]
fn period_errors_are_usage_errors_that_say_what_to_write() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["--period", "2024-2026"],
            "error: invalid value `2024-2026` for --period: `2024-2026` is not a period: write `2024..2026` for the years from one to the other\n",
        ),
        (
            &["--period", "2022..2026"],
            "error: invalid value `2022..2026` for --period: the contract runs from 2024 to 2030\n",
        ),
        (
            &["--period", "2026..2024"],
            "error: invalid value `2026..2024` for --period: `2026..2024` ends before it begins: write `2024..2026`\n",
        ),
        (
            &["--period", "2025"],
            "error: invalid value `2025` for --period: `2025` is one year: a period runs from one year to a later one, as `2025..2027`; the report of one year is `--year 2025`\n",
        ),
        (
            &["--year", "2025", "--period", "2024..2026"],
            "error: the argument '--year <YEAR>' cannot be used with '--period <FROM..TO>'",
        ),
        (
            &[],
            "error: the following required arguments were not provided:\n  <--year <YEAR>|--period <FROM..TO>>",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["--contract", "examples/enjeux-2030", "report"];
        all.extend(args);
        let out = contrat_here(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).starts_with(message),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_first_year_report_compares_with_nothing() {
    // 2024 is the first year of enjeux-2030 (2024–2030): never compared
    // with 2023, a year outside the contract.
    let c = open("examples/enjeux-2030");
    let first = analysis::report(&c, 2024);
    assert_eq!(
        (first.previous_year, first.comparison.is_none()),
        (None, true)
    );
    let next = analysis::report(&c, 2025);
    assert_eq!(next.previous_year, Some(2024));
    assert_eq!(next.comparison.unwrap().previous_year, 2024);

    let root = crate::support::root();
    let md = report(root, "examples/enjeux-2030", &["--year", "2024"]);
    assert!(md.contains("2024 est la première année du contrat\u{a0}: il n'y a pas d'année précédente à laquelle la comparer."));
    assert!(!md.contains("2023"), "{md}");
    let doc: Json = serde_json::from_str(&report(
        root,
        "examples/enjeux-2030",
        &["--year", "2024", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(
        (&doc["previous_year"], &doc["comparison"]),
        (&Json::Null, &Json::Null)
    );
}

/// Runs git in `dir` with a fixed identity, no user configuration, and the
/// commit dated `date` (author and committer).
fn git_on(dir: &Path, date: &str, args: &[&str]) -> Output {
    let out = crate::support::git_command(dir, args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    out
}

fn commit_on(dir: &Path, date: &str, message: &str) -> String {
    git_on(dir, date, &["add", "-A"]);
    git_on(dir, date, &["commit", "-q", "-m", message]);
    String::from_utf8(git_on(dir, date, &["rev-parse", "HEAD"]).stdout)
        .unwrap()
        .trim()
        .to_owned()
}

/// Changes the title of an entry of enjeux-2030 in `file`.
fn retitle(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join("contract").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} in {file}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

/// The text-changes section of the evaluation of `TMP/contract`.
fn changes_section(dir: &Path, lang: &str) -> (String, Json) {
    let md = report(dir, "contract", &["--period", "2024..2026", "--lang", lang]);
    let section = md[md.find("## 6. ").expect("the section")..].to_owned();
    let doc: Json = serde_json::from_str(&report(
        dir,
        "contract",
        &["--period", "2024..2026", "--format", "json"],
    ))
    .unwrap();
    (section, doc["text_changes"].clone())
}

/// In git: the contract of the first commit since 1 January 2024 against
/// the working tree. Commit A (2023) is before the period; B (5 February
/// 2024), the first of the period, retitles objectif 1.2.2; C (10 April
/// 2025) retitles objectif 3.3.2; the working tree then retitles AT 1.
/// The comparison starts at B: B's own change is not in it, C's and the
/// working tree's are.
#[test]
fn the_text_changes_since_the_first_commit_of_the_period() {
    let dir = sandbox("examples/enjeux-2030");
    let root = dir.path();
    git_on(root, "2023-11-02T10:00:00+00:00", &["init", "-q"]);
    commit_on(
        root,
        "2023-11-02T10:00:00+00:00",
        "A: the contract as signed",
    );
    retitle(
        root,
        "1-emploi-activite.toml",
        "title = \"Rapprocher les entreprises du territoire et les habitants des quartiers\"",
        "title = \"Rapprocher les entreprises et les habitants des quartiers\"",
    );
    let b = commit_on(
        root,
        "2024-02-05T10:00:00+00:00",
        "B: first change of the period",
    );
    retitle(
        root,
        "3-qualite-de-vie.toml",
        "title = \"Réduire la précarité énergétique des ménages\"",
        "title = \"Réduire la précarité énergétique et les charges des ménages\"",
    );
    let c = commit_on(root, "2025-04-10T10:00:00+00:00", "C: a change in 2025");
    std::fs::write(
        root.join("contract/contrat.toml"),
        std::fs::read_to_string(root.join("contract/contrat.toml"))
            .unwrap()
            .replace(
                "Participation des habitants et pouvoir d'agir",
                "Participation et pouvoir d'agir des habitants",
            ),
    )
    .unwrap();

    let (fr, json) = changes_section(root, "fr");
    assert!(
        fr.starts_with(&format!(
            "## 6. Les changements du texte du contrat\n\nVersions comparées\u{a0}: le contrat tel qu'il était enregistré au début de la période (sa première version depuis le 1er janvier 2024\u{a0}: commit {} du 5 février 2024) et le contrat tel qu'il est aujourd'hui (commit {}).\n",
            &b[..7],
            &c[..7]
        )),
        "{fr}"
    );
    assert!(fr.contains("- **3.3.2** nouvel intitulé\u{a0}: «\u{a0}Réduire la précarité énergétique des ménages\u{a0}» → «\u{a0}Réduire la précarité énergétique et les charges des ménages\u{a0}»"), "{fr}");
    assert!(fr.contains("- **AT 1** nouvel intitulé"), "{fr}");
    assert!(
        !fr.contains("1.2.2"),
        "B's own change is before the comparison: {fr}"
    );
    assert_eq!(json["compared"], true);
    assert_eq!(json["from"], json!({"commit": b, "date": "2024-02-05"}));
    assert_eq!(json["head"], json!(c));
    let changed: Vec<(&str, &str)> = json["diff"]["tree"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["code"].as_str().unwrap(), t["change"].as_str().unwrap()))
        .collect();
    assert_eq!(changed, [("3.3.2", "retitled"), ("AT 1", "retitled")]);

    let (en, _) = changes_section(root, "en");
    assert!(en.contains(&format!(
        "Versions compared: the contract as recorded at the start of the period (its first version since 1 January 2024: commit {} of 5 February 2024) and the contract as it is now (commit {}).",
        &b[..7],
        &c[..7]
    )));
}

/// A folder that came into the repository after 1 January: its first
/// commit is the start, not an earlier commit of the repository without it.
#[test]
fn a_contract_added_during_the_period_starts_at_its_first_commit() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git_on(root, "2024-01-10T10:00:00+00:00", &["init", "-q"]);
    std::fs::write(root.join("README.md"), "Les contrats de ville\n").unwrap();
    commit_on(
        root,
        "2024-01-10T10:00:00+00:00",
        "the repository, without a contract",
    );
    crate::support::copy_folder(
        &crate::support::repo("examples/enjeux-2030"),
        &root.join("contract"),
    );
    let added = commit_on(root, "2024-03-01T10:00:00+00:00", "the contract");
    let (fr, json) = changes_section(root, "fr");
    assert!(
        fr.contains(&format!("commit {} du 1er mars 2024)", &added[..7])),
        "{fr}"
    );
    assert!(
        fr.contains(&format!(
            "Aucun changement du contrat de {} du 1er mars 2024 à la copie de travail.",
            &added[..7]
        )),
        "{fr}"
    );
    assert_eq!(json["from"]["commit"], json!(added));
}

/// Not in git, or no commit since the period began: the document says so,
/// and is made all the same.
#[test]
fn without_history_the_document_says_so() {
    let dir = sandbox("examples/enjeux-2030");
    let (fr, json) = changes_section(dir.path(), "fr");
    assert_eq!(
        fr,
        "## 6. Les changements du texte du contrat\n\nLe dossier du contrat n'est pas dans un dépôt git\u{a0}: les changements de son texte sur la période ne peuvent pas être montrés.\n"
    );
    assert_eq!(
        json,
        json!({"compared": false, "reason": "not-in-git", "detail": null})
    );

    // Only commits of 2023: nothing since 1 January 2024.
    git_on(dir.path(), "2023-06-01T10:00:00+00:00", &["init", "-q"]);
    commit_on(dir.path(), "2023-06-01T10:00:00+00:00", "before the period");
    let (en, json) = changes_section(dir.path(), "en");
    assert!(
        en.ends_with("No commit of the contract since 1 January 2024: the changes to its text over the period cannot be shown.\n"),
        "{en}"
    );
    assert_eq!(json["reason"], "no-commit");
}
