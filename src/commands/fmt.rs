//! `contrat fmt`: every file of the contract in canonical form.

use std::fs;

use anyhow::Result;

use crate::cli::FmtArgs;
use crate::commands::{Context, Outcome, eprint, lock, print};
use crate::edit::{self, FileChange};
use crate::load;
use crate::output::escape;
use crate::render;
use crate::write::{self, Change};

pub fn run(ctx: &Context, args: &FmtArgs) -> Result<Outcome> {
    let changes = plan(ctx)?;
    if args.check {
        return check(&changes);
    }
    // A canonical contract needs no lock, so `fmt` passes in a read-only
    // checkout; unless an interrupted write is there to finish.
    let journal = ctx.contract_dir.join(write::JOURNAL_FILE);
    if !changes.iter().any(FileChange::changed) && fs::symlink_metadata(journal).is_err() {
        return Ok(Outcome::Success);
    }
    // Read again under the lock: another writer's change is seen, never undone.
    let lock = lock(ctx, "fmt")?;
    let changes = plan(ctx)?;
    let changed: Vec<Change> = changes
        .iter()
        .filter(|c| c.changed())
        .map(|c| Change {
            path: &c.path,
            before: &c.before,
            after: &c.after,
        })
        .collect();
    write::contract_files(&lock, &changed)?;
    let mut text = String::new();
    for change in &changed {
        text.push_str(&format!(
            "formatted {}\n",
            escape::terminal(&change.path.display().to_string(), true)
        ));
    }
    print(&text)?;
    Ok(Outcome::Success)
}

/// Every file of the contract and its canonical form; [`Refused`] when the
/// contract does not parse (its findings printed).
fn plan(ctx: &Context) -> Result<Vec<FileChange>> {
    let folder = &ctx.contract_dir;
    let (loaded, files) = load::load_files(folder)?;
    // Only a file that parses can be rewritten; other findings are `check`'s.
    ctx.refuse_unparsed(
        &loaded,
        &format!(
            "the contract in `{}` does not parse; nothing was formatted",
            folder.display()
        ),
    )?;
    Ok(edit::format_folder(folder, &files)?)
}

/// `fmt --check`: the diff of each file not in canonical form.
fn check(changes: &[FileChange]) -> Result<Outcome> {
    let changed: Vec<_> = changes.iter().filter(|c| c.changed()).collect();
    let mut text = String::new();
    for change in &changed {
        text.push_str(&render::diff::unified(
            &escape::terminal(&change.path.display().to_string(), true),
            &String::from_utf8_lossy(&change.before),
            &String::from_utf8_lossy(&change.after),
        ));
    }
    print(&escape::no_workflow_commands(&text))?;
    if changed.is_empty() {
        return Ok(Outcome::Success);
    }
    eprint(&format!(
        "error: {} file{} not in canonical form; `contrat fmt` rewrites {}\n",
        changed.len(),
        if changed.len() == 1 { " is" } else { "s are" },
        if changed.len() == 1 { "it" } else { "them" },
    ))?;
    Ok(Outcome::Findings)
}
