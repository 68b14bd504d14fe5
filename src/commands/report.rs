//! `contrat report`: the yearly report, in Markdown, HTML or JSON.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};

use crate::analysis;
use crate::cli::ReportArgs;
use crate::commands::{Context, Outcome, Output, year_in_period};
use crate::input;
use crate::output::{Format, chart_file};
use crate::render;
use crate::write;

pub fn run(ctx: &Context, args: &ReportArgs) -> Result<Outcome> {
    // Arguments first: a usage error should not wait for the contract.
    let out = Output {
        args: &args.output,
        formats: &[Format::Md, Format::Html, Format::Json],
    };
    let format = out.format()?;
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
    let (loaded, words) = ctx.open(&out)?;
    let contract = &loaded.contract;
    year_in_period(contract, args.year, "--year")?;
    let report = analysis::report(contract, args.year);
    let doc = render::report::doc(&report, &words, notes.as_deref());
    if format == Format::Md
        && let Some(path) = out.file()
    {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "report".to_owned());
        // The charts first, so that the report never links a file not yet
        // written.
        for chart in doc.charts() {
            let file = beside(path, &chart_file(&stem, chart.slug));
            write::output(&file, chart.svg(true, words.lang).as_bytes())?;
        }
    }
    ctx.emit(&doc, &out, &words)?;
    Ok(Outcome::Success)
}

/// A file in the same folder as `path`.
fn beside(path: &Path, name: &str) -> PathBuf {
    match path.parent() {
        Some(folder) => folder.join(name),
        None => PathBuf::from(name),
    }
}
