//! Gap reports as grids (table, CSV, Markdown) and JSON.

use serde::Serialize;

use crate::analysis::{Detail, Gap, GapKind, Gaps};
use crate::model::{Code, Language, Money};
use crate::render::format::{count, decimal, money};
use crate::render::labels::Label;
use crate::render::table::Grid;

/// The kind of a gap as a person reads it.
pub fn kind_text(kind: GapKind, lang: Language) -> &'static str {
    match (kind, lang) {
        (GapKind::UncoveredPriority, Language::En) => "uncovered priority",
        (GapKind::UncoveredPriority, Language::Fr) => "priorité non couverte",
        (GapKind::SecondaryOnly, Language::En) => "secondary only",
        (GapKind::SecondaryOnly, Language::Fr) => "seulement secondaire",
        (GapKind::SinglePorteur, Language::En) => "single porteur",
        (GapKind::SinglePorteur, Language::Fr) => "porteur unique",
        (GapKind::UncoveredOrientation, Language::En) => "uncovered orientation",
        (GapKind::UncoveredOrientation, Language::Fr) => "orientation non couverte",
        (GapKind::UncoveredPilier, Language::En) => "uncovered pilier",
        (GapKind::UncoveredPilier, Language::Fr) => "pilier non couvert",
        (GapKind::UncoveredTransversal, Language::En) => "uncovered transversal orientation",
        (GapKind::UncoveredTransversal, Language::Fr) => "orientation transversale non couverte",
        (GapKind::UncoveredQuartier, Language::En) => "uncovered quartier",
        (GapKind::UncoveredQuartier, Language::Fr) => "quartier sans action",
        (GapKind::UnreachedPublic, Language::En) => "unreached public",
        (GapKind::UnreachedPublic, Language::Fr) => "public non atteint",
        (GapKind::ProtocoleUnaddressed, Language::En) => "protocole unaddressed",
        (GapKind::ProtocoleUnaddressed, Language::Fr) => "protocole sans action",
        (GapKind::LostCoverage, Language::En) => "lost coverage",
        (GapKind::LostCoverage, Language::Fr) => "couverture perdue",
        (GapKind::FundingGap, Language::En) => "funding gap",
        (GapKind::FundingGap, Language::Fr) => "financement incomplet",
        (GapKind::IndicatorShortfall, Language::En) => "indicator shortfall",
        (GapKind::IndicatorShortfall, Language::Fr) => "indicateur sous la cible",
        (GapKind::MissingActual, Language::En) => "missing actual",
        (GapKind::MissingActual, Language::Fr) => "réalisé manquant",
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

fn with_unit(value: f64, unit: &Option<String>, lang: Language) -> String {
    match unit {
        Some(unit) => format!("{} {unit}", decimal(value, lang)),
        None => decimal(value, lang),
    }
}

/// What a gap's figures say, in a sentence fragment.
pub fn detail_text(gap: &Gap, lang: Language) -> String {
    let fr = lang == Language::Fr;
    match &gap.detail {
        Detail::None => String::new(),
        Detail::Actions { actions, porteur } => {
            let n = *actions;
            let who = match (porteur, fr) {
                (None, true) => "en priorité secondaire".to_owned(),
                (None, false) => "as a secondary priority".to_owned(),
                (Some(p), true) => format!("{} par {p}", plural(n, "portée", "portées")),
                (Some(p), false) => format!("by {p}"),
            };
            let all = match (n, fr) {
                (1, _) => "",
                (_, true) => "toutes ",
                (_, false) => "all ",
            };
            format!("{n} {}, {all}{who}", plural(n, "action", "actions"))
        }
        Detail::Public { public } => {
            if fr {
                format!("public visé par la priorité : {public}")
            } else {
                format!("public the priority names: {public}")
            }
        }
        Detail::Protocole { links, mesures } => {
            let mesures = if mesures.is_empty() {
                String::new()
            } else {
                let list: Vec<String> = mesures.iter().map(u32::to_string).collect();
                format!(
                    " ({} {})",
                    plural(mesures.len(), "mesure", "mesures"),
                    list.join(", ")
                )
            };
            if fr {
                format!(
                    "{links} {}{mesures}",
                    plural(*links, "engagement", "engagements")
                )
            } else {
                format!("{links} {}{mesures}", plural(*links, "link", "links"))
            }
        }
        Detail::Lost {
            year,
            previous,
            previous_actions,
        } => {
            if fr {
                format!(
                    "{previous_actions} {} en {previous}, aucune en {year}",
                    plural(*previous_actions, "action", "actions")
                )
            } else {
                format!(
                    "{previous_actions} {} in {previous}, none in {year}",
                    plural(*previous_actions, "action", "actions")
                )
            }
        }
        Detail::Funding { cost, funding } => {
            let missing = *cost - *funding;
            if fr {
                format!(
                    "{} votés sur {} (manque {})",
                    money(*funding, lang),
                    money(*cost, lang),
                    money(missing, lang)
                )
            } else {
                format!(
                    "{} voted of {} ({} short)",
                    money(*funding, lang),
                    money(*cost, lang),
                    money(missing, lang)
                )
            }
        }
        Detail::Indicator {
            name,
            target,
            actual: Some(actual),
            unit,
        } => {
            if fr {
                format!(
                    "{name} : {} pour une cible de {}",
                    with_unit(*actual, unit, lang),
                    with_unit(*target, unit, lang)
                )
            } else {
                format!(
                    "{name}: {} against a target of {}",
                    with_unit(*actual, unit, lang),
                    with_unit(*target, unit, lang)
                )
            }
        }
        Detail::Indicator {
            name,
            target,
            actual: None,
            unit,
        } => {
            if fr {
                format!(
                    "{name} : pas de réalisé (cible {})",
                    with_unit(*target, unit, lang)
                )
            } else {
                format!(
                    "{name}: no actual (target {})",
                    with_unit(*target, unit, lang)
                )
            }
        }
    }
}

/// The gaps as a person reads them: kind, code or action, title, detail.
pub fn grid(report: &Gaps, lang: Language) -> Grid {
    let mut grid = Grid::new([
        Label::Gap.text(lang),
        Label::Code.text(lang),
        Label::Title.text(lang),
        Label::Detail.text(lang),
    ]);
    for gap in &report.gaps {
        grid.push([
            kind_text(gap.kind, lang).to_owned(),
            gap.key.clone(),
            gap.title.clone(),
            detail_text(gap, lang),
        ]);
    }
    grid
}

/// The accepted gaps: code, title, reason.
pub fn accepted_grid(report: &Gaps, lang: Language) -> Grid {
    let mut grid = Grid::new([
        Label::Code.text(lang),
        Label::Title.text(lang),
        Label::Reason.text(lang),
    ]);
    for a in &report.accepted {
        grid.push([a.code.to_string(), a.title.clone(), a.reason.clone()]);
    }
    grid
}

/// One row per gap, and one per accepted gap with kind `accepted`, for machines.
pub fn csv_grid(report: &Gaps) -> Grid {
    let mut grid = Grid::new(["kind", "code", "action", "year", "title", "detail"]);
    for gap in &report.gaps {
        let (code, action, year) = match gap.action {
            Some((year, main)) => (
                main.map(|c| c.to_string()).unwrap_or_default(),
                gap.key.clone(),
                year.to_string(),
            ),
            None => (gap.key.clone(), String::new(), String::new()),
        };
        grid.push([
            gap.kind.name().to_owned(),
            code,
            action,
            year,
            gap.title.clone(),
            detail_text(gap, Language::En),
        ]);
    }
    for a in &report.accepted {
        grid.push([
            "accepted".to_owned(),
            a.code.to_string(),
            String::new(),
            String::new(),
            a.title.clone(),
            a.reason.clone(),
        ]);
    }
    grid
}

#[derive(Serialize)]
pub(crate) struct JsonGap<'a> {
    kind: &'static str,
    /// The item's code; for a gap about an action, its main priority.
    code: Option<String>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actions: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    porteur: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    links: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mesures: Option<&'a [u32]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_year: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_actions: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    funding: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    missing: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    indicator: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actual: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
}

