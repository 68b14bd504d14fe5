//! `contrat export`: the actions as a tidy table, in CSV, XLSX or JSON.

use anyhow::{Result, bail};

use crate::analysis::{self, Dimension, EVERY_STATUS};
use crate::cli::{ExportArgs, ExportFormat};
use crate::commands::{Context, Outcome, filter, output_format, print};
use crate::model::Action;
use crate::render::{export, xlsx};
use crate::write;

pub fn run(ctx: &Context, args: &ExportArgs) -> Result<Outcome> {
    let format = output_format(
        args.format,
        args.output.as_deref(),
        &[
            ("csv", ExportFormat::Csv),
            ("xlsx", ExportFormat::Xlsx),
            ("json", ExportFormat::Json),
        ],
        ExportFormat::Csv,
    )?;
    if format == ExportFormat::Xlsx && args.output.is_none() {
        bail!("an XLSX workbook is written to a file: give -o FILE.xlsx");
    }
    let loaded = match ctx.load_clean()? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
    let contract = &loaded.contract;
    let filter = filter(&args.filters, contract)?;
    // Like `contrat actions`, every status unless --status narrows it.
    let actions: Vec<&Action> = contract
        .actions
        .iter()
        .filter(|a| filter.matches(contract, a, &EVERY_STATUS))
        .collect();
    let rows = export::rows(contract, &actions);
    let bytes = match format {
        ExportFormat::Csv => export::csv(&rows).into_bytes(),
        ExportFormat::Json => export::json(&rows).into_bytes(),
        ExportFormat::Xlsx => {
            // Coverage and gaps count as their own commands do (funded and
            // completed unless --status says otherwise).
            let coverage = analysis::coverage(contract, &filter, Dimension::Priority, false);
            let gaps = analysis::gaps(contract, &filter);
            xlsx::workbook(&rows, &coverage, &gaps)?
        }
    };
    match &args.output {
        Some(path) => write::output(path, &bytes)?,
        None => print(&String::from_utf8_lossy(&bytes))?,
    }
    Ok(Outcome::Success)
}
