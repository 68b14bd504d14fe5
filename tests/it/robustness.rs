//! No input makes `contrat` panic: each hostile file gives a located finding or
//! a clear error, with exit code 1 or 2, never 101.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const CONTRACT_FILE: &str =
    "title = \"T\"\nterritory = \"T\"\nperiod = { from = 2015, to = 2023 }\n";

fn contrat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contrat"))
        .args(args)
        .env_remove("CONTRAT_DIR")
        .env("NO_COLOR", "1")
        .output()
        .expect("run contrat")
}

/// A contract folder holding a valid `contrat.toml` and one more file.
fn folder_with(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("contrat.toml"), CONTRACT_FILE).unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    dir
}

fn check_json(dir: &Path) -> (i32, Value) {
    let out = contrat(&[
        "--contract",
        dir.to_str().unwrap(),
        "check",
        "--format",
        "json",
    ]);
    let code = out.status.code().expect("exit code");
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON from check ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (code, json)
}

fn check_human(dir: &Path) -> (i32, String) {
    let out = contrat(&["--contract", dir.to_str().unwrap(), "check"]);
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

type Finding = (String, String, Option<u64>, Option<u64>);

/// One expected finding: rule, file name, line, column.
fn finding(rule: &str, file: &str, line: Option<u64>, column: Option<u64>) -> Finding {
    (rule.to_owned(), file.to_owned(), line, column)
}

/// The findings as (rule, file name, line, column).
fn findings(json: &Value) -> Vec<Finding> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap_or("");
            let name = Path::new(file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                d["rule"].as_str().unwrap().to_owned(),
                name,
                d["line"].as_u64(),
                d["column"].as_u64(),
            )
        })
        .collect()
}

#[test]
fn empty_file_is_not_a_pilier_file() {
    let dir = folder_with("x.toml", b"");
    let (code, json) = check_json(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        [finding("missing-key", "x.toml", Some(1), Some(1))]
    );
    assert_eq!(
        json["diagnostics"][0]["message"],
        "a file of the contract folder has no `pilier`"
    );
}

#[test]
fn binary_junk_is_a_located_syntax_error() {
    let junk: Vec<u8> = (0..=255u8).cycle().take(2000).collect();
    let dir = folder_with("junk.toml", &junk);
    let (code, json) = check_json(dir.path());
    assert_eq!(code, 1);
    let found = findings(&json);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "syntax");
    assert_eq!(found[0].1, "junk.toml");
    // Byte 128 is the first that is not UTF-8; the only line feed before it is
    // byte 10, so it sits on line 2, at column 128 - 11 + 1 = 118.
    assert_eq!((found[0].2, found[0].3), (Some(2), Some(118)));
    assert_eq!(json["diagnostics"][0]["message"], "invalid UTF-8");
    let (_, human) = check_human(dir.path());
    assert!(human.contains("error[syntax]: invalid UTF-8"), "{human}");
}

#[test]
fn byte_order_mark_is_accepted_and_columns_ignore_it() {
    let dir = folder_with("1.toml", "\u{feff}pilier = 1\ntitl = \"x\"\n".as_bytes());
    let (code, json) = check_json(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        [
            finding("missing-key", "1.toml", Some(1), Some(1)),
            finding("empty-entry", "1.toml", Some(1), Some(10)),
            finding("unknown-key", "1.toml", Some(2), Some(1)),
        ]
    );
}

#[test]
fn crlf_line_ends_keep_lines_and_columns() {
    let dir = folder_with(
        "1.toml",
        b"pilier = 1\r\ntitle = \"Cohesion\"\r\n\r\n[[orientation]]\r\ncode = \"OS1.1\"\r\n",
    );
    let (code, json) = check_json(dir.path());
    assert_eq!(code, 1, "{json}");
    let found = findings(&json);
    assert!(
        found.contains(&finding("non-canonical-code", "1.toml", Some(5), Some(8))),
        "{found:?}"
    );
    assert!(
        found.contains(&finding("missing-key", "1.toml", Some(4), Some(1))),
        "{found:?}"
    );
    let (_, human) = check_human(dir.path());
    assert!(
        !human.contains('\r'),
        "a carriage return reached the terminal: {human:?}"
    );
}

#[test]
fn integer_beyond_64_bits_is_a_syntax_error() {
    let dir = folder_with(
        "1.toml",
        b"pilier = 1\ntitle = \"x\"\nbig = 99999999999999999999999\n",
    );
    let (code, json) = check_json(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        [finding("syntax", "1.toml", Some(3), Some(7))]
    );
    assert_eq!(json["diagnostics"][0]["label"], "does not fit in 64 bits");
}

