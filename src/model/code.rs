//! The one type for every code of a contract: `Pilier 1`, `OS 1.2`, `P 1.2.3`, `OT 3`.
//!
//! Files must use the canonical form; the command line accepts loose forms
//! (`1.2.3`, `p1.2.3`, `os 1.2`, `ot3`), so both go through [`Code::parse`] and a
//! file reader compares the input with [`Code`]'s `Display` to warn about the form.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// A code of the contract tree. Numbers start at 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// A pilier, by its number.
    Pilier(u16),
    /// An orientation stratégique: pilier, orientation.
    Orientation(u16, u16),
    /// A priorité: pilier, orientation, priority.
    Priority(u16, u16, u16),
    /// An orientation transversale.
    Transversal(u16),
}

/// The level of a code in the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CodeKind {
    Pilier,
    Orientation,
    Priority,
    Transversal,
}

impl CodeKind {
    /// English name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            CodeKind::Pilier => "pilier",
            CodeKind::Orientation => "orientation",
            CodeKind::Priority => "priority",
            CodeKind::Transversal => "transversal orientation",
        }
    }

    /// An example of the canonical form, for help messages.
    pub fn example(self) -> &'static str {
        match self {
            CodeKind::Pilier => "Pilier 1",
            CodeKind::Orientation => "OS 1.2",
            CodeKind::Priority => "P 1.2.3",
            CodeKind::Transversal => "OT 3",
        }
    }

    /// The canonical form with its numbers named, for the format's documentation.
    pub fn form(self) -> &'static str {
        match self {
            CodeKind::Pilier => "Pilier p",
            CodeKind::Orientation => "OS p.o",
            CodeKind::Priority => "P p.o.n",
            CodeKind::Transversal => "OT n",
        }
    }

    /// The first code of this kind: every number 1.
    pub fn first(self) -> Code {
        match self {
            CodeKind::Pilier => Code::Pilier(1),
            CodeKind::Orientation => Code::Orientation(1, 1),
            CodeKind::Priority => Code::Priority(1, 1, 1),
            CodeKind::Transversal => Code::Transversal(1),
        }
    }

    /// A regular expression of the canonical form, for JSON Schemas: the
    /// first code with each number made a pattern of numbers from 1.
    pub fn pattern(self) -> String {
        let first = self.first().to_string();
        let (prefix, numbers) = first.split_at(first.find('1').unwrap_or(first.len()));
        let numbers = numbers
            .split('.')
            .map(|_| "[1-9][0-9]*")
            .collect::<Vec<_>>()
            .join("\\.");
        format!("^{prefix}{numbers}$")
    }
}

/// Why a text is not a code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("empty code")]
    Empty,
    #[error("`{0}` is not a code")]
    NotACode(String),
    #[error("`{text}` has {found} number(s), a {kind} code has {expected}")]
    WrongArity {
        text: String,
        kind: &'static str,
        found: usize,
        expected: usize,
    },
    #[error("`{0}` has a number out of range: numbers run from 1 to 65535")]
    OutOfRange(String),
}

