//! Typo correction from the index's own words.
//!
//! A query word that the index does not hold is compared with the index's
//! terms (stems, with the number of sheets holding each): one edit is
//! allowed in a short word and two in a long one (a letter wrong, missing,
//! added, or two letters swapped). The closest term wins, then one that
//! keeps the word's first letter, then the most frequent. Words of three
//! letters or fewer are left alone: they are mostly acronyms, where one
//! letter changes the meaning. The planner never corrects a French word
//! ([`super::is_french`]) nor a name of the thesaurus, and when a word is
//! in the index but rare, it searches the word and its correction both.

use super::analyze::stem;
use super::french::SHORTEST;
use crate::sheet::fold;

/// A word held by at most this many sheets may be a typo that a sheet
/// shares: it is searched beside a close term that this many times more
/// sheets hold ([`RARE_DOUBLED_BY`]).
pub const RARE: usize = 2;
pub const RARE_DOUBLED_BY: usize = 3;

/// Words of one query that typo correction looks at, at most: each is
/// compared with the index's terms, and a query pasted from a document
/// (thousands of words) must not cost thousands of such passes. No query
/// typed by hand holds this many doubtful words.
pub const MAX_CORRECTED: usize = 32;

/// Words of at least this many letters may have two edits.
pub(super) const LONG_WORD: usize = 8;

/// How many edits a word may have to be corrected.
pub fn allowed_edits(word: &str) -> usize {
    match word.chars().count() {
        0..SHORTEST => 0,
        SHORTEST..LONG_WORD => 1,
        _ => 2,
    }
}

/// A candidate term of the index and the number of sheets holding it.
pub struct Known<'a> {
    pub term: &'a str,
    pub sheets: i64,
}

/// Letters the stemmer may cut from the end of a word (`-ation`, `-ies`):
/// a long typed word is also compared without up to this many final
/// letters, which costs one edit.
pub(super) const ENDING: usize = 4;

/// The index term that `word` (as typed) most likely meant, if any is close
/// enough. The typed word is compared as stemmed, as folded, and without
/// its last letters (long words): a typo can stop the stemmer from cutting the ending it
/// would have cut (`formaiton` keeps its `-ion`). The fewest edits win, then
/// a term with the same first letter, then the fewest letters cut, then
/// the most frequent term.
pub fn correction<'a>(word: &str, known: impl IntoIterator<Item = Known<'a>>) -> Option<&'a str> {
    let folded = fold(word);
    let edits = allowed_edits(&folded);
    if edits == 0 {
        return None;
    }
    let stemmed = stem(word);
    let stem_edits = allowed_edits(&stemmed);
    let letters: Vec<char> = folded.chars().collect();
    let first = letters.first().copied();
    let longest_cut = if edits > 1 { ENDING } else { 0 };
    let prefixes: Vec<(usize, String)> = (0..=longest_cut)
        .map(|cut| (cut, letters[..letters.len() - cut].iter().collect()))
        .collect();
    known
        .into_iter()
        .filter(|k| k.term != stemmed)
        .filter_map(|k| {
            // The stem is held to its own length's allowance: a short stem
            // of a long word (`solutions` → `solut`) gets one edit only.
            let from_stem = strsim::osa_distance(&stemmed, k.term);
            let from_stem = (from_stem <= stem_edits).then_some((from_stem, 0));
            let (distance, cut) = prefixes
                .iter()
                .map(|(cut, prefix)| {
                    let cost = usize::from(*cut > 0);
                    (strsim::osa_distance(prefix, k.term) + cost, *cut)
                })
                .filter(|(distance, _)| *distance <= edits)
                .chain(from_stem)
                .min()?;
            let other_first = k.term.chars().next() != first;
            Some((distance, other_first, cut, -k.sheets, k.term))
        })
        .min()
        .map(|(_, _, _, _, term)| term)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn correct(word: &str, known: &[(&'static str, i64)]) -> Option<&'static str> {
        correction(
            word,
            known.iter().map(|&(term, sheets)| Known { term, sheets }),
        )
    }

    #[test]
    fn one_letter_wrong_missing_or_swapped_is_corrected() {
        let index = [
            ("format", 40),
            ("accompagn", 30),
            ("solidair", 20),
            ("recycler", 3),
            ("form", 50),
            ("ressourcer", 2),
            ("tramway", 2),
        ];
        for (typo, meant) in [
            ("formaiton", "format"),
            ("acompagnement", "accompagn"),
            ("solidiare", "solidair"),
            ("recyclrie", "recycler"),
            ("ressourcerei", "ressourcer"),
            ("tramawy", "tramway"),
        ] {
            assert_eq!(correct(typo, &index), Some(meant), "{typo}");
        }
    }

    #[test]
    fn the_closest_then_the_most_frequent_term_wins() {
        assert_eq!(
            correct("vendages", &[("vendang", 1), ("vend", 50)]),
            Some("vendang")
        );
        assert_eq!(
            correct("jardinx", &[("jardind", 1), ("jardins", 7)]),
            Some("jardins")
        );
    }

    #[test]
    fn a_term_keeping_the_first_letter_wins_a_tie() {
        assert_eq!(
            correct("gardage", &[("bardag", 40), ("garag", 2)]),
            Some("garag")
        );
    }

    #[test]
    fn short_words_and_far_words_are_left_alone() {
        assert_eq!(correct("zrr", &[("zr", 5)]), None);
        // A correct word the index lacks is not bent into another one.
        assert_eq!(correct("solutions", &[("sort", 5)]), None);
        assert_eq!(correct("jardin", &[("garag", 5)]), None);
    }
}
