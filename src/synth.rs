//! Synthetic contracts of any size, for benchmarks, fuzzing seeds and scale
//! tests (`cargo run --release --example generate -- --actions N OUT_DIR`).
//!
//! The shape follows a real contract's: piliers of four orientations of four
//! priorities (more piliers as the programmation grows, as when many contracts
//! are reviewed together), actions spread over the years with several funders,
//! quartiers, publics, indicators and comments. The output depends only on the
//! number of actions: the same call always gives the same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A small deterministic generator (64-bit LCG): no dependency, same output on
/// every machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const FUNDERS: [(&str, &str); 7] = [
    ("etat", "État — crédits politique de la ville (BOP 147)"),
    ("ville", "Ville"),
    ("agglo", "Communauté d'agglomération"),
    ("departement", "Département"),
    ("region", "Région"),
    ("caf", "Caisse d'allocations familiales"),
    ("bailleurs", "Bailleurs sociaux"),
];

const PUBLICS: [&str; 8] = [
    "jeunes",
    "jeunes filles",
    "femmes",
    "personnes âgées",
    "parents",
    "enfants",
    "demandeurs d'emploi",
    "habitants",
];

const VERBS: [&str; 8] = [
    "Ateliers",
    "Accompagnement",
    "Permanence",
    "Chantier",
    "Animation",
    "Forum",
    "Médiation",
    "Parcours",
];

const OBJECTS: [&str; 8] = [
    "de quartier",
    "vers l'emploi",
    "santé et prévention",
    "parentalité",
    "numérique inclusif",
    "sport et culture",
    "accès aux droits",
    "tranquillité publique",
];

const FIRST_YEAR: u64 = 2015;
const YEARS: u64 = 16;
const ORIENTATIONS: u64 = 4;
const PRIORITIES: u64 = 4;
const QUARTIERS: u64 = 12;

/// Piliers grow with the programmation, so that files stay of a realistic
/// size: three for a city, up to two hundred for a national review.
pub fn piliers_for(actions: u64) -> u64 {
    (actions / 5_000).clamp(3, 200)
}

fn contract_file(piliers: u64) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Synthetic contract written by `cargo run --example generate`."
    );
    let _ = writeln!(out, "title = \"Contrat de ville de synthèse\"");
    let _ = writeln!(out, "territory = \"Synthèse ({piliers} piliers)\"");
    let _ = writeln!(
        out,
        "period = {{ from = {FIRST_YEAR}, to = {} }}",
        FIRST_YEAR + YEARS - 1
    );
    let _ = writeln!(out, "language = \"fr\"");
    let publics: Vec<String> = PUBLICS.iter().map(|p| format!("\"{p}\"")).collect();
    let _ = writeln!(out, "publics = [{}]\n\n[funders]", publics.join(", "));
    for (id, name) in FUNDERS {
        let _ = writeln!(out, "{id} = \"{name}\"");
    }
    for t in 1..=3 {
        let _ = writeln!(
            out,
            "\n[[transversal]]\ncode = \"OT {t}\"\ntitle = \"Orientation transversale {t}\""
        );
    }
    for q in 1..=QUARTIERS {
        let _ = writeln!(
            out,
            "\n[[quartier]]\ncode = \"QP{:06}\"\nname = \"Quartier {q}\"\naliases = [\"Q{q}\"]",
            q
        );
    }
    out
}

fn pilier_head(p: u64) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Pilier {p} of the synthetic contract.\npilier = {p}\ntitle = \"Pilier de synthèse {p}\""
    );
    for o in 1..=ORIENTATIONS {
        let _ = writeln!(
            out,
            "\n[[orientation]]\ncode = \"OS {p}.{o}\"\ntitle = \"Orientation {p}.{o} : poursuivre les efforts\""
        );
        for n in 1..=PRIORITIES {
            let _ = writeln!(
                out,
                "\n[[priority]]\ncode = \"P {p}.{o}.{n}\"\ntitle = \"Priorité {p}.{o}.{n} : développer les actions de prévention.\"\nemphasis = [\"actions de prévention\"]\npublics = [\"jeunes\"]"
            );
            if n == 1 {
                let _ = writeln!(
                    out,
                    "protocole = [\n  {{ text = \"Engagement {p}.{o}\", mesure = {o} }},\n]"
                );
            }
        }
    }
    out
}

