//! The one layout of a sheet: its key names, and the sections, French
//! labels and order in which a sheet is read, with the key behind each line.
//!
//! Invariants: a key name of schema 1 is spelled only in [`Key::name`] (and
//! in the field names of [`super::Sheet`], which serde turns into the same
//! words; a test checks they agree); a French label or heading is spelled
//! only in [`SECTIONS`]. Every reader of a sheet (`show`, the Markdown
//! export, the static site) walks [`lay_out`]'s sections in order and
//! renders each [`Value`] by its kind, knowing neither labels nor order.
//! The `new` template, the CSV header and the legacy page converter take
//! their names and labels from here too.
//!
//! A renderer (see `render::sheet_text` for the terminal, `render::markdown`
//! for Markdown) does: `let laid = lay_out(&sheet, &vocabularies);` write
//! `laid.title` and `laid.id`; then for each section its `heading`, and for
//! each line its `label` (when `Some`) and its `value`, matched by kind.
//! Words and numbers inside values (status text, periods, amounts, staff)
//! come from `render::format`, so every output reads the same.

use super::{Contact, Funding, Link, Money, Period, Sheet, Status, Vocabularies};

/// A key of schema 1, in canonical order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Id,
    Title,
    Structure,
    Territory,
    Department,
    Status,
    Reproducible,
    Period,
    Themes,
    Publics,
    Partners,
    Objectives,
    Description,
    Means,
    StaffFte,
    Budget,
    Results,
    Tools,
    AddedValue,
    Contacts,
    Transfer,
    Updated,
    Links,
}

impl Key {
    /// Every key, in the canonical order of exports.
    pub const ALL: [Key; 23] = [
        Key::Id,
        Key::Title,
        Key::Structure,
        Key::Territory,
        Key::Department,
        Key::Status,
        Key::Reproducible,
        Key::Period,
        Key::Themes,
        Key::Publics,
        Key::Partners,
        Key::Objectives,
        Key::Description,
        Key::Means,
        Key::StaffFte,
        Key::Budget,
        Key::Results,
        Key::Tools,
        Key::AddedValue,
        Key::Contacts,
        Key::Transfer,
        Key::Updated,
        Key::Links,
    ];

    /// The key as written in a sheet file.
    pub const fn name(self) -> &'static str {
        match self {
            Key::Id => "id",
            Key::Title => "title",
            Key::Structure => "structure",
            Key::Territory => "territory",
            Key::Department => "department",
            Key::Status => "status",
            Key::Reproducible => "reproducible",
            Key::Period => "period",
            Key::Themes => "themes",
            Key::Publics => "publics",
            Key::Partners => "partners",
            Key::Objectives => "objectives",
            Key::Description => "description",
            Key::Means => "means",
            Key::StaffFte => "staff_fte",
            Key::Budget => "budget",
            Key::Results => "results",
            Key::Tools => "tools",
            Key::AddedValue => "added_value",
            Key::Contacts => "contacts",
            Key::Transfer => "transfer",
            Key::Updated => "updated",
            Key::Links => "links",
        }
    }
}

/// Who may read a key's values once a catalogue is published with
/// `--redact-contacts` (see [`super::redact`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Privacy {
    /// Facts about the action, published; free text in it is still cleared
    /// of whatever is a contact detail by its form (an e-mail address in
    /// any spelling, a phone number, the name of one of the sheet's
    /// contacts).
    Public,
    /// How to reach a person: names, roles, e-mails and phones. Left out.
    Contact,
    /// Other data about a person. Left out.
    Personal,
}

impl Key {
    /// The key's privacy class. Declared here, beside the key, with no
    /// catch-all arm: a new key does not compile until it has one.
    pub const fn privacy(self) -> Privacy {
        match self {
            Key::Contacts => Privacy::Contact,
            Key::Id
            | Key::Title
            | Key::Structure
            | Key::Territory
            | Key::Department
            | Key::Status
            | Key::Reproducible
            | Key::Period
            | Key::Themes
            | Key::Publics
            | Key::Partners
            | Key::Objectives
            | Key::Description
            | Key::Means
            | Key::StaffFte
            | Key::Budget
            | Key::Results
            | Key::Tools
            | Key::AddedValue
            | Key::Transfer
            | Key::Updated
            | Key::Links => Privacy::Public,
        }
    }
}

