//! The canonical form of one contract file (docs/FORMAT.md, "Canonical form").
//!
//! The file is parsed with `toml_edit` and the document is changed in place:
//! the keys of each table sorted by the spec's rank, values respelled, tables
//! switched between their inline and `[header]` forms, and the whitespace
//! around everything rewritten. Comments live in that whitespace (the
//! "decor" of keys, values and headers); formatting reads each piece of it
//! into its comments and blank lines and writes the comments back with new
//! whitespace, so a comment stays beside what it was written beside, by
//! construction. Unknown tables keep their shape and their place.

use toml_edit::{
    Array, ArrayOfTables, Decor, DocumentMut, InlineTable, Item, Key, KeyMut, RawString, Table,
    Value,
};

use crate::model::{CodeKind, Money, Tree};
use crate::spec::{Shape, Spec, TableSpec};

pub use crate::spec::FileKind;

/// Arrays stay on one line while the whole line fits in this many characters.
pub const WIDTH: usize = 100;

/// Why a file was left as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("not valid TOML: {0}")]
    Syntax(String),
    /// A safety net: what fmt would write must parse again.
    #[error(
        "the formatted file would not parse ({0}); nothing was written. This is a bug of `contrat fmt`: please report it"
    )]
    Unreadable(String),
}

/// The canonical form of one file's text, of the built-in format.
pub fn format_text(text: &str, kind: FileKind) -> Result<String, FormatError> {
    format_with(text, Spec::builtin().file(kind))
}

/// The canonical form of one file of a contract whose format is `spec`.
pub fn format_in(text: &str, kind: FileKind, spec: &Spec) -> Result<String, FormatError> {
    let _tree = TreeScope::enter(&spec.tree);
    format_with(text, spec.file(kind))
}

thread_local! {
    /// The tree codes are respelled by, while a file of its contract is
    /// formatted: only the leaves of a deep walk need it.
    static TREE: std::cell::RefCell<Option<Tree>> = const { std::cell::RefCell::new(None) };
}

/// The tree of the file being formatted, for as long as this lives.
struct TreeScope;

impl TreeScope {
    fn enter(tree: &Tree) -> TreeScope {
        TREE.with(|t| *t.borrow_mut() = Some(tree.clone()));
        TreeScope
    }
}

impl Drop for TreeScope {
    fn drop(&mut self) {
        TREE.with(|t| *t.borrow_mut() = None);
    }
}

/// A code written loosely (`p1.2.3`) in its canonical spelling (`P 1.2.3`),
/// if it reads as one of `kinds` in the tree of the file being formatted
/// (the default tree otherwise).
fn canonical_code(text: &str, kinds: &[CodeKind]) -> Option<String> {
    TREE.with(|t| {
        let scoped = t.borrow();
        let default = Tree::default();
        let tree = scoped.as_ref().unwrap_or(&default);
        let code = tree.read_loose(text).ok()?;
        code.into_iter()
            .find(|c| kinds.contains(&c.kind()))
            .map(|c| c.to_string())
    })
}

/// The canonical form of a file whose root table is described by `file`.
pub fn format_with(text: &str, file: &TableSpec) -> Result<String, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parsed = toml_edit::Document::parse(text)
        .map_err(|e: toml_edit::TomlError| FormatError::Syntax(e.message().to_owned()))?;
    let crlf = first_line_end(&parsed).is_some_and(|i| text[..i].ends_with('\r'));
    let mut doc = parsed.into_mut();
    let top = take_top(&mut doc);
    format_table(doc.as_table_mut(), Ctx::Spec(file), 0);
    order_sections(&mut doc, file);
    ends(&mut doc, &top);
    let mut out = doc.to_string();
    if crlf {
        out = with_crlf(&out)?;
    }
    // Never write a file the reader could not read back.
    toml::de::DeTable::parse(&out).map_err(|e| FormatError::Unreadable(e.message().to_owned()))?;
    Ok(out)
}

/// Where the file's first line end is: the file keeps that line end. The
/// line ends inside a multi-line string are the string's, not the file's.
fn first_line_end(doc: &toml_edit::Document<&str>) -> Option<usize> {
    let text = doc.raw();
    let strings = multiline_spans(doc);
    text.match_indices('\n')
        .map(|(i, _)| i)
        .find(|i| !strings.iter().any(|s| s.contains(i)))
}

/// The spans of the multi-line strings of a parsed text, in order.
fn multiline_spans(doc: &toml_edit::Document<&str>) -> Vec<std::ops::Range<usize>> {
    let mut strings = Vec::new();
    multiline_strings(doc.as_table(), doc.raw(), &mut strings);
    strings.sort_by_key(|s| s.start);
    strings
}

/// `text` with CRLF line ends, multi-line strings kept byte for byte: the
/// parser says where they are.
fn with_crlf(text: &str) -> Result<String, FormatError> {
    let doc = toml_edit::Document::parse(text)
        .map_err(|e| FormatError::Unreadable(e.message().to_owned()))?;
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut at = 0;
    for span in multiline_spans(&doc) {
        if span.start < at {
            continue;
        }
        out.push_str(&text[at..span.start].replace('\n', "\r\n"));
        out.push_str(&text[span.clone()]);
        at = span.end;
    }
    out.push_str(&text[at..].replace('\n', "\r\n"));
    Ok(out)
}

fn multiline_strings(t: &Table, text: &str, out: &mut Vec<std::ops::Range<usize>>) {
    for (_, item) in t.iter() {
        match item {
            Item::Value(v) => multiline_value(v, text, out),
            Item::Table(sub) => multiline_strings(sub, text, out),
            Item::ArrayOfTables(entries) => {
                for sub in entries.iter() {
                    multiline_strings(sub, text, out);
                }
            }
            Item::None => {}
        }
    }
}

