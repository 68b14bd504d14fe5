//! Every label a report prints, in English and French. Contract text is never
//! translated: only the words around it.

use crate::model::{CodeKind, Labels, Language};

macro_rules! labels {
    ($( $variant:ident = $en:literal, $fr:literal; )*) => {
        /// A label of a report or table.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Label { $( $variant, )* }

        impl Label {
            pub const ALL: &'static [Label] = &[ $( Label::$variant, )* ];

            pub fn text(self, lang: Language) -> &'static str {
                match (self, lang) {
                    $( (Label::$variant, Language::En) => $en,
                       (Label::$variant, Language::Fr) => $fr, )*
                }
            }
        }
    };
}

labels! {
    Piliers = "Piliers", "Piliers";
    Orientations = "Orientations", "Orientations";
    Priorities = "Priorities", "Priorités";
    Priority = "Priority", "Priorité";
    Orientation = "Orientation", "Orientation";
    Pilier = "Pilier", "Pilier";
    Transversal = "Transversal orientation", "Orientation transversale";
    Quartier = "Quartier", "Quartier";
    Funder = "Funder", "Financeur";
    Public = "Public", "Public";
    Porteur = "Porteur", "Porteur";
    Title = "Title", "Intitulé";
    Actions = "Actions", "Actions";
    MainActions = "Main", "Principales";
    Funding = "Funding voted", "Financements votés";
    Cost = "Cost", "Coût";
    Planned = "Beneficiaries planned", "Bénéficiaires prévus";
    Actual = "Beneficiaries reached", "Bénéficiaires touchés";
    Covered = "Priorities covered", "Priorités couvertes";
    Total = "Total", "Total";
    Action = "Action", "Action";
    Year = "Year", "Année";
    MainPriority = "Main priority", "Priorité principale";
    Status = "Status", "Statut";
    Gap = "Gap", "Manque";
    Code = "Code", "Code";
    Detail = "Detail", "Détail";
    Reason = "Reason", "Motif";
    AcceptedGaps = "Accepted gaps", "Manques acceptés";
    NoGap = "No gap.", "Aucun manque.";
}

impl Label {
    /// The label, in the contract's own words for the levels of its tree when
    /// its `[labels]` table names them (as written, whatever the language).
    pub fn in_contract(self, lang: Language, labels: &Labels) -> String {
        let own = match self {
            Label::Pilier => labels.word(CodeKind::Pilier, false),
            Label::Piliers => labels.word(CodeKind::Pilier, true),
            Label::Orientation => labels.word(CodeKind::Orientation, false),
            Label::Orientations => labels.word(CodeKind::Orientation, true),
            Label::Priority => labels.word(CodeKind::Priority, false),
            Label::Priorities => labels.word(CodeKind::Priority, true),
            _ => None,
        };
        own.unwrap_or_else(|| self.text(lang).to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_words_replace_level_labels() {
        let labels = Labels {
            pilier: Some("Axe".into()),
            orientation: Some("Enjeu".into()),
            orientations: Some("Enjeux".into()),
            ..Labels::default()
        };
        assert_eq!(Label::Pilier.in_contract(Language::En, &labels), "Axe");
        assert_eq!(Label::Piliers.in_contract(Language::Fr, &labels), "Axes");
        assert_eq!(
            Label::Orientations.in_contract(Language::Fr, &labels),
            "Enjeux"
        );
        assert_eq!(
            Label::Priority.in_contract(Language::Fr, &labels),
            "Priorité"
        );
        assert_eq!(Label::Title.in_contract(Language::Fr, &labels), "Intitulé");
        assert_eq!(labels.code(crate::model::Code::Pilier(2)), "Axe 2");
        assert_eq!(labels.code(crate::model::Code::Orientation(2, 1)), "OS 2.1");
    }

    #[test]
    fn every_label_has_both_languages() {
        for label in Label::ALL {
            assert!(!label.text(Language::En).is_empty());
            assert!(!label.text(Language::Fr).is_empty());
        }
    }
}
