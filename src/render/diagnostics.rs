//! Findings as text for a person (the way rustc and cargo print theirs), as
//! JSON for a script, and as GitHub workflow annotations.

use std::collections::HashMap;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use crate::check::Summary;
use crate::diagnostic::{Diagnostic, Label, Location, Severity};
use crate::output::escape;
use crate::source::{FileId, LineIndex, Sources, Span, line_range};

/// Positions of spans, with one line index per file built on first use.
pub struct Positions<'s> {
    sources: &'s Sources,
    indexes: HashMap<FileId, LineIndex>,
}

impl<'s> Positions<'s> {
    pub fn new(sources: &'s Sources) -> Positions<'s> {
        Positions {
            sources,
            indexes: HashMap::new(),
        }
    }

    /// 1-based line and column of a byte offset in a file.
    pub fn line_col(&mut self, file: FileId, offset: usize) -> (usize, usize) {
        let text = &self.sources.get(file).text;
        self.indexes
            .entry(file)
            .or_insert_with(|| LineIndex::new(text))
            .line_col(text, offset)
    }
}

/// Renders findings as rustc does: severity, rule, message, `--> file:line:col`,
/// the source line with a caret under the span, and `help:`.
pub fn human(diagnostics: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut positions = Positions::new(sources);
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        // Every text of a finding may carry the contract's text or a file's
        // name: shown, never sent, to the terminal.
        let message = escape::terminal(&d.message, true);
        let help = d.help.as_deref().map(|h| escape::terminal(h, true));
        let mut group = Group::with_title(level.primary_title(message.as_ref()).id(d.rule.name()));
        let origin = match &d.location {
            Location::Span(_) => None,
            Location::File(file) => Some(shown_path(sources.path(*file))),
            Location::Folder(folder) => Some(shown_path(folder)),
        };
        if let Some(origin) = &origin {
            group = group.element(Origin::path(origin.as_str()));
        }
        for block in blocks(d, sources, &mut positions) {
            group = group.element(block.snippet(sources));
        }
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_ref()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

/// Labels closer than this many lines share one snippet.
const NEAR_LINES: usize = 4;

/// A run of whole lines of one file with the labels that fall in it.
struct Block<'d> {
    file: crate::source::FileId,
    path: String,
    lines: std::ops::Range<usize>,
    first_line: usize,
    last_line: usize,
    labels: Vec<(&'d Label, AnnotationKind)>,
}

impl<'d> Block<'d> {
    fn snippet(&self, sources: &'d Sources) -> Snippet<'d, annotate_snippets::Annotation<'d>> {
        let text = &sources.get(self.file).text;
        let (shown, at) = visible(&text[self.lines.clone()]);
        let mut snippet = Snippet::source(shown)
            .line_start(self.first_line)
            .path(self.path.clone());
        for (label, kind) in &self.labels {
            let start = (label.span.start as usize).clamp(self.lines.start, self.lines.end);
            let end = (label.span.end as usize).clamp(start, self.lines.end);
            let mut annotation =
                (*kind).span(at(start - self.lines.start)..at(end - self.lines.start));
            if !label.text.is_empty() {
                annotation = annotation.label(escape::terminal(&label.text, true).into_owned());
            }
            snippet = snippet.annotation(annotation);
        }
        snippet
    }
}

/// A file's name as a terminal shows it: control characters as pictures.
fn shown_path(path: &std::path::Path) -> String {
    escape::terminal(&path.display().to_string(), true).into_owned()
}

/// Source lines as a terminal shows them, and where a byte offset of the
/// lines falls in the shown text. A carriage return becomes a space (a CRLF
/// file is no news); any other control character, or a bidi override, its
/// visible picture, which is longer, hence the map.
fn visible(lines: &str) -> (String, impl Fn(usize) -> usize + use<>) {
    let mut shown = String::with_capacity(lines.len());
    // (offset in `lines`, bytes added before the next character).
    let mut shifts: Vec<(usize, usize)> = Vec::new();
    let mut added = 0;
    for (i, c) in lines.char_indices() {
        if c == '\r' {
            shown.push(' ');
            continue;
        }
        let one = escape::terminal(&lines[i..i + c.len_utf8()], false);
        shown.push_str(&one);
        if one.len() != c.len_utf8() {
            added += one.len() - c.len_utf8();
            shifts.push((i + c.len_utf8(), added));
        }
    }
    let at = move |offset: usize| {
        let before = shifts.partition_point(|&(at, _)| at <= offset);
        offset + if before == 0 { 0 } else { shifts[before - 1].1 }
    };
    (shown, at)
}

/// The snippets of a finding: the primary label first, then the related ones,
/// each joining the block of a label near it in the same file.
fn blocks<'d>(
    d: &'d Diagnostic,
    sources: &Sources,
    positions: &mut Positions<'_>,
) -> Vec<Block<'d>> {
    let primary = match &d.location {
        Location::Span(label) => Some((label, AnnotationKind::Primary)),
        _ => None,
    };
    let related = d.related.iter().map(|l| (l, AnnotationKind::Context));
    let mut blocks: Vec<Block<'d>> = Vec::new();
    for (label, kind) in primary.into_iter().chain(related) {
        let text = &sources.get(label.span.file).text;
        let lines = line_range(text, label.span.range());
        let first_line = positions.line_col(label.span.file, lines.start).0;
        let last_line = positions.line_col(label.span.file, lines.end).0;
        let near = blocks.iter_mut().find(|b| {
            b.file == label.span.file
                && first_line <= b.last_line + NEAR_LINES
                && b.first_line <= last_line + NEAR_LINES
        });
        match near {
            Some(block) => {
                block.lines = block.lines.start.min(lines.start)..block.lines.end.max(lines.end);
                block.first_line = block.first_line.min(first_line);
                block.last_line = block.last_line.max(last_line);
                block.labels.push((label, kind));
            }
            None => blocks.push(Block {
                file: label.span.file,
                path: shown_path(sources.path(label.span.file)),
                lines,
                first_line,
                last_line,
                labels: vec![(label, kind)],
            }),
        }
    }
    blocks
}

