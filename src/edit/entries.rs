//! Entries of `contrat.toml` and changes to entries already written: what
//! an import adds besides actions (posts, porteurs) and what it updates (an
//! action, a post or a porteur a newer export says more about, a quartier's
//! indicator a table gives new figures of).
//!
//! New entries are appended after the file's last line, every byte before
//! them kept. A file with an entry updated is rewritten in canonical form
//! (`contrat fmt`'s): the changed values are set in the parsed document,
//! whose comments stay where they were.

use std::collections::BTreeMap;
use std::path::PathBuf;

use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use crate::edit::fmt::{FileKind, format_text};
use crate::edit::insert::{self, Appended, InsertError, NewAction};
use crate::load::{CONTRACT_FILE, Loaded, MemoryFile};
use crate::model::{Money, PostKind};

/// A post to add or to set, as an import reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPost {
    pub number: String,
    pub kind: PostKind,
    pub porteur: String,
    pub year: u16,
    pub amount: Option<Money>,
    pub quartier: Option<String>,
}

/// A porteur of the registry to add or to set, as an import proposes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPorteur {
    pub id: String,
    pub name: String,
    pub siret: Option<String>,
    pub rna: Option<String>,
    pub aliases: Vec<String>,
}

fn porteur_table(p: &NewPorteur) -> Table {
    let mut t = Table::new();
    t.insert("id", toml_edit::value(&p.id));
    t.insert("name", toml_edit::value(&p.name));
    if let Some(siret) = &p.siret {
        t.insert("siret", toml_edit::value(siret));
    }
    if let Some(rna) = &p.rna {
        t.insert("rna", toml_edit::value(rna));
    }
    if !p.aliases.is_empty() {
        let mut array = toml_edit::Array::new();
        for a in &p.aliases {
            array.push(a.as_str());
        }
        t.insert("aliases", Item::Value(Value::Array(array)));
    }
    t
}

/// The `[[porteur]]` entry of a porteur, in canonical form.
pub fn porteur_text(p: &NewPorteur) -> String {
    entry_text("porteur", porteur_table(p))
}

/// An amount as a TOML value written canonically: `8000`, `8000.50`.
pub(crate) fn money(m: Money) -> Value {
    m.to_string()
        .parse()
        .expect("a canonical amount is a TOML number")
}

fn post_table(post: &NewPost) -> Table {
    let mut t = Table::new();
    t.insert("number", toml_edit::value(&post.number));
    t.insert("kind", toml_edit::value(post.kind.name()));
    t.insert("porteur", toml_edit::value(&post.porteur));
    t.insert("year", toml_edit::value(i64::from(post.year)));
    if let Some(amount) = post.amount {
        t.insert("amount", Item::Value(money(amount)));
    }
    if let Some(q) = &post.quartier {
        t.insert("quartier", toml_edit::value(q));
    }
    t
}

/// One `[[key]]` entry of `contrat.toml` in canonical form, from its header
/// line to its final newline.
pub(crate) fn entry_text(key: &str, table: Table) -> String {
    let mut entries = ArrayOfTables::new();
    entries.push(table);
    let mut doc = DocumentMut::new();
    doc.insert(key, Item::ArrayOfTables(entries));
    format_text(&doc.to_string(), FileKind::Contract)
        .expect("an entry built with toml_edit is valid TOML without comments")
}

/// The `[[post]]` entry of a post, in canonical form.
/// Figures of a quartier's context indicator to set, as a table of
/// indicators gives them: the indicator is made when the quartier has none
/// of that name.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorEdit {
    /// The quartier's code, or its name when it has none.
    pub quartier: String,
    pub name: String,
    pub unit: Option<String>,
    pub source: Option<String>,
    /// `(year, figure)`, each set in the indicator's `values`.
    pub values: Vec<(u16, f64)>,
}

/// A figure as TOML writes it: `2890`, not `2890.0`.
fn figure(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        Value::from(value as i64)
    } else {
        Value::from(value)
    }
}

