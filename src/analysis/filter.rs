//! Which actions a question is about: years, part of the tree, quartiers,
//! porteurs, funders, publics, tags, statuses.

use std::collections::BTreeSet;
use std::fmt;

use crate::model::{Action, Code, CodeKind, Contract, Status};
use crate::suggest;

/// A set of years: `2023`, `2022,2023`, `2021..2023` (inclusive), or a mix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Years(BTreeSet<u16>);

impl Years {
    pub fn parse(text: &str) -> Result<Years, String> {
        let mut years = BTreeSet::new();
        for part in text.split(',').map(str::trim) {
            let year = |t: &str| -> Result<u16, String> {
                let t = t.trim();
                if let Some((a, b)) = t.split_once(['-', '/', '–'])
                    && a.trim().parse::<u16>().is_ok()
                    && b.trim().parse::<u16>().is_ok()
                {
                    return Err(format!(
                        "`{t}` is not a year: write `{}..{}` for the years from one to the other",
                        a.trim(),
                        b.trim()
                    ));
                }
                t.parse::<u16>()
                    .ok()
                    .filter(|y| (1900..=2200).contains(y))
                    .ok_or_else(|| format!("`{t}` is not a year"))
            };
            match part.split_once("..") {
                Some((from, to)) => {
                    let to = to.strip_prefix('=').unwrap_or(to);
                    let (from, to) = (year(from)?, year(to)?);
                    if from > to {
                        return Err(format!(
                            "`{part}` ends before it begins: write `{to}..{from}`"
                        ));
                    }
                    years.extend(from..=to);
                }
                None => {
                    years.insert(year(part)?);
                }
            }
        }
        Ok(Years(years))
    }

    pub fn contains(&self, year: u16) -> bool {
        self.0.contains(&year)
    }

