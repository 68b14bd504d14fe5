//! All-or-nothing writes of several contract files.
//!
//! Every new file is first written in full to a temporary file beside its
//! target and synced. Then, when more than one file changes, a journal
//! (`.contrat.journal`) listing each temporary file, its target and the
//! digests of the old and new content is written and synced, and only then
//! are the temporary files renamed over their targets. A run killed before the
//! journal exists leaves only temporary files, which the next writer removes;
//! a run killed after has every new file complete on disk, so the next writer
//! finishes it (rolls forward) when it takes the lock.

use std::fs;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Change, JOURNAL_FILE, WriteError, io, is_temporary, resolve, stage, sync_folder};
use crate::input::{self, CONTRACT_FILE_LIMIT};

/// What the journal holds: paths relative to the contract folder.
#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    contrat_journal: u32,
    files: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    temp: String,
    target: String,
    old: String,
    new: String,
}

/// FNV-1a, 64 bits, with the length: tells the old content of a file from the
/// new one. Not a defence against forgery, and needs none: whoever can write
/// the journal can write the contract files themselves.
fn digest(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:016x}-{}", hash, bytes.len())
}

/// A path below the contract folder as the journal writes it.
fn relative(root: &Path, path: &Path) -> Result<String, WriteError> {
    path.strip_prefix(root)
        .ok()
        .and_then(Path::to_str)
        .map(str::to_owned)
        .ok_or_else(|| WriteError::Refused {
            path: path.to_owned(),
            why: "its name is not UTF-8 text, which the journal of a multi-file write cannot record; rename it".to_owned(),
        })
}

/// Writes every change, all or none (see the module's comment).
pub(super) fn write_all(root: &Path, changes: &[Change]) -> Result<(), WriteError> {
    let mut staged = Vec::with_capacity(changes.len());
    for change in changes {
        let real = resolve(root, change.path)?;
        // Under the lock no other `contrat` writes, but a person may have
        // saved the file in an editor since it was read.
        let now =
            input::read_bounded(&real, CONTRACT_FILE_LIMIT, "the contract file").map_err(|e| {
                WriteError::Refused {
                    path: change.path.to_owned(),
                    why: e.reason.to_string(),
                }
            })?;
        if now != change.before {
            return Err(WriteError::Changed(change.path.to_owned()));
        }
        let temp = stage(&real, change.after)?;
        staged.push((real, temp, change));
    }
    if staged.len() == 1 {
        // One rename is atomic by itself: no journal needed.
        for (real, temp, _) in staged {
            temp.persist(&real).map_err(|e| WriteError::Io {
                path: real.clone(),
                reason: e.error,
            })?;
            sync_folder(super::folder_of(&real));
        }
        return Ok(());
    }
    if staged.is_empty() {
        return Ok(());
    }
    let mut journal = Journal {
        contrat_journal: 1,
        files: Vec::with_capacity(staged.len()),
    };
    for (real, temp, change) in &staged {
        journal.files.push(Entry {
            temp: relative(root, temp.path())?,
            target: relative(root, real)?,
            old: digest(change.before),
            new: digest(change.after),
        });
    }
    let text = serde_json::to_string_pretty(&journal).unwrap_or_default();
    let journal_path = root.join(JOURNAL_FILE);
    let journal_file = stage(&journal_path, text.as_bytes())?;
    // Once the journal is in place the temporary files are the next run's to
    // finish: they must outlive this one, whatever happens to it.
    let pending: Vec<(PathBuf, PathBuf)> = staged
        .into_iter()
        .map(|(real, temp, _)| {
            let kept = temp.into_temp_path().keep();
            kept.map(|temp| (temp, real)).map_err(|e| WriteError::Io {
                path: e.path.to_path_buf(),
                reason: e.error,
            })
        })
        .collect::<Result<_, _>>()?;
    journal_file
        .persist(&journal_path)
        .map_err(|e| WriteError::Io {
            path: journal_path.clone(),
            reason: e.error,
        })?;
    sync_folder(root);
    rename_all(root, &pending)
}

/// Renames each temporary file over its target, then removes the journal.
fn rename_all(root: &Path, pending: &[(PathBuf, PathBuf)]) -> Result<(), WriteError> {
    for (temp, target) in pending {
        fs::rename(temp, target).map_err(|reason| {
            WriteError::Journal(format!(
                "cannot write `{}`: {reason}; the next `contrat fmt`, `add` or `import` finishes this write (see `{}`)",
                target.display(),
                root.join(JOURNAL_FILE).display()
            ))
        })?;
    }
    let mut folders: Vec<&Path> = pending
        .iter()
        .map(|(_, target)| super::folder_of(target))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in folders {
        sync_folder(folder);
    }
    let journal = root.join(JOURNAL_FILE);
    fs::remove_file(&journal).map_err(io(&journal))?;
    sync_folder(root);
    Ok(())
}

