//! The one description of the file format: every table of the two kinds of
//! file, each key with its shape, whether it is required, its place in the
//! canonical order (its position in the list), an example line and a one-line
//! doc.
//!
//! The reader's known keys and required-key help, `fmt`'s key order and value
//! shapes, the JSON Schemas, docs/FORMAT.md's key tables and what `add` writes
//! all come from here, so adding a key is one edit: see the test
//! `a_key_added_to_the_spec_reaches_reader_fmt_schema_and_docs` in
//! `src/load/pilier_file.rs`.
//!
//! Tables are plain values built at run time, so that a contract that declares
//! its own tree has its own spec: [`Spec::new`] takes the [`Tree`];
//! [`Spec::builtin`] is the default pilier → orientation → priority tree.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::diagnostic::Level as RuleLevel;
use crate::model::{CodeKind, Language, Placeholder, Status, Tree};

/// Names, examples and docs: fixed for the built-in tree, built for a
/// declared one.
pub type Text = Cow<'static, str>;

/// The two kinds of file of a contract folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `contrat.toml`.
    Contract,
    /// Any other `.toml` file of the folder.
    Pilier,
}

impl FileKind {
    pub const ALL: [FileKind; 2] = [FileKind::Contract, FileKind::Pilier];

    /// The file name of its JSON Schema, as committed under `schema/`.
    pub fn schema_file_name(self) -> &'static str {
        match self {
            FileKind::Contract => "contrat.schema.json",
            FileKind::Pilier => "pilier.schema.json",
        }
    }
}

/// The whole format: the tree and the two kinds of file.
#[derive(Clone, Debug)]
pub struct Spec {
    pub tree: Tree,
    pub contract: TableSpec,
    pub pilier: TableSpec,
}

static BUILTIN: LazyLock<Spec> = LazyLock::new(|| Spec::new(Tree::default()));

impl Spec {
    /// The format of a contract whose tree files follow `tree`.
    pub fn new(tree: Tree) -> Spec {
        Spec {
            contract: contract_file(&tree),
            pilier: with_themes(pilier_file(&tree), &tree),
            tree,
        }
    }

    /// The format of the default tree: pilier, orientation, priority.
    pub fn builtin() -> &'static Spec {
        &BUILTIN
    }

    pub fn file(&self, kind: FileKind) -> &TableSpec {
        match kind {
            FileKind::Contract => &self.contract,
            FileKind::Pilier => &self.pilier,
        }
    }

    /// The keys whose presence shows that a file holds part of the tree: the
    /// top level's key and the entries of every level and of actions.
    pub fn tree_keys(&self) -> impl Iterator<Item = &str> {
        self.pilier
            .keys
            .iter()
            .filter(|k| k.name == self.tree.top().key || matches!(k.shape, Shape::Tables(_)))
            .map(|k| k.name.as_ref())
    }
}

/// A table of a file: the file itself, an entry of an array of tables, or a
/// table-valued key.
#[derive(Clone, Debug)]
pub struct TableSpec {
    /// What messages call one such table: "action", "pilier file".
    pub name: Text,
    /// What it is, in one line.
    pub doc: Text,
    /// Its keys, in canonical order.
    pub keys: Vec<KeySpec>,
}

impl TableSpec {
    pub fn key(&self, name: &str) -> Option<&KeySpec> {
        self.keys.iter().find(|k| k.name == name)
    }

    pub fn key_mut(&mut self, name: &str) -> Option<&mut KeySpec> {
        self.keys.iter_mut().find(|k| k.name == name)
    }

    /// The place of a key in the canonical order; `None` for a key the
    /// format does not define.
    pub fn rank(&self, name: &str) -> Option<usize> {
        self.keys.iter().position(|k| k.name == name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(|k| k.name.as_ref())
    }

    /// Every table below this one, each with its path of keys from here
    /// (`["action", "indicator"]`), depth first in canonical order.
    pub fn subtables(&self) -> Vec<(Vec<&str>, &TableSpec)> {
        let mut out = Vec::new();
        for key in &self.keys {
            if let Some(table) = key.shape.table() {
                out.push((vec![key.name.as_ref()], table));
                for (mut path, below) in table.subtables() {
                    path.insert(0, key.name.as_ref());
                    out.push((path, below));
                }
            }
        }
        out
    }
}

/// One key of a table.
#[derive(Clone, Debug)]
pub struct KeySpec {
    pub name: Text,
    pub shape: Shape,
    pub required: bool,
    /// A line to write it, valid in its table: what `help: add …` shows.
    pub example: Text,
    /// What it holds, in one line of English.
    pub doc: Text,
}

/// What a key holds, and how `fmt` writes it.
#[derive(Clone, Debug)]
pub enum Shape {
    /// A string.
    Text,
    /// A string among these words.
    OneOf(Vec<Text>),
    /// A code of one level, in canonical form (`P 1.2.3`), or of the top
    /// level as the file's first key writes it: its number or identifier.
    Code {
        kind: CodeKind,
        form: Text,
        /// A regular expression of its canonical spelling.
        pattern: Text,
    },
    /// An array of codes of these levels; `non_empty` when it must name one.
    Codes {
        kinds: Vec<CodeKind>,
        forms: Text,
        patterns: Vec<Text>,
        non_empty: bool,
    },
    /// An array of strings.
    Texts,
    /// An integer from `min` to `max`, both included.
    Integer { min: i64, max: i64 },
    /// A number, integer or decimal.
    Number,
    /// A TOML local date: `2023-04-01`.
    Date,
    /// An amount of euros: `8000`, `8000.50`.
    Money,
    /// A `[header]` table of `key = value` lines, keys in the order written.
    Map { keys: MapKeys, value: Box<Shape> },
    /// An inline table `{ … }` on the line of its key: `period`.
    Inline(TableSpec),
    /// An inline table of `key = value`, keys in the order written:
    /// `values = { 2019 = 44.8, 2021 = 46.1 }`.
    InlineMap { keys: MapKeys, value: Box<Shape> },
    /// A `[header]` table with these keys: `[labels]`.
    Table(TableSpec),
    /// `[[header]]` entries: `[[action]]`.
    Tables(TableSpec),
    /// An array of inline tables, one per line: `protocole`.
    InlineTables(TableSpec),
}

impl MapKeys {
    fn describe(self) -> &'static str {
        match self {
            MapKeys::Identifier => "identifier",
            MapKeys::Funder => "funder id",
            MapKeys::Rule => "rule name",
            MapKeys::Year => "year",
            MapKeys::Label => "label",
        }
    }
}

