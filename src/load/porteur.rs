//! `[[porteur]]` entries of `contrat.toml`: the registry of porteurs. The
//! identifiers are read as written; `check` says when one is not valid.

use crate::load::reader::{Reader, Table};
use crate::model::Porteur;

pub(crate) fn read(r: &mut Reader, root: &Table<'_, '_>) -> Vec<Porteur> {
    r.each(root, "porteur", |r, table| {
        let id = r.title(table, "id");
        let name = r.title(table, "name");
        let siret = r.optional_string(table, "siret");
        let rna = r.optional_string(table, "rna");
        let aliases = r.strings(table, "aliases");
        Some(Porteur {
            id: id?,
            name: name?,
            siret,
            rna,
            aliases,
        })
    })
}
