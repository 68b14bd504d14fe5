//! What the tests share: one way to run the binary, one way to open a
//! contract folder, and the small helpers every file would otherwise repeat.

#![allow(dead_code)] // each test module uses a part

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use contrat::analysis::{Filter, FilterSpec, Years};
use contrat::check::{self, Options};
use contrat::load::{self, Loaded};
use contrat::model::{Code, CodeKind, Contract, Money, Tree};

/// The repository's root: where `contract/`, `examples/` and `tests/` are.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path below the repository's root.
pub fn repo(relative: &str) -> PathBuf {
    root().join(relative)
}

/// The binary, run in `dir` with `args`, as a person runs it: no
/// `CONTRAT_DIR`, no `COLUMNS` from the environment of the test run.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_contrat"));
    command
        .current_dir(dir)
        .args(args)
        .env_remove("CONTRAT_DIR")
        .env_remove("COLUMNS");
    command
}

/// Runs the binary in `dir`.
pub fn contrat(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("the binary runs")
}

/// Runs the binary from the repository's root.
pub fn contrat_here(args: &[&str]) -> Output {
    contrat(root(), args)
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A contract folder of the repository, loaded and checked.
pub fn loaded(folder: &str) -> Loaded {
    let mut loaded = load::load(&repo(folder)).expect("the folder exists");
    check::run(&mut loaded, Options::default());
    loaded
}

/// A contract folder of the repository that passes `check --deny-warnings`.
pub fn open(folder: &str) -> Contract {
    clean(
        load::load(&repo(folder)).expect("the folder exists"),
        folder,
    )
}

/// The contract of a loaded folder, which must pass `check
/// --deny-warnings` (`what` names it in the failure).
pub fn clean(mut loaded: Loaded, what: &str) -> Contract {
    check::run(
        &mut loaded,
        Options {
            deny_warnings: true,
        },
    );
    let findings: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert!(findings.is_empty(), "{what}: {findings:?}");
    loaded.contract
}

/// The example programmation, `examples/montauban-2023`.
pub fn example() -> Contract {
    open("examples/montauban-2023")
}

/// The filter of some years (`2023`, `2022..2023`).
pub fn years(contract: &Contract, years: &str) -> Filter {
    FilterSpec {
        years: Some(Years::parse(years).unwrap()),
        ..FilterSpec::default()
    }
    .resolve(contract)
    .unwrap()
}

/// Cents written as `euros_cents` (`79000_00`), to read as euros.
pub fn eur(cents: i64) -> Money {
    Money::from_cents(cents)
}

/// A copy of a folder of the repository in a temporary folder, as
/// `TMP/contract`.
pub fn sandbox(from: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_folder(&repo(from), &dir.path().join("contract"));
    dir
}

/// Copies the files of a folder (not its subfolders).
pub fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// Every file below a folder and its bytes: to see what a command changed.
pub fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(root).unwrap().to_owned();
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

/// git in `dir` with `args`, a fixed identity and no user configuration.
pub fn git_command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid");
    command
}

/// Runs git in `dir`, with a fixed identity and no user configuration.
pub fn git(dir: &Path, args: &[&str]) -> Output {
    git_command(dir, args).output().expect("git runs")
}

/// The levels of the 2015–2023 tree.
pub const PILIER: CodeKind = CodeKind::Level(0);
pub const ORIENTATION: CodeKind = CodeKind::Level(1);
pub const PRIORITY: CodeKind = CodeKind::Level(2);

/// A code of the 2015–2023 tree, in any form `contrat` reads: `P 1.2.3`.
pub fn code(text: &str) -> Code {
    Tree::default().read_loose(text).expect("a code")[0]
}
