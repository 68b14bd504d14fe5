//! A document as a DOCX file that officers finish in a word processor (Word,
//! LibreOffice): real heading styles (`Heading1`…`Heading3`, which both
//! recognise and list in their navigator), a table of contents field, real
//! tables whose header row repeats on each page and whose rows never split,
//! the charts as PNG images, and for a council document a cover page, the
//! running title at the top of each page and its number at the bottom.
//!
//! The file is made with `docx-rs`; the charts are the SVG the other media
//! show, drawn to PNG by `resvg` with the system's fonts (nothing is fetched).
//! `docx-rs` cannot mark a row as a repeated header (`w:tblHeader`), so the
//! written `word/document.xml` is read once more with `quick-xml` and that one
//! element added to the first row of each table that has a header.

use std::io::Cursor;
use std::sync::Arc;

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, Header, InstrPAGEREF, InstrText,
    NumPages, PageMargin, PageNum, Paragraph, Pic, Run, RunFonts, Shading, Style, StyleType, Tab,
    TabLeaderType, TabValueType, Table as DocxTable, TableCell, TableCellMargins, TableLayoutType,
    TableRow, WidthType,
};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::model::Language;
use crate::output::escape::docx as text;
use crate::output::{Block, Cell, Doc, EmitError, Emitted, Image, ImageKind, Kind, Span, Table};

/// A4 in twentieths of a point, and margins of 2 cm.
const PAGE_WIDTH: u32 = 11_906;
const PAGE_HEIGHT: u32 = 16_838;
const MARGIN: i32 = 1_134;
/// The width between the margins, in twips and in EMU (for images).
const TEXT_WIDTH: usize = 9_638;
const TEXT_WIDTH_EMU: u32 = 6_120_000;
/// The table style of tables whose first row is a header, to repeat.
const HEADER_TABLE: &str = "ContratTable";
const PLAIN_TABLE: &str = "ContratPlainTable";

fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, level: usize, size: usize| {
        let mut style = Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(level)
            .bold()
            .size(size);
        // A heading never ends a page, nor splits across two.
        style.paragraph_property = style.paragraph_property.keep_next(true).keep_lines(true);
        style
    };
    docx.add_style(heading("Heading1", "heading 1", 0, 32))
        .add_style(heading("Heading2", "heading 2", 1, 26))
        .add_style(heading("Heading3", "heading 3", 2, 22))
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .q_format(true)
                .bold()
                .size(52),
        )
        .add_style(
            Style::new("Subtitle", StyleType::Paragraph)
                .name("Subtitle")
                .based_on("Normal")
                .q_format(true)
                .size(28),
        )
        .add_style(
            Style::new("TOCHeading", StyleType::Paragraph)
                .name("TOC Heading")
                .based_on("Normal")
                .bold()
                .size(32),
        )
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("caption")
                .based_on("Normal")
                .italic()
                .size(18),
        )
        .add_style(
            Style::new("TableNote", StyleType::Paragraph)
                .name("Table Note")
                .based_on("Normal")
                .italic()
                .size(16),
        )
        .add_style(
            Style::new("TableText", StyleType::Paragraph)
                .name("Table Text")
                .based_on("Normal")
                .size(16),
        )
        .add_style(
            Style::new("ToC1", StyleType::Paragraph)
                .name("toc 1")
                .based_on("Normal")
                .size(22),
        )
        .add_style(Style::new(HEADER_TABLE, StyleType::Table).name("Contrat Table"))
        .add_style(Style::new(PLAIN_TABLE, StyleType::Table).name("Contrat Plain Table"))
}

fn spans(p: Paragraph, spans: &[Span]) -> Paragraph {
    spans.iter().fold(p, |p, s| match s {
        Span::Text(t) => p.add_run(Run::new().add_text(text(t))),
        Span::Strong(t) => p.add_run(Run::new().add_text(text(t)).bold()),
        Span::Emphasis(t) => p.add_run(Run::new().add_text(text(t)).italic()),
    })
}

fn styled(style: &str, words: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(text(words)))
}