/// What the keys of a [`Shape::Map`] are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapKeys {
    /// Identifiers: letters, digits, `_` and `-` (`[funders]`).
    Identifier,
    /// Funder ids of the contract's `[funders]` (`[action.funding]`).
    Funder,
    /// Names of the rules of `contrat check` (`[check]`).
    Rule,
    /// Years, 1900 to 2200 (`[commune.dsu]`, an indicator's `values`).
    Year,
    /// Any text, quoted as TOML needs (`\"Justifiée\" = \"completed\"`).
    Label,
}

impl Shape {
    /// The keys of a table-shaped value, if it is one.
    pub fn table(&self) -> Option<&TableSpec> {
        match self {
            Shape::Inline(t) | Shape::Table(t) | Shape::Tables(t) | Shape::InlineTables(t) => {
                Some(t)
            }
            _ => None,
        }
    }

    pub fn table_mut(&mut self) -> Option<&mut TableSpec> {
        match self {
            Shape::Inline(t) | Shape::Table(t) | Shape::Tables(t) | Shape::InlineTables(t) => {
                Some(t)
            }
            _ => None,
        }
    }

    /// Written as `[header]` or `[[header]]` sections after the keys of its
    /// table.
    pub fn is_section(&self) -> bool {
        matches!(self, Shape::Map { .. } | Shape::Table(_) | Shape::Tables(_))
    }

    /// The type column of docs/FORMAT.md.
    pub fn describe(&self) -> String {
        let keys = |t: &TableSpec| t.names().collect::<Vec<_>>().join(", ");
        match self {
            Shape::Text => "string".to_owned(),
            Shape::OneOf(words) => one_of(words),
            Shape::Code { form, .. } => format!("code `{form}`"),
            Shape::Codes { forms, .. } => format!("array of codes {forms}"),
            Shape::Texts => "array of strings".to_owned(),
            Shape::Integer { min, max } if *max == i64::MAX => format!("integer ≥ {min}"),
            Shape::Integer { min, max } => format!("integer from {min} to {max}"),
            Shape::Number => "number".to_owned(),
            Shape::Date => "date `YYYY-MM-DD`".to_owned(),
            Shape::Money => "amount".to_owned(),
            Shape::Map { keys, value } => {
                format!("table: {} = {}", keys.describe(), value.describe())
            }
            Shape::InlineMap { keys, value } => {
                format!(
                    "inline table `{{ {} = {} }}`",
                    keys.describe(),
                    value.describe()
                )
            }
            Shape::Inline(t) => format!("inline table `{{ {} }}`", keys(t)),
            Shape::Table(t) => format!("table of {}", keys(t)),
            Shape::Tables(_) => "array of tables".to_owned(),
            Shape::InlineTables(t) => format!("array of inline tables `{{ {} }}`", keys(t)),
        }
    }
}

