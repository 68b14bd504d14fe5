//! `contrat coverage`: which items the actions serve, with what money.

use anyhow::Result;

use crate::analysis::{self, Dimension};
use crate::cli::{ByArg, CoverageArgs};
use crate::commands::{Context, Outcome, Output, TABLES, filter};
use crate::render;

pub fn run(ctx: &Context, args: &CoverageArgs) -> Result<Outcome> {
    let out = Output::new(&args.output, TABLES);
    let (loaded, words) = ctx.open(&out)?;
    let contract = &loaded.contract;
    let filter = filter(&args.filters, contract)?;
    let by = match args.by {
        ByArg::Priority => Dimension::Priority,
        ByArg::Orientation => Dimension::Orientation,
        ByArg::Pilier => Dimension::Pilier,
        ByArg::Transversal => Dimension::Transversal,
        ByArg::Quartier => Dimension::Quartier,
        ByArg::Funder => Dimension::Funder,
        ByArg::Public => Dimension::Public,
        ByArg::Porteur => Dimension::Porteur,
        ByArg::Theme => Dimension::Theme,
    };
    let report = analysis::coverage(contract, &filter, by, args.per_year);
    ctx.emit(&render::coverage::doc(&report, &words), &out, &words)?;
    Ok(Outcome::Success)
}
