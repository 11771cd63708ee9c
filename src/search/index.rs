//! What of a sheet the full-text index holds, in weighted parts.
//!
//! Every section a reader may search by is here: title, objectives, the
//! labels and aliases of its themes and publics, the running text (with the
//! conditions of transfer, tools, results, partners, funders and the titles
//! of links), and the
//! people to contact. Snippets read the same sections in the same order, so
//! a hit always has a passage to show.

use std::sync::OnceLock;

use super::analyze::analyze;
use crate::sheet::{Sheet, Vocabularies};

/// A sheet's text as the search index holds it, analysed, one string per
/// column of the index (see the weights in the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexText {
    pub title: String,
    pub objectives: String,
    /// Labels and aliases of the sheet's themes and publics.
    pub terms: String,
    /// Everything else written about the action: see [`body_texts`].
    pub body: String,
    /// Names and roles of the contacts.
    pub people: String,
}

/// The running texts of a sheet beyond its title and objectives, in the
/// order snippets look at them.
pub fn body_texts(sheet: &Sheet) -> Vec<&str> {
    let mut body: Vec<&str> = vec![&sheet.description];
    body.extend(sheet.results.as_deref());
    if let Some(transfer) = &sheet.transfer {
        body.extend(
            transfer
                .success_factors
                .iter()
                .chain(&transfer.difficulties)
                .map(String::as_str),
        );
    }
    body.extend(sheet.tools.iter().map(String::as_str));
    if let Some(partners) = &sheet.partners {
        body.extend(
            partners
                .specific
                .iter()
                .chain(&partners.funders)
                .chain(&partners.others)
                .map(String::as_str),
        );
    }
    if let Some(budget) = &sheet.budget {
        body.extend(budget.funding.iter().map(|f| f.source.as_str()));
    }
    body.push(&sheet.structure);
    body.extend(sheet.territory.as_deref());
    body.extend(sheet.means.as_deref());
    body.extend(sheet.added_value.as_deref());
    body.extend(sheet.links.iter().filter_map(|l| l.title.as_deref()));
    body
}

/// The contacts' names and roles.
pub fn people_texts(sheet: &Sheet) -> Vec<&str> {
    sheet
        .contacts
        .iter()
        .flat_map(|c| std::iter::once(c.name.as_str()).chain(c.role.as_deref()))
        .collect()
}

/// The labels and aliases of the sheet's themes and publics, so that a
/// sheet tagged `habitants-qpv` is found by `QPV` and by "quartiers
/// prioritaires". The built-in vocabularies give them; a code a catalogue
/// added itself is searched by its own words.
pub fn term_texts(sheet: &Sheet) -> Vec<String> {
    static BUILTIN: OnceLock<Vocabularies> = OnceLock::new();
    let vocabularies = BUILTIN.get_or_init(Vocabularies::builtin);
    let themes = sheet.themes.iter().map(|c| (&vocabularies.themes, c));
    let publics = sheet.publics.iter().map(|c| (&vocabularies.publics, c));
    themes
        .chain(publics)
        .map(|(vocabulary, code)| match vocabulary.resolve(code) {
            Some(term) => std::iter::once(term.label.as_str())
                .chain(term.aliases.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join("\n"),
            None => code.replace('-', " "),
        })
        .collect()
}

pub fn index_text(sheet: &Sheet) -> IndexText {
    IndexText {
        title: analyze(&sheet.title),
        objectives: analyze(&sheet.objectives.join("\n")),
        terms: analyze(&term_texts(sheet).join("\n")),
        body: analyze(&body_texts(sheet).join("\n")),
        people: analyze(&people_texts(sheet).join("\n")),
    }
}