/// `"fr"` or `"en"`; `"a"`, `"b"` or `"c"`.
fn one_of(words: &[Text]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("`\"{w}\"`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// A key, built tersely: `key("title", Shape::Text, "title = \"…\"", "…")`,
/// optional unless marked [`KeySpec::required`].
fn key(
    name: impl Into<Text>,
    shape: Shape,
    example: impl Into<Text>,
    doc: impl Into<Text>,
) -> KeySpec {
    KeySpec {
        name: name.into(),
        shape,
        required: false,
        example: example.into(),
        doc: doc.into(),
    }
}

impl KeySpec {
    fn required(mut self) -> KeySpec {
        self.required = true;
        self
    }
}

fn table(name: impl Into<Text>, doc: impl Into<Text>, keys: Vec<KeySpec>) -> TableSpec {
    TableSpec {
        name: name.into(),
        doc: doc.into(),
        keys,
    }
}

/// Years a contract or an action may name: anything else is a slip.
pub const YEARS: Shape = Shape::Integer {
    min: 1900,
    max: 2200,
};

fn words(names: &[&'static str]) -> Vec<Text> {
    names.iter().map(|&n| Text::Borrowed(n)).collect()
}

fn contract_file(tree: &Tree) -> TableSpec {
    let period = table(
        "period",
        "The years the contract covers, both inclusive.",
        vec![
            key("from", YEARS, "from = 2015", "The first year.").required(),
            key(
                "to",
                YEARS,
                "to = 2023",
                "The last year, not before `from`.",
            )
            .required(),
        ],
    );
    let transversal_kind = CodeKind::Transversal;
    let transversal = table(
        tree.name(transversal_kind),
        format!(
            "{}, which actions of every part of the tree may serve.",
            level_doc(tree, transversal_kind)
        ),
        vec![
            key(
                "code",
                code_shape(tree, transversal_kind),
                format!("code = \"{}\"", tree.example(transversal_kind)),
                format!("Its code, `{}`.", tree.transversal.form.template()),
            )
            .required(),
            key(
                "title",
                Shape::Text,
                "title = \"…\"",
                "Its text, as the contract states it.",
            )
            .required(),
        ],
    );
    let indicator = table(
        "quartier indicator",
        "A context indicator of a quartier (population, poverty rate…), year by year.",
        vec![
            key(
                "name",
                Shape::Text,
                "name = \"Taux de pauvreté\"",
                "What it measures; quartiers compare on the same name.",
            )
            .required(),
            key(
                "unit",
                Shape::Text,
                "unit = \"%\"",
                "The unit of its values.",
            ),
            key(
                "source",
                Shape::Text,
                "source = \"INSEE, Filosofi\"",
                "Where the figures come from.",
            ),
            key(
                "values",
                Shape::InlineMap {
                    keys: MapKeys::Year,
                    value: Box::new(Shape::Number),
                },
                "values = { 2019 = 44.8, 2021 = 46.1 }",
                "The figure of each year known, year = number.",
            )
            .required(),
        ],
    );
    let quartier = table(
        "quartier",
        "A quartier prioritaire (QPV).",
        vec![
            key(
                "code",
                Shape::Text,
                "code = \"QP082001\"",
                "The official code, e.g. `QP082001`; left out while a quartier of the 2024 list has none, which is then known by its name.",
            ),
            key(
                "name",
                Shape::Text,
                "name = \"Cœur de Ville\"",
                "The official name.",
            )
            .required(),
            key(
                "aliases",
                Shape::Texts,
                "aliases = [\"Cœur-de-Ville\"]",
                "Other spellings users write.",
            ),
            key(
                "communes",
                Shape::Texts,
                "communes = [\"82121\"]",
                "The communes it lies in, by INSEE code or name, from the contract's `[[commune]]` list.",
            ),
            key(
                "indicator",
                Shape::Tables(indicator),
                "indicator = [{ name = \"Taux de pauvreté\", values = { 2021 = 46.1 } }]",
                "Its context indicators, year by year, for the report's section on the quartiers.",
            ),
        ],
    );
    let commune = table(
        "commune",
        "A commune of the contract's territory.",
        vec![
            key(
                "insee",
                Shape::Text,
                "insee = \"82121\"",
                "Its INSEE code: five characters (`2A`/`2B` for Corsica).",
            )
            .required(),
            key("name", Shape::Text, "name = \"Montauban\"", "Its name.").required(),
            funder_key("ville", "the money it gives under its own powers"),
            key(
                "dsu",
                Shape::InlineMap {
                    keys: MapKeys::Year,
                    value: Box::new(Shape::Money),
                },
                "dsu = { 2023 = 3204000 }",
                "The dotation de solidarité urbaine it received, year = euros.",
            ),
        ],
    );
    let epci = table(
        "epci",
        "The intercommunality (EPCI) that signed the contract.",
        vec![
            key("name", Shape::Text, "name = \"…\"", "Its name.").required(),
            key(
                "siren",
                Shape::Text,
                "siren = \"200012345\"",
                "Its SIREN: nine digits.",
            ),
            funder_key("agglo", "the money it gives under its own powers"),
        ],
    );
    let droit_commun = table(
        "droit commun entry",
        "Means of a funder's ordinary policies (droit commun) in the quartiers in one year.",
        vec![
            funder_key("etat", "whose means these are").required(),
            key("year", YEARS, "year = 2023", "The year.").required(),
            key(
                "amount",
                Shape::Money,
                "amount = 250000",
                "The amount, in euros.",
            )
            .required(),
            key(
                "what",
                Shape::Text,
                "what = \"Dédoublement des classes de CP en REP\"",
                "What it pays for.",
            ),
        ],
    );
    let npnru = table(
        "renewal project",
        "A project of the Nouveau programme national de renouvellement urbain (NPNRU).",
        vec![
            key("name", Shape::Text, "name = \"…\"", "Its name.").required(),
            key(
                "quartiers",
                Shape::Texts,
                "quartiers = [\"QP082002\"]",
                "The quartiers it renews, by code, name or alias.",
            )
            .required(),
            key(
                "stage",
                Shape::Text,
                "stage = \"convention signée\"",
                "Where it stands: protocole de préfiguration, convention signée, travaux, achevé…",
            ),
            key(
                "anru",
                Shape::Money,
                "anru = 8500000",
                "The ANRU's financial aid, in euros.",
            ),
            key(
                "total",
                Shape::Money,
                "total = 32000000",
                "Its total cost, in euros.",
            ),
            key(
                tree.action_key(),
                codes_shape(tree, tree.kinds().map(|(k, _)| k).collect(), false),
                format!(
                    "{} = [\"{}\"]",
                    tree.action_key(),
                    tree.example(CodeKind::Level(tree.depth() as u8 - 1))
                ),
                "The entries of the tree it serves: the actions of its quartiers that name them are tied to it.",
            ),
        ],
    );
    let form_doc = "Its code form: text around one of `{n}` (its own number), `{path}` (its parent's numbers, then its own) or `{id}` (an identifier).";
    // A level and the transversal family are declared alike: words, then
    // the code form; a level also has its key.
    let declaration = |one: &str, many: &str, form: &str| {
        vec![
            key(
                "label",
                Shape::Text,
                format!("label = \"{one}\""),
                "What the contract calls one entry.",
            )
            .required(),
            key(
                "plural",
                Shape::Text,
                format!("plural = \"{many}\""),
                "What it calls several.",
            )
            .required(),
            key("code", Shape::Text, format!("code = \"{form}\""), form_doc).required(),
        ]
    };
    let mut level_keys = vec![
        key(
            "key",
            Shape::Text,
            "key = \"objectif\"",
            "The TOML key of its entries: lower-case letters, digits and `_`.",
        )
        .required(),
    ];
    level_keys.extend(declaration("Objectif", "Objectifs", "O {path}"));
    let declared_level = table(
        "level declaration",
        "One level of a declared tree.",
        level_keys,
    );
    let declared_transversal = table(
        "transversal declaration",
        "The words and code form of the transversal family.",
        declaration("Priorité transversale", "Priorités transversales", "PT {n}"),
    );
    let tree_table = table(
        "tree table",
        "The contract's own tree: its levels, their words and code forms.",
        vec![
            key(
                "levels",
                Shape::InlineTables(declared_level),
                "levels = [{ key = \"axe\", label = \"Axe\", plural = \"Axes\", code = \"Axe {n}\" }]",
                "One to four levels, top first.",
            )
            .required(),
            key(
                "actions",
                Shape::Texts,
                "actions = [\"objectif\"]",
                "The keys of the levels actions may name; the deepest when left out.",
            ),
            key(
                "transversal",
                Shape::Inline(declared_transversal),
                "transversal = { label = \"Axe transversal\", plural = \"Axes transversaux\", code = \"AT {n}\" }",
                "The transversal family's words and code form; `OT {n}` when left out.",
            ),
        ],
    );
    let mut label_keys = Vec::new();
    for (kind, level) in tree.kinds() {
        let plural = plural_key(&level.key);
        label_keys.push(key(
            level.key.clone(),
            Shape::Text,
            format!("{} = \"…\"", level.key),
            format!("What the contract calls {}.", level_doc(tree, kind)),
        ));
        label_keys.push(key(
            plural.clone(),
            Shape::Text,
            format!("{plural} = \"…\""),
            format!(
                "The plural of `{}`, when it is not the singular with an `s`.",
                level.key
            ),
        ));
    }
    let labels = table(
        "labels table",
        "The contract's own words for the levels of its tree; tables and reports use them.",
        label_keys,
    );
    let mut file = table(
        "contract file",
        "`contrat.toml`: the contract as a whole.",
        vec![
            key(
                "title",
                Shape::Text,
                "title = \"Contrat de ville de …\"",
                "The contract's name.",
            )
            .required(),
            key(
                "territory",
                Shape::Text,
                "territory = \"…\"",
                "The city or intercommunality.",
            )
            .required(),
            key(
                "period",
                Shape::Inline(period),
                "period = { from = 2015, to = 2023 }",
                "The years the contract covers, both inclusive; years 1900 to 2200.",
            )
            .required(),
            key(
                "language",
                Shape::OneOf(words(&Language::NAMES)),
                "language = \"fr\"",
                "The language of report labels; `en` when left out.",
            ),
            key(
                "source",
                Shape::Text,
                "source = \"…\"",
                "The document the text was transcribed from.",
            ),
            key(
                "epci",
                Shape::Inline(epci),
                "epci = { name = \"…\", siren = \"200012345\" }",
                "The intercommunality (EPCI) that signed the contract.",
            ),
            key(
                "publics",
                Shape::Texts,
                "publics = [\"jeunes\", \"femmes\"]",
                "The vocabulary of target publics: priorities and actions may only use these words.",
            ),
            key(
                "funders",
                Shape::Map {
                    keys: MapKeys::Identifier,
                    value: Box::new(Shape::Text),
                },
                "funders = { etat = \"État\" }",
                "The financeurs, identifier = display name; actions name them by identifier, and `etat` is the State.",
            ),
            key(
                "tree",
                Shape::Table(tree_table),
                "tree = { levels = [{ key = \"axe\", label = \"Axe\", plural = \"Axes\", code = \"Axe {n}\" }] }",
                "The contract's own tree, when it is not pilier → orientation stratégique → priorité (docs/FORMAT.md, \"Declaring the tree\").",
            ),
            key(
                "transversal",
                Shape::Tables(transversal),
                format!(
                    "transversal = [{{ code = \"{}\", title = \"…\" }}]",
                    tree.example(transversal_kind)
                ),
                format!(
                    "The entries of the transversal family ({}).",
                    level_doc(tree, transversal_kind)
                ),
            ),
            key(
                "commune",
                Shape::Tables(commune),
                "commune = [{ insee = \"82121\", name = \"Montauban\" }]",
                "The communes of the contract's territory.",
            ),
            key(
                "quartier",
                Shape::Tables(quartier),
                "quartier = [{ code = \"QP082001\", name = \"…\" }]",
                "The quartiers prioritaires (QPV).",
            ),
            key(
                "droit_commun",
                Shape::Tables(droit_commun),
                "droit_commun = [{ funder = \"etat\", year = 2023, amount = 250000 }]",
                "The droit commun means of each funder, year by year, beside the contract's credits.",
            ),
            key(
                "npnru",
                Shape::Tables(npnru),
                "npnru = [{ name = \"…\", quartiers = [\"QP082002\"] }]",
                "The urban renewal projects (NPNRU) of the contract's quartiers.",
            ),
            key(
                "check",
                Shape::Map {
                    keys: MapKeys::Rule,
                    value: Box::new(Shape::OneOf(words(&RuleLevel::NAMES))),
                },
                "check = { numbering-gap = \"allow\" }",
                "Levels of the rules of `contrat check`, as clippy's lint levels (docs/CHECKS.md).",
            ),
            key(
                "labels",
                Shape::Table(labels),
                "labels = { pilier = \"Axe\" }",
                "What the contract calls the levels of the default tree, e.g. `pilier = \"Axe\"` (a declared tree names them in `[tree]`).",
            ),
            key(
                "statuses",
                Shape::Map {
                    keys: MapKeys::Label,
                    value: Box::new(Shape::OneOf(words(&Status::NAMES))),
                },
                "statuses = { \"Cloturée\" = \"completed\" }",
                "How this contract reads Dauphin's status labels, over the defaults (README): label = status.",
            ),
            key(
                "porteur",
                Shape::Tables(porteur()),
                "porteur = [{ id = \"amiss\", name = \"Association AMISS\" }]",
                "The registry of porteurs: each with its identifiers and the other spellings of its name.",
            ),
            key(
                "post",
                Shape::Tables(post()),
                "post = [{ number = \"08212R000102\", kind = \"adulte-relais\", porteur = \"…\", year = 2021 }]",
                "Posts the State funds in the contract (FONJEP, adultes-relais), one entry per post and year.",
            ),
        ],
    );
    // A declared tree names its levels in `[tree]`.
    if tree.declared {
        file.keys.retain(|k| k.name != "labels");
    }
    file
}

