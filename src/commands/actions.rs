//! `contrat actions`: the actions that match the filters.

use anyhow::Result;

use crate::cli::{ActionsArgs, TableFormat};
use crate::commands::{Context, Outcome, filter, language, print};
use crate::model::{Action, Status};
use crate::render;

/// Every status: a listing shows rejected and cancelled actions too, unless
/// `--status` narrows it.
const ALL: [Status; 5] = [
    Status::Proposed,
    Status::Funded,
    Status::Rejected,
    Status::Cancelled,
    Status::Completed,
];

pub fn run(ctx: &Context, args: &ActionsArgs) -> Result<Outcome> {
    let loaded = match ctx.load_clean()? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
    let contract = &loaded.contract;
    let filter = filter(&args.filters, contract)?;
    let actions: Vec<&Action> = contract
        .actions
        .iter()
        .filter(|a| filter.matches(contract, a, &ALL))
        .collect();
    let lang = language(args.lang, contract);
    let text = match args.format {
        TableFormat::Table => {
            render::table::text(&render::actions::grid(&actions, lang), ctx.table_style())
        }
        TableFormat::Md => render::table::markdown(&render::actions::grid(&actions, lang)),
        TableFormat::Csv => render::table::csv(&render::actions::csv_grid(&actions)),
        TableFormat::Json => render::actions::json(contract, &actions),
    };
    print(&text)?;
    Ok(Outcome::Success)
}
