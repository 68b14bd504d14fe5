//! The report in Markdown (CommonMark with GitHub tables), for git and pandoc.
//!
//! Contract text is escaped so that it reads as written once rendered: a title
//! with `*`, `<` or `|` stays text, never emphasis, HTML or a table border.

use crate::render::report::{Block, Document, Span};
use crate::render::table::Grid;

/// Escapes the characters Markdown would read as markup. `&` only where it
/// could start an entity (`&amp;`), so `Clic & Lien` stays as written.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            // A line break would end a table row or a paragraph.
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// The file a chart is written to beside a Markdown report: `report-{slug}.svg`
/// for `report.md`.
pub fn chart_file(stem: &str, slug: &str) -> String {
    format!("{stem}-{slug}.svg")
}

/// A link destination that survives spaces and parentheses in a file name.
fn destination(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    for c in file.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            _ => out.push(c),
        }
    }
    out
}

fn spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => escape(t),
            Span::Strong(t) => format!("**{}**", escape(t)),
            Span::Emphasis(t) => format!("*{}*", escape(t)),
        })
        .collect()
}

fn table(grid: &Grid) -> String {
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut out = line(grid.headers.iter().map(|h| escape(h)).collect());
    out.push_str(&line(
        (0..grid.headers.len())
            .map(|i| {
                if grid.right.contains(&i) {
                    "---:"
                } else {
                    "---"
                }
                .to_owned()
            })
            .collect(),
    ));
    for row in &grid.rows {
        out.push_str(&line(row.iter().map(|c| escape(c)).collect()));
    }
    out
}

fn block(out: &mut String, block: &Block, level: usize, stem: Option<&str>) {
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
                out.push_str(&format!("- {}\n", spans(item)));
            }
            out.push('\n');
        }
        Block::Table { grid, .. } => {
            out.push_str(&table(grid));
            out.push('\n');
        }
        Block::Chart(chart) => {
            // Without files beside the report, the tables carry the figures.
            if let Some(stem) = stem {
                out.push_str(&format!(
                    "![{}]({})\n\n",
                    escape(&chart.chart.title),
                    destination(&chart_file(stem, chart.slug))
                ));
            }
        }
        Block::Notes(notes) => {
            // The officer's Markdown, as written.
            out.push_str(notes.trim_end());
            out.push_str("\n\n");
        }
    }
}

/// The report in Markdown. With `charts`, the stem of the report's file name,
/// each chart is linked as the SVG file [`chart_file`] names; without, the
/// report has tables only.
pub fn render(doc: &Document, charts: Option<&str>) -> String {
    let mut out = format!(
        "# {}\n\n**{}**\n\n",
        escape(&doc.title),
        escape(&doc.subtitle)
    );
    for b in &doc.intro {
        block(&mut out, b, 2, charts);
    }
    for section in &doc.sections {
        out.push_str(&format!("## {}\n\n", escape(&section.heading)));
        for b in &section.blocks {
            block(&mut out, b, 3, charts);
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
    fn contract_text_stays_text() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(escape("Clic & Lien"), "Clic & Lien");
        assert_eq!(escape("&amp; &#60;"), "\\&amp; \\&#60;");
        assert_eq!(escape("a | b\nc"), "a \\| b c");
        assert_eq!(
            escape("*gras* _x_ [lien](y) `c`"),
            "\\*gras\\* \\_x\\_ \\[lien\\](y) \\`c\\`"
        );
        assert_eq!(escape("l'accès « aux droits »"), "l'accès « aux droits »");
    }

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