/// Every key name, in canonical order (for "unknown key" suggestions).
pub const KEYS: [&str; 23] = {
    let mut names = [""; 23];
    let mut i = 0;
    while i < Key::ALL.len() {
        names[i] = Key::ALL[i].name();
        i += 1;
    }
    names
};

/// The keys inside structured values, spelled once like [`Key::name`].
pub mod sub {
    pub const START: &str = "start";
    pub const END: &str = "end";
    pub const SPECIFIC: &str = "specific";
    pub const FUNDERS: &str = "funders";
    pub const OTHERS: &str = "others";
    pub const TOTAL: &str = "total";
    pub const FUNDING: &str = "funding";
    pub const SOURCE: &str = "source";
    pub const AMOUNT: &str = "amount";
    pub const NAME: &str = "name";
    pub const ROLE: &str = "role";
    pub const EMAIL: &str = "email";
    pub const PHONE: &str = "phone";
    pub const SUCCESS_FACTORS: &str = "success_factors";
    pub const DIFFICULTIES: &str = "difficulties";
    pub const TITLE: &str = "title";
    pub const URL: &str = "url";
}

/// What one line of the layout shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Structure,
    Place,
    Status,
    Period,
    Themes,
    Publics,
    PartnersSpecific,
    PartnersFunders,
    PartnersOthers,
    Objectives,
    Description,
    Means,
    StaffFte,
    Budget,
    Results,
    Tools,
    AddedValue,
    Contacts,
    SuccessFactors,
    Difficulties,
    Updated,
    Links,
}

/// One line of a section, as defined once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineDef {
    pub field: Field,
    /// The key the line shows (the first one, for lines that show two).
    pub key: Key,
    /// The label written before the value; `None` when the section's heading
    /// says it all.
    pub label: Option<&'static str>,
    /// The label under which the old catalogue's pages give this value
    /// (possibly together with the next lines of the section).
    pub catalogue: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionDef {
    /// The heading, as the original catalogue writes it (in sentence case).
    pub heading: &'static str,
    pub lines: &'static [LineDef],
}

const fn line(
    field: Field,
    key: Key,
    label: Option<&'static str>,
    catalogue: Option<&'static str>,
) -> LineDef {
    LineDef {
        field,
        key,
        label,
        catalogue,
    }
}