/// The key naming a national theme (issue 13): `theme = "1.1"`.
fn theme_key(what: &str) -> KeySpec {
    key(
        "theme",
        Shape::Text,
        "theme = \"1.1\"",
        format!(
            "The national theme or sub-theme (ANCT nomenclature) {what} falls under, by its code: `1.1`, `1.5a`, `4.2`."
        ),
    )
}

/// A pilier file whose every entry of the tree may name its national theme:
/// the file's top level after its `objectives`, each level's entries after
/// their `title`, actions after the codes they serve.
fn with_themes(mut file: TableSpec, tree: &Tree) -> TableSpec {
    let at = file.rank("objectives").map_or(file.keys.len(), |r| r + 1);
    file.keys
        .insert(at, theme_key(&format!("the whole {}", tree.top().name())));
    for level in tree.levels.iter().skip(1) {
        if let Some(entry) = file.key_mut(&level.key).and_then(|k| k.shape.table_mut()) {
            let at = entry.rank("title").map_or(entry.keys.len(), |r| r + 1);
            entry
                .keys
                .insert(at, theme_key(&format!("the {}", level.name())));
        }
    }
    if let Some(action) = file.key_mut("action").and_then(|k| k.shape.table_mut()) {
        let serves = tree.action_key();
        if let Some(key) = action.key_mut(serves) {
            if let Shape::Codes { non_empty, .. } = &mut key.shape {
                *non_empty = false;
            }
            key.doc = format!(
                "{} Empty only while an action of a national `theme` is to be linked (a warning, but for theme 4).",
                key.doc
            )
            .into();
        }
        let at = action.rank(serves).map_or(action.keys.len(), |r| r + 1);
        action.keys.insert(at, theme_key("the action"));
    }
    file
}

