//! Entries of `contrat.toml` and changes to entries already written: what
//! an import adds besides actions (posts, porteurs) and what it updates (an
//! action, a post or a porteur a newer export says more about).
//!
//! New entries are appended after the file's last line, every byte before
//! them kept. A file with an entry updated is rewritten in canonical form
//! (`contrat fmt`'s): the changed values are set in the parsed document,
//! whose comments stay where they were.

use std::collections::BTreeMap;
use std::path::PathBuf;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

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

/// What an import changes in the files.
#[derive(Debug, Clone, Default)]
pub struct Edits {
    pub new_actions: Vec<NewAction>,
    pub new_posts: Vec<NewPost>,
    /// A post already written, by number and year, and what it becomes.
    pub posts: Vec<NewPost>,
    pub new_porteurs: Vec<NewPorteur>,
    /// A porteur of the registry, by id, and the identifiers it gains.
    pub porteurs: Vec<NewPorteur>,
}

impl Edits {
    pub fn is_empty(&self) -> bool {
        self.new_actions.is_empty()
            && self.new_posts.is_empty()
            && self.posts.is_empty()
            && self.new_porteurs.is_empty()
            && self.porteurs.is_empty()
    }

    /// Whether `contrat.toml` changes.
    fn touches_contract_file(&self) -> bool {
        !(self.new_posts.is_empty()
            && self.posts.is_empty()
            && self.new_porteurs.is_empty()
            && self.porteurs.is_empty())
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
    let (appended, mut folder) = insert::place(loaded, files, &edits.new_actions)?;
    let mut changed: BTreeMap<PathBuf, Appended> =
        appended.into_iter().map(|a| (a.path.clone(), a)).collect();
    let contract_file = loaded.contract.folder.join(CONTRACT_FILE);
    if edits.touches_contract_file() {
        let Some(file) = folder.iter_mut().find(|f| f.path == contract_file) else {
            return Ok((changed.into_values().collect(), folder));
        };
        let before = file.bytes.clone();
        let mut text = String::from_utf8_lossy(&file.bytes).into_owned();
        if (!edits.posts.is_empty() || !edits.porteurs.is_empty())
            && let Ok(mut doc) = text.parse::<DocumentMut>()
        {
            update_posts(&mut doc, &edits.posts);
            update_porteurs(&mut doc, &edits.porteurs);
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