/// Sets the figures of the quartiers' indicators in `contrat.toml`.
fn update_indicators(doc: &mut DocumentMut, edits: &[IndicatorEdit]) {
    let Some(quartiers) = doc
        .get_mut("quartier")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return;
    };
    for q in quartiers.iter_mut() {
        let key = q
            .get("code")
            .or_else(|| q.get("name"))
            .and_then(Item::as_str)
            .map(str::to_owned);
        for edit in edits.iter().filter(|e| Some(&e.quartier) == key.as_ref()) {
            if !q.contains_key("indicator") {
                q.insert("indicator", Item::ArrayOfTables(ArrayOfTables::new()));
            }
            let Some(indicators) = q
                .get_mut("indicator")
                .and_then(Item::as_array_of_tables_mut)
            else {
                continue;
            };
            let folded = crate::fold::key(&edit.name);
            let at = indicators.iter().position(|t| {
                t.get("name")
                    .and_then(Item::as_str)
                    .is_some_and(|n| crate::fold::key(n) == folded)
            });
            let indicator = match at {
                Some(at) => indicators.get_mut(at).expect("found above"),
                None => {
                    let mut t = Table::new();
                    t.insert("name", toml_edit::value(&edit.name));
                    if let Some(unit) = &edit.unit {
                        t.insert("unit", toml_edit::value(unit));
                    }
                    if let Some(source) = &edit.source {
                        t.insert("source", toml_edit::value(source));
                    }
                    indicators.push(t);
                    indicators
                        .get_mut(indicators.len() - 1)
                        .expect("just pushed")
                }
            };
            // The figures by year, old and new, in year order.
            let mut values: BTreeMap<String, Value> = indicator
                .get("values")
                .and_then(Item::as_inline_table)
                .map(|t| t.iter().map(|(k, v)| (k.to_owned(), v.clone())).collect())
                .unwrap_or_default();
            for (year, value) in &edit.values {
                values.insert(year.to_string(), figure(*value));
            }
            let mut table = InlineTable::new();
            for (year, value) in values {
                table.insert(&year, value);
            }
            set(indicator, "values", Some(Value::InlineTable(table)));
        }
    }
}

pub fn post_text(post: &NewPost) -> String {
    entry_text("post", post_table(post))
}

/// Sets `key` of a table to `value`, keeping the decor of a value already
/// there; `None` leaves the table as it is.
fn set(t: &mut Table, key: &str, value: Option<Value>) {
    let Some(mut value) = value else { return };
    if let Some(Item::Value(old)) = t.get(key) {
        *value.decor_mut() = old.decor().clone();
    }
    t.insert(key, Item::Value(value));
}

/// Values an import sets on an action already written: `(key, value)`,
/// the key as the file writes it (`title`, `funding.etat`, `dates.paid`).
#[derive(Debug, Clone)]
pub struct ActionUpdate {
    pub id: String,
    pub sets: Vec<(String, Value)>,
}

/// Sets a value at a key of an action, or of one of its tables
/// (`funding.etat`): a `[action.funding]` section or an inline table
/// (`dates = { … }`), as the spec shapes it, made when missing.
fn set_path(t: &mut Table, key: &str, value: Value) {
    let Some((section, sub)) = key.split_once('.') else {
        set(t, key, Some(value));
        return;
    };
    let action = crate::spec::Spec::builtin()
        .pilier
        .key("action")
        .and_then(|k| k.shape.table());
    let inline = action
        .and_then(|a| a.key(section))
        .is_some_and(|k| matches!(k.shape, crate::spec::Shape::Inline(_)));
    if !t.contains_key(section) {
        if inline {
            t.insert(section, Item::Value(Value::InlineTable(InlineTable::new())));
        } else {
            let mut table = Table::new();
            table.set_implicit(false);
            t.insert(section, Item::Table(table));
        }
    }
    match t.get_mut(section) {
        Some(Item::Table(table)) => set(table, sub, Some(value)),
        Some(Item::Value(Value::InlineTable(table))) => {
            table.insert(sub, value);
        }
        _ => {}
    }
}

/// Sets the values of the actions an import updates.
fn update_actions(doc: &mut DocumentMut, updates: &[ActionUpdate]) {
    let Some(entries) = doc.get_mut("action").and_then(Item::as_array_of_tables_mut) else {
        return;
    };
    for t in entries.iter_mut() {
        let id = t.get("id").and_then(Item::as_str).map(str::to_owned);
        let Some(update) = updates.iter().find(|u| Some(&u.id) == id.as_ref()) else {
            continue;
        };
        for (key, value) in &update.sets {
            set_path(t, key, value.clone());
        }
    }
}

