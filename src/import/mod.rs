//! A year's programmation from a spreadsheet or a national file: headings in
//! French or English (or those of a known file, [`profile`]) mapped to the
//! fields of an action or a post, one per row, and every bad row reported
//! with its row number, its column and the reason, all in one run. Nothing
//! here writes or prints.

pub mod indicators;
pub mod plan;
pub mod profile;
pub mod sheet;

use std::collections::HashMap;
use std::fmt;

use crate::edit::insert::NewAction;
use crate::ids;
use crate::model::{
    Action, Code, CodeKind, Contract, Date, MAX_EUROS, Money, MoneyError, Status, Tree,
};
use crate::suggest;
pub use profile::{Entries, MapValue, Messy, Profile, Records, Where};
pub use sheet::{Cell, Sheet, SheetError};

/// Where a column's values go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Id,
    Title,
    Porteur,
    Year,
    Priorities,
    Transversal,
    Quartiers,
    Publics,
    Cost,
    Status,
    Description,
    Renews,
    Tags,
    Planned,
    Actual,
    /// Funding voted by a funder, by its id.
    Funding(String),
    /// Funding requested from a funder, by its id.
    Requested(String),
    /// Funding paid by a funder, by its id.
    Paid(String),
    /// The porteur's own funds.
    OwnFunds,
    /// A partner outside the contract's funders, by name.
    Partner(String),
    /// A Dauphin dossier number (`DA00012345-1`).
    Dossier,
    /// A Chorus engagement juridique.
    ChorusEj,
    /// The porteur's SIRET.
    Siret,
    /// The porteur's RNA number.
    Rna,
    /// The national theme (ANCT nomenclature).
    Theme,
    /// The national sub-theme.
    SubTheme,
    /// A date of the grant's life.
    Date(DateKind),
    /// A post's number (FONJEP, adultes-relais).
    Post,
    /// A post's yearly amount.
    PostAmount,
    /// The funder the row's amounts are from (`contrat export`'s rows).
    RowFunder,
    /// The amount the row's funder was asked.
    RowRequested,
    /// The amount the row's funder voted.
    RowVoted,
    /// A column to leave out (`--map "Commentaire=ignore"`).
    Ignore,
}

/// The dates of a grant's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateKind {
    /// The request was filed.
    Filed,
    /// The funding was voted.
    Voted,
    /// The (last) payment.
    Paid,
    /// The bilan (the porteur's account of the action) was received.
    Bilan,
}

/// The field names `--map COLUMN=FIELD` accepts, and the built-in headings
/// (folded: lower case, no accents, single spaces) of each.
const FIELDS: &[(&str, Target, &[&str])] = &[
    ("id", Target::Id, &["id", "identifiant", "identifier"]),
    (
        "title",
        Target::Title,
        &[
            "title",
            "intitule",
            "titre",
            "libelle",
            "intitule de l'action",
        ],
    ),
    (
        "porteur",
        Target::Porteur,
        &["porteur", "porteur de projet"],
    ),
    ("year", Target::Year, &["year", "annee", "exercice"]),
    (
        "priorities",
        Target::Priorities,
        &["priorities", "priority", "priorite", "priorites"],
    ),
    (
        "transversal",
        Target::Transversal,
        &[
            "transversal",
            "transversale",
            "transversales",
            "orientation transversale",
            "orientations transversales",
        ],
    ),
    (
        "quartiers",
        Target::Quartiers,
        &["quartiers", "quartier", "qpv"],
    ),
    (
        "publics",
        Target::Publics,
        &["publics", "public", "public cible", "publics cibles"],
    ),
    (
        "cost",
        Target::Cost,
        &["cost", "cout", "cout total", "total cost"],
    ),
    ("status", Target::Status, &["status", "statut"]),
    ("description", Target::Description, &["description"]),
    ("renews", Target::Renews, &["renews", "renouvelle"]),
    (
        "tags",
        Target::Tags,
        &["tags", "tag", "etiquettes", "mots cles"],
    ),
    (
        "planned",
        Target::Planned,
        &["planned", "beneficiaires prevus", "beneficiaries planned"],
    ),
    (
        "actual",
        Target::Actual,
        &[
            "actual",
            "beneficiaires touches",
            "beneficiaires realises",
            "beneficiaries actual",
        ],
    ),
    (
        "own_funds",
        Target::OwnFunds,
        &[
            "own funds",
            "fonds propres",
            "autofinancement",
            "apport du porteur",
        ],
    ),
    (
        "dossier",
        Target::Dossier,
        &[
            "dossier",
            "numero de dossier",
            "code dossier",
            "dossier dauphin",
        ],
    ),
    (
        "chorus_ej",
        Target::ChorusEj,
        &["chorus ej", "ej chorus", "ej", "engagement juridique"],
    ),
    ("siret", Target::Siret, &["siret", "code siret", "n siret"]),
    ("rna", Target::Rna, &["rna", "numero rna"]),
    ("theme", Target::Theme, &["theme", "theme national"]),
    (
        "sub_theme",
        Target::SubTheme,
        &["sous theme", "sous themes", "sub theme"],
    ),
    (
        "date_filed",
        Target::Date(DateKind::Filed),
        &["date de depot", "depose le", "date filed"],
    ),
    (
        "date_voted",
        Target::Date(DateKind::Voted),
        &["date du vote", "date de vote", "vote le", "date voted"],
    ),
    (
        "date_paid",
        Target::Date(DateKind::Paid),
        &[
            "date de paiement",
            "date du paiement",
            "date du dernier paiement",
            "paye le",
            "date paid",
        ],
    ),
    (
        "date_bilan",
        Target::Date(DateKind::Bilan),
        &["date du bilan", "bilan recu le", "date bilan"],
    ),
    (
        "post",
        Target::Post,
        &["poste", "numero de poste", "numero du poste"],
    ),
    ("post_amount", Target::PostAmount, &[]),
    ("funder", Target::RowFunder, &[]),
    ("requested", Target::RowRequested, &[]),
    ("voted", Target::RowVoted, &[]),
    ("ignore", Target::Ignore, &[]),
];

