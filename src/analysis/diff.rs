//! What changed between two versions of a contract, in its own terms: entries
//! of the tree added, removed, retitled or renumbered; actions added, removed
//! or changed field by field; and the actions to review because a priority
//! they name was reworded (as Doorstop flags suspect links).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::{
    Action, Code, CodeKind, Contract, Money, Porteur, Post, Quartier, QuartierIndicator,
};

/// Every change, each list in contract order.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub tree: Vec<TreeChange>,
    pub actions: Changes<ActionRef, ActionChange>,
    pub to_review: Vec<Review>,
    pub posts: Changes<PostRef, PostChange>,
    pub porteurs: Changes<PorteurRef, PorteurChange>,
    /// The quartiers added and removed; changed: the context indicators of
    /// a quartier on both sides whose figures differ.
    pub quartiers: Changes<QuartierRef, IndicatorChange>,
}

/// The entries of one list of the contract (actions, posts…) added and
/// removed, each by its reference, and those on both sides that differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes<R, C> {
    pub added: Vec<R>,
    pub removed: Vec<R>,
    pub changed: Vec<C>,
}

impl<R, C> Default for Changes<R, C> {
    fn default() -> Self {
        Changes {
            added: Vec::new(),
            removed: Vec::new(),
            changed: Vec::new(),
        }
    }
}

impl<R, C> Changes<R, C> {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

impl<R> Changes<R, EntryChange<R>> {
    /// The changes of one list matched by `key`: each entry's `reference`
    /// when it is on one side only, and `change` of the fields that differ
    /// (`fields` lists an entry's fields in the order of the format) when
    /// it is on both.
    fn of<T, K: Eq + std::hash::Hash>(
        old: &[T],
        new: &[T],
        key: impl Fn(&T) -> K,
        reference: impl Fn(&T) -> R,
        fields: impl Fn(&T) -> Fields,
    ) -> Self {
        let (added, removed) = added_removed(old, new, &key, &reference);
        // An old key given twice (a warning for porteurs) is compared as
        // first given, as `check` names the first one.
        let mut before: HashMap<K, &T> = HashMap::new();
        for t in old {
            before.entry(key(t)).or_insert(t);
        }
        let changed = new
            .iter()
            .filter_map(|t| {
                let fields = field_changes(fields(before.get(&key(t))?), fields(t));
                (!fields.is_empty()).then(|| EntryChange {
                    entry: reference(t),
                    fields,
                })
            })
            .collect();
        Changes {
            added,
            removed,
            changed,
        }
    }
}

/// A quartier, by its code (its name when it has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuartierRef {
    pub quartier: String,
    pub name: String,
}

/// A quartier's context indicator whose figures differ between the sides
/// (an indicator on one side only has all its figures on that side).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorChange {
    pub quartier: String,
    pub indicator: String,
    pub unit: Option<String>,
    /// Each year whose figure differs: before and after (`None`: none).
    pub figures: Vec<FigureChange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FigureChange {
    pub year: u16,
    pub old: Option<f64>,
    pub new: Option<f64>,
}

/// The entries of `new` whose key `old` lacks (added), and of `old` whose
/// key `new` lacks (removed), each as its reference, in each side's order.
fn added_removed<T, K: Eq + std::hash::Hash, R>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> K,
    reference: impl Fn(&T) -> R,
) -> (Vec<R>, Vec<R>) {
    let keys = |side: &[T]| {
        side.iter()
            .map(&key)
            .collect::<std::collections::HashSet<K>>()
    };
    let (old_keys, new_keys) = (keys(old), keys(new));
    let added = new
        .iter()
        .filter(|t| !old_keys.contains(&key(t)))
        .map(&reference)
        .collect();
    let removed = old
        .iter()
        .filter(|t| !new_keys.contains(&key(t)))
        .map(&reference)
        .collect();
    (added, removed)
}

