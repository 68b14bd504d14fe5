//! The grant's life of an action, as Dauphin and Chorus follow it: its
//! identifiers, its dates, what was paid, its years, its funding plan and
//! its national theme. All optional: a city's own programmation may give
//! none of it.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::model::{Amount, Located, Money, Status};

/// Dauphin's status labels, by default: each the stage it says, in the
/// groups Dauphin shows them. `contrat.toml` may say otherwise for any
/// (`[statuses]`), and `import --map-value` for one file.
pub const DAUPHIN: &[(&str, Status)] = &[
    // Refused.
    ("Rejetée", Status::Rejected),
    // Granted: funded, the bilan awaited or being looked at; completed once
    // justified.
    ("A justifier", Status::Funded),
    ("A été versé", Status::Funded),
    ("Justification à modifier", Status::Funded),
    ("Justification en cours", Status::Funded),
    ("Justifiée", Status::Completed),
    // Closed: the dossier's life is over. A dossier found inadmissible was
    // never granted: refused.
    ("Cloturée", Status::Closed),
    ("Non recevable", Status::Rejected),
    // Pending: being written or sent by the porteur (requested), then taken
    // in hand by the State (under instruction).
    ("En cours de saisie", Status::Proposed),
    ("Transmise", Status::Proposed),
    ("En attente d'attestation", Status::Proposed),
    ("Prise en charge", Status::Instructing),
    ("Recevable", Status::Instructing),
    ("En attente d'instruction", Status::Instructing),
    ("En cours", Status::Instructing),
];

/// The stage a Dauphin label says, by the contract's `[statuses]` first,
/// then by default; without regard to case, accents or spaces.
pub fn dauphin_status(label: &str, contract: &[(Located<String>, Status)]) -> Option<Status> {
    let key = crate::fold::key(label);
    contract
        .iter()
        .find(|(l, _)| crate::fold::key(l) == key)
        .map(|(_, s)| *s)
        .or_else(|| {
            DAUPHIN
                .iter()
                .find(|(l, _)| crate::fold::key(l) == key)
                .map(|(_, s)| *s)
        })
}

/// What Dauphin and Chorus know of an action.
#[derive(Debug, Default, Serialize)]
pub struct Grant {
    /// Its Dauphin dossier number (`DA00012345-1`).
    pub dossier: Option<Located<String>>,
    /// The Chorus engagement juridique of the State's funding.
    pub chorus_ej: Option<Located<String>>,
    /// When the request was filed, the funding voted, paid, the bilan
    /// received.
    pub dates: Dates,
    /// Funding paid, per funder.
    pub paid: Vec<Amount>,
    /// The last year of a multi-year convention (CPO): the action counts
    /// in each year from its `year` to this one, for its yearly tranche.
    pub until: Option<Located<u16>>,
    /// The porteur's own funds in the funding plan.
    pub own_funds: Option<Located<Money>>,
    /// Partners outside the contract's funders, each with its amount.
    pub partners: Vec<Amount>,
    /// The national theme or sub-theme the action falls under.
    pub theme: Option<Located<&'static crate::themes::Theme>>,
}

/// The dates of a grant's life, each known or not.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dates {
    pub filed: Option<Date>,
    pub voted: Option<Date>,
    pub paid: Option<Date>,
    pub bilan: Option<Date>,
}

impl Grant {
    /// Funding paid, all funders together.
    pub fn paid_total(&self) -> Money {
        self.paid.iter().map(|a| a.amount.value).sum()
    }

    /// The resources of the funding plan besides the contract's funders:
    /// the porteur's own funds and the partners'.
    pub fn other_resources(&self) -> Money {
        self.own_funds.as_ref().map_or(Money::ZERO, |m| m.value)
            + self.partners.iter().map(|a| a.amount.value).sum()
    }
}

/// A calendar date, as TOML writes a local date: `2023-04-01`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A valid date of the Gregorian calendar, years 1900 to 2200.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1900..=2200).contains(&year) && (1..=days).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// A date as files and spreadsheets write it: `2023-04-01`,
    /// `01/04/2023` (French order), or a spreadsheet's `2023-04-01 00:00:00`.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let text = text.split([' ', 'T']).next().unwrap_or(text);
        let numbers: Vec<&str> = text.split(['-', '/', '.']).collect();
        let [a, b, c] = numbers.as_slice() else {
            return None;
        };
        let n = |s: &str| -> Option<u16> {
            (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (year, month, day) = if a.len() == 4 {
            (n(a)?, n(b)?, n(c)?)
        } else if c.len() == 4 {
            (n(c)?, n(b)?, n(a)?)
        } else {
            return None;
        };
        Date::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_people_write_them() {
        let d = Date::new(2023, 4, 1).unwrap();
        assert_eq!(Date::parse("2023-04-01"), Some(d));
        assert_eq!(Date::parse("01/04/2023"), Some(d));
        assert_eq!(Date::parse("2023-04-01 00:00:00"), Some(d));
        assert_eq!(Date::parse("2023-04-01T00:00:00"), Some(d));
        assert_eq!(d.to_string(), "2023-04-01");
        assert_eq!(Date::parse("29/02/2023"), None);
        assert!(Date::parse("29/02/2024").is_some());
        assert_eq!(Date::parse("2023-13-01"), None);
        assert_eq!(Date::parse("demain"), None);
    }
}
