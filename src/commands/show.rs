//! `contrat show`: one entry of the contract with its parents and its actions.

use anyhow::Result;

use crate::cli::ShowArgs;
use crate::commands::{Context, Outcome, Output, eprint};
use crate::model::{CodeKind, Contract};
use crate::output::{Format, escape};
use crate::render::show::{Target, doc};
use crate::suggest;

/// Codes first (in any loose form), then quartiers by code, name or alias,
/// then action ids.
fn resolve<'c>(contract: &'c Contract, text: &str) -> Option<Target<'c>> {
    if let Ok(code) = contract.read_code(text) {
        let found = match code.kind() {
            CodeKind::Level(_) => contract.node(code).map(Target::Node),
            CodeKind::Transversal => contract.transversal(code).map(Target::Transversal),
        };
        if found.is_some() {
            return found;
        }
    }
    if let Some(action) = contract.action(text.trim()) {
        return Some(Target::Action(action));
    }
    // A Dauphin dossier number or a Chorus EJ finds the action that carries it.
    let dossier = crate::ids::Dossier::parse(text).ok();
    let ej = crate::ids::ChorusEj::parse(text).ok();
    if dossier.is_some() || ej.is_some() {
        let found = contract.actions.iter().find(|a| {
            let g = &a.grant;
            dossier
                .as_ref()
                .is_some_and(|d| g.dossier.as_ref().is_some_and(|x| x.value == d.as_str()))
                || ej
                    .as_ref()
                    .is_some_and(|e| g.chorus_ej.as_ref().is_some_and(|x| x.value == e.as_str()))
        });
        if let Some(action) = found {
            return Some(Target::Action(action));
        }
    }
    if let Some(q) = contract.find_quartier(text) {
        return Some(Target::Quartier(q));
    }
    // A post by its number, every year; a porteur of the registry by its
    // id, name, alias or SIRET.
    let number = text.trim();
    let years: Vec<_> = contract
        .posts
        .iter()
        .filter(|p| p.number.value.eq_ignore_ascii_case(number))
        .collect();
    if !years.is_empty() {
        return Some(Target::Post(years));
    }
    contract
        .porteur(text)
        .or_else(|| contract.porteur_by_siret(number))
        .map(Target::Porteur)
}

pub fn run(ctx: &Context, args: &ShowArgs) -> Result<Outcome> {
    let out = Output {
        args: &args.output,
        formats: &[Format::Table, Format::Md, Format::Json, Format::Html],
    };
    let (loaded, words) = ctx.open(&out)?;
    let contract = &loaded.contract;
    let Some(target) = resolve(contract, &args.code) else {
        eprint(&not_found(contract, &args.code))?;
        return Ok(Outcome::Findings);
    };
    ctx.emit(&doc(contract, &target, &words), &out, &words)?;
    Ok(Outcome::Success)
}

/// The message for an argument that designates nothing, with the nearest codes.
fn not_found(contract: &Contract, text: &str) -> String {
    let mut candidates: Vec<String> = Vec::new();
    candidates.extend(contract.nodes.iter().map(|n| n.code.to_string()));
    candidates.extend(contract.transversals.iter().map(|t| t.code.to_string()));
    candidates.extend(contract.quartiers.iter().map(|q| q.key().to_owned()));
    candidates.extend(contract.actions.iter().map(|a| a.id.value.clone()));
    candidates.extend(
        contract
            .actions
            .iter()
            .filter_map(|a| a.grant.dossier.as_ref().map(|d| d.value.clone())),
    );
    candidates.extend(contract.posts.iter().map(|p| p.number.value.clone()));
    candidates.extend(contract.porteurs.iter().map(|p| p.id.value.clone()));
    // Compare canonical with canonical when the argument reads as a code.
    let probe = contract
        .read_code(text)
        .map_or_else(|_| text.to_owned(), |c| c.to_string());
    let nearest = suggest::nearest_n(&probe, candidates.iter().map(String::as_str), 5);
    let mut message = format!(
        "error: the contract has no code, quartier, action, post or porteur `{}`\n",
        escape::terminal(text.trim(), true)
    );
    if !nearest.is_empty() {
        message.push_str(&format!(
            "help: the nearest are {}\n",
            escape::terminal(&nearest.join(", "), true)
        ));
    }
    message
}
