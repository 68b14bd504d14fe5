//! `contrat import` on the State's files (issue 13): profiles recognised from
//! their headings, `--where`, `--map-value`, and the messy rows of national
//! files counted and said, never kept twice nor dropped in silence. The
//! fixtures are written for the tests in the real files' exact headings; the
//! tests on the real ANCT files skip when `../shared` is absent.

// Amounts in cents are written `euros_cents` (`11000_00`), to read as euros.
#![allow(clippy::inconsistent_digit_grouping)]

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

/// Runs the binary, which must succeed, and gives its standard output.
fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Asserts that `text` holds each of `lines`.
fn has_all(text: &str, lines: &[&str]) {
    for line in lines {
        assert!(text.contains(line), "no `{line}` in\n{text}");
    }
}

/// The shipped example without its porteur registry and posts: the contract
/// as it stands before its first import from the State's files.
fn unregistered() -> tempfile::TempDir {
    let dir = sandbox("examples/montauban-2023");
    let path = dir.path().join("contract/contrat.toml");
    let text = fs::read_to_string(&path).unwrap();
    let registry = text
        .find("\n# The porteurs of the fictional programmation")
        .expect("the example's registry starts with its comment");
    fs::write(&path, &text[..=registry]).unwrap();
    dir
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
    let text = ok(
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
    has_all(
        &text,
        &[
            "1 row left out: it does not meet --where Contrat=CV307",
            "1 row without Contrat, not imported (row 4)",
            "1 row repeats an earlier row exactly, read once (row 5 = row 2)",
            "To add: 2 actions; nothing was written (--dry-run)",
        ],
    );
    assert!(text.contains("Atelier A") && text.contains("Atelier D"));
    assert!(!text.contains("Atelier B") && !text.contains("Atelier C"));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn map_value_translates_a_column_s_values() {
    let dir = sandbox("tests/fixtures/programmation");
    fs::write(
        dir.path().join("prog.csv"),
        "Intitulé;Porteur;Priorité;Statut\nAtelier A;Alpha;P 1.1.1;À revoir\n",
    )
    .unwrap();
    let refused = run(dir.path(), &["import", "prog.csv", "--year", "2024"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("--map-value \"Statut=À revoir:STATUS\""),
        "{}",
        stderr(&refused)
    );
    ok(
        dir.path(),
        &[
            "import",
            "prog.csv",
            "--year",
            "2024",
            "--map-value",
            "Statut=a revoir:completed",
        ],
    );
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

/// The real files of the ANCT's open data (`../shared/data/anct-postes`
/// from the repository's root), or `None` (the test then skips) when they
/// are not there.
fn anct() -> Option<std::path::PathBuf> {
    let dir = crate::support::root().join("../shared/data/anct-postes");
    if dir.join("adulte-relais-2021.json").is_file() {
        Some(dir)
    } else {
        println!(
            "note: {} is absent: the real-data test skips",
            dir.display()
        );
        None
    }
}

/// The figures of `tests/oracle/anct_posts.py`, an independent count of the
/// JSON with Python's json module, run once when this test was written:
///
/// ```text
/// python3 tests/oracle/anct_posts.py CV307 \
///     ../shared/data/anct-postes/adulte-relais-2021.json \
///     ../shared/data/anct-postes/postes-fonjep-2021.json
/// ```
///
/// gives 9 adultes-relais posts for 18 064 638 cents (9 × 20 071,82 €) and
/// 5 FONJEP posts for 3 582 000 cents (5 × 7 164 €): 14 posts, 216 466,38 €.
/// When python3 can be run, the test runs the script again and checks that
/// it still says so.
const CV307_2021_POSTS: u64 = 14;
const CV307_2021_CENTS: i64 = 21_646_638;

#[test]
fn real_post_files_of_2021_give_the_independent_count_and_reimport_changes_nothing() {
    let Some(anct) = anct() else { return };
    let relais = anct.join("adulte-relais-2021.json");
    let fonjep = anct.join("postes-fonjep-2021.json");
    if let Ok(out) = std::process::Command::new("python3")
        .arg(crate::support::repo("tests/oracle/anct_posts.py"))
        .arg("CV307")
        .args([&relais, &fonjep])
        .output()
        && out.status.success()
    {
        let oracle: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(oracle["posts"], CV307_2021_POSTS);
        assert_eq!(oracle["amount_cents"], CV307_2021_CENTS);
    }
    let dir = sandbox("examples/montauban-2023");
    for file in [&relais, &fonjep] {
        let file = file.to_str().unwrap();
        ok(
            dir.path(),
            &["import", file, "--where", "code_cv=CV307", "--lang", "en"],
        );
    }
    let out = run(dir.path(), &["posts", "--year", "2021", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let posts: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(posts["total"]["posts"], CV307_2021_POSTS);
    assert_eq!(posts["total"]["amount"], 216_466.38);
    assert_eq!(posts["by_kind"]["adulte-relais"]["posts"], 9);
    assert_eq!(posts["by_kind"]["fonjep"]["posts"], 5);
    // In the State's row of a coverage by funder, apart from the actions'
    // funding: 2021 has no action, so its funding stays 0.
    let out = run(
        dir.path(),
        &[
            "coverage", "--by", "funder", "--year", "2021", "--format", "json",
        ],
    );
    let coverage: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let etat = &coverage["rows"][0];
    assert_eq!(etat["key"], "etat");
    assert_eq!(etat["posts"], CV307_2021_POSTS);
    assert_eq!(etat["posts_amount"], 216_466.38);
    assert_eq!(etat["funding"], 0);
    assert_eq!(coverage["total"]["posts_amount"], 216_466.38);

    // The same files again: not a byte changes.
    let before = snapshot(dir.path());
    for file in [&relais, &fonjep] {
        let out = run(
            dir.path(),
            &[
                "import",
                file.to_str().unwrap(),
                "--where",
                "code_cv=CV307",
                "--lang",
                "en",
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stdout(&out).contains("Nothing to add."), "{}", stdout(&out));
    }
    assert_eq!(snapshot(dir.path()), before);
}

/// Rows written for the test in the keys of the ANCT's adultes-relais file:
/// row 2 has no `code_cv`, row 3 repeats row 1 exactly, row 4 gives row 1's
/// post to another employer, row 5 is shared by two contracts, row 6 is
/// another contract's, row 7 lacks its amount (unknown, not zero).
const RELAIS: &str = r#"[
 {"id_poste": "08212R000102", "code_tiers": "38186796900051", "raison_sociale": "ASSOC AMISS", "annee": 2023, "montant": 22555.73, "code_cv": "CV307", "insee_dep": "82", "insee_reg": "76"},
 {"id_poste": "08222R000100", "code_tiers": "38085550200023", "raison_sociale": "EPICE 82 - DROGUES ET SOCIETE", "annee": 2023, "montant": 22555.73, "code_cv": null, "insee_dep": "82", "insee_reg": "76"},
 {"id_poste": "08212R000102", "code_tiers": "38186796900051", "raison_sociale": "ASSOC AMISS", "annee": 2023, "montant": 22555.73, "code_cv": "CV307", "insee_dep": "82", "insee_reg": "76"},
 {"id_poste": "08212R000102", "code_tiers": "43476443700027", "raison_sociale": "LE PONT DES SAVOIRS", "annee": 2023, "montant": 22555.73, "code_cv": "CV307", "insee_dep": "82", "insee_reg": "76"},
 {"id_poste": "08223R000200", "code_tiers": "51208167000048", "raison_sociale": "BOUGER POUR S'EN SORTIR", "annee": 2023, "montant": 22555.73, "code_cv": "CV306CV307", "insee_dep": "82", "insee_reg": "76"},
 {"id_poste": "03123R000100", "code_tiers": "41505542500037", "raison_sociale": "AUTRE", "annee": 2023, "montant": 22555.73, "code_cv": "CV100", "insee_dep": "31", "insee_reg": "76"},
 {"id_poste": "08223R000300", "code_tiers": "41505542500037", "raison_sociale": "ACCOMPAGNEMENT SCOLAIRE ELEVES COLLEGES", "annee": 2023, "code_cv": "CV307", "insee_dep": "82", "insee_reg": "76"}
]"#;

#[test]
fn messy_post_rows_are_counted_and_said() {
    let dir = unregistered();
    fs::write(dir.path().join("relais.json"), RELAIS).unwrap();
    let text = ok(
        dir.path(),
        &[
            "import",
            "relais.json",
            "--where",
            "code_cv=CV307",
            "--lang",
            "en",
            "--dry-run",
        ],
    );
    has_all(
        &text,
        &[
            "Posts added",
            "- 08212R000102 adulte-relais, \"ASSOC AMISS\", 2023: €22,555.73",
            "- 08223R000200 adulte-relais, \"BOUGER POUR S'EN SORTIR\", 2023: €22,555.73",
            "- 08223R000300 adulte-relais, \"ACCOMPAGNEMENT SCOLAIRE ELEVES COLLEGES\", 2023: —",
            "1 row left out: it does not meet --where code_cv=CV307",
            "1 row without code_cv, not imported (row 2)",
            "1 row repeats an earlier row exactly, read once (row 3 = row 1)",
            "1 row carries the number of a post an earlier row gives to another employer; the earlier row is kept (08212R000102: row 4 / row 1)",
            "To add: 3 posts, 3 porteurs; nothing was written (--dry-run)",
        ],
    );
    let out = run(
        dir.path(),
        &["import", "relais.json", "--where", "code_cv=CV307"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The amount left out is unknown: the total says it is partial.
    let out = run(dir.path(), &["posts", "--lang", "en"]);
    let text = stdout(&out);
    assert!(text.contains("≥\u{a0}€45,111.46"), "{text}");
    assert!(
        text.contains("Amount stated for 2 of 3 posts; ≥ marks a partial sum."),
        "{text}"
    );
}

/// The registry grows with the State's files: a row is matched with a
/// registered porteur by SIRET, then by spelling (a registered porteur
/// without SIRET gains the row's), and the porteurs matched by nothing are
/// proposed as new entries, written to contrat.toml with the posts.
#[test]
fn import_matches_porteurs_by_siret_then_spelling_and_proposes_the_others() {
    let dir = unregistered();
    let contrat_toml = dir.path().join("contract/contrat.toml");
    let mut text = fs::read_to_string(&contrat_toml).unwrap();
    text.push_str(
        "\n[[porteur]]\nid = \"amiss\"\nname = \"Association AMISS\"\nsiret = \"38186796900051\"\n\n[[porteur]]\nid = \"bouger\"\nname = \"Association Bouger pour s'en sortir\"\n",
    );
    fs::write(&contrat_toml, &text).unwrap();
    fs::write(dir.path().join("relais.json"), RELAIS).unwrap();
    let shown = ok(
        dir.path(),
        &[
            "import",
            "relais.json",
            "--where",
            "code_cv=CV307",
            "--lang",
            "en",
            "--dry-run",
        ],
    );
    has_all(
        &shown,
        &[
            "Porteurs added to the registry\n- accompagnement-scolaire-eleves-colleges \"ACCOMPAGNEMENT SCOLAIRE ELEVES COLLEGES\", SIRET 41505542500037\n",
            "Porteurs changed in the registry\n- bouger \"Association Bouger pour s'en sortir\"\n    - SIRET: — → \"51208167000048\"\n",
            "- 08212R000102 adulte-relais, \"Association AMISS\", 2023: €22,555.73",
            "- 08223R000200 adulte-relais, \"Association Bouger pour s'en sortir\", 2023: €22,555.73",
            "To add: 3 posts, 1 porteur; to change: 1 porteur; nothing was written (--dry-run)",
        ],
    );
    ok(
        dir.path(),
        &["import", "relais.json", "--where", "code_cv=CV307"],
    );
    let after = fs::read_to_string(&contrat_toml).unwrap();
    assert!(after.contains(
        "[[porteur]]\nid = \"bouger\"\nname = \"Association Bouger pour s'en sortir\"\nsiret = \"51208167000048\"\n"
    ));
    assert!(after.contains(
        "\n[[porteur]]\nid = \"accompagnement-scolaire-eleves-colleges\"\nname = \"ACCOMPAGNEMENT SCOLAIRE ELEVES COLLEGES\"\nsiret = \"41505542500037\"\n\n[[post]]\n"
    ));
    // Twice changes nothing.
    let before = snapshot(dir.path());
    ok(
        dir.path(),
        &["import", "relais.json", "--where", "code_cv=CV307"],
    );
    assert_eq!(snapshot(dir.path()), before);
}

/// A programmation with Dauphin's dossier numbers: imported again, it
/// changes nothing; a newer export updates the actions it holds, matched by
/// dossier, instead of adding them again; Gispro's export then brings the
/// Chorus EJ, the amount committed and the porteur's SIRET of the dossiers
/// the contract holds, and says which it does not.
#[test]
fn dossiers_make_imports_idempotent_and_newer_exports_update() {
    let dir = sandbox("tests/fixtures/programmation");
    let prog = dir.path().join("prog.csv");
    fs::write(
        &prog,
        "Dossier;Intitulé;Porteur;Priorité;État
DA00012345-1;Ateliers de français;Association Aube Claire;P 1.1.1;5000
DA00012346-1;Jardin partagé;Epsilon;P 2.1.1;2000
",
    )
    .unwrap();
    let out = run(dir.path(), &["import", "prog.csv", "--year", "2024"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Added: 2 actions"),
        "{}",
        stdout(&out)
    );
    let before = snapshot(dir.path());
    let again = run(dir.path(), &["import", "prog.csv", "--year", "2024"]);
    assert_eq!(
        stdout(&again),
        "2 rows already in the contract, skipped\n\nNothing to add.\n"
    );
    assert_eq!(snapshot(dir.path()), before);

    // `show` finds an action by its dossier number.
    let out = run(dir.path(), &["show", "DA00012345-1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("2024-001  Ateliers de français\n"),
        "{}",
        stdout(&out)
    );

    // The newer export: the State voted 5 500 € for the first dossier; the
    // title of the second was corrected.
    fs::write(
        &prog,
        "Dossier;Intitulé;Porteur;Priorité;État
DA00012345-1;Ateliers de français;Association Aube Claire;P 1.1.1;5500
DA00012346-1;Jardin partagé des Sud;Epsilon;P 2.1.1;2000
",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &["import", "prog.csv", "--year", "2024", "--dry-run"],
    );
    assert_eq!(
        stdout(&out),
        "What importing prog.csv changes in the contract

Actions changed
- 2024-001 \"Ateliers de français\"
    - funding voted (État): €5,000 → €5,500
- 2024-002 \"Jardin partagé des Sud\"
    - title: \"Jardin partagé\" → \"Jardin partagé des Sud\"

To change: 2 actions; nothing was written (--dry-run)
"
    );
    ok(dir.path(), &["import", "prog.csv", "--year", "2024"]);
    let ids: Vec<String> = {
        let loaded = contrat::load::load(&dir.path().join("contract")).unwrap();
        loaded
            .contract
            .actions
            .iter()
            .map(|a| a.id.value.clone())
            .collect()
    };
    assert_eq!(ids.iter().filter(|id| id.starts_with("2024-")).count(), 2);

    // Gispro's export in its exact headings: the first dossier is the
    // contract's, the second another contract's.
    fs::write(
        dir.path().join("gispro.csv"),
        "EJ CHORUS;Action de demande - Code dossier;Direction du gestionnaire du dossier;Code SIRET;Projet - Code dossier;Libellé de la famille de procédure;Montant engagé;Type de tiers
2103456789;DA00012345-1;DDETS 82;38186796900051;DA00012345;Politique de la ville;5500;Association
2103456790;DA00099999-1;DDETS 82;41505542500037;DA00099999;Politique de la ville;3000;Association
",
    )
    .unwrap();
    let out = run(dir.path(), &["import", "gispro.csv", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "What importing gispro.csv changes in the contract

Actions changed
- 2024-001 \"Ateliers de français\"
    - Chorus EJ: — → \"2103456789\"

Porteurs added to the registry
- aube-claire \"Association Aube Claire\", SIRET 38186796900051

1 row about dossiers no action of the contract holds, not imported (row 3: DA00099999-1)

To add: 1 porteur; to change: 1 action; nothing was written (--dry-run)
"
    );
    ok(dir.path(), &["import", "gispro.csv"]);
    let out = run(dir.path(), &["show", "2103456789"]);
    assert!(stdout(&out).contains("SIRET"), "{}", stdout(&out));
    let before = snapshot(dir.path());
    ok(dir.path(), &["import", "gispro.csv"]);
    assert_eq!(snapshot(dir.path()), before);
}

/// A small contract for the grant's life, written for the tests: a
/// convention over 2022–2024 (CPO) whose yearly tranche is 8 000 € voted
/// (6 000 € by the State, 2 000 € by the city) for a cost of 10 000 €, and
/// an action of 2023 that Dauphin closed (3 000 € by the State, cost
/// 5 000 €).
fn grant_contract() -> contrat::model::Contract {
    use contrat::load::{MemoryFile, load_memory};
    let folder = Path::new("c");
    let loaded = load_memory(
        folder,
        vec![
            MemoryFile {
                path: folder.join("contrat.toml"),
                bytes: b"title = \"T\"\nterritory = \"T\"\nperiod = { from = 2020, to = 2025 }\n\n[funders]\netat = \"\xc3\x89tat\"\nville = \"Ville\"\n".to_vec(),
            },
            MemoryFile {
                path: folder.join("1.toml"),
                bytes: "pilier = 1\ntitle = \"C\"\n\n[[orientation]]\ncode = \"OS 1.1\"\ntitle = \"O\"\n\n[[priority]]\ncode = \"P 1.1.1\"\ntitle = \"P\"\n\n[[action]]\nid = \"2022-001\"\ntitle = \"Convention\"\nporteur = \"Alpha\"\nyear = 2022\npriorities = [\"P 1.1.1\"]\ncost = 10000\nuntil = 2024\ndates = { filed = 2021-11-15, voted = 2022-03-01 }\n\n[action.funding]\netat = 6000\nville = 2000\n\n[action.paid]\netat = 6000\n\n[[action]]\nid = \"2023-001\"\ntitle = \"Clos\"\nporteur = \"Beta\"\nyear = 2023\npriorities = [\"P 1.1.1\"]\ncost = 5000\nstatus = \"closed\"\n\n[action.funding]\netat = 3000\n".as_bytes().to_vec(),
            },
        ],
    );
    crate::support::clean(loaded, "the convention's contract")
}

/// A multi-year convention counts in each year for its yearly tranche only;
/// a closed action counts, as a funded or completed one does. Worked by
/// hand from `grant_contract`.
#[test]
fn a_convention_counts_its_tranche_in_each_year() {
    use contrat::analysis::{Dimension, coverage};
    let c = grant_contract();
    let by_funder = |years: &str| {
        let report = coverage(
            &c,
            &crate::support::years(&c, years),
            Dimension::Funder,
            true,
        );
        let etat = report
            .rows
            .iter()
            .find(|r| r.key == "etat")
            .unwrap()
            .measures
            .funding;
        (
            report.total.actions,
            report.total.funding,
            etat,
            report.total.cost.sum,
            report
                .total_per_year
                .iter()
                .map(|m| m.funding)
                .collect::<Vec<_>>(),
        )
    };
    let eur = crate::support::eur;
    // 2023: one tranche of the convention (8 000 €) and the closed action
    // (3 000 €): 11 000 €, of which the State 6 000 + 3 000; cost 10 000 + 5 000.
    assert_eq!(
        by_funder("2023"),
        (
            2,
            eur(11000_00),
            eur(9000_00),
            eur(15000_00),
            vec![eur(11000_00)]
        )
    );
    // 2022 and 2023: two tranches (16 000 €) and the closed action: 19 000 €.
    assert_eq!(
        by_funder("2022..2023"),
        (
            2,
            eur(19000_00),
            eur(15000_00),
            eur(25000_00),
            vec![eur(8000_00), eur(11000_00)]
        )
    );
    // 2024: the last tranche alone; 2025: nothing.
    assert_eq!(by_funder("2024").1, eur(8000_00));
    assert_eq!(by_funder("2025").0, 0);
}

#[test]
fn dauphin_statuses_dates_and_payments() {
    let dir = sandbox("tests/fixtures/programmation");
    let contrat_toml = dir.path().join("contract/contrat.toml");
    let mut text = fs::read_to_string(&contrat_toml).unwrap();
    // This contract reads Dauphin's "Cloturée" as completed.
    text.push_str("\n[statuses]\n\"Cloturée\" = \"completed\"\n");
    fs::write(&contrat_toml, text).unwrap();
    fs::write(
        dir.path().join("prog.csv"),
        "Intitulé;Porteur;Priorité;Statut;État;Versé État;Date de dépôt;Date du dernier paiement
Atelier A;Alpha;P 1.1.1;Justification en cours;5000;2500;15/11/2023;2024-04-02
Atelier B;Alpha;P 1.1.1;Cloturée;1000;1000;;
Atelier C;Alpha;P 1.1.1;Non recevable;;;;
Atelier D;Alpha;P 1.1.1;En attente d'instruction;;;;
",
    )
    .unwrap();
    ok(dir.path(), &["import", "prog.csv", "--year", "2024"]);
    let file = fs::read_to_string(dir.path().join("contract/1-cohesion.toml")).unwrap();
    for part in [
        "title = \"Atelier A\"\nporteur = \"Alpha\"\nyear = 2024\npriorities = [\"P 1.1.1\"]\nstatus = \"funded\"\ndates = { filed = 2023-11-15, paid = 2024-04-02 }\n\n[action.funding]\netat = 5000\n\n[action.paid]\netat = 2500\n",
        "title = \"Atelier B\"\nporteur = \"Alpha\"\nyear = 2024\npriorities = [\"P 1.1.1\"]\nstatus = \"completed\"\n",
        "title = \"Atelier C\"\nporteur = \"Alpha\"\nyear = 2024\npriorities = [\"P 1.1.1\"]\nstatus = \"rejected\"\n",
        "title = \"Atelier D\"\nporteur = \"Alpha\"\nyear = 2024\npriorities = [\"P 1.1.1\"]\nstatus = \"instructing\"\n",
    ] {
        assert!(file.contains(part), "no\n{part}\nin\n{file}");
    }
    let out = run(dir.path(), &["show", "2024-001"]);
    // Words apart, whatever the width of the column of labels.
    let shown = stdout(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    has_all(
        &shown,
        &[
            "funding paid etat: €2,500",
            "filed 15 November 2023",
            "paid 2 April 2024",
            "status funded",
        ],
    );
    // Importing it again changes nothing.
    let before = snapshot(dir.path());
    let again = run(dir.path(), &["import", "prog.csv", "--year", "2024"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(snapshot(dir.path()), before);
}

/// The ANCT's base of the actions funded by the State credits, in its exact
/// headings: no priority, only the national theme; the actions are kept, to
/// be linked, but for theme 4 (pilotage) which needs no priority; "AUBE
/// CLAIRE" is the association the contract already calls "Association Aube
/// Claire". A second import changes nothing.
#[test]
fn anct_actions_are_kept_to_be_linked() {
    let dir = unregistered();
    fs::write(
        dir.path().join("anct.csv"),
        "N°;Numéro de l'action PRJ;Libellé de l'action;Raison sociale longue;Type de tiers;Code contrat ville;Libellé contrat ville;Thème;Sous-thèmes;Mt engagé;Région
82;DA00012345-1;Ateliers de français à visée professionnelle;AUBE CLAIRE;Association;CV307;82 - CA Grand Montauban;Cohésion sociale;Éducation;5000;Occitanie
82;DA00012346-1;Équipe de pilotage du contrat de ville;VILLE DE MONTAUBAN;Collectivité;CV307;82 - CA Grand Montauban;Pilotage, ingénierie, ressources et évaluations;Pilotage, ingénierie, ressources et évaluations;20000;Occitanie
31;DA00012347-1;Autre contrat;X;Association;CV308;31 - X;Cohésion sociale;Santé;1000;Occitanie
",
    )
    .unwrap();
    let args = [
        "import",
        "anct.csv",
        "--where",
        "Code contrat ville=CV307",
        "--year",
        "2023",
        "--lang",
        "en",
    ];
    let out = run(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Added: 2 actions, 2 porteurs ("),
        "{}",
        stdout(&out)
    );
    let file = fs::read_to_string(dir.path().join("contract/1-cohesion-sociale.toml")).unwrap();
    assert!(file.ends_with(
        "[[action]]
id = \"2023-035\"
title = \"Ateliers de français à visée professionnelle\"
porteur = \"Association Aube Claire\"
year = 2023
priorities = []
theme = \"1.1\"
dossier = \"DA00012345-1\"

[action.funding]
etat = 5000

[[action]]
id = \"2023-036\"
title = \"Équipe de pilotage du contrat de ville\"
porteur = \"VILLE DE MONTAUBAN\"
year = 2023
priorities = []
theme = \"4.1\"
dossier = \"DA00012346-1\"

[action.funding]
etat = 20000
"
    ));
    let contrat_toml = fs::read_to_string(dir.path().join("contract/contrat.toml")).unwrap();
    assert!(contrat_toml.contains(
        "[[porteur]]\nid = \"aube-claire\"\nname = \"Association Aube Claire\"\naliases = [\"AUBE CLAIRE\"]\n"
    ));
    // The one to link is a warning and a gap; the one of theme 4 neither.
    let check = run(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let findings = stdout(&check);
    assert!(findings.contains(
        "warning[unlinked-action]: action `2023-035` of theme 1.1 Éducation names no priority yet"
    ));
    assert!(!findings.contains("`2023-036`"));
    let gaps = run(dir.path(), &["gaps", "--year", "2023", "--format", "json"]);
    let gaps: serde_json::Value = serde_json::from_slice(&gaps.stdout).unwrap();
    assert_eq!(gaps["counts"]["unlinked-action"], 1);
    let unlinked: Vec<&serde_json::Value> = gaps["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["kind"] == "unlinked-action")
        .collect();
    assert_eq!(unlinked[0]["action"], "2023-035");
    assert_eq!(unlinked[0]["theme"], "1.1");
    // By theme, each action on its most precise theme: 2023-035 on 1.1
    // beside the five actions whose main priority lies under OS 1.2 (theme
    // 1.1 in the tree), 2023-036 on 4.1; rows add up to the total.
    let coverage = run(
        dir.path(),
        &[
            "coverage", "--year", "2023", "--by", "theme", "--format", "json",
        ],
    );
    let coverage: serde_json::Value = serde_json::from_slice(&coverage.stdout).unwrap();
    let row = |key: &str| {
        coverage["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == key)
            .cloned()
            .unwrap()
    };
    assert_eq!(row("1.1")["actions"], 6);
    assert_eq!(row("1.1")["funding"], 80_000.5);
    assert_eq!(row("4.1")["actions"], 1);
    assert_eq!(row("4.1")["funding"], 20_000);
    assert_eq!(row("none")["actions"], 0);
    assert_eq!(coverage["total"]["actions"], 33);
    assert_eq!(coverage["total"]["funding"], 742_251.25);

    let before = snapshot(dir.path());
    let again = run(dir.path(), &args);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(snapshot(dir.path()), before);
}

/// Data.Subvention's CSV of an association's grants, in its exact headings:
/// the RNA and SIRET go to the registry, the status is Dauphin's, the
/// amounts requested, granted and paid, and the date of the last payment.
/// It gives no priority nor theme: an action needs one, so the officer adds
/// a column (here with --map).
#[test]
fn datasubvention_brings_identifiers_amounts_and_the_status() {
    let dir = sandbox("tests/fixtures/programmation");
    fs::write(
        dir.path().join("ds.csv"),
        "Nom de l'association;RNA de l'association;Adresse de l'établissement;Exercice de la demande;Siret;Code postal demandeur;Service instructeur;Dispositif;Intitulé de l'action;Montant demandé;Montant accordé;Statut de la demande;Montant versé;Centre financier du dernier paiement;Date du dernier paiement;Programme des paiements;Priorité
AUBE CLAIRE;W821000123;1 rue des Saules 82000 Montauban;2024;38186796900051;82000;DDETS 82;Politique de la ville;Ateliers de français;6000;5000;Justifiée;5000;0147-CDVI-DR82;2024-06-12;147 - Politique de la ville;P 1.1.1
",
    )
    .unwrap();
    ok(
        dir.path(),
        &[
            "import",
            "ds.csv",
            "--profile",
            "datasubvention",
            "--map",
            "Priorité=priorities",
        ],
    );
    let file = fs::read_to_string(dir.path().join("contract/1-cohesion.toml")).unwrap();
    assert!(
        file.ends_with(
            "[[action]]
id = \"2024-001\"
title = \"Ateliers de français\"
porteur = \"AUBE CLAIRE\"
year = 2024
priorities = [\"P 1.1.1\"]
status = \"completed\"
dates = { paid = 2024-06-12 }

[action.funding]
etat = 5000

[action.requested]
etat = 6000

[action.paid]
etat = 5000
"
        ),
        "{file}"
    );
    let contrat_toml = fs::read_to_string(dir.path().join("contract/contrat.toml")).unwrap();
    assert!(contrat_toml.ends_with(
        "[[porteur]]\nid = \"aube-claire\"\nname = \"AUBE CLAIRE\"\nsiret = \"38186796900051\"\nrna = \"W821000123\"\n"
    ), "{contrat_toml}");
    let before = snapshot(dir.path());
    let again = run(
        dir.path(),
        &[
            "import",
            "ds.csv",
            "--profile",
            "datasubvention",
            "--map",
            "Priorité=priorities",
        ],
    );
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(snapshot(dir.path()), before);
}

/// A bad cell is quoted in the error, its control characters shown, never
/// sent to the terminal.
#[test]
fn a_bad_cell_reaches_the_terminal_escaped() {
    let dir = sandbox("tests/fixtures/programmation");
    fs::write(
        dir.path().join("prog.csv"),
        "Intitulé;Porteur;Priorité;Code SIRET\nAtelier A;Alpha;P 1.1.1;\u{1b}]0;pwned\u{7}38186796900051\n",
    )
    .unwrap();
    let out = run(dir.path(), &["import", "prog.csv", "--year", "2024"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("is not a SIRET"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
}

/// An association that moved has a new SIRET, not a new SIREN: the example
/// registers LA RAISON DES ADOS with its 2022 SIRET 479 494 080 00050, and
/// the 2021 file's row carries 479 494 080 00043 (as the real files do).
/// The row is the registered porteur's, not a new entry `la-raison-des-ados-2`;
/// and a registered SIRET wins over the spelling a row gives.
#[test]
fn another_establishment_of_a_registered_porteur_is_that_porteur() {
    let dir = sandbox("examples/montauban-2023");
    fs::write(
        dir.path().join("relais.json"),
        r#"[
 {"id_poste": "08219R000200", "code_tiers": "47949408000043", "raison_sociale": "LA RAISON DES ADOS", "annee": 2021, "montant": 20071.82, "code_cv": "CV307", "insee_dep": "82", "insee_reg": "76"},
 {"id_poste": "08219R000300", "code_tiers": "41505542500037", "raison_sociale": "LA RAISON DES ADOS", "annee": 2021, "montant": 20071.82, "code_cv": "CV307", "insee_dep": "82", "insee_reg": "76"}
]"#,
    )
    .unwrap();
    let text = ok(
        dir.path(),
        &["import", "relais.json", "--lang", "en", "--dry-run"],
    );
    assert!(
        text.contains("- 08219R000200 adulte-relais, \"LA RAISON DES ADOS\", 2021: €20,071.82"),
        "{text}"
    );
    // SIREN 415 055 425 is ACCOMPAGNEMENT SCOLAIRE ELEVES COLLEGES, registered.
    assert!(
        text.contains("- 08219R000300 adulte-relais, \"ACCOMPAGNEMENT SCOLAIRE ELEVES COLLEGES\", 2021: €20,071.82"),
        "{text}"
    );
    assert!(!text.contains("Porteurs added"), "{text}");
}

/// What `export` writes re-imports to the same contract: the example's 64
/// actions exported (a row per action and funder), imported into the same
/// contract without its actions, exported again, give the same files byte
/// for byte; importing them again changes nothing; an export edited in a
/// spreadsheet updates the action it names.
#[test]
fn export_reimports_to_the_same_contract() {
    let dir = sandbox("examples/montauban-2023");
    let empty = dir.path().join("empty");
    crate::support::copy_folder(&dir.path().join("contract"), &empty);
    for entry in fs::read_dir(&empty).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        if let Some(at) = text.find("\n[[action]]") {
            fs::write(&path, &text[..=at]).unwrap();
        }
    }
    let on = |folder: &str, args: &[&str]| {
        let mut full = vec!["--contract", folder];
        full.extend_from_slice(args);
        let out = command(dir.path(), &full).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    for (year, file, actions) in [("2022", "2022.csv", 30), ("2023", "2023.xlsx", 34)] {
        on("contract", &["export", "--year", year, "-o", file]);
        let added = on("empty", &["import", file, "--lang", "en"]);
        assert!(
            added.contains(&format!("Added: {actions} actions (")),
            "{added}"
        );
    }
    for year in ["2022", "2023"] {
        let before = on("contract", &["export", "--year", year, "--format", "csv"]);
        let after = on("empty", &["export", "--year", year, "--format", "csv"]);
        assert_eq!(before, after, "{year}");
    }
    let files = crate::support::snapshot(&empty);
    let again = on("empty", &["import", "2023.xlsx", "--lang", "en"]);
    assert!(again.ends_with("Nothing to add.\n"), "{again}");
    assert_eq!(crate::support::snapshot(&empty), files);
    // 2023-001's State funding voted, 8 500 €, made 9 000 € in the sheet.
    let csv = on("contract", &["export", "--year", "2023", "--format", "csv"]);
    let line = "2023-001,2023,Accueil et accompagnement aux démarches administratives,Centre social L'Escale des Saules,P 1.1.2,P 1.1.2;P 1.1.3;P 1.3.4,QP082002,,completed,30000.00,etat,10000.00,8500.00";
    assert!(csv.contains(line), "{csv}");
    fs::write(
        dir.path().join("edited.csv"),
        csv.replace(line, &line.replace(",8500.00", ",9000.00")),
    )
    .unwrap();
    let edited = on(
        "empty",
        &["import", "edited.csv", "--lang", "en", "--dry-run"],
    );
    assert!(
        edited.contains("Actions changed\n- 2023-001 \"Accueil et accompagnement aux démarches administratives\"\n    - funding voted (État — crédits politique de la ville (BOP 147)): €8,500 → €9,000\n"),
        "{edited}"
    );
}

/// `add action` speaks the real data's words: a national theme instead of a
/// priority (pilotage needs none), a dossier, the funding plan's own funds
/// and partners, and the porteur's SIRET; in a contract that keeps a
/// registry, a new porteur is registered in `contrat.toml` as an import
/// registers it, and a SIRET the registry knows names its porteur.
#[test]
fn add_action_registers_its_porteur_and_takes_the_grant_facts() {
    let dir = sandbox("examples/montauban-2023");
    let out = run(
        dir.path(),
        &[
            "add",
            "action",
            "--year",
            "2023",
            "--title",
            "Pilotage du contrat",
            "--porteur",
            "Ville de Montauban",
            "--theme",
            "4.1",
            "--dossier",
            "DA00012399-1",
            "--cost",
            "27000",
            "--funding",
            "etat=20000",
            "--own-funds",
            "5000",
            "--partner",
            "Fondation X=2000",
            "--lang",
            "en",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "added action 2023-035 to contract/1-cohesion-sociale.toml:

[[action]]
id = \"2023-035\"
title = \"Pilotage du contrat\"
porteur = \"Ville de Montauban\"
year = 2023
priorities = []
theme = \"4.1\"
cost = 27000
own_funds = 5000
dossier = \"DA00012399-1\"

[action.funding]
etat = 20000

[action.partners]
\"Fondation X\" = 2000

registered porteur ville-de-montauban (contrat.toml):

[[porteur]]
id = \"ville-de-montauban\"
name = \"Ville de Montauban\"
"
    );
    let contrat = fs::read_to_string(dir.path().join("contract/contrat.toml")).unwrap();
    assert!(
        contrat.ends_with(
            "\n[[porteur]]\nid = \"ville-de-montauban\"\nname = \"Ville de Montauban\"\n"
        )
    );
    let check = run(dir.path(), &["check"]);
    assert!(
        stdout(&check).starts_with("0 errors, 0 warnings"),
        "{}",
        stdout(&check)
    );
    // The SIRET of ASSOC AMISS (registered) names it, whatever the spelling.
    let out = run(
        dir.path(),
        &[
            "add",
            "action",
            "--year",
            "2023",
            "--title",
            "Médiation",
            "--porteur",
            "Amiss",
            "--siret",
            "38186796900051",
            "--priority",
            "P 1.1.2",
            "--dry-run",
            "--lang",
            "en",
        ],
    );
    assert!(
        stdout(&out).contains("porteur = \"ASSOC AMISS\"\n"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("registered"), "{}", stdout(&out));
    let bad = run(
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
            "--siret",
            "12345678901234",
            "--priority",
            "P 1.1.2",
        ],
    );
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
    assert!(
        stderr(&bad).contains("invalid value `12345678901234` for --siret: it fails the check digit (Luhn key) of a SIRET"),
        "{}",
        stderr(&bad)
    );
}

/// `show` finds a post by its number (each year, its amount) and a porteur
/// of the registry by id or SIRET — another establishment of the same SIREN
/// too — with its identifiers and posts; the amounts are the ANCT's rows of
/// examples/anct/*-cv307.json.
#[test]
fn show_finds_posts_and_porteurs() {
    let dir = sandbox("examples/montauban-2023");
    let json = |what: &str| -> serde_json::Value {
        let out = run(dir.path(), &["show", what, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{what}: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let values = |doc: &serde_json::Value, field: &str| -> Vec<String> {
        doc["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["field"] == field)
            .map(|f| f["value"].as_str().unwrap().to_owned())
            .collect()
    };
    let post = json("08212R000102");
    assert_eq!(post["kind"], "post");
    assert_eq!(values(&post, "porteur"), ["ASSOC AMISS"]);
    assert_eq!(
        values(&post, "amount"),
        ["2022: 21254 €", "2023: 22555.73 €"]
    );
    for spelling in ["amiss", "38186796900051", "38186796900069"] {
        let porteur = json(spelling);
        assert_eq!(porteur["kind"], "porteur", "{spelling}");
        assert_eq!(porteur["code"], "amiss", "{spelling}");
        assert_eq!(values(&porteur, "siret"), ["38186796900051"]);
        assert_eq!(
            values(&porteur, "post"),
            [
                "08212R000102 adulte-relais, 2022: 21254 €",
                "08222R000400 adulte-relais, 2022: 21254 €",
                "08212R000102 adulte-relais, 2023: 22555.73 €",
                "08222R000400 adulte-relais, 2023: 22555.73 €",
            ]
        );
    }
}
