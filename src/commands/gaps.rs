//! `contrat gaps`: where the programmation falls short of the contract.

use anyhow::Result;

use crate::analysis;
use crate::cli::GapsArgs;
use crate::commands::{Context, Outcome, Output, TABLES};
use crate::render;

pub fn run(ctx: &Context, args: &GapsArgs) -> Result<Outcome> {
    let out = Output::new(&args.output, TABLES);
    let (loaded, words, filter) = ctx.open_filtered(&out, &args.filters)?;
    let contract = &loaded.contract;
    let report = analysis::gaps(contract, &filter);
    ctx.emit(&render::gaps::doc(&report, &words), &out, &words)?;
    Ok(if args.check && !report.gaps.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
