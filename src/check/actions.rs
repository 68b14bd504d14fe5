//! Rules on actions: ids, what they refer to, years, money.

use crate::check::tree::unknown_public;
use crate::check::{given_twice, repeats, unknown};
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Action, Code, CodeKind, Contract, Located};
use crate::suggest;

/// Action ids are unique in the whole contract.
pub fn duplicate_ids(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let mut actions: Vec<&Action> = contract.actions.iter().collect();
    actions.sort_by_key(|a| (a.id.span.file, a.id.span.start));
    for (action, earlier) in repeats(actions, |a| a.id.as_str(), |a| a.id.span) {
        out.push(given_twice(
            Rule::DuplicateActionId,
            (action.id.span, earlier),
            "used",
            format!("action id `{}` is used twice", action.id.value),
            "give each action its own id, such as `2023-002`",
        ));
    }
}

/// Everything an action names exists: entries of the tree, transversal ones,
/// quartiers, funders, publics, the action it renews.
pub fn references(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let tree_known = contract.complete.pilier_files;
    let vocabulary_known = contract.complete.contract_file;
    for action in contract
        .actions
        .iter()
        .chain(&contract.skipped.partial_actions)
    {
        if tree_known {
            for code in &action.serves {
                if contract.node(code.value).is_none()
                    && !contract.skipped.codes.contains(&code.value)
                {
                    out.push(unknown_code(contract, code));
                }
            }
            if let Some(renews) = &action.renews {
                unknown_renews(contract, action, renews, out);
            }
        }
        if !vocabulary_known {
            continue;
        }
        for code in &action.transversal {
            if contract.transversal(code.value).is_none() {
                let known: Vec<String> = contract
                    .transversals
                    .iter()
                    .map(|t| t.code.to_string())
                    .collect();
                let what = contract.tree.name(CodeKind::Transversal);
                out.push(
                    Diagnostic::at(
                        Rule::UnknownTransversal,
                        code.span,
                        format!("the contract has no {}", code.value),
                    )
                    .label(format!("unknown {what}"))
                    .help(if known.is_empty() {
                        "contrat.toml declares no `[[transversal]]`".to_owned()
                    } else {
                        format!(
                            "the {} are {}",
                            contract.tree.plural(CodeKind::Transversal),
                            known.join(", ")
                        )
                    }),
                );
            }
        }
        for quartier in &action.quartiers {
            unknown_quartier(contract, quartier, out);
        }
        for amount in action.funding.iter().chain(&action.requested) {
            unknown_funder(contract, &amount.funder, out);
        }
        for public in &action.publics {
            unknown_public(contract, public, out);
        }
    }
}

fn unknown_renews(
    contract: &Contract,
    action: &Action,
    renews: &Located<String>,
    out: &mut Vec<Diagnostic>,
) {
    if renews.value == action.id.value {
        out.push(
            Diagnostic::at(
                Rule::UnknownRenews,
                renews.span,
                format!("action `{}` renews itself", action.id.value),
            )
            .label("its own id")
            .help("`renews` takes the id of the earlier action this one continues"),
        );
        return;
    }
    if contract.action(renews).is_some() || contract.skipped.action_ids.contains(&renews.value) {
        return;
    }
    // Suggest another action, never the renewing one itself.
    let others = contract
        .actions
        .iter()
        .map(|a| a.id.as_str())
        .filter(|id| *id != action.id.as_str());
    out.push(unknown(
        Rule::UnknownRenews,
        (renews, "unknown action"),
        format!("no action has the id `{}`", renews.value),
        others,
        || "`renews` takes the id of an earlier action of the contract".to_owned(),
    ));
}

/// The `unknown-quartier` finding for one spelling, shared with the
/// renewal projects and the posts.
pub fn unknown_quartier(
    contract: &Contract,
    quartier: &Located<String>,
    out: &mut Vec<Diagnostic>,
) {
    if contract.quartier(quartier).is_some() {
        return;
    }
    out.push(
        Diagnostic::at(
            Rule::UnknownQuartier,
            quartier.span,
            format!("the contract has no quartier `{}`", quartier.value),
        )
        .label("unknown quartier")
        .help(contract.quartier_help(quartier)),
    );
}

