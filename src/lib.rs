//! `contrat`: a contrat de ville kept as plain TOML, checked, queried and reported on.
//!
//! The layers, each in its own module: [`model`] (the contract's types),
//! [`load`] (folder → model, with spans), [`check`] (rules pushing
//! [`diagnostic::Diagnostic`]s), [`render`] (bytes out) and [`commands`] (glue).

pub mod analysis;
pub mod check;
pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod edit;
pub mod fold;
pub mod git;
pub mod ids;
pub mod import;
pub mod input;
pub mod load;
pub mod model;
mod named;
pub mod output;
pub mod render;
pub mod schema;
pub mod source;
pub mod spec;
pub mod suggest;
pub mod synth;
#[cfg(test)]
mod testing;
pub mod themes;
pub mod write;
