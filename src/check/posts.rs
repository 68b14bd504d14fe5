//! Rules on the posts of `contrat.toml`: one entry per post and year, in the
//! contract's period, in a quartier it has.

use std::collections::HashMap;

use crate::check::actions::unknown_quartier;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::Contract;
use crate::source::Span;

pub fn posts(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<(&str, u16), Span> = HashMap::new();
    for post in &contract.posts {
        let key = (post.number.as_str(), *post.year);
        match first.get(&key) {
            Some(&earlier) => out.push(
                Diagnostic::at(
                    Rule::DuplicateEntry,
                    post.number.span,
                    format!(
                        "post {} is listed twice for {}",
                        post.number.value, post.year.value
                    ),
                )
                .label("listed again here")
                .related(earlier, "first listed here")
                .help("keep one entry per post and year: remove one of them"),
            ),
            None => {
                first.insert(key, post.number.span);
            }
        }
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