/// About the width of a character of the tables' 8-point text, in twips
/// (bold headers and capitals are the widest), and the room a cell keeps
/// on either side.
const CHAR: usize = 110;
const CELL_PAD: usize = 70;

/// Each column's width in twips, laid out as the terminal lays tables out
/// (one function for both): codes, amounts and counts whole on one line,
/// headers broken between words only, text columns sharing what is left —
/// and, when everything fits, the spare width to the text.
fn grid(t: &Table, lang: Language) -> Vec<usize> {
    let (headers, texts) = crate::output::terminal::cell_texts(t, lang);
    let n = t.columns.len().max(1);
    let room = (TEXT_WIDTH.saturating_sub(2 * CELL_PAD * n)) / CHAR + 2 * (n - 1);
    let (natural, chars) = crate::output::terminal::column_widths(t, &headers, &texts, Some(room));
    let mut twips: Vec<usize> = chars.iter().map(|c| c * CHAR + 2 * CELL_PAD).collect();
    let used: usize = twips.iter().sum();
    if used < TEXT_WIDTH {
        let text: Vec<usize> = (0..t.columns.len())
            .filter(|&i| t.columns[i].kind == Kind::Text)
            .collect();
        let takers = if text.is_empty() {
            (0..t.columns.len()).collect()
        } else {
            text
        };
        // In proportion to the width each would still take to lie on one
        // line (evenly when all would).
        let spare = TEXT_WIDTH - used;
        let wants: Vec<usize> = takers.iter().map(|&i| natural[i] - chars[i]).collect();
        let wanted: usize = wants.iter().sum();
        for (&i, want) in takers.iter().zip(&wants) {
            twips[i] += (spare * want)
                .checked_div(wanted)
                .unwrap_or(spare / takers.len());
        }
    } else if used > TEXT_WIDTH {
        // Even the least does not fit: every column gives in proportion.
        for w in &mut twips {
            *w = *w * TEXT_WIDTH / used;
        }
    }
    twips
}

fn cell(value: &str, number: bool, bold: bool, shaded: bool, width: usize) -> TableCell {
    let mut run = Run::new().add_text(text(value));
    if bold {
        run = run.bold();
    }
    let mut p = Paragraph::new().style("TableText").add_run(run);
    if number {
        p = p.align(AlignmentType::Right);
    }
    let c = TableCell::new()
        .add_paragraph(p)
        .width(width, WidthType::Dxa);
    if shaded {
        c.shading(Shading::new().fill("E6E6E6"))
    } else {
        c
    }
}

fn table(t: &Table, lang: Language) -> Vec<DocxElement> {
    let t = t.without_blank_columns();
    let grid = grid(&t, lang);
    let number = |i: usize| t.columns[i].kind.is_number();
    let mut rows = Vec::new();
    if t.header {
        rows.push(
            TableRow::new(
                t.columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| cell(&c.label, number(i), true, true, grid[i]))
                    .collect(),
            )
            .cant_split(),
        );
    }
    for (row, is_total) in t
        .rows
        .iter()
        .map(|r| (r, false))
        .chain(t.total.iter().map(|r| (r, true)))
    {
        rows.push(
            TableRow::new(
                row.iter()
                    .enumerate()
                    .map(|(i, c): (usize, &Cell)| {
                        cell(&c.display(lang), number(i), is_total, false, grid[i])
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    let style = if t.header { HEADER_TABLE } else { PLAIN_TABLE };
    let mut out = vec![DocxElement::Table(
        DocxTable::new(rows)
            .style(style)
            .set_grid(grid)
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(20, CELL_PAD, 20, CELL_PAD))
            .width(TEXT_WIDTH, WidthType::Dxa),
    )];
    for note in t.shown_notes() {
        out.push(DocxElement::Paragraph(styled("TableNote", note)));
    }
    // Two tables with nothing between them would be read as one.
    out.push(DocxElement::Paragraph(Paragraph::new()));
    out
}

/// What the body is made of, in order.
#[allow(clippy::large_enum_variant)] // a few hundred of them, built once
enum DocxElement {
    Paragraph(Paragraph),
    Table(DocxTable),
}

/// The officer's Markdown as paragraphs: headings, paragraphs, list items,
/// strong and emphasis; raw HTML as text, images as their text, links as
/// their text.
fn notes(markdown: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut current: Option<Paragraph> = None;
    let (mut bold, mut italic) = (false, false);
    let start = |style: &str| Some(Paragraph::new().style(style));
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = start(if level == HeadingLevel::H1 {
                    "Heading2"
                } else {
                    "Heading3"
                });
            }
            Event::Start(Tag::Paragraph) if current.is_none() => current = start("Normal"),
            Event::Start(Tag::Item) => {
                current = Some(
                    Paragraph::new()
                        .indent(Some(360), None, None, None)
                        .add_run(Run::new().add_text("• ")),
                );
            }
            Event::Start(Tag::Strong) => bold = true,
            Event::End(TagEnd::Strong) => bold = false,
            Event::Start(Tag::Emphasis) => italic = true,
            Event::End(TagEnd::Emphasis) => italic = false,
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                let mut run = Run::new().add_text(text(&t));
                if bold {
                    run = run.bold();
                }
                if italic {
                    run = run.italic();
                }
                let p = current.take().unwrap_or_default();
                current = Some(p.add_run(run));
            }
            Event::SoftBreak | Event::HardBreak => {
                let p = current.take().unwrap_or_default();
                current = Some(p.add_run(Run::new().add_text(" ")));
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item) => {
                if let Some(p) = current.take() {
                    out.push(p);
                }
            }
            _ => {}
        }
    }
    out.extend(current);
    out
}

