//! The shapes of the real files an officer imports: the ANCT's base of the
//! actions funded by the State credits, the Gispro (Dauphin back office)
//! export, Data.Subvention's CSV of an association's grants, and the ANCT's
//! open data of FONJEP and adultes-relais posts. Each profile names the
//! headings of its file exactly as the file writes them, and the field each
//! goes to; `detect` recognises a profile from a file's headings (or, for the
//! two post files whose keys are the same, from the post numbers).
//!
//! Also here: what selects and cleans the rows of a national file before
//! they are read (`--where`, `--map-value`), and the count of the messy rows
//! met on the way, so that none is silently kept twice or dropped.

use crate::fold;
use crate::import::sheet::{Cell, Sheet};

/// A file's shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Profile {
    /// The ANCT's base of the actions funded by the State credits
    AnctActions,
    /// The Gispro (Dauphin back office) export: dossiers, Chorus EJ, SIRET
    Gispro,
    /// Data.Subvention: an association's grants, `;`-separated CSV
    #[value(name = "datasubvention")]
    DataSubvention,
    /// The ANCT's open data of FONJEP posts (JSON)
    AnctFonjep,
    /// The ANCT's open data of adultes-relais posts (JSON)
    AnctAdultesRelais,
    /// Context indicators of the quartiers, a row per quartier, indicator and year
    QuartierIndicators,
    /// What `contrat export` writes: a row per action and funder
    ContratExport,
}

/// What the rows of a file become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Records {
    /// Entries of the contract (read by [`crate::import::read`]).
    Entries(Entries),
    /// Figures of the quartiers' context indicators (read by
    /// [`crate::import::indicators`]).
    Indicators,
}

/// The entries of the contract the rows of a file become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entries {
    /// Actions of the programmation (the city's spreadsheet, the ANCT's
    /// actions, Data.Subvention).
    Actions,
    /// Posts of one kind.
    Posts(crate::model::PostKind),
    /// Facts about dossiers the contract holds already (Gispro: the EJ, the
    /// SIRET, the amount committed), matched by dossier number.
    Updates,
}

/// The headings of the ANCT's open data of posts, the same for FONJEP and
/// adultes-relais but for what `code_tiers` holds.
macro_rules! anct_posts {
    ($code_tiers:literal) => {
        &[
            ("id_poste", "post"),
            ("code_tiers", $code_tiers),
            ("raison_sociale", "porteur"),
            ("montant", "post_amount"),
            ("annee", "year"),
            ("code_cv", "ignore"),
            ("insee_dep", "ignore"),
            ("insee_reg", "ignore"),
        ]
    };
}

