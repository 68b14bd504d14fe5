//! Rules on the posts of `contrat.toml`: one entry per post and year, in the
//! contract's period, in a quartier it has.

use crate::check::actions::unknown_quartier;
use crate::check::{given_twice, repeats};
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::Contract;

pub fn posts(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let posts = &contract.posts;
    for (post, earlier) in repeats(posts, |p| (p.number.as_str(), *p.year), |p| p.number.span) {
        out.push(given_twice(
            Rule::DuplicateEntry,
            (post.number.span, earlier),
            "listed",
            format!(
                "post {} is listed twice for {}",
                post.number.value, post.year.value
            ),
            "keep one entry per post and year: remove one of them",
        ));
    }
    for post in &contract.posts {
        if let Some(period) = &contract.meta.period
            && !period.contains(*post.year)
        {
            out.push(
                Diagnostic::at(
                    Rule::YearOutsidePeriod,
                    post.year.span,
                    format!(
                        "year {} is outside the contract's period, {} to {}",
                        post.year.value, period.from, period.to
                    ),
                )
                .label("outside the period")
                .related(period.span, "the period")
                .help("correct the year, or extend `period` if the contract was prolonged"),
            );
        }
        if let Some(quartier) = &post.quartier {
            unknown_quartier(contract, quartier, out);
        }
    }
}
