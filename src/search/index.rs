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
use crate::sheet::layout::Field;
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
    labelled_body_texts(sheet)
        .into_iter()
        .map(|(_, text)| text)
        .collect()
}

/// [`body_texts`], each with the field of the sheet it comes from.
pub fn labelled_body_texts(sheet: &Sheet) -> Vec<(Field, &str)> {
    let mut body: Vec<(Field, &str)> = vec![(Field::Description, &sheet.description)];
    body.extend(sheet.results.as_deref().map(|t| (Field::Results, t)));
    if let Some(transfer) = &sheet.transfer {
        let factors = transfer.success_factors.iter();
        body.extend(factors.map(|t| (Field::SuccessFactors, t.as_str())));
        let difficulties = transfer.difficulties.iter();
        body.extend(difficulties.map(|t| (Field::Difficulties, t.as_str())));
    }
    body.extend(sheet.tools.iter().map(|t| (Field::Tools, t.as_str())));
    if let Some(partners) = &sheet.partners {
        let lists = [
            (Field::PartnersSpecific, &partners.specific),
            (Field::PartnersFunders, &partners.funders),
            (Field::PartnersOthers, &partners.others),
        ];
        for (field, names) in lists {
            body.extend(names.iter().map(|t| (field, t.as_str())));
        }
    }
    if let Some(budget) = &sheet.budget {
        body.extend(
            budget
                .funding
                .iter()
                .map(|f| (Field::Budget, f.source.as_str())),
        );
    }
    body.push((Field::Structure, &sheet.structure));
    body.extend(sheet.territory.as_deref().map(|t| (Field::Place, t)));
    body.extend(sheet.means.as_deref().map(|t| (Field::Means, t)));
    body.extend(sheet.added_value.as_deref().map(|t| (Field::AddedValue, t)));
    let links = sheet.links.iter().filter_map(|l| l.title.as_deref());
    body.extend(links.map(|t| (Field::Links, t)));
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
    labelled_term_texts(sheet)
        .into_iter()
        .map(|(_, text)| text)
        .collect()
}

/// [`term_texts`], each with its field (themes or publics).
pub fn labelled_term_texts(sheet: &Sheet) -> Vec<(Field, String)> {
    static BUILTIN: OnceLock<Vocabularies> = OnceLock::new();
    let vocabularies = BUILTIN.get_or_init(Vocabularies::builtin);
    let themes = sheet
        .themes
        .iter()
        .map(|c| (Field::Themes, &vocabularies.themes, c));
    let publics = sheet
        .publics
        .iter()
        .map(|c| (Field::Publics, &vocabularies.publics, c));
    themes
        .chain(publics)
        .map(|(field, vocabulary, code)| {
            let text = match vocabulary.resolve(code) {
                Some(term) => std::iter::once(term.label.as_str())
                    .chain(term.aliases.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join("\n"),
                None => code.replace('-', " "),
            };
            (field, text)
        })
        .collect()
}

/// The texts of each column of the index, in the order of the columns
/// (title, objectives, terms, body, people): [`index_text`] analyses each
/// column's texts joined, which gives the same words as one by one.
pub fn column_texts(sheet: &Sheet) -> [Vec<std::borrow::Cow<'_, str>>; 5] {
    use std::borrow::Cow;
    [
        vec![Cow::Borrowed(sheet.title.as_str())],
        sheet
            .objectives
            .iter()
            .map(|t| Cow::Borrowed(t.as_str()))
            .collect(),
        term_texts(sheet).into_iter().map(Cow::Owned).collect(),
        body_texts(sheet).into_iter().map(Cow::Borrowed).collect(),
        people_texts(sheet).into_iter().map(Cow::Borrowed).collect(),
    ]
}

pub fn index_text(sheet: &Sheet) -> IndexText {
    let [title, objectives, terms] = short_columns(sheet);
    IndexText {
        title,
        objectives,
        terms,
        body: analyze(&body_texts(sheet).join("\n")),
        people: analyze(&people_texts(sheet).join("\n")),
    }
}

/// The title, objectives and terms of [`index_text`], analysed, without
/// the long body: what associations are drawn from (see
/// [`crate::search::associated`]), separated by spaces.
pub fn association_text(sheet: &Sheet) -> String {
    short_columns(sheet).join(" ")
}

fn short_columns(sheet: &Sheet) -> [String; 3] {
    [
        analyze(&sheet.title),
        analyze(&sheet.objectives.join("\n")),
        analyze(&term_texts(sheet).join("\n")),
    ]
}
