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
mod midterm;
mod posts;
mod report;
mod schema;
mod show;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::analysis::{Filter, FilterSpec, Years};
use crate::check::Options;
use crate::cli::{AddCommand, Cli, ColorChoice, Command, FilterArgs, Lang, OutputArgs, StatusArg};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::load::{self, Loaded};
use crate::model::{Contract, Language, Status};
use crate::output::{self, Doc, Emit, Format, Words, escape};
use crate::render;
use crate::write::{self, Lock};

/// How a command ended, when it could run at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: the contract has errors, or what was asked for does not exist.
    Findings,
}

/// A command stopped on findings it printed (the contract's errors, a row
/// refused): it ends with exit code 1, not as an error of its own.
#[derive(Debug, thiserror::Error)]
#[error("stopped on the findings printed above")]
pub struct Refused;

/// What every command needs to know about its surroundings.
pub struct Context {
    pub contract_dir: PathBuf,
    /// Colour on standard output.
    pub color: bool,
    /// Colour on standard error.
    pub color_err: bool,
    /// The width to fit tables to: the terminal's, or `COLUMNS` when the
    /// output is piped; `None` (lines as long as their content) otherwise.
    pub width: Option<usize>,
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
        let columns = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&c| c > 0);
        let width = if terminal {
            terminal_size::terminal_size()
                .map(|(w, _)| usize::from(w.0))
                .or(columns)
        } else {
            columns
        };
        Context {
            contract_dir: cli.global.contract.clone(),
            color: wants(terminal),
            color_err: wants(std::io::stderr().is_terminal()),
            width,
        }
    }

    /// Loads and checks the contract. With errors, prints them on standard error
    /// and gives `Err(Outcome::Findings)`: only a clean contract is queried.
    pub fn load_clean(&self) -> Result<Loaded> {
        let mut loaded = load::load(&self.contract_dir)?;
        crate::check::run(&mut loaded, Options::default());
        let is_error = |d: &Diagnostic| d.severity == Severity::Error;
        let refused = self.print_findings(&loaded, is_error, |n| {
            format!(
                "error: the contract in `{}` has {n} error{}; `contrat check` lists every finding\n",
                self.contract_dir.display(),
                if n == 1 { "" } else { "s" }
            )
        })?;
        if refused {
            return Err(Refused.into());
        }
        Ok(loaded)
    }

    /// Stops with [`Refused`] when some file of `loaded` does not parse or
    /// cannot be read, printing those findings and then `what` (which says
    /// what was not done): the other findings are `check`'s business.
    pub fn refuse_unparsed(&self, loaded: &Loaded, what: &str) -> Result<()> {
        let broken = |d: &Diagnostic| matches!(d.rule, Rule::Syntax | Rule::UnreadableFile);
        if self.print_findings(loaded, broken, |_| format!("error: {what}\n"))? {
            return Err(Refused.into());
        }
        Ok(())
    }

    /// Prints on standard error the findings of `loaded` that `keep`
    /// selects, then the line `closing` writes from their number, which
    /// says what was not done. Whether there were any.
    pub(crate) fn print_findings(
        &self,
        loaded: &Loaded,
        keep: impl Fn(&Diagnostic) -> bool,
        closing: impl FnOnce(usize) -> String,
    ) -> Result<bool> {
        let found: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| keep(d))
            .cloned()
            .collect();
        if found.is_empty() {
            return Ok(false);
        }
        let mut text = render::diagnostics::human(&found, &loaded.sources, self.color_err);
        text.push_str(&closing(found.len()));
        eprint(&text)?;
        Ok(true)
    }

    /// Checks the output's arguments, then loads the contract clean, with
    /// the words of its output: what a command that only reads does first.
    pub fn open(&self, out: &Output<'_>) -> Result<(Loaded, Words)> {
        out.format()?;
        let loaded = self.load_clean()?;
        let words = self.words(out.args, &loaded.contract);
        Ok((loaded, words))
    }

    /// [`Context::open`], then the selection the filter flags make: what a
    /// command that reads some of the actions does first.
    pub fn open_filtered(
        &self,
        out: &Output<'_>,
        filters: &FilterArgs,
    ) -> Result<(Loaded, Words, Filter)> {
        let (loaded, words) = self.open(out)?;
        let filter = filter(filters, &loaded.contract)?;
        Ok((loaded, words, filter))
    }
}

