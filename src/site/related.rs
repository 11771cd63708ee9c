//! The related sheets at the bottom of each sheet page.
//!
//! They are the sheets that share most themes, publics, partners and
//! funders with it, weighted as [`crate::store::Shared::score`] weighs them
//! for `pacte related` (the weights are read from there, not repeated).
//! `pacte related` also scores the words two sheets have in common with one
//! full-text query per sheet; at 60 ms a query on a 10 000-sheet catalogue
//! that alone would take ten minutes, so the site leaves the words out and
//! finds the shared values for all sheets at once, in memory. Ties go to the
//! smaller id, so the result does not depend on the order of work.

use std::collections::{BTreeSet, HashMap};

use crate::render::html::RelatedSheet;
use crate::sheet::{Sheet, fold};
use crate::store::Shared;

/// How many related sheets a sheet page shows.
pub const RELATED: usize = 5;

/// What two sheets can share, in the order of [`Shared`]'s sets.
const KINDS: usize = 4;

/// The values of one sheet, one set per kind: theme and public codes,
/// folded partner names (specific and others), folded funder names
/// (financial partners and funding lines), as the store compares them.
fn values(sheet: &Sheet) -> [BTreeSet<String>; KINDS] {
    let partners = sheet
        .partners
        .iter()
        .flat_map(|p| p.specific.iter().chain(&p.others));
    let funders = sheet.partners.iter().flat_map(|p| p.funders.iter()).chain(
        sheet
            .budget
            .iter()
            .flat_map(|b| b.funding.iter().map(|f| &f.source)),
    );
    [
        sheet.themes.iter().cloned().collect(),
        sheet.publics.iter().cloned().collect(),
        partners.map(|n| fold(n)).collect(),
        funders.map(|n| fold(n)).collect(),
    ]
}

/// The score of sharing one value of each kind, asked of [`Shared`].
fn weights() -> [f64; KINDS] {
    let one = || BTreeSet::from([String::new()]);
    [
        Shared {
            themes: one(),
            ..Shared::default()
        }
        .score(),
        Shared {
            publics: one(),
            ..Shared::default()
        }
        .score(),
        Shared {
            partners: one(),
            ..Shared::default()
        }
        .score(),
        Shared {
            funders: one(),
            ..Shared::default()
        }
        .score(),
    ]
}

/// For each sheet, the sheets among `sheets` that share most with it,
/// best first; sheets that share nothing are left out.
pub fn related(sheets: &[Sheet]) -> HashMap<String, Vec<RelatedSheet>> {
    let weights = weights();
    let all_values: Vec<[BTreeSet<String>; KINDS]> = sheets.iter().map(values).collect();
    // Which sheets hold each value.
    let mut holders: [HashMap<&str, Vec<u32>>; KINDS] = Default::default();
    for (index, sheet_values) in all_values.iter().enumerate() {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        for (kind, set) in sheet_values.iter().enumerate() {
            for value in set {
                holders[kind].entry(value.as_str()).or_default().push(index);
            }
        }
    }
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let indexes: Vec<usize> = (0..sheets.len()).collect();
    let chunks: Vec<&[usize]> = indexes
        .chunks(sheets.len().div_ceil(workers).max(1))
        .collect();
    let lists = crate::parallel::map(&chunks, |chunk| {
        // Reused for every sheet of the chunk: scores by sheet, and which
        // were touched.
        let mut scores = vec![0.0_f64; sheets.len()];
        let mut touched: Vec<u32> = Vec::new();
        chunk
            .iter()
            .map(|&index| {
                for (kind, set) in all_values[index].iter().enumerate() {
                    for value in set {
                        for &other in &holders[kind][value.as_str()] {
                            let slot = &mut scores[other as usize];
                            if *slot == 0.0 {
                                touched.push(other);
                            }
                            *slot += weights[kind];
                        }
                    }
                }
                let mut ranked: Vec<(f64, &Sheet)> = touched
                    .iter()
                    .filter(|&&other| other as usize != index)
                    .map(|&other| (scores[other as usize], &sheets[other as usize]))
                    .collect();
                for other in touched.drain(..) {
                    scores[other as usize] = 0.0;
                }
                let best = |a: &(f64, &Sheet), b: &(f64, &Sheet)| {
                    b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id))
                };
                if ranked.len() > RELATED {
                    ranked.select_nth_unstable_by(RELATED, best);
                    ranked.truncate(RELATED);
                }
                ranked.sort_by(best);
                ranked
                    .into_iter()
                    .map(|(_, other)| RelatedSheet {
                        id: other.id.clone(),
                        title: other.title.clone(),
                        structure: other.structure.clone(),
                    })
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    });
    sheets
        .iter()
        .map(|s| s.id.clone())
        .zip(lists.into_iter().flatten())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(id: &str, themes: &[&str], funders: &[&str]) -> Sheet {
        serde_json::from_value(serde_json::json!({
            "id": id, "title": id, "structure": "s", "status": "ongoing",
            "themes": themes, "objectives": ["o"], "description": "d",
            "partners": {"funders": funders},
        }))
        .unwrap()
    }

    #[test]
    fn the_most_shared_come_first_and_strangers_never() {
        let sheets = [
            sheet("a", &["ess", "iae"], &["FSE"]),
            sheet("b", &["ess"], &[]),
            sheet("c", &["ess", "iae"], &["Fonds social européen"]),
            sheet("d", &["mobilite"], &["fse"]),
            sheet("e", &["formation"], &[]),
        ];
        let related = related(&sheets);
        let ids = |id: &str| -> Vec<&str> { related[id].iter().map(|r| r.id.as_str()).collect() };
        // c shares two themes (6); d the funder, folded (2); b one theme (3).
        assert_eq!(ids("a"), ["c", "b", "d"]);
        assert_eq!(ids("d"), ["a"]);
        assert!(ids("e").is_empty());
    }
}