impl<'a> From<&'a Gap> for JsonGap<'a> {
    fn from(gap: &'a Gap) -> JsonGap<'a> {
        let mut json = JsonGap {
            kind: gap.kind.name(),
            code: Some(gap.key.clone()),
            title: &gap.title,
            action: None,
            year: None,
            actions: None,
            porteur: None,
            public: None,
            links: None,
            mesures: None,
            previous_year: None,
            previous_actions: None,
            cost: None,
            funding: None,
            missing: None,
            indicator: None,
            target: None,
            actual: None,
            unit: None,
        };
        if let Some((year, main)) = gap.action {
            json.code = main.map(|c: Code| c.to_string());
            json.action = Some(&gap.key);
            json.year = Some(year);
        }
        match &gap.detail {
            Detail::None => {}
            Detail::Actions { actions, porteur } => {
                json.actions = Some(*actions);
                json.porteur = porteur.as_deref();
            }
            Detail::Public { public } => json.public = Some(public),
            Detail::Protocole { links, mesures } => {
                json.links = Some(*links);
                json.mesures = Some(mesures);
            }
            Detail::Lost {
                year,
                previous,
                previous_actions,
            } => {
                json.year = Some(*year);
                json.previous_year = Some(*previous);
                json.previous_actions = Some(*previous_actions);
            }
            Detail::Funding { cost, funding } => {
                json.cost = Some(*cost);
                json.funding = Some(*funding);
                json.missing = Some(*cost - *funding);
            }
            Detail::Indicator {
                name,
                target,
                actual,
                unit,
            } => {
                json.indicator = Some(name);
                json.target = Some(*target);
                json.actual = *actual;
                json.unit = unit.as_deref();
            }
        }
        json
    }
}

