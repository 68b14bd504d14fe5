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
