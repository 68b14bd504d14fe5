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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_ligatures_do_not_count() {
        assert_eq!(fold("Cœur de Ville"), "coeur de ville");
        assert_eq!(fold("ÉDUCATION"), "education");
        assert_eq!(fold("Année"), "annee");
        assert_eq!(fold("Ça"), "ca");
        assert_eq!(fold("naïve façade"), "naive facade");
    }

    #[test]
    fn words_and_keys() {
        assert_eq!(words(" Coût_total: "), "cout total");
        assert_eq!(words("Bénéficiaires  prévus"), "beneficiaires prevus");
        assert_eq!(words("Libellé de l'action"), "libelle de l action");
        assert_eq!(key("Médiathèque - Chambord"), key("médiathèque-chambord"));
        assert_eq!(key("Cœur de Ville"), key("coeur-de-ville"));
        assert_eq!(key("QP082002"), "qp082002");
    }
}