/// A path the journal names, if it is a plain path below the folder.
fn below(root: &Path, relative: &str) -> Option<PathBuf> {
    let path = Path::new(relative);
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
    (plain && !relative.is_empty()).then(|| root.join(path))
}

/// What the content of a file is, if it can be read.
fn digest_of(path: &Path) -> Option<String> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() => input::read_bounded(path, CONTRACT_FILE_LIMIT, "a file")
            .ok()
            .map(|b| digest(&b)),
        _ => None,
    }
}

/// Finishes the write a killed run left (its journal), then removes the
/// temporary files of killed runs. Called with the lock held, so no other
/// `contrat` writes meanwhile. Gives the files it finished.
pub(super) fn recover(root: &Path) -> Result<Vec<PathBuf>, WriteError> {
    let journal_path = root.join(JOURNAL_FILE);
    let mut finished = Vec::new();
    let give_up = |why: String| {
        WriteError::Journal(format!(
            "an interrupted write left `{}`, which cannot be finished: {why}. Nothing was written; check the files it names, then remove it (rm '{}')",
            journal_path.display(),
            journal_path.display()
        ))
    };
    if let Ok(meta) = fs::symlink_metadata(&journal_path) {
        if !meta.is_file() {
            return Err(give_up(format!(
                "it is {}, not a file contrat wrote",
                input::kind(&meta.file_type())
            )));
        }
        let bytes = input::read_bounded(&journal_path, 1 << 20, "the journal")
            .map_err(|e| give_up(e.reason.to_string()))?;
        let journal: Journal = serde_json::from_slice(&bytes)
            .map_err(|e| give_up(format!("it is not a journal of contrat ({e})")))?;
        let mut renames = Vec::new();
        for entry in &journal.files {
            let (Some(temp), Some(target)) = (below(root, &entry.temp), below(root, &entry.target))
            else {
                return Err(give_up(format!(
                    "`{}` or `{}` is not a path inside the contract folder",
                    entry.temp, entry.target
                )));
            };
            let is_contract_file = target.extension().is_some_and(|e| e == "toml");
            if !is_contract_file || !temp.file_name().is_some_and(is_temporary) {
                return Err(give_up(format!(
                    "`{}` → `{}` is not a temporary file and a contract file",
                    entry.temp, entry.target
                )));
            }
            let now = digest_of(&target);
            if now.as_deref() == Some(entry.new.as_str()) {
                // Renamed before the run was killed.
                continue;
            }
            if now.as_deref() != Some(entry.old.as_str()) {
                return Err(give_up(format!(
                    "`{}` was changed since (it holds neither its old nor its new content)",
                    target.display()
                )));
            }
            if digest_of(&temp).as_deref() != Some(entry.new.as_str()) {
                return Err(give_up(format!(
                    "the new content of `{}` is missing or damaged",
                    target.display()
                )));
            }
            renames.push((temp, target));
        }
        // Every entry checked: only now is anything renamed.
        rename_all(root, &renames)?;
        finished = renames.into_iter().map(|(_, target)| target).collect();
    }
    remove_leftovers(root);
    Ok(finished)
}

