//! The contract's types: what a contrat de ville holds once its files are read.
//! No I/O and no printing here.

mod code;
pub mod grant;
mod money;
mod porteur;
mod post;

use std::collections::{HashMap, HashSet};
use std::ops::Deref;
use std::path::PathBuf;

use serde::{Serialize, Serializer};

use crate::diagnostic::{Level, Rule};
use crate::source::{FileId, Span};

pub use code::{Code, CodeError, CodeKind};
pub use grant::{Date, Dates, Grant};
pub use money::{MAX_EUROS, Money, MoneyError};
pub use porteur::Porteur;
pub use post::{Post, PostKind};

/// A value with the place in a file it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Located<T> {
    pub fn new(value: T, span: Span) -> Located<T> {
        Located { value, span }
    }
}

impl<T> Deref for Located<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// Serialized as the bare value: spans are for diagnostics, not for output.
impl<T: Serialize> Serialize for Located<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// A whole contract: `contrat.toml` and the pilier files, each list in
/// contract order (by code; actions by year then id).
#[derive(Debug, Default)]
pub struct Contract {
    pub folder: PathBuf,
    pub meta: Meta,
    pub transversals: Vec<Transversal>,
    pub quartiers: Vec<Quartier>,
    pub funders: Vec<Funder>,
    pub publics: Vec<Located<String>>,
    pub piliers: Vec<Pilier>,
    pub orientations: Vec<Orientation>,
    pub priorities: Vec<Priority>,
    pub actions: Vec<Action>,
    /// Posts the State funds (FONJEP, adultes-relais), in the order written.
    pub posts: Vec<Post>,
    /// The registry of porteurs, in the order written; empty when the
    /// contract keeps none.
    pub porteurs: Vec<Porteur>,
    /// The national themes entries of the tree name, by code.
    pub themes: Vec<(Code, Located<&'static crate::themes::Theme>)>,
    /// Which parts were read in full. A file that did not parse adds nothing, so
    /// checks that would cry "unknown" about its content stay quiet until it does.
    pub complete: Completeness,
    /// Entries whose code or id was read but which were left out for a missing
    /// or bad key (reported). Checks treat them as present, so that one finding
    /// does not breed "unknown" ones.
    pub skipped: Skipped,
    index: Index,
}

#[derive(Debug, Default)]
pub struct Skipped {
    pub codes: HashSet<Code>,
    pub action_ids: HashSet<String>,
    /// Actions left out for a missing or bad key, as far as they were read
    /// (a missing text empty, a missing year 0): `check` still reports what
    /// else is wrong with them, so that one fix does not reveal the next.
    pub partial_actions: Vec<Action>,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Completeness {
    /// `contrat.toml` was read in full.
    pub contract_file: bool,
    /// Every file that may hold piliers, orientations, priorities or actions
    /// was read in full.
    pub pilier_files: bool,
    /// Some file could not be read or parsed (so some checks were skipped).
    pub broken_files: bool,
}

/// What `contrat.toml` says of the contract as a whole.
#[derive(Debug, Default)]
pub struct Meta {
    pub file: Option<FileId>,
    pub title: String,
    pub territory: String,
    pub period: Option<Located<Period>>,
    pub language: Language,
    pub source: Option<String>,
    /// Rule levels from the `[check]` table.
    pub levels: Vec<(Rule, Level)>,
    /// Dauphin's status labels as this contract reads them (`[statuses]`),
    /// over the defaults of [`grant::DAUPHIN`].
    pub statuses: Vec<(Located<String>, Status)>,
    /// What the contract calls its levels (`[labels]`).
    pub labels: Labels,
}

/// The contract's own words for the levels of its tree, when it does not say
/// pilier, orientation and priority: a Quartiers 2030 contract speaks of axes
/// and enjeux. Plurals default to the singular with an `s`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Labels {
    /// What the contract calls a pilier, e.g. "Axe".
    pub pilier: Option<String>,
    /// The plural, when it is not the singular with an "s".
    pub piliers: Option<String>,
    /// What the contract calls an orientation, e.g. "Enjeu".
    pub orientation: Option<String>,
    /// The plural, e.g. "Enjeux".
    pub orientations: Option<String>,
    /// What the contract calls a priority, e.g. "Objectif".
    pub priority: Option<String>,
    /// The plural.
    pub priorities: Option<String>,
}

impl Labels {
    /// The contract's word for a level, singular or plural, if it has one.
    pub fn word(&self, level: CodeKind, plural: bool) -> Option<String> {
        let (one, many) = match level {
            CodeKind::Pilier => (&self.pilier, &self.piliers),
            CodeKind::Orientation => (&self.orientation, &self.orientations),
            CodeKind::Priority => (&self.priority, &self.priorities),
            CodeKind::Transversal => return None,
        };
        if plural {
            many.clone()
                .or_else(|| one.as_ref().map(|w| format!("{w}s")))
        } else {
            one.clone()
        }
    }