/// The sections of a sheet, in the order of the original catalogue.
pub const SECTIONS: [SectionDef; 11] = [
    SectionDef {
        heading: "Présentation générale",
        lines: &[
            line(
                Field::Structure,
                Key::Structure,
                Some("Structure menant l'action"),
                Some("Structure menant l'action"),
            ),
            line(Field::Place, Key::Territory, Some("Territoire"), None),
            line(
                Field::Status,
                Key::Status,
                Some("Statut de l'action"),
                Some("Statut de l'action"),
            ),
            line(Field::Period, Key::Period, Some("Période"), None),
        ],
    },
    SectionDef {
        heading: "Thèmes",
        lines: &[line(Field::Themes, Key::Themes, None, None)],
    },
    SectionDef {
        heading: "Publics",
        lines: &[line(
            Field::Publics,
            Key::Publics,
            None,
            Some("Publics de l'action"),
        )],
    },
    SectionDef {
        heading: "Partenaires",
        lines: &[
            line(
                Field::PartnersSpecific,
                Key::Partners,
                Some("Partenaires spécifiques"),
                Some("Partenaires spécifiques de l'action"),
            ),
            line(
                Field::PartnersFunders,
                Key::Partners,
                Some("Partenaires financiers"),
                Some("Partenaires financiers"),
            ),
            line(
                Field::PartnersOthers,
                Key::Partners,
                Some("Autres partenaires"),
                Some("Autres partenaires"),
            ),
        ],
    },
    SectionDef {
        heading: "Description",
        lines: &[
            line(
                Field::Objectives,
                Key::Objectives,
                Some("Objectifs de l'action"),
                Some("Objectifs de l'action"),
            ),
            line(
                Field::Description,
                Key::Description,
                Some("Description du dispositif ou de l'action mis en place"),
                Some("Description du dispositif ou de l'action mis en place"),
            ),
        ],
    },
    SectionDef {
        heading: "Moyens",
        lines: &[
            line(
                Field::Means,
                Key::Means,
                Some("Moyens mis en œuvre"),
                Some("Moyens mis en œuvre"),
            ),
            line(
                Field::StaffFte,
                Key::StaffFte,
                Some("Ressources humaines"),
                None,
            ),
            line(Field::Budget, Key::Budget, Some("Budget"), None),
        ],
    },
    SectionDef {
        heading: "Résultats",
        lines: &[line(
            Field::Results,
            Key::Results,
            None,
            Some("Résultats quantitatifs et qualitatifs"),
        )],
    },
    SectionDef {
        heading: "Outils",
        lines: &[line(
            Field::Tools,
            Key::Tools,
            None,
            Some("Outils, méthodologies, logiciels développés"),
        )],
    },
    SectionDef {
        heading: "Valeur ajoutée",
        lines: &[line(
            Field::AddedValue,
            Key::AddedValue,
            None,
            Some("Valeur ajoutée par la Maison de l'Emploi ou le PLIE"),
        )],
    },
    SectionDef {
        heading: "Porteur du projet",
        lines: &[line(
            Field::Contacts,
            Key::Contacts,
            None,
            Some("Porteur du projet"),
        )],
    },
    SectionDef {
        heading: "Conditions de transfert",
        lines: &[
            line(
                Field::SuccessFactors,
                Key::Transfer,
                Some("Facteurs de réussite"),
                Some("Conditions de transfert de l'action"),
            ),
            line(
                Field::Difficulties,
                Key::Transfer,
                Some("Difficultés rencontrées"),
                None,
            ),
        ],
    },
];

/// The last sections, after the ones above: the date and the links.
pub const CLOSING: [SectionDef; 2] = [
    SectionDef {
        heading: "Mise à jour",
        lines: &[line(
            Field::Updated,
            Key::Updated,
            None,
            Some("Date de dernière mise à jour"),
        )],
    },
    SectionDef {
        heading: "Liens",
        lines: &[line(
            Field::Links,
            Key::Links,
            None,
            Some("Liens hypertextes des documents disponibles"),
        )],
    },
];

/// Every section definition, in reading order.
pub fn sections() -> impl Iterator<Item = &'static SectionDef> {
    SECTIONS.iter().chain(CLOSING.iter())
}

/// The label of one field's line (or its section's heading when the line
/// has none).
pub fn label(field: Field) -> &'static str {
    sections()
        .find_map(|s| {
            s.lines
                .iter()
                .find(|l| l.field == field)
                .map(|l| l.label.unwrap_or(s.heading))
        })
        .unwrap_or_default()
}

