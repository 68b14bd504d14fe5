//! Differences as text: the unified diff of `fmt --check`, and the changes
//! between two contracts in the contract's own terms.

/// A unified diff of one file (`--- a/PATH`, `+++ b/PATH`, hunks with three
/// lines of context), as `git diff` prints it.
pub fn unified(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

use std::collections::BTreeMap;

use serde_json::json;

use crate::analysis::diff::{
    ActionRef, Changes, Diff, EntryChange, Field, FieldChange, FieldValue, IndicatorChange,
    PorteurRef, PostRef, QuartierRef, TreeChange,
};
use crate::model::{CodeKind, Contract, Status};
use crate::output::{Block, Cell, Column, Doc, Item, Kind, Span, Table, Word, Words};
use crate::render::columns::Common;

/// One side of a comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Side {
    /// The files as they are on disk.
    WorkingTree,
    /// A revision (`HEAD`, `main`) or a folder, by the name the user gave.
    Named(String),
}

impl Side {
    /// The side as scripts read it in JSON: fixed English.
    fn key(&self) -> &str {
        match self {
            Side::WorkingTree => "the working tree",
            Side::Named(name) => name,
        }
    }

    /// The side as a person reads it.
    fn shown(&self, w: &Words) -> String {
        match self {
            Side::WorkingTree => w.s(Word::WorkingTree),
            Side::Named(name) => name.clone(),
        }
    }
}

/// What a report of changes needs besides the changes: both sides and the
/// funders' display names.
pub struct Sides {
    /// The old side: `HEAD`, a revision, a folder.
    pub from: Side,
    /// The new side: the working tree, a revision.
    pub to: Side,
    /// Funder id → display name, from both contracts (the new one wins).
    pub funders: BTreeMap<String, String>,
}

impl Sides {
    pub fn new(from: Side, to: Side, old: &Contract, new: &Contract) -> Sides {
        Sides {
            from,
            to,
            funders: crate::analysis::diff::funder_names(old, new),
        }
    }

    /// A field as a person reads it: `funding voted (État)`, `porteur`.
    fn field(&self, field: &Field, w: &Words) -> String {
        let name = |id: &String| self.funders.get(id).cloned().unwrap_or_else(|| id.clone());
        let word = match field {
            Field::Funding(id) => return format!("{} ({})", w.get(Word::FieldFunding), name(id)),
            Field::Requested(id) => {
                return format!("{} ({})", w.get(Word::FieldRequested), name(id));
            }
            Field::Title => Word::FieldTitle,
            Field::Porteur => Word::FieldPorteur,
            Field::Year => Word::FieldYear,
            Field::Serves(_) if w.declared() => Word::FieldServes,
            Field::Serves(_) => return w.level_many(w.leaf()).to_lowercase(),
            Field::Description => Word::FieldDescription,
            Field::Transversal => return w.level_many(CodeKind::Transversal).to_lowercase(),
            Field::Quartiers => Word::FieldQuartiers,
            Field::Publics => Word::FieldPublics,
            Field::Cost => Word::FieldCost,
            Field::BeneficiariesPlanned => Word::FieldPlanned,
            Field::BeneficiariesActual => Word::FieldActual,
            Field::Status => Word::FieldStatus,
            Field::Renews => Word::FieldRenews,
            Field::Tags => Word::FieldTags,
            Field::Indicators => Word::FieldIndicator,
            Field::Kind => Word::FieldKind,
            Field::Amount => Word::FieldAmount,
            Field::Quartier => Word::FieldQuartier,
            Field::Name => Word::FieldName,
            Field::Siret => Word::FieldSiret,
            Field::Rna => Word::FieldRna,
            Field::Aliases => Word::FieldAliases,
            Field::Dossier => Word::FieldDossier,
            Field::ChorusEj => Word::FieldChorusEj,
            Field::Until => Word::FieldUntil,
            Field::OwnFunds => Word::FieldOwnFunds,
            Field::Theme => Word::FieldTheme,
            Field::Partner(p) => return format!("{} ({p})", w.get(Word::FieldPartner)),
            Field::Paid(id) => return format!("{} ({})", w.get(Word::FieldPaid), name(id)),
            Field::Date(d) => match *d {
                "filed" => Word::FieldFiled,
                "voted" => Word::FieldVoted,
                "paid" => Word::FieldPaidOn,
                _ => Word::FieldBilan,
            },
        };
        w.s(word)
    }