    /// Reads a code in any form [`Code::parse`] takes, or a pilier written with
    /// the contract's own word (`Axe 2`, `axe2`).
    pub fn parse_code(&self, text: &str) -> Result<Code, CodeError> {
        let err = match Code::parse(text) {
            Ok(code) => return Ok(code),
            Err(err) => err,
        };
        if let Some(word) = &self.pilier {
            let lower = text.trim().to_lowercase();
            if let Some(rest) = lower.strip_prefix(&word.to_lowercase())
                && let Ok(Code::Pilier(n)) = Code::parse(rest.trim())
            {
                return Ok(Code::Pilier(n));
            }
        }
        Err(err)
    }

    /// A code as the contract names it: `Axe 2` for a pilier when piliers are
    /// called axes; other codes keep their canonical form.
    pub fn code(&self, code: Code) -> String {
        match (code, &self.pilier) {
            (Code::Pilier(n), Some(word)) => format!("{word} {n}"),
            _ => code.to_string(),
        }
    }
}

impl Meta {
    pub fn level_of(&self, rule: Rule) -> Option<Level> {
        self.levels
            .iter()
            .find(|(r, _)| *r == rule)
            .map(|(_, l)| *l)
    }
}

/// Years of the contract, both inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first year of the contract.
    pub from: u16,
    /// The last year of the contract (inclusive).
    pub to: u16,
}

impl Period {
    pub fn contains(self, year: u16) -> bool {
        (self.from..=self.to).contains(&year)
    }
}

/// The language of report labels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Fr,
}

impl Language {
    pub const NAMES: [&'static str; 2] = ["en", "fr"];

    pub fn parse(text: &str) -> Option<Language> {
        match text {
            "en" => Some(Language::En),
            "fr" => Some(Language::Fr),
            _ => None,
        }
    }
}

/// An orientation transversale.
#[derive(Debug, Serialize)]
pub struct Transversal {
    /// Its code, `OT n`.
    pub code: Located<Code>,
    pub title: Located<String>,
}

/// A quartier prioritaire.
#[derive(Debug, Serialize)]
pub struct Quartier {
    /// The official code, e.g. `QP082001`; a quartier of the 2024 list may have
    /// none yet.
    pub code: Option<Located<String>>,
    /// The official name.
    pub name: Located<String>,
    /// Other spellings users write.
    pub aliases: Vec<Located<String>>,
}

impl Quartier {
    /// The code, the name and every alias: each way users may name it.
    pub fn spellings(&self) -> impl Iterator<Item = &Located<String>> {
        self.code.iter().chain([&self.name]).chain(&self.aliases)
    }

