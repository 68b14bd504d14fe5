//! The command line: clap definitions only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::Date;

pub use crate::output::Format;

const EXIT_CODES: &str = "\
Exit codes:
  0  success (for `check`: no error; for `diff`: with or without changes)
  1  findings: the contract has errors, a code was not found, a file is not
     canonical (`fmt --check`), a change or an imported row was refused
  2  the tool could not run: bad arguments, contract folder missing, git error";

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

    /// Show an entry of the tree, a quartier, an action, a post or a porteur
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

    /// List the actions that match the filters (every status unless --status)
    #[command(after_help = "\
Examples:
  contrat actions --year 2023
  contrat actions --priority 'P 1.2' --quartier QP082002 --format csv")]
    Actions(ActionsArgs),

    /// Which items of the contract the actions serve, with what money
    #[command(after_help = "\
Examples:
  contrat coverage --year 2023
  contrat coverage --by orientation --year 2022..2023 --per-year
  contrat coverage --by funder --year 2023 --format csv

Money counts once, on each action's main priority (the first of `priorities`),
so that the rows of a priority, orientation or pilier report add up to the
total. Only funded and completed actions count unless --status says otherwise.")]
    Coverage(CoverageArgs),

    /// What falls short: uncovered priorities, single porteurs, lost coverage, …
    #[command(after_help = "\
Examples:
  contrat gaps --year 2023
  contrat gaps --year 2023 --check     # exit 1 while a gap remains (for CI)
  contrat gaps --year 2023 --format json | jq '.gaps[] | select(.kind == \"uncovered-priority\")'")]
    Gaps(GapsArgs),

    /// Create a new contract folder that passes `check`, ready to fill in
    #[command(after_help = "\
Examples:
  contrat init contract --territory Mirandelle
  contrat init contract --territory 'Mirandelle Agglomération' --title 'Contrat de ville de Mirandelle' --from 2024 --to 2030")]
    Init(InitArgs),

    /// Print the JSON Schema of contrat.toml or of pilier files, for editors
    #[command(after_help = "\
Examples:
  contrat schema pilier > schema/pilier.schema.json
  contrat schema --out schema        # both files

Start each contract file with a line naming its schema, which taplo and the
Even Better TOML extension read:
  #:schema ../schema/pilier.schema.json")]
    Schema(SchemaArgs),

    /// Print the completion script of a shell
    #[command(after_help = "\
Examples:
  contrat completions bash > ~/.local/share/bash-completion/completions/contrat
  contrat completions zsh > ~/.zfunc/_contrat
  contrat completions fish > ~/.config/fish/completions/contrat.fish")]
    Completions(CompletionsArgs),

    /// Print the man page, or write the pages of the tool and every subcommand
    #[command(after_help = "\
Examples:
  contrat man | man -l -
  contrat man check | man -l -
  contrat man --out /usr/local/share/man/man1")]
    Man(ManArgs),

    /// The yearly report (rapport annuel), or the mid-term evaluation of a period: Markdown, HTML, JSON or DOCX
    #[command(after_help = "\
Examples:
  contrat report --year 2023 > bilan-2023.md
  contrat report --year 2023 -o bilan-2023.html --notes perspectives-2023.md
  contrat report --year 2023 --lang en -o report-2023.md   # charts as SVG files beside it
  contrat report --year 2023 --format json | jq .means
  contrat report --year 2023 -o bilan-2023.docx --council \"Conseil communautaire\" --date 2024-06-27
  contrat report --period 2024..2026 -o mi-parcours.html   # the mid-term evaluation

Figures count the year's funded and completed actions, money on each action's
main priority, as `contrat coverage` does; the State's credits are the funding
of the funder `etat`. The HTML page fetches nothing and prints to PDF (A4) as
a council document: a cover page (--council, --date, --logo), the contents,
a running title and page numbers. The DOCX file (-o FILE.docx) opens in Word
and LibreOffice, with heading styles, tables and the charts as images.