    /// A value as a person reads it: money with its unit, text in quotes,
    /// `—` for nothing.
    fn value(&self, field: &Field, value: &FieldValue, w: &Words) -> String {
        match value {
            FieldValue::None => "—".to_owned(),
            FieldValue::Text(t) if matches!(field, Field::Status) => {
                Status::parse(t).map_or_else(|| t.clone(), |s| w.status(s).to_owned())
            }
            FieldValue::Text(t) if matches!(field, Field::Date(_)) => {
                crate::model::Date::parse(t).map_or_else(|| t.clone(), |d| w.date(d))
            }
            FieldValue::Text(t) => w.quote(t),
            FieldValue::Number(n) if matches!(field, Field::Year | Field::Until) => n.to_string(),
            FieldValue::Number(n) => w.count(*n),
            FieldValue::Money(m) => w.money(*m),
            FieldValue::List(items) if items.is_empty() => "—".to_owned(),
            FieldValue::List(items) => items.join(", "),
        }
    }

    /// `financement voté (État) : 8 000 € → 10 000 €`.
    fn change(&self, change: &FieldChange, w: &Words) -> String {
        format!(
            "{}{}{} → {}",
            self.field(&change.field, w),
            w.colon(),
            self.value(&change.field, &change.old, w),
            self.value(&change.field, &change.new, w)
        )
    }
}

/// The item and the detail of a tree change: `P 1.2.1 → P 1.2.2`, `« Écoles. »`.
fn tree_parts(change: &TreeChange, w: &Words) -> (Word, String, String) {
    match change {
        TreeChange::Added { code, title } => (Word::ChangeAdded, w.code(*code), w.quote(title)),
        TreeChange::Removed { code, title } => (Word::ChangeRemoved, w.code(*code), w.quote(title)),
        TreeChange::Retitled {
            code,
            old_title,
            new_title,
        } => (
            Word::ChangeRetitled,
            w.code(*code),
            format!("{} → {}", w.quote(old_title), w.quote(new_title)),
        ),
        TreeChange::Renumbered {
            old_code,
            new_code,
            title,
        } => (
            Word::ChangeRenumbered,
            format!("{} → {}", w.code(*old_code), w.code(*new_code)),
            w.quote(title),
        ),
    }
}

/// How an entry of one list of the contract reads in a report of changes:
/// its item (id, number, code) and what follows it.
trait Listed {
    fn item(&self) -> &str;
    fn detail(&self, w: &Words) -> String;

    /// What follows the item above the entry's changes, when it changed:
    /// the detail, or less of it.
    fn heading(&self, w: &Words) -> String {
        self.detail(w)
    }

    /// A line under the changed entry as the detail of a tidy row, which
    /// stands without the heading.
    fn row(&self, line: String, _w: &Words) -> String {
        line
    }
}

/// A changed entry reads as its entry does, with the entry's heading for
/// its detail.
impl<R: Listed> Listed for EntryChange<R> {
    fn item(&self) -> &str {
        self.entry.item()
    }
    fn detail(&self, w: &Words) -> String {
        self.entry.heading(w)
    }
    fn row(&self, line: String, w: &Words) -> String {
        self.entry.row(line, w)
    }
}

/// An entry on both sides: each of its changes as a line under it.
trait Changed: Listed {
    fn lines(&self, sides: &Sides, w: &Words) -> Vec<String>;
}

impl<R: Listed> Changed for EntryChange<R> {
    fn lines(&self, sides: &Sides, w: &Words) -> Vec<String> {
        self.fields.iter().map(|f| sides.change(f, w)).collect()
    }
}

