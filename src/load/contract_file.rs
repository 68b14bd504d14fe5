//! `contrat.toml`: the contract as a whole.

use crate::diagnostic::{Diagnostic, Level, Rule};
use crate::load::reader::{Reader, Table};
use crate::model::{
    CodeKind, Funder, Labels, Language, Located, Meta, Period, Porteur, Post, Quartier, Transversal,
};
use crate::suggest;

/// What `contrat.toml` contributes to the contract.
#[derive(Default)]
pub(crate) struct ContractPart {
    pub meta: Meta,
    pub transversals: Vec<Transversal>,
    pub quartiers: Vec<Quartier>,
    pub funders: Vec<Funder>,
    pub publics: Vec<Located<String>>,
    pub posts: Vec<Post>,
    pub porteurs: Vec<Porteur>,
}

pub(crate) fn read(r: &mut Reader, root: &Table<'_, '_>) -> ContractPart {
    r.check_keys(root);
    let mut meta = Meta {
        file: Some(r.file),
        ..Meta::default()
    };
    if let Some(title) = r.title(root, "title") {
        meta.title = title.value;
    }
    if let Some(territory) = r.title(root, "territory") {
        meta.territory = territory.value;
    }
    meta.period = read_period(r, root);
    if let Some(language) = r.optional_string(root, "language") {
        match Language::parse(&language) {
            Some(l) => meta.language = l,
            None => {
                let help = suggest::did_you_mean(&language, Language::NAMES).unwrap_or_else(|| {
                    "write `language = \"fr\"` or `language = \"en\"`".to_owned()
                });
                r.push(
                    Diagnostic::at(
                        Rule::InvalidValue,
                        language.span,
                        format!("unknown language `{}`", language.value),
                    )
                    .label("expected `fr` or `en`")
                    .help(help),
                );
            }
        }
    }
    meta.source = r.optional_string(root, "source").map(|s| s.value);
    meta.levels = read_levels(r, root);
    meta.labels = read_labels(r, root);
    meta.statuses = crate::load::grant::statuses(r, root);

    let publics = r.strings(root, "publics");
    for public in &publics {
        if public.trim().is_empty() {
            r.push(
                Diagnostic::at(Rule::EmptyTitle, public.span, "empty public in `publics`")
                    .label("empty")
                    .help("remove it or name the public"),
            );
        }
    }

    ContractPart {
        meta,
        transversals: read_transversals(r, root),
        quartiers: read_quartiers(r, root),
        funders: read_funders(r, root),
        publics,
        porteurs: crate::load::porteur::read(r, root),
        posts: crate::load::post::read(r, root),
    }
}

fn read_period(r: &mut Reader, root: &Table<'_, '_>) -> Option<Located<Period>> {
    let value = r.require(root, "period")?;
    let table = r.table(root, "period")?;
    r.check_keys(&table);
    let from = r.required_integer(&table, "from");
    let to = r.required_integer(&table, "to");
    let (from, to) = (from?, to?);
    if from.value > to.value {
        r.push(
            Diagnostic::at(
                Rule::InvalidValue,
                r.span(value.span()),
                format!(
                    "the period ends in {} before it begins in {}",
                    to.value, from.value
                ),
            )
            .label("reversed period")
            .help(format!(
                "write `period = {{ from = {}, to = {} }}`",
                to.value, from.value
            )),
        );
        return None;
    }
    Some(Located::new(
        Period {
            from: from.value as u16,
            to: to.value as u16,
        },
        r.span(value.span()),
    ))
}

fn read_levels(r: &mut Reader, root: &Table<'_, '_>) -> Vec<(Rule, Level)> {
    let Some(entries) = r.map(root, "check") else {
        return Vec::new();
    };
    let mut levels = Vec::new();
    for (key, value) in entries.iter() {
        let name: &str = key.get_ref();
        let Some(rule) = Rule::from_name(name) else {
            let help = suggest::did_you_mean(name, Rule::ALL.iter().map(|r| r.name()))
                .unwrap_or_else(|| "the rules are listed in docs/CHECKS.md".to_owned());
            r.push(
                Diagnostic::at(
                    Rule::UnknownKey,
                    r.span(key.span()),
                    format!("unknown rule `{name}` in `[check]`"),
                )
                .label("unknown rule")
                .help(help),
            );
            continue;
        };
        let Some(level) = r.string(value, name) else {
            continue;
        };
        if !rule.configurable() {
            r.push(
                Diagnostic::at(
                    Rule::InvalidValue,
                    r.span(key.span()),
                    format!("the level of `{name}` cannot be changed"),
                )
                .label("fixed level")
                .help("a file that cannot be read or parsed cannot be checked; remove this line"),
            );
            continue;
        }
        match Level::parse(&level) {
            Some(l) => levels.push((rule, l)),
            None => {
                let help = suggest::did_you_mean(&level, Level::NAMES)
                    .unwrap_or_else(|| "use \"allow\", \"warn\" or \"deny\"".to_owned());
                r.push(
                    Diagnostic::at(
                        Rule::InvalidValue,
                        level.span,
                        format!("unknown level `{}`", level.value),
                    )
                    .label("expected allow, warn or deny")
                    .help(help),
                );
            }
        }
    }
    levels
}