/// A PNG's width and height, from its header.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let w = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
    (w > 0 && h > 0).then_some((w, h))
}

/// A JPEG's width and height, from its start-of-frame segment.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        let length = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
            let h = u32::from(u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]));
            let w = u32::from(u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]));
            return (w > 0 && h > 0).then_some((w, h));
        }
        i += 2 + length;
    }
    None
}

/// Draws SVG to PNG at `scale`, with the system's fonts. `None` when the
/// SVG cannot be read.
struct Painter {
    options: resvg::usvg::Options<'static>,
    /// Whether a font was found: without one, text is not drawn.
    has_fonts: bool,
}

impl Painter {
    fn new() -> Painter {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_system_fonts();
        // The charts ask for `system-ui, sans-serif`: the first sans-serif
        // family the system has.
        let family = [
            "DejaVu Sans",
            "Liberation Sans",
            "Noto Sans",
            "Arial",
            "Helvetica",
        ]
        .into_iter()
        .find(|f| {
            db.faces()
                .any(|face| face.families.iter().any(|(name, _)| name == f))
        })
        .map(str::to_owned)
        .or_else(|| {
            db.faces()
                .next()
                .and_then(|f| f.families.first().map(|(n, _)| n.clone()))
        });
        let has_fonts = family.is_some();
        if let Some(family) = &family {
            db.set_sans_serif_family(family.clone());
        }
        let options = resvg::usvg::Options {
            font_family: family.unwrap_or_default(),
            fontdb: Arc::new(db),
            ..resvg::usvg::Options::default()
        };
        Painter { options, has_fonts }
    }

    fn png(&self, svg: &str, scale: f32) -> Option<(Vec<u8>, u32, u32)> {
        let tree = resvg::usvg::Tree::from_str(svg, &self.options).ok()?;
        let size = tree.size().to_int_size().scale_by(scale)?;
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())?;
        pixmap.fill(resvg::tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        Some((pixmap.encode_png().ok()?, size.width(), size.height()))
    }
}

/// An image at most `max_width` EMU wide, keeping its proportions.
fn picture(png: Vec<u8>, w: u32, h: u32, max_width: u32, max_height: u32) -> Pic {
    let ratio = (f64::from(max_width) / f64::from(w)).min(f64::from(max_height) / f64::from(h));
    let (ew, eh) = ((f64::from(w) * ratio) as u32, (f64::from(h) * ratio) as u32);
    Pic::new_with_dimensions(png, w, h).size(ew, eh)
}

