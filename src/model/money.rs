//! Amounts of money, held as integer cents: no float ever touches money.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

use serde::{Serialize, Serializer};

/// The largest amount a file may state: one thousand billion euros, far above any
/// programme, so that sums over millions of actions stay well inside `i64`.
pub const MAX_EUROS: i64 = 1_000_000_000_000;

/// An amount in euro cents. Sums saturate rather than overflow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// Why a text is not an amount.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("amounts cannot be negative")]
    Negative,
    #[error("amounts have at most two decimal places (cents)")]
    TooPrecise,
    #[error("amount is too large (over 1 000 000 000 000 €)")]
    TooLarge,
    #[error("not a number")]
    NotANumber,
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_cents(cents: i64) -> Money {
        Money(cents)
    }

    pub const fn from_euros(euros: i64) -> Money {
        Money(euros * 100)
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    /// Parses a plain decimal amount of euros: `8000`, `8000.5`, `8_000.50`, `+12`.
    /// No exponent, no sign but `+`, at most two decimals.
    pub fn parse_decimal(text: &str) -> Result<Money, MoneyError> {
        let text = text.trim();
        let digits = text.strip_prefix('+').unwrap_or(text);
        if let Some(rest) = digits.strip_prefix('-') {
            // `-0` is zero; any other negative number is refused as negative, not as junk.
            return match Money::parse_decimal(rest) {
                Ok(Money::ZERO) => Ok(Money::ZERO),
                Ok(_) | Err(MoneyError::TooPrecise | MoneyError::TooLarge) => {
                    Err(MoneyError::Negative)
                }
                Err(e) => Err(e),
            };
        }
        let (whole, fraction) = match digits.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (digits, None),
        };
        let clean = |part: &str| -> Option<String> {
            let s: String = part.chars().filter(|&c| c != '_').collect();
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
        };
        let whole = clean(whole).ok_or(MoneyError::NotANumber)?;
        let cents_part = match fraction {
            None => 0,
            Some(f) => {
                let f = clean(f).ok_or(MoneyError::NotANumber)?;
                let significant = f.trim_end_matches('0');
                if significant.len() > 2 {
                    return Err(MoneyError::TooPrecise);
                }
                let padded = format!("{significant:0<2}");
                padded.parse::<i64>().map_err(|_| MoneyError::NotANumber)?
            }
        };
        let whole = whole.trim_start_matches('0');
        if whole.len() > 13 {
            return Err(MoneyError::TooLarge);
        }
        let euros: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| MoneyError::TooLarge)?
        };
        if euros > MAX_EUROS || (euros == MAX_EUROS && cents_part > 0) {
            return Err(MoneyError::TooLarge);
        }
        Ok(Money(euros * 100 + cents_part))
    }

    /// Parses what people write in spreadsheets and messages: `8 000 €`, `8000,50`,
    /// `8 000.50 EUR`. Used for suggestions, never to accept a file value.
    pub fn parse_loose(text: &str) -> Option<Money> {
        let mut s: String = text
            .trim()
            .trim_end_matches("EUR")
            .trim_end_matches("euros")
            .trim_end_matches('€')
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
            .collect();
        if s.contains(',') && !s.contains('.') {
            s = s.replace(',', ".");
        } else {
            s = s.replace(',', "");
        }
        Money::parse_decimal(&s).ok()
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn saturating_sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0))
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, other: Money) {
        *self = *self + other;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0))
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

/// The plain, canonical form used in files and messages: `8000`, `8000.5` is
/// written `8000.50`. Per-language formatting (`8 000 €`) belongs to rendering.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (euros, cents) = (abs / 100, abs % 100);
        if cents == 0 {
            write!(f, "{sign}{euros}")
        } else {
            write!(f, "{sign}{euros}.{cents:02}")
        }
    }
}

/// JSON carries euros as a number. The value is read back from the exact decimal
/// text, and 15 significant digits always survive an `f64` round trip, so the
/// number printed is the decimal the file holds.
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            serializer.serialize_i64(self.0 / 100)
        } else {
            let euros: f64 = self
                .to_string()
                .parse()
                .map_err(serde::ser::Error::custom)?;
            serializer.serialize_f64(euros)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Each text with what `parse_decimal` makes of it.
    #[test]
    fn reads_decimal_amounts() {
        let cents = |c| Ok(Money::from_cents(c));
        for (text, expected) in [
            ("8000", cents(800_000)),
            ("8_000.5", cents(800_050)),
            ("0.05", cents(5)),
            ("12.340", cents(1234)),
            ("+3", cents(300)),
            ("-0", Ok(Money::ZERO)),
            ("1000000000000", Ok(Money::from_euros(MAX_EUROS))),
            ("-5", Err(MoneyError::Negative)),
            ("1.234", Err(MoneyError::TooPrecise)),
            ("1e3", Err(MoneyError::NotANumber)),
            ("inf", Err(MoneyError::NotANumber)),
            ("nan", Err(MoneyError::NotANumber)),
            ("", Err(MoneyError::NotANumber)),
            ("99999999999999999999999", Err(MoneyError::TooLarge)),
            ("1000000000000.01", Err(MoneyError::TooLarge)),
        ] {
            assert_eq!(Money::parse_decimal(text), expected, "{text:?}");
        }
    }

    #[test]
    fn loose_amounts_for_suggestions() {
        for (text, expected) in [
            ("8 000 €", Some(Money::from_euros(8000))),
            ("8 000,50 €", Some(Money::from_cents(800_050))),
            ("8,000.50 EUR", Some(Money::from_cents(800_050))),
            ("beaucoup", None),
        ] {
            assert_eq!(Money::parse_loose(text), expected, "{text:?}");
        }
    }

    #[test]
    fn displays_canonically() {
        assert_eq!(Money::from_cents(800_000).to_string(), "8000");
        assert_eq!(Money::from_cents(800_050).to_string(), "8000.50");
        assert_eq!(Money::from_cents(5).to_string(), "0.05");
        assert_eq!(
            serde_json::to_string(&Money::from_cents(800_050)).unwrap(),
            "8000.5"
        );
        assert_eq!(
            serde_json::to_string(&Money::from_cents(99_999_999_999_999)).unwrap(),
            "999999999999.99"
        );
        assert_eq!(
            serde_json::to_string(&Money::from_cents(800_000)).unwrap(),
            "8000"
        );
    }

    #[test]
    fn sums_saturate() {
        let big = Money::from_cents(i64::MAX - 1);
        assert_eq!(big + big, Money::from_cents(i64::MAX));
    }

    proptest! {
        #[test]
        fn display_round_trips(cents in 0i64..=MAX_EUROS * 100) {
            let money = Money::from_cents(cents);
            prop_assert_eq!(Money::parse_decimal(&money.to_string()), Ok(money));
        }

        #[test]
        fn never_panics(text in "\\PC{0,30}") {
            let _ = Money::parse_decimal(&text);
            let _ = Money::parse_loose(&text);
        }
    }
}
