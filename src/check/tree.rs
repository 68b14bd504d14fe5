//! Rules on the contract's tree: codes, parents, numbering, texts, and the
//! quartiers and communes.

use std::collections::HashMap;

use crate::check::actions::{unknown_code, unknown_funder, unknown_quartier};
use crate::check::{given_twice, repeats, unknown};
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Code, CodeKind, Contract, Located, Placeholder, quartier_key};
use crate::source::Span;

/// Every code below the top and of the transversal family, with its span,
/// in contract order. (Top-level codes are one file each: `duplicate-file`.)
fn tree_codes(contract: &Contract) -> impl Iterator<Item = &Located<Code>> {
    contract
        .nodes
        .iter()
        .filter(|n| n.level() != CodeKind::Level(0))
        .map(|n| &n.code)
        .chain(contract.transversals.iter().map(|t| &t.code))
}

/// The same code twice.
pub fn duplicate_codes(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let mut codes: Vec<&Located<Code>> = tree_codes(contract).collect();
    // Report the later one in reading order, whatever the sort did.
    codes.sort_by_key(|c| (c.span.file, c.span.start));
    for (code, earlier) in repeats(codes, |c| c.value, |c| c.span) {
        out.push(given_twice(
            Rule::DuplicateCode,
            (code.span, earlier),
            "defined",
            format!("{} is defined twice", code.value),
            "renumber one of them, or merge them",
        ));
    }
}

/// Two quartiers sharing a code, a name or an alias: actions naming it would be
/// ambiguous.
pub fn duplicate_quartiers(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<String, (usize, Span)> = HashMap::new();
    for (i, quartier) in contract.quartiers.iter().enumerate() {
        for spelling in quartier.spellings() {
            match first.get(&quartier_key(spelling)) {
                Some(&(owner, _)) if owner == i => {}
                Some(&(_, earlier)) => out.push(
                    Diagnostic::at(
                        Rule::DuplicateCode,
                        spelling.span,
                        format!(
                            "quartier `{}` is already the code, name or alias of another quartier",
                            spelling.value
                        ),
                    )
                    .label("used again here")
                    .related(earlier, "first used here")
                    .help("each code, name and alias must designate one quartier only"),
                ),
                None => {
                    first.insert(quartier_key(spelling), (i, spelling.span));
                }
            }
        }
    }
}

/// The top-level entry of the file a node is written in.
fn file_top(contract: &Contract, file: crate::source::FileId) -> Option<Code> {
    contract
        .level(CodeKind::Level(0))
        .find(|n| n.file == file)
        .map(|n| *n.code)
}

/// Each entry's parent exists, in the same file (a priority's orientation, an
/// objectif's thématique).
pub fn parents_exist(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let tree = &contract.tree;
    for node in &contract.nodes {
        let Some(depth) = node.level().depth().filter(|&d| d >= 1) else {
            continue;
        };
        let Some(parent) = node.parent else {
            continue;
        };
        // A parent at the top is the file's own entry, or `wrong-file` said
        // where the code belongs.
        if depth == 1 {
            continue;
        }
        let parent_kind = CodeKind::Level(depth as u8 - 1);
        match contract.node(parent) {
            Some(found) => {
                let here = file_top(contract, node.file);
                let there = file_top(contract, found.file);
                if here != there
                    && tree.level(node.level()).form.placeholder != Placeholder::Path
                    && let (Some(here), Some(there)) = (here, there)
                {
                    out.push(
                        Diagnostic::at(
                            Rule::WrongFile,
                            node.code.span,
                            format!(
                                "{} belongs to {parent}, which is in the file of {there}, but this is the file of {here}",
                                node.code.value
                            ),
                        )
                        .label(format!("not in {here}"))
                        .related(found.code.span, format!("{parent} is here"))
                        .help(format!(
                            "move this {} to the file of {there}, or name a {} of {here} as its parent",
                            tree.name(node.level()),
                            tree.name(parent_kind)
                        )),
                    );
                }
            }
            None if contract.skipped.codes.contains(&parent) => {}
            None => {
                // Only the file of the top-level entry can hold the parent;
                // if a file did not load, say nothing.
                if !contract.complete.pilier_files {
                    continue;
                }
                let here = file_top(contract, node.file);
                let siblings: Vec<String> = contract
                    .level(parent_kind)
                    .filter(|p| here.is_some_and(|h| contract.is_within(*p.code, h)))
                    .map(|p| p.code.to_string())
                    .collect();
                let key = &tree.level(parent_kind).key;
                let a = if key.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                let help = if siblings.is_empty() {
                    format!("add {a} `[[{key}]]` with `code = \"{parent}\"` to the file")
                } else {
                    let what = if tree.level(node.level()).form.placeholder == Placeholder::Path {
                        format!("renumber the {} under", tree.name(node.level()))
                    } else {
                        "name as its `parent`".to_owned()
                    };
                    format!(
                        "add {a} `[[{key}]]` with `code = \"{parent}\"`, or {what} one of {}",
                        siblings.join(", ")
                    )
                };
                out.push(
                    Diagnostic::at(
                        Rule::UnknownParent,
                        node.code.span,
                        format!(
                            "{} belongs to {parent}, which the contract does not have",
                            node.code.value
                        ),
                    )
                    .label(format!("no {parent}"))
                    .help(help),
                );
            }
        }
    }
}

