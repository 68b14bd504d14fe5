//! `contrat man`: man pages made from the command line's own definitions, so
//! they cannot drift from `--help`.

use anyhow::{Result, bail};
use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::commands::{Outcome, print};
use crate::write;

/// Every page: the tool's, then one per subcommand, as (file name, roff).
pub fn pages() -> Result<Vec<(String, Vec<u8>)>> {
    let root = Cli::command();
    let mut pages = vec![("contrat.1".to_owned(), render(root.clone())?)];
    for sub in root.get_subcommands() {
        let name = format!("contrat-{}", sub.get_name());
        // The page of a subcommand is titled with its full name.
        let cmd = sub
            .clone()
            .name(name.clone())
            .bin_name(format!("contrat {}", sub.get_name()));
        pages.push((format!("{name}.1"), render(cmd)?));
    }
    Ok(pages)
}

fn render(cmd: clap::Command) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    Ok(out)
}

pub fn run(args: &ManArgs) -> Result<Outcome> {
    let pages = pages()?;
    if let Some(folder) = &args.out {
        std::fs::create_dir_all(folder)?;
        for (name, roff) in &pages {
            write::output(&folder.join(name), roff)?;
        }
        return Ok(Outcome::Success);
    }
    let wanted = match &args.command {
        None => "contrat.1".to_owned(),
        Some(command) => format!("contrat-{command}.1"),
    };
    match pages.iter().find(|(name, _)| *name == wanted) {
        Some((_, roff)) => print(&String::from_utf8_lossy(roff))?,
        None => {
            let names: Vec<&str> = pages
                .iter()
                .filter_map(|(n, _)| n.strip_prefix("contrat-")?.strip_suffix(".1"))
                .collect();
            bail!(
                "no subcommand `{}`; the pages are: {}",
                args.command.as_deref().unwrap_or_default(),
                names.join(", ")
            );
        }
    }
    Ok(Outcome::Success)
}
