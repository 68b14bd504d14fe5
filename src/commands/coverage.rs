//! `contrat coverage`: which items the actions serve, with what money.

use anyhow::Result;

use crate::analysis::{self, Dimension};
use crate::cli::{ByArg, CoverageArgs, TableFormat};
use crate::commands::{Context, Outcome, filter, language, print};
use crate::render;

pub fn run(ctx: &Context, args: &CoverageArgs) -> Result<Outcome> {
    let loaded = match ctx.load_clean()? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
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
    };
    let report = analysis::coverage(contract, &filter, by, args.per_year);
    let lang = language(args.lang, contract);
    let text = match args.format {
        TableFormat::Table => render::table::text(
            &render::coverage::grid(&report, lang, &contract.meta.labels),
            ctx.table_style(),
        ),
        TableFormat::Md => render::table::markdown(&render::coverage::grid(
            &report,
            lang,
            &contract.meta.labels,
        )),
        TableFormat::Csv => render::table::csv(&render::coverage::csv_grid(&report)),
        TableFormat::Json => render::coverage::json(&report),
    };
    print(&text)?;
    Ok(Outcome::Success)
}