/// A heading or a name as it is compared.
fn fold(text: &str) -> String {
    crate::fold::words(text)
}

/// How to read the file, besides its headings.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The year of rows without one (`--year`).
    pub year: Option<u16>,
    /// Other headings: `(COLUMN, FIELD)` pairs from `--map COLUMN=FIELD`.
    pub maps: Vec<(String, String)>,
    /// The file's shape (`--profile`); recognised from its headings when
    /// `None`.
    pub profile: Option<Profile>,
    /// `--where KEY=VALUE`: only the rows whose column holds the value.
    pub wheres: Vec<Where>,
    /// `--map-value COLUMN=FROM:TO`: values read as others.
    pub map_values: Vec<MapValue>,
}

impl Options {
    /// The field `--map` gives a heading.
    pub fn mapped(&self, heading: &str) -> Option<&str> {
        let heading = fold(heading);
        self.maps
            .iter()
            .find(|(column, _)| fold(column) == heading)
            .map(|(_, field)| field.as_str())
    }
}

/// A bad cell or row, placed as the spreadsheet shows it (heading = row 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    /// The heading of the column, as written.
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(f, "row {}, column \"{column}\": {}", self.row, self.message),
            None => write!(f, "row {}: {}", self.row, self.message),
        }
    }
}

/// A sheet as every reader starts from it: its heading row, its headings as
/// text, and the rows below them.
pub struct Table<'s> {
    pub heading_row: usize,
    pub headings: Vec<String>,
    rows: Vec<&'s (usize, Vec<Cell>)>,
}

impl<'s> Table<'s> {
    pub fn new(sheet: &'s Sheet) -> Result<Table<'s>, Vec<RowError>> {
        let (heading_row, headings, rows) = sheet.headed()?;
        Ok(Table {
            heading_row,
            headings: headings.iter().map(Cell::text).collect(),
            rows: rows.collect(),
        })
    }

    /// The column of each `--where` condition ([`profile::where_columns`]).
    pub fn wheres<'o>(
        &self,
        options: &'o Options,
        messy: &mut Messy,
        errors: &mut Vec<RowError>,
    ) -> Vec<(usize, &'o Where)> {
        profile::where_columns(
            self.heading_row,
            &self.headings,
            &options.wheres,
            messy,
            errors,
        )
    }

    /// An error for each required field no column gives, as `(field, a
    /// heading for it, whether a column gives it)`, then for the year when
    /// the rows need one that no column and no `--year` gives.
    pub fn missing_columns<'a>(
        &self,
        required: impl IntoIterator<Item = (&'a str, &'a str, bool)>,
        no_year: bool,
        errors: &mut Vec<RowError>,
    ) {
        for (field, heading, given) in required {
            if !given {
                errors.push(RowError {
                    row: self.heading_row,
                    column: None,
                    message: format!(
                        "no column for `{field}` (a heading such as \"{heading}\" or \"{field}\")"
                    ),
                });
            }
        }
        if no_year {
            errors.push(RowError {
                row: self.heading_row,
                column: None,
                message: "no year: add a column \"Année\" (year) or pass --year".to_owned(),
            });
        }
    }

    /// The rows to read, with their numbers: those `--where` keeps, as
    /// `--map-value` reads them ([`profile::select`]), each once. A row
    /// that repeats another as a person reads it (a JSON object lacking a
    /// key and one holding `null` read alike, as do trailing empty cells)
    /// is counted in `messy`.
    pub fn rows(
        &self,
        options: &Options,
        wheres: &[(usize, &Where)],
        messy: &mut Messy,
    ) -> Vec<(usize, Vec<Cell>)> {
        let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
        let mut out = Vec::new();
        for (row, cells) in &self.rows {
            let Some(cells) = profile::select(
                *row,
                cells,
                &self.headings,
                &options.map_values,
                wheres,
                messy,
            ) else {
                continue;
            };
            let mut signature: Vec<String> = cells.iter().map(Cell::text).collect();
            while signature.last().is_some_and(String::is_empty) {
                signature.pop();
            }
            if let Some(&first) = seen.get(&signature) {
                messy.repeats.push((*row, first));
                continue;
            }
            seen.insert(signature, *row);
            out.push((*row, cells));
        }
        out
    }
}