/// What an import changes in the files.
#[derive(Debug, Clone, Default)]
pub struct Edits {
    pub new_actions: Vec<NewAction>,
    /// Actions already written, by id, and the values they take.
    pub actions: Vec<ActionUpdate>,
    pub new_posts: Vec<NewPost>,
    /// A post already written, by number and year, and what it becomes.
    pub posts: Vec<NewPost>,
    pub new_porteurs: Vec<NewPorteur>,
    /// A porteur of the registry, by id, and the identifiers it gains.
    pub porteurs: Vec<NewPorteur>,
    /// Figures of the quartiers' indicators.
    pub indicators: Vec<IndicatorEdit>,
}

impl Edits {
    pub fn is_empty(&self) -> bool {
        self.new_actions.is_empty()
            && self.actions.is_empty()
            && self.new_posts.is_empty()
            && self.posts.is_empty()
            && self.new_porteurs.is_empty()
            && self.porteurs.is_empty()
            && self.indicators.is_empty()
    }

    /// Whether `contrat.toml` changes.
    fn touches_contract_file(&self) -> bool {
        !(self.new_posts.is_empty()
            && self.posts.is_empty()
            && self.new_porteurs.is_empty()
            && self.porteurs.is_empty()
            && self.indicators.is_empty())
    }
}

/// Sets the identifiers a registry entry gains.
fn update_porteurs(doc: &mut DocumentMut, porteurs: &[NewPorteur]) {
    let Some(entries) = doc
        .get_mut("porteur")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return;
    };
    for t in entries.iter_mut() {
        let id = t.get("id").and_then(Item::as_str).map(str::to_owned);
        let Some(p) = porteurs.iter().find(|p| Some(&p.id) == id.as_ref()) else {
            continue;
        };
        set(t, "siret", p.siret.as_deref().map(Value::from));
        set(t, "rna", p.rna.as_deref().map(Value::from));
    }
}

/// Updates the `[[post]]` entries of a document.
fn update_posts(doc: &mut DocumentMut, posts: &[NewPost]) {
    let Some(entries) = doc.get_mut("post").and_then(Item::as_array_of_tables_mut) else {
        return;
    };
    for t in entries.iter_mut() {
        let number = t.get("number").and_then(Item::as_str).map(str::to_owned);
        let year = t.get("year").and_then(Item::as_integer);
        let Some(post) = posts
            .iter()
            .find(|p| Some(&p.number) == number.as_ref() && year == Some(i64::from(p.year)))
        else {
            continue;
        };
        set(t, "kind", Some(Value::from(post.kind.name())));
        set(t, "porteur", Some(Value::from(post.porteur.as_str())));
        set(t, "amount", post.amount.map(money));
    }
}

