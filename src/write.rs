//! Writing files without ever leaving one half-written, and never through a
//! link or a device someone left in the way.
//!
//! Every command that writes goes through here, by one of two doors:
//! - [`output`], for the file named by `-o`/`--out`: bytes go to a temporary
//!   file beside the target, which is then renamed over it (a rename within one
//!   file system is atomic);
//! - [`contract_files`], for `fmt`, `add` and `import`: under the contract's
//!   [`Lock`], every changed file is staged first, then all are renamed, with a
//!   journal that lets the next writer finish an interrupted run.
//!
//! Temporary files are created exclusively (`O_EXCL`, so never through a link
//! planted under their name) under an unpredictable name starting with a dot,
//! which keeps them out of the loader's walk: `.NAME.contrat-RANDOM.tmp`.

mod journal;
mod lock;

use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use lock::{JOURNAL_FILE, LOCK_FILE, Lock, LockError};

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("`{0}` changed on disk since it was read; nothing was written (run the command again)")]
    Changed(PathBuf),
    // The reason is part of the message, not a `#[source]`: printed once.
    #[error("cannot write `{}`: {reason}", path.display())]
    Io {
        path: PathBuf,
        reason: std::io::Error,
    },
    #[error("cannot write `{}`: the folder `{}` does not exist", path.display(), folder.display())]
    NoFolder { path: PathBuf, folder: PathBuf },
    #[error("cannot write `{}`: {why}", path.display())]
    Refused { path: PathBuf, why: String },
    #[error("cannot write to standard {0}")]
    Stream(&'static str, #[source] std::io::Error),
    /// The journal of an interrupted write could not be replayed.
    #[error("{0}")]
    Journal(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |reason| WriteError::Io {
        path: path.to_owned(),
        reason,
    }
}

/// The marks of a temporary file of `contrat`: `.NAME.contrat-RANDOM.tmp`
/// (earlier versions used the process id in place of RANDOM).
const TEMP_MARK: &str = ".contrat-";
const TEMP_SUFFIX: &str = ".tmp";

/// Whether a file name is one of `contrat`'s temporary files.
fn is_temporary(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') && name.contains(TEMP_MARK) && name.ends_with(TEMP_SUFFIX)
}

/// The folder a path is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A complete, synced temporary file beside `target`, holding `bytes`, with the
/// permissions of `target` when it exists (so a read-only file stays read-only;
/// the owner is left as the system sets it). Removed when dropped.
fn stage(target: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
    let folder = folder_of(target);
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!(".{name}{TEMP_MARK}");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX).rand_bytes(10);
    #[cfg(unix)]
    {
        // As `File::create` would: the umask then takes away what it takes.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(folder).map_err(|reason| {
        if reason.kind() == std::io::ErrorKind::NotFound && !folder.is_dir() {
            WriteError::NoFolder {
                path: target.to_owned(),
                folder: folder.to_owned(),
            }
        } else {
            WriteError::Io {
                path: target.to_owned(),
                reason,
            }
        }
    })?;
    file.write_all(bytes).map_err(io(target))?;
    if let Ok(meta) = fs::symlink_metadata(target)
        && meta.is_file()
    {
        file.as_file()
            .set_permissions(meta.permissions())
            .map_err(io(target))?;
    }
    file.as_file().sync_all().map_err(io(target))?;
    Ok(file)
}

/// Makes a rename in `folder` durable. Some file systems cannot sync a
/// folder; the rename itself is done by then, so that is not an error.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// Writes `bytes` to `target` through a temporary file renamed over it.
fn replace(target: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let file = stage(target, bytes)?;
    file.persist(target).map_err(|e| WriteError::Io {
        path: target.to_owned(),
        reason: e.error,
    })?;
    sync_folder(folder_of(target));
    Ok(())
}

/// Paths of `-o` that name a stream rather than a file: written to as they
/// are, with no temporary file, and no chart files beside them.
pub fn is_stream(path: &Path) -> bool {
    ["-", "/dev/stdout", "/dev/stderr", "/dev/null"]
        .iter()
        .any(|s| path == Path::new(s))
}

