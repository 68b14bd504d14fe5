//! An unknown is not a zero: a sum over actions that each may or may not
//! state a figure (a cost, a count of beneficiaries) keeps how many did.

use serde::Serialize;

use crate::model::Money;

/// A figure that adds up without ever overflowing: counts saturate, as
/// [`Money`] does.
pub trait Figure: Copy + Default {
    fn plus(self, other: Self) -> Self;
}

impl Figure for u64 {
    fn plus(self, other: u64) -> u64 {
        self.saturating_add(other)
    }
}

impl Figure for Money {
    fn plus(self, other: Money) -> Money {
        self + other
    }
}

/// The sum of the figures known, and over how many of how many actions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Known<T> {
    /// The sum of the figures stated; what is not stated is not in it.
    pub sum: T,
    /// How many actions stated their figure.
    pub known: usize,
    /// How many actions the sum is about.
    pub of: usize,
}

impl<T: Figure> Known<T> {
    /// Counts one more action, with its figure if it states one.
    pub fn add(&mut self, value: Option<T>) {
        self.of += 1;
        if let Some(v) = value {
            self.sum = self.sum.plus(v);
            self.known += 1;
        }
    }

    /// Adds another sum of the same kind.
    pub fn merge(&mut self, other: Known<T>) {
        self.sum = self.sum.plus(other.sum);
        self.known += other.known;
        self.of += other.of;
    }

    /// The whole figure, when every action stated it (or there was none).
    pub fn whole(&self) -> Option<T> {
        (self.known == self.of).then_some(self.sum)
    }

    /// The sum of what was stated, or `None` when nothing was (whether or not
    /// there were actions): for figures that are never a true zero by default,
    /// as beneficiaries.
    pub fn stated(&self) -> Option<T> {
        (self.known > 0).then_some(self.sum)
    }

    /// Nothing stated at all, though there were actions.
    pub fn unknown(&self) -> bool {
        self.known == 0 && self.of > 0
    }
}

/// In JSON, the sum is `null` when no action stated the figure: never a 0
/// standing for "nobody said".
impl<T: Serialize + Figure> Serialize for Known<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.unknown() {
            serializer.serialize_none()
        } else {
            self.sum.serialize(serializer)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_say_how_much_they_know() {
        let mut cost: Known<u64> = Known::default();
        assert_eq!(cost.whole(), Some(0), "no action: a true zero");
        cost.add(Some(100));
        cost.add(None);
        cost.add(Some(50));
        assert_eq!((cost.sum, cost.known, cost.of), (150, 2, 3));
        assert_eq!(cost.whole(), None);
        assert!(!cost.unknown());
        let mut none: Known<u64> = Known::default();
        none.add(None);
        assert!(none.unknown());
        assert_eq!(serde_json::to_value(none).unwrap(), serde_json::Value::Null);
        assert_eq!(serde_json::to_value(cost).unwrap(), serde_json::json!(150));
    }
}
