//! `contrat posts`: the posts the State funds (FONJEP, adultes-relais).

use anyhow::Result;

use crate::analysis::posts;
use crate::cli::{FilterArgs, PostsArgs};
use crate::commands::{Context, Outcome, Output, TABLES, filter};
use crate::model::PostKind;
use crate::render;

pub fn run(ctx: &Context, args: &PostsArgs) -> Result<Outcome> {
    let out = Output::new(&args.output, TABLES);
    let (loaded, words) = ctx.open(&out)?;
    let contract = &loaded.contract;
    let filters = FilterArgs {
        year: args.year.clone(),
        quartier: args.quartier.clone(),
        porteur: args.porteur.clone(),
        ..FilterArgs::default()
    };
    let filter = filter(&filters, contract)?;
    let kinds: Vec<PostKind> = args
        .kind
        .iter()
        .map(|k| match k {
            crate::cli::PostKindArg::Fonjep => PostKind::Fonjep,
            crate::cli::PostKindArg::AdulteRelais => PostKind::AdultesRelais,
        })
        .collect();
    let posts = posts::posts(contract, &filter, &kinds);
    ctx.emit(&render::posts::doc(contract, &posts, &words), &out, &words)?;
    Ok(Outcome::Success)
}
