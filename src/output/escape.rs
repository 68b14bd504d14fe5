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
    Cow::Owned(each_char(text, |c, _| {
        if needs_picture(c, one_line) {
            Write::Picture
        } else {
            Write::Keep
        }
    }))
}

/// What an escaper writes for one character.
enum Write {
    /// The character itself.
    Keep,
    /// The character after a backslash.
    Backslashed,
    /// Text in its place.
    Text(&'static str),
    /// Its picture ([`push_picture`]): a control character is shown, never
    /// sent.
    Picture,
    /// Its code point in hex after a backslash, then a space: a CSS escape.
    CssEscape,
}

/// `text` with each character written as `rule` says, given the character
/// after it: the one loop of every escaper.
fn each_char(text: &str, rule: impl Fn(char, Option<char>) -> Write) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match rule(c, chars.peek().copied()) {
            Write::Keep => out.push(c),
            Write::Backslashed => {
                out.push('\\');
                out.push(c);
            }
            Write::Text(t) => out.push_str(t),
            Write::Picture => push_picture(&mut out, c),
            Write::CssEscape => out.push_str(&format!("\\{:x} ", c as u32)),
        }
    }
    out
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
    each_char(text, |c, next| match c {
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => Write::Backslashed,
        // `&` only where it could start an entity: `Clic & Lien` stays as
        // written, `&amp;` shows as written.
        '&' if next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#') => Write::Backslashed,
        // A word joiner after `@` breaks a mention without changing what the
        // reader sees.
        '@' => Write::Text("@\u{2060}"),
        '\n' | '\r' | '\t' => Write::Text(" "),
        c if c.is_control() || is_bidi_control(c) => Write::Picture,
        _ => Write::Keep,
    })
}

/// A link destination in Markdown that survives spaces and parentheses in a
/// file name.
pub fn link_destination(file: &str) -> String {
    each_char(file, |c, _| match c {
        ' ' => Write::Text("%20"),
        '(' => Write::Text("%28"),
        ')' => Write::Text("%29"),
        '<' => Write::Text("%3C"),
        '>' => Write::Text("%3E"),
        _ => Write::Keep,
    })
}

/// Text and attribute values in HTML and SVG.
pub fn html(text: &str) -> String {
    each_char(text, |c, _| match c {
        '&' => Write::Text("&amp;"),
        '<' => Write::Text("&lt;"),
        '>' => Write::Text("&gt;"),
        '"' => Write::Text("&quot;"),
        '\'' => Write::Text("&#39;"),
        // A control character is not text: show it (XML forbids most).
        c if (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c) => Write::Picture,
        _ => Write::Keep,
    })
}

/// Text as a CSS string, quotes included (`content: "…"` of a page's margin
/// box): `"` and `\` are escaped, and every character that could end the
/// string, the declaration or the `<style>` element (line breaks, `<`, `>`,
/// `&`, control characters) is written as a CSS escape (`\3c `), so that
/// contract text stays one string.
pub fn css_string(text: &str) -> String {
    let inner = each_char(text, |c, _| match c {
        '"' | '\\' => Write::Backslashed,
        c if c.is_control() || is_bidi_control(c) || matches!(c, '<' | '>' | '&' | '\'') => {
            Write::CssEscape
        }
        _ => Write::Keep,
    });
    format!("\"{inner}\"")
}

