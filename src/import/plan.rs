//! What an import changes in the contract: rows matched with what the
//! contract holds already — an action by its dossier number, a post by its
//! number and year, a porteur by its SIRET, then its RNA number, then its
//! spelling —, so that the same file imported twice changes nothing and a
//! newer one updates what it holds instead of adding it again.

use std::collections::HashMap;

use toml_edit::Value;

use crate::check::porteurs::slug;
use crate::edit::entries::{ActionUpdate, Edits, NewPorteur, NewPost, money};
use crate::edit::insert::next_id;
use crate::fold;
use crate::import::sheet::Sheet;
use crate::import::{
    Entries, Imported, Messy, Options, Profile, Reading, Records, RowError, Table, indicators,
    profile, read,
};
use crate::model::{Action, Amount, Contract, Money, PostKind, same_siren};

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

/// What a sheet changes in the contract: its rows read as what its profile
/// (given, or recognised from its headings) says they are.
pub fn from_sheet(
    sheet: &Sheet,
    contract: &Contract,
    options: &Options,
) -> Result<Plan, Vec<RowError>> {
    let table = Table::new(sheet)?;
    let profile = options.profile.or_else(|| profile::detect(sheet));
    Ok(
        match profile.map_or(Records::Entries(Entries::Actions), Profile::records) {
            Records::Entries(entries) => {
                let reading = read(&table, contract, options, profile, entries)?;
                match entries {
                    Entries::Actions => actions(reading, contract),
                    Entries::Posts(kind) => posts(reading, contract, kind),
                    Entries::Updates => updates(reading, contract),
                }
            }
            // A table of indicators is read apart: its rows are no actions.
            Records::Indicators => {
                let reading = indicators::read(&table, contract, options)?;
                Plan {
                    edits: Edits {
                        indicators: reading.edits,
                        ..Edits::default()
                    },
                    unchanged: reading.unchanged,
                    messy: reading.messy,
                    rows: Vec::new(),
                }
            }
        },
    )
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
            (siret.is_some_and(|s| p.siret.as_deref().is_some_and(|o| same_siren(o, s))))
                || (rna.is_some() && p.rna.as_deref() == rna)
        }) {
            return p.name.clone();
        }
        // By spelling, when the identifiers do not disagree (a SIRET agrees
        // with another establishment of the same entity).
        let agrees = |theirs: Option<&str>, ours: Option<&str>| match (theirs, ours) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let siret_agrees = |theirs: Option<&str>| match (theirs, siret) {
            (Some(a), Some(b)) => same_siren(a, b),
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
                siret_agrees(p.siret.as_deref().map(|s| s.as_str()))
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
                && siret_agrees(p.siret.as_deref())
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
        // A porteur the contract already names, registered or not: its
        // spelling wins (`Association Aube Claire` for the State's `AUBE
        // CLAIRE`), the State's is kept as an alias.
        let named: Vec<&str> = {
            let mut all: Vec<&str> = c
                .actions
                .iter()
                .map(|a| a.porteur.as_str())
                .chain(c.posts.iter().map(|p| p.porteur.as_str()))
                .filter(|s| fold::same_organisation(s, &spelling))
                .collect();
            all.sort_unstable();
            all.dedup_by(|a, b| fold::key(a) == fold::key(b));
            all
        };
        let (name, alias) = match named.as_slice() {
            [one] if fold::key(one) != key => ((*one).to_owned(), Some(spelling.clone())),
            [one] => ((*one).to_owned(), None),
            _ => (spelling.clone(), None),
        };
        if !self.grow || spelling.is_empty() {
            return name;
        }
        let base = slug(&name);
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
            name: name.clone(),
            siret: siret.map(str::to_owned),
            rna: rna.map(str::to_owned),
            aliases: alias.into_iter().collect(),
        });
        name
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

