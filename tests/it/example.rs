//! `examples/montauban-2023`: the real contract with a fictional programmation.
//!
//! The expected figures were computed by an independent script (Python's
//! tomllib over the same files, not this crate), counting funded and completed
//! actions, money on the main priority; a person can check any of them against
//! the files.

// Amounts are written in cents as `euros_cents` (`79000_00`), to read as euros.
#![allow(clippy::inconsistent_digit_grouping)]

use std::collections::BTreeSet;

use crate::support::{ORIENTATION, PILIER, PRIORITY, eur, example, open, years};
use contrat::analysis::{self, Dimension, GapKind};
use contrat::model::{Contract, Money, Status};

/// Every text of the tree, in order: what must not drift between the example
/// and `contract/`.
fn tree(c: &Contract) -> Vec<String> {
    let mut out = vec![format!(
        "{} | {} | {:?} | {:?}",
        c.meta.title,
        c.meta.territory,
        c.meta.period.as_ref().map(|p| p.value),
        c.meta.language
    )];
    out.extend(c.publics.iter().map(|p| format!("public {}", p.value)));
    out.extend(
        c.funders
            .iter()
            .map(|f| format!("funder {} {}", f.id.value, f.name.value)),
    );
    out.extend(
        c.transversals
            .iter()
            .map(|t| format!("{} {}", t.code.value, t.title.value)),
    );
    out.extend(c.quartiers.iter().map(|q| {
        format!(
            "{} {} {:?}",
            q.key(),
            q.name.value,
            q.aliases.iter().map(|a| &a.value).collect::<Vec<_>>()
        )
    }));
    for p in c.level(PILIER) {
        out.push(format!(
            "{} {} {:?}",
            p.code.value,
            p.title.value,
            p.objectives.iter().map(|o| &o.value).collect::<Vec<_>>()
        ));
    }
    out.extend(
        c.level(ORIENTATION)
            .map(|o| format!("{} {}", o.code.value, o.title.value)),
    );
    for p in c.level(PRIORITY) {
        let emphasis: Vec<&str> = p.emphasis.iter().map(|e| e.as_str()).collect();
        let publics: Vec<&str> = p.publics.iter().map(|e| e.as_str()).collect();
        let protocole: Vec<String> = p
            .protocole
            .iter()
            .map(|l| format!("{} ({:?})", l.text, l.mesure))
            .collect();
        out.push(format!(
            "{} {} {emphasis:?} {publics:?} {protocole:?} {:?}",
            p.code.value, p.title.value, p.note
        ));
    }
    out
}

#[test]
fn the_example_has_the_same_tree_as_the_contract() {
    let (example, contract) = (example(), open("contract"));
    assert_eq!(tree(&example), tree(&contract));
    // The one addition: an accepted gap.
    let accepted: Vec<String> = example
        .level(PRIORITY)
        .filter(|p| p.accepted_gap.is_some())
        .map(|p| p.code.to_string())
        .collect();
    assert_eq!(accepted, ["P 3.1.1"]);
}

#[test]
fn the_example_programmation_is_rich_enough() {
    let c = example();
    assert_eq!(c.actions.len(), 64);
    assert_eq!(c.actions.iter().filter(|a| *a.year == 2022).count(), 30);
    let porteurs: BTreeSet<&str> = c.actions.iter().map(|a| a.porteur.as_str()).collect();
    assert_eq!(porteurs.len(), 22);
    let status = |s: Status| c.actions.iter().filter(|a| a.status == s).count();
    assert_eq!(
        (
            status(Status::Rejected),
            status(Status::Cancelled),
            status(Status::Proposed)
        ),
        (1, 1, 1)
    );
    // Every field of the format is used somewhere.
    assert!(c.actions.iter().any(|a| a.description.is_some()));
    assert!(c.actions.iter().any(|a| !a.transversal.is_empty()));
    assert!(c.actions.iter().any(|a| !a.requested.is_empty()));
    assert!(c.actions.iter().any(|a| a.funding.len() >= 3));
    assert!(c.actions.iter().any(|a| a.beneficiaries.actual.is_some()));
    assert!(c.actions.iter().any(|a| !a.tags.is_empty()));
    assert!(c.actions.iter().any(|a| {
        a.indicators
            .iter()
            .any(|i| i.unit.is_some() && i.actual.is_some())
    }));
    assert_eq!(c.actions.iter().filter(|a| a.renews.is_some()).count(), 13);
    for q in &c.quartiers {
        assert!(c.actions.iter().any(|a| {
            a.quartiers
                .iter()
                .any(|w| c.quartier(w).is_some_and(|f| f.key() == q.key()))
        }));
    }
}