/// The logo as a PNG: as it is, or drawn from its SVG (a JPEG inside an SVG).
fn logo_png(logo: &Image, painter: &Painter) -> Option<(Vec<u8>, u32, u32)> {
    match logo.kind {
        ImageKind::Png => png_size(&logo.bytes).map(|(w, h)| (logo.bytes.clone(), w, h)),
        ImageKind::Svg => painter.png(std::str::from_utf8(&logo.bytes).ok()?, 2.0),
        ImageKind::Jpeg => {
            use base64::Engine;
            let (w, h) = jpeg_size(&logo.bytes)?;
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
                 width=\"{w}\" height=\"{h}\"><image width=\"{w}\" height=\"{h}\" \
                 xlink:href=\"data:image/jpeg;base64,{}\"/></svg>",
                base64::engine::general_purpose::STANDARD.encode(&logo.bytes)
            );
            painter.png(&svg, 1.0)
        }
    }
}

fn block(
    out: &mut Vec<DocxElement>,
    b: &Block,
    lang: Language,
    painter: &Painter,
    warnings: &mut Vec<String>,
) {
    match b {
        Block::Paragraph(s) => out.push(DocxElement::Paragraph(spans(Paragraph::new(), s))),
        Block::Heading(h) => out.push(DocxElement::Paragraph(
            styled("Heading2", h).keep_next(true),
        )),
        Block::List(items) => {
            for item in items {
                let p = Paragraph::new()
                    .indent(Some(360), None, None, None)
                    .add_run(Run::new().add_text("• "));
                out.push(DocxElement::Paragraph(spans(p, &item.spans)));
                for child in &item.children {
                    let p = Paragraph::new()
                        .indent(Some(720), None, None, None)
                        .add_run(Run::new().add_text("– "));
                    out.push(DocxElement::Paragraph(spans(p, child)));
                }
            }
        }
        Block::Table(t) => out.extend(table(t, lang)),
        Block::Chart(chart) => match painter.png(&chart.svg(true, lang), 2.0) {
            Some((png, w, h)) => {
                out.push(DocxElement::Paragraph(
                    Paragraph::new()
                        .keep_next(true)
                        .add_run(Run::new().add_image(picture(
                            png,
                            w,
                            h,
                            TEXT_WIDTH_EMU,
                            8_000_000,
                        ))),
                ));
                out.push(DocxElement::Paragraph(styled(
                    "Caption",
                    &chart.chart.title,
                )));
            }
            None => warnings.push(format!("the chart `{}` could not be drawn", chart.slug)),
        },
        Block::Attachment { text: what, .. } => {
            out.push(DocxElement::Paragraph(
                Paragraph::new().add_run(Run::new().add_text(text(what))),
            ));
        }
        Block::Code { text: code, .. } => {
            for line in code.lines() {
                out.push(DocxElement::Paragraph(
                    Paragraph::new().add_run(
                        Run::new()
                            .add_text(text(line))
                            .fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New")),
                    ),
                ));
            }
        }
        Block::Notes(markdown) => {
            out.extend(notes(markdown).into_iter().map(DocxElement::Paragraph))
        }
    }
}

fn push(docx: Docx, element: DocxElement) -> Docx {
    match element {
        DocxElement::Paragraph(p) => docx.add_paragraph(p),
        DocxElement::Table(t) => docx.add_table(t),
    }
}

/// An entry of the contents: the heading, a dotted leader, and the page of
/// its bookmark as a field for the word processor to compute.
fn contents_line(heading: &str, key: &str) -> Paragraph {
    Paragraph::new()
        .style("ToC1")
        .add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .leader(TabLeaderType::Dot)
                .pos(TEXT_WIDTH),
        )
        .add_run(Run::new().add_text(text(heading)))
        .add_run(Run::new().add_tab())
        .add_run(
            Run::new()
                .add_field_char(FieldCharType::Begin, true)
                .add_instr_text(InstrText::PAGEREF(InstrPAGEREF::new(key)))
                .add_field_char(FieldCharType::Separate, false)
                .add_field_char(FieldCharType::End, false),
        )
}

