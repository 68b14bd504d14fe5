//! Bar charts drawn as SVG by the project: no dependency, no script, no font
//! or image fetched.
//!
//! Bars are horizontal, because the contract's labels are long French titles
//! that read best on the left. Each chart has a title, a scale from zero with
//! tick labels, an axis label, and the value of every bar written at its end.
//! It reads in black and white: series differ by shade and hatching, never by
//! colour alone, and the values are text.

use std::fmt::Write;

use crate::model::{Language, Money};
use crate::output::escape::html as escape;
use crate::output::number;

/// A chart of horizontal bars, one group of bars per category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarChart {
    /// Unique within a page: names the chart (`data-chart`) and prefixes the
    /// ids of its patterns, so that several charts can share one HTML page.
    pub id: String,
    pub title: String,
    /// What the scale measures, written under it.
    pub axis_label: String,
    /// The series, for the legend; one chart of one series has no legend.
    pub series: Vec<String>,
    pub categories: Vec<Category>,
    /// A fixed end of the scale (1000 for a share in tenths of a percent);
    /// `None` to fit the largest bar.
    pub scale_end: Option<i64>,
    /// Ticks are multiples of this (100 for cents: whole euros).
    pub unit: i64,
}

/// One label on the left and its bars, one per series.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    pub label: String,
    pub bars: Vec<Bar>,
}

/// A value, in the chart's unit, and the text written at the end of its bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub value: i64,
    pub text: String,
}

/// A scale from zero that holds `max`: `(end, step)`, where the step is 1, 2
/// or 5 × 10ⁿ × `unit` and the end the first multiple of the step at or above
/// `max`, with about five steps. In integers, so that tick values are exact.
pub fn scale(max: i64, unit: i64) -> (i64, i64) {
    let unit = unit.max(1);
    let max = max.max(1);
    let raw = (max + 4) / 5;
    let mut magnitude: i64 = 1;
    while magnitude <= raw / 10 {
        magnitude *= 10;
    }
    let step = [1, 2, 5, 10]
        .iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= raw)
        .unwrap_or(10 * magnitude);
    // A step of whole units: round up to the unit.
    let step = ceil_div(step, unit) * unit;
    let end = ceil_div(max, step) * step;
    (end, step)
}

/// `a / b` rounded up, for positive numbers (`i64::div_ceil` is not stable).
fn ceil_div(a: i64, b: i64) -> i64 {
    (a + b - 1) / b
}

/// Splits a label into at most `lines` lines of at most `width` characters,
/// at spaces; what does not fit ends with `…`.
fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut truncated = false;
    for word in text.split_whitespace() {
        let len = current.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut current));
            if out.len() == lines {
                truncated = true;
                break;
            }
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !truncated && !current.is_empty() {
        out.push(current);
    }
    for line in &mut out {
        if line.chars().count() > width {
            *line = line.chars().take(width - 1).collect::<String>() + "…";
        }
    }
    if truncated && let Some(last) = out.last_mut() {
        let kept: String = last.chars().take(width - 1).collect();
        *last = kept.trim_end().to_owned() + "…";
    }
    out
}

/// The fill of the n-th series: dark, hatched, light; black outlines.
fn fill(id: &str, series: usize) -> String {
    match series % 3 {
        0 => "#404040".to_owned(),
        1 => format!("url(#{id}-hatch)"),
        _ => "#c8c8c8".to_owned(),
    }
}

const WIDTH: f64 = 720.0;
const LABEL_X: f64 = 8.0;
const PLOT_LEFT: f64 = 250.0;
const PLOT_RIGHT: f64 = 620.0;
const BAR: f64 = 16.0;
const BAR_GAP: f64 = 3.0;
const GROUP_GAP: f64 = 14.0;
// Characters of a label's line: 240 px at 11 px, with room for wide glyphs.
const LABEL_CHARS: usize = 36;
const LINE: f64 = 13.0;

