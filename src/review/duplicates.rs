//! Probable duplicates: two sheets from different files, by the same
//! structure, with very similar titles or texts — the same action written
//! up twice, or an old file kept beside its new version.
//!
//! Only sheets of one structure are compared with each other, so the work
//! grows with the largest structure's share of the catalogue, not with the
//! square of the catalogue.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::sheet::fold;
use crate::store::Sourced;

/// Titles at least this alike (Sørensen–Dice over letter pairs) match.
const TITLE_THRESHOLD: f64 = 0.85;
/// Texts sharing at least this share of their runs of words (Jaccard)
/// match.
const TEXT_THRESHOLD: f64 = 0.5;
/// Texts are compared by runs of this many words ("shingles"): two texts on
/// one subject share many words but few runs, unless one was copied from
/// the other.
const SHINGLE: usize = 3;
/// Texts with fewer distinct runs than this say too little to compare.
const MIN_SHINGLES: usize = 8;

#[derive(Debug, Clone, Serialize)]
pub struct Duplicate {
    pub first: Side,
    pub second: Side,
    pub structure: String,
    /// 0 to 1: how alike the folded titles are.
    pub title_similarity: f64,
    /// 0 to 1: the share of runs of three words that the descriptions and
    /// objectives share.
    pub text_similarity: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub id: String,
    pub title: String,
    pub source: String,
}

struct Prepared<'a> {
    sheet: &'a Sourced,
    title: String,
    shingles: Vec<u64>,
}

/// Pairs of probable duplicates, ordered by the first id then the second.
pub fn find(sheets: &[Sourced]) -> Vec<Duplicate> {
    let mut by_structure: BTreeMap<String, Vec<Prepared>> = BTreeMap::new();
    for sourced in sheets {
        by_structure
            .entry(fold(&sourced.sheet.structure))
            .or_default()
            .push(Prepared {
                sheet: sourced,
                title: fold(&sourced.sheet.title),
                shingles: shingles(sourced),
            });
    }
    let mut found = Vec::new();
    for group in by_structure.values() {
        for (index, a) in group.iter().enumerate() {
            for b in &group[index + 1..] {
                if a.sheet.source == b.sheet.source {
                    continue;
                }
                let title_similarity = strsim::sorensen_dice(&a.title, &b.title);
                let text_similarity = jaccard(&a.shingles, &b.shingles);
                if title_similarity >= TITLE_THRESHOLD || text_similarity >= TEXT_THRESHOLD {
                    let (first, second) = if a.sheet.sheet.id <= b.sheet.sheet.id {
                        (a, b)
                    } else {
                        (b, a)
                    };
                    found.push(Duplicate {
                        first: side(first.sheet),
                        second: side(second.sheet),
                        structure: a.sheet.sheet.structure.clone(),
                        title_similarity: round(title_similarity),
                        text_similarity: round(text_similarity),
                    });
                }
            }
        }
    }
    found.sort_by(|a, b| (&a.first.id, &a.second.id).cmp(&(&b.first.id, &b.second.id)));
    found
}

fn side(sourced: &Sourced) -> Side {
    Side {
        id: sourced.sheet.id.clone(),
        title: sourced.sheet.title.clone(),
        source: sourced.source.clone(),
    }
}

fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// The hashes of the runs of words of the description and objectives
/// (folded), sorted and distinct.
fn shingles(sourced: &Sourced) -> Vec<u64> {
    let sheet = &sourced.sheet;
    let mut hashes = Vec::new();
    for text in std::iter::once(&sheet.description).chain(&sheet.objectives) {
        let folded = fold(text);
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        hashes.extend(
            words
                .windows(SHINGLE)
                .map(|run| xxhash_rust::xxh3::xxh3_64(run.join(" ").as_bytes())),
        );
    }
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// Shared runs over all runs, 0 when either side says too little.
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.len() < MIN_SHINGLES || b.len() < MIN_SHINGLES {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0_usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    #[allow(clippy::cast_precision_loss)] // counts of runs
    let ratio = shared as f64 / (a.len() + b.len() - shared) as f64;
    ratio
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::tests::sheet;

    fn sourced(id: &str, title: &str, source: &str) -> Sourced {
        let mut s = sheet(id);
        s.title = title.to_owned();
        Sourced {
            sheet: s,
            source: source.to_owned(),
        }
    }

    #[test]
    fn alike_titles_of_one_structure_in_two_files() {
        let sheets = [
            sourced("a", "Forum emploi des seniors", "a.yaml"),
            sourced("b", "Forum emploi seniors", "b.yaml"),
            sourced("c", "Garage solidaire", "c.yaml"),
        ];
        let found = find(&sheets);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].first.id.as_str(), found[0].second.id.as_str()),
            ("a", "b")
        );
        assert!(found[0].title_similarity >= TITLE_THRESHOLD);
    }

    #[test]
    fn one_file_or_two_structures_are_not_duplicates() {
        let mut other = sourced("b", "Forum emploi des seniors", "b.yaml");
        other.sheet.structure = "PLIE du Sundgau".to_owned();
        let sheets = [
            sourced("a", "Forum emploi des seniors", "a.yaml"),
            other,
            sourced("c", "Forum emploi des seniors", "a.yaml"),
        ];
        assert!(find(&sheets).is_empty());
    }

    #[test]
    fn texts_on_one_subject_are_not_copies() {
        let mut a = sourced("a", "Découvrir la logistique", "a.yaml");
        let mut b = sourced("b", "Parcours métiers entrepôt", "b.yaml");
        a.sheet.description = "Des visites d'entreprises de logistique pour les demandeurs \
                               d'emploi, puis des stages dans les entrepôts du territoire"
            .to_owned();
        b.sheet.description = "Les entrepôts du territoire accueillent en stage des \
                               demandeurs d'emploi après des visites de logistique"
            .to_owned();
        assert!(find(&[a, b]).is_empty());
    }

    #[test]
    fn alike_texts_match_under_different_titles() {
        let text = "Accompagner les demandeurs d'emploi vers les métiers de la \
                    logistique grâce à des visites d'entreprises et des stages";
        let mut a = sourced("a", "Découvrir la logistique", "a.yaml");
        let mut b = sourced("b", "Parcours métiers entrepôt", "b.yaml");
        a.sheet.description = text.to_owned();
        b.sheet.description = format!("{text} courts");
        let found = find(&[a, b]);
        assert_eq!(found.len(), 1);
        assert!(found[0].text_similarity >= TEXT_THRESHOLD);
        assert!(found[0].title_similarity < TITLE_THRESHOLD);
    }
}
