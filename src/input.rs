//! Reading an input file whole, within bounds: the one way every file given to
//! `contrat` is read (contract files, notes, spreadsheets, the journal).
//!
//! A named pipe would block the read forever and a device such as `/dev/zero`
//! never ends, so only regular files are opened; a size cap keeps a huge (or
//! sparse) file from growing the process without limit.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Contract files: spans are `u32`, and no contract comes near.
pub const CONTRACT_FILE_LIMIT: u64 = 1 << 30;
/// A notes file of `report --notes`: a few pages of Markdown.
pub const NOTES_LIMIT: u64 = 16 << 20;
/// A logo of `report --logo`: an image for a cover page, not a photograph.
pub const LOGO_LIMIT: u64 = 2 << 20;
/// The largest annex joined to a report (a scanned opinion as a PDF).
pub const ANNEX_LIMIT: u64 = 32 << 20;
/// A spreadsheet of `import`: a year's programmation is a few hundred rows.
pub const SHEET_LIMIT: u64 = 256 << 20;

/// Why an input file was not read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {what} `{}`: {reason}", path.display())]
pub struct InputError {
    /// What the file is to the command: "the notes", "the spreadsheet", …
    pub what: &'static str,
    pub path: PathBuf,
    pub reason: Reason,
}

/// The part of an [`InputError`] after the file's name.
#[derive(Debug, thiserror::Error)]
pub enum Reason {
    #[error("it is {0}, not a regular file")]
    NotRegular(&'static str),
    #[error("it is over the {} it may hold", size(*.0))]
    TooLarge(u64),
    // Not a `#[source]`: the message already says it, once.
    #[error("{0}")]
    Io(std::io::Error),
}

/// A byte count as people read a limit: `16 MiB`, `1 GiB`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b => format!("{b} bytes"),
    }
}

/// What a file that is not a regular file is, in words.
pub(crate) fn kind(file_type: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// The whole of the regular file at `path`, at most `limit` bytes. `what`
/// names the file in the message: "the notes", "the spreadsheet".
pub fn read_bounded(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, InputError> {
    let fail = |reason| InputError {
        what,
        path: path.to_owned(),
        reason,
    };
    // The type is checked before opening: opening a FIFO blocks until a writer comes.
    let meta = fs::metadata(path).map_err(|e| fail(Reason::Io(e)))?;
    if !meta.is_file() {
        return Err(fail(Reason::NotRegular(kind(&meta.file_type()))));
    }
    let file = open_no_block(path).map_err(|e| fail(Reason::Io(e)))?;
    // And again on what was opened: the path may have been swapped meanwhile.
    let meta = file.metadata().map_err(|e| fail(Reason::Io(e)))?;
    if !meta.is_file() {
        return Err(fail(Reason::NotRegular(kind(&meta.file_type()))));
    }
    if meta.len() > limit {
        return Err(fail(Reason::TooLarge(limit)));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // One byte past the limit catches a file that grows while it is read.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(Reason::Io(e)))?;
    if bytes.len() as u64 > limit {
        return Err(fail(Reason::TooLarge(limit)));
    }
    Ok(bytes)
}

/// Opens for reading without ever blocking on a FIFO swapped in after the check.
fn open_no_block(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK has no effect on reading a regular file.
        options.custom_flags(NONBLOCK);
    }
    options.open(path)
}

#[cfg(any(target_os = "linux", target_os = "android"))]
const NONBLOCK: i32 = 0o4000;
#[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
const NONBLOCK: i32 = 0x0004;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_within_its_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.md");
        fs::write(&path, b"12345").unwrap();
        assert_eq!(read_bounded(&path, 5, "the notes").unwrap(), b"12345");
        let err = read_bounded(&path, 4, "the notes").unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot read the notes `{}`: it is over the 4 bytes it may hold",
                path.display()
            )
        );
    }

    #[test]
    fn refuses_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_bounded(dir.path(), 5, "the notes").unwrap_err();
        assert!(
            matches!(err.reason, Reason::NotRegular("a folder")),
            "{err}"
        );
    }

    #[test]
    fn limits_in_words() {
        assert_eq!(size(16 << 20), "16 MiB");
        assert_eq!(size(1 << 30), "1 GiB");
        assert_eq!(size(1000), "1000 bytes");
    }
}
