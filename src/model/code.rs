//! The one type for every code of a contract: `Pilier 1`, `OS 1.2`, `P 1.2.3`,
//! `OT 3` in a 2015–2023 contract; `Axe 2`, `#5`, `Objectif 5.1`, `emploi` in
//! one that declares its own tree.
//!
//! A code is its canonical text and the level it belongs to. Which texts are
//! codes, and of which level, is the contract's [`Tree`](super::Tree) to say:
//! it reads and writes them. A code is small and `Copy`, its text kept inline,
//! so that lists of codes cost no allocation and every code can be shown
//! without the contract at hand.

use std::fmt;

use serde::{Serialize, Serializer};

/// The longest code, in bytes: the longest prefix a code form may have, four
/// numbers of five digits and their dots, with room to spare.
pub const MAX_CODE_LEN: usize = 54;

/// Where a code belongs: a level of the contract's tree (0 is the top) or the
/// transversal family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CodeKind {
    Level(u8),
    Transversal,
}

impl CodeKind {
    /// The depth of a level of the tree; `None` for the transversal family.
    pub fn depth(self) -> Option<usize> {
        match self {
            CodeKind::Level(d) => Some(usize::from(d)),
            CodeKind::Transversal => None,
        }
    }
}

/// A code of the contract, as its canonical text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    kind: CodeKind,
    len: u8,
    bytes: [u8; MAX_CODE_LEN],
}

/// Why a text is not a code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("empty code")]
    Empty,
    #[error("`{0}` is not a code")]
    NotACode(String),
    #[error("`{text}` has {found} number(s), {kind} code has {expected}")]
    WrongArity {
        text: String,
        /// The level's name with its article: "a priority", "an Objectif".
        kind: String,
        found: usize,
        expected: usize,
    },
    #[error("`{0}` has a number out of range: numbers run from 1 to 65535")]
    OutOfRange(String),
    #[error("`{0}` is too long for a code ({MAX_CODE_LEN} bytes at most)")]
    TooLong(String),
}

impl Code {
    /// A code of `kind` written `text`. The text must be short enough:
    /// [`Tree`](super::Tree) checks it before making a code.
    pub(crate) fn new(kind: CodeKind, text: &str) -> Result<Code, CodeError> {
        let len = text.len();
        if len > MAX_CODE_LEN {
            return Err(CodeError::TooLong(text.to_owned()));
        }
        let mut bytes = [0; MAX_CODE_LEN];
        bytes[..len].copy_from_slice(text.as_bytes());
        Ok(Code {
            kind,
            len: len as u8,
            bytes,
        })
    }

    pub fn kind(&self) -> CodeKind {
        self.kind
    }

    pub fn as_str(&self) -> &str {
        // Made from a `&str` cut nowhere: always UTF-8.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }

    /// The order people expect among codes of one level: numbers compared as
    /// numbers (`OS 1.2` before `OS 1.10`), the rest as text.
    fn natural_key(&self) -> Vec<Result<u32, char>> {
        let mut key = Vec::with_capacity(self.as_str().len());
        let mut number: Option<u32> = None;
        for c in self.as_str().chars() {
            match c.to_digit(10) {
                Some(d) => number = Some(number.unwrap_or(0).saturating_mul(10).saturating_add(d)),
                None => {
                    if let Some(n) = number.take() {
                        key.push(Ok(n));
                    }
                    key.push(Err(c));
                }
            }
        }
        if let Some(n) = number {
            key.push(Ok(n));
        }
        key
    }
}

/// Levels first, top down, then the transversal family; within one, the
/// natural order of the text. The contract's own order (which may place
/// unnumbered entries as the files do) is [`Contract`](super::Contract)'s.
impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.kind
            .cmp(&other.kind)
            .then_with(|| self.natural_key().cmp(&other.natural_key()))
            .then_with(|| self.as_str().cmp(other.as_str()))
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}({:?})", self.kind, self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_its_text_and_its_level() {
        let a = Code::new(CodeKind::Level(2), "P 1.2.3").unwrap();
        assert_eq!(a.to_string(), "P 1.2.3");
        assert_eq!(a.kind(), CodeKind::Level(2));
        assert_ne!(a, Code::new(CodeKind::Transversal, "P 1.2.3").unwrap());
        assert!(Code::new(CodeKind::Level(0), &"x".repeat(MAX_CODE_LEN + 1)).is_err());
        let long = "é".repeat(MAX_CODE_LEN / 2);
        assert_eq!(Code::new(CodeKind::Level(0), &long).unwrap().as_str(), long);
    }

    #[test]
    fn numbers_sort_as_numbers() {
        let code = |t| Code::new(CodeKind::Level(1), t).unwrap();
        let mut codes = [code("OS 1.10"), code("OS 2.1"), code("OS 1.2")];
        codes.sort();
        let shown: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
        assert_eq!(shown, ["OS 1.2", "OS 1.10", "OS 2.1"]);
        let top = Code::new(CodeKind::Level(0), "Pilier 9").unwrap();
        let ot = Code::new(CodeKind::Transversal, "OT 1").unwrap();
        assert!(top < code("OS 1.1") && code("OS 9.9") < ot);
    }
}
