//! Numbers and money as each language writes them: the one place that
//! formats an amount for a reader.

use crate::model::{Language, Money};

/// What every medium for people shows for a figure that is not known.
pub const UNKNOWN: &str = "—";

/// Groups the digits of a whole number by thousands with `separator`.
fn group(digits: &str, separator: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// No-break space: a thousands group or the euro sign never wraps to a new line.
const NBSP: &str = "\u{a0}";

/// `12 500 €` and `3 000,50 €` in French; `€12,500` and `€3,000.50` in English.
/// Cents are shown only when there are some.
pub fn money(amount: Money, lang: Language) -> String {
    let cents = amount.cents();
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let (euros, rest) = (abs / 100, abs % 100);
    match lang {
        Language::Fr => {
            let whole = group(&euros.to_string(), NBSP);
            if rest == 0 {
                format!("{sign}{whole}{NBSP}€")
            } else {
                format!("{sign}{whole},{rest:02}{NBSP}€")
            }
        }
        Language::En => {
            let whole = group(&euros.to_string(), ",");
            if rest == 0 {
                format!("{sign}€{whole}")
            } else {
                format!("{sign}€{whole}.{rest:02}")
            }
        }
    }
}

/// A count: `1 234` in French, `1,234` in English.
pub fn count(n: u64, lang: Language) -> String {
    match lang {
        Language::Fr => group(&n.to_string(), NBSP),
        Language::En => group(&n.to_string(), ","),
    }
}

/// Money for machines (CSV): euros with two decimals, no grouping: `12500.00`.
pub fn plain_money(amount: Money) -> String {
    let cents = amount.cents();
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// A decimal number as a language writes it, without needless decimals:
/// `12.5` / `12,5`, `40`.
pub fn decimal(n: f64, lang: Language) -> String {
    let text = if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    };
    match lang {
        Language::Fr => text.replace('.', ","),
        Language::En => text,
    }
}

/// A share as a percentage with one decimal: `12.5 %` / `12,5 %`.
pub fn percent(numerator: u64, denominator: u64, lang: Language) -> String {
    if denominator == 0 {
        return UNKNOWN.to_owned();
    }
    // Tenths of a percent, rounded half up, in integers.
    percent_tenths(
        Some((numerator * 2000 + denominator) / (denominator * 2)),
        lang,
    )
}

/// A share already in tenths of a percent: `78,8 %` / `78.8%`; `—` for none.
pub fn percent_tenths(tenths: Option<u64>, lang: Language) -> String {
    let Some(tenths) = tenths else {
        return UNKNOWN.to_owned();
    };
    let text = format!("{}.{}", tenths / 10, tenths % 10);
    match lang {
        Language::Fr => format!("{}{NBSP}%", text.replace('.', ",")),
        Language::En => format!("{text}%"),
    }
}

/// A signed change in tenths of a percent, its sign always written:
/// `+3,3 %`, `-0,2 %`, `0,0 %`; `—` for none.
pub fn change_tenths(tenths: Option<i64>, lang: Language) -> String {
    let Some(tenths) = tenths else {
        return UNKNOWN.to_owned();
    };
    let sign = match tenths.signum() {
        1 => "+",
        -1 => "-",
        _ => "",
    };
    let abs = tenths.unsigned_abs();
    format!("{sign}{}", percent_tenths(Some(abs), lang))
}

/// A ratio in hundredths: `3,83` / `3.83`; `—` for none.
pub fn hundredths(value: Option<u64>, lang: Language) -> String {
    let Some(value) = value else {
        return UNKNOWN.to_owned();
    };
    let whole = count(value / 100, lang);
    match lang {
        Language::Fr => format!("{whole},{:02}", value % 100),
        Language::En => format!("{whole}.{:02}", value % 100),
    }
}

/// The colon of a label: `Territoire : Montauban`, `Territory: Montauban`.
pub fn colon(lang: Language) -> &'static str {
    match lang {
        Language::Fr => "\u{a0}: ",
        Language::En => ": ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_in_both_languages() {
        let m = Money::from_cents(123_456_700);
        assert_eq!(money(m, Language::Fr), "1\u{a0}234\u{a0}567\u{a0}€");
        assert_eq!(money(m, Language::En), "€1,234,567");
        let c = Money::from_cents(300_050);
        assert_eq!(money(c, Language::Fr), "3\u{a0}000,50\u{a0}€");
        assert_eq!(money(c, Language::En), "€3,000.50");
        assert_eq!(money(Money::ZERO, Language::En), "€0");
        assert_eq!(
            money(Money::from_cents(99_999), Language::Fr),
            "999,99\u{a0}€"
        );
    }

    #[test]
    fn plain_and_counts() {
        assert_eq!(plain_money(Money::from_cents(1_250_000)), "12500.00");
        assert_eq!(plain_money(Money::from_cents(5)), "0.05");
        assert_eq!(count(1234567, Language::En), "1,234,567");
        assert_eq!(count(999, Language::Fr), "999");
        assert_eq!(count(1000, Language::Fr), "1\u{a0}000");
    }

    #[test]
    fn decimals_and_percents() {
        assert_eq!(decimal(40.0, Language::Fr), "40");
        assert_eq!(decimal(12.5, Language::Fr), "12,5");
        assert_eq!(decimal(12.5, Language::En), "12.5");
        assert_eq!(percent(1, 3, Language::En), "33.3%");
        assert_eq!(percent(2, 3, Language::Fr), "66,7\u{a0}%");
        assert_eq!(percent(1, 8, Language::En), "12.5%");
        assert_eq!(percent(0, 0, Language::En), "—");
        assert_eq!(percent_tenths(Some(788), Language::Fr), "78,8\u{a0}%");
        assert_eq!(percent_tenths(Some(1000), Language::En), "100.0%");
        assert_eq!(percent_tenths(None, Language::En), "—");
    }

    #[test]
    fn ratios() {
        assert_eq!(hundredths(Some(383), Language::Fr), "3,83");
        assert_eq!(hundredths(Some(383), Language::En), "3.83");
        assert_eq!(hundredths(Some(5), Language::En), "0.05");
        assert_eq!(hundredths(Some(123_456), Language::En), "1,234.56");
        assert_eq!(hundredths(None, Language::Fr), "—");
    }
}