/// One finding in JSON.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    severity: Severity,
    rule: &'static str,
    message: &'a str,
    label: Option<&'a str>,
    help: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: String,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

/// The findings and the summary as one JSON document.
pub fn json(diagnostics: &[Diagnostic], sources: &Sources, summary: Summary) -> String {
    let mut positions = Positions::new(sources);
    let items = diagnostics
        .iter()
        .map(|d| {
            let (file, start, end, label) = match &d.location {
                Location::Span(label) => {
                    let start = positions.line_col(label.span.file, label.span.start as usize);
                    let end = positions.line_col(label.span.file, label.span.end as usize);
                    let text = (!label.text.is_empty()).then_some(label.text.as_str());
                    (
                        Some(path_of(sources, label.span)),
                        Some(start),
                        Some(end),
                        text,
                    )
                }
                Location::File(file) => (
                    Some(sources.path(*file).display().to_string()),
                    None,
                    None,
                    None,
                ),
                Location::Folder(folder) => (Some(folder.display().to_string()), None, None, None),
            };
            let related = d
                .related
                .iter()
                .map(|l| {
                    let (line, column) = positions.line_col(l.span.file, l.span.start as usize);
                    JsonRelated {
                        file: path_of(sources, l.span),
                        line,
                        column,
                        message: &l.text,
                    }
                })
                .collect();
            JsonDiagnostic {
                file,
                line: start.map(|p| p.0),
                column: start.map(|p| p.1),
                end_line: end.map(|p| p.0),
                end_column: end.map(|p| p.1),
                severity: d.severity,
                rule: d.rule.name(),
                message: &d.message,
                label,
                help: d.help.as_deref(),
                related,
            }
        })
        .collect();
    let declared = summary.declared;
    let report = JsonReport {
        version: if declared { 2 } else { 1 },
        diagnostics: items,
        summary,
    };
    let mut value = serde_json::to_value(&report).expect("findings serialize to JSON");
    // A declared tree's entries are data: version 2 counts `entries`.
    if declared
        && let Some(summary) = value.get_mut("summary").and_then(|s| s.as_object_mut())
        && let Some(n) = summary.remove("priorities")
    {
        summary.insert("entries".to_owned(), n);
    }
    let mut text = serde_json::to_string_pretty(&value).expect("findings serialize to JSON");
    text.push('\n');
    text
}

fn path_of(sources: &Sources, span: Span) -> String {
    sources.path(span.file).display().to_string()
}

/// The closing line of `check`: counts of findings and of what was checked.
pub fn summary_line(summary: &Summary) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let note = if summary.complete {
        ""
    } else {
        "note: a file that could not be read or parsed may hold part of the contract; \
         references to what it would hold are checked once it parses\n"
    };
    format!(
        "{note}{}, {}: {}, {}, {} checked",
        plural(summary.errors, "error", "errors"),
        plural(summary.warnings, "warning", "warnings"),
        plural(summary.files, "file", "files"),
        if summary.declared {
            plural(summary.priorities, "entry", "entries")
        } else {
            plural(summary.priorities, "priority", "priorities")
        },
        plural(summary.actions, "action", "actions"),
    )
}

/// Findings as GitHub workflow annotations, one line each, so that a pull
/// request shows them on the lines they are about.
pub fn github(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut positions = Positions::new(sources);
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = Vec::new();
        match &d.location {
            Location::Span(label) => {
                let (line, col) = positions.line_col(label.span.file, label.span.start as usize);
                // GitHub's end column is the last one of the span, inclusive.
                let last = (label.span.end as usize).max(label.span.start as usize + 1) - 1;
                let (end_line, end_col) = positions.line_col(label.span.file, last);
                properties.push(format!(
                    "file={}",
                    escape::github(&path_of(sources, label.span), true)
                ));
                properties.push(format!("line={line}"));
                properties.push(format!("col={col}"));
                properties.push(format!("endLine={end_line}"));
                properties.push(format!("endColumn={end_col}"));
            }
            Location::File(file) => {
                properties.push(format!(
                    "file={}",
                    escape::github(&sources.path(*file).display().to_string(), true)
                ));
            }
            Location::Folder(folder) => {
                properties.push(format!(
                    "file={}",
                    escape::github(&folder.display().to_string(), true)
                ));
            }
        }
        properties.push(format!(
            "title={}",
            escape::github(&format!("contrat {}", d.rule.name()), true)
        ));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            properties.join(","),
            escape::github(&message, false)
        ));
    }
    out
}
