//! The French words pacte knows are spelled right: the stems of every form
//! of the Dicollecte French dictionary (as shipped by Debian's
//! `hunspell-fr-classical`, MPL-2.0; see `data/french-stems.md`), embedded
//! at build time in `data/french-stems.txt`.
//!
//! Invariants: the file holds the [`stem`](super::stem) of each word of
//! four letters or more (shorter words are never corrected), sorted and
//! each once, front-coded to keep the binary small: each line starts with
//! one character saying how many leading bytes it shares with the line
//! before (`0`–`9`, then `a`–`z` for 10–35), then the rest of the stem.
//! A word whose stem is in the set is never "corrected" into another.

use std::sync::OnceLock;

/// The embedded, front-coded list of stems.
pub(super) const STEMS: &str = include_str!("../../data/french-stems.txt");

/// The shortest word the list holds (and the corrector considers).
pub const SHORTEST: usize = 4;

/// The French stems, sorted, decoded once.
pub fn stems() -> &'static [String] {
    static DECODED: OnceLock<Vec<String>> = OnceLock::new();
    DECODED.get_or_init(|| decode(STEMS))
}

/// Whether `stemmed` (a stem as [`stem`](super::stem) makes it) is the stem
/// of a French word.
pub fn is_french(stemmed: &str) -> bool {
    stems()
        .binary_search_by(|known| known.as_str().cmp(stemmed))
        .is_ok()
}

fn decode(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(text.len() / 4);
    let mut previous = String::new();
    for line in text.lines() {
        let mut chars = line.chars();
        let Some(shared) = chars.next().and_then(|c| c.to_digit(36)) else {
            continue;
        };
        let shared = usize::try_from(shared).unwrap_or(0).min(previous.len());
        let mut stem = String::with_capacity(shared + line.len());
        stem.push_str(previous.get(..shared).unwrap_or_default());
        stem.push_str(chars.as_str());
        out.push(stem.clone());
        previous = stem;
    }
    out
}

/// Front-codes sorted, distinct ASCII stems (the inverse of [`decode`]).
/// Front-codes sorted stems as the embedded file does (the site splits
/// the set into shards, each coded on its own).
pub fn encode(stems: &[String]) -> String {
    let mut out = String::new();
    let mut previous = "";
    for stem in stems {
        let shared = previous
            .bytes()
            .zip(stem.bytes())
            .take_while(|(a, b)| a == b)
            .count()
            .min(35);
        out.push(char::from_digit(u32::try_from(shared).unwrap_or(0), 36).unwrap_or('0'));
        out.push_str(&stem[shared..]);
        out.push('\n');
        previous = stem;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::stem;

    #[test]
    fn the_list_is_sorted_distinct_and_decodes_back() {
        let stems = stems();
        assert!(stems.len() > 50_000, "{}", stems.len());
        assert!(stems.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(encode(stems), STEMS);
    }

    #[test]
    fn common_words_of_the_field_are_french() {
        for word in [
            "usine",
            "ménage",
            "entrepreneur",
            "quinquagénaires",
            "chômeurs",
            "banlieue",
            "curriculum",
            "maladie",
            "vélos",
            "électrique",
            "veulent",
            "cherche",
            "apprentissage",
        ] {
            assert!(is_french(&stem(word)), "{word}");
        }
        for typo in ["acompagnement", "ressourcerei", "covoiturgae", "formaiton"] {
            assert!(!is_french(&stem(typo)), "{typo}");
        }
    }

    /// Rewrites `data/french-stems.txt` from a list of word forms, one per
    /// line (see `data/french-stems.md` for how the list is made):
    /// `PACTE_FRENCH_FORMS=/tmp/forms.txt cargo test --lib regenerate -- --ignored`.
    #[test]
    #[ignore = "run by hand when the dictionary or the analyzer changes"]
    fn regenerate() {
        let path = std::env::var("PACTE_FRENCH_FORMS").expect("PACTE_FRENCH_FORMS");
        let forms = std::fs::read_to_string(path).expect("the list of forms");
        let mut stems: Vec<String> = forms
            .lines()
            .flat_map(|line| {
                crate::search::words(line)
                    .map(|(_, w)| w)
                    .collect::<Vec<_>>()
            })
            .filter(|word| word.chars().count() >= SHORTEST)
            .map(stem)
            .filter(|s| s.is_ascii() && !s.is_empty())
            .collect();
        stems.sort();
        stems.dedup();
        let out = concat!(env!("CARGO_MANIFEST_DIR"), "/data/french-stems.txt");
        std::fs::write(out, encode(&stems)).expect("writing the stems");
    }
}
