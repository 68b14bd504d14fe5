//! The four formats of one report agree, and JSON has the documented shape
//! (README, "Output formats").

use std::process::Command;

use serde_json::Value;

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_contrat"))
        .args(["--contract", "tests/fixtures/programmation"])
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
    String::from_utf8(out.stdout).unwrap()
}

fn keys(v: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

#[test]
fn coverage_json_has_the_documented_shape() {
    let text = run(&["coverage", "--year", "2023", "--format", "json"]);
    assert_eq!(
        text,
        run(&["coverage", "--year", "2023", "--format", "json"]),
        "deterministic"
    );
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(keys(&doc), ["by", "rows", "total", "version", "years"]);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["by"], "priority");
    assert_eq!(doc["years"], serde_json::json!([2023]));
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    for row in rows {
        assert_eq!(
            keys(row),
            [
                "actions",
                "beneficiaries_actual",
                "beneficiaries_planned",
                "cost",
                "cost_known",
                "funding",
                "key",
                "main_actions",
                "title"
            ]
        );
    }
    assert_eq!(rows[0]["key"], "P 1.1.1");
    assert_eq!(rows[0]["funding"], 8000.5);
    let total = &doc["total"];
    assert_eq!(total["key"], "total");
    assert_eq!(
        (total["covered"].as_u64(), total["priorities"].as_u64()),
        (Some(3), Some(6))
    );
    // Money counts once, on the main priority: the rows add up to the total.
    let cents = |v: &Value| (v.as_f64().unwrap() * 100.0).round() as i64;
    let sum: i64 = rows.iter().map(|r| cents(&r["funding"])).sum();
    assert_eq!(sum, cents(&total["funding"]));
    assert_eq!(cents(&total["funding"]), 1_700_100);
}

#[test]
fn coverage_per_year_json_adds_a_list_per_row() {
    let doc: Value = serde_json::from_str(&run(&[
        "coverage",
        "--year",
        "2022..2023",
        "--per-year",
        "--format",
        "json",
    ]))
    .unwrap();
    let p111 = &doc["rows"][0];
    let years: Vec<(u64, u64)> = p111["per_year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| (y["year"].as_u64().unwrap(), y["actions"].as_u64().unwrap()))
        .collect();
    assert_eq!(years, [(2022, 1), (2023, 1)]);
    assert_eq!(p111["actions"], 2);
}

#[test]
fn four_formats_of_one_report_agree() {
    let args = ["coverage", "--year", "2023", "--by", "orientation"];
    let format = |f: &str| run(&[&args[..], &["--format", f]].concat());
    let json: Value = serde_json::from_str(&format("json")).unwrap();
    let csv_text = format("csv");
    let mut csv = csv::Reader::from_reader(csv_text.as_bytes());
    let headers: Vec<String> = csv.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        headers,
        [
            "key",
            "title",
            "actions",
            "main_actions",
            "funding",
            "cost",
            "cost_known",
            "beneficiaries_planned",
            "beneficiaries_actual",
            "covered",
            "priorities"
        ]
    );
    let records: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    let md = format("md");
    let table = format("table");
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(records.len(), rows.len());
    // Markdown: header, rule, one line per row, the total (then the notes).
    assert_eq!(
        md.lines().filter(|l| l.starts_with('|')).count(),
        2 + rows.len() + 1
    );
    for (record, row) in records.iter().zip(rows) {
        let key = row["key"].as_str().unwrap();
        assert_eq!(&record[0], key);
        assert_eq!(
            record[2].parse::<u64>().unwrap(),
            row["actions"].as_u64().unwrap()
        );
        // CSV money: plain, two decimals.
        let funding = &record[4];
        assert_eq!(
            funding.split('.').nth(1).map(str::len),
            Some(2),
            "{funding}"
        );
        assert_eq!(
            funding.parse::<f64>().unwrap(),
            row["funding"].as_f64().unwrap()
        );
        let covered = format!("{}/{}", row["covered"], row["priorities"]);
        assert_eq!(format!("{}/{}", &record[9], &record[10]), covered);
        assert!(
            md.lines()
                .any(|l| l.starts_with(&format!("| {key} |"))
                    && l.ends_with(&format!("| {covered} |"))),
            "{md}"
        );
        assert!(
            table
                .lines()
                .any(|l| l.contains(key) && l.contains(&covered)),
            "{table}"
        );
    }
}

#[test]
fn gaps_json_has_the_documented_shape() {
    let doc: Value =
        serde_json::from_str(&run(&["gaps", "--year", "2023", "--format", "json"])).unwrap();
    assert_eq!(
        keys(&doc),
        ["accepted", "counts", "gaps", "version", "years"]
    );
    assert_eq!(doc["version"], 1);
    let gaps = doc["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 10);
    let counted: u64 = doc["counts"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(counted, 10);
    assert_eq!(doc["counts"]["uncovered-priority"], 2);
    for gap in gaps {
        assert!(
            gap["kind"].is_string() && gap["code"].is_string() && gap["title"].is_string(),
            "{gap}"
        );
    }
    assert_eq!(gaps[0]["kind"], "uncovered-priority");
    assert_eq!(gaps[0]["code"], "P 1.1.2");
    let funding = gaps.iter().find(|g| g["kind"] == "funding-gap").unwrap();
    assert_eq!(funding["action"], "2023-001");
    assert_eq!(funding["code"], "P 1.1.1");
    assert_eq!(
        (
            funding["cost"].as_f64(),
            funding["funding"].as_f64(),
            funding["missing"].as_f64()
        ),
        (Some(12000.0), Some(8000.5), Some(3999.5))
    );
    let accepted = doc["accepted"].as_array().unwrap();
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0]["code"], "P 1.2.1");
    assert_eq!(accepted[0]["reason"], "Porté par l'Éducation nationale.");
}

#[test]
fn actions_json_carries_every_field() {
    let doc: Value = serde_json::from_str(&run(&[
        "actions", "--year", "2023", "--status", "funded", "--format", "json",
    ]))
    .unwrap();
    let actions = doc["actions"].as_array().unwrap();
    let ids: Vec<&str> = actions.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["2023-001", "2023-005"]);
    let a = &actions[0];
    assert_eq!(
        a["quartiers"],
        serde_json::json!(["QP000002", "QP000001"]),
        "codes, whatever spelling the file uses"
    );
    assert_eq!(
        a["funding"],
        serde_json::json!({"caf": 3000.5, "etat": 5000})
    );
    assert_eq!(a["funding_total"], 8000.5);
    assert_eq!(a["requested"], serde_json::json!({"etat": 6000}));
    assert_eq!(a["renews"], "2022-001");
    assert_eq!(a["main_priority"], "P 1.1.1");
}

/// Every CSV the tool writes defuses cells a spreadsheet would run, not only
/// `export`'s (the fixture's porteur is `=HYPERLINK(…)`, a title `+cmd`).
#[test]
fn every_csv_defuses_formulas() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_contrat"))
            .args(["--contract", "tests/fixtures/hostile"])
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    for (args, defused) in [
        (&["actions", "--format", "csv"][..], "'=HYPERLINK"),
        (
            &["coverage", "--by", "porteur", "--format", "csv"],
            "'=HYPERLINK",
        ),
        (&["gaps", "--format", "csv"], "'+cmd"),
    ] {
        let text = run(args);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{args:?}: {cell:?}"
                );
            }
        }
        assert!(text.contains(defused), "{args:?}:\n{text}");
    }
}
