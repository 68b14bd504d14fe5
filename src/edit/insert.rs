//! Appending actions to a pilier file, in canonical form, leaving every byte
//! already in the file as it was.

use std::collections::BTreeMap;
use std::path::PathBuf;

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use crate::edit::fmt::{FileKind, format_in};
use crate::load::{Loaded, MemoryFile};
use crate::model::{Code, CodeKind, Contract, Dates, Money, Status};
use crate::spec::Spec;

/// An action to add, as `add action` and `import` build it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewAction {
    pub id: String,
    pub title: String,
    pub porteur: String,
    pub year: u16,
    /// The entries it serves (priorities); the first is the main one, whose
    /// top-level entry's file receives the action.
    pub priorities: Vec<Code>,
    pub description: Option<String>,
    pub transversal: Vec<Code>,
    pub quartiers: Vec<String>,
    pub publics: Vec<String>,
    pub cost: Option<Money>,
    pub funding: Vec<(String, Money)>,
    pub requested: Vec<(String, Money)>,
    pub planned: Option<u64>,
    pub actual: Option<u64>,
    /// Left out of the file when `None` (the format's default is `funded`).
    pub status: Option<Status>,
    pub renews: Option<String>,
    pub tags: Vec<String>,
    /// The Dauphin dossier number.
    pub dossier: Option<String>,
    /// The Chorus engagement juridique.
    pub chorus_ej: Option<String>,
    /// The last year of a multi-year convention.
    pub until: Option<u16>,
    /// The dates of the grant's life.
    pub dates: Dates,
    /// Funding paid, per funder.
    pub paid: Vec<(String, Money)>,
    /// The porteur's own funds.
    pub own_funds: Option<Money>,
    /// Partners outside the contract's funders, by name.
    pub partners: Vec<(String, Money)>,
    /// The national theme or sub-theme.
    pub theme: Option<&'static crate::themes::Theme>,
}

/// Why actions cannot be placed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InsertError {
    #[error("action `{0}` names no entry of the tree")]
    NoPriority(String),
    #[error("action `{id}`: the contract has no file for the entry above {code}, its main one")]
    NoPilierFile { id: String, code: Code },
}

/// An amount as a TOML value written canonically: `8000`, `8000.50`.
fn money(m: Money) -> Value {
    m.to_string()
        .parse()
        .expect("a canonical amount is a TOML number")
}

/// A date as a TOML local date: `2023-04-01`.
pub(crate) fn date_value(date: crate::model::Date) -> Value {
    date.to_string()
        .parse::<toml_edit::Datetime>()
        .map(Value::from)
        .expect("a date prints as a TOML local date")
}

fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> Value {
    let mut array = Array::new();
    for item in items {
        array.push(item);
    }
    Value::Array(array)
}

fn amounts(list: &[(String, Money)]) -> Table {
    let mut table = Table::new();
    for (funder, amount) in list {
        table.insert(funder, Item::Value(money(*amount)));
    }
    table
}

