//! Rules on actions: ids, what they refer to, years, money.

use std::collections::HashMap;

use crate::check::tree::unknown_public;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Action, Code, Contract, Located};
use crate::source::Span;
use crate::suggest;

/// Action ids are unique in the whole contract.
pub fn duplicate_ids(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, Span> = HashMap::new();
    let mut actions: Vec<&Action> = contract.actions.iter().collect();
    actions.sort_by_key(|a| (a.id.span.file, a.id.span.start));
    for action in actions {
        match first.get(action.id.as_str()) {
            Some(&earlier) => out.push(
                Diagnostic::at(
                    Rule::DuplicateActionId,
                    action.id.span,
                    format!("action id `{}` is used twice", action.id.value),
                )
                .label("used again here")
                .related(earlier, "first used here")
                .help("give each action its own id, such as `2023-002`"),
            ),
            None => {
                first.insert(&action.id, action.id.span);
            }
        }
    }
}

/// Everything an action names exists: priorities, transversal orientations,
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
            for code in &action.priorities {
                if contract.priority(code.value).is_none()
                    && !contract.skipped.codes.contains(&code.value)
                {
                    out.push(unknown_priority(contract, code));
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
                out.push(
                    Diagnostic::at(
                        Rule::UnknownTransversal,
                        code.span,
                        format!("the contract has no {}", code.value),
                    )
                    .label("unknown transversal orientation")
                    .help(if known.is_empty() {
                        "contrat.toml declares no `[[transversal]]`".to_owned()
                    } else {
                        format!("the transversal orientations are {}", known.join(", "))
                    }),
                );
            }
        }
        for quartier in &action.quartiers {
            if contract.quartier(quartier).is_none() {
                let help = contract.quartier_help(quartier);
                out.push(
                    Diagnostic::at(
                        Rule::UnknownQuartier,
                        quartier.span,
                        format!("the contract has no quartier `{}`", quartier.value),
                    )
                    .label("unknown quartier")
                    .help(help),
                );
            }
        }
        for amount in action.funding.iter().chain(&action.requested) {
            if contract.funder(&amount.funder).is_none() {
                let ids = contract.funders.iter().map(|f| f.id.as_str());
                let help = suggest::did_you_mean(&amount.funder, ids).unwrap_or_else(|| {
                    format!(
                        "declare it in `[funders]` of contrat.toml: `{} = \"…\"`",
                        amount.funder.value
                    )
                });
                out.push(
                    Diagnostic::at(
                        Rule::UnknownFunder,
                        amount.funder.span,
                        format!("unknown funder `{}`", amount.funder.value),
                    )
                    .label("not in [funders]")
                    .help(help),
                );
            }
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
    out.push(
        Diagnostic::at(
            Rule::UnknownRenews,
            renews.span,
            format!("no action has the id `{}`", renews.value),
        )
        .label("unknown action")
        .help(suggest::did_you_mean(renews, others).unwrap_or_else(|| {
            "`renews` takes the id of an earlier action of the contract".to_owned()
        })),
    );
}

fn unknown_priority(contract: &Contract, code: &Located<Code>) -> Diagnostic {
    let help = match code.parent().and_then(|o| contract.orientation(o)) {
        Some(orientation) => {
            let codes: Vec<String> = contract
                .priorities_within(*orientation.code)
                .map(|p| p.code.to_string())
                .collect();
            format!(
                "the priorities of {} are {}",
                orientation.code.value,
                codes.join(", ")
            )
        }
        None => {
            let all: Vec<String> = contract
                .priorities
                .iter()
                .map(|p| p.code.to_string())
                .collect();
            suggest::did_you_mean(&code.to_string(), all.iter().map(String::as_str))
                .unwrap_or_else(|| "`contrat list` shows the contract's priorities".to_owned())
        }
    };
    Diagnostic::at(
        Rule::UnknownPriority,
        code.span,
        format!("the contract has no {}", code.value),
    )
    .label("unknown priority")
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

/// An action lives in the file of a pilier it serves.
pub fn placement(contract: &Contract, out: &mut Vec<Diagnostic>) {
    for action in &contract.actions {
        let piliers: Vec<u16> = action
            .priorities
            .iter()
            .filter_map(|c| c.pilier())
            .collect();
        if piliers.is_empty() || piliers.contains(&action.stored_in) {
            continue;
        }
        let main = piliers[0];
        out.push(
            Diagnostic::at(
                Rule::MisplacedAction,
                action.id.span,
                format!(
                    "action `{}` is in the file of pilier {}, but none of its priorities is",
                    action.id.value, action.stored_in
                ),
            )
            .label(format!("stored in pilier {}", action.stored_in))
            .help(format!(
                "move it to the file of pilier {main}, the pilier of its main priority"
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
