//! `contrat coverage`: which items the actions serve, with what money.

use anyhow::Result;

use crate::analysis::{self, Dimension};
use crate::cli::CoverageArgs;
use crate::commands::{Context, Outcome, Output, TABLES};
use crate::render;

pub fn run(ctx: &Context, args: &CoverageArgs) -> Result<Outcome> {
    let out = Output::new(&args.output, TABLES);
    let (loaded, words, filter) = ctx.open_filtered(&out, &args.filters)?;
    let contract = &loaded.contract;
    let by = match &args.by {
        Some(text) => Dimension::parse(text, &contract.tree)
            .map_err(|e| anyhow::anyhow!("invalid value `{text}` for --by: {e}"))?,
        None => Dimension::leaf(&contract.tree),
    };
    let report = analysis::coverage(contract, &filter, by, args.per_year);
    ctx.emit(&render::coverage::doc(&report, &words), &out, &words)?;
    Ok(Outcome::Success)
}