/// Removes every temporary file of `contrat` below the folder: with the lock
/// held and the journal replayed, they are all leftovers of killed runs.
fn remove_leftovers(root: &Path) {
    let walk = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e.file_type().is_dir()
                || !e.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walk.flatten() {
        if !entry.file_type().is_dir() && is_temporary(entry.file_name()) {
            // Removes the name only: a planted link's target is untouched.
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::{Lock, output};

    /// `1.toml` and `2.toml` in `dir`, holding `old a` and `b`.
    fn two_files(dir: &Path, b: &str) -> (PathBuf, PathBuf) {
        let (path_a, path_b) = (dir.join("1.toml"), dir.join("2.toml"));
        fs::write(&path_a, "old a").unwrap();
        fs::write(&path_b, b).unwrap();
        (path_a, path_b)
    }

    /// Two pilier files, staged for new content and journaled, of which only
    /// the first was renamed before the run was "killed".
    fn interrupted(dir: &Path) -> (PathBuf, PathBuf) {
        let root = dir.canonicalize().unwrap();
        let (a, b) = two_files(&root, "old b");
        let temp_a = stage(&a, b"new a")
            .unwrap()
            .into_temp_path()
            .keep()
            .unwrap();
        let temp_b = stage(&b, b"new b")
            .unwrap()
            .into_temp_path()
            .keep()
            .unwrap();
        let journal = Journal {
            contrat_journal: 1,
            files: vec![
                Entry {
                    temp: relative(&root, &temp_a).unwrap(),
                    target: "1.toml".into(),
                    old: digest(b"old a"),
                    new: digest(b"new a"),
                },
                Entry {
                    temp: relative(&root, &temp_b).unwrap(),
                    target: "2.toml".into(),
                    old: digest(b"old b"),
                    new: digest(b"new b"),
                },
            ],
        };
        output(
            &root.join(JOURNAL_FILE),
            serde_json::to_string(&journal).unwrap().as_bytes(),
        )
        .unwrap();
        fs::rename(&temp_a, &a).unwrap();
        (a, b)
    }

    use crate::write::names;

    /// `1.toml` and `2.toml` from their old content to their new.
    fn both<'a>(a: &'a Path, b: &'a Path) -> [Change<'a>; 2] {
        [
            Change {
                path: a,
                before: b"old a",
                after: b"new a",
            },
            Change {
                path: b,
                before: b"old b",
                after: b"new b",
            },
        ]
    }

    /// [`two_files`] with `b`, then both written from old to new content
    /// under the lock, released before returning.
    fn write_both(dir: &Path, b: &str) -> (PathBuf, PathBuf, Result<(), WriteError>) {
        let (a, b) = two_files(dir, b);
        let lock = Lock::take(dir, "fmt").unwrap();
        let written = crate::write::contract_files(&lock, &both(&a, &b));
        drop(lock);
        (a, b, written)
    }

    // Issue 10, finding 2
    #[test]
    fn the_next_writer_finishes_an_interrupted_write() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = interrupted(dir.path());
        assert_eq!(fs::read(&a).unwrap(), b"new a");
        assert_eq!(fs::read(&b).unwrap(), b"old b");
        let lock = Lock::take(dir.path(), "fmt").unwrap();
        assert_eq!(lock.recovered, std::slice::from_ref(&b));
        assert_eq!(fs::read(&a).unwrap(), b"new a");
        assert_eq!(fs::read(&b).unwrap(), b"new b");
        drop(lock);
        assert_eq!(names(dir.path()), ["1.toml", "2.toml"]);
    }

    #[test]
    fn a_journal_whose_files_were_edited_since_is_not_replayed() {
        let dir = tempfile::tempdir().unwrap();
        let (_, b) = interrupted(dir.path());
        fs::write(&b, "edited by hand").unwrap();
        let err = Lock::take(dir.path(), "fmt").unwrap_err();
        assert!(
            err.to_string()
                .contains("holds neither its old nor its new content"),
            "{err}"
        );
        assert_eq!(fs::read(&b).unwrap(), b"edited by hand");
        assert!(dir.path().join(JOURNAL_FILE).exists());
        assert!(!dir.path().join(super::super::LOCK_FILE).exists());
    }

    #[test]
    fn a_journal_naming_paths_outside_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(JOURNAL_FILE),
            r#"{"contrat_journal":1,"files":[{"temp":"../.x.contrat-1.tmp","target":"../x.toml","old":"","new":""}]}"#,
        )
        .unwrap();
        let err = Lock::take(dir.path(), "fmt").unwrap_err();
        assert!(
            err.to_string()
                .contains("is not a path inside the contract folder"),
            "{err}"
        );
    }

    #[test]
    fn writes_several_files_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, written) = write_both(dir.path(), "old b");
        written.unwrap();
        assert_eq!(fs::read(&a).unwrap(), b"new a");
        assert_eq!(fs::read(&b).unwrap(), b"new b");
        assert_eq!(names(dir.path()), ["1.toml", "2.toml"]);
    }

    #[test]
    fn a_file_edited_meanwhile_stops_every_write() {
        let dir = tempfile::tempdir().unwrap();
        let (a, _, written) = write_both(dir.path(), "edited");
        let err = written.unwrap_err();
        assert!(matches!(err, WriteError::Changed(_)), "{err}");
        assert_eq!(fs::read(&a).unwrap(), b"old a");
        assert_eq!(names(dir.path()), ["1.toml", "2.toml"]);
    }
}
