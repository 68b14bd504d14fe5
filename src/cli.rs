//! The command line: clap definitions only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (for `check`: no error)
  1  findings: the contract has errors, or a code was not found
  2  the tool could not run: bad arguments, contract folder missing";

/// Keep a contrat de ville in plain TOML: check it, query it, report on it.
#[derive(Debug, Parser)]
#[command(name = "contrat", version, about, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The contract folder (holds contrat.toml and one file per pilier)
    #[arg(
        long,
        global = true,
        env = "CONTRAT_DIR",
        default_value = "contract",
        value_name = "DIR"
    )]
    pub contract: PathBuf,

    /// When to colour the output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the contract files and report every finding
    #[command(after_help = "\
Examples:
  contrat check
  contrat --contract examples/montauban-2023 check --format json")]
    Check(CheckArgs),

    /// Show a pilier, orientation, priority, transversal orientation, quartier or action
    #[command(after_help = "\
Examples:
  contrat show 'P 1.2.3'
  contrat show os1.4
  contrat show QP082001")]
    Show(ShowArgs),

    /// List the contract's tree: piliers, orientations, priorities
    #[command(after_help = "\
Examples:
  contrat list
  contrat list --format csv > priorities.csv")]
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format of the findings
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Treat warnings as errors
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// As rustc prints its diagnostics
    Human,
    /// One JSON document
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A code (`P 1.2.3`, `1.2.3`, `p1.2.3`, `OS 1.2`, `OT 3`, `1` for pilier 1), a quartier
    /// (code, name or alias) or an action id
    pub code: String,

    #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

/// The formats of listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// A table sized to the terminal
    Table,
    /// Comma-separated values, one header row
    Csv,
    /// One JSON document
    Json,
    /// A Markdown table
    Md,
}
