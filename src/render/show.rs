//! One entry of the contract laid out: a heading, its fields (parents first),
//! and the actions that concern it.

use serde_json::json;

use crate::model::{
    Action, Amount, Code, CodeKind, Contract, Money, Node, Porteur, Post, Quartier, Transversal,
};
use crate::output::{Block, Cell, Column, Doc, Kind, Span, Table, Word, Words};
use crate::render::columns::Common;

/// What a `show` argument designates.
pub enum Target<'c> {
    /// An entry of the tree, at any level.
    Node(&'c Node),
    Transversal(&'c Transversal),
    Quartier(&'c Quartier),
    Action(&'c Action),
    /// A porteur of the registry, with its actions and posts.
    Porteur(&'c Porteur),
    /// A post, every year the contract has it (never empty).
    Post(Vec<&'c Post>),
}

/// One field: its stable key (JSON), its label, its value for a person and
/// for a machine.
struct Field {
    key: String,
    label: String,
    shown: String,
    plain: String,
}

/// How an action relates to the entry shown.
#[derive(Clone, Copy)]
enum Role {
    Main,
    Secondary,
    None,
}

struct View<'c> {
    kind: String,
    code: String,
    title: &'c str,
    heading: String,
    fields: Vec<Field>,
    actions: Vec<(&'c Action, Role)>,
}

struct Builder<'w> {
    w: &'w Words,
    fields: Vec<Field>,
}

impl Builder<'_> {
    fn text(&mut self, key: impl Into<String>, label: impl Into<String>, value: impl Into<String>) {
        let value = value.into();
        self.fields.push(Field {
            key: key.into(),
            label: label.into(),
            shown: value.clone(),
            plain: value,
        });
    }

    fn field(&mut self, key: &'static str, word: Word, value: impl Into<String>) {
        let label = self.w.s(word);
        self.text(key, label, value);
    }

    fn count(&mut self, key: &'static str, word: Word, n: u64) {
        self.fields.push(Field {
            key: key.to_owned(),
            label: self.w.s(word),
            shown: self.w.count(n),
            plain: n.to_string(),
        });
    }

    /// One line per funder's amount, each under the same label.
    fn amounts(&mut self, key: &'static str, label: String, amounts: &[Amount]) {
        for a in amounts {
            self.money(key, label.clone(), Some(&a.funder), a.amount.value);
        }
    }

    fn money(&mut self, key: &'static str, label: String, prefix: Option<&str>, m: Money) {
        let (shown, plain) = match prefix {
            Some(p) => (self.w.amount_of(p, m), format!("{p}: {m} €")),
            None => (self.w.money(m), format!("{m} €")),
        };
        self.fields.push(Field {
            key: key.to_owned(),
            label,
            shown,
            plain,
        });
    }

    /// A parent or child: `OS 1.2  Poursuivre …`, under the level's name.
    fn item(&mut self, kind: CodeKind, code: Code, title: &str) {
        self.fields.push(Field {
            key: self.w.level_key(kind),
            label: self.w.level_one(kind).to_lowercase(),
            shown: format!("{}  {title}", self.w.code(code)),
            plain: format!("{code}  {title}"),
        });
    }
}

/// The entries above a code, top first.
fn parents(contract: &Contract, code: Code, b: &mut Builder<'_>) {
    let above: Vec<Code> = contract.ancestry(code).skip(1).collect();
    for c in above.into_iter().rev() {
        if let Some(n) = contract.node(c) {
            b.item(n.level(), c, &n.title);
        }
    }
}

fn view<'c>(contract: &'c Contract, target: &Target<'c>, w: &Words) -> View<'c> {
    let mut b = Builder {
        w,
        fields: Vec::new(),
    };
    let mut actions = Vec::new();
    let tree = &contract.tree;
    let (kind, code, title) = match target {
        Target::Node(node) => {
            let code = *node.code;
            let depth = node.level().depth().unwrap_or(0);
            parents(contract, code, &mut b);
            for child in contract.children(code) {
                b.item(child.level(), *child.code, &child.title);
            }
            for objective in &node.objectives {
                b.field("objective", Word::FieldObjective, objective.value.clone());
            }
            // Two levels or more above the deepest: how many entries of the
            // deepest it holds (a pilier's priorities).
            if depth + 2 < tree.depth() {
                let leaf = w.leaf();
                let below = contract.within(code, leaf).count();
                let key = if w.declared() {
                    "entries".to_owned()
                } else {
                    crate::spec::plural_key(&w.level_key(leaf))
                };
                b.text(key, w.level_many(leaf).to_lowercase(), below.to_string());
            }
            for phrase in &node.emphasis {
                b.field("emphasis", Word::FieldEmphasis, phrase.value.clone());
            }
            if !node.publics.is_empty() {
                let publics: Vec<&str> = node.publics.iter().map(|s| s.as_str()).collect();
                b.field("publics", Word::FieldPublics, publics.join(", "));
            }
            for link in &node.protocole {
                b.field(
                    "protocole",
                    Word::FieldProtocole,
                    w.mesure(&link.text, link.mesure),
                );
            }
            if let Some(note) = &node.note {
                b.field("note", Word::FieldNote, note.clone());
            }
            if let Some(gap) = &node.accepted_gap {
                b.field("accepted gap", Word::FieldAcceptedGap, gap.clone());
            }
            if let Some(theme) = contract.theme_of(code) {
                b.field("theme", Word::FieldTheme, theme.label());
            }
            if tree.level(node.level()).nameable {
                for a in contract.actions_naming(code) {
                    let role = if a.main() == Some(code) {
                        Role::Main
                    } else {
                        Role::Secondary
                    };
                    actions.push((a, role));
                }
                b.field("actions", Word::FieldActions, actions.len().to_string());
            }
            (node.level(), code, node.title.as_str())
        }
        Target::Transversal(t) => {
            for a in contract
                .actions
                .iter()
                .filter(|a| a.transversal.iter().any(|c| c.value == *t.code))
            {
                actions.push((a, Role::None));
            }
            b.field("actions", Word::FieldActions, actions.len().to_string());
            (CodeKind::Transversal, *t.code, t.title.as_str())
        }
        Target::Quartier(q) => {
            b.field("name", Word::FieldName, q.name.value.clone());
            if !q.aliases.is_empty() {
                let aliases: Vec<&str> = q.aliases.iter().map(|s| s.as_str()).collect();
                b.field("aliases", Word::FieldAliases, aliases.join(", "));
            }
            for commune in q.communes.iter() {
                let shown = contract.commune(commune).map_or_else(
                    || commune.value.clone(),
                    |c| format!("{}  {}", c.insee.value, c.name.value),
                );
                b.field("commune", Word::FieldCommune, shown);
            }
            let mine = |a: &&Action| {
                a.quartiers.iter().any(|s| {
                    contract
                        .quartier(s)
                        .is_some_and(|found| std::ptr::eq(found, *q))
                })
            };
            for a in contract.actions.iter().filter(mine) {
                actions.push((a, Role::None));
            }
            b.field("actions", Word::FieldActions, actions.len().to_string());
            return View {
                kind: "quartier".to_owned(),
                code: q.key().to_owned(),
                title: q.name.as_str(),
                heading: match &q.code {
                    Some(code) => format!("{}  {}", code.value, q.name.value),
                    None => q.name.value.clone(),
                },
                fields: b.fields,
                actions,
            };
        }
        Target::Action(a) => return action_view(contract, a, b),
        Target::Porteur(p) => {
            b.field("name", Word::FieldName, p.name.value.clone());
            if let Some(siret) = &p.siret {
                b.field("siret", Word::FieldSiret, siret.value.clone());
            }
            if let Some(rna) = &p.rna {
                b.field("rna", Word::FieldRna, rna.value.clone());
            }
            if !p.aliases.is_empty() {
                let aliases: Vec<&str> = p.aliases.iter().map(|s| s.as_str()).collect();
                b.field("aliases", Word::FieldAliases, aliases.join(", "));
            }
            let mine = |spelling: &str| {
                contract
                    .porteur(spelling)
                    .is_some_and(|found| std::ptr::eq(found, *p))
            };
            for post in contract.posts.iter().filter(|post| mine(&post.porteur)) {
                let (shown, plain) = post_line(post, w);
                b.fields.push(Field {
                    key: "post".to_owned(),
                    label: w.s(Word::FieldPost),
                    shown,
                    plain,
                });
            }
            for a in contract.actions.iter().filter(|a| mine(&a.porteur)) {
                actions.push((a, Role::None));
            }
            b.field("actions", Word::FieldActions, actions.len().to_string());
            return View {
                kind: "porteur".to_owned(),
                code: p.id.value.clone(),
                title: p.name.as_str(),
                heading: format!("{}  {}", p.id.value, p.name.value),
                fields: b.fields,
                actions,
            };
        }
        Target::Post(years) => {
            let first = years[0];
            b.field(
                "kind",
                Word::FieldKind,
                crate::render::posts::kind_word(first.kind, w),
            );
            b.field(
                "porteur",
                Word::FieldPorteur,
                contract.porteur_name(&first.porteur),
            );
            if let Some(q) = &first.quartier {
                b.field("quartier", Word::FieldQuartier, q.value.clone());
            }
            // A line per year, the year as label; the machine's value says it too.
            for post in years.iter() {
                let year = post.year.value;
                let (shown, plain) = match &post.amount {
                    Some(m) => (w.money(m.value), format!("{year}: {} €", m.value)),
                    None => ("—".to_owned(), format!("{year}: unknown")),
                };
                b.fields.push(Field {
                    key: "amount".to_owned(),
                    label: year.to_string(),
                    shown,
                    plain,
                });
            }
            return View {
                kind: "post".to_owned(),
                code: first.number.value.clone(),
                title: first.porteur.as_str(),
                heading: format!(
                    "{}  {}",
                    first.number.value,
                    crate::render::posts::kind_word(first.kind, w)
                ),
                fields: b.fields,
                actions,
            };
        }
    };
    View {
        kind: w.level_key(kind),
        code: code.to_string(),
        title,
        heading: format!("{}  {title}", w.code(code)),
        fields: b.fields,
        actions,
    }
}

/// `08212R000102 adulte-relais, 2023 : 22 555,73 €` for a person, and
/// `08212R000102 adulte-relais, 2023: 22555.73 €` for a machine.
fn post_line(post: &Post, w: &Words) -> (String, String) {
    let number = &post.number.value;
    let year = post.year.value;
    let shown = format!(
        "{number} {}, {year}{}{}",
        crate::render::posts::kind_word(post.kind, w),
        w.colon(),
        post.amount
            .as_ref()
            .map_or_else(|| "—".to_owned(), |m| w.money(m.value))
    );
    let plain = format!(
        "{number} {}, {year}: {}",
        post.kind.name(),
        post.amount
            .as_ref()
            .map_or_else(|| "unknown".to_owned(), |m| format!("{} €", m.value))
    );
    (shown, plain)
}

fn action_view<'c>(contract: &'c Contract, a: &'c Action, mut b: Builder<'_>) -> View<'c> {
    let w = b.w;
    b.field(
        "porteur",
        Word::FieldPorteur,
        contract.porteur_name(&a.porteur),
    );
    if let Some(p) = contract.porteur(&a.porteur) {
        if let Some(siret) = &p.siret {
            b.field("siret", Word::FieldSiret, siret.value.clone());
        }
        if let Some(rna) = &p.rna {
            b.field("rna", Word::FieldRna, rna.value.clone());
        }
    }
    b.field("year", Word::FieldYear, a.year.to_string());
    if let Some(until) = &a.grant.until {
        b.field("until", Word::FieldUntil, until.value.to_string());
    }
    b.fields.push(Field {
        key: "status".to_owned(),
        label: w.s(Word::FieldStatus),
        shown: w.status(a.status).to_owned(),
        plain: a.status.name().to_owned(),
    });
    for (i, code) in a.serves.iter().enumerate() {
        let title = contract.title_of(code.value).unwrap_or("");
        let kind = code.kind();
        let level = w.level_key(kind);
        let (key, label) = if i == 0 {
            (
                format!("main {level}"),
                format!(
                    "{} ({})",
                    w.level_one(kind).to_lowercase(),
                    w.get(Word::RoleMain)
                ),
            )
        } else {
            (level, w.level_one(kind).to_lowercase())
        };
        b.fields.push(Field {
            key,
            label,
            shown: format!("{}  {title}", w.code(code.value)),
            plain: format!("{}  {title}", code.value),
        });
    }
    for code in &a.transversal {
        let title = contract
            .transversal(code.value)
            .map_or("", |t| t.title.as_str());
        b.item(CodeKind::Transversal, code.value, title);
    }
    if let Some(description) = &a.description {
        b.field("description", Word::FieldDescription, description.clone());
    }
    for q in &a.quartiers {
        let shown = contract.quartier(q).map_or_else(
            || q.value.clone(),
            |found| match &found.code {
                Some(code) => format!("{}  {}", code.value, found.name.value),
                None => found.name.value.clone(),
            },
        );
        b.field("quartier", Word::FieldQuartier, shown);
    }
    if !a.publics.is_empty() {
        let publics: Vec<&str> = a.publics.iter().map(|s| s.as_str()).collect();
        b.field("publics", Word::FieldPublics, publics.join(", "));
    }
    if let Some(cost) = &a.cost {
        b.money("cost", w.s(Word::FieldCost), None, cost.value);
    }
    b.amounts("funding", w.s(Word::FieldFunding), &a.funding);
    b.amounts("requested", w.s(Word::FieldRequested), &a.requested);
    if let Some(own) = &a.grant.own_funds {
        b.money("own_funds", w.s(Word::FieldOwnFunds), None, own.value);
    }
    b.amounts("partner", w.s(Word::FieldPartner), &a.grant.partners);
    b.amounts("paid", w.s(Word::FieldPaid), &a.grant.paid);
    let d = &a.grant.dates;
    for (key, word, date) in [
        ("filed", Word::FieldFiled, d.filed),
        ("voted", Word::FieldVoted, d.voted),
        ("paid on", Word::FieldPaidOn, d.paid),
        ("bilan", Word::FieldBilan, d.bilan),
    ] {
        if let Some(date) = date {
            b.field(key, word, w.date(date));
        }
    }
    if let Some(n) = a.beneficiaries.planned {
        b.count("beneficiaries planned", Word::FieldPlanned, n);
    }
    if let Some(n) = a.beneficiaries.actual {
        b.count("beneficiaries actual", Word::FieldActual, n);
    }
    if let Some(theme) = contract.action_theme(a) {
        b.field("theme", Word::FieldTheme, theme.label());
    }
    if let Some(d) = &a.grant.dossier {
        b.field("dossier", Word::FieldDossier, d.value.clone());
    }
    if let Some(ej) = &a.grant.chorus_ej {
        b.field("chorus_ej", Word::FieldChorusEj, ej.value.clone());
    }
    if let Some(renews) = &a.renews {
        b.field("renews", Word::FieldRenews, renews.value.clone());
    }
    if !a.tags.is_empty() {
        b.field("tags", Word::FieldTags, a.tags.join(", "));
    }
    for i in &a.indicators {
        b.field(
            "indicator",
            Word::FieldIndicator,
            w.indicator(&i.name, i.target, i.actual, i.unit.as_deref()),
        );
    }
    View {
        kind: "action".to_owned(),
        code: a.id.value.clone(),
        title: &a.title,
        heading: format!("{}  {}", a.id.value, a.title.value),
        fields: b.fields,
        actions: Vec::new(),
    }
}

/// The whole output of `contrat show`.
pub fn doc(contract: &Contract, target: &Target<'_>, w: &Words) -> Doc {
    let view = view(contract, target, w);
    let mut fields = Table::new(
        "fields",
        vec![
            Column::new("field", w.s(Word::Field), Kind::Code),
            Column::new("value", w.s(Word::Value), Kind::Text),
        ],
    );
    fields.header = false;
    for f in &view.fields {
        fields.push(vec![
            Cell::code(f.label.clone()),
            Cell::text(f.shown.clone()),
        ]);
    }
    let mut blocks = vec![
        Block::Paragraph(vec![Span::Strong(view.heading.clone())]),
        Block::Table(fields),
    ];
    if !view.actions.is_empty() {
        let with_role = view.actions.iter().any(|(_, r)| !matches!(r, Role::None));
        let mut columns = Common::columns(
            w,
            [
                Common::ActionId,
                Common::Year,
                Common::Title,
                Common::Porteur,
            ],
        );
        if with_role {
            columns.push(Column::new("role", w.s(Word::Role), Kind::Code));
        }
        let mut t = Table::new("actions", columns);
        for (a, role) in &view.actions {
            let mut row = vec![
                Cell::code(a.id.value.clone()),
                Cell::Year(*a.year),
                Cell::text(a.title.value.clone()),
                Cell::text(a.porteur.value.clone()),
            ];
            if with_role {
                row.push(Cell::code(match role {
                    Role::Main => w.s(Word::RoleMain),
                    Role::Secondary => w.s(Word::RoleSecondary),
                    Role::None => String::new(),
                }));
            }
            t.push(row);
        }
        blocks.push(Block::Table(t));
    }
    let json = json!({
        "version": if w.declared() { 2 } else { 1 },
        "kind": view.kind,
        "code": view.code,
        "title": view.title,
        "fields": view.fields.iter().map(|f| json!({ "field": f.key, "value": f.plain })).collect::<Vec<_>>(),
        "actions": view.actions.iter().map(|(a, role)| json!({
            "id": a.id.value,
            "year": *a.year,
            "title": a.title.value,
            "porteur": a.porteur.value,
            "role": match role { Role::Main => "main", Role::Secondary => "secondary", Role::None => "" },
        })).collect::<Vec<_>>(),
    });
    Doc {
        blocks,
        json: Some(json),
        ..Doc::default()
    }
}
