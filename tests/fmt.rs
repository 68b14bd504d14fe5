//! `contrat fmt`: a property test on generated contracts, and the command on
//! folders (check mode, writing, a contract that does not parse).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use proptest::prelude::*;

use contrat::diagnostic::Rule;
use contrat::edit::{self, digest};
use contrat::load::{self, MemoryFile};

// ---------------------------------------------------------------------------
// Generated contracts

/// Texts with the characters that test quoting: accents, both quotes, a
/// backslash and a `#` that is not a comment.
fn text() -> impl Strategy<Value = String> {
    "[a-zé'\"#\\\\ ]{0,8}[a-z]".prop_map(|s| format!("T{s}"))
}

/// An amount in cents, to be written in several spellings.
fn cents() -> impl Strategy<Value = i64> {
    prop_oneof![(0i64..50_000).prop_map(|e| e * 100), 0i64..5_000_000]
}

#[derive(Debug, Clone)]
struct Action {
    title: String,
    priorities: Vec<(u16, u16)>,
    cost: Option<i64>,
    funding: Vec<(usize, i64)>,
    beneficiaries: Option<(u64, u64)>,
    status: Option<usize>,
    tags: Vec<String>,
}

#[derive(Debug, Clone)]
struct Pilier {
    title: String,
    /// Titles of the priorities of each orientation.
    orientations: Vec<(String, Vec<String>)>,
    actions: Vec<Action>,
}

#[derive(Debug, Clone)]
struct Generated {
    title: String,
    piliers: Vec<Pilier>,
    transversals: Vec<String>,
    /// Choices of layout: key order, spacing, quoting, comments.
    noise: Vec<u8>,
}

fn action() -> impl Strategy<Value = Action> {
    (
        text(),
        prop::collection::vec((1u16..=2, 1u16..=2), 1..3),
        prop::option::of(cents()),
        prop::collection::vec((0usize..3, cents()), 0..3),
        prop::option::of((0u64..100, 0u64..100)),
        prop::option::of(0usize..5),
        prop::collection::vec("[a-z]{1,5}", 0..3),
    )
        .prop_map(
            |(title, priorities, cost, funding, beneficiaries, status, tags)| Action {
                title,
                priorities,
                cost,
                funding,
                beneficiaries,
                status,
                tags,
            },
        )
}

fn pilier() -> impl Strategy<Value = Pilier> {
    (
        text(),
        prop::collection::vec((text(), prop::collection::vec(text(), 2..3)), 2..3),
        prop::collection::vec(action(), 0..4),
    )
        .prop_map(|(title, orientations, actions)| Pilier {
            title,
            orientations,
            actions,
        })
}

fn generated() -> impl Strategy<Value = Generated> {
    (
        text(),
        prop::collection::vec(pilier(), 1..3),
        prop::collection::vec(text(), 0..3),
        prop::collection::vec(any::<u8>(), 64..256),
    )
        .prop_map(|(title, piliers, transversals, noise)| Generated {
            title,
            piliers,
            transversals,
            noise,
        })
}

/// Reads layout choices from the noise, round and round.
struct Noise<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Noise<'_> {
    fn pick(&mut self, n: usize) -> usize {
        let b = self.bytes[self.at % self.bytes.len()];
        self.at += 1;
        b as usize % n
    }

    fn coin(&mut self) -> bool {
        self.pick(2) == 0
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.pick(i + 1);
            items.swap(i, j);
        }
    }

    /// ` = `, `=`, `  =   `.
    fn equals(&mut self) -> &'static str {
        ["= ", " = ", "=", "   =  "][self.pick(4)]
    }

    /// A string in one of TOML's spellings.
    fn string(&mut self, s: &str) -> String {
        if self.coin() && !s.contains('\'') {
            format!("'{s}'")
        } else {
            let escaped = s.replace('\\', "\\\\").replace('"', "\\\"");
            format!("\"{escaped}\"")
        }
    }

    /// `8000`, `8_000`, `8000.0`, `8000.5`, `8000.50`.
    fn amount(&mut self, cents: i64) -> String {
        let (euros, rest) = (cents / 100, cents % 100);
        if rest == 0 {
            match self.pick(3) {
                0 => euros.to_string(),
                1 => format!("{euros}.0"),
                _ if euros >= 1000 => format!("{}_{:03}", euros / 1000, euros % 1000),
                _ => format!("{euros}.00"),
            }
        } else if rest % 10 == 0 && self.coin() {
            format!("{euros}.{}", rest / 10)
        } else {
            format!("{euros}.{rest:02}")
        }
    }

    /// `P 1.2.3`, `P1.2.3`, `p 1.2.3`, `1.2.3`.
    fn code(&mut self, prefix: &str, numbers: &str) -> String {
        match self.pick(4) {
            0 => format!("{prefix} {numbers}"),
            1 => format!("{prefix}{numbers}"),
            2 => format!("{} {numbers}", prefix.to_lowercase()),
            _ if prefix == "P" => numbers.to_owned(),
            _ => format!("{prefix}{numbers}"),
        }
    }

    /// Maybe a comment line, maybe blank lines.
    fn before(&mut self, out: &mut String) {
        match self.pick(6) {
            0 => out.push_str(&format!("# note {}\n", self.at)),
            1 => out.push_str("\n\n"),
            2 => out.push_str("   \n"),
            _ => {}
        }
    }
}