fn multiline_value(v: &Value, text: &str, out: &mut Vec<std::ops::Range<usize>>) {
    match v {
        Value::String(_) => {
            if let Some(span) = v.span()
                && text
                    .get(span.clone())
                    .is_some_and(|s| s.starts_with("\"\"\"") || s.starts_with("'''"))
            {
                out.push(span);
            }
        }
        Value::Array(a) => a.iter().for_each(|item| multiline_value(item, text, out)),
        Value::InlineTable(t) => t
            .iter()
            .for_each(|(_, item)| multiline_value(item, text, out)),
        _ => {}
    }
}

/// What a table's keys are, for their order and the spelling of their values.
#[derive(Clone, Copy)]
enum Ctx<'s> {
    /// A table of the format: keys in the spec's order.
    Spec(&'s TableSpec),
    /// A map (`[funders]`): any key, each value of one shape, in the order
    /// written.
    Map(&'s Shape),
    /// A table the format does not describe: keys in the order written.
    Free,
}

impl<'s> Ctx<'s> {
    fn shape(self, key: &str) -> Option<&'s Shape> {
        match self {
            Ctx::Spec(t) => t.key(key).map(|k| &k.shape),
            Ctx::Map(shape) => Some(shape),
            Ctx::Free => None,
        }
    }

    /// Unknown keys come after the known ones.
    fn rank(self, key: &str) -> usize {
        match self {
            Ctx::Spec(t) => t.rank(key).unwrap_or(usize::MAX),
            _ => 0,
        }
    }

    /// The context of the table under `key`.
    fn below(self, key: &str) -> Ctx<'s> {
        ctx_of(self.shape(key))
    }
}

fn ctx_of(shape: Option<&Shape>) -> Ctx<'_> {
    match shape {
        Some(Shape::Map { value, .. } | Shape::InlineMap { value, .. }) => Ctx::Map(value),
        Some(shape) => shape.table().map_or(Ctx::Free, Ctx::Spec),
        None => Ctx::Free,
    }
}

/// One line of a comment block.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Line {
    Comment(String),
    /// One blank line between two groups of comments.
    Blank,
}

/// The comments of a piece of whitespace and the blank lines around them.
#[derive(Debug, Default)]
struct Block {
    /// The comment that ends the line the whitespace starts in, when it starts
    /// after something (a value, `[`, `,`).
    eol: Option<String>,
    /// Comments on lines of their own; runs of blank lines between them are one.
    lines: Vec<Line>,
    /// A blank line stood before the first comment line.
    blank_before: bool,
    /// A blank line stood after the last comment line.
    blank_after: bool,
}

impl Block {
    /// `midline`: the whitespace starts after something on its line, so its
    /// text up to the first line end is that line's end.
    fn parse(raw: Option<&RawString>, midline: bool) -> Block {
        let text = raw.and_then(RawString::as_str).unwrap_or("");
        let pieces: Vec<&str> = text.split('\n').collect();
        let last = pieces.len() - 1;
        let mut block = Block::default();
        let mut blank = false;
        for (i, piece) in pieces.iter().enumerate() {
            // Whitespace holds nothing but blanks, line ends and comments.
            let piece = piece.trim();
            let rest_of_line = i == 0 && midline;
            if piece.starts_with('#') {
                if rest_of_line {
                    block.eol = Some(piece.to_owned());
                    continue;
                }
                if blank {
                    match block.lines.is_empty() {
                        true => block.blank_before = true,
                        false => block.lines.push(Line::Blank),
                    }
                }
                blank = false;
                block.lines.push(Line::Comment(piece.to_owned()));
            } else if !rest_of_line && i != last {
                blank = true;
            }
        }
        block.blank_after = blank && !block.lines.is_empty();
        block
    }

    /// Its comments in order, the end-of-line one first.
    fn comments(&self) -> Vec<String> {
        let mut out: Vec<String> = self.eol.iter().cloned().collect();
        out.extend(self.line_comments());
        out
    }

    /// Its comments on lines of their own.
    fn line_comments(&self) -> Vec<String> {
        self.lines
            .iter()
            .filter_map(|l| match l {
                Line::Comment(c) => Some(c.clone()),
                Line::Blank => None,
            })
            .collect()
    }

    fn has_lines(&self) -> bool {
        !self.lines.is_empty()
    }
}

/// Every comment of a decor, in order, for moving it elsewhere.
fn gather(decor: &Decor, out: &mut Vec<String>) {
    out.extend(Block::parse(decor.prefix(), true).comments());
    out.extend(Block::parse(decor.suffix(), true).comments());
}

/// Every comment inside an inline table, in order.
fn gather_inline(t: &InlineTable, out: &mut Vec<String>) {
    for (key, value) in t.iter().filter_map(|(k, _)| t.get_key_value(k)) {
        gather(key.leaf_decor(), out);
        gather(key.dotted_decor(), out);
        if let Item::Value(v) = value {
            gather_value(v, out);
        }
    }
    out.extend(Block::parse(Some(t.trailing()), true).comments());
}

fn gather_value(v: &Value, out: &mut Vec<String>) {
    out.extend(Block::parse(v.decor().prefix(), true).comments());
    match v {
        Value::Array(a) => {
            for item in a.iter() {
                gather_value(item, out);
            }
            out.extend(Block::parse(Some(a.trailing()), true).comments());
        }
        Value::InlineTable(t) => gather_inline(t, out),
        _ => {}
    }
    out.extend(Block::parse(v.decor().suffix(), true).comments());
}

/// ` # comment`, or nothing.
fn eol_text(comment: Option<&str>) -> String {
    comment.map(|c| format!(" {c}")).unwrap_or_default()
}

