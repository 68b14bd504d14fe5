//! `contrat.toml`: the contract as a whole.

use crate::diagnostic::{Diagnostic, Level, Rule};
use crate::load::reader::{Reader, Table};
use crate::model::{
    CodeForm, CodeKind, Commune, Contract, DroitCommun, Epci, Funder, Language, LevelDeclaration,
    Located, Meta, Period, Quartier, QuartierIndicator, RenewalProject, Transversal, Tree,
};
use crate::suggest;

/// The contract as `contrat.toml` gives it: everything but the tree files'
/// entries and actions, which `assemble` adds.
pub(crate) fn read(r: &mut Reader, root: &Table<'_, '_>) -> Contract {
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
            None => r.unknown_name(
                &language,
                "language",
                "expected `fr` or `en`",
                &Language::NAMES,
                "write `language = \"fr\"` or `language = \"en\"`".to_owned(),
            ),
        }
    }
    meta.source = r.optional_string(root, "source").map(|s| s.value);
    meta.levels = read_levels(r, root);
    meta.epci = read_epci(r, root);
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

    let mut contract = Contract::default();
    contract.meta = meta;
    contract.transversals = read_transversals(r, root);
    contract.communes = read_communes(r, root);
    contract.quartiers = read_quartiers(r, root);
    contract.funders = read_funders(r, root);
    contract.publics = publics;
    contract.droit_commun = read_droit_commun(r, root);
    contract.npnru = read_npnru(r, root);
    contract.porteurs = crate::load::porteur::read(r, root);
    contract.posts = crate::load::post::read(r, root);
    contract
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
            None => r.unknown_name(
                &level,
                "level",
                "expected allow, warn or deny",
                &Level::NAMES,
                "use \"allow\", \"warn\" or \"deny\"".to_owned(),
            ),
        }
    }
    levels
}

/// The contract's tree: its `[tree]` declaration, or else the default tree
/// with the words of `[labels]`. `None` when the declaration cannot be used
/// (the finding says why): the tree files cannot be read without it.
pub(crate) fn read_tree(r: &mut Reader, root: &Table<'_, '_>) -> Option<Tree> {
    let Some(value) = root.get("tree") else {
        return Some(Tree::default().with_labels(read_labels(r, root)));
    };
    let table = r.table(root, "tree")?;
    r.check_keys(&table);
    let span = r.span(value.span());
    let mut levels = Vec::new();
    let mut usable = r.require(&table, "levels").is_some();
    for level in r.tables(&table, "levels") {
        r.check_keys(&level);
        let key = r.title(&level, "key");
        let label = r.title(&level, "label");
        let plural = r.title(&level, "plural");
        let form = read_form(r, &level);
        match (key, label, plural, form) {
            (Some(key), Some(label), Some(plural), Some(form)) => levels.push(LevelDeclaration {
                key: key.value,
                label: label.value,
                plural: plural.value,
                form,
            }),
            _ => usable = false,
        }
    }
    let nameable: Vec<String> = r
        .strings(&table, "actions")
        .into_iter()
        .map(|s| s.value)
        .collect();
    let transversal = match r.table(&table, "transversal") {
        Some(t) => {
            r.check_keys(&t);
            let label = r.title(&t, "label");
            let plural = r.title(&t, "plural");
            let form = read_form(r, &t);
            match (label, plural, form) {
                (Some(label), Some(plural), Some(form)) => Some(LevelDeclaration {
                    key: "transversal".to_owned(),
                    label: label.value,
                    plural: plural.value,
                    form,
                }),
                _ => {
                    usable = false;
                    None
                }
            }
        }
        None => None,
    };
    if !usable {
        return None;
    }
    match Tree::declared(levels, &nameable, transversal) {
        Ok(tree) => Some(tree),
        Err(reason) => {
            r.push(
                Diagnostic::at(
                    Rule::InvalidValue,
                    span,
                    format!("the declared tree cannot be used: {reason}"),
                )
                .label("this tree")
                .help("see docs/FORMAT.md, \"Declaring the tree\", for the forms a tree may take"),
            );
            None
        }
    }
}

/// A level's code form, such as `"P {path}"`.
fn read_form(r: &mut Reader, table: &Table<'_, '_>) -> Option<CodeForm> {
    let text = r.title(table, "code")?;
    match CodeForm::parse(&text) {
        Ok(form) => Some(form),
        Err(reason) => {
            r.push(
                Diagnostic::at(
                    Rule::InvalidValue,
                    text.span,
                    format!("`{}` is not a code form: {reason}", text.value),
                )
                .label("not a code form")
                .help("write a form such as \"Axe {n}\", \"O {path}\" or \"{id}\""),
            );
            None
        }
    }
}

/// The default tree's words from `[labels]`: singular and plural per level.
fn read_labels(r: &mut Reader, root: &Table<'_, '_>) -> [(Option<String>, Option<String>); 3] {
    let mut labels: [(Option<String>, Option<String>); 3] = Default::default();
    let Some(table) = r.table(root, "labels") else {
        return labels;
    };
    r.check_keys(&table);
    let keys: Vec<String> = table.spec.names().map(str::to_owned).collect();
    for (i, key) in keys.iter().enumerate() {
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
        // The spec lists each level's key, then its plural.
        if let Some(slot) = labels.get_mut(i / 2) {
            let slot = if i % 2 == 0 { &mut slot.0 } else { &mut slot.1 };
            *slot = word.map(|w| w.value);
        }
    }
    labels
}

