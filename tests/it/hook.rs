//! `examples/git-hooks/pre-commit` in a temporary repository: it checks the
//! staged contract, not the working tree.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const CONTRACT: &str = "title = \"T\"\nterritory = \"T\"\nperiod = { from = 2020, to = 2025 }\n";
const PILIER: &str = "\
pilier = 1
title = \"P\"

[[orientation]]
code = \"OS 1.1\"
title = \"O\"

[[priority]]
code = \"P 1.1.1\"
title = \"Q\"
";

fn git(dir: &Path, args: &[&str]) -> Output {
    let hooks = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/git-hooks");
    Command::new("git")
        .current_dir(dir)
        .arg("-c")
        .arg(format!("core.hooksPath={}", hooks.display()))
        .args(["-c", "user.name=t", "-c", "user.email=t@t"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("CONTRAT", env!("CARGO_BIN_EXE_contrat"))
        .env("NO_COLOR", "1")
        .env_remove("CONTRAT_DIR")
        .output()
        .expect("run git")
}

fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    assert!(git(root, &["init", "-q"]).status.success());
    fs::create_dir(root.join("contract")).unwrap();
    fs::write(root.join("contract/contrat.toml"), CONTRACT).unwrap();
    fs::write(root.join("contract/1-p.toml"), PILIER).unwrap();
    dir
}

fn commit(root: &Path) -> Output {
    git(root, &["commit", "-q", "-m", "change"])
}

#[test]
fn a_clean_staged_contract_commits() {
    let repo = repository();
    let root = repo.path();
    git(root, &["add", "-A"]);
    let out = commit(root);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_non_canonical_staged_file_is_refused_even_if_fixed_unstaged() {
    let repo = repository();
    let root = repo.path();
    fs::write(
        root.join("contract/1-p.toml"),
        PILIER.replace("code = \"P 1.1.1\"", "code = \"P1.1.1\""),
    )
    .unwrap();
    git(root, &["add", "-A"]);
    // The working tree is fixed, but not staged: the commit would hold the loose code.
    fs::write(root.join("contract/1-p.toml"), PILIER).unwrap();
    let out = commit(root);
    assert!(
        !out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pre-commit: the staged contract is not in canonical form"),
        "{stderr}"
    );
    // git sends a hook's standard output to standard error.
    assert!(
        stderr.contains("-code = \"P1.1.1\"\n+code = \"P 1.1.1\""),
        "{stderr}"
    );
}

#[test]
fn a_staged_contract_with_errors_is_refused() {
    let repo = repository();
    let root = repo.path();
    let bad = format!(
        "{PILIER}\n[[action]]\nid = \"2023-001\"\ntitle = \"A\"\nporteur = \"B\"\nyear = 2023\npriorities = [\"P 1.1.9\"]\n"
    );
    fs::write(root.join("contract/1-p.toml"), bad).unwrap();
    git(root, &["add", "-A"]);
    let out = commit(root);
    assert!(
        !out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pre-commit: the staged contract does not pass `contrat check`"),
        "{stderr}"
    );
    assert!(stderr.contains("error[unknown-code]"), "{stderr}");
}

#[test]
fn commits_that_leave_the_contract_alone_are_not_checked() {
    let repo = repository();
    let root = repo.path();
    fs::write(root.join("contract/1-p.toml"), "pilier = \n").unwrap();
    fs::write(root.join("notes.txt"), "x\n").unwrap();
    git(root, &["add", "notes.txt"]);
    let out = commit(root);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