fn key_lines(noise: &mut Noise<'_>, mut keys: Vec<(String, String)>) -> String {
    noise.shuffle(&mut keys);
    let mut out = String::new();
    for (key, value) in keys {
        noise.before(&mut out);
        let eol = if noise.pick(8) == 0 { " # eol" } else { "" };
        out.push_str(&format!("{key}{}{value}{eol}\n", noise.equals()));
    }
    out
}

const FUNDERS: [&str; 3] = ["etat", "ville", "caf"];
const STATUSES: [&str; 5] = ["proposed", "funded", "rejected", "cancelled", "completed"];

fn contract_file(g: &Generated, noise: &mut Noise<'_>) -> String {
    let mut keys = vec![
        ("title".to_owned(), noise.string(&g.title)),
        ("territory".to_owned(), noise.string("Ville")),
        ("period".to_owned(), "{to=2025,from = 2020}".to_owned()),
        ("publics".to_owned(), "[ \"jeunes\",'femmes' ]".to_owned()),
    ];
    if noise.coin() {
        keys.push(("language".to_owned(), "\"fr\"".to_owned()));
    }
    let mut out = String::from("# Generated contract.\n");
    out.push_str(&key_lines(noise, keys));
    out.push_str("\n[funders]\n");
    for f in FUNDERS {
        out.push_str(&format!(
            "{f}{}{}\n",
            noise.equals(),
            noise.string(&f.to_uppercase())
        ));
    }
    for (i, t) in g.transversals.iter().enumerate() {
        out.push_str("[[transversal]]\n");
        let keys = vec![
            ("title".to_owned(), noise.string(t)),
            (
                "code".to_owned(),
                format!("\"{}\"", noise.code("OT", &(i + 1).to_string())),
            ),
        ];
        out.push_str(&key_lines(noise, keys));
    }
    out
}

