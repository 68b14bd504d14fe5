//! Every input that once crashed a fuzz target, kept in `fuzz/regressions/`,
//! runs again here through the same harness: a crash fixed stays fixed.

#[path = "../../fuzz/harness.rs"]
mod harness;

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return 0;
    };
    let mut count = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        // A panic fails the test and names the input through the backtrace.
        eprintln!("replaying {}", path.display());
        run(&data);
        count += 1;
    }
    count
}

#[test]
fn past_crashes_of_the_load_target_replay() {
    replay("load", harness::bytes);
}

#[test]
fn past_crashes_of_the_document_target_replay() {
    replay("document", harness::document);
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
