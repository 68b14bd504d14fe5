//! `contrat report`: the yearly report, in Markdown, HTML or JSON.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

use crate::analysis;
use crate::cli::{ReportArgs, ReportFormat};
use crate::commands::{Context, Outcome, language, output_format, print};
use crate::input;
use crate::render::report::{self, html, json, markdown};
use crate::write;

pub fn run(ctx: &Context, args: &ReportArgs) -> Result<Outcome> {
    // Arguments first: a usage error should not wait for the contract.
    let format = output_format(
        args.format,
        args.output.as_deref(),
        &[
            ("md", ReportFormat::Md),
            ("markdown", ReportFormat::Md),
            ("html", ReportFormat::Html),
            ("htm", ReportFormat::Html),
            ("json", ReportFormat::Json),
        ],
        ReportFormat::Md,
    )?;
    let notes = match &args.notes {
        Some(path) => {
            let bytes = input::read_bounded(path, input::NOTES_LIMIT, "the notes")?;
            Some(String::from_utf8(bytes).map_err(|_| {
                anyhow!(
                    "cannot read the notes `{}`: they are not UTF-8 text; save them as UTF-8",
                    path.display()
                )
            })?)
        }
        None => None,
    };
    let loaded = match ctx.load_clean()? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
    let contract = &loaded.contract;
    if let Some(period) = &contract.meta.period
        && !period.contains(args.year)
    {
        bail!(
            "invalid value `{}` for --year: the contract runs from {} to {}",
            args.year,
            period.from,
            period.to
        );
    }
    let report = analysis::report(contract, args.year);
    let lang = language(args.lang, contract);
    let notes = notes.as_deref();

    let text = match format {
        ReportFormat::Json => json::render(&report, notes),
        ReportFormat::Html => html::render(&report::document(&report, lang, notes)),
        ReportFormat::Md => {
            let doc = report::document(&report, lang, notes);
            match &args.output {
                // A stream (`-o -`, `/dev/null`) has no folder for charts.
                Some(path) if !write::is_stream(path) => {
                    let stem = path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "report".to_owned());
                    // The charts first, so that the report never links a
                    // file not yet written.
                    for chart in report::charts(&doc) {
                        let file = beside(path, &markdown::chart_file(&stem, chart.slug));
                        write::output(&file, chart.svg(true, lang).as_bytes())?;
                    }
                    markdown::render(&doc, Some(&stem))
                }
                _ => markdown::render(&doc, None),
            }
        }
    };
    match &args.output {
        Some(path) => write::output(path, text.as_bytes())?,
        None => print(&text)?,
    }
    Ok(Outcome::Success)
}

/// A file in the same folder as `path`.
fn beside(path: &Path, name: &str) -> PathBuf {
    match path.parent() {
        Some(folder) => folder.join(name),
        None => PathBuf::from(name),
    }
}
