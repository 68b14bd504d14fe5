//! The yearly report as a council document: the HTML cover, contents and
//! paged media, and the DOCX an officer edits. The DOCX is opened as a word
//! processor would, from its `word/document.xml`.

use std::io::Read;
use std::path::Path;

use crate::support::{command, repo, stdout};

/// Runs `contrat --contract DIR report --year 2023 ARGS`.
fn report(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec![
        "--contract",
        dir.to_str().unwrap(),
        "report",
        "--year",
        "2023",
    ];
    all.extend(args);
    command(&repo(""), &all).output().unwrap()
}

fn example() -> std::path::PathBuf {
    repo("examples/montauban-2023")
}

/// The `word/document.xml` of a DOCX file.
fn document_xml(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The paragraphs of a document, as (style, text), reading the XML with a
/// real parser: a file that is not well-formed fails here.
fn paragraphs(xml: &str) -> Vec<(String, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let (mut style, mut text, mut in_text) = (String::new(), String::new(), false);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"w:p" => {
                style.clear();
                text.clear();
            }
            Event::Empty(e) if e.name().as_ref() == b"w:pStyle" => {
                let v = e.try_get_attribute("w:val").unwrap().unwrap();
                style = String::from_utf8(v.value.into_owned()).unwrap();
            }
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Text(t) if in_text => text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if in_text => {
                let name = String::from_utf8(r.to_vec()).unwrap();
                text.push_str(match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            Event::End(e) if e.name().as_ref() == b"w:p" => {
                out.push((style.clone(), text.clone()));
            }
            _ => {}
        }
    }
    out
}

/// The rows of every table, as the texts of their cells.
fn rows(xml: &str) -> Vec<Vec<String>> {
    let cell_text = |cell: &str| {
        paragraphs(&format!("<w:x>{cell}</w:x>"))
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = Vec::new();
    for row in xml.split("<w:tr>").skip(1) {
        let row = &row[..row.find("</w:tr>").unwrap()];
        let cells = row
            .split("<w:tc>")
            .skip(1)
            .map(|c| cell_text(&c[..c.find("</w:tc>").unwrap()]))
            .collect();
        out.push(cells);
    }
    out
}

/// `717 251,25 €` as cents.
fn cents(text: &str) -> i64 {
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == ',')
        .collect();
    let (euros, cents) = digits.split_once(',').unwrap_or((&digits, "0"));
    euros.parse::<i64>().unwrap() * 100 + format!("{cents:0<2}").parse::<i64>().unwrap()
}

#[test]
fn the_docx_has_the_sections_as_heading_1_and_the_figures_of_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("bilan.docx");
    let out = report(
        &example(),
        &[
            "-o",
            docx.to_str().unwrap(),
            "--council",
            "Conseil communautaire",
            "--date",
            "2024-06-27",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xml = document_xml(&docx);
    let paragraphs = paragraphs(&xml);
    let headings: Vec<&str> = paragraphs
        .iter()
        .filter(|(style, _)| style == "Heading1")
        .map(|(_, text)| text.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "1. Synthèse",
            "2. Les orientations du contrat",
            "3. L'évolution de la situation des quartiers",
            "4. Les actions de l'année",
            "5. Les communes, l'intercommunalité et les signataires",
            "6. Les moyens mobilisés",
            "7. La couverture du contrat",
            "8. Les manques",
            "9. Le renouvellement urbain (NPNRU)",
            "10. Les communes bénéficiaires de la DSU",
            "11. Les quartiers",
            "12. Les orientations transversales",
            "13. Les indicateurs",
            "14. Comparaison avec l'année précédente (2022)",
            "Annexe A — Le détail des manques",
        ]
    );
    // The cover, in its styles.
    assert!(paragraphs.contains(&(
        "Title".into(),
        "Rapport annuel politique de la ville 2023".into()
    )));
    assert!(
        paragraphs
            .iter()
            .any(|(_, t)| t == "Présenté au Conseil communautaire du 27 juin 2024")
    );
    // Sub-headings: the orientations of the coverage, under their code.
    assert!(
        paragraphs
            .iter()
            .any(|(s, t)| s == "Heading2" && t.starts_with("OS 1.3 — "))
    );

    // The key figures are the JSON report's.
    let json: serde_json::Value =
        serde_json::from_slice(&report(&example(), &["--format", "json"]).stdout).unwrap();
    let rows = rows(&xml);
    let figure = |label: &str| -> &Vec<String> {
        rows.iter()
            .find(|r| r.first().map(String::as_str) == Some(label))
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    let euros = |v: &serde_json::Value| (v.as_f64().unwrap() * 100.0).round() as i64;
    assert_eq!(
        cents(&figure("Financements votés")[1]),
        euros(&json["means"]["funding"])
    );
    assert_eq!(
        cents(&figure("Coût total")[1]),
        euros(&json["means"]["cost"])
    );
    assert_eq!(
        cents(&figure("Crédits de l'État")[1]),
        euros(&json["means"]["state_funding"])
    );
    assert_eq!(
        figure("Actions retenues (financées, réalisées ou clôturées)")[1],
        json["actions"]["counted"].to_string()
    );
    // Every counted action is a row of the action list, with its money.
    for action in json["actions"]["list"].as_array().unwrap() {
        let id = action["id"].as_str().unwrap();
        let row = rows
            .iter()
            .find(|r| r.first().map(String::as_str) == Some(id))
            .unwrap_or_else(|| panic!("no row for {id}"));
        assert_eq!(row[1], action["title"].as_str().unwrap());
        assert_eq!(cents(&row[7]), euros(&action["funding"]), "{id}");
    }
    // Header rows repeat, and no row splits across pages.
    let tables = xml.matches("<w:tbl>").count();
    assert_eq!(xml.matches("<w:tblHeader/>").count(), tables);
    assert_eq!(
        xml.matches("<w:tr>").count(),
        xml.matches("<w:cantSplit />").count()
    );
    // The charts, as PNG images.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let images = (0..zip.len())
        .filter(|&i| {
            let mut f = zip.by_index(i).unwrap();
            let mut head = [0u8; 8];
            f.name().unwrap().starts_with("word/media/")
                && f.read_exact(&mut head).is_ok()
                && head == *b"\x89PNG\r\n\x1a\n"
        })
        .count();
    // The four charts of the figures, and one per indicator of the quartiers.
    assert_eq!(images, 6);
}

#[test]
fn hostile_contract_text_stays_text_in_the_docx() {
    let dir = tempfile::tempdir().unwrap();
    let contract = dir.path().join("c");
    std::fs::create_dir(&contract).unwrap();
    // `check` refuses control characters in a contract; markup it lets through.
    let hostile = "</w:t></w:r><w:r><w:t>injecté</w:t> & <script> ]]> &amp;";
    std::fs::write(
        contract.join("contrat.toml"),
        format!(
            "title = \"{hostile}\"\nterritory = \"Bourg & <Cie>\"\nperiod = {{ from = 2022, to = 2023 }}\nlanguage = \"fr\"\n\n[funders]\nville = \"Ville\"\n"
        ),
    )
    .unwrap();
    std::fs::write(
        contract.join("1.toml"),
        format!(
            "pilier = 1\ntitle = \"Cohésion\"\n\n[[orientation]]\ncode = \"OS 1.1\"\ntitle = \"O\"\n\n\
             [[priority]]\ncode = \"P 1.1.1\"\ntitle = \"{hostile}\"\n\n[[action]]\nid = \"2023-001\"\ntitle = \"{hostile}\"\n\
             porteur = \"Alpha\"\nyear = 2023\npriorities = [\"P 1.1.1\"]\ncost = 3000\n\n[action.funding]\nville = 1000\n"
        ),
    )
    .unwrap();
    let docx = dir.path().join("r.docx");
    let out = report(&contract, &["-o", docx.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xml = document_xml(&docx);
    // The markup is text: nothing was injected, and the file is well-formed.
    assert!(!xml.contains("<w:t>injecté"), "markup was injected");
    let written = "</w:t></w:r><w:r><w:t>injecté</w:t> & <script> ]]> &amp;";
    let paragraphs = paragraphs(&xml);
    assert!(
        paragraphs
            .iter()
            .any(|(s, t)| s == "Subtitle" && t == written),
        "{paragraphs:?}"
    );
    assert!(paragraphs.iter().any(|(_, t)| t == "Bourg & <Cie>"));
    // The action's title in its table cell, as written.
    assert!(
        rows(&xml)
            .iter()
            .any(|r| r.len() > 1 && r[0] == "2023-001" && r[1] == written)
    );
}

#[test]
fn control_characters_never_reach_the_docx_xml() {
    use contrat::model::Language;
    use contrat::output::{self, Block, Cell, Column, Doc, Emit, Format, Kind, Table};
    let mut t = Table::new("t", vec![Column::new("title", "Intitulé", Kind::Text)]);
    t.push(vec![Cell::text("a\u{1b}[31mb\u{0}c\u{7}d\u{202e}e")]);
    let doc = Doc {
        title: Some("x\u{1}y".into()),
        blocks: vec![Block::Table(t)],
        ..Doc::default()
    };
    let emitted = output::emit(
        &doc,
        &Emit {
            format: Format::Docx,
            lang: Language::Fr,
            width: None,
            color: false,
            chart_stem: None,
        },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.docx");
    std::fs::write(&path, emitted.bytes).unwrap();
    let xml = document_xml(&path);
    assert!(
        !xml.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    );
    assert_eq!(rows(&xml)[1], ["a␛[31mb␀c␇d<U+202E>e"]);
    assert!(paragraphs(&xml).contains(&("Title".into(), "x␁y".into())));
}

#[test]
fn the_html_cover_names_the_council_and_embeds_the_logo() {
    let dir = tempfile::tempdir().unwrap();
    let logo = dir.path().join("logo.svg");
    std::fs::write(
        &logo,
        "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\"/></svg>\n",
    )
    .unwrap();
    let html = dir.path().join("bilan.html");
    let out = report(
        &example(),
        &[
            "-o",
            html.to_str().unwrap(),
            "--council",
            "Conseil communautaire",
            "--date",
            "2024-06-01",
            "--logo",
            logo.to_str().unwrap(),
            "--toc-pages",
            "synthesis=3,gaps=16",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains(
            "<p class=\"presented\">Présenté au Conseil communautaire du 1er juin 2024</p>"
        )
    );
    assert!(page.contains("<img class=\"logo\" alt=\"\" src=\"data:image/svg+xml;base64,PD94bWwg"));
    // Page numbers only where they were measured.
    assert!(page.contains(
        "<a href=\"#synthesis\"><span class=\"entry\">1. Synthèse</span><span class=\"leader\"></span><span class=\"page\">3</span></a>"
    ));
    assert!(page.contains(
        "<a href=\"#orientations\"><span class=\"entry\">2. Les orientations du contrat</span></a>"
    ));
    // The running title and the page numbers, in the page's margin boxes.
    assert!(page.contains(
        "@top-center { content: \"Rapport annuel politique de la ville 2023 — Montauban\";"
    ));
    assert!(page.contains("@bottom-center { content: counter(page) \" / \" counter(pages);"));
    assert!(page.contains(
        "@page :first { @top-center { content: none; } @bottom-center { content: none; } }"
    ));
}

#[test]
fn bad_cover_options_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let gif = dir.path().join("logo.gif");
    std::fs::write(&gif, b"GIF89a\x01\x00\x01\x00").unwrap();
    let html = dir.path().join("b.html");
    let html = html.to_str().unwrap();
    for (args, says) in [
        (
            vec!["-o", html, "--logo", gif.to_str().unwrap()],
            "is not a PNG, JPEG or SVG image",
        ),
        (
            vec!["-o", html, "--date", "2024-02-30"],
            "that month has 29 days",
        ),
        (
            vec!["-o", html, "--date", "27/06/2024"],
            "write it YYYY-MM-DD",
        ),
        (
            vec!["-o", html, "--toc-pages", "nowhere=3"],
            "the report has no such section",
        ),
        (
            vec!["--format", "docx"],
            "a DOCX document is written to a file",
        ),
    ] {
        let out = report(&example(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stdout(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert!(!Path::new(html).exists());
}
