//! A pilier file: one pilier with its orientations, priorities and actions.

use crate::diagnostic::{Diagnostic, Rule};
use crate::load::reader::{Reader, Table};
use crate::model::{
    Action, Amount, Beneficiaries, Code, CodeKind, Indicator, Located, Orientation, Pilier,
    Priority, Protocole, Skipped, Status,
};
use crate::suggest;

/// What one pilier file contributes to the contract.
pub(crate) struct PilierPart {
    pub pilier: Pilier,
    pub orientations: Vec<Orientation>,
    pub priorities: Vec<Priority>,
    pub actions: Vec<Action>,
    /// Codes and ids of entries left out for a missing or bad key.
    pub skipped: Skipped,
    /// The national themes entries of the file name.
    pub themes: Vec<(Code, Located<&'static crate::themes::Theme>)>,
}

/// Reads a pilier file. `None` when its `pilier` number is unusable: the rest
/// cannot be placed in the tree (the finding says why).
pub(crate) fn read(r: &mut Reader, root: &Table<'_, '_>) -> Option<PilierPart> {
    r.check_keys(root);
    root.get("pilier")?;
    let title = r.title(root, "title");
    let objectives = r.strings(root, "objectives");
    let number = r.integer(root, "pilier")?;
    let number = Located::new(number.value as u16, number.span);
    let pilier = Pilier {
        file: r.file,
        number: number.clone(),
        title: title.unwrap_or_else(|| Located::new(String::new(), number.span)),
        objectives,
    };

    let themes = crate::load::grant::tree_themes(r, root, Code::Pilier(*number));
    let mut skipped = Skipped::default();
    let mut orientations = Vec::new();
    for table in r.tables(root, "orientation") {
        r.check_keys(&table);
        let code = read_code(r, &table, CodeKind::Orientation, *number);
        let title = r.title(&table, "title");
        match (code, title) {
            (Some(code), Some(title)) => orientations.push(Orientation { code, title }),
            (Some(code), None) => {
                skipped.codes.insert(code.value);
            }
            _ => {}
        }
    }

    let mut priorities = Vec::new();
    for table in r.tables(root, "priority") {
        match read_priority(r, &table, *number) {
            Ok(p) => priorities.push(p),
            Err(Some(code)) => {
                skipped.codes.insert(code);
            }
            Err(None) => {}
        }
    }

    let mut actions = Vec::new();
    for table in r.tables(root, "action") {
        match read_action(r, &table, *number) {
            Ok(a) => actions.push(a),
            Err(Some(partial)) => {
                skipped.action_ids.insert(partial.id.value.clone());
                skipped.partial_actions.push(*partial);
            }
            Err(None) => {}
        }
    }

    Some(PilierPart {
        pilier,
        orientations,
        priorities,
        actions,
        skipped,
        themes,
    })
}

/// A code of the tree, which must belong to this file's pilier.
fn read_code(
    r: &mut Reader,
    table: &Table<'_, '_>,
    kind: CodeKind,
    pilier: u16,
) -> Option<Located<Code>> {
    let value = r.require(table, "code")?;
    let code = r.code(value, "code", kind)?;
    if code.pilier() != Some(pilier) {
        r.push(
            Diagnostic::at(
                Rule::WrongPilier,
                code.span,
                format!(
                    "{} belongs to pilier {}, but this is the file of pilier {pilier}",
                    code.value,
                    code.pilier().unwrap_or(0)
                ),
            )
            .label(format!("not in pilier {pilier}"))
            .help(format!(
                "move this {} to the file of pilier {}, or renumber it",
                kind.name(),
                code.pilier().unwrap_or(0)
            )),
        );
    }
    Some(code)
}

/// A priority, or the code of one left out for a missing or bad key.
fn read_priority(
    r: &mut Reader,
    table: &Table<'_, '_>,
    pilier: u16,
) -> Result<Priority, Option<Code>> {
    r.check_keys(table);
    let code = read_code(r, table, CodeKind::Priority, pilier);
    let title = r.title(table, "title");
    let emphasis = r.strings(table, "emphasis");
    let publics = r.strings(table, "publics");
    let mut protocole = Vec::new();
    for link in r.tables(table, "protocole") {
        r.check_keys(&link);
        let text = r.title(&link, "text");
        let mesure = r.integer(&link, "mesure").map(|m| m.value as u32);
        if let Some(text) = text {
            protocole.push(Protocole {
                text: text.value,
                mesure,
            });
        }
    }
    let note = r.optional_string(table, "note").map(|s| s.value);
    let accepted_gap = r.optional_string(table, "accepted_gap").map(|s| s.value);
    let code = code.ok_or(None)?;
    let title = title.ok_or(Some(code.value))?;
    Ok(Priority {
        code,
        title,
        emphasis,
        publics,
        protocole,
        note,
        accepted_gap,
    })
}

/// An action; or one left out for a missing or bad key, as far as it was read
/// (missing values empty, a missing year 0), so that its other findings are
/// reported in the same run; or nothing, without a usable id.
fn read_action(
    r: &mut Reader,
    table: &Table<'_, '_>,
    pilier: u16,
) -> Result<Action, Option<Box<Action>>> {
    r.check_keys(table);
    let id = r.required_string(table, "id").and_then(|id| {
        if id.is_empty() || id.trim() != id.value || id.chars().any(char::is_control) {
            r.push(
                Diagnostic::at(
                    Rule::InvalidValue,
                    id.span,
                    format!(
                        "action id `{}` is empty or has surrounding spaces",
                        id.value
                    ),
                )
                .label("not a usable id")
                .help("write an id such as `2023-001`"),
            );
            None
        } else {
            Some(id)
        }
    });
    let title = r.title(table, "title");
    let porteur = r.title(table, "porteur");
    let year = r
        .required_integer(table, "year")
        .map(|y| Located::new(y.value as u16, y.span));
    let priorities = match r.require(table, "priorities") {
        Some(value) => {
            let (codes, written) = r.codes(table, "priorities");
            // An action of a national theme may wait to be linked.
            if written == 0 && table.get("theme").is_none() {
                r.push(
                    Diagnostic::at(Rule::NoPriority, r.span(value.span()), "the action names no priority")
                        .label("empty list")
                        .help("name the priority the action serves first, then any others: `priorities = [\"P 1.1.1\"]`"),
                );
            }
            Some(codes)
        }
        None => None,
    };
    let description = r.optional_string(table, "description").map(|s| s.value);
    let (transversal, _) = r.codes(table, "transversal");
    let quartiers = r.strings(table, "quartiers");
    let publics = r.strings(table, "publics");
    let cost = table.get("cost").and_then(|v| r.money(v, "cost"));
    let funding = read_amounts(r, table, "funding");
    let requested = read_amounts(r, table, "requested");
    let beneficiaries = read_beneficiaries(r, table);
    let status = read_status(r, table);
    let renews = r.optional_string(table, "renews");
    let tags = r
        .strings(table, "tags")
        .into_iter()
        .map(|t| t.value)
        .collect();
    let indicators = read_indicators(r, table);
    let grant = crate::load::grant::read(r, table);
    let id = id.ok_or(None)?;
    let whole = title.is_some() && porteur.is_some() && year.is_some() && priorities.is_some();
    let here = r.span(table.span.clone());
    let action = Action {
        id,
        title: title.unwrap_or_else(|| Located::new(String::new(), here)),
        porteur: porteur.unwrap_or_else(|| Located::new(String::new(), here)),
        year: year.unwrap_or_else(|| Located::new(0, here)),
        priorities: priorities.unwrap_or_default(),
        description,
        transversal,
        quartiers,
        publics,
        cost,
        funding,
        requested,
        beneficiaries,
        status,
        renews,
        tags,
        indicators,
        grant,
        file: r.file,
        stored_in: pilier,
    };
    if whole {
        Ok(action)
    } else {
        Err(Some(Box::new(action)))
    }
}

/// `[action.funding]` or `[action.requested]`: funder id = amount.
pub(crate) fn read_amounts(r: &mut Reader, action: &Table<'_, '_>, key: &str) -> Vec<Amount> {
    let Some(entries) = r.map(action, key) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (funder, value) in entries.iter() {
        let name: &str = funder.get_ref();
        if let Some(amount) = r.money(value, name) {
            out.push(Amount {
                funder: Located::new(name.to_owned(), r.span(funder.span())),
                amount,
            });
        }
    }
    out
}

fn read_beneficiaries(r: &mut Reader, action: &Table<'_, '_>) -> Beneficiaries {
    let Some(table) = r.table(action, "beneficiaries") else {
        return Beneficiaries::default();
    };
    r.check_keys(&table);
    let mut count = |key: &str| r.integer(&table, key).map(|n| n.value as u64);
    Beneficiaries {
        planned: count("planned"),
        actual: count("actual"),
    }
}

fn read_status(r: &mut Reader, action: &Table<'_, '_>) -> Status {
    let Some(status) = r.optional_string(action, "status") else {
        return Status::default();
    };
    Status::parse(&status).unwrap_or_else(|| {
        let help = suggest::did_you_mean(&status, Status::NAMES)
            .unwrap_or_else(|| format!("use one of: {}", Status::NAMES.join(", ")));
        r.push(
            Diagnostic::at(
                Rule::InvalidValue,
                status.span,
                format!("unknown status `{}`", status.value),
            )
            .label("unknown status")
            .help(help),
        );
        Status::default()
    })
}

fn read_indicators(r: &mut Reader, action: &Table<'_, '_>) -> Vec<Indicator> {
    let mut out = Vec::new();
    for table in r.tables(action, "indicator") {
        r.check_keys(&table);
        let name = r.title(&table, "name");
        let target = r
            .require(&table, "target")
            .and_then(|v| r.number(v, "target"));
        let actual = table.get("actual").and_then(|v| r.number(v, "actual"));
        let unit = r.optional_string(&table, "unit").map(|s| s.value);
        if let (Some(name), Some(target)) = (name, target) {
            out.push(Indicator {
                name: name.value,
                target,
                actual,
                unit,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use crate::spec::{KeySpec, Shape, Spec, TableSpec};

    /// Adding a key to the format is one edit of the spec: here a list of
    /// contacts added to a clone of the action's keys, after `cost`. The
    /// reader knows it, `fmt` puts it after `cost`, the schema and the docs'
    /// table describe it. (Reading its value into the model is the reader's
    /// own line of code.)
    #[test]
    fn a_key_added_to_the_spec_reaches_reader_fmt_schema_and_docs() {
        let mut spec = Spec::builtin().clone();
        let action = spec
            .pilier
            .key_mut("action")
            .and_then(|k| k.shape.table_mut())
            .unwrap();
        let after_cost = action.rank("cost").unwrap() + 1;
        action.keys.insert(
            after_cost,
            KeySpec {
                name: "contacts".into(),
                shape: Shape::Texts,
                required: false,
                example: "contacts = [\"Mission locale\"]".into(),
                doc: "Organisations that work with the porteur.".into(),
            },
        );
        let text = "pilier = 1\ntitle = \"T\"\n\n[[action]]\ncontacts = [\"Mission locale\"]\nid = \"2023-001\"\ntitle = \"A\"\nporteur = \"P\"\nyear = 2023\npriorities = [\"P 1.1.1\"]\ncost = 100\n";

        let unknown_keys = |file: &TableSpec| {
            let doc = toml::de::DeTable::parse(text).unwrap();
            let mut r = Reader::new(FileId(0));
            let root = Table {
                entries: doc.get_ref(),
                span: 0..0,
                spec: file,
            };
            read(&mut r, &root);
            r.diagnostics
                .iter()
                .filter(|d| d.rule == Rule::UnknownKey)
                .count()
        };
        assert_eq!(unknown_keys(&Spec::builtin().pilier), 1);
        assert_eq!(unknown_keys(&spec.pilier), 0);

        let formatted = crate::edit::fmt::format_with(text, &spec.pilier).unwrap();
        assert!(
            formatted.contains("cost = 100\ncontacts = [\"Mission locale\"]\n"),
            "{formatted}"
        );

        let schema = crate::schema::of_file(&spec.pilier);
        let contacts = &schema["properties"]["action"]["items"]["properties"]["contacts"];
        assert_eq!(contacts["type"], "array");
        assert_eq!(
            contacts["description"],
            "Organisations that work with the porteur."
        );

        let action = spec.pilier.key("action").unwrap().shape.table().unwrap();
        assert!(crate::spec::key_table(action, &["action"]).contains(
            "| `contacts` | array of strings | no | Organisations that work with the porteur. |"
        ));
    }
}
