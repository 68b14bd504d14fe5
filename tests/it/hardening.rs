//! Issue 10 ("Hardening"), the input and output half: concurrent writers,
//! interrupted writes, temporary files, symbolic links, special files and
//! unbounded inputs. Each test runs the built binary on a copy of an example
//! and states what must be on disk afterwards.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const PILIER_1: &str = "1-cohesion-sociale.toml";

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A temporary folder holding `contract/`, a copy of the files of `from`.
fn sandbox(from: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let contract = dir.path().join("contract");
    fs::create_dir(&contract).unwrap();
    for entry in fs::read_dir(repo(from)).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            fs::copy(&path, contract.join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_contrat"));
    cmd.current_dir(dir)
        .args(["--contract", "contract"])
        .args(args)
        .env_remove("CONTRAT_DIR")
        .env("NO_COLOR", "1");
    cmd
}

fn contrat(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().unwrap()
}

/// Runs `contrat`, failing the test (rather than hanging it) past `limit`.
fn contrat_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = command(dir, args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`contrat {}` still running after {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file below `root` (links as links, not followed), with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() {
                files.insert(path.clone(), fs::read(&path).unwrap());
            } else {
                let link = fs::read_link(&path).unwrap_or_default();
                files.insert(path, link.into_os_string().into_encoded_bytes());
            }
        }
    }
    files
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

fn add_args(title: &str) -> Vec<String> {
    [
        "add",
        "action",
        "--year",
        "2023",
        "--title",
        title,
        "--porteur",
        "Association Concurrente",
        "--priority",
        "P 1.1.2",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn add(dir: &Path, title: &str) -> Output {
    let args = add_args(title);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    contrat(dir, &args)
}

fn title_line(title: &str) -> String {
    format!("title = \"{title}\"\n")
}

// Issue 10, finding 1
#[test]
fn concurrent_adds_never_lose_an_action() {
    let dir = sandbox("examples/montauban-2023");
    let pilier = dir.path().join("contract").join(PILIER_1);
    for pair in 0..50 {
        let titles = [format!("Atelier {pair} A"), format!("Atelier {pair} B")];
        let children: Vec<_> = titles
            .iter()
            .map(|title| {
                let args = add_args(title);
                command(
                    dir.path(),
                    &args.iter().map(String::as_str).collect::<Vec<_>>(),
                )
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
            })
            .collect();
        let outs: Vec<Output> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let text = fs::read_to_string(&pilier).unwrap();
        for (out, title) in outs.iter().zip(&titles) {
            let landed = text.contains(&title_line(title));
            match out.status.code() {
                Some(0) => assert!(landed, "pair {pair}: `{title}` said added but is lost"),
                Some(1 | 2) => {
                    assert!(!landed, "pair {pair}: `{title}` refused yet written");
                    assert!(
                        stderr(out).contains(".contrat.lock"),
                        "pair {pair}: the refusal names no lock: {}",
                        stderr(out)
                    );
                }
                other => panic!("pair {pair}: exit {other:?}: {}", stderr(out)),
            }
        }
        assert!(
            outs.iter().any(|o| o.status.success()),
            "pair {pair}: both refused: {} / {}",
            stderr(&outs[0]),
            stderr(&outs[1])
        );
    }
    // No lock, journal or temporary file is left behind.
    let hidden: Vec<_> = fs::read_dir(dir.path().join("contract"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert_eq!(hidden, Vec::<String>::new());
    let check = contrat(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

// Issue 10, finding 4
#[test]
fn planted_temporary_name_links_redirect_nothing() {
    let dir = sandbox("contract");
    let contract = dir.path().join("contract");
    let outside = dir.path().join("outside");
    fs::create_dir(&outside).unwrap();
    let pilier = contract.join(PILIER_1);
    let text = fs::read_to_string(&pilier).unwrap();
    let canonical = text.clone();
    fs::write(
        &pilier,
        text.replacen("pilier = 1\n", "pilier   =   1\n", 1),
    )
    .unwrap();
    // The pids the next processes may get (other processes of the machine
    // take some meanwhile), and every name old and new versions would give
    // the temporary file of the pilier file that `fmt` rewrites.
    let mut probe = Command::new("true").spawn().unwrap();
    let next_pid = probe.id();
    probe.wait().unwrap();
    let victim = outside.join("victim");
    fs::write(&victim, "victim").unwrap();
    let mut planted = 0;
    for pid in next_pid..next_pid + 5000 {
        for temp in [
            format!(".{PILIER_1}.contrat-{pid}.tmp"),
            format!(".{PILIER_1}.{pid}.tmp"),
        ] {
            symlink(&victim, contract.join(temp)).unwrap();
            planted += 1;
        }
    }
    symlink(&victim, contract.join(format!(".{PILIER_1}.tmp"))).unwrap();
    assert_eq!(planted, 10_000);
    let before = snapshot(&outside);

    let out = contrat(dir.path(), &["fmt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        snapshot(&outside),
        before,
        "a file outside the folder changed"
    );
    assert!(fs::symlink_metadata(&pilier).unwrap().is_file());
    assert_eq!(fs::read_to_string(&pilier).unwrap(), canonical);
    // The planted names were leftovers to the next writer: gone, targets kept.
    let left: Vec<_> = fs::read_dir(&contract)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.iter().all(|n| !n.contains(".contrat-")), "{left:?}");
}

// Issue 10, finding 4
#[test]
fn a_journal_that_is_a_link_is_refused_not_followed() {
    let dir = sandbox("examples/montauban-2023");
    let contract = dir.path().join("contract");
    fs::write(dir.path().join("victim"), "victim").unwrap();
    symlink("../victim", contract.join(".contrat.journal")).unwrap();
    let before = snapshot(&contract);
    let out = contrat(dir.path(), &["fmt"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("it is a symbolic link, not a file contrat wrote"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("victim\n"));
    assert_eq!(
        fs::read_to_string(dir.path().join("victim")).unwrap(),
        "victim"
    );
    assert_eq!(snapshot(&contract), before);
}

/// FNV-1a and the length, as the journal records a content.
fn digest(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:016x}-{}", hash, bytes.len())
}

// Issue 10, finding 2
#[test]
fn a_write_killed_after_its_journal_is_finished_by_the_next_writer() {
    let dir = sandbox("examples/montauban-2023");
    let contract = dir.path().join("contract");
    let p1 = contract.join(PILIER_1);
    let p2 = contract.join("2-emploi-developpement-economique.toml");
    let old1 = fs::read_to_string(&p1).unwrap();
    let old2 = fs::read_to_string(&p2).unwrap();
    let new1 = format!("{old1}\n# imported 1\n");
    let new2 = format!("{old2}\n# imported 2\n");
    // As a killed import leaves it: both new files complete, the journal
    // written, and only the first renamed.
    let t1 = format!(".{PILIER_1}.contrat-k1ll3d0001.tmp");
    let t2 = ".2-emploi-developpement-economique.toml.contrat-k1ll3d0002.tmp";
    fs::write(contract.join(t2), &new2).unwrap();
    let journal = format!(
        r#"{{"contrat_journal":1,"files":[
{{"temp":"{t1}","target":"{PILIER_1}","old":"{}","new":"{}"}},
{{"temp":"{t2}","target":"2-emploi-developpement-economique.toml","old":"{}","new":"{}"}}]}}"#,
        digest(old1.as_bytes()),
        digest(new1.as_bytes()),
        digest(old2.as_bytes()),
        digest(new2.as_bytes()),
    );
    fs::write(contract.join(".contrat.journal"), journal).unwrap();
    fs::write(&p1, &new1).unwrap();

    // A reading command leaves it as it is.
    let out = contrat(dir.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&p2).unwrap(), old2);

    let out = contrat(dir.path(), &["fmt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("note: finished writing "),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&p1).unwrap(), new1);
    assert_eq!(fs::read_to_string(&p2).unwrap(), new2);
    assert!(!contract.join(".contrat.journal").exists());
    assert!(!contract.join(t2).exists());
}

// Issue 10, finding 2
#[test]
fn importing_a_file_twice_adds_its_rows_once() {
    let dir = sandbox("examples/montauban-2023");
    fs::write(
        dir.path().join("prog.csv"),
        "Intitulé,Porteur,Priorité,Année,Coût total,etat\n\
         Atelier importé,Association Import,P 1.1.2,2023,5000,2000\n\
         Forum emploi,Association Import,P 2.1.1,2023,3000,1500\n",
    )
    .unwrap();
    let contract = dir.path().join("contract");
    let first = contrat(dir.path(), &["import", "prog.csv", "--lang", "en"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(
        stdout(&first).contains("Added: 2 actions"),
        "{}",
        stdout(&first)
    );
    let after_first = snapshot(&contract);

    let second = contrat(dir.path(), &["import", "prog.csv", "--lang", "en"]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert_eq!(
        stdout(&second),
        "2 rows already in the contract, skipped\n\nNothing to add.\n"
    );
    assert_eq!(snapshot(&contract), after_first);

    // A row that differs in one amount is new.
    fs::write(
        dir.path().join("prog.csv"),
        "Intitulé,Porteur,Priorité,Année,Coût total,etat\n\
         Atelier importé,Association Import,P 1.1.2,2023,5000,2000\n\
         Forum emploi,Association Import,P 2.1.1,2023,3000,1600\n",
    )
    .unwrap();
    let third = contrat(dir.path(), &["import", "prog.csv", "--lang", "en"]);
    assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
    assert!(
        stdout(&third).contains("1 row already in the contract, skipped\n\nAdded: 1 action ("),
        "{}",
        stdout(&third)
    );
}

// Issue 10, finding 3
#[test]
fn temporary_files_of_killed_runs_are_removed_by_the_next_writer() {
    let dir = sandbox("examples/montauban-2023");
    let contract = dir.path().join("contract");
    let leftovers = [
        format!(".{PILIER_1}.contrat-4242.tmp"),
        format!(".{PILIER_1}.contrat-Xy7Pq2Lm9Z.tmp"),
        ".contrat.toml.contrat-Ab3dE9xQ1z.tmp".to_owned(),
    ];
    for name in &leftovers {
        fs::write(contract.join(name), "half written").unwrap();
    }
    let out = add(dir.path(), "Atelier après un arrêt brutal");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for name in &leftovers {
        assert!(!contract.join(name).exists(), "{name} left behind");
    }

    // Beside an `-o` target, which no lock guards: only old leftovers go.
    let old = dir.path().join(".bilan.html.contrat-0ldRunK1ll.tmp");
    let young = dir.path().join(".bilan.html.contrat-Runn1ngN0w.tmp");
    fs::write(&old, "half").unwrap();
    fs::write(&young, "half").unwrap();
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    fs::write(dir.path().join("bilan.html"), "last year's").unwrap();
    let out = contrat(
        dir.path(),
        &["report", "--year", "2023", "-o", "bilan.html"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!old.exists());
    assert!(young.exists());
}

// Issue 10, finding 5
#[test]
fn a_read_only_file_stays_read_only() {
    let dir = sandbox("examples/montauban-2023");
    let pilier = dir.path().join("contract").join(PILIER_1);
    fs::set_permissions(&pilier, fs::Permissions::from_mode(0o444)).unwrap();
    // As root the write succeeds; what matters is the mode afterwards.
    let out = add(dir.path(), "Atelier en lecture seule");
    if out.status.success() {
        assert!(
            fs::read_to_string(&pilier)
                .unwrap()
                .contains("Atelier en lecture seule")
        );
    }
    let mode = fs::metadata(&pilier).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o444);

    let report = dir.path().join("bilan.md");
    fs::write(&report, "old").unwrap();
    fs::set_permissions(&report, fs::Permissions::from_mode(0o440)).unwrap();
    let out = contrat(dir.path(), &["report", "--year", "2023", "-o", "bilan.md"]);
    if out.status.success() {
        assert_ne!(fs::read(&report).unwrap(), b"old");
    }
    let mode = fs::metadata(&report).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o440);
}

// Issue 10, finding 5
#[test]
fn a_symlinked_pilier_file_is_written_through_not_replaced() {
    let dir = sandbox("examples/montauban-2023");
    let contract = dir.path().join("contract");
    fs::create_dir(contract.join("data")).unwrap();
    let real = contract.join("data/pilier-1.txt");
    fs::rename(contract.join(PILIER_1), &real).unwrap();
    symlink("data/pilier-1.txt", contract.join(PILIER_1)).unwrap();

    let out = add(dir.path(), "Atelier par le lien");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let link = fs::symlink_metadata(contract.join(PILIER_1)).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains(&title_line("Atelier par le lien"))
    );

    let text = fs::read_to_string(&real).unwrap();
    fs::write(&real, text.replacen("pilier = 1\n", "pilier   =   1\n", 1)).unwrap();
    let out = contrat(dir.path(), &["fmt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        fs::symlink_metadata(contract.join(PILIER_1))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&real).unwrap(), text);
}

// Issue 10, finding 5
#[test]
fn output_to_a_link_a_fifo_or_a_device_is_refused() {
    let dir = sandbox("examples/montauban-2023");
    let target = dir.path().join("target.html");
    fs::write(&target, "kept").unwrap();
    symlink(&target, dir.path().join("link.html")).unwrap();
    let out = contrat(dir.path(), &["report", "--year", "2023", "-o", "link.html"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot write `link.html`: it is a symbolic link; name the file it points to, or remove the link first\n"
    );
    assert!(
        fs::symlink_metadata(dir.path().join("link.html"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "kept");

    mkfifo(&dir.path().join("pipe.csv"));
    let out = contrat_within(
        dir.path(),
        &["export", "-o", "pipe.csv"],
        Duration::from_secs(20),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot write `pipe.csv`: it is a named pipe (FIFO), not a file; name a file, use `-o -` for standard output or `-o /dev/null` to discard\n"
    );
    assert!(
        fs::symlink_metadata(dir.path().join("pipe.csv"))
            .unwrap()
            .file_type()
            .is_fifo()
    );

    let out = contrat(
        dir.path(),
        &["export", "-o", "/dev/zero", "--format", "csv"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("it is a device, not a file"),
        "{}",
        stderr(&out)
    );
    assert!(
        fs::metadata("/dev/zero")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

// Issue 10, finding 5
#[test]
fn output_to_standard_output_and_dev_null() {
    let dir = sandbox("examples/montauban-2023");
    let plain = contrat(dir.path(), &["report", "--year", "2023"]);
    assert!(plain.status.success());
    let dash = contrat(dir.path(), &["report", "--year", "2023", "-o", "-"]);
    assert_eq!(dash.status.code(), Some(0), "{}", stderr(&dash));
    assert_eq!(dash.stdout, plain.stdout);
    let dev = contrat(
        dir.path(),
        &["report", "--year", "2023", "-o", "/dev/stdout"],
    );
    assert_eq!(dev.status.code(), Some(0), "{}", stderr(&dev));
    assert_eq!(dev.stdout, plain.stdout);

    let before = snapshot(dir.path());
    let null = contrat(dir.path(), &["report", "--year", "2023", "-o", "/dev/null"]);
    assert_eq!(null.status.code(), Some(0), "{}", stderr(&null));
    assert!(null.stdout.is_empty());
    // No chart files appear beside /dev/null, nor anywhere else.
    assert_eq!(snapshot(dir.path()), before);
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );

    let csv = contrat(dir.path(), &["export", "-o", "-"]);
    assert_eq!(csv.status.code(), Some(0), "{}", stderr(&csv));
    assert!(stdout(&csv).starts_with("id,"), "{}", stdout(&csv));
}

// Issue 10, finding 5
#[test]
fn output_into_a_missing_folder_names_the_target_once() {
    let dir = sandbox("examples/montauban-2023");
    let out = contrat(
        dir.path(),
        &["report", "--year", "2023", "-o", "missing/x.html"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot write `missing/x.html`: the folder `missing` does not exist\n"
    );
}

// Issue 10, finding 7
#[test]
fn notes_from_a_fifo_fail_at_once() {
    let dir = sandbox("examples/montauban-2023");
    mkfifo(&dir.path().join("notes.md"));
    let out = contrat_within(
        dir.path(),
        &["report", "--year", "2023", "--notes", "notes.md"],
        Duration::from_secs(20),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot read the notes `notes.md`: it is a named pipe (FIFO), not a regular file\n"
    );
}

// Issue 10, finding 7
#[test]
fn notes_over_the_limit_are_refused_unread() {
    let dir = sandbox("examples/montauban-2023");
    // Sparse: 20 GiB that take no room on disk, and must take none in memory.
    let notes = fs::File::create(dir.path().join("notes.md")).unwrap();
    notes.set_len(20 << 30).unwrap();
    let out = contrat_within(
        dir.path(),
        &["report", "--year", "2023", "--notes", "notes.md"],
        Duration::from_secs(20),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot read the notes `notes.md`: it is over the 16 MiB it may hold\n"
    );
}

// Issue 10, finding 7
#[test]
fn import_of_a_fifo_or_a_device_fails_at_once() {
    let dir = sandbox("examples/montauban-2023");
    mkfifo(&dir.path().join("prog.csv"));
    let before = snapshot(&dir.path().join("contract"));
    let out = contrat_within(dir.path(), &["import", "prog.csv"], Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot read the spreadsheet `prog.csv`: it is a named pipe (FIFO), not a regular file\n"
    );
    symlink("/dev/zero", dir.path().join("zero.xlsx")).unwrap();
    let out = contrat_within(
        dir.path(),
        &["import", "zero.xlsx"],
        Duration::from_secs(20),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot read the spreadsheet `zero.xlsx`: it is a device, not a regular file\n"
    );
    assert_eq!(snapshot(&dir.path().join("contract")), before);
}

// Issue 10, finding 6
#[test]
fn a_link_out_of_the_folder_is_reported_and_never_read() {
    let dir = sandbox("examples/montauban-2023");
    // Valid TOML with a wrong value: read, it would be quoted in a snippet.
    fs::write(
        dir.path().join("secret.txt"),
        "pilier = \"SECRET-hunter2\"\ntoken = \"SECRET-hunter2\"\n",
    )
    .unwrap();
    let contract = dir.path().join("contract");
    symlink("../secret.txt", contract.join("leak.toml")).unwrap();
    for args in [
        &["check"][..],
        &["check", "--format", "json"],
        &["fmt", "--check"],
        &["fmt"],
    ] {
        let out = contrat(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            !all.contains("hunter2"),
            "{args:?} printed the secret: {all}"
        );
        assert!(all.contains("leak.toml"), "{args:?}: {all}");
        assert!(
            all.contains("outside the contract folder"),
            "{args:?}: {all}"
        );
    }
    let out = contrat(dir.path(), &["check"]);
    assert!(
        stdout(&out).contains("replace the link by the file itself"),
        "{}",
        stdout(&out)
    );
    // Writers refuse too, rather than check a contract missing a file.
    let out = add(dir.path(), "Atelier");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stderr(&out).contains("hunter2"));

    // A link that stays inside the folder is read as any file.
    fs::remove_file(contract.join("leak.toml")).unwrap();
    fs::create_dir(contract.join("data")).unwrap();
    fs::rename(contract.join(PILIER_1), contract.join("data/p1.txt")).unwrap();
    symlink("data/p1.txt", contract.join(PILIER_1)).unwrap();
    let out = contrat(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}
