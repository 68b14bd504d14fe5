//! The keys of an action about the grant's life (issue 13), read apart from
//! the action's own so that the tree's reader stays as it is.

use crate::check::{IdWords, identifier};
use crate::diagnostic::{Diagnostic, Rule};
use crate::ids::{ChorusEj, Dossier};
use toml::de::DeValue;

use crate::load::reader::{Reader, Table, Value};
use crate::model::Code;
use crate::model::{Dates, Grant, Located, Status};
use crate::themes::{THEMES, Theme};

pub(crate) fn read(r: &mut Reader, action: &Table<'_, '_>) -> Grant {
    let dossier = r.optional_string(action, "dossier").inspect(|d| {
        identifier(
            d,
            Dossier::parse(d),
            IdWords {
                rule: Rule::InvalidValue,
                key: "dossier",
                kind: "a Dauphin dossier number",
                invalid_label: "not a dossier number",
                invalid_help: format!("write {}", Dossier::FORM),
                uncanonical: format!(
                    "the dossier number `{}` is not written canonically",
                    d.value
                ),
                uncanonical_label: "lower case or spaces",
            },
            |diagnostic| r.push(diagnostic),
        );
    });
    let chorus_ej = r.optional_string(action, "chorus_ej").inspect(|ej| {
        identifier(
            ej,
            ChorusEj::parse(ej),
            IdWords {
                rule: Rule::InvalidValue,
                key: "chorus_ej",
                kind: "a Chorus EJ number",
                invalid_label: "not an EJ number",
                invalid_help:
                    "write the 10 digits of the engagement juridique, such as `2103456789`"
                        .to_owned(),
                uncanonical: format!("the Chorus EJ `{}` is not written as 10 digits", ej.value),
                uncanonical_label: "spaces",
            },
            |diagnostic| r.push(diagnostic),
        );
    });
    let mut dates = Dates::default();
    if let Some(table) = r.table(action, "dates") {
        r.check_keys(&table);
        for (key, slot) in [
            ("filed", &mut dates.filed),
            ("voted", &mut dates.voted),
            ("paid", &mut dates.paid),
            ("bilan", &mut dates.bilan),
        ] {
            if let Some(value) = table.get(key) {
                *slot = r.date(value, key).map(|d| d.value);
            }
        }
    }
    let paid = crate::load::pilier_file::read_amounts(r, action, "paid");
    let until = r
        .integer(action, "until")
        .map(|y| Located::new(y.value as u16, y.span));
    let own_funds = action
        .get("own_funds")
        .and_then(|v| r.money(v, "own_funds"));
    let partners = crate::load::pilier_file::read_amounts(r, action, "partners");
    let theme = action.get("theme").and_then(|v| theme(r, v));
    Grant {
        dossier,
        chorus_ej,
        dates,
        paid,
        until,
        own_funds,
        partners,
        theme,
    }
}

/// A national theme by its code: `1.1`, `1.5a`.
fn theme(r: &mut Reader, value: &Value<'_>) -> Option<Located<&'static Theme>> {
    let text = r.string(value, "theme")?;
    match Theme::by_code(&text) {
        Some(t) => Some(Located::new(t, text.span)),
        None => {
            let help = match Theme::parse(&text) {
                Some(t) => format!("write `theme = \"{}\"` ({})", t.code, t.title),
                None => format!(
                    "write the code of a theme of the ANCT's nomenclature: {}",
                    THEMES.iter().map(|t| t.code).collect::<Vec<_>>().join(", ")
                ),
            };
            r.push(
                Diagnostic::at(
                    Rule::InvalidValue,
                    text.span,
                    format!("`{}` is not the code of a national theme", text.value),
                )
                .label("not a theme's code")
                .help(help),
            );
            None
        }
    }
}

/// The national themes the entries of a pilier file name: its top level's
/// and each entry's of a level of the tree, by code. Read apart from the
/// tree's own reader, which reports everything else about these entries.
pub(crate) fn tree_themes(
    r: &mut Reader,
    root: &Table<'_, '_>,
    top: Code,
) -> Vec<(Code, Located<&'static Theme>)> {
    let mut out = Vec::new();
    if let Some(t) = root.get("theme").and_then(|v| theme(r, v)) {
        out.push((top, t));
    }
    let tree = r.tree;
    for (kind, level) in tree.kinds().skip(1) {
        let Some(DeValue::Array(items)) = root.get(&level.key).map(|v| v.get_ref()) else {
            continue;
        };
        for item in items.iter() {
            let DeValue::Table(entry) = item.get_ref() else {
                continue;
            };
            let code = entry.get("code").and_then(|c| match c.get_ref() {
                DeValue::String(s) => tree.code(kind, s).ok(),
                _ => None,
            });
            let Some(value) = entry.get("theme") else {
                continue;
            };
            if let (Some(code), Some(t)) = (code, theme(r, value)) {
                out.push((code, t));
            }
        }
    }
    out
}

/// `[statuses]` of `contrat.toml`: how the contract reads Dauphin's labels.
pub(crate) fn statuses(r: &mut Reader, root: &Table<'_, '_>) -> Vec<(Located<String>, Status)> {
    let Some(entries) = r.map(root, "statuses") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in entries.iter() {
        let label: &str = key.get_ref();
        let label = Located::new(label.to_owned(), r.span(key.span()));
        let Some(status) = r.string(value, &label) else {
            continue;
        };
        match Status::parse(&status) {
            Some(s) => out.push((label, s)),
            None => r.unknown_status(&status),
        }
    }
    out
}