/// The `unknown-funder` finding for one funder id, shared with the means
/// of contrat.toml.
pub fn unknown_funder(contract: &Contract, funder: &Located<String>, out: &mut Vec<Diagnostic>) {
    if contract.funder(funder).is_some() {
        return;
    }
    out.push(unknown(
        Rule::UnknownFunder,
        (funder, "not in [funders]"),
        format!("unknown funder `{}`", funder.value),
        contract.funders.iter().map(|f| f.id.as_str()),
        || {
            format!(
                "declare it in `[funders]` of contrat.toml: `{} = \"…\"`",
                funder.value
            )
        },
    ));
}

/// The `unknown-code` finding for an entry of the tree an action or a
/// project names.
pub fn unknown_code(contract: &Contract, code: &Located<Code>) -> Diagnostic {
    let tree = &contract.tree;
    let what = tree.name(code.kind());
    let parent = contract.parent(code.value).and_then(|p| contract.node(p));
    let help = match parent {
        Some(parent) => {
            let codes: Vec<String> = contract
                .children(*parent.code)
                .map(|p| p.code.to_string())
                .collect();
            format!(
                "the {} of {} are {}",
                tree.plural(code.kind()),
                parent.code.value,
                codes.join(", ")
            )
        }
        None => {
            let all: Vec<String> = contract
                .level(code.kind())
                .map(|p| p.code.to_string())
                .collect();
            suggest::did_you_mean(&code.to_string(), all.iter().map(String::as_str)).unwrap_or_else(
                || {
                    format!(
                        "`contrat list` shows the contract's {}",
                        tree.plural(code.kind())
                    )
                },
            )
        }
    };
    Diagnostic::at(
        Rule::UnknownCode,
        code.span,
        format!("the contract has no {}", code.value),
    )
    .label(format!("unknown {what}"))
    .help(help)
}

/// Actions happen within the contract's period.
pub fn years(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let Some(period) = &contract.meta.period else {
        return;
    };
    // A partial action's missing year reads 0: reported as missing already.
    let partial = contract
        .skipped
        .partial_actions
        .iter()
        .filter(|a| *a.year != 0);
    for action in contract.actions.iter().chain(partial) {
        if !period.contains(*action.year) {
            out.push(
                Diagnostic::at(
                    Rule::YearOutsidePeriod,
                    action.year.span,
                    format!("year {} is outside the contract's period, {} to {}", action.year.value, period.from, period.to),
                )
                .label("outside the period")
                .related(period.span, "the period")
                .help("correct the year, or extend `period` in contrat.toml if the contract was prolonged"),
            );
        }
    }
}

/// An action lives in the file of a top-level entry it serves.
pub fn placement(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let top = CodeKind::Level(0);
    for action in &contract.actions {
        let tops: Vec<Code> = action
            .serves
            .iter()
            .filter_map(|c| contract.ancestor(c.value, top))
            .collect();
        let Some(stored) = action.stored_in else {
            continue;
        };
        if tops.is_empty() || tops.contains(&stored) {
            continue;
        }
        let main = tops[0];
        let what = contract.tree.name(top);
        out.push(
            Diagnostic::at(
                Rule::MisplacedAction,
                action.id.span,
                format!(
                    "action `{}` is in the file of {stored}, but none of the entries it serves is",
                    action.id.value
                ),
            )
            .label(format!("stored in {stored}"))
            .help(format!(
                "move it to the file of {main}, the {what} of the entry its money counts on"
            )),
        );
    }
}

/// Funding voted never exceeds the cost of the action.
pub fn funding_within_cost(contract: &Contract, out: &mut Vec<Diagnostic>) {
    for action in contract
        .actions
        .iter()
        .chain(&contract.skipped.partial_actions)
    {
        let Some(cost) = &action.cost else { continue };
        let voted = action.funding_total();
        if voted > cost.value {
            let mut d = Diagnostic::at(
                Rule::FundingAboveCost,
                cost.span,
                format!(
                    "funding voted for `{}` ({} €) is above its cost ({} €)",
                    action.id.value, voted, cost.value
                ),
            )
            .label(format!("{} € over the cost", voted - cost.value))
            .help("correct the amounts, or the cost if it grew");
            for amount in &action.funding {
                d = d.related(amount.amount.span, format!("{} €", amount.amount.value));
            }
            out.push(d);
        }
    }
}
