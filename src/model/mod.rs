//! The contract's types: what a contrat de ville holds once its files are read.
//! No I/O and no printing here.

mod code;
pub mod grant;
mod money;
mod porteur;
mod post;
mod tree;

use std::collections::{HashMap, HashSet};
use std::ops::Deref;
use std::path::PathBuf;

use serde::{Serialize, Serializer};

use crate::diagnostic::{Level, Rule};
use crate::named::named;
use crate::source::{FileId, Span};

pub use code::{Code, CodeError, CodeKind, MAX_CODE_LEN};
pub use grant::{Date, Dates, Grant};
pub use money::{MAX_EUROS, Money, MoneyError};
pub use porteur::{Porteur, same_siren};
pub use post::{Post, PostKind};
pub use tree::{
    CodeForm, Level as TreeLevel, LevelDeclaration, MAX_DEPTH, Placeholder, Tree, article,
};

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

/// A whole contract: `contrat.toml` and the tree files, each list in
/// contract order (the tree depth first; actions by year then id).
#[derive(Debug, Default)]
pub struct Contract {
    pub folder: PathBuf,
    pub meta: Meta,
    /// The shape of its tree: declared in `[tree]`, or the 2015–2023 one.
    pub tree: Tree,
    pub transversals: Vec<Transversal>,
    pub communes: Vec<Commune>,
    pub quartiers: Vec<Quartier>,
    pub funders: Vec<Funder>,
    pub publics: Vec<Located<String>>,
    /// Droit commun means, in the order written.
    pub droit_commun: Vec<DroitCommun>,
    /// Urban renewal projects, in the order written.
    pub npnru: Vec<RenewalProject>,
    /// Every entry of the tree, at every level, depth first.
    pub nodes: Vec<Node>,
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
    /// Every file that may hold entries of the tree or actions was read in
    /// full.
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
    /// The intercommunality that signed the contract, if it says.
    pub epci: Option<Epci>,
}

/// The établissement public de coopération intercommunale.
#[derive(Debug, Clone, Serialize)]
pub struct Epci {
    pub name: String,
    /// Its SIREN, nine digits.
    pub siren: Option<String>,
    /// Its id in `[funders]`.
    pub funder: Option<Located<String>>,
}

/// A commune of the contract's territory.
#[derive(Debug, Serialize)]
pub struct Commune {
    /// The INSEE code (`82121`, `2A004`).
    pub insee: Located<String>,
    pub name: Located<String>,
    /// Its id in `[funders]`, when it funds actions under its own powers.
    pub funder: Option<Located<String>>,
    /// The dotation de solidarité urbaine it received, by year.
    pub dsu: Vec<(u16, Money)>,
}

/// A context indicator of a quartier, year by year: population, poverty
/// rate, job seekers…
#[derive(Debug, Serialize)]
pub struct QuartierIndicator {
    pub name: String,
    pub unit: Option<String>,
    pub source: Option<String>,
    /// Year and figure, by year.
    pub values: Vec<(u16, f64)>,
}

/// Means of a funder's ordinary policies (droit commun) in one year.
#[derive(Debug, Serialize)]
pub struct DroitCommun {
    pub funder: Located<String>,
    pub year: Located<u16>,
    pub amount: Located<Money>,
    pub what: Option<String>,
}

