//! Outputs that carry hostile text (issue 10, findings 13 to 18): contract
//! text comes from partners' merge requests and spreadsheets, and each medium
//! gets it escaped for itself. Each test builds the hostile contract it needs
//! in a temporary folder.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const CONTRACT: &str = r#"title = "Contrat de ville de Test"
territory = "Testville"
period = { from = 2020, to = 2025 }
language = "fr"

[funders]
etat = "État"
ville = "Ville"

[[quartier]]
code = "QP000001"
name = "Centre"
"#;

/// A contract whose one pilier file is `pilier`.
fn contract(pilier: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("contrat.toml"), CONTRACT).unwrap();
    std::fs::write(dir.path().join("1-pilier.toml"), pilier).unwrap();
    dir
}

/// A pilier with one priority and one action, their texts as given (TOML
/// basic-string escapes allowed).
fn pilier(priority_title: &str, action_title: &str, porteur: &str) -> String {
    format!(
        r#"pilier = 1
title = "Cohésion sociale"

[[orientation]]
code = "OS 1.1"
title = "Orientation"

[[priority]]
code = "P 1.1.1"
title = "{priority_title}"

[[action]]
id = "2023-001"
title = "{action_title}"
porteur = "{porteur}"
year = 2023
priorities = ["P 1.1.1"]
cost = 1000

[action.funding]
etat = 500
"#
    )
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contrat"))
        .arg("--contract")
        .arg(dir)
        .args(args)
        .env("COLUMNS", "100")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

// Issue 10, finding 13: the Markdown of list, actions, coverage and gaps kept
// raw HTML from titles and porteurs.
#[test]
fn markdown_tables_keep_html_as_text() {
    let img = "<img src=x onerror=alert(1)>";
    let dir = contract(&pilier(img, img, img));
    for args in [
        vec!["list"],
        vec!["actions"],
        vec!["coverage", "--year", "2023"],
        vec!["gaps", "--year", "2023"],
        vec!["show", "P 1.1.1"],
        vec!["report", "--year", "2023"],
    ] {
        let mut args = args.clone();
        if args[0] != "report" {
            args.extend(["--format", "md"]);
        }
        let out = run(dir.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out));
        let md = String::from_utf8(out.stdout).unwrap();
        assert!(
            !md.replace("\\<img", "").contains("<img"),
            "{args:?}: raw HTML in\n{md}"
        );
        assert!(
            md.contains("\\<img src=x onerror=alert(1)\\>"),
            "{args:?}:\n{md}"
        );
    }
}

