//! `contrat diff` in a temporary git repository made by the test: between two
//! revisions, a revision and the working tree, HEAD and the working tree,
//! another folder; and the textconv form, also through `git diff` itself.
//!
//! The two commits, by hand:
//!
//! | item            | commit one            | commit two                        |
//! |-----------------|-----------------------|-----------------------------------|
//! | Pilier 1        | "Cohésion"            | "Cohésion sociale" (retitled)     |
//! | OS 1.2          | —                     | "Éducation" (added)               |
//! | P 1.1.1         | "Jeunes."             | — (removed)                       |
//! | P 1.1.2         | "Accès aux droits."   | "Accès aux droits et urgences."   |
//! | P 1.1.3         | "Personnes âgées."    | now P 1.2.1 (renumbered)          |
//! | OT 2            | —                     | "Numérique" (added)               |
//! | 2023-001        | porteur Alpha, État 8 000 €, funded | Alpha association, État 10 000 €, Ville 1 500,50 €, completed |
//! | 2023-002        | on P 1.1.1            | — (removed)                       |
//! | 2023-003        | —                     | "Forum" on P 1.2.1 (added)        |
//!
//! 2023-001 names P 1.1.2, whose text changed: it is to review. The working
//! tree then raises the cost of 2023-001 from 10 000 € to 12 000 €.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::{Value, json};

const CONTRACT_ONE: &str = "\
title = \"Contrat de ville de Testville\"
territory = \"Testville\"
period = { from = 2020, to = 2025 }
language = \"fr\"

[funders]
etat = \"État\"
ville = \"Ville\"

[[transversal]]
code = \"OT 1\"
title = \"Coordination\"
";

const PILIER_ONE: &str = "\
pilier = 1
title = \"Cohésion\"

[[orientation]]
code = \"OS 1.1\"
title = \"Publics fragiles\"

[[priority]]
code = \"P 1.1.1\"
title = \"Jeunes.\"

[[priority]]
code = \"P 1.1.2\"
title = \"Accès aux droits.\"

[[priority]]
code = \"P 1.1.3\"
title = \"Personnes âgées.\"

