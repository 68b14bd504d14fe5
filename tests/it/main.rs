//! The integration tests, as one binary: one build, one link, one run.
//! `support` holds what they share.

mod support;

mod analysis;
mod cli;
mod contract;
mod council;
mod decree;
mod diff;
mod escaping;
mod example;
mod export;
mod fmt;
mod formats;
mod fuzz_regressions;
mod hardening;
mod hook;
mod import;
mod indicators;
mod midterm;
mod newcomer;
mod readme;
mod realdata;
mod report;
mod robustness;
mod rules_covered;
mod schema;
mod shell;
mod trees;
mod width;
mod words;
mod writes;
