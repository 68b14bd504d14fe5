//! Questions asked of a contract: pure functions of the model, which never
//! print. Filters select actions; coverage and gaps measure them.

pub mod coverage;
pub mod diff;
pub mod filter;
pub mod gaps;

pub use coverage::{Coverage, Dimension, Measures, Row, coverage, select};
pub use diff::{
    ActionChange, ActionRef, Diff, Field, FieldChange, FieldValue, Review, TreeChange, diff,
};
pub use filter::{COUNTED, Filter, FilterError, FilterSpec, Years};
pub use gaps::{Accepted, Detail, Gap, GapKind, Gaps, gaps};
