//! Rules on porteurs: the registry's identifiers are valid and its entries
//! distinct, and the porteurs actions and posts name are the registry's (when
//! the contract keeps one) and not the same organisation spelt two ways.

use std::collections::HashMap;

use crate::check::{IdWords, identifier};
use crate::check::{given_twice, repeats};
use crate::diagnostic::{Diagnostic, Rule};
use crate::fold;
use crate::ids::{Rna, Siret};
use crate::model::{Contract, Located, Porteur};

pub fn porteurs(contract: &Contract, out: &mut Vec<Diagnostic>) {
    registry(contract, out);
    named(contract, out);
}

/// The registry: valid identifiers, one entry per organisation.
fn registry(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let ids = repeats(&contract.porteurs, |p| fold::key(&p.id), |p| p.id.span);
    for (p, earlier) in ids {
        out.push(given_twice(
            Rule::DuplicatePorteur,
            (p.id.span, earlier),
            "used",
            format!("two porteurs have the id `{}`", p.id.value),
            "give each porteur its own id, or merge the two entries",
        ));
    }
    let mut sirets: HashMap<&str, &Porteur> = HashMap::new();
    for (i, p) in contract.porteurs.iter().enumerate() {
        if let Some(siret) = &p.siret
            && let Some(valid) = identifier(
                siret,
                Siret::parse(siret),
                IdWords {
                    rule: Rule::InvalidSiret,
                    key: "siret",
                    kind: "a valid SIRET",
                    invalid_label: "not a SIRET",
                    invalid_help: "copy the 14 digits again from the State's file or the INSEE's directory (annuaire-entreprises.data.gouv.fr), or leave `siret` out".to_owned(),
                    uncanonical: format!("the SIRET of `{}` is not written as 14 digits", p.id.value),
                    uncanonical_label: "spaces or other characters",
                },
                |diagnostic| out.push(diagnostic),
            )
        {
            if let Some(first) = sirets.get(valid.as_str()) {
                out.push(
                    Diagnostic::at(
                        Rule::DuplicatePorteur,
                        siret.span,
                        format!(
                            "`{}` and `{}` have the same SIRET {}",
                            first.id.value, p.id.value, siret.value
                        ),
                    )
                    .label("the same SIRET")
                    .related(
                        first.siret.as_ref().map_or(first.id.span, |s| s.span),
                        format!("the SIRET of `{}`", first.id.value),
                    )
                    .help("one establishment is one porteur: merge the two entries, keeping the other spellings as `aliases`"),
                );
            } else {
                sirets.insert(siret.as_str(), p);
            }
        }
        if let Some(rna) = &p.rna {
            identifier(
                rna,
                Rna::parse(rna),
                IdWords {
                    rule: Rule::InvalidRna,
                    key: "rna",
                    kind: "a valid RNA number",
                    invalid_label: "not an RNA number",
                    invalid_help: "an RNA number is `W` and 9 digits, such as `W821000123`: copy it again from the association's record, or leave `rna` out".to_owned(),
                    uncanonical: format!("the RNA number of `{}` is not written canonically", p.id.value),
                    uncanonical_label: "spaces or lower case",
                },
                |diagnostic| out.push(diagnostic),
            );
        }
        // Two entries for one organisation, spelt apart.
        if let Some(earlier) = contract.porteurs[..i]
            .iter()
            .find(|e| p.spellings().any(|s| e.near(s)))
        {
            out.push(
                Diagnostic::at(
                    Rule::DuplicatePorteur,
                    p.name.span,
                    format!(
                        "porteurs `{}` and `{}` look like one organisation",
                        earlier.id.value, p.id.value
                    ),
                )
                .label(format!("like `{}`", earlier.name.value))
                .related(earlier.name.span, "the other entry")
                .help(format!(
                    "merge the two entries: keep `{}` and add `{}` to its `aliases`",
                    earlier.id.value, p.name.value
                )),
            );
        }
    }
}

/// The porteurs actions and posts name.
fn named(contract: &Contract, out: &mut Vec<Diagnostic>) {
    // Each spelling once, at its first place in the files.
    let mut uses: Vec<&Located<String>> = contract
        .actions
        .iter()
        .chain(&contract.skipped.partial_actions)
        .map(|a| &a.porteur)
        .chain(contract.posts.iter().map(|p| &p.porteur))
        .filter(|s| !s.trim().is_empty())
        .collect();
    uses.sort_by_key(|s| (s.span.file, s.span.start));
    let mut count: HashMap<String, usize> = HashMap::new();
    for s in &uses {
        *count.entry(fold::key(s)).or_default() += 1;
    }
    let mut firsts: Vec<&Located<String>> = Vec::new();
    for s in uses {
        if !firsts.iter().any(|f| fold::key(f) == fold::key(s)) {
            firsts.push(s);
        }
    }
    let registry = !contract.porteurs.is_empty();
    for (i, spelling) in firsts.iter().enumerate() {
        if contract.porteur(spelling).is_some() {
            continue;
        }
        let n = count.get(&fold::key(spelling)).copied().unwrap_or(1);
        if let Some(p) = contract.porteurs.iter().find(|p| p.near(spelling)) {
            out.push(
                Diagnostic::at(
                    Rule::DuplicatePorteur,
                    spelling.span,
                    format!(
                        "`{}` looks like the registered porteur `{}` ({})",
                        spelling.value, p.id.value, p.name.value
                    ),
                )
                .label(format!("not a spelling of `{}`", p.id.value))
                .related(p.name.span, "the registered porteur")
                .help(format!(
                    "write `{}`, or add `{}` to the `aliases` of `{}`",
                    p.name.value, spelling.value, p.id.value
                )),
            );
            continue;
        }
        if registry {
            out.push(
                Diagnostic::at(
                    Rule::UnregisteredPorteur,
                    spelling.span,
                    format!(
                        "porteur `{}` is not in the registry{}",
                        spelling.value,
                        if n > 1 {
                            format!(" (named {n} times)")
                        } else {
                            String::new()
                        }
                    ),
                )
                .label("not registered")
                .help(format!(
                    "declare it in contrat.toml: `[[porteur]]` with `id = \"{}\"` and `name = \"{}\"`, or write the spelling of a registered porteur",
                    slug(spelling),
                    spelling.value
                )),
            );
            continue;
        }
        if let Some(other) = firsts[..i]
            .iter()
            .find(|f| fold::same_organisation(f, spelling))
        {
            out.push(
                Diagnostic::at(
                    Rule::DuplicatePorteur,
                    spelling.span,
                    format!(
                        "`{}` and `{}` look like one porteur",
                        other.value, spelling.value
                    ),
                )
                .label("spelt otherwise before")
                .related(other.span, "the other spelling")
                .help(format!(
                    "write `{}` here too, or keep a registry in contrat.toml: `[[porteur]]` with `name = \"{}\"` and `aliases = [\"{}\"]`",
                    other.value, other.value, spelling.value
                )),
            );
        }
    }
}

/// An id made of a name: its words, folded, joined by `-` (`ASSOC AMISS`
/// → `amiss`), the legal form left out.
pub fn slug(name: &str) -> String {
    let words = fold::organisation(name);
    let slug: String = words
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "porteur".to_owned()
    } else {
        slug
    }
}
