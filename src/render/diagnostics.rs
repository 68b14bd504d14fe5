//! Findings as text for a person (the way rustc and cargo print theirs), as
//! JSON for a script, and as GitHub workflow annotations.

use std::collections::HashMap;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use crate::check::Summary;
use crate::diagnostic::{Diagnostic, Label, Location, Severity};
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
        let paths: Vec<String> = std::iter::once(d.span())
            .flatten()
            .chain(d.related.iter().map(|l| l.span))
            .map(|s| sources.path(s.file).display().to_string())
            .collect();
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_title(level.primary_title(&d.message).id(d.rule.name()));
        let folder_path;
        match &d.location {
            Location::Span(label) => {
                group = group.element(snippet(
                    sources,
                    &mut positions,
                    label,
                    &paths[0],
                    AnnotationKind::Primary,
                ));
            }
            Location::File(file) => {
                group = group.element(Origin::path(sources.path(*file).display().to_string()));
            }
            Location::Folder(folder) => {
                folder_path = folder.display().to_string();
                group = group.element(Origin::path(folder_path.as_str()));
            }
        }
        let offset = usize::from(d.span().is_some());
        for (i, related) in d.related.iter().enumerate() {
            group = group.element(snippet(
                sources,
                &mut positions,
                related,
                &paths[offset + i],
                AnnotationKind::Context,
            ));
        }
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

/// A snippet of the lines a label covers, numbered as in the file.
fn snippet<'a>(
    sources: &'a Sources,
    positions: &mut Positions<'_>,
    label: &'a Label,
    path: &'a str,
    kind: AnnotationKind,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let text = &sources.get(label.span.file).text;
    let lines = line_range(text, label.span.range());
    let (line, _) = positions.line_col(label.span.file, lines.start);
    let start = (label.span.start as usize).clamp(lines.start, lines.end) - lines.start;
    let end = (label.span.end as usize).clamp(lines.start + start, lines.end) - lines.start;
    let mut annotation = kind.span(start..end);
    if !label.text.is_empty() {
        annotation = annotation.label(&label.text);
    }
    // A carriage return would show as `␍`; a space keeps every offset in place.
    let shown = text[lines].replace('\r', " ");
    Snippet::source(shown)
        .line_start(line)
        .path(path)
        .annotation(annotation)
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
    let report = JsonReport {
        version: 1,
        diagnostics: items,
        summary,
    };
    let mut text = serde_json::to_string_pretty(&report).expect("findings serialize to JSON");
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
        plural(summary.priorities, "priority", "priorities"),
        plural(summary.actions, "action", "actions"),
    )
}
