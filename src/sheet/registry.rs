//! The field registry: every field of a sheet, declared once with what
//! every part of pacte needs to know about it.
//!
//! Invariants: [`FIELDS`] lists the fields of schema 1 in canonical order
//! (the order of exports, of the sheet's layout and of the [`Key`]
//! variants; [`Def::key`] is the field's index). Validation, the `new`
//! template, the JSON Schema, the layout read by `show`, Markdown and the
//! site, the CSV export, the full-text index, redaction, the completeness
//! report and the converter of the old catalogue walk this table and
//! dispatch on each field's [`Kind`]; none of them names a field it could
//! forget. A key name is spelled only here (in [`Def::name`], and in the
//! field names of [`super::Sheet`], which serde turns into the same words;
//! a test checks they agree), a French label only here.
//!
//! Adding a field of a known kind takes the field in [`super::Sheet`], a
//! variant of [`Key`] and its [`Def`] here (see `docs/contributing.md`).

pub use super::kind::sub;
use super::kind::{
    Column, Counts, Csv, Item, Kind, Legacy, LineDef, Need, Privacy, Search, Show, Slot, Text,
    Vocab,
};

/// A field of schema 1, in canonical order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

/// Everything pacte knows about one field.
#[derive(Debug, Clone, Copy)]
pub struct Def {
    pub key: Key,
    /// The key as written in a sheet file.
    pub name: &'static str,
    pub kind: Kind,
    pub show: Show,
    /// What the `pacte new` template says about it, in a comment.
    pub template: &'static str,
    /// Its column of the full-text index; `None` for values that are not
    /// words (codes, numbers, dates).
    pub search: Option<Search>,
    pub privacy: Privacy,
    pub counts: Counts,
    pub csv: Csv,
    pub legacy: Legacy,
}

/// A field's accessors: `slot!(name)` reads and sets `sheet.name`.
macro_rules! slot {
    ($field:ident) => {
        Slot {
            get: |sheet| &sheet.$field,
            get_mut: |sheet| &mut sheet.$field,
        }
    };
}

const PRESENTATION: &str = "Présentation générale";
const DESCRIPTION: &str = "Description";
const MEANS: &str = "Moyens";

const fn lines(section: &'static str, lines: &'static [LineDef]) -> Show {
    Show::Lines { section, lines }
}

const fn line(label: Option<&'static str>, catalogue: Option<&'static str>) -> LineDef {
    LineDef { label, catalogue }
}

#[allow(clippy::unnecessary_wraps)] // reads as the declaration it is
const fn search(column: Column, rank: u8) -> Option<Search> {
    Some(Search { column, rank })
}

const fn counted(code: &'static str, description: &'static str) -> Counts {
    Counts::Part { code, description }
}

