//! How the any-word completion ranks sheets that hold only some of the
//! words of a query (long questions, words no sheet holds together).
//!
//! Each group of the query (a word with its alternatives) is searched on
//! its own; a sheet's score is the sum, over the groups it matches, of the
//! group's weight times how well it matches that group (its bm25 score for
//! the group over the best bm25 score for that group, between ½ and 1).
//! A group weighs its rarity (bm25's inverse document frequency) but never
//! more than one and a half times the mean rarity of the query's groups: a
//! rare word counts, yet a sheet holding only it does not outrank one
//! holding the subject's other words. The cost is one search per group: linear in the query.

use std::collections::HashMap;

/// The sheets one group matched, as `(sheet, bm25 score)`, higher better.
pub type GroupHits = Vec<(i64, f64)>;

/// The inverse document frequency of a group matched by `matched` of
/// `sheets` sheets, as bm25 computes it (always above zero).
#[allow(clippy::cast_precision_loss)] // sheet counts stay far below 2^52
pub fn rarity(matched: usize, sheets: usize) -> f64 {
    let (n, m) = (sheets.max(matched) as f64, matched as f64);
    ((n - m + 0.5) / (m + 0.5)).ln_1p()
}

/// How far above the mean rarity of a query's groups one group may weigh.
pub(super) const CAP: f64 = 1.5;

/// The weights of the groups: their rarity, capped at [`CAP`] times the
/// mean rarity of the groups that matched something.
pub fn weights(groups: &[GroupHits], sheets: usize) -> Vec<f64> {
    let rarities: Vec<f64> = groups.iter().map(|g| rarity(g.len(), sheets)).collect();
    let matched: Vec<f64> = groups
        .iter()
        .zip(&rarities)
        .filter(|(g, _)| !g.is_empty())
        .map(|(_, r)| *r)
        .collect();
    if matched.is_empty() {
        return vec![0.0; groups.len()];
    }
    #[allow(clippy::cast_precision_loss)]
    let mean = matched.iter().sum::<f64>() / matched.len() as f64;
    rarities.into_iter().map(|r| r.min(CAP * mean)).collect()
}

/// Every sheet any group matched, with its score, best first (ties by
/// sheet number; the caller orders equal scores by id).
pub fn rank(groups: &[GroupHits], sheets: usize) -> Vec<(i64, f64)> {
    let weights = weights(groups, sheets);
    let mut scores: HashMap<i64, f64> = HashMap::new();
    for (group, weight) in groups.iter().zip(weights) {
        let best = group.iter().map(|(_, s)| *s).fold(0.0_f64, f64::max);
        for (sheet, score) in group {
            let strength = if best > 0.0 {
                0.5 + 0.5 * (score / best).clamp(0.0, 1.0)
            } else {
                1.0
            };
            *scores.entry(*sheet).or_default() += weight * strength;
        }
    }
    let mut ranked: Vec<(i64, f64)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rare_word_alone_does_not_outrank_the_other_words_together() {
        // Sheet 1 holds only the rare word; sheet 2 the two common ones.
        let groups = vec![
            vec![(1, 9.0)],
            vec![(2, 2.0), (3, 2.0), (4, 2.0), (5, 2.0)],
            vec![(2, 2.0), (6, 2.0), (7, 2.0), (8, 2.0)],
        ];
        let ranked = rank(&groups, 40);
        assert_eq!(ranked[0].0, 2, "{ranked:?}");
        assert!(ranked.iter().any(|(s, _)| *s == 1));
    }

    #[test]
    fn more_words_matched_rank_first_and_a_lone_rare_word_still_counts() {
        let groups = vec![vec![(1, 3.0), (2, 3.0)], vec![(1, 1.0)], vec![(3, 5.0)]];
        let ranked = rank(&groups, 10);
        assert_eq!(ranked[0].0, 1);
        assert_eq!(ranked.len(), 3);
        assert!(rarity(1, 10) > rarity(5, 10));
        assert!(rarity(10, 10) > 0.0);
    }

    #[test]
    fn groups_matching_nothing_weigh_nothing() {
        assert_eq!(weights(&[vec![], vec![]], 5), vec![0.0, 0.0]);
        assert!(rank(&[vec![], vec![]], 5).is_empty());
    }
}
