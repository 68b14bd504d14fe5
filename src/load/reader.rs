//! Typed reading of a parsed TOML document, one finding per problem.
//!
//! Serde would stop at the first wrong value; reading the spanned tree by hand
//! lets every problem of a file be reported, each at its exact span.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Code, CodeError, CodeKind, Located, Money, MoneyError, Tree, article};
use crate::source::{FileId, Span};
use crate::spec::{KeySpec, Shape, TableSpec};
use crate::suggest;

pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// The fallback help for a name that is near none: `use one of: a, b`.
pub(crate) fn one_of(names: &[&str]) -> String {
    format!("use one of: {}", names.join(", "))
}

/// A table being read: its entries, where to point when a key is missing, and
/// its description in the format's spec (its keys, what to call it).
#[derive(Clone)]
pub(crate) struct Table<'a, 'i> {
    pub entries: &'a DeTable<'i>,
    pub span: Range<usize>,
    pub spec: &'a TableSpec,
}

impl<'a, 'i> Table<'a, 'i> {
    pub fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.entries.get(key)
    }

    /// What messages call it: "action", "priority".
    fn what(&self) -> &'a str {
        &self.spec.name
    }

    /// The spec of one of its keys. The reader asks only for keys of the
    /// spec: anything else is a slip of this file, caught by its tests.
    fn key_spec(&self, key: &str) -> Option<&'a KeySpec> {
        let spec = self.spec.key(key);
        debug_assert!(spec.is_some(), "`{key}` is not a key of {}", self.what());
        spec
    }

    /// How to write a key, for help messages.
    fn example(&self, key: &str) -> String {
        self.key_spec(key)
            .map_or_else(|| format!("{key} = …"), |k| k.example.to_string())
    }
}

/// Reads values of one file and collects what is wrong with them. Codes are
/// read as the contract's tree writes them.
pub(crate) struct Reader<'t> {
    pub file: FileId,
    pub diagnostics: Vec<Diagnostic>,
    pub tree: &'t Tree,
}

