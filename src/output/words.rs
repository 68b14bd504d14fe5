//! The catalogue: every word the tool prints for a reader, in English and
//! French, and the sentences built from them. Contract text is never
//! translated, and where a level of the tree is named, the contract's own word
//! for it (its `[tree]` or `[labels]`) wins.
//!
//! French phrases that name a level avoid adjectives that would agree with it
//! ("priorité sans action", not "priorité non couverte"): a contract may call
//! its levels by masculine words (axe, enjeu, objectif).

use crate::analysis::report::Trend;
use crate::model::{Code, CodeKind, Language, Money, Tree};
use crate::output::number;

macro_rules! words {
    ($( $variant:ident = $en:literal, $fr:literal; )*) => {
        /// A fixed word or sentence of the catalogue.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Word { $( $variant, )* }

        impl Word {
            pub const ALL: &'static [Word] = &[ $( Word::$variant, )* ];

            pub fn text(self, lang: Language) -> &'static str {
                match (self, lang) {
                    $( (Word::$variant, Language::En) => $en,
                       (Word::$variant, Language::Fr) => $fr, )*
                }
            }
        }
    };
}

words! {
    // The levels of the tree, when the contract does not name them.
    Pilier = "Pilier", "Pilier";
    Piliers = "Piliers", "Piliers";
    Orientation = "Orientation", "Orientation";
    Orientations = "Orientations", "Orientations";
    Priority = "Priority", "Priorité";
    Priorities = "Priorities", "Priorités";
    Transversal = "Transversal orientation", "Orientation transversale";
    Transversals = "Transversal orientations", "Orientations transversales";
    // Things the contract holds.
    Quartier = "Quartier", "Quartier";
    Quartiers = "Quartiers", "Quartiers";
    Commune = "Commune", "Commune";
    Communes = "Communes", "Communes";
    Funder = "Funder", "Financeur";
    Public = "Public", "Public";
    Publics = "Publics", "Publics";
    Porteur = "Porteur", "Porteur";
    Porteurs = "Porteurs", "Porteurs";
    Action = "Action", "Action";
    Actions = "Actions", "Actions";
    // Columns.
    Level = "Level", "Niveau";
    Code = "Code", "Code";
    Parent = "Parent", "Parent";
    Title = "Title", "Intitulé";
    Name = "Name", "Nom";
    Year = "Year", "Année";
    Status = "Status", "Statut";
    MainActions = "As main", "En principal";
    Funding = "Funding voted", "Financements votés";
    Requested = "Funding requested", "Financements demandés";
    Cost = "Cost", "Coût";
    Planned = "Beneficiaries planned", "Bénéficiaires prévus";
    Actual = "Beneficiaries reached", "Bénéficiaires touchés";
    MainPriority = "Main priority", "Priorité principale";
    // Where actions may name entries of several levels, of any gender.
    MainEntry = "Main entry", "Rattachement principal";
    Role = "Role", "Rôle";
    Total = "Total", "Total";
    Gap = "Gap", "Manque";
    Detail = "Detail", "Détail";
    Reason = "Reason", "Motif";
    Field = "Field", "Champ";
    Value = "Value", "Valeur";
    Change = "Change", "Changement";
    Item = "Item", "Élément";
    Row = "Row", "Ligne";
    Measure = "Measure", "Mesure";
    Share = "Share", "Part";
    Count = "Number", "Nombre";
    Indicator = "Indicator", "Indicateur";
    Target = "Target", "Cible";
    Achieved = "Actual", "Réalisé";
    Unit = "Unit", "Unité";
    Result = "Result", "Résultat";
    // Statuses of an action.
    StatusProposed = "proposed", "proposée";
    StatusFunded = "funded", "financée";
    StatusRejected = "rejected", "rejetée";
    StatusCancelled = "cancelled", "annulée";
    StatusCompleted = "completed", "réalisée";
    StatusInstructing = "under instruction", "en instruction";
    StatusClosed = "closed", "clôturée";
    // How an action names an item.
    RoleMain = "main", "principale";
    RoleSecondary = "secondary", "secondaire";
    New = "new", "nouvelle";
    Renewed = "renewed", "reconduite";
    // Fields of `show`.
    FieldName = "name", "nom";
    FieldAliases = "aliases", "autres noms";
    FieldCommune = "commune", "commune";
    FieldServes = "entries served", "rattachements";
    FieldObjective = "objective", "objectif";
    FieldEmphasis = "underlined", "souligné";
    FieldPublics = "publics", "publics";
    FieldProtocole = "protocole", "protocole";
    FieldNote = "note", "note";
    FieldAcceptedGap = "accepted gap", "manque accepté";
    FieldActions = "actions", "actions";
    FieldPorteur = "porteur", "porteur";
    FieldYear = "year", "année";
    FieldStatus = "status", "statut";
    FieldDescription = "description", "description";
    FieldQuartier = "quartier", "quartier";
    FieldCost = "cost", "coût";
    FieldFunding = "funding voted", "financement voté";
    FieldRequested = "funding requested", "financement demandé";
    FieldPlanned = "beneficiaries planned", "bénéficiaires prévus";
    FieldActual = "beneficiaries reached", "bénéficiaires touchés";
    FieldRenews = "renews", "reconduit";
    FieldTags = "tags", "étiquettes";
    FieldIndicator = "indicator", "indicateur";
    FieldTitle = "title", "intitulé";
    FieldQuartiers = "quartiers", "quartiers";
    // Gaps.
    AcceptedGaps = "Accepted gaps", "Manques acceptés";
    NoGap = "No gap.", "Aucun manque.";
    GapSecondaryOnly = "Named as secondary only", "En secondaire seulement";
    GapSinglePorteur = "A single porteur", "Un seul porteur";
    GapUnreachedPublic = "Public not reached", "Public non atteint";
    GapProtocole = "Protocole without action", "Protocole sans action";
    GapLostCoverage = "Lost coverage", "Couverture perdue";
    GapFunding = "Funding gap", "Financement incomplet";
    GapUnlinked = "To be linked", "À rattacher";
    Theme = "National theme", "Thème national";
    NoTheme = "no national theme", "sans thème national";
    FieldTheme = "national theme", "thème national";
    GapIndicatorShortfall = "Indicator below target", "Indicateur sous la cible";
    GapMissingActual = "Actual missing", "Réalisé manquant";
    GapUncoveredQuartier = "Quartier without action", "Quartier sans action";
    // Diff.
    ChangeAdded = "added", "ajout";
    ChangeRemoved = "removed", "suppression";
    ChangeRetitled = "retitled", "nouvel intitulé";
    ChangeRenumbered = "renumbered", "nouveau code";
    ActionAdded = "action added", "action ajoutée";
    ActionRemoved = "action removed", "action supprimée";
    ActionChanged = "action changed", "action modifiée";
    ToReview = "to review", "à revoir";
    ActionsAdded = "Actions added", "Actions ajoutées";
    ActionsRemoved = "Actions removed", "Actions supprimées";
    ActionsChanged = "Actions changed", "Actions modifiées";
    ToReviewHeading = "To review", "À revoir";
    WorkingTree = "the working tree", "la copie de travail";
    // Posts.
    Post = "Post", "Poste";
    Posts = "Posts", "Postes";
    PostsAmount = "Posts' amount", "Montant des postes";
    PostKind = "Kind", "Type";
    PostFonjep = "FONJEP", "FONJEP";
    PostAdultesRelais = "adulte-relais", "adulte-relais";
    PostsFonjep = "FONJEP posts", "Postes FONJEP";
    PostsAdultesRelais = "Adultes-relais", "Adultes-relais";
    PostsHeading = "Posts the State funds", "Les postes financés par l'État";
    PostsApart = "Posts (FONJEP, adultes-relais) are funded by the State and counted apart from the actions' funding, never in it.", "Les postes (FONJEP, adultes-relais), financés par l'État, sont comptés à part des financements des actions, jamais dedans.";
    NoPost = "No post.", "Aucun poste.";
    PostAdded = "post added", "poste ajouté";
    PostRemoved = "post removed", "poste supprimé";
    PostChanged = "post changed", "poste modifié";
    PostsAdded = "Posts added", "Postes ajoutés";
    PostsRemoved = "Posts removed", "Postes supprimés";
    PostsChanged = "Posts changed", "Postes modifiés";
    FieldKind = "kind", "type";
    PorteurAdded = "porteur added", "porteur ajouté";
    PorteurRemoved = "porteur removed", "porteur supprimé";
    PorteurChanged = "porteur changed", "porteur modifié";
    PorteursAdded = "Porteurs added to the registry", "Porteurs ajoutés au registre";
    PorteursRemoved = "Porteurs removed from the registry", "Porteurs supprimés du registre";
    PorteursChanged = "Porteurs changed in the registry", "Porteurs modifiés dans le registre";
    QuartierAdded = "quartier added", "quartier ajouté";
    QuartierRemoved = "quartier removed", "quartier supprimé";
    IndicatorChanged = "indicator changed", "indicateur modifié";
    QuartiersAdded = "Quartiers added", "Quartiers ajoutés";
    QuartiersRemoved = "Quartiers removed", "Quartiers supprimés";
    IndicatorsChanged = "Quartier indicators changed", "Indicateurs des quartiers modifiés";
    FieldSiret = "SIRET", "SIRET";
    FieldDossier = "Dauphin dossier", "dossier Dauphin";
    FieldUntil = "until", "jusqu'en";
    FieldOwnFunds = "own funds", "fonds propres";
    FieldPartner = "other partner", "autre partenaire";
    FieldPaid = "funding paid", "financement payé";
    FieldFiled = "filed", "déposée le";
    FieldVoted = "voted", "votée le";
    FieldPaidOn = "paid", "payée le";
    FieldBilan = "bilan received", "bilan reçu le";
    FieldChorusEj = "Chorus EJ", "EJ Chorus";
    FieldRna = "RNA", "RNA";
    FieldPost = "post", "poste";
    FieldAmount = "amount", "montant";
    // Import.
    File = "File", "Fichier";
    NothingToAdd = "Nothing to add.", "Rien à ajouter.";
    // The yearly report.
    ReportTitle = "Yearly report on urban policy", "Rapport annuel politique de la ville";
    KeyFigures = "Key figures", "Chiffres clés";
    Territory = "Territory", "Territoire";
    ContractPeriod = "Contract period", "Durée du contrat";
    Source = "Source", "Source";
    CountingRule = "Figures count the actions of the year that are funded, completed or closed; an action's money counts once, on its main priority.", "Les chiffres portent sur les actions de l'année financées, réalisées ou clôturées ; l'argent d'une action compte une fois, sur sa priorité principale.";
    CountingRuleEntry = "Figures count the actions of the year that are funded, completed or closed; an action's money counts once, on its main entry (the first it names).", "Les chiffres portent sur les actions de l'année financées, réalisées ou clôturées ; l'argent d'une action compte une fois, sur son rattachement principal (le premier qu'elle nomme).";
    SectionActions = "The year's actions", "Les actions de l'année";
    SectionMeans = "Means mobilised", "Les moyens mobilisés";
    SectionCoverage = "Coverage of the contract", "La couverture du contrat";
    SectionGaps = "Gaps", "Les manques";
    SectionQuartiers = "The quartiers", "Les quartiers";
    SectionIndicators = "Indicators", "Les indicateurs";
    SectionComparison = "Compared with the year before", "Comparaison avec l'année précédente";
    SectionNotes = "Situation of the quartiers and outlook", "Situation des quartiers et perspectives";
    // The sections of décret n° 2015-1118 beyond the programmation.
    SectionSituation = "How the quartiers are doing", "L'évolution de la situation des quartiers";
    NoSituation = "The contract gives no context indicator of its quartiers: add them to contrat.toml as `[[quartier.indicator]]` (docs/FORMAT.md).", "Le contrat ne donne aucun indicateur de contexte de ses quartiers : les ajouter dans contrat.toml en `[[quartier.indicator]]` (docs/FORMAT.md).";
    SectionTerritories = "The communes, the EPCI and the signatories", "Les communes, l'intercommunalité et les signataires";
    NoTerritories = "The contract declares no commune nor EPCI: add them to contrat.toml as `[[commune]]` and `epci` (docs/FORMAT.md).", "Le contrat ne déclare ni commune ni intercommunalité : les ajouter dans contrat.toml en `[[commune]]` et `epci` (docs/FORMAT.md).";
    ActionsInItsQuartiers = "Actions in its quartiers", "Actions dans ses quartiers";
    FundingOfThose = "Their funding voted", "Leurs financements votés";
    OwnFunding = "Voted under its own powers", "Voté au titre de ses compétences";
    DsuReceived = "DSU received", "DSU perçue";
    Signatories = "What each signatory voted", "Ce que chaque signataire a voté";
    SectionDroitCommun = "Droit commun beside the contract's credits", "Le droit commun à côté des crédits du contrat";
    NoDroitCommun = "The contract gives no droit commun means for the year: add them to contrat.toml as `[[droit_commun]]` (docs/FORMAT.md).", "Le contrat ne donne aucun moyen de droit commun pour l'année : les ajouter dans contrat.toml en `[[droit_commun]]` (docs/FORMAT.md).";
    ContractCredits = "Contract credits", "Crédits du contrat";
    DroitCommun = "Droit commun", "Droit commun";
    WhatFor = "What for", "Objet";
    SectionRenewal = "Urban renewal (NPNRU)", "Le renouvellement urbain (NPNRU)";
    NoRenewal = "The contract gives no urban renewal project: add them to contrat.toml as `[[npnru]]` (docs/FORMAT.md).", "Le contrat ne donne aucun projet de renouvellement urbain : les ajouter dans contrat.toml en `[[npnru]]` (docs/FORMAT.md).";
    Project = "Project", "Projet";
    Stage = "Stage", "Avancement";
    AnruAid = "ANRU aid", "Concours de l'ANRU";
    ProjectCost = "Project cost", "Coût du projet";
    TiedActions = "Actions of the year tied to it", "Actions de l'année liées";
    ServedEntries = "Entries it serves", "Rattachements";
    SectionDsu = "Communes receiving the DSU", "Les communes bénéficiaires de la DSU";
    NoDsu = "The contract gives no dotation de solidarité urbaine for the year: add it to each commune of contrat.toml as `dsu = { YEAR = AMOUNT }` (docs/FORMAT.md).", "Le contrat ne donne aucune dotation de solidarité urbaine pour l'année : l'ajouter à chaque commune de contrat.toml en `dsu = { ANNÉE = MONTANT }` (docs/FORMAT.md).";
    SectionOutlook = "Outlook", "Perspectives";
    CountedActions = "Actions counted (funded, completed or closed)", "Actions retenues (financées, réalisées ou clôturées)";
    NewActions = "New actions", "Actions nouvelles";
    RenewedActions = "Renewed actions", "Actions reconduites";
    ActionsByStatus = "Actions of the year by status", "Actions de l'année par statut";
    ActionList = "The counted actions", "Les actions retenues";
    NewOrRenewed = "New or renewed", "Nouvelle ou reconduite";
    TotalCost = "Total cost", "Coût total";
    StateCredits = "State credits", "Crédits de l'État";
    Leverage = "Cost leverage (total cost / State credits)", "Effet levier (coût total / crédits de l'État)";
    FundingByFunderAndPilier = "Funding voted by funder and", "Financements votés par financeur et par";
    ChartFundingByPilier = "Funding voted by", "Financements votés par";
    ChartFundingByFunder = "Funding voted by funder", "Financements votés par financeur";
    ChartYearOnYear = "this year and the year before", "cette année et l'année précédente";
    AxisFunding = "Funding voted (€)", "Financements votés (€)";
    AxisCovered = "Share with actions (%)", "Part avec action (%)";
    ShareCovered = "Share with actions", "Part avec action";
    GapCounts = "Gaps by kind", "Manques par type";
    VerdictMet = "reached", "atteint";
    VerdictShortfall = "below target", "sous la cible";
    VerdictMissing = "actual missing", "réalisé manquant";
    VerdictPending = "not yet measured", "pas encore mesuré";
    NoIndicator = "No indicator for the counted actions.", "Aucun indicateur pour les actions retenues.";
    NoAction = "No action counted this year.", "Aucune action retenue cette année.";
    NoActionBefore = "No action counted the year before: every figure of that year is zero.", "Aucune action retenue l'année précédente : tous ses chiffres sont nuls.";
    TrendUp = "up", "hausse";
    TrendDown = "down", "baisse";
    TrendSame = "unchanged", "stable";
    // The council document.
    Contents = "Contents", "Sommaire";
    Annexes = "Annexes", "Annexes";
    SectionSynthesis = "Summary", "Synthèse";
    FrequentGaps = "The most frequent gaps", "Les manques les plus fréquents";
    GapsInAnnex = "Each gap is listed, one by one, in the annex.", "Chaque manque est détaillé, un par un, en annexe.";
    AnnexGaps = "The gaps one by one", "Le détail des manques";
    ChangePercent = "Change (%)", "Évolution (%)";
    Remark = "Remark", "Remarque";
    NoActionMark = "no action", "sans action";
    Presented = "Presented", "Présenté";
    // The mid-term evaluation.
    MidtermTitle = "Mid-term evaluation", "Évaluation à mi-parcours";
    EvaluatedPeriod = "Period evaluated", "Période évaluée";
    CountingRuleMidterm = "Each year's figures count the actions of that year that are funded or completed, as its yearly report does; an action's money counts once, on its main priority. Each change sets the last year of the period against the first.", "Les chiffres de chaque année portent sur les actions de cette année financées ou réalisées, comme dans son rapport annuel ; l'argent d'une action compte une fois, sur sa priorité principale. Chaque évolution compare la dernière année de la période à la première.";
    CountingRuleMidtermEntry = "Each year's figures count the actions of that year that are funded or completed, as its yearly report does; an action's money counts once, on its main entry (the first it names). Each change sets the last year of the period against the first.", "Les chiffres de chaque année portent sur les actions de cette année financées ou réalisées, comme dans son rapport annuel ; l'argent d'une action compte une fois, sur son rattachement principal (le premier qu'elle nomme). Chaque évolution compare la dernière année de la période à la première.";
    ActionsPerYear = "Actions per year", "Actions par année";
    FundingPerYear = "Funding voted per year", "Financements votés par année";
    CostPerYear = "Cost per year", "Coût par année";
    NoTrendForUnknown = "A sum not known in full (≥ a partial sum, — none) has no change: an unknown is never taken for a zero.", "Une somme qui n'est pas connue en entier (≥ une somme partielle, — aucune) n'a pas d'évolution\u{a0}: une inconnue ne compte jamais pour zéro.";
    IndicatorResults = "Indicators by result", "Indicateurs par résultat";
    IndicatorsOverYears = "Each indicator, year by year, on an action and the actions that renew it", "Chaque indicateur, année par année, sur une action et celles qui la reconduisent";
    SectionTextChanges = "Changes to the contract's text", "Les changements du texte du contrat";
    NotInGit = "The contract folder is not in a git repository: the changes to its text over the period cannot be shown.", "Le dossier du contrat n'est pas dans un dépôt git\u{a0}: les changements de son texte sur la période ne peuvent pas être montrés.";
}