/// The dates of an action's grant (issue 13).
fn dates() -> TableSpec {
    let date = |name: &'static str, example: &'static str, doc: &'static str| {
        key(name, Shape::Date, example, doc)
    };
    table(
        "dates table",
        "The dates of a grant's life.",
        vec![
            date("filed", "filed = 2023-01-15", "The request was filed."),
            date("voted", "voted = 2023-03-02", "The funding was voted."),
            date("paid", "paid = 2023-04-20", "The (last) payment."),
            date(
                "bilan",
                "bilan = 2024-02-01",
                "The bilan of the action was received.",
            ),
        ],
    )
}

/// A porteur of the registry (issue 13): actions and posts name it by its id
/// or any of its spellings.
fn porteur() -> TableSpec {
    table(
        "porteur",
        "An organisation that carries actions or employs posts.",
        vec![
            key(
                "id",
                Shape::Text,
                "id = \"amiss\"",
                "A short identifier, unique in the registry, that actions may name it by.",
            )
            .required(),
            key(
                "name",
                Shape::Text,
                "name = \"Association AMISS\"",
                "Its name, as reports show it.",
            )
            .required(),
            key(
                "siret",
                Shape::Text,
                "siret = \"38186796900051\"",
                "Its establishment's SIRET: 14 digits whose Luhn key holds.",
            ),
            key(
                "rna",
                Shape::Text,
                "rna = \"W821000123\"",
                "An association's RNA number: `W` and 9 digits.",
            ),
            key(
                "aliases",
                Shape::Texts,
                "aliases = [\"ASSOC AMISS\"]",
                "Other spellings of its name, as the State's files and spreadsheets write it.",
            ),
        ],
    )
}

/// A post of the contract (issue 13): its own entry, never an action.
fn post() -> TableSpec {
    table(
        "post",
        "A post the State funds in the contract for one year: FONJEP or adulte-relais.",
        vec![
            key(
                "number",
                Shape::Text,
                "number = \"08212R000102\"",
                "The post's number: `D01935` (FONJEP), `08212R000102` (adultes-relais).",
            )
            .required(),
            key(
                "kind",
                Shape::OneOf(words(&crate::model::PostKind::NAMES)),
                "kind = \"adulte-relais\"",
                "What post it is.",
            )
            .required(),
            key(
                "porteur",
                Shape::Text,
                "porteur = \"Association …\"",
                "Its employer: a porteur's id or any spelling of its name.",
            )
            .required(),
            key(
                "year",
                YEARS,
                "year = 2021",
                "The year, within the contract's `period`.",
            )
            .required(),
            key(
                "amount",
                Shape::Money,
                "amount = 20071.82",
                "The State's amount for the year; unknown when left out.",
            ),
            key(
                "quartier",
                Shape::Text,
                "quartier = \"QP082001\"",
                "The quartier where the post works, when known: a code, name or alias.",
            ),
        ],
    )
}

/// A `funder` key, the id of a funder of `[funders]`.
fn funder_key(example: &str, what: &str) -> KeySpec {
    key(
        "funder",
        Shape::Text,
        format!("funder = \"{example}\""),
        format!("Its id in `[funders]`: {what}."),
    )
}

/// The plural key of a level in `[labels]`: `priorities`, `piliers`.
pub fn plural_key(key: &str) -> String {
    match key.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{key}s"),
    }
}

/// What one entry of a level is, in English, for the docs.
fn level_doc(tree: &Tree, kind: CodeKind) -> String {
    if tree.declared {
        return crate::model::article(&format!("`{}`", tree.level(kind).name()));
    }
    match kind {
        CodeKind::Level(0) => "a pilier".to_owned(),
        CodeKind::Level(1) => "an orientation stratégique".to_owned(),
        CodeKind::Level(_) => "a priorité".to_owned(),
        CodeKind::Transversal => "an orientation transversale".to_owned(),
    }
}

