//! Rules on the contract's tree: codes, numbering, texts.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Code, Contract, Located, quartier_key};
use crate::source::Span;
use crate::suggest;

/// Every code of the tree with its span, in contract order.
fn tree_codes(contract: &Contract) -> impl Iterator<Item = &Located<Code>> {
    contract
        .orientations
        .iter()
        .map(|o| &o.code)
        .chain(contract.priorities.iter().map(|p| &p.code))
        .chain(contract.transversals.iter().map(|t| &t.code))
}

/// The same orientation, priority or transversal code twice.
pub fn duplicate_codes(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<Code, Span> = HashMap::new();
    let mut codes: Vec<&Located<Code>> = tree_codes(contract).collect();
    // Report the later one in reading order, whatever the sort did.
    codes.sort_by_key(|c| (c.span.file, c.span.start));
    for code in codes {
        match first.get(&code.value) {
            Some(&earlier) => out.push(
                Diagnostic::at(
                    Rule::DuplicateCode,
                    code.span,
                    format!("{} is defined twice", code.value),
                )
                .label("defined again here")
                .related(earlier, "first defined here")
                .help("renumber one of them, or merge them"),
            ),
            None => {
                first.insert(code.value, code.span);
            }
        }
    }
}

/// Two quartiers sharing a code, a name or an alias: actions naming it would be
/// ambiguous.
pub fn duplicate_quartiers(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<String, (usize, Span)> = HashMap::new();
    for (i, quartier) in contract.quartiers.iter().enumerate() {
        for spelling in quartier.spellings() {
            match first.get(&quartier_key(spelling)) {
                Some(&(owner, _)) if owner == i => {}
                Some(&(_, earlier)) => out.push(
                    Diagnostic::at(
                        Rule::DuplicateCode,
                        spelling.span,
                        format!(
                            "quartier `{}` is already the code, name or alias of another quartier",
                            spelling.value
                        ),
                    )
                    .label("used again here")
                    .related(earlier, "first used here")
                    .help("each code, name and alias must designate one quartier only"),
                ),
                None => {
                    first.insert(quartier_key(spelling), (i, spelling.span));
                }
            }
        }
    }
}

/// Each priority's orientation exists.
pub fn orientations_exist(contract: &Contract, out: &mut Vec<Diagnostic>) {
    for priority in &contract.priorities {
        let Some(parent) = priority.code.parent() else {
            continue;
        };
        if contract.orientation(parent).is_some() || contract.skipped.codes.contains(&parent) {
            continue;
        }
        // Only the pilier's own file can hold the orientation; if that file did
        // not load, say nothing.
        let pilier_loaded = priority
            .code
            .pilier()
            .and_then(|p| contract.pilier(p))
            .is_some();
        if !pilier_loaded && !contract.complete.pilier_files {
            continue;
        }
        let siblings: Vec<String> = priority
            .code
            .pilier()
            .map(|p| {
                contract
                    .orientations_of(p)
                    .map(|o| o.code.to_string())
                    .collect()
            })
            .unwrap_or_default();
        let help = if siblings.is_empty() {
            format!("add an `[[orientation]]` with `code = \"{parent}\"` to the file")
        } else {
            format!(
                "add an `[[orientation]]` with `code = \"{parent}\"`, or renumber the priority under one of {}",
                siblings.join(", ")
            )
        };
        out.push(
            Diagnostic::at(
                Rule::UnknownOrientation,
                priority.code.span,
                format!(
                    "{} belongs to {parent}, which the contract does not have",
                    priority.code.value
                ),
            )
            .label(format!("no {parent}"))
            .help(help),
        );
    }
}

/// Orientations with no priority, piliers with no orientation.
pub fn empty_levels(contract: &Contract, out: &mut Vec<Diagnostic>) {
    for orientation in &contract.orientations {
        let skipped_below = contract
            .skipped
            .codes
            .iter()
            .any(|c| c.is_within(*orientation.code));
        if contract
            .priorities_within(*orientation.code)
            .next()
            .is_none()
            && !skipped_below
        {
            out.push(
                Diagnostic::at(
                    Rule::EmptyOrientation,
                    orientation.code.span,
                    format!("{} has no priority", orientation.code.value),
                )
                .label("no priority below")
                .help(format!(
                    "add its priorities as `[[priority]]` entries, from {}",
                    orientation
                        .code
                        .first_child()
                        .map_or_else(String::new, |c| c.to_string())
                )),
            );
        }
    }
    for pilier in &contract.piliers {
        let skipped_below = contract
            .skipped
            .codes
            .iter()
            .any(|c| c.is_within(pilier.code()));
        if contract.orientations_of(*pilier.number).next().is_none() && !skipped_below {
            out.push(
                Diagnostic::at(
                    Rule::EmptyPilier,
                    pilier.number.span,
                    format!("pilier {} has no orientation", pilier.number.value),
                )
                .label("no orientation in this pilier")
                .help(format!(
                    "add its orientations as `[[orientation]]` entries, from {}",
                    pilier
                        .code()
                        .first_child()
                        .map_or_else(String::new, |c| c.to_string())
                )),
            );
        }
    }
}