/// A noun of the tree in both numbers: the contract's word or the catalogue's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Noun {
    pub one: String,
    pub many: String,
}

/// The words of one output: a language and the contract's own names for the
/// levels of its tree. Everything a renderer writes for a person comes from
/// here.
#[derive(Clone, Debug)]
pub struct Words {
    pub lang: Language,
    /// The contract's tree: its levels' words and keys.
    tree: Tree,
}

/// What became of rows an import set aside: in French, agreed with one
/// row or many; in English.
struct Fate {
    one: &'static str,
    many: &'static str,
    en: &'static str,
}

const NOT_IMPORTED: Fate = Fate {
    one: "non importée",
    many: "non importées",
    en: "not imported",
};

const LEFT_OUT: Fate = Fate {
    one: "laissée de côté",
    many: "laissées de côté",
    en: "left out",
};

impl Words {
    pub fn new(lang: Language, tree: &Tree) -> Words {
        Words {
            lang,
            tree: tree.clone(),
        }
    }

    /// The same words in English: what machine tables write in their text.
    pub fn in_english(&self) -> Words {
        Words::new(Language::En, &self.tree)
    }

    /// Whether the contract declares its tree: its JSON documents then take
    /// their version-2 shape.
    pub fn declared(&self) -> bool {
        self.tree.declared
    }

