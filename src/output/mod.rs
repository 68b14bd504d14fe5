//! The one output pipeline. A command lays its result out once, as a [`Doc`]
//! of headings, paragraphs and typed [`table::Table`]s in the reader's words
//! ([`words`]); one emitter per [`Format`] turns it into bytes. Emitters
//! decide nothing about what counts: they lay out and escape.

pub mod escape;
pub mod number;
pub mod svg;
pub mod table;
pub mod words;

mod csv;
mod docx;
mod html;
mod json;
mod markdown;
pub mod terminal;
mod xlsx;

use crate::model::Language;
pub use svg::{Chart, Scale};
pub use table::{Cell, Column, Kind, Table};
pub use words::{Noun, Word, Words};

pub use html::notes as notes_html;
pub use markdown::chart_file;

/// Every output format of the tool. A command accepts those that fit what it
/// prints, and says which when given another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// A table for a person, fitted to the terminal
    #[value(alias = "human")]
    Table,
    /// Markdown (GitHub tables), for merge requests, git and pandoc
    Md,
    /// Comma-separated values with one header row, for spreadsheets and scripts
    Csv,
    /// One JSON document with a "version" field, for scripts
    Json,
    /// One self-contained HTML page
    Html,
    /// An Excel workbook (needs -o FILE)
    Xlsx,
    /// A Word document, which LibreOffice opens too (needs -o FILE)
    Docx,
    /// GitHub workflow annotations (`::error file=…::…`)
    Github,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
            Format::Docx => "docx",
            Format::Github => "github",
        }
    }

    /// The format a file name's extension names.
    pub fn from_extension(extension: &str) -> Option<Format> {
        Some(match extension.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Format::Md,
            "csv" => Format::Csv,
            "json" => Format::Json,
            "html" | "htm" => Format::Html,
            "xlsx" => Format::Xlsx,
            "docx" => Format::Docx,
            _ => return None,
        })
    }

    /// Whether the bytes are text (and may go to a terminal).
    pub fn is_text(self) -> bool {
        !matches!(self, Format::Xlsx | Format::Docx)
    }

    /// Whether the output is for a person (and must be escaped for a terminal).
    pub fn is_human(self) -> bool {
        matches!(self, Format::Table)
    }
}

/// An inline piece of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Strong(String),
    Emphasis(String),
}

/// Spans in a text markup (HTML, Markdown): each text escaped, strong and
/// emphasised ones between that markup's opening and closing marks.
pub(crate) fn marked(
    spans: &[Span],
    escape: fn(&str) -> String,
    strong: (&str, &str),
    emphasis: (&str, &str),
) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => escape(t),
            Span::Strong(t) => format!("{}{}{}", strong.0, escape(t), strong.1),
            Span::Emphasis(t) => format!("{}{}{}", emphasis.0, escape(t), emphasis.1),
        })
        .collect()
}

/// An item of a list, with the items under it.
#[derive(Clone, Debug, Default)]
pub struct Item {
    pub spans: Vec<Span>,
    pub children: Vec<Vec<Span>>,
}

impl Item {
    pub fn new(spans: Vec<Span>) -> Item {
        Item {
            spans,
            children: Vec::new(),
        }
    }
}

#[derive(Clone, Debug)]
pub enum Block {
    Paragraph(Vec<Span>),
    /// A heading within a section (or, outside sections, a document's part).
    Heading(String),
    List(Vec<Item>),
    Table(Table),
    Chart(Chart),
    /// The officer's Markdown, as written.
    Notes(String),
    /// Preformatted text in a language (`toml`): shown as it is, escaped.
    Code {
        lang: &'static str,
        text: String,
    },
    /// A file joined to the document (a council's opinion as a PDF): in HTML
    /// a link that holds the file, elsewhere its name, joined apart.
    Attachment {
        /// What the link says: the file's name and where it is joined.
        text: String,
        file: String,
        media: &'static str,
        bytes: Vec<u8>,
    },
}

impl Block {
    pub fn text(text: impl Into<String>) -> Block {
        Block::Paragraph(vec![Span::Text(text.into())])
    }
}

#[derive(Clone, Debug)]
pub struct Section {
    /// A stable anchor: `actions`, `means`, …
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// What a command prints, laid out once for every format.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    /// What stands before the first section (or the whole body).
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    /// The JSON document, when the command has a documented one: its analysis
    /// result serialized, with `"version"`. Without it, JSON is made of the tables.
    pub json: Option<serde_json::Value>,
    /// The tidy tables of CSV and XLSX, when they are not the tables a person
    /// reads (one kind of row, machine values, no total).
    pub data: Vec<Table>,
    /// What makes the document one a council adopts: a cover page, a table
    /// of contents and a running title (HTML and DOCX; other media show the
    /// title and sections as they are).
    pub front: Option<Front>,
    /// Sections after the others, as annexes (listed in the contents apart).
    pub annexes: Vec<Section>,
}

/// The front matter of a document printed for a council.
#[derive(Clone, Debug, Default)]
pub struct Front {
    /// Above the title: who presents it (the territory).
    pub over_title: String,
    /// Under the title: the contract's title.
    pub under_title: Option<String>,
    /// `Présenté au Conseil communautaire du 27 juin 2024`.
    pub presented: Option<String>,
    pub logo: Option<Image>,
    /// The heading of the table of contents.
    pub contents: String,
    /// The heading of the annexes in the contents.
    pub annexes: String,
    /// Printed at the top of every page but the cover.
    pub running_title: String,
    /// The page each section starts on in the printed document, by section
    /// id, when known (`--toc-pages`, measured on a first print): the table
    /// of contents shows no number it does not know.
    pub pages: Vec<(String, u32)>,
}