/// The `[[action]]` entry of one action, in canonical form, starting with its
/// header line and ending with a newline. The keys go in as they come; `fmt`
/// puts them in the spec's order.
pub fn action_text(action: &NewAction, spec: &Spec) -> String {
    let mut t = Table::new();
    t.insert("id", toml_edit::value(&action.id));
    t.insert("title", toml_edit::value(&action.title));
    t.insert("porteur", toml_edit::value(&action.porteur));
    t.insert("year", toml_edit::value(i64::from(action.year)));
    if let Some(until) = action.until {
        t.insert("until", toml_edit::value(i64::from(until)));
    }
    let codes: Vec<String> = action.priorities.iter().map(ToString::to_string).collect();
    t.insert(
        spec.tree.action_key(),
        Item::Value(strings(codes.iter().map(String::as_str))),
    );
    if let Some(theme) = action.theme {
        t.insert("theme", toml_edit::value(theme.code));
    }
    if let Some(d) = &action.description {
        t.insert("description", toml_edit::value(d));
    }
    if !action.transversal.is_empty() {
        let codes: Vec<String> = action.transversal.iter().map(ToString::to_string).collect();
        t.insert(
            "transversal",
            Item::Value(strings(codes.iter().map(String::as_str))),
        );
    }
    if !action.quartiers.is_empty() {
        t.insert(
            "quartiers",
            Item::Value(strings(action.quartiers.iter().map(String::as_str))),
        );
    }
    if !action.publics.is_empty() {
        t.insert(
            "publics",
            Item::Value(strings(action.publics.iter().map(String::as_str))),
        );
    }
    if let Some(cost) = action.cost {
        t.insert("cost", Item::Value(money(cost)));
    }
    if let Some(own) = action.own_funds {
        t.insert("own_funds", Item::Value(money(own)));
    }
    if action.planned.is_some() || action.actual.is_some() {
        let mut b = InlineTable::new();
        if let Some(n) = action.planned {
            b.insert("planned", Value::from(n as i64));
        }
        if let Some(n) = action.actual {
            b.insert("actual", Value::from(n as i64));
        }
        t.insert("beneficiaries", Item::Value(Value::InlineTable(b)));
    }
    if let Some(status) = action.status {
        t.insert("status", toml_edit::value(status.name()));
    }
    let d = &action.dates;
    if d.filed.is_some() || d.voted.is_some() || d.paid.is_some() || d.bilan.is_some() {
        let mut dates = InlineTable::new();
        for (key, date) in [
            ("filed", d.filed),
            ("voted", d.voted),
            ("paid", d.paid),
            ("bilan", d.bilan),
        ] {
            if let Some(date) = date {
                dates.insert(key, date_value(date));
            }
        }
        t.insert("dates", Item::Value(Value::InlineTable(dates)));
    }
    if let Some(d) = &action.dossier {
        t.insert("dossier", toml_edit::value(d));
    }
    if let Some(ej) = &action.chorus_ej {
        t.insert("chorus_ej", toml_edit::value(ej));
    }
    if let Some(r) = &action.renews {
        t.insert("renews", toml_edit::value(r));
    }
    if !action.tags.is_empty() {
        t.insert(
            "tags",
            Item::Value(strings(action.tags.iter().map(String::as_str))),
        );
    }
    if !action.funding.is_empty() {
        t.insert("funding", Item::Table(amounts(&action.funding)));
    }
    if !action.requested.is_empty() {
        t.insert("requested", Item::Table(amounts(&action.requested)));
    }
    if !action.paid.is_empty() {
        t.insert("paid", Item::Table(amounts(&action.paid)));
    }
    if !action.partners.is_empty() {
        t.insert("partners", Item::Table(amounts(&action.partners)));
    }
    let mut entries = ArrayOfTables::new();
    entries.push(t);
    let mut doc = DocumentMut::new();
    doc.insert("action", Item::ArrayOfTables(entries));
    // The canonical layout is fmt's, so that a later `fmt` finds nothing to do.
    format_in(&doc.to_string(), FileKind::Pilier, spec)
        .expect("an action built with toml_edit is valid TOML without comments")
}

/// `text` with the entries appended after one blank line. The bytes before
/// are kept as they were; the file's line ends (LF or CRLF) are followed.
pub fn append(text: &str, entries: &[String]) -> String {
    let crlf = text.contains("\r\n");
    let newline = if crlf { "\r\n" } else { "\n" };
    let mut out =
        String::with_capacity(text.len() + entries.iter().map(String::len).sum::<usize>());
    out.push_str(text);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(newline);
    }
    for entry in entries {
        if !out.is_empty() && !out.ends_with("\n\n") && !out.ends_with("\r\n\r\n") {
            out.push_str(newline);
        }
        if crlf {
            out.push_str(&entry.replace('\n', "\r\n"));
        } else {
            out.push_str(entry);
        }
    }
    out
}