    /// The stable key of a level: `priority`, `objectif`, `transversal`.
    pub fn level_key(&self, kind: CodeKind) -> String {
        self.tree.level(kind).key.clone()
    }

    /// A fixed word.
    pub fn get(&self, word: Word) -> &'static str {
        word.text(self.lang)
    }

    /// A fixed word, owned.
    pub fn s(&self, word: Word) -> String {
        word.text(self.lang).to_owned()
    }

    /// A level of the tree as the contract names it: its own words, or
    /// else the catalogue's in the reader's language.
    pub fn level(&self, kind: CodeKind) -> Noun {
        let (one, many) = match kind {
            CodeKind::Level(0) => (Word::Pilier, Word::Piliers),
            CodeKind::Level(1) => (Word::Orientation, Word::Orientations),
            CodeKind::Level(_) => (Word::Priority, Word::Priorities),
            CodeKind::Transversal => (Word::Transversal, Word::Transversals),
        };
        let level = self.tree.level(kind);
        Noun {
            one: level.label.clone().unwrap_or_else(|| self.s(one)),
            many: level
                .plural
                .clone()
                .or_else(|| level.label.as_ref().map(|w| format!("{w}s")))
                .unwrap_or_else(|| self.s(many)),
        }
    }

    /// The entry an action's money counts on, as a column: `Main priority`,
    /// or `Main entry` where the contract declares its tree.
    pub fn main_entry(&self) -> String {
        self.by_tree(Word::MainEntry, Word::MainPriority)
    }

    /// `Taux de pauvreté (%)`, or the name alone without a unit.
    pub fn with_unit_name(&self, name: &str, unit: Option<&str>) -> String {
        match unit {
            Some(u) => format!("{name} ({u})"),
            None => name.to_owned(),
        }
    }

    /// A source line under a table: `Source : INSEE, Filosofi`.
    pub fn source_line(&self, sources: &[&str]) -> String {
        format!(
            "{}{}{}",
            self.get(Word::Source),
            self.colon(),
            sources.join(" ; ")
        )
    }

    /// How the report counts, in the contract's terms.
    pub fn counting_rule(&self) -> String {
        self.by_tree(Word::CountingRuleEntry, Word::CountingRule)
    }

    /// A section on the entries of a level: `The contract's orientations`.
    pub fn section_of(&self, kind: CodeKind) -> String {
        let many = self.level_many(kind).to_lowercase();
        self.pick(
            format!("Les {many} du contrat"),
            format!("The contract's {many}"),
        )
    }

    /// A section on the transversal entries: `The transversal orientations`.
    pub fn section_transversal(&self) -> String {
        let many = self.level_many(CodeKind::Transversal).to_lowercase();
        self.pick(format!("Les {many}"), format!("The {many}"))
    }

    /// How many levels the tree has.
    pub fn depth(&self) -> usize {
        self.tree.depth()
    }

    /// The deepest level: what actions name in a 2015–2023 contract.
    pub fn leaf(&self) -> CodeKind {
        CodeKind::Level(self.tree.depth().saturating_sub(1) as u8)
    }

    /// The singular of a level, capitalised as a heading.
    pub fn level_one(&self, kind: CodeKind) -> String {
        self.level(kind).one
    }

    pub fn level_many(&self, kind: CodeKind) -> String {
        self.level(kind).many
    }

    /// A code as the contract names it.
    pub fn code(&self, code: Code) -> String {
        code.to_string()
    }

    pub fn money(&self, m: Money) -> String {
        number::money(m, self.lang)
    }

    /// A date as the language writes it: `1 April 2023`, `1er avril 2023`.
    pub fn date(&self, d: crate::model::Date) -> String {
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const FR: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        let month = usize::from(d.month.clamp(1, 12) - 1);
        if self.fr() {
            let day = if d.day == 1 {
                "1er".to_owned()
            } else {
                d.day.to_string()
            };
            format!("{day} {} {}", FR[month], d.year)
        } else {
            format!("{} {} {}", d.day, EN[month], d.year)
        }
    }

    pub fn count(&self, n: u64) -> String {
        number::count(n, self.lang)
    }

    pub fn percent(&self, tenths: Option<u64>) -> String {
        number::percent_tenths(tenths, self.lang)
    }

    pub fn decimal(&self, n: f64) -> String {
        number::decimal(n, self.lang)
    }

    /// `n` and the noun in the right number: `1 action`, `3 actions`; French
    /// takes the singular for 0 too (`0 manque`).
    pub fn counted(&self, n: u64, one: &str, many: &str) -> String {
        let singular = n == 1 || (n == 0 && self.fr());
        format!("{} {}", self.count(n), if singular { one } else { many })
    }

    /// The colon of a label: `Territoire : Montauban`, `Territory: Montauban`.
    pub fn colon(&self) -> &'static str {
        number::colon(self.lang)
    }

    fn fr(&self) -> bool {
        self.lang == Language::Fr
    }

    /// The French or the English of a sentence, as the reader's language is.
    /// The word for a contract that declares its tree, or for one with the
    /// 2015–2023 tree.
    fn by_tree(&self, declared: Word, default: Word) -> String {
        self.s(if self.tree.declared {
            declared
        } else {
            default
        })
    }

    /// The form of a French word that agrees with `n`: singular up to one.
    fn agreed<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
        if n <= 1 { one } else { many }
    }

    fn pick(&self, fr: String, en: String) -> String {
        if self.fr() { fr } else { en }
    }

    /// `n actions`.
    pub fn actions(&self, n: u64) -> String {
        self.counted(n, "action", "actions")
    }

    /// The closing line of a gap report: `2 gaps, 1 accepted`.
    pub fn gaps_summary(&self, gaps: u64, accepted: u64) -> String {
        if self.fr() {
            format!(
                "{}, {}",
                self.counted(gaps, "manque", "manques"),
                self.counted(accepted, "manque accepté", "manques acceptés")
            )
        } else {
            format!(
                "{}, {} accepted",
                self.counted(gaps, "gap", "gaps"),
                self.count(accepted)
            )
        }
    }

    /// An item of the tree without any counted action: `Priorité sans action`.
    pub fn without_action(&self, what: &str) -> String {
        self.pick(
            format!("{what} sans action"),
            format!("{what} without action"),
        )
    }

    /// Items with an action, as a column: `Priorités avec action`.
    pub fn with_action(&self, what: &str) -> String {
        self.pick(
            format!("{what} avec action"),
            format!("{what} with actions"),
        )
    }

    /// `3 actions, all by Rebonds` / `3 actions, toutes portées par Rebonds`.
    pub fn actions_by(&self, n: u64, porteur: Option<&str>) -> String {
        let all = match (n, self.fr()) {
            (1, _) => "",
            (_, true) => "toutes ",
            (_, false) => "all ",
        };
        let who = match (porteur, self.fr()) {
            (None, true) => "en secondaire".to_owned(),
            (None, false) => "as secondary".to_owned(),
            (Some(p), true) => format!("{} par {p}", if n == 1 { "portée" } else { "portées" }),
            (Some(p), false) => format!("by {p}"),
        };
        format!("{}, {all}{who}", self.actions(n))
    }

    /// The public a priority names that none of its actions targets.
    pub fn public_named(&self, public: &str) -> String {
        self.pick(
            format!("public visé{}{public}", self.colon()),
            format!("public named{}{public}", self.colon()),
        )
    }

    /// `2 links (mesures 18, 20)`.
    pub fn protocole_links(&self, links: u64, mesures: &[u32]) -> String {
        let list: Vec<String> = mesures.iter().map(u32::to_string).collect();
        let mesures = if list.is_empty() {
            String::new()
        } else {
            format!(
                " ({} {})",
                if list.len() == 1 { "mesure" } else { "mesures" },
                list.join(", ")
            )
        };
        if self.fr() {
            format!(
                "{}{mesures}",
                self.counted(links, "engagement", "engagements")
            )
        } else {
            format!("{}{mesures}", self.counted(links, "link", "links"))
        }
    }

    /// `3 actions in 2022, none in 2023`.
    pub fn lost(&self, previous_actions: u64, previous: u16, year: u16) -> String {
        if self.fr() {
            format!(
                "{} en {previous}, aucune en {year}",
                self.actions(previous_actions)
            )
        } else {
            format!(
                "{} in {previous}, none in {year}",
                self.actions(previous_actions)
            )
        }
    }

    /// `8 000 € voted of 12 000 € (4 000 € short)`, or with the plan's other
    /// resources: `8 000 € voted and 2 000 € of other resources for a cost of
    /// 12 000 € (2 000 € short)`.
    pub fn funding_short(&self, funding: Money, resources: Money, cost: Money) -> String {
        let missing = cost - resources;
        let others = resources - funding;
        match (self.fr(), others.is_zero()) {
            (true, true) => format!(
                "{} votés sur {} (manque {})",
                self.money(funding),
                self.money(cost),
                self.money(missing)
            ),
            (false, true) => format!(
                "{} voted of {} ({} short)",
                self.money(funding),
                self.money(cost),
                self.money(missing)
            ),
            (true, false) => format!(
                "{} votés et {} d'autres ressources pour un coût de {} (manque {})",
                self.money(funding),
                self.money(others),
                self.money(cost),
                self.money(missing)
            ),
            (false, false) => format!(
                "{} voted and {} of other resources for a cost of {} ({} short)",
                self.money(funding),
                self.money(others),
                self.money(cost),
                self.money(missing)
            ),
        }
    }

    fn with_unit(&self, value: f64, unit: Option<&str>) -> String {
        match unit {
            Some(unit) => format!("{} {unit}", self.decimal(value)),
            None => self.decimal(value),
        }
    }

    /// `stages: 35 against a target of 40`, or with no actual yet.
    pub fn indicator(
        &self,
        name: &str,
        target: f64,
        actual: Option<f64>,
        unit: Option<&str>,
    ) -> String {
        let target = self.with_unit(target, unit);
        match (actual, self.fr()) {
            (Some(a), true) => format!(
                "{name}{}{} pour une cible de {target}",
                self.colon(),
                self.with_unit(a, unit)
            ),
            (Some(a), false) => format!(
                "{name}{}{} against a target of {target}",
                self.colon(),
                self.with_unit(a, unit)
            ),
            (None, true) => format!("{name}{}pas de réalisé (cible {target})", self.colon()),
            (None, false) => format!("{name}{}no actual (target {target})", self.colon()),
        }
    }

    /// `"Écoles" (mesure 18)` for a protocole link in `show`.
    pub fn mesure(&self, text: &str, mesure: Option<u32>) -> String {
        match mesure {
            Some(m) => format!("{text} (mesure {m})"),
            None => text.to_owned(),
        }
    }

    /// `funder: amount` in `show`.
    pub fn amount_of(&self, funder: &str, m: Money) -> String {
        format!("{funder}{}{}", self.colon(), self.money(m))
    }

    /// Contract text quoted as the language quotes: `« Écoles »`, `"Schools"`.
    pub fn quote(&self, text: &str) -> String {
        self.pick(format!("«\u{a0}{text}\u{a0}»"), format!("\"{text}\""))
    }

    /// `renewed (2022-011)`.
    pub fn renewed(&self, earlier: &str) -> String {
        format!("{} ({earlier})", self.get(Word::Renewed))
    }

    /// The leverage counts only the actions whose cost is known.
    pub fn leverage_over(&self, known: u64) -> String {
        self.pick(
            format!(
                "L'effet levier porte sur les {} au coût connu.",
                self.actions(known)
            ),
            format!(
                "The leverage is over the {} whose cost is known.",
                self.actions(known)
            ),
        )
    }

    /// What `add action` did, or would do with `--dry-run`.
    pub fn added_action(&self, id: &str, file: &str, dry_run: bool) -> String {
        match (self.fr(), dry_run) {
            (true, true) => format!(
                "L'action {id} serait ajoutée à {file}{}",
                self.colon().trim_end()
            ),
            (true, false) => format!("Action {id} ajoutée à {file}{}", self.colon().trim_end()),
            (false, true) => format!("would add action {id} to {file}:"),
            (false, false) => format!("added action {id} to {file}:"),
        }
    }

    /// A porteur `add` registers with its action.
    pub fn registered_porteur(&self, id: &str, dry_run: bool) -> String {
        match (self.fr(), dry_run) {
            (true, true) => format!(
                "Le porteur {id} serait ajouté au registre (contrat.toml){}",
                self.colon().trim_end()
            ),
            (true, false) => format!(
                "Porteur {id} ajouté au registre (contrat.toml){}",
                self.colon().trim_end()
            ),
            (false, true) => format!("would register porteur {id} (contrat.toml):"),
            (false, false) => format!("registered porteur {id} (contrat.toml):"),
        }
    }

    /// The rows of an import already in the contract, left out.
    pub fn already_there(&self, n: u64) -> String {
        if self.fr() {
            format!(
                "{} déjà dans le contrat, {}",
                self.counted(n, "ligne", "lignes"),
                Self::agreed(n, "ignorée", "ignorées")
            )
        } else {
            format!(
                "{} already in the contract, skipped",
                self.counted(n, "row", "rows")
            )
        }
    }

    /// `14 postes`.
    pub fn posts(&self, n: u64) -> String {
        self.pick(
            self.counted(n, "poste", "postes"),
            self.counted(n, "post", "posts"),
        )
    }

    /// `thème 1.1 Éducation`.
    pub fn theme(&self, code: &str, title: &str) -> String {
        self.pick(
            format!("thème {code} {title}"),
            format!("theme {code} {title}"),
        )
    }

    /// `3 porteurs`.
    pub fn porteurs(&self, n: u64) -> String {
        self.counted(n, "porteur", "porteurs")
    }

    /// `4 figures of indicators`.
    pub fn figures(&self, n: u64) -> String {
        self.pick(
            self.counted(n, "valeur d'indicateur", "valeurs d'indicateurs"),
            self.counted(n, "indicator figure", "indicator figures"),
        )
    }

    /// How many posts state their amount.
    pub fn posts_known(&self, known: u64, of: u64) -> String {
        self.pick(
            format!(
                "Montant donné pour {} sur {}\u{a0}; ≥ marque une somme incomplète.",
                self.posts(known),
                self.count(of)
            ),
            format!(
                "Amount stated for {} of {}; ≥ marks a partial sum.",
                self.count(known),
                self.posts(of)
            ),
        )
    }

    /// `FONJEP : 5 postes, 35 820 €`.
    pub fn posts_of_kind(&self, kind: &str, n: u64, amount: &str) -> String {
        format!("{kind}{}{}, {amount}", self.colon(), self.posts(n))
    }

    /// The last line of an import: what it adds and changes (`added`,
    /// `changed`: counted nouns such as `14 postes`), where, or that
    /// nothing was written.
    pub fn import_summary(
        &self,
        added: &[String],
        changed: &[String],
        dry_run: bool,
        files: &str,
    ) -> String {
        let mut parts = Vec::new();
        let (add, change) = match (self.fr(), dry_run) {
            (true, true) => ("À ajouter", "à modifier"),
            (true, false) => ("Ajouts", "modifications"),
            (false, true) => ("To add", "to change"),
            (false, false) => ("Added", "changed"),
        };
        if !added.is_empty() {
            parts.push(format!("{add}{}{}", self.colon(), added.join(", ")));
        }
        if !changed.is_empty() {
            let change = if parts.is_empty() {
                let mut c = change.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            } else {
                change.to_owned()
            };
            parts.push(format!("{change}{}{}", self.colon(), changed.join(", ")));
        }
        let sep = if self.fr() { "\u{a0}; " } else { "; " };
        let body = parts.join(sep);
        match (self.fr(), dry_run) {
            (true, true) => format!("{body}{sep}rien n'a été écrit (--dry-run)"),
            (false, true) => format!("{body}{sep}nothing was written (--dry-run)"),
            (true, false) => format!("{body} ({files})"),
            (false, false) => format!("{body} ({files})"),
        }
    }

    /// The heading of what an import changes.
    pub fn import_heading(&self, file: &str) -> String {
        self.pick(
            format!("Ce que l'import de {file} change au contrat"),
            format!("What importing {file} changes in the contract"),
        )
    }

    /// Rows of a national file that another `--where` value selects.
    pub fn rows_elsewhere(&self, n: u64, wheres: &str) -> String {
        if self.fr() {
            format!(
                "{} de côté : {} pas --where {wheres}",
                self.counted(n, "ligne laissée", "lignes laissées"),
                Self::agreed(n, "elle ne remplit", "elles ne remplissent")
            )
        } else {
            format!(
                "{} left out: {} not meet --where {wheres}",
                self.counted(n, "row", "rows"),
                if n == 1 { "it does" } else { "they do" }
            )
        }
    }

    /// Rows without the key `--where` reads: they belong to no contract.
    pub fn rows_lacking(&self, n: u64, key: &str, rows: &str) -> String {
        let (fr, en) = (format!("sans {key}"), format!("without {key}"));
        self.rows_aside(n, (&fr, &en), NOT_IMPORTED, rows)
    }

    /// `3 lignes sans code, non importées (lignes 4 à 6)`: rows an import
    /// sets aside, why (French, English) and what became of them.
    fn rows_aside(&self, n: u64, why: (&str, &str), fate: Fate, list: &str) -> String {
        let (why_fr, why_en) = why;
        self.pick(
            format!(
                "{} {why_fr}, {} ({list})",
                self.counted(n, "ligne", "lignes"),
                Self::agreed(n, fate.one, fate.many)
            ),
            format!(
                "{} {why_en}, {} ({list})",
                self.counted(n, "row", "rows"),
                fate.en
            ),
        )
    }

    /// Rows that repeat an earlier one exactly: read once.
    pub fn rows_repeated(&self, n: u64, pairs: &str) -> String {
        if self.fr() {
            format!(
                "{} exactement une ligne précédente, {} une fois ({pairs})",
                self.counted(n, "ligne répète", "lignes répètent"),
                Self::agreed(n, "lue", "lues")
            )
        } else {
            format!(
                "{} an earlier row exactly, read once ({pairs})",
                self.counted(n, "row repeats", "rows repeat")
            )
        }
    }

    /// Posts whose number an earlier row gives to another employer.
    pub fn posts_shared(&self, n: u64, list: &str) -> String {
        if self.fr() {
            format!(
                "{} le numéro d'un poste qu'une ligne précédente donne à un autre employeur ; la première est gardée ({list})",
                self.counted(n, "ligne porte", "lignes portent")
            )
        } else {
            format!(
                "{} the number of a post an earlier row gives to another employer; the earlier row is kept ({list})",
                self.counted(n, "row carries", "rows carry")
            )
        }
    }

    /// Rows about dossiers no action of the contract holds.
    pub fn other_quartiers(&self, n: u64, list: &str) -> String {
        let why = (
            "sur des quartiers que le contrat n'a pas",
            "about quartiers the contract does not have",
        );
        self.rows_aside(n, why, LEFT_OUT, list)
    }

    pub fn dossiers_unknown(&self, n: u64, list: &str) -> String {
        let why = (
            "sur des dossiers qu'aucune action du contrat ne porte",
            "about dossiers no action of the contract holds",
        );
        self.rows_aside(n, why, NOT_IMPORTED, list)
    }

    /// Columns of a known file the contract keeps nothing of.
    pub fn columns_ignored(&self, list: &str) -> String {
        self.pick(
            format!("Colonnes non reprises{}{list}", self.colon()),
            format!("Columns left out{}{list}", self.colon()),
        )
    }

    /// A row number as the messages of a file name it: `ligne 4`.
    pub fn row_number(&self, n: usize) -> String {
        self.pick(format!("ligne {n}"), format!("row {n}"))
    }

    /// The line of `diff` when nothing changed.
    pub fn no_change(&self, from: &str, to: &str) -> String {
        self.pick(
            format!("Aucun changement du contrat de {from} à {to}."),
            format!("No change to the contract from {from} to {to}."),
        )
    }

    /// The heading of a diff.
    pub fn changes_heading(&self, from: &str, to: &str) -> String {
        self.pick(
            format!("Changements du contrat{}{from} → {to}", self.colon()),
            format!("Changes to the contract{}{from} → {to}", self.colon()),
        )
    }

    /// `names P 1.2.1, whose text changed`.
    pub fn names_reworded(&self, codes: &[String]) -> String {
        match (codes.len(), self.fr()) {
            (1, true) => format!("cite {}, dont le texte a changé", codes[0]),
            (1, false) => format!("names {}, whose text changed", codes[0]),
            (_, true) => format!("cite {}, dont les textes ont changé", codes.join(", ")),
            (_, false) => format!("names {}, whose texts changed", codes.join(", ")),
        }
    }

    /// A change of a level: `Priorité : ajout`.
    pub fn level_change(&self, level: &str, change: Word) -> String {
        self.pick(
            format!("{level}{}{}", self.colon(), self.get(change)),
            format!("{level} {}", self.get(change)),
        )
    }

    /// The heading of a report.
    pub fn report_title(&self, year: u16) -> String {
        format!("{} {year}", self.get(Word::ReportTitle))
    }

    /// `Financements votés par pilier`.
    pub fn funding_by(&self, what: &str) -> String {
        format!(
            "{} {}",
            self.get(Word::ChartFundingByPilier),
            what.to_lowercase()
        )
    }

    /// `Financements votés par financeur et par pilier`.
    pub fn funding_by_funder_and(&self, what: &str) -> String {
        format!(
            "{} {}",
            self.get(Word::FundingByFunderAndPilier),
            what.to_lowercase()
        )
    }

    /// `Financements votés par pilier, cette année et l'année précédente (2023, 2022)`.
    pub fn year_on_year(&self, what: &str, now: u16, before: u16) -> String {
        format!(
            "{}, {} ({now}, {before})",
            self.funding_by(what),
            self.get(Word::ChartYearOnYear)
        )
    }

    /// `Part des priorités avec action, par orientation`.
    pub fn coverage_by(&self, items: &str, by: &str) -> String {
        if self.fr() {
            format!(
                "Part des {} avec action, par {}",
                items.to_lowercase(),
                by.to_lowercase()
            )
        } else {
            format!(
                "Share of {} with actions, by {}",
                items.to_lowercase(),
                by.to_lowercase()
            )
        }
    }

    /// The comparison of a contract's first year, which has no year before.
    pub fn first_year(&self, year: u16) -> String {
        self.pick(
            format!("{year} est la première année du contrat\u{a0}: il n'y a pas d'année précédente à laquelle la comparer."),
            format!("{year} is the contract's first year: there is no year before to compare it with."),
        )
    }

    /// The heading of a mid-term evaluation: `Évaluation à mi-parcours 2024–2026`.
    pub fn midterm_title(&self, from: u16, to: u16) -> String {
        format!("{} {from}–{to}", self.get(Word::MidtermTitle))
    }

    /// How the mid-term evaluation counts, in the contract's terms.
    pub fn counting_rule_midterm(&self) -> String {
        self.by_tree(Word::CountingRuleMidtermEntry, Word::CountingRuleMidterm)
    }

    /// A section on the entries of a level over the years: `Les
    /// orientations année par année`.
    pub fn section_over_years(&self, kind: CodeKind) -> String {
        let many = self.level_many(kind).to_lowercase();
        self.pick(
            format!("Les {many} année par année"),
            format!("The {many} year by year"),
        )
    }

    /// Under a table of the deepest level, when some actions' main entry is
    /// above it: their money counts in no row, nor in the total.
    pub fn money_above(&self, what: &str) -> String {
        let what = what.to_lowercase();
        self.pick(
            format!(
                "L'argent des actions dont le rattachement principal est au-dessus des {what} ne compte dans aucune ligne, ni dans le total."
            ),
            format!(
                "The money of the actions whose main entry lies above the {what} counts in no row, nor in the total."
            ),
        )
    }

    /// The column of a change over a period: `Évolution 2024→2026 (%)`.
    pub fn change_over(&self, first: u16, last: u16) -> String {
        self.pick(
            format!("Évolution {first}→{last} (%)"),
            format!("Change {first}→{last} (%)"),
        )
    }

    /// A commit as a reader finds it again: `1a2b3c4 du 15 janvier 2024`.
    pub fn commit(&self, id: &str, (year, month, day): (u16, u8, u8)) -> String {
        let short: String = id.chars().take(7).collect();
        if year == 0 {
            return short;
        }
        let date = self.date(crate::model::Date { year, month, day });
        self.pick(format!("{short} du {date}"), format!("{short} of {date}"))
    }

    /// Which versions of the contract the changes are between.
    pub fn revisions_compared(&self, from: &str, since: u16, head: Option<&str>) -> String {
        let head: Option<String> = head.map(|h| h.chars().take(7).collect());
        let jan = self.date(crate::model::Date {
            year: since,
            month: 1,
            day: 1,
        });
        // Said for a council; the commits stay in brackets, to be traced.
        match (self.fr(), head) {
            (true, Some(h)) => format!(
                "Versions comparées{}le contrat tel qu'il était enregistré au début de la période (sa première version depuis le {jan}{}commit {from}) et le contrat tel qu'il est aujourd'hui (commit {h}).",
                self.colon(),
                self.colon()
            ),
            (true, None) => format!(
                "Versions comparées{}le contrat tel qu'il était enregistré au début de la période (sa première version depuis le {jan}{}commit {from}) et le contrat tel qu'il est aujourd'hui.",
                self.colon(),
                self.colon()
            ),
            (false, Some(h)) => format!(
                "Versions compared: the contract as recorded at the start of the period (its first version since {jan}: commit {from}) and the contract as it is now (commit {h})."
            ),
            (false, None) => format!(
                "Versions compared: the contract as recorded at the start of the period (its first version since {jan}: commit {from}) and the contract as it is now."
            ),
        }
    }

    /// No commit of the contract since the period began.
    pub fn no_commit_since(&self, year: u16) -> String {
        let jan = self.date(crate::model::Date {
            year,
            month: 1,
            day: 1,
        });
        self.pick(
            format!(
                "Aucun commit du contrat depuis le {jan}{}les changements de son texte sur la période ne peuvent pas être montrés.",
                self.colon()
            ),
            format!(
                "No commit of the contract since {jan}: the changes to its text over the period cannot be shown."
            ),
        )
    }

    /// git could not say what the text was.
    pub fn git_failed(&self, reason: &str) -> String {
        self.pick(
            format!(
                "git n'a pas pu lire l'historique du contrat ({reason}){}les changements de son texte sur la période ne peuvent pas être montrés.",
                self.colon()
            ),
            format!(
                "git could not read the contract's history ({reason}): the changes to its text over the period cannot be shown."
            ),
        )
    }

    /// The contract at the start of the period does not parse.
    pub fn unreadable_revision(&self, commit: &str, reason: &str) -> String {
        self.pick(
            format!(
                "Le contrat au commit {commit} ne peut pas être lu ({reason}){}les changements de son texte sur la période ne peuvent pas être montrés.",
                self.colon()
            ),
            format!(
                "The contract at commit {commit} cannot be read ({reason}): the changes to its text over the period cannot be shown."
            ),
        )
    }

    /// `Comparaison avec l'année précédente (2022)`.
    pub fn compared_with(&self, year: u16) -> String {
        format!("{} ({year})", self.get(Word::SectionComparison))
    }

    /// What the cover says of the meeting the report goes to: `Présenté au
    /// Conseil communautaire du 27 juin 2024`; either part may be missing.
    pub fn presented(&self, council: Option<&str>, date: Option<&str>) -> Option<String> {
        Some(match (council, date, self.fr()) {
            (Some(c), Some(d), true) => format!("Présenté au {c} du {d}"),
            (Some(c), None, true) => format!("Présenté au {c}"),
            (None, Some(d), true) => format!("Présenté le {d}"),
            (Some(c), Some(d), false) => format!("Presented to the {c} on {d}"),
            (Some(c), None, false) => format!("Presented to the {c}"),
            (None, Some(d), false) => format!("Presented on {d}"),
            (None, None, _) => return None,
        })
    }

    /// The heading of an annex: `Annexe A — …`.
    pub fn annex(&self, letter: char, heading: &str) -> String {
        format!(
            "{} {letter} — {heading}",
            if self.fr() { "Annexe" } else { "Annex" }
        )
    }

    /// A file joined to the document: in HTML it is in the page, elsewhere
    /// apart.
    pub fn joined_file(&self, file: &str) -> String {
        let colon = self.colon();
        self.pick(
            format!("Document joint{colon}{file} (dans la page HTML ; joint à part aux autres formats)"),
            format!("Attached document{colon}{file} (inside the HTML page; attached apart to other formats)"),
        )
    }

    /// A code beside its title, cut to a few words: `P 1.1.2 Soutenir les
    /// parents dans leur rôle…`.
    pub fn code_and_title(&self, code: &str, title: &str) -> String {
        format!("{code} {}", short_title(title, 48))
    }

    /// A status of an action.
    pub fn status(&self, status: crate::model::Status) -> &'static str {
        use crate::model::Status;
        self.get(match status {
            Status::Proposed => Word::StatusProposed,
            Status::Instructing => Word::StatusInstructing,
            Status::Closed => Word::StatusClosed,
            Status::Funded => Word::StatusFunded,
            Status::Rejected => Word::StatusRejected,
            Status::Cancelled => Word::StatusCancelled,
            Status::Completed => Word::StatusCompleted,
        })
    }

    /// `▲ hausse`: an arrow for the eye, a word for the screen reader and the photocopy.
    pub fn trend(&self, trend: Trend) -> String {
        match trend {
            Trend::Up => format!("▲ {}", self.get(Word::TrendUp)),
            Trend::Down => format!("▼ {}", self.get(Word::TrendDown)),
            Trend::Same => format!("= {}", self.get(Word::TrendSame)),
            Trend::Unknown => crate::output::number::UNKNOWN.to_owned(),
        }
    }

    /// The rows of a table that do not add up to its total, and why.
    pub fn rows_overlap(&self, what: &str) -> String {
        if self.fr() {
            format!(
                "Une action qui concerne plusieurs {} compte dans chacune : les lignes peuvent dépasser le total, qui compte chaque action une fois.",
                what.to_lowercase()
            )
        } else {
            format!(
                "An action that concerns several {} counts in each: rows may add up to more than the total, which counts each action once.",
                what.to_lowercase()
            )
        }
    }

    /// How many actions state a figure a sum is made of: `Coût : chiffre
    /// donné par 12 actions sur 15 ; ≥ marque une somme incomplète.`
    pub fn known_for(&self, what: &str, known: u64, of: u64) -> String {
        self.pick(
            format!(
                "{what}{}chiffre donné par {} sur {}\u{a0}; ≥ marque une somme incomplète.",
                self.colon(),
                self.actions(known),
                self.count(of)
            ),
            format!(
                "{what}{}stated by {} of {}; ≥ marks a partial sum.",
                self.colon(),
                self.count(known),
                self.actions(of)
            ),
        )
    }
}

