//! What an import adds, laid out: one row per action with the file it goes
//! to, and the closing line.

use crate::edit::insert::Appended;
use crate::import::Imported;
use crate::model::Money;
use crate::output::{Block, Cell, Column, Doc, Kind, Table, Word, Words};

/// An import whose every row is in the contract already.
pub fn nothing_to_add(already: u64, w: &Words) -> Doc {
    Doc {
        blocks: vec![
            Block::text(w.already_there(already)),
            Block::text(w.s(Word::NothingToAdd)),
        ],
        ..Doc::default()
    }
}

/// The actions an import adds, and how many of its rows were in the contract
/// already. `written`: the files they went to, or `None` for a dry run.
pub fn doc(
    imported: &[Imported],
    appended: &[Appended],
    already: u64,
    written: Option<&[String]>,
    w: &Words,
) -> Doc {
    let mut t = Table::new(
        "import",
        vec![
            Column::new("row", w.s(Word::Row), Kind::Count).optional(),
            Column::new("id", w.s(Word::Action), Kind::Code),
            Column::new("year", w.s(Word::Year), Kind::Year),
            Column::new("title", w.s(Word::Title), Kind::Text),
            Column::new("porteur", w.s(Word::Porteur), Kind::Text),
            Column::new("main", w.main_entry(), Kind::Code),
            Column::new("cost", w.s(Word::Cost), Kind::Money),
            Column::new("funding", w.s(Word::Funding), Kind::Money),
            Column::new("file", w.s(Word::File), Kind::Code).optional(),
        ],
    );
    for i in imported {
        let a = &i.action;
        let file = appended
            .iter()
            .find(|f| f.ids.contains(&a.id))
            .and_then(|f| f.path.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let funding: Money = a.funding.iter().map(|(_, m)| *m).sum();
        t.push(vec![
            Cell::count(i.row),
            Cell::code(a.id.clone()),
            Cell::Year(a.year),
            Cell::text(a.title.clone()),
            Cell::text(a.porteur.clone()),
            a.priorities
                .first()
                .map_or(Cell::Empty, |c| Cell::code(w.code(*c))),
            Cell::money(a.cost),
            Cell::Money(funding),
            Cell::code(file),
        ]);
    }
    let n = imported.len() as u64;
    let last = match written {
        None => w.would_add(n),
        Some([]) => w.added_to(n, "—"),
        Some(files) => w.added_to(n, &files.join(", ")),
    };
    let mut blocks = vec![Block::Table(t)];
    if already > 0 {
        blocks.push(Block::text(w.already_there(already)));
    }
    blocks.push(Block::text(last));
    Doc {
        blocks,
        ..Doc::default()
    }
}
