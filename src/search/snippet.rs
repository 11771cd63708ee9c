//! A short extract of a hit around the first matching words.

use super::analyze::words;
use super::index::{body_texts, people_texts, term_texts};
use super::query::Query;
use crate::sheet::Sheet;

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
    let prose = [
        Some(sheet.description.as_str()),
        sheet.results.as_deref(),
        sheet.added_value.as_deref(),
    ];
    for field in fields(sheet, &terms) {
        // The prose fields are Markdown: pointers tell them apart, as
        // `fields` hands out the sheet's own strings.
        let markdown = prose.iter().flatten().any(|p| std::ptr::eq(*p, field));
        let plain = one_line(&if markdown {
            plain_markdown(field)
        } else {
            field.to_owned()
        });
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