/// How an array is laid out: where it starts, how deep it is, and whether it
/// stands inside an inline table (where everything is on one line).
#[derive(Clone, Copy)]
struct Layout {
    column: usize,
    depth: usize,
    inline: bool,
}

/// The comments of an array, by the item they belong to.
#[derive(Debug, Default)]
struct Sequence {
    /// After `[`, on its line.
    after_open: Option<String>,
    /// Comment lines above each item.
    above: Vec<Vec<String>>,
    /// The comment at the end of each item's line.
    eol: Vec<Option<String>>,
    /// Comment lines before `]`.
    end: Vec<String>,
}

impl Sequence {
    /// A comment after a comma ends the line of the item before it, when the
    /// comma is on that item's line and the line has no comment yet.
    fn read(a: &Array) -> Sequence {
        enum Open {
            Bracket,
            Item(usize),
            Closed,
        }
        let mut seq = Sequence {
            above: vec![Vec::new(); a.len()],
            eol: vec![None; a.len()],
            ..Sequence::default()
        };
        let mut open = Open::Bracket;
        let mut pending: Vec<String> = Vec::new();
        let take_eol = |open: &mut Open, seq: &mut Sequence, pending: &mut Vec<String>, c| {
            match std::mem::replace(open, Open::Closed) {
                Open::Bracket => seq.after_open = Some(c),
                Open::Item(j) => seq.eol[j] = Some(c),
                Open::Closed => pending.push(c),
            }
        };
        for (i, v) in a.iter().enumerate() {
            let prefix = Block::parse(v.decor().prefix(), true);
            if let Some(c) = prefix.eol.clone() {
                take_eol(&mut open, &mut seq, &mut pending, c);
            }
            pending.extend(prefix.line_comments());
            seq.above[i] = std::mem::take(&mut pending);
            let suffix = Block::parse(v.decor().suffix(), true);
            seq.eol[i] = suffix.eol.clone();
            open = match (&seq.eol[i], suffix.has_lines()) {
                (None, false) => Open::Item(i),
                _ => Open::Closed,
            };
            pending.extend(suffix.line_comments());
        }
        let trailing = Block::parse(Some(a.trailing()), true);
        if let Some(c) = trailing.eol.clone() {
            take_eol(&mut open, &mut seq, &mut pending, c);
        }
        pending.extend(trailing.line_comments());
        seq.end = pending;
        seq
    }

    fn is_empty(&self) -> bool {
        self.after_open.is_none()
            && self.above.iter().all(Vec::is_empty)
            && self.eol.iter().all(Option::is_none)
            && self.end.is_empty()
    }

    /// Every comment, in order.
    fn into_comments(self) -> Vec<String> {
        let mut out: Vec<String> = self.after_open.into_iter().collect();
        for (above, eol) in self.above.into_iter().zip(self.eol) {
            out.extend(above);
            out.extend(eol);
        }
        out.extend(self.end);
        out
    }
}

// The whitespace of a document is written here with LF line ends:
// `toml_edit` writes its own and drops any `\r` from whitespace. A CRLF file
// gets its line ends back at the end ([`with_crlf`]).

fn lines_text(lines: &[Line], indent: &str) -> String {
    let mut out = String::new();
    for line in lines {
        if let Line::Comment(c) = line {
            out.push_str(indent);
            out.push_str(c);
        }
        out.push('\n');
    }
    out
}

fn comments_text(comments: &[String], indent: &str) -> String {
    comments.iter().map(|c| format!("{indent}{c}\n")).collect()
}

/// Takes the comment block at the very top of the file: it is about the
/// file and stays at the top, whichever key it happens to stand above.
fn take_top(doc: &mut DocumentMut) -> Block {
    let root = doc.as_table_mut();
    if let Some(path) = first_line(root) {
        if let Some(mut key) = leaf_key_mut(root, &path) {
            let block = Block::parse(key.leaf_decor().prefix(), false);
            key.leaf_decor_mut().set_prefix("");
            return block;
        }
    } else if let Some(header) = first_header(root) {
        let block = Block::parse(header.decor().prefix(), false);
        header.decor_mut().set_prefix("");
        return block;
    }
    Block::default()
}

/// The keys of a table in canonical form, its sections too.
/// `column`: the width of the dotted key before the table's own keys.
fn format_table(t: &mut Table, ctx: Ctx<'_>, column: usize) {
    if let Ctx::Spec(spec) = ctx {
        let names: Vec<String> = t.iter().map(|(k, _)| k.to_owned()).collect();
        for name in names {
            if let Some(key) = spec.key(&name) {
                reshape(t, &name, &key.shape);
            }
        }
    }
    for (mut key, item) in t.iter_mut() {
        let name = key.get().to_owned();
        let width = column + key_text(&name).chars().count();
        match item {
            Item::Value(v) => format_line(&mut key, v, ctx.shape(&name), width + 3),
            Item::Table(sub) => {
                header_key(&mut key);
                if sub.is_dotted() {
                    format_table(sub, ctx.below(&name), width + 1);
                } else {
                    format_header(sub);
                    format_table(sub, ctx.below(&name), 0);
                }
            }
            Item::ArrayOfTables(entries) => {
                header_key(&mut key);
                for sub in entries.iter_mut() {
                    format_header(sub);
                    format_table(sub, ctx.below(&name), 0);
                }
            }
            Item::None => {}
        }
    }
    rebuild(t, ctx);
}

