//! The shape of a contract's tree: its levels, what each is called and how
//! its codes are written, and which levels actions may name.
//!
//! A 2015–2023 contract does not declare one: it has the default tree,
//! pilier → orientation stratégique (`OS 1.2`) → priorité (`P 1.2.3`), with
//! orientations transversales (`OT 1`). A 2024–2030 contract declares its own
//! in `[tree]`: one to four levels of its own naming and code forms. Every
//! reader, writer, rule and renderer asks the tree, never a fixed level.

use super::code::{Code, CodeError, CodeKind, MAX_CODE_LEN};

/// The deepest tree a contract may declare.
pub const MAX_DEPTH: usize = 4;

/// What stands in a code form for the entry's own part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placeholder {
    /// `{n}`: the entry's own number.
    Number,
    /// `{path}`: its parent's numbers, then its own, joined by dots.
    Path,
    /// `{id}`: a free identifier, for unnumbered entries.
    Id,
}

impl Placeholder {
    fn token(self) -> &'static str {
        match self {
            Placeholder::Number => "{n}",
            Placeholder::Path => "{path}",
            Placeholder::Id => "{id}",
        }
    }
}

/// How the codes of one level are written: `OS {path}`, `Axe {n}`, `{id}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeForm {
    pub prefix: String,
    pub placeholder: Placeholder,
    pub suffix: String,
}

/// The longest prefix or suffix of a code form, so that every code fits in a
/// [`Code`].
pub const MAX_AFFIX_LEN: usize = 24;

/// The longest identifier of an unnumbered entry.
pub const MAX_ID_LEN: usize = 24;

impl CodeForm {
    /// Reads a form such as `P {path}`: one placeholder, short plain text
    /// around it.
    pub fn parse(template: &str) -> Result<CodeForm, String> {
        let found: Vec<(usize, Placeholder)> =
            [Placeholder::Number, Placeholder::Path, Placeholder::Id]
                .into_iter()
                .flat_map(|p| template.match_indices(p.token()).map(move |(i, _)| (i, p)))
                .collect();
        let [(at, placeholder)] = found[..] else {
            return Err(
                "a code form holds exactly one of `{n}`, `{path}` or `{id}`, e.g. \"Axe {n}\""
                    .to_owned(),
            );
        };
        let prefix = &template[..at];
        let suffix = &template[at + placeholder.token().len()..];
        for affix in [prefix, suffix] {
            if affix.len() > MAX_AFFIX_LEN {
                return Err(format!(
                    "`{affix}` is too long: the text around the placeholder has {MAX_AFFIX_LEN} bytes at most"
                ));
            }
            if affix
                .chars()
                .any(|c| c.is_control() || c == '{' || c == '}' || c == '"' || c.is_ascii_digit())
            {
                return Err(format!(
                    "`{affix}` may not hold digits, braces, quotes or control characters"
                ));
            }
        }
        if placeholder != Placeholder::Id && (prefix.ends_with('.') || suffix.starts_with('.')) {
            return Err("a dot beside a number would read as part of it".to_owned());
        }
        Ok(CodeForm {
            prefix: prefix.to_owned(),
            placeholder,
            suffix: suffix.to_owned(),
        })
    }

    /// The form as `[tree]` writes it.
    pub fn template(&self) -> String {
        format!("{}{}{}", self.prefix, self.placeholder.token(), self.suffix)
    }

    /// The code's text for its own part (`1.2.3`, `emploi`).
    pub fn write(&self, body: &str) -> String {
        format!("{}{body}{}", self.prefix, self.suffix)
    }

    /// The own part of a text written exactly in this form.
    pub fn body<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.strip_prefix(self.prefix.as_str())?
            .strip_suffix(self.suffix.as_str())
            .filter(|b| !b.is_empty())
    }

    /// The own part of a text written loosely: any case, spaces, `-` or `_`
    /// between the prefix and the rest, or another word for the prefix (the
    /// level's label).
    fn loose_body(&self, text: &str, words: &[&str]) -> Option<String> {
        let lower = text.trim().to_lowercase();
        let suffix = self.suffix.trim().to_lowercase();
        let lower = lower
            .strip_suffix(suffix.as_str())
            .unwrap_or(&lower)
            .trim_end();
        let prefixes = std::iter::once(self.prefix.trim()).chain(words.iter().copied());
        let mut best: Option<String> = None;
        for prefix in prefixes {
            let prefix = prefix.to_lowercase();
            if let Some(rest) = lower.strip_prefix(prefix.as_str()) {
                // "Pilier 1" must not read as the prefix "P" and "ilier 1".
                let joined = !prefix.is_empty()
                    && rest.starts_with(|c: char| c.is_alphabetic())
                    && prefix.ends_with(|c: char| c.is_alphabetic());
                if joined && self.placeholder != Placeholder::Id {
                    continue;
                }
                let rest = rest.trim_start_matches([' ', '-', '_', '\u{a0}']);
                if !rest.is_empty() && best.as_ref().is_none_or(|b| rest.len() < b.len()) {
                    best = Some(rest.to_owned());
                }
            }
        }
        best
    }
}