/// The name of the bookmark on the `i`-th section's heading.
fn toc_key(i: usize) -> String {
    format!("_Toc{:08}", i + 1)
}

/// The document as DOCX bytes.
pub fn render(doc: &Doc, lang: Language) -> Result<Emitted, EmitError> {
    let painter = Painter::new();
    let mut warnings = Vec::new();
    if !painter.has_fonts && !doc.charts().is_empty() {
        warnings.push(
            "no font found on this system: the charts are drawn without their text (install fonts-dejavu-core)"
                .to_owned(),
        );
    }
    let mut docx = styles(Docx::new())
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN),
        )
        .default_size(20)
        .default_fonts(
            RunFonts::new()
                .ascii("Liberation Sans")
                .hi_ansi("Liberation Sans"),
        );
    let mut body: Vec<DocxElement> = Vec::new();
    let title = doc.title.as_deref().unwrap_or("contrat");
    match &doc.front {
        Some(front) => {
            // The cover: no running title, no page number.
            docx = docx
                .title_pg()
                .first_header(Header::new())
                .first_footer(Footer::new())
                .header(
                    Header::new().add_paragraph(
                        styled("Normal", &front.running_title)
                            .align(AlignmentType::Center)
                            .size(16),
                    ),
                )
                .footer(
                    Footer::new().add_paragraph(
                        Paragraph::new()
                            .align(AlignmentType::Center)
                            .add_page_num(PageNum::new())
                            .add_run(Run::new().add_text(" / "))
                            .add_num_pages(NumPages::new()),
                    ),
                );
            if let Some(logo) = &front.logo {
                match logo_png(logo, &painter) {
                    Some((png, w, h)) => {
                        body.push(DocxElement::Paragraph(Paragraph::new().add_run(
                            Run::new().add_image(picture(png, w, h, 2_160_000, 1_260_000)),
                        )))
                    }
                    None => {
                        warnings.push("the logo could not be read: the cover has none".to_owned())
                    }
                }
            }
            body.push(DocxElement::Paragraph(
                styled("Subtitle", &front.over_title).bold(),
            ));
            body.push(DocxElement::Paragraph(styled("Title", title)));
            if let Some(under) = &front.under_title {
                body.push(DocxElement::Paragraph(styled("Subtitle", under)));
            }
            if let Some(presented) = &front.presented {
                body.push(DocxElement::Paragraph(
                    styled("Normal", presented).italic().size(26),
                ));
            }
            for b in &doc.blocks {
                block(&mut body, b, lang, &painter, &mut warnings);
            }
            body.push(DocxElement::Paragraph(
                Paragraph::new().add_run(Run::new().add_break(BreakType::Page)),
            ));
            body.push(DocxElement::Paragraph(styled(
                "TOCHeading",
                &front.contents,
            )));
            for element in body.drain(..) {
                docx = push(docx, element);
            }
            // Each entry's page is a PAGEREF field to the bookmark on its
            // section's heading: the word processor fills it with the page it
            // lays the heading on (LibreOffice on opening, Word on opening or
            // printing). `contrat` writes no number it cannot know. (A TOC
            // field as docx-rs writes it shows its codes on the first line in
            // LibreOffice 7.4; the headings are Heading 1, so Word's
            // References › Table of contents makes one at any time.)
            for (i, section) in doc.sections.iter().chain(&doc.annexes).enumerate() {
                docx = docx.add_paragraph(contents_line(&section.heading, &toc_key(i)));
            }
        }
        None => {
            body.push(DocxElement::Paragraph(styled("Title", title)));
            if let Some(subtitle) = &doc.subtitle {
                body.push(DocxElement::Paragraph(styled("Subtitle", subtitle)));
            }
            for b in &doc.blocks {
                block(&mut body, b, lang, &painter, &mut warnings);
            }
        }
    }
    for (i, section) in doc.sections.iter().chain(&doc.annexes).enumerate() {
        // The bookmark the contents link to.
        body.push(DocxElement::Paragraph(
            styled("Heading1", &section.heading)
                .page_break_before(true)
                .keep_next(true)
                .add_bookmark_start(i + 1, toc_key(i))
                .add_bookmark_end(i + 1),
        ));
        for b in &section.blocks {
            block(&mut body, b, lang, &painter, &mut warnings);
        }
    }
    for element in body {
        docx = push(docx, element);
    }
    let mut xml = docx.build();
    xml.document = repeat_header_rows(&xml.document)
        .map_err(|e| EmitError::Docx(format!("cannot mark the header rows: {e}")))?;
    let mut bytes = Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .map_err(|e| EmitError::Docx(e.to_string()))?;
    Ok(Emitted {
        bytes: bytes.into_inner(),
        warnings,
    })
}

