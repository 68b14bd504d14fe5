//! `contrat export`: the tidy table of actions in CSV, JSON and XLSX.
//!
//! The CSV-injection cases come from `tests/fixtures/hostile` (a formula as
//! porteur; titles `+cmd`, `-1+1`, `@SUM(A1)`, a leading tab, a leading
//! carriage return). Every expected row below was written from that file by
//! hand. The XLSX is read back with calamine, and its XML looked into for the
//! frozen header, the filters and the euro format.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};

fn contrat(contract: &str, args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_contrat"))
        .args(["--contract", contract, "export"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn records(csv_text: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

const HEADER: [&str; 13] = [
    "id",
    "year",
    "title",
    "porteur",
    "main_priority",
    "priorities",
    "quartiers",
    "publics",
    "status",
    "cost",
    "funder",
    "requested",
    "voted",
];

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_text() {
    let out = contrat("tests/fixtures/hostile", &[]);
    let rows = records(&out.stdout);
    let want: Vec<Vec<&str>> = vec![
        HEADER.to_vec(),
        // One row per funder; money as plain decimals, never defused.
        vec![
            "2023-001",
            "2023",
            "<script>alert(1)</script> & atelier",
            "'=HYPERLINK(\"http://x\",\"y\")",
            "P 1.1.1",
            "P 1.1.1",
            "QP000001",
            "",
            "funded",
            "1000.00",
            "etat",
            "",
            "500.00",
        ],
        vec![
            "2023-001",
            "2023",
            "<script>alert(1)</script> & atelier",
            "'=HYPERLINK(\"http://x\",\"y\")",
            "P 1.1.1",
            "P 1.1.1",
            "QP000001",
            "",
            "funded",
            "1000.00",
            "ville",
            "",
            "250.50",
        ],
        vec![
            "2023-002", "2023", "'+cmd", "Alpha", "P 1.1.1", "P 1.1.1", "", "", "funded", "300.00",
            "etat", "", "100.00",
        ],
        // No funder named: one row, funder empty.
        vec![
            "2023-003", "2023", "'-1+1", "Alpha", "P 1.1.1", "P 1.1.1", "", "", "funded", "", "",
            "", "",
        ],
        // Requested only, and proposed: every status is listed.
        vec![
            "2023-004",
            "2023",
            "'@SUM(A1)",
            "Beta",
            "P 1.1.1",
            "P 1.1.1",
            "",
            "",
            "proposed",
            "",
            "ville",
            "1200.00",
            "",
        ],
        vec![
            "2023-005", "2023", "'\tx", "Beta", "P 1.1.1", "P 1.1.1", "", "", "funded", "", "", "",
            "",
        ],
        vec![
            "2023-006", "2023", "'\rx", "Beta", "P 1.1.1", "P 1.1.1", "", "", "rejected", "", "",
            "", "",
        ],
    ];
    assert_eq!(rows, want);
}

fn cell(range: &calamine::Range<Data>, row: usize, col: usize) -> Data {
    range.get((row, col)).cloned().unwrap_or(Data::Empty)
}

/// The text of a file in the workbook's zip.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_workbook_reads_back_with_text_as_text_and_no_formula() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("actions.xlsx");
    let out = contrat("tests/fixtures/hostile", &["-o", path.to_str().unwrap()]);
    assert!(out.stdout.is_empty());

    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["actions", "coverage", "gaps"]);
    let actions = book.worksheet_range("actions").unwrap();
    assert_eq!(actions.height(), 8, "a header and seven rows, as in CSV");
    for (col, header) in HEADER.iter().enumerate() {
        assert_eq!(cell(&actions, 0, col), Data::String((*header).to_owned()));
    }
    let s = |t: &str| Data::String(t.to_owned());
    // The cells a spreadsheet would run are text, with the same leading quote
    // as in CSV.
    assert_eq!(cell(&actions, 1, 3), s("'=HYPERLINK(\"http://x\",\"y\")"));
    let titles: Vec<Data> = (1..8).map(|r| cell(&actions, r, 2)).collect();
    assert_eq!(
        titles,
        [
            s("<script>alert(1)</script> & atelier"),
            s("<script>alert(1)</script> & atelier"),
            s("'+cmd"),
            s("'-1+1"),
            s("'@SUM(A1)"),
            s("'\tx"),
            s("'\rx"),
        ]
    );
    // Numbers stay numbers: the year, the cost, the amounts.
    assert_eq!(cell(&actions, 1, 1), Data::Float(2023.0));
    assert_eq!(cell(&actions, 1, 9), Data::Float(1000.0));
    assert_eq!(cell(&actions, 2, 12), Data::Float(250.5));
    assert_eq!(cell(&actions, 5, 11), Data::Float(1200.0));
    assert_eq!(cell(&actions, 4, 10), Data::Empty, "no funder, empty cell");
    for sheet in ["actions", "coverage", "gaps"] {
        let formulas = book.worksheet_formula(sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet} has no formula"
        );
    }

    let coverage = book.worksheet_range("coverage").unwrap();
    // P 1.1.1: 2023-001, -002, -003 and -005 counted (funded); 750,50 + 100
    // voted; two state their cost (1000 and 300), so `cost` is the sum of
    // those and `cost_known` 2; no beneficiaries stated.
    assert_eq!(
        (1..9).map(|c| cell(&coverage, 1, c)).collect::<Vec<_>>(),
        [
            s("Priorité <script>alert(1)</script> & co"),
            Data::Float(4.0),
            Data::Float(4.0),
            Data::Float(850.5),
            Data::Float(1300.0),
            Data::Float(2.0),
            Data::Empty,
            Data::Empty,
        ]
    );
    let gaps = book.worksheet_range("gaps").unwrap();
    assert_eq!(cell(&gaps, 0, 0), s("kind"));
    assert_eq!(cell(&gaps, 1, 0), s("uncovered-priority"));
    assert_eq!(cell(&gaps, 1, 1), s("P 1.1.2"));

    // The header row is frozen, filters are on, money has a euro format.
    let sheet = part(&path, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("ySplit=\"1\"") && sheet.contains("state=\"frozen\""),
        "{sheet}"
    );
    assert!(sheet.contains("<autoFilter ref=\"A1:M8\"/>"), "{sheet}");
    // The coverage sheet has the columns of `contrat coverage --format csv`.
    assert!(part(&path, "xl/worksheets/sheet2.xml").contains("<autoFilter ref=\"A1:K3\"/>"));
    assert!(part(&path, "xl/styles.xml").contains("€"));
    // No cell of any sheet holds a formula.
    for n in 1..=3 {
        assert!(!part(&path, &format!("xl/worksheets/sheet{n}.xml")).contains("<f>"));
    }
}

#[test]
fn the_example_programmation_exported_adds_up() {
    let all = contrat("examples/montauban-2023", &["--year", "2023"]);
    let rows = records(&all.stdout);
    // 34 actions of 2023, one row per funder named (independent count: 100).
    assert_eq!(rows.len(), 1 + 100);
    let cents = |rows: &[Vec<String>]| -> i64 {
        rows.iter()
            .skip(1)
            .filter(|r| !r[12].is_empty())
            .map(|r| {
                let (e, c) = r[12].split_once('.').unwrap();
                e.parse::<i64>().unwrap() * 100 + c.parse::<i64>().unwrap()
            })
            .sum()
    };
    // Every status: 752 251,25 € voted, as `contrat actions` lists it.
    assert_eq!(cents(&rows), 75_225_125);
    for id in ["2023-021", "2023-024", "2023-027"] {
        assert!(rows.iter().any(|r| r[0] == id), "{id} is listed");
    }
    // Funded and completed only: the 717 251,25 € of the coverage report.
    let counted = contrat(
        "examples/montauban-2023",
        &["--year", "2023", "--status", "funded,completed"],
    );
    assert_eq!(cents(&records(&counted.stdout)), 71_725_125);

    let json: serde_json::Value = serde_json::from_slice(
        &contrat(
            "examples/montauban-2023",
            &["--year", "2023", "--format", "json"],
        )
        .stdout,
    )
    .unwrap();
    assert_eq!(json["version"], 1);
    let first = &json["rows"][0];
    assert_eq!(json["rows"].as_array().unwrap().len(), 100);
    let mut keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let mut want = HEADER.to_vec();
    want.sort_unstable();
    assert_eq!(keys, want);
    assert_eq!(
        (
            first["id"].as_str(),
            &first["cost"],
            &first["voted"],
            &first["requested"]
        ),
        (
            Some("2023-001"),
            &serde_json::json!(30000),
            &serde_json::json!(8500),
            &serde_json::json!(10000)
        )
    );
}

#[test]
fn the_example_workbook_sums_to_the_coverage_figures() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2023.xlsx");
    contrat(
        "examples/montauban-2023",
        &["--year", "2023", "-o", path.to_str().unwrap()],
    );
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let coverage = book.worksheet_range("coverage").unwrap();
    assert_eq!(coverage.height(), 1 + 33);
    let cents: i64 = (1..34)
        .map(|r| match cell(&coverage, r, 4) {
            Data::Float(f) => (f * 100.0).round() as i64,
            other => panic!("funding is a number: {other:?}"),
        })
        .sum();
    assert_eq!(cents, 71_725_125);
    let gaps = book.worksheet_range("gaps").unwrap();
    // 42 gaps and the accepted one (tests/it/example.rs counts them: 39 of
    // the tree, the indicators and the actuals, and 3 funding gaps).
    assert_eq!(gaps.height(), 1 + 42 + 1);
}

#[test]
fn xlsx_needs_a_file_and_formats_must_agree() {
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/montauban-2023");
    for (args, message) in [
        (vec!["--format", "xlsx"], "give -o FILE.xlsx"),
        (
            vec!["--format", "csv", "-o", "out.xlsx"],
            "--format csv contradicts the extension",
        ),
        (vec!["-o", "out.txt"], "cannot tell the format"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_contrat"))
            .arg("--contract")
            .arg(&example)
            .arg("export")
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}