/// A title cut at a word to at most `max` characters, with `…` when cut.
pub fn short_title(title: &str, max: usize) -> String {
    let title = title.trim();
    if title.chars().count() <= max {
        return title.to_owned();
    }
    let mut out = String::new();
    for word in title.split_whitespace() {
        if out.chars().count() + 1 + word.chars().count() > max - 1 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = title.chars().take(max - 1).collect();
    }
    let out = out.trim_end_matches([',', ';', ':', '.', ' ']);
    format!("{out}…")
}

/// The line under a table that left columns out to fit a terminal.
pub fn columns_left_out(lang: Language, keys: &[&str]) -> String {
    let list = keys.join(",");
    match lang {
        Language::Fr => format!("Autres colonnes\u{a0}: --columns {list}"),
        Language::En => format!("More columns: --columns {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_words_replace_level_words() {
        let tree = Tree::default().with_labels([
            (Some("Axe".into()), None),
            (Some("Enjeu".into()), Some("Enjeux".into())),
            (None, None),
        ]);
        let w = Words::new(Language::Fr, &tree);
        assert_eq!(w.level_one(CodeKind::Level(0)), "Axe");
        assert_eq!(w.level_many(CodeKind::Level(0)), "Axes");
        assert_eq!(w.level_many(CodeKind::Level(1)), "Enjeux");
        assert_eq!(w.level_one(CodeKind::Level(2)), "Priorité");
        assert_eq!(w.get(Word::Title), "Intitulé");
        let axe = tree.numbered(CodeKind::Level(0), &[2]).unwrap();
        assert_eq!(w.code(axe), "Axe 2");
        assert_eq!(w.without_action("Axe"), "Axe sans action");
        let en = Words::new(Language::En, &Tree::default());
        assert_eq!(en.level_one(CodeKind::Level(2)), "Priority");
        assert_eq!(
            en.level_many(CodeKind::Transversal),
            "Transversal orientations"
        );
    }

    /// Rows an import sets aside: the participle agrees with one row or
    /// many in French.
    #[test]
    fn rows_set_aside_in_both_languages() {
        let fr = Words::new(Language::Fr, &Tree::default());
        let en = Words::new(Language::En, &Tree::default());
        assert_eq!(
            fr.rows_lacking(1, "code", "ligne 4"),
            "1 ligne sans code, non importée (ligne 4)"
        );
        assert_eq!(
            fr.other_quartiers(2, "lignes 5, 6"),
            "2 lignes sur des quartiers que le contrat n'a pas, laissées de côté (lignes 5, 6)"
        );
        assert_eq!(
            fr.dossiers_unknown(2, "lignes 2, 3"),
            "2 lignes sur des dossiers qu'aucune action du contrat ne porte, non importées (lignes 2, 3)"
        );
        assert_eq!(
            en.rows_lacking(2, "code", "rows 4, 5"),
            "2 rows without code, not imported (rows 4, 5)"
        );
        assert_eq!(
            en.other_quartiers(1, "row 6"),
            "1 row about quartiers the contract does not have, left out (row 6)"
        );
        assert_eq!(
            en.dossiers_unknown(1, "row 3"),
            "1 row about dossiers no action of the contract holds, not imported (row 3)"
        );
    }

    #[test]
    fn every_word_has_both_languages() {
        for word in Word::ALL {
            assert!(!word.text(Language::En).is_empty());
            assert!(!word.text(Language::Fr).is_empty());
        }
    }

    #[test]
    fn dates_and_titles_for_the_cover() {
        let fr = Words::new(Language::Fr, &Tree::default());
        let en = Words::new(Language::En, &Tree::default());
        assert_eq!(
            fr.date(crate::model::Date::new(2024, 6, 27).unwrap()),
            "27 juin 2024"
        );
        assert_eq!(
            fr.date(crate::model::Date::new(2024, 6, 1).unwrap()),
            "1er juin 2024"
        );
        assert_eq!(
            en.date(crate::model::Date::new(2024, 12, 3).unwrap()),
            "3 December 2024"
        );
        let d = fr.date(crate::model::Date::new(2024, 6, 27).unwrap());
        assert_eq!(
            fr.presented(Some("Conseil communautaire"), Some(&d))
                .unwrap(),
            "Présenté au Conseil communautaire du 27 juin 2024"
        );
        assert_eq!(fr.presented(None, None), None);
        assert_eq!(
            short_title("Soutenir les parents.", 60),
            "Soutenir les parents."
        );
        assert_eq!(
            short_title(
                "Soutenir les parents dans leur rôle éducatif, à tous les âges",
                30
            ),
            "Soutenir les parents dans…"
        );
    }

    #[test]
    fn plurals_agree() {
        let fr = Words::new(Language::Fr, &Tree::default());
        assert_eq!(fr.gaps_summary(0, 1), "0 manque, 1 manque accepté");
        assert_eq!(fr.gaps_summary(1, 0), "1 manque, 0 manque accepté");
        assert_eq!(fr.gaps_summary(2, 2), "2 manques, 2 manques acceptés");
        assert_eq!(
            fr.actions_by(1, Some("Rebonds")),
            "1 action, portée par Rebonds"
        );
        assert_eq!(fr.actions_by(3, None), "3 actions, toutes en secondaire");
        let en = Words::new(Language::En, &Tree::default());
        assert_eq!(en.gaps_summary(2, 1), "2 gaps, 1 accepted");
    }
}