#[test]
fn coverage_2023_matches_the_independent_count() {
    let c = example();
    let report = analysis::coverage(&c, &years(&c, "2023"), Dimension::Level(2), false);
    // (code, actions naming it, as main, funding voted on main, cost on main), in euros.
    let expected: [(&str, usize, usize, i64, i64); 33] = [
        ("P 1.1.1", 1, 1, 79000_00, 88000_00),
        ("P 1.1.2", 2, 1, 24000_00, 30000_00),
        ("P 1.1.3", 2, 0, 0, 0),
        ("P 1.1.4", 2, 2, 23500_00, 29300_00),
        ("P 1.2.1", 1, 1, 28000_00, 33500_00),
        ("P 1.2.2", 1, 1, 19000_00, 25000_00),
        ("P 1.2.3", 2, 2, 15000_50, 19500_00),
        ("P 1.2.4", 1, 1, 13000_00, 16000_00),
        ("P 1.3.1", 2, 2, 22500_00, 30500_00),
        ("P 1.3.2", 0, 0, 0, 0),
        ("P 1.3.3", 1, 0, 0, 0),
        ("P 1.3.4", 2, 1, 11500_00, 14500_00),
        ("P 1.4.1", 2, 2, 41000_00, 56000_00),
        ("P 1.4.2", 2, 1, 37500_00, 46000_00),
        ("P 1.4.3", 2, 2, 14500_00, 22500_00),
        ("P 1.5.1", 0, 0, 0, 0),
        ("P 1.5.2", 2, 1, 28500_00, 37000_00),
        ("P 1.5.3", 2, 2, 37500_00, 45000_00),
        ("P 1.5.4", 0, 0, 0, 0),
        ("P 2.1.1", 1, 1, 88000_00, 115000_00),
        ("P 2.1.2", 2, 1, 13000_00, 17000_00),
        ("P 2.2.1", 0, 0, 0, 0),
        ("P 2.2.2", 2, 1, 26000_00, 34000_00),
        ("P 2.2.3", 2, 1, 17500_00, 23000_00),
        ("P 3.1.1", 0, 0, 0, 0),
        ("P 3.1.2", 1, 1, 22000_00, 27000_00),
        ("P 3.1.3", 0, 0, 0, 0),
        ("P 3.2.1", 1, 0, 0, 0),
        ("P 3.2.2", 3, 2, 65000_00, 82000_00),
        ("P 3.2.3", 2, 2, 68000_00, 81000_00),
        ("P 3.3.1", 1, 1, 13750_75, 19500_00),
        ("P 3.3.2", 2, 1, 9500_00, 11500_00),
        ("P 3.4.1", 0, 0, 0, 0),
    ];
    let got: Vec<(String, usize, usize, Money, Money)> = report
        .rows
        .iter()
        .map(|r| {
            (
                r.key.clone(),
                r.measures.actions,
                r.measures.main_actions.unwrap(),
                r.measures.funding,
                r.measures.cost.sum,
            )
        })
        .collect();
    let want: Vec<(String, usize, usize, Money, Money)> = expected
        .iter()
        .map(|&(k, a, m, f, c)| (k.to_owned(), a, m, eur(f), eur(c)))
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        (
            report.total.actions,
            report.total.funding,
            report.total.cost.sum
        ),
        (31, eur(717_251_25), eur(902_800_00))
    );
    // 33 priorities, 7 with no action.
    assert_eq!(report.total.covered, Some((26, 33)));

    let funders = analysis::coverage(&c, &years(&c, "2023"), Dimension::Funder, false);
    let got: Vec<(String, Money)> = funders
        .rows
        .iter()
        .map(|r| (r.key.clone(), r.measures.funding))
        .collect();
    let want: Vec<(String, Money)> = [
        ("etat", 236_000_00),
        ("ville", 182_000_50),
        ("agglo", 42_750_75),
        ("departement", 127_500_00),
        ("region", 34_500_00),
        ("caf", 45_500_00),
        ("bailleurs", 49_000_00),
    ]
    .iter()
    .map(|&(k, f)| (k.to_owned(), eur(f)))
    .collect();
    assert_eq!(got, want);
    assert_eq!(funders.total.funding, eur(717_251_25));
}

