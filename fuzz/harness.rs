#![allow(dead_code)] // each target uses one entry point of the harness

//! What the fuzz targets run, shared with the test that replays past crashes
//! (`tests/it/fuzz_regressions.rs` includes this file).
//!
//! Every stage must survive any input: loading, checking, rendering the
//! findings, and, when the contract is clean, every coverage and gap report.

use std::path::{Path, PathBuf};

use contrat::analysis::{self, Dimension, FilterSpec};
use contrat::check::{self, Options, Summary};
use contrat::edit;
use contrat::load::{self, MemoryFile};
use contrat::model::Language;
use contrat::output::{self, Doc, Emit, Format, Words};
use contrat::render;

const CONTRACT: &str = include_str!("../tests/fixtures/programmation/contrat.toml");
const PILIER_1: &str = include_str!("../tests/fixtures/programmation/1-cohesion.toml");
const PILIER_2: &str = include_str!("../tests/fixtures/programmation/2-emploi.toml");

fn file(name: &str, bytes: &[u8]) -> MemoryFile {
    MemoryFile {
        path: PathBuf::from("fuzz").join(name),
        bytes: bytes.to_vec(),
    }
}

/// Arbitrary bytes as one file of a valid contract: the first byte picks which.
pub fn bytes(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let files = match mode % 3 {
        0 => vec![
            file("contrat.toml", CONTRACT.as_bytes()),
            file("1.toml", PILIER_1.as_bytes()),
            file("2.toml", rest),
        ],
        1 => vec![
            file("contrat.toml", rest),
            file("1.toml", PILIER_1.as_bytes()),
            file("2.toml", PILIER_2.as_bytes()),
        ],
        _ => vec![
            file("contrat.toml", CONTRACT.as_bytes()),
            file("1.toml", rest),
            file("2.toml", PILIER_2.as_bytes()),
        ],
    };
    exercise(files);
}

/// Arbitrary bytes steer the writing of a TOML document shaped like a pilier
/// file (known and unknown keys, values of every type, codes in every form),
/// which joins a valid contract: the fuzzer reaches the checks, not only the
/// parser.
pub fn document(data: &[u8]) {
    let mut input = Input(data);
    let text = pilier_document(&mut input);
    exercise(vec![
        file("contrat.toml", CONTRACT.as_bytes()),
        file("1.toml", PILIER_1.as_bytes()),
        file("2.toml", text.as_bytes()),
    ]);
}

fn exercise(files: Vec<MemoryFile>) {
    format(&files);
    let mut loaded = load::load_memory(Path::new("fuzz"), files);
    check::run(&mut loaded, Options::default());
    let findings: Vec<_> = loaded.diagnostics.iter().cloned().collect();
    let _ = render::diagnostics::human(&findings, &loaded.sources, false);
    let _ = render::diagnostics::json(&findings, &loaded.sources, Summary::of(&loaded));
    if loaded.diagnostics.has_errors() {
        return;
    }
    let contract = &loaded.contract;
    let Ok(filter) = FilterSpec::default().resolve(contract) else {
        return;
    };
    for by in Dimension::all(&contract.tree) {
        let report = analysis::coverage(contract, &filter, by, true);
        for lang in [Language::Fr, Language::En] {
            let words = Words::new(lang, &contract.tree);
            every_format(&render::coverage::doc(&report, &words), lang);
        }
    }
    let gaps = analysis::gaps(contract, &filter);
    for lang in [Language::Fr, Language::En] {
        let words = Words::new(lang, &contract.tree);
        every_format(&render::gaps::doc(&gaps, &words), lang);
    }
}

/// A document through every emitter of the output pipeline.
fn every_format(doc: &Doc, lang: Language) {
    for format in [
        Format::Table,
        Format::Md,
        Format::Csv,
        Format::Json,
        Format::Html,
    ] {
        for width in [None, Some(40)] {
            let _ = output::emit(
                doc,
                &Emit {
                    format,
                    lang,
                    width,
                    color: false,
                    chart_stem: None,
                },
            );
        }
    }
}