/// A `[header]` line: one blank line before it, then its comments.
fn format_header(t: &mut Table) {
    let block = Block::parse(t.decor().prefix(), false);
    let eol = Block::parse(t.decor().suffix(), true).eol;
    let mut prefix = String::from('\n');
    prefix.push_str(&lines_text(&block.lines, ""));
    if block.blank_after {
        prefix.push('\n');
    }
    t.decor_mut().set_prefix(prefix);
    t.decor_mut().set_suffix(eol_text(eol.as_deref()));
}

/// A `key = value` line: its comments above it, its own at its end.
fn format_line(key: &mut KeyMut<'_>, v: &mut Value, shape: Option<&Shape>, column: usize) {
    let above = Block::parse(key.leaf_decor().prefix(), false);
    let eol = Block::parse(v.decor().suffix(), true).eol;
    let mut hoisted = Vec::new();
    let layout = Layout {
        column,
        depth: 0,
        inline: false,
    };
    format_value(v, shape, false, layout, &mut hoisted);
    let mut prefix = lines_text(&above.lines, "");
    prefix.push_str(&comments_text(&hoisted, ""));
    *key.leaf_decor_mut() = Decor::new(prefix, " ");
    *key.dotted_decor_mut() = Decor::new("", "");
    *v.decor_mut() = Decor::new(" ", eol_text(eol.as_deref()));
}

/// A value in its canonical spelling and layout. `item`: it is an item of
/// an array of this shape. Comments that cannot stay where they are (in
/// an inline table) go to `hoist`. Returns whether it spans several lines.
fn format_value(
    v: &mut Value,
    shape: Option<&Shape>,
    item: bool,
    layout: Layout,
    hoist: &mut Vec<String>,
) -> bool {
    match v {
        Value::String(s) => {
            let raw = s.as_repr().and_then(|r| r.as_raw().as_str());
            if raw.is_some_and(|r| r.starts_with("\"\"\"") || r.starts_with("'''")) {
                return false;
            }
            let kinds: &[CodeKind] = match (shape, item) {
                (Some(Shape::Code { kind, .. }), false) => std::slice::from_ref(kind),
                (Some(Shape::Codes { kinds, .. }), true) => kinds,
                _ => &[],
            };
            let code = (!kinds.is_empty())
                .then(|| canonical_code(s.value(), kinds))
                .flatten();
            let text = string_text(code.as_deref().unwrap_or(s.value()));
            respell(v, &text);
        }
        Value::Integer(i) => {
            let text = i.value().to_string();
            respell(v, &text);
        }
        Value::Float(f) => {
            if let (Some(Shape::Money), false) = (shape, item) {
                let raw = f.as_repr().and_then(|r| r.as_raw().as_str());
                if let Some(money) = raw.and_then(|r| Money::parse_decimal(r).ok()) {
                    respell(v, &money.to_string());
                }
            }
        }
        Value::Boolean(_) | Value::Datetime(_) => {}
        Value::Array(a) => return format_array(a, shape, layout, hoist),
        Value::InlineTable(t) => {
            let ctx = match shape {
                Some(Shape::InlineTables(t)) if item => Ctx::Spec(t),
                _ if item => Ctx::Free,
                _ => ctx_of(shape),
            };
            format_inline_table(t, ctx, hoist);
        }
    }
    false
}

/// On one line when it fits and holds no comment and no table; otherwise
/// one item per line, each comment kept beside its item.
fn format_array(
    a: &mut Array,
    shape: Option<&Shape>,
    layout: Layout,
    hoist: &mut Vec<String>,
) -> bool {
    let mut seq = Sequence::read(a);
    let mut multi = false;
    let inner = Layout {
        column: 0,
        depth: layout.depth + 1,
        inline: layout.inline,
    };
    for (i, v) in a.iter_mut().enumerate() {
        // Comments inside an inline table item go above the item.
        let mut above = Vec::new();
        multi |= format_value(v, shape, true, inner, &mut above);
        seq.above[i].extend(above);
    }
    let tables =
        a.iter().any(Value::is_inline_table) || matches!(shape, Some(Shape::InlineTables(_)));
    if layout.inline {
        hoist.extend(seq.into_comments());
        one_line(a);
        return false;
    }
    if seq.is_empty() && !multi {
        one_line(a);
        if a.is_empty() || (layout.depth > 0 && !tables) {
            return false;
        }
        let decor = std::mem::take(a.decor_mut());
        let width = layout.column + a.to_string().chars().count();
        *a.decor_mut() = decor;
        if !tables && width <= WIDTH {
            return false;
        }
    }
    let indent = "  ".repeat(layout.depth + 1);
    let mut open = seq.after_open.clone();
    for (i, v) in a.iter_mut().enumerate() {
        let mut prefix = eol_text(open.as_deref());
        prefix.push('\n');
        prefix.push_str(&comments_text(&seq.above[i], &indent));
        prefix.push_str(&indent);
        *v.decor_mut() = Decor::new(prefix, "");
        open = seq.eol[i].clone();
    }
    let mut trailing = eol_text(open.as_deref());
    trailing.push('\n');
    trailing.push_str(&comments_text(&seq.end, &indent));
    trailing.push_str(&"  ".repeat(layout.depth));
    a.set_trailing(trailing);
    a.set_trailing_comma(!a.is_empty());
    true
}

/// `{ key = value, … }` on one line, keys in canonical order; comments
/// inside go to `hoist`.
fn format_inline_table(t: &mut InlineTable, ctx: Ctx<'_>, hoist: &mut Vec<String>) {
    inline_entries(t, ctx, hoist);
    hoist.extend(Block::parse(Some(t.trailing()), true).comments());
    t.set_trailing(if t.is_empty() { "" } else { " " });
    t.set_trailing_comma(false);
}

