//! A bounded edit distance, for comparing many pairs of short names fast:
//! a lower bound from the letters alone rules most pairs out, and the
//! Levenshtein distance is computed only as far as it can stay under the
//! limit.

/// How many times each of `a`–`z` and `0`–`9` occurs, and (last) any other
/// character.
pub type Letters = [u16; 37];

pub fn letters(reduced: &str) -> Letters {
    let mut counts = [0u16; 37];
    for c in reduced.chars() {
        let slot = match c {
            'a'..='z' => c as usize - 'a' as usize,
            '0'..='9' => 26 + (c as usize - '0' as usize),
            _ => 36,
        };
        counts[slot] = counts[slot].saturating_add(1);
    }
    counts
}

/// A lower bound of the edit distance, from the letters alone: each edit
/// adds, removes or replaces one letter, so it cannot make up for more than
/// one letter missing on either side.
pub fn bag_distance(a: &Letters, b: &Letters) -> usize {
    let (mut more, mut fewer) = (0usize, 0usize);
    for (x, y) in a.iter().zip(b) {
        if x > y {
            more += usize::from(x - y);
        } else {
            fewer += usize::from(y - x);
        }
    }
    more.max(fewer)
}

/// Whether the Levenshtein distance of `a` and `b` is at most `limit`.
///
/// Only the band of cells within `limit` of the diagonal can stay under it,
/// and a row whose every cell is over it ends the search: most pairs of
/// names are rejected after a few characters, where the full measure would
/// fill the whole table.
pub fn within(a: &[char], b: &[char], limit: usize) -> bool {
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    let over = limit + 1;
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j.min(over)).collect();
    let mut current = vec![over; b.len() + 1];
    for i in 1..=a.len() {
        let low = i.saturating_sub(limit).max(1);
        let high = (i + limit).min(b.len());
        // The next row reads this one from `low - 1` to `high + 1`: the
        // cells just outside the band are over the limit, the band is
        // computed below, and nothing further is read.
        current[0] = i.min(over);
        if low > 1 {
            current[low - 1] = over;
        }
        if high < b.len() {
            current[high + 1] = over;
        }
        let mut best = current[0];
        for j in low..=high {
            let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let cell = substitution
                .min(previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(over);
            current[j] = cell;
            best = best.min(cell);
        }
        if best > limit {
            return false;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()] <= limit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banded_distance_agrees_with_the_full_one() {
        let words = [
            "conseildepartementalduhautrhin",
            "conseildepartementalhautrhin",
            "conseildepartementalduhautrin",
            "regiongrandest",
            "regiongrandet",
            "missionlocalenord",
            "missionlocalesud",
            "abc",
            "",
        ];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let distance = strsim::levenshtein(a, b);
                for limit in 0..5 {
                    assert_eq!(
                        within(&ca, &cb, limit),
                        distance <= limit,
                        "{a} {b} {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_banded_distance_agrees_on_random_names() {
        let mut rng = fastrand::Rng::with_seed(7);
        let word = |rng: &mut fastrand::Rng| -> Vec<char> {
            let len = rng.usize(0..14);
            (0..len)
                .map(|_| rng.choice(['a', 'b', 'c']).unwrap_or('a'))
                .collect()
        };
        for _ in 0..3000 {
            let (a, b) = (word(&mut rng), word(&mut rng));
            let distance = strsim::generic_levenshtein(&a, &b);
            let limit = rng.usize(0..6);
            assert_eq!(
                within(&a, &b, limit),
                distance <= limit,
                "{a:?} {b:?} {limit}"
            );
        }
    }

    #[test]
    fn the_letter_bound_never_exceeds_the_distance() {
        let mut rng = fastrand::Rng::with_seed(11);
        let word = |rng: &mut fastrand::Rng| -> String {
            let len = rng.usize(0..14);
            (0..len)
                .map(|_| rng.choice(['a', 'é', '1', 'z']).unwrap_or('a'))
                .collect()
        };
        for _ in 0..3000 {
            let (a, b) = (word(&mut rng), word(&mut rng));
            assert!(
                bag_distance(&letters(&a), &letters(&b)) <= strsim::levenshtein(&a, &b),
                "{a:?} {b:?}"
            );
        }
    }
}
