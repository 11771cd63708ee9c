//! Where each word of the search index occurs: the documents, their
//! weighted counts (for bm25) and the positions (for phrases).
//!
//! Invariant: a position packs the column above the word's place in that
//! column, so the words of a phrase follow each other exactly when their
//! positions do; the script reads positions the same way.

use super::search_encode::numbers;
use crate::store::COLUMN_WEIGHTS;

/// Positions pack the column above the word's place in it.
pub const COLUMN_SHIFT: u32 = 20;

/// One index word's occurrences: the documents holding it (ascending),
/// twice its weighted count in each (weights are halves), and its
/// positions in each (`column << COLUMN_SHIFT | place`, ascending).
#[derive(Default)]
pub struct Postings {
    pub docs: Vec<u32>,
    pub weighted: Vec<u64>,
    ends: Vec<usize>,
    positions: Vec<u32>,
}

impl Postings {
    pub fn add(&mut self, doc: u32, position: u32, weight: u64) {
        if self.docs.last() != Some(&doc) {
            self.docs.push(doc);
            self.weighted.push(0);
            self.ends.push(self.positions.len());
        }
        if let Some(last) = self.weighted.last_mut() {
            *last += weight;
        }
        if let Some(end) = self.ends.last_mut() {
            *end += 1;
        }
        self.positions.push(position);
    }

    pub fn positions_of(&self, at: usize) -> &[u32] {
        let start = if at == 0 { 0 } else { self.ends[at - 1] };
        &self.positions[start..self.ends[at]]
    }

    /// Docs with their weighted count, as numbers: doc gaps and counts.
    pub fn encoded(&self) -> String {
        let mut previous = 0;
        let mut values = Vec::with_capacity(self.docs.len() * 2);
        for (doc, weighted) in self.docs.iter().zip(&self.weighted) {
            values.push(u64::from(doc - previous));
            values.push(*weighted);
            previous = *doc;
        }
        numbers(values)
    }

    /// Docs with their positions: doc gap, count, position gaps.
    pub fn encoded_positions(&self) -> String {
        let mut previous = 0;
        let mut values = Vec::with_capacity(self.positions.len() + self.docs.len() * 2);
        for (at, doc) in self.docs.iter().enumerate() {
            values.push(u64::from(doc - previous));
            previous = *doc;
            let positions = self.positions_of(at);
            values.push(positions.len() as u64);
            let mut last = 0;
            for position in positions {
                values.push(u64::from(position - last));
                last = *position;
            }
        }
        numbers(values)
    }
}

/// Twice each column's weight, as whole numbers.
pub fn doubled_weights() -> [u64; 5] {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    COLUMN_WEIGHTS.map(|w| (w * 2.0).round() as u64)
}

/// A phrase's occurrences from its words' positions: where each word
/// follows the one before in the same column.
pub fn phrase_postings(words: &[&Postings]) -> Postings {
    let weights = doubled_weights();
    let mut out = Postings::default();
    let Some((first, rest)) = words.split_first() else {
        return out;
    };
    let mut cursors = vec![0usize; rest.len()];
    for (at, doc) in first.docs.iter().enumerate() {
        let mut found: Vec<usize> = Vec::with_capacity(rest.len());
        for (word, cursor) in rest.iter().zip(cursors.iter_mut()) {
            while *cursor < word.docs.len() && word.docs[*cursor] < *doc {
                *cursor += 1;
            }
            if *cursor < word.docs.len() && word.docs[*cursor] == *doc {
                found.push(*cursor);
            }
        }
        if found.len() < rest.len() {
            continue;
        }
        for start in first.positions_of(at) {
            let follows = rest
                .iter()
                .zip(&found)
                .zip(1u32..)
                .all(|((word, i), step)| {
                    word.positions_of(*i).binary_search(&(start + step)).is_ok()
                });
            if follows {
                let column = (start >> COLUMN_SHIFT) as usize;
                out.add(*doc, *start, weights[column]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_found_where_their_words_follow_each_other() {
        let mut a = Postings::default();
        let mut b = Postings::default();
        a.add(0, 3, 2);
        b.add(0, 4, 2);
        a.add(1, 3, 2);
        b.add(1, 7, 2);
        a.add(2, 1 << COLUMN_SHIFT, 20);
        b.add(2, (1 << COLUMN_SHIFT) + 1, 20);
        let found = phrase_postings(&[&a, &b]);
        assert_eq!(found.docs, vec![0, 2]);
        // Each occurrence counts its column's weight, doubled: the title
        // (column 0) 20, the objectives (column 1) 10.
        assert_eq!(found.weighted, vec![20, 10]);
    }
}