/// A project of the urban renewal programme (NPNRU).
#[derive(Debug, Serialize)]
pub struct RenewalProject {
    pub name: Located<String>,
    pub quartiers: Vec<Located<String>>,
    pub stage: Option<String>,
    /// The ANRU's aid.
    pub anru: Option<Money>,
    pub total: Option<Money>,
    /// The entries of the tree it serves.
    pub serves: Vec<Located<Code>>,
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

named! {
    /// The language of report labels.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub enum Language {
        #[default]
        En = "en",
        Fr = "fr",
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
    /// The communes it lies in, by INSEE code or name as written.
    pub communes: Vec<Located<String>>,
    /// Its context indicators.
    pub indicators: Vec<QuartierIndicator>,
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

/// An entry of the tree, at any level: a pilier, an orientation, a priority;
/// an axe, an enjeu, an objectif.
#[derive(Debug, Serialize)]
pub struct Node {
    /// Its code, canonical; for the top level, read from the file's first key
    /// (`pilier = 1` is `Pilier 1`).
    pub code: Located<Code>,
    /// Its text, as written.
    pub title: Located<String>,
    /// The entry above it; none at the top.
    #[serde(skip)]
    pub parent: Option<Code>,
    /// The file it is written in.
    #[serde(skip)]
    pub file: FileId,
    /// Aims every action of the entry should serve (top level).
    pub objectives: Vec<Located<String>>,
    /// Phrases underlined in the source; each occurs in the title.
    pub emphasis: Vec<Located<String>>,
    /// Publics it names, from the contract's `publics`.
    pub publics: Vec<Located<String>>,
    /// Links with the protocole d'engagements renforcés et réciproques.
    pub protocole: Vec<Protocole>,
    /// A remark on the text (e.g. what the source lost).
    pub note: Option<String>,
    /// Why no action is expected: gap reports list the entry apart.
    pub accepted_gap: Option<String>,
}

impl Node {
    pub fn level(&self) -> CodeKind {
        self.code.kind()
    }
}

/// A link with the *protocole d'engagements renforcés et réciproques*.
#[derive(Debug, Serialize)]
pub struct Protocole {
    /// The engagement, as written.
    pub text: String,
    /// The number of the mesure, where the source gives one.
    pub mesure: Option<u32>,
}

named! {
    /// The life of an action in the programmation, stage by stage: requested
    /// (`proposed`), under instruction, funded or refused (`rejected`),
    /// cancelled, completed (its bilan received), closed (the dossier's life is
    /// over). Dauphin's own labels map onto these ([`crate::model::grant::DAUPHIN`]).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Status {
        Proposed = "proposed",
        Instructing = "instructing",
        #[default]
        Funded = "funded",
        Rejected = "rejected",
        Cancelled = "cancelled",
        Completed = "completed",
        Closed = "closed",
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
    /// The entries of the tree it serves (priorities, in a 2015–2023
    /// contract). The first is the main one: the one the action's money counts
    /// on.
    pub serves: Vec<Located<Code>>,
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
    /// The file the action is stored in.
    #[serde(skip)]
    pub file: FileId,
    /// The top-level entry whose file holds the action.
    #[serde(skip)]
    pub stored_in: Option<Code>,
}

impl Action {
    /// The entry the action's money counts on: the first it serves.
    pub fn main(&self) -> Option<Code> {
        self.serves.first().map(|c| c.value)
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
    transversals: HashMap<Code, usize>,
    /// The children of each entry, by index, in order.
    children: HashMap<usize, Vec<usize>>,
    communes: HashMap<String, usize>,
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
    ///
    /// The tree is ordered depth first: numbered entries by their numbers,
    /// unnumbered ones as written (top-level ones by file name).
    pub fn finish(&mut self) {
        self.order_nodes();
        self.transversals.sort_by_key(|t| *t.code);
        self.actions
            .sort_by(|a, b| (*a.year, &*a.id).cmp(&(*b.year, &*b.id)));

        let mut index = Index::default();
        for (i, n) in self.nodes.iter().enumerate() {
            index.codes.entry(*n.code).or_insert(i);
        }
        for (i, t) in self.transversals.iter().enumerate() {
            index.transversals.entry(*t.code).or_insert(i);
        }
        for (i, n) in self.nodes.iter().enumerate() {
            if let Some(parent) = n.parent.and_then(|p| index.codes.get(&p).copied()) {
                index.children.entry(parent).or_default().push(i);
            }
        }
        for (i, a) in self.actions.iter().enumerate() {
            index.actions.entry(a.id.value.clone()).or_insert(i);
        }
        for (i, q) in self.quartiers.iter().enumerate() {
            for spelling in q.spellings() {
                index.quartiers.entry(quartier_key(spelling)).or_insert(i);
            }
        }
        for (i, c) in self.communes.iter().enumerate() {
            index.communes.entry(quartier_key(&c.insee)).or_insert(i);
            index.communes.entry(quartier_key(&c.name)).or_insert(i);
        }
        for (i, f) in self.funders.iter().enumerate() {
            index.funders.entry(f.id.value.clone()).or_insert(i);
        }
        for (i, p) in self.publics.iter().enumerate() {
            index.publics.entry(p.value.clone()).or_insert(i);
        }
        self.index = index;
    }

    /// Depth-first order: each entry followed by its children. Entries whose
    /// parent is missing (a finding) follow the others, in code order.
    fn order_nodes(&mut self) {
        let nodes = std::mem::take(&mut self.nodes);
        let tree = &self.tree;
        // The position of each entry among its siblings: its number, or the
        // order it was written in (files are read in name order).
        let sibling_key = |i: usize, n: &Node| -> (u16, usize) {
            let numbered = tree.level(n.level()).numbers > 0;
            match tree.rank(*n.code) {
                Some(rank) if numbered => (rank, i),
                _ => (u16::MAX, i),
            }
        };
        let mut by_parent: HashMap<Option<Code>, Vec<usize>> = HashMap::new();
        let codes: HashSet<Code> = nodes.iter().map(|n| *n.code).collect();
        for (i, n) in nodes.iter().enumerate() {
            let parent = n.parent.filter(|p| codes.contains(p));
            let parent = if n.level() == CodeKind::Level(0) || parent.is_some() {
                parent
            } else {
                // An orphan: placed after the tree.
                Some(*n.code)
            };
            by_parent.entry(parent).or_default().push(i);
        }
        for list in by_parent.values_mut() {
            list.sort_by_key(|&i| sibling_key(i, &nodes[i]));
        }
        let mut order = Vec::with_capacity(nodes.len());
        let mut placed = vec![false; nodes.len()];
        let mut stack: Vec<usize> = by_parent.get(&None).cloned().unwrap_or_default();
        stack.reverse();
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut placed[i], true) {
                continue;
            }
            order.push(i);
            if let Some(children) = by_parent.get(&Some(*nodes[i].code)) {
                stack.extend(children.iter().rev().filter(|&&c| c != i));
            }
        }
        let mut orphans: Vec<usize> = (0..nodes.len()).filter(|&i| !placed[i]).collect();
        orphans.sort_by_key(|&i| (*nodes[i].code, i));
        order.extend(orphans);
        let mut slots: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
        self.nodes = order.into_iter().filter_map(|i| slots[i].take()).collect();
    }

    /// The entry of the tree with this code.
    pub fn node(&self, code: Code) -> Option<&Node> {
        self.index.codes.get(&code).map(|&i| &self.nodes[i])
    }

    /// The entries of one level, in order.
    pub fn level(&self, kind: CodeKind) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(move |n| n.level() == kind)
    }

