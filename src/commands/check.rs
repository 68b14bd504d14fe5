//! `contrat check`: every finding about the contract, in one run.

use anyhow::Result;

use crate::check::{self, Options, Summary};
use crate::cli::{CheckArgs, CheckFormat};
use crate::commands::{Context, Outcome, print};
use crate::load;
use crate::render::diagnostics;

pub fn run(ctx: &Context, args: &CheckArgs) -> Result<Outcome> {
    let mut loaded = load::load(&ctx.contract_dir)?;
    check::run(
        &mut loaded,
        Options {
            deny_warnings: args.deny_warnings,
        },
    );
    let summary = Summary::of(&loaded);
    let findings = loaded.diagnostics.as_slice();
    let text = match args.format {
        CheckFormat::Human => {
            let mut text = diagnostics::human(findings, &loaded.sources, ctx.color);
            text.push_str(&diagnostics::summary_line(&summary));
            text.push('\n');
            text
        }
        CheckFormat::Json => diagnostics::json(findings, &loaded.sources, summary),
        CheckFormat::Github => {
            let mut text = diagnostics::github(findings, &loaded.sources);
            // The summary goes to the log too, as a notice.
            text.push_str(&format!(
                "::notice title=contrat check::{}\n",
                diagnostics::summary_line(&summary).replace('\n', "%0A")
            ));
            text
        }
    };
    print(&text)?;
    Ok(if summary.errors > 0 {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
