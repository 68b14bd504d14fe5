//! The yearly report of `examples/montauban-2023` for 2023.
//!
//! Each section is checked two ways: against the coverage and gap
//! computations (the report holds their results, it does not count again),
//! and against figures worked out independently of this crate (Python's
//! tomllib over the same files; see tests/example.rs for the method). The
//! Markdown snapshots in both languages (tests/snapshots/) were read in full
//! and their figures checked against these before they were accepted.

// Amounts are written in cents as `euros_cents` (`79000_00`), to read as euros.
#![allow(clippy::inconsistent_digit_grouping)]

use std::path::{Path, PathBuf};
use std::process::Command;

use contrat::analysis::report::{Measure, Trend, Value, Verdict};
use contrat::analysis::{self, Dimension, Filter, FilterSpec, GapKind, Years};
use contrat::check::{self, Options};
use contrat::load;
use contrat::model::{Contract, Language, Money, Status};
use contrat::output::{self, Doc, Emit, Format, Words};
use contrat::render::report;

use crate::support::repo;

/// The report laid out in `lang`.
fn document(r: &contrat::analysis::Report, lang: Language, notes: Option<&str>) -> Doc {
    let additions = report::Additions {
        notes: notes.map(str::to_owned),
        ..report::Additions::default()
    };
    report::doc(r, &Words::new(lang, r.tree), &additions)
}

/// A document through the output pipeline, as `contrat report` writes it.
fn emit(doc: &Doc, format: Format, lang: Language) -> String {
    let emitted = output::emit(
        doc,
        &Emit {
            format,
            lang,
            width: None,
            color: false,
            chart_stem: None,
        },
    )
    .unwrap();
    String::from_utf8(emitted.bytes).unwrap()
}

fn open(folder: &str) -> Contract {
    let mut loaded = load::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(folder)).unwrap();
    check::run(
        &mut loaded,
        Options {
            deny_warnings: true,
        },
    );
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.contract
}

fn example() -> Contract {
    open("examples/montauban-2023")
}

fn year(c: &Contract, y: u16) -> Filter {
    FilterSpec {
        years: Some(Years::from_iter([y])),
        ..FilterSpec::default()
    }
    .resolve(c)
    .unwrap()
}

