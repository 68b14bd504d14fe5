//! Questions asked of a contract: pure functions of the model, which never
//! print. Filters select actions; coverage and gaps measure them; the yearly
//! report gathers their results for one year and the year before; the
//! mid-term evaluation sets the years of a period side by side.

pub mod coverage;
pub mod decree;
pub mod diff;
pub mod filter;
pub mod gaps;
pub mod known;
pub mod midterm;
pub mod posts;
pub mod report;

pub use coverage::{
    Coverage, Dimension, FunderSplit, Measures, Row, coverage, funding_by_funder, listed, select,
};
pub use decree::{Decree, decree};
pub use diff::{
    ActionChange, ActionRef, Changes, Diff, EntryChange, Field, FieldChange, FieldValue,
    FigureChange, IndicatorChange, PorteurChange, PorteurRef, PostChange, PostRef, QuartierRef,
    Review, TreeChange, diff,
};
pub use filter::{COUNTED, EVERY_STATUS, Filter, FilterError, FilterSpec, Years};
pub use gaps::{Accepted, Detail, Gap, GapKind, Gaps, gaps};
pub use known::Known;
pub use report::{Report, report};
