//! Schema 1 as a JSON Schema (draft 2020-12), for editors that check YAML as
//! it is typed. pacte's own validation stays the reference: terms are
//! matched loosely (case, accents, aliases) there, so the schema lists the
//! codes as examples rather than as the only values.

use serde_json::{Value, json};

use super::layout::{Key, sub};
use super::{STATUSES, Vocabularies};

pub fn json_schema(vocabularies: &Vocabularies) -> Value {
    let text = json!({"type": "string", "minLength": 1});
    let texts = json!({
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "items": {"type": "string", "minLength": 1}}
        ]
    });
    let terms = |codes: Vec<String>, what: &str| {
        json!({
            "description": format!("{what}: codes, labels or aliases (see `pacte vocab`)"),
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}}
            ],
            "examples": codes
        })
    };
    let codes = |vocabulary: &super::Vocabulary| -> Vec<String> {
        vocabulary.terms().iter().map(|t| t.code.clone()).collect()
    };
    let theme_terms = terms(codes(&vocabularies.themes), Key::Themes.name());
    let public_terms = terms(codes(&vocabularies.publics), Key::Publics.name());
    let money = json!({"type": "number", "minimum": 0, "maximum": 1_000_000_000_000_u64});
    let year = json!({"type": "integer", "minimum": 1900, "maximum": 2100});
    let mut statuses: Vec<&str> = STATUSES.iter().map(|s| s.code()).collect();
    statuses.extend(STATUSES.iter().map(|s| s.label()));
    statuses.extend(STATUSES.iter().flat_map(|s| s.aliases().iter().copied()));
    let budget = json!({
        "type": "object",
        "additionalProperties": false,
        "required": [sub::TOTAL],
        "properties": {
            (sub::TOTAL): money,
            (sub::FUNDING): {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": [sub::SOURCE, sub::AMOUNT],
                    "properties": {(sub::SOURCE): text, (sub::AMOUNT): money}
                }
            }
        }
    });
    let contacts = json!({
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": false,
            "required": [sub::NAME],
            "properties": {
                (sub::NAME): text,
                (sub::ROLE): text,
                (sub::EMAIL): {"type": "string"},
                (sub::PHONE): {"type": ["string", "integer"]}
            }
        }
    });
    let links = json!({
        "type": "array",
        "items": {
            "anyOf": [
                {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://."},
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": [sub::URL],
                    "properties": {
                        (sub::TITLE): text,
                        (sub::URL): {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://."}
                    }
                }
            ]
        }
    });
    let period = json!({
        "type": "object",
        "additionalProperties": false,
        "required": [sub::START],
        "properties": {(sub::START): year, (sub::END): year}
    });
    let department = json!({
        "type": "string",
        "pattern": "^(0[1-9]|1[0-9]|[2-8][0-9]|9[0-5]|2[AaBb]|97[1-8]|984|98[6-8])$",
        "not": {"const": "20"}
    });
    let id = json!({
        "description": "lowercase letters, digits and single hyphens, at most 64",
        "type": ["string", "integer"],
        "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
        "maxLength": 64
    });
    // An exhaustive match: a key added to schema 1 does not compile until
    // it has its schema here.
    let property = |key: Key| -> (Value, bool) {
        match key {
            Key::Id => (id.clone(), true),
            Key::Title | Key::Structure | Key::Description => (text.clone(), true),
            Key::Territory | Key::Means | Key::Results | Key::AddedValue => (text.clone(), false),
            Key::Department => (department.clone(), false),
            Key::Status => (json!({"enum": statuses}), true),
            Key::Reproducible => (json!({"type": "boolean"}), false),
            Key::Period => (period.clone(), false),
            Key::Themes => (theme_terms.clone(), true),
            Key::Publics => (public_terms.clone(), false),
            Key::Partners => (
                json!({
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                        (sub::SPECIFIC): texts,
                        (sub::FUNDERS): texts,
                        (sub::OTHERS): texts
                    }
                }),
                false,
            ),
            Key::Objectives => (texts.clone(), true),
            Key::Tools => (texts.clone(), false),
            Key::StaffFte => (
                json!({"type": "number", "minimum": 0, "maximum": 10_000}),
                false,
            ),
            Key::Budget => (budget.clone(), false),
            Key::Contacts => (contacts.clone(), false),
            Key::Transfer => (
                json!({
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {(sub::SUCCESS_FACTORS): texts, (sub::DIFFICULTIES): texts}
                }),
                false,
            ),
            Key::Updated => (
                json!({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
                false,
            ),
            Key::Links => (links.clone(), false),
        }
    };
    let mut properties = serde_json::Map::new();
    let mut required = Vec::new();
    for key in Key::ALL {
        let (schema, needed) = property(key);
        if needed {
            required.push(key.name());
        }
        properties.insert(key.name().to_owned(), schema);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://pacte.example/schema/sheet-1.json",
        "title": "pacte action sheet, schema 1",
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties
    })
}
