//! The one layout of a sheet: the sections, French labels and order in
//! which a sheet is read, with the key behind each line, all derived from
//! the field registry ([`super::registry`]).
//!
//! Invariants: every reader of a sheet (`show`, the Markdown export, the
//! static site) walks [`lay_out`]'s sections in order and renders each
//! [`Value`] by its kind, knowing neither labels nor order. A field the
//! registry shows has a line here without any code naming it: its value
//! follows from its [`Kind`].
//!
//! A renderer (see `render::sheet_text` for the terminal, `render::markdown`
//! for Markdown) does: `let laid = lay_out(&sheet, &vocabularies);` write
//! `laid.title` and `laid.id`; then for each section its `heading`, and for
//! each line its `label` (when `Some`) and its `value`, matched by kind.
//! Words and numbers inside values (status text, periods, amounts, staff)
//! come from `render::format`, so every output reads the same.

use super::kind::{Item, Kind, LineDef, Show, Text};
use super::registry::{Def, FIELDS};
use super::{Contact, Funding, Link, Money, Period, Sheet, Status, Vocabularies};

pub use super::kind::{Privacy, sub};
pub use super::registry::{KEYS, Key};

/// One line of the layout: a field, or one part of a structured field
/// (the partners' three lists, the transfer's two).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Field {
    pub key: Key,
    /// The line's index among the field's lines.
    pub part: usize,
}

impl Field {
    /// The first (usually only) line of a field.
    pub const fn of(key: Key) -> Field {
        Field { key, part: 0 }
    }
}

/// One line of a section, as the registry declares it.
#[derive(Debug, Clone, Copy)]
pub struct LineSpec {
    pub field: Field,
    pub def: &'static Def,
    pub line: &'static LineDef,
    /// The field shown on the same line, declared just after this one.
    pub joined: Option<&'static Def>,
}

/// A section as the registry declares it.
#[derive(Debug, Clone)]
pub struct SectionSpec {
    pub heading: &'static str,
    pub lines: Vec<LineSpec>,
}

/// Every section, in reading order, with its lines.
pub fn sections() -> Vec<SectionSpec> {
    let mut sections: Vec<SectionSpec> = Vec::new();
    for (index, def) in FIELDS.iter().enumerate() {
        let Show::Lines { section, lines } = def.show else {
            continue;
        };
        let joined = FIELDS
            .get(index + 1)
            .filter(|next| matches!(next.show, Show::Joined(_)));
        let specs = lines.iter().enumerate().map(|(part, line)| LineSpec {
            field: Field { key: def.key, part },
            def,
            line,
            joined,
        });
        match sections.last_mut() {
            Some(last) if last.heading == section => last.lines.extend(specs),
            _ => sections.push(SectionSpec {
                heading: section,
                lines: specs.collect(),
            }),
        }
    }
    sections
}

/// The label of one line (or its section's heading when the line has
/// none).
pub fn label(field: Field) -> &'static str {
    match field.key.def().show {
        Show::Heading(name) | Show::Joined(name) => name,
        Show::Lines { section, lines } => lines
            .get(field.part)
            .and_then(|l| l.label)
            .unwrap_or(section),
    }
}

/// What a key is called in French, to name a change to it: the label of
/// the line that shows it, or its section's heading when it has several
/// lines or none of its own.
pub fn key_label(key: Key) -> &'static str {
    match key.def().show {
        Show::Heading(name) | Show::Joined(name) => name,
        Show::Lines { section, lines } => match lines {
            [
                LineDef {
                    label: Some(label), ..
                },
            ] => label,
            _ => section,
        },
    }
}

/// A value of a line, typed so that each reader formats it its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// Plain text read on the label's line (a structure, the means, a date).
    Text(&'a str),
    /// Names read as one line, separated by commas.
    Names(&'a [String]),
    /// Plain-text items, one bullet each.
    Items(Vec<&'a str>),
    /// Markdown text from the sheet: paragraphs and lists.
    Prose(&'a str),
    Place {
        territory: Option<&'a str>,
        department: Option<&'a str>,
    },
    Status {
        status: Status,
        reproducible: bool,
    },
    Period(Period),
    /// Full-time equivalents.
    Staff(f64),
    Budget {
        total: Money,
        funding: &'a [Funding],
    },
    Contacts(&'a [Contact]),
    Links(&'a [Link]),
}

/// A line with its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Line<'a> {
    pub field: Field,
    pub key: Key,
    pub label: Option<&'static str>,
    pub value: Value<'a>,
}

/// A section with the lines that have a value (never empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Section<'a> {
    pub heading: &'static str,
    pub lines: Vec<Line<'a>>,
}

/// A sheet laid out: its title and id, then its non-empty sections.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidOut<'a> {
    pub title: &'a str,
    pub id: &'a str,
    pub sections: Vec<Section<'a>>,
}

fn text_value(rule: Text, text: &str) -> Value<'_> {
    match rule {
        Text::Prose => Value::Prose(text),
        Text::Slug | Text::Plain | Text::Department | Text::Date => Value::Text(text),
    }
}

fn strs(items: &[String]) -> Vec<&str> {
    items.iter().map(String::as_str).collect()
}

/// The text of a field shown on another's line (the department).
fn joined_text<'a>(joined: Option<&Def>, sheet: &'a Sheet) -> Option<&'a str> {
    match joined.map(|d| d.kind) {
        Some(Kind::OptText(_, slot)) => (slot.get)(sheet).as_deref(),
        Some(Kind::Text(_, slot)) => Some((slot.get)(sheet)),
        _ => None,
    }
}

