//! `contrat import FILE`: a year's programmation from a spreadsheet, appended
//! to the pilier files only when every row is valid and the contract passes.

use anyhow::{Result, anyhow};

use crate::analysis;
use crate::cli::ImportArgs;
use crate::commands::add::{passes_check, read_contract, write_all};
use crate::commands::{Context, Outcome, Output, eprint, lock};
use crate::edit::entries;
use crate::edit::insert::InsertError;
use crate::import::plan::Plan;
use crate::import::{self, MapValue, Options, RowError, Where};
use crate::load::{self, Loaded, MemoryFile};
use crate::output::{Format, escape};
use crate::render;
use crate::render::diff::{Side, Sides};
use crate::write::Lock;

pub fn run(ctx: &Context, args: &ImportArgs) -> Result<Outcome> {
    let out = Output {
        args: &args.output,
        formats: &[Format::Table, Format::Md, Format::Json, Format::Csv],
    };
    out.format()?;
    // The sheet first: a file that cannot be read should not wait for the lock.
    let sheet = import::sheet::read(&args.file, args.sheet.as_deref())?;
    // Read under the lock: the rows already in the contract are those of the
    // contract as it is when written.
    let lock = if args.dry_run {
        None
    } else {
        Some(lock(ctx, "import")?)
    };
    let (loaded, files) = read_contract(ctx)?;
    let maps = args
        .map
        .iter()
        .map(|m| {
            m.split_once('=')
                .map(|(c, f)| (c.trim().to_owned(), f.trim().to_owned()))
                .ok_or_else(|| {
                    anyhow!("invalid value `{m}` for --map: write COLUMN=FIELD, such as `Montant État=etat`")
                })
        })
        .collect::<Result<Vec<_>>>()?;
    let wheres = args
        .wheres
        .iter()
        .map(|w| Where::parse(w).map_err(|e| anyhow!(e)))
        .collect::<Result<Vec<_>>>()?;
    let map_values = args
        .map_value
        .iter()
        .map(|m| MapValue::parse(m).map_err(|e| anyhow!(e)))
        .collect::<Result<Vec<_>>>()?;
    let where_text = args.wheres.join(" --where ");
    let options = Options {
        year: args.year,
        maps,
        profile: args.profile,
        wheres,
        map_values,
    };
    let file = escape::terminal(&args.file.display().to_string(), true).into_owned();
    let plan = import::plan::from_sheet(&sheet, &loaded.contract, &options);
    let plan = match plan {
        Ok(plan) => plan,
        Err(errors) => return refuse(&file, &errors),
    };
    changes(
        ctx,
        args,
        &out,
        &loaded,
        &files,
        plan,
        lock.as_ref(),
        &where_text,
    )
}

/// Applies a plan: the changed files checked in memory, then shown as the
/// changes to the contract (`--dry-run`) or written, all or nothing.
#[allow(clippy::too_many_arguments)]
fn changes(
    ctx: &Context,
    args: &ImportArgs,
    out: &Output<'_>,
    loaded: &Loaded,
    files: &[MemoryFile],
    plan: Plan,
    lock: Option<&Lock>,
    wheres: &str,
) -> Result<Outcome> {
    let words = ctx.words(&args.output, &loaded.contract);
    let (changed, folder) = match entries::apply(loaded, files, &plan.edits) {
        Ok(done) => done,
        Err(InsertError::NoPilierFile { id, code }) => {
            let row = plan
                .rows
                .iter()
                .find(|(new, _)| *new == id)
                .map_or(0, |(_, row)| *row);
            let error = RowError {
                row,
                column: None,
                message: format!("the contract has no file for the entry above {code}"),
            };
            let file = escape::terminal(&args.file.display().to_string(), true).into_owned();
            return refuse(&file, &[error]);
        }
        Err(other) => return Err(other.into()),
    };
    if changed.is_empty() {
        let doc =
            render::import::nothing_to_add(plan.unchanged as u64, &plan.messy, wheres, &words);
        ctx.emit(&doc, out, &words)?;
        return Ok(Outcome::Success);
    }
    if !passes_check(ctx, &ctx.contract_dir, folder.clone())? {
        return Ok(Outcome::Findings);
    }
    let after = load::load_memory(&ctx.contract_dir, folder);
    let diff = analysis::diff(&loaded.contract, &after.contract);
    let sides = Sides::new(
        Side::WorkingTree,
        Side::Named(args.file.display().to_string()),
        &loaded.contract,
        &after.contract,
    );
    let targets: Vec<String> = changed
        .iter()
        .map(|a| a.path.display().to_string())
        .collect();
    let doc = render::import::changes(
        &diff,
        &sides,
        &args.file.display().to_string(),
        plan.unchanged as u64,
        &plan.messy,
        wheres,
        lock.map(|_| targets.join(", ")),
        &words,
    );
    if let Some(lock) = lock {
        write_all(lock, &changed)?;
    }
    ctx.emit(&doc, out, &words)?;
    Ok(Outcome::Success)
}

/// Prints every bad row and says that nothing was written.
fn refuse(file: &str, errors: &[RowError]) -> Result<Outcome> {
    let mut text = String::new();
    for e in errors {
        // A row's cells are the file's text: shown, never sent, to the terminal.
        let line = e.to_string();
        text.push_str(&format!(
            "error: {file}: {}\n",
            escape::terminal(&line, true)
        ));
    }
    text.push_str(&format!(
        "error: {} problem{} in {file}; nothing was imported\n",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    ));
    eprint(&text)?;
    Ok(Outcome::Findings)
}
