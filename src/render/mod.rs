//! From analysis results to documents: each command's result laid out once,
//! in the reader's words, for the output pipeline ([`crate::output`]) to
//! write in any format. Renderers decide nothing about what counts.

pub mod actions;
pub mod coverage;
pub mod decree;
pub mod diagnostics;
pub mod diff;
pub mod export;
pub mod gaps;
pub mod import;
pub mod list;
pub mod midterm;
pub mod posts;
pub mod report;
pub mod show;