/// The quartiers added and removed, matched by code or name, and the
/// figures of the indicators of those on both sides.
fn quartier_changes(old: &Contract, new: &Contract) -> Changes<QuartierRef, IndicatorChange> {
    use crate::fold::key;
    let id = |q: &Quartier| q.code.as_ref().unwrap_or(&q.name).value.clone();
    let reference = |q: &Quartier| QuartierRef {
        quartier: id(q),
        name: q.name.value.clone(),
    };
    let find = |side: &'_ Contract, q: &Quartier| -> Option<usize> {
        side.quartiers
            .iter()
            .position(|o| key(&id(o)) == key(&id(q)))
    };
    let (added, removed) = added_removed(
        &old.quartiers,
        &new.quartiers,
        |q: &Quartier| key(&id(q)),
        reference,
    );
    let mut changed = Vec::new();
    for q in &new.quartiers {
        let Some(before) = find(old, q).map(|i| &old.quartiers[i]) else {
            continue;
        };
        // Each indicator of either side, in the new side's order.
        let mut names: Vec<&QuartierIndicator> = q.indicators.iter().collect();
        names.extend(
            before
                .indicators
                .iter()
                .filter(|i| !q.indicators.iter().any(|n| key(&n.name) == key(&i.name))),
        );
        for indicator in names {
            let of = |side: &'_ Quartier| -> Vec<(u16, f64)> {
                side.indicators
                    .iter()
                    .find(|i| key(&i.name) == key(&indicator.name))
                    .map(|i| i.values.clone())
                    .unwrap_or_default()
            };
            let (a, b) = (of(before), of(q));
            let mut years: Vec<u16> = a.iter().chain(&b).map(|(y, _)| *y).collect();
            years.sort_unstable();
            years.dedup();
            let at = |list: &[(u16, f64)], year: u16| {
                list.iter().find(|(y, _)| *y == year).map(|(_, v)| *v)
            };
            let figures: Vec<FigureChange> = years
                .into_iter()
                .map(|year| FigureChange {
                    year,
                    old: at(&a, year),
                    new: at(&b, year),
                })
                .filter(|f| f.old != f.new)
                .collect();
            if !figures.is_empty() {
                changed.push(IndicatorChange {
                    quartier: id(q),
                    indicator: indicator.name.clone(),
                    unit: indicator.unit.clone(),
                    figures,
                });
            }
        }
    }
    Changes {
        added,
        removed,
        changed,
    }
}

/// A porteur of the registry: who, and its numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PorteurRef {
    pub id: String,
    pub name: String,
    pub siret: Option<String>,
    pub rna: Option<String>,
}

/// A porteur of the registry on both sides whose entry differs.
pub type PorteurChange = EntryChange<PorteurRef>;

/// An entry on both sides whose fields differ: the entry as the new side
/// has it, as an added one reads (its keys stand beside `fields` in JSON),
/// and each field before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryChange<K> {
    #[serde(flatten)]
    pub entry: K,
    pub fields: Vec<FieldChange>,
}

/// A porteur's fields, in the order of the format.
fn porteur_fields(p: &Porteur) -> Fields {
    vec![
        (Field::Name, text(&p.name)),
        (
            Field::Siret,
            optional_text(p.siret.as_ref().map(|s| s.as_str())),
        ),
        (
            Field::Rna,
            optional_text(p.rna.as_ref().map(|s| s.as_str())),
        ),
        (Field::Aliases, list(p.aliases.iter().map(|a| a.as_str()))),
    ]
}

impl Diff {
    /// The figures of the quartiers' indicators set or changed, all
    /// indicators together.
    pub fn figures_changed(&self) -> usize {
        self.quartiers.changed.iter().map(|i| i.figures.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.tree.is_empty()
            && self.actions.is_empty()
            && self.posts.is_empty()
            && self.porteurs.is_empty()
            && self.quartiers.is_empty()
    }
}

/// A post, by its number and year, and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostRef {
    pub number: String,
    pub year: u16,
    pub kind: &'static str,
    pub porteur: String,
    pub amount: Option<Money>,
}

/// A post present on both sides whose fields differ.
pub type PostChange = EntryChange<PostRef>;