[[action]]
id = \"2023-001\"
title = \"Ateliers\"
porteur = \"Alpha\"
year = 2023
priorities = [\"P 1.1.2\"]
cost = 10000

[action.funding]
etat = 8000

[[action]]
id = \"2023-002\"
title = \"Permanence\"
porteur = \"Beta\"
year = 2023
priorities = [\"P 1.1.1\"]
";

const PILIER_TWO: &str = "\
pilier = 1
title = \"Cohésion sociale\"

[[orientation]]
code = \"OS 1.1\"
title = \"Publics fragiles\"

[[priority]]
code = \"P 1.1.2\"
title = \"Accès aux droits et urgences.\"

[[orientation]]
code = \"OS 1.2\"
title = \"Éducation\"

[[priority]]
code = \"P 1.2.1\"
title = \"Personnes âgées.\"

[[action]]
id = \"2023-001\"
title = \"Ateliers\"
porteur = \"Alpha association\"
year = 2023
priorities = [\"P 1.1.2\"]
cost = 10000
status = \"completed\"

[action.funding]
etat = 10000
ville = 1500.50

[[action]]
id = \"2023-003\"
title = \"Forum\"
porteur = \"Gamma\"
year = 2023
priorities = [\"P 1.2.1\"]
";

fn contract_two() -> String {
    format!("{CONTRACT_ONE}\n[[transversal]]\ncode = \"OT 2\"\ntitle = \"Numérique\"\n")
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn commit(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(
        dir,
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "-q",
            "-m",
            message,
        ],
    );
}

/// A repository with the two commits, and the working tree's change.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    fs::create_dir(root.join("contract")).unwrap();
    fs::write(root.join("contract/contrat.toml"), CONTRACT_ONE).unwrap();
    fs::write(root.join("contract/1-cohesion.toml"), PILIER_ONE).unwrap();
    fs::write(root.join("README.md"), "not part of the contract\n").unwrap();
    commit(root, "one");
    fs::write(root.join("contract/contrat.toml"), contract_two()).unwrap();
    fs::write(root.join("contract/1-cohesion.toml"), PILIER_TWO).unwrap();
    commit(root, "two");
    let working = PILIER_TWO.replace("cost = 10000", "cost = 12000");
    fs::write(root.join("contract/1-cohesion.toml"), working).unwrap();
    dir
}

fn contrat(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contrat"))
        .current_dir(dir)
        .args(args)
        .env_remove("CONTRAT_DIR")
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("run contrat")
}

fn stdout(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn diff_json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["diff"];
    all.extend(args);
    all.extend(["--format", "json"]);
    serde_json::from_str(&stdout(&contrat(dir, &all))).unwrap()
}

#[test]
fn between_two_revisions_every_change_kind() {
    let repo = repository();
    let got = diff_json(repo.path(), &["HEAD~1", "HEAD"]);
    let expected = json!({
        "version": 1,
        "from": "HEAD~1",
        "to": "HEAD",
        "tree": [
            {"level": "pilier", "change": "retitled", "code": "Pilier 1",
             "old_title": "Cohésion", "new_title": "Cohésion sociale"},
            {"level": "priority", "change": "removed", "code": "P 1.1.1", "title": "Jeunes."},
            {"level": "priority", "change": "retitled", "code": "P 1.1.2",
             "old_title": "Accès aux droits.", "new_title": "Accès aux droits et urgences."},
            {"level": "orientation", "change": "added", "code": "OS 1.2", "title": "Éducation"},
            {"level": "priority", "change": "renumbered", "old_code": "P 1.1.3",
             "new_code": "P 1.2.1", "title": "Personnes âgées."},
            {"level": "transversal", "change": "added", "code": "OT 2", "title": "Numérique"},
        ],
        "actions": {
            "added": [{"id": "2023-003", "year": 2023, "title": "Forum"}],
            "removed": [{"id": "2023-002", "year": 2023, "title": "Permanence"}],
            "changed": [{"id": "2023-001", "year": 2023, "title": "Ateliers", "fields": [
                {"field": "porteur", "old": "Alpha", "new": "Alpha association"},
                {"field": "funding.etat", "old": 8000, "new": 10000},
                {"field": "funding.ville", "old": null, "new": 1500.5},
                {"field": "status", "old": "funded", "new": "completed"},
            ]}],
        },
        "to_review": [{"id": "2023-001", "year": 2023, "title": "Ateliers", "priorities": ["P 1.1.2"]}],
        "posts": {"added": [], "removed": [], "changed": []},
        "porteurs": {"added": [], "removed": [], "changed": []},
        "quartiers": {"added": [], "removed": [], "indicators": []},
    });
    assert_eq!(got, expected);
}

#[test]
fn markdown_for_a_merge_request() {
    let repo = repository();
    let got = stdout(&contrat(
        repo.path(),
        &["diff", "HEAD~1", "HEAD", "--format", "md", "--lang", "en"],
    ));
    // `~` is escaped: in GitHub Markdown two of them strike text through.
    let expected = "\
# Changes to the contract: HEAD\\~1 → HEAD

## Piliers

- **Pilier 1** retitled: \"Cohésion\" → \"Cohésion sociale\"

## Orientations

- **OS 1.2** added: \"Éducation\"

## Priorities

- **P 1.1.1** removed: \"Jeunes.\"
- **P 1.1.2** retitled: \"Accès aux droits.\" → \"Accès aux droits et urgences.\"
- **P 1.1.3 → P 1.2.1** renumbered: \"Personnes âgées.\"

## Transversal orientations

- **OT 2** added: \"Numérique\"

## Actions added

- **2023-003** \"Forum\" (2023)

## Actions removed

- **2023-002** \"Permanence\" (2023)

## Actions changed

- **2023-001** \"Ateliers\"
  - porteur: \"Alpha\" → \"Alpha association\"
  - funding voted (État): €8,000 → €10,000
  - funding voted (Ville): — → €1,500.50
  - status: funded → completed

## To review

- **2023-001** \"Ateliers\" names P 1.1.2, whose text changed
";
    assert_eq!(got, expected);
}

#[test]
fn markdown_in_the_contracts_language() {
    let repo = repository();
    let got = stdout(&contrat(
        repo.path(),
        &["diff", "HEAD~1", "HEAD", "--format", "md"],
    ));
    // French quotes and money: no-break spaces inside « », between thousands
    // and before the euro sign and the colon.
    let expected = "\
# Changements du contrat\u{a0}: HEAD\\~1 → HEAD

## Piliers

- **Pilier 1** nouvel intitulé\u{a0}: «\u{a0}Cohésion\u{a0}» → «\u{a0}Cohésion sociale\u{a0}»

## Orientations

- **OS 1.2** ajout\u{a0}: «\u{a0}Éducation\u{a0}»

## Priorités

- **P 1.1.1** suppression\u{a0}: «\u{a0}Jeunes.\u{a0}»
- **P 1.1.2** nouvel intitulé\u{a0}: «\u{a0}Accès aux droits.\u{a0}» → «\u{a0}Accès aux droits et urgences.\u{a0}»
- **P 1.1.3 → P 1.2.1** nouveau code\u{a0}: «\u{a0}Personnes âgées.\u{a0}»

## Orientations transversales

- **OT 2** ajout\u{a0}: «\u{a0}Numérique\u{a0}»

## Actions ajoutées

- **2023-003** «\u{a0}Forum\u{a0}» (2023)

## Actions supprimées

- **2023-002** «\u{a0}Permanence\u{a0}» (2023)

## Actions modifiées

- **2023-001** «\u{a0}Ateliers\u{a0}»
  - porteur\u{a0}: «\u{a0}Alpha\u{a0}» → «\u{a0}Alpha association\u{a0}»
  - financement voté (État)\u{a0}: 8\u{a0}000\u{a0}€ → 10\u{a0}000\u{a0}€
  - financement voté (Ville)\u{a0}: — → 1\u{a0}500,50\u{a0}€
  - statut\u{a0}: financée → réalisée

## À revoir

- **2023-001** «\u{a0}Ateliers\u{a0}» cite P 1.1.2, dont le texte a changé
";
    assert_eq!(got, expected);
}

#[test]
fn working_tree_against_head_and_against_a_revision() {
    let repo = repository();
    let cost_only = json!([{"id": "2023-001", "year": 2023, "title": "Ateliers", "fields": [
        {"field": "cost", "old": 10000, "new": 12000},
    ]}]);
    let head = diff_json(repo.path(), &[]);
    assert_eq!(head["from"], "HEAD");
    assert_eq!(head["to"], "the working tree");
    assert_eq!(head["tree"], json!([]));
    assert_eq!(head["actions"]["changed"], cost_only);
    assert_eq!(head["to_review"], json!([]));

    // Against the first commit: commit two's changes plus the cost.
    let one = diff_json(repo.path(), &["HEAD~1"]);
    assert_eq!(one["to"], "the working tree");
    assert_eq!(one["tree"].as_array().unwrap().len(), 6);
    let fields: Vec<&str> = one["actions"]["changed"][0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["porteur", "cost", "funding.etat", "funding.ville", "status"]
    );

    // A person reads the change in the contract's terms and language.
    let text = stdout(&contrat(repo.path(), &["diff"]));
    assert!(text.contains("Actions modifiées"), "{text}");
    assert!(text.contains("la copie de travail"), "{text}");
    assert!(
        text.contains("coût\u{a0}: 10\u{a0}000\u{a0}€ → 12\u{a0}000\u{a0}€"),
        "{text}"
    );
}

#[test]
fn from_a_subfolder_and_with_contract_elsewhere() {
    let repo = repository();
    let sub = repo.path().join("contract");
    let out = contrat(
        &sub,
        &[
            "--contract",
            ".",
            "diff",
            "HEAD~1",
            "HEAD",
            "--format",
            "json",
        ],
    );
    let got: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(got["actions"]["added"][0]["id"], "2023-003");
}

#[test]
fn no_change_is_said_and_exits_zero() {
    let repo = repository();
    let got = stdout(&contrat(
        repo.path(),
        &["diff", "HEAD", "HEAD", "--lang", "en"],
    ));
    assert_eq!(got, "No change to the contract from HEAD to HEAD.\n");
    let got = stdout(&contrat(repo.path(), &["diff", "HEAD", "HEAD"]));
    assert_eq!(got, "Aucun changement du contrat de HEAD à HEAD.\n");
}

#[test]
fn against_another_folder() {
    let repo = repository();
    let old = tempfile::tempdir().unwrap();
    fs::write(old.path().join("contrat.toml"), contract_two()).unwrap();
    fs::write(old.path().join("1-cohesion.toml"), PILIER_TWO).unwrap();
    let got = diff_json(repo.path(), &["--against", old.path().to_str().unwrap()]);
    assert_eq!(got["from"], old.path().display().to_string());
    assert_eq!(got["tree"], json!([]));
    assert_eq!(got["actions"]["changed"][0]["fields"][0]["field"], "cost");
}

#[test]
fn git_errors_exit_2() {
    let repo = repository();
    let out = contrat(repo.path(), &["diff", "no-such-rev"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: unknown revision `no-such-rev`: git knows no commit by that name\n"
    );
    // A revision never reaches git as an option.
    let out = contrat(repo.path(), &["diff", "--", "--output=x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot start with `-`"));
    assert!(!repo.path().join("x").exists());

    let outside = tempfile::tempdir().unwrap();
    fs::create_dir(outside.path().join("contract")).unwrap();
    fs::write(outside.path().join("contract/contrat.toml"), CONTRACT_ONE).unwrap();
    let out = contrat(outside.path(), &["diff"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is not inside a git repository"),
        "{stderr}"
    );
}

#[test]
fn textconv_one_fact_per_line() {
    let repo = repository();
    let pilier = stdout(&contrat(
        repo.path(),
        &["diff", "--textconv", "contract/1-cohesion.toml"],
    ));
    // Each key as written, in the order of the file, entries named by their
    // code or id; the amounts as spelled (`1500.50`).
    let expected = "\
pilier 1 | title | Cohésion sociale
orientation OS 1.1 | title | Publics fragiles
orientation OS 1.2 | title | Éducation
priority P 1.1.2 | title | Accès aux droits et urgences.
priority P 1.2.1 | title | Personnes âgées.
action 2023-001 | title | Ateliers
action 2023-001 | porteur | Alpha association
action 2023-001 | year | 2023
action 2023-001 | priorities | P 1.1.2
action 2023-001 | cost | 12000
action 2023-001 | status | completed
action 2023-001 | funding.etat | 10000
action 2023-001 | funding.ville | 1500.50
action 2023-003 | title | Forum
action 2023-003 | porteur | Gamma
action 2023-003 | year | 2023
action 2023-003 | priorities | P 1.2.1
";
    assert_eq!(pilier, expected);

    // git hands the old side over under another name: the content decides.
    let copy = repo.path().join("XXXX_contrat.toml");
    fs::write(&copy, contract_two()).unwrap();
    let contract = stdout(&contrat(
        repo.path(),
        &["diff", "--textconv", copy.to_str().unwrap()],
    ));
    let expected = "\
contract | title | Contrat de ville de Testville
contract | territory | Testville
contract | period.from | 2020
contract | period.to | 2025
contract | language | fr
contract | funders.etat | État
contract | funders.ville | Ville
transversal OT 1 | title | Coordination
transversal OT 2 | title | Numérique
";
    assert_eq!(contract, expected);

    // A file that does not parse is shown as it is.
    let broken = repo.path().join("broken.toml");
    fs::write(&broken, "pilier = \n").unwrap();
    let out = stdout(&contrat(
        repo.path(),
        &["diff", "--textconv", broken.to_str().unwrap()],
    ));
    assert_eq!(out, "pilier = \n");
}

#[test]
fn git_diff_uses_the_textconv_driver_as_the_readme_says() {
    let repo = repository();
    let root = repo.path();
    // The README's lines, with this build's binary for `contrat`.
    fs::write(
        root.join(".gitattributes"),
        "contract/*.toml diff=contrat\n",
    )
    .unwrap();
    let driver = format!("{} diff --textconv", env!("CARGO_BIN_EXE_contrat"));
    git(root, &["config", "diff.contrat.textconv", &driver]);
    let out = git(
        root,
        &["diff", "HEAD~1", "HEAD", "--", "contract/1-cohesion.toml"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for line in [
        "-pilier 1 | title | Cohésion",
        "+pilier 1 | title | Cohésion sociale",
        "-action 2023-001 | funding.etat | 8000",
        "+action 2023-001 | funding.etat | 10000",
        "+action 2023-001 | funding.ville | 1500.50",
        "-action 2023-002 | title | Permanence",
    ] {
        assert!(text.lines().any(|l| l == line), "no `{line}` in\n{text}");
    }
}
