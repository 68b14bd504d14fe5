//! What an import adds, laid out: one row per action with the file it goes
//! to, and the closing line.

use crate::analysis::Diff;
use crate::edit::insert::Appended;
use crate::import::{Imported, Messy};
use crate::model::{CodeKind, Money};
use crate::output::{Block, Cell, Column, Doc, Kind, Table, Word, Words};
use crate::render::diff::Sides;

/// An import whose every row is in the contract already, or left out.
pub fn nothing_to_add(already: u64, messy: &Messy, wheres: &str, w: &Words) -> Doc {
    let mut blocks = messy_blocks(messy, wheres, w);
    if already > 0 {
        blocks.push(Block::text(w.already_there(already)));
    }
    blocks.push(Block::text(w.s(Word::NothingToAdd)));
    Doc {
        blocks,
        ..Doc::default()
    }
}

/// At most this many row numbers are listed in a line.
const LISTED: usize = 10;

fn listed(items: Vec<String>) -> String {
    let more = items.len() > LISTED;
    let mut out: Vec<String> = items.into_iter().take(LISTED).collect();
    if more {
        out.push("…".to_owned());
    }
    out.join(", ")
}

/// The rows that were not read as they stand, one line per kind.
/// `wheres`: the `--where` conditions, as written.
pub fn messy_blocks(messy: &Messy, wheres: &str, w: &Words) -> Vec<Block> {
    let mut out = Vec::new();
    if messy.elsewhere > 0 {
        out.push(Block::text(
            w.rows_elsewhere(messy.elsewhere as u64, wheres),
        ));
    }
    for (key, rows) in &messy.lacking {
        if !rows.is_empty() {
            let list = listed(rows.iter().map(|r| w.row_number(*r)).collect());
            out.push(Block::text(w.rows_lacking(rows.len() as u64, key, &list)));
        }
    }
    if !messy.repeats.is_empty() {
        let list = listed(
            messy
                .repeats
                .iter()
                .map(|(row, first)| format!("{} = {}", w.row_number(*row), w.row_number(*first)))
                .collect(),
        );
        out.push(Block::text(
            w.rows_repeated(messy.repeats.len() as u64, &list),
        ));
    }
    if !messy.shared_posts.is_empty() {
        let list = listed(
            messy
                .shared_posts
                .iter()
                .map(|(row, first, number)| {
                    format!(
                        "{number}{}{} / {}",
                        w.colon(),
                        w.row_number(*row),
                        w.row_number(*first)
                    )
                })
                .collect(),
        );
        out.push(Block::text(
            w.posts_shared(messy.shared_posts.len() as u64, &list),
        ));
    }
    if !messy.unknown_dossiers.is_empty() {
        let list = listed(
            messy
                .unknown_dossiers
                .iter()
                .map(|(row, dossier)| format!("{} {dossier}", w.row_number(*row)))
                .collect(),
        );
        out.push(Block::text(
            w.dossiers_unknown(messy.unknown_dossiers.len() as u64, &list),
        ));
    }
    if !messy.ignored_columns.is_empty() {
        out.push(Block::text(
            w.columns_ignored(&listed(messy.ignored_columns.clone())),
        ));
    }
    out
}

/// The actions an import adds, and how many of its rows were in the contract
/// already. `written`: the files they went to, or `None` for a dry run.
pub fn doc(
    imported: &[Imported],
    appended: &[Appended],
    already: u64,
    written: Option<&[String]>,
    messy: &Messy,
    wheres: &str,
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
            Column::new("priority", w.level_one(CodeKind::Priority), Kind::Code),
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
    blocks.extend(messy_blocks(messy, wheres, w));
    if already > 0 {
        blocks.push(Block::text(w.already_there(already)));
    }
    blocks.push(Block::text(last));
    Doc {
        blocks,
        ..Doc::default()
    }
}

/// What an import changes, in the contract's terms (as `contrat diff` says
/// it), the rows not read as they stand, and the last line: what is added
/// and changed where, or that nothing was written (`written`: `None` for a
/// dry run, else the files).
#[allow(clippy::too_many_arguments)]
pub fn changes(
    diff: &Diff,
    sides: &Sides,
    file: &str,
    unchanged: u64,
    messy: &Messy,
    wheres: &str,
    written: Option<String>,
    w: &Words,
) -> Doc {
    let mut doc = crate::render::diff::doc(diff, sides, w);
    doc.title = Some(w.import_heading(file));
    doc.blocks.extend(messy_blocks(messy, wheres, w));
    if unchanged > 0 {
        doc.blocks.push(Block::text(w.already_there(unchanged)));
    }
    let mut added = Vec::new();
    let mut changed = Vec::new();
    if !diff.actions_added.is_empty() {
        added.push(w.actions(diff.actions_added.len() as u64));
    }
    if !diff.posts_added.is_empty() {
        added.push(w.posts(diff.posts_added.len() as u64));
    }
    if !diff.actions_changed.is_empty() {
        changed.push(w.actions(diff.actions_changed.len() as u64));
    }
    if !diff.posts_changed.is_empty() {
        changed.push(w.posts(diff.posts_changed.len() as u64));
    }
    doc.blocks.push(Block::text(w.import_summary(
        &added,
        &changed,
        written.is_none(),
        written.as_deref().unwrap_or(""),
    )));
    doc
}
