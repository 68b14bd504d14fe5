//! `contrat schema`: the JSON Schemas of the contract files, for editors.

use anyhow::Result;

use crate::cli::{SchemaArgs, SchemaKind};
use crate::commands::{Context, Outcome, print};
use crate::load::{self, CONTRACT_FILE};
use crate::schema::{self, FileKind};
use crate::spec::Spec;
use crate::write;

/// The schemas of the contract in `--contract` when it declares its own
/// tree (its files have their own keys); the built-in format's otherwise.
pub fn run(ctx: &Context, args: &SchemaArgs) -> Result<Outcome> {
    let folder = &ctx.contract_dir;
    let spec = if folder.join(CONTRACT_FILE).is_file() {
        Spec::new(load::load(folder)?.contract.tree)
    } else {
        Spec::builtin().clone()
    };
    if let Some(out) = &args.out {
        std::fs::create_dir_all(out)?;
        for kind in FileKind::ALL {
            write::output(
                &out.join(kind.schema_file_name()),
                schema::text_of(&spec, kind).as_bytes(),
            )?;
        }
        return Ok(Outcome::Success);
    }
    let kind = match args.kind {
        Some(SchemaKind::Pilier) => FileKind::Pilier,
        Some(SchemaKind::Contrat) => FileKind::Contract,
        None => anyhow::bail!(
            "name the file whose schema to print: `contrat schema contrat` (contrat.toml) or `contrat schema pilier` (a pilier file); `contrat schema --out DIR` writes both"
        ),
    };
    print(&schema::text_of(&spec, kind))?;
    Ok(Outcome::Success)
}