fn read_labels(r: &mut Reader, root: &Table<'_, '_>) -> Labels {
    let mut labels = Labels::default();
    let Some(table) = r.table(root, "labels") else {
        return labels;
    };
    r.check_keys(&table);
    for key in table.spec.names() {
        let word = r.optional_string(&table, key).filter(|w| {
            if w.trim().is_empty() {
                r.push(
                    Diagnostic::at(Rule::EmptyTitle, w.span, format!("empty label for `{key}`"))
                        .label("empty")
                        .help("write the contract's word, e.g. `pilier = \"Axe\"`, or remove the line"),
                );
            }
            !w.trim().is_empty()
        });
        let slot = match key {
            "pilier" => &mut labels.pilier,
            "piliers" => &mut labels.piliers,
            "orientation" => &mut labels.orientation,
            "orientations" => &mut labels.orientations,
            "priority" => &mut labels.priority,
            "priorities" => &mut labels.priorities,
            _ => continue,
        };
        *slot = word.map(|w| w.value);
    }
    labels
}

fn read_transversals(r: &mut Reader, root: &Table<'_, '_>) -> Vec<Transversal> {
    let mut out = Vec::new();
    for table in r.tables(root, "transversal") {
        r.check_keys(&table);
        let code = r
            .require(&table, "code")
            .and_then(|v| r.code(v, "code", CodeKind::Transversal));
        let title = r.title(&table, "title");
        if let (Some(code), Some(title)) = (code, title) {
            out.push(Transversal { code, title });
        }
    }
    out
}

fn read_quartiers(r: &mut Reader, root: &Table<'_, '_>) -> Vec<Quartier> {
    let mut out = Vec::new();
    for table in r.tables(root, "quartier") {
        r.check_keys(&table);
        // A quartier of the 2024 list may have no known code yet.
        let code = r.optional_string(&table, "code");
        if let Some(code) = &code
            && code.trim().is_empty()
        {
            r.push(
                Diagnostic::at(Rule::EmptyTitle, code.span, "empty quartier code")
                    .label("empty")
                    .help("write the official code, or leave `code` out until it is known"),
            );
        }
        let name = r.title(&table, "name");
        let aliases = r.strings(&table, "aliases");
        if let Some(name) = name {
            out.push(Quartier {
                code,
                name,
                aliases,
            });
        }
    }
    out
}

/// A funder id is what actions write as a key: a bare TOML key.
fn is_identifier(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn read_funders(r: &mut Reader, root: &Table<'_, '_>) -> Vec<Funder> {
    let Some(entries) = r.map(root, "funders") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in entries.iter() {
        let id: &str = key.get_ref();
        let id_span = r.span(key.span());
        if !is_identifier(id) {
            let ascii: String = suggest::fold(id)
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            r.push(
                Diagnostic::at(
                    Rule::InvalidValue,
                    id_span,
                    format!("funder id `{id}` is not a plain identifier"),
                )
                .label("letters a–z, digits, `_` and `-` only")
                .help(format!(
                    "use `{ascii}` as the id and put the full name in the value"
                )),
            );
            continue;
        }
        let Some(name) = r.string(value, id) else {
            continue;
        };
        if name.trim().is_empty() {
            r.push(
                Diagnostic::at(
                    Rule::EmptyTitle,
                    name.span,
                    format!("empty name for funder `{id}`"),
                )
                .label("empty")
                .help(format!(
                    "write the funder's name, e.g. `{id} = \"Ville de …\"`"
                )),
            );
        }
        out.push(Funder {
            id: Located::new(id.to_owned(), id_span),
            name,
        });
    }
    out
}