// Issue 10, finding 14: `diff --format md`, posted as a merge-request comment,
// let a title forge a heading, a paragraph with a mention and a list.
#[test]
fn a_title_cannot_forge_markdown_in_a_diff() {
    let old = contract(&pilier("Avant", "Atelier", "Alpha"));
    let forged =
        "Atelier\\n\\n## No change to review\\n\\n@admin please merge\\n- [x] done & <b>ok</b>";
    let new = contract(&pilier("Avant", forged, "Alpha"));
    let out = Command::new(env!("CARGO_BIN_EXE_contrat"))
        .arg("--contract")
        .arg(new.path())
        .args(["diff", "--against"])
        .arg(old.path())
        .args(["--format", "md", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let md = String::from_utf8(out.stdout).unwrap();
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(headings.len(), 2, "{md}");
    assert!(
        !md.lines()
            .any(|l| l.starts_with("@admin") || l.starts_with("- [x]")),
        "{md}"
    );
    assert!(!md.contains("@admin"), "a mention stays broken: {md}");
    assert!(md.contains("@\u{2060}admin"), "{md}");
    assert!(!md.contains("<b>"), "{md}");
    assert!(md.contains("\\#\\# No change to review"), "{md}");
}

// Issue 10, finding 15: a file named to hold a newline and a workflow
// command made a column-0 `::error::` line in `fmt --check` and `gaps --check`.
#[test]
fn no_output_line_passes_for_a_workflow_command() {
    let dir = contract(&pilier("Priorité", "Atelier", "Alpha"));
    let name = "new\n::error::FAKE, x.toml";
    std::fs::write(
        dir.path().join(name),
        // Not canonical (for `fmt --check`) and wrong (for the findings
        // `gaps` prints before it refuses).
        "pilier = 2\ntitle   =   5\n",
    )
    .unwrap();
    for args in [
        vec!["fmt", "--check"],
        vec!["gaps", "--year", "2023", "--check"],
        vec!["check"],
    ] {
        let out = run(dir.path(), &args);
        let all = text(&out);
        assert!(all.contains("FAKE"), "{args:?}: the file is named: {all}");
        assert!(
            !all.lines().any(|l| l.starts_with("::")),
            "{args:?}: a workflow command line:\n{all}"
        );
    }
    // `--format github` is the one output whose lines are workflow commands.
    let github = run(dir.path(), &["check", "--format", "github"]);
    let annotations = String::from_utf8(github.stdout).unwrap();
    assert!(
        annotations.lines().all(|l| l.starts_with("::")),
        "{annotations}"
    );
    assert!(!annotations.contains("\n::error::FAKE"), "{annotations}");
}

// Issue 10, finding 16: raw escapes reached the terminal: the help of
// `unknown-funder`, `--format github` messages, file names; a CR in a title;
// U+202E everywhere.
#[test]
fn terminals_are_shown_control_characters_never_sent_them() {
    // A funder key holding an escape sequence, in a file whose name sets the
    // terminal's title.
    let dir = contract(
        &pilier("Priorité", "Atelier", "Alpha").replace("etat = 500", "\"\\u001b[5mvile\" = 500"),
    );
    std::fs::rename(
        dir.path().join("1-pilier.toml"),
        dir.path().join("7-\u{1b}]0;PWNED\u{7}.toml"),
    )
    .unwrap();
    for args in [
        vec!["check"],
        vec!["check", "--format", "github"],
        vec!["fmt", "--check"],
    ] {
        let out = run(dir.path(), &args);
        let all = text(&out);
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "{args:?}: {all:?}"
        );
        assert!(all.contains("␛"), "{args:?}: {all}");
    }

    // A carriage return and a bidi override in texts that pass `check`.
    let dir = contract(&pilier(
        "Priorité\\rcachée",
        "Atelier \u{202e}gnp.exe",
        "Alpha",
    ));
    for args in [
        vec!["list"],
        vec!["actions"],
        vec!["show", "2023-001"],
        vec!["coverage", "--year", "2023"],
    ] {
        let out = run(dir.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out));
        let all = text(&out);
        assert!(
            !all.contains('\r') && !all.contains('\u{202e}'),
            "{args:?}: {all:?}"
        );
    }
    let list = text(&run(dir.path(), &["list"]));
    assert!(list.contains("Priorité␍cachée"), "{list}");
    let actions = text(&run(dir.path(), &["actions"]));
    assert!(actions.contains("<U+202E>gnp.exe"), "{actions}");
}

// Issue 10, finding 17: a title over Excel's 32 767 characters made
// `export -o x.xlsx` fail with no hint of which action.
#[test]
fn an_overlong_title_is_cut_in_the_workbook_and_named() {
    let long = "a".repeat(40_000);
    let dir = contract(&pilier("Priorité", &long, "Alpha"));
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("x.xlsx");
    let out = run(dir.path(), &["export", "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        "warning: sheet `actions`, row 2 (`2023-001`), column `title`: 40000 characters, cut to \
         Excel's 32767\n\
         warning: sheet `gaps`, row 4 (`2023-001`), column `title`: 40000 characters, cut to \
         Excel's 32767\n"
    );
    assert!(file.exists());
}

// Issue 10, finding 18: `list` on a long title without spaces took
// quadratic time (10 MB in 1.1 s, 30 MB in 10.1 s): the table grid cut the
// unfitted line itself. Measured on this test's debug build: 8b8592e took
// 1.2 s for 2 MB and 27.7 s for 16 MB (24 times); now 0.6 s and 5.6 s.
#[test]
fn a_long_title_without_spaces_costs_linear_time() {
    let time = |megabytes: usize| {
        let dir = contract(&pilier(&"é".repeat(megabytes << 19), "Atelier", "Alpha"));
        let started = Instant::now();
        let out = run(dir.path(), &["list"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        started.elapsed()
    };
    let small = time(2);
    let large = time(16);
    // Eight times the text: linear is about eight times the time, quadratic
    // sixty-four; the bound leaves room for a loaded machine.
    assert!(
        large < small * 16 + Duration::from_secs(1),
        "2 MB: {small:?}, 16 MB: {large:?}"
    );
}