fn inline_entries(t: &mut InlineTable, ctx: Ctx<'_>, hoist: &mut Vec<String>) {
    for (mut key, v) in t.iter_mut() {
        let name = key.get().to_owned();
        gather(key.leaf_decor(), hoist);
        gather(key.dotted_decor(), hoist);
        *key.leaf_decor_mut() = Decor::new(" ", " ");
        *key.dotted_decor_mut() = Decor::new("", "");
        if let Value::InlineTable(dotted) = v
            && dotted.is_dotted()
        {
            inline_entries(dotted, ctx.below(&name), hoist);
            continue;
        }
        let mut own = Vec::new();
        gather(v.decor(), &mut own);
        hoist.extend(own);
        let layout = Layout {
            column: 0,
            depth: 0,
            inline: true,
        };
        format_value(v, ctx.shape(&name), false, layout, hoist);
        *v.decor_mut() = Decor::new(" ", "");
    }
    rebuild(t, ctx);
}

/// A key written in another form than the format's takes the format's:
/// `[period]` becomes `period = { … }`, `funding = { … }` or
/// `funding.etat = …` becomes `[action.funding]`, an inline array of
/// tables becomes `[[…]]` entries and the other way round for
/// `protocole`. Only a table whose values are plain is made inline, so
/// the output is never deeper than the input.
fn reshape(t: &mut Table, name: &str, shape: &Shape) {
    let key_block = t
        .key(name)
        .map(|k| Block::parse(k.leaf_decor().prefix(), false))
        .unwrap_or_default();
    let Some(item) = t.get_mut(name) else {
        return;
    };
    let mut above = Vec::new();
    let mut moved = false;
    let new = match (shape, std::mem::take(item)) {
        (Shape::Inline(_) | Shape::InlineMap { .. }, Item::Table(table)) if is_flat(&table) => {
            let mut eol = None;
            if !table.is_dotted() {
                above.extend(Block::parse(table.decor().prefix(), false).comments());
                eol = Block::parse(table.decor().suffix(), true).eol;
            }
            // The first comment at the end of a line of the table ends
            // the one line it becomes; the others go above it.
            for (key, value) in table.iter().filter_map(|(k, _)| table.get_key_value(k)) {
                above.extend(Block::parse(key.leaf_decor().prefix(), false).comments());
                if let Item::Value(v) = value {
                    let line_end = Block::parse(v.decor().suffix(), true).eol;
                    match eol {
                        None => eol = line_end,
                        Some(_) => above.extend(line_end),
                    }
                }
            }
            let inline = table.into_inline_table();
            Item::Value(Value::InlineTable(inline).decorated("", eol_text(eol.as_deref())))
        }
        (Shape::Map { .. } | Shape::Table(_), Item::Value(Value::InlineTable(inline))) => {
            let mut comments = key_block.comments();
            let eol = Block::parse(inline.decor().suffix(), true).eol;
            gather_inline(&inline, &mut comments);
            let mut table = section(inline.into_table());
            table.decor_mut().set_prefix(comments_text(&comments, ""));
            table.decor_mut().set_suffix(eol_text(eol.as_deref()));
            moved = true;
            Item::Table(table)
        }
        (Shape::Map { .. } | Shape::Table(_), Item::Table(table)) if table.is_dotted() => {
            Item::Table(section(table))
        }
        (Shape::Tables(_), Item::Value(Value::Array(array)))
            if !array.is_empty() && array.iter().all(Value::is_inline_table) =>
        {
            let mut seq = Sequence::read(&array);
            let mut first = key_block.comments();
            first.extend(seq.after_open.take());
            // The comment after `]` goes with the comments before it.
            seq.end
                .extend(Block::parse(array.decor().suffix(), true).comments());
            let count = array.len();
            let mut entries = ArrayOfTables::new();
            let mut values = array.into_iter();
            for i in 0..count {
                let Some(Value::InlineTable(inline)) = values.next() else {
                    continue;
                };
                let mut comments = if i == 0 {
                    std::mem::take(&mut first)
                } else {
                    Vec::new()
                };
                comments.append(&mut seq.above[i]);
                gather_inline(&inline, &mut comments);
                if i + 1 == count {
                    comments.append(&mut seq.end);
                }
                let mut table = section(inline.into_table());
                table.decor_mut().set_prefix(comments_text(&comments, ""));
                table
                    .decor_mut()
                    .set_suffix(eol_text(seq.eol[i].as_deref()));
                entries.push(table);
            }
            moved = true;
            Item::ArrayOfTables(entries)
        }
        (Shape::InlineTables(_), Item::ArrayOfTables(entries))
            if entries
                .iter()
                .all(|e| is_flat(e) && e.iter().next().is_some()) =>
        {
            // The comments are written into the items' whitespace as a
            // file would hold them, for the array's layout to place.
            let mut array = Array::new();
            let mut open = String::new();
            for table in entries.into_iter() {
                let mut comments = Block::parse(table.decor().prefix(), false).comments();
                let eol = Block::parse(table.decor().suffix(), true).eol;
                for (key, value) in table.iter().filter_map(|(k, _)| table.get_key_value(k)) {
                    comments.extend(Block::parse(key.leaf_decor().prefix(), false).comments());
                    if let Item::Value(v) = value {
                        gather(v.decor(), &mut comments);
                    }
                }
                let prefix = format!("{open}\n{}", comments_text(&comments, ""));
                let value = Value::InlineTable(table.into_inline_table()).decorated(prefix, "");
                array.push_formatted(value);
                open = eol_text(eol.as_deref());
            }
            array.set_trailing(format!("{open}\n"));
            array.set_trailing_comma(true);
            Item::Value(Value::Array(array))
        }
        (_, other) => other,
    };
    *item = new;
    if moved {
        clear_prefix(t, name);
    }
    if !above.is_empty() {
        let mut comments = key_block.comments();
        comments.extend(above);
        if let Some(mut key) = t.key_mut(name) {
            key.leaf_decor_mut()
                .set_prefix(comments_text(&comments, ""));
        }
    }
}