/// The files an import changes, each before and after (in path order),
/// and the whole folder as it would be.
pub fn apply(
    loaded: &Loaded,
    files: &[MemoryFile],
    edits: &Edits,
) -> Result<(Vec<Appended>, Vec<MemoryFile>), InsertError> {
    // Updates first, in the bytes as read; new actions are appended after.
    let mut updated: Vec<MemoryFile> = files.to_vec();
    let mut before: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    for update in &edits.actions {
        let Some(action) = loaded.contract.action(&update.id) else {
            continue;
        };
        let path = loaded.sources.path(action.file).to_owned();
        let Some(file) = updated.iter_mut().find(|f| f.path == path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&file.bytes).into_owned();
        let Ok(mut doc) = text.parse::<DocumentMut>() else {
            continue;
        };
        update_actions(&mut doc, std::slice::from_ref(update));
        if let Ok(formatted) = format_text(&doc.to_string(), FileKind::Pilier) {
            before.entry(path).or_insert_with(|| file.bytes.clone());
            file.bytes = formatted.into_bytes();
        }
    }
    let (appended, mut folder) = insert::place(loaded, &updated, &edits.new_actions)?;
    let mut changed: BTreeMap<PathBuf, Appended> =
        appended.into_iter().map(|a| (a.path.clone(), a)).collect();
    for (path, bytes) in before {
        let after = folder
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.bytes.clone())
            .unwrap_or_default();
        changed
            .entry(path.clone())
            .and_modify(|a| a.before = bytes.clone())
            .or_insert(Appended {
                path,
                before: bytes,
                after,
                ids: Vec::new(),
            });
    }
    let contract_file = loaded.contract.folder.join(CONTRACT_FILE);
    if edits.touches_contract_file() {
        let Some(file) = folder.iter_mut().find(|f| f.path == contract_file) else {
            return Ok((changed.into_values().collect(), folder));
        };
        let before = file.bytes.clone();
        let mut text = String::from_utf8_lossy(&file.bytes).into_owned();
        if (!edits.posts.is_empty() || !edits.porteurs.is_empty() || !edits.indicators.is_empty())
            && let Ok(mut doc) = text.parse::<DocumentMut>()
        {
            update_posts(&mut doc, &edits.posts);
            update_porteurs(&mut doc, &edits.porteurs);
            update_indicators(&mut doc, &edits.indicators);
            if let Ok(formatted) = format_text(&doc.to_string(), FileKind::Contract) {
                text = formatted;
            }
        }
        // The registry's new entries first: the posts below name them.
        let entries: Vec<String> = edits
            .new_porteurs
            .iter()
            .map(porteur_text)
            .chain(edits.new_posts.iter().map(post_text))
            .collect();
        let after = insert::append(&text, &entries).into_bytes();
        file.bytes = after.clone();
        changed
            .entry(contract_file.clone())
            .and_modify(|a| a.after = after.clone())
            .or_insert(Appended {
                path: contract_file,
                before,
                after,
                ids: Vec::new(),
            });
    }
    Ok((
        changed
            .into_values()
            .filter(|a| a.before != a.after)
            .collect(),
        folder,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_in_canonical_form() {
        let post = NewPost {
            number: "08212R000102".into(),
            kind: PostKind::AdultesRelais,
            porteur: "ASSOC AMISS".into(),
            year: 2021,
            amount: Some(Money::from_cents(2_007_182)),
            quartier: None,
        };
        assert_eq!(
            post_text(&post),
            "[[post]]\nnumber = \"08212R000102\"\nkind = \"adulte-relais\"\nporteur = \"ASSOC AMISS\"\nyear = 2021\namount = 20071.82\n"
        );
    }

    /// A section set on an action lands under that action, whichever
    /// action follows it in the file.
    #[test]
    fn updating_an_action_sets_its_values_under_it() {
        let text = "pilier = 1\ntitle = \"T\"\n\n[[action]]\nid = \"a\" # first\ntitle = \"A\"\n\n[[action]]\nid = \"b\"\ntitle = \"B\"\n\n[action.funding]\nville = 10\n";
        let mut doc: DocumentMut = text.parse().unwrap();
        update_actions(
            &mut doc,
            &[ActionUpdate {
                id: "a".into(),
                sets: vec![
                    ("funding.etat".into(), money(Money::from_euros(500))),
                    ("chorus_ej".into(), Value::from("2103456789")),
                    ("title".into(), Value::from("A2")),
                ],
            }],
        );
        let formatted = format_text(&doc.to_string(), FileKind::Pilier).unwrap();
        assert_eq!(
            formatted,
            "pilier = 1\ntitle = \"T\"\n\n[[action]]\nid = \"a\" # first\ntitle = \"A2\"\nchorus_ej = \"2103456789\"\n\n[action.funding]\netat = 500\n\n[[action]]\nid = \"b\"\ntitle = \"B\"\n\n[action.funding]\nville = 10\n"
        );
    }

    #[test]
    fn updating_a_post_keeps_the_rest_of_the_file() {
        let text = "title = \"T\" # the contract\n\n[[post]]\nnumber = \"D01264\" # FONJEP\nkind = \"fonjep\"\nporteur = \"X\"\nyear = 2021\namount = 7164\n";
        let mut doc: DocumentMut = text.parse().unwrap();
        update_posts(
            &mut doc,
            &[NewPost {
                number: "D01264".into(),
                kind: PostKind::Fonjep,
                porteur: "X".into(),
                year: 2021,
                amount: Some(Money::from_euros(7200)),
                quartier: None,
            }],
        );
        assert_eq!(
            doc.to_string(),
            text.replace("amount = 7164", "amount = 7200")
        );
    }
}