/// A post's fields, in the order of the format.
fn post_fields(p: &Post) -> Fields {
    vec![
        (Field::Kind, text(p.kind.name())),
        (Field::Porteur, text(&p.porteur)),
        (Field::Amount, money(p.amount.as_ref().map(|a| a.value))),
        (
            Field::Quartier,
            optional_text(p.quartier.as_ref().map(|q| q.as_str())),
        ),
    ]
}

/// A change to a pilier, orientation, priority or transversal orientation.
/// A change to an entry of the tree or of the transversal family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "lowercase")]
pub enum TreeChange {
    Added {
        code: Code,
        title: String,
    },
    Removed {
        code: Code,
        title: String,
    },
    /// Same code, another title.
    Retitled {
        code: Code,
        old_title: String,
        new_title: String,
    },
    /// The same title under another code of the same kind.
    Renumbered {
        old_code: Code,
        new_code: Code,
        title: String,
    },
}

impl TreeChange {
    pub fn kind(&self) -> CodeKind {
        self.code().kind()
    }

    /// The code it is known by now (the old one for a removal).
    pub fn code(&self) -> Code {
        match self {
            TreeChange::Added { code, .. }
            | TreeChange::Removed { code, .. }
            | TreeChange::Retitled { code, .. } => *code,
            TreeChange::Renumbered { new_code, .. } => *new_code,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionRef {
    pub id: String,
    pub year: u16,
    pub title: String,
}

/// An action present on both sides whose fields differ (its title: the
/// new one).
pub type ActionChange = EntryChange<ActionRef>;

/// One field of an action, before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: Field,
    pub old: FieldValue,
    pub new: FieldValue,
}

/// Which field: the file's key, and the funder for amounts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Title,
    Porteur,
    Year,
    /// The entries it serves, under the file's key (`priorities`, `serves`).
    Serves(&'static str),
    Description,
    Transversal,
    Quartiers,
    Publics,
    Cost,
    Funding(String),
    Requested(String),
    BeneficiariesPlanned,
    BeneficiariesActual,
    Status,
    Renews,
    Tags,
    Indicators,
    /// A post's kind.
    Kind,
    /// A post's amount.
    Amount,
    /// A post's quartier.
    Quartier,
    /// A porteur's name, SIRET, RNA number, other spellings.
    Name,
    Siret,
    Rna,
    Aliases,
    Dossier,
    ChorusEj,
    Until,
    Paid(String),
    OwnFunds,
    Partner(String),
    Theme,
    /// One of the dates: `filed`, `voted`, `paid`, `bilan`.
    Date(&'static str),
}

impl Field {
    /// As the file writes it: `title`, `funding.etat`, `beneficiaries.planned`.
    pub fn key(&self) -> String {
        match self {
            Field::Title => "title".into(),
            Field::Porteur => "porteur".into(),
            Field::Year => "year".into(),
            Field::Serves(key) => (*key).into(),
            Field::Description => "description".into(),
            Field::Transversal => "transversal".into(),
            Field::Quartiers => "quartiers".into(),
            Field::Publics => "publics".into(),
            Field::Cost => "cost".into(),
            Field::Funding(f) => format!("funding.{f}"),
            Field::Requested(f) => format!("requested.{f}"),
            Field::BeneficiariesPlanned => "beneficiaries.planned".into(),
            Field::BeneficiariesActual => "beneficiaries.actual".into(),
            Field::Status => "status".into(),
            Field::Renews => "renews".into(),
            Field::Tags => "tags".into(),
            Field::Indicators => "indicator".into(),
            Field::Kind => "kind".into(),
            Field::Amount => "amount".into(),
            Field::Quartier => "quartier".into(),
            Field::Name => "name".into(),
            Field::Siret => "siret".into(),
            Field::Rna => "rna".into(),
            Field::Aliases => "aliases".into(),
            Field::Dossier => "dossier".into(),
            Field::ChorusEj => "chorus_ej".into(),
            Field::Until => "until".into(),
            Field::OwnFunds => "own_funds".into(),
            Field::Theme => "theme".into(),
            Field::Partner(p) => format!("partners.{p}"),
            Field::Paid(f) => format!("paid.{f}"),
            Field::Date(d) => format!("dates.{d}"),
        }
    }
}

impl Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.key())
    }
}