impl BarChart {
    /// The chart as an `<svg>` element. `standalone` adds the XML namespace
    /// a `.svg` file needs; inline in HTML it is implied. `tick` writes the
    /// value of a tick (`100 000 €`, `50 %`).
    pub fn render(&self, standalone: bool, tick: &dyn Fn(i64) -> String) -> String {
        let id = escape(&self.id);
        let max = self
            .categories
            .iter()
            .flat_map(|c| c.bars.iter().map(|b| b.value))
            .max()
            .unwrap_or(0);
        let (end, step) = match self.scale_end {
            Some(end) => {
                let (_, step) = scale(end, self.unit);
                (end.max(1), step)
            }
            None => scale(max, self.unit),
        };
        let x_of = |value: i64| -> f64 {
            let value = value.clamp(0, end) as f64;
            PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * value / end as f64
        };
        let legend = self.series.len() > 1;
        let top = if legend { 64.0 } else { 44.0 };
        let series = self.series.len().max(1);
        let group = series as f64 * BAR + (series as f64 - 1.0) * BAR_GAP;
        let plot_bottom = top + self.categories.len() as f64 * (group + GROUP_GAP);
        let height = plot_bottom + 48.0;

        let mut svg = String::new();
        let xmlns = if standalone {
            " xmlns=\"http://www.w3.org/2000/svg\""
        } else {
            ""
        };
        let _ = writeln!(
            svg,
            "<svg{xmlns} class=\"chart\" data-chart=\"{id}\" role=\"img\" aria-labelledby=\"{id}-title\" \
             width=\"{WIDTH}\" height=\"{height:.0}\" viewBox=\"0 0 {WIDTH} {height:.0}\" \
             font-family=\"system-ui, sans-serif\" font-size=\"11\">"
        );
        let title = escape(&self.title);
        let _ = writeln!(svg, "<title id=\"{id}-title\">{title}</title>");
        let _ = writeln!(
            svg,
            "<defs><pattern id=\"{id}-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" \
             patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>\
             <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000000\" stroke-width=\"2\"/></pattern></defs>"
        );
        let _ = writeln!(
            svg,
            "<rect width=\"{WIDTH}\" height=\"{height:.0}\" fill=\"#ffffff\"/>"
        );
        let _ = writeln!(
            svg,
            "<text class=\"chart-title\" x=\"{LABEL_X}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{title}</text>"
        );
        if legend {
            let mut x = LABEL_X;
            for (i, name) in self.series.iter().enumerate() {
                let _ = writeln!(
                    svg,
                    "<rect x=\"{x:.1}\" y=\"34\" width=\"14\" height=\"12\" fill=\"{}\" stroke=\"#000000\" stroke-width=\"0.8\"/>\
                     <text x=\"{:.1}\" y=\"44\">{}</text>",
                    fill(&id, i),
                    x + 20.0,
                    escape(name)
                );
                x += 20.0 + 7.0 * name.chars().count() as f64 + 24.0;
            }
        }

        // The grid and the ticks of the scale.
        let mut value = 0;
        while value <= end {
            let x = x_of(value);
            let _ = writeln!(
                svg,
                "<line x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{plot_bottom:.1}\" stroke=\"#b0b0b0\" stroke-dasharray=\"2 2\"/>\
                 <text class=\"tick\" x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
                plot_bottom + 14.0,
                escape(&tick(value))
            );
            value += step;
        }
        let _ = writeln!(
            svg,
            "<line x1=\"{PLOT_LEFT}\" y1=\"{plot_bottom:.1}\" x2=\"{PLOT_RIGHT}\" y2=\"{plot_bottom:.1}\" stroke=\"#000000\"/>\
             <line x1=\"{PLOT_LEFT}\" y1=\"{top:.1}\" x2=\"{PLOT_LEFT}\" y2=\"{plot_bottom:.1}\" stroke=\"#000000\"/>"
        );
        let _ = writeln!(
            svg,
            "<text class=\"axis-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            (PLOT_LEFT + PLOT_RIGHT) / 2.0,
            plot_bottom + 36.0,
            escape(&self.axis_label)
        );

        for (c, category) in self.categories.iter().enumerate() {
            let y0 = top + GROUP_GAP / 2.0 + c as f64 * (group + GROUP_GAP);
            let lines = wrap(&category.label, LABEL_CHARS, 2);
            let first = y0 + group / 2.0 - (lines.len() as f64 - 1.0) * LINE / 2.0 + 4.0;
            let _ = write!(
                svg,
                "<g class=\"category\"><title>{}</title><text class=\"label\" x=\"{LABEL_X}\" y=\"{first:.1}\">",
                escape(&category.label)
            );
            for (i, line) in lines.iter().enumerate() {
                let dy = if i == 0 { 0.0 } else { LINE };
                let _ = write!(
                    svg,
                    "<tspan x=\"{LABEL_X}\" dy=\"{dy}\">{}</tspan>",
                    escape(line)
                );
            }
            svg.push_str("</text>\n");
            for (s, bar) in category.bars.iter().enumerate() {
                let y = y0 + s as f64 * (BAR + BAR_GAP);
                let right = x_of(bar.value);
                let _ = writeln!(
                    svg,
                    "<rect class=\"bar\" x=\"{PLOT_LEFT}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{BAR}\" fill=\"{}\" stroke=\"#000000\" stroke-width=\"0.8\"/>\
                     <text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                    right - PLOT_LEFT,
                    fill(&id, s),
                    right + 4.0,
                    y + BAR / 2.0 + 4.0,
                    escape(&bar.text)
                );
            }
            svg.push_str("</g>\n");
        }
        svg.push_str("</svg>\n");
        svg
    }
}