/// The shape of a code of one level.
fn code_shape(tree: &Tree, kind: CodeKind) -> Shape {
    Shape::Code {
        kind,
        form: tree.level(kind).form.template().into(),
        pattern: tree.pattern(kind).into(),
    }
}

/// The shape of an array of codes of these kinds, in that order.
fn codes_shape(tree: &Tree, kinds: Vec<CodeKind>, non_empty: bool) -> Shape {
    Shape::Codes {
        forms: kinds
            .iter()
            .map(|&k| format!("`{}`", tree.level(k).form.template()))
            .collect::<Vec<_>>()
            .join(" or ")
            .into(),
        patterns: kinds.iter().map(|&k| tree.pattern(k).into()).collect(),
        kinds,
        non_empty,
    }
}

fn pilier_file(tree: &Tree) -> TableSpec {
    let top = tree.top();
    let top_kind = CodeKind::Level(0);
    let (top_shape, top_example) = if top.numbers > 0 {
        (
            Shape::Integer {
                min: 1,
                max: i64::from(u16::MAX),
            },
            format!("{} = 1", top.key),
        )
    } else {
        (Shape::Text, format!("{} = \"emploi\"", top.key))
    };
    let top_doc = if top.numbers > 0 {
        format!(
            "The number of the file's {}; one file each.",
            tree.name(top_kind)
        )
    } else {
        format!(
            "The identifier of the file's {}; one file each.",
            tree.name(top_kind)
        )
    };
    let mut keys = vec![
        key(top.key.clone(), top_shape, top_example, top_doc).required(),
        key(
            "title",
            Shape::Text,
            "title = \"Cohésion sociale\"",
            format!("The title of the file's {}.", tree.name(top_kind)),
        )
        .required(),
        key(
            "objectives",
            Shape::Texts,
            "objectives = [\"…\"]",
            "Aims every action of the file should serve.",
        ),
    ];
    if top.nameable {
        keys.extend(nameable_keys());
    }
    for (kind, level) in tree.kinds().skip(1) {
        let depth = kind.depth().unwrap_or(0);
        let parent_kind = CodeKind::Level(depth as u8 - 1);
        let implied = level.form.placeholder == Placeholder::Path;
        let mut entry = vec![
            key(
                "code",
                code_shape(tree, kind),
                format!("code = \"{}\"", tree.example(kind)),
                if implied {
                    format!(
                        "Its code, `{}`, which says which {} it belongs to.",
                        level.form.template(),
                        tree.name(parent_kind)
                    )
                } else {
                    format!("Its code, `{}`.", level.form.template())
                },
            )
            .required(),
            key(
                "title",
                Shape::Text,
                "title = \"…\"",
                "Its text, as the contract states it.",
            )
            .required(),
        ];
        if depth >= 2 && !implied {
            entry.push(
                key(
                    "parent",
                    code_shape(tree, parent_kind),
                    format!("parent = \"{}\"", tree.example(parent_kind)),
                    format!("The code of the {} it belongs to.", tree.name(parent_kind)),
                )
                .required(),
            );
        }
        if level.nameable {
            entry.extend(nameable_keys());
        }
        keys.push(key(
            level.key.clone(),
            Shape::Tables(table(tree.name(kind), level_doc(tree, kind), entry)),
            format!(
                "{} = [{{ code = \"{}\", title = \"…\" }}]",
                level.key,
                tree.example(kind)
            ),
            format!("The file's entries of the level `{}`.", level.key),
        ));
    }
    keys.push(key(
        "action",
        Shape::Tables(action(tree)),
        format!(
            "action = [{{ id = \"2023-001\", title = \"…\", porteur = \"…\", year = 2023, {} = [\"{}\"] }}]",
            tree.action_key(),
            tree.nameable().map(|(k, _)| tree.example(k)).last().unwrap_or_default()
        ),
        "Actions of the programmation, stored in the file of the entry their money counts on.",
    ));
    table(
        "pilier file",
        format!(
            "A file of the tree: {} with the entries below it, and actions.",
            level_doc(tree, top_kind)
        ),
        keys,
    )
}

/// The keys of an entry of a level that actions serve.
fn nameable_keys() -> Vec<KeySpec> {
    let protocole = table(
        "protocole link",
        "A link with the protocole d'engagements renforcés et réciproques.",
        vec![
            key(
                "text",
                Shape::Text,
                "text = \"…\"",
                "The engagement, as written.",
            )
            .required(),
            key(
                "mesure",
                Shape::Integer {
                    min: 1,
                    max: 99_999,
                },
                "mesure = 18",
                "The number of the mesure, where the source gives one.",
            ),
        ],
    );
    vec![
        key(
            "emphasis",
            Shape::Texts,
            "emphasis = [\"…\"]",
            "Phrases underlined in the source; each must occur in `title`.",
        ),
        key(
            "publics",
            Shape::Texts,
            "publics = [\"jeunes\"]",
            "Publics it names, from the contract's `publics`.",
        ),
        key(
            "protocole",
            Shape::InlineTables(protocole),
            "protocole = [{ text = \"…\", mesure = 18 }]",
            "Links with the protocole d'engagements renforcés et réciproques.",
        ),
        key(
            "note",
            Shape::Text,
            "note = \"…\"",
            "A remark on the text, e.g. what the source lost.",
        ),
        key(
            "accepted_gap",
            Shape::Text,
            "accepted_gap = \"…\"",
            "Why no action is expected: gap reports list it apart, as an accepted gap with this reason.",
        ),
    ]
}

