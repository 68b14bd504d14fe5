//! `contrat completions SHELL`: the shell's completion script.

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::commands::{Outcome, print};

pub fn run(args: &CompletionsArgs) -> Result<Outcome> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "contrat", &mut script);
    print(&String::from_utf8_lossy(&script))?;
    Ok(Outcome::Success)
}