/// What a key is called in French, to name a change to it: the label of the
/// line that shows it, or its section's heading when it has several lines
/// or none of its own. The keys no line shows alone are named here.
pub fn key_label(key: Key) -> &'static str {
    match key {
        Key::Id => "Identifiant",
        Key::Title => "Titre",
        Key::Department => "Département",
        Key::Reproducible => "Reproductibilité",
        _ => sections()
            .find_map(|s| {
                let mut shown = s.lines.iter().filter(|l| l.key == key);
                let first = shown.next()?;
                Some(match (first.label, shown.next()) {
                    (Some(label), None) => label,
                    _ => s.heading,
                })
            })
            .unwrap_or(key.name()),
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

/// The value of one field, `None` when the sheet leaves it out.
fn value<'a>(sheet: &'a Sheet, vocabularies: &'a Vocabularies, field: Field) -> Option<Value<'a>> {
    let some_names = |names: &'a [String]| (!names.is_empty()).then_some(Value::Names(names));
    let some_items = |items: &'a [String]| (!items.is_empty()).then(|| Value::Items(strs(items)));
    let partners = sheet.partners.as_ref();
    let transfer = sheet.transfer.as_ref();
    match field {
        Field::Structure => Some(Value::Text(&sheet.structure)),
        Field::Place => {
            (sheet.territory.is_some() || sheet.department.is_some()).then_some(Value::Place {
                territory: sheet.territory.as_deref(),
                department: sheet.department.as_deref(),
            })
        }
        Field::Status => Some(Value::Status {
            status: sheet.status,
            reproducible: sheet.reproducible,
        }),
        Field::Period => sheet.period.map(Value::Period),
        Field::Themes => Some(Value::Items(
            sheet
                .themes
                .iter()
                .map(|c| vocabularies.themes.label(c))
                .collect(),
        )),
        Field::Publics => (!sheet.publics.is_empty()).then(|| {
            Value::Items(
                sheet
                    .publics
                    .iter()
                    .map(|c| vocabularies.publics.label(c))
                    .collect(),
            )
        }),
        Field::PartnersSpecific => partners.and_then(|p| some_names(&p.specific)),
        Field::PartnersFunders => partners.and_then(|p| some_names(&p.funders)),
        Field::PartnersOthers => partners.and_then(|p| some_names(&p.others)),
        Field::Objectives => some_items(&sheet.objectives),
        Field::Description => Some(Value::Prose(&sheet.description)),
        Field::Means => sheet.means.as_deref().map(Value::Text),
        Field::StaffFte => sheet.staff_fte.map(Value::Staff),
        Field::Budget => sheet.budget.as_ref().map(|b| Value::Budget {
            total: b.total,
            funding: &b.funding,
        }),
        Field::Results => sheet.results.as_deref().map(Value::Prose),
        Field::Tools => some_items(&sheet.tools),
        Field::AddedValue => sheet.added_value.as_deref().map(Value::Prose),
        Field::Contacts => (!sheet.contacts.is_empty()).then_some(Value::Contacts(&sheet.contacts)),
        Field::SuccessFactors => transfer.and_then(|t| some_items(&t.success_factors)),
        Field::Difficulties => transfer.and_then(|t| some_items(&t.difficulties)),
        Field::Updated => sheet.updated.as_deref().map(Value::Text),
        Field::Links => (!sheet.links.is_empty()).then_some(Value::Links(&sheet.links)),
    }
}

fn strs(items: &[String]) -> Vec<&str> {
    items.iter().map(String::as_str).collect()
}

/// The sheet in reading order; sections without any value are left out.
pub fn lay_out<'a>(sheet: &'a Sheet, vocabularies: &'a Vocabularies) -> LaidOut<'a> {
    let sections = sections()
        .filter_map(|def| {
            let lines: Vec<Line> = def
                .lines
                .iter()
                .filter_map(|l| {
                    value(sheet, vocabularies, l.field).map(|value| Line {
                        field: l.field,
                        key: l.key,
                        label: l.label,
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

    #[test]
    fn key_names_are_the_serialised_field_names() {
        let sheet: Sheet = serde_json::from_value(serde_json::json!({
            "id": "a", "title": "t", "structure": "s", "territory": "t", "department": "68",
            "status": "ongoing", "reproducible": true, "period": {"start": 2020},
            "themes": ["ess"], "publics": ["jeunes"], "partners": {"others": ["x"]},
            "objectives": ["o"], "description": "d", "means": "m", "staff_fte": 1.0,
            "budget": {"total": 1}, "results": "r", "tools": ["t"], "added_value": "v",
            "contacts": [{"name": "n"}], "transfer": {"difficulties": ["d"]},
            "updated": "2024-01-01", "links": [{"url": "https://example.org"}]
        }))
        .unwrap();
        let value = serde_json::to_value(&sheet).unwrap();
        let names: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = KEYS.to_vec();
        expected.sort_unstable();
        let mut names = names;
        names.sort_unstable();
        assert_eq!(names, expected);
    }

    #[test]
    fn every_field_has_exactly_one_line() {
        let fields: Vec<Field> = sections()
            .flat_map(|s| s.lines.iter().map(|l| l.field))
            .collect();
        for field in &fields {
            assert_eq!(
                fields.iter().filter(|f| *f == field).count(),
                1,
                "{field:?}"
            );
        }
        assert_eq!(fields.len(), 22);
        assert_eq!(label(Field::Results), "Résultats");
        assert_eq!(label(Field::Budget), "Budget");
    }
}
