//! The keys of an action about the grant's life (issue 13), read apart from
//! the action's own so that the tree's reader stays as it is.

use crate::diagnostic::{Diagnostic, Rule};
use crate::ids::{ChorusEj, Dossier};
use crate::load::reader::{Reader, Table};
use crate::model::Grant;

pub(crate) fn read(r: &mut Reader, action: &Table<'_, '_>) -> Grant {
    let dossier = r.optional_string(action, "dossier").inspect(|d| {
        if let Err(e) = Dossier::parse(d) {
            r.push(
                Diagnostic::at(
                    Rule::InvalidValue,
                    d.span,
                    format!("`{}` is not a Dauphin dossier number: it {e}", d.value),
                )
                .label("not a dossier number")
                .help(format!("write {}", Dossier::FORM)),
            );
        } else if let Ok(canonical) = Dossier::parse(d)
            && canonical.as_str() != d.value
        {
            r.push(
                Diagnostic::at(
                    Rule::InvalidValue,
                    d.span,
                    format!(
                        "the dossier number `{}` is not written canonically",
                        d.value
                    ),
                )
                .label("lower case or spaces")
                .help(format!("write `dossier = \"{canonical}\"`")),
            );
        }
    });
    let chorus_ej =
        r.optional_string(action, "chorus_ej")
            .inspect(|ej| match ChorusEj::parse(ej) {
                Err(e) => r.push(
                    Diagnostic::at(
                        Rule::InvalidValue,
                        ej.span,
                        format!("`{}` is not a Chorus EJ number: it {e}", ej.value),
                    )
                    .label("not an EJ number")
                    .help("write the 10 digits of the engagement juridique, such as `2103456789`"),
                ),
                Ok(canonical) if canonical.as_str() != ej.value => r.push(
                    Diagnostic::at(
                        Rule::InvalidValue,
                        ej.span,
                        format!("the Chorus EJ `{}` is not written as 10 digits", ej.value),
                    )
                    .label("spaces")
                    .help(format!("write `chorus_ej = \"{canonical}\"`")),
                ),
                Ok(_) => {}
            });
    Grant { dossier, chorus_ej }
}