/// The formats of every command that prints tables.
pub const TABLES: &[Format] = &[
    Format::Table,
    Format::Md,
    Format::Csv,
    Format::Json,
    Format::Html,
    Format::Xlsx,
];

/// A year a command names must lie within the contract's period: a year
/// outside it has no actions by construction, and an answer of zeros would
/// only hide the slip.
pub fn year_in_period(contract: &Contract, year: u16, flag: &str) -> Result<()> {
    if let Some(period) = &contract.meta.period
        && !period.contains(year)
    {
        anyhow::bail!(
            "invalid value `{year}` for {flag}: the contract runs from {} to {}",
            period.from,
            period.to
        );
    }
    Ok(())
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
    match dispatch(&cli) {
        Err(e) if e.is::<Refused>() => Ok(Outcome::Findings),
        other => other,
    }
}

fn dispatch(cli: &Cli) -> Result<Outcome> {
    let ctx = Context::new(cli);
    match &cli.command {
        Command::Check(args) => check::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::List(args) => list::run(&ctx, args),
        Command::Actions(args) => actions::run(&ctx, args),
        Command::Coverage(args) => coverage::run(&ctx, args),
        Command::Gaps(args) => gaps::run(&ctx, args),
        Command::Init(args) => init::run(args),
        Command::Schema(args) => schema::run(&ctx, args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Export(args) => export::run(&ctx, args),
        Command::Fmt(args) => fmt::run(&ctx, args),
        Command::Diff(args) => diff::run(&ctx, args),
        Command::Add(AddCommand::Action(args)) => add::action(&ctx, args),
        Command::Import(args) => import::run(&ctx, args),
        Command::Posts(args) => posts::run(&ctx, args),
    }
}

/// The filters of the command line, checked against the contract. A value that
/// designates nothing is a usage error (exit 2), with the nearest that exists.
pub fn filter(args: &FilterArgs, contract: &Contract) -> Result<Filter> {
    let years = match &args.year {
        Some(text) => {
            let years = Years::parse(text)
                .map_err(|e| anyhow::anyhow!("invalid value `{text}` for --year: {e}"))?;
            if let Some(period) = &contract.meta.period
                && years.iter().any(|y| !period.contains(y))
            {
                anyhow::bail!(
                    "invalid value `{text}` for --year: the contract runs from {} to {}",
                    period.from,
                    period.to
                );
            }
            Some(years)
        }
        None => None,
    };
    let spec = FilterSpec {
        years,
        piliers: args.pilier.clone(),
        orientations: args.orientation.clone(),
        priorities: args.priority.clone(),
        within: args.within.clone(),
        quartiers: args.quartier.clone(),
        communes: args.commune.clone(),
        porteurs: args.porteur.clone(),
        funders: args.funder.clone(),
        publics: args.public.clone(),
        tags: args.tag.clone(),
        statuses: args.status.iter().map(|&s| status(s)).collect(),
    };
    Ok(spec.resolve(contract)?)
}

/// The status a `--status` value names, for filters and for `add action`.
fn status(s: StatusArg) -> Status {
    match s {
        StatusArg::Proposed => Status::Proposed,
        StatusArg::Instructing => Status::Instructing,
        StatusArg::Funded => Status::Funded,
        StatusArg::Rejected => Status::Rejected,
        StatusArg::Cancelled => Status::Cancelled,
        StatusArg::Completed => Status::Completed,
        StatusArg::Closed => Status::Closed,
    }
}

/// The language asked for, or the contract's.
pub fn language(lang: Option<Lang>, contract: &Contract) -> Language {
    match lang {
        Some(Lang::Fr) => Language::Fr,
        Some(Lang::En) => Language::En,
        None => contract.meta.language,
    }
}

/// Lays out nothing, decides nothing: resolves where and how a document is
/// written, then writes it through the one output pipeline.
pub struct Output<'a> {
    pub args: &'a OutputArgs,
    /// The formats the command can write, the first being its default.
    pub formats: &'a [Format],
}