impl Listed for ActionRef {
    fn item(&self) -> &str {
        &self.id
    }
    fn detail(&self, w: &Words) -> String {
        format!("{} ({})", w.quote(&self.title), self.year)
    }
    fn heading(&self, w: &Words) -> String {
        w.quote(&self.title)
    }
}

impl Listed for PorteurRef {
    fn item(&self) -> &str {
        &self.id
    }
    /// `« ASSOC AMISS », SIRET 38186796900051`.
    fn detail(&self, w: &Words) -> String {
        let mut out = w.quote(&self.name);
        if let Some(siret) = &self.siret {
            out.push_str(&format!(", {} {siret}", w.get(Word::FieldSiret)));
        }
        if let Some(rna) = &self.rna {
            out.push_str(&format!(", {} {rna}", w.get(Word::FieldRna)));
        }
        out
    }
    fn heading(&self, w: &Words) -> String {
        w.quote(&self.name)
    }
}

impl Listed for PostRef {
    fn item(&self) -> &str {
        &self.number
    }
    /// `adulte-relais, ASSOC AMISS, 2021 : 20 071,82 €`.
    fn detail(&self, w: &Words) -> String {
        let amount = self.amount.map_or_else(|| "—".to_owned(), |m| w.money(m));
        let kind = crate::model::PostKind::parse(self.kind).map_or_else(
            || self.kind.to_owned(),
            |k| crate::render::posts::kind_word(k, w),
        );
        format!(
            "{kind}, {}, {}{}{amount}",
            w.quote(&self.porteur),
            self.year,
            w.colon()
        )
    }
    fn heading(&self, _w: &Words) -> String {
        self.year.to_string()
    }
    fn row(&self, line: String, _w: &Words) -> String {
        format!("{line} ({})", self.year)
    }
}

impl Listed for QuartierRef {
    fn item(&self) -> &str {
        &self.quartier
    }
    fn detail(&self, w: &Words) -> String {
        w.quote(&self.name)
    }
}

impl Listed for IndicatorChange {
    fn item(&self) -> &str {
        &self.quartier
    }
    /// `« Taux de pauvreté » (%)`.
    fn detail(&self, w: &Words) -> String {
        match &self.unit {
            Some(unit) => format!("{} ({unit})", w.quote(&self.indicator)),
            None => w.quote(&self.indicator),
        }
    }
    fn row(&self, line: String, w: &Words) -> String {
        format!("{} {line}", self.detail(w))
    }
}

impl Changed for IndicatorChange {
    /// `2023 : 41,8 → 40,9`, `—` for no figure.
    fn lines(&self, _sides: &Sides, w: &Words) -> Vec<String> {
        let figure = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| w.decimal(v));
        self.figures
            .iter()
            .map(|f| {
                format!(
                    "{}{}{} → {}",
                    f.year,
                    w.colon(),
                    figure(f.old),
                    figure(f.new)
                )
            })
            .collect()
    }
}

/// What the lists of changes are called: as a heading (added, removed,
/// changed) and as the change of one tidy row.
struct Names {
    headings: [Word; 3],
    rows: [Word; 3],
}

/// One list's changes, in the order a report gives them.
fn lists(diff: &Diff) -> [(Names, Group<'_>); 4] {
    let names = |headings, rows| Names { headings, rows };
    [
        (
            names(
                [
                    Word::ActionsAdded,
                    Word::ActionsRemoved,
                    Word::ActionsChanged,
                ],
                [Word::ActionAdded, Word::ActionRemoved, Word::ActionChanged],
            ),
            Group::of(&diff.actions),
        ),
        (
            names(
                [
                    Word::PorteursAdded,
                    Word::PorteursRemoved,
                    Word::PorteursChanged,
                ],
                [
                    Word::PorteurAdded,
                    Word::PorteurRemoved,
                    Word::PorteurChanged,
                ],
            ),
            Group::of(&diff.porteurs),
        ),
        (
            names(
                [Word::PostsAdded, Word::PostsRemoved, Word::PostsChanged],
                [Word::PostAdded, Word::PostRemoved, Word::PostChanged],
            ),
            Group::of(&diff.posts),
        ),
        (
            names(
                [
                    Word::QuartiersAdded,
                    Word::QuartiersRemoved,
                    Word::IndicatorsChanged,
                ],
                [
                    Word::QuartierAdded,
                    Word::QuartierRemoved,
                    Word::IndicatorChanged,
                ],
            ),
            Group::of(&diff.quartiers),
        ),
    ]
}

/// One list's changes with the types set aside: the entries added and
/// removed, and those changed.
struct Group<'d> {
    added: Vec<&'d dyn Listed>,
    removed: Vec<&'d dyn Listed>,
    changed: Vec<&'d dyn Changed>,
}