/// One level of the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    /// The TOML key of its entries: `orientation` for `[[orientation]]`; the
    /// top level's is the file's first key (`pilier = 1`).
    pub key: String,
    /// The contract's word for one entry and for several. `None` in the
    /// default tree, whose words come from the catalogue in the reader's
    /// language.
    pub label: Option<String>,
    pub plural: Option<String>,
    pub form: CodeForm,
    /// Whether actions may name its entries.
    pub nameable: bool,
    /// How many numbers its codes hold (0 for identifiers).
    pub numbers: usize,
}

impl Level {
    /// Its name in messages of the checker (English, or the contract's word).
    pub fn name(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.key)
    }
}

/// The tree of one contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tree {
    pub levels: Vec<Level>,
    /// The transversal family: its words and code form.
    pub transversal: Level,
    /// Whether the contract declares it (`[tree]`) rather than having the
    /// 2015–2023 default.
    pub declared: bool,
}

/// The English names of the default tree's levels, for messages.
const DEFAULT_NAMES: [&str; 3] = ["pilier", "orientation", "priority"];
const DEFAULT_PLURALS: [&str; 3] = ["piliers", "orientations", "priorities"];

impl Default for Tree {
    fn default() -> Tree {
        let level = |key: &str, form: &str, numbers, nameable| Level {
            key: key.to_owned(),
            label: None,
            plural: None,
            form: CodeForm::parse(form).expect("the default forms are valid"),
            nameable,
            numbers,
        };
        Tree {
            levels: vec![
                level("pilier", "Pilier {n}", 1, false),
                level("orientation", "OS {path}", 2, false),
                level("priority", "P {path}", 3, true),
            ],
            transversal: level("transversal", "OT {n}", 1, false),
            declared: false,
        }
    }
}

/// A level as `[tree]` declares it, before the tree is checked whole.
#[derive(Clone, Debug)]
pub struct LevelDeclaration {
    pub key: String,
    pub label: String,
    pub plural: String,
    pub form: CodeForm,
}

