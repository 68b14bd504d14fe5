//! Turning results into bytes: tables, CSV, Markdown, JSON, diagnostics.
//! Renderers decide nothing about what counts; they only lay out.

pub mod actions;
pub mod coverage;
pub mod diagnostics;
pub mod diff;
pub mod export;
pub mod format;
pub mod gaps;
pub mod labels;
pub mod report;
pub mod svg;
pub mod table;
pub mod xlsx;

use serde::Serialize;

/// A JSON document, pretty-printed, with a final newline. Every document the
/// tool prints carries `"version": 1` at its top level, put there by the caller's
/// type.
pub fn json<T: Serialize>(value: &T) -> String {
    let mut text =
        serde_json::to_string_pretty(value).expect("values of the model serialize to JSON");
    text.push('\n');
    text
}
