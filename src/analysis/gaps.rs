//! Where the programmation falls short of the contract.

use std::collections::{HashMap, HashSet};

use crate::analysis::coverage::{report_years, select};
use crate::analysis::filter::{COUNTED, Filter};
use crate::model::{Action, Code, CodeKind, Contract, Money, Node, Status};

macro_rules! gap_kinds {
    ($( $variant:ident = $name:literal, $summary:literal; )*) => {
        crate::named::named! {
            /// The kinds of gap, in the order reports list them. Names are
            /// stable.
            #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
            pub enum GapKind { $( $variant = $name, )* }
        }

        impl GapKind {
            /// One line on what the kind means.
            pub fn summary(self) -> &'static str {
                match self { $( GapKind::$variant => $summary, )* }
            }
        }
    };
}

gap_kinds! {
    UncoveredPriority = "uncovered-priority", "no counted action names the entry (a priority, or an entry of any level actions name) or one below it";
    SecondaryOnly = "secondary-only", "the entry is named only as a secondary one, never as an action's main entry";
    SinglePorteur = "single-porteur", "all the actions naming the entry come from one porteur";
    UncoveredOrientation = "uncovered-orientation", "no entry below the orientation (or an entry of any level between the top and the levels actions name) is covered";
    UncoveredPilier = "uncovered-pilier", "no entry below the pilier (or top-level entry) is covered";
    UncoveredTransversal = "uncovered-transversal", "no counted action names the transversal entry";
    UncoveredQuartier = "uncovered-quartier", "no counted action takes place in the quartier";
    UnreachedPublic = "unreached-public", "a public the entry names that none of its actions targets";
    ProtocoleUnaddressed = "protocole-unaddressed", "an entry linked to the protocole d'engagements with no action";
    LostCoverage = "lost-coverage", "covered the year before the last year selected, not in it";
    UnlinkedAction = "unlinked-action", "an action of a national theme (but theme 4) that names no priority yet: to be linked";
    FundingGap = "funding-gap", "an action whose resources (funding voted, own funds, other partners) are below its cost: an unbalanced plan";
    IndicatorShortfall = "indicator-shortfall", "an indicator whose actual is below its target";
    MissingActual = "missing-actual", "a completed action with an indicator that has no actual";
}

/// What a gap is about and the figures that show it.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    None,
    /// Actions naming the priority (all as secondary, or all by `porteur`).
    Actions {
        actions: usize,
        porteur: Option<String>,
    },
    Public {
        public: String,
    },
    Protocole {
        links: usize,
        mesures: Vec<u32>,
    },
    Lost {
        year: u16,
        previous: u16,
        previous_actions: usize,
    },
    Funding {
        cost: Money,
        /// Funding voted by the contract's funders.
        funding: Money,
        /// Every resource of the plan: funding voted, own funds, partners.
        resources: Money,
    },
    /// An action's national theme.
    Theme {
        code: &'static str,
        title: &'static str,
    },
    Indicator {
        name: String,
        target: f64,
        actual: Option<f64>,
        unit: Option<String>,
    },
}

/// One gap. `key` is the item's code (an entry of the tree or of the
/// transversal family, a quartier) or the action's id.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub kind: GapKind,
    pub key: String,
    pub title: String,
    /// The level of the entry, for gaps about an entry of the tree.
    pub level: Option<CodeKind>,
    /// For gaps about an action: its year and main priority.
    pub action: Option<(u16, Option<Code>)>,
    pub detail: Detail,
}

/// A priority whose lack of actions the contract accepts, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub code: Code,
    pub title: String,
    pub reason: String,
    /// Counted actions naming it anyway.
    pub actions: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Gaps {
    /// The keys of the levels of a declared tree, whose JSON names the
    /// uncovered entries of every level `uncovered-entry` with their level;
    /// `None` for the 2015–2023 tree.
    pub levels: Option<Vec<String>>,
    pub years: Vec<u16>,
    pub gaps: Vec<Gap>,
    pub accepted: Vec<Accepted>,
}

impl Gaps {
    pub fn count(&self, kind: GapKind) -> usize {
        self.gaps.iter().filter(|g| g.kind == kind).count()
    }

    /// How many gaps of each kind there are, the kinds about entries
    /// without action split by level (one count for the orientations, one
    /// for the priorities), in the order of kinds then levels; kinds without
    /// gaps are left out.
    pub fn by_kind_and_level(&self) -> Vec<((GapKind, Option<CodeKind>), usize)> {
        let mut counts: Vec<((GapKind, Option<CodeKind>), usize)> = Vec::new();
        for gap in &self.gaps {
            let level = match gap.kind {
                GapKind::UncoveredPriority
                | GapKind::UncoveredOrientation
                | GapKind::UncoveredPilier => gap.level,
                _ => None,
            };
            match counts.iter_mut().find(|(k, _)| *k == (gap.kind, level)) {
                Some((_, n)) => *n += 1,
                None => counts.push(((gap.kind, level), 1)),
            }
        }
        counts.sort_by_key(|((kind, level), _)| (*kind, *level));
        counts
    }
}

