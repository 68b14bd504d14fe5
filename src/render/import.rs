//! What an import changes, laid out: the changes in the contract's terms
//! (as `contrat diff` says them), the rows not read as they stand, and the
//! closing line.

use crate::analysis::Diff;
use crate::import::Messy;
use crate::output::{Block, Doc, Word, Words};
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
    // Rows about what the contract does not hold: `row 4: DA00012345-1`.
    let rows_of = |list: &[(usize, String)]| {
        listed(
            list.iter()
                .map(|(row, key)| format!("{}{}{key}", w.row_number(*row), w.colon()))
                .collect(),
        )
    };
    if !messy.unknown_dossiers.is_empty() {
        out.push(Block::text(w.dossiers_unknown(
            messy.unknown_dossiers.len() as u64,
            &rows_of(&messy.unknown_dossiers),
        )));
    }
    if !messy.other_quartiers.is_empty() {
        out.push(Block::text(w.other_quartiers(
            messy.other_quartiers.len() as u64,
            &rows_of(&messy.other_quartiers),
        )));
    }
    if !messy.ignored_columns.is_empty() {
        out.push(Block::text(
            w.columns_ignored(&listed(messy.ignored_columns.clone())),
        ));
    }
    out
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
    let figures = diff.figures_changed();
    // Counted nouns (`14 postes`), for what there is.
    type Noun = fn(&Words, u64) -> String;
    let counted = |list: &[(usize, Noun)]| -> Vec<String> {
        list.iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, noun)| noun(w, *n as u64))
            .collect()
    };
    let added = counted(&[
        (diff.actions.added.len(), Words::actions),
        (diff.posts.added.len(), Words::posts),
        (diff.porteurs.added.len(), Words::porteurs),
    ]);
    let changed = counted(&[
        (diff.actions.changed.len(), Words::actions),
        (diff.posts.changed.len(), Words::posts),
        (diff.porteurs.changed.len(), Words::porteurs),
        (figures, Words::figures),
    ]);
    doc.blocks.push(Block::text(w.import_summary(
        &added,
        &changed,
        written.is_none(),
        written.as_deref().unwrap_or(""),
    )));
    doc
}