    /// What identifies the quartier in reports: its code, or its name when it
    /// has no code.
    pub fn key(&self) -> &str {
        self.code
            .as_ref()
            .map_or(self.name.as_str(), |c| c.as_str())
    }
}

#[derive(Debug, Serialize)]
pub struct Funder {
    pub id: Located<String>,
    pub name: Located<String>,
}

#[derive(Debug, Serialize)]
pub struct Pilier {
    #[serde(skip)]
    pub file: FileId,
    pub number: Located<u16>,
    pub title: Located<String>,
    pub objectives: Vec<Located<String>>,
}

impl Pilier {
    pub fn code(&self) -> Code {
        Code::Pilier(*self.number)
    }
}

/// An orientation stratégique.
#[derive(Debug, Serialize)]
pub struct Orientation {
    /// Its code, `OS p.o`, in the file of pilier `p`.
    pub code: Located<Code>,
    pub title: Located<String>,
}

/// A priorité of the contract.
#[derive(Debug, Serialize)]
pub struct Priority {
    /// Its code, `P p.o.n`, under orientation `OS p.o`.
    pub code: Located<Code>,
    /// The text of the priority, as written.
    pub title: Located<String>,
    /// Phrases underlined in the source; each occurs in the title.
    pub emphasis: Vec<Located<String>>,
    /// Publics the priority names, from the contract's `publics`.
    pub publics: Vec<Located<String>>,
    /// Links with the protocole d'engagements renforcés et réciproques.
    pub protocole: Vec<Protocole>,
    /// A remark on the text (e.g. what the source lost).
    pub note: Option<String>,
    /// Why no action is expected: gap reports list the priority apart.
    pub accepted_gap: Option<String>,
}

/// A link with the *protocole d'engagements renforcés et réciproques*.
#[derive(Debug, Serialize)]
pub struct Protocole {
    /// The engagement, as written.
    pub text: String,
    /// The number of the mesure, where the source gives one.
    pub mesure: Option<u32>,
}

/// The life of an action in the programmation, stage by stage: requested
/// (`proposed`), under instruction, funded or refused (`rejected`),
/// cancelled, completed (its bilan received), closed (the dossier's life is
/// over). Dauphin's own labels map onto these ([`crate::model::grant::DAUPHIN`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Proposed,
    Instructing,
    #[default]
    Funded,
    Rejected,
    Cancelled,
    Completed,
    Closed,
}

impl Status {
    pub const NAMES: [&'static str; 7] = [
        "proposed",
        "instructing",
        "funded",
        "rejected",
        "cancelled",
        "completed",
        "closed",
    ];

    pub fn parse(text: &str) -> Option<Status> {
        match text {
            "proposed" => Some(Status::Proposed),
            "instructing" => Some(Status::Instructing),
            "funded" => Some(Status::Funded),
            "rejected" => Some(Status::Rejected),
            "cancelled" => Some(Status::Cancelled),
            "completed" => Some(Status::Completed),
            "closed" => Some(Status::Closed),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        Status::NAMES[self as usize]
    }
}

/// An amount given or asked by one funder.
#[derive(Debug, Serialize)]
pub struct Amount {
    pub funder: Located<String>,
    pub amount: Located<Money>,
}

/// People reached by an action.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Beneficiaries {
    /// People the action plans to reach.
    pub planned: Option<u64>,
    /// People it reached.
    pub actual: Option<u64>,
}

/// An indicator of an action: a target and, once known, the actual figure.
#[derive(Debug, Serialize)]
pub struct Indicator {
    pub name: String,
    pub target: f64,
    pub actual: Option<f64>,
    pub unit: Option<String>,
}

/// One action of a year's programmation, carried by a porteur.
#[derive(Debug, Serialize)]
pub struct Action {
    /// Unique in the whole contract, e.g. "2023-017".
    pub id: Located<String>,
    pub title: Located<String>,
    /// The organisation that carries the action.
    pub porteur: Located<String>,
    /// Within the contract's period.
    pub year: Located<u16>,
    /// The priorities it serves. The first is the main priority: the one the
    /// action's money counts on.
    pub priorities: Vec<Located<Code>>,
    pub description: Option<String>,
    /// The transversal orientations it serves.
    pub transversal: Vec<Located<Code>>,
    /// Quartiers by code, name or alias.
    pub quartiers: Vec<Located<String>>,
    /// Publics it targets, from the contract's `publics`.
    pub publics: Vec<Located<String>>,
    /// Total cost, in euros.
    pub cost: Option<Located<Money>>,
    /// Funding voted, funder id = euros; the total may not exceed the cost.
    pub funding: Vec<Amount>,
    /// Funding requested, funder id = euros.
    pub requested: Vec<Amount>,
    pub beneficiaries: Beneficiaries,
    /// Where the action stands (default "funded").
    pub status: Status,
    /// The id of the earlier action it continues.
    pub renews: Option<Located<String>>,
    /// Free labels.
    pub tags: Vec<String>,
    /// Indicators, target against actual.
    #[serde(rename = "indicator")]
    pub indicators: Vec<Indicator>,
    /// The grant's life: dossier, dates, payments, years, funding plan,
    /// national theme.
    pub grant: Grant,
    /// The pilier file the action is stored in.
    #[serde(skip)]
    pub file: FileId,
    /// The number of the pilier whose file holds the action.
    #[serde(skip)]
    pub stored_in: u16,
}