/// How a chart writes the ticks of its scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Values are cents: `100 000 €`.
    Money,
    /// Values are tenths of a percent: `50 %`.
    Percent,
    /// Values are tenths of a plain figure (an indicator's): `44,8`.
    Tenths,
}

/// A chart of a document, with what it needs to be written in any medium.
#[derive(Clone, Debug)]
pub struct Chart {
    /// Names the chart's file beside a Markdown document: `report-{slug}.svg`.
    pub slug: String,
    pub chart: BarChart,
    pub scale: Scale,
}

impl Chart {
    /// The chart as SVG, ticks in `lang`.
    pub fn svg(&self, standalone: bool, lang: Language) -> String {
        let tick = |v: i64| match self.scale {
            Scale::Money => number::money(Money::from_cents(v), lang),
            Scale::Percent => {
                // Ticks fall on whole percents: no decimal.
                let text = number::percent_tenths(Some(v.max(0) as u64), lang);
                text.replacen(if lang == Language::Fr { ",0" } else { ".0" }, "", 1)
            }
            Scale::Tenths => number::decimal(v as f64 / 10.0, lang),
        };
        self.chart.render(standalone, &tick)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(values: &[i64], series: usize) -> BarChart {
        BarChart {
            id: "test".to_owned(),
            title: "Financements <votés> & \"parts\"".to_owned(),
            axis_label: "Montant (€)".to_owned(),
            series: (0..series).map(|i| format!("série {i}")).collect(),
            categories: values
                .iter()
                .enumerate()
                .map(|(i, &v)| Category {
                    label: format!("Pilier {i} <b>"),
                    bars: (0..series)
                        .map(|_| Bar {
                            value: v,
                            text: format!("{v} €"),
                        })
                        .collect(),
                })
                .collect(),
            scale_end: None,
            unit: 1,
        }
    }

    fn plain(v: i64) -> String {
        v.to_string()
    }

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        let svg = chart(&[1], 1).render(false, &plain);
        assert!(svg.contains("Financements &lt;votés&gt; &amp; &quot;parts&quot;"));
        assert!(svg.contains("Pilier 0 &lt;b&gt;"));
        assert!(!svg.contains("<b>") && !svg.contains("<votés>"));
    }

    #[test]
    fn scales_are_round_and_hold_the_largest_value() {
        // 394 500,50 € in cents: steps of 100 000 €, up to 400 000 €.
        assert_eq!(scale(39_450_050, 100), (40_000_000, 10_000_000));
        // 236 000 €: steps of 50 000 €, up to 250 000 €.
        assert_eq!(scale(23_600_000, 100), (25_000_000, 5_000_000));
        // Nothing to show: one whole euro.
        assert_eq!(scale(0, 100), (100, 100));
        assert_eq!(scale(1000, 1), (1000, 200));
        assert_eq!(scale(7, 1), (8, 2));
        assert_eq!(scale(1, 1), (1, 1));
        assert_eq!(scale(31, 1), (40, 10));
    }

