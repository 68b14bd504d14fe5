//! The committed schemas are fresh, and every contract file of the project
//! (converted from TOML to JSON) validates against its schema.

use std::path::{Path, PathBuf};

use contrat::schema::{self, FileKind};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn committed_schemas_are_fresh() {
    for kind in FileKind::ALL {
        let path = root().join("schema").join(kind.schema_file_name());
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == schema::text(kind),
            "{} is stale: run `cargo run -- schema --out schema`",
            path.display()
        );
    }
}

/// docs/FORMAT.md's key tables are the spec's, table by table: every key with
/// its shape and whether it is required, and no other. `CONTRAT_BLESS=1 cargo
/// test --test schema` writes them afresh.
#[test]
fn format_md_key_tables_are_the_specs() {
    let path = root().join("docs/FORMAT.md");
    let committed = std::fs::read_to_string(&path).unwrap();
    let fresh = contrat::spec::document_keys(&committed, contrat::spec::Spec::builtin())
        .unwrap_or_else(|e| panic!("docs/FORMAT.md: {e}"));
    if std::env::var_os("CONTRAT_BLESS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    assert!(
        committed == fresh,
        "docs/FORMAT.md's key tables are stale: run `CONTRAT_BLESS=1 cargo test --test schema`"
    );
}

/// Every `.toml` file of the contract folders that must be valid.
fn contract_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in [
        "contract",
        "examples/montauban-2023",
        "examples/quartiers-2030",
        "tests/fixtures/programmation",
        "tests/cmd/check-clean.in/contract",
        "examples/axes-2030",
        "examples/enjeux-2030",
        "examples/thematiques-2030",
    ] {
        for entry in std::fs::read_dir(root().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The schema a file names on its `#:schema` line, or else the committed one
/// of its kind.
fn schema_of(path: &Path, kind: FileKind) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let named = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("#:schema "))
        .map(|target| path.parent().unwrap().join(target));
    match named {
        Some(file) => serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap(),
        None => schema::schema(kind),
    }
}