fn eur(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn md(c: &Contract, lang: Language) -> String {
    emit(
        &document(&analysis::report(c, 2023), lang, None),
        Format::Md,
        lang,
    )
}

#[test]
fn the_report_holds_the_coverage_and_gap_results() {
    let c = example();
    let r = analysis::report(&c, 2023);
    let f = year(&c, 2023);
    let coverage = |by| analysis::coverage(&c, &f, by, false);
    assert_eq!(r.by_priority, coverage(Dimension::Level(2)));
    assert_eq!(r.by_orientation, coverage(Dimension::Level(1)));
    assert_eq!(r.by_pilier, coverage(Dimension::Level(0)));
    assert_eq!(r.by_funder, coverage(Dimension::Funder));
    assert_eq!(r.by_quartier, coverage(Dimension::Quartier));
    assert_eq!(r.by_transversal, coverage(Dimension::Transversal));
    assert_eq!(r.gaps, analysis::gaps(&c, &f));
    let ids = |actions: &[&contrat::model::Action]| -> Vec<String> {
        actions.iter().map(|a| a.id.value.clone()).collect()
    };
    assert_eq!(
        ids(&r.actions.counted),
        ids(&analysis::select(&c, &f)),
        "the counted actions are those coverage selects"
    );
}

#[test]
fn the_actions_of_2023() {
    let c = example();
    let r = analysis::report(&c, 2023);
    let a = &r.actions;
    // Independent count: 31 funded or completed (none closed), 12 of them
    // with `renews`.
    assert_eq!((a.counted.len(), a.new, a.renewed), (31, 19, 12));
    assert_eq!(
        a.statuses,
        [
            (Status::Proposed, 1),
            (Status::Instructing, 0),
            (Status::Funded, 14),
            (Status::Rejected, 1),
            (Status::Cancelled, 1),
            (Status::Completed, 17),
            (Status::Closed, 0),
        ]
    );
    assert_eq!(a.porteurs.len(), 20);
    // The porteurs are the coverage-by-porteur rows that have actions.
    let by_porteur = analysis::coverage(&c, &year(&c, 2023), Dimension::Porteur, false);
    let with_actions: Vec<_> = by_porteur
        .rows
        .into_iter()
        .filter(|r| r.measures.actions > 0)
        .collect();
    assert_eq!(a.porteurs, with_actions);
}

#[test]
fn the_means_of_2023_match_the_independent_count() {
    let c = example();
    let r = analysis::report(&c, 2023);
    let m = &r.means;
    assert_eq!(
        m.split.funders,
        [
            "etat",
            "ville",
            "agglo",
            "departement",
            "region",
            "caf",
            "bailleurs"
        ]
    );
    // Funding voted by pilier (money on the main priority) and funder.
    let want: [(&str, [i64; 7]); 3] = [
        (
            "Pilier 1",
            [
                139_000_00, 108_000_50, 2_000_00, 83_500_00, 11_500_00, 44_000_00, 6_500_00,
            ],
        ),
        (
            "Pilier 2",
            [
                44_000_00, 7_000_00, 28_000_00, 41_000_00, 23_000_00, 1_500_00, 0,
            ],
        ),
        (
            "Pilier 3",
            [53_000_00, 67_000_00, 12_750_75, 3_000_00, 0, 0, 42_500_00],
        ),
    ];
    let want: Vec<(String, Vec<Money>)> = want
        .iter()
        .map(|(k, v)| (k.to_string(), v.iter().map(|&c| eur(c)).collect()))
        .collect();
    assert_eq!(m.split.rows, want);

    // Each pilier's row adds up to its funding in the coverage by pilier, each
    // funder's column to its funding in the coverage by funder, and all to the
    // total.
    for ((key, amounts), row) in m.split.rows.iter().zip(&r.by_pilier.rows) {
        assert_eq!(*key, row.key);
        assert_eq!(amounts.iter().copied().sum::<Money>(), row.measures.funding);
    }
    for (j, funder) in r.by_funder.rows.iter().enumerate() {
        let column: Money = m.split.rows.iter().map(|(_, a)| a[j]).sum();
        assert_eq!(column, funder.measures.funding, "{}", funder.key);
        assert_eq!(m.funders[j].funding, funder.measures.funding);
    }
    let all: Money = m
        .split
        .rows
        .iter()
        .flat_map(|(_, a)| a.iter().copied())
        .sum();
    assert_eq!((all, m.funding), (eur(717_251_25), eur(717_251_25)));

    // Shares in tenths of a percent: 236 000 / 717 251,25 = 32,90 %, …
    let shares: Vec<Option<u64>> = m.funders.iter().map(|f| f.share).collect();
    let want: Vec<Option<u64>> = [329, 254, 60, 178, 48, 63, 68].map(Some).to_vec();
    assert_eq!(shares, want);
    // Leverage: 902 800 / 236 000 = 3,825…; the 31 counted actions state
    // their cost.
    assert_eq!(
        (m.cost.whole(), m.state, m.leverage),
        (Some(eur(902_800_00)), Some(eur(236_000_00)), Some(383))
    );
    assert_eq!((m.cost.known, m.cost.of), (31, 31));
}

#[test]
fn the_share_of_priorities_covered_per_orientation_is_coverage_by_orientation() {
    let c = example();
    let r = analysis::report(&c, 2023);
    assert_eq!(r.covered.len(), r.by_orientation.rows.len());
    for (share, row) in r.covered.iter().zip(&r.by_orientation.rows) {
        assert_eq!(share.key, row.key);
        assert_eq!(
            Some((share.covered, share.priorities)),
            row.measures.covered
        );
        let (covered, of) = (share.covered as u64, share.priorities as u64);
        assert_eq!(share.share, Some((covered * 2000 + of) / (of * 2)));
    }
    // By hand: OS 1.3 has P 1.3.2 uncovered; OS 3.4 its only priority.
    let find = |key: &str| r.covered.iter().find(|s| s.key == key).unwrap();
    assert_eq!(
        (
            find("OS 1.3").covered,
            find("OS 1.3").priorities,
            find("OS 1.3").share
        ),
        (3, 4, Some(750))
    );
    assert_eq!((find("OS 3.4").covered, find("OS 3.4").share), (0, Some(0)));
    assert_eq!(
        (
            r.covered_total.covered,
            r.covered_total.priorities,
            r.covered_total.share
        ),
        (26, 33, Some(788))
    );
    // The outline's priorities per orientation are the same counts.
    let outline: Vec<usize> = r
        .outline
        .iter()
        .flat_map(|p| p.orientations.iter().map(|o| o.priorities))
        .collect();
    assert_eq!(outline, [4, 4, 4, 3, 4, 2, 3, 3, 3, 2, 1]);
}

#[test]
fn indicators_take_their_verdict_from_the_gaps() {
    let c = example();
    let r = analysis::report(&c, 2023);
    assert_eq!(r.indicators.len(), 21);
    let with = |v: Verdict| -> Vec<&str> {
        r.indicators
            .iter()
            .filter(|l| l.verdict == v)
            .map(|l| l.action.id.as_str())
            .collect()
    };
    let gap_keys = |kind: GapKind| -> Vec<&str> {
        r.gaps
            .gaps
            .iter()
            .filter(|g| g.kind == kind)
            .map(|g| g.key.as_str())
            .collect()
    };
    assert_eq!(
        with(Verdict::Shortfall),
        gap_keys(GapKind::IndicatorShortfall)
    );
    assert_eq!(
        with(Verdict::Shortfall),
        ["2023-003", "2023-005", "2023-006", "2023-025", "2023-029"]
    );
    assert_eq!(with(Verdict::Missing), ["2023-008"]);
    // No actual yet, and the action only funded.
    assert_eq!(
        with(Verdict::Pending),
        [
            "2023-002", "2023-007", "2023-009", "2023-014", "2023-023", "2023-026"
        ]
    );
    assert_eq!(with(Verdict::Met).len(), 9);
}

#[test]
fn the_comparison_with_2022() {
    let c = example();
    let r = analysis::report(&c, 2023);
    assert_eq!(r.previous_year, Some(2022));
    let comparison = r.comparison.as_ref().unwrap();
    assert_eq!(comparison.previous_year, 2022);
    let got: Vec<(Measure, Value, Value, Trend)> = comparison
        .measures
        .iter()
        .map(|m| (m.measure, m.previous, m.current, m.trend))
        .collect();
    use Value::{Count, Covered};
    let money = |c| Value::Money(eur(c));
    assert_eq!(
        got,
        [
            (Measure::Actions, Count(30), Count(31), Trend::Up),
            (Measure::Porteurs, Count(21), Count(20), Trend::Down),
            (
                Measure::Funding,
                money(744_001_00),
                money(717_251_25),
                Trend::Down
            ),
            (
                Measure::Cost,
                money(913_500_00),
                money(902_800_00),
                Trend::Down
            ),
            (
                Measure::StateFunding,
                money(236_500_00),
                money(236_000_00),
                Trend::Down
            ),
            (
                Measure::PrioritiesCovered,
                Covered(31, 33),
                Covered(26, 33),
                Trend::Down
            ),
            // The State's posts, real ANCT rows of CV307: worked out by
            // tests/oracle/anct_posts.py on examples/anct/*-cv307.json —
            // 2022: 14 adultes-relais 297 556 € + 4 FONJEP 28 656 €;
            // 2023: 16 adultes-relais 360 891,68 € + 4 FONJEP 28 656 €.
            (Measure::Posts, Count(18), Count(20), Trend::Up),
            (
                Measure::PostsAmount,
                money(326_212_00),
                money(389_547_68),
                Trend::Up
            ),
        ]
    );
    // The year before is the same coverage function on 2022.
    let before = analysis::coverage(&c, &year(&c, 2022), Dimension::Level(0), false);
    let pilier: Vec<(String, Money, Money, Trend)> = comparison
        .by_pilier
        .iter()
        .map(|p| (p.key.clone(), p.previous, p.current, p.trend))
        .collect();
    assert_eq!(
        pilier,
        [
            (
                "Pilier 1".to_owned(),
                eur(406_000_50),
                eur(394_500_50),
                Trend::Down
            ),
            (
                "Pilier 2".to_owned(),
                eur(145_000_00),
                eur(144_500_00),
                Trend::Down
            ),
            (
                "Pilier 3".to_owned(),
                eur(193_000_50),
                eur(178_250_75),
                Trend::Down
            ),
        ]
    );
    for (p, row) in comparison.by_pilier.iter().zip(&before.rows) {
        assert_eq!(p.previous, row.measures.funding);
    }
}

/// Every section heading, in order, in the rendered Markdown.
fn headings(md: &str) -> Vec<&str> {
    md.lines().filter(|l| l.starts_with("## ")).collect()
}

#[test]
fn the_french_markdown_has_every_section_with_its_figures() {
    let md = md(&example(), Language::Fr);
    assert_eq!(
        headings(&md),
        [
            "## 1. Synthèse",
            "## 2. Les orientations du contrat",
            "## 3. L'évolution de la situation des quartiers",
            "## 4. Les actions de l'année",
            "## 5. Les communes, l'intercommunalité et les signataires",
            "## 6. Les moyens mobilisés",
            "## 7. La couverture du contrat",
            "## 8. Les manques",
            "## 9. Le renouvellement urbain (NPNRU)",
            "## 10. Les communes bénéficiaires de la DSU",
            "## 11. Les quartiers",
            "## 12. Les orientations transversales",
            "## 13. Les indicateurs",
            "## 14. Comparaison avec l'année précédente (2022)",
            "## Annexe A — Le détail des manques",
        ]
    );
    let nbsp = |s: &str| s.replace(' ', "\u{a0}");
    for line in [
        format!("| Financements votés | {} |", nbsp("717 251,25 €")),
        "| Effet levier (coût total / crédits de l'État) | 3,83 |".to_owned(),
        format!("| Priorités avec action | 26/33 ({}) |", nbsp("78,8 %")),
        "| Actions nouvelles | 19 |".to_owned(),
        "| Actions reconduites | 12 |".to_owned(),
        format!(
            "| Total | {} | {} | {} | {} | {} |",
            nbsp("394 500,50 €"),
            nbsp("144 500 €"),
            nbsp("178 250,75 €"),
            nbsp("717 251,25 €"),
            nbsp("100,0 %")
        ),
        // The change in percent of 2022: -26 749,75 / 744 001 = -3,595 %.
        format!(
            "| Financements votés | {} | {} | {} | ▼ baisse |",
            nbsp("744 001 €"),
            nbsp("717 251,25 €"),
            nbsp("-3,6 %")
        ),
        // 1/30 = 3,33 %; 5/31 = 16,13 %.
        format!(
            "| Actions retenues (financées, réalisées ou clôturées) | 30 | 31 | {} | ▲ hausse |",
            nbsp("+3,3 %")
        ),
        format!(
            "| Priorités avec action | 31/33 | 26/33 | {} | ▼ baisse |",
            nbsp("-16,1 %")
        ),
        // The three most frequent gaps, by tests/oracle/montauban.py 2023: 15
        // single porteurs, 6 priorities without action, 5 priorities covered
        // in 2022 and not in 2023 (its `lost_coverage`); funding gaps are 3.
        "| Un seul porteur | 15 |".to_owned(),
        "| Priorité sans action | 6 |".to_owned(),
        "| Couverture perdue | 5 |".to_owned(),
        // An uncovered priority is marked in its orientation's table.
        format!(
            "| P 1.3.2 | Agir plus particulièrement en direction des publics issus des quartiers prioritaires en souffrance psychique. | 0 | 0 | {} | {} | — | — | sans action |",
            nbsp("0 €"),
            nbsp("0 €")
        ),
        format!(
            "| OS 3.4 | Agir en faveur de la mobilité des habitants des quartiers prioritaires | 0/1 | {} |",
            nbsp("0,0 %")
        ),
    ] {
        assert!(md.lines().any(|l| l == line), "missing line: {line}");
    }
    // Without files beside it, a Markdown report has tables and no images.
    assert!(!md.contains("!["));
}

#[test]
fn the_english_markdown_has_every_section_with_its_figures() {
    let md = md(&example(), Language::En);
    assert_eq!(headings(&md).len(), 15);
    assert!(headings(&md).contains(&"## 14. Compared with the year before (2022)"));
    assert!(headings(&md).contains(&"## Annex A — The gaps one by one"));
    for line in [
        "| Funding voted | €717,251.25 |",
        "| Cost leverage (total cost / State credits) | 3.83 |",
        "| Priorities with actions | 26/33 (78.8%) |",
        "| Total | €394,500.50 | €144,500 | €178,250.75 | €717,251.25 | 100.0% |",
        "| Funding voted | €744,001 | €717,251.25 | -3.6% | ▼ down |",
        "| Actions counted (funded, completed or closed) | 30 | 31 | +3.3% | ▲ up |",
        "| État — crédits politique de la ville (BOP 147) | €139,000 | €44,000 | €53,000 | €236,000 | 32.9% |",
    ] {
        assert!(md.lines().any(|l| l == line), "missing line: {line}");
    }
}

#[test]
fn markdown_snapshot_fr() {
    insta::assert_snapshot!("montauban_2023_fr", md(&example(), Language::Fr));
}

#[test]
fn markdown_snapshot_en() {
    insta::assert_snapshot!("montauban_2023_en", md(&example(), Language::En));
}

#[test]
fn the_html_is_one_printable_page_that_fetches_nothing() {
    let c = example();
    let r = analysis::report(&c, 2023);
    let page = emit(
        &document(&r, Language::Fr, None),
        Format::Html,
        Language::Fr,
    );
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    for rule in [
        "@page { size: A4;",
        "section { break-before: page; }",
        "section:first-of-type { break-before: auto; }",
        "tr { break-inside: avoid; }",
        "font-family: system-ui, sans-serif;",
    ] {
        assert!(page.contains(rule), "{rule}");
    }
    for banned in ["<script", "http", "<link", "<img", "@import", "url(h"] {
        assert!(!page.contains(banned), "{banned}");
    }
    // The four charts of the figures, and one per indicator of the quartiers.
    assert_eq!(page.matches("<svg ").count(), 6);
    for title in [
        "Financements votés par pilier",
        "Financements votés par financeur",
        "Part des priorités avec action, par orientation",
        "Financements votés par pilier, cette année et l&#39;année précédente (2023, 2022)",
    ] {
        assert!(
            page.contains(&format!("-title\">{title}</title>")),
            "{title}"
        );
    }
    for id in [
        "orientations",
        "actions",
        "means",
        "coverage",
        "gaps",
        "quartiers",
        "transversals",
        "indicators",
        "comparison",
    ] {
        assert!(page.contains(&format!("<section id=\"{id}\">")), "{id}");
    }
    assert!(page.contains("717\u{a0}251,25\u{a0}€"));
    let en = emit(
        &document(&r, Language::En, None),
        Format::Html,
        Language::En,
    );
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(en.contains("€717,251.25"));
}

#[test]
fn contract_text_is_escaped_in_html_and_markdown() {
    let c = open("tests/fixtures/hostile");
    let r = analysis::report(&c, 2023);
    let page = emit(
        &document(&r, Language::Fr, None),
        Format::Html,
        Language::Fr,
    );
    assert!(!page.contains("<script"), "no script element");
    assert!(!page.contains("<img") && !page.contains("<i>") && !page.contains("<b>"));
    for escaped in [
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; atelier",
        "Contrat &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Cie&quot; l&#39;essai",
        "Ville &amp; &lt;b&gt;Agglo&lt;/b&gt;",
        "&lt;img src=x onerror=alert(1)&gt; &amp; numérique",
        "Nord &amp; &lt;Sud&gt;",
        "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)",
    ] {
        assert!(page.contains(escaped), "{escaped}");
    }
    let md = emit(&document(&r, Language::Fr, None), Format::Md, Language::Fr);
    assert!(md.contains("| 2023-001 | \\<script\\>alert(1)\\</script\\> & atelier |"));
    assert!(md.contains(
        "Orientation & \\<i\\>italique\\</i\\> \\*étoile\\* \\[lien\\](javascript:alert(1))"
    ));
    assert!(md.contains("| P 1.1.2 | Deuxième priorité \\| pipe |"));
}

#[test]
fn notes_are_markdown_as_written_and_html_without_raw_html() {
    let c = example();
    let r = analysis::report(&c, 2023);
    let notes = "La situation de **Cœur de Ville** s'améliore.\n\n\
                 Un <script>alert(1)</script> ne passe pas.\n\n\
                 - perspective 1\n- perspective 2\n";
    let doc = document(&r, Language::Fr, Some(notes));
    let md = emit(&doc, Format::Md, Language::Fr);
    assert!(md.contains("## 15. Situation des quartiers et perspectives\n\n"));
    assert!(
        md.contains(&format!("{notes}\n## Annexe A")),
        "the notes close the report, as written, before the annexes"
    );
    let page = emit(&doc, Format::Html, Language::Fr);
    assert!(page.contains("<section id=\"notes\">"));
    assert!(page.contains("<strong>Cœur de Ville</strong>"));
    assert!(page.contains("<li>perspective 1</li>"));
    assert!(page.contains("Un &lt;script&gt;alert(1)&lt;/script&gt; ne passe pas."));
    assert!(!page.contains("<script"));
}

fn contrat(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_contrat"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn example_report(args: &[&str]) -> std::process::Output {
    let mut all = vec![
        "--contract",
        "examples/montauban-2023",
        "report",
        "--year",
        "2023",
    ];
    all.extend(args);
    contrat(&all)
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_markdown_report_written_to_a_file_has_its_charts_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("bilan 2023.md");
    let run = example_report(&["--lang", "en", "-o", out.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty());
    assert_eq!(
        files(dir.path()),
        [
            "bilan 2023-coverage-by-orientation.svg",
            "bilan 2023-funding-by-funder.svg",
            "bilan 2023-funding-by-pilier.svg",
            "bilan 2023-situation-1.svg",
            "bilan 2023-situation-2.svg",
            "bilan 2023-year-on-year.svg",
            "bilan 2023.md",
        ]
    );
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("![Funding voted by pilier](bilan%202023-funding-by-pilier.svg)"));
    assert!(md.contains(
        "![Share of priorities with actions, by orientation](bilan%202023-coverage-by-orientation.svg)"
    ));
    let svg = std::fs::read_to_string(dir.path().join("bilan 2023-funding-by-funder.svg")).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(">€236,000</text>"));
    // The same report on standard output, without the image links.
    let stdout = String::from_utf8(example_report(&["--lang", "en"]).stdout).unwrap();
    // Each image line goes with the blank line before it.
    let mut lines: Vec<&str> = md.lines().collect();
    while let Some(i) = lines.iter().position(|l| l.starts_with("![")) {
        assert_eq!(lines[i - 1], "");
        lines.drain(i - 1..=i);
    }
    assert_eq!(stdout, lines.join("\n") + "\n");
}

