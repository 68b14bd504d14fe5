//! `contrat fmt`: every file of the contract in canonical form.

use std::fs;

use anyhow::{Context as _, Result};

use crate::cli::FmtArgs;
use crate::commands::{Context, Outcome, eprint, print};
use crate::diagnostic::Rule;
use crate::edit;
use crate::load::{self, MemoryFile};
use crate::output::escape;
use crate::render;
use crate::write;

pub fn run(ctx: &Context, args: &FmtArgs) -> Result<Outcome> {
    let folder = &ctx.contract_dir;
    let loaded = load::load(folder)?;
    // Only a file that parses can be rewritten; other findings are `check`'s.
    let blocking: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| matches!(d.rule, Rule::Syntax | Rule::UnreadableFile))
        .cloned()
        .collect();
    if !blocking.is_empty() {
        let mut text = render::diagnostics::human(&blocking, &loaded.sources, ctx.color_err);
        text.push_str(&format!(
            "error: the contract in `{}` does not parse; nothing was formatted\n",
            folder.display()
        ));
        eprint(&text)?;
        return Ok(Outcome::Findings);
    }
    let mut files = Vec::with_capacity(loaded.sources.len());
    for (_, source) in loaded.sources.iter() {
        let bytes = fs::read(&source.path)
            .with_context(|| format!("cannot read `{}`", source.path.display()))?;
        files.push(MemoryFile {
            path: source.path.clone(),
            bytes,
        });
    }
    let changes = edit::format_folder(folder, &files)?;
    let changed: Vec<_> = changes.iter().filter(|c| c.changed()).collect();
    if args.check {
        let mut text = String::new();
        for change in &changed {
            text.push_str(&render::diff::unified(
                &escape::terminal(&change.path.display().to_string(), true),
                &String::from_utf8_lossy(&change.before),
                &String::from_utf8_lossy(&change.after),
            ));
        }
        print(&escape::no_workflow_commands(&text))?;
        if changed.is_empty() {
            return Ok(Outcome::Success);
        }
        eprint(&format!(
            "error: {} file{} not in canonical form; `contrat fmt` rewrites {}\n",
            changed.len(),
            if changed.len() == 1 { " is" } else { "s are" },
            if changed.len() == 1 { "it" } else { "them" },
        ))?;
        return Ok(Outcome::Findings);
    }
    for change in &changed {
        write::atomic_if_unchanged(&change.path, &change.before, &change.after)?;
        print(&format!(
            "formatted {}\n",
            escape::terminal(&change.path.display().to_string(), true)
        ))?;
    }
    Ok(Outcome::Success)
}