fn pilier_file(n: usize, p: &Pilier, noise: &mut Noise<'_>) -> String {
    let keys = vec![
        ("pilier".to_owned(), n.to_string()),
        ("title".to_owned(), noise.string(&p.title)),
    ];
    let mut out = key_lines(noise, keys);
    for (o, (title, priorities)) in p.orientations.iter().enumerate() {
        noise.before(&mut out);
        out.push_str("[[orientation]]\n");
        let code = noise.code("OS", &format!("{n}.{}", o + 1));
        let keys = vec![
            ("code".to_owned(), format!("\"{code}\"")),
            ("title".to_owned(), noise.string(title)),
        ];
        out.push_str(&key_lines(noise, keys));
        for (i, title) in priorities.iter().enumerate() {
            out.push_str("\n[[priority]]\n");
            let code = noise.code("P", &format!("{n}.{}.{}", o + 1, i + 1));
            let mut keys = vec![
                ("code".to_owned(), format!("\"{code}\"")),
                ("title".to_owned(), noise.string(title)),
            ];
            if noise.coin() {
                keys.push((
                    "protocole".to_owned(),
                    "[{mesure = 3, text = \"Engagement\"}]".to_owned(),
                ));
            }
            out.push_str(&key_lines(noise, keys));
        }
    }
    for (k, a) in p.actions.iter().enumerate() {
        out.push_str("\n[[action]]\n");
        let priorities: Vec<String> = a
            .priorities
            .iter()
            .map(|(o, i)| format!("\"{}\"", noise.code("P", &format!("{n}.{o}.{i}"))))
            .collect();
        let mut keys = vec![
            ("id".to_owned(), format!("\"2023-{n}{k:02}\"")),
            ("title".to_owned(), noise.string(&a.title)),
            ("porteur".to_owned(), noise.string("Asso")),
            ("year".to_owned(), "2023".to_owned()),
            (
                "priorities".to_owned(),
                format!("[{}]", priorities.join(",")),
            ),
        ];
        if let Some(cost) = a.cost {
            keys.push(("cost".to_owned(), noise.amount(cost)));
        }
        if let Some((planned, actual)) = a.beneficiaries {
            keys.push((
                "beneficiaries".to_owned(),
                format!("{{actual = {actual}, planned={planned}}}"),
            ));
        }
        if let Some(s) = a.status {
            keys.push(("status".to_owned(), noise.string(STATUSES[s])));
        }
        if !a.tags.is_empty() {
            let tags: Vec<String> = a.tags.iter().map(|t| format!("\"{t}\"")).collect();
            keys.push(("tags".to_owned(), format!("[ {} ]", tags.join(" , "))));
        }
        // Funding from distinct funders, in one of three TOML shapes.
        let mut funding: Vec<(usize, i64)> = Vec::new();
        for (f, c) in &a.funding {
            if !funding.iter().any(|(g, _)| g == f) {
                funding.push((*f, *c));
            }
        }
        let shape = noise.pick(3);
        if !funding.is_empty() && shape == 0 {
            let items: Vec<String> = funding
                .iter()
                .map(|(f, c)| format!("{} = {}", FUNDERS[*f], noise.amount(*c)))
                .collect();
            keys.push(("funding".to_owned(), format!("{{ {} }}", items.join(", "))));
        }
        if shape == 1 {
            for (f, c) in &funding {
                keys.push((format!("funding.{}", FUNDERS[*f]), noise.amount(*c)));
            }
        }
        out.push_str(&key_lines(noise, keys));
        if !funding.is_empty() && shape == 2 {
            noise.before(&mut out);
            out.push_str("[action.funding]\n");
            for (f, c) in &funding {
                out.push_str(&format!(
                    "{}{}{}\n",
                    FUNDERS[*f],
                    noise.equals(),
                    noise.amount(*c)
                ));
            }
        }
    }
    if noise.pick(4) == 0 {
        out.push_str("\n# The end.\n");
    }
    if noise.coin() {
        out = out.replace('\n', "\r\n");
    }
    out
}

fn files_of(g: &Generated) -> (PathBuf, Vec<MemoryFile>) {
    let folder = PathBuf::from("c");
    let mut noise = Noise {
        bytes: &g.noise,
        at: 0,
    };
    let mut files = vec![MemoryFile {
        path: folder.join("contrat.toml"),
        bytes: contract_file(g, &mut noise).into_bytes(),
    }];
    for (i, p) in g.piliers.iter().enumerate() {
        files.push(MemoryFile {
            path: folder.join(format!("{}-p.toml", i + 1)),
            bytes: pilier_file(i + 1, p, &mut noise).into_bytes(),
        });
    }
    (folder, files)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn fmt_is_idempotent_and_keeps_the_model(g in generated()) {
        let (folder, files) = files_of(&g);
        let original = load::load_memory(&folder, files.clone());
        let syntax: Vec<String> = original
            .diagnostics
            .iter()
            .filter(|d| d.rule == Rule::Syntax)
            .map(|d| d.message.clone())
            .collect();
        prop_assert!(syntax.is_empty(), "the generator wrote invalid TOML: {:?}", syntax);
        prop_assert_eq!(original.contract.actions.len(), g.piliers.iter().map(|p| p.actions.len()).sum::<usize>());

        let first = match edit::format_folder(&folder, &files) {
            Ok(changes) => changes,
            Err(e) => {
                let texts: Vec<String> = files.iter().map(|f| String::from_utf8_lossy(&f.bytes).into_owned()).collect();
                return Err(TestCaseError::fail(format!("{e}\n{}", texts.join("\n----\n"))));
            }
        };
        let formatted: Vec<MemoryFile> = first
            .iter()
            .map(|c| MemoryFile { path: c.path.clone(), bytes: c.after.clone() })
            .collect();
        for (file, before) in formatted.iter().zip(&files) {
            let text = std::str::from_utf8(&file.bytes).unwrap();
            prop_assert!(text.ends_with('\n'));
            // The file's own line ends are kept.
            let crlf = before.bytes.windows(2).any(|w| w == b"\r\n");
            prop_assert_eq!(text.matches('\r').count(), if crlf { text.matches('\n').count() } else { 0 });
            prop_assert!(text.lines().all(|l| l == l.trim_end()), "trailing whitespace in\n{}", text);
            prop_assert!(!text.contains("\n\n\n"), "two blank lines in\n{}", text);
        }
        // The same model: ids, codes, titles, amounts.
        let again = load::load_memory(&folder, formatted.clone());
        prop_assert_eq!(digest(&original.contract), digest(&again.contract));
        // No non-canonical code is left.
        prop_assert!(again.diagnostics.iter().all(|d| d.rule != Rule::NonCanonicalCode));

        // A second run changes nothing.
        let second = edit::format_folder(&folder, &formatted).expect("formats again");
        for change in &second {
            prop_assert!(
                !change.changed(),
                "second run changed {}:\n{}",
                change.path.display(),
                contrat::render::diff::unified(
                    &change.path.display().to_string(),
                    &String::from_utf8_lossy(&change.before),
                    &String::from_utf8_lossy(&change.after),
                )
            );
        }
    }
}

