//! What an import changes in the contract: rows matched with what the
//! contract holds already — an action by its dossier number, a post by its
//! number and year, a porteur by its SIRET, then its RNA number, then its
//! spelling —, so that the same file imported twice changes nothing and a
//! newer one updates what it holds instead of adding it again.

use std::collections::HashMap;

use crate::check::porteurs::slug;
use crate::edit::entries::{Edits, NewPorteur, NewPost};
use crate::edit::insert::next_id;
use crate::fold;
use crate::import::{Messy, Reading};
use crate::model::{Contract, PostKind};

/// The changes, and what was left as it stood.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub edits: Edits,
    /// Rows that say what the contract says already.
    pub unchanged: usize,
    pub messy: Messy,
    /// The row of each new action, by id.
    pub rows: Vec<(String, usize)>,
}

/// The registry as an import grows it: the contract's porteurs, the
/// entries the import proposes, and the identifiers registered porteurs
/// gain.
pub struct Registry<'c> {
    contract: &'c Contract,
    /// Whether porteurs not found are proposed as new entries.
    grow: bool,
    pub proposed: Vec<NewPorteur>,
    pub updates: Vec<NewPorteur>,
}

impl<'c> Registry<'c> {
    pub fn new(contract: &'c Contract, grow: bool) -> Registry<'c> {
        Registry {
            contract,
            grow,
            proposed: Vec::new(),
            updates: Vec::new(),
        }
    }

    /// The name to write for a row's porteur: the registered porteur's,
    /// found by SIRET, then RNA number, then spelling (the same name, or
    /// one that looks like it: [`fold::same_organisation`]); or, when the
    /// registry grows, a new entry's, proposed with the row's identifiers.
    /// A spelling alone never matches an entry whose SIRET says another
    /// establishment.
    pub fn name(&mut self, spelling: &str, siret: Option<&str>, rna: Option<&str>) -> String {
        let spelling = spelling.split_whitespace().collect::<Vec<_>>().join(" ");
        let c = self.contract;
        // By identifier.
        let registered = siret
            .and_then(|s| c.porteur_by_siret(s))
            .or_else(|| rna.and_then(|r| c.porteur_by_rna(r)));
        if let Some(p) = registered {
            return p.name.value.clone();
        }
        if let Some(p) = self.proposed.iter().find(|p| {
            (siret.is_some() && p.siret.as_deref() == siret)
                || (rna.is_some() && p.rna.as_deref() == rna)
        }) {
            return p.name.clone();
        }
        // By spelling, when the identifiers do not disagree.
        let agrees = |theirs: Option<&str>, ours: Option<&str>| match (theirs, ours) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let exact = c.porteur(&spelling).into_iter();
        let near = c
            .porteurs
            .iter()
            .filter(|p| p.near(&spelling))
            .collect::<Vec<_>>();
        let found = exact
            .chain(if near.len() == 1 { near } else { Vec::new() })
            .find(|p| {
                agrees(p.siret.as_deref().map(|s| s.as_str()), siret)
                    && agrees(p.rna.as_deref().map(|s| s.as_str()), rna)
            });
        if let Some(p) = found {
            // The registry learns the identifiers the row gives.
            let gains_siret = p.siret.is_none() && siret.is_some();
            let gains_rna = p.rna.is_none() && rna.is_some();
            if (gains_siret || gains_rna) && !self.updates.iter().any(|u| u.id == p.id.value) {
                self.updates.push(NewPorteur {
                    id: p.id.value.clone(),
                    name: p.name.value.clone(),
                    siret: siret.map(str::to_owned).filter(|_| gains_siret),
                    rna: rna.map(str::to_owned).filter(|_| gains_rna),
                    aliases: Vec::new(),
                });
            }
            return p.name.value.clone();
        }
        let key = fold::key(&spelling);
        if let Some(p) = self.proposed.iter_mut().find(|p| {
            (fold::key(&p.name) == key || fold::same_organisation(&p.name, &spelling))
                && agrees(p.siret.as_deref(), siret)
                && agrees(p.rna.as_deref(), rna)
        }) {
            if p.siret.is_none() {
                p.siret = siret.map(str::to_owned);
            }
            if p.rna.is_none() {
                p.rna = rna.map(str::to_owned);
            }
            return p.name.clone();
        }
        if !self.grow || spelling.is_empty() {
            return spelling;
        }
        let base = slug(&spelling);
        let taken = |id: &str| {
            c.porteurs.iter().any(|p| fold::key(&p.id) == fold::key(id))
                || self.proposed.iter().any(|p| p.id == id)
        };
        let mut id = base.clone();
        let mut n = 2;
        while taken(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.proposed.push(NewPorteur {
            id,
            name: spelling.clone(),
            siret: siret.map(str::to_owned),
            rna: rna.map(str::to_owned),
            aliases: Vec::new(),
        });
        spelling
    }

    /// The registry's changes, into the edits.
    pub fn into_edits(self, edits: &mut Edits) {
        edits.new_porteurs = self.proposed;
        edits.porteurs = self.updates;
    }
}

/// Whether the registry grows with an import: always for the State's files
/// (a profile), which identify porteurs; for a city's spreadsheet only when
/// the contract keeps a registry.
fn grows(reading: &Reading, contract: &Contract) -> bool {
    reading.profile.is_some() || !contract.porteurs.is_empty()
}

/// The actions of a reading: rows identical to an action of the contract
/// left as they are, the others added with the next free id of their year
/// when the row gives none, their porteurs matched with the registry.
pub fn actions(reading: Reading, contract: &Contract) -> Plan {
    let mut registry = Registry::new(contract, grows(&reading, contract));
    let mut plan = Plan {
        messy: reading.messy,
        ..Plan::default()
    };
    let mut taken: Vec<String> = reading
        .records
        .iter()
        .filter(|(_, given)| *given)
        .map(|(i, _)| i.action.id.clone())
        .collect();
    for (mut imported, id_given) in reading.records {
        let extra = &imported.extra;
        imported.action.porteur = registry.name(
            &imported.action.porteur,
            extra.siret.as_deref(),
            extra.rna.as_deref(),
        );
        let a = &imported.action;
        if contract
            .actions
            .iter()
            .any(|old| crate::import::same(a, id_given, old, &contract.porteur_name(&old.porteur)))
        {
            plan.unchanged += 1;
            continue;
        }
        if !id_given {
            imported.action.id = next_id(contract, imported.action.year, &taken);
            taken.push(imported.action.id.clone());
        }
        plan.rows.push((imported.action.id.clone(), imported.row));
        plan.edits.new_actions.push(imported.action);
    }
    registry.into_edits(&mut plan.edits);
    plan
}

/// The posts of a reading: new ones added, those the contract holds (same
/// number, same year) updated when the row says otherwise. A second row for
/// a post already read (the national files give some posts to two
/// employers) is set apart, the first kept.
pub fn posts(reading: Reading, contract: &Contract, kind: PostKind) -> Plan {
    let mut registry = Registry::new(contract, grows(&reading, contract));
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
        let porteur = registry.name(
            &record.action.porteur,
            record.extra.siret.as_deref(),
            record.extra.rna.as_deref(),
        );
        let post = NewPost {
            number,
            kind,
            porteur,
            year,
            amount: record.extra.post_amount,
            quartier: existing.and_then(|p| p.quartier.as_ref().map(|q| q.value.clone())),
        };
        match existing {
            None => plan.edits.new_posts.push(post),
            Some(old) => {
                let same = old.kind == post.kind
                    && contract.porteur_name(&old.porteur) == post.porteur
                    && old.amount.as_ref().map(|a| a.value) == post.amount;
                if same {
                    plan.unchanged += 1;
                } else {
                    plan.edits.posts.push(post);
                }
            }
        }
    }
    registry.into_edits(&mut plan.edits);
    plan
}
