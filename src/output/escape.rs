//! Contract text is hostile until escaped: it comes from partners' merge
//! requests and from spreadsheets. One escaper per medium, and nothing else
//! in the tool escapes by hand.

use std::borrow::Cow;

/// Text for a terminal (and for CI logs, which are terminals read later):
/// control characters are shown, never sent. An escape sequence would move the
/// cursor, set the window title or hide what follows; a carriage return would
/// overwrite the line; a bidi override would make the text read backwards.
/// Line breaks stay line breaks unless `one_line`.
pub fn terminal(text: &str, one_line: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_picture(c, one_line)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_picture(c, one_line) {
            push_picture(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_picture(c: char, one_line: bool) -> bool {
    match c {
        '\n' => one_line,
        '\t' => false,
        c if c.is_control() => true,
        c => is_bidi_control(c),
    }
}

/// The characters that reorder text on screen (Trojan Source, CVE-2021-42574).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// C0 controls as the Unicode control pictures (`␛`, `␍`, `␊`), DEL as `␡`,
/// and anything else (C1 controls, bidi controls) as `<U+202E>`.
fn push_picture(out: &mut String, c: char) {
    match c {
        '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7f}' => out.push('␡'),
        c => out.push_str(&format!("<U+{:04X}>", c as u32)),
    }
}

/// A whole text about to be printed for a person (not `--format github`): no
/// line may begin with `::`, which a GitHub runner would read as a workflow
/// command. Such a line gets a leading space.
pub fn no_workflow_commands(text: &str) -> Cow<'_, str> {
    if !text.starts_with("::") && !text.contains("\n::") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.starts_with("::") {
            out.push(' ');
        }
        out.push_str(line);
    }
    Cow::Owned(out)
}

/// Text inside Markdown: a table cell, a list item, a heading, a paragraph.
/// It reads as written once rendered: markup characters are escaped (so
/// `<img onerror=…>` stays text, never HTML), line breaks become spaces (so a
/// title cannot end a table row or forge a heading, a list or a paragraph),
/// control characters are shown, and `@` is kept from pinging anyone where
/// the text is posted as a merge-request comment.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // `&` only where it could start an entity: `Clic & Lien` stays
            // as written, `&amp;` shows as written.
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            // A word joiner after `@` breaks a mention without changing
            // what the reader sees.
            '@' => out.push_str("@\u{2060}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() || is_bidi_control(c) => push_picture(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Text and attribute values in HTML and SVG.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A control character is not text: show it (XML forbids most).
            c if (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c) => {
                push_picture(&mut out, c)
            }
            c => out.push(c),
        }
    }
    out
}

