//! `contrat init DIR`: a new contract folder that passes `check`.

use std::path::Path;

use anyhow::{Result, bail};

use crate::cli::{InitArgs, Lang};
use crate::commands::{Outcome, print};
use crate::schema::{self, FileKind};
use crate::write;

/// A TOML basic string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// `title` and `territory` as written by the user: quoted here, once.
fn contract_file(title: &str, territory: &str, args: &InitArgs) -> String {
    let language = match args.lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    };
    format!(
        r#"#:schema schema/{schema}
# The contract as a whole. Every key is described in docs/FORMAT.md of contrat.
title = {title}
territory = {territory}
period = {{ from = {from}, to = {to} }}
language = "{language}"
# The vocabulary of target publics: priorities and actions may only use these words.
publics = ["jeunes", "femmes", "familles"]

# The financeurs: identifier = name. Actions name them by identifier; the
# State's credits are those of `etat`.
[funders]
etat = "État — crédits politique de la ville (BOP 147)"
ville = {city}

# Each quartier prioritaire, by code (when known) and name:
# [[quartier]]
# code = "QP000000"
# name = "…"
"#,
        schema = FileKind::Contract.schema_file_name(),
        title = quoted(title),
        territory = quoted(territory),
        from = args.from,
        to = args.to,
        city = quoted(&format!("Ville de {territory}")),
    )
}

fn pilier_file() -> String {
    format!(
        r#"#:schema schema/{schema}
# One file per pilier (or axe): its orientations, priorities and actions.
pilier = 1
title = "Cohésion sociale"

[[orientation]]
code = "OS 1.1"
title = "Première orientation stratégique, à rédiger"

[[priority]]
code = "P 1.1.1"
title = "Première priorité, à rédiger."

# Actions are added here, with `contrat add action` or by hand:
# [[action]]
# id = "2024-001"
# title = "…"
# porteur = "…"
# year = 2024
# priorities = ["P 1.1.1"]
"#,
        schema = FileKind::Pilier.schema_file_name(),
    )
}

pub fn run(args: &InitArgs) -> Result<Outcome> {
    let dir = &args.dir;
    if dir.exists() && (!dir.is_dir() || std::fs::read_dir(dir)?.next().is_some()) {
        bail!(
            "`{}` already exists and is not an empty folder: init creates a new contract",
            dir.display()
        );
    }
    if args.from > args.to
        || !(1900..=2200).contains(&args.from)
        || !(1900..=2200).contains(&args.to)
    {
        bail!(
            "the period {}–{} is not a span of years from 1900 to 2200",
            args.from,
            args.to
        );
    }
    // The territory is the contract's name: never guessed from a folder
    // called `contract`.
    let territory = args.territory.trim().to_owned();
    if territory.is_empty() {
        bail!(
            "--territory is empty: name the city or intercommunality, e.g. --territory Montauban"
        );
    }
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| format!("Contrat de ville de {territory}"));
    std::fs::create_dir_all(dir.join("schema"))?;
    let files: Vec<(&Path, String)> = vec![
        (
            Path::new("contrat.toml"),
            contract_file(&title, &territory, args),
        ),
        (Path::new("1-cohesion-sociale.toml"), pilier_file()),
        // `git diff` shows contract files through `contrat diff --textconv`
        // once `git config diff.contrat.textconv "contrat diff --textconv"` is set.
        (
            Path::new(".gitattributes"),
            "*.toml diff=contrat\n".to_owned(),
        ),
    ];
    for (name, text) in &files {
        write::output(&dir.join(name), text.as_bytes())?;
    }
    for kind in FileKind::ALL {
        write::output(
            &dir.join("schema").join(kind.schema_file_name()),
            schema::text(kind).as_bytes(),
        )?;
    }
    print(&format!(
        "created the contract `{}` in {}: fill in its piliers, orientations and priorities, then run `contrat --contract {} check`\n",
        title,
        dir.display(),
        dir.display()
    ))?;
    Ok(Outcome::Success)
}