/// The top comment block on the first line written, and the comments
/// after the last.
fn ends(doc: &mut DocumentMut, top: &Block) {
    let mut top_text = lines_text(&top.lines, "");
    if top.blank_after {
        top_text.push('\n');
    }
    let root = doc.as_table_mut();
    let mut any = true;
    if let Some(path) = first_line(root) {
        if let Some(mut key) = leaf_key_mut(root, &path) {
            let own = key
                .leaf_decor()
                .prefix()
                .and_then(RawString::as_str)
                .unwrap_or("")
                .to_owned();
            key.leaf_decor_mut().set_prefix(top_text + &own);
        }
    } else if let Some(header) = first_header(root) {
        // No blank line before the first header of a file.
        let own = Block::parse(header.decor().prefix(), false);
        let mut prefix = top_text + &lines_text(&own.lines, "");
        if own.blank_after {
            prefix.push('\n');
        }
        header.decor_mut().set_prefix(prefix);
    } else {
        any = false;
    }
    let trailing = Block::parse(Some(doc.trailing()), false);
    let mut text = String::new();
    if trailing.has_lines() {
        if trailing.blank_before && any {
            text.push('\n');
        }
        text.push_str(&lines_text(&trailing.lines, ""));
    }
    doc.set_trailing(text);
}

/// A value written anew in `text`, its whitespace kept.
fn respell(v: &mut Value, text: &str) {
    let raw = match &*v {
        Value::String(f) => f.as_repr(),
        Value::Integer(f) => f.as_repr(),
        Value::Float(f) => f.as_repr(),
        _ => None,
    };
    if raw.and_then(|r| r.as_raw().as_str()) == Some(text) {
        return;
    }
    if let Ok(new) = text.parse::<Value>() {
        let decor = v.decor().clone();
        *v = new;
        *v.decor_mut() = decor;
    }
}

fn one_line(a: &mut Array) {
    for (i, v) in a.iter_mut().enumerate() {
        *v.decor_mut() = Decor::new(if i == 0 { "" } else { " " }, "");
    }
    a.set_trailing("");
    a.set_trailing_comma(false);
}

/// The key of a header or of a dotted table: no space inside `[a.b]` or `a.b`.
fn header_key(key: &mut KeyMut<'_>) {
    *key.leaf_decor_mut() = Decor::new("", "");
    *key.dotted_decor_mut() = Decor::new("", "");
}

fn clear_prefix(t: &mut Table, name: &str) {
    if let Some(mut key) = t.key_mut(name) {
        key.leaf_decor_mut().set_prefix("");
    }
}

/// Only plain values: such a table can be written inline without nesting
/// anything deeper than it was.
fn is_flat(t: &Table) -> bool {
    t.iter()
        .all(|(_, item)| matches!(item, Item::Value(v) if !v.is_array() && !v.is_inline_table()))
}

/// A table made a `[header]` section, placed by [`order_sections`]. Dotted
/// keys of a former inline table become dotted lines.
fn section(mut t: Table) -> Table {
    t.set_dotted(false);
    t.set_implicit(false);
    t.set_position(None);
    dotted_lines(&mut t);
    t
}

fn dotted_lines(t: &mut Table) {
    for (_, item) in t.iter_mut() {
        if matches!(item, Item::Value(Value::InlineTable(i)) if i.is_dotted())
            && let Item::Value(Value::InlineTable(inline)) = std::mem::take(item)
        {
            let mut table = inline.into_table();
            table.set_dotted(true);
            dotted_lines(&mut table);
            *item = Item::Table(table);
        }
    }
}

/// What [`rebuild`] does to a table's keys, which `Table` and `InlineTable`
/// both offer but `TableLike` does not: one rebuild serves both.
trait Entries {
    type Entry;
    fn names(&self) -> Vec<String>;
    fn take(&mut self, name: &str) -> Option<(Key, Self::Entry)>;
    fn put(&mut self, key: &Key, entry: Self::Entry);
}

macro_rules! entries {
    ($table:ty, $entry:ty) => {
        impl Entries for $table {
            type Entry = $entry;
            fn names(&self) -> Vec<String> {
                self.iter().map(|(k, _)| k.to_owned()).collect()
            }
            fn take(&mut self, name: &str) -> Option<(Key, $entry)> {
                self.remove_entry(name)
            }
            fn put(&mut self, key: &Key, entry: $entry) {
                self.insert_formatted(key, entry);
            }
        }
    };
}

entries!(Table, Item);
entries!(InlineTable, Value);

/// The keys of a table in canonical order, each spelled canonically.
fn rebuild<T: Entries>(t: &mut T, ctx: Ctx<'_>) {
    let names = t.names();
    // From the end, so that each removal shifts nothing.
    let mut entries: Vec<(Key, T::Entry)> = names.iter().rev().filter_map(|n| t.take(n)).collect();
    entries.reverse();
    entries.sort_by_key(|(k, _)| ctx.rank(k.get()));
    for (key, entry) in entries {
        t.put(&canonical_key(&key), entry);
    }
}

fn canonical_key(key: &Key) -> Key {
    let spelled: Key = key_text(key.get())
        .parse()
        .unwrap_or_else(|_| Key::new(key.get()));
    spelled
        .with_leaf_decor(key.leaf_decor().clone())
        .with_dotted_decor(key.dotted_decor().clone())
}