impl Front {
    /// The page a section starts on, when known.
    pub fn page_of(&self, id: &str) -> Option<u32> {
        self.pages.iter().find(|(s, _)| s == id).map(|(_, p)| *p)
    }
}

/// An image file as it is embedded: its type and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    pub kind: ImageKind,
    pub bytes: Vec<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Svg,
}

impl ImageKind {
    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Svg => "image/svg+xml",
        }
    }

    /// The type of an image by its first bytes (not its name): PNG, JPEG,
    /// or SVG (an XML text whose root is `<svg`).
    pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(ImageKind::Png);
        }
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Some(ImageKind::Jpeg);
        }
        let text = std::str::from_utf8(bytes).ok()?;
        let text = text.trim_start_matches('\u{feff}').trim_start();
        let mut rest = text;
        // Skip the XML declaration, comments and a doctype before the root.
        loop {
            rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix("<?") {
                rest = &after[after.find("?>")? + 2..];
            } else if let Some(after) = rest.strip_prefix("<!--") {
                rest = &after[after.find("-->")? + 3..];
            } else if let Some(after) = rest.strip_prefix("<!") {
                rest = &after[after.find('>')? + 1..];
            } else {
                break;
            }
        }
        let root = rest.strip_prefix("<svg")?;
        root.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .then_some(ImageKind::Svg)
    }
}

impl Doc {
    /// A document of one table.
    pub fn table(table: Table) -> Doc {
        Doc {
            blocks: vec![Block::Table(table)],
            ..Doc::default()
        }
    }

    pub fn with_json(mut self, value: serde_json::Value) -> Doc {
        self.json = Some(value);
        self
    }

    /// Every block, the sections' after the document's own, the annexes' last.
    fn all_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().chain(
            self.sections
                .iter()
                .chain(&self.annexes)
                .flat_map(|s| &s.blocks),
        )
    }

    /// Every table a person reads, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.all_blocks().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }

    fn tables_mut(&mut self) -> impl Iterator<Item = &mut Table> {
        self.blocks
            .iter_mut()
            .chain(
                self.sections
                    .iter_mut()
                    .chain(&mut self.annexes)
                    .flat_map(|s| &mut s.blocks),
            )
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
    }

    /// The charts, in order.
    pub fn charts(&self) -> Vec<&Chart> {
        self.all_blocks()
            .filter_map(|b| match b {
                Block::Chart(c) => Some(c),
                _ => None,
            })
            .collect()
    }

    /// The tables of CSV and XLSX.
    pub fn data_tables(&self) -> Vec<&Table> {
        if self.data.is_empty() {
            self.tables().collect()
        } else {
            self.data.iter().collect()
        }
    }

    /// Keeps the columns `keys` of the first table (and of the first data
    /// table), in that order.
    pub fn select_columns(&mut self, keys: &[String]) -> Result<(), String> {
        if let Some(first) = self.tables_mut().next() {
            *first = first.select(keys)?;
        }
        if let Some(first) = self.data.first_mut() {
            *first = first.select(keys)?;
        }
        Ok(())
    }
}

/// How to emit a document.
#[derive(Clone, Debug)]
pub struct Emit {
    pub format: Format,
    pub lang: Language,
    /// The width to fit tables to: the terminal's, or `COLUMNS` when piped;
    /// `None` leaves lines as long as their content.
    pub width: Option<usize>,
    /// Bold headings and headers.
    pub color: bool,
    /// For Markdown: the stem of the file the document is written to, so that
    /// its charts are linked as SVG files beside it.
    pub chart_stem: Option<String>,
}

/// The bytes of a document, and what the medium could not hold.
#[derive(Debug, Default)]
pub struct Emitted {
    pub bytes: Vec<u8>,
    /// Said on standard error: a cell cut to fit a spreadsheet, …
    pub warnings: Vec<String>,
}

/// Why a document could not be written in a format.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    #[error("{0}")]
    Unsupported(String),
    #[error("cannot write the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("cannot write the document: {0}")]
    Docx(String),
}

/// Writes a document in a format.
pub fn emit(doc: &Doc, how: &Emit) -> Result<Emitted, EmitError> {
    let text = |t: String| Emitted {
        bytes: t.into_bytes(),
        warnings: Vec::new(),
    };
    Ok(match how.format {
        Format::Table => {
            let out = terminal::render(doc, how.lang, how.width, how.color);
            text(escape::no_workflow_commands(&out).into_owned())
        }
        Format::Md => text(markdown::render(doc, how.lang, how.chart_stem.as_deref())),
        Format::Html => text(html::render(doc, how.lang)),
        Format::Csv => text(csv::render(doc)?),
        Format::Json => text(json::render(doc)),
        Format::Xlsx => xlsx::render(doc)?,
        Format::Docx => docx::render(doc, how.lang)?,
        Format::Github => {
            return Err(EmitError::Unsupported(
                "--format github is only for `contrat check` and `contrat fmt --check`".to_owned(),
            ));
        }
    })
}

/// A JSON value pretty-printed with a final newline: every JSON document the
/// tool prints.
pub fn json_text(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned());
    text.push('\n');
    text
}

/// A value as JSON, for [`Doc::json`]. Values of the model always serialize.
pub fn to_json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// A JSON document as scripts read it: `"version"` first, then the value's
/// own keys. The version changes only with the shape, and the README says how
/// to move from one to the next.
pub fn versioned<T: serde::Serialize>(version: u32, value: &T) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    map.insert("version".to_owned(), serde_json::Value::from(version));
    match to_json(value) {
        serde_json::Value::Object(entries) => map.extend(entries),
        other => {
            map.insert("value".to_owned(), other);
        }
    }
    serde_json::Value::Object(map)
}