/// A field's value on one side; `None` when the field is absent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FieldValue {
    None,
    Text(String),
    Number(u64),
    Money(Money),
    List(Vec<String>),
}

/// An action of the new contract that names an entry (a priority) whose text
/// changed: its link to that entry should be looked at again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    pub id: String,
    pub year: u16,
    pub title: String,
    /// The reworded entries it names.
    pub priorities: Vec<Code>,
}

/// Funder id → name, from both contracts (the new one wins): what changes of
/// amounts are named by.
pub fn funder_names(old: &Contract, new: &Contract) -> BTreeMap<String, String> {
    old.funders
        .iter()
        .chain(&new.funders)
        .map(|f| (f.id.value.clone(), f.name.value.clone()))
        .collect()
}

/// The changes from `old` to `new`.
pub fn diff(old: &Contract, new: &Contract) -> Diff {
    let tree = tree_changes(old, new);
    // Entries actions name whose text changed.
    let retitled: Vec<Code> = tree
        .iter()
        .filter_map(|c| match c {
            TreeChange::Retitled { code, .. }
                if code.kind() != CodeKind::Transversal && new.tree.level(code.kind()).nameable =>
            {
                Some(*code)
            }
            _ => None,
        })
        .collect();

    let actions = Changes::of(
        &old.actions,
        &new.actions,
        |a: &Action| a.id.value.clone(),
        |a: &Action| ActionRef {
            id: a.id.value.clone(),
            year: *a.year,
            title: a.title.value.clone(),
        },
        |a: &Action| action_fields(a, new.tree.action_key()),
    );
    let to_review = new
        .actions
        .iter()
        .filter_map(|a| {
            let priorities: Vec<Code> = a
                .serves
                .iter()
                .map(|c| c.value)
                .filter(|c| retitled.contains(c))
                .collect();
            (!priorities.is_empty()).then(|| Review {
                id: a.id.value.clone(),
                year: *a.year,
                title: a.title.value.clone(),
                priorities,
            })
        })
        .collect();
    let posts = Changes::of(
        &old.posts,
        &new.posts,
        |p: &Post| (p.number.value.clone(), *p.year),
        |p: &Post| PostRef {
            number: p.number.value.clone(),
            year: *p.year,
            kind: p.kind.name(),
            porteur: p.porteur.value.clone(),
            amount: p.amount.as_ref().map(|a| a.value),
        },
        post_fields,
    );
    let porteurs = Changes::of(
        &old.porteurs,
        &new.porteurs,
        |p: &Porteur| p.id.value.clone(),
        |p: &Porteur| PorteurRef {
            id: p.id.value.clone(),
            name: p.name.value.clone(),
            siret: p.siret.as_ref().map(|s| s.value.clone()),
            rna: p.rna.as_ref().map(|s| s.value.clone()),
        },
        porteur_fields,
    );
    Diff {
        tree,
        actions,
        to_review,
        posts,
        porteurs,
        quartiers: quartier_changes(old, new),
    }
}

/// Every entry of the tree with its title, in contract order, then the
/// transversal ones.
fn entries(c: &Contract) -> Vec<(Code, &str)> {
    let mut out: Vec<(Code, &str)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (code, title) in c
        .nodes
        .iter()
        .map(|n| (*n.code, n.title.as_str()))
        .chain(c.transversals.iter().map(|t| (*t.code, t.title.as_str())))
    {
        if seen.insert(code) {
            out.push((code, title));
        }
    }
    out
}

/// Where a change is listed: the tree depth first (each entry after the
/// ones above it, siblings in the order of their codes), then the
/// transversal entries.
fn place(code: Code, side: &Contract) -> (bool, Vec<Code>) {
    let mut path: Vec<Code> = side.ancestry(code).collect();
    path.reverse();
    (code.kind() == CodeKind::Transversal, path)
}