/// `word/document.xml` with `<w:tblHeader/>` in the first row of every table
/// of style [`HEADER_TABLE`], so that the header row repeats on each page:
/// every other event is written back as it was read.
fn repeat_header_rows(document: &[u8]) -> Result<Vec<u8>, quick_xml::Error> {
    use quick_xml::events::{BytesEnd, BytesStart, Event};
    let mut reader = quick_xml::Reader::from_reader(document);
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(document.len() + 1024));
    // For each open table: whether it has a header row not yet marked.
    let mut tables: Vec<bool> = Vec::new();
    let mut in_first_row_property = false;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf)?;
        match &event {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"w:tbl" => tables.push(false),
            Event::End(e) if e.name().as_ref() == b"w:tbl" => {
                tables.pop();
            }
            Event::Empty(e) if e.name().as_ref() == b"w:tblStyle" => {
                let header = e
                    .try_get_attribute("w:val")
                    .ok()
                    .flatten()
                    .is_some_and(|v| v.value.as_ref() == HEADER_TABLE.as_bytes());
                if let Some(last) = tables.last_mut() {
                    *last = header;
                }
            }
            Event::Empty(e) if e.name().as_ref() == b"w:trPr" && tables.last() == Some(&true) => {
                writer.write_event(Event::Start(e.to_owned()))?;
                writer.write_event(Event::Empty(BytesStart::new("w:tblHeader")))?;
                writer.write_event(Event::End(BytesEnd::new("w:trPr")))?;
                if let Some(last) = tables.last_mut() {
                    *last = false;
                }
                buf.clear();
                continue;
            }
            Event::Start(e) if e.name().as_ref() == b"w:trPr" && tables.last() == Some(&true) => {
                in_first_row_property = true;
            }
            Event::End(e) if e.name().as_ref() == b"w:trPr" && in_first_row_property => {
                writer.write_event(Event::Empty(BytesStart::new("w:tblHeader")))?;
                in_first_row_property = false;
                if let Some(last) = tables.last_mut() {
                    *last = false;
                }
            }
            _ => {}
        }
        writer.write_event(event)?;
        buf.clear();
    }
    Ok(writer.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_row_of_a_header_table_repeats() {
        let xml = br#"<w:body><w:tbl><w:tblPr><w:tblStyle w:val="ContratTable" /></w:tblPr><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl><w:tbl><w:tblPr><w:tblStyle w:val="ContratPlainTable" /></w:tblPr><w:tr><w:trPr /></w:tr></w:tbl></w:body>"#;
        let out = String::from_utf8(repeat_header_rows(xml).unwrap()).unwrap();
        assert_eq!(out.matches("<w:tblHeader/>").count(), 1, "{out}");
        assert!(out.contains(
            "<w:tr><w:trPr><w:cantSplit /><w:tblHeader/></w:trPr></w:tr><w:tr><w:trPr><w:cantSplit /></w:trPr>"
        ), "{out}");
        assert!(
            out.contains("ContratPlainTable\" /></w:tblPr><w:tr><w:trPr /></w:tr>"),
            "{out}"
        );
    }

    #[test]
    fn image_sizes() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend([0, 0, 2, 208, 0, 0, 1, 44]);
        assert_eq!(png_size(&png), Some((720, 300)));
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 50, 0, 100, 3, 0, 0, 0,
        ];
        assert_eq!(jpeg_size(&jpeg), Some((100, 50)));
    }
}