/// Entries above the deepest level with nothing below them: a pilier with
/// no orientation, an enjeu with no objectif.
pub fn empty_levels(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let tree = &contract.tree;
    for node in &contract.nodes {
        let Some(depth) = node.level().depth() else {
            continue;
        };
        let Some(below) = tree.levels.get(depth + 1) else {
            continue;
        };
        let child = CodeKind::Level(depth as u8 + 1);
        // An entry left out, or one whose parent could not be read, may be
        // this one's child: one finding is enough.
        let skipped_below = contract
            .skipped
            .codes
            .iter()
            .any(|c| contract.parent(*c) == Some(*node.code))
            || contract.level(child).any(|n| n.parent.is_none());
        if contract.children(*node.code).next().is_some() || skipped_below {
            continue;
        }
        let from = tree
            .first_child(*node.code)
            .map_or_else(String::new, |c| format!(", from {c}"));
        out.push(
            Diagnostic::at(
                Rule::EmptyEntry,
                node.code.span,
                format!("{} has no {}", node.code.value, tree.name(child)),
            )
            .label(format!("no {} below", tree.name(child)))
            .help(format!(
                "add its {} as `[[{}]]` entries{from}",
                tree.plural(child),
                below.key
            )),
        );
    }
}

/// Numbers run 1, 2, 3… among siblings (or across the level, for a level
/// numbered on its own): a missing number is usually a typo or a lost entry.
pub fn numbering_gaps(contract: &Contract, out: &mut Vec<Diagnostic>) {
    let tree = &contract.tree;
    // Sibling groups: the level and the numbers before the last; each entry
    // with its own number and where it is written (none if left out).
    type Siblings = Vec<(u16, Code, Option<Span>)>;
    let mut groups: HashMap<(CodeKind, Vec<u16>), Siblings> = HashMap::new();
    let mut add = |code: Code, span: Option<Span>| {
        let mut numbers = tree.numbers(code);
        if let Some(rank) = numbers.pop() {
            groups
                .entry((code.kind(), numbers))
                .or_default()
                .push((rank, code, span));
        }
    };
    for node in &contract.nodes {
        // Top-level entries are known only when every file was read.
        if node.level() != CodeKind::Level(0) || contract.complete.pilier_files {
            add(*node.code, Some(node.code.span));
        }
    }
    for t in &contract.transversals {
        add(*t.code, Some(t.code.span));
    }
    // Entries left out for another finding still hold their number.
    for &code in &contract.skipped.codes {
        add(code, None);
    }
    let mut groups: Vec<_> = groups.into_values().collect();
    groups.sort_by_key(|g| g.first().map(|(_, c, _)| *c));
    for mut siblings in groups {
        siblings.sort_by_key(|(rank, ..)| *rank);
        siblings.dedup_by_key(|(rank, ..)| *rank);
        let mut expected = 1;
        for (rank, code, span) in siblings {
            let named = |rank: u16| {
                tree.sibling(code, rank)
                    .map_or_else(|| rank.to_string(), |c| c.to_string())
            };
            if let (true, Some(span)) = (rank > expected, span) {
                let missing = if rank == expected + 1 {
                    named(expected)
                } else {
                    format!("{} to {}", named(expected), named(rank - 1))
                };
                let (message, help) = if expected == 1 {
                    (
                        format!("numbering starts at {code}: {missing} missing"),
                        format!("number from 1, or add {missing}"),
                    )
                } else {
                    (
                        format!(
                            "numbering skips from {} to {code}: {missing} missing",
                            named(expected - 1)
                        ),
                        format!("renumber, or add {missing}"),
                    )
                };
                out.push(
                    Diagnostic::at(Rule::NumberingGap, span, message)
                        .label("number skipped before this")
                        .help(help),
                );
            }
            expected = rank.saturating_add(1);
        }
    }
}