--period FROM..TO, within the contract's period, sets those years side by
side (the mid-term evaluation): each year counted as its yearly report counts
it, the trend from the first year to the last, and, when the contract folder
is in git, what its text changed since the first commit of the period.")]
    Report(ReportArgs),

    /// Export the actions as a tidy table: CSV, XLSX or JSON
    #[command(after_help = "\
Examples:
  contrat export --year 2023 -o actions-2023.xlsx
  contrat export --year 2023 --format csv > actions-2023.csv
  contrat export --funder caf --format json

One row per action and funder (an action without funding has one row). Every
status is listed unless --status narrows it; the XLSX sheets of coverage and
gaps count funded and completed actions, as `contrat coverage` does. A text
cell starting with = + - @, a tab or a carriage return gets a leading ' so
that a spreadsheet shows it and never runs it.")]
    Export(ExportArgs),

    /// Rewrite every file of the contract in canonical form (docs/FORMAT.md)
    #[command(after_help = "\
Examples:
  contrat fmt
  contrat fmt --check      # change nothing; show a diff and exit 1 if a file is not canonical

Comments and the order of entries are kept; a contract that does not parse is
not touched, and its syntax errors are printed as `check` prints them.")]
    Fmt(FmtArgs),

    /// What changed in the contract between two revisions, in the contract's own terms
    #[command(after_help = "\
Examples:
  contrat diff                        # the working tree against HEAD
  contrat diff main                   # the working tree against the branch main
  contrat diff v2023 v2024            # from one revision to another
  contrat diff --against ../old       # another contract folder against this one
  contrat diff main --format md       # ready to paste into a merge request
  contrat diff --textconv contract/1-cohesion-sociale.toml   # for git's textconv driver

Revisions are read with the `git` program. Exits 0 whether or not anything
changed; 1 when a side does not parse; 2 when git cannot read a revision.")]
    Diff(DiffArgs),

    /// Add an entry to the contract's files (for now: an action)
    #[command(
        subcommand,
        after_help = "\
Examples:
  contrat add action --year 2024 --title 'Stages de 3e' --porteur 'Association Rebonds' --priority 1.2.3"
    )]
    Add(AddCommand),

    /// Import a programmation or the State's files (.csv, .xlsx, .ods, .json)
    #[command(after_help = "\
Examples:
  contrat import programmation-2024.xlsx --dry-run      # show what would change
  contrat import programmation-2024.csv --year 2024
  contrat import prog.ods --map 'Montant CAF=caf' --map 'Commentaire=ignore'
  contrat import adulte-relais-2021.json --where code_cv=CV307
  contrat import export-dauphin.csv --year 2023 --map-value 'Statut=Justifiée:completed'

One row per action, headings in the first row, in French or English (Intitulé or
title, Porteur, Priorité, Quartier, Coût total, Statut, …; a funder's identifier
or name for its funding voted; `Demandé ID` for funding requested). The State's
files are recognised by their headings (--profile names one: anct-actions,
gispro, datasubvention, anct-fonjep, anct-adultes-relais), and so are a table
of the quartiers' indicators (quartier-indicators) and what `contrat export`
writes (contrat-export). The README lists every heading. Nothing is written unless every row is valid and the new
contract passes `check`: each bad row is reported with its row number and
column (exit 1). Rows left out (--where), repeated or in conflict are counted
and said.")]
    Import(ImportArgs),

    /// The posts the State funds in the contract: FONJEP and adultes-relais
    #[command(after_help = "\
Examples:
  contrat posts --year 2021
  contrat posts --kind adulte-relais --format csv
  contrat posts --porteur 'montauban services'

One row per post and year, with its employer and the State's amount, and the
total by kind. Posts are no actions: `contrat coverage --by funder` shows them
on the State's row, apart from the actions' funding.")]
    Posts(PostsArgs),
}