impl Profile {
    pub const ALL: [Profile; 7] = [
        Profile::AnctActions,
        Profile::Gispro,
        Profile::DataSubvention,
        Profile::AnctFonjep,
        Profile::AnctAdultesRelais,
        Profile::QuartierIndicators,
        Profile::ContratExport,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Profile::AnctActions => "anct-actions",
            Profile::Gispro => "gispro",
            Profile::DataSubvention => "datasubvention",
            Profile::AnctFonjep => "anct-fonjep",
            Profile::AnctAdultesRelais => "anct-adultes-relais",
            Profile::QuartierIndicators => "quartier-indicators",
            Profile::ContratExport => "contrat-export",
        }
    }

    pub fn records(self) -> Records {
        match self {
            Profile::AnctActions | Profile::DataSubvention | Profile::ContratExport => {
                Records::Entries(Entries::Actions)
            }
            Profile::Gispro => Records::Entries(Entries::Updates),
            Profile::AnctFonjep => Records::Entries(Entries::Posts(crate::model::PostKind::Fonjep)),
            Profile::AnctAdultesRelais => {
                Records::Entries(Entries::Posts(crate::model::PostKind::AdultesRelais))
            }
            Profile::QuartierIndicators => Records::Indicators,
        }
    }

    /// The headings of the file, as it writes them, and the field of each
    /// (a field name of `--map`): `ignore` for what the contract does not
    /// keep, and what `--where` reads (`Code contrat ville`, `code_cv`).
    pub fn headings(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Profile::AnctActions => &[
                ("N°", "ignore"),
                ("Numéro de l'action PRJ", "dossier"),
                ("Libellé de l'action", "title"),
                ("Raison sociale longue", "porteur"),
                ("Type de tiers", "ignore"),
                ("Code contrat ville", "ignore"),
                ("Libellé contrat ville", "ignore"),
                ("Thème", "theme"),
                ("Sous-thèmes", "sub_theme"),
                ("Mt engagé", "funding:etat"),
                ("Région", "ignore"),
            ],
            Profile::Gispro => &[
                ("EJ CHORUS", "chorus_ej"),
                ("Action de demande - Code dossier", "dossier"),
                ("Numéro De l'Action Prj", "dossier"),
                ("Action - Code dossier", "dossier"),
                ("Direction du gestionnaire du dossier", "ignore"),
                ("Code SIRET", "siret"),
                ("Projet - Code dossier", "ignore"),
                ("Libellé de la famille de procédure", "ignore"),
                ("Montant engagé", "funding:etat"),
                ("Mt engagé", "funding:etat"),
                ("Type de tiers", "ignore"),
            ],
            Profile::DataSubvention => &[
                ("Nom de l'association", "porteur"),
                ("RNA de l'association", "rna"),
                ("Adresse de l'établissement", "ignore"),
                ("Exercice de la demande", "year"),
                ("Siret", "siret"),
                ("Code postal demandeur", "ignore"),
                ("Service instructeur", "ignore"),
                ("Dispositif", "ignore"),
                ("Intitulé de l'action", "title"),
                ("Montant demandé", "requested:etat"),
                ("Montant accordé", "funding:etat"),
                ("Statut de la demande", "status"),
                ("Montant versé", "paid:etat"),
                ("Centre financier du dernier paiement", "ignore"),
                ("Date du dernier paiement", "date_paid"),
                ("Programme des paiements", "ignore"),
            ],
            // FONJEP rows repeat the employer's name in `code_tiers`, not a SIRET.
            Profile::AnctFonjep => anct_posts!("ignore"),
            Profile::AnctAdultesRelais => anct_posts!("siret"),
            // The columns of `render::export::COLUMNS`, under both trees'
            // names: one row per action and funder, read back as one action.
            Profile::ContratExport => &[
                ("id", "id"),
                ("year", "year"),
                ("title", "title"),
                ("porteur", "porteur"),
                ("main_priority", "ignore"),
                ("main", "ignore"),
                ("priorities", "priorities"),
                ("serves", "priorities"),
                ("quartiers", "quartiers"),
                ("publics", "publics"),
                ("status", "status"),
                ("cost", "cost"),
                ("funder", "funder"),
                ("requested", "requested"),
                ("voted", "voted"),
            ],
            // No one file: the spellings of the tables officers build from
            // the Observatoire's, SIG Ville's and INSEE's figures.
            Profile::QuartierIndicators => &[
                ("Quartier", "quartier"),
                ("Code quartier", "quartier"),
                ("Code du quartier", "quartier"),
                ("Quartier prioritaire", "quartier"),
                ("QPV", "quartier"),
                ("Code QPV", "quartier"),
                ("Code QP", "quartier"),
                ("Indicateur", "indicator"),
                ("Indicator", "indicator"),
                ("Libellé de l'indicateur", "indicator"),
                ("Année", "year"),
                ("Annee", "year"),
                ("Millésime", "year"),
                ("Year", "year"),
                ("Valeur", "value"),
                ("Value", "value"),
                ("Unité", "unit"),
                ("Unit", "unit"),
                ("Source", "source"),
            ],
        }
    }

    /// The field of a heading of this profile's file, if it is one of its
    /// headings (compared as [`fold::words`] does).
    pub fn field(self, heading: &str) -> Option<&'static str> {
        let folded = fold::words(heading);
        self.headings()
            .iter()
            .find(|(h, _)| fold::words(h) == folded)
            .map(|(_, f)| *f)
    }
}