fn tree_changes(old_side: &Contract, new_side: &Contract) -> Vec<TreeChange> {
    let (old, new) = (entries(old_side), entries(new_side));
    let old_map: HashMap<Code, &str> = old.iter().copied().collect();
    let new_map: HashMap<Code, &str> = new.iter().copied().collect();
    let mut changes = Vec::new();
    let mut removed: Vec<(Code, &str)> = Vec::new();
    let mut added: Vec<(Code, &str)> = Vec::new();
    for &(code, title) in &old {
        match new_map.get(&code) {
            Some(&now) if now != title => changes.push(TreeChange::Retitled {
                code,
                old_title: title.to_owned(),
                new_title: now.to_owned(),
            }),
            Some(_) => {}
            None => removed.push((code, title)),
        }
    }
    for &(code, title) in &new {
        if !old_map.contains_key(&code) {
            added.push((code, title));
        }
    }
    // An entry that left one code and came back under another of the same kind,
    // with the same text, was renumbered.
    let mut matched_added = vec![false; added.len()];
    for (old_code, title) in removed {
        let found = added.iter().enumerate().position(|(i, (code, t))| {
            !matched_added[i] && code.kind() == old_code.kind() && *t == title
        });
        match found {
            Some(i) => {
                matched_added[i] = true;
                changes.push(TreeChange::Renumbered {
                    old_code,
                    new_code: added[i].0,
                    title: title.to_owned(),
                });
            }
            None => changes.push(TreeChange::Removed {
                code: old_code,
                title: title.to_owned(),
            }),
        }
    }
    for (i, (code, title)) in added.into_iter().enumerate() {
        if !matched_added[i] {
            changes.push(TreeChange::Added {
                code,
                title: title.to_owned(),
            });
        }
    }
    changes.sort_by_cached_key(|c| {
        let side = match c {
            TreeChange::Removed { .. } => old_side,
            _ => new_side,
        };
        (place(c.code(), side), order(c))
    });
    changes
}

fn order(change: &TreeChange) -> u8 {
    match change {
        TreeChange::Removed { .. } => 0,
        TreeChange::Renumbered { .. } => 1,
        TreeChange::Retitled { .. } => 2,
        TreeChange::Added { .. } => 3,
    }
}

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.to_owned())
}

fn optional_text(s: Option<&str>) -> FieldValue {
    s.map_or(FieldValue::None, text)
}

fn list<T: ToString>(items: impl IntoIterator<Item = T>) -> FieldValue {
    FieldValue::List(items.into_iter().map(|i| i.to_string()).collect())
}

fn money(m: Option<Money>) -> FieldValue {
    m.map_or(FieldValue::None, FieldValue::Money)
}

fn number(n: Option<u64>) -> FieldValue {
    n.map_or(FieldValue::None, FieldValue::Number)
}

/// An indicator as one line of text: `name: target 40, actual 35 élèves`.
pub fn indicator_text(i: &crate::model::Indicator) -> String {
    let mut out = format!("{}: target {}", i.name, i.target);
    if let Some(actual) = i.actual {
        out.push_str(&format!(", actual {actual}"));
    }
    if let Some(unit) = &i.unit {
        out.push(' ');
        out.push_str(unit);
    }
    out
}

/// An entry's fields, in the order of the format; a field keyed by a
/// funder stands once per funder the entry names.
type Fields = Vec<(Field, FieldValue)>;

