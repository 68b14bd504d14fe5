//! Reading the contract folder at a git revision, through the `git` program.
//!
//! Only `git` is ever run, with arguments passed as a list (never through a
//! shell), so a revision or path cannot smuggle in another command.

use std::path::{Component, Path, PathBuf};
use std::process::Command;

use crate::load::MemoryFile;

/// Why a revision could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error(
        "cannot run `git`: {0}; `contrat diff` reads revisions with git: install it, or compare two folders with `contrat diff --against DIR`"
    )]
    Missing(std::io::Error),
    #[error("`{}` is not inside a git repository", .0.display())]
    NotARepository(PathBuf),
    #[error("unknown revision `{0}`: git knows no commit by that name")]
    UnknownRevision(String),
    #[error(
        "unknown revision `{0}`: the repository has no commit yet; commit the contract first (`git add` then `git commit`), or compare with another folder: `contrat diff --against DIR`"
    )]
    NoCommitYet(String),
    #[error("`{0}` is not a revision: a revision cannot start with `-`")]
    BadRevision(String),
    #[error("the contract folder `{}` is outside the git repository at `{}`", .folder.display(), .top.display())]
    Outside { folder: PathBuf, top: PathBuf },
    #[error("`git {args}` failed: {message}")]
    Failed { args: String, message: String },
}

/// Runs `git` with `args` in `dir`; its standard output, or why it failed.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        // The user's pager and colour settings must not reach what we parse.
        .env("GIT_PAGER", "cat")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .map_err(GitError::Missing)?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(GitError::Failed {
            args: args.join(" "),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        })
    }
}

/// The top folder of the repository that holds `dir`.
pub fn toplevel(dir: &Path) -> Result<PathBuf, GitError> {
    let out = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| match e {
        // No git at all is not "not a repository".
        GitError::Missing(io) => GitError::Missing(io),
        _ => GitError::NotARepository(dir.to_owned()),
    })?;
    let text = String::from_utf8_lossy(&out);
    Ok(PathBuf::from(text.trim_end_matches(['\n', '\r'])))
}

/// Checks that `rev` names a commit, and gives its full id.
pub fn resolve(top: &Path, rev: &str) -> Result<String, GitError> {
    if rev.starts_with('-') {
        return Err(GitError::BadRevision(rev.to_owned()));
    }
    let spec = format!("{rev}^{{commit}}");
    let out = git(top, &["rev-parse", "--verify", "--quiet", &spec]).map_err(|e| {
        if let GitError::Missing(io) = e {
            return GitError::Missing(io);
        }
        // Right after `git init`, HEAD names nothing yet.
        let empty = git(top, &["rev-parse", "--verify", "--quiet", "HEAD"]).is_err();
        if empty {
            GitError::NoCommitYet(rev.to_owned())
        } else {
            GitError::UnknownRevision(rev.to_owned())
        }
    })?;
    Ok(String::from_utf8_lossy(&out).trim().to_owned())
}

/// `path` without `.` and `..`, as the file system would resolve it lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Where the contract folder lies in the repository: its repository top and
/// its path below it, with `/` separators.
pub fn locate(folder: &Path) -> Result<(PathBuf, String), GitError> {
    let absolute = if folder.is_absolute() {
        folder.to_owned()
    } else {
        std::env::current_dir()
            .map_err(GitError::Missing)?
            .join(folder)
    };
    let absolute = absolute
        .canonicalize()
        .unwrap_or_else(|_| normalize(&absolute));
    // The folder may not exist in the working tree (comparing two revisions):
    // ask git from the nearest folder that does.
    let mut probe = absolute.as_path();
    while !probe.is_dir() {
        probe = probe.parent().unwrap_or(Path::new("/"));
    }
    let top = toplevel(probe)?;
    let top_real = top.canonicalize().unwrap_or_else(|_| top.clone());
    let below = absolute
        .strip_prefix(&top_real)
        .map_err(|_| GitError::Outside {
            folder: folder.to_owned(),
            top: top.clone(),
        })?;
    let relative: Vec<String> = below
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Ok((top, relative.join("/")))
}

/// The files of the contract folder at `rev`, as [`MemoryFile`]s whose paths
/// start with `shown` (the folder as the user named it), so that findings and
/// the contract file are placed as on disk.
pub fn read_folder(
    top: &Path,
    rev: &str,
    relative: &str,
    shown: &Path,
) -> Result<Vec<MemoryFile>, GitError> {
    let commit = resolve(top, rev)?;
    let pathspec = if relative.is_empty() { "." } else { relative };
    let listing = git(
        top,
        &[
            "ls-tree",
            "-r",
            "--name-only",
            "--full-tree",
            "-z",
            &commit,
            "--",
            pathspec,
        ],
    )?;
    let mut files = Vec::new();
    for name in listing.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name).into_owned();
        if !name.ends_with(".toml") {
            continue;
        }
        let below = if relative.is_empty() {
            name.as_str()
        } else {
            match name
                .strip_prefix(relative)
                .and_then(|r| r.strip_prefix('/'))
            {
                Some(below) => below,
                None => continue,
            }
        };
        // Raw bytes: no textconv, even if the user set `contrat diff --textconv` up.
        let bytes = git(top, &["show", "--no-textconv", &format!("{commit}:{name}")])?;
        files.push(MemoryFile {
            path: shown.join(below),
            bytes,
        });
    }
    Ok(files)
}

/// A commit: its full id and the day it was committed (`YYYY-MM-DD`, as
/// the committer's clock read it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    pub date: String,
}

/// The first commit of the main line (first parents back from `HEAD`)
/// committed on or after `day` (`YYYY-MM-DD`) in which the contract folder
/// `relative` holds its `contrat.toml`: the contract as it stood when a
/// period began. When the folder came into the repository after that day,
/// the first commit of the main line that brought it. `None` when no commit
/// since that day holds the contract, or the repository has no commit.
pub fn first_commit_since(
    top: &Path,
    relative: &str,
    day: &str,
) -> Result<Option<Commit>, GitError> {
    match resolve(top, "HEAD") {
        Ok(_) => {}
        Err(GitError::NoCommitYet(_)) => return Ok(None),
        Err(e) => return Err(e),
    }
    let file = if relative.is_empty() {
        crate::load::CONTRACT_FILE.to_owned()
    } else {
        format!("{relative}/{}", crate::load::CONTRACT_FILE)
    };
    let since = format!("--since={day}T00:00:00");
    let first = |path: Option<&str>| -> Result<Option<Commit>, GitError> {
        let mut args = vec![
            "log",
            "--first-parent",
            "--reverse",
            since.as_str(),
            "--format=%H %cs",
            "HEAD",
        ];
        if let Some(path) = path {
            args.extend(["--", path]);
        }
        let out = git(top, &args)?;
        Ok(String::from_utf8_lossy(&out)
            .lines()
            .next()
            .and_then(|line| {
                let (id, date) = line.split_once(' ')?;
                Some(Commit {
                    id: id.to_owned(),
                    date: date.trim().to_owned(),
                })
            }))
    };
    let holds =
        |commit: &Commit| git(top, &["cat-file", "-e", &format!("{}:{file}", commit.id)]).is_ok();
    if let Some(commit) = first(None)?.filter(|c| holds(c)) {
        return Ok(Some(commit));
    }
    // The folder came later: the first commit that touched its contract file.
    Ok(first(Some(&file))?.filter(|c| holds(c)))
}