/// `fmt` either formats a contract or refuses it; what it writes reads as the
/// same contract (`format_folder` checks that, and an error there is a bug),
/// and formatting it again changes nothing.
fn format(files: &[MemoryFile]) {
    let folder = Path::new("fuzz");
    let changes = match edit::format_folder(folder, files) {
        Ok(changes) => changes,
        Err(edit::FolderError::ModelChanged(difference)) => {
            panic!("fmt changed the contract: {difference}")
        }
        Err(_) => return,
    };
    let formatted: Vec<MemoryFile> = changes
        .iter()
        .map(|c| MemoryFile {
            path: c.path.clone(),
            bytes: c.after.clone(),
        })
        .collect();
    let again = edit::format_folder(folder, &formatted).expect("formatted files format again");
    for change in again {
        assert!(
            !change.changed(),
            "fmt is not idempotent on {}",
            change.path.display()
        );
    }
}

/// The fuzzer's bytes, read as choices.
struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn pick<'s>(&mut self, items: &[&'s str]) -> &'s str {
        items[self.byte() as usize % items.len()]
    }

    fn done(&self) -> bool {
        self.0.is_empty()
    }
}

const KEYS: &[&str] = &[
    "code",
    "title",
    "id",
    "porteur",
    "year",
    "priorities",
    "transversal",
    "quartiers",
    "publics",
    "cost",
    "status",
    "renews",
    "tags",
    "emphasis",
    "note",
    "accepted_gap",
    "description",
    "titel",
    "pilier",
    "mesure",
    "text",
    "planned",
    "actual",
    "target",
    "name",
    "unit",
    "etat",
    "ville",
    "caf",
    "inconnu",
];

const WORDS: &[&str] = &[
    "P 2.1.1",
    "P 2.1.2",
    "P2.1.3",
    "p 2.1.1",
    "OS 2.1",
    "OS 2.2",
    "OT 1",
    "OT 9",
    "2.1.1",
    "P 9.9.9",
    "P 0.1.1",
    "",
    " ",
    "2023-001",
    "2022-002",
    "Nord",
    "le sud",
    "QP000001",
    "jeunes",
    "femmes",
    "funded",
    "completed",
    "fundd",
    "8 000 €",
    "é",
    "\\u00e9",
    "<script>",
    "=HYPERLINK(\"x\")",
    "a\tb",
    "line\nbreak",
];

fn string(input: &mut Input<'_>) -> String {
    let word = input.pick(WORDS);
    let escaped: String = word
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\n' => vec!['\\', 'n'],
            '\t' => vec!['\\', 't'],
            '\\' => vec!['\\', '\\'],
            c => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

fn value(input: &mut Input<'_>, depth: u8) -> String {
    match input.byte() % 12 {
        0..=3 => string(input),
        4 => format!("{}", 2015 + i64::from(input.byte() % 20)),
        5 => format!("{}", i64::from(input.byte()) * 1000 - 5000),
        6 => format!("{}.{}", input.byte(), input.byte()),
        7 => input
            .pick(&[
                "true",
                "false",
                "2023-01-01",
                "1e3",
                "-0",
                "9223372036854775807",
                "inf",
                "nan",
            ])
            .to_owned(),
        8 | 9 if depth < 3 => {
            let n = input.byte() % 4;
            let items: Vec<String> = (0..n).map(|_| value(input, depth + 1)).collect();
            format!("[{}]", items.join(", "))
        }
        10 | 11 if depth < 3 => {
            let n = input.byte() % 4;
            let items: Vec<String> = (0..n)
                .map(|i| format!("{}{i} = {}", input.pick(KEYS), value(input, depth + 1)))
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
        _ => string(input),
    }
}

fn pilier_document(input: &mut Input<'_>) -> String {
    let mut text = String::from("pilier = 2\ntitle = \"Emploi bis\"\n");
    let headers = [
        "[[orientation]]",
        "[[priority]]",
        "[[action]]",
        "[action.funding]",
        "[action.requested]",
        "[[action.indicator]]",
        "[other]",
    ];
    let mut used: Vec<&str> = Vec::new();
    while !input.done() && text.len() < 20_000 {
        if input.byte().is_multiple_of(4) {
            text.push('\n');
            text.push_str(input.pick(&headers));
            text.push('\n');
            used.clear();
        }
        let key = input.pick(KEYS);
        // A key twice in one table is a syntax error the parser already
        // covers; keep documents valid so that the checks run.
        if used.contains(&key) {
            continue;
        }
        used.push(key);
        text.push_str(&format!("{key} = {}\n", value(input, 0)));
    }
    text
}
