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

use serde::Serialize;

use crate::analysis::diff::{Diff, Field, FieldChange, FieldValue, TreeChange};
use crate::model::{CodeKind, Contract, Language};
use crate::render::format::money;
use crate::render::table::Grid;

/// What a report of changes needs besides the changes: the names of both
/// sides, the funders' display names, and the language of money.
pub struct Sides {
    /// The old side: `HEAD`, a revision, a folder.
    pub from: String,
    /// The new side: `working tree`, a revision.
    pub to: String,
    /// Funder id → display name, from both contracts (the new one wins).
    pub funders: BTreeMap<String, String>,
    pub lang: Language,
}

impl Sides {
    pub fn new(from: String, to: String, old: &Contract, new: &Contract) -> Sides {
        let mut funders = BTreeMap::new();
        for f in old.funders.iter().chain(&new.funders) {
            funders.insert(f.id.value.clone(), f.name.value.clone());
        }
        Sides {
            from,
            to,
            funders,
            lang: new.meta.language,
        }
    }

    /// A field as a person reads it: `État funding`, `porteur`.
    pub fn field(&self, field: &Field) -> String {
        let name = |id: &String| self.funders.get(id).cloned().unwrap_or_else(|| id.clone());
        match field {
            Field::Funding(id) => format!("{} funding", name(id)),
            Field::Requested(id) => format!("{} requested", name(id)),
            other => other.key(),
        }
    }

    /// A value as a person reads it: money with its unit, text in quotes,
    /// `—` for nothing.
    pub fn value(&self, field: &Field, value: &FieldValue) -> String {
        match value {
            FieldValue::None => "—".to_owned(),
            FieldValue::Text(t) if matches!(field, Field::Status) => t.clone(),
            FieldValue::Text(t) => quote(t),
            FieldValue::Number(n) => n.to_string(),
            FieldValue::Money(m) => money(*m, self.lang),
            FieldValue::List(items) if items.is_empty() => "—".to_owned(),
            FieldValue::List(items) => items.join(", "),
        }
    }

    /// `État funding: 8 000 € → 10 000 €`.
    pub fn change(&self, change: &FieldChange) -> String {
        format!(
            "{}: {} → {}",
            self.field(&change.field),
            self.value(&change.field, &change.old),
            self.value(&change.field, &change.new)
        )
    }
}

fn quote(text: &str) -> String {
    format!("\"{text}\"")
}

fn level(kind: CodeKind) -> &'static str {
    kind.name()
}

/// The item and the detail of a tree change: `P 1.2.1 → P 1.2.2`, `"Écoles."`.
fn tree_parts(change: &TreeChange) -> (&'static str, String, String) {
    match change {
        TreeChange::Added { code, title } => ("added", code.to_string(), quote(title)),
        TreeChange::Removed { code, title } => ("removed", code.to_string(), quote(title)),
        TreeChange::Retitled {
            code,
            old_title,
            new_title,
        } => (
            "retitled",
            code.to_string(),
            format!("{} → {}", quote(old_title), quote(new_title)),
        ),
        TreeChange::Renumbered {
            old_code,
            new_code,
            title,
        } => (
            "renumbered",
            format!("{old_code} → {new_code}"),
            quote(title),
        ),
    }
}

fn review_text(codes: &[crate::model::Code]) -> String {
    let list: Vec<String> = codes.iter().map(ToString::to_string).collect();
    if list.len() == 1 {
        format!("names {}, whose text changed", list[0])
    } else {
        format!("names {}, whose texts changed", list.join(", "))
    }
}

/// The changes as a grid: what changed, which item, the detail.
pub fn grid(diff: &Diff, sides: &Sides) -> Grid {
    let mut grid = Grid::new(["change", "item", "detail"]);
    for change in &diff.tree {
        let (what, item, detail) = tree_parts(change);
        grid.push([format!("{} {what}", level(change.kind())), item, detail]);
    }
    for a in &diff.actions_added {
        grid.push([
            "action added".to_owned(),
            a.id.clone(),
            format!("{} ({})", quote(&a.title), a.year),
        ]);
    }
    for a in &diff.actions_removed {
        grid.push([
            "action removed".to_owned(),
            a.id.clone(),
            format!("{} ({})", quote(&a.title), a.year),
        ]);
    }
    for a in &diff.actions_changed {
        for f in &a.fields {
            grid.push(["action changed".to_owned(), a.id.clone(), sides.change(f)]);
        }
    }
    for r in &diff.to_review {
        grid.push([
            "to review".to_owned(),
            r.id.clone(),
            format!("{} {}", quote(&r.title), review_text(&r.priorities)),
        ]);
    }
    grid
}

