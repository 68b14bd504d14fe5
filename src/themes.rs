//! The national themes: the ANCT's nomenclature of the State credits of the
//! politique de la ville, built in. A theme (`1`), its sub-themes (`1.1`),
//! and for one of them sub-sub-themes (`1.5a`, `1.5b`). Any entry of a
//! contract's tree may name the sub-theme it falls under, and an action its
//! own, so that the programmation can be read in the State's terms
//! (`contrat coverage --by theme`).

use crate::fold;
use crate::model::{Action, Code, Contract};

/// One entry of the nomenclature.
#[derive(Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Theme {
    /// `1`, `1.1`, `1.5a`.
    pub code: &'static str,
    /// As the ANCT writes it.
    pub title: &'static str,
}

/// The nomenclature, in its order.
pub const THEMES: &[Theme] = &[
    Theme {
        code: "1",
        title: "Cohésion sociale",
    },
    Theme {
        code: "1.1",
        title: "Éducation",
    },
    Theme {
        code: "1.2",
        title: "Santé",
    },
    Theme {
        code: "1.3",
        title: "Parentalité et droits sociaux",
    },
    Theme {
        code: "1.4",
        title: "Culture et expression artistique",
    },
    Theme {
        code: "1.5",
        title: "Lien social, citoyenneté et participation des habitants",
    },
    Theme {
        code: "1.5a",
        title: "Jeunesse",
    },
    Theme {
        code: "1.5b",
        title: "Sport et loisir",
    },
    Theme {
        code: "1.6",
        title: "Prévention et lutte contre les discriminations liées à l'origine et à l'adresse",
    },
    Theme {
        code: "2",
        title: "Développement économique et emploi",
    },
    Theme {
        code: "2.1",
        title: "Emploi",
    },
    Theme {
        code: "2.2",
        title: "Développement économique",
    },
    Theme {
        code: "3",
        title: "Cadre de vie et renouvellement urbain",
    },
    Theme {
        code: "3.1",
        title: "Cadre de vie et renouvellement urbain",
    },
    Theme {
        code: "3.2",
        title: "Tranquillité et sûreté publique",
    },
    Theme {
        code: "4",
        title: "Pilotage, ingénierie, ressources et évaluations",
    },
    Theme {
        code: "4.1",
        title: "Pilotage, ingénierie, ressources et évaluations",
    },
    Theme {
        code: "4.2",
        title: "Structures mutualisatrices",
    },
];

impl Theme {
    /// The entry of a code, exactly as the nomenclature writes it.
    pub fn by_code(code: &str) -> Option<&'static Theme> {
        THEMES.iter().find(|t| t.code == code)
    }

    /// The entry a text names: its code (`1.1`, `1.5A`), its code and
    /// title (`1.1 Éducation`, `1.1 - Éducation`), or its title alone
    /// (`Éducation`, `SPORT ET LOISIR`). A title the nomenclature gives
    /// twice (a theme and its one sub-theme) names the sub-theme.
    pub fn parse(text: &str) -> Option<&'static Theme> {
        let text = text.trim();
        let lower = text.to_lowercase();
        let lower = lower
            .strip_prefix("thème")
            .or_else(|| lower.strip_prefix("theme"))
            .unwrap_or(&lower)
            .trim_start();
        let code_part = lower
            .split(|c: char| c.is_whitespace() || c == '-')
            .next()
            .unwrap_or("")
            .trim_end_matches(['.', ':']);
        if let Some(theme) = Theme::by_code(code_part) {
            return Some(theme);
        }
        let words = fold::words(text);
        let found: Vec<&Theme> = THEMES
            .iter()
            .filter(|t| fold::words(t.title) == words)
            .collect();
        found.last().copied()
    }

    /// The entry above: `1.5` for `1.5a`, `1` for `1.5`; none for a theme.
    pub fn parent(&self) -> Option<&'static Theme> {
        let code = self.code;
        let up = if code.ends_with(|c: char| c.is_ascii_alphabetic()) {
            &code[..code.len() - 1]
        } else {
            code.rsplit_once('.').map(|(a, _)| a)?
        };
        Theme::by_code(up)
    }

    /// The theme it falls under (itself for a theme): `1` for `1.5a`.
    pub fn top(&'static self) -> &'static Theme {
        let mut t = self;
        while let Some(p) = t.parent() {
            t = p;
        }
        t
    }

    /// Whether it lies within another entry (or is it).
    pub fn is_within(&'static self, other: &Theme) -> bool {
        let mut t = Some(self);
        while let Some(x) = t {
            if x == other {
                return true;
            }
            t = x.parent();
        }
        false
    }

    /// Theme 4 (pilotage, ingénierie, structures mutualisatrices): actions
    /// that serve the contract as a whole, legitimately without a priority.
    pub fn is_steering(&'static self) -> bool {
        self.top().code == "4"
    }

    /// `1.1 Éducation`.
    pub fn label(&self) -> String {
        format!("{} {}", self.code, self.title)
    }
}

impl Contract {
    /// The national theme an entry of the tree falls under: the one it
    /// names, or else the nearest an entry above it names.
    pub fn theme_of(&self, code: Code) -> Option<&'static Theme> {
        let mut current = Some(code);
        while let Some(c) = current {
            if let Some((_, t)) = self.themes.iter().find(|(k, _)| *k == c) {
                return Some(t.value);
            }
            current = self.parent(c);
        }
        None
    }

    /// The national theme of an action: its own, or else its main
    /// priority's.
    pub fn action_theme(&self, action: &Action) -> Option<&'static Theme> {
        action
            .grant
            .theme
            .as_ref()
            .map(|t| t.value)
            .or_else(|| action.main().and_then(|c| self.theme_of(c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_as_files_write_them() {
        let code = |t: Option<&Theme>| t.map(|t| t.code);
        assert_eq!(code(Theme::parse("1.1")), Some("1.1"));
        assert_eq!(code(Theme::parse("1.5A")), Some("1.5a"));
        assert_eq!(code(Theme::parse("1.1 Éducation")), Some("1.1"));
        assert_eq!(code(Theme::parse("1.1 - Éducation")), Some("1.1"));
        assert_eq!(code(Theme::parse("Éducation")), Some("1.1"));
        assert_eq!(code(Theme::parse("SPORT ET LOISIR")), Some("1.5b"));
        assert_eq!(code(Theme::parse("Cohésion sociale")), Some("1"));
        // A title a theme shares with its one sub-theme names the sub-theme.
        assert_eq!(
            code(Theme::parse("Structures mutualisatrices")),
            Some("4.2")
        );
        assert_eq!(
            code(Theme::parse(
                "Pilotage, ingénierie, ressources et évaluations"
            )),
            Some("4.1")
        );
        assert_eq!(code(Theme::parse("Thème 3")), Some("3"));
        assert_eq!(Theme::parse("1.9"), None);
        assert_eq!(Theme::parse("Logement"), None);
    }

    #[test]
    fn the_tree_of_the_nomenclature() {
        let t = |c| Theme::by_code(c).unwrap();
        assert_eq!(t("1.5a").parent().map(|p| p.code), Some("1.5"));
        assert_eq!(t("1.5").parent().map(|p| p.code), Some("1"));
        assert_eq!(t("1").parent(), None);
        assert_eq!(t("1.5b").top().code, "1");
        assert!(t("1.5a").is_within(t("1")));
        assert!(!t("1.5a").is_within(t("1.6")));
        assert!(t("4.2").is_steering());
        assert!(!t("3.2").is_steering());
        assert_eq!(THEMES.len(), 18);
    }
}
