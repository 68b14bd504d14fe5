//! `[[post]]` entries of `contrat.toml`: the posts the State funds.

use crate::load::reader::{Reader, Table, one_of};
use crate::model::{Located, Post, PostKind};

pub(crate) fn read(r: &mut Reader, root: &Table<'_, '_>) -> Vec<Post> {
    let mut out = Vec::new();
    for table in r.tables(root, "post") {
        r.check_keys(&table);
        let number = r.title(&table, "number");
        let kind = r.required_string(&table, "kind").and_then(|k| {
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
        let porteur = r.title(&table, "porteur");
        let year = r
            .required_integer(&table, "year")
            .map(|y| Located::new(y.value as u16, y.span));
        let amount = table.get("amount").and_then(|v| r.money(v, "amount"));
        let quartier = r.optional_string(&table, "quartier");
        if let (Some(number), Some(kind), Some(porteur), Some(year)) = (number, kind, porteur, year)
        {
            out.push(Post {
                number,
                kind,
                porteur,
                year,
                amount,
                quartier,
            });
        }
    }
    out
}
