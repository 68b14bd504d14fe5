//! `contrat actions`: the actions that match the filters.

use anyhow::Result;

use crate::analysis::EVERY_STATUS;
use crate::cli::ActionsArgs;
use crate::commands::{Context, Outcome, Output, TABLES, filter};
use crate::model::Action;
use crate::render;

pub fn run(ctx: &Context, args: &ActionsArgs) -> Result<Outcome> {
    let out = Output {
        args: &args.output,
        formats: TABLES,
    };
    out.format()?;
    let loaded = match ctx.load_clean()? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
    let contract = &loaded.contract;
    let filter = filter(&args.filters, contract)?;
    // A listing shows rejected and cancelled actions too, unless --status narrows it.
    let actions: Vec<&Action> = contract
        .actions
        .iter()
        .filter(|a| filter.matches(contract, a, &EVERY_STATUS))
        .collect();
    let words = ctx.words(&args.output, contract);
    ctx.emit(
        &render::actions::doc(contract, &actions, &words),
        &out,
        &words,
    )?;
    Ok(Outcome::Success)
}
