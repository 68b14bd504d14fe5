//! `[[post]]` entries of `contrat.toml`: the posts the State funds.

use crate::load::reader::{Reader, Table, one_of};
use crate::model::{Located, Post, PostKind};

pub(crate) fn read(r: &mut Reader, root: &Table<'_, '_>) -> Vec<Post> {
    r.each(root, "post", |r, table| {
        let number = r.title(table, "number");
        let kind = r.required_string(table, "kind").and_then(|k| {
            let kind = PostKind::parse(&k);
            if kind.is_none() {
                r.unknown_name(
                    &k,
                    "kind of post",
                    "unknown kind",
                    &PostKind::NAMES,
                    one_of(&PostKind::NAMES),
                );
            }
            kind
        });
        let porteur = r.title(table, "porteur");
        let year = r
            .required_integer(table, "year")
            .map(|y| Located::new(y.value as u16, y.span));
        let amount = table.get("amount").and_then(|v| r.money(v, "amount"));
        let quartier = r.optional_string(table, "quartier");
        Some(Post {
            number: number?,
            kind: kind?,
            porteur: porteur?,
            year: year?,
            amount,
            quartier,
        })
    })
}