    pub fn iter(&self) -> impl Iterator<Item = u16> + '_ {
        self.0.iter().copied()
    }

    pub fn last(&self) -> Option<u16> {
        self.0.last().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<u16> for Years {
    fn from_iter<I: IntoIterator<Item = u16>>(iter: I) -> Years {
        Years(iter.into_iter().collect())
    }
}

/// The filters as given on the command line, before they are checked against
/// the contract. Each list is "any of"; different filters must all hold.
#[derive(Clone, Debug, Default)]
pub struct FilterSpec {
    pub years: Option<Years>,
    pub piliers: Vec<String>,
    pub orientations: Vec<String>,
    pub priorities: Vec<String>,
    /// Codes of any level of the tree (`--in`).
    pub within: Vec<String>,
    pub quartiers: Vec<String>,
    pub communes: Vec<String>,
    pub porteurs: Vec<String>,
    pub funders: Vec<String>,
    pub publics: Vec<String>,
    pub tags: Vec<String>,
    pub statuses: Vec<Status>,
}

/// A filter value that designates nothing in the contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterError {
    pub option: &'static str,
    pub value: String,
    pub reason: String,
    pub help: Option<String>,
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid value `{}` for --{}: {}",
            self.value, self.option, self.reason
        )?;
        if let Some(help) = &self.help {
            write!(f, "\nhelp: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FilterError {}

/// Statuses that count for coverage and gaps unless `--status` says
/// otherwise: the actions that were funded, whether still running,
/// completed or closed.
pub const COUNTED: [Status; 3] = [Status::Funded, Status::Completed, Status::Closed];

/// Every status, in the order of the format: what listings and exports show
/// unless `--status` narrows them.
pub const EVERY_STATUS: [Status; 7] = Status::ALL;

/// Filters checked against the contract, ready to select actions.
#[derive(Clone, Debug)]
pub struct Filter {
    pub years: Option<Years>,
    /// Parts of the tree (piliers, orientations, priorities; axes…): an action
    /// matches if one of the entries it serves lies within one of them.
    pub scopes: Vec<Code>,
    /// Indexes into `contract.quartiers`.
    pub quartiers: Vec<usize>,
    /// Indexes into `contract.communes`.
    pub communes: Vec<usize>,
    /// Folded (lower case, no accents) pieces of porteur names.
    pub porteurs: Vec<String>,
    pub funders: Vec<String>,
    pub publics: Vec<String>,
    pub tags: Vec<String>,
    pub statuses: Vec<Status>,
}

fn error(
    option: &'static str,
    value: &str,
    reason: impl Into<String>,
    help: Option<String>,
) -> FilterError {
    FilterError {
        option,
        value: value.to_owned(),
        reason: reason.into(),
        help,
    }
}

/// A tree code from `--in`, `--pilier`, `--orientation` or `--priority`.
/// `--pilier` and `--orientation` name the first two levels; a priority
/// filter may be a prefix: `P 1.2`, `P 1.2.*`, `1.2`, `P 1`.
fn scope(option: &'static str, text: &str, contract: &Contract) -> Result<Code, FilterError> {
    let tree = &contract.tree;
    let trimmed = text.trim().trim_end_matches('*').trim_end_matches('.');
    let wanted = match option {
        "pilier" => Some(CodeKind::Level(0)),
        "orientation" => Some(CodeKind::Level(1)),
        _ => None,
    };
    let read = if option == "priority" {
        // `P 1.2` names the priorities of OS 1.2: read the numbers alone.
        let prefix = tree.leaf().form.prefix.trim().to_lowercase();
        let numbers = trimmed
            .to_lowercase()
            .strip_prefix(prefix.as_str())
            .filter(|rest| {
                !prefix.is_empty() && rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
            })
            .map(|rest| rest.trim().to_owned());
        contract.read_code(numbers.as_deref().unwrap_or(trimmed))
    } else {
        contract.read_code(trimmed)
    };
    let code = read.map_err(|e| error(option, text, e.to_string(), None))?;
    let fits = match wanted {
        Some(kind) => code.kind() == kind,
        None => code.kind() != CodeKind::Transversal,
    };
    if !fits {
        let kind = wanted.unwrap_or(CodeKind::Level(0));
        return Err(error(
            option,
            text,
            format!("{code} is not {}", crate::model::article(&tree.name(kind))),
            Some(format!("write `--{option} '{}'`", tree.example(kind))),
        ));
    }
    if !contract.has_code(code) {
        let known: Vec<String> = contract
            .level(code.kind())
            .map(|n| n.code.to_string())
            .collect();
        let near = suggest::nearest_n(&code.to_string(), known.iter().map(String::as_str), 3);
        let help = (!near.is_empty()).then(|| format!("the nearest are {}", near.join(", ")));
        return Err(error(
            option,
            text,
            format!("the contract has no {code}"),
            help,
        ));
    }
    Ok(code)
}

impl FilterSpec {
    /// Checks every value against the contract: a code, quartier, funder or
    /// public that does not exist is an error (with the nearest that does), not
    /// an empty answer.
    pub fn resolve(&self, contract: &Contract) -> Result<Filter, FilterError> {
        let mut scopes = Vec::new();
        for (option, values) in [
            ("pilier", &self.piliers),
            ("orientation", &self.orientations),
            ("priority", &self.priorities),
            ("in", &self.within),
        ] {
            for value in values {
                scopes.push(scope(option, value, contract)?);
            }
        }
        let mut quartiers = Vec::new();
        for value in &self.quartiers {
            let index = contract
                .quartiers
                .iter()
                .position(|q| {
                    contract
                        .find_quartier(value)
                        .is_some_and(|found| std::ptr::eq(found, q))
                })
                .ok_or_else(|| {
                    let help = contract.quartier_help(value);
                    error(
                        "quartier",
                        value,
                        "the contract has no such quartier",
                        Some(help),
                    )
                })?;
            quartiers.push(index);
        }
        let mut communes = Vec::new();
        for value in &self.communes {
            let index = contract
                .communes
                .iter()
                .position(|c| {
                    contract
                        .commune(value)
                        .is_some_and(|found| std::ptr::eq(found, c))
                })
                .ok_or_else(|| {
                    let spellings = contract
                        .communes
                        .iter()
                        .flat_map(|c| [c.insee.as_str(), c.name.as_str()]);
                    let help = suggest::did_you_mean(value, spellings).or_else(|| {
                        let names: Vec<String> = contract
                            .communes
                            .iter()
                            .map(|c| format!("{} ({})", c.name.value, c.insee.value))
                            .collect();
                        Some(if names.is_empty() {
                            "the contract declares no `[[commune]]`".to_owned()
                        } else {
                            format!("the communes are: {}", names.join(", "))
                        })
                    });
                    error("commune", value, "the contract has no such commune", help)
                })?;
            communes.push(index);
        }
        for value in &self.funders {
            if contract.funder(value).is_none() {
                let ids = contract.funders.iter().map(|f| f.id.as_str());
                let help = suggest::did_you_mean(value, ids).or_else(|| {
                    let ids: Vec<&str> = contract.funders.iter().map(|f| f.id.as_str()).collect();
                    Some(format!("the funders are: {}", ids.join(", ")))
                });
                return Err(error(
                    "funder",
                    value,
                    "the contract has no such funder",
                    help,
                ));
            }
        }
        for value in &self.publics {
            if !contract.has_public(value) {
                let words = contract.publics.iter().map(|p| p.as_str());
                return Err(error(
                    "public",
                    value,
                    "not in the contract's publics",
                    suggest::did_you_mean(value, words),
                ));
            }
        }
        Ok(Filter {
            years: self.years.clone(),
            scopes,
            quartiers,
            communes,
            porteurs: self
                .porteurs
                .iter()
                .map(|p| suggest::fold(p.trim()))
                .collect(),
            funders: self.funders.clone(),
            publics: self.publics.clone(),
            tags: self.tags.clone(),
            statuses: self.statuses.clone(),
        })
    }
}

impl Filter {
    /// A filter that keeps every action of the given statuses.
    pub fn statuses(statuses: &[Status]) -> Filter {
        Filter {
            years: None,
            scopes: Vec::new(),
            quartiers: Vec::new(),
            communes: Vec::new(),
            porteurs: Vec::new(),
            funders: Vec::new(),
            publics: Vec::new(),
            tags: Vec::new(),
            statuses: statuses.to_vec(),
        }
    }

    /// The statuses kept: those asked for, or `default` when none was.
    pub fn statuses_or<'a>(&'a self, default: &'a [Status]) -> &'a [Status] {
        if self.statuses.is_empty() {
            default
        } else {
            &self.statuses
        }
    }

    /// Whether an action passes every filter but the year and the status.
    pub fn matches_except_time(&self, contract: &Contract, action: &Action) -> bool {
        // Each test runs only when its filter is set: most are empty, and some
        // (quartier spellings, folded porteur names) allocate.
        (self.scopes.is_empty()
            || self.scopes.iter().any(|scope| {
                action
                    .serves
                    .iter()
                    .any(|p| contract.is_within(p.value, *scope))
            }))
            && (self.quartiers.is_empty()
                || action.quartiers.iter().any(|written| {
                    contract.quartier(written).is_some_and(|q| {
                        self.quartiers
                            .iter()
                            .any(|&i| std::ptr::eq(q, &contract.quartiers[i]))
                    })
                }))
            && (self.communes.is_empty()
                || contract.communes_of(action).iter().any(|c| {
                    self.communes
                        .iter()
                        .any(|&i| std::ptr::eq(*c, &contract.communes[i]))
                }))
            && (self.porteurs.is_empty() || {
                // The name as written, or the registry's name for it.
                let written = suggest::fold(&action.porteur);
                let name = suggest::fold(&contract.porteur_name(&action.porteur));
                self.porteurs
                    .iter()
                    .any(|p| written.contains(p.as_str()) || name.contains(p.as_str()))
            })
            && (self.funders.is_empty()
                || action
                    .funding
                    .iter()
                    .any(|a| self.funders.iter().any(|f| *f == *a.funder)))
            && (self.publics.is_empty()
                || action
                    .publics
                    .iter()
                    .any(|p| self.publics.iter().any(|f| *f == **p)))
            && (self.tags.is_empty() || action.tags.iter().any(|t| self.tags.contains(t)))
    }

    /// Whether an action counts: it passes every filter, its year is selected
    /// and its status is among `statuses`.
    pub fn matches(
        &self,
        contract: &Contract,
        action: &Action,
        default_statuses: &[Status],
    ) -> bool {
        // A multi-year action (CPO) counts in each year of its convention.
        self.years
            .as_ref()
            .is_none_or(|y| action.years().any(|year| y.contains(year)))
            && self.statuses_or(default_statuses).contains(&action.status)
            && self.matches_except_time(contract, action)
    }

    /// Whether a code of the tree is within the part of the tree selected.
    pub fn in_scope(&self, contract: &Contract, code: Code) -> bool {
        self.scopes.is_empty()
            || self
                .scopes
                .iter()
                .any(|scope| contract.is_within(code, *scope) || contract.is_within(*scope, code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        let y = |t: &str| Years::parse(t).map(|y| y.iter().collect::<Vec<_>>());
        assert_eq!(y("2023"), Ok(vec![2023]));
        assert_eq!(y("2022,2023"), Ok(vec![2022, 2023]));
        assert_eq!(y("2021..2023"), Ok(vec![2021, 2022, 2023]));
        assert_eq!(y("2021..=2022, 2019"), Ok(vec![2019, 2021, 2022]));
        assert!(
            y("2023..2021")
                .unwrap_err()
                .contains("ends before it begins")
        );
        assert!(y("soon").is_err());
        assert!(y("23").is_err());
    }
}
