//! The rules that look across entries and files, once the contract is read.
//!
//! Each rule is a small function that pushes findings; per-value rules (types,
//! codes, amounts) run while loading, in `load`.

mod actions;
mod grant;
pub mod porteurs;
mod posts;
mod tree;

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt;
use std::hash::Hash;

use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::ids::IdError;
use crate::load::Loaded;
use crate::model::{Contract, Located};
use crate::source::Span;

/// The later of two entries that should be one: each item whose key an
/// earlier item has, in the order given, with where that earlier one is.
fn repeats<'a, T, K: Eq + Hash>(
    items: impl IntoIterator<Item = &'a T>,
    key: impl Fn(&'a T) -> K,
    span: impl Fn(&'a T) -> Span,
) -> Vec<(&'a T, Span)> {
    let mut first = HashMap::new();
    items
        .into_iter()
        .filter_map(|item| match first.entry(key(item)) {
            Entry::Occupied(earlier) => Some((item, *earlier.get())),
            Entry::Vacant(slot) => {
                slot.insert(span(item));
                None
            }
        })
        .collect()
}

/// The finding on an entry given again at `again`, first at `first`:
/// `verb` says how it is given (`used`, `listed`, `defined`).
fn given_twice(
    rule: Rule,
    (again, first): (Span, Span),
    verb: &str,
    message: String,
    help: &str,
) -> Diagnostic {
    Diagnostic::at(rule, again, message)
        .label(format!("{verb} again here"))
        .related(first, format!("first {verb} here"))
        .help(help)
}

/// The finding on a name the contract does not know: the nearest of the
/// names it knows as the help, else `otherwise`.
fn unknown<'a>(
    rule: Rule,
    (name, label): (&Located<String>, &str),
    message: String,
    known: impl IntoIterator<Item = &'a str>,
    otherwise: impl FnOnce() -> String,
) -> Diagnostic {
    let help = crate::suggest::did_you_mean(name, known).unwrap_or_else(otherwise);
    Diagnostic::at(rule, name.span, message)
        .label(label)
        .help(help)
}

/// How to check.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Report warnings as errors (`--deny-warnings`).
    pub deny_warnings: bool,
}

/// Runs every rule on a loaded contract, applies the contract's `[check]`
/// levels, and sorts the findings by file and position.
pub fn run(loaded: &mut Loaded, options: Options) {
    let mut found = Vec::new();
    rules(&loaded.contract, &mut found);
    loaded.diagnostics.extend(found);
    let meta = &loaded.contract.meta;
    loaded
        .diagnostics
        .apply_levels(|rule| meta.level_of(rule), options.deny_warnings);
    loaded.diagnostics.sort();
}

/// The cross-entry rules, in no particular order (findings are sorted later).
pub fn rules(contract: &Contract, out: &mut Vec<Diagnostic>) {
    tree::duplicate_codes(contract, out);
    tree::duplicate_quartiers(contract, out);
    tree::parents_exist(contract, out);
    tree::empty_levels(contract, out);
    tree::numbering_gaps(contract, out);
    tree::emphasis_in_title(contract, out);
    tree::node_publics(contract, out);
    tree::quartier_codes(contract, out);
    tree::quartier_communes(contract, out);
    tree::means_references(contract, out);
    actions::duplicate_ids(contract, out);
    actions::references(contract, out);
    actions::years(contract, out);
    actions::placement(contract, out);
    actions::funding_within_cost(contract, out);
    posts::posts(contract, out);
    porteurs::porteurs(contract, out);
    grant::dossiers(contract, out);
    grant::life(contract, out);
    grant::unlinked(contract, out);
}

/// Counts for the summary line of `check`.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub files: usize,
    /// Entries of the levels actions name (priorities, in a 2015–2023
    /// contract).
    pub priorities: usize,
    pub actions: usize,
    /// False when a file that could not be read or parsed may hold part of the
    /// contract: checks of references into it were skipped.
    pub complete: bool,
    /// Whether the contract declares its tree: its entries are counted as
    /// entries, not priorities.
    #[serde(skip)]
    pub declared: bool,
}

impl Summary {
    pub fn of(loaded: &Loaded) -> Summary {
        Summary {
            errors: loaded.diagnostics.count(Severity::Error),
            warnings: loaded.diagnostics.count(Severity::Warning),
            files: loaded.sources.len(),
            priorities: loaded
                .contract
                .nodes
                .iter()
                .filter(|n| loaded.contract.tree.level(n.level()).nameable)
                .count(),
            actions: loaded.contract.actions.len(),
            complete: !loaded.contract.complete.broken_files,
            declared: loaded.contract.tree.declared,
        }
    }
}

/// How a key holding an identifier (SIRET, RNA, dossier, Chorus EJ) reports
/// a value that is not one, and one written otherwise than canonically.
pub(crate) struct IdWords<'a> {
    pub rule: Rule,
    pub key: &'a str,
    /// What the value is not: "a valid SIRET".
    pub kind: &'a str,
    pub invalid_label: &'a str,
    pub invalid_help: String,
    pub uncanonical: String,
    pub uncanonical_label: &'a str,
}

/// The identifier a key holds, when it is one written canonically; a
/// diagnostic pushed otherwise.
pub(crate) fn identifier<T: fmt::Display>(
    value: &Located<String>,
    parsed: Result<T, IdError>,
    words: IdWords<'_>,
    push: impl FnOnce(Diagnostic),
) -> Option<T> {
    match parsed {
        Err(e) => push(
            Diagnostic::at(
                words.rule,
                value.span,
                format!("`{}` is not {}: it {e}", value.value, words.kind),
            )
            .label(words.invalid_label)
            .help(words.invalid_help),
        ),
        Ok(canonical) if canonical.to_string() != value.value => push(
            Diagnostic::at(words.rule, value.span, words.uncanonical)
                .label(words.uncanonical_label)
                .help(format!("write `{} = \"{canonical}\"`", words.key)),
        ),
        Ok(canonical) => return Some(canonical),
    }
    None
}
