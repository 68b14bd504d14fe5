//! The posts laid out: a table for a person with a total and a line per
//! kind, a tidy table for CSV and XLSX, and the documented JSON.

use serde_json::json;

use crate::analysis::posts::{PostFigures, Posts};
use crate::model::{Contract, PostKind};
use crate::output::{Block, Cell, Column, Doc, Kind, Table, Word, Words};
use crate::render::columns::Common;

/// A kind of post in the reader's words: `FONJEP`, `adulte-relais`.
pub(crate) fn kind_word(kind: PostKind, w: &Words) -> String {
    w.s(match kind {
        PostKind::Fonjep => Word::PostFonjep,
        PostKind::AdultesRelais => Word::PostAdultesRelais,
    })
}

/// The posts of a report by kind, a line per kind the report has and their
/// total, with the note that they are no part of the actions' funding.
pub fn by_kind(by_kind: &[(PostKind, PostFigures)], total: PostFigures, w: &Words) -> Table {
    let mut t = Table::new(
        "posts_by_kind",
        vec![
            Column::new("kind", w.s(Word::PostKind), Kind::Text),
            Column::new("posts", w.s(Word::Count), Kind::Count),
            Common::PostsAmount.column(w),
        ],
    );
    for (kind, figures) in by_kind.iter().filter(|(_, f)| f.posts > 0) {
        let name = match kind {
            PostKind::Fonjep => Word::PostsFonjep,
            PostKind::AdultesRelais => Word::PostsAdultesRelais,
        };
        t.push(vec![
            Cell::text(w.s(name)),
            Cell::count(figures.posts),
            Cell::known(figures.amount, Cell::Money),
        ]);
    }
    t.total = Some(vec![
        Cell::text(w.s(Word::Total)),
        Cell::count(total.posts),
        Cell::known(total.amount, Cell::Money),
    ]);
    if total.amount.known < total.amount.of {
        t.note_on(
            "amount",
            w.posts_known(total.amount.known as u64, total.amount.of as u64),
        );
    }
    t.note(w.s(Word::PostsApart));
    t
}

/// The whole output of `contrat posts`.
pub fn doc(contract: &Contract, posts: &Posts<'_>, w: &Words) -> Doc {
    let columns = vec![
        Column::new("number", w.s(Word::Post), Kind::Code),
        Column::new("kind", w.s(Word::PostKind), Kind::Code),
        Common::Year.column(w),
        Common::Porteur.column(w),
        Column::new("quartier", w.s(Word::Quartier), Kind::Text).optional(),
        Common::PostsAmount.column(w),
    ];
    let mut t = Table::new("posts", columns.clone());
    let mut data = Table::new(
        "posts",
        columns
            .iter()
            .map(|c| Column::new(c.key.clone(), c.key.clone(), c.kind))
            .collect(),
    );
    for post in &posts.list {
        let quartier = post.quartier.as_ref().map_or_else(String::new, |q| {
            contract
                .quartier(q)
                .map_or_else(|| q.value.clone(), |found| found.name.value.clone())
        });
        let amount = Cell::money(post.amount.as_ref().map(|a| a.value));
        t.push(vec![
            Cell::code(post.number.value.clone()),
            Cell::code(kind_word(post.kind, w)),
            Cell::Year(*post.year),
            Cell::text(contract.porteur_name(&post.porteur)),
            Cell::text(quartier),
            amount.clone(),
        ]);
        data.push(vec![
            Cell::code(post.number.value.clone()),
            Cell::code(post.kind.name()),
            Cell::Year(*post.year),
            Cell::text(contract.porteur_name(&post.porteur)),
            Cell::text(
                post.quartier
                    .as_ref()
                    .and_then(|q| contract.quartier(q))
                    .map_or_else(String::new, |q| q.key().to_owned()),
            ),
            amount,
        ]);
    }
    let total = posts.total;
    t.total = Some(vec![
        Cell::text(w.s(Word::Total)),
        Cell::Empty,
        Cell::Empty,
        Cell::text(w.posts(total.posts as u64)),
        Cell::Empty,
        Cell::known(total.amount, Cell::Money),
    ]);
    if total.amount.known > 0 && total.amount.known < total.amount.of {
        t.note_on(
            "amount",
            w.posts_known(total.amount.known as u64, total.amount.of as u64),
        );
    }
    let mut blocks = Vec::new();
    if posts.list.is_empty() {
        blocks.push(Block::text(w.s(Word::NoPost)));
    } else {
        blocks.push(Block::Table(t));
        for (kind, figures) in &posts.by_kind {
            if figures.posts > 0 {
                blocks.push(Block::text(w.posts_of_kind(
                    &kind_word(*kind, w),
                    figures.posts as u64,
                    &match figures.amount.whole() {
                        Some(m) => w.money(m),
                        None if figures.amount.unknown() => "—".to_owned(),
                        None => format!("≥\u{a0}{}", w.money(figures.amount.sum)),
                    },
                )));
            }
        }
    }
    let json = json!({
        "version": 1,
        "posts": posts.list.iter().map(|p| json!({
            "number": p.number.value,
            "kind": p.kind.name(),
            "year": *p.year,
            "porteur": contract.porteur_name(&p.porteur),
            "quartier": p.quartier.as_ref().and_then(|q| contract.quartier(q)).map(|q| q.key()),
            "amount": p.amount.as_ref().map(|a| a.value),
        })).collect::<Vec<_>>(),
        "total": total,
        "by_kind": posts
            .by_kind
            .iter()
            .map(|(k, f)| (k.name().to_owned(), crate::output::to_json(f)))
            .collect::<serde_json::Map<_, _>>(),
    });
    Doc {
        blocks,
        data: vec![data],
        json: Some(json),
        ..Doc::default()
    }
}
