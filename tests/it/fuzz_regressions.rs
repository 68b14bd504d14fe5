//! Every input that once crashed a fuzz target, kept in `fuzz/regressions/`,
//! runs again here through the same harness: a crash fixed stays fixed.

#[path = "../../fuzz/harness.rs"]
mod harness;

use std::path::Path;

/// Replays every input kept for `target` and returns how many there were.
///
/// The folder must exist (git keeps it through its `.gitkeep`): a missing or
/// misnamed folder would otherwise replay nothing and pass. Hidden files such
/// as `.gitkeep` are not inputs.
fn replay(target: &str, run: fn(&[u8])) -> usize {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let entries = std::fs::read_dir(&folder).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; every fuzz target keeps its past crashes there (with a .gitkeep when it has none)",
            folder.display()
        )
    });
    let mut paths: Vec<_> = entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| !path.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    paths.sort();
    for path in &paths {
        let data = std::fs::read(path).unwrap();
        // A panic fails the test; the line before it names the input.
        eprintln!("replaying {}", path.display());
        run(&data);
    }
    eprintln!(
        "replayed {} input(s) from {}",
        paths.len(),
        folder.display()
    );
    paths.len()
}

#[test]
fn past_crashes_of_the_load_target_replay() {
    replay("load", harness::bytes);
}

#[test]
fn past_crashes_of_the_document_target_replay() {
    replay("document", harness::document);
}

/// Each fuzz target has its folder of past crashes, which a test above
/// replays: a new target cannot be added without one.
#[test]
fn every_fuzz_target_has_a_regression_folder() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut targets: Vec<String> = std::fs::read_dir(fuzz.join("fuzz_targets"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    targets.sort();
    assert_eq!(
        targets,
        ["document", "load"],
        "a new target needs its replay test above"
    );
    for target in targets {
        assert!(
            fuzz.join("regressions").join(&target).is_dir(),
            "fuzz/regressions/{target}/ is missing"
        );
    }
}

/// The harness itself runs on the fuzz seeds: the real contract files and the
/// examples, as each file position.
#[test]
fn harness_runs_on_the_seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in [
        "contract",
        "examples/montauban-2023",
        "tests/fixtures/programmation",
    ] {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                let bytes = std::fs::read(&path).unwrap();
                for mode in 0..3u8 {
                    let mut data = vec![mode];
                    data.extend_from_slice(&bytes);
                    harness::bytes(&data);
                }
                harness::document(&bytes);
            }
        }
    }
}