/// The profile a file's headings show, if any: the first row of a sheet,
/// the keys of a JSON file. The two post files have the same keys: their post
/// numbers tell them apart (`08212R000102` for adultes-relais, `D01935` for
/// FONJEP).
pub fn detect(sheet: &Sheet) -> Option<Profile> {
    let mut rows = sheet
        .rows
        .iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    let (_, headings) = rows.next()?;
    let folded: Vec<String> = headings.iter().map(|c| fold::words(&c.text())).collect();
    let has = |h: &str| folded.contains(&fold::words(h));
    if has("id_poste") && has("raison_sociale") {
        let column = folded.iter().position(|h| *h == fold::words("id_poste"))?;
        let (mut relais, mut fonjep) = (0usize, 0usize);
        for (_, cells) in rows.take(200) {
            let id = cells.get(column).map(Cell::text).unwrap_or_default();
            if adulte_relais_number(&id) {
                relais += 1;
            } else if fonjep_number(&id) {
                fonjep += 1;
            }
        }
        return match (relais, fonjep) {
            (0, 0) => None,
            (r, f) if r >= f => Some(Profile::AnctAdultesRelais),
            _ => Some(Profile::AnctFonjep),
        };
    }
    if has("Code contrat ville") && has("Libellé de l'action") {
        return Some(Profile::AnctActions);
    }
    if has("EJ CHORUS")
        || has("Action de demande - Code dossier")
        || has("Action - Code dossier")
        || (has("Code SIRET") && (has("Montant engagé") || has("Mt engagé")))
    {
        return Some(Profile::Gispro);
    }
    if has("RNA de l'association") || has("Exercice de la demande") {
        return Some(Profile::DataSubvention);
    }
    if (has("main_priority") || has("main")) && has("funder") && has("voted") {
        return Some(Profile::ContratExport);
    }
    let field = |f: &str| {
        folded
            .iter()
            .any(|h| Profile::QuartierIndicators.field(h) == Some(f))
    };
    if field("quartier") && field("indicator") && field("value") {
        return Some(Profile::QuartierIndicators);
    }
    None
}

/// An adulte-relais post number: département (3), year (2), `R`, 6 digits:
/// `08212R000102`.
pub fn adulte_relais_number(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 12
        && b[5].eq_ignore_ascii_case(&b'R')
        && b[..5].iter().chain(&b[6..]).all(u8::is_ascii_digit)
}

/// A FONJEP post number: a letter and 5 digits, `D01935`, `F00405`.
pub fn fonjep_number(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 6 && b[0].is_ascii_alphabetic() && b[1..].iter().all(u8::is_ascii_digit)
}

/// `--where KEY=VALUE`: keep the rows whose column `KEY` holds `VALUE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Where {
    pub key: String,
    pub value: String,
}

impl Where {
    pub fn parse(text: &str) -> Result<Where, String> {
        match text.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => Ok(Where {
                key: k.trim().to_owned(),
                value: v.trim().to_owned(),
            }),
            _ => Err(format!(
                "invalid value `{text}` for --where: write KEY=VALUE, such as `code_cv=CV307`"
            )),
        }
    }

    /// Whether a cell holds the value: the whole cell, or one of the codes
    /// it runs together (`CV380CV384` holds `CV380` and `CV384`) or
    /// separates with `/`, `,`, `;` or `|`; without regard to case, accents
    /// or spaces.
    pub fn holds(&self, cell: &str) -> bool {
        let wanted = fold::key(&self.value);
        if wanted.is_empty() {
            return false;
        }
        if fold::key(cell) == wanted {
            return true;
        }
        codes(cell).iter().any(|c| fold::key(c) == wanted)
    }
}