/// An action read from a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub row: usize,
    pub action: NewAction,
    /// What the row says besides the action's own fields.
    pub extra: Extra,
}

/// What a row may say besides an action's fields of the format: the
/// porteur's identifiers, the grant's identifiers, dates and theme, a post.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extra {
    pub siret: Option<String>,
    pub rna: Option<String>,
    pub post: Option<String>,
    pub post_amount: Option<Money>,
}

/// Every row of a sheet read: the records, the profile they were read
/// with, and the messy rows met on the way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    pub profile: Option<Profile>,
    /// Each row read, with whether it gave the action's id.
    pub records: Vec<(Imported, bool)>,
    pub messy: Messy,
}

/// Whether a row says exactly what an action of the contract says: every
/// field an import can write, and the id when the row gives one. Until rows
/// carry a dossier number to match on, this is how a re-run is recognised.
pub(crate) fn same(new: &NewAction, id_given: bool, old: &Action, old_porteur: &str) -> bool {
    fn sorted(mut list: Vec<(String, Money)>) -> Vec<(String, Money)> {
        list.sort();
        list
    }
    let amounts = |list: &[crate::model::Amount]| {
        sorted(
            list.iter()
                .map(|a| (a.funder.value.clone(), a.amount.value))
                .collect(),
        )
    };
    let codes =
        |list: &[crate::model::Located<Code>]| list.iter().map(|c| c.value).collect::<Vec<_>>();
    let texts = |list: &[crate::model::Located<String>]| {
        list.iter().map(|t| t.value.clone()).collect::<Vec<_>>()
    };
    (!id_given || new.id == old.id.value)
        && new.year == old.year.value
        && new.title == old.title.value
        && new.porteur == old_porteur
        && new.priorities == codes(&old.serves)
        && new.transversal == codes(&old.transversal)
        && new.quartiers == texts(&old.quartiers)
        && new.publics == texts(&old.publics)
        && new.cost == old.cost.as_ref().map(|c| c.value)
        && sorted(new.funding.clone()) == amounts(&old.funding)
        && sorted(new.requested.clone()) == amounts(&old.requested)
        && new.planned == old.beneficiaries.planned
        && new.actual == old.beneficiaries.actual
        && new.status.unwrap_or(Status::Funded) == old.status
        && new.description == old.description
        && new.renews.as_deref() == old.renews.as_ref().map(|r| r.value.as_str())
        && new.tags == old.tags
        && new.dossier.as_deref() == old.grant.dossier.as_ref().map(|d| d.as_str())
        && new.chorus_ej.as_deref() == old.grant.chorus_ej.as_ref().map(|d| d.as_str())
        && sorted(new.paid.clone()) == amounts(&old.grant.paid)
        && new.dates == old.grant.dates
        && new.until == old.grant.until.as_ref().map(|u| u.value)
        && new.own_funds == old.grant.own_funds.as_ref().map(|m| m.value)
        && new.theme == old.grant.theme.as_ref().map(|t| t.value)
        && sorted(new.partners.clone()) == amounts(&old.grant.partners)
}

/// The funder a heading names, by id or display name.
fn funder(contract: &Contract, name: &str) -> Option<String> {
    let name = fold(name);
    contract
        .funders
        .iter()
        .find(|f| fold(&f.id) == name || fold(&f.name) == name)
        .map(|f| f.id.value.clone())
}

/// A field name of `--map`: `title`, `funding:etat`, `requested:etat`, `ignore`,
/// or a funder's id.
fn map_target(contract: &Contract, field: &str) -> Result<Target, String> {
    let folded = fold(field);
    if let Some((_, target, _)) = FIELDS.iter().find(|(name, ..)| fold(name) == folded) {
        return Ok(target.clone());
    }
    for (prefix, make) in [
        ("funding:", Target::Funding as fn(String) -> Target),
        ("requested:", Target::Requested),
        ("paid:", Target::Paid),
    ] {
        if let Some(rest) = field.trim().strip_prefix(prefix) {
            return funder(contract, rest)
                .map(make)
                .ok_or_else(|| format!("`{rest}` is not a funder of the contract"));
        }
    }
    if let Some(name) = field.trim().strip_prefix("partner:") {
        return if name.trim().is_empty() {
            Err("`partner:` needs the partner's name: `partner:Mécénat`".to_owned())
        } else {
            Ok(Target::Partner(name.trim().to_owned()))
        };
    }
    if let Some(id) = funder(contract, field) {
        return Ok(Target::Funding(id));
    }
    let names: Vec<&str> = FIELDS.iter().map(|(name, ..)| *name).collect();
    Err(format!(
        "`{field}` is not a field; use one of {}, funding:ID, requested:ID, paid:ID or partner:NAME",
        names.join(", ")
    ))
}