/// The fields whose values differ between two entries, in the new entry's
/// order; a field only the old one has (a funder dropped) comes after the
/// last of its kind, else after the last of the kind of the field before
/// it on the old side (a kind dropped whole stays where the format puts it).
fn field_changes(old: Fields, new: Fields) -> Vec<FieldChange> {
    let mut rows: Vec<FieldChange> = new
        .into_iter()
        .map(|(field, value)| FieldChange {
            field,
            old: FieldValue::None,
            new: value,
        })
        .collect();
    let kind_of = |f: &Field| std::mem::discriminant(f);
    let mut previous: Option<Field> = None;
    for (field, value) in old {
        let at = match rows.iter().position(|r| r.field == field) {
            Some(at) => at,
            None => {
                let last_of = |kind| rows.iter().rposition(|r| kind_of(&r.field) == kind);
                let at = last_of(kind_of(&field))
                    .or_else(|| previous.as_ref().and_then(|p| last_of(kind_of(p))))
                    .map_or(0, |i| i + 1);
                rows.insert(
                    at,
                    FieldChange {
                        field,
                        old: FieldValue::None,
                        new: FieldValue::None,
                    },
                );
                at
            }
        };
        rows[at].old = value;
        previous = Some(rows[at].field.clone());
    }
    rows.retain(|r| r.old != r.new);
    rows
}

