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
use crate::render::report::{Additions, Annex, AnnexContent, MAX_ANNEXES, NOTE_SECTIONS};
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
    let mut additions = Additions::default();
    for value in &args.notes {
        match value.split_once('=') {
            Some((section, file)) if NOTE_SECTIONS.contains(&section) => {
                let id = NOTE_SECTIONS.iter().find(|s| **s == section).copied();
                additions.sections.push((
                    id.unwrap_or("outlook"),
                    markdown(Path::new(file), "--notes")?,
                ));
            }
            Some((section, _)) if !Path::new(value).exists() => bail!(
                "invalid value `{value}` for --notes: `{section}` is not a section of the report; the sections are {}",
                NOTE_SECTIONS.join(", ")
            ),
            _ => {
                if additions.notes.is_some() {
                    bail!(
                        "--notes FILE is given twice: name the section of the second with SECTION=FILE"
                    );
                }
                additions.notes = Some(markdown(Path::new(value), "--notes")?);
            }
        }
    }
    let commentary: Vec<(String, String)> = args
        .commentary
        .iter()
        .map(|value| {
            let (quartier, file) = value.split_once('=').ok_or_else(|| {
                anyhow!("invalid value `{value}` for --commentary: write QUARTIER=FILE")
            })?;
            Ok((
                quartier.to_owned(),
                markdown(Path::new(file), "--commentary")?,
            ))
        })
        .collect::<Result<_>>()?;
    if args.annex.len() > MAX_ANNEXES {
        bail!(
            "--annex is given {} times: a report has {MAX_ANNEXES} annexes at most",
            args.annex.len()
        );
    }
    for value in &args.annex {
        let (title, file) = value
            .split_once('=')
            .filter(|(t, _)| !t.trim().is_empty())
            .ok_or_else(|| anyhow!("invalid value `{value}` for --annex: write TITLE=FILE, such as \"Avis du conseil citoyen=avis.pdf\""))?;
        additions
            .annexes
            .push(annex(title.trim(), Path::new(file))?);
    }
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
            additions.notes.as_deref(),
        )?,
        (Some(year), _, _) => {
            year_in_period(contract, year, "--year")?;
            let report = analysis::report(contract, year);
            for (quartier, text) in commentary {
                let found = contract.find_quartier(&quartier).ok_or_else(|| {
                    anyhow!(
                        "invalid value `{quartier}` for --commentary: the contract has no such quartier\nhelp: {}",
                        contract.quartier_help(&quartier)
                    )
                })?;
                additions.commentary.push((found.key().to_owned(), text));
            }
            render::report::doc(&report, &words, &additions)
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
    let date = args.date.map(|d| words.date(d));
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
            let file = beside(path, &chart_file(&stem, &chart.slug));
            write::output(&file, chart.svg(true, words.lang).as_bytes())?;
        }
    }
    ctx.emit(&doc, &out, &words)?;
    Ok(Outcome::Success)
}

/// A Markdown file of the officer's, bounded and UTF-8.
fn markdown(path: &Path, option: &str) -> Result<String> {
    let bytes = input::read_bounded(path, input::NOTES_LIMIT, "the notes")?;
    String::from_utf8(bytes).map_err(|_| {
        anyhow!(
            "cannot read `{}` for {option}: it is not UTF-8 text; save it as UTF-8",
            path.display()
        )
    })
}

/// An annex: a PDF (known by its bytes) joined as it is, or Markdown text.
fn annex(title: &str, path: &Path) -> Result<Annex> {
    let bytes = input::read_bounded(path, input::ANNEX_LIMIT, "the annex")?;
    let content = if bytes.starts_with(b"%PDF-") {
        AnnexContent::Pdf {
            file: path.file_name().map_or_else(
                || "annexe.pdf".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            ),
            bytes,
        }
    } else {
        AnnexContent::Markdown(String::from_utf8(bytes).map_err(|_| {
            anyhow!(
                "invalid value `{}` for --annex: it is neither a PDF nor UTF-8 Markdown text",
                path.display()
            )
        })?)
    };
    Ok(Annex {
        title: title.to_owned(),
        content,
    })
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
