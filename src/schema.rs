//! JSON Schemas of the two kinds of contract file, for editors (taplo, the
//! Even Better TOML extension read `#:schema` lines).
//!
//! The schemas are derived from the model's own types, so they follow the
//! model; the tests below hold their keys to the loader's, so the editor and
//! `contrat check` always agree on what a key is.

use std::collections::BTreeMap;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::diagnostic::Rule;
use crate::model::{
    Action, Labels, Language, Orientation, Period, Priority, Quartier, Transversal,
};

/// `contrat.toml`: the contract as a whole.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // described for the schema, never built: the loader reads the files
pub struct ContractFile {
    /// The contract's name.
    title: String,
    /// The city or intercommunality.
    territory: String,
    /// The years the contract covers, both inclusive.
    period: Period,
    /// The language of report labels (default "en").
    language: Option<Language>,
    /// The document the text was transcribed from.
    source: Option<String>,
    /// The vocabulary of target publics: priorities and actions may only use
    /// these words.
    #[serde(default)]
    publics: Vec<String>,
    /// The financeurs: identifier = display name. Actions name them by
    /// identifier; the State's credits are those of `etat`.
    #[serde(default)]
    #[schemars(schema_with = "funders")]
    funders: BTreeMap<String, String>,
    /// The orientations transversales.
    #[serde(default)]
    transversal: Vec<Transversal>,
    /// The quartiers prioritaires.
    #[serde(default)]
    quartier: Vec<Quartier>,
    /// Levels of the rules of `contrat check`, as clippy's lint levels.
    #[serde(default)]
    #[schemars(schema_with = "check_levels")]
    check: BTreeMap<String, String>,
    /// What the contract calls the levels of its tree.
    labels: Option<Labels>,
}

/// A pilier file: one pilier with its orientations, priorities and actions.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // described for the schema, never built: the loader reads the files
pub struct PilierFile {
    /// The pilier's number; one file per pilier.
    #[schemars(range(min = 1, max = 65535))]
    pilier: u16,
    /// The pilier's title, e.g. "Cohésion sociale".
    title: String,
    /// Aims every action of the pilier should serve.
    #[serde(default)]
    objectives: Vec<String>,
    /// Orientations stratégiques of the pilier.
    #[serde(default)]
    orientation: Vec<Orientation>,
    /// Priorités of the pilier.
    #[serde(default)]
    priority: Vec<Priority>,
    /// Actions whose priorities belong to the pilier.
    #[serde(default)]
    action: Vec<Action>,
}

const NUMBER: &str = "[1-9][0-9]*";

fn code(description: &str, pattern: String) -> Schema {
    json_schema!({
        "description": description,
        "type": "string",
        "pattern": pattern,
    })
}

pub(crate) fn priority_code(_: &mut SchemaGenerator) -> Schema {
    code(
        "A priority code, `P 1.2.3`, in canonical form.",
        format!("^P {NUMBER}\\.{NUMBER}\\.{NUMBER}$"),
    )
}

pub(crate) fn orientation_code(_: &mut SchemaGenerator) -> Schema {
    code(
        "An orientation code, `OS 1.2`, in canonical form.",
        format!("^OS {NUMBER}\\.{NUMBER}$"),
    )
}

pub(crate) fn transversal_code(_: &mut SchemaGenerator) -> Schema {
    code(
        "A transversal orientation code, `OT 3`, in canonical form.",
        format!("^OT {NUMBER}$"),
    )
}

pub(crate) fn priority_codes(generator: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "minItems": 1,
        "items": priority_code(generator),
    })
}

pub(crate) fn transversal_codes(generator: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": transversal_code(generator),
    })
}

fn funders(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "object",
        "propertyNames": { "pattern": "^[A-Za-z0-9_-]+$" },
        "additionalProperties": { "type": "string", "minLength": 1 },
    })
}

fn check_levels(_: &mut SchemaGenerator) -> Schema {
    let level = serde_json::json!({ "enum": ["allow", "warn", "deny"] });
    let properties: serde_json::Map<String, serde_json::Value> = Rule::ALL
        .iter()
        .filter(|r| r.configurable())
        .map(|r| {
            let mut schema = level.clone();
            schema["description"] = serde_json::Value::from(r.summary());
            (r.name().to_owned(), schema)
        })
        .collect();
    json_schema!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}