/// An action's fields, in the order of the format; `key` is the file's key
/// for the entries it serves.
fn action_fields(a: &Action, key: &'static str) -> Fields {
    let mut out = vec![
        (Field::Title, text(&a.title)),
        (Field::Porteur, text(&a.porteur)),
        (Field::Year, FieldValue::Number((*a.year).into())),
        (Field::Serves(key), list(a.serves.iter().map(|c| c.value))),
        (Field::Description, optional_text(a.description.as_deref())),
        (
            Field::Transversal,
            list(a.transversal.iter().map(|c| c.value)),
        ),
        (
            Field::Quartiers,
            list(a.quartiers.iter().map(|q| q.as_str())),
        ),
        (Field::Publics, list(a.publics.iter().map(|q| q.as_str()))),
        (Field::Cost, money(a.cost.as_ref().map(|c| c.value))),
    ];
    for (make, amounts) in [
        (Field::Funding as fn(String) -> Field, &a.funding),
        (Field::Requested, &a.requested),
        (Field::Paid, &a.grant.paid),
        (Field::Partner, &a.grant.partners),
    ] {
        out.extend(amounts.iter().map(|x| {
            (
                make(x.funder.value.clone()),
                FieldValue::Money(x.amount.value),
            )
        }));
    }
    let g = &a.grant;
    out.extend([
        (Field::BeneficiariesPlanned, number(a.beneficiaries.planned)),
        (Field::BeneficiariesActual, number(a.beneficiaries.actual)),
        (Field::Status, text(a.status.name())),
        (
            Field::Theme,
            optional_text(g.theme.as_ref().map(|t| t.code)),
        ),
        (
            Field::OwnFunds,
            money(g.own_funds.as_ref().map(|m| m.value)),
        ),
        (
            Field::Until,
            number(g.until.as_ref().map(|u| u64::from(u.value))),
        ),
    ]);
    for (name, date) in [
        ("filed", g.dates.filed),
        ("voted", g.dates.voted),
        ("paid", g.dates.paid),
        ("bilan", g.dates.bilan),
    ] {
        out.push((
            Field::Date(name),
            date.map_or(FieldValue::None, |d| text(&d.to_string())),
        ));
    }
    out.extend([
        (
            Field::Dossier,
            optional_text(g.dossier.as_ref().map(|d| d.as_str())),
        ),
        (
            Field::ChorusEj,
            optional_text(g.chorus_ej.as_ref().map(|d| d.as_str())),
        ),
        (
            Field::Renews,
            optional_text(a.renews.as_ref().map(|r| r.as_str())),
        ),
        (Field::Tags, list(&a.tags)),
        (
            Field::Indicators,
            list(a.indicators.iter().map(indicator_text)),
        ),
    ]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Code {
        crate::model::Tree::default().read_loose(text).unwrap()[0]
    }
    use crate::load::{MemoryFile, load_memory};
    use std::path::Path;

    const CONTRACT: &str = "title = \"T\"\nterritory = \"T\"\nperiod = { from = 2020, to = 2025 }\n[funders]\netat = \"État\"\nville = \"Ville\"\n[[transversal]]\ncode = \"OT 1\"\ntitle = \"Coordination\"\n";

    fn contract(pilier: &str) -> Contract {
        contract_with(CONTRACT, pilier)
    }

    fn contract_with(contrat_toml: &str, pilier: &str) -> Contract {
        let folder = Path::new("c");
        load_memory(
            folder,
            vec![
                MemoryFile {
                    path: folder.join("contrat.toml"),
                    bytes: contrat_toml.into(),
                },
                MemoryFile {
                    path: folder.join("1.toml"),
                    bytes: pilier.into(),
                },
            ],
        )
        .contract
    }

    const BEFORE: &str = "\
pilier = 1
title = \"Cohésion\"
[[orientation]]
code = \"OS 1.1\"
title = \"Publics\"
[[orientation]]
code = \"OS 1.2\"
title = \"Éducation\"
[[priority]]
code = \"P 1.1.1\"
title = \"Jeunes.\"
[[priority]]
code = \"P 1.1.2\"
title = \"Droits.\"
[[priority]]
code = \"P 1.2.1\"
title = \"Écoles.\"
[[action]]
id = \"2023-001\"
title = \"Ateliers\"
porteur = \"Alpha\"
year = 2023
priorities = [\"P 1.1.2\"]
cost = 10000
[action.funding]
etat = 8000
ville = 1000
[[action]]
id = \"2023-002\"
title = \"Parti\"
porteur = \"Beta\"
year = 2023
priorities = [\"P 1.1.1\"]
";

    const AFTER: &str = "\
pilier = 1
title = \"Cohésion sociale\"
[[orientation]]
code = \"OS 1.1\"
title = \"Publics\"
[[orientation]]
code = \"OS 1.2\"
title = \"Éducation\"
[[priority]]
code = \"P 1.1.2\"
title = \"Droits, urgence.\"
[[priority]]
code = \"P 1.2.2\"
title = \"Écoles.\"
[[priority]]
code = \"P 1.2.3\"
title = \"Parents.\"
[[action]]
id = \"2023-001\"
title = \"Ateliers\"
porteur = \"Alpha bis\"
year = 2023
priorities = [\"P 1.1.2\", \"P 1.2.2\"]
cost = 12000.50
status = \"completed\"
[action.funding]
etat = 10000
[[action]]
id = \"2023-003\"
title = \"Nouveau\"
porteur = \"Gamma\"
year = 2023
priorities = [\"P 1.2.3\"]
";

    #[test]
    fn every_change_kind_in_contract_terms() {
        let d = diff(&contract(BEFORE), &contract(AFTER));
        assert_eq!(
            d.tree,
            [
                TreeChange::Retitled {
                    code: code("Pilier 1"),
                    old_title: "Cohésion".into(),
                    new_title: "Cohésion sociale".into()
                },
                TreeChange::Removed {
                    code: code("P 1.1.1"),
                    title: "Jeunes.".into()
                },
                TreeChange::Retitled {
                    code: code("P 1.1.2"),
                    old_title: "Droits.".into(),
                    new_title: "Droits, urgence.".into()
                },
                TreeChange::Renumbered {
                    old_code: code("P 1.2.1"),
                    new_code: code("P 1.2.2"),
                    title: "Écoles.".into()
                },
                TreeChange::Added {
                    code: code("P 1.2.3"),
                    title: "Parents.".into()
                },
            ]
        );
        let added: Vec<&str> = d.actions.added.iter().map(|a| a.id.as_str()).collect();
        let removed: Vec<&str> = d.actions.removed.iter().map(|a| a.id.as_str()).collect();
        assert_eq!((added, removed), (vec!["2023-003"], vec!["2023-002"]));
        assert_eq!(d.actions.changed.len(), 1);
        let fields: Vec<(String, FieldValue, FieldValue)> = d.actions.changed[0]
            .fields
            .iter()
            .map(|f| (f.field.key(), f.old.clone(), f.new.clone()))
            .collect();
        let m = |c| FieldValue::Money(Money::from_cents(c));
        assert_eq!(
            fields,
            [
                ("porteur".into(), text("Alpha"), text("Alpha bis")),
                (
                    "priorities".into(),
                    list(["P 1.1.2"]),
                    list(["P 1.1.2", "P 1.2.2"])
                ),
                ("cost".into(), m(1_000_000), m(1_200_050)),
                ("funding.etat".into(), m(800_000), m(1_000_000)),
                ("funding.ville".into(), m(100_000), FieldValue::None),
                ("status".into(), text("funded"), text("completed")),
            ]
        );
        // 2023-001 names P 1.1.2, whose text changed.
        assert_eq!(
            d.to_review,
            [Review {
                id: "2023-001".into(),
                year: 2023,
                title: "Ateliers".into(),
                priorities: vec![code("P 1.1.2")]
            }]
        );
    }

    /// Funders dropped stay with their kind: a kind dropped whole comes
    /// after every field of the kind before it, whatever the new side adds.
    #[test]
    fn fields_dropped_keep_the_order_of_the_format() {
        let money = |euros| FieldValue::Money(Money::from_euros(euros));
        let old = vec![
            (Field::Funding("etat".into()), money(8000)),
            (Field::Requested("etat".into()), money(9000)),
            (Field::Status, text("funded")),
        ];
        let new = vec![
            (Field::Funding("etat".into()), money(8000)),
            (Field::Funding("ville".into()), money(1000)),
            (Field::Status, text("funded")),
        ];
        let keys: Vec<String> = field_changes(old, new)
            .iter()
            .map(|c| c.field.key())
            .collect();
        assert_eq!(keys, ["funding.ville", "requested.etat"]);
    }

    /// A porteur id given twice (a warning) is compared as first given.
    #[test]
    fn a_key_given_twice_is_compared_as_first_given() {
        let registry = |names: &[&str]| {
            let entries: String = names
                .iter()
                .map(|n| format!("[[porteur]]\nid = \"amiss\"\nname = \"{n}\"\n"))
                .collect();
            contract_with(&format!("{CONTRACT}{entries}"), BEFORE)
        };
        let d = diff(&registry(&["A", "B"]), &registry(&["A"]));
        assert_eq!(d.porteurs.changed, []);
    }

    /// A changed post or porteur reads as an added one, with its fields
    /// after: JSON keeps every key of the new side's entry.
    #[test]
    fn a_changed_entry_carries_what_an_added_one_says() {
        let side = |amount: &str, siret: &str| {
            let registry = format!(
                "[[porteur]]\nid = \"amiss\"\nname = \"ASSOC AMISS\"\nsiret = \"{siret}\"\n"
            );
            let post = format!(
                "[[post]]\nnumber = \"08212R000102\"\nkind = \"adulte-relais\"\nporteur = \"ASSOC AMISS\"\nyear = 2021\namount = {amount}\n"
            );
            contract_with(&format!("{CONTRACT}{registry}{post}"), BEFORE)
        };
        let d = diff(
            &side("20000", "38186796900051"),
            &side("20071.82", "381 867 969 00051"),
        );
        assert_eq!(
            serde_json::to_value(&d.posts.changed).unwrap(),
            serde_json::json!([{"number": "08212R000102", "year": 2021, "kind": "adulte-relais",
                "porteur": "ASSOC AMISS", "amount": 20071.82,
                "fields": [{"field": "amount", "old": 20000, "new": 20071.82}]}])
        );
        assert_eq!(
            serde_json::to_value(&d.porteurs.changed).unwrap(),
            serde_json::json!([{"id": "amiss", "name": "ASSOC AMISS", "siret": "381 867 969 00051",
                "rna": null,
                "fields": [{"field": "siret", "old": "38186796900051", "new": "381 867 969 00051"}]}])
        );
    }

    #[test]
    fn same_contract_no_change() {
        let d = diff(&contract(BEFORE), &contract(BEFORE));
        assert!(d.is_empty());
        assert_eq!(d, Diff::default());
    }
}