impl<'d> Group<'d> {
    fn of<R: Listed, C: Changed>(changes: &'d Changes<R, C>) -> Group<'d> {
        Group {
            added: changes.added.iter().map(|r| r as &dyn Listed).collect(),
            removed: changes.removed.iter().map(|r| r as &dyn Listed).collect(),
            changed: changes.changed.iter().map(|c| c as &dyn Changed).collect(),
        }
    }
}

/// Every change as (what changed, which item, the detail): the tidy rows,
/// in the order of the document.
fn rows(diff: &Diff, sides: &Sides, w: &Words) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for change in &diff.tree {
        let (what, item, detail) = tree_parts(change, w);
        out.push((
            w.level_change(&w.level_one(change.kind()), what),
            item,
            detail,
        ));
    }
    for (names, group) in lists(diff) {
        let [added, removed, changed] = names.rows.map(|word| w.s(word));
        for (what, list) in [(added, &group.added), (removed, &group.removed)] {
            for r in list {
                out.push((what.clone(), r.item().to_owned(), r.detail(w)));
            }
        }
        for c in &group.changed {
            for line in c.lines(sides, w) {
                out.push((changed.clone(), c.item().to_owned(), c.row(line, w)));
            }
        }
    }
    for r in &diff.to_review {
        let codes: Vec<String> = r.priorities.iter().map(|c| w.code(*c)).collect();
        out.push((
            w.s(Word::ToReview),
            r.id.clone(),
            format!("{} {}", w.quote(&r.title), w.names_reworded(&codes)),
        ));
    }
    out
}

/// The changes laid out: a heading, one section per kind of change with a
/// list (for a person and a merge request), one tidy table (CSV), the
/// documented JSON.
pub fn doc(diff: &Diff, sides: &Sides, w: &Words) -> Doc {
    let mut doc = Doc {
        json: Some(json(diff, sides, w)),
        ..Doc::default()
    };
    let mut data = Table::new(
        "changes",
        vec![
            Column::new("change", w.s(Word::Change), Kind::Text),
            Column::new("item", w.s(Word::Item), Kind::Code),
            Common::Detail.column(w),
        ],
    );
    for (what, item, detail) in rows(diff, sides, w) {
        data.push(vec![Cell::text(what), Cell::code(item), Cell::text(detail)]);
    }
    doc.data.push(data);
    if diff.is_empty() {
        doc.blocks.push(Block::text(
            w.no_change(&sides.from.shown(w), &sides.to.shown(w)),
        ));
        return doc;
    }
    doc.title = Some(w.changes_heading(&sides.from.shown(w), &sides.to.shown(w)));
    let item = |code: &str, rest: String| {
        Item::new(vec![
            Span::Strong(code.to_owned()),
            Span::Text(format!(" {rest}")),
        ])
    };
    let mut section = |heading: String, items: Vec<Item>| {
        if !items.is_empty() {
            doc.blocks.push(Block::Heading(heading));
            doc.blocks.push(Block::List(items));
        }
    };
    let kinds = (0..w.depth() as u8)
        .map(CodeKind::Level)
        .chain([CodeKind::Transversal]);
    for kind in kinds {
        let items = diff
            .tree
            .iter()
            .filter(|c| c.kind() == kind)
            .map(|change| {
                let (what, code, detail) = tree_parts(change, w);
                item(&code, format!("{}{}{detail}", w.get(what), w.colon()))
            })
            .collect();
        section(w.level_many(kind), items);
    }
    for (names, group) in lists(diff) {
        let [added, removed, changed] = names.headings.map(|word| w.s(word));
        for (heading, list) in [(added, &group.added), (removed, &group.removed)] {
            section(
                heading,
                list.iter().map(|r| item(r.item(), r.detail(w))).collect(),
            );
        }
        section(
            changed,
            group
                .changed
                .iter()
                .map(|c| Item {
                    children: c
                        .lines(sides, w)
                        .into_iter()
                        .map(|line| vec![Span::Text(line)])
                        .collect(),
                    ..item(c.item(), c.detail(w))
                })
                .collect(),
        );
    }
    section(
        w.s(Word::ToReviewHeading),
        diff.to_review
            .iter()
            .map(|r| {
                let codes: Vec<String> = r.priorities.iter().map(|c| w.code(*c)).collect();
                item(
                    &r.id,
                    format!("{} {}", w.quote(&r.title), w.names_reworded(&codes)),
                )
            })
            .collect(),
    );
    doc
}

