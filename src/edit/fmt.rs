//! The canonical form of one contract file (docs/FORMAT.md, "Canonical form").
//!
//! The file is parsed with `toml_edit`, which keeps every comment in the
//! whitespace ("decor") around keys, values and headers; the document is then
//! written out again from a schema of the format: the keys of each entry in the
//! order of FORMAT.md's tables, values in their canonical spelling, and each
//! comment with the entry it precedes. Writing the text from the tree, rather
//! than patching whitespace in place, makes the result depend only on the
//! content, which is what makes a second run change nothing.

use toml_edit::{Array, DocumentMut, InlineTable, Item, Key, RawString, Table, Value};

use crate::model::{Code, CodeKind, Money};

/// Arrays of strings stay on one line while the whole line fits in this many
/// characters.
pub const WIDTH: usize = 100;

/// Which schema a file follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `contrat.toml`.
    Contract,
    /// Any other file of the folder.
    Pilier,
}

/// Why a file was left as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("not valid TOML: {0}")]
    Syntax(String),
    /// A safety net: the formatter writes every comment it finds, and checks it.
    #[error(
        "the comment `{0}` would be lost; move it to a line of its own above the key it is about"
    )]
    LostComment(String),
}

/// How a key's value is written.
#[derive(Clone, Copy, Debug)]
enum Shape {
    /// Any value, written in its canonical spelling.
    Any,
    /// A code of one kind: `P 1.2.3`.
    Code(CodeKind),
    /// An array of codes of one kind.
    Codes(CodeKind),
    /// An amount of euros: `8000`, `8000.50`.
    Money,
    /// A `[header]` table whose every key holds a value of this shape.
    Map(&'static Shape),
    /// An inline table `{ … }` with these keys.
    Inline(&'static [Field]),
    /// `[[header]]` tables with these keys.
    Tables(&'static [Field]),
    /// An array of inline tables, one per line.
    InlineTables(&'static [Field]),
}

impl Shape {
    /// Written as a `[header]` section after the keys of its table.
    fn is_section(self) -> bool {
        matches!(self, Shape::Map(_) | Shape::Tables(_))
    }
}

#[derive(Clone, Copy, Debug)]
struct Field {
    key: &'static str,
    shape: Shape,
}

const fn field(key: &'static str, shape: Shape) -> Field {
    Field { key, shape }
}

const fn any(key: &'static str) -> Field {
    field(key, Shape::Any)
}

const PERIOD: &[Field] = &[any("from"), any("to")];
const TRANSVERSAL: &[Field] = &[
    field("code", Shape::Code(CodeKind::Transversal)),
    any("title"),
];
const QUARTIER: &[Field] = &[any("code"), any("name"), any("aliases")];
const CONTRACT: &[Field] = &[
    any("title"),
    any("territory"),
    field("period", Shape::Inline(PERIOD)),
    any("language"),
    any("source"),
    any("publics"),
    field("funders", Shape::Map(&Shape::Any)),
    field("transversal", Shape::Tables(TRANSVERSAL)),
    field("quartier", Shape::Tables(QUARTIER)),
    field("check", Shape::Map(&Shape::Any)),
];

const ORIENTATION: &[Field] = &[
    field("code", Shape::Code(CodeKind::Orientation)),
    any("title"),
];
const PROTOCOLE: &[Field] = &[any("text"), any("mesure")];
const PRIORITY: &[Field] = &[
    field("code", Shape::Code(CodeKind::Priority)),
    any("title"),
    any("emphasis"),
    any("publics"),
    field("protocole", Shape::InlineTables(PROTOCOLE)),
    any("note"),
    any("accepted_gap"),
];
const BENEFICIARIES: &[Field] = &[any("planned"), any("actual")];
const INDICATOR: &[Field] = &[any("name"), any("target"), any("actual"), any("unit")];
const ACTION: &[Field] = &[
    any("id"),
    any("title"),
    any("porteur"),
    any("year"),
    field("priorities", Shape::Codes(CodeKind::Priority)),
    any("description"),
    field("transversal", Shape::Codes(CodeKind::Transversal)),
    any("quartiers"),
    any("publics"),
    field("cost", Shape::Money),
    field("funding", Shape::Map(&Shape::Money)),
    field("requested", Shape::Map(&Shape::Money)),
    field("beneficiaries", Shape::Inline(BENEFICIARIES)),
    any("status"),
    any("renews"),
    any("tags"),
    field("indicator", Shape::Tables(INDICATOR)),
];
const PILIER: &[Field] = &[
    any("pilier"),
    any("title"),
    any("objectives"),
    field("orientation", Shape::Tables(ORIENTATION)),
    field("priority", Shape::Tables(PRIORITY)),
    field("action", Shape::Tables(ACTION)),
];

/// The keys a table may hold: listed fields, or any key with one shape.
#[derive(Clone, Copy)]
enum Schema {
    Fields(&'static [Field]),
    Map(Shape),
}

impl Schema {
    /// The shape of a key and its rank in the canonical order (unknown keys
    /// come after the known ones).
    fn lookup(self, key: &str) -> (Option<Shape>, usize) {
        match self {
            Schema::Fields(fields) => match fields.iter().position(|f| f.key == key) {
                Some(i) => (Some(fields[i].shape), i),
                None => (None, usize::MAX),
            },
            Schema::Map(shape) => (Some(shape), 0),
        }
    }

    fn of(shape: Option<Shape>) -> Schema {
        match shape {
            Some(Shape::Inline(f) | Shape::Tables(f) | Shape::InlineTables(f)) => Schema::Fields(f),
            Some(Shape::Map(inner)) => Schema::Map(*inner),
            _ => Schema::Map(Shape::Any),
        }
    }
}

/// The canonical form of one file's text. The text must be valid TOML.
pub fn format_text(text: &str, kind: FileKind) -> Result<String, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Line ends become LF; CR only ever appears in TOML as part of a line end
    // outside multi-line strings, which keep their text.
    let unix = text.replace("\r\n", "\n");
    let doc: DocumentMut = unix
        .parse()
        .map_err(|e: toml_edit::TomlError| FormatError::Syntax(e.message().to_owned()))?;
    let fields = match kind {
        FileKind::Contract => CONTRACT,
        FileKind::Pilier => PILIER,
    };
    let mut w = Writer::default();
    w.document(&doc, fields);
    let out = w.finish();

    // Every comment of the input must be in the output, however moved.
    let mut before = comments_of(&unix);
    let mut after = comments_of(&out);
    before.sort();
    after.sort();
    if before != after {
        let count = |list: &[String], c: &String| list.iter().filter(|x| *x == c).count();
        let odd = before
            .iter()
            .chain(&after)
            .find(|c| count(&before, c) != count(&after, c))
            .cloned()
            .unwrap_or_default();
        return Err(FormatError::LostComment(odd));
    }
    Ok(out)
}

/// A table-like source: a `[header]` or dotted table, or an inline table.
#[derive(Clone, Copy)]
enum Src<'a> {
    Table(&'a Table),
    Inline(&'a InlineTable),
}

impl<'a> Src<'a> {
    fn entries(self) -> Vec<(&'a Key, &'a Item)> {
        match self {
            Src::Table(t) => t
                .iter()
                .filter_map(|(k, _)| t.get_key_value(k))
                .filter(|(_, item)| !item.is_none())
                .collect(),
            Src::Inline(t) => t.iter().filter_map(|(k, _)| t.get_key_value(k)).collect(),
        }
    }
}

/// A section to write after the keys of its table: a `[header]` or one entry
/// of a `[[header]]` array.
struct Section<'a> {
    key: &'a Key,
    src: Src<'a>,
    schema: Schema,
    array: bool,
    /// Comments that stood before the section in another shape (the items of
    /// an inline array turned into `[[…]]` entries).
    comments: Vec<String>,
    position: Option<isize>,
    rank: usize,
    written: usize,
}

/// A comment block as it stood in the whitespace before an item.
#[derive(Default)]
struct Block {
    /// Comment lines, with `""` for one blank line between groups.
    lines: Vec<String>,
    /// A blank line separated the last comment from the item.
    blank_after: bool,
    /// A blank line stood before the first comment.
    blank_before: bool,
}

impl Block {
    /// `midline`: the text starts in the middle of a line (after `[` or `,`),
    /// so its first piece is not a line of its own.
    fn parse(raw: Option<&RawString>, midline: bool) -> Block {
        let Some(text) = raw.and_then(RawString::as_str) else {
            return Block::default();
        };
        let mut pieces: Vec<&str> = text.split('\n').collect();
        // The last piece is the indentation before the item itself.
        pieces.pop();
        let mut block = Block::default();
        let mut blank = false;
        for (i, piece) in pieces.iter().enumerate() {
            let piece = piece.trim();
            if piece.starts_with('#') {
                if blank && !block.lines.is_empty() {
                    block.lines.push(String::new());
                }
                if blank && block.lines.is_empty() {
                    block.blank_before = true;
                }
                blank = false;
                block.lines.push(piece.to_owned());
            } else if !(midline && i == 0) {
                blank = true;
            }
        }
        block.blank_after = blank && !block.lines.is_empty();
        block
    }

    fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// Comments on the same line as an item, after it.
fn eol(raw: Option<&RawString>) -> Option<String> {
    let text = raw.and_then(RawString::as_str)?;
    let start = text.find('#')?;
    Some(
        text[start..]
            .lines()
            .next()
            .unwrap_or("")
            .trim_end()
            .to_owned(),
    )
}

/// Every comment in a piece of whitespace, for moving it elsewhere.
fn all_comments(raw: Option<&RawString>, out: &mut Vec<String>) {
    if let Some(text) = raw.and_then(RawString::as_str) {
        for line in text.split('\n') {
            if let Some(start) = line.find('#') {
                out.push(line[start..].trim_end().to_owned());
            }
        }
    }
}

fn decor_comments(decor: &toml_edit::Decor, out: &mut Vec<String>) {
    all_comments(decor.prefix(), out);
    all_comments(decor.suffix(), out);
}

#[derive(Default)]
struct Writer {
    out: String,
    /// The comment block at the top of the file, written once, first.
    top: Option<*const toml_edit::Decor>,
    /// Only the top comment block has been written so far.
    at_top: bool,
}

impl Writer {
    fn finish(mut self) -> String {
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out
    }

    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
        self.at_top = false;
    }

    fn comment_lines(&mut self, lines: &[String], indent: &str) {
        for line in lines {
            if line.is_empty() {
                self.out.push('\n');
            } else {
                self.out.push_str(indent);
                self.out.push_str(line);
                self.out.push('\n');
            }
        }
    }

    /// The block before an item, unless it was written at the top of the file.
    fn block_of(&self, decor: &toml_edit::Decor) -> Block {
        if self.top == Some(decor as *const _) {
            Block::default()
        } else {
            Block::parse(decor.prefix(), false)
        }
    }

    fn document(&mut self, doc: &DocumentMut, fields: &'static [Field]) {
        let root = doc.as_table();
        // The comment block at the very top of the file stays there: it is
        // about the file, whichever key it happens to stand above.
        let first = Src::Table(root)
            .entries()
            .into_iter()
            .map(|(key, item)| match item {
                Item::Table(t) if !t.is_dotted() => (t.position(), t.decor()),
                Item::ArrayOfTables(a) => (
                    a.iter().next().and_then(Table::position),
                    a.iter().next().map_or(key.leaf_decor(), Table::decor),
                ),
                _ => (Some(isize::MIN), key.leaf_decor()),
            })
            .min_by_key(|(position, _)| position.unwrap_or(isize::MAX));
        if let Some((_, decor)) = first {
            let block = Block::parse(decor.prefix(), false);
            if !block.is_empty() {
                self.comment_lines(&block.lines, "");
                if block.blank_after {
                    self.out.push('\n');
                }
                self.at_top = true;
            }
            self.top = Some(decor as *const _);
        }
        self.body(&[], Src::Table(root), Schema::Fields(fields), true);
        let trailing = Block::parse(Some(doc.trailing()), false);
        // The text after the last item, if no item follows, is whole lines.
        let trailing = if trailing.is_empty() {
            let mut lines = Vec::new();
            all_comments(Some(doc.trailing()), &mut lines);
            Block {
                lines,
                ..Block::default()
            }
        } else {
            trailing
        };
        if !trailing.is_empty() {
            let blank = doc
                .trailing()
                .as_str()
                .is_some_and(|t| t.trim_start_matches([' ', '\t']).starts_with('\n'));
            if blank && !self.out.is_empty() {
                self.out.push('\n');
            }
            self.comment_lines(&trailing.lines, "");
        }
    }

    /// The keys of a table, then its sections. `by_position`: sections keep
    /// the order they were written in (the top level of a file); otherwise
    /// they follow the schema (the sub-tables of an action).
    fn body(&mut self, path: &[&str], src: Src<'_>, schema: Schema, by_position: bool) {
        let mut lines = Vec::new();
        let mut sections = Vec::new();
        for (written, (key, item)) in src.entries().into_iter().enumerate() {
            let (shape, rank) = schema.lookup(key.get());
            match classify(item, shape) {
                Some((sub, array)) => {
                    push_sections(&mut sections, key, item, sub, array, rank, written)
                }
                None => lines.push((rank, written, key, item, shape.unwrap_or(Shape::Any))),
            }
        }
        lines.sort_by_key(|&(rank, written, ..)| (rank, written));
        for (_, _, key, item, shape) in lines {
            self.key_value(key, item, shape);
        }
        if by_position {
            sections.sort_by_key(|s| (s.position.is_some(), s.position, s.written));
        } else {
            sections.sort_by_key(|s| (s.rank, s.written));
        }
        for section in sections {
            self.section(path, section);
        }
    }

    fn section(&mut self, path: &[&str], section: Section<'_>) {
        let mut full: Vec<&str> = path.to_vec();
        full.push(section.key.get());
        let header = full
            .iter()
            .map(|k| key_text(k))
            .collect::<Vec<_>>()
            .join(".");
        let (block, eol_comment) = match section.src {
            Src::Table(t) => (self.block_of(t.decor()), eol(t.decor().suffix())),
            // Its comments were gathered with the section (`push_sections`).
            Src::Inline(_) => (Block::default(), None),
        };
        // An implicit table (`[a.b]` with no `[a]`) has no header of its own.
        let implicit = matches!(section.src, Src::Table(t) if t.is_implicit())
            && section.src.entries().iter().all(|(_, item)| {
                matches!(item, Item::Table(_) | Item::ArrayOfTables(_))
                    && !matches!(item, Item::Table(t) if t.is_dotted())
            });
        let mut comments = section.comments;
        comments.extend(block.lines);
        if implicit && comments.is_empty() {
            self.body(&full, section.src, section.schema, false);
            return;
        }
        if !self.at_top && !self.out.is_empty() {
            self.out.push('\n');
        }
        self.comment_lines(&comments, "");
        if block.blank_after {
            self.out.push('\n');
        }
        let mut line = if section.array {
            format!("[[{header}]]")
        } else {
            format!("[{header}]")
        };
        if let Some(c) = eol_comment {
            line.push(' ');
            line.push_str(&c);
        }
        self.line(&line);
        self.body(&full, section.src, section.schema, false);
    }

    fn key_value(&mut self, key: &Key, item: &Item, shape: Shape) {
        let block = self.block_of(key.leaf_decor());
        let mut comments = block.lines;
        let mut dotted = Block::parse(key.dotted_decor().prefix(), false).lines;
        comments.append(&mut dotted);
        let mut hoist = Vec::new();
        let name = key_text(key.get());
        let column = name.chars().count() + 3;
        let (text, eol_comment) = match item {
            Item::Value(v) => (
                self.line_value(v, shape, column, &mut hoist),
                eol(v.decor().suffix()),
            ),
            Item::Table(t) => {
                decor_comments(t.decor(), &mut hoist);
                (
                    inline_table(Src::Table(t), Schema::of(Some(shape)), &mut hoist),
                    None,
                )
            }
            Item::ArrayOfTables(a) => {
                let items: Vec<ArrayItem<'_>> = a
                    .iter()
                    .map(|t| ArrayItem {
                        prefix: t.decor().prefix(),
                        suffix: t.decor().suffix(),
                        value: ItemRef::Table(t),
                    })
                    .collect();
                (array_block(&items, None, shape, column, true), None)
            }
            Item::None => return,
        };
        comments.extend(hoist);
        self.comment_lines(&comments, "");
        let mut line = format!("{name} = {text}");
        if let Some(c) = eol_comment {
            line.push(' ');
            line.push_str(&c);
        }
        self.line(&line);
    }

    fn line_value(
        &mut self,
        value: &Value,
        shape: Shape,
        column: usize,
        hoist: &mut Vec<String>,
    ) -> String {
        match value {
            Value::Array(array) => {
                let items: Vec<ArrayItem<'_>> = array
                    .iter()
                    .map(|v| ArrayItem {
                        prefix: v.decor().prefix(),
                        suffix: v.decor().suffix(),
                        value: ItemRef::Value(v),
                    })
                    .collect();
                let force = matches!(shape, Shape::InlineTables(_))
                    || array.iter().any(|v| matches!(v, Value::InlineTable(_)));
                array_block(&items, Some(array), shape, column, force)
            }
            other => inline_value(other, shape, hoist),
        }
    }
}

/// Whether an item is written as a section, and if so with which schema and
/// whether as `[[…]]` entries.
fn classify(item: &Item, shape: Option<Shape>) -> Option<(Schema, bool)> {
    match (shape, item) {
        (Some(s @ Shape::Map(_)), Item::Table(_) | Item::Value(Value::InlineTable(_))) => {
            Some((Schema::of(Some(s)), false))
        }
        (Some(s @ Shape::Tables(_)), Item::ArrayOfTables(_)) => Some((Schema::of(Some(s)), true)),
        (Some(s @ Shape::Tables(_)), Item::Value(Value::Array(a)))
            if !a.is_empty() && a.iter().all(|v| matches!(v, Value::InlineTable(_))) =>
        {
            Some((Schema::of(Some(s)), true))
        }
        // A known key in another shape is written as the shape it has.
        (Some(s), Item::Table(_) | Item::ArrayOfTables(_)) if !s.is_section() => match s {
            Shape::Inline(_) | Shape::InlineTables(_) => None,
            _ => Some((
                Schema::Map(Shape::Any),
                matches!(item, Item::ArrayOfTables(_)),
            )),
        },
        (_, Item::Table(_)) => Some((Schema::Map(Shape::Any), false)),
        (_, Item::ArrayOfTables(_)) => Some((Schema::Map(Shape::Any), true)),
        _ => None,
    }
}

fn push_sections<'a>(
    sections: &mut Vec<Section<'a>>,
    key: &'a Key,
    item: &'a Item,
    schema: Schema,
    array: bool,
    rank: usize,
    written: usize,
) {
    let section = |src: Src<'a>, position, comments| Section {
        key,
        src,
        schema,
        array,
        comments,
        position,
        rank,
        written,
    };
    let mut lead = Vec::new();
    all_comments(key.leaf_decor().prefix(), &mut lead);
    match item {
        Item::Table(t) => {
            // A dotted table (`funding.etat = 8000`) carries its comments on
            // its keys, which the section writes.
            sections.push(section(Src::Table(t), t.position(), lead));
        }
        Item::ArrayOfTables(a) => {
            for t in a.iter() {
                sections.push(section(
                    Src::Table(t),
                    t.position(),
                    std::mem::take(&mut lead),
                ));
            }
        }
        Item::Value(Value::InlineTable(t)) => {
            decor_comments(t.decor(), &mut lead);
            sections.push(section(Src::Inline(t), None, lead));
        }
        Item::Value(Value::Array(a)) => {
            let count = a.len();
            for (i, v) in a.iter().enumerate() {
                let mut comments = std::mem::take(&mut lead);
                decor_comments(v.decor(), &mut comments);
                if i + 1 == count {
                    all_comments(Some(a.trailing()), &mut comments);
                }
                if let Value::InlineTable(t) = v {
                    sections.push(section(Src::Inline(t), None, comments));
                }
            }
        }
        _ => {}
    }
}

/// An item of an array: a value, or a `[[…]]` table written inline.
#[derive(Clone, Copy)]
enum ItemRef<'a> {
    Value(&'a Value),
    Table(&'a Table),
}

struct ArrayItem<'a> {
    prefix: Option<&'a RawString>,
    suffix: Option<&'a RawString>,
    value: ItemRef<'a>,
}

/// The shape of each item of an array of this shape.
fn item_shape(shape: Shape) -> Shape {
    match shape {
        Shape::Codes(kind) => Shape::Code(kind),
        Shape::InlineTables(fields) => Shape::Inline(fields),
        _ => Shape::Any,
    }
}

/// An array as the value of a key: on one line when it is short and holds no
/// comment and no table, otherwise one item per line with a trailing comma.
fn array_block(
    items: &[ArrayItem<'_>],
    array: Option<&Array>,
    shape: Shape,
    column: usize,
    force_lines: bool,
) -> String {
    let each = item_shape(shape);
    let trailing = array.map(Array::trailing);
    let has_comments = items.iter().any(|i| {
        [i.prefix, i.suffix].iter().any(|r| {
            r.and_then(RawString::as_str)
                .is_some_and(|t| t.contains('#'))
        })
    }) || trailing
        .and_then(RawString::as_str)
        .is_some_and(|t| t.contains('#'));
    if items.is_empty() && !has_comments {
        return "[]".to_owned();
    }
    if !force_lines && !has_comments {
        let mut inner = Vec::new();
        let texts: Vec<String> = items
            .iter()
            .map(|i| item_text(i.value, each, &mut inner))
            .collect();
        let one = format!("[{}]", texts.join(", "));
        if inner.is_empty() && column + one.chars().count() <= WIDTH {
            return one;
        }
    }
    let mut out = String::from("[\n");
    for item in items {
        let block = Block::parse(item.prefix, true);
        let mut lines = block.lines;
        lines.retain(|l| !l.is_empty());
        let mut inner = Vec::new();
        let text = item_text(item.value, each, &mut inner);
        lines.extend(inner);
        for line in lines {
            out.push_str("  ");
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(&text);
        out.push(',');
        if let Some(c) = eol(item.suffix) {
            out.push(' ');
            out.push_str(&c);
        }
        out.push('\n');
    }
    let mut rest = Vec::new();
    all_comments(trailing, &mut rest);
    for line in rest {
        out.push_str("  ");
        out.push_str(&line);
        out.push('\n');
    }
    out.push(']');
    out
}

fn item_text(item: ItemRef<'_>, shape: Shape, hoist: &mut Vec<String>) -> String {
    match item {
        ItemRef::Value(v) => inline_value(v, shape, hoist),
        ItemRef::Table(t) => inline_table(Src::Table(t), Schema::of(Some(shape)), hoist),
    }
}

/// A value on one line; comments found inside it go to `hoist`, to be written
/// above the key.
fn inline_value(value: &Value, shape: Shape, hoist: &mut Vec<String>) -> String {
    match value {
        Value::String(s) => {
            let repr = s.as_repr().and_then(|r| r.as_raw().as_str());
            if let Some(repr) = repr.filter(|r| r.starts_with("\"\"\"") || r.starts_with("'''")) {
                return repr.to_owned();
            }
            let text = s.value();
            let expected = match shape {
                Shape::Code(kind) => Some(kind),
                _ => None,
            };
            match expected.and_then(|kind| Code::parse(text).ok().filter(|c| c.kind() == kind)) {
                Some(code) => string_text(&code.to_string()),
                None => string_text(text),
            }
        }
        Value::Integer(i) => i.value().to_string(),
        Value::Float(f) => {
            let repr = f
                .as_repr()
                .and_then(|r| r.as_raw().as_str())
                .map(str::to_owned)
                .unwrap_or_else(|| f.display_repr().into_owned());
            match shape {
                Shape::Money => Money::parse_decimal(&repr)
                    .map(|m| m.to_string())
                    .unwrap_or(repr),
                _ => repr,
            }
        }
        Value::Boolean(b) => b.value().to_string(),
        Value::Datetime(d) => d
            .as_repr()
            .and_then(|r| r.as_raw().as_str())
            .map(str::to_owned)
            .unwrap_or_else(|| d.value().to_string()),
        Value::Array(array) => {
            let each = item_shape(shape);
            let texts: Vec<String> = array
                .iter()
                .map(|v| {
                    decor_comments(v.decor(), hoist);
                    inline_value(v, each, hoist)
                })
                .collect();
            all_comments(Some(array.trailing()), hoist);
            format!("[{}]", texts.join(", "))
        }
        Value::InlineTable(t) => inline_table(Src::Inline(t), Schema::of(Some(shape)), hoist),
    }
}

/// `{ key = value, … }`, keys in canonical order.
fn inline_table(src: Src<'_>, schema: Schema, hoist: &mut Vec<String>) -> String {
    if let Src::Inline(t) = src {
        all_comments(Some(t.trailing()), hoist);
    }
    let mut entries: Vec<(usize, usize, &Key, &Item, Shape)> = src
        .entries()
        .into_iter()
        .enumerate()
        .map(|(written, (key, item))| {
            let (shape, rank) = schema.lookup(key.get());
            (rank, written, key, item, shape.unwrap_or(Shape::Any))
        })
        .collect();
    entries.sort_by_key(|&(rank, written, ..)| (rank, written));
    let parts: Vec<String> = entries
        .into_iter()
        .map(|(_, _, key, item, shape)| {
            all_comments(key.leaf_decor().prefix(), hoist);
            all_comments(key.dotted_decor().prefix(), hoist);
            let text = match item {
                Item::Value(v) => {
                    decor_comments(v.decor(), hoist);
                    inline_value(v, shape, hoist)
                }
                Item::Table(t) => {
                    decor_comments(t.decor(), hoist);
                    inline_table(Src::Table(t), Schema::of(Some(shape)), hoist)
                }
                Item::ArrayOfTables(a) => {
                    let texts: Vec<String> = a
                        .iter()
                        .map(|t| {
                            decor_comments(t.decor(), hoist);
                            inline_table(Src::Table(t), Schema::of(Some(item_shape(shape))), hoist)
                        })
                        .collect();
                    format!("[{}]", texts.join(", "))
                }
                Item::None => String::new(),
            };
            format!("{} = {text}", key_text(key.get()))
        })
        .collect();
    if parts.is_empty() {
        "{}".to_owned()
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

/// A key: bare when it can be, else quoted.
pub fn key_text(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare {
        key.to_owned()
    } else {
        string_text(key)
    }
}

/// A one-line string: in double quotes, or in single quotes when the text holds
/// a `"` or a `\` that a literal string can show without escapes.
pub fn string_text(text: &str) -> String {
    let literal_ok = !text.contains('\'') && !text.chars().any(|c| c.is_control() && c != '\t');
    if literal_ok && text.contains(['"', '\\']) {
        return format!("'{text}'");
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The comments of a TOML text, each trimmed, in order: a small scanner that
/// knows TOML's four kinds of strings, to tell a `#` in a string from a comment.
pub fn comments_of(text: &str) -> Vec<String> {
    // Bytes, not `str` slices: the scanner steps through multi-byte letters
    // (TOML 1.1 allows them in bare keys) one byte at a time.
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"\"\"\"") || rest.starts_with(b"'''") {
            let quote = &rest[..3];
            let escapes = quote == b"\"\"\"";
            let mut j = i + 3;
            while j < bytes.len() {
                if escapes && bytes[j] == b'\\' {
                    j += 2;
                    continue;
                }
                if bytes[j..].starts_with(quote) {
                    // Up to two more quotes may close the string's content.
                    j += 3;
                    while j < bytes.len() && bytes[j] == quote[0] {
                        j += 1;
                    }
                    break;
                }
                j += 1;
            }
            i = j;
        } else if bytes[i] == b'"' || bytes[i] == b'\'' {
            let quote = bytes[i];
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != quote && bytes[j] != b'\n' {
                if quote == b'"' && bytes[j] == b'\\' {
                    j += 1;
                }
                j += 1;
            }
            i = j + 1;
        } else if bytes[i] == b'#' {
            // `#` is ASCII, so `i` is a character boundary, and so is the end.
            let end = bytes[i..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |n| i + n);
            out.push(text[i..end].trim_end().to_owned());
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pilier(text: &str) -> String {
        format_text(text, FileKind::Pilier).unwrap()
    }

    #[test]
    fn keys_in_format_order_codes_and_amounts_canonical() {
        let input = "\
title='Cohésion sociale'
pilier   =   1

[[action]]
cost = 12_000
priorities = [ 'P1.2.3','p 2.1.2' ]
year = 2023
porteur = \"Rebonds\"
title = \"Stages\"
id = \"2023-017\"
funding = { ville = 3000.5, etat = 6000.0 }
";
        let expected = "\
pilier = 1
title = \"Cohésion sociale\"

[[action]]
id = \"2023-017\"
title = \"Stages\"
porteur = \"Rebonds\"
year = 2023
priorities = [\"P 1.2.3\", \"P 2.1.2\"]
cost = 12000

[action.funding]
ville = 3000.50
etat = 6000
";
        assert_eq!(pilier(input), expected);
        assert_eq!(pilier(expected), expected);
    }

    #[test]
    fn comments_stay_with_the_entry_they_precede() {
        let input = "\
# The file's own comment.
title = \"T\"
# about the number
pilier = 1 # one

# Actions follow.

[[action]] # first
# the id
id = \"x\"
";
        // The top comment stays at the top; the other moves with its key.
        let expected = "\
# The file's own comment.
# about the number
pilier = 1 # one
title = \"T\"

# Actions follow.

[[action]] # first
# the id
id = \"x\"
";
        let got = pilier(input);
        assert_eq!(got, expected);
        assert_eq!(pilier(&got), got);
    }

    #[test]
    fn entries_keep_their_written_order() {
        let input = "\
pilier = 1
title = \"T\"
[[priority]]
title = \"b\"
code = \"P 1.1.1\"
[[orientation]]
code = \"OS 1.1\"
title = \"a\"
[[action]]
id = \"1\"
[action.requested]
etat = 1
[action.funding]
etat = 1
[[priority]]
code = \"P 1.1.2\"
title = \"c\"
";
        let expected = "\
pilier = 1
title = \"T\"

[[priority]]
code = \"P 1.1.1\"
title = \"b\"

[[orientation]]
code = \"OS 1.1\"
title = \"a\"

[[action]]
id = \"1\"

[action.funding]
etat = 1

[action.requested]
etat = 1

[[priority]]
code = \"P 1.1.2\"
title = \"c\"
";
        assert_eq!(pilier(input), expected);
    }

    #[test]
    fn arrays_stay_on_one_line_when_short() {
        let long = format!(
            "objectives = [\"{}\", \"{}\"]\n",
            "a".repeat(50),
            "b".repeat(40)
        );
        let got = pilier(&format!("pilier = 1\n{long}"));
        assert_eq!(
            got,
            format!(
                "pilier = 1\nobjectives = [\n  \"{}\",\n  \"{}\",\n]\n",
                "a".repeat(50),
                "b".repeat(40)
            )
        );
        assert_eq!(
            pilier("pilier = 1\nobjectives = [\n  \"a\",\n  \"b\",\n]\n"),
            "pilier = 1\nobjectives = [\"a\", \"b\"]\n"
        );
    }

    #[test]
    fn protocole_one_link_per_line() {
        let got = pilier(
            "pilier = 1\n[[priority]]\nprotocole = [{mesure=18, text = \"x\"}]\ncode = \"P 1.1.1\"\n",
        );
        assert_eq!(
            got,
            "pilier = 1\n\n[[priority]]\ncode = \"P 1.1.1\"\nprotocole = [\n  { text = \"x\", mesure = 18 },\n]\n"
        );
    }

    #[test]
    fn strings_quotes_and_escapes() {
        assert_eq!(string_text("plain"), "\"plain\"");
        assert_eq!(string_text("say \"hi\""), "'say \"hi\"'");
        assert_eq!(string_text("it's \"x\""), "\"it's \\\"x\\\"\"");
        assert_eq!(string_text("a\nb"), "\"a\\nb\"");
        assert_eq!(key_text("etat"), "etat");
        assert_eq!(key_text("é"), "\"é\"");
        let multi = "pilier = 1\ntitle = \"\"\"\nline one\nline two\"\"\"\n";
        assert_eq!(pilier(multi), multi);
    }

    #[test]
    fn crlf_bom_and_blank_lines() {
        let got = pilier(
            "\u{feff}pilier = 1\r\n\r\n\r\ntitle = \"T\"   \r\n\r\n\r\n\r\n[[orientation]]\r\ncode = \"OS 1.1\"\r\n\r\n",
        );
        assert_eq!(
            got,
            "pilier = 1\ntitle = \"T\"\n\n[[orientation]]\ncode = \"OS 1.1\"\n"
        );
    }

    #[test]
    fn contract_file_period_inline_and_funders_section() {
        let input = "\
[funders]
etat = 'État'
[period]
to = 2023
from = 2015
";
        let got = format_text(input, FileKind::Contract).unwrap();
        assert_eq!(
            got,
            "period = { from = 2015, to = 2023 }\n\n[funders]\netat = \"État\"\n"
        );
    }

    #[test]
    fn comments_in_inline_tables_move_above_the_key() {
        let got = pilier(
            "pilier = 1\n[[action]]\nbeneficiaries = { planned = 1, # about actual\n actual = 2 }\n",
        );
        assert_eq!(
            got,
            "pilier = 1\n\n[[action]]\n# about actual\nbeneficiaries = { planned = 1, actual = 2 }\n"
        );
    }

    #[test]
    fn comments_in_arrays_stay_in_the_array() {
        let input = "pilier = 1\nobjectives = [ # first\n  \"a\", # after a\n  # before b\n  \"b\",\n  # end\n]\n";
        let got = pilier(input);
        assert_eq!(
            got,
            "pilier = 1\nobjectives = [\n  # first\n  \"a\",\n  # after a\n  # before b\n  \"b\",\n  # end\n]\n"
        );
        assert_eq!(pilier(&got), got);
    }

    #[test]
    fn scanner_tells_comments_from_hashes_in_strings() {
        let text = "a = \"# no\" # yes\nb = '''\n# no\n''' # yes too\nc = \"\\\"#\" #c\n";
        assert_eq!(comments_of(text), ["# yes", "# yes too", "#c"]);
        assert_eq!(comments_of("clé = 1 # é\n"), ["# é"]);
    }

    proptest::proptest! {
        /// Whatever the text, formatting gives a result or an error, never a
        /// panic; and what it gives formats to itself.
        #[test]
        fn never_panics_and_is_stable(text in r#"([a-zé_-]{1,4} ?= ?("[^"\\\n]{0,6}"|[0-9_.+]{1,6}|\[ ?("a" ?,? ?)*\]|\{ ?(b ?= ?1 ?,? ?)*\}|'''\n?x?'''|true)( ?#[^\n]{0,5})?\n|\[\[?[a-z.]{1,8}\]\]?( #x)?\n|#[^\n]{0,6}\n|\n| +){0,12}"#) {
            if let Ok(once) = format_text(&text, FileKind::Pilier) {
                proptest::prop_assert_eq!(format_text(&once, FileKind::Pilier), Ok(once.clone()));
            }
        }
    }

    #[test]
    fn syntax_errors_are_refused() {
        assert!(matches!(
            format_text("pilier = ", FileKind::Pilier),
            Err(FormatError::Syntax(_))
        ));
    }
}