/// Each emphasised phrase is part of the entry's text.
pub fn emphasis_in_title(contract: &Contract, out: &mut Vec<Diagnostic>) {
    for node in &contract.nodes {
        for phrase in &node.emphasis {
            if !node.title.contains(phrase.as_str()) {
                out.push(
                    Diagnostic::at(
                        Rule::EmphasisNotInTitle,
                        phrase.span,
                        format!(
                            "`{}` does not occur in the title of {}",
                            phrase.value, node.code.value
                        ),
                    )
                    .label("not in the title")
                    .related(node.title.span, "the title")
                    .help("copy the phrase exactly as the title writes it"),
                );
            }
        }
    }
}

/// Entries name publics from the contract's vocabulary only.
pub fn node_publics(contract: &Contract, out: &mut Vec<Diagnostic>) {
    if !contract.complete.contract_file {
        return;
    }
    for node in &contract.nodes {
        for public in &node.publics {
            unknown_public(contract, public, out);
        }
    }
}

/// The `unknown-public` finding for one public, shared with actions.
pub fn unknown_public(contract: &Contract, public: &Located<String>, out: &mut Vec<Diagnostic>) {
    if contract.has_public(public) {
        return;
    }
    out.push(unknown(
        Rule::UnknownPublic,
        (public, "unknown public"),
        format!(
            "`{}` is not in the contract's vocabulary of publics",
            public.value
        ),
        contract.publics.iter().map(|p| p.as_str()),
        || {
            format!(
                "add `\"{}\"` to `publics` in contrat.toml, or use one of its words",
                public.value
            )
        },
    ));
}

/// Quartier codes have the 2015 form (`QP` + département + 3 digits) or the
/// 2024 one (`QN` + département + 2 digits + a letter).
pub fn quartier_codes(contract: &Contract, out: &mut Vec<Diagnostic>) {
    for q in &contract.quartiers {
        let Some(code) = &q.code else {
            continue;
        };
        if code.trim().is_empty() || crate::ids::is_quartier_code(code) {
            continue;
        }
        out.push(
            Diagnostic::at(
                Rule::QuartierCode,
                code.span,
                format!("`{}` is not a quartier prioritaire code", code.value),
            )
            .label("neither `QP` nor `QN` form")
            .help("write the official code: `QP` and 6 characters for the 2015 list (`QP082001`), `QN` and 6 for the 2024 list (`QN08201M`), or leave `code` out until it is known"),
        );
    }
}

/// Each quartier lies in communes the contract declares.
pub fn quartier_communes(contract: &Contract, out: &mut Vec<Diagnostic>) {
    if !contract.complete.contract_file {
        return;
    }
    for q in &contract.quartiers {
        for commune in &q.communes {
            if contract.commune(commune).is_some() {
                continue;
            }
            let spellings = contract
                .communes
                .iter()
                .flat_map(|c| [c.insee.as_str(), c.name.as_str()]);
            let message = format!(
                "quartier `{}` lies in `{}`, which the contract does not declare",
                q.name.value, commune.value
            );
            let label = (commune, "unknown commune");
            let finding = unknown(Rule::UnknownCommune, label, message, spellings, || {
                if contract.communes.is_empty() {
                    format!(
                        "declare the commune in contrat.toml: `[[commune]]` with `insee = \"…\"` and `name = \"{}\"`",
                        commune.value
                    )
                } else {
                    format!(
                        "the communes are: {}; or declare this one as a `[[commune]]`",
                        contract
                            .communes
                            .iter()
                            .map(|c| format!("{} ({})", c.name.value, c.insee.value))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            });
            out.push(finding);
        }
    }
}

/// What the contract's means and projects name exists: the funders of the
/// droit commun, of the communes and of the EPCI; the quartiers and entries
/// of renewal projects.
pub fn means_references(contract: &Contract, out: &mut Vec<Diagnostic>) {
    if !contract.complete.contract_file {
        return;
    }
    let funders = contract
        .droit_commun
        .iter()
        .map(|d| &d.funder)
        .chain(contract.communes.iter().filter_map(|c| c.funder.as_ref()))
        .chain(contract.meta.epci.iter().filter_map(|e| e.funder.as_ref()));
    for funder in funders {
        unknown_funder(contract, funder, out);
    }
    for project in &contract.npnru {
        for quartier in &project.quartiers {
            unknown_quartier(contract, quartier, out);
        }
        for code in &project.serves {
            if contract.complete.pilier_files
                && contract.node(code.value).is_none()
                && !contract.skipped.codes.contains(&code.value)
            {
                out.push(unknown_code(contract, code));
            }
        }
    }
}
