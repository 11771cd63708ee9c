//! Schema 1 as a JSON Schema (draft 2020-12), for editors that check YAML as
//! it is typed. pacte's own validation stays the reference: terms are
//! matched loosely (case, accents, aliases) there, so the schema lists the
//! codes as examples rather than as the only values.
//!
//! Every field of the registry has a property, its schema following from
//! its kind (an exhaustive match: a new kind does not compile until it has
//! its schema here).

use serde_json::{Value, json};

use super::kind::{Item, Kind, Text, Vocab, sub};
use super::registry::{Def, FIELDS};
use super::{STATUSES, Vocabularies};

fn text() -> Value {
    json!({"type": "string", "minLength": 1})
}

/// One text or a list of them (a single text is a one-item list).
fn texts() -> Value {
    json!({
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "items": {"type": "string", "minLength": 1}}
        ]
    })
}

fn money() -> Value {
    json!({"type": "number", "minimum": 0, "maximum": 1_000_000_000_000_u64})
}

fn year() -> Value {
    json!({"type": "integer", "minimum": 1900, "maximum": 2100})
}

fn url() -> Value {
    json!({"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://."})
}

fn text_schema(rule: Text) -> Value {
    match rule {
        Text::Slug => json!({
            "description": "lowercase letters, digits and single hyphens, at most 64",
            "type": ["string", "integer"],
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
            "maxLength": 64
        }),
        Text::Plain | Text::Prose => text(),
        Text::Department => json!({
            "type": "string",
            "pattern": "^(0[1-9]|1[0-9]|[2-8][0-9]|9[0-5]|2[AaBb]|97[1-8]|984|98[6-8])$",
            "not": {"const": "20"}
        }),
        Text::Date => json!({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
    }
}

fn terms(def: &Def, vocab: Vocab, vocabularies: &Vocabularies) -> Value {
    let vocabulary = vocab.of(vocabularies);
    let codes: Vec<&str> = vocabulary.terms().iter().map(|t| t.code.as_str()).collect();
    json!({
        "description": format!("{}: codes, labels or aliases (see `pacte vocab`)", def.name),
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "items": {"type": "string", "minLength": 1}}
        ],
        "examples": codes
    })
}

fn statuses() -> Value {
    let mut statuses: Vec<&str> = STATUSES.iter().map(|s| s.code()).collect();
    statuses.extend(STATUSES.iter().map(|s| s.label()));
    statuses.extend(STATUSES.iter().flat_map(|s| s.aliases().iter().copied()));
    json!({"enum": statuses})
}

/// An object of the given parts, each with its schema.
fn object(required: &[&str], properties: &[(&str, Value)]) -> Value {
    let properties: serde_json::Map<String, Value> = properties
        .iter()
        .map(|(key, schema)| ((*key).to_owned(), schema.clone()))
        .collect();
    let mut object = json!({
        "type": "object",
        "additionalProperties": false,
        "properties": properties
    });
    if !required.is_empty() {
        object["required"] = json!(required);
    }
    object
}

fn budget() -> Value {
    let line = object(
        &[sub::SOURCE, sub::AMOUNT],
        &[(sub::SOURCE, text()), (sub::AMOUNT, money())],
    );
    object(
        &[sub::TOTAL],
        &[
            (sub::TOTAL, money()),
            (sub::FUNDING, json!({"type": "array", "items": line})),
        ],
    )
}

fn contacts() -> Value {
    let contact = object(
        &[sub::NAME],
        &[
            (sub::NAME, text()),
            (sub::ROLE, text()),
            (sub::EMAIL, json!({"type": "string"})),
            (sub::PHONE, json!({"type": ["string", "integer"]})),
        ],
    );
    json!({"type": "array", "items": contact})
}

fn links() -> Value {
    let link = object(&[sub::URL], &[(sub::TITLE, text()), (sub::URL, url())]);
    json!({"type": "array", "items": {"anyOf": [url(), link]}})
}

/// The schema of one field's value.
fn property(def: &Def, vocabularies: &Vocabularies) -> Value {
    let lists = |parts: &[&str]| -> Value {
        let properties: Vec<(&str, Value)> = parts.iter().map(|p| (*p, texts())).collect();
        object(&[], &properties)
    };
    match def.kind {
        Kind::Text(rule, _) | Kind::OptText(rule, _) => text_schema(rule),
        Kind::List(Item::Plain, ..) => texts(),
        Kind::List(Item::Term(vocab), ..) => terms(def, vocab, vocabularies),
        Kind::Status(_) => statuses(),
        Kind::Flag(_) => json!({"type": "boolean"}),
        Kind::Period(_) => object(&[sub::START], &[(sub::START, year()), (sub::END, year())]),
        Kind::Staff(_) => json!({"type": "number", "minimum": 0, "maximum": 10_000}),
        Kind::Partners(_) | Kind::Transfer(_) => lists(def.kind.parts()),
        Kind::Budget(_) => budget(),
        Kind::Contacts(_) => contacts(),
        Kind::Links(_) => links(),
    }
}

pub fn json_schema(vocabularies: &Vocabularies) -> Value {
    let properties: serde_json::Map<String, Value> = FIELDS
        .iter()
        .map(|def| (def.name.to_owned(), property(def, vocabularies)))
        .collect();
    let required: Vec<&str> = FIELDS
        .iter()
        .filter(|def| def.kind.required())
        .map(|def| def.name)
        .collect();
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
