//! `contrat import FILE`: a year's programmation from a spreadsheet, appended
//! to the pilier files only when every row is valid and the contract passes.

use anyhow::{Result, anyhow};

use crate::cli::ImportArgs;
use crate::commands::add::{passes_check, read_contract, write_all};
use crate::commands::{Context, Outcome, eprint, lock, print};
use crate::edit::insert::{self, InsertError};
use crate::import::{self, Imported, Options, RowError};
use crate::model::Language;
use crate::render::format::money;
use crate::render::table::{Grid, text};

pub fn run(ctx: &Context, args: &ImportArgs) -> Result<Outcome> {
    // The sheet first: a file that cannot be read should not wait for the lock.
    let sheet = import::sheet::read(&args.file, args.sheet.as_deref())?;
    // Read under the lock: the rows already in the contract are those of the
    // contract as it is when written.
    let lock = if args.dry_run {
        None
    } else {
        Some(lock(ctx, "import")?)
    };
    let (loaded, files) = match read_contract(ctx)? {
        Ok(read) => read,
        Err(outcome) => return Ok(outcome),
    };
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
    let file = args.file.display().to_string();
    let rows = match import::actions(&sheet, &loaded.contract, &options) {
        Ok(rows) => rows,
        Err(errors) => return refuse(&file, &errors),
    };
    let imported = rows.new;
    let skipped = match rows.already.len() {
        0 => String::new(),
        1 => "1 row already in the contract, skipped\n".to_owned(),
        n => format!("{n} rows already in the contract, skipped\n"),
    };
    if imported.is_empty() && !rows.already.is_empty() {
        print(&format!("{skipped}nothing to add\n"))?;
        return Ok(Outcome::Success);
    }
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
    let lang = loaded.contract.meta.language;
    let table = text(&grid(&imported, &appended, lang), ctx.table_style());
    let count = imported.len();
    let plural = if count == 1 { "" } else { "s" };
    let Some(lock) = &lock else {
        print(&format!(
            "{table}{skipped}{count} action{plural} would be added; nothing was written (--dry-run)\n"
        ))?;
        return Ok(Outcome::Success);
    };
    write_all(lock, &appended)?;
    let targets: Vec<String> = appended
        .iter()
        .map(|a| a.path.display().to_string())
        .collect();
    print(&format!(
        "{table}{skipped}added {count} action{plural} to {}\n",
        if targets.is_empty() {
            "no file".to_owned()
        } else {
            targets.join(", ")
        }
    ))?;
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

/// What is added: one row per action, with the file it goes to.
fn grid(imported: &[Imported], appended: &[insert::Appended], lang: Language) -> Grid {
    let mut grid = Grid::new([
        "row", "id", "year", "title", "porteur", "priority", "cost", "funding", "file",
    ]);
    grid.right = vec![0, 6, 7];
    for i in imported {
        let a = &i.action;
        let file = appended
            .iter()
            .find(|f| f.ids.contains(&a.id))
            .and_then(|f| f.path.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let funding = a.funding.iter().map(|(_, m)| *m).sum();
        grid.push([
            i.row.to_string(),
            a.id.clone(),
            a.year.to_string(),
            a.title.clone(),
            a.porteur.clone(),
            a.priorities
                .first()
                .map(ToString::to_string)
                .unwrap_or_default(),
            a.cost.map_or_else(|| "—".to_owned(), |c| money(c, lang)),
            money(funding, lang),
            file,
        ]);
    }
    grid
}
