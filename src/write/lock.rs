//! The contract's lock, as git's `index.lock`: a file created exclusively in
//! the contract folder by the command that changes the contract, and removed
//! when it ends. A second writer waits a few seconds for it, then refuses.
//!
//! A lock left by a killed run is taken over only when its holder is proven
//! dead: same host, same boot, and no such process (Linux's `/proc`). Else a
//! lock older than [`STALE_AFTER`] is reported with its holder, age and the
//! command that removes it; a younger one is a command still at work.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::{WriteError, journal};

/// The lock, in the contract folder (hidden, so never read as a contract file).
pub const LOCK_FILE: &str = ".contrat.lock";
/// The journal of a multi-file write under way.
pub const JOURNAL_FILE: &str = ".contrat.journal";
/// Held only while a dead holder's lock is removed, so that two commands
/// never both remove a lock (one of them the other's fresh one).
const TAKEOVER_FILE: &str = ".contrat.lock.takeover";

/// How long a writer waits for another to finish: an edit takes well under a second.
const WAIT: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_millis(25);
/// A lock this old whose holder cannot be proven dead is reported as stale.
const STALE_AFTER: Duration = Duration::from_secs(6 * 3600);

/// Why the contract could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// The folder is missing, is no folder or cannot be read.
    #[error(transparent)]
    Folder(#[from] crate::load::LoadError),
    #[error(
        "the contract is being changed by another contrat command ({holder}; its lock is `{}`); nothing was written: run the command again once it has finished",
        path.display()
    )]
    Busy { path: PathBuf, holder: String },
    #[error(
        "the contract's lock `{}` was left {age} ago by {holder}, which may have been killed; nothing was written. If no contrat command is at work on this contract, remove the lock (rm '{}') and run the command again",
        path.display(), path.display()
    )]
    Stale {
        path: PathBuf,
        holder: String,
        age: String,
    },
    #[error("cannot lock the contract: cannot create `{}`: {reason}", path.display())]
    Io {
        path: PathBuf,
        reason: std::io::Error,
    },
    #[error(transparent)]
    Recover(#[from] WriteError),
}

/// The contract folder, locked for writing. Dropping it removes the lock,
/// on success and error alike.
#[derive(Debug)]
pub struct Lock {
    root: PathBuf,
    path: PathBuf,
    /// The files an interrupted write left half done, finished on taking the lock.
    pub recovered: Vec<PathBuf>,
}

/// Who holds a lock, as its file says.
#[derive(Debug, Default, PartialEq)]
struct Holder {
    pid: Option<u32>,
    host: Option<String>,
    boot: Option<String>,
    started: Option<u64>,
    command: Option<String>,
}

impl Holder {
    fn parse(text: &str) -> Holder {
        let mut holder = Holder::default();
        let Ok(table) = text.parse::<toml::Table>() else {
            return holder;
        };
        let text = |key: &str| table.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let int = |key: &str| table.get(key).and_then(|v| v.as_integer());
        holder.pid = int("pid").and_then(|p| u32::try_from(p).ok());
        holder.started = int("started").and_then(|s| u64::try_from(s).ok());
        holder.host = text("host");
        holder.boot = text("boot");
        holder.command = text("command");
        holder
    }

    fn describe(&self) -> String {
        let mut words = match self.pid {
            Some(pid) => format!("process {pid}"),
            None => "an unknown process".to_owned(),
        };
        if let Some(host) = &self.host {
            words.push_str(&format!(" on {host}"));
        }
        if let Some(command) = &self.command {
            words.push_str(&format!(", `contrat {command}`"));
        }
        words
    }

    /// Whether the holder is certainly gone: it ran on this machine, since its
    /// last boot, and no process has its number. A process of another host, or
    /// of an unknown one, is never presumed dead.
    fn is_dead(&self) -> bool {
        let (Some(pid), Some(host), Some(boot)) = (self.pid, &self.host, &self.boot) else {
            return false;
        };
        let (Some(this_host), Some(this_boot)) = (this_host(), this_boot()) else {
            return false;
        };
        if *host != this_host {
            return false;
        }
        // Rebooted since: every process of then is gone.
        if *boot != this_boot {
            return true;
        }
        Path::new("/proc/self").exists() && !Path::new("/proc").join(pid.to_string()).exists()
    }
}

fn proc_text(path: &str) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn this_host() -> Option<String> {
    proc_text("/proc/sys/kernel/hostname")
}

