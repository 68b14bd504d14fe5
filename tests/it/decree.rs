//! The sections of the yearly report that décret n° 2015-1118 asks beside
//! the programmation, on examples/montauban-2023 in 2023. Its contrat.toml
//! gives (illustrative) quartier indicators, its commune with the DSU, the
//! EPCI, droit commun amounts and a renewal project; its annexes/ folder two
//! opinions. The figures below are those of tests/oracle/montauban.py, which
//! reads the files with tomllib (`python3 tests/oracle/montauban.py 2023`),
//! and the indicators are read in contrat.toml.

// Amounts in cents are written euros_cents: `717251_25`.
#![allow(clippy::inconsistent_digit_grouping)]

use std::process::Command;

use serde_json::Value;

use crate::support::{contrat_here, repo, stderr, stdout};

const EXAMPLE: &str = "examples/montauban-2023";

fn report(args: &[&str]) -> std::process::Output {
    let mut all = vec!["--contract", EXAMPLE, "report", "--year", "2023"];
    all.extend(args);
    contrat_here(&all)
}

fn json() -> Value {
    let out = report(&["--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn cents(v: &Value) -> i64 {
    (v.as_f64().unwrap() * 100.0).round() as i64
}

/// The oracle's figures, when `python3` can be run: they must be the ones
/// stated in the tests below.
#[test]
fn the_oracle_counts_what_the_tests_state() {
    let Ok(out) = Command::new("python3")
        .arg(repo("tests/oracle/montauban.py"))
        .arg("2023")
        .output()
    else {
        eprintln!("python3 cannot be run: the oracle is not compared");
        return;
    };
    let o: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(o["communes"][0]["actions"], 31);
    assert_eq!(o["communes"][0]["funding"], 717251_25);
    assert_eq!(o["communes"][0]["own"], 182000_50);
    assert_eq!(o["communes"][0]["dsu"], 3204000_00);
    assert_eq!(o["epci_funding"], 42750_75);
    assert_eq!(o["droit_commun"]["etat"], 505000_00);
    assert_eq!(o["droit_commun"]["ville"], 180000_00);
    assert_eq!(o["droit_commun"]["departement"], 120000_00);
    let p = &o["npnru"][0];
    assert_eq!(
        p["actions"],
        serde_json::json!(["2023-022", "2023-029", "2023-030", "2023-031", "2023-032"])
    );
    assert_eq!(p["funding"], 221000_00);
    assert_eq!(p["cost"], 278000_00);
}

/// Each quartier's indicators up to the year, with the change from the
/// first year to the last: Cœur de Ville's poverty rate 41.2 % (2018) →
/// 41.8 % (2022), +0.6; Médiathèque - Chambord's population 3 640 → 3 585,
/// −55.
#[test]
fn the_situation_of_each_quartier() {
    let r = json();
    let situation = r["situation"].as_array().unwrap();
    assert_eq!(situation.len(), 2);
    assert_eq!(situation[0]["quartier"], "QP082001");
    let poverty = &situation[0]["indicators"][1];
    assert_eq!(poverty["name"], "Taux de pauvreté");
    let values: Vec<(u64, f64)> = poverty["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["year"].as_u64().unwrap(), v["value"].as_f64().unwrap()))
        .collect();
    assert_eq!(values, [(2018, 41.2), (2020, 42.5), (2022, 41.8)]);
    let md = stdout(&report(&["--format", "md"]));
    assert!(
        md.contains("| QP082001 | Cœur de Ville | 41,2 | 42,5 | 41,8 | 0,6 |"),
        "{md}"
    );
    assert!(
        md.contains("| QP082002 | Médiathèque - Chambord | 3640 | 3610 | 3585 | -55 |"),
        "{md}"
    );
    assert!(md.contains("*Source\u{a0}: INSEE, Filosofi (illustratif)*"));
    // One chart per indicator, each quartier's bars by year.
    let html = stdout(&report(&["--format", "html"]));
    assert!(
        html.contains("data-chart=\"situation-1\"") && html.contains("data-chart=\"situation-2\"")
    );
}

/// The commune: the 31 counted actions of its quartiers (all of 2023) and
/// their 717 251,25 € voted; what it voted itself as the funder `ville`,
/// 182 000,50 €; the DSU it received, 3 204 000 €. The EPCI voted
/// 42 750,75 € as `agglo`.
#[test]
fn the_communes_and_the_epci() {
    let r = json();
    let c = &r["territories"]["communes"][0];
    assert_eq!(c["insee"], "82121");
    assert_eq!(c["actions"], 31);
    assert_eq!(cents(&c["funding"]), 717251_25);
    assert_eq!(cents(&c["own_funding"]), 182000_50);
    assert_eq!(cents(&c["dsu"]), 3204000_00);
    assert_eq!(cents(&r["territories"]["epci"]["funding"]), 42750_75);
}

/// The droit commun beside the contract's credits: the State 505 000 € (two
/// entries) beside its 236 000 € of credits, the Ville 180 000 €, the
/// Département 120 000 €.
#[test]
fn the_droit_commun_beside_the_credits() {
    let r = json();
    let rows: Vec<(String, i64, i64)> = r["droit_commun"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["funder"].as_str().unwrap().to_owned(),
                cents(&d["credits"]),
                cents(&d["droit_commun"]),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("etat".into(), 236000_00, 505000_00),
            ("ville".into(), 182000_50, 180000_00),
            ("departement".into(), 127500_00, 120000_00),
        ]
    );
    let md = stdout(&report(&["--format", "md"]));
    assert!(
        md.contains("| Total |  | 545\u{a0}500,50\u{a0}€ | 805\u{a0}000\u{a0}€ |"),
        "{md}"
    );
}

/// The renewal project of Médiathèque - Chambord, tied to OS 3.1 and OS 3.2:
/// the five counted actions of its quartier under them, 221 000 € voted for
/// 278 000 € of cost.
#[test]
fn the_renewal_project_and_its_actions() {
    let r = json();
    let p = &r["npnru"][0];
    assert_eq!(p["stage"], "convention signée, travaux en cours");
    assert_eq!(cents(&p["anru"]), 8500000_00);
    assert_eq!(
        p["actions"],
        serde_json::json!(["2023-022", "2023-029", "2023-030", "2023-031", "2023-032"])
    );
    assert_eq!(cents(&p["funding"]), 221000_00);
    assert_eq!(cents(&p["cost"]), 278000_00);
    assert_eq!(p["cost_known"], 5);
}

/// The DSU section names the communes that received it in the year, with
/// the actions in them.
#[test]
fn the_communes_receiving_the_dsu() {
    let md = stdout(&report(&["--format", "md", "--lang", "en"]));
    let section = &md[md.find("Communes receiving the DSU").unwrap()..];
    assert!(
        section.contains("| 82121 | Montauban | €3,204,000 | 31 | €717,251.25 |"),
        "{section}"
    );
    // A year the contract gives no DSU says so and how to add it.
    let out = contrat_here(&[
        "--contract",
        EXAMPLE,
        "report",
        "--year",
        "2021",
        "--format",
        "md",
        "--lang",
        "en",
    ]);
    let md = stdout(&out);
    let section = &md[md.find("Communes receiving the DSU").unwrap()..];
    assert!(
        section.contains("The contract gives no dotation de solidarité urbaine for the year"),
        "{section}"
    );
}

/// The opinions annexed, after the detail of the gaps; the officer's texts
/// where they belong; a PDF annex inside the HTML page.
#[test]
fn annexes_commentary_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let outlook = dir.path().join("outlook.md");
    std::fs::write(&outlook, "En 2024, un appel à projets **jeunesse**.\n").unwrap();
    let comment = dir.path().join("chambord.md");
    std::fs::write(&comment, "La baisse de population suit les démolitions.\n").unwrap();
    let pdf = dir.path().join("avis.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n% a tiny file for the test\n%%EOF\n").unwrap();
    let citizens = repo("examples/montauban-2023/annexes/avis-conseil-citoyen.md");
    let council = repo("examples/montauban-2023/annexes/avis-conseil-municipal.md");
    let annex = |title: &str, path: &std::path::Path| format!("{title}={}", path.display());
    let args = [
        "--notes".to_owned(),
        format!("outlook={}", outlook.display()),
        "--commentary".to_owned(),
        format!("Chambord={}", comment.display()),
        "--annex".to_owned(),
        annex("Avis du conseil citoyen", &citizens),
        "--annex".to_owned(),
        annex("Avis du conseil municipal", &council),
        "--annex".to_owned(),
        annex("Délibération signée", &pdf),
    ];
    let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
    all.extend(["--format", "md"]);
    let md = stdout(&report(&all));
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        &headings[headings.len() - 5..],
        [
            "## 15. Perspectives",
            "## Annexe A — Le détail des manques",
            "## Annexe B — Avis du conseil citoyen",
            "## Annexe C — Avis du conseil municipal",
            "## Annexe D — Délibération signée",
        ]
    );
    assert!(md.contains(
        "### QP082002 — Médiathèque - Chambord\n\nLa baisse de population suit les démolitions."
    ));
    assert!(md.contains("Document joint\u{a0}: avis.pdf"), "{md}");
    all.truncate(all.len() - 2);
    all.extend(["--format", "html"]);
    let html = stdout(&report(&all));
    assert!(
        html.contains("<a download=\"avis.pdf\" href=\"data:application/pdf;base64,JVBERi0xLjQ"),
        "the PDF is in the page"
    );
    // What cannot be placed is a usage error.
    let out = report(&["--notes", "nowhere=x.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "`nowhere` is not a section of the report; the sections are situation, territories"
        ),
        "{}",
        stderr(&out)
    );
    let out = report(&[
        "--commentary",
        format!("Sapiac={}", comment.display()).as_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the contract has no such quartier"),
        "{}",
        stderr(&out)
    );
    let binary = dir.path().join("scan.bin");
    std::fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
    let out = report(&["--annex", format!("Avis={}", binary.display()).as_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is neither a PDF nor UTF-8 Markdown text"),
        "{}",
        stderr(&out)
    );
}

/// The mid-term evaluation shows the quartiers' indicators over its period
/// too, up to its last year.
#[test]
fn the_mid_term_evaluation_has_the_situation_of_the_quartiers() {
    let out = contrat_here(&[
        "--contract",
        EXAMPLE,
        "report",
        "--period",
        "2022..2023",
        "--format",
        "md",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(
        md.contains("L'évolution de la situation des quartiers"),
        "{md}"
    );
    assert!(
        md.contains("| QP082001 | Cœur de Ville | 41,2 | 42,5 | 41,8 | 0,6 |"),
        "{md}"
    );
}
