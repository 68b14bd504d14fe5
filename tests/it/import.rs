//! `contrat import` and `contrat add action` on a copy of
//! `tests/fixtures/programmation` (actions 2022-001, 2022-002 and 2023-001 to
//! 2023-005; funders etat "État", ville, caf "CAF"; quartiers Nord and Sud;
//! period 2020–2025; language en). The appended text of each case is written
//! out by hand: the bytes before it must be the fixture's, unchanged.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use contrat::check::{self, Options};
use contrat::load;
use contrat::model::Money;

const FILES: [&str; 3] = ["contrat.toml", "1-cohesion.toml", "2-emploi.toml"];

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/programmation")
}

/// A copy of the fixture contract, in `contract/` of a temporary folder.
fn copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("contract")).unwrap();
    for name in FILES {
        fs::copy(fixture().join(name), dir.path().join("contract").join(name)).unwrap();
    }
    dir
}

/// Every file of the contract, byte for byte.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    FILES
        .iter()
        .map(|n| {
            (
                n.to_string(),
                fs::read(dir.join("contract").join(n)).unwrap(),
            )
        })
        .collect()
}

fn original(name: &str) -> String {
    fs::read_to_string(fixture().join(name)).unwrap()
}

fn contrat(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contrat"))
        .current_dir(dir)
        .args(args)
        .env_remove("CONTRAT_DIR")
        .env("NO_COLOR", "1")
        .output()
        .expect("run contrat")
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join("contract").join(name)).unwrap()
}

/// The contract after the change: it passes check, and these are its actions.
fn action_ids(dir: &Path) -> Vec<String> {
    let mut loaded = load::load(&dir.join("contract")).unwrap();
    check::run(&mut loaded, Options::default());
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    loaded
        .contract
        .actions
        .iter()
        .map(|a| a.id.value.clone())
        .collect()
}

const FIXTURE_IDS: [&str; 7] = [
    "2022-001", "2022-002", "2023-001", "2023-002", "2023-003", "2023-004", "2023-005",
];

// ---------------------------------------------------------------------------
// CSV