    /// The widths of the bars, in order.
    fn widths(svg: &str) -> Vec<f64> {
        svg.split("<rect class=\"bar\"")
            .skip(1)
            .map(|rest| {
                let at = rest.find("width=\"").unwrap() + 7;
                let end = rest[at..].find('"').unwrap();
                rest[at..at + end].parse().unwrap()
            })
            .collect()
    }

    #[test]
    fn bars_are_proportional_to_their_values() {
        // Scale 0..40 in steps of 10: 40 fills the plot, 20 half of it, 0 nothing.
        let svg = chart(&[40, 20, 0], 1).render(false, &plain);
        let full = PLOT_RIGHT - PLOT_LEFT;
        assert_eq!(widths(&svg), [full, full / 2.0, 0.0]);
        for tick in ["0", "10", "20", "30", "40"] {
            assert!(
                svg.contains(&format!("text-anchor=\"middle\">{tick}</text>")),
                "tick {tick}"
            );
        }
    }

    #[test]
    fn every_bar_has_its_value_and_the_chart_its_title_and_axis_label() {
        let svg = chart(&[40, 20, 0], 2).render(false, &plain);
        assert_eq!(svg.matches("class=\"value\"").count(), 6);
        for value in ["40 €", "20 €", "0 €"] {
            assert_eq!(svg.matches(&format!(">{value}</text>")).count(), 2);
        }
        assert!(svg.contains("class=\"chart-title\""));
        assert!(svg.contains("<title id=\"test-title\">"));
        assert!(svg.contains(">Montant (€)</text>"));
        // A legend names both series.
        assert!(svg.contains(">série 0</text>") && svg.contains(">série 1</text>"));
        let single = chart(&[1], 1).render(false, &plain);
        assert!(
            !single.contains(">série 0</text>"),
            "no legend for one series"
        );
    }

    #[test]
    fn readable_in_black_and_white() {
        let svg = chart(&[3, 2, 1], 3).render(false, &plain);
        // Series differ by shade and hatching; every colour is a grey.
        assert!(svg.contains("fill=\"url(#test-hatch)\""));
        assert!(svg.contains("<pattern id=\"test-hatch\""));
        for (i, _) in svg.match_indices("=\"#") {
            let hex = &svg[i + 3..i + 9];
            assert!(
                hex[0..2] == hex[2..4] && hex[2..4] == hex[4..6],
                "#{hex} is not a grey"
            );
        }
    }

    #[test]
    fn inline_charts_name_no_url_and_files_have_the_namespace() {
        let inline = chart(&[1], 1).render(false, &plain);
        assert!(inline.starts_with("<svg class=\"chart\""));
        assert!(!inline.contains("http"));
        let file = chart(&[1], 1).render(true, &plain);
        assert!(file.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        // Tags balance: every element opened is closed.
        for tag in ["svg", "g", "text", "title", "defs", "pattern"] {
            assert_eq!(
                file.matches(&format!("<{tag}")).count(),
                file.matches(&format!("</{tag}>")).count(),
                "<{tag}>"
            );
        }
    }

    #[test]
    fn long_labels_wrap_on_two_lines_at_most() {
        assert_eq!(wrap("Cohésion sociale", 40, 2), ["Cohésion sociale"]);
        assert_eq!(
            wrap("un deux trois quatre cinq six", 10, 2),
            ["un deux", "trois…"]
        );
        assert_eq!(wrap("abcdefghijklmnop", 10, 2), ["abcdefghi…"]);
        // The last word that does not fit is not lost silently.
        assert_eq!(wrap("un deux trois quatre", 10, 2), ["un deux", "trois…"]);
        assert_eq!(wrap("", 10, 2), Vec::<String>::new());
    }

    #[test]
    fn a_fixed_scale_ends_where_it_is_told() {
        let mut c = chart(&[500, 1000], 1);
        c.scale_end = Some(1000);
        c.unit = 10;
        let svg = c.render(false, &|v| format!("{} %", v / 10));
        let full = PLOT_RIGHT - PLOT_LEFT;
        assert_eq!(widths(&svg), [full / 2.0, full]);
        assert!(svg.contains(">100 %</text>") && svg.contains(">0 %</text>"));
    }
}
