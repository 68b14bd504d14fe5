//! `contrat show`: one entry of the contract with its parents and its actions.

use anyhow::Result;
use serde::Serialize;

use crate::cli::{ShowArgs, ShowFormat};
use crate::commands::{Context, Outcome, eprint, print};
use crate::model::{
    Action, Code, Contract, Labels, Orientation, Pilier, Priority, Quartier, Transversal,
};
use crate::render::{self, table::Grid};
use crate::suggest;

/// What a `show` argument designates.
enum Target<'c> {
    Pilier(&'c Pilier),
    Orientation(&'c Orientation),
    Priority(&'c Priority),
    Transversal(&'c Transversal),
    Quartier(&'c Quartier),
    Action(&'c Action),
}

/// Codes first (in any loose form), then quartiers by code, name or alias,
/// then action ids.
fn resolve<'c>(contract: &'c Contract, text: &str) -> Option<Target<'c>> {
    if let Ok(code) = contract.meta.labels.parse_code(text) {
        let found = match code {
            Code::Pilier(n) => contract.pilier(n).map(Target::Pilier),
            Code::Orientation(..) => contract.orientation(code).map(Target::Orientation),
            Code::Priority(..) => contract.priority(code).map(Target::Priority),
            Code::Transversal(_) => contract.transversal(code).map(Target::Transversal),
        };
        if found.is_some() {
            return found;
        }
    }
    if let Some(quartier) = contract.quartier(text) {
        return Some(Target::Quartier(quartier));
    }
    contract.action(text.trim()).map(Target::Action)
}

pub fn run(ctx: &Context, args: &ShowArgs) -> Result<Outcome> {
    let loaded = match ctx.load_clean()? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
    let contract = &loaded.contract;
    let Some(target) = resolve(contract, &args.code) else {
        eprint(&not_found(contract, &args.code))?;
        return Ok(Outcome::Findings);
    };
    let view = view(contract, &target);
    let text = match args.format {
        ShowFormat::Json => render::json(&view),
        ShowFormat::Table => {
            let mut text = format!("{}\n", view.heading);
            text.push_str(&render::table::text(&view.fields_grid(), ctx.table_style()));
            if !view.actions.is_empty() {
                text.push_str(&render::table::text(
                    &view.actions_grid(),
                    ctx.table_style(),
                ));
            }
            text
        }
    };
    print(&text)?;
    Ok(Outcome::Success)
}

/// The message for an argument that designates nothing, with the nearest codes.
fn not_found(contract: &Contract, text: &str) -> String {
    let mut candidates: Vec<String> = Vec::new();
    candidates.extend(contract.piliers.iter().map(|p| p.code().to_string()));
    candidates.extend(contract.orientations.iter().map(|o| o.code.to_string()));
    candidates.extend(contract.priorities.iter().map(|p| p.code.to_string()));
    candidates.extend(contract.transversals.iter().map(|t| t.code.to_string()));
    candidates.extend(contract.quartiers.iter().map(|q| q.key().to_owned()));
    candidates.extend(contract.actions.iter().map(|a| a.id.value.clone()));
    // Compare canonical with canonical when the argument reads as a code.
    let probe = Code::parse(text).map_or_else(|_| text.to_owned(), |c| c.to_string());
    let nearest = suggest::nearest_n(&probe, candidates.iter().map(String::as_str), 5);
    let mut message = format!(
        "error: the contract has no code, quartier or action `{}`\n",
        text.trim()
    );
    if !nearest.is_empty() {
        message.push_str(&format!("help: the nearest are {}\n", nearest.join(", ")));
    }
    message
}

/// One entry ready to print: a heading, field/value pairs, and the actions
/// that concern it.
#[derive(Serialize)]
struct View<'c> {
    version: u32,
    kind: &'static str,
    code: String,
    title: &'c str,
    #[serde(skip)]
    heading: String,
    #[serde(serialize_with = "fields_as_objects")]
    fields: Vec<(&'static str, String)>,
    actions: Vec<ActionRow<'c>>,
}

/// Fields serialize as `[{"field": "porteur", "value": "…"}, …]`: ordered, and a
/// field may repeat (several priorities, several funders).
fn fields_as_objects<S: serde::Serializer>(
    fields: &[(&'static str, String)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Field<'a> {
        field: &'a str,
        value: &'a str,
    }
    serializer.collect_seq(fields.iter().map(|(field, value)| Field { field, value }))
}

#[derive(Serialize)]
struct ActionRow<'c> {
    id: &'c str,
    year: u16,
    title: &'c str,
    porteur: &'c str,
    /// How the action relates to the entry: "main" or "secondary" priority,
    /// or empty where that does not apply.
    role: &'static str,
}

impl View<'_> {
    fn fields_grid(&self) -> Grid {
        let mut grid = Grid::new(Vec::<String>::new());
        for (name, value) in &self.fields {
            grid.push([(*name).to_owned(), value.clone()]);
        }
        grid
    }

    fn actions_grid(&self) -> Grid {
        let with_role = self.actions.iter().any(|a| !a.role.is_empty());
        let mut headers = vec!["action", "year", "title", "porteur"];
        if with_role {
            headers.push("priority");
        }
        let mut grid = Grid::new(headers);
        for a in &self.actions {
            let mut row = vec![
                a.id.to_owned(),
                a.year.to_string(),
                a.title.to_owned(),
                a.porteur.to_owned(),
            ];
            if with_role {
                row.push(a.role.to_owned());
            }
            grid.push(row);
        }
        grid
    }
}

fn action_row<'c>(action: &'c Action, role: &'static str) -> ActionRow<'c> {
    ActionRow {
        id: &action.id,
        year: *action.year,
        title: &action.title,
        porteur: &action.porteur,
        role,
    }
}

/// "OS 1.2  Poursuivre …" for a parent line.
fn code_and_title(labels: &Labels, code: Code, title: &str) -> String {
    format!("{}  {title}", labels.code(code))
}

fn view<'c>(contract: &'c Contract, target: &Target<'c>) -> View<'c> {
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    let mut actions = Vec::new();
    let (kind, code, title) = match target {
        Target::Pilier(p) => {
            for o in contract.orientations_of(*p.number) {
                fields.push((
                    "orientation",
                    code_and_title(&contract.meta.labels, *o.code, &o.title),
                ));
            }
            for objective in &p.objectives {
                fields.push(("objective", objective.value.clone()));
            }
            let priorities = contract.priorities_within(p.code()).count();
            fields.push(("priorities", priorities.to_string()));
            ("pilier", p.code(), p.title.as_str())
        }
        Target::Orientation(o) => {
            parents(contract, *o.code, &mut fields);
            for p in contract.priorities_within(*o.code) {
                fields.push((
                    "priority",
                    code_and_title(&contract.meta.labels, *p.code, &p.title),
                ));
            }
            ("orientation", *o.code, o.title.as_str())
        }
        Target::Priority(p) => {
            parents(contract, *p.code, &mut fields);
            for phrase in &p.emphasis {
                fields.push(("emphasis", phrase.value.clone()));
            }
            if !p.publics.is_empty() {
                let publics: Vec<&str> = p.publics.iter().map(|s| s.as_str()).collect();
                fields.push(("publics", publics.join(", ")));
            }
            for link in &p.protocole {
                let text = match link.mesure {
                    Some(m) => format!("{} (mesure {m})", link.text),
                    None => link.text.clone(),
                };
                fields.push(("protocole", text));
            }
            if let Some(note) = &p.note {
                fields.push(("note", note.clone()));
            }
            if let Some(gap) = &p.accepted_gap {
                fields.push(("accepted gap", gap.clone()));
            }
            for a in contract.actions_naming(*p.code) {
                let role = if a.main_priority() == Some(*p.code) {
                    "main"
                } else {
                    "secondary"
                };
                actions.push(action_row(a, role));
            }
            fields.push(("actions", actions.len().to_string()));
            ("priority", *p.code, p.title.as_str())
        }
        Target::Transversal(t) => {
            for a in contract
                .actions
                .iter()
                .filter(|a| a.transversal.iter().any(|c| c.value == *t.code))
            {
                actions.push(action_row(a, ""));
            }
            fields.push(("actions", actions.len().to_string()));
            ("transversal", *t.code, t.title.as_str())
        }
        Target::Quartier(q) => {
            fields.push(("name", q.name.value.clone()));
            if !q.aliases.is_empty() {
                let aliases: Vec<&str> = q.aliases.iter().map(|s| s.as_str()).collect();
                fields.push(("aliases", aliases.join(", ")));
            }
            let mine = |a: &&Action| {
                a.quartiers.iter().any(|s| {
                    contract
                        .quartier(s)
                        .is_some_and(|found| std::ptr::eq(found, *q))
                })
            };
            for a in contract.actions.iter().filter(mine) {
                actions.push(action_row(a, ""));
            }
            fields.push(("actions", actions.len().to_string()));
            let view = View {
                version: 1,
                kind: "quartier",
                code: q.key().to_owned(),
                title: q.name.as_str(),
                heading: match &q.code {
                    Some(code) => format!("{}  {}", code.value, q.name.value),
                    None => q.name.value.clone(),
                },
                fields,
                actions,
            };
            return view;
        }
        Target::Action(a) => {
            return action_view(contract, a);
        }
    };
    View {
        version: 1,
        kind,
        code: code.to_string(),
        title,
        heading: code_and_title(&contract.meta.labels, code, title),
        fields,
        actions,
    }
}

/// The pilier and orientation above a code.
fn parents(contract: &Contract, code: Code, fields: &mut Vec<(&'static str, String)>) {
    let mut above = Vec::new();
    let mut current = code.parent();
    while let Some(c) = current {
        match c {
            Code::Pilier(n) => {
                if let Some(p) = contract.pilier(n) {
                    above.push(("pilier", code_and_title(&contract.meta.labels, c, &p.title)));
                }
            }
            Code::Orientation(..) => {
                if let Some(o) = contract.orientation(c) {
                    above.push((
                        "orientation",
                        code_and_title(&contract.meta.labels, c, &o.title),
                    ));
                }
            }
            _ => {}
        }
        current = c.parent();
    }
    above.reverse();
    fields.extend(above);
}

fn action_view<'c>(contract: &'c Contract, a: &'c Action) -> View<'c> {
    let mut fields: Vec<(&'static str, String)> = vec![
        ("porteur", a.porteur.value.clone()),
        ("year", a.year.to_string()),
        ("status", a.status.name().to_owned()),
    ];
    for (i, code) in a.priorities.iter().enumerate() {
        let title = contract
            .priority(code.value)
            .map_or("", |p| p.title.as_str());
        let name = if i == 0 { "main priority" } else { "priority" };
        fields.push((
            name,
            code_and_title(&contract.meta.labels, code.value, title),
        ));
    }
    for code in &a.transversal {
        let title = contract
            .transversal(code.value)
            .map_or("", |t| t.title.as_str());
        fields.push((
            "transversal",
            code_and_title(&contract.meta.labels, code.value, title),
        ));
    }
    if let Some(description) = &a.description {
        fields.push(("description", description.clone()));
    }
    for q in &a.quartiers {
        let shown = contract.quartier(q).map_or_else(
            || q.value.clone(),
            |found| match &found.code {
                Some(code) => format!("{}  {}", code.value, found.name.value),
                None => found.name.value.clone(),
            },
        );
        fields.push(("quartier", shown));
    }
    if !a.publics.is_empty() {
        let publics: Vec<&str> = a.publics.iter().map(|s| s.as_str()).collect();
        fields.push(("publics", publics.join(", ")));
    }
    if let Some(cost) = &a.cost {
        fields.push(("cost", format!("{} €", cost.value)));
    }
    for amount in &a.funding {
        fields.push((
            "funding",
            format!("{}: {} €", amount.funder.value, amount.amount.value),
        ));
    }
    for amount in &a.requested {
        fields.push((
            "requested",
            format!("{}: {} €", amount.funder.value, amount.amount.value),
        ));
    }
    if let Some(n) = a.beneficiaries.planned {
        fields.push(("beneficiaries planned", n.to_string()));
    }
    if let Some(n) = a.beneficiaries.actual {
        fields.push(("beneficiaries actual", n.to_string()));
    }
    if let Some(renews) = &a.renews {
        fields.push(("renews", renews.value.clone()));
    }
    if !a.tags.is_empty() {
        fields.push(("tags", a.tags.join(", ")));
    }
    for indicator in &a.indicators {
        let unit = indicator
            .unit
            .as_deref()
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        let actual = indicator.actual.map_or_else(
            || "no actual yet".to_owned(),
            |v| format!("actual {v}{unit}"),
        );
        fields.push((
            "indicator",
            format!(
                "{}: target {}{unit}, {actual}",
                indicator.name, indicator.target
            ),
        ));
    }
    View {
        version: 1,
        kind: "action",
        code: a.id.value.clone(),
        title: &a.title,
        heading: format!("{}  {}", a.id.value, a.title.value),
        fields,
        actions: Vec::new(),
    }
}