/// The next free id of a year: `YEAR-NNN`, one above the highest number the
/// contract uses for that year (`2023-001` when it has none).
pub fn next_id(contract: &Contract, year: u16, also_taken: &[String]) -> String {
    let prefix = format!("{year}-");
    let highest = contract
        .actions
        .iter()
        .map(|a| a.id.as_str())
        .chain(contract.skipped.action_ids.iter().map(String::as_str))
        .chain(also_taken.iter().map(String::as_str))
        .filter_map(|id| id.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{:03}", highest + 1)
}

/// The pilier whose file holds an action of a national theme that names no
/// priority yet: the first whose tree names a theme of the same national
/// theme, else the pilier of the theme's number (the three piliers of the
/// classic contracts are the first three themes), else the first.
/// The top-level entry whose file takes an action that only names its
/// theme: the first entry of the tree under the same theme, else the first
/// top-level entry.
fn top_of_theme(contract: &Contract, theme: &'static crate::themes::Theme) -> Option<Code> {
    let top = theme.top();
    contract
        .themes
        .iter()
        .filter(|(_, t)| t.top() == top)
        .map(|(code, _)| *code)
        .find(|code| contract.node(*code).is_some())
        .or_else(|| contract.level(CodeKind::Level(0)).next().map(|n| *n.code))
}

/// A file of the folder before and after the actions were appended.
#[derive(Debug, Clone)]
pub struct Appended {
    pub path: PathBuf,
    pub before: Vec<u8>,
    pub after: Vec<u8>,
    /// The ids appended to this file, in order.
    pub ids: Vec<String>,
}

/// Places each action in the pilier file of its main priority and gives the
/// new bytes of each file that changes (in path order), and the whole folder
/// as it would be.
pub fn place(
    loaded: &Loaded,
    files: &[MemoryFile],
    actions: &[NewAction],
) -> Result<(Vec<Appended>, Vec<MemoryFile>), InsertError> {
    let mut per_file: BTreeMap<PathBuf, Vec<&NewAction>> = BTreeMap::new();
    for action in actions {
        let contract = &loaded.contract;
        let main = match (action.priorities.first(), action.theme) {
            (Some(main), _) => Some(*main),
            // An action to be linked goes to the file of its theme's entry.
            (None, Some(theme)) => top_of_theme(contract, theme),
            (None, None) => return Err(InsertError::NoPriority(action.id.clone())),
        };
        let Some(main) = main else {
            return Err(InsertError::NoPriority(action.id.clone()));
        };
        let top = contract.ancestor(main, CodeKind::Level(0));
        let file = top
            .and_then(|t| contract.node(t))
            .map(|p| loaded.sources.path(p.file).to_owned())
            .ok_or_else(|| InsertError::NoPilierFile {
                id: action.id.clone(),
                code: main,
            })?;
        per_file.entry(file).or_default().push(action);
    }
    let spec = Spec::new(loaded.contract.tree.clone());
    let mut appended = Vec::new();
    let mut folder = files.to_vec();
    for (path, list) in per_file {
        let Some(file) = folder.iter_mut().find(|f| f.path == path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&file.bytes).into_owned();
        let entries: Vec<String> = list.iter().map(|a| action_text(a, &spec)).collect();
        let after = append(&text, &entries).into_bytes();
        appended.push(Appended {
            path: path.clone(),
            before: file.bytes.clone(),
            after: after.clone(),
            ids: list.iter().map(|a| a.id.clone()).collect(),
        });
        file.bytes = after;
    }
    Ok((appended, folder))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> NewAction {
        NewAction {
            id: "2023-017".into(),
            title: "Stages de 3e : \"réseau\"".into(),
            porteur: "Association Rebonds".into(),
            year: 2023,
            priorities: ["P 1.2.3", "P 2.1.2"]
                .iter()
                .map(|t| {
                    crate::model::Tree::default()
                        .code(CodeKind::Level(2), t)
                        .unwrap()
                })
                .collect(),
            quartiers: vec!["QP082002".into()],
            cost: Some(Money::from_euros(12000)),
            funding: vec![
                ("etat".into(), Money::from_euros(6000)),
                ("ville".into(), Money::from_cents(300_050)),
            ],
            requested: vec![("etat".into(), Money::from_euros(8000))],
            planned: Some(40),
            status: Some(Status::Proposed),
            tags: vec!["stages".into()],
            ..NewAction::default()
        }
    }

    #[test]
    fn an_action_in_canonical_form() {
        assert_eq!(
            action_text(&sample(), Spec::builtin()),
            "\
[[action]]
id = \"2023-017\"
title = 'Stages de 3e : \"réseau\"'
porteur = \"Association Rebonds\"
year = 2023
priorities = [\"P 1.2.3\", \"P 2.1.2\"]
quartiers = [\"QP082002\"]
cost = 12000
beneficiaries = { planned = 40 }
status = \"proposed\"
tags = [\"stages\"]

[action.funding]
etat = 6000
ville = 3000.50

[action.requested]
etat = 8000
"
        );
    }

    /// Every key written is a key of the spec's action, in the spec's order.
    #[test]
    fn an_action_follows_the_spec() {
        let spec = crate::spec::Spec::builtin();
        let action = spec.pilier.key("action").unwrap().shape.table().unwrap();
        let doc: DocumentMut = action_text(&sample(), spec).parse().unwrap();
        let written = doc["action"][0].as_table().unwrap();
        // Lines first, then sections: each in the spec's order.
        let (lines, sections): (Vec<_>, Vec<_>) = written.iter().partition(|(_, v)| v.is_value());
        for keys in [lines, sections] {
            let ranks: Vec<usize> = keys
                .iter()
                .map(|(key, _)| action.rank(key).unwrap_or_else(|| panic!("`{key}`")))
                .collect();
            assert!(ranks.is_sorted(), "{ranks:?}");
        }
        assert_eq!(written.len(), 12);
    }

    #[test]
    fn appending_keeps_the_bytes_before() {
        let before = "pilier = 1 # keep   this\ntitle  =  \"x\"";
        let after = append(before, &["[[action]]\nid = \"a\"\n".into()]);
        assert_eq!(
            after,
            "pilier = 1 # keep   this\ntitle  =  \"x\"\n\n[[action]]\nid = \"a\"\n"
        );
        let crlf = append("pilier = 1\r\n", &["[[action]]\nid = \"a\"\n".into()]);
        assert_eq!(crlf, "pilier = 1\r\n\r\n[[action]]\r\nid = \"a\"\r\n");
        let two = append(
            "pilier = 1\n\n",
            &["[[action]]\n".into(), "[[action]]\n".into()],
        );
        assert_eq!(two, "pilier = 1\n\n[[action]]\n\n[[action]]\n");
    }
}
