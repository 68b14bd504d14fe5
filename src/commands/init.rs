//! `contrat init DIR`: a new contract folder that passes `check`.

use std::path::Path;

use anyhow::{Result, bail};

use crate::check::{self, Options};
use crate::cli::{InitArgs, Lang};
use crate::commands::{Outcome, print};
use crate::load::{self, MemoryFile};
use crate::model::{CodeForm, CodeKind, LevelDeclaration, Tree};
use crate::schema::{self, FileKind};
use crate::spec::Spec;
use crate::write;

/// A TOML basic string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// `title` and `territory` as written by the user: quoted here, once. `tree`:
/// the `[tree]` table and the first transversal entry of a contract that
/// declares its levels.
fn contract_file(title: &str, territory: &str, args: &InitArgs, tree: &str) -> String {
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

# Each quartier prioritaire, by code (when known), name and communes:
# [[quartier]]
# code = "QN00000A"
# name = "…"
{tree}"#,
        schema = FileKind::Contract.schema_file_name(),
        title = quoted(title),
        territory = quoted(territory),
        from = args.from,
        to = args.to,
        city = quoted(&format!("Ville de {territory}")),
    )
}

/// A French word in the plural, as a default the contract may correct:
/// `Enjeu` → `Enjeux`, `Priorité transversale` → `Priorités transversales`.
fn plural(words: &str) -> String {
    const KEPT: [&str; 9] = ["de", "du", "des", "d'", "la", "le", "les", "et", "l'"];
    words
        .split(' ')
        .map(|w| {
            let lower = w.to_lowercase();
            let kept = KEPT
                .iter()
                .any(|k| lower == *k || lower.starts_with(k) && k.ends_with('\''));
            if kept || lower.ends_with(['s', 'x', 'z']) {
                w.to_owned()
            } else if lower.ends_with("au") || lower.ends_with("eu") {
                format!("{w}x")
            } else if lower.ends_with("al") {
                format!("{}aux", &w[..w.len() - 2])
            } else {
                format!("{w}s")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The tree `--levels` names: each level keyed by its word (`objectif`),
/// coded by it (`Axe 1`, `Objectif 1.2`); the transversal family by its
/// initials (`PT 1`). `None` without `--levels`.
fn declared(args: &InitArgs) -> Result<Option<Tree>> {
    if args.levels.is_empty() {
        return Ok(None);
    }
    let mut levels = Vec::new();
    // A level's code starts with its first word (`Objectif 1.2` for
    // `Objectif opérationnel`), or its whole name where two levels share it.
    let first = |w: &str| w.split_whitespace().next().unwrap_or_default().to_owned();
    for (i, word) in args.levels.iter().enumerate() {
        let word = word.trim();
        if word.is_empty() || word.contains(['{', '}', '"']) {
            bail!(
                "invalid value `{word}` for --levels: name each level with a word, such as `Axe`"
            );
        }
        let key: String = crate::fold::words(word).replace(' ', "_");
        let shared = args
            .levels
            .iter()
            .filter(|w| first(w.trim()) == first(word))
            .count()
            > 1;
        let prefix = if shared { word.to_owned() } else { first(word) };
        let form = if i == 0 { "{n}" } else { "{path}" };
        let form = CodeForm::parse(&format!("{prefix} {form}"))
            .map_err(|e| anyhow::anyhow!("invalid value `{word}` for --levels: {e}"))?;
        levels.push(LevelDeclaration {
            key,
            label: word.to_owned(),
            plural: plural(word),
            form,
        });
    }
    let transversal = match &args.transversal {
        Some(word) => {
            let initials: String = word
                .split_whitespace()
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_uppercase)
                .collect();
            let form = CodeForm::parse(&format!("{initials} {{n}}"))
                .map_err(|e| anyhow::anyhow!("invalid value `{word}` for --transversal: {e}"))?;
            Some(LevelDeclaration {
                key: "transversal".to_owned(),
                label: word.trim().to_owned(),
                plural: plural(word.trim()),
                form,
            })
        }
        None => None,
    };
    Tree::declared(levels, &[], transversal)
        .map(Some)
        .map_err(|e| anyhow::anyhow!("invalid value for --levels: {e}"))
}

/// The `[tree]` table of a declared tree, and its first transversal entry.
fn tree_table(tree: &Tree, args: &InitArgs) -> String {
    let mut out = String::from(
        "\n# The contract's own tree: its levels, top first, and how codes are written.\n[tree]\nlevels = [\n",
    );
    for level in &tree.levels {
        out.push_str(&format!(
            "  {{ key = {}, label = {}, plural = {}, code = {} }},\n",
            quoted(&level.key),
            quoted(level.label.as_deref().unwrap_or_default()),
            quoted(level.plural.as_deref().unwrap_or_default()),
            quoted(&level.form.template())
        ));
    }
    out.push_str("]\n");
    if args.transversal.is_some() {
        let t = &tree.transversal;
        out.push_str(&format!(
            "transversal = {{ label = {}, plural = {}, code = {} }}\n\n[[transversal]]\ncode = {}\ntitle = \"Première entrée transversale, à rédiger\"\n",
            quoted(t.label.as_deref().unwrap_or_default()),
            quoted(t.plural.as_deref().unwrap_or_default()),
            quoted(&t.form.template()),
            quoted(&tree.example(CodeKind::Transversal)),
        ));
    }
    out
}

/// The first file of a declared tree: its first entry of each level.
fn tree_file(tree: &Tree) -> String {
    let top = tree.top();
    let mut out = format!(
        "#:schema schema/{}\n# One file per {}: the entries below it and the actions they serve.\n{} = 1\ntitle = \"À rédiger\"\n",
        FileKind::Pilier.schema_file_name(),
        top.label.as_deref().unwrap_or_default().to_lowercase(),
        top.key,
    );
    for (kind, level) in tree.kinds().skip(1) {
        out.push_str(&format!(
            "\n[[{}]]\ncode = {}\ntitle = \"À rédiger\"\n",
            level.key,
            quoted(&tree.example(kind))
        ));
    }
    let leaf = tree.example(CodeKind::Level(tree.depth() as u8 - 1));
    out.push_str(&format!(
        "\n# Actions are added here, with `contrat add action` or by hand:\n# [[action]]\n# id = \"2024-001\"\n# title = \"…\"\n# porteur = \"…\"\n# year = 2024\n# serves = [\"{leaf}\"]\n"
    ));
    out
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
    let tree = declared(args)?;
    let (tree_text, first_file, first_name) = match &tree {
        Some(tree) => (
            tree_table(tree, args),
            tree_file(tree),
            format!("1-{}.toml", tree.top().key),
        ),
        None => (
            String::new(),
            pilier_file(),
            "1-cohesion-sociale.toml".to_owned(),
        ),
    };
    let contract = contract_file(&title, &territory, args, &tree_text);
    // Nothing is written that would not pass `check`.
    let folder = Path::new("new");
    let mut loaded = load::load_memory(
        folder,
        vec![
            MemoryFile {
                path: folder.join("contrat.toml"),
                bytes: contract.clone().into_bytes(),
            },
            MemoryFile {
                path: folder.join(&first_name),
                bytes: first_file.clone().into_bytes(),
            },
        ],
    );
    check::run(&mut loaded, Options::default());
    if let Some(d) = loaded.diagnostics.iter().next() {
        bail!(
            "the new contract would not pass `check` ({}: {}); nothing was written",
            d.rule,
            d.message
        );
    }
    let spec = Spec::new(loaded.contract.tree.clone());
    std::fs::create_dir_all(dir.join("schema"))?;
    let files: Vec<(&Path, String)> = vec![
        (Path::new("contrat.toml"), contract),
        (Path::new(&first_name), first_file),
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
            schema::text_of(&spec, kind).as_bytes(),
        )?;
    }
    let levels = match &tree {
        Some(tree) => tree
            .levels
            .iter()
            .filter_map(|l| l.plural.clone())
            .map(|p| p.to_lowercase())
            .collect::<Vec<_>>()
            .join(", "),
        None => "piliers, orientations and priorities".to_owned(),
    };
    print(&format!(
        "created the contract `{}` in {}: fill in its {levels}, then run `contrat --contract {} check`\n",
        title,
        dir.display(),
        dir.display()
    ))?;
    Ok(Outcome::Success)
}
