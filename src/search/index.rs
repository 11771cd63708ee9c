//! What of a sheet the full-text index holds, in weighted columns.
//!
//! Each field of the registry declares its column of the index and its
//! place among that column's texts; its texts follow from its kind (an
//! exhaustive match: a new kind does not compile until it says what it
//! holds to be searched). Snippets read the same texts in the same order,
//! so a hit always has a passage to show.

use std::borrow::Cow;

use super::analyze::analyze;
use crate::sheet::kind::{Column, Item, Kind, Text};
use crate::sheet::layout::Field;
use crate::sheet::registry::{Def, FIELDS};
use crate::sheet::{Sheet, Vocabularies};

/// A sheet's text as the search index holds it, analysed, one string per
/// column of the index (see the weights in the registry's [`Column`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexText {
    pub title: String,
    pub objectives: String,
    /// Labels and aliases of the sheet's themes and publics.
    pub terms: String,
    /// Everything else written about the action.
    pub body: String,
    /// Names and roles of the contacts.
    pub people: String,
}

/// One text of a sheet as the index and snippets read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Searched<'a> {
    /// The line of the layout it comes from.
    pub field: Field,
    pub text: Cow<'a, str>,
    /// Markdown, which a snippet shows without its markup.
    pub prose: bool,
}

/// The labels and aliases of a term, so that a sheet tagged
/// `habitants-qpv` is found by `QPV` and by "quartiers prioritaires". The
/// built-in vocabularies give them; a code a catalogue added itself is
/// searched by its own words.
fn term_text(vocab: crate::sheet::kind::Vocab, code: &str) -> String {
    let vocabularies = Vocabularies::compiled();
    match vocab.of(vocabularies).resolve(code) {
        Some(term) => std::iter::once(term.label.as_str())
            .chain(term.aliases.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("\n"),
        None => code.replace('-', " "),
    }
}

/// The texts of one field, in order.
fn field_texts<'a>(def: &Def, sheet: &'a Sheet) -> Vec<Searched<'a>> {
    let whole = Field::of(def.key);
    let plain = |field: Field, texts: &mut dyn Iterator<Item = &'a str>| -> Vec<Searched<'a>> {
        texts
            .map(|text| Searched {
                field,
                text: Cow::Borrowed(text),
                prose: false,
            })
            .collect()
    };
    let lists = |lists: &[&'a Vec<String>]| -> Vec<Searched<'a>> {
        (0..)
            .zip(lists)
            .flat_map(|(part, list)| {
                plain(
                    Field { key: def.key, part },
                    &mut list.iter().map(String::as_str),
                )
            })
            .collect()
    };
    match def.kind {
        Kind::Text(rule, slot) => vec![Searched {
            field: whole,
            text: Cow::Borrowed((slot.get)(sheet)),
            prose: rule == Text::Prose,
        }],
        Kind::OptText(rule, slot) => (slot.get)(sheet)
            .as_deref()
            .map(|text| Searched {
                field: whole,
                text: Cow::Borrowed(text),
                prose: rule == Text::Prose,
            })
            .into_iter()
            .collect(),
        Kind::List(Item::Plain, _, slot) => lists(&[(slot.get)(sheet)]),
        Kind::List(Item::Term(vocab), _, slot) => (slot.get)(sheet)
            .iter()
            .map(|code| Searched {
                field: whole,
                text: Cow::Owned(term_text(vocab, code)),
                prose: false,
            })
            .collect(),
        // Codes, flags and numbers hold no words to search.
        Kind::Status(_) | Kind::Flag(_) | Kind::Period(_) | Kind::Staff(_) => Vec::new(),
        Kind::Partners(slot) => (slot.get)(sheet)
            .as_ref()
            .map(|p| lists(&p.lists()))
            .unwrap_or_default(),
        Kind::Transfer(slot) => (slot.get)(sheet)
            .as_ref()
            .map(|t| lists(&t.lists()))
            .unwrap_or_default(),
        Kind::Budget(slot) => plain(
            whole,
            &mut (slot.get)(sheet)
                .iter()
                .flat_map(|b| &b.funding)
                .map(|f| f.source.as_str()),
        ),
        Kind::Contacts(slot) => plain(
            whole,
            &mut (slot.get)(sheet)
                .iter()
                .flat_map(|c| std::iter::once(c.name.as_str()).chain(c.role.as_deref())),
        ),
        Kind::Links(slot) => plain(
            whole,
            &mut (slot.get)(sheet).iter().filter_map(|l| l.title.as_deref()),
        ),
    }
}

/// The texts of one column of the index, its fields in the order of their
/// rank.
pub fn column(sheet: &Sheet, column: Column) -> Vec<Searched<'_>> {
    let mut defs: Vec<(&Def, u8)> = FIELDS
        .iter()
        .filter_map(|def| {
            let search = def.search.filter(|s| s.column == column)?;
            Some((def, search.rank))
        })
        .collect();
    defs.sort_by_key(|(_, rank)| *rank);
    defs.into_iter()
        .flat_map(|(def, _)| field_texts(def, sheet))
        .collect()
}

/// The texts of each column of the index, in the order of the columns
/// (title, objectives, terms, body, people): [`index_text`] analyses each
/// column's texts joined, which gives the same words as one by one.
pub fn column_texts(sheet: &Sheet) -> [Vec<Cow<'_, str>>; 5] {
    Column::ALL.map(|c| column(sheet, c).into_iter().map(|s| s.text).collect())
}

pub fn index_text(sheet: &Sheet) -> IndexText {
    let [title, objectives, terms, body, people] =
        column_texts(sheet).map(|texts| analyzed(&texts));
    IndexText {
        title,
        objectives,
        terms,
        body,
        people,
    }
}

/// The title, objectives and terms of [`index_text`], analysed, without
/// the long body: what associations are drawn from (see
/// [`crate::search::associated`]), separated by spaces.
pub fn association_text(sheet: &Sheet) -> String {
    [Column::Title, Column::Objectives, Column::Terms]
        .map(|c| {
            let texts: Vec<Cow<'_, str>> = column(sheet, c).into_iter().map(|s| s.text).collect();
            analyzed(&texts)
        })
        .join(" ")
}

/// A column's texts joined by line breaks, analysed.
fn analyzed(texts: &[Cow<'_, str>]) -> String {
    let texts: Vec<&str> = texts.iter().map(AsRef::as_ref).collect();
    analyze(&texts.join("\n"))
}