impl Code {
    /// Parses any recognisable form of a code, canonical or not.
    ///
    /// Accepted: an optional prefix (`P`, `OS`, `OT`, `Pilier`, any case, with or
    /// without a space), then one to three dot-separated numbers. Without a prefix
    /// the count of numbers decides: `1` pilier, `1.2` orientation, `1.2.3` priority.
    pub fn parse(text: &str) -> Result<Code, CodeError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(CodeError::Empty);
        }
        let split = trimmed
            .find(|c: char| c.is_ascii_digit())
            .ok_or_else(|| CodeError::NotACode(text.to_owned()))?;
        let (prefix, numbers) = trimmed.split_at(split);
        let prefix = prefix.trim_end().trim_end_matches(['-', '_']).trim_end();
        let kind = match prefix.to_ascii_lowercase().as_str() {
            "" => None,
            "p" => Some(CodeKind::Priority),
            "os" => Some(CodeKind::Orientation),
            "ot" => Some(CodeKind::Transversal),
            "pilier" => Some(CodeKind::Pilier),
            _ => return Err(CodeError::NotACode(text.to_owned())),
        };
        let mut parts = [0u16; 3];
        let mut count = 0;
        for part in numbers.split('.') {
            if count == 3 || part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(CodeError::NotACode(text.to_owned()));
            }
            let n: u16 = part
                .parse()
                .map_err(|_| CodeError::OutOfRange(text.to_owned()))?;
            if n == 0 {
                return Err(CodeError::OutOfRange(text.to_owned()));
            }
            parts[count] = n;
            count += 1;
        }
        let kind = kind.unwrap_or(match count {
            1 => CodeKind::Pilier,
            2 => CodeKind::Orientation,
            _ => CodeKind::Priority,
        });
        let expected = match kind {
            CodeKind::Pilier | CodeKind::Transversal => 1,
            CodeKind::Orientation => 2,
            CodeKind::Priority => 3,
        };
        if count != expected {
            return Err(CodeError::WrongArity {
                text: text.to_owned(),
                kind: kind.name(),
                found: count,
                expected,
            });
        }
        Ok(match kind {
            CodeKind::Pilier => Code::Pilier(parts[0]),
            CodeKind::Orientation => Code::Orientation(parts[0], parts[1]),
            CodeKind::Priority => Code::Priority(parts[0], parts[1], parts[2]),
            CodeKind::Transversal => Code::Transversal(parts[0]),
        })
    }

    /// Whether `text` is exactly the canonical spelling of a code.
    pub fn is_canonical(text: &str) -> bool {
        Code::parse(text).is_ok_and(|code| code.to_string() == text)
    }

    pub fn kind(self) -> CodeKind {
        match self {
            Code::Pilier(_) => CodeKind::Pilier,
            Code::Orientation(..) => CodeKind::Orientation,
            Code::Priority(..) => CodeKind::Priority,
            Code::Transversal(_) => CodeKind::Transversal,
        }
    }

    /// The pilier number a code of the tree belongs to (none for a transversal).
    pub fn pilier(self) -> Option<u16> {
        match self {
            Code::Pilier(p) | Code::Orientation(p, _) | Code::Priority(p, _, _) => Some(p),
            Code::Transversal(_) => None,
        }
    }

    /// The code one level up: priority → orientation → pilier.
    pub fn parent(self) -> Option<Code> {
        match self {
            Code::Priority(p, o, _) => Some(Code::Orientation(p, o)),
            Code::Orientation(p, _) => Some(Code::Pilier(p)),
            Code::Pilier(_) | Code::Transversal(_) => None,
        }
    }

    /// The first code one level down: pilier → its first orientation → its
    /// first priority.
    pub fn first_child(self) -> Option<Code> {
        match self {
            Code::Pilier(p) => Some(Code::Orientation(p, 1)),
            Code::Orientation(p, o) => Some(Code::Priority(p, o, 1)),
            Code::Priority(..) | Code::Transversal(_) => None,
        }
    }

    /// The last number of the code: its rank among its siblings.
    pub fn rank(self) -> u16 {
        match self {
            Code::Pilier(n) | Code::Transversal(n) => n,
            Code::Orientation(_, n) | Code::Priority(_, _, n) => n,
        }
    }

    /// The same code with its last number replaced: the sibling at `rank`.
    pub fn sibling(self, rank: u16) -> Code {
        match self {
            Code::Pilier(_) => Code::Pilier(rank),
            Code::Transversal(_) => Code::Transversal(rank),
            Code::Orientation(p, _) => Code::Orientation(p, rank),
            Code::Priority(p, o, _) => Code::Priority(p, o, rank),
        }
    }

    /// Whether `self` is `other` or lies below it in the tree.
    pub fn is_within(self, other: Code) -> bool {
        let mut code = Some(self);
        while let Some(c) = code {
            if c == other {
                return true;
            }
            code = c.parent();
        }
        false
    }

    /// Contract order: the tree depth-first (pilier, its orientations, their
    /// priorities), then the transversal orientations.
    fn order_key(self) -> (u8, u16, u16, u16) {
        match self {
            Code::Pilier(p) => (0, p, 0, 0),
            Code::Orientation(p, o) => (0, p, o, 0),
            Code::Priority(p, o, n) => (0, p, o, n),
            Code::Transversal(n) => (1, n, 0, 0),
        }
    }
}

impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.order_key().cmp(&other.order_key())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Pilier(p) => write!(f, "Pilier {p}"),
            Code::Orientation(p, o) => write!(f, "OS {p}.{o}"),
            Code::Priority(p, o, n) => write!(f, "P {p}.{o}.{n}"),
            Code::Transversal(n) => write!(f, "OT {n}"),
        }
    }
}

impl FromStr for Code {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Code::parse(s)
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn canonical_forms() {
        assert_eq!(Code::parse("P 1.2.3"), Ok(Code::Priority(1, 2, 3)));
        assert_eq!(Code::parse("OS 1.2"), Ok(Code::Orientation(1, 2)));
        assert_eq!(Code::parse("OT 3"), Ok(Code::Transversal(3)));
        assert_eq!(Code::parse("Pilier 2"), Ok(Code::Pilier(2)));
        for text in ["P 1.2.3", "OS 1.2", "OT 3", "Pilier 2", "P 10.20.300"] {
            assert!(Code::is_canonical(text), "{text}");
        }
    }