fn action(tree: &Tree) -> TableSpec {
    let amounts = || Shape::Map {
        keys: MapKeys::Funder,
        value: Box::new(Shape::Money),
    };
    let count = || Shape::Integer {
        min: 0,
        max: i64::MAX,
    };
    let beneficiaries = table(
        "beneficiaries table",
        "People reached by an action.",
        vec![
            key(
                "planned",
                count(),
                "planned = 40",
                "People the action plans to reach.",
            ),
            key("actual", count(), "actual = 37", "People it reached."),
        ],
    );
    let indicator = table(
        "indicator",
        "An indicator of an action: a target and, once known, the actual figure.",
        vec![
            key("name", Shape::Text, "name = \"…\"", "What is counted.").required(),
            key(
                "target",
                Shape::Number,
                "target = 40",
                "The figure aimed at.",
            )
            .required(),
            key(
                "actual",
                Shape::Number,
                "actual = 35",
                "The figure reached.",
            ),
            key(
                "unit",
                Shape::Text,
                "unit = \"élèves\"",
                "The unit of both.",
            ),
        ],
    );
    table(
        "action",
        "An action of a year's programmation, carried by a porteur.",
        vec![
            key(
                "id",
                Shape::Text,
                "id = \"2023-001\"",
                "Unique in the whole contract, e.g. `2023-017`.",
            )
            .required(),
            key("title", Shape::Text, "title = \"…\"", "What the action is.").required(),
            key(
                "porteur",
                Shape::Text,
                "porteur = \"Association …\"",
                "The organisation that carries the action.",
            )
            .required(),
            key(
                "year",
                YEARS,
                "year = 2023",
                "The year of its programmation, within the contract's `period`.",
            )
            .required(),
            key(
                tree.action_key(),
                codes_shape(tree, tree.nameable().map(|(k, _)| k).collect(), true),
                format!(
                    "{} = [\"{}\"]",
                    tree.action_key(),
                    tree.nameable().map(|(k, _)| tree.example(k)).last().unwrap_or_default()
                ),
                if tree.declared {
                    "The entries it serves; the first is the main one, on which its money is counted.".to_owned()
                } else {
                    "The priorities it serves; the first is the main one, on which its money is counted.".to_owned()
                },
            )
            .required(),
            key(
                "description",
                Shape::Text,
                "description = \"…\"",
                "A longer text.",
            ),
            key(
                "transversal",
                codes_shape(tree, vec![CodeKind::Transversal], false),
                format!("transversal = [\"{}\"]", tree.example(CodeKind::Transversal)),
                format!(
                    "The entries of the transversal family it serves ({}).",
                    level_doc(tree, CodeKind::Transversal)
                ),
            ),
            key(
                "quartiers",
                Shape::Texts,
                "quartiers = [\"QP082001\"]",
                "Quartiers by code, name or alias.",
            ),
            key(
                "publics",
                Shape::Texts,
                "publics = [\"jeunes\"]",
                "Publics it targets, from the contract's `publics`.",
            ),
            key("cost", Shape::Money, "cost = 12000", "Its total cost."),
            key(
                "own_funds",
                Shape::Money,
                "own_funds = 1500",
                "The porteur's own funds in its funding plan.",
            ),
            key(
                "funding",
                amounts(),
                "funding = { etat = 8000, ville = 2000 }",
                "Funding voted, per funder; the total may not exceed `cost`.",
            ),
            key(
                "requested",
                amounts(),
                "requested = { etat = 10000 }",
                "Funding requested, per funder.",
            ),
            key(
                "paid",
                amounts(),
                "paid = { etat = 8000 }",
                "Funding paid, per funder.",
            ),
            key(
                "partners",
                Shape::Map {
                    keys: MapKeys::Label,
                    value: Box::new(Shape::Money),
                },
                "partners = { \"Mécénat d'entreprises\" = 2000 }",
                "Resources from partners outside the contract's funders: name = amount.",
            ),
            key(
                "beneficiaries",
                Shape::Inline(beneficiaries),
                "beneficiaries = { planned = 40, actual = 37 }",
                "People reached, planned and actual; either may be left out.",
            ),
            key(
                "status",
                Shape::OneOf(words(&Status::NAMES)),
                "status = \"completed\"",
                "Where the action stands; `funded` when left out.",
            ),
            key(
                "until",
                YEARS,
                "until = 2025",
                "The last year of a multi-year convention (CPO): the action counts in each year from `year` to `until`, its amounts being one year's tranche.",
            ),
            key(
                "dates",
                Shape::Inline(dates()),
                "dates = { filed = 2023-01-15, voted = 2023-03-02 }",
                "The dates of the grant's life: filed, voted, paid, bilan received; any may be left out.",
            ),
            key(
                "dossier",
                Shape::Text,
                "dossier = \"DA00012345-1\"",
                "Its Dauphin dossier number, `DA` + 8 digits + `-n`: how imports find it again.",
            ),
            key(
                "chorus_ej",
                Shape::Text,
                "chorus_ej = \"2103456789\"",
                "The Chorus engagement juridique (10 digits) of the State's funding.",
            ),
            key(
                "renews",
                Shape::Text,
                "renews = \"2022-011\"",
                "The id of the earlier action it continues.",
            ),
            key("tags", Shape::Texts, "tags = [\"stages\"]", "Free labels."),
            key(
                "indicator",
                Shape::Tables(indicator),
                "indicator = [{ name = \"…\", target = 40 }]",
                "Indicators, target against actual.",
            ),
        ],
    )
}

