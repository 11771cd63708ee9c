//! Sheets as cards in a list, and the pages a long list is cut into.
//!
//! A card is the sheet's title (a link to its page), a one-line summary,
//! who and where, its status and its themes. The catalogue's script draws
//! the same markup from the data file ([`super::write_script_data`]) when a
//! reader filters, so both are kept element for element alike (a browser
//! test compares them).
//!
//! A listing of `n` sheets is cut into pages of [`PAGE_SIZE`]: `index.html`,
//! `index-2.html`, … in the listing's folder, each linking to the previous
//! and next ones by file name.

use std::borrow::Cow;
use std::collections::HashMap;

use maud::{Markup, html};

use crate::render::format;
use crate::sheet::{Sheet, Vocabularies};

use super::{markdown::plain_text, path_segment, place::place};

/// How many cards a page holds.
pub const PAGE_SIZE: usize = 50;

/// How long a card's summary or a page's description may be, in characters.
const SUMMARY_CHARS: usize = 160;

/// The file of page `number` (from 1) of a listing, in its folder.
pub fn page_file(number: usize) -> String {
    if number <= 1 {
        "index.html".to_owned()
    } else {
        format!("index-{number}.html")
    }
}

/// Where one page stands among the pages of its listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// From 1.
    pub number: usize,
    /// At least 1.
    pub count: usize,
}

impl Paging {
    /// The pages `total` items make.
    pub fn pages(total: usize) -> usize {
        total.div_ceil(PAGE_SIZE).max(1)
    }
}

/// A first sentence shorter than this (a lead-in such as `Montage (2012 –
/// 2014).`) is followed by the next one.
const SHORT_SENTENCE: usize = 60;

/// Each sheet's [`summary`], drawn once for all the listings and the data
/// file that show its card (a sheet is on the catalogue's pages and on
/// those of each of its themes and publics), by id.
#[derive(Debug, Default)]
pub struct Summaries(HashMap<String, String>);

impl Summaries {
    /// The summaries of `sheets`, drawn on every core.
    pub fn new(sheets: &[&Sheet]) -> Summaries {
        let drawn = crate::parallel::map(sheets, |sheet| summary(sheet));
        Summaries(sheets.iter().map(|s| s.id.clone()).zip(drawn).collect())
    }

    /// The summary of `sheet` (drawn now if it was not drawn before).
    pub fn of<'s>(&'s self, sheet: &Sheet) -> Cow<'s, str> {
        self.0
            .get(&sheet.id)
            .map_or_else(|| Cow::Owned(summary(sheet)), |s| Cow::Borrowed(s.as_str()))
    }
}

/// The sheet's first sentence, from its description, as plain text on one
/// line (with the next when the first is a short lead-in), cut at a word
/// with `…` when longer than a summary may be.
pub fn summary(sheet: &Sheet) -> String {
    let text = plain_text(&sheet.description);
    let ends = text
        .char_indices()
        .filter(|&(i, c)| matches!(c, '.' | '!' | '?') && text[i + c.len_utf8()..].starts_with(' '))
        .map(|(i, c)| i + c.len_utf8());
    let mut end = text.len();
    for candidate in ends {
        end = candidate;
        if text[..candidate].chars().count() >= SHORT_SENTENCE {
            break;
        }
        end = text.len();
    }
    shorten(&text[..end], SUMMARY_CHARS)
}

/// `text` cut at the last word boundary within `limit` characters, with `…`.
fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let end = text
        .char_indices()
        .nth(limit)
        .map_or(text.len(), |(i, _)| i);
    let cut = &text[..end];
    let cut = cut.rfind(' ').map_or(cut, |space| &cut[..space]);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// `Structure · Pays Thur Doller — Haut-Rhin (68) · 2012 – 2014`.
