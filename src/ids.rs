//! The identifiers of the State's files, each with its own rule: SIRET
//! (an establishment), SIREN (a legal person), RNA (an association), a
//! Dauphin dossier number and a Chorus engagement juridique. Pure functions:
//! each reads the identifier as people write it (spaces between groups of
//! digits are welcome) and gives it back in its one canonical spelling, or
//! says what is wrong with it.

use std::fmt;

/// Why a text is not an identifier of its kind.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("is empty")]
    Empty,
    #[error("has {found} digits where a {what} has {expected}")]
    Length {
        what: &'static str,
        found: usize,
        expected: usize,
    },
    #[error("has {found} characters after its `{prefix}` where {expected} are expected")]
    AfterPrefix {
        prefix: &'static str,
        found: usize,
        expected: usize,
    },
    #[error("holds `{0}`, which is not a digit")]
    NotDigit(char),
    #[error("fails the check digit (Luhn key) of a {0}")]
    CheckDigit(&'static str),
    #[error("does not start with `{0}`")]
    Prefix(&'static str),
    #[error("is not of the form {0}")]
    Form(&'static str),
}

/// The text without the spaces people put between groups of digits
/// (`381 867 969 00051`), ordinary, non-breaking or thin.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\t'))
        .collect()
}

/// `text` as `expected` digits, or why not.
fn digits(text: &str, what: &'static str, expected: usize) -> Result<String, IdError> {
    let compact = compact(text);
    if compact.is_empty() {
        return Err(IdError::Empty);
    }
    if let Some(c) = compact.chars().find(|c| !c.is_ascii_digit()) {
        return Err(IdError::NotDigit(c));
    }
    if compact.len() != expected {
        return Err(IdError::Length {
            what,
            found: compact.len(),
            expected,
        });
    }
    Ok(compact)
}

/// The Luhn checksum over ASCII digits: every second digit from the right
/// doubled (minus 9 past 9), the sum a multiple of 10.
pub fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The SIREN of La Poste, whose establishments do not follow Luhn: the
/// digits of their SIRET add up to a multiple of 5 instead (INSEE's rule).
pub const LA_POSTE_SIREN: &str = "356000000";

/// A SIRET: an establishment, 14 digits (its SIREN and a 5-digit NIC)
/// whose Luhn key holds, or, for La Poste's establishments, whose digits
/// add up to a multiple of 5.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Siret(String);

impl Siret {
    pub fn parse(text: &str) -> Result<Siret, IdError> {
        let d = digits(text, "SIRET", 14)?;
        let valid = if d.starts_with(LA_POSTE_SIREN) {
            let sum: u32 = d.bytes().map(|b| u32::from(b - b'0')).sum();
            sum.is_multiple_of(5) || luhn(&d)
        } else {
            luhn(&d)
        };
        if valid {
            Ok(Siret(d))
        } else {
            Err(IdError::CheckDigit("SIRET"))
        }
    }

    /// Its first nine digits: the legal person's SIREN.
    pub fn siren(&self) -> &str {
        &self.0[..9]
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A SIREN: a legal person, 9 digits with a Luhn key.
pub fn siren(text: &str) -> Result<String, IdError> {
    let d = digits(text, "SIREN", 9)?;
    if luhn(&d) || d == LA_POSTE_SIREN {
        Ok(d)
    } else {
        Err(IdError::CheckDigit("SIREN"))
    }
}

/// An RNA number (Répertoire national des associations): `W` and 9
/// characters, digits but for the Corsican départements (`W2A…`, `W2B…`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rna(String);

impl Rna {
    pub fn parse(text: &str) -> Result<Rna, IdError> {
        let c = compact(text).to_uppercase();
        if c.is_empty() {
            return Err(IdError::Empty);
        }
        let Some(rest) = c.strip_prefix('W') else {
            return Err(IdError::Prefix("W"));
        };
        let corsica = rest.starts_with("2A") || rest.starts_with("2B");
        let body = if corsica { &rest[2..] } else { rest };
        if let Some(ch) = body.chars().find(|ch| !ch.is_ascii_digit()) {
            return Err(IdError::NotDigit(ch));
        }
        if rest.len() != 9 {
            return Err(IdError::AfterPrefix {
                prefix: "W",
                found: rest.chars().count(),
                expected: 9,
            });
        }
        Ok(Rna(c))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Dauphin dossier number: `DA`, 8 digits, `-` and the action's number
/// within the dossier: `DA00012345-1`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Dossier(String);

impl Dossier {
    pub const FORM: &'static str = "`DA` + 8 digits + `-n`, such as `DA00012345-1`";

    pub fn parse(text: &str) -> Result<Dossier, IdError> {
        let c = compact(text).to_uppercase();
        if c.is_empty() {
            return Err(IdError::Empty);
        }
        let Some(rest) = c.strip_prefix("DA") else {
            return Err(IdError::Prefix("DA"));
        };
        let ok = rest.split_once('-').is_some_and(|(number, n)| {
            number.len() == 8
                && number.bytes().all(|b| b.is_ascii_digit())
                && !n.is_empty()
                && n.len() <= 4
                && n.bytes().all(|b| b.is_ascii_digit())
        });
        if ok {
            Ok(Dossier(c))
        } else {
            Err(IdError::Form(Dossier::FORM))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Chorus engagement juridique (EJ): the State's commitment of the money,
/// 10 digits (`2103456789`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChorusEj(String);

impl ChorusEj {
    pub fn parse(text: &str) -> Result<ChorusEj, IdError> {
        digits(text, "Chorus EJ", 10).map(ChorusEj)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! display {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}
display!(Siret, Rna, Dossier, ChorusEj);

/// `QP082001` (2015: département on three characters, three digits) or
/// `QN08201M` (2024: département, two digits, a letter); Corsica writes its
/// départements `02A`, `02B`.
pub fn is_quartier_code(code: &str) -> bool {
    let b = code.as_bytes();
    if b.len() != 8 || b[0] != b'Q' {
        return false;
    }
    let departement = b[2].is_ascii_digit()
        && b[3].is_ascii_digit()
        && (b[4].is_ascii_digit() || matches!(b[4], b'A' | b'B'));
    match b[1] {
        b'P' => departement && b[5..].iter().all(u8::is_ascii_digit),
        b'N' => {
            departement
                && b[5].is_ascii_digit()
                && b[6].is_ascii_digit()
                && b[7].is_ascii_uppercase()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::maps;

    /// Employers of adultes-relais posts of the Montauban contract (CV307),
    /// as the ANCT's open data writes them (`adulte-relais-2021.json` and
    /// `-2023.json`, key `code_tiers`): real SIRETs, so their keys hold.
    const REAL: [&str; 9] = [
        "41505542500037", // ACCOMPAGNEMENT SCOLAIRE ELEVES COLLEGES
        "38186796900051", // ASSOC AMISS
        "43476443700027", // LE PONT DES SAVOIRS
        "47949408000043", // LA RAISON DES ADOS
        "47949408000050", // RESSOURCE JEUNESSE (same SIREN, another establishment)
        "39943960300032", // ASSOC MONTAUBAN SERVICES
        "24820009900013", // GRAND MONTAUBAN COMMUNAUTE D AGGLOMERATION
        "38085550200023", // EPICE 82 - DROGUES ET SOCIETE
        "51208167000048", // BOUGER POUR S'EN SORTIR
    ];

    #[test]
    fn real_sirets_of_the_anct_files_hold() {
        for s in REAL {
            assert_eq!(Siret::parse(s).map(|x| x.to_string()), Ok(s.to_owned()));
        }
        // The agglomération's SIREN is the contract's `codgeo` in
        // contrats-de-ville.csv (CV307: 248200099).
        assert_eq!(Siret::parse("24820009900013").unwrap().siren(), "248200099");
        assert_eq!(siren("248200099"), Ok("248200099".to_owned()));
    }

    #[test]
    fn one_wrong_digit_is_caught() {
        // Each real SIRET with its last digit changed: Luhn catches any
        // single wrong digit.
        for s in REAL {
            let last = s.as_bytes()[13] - b'0';
            let wrong = format!("{}{}", &s[..13], (last + 1) % 10);
            assert_eq!(
                Siret::parse(&wrong),
                Err(IdError::CheckDigit("SIRET")),
                "{wrong}"
            );
        }
        // Two neighbouring digits swapped (38186796900051 → 38186796900015).
        assert!(Siret::parse("38186796900015").is_err());
    }

    /// An identifier as it reads back, or why it does not.
    fn read<T: std::fmt::Display>(
        parse: fn(&str) -> Result<T, IdError>,
    ) -> impl Fn(&str) -> Result<String, IdError> {
        move |text| parse(text).map(|id| id.to_string())
    }

    fn ok(id: &str) -> Result<String, IdError> {
        Ok(id.to_owned())
    }

    #[test]
    fn sirets_as_people_write_them() {
        let short = IdError::Length {
            what: "SIRET",
            found: 13,
            expected: 14,
        };
        maps(
            read(Siret::parse),
            [
                ("381 867 969 00051", ok("38186796900051")),
                ("3818679690005", Err(short)),
                ("3818679690005O", Err(IdError::NotDigit('O'))),
                ("  ", Err(IdError::Empty)),
            ],
        );
    }

    #[test]
    fn la_poste_sums_its_digits_to_a_multiple_of_five() {
        // Worked by hand: 3+5+6 = 14 and the NIC 00001 brings the digits to
        // 15, a multiple of 5. Its Luhn sum is 15 too (from the right, the
        // 3 and the 6 stand at doubled places: 6, and 12 → 3; then 5 and 1),
        // not a multiple of 10.
        assert!(!luhn("35600000000001"));
        assert!(Siret::parse("35600000000001").is_ok());
        // NIC 00002: digits add up to 16, and the Luhn sum is 16: refused.
        assert!(!luhn("35600000000002"));
        assert_eq!(
            Siret::parse("35600000000002"),
            Err(IdError::CheckDigit("SIRET"))
        );
        // Another SIREN whose digits add up to 15 (Luhn sum 16): the
        // multiple-of-5 rule is La Poste's alone.
        assert!(Siret::parse("35700000000000").is_err());
    }

    #[test]
    fn rna_numbers() {
        let short = IdError::AfterPrefix {
            prefix: "W",
            found: 8,
            expected: 9,
        };
        maps(
            read(Rna::parse),
            [
                ("W821000123", ok("W821000123")),
                ("w821000123", ok("W821000123")),
                // Corse-du-Sud.
                ("W2A1000123", ok("W2A1000123")),
                ("821000123", Err(IdError::Prefix("W"))),
                ("W82100012", Err(short)),
                ("W82100012X", Err(IdError::NotDigit('X'))),
            ],
        );
    }

    #[test]
    fn dauphin_dossiers() {
        maps(
            read(Dossier::parse),
            [
                ("DA00012345-1", ok("DA00012345-1")),
                (" da00012345-12 ", ok("DA00012345-12")),
                ("00012345-1", Err(IdError::Prefix("DA"))),
            ],
        );
        let bad = ["DA0001234-1", "DA00012345", "DA00012345-", "DA0001234X-1"];
        maps(
            read(Dossier::parse),
            bad.map(|b| (b, Err(IdError::Form(Dossier::FORM)))),
        );
    }

    #[test]
    fn chorus_ej() {
        assert_eq!(
            ChorusEj::parse("2103 456 789").unwrap().as_str(),
            "2103456789"
        );
        assert!(ChorusEj::parse("210345678").is_err());
        assert!(ChorusEj::parse("21034567890").is_err());
    }

    #[test]
    fn quartier_codes_of_both_lists() {
        for ok in ["QP082001", "QP02A001", "QP971001", "QN07501M", "QN02B01A"] {
            assert!(is_quartier_code(ok), "{ok}");
        }
        for bad in [
            "QN999001",
            "QP08200",
            "QX082001",
            "qp082001",
            "QN0750MM",
            "QP082001 ",
        ] {
            assert!(!is_quartier_code(bad), "{bad}");
        }
    }
}
