//! Findings about a contract: what is wrong, where, and how to fix it.
//!
//! Loading and checking push [`Diagnostic`]s into a list and carry on; nothing
//! stops at the first problem. Rendering lives in `render::diagnostics`.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use crate::source::{FileId, Span};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

crate::named::named! {
    /// The level a contract gives a rule in its `[check]` table, as clippy's
    /// lint levels.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Level {
        Allow = "allow",
        Warn = "warn",
        Deny = "deny",
    }
}

macro_rules! rules {
    ($( $variant:ident = $name:literal, $severity:ident, $configurable:literal, $summary:literal; )*) => {
        crate::named::named! {
            /// Every rule `contrat check` knows. The names are stable: scripts
            /// and `[check]` tables use them.
            #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
            pub enum Rule { $( $variant = $name, )* }
        }

        impl Rule {
            pub fn default_severity(self) -> Severity {
                match self { $( Rule::$variant => Severity::$severity, )* }
            }

            /// Whether a `[check]` table may change its level. A file that cannot
            /// be read or parsed cannot be checked, so those stay errors.
            pub fn configurable(self) -> bool {
                match self { $( Rule::$variant => $configurable, )* }
            }

            /// One line on what the rule catches.
            pub fn summary(self) -> &'static str {
                match self { $( Rule::$variant => $summary, )* }
            }

            pub fn from_name(name: &str) -> Option<Rule> {
                Rule::parse(name).or_else(|| Rule::renamed(name))
            }
        }
    };
}

rules! {
    Syntax = "syntax", Error, false, "the file is not valid TOML (including text that is not UTF-8 and integers beyond 64 bits)";
    UnreadableFile = "unreadable-file", Error, false, "a file of the folder cannot be read (permissions, a folder named `*.toml`, a symbolic link loop or out of the folder, a file over 1 GiB)";
    MissingContractFile = "missing-contract-file", Error, false, "the folder has no `contrat.toml`";
    UnknownKey = "unknown-key", Error, true, "a key the format does not define (often a typo)";
    MissingKey = "missing-key", Error, true, "a required key is absent";
    WrongType = "wrong-type", Error, true, "a value of the wrong TOML type (text where a number is expected, …)";
    InvalidValue = "invalid-value", Error, true, "a value of the right type that is not allowed (unknown status, language, reversed period, …)";
    MalformedCode = "malformed-code", Error, true, "a code that cannot be read, or a code of the wrong kind for its key";
    NonCanonicalCode = "non-canonical-code", Warning, true, "a code written in a loose form (`P1.2.3`, `p 1.2.3`) instead of the canonical one";
    DuplicateCode = "duplicate-code", Error, true, "two entries with the same code (or two quartiers with the same name)";
    DuplicateActionId = "duplicate-action-id", Error, true, "two actions with the same id anywhere in the contract";
    DuplicateFile = "duplicate-file", Error, true, "two files for the same top-level entry (pilier, axe…)";
    DuplicateEntry = "duplicate-entry", Warning, true, "the same item twice in one list";
    WrongFile = "wrong-file", Error, true, "an entry of the tree in the file of another top-level entry";
    UnknownParent = "unknown-parent", Error, true, "an entry whose parent (the orientation of a priority…) does not exist";
    WrongParent = "wrong-parent", Error, true, "an entry whose `parent` is not of the level above, or disagrees with its code";
    EmptyEntry = "empty-entry", Warning, true, "an entry of the tree with nothing below it (a pilier with no orientation…)";
    NumberingGap = "numbering-gap", Warning, true, "a hole in the numbering of a level of the tree or of the transversal family";
    EmptyTitle = "empty-title", Error, true, "an empty title or name";
    EmphasisNotInTitle = "emphasis-not-in-title", Warning, true, "an `emphasis` phrase that does not occur in the priority's title";
    NoCode = "no-code", Error, true, "an action with an empty `priorities` (or `serves`) list";
    UnknownCode = "unknown-code", Error, true, "an action naming an entry of the tree (a priority…) the contract does not have";
    NotNameable = "not-nameable", Error, true, "an action naming an entry of a level that actions may not name";
    UnknownTransversal = "unknown-transversal", Error, true, "an action naming a transversal entry the contract does not have";
    UnknownQuartier = "unknown-quartier", Error, true, "an action naming a quartier by a code, name or alias the contract does not have";
    QuartierCode = "quartier-code", Error, true, "a quartier code of neither the 2015 form (`QP082001`) nor the 2024 one (`QN08201M`)";
    UnknownCommune = "unknown-commune", Error, true, "a quartier in a commune the contract does not declare";
    UnknownFunder = "unknown-funder", Error, true, "funding from a funder not declared in `[funders]`";
    UnknownPublic = "unknown-public", Error, true, "a public not in the contract's `publics` vocabulary";
    UnknownRenews = "unknown-renews", Error, true, "`renews` naming an action that does not exist";
    YearOutsidePeriod = "year-outside-period", Error, true, "an action whose year lies outside the contract's period";
    MisplacedAction = "misplaced-action", Warning, true, "an action stored in a file that none of the entries it serves belong to";
    BadAmount = "bad-amount", Error, true, "an amount that is negative, has more than two decimals, or is not a number";
    FundingAboveCost = "funding-above-cost", Error, true, "an action whose funding voted adds up to more than its cost";
    InvalidSiret = "invalid-siret", Error, true, "a porteur's SIRET that is not 14 digits whose Luhn key holds (La Poste's establishments: whose digits add up to a multiple of 5)";
    InvalidRna = "invalid-rna", Error, true, "a porteur's RNA number that is not `W` and 9 digits";
    DuplicatePorteur = "duplicate-porteur", Warning, true, "two spellings or two registry entries that look like one porteur (case, accents, a leading `ASS.`, `ASSOC` or `Association`, a name cut short), or two entries with one id or SIRET";
    UnlinkedAction = "unlinked-action", Warning, true, "an action of a national theme (but theme 4, pilotage) that names no priority yet: to be linked";
    UnregisteredPorteur = "unregistered-porteur", Warning, true, "an action or post whose porteur is not in the registry of `contrat.toml` (only when the contract keeps a registry)";
}

