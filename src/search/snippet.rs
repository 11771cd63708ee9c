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

/// The first passage of the sheet (title, objectives, the body texts in
/// the order of [`body_texts`], contacts, then the labels of its themes and
/// publics) holding a matching word, about
/// twenty words long, with each matching word marked `**like this**`.
/// Empty when no word matches (a hit on a stem that only the index sees).
pub fn snippet(sheet: &Sheet, query: &Query) -> String {
    let terms = term_texts(sheet);
    for field in fields(sheet, &terms) {
        let found: Vec<(usize, &str)> = words(field).collect();
        let Some(first) = found.iter().position(|(_, w)| query.matches_word(w)) else {
            continue;
        };
        let from = first.saturating_sub(CONTEXT);
        let to = (first + CONTEXT + 1).min(found.len());
        let start = found[from].0;
        let end = found[to - 1].0 + found[to - 1].1.len();
        let mut out = String::new();
        if from > 0 {
            out.push('…');
        }
        let mut cursor = start;
        for (offset, word) in &found[from..to] {
            out.push_str(&field[cursor..*offset]);
            if query.matches_word(word) {
                out.push_str("**");
                out.push_str(word);
                out.push_str("**");
            } else {
                out.push_str(word);
            }
            cursor = offset + word.len();
        }
        out.push_str(&field[cursor..end]);
        if to < found.len() {
            out.push('…');
        }
        // One line, whatever the source layout.
        return out.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    String::new()
}
