//! `[[porteur]]` entries of `contrat.toml`: the registry of porteurs. The
//! identifiers are read as written; `check` says when one is not valid.

use crate::load::reader::{Reader, Table};
use crate::model::Porteur;

pub(crate) fn read(r: &mut Reader, root: &Table<'_, '_>) -> Vec<Porteur> {
    let mut out = Vec::new();
    for table in r.tables(root, "porteur") {
        r.check_keys(&table);
        let id = r.title(&table, "id");
        let name = r.title(&table, "name");
        let siret = r.optional_string(&table, "siret");
        let rna = r.optional_string(&table, "rna");
        let aliases = r.strings(&table, "aliases");
        if let (Some(id), Some(name)) = (id, name) {
            out.push(Porteur {
                id,
                name,
                siret,
                rna,
                aliases,
            });
        }
    }
    out
}
