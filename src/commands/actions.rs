//! `contrat actions`: the actions that match the filters.

use anyhow::Result;

use crate::analysis;
use crate::cli::ActionsArgs;
use crate::commands::{Context, Outcome, Output, TABLES};
use crate::render;

pub fn run(ctx: &Context, args: &ActionsArgs) -> Result<Outcome> {
    let out = Output::new(&args.output, TABLES);
    let (loaded, words, filter) = ctx.open_filtered(&out, &args.filters)?;
    let contract = &loaded.contract;
    // A listing shows rejected and cancelled actions too, unless --status narrows it.
    let actions = analysis::listed(contract, &filter);
    ctx.emit(
        &render::actions::doc(contract, &actions, &words),
        &out,
        &words,
    )?;
    Ok(Outcome::Success)
}