impl Action {
    pub fn main_priority(&self) -> Option<Code> {
        self.priorities.first().map(|c| c.value)
    }

    /// The years the action counts in: its year, to the last of its
    /// convention (`until`) for a multi-year one.
    pub fn years(&self) -> std::ops::RangeInclusive<u16> {
        let until = self.grant.until.as_ref().map_or(*self.year, |u| u.value);
        *self.year..=until.max(*self.year)
    }

    /// Whether the action counts in a year.
    pub fn in_year(&self, year: u16) -> bool {
        self.years().contains(&year)
    }

    /// Funding voted, all funders together.
    pub fn funding_total(&self) -> Money {
        self.funding.iter().map(|a| a.amount.value).sum()
    }

    /// Every resource of the funding plan: the funding voted by the
    /// contract's funders, the porteur's own funds and other partners'.
    pub fn resources(&self) -> Money {
        self.funding_total() + self.grant.other_resources()
    }
}

/// Lookups by code, id or spelling, built once the lists are final.
#[derive(Debug, Default)]
struct Index {
    codes: HashMap<Code, usize>,
    actions: HashMap<String, usize>,
    quartiers: HashMap<String, usize>,
    funders: HashMap<String, usize>,
    publics: HashMap<String, usize>,
}

/// Quartier spellings match without regard to case, accents, spaces or
/// dashes: `Médiathèque - Chambord`, `mediatheque-chambord`.
pub fn quartier_key(text: &str) -> String {
    crate::fold::key(text)
}

impl Contract {
    /// Sorts every list into contract order and builds the lookups. The first
    /// entry wins where a code or id is doubled (`check` reports the double).
    pub fn finish(&mut self) {
        self.piliers.sort_by_key(|p| *p.number);
        self.orientations.sort_by_key(|o| *o.code);
        self.priorities.sort_by_key(|p| *p.code);
        self.transversals.sort_by_key(|t| *t.code);
        self.actions
            .sort_by(|a, b| (*a.year, &*a.id).cmp(&(*b.year, &*b.id)));

        let mut index = Index::default();
        for (i, p) in self.piliers.iter().enumerate() {
            index.codes.entry(p.code()).or_insert(i);
        }
        for (i, o) in self.orientations.iter().enumerate() {
            index.codes.entry(*o.code).or_insert(i);
        }
        for (i, p) in self.priorities.iter().enumerate() {
            index.codes.entry(*p.code).or_insert(i);
        }
        for (i, t) in self.transversals.iter().enumerate() {
            index.codes.entry(*t.code).or_insert(i);
        }
        for (i, a) in self.actions.iter().enumerate() {
            index.actions.entry(a.id.value.clone()).or_insert(i);
        }
        for (i, q) in self.quartiers.iter().enumerate() {
            for spelling in q.spellings() {
                index.quartiers.entry(quartier_key(spelling)).or_insert(i);
            }
        }
        for (i, f) in self.funders.iter().enumerate() {
            index.funders.entry(f.id.value.clone()).or_insert(i);
        }
        for (i, p) in self.publics.iter().enumerate() {
            index.publics.entry(p.value.clone()).or_insert(i);
        }
        self.index = index;
    }