#[test]
fn huge_amount_is_a_bad_amount() {
    let text = "pilier = 1\ntitle = \"x\"\n[[orientation]]\ncode = \"OS 1.1\"\ntitle = \"o\"\n[[priority]]\ncode = \"P 1.1.1\"\ntitle = \"p\"\n\
                [[action]]\nid = \"a\"\ntitle = \"t\"\nporteur = \"p\"\nyear = 2020\npriorities = [\"P 1.1.1\"]\ncost = 9000000000000000000\n";
    let dir = folder_with("1.toml", text.as_bytes());
    let (code, json) = check_json(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        [finding("bad-amount", "1.toml", Some(15), Some(8))]
    );
}

#[test]
fn folder_named_toml_is_reported_not_walked() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("contrat.toml"), CONTRACT_FILE).unwrap();
    fs::create_dir(dir.path().join("x.toml")).unwrap();
    fs::write(
        dir.path().join("x.toml").join("inner.toml"),
        b"not toml at all",
    )
    .unwrap();
    let (code, json) = check_json(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        [finding("unreadable-file", "x.toml", None, None)]
    );
    assert!(
        json["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .ends_with("is a folder, not a TOML file")
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_ends() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("contrat.toml"), CONTRACT_FILE).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub").join("loop")).unwrap();
    let (code, json) = check_json(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        [finding("unreadable-file", "loop", None, None)]
    );
    assert!(
        json["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("symbolic link loop")
    );
}

#[test]
fn missing_folder_cannot_run() {
    let out = contrat(&["--contract", "/nonexistent/contract", "check"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: contract folder `/nonexistent/contract` does not exist\n\
         help: name the folder that holds contrat.toml with --contract DIR (or the environment \
         variable CONTRAT_DIR), or create a new contract with `contrat init DIR --territory NAME`\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn file_instead_of_folder_cannot_run() {
    let dir = folder_with("x.toml", b"");
    let file = dir.path().join("contrat.toml");
    let out = contrat(&["--contract", file.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a folder"));
}

#[test]
fn bad_arguments_exit_2() {
    let out = contrat(&["check", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid value 'yaml'"));
}

fn toml_test_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/toml-test/invalid");
    dir.is_dir().then_some(dir)
}

/// The invalid half of the TOML conformance suite, met as a pilier file: each
/// document gives a located `syntax` finding, in JSON and in human form.
#[test]
fn toml_test_invalid_documents_give_located_syntax_findings() {
    let Some(root) = toml_test_dir() else {
        eprintln!("skipped: ../shared/toml-test is not beside the project");
        return;
    };
    let mut documents: Vec<PathBuf> = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                documents.push(path);
            }
        }
    }
    assert!(
        documents.len() > 400,
        "only {} documents found",
        documents.len()
    );
    let mut failures = Vec::new();
    for document in &documents {
        let dir = folder_with("x.toml", &fs::read(document).unwrap());
        let (code, json) = check_json(dir.path());
        let located = findings(&json).iter().any(|(rule, file, line, column)| {
            rule == "syntax" && file == "x.toml" && line.is_some() && column.is_some()
        });
        let (human_code, human) = check_human(dir.path());
        if code != 1
            || !located
            || human_code != 1
            || !human.contains("error[syntax]")
            || !human.contains("x.toml:")
        {
            failures.push(document.display().to_string());
        }
    }
    assert!(
        failures.is_empty(),
        "{} documents without a located syntax finding:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A contract whose `list` prints far more than a pipe holds (64 KiB).
fn large_contract() -> tempfile::TempDir {
    let mut pilier = String::from("pilier = 1\ntitle = \"P\"\n");
    for o in 1..=30 {
        pilier.push_str(&format!(
            "[[orientation]]\ncode = \"OS 1.{o}\"\ntitle = \"Orientation {o}\"\n"
        ));
        for p in 1..=100 {
            pilier.push_str(&format!(
                "[[priority]]\ncode = \"P 1.{o}.{p}\"\ntitle = \"Une priorité assez longue pour remplir la sortie, numéro {p}\"\n"
            ));
        }
    }
    folder_with("1.toml", pilier.as_bytes())
}

#[cfg(unix)]
#[test]
fn closed_pipe_is_not_an_error() {
    use std::process::Stdio;
    let dir = large_contract();
    let mut child = Command::new(env!("CARGO_BIN_EXE_contrat"))
        .args([
            "--contract",
            dir.path().to_str().unwrap(),
            "list",
            "--format",
            "csv",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, as `| head -1` would, then close the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(&first, b"level,code,paren");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = folder_with("x.toml", b"");
    let path = dir.path().to_str().unwrap();
    let escape = |args: &[&str], no_color: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_contrat"));
        cmd.args(args).env_remove("NO_COLOR");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let out = cmd.output().unwrap();
        String::from_utf8_lossy(&out.stdout).contains('\u{1b}')
    };
    // Standard output is a pipe here: no colour unless asked for.
    assert!(!escape(&["--contract", path, "check"], false));
    assert!(!escape(
        &["--contract", path, "--color", "auto", "check"],
        true
    ));
    assert!(!escape(
        &["--contract", path, "--color", "never", "check"],
        false
    ));
    assert!(escape(
        &["--contract", path, "--color", "always", "check"],
        false
    ));
}

/// Files in memory load as the same files on disk do (used to check a change
/// before it is written, and to read a git revision).
#[test]
fn memory_files_load_like_a_folder() {
    use contrat::load::{self, MemoryFile};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/programmation");
    let on_disk = load::load(&root).unwrap();
    let mut files: Vec<MemoryFile> = fs::read_dir(&root)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            MemoryFile {
                bytes: fs::read(&path).unwrap(),
                path,
            }
        })
        .collect();
    files.push(MemoryFile {
        path: root.join(".hidden.toml"),
        bytes: b"junk".to_vec(),
    });
    files.push(MemoryFile {
        path: root.join("notes.md"),
        bytes: b"junk".to_vec(),
    });
    files.reverse();
    let in_memory = load::load_memory(&root, files);
    assert!(in_memory.diagnostics.is_empty());
    assert_eq!(in_memory.sources.len(), on_disk.sources.len());
    let ids = |l: &load::Loaded| {
        l.contract
            .actions
            .iter()
            .map(|a| a.id.value.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&in_memory), ids(&on_disk));
    assert_eq!(
        in_memory.contract.meta.title,
        "Contrat de ville de Testville"
    );
}

/// Runs `contrat check --format json` with a time limit, so that a hang fails
/// the test instead of blocking the suite.
fn check_within(dir: &Path, seconds: u64) -> (i32, Value, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_contrat"))
        .args([
            "--contract",
            dir.to_str().unwrap(),
            "check",
            "--format",
            "json",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    // Drain stdout on a thread: a large report must not fill the pipe and stall.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).unwrap();
        bytes
    });
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let bytes = reader.join().unwrap();
            let mut stderr = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
            let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
            return (
                status.code().expect("exit code, not a signal"),
                json,
                stderr,
            );
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!(
                "contrat check took more than {seconds} s on {}",
                dir.display()
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn ten_megabyte_line_is_located_and_not_printed_whole() {
    let long = "a".repeat(10 * 1024 * 1024);
    let text = format!("pilier = 1\ntitle = \"x\"\nremark = \"{long}\"\n");
    let dir = folder_with("1.toml", text.as_bytes());
    let (code, json, _) = check_within(dir.path(), 30);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        [
            finding("empty-entry", "1.toml", Some(1), Some(10)),
            finding("unknown-key", "1.toml", Some(3), Some(1)),
        ]
    );
    // The human form shows the spot, not ten megabytes of it.
    let (code, human) = check_human(dir.path());
    assert_eq!(code, 1);
    assert!(
        human.contains("error[unknown-key]: unknown key `remark` in a pilier file"),
        "{}",
        &human[..human.len().min(500)]
    );
    assert!(human.len() < 10_000, "{} bytes printed", human.len());
}

#[test]
fn deep_nesting_is_a_syntax_error_not_a_crash() {
    for (name, text) in [
        (
            "arrays",
            format!(
                "pilier = 1\ntitle = \"x\"\na = {}{}\n",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
        ),
        (
            "tables",
            format!(
                "pilier = 1\ntitle = \"x\"\na = {}1{}\n",
                "{b = ".repeat(100_000),
                "}".repeat(100_000)
            ),
        ),
    ] {
        let dir = folder_with("1.toml", text.as_bytes());
        let (code, json, stderr) = check_within(dir.path(), 30);
        assert_eq!(code, 1, "{name}: {stderr}");
        let found = findings(&json);
        assert!(
            found.iter().any(|(rule, file, line, _)| rule == "syntax"
                && file == "1.toml"
                && *line == Some(3)),
            "{name}: {found:?}"
        );
    }
}

#[test]
fn dates_and_booleans_where_numbers_belong() {
    let text = "pilier = 1\ntitle = \"x\"\n[[orientation]]\ncode = \"OS 1.1\"\ntitle = \"o\"\n[[priority]]\ncode = \"P 1.1.1\"\ntitle = \"p\"\n\
                [[action]]\nid = \"a\"\ntitle = \"t\"\nporteur = \"p\"\nyear = 2023-01-01\npriorities = [\"P 1.1.1\"]\ncost = true\n";
    let dir = folder_with("1.toml", text.as_bytes());
    let (code, json, _) = check_within(dir.path(), 30);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        [
            finding("wrong-type", "1.toml", Some(13), Some(8)),
            finding("bad-amount", "1.toml", Some(15), Some(8)),
        ]
    );
    assert_eq!(
        json["diagnostics"][0]["message"],
        "`year` must be an integer, not a date"
    );
    assert_eq!(
        json["diagnostics"][1]["message"],
        "`cost` must be a number of euros, not a boolean"
    );
}

#[test]
fn the_same_key_twice_is_a_syntax_error() {
    let dir = folder_with("1.toml", b"pilier = 1\ntitle = \"a\"\ntitle = \"b\"\n");
    let (code, json, _) = check_within(dir.path(), 30);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        [finding("syntax", "1.toml", Some(3), Some(1))]
    );
    assert_eq!(json["diagnostics"][0]["label"], "duplicate key");
}

/// The one finding of a folder: `unreadable-file` about `name`, whose message
/// passes `says`.
fn only_unreadable(json: &Value, name: &str, says: impl Fn(&str) -> bool) {
    assert_eq!(
        findings(json),
        [("unreadable-file".to_owned(), name.to_owned(), None, None)]
    );
    let message = json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(says(message), "{message}");
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("contrat.toml"), CONTRACT_FILE).unwrap();
    // A link to nothing cannot be read, whoever runs the test.
    std::os::unix::fs::symlink(dir.path().join("nowhere.toml"), dir.path().join("1.toml")).unwrap();
    let (code, json, _) = check_within(dir.path(), 30);
    assert_eq!(code, 1);
    only_unreadable(&json, "1.toml", |m| m.starts_with("cannot read"));
}

#[cfg(unix)]
#[test]
fn file_without_read_permission_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder_with("1.toml", b"pilier = 1\ntitle = \"x\"\n");
    let path = dir.path().join("1.toml");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        eprintln!("skipped: this user reads files without permission (root)");
        return;
    }
    let (code, json, _) = check_within(dir.path(), 30);
    assert_eq!(code, 1);
    only_unreadable(&json, "1.toml", |m| m.contains("ermission denied"));
}

#[cfg(unix)]
#[test]
fn named_pipe_is_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("contrat.toml"), CONTRACT_FILE).unwrap();
    let fifo = dir.path().join("1.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let (code, json, _) = check_within(dir.path(), 30);
    assert_eq!(code, 1);
    only_unreadable(&json, "1.toml", |m| m.ends_with("is not a regular file"));
}

#[test]
fn thousands_of_files_load_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("contrat.toml"), CONTRACT_FILE).unwrap();
    for p in 1..=3000 {
        let text = format!(
            "pilier = {p}\ntitle = \"Pilier {p}\"\n[[orientation]]\ncode = \"OS {p}.1\"\ntitle = \"o\"\n[[priority]]\ncode = \"P {p}.1.1\"\ntitle = \"p\"\n"
        );
        fs::write(dir.path().join(format!("{p:04}.toml")), text).unwrap();
    }
    let (code, json, _) = check_within(dir.path(), 60);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["summary"]["files"], 3001);
    assert_eq!(json["summary"]["priorities"], 3000);
}

#[test]
fn control_characters_in_text_are_refused() {
    // An escape sequence in a porteur's name would reach the terminal.
    let text = "pilier = 1\ntitle = \"Coh\\u001b[31mésion\"\n";
    let dir = folder_with("1.toml", text.as_bytes());
    let (code, json) = check_json(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        [
            finding("empty-entry", "1.toml", Some(1), Some(10)),
            finding("invalid-value", "1.toml", Some(2), Some(9)),
        ]
    );
    assert_eq!(
        json["diagnostics"][1]["message"],
        "`title` holds the control character U+001B"
    );
    let (_, human) = check_human(dir.path());
    assert!(
        !human.contains('\u{1b}'),
        "the escape reached the output: {human:?}"
    );
}