/// The kinds of contract file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Contract,
    Pilier,
}

impl FileKind {
    pub const ALL: [FileKind; 2] = [FileKind::Contract, FileKind::Pilier];

    /// The schema's file name, as committed under `schema/`.
    pub fn file_name(self) -> &'static str {
        match self {
            FileKind::Contract => "contrat.schema.json",
            FileKind::Pilier => "pilier.schema.json",
        }
    }
}

/// The JSON Schema (draft-07, which taplo reads) of one kind of file.
pub fn schema(kind: FileKind) -> serde_json::Value {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = match kind {
        FileKind::Contract => generator.into_root_schema_for::<ContractFile>(),
        FileKind::Pilier => generator.into_root_schema_for::<PilierFile>(),
    };
    schema.to_value()
}

/// The schema as committed: pretty JSON with a final newline.
pub fn text(kind: FileKind) -> String {
    crate::output::json_text(&schema(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(value: &serde_json::Value) -> Vec<String> {
        let mut keys: Vec<String> = value["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    fn sorted(keys: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
        keys.sort();
        keys
    }

    /// The schema's keys are the loader's, table by table.
    #[test]
    fn schema_keys_are_the_loaders() {
        let contract = schema(FileKind::Contract);
        assert_eq!(keys(&contract), sorted(crate::load::CONTRACT_KEYS));
        let pilier = schema(FileKind::Pilier);
        assert_eq!(keys(&pilier), sorted(crate::load::PILIER_KEYS));
        let definition = |name: &str| pilier["definitions"][name].clone();
        assert_eq!(
            keys(&definition("Priority")),
            sorted(crate::load::PRIORITY_KEYS)
        );
        assert_eq!(
            keys(&definition("Action")),
            sorted(crate::load::ACTION_KEYS)
        );
        assert_eq!(keys(&definition("Orientation")), sorted(&["code", "title"]));
        assert_eq!(keys(&definition("Protocole")), sorted(&["text", "mesure"]));
        assert_eq!(
            keys(&definition("Indicator")),
            sorted(&["name", "target", "actual", "unit"])
        );
        assert_eq!(
            keys(&definition("Beneficiaries")),
            sorted(&["planned", "actual"])
        );
        let definition = |name: &str| contract["definitions"][name].clone();
        assert_eq!(
            keys(&definition("Quartier")),
            sorted(&["code", "name", "aliases"])
        );
        assert_eq!(keys(&definition("Transversal")), sorted(&["code", "title"]));
        assert_eq!(keys(&definition("Labels")), sorted(&Labels::KEYS));
        assert_eq!(keys(&definition("Period")), sorted(&["from", "to"]));
    }

    #[test]
    fn required_keys_are_the_loaders() {
        let required = |value: &serde_json::Value| {
            let mut keys: Vec<String> = value["required"]
                .as_array()
                .map(|a| a.iter().map(|k| k.as_str().unwrap().to_owned()).collect())
                .unwrap_or_default();
            keys.sort();
            keys
        };
        let pilier = schema(FileKind::Pilier);
        assert_eq!(required(&pilier), sorted(&["pilier", "title"]));
        assert_eq!(
            required(&pilier["definitions"]["Action"]),
            sorted(&["id", "title", "porteur", "year", "priorities"])
        );
        assert_eq!(
            required(&pilier["definitions"]["Priority"]),
            sorted(&["code", "title"])
        );
        let contract = schema(FileKind::Contract);
        assert_eq!(
            required(&contract),
            sorted(&["title", "territory", "period"])
        );
        assert_eq!(
            required(&contract["definitions"]["Quartier"]),
            sorted(&["name"])
        );
    }

    #[test]
    fn draft_07() {
        for kind in FileKind::ALL {
            assert_eq!(
                schema(kind)["$schema"],
                "http://json-schema.org/draft-07/schema#"
            );
        }
    }
}
