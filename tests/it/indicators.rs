//! The quartiers' context indicators from a table (issue 14): one row per
//! quartier, indicator and year, as an officer builds it from the
//! Observatoire's, SIG Ville's or INSEE's figures, imported into
//! `contrat.toml` and shown by the report. The expected figures are the
//! table's own, copied by hand.

use std::fs;
use std::path::Path;

use crate::support::{command, sandbox, stderr, stdout};

/// Runs the binary on the sandbox's `contract/`, without colour.
fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut full = vec!["--contract", "contract"];
    full.extend_from_slice(args);
    command(dir, &full)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

/// A département's table, `;`-separated with decimal commas: row 2 is a
/// figure the example already holds (Population 2022 of Cœur de Ville),
/// row 3 a new year of a known indicator, row 4 a new indicator, row 5
/// repeats row 4, row 6 is a quartier of another contract (Toulouse's
/// QP031001), row 7 a figure of 2023 for Médiathèque - Chambord by its name
/// only.
const TABLE: &str = "Code quartier;Quartier;Indicateur;Année;Valeur;Unité;Source
QP082001;Cœur de Ville;Population;2022;2890;habitants;INSEE
QP082001;Cœur de Ville;Taux de pauvreté;2023;40,9;%;INSEE, Filosofi
QP082001;Cœur de Ville;Part des demandeurs d'emploi;2023;17,2;%;France Travail
QP082001;Cœur de Ville;Part des demandeurs d'emploi;2023;17,2;%;France Travail
QP031001;Grand Mirail;Taux de pauvreté;2023;44,0;%;INSEE, Filosofi
;Médiathèque - Chambord;Taux de pauvreté;2023;47,5;%;INSEE, Filosofi
";

