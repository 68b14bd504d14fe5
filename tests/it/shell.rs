//! Completions for every shell and man pages for the tool and each subcommand.

use std::process::Command;

use clap::CommandFactory;
use clap::Parser;
use contrat::cli::Cli;

fn contrat(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_contrat"))
        .args(args)
        .output()
        .unwrap()
}

fn subcommands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect()
}

#[test]
fn completions_for_every_shell_name_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = contrat(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for sub in subcommands() {
            assert!(script.contains(&sub), "{shell} completion lacks `{sub}`");
        }
        // Fish writes long options as `-l contract`, the others as `--contract`.
        assert!(
            script.contains("--contract") || script.contains("-l contract"),
            "{shell} completion lacks --contract"
        );
    }
    assert_eq!(contrat(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn a_man_page_for_the_tool_and_each_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let out = contrat(&["man", "--out", dir.path().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected: Vec<String> = subcommands()
        .iter()
        .map(|s| format!("contrat-{s}.1"))
        .collect();
    expected.push("contrat.1".to_owned());
    // The page a subcommand's SEE ALSO names for its own subcommand.
    expected.push("contrat-add-action.1".to_owned());
    expected.sort();
    assert_eq!(written, expected);
    let add = String::from_utf8(contrat(&["man", "add", "action"]).stdout).unwrap();
    assert!(add.contains(".TH contrat-add-action 1"), "{add}");
    let main = std::fs::read_to_string(dir.path().join("contrat.1")).unwrap();
    assert!(main.contains(".TH contrat 1"));
    // The exit codes are in the tool's page.
    assert!(main.contains("Exit codes"), "{main}");
    let check = String::from_utf8(contrat(&["man", "check"]).stdout).unwrap();
    assert!(
        check.contains("contrat\\-check") && check.contains("\\-\\-deny\\-warnings"),
        "{check}"
    );
    let unknown = contrat(&["man", "nosuch"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no subcommand `nosuch`"));
}

#[test]
fn every_subcommand_help_shows_examples() {
    for sub in subcommands() {
        let out = contrat(&[&sub, "--help"]);
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(
            help.contains("Examples:\n  contrat "),
            "`contrat {sub} --help` shows no example:\n{help}"
        );
    }
}

/// Splits a shell command line into words (double and single quotes, no
/// expansion): enough for the command lines of the templates.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (None, c) if c.is_whitespace() => {
                if started || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (None, c) => word.push(c),
        }
    }
    if started || !word.is_empty() {
        words.push(word);
    }
    words
}

/// Every `contrat …` command the CI templates and the git hook run is a valid
/// command line of this version: the templates cannot drift from the CLI.
#[test]
fn ci_templates_run_valid_commands() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for file in [
        "examples/ci/github-actions.yml",
        "examples/ci/gitlab-ci.yml",
        "examples/git-hooks/pre-commit",
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        for line in text.lines() {
            // The hook runs the program through a variable.
            let line = line.replace("\"$contrat\"", "contrat");
            let line = line
                .trim_start()
                .trim_start_matches("- ")
                .trim_start_matches("run: ");
            if line.starts_with('#') || line.contains("echo ") {
                continue;
            }
            let Some(start) = line.find("contrat ") else {
                continue;
            };
            // The command ends at a redirection or a pipe.
            let command = line[start..].split(['>', '|', ';']).next().unwrap();
            // Variables become plain words.
            let mut plain = command.to_owned();
            while let (Some(a), Some(b)) = (plain.find("${{"), plain.find("}}")) {
                plain.replace_range(a..b + 2, "X");
            }
            let plain: String = plain
                .split(' ')
                .map(|w| if w.contains('$') { "X" } else { w })
                .collect::<Vec<_>>()
                .join(" ");
            let args = words(&plain);
            // A command line, not prose or a `case` that names the program.
            let is_command = args.first().map(String::as_str) == Some("contrat")
                && args
                    .get(1)
                    .is_some_and(|w| w.starts_with("--") || subcommands().contains(w));
            if !is_command {
                continue;
            }
            let parsed = Cli::try_parse_from(&args);
            assert!(
                parsed.is_ok(),
                "{file}: `{command}` does not parse: {}",
                parsed.unwrap_err()
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} commands found");
}