    pub fn pilier(&self, number: u16) -> Option<&Pilier> {
        self.index
            .codes
            .get(&Code::Pilier(number))
            .map(|&i| &self.piliers[i])
    }

    pub fn orientation(&self, code: Code) -> Option<&Orientation> {
        match code {
            Code::Orientation(..) => self.index.codes.get(&code).map(|&i| &self.orientations[i]),
            _ => None,
        }
    }

    pub fn priority(&self, code: Code) -> Option<&Priority> {
        match code {
            Code::Priority(..) => self.index.codes.get(&code).map(|&i| &self.priorities[i]),
            _ => None,
        }
    }

    pub fn transversal(&self, code: Code) -> Option<&Transversal> {
        match code {
            Code::Transversal(_) => self.index.codes.get(&code).map(|&i| &self.transversals[i]),
            _ => None,
        }
    }

    /// Whether the contract has an entry with this code, at any level.
    pub fn has_code(&self, code: Code) -> bool {
        self.index.codes.contains_key(&code)
    }

    pub fn action(&self, id: &str) -> Option<&Action> {
        self.index.actions.get(id).map(|&i| &self.actions[i])
    }

    /// The quartier a code, name or alias designates.
    pub fn quartier(&self, spelling: &str) -> Option<&Quartier> {
        self.index
            .quartiers
            .get(&quartier_key(spelling))
            .map(|&i| &self.quartiers[i])
    }

    /// The quartier a person means: a code, name or alias ([`Contract::quartier`]),
    /// else the one quartier whose name or alias holds the text as whole words
    /// (`Chambord` for `Médiathèque - Chambord`). `None` when nothing or more
    /// than one quartier fits.
    pub fn find_quartier(&self, text: &str) -> Option<&Quartier> {
        if let Some(q) = self.quartier(text) {
            return Some(q);
        }
        let wanted = crate::fold::words(text);
        if wanted.is_empty() {
            return None;
        }
        let holds = |spelling: &str| {
            let words = crate::fold::words(spelling);
            format!(" {words} ").contains(&format!(" {wanted} "))
        };
        let mut found = self
            .quartiers
            .iter()
            .filter(|q| q.spellings().any(|s| holds(s)));
        match (found.next(), found.next()) {
            (Some(q), None) => Some(q),
            _ => None,
        }
    }

    /// What to say when a quartier is not found: the nearest spelling, or
    /// else every quartier by name and code.
    pub fn quartier_help(&self, written: &str) -> String {
        let spellings = self
            .quartiers
            .iter()
            .flat_map(|q| q.spellings())
            .map(|s| s.as_str());
        crate::suggest::did_you_mean(written, spellings).unwrap_or_else(|| {
            let names: Vec<String> = self
                .quartiers
                .iter()
                .map(|q| match &q.code {
                    Some(code) => format!("{} ({})", q.name.value, code.value),
                    None => q.name.value.clone(),
                })
                .collect();
            format!("the quartiers are: {}", names.join(", "))
        })
    }

    pub fn funder(&self, id: &str) -> Option<&Funder> {
        self.index.funders.get(id).map(|&i| &self.funders[i])
    }

    pub fn has_public(&self, public: &str) -> bool {
        self.index.publics.contains_key(public)
    }

    /// Orientations of a pilier, in order.
    pub fn orientations_of(&self, pilier: u16) -> impl Iterator<Item = &Orientation> {
        self.orientations
            .iter()
            .filter(move |o| o.code.pilier() == Some(pilier))
    }

    /// Priorities below a code (an orientation or a pilier), in order.
    pub fn priorities_within(&self, code: Code) -> impl Iterator<Item = &Priority> {
        self.priorities
            .iter()
            .filter(move |p| p.code.is_within(code))
    }

    /// Actions that name a priority, main or secondary, in order.
    pub fn actions_naming(&self, code: Code) -> impl Iterator<Item = &Action> {
        self.actions
            .iter()
            .filter(move |a| a.priorities.iter().any(|p| p.value == code))
    }
}