impl Tree {
    /// A declared tree, checked whole: 1 to 4 levels with distinct keys,
    /// `{path}` only below a numbered level, forms that cannot be mistaken
    /// for one another.
    pub fn declared(
        levels: Vec<LevelDeclaration>,
        nameable: &[String],
        transversal: Option<LevelDeclaration>,
    ) -> Result<Tree, String> {
        if levels.is_empty() || levels.len() > MAX_DEPTH {
            return Err(format!(
                "a tree has 1 to {MAX_DEPTH} levels, not {}",
                levels.len()
            ));
        }
        let mut out: Vec<Level> = Vec::new();
        for declared in levels {
            if !is_key(&declared.key) {
                return Err(format!(
                    "level key `{}` is not a plain lower-case key (letters a–z, digits, `_`)",
                    declared.key
                ));
            }
            if RESERVED_KEYS.contains(&declared.key.as_str())
                || out.iter().any(|l| l.key == declared.key)
            {
                return Err(format!(
                    "level key `{}` is used already; give each level its own key",
                    declared.key
                ));
            }
            let numbers = match (declared.form.placeholder, out.last()) {
                (Placeholder::Id, _) => 0,
                (Placeholder::Number, _) | (Placeholder::Path, None) => 1,
                (Placeholder::Path, Some(parent)) if parent.numbers > 0 => parent.numbers + 1,
                (Placeholder::Path, Some(parent)) => {
                    return Err(format!(
                        "`{}` numbers its codes after its parent's, but `{}` codes are not numbered: use `{{n}}` or `{{id}}`",
                        declared.form.template(),
                        parent.form.template()
                    ));
                }
            };
            out.push(Level {
                key: declared.key,
                label: Some(declared.label),
                plural: Some(declared.plural),
                form: declared.form,
                nameable: false,
                numbers,
            });
        }
        if nameable.is_empty()
            && let Some(last) = out.last_mut()
        {
            last.nameable = true;
        }
        for key in nameable {
            match out.iter_mut().find(|l| &l.key == key) {
                Some(level) => level.nameable = true,
                None => {
                    return Err(format!(
                        "`{key}` in `actions` is not a level of the tree (its levels are {})",
                        out.iter()
                            .map(|l| format!("`{}`", l.key))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
        }
        let transversal = match transversal {
            Some(t) => {
                if t.form.placeholder == Placeholder::Path {
                    return Err(
                        "a transversal code is numbered `{n}` or named `{id}`, not `{path}`"
                            .to_owned(),
                    );
                }
                Level {
                    key: "transversal".to_owned(),
                    label: Some(t.label),
                    plural: Some(t.plural),
                    numbers: usize::from(t.form.placeholder == Placeholder::Number),
                    form: t.form,
                    nameable: false,
                }
            }
            None => Tree::default().transversal,
        };
        let tree = Tree {
            levels: out,
            transversal,
            declared: true,
        };
        tree.forms_are_distinct()?;
        Ok(tree)
    }

    /// The default tree with the contract's own words from `[labels]`: a
    /// pilier called "Axe" is written `Axe 2`.
    pub fn with_labels(mut self, labels: [(Option<String>, Option<String>); 3]) -> Tree {
        for (level, (one, many)) in self.levels.iter_mut().zip(labels) {
            if many.is_some() || one.is_some() {
                level.plural = many.or_else(|| one.as_ref().map(|w| format!("{w}s")));
            }
            level.label = one;
        }
        if let Some(word) = &self.levels[0].label {
            self.levels[0].form.prefix = format!("{word} ");
        }
        self
    }

    /// No two forms may read the same text.
    fn forms_are_distinct(&self) -> Result<(), String> {
        let all: Vec<&Level> = self.levels.iter().chain([&self.transversal]).collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                let same_numbers = a.numbers == b.numbers;
                let clash = a.form.prefix == b.form.prefix
                    && a.form.suffix == b.form.suffix
                    && (same_numbers || (a.numbers == 0 || b.numbers == 0));
                if clash {
                    return Err(format!(
                        "`{}` and `{}` write codes alike: give one of them a prefix",
                        a.form.template(),
                        b.form.template()
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn depth(&self) -> usize {
        self.levels.len()
    }

    pub fn top(&self) -> &Level {
        &self.levels[0]
    }

    pub fn leaf(&self) -> &Level {
        &self.levels[self.levels.len() - 1]
    }

    /// The level of a kind: the transversal family or a level of the tree.
    pub fn level(&self, kind: CodeKind) -> &Level {
        match kind {
            CodeKind::Level(d) => &self.levels[usize::from(d).min(self.levels.len() - 1)],
            CodeKind::Transversal => &self.transversal,
        }
    }

    /// The kind of the level with this key (a level of the tree only).
    pub fn kind_of_key(&self, key: &str) -> Option<CodeKind> {
        self.levels
            .iter()
            .position(|l| l.key == key)
            .map(|d| CodeKind::Level(d as u8))
    }

    /// The levels of the tree, each with its kind, top first.
    pub fn kinds(&self) -> impl Iterator<Item = (CodeKind, &Level)> {
        self.levels
            .iter()
            .enumerate()
            .map(|(d, l)| (CodeKind::Level(d as u8), l))
    }

    /// The levels actions may name.
    pub fn nameable(&self) -> impl Iterator<Item = (CodeKind, &Level)> {
        self.kinds().filter(|(_, l)| l.nameable)
    }

    /// The key of an action's list of codes: `priorities` in the default
    /// tree, `serves` in a declared one.
    pub fn action_key(&self) -> &'static str {
        if self.declared {
            "serves"
        } else {
            "priorities"
        }
    }

    /// The English name of a level for the checker's messages: "priority",
    /// or the contract's own word.
    pub fn name(&self, kind: CodeKind) -> String {
        match kind {
            CodeKind::Level(d) if !self.declared && self.levels[usize::from(d)].label.is_none() => {
                DEFAULT_NAMES[usize::from(d).min(2)].to_owned()
            }
            CodeKind::Transversal if !self.declared => "transversal orientation".to_owned(),
            kind => self.level(kind).name().to_owned(),
        }
    }

    /// The plural of [`Tree::name`]: "priorities", or the contract's word.
    pub fn plural(&self, kind: CodeKind) -> String {
        match kind {
            CodeKind::Level(d) if !self.declared && self.levels[usize::from(d)].label.is_none() => {
                DEFAULT_PLURALS[usize::from(d).min(2)].to_owned()
            }
            CodeKind::Transversal if !self.declared => "transversal orientations".to_owned(),
            kind => {
                let level = self.level(kind);
                level
                    .plural
                    .clone()
                    .unwrap_or_else(|| format!("{}s", level.name()))
            }
        }
    }

    /// A code of `kind` written `text`, which must be its canonical form.
    pub fn code(&self, kind: CodeKind, text: &str) -> Result<Code, CodeError> {
        let level = self.level(kind);
        let body = level
            .form
            .body(text)
            .ok_or_else(|| CodeError::NotACode(text.to_owned()))?;
        let canonical = self.canonical_body(level, body, text)?;
        if canonical != body {
            return Err(CodeError::NotACode(text.to_owned()));
        }
        Code::new(kind, text)
    }

    /// The canonical spelling of a code's own part, or why it is none.
    fn canonical_body(&self, level: &Level, body: &str, text: &str) -> Result<String, CodeError> {
        if level.numbers == 0 {
            let ok = !body.is_empty()
                && body.len() <= MAX_ID_LEN
                && body
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
            return if ok {
                Ok(body.to_owned())
            } else {
                Err(CodeError::NotACode(text.to_owned()))
            };
        }
        let numbers = parse_numbers(body, text)?;
        if numbers.len() != level.numbers {
            return Err(CodeError::WrongArity {
                text: text.to_owned(),
                kind: article(level.name()),
                found: numbers.len(),
                expected: level.numbers,
            });
        }
        let out = join(&numbers);
        if level.form.write(&out).len() > MAX_CODE_LEN {
            return Err(CodeError::TooLong(text.to_owned()));
        }
        Ok(out)
    }

    /// A code from its numbers (`[1, 2]` → `OS 1.2`).
    pub fn numbered(&self, kind: CodeKind, numbers: &[u16]) -> Option<Code> {
        let level = self.level(kind);
        if level.numbers == 0 || level.numbers != numbers.len() || numbers.contains(&0) {
            return None;
        }
        Code::new(kind, &level.form.write(&join(numbers))).ok()
    }

    /// A code of an unnumbered level from its identifier.
    pub fn named(&self, kind: CodeKind, id: &str) -> Result<Code, CodeError> {
        self.code(kind, &self.level(kind).form.write(id))
    }

    /// The numbers a code holds: `P 1.2.3` → `[1, 2, 3]`; none for an
    /// identifier.
    pub fn numbers(&self, code: Code) -> Vec<u16> {
        let level = self.level(code.kind());
        if level.numbers == 0 {
            return Vec::new();
        }
        level
            .form
            .body(code.as_str())
            .and_then(|b| parse_numbers(b, "").ok())
            .unwrap_or_default()
    }

    /// The entry's own number: the last of its numbers.
    pub fn rank(&self, code: Code) -> Option<u16> {
        self.numbers(code).last().copied()
    }

    /// The code of the sibling numbered `rank` (same parent numbers).
    pub fn sibling(&self, code: Code, rank: u16) -> Option<Code> {
        let mut numbers = self.numbers(code);
        *numbers.last_mut()? = rank;
        self.numbered(code.kind(), &numbers)
    }

    /// The parent a code names by its numbers, for `{path}` levels: `P 1.2.3`
    /// → `OS 1.2`. Other levels name their parent otherwise.
    pub fn implied_parent(&self, code: Code) -> Option<Code> {
        let depth = code.kind().depth()?;
        if depth == 0 || self.levels[depth].form.placeholder != Placeholder::Path {
            return None;
        }
        let numbers = self.numbers(code);
        let parent = CodeKind::Level(depth as u8 - 1);
        self.numbered(parent, &numbers[..numbers.len().checked_sub(1)?])
    }

    /// The first code one level down, for help messages: under `OS 1.2`,
    /// `P 1.2.1`; under a level with its own numbering, its first code.
    pub fn first_child(&self, code: Code) -> Option<Code> {
        let depth = code.kind().depth()?;
        let child = CodeKind::Level(u8::try_from(depth + 1).ok()?);
        let level = self.levels.get(depth + 1)?;
        match level.form.placeholder {
            Placeholder::Path => {
                let mut numbers = self.numbers(code);
                numbers.push(1);
                self.numbered(child, &numbers)
            }
            Placeholder::Number => self.numbered(child, &[1]),
            Placeholder::Id => None,
        }
    }

    /// A regular expression of a level's canonical codes, for JSON Schemas.
    pub fn pattern(&self, kind: CodeKind) -> String {
        let level = self.level(kind);
        let escape = |text: &str| {
            text.chars()
                .map(|c| {
                    if "\\^$.|?*+()[]{}".contains(c) {
                        format!("\\{c}")
                    } else {
                        c.to_string()
                    }
                })
                .collect::<String>()
        };
        let body = match level.numbers {
            0 => "[a-z0-9_-]+".to_owned(),
            n => vec!["[1-9][0-9]*"; n].join("\\."),
        };
        format!(
            "^{}{body}{}$",
            escape(&level.form.prefix),
            escape(&level.form.suffix)
        )
    }

    /// An example code of a level, for help messages.
    pub fn example(&self, kind: CodeKind) -> String {
        let level = self.level(kind);
        match level.numbers {
            0 => level.form.write("emploi"),
            n => level.form.write(&join(&vec![1; n])),
        }
    }

    /// The codes a person may mean by `text`, loosely written: any case,
    /// spaces or none, the level's word as prefix (`axe 2`, `objectif 1.2`),
    /// bare numbers (`1.2.3`). Exact spellings come first. A caller keeps the
    /// ones the contract has.
    pub fn read_loose(&self, text: &str) -> Result<Vec<Code>, CodeError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(CodeError::Empty);
        }
        let kinds: Vec<(CodeKind, &Level)> = self
            .kinds()
            .chain([(CodeKind::Transversal, &self.transversal)])
            .collect();
        for &(kind, _) in &kinds {
            if let Ok(code) = self.code(kind, trimmed) {
                return Ok(vec![code]);
            }
        }
        let mut found = Vec::new();
        let mut error = None;
        for &(kind, level) in &kinds {
            let words: Vec<&str> = [level.label.as_deref(), level.plural.as_deref()]
                .into_iter()
                .flatten()
                .chain(self.default_words(kind))
                .collect();
            let Some(body) = level.form.loose_body(trimmed, &words) else {
                continue;
            };
            match self.loose_code(kind, level, &body, trimmed) {
                Ok(code) => found.push(code),
                Err(e) => error = error.or(Some(e)),
            }
        }
        // Bare numbers: the tree's numbered levels with that many numbers.
        if found.is_empty() && trimmed.starts_with(|c: char| c.is_ascii_digit()) {
            if let Ok(numbers) = parse_numbers(trimmed, trimmed) {
                for (kind, level) in self.kinds() {
                    if level.numbers == numbers.len() {
                        found.extend(self.numbered(kind, &numbers));
                    }
                }
                if found.is_empty() {
                    error = error.or(Some(CodeError::NotACode(text.to_owned())));
                }
            } else if let Err(e) = parse_numbers(trimmed, text) {
                error = error.or(Some(e));
            }
        }
        // An identifier alone, in any case.
        if found.is_empty() {
            for (kind, level) in self.kinds() {
                if level.numbers == 0
                    && level.form.prefix.is_empty()
                    && level.form.suffix.is_empty()
                    && let Ok(code) = self.named(kind, &trimmed.to_lowercase())
                {
                    found.push(code);
                }
            }
        }
        found.dedup();
        match (found.is_empty(), error) {
            (false, _) => Ok(found),
            (true, Some(e)) => Err(e),
            (true, None) => Err(CodeError::NotACode(text.to_owned())),
        }
    }

    /// The short forms the default tree has always read besides its prefixes.
    fn default_words(&self, kind: CodeKind) -> Vec<&'static str> {
        if self.declared {
            return Vec::new();
        }
        match kind {
            CodeKind::Level(0) => vec!["pilier"],
            _ => Vec::new(),
        }
    }

    fn loose_code(
        &self,
        kind: CodeKind,
        level: &Level,
        body: &str,
        text: &str,
    ) -> Result<Code, CodeError> {
        if level.numbers == 0 {
            return self.named(kind, &body.to_lowercase());
        }
        let numbers = parse_numbers(body, text)?;
        if numbers.len() != level.numbers {
            return Err(CodeError::WrongArity {
                text: text.to_owned(),
                kind: article(&self.name(kind)),
                found: numbers.len(),
                expected: level.numbers,
            });
        }
        self.numbered(kind, &numbers)
            .ok_or_else(|| CodeError::TooLong(text.to_owned()))
    }

    /// A code for a person who wrote `text`: the one loose reading, or an
    /// error. Where several levels read it (`1` may be a pilier or a
    /// transversal), `exists` picks the one the contract has.
    pub fn read(&self, text: &str, exists: impl Fn(Code) -> bool) -> Result<Code, CodeError> {
        let found = self.read_loose(text)?;
        let existing: Vec<Code> = found.iter().copied().filter(|c| exists(*c)).collect();
        Ok(match existing[..] {
            [one] => one,
            _ => found[0],
        })
    }

    /// A code of one of `kinds`, loosely written (the command line, a
    /// spreadsheet's cell). Where only the transversal family is wanted, a
    /// bare number is one of its codes (`1` for `OT 1`).
    pub fn read_as(&self, text: &str, kinds: &[CodeKind]) -> Result<Code, String> {
        let trimmed = text.trim();
        if kinds == [CodeKind::Transversal]
            && self.transversal.numbers == 1
            && let Ok(n) = trimmed.parse::<u16>()
            && let Some(code) = self.numbered(CodeKind::Transversal, &[n])
        {
            return Ok(code);
        }
        let wanted = || {
            let names: Vec<String> = kinds.iter().map(|&k| self.name(k)).collect();
            let examples: Vec<String> = kinds
                .iter()
                .map(|&k| format!("`{}`", self.example(k)))
                .collect();
            format!(
                "expected {} code such as {}",
                article(&names.join(" or ")),
                examples.join(" or ")
            )
        };
        match self.read_loose(trimmed) {
            Ok(found) => found
                .into_iter()
                .find(|c| kinds.contains(&c.kind()))
                .ok_or_else(wanted),
            Err(e) => Err(format!("{e}; {}", wanted())),
        }
    }

    /// The code forms, for messages: "`P 1.2.3`, `OS 1.2`".
    pub fn forms(&self) -> String {
        self.nameable()
            .map(|(kind, _)| format!("`{}`", self.example(kind)))
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

/// Keys a level may not take: those of the tree files' own keys.
const RESERVED_KEYS: [&str; 7] = [
    "title",
    "objectives",
    "action",
    "code",
    "parent",
    "transversal",
    "post",
];

fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 24
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// "an Objectif", "a priority".
pub fn article(what: &str) -> String {
    let vowel = what
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOUÉéÈèÀà".contains(c));
    format!("{} {what}", if vowel { "an" } else { "a" })
}

fn join(numbers: &[u16]) -> String {
    numbers
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// `1.2.3` → `[1, 2, 3]`; numbers from 1 to 65535, four at most; leading
/// zeros read (`01`).
fn parse_numbers(body: &str, text: &str) -> Result<Vec<u16>, CodeError> {
    let mut out = Vec::new();
    for part in body.split('.') {
        if out.len() == MAX_DEPTH || part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CodeError::NotACode(text.to_owned()));
        }
        let n: u16 = part
            .parse()
            .map_err(|_| CodeError::OutOfRange(text.to_owned()))?;
        if n == 0 {
            return Err(CodeError::OutOfRange(text.to_owned()));
        }
        out.push(n);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn default() -> Tree {
        Tree::default()
    }

    fn read(tree: &Tree, text: &str) -> Result<String, CodeError> {
        tree.read(text, |_| true).map(|c| c.to_string())
    }

    fn declared(levels: &[(&str, &str)], nameable: &[&str]) -> Result<Tree, String> {
        let levels = levels
            .iter()
            .map(|(key, form)| LevelDeclaration {
                key: key.to_string(),
                label: format!("{}{}", key[..1].to_uppercase(), &key[1..]),
                plural: format!("{}{}s", key[..1].to_uppercase(), &key[1..]),
                form: CodeForm::parse(form).unwrap(),
            })
            .collect();
        let nameable: Vec<String> = nameable.iter().map(|s| s.to_string()).collect();
        Tree::declared(levels, &nameable, None)
    }

    #[test]
    fn the_default_tree_reads_its_canonical_forms() {
        let t = default();
        for (text, depth) in [
            ("Pilier 2", 0),
            ("OS 1.2", 1),
            ("P 1.2.3", 2),
            ("P 10.20.300", 2),
        ] {
            let code = t.code(CodeKind::Level(depth), text).unwrap();
            assert_eq!(code.to_string(), text);
        }
        assert_eq!(
            t.code(CodeKind::Transversal, "OT 3").unwrap().to_string(),
            "OT 3"
        );
        assert!(t.code(CodeKind::Level(2), "P 01.2.3").is_err());
        assert!(t.code(CodeKind::Level(2), "P1.2.3").is_err());
    }

    #[test]
    fn the_default_tree_reads_loose_forms() {
        let t = default();
        for text in [
            "1.2.3",
            "p1.2.3",
            "P1.2.3",
            "p 1.2.3",
            " P 1.2.3 ",
            "P  1.2.3",
            "P-1.2.3",
            "P 01.2.3",
        ] {
            assert_eq!(read(&t, text).as_deref(), Ok("P 1.2.3"), "{text}");
        }
        assert_eq!(read(&t, "1.2").as_deref(), Ok("OS 1.2"));
        assert_eq!(read(&t, "os1.2").as_deref(), Ok("OS 1.2"));
        assert_eq!(read(&t, "ot3").as_deref(), Ok("OT 3"));
        assert_eq!(read(&t, "1").as_deref(), Ok("Pilier 1"));
        assert_eq!(read(&t, "pilier 1").as_deref(), Ok("Pilier 1"));
    }

    #[test]
    fn malformed_codes_say_why() {
        let t = default();
        assert_eq!(t.read_loose(""), Err(CodeError::Empty));
        assert!(matches!(
            t.read_loose("P 1.2"),
            Err(CodeError::WrongArity {
                expected: 3,
                found: 2,
                ..
            })
        ));
        assert!(matches!(
            t.read_loose("OS 1.2.3"),
            Err(CodeError::WrongArity {
                expected: 2,
                found: 3,
                ..
            })
        ));
        assert!(matches!(
            t.read_loose("OT 1.2"),
            Err(CodeError::WrongArity { .. })
        ));
        for text in [
            "X 1.2",
            "P",
            "P 1..2",
            "P 1.2.3.4",
            "P 1.a.3",
            "P 1.2.",
            "P 1.2.3x",
            "QP082001",
        ] {
            assert!(t.read_loose(text).is_err(), "{text}");
        }
        assert_eq!(
            t.read_loose("P 0.1.1"),
            Err(CodeError::OutOfRange("P 0.1.1".into()))
        );
        assert_eq!(
            t.read_loose("P 1.1.70000"),
            Err(CodeError::OutOfRange("P 1.1.70000".into()))
        );
    }

    #[test]
    fn relations_follow_the_numbers() {
        let t = default();
        let p = t.code(CodeKind::Level(2), "P 1.2.3").unwrap();
        let os = t.implied_parent(p).unwrap();
        assert_eq!(os.to_string(), "OS 1.2");
        assert_eq!(t.implied_parent(os).unwrap().to_string(), "Pilier 1");
        assert_eq!(t.sibling(p, 1).unwrap().to_string(), "P 1.2.1");
        assert_eq!(t.first_child(os).unwrap().to_string(), "P 1.2.1");
        assert_eq!(t.rank(p), Some(3));
        assert_eq!(
            t.pattern(CodeKind::Level(2)),
            "^P [1-9][0-9]*\\.[1-9][0-9]*\\.[1-9][0-9]*$"
        );
        assert_eq!(t.pattern(CodeKind::Transversal), "^OT [1-9][0-9]*$");
    }

    #[test]
    fn labels_rename_the_piliers_codes() {
        let t = default().with_labels([
            (Some("Axe".into()), None),
            (Some("Enjeu".into()), Some("Enjeux".into())),
            (None, None),
        ]);
        assert_eq!(read(&t, "axe 2").as_deref(), Ok("Axe 2"));
        assert_eq!(read(&t, "Axe2").as_deref(), Ok("Axe 2"));
        assert_eq!(t.levels[0].plural.as_deref(), Some("Axes"));
        assert_eq!(t.levels[1].plural.as_deref(), Some("Enjeux"));
    }

    #[test]
    fn a_four_level_tree_with_global_numbers() {
        let t = declared(
            &[
                ("axe", "Axe {n}"),
                ("thematique", "#{n}"),
                ("objectif", "Objectif {path}"),
                ("mesure", "Mesure {path}"),
            ],
            &["mesure", "objectif"],
        )
        .unwrap();
        assert_eq!(read(&t, "#5").as_deref(), Ok("#5"));
        assert_eq!(read(&t, "objectif 5.1").as_deref(), Ok("Objectif 5.1"));
        assert_eq!(read(&t, "mesure 5.1.2").as_deref(), Ok("Mesure 5.1.2"));
        let m = t.code(CodeKind::Level(3), "Mesure 5.1.2").unwrap();
        assert_eq!(t.implied_parent(m).unwrap().to_string(), "Objectif 5.1");
        let o = t.implied_parent(m).unwrap();
        assert_eq!(t.implied_parent(o).unwrap().to_string(), "#5");
        // "#5" names its axe otherwise: by its file.
        assert_eq!(t.implied_parent(t.implied_parent(o).unwrap()), None);
        // Bare numbers: `1` may be an axe or a thématique.
        assert_eq!(t.read_loose("1").unwrap().len(), 2);
        assert_eq!(t.nameable().count(), 2);
    }

    #[test]
    fn a_flat_tree_of_identifiers() {
        let t = declared(&[("axe", "{id}")], &[]).unwrap();
        assert_eq!(read(&t, "emploi").as_deref(), Ok("emploi"));
        assert_eq!(read(&t, "Emploi").as_deref(), Ok("emploi"));
        assert!(t.leaf().nameable);
        assert!(t.code(CodeKind::Level(0), "cadre de vie").is_err());
    }

    #[test]
    fn declarations_that_cannot_work_are_refused() {
        assert!(declared(&[], &[]).is_err());
        assert!(
            declared(&[("a", "{n}"), ("b", "{n}")], &[]).is_err(),
            "alike forms"
        );
        assert!(
            declared(&[("a", "{id}"), ("b", "{path}")], &[]).is_err(),
            "path under id"
        );
        assert!(
            declared(&[("a", "A {n}"), ("a", "B {n}")], &[]).is_err(),
            "same key"
        );
        assert!(
            declared(&[("action", "A {n}")], &[]).is_err(),
            "reserved key"
        );
        assert!(
            declared(&[("a", "A {n}")], &["b"]).is_err(),
            "unknown nameable level"
        );
        assert!(CodeForm::parse("Axe").is_err());
        assert!(CodeForm::parse("{n}.{n}").is_err());
        assert!(CodeForm::parse("A1 {n}").is_err());
        let five: Vec<(&str, &str)> = vec![
            ("a", "A {n}"),
            ("b", "B {n}"),
            ("c", "C {n}"),
            ("d", "D {n}"),
            ("e", "E {n}"),
        ];
        assert!(declared(&five, &[]).is_err());
    }

    fn any_default_code() -> impl Strategy<Value = (u8, Vec<u16>)> {
        prop_oneof![
            (1u16..).prop_map(|a| (0, vec![a])),
            (1u16.., 1u16..).prop_map(|(a, b)| (1, vec![a, b])),
            (1u16.., 1u16.., 1u16..).prop_map(|(a, b, c)| (2, vec![a, b, c])),
            (1u16..).prop_map(|a| (3, vec![a])),
        ]
    }

    proptest! {
        #[test]
        fn canonical_text_round_trips((depth, numbers) in any_default_code()) {
            let t = default();
            let kind = if depth == 3 { CodeKind::Transversal } else { CodeKind::Level(depth) };
            let code = t.numbered(kind, &numbers).unwrap();
            prop_assert_eq!(t.code(kind, code.as_str()), Ok(code));
            prop_assert_eq!(t.numbers(code), numbers);
            prop_assert_eq!(t.read(code.as_str(), |_| true), Ok(code));
        }

        #[test]
        fn loose_spellings_read_the_same_code((depth, numbers) in any_default_code(), lower in any::<bool>(), space in "[ ]{0,2}") {
            let t = default();
            let kind = if depth == 3 { CodeKind::Transversal } else { CodeKind::Level(depth) };
            let code = t.numbered(kind, &numbers).unwrap();
            let text = code.to_string();
            let (prefix, numbers) = text.split_at(text.find(|c: char| c.is_ascii_digit()).unwrap());
            let prefix = if lower { prefix.trim().to_lowercase() } else { prefix.trim().to_owned() };
            let loose = format!("{prefix}{space}{numbers}");
            prop_assert_eq!(t.read(&loose, |_| true), Ok(code));
        }

        #[test]
        fn reading_never_panics(text in "\\PC{0,30}") {
            let _ = default().read_loose(&text);
            let t = declared(&[("axe", "{id}"), ("objectif", "O {n}")], &[]).unwrap();
            let _ = t.read_loose(&text);
        }
    }
}
