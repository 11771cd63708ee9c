//! The related sheets at the bottom of each sheet page.
//!
//! They are the sheets that share most themes, publics, partners and
//! funders with it, weighted as [`crate::store::Shared::score`] weighs them
//! for `pacte related` (the weights are read from there, not repeated).
//! `pacte related` also scores the words two sheets have in common with one
//! full-text query per sheet; at 60 ms a query on a 10 000-sheet catalogue
//! that alone would take ten minutes, so the site leaves the words out and
//! finds the shared values for all sheets at once, in memory, each value
//! kept as a number. Sheets are numbered in the order of their ids and
//! ties go to the smaller number, so the result does not depend on the
//! order of work.

use std::collections::{BTreeSet, HashMap};

use crate::sheet::{Sheet, fold};
use crate::store::Shared;

/// How many related sheets a sheet page shows.
pub const RELATED: usize = 5;

/// What two sheets can share, in the order of [`Shared`]'s sets.
pub const KINDS: usize = 4;

/// The values of one sheet, one set per kind: theme and public codes,
/// folded partner names (specific and others), folded funder names
/// (financial partners and funding lines), as the store compares them.
pub fn values(sheet: &Sheet) -> [BTreeSet<String>; KINDS] {
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

/// The score of sharing one value of each kind, asked of [`Shared`], in
/// quarters: whole numbers add up exactly and quickly, in the same order
/// as the scores they stand for.
fn weights() -> [u32; KINDS] {
    let one = || BTreeSet::from([String::new()]);
    let scores = [
        Shared {
            themes: one(),
            ..Shared::default()
        },
        Shared {
            publics: one(),
            ..Shared::default()
        },
        Shared {
            partners: one(),
            ..Shared::default()
        },
        Shared {
            funders: one(),
            ..Shared::default()
        },
    ];
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // small weights
    scores.map(|shared| (shared.score() * 4.0).round() as u32)
}

/// The values sheets may share, gathered one sheet at a time.
#[derive(Default)]
pub struct Sharing {
    /// Each value's number, by kind.
    numbers: [HashMap<String, u32>; KINDS],
    /// Each sheet's values, by kind, as numbers.
    sheets: Vec<[Vec<u32>; KINDS]>,
}

impl Sharing {
    /// Adds the next sheet's [`values`] (sheets come in the order of their
    /// ids).
    pub fn add(&mut self, sets: [BTreeSet<String>; KINDS]) {
        let mut numbered: [Vec<u32>; KINDS] = Default::default();
        for ((set, numbers), out) in sets.into_iter().zip(&mut self.numbers).zip(&mut numbered) {
            for value in set {
                let next = u32::try_from(numbers.len()).unwrap_or(u32::MAX);
                out.push(*numbers.entry(value).or_insert(next));
            }
        }
        self.sheets.push(numbered);
    }

    /// For each sheet, by number, the numbers of the sheets that share
    /// most with it, best first; sheets that share nothing are left out.
    pub fn related(self) -> Vec<Vec<u32>> {
        let weights = weights();
        // Which sheets hold each value.
        let mut holders: [Vec<Vec<u32>>; KINDS] = Default::default();
        for (kind, numbers) in self.numbers.iter().enumerate() {
            holders[kind] = vec![Vec::new(); numbers.len()];
        }
        for (index, values) in (0u32..).zip(&self.sheets) {
            for (kind, set) in values.iter().enumerate() {
                for &value in set {
                    holders[kind][value as usize].push(index);
                }
            }
        }
        let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let indexes: Vec<usize> = (0..self.sheets.len()).collect();
        let chunks: Vec<&[usize]> = indexes
            .chunks(self.sheets.len().div_ceil(workers).max(1))
            .collect();
        let lists = crate::parallel::map(&chunks, |chunk| {
            let mut scores = Scores::new(self.sheets.len());
            chunk
                .iter()
                .map(|&index| {
                    for (kind, set) in self.sheets[index].iter().enumerate() {
                        for &value in set {
                            scores.add(&holders[kind][value as usize], weights[kind]);
                        }
                    }
                    scores.best(index)
                })
                .collect::<Vec<_>>()
        });
        lists.into_iter().flatten().collect()
    }
}

/// Scores by sheet for one sheet at a time, reused: which were touched.
struct Scores {
    scores: Vec<u32>,
    touched: Vec<u32>,
}

impl Scores {
    fn new(sheets: usize) -> Scores {
        Scores {
            scores: vec![0; sheets],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, holders: &[u32], weight: u32) {
        for &other in holders {
            let slot = &mut self.scores[other as usize];
            if *slot == 0 {
                self.touched.push(other);
            }
            *slot += weight;
        }
    }

    /// The best of the sheets touched, but `index` itself; clears.
    fn best(&mut self, index: usize) -> Vec<u32> {
        let mut ranked: Vec<(u32, u32)> = self
            .touched
            .iter()
            .filter(|&&other| other as usize != index)
            .map(|&other| (self.scores[other as usize], other))
            .collect();
        for other in self.touched.drain(..) {
            self.scores[other as usize] = 0;
        }
        let best = |a: &(u32, u32), b: &(u32, u32)| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1));
        if ranked.len() > RELATED {
            ranked.select_nth_unstable_by(RELATED, best);
            ranked.truncate(RELATED);
        }
        ranked.sort_by(best);
        // Not collected in place: the list would keep the room of every
        // sheet touched, for every sheet.
        let mut best = Vec::with_capacity(ranked.len());
        best.extend(ranked.iter().map(|(_, other)| *other));
        best
    }
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
        let mut sharing = Sharing::default();
        for sheet in &sheets {
            sharing.add(values(sheet));
        }
        let related = sharing.related();
        let ids = |id: &str| -> Vec<&str> {
            let at = sheets.iter().position(|s| s.id == id).unwrap();
            related[at]
                .iter()
                .map(|&n| sheets[n as usize].id.as_str())
                .collect()
        };
        // c shares two themes (6); d the funder, folded (2); b one theme (3).
        assert_eq!(ids("a"), ["c", "b", "d"]);
        assert_eq!(ids("d"), ["a"]);
        assert!(ids("e").is_empty());
    }

    #[test]
    fn weights_in_quarters_are_exact() {
        let quarters = weights();
        assert_eq!(
            quarters,
            [12, 8, 8, 8],
            "weights are no longer whole quarters"
        );
    }
}