#[test]
fn html_and_json_reports_are_one_file_each() {
    let dir = tempfile::tempdir().unwrap();
    let html_file = dir.path().join("bilan.html");
    let json_file = dir.path().join("bilan.json");
    assert!(
        example_report(&["-o", html_file.to_str().unwrap()])
            .status
            .success()
    );
    assert!(
        example_report(&["-o", json_file.to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(files(dir.path()), ["bilan.html", "bilan.json"]);
    let page = std::fs::read_to_string(&html_file).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));

    let text = std::fs::read_to_string(&json_file).unwrap();
    assert_eq!(
        text,
        String::from_utf8(example_report(&["--format", "json"]).stdout).unwrap(),
        "deterministic, and the same on standard output"
    );
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut keys: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "actions",
            "communes",
            "comparison",
            "contract",
            "coverage",
            "droit_commun",
            "gaps",
            "indicators",
            "means",
            "notes",
            "npnru",
            "orientations",
            "previous_year",
            "quartiers",
            "situation",
            "territories",
            "transversals",
            "version",
            "year",
        ]
    );
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["means"]["funding"], 717251.25);
    assert_eq!(doc["means"]["leverage"], 3.83);
    assert_eq!(doc["means"]["state_funding"], 236000);
    assert_eq!(doc["means"]["funders"][0]["share"], 32.9);
    assert_eq!(doc["means"]["by_pilier"][2]["funding"]["agglo"], 12750.75);
    assert_eq!(doc["actions"]["statuses"]["completed"], 17);
    assert_eq!(doc["coverage"]["by_priority"]["total"]["covered"], 26);
    assert!(doc["coverage"]["by_priority"].get("version").is_none());
    assert_eq!(doc["gaps"]["counts"]["funding-gap"], 3);
    assert_eq!(
        doc["comparison"]["measures"][2],
        serde_json::json!({"measure": "funding", "previous": 744001, "current": 717251.25, "trend": "down"})
    );
    assert_eq!(
        doc["comparison"]["measures"][5]["current"],
        serde_json::json!({"covered": 26, "priorities": 33})
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    for (args, message) in [
        (
            vec!["--format", "md", "-o", &at("x.html")],
            "--format md contradicts the extension",
        ),
        (vec!["-o", &at("x.txt")], "cannot tell the format"),
        (vec!["--notes", &at("missing.md")], "cannot read the notes"),
    ] {
        let run = example_report(&args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&run.stderr).contains(message),
            "{args:?}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let run = contrat(&[
        "--contract",
        "examples/montauban-2023",
        "report",
        "--year",
        "2030",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("the contract runs from 2015 to 2023"));
    assert!(files(dir.path()).is_empty(), "nothing written");
}

