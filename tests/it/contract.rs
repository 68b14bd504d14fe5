//! The shipped Montauban contract: complete, clean, and every entry shown.
//! The expected figures are counted by hand in the source document
//! (`../shared/seeds/000_18bdef6c55060fbb.txt`).

use std::path::Path;
use std::process::Command;

use crate::support::{ORIENTATION, PILIER, PRIORITY, code, loaded};

#[test]
fn shipped_contract_is_clean_without_warnings() {
    let loaded = loaded("contract");
    let findings: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.rule, d.message))
        .collect();
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn shipped_contract_has_the_source_documents_tree() {
    let c = loaded("contract").contract;
    assert_eq!(c.meta.title, "Contrat de ville de Montauban");
    assert_eq!(
        (
            c.meta.period.as_ref().unwrap().from,
            c.meta.period.as_ref().unwrap().to
        ),
        (2015, 2023)
    );
    let piliers: Vec<(u16, &str)> = c
        .level(PILIER)
        .map(|p| (c.tree.rank(*p.code).unwrap(), p.title.as_str()))
        .collect();
    assert_eq!(
        piliers,
        [
            (1, "Cohésion sociale"),
            (2, "Emploi et développement économique"),
            (3, "Cadre de vie et renouvellement urbain"),
        ]
    );
    let orientations: Vec<String> = c.level(ORIENTATION).map(|o| o.code.to_string()).collect();
    assert_eq!(
        orientations,
        [
            "OS 1.1", "OS 1.2", "OS 1.3", "OS 1.4", "OS 1.5", "OS 2.1", "OS 2.2", "OS 3.1",
            "OS 3.2", "OS 3.3", "OS 3.4"
        ]
    );
    // Priorities per orientation, counted in the source.
    let per_orientation: Vec<usize> = c
        .level(ORIENTATION)
        .map(|o| c.within(*o.code, PRIORITY).count())
        .collect();
    assert_eq!(per_orientation, [4, 4, 4, 3, 4, 2, 3, 3, 3, 2, 1]);
    assert_eq!(c.level(PRIORITY).count(), 33);
    let transversals: Vec<String> = c.transversals.iter().map(|t| t.code.to_string()).collect();
    assert_eq!(transversals, ["OT 1", "OT 2", "OT 3"]);
    assert_eq!(
        c.transversals[2].title.value,
        "développement du numérique inclusif"
    );
    let quartiers: Vec<(&str, &str)> = c
        .quartiers
        .iter()
        .map(|q| (q.key(), q.name.as_str()))
        .collect();
    assert_eq!(
        quartiers,
        [
            ("QP082001", "Cœur de Ville"),
            ("QP082002", "Médiathèque - Chambord")
        ]
    );
    assert!(
        c.quartier("Médiathèque-Chambord")
            .is_some_and(|q| q.key() == "QP082002")
    );
    assert!(
        c.actions.is_empty(),
        "contract/ is the real contract: no invented actions"
    );
}

#[test]
fn shipped_contract_keeps_the_protocole_links_and_their_mesures() {
    let c = loaded("contract").contract;
    // Every "(mesure N)" of the source, by priority.
    let mut mesures: Vec<(String, u32)> = c
        .level(PRIORITY)
        .flat_map(|p| {
            p.protocole
                .iter()
                .filter_map(|l| l.mesure)
                .map(|m| (p.code.to_string(), m))
        })
        .collect();
    mesures.sort();
    let expected = [
        ("P 1.2.3", 18),
        ("P 1.4.3", 36),
        ("P 1.5.4", 28),
        ("P 3.1.1", 7),
        ("P 3.1.1", 8),
        ("P 3.1.2", 5),
        ("P 3.1.2", 6),
        ("P 3.2.1", 3),
    ];
    let expected: Vec<(String, u32)> = expected.iter().map(|(c, m)| (c.to_string(), *m)).collect();
    assert_eq!(mesures, expected);
    // Priorities with a protocole link in the source.
    let linked: Vec<String> = c
        .level(PRIORITY)
        .filter(|p| !p.protocole.is_empty())
        .map(|p| p.code.to_string())
        .collect();
    assert_eq!(
        linked,
        [
            "P 1.1.4", "P 1.2.2", "P 1.2.3", "P 1.2.4", "P 1.3.1", "P 1.4.1", "P 1.4.3", "P 1.5.1",
            "P 1.5.4", "P 3.1.1", "P 3.1.2", "P 3.2.1"
        ]
    );
}

#[test]
fn shipped_contract_records_what_the_source_lost() {
    let c = loaded("contract").contract;
    let noted: Vec<String> = c
        .level(PRIORITY)
        .filter(|p| p.note.is_some())
        .map(|p| p.code.to_string())
        .collect();
    assert_eq!(noted, ["P 1.2.4", "P 3.2.1"]);
    let p124 = c.node(code("P 1.2.4")).unwrap();
    assert!(p124.title.starts_with("réussite éducative des enfants"));
    let p321 = c.node(code("P 3.2.1")).unwrap();
    assert!(p321.title.starts_with("sociale tout en confortant"));
    let objectives: Vec<&str> = c
        .node(code("Pilier 3"))
        .unwrap()
        .objectives
        .iter()
        .map(|o| o.as_str())
        .collect();
    assert_eq!(
        objectives,
        [
            "L'implication et la participation des habitants des quartiers prioritaires",
            "Une meilleure gestion énergétique."
        ]
    );
    // OCR slips mended (listed in contract/SOURCE.md).
    let os14 = c.node(code("OS 1.4")).unwrap();
    assert!(os14.title.starts_with(
        "Développer l'animation, promouvoir la citoyenneté et accompagner les habitants"
    ));
    // Underlined phrases: 17, each within its title (checked by the emphasis rule).
    assert_eq!(
        c.level(PRIORITY).map(|p| p.emphasis.len()).sum::<usize>(),
        17
    );
}

/// `contrat show` prints each priority and orientation with its text.
#[test]
fn show_prints_every_priority_and_orientation() {
    let c = loaded("contract").contract;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("contract");
    let entries = c
        .level(PRIORITY)
        .map(|p| (*p.code, p.title.as_str()))
        .chain(c.level(ORIENTATION).map(|o| (*o.code, o.title.as_str())));
    let mut shown = 0;
    for (code, title) in entries {
        let out = Command::new(env!("CARGO_BIN_EXE_contrat"))
            .args([
                "--contract",
                dir.to_str().unwrap(),
                "show",
                &code.to_string(),
            ])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "show {code}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.starts_with(&format!("{code}  {title}\n")),
            "show {code}:\n{stdout}"
        );
        shown += 1;
    }
    assert_eq!(shown, 33 + 11);
}
