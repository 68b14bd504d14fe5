//! `contrat check`: every finding about the contract, in one run.

use anyhow::Result;

use crate::check::{self, Options, Summary};
use crate::cli::CheckArgs;
use crate::commands::{Context, Outcome, Output};
use crate::load;
use crate::output::{Format, escape};
use crate::render::diagnostics;

pub fn run(ctx: &Context, args: &CheckArgs) -> Result<Outcome> {
    let out = Output {
        args: &args.output,
        formats: &[Format::Table, Format::Json, Format::Github],
    };
    let format = out.format()?;
    let mut loaded = load::load(&ctx.contract_dir)?;
    check::run(
        &mut loaded,
        Options {
            deny_warnings: args.deny_warnings,
        },
    );
    let summary = Summary::of(&loaded);
    let findings = loaded.diagnostics.as_slice();
    let text = match format {
        Format::Json => diagnostics::json(findings, &loaded.sources, summary),
        Format::Github => {
            let mut text = diagnostics::github(findings, &loaded.sources);
            // The summary goes to the log too, as a notice.
            text.push_str(&format!(
                "::notice title=contrat check::{}\n",
                escape::github(&diagnostics::summary_line(&summary), false)
            ));
            text
        }
        _ => {
            let mut text =
                diagnostics::human(findings, &loaded.sources, ctx.color && out.file().is_none());
            text.push_str(&diagnostics::summary_line(&summary));
            text.push('\n');
            escape::no_workflow_commands(&text).into_owned()
        }
    };
    ctx.write(&out, text.as_bytes())?;
    Ok(if summary.errors > 0 {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