    #[test]
    fn loose_forms() {
        for text in [
            "1.2.3",
            "p1.2.3",
            "P1.2.3",
            "p 1.2.3",
            " P 1.2.3 ",
            "P  1.2.3",
            "P-1.2.3",
            "P 01.2.3",
        ] {
            assert_eq!(Code::parse(text), Ok(Code::Priority(1, 2, 3)), "{text}");
            assert!(!Code::is_canonical(text), "{text}");
        }
        assert_eq!(Code::parse("1.2"), Ok(Code::Orientation(1, 2)));
        assert_eq!(Code::parse("os1.2"), Ok(Code::Orientation(1, 2)));
        assert_eq!(Code::parse("ot3"), Ok(Code::Transversal(3)));
        assert_eq!(Code::parse("1"), Ok(Code::Pilier(1)));
        assert_eq!(Code::parse("pilier 1"), Ok(Code::Pilier(1)));
    }

    #[test]
    fn malformed() {
        assert_eq!(Code::parse(""), Err(CodeError::Empty));
        assert!(matches!(
            Code::parse("P 1.2"),
            Err(CodeError::WrongArity {
                expected: 3,
                found: 2,
                ..
            })
        ));
        assert!(matches!(
            Code::parse("OS 1.2.3"),
            Err(CodeError::WrongArity {
                expected: 2,
                found: 3,
                ..
            })
        ));
        assert!(matches!(
            Code::parse("OT 1.2"),
            Err(CodeError::WrongArity { .. })
        ));
        for text in [
            "X 1.2",
            "P",
            "P 1..2",
            "P 1.2.3.4",
            "P 1.a.3",
            "P 1.2.",
            "P 1.2.3x",
            "QP082001",
        ] {
            assert!(Code::parse(text).is_err(), "{text}");
        }
        assert_eq!(
            Code::parse("P 0.1.1"),
            Err(CodeError::OutOfRange("P 0.1.1".into()))
        );
        assert_eq!(
            Code::parse("P 1.1.70000"),
            Err(CodeError::OutOfRange("P 1.1.70000".into()))
        );
    }

    #[test]
    fn tree_relations() {
        let p = Code::Priority(1, 2, 3);
        assert_eq!(p.parent(), Some(Code::Orientation(1, 2)));
        assert_eq!(p.parent().and_then(Code::parent), Some(Code::Pilier(1)));
        assert_eq!(p.pilier(), Some(1));
        assert!(p.is_within(Code::Orientation(1, 2)));
        assert!(p.is_within(Code::Pilier(1)));
        assert!(!p.is_within(Code::Orientation(1, 3)));
        assert_eq!(Code::Transversal(2).pilier(), None);
    }

    #[test]
    fn contract_order() {
        let mut codes = [
            Code::Transversal(1),
            Code::Priority(1, 2, 1),
            Code::Pilier(2),
            Code::Orientation(1, 10),
            Code::Priority(1, 1, 2),
            Code::Orientation(1, 2),
            Code::Pilier(1),
        ];
        codes.sort();
        let shown: Vec<String> = codes.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "Pilier 1", "P 1.1.2", "OS 1.2", "P 1.2.1", "OS 1.10", "Pilier 2", "OT 1"
            ]
        );
    }

    fn any_code() -> impl Strategy<Value = Code> {
        prop_oneof![
            (1u16..).prop_map(Code::Pilier),
            (1u16.., 1u16..).prop_map(|(a, b)| Code::Orientation(a, b)),
            (1u16.., 1u16.., 1u16..).prop_map(|(a, b, c)| Code::Priority(a, b, c)),
            (1u16..).prop_map(Code::Transversal),
        ]
    }

    proptest! {
        #[test]
        fn display_round_trips(code in any_code()) {
            let text = code.to_string();
            prop_assert_eq!(Code::parse(&text), Ok(code));
            prop_assert!(Code::is_canonical(&text));
        }

        #[test]
        fn loose_spellings_parse_to_the_same_code(code in any_code(), lower in any::<bool>(), space in "[ ]{0,2}") {
            let text = code.to_string();
            let (prefix, numbers) = text.split_at(text.find(|c: char| c.is_ascii_digit()).unwrap());
            let prefix = if lower { prefix.trim().to_lowercase() } else { prefix.trim().to_owned() };
            let loose = format!("{prefix}{space}{numbers}");
            prop_assert_eq!(Code::parse(&loose), Ok(code));
        }

        #[test]
        fn never_panics(text in "\\PC{0,20}") {
            let _ = Code::parse(&text);
        }

        #[test]
        fn order_is_total_and_consistent(a in any_code(), b in any_code()) {
            prop_assert_eq!(a.cmp(&b) == std::cmp::Ordering::Equal, a == b);
            prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
        }
    }
}
