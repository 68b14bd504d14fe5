//! `contrat list`: the tree of piliers, orientations and priorities.

use anyhow::Result;

use crate::cli::ListArgs;
use crate::commands::{Context, Outcome, Output};
use crate::output::Format;
use crate::render;

pub fn run(ctx: &Context, args: &ListArgs) -> Result<Outcome> {
    let out = Output {
        args: &args.output,
        formats: &[
            Format::Table,
            Format::Md,
            Format::Csv,
            Format::Json,
            Format::Html,
            Format::Xlsx,
        ],
    };
    out.format()?;
    let loaded = match ctx.load_clean()? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
    let contract = &loaded.contract;
    let words = ctx.words(&args.output, contract);
    ctx.emit(&render::list::doc(contract, &words), &out, &words)?;
    Ok(Outcome::Success)
}
