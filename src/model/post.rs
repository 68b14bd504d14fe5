//! Posts the State funds in a contract, year by year: FONJEP posts and
//! adultes-relais. A post is no action: it has no priority, and its amount
//! is counted apart from the actions' funding, never with it.

use serde::Serialize;

use crate::model::{Located, Money};

crate::named::named! {
    /// The two kinds of post of the ANCT's open data.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum PostKind {
        /// A FONJEP post (Fonds de coopération de la jeunesse et de
        /// l'éducation populaire).
        Fonjep = "fonjep",
        /// An adulte-relais (a mediation job in the quartiers).
        AdultesRelais = "adulte-relais",
    }
}

/// One post in one year.
#[derive(Debug, Serialize)]
pub struct Post {
    /// The post's number: `D01935` (FONJEP), `08212R000102` (adultes-relais).
    pub number: Located<String>,
    pub kind: PostKind,
    /// Its employer, by a porteur's id or any spelling.
    pub porteur: Located<String>,
    pub year: Located<u16>,
    /// The State's amount for the year; unknown when left out.
    pub amount: Option<Located<Money>>,
    /// The quartier where the post works, when known.
    pub quartier: Option<Located<String>>,
}
