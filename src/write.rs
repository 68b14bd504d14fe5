//! Writing files without ever leaving one half-written.
//!
//! Every command that writes goes through here: the bytes go to a temporary
//! file in the same folder, which is then renamed over the target (a rename
//! within one file system is atomic). An interrupted run leaves either the old
//! file or the new one, never a mix.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("`{0}` changed on disk since it was read; nothing was written (run the command again)")]
    Changed(PathBuf),
    #[error("cannot write `{path}`: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Writes `bytes` to `path` through a temporary file renamed over it.
pub fn atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A leading dot keeps the temporary file out of `contrat`'s own walks.
    let temporary = folder.join(format!(".{name}.contrat-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temporary).map_err(io(&temporary))?;
        file.write_all(bytes).map_err(io(&temporary))?;
        file.sync_all().map_err(io(&temporary))?;
        if let Ok(meta) = fs::metadata(path) {
            // Keep the original's permissions.
            fs::set_permissions(&temporary, meta.permissions()).map_err(io(&temporary))?;
        }
        fs::rename(&temporary, path).map_err(io(path))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// Like [`atomic`], but refuses when the file no longer holds `expected` (what
/// was read before the change was computed): someone else changed it meanwhile.
pub fn atomic_if_unchanged(path: &Path, expected: &[u8], bytes: &[u8]) -> Result<(), WriteError> {
    match fs::read(path) {
        Ok(now) if now == expected => atomic(path, bytes),
        Ok(_) => Err(WriteError::Changed(path.to_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && expected.is_empty() => {
            atomic(path, bytes)
        }
        Err(e) => Err(WriteError::Io {
            path: path.to_owned(),
            source: e,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        atomic(&path, b"one").unwrap();
        atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, [std::ffi::OsString::from("a.toml")]);
    }

    #[test]
    fn refuses_a_file_changed_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, b"read").unwrap();
        fs::write(&path, b"changed by someone else").unwrap();
        let err = atomic_if_unchanged(&path, b"read", b"new").unwrap_err();
        assert!(matches!(err, WriteError::Changed(_)));
        assert_eq!(fs::read(&path).unwrap(), b"changed by someone else");
        atomic_if_unchanged(&path, b"changed by someone else", b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn a_failed_write_leaves_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder").join("a.toml");
        assert!(atomic(&missing, b"x").is_err());
    }
}