fn this_boot() -> Option<String> {
    proc_text("/proc/sys/kernel/random/boot_id")
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A duration as people read an age: `3 s`, `12 min`, `7 h`.
fn age(seconds: u64) -> String {
    match seconds {
        s if s < 120 => format!("{s} s"),
        s if s < 7200 => format!("{} min", s / 60),
        s => format!("{} h", s / 3600),
    }
}

impl Lock {
    /// Locks the contract in `folder` for `command` (`"fmt"`, `"add action"`),
    /// waiting a few seconds for another writer to finish; then finishes what
    /// an interrupted write left (its journal) and removes the temporary files
    /// of killed runs. The contract is read after this, under the lock.
    pub fn take(folder: &Path, command: &str) -> Result<Lock, LockError> {
        crate::load::check_folder(folder)?;
        let root = folder.canonicalize().map_err(|reason| LockError::Io {
            path: folder.to_owned(),
            reason,
        })?;
        let path = folder.join(LOCK_FILE);
        let deadline = Instant::now() + WAIT;
        loop {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    let text = format!(
                        "# `contrat {command}` is changing this contract; see SECURITY.md\npid = {}\nhost = {}\nboot = {}\nstarted = {}\ncommand = {}\n",
                        std::process::id(),
                        toml::Value::String(this_host().unwrap_or_default()),
                        toml::Value::String(this_boot().unwrap_or_default()),
                        now(),
                        toml::Value::String(command.to_owned()),
                    );
                    let mut lock = Lock {
                        root,
                        path,
                        recovered: Vec::new(),
                    };
                    // From here on, dropping `lock` removes the file.
                    file.write_all(text.as_bytes())
                        .map_err(|reason| LockError::Io {
                            path: lock.path.clone(),
                            reason,
                        })?;
                    lock.recovered = journal::recover(&lock.root)?;
                    return Ok(lock);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(reason) => return Err(LockError::Io { path, reason }),
            }
            // The lock is there: whose, since when?
            let text = crate::input::read_bounded(&path, 4096, "the lock")
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            let holder = Holder::parse(&text);
            if holder.is_dead() {
                take_over(folder, &path, &text);
                continue;
            }
            let started = holder.started.or_else(|| {
                fs::symlink_metadata(&path)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map(|d| d.as_secs())
            });
            let held = started.map_or(0, |s| now().saturating_sub(s));
            if held > STALE_AFTER.as_secs() {
                return Err(LockError::Stale {
                    path,
                    holder: holder.describe(),
                    age: age(held),
                });
            }
            if Instant::now() > deadline {
                return Err(LockError::Busy {
                    path,
                    holder: format!("{}, for {}", holder.describe(), age(held)),
                });
            }
            std::thread::sleep(POLL);
        }
    }

    /// The contract folder, as a canonical path.
    pub(super) fn root(&self) -> &Path {
        &self.root
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Removes a dead holder's lock, if it still holds `seen` once this command
/// alone may remove locks. Failing that, the caller's loop looks again.
fn take_over(folder: &Path, path: &Path, seen: &str) {
    let guard = folder.join(TAKEOVER_FILE);
    if fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&guard)
        .is_err()
    {
        std::thread::sleep(POLL);
        return;
    }
    let now = fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned());
    if now.as_deref().ok() == Some(seen) {
        let _ = fs::remove_file(path);
    }
    let _ = fs::remove_file(&guard);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_while_the_first_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let first = Lock::take(dir.path(), "fmt").unwrap();
        assert!(dir.path().join(LOCK_FILE).is_file());
        let err = Lock::take(dir.path(), "add action").unwrap_err();
        let message = err.to_string();
        assert!(
            message.starts_with(&format!(
                "the contract is being changed by another contrat command (process {}",
                std::process::id()
            )),
            "{message}"
        );
        assert!(message.contains(".contrat.lock"), "{message}");
        drop(first);
        assert!(!dir.path().join(LOCK_FILE).exists());
        Lock::take(dir.path(), "add action").unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_lock_of_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        // A child that has exited and been waited for: its pid is free.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        fs::write(
            dir.path().join(LOCK_FILE),
            format!(
                "pid = {pid}\nhost = {:?}\nboot = {:?}\nstarted = {}\ncommand = \"fmt\"\n",
                this_host().unwrap(),
                this_boot().unwrap(),
                now()
            ),
        )
        .unwrap();
        let lock = Lock::take(dir.path(), "fmt").unwrap();
        let text = fs::read_to_string(dir.path().join(LOCK_FILE)).unwrap();
        assert!(text.contains(&format!("pid = {}", std::process::id())));
        drop(lock);
    }

    #[test]
    fn an_old_lock_of_another_host_is_reported_with_its_age_and_remedy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK_FILE);
        fs::write(
            &path,
            format!(
                "pid = 42\nhost = \"elsewhere\"\nboot = \"x\"\nstarted = {}\ncommand = \"import\"\n",
                now() - 8 * 3600
            ),
        )
        .unwrap();
        let err = Lock::take(dir.path(), "fmt").unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "the contract's lock `{0}` was left 8 h ago by process 42 on elsewhere, `contrat import`, which may have been killed; nothing was written. If no contrat command is at work on this contract, remove the lock (rm '{0}') and run the command again",
                path.display()
            )
        );
        // Reported, not removed.
        assert!(path.exists());
    }

    #[test]
    fn holders_parse_and_read() {
        let holder = Holder::parse("pid = 7\nhost = \"h\"\ncommand = \"fmt\"\n");
        assert_eq!(holder.describe(), "process 7 on h, `contrat fmt`");
        assert_eq!(Holder::parse("garbage ["), Holder::default());
        assert!(!Holder::parse("").is_dead());
        assert_eq!(age(59), "59 s");
        assert_eq!(age(600), "10 min");
        assert_eq!(age(8 * 3600), "8 h");
    }
}