/// The English name of a TOML value's type, with its article.
fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl<'t> Reader<'t> {
    pub fn new(file: FileId, tree: &'t Tree) -> Reader<'t> {
        Reader {
            file,
            diagnostics: Vec::new(),
            tree,
        }
    }

    pub fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Reports a value outside its closed list of names (a language, a
    /// level, a status, a kind of post): `unknown {what}`, with the nearest
    /// name as the fix, or `otherwise` when none is near.
    pub fn unknown_name(
        &mut self,
        value: &Located<String>,
        what: &str,
        label: &str,
        names: &[&str],
        otherwise: String,
    ) {
        let help = suggest::did_you_mean(value, names.iter().copied()).unwrap_or(otherwise);
        self.push(
            Diagnostic::at(
                Rule::InvalidValue,
                value.span,
                format!("unknown {what} `{}`", value.value),
            )
            .label(label)
            .help(help),
        );
    }

    /// An action's status, or a grant's, that is not one of [`Status::NAMES`].
    pub fn unknown_status(&mut self, status: &Located<String>) {
        let names = &crate::model::Status::NAMES;
        self.unknown_name(status, "status", "unknown status", names, one_of(names));
    }

    /// The items of an array-valued key; anything else is reported as not
    /// `expected`, with `help`.
    fn array<'a, 'i>(
        &mut self,
        value: &'a Value<'i>,
        key: &str,
        expected: &str,
        help: Option<String>,
    ) -> Option<&'a DeArray<'i>> {
        match value.get_ref() {
            DeValue::Array(items) => Some(items),
            _ => {
                self.wrong_type(value, key, expected, help);
                None
            }
        }
    }

    fn wrong_type(&mut self, value: &Value<'_>, key: &str, expected: &str, help: Option<String>) {
        let found = type_name(value.get_ref());
        let d = Diagnostic::at(
            Rule::WrongType,
            self.span(value.span()),
            format!("`{key}` must be {expected}, not {found}"),
        )
        .label(format!("expected {expected}"))
        .help_opt(help);
        self.push(d);
    }

    /// Reports every key of `table` that its spec does not define, with the
    /// nearest known key, or a French word's English key, as the fix.
    pub fn check_keys(&mut self, table: &Table<'_, '_>) {
        let known: Vec<&str> = table.spec.names().collect();
        for (key, _) in table.entries.iter() {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            let help = french_key(name)
                .filter(|k| known.contains(k))
                .map(|k| format!("did you mean `{k}`?"))
                .or_else(|| suggest::did_you_mean(name, known.iter().copied()))
                .unwrap_or_else(|| {
                    format!(
                        "the keys of {} are: {}",
                        plural(table.what()),
                        known.join(", ")
                    )
                });
            let d = Diagnostic::at(
                Rule::UnknownKey,
                self.span(key.span()),
                format!("unknown key `{name}` in {}", article(table.what())),
            )
            .label("unknown key")
            .help(help);
            self.push(d);
        }
    }

    /// The value of a required key, or a `missing-key` finding at the table's
    /// header, whose help is the key's example line.
    pub fn require<'a, 'i>(&mut self, table: &Table<'a, 'i>, key: &str) -> Option<&'a Value<'i>> {
        let value = table.get(key);
        if value.is_none() {
            let d = Diagnostic::at(
                Rule::MissingKey,
                self.span(table.span.clone()),
                format!("{} has no `{key}`", article(table.what())),
            )
            .label(format!("this {} needs `{key}`", table.what()))
            .help(format!("add `{}`", table.example(key)));
            self.push(d);
        }
        value
    }

    /// A table-valued key with keys of its own (`period`, `beneficiaries`,
    /// `[labels]`), read with the spec of its shape.
    pub fn table<'a, 'i>(&mut self, parent: &Table<'a, 'i>, key: &str) -> Option<Table<'a, 'i>> {
        let value = parent.get(key)?;
        let spec = parent.key_spec(key)?.shape.table()?;
        let entries = self.entries(parent, key, value)?;
        Some(Table {
            entries,
            span: value.span(),
            spec,
        })
    }

    /// A map (`[funders]`, `[check]`, `[action.funding]`): its entries, in
    /// the order written.
    pub fn map<'a, 'i>(&mut self, parent: &Table<'a, 'i>, key: &str) -> Option<&'a DeTable<'i>> {
        let value = parent.get(key)?;
        self.entries(parent, key, value)
    }

    /// The entries of `value`, which `key` of `parent` holds and must be a
    /// table; anything else is reported with the key's example as the fix.
    fn entries<'a, 'i>(
        &mut self,
        parent: &Table<'_, '_>,
        key: &str,
        value: &'a Value<'i>,
    ) -> Option<&'a DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(entries) => Some(entries),
            _ => {
                let help = format!("write `{}`", parent.example(key));
                self.wrong_type(value, key, "a table", Some(help));
                None
            }
        }
    }

    /// An array of tables, written either as `[[key]]` sections or as an inline
    /// array of `{ … }` tables.
    pub fn tables<'a, 'i>(&mut self, parent: &Table<'a, 'i>, key: &str) -> Vec<Table<'a, 'i>> {
        let Some(value) = parent.get(key) else {
            return Vec::new();
        };
        let Some(spec) = parent.key_spec(key).and_then(|k| k.shape.table()) else {
            return Vec::new();
        };
        let help = format!("write each entry under a `[[{key}]]` header");
        let Some(items) = self.array(value, key, "an array of tables", Some(help)) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            if let Some(entries) = self.entries(parent, key, item) {
                out.push(Table {
                    entries,
                    span: item.span(),
                    spec,
                });
            }
        }
        out
    }

    /// Each entry of an array of tables, its keys checked, as `read` makes
    /// it; an entry `read` cannot make (a required key missing or bad, which
    /// it reports) is left out.
    pub fn each<'a, 'i, T>(
        &mut self,
        parent: &Table<'a, 'i>,
        key: &str,
        mut read: impl FnMut(&mut Self, &Table<'a, 'i>) -> Option<T>,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for table in self.tables(parent, key) {
            self.check_keys(&table);
            out.extend(read(self, &table));
        }
        out
    }

    /// A string value.
    pub fn string(&mut self, value: &Value<'_>, key: &str) -> Option<Located<String>> {
        match value.get_ref() {
            DeValue::String(s) => {
                let span = self.span(value.span());
                // Contract text reaches terminals, spreadsheets and web pages: a
                // control character there (an escape sequence) is never text.
                if let Some(c) = s.chars().find(|&c| is_forbidden_control(c)) {
                    self.push(
                        Diagnostic::at(
                            Rule::InvalidValue,
                            span,
                            format!("`{key}` holds the control character U+{:04X}", c as u32),
                        )
                        .label("control character")
                        .help("remove it: contract text may hold tabs and line breaks, no other control character"),
                    );
                }
                Some(Located::new(s.to_string(), span))
            }
            DeValue::Integer(_) | DeValue::Float(_) => {
                self.wrong_type(
                    value,
                    key,
                    "a string",
                    Some("put the value in quotes".to_owned()),
                );
                None
            }
            _ => {
                self.wrong_type(value, key, "a string", None);
                None
            }
        }
    }

    /// A required string key.
    pub fn required_string(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Located<String>> {
        let value = self.require(table, key)?;
        self.string(value, key)
    }

    /// An optional string key.
    pub fn optional_string(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Located<String>> {
        let value = table.get(key)?;
        self.string(value, key)
    }

    /// A title or name: a required string; an empty one is reported.
    pub fn title(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Located<String>> {
        let title = self.required_string(table, key)?;
        if title.trim().is_empty() {
            let d = Diagnostic::at(
                Rule::EmptyTitle,
                title.span,
                format!("empty `{key}` in {}", article(table.what())),
            )
            .label("empty")
            .help(format!("write the {key} as the contract states it"));
            self.push(d);
        }
        Some(title)
    }

    /// An optional array of strings; each repeated item is reported once.
    pub fn strings(&mut self, table: &Table<'_, '_>, key: &str) -> Vec<Located<String>> {
        let Some(value) = table.get(key) else {
            return Vec::new();
        };
        let help = format!("write `{key} = [\"…\"]`");
        let Some(items) = self.array(value, key, "an array of strings", Some(help)) else {
            return Vec::new();
        };
        let mut out: Vec<Located<String>> = Vec::with_capacity(items.len());
        for item in items.iter() {
            let Some(s) = self.string(item, key) else {
                continue;
            };
            self.push_unique(&mut out, s, key, |v| format!("`{v}`"));
        }
        out
    }

    /// Adds an item to a list unless it is there already, which is a
    /// `duplicate-entry` finding pointing at both.
    fn push_unique<T: PartialEq>(
        &mut self,
        out: &mut Vec<Located<T>>,
        item: Located<T>,
        key: &str,
        show: impl Fn(&T) -> String,
    ) {
        match out.iter().find(|o| o.value == item.value) {
            Some(first) => {
                let d = Diagnostic::at(
                    Rule::DuplicateEntry,
                    item.span,
                    format!("{} is listed twice in `{key}`", show(&item.value)),
                )
                .label("listed again here")
                .related(first.span, "first listed here")
                .help("remove one of them");
                self.push(d);
            }
            None => out.push(item),
        }
    }

    /// An optional integer key, within the range its spec gives.
    pub fn integer(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Located<i64>> {
        let value = table.get(key)?;
        let (min, max) = match table.key_spec(key).map(|k| &k.shape) {
            Some(Shape::Integer { min, max }) => (*min, *max),
            _ => (i64::MIN, i64::MAX),
        };
        let DeValue::Integer(int) = value.get_ref() else {
            let help = match value.get_ref() {
                DeValue::String(s) if s.trim().parse::<i64>().is_ok() => {
                    Some(format!("remove the quotes: `{key} = {}`", s.trim()))
                }
                _ => None,
            };
            self.wrong_type(value, key, "an integer", help);
            return None;
        };
        // Integers that do not fit were reported as syntax errors already.
        let n = i64::from_str_radix(int.as_str(), int.radix()).ok()?;
        if !(min..=max).contains(&n) {
            let help = if max == i64::MAX {
                format!("use a value of {min} or more")
            } else {
                format!("use a value from {min} to {max}")
            };
            let d = Diagnostic::at(
                Rule::InvalidValue,
                self.span(value.span()),
                format!("`{key}` is {n}, out of range"),
            )
            .label("out of range")
            .help(help);
            self.push(d);
            return None;
        }
        Some(Located::new(n, self.span(value.span())))
    }

    /// A required integer key.
    pub fn required_integer(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Located<i64>> {
        self.require(table, key)?;
        self.integer(table, key)
    }

    /// A number, integer or decimal, for indicators.
    pub fn number(&mut self, value: &Value<'_>, key: &str) -> Option<f64> {
        match value.get_ref() {
            DeValue::Integer(int) => i64::from_str_radix(int.as_str(), int.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(float) => match float.as_str().parse::<f64>() {
                Ok(n) if n.is_finite() => Some(n),
                _ => {
                    let d = Diagnostic::at(
                        Rule::InvalidValue,
                        self.span(value.span()),
                        format!("`{key}` must be a finite number"),
                    )
                    .label("not finite")
                    .help("write a plain number");
                    self.push(d);
                    None
                }
            },
            _ => {
                self.wrong_type(value, key, "a number", None);
                None
            }
        }
    }

    /// A calendar date, written as a TOML local date: `2023-04-01`.
    pub fn date(&mut self, value: &Value<'_>, key: &str) -> Option<Located<crate::model::Date>> {
        let span = self.span(value.span());
        match value.get_ref() {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                let d = dt.date?;
                let date = crate::model::Date::new(d.year, d.month, d.day);
                if date.is_none() {
                    self.push(
                        Diagnostic::at(
                            Rule::InvalidValue,
                            span,
                            format!("`{key}` is out of range"),
                        )
                        .label("not a date from 1900 to 2200")
                        .help(format!("write a date such as `{key} = 2023-04-01`")),
                    );
                }
                date.map(|d| Located::new(d, span))
            }
            DeValue::Datetime(dt) => {
                let help = dt
                    .date
                    .map(|d| format!("write the day only: `{key} = {d}`"));
                self.wrong_type(value, key, "a date without a time", help);
                None
            }
            DeValue::String(s) => {
                let help = crate::model::Date::parse(s)
                    .map(|d| format!("write it without quotes: `{key} = {d}`"));
                self.wrong_type(value, key, "a date", help);
                None
            }
            _ => {
                self.wrong_type(
                    value,
                    key,
                    "a date",
                    Some(format!("write `{key} = 2023-04-01`")),
                );
                None
            }
        }
    }

    /// A table of year = value (`{ 2019 = 44.8 }`), in the order written;
    /// each value read by `read`. A key that is no year is an `invalid-value`.
    pub fn years<T>(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
        read: impl Fn(&mut Reader<'t>, &Value<'_>, &str) -> Option<T>,
    ) -> Vec<(u16, T)> {
        let Some(entries) = self.map(table, key) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (year, value) in entries.iter() {
            let text: &str = year.get_ref();
            match text
                .parse::<u16>()
                .ok()
                .filter(|y| (1900..=2200).contains(y))
            {
                Some(y) => {
                    if let Some(v) = read(self, value, text) {
                        out.push((y, v));
                    }
                }
                None => {
                    let d = Diagnostic::at(
                        Rule::InvalidValue,
                        self.span(year.span()),
                        format!("`{text}` in `{key}` is not a year"),
                    )
                    .label("a year from 1900 to 2200 expected")
                    .help(format!("write `{key} = {{ 2023 = … }}`"));
                    self.push(d);
                }
            }
        }
        out
    }

    /// A code of one of `kinds`, in canonical form (a loose form is read,
    /// with a warning and its fix).
    pub fn code(
        &mut self,
        value: &Value<'_>,
        key: &str,
        kinds: &[CodeKind],
    ) -> Option<Located<Code>> {
        let text = self.string(value, key)?;
        let span = text.span;
        let tree = self.tree;
        if let Some(code) = kinds.iter().find_map(|&k| tree.code(k, &text).ok()) {
            return Some(Located::new(code, span));
        }
        let wanted = || {
            let names: Vec<String> = kinds.iter().map(|&k| tree.name(k)).collect();
            names.join(" or ")
        };
        let wanted_plural = || {
            let names: Vec<String> = kinds.iter().map(|&k| tree.plural(k)).collect();
            names.join(" or ")
        };
        let examples = || {
            kinds
                .iter()
                .map(|&k| format!("`{}`", tree.example(k)))
                .collect::<Vec<_>>()
                .join(" or ")
        };
        let err = match tree.read_loose(&text) {
            Ok(found) => {
                if let Some(&code) = found.iter().find(|c| kinds.contains(&c.kind())) {
                    let d = Diagnostic::at(
                        Rule::NonCanonicalCode,
                        span,
                        format!("`{}` is not written in canonical form", text.value),
                    )
                    .label(format!("write `{code}`"))
                    .help(format!("write `\"{code}\"`"));
                    self.push(d);
                    return Some(Located::new(code, span));
                }
                let other = found[0];
                let naming = key == tree.action_key() && other.kind().depth().is_some();
                let rule = if naming {
                    Rule::NotNameable
                } else {
                    Rule::MalformedCode
                };
                let message = if naming {
                    format!(
                        "`{}` is {}: actions of this contract name {} only",
                        text.value,
                        article(&tree.name(other.kind())),
                        wanted_plural()
                    )
                } else {
                    format!(
                        "`{}` is {} code; `{key}` takes {} codes",
                        text.value,
                        article(&tree.name(other.kind())),
                        wanted()
                    )
                };
                Diagnostic::at(rule, span, message)
                    .label(format!("expected {} code", article(&wanted())))
                    .help(format!(
                        "write {} code such as {}",
                        article(&wanted()),
                        examples()
                    ))
            }
            Err(err) => {
                let reason = match err {
                    CodeError::Empty => format!("`{key}` is empty"),
                    other => other.to_string(),
                };
                Diagnostic::at(Rule::MalformedCode, span, reason)
                    .label(format!("not {} code", article(&wanted())))
                    .help(format!(
                        "write {} code such as {}",
                        article(&wanted()),
                        examples()
                    ))
            }
        };
        self.push(err);
        None
    }

    /// An optional array of codes, of the levels its spec gives. Also returns
    /// how many items were written, so that a caller can tell "empty" from
    /// "every item was bad".
    pub fn codes(&mut self, table: &Table<'_, '_>, key: &str) -> (Vec<Located<Code>>, usize) {
        let Some(Shape::Codes { kinds, .. }) = table.key_spec(key).map(|k| &k.shape) else {
            return (Vec::new(), 0);
        };
        let Some(value) = table.get(key) else {
            return (Vec::new(), 0);
        };
        let help = match value.get_ref() {
            DeValue::String(s) => Some(format!("write a list: `{key} = [\"{s}\"]`")),
            _ => None,
        };
        let Some(items) = self.array(value, key, "an array of codes", help) else {
            return (Vec::new(), 1);
        };
        let mut out: Vec<Located<Code>> = Vec::with_capacity(items.len());
        for item in items.iter() {
            let Some(code) = self.code(item, key, kinds) else {
                continue;
            };
            self.push_unique(&mut out, code, key, |c| c.to_string());
        }
        (out, items.len())
    }

    /// An amount of euros: a non-negative integer or a decimal with at most two
    /// decimal places. Anything else is a `bad-amount`.
    pub fn money(&mut self, value: &Value<'_>, key: &str) -> Option<Located<Money>> {
        let span = self.span(value.span());
        let parsed = match value.get_ref() {
            DeValue::Integer(int) => match i64::from_str_radix(int.as_str(), int.radix()) {
                Ok(n) if n < 0 => Err(MoneyError::Negative),
                Ok(n) => Money::parse_decimal(&n.to_string()),
                Err(_) => return None, // reported as a syntax error
            },
            DeValue::Float(float) => {
                let text = float.as_str();
                if text.contains(['e', 'E']) {
                    let plain = text
                        .parse::<f64>()
                        .ok()
                        .filter(|n| n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15);
                    let help = match plain {
                        Some(n) => format!("write `{key} = {}`", n as i64),
                        None => format!("write a plain number of euros: `{key} = 8000.50`"),
                    };
                    self.push(
                        Diagnostic::at(
                            Rule::BadAmount,
                            span,
                            format!("bad amount for `{key}`: written with an exponent"),
                        )
                        .label("exponent")
                        .help(help),
                    );
                    return None;
                }
                Money::parse_decimal(text)
            }
            other => {
                let found = type_name(other);
                let help = match other {
                    DeValue::String(s) => match Money::parse_loose(s) {
                        Some(m) => format!("write the number without quotes: `{key} = {m}`"),
                        None => format!("write a number of euros: `{key} = 8000`"),
                    },
                    _ => format!("write a number of euros: `{key} = 8000`"),
                };
                let d = Diagnostic::at(
                    Rule::BadAmount,
                    span,
                    format!("`{key}` must be a number of euros, not {found}"),
                )
                .label("not a number")
                .help(help);
                self.push(d);
                return None;
            }
        };
        match parsed {
            Ok(money) => Some(Located::new(money, span)),
            Err(err) => {
                let help = match err {
                    MoneyError::Negative => {
                        "amounts are never negative; a refund or cut is a lower amount".to_owned()
                    }
                    MoneyError::TooPrecise => {
                        "round to the cent: two decimal places at most".to_owned()
                    }
                    MoneyError::TooLarge => {
                        "check the amount: it is above 1 000 000 000 000 €".to_owned()
                    }
                    MoneyError::NotANumber => format!(
                        "write a plain number of euros, without exponent: `{key} = 8000.50`"
                    ),
                };
                let d = Diagnostic::at(
                    Rule::BadAmount,
                    span,
                    format!("bad amount for `{key}`: {err}"),
                )
                .label(err.to_string())
                .help(help);
                self.push(d);
                None
            }
        }
    }
}

/// C0 controls but tab and line breaks, DEL and C1 controls.
fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || ('\u{80}'..='\u{9f}').contains(&c)
}

fn plural(what: &str) -> String {
    if what.ends_with('y') && !what.ends_with("ey") {
        format!("{}ies", &what[..what.len() - 1])
    } else if what.ends_with('s') {
        what.to_owned()
    } else {
        format!("{what}s")
    }
}

/// The English key for a French word people naturally write.
fn french_key(word: &str) -> Option<&'static str> {
    Some(match suggest::fold(word).as_str() {
        "titre" | "intitule" | "libelle" => "title",
        "territoire" => "territory",
        "periode" => "period",
        "langue" => "language",
        "annee" => "year",
        "priorite" | "priorites" => "priorities",
        "cout" | "cout_total" | "cout-total" => "cost",
        "financement" | "financements" => "funding",
        "demande" | "demandes" => "requested",
        "statut" | "etat" => "status",
        "beneficiaires" => "beneficiaries",
        "indicateur" | "indicateurs" => "indicator",
        "quartier" => "quartiers",
        "public" => "publics",
        "transversale" | "transversales" => "transversal",
        "financeurs" => "funders",
        "objectifs" => "objectives",
        "renouvelle" => "renews",
        "cible" => "target",
        "realise" => "actual",
        "unite" => "unit",
        "nom" => "name",
        "alias" => "aliases",
        "prevus" | "prevu" => "planned",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::maps;

    #[test]
    fn articles_and_plurals() {
        maps(
            article,
            [
                ("action", "an action"),
                ("priority", "a priority"),
                ("Objectif", "an Objectif"),
            ],
        );
        maps(plural, [("priority", "priorities"), ("action", "actions")]);
    }
}
