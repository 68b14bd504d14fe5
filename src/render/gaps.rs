//! A gap report laid out: the gaps and the accepted gaps for a person, one
//! tidy table for CSV and XLSX, the analysis for JSON.

use crate::analysis::{Detail, Gap, GapKind, Gaps};
use crate::model::CodeKind;
use crate::output::{Block, Cell, Column, Doc, Kind, Table, Word, Words, versioned};
use crate::render::columns::Common;

/// The kind of a gap as a person reads it, in the contract's words: an
/// entry without action is named by its level (`Priorité sans action`).
pub fn kind_text(kind: GapKind, level: Option<CodeKind>, w: &Words) -> String {
    let without = |fallback: CodeKind| w.without_action(&w.level_one(level.unwrap_or(fallback)));
    match kind {
        GapKind::UncoveredPriority => without(w.leaf()),
        GapKind::UncoveredOrientation => without(CodeKind::Level(1)),
        GapKind::UncoveredPilier => without(CodeKind::Level(0)),
        GapKind::UncoveredTransversal => without(CodeKind::Transversal),
        GapKind::SecondaryOnly => w.s(Word::GapSecondaryOnly),
        GapKind::SinglePorteur => w.s(Word::GapSinglePorteur),
        GapKind::UncoveredQuartier => w.s(Word::GapUncoveredQuartier),
        GapKind::UnreachedPublic => w.s(Word::GapUnreachedPublic),
        GapKind::ProtocoleUnaddressed => w.s(Word::GapProtocole),
        GapKind::LostCoverage => w.s(Word::GapLostCoverage),
        GapKind::UnlinkedAction => w.s(Word::GapUnlinked),
        GapKind::FundingGap => w.s(Word::GapFunding),
        GapKind::IndicatorShortfall => w.s(Word::GapIndicatorShortfall),
        GapKind::MissingActual => w.s(Word::GapMissingActual),
    }
}

/// What a gap's figures say, in a sentence fragment.
pub fn detail_text(gap: &Gap, w: &Words) -> String {
    match &gap.detail {
        Detail::None => String::new(),
        Detail::Actions { actions, porteur } => w.actions_by(*actions as u64, porteur.as_deref()),
        Detail::Public { public } => w.public_named(public),
        Detail::Protocole { links, mesures } => w.protocole_links(*links as u64, mesures),
        Detail::Lost {
            year,
            previous,
            previous_actions,
        } => w.lost(*previous_actions as u64, *previous, *year),
        Detail::Funding {
            cost,
            funding,
            resources,
        } => w.funding_short(*funding, *resources, *cost),
        Detail::Theme { code, title } => w.theme(code, title),
        Detail::Indicator {
            name,
            target,
            actual,
            unit,
        } => w.indicator(name, *target, *actual, unit.as_deref()),
    }
}

/// The gaps as a person reads them: kind, code or action, title, detail.
pub fn table(report: &Gaps, w: &Words) -> Table {
    let mut t = Table::new(
        "gaps",
        Common::columns(
            w,
            [Common::GapKind, Common::Code, Common::Title, Common::Detail],
        ),
    );
    for gap in &report.gaps {
        t.push(vec![
            Cell::text(kind_text(gap.kind, gap.level, w)),
            Cell::code(gap.key.clone()),
            Cell::text(gap.title.clone()),
            Cell::text(detail_text(gap, w)),
        ]);
    }
    t
}

/// The accepted gaps: code, title, reason.
pub fn accepted_table(report: &Gaps, w: &Words) -> Table {
    let mut t = Table::new(
        "accepted",
        vec![
            Common::Code.column(w),
            Common::Title.column(w),
            Column::new("reason", w.s(Word::Reason), Kind::Text),
        ],
    );
    for a in &report.accepted {
        t.push(vec![
            Cell::code(w.code(a.code)),
            Cell::text(a.title.clone()),
            Cell::text(a.reason.clone()),
        ]);
    }
    t
}

/// A table of gaps counted by kind (and, for entries without action, by
/// level): the gap report's counts and the yearly report's most frequent.
pub(crate) fn kind_count_table(
    name: &str,
    counts: impl IntoIterator<Item = ((GapKind, Option<CodeKind>), usize)>,
    w: &Words,
) -> Table {
    let mut t = Table::new(
        name,
        vec![
            Common::GapKind.column(w),
            Column::new("gaps", w.s(Word::Count), Kind::Count),
        ],
    );
    for ((kind, level), n) in counts {
        t.push(vec![Cell::text(kind_text(kind, level, w)), Cell::count(n)]);
    }
    t
}

/// The number of gaps of each kind that has some, and their total.
pub fn counts_table(report: &Gaps, w: &Words) -> Table {
    let mut t = kind_count_table("gap_counts", report.by_kind_and_level(), w);
    t.total = Some(vec![
        Cell::text(w.s(Word::Total)),
        Cell::count(report.gaps.len()),
    ]);
    t
}

/// One row per gap, and one per accepted gap with kind `accepted`, for
/// machines: stable kind names, details in English.
pub fn data(report: &Gaps, w: &Words) -> Table {
    let en = w.in_english();
    let mut t = Table::new(
        "gaps",
        ["kind", "code", "action", "year", "title", "detail"]
            .into_iter()
            .map(|k| {
                let kind = match k {
                    "year" => Kind::Year,
                    "code" | "action" => Kind::Code,
                    _ => Kind::Text,
                };
                Column::new(k, k, kind)
            })
            .collect(),
    );
    for gap in &report.gaps {
        let (code, action, year) = match gap.action {
            Some((year, main)) => (
                main.map(|c| c.to_string()).unwrap_or_default(),
                gap.key.clone(),
                Cell::Year(year),
            ),
            None => (gap.key.clone(), String::new(), Cell::Empty),
        };
        t.push(vec![
            Cell::code(gap.kind_name(report.levels.is_some())),
            Cell::code(code),
            Cell::code(action),
            year,
            Cell::text(gap.title.clone()),
            Cell::text(detail_text(gap, &en)),
        ]);
    }
    for a in &report.accepted {
        t.push(vec![
            Cell::code("accepted"),
            Cell::code(a.code.to_string()),
            Cell::Empty,
            Cell::Empty,
            Cell::text(a.title.clone()),
            Cell::text(a.reason.clone()),
        ]);
    }
    t
}

/// The whole output of `contrat gaps`.
pub fn doc(report: &Gaps, w: &Words) -> Doc {
    let mut blocks = Vec::new();
    if report.gaps.is_empty() {
        blocks.push(Block::text(w.s(Word::NoGap)));
    } else {
        blocks.push(Block::Table(table(report, w)));
    }
    if !report.accepted.is_empty() {
        blocks.push(Block::Heading(w.s(Word::AcceptedGaps)));
        blocks.push(Block::Table(accepted_table(report, w)));
    }
    blocks.push(Block::text(w.gaps_summary(
        report.gaps.len() as u64,
        report.accepted.len() as u64,
    )));
    Doc {
        blocks,
        data: vec![data(report, w)],
        json: Some(versioned(
            if report.levels.is_some() { 2 } else { 1 },
            report,
        )),
        ..Doc::default()
    }
}