/// Text as a CSS string, quotes included (`content: "…"` of a page's margin
/// box): `"` and `\` are escaped, and every character that could end the
/// string, the declaration or the `<style>` element (line breaks, `<`, `>`,
/// `&`, control characters) is written as a CSS escape (`\3c `), so that
/// contract text stays one string.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || is_bidi_control(c) || matches!(c, '<' | '>' | '&' | '\'') => {
                out.push_str(&format!("\\{:x} ", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a DOCX run, before the writer escapes its markup (`<`, `&`):
/// XML 1.0 cannot hold control characters, so they are shown as pictures
/// (`␛`), as are bidi controls; line breaks and tabs become spaces.
pub fn docx(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c if c.is_control() || is_bidi_control(c) => push_picture(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// A spreadsheet cell (CSV or XLSX) that a spreadsheet would read as a
/// formula (`=`, `+`, `-`, `@`) or that starts with a tab or a carriage
/// return gets a leading `'`, so that it is shown as text and never run (CSV
/// injection). Other text is unchanged.
pub fn spreadsheet(text: &str) -> Cow<'_, str> {
    if guarded(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether [`spreadsheet`] guards a text: one read as a formula, or one
/// that would read back as a guarded one (`'=x` itself), so that
/// [`unspreadsheet`] gives back every text exactly.
fn guarded(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
        || text.strip_prefix('\'').is_some_and(guarded)
}

/// A cell [`spreadsheet`] guarded, as it was: what reads back an export.
pub fn unspreadsheet(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if guarded(rest) => rest,
        _ => text,
    }
}

/// The value or a property of a GitHub workflow command: `%`, CR and LF are
/// escaped, and also `:` and `,` in a property; other control characters are
/// shown, as in a terminal.
pub fn github(text: &str, property: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c if c.is_control() && c != '\t' || is_bidi_control(c) => push_picture(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminals_see_control_characters_never_receive_them() {
        assert_eq!(terminal("plain é", false), "plain é");
        assert_eq!(terminal("\u{1b}[5mblink", false), "␛[5mblink");
        assert_eq!(terminal("a\rb", false), "a␍b");
        assert_eq!(terminal("a\nb", false), "a\nb");
        assert_eq!(terminal("a\nb", true), "a␊b");
        assert_eq!(terminal("x\u{202e}y", true), "x<U+202E>y");
        assert_eq!(terminal("\u{9b}31m", true), "<U+009B>31m");
        assert_eq!(
            terminal("7-\u{1b}]0;PWNED\u{7}.toml", true),
            "7-␛]0;PWNED␇.toml"
        );
    }

    #[test]
    fn no_line_starts_a_workflow_command() {
        assert_eq!(
            no_workflow_commands("ok\n::error::x\n"),
            "ok\n ::error::x\n"
        );
        assert_eq!(no_workflow_commands("::warning::y"), " ::warning::y");
        assert_eq!(no_workflow_commands("a :: b\n"), "a :: b\n");
    }

    #[test]
    fn markdown_keeps_text_text() {
        assert_eq!(
            markdown("<img src=x onerror=alert(1)>"),
            "\\<img src=x onerror=alert(1)\\>"
        );
        assert_eq!(markdown("a | b\nc"), "a \\| b c");
        assert_eq!(markdown("Clic & Lien"), "Clic & Lien");
        assert_eq!(markdown("&amp; &#60;"), "\\&amp; \\&\\#60;");
        assert_eq!(
            markdown("*gras* _x_ [lien](y) `c`"),
            "\\*gras\\* \\_x\\_ \\[lien\\](y) \\`c\\`"
        );
        assert_eq!(markdown("l'accès « aux droits »"), "l'accès « aux droits »");
        assert_eq!(
            markdown("x\n## No change\n- item"),
            "x \\#\\# No change - item"
        );
        assert_eq!(markdown("cc @admin"), "cc @\u{2060}admin");
    }

    #[test]
    fn html_and_spreadsheets() {
        assert_eq!(
            html("<script>alert(1)</script> & \"x\" 'y'"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;"
        );
        assert_eq!(html("a\u{1b}b"), "a␛b");
        for (given, written) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+cmd", "'+cmd"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
        ] {
            assert_eq!(spreadsheet(given), written);
        }
        for safe in ["Association Rebonds", "P 1.2.3", "", "a=b", "'déjà"] {
            assert_eq!(spreadsheet(safe), safe);
        }
        // Every text reads back as it was, an apostrophe before `=` too.
        for text in ["=1", "'=1", "''=1", "'déjà", "a", "", "'", "-x"] {
            assert_eq!(unspreadsheet(&spreadsheet(text)), text, "{text}");
        }
    }

    #[test]
    fn css_strings_stay_one_string() {
        assert_eq!(css_string("Rapport 2023"), "\"Rapport 2023\"");
        assert_eq!(
            css_string("a\"; } body { display: none } x { content: \"b"),
            "\"a\\\"; } body { display: none } x { content: \\\"b\""
        );
        assert_eq!(
            css_string("</style><script>"),
            "\"\\3c /style\\3e \\3c script\\3e \""
        );
        assert_eq!(css_string("a\\b\nc"), "\"a\\\\b\\a c\"");
    }

    #[test]
    fn docx_text_holds_no_control_character() {
        assert_eq!(docx("a\u{0}b\u{1b}c\nd"), "a␀b␛c d");
        assert_eq!(docx("<w:t>&amp;</w:t>"), "<w:t>&amp;</w:t>");
        assert_eq!(docx("x\u{202e}y"), "x<U+202E>y");
    }

    #[test]
    fn github_commands() {
        assert_eq!(github("50% a\nb", false), "50%25 a%0Ab");
        assert_eq!(github("x.toml:1,2", true), "x.toml%3A1%2C2");
        assert_eq!(github("\u{1b}[1m", false), "␛[1m");
    }
}
