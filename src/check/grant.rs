//! Rules on the grant's life of actions: one action per Dauphin dossier.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Rule};
use crate::model::Contract;
use crate::source::Span;

pub fn dossiers(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, (Span, &str)> = HashMap::new();
    let mut actions: Vec<_> = contract.actions.iter().collect();
    actions.sort_by_key(|a| (a.id.span.file, a.id.span.start));
    for action in actions {
        let Some(dossier) = &action.grant.dossier else {
            continue;
        };
        match first.get(dossier.as_str()) {
            Some(&(earlier, id)) => out.push(
                Diagnostic::at(
                    Rule::DuplicateEntry,
                    dossier.span,
                    format!(
                        "dossier {} is carried by two actions, `{id}` and `{}`",
                        dossier.value, action.id.value
                    ),
                )
                .label("carried again here")
                .related(earlier, format!("carried by `{id}`"))
                .help("a Dauphin dossier is one action: remove it from one of them, or merge the two actions"),
            ),
            None => {
                first.insert(dossier.as_str(), (dossier.span, action.id.as_str()));
            }
        }
    }
}

/// A multi-year action ends within the contract's period, not before it
/// begins; what it says was paid comes from the contract's funders.
pub fn life(contract: &Contract, out: &mut Vec<Diagnostic>) {
    for action in contract
        .actions
        .iter()
        .chain(&contract.skipped.partial_actions)
    {
        if let Some(until) = &action.grant.until {
            if until.value < *action.year && *action.year != 0 {
                out.push(
                    Diagnostic::at(
                        Rule::InvalidValue,
                        until.span,
                        format!(
                            "action `{}` ends in {} before it begins in {}",
                            action.id.value, until.value, action.year.value
                        ),
                    )
                    .label("before `year`")
                    .help("`until` is the last year of the convention, `year` its first"),
                );
            } else if let Some(period) = &contract.meta.period
                && !period.contains(until.value)
            {
                out.push(
                    Diagnostic::at(
                        Rule::YearOutsidePeriod,
                        until.span,
                        format!(
                            "year {} is outside the contract's period, {} to {}",
                            until.value, period.from, period.to
                        ),
                    )
                    .label("outside the period")
                    .related(period.span, "the period")
                    .help("the action counts in each year to `until`: end it within the period, or extend `period`"),
                );
            }
        }
        if contract.complete.contract_file {
            for partner in &action.grant.partners {
                if let Some(f) = contract.funders.iter().find(|f| {
                    crate::fold::key(&f.id) == crate::fold::key(&partner.funder)
                        || crate::fold::key(&f.name) == crate::fold::key(&partner.funder)
                }) {
                    out.push(
                        Diagnostic::at(
                            Rule::InvalidValue,
                            partner.funder.span,
                            format!(
                                "`{}` is a funder of the contract, not a partner outside it",
                                partner.funder.value
                            ),
                        )
                        .label("a funder of [funders]")
                        .help(format!(
                            "write its amount in `[action.funding]` as `{} = {}`: partners are those the contract does not count",
                            f.id.value, partner.amount.value
                        )),
                    );
                }
            }
            for amount in &action.grant.paid {
                crate::check::actions::unknown_funder(contract, &amount.funder, out);
            }
        }
    }
}

/// An action of a national theme that names no priority yet is to be
/// linked; one of theme 4 (pilotage, ingénierie) needs none.
pub fn unlinked(contract: &Contract, out: &mut Vec<Diagnostic>) {
    for action in &contract.actions {
        let Some(theme) = &action.grant.theme else {
            continue;
        };
        if !action.serves.is_empty() || theme.is_steering() {
            continue;
        }
        let tree = &contract.tree;
        let key = tree.action_key();
        // What actions name, in the checker's words: "priority", "objectif".
        let what = tree
            .nameable()
            .map(|(k, _)| tree.name(k))
            .last()
            .unwrap_or_default();
        // The entries actions may name that the tree puts under the same theme.
        let near: Vec<String> = contract
            .nodes
            .iter()
            .filter(|n| tree.level(n.level()).nameable)
            .filter(|n| {
                contract
                    .theme_of(*n.code)
                    .is_some_and(|t| t.is_within(theme.value) || theme.value.is_within(t))
            })
            .map(|n| n.code.to_string())
            .collect();
        let help = match near.first() {
            Some(first) => format!(
                "link it to the {what} it serves: `{key} = [\"{first}\"]`; the tree puts {} under theme {}",
                near.join(", "),
                theme.code
            ),
            None => {
                let example = tree
                    .nameable()
                    .map(|(k, _)| tree.example(k))
                    .last()
                    .unwrap_or_default();
                format!(
                    "link it to the {what} it serves: `{key} = [\"{example}\"]` (no entry of the tree names theme {} yet: `theme = \"{}\"` on one says where it falls)",
                    theme.code, theme.code
                )
            }
        };
        out.push(
            Diagnostic::at(
                Rule::UnlinkedAction,
                theme.span,
                format!(
                    "action `{}` of theme {} names no {what} yet",
                    action.id.value,
                    theme.label()
                ),
            )
            .label("to be linked")
            .help(help),
        );
    }
}
