//! `contrat man`: man pages made from the command line's own definitions, so
//! they cannot drift from `--help`.

use anyhow::{Result, bail};
use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::commands::{Outcome, print};
use crate::write;

/// Every page: the tool's, then one per subcommand at every depth
/// (`contrat-add.1`, `contrat-add-action.1`), as (file name, roff), so that
/// each page a SEE ALSO names is written.
pub fn pages() -> Result<Vec<(String, Vec<u8>)>> {
    let mut root = Cli::command();
    root.build();
    let mut pages = vec![("contrat.1".to_owned(), render(root.clone())?)];
    add_pages(&root, "contrat", &mut pages)?;
    Ok(pages)
}

fn add_pages(
    parent: &clap::Command,
    prefix: &str,
    pages: &mut Vec<(String, Vec<u8>)>,
) -> Result<()> {
    for sub in parent.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("{prefix}-{}", sub.get_name());
        // The page of a subcommand is titled with its full name.
        let cmd = sub
            .clone()
            .name(name.clone())
            .bin_name(name.replace('-', " "));
        pages.push((format!("{name}.1"), render(cmd)?));
        add_pages(sub, &name, pages)?;
    }
    Ok(())
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
    // `contrat man add action` names the page `contrat-add-action.1`.
    let words: Vec<&str> = args
        .command
        .iter()
        .flat_map(|c| c.split_whitespace())
        .collect();
    let wanted = if words.is_empty() {
        "contrat.1".to_owned()
    } else {
        format!("contrat-{}.1", words.join("-"))
    };
    match pages.iter().find(|(name, _)| *name == wanted) {
        Some((_, roff)) => print(&String::from_utf8_lossy(roff))?,
        None => {
            let names: Vec<String> = pages
                .iter()
                .filter_map(|(n, _)| n.strip_prefix("contrat-")?.strip_suffix(".1"))
                .map(|n| n.replace('-', " "))
                .collect();
            bail!(
                "no subcommand `{}`; the pages are: {}",
                words.join(" "),
                names.join(", ")
            );
        }
    }
    Ok(Outcome::Success)
}