/// Text for a DOCX run, before the writer escapes its markup (`<`, `&`):
/// XML 1.0 cannot hold control characters, so they are shown as pictures
/// (`␛`), as are bidi controls; line breaks and tabs become spaces.
pub fn docx(text: &str) -> String {
    each_char(text, |c, _| match c {
        '\n' | '\r' | '\t' => Write::Text(" "),
        '\u{fffe}' | '\u{ffff}' => Write::Text("\u{fffd}"),
        c if c.is_control() || is_bidi_control(c) => Write::Picture,
        _ => Write::Keep,
    })
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
    each_char(text, |c, _| match c {
        '%' => Write::Text("%25"),
        '\r' => Write::Text("%0D"),
        '\n' => Write::Text("%0A"),
        ':' if property => Write::Text("%3A"),
        ',' if property => Write::Text("%2C"),
        c if c.is_control() && c != '\t' || is_bidi_control(c) => Write::Picture,
        _ => Write::Keep,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::maps;

    #[test]
    fn terminals_see_control_characters_never_receive_them() {
        maps(
            |t| terminal(t, false),
            [
                ("plain é", "plain é"),
                ("\u{1b}[5mblink", "␛[5mblink"),
                ("a\rb", "a␍b"),
                ("a\nb", "a\nb"),
            ],
        );
        maps(
            |t| terminal(t, true),
            [
                ("a\nb", "a␊b"),
                ("x\u{202e}y", "x<U+202E>y"),
                ("\u{9b}31m", "<U+009B>31m"),
                ("7-\u{1b}]0;PWNED\u{7}.toml", "7-␛]0;PWNED␇.toml"),
            ],
        );
    }

    #[test]
    fn no_line_starts_a_workflow_command() {
        maps(
            no_workflow_commands,
            [
                ("ok\n::error::x\n", "ok\n ::error::x\n"),
                ("::warning::y", " ::warning::y"),
                ("a :: b\n", "a :: b\n"),
            ],
        );
    }

    #[test]
    fn markdown_keeps_text_text() {
        maps(
            markdown,
            [
                (
                    "<img src=x onerror=alert(1)>",
                    "\\<img src=x onerror=alert(1)\\>",
                ),
                ("a | b\nc", "a \\| b c"),
                ("Clic & Lien", "Clic & Lien"),
                ("&amp; &#60;", "\\&amp; \\&\\#60;"),
                (
                    "*gras* _x_ [lien](y) `c`",
                    "\\*gras\\* \\_x\\_ \\[lien\\](y) \\`c\\`",
                ),
                ("l'accès « aux droits »", "l'accès « aux droits »"),
                ("x\n## No change\n- item", "x \\#\\# No change - item"),
                ("cc @admin", "cc @\u{2060}admin"),
            ],
        );
    }

    #[test]
    fn html_and_spreadsheets() {
        maps(
            html,
            [
                (
                    "<script>alert(1)</script> & \"x\" 'y'",
                    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;",
                ),
                ("a\u{1b}b", "a␛b"),
            ],
        );
        maps(
            spreadsheet,
            [
                (
                    "=HYPERLINK(\"http://x\",\"y\")",
                    "'=HYPERLINK(\"http://x\",\"y\")",
                ),
                ("+cmd", "'+cmd"),
                ("-1+1", "'-1+1"),
                ("@SUM(A1)", "'@SUM(A1)"),
                ("\tx", "'\tx"),
                ("\rx", "'\rx"),
            ],
        );
        maps(
            spreadsheet,
            ["Association Rebonds", "P 1.2.3", "", "a=b", "'déjà"].map(|safe| (safe, safe)),
        );
        // Every text reads back as it was, an apostrophe before `=` too.
        for text in ["=1", "'=1", "''=1", "'déjà", "a", "", "'", "-x"] {
            assert_eq!(unspreadsheet(&spreadsheet(text)), text, "{text}");
        }
    }

    #[test]
    fn css_strings_stay_one_string() {
        maps(
            css_string,
            [
                ("Rapport 2023", "\"Rapport 2023\""),
                (
                    "a\"; } body { display: none } x { content: \"b",
                    "\"a\\\"; } body { display: none } x { content: \\\"b\"",
                ),
                ("</style><script>", "\"\\3c /style\\3e \\3c script\\3e \""),
                ("a\\b\nc", "\"a\\\\b\\a c\""),
            ],
        );
    }

    #[test]
    fn docx_text_holds_no_control_character() {
        maps(
            docx,
            [
                ("a\u{0}b\u{1b}c\nd", "a␀b␛c d"),
                ("<w:t>&amp;</w:t>", "<w:t>&amp;</w:t>"),
                ("x\u{202e}y", "x<U+202E>y"),
            ],
        );
    }

    #[test]
    fn github_commands() {
        maps(
            |t| github(t, false),
            [("50% a\nb", "50%25 a%0Ab"), ("\u{1b}[1m", "␛[1m")],
        );
        maps(|t| github(t, true), [("x.toml:1,2", "x.toml%3A1%2C2")]);
    }
}