/// Appends one action whose main priority is in pilier `p`.
fn action(
    out: &mut String,
    r: &mut Random,
    p: u64,
    piliers: u64,
    index: u64,
    per_year: &mut [u64],
) {
    let year_slot = r.below(YEARS);
    let year = FIRST_YEAR + year_slot;
    per_year[year_slot as usize] += 1;
    let id = format!("{year}-{:06}", per_year[year_slot as usize]);
    let main = format!(
        "P {p}.{}.{}",
        1 + r.below(ORIENTATIONS),
        1 + r.below(PRIORITIES)
    );
    let mut priorities = vec![main];
    if r.below(3) == 0 {
        let q = 1 + r.below(piliers);
        priorities.push(format!(
            "P {q}.{}.{}",
            1 + r.below(ORIENTATIONS),
            1 + r.below(PRIORITIES)
        ));
        priorities.dedup();
    }
    let priorities: Vec<String> = priorities.iter().map(|c| format!("\"{c}\"")).collect();
    let cost_euros = 3_000 + r.below(117_000);
    let cost_cents = if r.below(5) == 0 { 50 } else { 0 };
    let _ = writeln!(out, "\n# Action {index}");
    let _ = writeln!(out, "[[action]]\nid = \"{id}\"");
    let _ = writeln!(
        out,
        "title = \"{} {} n° {index}\"",
        r.pick(&VERBS),
        r.pick(&OBJECTS)
    );
    let _ = writeln!(
        out,
        "porteur = \"Association de synthèse {}\"",
        1 + r.below(400)
    );
    let _ = writeln!(
        out,
        "year = {year}\npriorities = [{}]",
        priorities.join(", ")
    );
    if r.below(4) == 0 {
        let _ = writeln!(out, "transversal = [\"OT {}\"]", 1 + r.below(3));
    }
    let _ = writeln!(out, "quartiers = [\"QP{:06}\"]", 1 + r.below(QUARTIERS));
    let _ = writeln!(out, "publics = [\"{}\"]", r.pick(&PUBLICS));
    let _ = writeln!(out, "cost = {cost_euros}.{cost_cents:02}");
    let planned = 10 + r.below(200);
    let status = match r.below(10) {
        0 => "proposed",
        1 => "rejected",
        2..=5 => "completed",
        _ => "funded",
    };
    if status == "completed" {
        let _ = writeln!(
            out,
            "beneficiaries = {{ planned = {planned}, actual = {} }}",
            r.below(planned + 20)
        );
    } else {
        let _ = writeln!(out, "beneficiaries = {{ planned = {planned} }}");
    }
    let _ = writeln!(out, "status = \"{status}\"");
    if r.below(4) == 0 {
        let _ = writeln!(out, "tags = [\"synthèse\", \"lot-{}\"]", r.below(20));
    }
    // Funding voted: two or three funders, never above the cost.
    let _ = writeln!(out, "\n[action.funding]");
    let mut left = cost_euros;
    for k in 0..(2 + r.below(2)) {
        // Funders 0–2, 3–5, then 6: never the same one twice in a table.
        let pick = if k < 2 { k * 3 + r.below(3) } else { 6 };
        let (id, _) = FUNDERS[pick as usize];
        let amount = left / 3 + r.below(left / 6 + 1);
        left -= amount;
        let _ = writeln!(out, "{id} = {amount}");
    }
    if r.below(3) == 0 {
        let _ = writeln!(
            out,
            "\n[[action.indicator]]\nname = \"participants\"\ntarget = {planned}"
        );
        if status == "completed" {
            let _ = writeln!(out, "actual = {}", r.below(planned + 10));
        }
        let _ = writeln!(out, "unit = \"personnes\"");
    }
}

/// The files of a synthetic contract of `actions` actions, as (file name, text).
pub fn files(actions: u64) -> Vec<(String, String)> {
    let piliers = piliers_for(actions);
    let mut r = Random(0x5eed_c0de ^ actions);
    let mut texts: Vec<String> = (1..=piliers).map(pilier_head).collect();
    let mut per_year = vec![0u64; YEARS as usize];
    for index in 0..actions {
        let p = 1 + index % piliers;
        action(
            &mut texts[(p - 1) as usize],
            &mut r,
            p,
            piliers,
            index,
            &mut per_year,
        );
    }
    let mut files = vec![("contrat.toml".to_owned(), contract_file(piliers))];
    files.extend(
        texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| (format!("{:03}-pilier.toml", i + 1), text)),
    );
    files
}

/// Writes a synthetic contract of `actions` actions into `folder`; returns the
/// paths written and their total size in bytes.
pub fn write(actions: u64, folder: &Path) -> std::io::Result<(Vec<PathBuf>, usize)> {
    std::fs::create_dir_all(folder)?;
    let mut paths = Vec::new();
    let mut bytes = 0;
    for (name, text) in files(actions) {
        let path = folder.join(name);
        bytes += text.len();
        std::fs::write(&path, text)?;
        paths.push(path);
    }
    Ok((paths, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{self, Options};
    use crate::load::{self, MemoryFile};

    /// Every size the benchmarks use gives a contract that passes `check`, with
    /// exactly the actions asked for.
    #[test]
    fn synthetic_contracts_are_valid() {
        for actions in [0, 1, 1_000, 12_345] {
            let folder = Path::new("synth");
            let files = files(actions)
                .into_iter()
                .map(|(name, text)| MemoryFile {
                    path: folder.join(name),
                    bytes: text.into_bytes(),
                })
                .collect();
            let mut loaded = load::load_memory(folder, files);
            check::run(
                &mut loaded,
                Options {
                    deny_warnings: true,
                },
            );
            let findings: Vec<String> = loaded
                .diagnostics
                .iter()
                .take(3)
                .map(|d| d.message.clone())
                .collect();
            assert!(findings.is_empty(), "{actions} actions: {findings:?}");
            assert_eq!(loaded.contract.actions.len() as u64, actions);
            assert_eq!(
                loaded
                    .contract
                    .level(crate::model::CodeKind::Level(0))
                    .count() as u64,
                piliers_for(actions)
            );
        }
    }

    #[test]
    fn output_depends_only_on_the_size() {
        assert_eq!(files(500), files(500));
        assert_ne!(files(500), files(501));
    }
}
