//! Schema 1 as a JSON Schema (draft 2020-12), for editors that check YAML as
//! it is typed. pacte's own validation stays the reference: terms are
//! matched loosely (case, accents, aliases) there, so the schema lists the
//! codes as examples rather than as the only values.

use serde_json::{Value, json};

use super::{STATUSES, Vocabularies};

pub fn json_schema(vocabularies: &Vocabularies) -> Value {
    let text = json!({"type": "string", "minLength": 1});
    let texts = json!({
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "items": {"type": "string", "minLength": 1}}
        ]
    });
    let terms = |codes: Vec<&str>, what: &str| {
        json!({
            "description": format!("{what}: codes, labels or aliases (see `pacte vocab`)"),
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}}
            ],
            "examples": codes
        })
    };
    let money = json!({"type": "number", "minimum": 0, "maximum": 1_000_000_000_000_u64});
    let year = json!({"type": "integer", "minimum": 1900, "maximum": 2100});
    let mut statuses: Vec<&str> = STATUSES.iter().map(|s| s.code()).collect();
    statuses.extend(STATUSES.iter().map(|s| s.label()));
    statuses.extend(STATUSES.iter().flat_map(|s| s.aliases().iter().copied()));
    let budget = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["total"],
        "properties": {
            "total": money,
            "funding": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["source", "amount"],
                    "properties": {"source": text, "amount": money}
                }
            }
        }
    });
    let contacts = json!({
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": false,
            "required": ["name"],
            "properties": {
                "name": text,
                "role": text,
                "email": {"type": "string"},
                "phone": {"type": ["string", "integer"]}
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
                    "required": ["url"],
                    "properties": {
                        "title": text,
                        "url": {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://."}
                    }
                }
            ]
        }
    });
    let period = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["start"],
        "properties": {"start": year, "end": year}
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
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://pacte.example/schema/sheet-1.json",
        "title": "pacte action sheet, schema 1",
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "title", "structure", "status", "themes", "objectives", "description"],
        "properties": {
            "id": id,
            "title": text,
            "structure": text,
            "territory": text,
            "department": department,
            "status": {"enum": statuses},
            "reproducible": {"type": "boolean"},
            "period": period,
            "themes": terms(vocabularies.themes.terms().iter().map(|t| t.code.as_str()).collect(), "themes"),
            "publics": terms(vocabularies.publics.terms().iter().map(|t| t.code.as_str()).collect(), "publics"),
            "partners": {
                "type": "object",
                "additionalProperties": false,
                "properties": {"specific": texts, "funders": texts, "others": texts}
            },
            "objectives": texts,
            "description": text,
            "means": text,
            "staff_fte": {"type": "number", "minimum": 0, "maximum": 10_000},
            "budget": budget,
            "results": text,
            "tools": texts,
            "added_value": text,
            "contacts": contacts,
            "transfer": {
                "type": "object",
                "additionalProperties": false,
                "properties": {"success_factors": texts, "difficulties": texts}
            },
            "updated": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
            "links": links
        }
    })
}
