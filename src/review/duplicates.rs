//! Probable duplicates: sheets from different files, by the same
//! structure, with very similar titles or texts — the same action written
//! up twice, or an old file kept beside its new version — reported as
//! groups, each once with all its members.
//!
//! Two sheets are alike when their folded titles are at least
//! [`TITLE_THRESHOLD`] alike (Sørensen–Dice over letter pairs) or their
//! texts share at least [`TEXT_THRESHOLD`] of their runs of words
//! (Jaccard); a group is a set of sheets linked by such pairs.
//!
//! Bounded work: only sheets of one structure are compared. A structure
//! with up to [`EXACT_UP_TO`] sheets is compared pair by pair; a larger one
//! goes through MinHash signatures cut into bands (locality-sensitive
//! hashing), so that only sheets sharing a band are compared, each with at
//! most [`PER_BUCKET`] groups of a bucket, and not at all once they are in
//! one group already. Time and memory then grow with the number of sheets,
//! not with its square, and a catalogue of near copies gives one group, not
//! every pair.

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
/// Structures with at most this many sheets are compared pair by pair.
const EXACT_UP_TO: usize = 300;
/// Bands × rows of the MinHash signatures: titles (pairs of letters) need
/// about 74 % in common to reach the title threshold, texts 50 %.
const TITLE_BANDS: usize = 12;
const TITLE_ROWS: usize = 3;
const TEXT_BANDS: usize = 16;
const TEXT_ROWS: usize = 2;
/// Groups of one bucket a sheet is compared with, at most.
const PER_BUCKET: usize = 8;

/// One group of probable duplicates.
#[derive(Debug, Clone, Serialize)]
pub struct Duplicate {
    /// The members, by id.
    pub members: Vec<Side>,
    pub structure: String,
    /// 0 to 1: how alike the folded titles of the closest linked pair are.
    pub title_similarity: f64,
    /// 0 to 1: the highest share of runs of three words that linked
    /// members' descriptions and objectives share.
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

/// Links between sheets, as a union-find forest with the best similarities
/// seen in each group.
struct Groups {
    parent: Vec<usize>,
    best: Vec<(f64, f64)>,
}

impl Groups {
    fn new(count: usize) -> Groups {
        Groups {
            parent: (0..count).collect(),
            best: vec![(0.0, 0.0); count],
        }
    }

    fn root(&mut self, mut index: usize) -> usize {
        while self.parent[index] != index {
            self.parent[index] = self.parent[self.parent[index]];
            index = self.parent[index];
        }
        index
    }

    fn link(&mut self, a: usize, b: usize, title: f64, text: f64) {
        let (ra, rb) = (self.root(a), self.root(b));
        let (keep, gone) = (ra.min(rb), ra.max(rb));
        let best = (
            self.best[ra].0.max(self.best[rb].0).max(title),
            self.best[ra].1.max(self.best[rb].1).max(text),
        );
        self.parent[gone] = keep;
        self.best[keep] = best;
    }
}

/// Compares two sheets; their similarities when they are alike.
fn alike(a: &Prepared, b: &Prepared) -> Option<(f64, f64)> {
    if a.sheet.source == b.sheet.source {
        return None;
    }
    let title = strsim::sorensen_dice(&a.title, &b.title);
    let text = jaccard(&a.shingles, &b.shingles);
    (title >= TITLE_THRESHOLD || text >= TEXT_THRESHOLD).then_some((title, text))
}

/// Groups of probable duplicates, ordered by their first id.
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
    for members in by_structure.values() {
        let mut groups = Groups::new(members.len());
        if members.len() <= EXACT_UP_TO {
            for a in 0..members.len() {
                for b in a + 1..members.len() {
                    if let Some((title, text)) = alike(&members[a], &members[b]) {
                        groups.link(a, b, title, text);
                    }
                }
            }
        } else {
            link_by_bands(members, &mut groups);
        }
        found.extend(collect(members, &mut groups));
    }
    found.sort_by(|a, b| a.members[0].id.cmp(&b.members[0].id));
    found
}

