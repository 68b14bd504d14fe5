//! `contrat report --period FROM..TO`: the mid-term evaluation, laid out
//! for the same output as the yearly report (the command is `report`'s).
//! What it adds to load → analysis → render is reading, from git, the
//! contract as it stood when the period began.

use std::path::Path;

use anyhow::{Result, bail};

use crate::analysis::midterm::{self, Revision, TextChanges, Unavailable};
use crate::git::{self, GitError};
use crate::load;
use crate::model::{Contract, Period};
use crate::output::{Doc, Words};
use crate::render;

/// The period as `--period` writes it, before the contract is read: a
/// usage error should not wait for it.
pub fn parse(text: &str) -> Result<Period> {
    midterm::parse_period(text)
        .map_err(|e| anyhow::anyhow!("invalid value `{text}` for --period: {e}"))
}

/// The evaluation of `period`, laid out; `period` must lie within the
/// contract's.
pub fn doc(
    dir: &Path,
    contract: &Contract,
    text: &str,
    period: Period,
    words: &Words,
    notes: Option<&str>,
) -> Result<Doc> {
    if let Some(own) = contract.meta.period.as_ref().map(|p| p.value)
        && !(own.contains(period.from) && own.contains(period.to))
    {
        bail!(
            "invalid value `{text}` for --period: the contract runs from {} to {}",
            own.from,
            own.to
        );
    }
    let changes = text_changes(dir, contract, period.from);
    let evaluation = midterm::midterm(contract, period, changes);
    Ok(render::midterm::doc(&evaluation, words, notes))
}

/// What the contract's text changed since the first commit on or after 1
/// January of `first_year`, up to the folder as it is now. Never an error:
/// what stands in the way is said in the document.
fn text_changes(dir: &Path, now: &Contract, first_year: u16) -> TextChanges {
    let unavailable = TextChanges::Unavailable;
    let (top, relative) = match git::locate(dir) {
        Ok(found) => found,
        Err(GitError::Missing(e)) => return unavailable(Unavailable::Git(e.to_string())),
        Err(_) => return unavailable(Unavailable::NotInGit),
    };
    let commit = match git::first_commit_since(&top, &relative, &format!("{first_year}-01-01")) {
        Ok(Some(commit)) => commit,
        Ok(None) => return unavailable(Unavailable::NoCommit),
        Err(e) => return unavailable(Unavailable::Git(e.to_string())),
    };
    let from = Revision {
        date: day(&commit.date),
        id: commit.id,
    };
    let files = match git::read_folder(&top, &from.id, &relative, dir) {
        Ok(files) => files,
        Err(e) => return unavailable(Unavailable::Git(e.to_string())),
    };
    let old = load::load_memory(dir, files);
    // A file that does not parse would show its content as removed.
    if let Some(broken) = old.diagnostics.iter().find(|d| {
        matches!(
            d.rule,
            crate::diagnostic::Rule::Syntax
                | crate::diagnostic::Rule::UnreadableFile
                | crate::diagnostic::Rule::MissingContractFile
        )
    }) {
        return unavailable(Unavailable::Unreadable(from, broken.message.clone()));
    }
    let head = git::resolve(&top, "HEAD").ok();
    TextChanges::compared(from, head, &old.contract, now)
}

/// `2024-01-15` as (year, month, day); zeros where git wrote something else.
fn day(text: &str) -> (u16, u8, u8) {
    let mut parts = text.split('-');
    let mut next = || {
        parts
            .next()
            .and_then(|p| p.parse::<u16>().ok())
            .unwrap_or(0)
    };
    let (y, m, d) = (next(), next(), next());
    (y, m as u8, d as u8)
}
