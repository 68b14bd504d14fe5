//! `contrat report`: the yearly report, or with `--period` the mid-term
//! evaluation ([`super::midterm`]), in Markdown, HTML, JSON or DOCX.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

use crate::analysis;
use crate::cli::ReportArgs;
use crate::commands::{Context, Outcome, Output, year_in_period};
use crate::input;
use crate::output::{Format, Image, ImageKind, chart_file};
use crate::render;
use crate::write;

pub fn run(ctx: &Context, args: &ReportArgs) -> Result<Outcome> {
    // Arguments first: a usage error should not wait for the contract.
    let out = Output {
        args: &args.output,
        formats: &[Format::Md, Format::Html, Format::Json, Format::Docx],
    };
    let format = out.format()?;
    let period = args
        .period
        .as_deref()
        .map(super::midterm::parse)
        .transpose()?;
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
    let logo = match &args.logo {
        Some(path) => Some(logo(path)?),
        None => None,
    };
    let (loaded, words) = ctx.open(&out)?;
    let contract = &loaded.contract;
    let mut doc = match (args.year, period, args.period.as_deref()) {
        (_, Some(period), Some(text)) => super::midterm::doc(
            &ctx.contract_dir,
            contract,
            text,
            period,
            &words,
            notes.as_deref(),
        )?,
        (Some(year), _, _) => {
            year_in_period(contract, year, "--year")?;
            let report = analysis::report(contract, year);
            render::report::doc(&report, &words, notes.as_deref())
        }
        // clap asks for one of --year and --period.
        _ => bail!("give --year YEAR or --period FROM..TO"),
    };
    let ids: Vec<&str> = doc
        .sections
        .iter()
        .chain(&doc.annexes)
        .map(|s| s.id)
        .collect();
    if let Some((id, _)) = args
        .toc_pages
        .iter()
        .find(|(id, _)| !ids.contains(&id.as_str()))
    {
        bail!(
            "invalid value `{id}` for --toc-pages: the report has no such section; its sections are {}",
            ids.join(", ")
        );
    }
    let date = args.date.map(|d| words.date(d.year, d.month, d.day));
    render::report::present(
        &mut doc,
        &words,
        args.council
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty()),
        date.as_deref(),
        logo,
        args.toc_pages.clone(),
    );
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

/// The logo of the cover page: a PNG, JPEG or SVG file, known by its bytes.
fn logo(path: &Path) -> Result<Image> {
    let bytes = input::read_bounded(path, input::LOGO_LIMIT, "the logo")?;
    match ImageKind::sniff(&bytes) {
        Some(kind) => Ok(Image { kind, bytes }),
        None => bail!(
            "invalid value `{}` for --logo: it is not a PNG, JPEG or SVG image; convert the logo to one of those",
            path.display()
        ),
    }
}

/// A file in the same folder as `path`.
fn beside(path: &Path, name: &str) -> PathBuf {
    match path.parent() {
        Some(folder) => folder.join(name),
        None => PathBuf::from(name),
    }
}
