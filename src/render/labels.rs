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
    // The yearly report.
    ReportTitle = "Yearly report on urban policy", "Rapport annuel politique de la ville";
    KeyFigures = "Key figures", "Chiffres clés";
    Territory = "Territory", "Territoire";
    ContractPeriod = "Contract period", "Durée du contrat";
    Source = "Source", "Source";
    CountingRule = "Figures count the actions of the year that are funded or completed; an action's money counts once, on its main priority.", "Les chiffres portent sur les actions de l'année financées ou réalisées ; l'argent d'une action compte une fois, sur sa priorité principale.";
    SectionOrientations = "The contract's orientations", "Les orientations du contrat";
    SectionActions = "The year's actions", "Les actions de l'année";
    SectionMeans = "Means mobilised", "Les moyens mobilisés";
    SectionCoverage = "Coverage of the priorities", "La couverture des priorités";
    SectionGaps = "Gaps", "Les manques";
    SectionQuartiers = "The quartiers", "Les quartiers";
    SectionTransversals = "The transversal orientations", "Les orientations transversales";
    SectionIndicators = "Indicators", "Les indicateurs";
    SectionComparison = "Compared with the year before", "Comparaison avec l'année précédente";
    SectionNotes = "Situation of the quartiers and outlook", "Situation des quartiers et perspectives";
    Transversals = "Transversal orientations", "Orientations transversales";
    Measure = "Measure", "Mesure";
    CountedActions = "Actions counted (funded or completed)", "Actions retenues (financées ou réalisées)";
    NewActions = "New actions", "Actions nouvelles";
    RenewedActions = "Renewed actions", "Actions reconduites";
    Porteurs = "Porteurs", "Porteurs";
    ActionsByStatus = "Actions of the year by status", "Actions de l'année par statut";
    ActionList = "The counted actions", "Les actions retenues";
    NewOrRenewed = "New or renewed", "Nouvelle ou reconduite";
    New = "new", "nouvelle";
    Renewed = "renewed", "reconduite";
    StatusProposed = "proposed", "proposée";
    StatusFunded = "funded", "financée";
    StatusRejected = "rejected", "rejetée";
    StatusCancelled = "cancelled", "annulée";
    StatusCompleted = "completed", "réalisée";
    Share = "Share", "Part";
    TotalCost = "Total cost", "Coût total";
    StateCredits = "State credits", "Crédits de l'État";
    Leverage = "Cost leverage (total cost / State credits)", "Effet levier (coût total / crédits de l'État)";
    FundingByFunderAndPilier = "Funding voted by funder and pilier", "Financements votés par financeur et par pilier";
    ChartFundingByPilier = "Funding voted by pilier", "Financements votés par pilier";
    ChartFundingByFunder = "Funding voted by funder", "Financements votés par financeur";
    ChartCoverage = "Priorities covered per orientation", "Priorités couvertes par orientation";
    ChartYearOnYear = "Funding voted by pilier, this year and the year before", "Financements votés par pilier, cette année et l'année précédente";
    AxisFunding = "Funding voted (€)", "Financements votés (€)";
    AxisCovered = "Share of the orientation's priorities covered (%)", "Part des priorités de l'orientation couvertes (%)";
    ShareCovered = "Share covered", "Part couverte";
    GapCounts = "Gaps by kind", "Manques par type";
    Count = "Number", "Nombre";
    Indicator = "Indicator", "Indicateur";
    Target = "Target", "Cible";
    Achieved = "Actual", "Réalisé";
    Unit = "Unit", "Unité";
    Result = "Result", "Résultat";
    VerdictMet = "reached", "atteint";
    VerdictShortfall = "below target", "sous la cible";
    VerdictMissing = "actual missing", "réalisé manquant";
    VerdictPending = "not yet measured", "pas encore mesuré";
    NoIndicator = "No indicator for the counted actions.", "Aucun indicateur pour les actions retenues.";
    NoAction = "No action counted this year.", "Aucune action retenue cette année.";
    NoActionBefore = "No action counted the year before: every figure of that year is zero.", "Aucune action retenue l'année précédente : tous ses chiffres sont nuls.";
    Change = "Change", "Évolution";
    TrendUp = "up", "hausse";
    TrendDown = "down", "baisse";
    TrendSame = "unchanged", "stable";
    FundingByPilierCompared = "Funding voted by pilier", "Financements votés par pilier";
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