/// For each priority: the counted actions naming it, split by role.
#[derive(Default)]
struct Naming<'c> {
    all: Vec<&'c Action>,
    main: usize,
}

fn naming<'c>(actions: &[&'c Action]) -> HashMap<Code, Naming<'c>> {
    let mut map: HashMap<Code, Naming<'c>> = HashMap::new();
    for action in actions {
        let main = action.main();
        let mut seen = HashSet::new();
        for code in &action.serves {
            if !seen.insert(code.value) {
                continue;
            }
            let entry = map.entry(code.value).or_default();
            entry.all.push(action);
            if Some(code.value) == main {
                entry.main += 1;
            }
        }
    }
    map
}

/// The gaps of the selection.
pub fn gaps(contract: &Contract, filter: &Filter) -> Gaps {
    let actions = select(contract, filter);
    let years = report_years(filter, &actions);
    let named = naming(&actions);
    let tree = &contract.tree;
    let mut gaps = Vec::new();
    let mut accepted = Vec::new();

    let in_scope: Vec<&Node> = contract
        .nodes
        .iter()
        .filter(|n| filter.in_scope(contract, *n.code))
        .collect();
    // The entries actions name: each is covered if an action names it or an
    // entry below it.
    let nameable: Vec<&Node> = in_scope
        .iter()
        .copied()
        .filter(|n| tree.level(n.level()).nameable)
        .collect();
    let covered = |code: Code| {
        named.contains_key(&code)
            || named
                .keys()
                .any(|c| *c != code && contract.is_within(*c, code))
    };
    for p in &nameable {
        if let Some(reason) = &p.accepted_gap {
            accepted.push(Accepted {
                code: *p.code,
                title: p.title.value.clone(),
                reason: reason.clone(),
                actions: named.get(&*p.code).map_or(0, |n| n.all.len()),
            });
        }
    }
    let mut push =
        |kind: GapKind, key: String, title: &str, level: Option<CodeKind>, detail: Detail| {
            gaps.push(Gap {
                kind,
                key,
                title: title.to_owned(),
                level,
                action: None,
                detail,
            });
        };

    for p in nameable.iter().filter(|p| p.accepted_gap.is_none()) {
        let code = *p.code;
        let level = Some(p.level());
        match named.get(&code) {
            None if !covered(code) => push(
                GapKind::UncoveredPriority,
                code.to_string(),
                &p.title,
                level,
                Detail::None,
            ),
            None => {}
            Some(n) => {
                if n.main == 0 {
                    push(
                        GapKind::SecondaryOnly,
                        code.to_string(),
                        &p.title,
                        level,
                        Detail::Actions {
                            actions: n.all.len(),
                            porteur: None,
                        },
                    );
                }
                // One porteur, however its actions spell it.
                let first = contract.porteur_name(&n.all[0].porteur);
                if n.all
                    .iter()
                    .all(|a| contract.porteur_name(&a.porteur) == first)
                {
                    push(
                        GapKind::SinglePorteur,
                        code.to_string(),
                        &p.title,
                        level,
                        Detail::Actions {
                            actions: n.all.len(),
                            porteur: Some(first.clone()),
                        },
                    );
                }
                for public in &p.publics {
                    if !n
                        .all
                        .iter()
                        .any(|a| a.publics.iter().any(|t| t.value == public.value))
                    {
                        push(
                            GapKind::UnreachedPublic,
                            code.to_string(),
                            &p.title,
                            level,
                            Detail::Public {
                                public: public.value.clone(),
                            },
                        );
                    }
                }
            }
        }
    }

    // Entries above the levels actions name with no covered entry below,
    // unless every entry left uncovered in them is an accepted gap.
    let is_accepted = |code: Code| {
        contract
            .node(code)
            .is_some_and(|p| p.accepted_gap.is_some())
    };
    let uncovered_branch = |item: Code| {
        let within: Vec<Code> = nameable
            .iter()
            .map(|p| *p.code)
            .filter(|c| contract.is_within(*c, item))
            .collect();
        let any_covered = within.iter().any(|c| covered(*c));
        let all_accepted = !within.is_empty() && within.iter().all(|c| is_accepted(*c));
        !any_covered && !all_accepted
    };
    for n in in_scope.iter().filter(|n| !tree.level(n.level()).nameable) {
        if uncovered_branch(*n.code) {
            let kind = if n.level() == CodeKind::Level(0) {
                GapKind::UncoveredPilier
            } else {
                GapKind::UncoveredOrientation
            };
            push(
                kind,
                n.code.to_string(),
                &n.title,
                Some(n.level()),
                Detail::None,
            );
        }
    }
    for t in &contract.transversals {
        if !actions
            .iter()
            .any(|a| a.transversal.iter().any(|c| c.value == *t.code))
        {
            push(
                GapKind::UncoveredTransversal,
                t.code.to_string(),
                &t.title,
                Some(CodeKind::Transversal),
                Detail::None,
            );
        }
    }
    for (i, q) in contract.quartiers.iter().enumerate() {
        if !filter.quartiers.is_empty() && !filter.quartiers.contains(&i) {
            continue;
        }
        let served = actions.iter().any(|a| {
            a.quartiers.iter().any(|w| {
                contract
                    .quartier(w)
                    .is_some_and(|found| std::ptr::eq(found, q))
            })
        });
        if !served {
            push(
                GapKind::UncoveredQuartier,
                q.key().to_owned(),
                &q.name,
                None,
                Detail::None,
            );
        }
    }
    for p in nameable.iter().filter(|p| p.accepted_gap.is_none()) {
        if !p.protocole.is_empty() && !named.contains_key(&*p.code) {
            push(
                GapKind::ProtocoleUnaddressed,
                p.code.to_string(),
                &p.title,
                Some(p.level()),
                Detail::Protocole {
                    links: p.protocole.len(),
                    mesures: p.protocole.iter().filter_map(|l| l.mesure).collect(),
                },
            );
        }
    }
    lost_coverage(contract, filter, &nameable, &mut push);

    for action in &actions {
        let at = |kind: GapKind, detail: Detail| Gap {
            kind,
            key: action.id.value.clone(),
            title: action.title.value.clone(),
            level: None,
            action: Some((*action.year, action.main())),
            detail,
        };
        // An action of a national theme not linked to a priority yet; one
        // of theme 4 (pilotage) needs none.
        if action.serves.is_empty()
            && let Some(theme) = &action.grant.theme
            && !theme.is_steering()
        {
            gaps.push(at(
                GapKind::UnlinkedAction,
                Detail::Theme {
                    code: theme.code,
                    title: theme.title,
                },
            ));
        }
        // Co-financing is how every action looks: only a plan whose
        // resources fall short of the cost is a gap.
        if let Some(cost) = &action.cost {
            let resources = action.resources();
            if resources < cost.value {
                gaps.push(at(
                    GapKind::FundingGap,
                    Detail::Funding {
                        cost: cost.value,
                        funding: action.funding_total(),
                        resources,
                    },
                ));
            }
        }
        for indicator in &action.indicators {
            let detail = || Detail::Indicator {
                name: indicator.name.clone(),
                target: indicator.target,
                actual: indicator.actual,
                unit: indicator.unit.clone(),
            };
            match indicator.actual {
                Some(actual) if actual < indicator.target => {
                    gaps.push(at(GapKind::IndicatorShortfall, detail()))
                }
                None if action.status == Status::Completed => {
                    gaps.push(at(GapKind::MissingActual, detail()))
                }
                _ => {}
            }
        }
    }

    // Grouped by kind; within a kind, in the order found (contract order).
    gaps.sort_by_key(|g| g.kind);
    Gaps {
        levels: tree
            .declared
            .then(|| tree.levels.iter().map(|l| l.key.clone()).collect()),
        years: years.iter().collect(),
        gaps,
        accepted,
    }
}