/// The values a row sets on the action it matches: each the row gives and
/// the action does not hold already. A row says nothing of what it leaves
/// empty: an empty cell is never a value set to nothing.
fn update_sets(contract: &Contract, old: &Action, row: &Imported) -> Vec<(String, Value)> {
    let new = &row.action;
    let mut sets: Vec<(String, Value)> = Vec::new();
    let mut text = |key: &str, value: &str, now: &str| {
        if !value.is_empty() && value != now {
            sets.push((key.to_owned(), Value::from(value)));
        }
    };
    text("title", &new.title, &old.title);
    text(
        "porteur",
        &new.porteur,
        &contract.porteur_name(&old.porteur),
    );
    if let Some(d) = &new.description {
        text("description", d, old.description.as_deref().unwrap_or(""));
    }
    if let Some(ej) = &new.chorus_ej {
        text(
            "chorus_ej",
            ej,
            old.grant.chorus_ej.as_ref().map_or("", |e| e.as_str()),
        );
    }
    if let Some(theme) = new.theme
        && Some(theme) != old.grant.theme.as_ref().map(|t| t.value)
    {
        sets.push(("theme".to_owned(), Value::from(theme.code)));
    }
    if let Some(status) = new.status
        && status != old.status
    {
        sets.push(("status".to_owned(), Value::from(status.name())));
    }
    if new.year != 0 && new.year != *old.year {
        sets.push(("year".to_owned(), Value::from(i64::from(new.year))));
    }
    let codes = |list: &[crate::model::Code]| {
        let mut array = toml_edit::Array::new();
        for c in list {
            array.push(c.to_string());
        }
        Value::Array(array)
    };
    let old_priorities: Vec<_> = old.serves.iter().map(|c| c.value).collect();
    if !new.priorities.is_empty() && new.priorities != old_priorities {
        sets.push((
            contract.tree.action_key().to_owned(),
            codes(&new.priorities),
        ));
    }
    if let Some(cost) = new.cost
        && Some(cost) != old.cost.as_ref().map(|c| c.value)
    {
        sets.push(("cost".to_owned(), money(cost)));
    }
    if let Some(own) = new.own_funds
        && Some(own) != old.grant.own_funds.as_ref().map(|c| c.value)
    {
        sets.push(("own_funds".to_owned(), money(own)));
    }
    let mut amounts = |section: &str, given: &[(String, Money)], held: &[Amount]| {
        for (funder, amount) in given {
            let now = held
                .iter()
                .find(|a| a.funder.value == *funder)
                .map(|a| a.amount.value);
            if now != Some(*amount) {
                sets.push((format!("{section}.{funder}"), money(*amount)));
            }
        }
    };
    amounts("funding", &new.funding, &old.funding);
    amounts("requested", &new.requested, &old.requested);
    amounts("paid", &new.paid, &old.grant.paid);
    amounts("partners", &new.partners, &old.grant.partners);
    let (d, now) = (&new.dates, &old.grant.dates);
    for (key, date, held) in [
        ("dates.filed", d.filed, now.filed),
        ("dates.voted", d.voted, now.voted),
        ("dates.paid", d.paid, now.paid),
        ("dates.bilan", d.bilan, now.bilan),
    ] {
        if let Some(date) = date
            && Some(date) != held
        {
            sets.push((key.to_owned(), crate::edit::insert::date_value(date)));
        }
    }
    for (key, n, now) in [
        (
            "beneficiaries.planned",
            new.planned,
            old.beneficiaries.planned,
        ),
        ("beneficiaries.actual", new.actual, old.beneficiaries.actual),
    ] {
        if let Some(n) = n
            && Some(n) != now
        {
            sets.push((key.to_owned(), Value::from(n as i64)));
        }
    }
    sets
}

/// The action of the contract a row is about: the one with its dossier
/// number.
fn by_dossier<'c>(contract: &'c Contract, row: &Imported) -> Option<&'c Action> {
    let dossier = row.action.dossier.as_deref()?;
    contract
        .actions
        .iter()
        .find(|a| a.grant.dossier.as_ref().is_some_and(|d| d.value == dossier))
}

/// The actions of a reading: a row with the dossier number of an action
/// updates it (or changes nothing when it says what the action says); a row
/// identical to an action is left as it is; the others are added, with the
/// next free id of their year when the row gives none. Porteurs are matched
/// with the registry.
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
    // Rows of `contrat export` name the contract's actions by id.
    let exported = reading.profile == Some(crate::import::Profile::ContratExport);
    for (mut imported, id_given) in reading.records {
        let extra = &imported.extra;
        // A row of the State's files without a porteur (Gispro's) is about
        // a dossier only.
        imported.action.porteur = registry.name(
            &imported.action.porteur,
            extra.siret.as_deref(),
            extra.rna.as_deref(),
        );
        let by_id = || {
            (exported && id_given)
                .then(|| contract.action(&imported.action.id))
                .flatten()
        };
        if let Some(old) = by_dossier(contract, &imported).or_else(by_id) {
            let sets = update_sets(contract, old, &imported);
            if sets.is_empty() {
                plan.unchanged += 1;
            } else {
                plan.edits.actions.push(ActionUpdate {
                    id: old.id.value.clone(),
                    sets,
                });
            }
            continue;
        }
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

/// Facts about dossiers the contract holds (Gispro): each row updates the
/// action with its dossier number — its Chorus EJ, the amount committed —
/// and the registry learns its porteur's SIRET. A row about a dossier no
/// action holds is said, not imported.
pub fn updates(reading: Reading, contract: &Contract) -> Plan {
    let mut registry = Registry::new(contract, true);
    let mut plan = Plan {
        messy: reading.messy,
        ..Plan::default()
    };
    for (mut imported, _) in reading.records {
        let Some(old) = by_dossier(contract, &imported) else {
            if let Some(dossier) = imported.action.dossier.clone() {
                plan.messy.unknown_dossiers.push((imported.row, dossier));
            }
            continue;
        };
        // The row names no porteur: the action's is known by the SIRET
        // it gives, when it gives one.
        if let Some(siret) = imported.extra.siret.as_deref() {
            let spelling = contract.porteur_name(&old.porteur);
            imported.action.porteur = registry.name(&spelling, Some(siret), None);
        }
        let sets = update_sets(contract, old, &imported);
        if sets.is_empty() {
            plan.unchanged += 1;
        } else if let Some(update) = plan.edits.actions.iter_mut().find(|u| u.id == old.id.value) {
            update.sets.extend(sets);
        } else {
            plan.edits.actions.push(ActionUpdate {
                id: old.id.value.clone(),
                sets,
            });
        }
    }
    registry.into_edits(&mut plan.edits);
    plan
}