/// The codes a cell holds: parts separated by `/`, `,`, `;` or `|`, and in
/// each part the runs of a code's letters and digits written together
/// (`CV380CV384`).
pub fn codes(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in cell.split(['/', ',', ';', '|']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        out.push(part.to_owned());
        // `CV380CV384`: a new code starts where letters follow digits.
        let chars: Vec<char> = part.chars().filter(|c| !c.is_whitespace()).collect();
        let mut runs: Vec<String> = Vec::new();
        let mut current = String::new();
        for (i, &c) in chars.iter().enumerate() {
            if i > 0 && c.is_alphabetic() && chars[i - 1].is_ascii_digit() {
                runs.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
        runs.push(current);
        if runs.len() > 1 {
            out.extend(runs);
        }
    }
    out
}

/// `--map-value 'COLUMN=FROM:TO'`: in column `COLUMN`, a cell that says
/// `FROM` (without regard to case or accents) is read as `TO`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapValue {
    pub column: String,
    pub from: String,
    pub to: String,
}

impl MapValue {
    pub fn parse(text: &str) -> Result<MapValue, String> {
        let bad = || {
            format!(
                "invalid value `{text}` for --map-value: write COLUMN=FROM:TO, such as `Statut=Justifiée:completed`"
            )
        };
        let (column, rest) = text.split_once('=').ok_or_else(bad)?;
        // The last `:` splits: a value may hold one (`Statut : A justifier`).
        let (from, to) = rest.rsplit_once(':').ok_or_else(bad)?;
        if column.trim().is_empty() || from.trim().is_empty() || to.trim().is_empty() {
            return Err(bad());
        }
        Ok(MapValue {
            column: column.trim().to_owned(),
            from: from.trim().to_owned(),
            to: to.trim().to_owned(),
        })
    }

    pub fn applies(&self, heading: &str, cell: &str) -> bool {
        fold::words(heading) == fold::words(&self.column)
            && fold::words(cell) == fold::words(&self.from)
    }
}

/// The column of each `--where` condition, read as raw cells by heading
/// whatever their field; a condition on a column the file lacks is an
/// error naming the columns it has.
pub fn where_columns<'w>(
    heading_row: usize,
    headings: &[String],
    wheres: &'w [Where],
    messy: &mut Messy,
    errors: &mut Vec<crate::import::RowError>,
) -> Vec<(usize, &'w Where)> {
    let mut out = Vec::new();
    for w in wheres {
        messy.lacking.push((w.key.clone(), Vec::new()));
        match headings
            .iter()
            .position(|h| fold::words(h) == fold::words(&w.key))
        {
            Some(i) => out.push((i, w)),
            None => errors.push(crate::import::RowError {
                row: heading_row,
                column: None,
                message: format!(
                    "--where {}={}: the file has no column \"{}\"; its columns are: {}",
                    w.key,
                    w.value,
                    w.key,
                    headings
                        .iter()
                        .filter(|h| !h.is_empty())
                        .map(|h| format!("\"{h}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        }
    }
    out
}

/// A row as `--map-value` reads it, or `None` when a `--where` condition
/// (with its column) leaves it out: counted in `messy` as another
/// contract's row, or as a row without the key.
pub fn select(
    row: usize,
    cells: &[Cell],
    headings: &[String],
    map_values: &[MapValue],
    wheres: &[(usize, &Where)],
    messy: &mut Messy,
) -> Option<Vec<Cell>> {
    let cells: Vec<Cell> = cells
        .iter()
        .enumerate()
        .map(|(i, cell)| {
            let heading = headings.get(i).map_or("", String::as_str);
            match map_values.iter().find(|m| m.applies(heading, &cell.text())) {
                Some(m) => Cell::Text(m.to.clone()),
                None => cell.clone(),
            }
        })
        .collect();
    for (i, w) in wheres {
        let text = cells.get(*i).map(Cell::text).unwrap_or_default();
        if text.is_empty() {
            if let Some((_, rows)) = messy.lacking.iter_mut().find(|(k, _)| *k == w.key) {
                rows.push(row);
            }
            return None;
        }
        if !w.holds(&text) {
            messy.elsewhere += 1;
            return None;
        }
    }
    Some(cells)
}

/// The rows of a file that were not read as they stand, each counted and
/// said: a national file holds rows of every contract, rows without the key
/// `--where` reads, rows repeated word for word, and posts whose number
/// another employer's row carries too.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Messy {
    /// Rows whose `--where` column holds another value: other contracts'.
    pub elsewhere: usize,
    /// For each `--where` key, the rows without it (no value, or no key at
    /// all): they belong to no contract, and are not imported.
    pub lacking: Vec<(String, Vec<usize>)>,
    /// `(row, earlier row)`: a row that repeats an earlier one exactly,
    /// read once.
    pub repeats: Vec<(usize, usize)>,
    /// `(row, earlier row, post number)`: a post whose number an earlier row
    /// gives to another employer; the earlier row is kept.
    pub shared_posts: Vec<(usize, usize, String)>,
    /// `(row, dossier)`: a row about a dossier no action of the contract
    /// holds (a Gispro export lists dossiers of every contract).
    pub unknown_dossiers: Vec<(usize, String)>,
    /// `(row, code)`: a row about a quartier of another contract (an
    /// official code the contract does not hold), as a table of a
    /// département's or the nation's quartiers has.
    pub other_quartiers: Vec<(usize, String)>,
    /// Headings of a known file the contract keeps nothing of (left out).
    pub ignored_columns: Vec<String>,
}

impl Messy {
    pub fn is_empty(&self) -> bool {
        self.lacking.iter().all(|(_, rows)| rows.is_empty())
            && self.repeats.is_empty()
            && self.shared_posts.is_empty()
            && self.unknown_dossiers.is_empty()
            && self.other_quartiers.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sheet::json_records;

    #[test]
    fn a_post_shared_by_two_contracts_belongs_to_both() {
        let w = Where::parse("code_cv=CV380").unwrap();
        assert!(w.holds("CV380"));
        assert!(w.holds("CV380CV384"));
        assert!(w.holds("CV384CV380"));
        assert!(w.holds("cv380 / CV384"));
        assert!(!w.holds("CV3800"));
        assert!(!w.holds("CV038"));
        assert!(!w.holds(""));
        let w = Where::parse("code_cv=CV384").unwrap();
        assert!(w.holds("CV380CV384"));
        assert_eq!(codes("CV380CV384"), ["CV380CV384", "CV380", "CV384"]);
        assert!(Where::parse("code_cv").is_err());
        assert!(Where::parse("=CV307").is_err());
    }

    #[test]
    fn map_values() {
        let m = MapValue::parse("Statut=Justifiée:completed").unwrap();
        assert_eq!(
            (m.column.as_str(), m.from.as_str(), m.to.as_str()),
            ("Statut", "Justifiée", "completed")
        );
        assert!(m.applies("statut", "JUSTIFIEE"));
        assert!(!m.applies("Statut", "A justifier"));
        let colon = MapValue::parse("Statut=Etat : A justifier:funded").unwrap();
        assert_eq!(colon.from, "Etat : A justifier");
        assert!(MapValue::parse("Statut=Justifiée").is_err());
        assert!(MapValue::parse("Statut=:funded").is_err());
    }

    #[test]
    fn post_numbers() {
        assert!(adulte_relais_number("08212R000102"));
        assert!(!adulte_relais_number("D01935"));
        assert!(fonjep_number("D01935"));
        assert!(fonjep_number("F00405"));
        assert!(!fonjep_number("08212R000102"));
    }

    #[test]
    fn profiles_from_headings_and_keys() {
        let csv = |headings: &str| crate::import::sheet::csv_text(headings).unwrap();
        assert_eq!(
            detect(&csv(
                "N°;Numéro de l'action PRJ;Libellé de l'action;Raison sociale longue;Type de tiers;Code contrat ville;Libellé contrat ville;Thème;Sous-thèmes;Mt engagé;Région\n"
            )),
            Some(Profile::AnctActions)
        );
        assert_eq!(
            detect(&csv(
                "EJ CHORUS;Action de demande - Code dossier;Direction du gestionnaire du dossier;Code SIRET;Projet - Code dossier;Libellé de la famille de procédure;Montant engagé;Type de tiers\n"
            )),
            Some(Profile::Gispro)
        );
        assert_eq!(
            detect(&csv(
                "Nom de l'association;RNA de l'association;Adresse de l'établissement;Exercice de la demande;Siret;Code postal demandeur;Service instructeur;Dispositif;Intitulé de l'action;Montant demandé;Montant accordé;Statut de la demande;Montant versé;Centre financier du dernier paiement;Date du dernier paiement;Programme des paiements\n"
            )),
            Some(Profile::DataSubvention)
        );
        assert_eq!(detect(&csv("Intitulé;Porteur;Priorité\nA;B;1.1.1\n")), None);
        let posts = |id: &str| {
            json_records(
                format!(
                    r#"[{{"id_poste": "{id}", "code_tiers": "X", "raison_sociale": "X", "montant": 1, "annee": 2021, "code_cv": "CV307"}}]"#
                )
                .as_bytes(),
            )
            .unwrap()
        };
        assert_eq!(
            detect(&posts("08212R000102")),
            Some(Profile::AnctAdultesRelais)
        );
        assert_eq!(detect(&posts("D01935")), Some(Profile::AnctFonjep));
    }

    #[test]
    fn every_heading_of_a_profile_reads_its_field() {
        for profile in Profile::ALL {
            for (heading, field) in profile.headings() {
                assert_eq!(profile.field(heading), Some(*field), "{heading}");
            }
        }
        assert_eq!(
            Profile::Gispro.field("numéro de l'action prj"),
            Some("dossier")
        );
    }
}
