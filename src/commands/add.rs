//! `contrat add action`: one action from flags, appended to the pilier file of
//! its main priority once the new contract passes `check` in memory.

use std::path::Path;

use anyhow::{Result, anyhow};

use crate::check::{self, Options};
use crate::cli::AddActionArgs;
use crate::commands::{Context, Outcome, Output, Refused, lock};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::edit::entries::{self, Edits};
use crate::edit::insert::{self, Appended, NewAction};
use crate::import::plan::Registry;
use crate::load::{self, Loaded, MemoryFile};
use crate::model::{Code, CodeKind, Money, Tree};
use crate::output::{Block, Doc, Format};
use crate::write::{self, Change, Lock};

pub fn action(ctx: &Context, args: &AddActionArgs) -> Result<Outcome> {
    // Read under the lock, so that two `add` at once both land (issue 10).
    let lock = if args.dry_run {
        None
    } else {
        Some(lock(ctx, "add action")?)
    };
    let (loaded, files) = read_contract(ctx)?;
    let tree = &loaded.contract.tree;
    let nameable: Vec<CodeKind> = tree.nameable().map(|(k, _)| k).collect();
    let mut action = NewAction {
        id: String::new(),
        title: args.title.clone(),
        porteur: args.porteur.clone(),
        year: args.year,
        priorities: args
            .priorities
            .iter()
            .map(|p| code(tree, p, &nameable, "--priority"))
            .collect::<Result<_>>()?,
        description: args.description.clone(),
        transversal: args
            .transversal
            .iter()
            .map(|t| code(tree, t, &[CodeKind::Transversal], "--transversal"))
            .collect::<Result<_>>()?,
        quartiers: args.quartier.clone(),
        publics: args.public.clone(),
        cost: optional_amount(&args.cost, "--cost")?,
        funding: funder_amounts(&args.funding, "--funding")?,
        requested: funder_amounts(&args.requested, "--requested")?,
        planned: args.planned,
        actual: args.actual,
        status: args.status.map(super::status),
        renews: args.renews.clone(),
        tags: args.tag.clone(),
        theme: args
            .theme
            .as_deref()
            .map(|t| {
                crate::themes::Theme::parse(t).ok_or_else(|| {
                    anyhow!("invalid value `{t}` for --theme: write a national theme of the ANCT's nomenclature, such as `1.1` or `4.1`")
                })
            })
            .transpose()?,
        dossier: args
            .dossier
            .as_deref()
            .map(|d| identifier(crate::ids::Dossier::parse(d), d, "--dossier"))
            .transpose()?,
        own_funds: optional_amount(&args.own_funds, "--own-funds")?,
        partners: funder_amounts(&args.partner, "--partner")?,
        ..NewAction::default()
    };
    let siret = args
        .siret
        .as_deref()
        .map(|s| identifier(crate::ids::Siret::parse(s), s, "--siret"))
        .transpose()?;
    let rna = args
        .rna
        .as_deref()
        .map(|r| identifier(crate::ids::Rna::parse(r), r, "--rna"))
        .transpose()?;
    // The porteur as the registry knows it; a contract that keeps a registry
    // registers a new one, as an import does.
    let mut registry = Registry::new(&loaded.contract, !loaded.contract.porteurs.is_empty());
    action.porteur = registry.name(&action.porteur, siret.as_deref(), rna.as_deref());
    action.id = match &args.id {
        Some(id) => id.clone(),
        None => insert::next_id(&loaded.contract, args.year, &[]),
    };
    let mut edits = Edits {
        new_actions: vec![action.clone()],
        ..Edits::default()
    };
    registry.into_edits(&mut edits);
    let (appended, folder) = entries::apply(&loaded, &files, &edits)?;
    if !passes_check(ctx, &ctx.contract_dir, folder)? {
        return Ok(Outcome::Findings);
    }
    let target = appended
        .iter()
        .find(|a| a.ids.contains(&action.id))
        .or(appended.first())
        .map(|a| a.path.display().to_string())
        .unwrap_or_default();
    let words = ctx.words(&args.output, &loaded.contract);
    let out = Output {
        args: &args.output,
        formats: &[Format::Table, Format::Md],
    };
    let said = |dry_run: bool| {
        let mut blocks = vec![
            Block::text(words.added_action(&action.id, &target, dry_run)),
            Block::Code {
                lang: "toml",
                text: insert::action_text(
                    &action,
                    &crate::spec::Spec::new(loaded.contract.tree.clone()),
                ),
            },
        ];
        for p in &edits.new_porteurs {
            blocks.push(Block::text(words.registered_porteur(&p.id, dry_run)));
            blocks.push(Block::Code {
                lang: "toml",
                text: entries::porteur_text(p),
            });
        }
        Doc {
            blocks,
            ..Doc::default()
        }
    };
    let Some(lock) = &lock else {
        ctx.emit(&said(true), &out, &words)?;
        return Ok(Outcome::Success);
    };
    write_all(lock, &appended)?;
    ctx.emit(&said(false), &out, &words)?;
    Ok(Outcome::Success)
}

