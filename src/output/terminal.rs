//! A document for a person in a terminal: tables fitted to its width, where
//! only words wrap — never a number, an amount or a code — and every text is
//! escaped so that no control character reaches the terminal.

use comfy_table::{
    Attribute, CellAlignment, ContentArrangement, ContentLineStyle, LineStyle, Table as Grid,
    TableStyle,
};
use unicode_width::UnicodeWidthStr;

use crate::model::Language;
use crate::output::escape;
use crate::output::{Block, Doc, Kind, Span, Table};

/// A word longer than this may be cut to fit: a column never grows wider
/// than this for its longest word alone.
const LONGEST_WORD: usize = 30;

pub fn render(doc: &Doc, lang: Language, width: Option<usize>, color: bool) -> String {
    let mut out = String::new();
    let bold = |text: &str| {
        let text = escape::terminal(text, true);
        if color {
            format!("\u{1b}[1m{text}\u{1b}[0m")
        } else {
            text.into_owned()
        }
    };
    if let Some(title) = &doc.title {
        out.push_str(&bold(title));
        out.push('\n');
        if let Some(subtitle) = &doc.subtitle {
            out.push_str(&escape::terminal(subtitle, true));
            out.push('\n');
        }
        out.push('\n');
    }
    // A blank line between blocks, none between a heading and what it heads.
    let mut after_heading = true;
    let mut put = |out: &mut String, block: &Block| {
        // The tables carry a chart's figures.
        if matches!(block, Block::Chart(_)) {
            return;
        }
        if !after_heading {
            out.push('\n');
        }
        after_heading = matches!(block, Block::Heading(_));
        match block {
            Block::Heading(h) => {
                out.push_str(&bold(h));
                out.push('\n');
            }
            Block::Paragraph(spans) => {
                out.push_str(&paragraph(spans, color, width, ""));
            }
            Block::List(items) => {
                for item in items {
                    out.push_str(&paragraph(&item.spans, color, width, "- "));
                    for child in &item.children {
                        out.push_str(&paragraph(child, color, width, "    - "));
                    }
                }
            }
            Block::Table(t) => out.push_str(&table(t, lang, width, color)),
            Block::Chart(_) => {}
            Block::Notes(text) | Block::Code { text, .. } | Block::Attachment { text, .. } => {
                out.push_str(&escape::terminal(text.trim_end(), false));
                out.push('\n');
            }
        }
    };
    for block in &doc.blocks {
        put(&mut out, block);
    }
    for section in doc.sections.iter().chain(&doc.annexes) {
        put(&mut out, &Block::Heading(section.heading.clone()));
        for block in &section.blocks {
            put(&mut out, block);
        }
    }
    out
}

/// A paragraph wrapped to the width, after `bullet`, its other lines indented
/// as far. Bold is left out of the wrapping's count of columns.
fn paragraph(spans: &[Span], color: bool, width: Option<usize>, bullet: &str) -> String {
    let plain = line(spans, false);
    let bold = color && matches!(spans, [Span::Strong(_)]);
    let text = match width {
        Some(w) if bullet.width() + plain.width() > w && (bold || !color) => {
            let indent = " ".repeat(bullet.width());
            let wrapped = wrap(&plain, w.saturating_sub(bullet.width()).max(20));
            let lines: Vec<String> = wrapped
                .lines()
                .map(|l| {
                    if bold {
                        format!("\u{1b}[1m{l}\u{1b}[0m")
                    } else {
                        l.to_owned()
                    }
                })
                .collect();
            lines.join(&format!("\n{indent}"))
        }
        _ => line(spans, color),
    };
    format!("{bullet}{text}\n")
}

fn line(spans: &[Span], color: bool) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) | Span::Emphasis(t) => escape::terminal(t, true).into_owned(),
            Span::Strong(t) if color => {
                format!("\u{1b}[1m{}\u{1b}[0m", escape::terminal(t, true))
            }
            Span::Strong(t) => escape::terminal(t, true).into_owned(),
        })
        .collect()
}