    /// The entries right below an entry, in order.
    pub fn children(&self, code: Code) -> impl Iterator<Item = &Node> {
        self.index
            .codes
            .get(&code)
            .and_then(|i| self.index.children.get(i))
            .into_iter()
            .flatten()
            .map(|&i| &self.nodes[i])
    }

    /// The entry above, as the tree says (a missing entry's parent as its
    /// code implies).
    pub fn parent(&self, code: Code) -> Option<Code> {
        match self.node(code) {
            Some(node) => node.parent,
            None => self.tree.implied_parent(code),
        }
    }

    /// The code and every code above it, nearest first.
    pub fn ancestry(&self, code: Code) -> impl Iterator<Item = Code> + '_ {
        let mut next = Some(code);
        let mut steps = 0;
        std::iter::from_fn(move || {
            let here = next?;
            // A loop of `parent` keys is a finding; never an endless walk.
            steps += 1;
            next = if steps > crate::model::MAX_DEPTH {
                None
            } else {
                self.parent(here)
            };
            Some(here)
        })
    }

    /// The code above `code` at `level` (itself when it is of that level).
    pub fn ancestor(&self, code: Code, level: CodeKind) -> Option<Code> {
        self.ancestry(code).find(|c| c.kind() == level)
    }

    /// Whether `code` is `other` or lies below it.
    pub fn is_within(&self, code: Code, other: Code) -> bool {
        self.ancestry(code).any(|c| c == other)
    }

    /// The entries below a code (not itself) of one level, in order.
    pub fn within(&self, code: Code, level: CodeKind) -> impl Iterator<Item = &Node> + '_ {
        self.level(level)
            .filter(move |n| *n.code != code && self.is_within(*n.code, code))
    }

    pub fn transversal(&self, code: Code) -> Option<&Transversal> {
        self.index
            .transversals
            .get(&code)
            .map(|&i| &self.transversals[i])
    }

    /// Whether the contract has an entry with this code, at any level or
    /// transversal.
    pub fn has_code(&self, code: Code) -> bool {
        self.index.codes.contains_key(&code) || self.index.transversals.contains_key(&code)
    }

    /// A code a person wrote, in any loose form: the one the contract has,
    /// when several levels could read it.
    pub fn read_code(&self, text: &str) -> Result<Code, CodeError> {
        self.tree.read(text, |c| self.has_code(c))
    }

    /// A code with its title, as people read it: `P 1.2.3 Lever les freins…`.
    pub fn title_of(&self, code: Code) -> Option<&str> {
        match code.kind() {
            CodeKind::Transversal => self.transversal(code).map(|t| t.title.as_str()),
            CodeKind::Level(_) => self.node(code).map(|n| n.title.as_str()),
        }
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

    /// The commune an INSEE code or a name designates.
    pub fn commune(&self, spelling: &str) -> Option<&Commune> {
        self.index
            .communes
            .get(&quartier_key(spelling))
            .map(|&i| &self.communes[i])
    }

    /// The communes an action works in, through its quartiers, each once.
    pub fn communes_of(&self, action: &Action) -> Vec<&Commune> {
        let mut out: Vec<&Commune> = Vec::new();
        for q in action.quartiers.iter().filter_map(|q| self.quartier(q)) {
            for c in q.communes.iter().filter_map(|c| self.commune(c)) {
                if !out.iter().any(|o| std::ptr::eq(*o, c)) {
                    out.push(c);
                }
            }
        }
        out
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

    /// Actions that name an entry, main or secondary, in order.
    pub fn actions_naming(&self, code: Code) -> impl Iterator<Item = &Action> {
        self.actions
            .iter()
            .filter(move |a| a.serves.iter().any(|p| p.value == code))
    }
}