impl<'a> Output<'a> {
    pub fn new(args: &'a OutputArgs, formats: &'a [Format]) -> Output<'a> {
        Output { args, formats }
    }

    /// The format asked for, else the one the extension of `-o FILE` names,
    /// else the command's default. A `--format` that contradicts the
    /// extension, or a format the command cannot write, is a usage error.
    pub fn format(&self) -> Result<Format> {
        let names = || {
            self.formats
                .iter()
                .map(|f| f.name())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let by_extension = match self.file() {
            None => None,
            Some(path) => {
                let extension = path
                    .extension()
                    .map(|e| e.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let found = Format::from_extension(&extension);
                if found.is_none() && self.args.format.is_none() {
                    anyhow::bail!(
                        "cannot tell the format of `{}` from its extension: name a file ending in .{} or give --format",
                        path.display(),
                        self.formats
                            .iter()
                            .filter(|f| **f != Format::Table)
                            .map(|f| f.name())
                            .collect::<Vec<_>>()
                            .join(", .")
                    );
                }
                found
            }
        };
        let format = match (self.args.format, by_extension) {
            (Some(asked), Some(named)) if asked != named => anyhow::bail!(
                "--format {} contradicts the extension of `{}`: drop --format or change the file name",
                asked.name(),
                self.file()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            ),
            (Some(asked), _) => asked,
            (None, Some(named)) => named,
            (None, None) => self.formats[0],
        };
        if !self.formats.contains(&format) {
            anyhow::bail!(
                "this command does not write {}: its formats are {}",
                format.name(),
                names()
            );
        }
        if format == Format::Xlsx && self.file().is_none() {
            anyhow::bail!("an XLSX workbook is written to a file: give -o FILE.xlsx");
        }
        if format == Format::Docx && self.file().is_none() {
            anyhow::bail!("a DOCX document is written to a file: give -o FILE.docx");
        }
        Ok(format)
    }

    /// The file named by `-o`, unless it names a stream (`-`,
    /// `/dev/stdout`, `/dev/null`): a stream has no extension to read a
    /// format from and no folder for chart files.
    pub fn file(&self) -> Option<&Path> {
        self.args.output.as_deref().filter(|p| !write::is_stream(p))
    }
}

impl Context {
    /// The words of an output: the language asked for, or the contract's.
    pub fn words(&self, args: &OutputArgs, contract: &Contract) -> Words {
        Words::new(language(args.lang, contract), &contract.tree)
    }

    /// Writes a document: to `-o FILE` (atomically), or to standard output,
    /// fitted to the terminal for a person. What the medium could not hold
    /// is said on standard error.
    pub fn emit(&self, doc: &Doc, out: &Output<'_>, words: &Words) -> Result<()> {
        let format = out.format()?;
        let mut doc = doc.clone();
        if !out.args.columns.is_empty() {
            doc.select_columns(&out.args.columns)
                .map_err(|e| anyhow::anyhow!("invalid value for --columns: {e}"))?;
        }
        let file = out.file();
        let how = Emit {
            format,
            lang: words.lang,
            width: if file.is_none() && format == Format::Table {
                self.width
            } else {
                None
            },
            color: file.is_none() && self.color,
            chart_stem: file
                .and_then(|p| p.file_stem())
                .map(|s| s.to_string_lossy().into_owned()),
        };
        let emitted = output::emit(&doc, &how)?;
        self.write(out, &emitted.bytes)?;
        for warning in &emitted.warnings {
            eprint(&format!("warning: {}\n", escape::terminal(warning, true)))?;
        }
        Ok(())
    }

    /// Writes bytes already laid out to `-o FILE` (atomically; a stream as
    /// it is) or to standard output.
    pub fn write(&self, out: &Output<'_>, bytes: &[u8]) -> Result<()> {
        match &out.args.output {
            Some(path) => write::output(path, bytes)?,
            None => {
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(bytes)?;
                stdout.flush()?;
            }
        }
        Ok(())
    }
}

/// Writes to standard output. A closed pipe surfaces as an `io::Error` of kind
/// `BrokenPipe`, which `main` treats as a normal end.
pub fn print(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Writes to standard error, which is only ever read by a person (or a CI
/// log): no line may pass for a workflow command.
pub fn eprint(text: &str) -> std::io::Result<()> {
    let mut err = std::io::stderr().lock();
    err.write_all(escape::no_workflow_commands(text).as_bytes())?;
    err.flush()
}
