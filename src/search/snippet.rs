//! A short extract of a hit around the first matching words.

use super::analyze::words;
use super::index::{
    body_texts, labelled_body_texts, labelled_term_texts, people_texts, term_texts,
};
use super::query::Query;
use crate::sheet::Key;
use crate::sheet::Sheet;
use crate::sheet::layout::{Field, key_label, label};

/// The searched texts of a sheet in the order snippets look at them;
/// `terms` are its [`term_texts`].
fn fields<'a>(sheet: &'a Sheet, terms: &'a [String]) -> Vec<&'a str> {
    let mut fields: Vec<&str> = vec![&sheet.title];
    fields.extend(sheet.objectives.iter().map(String::as_str));
    fields.extend(body_texts(sheet));
    fields.extend(people_texts(sheet));
    fields.extend(terms.iter().map(String::as_str));
    fields
}

/// The texts snippets are cut from, in the order of [`snippet`], each
/// with the French label of where it comes from (for the site, whose
/// script cuts the same snippets).
/// Each text is as [`snippet`] reads it: plain, on one line.
pub fn snippet_fields(sheet: &Sheet) -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&'static str, &str)> = vec![(key_label(Key::Title), &sheet.title)];
    let objectives = label(Field::Objectives);
    fields.extend(sheet.objectives.iter().map(|t| (objectives, t.as_str())));
    for (field, text) in labelled_body_texts(sheet) {
        fields.push((label(field), text));
    }
    let contacts = label(Field::Contacts);
    fields.extend(people_texts(sheet).into_iter().map(|t| (contacts, t)));
    let mut shown: Vec<(&'static str, String)> = fields
        .into_iter()
        .map(|(label, text)| (label, shown_text(sheet, text)))
        .collect();
    for (field, text) in labelled_term_texts(sheet) {
        shown.push((label(field), one_line(&text)));
    }
    shown
}

/// A text of the sheet as a snippet shows it: the prose fields are
/// Markdown (pointers tell them apart, as the texts are the sheet's own
/// strings), shown without their markup; every text on one line.
fn shown_text(sheet: &Sheet, field: &str) -> String {
    let prose = [
        Some(sheet.description.as_str()),
        sheet.results.as_deref(),
        sheet.added_value.as_deref(),
    ];
    let markdown = prose.iter().flatten().any(|p| std::ptr::eq(*p, field));
    one_line(&if markdown {
        plain_markdown(field)
    } else {
        field.to_owned()
    })
}

/// How the sheet spells a word whose stem is `stem` (to tell a reader
/// what a corrected query searched for), if it holds one.
pub fn spelling(sheet: &Sheet, stem: &str) -> Option<String> {
    let terms = term_texts(sheet);
    fields(sheet, &terms).into_iter().find_map(|field| {
        words(field)
            .find(|(_, w)| super::analyze::stem(w) == stem)
            .map(|(_, w)| w.to_lowercase())
    })
}

/// Words of context on each side of the first match.
const CONTEXT: usize = 8;

/// A passage of a sheet around its first matching words, and where they
/// are.
///
/// Invariant: `hits` are `[start, end)` in characters (Unicode scalar
/// values) of `text`, in order, not overlapping, and each covers a word
/// that matches the query: both are computed on the one text shown. That
/// text is plain, on one line: the Markdown markup of the prose fields
/// (`**bold**`, list markers) is left out, as a reader sees the words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Passage {
    pub text: String,
    pub hits: Vec<[usize; 2]>,
}

/// The first passage of the sheet (title, objectives, the body texts in
/// the order of [`body_texts`], contacts, then the labels of its themes and
/// publics) holding a matching word, about twenty words long. Empty when no
/// word matches (a hit on a stem that only the index sees).
pub fn snippet(sheet: &Sheet, query: &Query) -> Passage {
    let terms = term_texts(sheet);
    for field in fields(sheet, &terms) {
        let plain = shown_text(sheet, field);
        let found: Vec<(usize, &str)> = words(&plain).collect();
        let Some(first) = found.iter().position(|(_, w)| query.matches_word(w)) else {
            continue;
        };
        let from = first.saturating_sub(CONTEXT);
        let to = (first + CONTEXT + 1).min(found.len());
        let start = found[from].0;
        let end = found[to - 1].0 + found[to - 1].1.len();
        let mut passage = Passage::default();
        let lead = usize::from(from > 0);
        if from > 0 {
            passage.text.push('…');
        }
        passage.text.push_str(&plain[start..end]);
        for (offset, word) in &found[from..to] {
            if query.matches_word(word) {
                let at = lead + plain[start..*offset].chars().count();
                passage.hits.push([at, at + word.chars().count()]);
            }
        }
        if to < found.len() {
            passage.text.push('…');
        }
        return passage;
    }
    Passage::default()
}

/// The words of Markdown text as a reader sees them: markup left out,
/// blocks and line breaks as spaces.
fn plain_markdown(text: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut plain = String::with_capacity(text.len());
    for event in Parser::new(text) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                plain.push_str(&t);
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::Rule
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                plain.push(' ');
            }
            _ => {}
        }
    }
    plain
}

/// Runs of white space as one space, none at either end.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_markup_is_left_out() {
        assert_eq!(
            one_line(&plain_markdown(
                "**Montage.** Un diagnostic\n\n- une\n- deux"
            )),
            "Montage. Un diagnostic une deux"
        );
    }
}
