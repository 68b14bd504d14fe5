//! Completions for every shell and man pages for the tool and each subcommand.

use std::process::Command;

use clap::CommandFactory;
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
    expected.sort();
    assert_eq!(written, expected);
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