/// `examples/yearly-report.sh` makes every report of the example: 2022 and
/// 2023 (the years of its counted actions), each in French and English, as
/// Markdown with four charts beside it and as HTML.
#[cfg(unix)]
#[test]
fn the_yearly_script_makes_every_report() {
    let dir = tempfile::tempdir().unwrap();
    let run = Command::new("bash")
        .arg("examples/yearly-report.sh")
        .arg(dir.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CONTRAT", env!("CARGO_BIN_EXE_contrat"))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut want = Vec::new();
    for year in [2022, 2023] {
        for lang in ["en", "fr"] {
            for chart in [
                "coverage-by-orientation",
                "funding-by-funder",
                "funding-by-pilier",
                "situation-1",
                "situation-2",
                "year-on-year",
            ] {
                want.push(format!("report-{year}-{lang}-{chart}.svg"));
            }
            want.push(format!("report-{year}-{lang}.html"));
            want.push(format!("report-{year}-{lang}.md"));
        }
    }
    assert_eq!(files(dir.path()), want);
    let md = std::fs::read_to_string(dir.path().join("report-2022-en.md")).unwrap();
    assert!(md.starts_with("# Yearly report on urban policy 2022\n"));
    // 2022 by the independent count: 30 actions, €744,001 voted.
    assert!(md.contains("| Funding voted | €744,001 |"));
    assert!(md.contains("No action counted the year before"));
    let html = std::fs::read_to_string(dir.path().join("report-2023-fr.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
}

/// A small contract written for one test: `contrat.toml` with the given
/// `[funders]`, one pilier, one action of 2023 funded as given.
fn tiny(funders: &str, funding: &str) -> (tempfile::TempDir, Contract) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("contrat.toml"),
        format!(
            "title = \"Petit contrat\"\nterritory = \"Bourg\"\nperiod = {{ from = 2022, to = 2023 }}\nlanguage = \"fr\"\n\n[funders]\n{funders}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("1.toml"),
        format!(
            "pilier = 1\ntitle = \"Cohésion\"\n\n[[orientation]]\ncode = \"OS 1.1\"\ntitle = \"O\"\n\n\
             [[priority]]\ncode = \"P 1.1.1\"\ntitle = \"P\"\n\n[[action]]\nid = \"2023-001\"\ntitle = \"A\"\n\
             porteur = \"Alpha\"\nyear = 2023\npriorities = [\"P 1.1.1\"]\ncost = 3000\n\n[action.funding]\n{funding}\n"
        ),
    )
    .unwrap();
    let mut loaded = load::load(dir.path()).unwrap();
    check::run(&mut loaded, Options::default());
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    (dir, loaded.contract)
}

#[test]
fn without_a_funder_etat_there_is_no_leverage_nor_state_line() {
    let (_dir, c) = tiny("ville = \"Ville\"", "ville = 1000");
    let r = analysis::report(&c, 2023);
    assert_eq!((r.means.state, r.means.leverage), (None, None));
    assert!(
        r.comparison
            .iter()
            .flat_map(|c| &c.measures)
            .all(|m| m.measure != Measure::StateFunding)
    );
    let md = md(&c, Language::Fr);
    assert!(!md.contains("Crédits de l'État") && !md.contains("Effet levier"));
}

#[test]
fn when_the_state_gives_nothing_the_leverage_is_a_dash() {
    let (_dir, c) = tiny("etat = \"État\"\nville = \"Ville\"", "ville = 1000");
    let r = analysis::report(&c, 2023);
    assert_eq!((r.means.state, r.means.leverage), (Some(Money::ZERO), None));
    let md = md(&c, Language::Fr);
    assert!(md.contains("| Crédits de l'État | 0\u{a0}€ |"));
    assert!(md.contains("| Effet levier (coût total / crédits de l'État) | — |"));
    // 3000 / 1500 = 2,00 when the State gives half.
    let (_dir, c) = tiny(
        "etat = \"État\"\nville = \"Ville\"",
        "etat = 1500\nville = 1000",
    );
    assert_eq!(analysis::report(&c, 2023).means.leverage, Some(200));
}

#[test]
fn a_year_without_actions_still_makes_a_whole_report() {
    let c = open("tests/fixtures/hostile");
    let r = analysis::report(&c, 2022);
    assert!(r.actions.counted.is_empty());
    assert_eq!(r.means.funding, Money::ZERO);
    let doc = document(&r, Language::Fr, None);
    let md = emit(&doc, Format::Md, Language::Fr);
    assert!(md.contains("Aucune action retenue cette année."));
    assert!(md.contains("Aucun indicateur pour les actions retenues."));
    // 2022 is the fixture's first year (2022–2023): no comparison with 2021,
    // so no year-on-year chart.
    assert_eq!((r.previous_year, r.comparison.is_none()), (None, true));
    assert!(md.contains(
        "2022 est la première année du contrat\u{a0}: il n'y a pas d'année précédente à laquelle la comparer."
    ));
    assert!(!md.contains("2021"));
    assert_eq!(
        emit(&doc, Format::Html, Language::Fr)
            .matches("<svg ")
            .count(),
        3
    );
}

/// The means' posts are the real ANCT rows of CV307 shipped in
/// `examples/anct/` and imported into the example. Expected: 16
/// adultes-relais for 360 891,68 € and 4 FONJEP posts for 28 656 €, from
/// `python3 tests/oracle/anct_posts.py CV307 examples/anct/*-2023-cv307.json`
/// (Python's json module, independent of this crate), which the test runs
/// again when python3 is there.
#[test]
fn the_means_count_the_real_posts_of_2023() {
    const RELAIS: (usize, i64) = (16, 360_891_68);
    const FONJEP: (usize, i64) = (4, 28_656_00);
    let anct = repo("examples/anct");
    if let Ok(out) = Command::new("python3")
        .arg(repo("tests/oracle/anct_posts.py"))
        .arg("CV307")
        .arg(anct.join("adulte-relais-2023-cv307.json"))
        .arg(anct.join("postes-fonjep-2023-cv307.json"))
        .output()
        && out.status.success()
    {
        let oracle: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let file = |f: &str| {
            let f = &oracle["files"][f];
            (
                f["posts"].as_u64().unwrap() as usize,
                f["amount_cents"].as_i64().unwrap(),
            )
        };
        assert_eq!(file("adulte-relais-2023-cv307.json"), RELAIS);
        assert_eq!(file("postes-fonjep-2023-cv307.json"), FONJEP);
    }
    let c = example();
    let r = analysis::report(&c, 2023);
    let got: Vec<(String, usize, Option<Money>)> = r
        .means
        .posts_by_kind
        .iter()
        .map(|(kind, f)| (format!("{kind:?}"), f.posts, f.amount.whole()))
        .collect();
    assert_eq!(
        got,
        [
            ("Fonjep".to_owned(), FONJEP.0, Some(eur(FONJEP.1))),
            ("AdultesRelais".to_owned(), RELAIS.0, Some(eur(RELAIS.1))),
        ]
    );
    assert_eq!(r.means.posts.posts, 20);
    assert_eq!(r.means.posts.amount.whole(), Some(eur(389_547_68)));
}