/// The contract as read, with the bytes of each of its files; or, when a file
/// could not be read (so would be left out of the check of the result), its
/// findings printed and the outcome.
pub(crate) fn read_contract(ctx: &Context) -> Result<(Loaded, Vec<MemoryFile>)> {
    let (loaded, files) = load::load_files(&ctx.contract_dir)?;
    let unreadable = |d: &Diagnostic| d.rule == Rule::UnreadableFile;
    let refused = ctx.print_findings(&loaded, unreadable, |_| {
        format!(
            "error: a file of the contract in `{}` cannot be read; nothing was written\n",
            ctx.contract_dir.display()
        )
    })?;
    if refused {
        return Err(Refused.into());
    }
    Ok((loaded, files))
}

/// Checks the folder as it would be written. With errors, prints them as
/// `check` does (on standard error) and says that nothing was written.
pub(crate) fn passes_check(ctx: &Context, folder: &Path, files: Vec<MemoryFile>) -> Result<bool> {
    let mut loaded = load::load_memory(folder, files);
    check::run(&mut loaded, Options::default());
    let is_error = |d: &Diagnostic| d.severity == Severity::Error;
    let refused = ctx.print_findings(&loaded, is_error, |n| {
        format!(
            "error: the contract would have {n} error{}; nothing was written\n",
            if n == 1 { "" } else { "s" }
        )
    })?;
    Ok(!refused)
}

/// Writes every changed file, all or none, under the lock.
pub(crate) fn write_all(lock: &Lock, appended: &[Appended]) -> Result<()> {
    let changes: Vec<Change> = appended
        .iter()
        .map(|a| Change {
            path: &a.path,
            before: &a.before,
            after: &a.after,
        })
        .collect();
    write::contract_files(lock, &changes)?;
    Ok(())
}

/// A code of the command line, loose forms welcome: `1.2.3`, `p1.2.3`, `OT 1`
/// (a bare number is a transversal entry for `--transversal`).
pub(crate) fn code(tree: &Tree, text: &str, kinds: &[CodeKind], flag: &str) -> Result<Code> {
    tree.read_as(text, kinds)
        .map_err(|e| anyhow!("invalid value `{text}` for {flag}: {e}"))
}

/// An amount as people write it: `8000`, `8000.50`, `8 000,50 €`.
pub(crate) fn amount(text: &str, flag: &str) -> Result<Money> {
    Money::parse_loose(text).ok_or_else(|| {
        anyhow!("invalid amount `{text}` for {flag}: write euros such as `8000` or `3000.50`")
    })
}

/// An official identifier of the command line, or why it is not one.
fn identifier<T: std::fmt::Display>(
    parsed: Result<T, crate::ids::IdError>,
    text: &str,
    flag: &str,
) -> Result<String> {
    parsed
        .map(|id| id.to_string())
        .map_err(|e| anyhow!("invalid value `{text}` for {flag}: it {e}"))
}

/// The amount of an option that may be absent.
fn optional_amount(text: &Option<String>, flag: &str) -> Result<Option<Money>> {
    text.as_deref().map(|t| amount(t, flag)).transpose()
}

/// Each `ID=AMOUNT` of a repeated option, in the order given.
fn funder_amounts(texts: &[String], flag: &str) -> Result<Vec<(String, Money)>> {
    texts
        .iter()
        .map(|text| {
            let (funder, value) = text.split_once('=').ok_or_else(|| {
                anyhow!("invalid value `{text}` for {flag}: write ID=AMOUNT, such as `etat=8000`")
            })?;
            Ok((funder.trim().to_owned(), amount(value, flag)?))
        })
        .collect()
}