pub fn details(sheet: &Sheet) -> String {
    let place = place(sheet.territory.as_deref(), sheet.department.as_deref());
    [
        Some(place).filter(|p| !p.is_empty()),
        sheet.period.map(format::period_long),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

/// One card.
pub fn card(sheet: &Sheet, summary: &str, vocabularies: &Vocabularies, root: &str) -> Markup {
    let details = details(sheet);
    html! {
        li class="card" {
            h3 {
                a href={ (root) "fiches/" (path_segment(&sheet.id)) "/index.html" } { (sheet.title) }
            }
            p class="card-summary" { (summary) }
            p class="meta" {
                (sheet.structure)
                @if !details.is_empty() { " · " (details) }
            }
            p class="card-status" { (format::status(sheet.status, sheet.reproducible)) }
            ul class="tags" aria-label="Thèmes" {
                @for code in &sheet.themes { li { (vocabularies.themes.label(code)) } }
            }
        }
        "\n"
    }
}

/// The cards of one page, in a list the script may redraw.
pub fn cards(
    sheets: &[&Sheet],
    summaries: &Summaries,
    vocabularies: &Vocabularies,
    root: &str,
) -> Markup {
    html! {
        ul class="cards" id="cards" {
            "\n"
            @for sheet in sheets { (card(sheet, &summaries.of(sheet), vocabularies, root)) }
        }
        "\n"
    }
}

/// The page numbers to show around `current`: the first, the last, and
/// the current one with its neighbours; `None` stands for a gap.
fn shown_numbers(paging: Paging) -> Vec<Option<usize>> {
    let mut shown = Vec::new();
    let mut last = 0;
    for number in 1..=paging.count {
        let near = number.abs_diff(paging.number) <= 1;
        if number == 1 || number == paging.count || near {
            if number > last + 1 {
                shown.push(None);
            }
            shown.push(Some(number));
            last = number;
        }
    }
    shown
}

/// Links to the previous and next pages and to a few page numbers; nothing
/// when the listing fits on one page.
pub fn pagination(paging: Paging) -> Markup {
    if paging.count <= 1 {
        return Markup::default();
    }
    html! {
        nav class="pagination" id="pagination" aria-label="Pages" {
            "\n"
            ul {
                @if paging.number > 1 {
                    li class="previous" {
                        a href=(page_file(paging.number - 1)) rel="prev" { "‹ Précédente" }
                    }
                }
                @for number in shown_numbers(paging) {
                    @match number {
                        None => { li class="gap" { "…" } }
                        Some(n) => {
                            li {
                                a href=(page_file(n))
                                    aria-current=[(n == paging.number).then_some("page")]
                                    aria-label={ "Page " (n) } { (n) }
                            }
                        }
                    }
                }
                @if paging.number < paging.count {
                    li class="next" {
                        a href=(page_file(paging.number + 1)) rel="next" { "Suivante ›" }
                    }
                }
            }
            "\n"
        }
        "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(description: &str) -> Sheet {
        serde_json::from_value(serde_json::json!({
            "id": "a", "title": "t", "structure": "s", "status": "ongoing",
            "themes": ["ess"], "objectives": ["o"], "description": description,
        }))
        .unwrap()
    }

    #[test]
    fn a_summary_is_the_first_sentence_in_plain_text() {
        assert_eq!(
            summary(&sheet(
                "**Montage** d'un *réseau* de partenaires pour l'emploi des jeunes. Puis la suite."
            )),
            "Montage d'un réseau de partenaires pour l'emploi des jeunes."
        );
        assert_eq!(
            summary(&sheet(
                "**Montage.** Un diagnostic partagé des besoins en compétences du territoire. Puis."
            )),
            "Montage. Un diagnostic partagé des besoins en compétences du territoire."
        );
        assert_eq!(summary(&sheet("Sans point final")), "Sans point final");
        let long = "mot ".repeat(100);
        let cut = summary(&sheet(&long));
        assert!(cut.ends_with("mot…"), "{cut}");
        assert!(cut.chars().count() <= SUMMARY_CHARS + 1, "{cut}");
        assert_eq!(
            summary(&sheet("Voir https://a.fr. Et 3.5 ETP")),
            "Voir https://a.fr. Et 3.5 ETP"
        );
    }

    #[test]
    fn page_numbers_keep_the_ends_and_the_neighbours() {
        let numbers = |number, count| shown_numbers(Paging { number, count });
        assert_eq!(numbers(1, 1), [Some(1)]);
        assert_eq!(numbers(1, 3), [Some(1), Some(2), Some(3)]);
        assert_eq!(
            numbers(5, 200),
            [Some(1), None, Some(4), Some(5), Some(6), None, Some(200)]
        );
        assert_eq!(Paging::pages(0), 1);
        assert_eq!(Paging::pages(50), 1);
        assert_eq!(Paging::pages(51), 2);
        assert_eq!(page_file(1), "index.html");
        assert_eq!(page_file(3), "index-3.html");
    }

    #[test]
    fn one_page_needs_no_pagination() {
        let one = pagination(Paging {
            number: 1,
            count: 1,
        });
        assert!(one.into_string().is_empty());
        let out = pagination(Paging {
            number: 2,
            count: 3,
        })
        .into_string();
        assert!(out.contains("href=\"index.html\" rel=\"prev\""), "{out}");
        assert!(out.contains("href=\"index-3.html\" rel=\"next\""), "{out}");
        assert!(
            out.contains("aria-current=\"page\" aria-label=\"Page 2\""),
            "{out}"
        );
    }
}
