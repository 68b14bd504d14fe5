//! Porteurs: the organisations that carry actions and employ posts, and the
//! registry that knows them by id, name, SIRET, RNA and other spellings.

use serde::Serialize;

use crate::fold;
use crate::model::{Contract, Located};

/// A porteur of the registry (`[[porteur]]` of `contrat.toml`).
#[derive(Debug, Serialize)]
pub struct Porteur {
    pub id: Located<String>,
    pub name: Located<String>,
    pub siret: Option<Located<String>>,
    pub rna: Option<Located<String>>,
    /// Other spellings of its name.
    pub aliases: Vec<Located<String>>,
}

impl Porteur {
    /// The id, the name and every alias: each way files may name it.
    pub fn spellings(&self) -> impl Iterator<Item = &Located<String>> {
        [&self.id, &self.name].into_iter().chain(&self.aliases)
    }

    /// Whether a spelling names it near enough to be the same organisation
    /// ([`fold::same_organisation`]), though not as one of its spellings.
    pub fn near(&self, spelling: &str) -> bool {
        self.spellings()
            .any(|s| fold::same_organisation(s, spelling))
    }
}

impl Contract {
    /// The registered porteur a spelling names: its id, name or an alias,
    /// without regard to case, accents, spaces or punctuation.
    pub fn porteur(&self, spelling: &str) -> Option<&Porteur> {
        let key = fold::key(spelling);
        if key.is_empty() {
            return None;
        }
        self.porteurs
            .iter()
            .find(|p| p.spellings().any(|s| fold::key(s) == key))
    }

    /// The registered porteur a spelling resembles, when it names none
    /// exactly and exactly one resembles it.
    pub fn porteur_near(&self, spelling: &str) -> Option<&Porteur> {
        if self.porteur(spelling).is_some() {
            return None;
        }
        let mut near = self.porteurs.iter().filter(|p| p.near(spelling));
        match (near.next(), near.next()) {
            (Some(p), None) => Some(p),
            _ => None,
        }
    }

    /// The registered porteur of a SIRET: the same establishment, or else
    /// another establishment of the same legal entity (its SIREN, the first
    /// nine digits), as when an association moves and its SIRET changes.
    pub fn porteur_by_siret(&self, siret: &str) -> Option<&Porteur> {
        let registered = |same: &dyn Fn(&str) -> bool| {
            self.porteurs
                .iter()
                .find(|p| p.siret.as_ref().is_some_and(|s| same(&s.value)))
        };
        registered(&|s| s == siret).or_else(|| registered(&|s| same_siren(s, siret)))
    }

    /// The registered porteur of an RNA number.
    pub fn porteur_by_rna(&self, rna: &str) -> Option<&Porteur> {
        self.porteurs
            .iter()
            .find(|p| p.rna.as_ref().is_some_and(|s| s.value == rna))
    }

    /// The name a porteur is shown by, from any way the files name it: the
    /// registry's name, or the spelling itself for a porteur not registered.
    pub fn porteur_name(&self, spelling: &str) -> String {
        self.porteur(spelling)
            .map_or_else(|| spelling.to_owned(), |p| p.name.value.clone())
    }
}

/// Whether two SIRET name establishments of one legal entity: the same
/// SIREN, their first nine digits.
pub fn same_siren(a: &str, b: &str) -> bool {
    a.len() >= 9 && b.len() >= 9 && a.get(..9) == b.get(..9)
}