#[test]
fn a_table_of_indicators_sets_the_quartiers_figures() {
    let dir = sandbox("examples/montauban-2023");
    fs::write(dir.path().join("indicateurs.csv"), TABLE).unwrap();
    let out = run(
        dir.path(),
        &["import", "indicateurs.csv", "--dry-run", "--lang", "en"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "What importing indicateurs.csv changes in the contract

Quartier indicators changed
- QP082001 \"Taux de pauvreté\" (%)
    - 2023: — → 40.9
- QP082001 \"Part des demandeurs d'emploi\" (%)
    - 2023: — → 17.2
- QP082002 \"Taux de pauvreté\" (%)
    - 2023: — → 47.5

1 row repeats an earlier row exactly, read once (row 5 = row 4)

1 row about quartiers the contract does not have, left out (row 6: QP031001)

1 row already in the contract, skipped

To change: 3 indicator figures; nothing was written (--dry-run)
"
    );
    let contrat_toml = dir.path().join("contract/contrat.toml");
    let before = fs::read_to_string(&contrat_toml).unwrap();
    let out = run(dir.path(), &["import", "indicateurs.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = fs::read_to_string(&contrat_toml).unwrap();
    // The known indicator gains its year, in year order; the new one comes
    // after the quartier's others, with the row's unit and source.
    assert_eq!(
        after,
        before
            .replacen(
                "values = { 2018 = 41.2, 2020 = 42.5, 2022 = 41.8 }",
                "values = { 2018 = 41.2, 2020 = 42.5, 2022 = 41.8, 2023 = 40.9 }",
                1,
            )
            .replacen(
                "values = { 2018 = 47.9, 2020 = 49.0, 2022 = 48.3 }",
                "values = { 2018 = 47.9, 2020 = 49.0, 2022 = 48.3, 2023 = 47.5 }",
                1,
            )
            .replacen(
                "values = { 2018 = 41.2, 2020 = 42.5, 2022 = 41.8, 2023 = 40.9 }\n",
                "values = { 2018 = 41.2, 2020 = 42.5, 2022 = 41.8, 2023 = 40.9 }\n\n[[quartier.indicator]]\nname = \"Part des demandeurs d'emploi\"\nunit = \"%\"\nsource = \"France Travail\"\nvalues = { 2023 = 17.2 }\n",
                1,
            )
    );
    let check = run(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    // Run again: every figure is there.
    let again = run(dir.path(), &["import", "indicateurs.csv", "--lang", "en"]);
    assert!(stdout(&again).contains("4 rows already in the contract, skipped\n\nNothing to add."));
    // The report shows the new year.
    let report = run(
        dir.path(),
        &["report", "--year", "2023", "--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let coeur = &doc["situation"][0];
    assert_eq!(coeur["quartier"], "QP082001");
    let poverty = coeur["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "Taux de pauvreté")
        .unwrap();
    assert_eq!(
        poverty["values"].as_array().unwrap().last().unwrap(),
        &serde_json::json!({"year": 2023, "value": 40.9})
    );
    // `diff` says it in the contract's terms.
    let original = dir.path().join("original");
    crate::support::copy_folder(&crate::support::repo("examples/montauban-2023"), &original);
    let diff = run(
        dir.path(),
        &["diff", "--against", "original", "--format", "json"],
    );
    let diff: serde_json::Value = serde_json::from_slice(&diff.stdout).unwrap();
    assert_eq!(
        diff["quartiers"]["indicators"][1],
        serde_json::json!({"quartier": "QP082001", "indicator": "Part des demandeurs d'emploi",
            "unit": "%", "figures": [{"year": 2023, "old": null, "new": 17.2}]})
    );
}

/// A row that differs from an earlier one only by empty cells past the
/// last column (a spreadsheet's trailing `;`) repeats it, as for actions:
/// its figure is read once.
#[test]
fn a_row_with_trailing_empty_cells_repeats_the_one_before() {
    let dir = sandbox("examples/montauban-2023");
    let row = "QP082001;Cœur de Ville;Part des demandeurs d'emploi;2023;17,2;%;France Travail\n";
    let table = TABLE.replacen(
        &format!("{row}{row}"),
        &format!("{row}{};;\n", row.trim_end()),
        1,
    );
    assert_ne!(table, TABLE);
    fs::write(dir.path().join("indicateurs.csv"), table).unwrap();
    let out = run(
        dir.path(),
        &["import", "indicateurs.csv", "--dry-run", "--lang", "en"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.matches("    - 2023: — → 17.2\n").count(), 1, "{text}");
    assert!(
        text.contains("1 row repeats an earlier row exactly, read once (row 5 = row 4)"),
        "{text}"
    );
    assert!(text.contains("To change: 3 indicator figures;"), "{text}");
}

/// Every bad row in one run, each placed; nothing is written.
#[test]
fn bad_rows_of_a_table_of_indicators_are_all_said() {
    let dir = sandbox("examples/montauban-2023");
    fs::write(
        dir.path().join("indicateurs.csv"),
        "Quartier,Indicateur,Année,Valeur
Coeur de Vile,Population,2023,2870
Cœur de Ville,Population,2023,n.d.
Sapiac,Population,2023,1200
Cœur de Ville,Taux de pauvreté,2023,40.9
Cœur de Ville,Taux de pauvreté,2023,41.9
",
    )
    .unwrap();
    let before = fs::read(dir.path().join("contract/contrat.toml")).unwrap();
    let out = run(dir.path(), &["import", "indicateurs.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: indicateurs.csv: row 2, column \"Quartier\": the contract has no quartier `Coeur de Vile`; write its code, name or an alias (did you mean `Cœur de Ville`?)
error: indicateurs.csv: row 3, column \"Valeur\": `n.d.` is not a figure (write 41.8, 41,8 or 2 890)
error: indicateurs.csv: row 4, column \"Quartier\": the contract has no quartier `Sapiac`; write its code, name or an alias
error: indicateurs.csv: row 6: Taux de pauvreté 2023 of Cœur de Ville is 41.9 here and 40.9 on row 5
error: 4 problems in indicateurs.csv; nothing was imported
"
    );
    assert_eq!(
        fs::read(dir.path().join("contract/contrat.toml")).unwrap(),
        before
    );
}
