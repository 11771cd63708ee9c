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
        let holders = self.holders();
        let numbers: Vec<u32> = (0..u32::try_from(self.sheets.len()).unwrap_or(u32::MAX)).collect();
        crate::parallel::map(&numbers, |&number| {
            let lists: Vec<Cursor> = self.sheets[number as usize]
                .iter()
                .zip(&holders)
                .zip(weights)
                .flat_map(|((values, holders), weight)| {
                    values
                        .iter()
                        .map(move |&value| Cursor::new(&holders[value as usize], weight))
                })
                .collect();
            best_first(lists, number)
        })
    }

    /// Which sheets hold each value, by kind, in the order of the sheets.
    fn holders(&self) -> [Vec<Vec<u32>>; KINDS] {
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
        holders
    }
}

/// The sheets holding one value of a sheet, in order, walked once.
struct Cursor<'h> {
    sheets: &'h [u32],
    at: usize,
    /// The sheet at `at`, or [`DONE`] past the last: kept at hand, as
    /// the cursors are compared by it at every step.
    current: u32,
    /// What sharing the value weighs.
    weight: u32,
}

/// The current sheet of a cursor that has walked all its sheets: after
/// any sheet's number.
const DONE: u32 = u32::MAX;

impl<'h> Cursor<'h> {
    fn new(sheets: &'h [u32], weight: u32) -> Cursor<'h> {
        let mut cursor = Cursor {
            sheets,
            at: 0,
            current: DONE,
            weight,
        };
        cursor.settle();
        cursor
    }

    fn settle(&mut self) {
        self.current = self.sheets.get(self.at).copied().unwrap_or(DONE);
    }

    /// To the next sheet.
    fn step(&mut self) {
        self.at += 1;
        self.settle();
    }

    /// To the first sheet from `sheet` on.
    fn skip_to(&mut self, sheet: u32) {
        self.at += self.sheets[self.at..].partition_point(|&s| s < sheet);
        self.settle();
    }
}

/// The [`RELATED`] sheets with the highest score, the sum of the weights
/// of the values they share with sheet `own` (one cursor per value), ties
/// to the smaller number, `own` left out.
///
/// Scoring every sheet that shares a common value grows with the square
/// of the catalogue. Instead, once some sheets are found, the values held
/// by the most sheets whose weights together do not beat the score of the
/// last of the best become optional: a sheet that shares none of the other
/// values cannot beat that score (a later sheet must beat it strictly, as
/// ties go to the smaller number). Only the sheets of the other values are
/// walked, in order; the optional values are looked up for those sheets
/// alone, and not at all when they could not lift a sheet above the score.
fn best_first(mut cursors: Vec<Cursor>, own: u32) -> Vec<u32> {
    // (score, sheet), best first.
    let mut best: Vec<(u32, u32)> = Vec::with_capacity(RELATED + 1);
    // The values held by the most sheets first: they become optional first.
    cursors.sort_by_key(|c| std::cmp::Reverse(c.sheets.len()));
    // `cursors[..optional]` are optional and weigh `optional_weight` in all.
    let mut optional = 0;
    let mut optional_weight = 0;
    loop {
        let bar = if best.len() == RELATED {
            best[RELATED - 1].0
        } else {
            0
        };
        while optional < cursors.len() && optional_weight + cursors[optional].weight <= bar {
            optional_weight += cursors[optional].weight;
            optional += 1;
        }
        let (optionals, required) = cursors.split_at_mut(optional);
        let sheet = required.iter().map(|c| c.current).min().unwrap_or(DONE);
        if sheet == DONE {
            break;
        }
        let mut score = 0;
        for cursor in required.iter_mut().filter(|c| c.current == sheet) {
            score += cursor.weight;
            cursor.step();
        }
        let mut rest = optional_weight;
        for cursor in optionals.iter_mut() {
            if score + rest <= bar {
                break;
            }
            rest -= cursor.weight;
            cursor.skip_to(sheet);
            if cursor.current == sheet {
                score += cursor.weight;
            }
        }
        if sheet != own && score > bar {
            let at = best.partition_point(|&(s, _)| s >= score);
            best.insert(at, (score, sheet));
            best.truncate(RELATED);
        }
    }
    best.into_iter().map(|(_, sheet)| sheet).collect()
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
    fn the_ranking_is_the_one_of_scoring_every_pair() {
        for seed in [7, 11, 2026] {
            ranking_matches_scoring_every_pair(seed);
        }
    }

    fn ranking_matches_scoring_every_pair(mut seed: u64) {
        let mut next = |below: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % below
        };
        // Themes, publics and funders from a few common values, partners
        // from many rare ones: many ties, and sheets sharing nothing.
        let shapes = [(3, 6), (2, 4), (3, 300), (2, 5)];
        let sets: Vec<[BTreeSet<String>; KINDS]> = (0..600)
            .map(|_| {
                std::array::from_fn(|kind| {
                    let (most, range) = shapes[kind];
                    let count = next(most + 1);
                    (0..count).map(|_| format!("v{}", next(range))).collect()
                })
            })
            .collect();
        let weights = weights();
        let brute: Vec<Vec<u32>> = (0..sets.len())
            .map(|i| {
                let mut scored: Vec<(u32, u32)> = (0..sets.len())
                    .filter(|&j| j != i)
                    .map(|j| {
                        let score = (0..KINDS)
                            .map(|k| {
                                let shared = sets[i][k].intersection(&sets[j][k]).count();
                                weights[k] * u32::try_from(shared).unwrap()
                            })
                            .sum();
                        (score, u32::try_from(j).unwrap())
                    })
                    .filter(|&(score, _)| score > 0)
                    .collect();
                scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                scored.into_iter().take(RELATED).map(|(_, j)| j).collect()
            })
            .collect();
        assert!(brute.iter().any(Vec::is_empty) && brute.iter().any(|b| b.len() == RELATED));
        let mut sharing = Sharing::default();
        for set in sets {
            sharing.add(set);
        }
        assert_eq!(sharing.related(), brute);
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
