//! A document in Markdown (CommonMark with GitHub tables): for merge
//! requests, git and pandoc. Every text goes through the one Markdown escaper.

use crate::model::Language;
use crate::output::escape::{link_destination as destination, markdown as escape};
use crate::output::{Block, Doc, Span, Table, marked};

/// The file a chart is written to beside a Markdown document: `report-{slug}.svg`
/// for `report.md`.
pub fn chart_file(stem: &str, slug: &str) -> String {
    format!("{stem}-{slug}.svg")
}

fn spans(spans: &[Span]) -> String {
    marked(spans, escape, ("**", "**"), ("*", "*"))
}

/// A GitHub table; numbers aligned right, the total row last.
pub(crate) fn table(t: &Table, lang: Language) -> String {
    let t = t.without_blank_columns();
    if t.columns.is_empty() {
        return String::new();
    }
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut out = if t.header {
        line(t.columns.iter().map(|c| escape(&c.label)).collect())
    } else {
        // GitHub tables need a header row: an empty one.
        line(t.columns.iter().map(|_| String::new()).collect())
    };
    out.push_str(&line(
        t.columns
            .iter()
            .map(|c| if c.kind.is_number() { "---:" } else { "---" }.to_owned())
            .collect(),
    ));
    for row in &t.rows {
        out.push_str(&line(
            row.iter().map(|c| escape(&c.display(lang))).collect(),
        ));
    }
    if let Some(total) = &t.total {
        out.push_str(&line(
            total.iter().map(|c| escape(&c.display(lang))).collect(),
        ));
    }
    for note in t.shown_notes() {
        out.push_str(&format!("\n*{}*\n", escape(note)));
    }
    out
}

fn block(out: &mut String, block: &Block, level: usize, lang: Language, stem: Option<&str>) {
    match block {
        Block::Paragraph(s) => {
            out.push_str(&spans(s));
            out.push_str("\n\n");
        }
        Block::Heading(h) => {
            out.push_str(&format!("{} {}\n\n", "#".repeat(level), escape(h)));
        }
        Block::List(items) => {
            for item in items {
                out.push_str(&format!("- {}\n", spans(&item.spans)));
                for child in &item.children {
                    out.push_str(&format!("  - {}\n", spans(child)));
                }
            }
            out.push('\n');
        }
        Block::Table(t) => {
            out.push_str(&table(t, lang));
            out.push('\n');
        }
        Block::Chart(chart) => {
            // Without files beside the document, the tables carry the figures.
            if let Some(stem) = stem {
                out.push_str(&format!(
                    "![{}]({})\n\n",
                    escape(&chart.chart.title),
                    destination(&chart_file(stem, &chart.slug))
                ));
            }
        }
        Block::Notes(notes) => {
            // The officer's Markdown, as written.
            out.push_str(notes.trim_end());
            out.push_str("\n\n");
        }
        Block::Attachment { text, .. } => {
            out.push_str(&escape(text));
            out.push_str("\n\n");
        }
        Block::Code { lang, text } => {
            // A fence longer than any run of backticks in the text.
            let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            out.push_str(&format!("{fence}{lang}\n{}\n{fence}\n\n", text.trim_end()));
        }
    }
}

/// The document in Markdown. With `stem`, the stem of the document's file
/// name, each chart is linked as the SVG file [`chart_file`] names; without,
/// the document has tables only.
pub fn render(doc: &Doc, lang: Language, stem: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(title) = &doc.title {
        out.push_str(&format!("# {}\n\n", escape(title)));
        if let Some(subtitle) = &doc.subtitle {
            out.push_str(&format!("**{}**\n\n", escape(subtitle)));
        }
    }
    let level = if doc.title.is_some() { 2 } else { 3 };
    for b in &doc.blocks {
        block(&mut out, b, level, lang, stem);
    }
    for section in doc.sections.iter().chain(&doc.annexes) {
        out.push_str(&format!(
            "{} {}\n\n",
            "#".repeat(level),
            escape(&section.heading)
        ));
        for b in &section.blocks {
            block(&mut out, b, level + 1, lang, stem);
        }
    }
    let end = out.trim_end().len();
    out.truncate(end);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_links_survive_spaces() {
        assert_eq!(
            chart_file("report", "year-on-year"),
            "report-year-on-year.svg"
        );
        assert_eq!(
            destination("bilan 2023 (v2)-x.svg"),
            "bilan%202023%20%28v2%29-x.svg"
        );
    }
}
