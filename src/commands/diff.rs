//! `contrat diff`: the changes between two versions of the contract.

use std::path::Path;

use anyhow::{Result, bail};

use crate::analysis;
use crate::cli::DiffArgs;
use crate::commands::{Context, Outcome, Output, print};
use crate::git;
use crate::load::{self, Loaded};
use crate::output::Format;
use crate::render;
use crate::render::diff::Sides;

/// One side of the comparison.
enum Side<'a> {
    WorkingTree,
    Revision(&'a str),
    Folder(&'a Path),
}

impl Side<'_> {
    fn name(&self) -> render::diff::Side {
        match self {
            Side::WorkingTree => render::diff::Side::WorkingTree,
            Side::Revision(rev) => render::diff::Side::Named((*rev).to_owned()),
            Side::Folder(dir) => render::diff::Side::Named(dir.display().to_string()),
        }
    }
}

pub fn run(ctx: &Context, args: &DiffArgs) -> Result<Outcome> {
    if let Some(file) = &args.textconv {
        return textconv(file);
    }
    let out = Output {
        args: &args.output,
        formats: &[
            Format::Table,
            Format::Md,
            Format::Json,
            Format::Csv,
            Format::Html,
        ],
    };
    out.format()?;
    let (old, new) = match (args.revs.as_slice(), &args.against) {
        (_, Some(dir)) => (Side::Folder(dir), Side::Folder(&ctx.contract_dir)),
        ([], None) => (Side::Revision("HEAD"), Side::WorkingTree),
        ([rev], None) => (Side::Revision(rev), Side::WorkingTree),
        ([a, b], None) => (Side::Revision(a), Side::Revision(b)),
        _ => bail!("`contrat diff` takes at most two revisions"),
    };
    let mut located = None;
    let mut read = |side: &Side<'_>| -> Result<Loaded> {
        Ok(match side {
            Side::WorkingTree => load::load(&ctx.contract_dir)?,
            Side::Folder(dir) => load::load(dir)?,
            Side::Revision(rev) => {
                if located.is_none() {
                    located = Some(git::locate(&ctx.contract_dir)?);
                }
                let (top, relative) = located.as_ref().expect("located above");
                let files = git::read_folder(top, rev, relative, &ctx.contract_dir)?;
                load::load_memory(&ctx.contract_dir, files)
            }
        })
    };
    let old_loaded = read(&old)?;
    let new_loaded = read(&new)?;
    for (side, loaded) in [(&old, &old_loaded), (&new, &new_loaded)] {
        refuse_broken(ctx, side, loaded)?;
    }
    let diff = analysis::diff(&old_loaded.contract, &new_loaded.contract);
    let sides = Sides::new(
        old.name(),
        new.name(),
        &old_loaded.contract,
        &new_loaded.contract,
    );
    let words = ctx.words(&args.output, &new_loaded.contract);
    ctx.emit(&render::diff::doc(&diff, &sides, &words), &out, &words)?;
    Ok(Outcome::Success)
}

/// A side with a file that does not parse would show its content as removed:
/// print its syntax errors instead.
fn refuse_broken(ctx: &Context, side: &Side<'_>, loaded: &Loaded) -> Result<()> {
    let name = match side {
        Side::WorkingTree => "the working tree".to_owned(),
        Side::Revision(rev) => (*rev).to_owned(),
        Side::Folder(dir) => dir.display().to_string(),
    };
    ctx.refuse_unparsed(
        loaded,
        &format!("the contract in {name} does not parse; nothing to compare"),
    )
}

/// `--textconv FILE`: one file as facts. A file that does not parse is printed
/// as it is, so that `git diff` still shows its change.
fn textconv(file: &Path) -> Result<Outcome> {
    let bytes = crate::input::read_bounded(file, crate::input::CONTRACT_FILE_LIMIT, "the file")?;
    let text = String::from_utf8_lossy(&bytes);
    // git hands the old side over as a temporary file with another name, and
    // without its folder: the facts come from the document alone.
    let Ok(table) = text.parse::<toml_edit::DocumentMut>() else {
        print(&text)?;
        return Ok(Outcome::Success);
    };
    print(&render::diff::facts(table.as_table()))?;
    Ok(Outcome::Success)
}