/// Where a heading's values go, or why it is not understood. With a
/// profile, the profile's headings come first, and a heading it does not
/// know is left out (`Ok(None)`): a national export grows columns.
fn target(
    contract: &Contract,
    heading: &str,
    options: &Options,
    profile: Option<Profile>,
) -> Result<Option<Target>, String> {
    if let Some(field) = options.mapped(heading) {
        return map_target(contract, field).map(Some);
    }
    if let Some(profile) = profile {
        return match profile.field(heading) {
            Some(field) => map_target(contract, field).map(Some),
            None => Ok(None),
        };
    }
    generic_target(contract, heading).map(Some)
}

/// Where a heading of the city's own spreadsheet goes.
fn generic_target(contract: &Contract, heading: &str) -> Result<Target, String> {
    let folded = fold(heading);
    if let Some((_, target, _)) = FIELDS
        .iter()
        .find(|(_, _, headings)| headings.contains(&folded.as_str()))
    {
        return Ok(target.clone());
    }
    for prefix in ["requested:", "requested ", "demande ", "montant demande "] {
        if let Some(rest) = folded.strip_prefix(prefix)
            && let Some(id) = funder(contract, rest)
        {
            return Ok(Target::Requested(id));
        }
    }
    for prefix in ["paid:", "paid ", "verse ", "montant verse ", "paye "] {
        if let Some(rest) = folded.strip_prefix(prefix)
            && let Some(id) = funder(contract, rest)
        {
            return Ok(Target::Paid(id));
        }
    }
    if let Some(rest) = folded.strip_prefix("funding:")
        && let Some(id) = funder(contract, rest)
    {
        return Ok(Target::Funding(id));
    }
    if let Some(id) = funder(contract, heading) {
        return Ok(Target::Funding(id));
    }
    let mut candidates: Vec<&str> = FIELDS
        .iter()
        .flat_map(|(_, _, headings)| headings.iter().copied())
        .collect();
    let funders: Vec<String> = contract
        .funders
        .iter()
        .map(|f| f.id.value.clone())
        .collect();
    candidates.extend(funders.iter().map(String::as_str));
    let hint = suggest::nearest(&folded, candidates)
        .map(|n| format!("did you mean \"{n}\"? "))
        .unwrap_or_default();
    Err(format!(
        "unknown heading; {hint}name its field with --map \"{heading}=FIELD\", or leave the column out with --map \"{heading}=ignore\""
    ))
}