#[derive(Debug, Args)]
pub struct PostsArgs {
    /// Years: `2023`, `2022,2023` or `2021..2023`
    #[arg(long, value_name = "YEARS", help_heading = "Filters")]
    pub year: Option<String>,

    /// Kinds of post
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "KIND",
        help_heading = "Filters"
    )]
    pub kind: Vec<PostKindArg>,

    /// An employer: any part of its name, without regard to case or accents
    #[arg(long, value_name = "TEXT", help_heading = "Filters")]
    pub porteur: Vec<String>,

    /// A quartier, by code, name or alias
    #[arg(long, value_name = "QUARTIER", help_heading = "Filters")]
    pub quartier: Vec<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PostKindArg {
    Fonjep,
    AdulteRelais,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (it must not exist, or be empty)
    pub dir: PathBuf,

    /// The contract's name [default: "Contrat de ville de TERRITORY"]
    #[arg(long)]
    pub title: Option<String>,

    /// The city or intercommunality the contract covers
    #[arg(long, value_name = "NAME")]
    pub territory: String,

    /// The first year of the contract
    #[arg(long, default_value_t = 2024)]
    pub from: u16,

    /// The last year of the contract
    #[arg(long, default_value_t = 2030)]
    pub to: u16,

    /// The language of report labels
    #[arg(long, value_enum, default_value_t = Lang::Fr)]
    pub lang: Lang,

    /// The contract's own levels, top first, 1 to 4: `Axe`, or
    /// `Enjeu,Orientation,Objectif` [default: pilier, orientation
    /// stratégique, priorité]
    #[arg(long, value_name = "WORDS", value_delimiter = ',')]
    pub levels: Vec<String>,

    /// What the contract calls its transversal entries, with --levels:
    /// `"Priorité transversale"`
    #[arg(long, value_name = "WORD", requires = "levels")]
    pub transversal: Option<String>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which file's schema to print: `contrat` or `pilier`
    #[arg(value_enum)]
    pub kind: Option<SchemaKind>,

    /// Write both schemas (contrat.schema.json, pilier.schema.json) into this folder
    #[arg(long, value_name = "DIR", conflicts_with = "kind")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// contrat.toml
    Contrat,
    /// A pilier file
    Pilier,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A subcommand whose page to print, such as `check` or `add action` (the
    /// tool's own page when absent)
    #[arg(num_args = 0.., value_name = "COMMAND")]
    pub command: Vec<String>,

    /// Write every page (`contrat.1`, `contrat-check.1`, …) into this folder
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file: .csv (`,` or `;` separated; UTF-8 or Windows-1252), .xlsx, .ods, or .json (an
    /// array of objects, as the ANCT's open data)
    pub file: PathBuf,

    /// The year of the actions, when the file has no year column
    #[arg(long)]
    pub year: Option<u16>,

    /// Read another heading as a field: `--map 'Montant État=etat'`, `--map 'Commentaire=ignore'`
    #[arg(long, value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,

    /// The sheet of a workbook to read [default: the first]
    #[arg(long)]
    pub sheet: Option<String>,

    /// The shape of the file [default: recognised from its headings or keys]
    #[arg(long, value_enum)]
    pub profile: Option<crate::import::Profile>,

    /// Keep only the rows whose column KEY holds VALUE: `--where code_cv=CV307` (a cell
    /// `CV380CV384` or `CV380/CV384` holds both codes); may be repeated
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub wheres: Vec<String>,

    /// Read a value of a column as another: `--map-value 'Statut=Justifiée:completed'`; may be
    /// repeated
    #[arg(long, value_name = "COLUMN=FROM:TO")]
    pub map_value: Vec<String>,

    /// Show what would be added, as a table; write nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub enum AddCommand {
    /// Add one action to the pilier file of its main priority
    #[command(after_help = "\
Examples:
  contrat add action --year 2024 --title 'Stages de 3e' --porteur 'Association Rebonds' \\
      --priority 'P 1.2.3' --quartier QP082002 --cost 12000 --funding etat=6000 --funding ville=3000.50
  contrat add action --id 2024-017 --year 2024 --title … --porteur … --priority 1.2.3 --status proposed

Without --id, the action takes the next free id of its year (`2024-018` after
`2024-017`). The new contract is checked first: if it would not pass `check`,
nothing is written and the findings are printed (exit 1).")]
    Action(AddActionArgs),
}

#[derive(Debug, Args)]
pub struct AddActionArgs {
    /// The action's id [default: the next free id of the year, `YEAR-NNN`]
    #[arg(long)]
    pub id: Option<String>,

    /// The action's title, as the programmation writes it
    #[arg(long)]
    pub title: String,

    /// The organisation that carries the action
    #[arg(long)]
    pub porteur: String,

    /// The year of the programmation (within the contract's period)
    #[arg(long)]
    pub year: u16,

    /// A priority it serves; repeat for several, the first is the main priority
    #[arg(
        long = "priority",
        value_name = "CODE",
        required_unless_present = "theme"
    )]
    pub priorities: Vec<String>,

    /// Its national theme (ANCT nomenclature: `1.1`, `4.1`); with none of
    /// the contract's priorities yet, the action is kept to be linked
    #[arg(long, value_name = "CODE")]
    pub theme: Option<String>,

    /// Its Dauphin dossier number (`DA00012345-1`)
    #[arg(long, value_name = "NUMBER")]
    pub dossier: Option<String>,

    /// The porteur's SIRET, for the registry (14 digits)
    #[arg(long)]
    pub siret: Option<String>,

    /// The porteur's RNA number, for the registry (`W` and 9 digits)
    #[arg(long)]
    pub rna: Option<String>,

    /// A transversal orientation it serves (`OT 1`); may be repeated
    #[arg(long, value_name = "CODE")]
    pub transversal: Vec<String>,

    /// A quartier, by code, name or alias; may be repeated
    #[arg(long, value_name = "QUARTIER")]
    pub quartier: Vec<String>,

    /// A public of the contract's vocabulary; may be repeated
    #[arg(long, value_name = "PUBLIC")]
    pub public: Vec<String>,

    /// Total cost, in euros (`12000`, `3000.50`)
    #[arg(long, value_name = "AMOUNT")]
    pub cost: Option<String>,

    /// Funding voted by a funder: `etat=8000`; may be repeated
    #[arg(long, value_name = "ID=AMOUNT")]
    pub funding: Vec<String>,

    /// Funding requested from a funder: `etat=10000`; may be repeated
    #[arg(long, value_name = "ID=AMOUNT")]
    pub requested: Vec<String>,

    /// The porteur's own funds in the funding plan, in euros
    #[arg(long, value_name = "AMOUNT")]
    pub own_funds: Option<String>,

    /// A partner outside the contract's funders: `NAME=AMOUNT`; may be repeated
    #[arg(long, value_name = "NAME=AMOUNT")]
    pub partner: Vec<String>,

    /// Where the action stands [default: funded]
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,

    /// The id of the earlier action it continues
    #[arg(long, value_name = "ID")]
    pub renews: Option<String>,

    /// A free label; may be repeated
    #[arg(long)]
    pub tag: Vec<String>,

    /// A description of the action
    #[arg(long)]
    pub description: Option<String>,

    /// Beneficiaries planned
    #[arg(long, value_name = "N")]
    pub planned: Option<u64>,

    /// Beneficiaries reached
    #[arg(long, value_name = "N")]
    pub actual: Option<u64>,

    /// Show the action that would be added; write nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Which actions a command looks at. Each option may be repeated (any of the
/// values); different options must all hold.
#[derive(Debug, Args, Default)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Years: `2023`, `2022,2023` or `2021..2023`
    #[arg(long, value_name = "YEARS")]
    pub year: Option<String>,

    /// An entry of the tree at any level, and what lies below it: `'Axe 2'`,
    /// `'O 1.2'`, `'P 1.2.3'`
    #[arg(long = "in", value_name = "CODE")]
    pub within: Vec<String>,

    /// A top-level entry (a pilier), by number or code
    #[arg(long, value_name = "N")]
    pub pilier: Vec<String>,

    /// An entry of the second level (an orientation): `OS 1.2` (or `1.2`)
    #[arg(long, value_name = "CODE")]
    pub orientation: Vec<String>,

    /// An entry of the deepest level (a priority) or a prefix: `P 1.2.3`,
    /// `P 1.2`, `P 1.2.*`
    #[arg(long, value_name = "CODE")]
    pub priority: Vec<String>,

    /// A quartier, by code, name or alias
    #[arg(long, value_name = "QUARTIER")]
    pub quartier: Vec<String>,

    /// A commune, by INSEE code or name (actions in its quartiers)
    #[arg(long, value_name = "COMMUNE")]
    pub commune: Vec<String>,

    /// A porteur: any part of its name, without regard to case or accents
    #[arg(long, value_name = "TEXT")]
    pub porteur: Vec<String>,

    /// A funder, by its identifier in [funders] (actions it funds)
    #[arg(long, value_name = "ID")]
    pub funder: Vec<String>,

    /// A public of the contract's vocabulary
    #[arg(long, value_name = "PUBLIC")]
    pub public: Vec<String>,

    /// A tag
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,

    /// Statuses to count [default for coverage and gaps: funded,completed,closed]
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STATUS")]
    pub status: Vec<StatusArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Proposed,
    Instructing,
    Funded,
    Rejected,
    Cancelled,
    Completed,
    Closed,
}