#[test]
fn every_contract_file_validates() {
    let files = contract_files();
    assert!(files.len() >= 30, "{files:?}");
    for path in files {
        let table: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let json = serde_json::to_value(&table).unwrap();
        let kind = if path.file_name().unwrap() == "contrat.toml" {
            FileKind::Contract
        } else {
            FileKind::Pilier
        };
        let validator =
            jsonschema::draft7::new(&schema_of(&path, kind)).expect("a valid draft-07 schema");
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn the_schema_rejects_what_check_rejects() {
    let validator = jsonschema::draft7::new(&schema::schema(FileKind::Pilier)).unwrap();
    let invalid = [
        // An unknown key, as `unknown-key`.
        r#"pilier = 1
title = "x"
titel = "y""#,
        // A loose code, as `non-canonical-code`.
        r#"pilier = 1
title = "x"
[[priority]]
code = "P1.2.3"
title = "t""#,
        // A negative amount, as `bad-amount`.
        r#"pilier = 1
title = "x"
[[action]]
id = "a"
title = "t"
porteur = "p"
year = 2023
priorities = ["P 1.1.1"]
cost = -5"#,
        // An unknown status.
        r#"pilier = 1
title = "x"
[[action]]
id = "a"
title = "t"
porteur = "p"
year = 2023
priorities = ["P 1.1.1"]
status = "fundd""#,
        // A missing required key, as `missing-key`.
        r#"pilier = 1"#,
    ];
    for text in invalid {
        let table: toml::Table = toml::from_str(text).unwrap();
        let json = serde_json::to_value(&table).unwrap();
        assert!(!validator.is_valid(&json), "accepted:\n{text}");
    }
}

/// `contrat init` makes a folder that passes `check` without a warning, whose
/// files validate against the schemas it writes beside them and name them.
#[test]
fn init_output_passes_check_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Mirandelle");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_contrat"))
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[
        "init",
        folder.to_str().unwrap(),
        "--territory",
        "Mirandelle \"la Neuve\"",
        "--from",
        "2024",
        "--to",
        "2030",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let check = run(&[
        "--contract",
        folder.to_str().unwrap(),
        "check",
        "--deny-warnings",
    ]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert_eq!(
        String::from_utf8_lossy(&check.stdout),
        "0 errors, 0 warnings: 2 files, 1 priority, 0 actions checked\n"
    );
    assert_eq!(
        std::fs::read_to_string(folder.join(".gitattributes")).unwrap(),
        "*.toml diff=contrat\n"
    );
    for (file, kind) in [
        ("contrat.toml", FileKind::Contract),
        ("1-cohesion-sociale.toml", FileKind::Pilier),
    ] {
        let text = std::fs::read_to_string(folder.join(file)).unwrap();
        assert!(
            text.starts_with(&format!("#:schema schema/{}\n", kind.schema_file_name())),
            "{file}"
        );
        let written =
            std::fs::read_to_string(folder.join("schema").join(kind.schema_file_name())).unwrap();
        assert_eq!(written, schema::text(kind));
        let json = serde_json::to_value(toml::from_str::<toml::Table>(&text).unwrap()).unwrap();
        assert!(
            jsonschema::draft7::new(&schema::schema(kind))
                .unwrap()
                .is_valid(&json),
            "{file}"
        );
    }
    // The territory is quoted once: its quotes are text.
    let contract = std::fs::read_to_string(folder.join("contrat.toml")).unwrap();
    assert!(
        contract.contains("territory = 'Mirandelle \"la Neuve\"'\n")
            && contract.contains("ville = 'Ville de Mirandelle \"la Neuve\"'\n")
            && contract.contains("title = 'Contrat de ville de Mirandelle \"la Neuve\"'\n"),
        "{contract}"
    );
    // A second init into the same folder refuses and changes nothing.
    let again = run(&["init", folder.to_str().unwrap(), "--territory", "X"]);
    assert_eq!(again.status.code(), Some(2));
}

/// Each file of `contract/` and of the examples names its schema on its first
/// line, and the path leads to the committed schema of its kind.
#[test]
fn contract_files_name_their_schema() {
    let mut named = 0;
    for folder in [
        "contract",
        "examples/montauban-2023",
        "examples/quartiers-2030",
        "examples/axes-2030",
        "examples/enjeux-2030",
        "examples/thematiques-2030",
    ] {
        for entry in std::fs::read_dir(root().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let first = text.lines().next().unwrap_or_default();
            let target = first
                .strip_prefix("#:schema ")
                .unwrap_or_else(|| panic!("{}: no #:schema line", path.display()));
            let kind = if path.file_name().unwrap() == "contrat.toml" {
                FileKind::Contract
            } else {
                FileKind::Pilier
            };
            let resolved = path.parent().unwrap().join(target).canonicalize().unwrap();
            // A contract that declares its tree has its own schemas, beside
            // its files, as `contrat schema --out` writes them.
            let own = root().join(folder).join("schema");
            let expected = if own.is_dir() {
                let fresh = std::process::Command::new(env!("CARGO_BIN_EXE_contrat"))
                    .current_dir(root())
                    .args(["--contract", folder, "schema"])
                    .arg(if kind == FileKind::Contract {
                        "contrat"
                    } else {
                        "pilier"
                    })
                    .output()
                    .unwrap();
                let committed = std::fs::read(own.join(kind.schema_file_name())).unwrap();
                assert!(
                    fresh.stdout == committed,
                    "{folder}/schema is stale: run `contrat --contract {folder} schema --out {folder}/schema`"
                );
                own.join(kind.schema_file_name())
            } else {
                root().join("schema").join(kind.schema_file_name())
            };
            assert_eq!(
                resolved,
                expected.canonicalize().unwrap(),
                "{}",
                path.display()
            );
            named += 1;
        }
    }
    // contract/ 4 files, montauban-2023 4, quartiers-2030 5, axes-2030 5,
    // enjeux-2030 4, thematiques-2030 4.
    assert_eq!(named, 26);
}

/// A file with every key the spec defines, each table with all of its keys,
/// each value from its key's example line.
fn full(table: &contrat::spec::TableSpec) -> toml::Table {
    use contrat::spec::Shape;
    let mut out = toml::Table::new();
    for key in &table.keys {
        let value = match &key.shape {
            Shape::Inline(sub) | Shape::Table(sub) => toml::Value::Table(full(sub)),
            Shape::Tables(sub) | Shape::InlineTables(sub) => {
                toml::Value::Array(vec![toml::Value::Table(full(sub))])
            }
            _ => {
                let line: toml::Table = toml::from_str(&key.example).unwrap();
                line[key.name.as_ref()].clone()
            }
        };
        out.insert(key.name.to_string(), value);
    }
    out
}

/// The tables of a file, each by its path of keys (an array's first entry).
fn tables_of(root: &contrat::spec::TableSpec) -> Vec<(Vec<String>, &contrat::spec::TableSpec)> {
    let mut out = vec![(Vec::new(), root)];
    for (path, table) in root.subtables() {
        out.push((path.iter().map(|k| (*k).to_owned()).collect(), table));
    }
    out
}

/// The table at `path` in a document, arrays entered at their first entry.
fn at<'d>(doc: &'d mut toml::Table, path: &[String]) -> &'d mut toml::Table {
    let mut t = doc;
    for key in path {
        t = match t.get_mut(key).unwrap() {
            toml::Value::Array(items) => items[0].as_table_mut().unwrap(),
            value => value.as_table_mut().unwrap(),
        };
    }
    t
}

/// A contract file with every key of `spec`'s: the builtin tree's leaves
/// out `tree`, which would declare another tree.
fn full_file(spec: &contrat::spec::Spec, kind: FileKind) -> toml::Table {
    let mut out = full(spec.file(kind));
    if kind == FileKind::Contract && !spec.tree.declared {
        out.remove("tree");
    }
    out
}