/// Numbers run 1, 2, 3… at each level: a missing number is usually a typo or a
/// lost entry.
pub fn numbering_gaps(contract: &Contract, out: &mut Vec<Diagnostic>) {
    // Sibling groups, keyed by the code of the first sibling: `sibling(1)` is
    // the same for all the children of one parent, and for piliers and for
    // transversal orientations.
    let mut groups: HashMap<Code, Vec<(Code, Option<Span>)>> = HashMap::new();
    if contract.complete.pilier_files {
        for pilier in &contract.piliers {
            groups
                .entry(pilier.code().sibling(1))
                .or_default()
                .push((pilier.code(), Some(pilier.number.span)));
        }
    }
    for code in tree_codes(contract) {
        groups
            .entry(code.sibling(1))
            .or_default()
            .push((code.value, Some(code.span)));
    }
    // Entries left out for another finding still hold their number.
    for &code in &contract.skipped.codes {
        groups
            .entry(code.sibling(1))
            .or_default()
            .push((code, None));
    }
    for mut siblings in groups.into_values() {
        siblings.sort_by_key(|(c, _)| *c);
        siblings.dedup_by_key(|(c, _)| *c);
        let mut expected = 1;
        for (code, span) in siblings {
            let rank = code.rank();
            if let (true, Some(span)) = (rank > expected, span) {
                let missing = if rank == expected + 1 {
                    code.sibling(expected).to_string()
                } else {
                    format!("{} to {}", code.sibling(expected), code.sibling(rank - 1))
                };
                let (message, help) = if expected == 1 {
                    (
                        format!("numbering starts at {code}: {missing} missing"),
                        format!("number from 1, or add {missing}"),
                    )
                } else {
                    (
                        format!(
                            "numbering skips from {} to {code}: {missing} missing",
                            code.sibling(expected - 1)
                        ),
                        format!("renumber, or add {missing}"),
                    )
                };
                out.push(
                    Diagnostic::at(Rule::NumberingGap, span, message)
                        .label("number skipped before this")
                        .help(help),
                );
            }
            expected = rank.saturating_add(1);
        }
    }
}

/// Each emphasised phrase is part of the priority's text.
pub fn emphasis_in_title(contract: &Contract, out: &mut Vec<Diagnostic>) {
    for priority in &contract.priorities {
        for phrase in &priority.emphasis {
            if !priority.title.contains(phrase.as_str()) {
                out.push(
                    Diagnostic::at(
                        Rule::EmphasisNotInTitle,
                        phrase.span,
                        format!(
                            "`{}` does not occur in the title of {}",
                            phrase.value, priority.code.value
                        ),
                    )
                    .label("not in the title")
                    .related(priority.title.span, "the title")
                    .help("copy the phrase exactly as the title writes it"),
                );
            }
        }
    }
}

/// Priorities name publics from the contract's vocabulary only.
pub fn priority_publics(contract: &Contract, out: &mut Vec<Diagnostic>) {
    if !contract.complete.contract_file {
        return;
    }
    for priority in &contract.priorities {
        for public in &priority.publics {
            unknown_public(contract, public, out);
        }
    }
}

/// The `unknown-public` finding for one public, shared with actions.
pub fn unknown_public(contract: &Contract, public: &Located<String>, out: &mut Vec<Diagnostic>) {
    if contract.has_public(public) {
        return;
    }
    let vocabulary = contract.publics.iter().map(|p| p.as_str());
    let help = suggest::did_you_mean(public, vocabulary).unwrap_or_else(|| {
        format!(
            "add `\"{}\"` to `publics` in contrat.toml, or use one of its words",
            public.value
        )
    });
    out.push(
        Diagnostic::at(
            Rule::UnknownPublic,
            public.span,
            format!(
                "`{}` is not in the contract's vocabulary of publics",
                public.value
            ),
        )
        .label("unknown public")
        .help(help),
    );
}
