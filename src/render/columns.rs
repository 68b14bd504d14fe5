//! The columns several tables share, each described once: its key, its
//! label from the catalogue and its kind.

use crate::output::{Column, Kind, Word, Words};

/// A shared column. Keys are what CSV headings and JSON already say, so
/// one concept may keep two (`action` in the mid-term, `id` in listings).
#[derive(Clone, Copy, Debug)]
pub enum Common {
    Action,
    ActionId,
    Actions,
    ActionsInQuartiers,
    Code,
    Cost,
    Detail,
    DsuReceived,
    Funder,
    Funding,
    FundingOfThose,
    GapKind,
    Indicator,
    Measure,
    Name,
    Porteur,
    PostsAmount,
    Quartier,
    Result,
    Status,
    Title,
    Trend,
    Year,
}

impl Common {
    /// Shared columns, in the order given, in the reader's words.
    pub fn columns<const N: usize>(w: &Words, columns: [Common; N]) -> Vec<Column> {
        columns.iter().map(|c| c.column(w)).collect()
    }

    /// The column in the reader's words.
    pub fn column(self, w: &Words) -> Column {
        let (key, label, kind) = match self {
            Common::Action => ("action", Word::Action, Kind::Code),
            Common::ActionId => ("id", Word::Action, Kind::Code),
            Common::Actions => ("actions", Word::Actions, Kind::Count),
            Common::ActionsInQuartiers => ("actions", Word::ActionsInItsQuartiers, Kind::Count),
            Common::Code => ("code", Word::Code, Kind::Code),
            Common::Cost => ("cost", Word::Cost, Kind::Money),
            Common::Detail => ("detail", Word::Detail, Kind::Text),
            Common::DsuReceived => ("dsu", Word::DsuReceived, Kind::Money),
            Common::Funder => ("funder", Word::Funder, Kind::Text),
            Common::Funding => ("funding", Word::Funding, Kind::Money),
            Common::FundingOfThose => ("funding", Word::FundingOfThose, Kind::Money),
            Common::GapKind => ("kind", Word::Gap, Kind::Text),
            Common::Indicator => ("indicator", Word::Indicator, Kind::Text),
            Common::Measure => ("measure", Word::Measure, Kind::Text),
            Common::Name => ("name", Word::Title, Kind::Text),
            Common::Porteur => ("porteur", Word::Porteur, Kind::Text),
            Common::PostsAmount => ("amount", Word::PostsAmount, Kind::Money),
            Common::Quartier => ("quartier", Word::Quartier, Kind::Code),
            Common::Result => ("result", Word::Result, Kind::Text),
            Common::Status => ("status", Word::Status, Kind::Code),
            Common::Title => ("title", Word::Title, Kind::Text),
            Common::Trend => ("trend", Word::Change, Kind::Text),
            Common::Year => ("year", Word::Year, Kind::Year),
        };
        Column::new(key, w.s(label), kind)
    }
}