/// Splits a list cell: `a, b; c`, `a / b`.
fn items(text: &str) -> Vec<String> {
    text.split([',', ';', '\n', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Codes of some levels in a cell: separated by `,`, `;`, `/` or spaces
/// (`P 1.2.3 1.2.4`), in loose forms (`1.2.3`, `p1.2.3`, `objectif 5.1`).
fn codes(text: &str, kinds: &[CodeKind], tree: &Tree) -> Result<Vec<Code>, String> {
    let mut out = Vec::new();
    for part in text.split([',', ';', '/', '\n']) {
        let mut pending = String::new();
        for token in part.split_whitespace() {
            let code = if pending.is_empty() {
                tree.read_as(token, kinds).ok()
            } else {
                None
            };
            let code = match code {
                Some(code) => code,
                // A prefix alone (`P`, `OT`, `Objectif`) belongs to the
                // number after it.
                None if token.chars().all(char::is_alphabetic) => {
                    pending = format!("{pending}{token} ");
                    continue;
                }
                None => {
                    let written = format!("{pending}{token}");
                    pending.clear();
                    tree.read_as(&written, kinds)
                        .map_err(|e| format!("`{written}`: {e}"))?
                }
            };
            if !out.contains(&code) {
                out.push(code);
            }
        }
        if !pending.trim().is_empty() {
            let written = pending.trim();
            let code = tree
                .read_as(written, kinds)
                .map_err(|e| format!("`{written}`: {e}"))?;
            if !out.contains(&code) {
                out.push(code);
            }
        }
    }
    Ok(out)
}

/// An amount in a cell: a number, or text as people write it (`8 000,50 €`).
fn money(cell: &Cell) -> Result<Money, String> {
    let reason = |e: MoneyError| e.to_string();
    match cell {
        Cell::Int(n) if *n < 0 => Err(reason(MoneyError::Negative)),
        Cell::Int(n) if *n > MAX_EUROS => Err(reason(MoneyError::TooLarge)),
        Cell::Int(n) => Ok(Money::from_euros(*n)),
        // The shortest decimal that reads back as the same float: what the
        // spreadsheet shows, without float arithmetic on the amount.
        Cell::Float(f) if f.is_finite() => Money::parse_decimal(&f.to_string()).map_err(reason),
        Cell::Float(_) => Err("not a number".to_owned()),
        Cell::Text(t) => Money::parse_loose(t).ok_or_else(|| {
            format!(
                "`{}` is not an amount of euros (write 8000 or 8 000,50 €)",
                t.trim()
            )
        }),
        Cell::Empty => Ok(Money::ZERO),
    }
}

/// A whole number in a cell.
fn integer(cell: &Cell) -> Option<i64> {
    match cell {
        Cell::Int(n) => Some(*n),
        Cell::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(*f as i64),
        Cell::Text(t) => t
            .trim()
            .replace([' ', '\u{a0}', '\u{202f}'], "")
            .parse()
            .ok(),
        _ => None,
    }
}

/// A status as the contract reads it: its own `[statuses]`, then the
/// stages in English or French, then Dauphin's labels.
fn contract_status(contract: &Contract, text: &str) -> Option<Status> {
    let key = crate::fold::key(text);
    contract
        .meta
        .statuses
        .iter()
        .find(|(label, _)| crate::fold::key(label) == key)
        .map(|(_, s)| *s)
        .or_else(|| status(text))
        .or_else(|| crate::model::grant::dauphin_status(text, &[]))
}

/// A status in English or French.
fn status(text: &str) -> Option<Status> {
    Some(match fold(text).as_str() {
        "proposed" | "propose" | "proposee" | "depose" | "deposee" | "en attente" => {
            Status::Proposed
        }
        "funded" | "finance" | "financee" | "vote" | "votee" | "accorde" | "accordee" => {
            Status::Funded
        }
        "rejected" | "refuse" | "refusee" | "rejete" | "rejetee" => Status::Rejected,
        "cancelled" | "canceled" | "annule" | "annulee" => Status::Cancelled,
        "instructing" | "en instruction" | "instruction" => Status::Instructing,
        "closed" | "cloture" | "cloturee" => Status::Closed,
        "completed" | "realise" | "realisee" | "termine" | "terminee" | "solde" | "soldee" => {
            Status::Completed
        }
        _ => return None,
    })
}

/// The rows of a sheet read as `entries`, with the headings of `profile`,
/// or every bad row and cell. `--where` and `--map-value` apply first; a
/// row that repeats another exactly is read once; each is counted in
/// [`Messy`] ([`Table::rows`]).
pub fn read(
    table: &Table,
    contract: &Contract,
    options: &Options,
    profile: Option<Profile>,
    entries: Entries,
) -> Result<Reading, Vec<RowError>> {
    let mut errors = Vec::new();
    let nameable: Vec<CodeKind> = contract.tree.nameable().map(|(k, _)| k).collect();
    let mut messy = Messy::default();
    let (heading_row, texts) = (table.heading_row, &table.headings);

    // Columns: where each goes (`None`: left out, its heading is `ignore`
    // or was reported). A column without a heading must be empty.
    let mut columns: Vec<Option<(String, Target)>> = Vec::new();
    let mut blank: Vec<bool> = Vec::new();
    for heading in texts {
        blank.push(heading.is_empty());
        if heading.is_empty() {
            columns.push(None);
            continue;
        }
        match target(contract, heading, options, profile) {
            Ok(Some(Target::Ignore)) => columns.push(None),
            Ok(None) => {
                messy.ignored_columns.push(heading.clone());
                columns.push(None);
            }
            Ok(Some(t)) => {
                let same = columns.iter().flatten().find(|(_, x)| *x == t);
                // A profile names one field under several spellings of a
                // heading (Gispro's code dossier): only one may be there.
                if let Some((first, _)) = same {
                    errors.push(RowError {
                        row: heading_row,
                        column: Some(heading.clone()),
                        message: format!("the same field as column \"{first}\""),
                    });
                }
                columns.push(Some((heading.clone(), t)));
            }
            // A column `--where` reads needs no field of its own.
            Err(_) if options.wheres.iter().any(|w| fold(&w.key) == fold(heading)) => {
                columns.push(None);
            }
            Err(message) => {
                errors.push(RowError {
                    row: heading_row,
                    column: Some(heading.clone()),
                    message,
                });
                columns.push(None);
            }
        }
    }
    let wheres = table.wheres(options, &mut messy, &mut errors);
    let has = |t: &Target| columns.iter().flatten().any(|(_, x)| x == t);
    // Rows are read even with a bad heading, so that one run reports every
    // problem; without a required column they could only all be wrong.
    let bad_headings = errors.len();
    let required: &[(&str, Target, &str)] = match entries {
        // A national file gives a theme, not a priority: its actions are
        // kept to be linked.
        Entries::Actions if has(&Target::Theme) || has(&Target::SubTheme) => &[
            ("title", Target::Title, "Intitulé"),
            ("porteur", Target::Porteur, "Porteur"),
        ],
        Entries::Actions => &[
            ("title", Target::Title, "Intitulé"),
            ("porteur", Target::Porteur, "Porteur"),
            ("priorities", Target::Priorities, "Priorité"),
        ],
        Entries::Posts(_) => &[
            ("post", Target::Post, "id_poste"),
            ("porteur", Target::Porteur, "raison_sociale"),
        ],
        Entries::Updates => &[("dossier", Target::Dossier, "Action - Code dossier")],
    };
    table.missing_columns(
        required
            .iter()
            .map(|(field, target, heading)| (*field, *heading, has(target))),
        entries != Entries::Updates && !has(&Target::Year) && options.year.is_none(),
        &mut errors,
    );
    if errors.len() > bad_headings {
        return Err(errors);
    }

    let existing: HashMap<&str, ()> = contract
        .actions
        .iter()
        .map(|a| (a.id.as_str(), ()))
        .collect();
    let mut given_ids: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<(Imported, bool)> = Vec::new();
    let exported = profile == Some(Profile::ContratExport);
    for (row, cells) in table.rows(options, &wheres, &mut messy) {
        let mut action = NewAction::default();
        let (mut row_funder, mut row_requested, mut row_voted) = (None, None, None);
        let mut extra = Extra::default();
        let mut year = None;
        let mut id_given = false;
        for (i, cell) in cells.iter().enumerate() {
            let Some(Some((heading, target))) = columns.get(i) else {
                if !cell.is_empty() && blank.get(i).is_none_or(|b| *b) {
                    errors.push(RowError {
                        row,
                        column: None,
                        message: format!("column {} holds a value but has no heading", i + 1),
                    });
                }
                continue;
            };
            if cell.is_empty() {
                continue;
            }
            // An export guarded its formula-like texts: read them as they were.
            let unguarded;
            let cell = match cell {
                Cell::Text(t) if exported => {
                    unguarded = Cell::Text(crate::output::escape::unspreadsheet(t).to_owned());
                    &unguarded
                }
                other => other,
            };
            let mut fail = |message: String| {
                errors.push(RowError {
                    row,
                    column: Some(heading.clone()),
                    message,
                });
            };
            let text = cell.text();
            match target {
                // An export's rows of one action follow each other; its id
                // is the contract's when it comes from it (matched in the
                // plan, to update the action).
                Target::Id if exported && out.last().is_some_and(|(l, _)| l.action.id == text) => {
                    action.id = text;
                    id_given = true;
                }
                Target::Id => {
                    if existing.contains_key(text.as_str()) && !exported {
                        fail(format!("the contract already has an action `{text}`"));
                    } else if let Some(first) = given_ids.get(&text) {
                        fail(format!("id `{text}` is also on row {first}"));
                    } else {
                        given_ids.insert(text.clone(), row);
                    }
                    action.id = text;
                    id_given = true;
                }
                Target::Title => action.title = text,
                Target::Porteur => action.porteur = text,
                Target::Description => action.description = Some(text),
                Target::Renews => action.renews = Some(text),
                Target::Year => match integer(cell) {
                    Some(y @ 1900..=2200) => year = Some(y as u16),
                    _ => fail(format!("`{text}` is not a year")),
                },
                Target::Priorities => match codes(&text, &nameable, &contract.tree) {
                    Ok(list) => {
                        for code in list.iter().filter(|c| !contract.has_code(**c)) {
                            fail(format!("the contract has no {code}"));
                        }
                        action.priorities = list;
                    }
                    Err(e) => fail(e),
                },
                Target::Transversal => match codes(&text, &[CodeKind::Transversal], &contract.tree)
                {
                    Ok(list) => {
                        for code in list.iter().filter(|c| !contract.has_code(**c)) {
                            fail(format!("the contract has no {code}"));
                        }
                        action.transversal = list;
                    }
                    Err(e) => fail(e),
                },
                Target::Quartiers => {
                    action.quartiers = items(&text);
                    for q in action
                        .quartiers
                        .iter()
                        .filter(|q| contract.quartier(q).is_none())
                    {
                        fail(format!("the contract has no quartier `{q}`"));
                    }
                }
                Target::Publics => {
                    action.publics = items(&text);
                    for p in action.publics.iter().filter(|p| !contract.has_public(p)) {
                        fail(format!("`{p}` is not one of the contract's publics"));
                    }
                }
                Target::Tags => action.tags = items(&text),
                Target::Cost => match money(cell) {
                    Ok(m) => action.cost = Some(m),
                    Err(e) => fail(e),
                },
                Target::OwnFunds => match money(cell) {
                    Ok(m) if m.is_zero() => {}
                    Ok(m) => action.own_funds = Some(m),
                    Err(e) => fail(e),
                },
                Target::Partner(name) => match money(cell) {
                    Ok(m) if m.is_zero() => {}
                    Ok(m) => action.partners.push((name.clone(), m)),
                    Err(e) => fail(e),
                },
                Target::Funding(id) | Target::Requested(id) | Target::Paid(id) => {
                    match money(cell) {
                        // An empty or zero cell: nothing from that funder.
                        Ok(m) if m.is_zero() => {}
                        Ok(m) => match target {
                            Target::Funding(_) => action.funding.push((id.clone(), m)),
                            Target::Requested(_) => action.requested.push((id.clone(), m)),
                            _ => action.paid.push((id.clone(), m)),
                        },
                        Err(e) => fail(e),
                    }
                }
                Target::Status => match contract_status(contract, &text) {
                    Some(s) => action.status = Some(s),
                    None => fail(format!(
                        "unknown status `{text}`; use proposé, en instruction, financé, refusé, annulé, réalisé or clôturé (or {}), a label of Dauphin, or translate it with --map-value \"{heading}={text}:STATUS\" or `[statuses]` in contrat.toml",
                        Status::NAMES.join(", ")
                    )),
                },
                Target::Planned | Target::Actual => match integer(cell) {
                    Some(n) if n >= 0 => {
                        if *target == Target::Planned {
                            action.planned = Some(n as u64);
                        } else {
                            action.actual = Some(n as u64);
                        }
                    }
                    _ => fail(format!("`{text}` is not a number of people")),
                },
                Target::Dossier | Target::ChorusEj | Target::Siret | Target::Rna => {
                    // An identifier is kept as its type writes it.
                    fn id<T: fmt::Display>(
                        parsed: Result<T, ids::IdError>,
                    ) -> Result<String, ids::IdError> {
                        parsed.map(|id| id.to_string())
                    }
                    let (parsed, what, slot) = match target {
                        Target::Dossier => (
                            id(ids::Dossier::parse(&text)),
                            "a Dauphin dossier number",
                            &mut action.dossier,
                        ),
                        Target::ChorusEj => (
                            id(ids::ChorusEj::parse(&text)),
                            "a Chorus EJ number",
                            &mut action.chorus_ej,
                        ),
                        Target::Siret => {
                            (id(ids::Siret::parse(&text)), "a SIRET", &mut extra.siret)
                        }
                        _ => (id(ids::Rna::parse(&text)), "an RNA number", &mut extra.rna),
                    };
                    match parsed {
                        Ok(d) => *slot = Some(d),
                        Err(e) => fail(format!("`{text}` is not {what}: it {e}")),
                    }
                }
                Target::Theme | Target::SubTheme => match crate::themes::Theme::parse(&text) {
                    // The sub-theme says more than the theme.
                    Some(t) if *target == Target::SubTheme || action.theme.is_none() => {
                        action.theme = Some(t);
                    }
                    Some(_) => {}
                    None => fail(format!(
                        "`{text}` is not a national theme of the ANCT's nomenclature (such as `1.1 Éducation`)"
                    )),
                },
                Target::Date(kind) => match Date::parse(&text) {
                    Some(d) => {
                        *match kind {
                            DateKind::Filed => &mut action.dates.filed,
                            DateKind::Voted => &mut action.dates.voted,
                            DateKind::Paid => &mut action.dates.paid,
                            DateKind::Bilan => &mut action.dates.bilan,
                        } = Some(d)
                    }
                    None => fail(format!(
                        "`{text}` is not a date (write 2023-04-01 or 01/04/2023)"
                    )),
                },
                Target::Post => extra.post = Some(text),
                Target::PostAmount => match money(cell) {
                    Ok(m) => extra.post_amount = Some(m),
                    Err(e) => fail(e),
                },
                Target::RowFunder => match funder(contract, &text) {
                    Some(id) => row_funder = Some(id),
                    None => fail(format!("`{text}` is not a funder of the contract")),
                },
                Target::RowRequested | Target::RowVoted => match money(cell) {
                    Ok(m) if *target == Target::RowRequested => row_requested = Some(m),
                    Ok(m) => row_voted = Some(m),
                    Err(e) => fail(e),
                },
                Target::Ignore => {}
            }
        }
        let column_of = |t: Target| {
            columns
                .iter()
                .flatten()
                .find(|(_, x)| *x == t)
                .map(|(h, _)| h.clone())
        };
        let needed: Vec<(bool, Target, &str)> = match entries {
            Entries::Actions => vec![
                (action.title.is_empty(), Target::Title, "a title"),
                (action.porteur.is_empty(), Target::Porteur, "a porteur"),
                (
                    action.priorities.is_empty() && action.theme.is_none(),
                    if has(&Target::Priorities) {
                        Target::Priorities
                    } else {
                        Target::SubTheme
                    },
                    "a priority or a national theme",
                ),
            ],
            Entries::Posts(_) => vec![
                (extra.post.is_none(), Target::Post, "a post number"),
                (action.porteur.is_empty(), Target::Porteur, "an employer"),
            ],
            Entries::Updates => {
                vec![(
                    action.dossier.is_none(),
                    Target::Dossier,
                    "a dossier number",
                )]
            }
        };
        for (value_missing, t, what) in needed {
            let column = column_of(t);
            // A cell that failed to parse was reported already.
            let reported = errors
                .iter()
                .any(|e| e.row == row && e.column.is_some() && e.column == column);
            if value_missing && !reported {
                let noun = if entries == Entries::Actions {
                    "action"
                } else if entries == Entries::Updates {
                    "row"
                } else {
                    "post"
                };
                errors.push(RowError {
                    row,
                    column,
                    message: format!("empty; every {noun} needs {what}"),
                });
            }
        }
        if entries != Entries::Updates {
            match year.or(options.year) {
                Some(y) => {
                    action.year = y;
                    let period = contract.meta.period.as_ref().map(|p| p.value);
                    if let Some(period) = period.filter(|p| !p.contains(y)) {
                        errors.push(RowError {
                            row,
                            column: column_of(Target::Year),
                            message: format!(
                                "{y} is outside the contract's period, {} to {}",
                                period.from, period.to
                            ),
                        });
                    }
                }
                None => {
                    if !errors
                        .iter()
                        .any(|e| e.row == row && e.column == column_of(Target::Year))
                    {
                        errors.push(RowError {
                            row,
                            column: column_of(Target::Year),
                            message: "no year: fill the cell or pass --year".to_owned(),
                        });
                    }
                }
            }
        }
        match row_funder {
            Some(f) => {
                // Zero is nothing from that funder, as in a funder's column.
                if let Some(m) = row_voted.filter(|m| !m.is_zero()) {
                    action.funding.push((f.clone(), m));
                }
                if let Some(m) = row_requested.filter(|m| !m.is_zero()) {
                    action.requested.push((f, m));
                }
            }
            None if row_voted.is_some() || row_requested.is_some() => errors.push(RowError {
                row,
                column: column_of(Target::RowFunder),
                message: "an amount without its funder: fill the funder's id".to_owned(),
            }),
            None => {}
        }
        // The next row of the same action: its funder joins the action read.
        if exported
            && let Some((last, _)) = out.last_mut()
            && last.action.id == action.id
            && id_given
        {
            let mut same = last.action.clone();
            same.funding.clone_from(&action.funding);
            same.requested.clone_from(&action.requested);
            if same == action {
                last.action.funding.extend(action.funding);
                last.action.requested.extend(action.requested);
            } else {
                errors.push(RowError {
                    row,
                    column: None,
                    message: format!(
                        "action `{}` says otherwise than on row {}: only the funder and its amounts may differ between its rows",
                        action.id, last.row
                    ),
                });
            }
            continue;
        }
        out.push((Imported { row, action, extra }, id_given));
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.row);
        return Err(errors);
    }
    Ok(Reading {
        profile,
        records: out,
        messy,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_in_cells() {
        let tree = Tree::default();
        let p = [CodeKind::Level(2)];
        let t = [CodeKind::Transversal];
        let shown = |r: Result<Vec<Code>, String>| {
            r.map(|codes| codes.iter().map(Code::to_string).collect::<Vec<_>>())
        };
        assert_eq!(
            shown(codes("P 1.2.3, 1.2.4; p2.1.1", &p, &tree)),
            Ok(vec!["P 1.2.3".into(), "P 1.2.4".into(), "P 2.1.1".into()])
        );
        assert_eq!(
            shown(codes("P 1.2.3 1.2.4 / 1.2.5", &p, &tree)),
            Ok(vec!["P 1.2.3".into(), "P 1.2.4".into(), "P 1.2.5".into()])
        );
        assert_eq!(
            shown(codes("OT 1, 2", &t, &tree)),
            Ok(vec!["OT 1".into(), "OT 2".into()])
        );
        assert!(codes("OS 1.2", &p, &tree).is_err());
        assert!(codes("P", &p, &tree).is_err());
        let flat = Tree::declared(
            vec![crate::model::LevelDeclaration {
                key: "axe".into(),
                label: "Axe".into(),
                plural: "Axes".into(),
                form: crate::model::CodeForm::parse("{id}").unwrap(),
            }],
            &[],
            None,
        )
        .unwrap();
        assert_eq!(
            shown(codes("emploi, Cadre-de-vie", &[CodeKind::Level(0)], &flat)),
            Ok(vec!["emploi".into(), "cadre-de-vie".into()])
        );
    }

    #[test]
    fn amounts_in_cells() {
        assert_eq!(money(&Cell::Int(8000)), Ok(Money::from_euros(8000)));
        assert_eq!(money(&Cell::Float(8000.5)), Ok(Money::from_cents(800_050)));
        assert_eq!(
            money(&Cell::Text("8 000,50 €".into())),
            Ok(Money::from_cents(800_050))
        );
        assert_eq!(
            money(&Cell::Float(1.005)),
            Err("amounts have at most two decimal places (cents)".into())
        );
        assert!(money(&Cell::Int(-1)).is_err());
        assert!(money(&Cell::Text("beaucoup".into())).is_err());
    }

    #[test]
    fn statuses_in_french_and_english() {
        assert_eq!(status("Financé"), Some(Status::Funded));
        assert_eq!(status("réalisé"), Some(Status::Completed));
        assert_eq!(status("Terminé"), Some(Status::Completed));
        assert_eq!(status("REJETÉ"), Some(Status::Rejected));
        assert_eq!(status("annulée"), Some(Status::Cancelled));
        assert_eq!(status("proposed"), Some(Status::Proposed));
        assert_eq!(status("peut-être"), None);
    }

    #[test]
    fn headings_fold_case_accents_and_separators() {
        assert_eq!(fold(" Coût_total: "), "cout total");
        assert_eq!(fold("Bénéficiaires  prévus"), "beneficiaires prevus");
    }
}
