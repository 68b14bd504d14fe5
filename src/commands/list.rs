//! `contrat list`: the tree of piliers, orientations and priorities.

use anyhow::Result;
use serde::Serialize;

use crate::cli::{ListArgs, TableFormat};
use crate::commands::{Context, Outcome, print};
use crate::model::{Code, Contract};
use crate::render::{self, table::Grid};

pub fn run(ctx: &Context, args: &ListArgs) -> Result<Outcome> {
    let loaded = match ctx.load_clean()? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
    let contract = &loaded.contract;
    let text = match args.format {
        TableFormat::Json => render::json(&tree(contract)),
        TableFormat::Table => render::table::text(&grid(contract, false), ctx.table_style()),
        TableFormat::Csv => render::table::csv(&grid(contract, true)),
        TableFormat::Md => render::table::markdown(&grid(contract, false)),
    };
    print(&text)?;
    Ok(Outcome::Success)
}

/// Every code of the tree in contract order, then the transversal orientations.
/// The tidy form (for CSV) adds each row's level and parent.
fn grid(contract: &Contract, tidy: bool) -> Grid {
    let mut grid = if tidy {
        Grid::new(["level", "code", "parent", "title"])
    } else {
        Grid::new(["code", "title"])
    };
    let mut push = |level: &str, code: Code, title: &str| {
        if tidy {
            let parent = code.parent().map(|p| p.to_string()).unwrap_or_default();
            grid.push([level.to_owned(), code.to_string(), parent, title.to_owned()]);
        } else {
            grid.push([contract.meta.labels.code(code), title.to_owned()]);
        }
    };
    for pilier in &contract.piliers {
        push("pilier", pilier.code(), &pilier.title);
        for orientation in contract.orientations_of(*pilier.number) {
            push("orientation", *orientation.code, &orientation.title);
            for priority in contract.priorities_within(*orientation.code) {
                push("priority", *priority.code, &priority.title);
            }
        }
    }
    for transversal in &contract.transversals {
        push("transversal", *transversal.code, &transversal.title);
    }
    grid
}

#[derive(Serialize)]
struct Tree<'a> {
    version: u32,
    piliers: Vec<PilierNode<'a>>,
    transversals: Vec<Node<'a>>,
}

#[derive(Serialize)]
struct PilierNode<'a> {
    pilier: u16,
    title: &'a str,
    orientations: Vec<OrientationNode<'a>>,
}

#[derive(Serialize)]
struct OrientationNode<'a> {
    code: Code,
    title: &'a str,
    priorities: Vec<Node<'a>>,
}

#[derive(Serialize)]
struct Node<'a> {
    code: Code,
    title: &'a str,
}

fn tree(contract: &Contract) -> Tree<'_> {
    Tree {
        version: 1,
        piliers: contract
            .piliers
            .iter()
            .map(|p| PilierNode {
                pilier: *p.number,
                title: &p.title,
                orientations: contract
                    .orientations_of(*p.number)
                    .map(|o| OrientationNode {
                        code: *o.code,
                        title: &o.title,
                        priorities: contract
                            .priorities_within(*o.code)
                            .map(|p| Node {
                                code: *p.code,
                                title: &p.title,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        transversals: contract
            .transversals
            .iter()
            .map(|t| Node {
                code: *t.code,
                title: &t.title,
            })
            .collect(),
    }
}