/// Priorities covered the year before the last selected year, and not in it.
fn lost_coverage(
    contract: &Contract,
    filter: &Filter,
    priorities: &[&Node],
    push: &mut impl FnMut(GapKind, String, &str, Option<CodeKind>, Detail),
) {
    let statuses = filter.statuses_or(&COUNTED);
    let counted =
        |a: &&Action| statuses.contains(&a.status) && filter.matches_except_time(contract, a);
    let year = match filter.years.as_ref().and_then(|y| y.last()) {
        Some(year) => year,
        None => match contract
            .actions
            .iter()
            .filter(counted)
            .map(|a| *a.years().end())
            .max()
        {
            Some(year) => year,
            None => return,
        },
    };
    let Some(previous) = year.checked_sub(1) else {
        return;
    };
    let of = |y: u16| -> Vec<&Action> {
        contract
            .actions
            .iter()
            .filter(counted)
            .filter(|a| a.in_year(y))
            .collect()
    };
    let (now, before) = (naming(&of(year)), naming(&of(previous)));
    for p in priorities.iter().filter(|p| p.accepted_gap.is_none()) {
        if let Some(n) = before.get(&*p.code)
            && !now.contains_key(&*p.code)
        {
            push(
                GapKind::LostCoverage,
                p.code.to_string(),
                &p.title,
                Some(p.level()),
                Detail::Lost {
                    year,
                    previous,
                    previous_actions: n.all.len(),
                },
            );
        }
    }
}