fn text_width(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

fn longest_word(text: &str) -> usize {
    text.split([' ', '\n'])
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// Word-wraps `text` to `width` columns, in one pass: words go whole to the
/// next line; only a word longer than the whole width is cut.
pub(crate) fn wrap(text: &str, width: usize) -> String {
    let width = width.max(1);
    let mut out = String::with_capacity(text.len() + text.len() / width.max(8));
    for (i, paragraph) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut used = 0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let w = word.width();
            if used > 0 && used + 1 + w <= width {
                out.push(' ');
                used += 1;
            } else if used > 0 {
                out.push('\n');
                used = 0;
            }
            if w <= width {
                out.push_str(word);
                used += w;
                continue;
            }
            // A word wider than the column: cut it, character by character.
            for c in word.chars() {
                let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if used + cw > width && used > 0 {
                    out.push('\n');
                    used = 0;
                }
                out.push(c);
                used += cw;
            }
        }
    }
    out
}

/// Columns apart by two spaces, the header underlined: no border costs the
/// text a column, and a row's code, first, shows where it starts.
const STYLE: TableStyle = TableStyle::new()
    .header_lines(ContentLineStyle::none().junction(' '))
    .header_separator(LineStyle::none().fill('─').junction(' '))
    .content_lines(ContentLineStyle::none().junction(' '));

/// At most this many lines per row on average: past it, a table leaves out
/// its optional columns, one by one, to give the text more room.
const LINES_PER_ROW: usize = 4;

/// A table as a terminal of `width` columns shows it: the columns kept (an
/// optional column may give way), each cell's text with its line breaks, and
/// the columns left out. What [`table`] draws, open to tests.
pub struct Fitted {
    pub table: Table,
    /// Per row (the total last), per column, the cell's lines joined by `\n`.
    pub cells: Vec<Vec<String>>,
    pub left_out: Vec<String>,
    layout: Layout,
}

/// Fits a table to `width` (none: lines as long as their content).
pub fn fit(t: &Table, lang: Language, width: Option<usize>) -> Fitted {
    let base = t.without_blank_columns();
    let mut dropped = vec![false; base.columns.len()];
    let mut laid = Layout::of(&base, lang, width);
    while width.is_some()
        && (laid.lines > LINES_PER_ROW * base.all_rows().count().max(1) || laid.cramped)
    {
        let Some(last) = (0..base.columns.len())
            .rev()
            .find(|&i| base.columns[i].optional && !dropped[i])
        else {
            break;
        };
        dropped[last] = true;
        laid = Layout::of(&base.without(&dropped), lang, width);
    }
    let left_out = base
        .columns
        .iter()
        .zip(&dropped)
        .filter(|(_, d)| **d)
        .map(|(c, _)| c.key.clone())
        .collect();
    Fitted {
        table: laid.table.clone(),
        cells: laid.rows.clone(),
        left_out,
        layout: laid,
    }
}

/// A table fitted to `width`: measures, codes and amounts keep their width;
/// text columns share what is left and wrap between words. When rows would
/// still run long, optional columns are left out, and a line says which.
fn table(t: &Table, lang: Language, width: Option<usize>, color: bool) -> String {
    if t.without_blank_columns().columns.is_empty() {
        return String::new();
    }
    let fitted = fit(t, lang, width);
    let mut out = fitted.layout.render(color);
    for note in fitted.table.shown_notes() {
        out.push_str(&wrap(
            &escape::terminal(note, true),
            width.unwrap_or(usize::MAX),
        ));
        out.push('\n');
    }
    if !fitted.left_out.is_empty() {
        let keys: Vec<&str> = fitted.left_out.iter().map(String::as_str).collect();
        let note = crate::output::words::columns_left_out(lang, &keys);
        out.push_str(&wrap(&note, width.unwrap_or(usize::MAX)));
        out.push('\n');
    }
    out
}

/// A table's cells as a terminal shows them, wrapped to their widths.
struct Layout {
    table: Table,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Lines of the rows, header and borders aside.
    lines: usize,
    /// A text column got less than [`ROOMY`] columns while it wanted more.
    cramped: bool,
}