/// The flag of a field shown on another's line (reproducibility).
fn joined_flag(joined: Option<&Def>, sheet: &Sheet) -> bool {
    matches!(joined.map(|d| d.kind), Some(Kind::Flag(slot)) if *(slot.get)(sheet))
}

/// The value of one line, `None` when the sheet leaves it out.
fn value<'a>(
    spec: &LineSpec,
    sheet: &'a Sheet,
    vocabularies: &'a Vocabularies,
) -> Option<Value<'a>> {
    let items = |items: &'a [String]| (!items.is_empty()).then(|| Value::Items(strs(items)));
    let names = |names: &'a [String]| (!names.is_empty()).then_some(Value::Names(names));
    let part = spec.field.part;
    match spec.def.kind {
        Kind::Text(rule, slot) => Some(text_value(rule, (slot.get)(sheet))),
        Kind::OptText(rule, slot) => match (spec.joined, (slot.get)(sheet).as_deref()) {
            (Some(joined), territory) => {
                let department = joined_text(Some(joined), sheet);
                (territory.is_some() || department.is_some()).then_some(Value::Place {
                    territory,
                    department,
                })
            }
            (None, text) => text.map(|t| text_value(rule, t)),
        },
        Kind::List(Item::Plain, _, slot) => items((slot.get)(sheet)),
        Kind::List(Item::Term(vocab), _, slot) => {
            let vocabulary = vocab.of(vocabularies);
            let codes = (slot.get)(sheet);
            (!codes.is_empty())
                .then(|| Value::Items(codes.iter().map(|c| vocabulary.label(c)).collect()))
        }
        Kind::Status(slot) => Some(Value::Status {
            status: *(slot.get)(sheet),
            reproducible: joined_flag(spec.joined, sheet),
        }),
        Kind::Flag(slot) => (*(slot.get)(sheet)).then_some(Value::Text("oui")),
        Kind::Period(slot) => (*(slot.get)(sheet)).map(Value::Period),
        Kind::Staff(slot) => (*(slot.get)(sheet)).map(Value::Staff),
        Kind::Partners(slot) => (slot.get)(sheet)
            .as_ref()
            .and_then(|p| names(p.lists().get(part)?)),
        Kind::Budget(slot) => (slot.get)(sheet).as_ref().map(|b| Value::Budget {
            total: b.total,
            funding: &b.funding,
        }),
        Kind::Contacts(slot) => {
            let contacts = (slot.get)(sheet);
            (!contacts.is_empty()).then_some(Value::Contacts(contacts))
        }
        Kind::Transfer(slot) => (slot.get)(sheet)
            .as_ref()
            .and_then(|t| items(t.lists().get(part)?)),
        Kind::Links(slot) => {
            let links = (slot.get)(sheet);
            (!links.is_empty()).then_some(Value::Links(links))
        }
    }
}

/// The sheet in reading order; sections without any value are left out.
pub fn lay_out<'a>(sheet: &'a Sheet, vocabularies: &'a Vocabularies) -> LaidOut<'a> {
    let sections = sections()
        .into_iter()
        .filter_map(|def| {
            let lines: Vec<Line> = def
                .lines
                .iter()
                .filter_map(|spec| {
                    value(spec, sheet, vocabularies).map(|value| Line {
                        field: spec.field,
                        key: spec.field.key,
                        label: spec.line.label,
                        value,
                    })
                })
                .collect();
            (!lines.is_empty()).then_some(Section {
                heading: def.heading,
                lines,
            })
        })
        .collect();
    LaidOut {
        title: &sheet.title,
        id: &sheet.id,
        sections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deserializer that only records the field names serde's derive
    /// asks for, in the order of the struct.
    struct FieldNames<'a>(&'a mut Vec<&'static str>);

    impl<'de> serde::Deserializer<'de> for FieldNames<'_> {
        type Error = serde::de::value::Error;

        fn deserialize_any<V: serde::de::Visitor<'de>>(
            self,
            _: V,
        ) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom("names only"))
        }

        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0.extend(fields);
            Err(serde::de::Error::custom("names only"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }

    #[test]
    fn key_names_are_the_serialised_field_names_in_order() {
        let mut names = Vec::new();
        let _ = <Sheet as serde::Deserialize>::deserialize(FieldNames(&mut names));
        assert_eq!(names, KEYS.to_vec());
    }

    #[test]
    fn every_line_has_one_field_and_the_sections_come_together() {
        let sections = sections();
        let fields: Vec<Field> = sections
            .iter()
            .flat_map(|s| s.lines.iter().map(|l| l.field))
            .collect();
        for field in &fields {
            assert_eq!(
                fields.iter().filter(|f| *f == field).count(),
                1,
                "{field:?}"
            );
        }
        for (i, section) in sections.iter().enumerate() {
            assert!(
                sections[i + 1..]
                    .iter()
                    .all(|s| s.heading != section.heading),
                "{}",
                section.heading
            );
        }
        assert_eq!(label(Field::of(Key::Results)), "Résultats");
        assert_eq!(label(Field::of(Key::Budget)), "Budget");
        assert_eq!(key_label(Key::Partners), "Partenaires");
        assert_eq!(key_label(Key::Department), "Département");
    }
}
