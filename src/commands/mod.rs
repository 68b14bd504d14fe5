//! One file per subcommand: load → analysis → render → print.

mod actions;
mod add;
mod check;
mod completions;
mod coverage;
mod diff;
mod export;
mod fmt;
mod gaps;
mod import;
mod init;
mod list;
mod man;
mod report;
mod schema;
mod show;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::analysis::{Filter, FilterSpec, Years};
use crate::check::Options;
use crate::cli::{AddCommand, Cli, ColorChoice, Command, FilterArgs, Lang, StatusArg};
use crate::load::{self, Loaded};
use crate::model::{Contract, Language, Status};
use crate::render;
use crate::render::table::Style;
use crate::write::Lock;

/// How a command ended, when it could run at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: the contract has errors, or what was asked for does not exist.
    Findings,
}

/// What every command needs to know about its surroundings.
pub struct Context {
    pub contract_dir: PathBuf,
    /// Colour on standard output.
    pub color: bool,
    /// Colour on standard error.
    pub color_err: bool,
    /// Whether standard output is a terminal, to fit tables to its width.
    pub terminal: bool,
}

impl Context {
    pub fn new(cli: &Cli) -> Context {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let wants = |terminal: bool| match cli.global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && !no_color,
        };
        let terminal = std::io::stdout().is_terminal();
        Context {
            contract_dir: cli.global.contract.clone(),
            color: wants(terminal),
            color_err: wants(std::io::stderr().is_terminal()),
            terminal,
        }
    }

    pub fn table_style(&self) -> Style {
        Style {
            fit: self.terminal,
            color: self.color,
        }
    }

    /// Loads and checks the contract. With errors, prints them on standard error
    /// and gives `Err(Outcome::Findings)`: only a clean contract is queried.
    pub fn load_clean(&self) -> Result<std::result::Result<Loaded, Outcome>> {
        let mut loaded = load::load(&self.contract_dir)?;
        crate::check::run(&mut loaded, Options::default());
        if !loaded.diagnostics.has_errors() {
            return Ok(Ok(loaded));
        }
        let errors: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .cloned()
            .collect();
        let mut text = render::diagnostics::human(&errors, &loaded.sources, self.color_err);
        text.push_str(&format!(
            "error: the contract in `{}` has {} error{}; `contrat check` lists every finding\n",
            self.contract_dir.display(),
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        ));
        eprint(&text)?;
        Ok(Err(Outcome::Findings))
    }
}

/// Locks the contract for a command that changes it (the contract is read
/// after, under the lock), saying on standard error which files of an
/// interrupted earlier write it finished.
pub fn lock(ctx: &Context, command: &str) -> Result<Lock> {
    let lock = Lock::take(&ctx.contract_dir, command)?;
    if !lock.recovered.is_empty() {
        let files: Vec<String> = lock
            .recovered
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        eprint(&format!(
            "note: finished writing {}, left half done by an interrupted command\n",
            files.join(", ")
        ))?;
    }
    Ok(lock)
}

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> Result<Outcome> {
    let ctx = Context::new(&cli);
    match &cli.command {
        Command::Check(args) => check::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::List(args) => list::run(&ctx, args),
        Command::Actions(args) => actions::run(&ctx, args),
        Command::Coverage(args) => coverage::run(&ctx, args),
        Command::Gaps(args) => gaps::run(&ctx, args),
        Command::Init(args) => init::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Export(args) => export::run(&ctx, args),
        Command::Fmt(args) => fmt::run(&ctx, args),
        Command::Diff(args) => diff::run(&ctx, args),
        Command::Add(AddCommand::Action(args)) => add::action(&ctx, args),
        Command::Import(args) => import::run(&ctx, args),
    }
}

/// The filters of the command line, checked against the contract. A value that
/// designates nothing is a usage error (exit 2), with the nearest that exists.
pub fn filter(args: &FilterArgs, contract: &Contract) -> Result<Filter> {
    let years = match &args.year {
        Some(text) => Some(
            Years::parse(text)
                .map_err(|e| anyhow::anyhow!("invalid value `{text}` for --year: {e}"))?,
        ),
        None => None,
    };
    let spec = FilterSpec {
        years,
        piliers: args.pilier.clone(),
        orientations: args.orientation.clone(),
        priorities: args.priority.clone(),
        quartiers: args.quartier.clone(),
        porteurs: args.porteur.clone(),
        funders: args.funder.clone(),
        publics: args.public.clone(),
        tags: args.tag.clone(),
        statuses: args
            .status
            .iter()
            .map(|s| match s {
                StatusArg::Proposed => Status::Proposed,
                StatusArg::Funded => Status::Funded,
                StatusArg::Rejected => Status::Rejected,
                StatusArg::Cancelled => Status::Cancelled,
                StatusArg::Completed => Status::Completed,
            })
            .collect(),
    };
    Ok(spec.resolve(contract)?)
}

/// The language asked for, or the contract's.
pub fn language(lang: Option<Lang>, contract: &Contract) -> Language {
    match lang {
        Some(Lang::Fr) => Language::Fr,
        Some(Lang::En) => Language::En,
        None => contract.meta.language,
    }
}

/// The format of an output: the one asked for, else the one the extension of
/// `-o FILE` names, else `default`. A `--format` that contradicts the
/// extension is a usage error (exit 2), as is an extension of no known format.
pub fn output_format<F: Copy + PartialEq>(
    asked: Option<F>,
    output: Option<&Path>,
    extensions: &[(&str, F)],
    default: F,
) -> Result<F> {
    let by_extension = match output {
        None => None,
        Some(path) if crate::write::is_stream(path) => None,
        Some(path) => {
            let extension = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let found = extensions
                .iter()
                .find(|(e, _)| *e == extension)
                .map(|&(_, f)| f);
            if found.is_none() && asked.is_none() {
                let known: Vec<String> = extensions.iter().map(|(e, _)| format!(".{e}")).collect();
                anyhow::bail!(
                    "cannot tell the format of `{}` from its extension: name a file {} or give --format",
                    path.display(),
                    known.join(", ")
                );
            }
            found
        }
    };
    match (asked, by_extension) {
        (Some(asked), Some(named)) if asked != named => anyhow::bail!(
            "--format contradicts the extension of `{}`: drop --format or change the file name",
            output
                .map(Path::display)
                .map(|d| d.to_string())
                .unwrap_or_default()
        ),
        (Some(asked), _) => Ok(asked),
        (None, Some(named)) => Ok(named),
        (None, None) => Ok(default),
    }
}

/// Writes to standard output. A closed pipe surfaces as an `io::Error` of kind
/// `BrokenPipe`, which `main` treats as a normal end.
pub fn print(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

pub fn eprint(text: &str) -> std::io::Result<()> {
    let mut err = std::io::stderr().lock();
    err.write_all(text.as_bytes())?;
    err.flush()
}