#[test]
fn coverage_2022_totals_match_the_independent_count() {
    let c = example();
    let report = analysis::coverage(&c, &years(&c, "2022"), Dimension::Level(0), false);
    assert_eq!(
        (
            report.total.actions,
            report.total.funding,
            report.total.cost.sum
        ),
        (30, eur(744_001_00), eur(913_500_00))
    );
    let funders = analysis::coverage(&c, &years(&c, "2022"), Dimension::Funder, false);
    let etat = funders.rows.iter().find(|r| r.key == "etat").unwrap();
    assert_eq!(etat.measures.funding, eur(236_500_00));
}

#[test]
fn gaps_2023_match_the_independent_count() {
    let c = example();
    let report = analysis::gaps(&c, &years(&c, "2023"));
    let keys = |kind: GapKind| -> Vec<String> {
        report
            .gaps
            .iter()
            .filter(|g| g.kind == kind)
            .map(|g| g.key.clone())
            .collect()
    };
    // Seven priorities without action, P 3.1.1 among them as the accepted gap.
    assert_eq!(
        keys(GapKind::UncoveredPriority),
        [
            "P 1.3.2", "P 1.5.1", "P 1.5.4", "P 2.2.1", "P 3.1.3", "P 3.4.1"
        ]
    );
    assert_eq!(
        report
            .accepted
            .iter()
            .map(|a| a.code.to_string())
            .collect::<Vec<_>>(),
        ["P 3.1.1"]
    );
    assert_eq!(
        keys(GapKind::SecondaryOnly),
        ["P 1.1.3", "P 1.3.3", "P 3.2.1"]
    );
    assert_eq!(
        keys(GapKind::SinglePorteur),
        [
            "P 1.1.1", "P 1.1.4", "P 1.2.1", "P 1.2.2", "P 1.2.4", "P 1.3.1", "P 1.3.3", "P 1.4.3",
            "P 1.5.3", "P 2.1.1", "P 2.1.2", "P 3.1.2", "P 3.2.1", "P 3.2.3", "P 3.3.1"
        ]
    );
    assert_eq!(keys(GapKind::UncoveredOrientation), ["OS 3.4"]);
    assert_eq!(keys(GapKind::UnreachedPublic), ["P 1.4.2"]);
    // P 3.1.1 also has protocole links, but its gap is accepted.
    assert_eq!(keys(GapKind::ProtocoleUnaddressed), ["P 1.5.1", "P 1.5.4"]);
    assert_eq!(
        keys(GapKind::LostCoverage),
        ["P 1.3.2", "P 1.5.1", "P 1.5.4", "P 2.2.1", "P 3.4.1"]
    );
    assert_eq!(
        keys(GapKind::IndicatorShortfall),
        ["2023-003", "2023-005", "2023-006", "2023-025", "2023-029"]
    );
    assert_eq!(keys(GapKind::MissingActual), ["2023-008"]);
    // Co-financing is no gap: only the three counted actions of 2023 whose
    // resources (funding voted, own funds, partners) fall short of their
    // cost, as tests/oracle/montauban.py 2023 lists them in
    // `funding_gaps` (6 000 €, 4 500 € and 2 749,25 € short).
    assert_eq!(
        keys(GapKind::FundingGap),
        ["2023-014", "2023-017", "2023-033"]
    );
    assert!(
        keys(GapKind::UncoveredPilier).is_empty() && keys(GapKind::UncoveredQuartier).is_empty()
    );
}