/// The line printed when nothing changed.
pub fn no_change(sides: &Sides) -> String {
    format!(
        "No change to the contract from {} to {}.\n",
        sides.from, sides.to
    )
}

/// Markdown escapes for text inside a bullet.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Headings per kind and bullet lists, ready to paste into a merge request.
pub fn markdown(diff: &Diff, sides: &Sides) -> String {
    let mut out = format!(
        "## Changes to the contract: {} → {}\n",
        md(&sides.from),
        md(&sides.to)
    );
    if diff.is_empty() {
        out.push('\n');
        out.push_str(&md(&no_change(sides)));
        return out;
    }
    let kinds = [
        (CodeKind::Pilier, "Piliers"),
        (CodeKind::Orientation, "Orientations"),
        (CodeKind::Priority, "Priorities"),
        (CodeKind::Transversal, "Transversal orientations"),
    ];
    for (kind, heading) in kinds {
        let changes: Vec<&TreeChange> = diff.tree.iter().filter(|c| c.kind() == kind).collect();
        if changes.is_empty() {
            continue;
        }
        out.push_str(&format!("\n### {heading}\n\n"));
        for change in changes {
            let (what, item, detail) = tree_parts(change);
            out.push_str(&format!("- **{}** {what}: {}\n", md(&item), md(&detail)));
        }
    }
    for (heading, list) in [
        ("Actions added", &diff.actions_added),
        ("Actions removed", &diff.actions_removed),
    ] {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("\n### {heading}\n\n"));
        for a in list {
            out.push_str(&format!(
                "- **{}** {} ({})\n",
                md(&a.id),
                md(&quote(&a.title)),
                a.year
            ));
        }
    }
    if !diff.actions_changed.is_empty() {
        out.push_str("\n### Actions changed\n\n");
        for a in &diff.actions_changed {
            out.push_str(&format!("- **{}** {}\n", md(&a.id), md(&quote(&a.title))));
            for f in &a.fields {
                out.push_str(&format!("  - {}\n", md(&sides.change(f))));
            }
        }
    }
    if !diff.to_review.is_empty() {
        out.push_str("\n### To review\n\n");
        for r in &diff.to_review {
            out.push_str(&format!(
                "- **{}** {} {}\n",
                md(&r.id),
                md(&quote(&r.title)),
                md(&review_text(&r.priorities))
            ));
        }
    }
    out
}

/// The level of a tree change in JSON: one word.
fn json_level(kind: CodeKind) -> &'static str {
    match kind {
        CodeKind::Transversal => "transversal",
        other => other.name(),
    }
}

#[derive(Serialize)]
struct JsonTree<'a> {
    level: &'static str,
    #[serde(flatten)]
    change: &'a TreeChange,
}

#[derive(Serialize)]
struct JsonActions<'a> {
    added: &'a [crate::analysis::diff::ActionRef],
    removed: &'a [crate::analysis::diff::ActionRef],
    changed: &'a [crate::analysis::diff::ActionChange],
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    version: u32,
    from: &'a str,
    to: &'a str,
    tree: Vec<JsonTree<'a>>,
    actions: JsonActions<'a>,
    to_review: &'a [crate::analysis::diff::Review],
}

/// The documented JSON document of a diff.
pub fn json(diff: &Diff, sides: &Sides) -> String {
    let doc = JsonDiff {
        version: 1,
        from: &sides.from,
        to: &sides.to,
        tree: diff
            .tree
            .iter()
            .map(|change| JsonTree {
                level: json_level(change.kind()),
                change,
            })
            .collect(),
        actions: JsonActions {
            added: &diff.actions_added,
            removed: &diff.actions_removed,
            changed: &diff.actions_changed,
        },
        to_review: &diff.to_review,
    };
    crate::render::json(&doc)
}