/// The language of labels and money in tables and Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    Fr,
    En,
}

/// Where and how a command prints: the same options on every command.
#[derive(Debug, Args, Default, Clone)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// Output format [default: from the extension of -o, else the command's own]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Write to FILE instead of standard output; its extension picks the
    /// format. `-` or /dev/stdout is standard output, /dev/null discards; a
    /// symbolic link, named pipe or other device is refused
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Language of words and numbers [default: the contract's `language`]
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,

    /// The columns of the table, by key, in order: `--columns code,title,funding`
    /// (CSV headings are the keys)
    #[arg(long, value_delimiter = ',', value_name = "KEY,…")]
    pub columns: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ActionsArgs {
    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct CoverageArgs {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// What the rows are: a level of the tree (`priority`, `orientation`,
    /// `pilier`, or the keys a contract declares: `objectif`…), `transversal`,
    /// `quartier`, `commune`, `funder`, `public` or `porteur` [default: the
    /// deepest level]
    #[arg(long, value_name = "WHAT")]
    pub by: Option<String>,

    /// One column group per year, with a total
    #[arg(long)]
    pub per_year: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct GapsArgs {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Exit 1 when any gap remains (accepted gaps do not count)
    #[arg(long)]
    pub check: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Treat warnings as errors
    #[arg(long)]
    pub deny_warnings: bool,

    // `table` (as rustc prints its findings), `json`, or `github` (workflow
    // annotations, shown on the changed lines of a pull request).
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A code (`P 1.2.3`, `1.2.3`, `p1.2.3`, `OS 1.2`, `OT 3`, `1` for pilier 1), a quartier
    /// (code, name or alias), an action id (or its dossier or Chorus EJ number), a post
    /// number or a porteur (id, name, alias or SIRET)
    pub code: String,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("when").required(true).args(["year", "period"])))]
pub struct ReportArgs {
    /// The year of the report
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(u16).range(1900..=2200))]
    pub year: Option<u16>,

    /// The years of a mid-term evaluation, `2024..2026`: each year side by side, and the trend
    #[arg(long, value_name = "FROM..TO")]
    pub period: Option<String>,

    // md (the default), html or json; a Markdown report written with -o gets
    // its charts as SVG files beside it.
    #[command(flatten)]
    pub output: OutputArgs,

    /// A Markdown file of the officer's own text: `FILE` adds it as the
    /// report's last section; `SECTION=FILE` places it in a section
    /// (situation, territories, means, renewal, dsu, quartiers, or outlook,
    /// a section of its own); may be repeated
    #[arg(long, value_name = "[SECTION=]FILE")]
    pub notes: Vec<String>,

    /// The officer's commentary on one quartier's situation, in Markdown:
    /// `QUARTIER=FILE` (the quartier by code, name or alias); may be repeated
    #[arg(long, value_name = "QUARTIER=FILE")]
    pub commentary: Vec<String>,

    /// An annex with its title, in Markdown or PDF: `"Avis du conseil
    /// citoyen=avis.pdf"`; may be repeated. A PDF is joined inside the HTML
    /// page and named in the other formats
    #[arg(long, value_name = "TITLE=FILE")]
    pub annex: Vec<String>,

    /// The council the report is presented to, for the cover page:
    /// `--council "Conseil communautaire"`
    #[arg(long, value_name = "NAME")]
    pub council: Option<String>,

    /// The date of that council's meeting, for the cover page: `--date 2024-06-27`
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Date>,

    /// An image for the cover page (PNG, JPEG or SVG, at most 2 MiB), embedded in the file
    #[arg(long, value_name = "FILE")]
    pub logo: Option<PathBuf>,

    /// The page each section starts on, as a first print measured them
    /// (`synthesis=3,orientations=4,…`), for the table of contents; see
    /// examples/council-report.sh
    #[arg(long, value_name = "ID=PAGE,…", value_delimiter = ',', value_parser = parse_page)]
    pub toc_pages: Vec<(String, u32)>,
}

