//! `contrat gaps`: where the programmation falls short of the contract.

use anyhow::Result;

use crate::analysis;
use crate::cli::{GapsArgs, TableFormat};
use crate::commands::{Context, Outcome, filter, language, print};
use crate::render;
use crate::render::labels::Label;

pub fn run(ctx: &Context, args: &GapsArgs) -> Result<Outcome> {
    let loaded = match ctx.load_clean()? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
    let contract = &loaded.contract;
    let filter = filter(&args.filters, contract)?;
    let report = analysis::gaps(contract, &filter);
    let lang = language(args.lang, contract);
    let text = match args.format {
        TableFormat::Table | TableFormat::Md => {
            let table = |grid| match args.format {
                TableFormat::Md => render::table::markdown(&grid),
                _ => render::table::text(&grid, ctx.table_style()),
            };
            let mut text = String::new();
            if report.gaps.is_empty() {
                text.push_str(Label::NoGap.text(lang));
                text.push('\n');
            } else {
                text.push_str(&table(render::gaps::grid(&report, lang)));
            }
            if !report.accepted.is_empty() {
                let heading = Label::AcceptedGaps.text(lang);
                if args.format == TableFormat::Md {
                    text.push_str(&format!("\n## {heading}\n\n"));
                } else {
                    text.push_str(&format!("\n{heading}\n"));
                }
                text.push_str(&table(render::gaps::accepted_grid(&report, lang)));
            }
            if args.format == TableFormat::Table {
                text.push_str(&render::gaps::summary(&report, lang));
            }
            text
        }
        TableFormat::Csv => render::table::csv(&render::gaps::csv_grid(&report)),
        TableFormat::Json => render::gaps::json(&report),
    };
    print(&text)?;
    Ok(if args.check && !report.gaps.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