/// Every field of schema 1, in canonical order.
pub const FIELDS: &[Def] = &[
    Def {
        key: Key::Id,
        name: "id",
        kind: Kind::Text(Text::Slug, slot!(id)),
        show: Show::Heading("Identifiant"),
        template: "Identifier: lowercase letters, digits and hyphens, at most 64.",
        search: None,
        privacy: Privacy::Public,
        counts: Counts::No,
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Title,
        name: "title",
        kind: Kind::Text(Text::Plain, slot!(title)),
        show: Show::Heading("Titre"),
        template: "The title of the action.",
        search: search(Column::Title, 0),
        privacy: Privacy::Public,
        counts: Counts::No,
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Structure,
        name: "structure",
        kind: Kind::Text(Text::Plain, slot!(structure)),
        show: lines(
            PRESENTATION,
            &[line(
                Some("Structure menant l'action"),
                Some("Structure menant l'action"),
            )],
        ),
        template: "The structure that leads the action.",
        search: search(Column::Body, 6),
        privacy: Privacy::Public,
        counts: Counts::No,
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Territory,
        name: "territory",
        kind: Kind::OptText(Text::Plain, slot!(territory)),
        show: lines(PRESENTATION, &[line(Some("Territoire"), None)]),
        template: "The territory it covers.",
        search: search(Column::Body, 7),
        privacy: Privacy::Public,
        counts: Counts::Part {
            code: "place",
            description: "territory or department",
        },
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Department,
        name: "department",
        kind: Kind::OptText(Text::Department, slot!(department)),
        show: Show::Joined("Département"),
        template: "French department code: 01-95, 2A, 2B, 971-978, 984, 986-988.",
        search: None,
        privacy: Privacy::Public,
        counts: Counts::Joined,
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Status,
        name: "status",
        kind: Kind::Status(slot!(status)),
        show: lines(
            PRESENTATION,
            &[line(Some("Statut de l'action"), Some("Statut de l'action"))],
        ),
        template: "planned, ongoing, finished or abandoned (or en projet, en cours, terminée, abandonnée).",
        search: None,
        privacy: Privacy::Public,
        counts: Counts::No,
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Reproducible,
        name: "reproducible",
        kind: Kind::Flag(slot!(reproducible)),
        show: Show::Joined("Reproductibilité"),
        template: "Whether another territory could run it: true or false.",
        search: None,
        privacy: Privacy::Public,
        counts: Counts::No,
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Period,
        name: "period",
        kind: Kind::Period(slot!(period)),
        show: lines(PRESENTATION, &[line(Some("Période"), None)]),
        template: "Years; the end may be left out while the action goes on.",
        search: None,
        privacy: Privacy::Public,
        counts: counted("period", "period"),
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Themes,
        name: "themes",
        kind: Kind::List(
            Item::Term(Vocab::Themes),
            Need::AtLeastOne("theme"),
            slot!(themes),
        ),
        show: lines("Thèmes", &[line(None, None)]),
        template: "At least one theme, by code, label or alias:",
        search: search(Column::Terms, 0),
        privacy: Privacy::Public,
        counts: Counts::No,
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Publics,
        name: "publics",
        kind: Kind::List(Item::Term(Vocab::Publics), Need::Optional, slot!(publics)),
        show: lines("Publics", &[line(None, Some("Publics de l'action"))]),
        template: "Target publics:",
        search: search(Column::Terms, 1),
        privacy: Privacy::Public,
        counts: counted("publics", "publics"),
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Partners,
        name: "partners",
        kind: Kind::Partners(slot!(partners)),
        show: lines(
            "Partenaires",
            &[
                line(
                    Some("Partenaires spécifiques"),
                    Some("Partenaires spécifiques de l'action"),
                ),
                line(
                    Some("Partenaires financiers"),
                    Some("Partenaires financiers"),
                ),
                line(Some("Autres partenaires"), Some("Autres partenaires")),
            ],
        ),
        template: "Partners of the action.",
        search: search(Column::Body, 4),
        privacy: Privacy::Public,
        counts: counted("partners", "partners"),
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Objectives,
        name: "objectives",
        kind: Kind::List(
            Item::Plain,
            Need::AtLeastOne("objective"),
            slot!(objectives),
        ),
        show: lines(
            DESCRIPTION,
            &[line(
                Some("Objectifs de l'action"),
                Some("Objectifs de l'action"),
            )],
        ),
        template: "At least one objective.",
        search: search(Column::Objectives, 0),
        privacy: Privacy::Public,
        counts: Counts::No,
        csv: Csv::Key,
        legacy: Legacy::Bullets,
    },
    Def {
        key: Key::Description,
        name: "description",
        kind: Kind::Text(Text::Prose, slot!(description)),
        show: lines(
            DESCRIPTION,
            &[line(
                Some("Description du dispositif ou de l'action mis en place"),
                Some("Description du dispositif ou de l'action mis en place"),
            )],
        ),
        template: "What was done (Markdown).",
        search: search(Column::Body, 0),
        privacy: Privacy::Public,
        counts: Counts::No,
        csv: Csv::Key,
        legacy: Legacy::Markdown,
    },
    Def {
        key: Key::Means,
        name: "means",
        kind: Kind::OptText(Text::Plain, slot!(means)),
        show: lines(
            MEANS,
            &[line(
                Some("Moyens mis en œuvre"),
                Some("Moyens mis en œuvre"),
            )],
        ),
        template: "Means used.",
        search: search(Column::Body, 8),
        privacy: Privacy::Public,
        counts: counted("means", "means"),
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::StaffFte,
        name: "staff_fte",
        kind: Kind::Staff(slot!(staff_fte)),
        show: lines(MEANS, &[line(Some("Ressources humaines"), None)]),
        template: "Staff, in full-time equivalents.",
        search: None,
        privacy: Privacy::Public,
        counts: Counts::Joined,
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Budget,
        name: "budget",
        kind: Kind::Budget(slot!(budget)),
        show: lines(MEANS, &[line(Some("Budget"), None)]),
        template: "Budget in euros; the funding lines should add up to the total.",
        search: search(Column::Body, 5),
        privacy: Privacy::Public,
        counts: counted("budget", "budget"),
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Results,
        name: "results",
        kind: Kind::OptText(Text::Prose, slot!(results)),
        show: lines(
            "Résultats",
            &[line(None, Some("Résultats quantitatifs et qualitatifs"))],
        ),
        template: "Quantitative and qualitative results (Markdown).",
        search: search(Column::Body, 1),
        privacy: Privacy::Public,
        counts: counted("results", "results"),
        csv: Csv::Key,
        legacy: Legacy::Markdown,
    },
    Def {
        key: Key::Tools,
        name: "tools",
        kind: Kind::List(Item::Plain, Need::Optional, slot!(tools)),
        show: lines(
            "Outils",
            &[line(
                None,
                Some("Outils, méthodologies, logiciels développés"),
            )],
        ),
        template: "Tools, methods, software produced.",
        search: search(Column::Body, 3),
        privacy: Privacy::Public,
        counts: Counts::No,
        csv: Csv::Key,
        legacy: Legacy::Bullets,
    },
    Def {
        key: Key::AddedValue,
        name: "added_value",
        kind: Kind::OptText(Text::Prose, slot!(added_value)),
        show: lines(
            "Valeur ajoutée",
            &[line(
                None,
                Some("Valeur ajoutée par la Maison de l'Emploi ou le PLIE"),
            )],
        ),
        template: "Added value of the Maison de l'Emploi or the PLIE.",
        search: search(Column::Body, 9),
        privacy: Privacy::Public,
        counts: Counts::No,
        csv: Csv::Key,
        legacy: Legacy::Line,
    },
    Def {
        key: Key::Contacts,
        name: "contacts",
        kind: Kind::Contacts(slot!(contacts)),
        show: lines(
            "Porteur du projet",
            &[line(None, Some("Porteur du projet"))],
        ),
        template: "People to contact.",
        search: search(Column::People, 0),
        privacy: Privacy::Contact,
        counts: counted("contact-email", "a contact with an email"),
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Transfer,
        name: "transfer",
        kind: Kind::Transfer(slot!(transfer)),
        show: lines(
            "Conditions de transfert",
            &[
                line(
                    Some("Facteurs de réussite"),
                    Some("Conditions de transfert de l'action"),
                ),
                line(Some("Difficultés rencontrées"), None),
            ],
        ),
        template: "What it takes to run it elsewhere.",
        search: search(Column::Body, 2),
        privacy: Privacy::Public,
        counts: counted("transfer", "transfer conditions"),
        csv: Csv::Parts,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Updated,
        name: "updated",
        kind: Kind::OptText(Text::Date, slot!(updated)),
        show: lines(
            "Mise à jour",
            &[line(None, Some("Date de dernière mise à jour"))],
        ),
        template: "Date of the last update, YYYY-MM-DD.",
        search: None,
        privacy: Privacy::Public,
        counts: Counts::No,
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
    Def {
        key: Key::Links,
        name: "links",
        kind: Kind::Links(slot!(links)),
        show: lines(
            "Liens",
            &[line(
                None,
                Some("Liens hypertextes des documents disponibles"),
            )],
        ),
        template: "Web pages (http or https).",
        search: search(Column::Body, 10),
        privacy: Privacy::Public,
        counts: Counts::No,
        csv: Csv::Key,
        legacy: Legacy::Own,
    },
];

// The table follows the order of `Key`, which `Key::def` indexes: a
// field declared out of place does not compile.
const _: () = {
    let mut i = 0;
    while i < FIELDS.len() {
        assert!(
            FIELDS[i].key as usize == i,
            "FIELDS must follow the order of Key"
        );
        i += 1;
    }
};

impl Key {
    /// Every key, in canonical order.
    pub const ALL: [Key; FIELDS.len()] = {
        let mut keys = [Key::Id; FIELDS.len()];
        let mut i = 0;
        while i < FIELDS.len() {
            keys[i] = FIELDS[i].key;
            i += 1;
        }
        keys
    };

    /// The field's declaration.
    pub const fn def(self) -> &'static Def {
        &FIELDS[self as usize]
    }

    /// The key as written in a sheet file.
    pub const fn name(self) -> &'static str {
        self.def().name
    }

    /// The field's privacy class.
    pub const fn privacy(self) -> Privacy {
        self.def().privacy
    }
}

/// Every key name, in canonical order (for "unknown key" suggestions).
pub const KEYS: [&str; FIELDS.len()] = {
    let mut names = [""; FIELDS.len()];
    let mut i = 0;
    while i < FIELDS.len() {
        names[i] = FIELDS[i].name;
        i += 1;
    }
    names
};
