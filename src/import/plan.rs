//! What an import changes in the contract: rows matched with what the
//! contract holds already (a post by its number and year), so that the same
//! file imported twice changes nothing and a newer one updates what it
//! holds instead of adding it again.

use std::collections::HashMap;

use crate::edit::entries::{Edits, NewPost};
use crate::import::{Messy, Reading};
use crate::model::{Contract, PostKind};

/// The changes, and what was left as it stood.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub edits: Edits,
    /// Rows that say what the contract says already.
    pub unchanged: usize,
    pub messy: Messy,
}

/// The posts of a reading: new ones added, those the contract holds (same
/// number, same year) updated when the row says otherwise. A second row for
/// a post already read (the national files give some posts to two
/// employers) is set apart, the first kept.
pub fn posts(reading: Reading, contract: &Contract, kind: PostKind) -> Plan {
    let mut plan = Plan {
        messy: reading.messy,
        ..Plan::default()
    };
    let mut seen: HashMap<(String, u16), usize> = HashMap::new();
    for (record, _) in reading.records {
        let Some(number) = record.extra.post.clone() else {
            continue;
        };
        let year = record.action.year;
        if let Some(&first) = seen.get(&(number.clone(), year)) {
            plan.messy.shared_posts.push((record.row, first, number));
            continue;
        }
        seen.insert((number.clone(), year), record.row);
        let existing = contract
            .posts
            .iter()
            .find(|p| p.number.value == number && *p.year == year);
        let post = NewPost {
            number,
            kind,
            porteur: record.action.porteur.clone(),
            year,
            amount: record.extra.post_amount,
            quartier: existing.and_then(|p| p.quartier.as_ref().map(|q| q.value.clone())),
        };
        match existing {
            None => plan.edits.new_posts.push(post),
            Some(old) => {
                let same = old.kind == post.kind
                    && old.porteur.value == post.porteur
                    && old.amount.as_ref().map(|a| a.value) == post.amount;
                if same {
                    plan.unchanged += 1;
                } else {
                    plan.edits.posts.push(post);
                }
            }
        }
    }
    plan
}