/// The widest a column is drawn, even unfitted (piped): the grid measures
/// widths in 16 bits and would cut a longer line itself, in time quadratic
/// in its length (issue 10, finding 18); it is cut here, in one pass.
const WIDEST: usize = 60_000;

/// What a text column should get, when it wants as much, before optional
/// columns give way: room for a few words a line.
const ROOMY: usize = 24;

/// A table's headers and cells as text, one line each where the kind
/// allows no break, escaped for the terminal.
pub(crate) fn cell_texts(t: &Table, lang: Language) -> (Vec<String>, Vec<Vec<String>>) {
    let texts: Vec<Vec<String>> = t
        .all_rows()
        .map(|row| {
            row.iter()
                .zip(&t.columns)
                .map(|(cell, column)| {
                    let one_line = column.kind != Kind::Text;
                    escape::terminal(&cell.display(lang), one_line).into_owned()
                })
                .collect()
        })
        .collect();
    let headers: Vec<String> = t
        .columns
        .iter()
        .map(|c| escape::terminal(&c.label, true).into_owned())
        .collect();
    (headers, texts)
}

/// What each column would take on one line, and the least it can take:
/// a text column its longest word, a measure its widest value whole (its
/// header may wrap between words).
fn measure(t: &Table, headers: &[String], texts: &[Vec<String>]) -> (Vec<usize>, Vec<usize>) {
    let n = t.columns.len();
    let mut natural = vec![0; n];
    let mut least = vec![0; n];
    for i in 0..n {
        let values = texts.iter().map(|row| &row[i]);
        let header_natural = if t.header { text_width(&headers[i]) } else { 0 };
        let header_least = if t.header {
            longest_word(&headers[i])
        } else {
            0
        };
        let value_natural = values.clone().map(|v| text_width(v)).max().unwrap_or(0);
        natural[i] = value_natural.max(header_natural);
        least[i] = if t.columns[i].kind == Kind::Text {
            values
                .map(|v| longest_word(v).min(LONGEST_WORD))
                .max()
                .unwrap_or(0)
                .max(header_least.min(LONGEST_WORD))
        } else {
            value_natural.max(header_least)
        };
    }
    (natural, least)
}

/// Each column's natural width and its width, in characters, within
/// `width` (none: the natural width): measures, codes and amounts keep
/// theirs; text columns share what is left. The terminal and the word
/// processor lay tables out alike.
pub(crate) fn column_widths(
    t: &Table,
    headers: &[String],
    texts: &[Vec<String>],
    width: Option<usize>,
) -> (Vec<usize>, Vec<usize>) {
    let (natural, least) = measure(t, headers, texts);
    // Two spaces between columns: a line of text costs no border.
    let overhead = 2 * t.columns.len().saturating_sub(1);
    let widths = match width {
        Some(total) if natural.iter().sum::<usize>() + overhead > total => {
            share_room(t, &natural, &least, total.saturating_sub(overhead))
        }
        _ => natural.clone(),
    };
    (natural, widths)
}