/// The key path of the first `key = value` line of a table's body.
fn first_line(t: &Table) -> Option<Vec<String>> {
    for (name, item) in t.iter() {
        match item {
            Item::Value(_) => return Some(vec![name.to_owned()]),
            Item::Table(sub) if sub.is_dotted() => {
                if let Some(mut path) = first_line(sub) {
                    path.insert(0, name.to_owned());
                    return Some(path);
                }
            }
            _ => {}
        }
    }
    None
}

fn leaf_key_mut<'t>(t: &'t mut Table, path: &[String]) -> Option<KeyMut<'t>> {
    let (last, parents) = path.split_last()?;
    let mut t = t;
    for name in parents {
        t = t.get_mut(name)?.as_table_mut()?;
    }
    t.key_mut(last)
}

/// The header written first: the shown one of lowest position.
fn first_header(root: &mut Table) -> Option<&mut Table> {
    let mut first: Option<isize> = None;
    visit_headers(root, &mut |t| {
        if let Some(position) = t.position().filter(|_| shown(t)) {
            first = Some(first.map_or(position, |f| f.min(position)));
        }
    });
    header_at(root, first?)
}

fn header_at(t: &mut Table, position: isize) -> Option<&mut Table> {
    for (_, item) in t.iter_mut() {
        let subs: Vec<&mut Table> = match item {
            Item::Table(sub) => vec![sub],
            Item::ArrayOfTables(entries) => entries.iter_mut().collect(),
            _ => Vec::new(),
        };
        for sub in subs {
            if !sub.is_dotted() && sub.position() == Some(position) && shown(sub) {
                return Some(sub);
            }
            if let Some(found) = header_at(sub, position) {
                return Some(found);
            }
        }
    }
    None
}

/// A table `toml_edit` writes a header for.
fn shown(t: &Table) -> bool {
    !(t.is_implicit() && t.get_values().is_empty())
}

/// Walks the tables `toml_edit` writes a header for, in document order (a
/// dotted table is only walked through: its keys are lines of its parent).
/// One walk, written for shared and for mutable tables alike.
macro_rules! header_walk {
    ($name:ident, $iter:ident $(, $mutable:tt)?) => {
        fn $name(t: &$($mutable)? Table, f: &mut impl FnMut(&$($mutable)? Table)) {
            for (_, item) in t.$iter() {
                match item {
                    Item::Table(sub) => {
                        if !sub.is_dotted() {
                            f(sub);
                        }
                        $name(sub, f);
                    }
                    Item::ArrayOfTables(entries) => {
                        for sub in entries.$iter() {
                            f(sub);
                            $name(sub, f);
                        }
                    }
                    _ => {}
                }
            }
        }
    };
}

header_walk!(visit_headers, iter);
header_walk!(visit_headers_mut, iter_mut, mut);

/// Where a header goes: after the header it is anchored to, sections of an
/// entry in the spec's order, then by the position it was written at.
type Place = (isize, usize, isize, usize);

/// Sections keep the order they were written in, but for those the format
/// places: the sub-tables of an entry (`[action.funding]`,
/// `[[action.indicator]]`) follow its keys in the spec's order, and a section
/// made from an inline or dotted table goes where its key was.
fn order_sections(doc: &mut DocumentMut, file: &TableSpec) {
    let mut places = Vec::new();
    collect_places(doc.as_table(), Ctx::Spec(file), 0, false, &mut places);
    let mut order: Vec<usize> = (0..places.len()).collect();
    order.sort_by_key(|&i| places[i]);
    let mut positions = vec![0; places.len()];
    for (rank, &i) in order.iter().enumerate() {
        positions[i] = rank as isize + 1;
    }
    let mut next = 0;
    visit_headers_mut(doc.as_table_mut(), &mut |t| {
        t.set_position(positions.get(next).copied());
        next += 1;
    });
}

/// The places of the headers below `t`, in [`visit_headers`] order.
/// `anchor`: the position of the header `t` is in; `entry`: `t` is an entry
/// whose known sections follow its keys in the spec's order.
fn collect_places(t: &Table, ctx: Ctx<'_>, anchor: isize, entry: bool, out: &mut Vec<Place>) {
    for (name, item) in t.iter() {
        let rank = match ctx {
            Ctx::Spec(spec) => spec
                .key(name)
                .filter(|k| k.shape.is_section())
                .and_then(|_| spec.rank(name)),
            _ => None,
        };
        let below = ctx.below(name);
        let subs: Vec<&Table> = match item {
            Item::Table(sub) => vec![sub],
            Item::ArrayOfTables(entries) => entries.iter().collect(),
            _ => Vec::new(),
        };
        for (i, sub) in subs.into_iter().enumerate() {
            if sub.is_dotted() {
                collect_places(sub, below, anchor, entry, out);
                continue;
            }
            // An implicit table (`action` of `[action.funding]`) stands
            // where its first header does: ranked at the top instead, it
            // would move once a run made it explicit (not idempotent).
            let position = if sub.is_implicit() {
                sub.position().or_else(|| first_position(sub))
            } else {
                sub.position()
            };
            let place = match (rank, position) {
                (Some(rank), position) if entry || position.is_none() => {
                    (anchor, rank + 1, position.unwrap_or(anchor), i)
                }
                (_, Some(position)) => (position, 0, position, i),
                (_, None) => (anchor, 0, anchor, i),
            };
            out.push(place);
            let is_entry = matches!(below, Ctx::Spec(_));
            collect_places(sub, below, position.unwrap_or(anchor), is_entry, out);
        }
    }
}

