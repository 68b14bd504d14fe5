//! The catalogue: every word the tool prints for a reader, in English and
//! French, and the sentences built from them. Contract text is never
//! translated, and where a level of the tree is named, the contract's own word
//! for it (its `[labels]`) wins.
//!
//! French phrases that name a level avoid adjectives that would agree with it
//! ("priorité sans action", not "priorité non couverte"): a contract may call
//! its levels by masculine words (axe, enjeu, objectif).

use crate::analysis::report::Trend;
use crate::model::{Code, CodeKind, Labels, Language, Money};
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
    FieldMainPriority = "main priority", "priorité principale";
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
    FieldPriorities = "priorities", "priorités";
    FieldTransversal = "transversal orientations", "orientations transversales";
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
    SectionOrientations = "The contract's orientations", "Les orientations du contrat";
    SectionActions = "The year's actions", "Les actions de l'année";
    SectionMeans = "Means mobilised", "Les moyens mobilisés";
    SectionCoverage = "Coverage of the contract", "La couverture du contrat";
    SectionGaps = "Gaps", "Les manques";
    SectionQuartiers = "The quartiers", "Les quartiers";
    SectionTransversals = "The transversal orientations", "Les orientations transversales";
    SectionIndicators = "Indicators", "Les indicateurs";
    SectionComparison = "Compared with the year before", "Comparaison avec l'année précédente";
    SectionNotes = "Situation of the quartiers and outlook", "Situation des quartiers et perspectives";
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
    labels: Labels,
}

impl Words {
    pub fn new(lang: Language, labels: &Labels) -> Words {
        Words {
            lang,
            labels: labels.clone(),
        }
    }

    /// A fixed word.
    pub fn get(&self, word: Word) -> &'static str {
        word.text(self.lang)
    }

    /// A fixed word, owned.
    pub fn s(&self, word: Word) -> String {
        word.text(self.lang).to_owned()
    }

    /// A level of the tree as the contract names it.
    pub fn level(&self, kind: CodeKind) -> Noun {
        let (one, many) = match kind {
            CodeKind::Pilier => (Word::Pilier, Word::Piliers),
            CodeKind::Orientation => (Word::Orientation, Word::Orientations),
            CodeKind::Priority => (Word::Priority, Word::Priorities),
            CodeKind::Transversal => (Word::Transversal, Word::Transversals),
        };
        Noun {
            one: self.labels.word(kind, false).unwrap_or_else(|| self.s(one)),
            many: self.labels.word(kind, true).unwrap_or_else(|| self.s(many)),
        }
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
        self.labels.code(code)
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

    /// The rows of an import already in the contract, left out.
    pub fn already_there(&self, n: u64) -> String {
        if self.fr() {
            format!(
                "{} déjà dans le contrat, {}",
                self.counted(n, "ligne", "lignes"),
                if n <= 1 { "ignorée" } else { "ignorées" }
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
                if n <= 1 {
                    "elle ne remplit"
                } else {
                    "elles ne remplissent"
                }
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
        if self.fr() {
            format!(
                "{} sans {key}, {} ({rows})",
                self.counted(n, "ligne", "lignes"),
                if n <= 1 {
                    "non importée"
                } else {
                    "non importées"
                }
            )
        } else {
            format!(
                "{} without {key}, not imported ({rows})",
                self.counted(n, "row", "rows")
            )
        }
    }

    /// Rows that repeat an earlier one exactly: read once.
    pub fn rows_repeated(&self, n: u64, pairs: &str) -> String {
        if self.fr() {
            format!(
                "{} exactement une ligne précédente, {} une fois ({pairs})",
                self.counted(n, "ligne répète", "lignes répètent"),
                if n <= 1 { "lue" } else { "lues" }
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
    pub fn dossiers_unknown(&self, n: u64, list: &str) -> String {
        if self.fr() {
            format!(
                "{} sur des dossiers qu'aucune action du contrat ne porte, {} ({list})",
                self.counted(n, "ligne", "lignes"),
                if n <= 1 {
                    "non importée"
                } else {
                    "non importées"
                }
            )
        } else {
            format!(
                "{} about dossiers no action of the contract holds, not imported ({list})",
                self.counted(n, "row", "rows")
            )
        }
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

    /// `Comparaison avec l'année précédente (2022)`.
    pub fn compared_with(&self, year: u16) -> String {
        format!("{} ({year})", self.get(Word::SectionComparison))
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
        let labels = Labels {
            pilier: Some("Axe".into()),
            orientation: Some("Enjeu".into()),
            orientations: Some("Enjeux".into()),
            ..Labels::default()
        };
        let w = Words::new(Language::Fr, &labels);
        assert_eq!(w.level_one(CodeKind::Pilier), "Axe");
        assert_eq!(w.level_many(CodeKind::Pilier), "Axes");
        assert_eq!(w.level_many(CodeKind::Orientation), "Enjeux");
        assert_eq!(w.level_one(CodeKind::Priority), "Priorité");
        assert_eq!(w.get(Word::Title), "Intitulé");
        assert_eq!(w.code(Code::Pilier(2)), "Axe 2");
        assert_eq!(w.without_action("Axe"), "Axe sans action");
    }

    #[test]
    fn every_word_has_both_languages() {
        for word in Word::ALL {
            assert!(!word.text(Language::En).is_empty());
            assert!(!word.text(Language::Fr).is_empty());
        }
    }

    #[test]
    fn plurals_agree() {
        let fr = Words::new(Language::Fr, &Labels::default());
        assert_eq!(fr.gaps_summary(0, 1), "0 manque, 1 manque accepté");
        assert_eq!(fr.gaps_summary(1, 0), "1 manque, 0 manque accepté");
        assert_eq!(fr.gaps_summary(2, 2), "2 manques, 2 manques acceptés");
        assert_eq!(
            fr.actions_by(1, Some("Rebonds")),
            "1 action, portée par Rebonds"
        );
        assert_eq!(fr.actions_by(3, None), "3 actions, toutes en secondaire");
        let en = Words::new(Language::En, &Labels::default());
        assert_eq!(en.gaps_summary(2, 1), "2 gaps, 1 accepted");
    }
}
