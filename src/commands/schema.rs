//! `contrat schema`: the JSON Schemas of the contract files, for editors.

use anyhow::Result;

use crate::cli::{SchemaArgs, SchemaKind};
use crate::commands::{Outcome, print};
use crate::schema::{self, FileKind};
use crate::write;

pub fn run(args: &SchemaArgs) -> Result<Outcome> {
    if let Some(folder) = &args.out {
        std::fs::create_dir_all(folder)?;
        for kind in FileKind::ALL {
            write::output(
                &folder.join(kind.schema_file_name()),
                schema::text(kind).as_bytes(),
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
    print(&schema::text(kind))?;
    Ok(Outcome::Success)
}