#[test]
fn gaps_2022_match_the_independent_count() {
    let c = example();
    let report = analysis::gaps(&c, &years(&c, "2022"));
    let keys = |kind: GapKind| -> Vec<String> {
        report
            .gaps
            .iter()
            .filter(|g| g.kind == kind)
            .map(|g| g.key.clone())
            .collect()
    };
    assert_eq!(keys(GapKind::UncoveredPriority), ["P 3.1.3"]);
    assert_eq!(
        keys(GapKind::SecondaryOnly),
        ["P 1.1.3", "P 1.2.2", "P 1.3.3", "P 2.2.2"]
    );
    assert_eq!(keys(GapKind::SinglePorteur).len(), 23);
    assert_eq!(keys(GapKind::UnreachedPublic), ["P 1.2.3"]);
    // Every plan of 2022 balances (tests/oracle/montauban.py 2022 lists no
    // funding gap): own funds and partners make up the cost.
    assert!(keys(GapKind::FundingGap).is_empty());
}

/// `examples/quartiers-2030`: a contract of the 2024 generation, with its own
/// words for its levels and a quartier known only by its name.
#[test]
fn a_quartiers_2030_contract_fits_the_format() {
    let c = open("examples/quartiers-2030");
    assert_eq!(c.level(PILIER).count(), 4);
    assert_eq!(c.tree.levels[0].label.as_deref(), Some("Axe"));
    let axe2 = c.level(PILIER).nth(1).unwrap();
    assert_eq!(axe2.code.to_string(), "Axe 2");
    assert_eq!(
        c.read_code("axe 3").map(|c| c.to_string()),
        Ok("Axe 3".to_owned())
    );
    // The second quartier has no code yet: it is known by its name.
    let keys: Vec<&str> = c.quartiers.iter().map(|q| q.key()).collect();
    assert_eq!(keys, ["QN99901A", "Faubourg des Tanneurs"]);
    // 2025 by quartier: 2025-001 (35 000 €, both quartiers), 2025-002 (22 000 €,
    // Tanneurs), 2025-003 (14 000 €, Hauts), 2025-004 (45 000 €, both).
    let report = analysis::coverage(&c, &years(&c, "2025"), Dimension::Quartier, false);
    let got: Vec<(String, usize, Money)> = report
        .rows
        .iter()
        .map(|r| (r.key.clone(), r.measures.actions, r.measures.funding))
        .collect();
    assert_eq!(
        got,
        [
            ("QN99901A".to_owned(), 3, eur(94_000_00)),
            ("Faubourg des Tanneurs".to_owned(), 3, eur(102_000_00))
        ]
    );
    assert_eq!(
        (report.total.actions, report.total.funding),
        (4, eur(116_000_00))
    );
    let gaps = analysis::gaps(&c, &years(&c, "2025"));
    assert_eq!(
        gaps.accepted
            .iter()
            .map(|a| a.code.to_string())
            .collect::<Vec<_>>(),
        ["P 4.1.2"]
    );
    let lost: Vec<String> = gaps
        .gaps
        .iter()
        .filter(|g| g.kind == GapKind::LostCoverage)
        .map(|g| g.key.clone())
        .collect();
    assert_eq!(lost, ["P 2.1.2"]);
}

/// The Quartiers 2030 example also makes its yearly report, in its own words.
#[test]
fn a_quartiers_2030_contract_makes_its_report() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_contrat"))
        .args([
            "--contract",
            "examples/quartiers-2030",
            "report",
            "--year",
            "2025",
            "--format",
            "md",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    // Axes and enjeux, as its [labels] call them; the total of 2025 as counted above.
    assert!(
        report.contains("### Axe 1 — Emploi, insertion et activité économique"),
        "{report}"
    );
    assert!(
        report.contains("| Enjeu | Intitulé | Objectifs |"),
        "{report}"
    );
    assert!(
        report.contains("| Financements votés | 116\u{a0}000\u{a0}€ |"),
        "{report}"
    );
}
