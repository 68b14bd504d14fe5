//! Every rule has an end-to-end case: some `tests/cmd/rule-*.toml` whose expected
//! stdout shows a finding of that rule. A new rule without a case fails here.

use std::fs;
use std::path::Path;

use contrat::diagnostic::Rule;

/// The expected stdout of a trycmd case: the text of its `stdout = """…"""`.
fn expected_stdout(case: &str) -> Option<&str> {
    let start = case.find("stdout = \"\"\"")? + "stdout = \"\"\"".len();
    let rest = &case[start..];
    let end = rest.find("\"\"\"")?;
    Some(&rest[..end])
}

#[test]
fn every_rule_has_a_case() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd");
    let mut outputs = Vec::new();
    for entry in fs::read_dir(&dir).expect("tests/cmd exists") {
        let path = entry.expect("tests/cmd can be listed").path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let is_case = name.starts_with("rule-") && name.ends_with(".toml") && path.is_file();
        if !is_case {
            continue;
        }
        let case = fs::read_to_string(&path).expect("a case is UTF-8 text");
        let stdout = expected_stdout(&case)
            .unwrap_or_else(|| panic!("{} has no `stdout = \"\"\"…\"\"\"`", path.display()));
        outputs.push((name.into_owned(), stdout.to_owned()));
    }
    assert!(!outputs.is_empty(), "no tests/cmd/rule-*.toml case found");

    let missing: Vec<&str> = Rule::ALL
        .iter()
        .map(|rule| rule.name())
        .filter(|name| {
            let error = format!("error[{name}]");
            let warning = format!("warning[{name}]");
            !outputs
                .iter()
                .any(|(_, out)| out.contains(&error) || out.contains(&warning))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "rules without an end-to-end case (add tests/cmd/rule-<name>.toml and its \
         rule-<name>.in/contract/ fixture): {}",
        missing.join(", ")
    );
}

/// Each `rule-<name>.toml` case shows a finding of the rule it is named after.
#[test]
fn rule_cases_show_their_rule() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd");
    for entry in fs::read_dir(&dir).expect("tests/cmd exists") {
        let path = entry.expect("tests/cmd can be listed").path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let Some(stem) = name
            .strip_prefix("rule-")
            .and_then(|n| n.strip_suffix(".toml"))
        else {
            continue;
        };
        // `rule-syntax-bad-integer` tests `syntax`: the longest rule name that
        // prefixes the case name is the rule under test.
        let rule = Rule::ALL
            .iter()
            .map(|r| r.name())
            .filter(|r| stem == *r || stem.starts_with(&format!("{r}-")))
            .max_by_key(|r| r.len())
            .unwrap_or_else(|| panic!("{name} is not named after a rule"));
        let case = fs::read_to_string(&path).expect("a case is UTF-8 text");
        let stdout = expected_stdout(&case).unwrap_or_default();
        assert!(
            stdout.contains(&format!("error[{rule}]"))
                || stdout.contains(&format!("warning[{rule}]")),
            "{name} shows no finding of `{rule}`"
        );
    }
}