/// The position of the first header below `t`, in the file's order.
fn first_position(t: &Table) -> Option<isize> {
    let mut first: Option<isize> = None;
    visit_headers(t, &mut |sub| {
        if let Some(p) = sub.position() {
            first = Some(first.map_or(p, |f| f.min(p)));
        }
    });
    first
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::maps;

    fn pilier(text: &str) -> String {
        format_text(text, FileKind::Pilier).unwrap()
    }

    /// Found by the idempotence property: an implicit table (`priority`
    /// of `[[priority.protocole]]`) was ranked at the top, then, once the
    /// first run had made it a `[priority]` header, placed by position, so
    /// every run swapped it with `[action.funding]`.
    #[test]
    fn an_implicit_table_stays_where_its_first_header_is() {
        let once = pilier("[[priority.protocole]]\nbeneficiaries=''''''\n[action.funding]\n");
        assert_eq!(pilier(&once), once);
        assert!(
            once.find("[priority]") < once.find("[action.funding]"),
            "{once}"
        );
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
        // Written as `[[priority.protocole]]` entries, with their comments.
        let got = pilier(
            "pilier = 1\n[[priority]]\ncode = \"P 1.1.1\"\n# first\n[[priority.protocole]] # one\ntext = \"x\"\n[[priority.protocole]]\nmesure = 2\ntext = \"y\"\n",
        );
        assert_eq!(
            got,
            "pilier = 1\n\n[[priority]]\ncode = \"P 1.1.1\"\nprotocole = [\n  # first\n  { text = \"x\" }, # one\n  { text = \"y\", mesure = 2 },\n]\n"
        );
        assert_eq!(pilier(&got), got);
    }

    #[test]
    fn strings_quotes_and_escapes() {
        maps(
            string_text,
            [
                ("plain", "\"plain\""),
                ("say \"hi\"", "'say \"hi\"'"),
                ("it's \"x\"", "\"it's \\\"x\\\"\""),
                ("a\nb", "\"a\\nb\""),
            ],
        );
        maps(key_text, [("etat", "etat"), ("é", "\"é\"")]);
        let multi = "pilier = 1\ntitle = \"\"\"\nline one\nline two\"\"\"\n";
        assert_eq!(pilier(multi), multi);
    }

    #[test]
    fn bom_and_blank_lines() {
        let got = pilier(
            "\u{feff}\n\npilier = 1\n\n\ntitle = \"T\"   \n\n\n\n[[orientation]]\ncode = \"OS 1.1\"\n\n",
        );
        assert_eq!(
            got,
            "pilier = 1\ntitle = \"T\"\n\n[[orientation]]\ncode = \"OS 1.1\"\n"
        );
    }

    /// A CRLF file stays CRLF, everywhere: the lines fmt writes and the
    /// multi-line strings it keeps.
    #[test]
    fn crlf_files_stay_crlf() {
        let input = "pilier=1\r\ntitle = '''a\r\nb'''\r\nobjectives = [ # x\r\n 'a' ]\r\n\r\n\r\n[[orientation]] # o\r\n# c\r\ncode = \"OS1.1\"\r\n# end\r\n";
        let expected = "pilier = 1\r\ntitle = '''a\r\nb'''\r\nobjectives = [ # x\r\n  \"a\",\r\n]\r\n\r\n[[orientation]] # o\r\n# c\r\ncode = \"OS 1.1\"\r\n# end\r\n";
        assert_eq!(pilier(input), expected);
        assert_eq!(pilier(expected), expected);
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
        let inline = "title = 'x'\nfunders = { etat = 'État' } # the State\n[[transversal]]\ncode = 'OT 1'\n";
        assert_eq!(
            format_text(inline, FileKind::Contract).unwrap(),
            "title = \"x\"\n\n[funders] # the State\netat = \"État\"\n\n[[transversal]]\ncode = \"OT 1\"\n"
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
    fn comments_in_arrays_stay_beside_their_item() {
        let input = "pilier = 1\nobjectives = [ # first\n  \"a\", # after a\n  # before b\n  \"b\" # after b\n  , # lost?\n  # end\n] # closed\n";
        let got = pilier(input);
        assert_eq!(
            got,
            "pilier = 1\nobjectives = [ # first\n  \"a\", # after a\n  # before b\n  \"b\", # after b\n  # lost?\n  # end\n] # closed\n"
        );
        assert_eq!(pilier(&got), got);
    }

    #[test]
    fn a_declared_spec_orders_its_own_keys() {
        let mut spec = Spec::builtin().pilier.clone();
        spec.keys.swap(0, 1);
        assert_eq!(
            format_with("pilier = 1\ntitle = \"T\"\n", &spec).unwrap(),
            "title = \"T\"\npilier = 1\n"
        );
    }

    proptest::proptest! {
        /// Whatever the text, formatting gives a result or an error, never a
        /// panic; and what it gives formats to itself.
        #[test]
        fn never_panics_and_is_stable(text in r#"(([a-zé_-]{1,4}|title|code|text|mesure|publics|protocole|priorities|funding|funding\.etat|beneficiaries|beneficiaries\.planned|indicator|period|funders|labels) ?= ?("[^"\\\n]{0,6}"|[0-9_.+]{1,6}|\[ ?("a" ?,? ?(#x\n)?|\{ ?text ?= ?"t" ?\} ?,? ?(#y\n)?)*\]|\{ ?((b|etat|planned|text) ?= ?1 ?,? ?)*\}|'''\n?x?'''|true)( ?#[^\n]{0,5})?\r?\n|\[\[?([a-z.]{1,8}|action|priority|action\.funding|action\.beneficiaries|priority\.protocole|action\.indicator|period|funders)\]\]?( #x)?\r?\n|#[^\n]{0,6}\r?\n|\r?\n| +){0,12}"#) {
            for kind in FileKind::ALL {
                if let Ok(once) = format_text(&text, kind) {
                    proptest::prop_assert_eq!(format_text(&once, kind), Ok(once.clone()));
                }
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
