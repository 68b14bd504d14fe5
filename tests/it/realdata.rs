//! `contrat import` on the State's files (issue 13): profiles recognised from
//! their headings, `--where`, `--map-value`, and the messy rows of national
//! files counted and said, never kept twice nor dropped in silence. The
//! fixtures are written for the tests in the real files' exact headings; the
//! tests on the real ANCT files skip when `../shared` is absent.

use std::fs;
use std::path::Path;

use crate::support::{command, sandbox, snapshot, stderr, stdout};

/// Runs the binary on the sandbox's `contract/`, in English.
fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut full = vec!["--contract", "contract"];
    full.extend_from_slice(args);
    command(dir, &full)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

#[test]
fn where_keeps_one_contract_and_counts_what_it_leaves() {
    let dir = sandbox("tests/fixtures/programmation");
    // Row 3 belongs to another contract, row 4 to none, row 5 repeats row 2
    // exactly, row 6 is shared by two contracts (CV307 among them).
    fs::write(
        dir.path().join("prog.csv"),
        "Intitulé;Porteur;Priorité;Contrat;État
Atelier A;Alpha;P 1.1.1;CV307;500
Atelier B;Beta;P 1.1.1;CV308;500
Atelier C;Gamma;P 1.1.1;;500
Atelier A;Alpha;P 1.1.1;CV307;500
Atelier D;Delta;P 1.1.1 / P 1.1.2;CV306CV307;700
",
    )
    .unwrap();
    let before = snapshot(dir.path());
    let out = run(
        dir.path(),
        &[
            "import",
            "prog.csv",
            "--year",
            "2024",
            "--where",
            "Contrat=CV307",
            "--dry-run",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for line in [
        "1 row left out: it does not meet --where Contrat=CV307",
        "1 row without Contrat, not imported (row 4)",
        "1 row repeats an earlier row exactly, read once (row 5 = row 2)",
        "2 actions would be added; nothing was written (--dry-run)",
    ] {
        assert!(text.contains(line), "no `{line}` in\n{text}");
    }
    assert!(text.contains("Atelier A") && text.contains("Atelier D"));
    assert!(!text.contains("Atelier B") && !text.contains("Atelier C"));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn map_value_translates_a_column_s_values() {
    let dir = sandbox("tests/fixtures/programmation");
    fs::write(
        dir.path().join("prog.csv"),
        "Intitulé;Porteur;Priorité;Statut\nAtelier A;Alpha;P 1.1.1;Justifiée\n",
    )
    .unwrap();
    let refused = run(dir.path(), &["import", "prog.csv", "--year", "2024"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("--map-value \"Statut=Justifiée:STATUS\""),
        "{}",
        stderr(&refused)
    );
    let out = run(
        dir.path(),
        &[
            "import",
            "prog.csv",
            "--year",
            "2024",
            "--map-value",
            "Statut=justifiee:completed",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let file = fs::read_to_string(dir.path().join("contract/1-cohesion.toml")).unwrap();
    assert!(file.ends_with("status = \"completed\"\n"), "{file}");
}

#[test]
fn where_names_a_column_the_file_has() {
    let dir = sandbox("tests/fixtures/programmation");
    fs::write(
        dir.path().join("prog.csv"),
        "Intitulé;Porteur;Priorité\nAtelier A;Alpha;P 1.1.1\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[
            "import",
            "prog.csv",
            "--year",
            "2024",
            "--where",
            "code_cv=CV307",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("--where code_cv=CV307: the file has no column \"code_cv\""),
        "{}",
        stderr(&out)
    );
}
