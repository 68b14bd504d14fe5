//! The contract's language everywhere (issue 11): on the French example, no
//! English word of the catalogue appears in the table or Markdown output of
//! any command; with `--lang en`, no French one does. The contract's own text
//! is French whatever the language, so a word it holds is not counted.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use contrat::model::Language;
use contrat::output::Word;

/// Sentences the catalogue builds around figures, in each language: their
/// fixed words are held here too.
const ENGLISH_PHRASES: &[&str] = &[
    "without action",
    "with actions",
    "as secondary",
    "voted of",
    "against a target of",
    "no actual",
    "known for",
    "would be added",
    "nothing was written",
    "More columns",
    "Changes to the contract",
    "No change to the contract",
    "whose text changed",
    "already in the contract",
    "would add action",
    "gaps,",
];
const FRENCH_PHRASES: &[&str] = &[
    "sans action",
    "avec action",
    "en secondaire",
    "votés sur",
    "pour une cible de",
    "pas de réalisé",
    "connu pour",
    "seraient ajoutées",
    "rien n'a été écrit",
    "Autres colonnes",
    "Changements du contrat",
    "Aucun changement",
    "dont le texte a changé",
    "déjà dans le contrat",
    "serait ajoutée",
    "manques,",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What each command prints for a person, as the commands a newcomer runs.
fn outputs(lang: &str) -> Vec<(String, String)> {
    let runs: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["show", "P 1.2.3"],
        vec!["show", "2023-006"],
        vec!["show", "Chambord"],
        vec!["show", "OT 1"],
        vec!["actions", "--year", "2023"],
        vec!["coverage", "--year", "2023"],
        vec![
            "coverage",
            "--year",
            "2022..2023",
            "--by",
            "orientation",
            "--per-year",
        ],
        vec!["coverage", "--year", "2023", "--by", "pilier"],
        vec!["coverage", "--year", "2023", "--by", "transversal"],
        vec!["coverage", "--year", "2023", "--by", "quartier"],
        vec!["coverage", "--year", "2023", "--by", "funder"],
        vec!["coverage", "--year", "2023", "--by", "public"],
        vec!["coverage", "--year", "2023", "--by", "porteur"],
        vec!["gaps", "--year", "2023"],
        vec!["report", "--year", "2023"],
        vec!["diff", "--against", "contract"],
        vec![
            "import",
            "examples/import/programmation-2023.csv",
            "--year",
            "2023",
            "--dry-run",
        ],
        vec![
            "add",
            "action",
            "--dry-run",
            "--year",
            "2023",
            "--title",
            "Stages",
            "--porteur",
            "Association X",
            "--priority",
            "1.2.3",
        ],
    ];
    let mut out = Vec::new();
    for args in runs {
        for format in ["table", "md"] {
            let is_report = args[0] == "report";
            if is_report && format == "table" {
                continue;
            }
            let mut command = Command::new(env!("CARGO_BIN_EXE_contrat"));
            command
                .current_dir(root())
                .args(["--contract", "examples/montauban-2023"])
                .args(&args)
                .args(["--lang", lang])
                .env("COLUMNS", "100");
            if !is_report && args[0] != "add" && args[0] != "import" {
                command.args(["--format", format]);
            }
            let run = command.output().unwrap();
            assert_eq!(
                run.status.code(),
                Some(0),
                "{args:?}: {}",
                String::from_utf8_lossy(&run.stderr)
            );
            out.push((
                format!("{args:?} {format}"),
                String::from_utf8(run.stdout).unwrap(),
            ));
        }
    }
    out
}

/// Words, keeping `_` and `-` inside them (`main_actions` is one word).
fn tokens(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '\''))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every word of the contract's own files: French, whatever the output's language.
fn contract_words() -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for folder in ["examples/montauban-2023", "contract", "examples/import"] {
        for entry in std::fs::read_dir(root().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml" || e == "csv") {
                words.extend(tokens(&std::fs::read_to_string(path).unwrap()));
            }
        }
    }
    words
}

/// The words of the catalogue in `lang` that the other language does not use.
fn only_in(lang: Language, other: Language, phrases: &[&str]) -> Vec<String> {
    let theirs: BTreeSet<&str> = Word::ALL.iter().map(|w| w.text(other)).collect();
    let mut words: Vec<String> = Word::ALL
        .iter()
        .map(|w| w.text(lang))
        .filter(|t| !theirs.contains(t))
        .map(str::to_owned)
        .collect();
    words.extend(phrases.iter().map(|p| (*p).to_owned()));
    words
}

fn check(lang: &str, wrong: Vec<String>, right: Vec<String>) {
    let own = contract_words();
    let mut seen = Vec::new();
    let mut spoken = BTreeSet::new();
    for (name, text) in outputs(lang) {
        let found = tokens(&text);
        // The test would pass on empty outputs: the right words must be there.
        spoken.extend(right.iter().filter(|w| text.contains(w.as_str())).cloned());
        for word in &wrong {
            let single = tokens(word);
            let hit = if single.len() == 1 {
                // A one-word entry: a word of the output, not of the contract.
                found.contains(word.as_str()) && !own.contains(word.as_str())
            } else {
                text.contains(word.as_str()) && !single.iter().all(|t| own.contains(t))
            };
            if hit {
                seen.push(format!("{name}: `{word}`"));
            }
        }
    }
    assert!(
        seen.is_empty(),
        "words of the other language:\n{}",
        seen.join("\n")
    );
    assert!(
        spoken.len() >= 60,
        "only {} words of the language seen: {spoken:?}",
        spoken.len()
    );
}

#[test]
fn a_french_contract_answers_in_french() {
    check(
        "fr",
        only_in(Language::En, Language::Fr, ENGLISH_PHRASES),
        only_in(Language::Fr, Language::En, FRENCH_PHRASES),
    );
}

#[test]
fn english_when_asked() {
    check(
        "en",
        only_in(Language::Fr, Language::En, FRENCH_PHRASES),
        only_in(Language::En, Language::Fr, ENGLISH_PHRASES),
    );
}
