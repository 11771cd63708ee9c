//! A short extract of a hit around the first matching words.

use super::analyze::words;
use super::index::{Searched, column};
use super::query::Query;
use crate::chars::one_line;
use crate::sheet::Sheet;
use crate::sheet::kind::Column;
use crate::sheet::layout::label;

/// The columns of the index in the order snippets look at them: the
/// labels of the terms come last, as they are not the sheet's own words.
const ORDER: [Column; 5] = [
    Column::Title,
    Column::Objectives,
    Column::Body,
    Column::People,
    Column::Terms,
];

/// The searched texts of a sheet in the order snippets look at them.
fn fields(sheet: &Sheet) -> Vec<Searched<'_>> {
    ORDER.iter().flat_map(|c| column(sheet, *c)).collect()
}

/// The texts snippets are cut from, in the order of [`snippet`], each
/// with the French label of where it comes from (for the site, whose
/// script cuts the same snippets).
/// Each text is as [`snippet`] reads it: plain, on one line.
pub fn snippet_fields(sheet: &Sheet) -> Vec<(&'static str, String)> {
    fields(sheet)
        .iter()
        .map(|field| (label(field.field), shown_text(field)))
        .collect()
}

/// The labels of [`snippet_fields`], in the same order, without drawing
/// the texts.
pub fn snippet_labels(sheet: &Sheet) -> Vec<&'static str> {
    fields(sheet)
        .iter()
        .map(|field| label(field.field))
        .collect()
}

/// A text of the sheet as a snippet shows it: the prose fields are
/// Markdown, shown without their markup; every text on one line.
fn shown_text(field: &Searched) -> String {
    one_line(&if field.prose {
        plain_markdown(&field.text)
    } else {
        field.text.to_string()
    })
}

/// How the sheet spells a word whose stem is `stem` (to tell a reader
/// what a corrected query searched for), if it holds one.
pub fn spelling(sheet: &Sheet, stem: &str) -> Option<String> {
    fields(sheet).into_iter().find_map(|field| {
        words(&field.text)
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
/// their order, contacts, then the labels of its themes and
/// publics) holding a matching word, about twenty words long. Empty when no
/// word matches (a hit on a stem that only the index sees).
pub fn snippet(sheet: &Sheet, query: &Query) -> Passage {
    for field in fields(sheet) {
        let plain = shown_text(&field);
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
