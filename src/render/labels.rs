//! Every label a report prints, in English and French. Contract text is never
//! translated: only the words around it.

use crate::model::Language;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_both_languages() {
        for label in Label::ALL {
            assert!(!label.text(Language::En).is_empty());
            assert!(!label.text(Language::Fr).is_empty());
        }
    }
}
