//! `contrat list`: the tree of piliers, orientations and priorities.

use anyhow::Result;

use crate::cli::ListArgs;
use crate::commands::{Context, Outcome, Output, TABLES};
use crate::render;

pub fn run(ctx: &Context, args: &ListArgs) -> Result<Outcome> {
    let out = Output::new(&args.output, TABLES);
    let (loaded, words) = ctx.open(&out)?;
    let contract = &loaded.contract;
    ctx.emit(&render::list::doc(contract, &words), &out, &words)?;
    Ok(Outcome::Success)
}
