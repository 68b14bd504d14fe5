//! No command writes outside the contract folder or the file given with `-o`
//! (or the folder given with `--out`): each command runs in a sandbox, and the
//! sandbox's files before and after are compared.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every file below `root` with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(
                    path.strip_prefix(root).unwrap().to_owned(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    files
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// A sandbox: `contract/` (the example programmation) and an empty `work/`
/// folder to run in.
fn sandbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/montauban-2023");
    copy_dir(&example, &dir.path().join("contract"));
    std::fs::create_dir(dir.path().join("work")).unwrap();
    std::fs::write(
        dir.path().join("work/prog.csv"),
        "Intitulé,Porteur,Priorité,Année,Coût total,etat\nAtelier importé,Association Import,P 1.1.2,2023,5000,2000\n",
    )
    .unwrap();
    dir
}

/// Runs a command in `work/` and returns the files it created, changed or
/// removed in the whole sandbox.
fn changes(args: &[&str]) -> Vec<String> {
    let dir = sandbox();
    let before = snapshot(dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_contrat"))
        .args(["--contract", "../contract"])
        .args(args)
        .current_dir(dir.path().join("work"))
        .env_remove("CONTRAT_DIR")
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = snapshot(dir.path());
    let mut changed: Vec<String> = before
        .keys()
        .chain(after.keys())
        .filter(|p| before.get(*p) != after.get(*p))
        .map(|p| p.display().to_string())
        .collect();
    changed.sort();
    changed.dedup();
    changed
}

#[test]
fn reading_commands_write_nothing() {
    for args in [
        &["check"][..],
        &["list"],
        &["show", "P 1.2.3"],
        &["actions", "--year", "2023"],
        &["coverage", "--year", "2023"],
        &["gaps", "--year", "2023", "--check"],
        &["report", "--year", "2023"],
        &["export", "--year", "2023", "--format", "csv"],
        &["diff", "--against", "../contract"],
        &["fmt", "--check"],
        &["import", "prog.csv", "--dry-run"],
        &["schema", "pilier"],
        &["completions", "bash"],
        &["man"],
    ] {
        assert_eq!(changes(args), Vec::<String>::new(), "{args:?}");
    }
}

#[test]
fn writing_commands_write_only_their_own_files() {
    assert_eq!(
        changes(&["report", "--year", "2023", "-o", "bilan.md"]).len(),
        // The Markdown and its six charts.
        7
    );
    for file in changes(&["report", "--year", "2023", "-o", "bilan.md"]) {
        assert!(file.starts_with("work/bilan"), "{file}");
    }
    assert_eq!(
        changes(&["report", "--year", "2023", "-o", "bilan.html"]),
        ["work/bilan.html"]
    );
    assert_eq!(
        changes(&["export", "--year", "2023", "-o", "actions.xlsx"]),
        ["work/actions.xlsx"]
    );
    assert_eq!(
        changes(&["schema", "--out", "schemas"]),
        [
            "work/schemas/contrat.schema.json",
            "work/schemas/pilier.schema.json"
        ]
    );
    for file in changes(&["man", "--out", "man1"]) {
        assert!(file.starts_with("work/man1/contrat"), "{file}");
    }
    assert_eq!(
        changes(&["init", "nouveau", "--territory", "Nouveau"]),
        [
            "work/nouveau/.gitattributes",
            "work/nouveau/1-cohesion-sociale.toml",
            "work/nouveau/contrat.toml",
            "work/nouveau/schema/contrat.schema.json",
            "work/nouveau/schema/pilier.schema.json",
        ]
    );
    // Edits touch the pilier file of the action's main priority, and the
    // registry when they bring a porteur new to it.
    assert_eq!(
        changes(&[
            "add",
            "action",
            "--year",
            "2023",
            "--title",
            "Atelier",
            "--porteur",
            "Association",
            "--priority",
            "P 1.1.2"
        ]),
        ["contract/1-cohesion-sociale.toml", "contract/contrat.toml"]
    );
    assert_eq!(
        changes(&["import", "prog.csv"]),
        // The example keeps a porteur registry: import registers the new
        // porteur there.
        ["contract/1-cohesion-sociale.toml", "contract/contrat.toml"]
    );
    // The example is canonical: fmt rewrites nothing.
    assert_eq!(changes(&["fmt"]), Vec::<String>::new());
}
