//! The errors a newcomer meets in the first hour (issue 11), each with its
//! message and exit code. Those the README shows (a folder without
//! contrat.toml, `--year 2023-2024`, `--quartier Sapiac`, `show Chambord`) are
//! run by tests/readme.rs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn contrat_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contrat"))
        .current_dir(dir)
        .args(args)
        .env_remove("CONTRAT_DIR")
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_year_outside_the_period_is_one_usage_error_in_every_command() {
    for command in ["coverage", "gaps", "actions", "export", "report"] {
        let out = contrat_in(
            &root(),
            &[
                "--contract",
                "examples/montauban-2023",
                command,
                "--year",
                "2030",
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert_eq!(
            stderr(&out),
            "error: invalid value `2030` for --year: the contract runs from 2015 to 2023\n",
            "{command}"
        );
        assert!(stdout(&out).is_empty(), "{command}");
    }
    let range = contrat_in(
        &root(),
        &[
            "--contract",
            "examples/montauban-2023",
            "gaps",
            "--year",
            "2022..2024",
        ],
    );
    assert_eq!(range.status.code(), Some(2));
    assert_eq!(
        stderr(&range),
        "error: invalid value `2022..2024` for --year: the contract runs from 2015 to 2023\n"
    );
}

#[test]
fn outside_a_repository_the_missing_folder_says_how_to_name_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = contrat_in(dir.path(), &["list"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: contract folder `contract` does not exist\n\
         help: name the folder that holds contrat.toml with --contract DIR (or the environment \
         variable CONTRAT_DIR), or create a new contract with `contrat init DIR --territory NAME`\n"
    );
}

/// A repository holding a copy of the example, its git history empty.
fn fresh_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let contract = dir.path().join("contract");
    std::fs::create_dir(&contract).unwrap();
    for entry in std::fs::read_dir(root().join("examples/mistakes")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, contract.join(path.file_name().unwrap())).unwrap();
    }
    let git = Command::new("git")
        .args(["init", "-q"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(git.status.success());
    dir
}

#[test]
fn diff_right_after_git_init_says_to_commit_first() {
    let repo = fresh_repository();
    let out = contrat_in(repo.path(), &["diff"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: unknown revision `HEAD`: the repository has no commit yet; commit the contract \
         first (`git add` then `git commit`), or compare with another folder: `contrat diff \
         --against DIR`\n"
    );
}

#[test]
fn diff_without_git_says_git_is_missing() {
    let repo = fresh_repository();
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_contrat"))
        .current_dir(repo.path())
        .arg("diff")
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.starts_with("error: cannot run `git`: ")
            && message.ends_with(
                "`contrat diff` reads revisions with git: install it, or compare two folders \
                 with `contrat diff --against DIR`\n"
            )
            && !message.contains("not inside a git repository"),
        "{message}"
    );
}

#[test]
fn init_needs_a_territory() {
    let dir = tempfile::tempdir().unwrap();
    let out = contrat_in(dir.path(), &["init", "contract"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("the following required arguments were not provided:\n  --territory <NAME>"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("contract").exists());
}

#[test]
fn schema_alone_names_its_choices() {
    let out = contrat_in(&root(), &["schema"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: name the file whose schema to print: `contrat schema contrat` (contrat.toml) or \
         `contrat schema pilier` (a pilier file); `contrat schema --out DIR` writes both\n"
    );
}

#[test]
fn a_missing_key_hides_no_other_finding_of_its_action() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join("examples/mistakes")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    // The porteur's key misspelt, and the quartier unknown, in one action.
    let pilier = dir.path().join("1-cohesion-sociale.toml");
    let text = std::fs::read_to_string(&pilier)
        .unwrap()
        .replace("porteur = ", "porteurr = ")
        .replace("Les Hauts de Mirandelle\"]", "Les Hauts\"]");
    std::fs::write(&pilier, text).unwrap();
    let out = contrat_in(
        dir.path(),
        &["--contract", ".", "check", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    // Every finding of the action in one run, the quartier's included.
    assert_eq!(
        rules,
        [
            "missing-key",
            "unknown-key",
            "unknown-code",
            "unknown-quartier",
            "unknown-funder"
        ]
    );
}
