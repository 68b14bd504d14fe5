//! `contrat gaps`: where the programmation falls short of the contract.

use anyhow::Result;

use crate::analysis;
use crate::cli::GapsArgs;
use crate::commands::{Context, Outcome, Output, TABLES, filter};
use crate::render;

pub fn run(ctx: &Context, args: &GapsArgs) -> Result<Outcome> {
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
    let report = analysis::gaps(contract, &filter);
    let words = ctx.words(&args.output, contract);
    ctx.emit(&render::gaps::doc(&report, &words), &out, &words)?;
    Ok(if args.check && !report.gaps.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
