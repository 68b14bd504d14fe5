//! `contrat import FILE`: a year's programmation from a spreadsheet, appended
//! to the pilier files only when every row is valid and the contract passes.

use anyhow::{Result, anyhow};

use crate::cli::ImportArgs;
use crate::commands::add::{passes_check, read_contract, write_all};
use crate::commands::{Context, Outcome, Output, eprint};
use crate::edit::insert::{self, InsertError};
use crate::import::{self, Options, RowError};
use crate::output::{Format, escape};
use crate::render;

pub fn run(ctx: &Context, args: &ImportArgs) -> Result<Outcome> {
    Output {
        args: &args.output,
        formats: &[Format::Table, Format::Md, Format::Json, Format::Csv],
    }
    .format()?;
    let (loaded, files) = read_contract(&ctx.contract_dir)?;
    let sheet = import::sheet::read(&args.file, args.sheet.as_deref())?;
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
    let options = Options {
        year: args.year,
        maps,
    };
    let file = escape::terminal(&args.file.display().to_string(), true).into_owned();
    let imported = match import::actions(&sheet, &loaded.contract, &options) {
        Ok(list) => list,
        Err(errors) => return refuse(&file, &errors),
    };
    let actions: Vec<_> = imported.iter().map(|i| i.action.clone()).collect();
    let (appended, folder) = match insert::place(&loaded, &files, &actions) {
        Ok(placed) => placed,
        Err(InsertError::NoPilierFile { id, pilier, code }) => {
            let row = imported
                .iter()
                .find(|i| i.action.id == id)
                .map_or(0, |i| i.row);
            let error = RowError {
                row,
                column: None,
                message: format!("the contract has no pilier {pilier}, so no file for {code}"),
            };
            return refuse(&file, &[error]);
        }
        Err(other) => return Err(other.into()),
    };
    if !passes_check(ctx, &ctx.contract_dir, folder)? {
        return Ok(Outcome::Findings);
    }
    let words = ctx.words(&args.output, &loaded.contract);
    let out = Output {
        args: &args.output,
        formats: &[Format::Table, Format::Md, Format::Json, Format::Csv],
    };
    if args.dry_run {
        ctx.emit(
            &render::import::doc(&imported, &appended, None, &words),
            &out,
            &words,
        )?;
        return Ok(Outcome::Success);
    }
    write_all(&appended)?;
    let targets: Vec<String> = appended
        .iter()
        .map(|a| a.path.display().to_string())
        .collect();
    ctx.emit(
        &render::import::doc(&imported, &appended, Some(&targets), &words),
        &out,
        &words,
    )?;
    Ok(Outcome::Success)
}

/// Prints every bad row and says that nothing was written.
fn refuse(file: &str, errors: &[RowError]) -> Result<Outcome> {
    let mut text = String::new();
    for e in errors {
        text.push_str(&format!("error: {file}: {e}\n"));
    }
    text.push_str(&format!(
        "error: {} problem{} in {file}; nothing was imported\n",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    ));
    eprint(&text)?;
    Ok(Outcome::Findings)
}
