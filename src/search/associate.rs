//! Associations learned from the catalogue itself (pseudo-relevance
//! feedback): when a query finds only a few sheets, the words that the best
//! of them share, and that other sheets hold too, are searched as well, and
//! the sheets they find are listed after every other hit.
//!
//! Only the analysed words of a seed's title, objectives and the labels of
//! its themes and publics count (what the sheet is about, not every word
//! of its text). A word is chosen for being shared by the seeds and rare in
//! the catalogue, never for being a word of the query, a question word,
//! a number, a word only the seeds hold, or one half the catalogue holds.

use super::plan::is_query_stop_word;
use super::weigh::rarity;

/// How many of the first hits seed the association.
pub const SEEDS: usize = 3;

/// How many words an association adds at most.
pub const WORDS: usize = 4;

/// The words to add, best first, from the analysed words of each seed
/// (`seeds`), given the number of sheets holding a word (`sheets_with`),
/// the number of sheets in the catalogue and the stems of the query.
pub fn associated<'a>(
    seeds: &'a [Vec<String>],
    mut sheets_with: impl FnMut(&str) -> usize,
    sheets: usize,
    query: &[&str],
) -> Vec<&'a str> {
    let mut shared: Vec<(&str, usize)> = Vec::new();
    for words in seeds {
        let mut seen: Vec<&str> = Vec::new();
        for word in words {
            if seen.contains(&word.as_str()) {
                continue;
            }
            seen.push(word);
            match shared.iter_mut().find(|(w, _)| *w == word) {
                Some((_, count)) => *count += 1,
                None => shared.push((word, 1)),
            }
        }
    }
    // With several seeds, a word must be shared by two of them at least.
    let least = if seeds.len() > 1 { 2 } else { 1 };
    let mut scored: Vec<(f64, &str)> = shared
        .into_iter()
        .filter(|(word, count)| {
            *count >= least
                && word.chars().count() >= 3
                && !word.chars().all(|c| c.is_ascii_digit())
                && !query.contains(word)
                && !is_query_stop_word(word)
        })
        .filter_map(|(word, count)| {
            let holding = sheets_with(word);
            let useful = holding > count.min(seeds.len()) && holding * 2 <= sheets;
            #[allow(clippy::cast_precision_loss)] // a few seeds
            let score = count as f64 * rarity(holding, sheets);
            useful.then_some((score, word))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(WORDS).map(|(_, w)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn shared_rare_words_of_the_seeds_are_chosen() {
        let seeds = vec![
            words("velo pret mobilit salari"),
            words("velo mobilit atelier"),
        ];
        let count = |w: &str| match w {
            "velo" => 3,
            "mobilit" => 6,
            _ => 2,
        };
        assert_eq!(
            associated(&seeds, count, 40, &["pret"]),
            vec!["velo", "mobilit"]
        );
        // A word only the seeds hold finds nothing new; a word of the query
        // is there already.
        assert!(associated(&seeds, |_| 2, 40, &[]).is_empty());
        assert!(associated(&seeds, count, 40, &["velo", "mobilit"]).is_empty());
    }

    #[test]
    fn one_seed_gives_its_rarest_words_and_common_words_are_left() {
        let seeds = vec![words("cuisin refugi 2024 comment")];
        let count = |w: &str| if w == "cuisin" { 30 } else { 3 };
        assert_eq!(associated(&seeds, count, 40, &[]), vec!["refugi"]);
    }
}