#[test]
fn csv_adds_exactly_its_rows() {
    let dir = copy();
    let csv = "\
title,porteur,priorities,quartiers,cost,etat,CAF,requested:etat,status,year,Bénéficiaires prévus
Ateliers numériques,Epsilon,\"1.1.1, P 2.1.2\",Nord,\"8 000,50 €\",5000,1000,6000,Financé,2023,12
Forum,Zeta,P2.1.1,Sud,3000,,,,proposé,2023,
";
    fs::write(dir.path().join("prog.csv"), csv).unwrap();
    let out = contrat(dir.path(), &["import", "prog.csv"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.ends_with("Added: 2 actions (contract/1-cohesion.toml, contract/2-emploi.toml)\n"),
        "{stdout}"
    );

    let pilier1 = format!(
        "{}\n{}",
        original("1-cohesion.toml"),
        "\
[[action]]
id = \"2023-006\"
title = \"Ateliers numériques\"
porteur = \"Epsilon\"
year = 2023
priorities = [\"P 1.1.1\", \"P 2.1.2\"]
quartiers = [\"Nord\"]
cost = 8000.50
beneficiaries = { planned = 12 }
status = \"funded\"

[action.funding]
etat = 5000
caf = 1000

[action.requested]
etat = 6000
"
    );
    assert_eq!(read(dir.path(), "1-cohesion.toml"), pilier1);
    let pilier2 = format!(
        "{}\n{}",
        original("2-emploi.toml"),
        "\
[[action]]
id = \"2023-007\"
title = \"Forum\"
porteur = \"Zeta\"
year = 2023
priorities = [\"P 2.1.1\"]
quartiers = [\"Sud\"]
cost = 3000
status = \"proposed\"
"
    );
    assert_eq!(read(dir.path(), "2-emploi.toml"), pilier2);
    assert_eq!(read(dir.path(), "contrat.toml"), original("contrat.toml"));

    let mut expected: Vec<String> = FIXTURE_IDS.iter().map(|s| s.to_string()).collect();
    expected.extend(["2023-006".to_owned(), "2023-007".to_owned()]);
    assert_eq!(action_ids(dir.path()), expected);
}

#[test]
fn csv_with_one_bad_row_changes_nothing_and_names_row_and_column() {
    let dir = copy();
    let csv = "\
Intitulé;Porteur;Priorité;Coût total;État
Atelier A;Alpha;P 1.1.1;1000;500
Atelier B;Beta;P 1.1.2;douze mille;200
Atelier C;Gamma;P 2.1.1;900;
";
    fs::write(dir.path().join("prog.csv"), csv).unwrap();
    let before = snapshot(dir.path());
    let out = contrat(dir.path(), &["import", "prog.csv", "--year", "2023"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "\
error: prog.csv: row 3, column \"Coût total\": `douze mille` is not an amount of euros (write 8000 or 8 000,50 €)
error: 1 problem in prog.csv; nothing was imported
"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn every_bad_row_is_reported_in_one_run() {
    let dir = copy();
    let csv = "\
Intitulé;Porteur;Priorité;Année;Statut;Commentaire
;Alpha;P 1.1.1;2023;financé;x
Atelier B;Beta;P 1.9.1;2031;peut-être;
Atelier C;Gamma;P 2.1.1;2023;réalisé;
";
    fs::write(dir.path().join("prog.csv"), csv).unwrap();
    let before = snapshot(dir.path());
    let out = contrat(dir.path(), &["import", "prog.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in [
        "error: prog.csv: row 1, column \"Commentaire\": unknown heading;",
        "error: prog.csv: row 2, column \"Intitulé\": empty; every action needs a title",
        "error: prog.csv: row 3, column \"Priorité\": the contract has no P 1.9.1",
        "error: prog.csv: row 3, column \"Statut\": unknown status `peut-être`;",
        "error: prog.csv: row 3, column \"Année\": 2031 is outside the contract's period, 2020 to 2025",
        "error: 5 problems in prog.csv; nothing was imported",
    ] {
        assert!(
            stderr.lines().any(|l| l.starts_with(line)),
            "no `{line}` in\n{stderr}"
        );
    }
    assert_eq!(snapshot(dir.path()), before);
}

/// What would change, in the contract's terms (as `contrat diff` says it).
#[test]
fn dry_run_shows_the_changes_and_writes_nothing() {
    let dir = copy();
    fs::write(
        dir.path().join("prog.csv"),
        "Intitulé;Porteur;Priorité;Coût total;État\nAtelier A;Alpha;P 1.1.1;1000;500\n",
    )
    .unwrap();
    let before = snapshot(dir.path());
    let out = contrat(
        dir.path(),
        &["import", "prog.csv", "--year", "2024", "--dry-run"],
    );
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        "What importing prog.csv changes in the contract\n\nActions added\n- 2024-001 \"Atelier A\" (2024)\n\nTo add: 1 action; nothing was written (--dry-run)\n"
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn map_reads_other_headings() {
    let dir = copy();
    fs::write(
        dir.path().join("prog.csv"),
        "Action;Structure;Axe;Montant Etat;Note\nAtelier A;Alpha;1.1.1;500;à revoir\n",
    )
    .unwrap();
    let out = contrat(
        dir.path(),
        &[
            "import",
            "prog.csv",
            "--year",
            "2024",
            "--map",
            "Action=title",
            "--map",
            "Structure=porteur",
            "--map",
            "Axe=priorities",
            "--map",
            "Montant Etat=etat",
            "--map",
            "Note=ignore",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(read(dir.path(), "1-cohesion.toml").ends_with(
        "\n\n[[action]]\nid = \"2024-001\"\ntitle = \"Atelier A\"\nporteur = \"Alpha\"\nyear = 2024\npriorities = [\"P 1.1.1\"]\n\n[action.funding]\netat = 500\n"
    ));
}

// ---------------------------------------------------------------------------
// XLSX, made by the test

/// A cell of the generated sheet.
enum X {
    S(&'static str),
    N(f64),
    E,
}

fn xlsx(path: &Path, rows: &[Vec<X>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                X::S(s) => {
                    sheet.write_string(r as u32, c as u16, *s).unwrap();
                }
                X::N(n) => {
                    sheet.write_number(r as u32, c as u16, *n).unwrap();
                }
                X::E => {}
            }
        }
    }
    book.save(path).unwrap();
}

fn xlsx_rows(bad_priority: bool) -> Vec<Vec<X>> {
    use X::*;
    vec![
        vec![
            S("Identifiant"),
            S("Intitulé"),
            S("Porteur"),
            S("Année"),
            S("Priorité"),
            S("Coût total"),
            S("État"),
            S("Ville de Testville"),
            S("Statut"),
            S("Tags"),
        ],
        vec![
            S("2024-010"),
            S("Chantier jeunes"),
            S("Beta"),
            N(2024.0),
            S("P 2.1.1"),
            N(15000.0),
            N(7000.25),
            N(3000.0),
            S("réalisé"),
            S("chantier, jeunes"),
        ],
        vec![
            E,
            S("Soutien scolaire"),
            S("Alpha"),
            N(2024.0),
            S(if bad_priority { "P 1.9.9" } else { "1.2.2" }),
            N(4000.5),
            N(2000.0),
            E,
            S("financé"),
            E,
        ],
    ]
}

#[test]
fn xlsx_adds_exactly_its_rows() {
    let dir = copy();
    let file = dir.path().join("prog.xlsx");
    xlsx(&file, &xlsx_rows(false));
    let out = contrat(dir.path(), &["import", "prog.xlsx"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The id of the second row is the next free one of 2024 after the sheet's own.
    let pilier2 = format!(
        "{}\n{}",
        original("2-emploi.toml"),
        "\
[[action]]
id = \"2024-010\"
title = \"Chantier jeunes\"
porteur = \"Beta\"
year = 2024
priorities = [\"P 2.1.1\"]
cost = 15000
status = \"completed\"
tags = [\"chantier\", \"jeunes\"]

[action.funding]
etat = 7000.25
ville = 3000
"
    );
    assert_eq!(read(dir.path(), "2-emploi.toml"), pilier2);
    let pilier1 = format!(
        "{}\n{}",
        original("1-cohesion.toml"),
        "\
[[action]]
id = \"2024-011\"
title = \"Soutien scolaire\"
porteur = \"Alpha\"
year = 2024
priorities = [\"P 1.2.2\"]
cost = 4000.50
status = \"funded\"

[action.funding]
etat = 2000
"
    );
    assert_eq!(read(dir.path(), "1-cohesion.toml"), pilier1);

    let loaded = load::load(&dir.path().join("contract")).unwrap();
    let chantier = loaded.contract.action("2024-010").unwrap();
    assert_eq!(chantier.funding_total(), Money::from_cents(1_000_025));
    let mut expected: Vec<String> = FIXTURE_IDS.iter().map(|s| s.to_string()).collect();
    expected.extend(["2024-010".to_owned(), "2024-011".to_owned()]);
    assert_eq!(action_ids(dir.path()), expected);
}

#[test]
fn xlsx_with_one_bad_row_changes_nothing_and_names_row_and_column() {
    let dir = copy();
    let file = dir.path().join("prog.xlsx");
    xlsx(&file, &xlsx_rows(true));
    let before = snapshot(dir.path());
    let out = contrat(dir.path(), &["import", "prog.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "\
error: prog.xlsx: row 3, column \"Priorité\": the contract has no P 1.9.9
error: 1 problem in prog.xlsx; nothing was imported
"
    );
    assert_eq!(snapshot(dir.path()), before);
}

// ---------------------------------------------------------------------------
// add action

#[test]
fn add_action_appends_with_the_next_free_id() {
    let dir = copy();
    let out = contrat(
        dir.path(),
        &[
            "add",
            "action",
            "--year",
            "2023",
            "--title",
            "Permanence \"droits\"",
            "--porteur",
            "Zeta",
            "--priority",
            "p2.1.2",
            "--priority",
            "1.1.1",
            "--quartier",
            "Le Sud",
            "--cost",
            "5000",
            "--funding",
            "etat=2500.5",
            "--funding",
            "ville=1 000",
            "--status",
            "proposed",
            "--planned",
            "30",
            "--tag",
            "droits",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let block = "\
[[action]]
id = \"2023-006\"
title = 'Permanence \"droits\"'
porteur = \"Zeta\"
year = 2023
priorities = [\"P 2.1.2\", \"P 1.1.1\"]
quartiers = [\"Le Sud\"]
cost = 5000
beneficiaries = { planned = 30 }
status = \"proposed\"
tags = [\"droits\"]

[action.funding]
etat = 2500.50
ville = 1000
";
    assert_eq!(
        read(dir.path(), "2-emploi.toml"),
        format!("{}\n{block}", original("2-emploi.toml"))
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("added action 2023-006 to contract/2-emploi.toml:\n\n{block}")
    );
    assert_eq!(
        read(dir.path(), "1-cohesion.toml"),
        original("1-cohesion.toml")
    );
}

#[test]
fn add_action_that_would_fail_check_writes_nothing() {
    let dir = copy();
    let before = snapshot(dir.path());
    let out = contrat(
        dir.path(),
        &[
            "add",
            "action",
            "--id",
            "2023-001",
            "--year",
            "2023",
            "--title",
            "Doublon",
            "--porteur",
            "Zeta",
            "--priority",
            "P 1.1.1",
            "--funding",
            "region=100",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[duplicate-action-id]"), "{stderr}");
    assert!(
        stderr.contains("error[unknown-funder]: unknown funder `region`"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("error: the contract would have 2 errors; nothing was written\n"),
        "{stderr}"
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn add_action_bad_flags_are_usage_errors() {
    let dir = copy();
    let before = snapshot(dir.path());
    let out = contrat(
        dir.path(),
        &[
            "add",
            "action",
            "--year",
            "2023",
            "--title",
            "X",
            "--porteur",
            "Y",
            "--priority",
            "OS 1.1",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: invalid value `OS 1.1` for --priority: expected a priority code such as `P 1.1.1`\n"
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn csv_from_excel_in_windows_1252() {
    let dir = copy();
    // "Intitulé;Porteur;Priorité;Coût total" and "Atelier été", as Excel writes
    // them in a French "CSV (séparateur : point-virgule)".
    let bytes = b"Intitul\xe9;Porteur;Priorit\xe9;Co\xfbt total\r\nAtelier \xe9t\xe9;Alpha;P 1.1.1;1000\r\n";
    fs::write(dir.path().join("prog.csv"), bytes).unwrap();
    let out = contrat(dir.path(), &["import", "prog.csv", "--year", "2024"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(read(dir.path(), "1-cohesion.toml").ends_with(
        "\n\n[[action]]\nid = \"2024-001\"\ntitle = \"Atelier été\"\nporteur = \"Alpha\"\nyear = 2024\npriorities = [\"P 1.1.1\"]\ncost = 1000\n"
    ));
}

// ---------------------------------------------------------------------------
// ODS, made by the test: a zip of a mimetype, a manifest and content.xml

fn ods(path: &Path, rows: &[Vec<(&str, &str)>]) {
    use std::io::Write;
    let cell = |(kind, value): &(&str, &str)| match *kind {
        "float" => format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{value}\"><text:p>{value}</text:p></table:table-cell>"
        ),
        _ => format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{value}</text:p></table:table-cell>"
        ),
    };
    let body: String = rows
        .iter()
        .map(|row| {
            format!(
                "<table:table-row>{}</table:table-row>",
                row.iter().map(cell).collect::<String>()
            )
        })
        .collect();
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
<office:body><office:spreadsheet><table:table table:name=\"Programmation\">{body}</table:table>\
</office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
</manifest:manifest>";
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn ods_adds_its_rows_and_a_bad_row_changes_nothing() {
    let heading = vec![
        ("string", "Intitulé"),
        ("string", "Porteur"),
        ("string", "Année"),
        ("string", "Priorité"),
        ("string", "Coût total"),
        ("string", "CAF"),
    ];
    let row = |cost: &'static str| {
        vec![
            ("string", "Ludothèque"),
            ("string", "Delta"),
            ("float", "2024"),
            ("string", "P 1.2.2"),
            ("float", cost),
            ("float", "1200.5"),
        ]
    };

    let dir = copy();
    let before = snapshot(dir.path());
    ods(&dir.path().join("bad.ods"), &[heading.clone(), row("-5")]);
    let out = contrat(dir.path(), &["import", "bad.ods"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "\
error: bad.ods: row 2, column \"Coût total\": amounts cannot be negative
error: 1 problem in bad.ods; nothing was imported
"
    );
    assert_eq!(snapshot(dir.path()), before);

    ods(&dir.path().join("prog.ods"), &[heading, row("3000")]);
    let out = contrat(dir.path(), &["import", "prog.ods"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        read(dir.path(), "1-cohesion.toml"),
        format!(
            "{}\n{}",
            original("1-cohesion.toml"),
            "\
[[action]]
id = \"2024-001\"
title = \"Ludothèque\"
porteur = \"Delta\"
year = 2024
priorities = [\"P 1.2.2\"]
cost = 3000

[action.funding]
caf = 1200.50
"
        )
    );
}
