//! `contrat export`: the actions as a tidy table, in CSV, XLSX or JSON.

use anyhow::Result;

use crate::analysis::{self, Dimension};
use crate::cli::ExportArgs;
use crate::commands::{Context, Outcome, Output};
use crate::output::Format;
use crate::render;

pub fn run(ctx: &Context, args: &ExportArgs) -> Result<Outcome> {
    let out = Output {
        args: &args.output,
        formats: &[Format::Csv, Format::Xlsx, Format::Json],
    };
    let format = out.format()?;
    let (loaded, words, filter) = ctx.open_filtered(&out, &args.filters)?;
    let contract = &loaded.contract;
    // A listing shows rejected and cancelled actions too, unless --status narrows it.
    let actions = analysis::listed(contract, &filter);
    let mut doc = render::export::doc(contract, &actions);
    if format == Format::Xlsx {
        // Coverage and gaps count as their own commands do (funded and
        // completed unless --status says otherwise).
        let coverage =
            analysis::coverage(contract, &filter, Dimension::leaf(&contract.tree), false);
        let gaps = analysis::gaps(contract, &filter);
        doc.data.push(render::coverage::data(&coverage));
        doc.data.push(render::gaps::data(&gaps, &words));
    }
    ctx.emit(&doc, &out, &words)?;
    Ok(Outcome::Success)
}