#[derive(Serialize)]
pub(crate) struct JsonAccepted<'a> {
    code: Code,
    title: &'a str,
    reason: &'a str,
    actions: usize,
}

/// A gap report in JSON; without `version` when it sits inside another
/// document (the yearly report).
#[derive(Serialize)]
pub(crate) struct JsonGaps<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<u32>,
    years: &'a [u16],
    counts: std::collections::BTreeMap<&'static str, usize>,
    gaps: Vec<JsonGap<'a>>,
    accepted: Vec<JsonAccepted<'a>>,
}

/// The documented JSON document of a gap report.
pub fn json(report: &Gaps) -> String {
    crate::render::json(&document(report, Some(1)))
}

/// The JSON value of a gap report, with `version` when it stands alone.
pub(crate) fn document(report: &Gaps, version: Option<u32>) -> JsonGaps<'_> {
    JsonGaps {
        version,
        years: &report.years,
        counts: GapKind::ALL
            .iter()
            .map(|k| (k.name(), report.count(*k)))
            .collect(),
        gaps: report.gaps.iter().map(JsonGap::from).collect(),
        accepted: report
            .accepted
            .iter()
            .map(|a| JsonAccepted {
                code: a.code,
                title: &a.title,
                reason: &a.reason,
                actions: a.actions,
            })
            .collect(),
    }
}

/// The closing line of a gap report in a terminal.
pub fn summary(report: &Gaps, lang: Language) -> String {
    let gaps = report.gaps.len() as u64;
    let accepted = report.accepted.len() as u64;
    match lang {
        Language::Fr => format!(
            "{} {}, {} {}\n",
            count(gaps, lang),
            if gaps == 1 { "manque" } else { "manques" },
            count(accepted, lang),
            if accepted == 1 {
                "manque accepté"
            } else {
                "manques acceptés"
            }
        ),
        Language::En => format!(
            "{} {}, {} accepted\n",
            count(gaps, lang),
            if gaps == 1 { "gap" } else { "gaps" },
            count(accepted, lang)
        ),
    }
}