/// Links the sheets that share a band of their title's or their text's
/// signature and are alike.
fn link_by_bands(members: &[Prepared], groups: &mut Groups) {
    let mut buckets: foldhash::HashMap<(u8, usize, u64), Vec<usize>> = foldhash::HashMap::default();
    for (index, member) in members.iter().enumerate() {
        let pairs = letter_pairs(&member.title);
        let title = signature(&pairs, TITLE_BANDS * TITLE_ROWS);
        for (band, rows) in title.chunks(TITLE_ROWS).enumerate() {
            if !pairs.is_empty() {
                buckets
                    .entry((0, band, band_key(rows)))
                    .or_default()
                    .push(index);
            }
        }
        if member.shingles.len() >= MIN_SHINGLES {
            let text = signature(&member.shingles, TEXT_BANDS * TEXT_ROWS);
            for (band, rows) in text.chunks(TEXT_ROWS).enumerate() {
                buckets
                    .entry((1, band, band_key(rows)))
                    .or_default()
                    .push(index);
            }
        }
    }
    let mut keys: Vec<_> = buckets.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let bucket = &buckets[&key];
        // One member of each group met in this bucket so far.
        let mut met: Vec<usize> = Vec::new();
        for &index in bucket {
            let root = groups.root(index);
            if met.iter().any(|&m| groups.root(m) == root) {
                continue;
            }
            let mut joined = false;
            for &other in met.iter().take(PER_BUCKET) {
                if let Some((title, text)) = alike(&members[index], &members[other]) {
                    groups.link(index, other, title, text);
                    joined = true;
                }
            }
            if !joined && met.len() < PER_BUCKET {
                met.push(index);
            }
        }
    }
}

/// The distinct pairs of letters of a folded title, hashed.
fn letter_pairs(title: &str) -> Vec<u64> {
    let chars: Vec<char> = title.chars().filter(|c| !c.is_whitespace()).collect();
    let mut pairs: Vec<u64> = chars
        .windows(2)
        .map(|w| {
            let mut buffer = [0u8; 8];
            w[0].encode_utf8(&mut buffer[..4]);
            w[1].encode_utf8(&mut buffer[4..]);
            xxhash_rust::xxh3::xxh3_64(&buffer)
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// `count` minimum hashes of a set of hashes, one per seed.
fn signature(set: &[u64], count: usize) -> Vec<u64> {
    (0..count as u64)
        .map(|seed| {
            set.iter()
                .map(|&h| xxhash_rust::xxh3::xxh3_64_with_seed(&h.to_le_bytes(), seed))
                .min()
                .unwrap_or(u64::MAX)
        })
        .collect()
}

fn band_key(rows: &[u64]) -> u64 {
    let bytes: Vec<u8> = rows.iter().flat_map(|r| r.to_le_bytes()).collect();
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

/// The groups of two sheets or more, each once, members by id.
fn collect(members: &[Prepared], groups: &mut Groups) -> Vec<Duplicate> {
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for index in 0..members.len() {
        let root = groups.root(index);
        by_root.entry(root).or_default().push(index);
    }
    by_root
        .into_iter()
        .filter(|(_, list)| list.len() > 1)
        .map(|(root, list)| {
            let mut sides: Vec<Side> = list.iter().map(|&i| side(members[i].sheet)).collect();
            sides.sort_by(|a, b| a.id.cmp(&b.id));
            let (title, text) = groups.best[root];
            Duplicate {
                members: sides,
                structure: members[list[0]].sheet.sheet.structure.clone(),
                title_similarity: round(title),
                text_similarity: round(text),
            }
        })
        .collect()
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
        let ids: Vec<&str> = found[0].members.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
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

#[cfg(test)]
mod bounded {
    use super::*;
    use crate::review::tests::sheet;

    /// Many near copies in one structure: one group, found through the
    /// bands, with every member.
    #[test]
    fn near_copies_make_one_group() {
        let count = EXACT_UP_TO * 3;
        let sheets: Vec<Sourced> = (0..count)
            .map(|n| {
                let mut s = sheet(&format!("s{n:05}"));
                s.title = format!("Forum de l'emploi des seniors {n}");
                s.description = format!(
                    "Un forum annuel réunit les employeurs du territoire et les demandeurs \
                     d'emploi de plus de cinquante ans autour d'ateliers et de rencontres {n}"
                );
                Sourced {
                    sheet: s,
                    source: format!("{n}.yaml"),
                }
            })
            .collect();
        let found = find(&sheets);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].members.len(), count);
    }
}