/// One contract file as facts, one per line (`subject | key | value`), in
/// contract order: what `git diff` shows through the textconv driver.
pub fn facts(contract: &Contract, contract_file: bool) -> String {
    let mut out = String::new();
    let mut fact = |subject: &str, key: &str, value: &str| {
        // One line per fact, whatever the text holds.
        let value = value
            .replace('\\', "\\\\")
            .replace('\n', "\\n")
            .replace('\r', "\\r");
        out.push_str(&format!("{subject} | {key} | {value}\n"));
    };
    if contract_file {
        let meta = &contract.meta;
        fact("contract", "title", &meta.title);
        fact("contract", "territory", &meta.territory);
        if let Some(period) = &meta.period {
            fact(
                "contract",
                "period",
                &format!("{}..{}", period.from, period.to),
            );
        }
        fact(
            "contract",
            "language",
            match meta.language {
                Language::Fr => "fr",
                Language::En => "en",
            },
        );
        if let Some(source) = &meta.source {
            fact("contract", "source", source);
        }
        for public in &contract.publics {
            fact("contract", "public", public);
        }
        for f in &contract.funders {
            fact(&format!("funder {}", f.id.value), "name", &f.name);
        }
        for t in &contract.transversals {
            fact(&t.code.to_string(), "title", &t.title);
        }
        for q in &contract.quartiers {
            let subject = format!("quartier {}", q.key());
            if let Some(code) = &q.code {
                fact(&subject, "code", code);
            }
            fact(&subject, "name", &q.name);
            for alias in &q.aliases {
                fact(&subject, "alias", alias);
            }
        }
        for (rule, level) in &meta.levels {
            let level = match level {
                crate::diagnostic::Level::Allow => "allow",
                crate::diagnostic::Level::Warn => "warn",
                crate::diagnostic::Level::Deny => "deny",
            };
            fact("check", rule.name(), level);
        }
    }
    for p in &contract.piliers {
        let subject = p.code().to_string();
        fact(&subject, "title", &p.title);
        for o in &p.objectives {
            fact(&subject, "objective", o);
        }
    }
    // Orientations and priorities in tree order, as `list` shows them.
    let mut tree: Vec<(crate::model::Code, Option<&crate::model::Priority>, &str)> = Vec::new();
    tree.extend(
        contract
            .orientations
            .iter()
            .map(|o| (*o.code, None, o.title.as_str())),
    );
    tree.extend(
        contract
            .priorities
            .iter()
            .map(|p| (*p.code, Some(p), p.title.as_str())),
    );
    tree.sort_by_key(|(code, ..)| *code);
    for (code, priority, title) in tree {
        let subject = code.to_string();
        fact(&subject, "title", title);
        let Some(p) = priority else { continue };
        for e in &p.emphasis {
            fact(&subject, "emphasis", e);
        }
        for public in &p.publics {
            fact(&subject, "public", public);
        }
        for link in &p.protocole {
            let text = match link.mesure {
                Some(m) => format!("{} (mesure {m})", link.text),
                None => link.text.clone(),
            };
            fact(&subject, "protocole", &text);
        }
        if let Some(note) = &p.note {
            fact(&subject, "note", note);
        }
        if let Some(gap) = &p.accepted_gap {
            fact(&subject, "accepted_gap", gap);
        }
    }
    for a in &contract.actions {
        let subject = format!("action {}", a.id.value);
        fact(&subject, "title", &a.title);
        fact(&subject, "porteur", &a.porteur);
        fact(&subject, "year", &a.year.to_string());
        let codes: Vec<String> = a.priorities.iter().map(|c| c.to_string()).collect();
        fact(&subject, "priorities", &codes.join(", "));
        if let Some(d) = &a.description {
            fact(&subject, "description", d);
        }
        if !a.transversal.is_empty() {
            let codes: Vec<String> = a.transversal.iter().map(|c| c.to_string()).collect();
            fact(&subject, "transversal", &codes.join(", "));
        }
        for q in &a.quartiers {
            fact(&subject, "quartier", q);
        }
        for public in &a.publics {
            fact(&subject, "public", public);
        }
        if let Some(cost) = &a.cost {
            fact(&subject, "cost", &cost.to_string());
        }
        for f in &a.funding {
            fact(
                &subject,
                &format!("funding.{}", f.funder.value),
                &f.amount.to_string(),
            );
        }
        for f in &a.requested {
            fact(
                &subject,
                &format!("requested.{}", f.funder.value),
                &f.amount.to_string(),
            );
        }
        if let Some(n) = a.beneficiaries.planned {
            fact(&subject, "beneficiaries.planned", &n.to_string());
        }
        if let Some(n) = a.beneficiaries.actual {
            fact(&subject, "beneficiaries.actual", &n.to_string());
        }
        fact(&subject, "status", a.status.name());
        if let Some(r) = &a.renews {
            fact(&subject, "renews", r);
        }
        for t in &a.tags {
            fact(&subject, "tag", t);
        }
        for i in &a.indicators {
            fact(
                &subject,
                "indicator",
                &crate::analysis::diff::indicator_text(i),
            );
        }
    }
    out
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
