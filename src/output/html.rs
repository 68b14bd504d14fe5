//! A document as one self-contained HTML page that prints well to PDF: inline
//! CSS and inline SVG, no script, no font, image or style fetched from
//! anywhere. Every text, the contract's above all, is escaped.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use base64::Engine;

use crate::model::Language;
use crate::output::escape::{css_string, html as escape};
use crate::output::{Block, Doc, Front, Kind, Section, Span, Table, marked};

/// A4 pages, a page per section, rows that never split, system fonts only.
const STYLE: &str = "\
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
html { font-family: system-ui, sans-serif; font-size: 10pt; line-height: 1.4; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 182mm; }
h1 { font-size: 20pt; margin: 0 0 4pt 0; }
h2 { font-size: 15pt; margin: 0 0 8pt 0; padding-bottom: 2pt; border-bottom: 1.5pt solid #000; break-after: avoid; break-inside: avoid; }
h3 { font-size: 12pt; margin: 14pt 0 4pt 0; break-after: avoid; break-inside: avoid; }
p.subtitle { font-size: 13pt; font-weight: bold; margin: 0 0 10pt 0; }
section { break-before: page; }
section:first-of-type { break-before: auto; }
header { margin-bottom: 18pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 12pt 0; font-size: 8pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #555; padding: 2pt 3pt; text-align: left; vertical-align: top; }
th { hyphens: auto; font-size: 7pt; }
th { background: #e6e6e6; }
th.num, td.num { text-align: right; }
td.num { white-space: nowrap; }
td { hyphens: auto; overflow-wrap: break-word; }
td.text { min-width: 22mm; }
td.code { white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 1.2pt solid #000; }
p.note { font-size: 8pt; font-style: italic; margin: -8pt 0 12pt 0; break-before: avoid; }
figure.chart { margin: 6pt 0 14pt 0; break-inside: avoid; }
svg.chart { max-width: 100%; height: auto; }
.notes blockquote { margin-left: 0; padding-left: 8pt; border-left: 2pt solid #777; }
@media screen { body { padding: 12px; } }
";

fn spans(spans: &[Span]) -> String {
    marked(spans, escape, ("<strong>", "</strong>"), ("<em>", "</em>"))
}

pub(crate) fn table(t: &Table, lang: Language) -> String {
    let t = t.without_blank_columns();
    let class = |i: usize| match t.columns[i].kind {
        Kind::Text => " class=\"text\"",
        Kind::Code => " class=\"code\"",
        _ => " class=\"num\"",
    };
    let mut out = String::from("<table>\n");
    if t.header {
        out.push_str("<thead><tr>");
        for (i, c) in t.columns.iter().enumerate() {
            out.push_str(&format!("<th{}>{}</th>", class(i), escape(&c.label)));
        }
        out.push_str("</tr></thead>\n");
    }
    out.push_str("<tbody>\n");
    let total = t.total.iter().map(|row| (row, true));
    for (row, is_total) in t.rows.iter().map(|row| (row, false)).chain(total) {
        out.push_str(if is_total {
            "<tr class=\"total\">"
        } else {
            "<tr>"
        });
        for (i, cell) in row.iter().enumerate() {
            out.push_str(&format!(
                "<td{}>{}</td>",
                class(i),
                escape(&cell.display(lang))
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    for note in t.shown_notes() {
        out.push_str(&format!("<p class=\"note\">{}</p>\n", escape(note)));
    }
    out
}

/// Where a link in the notes may point: the web and mail. Anything else
/// (`javascript:`, `data:`, a file that will not travel with the page) keeps
/// its text and loses the link.
fn allowed(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "#"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// The officer's notes, Markdown to HTML through a real CommonMark parser.
/// Raw HTML in them is shown as text, never run; an image is replaced by its
/// text, as the page fetches nothing.
pub fn notes(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut links = Vec::new();
    let mut events = Vec::new();
    for event in parser {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let keep = allowed(dest_url);
                links.push(keep);
                if keep {
                    events.push(event);
                }
            }
            Event::End(TagEnd::Link) => {
                if links.pop().unwrap_or(false) {
                    events.push(event);
                }
            }
            other => events.push(other),
        }
    }
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}

fn block(out: &mut String, block: &Block, level: usize, lang: Language) {
    match block {
        Block::Paragraph(s) => out.push_str(&format!("<p>{}</p>\n", spans(s))),
        Block::Heading(h) => out.push_str(&format!("<h{level}>{}</h{level}>\n", escape(h))),
        Block::List(items) => {
            out.push_str("<ul>\n");
            for item in items {
                out.push_str(&format!("<li>{}", spans(&item.spans)));
                if !item.children.is_empty() {
                    out.push_str("\n<ul>\n");
                    for child in &item.children {
                        out.push_str(&format!("<li>{}</li>\n", spans(child)));
                    }
                    out.push_str("</ul>\n");
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        Block::Table(t) => out.push_str(&table(t, lang)),
        Block::Chart(chart) => {
            out.push_str("<figure class=\"chart\">\n");
            out.push_str(&chart.svg(false, lang));
            out.push_str("</figure>\n");
        }
        Block::Code { text, .. } => {
            out.push_str(&format!("<pre><code>{}</code></pre>\n", escape(text)));
        }
        Block::Attachment {
            text,
            file,
            media,
            bytes,
        } => {
            // The page stays one self-contained file: the annex is in it.
            out.push_str(&format!(
                "<p class=\"attachment\"><a download=\"{}\" href=\"data:{media};base64,{}\">{}</a></p>\n",
                escape(file),
                base64::engine::general_purpose::STANDARD.encode(bytes),
                escape(text)
            ));
        }
        Block::Notes(text) => {
            out.push_str("<div class=\"notes\">\n");
            out.push_str(&notes(text));
            out.push_str("</div>\n");
        }
    }
}

/// A council document's pages: the browser's own header and footer (the
/// file's URL, the print date) are not needed, as every page but the cover
/// carries the running title at its top and its number at its bottom, in
/// the page's margin boxes (CSS paged media, printed by Chromium 131 and
/// later). Each section starts a page; the cover and the contents stand
/// alone.
const COUNCIL_STYLE: &str = "\
@page { @bottom-center { content: counter(page) \" / \" counter(pages); font-family: system-ui, sans-serif; font-size: 8pt; } }
@page :first { @top-center { content: none; } @bottom-center { content: none; } }
.cover { display: flex; flex-direction: column; min-height: 240mm; break-after: page; }
.cover .logo { max-width: 60mm; max-height: 35mm; object-fit: contain; align-self: flex-start; margin-bottom: 16mm; }
.cover .over { font-size: 16pt; font-weight: bold; margin: 30mm 0 6mm 0; }
.cover h1 { font-size: 26pt; margin: 0 0 6mm 0; }
.cover .under { font-size: 14pt; margin: 0 0 14mm 0; }
.cover .presented { font-size: 13pt; font-style: italic; margin: 0; }
.cover .facts { margin-top: auto; font-size: 9pt; }
.cover .facts ul { list-style: none; padding: 0; }
nav.toc { break-after: page; }
nav.toc h2 { border-bottom: 1.5pt solid #000; }
nav.toc ol { list-style: none; padding: 0; margin: 0 0 10pt 0; }
nav.toc li { margin: 0 0 5pt 0; font-size: 11pt; }
nav.toc a { display: flex; color: #000; text-decoration: none; }
nav.toc .leader { flex: 1; border-bottom: 1pt dotted #555; margin: 0 4pt 4pt 4pt; }
nav.toc h3 { font-size: 11pt; margin: 12pt 0 5pt 0; }
section.annex h2 { font-size: 14pt; }
td.remark { font-weight: bold; }
";

fn head(out: &mut String, code: &str, head_title: &str, extra: &str) {
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"contrat\">\n<title>{head_title}</title>\n<style>\n{STYLE}{extra}</style>\n</head>\n<body>\n"
    ));
}

fn section(out: &mut String, section: &Section, class: &str, lang: Language) {
    out.push_str(&format!(
        "<section id=\"{}\"{class}>\n<h2>{}</h2>\n",
        section.id,
        escape(&section.heading)
    ));
    for b in &section.blocks {
        block(out, b, 3, lang);
    }
    out.push_str("</section>\n");
}

/// One line of the contents: the heading, a dotted leader and the page the
/// section starts on, when it is known (never a guess).
fn contents_line(out: &mut String, section: &Section, front: &Front) {
    let page = front
        .page_of(section.id)
        .map(|p| format!("<span class=\"page\">{p}</span>"))
        .unwrap_or_default();
    let leader = if page.is_empty() {
        ""
    } else {
        "<span class=\"leader\"></span>"
    };
    out.push_str(&format!(
        "<li><a href=\"#{}\"><span class=\"entry\">{}</span>{leader}{page}</a></li>\n",
        section.id,
        escape(&section.heading)
    ));
}

/// A council document: a cover page, the contents, the sections and the
/// annexes, each page numbered and titled by the page's margin boxes.
fn council(doc: &Doc, front: &Front, lang: Language, code: &str) -> String {
    let title = doc.title.as_deref().unwrap_or("contrat");
    let running = format!(
        "@page {{ @top-center {{ content: {}; font-family: system-ui, sans-serif; font-size: 8pt; color: #333; }} }}\n",
        css_string(&front.running_title)
    );
    let mut out = String::new();
    head(
        &mut out,
        code,
        &format!("{} — {}", escape(title), escape(&front.over_title)),
        &format!("{COUNCIL_STYLE}{running}"),
    );
    out.push_str("<header class=\"cover\">\n");
    if let Some(logo) = &front.logo {
        out.push_str(&format!(
            "<img class=\"logo\" alt=\"\" src=\"data:{};base64,{}\">\n",
            logo.kind.mime(),
            base64::engine::general_purpose::STANDARD.encode(&logo.bytes)
        ));
    }
    out.push_str(&format!(
        "<p class=\"over\">{}</p>\n<h1>{}</h1>\n",
        escape(&front.over_title),
        escape(title)
    ));
    if let Some(under) = &front.under_title {
        out.push_str(&format!("<p class=\"under\">{}</p>\n", escape(under)));
    }
    if let Some(presented) = &front.presented {
        out.push_str(&format!(
            "<p class=\"presented\">{}</p>\n",
            escape(presented)
        ));
    }
    out.push_str("<div class=\"facts\">\n");
    for b in &doc.blocks {
        block(&mut out, b, 2, lang);
    }
    out.push_str("</div>\n</header>\n");

    out.push_str(&format!(
        "<nav class=\"toc\">\n<h2>{}</h2>\n<ol>\n",
        escape(&front.contents)
    ));
    for s in &doc.sections {
        contents_line(&mut out, s, front);
    }
    out.push_str("</ol>\n");
    if !doc.annexes.is_empty() {
        out.push_str(&format!("<h3>{}</h3>\n<ol>\n", escape(&front.annexes)));
        for s in &doc.annexes {
            contents_line(&mut out, s, front);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</nav>\n<main>\n");
    for s in &doc.sections {
        section(&mut out, s, "", lang);
    }
    for s in &doc.annexes {
        section(&mut out, s, " class=\"annex\"", lang);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The document as one HTML page.
pub fn render(doc: &Doc, lang: Language) -> String {
    let code = match lang {
        Language::Fr => "fr",
        Language::En => "en",
    };
    if let Some(front) = &doc.front {
        return council(doc, front, lang, code);
    }
    let title = doc.title.as_deref().unwrap_or("contrat");
    let head_title = match &doc.subtitle {
        Some(subtitle) => format!("{} — {}", escape(title), escape(subtitle)),
        None => escape(title),
    };
    let mut out = String::new();
    head(&mut out, code, &head_title, "");
    out.push_str("<header>\n");
    if let Some(title) = &doc.title {
        out.push_str(&format!("<h1>{}</h1>\n", escape(title)));
    }
    if let Some(subtitle) = &doc.subtitle {
        out.push_str(&format!("<p class=\"subtitle\">{}</p>\n", escape(subtitle)));
    }
    for b in &doc.blocks {
        block(&mut out, b, 2, lang);
    }
    out.push_str("</header>\n<main>\n");
    for s in doc.sections.iter().chain(&doc.annexes) {
        section(&mut out, s, "", lang);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Money;
    use crate::output::{Cell, Column, Kind};

    #[test]
    fn raw_html_in_notes_is_shown_never_run() {
        let html = notes(
            "# Bilan\n\nUn <script>alert(1)</script> et <b>gras</b>.\n\n<div onclick=\"x()\">bloc</div>\n",
        );
        assert!(html.contains("<h1>Bilan</h1>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&lt;b&gt;gras&lt;/b&gt;"));
        // Quotes need no escaping in text: only markup does.
        assert!(
            html.contains("&lt;div onclick=\"x()\"&gt;bloc&lt;/div&gt;"),
            "{html}"
        );
        assert!(!html.contains("<script") && !html.contains("<div") && !html.contains("<b>"));
    }

    #[test]
    fn notes_fetch_nothing_and_link_only_to_the_web() {
        let html = notes(
            "![plan](http://example.invalid/plan.png) [site](https://example.org) \
             [x](javascript:alert(1)) [y](data:text/html,z) **fort**",
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("plan"), "the image's text stays: {html}");
        assert!(html.contains("<a href=\"https://example.org\">site</a>"));
        assert!(
            !html.contains("javascript") && !html.contains("data:"),
            "{html}"
        );
        assert!(html.contains(">x<") || html.contains(" x "), "{html}");
        assert!(html.contains("<strong>fort</strong>"));
    }

    #[test]
    fn tables_escape_cells_and_mark_numbers_and_totals() {
        let mut t = Table::new(
            "t",
            vec![
                Column::new("title", "Intitulé", Kind::Text),
                Column::new("amount", "Montant", Kind::Money),
            ],
        );
        t.push(vec![
            Cell::text("<script>alert(1)</script> & \"x\""),
            Cell::Money(Money::from_euros(1)),
        ]);
        t.total = Some(vec![Cell::text("Total"), Cell::Money(Money::from_euros(1))]);
        let html = table(&t, Language::En);
        assert!(html.contains(
            "<td class=\"text\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</td><td class=\"num\">€1</td>"
        ), "{html}");
        assert!(html.contains("<tr class=\"total\"><td class=\"text\">Total</td>"));
        assert!(html.contains("<th class=\"num\">Montant</th>"));
    }
}