impl Layout {
    fn of(t: &Table, lang: Language, width: Option<usize>) -> Layout {
        let n = t.columns.len();
        let (headers, texts) = cell_texts(t, lang);
        let (natural, widths) = column_widths(t, &headers, &texts, width);
        let widths: Vec<usize> = widths.into_iter().map(|w| w.min(WIDEST)).collect();
        let headers = headers
            .iter()
            .enumerate()
            .map(|(i, h)| {
                if text_width(h) > widths[i] {
                    wrap(h, widths[i])
                } else {
                    h.clone()
                }
            })
            .collect();
        let rows: Vec<Vec<String>> = texts
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let wider = text_width(&v) > widths[i];
                        if wider && (t.columns[i].kind == Kind::Text || widths[i] == WIDEST) {
                            wrap(&v, widths[i])
                        } else {
                            v
                        }
                    })
                    .collect()
            })
            .collect();
        let lines = rows
            .iter()
            .map(|row: &Vec<String>| {
                row.iter()
                    .map(|c| c.lines().count().max(1))
                    .max()
                    .unwrap_or(1)
            })
            .sum();
        let cramped =
            (0..n).any(|i| t.columns[i].kind == Kind::Text && widths[i] < natural[i].min(ROOMY));
        Layout {
            table: t.clone(),
            headers,
            rows,
            lines,
            cramped,
        }
    }

    fn render(&self, color: bool) -> String {
        let t = &self.table;
        let mut grid = Grid::new();
        grid.load_style(STYLE);
        grid.set_content_arrangement(ContentArrangement::Disabled);
        if color {
            grid.enforce_styling();
        }
        if t.header {
            grid.set_header(self.headers.iter().map(|h| {
                let cell = comfy_table::Cell::new(h);
                if color {
                    cell.add_attribute(Attribute::Bold)
                } else {
                    cell
                }
            }));
        }
        let total_at = t.total.as_ref().map(|_| t.rows.len());
        for (r, row) in self.rows.iter().enumerate() {
            grid.add_row(row.iter().map(|v| {
                let cell = comfy_table::Cell::new(v);
                if color && Some(r) == total_at {
                    cell.add_attribute(Attribute::Bold)
                } else {
                    cell
                }
            }));
        }
        let last = t.columns.len().saturating_sub(1);
        for (i, column) in t.columns.iter().enumerate() {
            if let Some(c) = grid.column_mut(i) {
                // One space after each column, the junction makes the second.
                c.set_padding((0, if i == last { 0 } else { 1 }));
                if column.kind.is_number() {
                    c.set_cell_alignment(CellAlignment::Right);
                }
            }
        }
        let mut out = String::new();
        for line in grid.to_string().lines() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// Widths for `room` columns of content: every column its least; what is
/// left goes to the text columns, in proportion to what they would take.
fn share_room(t: &Table, natural: &[usize], least: &[usize], room: usize) -> Vec<usize> {
    let mut widths = least.to_vec();
    // Measures take their natural width (a header on one line) when it fits.
    for (i, column) in t.columns.iter().enumerate() {
        if column.kind != Kind::Text {
            let used: usize = widths.iter().sum();
            let more = natural[i] - widths[i];
            if used + more <= room.saturating_sub(text_room(t, least)) {
                widths[i] = natural[i];
            }
        }
    }
    let used: usize = widths.iter().sum();
    let mut spare = room.saturating_sub(used);
    let text: Vec<usize> = (0..t.columns.len())
        .filter(|&i| t.columns[i].kind == Kind::Text)
        .collect();
    let wanted: usize = text.iter().map(|&i| natural[i] - least[i]).sum();
    if wanted == 0 {
        return widths;
    }
    let budget = spare;
    for &i in &text {
        let want = natural[i] - least[i];
        let give = (want * budget / wanted).min(want).min(spare);
        widths[i] += give;
        spare -= give;
    }
    // What rounding left goes to the first text column that still wants it.
    for &i in &text {
        let give = (natural[i] - widths[i]).min(spare);
        widths[i] += give;
        spare -= give;
    }
    widths
}

/// A fair share of room kept for text columns before measures widen their
/// headers: 40 columns, or all they would take if less.
fn text_room(t: &Table, least: &[usize]) -> usize {
    let text_least: usize = (0..t.columns.len())
        .filter(|&i| t.columns[i].kind == Kind::Text)
        .map(|i| least[i])
        .sum();
    if text_least == 0 {
        0
    } else {
        text_least.max(40)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(wrap("un deux trois quatre", 9), "un deux\ntrois\nquatre");
        assert_eq!(wrap("abcdefghij", 4), "abcd\nefgh\nij");
        assert_eq!(wrap("a\nb c", 10), "a\nb c");
        assert_eq!(wrap("", 5), "");
    }

    #[test]
    fn wrapping_a_long_word_is_linear() {
        let word = "é".repeat(2_000_000);
        let started = std::time::Instant::now();
        let wrapped = wrap(&word, 50);
        assert_eq!(wrapped.lines().count(), 40_000);
        assert!(started.elapsed().as_secs() < 5);
    }
}
