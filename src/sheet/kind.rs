//! The words in which the field registry ([`super::registry`]) declares a
//! field: how it is stored and read, where it is shown, searched and
//! published, and what the other tools make of it.
//!
//! Invariants: a field's [`Kind`] carries the accessors of its value in a
//! [`Sheet`], typed by how it is stored, so a kind cannot be declared for a
//! field of another shape. Every consumer dispatches on the kind with
//! exhaustive matches: a new kind does not compile until each one has said
//! what it does with it, and a new field of a known kind needs nothing more
//! than its declaration.

use super::{
    Budget, Contact, Link, Partners, Period, Sheet, Status, Transfer, Vocabularies, Vocabulary,
};

/// The keys inside structured values, spelled once like the field names of the registry.
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

/// Where a field's value lives in a [`Sheet`], to read it and to set it.
pub struct Slot<T: 'static> {
    pub get: fn(&Sheet) -> &T,
    pub get_mut: fn(&mut Sheet) -> &mut T,
}

impl<T> Clone for Slot<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Slot<T> {}

impl<T> std::fmt::Debug for Slot<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Slot")
    }
}

/// What a text value holds, which decides how it is checked, shown,
/// searched and redacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// The sheet's id: a slug that names pages and files.
    Slug,
    /// Plain text, read on its label's line.
    Plain,
    /// Markdown: paragraphs and lists.
    Prose,
    /// A French department code.
    Department,
    /// An ISO date, `YYYY-MM-DD`, not in the future.
    Date,
}

/// What the items of a list are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// Plain text, one bullet each.
    Plain,
    /// Terms of a vocabulary, stored as codes.
    Term(Vocab),
}

/// One of the two vocabularies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocab {
    Themes,
    Publics,
}

impl Vocab {
    /// The vocabulary among a catalogue's two.
    pub fn of(self, vocabularies: &Vocabularies) -> &Vocabulary {
        match self {
            Vocab::Themes => &vocabularies.themes,
            Vocab::Publics => &vocabularies.publics,
        }
    }
}

/// Whether a list may be empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Optional,
    /// At least one item, named so in messages ("at least one theme").
    AtLeastOne(&'static str),
}

/// How a field is stored, with its accessors. A required text is a
/// `String`, an optional one an `Option<String>`.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Text(Text, Slot<String>),
    OptText(Text, Slot<Option<String>>),
    List(Item, Need, Slot<Vec<String>>),
    Status(Slot<Status>),
    /// `true` or `false`, `false` when absent.
    Flag(Slot<bool>),
    Period(Slot<Option<Period>>),
    /// Full-time equivalents, 0 to 10 000.
    Staff(Slot<Option<f64>>),
    Partners(Slot<Option<Partners>>),
    Budget(Slot<Option<Budget>>),
    Contacts(Slot<Vec<Contact>>),
    Transfer(Slot<Option<Transfer>>),
    Links(Slot<Vec<Link>>),
}

impl Kind {
    /// Whether a sheet must give the field.
    pub const fn required(&self) -> bool {
        match self {
            Kind::Text(..) | Kind::Status(_) | Kind::List(_, Need::AtLeastOne(_), _) => true,
            Kind::OptText(..)
            | Kind::List(_, Need::Optional, _)
            | Kind::Flag(_)
            | Kind::Period(_)
            | Kind::Staff(_)
            | Kind::Partners(_)
            | Kind::Budget(_)
            | Kind::Contacts(_)
            | Kind::Transfer(_)
            | Kind::Links(_) => false,
        }
    }