/// A gap in JSON: its kind's stable name, the item's code (for a gap about an
/// action, its main priority, with `action` and `year`), the title, and the
/// figures of its detail under their own keys.
impl Gap {
    /// The kind's name in JSON: in a declared tree, the uncovered entries of
    /// every level are `uncovered-entry`, with their level's key beside.
    pub fn kind_name(&self, declared: bool) -> &'static str {
        match self.kind {
            GapKind::UncoveredPriority
            | GapKind::UncoveredOrientation
            | GapKind::UncoveredPilier
                if declared =>
            {
                "uncovered-entry"
            }
            kind => kind.name(),
        }
    }
}

/// A gap with whether its tree is declared and the keys of its levels.
struct GapJson<'a>(&'a Gap, Option<&'a [String]>);

impl serde::Serialize for GapJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let GapJson(gap, levels) = self;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("kind", gap.kind_name(levels.is_some()))?;
        if let (Some(levels), Some(depth)) = (levels, gap.level.and_then(|l| l.depth())) {
            map.serialize_entry("level", &levels.get(depth))?;
        }
        gap.serialize_fields(&mut map)?;
        map.end()
    }
}

impl Gap {
    fn serialize_fields<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        match self.action {
            Some((year, main)) => {
                map.serialize_entry("code", &main.map(|c| c.to_string()))?;
                map.serialize_entry("title", &self.title)?;
                map.serialize_entry("action", &self.key)?;
                if !matches!(self.detail, Detail::Lost { .. }) {
                    map.serialize_entry("year", &year)?;
                }
            }
            None => {
                map.serialize_entry("code", &self.key)?;
                map.serialize_entry("title", &self.title)?;
            }
        }
        match &self.detail {
            Detail::None => {}
            Detail::Actions { actions, porteur } => {
                map.serialize_entry("actions", actions)?;
                if let Some(p) = porteur {
                    map.serialize_entry("porteur", p)?;
                }
            }
            Detail::Public { public } => map.serialize_entry("public", public)?,
            Detail::Protocole { links, mesures } => {
                map.serialize_entry("links", links)?;
                map.serialize_entry("mesures", mesures)?;
            }
            Detail::Lost {
                year,
                previous,
                previous_actions,
            } => {
                map.serialize_entry("year", year)?;
                map.serialize_entry("previous_year", previous)?;
                map.serialize_entry("previous_actions", previous_actions)?;
            }
            Detail::Funding {
                cost,
                funding,
                resources,
            } => {
                map.serialize_entry("cost", cost)?;
                map.serialize_entry("funding", funding)?;
                map.serialize_entry("resources", resources)?;
                map.serialize_entry("missing", &(*cost - *resources))?;
            }
            Detail::Theme { code, title } => {
                map.serialize_entry("theme", code)?;
                map.serialize_entry("theme_title", title)?;
            }
            Detail::Indicator {
                name,
                target,
                actual,
                unit,
            } => {
                map.serialize_entry("indicator", name)?;
                map.serialize_entry("target", target)?;
                if let Some(a) = actual {
                    map.serialize_entry("actual", a)?;
                }
                if let Some(u) = unit {
                    map.serialize_entry("unit", u)?;
                }
            }
        }
        Ok(())
    }
}

impl serde::Serialize for Accepted {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("title", &self.title)?;
        map.serialize_entry("reason", &self.reason)?;
        map.serialize_entry("actions", &self.actions)?;
        map.end()
    }
}

/// `{"years", "counts", "gaps", "accepted"}`: the JSON document of `contrat
/// gaps` (which adds `"version"`) and a part of the yearly report's.
impl serde::Serialize for Gaps {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let declared = self.levels.is_some();
        let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for kind in GapKind::ALL {
            let probe = Gap {
                kind,
                key: String::new(),
                title: String::new(),
                level: None,
                action: None,
                detail: Detail::None,
            };
            *counts.entry(probe.kind_name(declared)).or_default() += self.count(kind);
        }
        let gaps: Vec<GapJson> = self
            .gaps
            .iter()
            .map(|g| GapJson(g, self.levels.as_deref()))
            .collect();
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("years", &self.years)?;
        map.serialize_entry("counts", &counts)?;
        map.serialize_entry("gaps", &gaps)?;
        map.serialize_entry("accepted", &self.accepted)?;
        map.end()
    }
}