/// `2024-06-27`, strictly (a cover date is typed, not pasted from a
/// spreadsheet); a day the calendar does not have is refused.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let bad = || format!("`{text}` is not a date: write it YYYY-MM-DD, as 2024-06-27");
    let parts: Vec<&str> = text.trim().split('-').collect();
    let [y, m, d] = parts[..] else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let (year, month, day): (u16, u8, u8) = (
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    );
    if !(1..=12).contains(&month) {
        return Err(format!("`{text}` is not a date: there is no month {month}"));
    }
    if !(1900..=2200).contains(&year) {
        return Err(format!("`{text}`: the year is not between 1900 and 2200"));
    }
    Date::new(year, month, day).ok_or_else(|| {
        let days = (28..=31)
            .rev()
            .find(|&d| Date::new(year, month, d).is_some())
            .unwrap_or(31);
        format!("`{text}` is not a date: that month has {days} days")
    })
}

/// `synthesis=3`: a section's id and the page it starts on.
fn parse_page(text: &str) -> Result<(String, u32), String> {
    let (id, page) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not ID=PAGE (as synthesis=3)"))?;
    let page: u32 = page
        .trim()
        .parse()
        .ok()
        .filter(|&p| p > 0)
        .ok_or_else(|| format!("`{text}`: the page is not a number from 1"))?;
    Ok((id.trim().to_owned(), page))
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filters: FilterArgs,

    // csv (the default), xlsx (needs -o) or json.
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Change nothing: print a unified diff of what would change, exit 1 if anything would
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// None: HEAD against the working tree; REV: REV against the working tree;
    /// REV_A REV_B: from REV_A to REV_B
    #[arg(value_name = "REV")]
    pub revs: Vec<String>,

    /// Compare this contract folder (the old side) with the contract, instead of a revision
    #[arg(long, value_name = "DIR", conflicts_with = "revs")]
    pub against: Option<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Print one contract file as one fact per line, for git's `textconv` diff driver
    #[arg(long, value_name = "FILE", conflicts_with_all = ["revs", "against"])]
    pub textconv: Option<PathBuf>,
}