fn read_epci(r: &mut Reader, root: &Table<'_, '_>) -> Option<Epci> {
    let table = r.table(root, "epci")?;
    r.check_keys(&table);
    let name = r.title(&table, "name")?;
    let siren = r.optional_string(&table, "siren");
    if let Some(siren) = &siren
        && !(siren.len() == 9 && siren.bytes().all(|b| b.is_ascii_digit()))
    {
        r.push(
            Diagnostic::at(
                Rule::InvalidValue,
                siren.span,
                format!("`{}` is not a SIREN", siren.value),
            )
            .label("nine digits expected")
            .help("write the EPCI's SIREN, nine digits, as `siren = \"200012345\"`"),
        );
    }
    let funder = r.optional_string(&table, "funder");
    Some(Epci {
        name: name.value,
        siren: siren.map(|s| s.value),
        funder,
    })
}

fn read_communes(r: &mut Reader, root: &Table<'_, '_>) -> Vec<Commune> {
    r.each(root, "commune", |r, table| {
        let insee = r.title(table, "insee");
        let name = r.title(table, "name");
        if let Some(insee) = &insee
            && !is_insee(&insee.value)
        {
            r.push(
                Diagnostic::at(Rule::InvalidValue, insee.span, format!("`{}` is not an INSEE commune code", insee.value))
                    .label("five characters expected")
                    .help("write the commune's INSEE code: two digits of département (or `2A`, `2B`) and three digits, e.g. `82121`"),
            );
        }
        let funder = r.optional_string(table, "funder");
        let dsu = r.years(table, "dsu", |r, v, key| r.money(v, key).map(|m| m.value));
        Some(Commune {
                insee: insee?,
                name: name?,
                funder,
                dsu,
        })
    })
}

/// `82121`, `2A004`, `97411`.
fn is_insee(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 5
        && b[0].is_ascii_digit()
        && (b[1].is_ascii_digit() || (b[0] == b'2' && matches!(b[1], b'A' | b'B')))
        && b[2..].iter().all(u8::is_ascii_digit)
}

fn read_transversals(r: &mut Reader, root: &Table<'_, '_>) -> Vec<Transversal> {
    r.each(root, "transversal", |r, table| {
        let code = r
            .require(table, "code")
            .and_then(|v| r.code(v, "code", &[CodeKind::Transversal]));
        let title = r.title(table, "title");
        Some(Transversal {
            code: code?,
            title: title?,
        })
    })
}

fn read_quartiers(r: &mut Reader, root: &Table<'_, '_>) -> Vec<Quartier> {
    r.each(root, "quartier", |r, table| {
        // A quartier of the 2024 list may have no known code yet.
        let code = r.optional_string(table, "code");
        if let Some(code) = &code
            && code.trim().is_empty()
        {
            r.push(
                Diagnostic::at(Rule::EmptyTitle, code.span, "empty quartier code")
                    .label("empty")
                    .help("write the official code, or leave `code` out until it is known"),
            );
        }
        let name = r.title(table, "name");
        let aliases = r.strings(table, "aliases");
        let communes = r.strings(table, "communes");
        let indicators = r.each(table, "indicator", |r, t| {
            let name = r.title(t, "name");
            let unit = r.optional_string(t, "unit").map(|u| u.value);
            let source = r.optional_string(t, "source").map(|u| u.value);
            r.require(t, "values");
            let values = r.years(t, "values", |r, v, key| r.number(v, key));
            Some(QuartierIndicator {
                name: name?.value,
                unit,
                source,
                values,
            })
        });
        Some(Quartier {
            code,
            name: name?,
            aliases,
            communes,
            indicators,
        })
    })
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

fn read_droit_commun(r: &mut Reader, root: &Table<'_, '_>) -> Vec<DroitCommun> {
    r.each(root, "droit_commun", |r, table| {
        let funder = r.title(table, "funder");
        let year = r
            .required_integer(table, "year")
            .map(|y| Located::new(y.value as u16, y.span));
        let amount = r
            .require(table, "amount")
            .and_then(|v| r.money(v, "amount"));
        let what = r.optional_string(table, "what").map(|w| w.value);
        Some(DroitCommun {
            funder: funder?,
            year: year?,
            amount: amount?,
            what,
        })
    })
}

fn read_npnru(r: &mut Reader, root: &Table<'_, '_>) -> Vec<RenewalProject> {
    let key = r.tree.action_key();
    r.each(root, "npnru", |r, table| {
        let name = r.title(table, "name");
        r.require(table, "quartiers");
        let quartiers = r.strings(table, "quartiers");
        let stage = r.optional_string(table, "stage").map(|s| s.value);
        let anru = table
            .get("anru")
            .and_then(|v| r.money(v, "anru"))
            .map(|m| m.value);
        let total = table
            .get("total")
            .and_then(|v| r.money(v, "total"))
            .map(|m| m.value);
        let (serves, _) = r.codes(table, key);
        Some(RenewalProject {
            name: name?,
            quartiers,
            stage,
            anru,
            total,
            serves,
        })
    })
}