/// The documented JSON document of a diff: version 1 for a 2015–2023
/// contract, version 2 (levels by their declared keys, `entries` to review)
/// for one that declares its tree.
pub fn json(diff: &Diff, sides: &Sides, w: &Words) -> serde_json::Value {
    let tree: Vec<serde_json::Value> = diff
        .tree
        .iter()
        .map(|change| {
            let mut value = json!({ "level": w.level_key(change.kind()) });
            if let (Some(map), serde_json::Value::Object(rest)) =
                (value.as_object_mut(), crate::output::to_json(change))
            {
                map.extend(rest);
            }
            value
        })
        .collect();
    let mut to_review = crate::output::to_json(&diff.to_review);
    if w.declared()
        && let Some(items) = to_review.as_array_mut()
    {
        for item in items.iter_mut().filter_map(|i| i.as_object_mut()) {
            if let Some(codes) = item.remove("priorities") {
                item.insert("entries".to_owned(), codes);
            }
        }
    }
    json!({
        "version": if w.declared() { 2 } else { 1 },
        "from": sides.from.key(),
        "to": sides.to.key(),
        "tree": tree,
        "actions": diff.actions,
        "to_review": to_review,
        "posts": diff.posts,
        "porteurs": diff.porteurs,
        "quartiers": {
            "added": diff.quartiers.added,
            "removed": diff.quartiers.removed,
            "indicators": diff.quartiers.changed,
        },
    })
}

/// One contract file as facts, one per line (`subject | key | value`), in
/// the order written: what `git diff` shows through the textconv driver.
///
/// Read from the document itself, not from a contract: git hands one file
/// at a time, without its folder, and every key of the format — a key the
/// format gains too — shows as it is written. The subject of a file's own
/// keys is its first key and value (`pilier 1`, `axe emploi`), or
/// `contract` for contrat.toml (which starts with `title`); an entry of an
/// array of tables is named by its `id`, `code`, `insee` or `name` (`action
/// 2023-001`, `orientation OS 1.2`), else by its rank.
pub fn facts(document: &toml_edit::Table) -> String {
    let mut out = String::new();
    let entries: Vec<Entry> = document.iter().map(|(k, i)| Entry::of(k, i)).collect();
    let (subject, skip) = match entries.first() {
        Some(Entry::Value(key, value)) if *key != "title" => {
            (format!("{key} {}", scalar(value)), Some(*key))
        }
        _ => ("contract".to_owned(), None),
    };
    facts_of(&subject, true, &entries, "", skip, &mut out);
    out
}

/// A key of a table and what it holds, whichever way TOML writes it.
enum Entry<'d> {
    Value(&'d str, &'d toml_edit::Value),
    Table(&'d str, Vec<Entry<'d>>),
    Tables(&'d str, Vec<Vec<Entry<'d>>>),
}