impl Rule {
    /// Names rules had before the tree could be declared, still read in
    /// `[check]` tables so that existing contracts keep their levels.
    pub const RENAMED: [(&'static str, Rule); 7] = [
        ("duplicate-pilier", Rule::DuplicateFile),
        ("wrong-pilier", Rule::WrongFile),
        ("unknown-orientation", Rule::UnknownParent),
        ("empty-orientation", Rule::EmptyEntry),
        ("empty-pilier", Rule::EmptyEntry),
        ("no-priority", Rule::NoCode),
        ("unknown-priority", Rule::UnknownCode),
    ];

    fn renamed(name: &str) -> Option<Rule> {
        Rule::RENAMED
            .iter()
            .find(|(old, _)| *old == name)
            .map(|(_, rule)| *rule)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A span with a short text shown beside its caret.
#[derive(Clone, Debug)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

/// Where a finding points: a place in a file, a whole file, or the folder.
#[derive(Clone, Debug)]
pub enum Location {
    Span(Label),
    File(FileId),
    Folder(PathBuf),
}

/// One finding.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    /// Other places that explain the finding ("first defined here").
    pub related: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    fn new(rule: Rule, location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.default_severity(),
            message: message.into(),
            location,
            related: Vec::new(),
            help: None,
        }
    }

    /// A finding at a span, with no label text beside the caret.
    pub fn at(rule: Rule, span: Span, message: impl Into<String>) -> Diagnostic {
        let label = Label {
            span,
            text: String::new(),
        };
        Diagnostic::new(rule, Location::Span(label), message)
    }

    /// A finding about a whole file.
    pub fn in_file(rule: Rule, file: FileId, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(rule, Location::File(file), message)
    }

    /// A finding about the contract folder itself.
    pub fn in_folder(rule: Rule, folder: PathBuf, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(rule, Location::Folder(folder), message)
    }

    /// Sets the text beside the primary caret.
    pub fn label(mut self, text: impl Into<String>) -> Diagnostic {
        if let Location::Span(label) = &mut self.location {
            label.text = text.into();
        }
        self
    }

    pub fn related(mut self, span: Span, text: impl Into<String>) -> Diagnostic {
        self.related.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    pub fn help(mut self, text: impl Into<String>) -> Diagnostic {
        self.help = Some(text.into());
        self
    }

    pub fn help_opt(mut self, text: Option<String>) -> Diagnostic {
        self.help = text.or(self.help);
        self
    }

    pub fn file(&self) -> Option<FileId> {
        match &self.location {
            Location::Span(label) => Some(label.span.file),
            Location::File(file) => Some(*file),
            Location::Folder(_) => None,
        }
    }

    pub fn span(&self) -> Option<Span> {
        match &self.location {
            Location::Span(label) => Some(label.span),
            _ => None,
        }
    }
}

/// The list every stage pushes its findings into.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.items
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Applies the contract's levels (`[check]`) and `--deny-warnings`: drops the
    /// allowed findings and sets the severity of the others.
    pub fn apply_levels(&mut self, level_of: impl Fn(Rule) -> Option<Level>, deny_warnings: bool) {
        self.items.retain_mut(|d| {
            let level = if d.rule.configurable() {
                level_of(d.rule)
            } else {
                None
            };
            match level {
                Some(Level::Allow) => return false,
                Some(Level::Warn) => d.severity = Severity::Warning,
                Some(Level::Deny) => d.severity = Severity::Error,
                None => {}
            }
            if deny_warnings {
                d.severity = Severity::Error;
            }
            true
        });
    }

    /// Folder-level findings first, then by file and position, errors before
    /// warnings at the same spot.
    pub fn sort(&mut self) {
        self.items.sort_by_key(|d| {
            let (file, start) = match &d.location {
                Location::Folder(_) => (None, 0),
                Location::File(file) => (Some(*file), 0),
                Location::Span(label) => (Some(label.span.file), label.span.start),
            };
            (file, start, std::cmp::Reverse(d.severity), d.rule)
        });
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_unique_kebab_case_and_round_trip() {
        let mut names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
        for name in &names {
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{name}"
            );
            assert_eq!(Rule::from_name(name).map(Rule::name), Some(*name));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Rule::ALL.len());
    }

    #[test]
    fn every_rule_is_documented() {
        let doc = include_str!("../docs/CHECKS.md");
        for rule in Rule::ALL {
            let row = format!("| `{}` | {} |", rule.name(), rule.default_severity());
            assert!(
                doc.contains(&row),
                "docs/CHECKS.md lacks the row of {}",
                rule.name()
            );
        }
    }

    #[test]
    fn levels_drop_or_change_findings() {
        let file = FileId(0);
        let span = Span {
            file,
            start: 0,
            end: 1,
        };
        let mut list = Diagnostics::default();
        list.push(Diagnostic::at(Rule::NumberingGap, span, "gap"));
        list.push(Diagnostic::at(Rule::EmptyEntry, span, "empty"));
        list.push(Diagnostic::at(Rule::Syntax, span, "syntax"));
        list.push(Diagnostic::at(Rule::UnknownKey, span, "key"));
        list.apply_levels(
            |rule| match rule {
                Rule::NumberingGap => Some(Level::Allow),
                Rule::EmptyEntry => Some(Level::Deny),
                Rule::UnknownKey => Some(Level::Warn),
                // Syntax is not configurable: this must be ignored.
                Rule::Syntax => Some(Level::Allow),
                _ => None,
            },
            false,
        );
        let got: Vec<(Rule, Severity)> = list.iter().map(|d| (d.rule, d.severity)).collect();
        assert_eq!(
            got,
            [
                (Rule::EmptyEntry, Severity::Error),
                (Rule::Syntax, Severity::Error),
                (Rule::UnknownKey, Severity::Warning),
            ]
        );
    }
}