/// docs/FORMAT.md's table of a table's keys. `path` is where the table sits
/// (`["action"]`), to name the headers of its sections.
pub fn key_table(table: &TableSpec, path: &[&str]) -> String {
    let mut out = String::from("| key | type | required | meaning |\n| --- | --- | --- | --- |\n");
    for key in &table.keys {
        let mut full = path.to_vec();
        full.push(&key.name);
        let full = full.join(".");
        let name = match key.shape {
            Shape::Tables(_) => format!("`[[{full}]]`"),
            Shape::Map { .. } | Shape::Table(_) => format!("`[{full}]`"),
            _ => format!("`{}`", key.name),
        };
        let required = match (key.required, &key.shape) {
            (
                true,
                Shape::Codes {
                    non_empty: true, ..
                },
            ) => "yes, not empty",
            (true, _) => "yes",
            (false, _) => "no",
        };
        out.push_str(&format!(
            "| {name} | {} | {required} | {} |\n",
            key.shape.describe(),
            key.doc
        ));
    }
    out
}

/// The marker before each key table in docs/FORMAT.md, and the one after.
const TABLE_START: &str = "<!-- keys: ";
const TABLE_END: &str = "<!-- end of keys -->";

/// `markdown` (docs/FORMAT.md) with the key table of every table of the
/// format written afresh between its markers: `<!-- keys: pilier/action -->`
/// and `<!-- end of keys -->`. Fails when a table has no marker, or a marker
/// names no table.
pub fn document_keys(markdown: &str, spec: &Spec) -> Result<String, String> {
    let mut tables: Vec<(String, String)> = Vec::new();
    for (file, kind) in [
        ("contrat", FileKind::Contract),
        ("pilier", FileKind::Pilier),
    ] {
        let root = spec.file(kind);
        tables.push((file.to_owned(), key_table(root, &[])));
        for (path, table) in root.subtables() {
            let name = format!("{file}/{}", path.join("/"));
            // The header of a section names its parents: `[action.funding]`.
            tables.push((name, key_table(table, &path)));
        }
    }
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    let mut seen = Vec::new();
    while let Some(start) = rest.find(TABLE_START) {
        let line_end = rest[start..]
            .find('\n')
            .map_or(rest.len(), |n| start + n + 1);
        let name = rest[start + TABLE_START.len()..line_end]
            .trim()
            .trim_end_matches("-->")
            .trim();
        let Some((_, table)) = tables.iter().find(|(n, _)| n == name) else {
            return Err(format!("the marker `{name}` names no table of the format"));
        };
        let end = rest[line_end..]
            .find(TABLE_END)
            .map(|n| line_end + n)
            .ok_or_else(|| format!("the table `{name}` has no `{TABLE_END}`"))?;
        out.push_str(&rest[..line_end]);
        out.push_str(table);
        out.push_str(TABLE_END);
        rest = &rest[end + TABLE_END.len()..];
        seen.push(name.to_owned());
    }
    out.push_str(rest);
    match tables.iter().find(|(n, _)| !seen.contains(n)) {
        Some((name, _)) => Err(format!("no `{TABLE_START}{name} -->` marker")),
        None => Ok(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_is_a_line_of_its_table() {
        fn walk(table: &TableSpec) {
            for key in &table.keys {
                let parsed: toml::Table =
                    toml::from_str(&key.example).unwrap_or_else(|e| panic!("{}: {e}", key.example));
                assert!(
                    parsed.contains_key(key.name.as_ref()),
                    "{} does not set `{}`",
                    key.example,
                    key.name
                );
                if let Some(sub) = key.shape.table() {
                    walk(sub);
                }
            }
        }
        for kind in FileKind::ALL {
            walk(Spec::builtin().file(kind));
        }
    }

    #[test]
    fn the_default_tree_writes_what_the_format_always_wrote() {
        let spec = Spec::builtin();
        let names = |t: &TableSpec| t.names().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            names(&spec.pilier),
            [
                "pilier",
                "title",
                "objectives",
                "theme",
                "orientation",
                "priority",
                "action"
            ]
        );
        let sub = |path: &[&str]| {
            spec.pilier
                .subtables()
                .into_iter()
                .find(|(p, _)| p == path)
                .map(|(_, t)| names(t))
                .unwrap()
        };
        assert_eq!(sub(&["orientation"]), ["code", "title", "theme"]);
        assert_eq!(
            sub(&["priority"]),
            [
                "code",
                "title",
                "theme",
                "emphasis",
                "publics",
                "protocole",
                "note",
                "accepted_gap"
            ]
        );
        assert_eq!(
            sub(&["action"])[..7],
            [
                "id",
                "title",
                "porteur",
                "year",
                "priorities",
                "theme",
                "description"
            ]
        );
        let labels = spec.contract.key("labels").unwrap().shape.table().unwrap();
        assert_eq!(
            names(labels),
            [
                "pilier",
                "piliers",
                "orientation",
                "orientations",
                "priority",
                "priorities"
            ]
        );
        assert_eq!(
            spec.tree_keys().collect::<Vec<_>>(),
            ["pilier", "orientation", "priority", "action"]
        );
        let code = |path: &[&str]| {
            spec.pilier
                .subtables()
                .into_iter()
                .find(|(p, _)| p == path)
                .unwrap()
                .1
                .key("code")
                .unwrap()
                .example
                .clone()
        };
        assert_eq!(code(&["orientation"]), "code = \"OS 1.1\"");
        assert_eq!(code(&["priority"]), "code = \"P 1.1.1\"");
    }

    #[test]
    fn shapes_as_the_docs_name_them() {
        assert_eq!(
            Shape::OneOf(words(&["a", "b", "c"])).describe(),
            "`\"a\"`, `\"b\"` or `\"c\"`"
        );
        assert_eq!(YEARS.describe(), "integer from 1900 to 2200");
        assert_eq!(
            Shape::Codes {
                kinds: vec![CodeKind::Level(2)],
                forms: "`P {path}`".into(),
                patterns: Vec::new(),
                non_empty: true
            }
            .describe(),
            "array of codes `P {path}`"
        );
    }
}