/// The rules `check` reports on a contract whose file of `kind` is `doc`,
/// the other file being complete.
fn reader_rules(
    spec: &contrat::spec::Spec,
    kind: FileKind,
    doc: &toml::Table,
) -> Vec<contrat::diagnostic::Rule> {
    let folder = PathBuf::from("c");
    let mut files = Vec::new();
    for other in FileKind::ALL {
        let table = if other == kind {
            doc.clone()
        } else {
            full_file(spec, other)
        };
        let name = match other {
            FileKind::Contract => "contrat.toml",
            FileKind::Pilier => "1-p.toml",
        };
        files.push(contrat::load::MemoryFile {
            path: folder.join(name),
            bytes: toml::to_string(&table).unwrap().into_bytes(),
        });
    }
    let loaded = contrat::load::load_memory(&folder, files);
    loaded.diagnostics.iter().map(|d| d.rule).collect()
}

/// The schemas and the reader agree key by key, for every table of the spec:
/// a file with every key is valid for both; without a required key, or with
/// a key no table defines, the schema rejects it and `check` reports
/// `missing-key` or `unknown-key`.
#[test]
fn the_schema_and_the_reader_agree_on_every_key() {
    let builtin = contrat::spec::Spec::builtin();
    // 20 tables (12 of contrat.toml, `[tree]` apart, with `[[porteur]]` and
    // `[[post]]`; 8 of a pilier file, with an action's `dates`) and 38
    // required keys (24: a porteur's id and name, a post's number, kind,
    // porteur and year among them; and 14).
    assert_eq!(agree(builtin), 58);
    // The tree `[tree]`'s examples declare: one level, `objectif`, which
    // actions name, numbered `O {path}`.
    let declared = full(builtin.file(FileKind::Contract))["tree"].clone();
    let text = toml::to_string(&toml::toml! { tree = declared }).unwrap();
    let folder = PathBuf::from("c");
    let loaded = contrat::load::load_memory(
        &folder,
        vec![contrat::load::MemoryFile {
            path: folder.join("contrat.toml"),
            bytes: format!(
                "title = \"T\"\nterritory = \"T\"\nperiod = {{ from = 2024, to = 2030 }}\n{text}"
            )
            .into_bytes(),
        }],
    );
    let tree = loaded.contract.tree.clone();
    assert!(
        tree.declared,
        "{:?}",
        loaded
            .diagnostics
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
    let spec = contrat::spec::Spec::new(tree);
    // contrat.toml: 14 tables (`[tree]`, its levels and transversal family
    // in, `[labels]` out) and 32 required keys; a file of the tree: its root
    // (which takes the keys of an entry actions name), `protocole` and the
    // action's 4 tables, and 10 required keys.
    assert_eq!(agree(&spec), 62);
}

/// Checks `spec`'s schemas against its reader; returns how many tables and
/// required keys it checked.
fn agree(spec: &contrat::spec::Spec) -> usize {
    use contrat::diagnostic::Rule;
    let reader_level = [Rule::MissingKey, Rule::UnknownKey, Rule::WrongType];
    let mut checked = 0;
    for kind in FileKind::ALL {
        let validator = jsonschema::draft7::new(&schema::of_file(spec.file(kind))).unwrap();
        let complete = full_file(spec, kind);
        let json = |doc: &toml::Table| serde_json::to_value(doc).unwrap();
        assert!(validator.is_valid(&json(&complete)), "{kind:?}: {complete}");
        let rules = reader_rules(spec, kind, &complete);
        assert!(
            rules.iter().all(|r| !reader_level.contains(r)),
            "{kind:?}: {rules:?}"
        );
        for (path, table) in tables_of(spec.file(kind)) {
            // `[tree]` of the builtin spec is checked with the declared one.
            if path.first().is_some_and(|k| !complete.contains_key(k)) {
                continue;
            }
            let mut unknown = complete.clone();
            at(&mut unknown, &path).insert("zzz".to_owned(), toml::Value::Integer(1));
            assert!(!validator.is_valid(&json(&unknown)), "{path:?}: zzz");
            assert!(
                reader_rules(spec, kind, &unknown).contains(&Rule::UnknownKey),
                "{path:?}: zzz"
            );
            for key in table.keys.iter().filter(|k| k.required) {
                let mut missing = complete.clone();
                at(&mut missing, &path).remove(key.name.as_ref());
                assert!(
                    !validator.is_valid(&json(&missing)),
                    "{path:?}: {}",
                    key.name
                );
                assert!(
                    reader_rules(spec, kind, &missing).contains(&Rule::MissingKey),
                    "{path:?}: {}",
                    key.name
                );
                checked += 1;
            }
            checked += 1;
        }
    }
    checked
}
