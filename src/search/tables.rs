//! The planner's rules as data, for a second face of the same search (the
//! site's script): the question words left out of matching, the French
//! words never corrected, the plural rule of short words, and the numbers
//! the planner decides with. A rule changed here changes both faces.
//!
//! Invariant: each value is read from the constant the terminal search
//! uses, never written twice.

use serde::Serialize;

use super::analyze::{PLURAL_AFTER, PLURAL_ENDINGS, PLURAL_MIN_BYTES, stem};
use super::associate::{SEEDS, WORDS};
use super::correct::{MAX_CORRECTED, RARE, RARE_DOUBLED_BY};
use super::french::{SHORTEST, STEMS};
use super::plan::QUERY_STOP_WORDS;
use super::weigh::CAP;

/// The planner's tables and numbers, as the site's script reads them.
#[derive(Debug, Clone, Serialize)]
pub struct PlannerTables {
    /// Stems of the words a query's matching leaves out (unless nothing
    /// else is left); thesaurus names and quoted phrases keep them.
    pub query_stop_stems: Vec<String>,
    /// The stems of French words, never corrected: sorted, front-coded as
    /// in `data/french-stems.txt` (a base-36 digit giving the bytes shared
    /// with the line before, then the rest). Not serialized: the site
    /// splits it into shards by prefix.
    #[serde(skip)]
    pub french_stems: &'static str,
    /// Words shorter than this (in letters) are never corrected.
    pub shortest_corrected: usize,
    /// A word at most this many sheets hold is searched beside a close
    /// word `rare_doubled_by` times more sheets hold.
    pub rare: usize,
    pub rare_doubled_by: usize,
    /// Typo correction looks at this many doubtful words of a query, at most.
    pub max_corrected: usize,
    /// A word the stemmer left whole loses a final letter of
    /// `plural_endings` that follows one of `plural_after`, when it has at
    /// least `plural_min_bytes` bytes.
    pub plural_endings: String,
    pub plural_after: String,
    pub plural_min_bytes: usize,
    /// In the any-word completion, a group weighs at most this many times
    /// the mean rarity of the query's groups.
    pub weight_cap: f64,
    /// Associations: how many first hits seed them, how many words at most.
    pub association_seeds: usize,
    pub association_words: usize,
}

pub fn planner_tables() -> PlannerTables {
    let mut query_stop_stems: Vec<String> = Vec::new();
    for word in QUERY_STOP_WORDS {
        let stemmed = stem(word);
        if !query_stop_stems.contains(&stemmed) {
            query_stop_stems.push(stemmed);
        }
    }
    PlannerTables {
        query_stop_stems,
        french_stems: STEMS,
        shortest_corrected: SHORTEST,
        rare: RARE,
        rare_doubled_by: RARE_DOUBLED_BY,
        max_corrected: MAX_CORRECTED,
        plural_endings: String::from_utf8_lossy(PLURAL_ENDINGS).into_owned(),
        plural_after: String::from_utf8_lossy(PLURAL_AFTER).into_owned(),
        plural_min_bytes: PLURAL_MIN_BYTES,
        weight_cap: CAP,
        association_seeds: SEEDS,
        association_words: WORDS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_hold_what_the_planner_uses() {
        let tables = planner_tables();
        assert!(tables.query_stop_stems.contains(&stem("comment")));
        assert!(tables.french_stems.starts_with('0'));
        assert!(
            !serde_json::to_string(&tables)
                .unwrap()
                .contains("french_stems")
        );
        assert_eq!(tables.plural_endings, "sx");
        let json = serde_json::to_string(&tables).unwrap();
        assert!(json.contains("\"weight_cap\":1.5"), "{}", &json[..200]);
    }
}