    /// The keys inside a structured value, in order (the parts a CSV
    /// export gives a column each); empty for a value of one piece.
    pub const fn parts(&self) -> &'static [&'static str] {
        match self {
            Kind::Period(_) => &[sub::START, sub::END],
            Kind::Partners(_) => &[sub::SPECIFIC, sub::FUNDERS, sub::OTHERS],
            Kind::Budget(_) => &[sub::TOTAL, sub::FUNDING],
            Kind::Transfer(_) => &[sub::SUCCESS_FACTORS, sub::DIFFICULTIES],
            Kind::Text(..)
            | Kind::OptText(..)
            | Kind::List(..)
            | Kind::Status(_)
            | Kind::Flag(_)
            | Kind::Staff(_)
            | Kind::Contacts(_)
            | Kind::Links(_) => &[],
        }
    }

    /// Whether the sheet gives the field a value (a list with items, a
    /// structure with some part filled, a flag set).
    pub fn is_present(&self, sheet: &Sheet) -> bool {
        match self {
            Kind::Text(_, slot) => !(slot.get)(sheet).is_empty(),
            Kind::OptText(_, slot) => (slot.get)(sheet).is_some(),
            Kind::List(_, _, slot) => !(slot.get)(sheet).is_empty(),
            Kind::Status(_) => true,
            Kind::Flag(slot) => *(slot.get)(sheet),
            Kind::Period(slot) => (slot.get)(sheet).is_some(),
            Kind::Staff(slot) => (slot.get)(sheet).is_some(),
            Kind::Partners(slot) => (slot.get)(sheet).as_ref().is_some_and(|p| !p.is_empty()),
            Kind::Budget(slot) => (slot.get)(sheet).is_some(),
            Kind::Contacts(slot) => !(slot.get)(sheet).is_empty(),
            Kind::Transfer(slot) => (slot.get)(sheet)
                .as_ref()
                .is_some_and(|t| !t.success_factors.is_empty() || !t.difficulties.is_empty()),
            Kind::Links(slot) => !(slot.get)(sheet).is_empty(),
        }
    }
}

/// Who may read a field's values once a catalogue is published with
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

/// Where a field is shown when a sheet is read (`show`, Markdown, the site).
#[derive(Debug, Clone, Copy)]
pub enum Show {
    /// In the sheet's heading (its title and id), under this French name.
    Heading(&'static str),
    /// On the line of the field declared just before it (the department
    /// beside the territory, reproducibility beside the status), under
    /// this French name when named alone.
    Joined(&'static str),
    /// In the section with this heading, one line per part of the value
    /// (one line for a value of one piece). Fields of one section are
    /// declared one after the other; sections come in the order of their
    /// first field.
    Lines {
        section: &'static str,
        lines: &'static [LineDef],
    },
}

/// One line of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineDef {
    /// The label written before the value; `None` when the section's
    /// heading says it all.
    pub label: Option<&'static str>,
    /// The label under which the old catalogue's pages give this value
    /// (possibly together with the next lines of the section).
    pub catalogue: Option<&'static str>,
}

/// A column of the full-text index, each with its weight in ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Title,
    Objectives,
    /// Labels and aliases of the sheet's terms.
    Terms,
    /// Everything else written about the action.
    Body,
    /// Names and roles of the contacts.
    People,
}

impl Column {
    /// In the order of the index's columns.
    pub const ALL: [Column; 5] = [
        Column::Title,
        Column::Objectives,
        Column::Terms,
        Column::Body,
        Column::People,
    ];

    /// A match in the title counts ten times one in the body, one in the
    /// objectives five times, one in the labels of the terms three times;
    /// the contacts' names and roles count half.
    pub const fn weight(self) -> f64 {
        match self {
            Column::Title => 10.0,
            Column::Objectives => 5.0,
            Column::Terms => 3.0,
            Column::Body => 1.0,
            Column::People => 0.5,
        }
    }
}

/// Where a field's text goes in the full-text index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Search {
    pub column: Column,
    /// The field's place among the texts of its column: snippets look at
    /// them in this order.
    pub rank: u8,
}

/// Whether the completeness report (`pacte review`) counts a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counts {
    No,
    /// A recommended part of its own: a stable code and what it is.
    Part {
        code: &'static str,
        description: &'static str,
    },
    /// Counts toward the part of the field declared just before it.
    Joined,
}

/// How a field's columns are named in a CSV export. A value of one piece
/// has one column named after the key; a structured value has one column
/// per part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Csv {
    /// Columns named after the key (`key_part` for each part).
    Key,
    /// A structured value's columns named after its parts alone.
    Parts,
}

/// What the converter of the old catalogue's pages (`pacte convert`) does
/// with the value under the field's catalogue label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// The converter reads it with code of its own (or the pages lack it).
    Own,
    /// Text on one line.
    Line,
    /// Markdown, the page's bullets as list items.
    Markdown,
    /// A list, one item per bullet.
    Bullets,
}
