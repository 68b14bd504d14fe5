//! JSON Schemas of the two kinds of contract file, for editors (taplo, the
//! Even Better TOML extension read `#:schema` lines).
//!
//! Each schema is written from the format's spec ([`crate::spec`]), the same
//! description the reader and `fmt` follow, so the editor and `contrat check`
//! agree on every key by construction. Descriptions are the spec's docs.

use serde_json::{Map, Value, json};

use crate::diagnostic::Rule;
use crate::model::MAX_EUROS;
use crate::spec::{KeySpec, MapKeys, Shape, Spec, TableSpec};

pub use crate::spec::FileKind;

/// The JSON Schema (draft-07, which taplo reads) of one kind of file of the
/// built-in format.
pub fn schema(kind: FileKind) -> Value {
    of_file(Spec::builtin().file(kind))
}

/// The JSON Schema of a file described by `file`.
pub fn of_file(file: &TableSpec) -> Value {
    let mut schema = table(file);
    schema["$schema"] = json!("http://json-schema.org/draft-07/schema#");
    schema["title"] = json!(file.name);
    schema
}

/// The schema as committed: pretty JSON with a final newline.
pub fn text(kind: FileKind) -> String {
    text_of(Spec::builtin(), kind)
}

/// The schema of one kind of file of a contract whose format is `spec` (its
/// declared tree's), as written.
pub fn text_of(spec: &Spec, kind: FileKind) -> String {
    crate::output::json_text(&of_file(spec.file(kind)))
}

/// An object with exactly the table's keys.
fn table(spec: &TableSpec) -> Value {
    let properties: Map<String, Value> = spec
        .keys
        .iter()
        .map(|key| (key.name.to_string(), property(key)))
        .collect();
    let required: Vec<&str> = spec
        .keys
        .iter()
        .filter(|k| k.required)
        .map(|k| k.name.as_ref())
        .collect();
    let mut schema = json!({
        "type": "object",
        "description": spec.doc,
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

fn property(key: &KeySpec) -> Value {
    let mut schema = shape_schema(&key.shape);
    schema["description"] = json!(key.doc);
    schema
}

fn shape_schema(shape: &Shape) -> Value {
    match shape {
        Shape::Text => json!({ "type": "string" }),
        Shape::OneOf(words) => json!({ "type": "string", "enum": words }),
        Shape::Code { pattern, .. } => json!({ "type": "string", "pattern": pattern }),
        Shape::Codes {
            patterns,
            non_empty,
            ..
        } => {
            let items = match &patterns[..] {
                [one] => json!({ "type": "string", "pattern": one }),
                many => {
                    json!({ "anyOf": many.iter().map(|p| json!({ "type": "string", "pattern": p })).collect::<Vec<_>>() })
                }
            };
            let mut schema = json!({ "type": "array", "items": items });
            if *non_empty {
                schema["minItems"] = json!(1);
            }
            schema
        }
        Shape::Texts => json!({ "type": "array", "items": { "type": "string" } }),
        Shape::Integer { min, max } => {
            let mut schema = json!({ "type": "integer", "minimum": min });
            if *max != i64::MAX {
                schema["maximum"] = json!(max);
            }
            schema
        }
        Shape::Number => json!({ "type": "number" }),
        // A TOML date: taplo reads it as a string of this format; a TOML
        // library turning it into JSON may give an object, which the format
        // does not concern.
        Shape::Date => json!({ "format": "date" }),
        Shape::Money => json!({ "type": "number", "minimum": 0, "maximum": MAX_EUROS }),
        Shape::Map { keys, value } | Shape::InlineMap { keys, value } => {
            let value = shape_schema(value);
            match keys {
                MapKeys::Year => json!({
                    "type": "object",
                    "propertyNames": { "pattern": "^(19|2[0-2])[0-9]{2}$" },
                    "additionalProperties": value,
                }),
                MapKeys::Identifier => json!({
                    "type": "object",
                    "propertyNames": { "pattern": "^[A-Za-z0-9_-]+$" },
                    "additionalProperties": value,
                }),
                MapKeys::Funder | MapKeys::Label => {
                    json!({ "type": "object", "additionalProperties": value })
                }
                MapKeys::Rule => {
                    let properties: Map<String, Value> = Rule::ALL
                        .iter()
                        .filter(|r| r.configurable())
                        .map(|r| {
                            let mut schema = value.clone();
                            schema["description"] = json!(r.summary());
                            (r.name().to_owned(), schema)
                        })
                        .collect();
                    json!({
                        "type": "object",
                        "properties": properties,
                        "additionalProperties": false,
                    })
                }
            }
        }
        Shape::Inline(t) | Shape::Table(t) => table(t),
        Shape::Tables(t) | Shape::InlineTables(t) => json!({ "type": "array", "items": table(t) }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_07() {
        for kind in FileKind::ALL {
            assert_eq!(
                schema(kind)["$schema"],
                "http://json-schema.org/draft-07/schema#"
            );
        }
    }

    /// Worked out from docs/FORMAT.md: what an action requires, and the
    /// shapes of a few keys.
    #[test]
    fn an_action_as_the_format_describes_it() {
        let pilier = schema(FileKind::Pilier);
        assert_eq!(pilier["required"], json!(["pilier", "title"]));
        let action = &pilier["properties"]["action"]["items"];
        assert_eq!(
            action["required"],
            json!(["id", "title", "porteur", "year", "priorities"])
        );
        assert_eq!(
            action["properties"]["priorities"]["items"]["pattern"],
            "^P [1-9][0-9]*\\.[1-9][0-9]*\\.[1-9][0-9]*$"
        );
        // Empty only for an action of a national theme, to be linked: the
        // key is required, the list may be empty (`check` says when not).
        assert!(action["properties"]["priorities"].get("minItems").is_none());
        assert_eq!(
            action["properties"]["status"]["enum"],
            json!([
                "proposed",
                "instructing",
                "funded",
                "rejected",
                "cancelled",
                "completed",
                "closed"
            ])
        );
        assert_eq!(
            action["properties"]["funding"]["additionalProperties"]["minimum"],
            0
        );
        let contract = schema(FileKind::Contract);
        assert_eq!(
            contract["required"],
            json!(["title", "territory", "period"])
        );
        assert_eq!(
            contract["properties"]["check"]["properties"]["numbering-gap"]["enum"],
            json!(["allow", "warn", "deny"])
        );
        assert!(
            contract["properties"]["check"]["properties"]
                .get("syntax")
                .is_none(),
            "the level of `syntax` cannot be changed"
        );
    }
}