/// Writes the output of `-o FILE` (or `--out DIR`'s files). A regular file or
/// a new path is written atomically, keeping an existing file's permissions.
/// `-` and `/dev/stdout` are standard output, `/dev/stderr` standard error,
/// and `/dev/null` discards; any other symbolic link, device, named pipe or
/// socket is refused, so that it is never replaced by a plain file nor
/// written to behind the user's back.
pub fn output(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let stream = |name: &'static str, mut out: Box<dyn Write>| {
        out.write_all(bytes)
            .and_then(|()| out.flush())
            .map_err(|e| WriteError::Stream(name, e))
    };
    if path == Path::new("-") || path == Path::new("/dev/stdout") {
        return stream("output", Box::new(std::io::stdout().lock()));
    }
    if path == Path::new("/dev/stderr") {
        return stream("error", Box::new(std::io::stderr().lock()));
    }
    let refuse = |why: &str| WriteError::Refused {
        path: path.to_owned(),
        why: why.to_owned(),
    };
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() => {
            remove_leftovers_of(path);
            replace(path, bytes)
        }
        Ok(meta) if meta.is_dir() => Err(refuse("it is a folder; name a file")),
        Ok(meta) if meta.file_type().is_symlink() => Err(refuse(
            "it is a symbolic link; name the file it points to, or remove the link first",
        )),
        Ok(meta) if is_null_device(path, &meta) => {
            let mut null = fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(io(path))?;
            null.write_all(bytes).map_err(io(path))
        }
        Ok(meta) => Err(refuse(&format!(
            "it is {}, not a file; name a file, use `-o -` for standard output or `-o /dev/null` to discard",
            crate::input::kind(&meta.file_type())
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let folder = folder_of(path);
            match fs::metadata(folder) {
                Ok(meta) if meta.is_dir() => {
                    remove_leftovers_of(path);
                    replace(path, bytes)
                }
                Ok(_) => Err(refuse(&format!("`{}` is not a folder", folder.display()))),
                Err(_) => Err(WriteError::NoFolder {
                    path: path.to_owned(),
                    folder: folder.to_owned(),
                }),
            }
        }
        Err(reason) => Err(WriteError::Io {
            path: path.to_owned(),
            reason,
        }),
    }
}

fn is_null_device(path: &Path, meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        path == Path::new("/dev/null") && meta.file_type().is_char_device()
    }
    #[cfg(not(unix))]
    {
        let _ = (path, meta);
        false
    }
}

/// Leftovers of an `-o` run killed more than ten minutes ago, beside its
/// target: a younger one may belong to a run still going on, which no lock
/// guards outside a contract folder.
fn remove_leftovers_of(target: &Path) {
    let Some(name) = target.file_name() else {
        return;
    };
    let prefix = format!(".{}{TEMP_MARK}", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(folder_of(target)) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let old = entry
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 600);
        if old && is_temporary(&file_name) && file_name.to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A contract file to replace: its bytes as read, and as they should be.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    pub path: &'a Path,
    pub before: &'a [u8],
    pub after: &'a [u8],
}

/// Replaces contract files, all or none, under the contract's lock (which the
/// caller proves it holds). A file that is a symbolic link is written through
/// to the file it points to, when that file is inside the contract folder;
/// otherwise nothing is written. A file that no longer holds `before` means
/// someone edited it by hand meanwhile: nothing is written.
pub fn contract_files(lock: &Lock, changes: &[Change]) -> Result<(), WriteError> {
    journal::write_all(lock.root(), changes)
}

/// The real file a contract file's path leads to: itself, or the target of
/// its links when that stays inside `root` (the contract folder, canonical).
fn resolve(root: &Path, path: &Path) -> Result<PathBuf, WriteError> {
    let real = path.canonicalize().map_err(io(path))?;
    if !real.starts_with(root) {
        return Err(WriteError::Refused {
            path: path.to_owned(),
            why: format!(
                "it is a symbolic link to `{}`, outside the contract folder; replace the link by the file itself",
                real.display()
            ),
        });
    }
    let meta = fs::metadata(&real).map_err(io(path))?;
    if !meta.is_file() {
        return Err(WriteError::Refused {
            path: path.to_owned(),
            why: format!(
                "it is {}, not a regular file",
                crate::input::kind(&meta.file_type())
            ),
        });
    }
    Ok(real)
}

/// The names in a folder, sorted: what a write left behind.
#[cfg(test)]
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        output(&path, b"one").unwrap();
        output(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["a.toml"]);
    }

    #[test]
    fn a_missing_folder_is_named_once() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder");
        let err = output(&missing.join("a.html"), b"x").unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot write `{}`: the folder `{}` does not exist",
                missing.join("a.html").display(),
                missing.display()
            )
        );
    }

    #[test]
    fn temporary_names() {
        assert!(is_temporary(OsStr::new(".1.toml.contrat-Ab3dE9xQ1z.tmp")));
        assert!(is_temporary(OsStr::new(".1.toml.contrat-4242.tmp")));
        assert!(!is_temporary(OsStr::new("1.toml.contrat-4242.tmp")));
        assert!(!is_temporary(OsStr::new(".1.toml")));
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_of_the_file_replaced() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, b"one").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o440)).unwrap();
        output(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o440);
    }
}