impl<'d> Entry<'d> {
    fn of(key: &'d str, item: &'d toml_edit::Item) -> Entry<'d> {
        use toml_edit::{Item, Value};
        let table = |t: &'d toml_edit::Table| t.iter().map(|(k, i)| Entry::of(k, i)).collect();
        let inline = |t: &'d toml_edit::InlineTable| {
            t.iter()
                .map(|(k, v)| match v {
                    Value::InlineTable(inner) => Entry::Table(k, inner_entries(inner)),
                    v => Entry::Value(k, v),
                })
                .collect()
        };
        match item {
            Item::Table(t) => Entry::Table(key, table(t)),
            Item::ArrayOfTables(a) => Entry::Tables(key, a.iter().map(table).collect()),
            Item::Value(Value::InlineTable(t)) => Entry::Table(key, inline(t)),
            Item::Value(Value::Array(a))
                if !a.is_empty() && a.iter().all(|v| v.is_inline_table()) =>
            {
                Entry::Tables(
                    key,
                    a.iter()
                        .filter_map(|v| v.as_inline_table())
                        .map(inline)
                        .collect(),
                )
            }
            Item::Value(v) => Entry::Value(key, v),
            Item::None => Entry::Table(key, Vec::new()),
        }
    }
}

fn inner_entries(t: &toml_edit::InlineTable) -> Vec<Entry<'_>> {
    t.iter()
        .map(|(k, v)| match v {
            toml_edit::Value::InlineTable(inner) => Entry::Table(k, inner_entries(inner)),
            v => Entry::Value(k, v),
        })
        .collect()
}

/// The facts of one table under `subject`, keys prefixed by `path`. The
/// entries of an array of tables at the root of the file stand on their own
/// (`action 2023-001`); deeper, under their entry (`action 2023-001
/// indicator visites`). The key that names an entry is in its subject.
fn facts_of(
    subject: &str,
    root: bool,
    entries: &[Entry],
    path: &str,
    skip: Option<&str>,
    out: &mut String,
) {
    for entry in entries {
        match entry {
            Entry::Value(key, _) if Some(*key) == skip => {}
            Entry::Value(key, value) => line(out, subject, &format!("{path}{key}"), &scalar(value)),
            Entry::Table(key, inner) => {
                facts_of(subject, root, inner, &format!("{path}{key}."), None, out)
            }
            Entry::Tables(key, items) => {
                for (i, item) in items.iter().enumerate() {
                    let named = ["id", "code", "insee", "name"].into_iter().find_map(|k| {
                        item.iter().find_map(|e| match e {
                            Entry::Value(key, v) if *key == k => Some((k, scalar(v))),
                            _ => None,
                        })
                    });
                    let name = named
                        .as_ref()
                        .map_or_else(|| format!("#{}", i + 1), |(_, v)| v.clone());
                    let inner = if root {
                        format!("{path}{key} {name}")
                    } else {
                        format!("{subject} {path}{key} {name}")
                    };
                    facts_of(&inner, false, item, "", named.map(|(k, _)| k), out);
                }
            }
        }
    }
}

/// A value as one line of text: strings as written, numbers as spelled in
/// the file (`1500.50`), arrays joined.
fn scalar(value: &toml_edit::Value) -> String {
    match value {
        toml_edit::Value::String(s) => s.value().clone(),
        toml_edit::Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(", "),
        other => other.clone().decorated("", "").to_string(),
    }
}

fn line(out: &mut String, subject: &str, key: &str, value: &str) {
    // One line per fact, whatever the text holds.
    let value = value
        .replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r");
    out.push_str(&format!("{subject} | {key} | {value}\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unified_diff_has_headers_and_hunks() {
        let got = unified("c/x.toml", "a = 1\nb=2\n", "a = 1\nb = 2\n");
        assert_eq!(
            got,
            "--- a/c/x.toml\n+++ b/c/x.toml\n@@ -1,2 +1,2 @@\n a = 1\n-b=2\n+b = 2\n"
        );
    }
}