// ---------------------------------------------------------------------------
// The command

fn contrat(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contrat"))
        .arg("--contract")
        .arg(dir)
        .args(args)
        .env_remove("CONTRAT_DIR")
        .env("NO_COLOR", "1")
        .output()
        .expect("run contrat")
}

const CONTRACT: &str = "title = \"T\"\nterritory = \"T\"\nperiod = { from = 2020, to = 2025 }\n";

fn folder(pilier: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("contrat.toml"), CONTRACT).unwrap();
    fs::write(dir.path().join("1-p.toml"), pilier).unwrap();
    dir
}

#[test]
fn check_prints_a_diff_and_changes_nothing() {
    let pilier = "pilier=1\ntitle = \"P\"\n[[orientation]]\ntitle = \"O\"\ncode = \"OS1.1\"\n";
    let dir = folder(pilier);
    let out = contrat(dir.path(), &["fmt", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    let path = dir.path().join("1-p.toml").display().to_string();
    let expected = format!(
        "--- a/{path}\n+++ b/{path}\n@@ -1,5 +1,6 @@\n-pilier=1\n+pilier = 1\n title = \"P\"\n+\n [[orientation]]\n+code = \"OS 1.1\"\n title = \"O\"\n-code = \"OS1.1\"\n"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: 1 file is not in canonical form; `contrat fmt` rewrites it\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("1-p.toml")).unwrap(),
        pilier
    );
}

#[test]
fn fmt_writes_canonical_files_and_a_second_run_is_quiet() {
    let dir = folder("pilier=1\ntitle = \"P\"\n[[orientation]]\ntitle = \"O\"\ncode = \"OS1.1\"\n");
    let out = contrat(dir.path(), &["fmt"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("formatted {}\n", dir.path().join("1-p.toml").display())
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("1-p.toml")).unwrap(),
        "pilier = 1\ntitle = \"P\"\n\n[[orientation]]\ncode = \"OS 1.1\"\ntitle = \"O\"\n"
    );
    let again = contrat(dir.path(), &["fmt"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(again.stdout.is_empty());
    let check = contrat(dir.path(), &["fmt", "--check"]);
    assert_eq!(check.status.code(), Some(0));
    assert!(check.stdout.is_empty());
}

#[test]
fn a_contract_that_does_not_parse_is_not_touched() {
    let broken = "pilier = 1\ntitle = \"P\n";
    let dir = folder(broken);
    fs::write(
        dir.path().join("contrat.toml"),
        "title=\"T\"\nterritory = \"T\"\nperiod = { from = 2020, to = 2025 }\n",
    )
    .unwrap();
    let out = contrat(dir.path(), &["fmt"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error[syntax]: invalid TOML"),
        "{stderr}"
    );
    assert!(stderr.contains("1-p.toml:2:"), "{stderr}");
    assert!(
        stderr.contains("does not parse; nothing was formatted"),
        "{stderr}"
    );
    // Neither the broken file nor the other, non-canonical one was written.
    assert_eq!(
        fs::read_to_string(dir.path().join("1-p.toml")).unwrap(),
        broken
    );
    assert!(
        fs::read_to_string(dir.path().join("contrat.toml"))
            .unwrap()
            .starts_with("title=\"T\"")
    );
}

#[test]
fn shipped_contract_and_example_are_canonical() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in [
        "contract",
        "examples/montauban-2023",
        "examples/quartiers-2030",
    ] {
        let dir = root.join(folder);
        let loaded = load::load(&dir).unwrap();
        let files: Vec<MemoryFile> = loaded
            .sources
            .iter()
            .map(|(_, s)| MemoryFile {
                path: s.path.clone(),
                bytes: fs::read(&s.path).unwrap(),
            })
            .collect();
        for change in edit::format_folder(&dir, &files).unwrap() {
            assert!(
                !change.changed(),
                "{} is not canonical",
                change.path.display()
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Findings of the adversarial run (issue 10)

/// Formats `text` as the file `name` of a small contract, through
/// [`edit::format_folder`] and so its check that the contract reads the same;
/// then checks that a second run changes nothing.
fn format_file(name: &str, text: &str) -> String {
    let folder = PathBuf::from("c");
    let mut files = vec![MemoryFile {
        path: folder.join(name),
        bytes: text.as_bytes().to_vec(),
    }];
    if name != "contrat.toml" {
        files.push(MemoryFile {
            path: folder.join("contrat.toml"),
            bytes: CONTRACT.as_bytes().to_vec(),
        });
    }
    let once = edit::format_folder(&folder, &files).unwrap_or_else(|e| panic!("{e}"));
    let out = String::from_utf8(once[0].after.clone()).unwrap();
    files[0].bytes = out.clone().into_bytes();
    let twice = edit::format_folder(&folder, &files).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&twice[0].after),
        out,
        "a second run changed the file"
    );
    out
}

#[test]
fn a_comment_after_the_last_item_stays_there_and_a_second_run_agrees() {
    // Issue 10, finding 8
    let out = format_file(
        "contrat.toml",
        "publics = [\"jeunes\", \"femmes\" # les deux\n]\nsource = [\"a\" # before the comma\n, \"b\"]\n",
    );
    assert_eq!(
        out,
        "source = [\n  \"a\", # before the comma\n  \"b\",\n]\npublics = [\n  \"jeunes\",\n  \"femmes\", # les deux\n]\n"
    );
}

#[test]
fn an_end_of_line_comment_stays_at_the_end_of_its_line() {
    // Issue 10, finding 9
    let contract = "publics = [\n  \"jeunes\", # 12-25 ans\n  \"femmes\",\n]\n\n[[quartier]]\nname = \"Q\"\naliases = [\n  \"Q1\", # old name\n  \"Q2\",\n]\n";
    assert_eq!(format_file("contrat.toml", contract), contract);
    let pilier = "pilier = 1\n\n[[priority]]\ncode = \"P 1.1.1\"\nprotocole = [\n  { text = \"a\" }, # mesure to come\n  { text = \"b\", mesure = 2 },\n]\n\n[[action]]\npriorities = [\n  \"P 1.1.1\", # the main one\n  \"P 1.1.2\",\n]\n";
    assert_eq!(format_file("1-p.toml", pilier), pilier);
}

#[test]
fn unknown_tables_keep_their_order() {
    // Issue 10, finding 10
    let text = "pilier = 1\n\n[top]\nx = 1\n\n[tbl]\n\n[a.few.dots]\ny = 2\n";
    assert_eq!(format_file("1-p.toml", text), text);
    let stray = "[top]\nx = 1\n\n[tbl]\n\n[a.few.dots]\ny = 2\n";
    assert_eq!(format_file("9-stray.toml", stray), stray);
}

#[test]
fn a_crlf_file_with_multi_line_strings_is_formatted_and_stays_crlf() {
    // Issue 10, finding 11
    let text = "pilier=1\r\ntitle = \"\"\"Cohésion\r\nsociale\"\"\"\r\nobjectives = ['''un\r\ndeux''']\r\n";
    assert_eq!(
        format_file("1-p.toml", text),
        "pilier = 1\r\ntitle = \"\"\"Cohésion\r\nsociale\"\"\"\r\nobjectives = ['''un\r\ndeux''']\r\n"
    );
    // A file that mixes takes its first line's ends; strings keep theirs.
    let mixed = "pilier = 1\ntitle = '''a\r\nb'''\r\n";
    assert_eq!(
        format_file("1-p.toml", mixed),
        "pilier = 1\ntitle = '''a\r\nb'''\n"
    );
}

#[test]
fn formatting_never_makes_a_key_deeper_than_the_reader_reads() {
    // Issue 10, finding 12
    let head: Vec<String> = (0..41).map(|i| format!("h{i}")).collect();
    let dotted: Vec<String> = (0..41).map(|i| format!("d{i}")).collect();
    let text = format!("[{}]\n{} = 1\n", head.join("."), dotted.join("."));
    let out = format_file("9-stray.toml", &text);
    assert_eq!(out, text);
    let loaded = load::load_memory(
        Path::new("c"),
        vec![MemoryFile {
            path: PathBuf::from("c/9-stray.toml"),
            bytes: out.into_bytes(),
        }],
    );
    assert!(loaded.diagnostics.iter().all(|d| d.rule != Rule::Syntax));
}
