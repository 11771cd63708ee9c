//! Where each word of the search index occurs: the documents, their
//! weighted counts (for bm25) and the positions (for phrases).
//!
//! Invariants: a position packs the column above the word's place in that
//! column, so the words of a phrase follow each other exactly when their
//! positions do; the script reads positions the same way. A word's
//! occurrences are kept encoded as the script reads them ([`Postings`]),
//! document after document, so a large catalogue's index stays compact in
//! memory while it is built; they are decoded ([`Occurrences`]) only for
//! the words of the thesaurus's phrases.

use super::search_encode::{Numbers, push_number};
use crate::store::COLUMN_WEIGHTS;

/// Positions pack the column above the word's place in it.
pub const COLUMN_SHIFT: u32 = 20;

/// One index word's occurrences, encoded: documents are added in
/// ascending order, each once.
#[derive(Default)]
pub struct Postings {
    /// How many documents hold the word.
    pub docs: usize,
    /// The last document added.
    last: u32,
    /// Doc gaps with twice the weighted count in each (weights are halves).
    encoded: String,
    /// Doc gaps, counts and position gaps.
    positions: String,
}

impl Postings {
    /// Adds document `doc` (after the ones added before), where the word
    /// weighs `weighted` and stands at the positions `positions` encodes
    /// (see [`super::search_analysis::encode_positions`]).
    pub fn add_doc(&mut self, doc: u32, weighted: u64, positions: &str) {
        let gap = u64::from(doc - self.last);
        self.last = doc;
        self.docs += 1;
        push_number(&mut self.encoded, gap);
        push_number(&mut self.encoded, weighted);
        push_number(&mut self.positions, gap);
        self.positions.push_str(positions);
    }

    /// Docs with their weighted count, as numbers: doc gaps and counts.
    pub fn encoded(&self) -> &str {
        &self.encoded
    }

    /// Docs with their positions: doc gap, count, position gaps.
    pub fn encoded_positions(&self) -> &str {
        &self.positions
    }

    /// The positions, given away: once their file is made the index needs
    /// only the rest.
    pub fn take_positions(&mut self) -> String {
        std::mem::take(&mut self.positions)
    }

    /// The occurrences, decoded.
    pub fn decoded(&self) -> Occurrences {
        let mut out = Occurrences::default();
        let mut numbers = Numbers::new(&self.positions);
        let mut doc = 0u32;
        while let Some(gap) = numbers.next() {
            doc += u32::try_from(gap).unwrap_or(u32::MAX);
            let count = numbers.next().unwrap_or_default();
            let mut position = 0u32;
            for _ in 0..count {
                position += u32::try_from(numbers.next().unwrap_or_default()).unwrap_or(0);
                out.add(doc, position, 0);
            }
        }
        out
    }
}

/// A word's or a phrase's occurrences, decoded: the documents holding it
/// (ascending), twice its weighted count in each, and its positions in
/// each (`column << COLUMN_SHIFT | place`, ascending).
#[derive(Default)]
pub struct Occurrences {
    pub docs: Vec<u32>,
    pub weighted: Vec<u64>,
    ends: Vec<usize>,
    positions: Vec<u32>,
}

impl Occurrences {
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
        let mut out = String::new();
        for (doc, weighted) in self.docs.iter().zip(&self.weighted) {
            push_number(&mut out, u64::from(doc - previous));
            push_number(&mut out, *weighted);
            previous = *doc;
        }
        out
    }
}

/// Twice each column's weight, as whole numbers.
pub fn doubled_weights() -> [u64; 5] {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    COLUMN_WEIGHTS.map(|w| (w * 2.0).round() as u64)
}

/// A phrase's occurrences from its words' positions: where each word
/// follows the one before in the same column.
pub fn phrase_postings(words: &[&Occurrences]) -> Occurrences {
    let weights = doubled_weights();
    let mut out = Occurrences::default();
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
    use super::super::search_analysis::encode_positions;
    use super::*;

    #[test]
    fn phrases_are_found_where_their_words_follow_each_other() {
        let mut a = Occurrences::default();
        let mut b = Occurrences::default();
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

    #[test]
    fn encoded_occurrences_decode_to_what_was_added() {
        let mut word = Postings::default();
        word.add_doc(3, 4, &encode_positions(&[1, 5, 1 << COLUMN_SHIFT]));
        word.add_doc(40, 2, &encode_positions(&[7]));
        let decoded = word.decoded();
        assert_eq!(decoded.docs, vec![3, 40]);
        assert_eq!(decoded.positions_of(0), [1, 5, 1 << COLUMN_SHIFT]);
        assert_eq!(decoded.positions_of(1), [7]);
        assert_eq!(word.docs, 2);
        assert_eq!(word.encoded(), "34x52");
    }
}
