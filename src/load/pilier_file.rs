//! A file of the tree: one top-level entry (a pilier, an axe) with the
//! entries below it and actions.

use crate::diagnostic::{Diagnostic, Rule};
use crate::load::reader::{Reader, Table, Value};
use crate::model::{
    Action, Amount, Beneficiaries, Code, CodeKind, Indicator, Located, Node, Placeholder,
    Protocole, Skipped, Status, article,
};

/// What one file of the tree contributes to the contract.
pub(crate) struct PilierPart {
    /// Its top-level entry.
    pub top: Node,
    /// The entries below, in the order written.
    pub nodes: Vec<Node>,
    pub actions: Vec<Action>,
    /// Codes and ids of entries left out for a missing or bad key.
    pub skipped: Skipped,
    /// The national themes entries of the file name.
    pub themes: Vec<(Code, Located<&'static crate::themes::Theme>)>,
}

/// Reads a file of the tree. `None` when its top-level key is unusable: the
/// rest cannot be placed in the tree (the finding says why).
pub(crate) fn read(r: &mut Reader, root: &Table<'_, '_>) -> Option<PilierPart> {
    r.check_keys(root);
    let tree = r.tree;
    let top_key = tree.top().key.as_str();
    let top_value = root.get(top_key)?;
    let title = r.title(root, "title");
    let objectives = r.strings(root, "objectives");
    let top = CodeKind::Level(0);
    let code = if tree.top().numbers > 0 {
        let number = r.integer(root, top_key)?;
        tree.numbered(top, &[number.value as u16])
            .map(|c| Located::new(c, number.span))?
    } else {
        let id = r.string(top_value, top_key)?;
        match tree.named(top, &id) {
            Ok(code) => Located::new(code, id.span),
            Err(_) => {
                r.push(
                    Diagnostic::at(
                        Rule::MalformedCode,
                        id.span,
                        format!("`{}` is not an identifier", id.value),
                    )
                    .label("lower-case letters, digits, `-` and `_` only")
                    .help(format!(
                        "write a short identifier such as `{top_key} = \"emploi\"`"
                    )),
                );
                return None;
            }
        }
    };
    let mut top_node = Node {
        title: title.unwrap_or_else(|| Located::new(String::new(), code.span)),
        code: code.clone(),
        parent: None,
        file: r.file,
        objectives,
        emphasis: Vec::new(),
        publics: Vec::new(),
        protocole: Vec::new(),
        note: None,
        accepted_gap: None,
    };
    if tree.top().nameable {
        read_nameable(r, root, &mut top_node);
    }
    let themes = crate::load::grant::tree_themes(r, root, *code);

    let mut skipped = Skipped::default();
    let mut nodes = Vec::new();
    for (kind, level) in tree.kinds().skip(1) {
        for table in r.tables(root, &level.key) {
            match read_node(r, &table, kind, *code) {
                Ok(node) => nodes.push(node),
                Err(Some(code)) => {
                    skipped.codes.insert(code);
                }
                Err(None) => {}
            }
        }
    }

    let mut actions = Vec::new();
    for table in r.tables(root, "action") {
        match read_action(r, &table, *code) {
            Ok(a) => actions.push(a),
            Err(Some(partial)) => {
                skipped.action_ids.insert(partial.id.value.clone());
                skipped.partial_actions.push(*partial);
            }
            Err(None) => {}
        }
    }

    Some(PilierPart {
        top: top_node,
        nodes,
        actions,
        skipped,
        themes,
    })
}

/// The top-level entry a code's numbers place it under, when its form says
/// (`P 1.2.3` is in `Pilier 1`).
fn implied_top(r: &Reader, code: Code) -> Option<Code> {
    let mut here = code;
    while here.kind() != CodeKind::Level(0) {
        here = r.tree.implied_parent(here)?;
    }
    Some(here)
}

/// An entry below the top, or the code of one left out for a missing or bad
/// key. Its parent is what its code says (`OS 1.2` for `P 1.2.3`), the
/// file's top-level entry one level down, or else its `parent` key.
fn read_node(
    r: &mut Reader,
    table: &Table<'_, '_>,
    kind: CodeKind,
    file_top: Code,
) -> Result<Node, Option<Code>> {
    r.check_keys(table);
    let tree = r.tree;
    let level = tree.level(kind);
    let code = r
        .require(table, "code")
        .and_then(|v| r.code(v, "code", &[kind]));
    if let Some(code) = &code
        && let Some(top) = implied_top(r, code.value)
        && top != file_top
    {
        let what = tree.name(kind);
        r.push(
            Diagnostic::at(
                Rule::WrongFile,
                code.span,
                format!(
                    "{} belongs to {top}, but this is the file of {file_top}",
                    code.value
                ),
            )
            .label(format!("not in {file_top}"))
            .help(format!(
                "move this {what} to the file of {top}, or renumber it"
            )),
        );
    }
    let depth = kind.depth().unwrap_or(1);
    let written_parent = if depth >= 2 && level.form.placeholder != Placeholder::Path {
        r.require(table, "parent")
            .and_then(|v| read_parent(r, v, kind))
    } else {
        None
    };
    let title = r.title(table, "title");
    let mut node = Node {
        code: Located::new(file_top, r.span(table.span.clone())),
        title: Located::new(String::new(), r.span(table.span.clone())),
        parent: None,
        file: r.file,
        objectives: Vec::new(),
        emphasis: Vec::new(),
        publics: Vec::new(),
        protocole: Vec::new(),
        note: None,
        accepted_gap: None,
    };
    if level.nameable {
        read_nameable(r, table, &mut node);
    }
    let code = code.ok_or(None)?;
    let parent = if depth == 1 && level.form.placeholder != Placeholder::Path {
        Some(file_top)
    } else {
        tree.implied_parent(code.value)
            .or(written_parent.as_ref().map(|p| p.value))
    };
    node.title = title.ok_or(Some(code.value))?;
    node.code = code;
    node.parent = parent;
    Ok(node)
}

/// The `parent` of an entry: a code of the level right above. A code of
/// another level is a `wrong-parent`: the entry would hang at the wrong
/// depth.
fn read_parent(r: &mut Reader, value: &Value<'_>, kind: CodeKind) -> Option<Located<Code>> {
    let tree = r.tree;
    let depth = kind.depth()?;
    let above = CodeKind::Level(depth as u8 - 1);
    let text = r.string(value, "parent")?;
    if let Ok(code) = tree.code(above, &text) {
        return Some(Located::new(code, text.span));
    }
    let other = tree.read_loose(&text).ok().and_then(|found| {
        found
            .into_iter()
            .find(|c| c.kind() != above && c.kind().depth().is_some())
    });
    match other {
        Some(other) => {
            r.push(
                Diagnostic::at(
                    Rule::WrongParent,
                    text.span,
                    format!(
                        "`{}` is {}, but {} belongs to {}",
                        text.value,
                        article(&tree.name(other.kind())),
                        article(&tree.name(kind)),
                        article(&tree.name(above))
                    ),
                )
                .label(format!("not {}", article(&tree.name(above))))
                .help(format!(
                    "name as `parent` the code of {} such as `{}`",
                    article(&tree.name(above)),
                    tree.example(above)
                )),
            );
            None
        }
        None => r.code(value, "parent", &[above]),
    }
}

/// The keys of an entry that actions may name: its emphasis, publics,
/// protocole links, note and accepted gap.
fn read_nameable(r: &mut Reader, table: &Table<'_, '_>, node: &mut Node) {
    node.emphasis = r.strings(table, "emphasis");
    node.publics = r.strings(table, "publics");
    for link in r.tables(table, "protocole") {
        r.check_keys(&link);
        let text = r.title(&link, "text");
        let mesure = r.integer(&link, "mesure").map(|m| m.value as u32);
        if let Some(text) = text {
            node.protocole.push(Protocole {
                text: text.value,
                mesure,
            });
        }
    }
    node.note = r.optional_string(table, "note").map(|s| s.value);
    node.accepted_gap = r.optional_string(table, "accepted_gap").map(|s| s.value);
}

/// An action; or one left out for a missing or bad key, as far as it was read
/// (missing values empty, a missing year 0), so that its other findings are
/// reported in the same run; or nothing, without a usable id.
fn read_action(
    r: &mut Reader,
    table: &Table<'_, '_>,
    file_top: Code,
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
    let key = r.tree.action_key();
    let serves = match r.require(table, key) {
        Some(value) => {
            let (codes, written) = r.codes(table, key);
            // An action of a national theme may wait to be linked.
            if written == 0 && table.get("theme").is_none() {
                let tree = r.tree;
                let names: Vec<String> = tree.nameable().map(|(k, _)| tree.name(k)).collect();
                let example = tree
                    .nameable()
                    .map(|(k, _)| tree.example(k))
                    .last()
                    .unwrap_or_default();
                r.push(
                    Diagnostic::at(
                        Rule::NoCode,
                        r.span(value.span()),
                        format!("the action names no {}", names.join(" or ")),
                    )
                    .label("empty list")
                    .help(format!(
                        "name {} the action serves first, then any others: `{key} = [\"{example}\"]`",
                        article(&names.join(" or "))
                    )),
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
    let whole = title.is_some() && porteur.is_some() && year.is_some() && serves.is_some();
    let here = r.span(table.span.clone());
    let action = Action {
        id,
        title: title.unwrap_or_else(|| Located::new(String::new(), here)),
        porteur: porteur.unwrap_or_else(|| Located::new(String::new(), here)),
        year: year.unwrap_or_else(|| Located::new(0, here)),
        serves: serves.unwrap_or_default(),
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
        stored_in: Some(file_top),
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
        r.unknown_status(&status);
        Status::default()
    })
}

fn read_indicators(r: &mut Reader, action: &Table<'_, '_>) -> Vec<Indicator> {
    r.each(action, "indicator", |r, table| {
        let name = r.title(table, "name");
        let target = r
            .require(table, "target")
            .and_then(|v| r.number(v, "target"));
        let actual = table.get("actual").and_then(|v| r.number(v, "actual"));
        let unit = r.optional_string(table, "unit").map(|s| s.value);
        Some(Indicator {
            name: name?.value,
            target: target?,
            actual,
            unit,
        })
    })
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
            let tree = crate::model::Tree::default();
            let mut r = Reader::new(FileId(0), &tree);
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
