//! The one way to compare names that people write differently: case, accents,
//! ligatures, spaces and dashes do not count. `Cœur de Ville`, `coeur de ville`
//! and `COEUR-DE-VILLE` are one name.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, without accents, ligatures spelled out: `Cœur` → `coeur`,
/// `Éducation` → `education`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            '\u{a0}' | '\u{202f}' => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// [`fold`], with `_`, `-`, apostrophes and dots read as spaces and runs of
/// spaces as one: a heading `Coût_total :` reads `cout total`.
pub fn words(text: &str) -> String {
    fold(text)
        .replace(['_', '-', '\'', '’', '.', ':'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`fold`] without any space or separator: the key under which a quartier's
/// spellings are looked up (`Médiathèque - Chambord` = `mediathequechambord`).
pub fn key(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Leading words that say what kind of organisation a name is, not which:
/// `ASS.`, `ASSOC`, `Association`.
const LEGAL_FORMS: [&str; 4] = ["association", "assoc", "asso", "ass"];

/// A name as it designates an organisation: [`fold`], punctuation read as
/// spaces, and a leading legal form left out. `ASSOC AMISS`, `Association
/// Amiss` and `ass. amiss` are `amiss`.
pub fn organisation(text: &str) -> String {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let skip = usize::from(words.len() > 1 && LEGAL_FORMS.contains(&words[0]));
    words[skip..].join(" ")
}

/// How long a name cut short must still be to stand for the whole: the
/// State's systems cut names at 40 characters.
const CUT_AT_LEAST: usize = 30;

/// Whether two names are those of one organisation: the same as
/// [`organisation`] reads them (`AUBE CLAIRE`, `Association Aube Claire`), or
/// one cut short of the other, as the State's files write long names
/// (`GRAND MONTAUBAN COMMUNAUTE D AGGLOMERATI`).
pub fn same_organisation(a: &str, b: &str) -> bool {
    let (a, b) = (organisation(a), organisation(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= CUT_AT_LEAST && long.starts_with(&short)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::maps;

    #[test]
    fn accents_case_and_ligatures_do_not_count() {
        maps(
            fold,
            [
                ("Cœur de Ville", "coeur de ville"),
                ("ÉDUCATION", "education"),
                ("Année", "annee"),
                ("Ça", "ca"),
                ("naïve façade", "naive facade"),
            ],
        );
    }

    #[test]
    fn words_and_keys() {
        maps(
            words,
            [
                (" Coût_total: ", "cout total"),
                ("Bénéficiaires  prévus", "beneficiaires prevus"),
                ("Libellé de l'action", "libelle de l action"),
            ],
        );
        assert_eq!(key("Médiathèque - Chambord"), key("médiathèque-chambord"));
        assert_eq!(key("Cœur de Ville"), key("coeur-de-ville"));
        assert_eq!(key("QP082002"), "qp082002");
    }

    #[test]
    fn organisations_whatever_the_spelling() {
        maps(
            organisation,
            [
                ("ASS. MAISON DES ADOLESCENTS", "maison des adolescents"),
                ("Association Aube Claire", "aube claire"),
                ("ASSOC AMISS", "amiss"),
                ("Association", "association"),
            ],
        );
        assert!(same_organisation("AUBE CLAIRE", "Association Aube Claire"));
        assert!(same_organisation(
            "ASSOC MONTAUBAN SERVICES",
            "MONTAUBAN SERVICES"
        ));
        assert!(same_organisation("L'Étoile", "ASS. L ETOILE"));
        // Cut at 40 characters by the State's systems.
        assert!(same_organisation(
            "GRAND MONTAUBAN COMMUNAUTE D AGGLOMERATI",
            "Grand Montauban Communauté d'agglomération"
        ));
        assert!(!same_organisation(
            "EPICE 82",
            "EPICE 82 - DROGUES ET SOCIETE"
        ));
        assert!(!same_organisation("Aube", "Aube Claire"));
        assert!(!same_organisation("", "Association"));
    }
}
