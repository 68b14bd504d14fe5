//! From analysis results to documents: each command's result laid out once,
//! in the reader's words, for the output pipeline ([`crate::output`]) to
//! write in any format. Renderers decide nothing about what counts.

pub mod actions;
pub mod columns;
pub mod coverage;
pub mod decree;
pub mod diagnostics;
pub mod diff;
pub mod export;
pub mod gaps;
pub mod import;
pub mod list;
pub mod midterm;
pub mod posts;
pub mod report;
pub mod show;

use crate::analysis::report::ContractFacts;
use crate::model::Money;
use crate::output::svg::Bar;
use crate::output::{Block, Front, Item, Section, Span, Word, Words};

/// One fact of a cover or a project, as a list item shows it: the label in
/// bold, then the value after the language's colon.
pub(crate) fn fact(w: &Words, label: Word, value: impl std::fmt::Display) -> Vec<Span> {
    vec![
        Span::Strong(w.s(label)),
        Span::Text(format!("{}{value}", w.colon())),
    ]
}

/// The end of a report's sections, the yearly one's and the mid-term's:
/// the officer's notes last, if any, then every heading numbered.
pub(crate) fn close_sections(sections: &mut Vec<Section>, notes: Option<&str>, w: &Words) {
    if let Some(notes) = notes {
        sections.push(Section {
            id: "notes",
            heading: w.s(Word::SectionNotes),
            blocks: vec![Block::Notes(notes.to_owned())],
        });
    }
    for (i, section) in sections.iter_mut().enumerate() {
        section.heading = format!("{}. {}", i + 1, section.heading);
    }
}

/// What a report, the yearly one or the mid-term evaluation, first says of
/// its contract: the territory, the contract's period, the facts of the
/// report's own (`more`), the source.
pub(crate) fn contract_facts(c: &ContractFacts, more: Vec<Vec<Span>>, w: &Words) -> Block {
    let mut facts = vec![fact(w, Word::Territory, c.territory)];
    if let Some(period) = c.period {
        let years = format!("{}–{}", period.from, period.to);
        facts.push(fact(w, Word::ContractPeriod, years));
    }
    facts.extend(more);
    if let Some(source) = c.source {
        facts.push(fact(w, Word::Source, source));
    }
    Block::List(facts.into_iter().map(Item::new).collect())
}

/// The cover, contents and running title of a report, the yearly one's and
/// the mid-term's: the territory over the contract's title; what the meeting
/// is, the logo and the pages are the command's to add
/// ([`report::present`]).
pub(crate) fn report_front(title: &str, c: &ContractFacts, w: &Words) -> Front {
    let territory = c.territory;
    Front {
        over_title: territory.to_owned(),
        under_title: Some(c.title.to_owned()),
        presented: None,
        logo: None,
        contents: w.s(Word::Contents),
        annexes: w.s(Word::Annexes),
        running_title: format!("{title} — {territory}"),
        pages: Vec::new(),
    }
}

/// A bar of a funding chart: its length in cents, its label in euros.
pub(crate) fn money_bar(amount: Money, w: &Words) -> Bar {
    Bar {
        value: amount.cents(),
        text: w.money(amount),
    }
}
