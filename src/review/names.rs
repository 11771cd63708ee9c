//! Organisation names written several ways ("Conseil départemental du
//! Haut-Rhin", "Conseil Departemental Haut-Rhin", "F.S.E." and "FSE"): each
//! spelling splits filters and statistics, so the report suggests the alias
//! to add for each.
//!
//! Spellings that fold to the same text (case, accents, separators) are
//! already matched everywhere and are not reported. Two names are variants
//! when they are equal once reduced to their letters and digits, or when
//! those reduced forms are at most one edit (Levenshtein) per ten
//! characters apart and hold the same digits (so "Conseil départemental 67"
//! and "… 68" stay apart). Only forms sharing their first three letters are
//! compared.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::sheet::{Sheet, fold};

use super::distance::{Letters, bag_distance, letters, within};

/// Reduced forms at most this many edits apart per ten characters (of the
/// longer) are variants: 90 % alike.
const EDITS_PER_TEN: usize = 1;
/// Reduced forms shorter than this are acronyms: only equality counts.
const MIN_FUZZY: usize = 8;
/// Names are compared only within a block sharing this many first letters.
const BLOCK: usize = 3;
/// How many following names of a sorted pass each name is compared with.
const WINDOW: usize = 24;

/// One organisation and the spellings to add as its aliases.
#[derive(Debug, Clone, Serialize)]
pub struct Variant {
    /// The most used spelling.
    pub name: String,
    /// How many sheets use it.
    pub sheets: usize,
    pub aliases: Vec<Alias>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alias {
    pub spelling: String,
    pub sheets: usize,
}

/// Tells whether the catalogue already treats two spellings as one name.
pub type Known<'a> = &'a dyn Fn(&str, &str) -> bool;

/// What filters and statistics compare today: folded spellings. A
/// thesaurus of organisation names plugs in as another [`Known`], such as
/// `&|a, b| thesaurus.name_key(a) == thesaurus.name_key(b)`.
pub fn same_when_folded(name: &str, alias: &str) -> bool {
    fold(name) == fold(alias)
}

/// A spelling (the most used among those that fold alike) and its count.
struct Spelling {
    text: String,
    sheets: usize,
    /// The folded name's letters and digits only.
    reduced: String,
    /// Its characters, its digits and how many of each letter it holds,
    /// kept to compare cheaply.
    chars: Vec<char>,
    digits: String,
    letters: Letters,
}

pub fn variants<'a>(sheets: impl Iterator<Item = &'a Sheet>, known: Known) -> Vec<Variant> {
    let spellings = spellings(sheets);
    let mut parent: Vec<usize> = (0..spellings.len()).collect();
    let prefixes: Vec<&[char]> = spellings
        .iter()
        .map(|s| &s.chars[..s.chars.len().min(BLOCK)])
        .collect();
    let forward: Vec<Vec<char>> = spellings.iter().map(|s| s.chars.clone()).collect();
    let backward: Vec<Vec<char>> = spellings
        .iter()
        .map(|s| s.chars.iter().rev().copied().collect())
        .collect();
    for keys in [&forward, &backward] {
        let mut order: Vec<usize> = (0..spellings.len()).collect();
        order.sort_by(|&a, &b| {
            prefixes[a]
                .cmp(prefixes[b])
                .then_with(|| keys[a].cmp(&keys[b]))
        });
        for (n, &a) in order.iter().enumerate() {
            for &b in order[n + 1..].iter().take(WINDOW) {
                if prefixes[a] != prefixes[b] {
                    break;
                }
                let (shorter, longer) = {
                    let (x, y) = (spellings[a].chars.len(), spellings[b].chars.len());
                    (x.min(y), x.max(y))
                };
                if longer - shorter > longer * EDITS_PER_TEN / 10 {
                    continue;
                }
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                if ra != rb && alike(&spellings[a], &spellings[b]) {
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    let mut clusters: BTreeMap<usize, Vec<&Spelling>> = BTreeMap::new();
    for (index, spelling) in spellings.iter().enumerate() {
        let r = root(&mut parent, index);
        clusters.entry(r).or_default().push(spelling);
    }
    let mut found: Vec<Variant> = clusters
        .into_values()
        .filter(|cluster| cluster.len() > 1)
        .filter_map(|mut cluster| {
            cluster.sort_by(|a, b| b.sheets.cmp(&a.sheets).then_with(|| a.text.cmp(&b.text)));
            let name = cluster[0];
            let aliases: Vec<Alias> = cluster[1..]
                .iter()
                .filter(|s| !known(&name.text, &s.text))
                .map(|s| Alias {
                    spelling: s.text.clone(),
                    sheets: s.sheets,
                })
                .collect();
            (!aliases.is_empty()).then(|| Variant {
                name: name.text.clone(),
                sheets: name.sheets,
                aliases,
            })
        })
        .collect();
    found.sort_by_cached_key(|v| fold(&v.name));
    found
}

/// Every organisation name of the sheets (structure, partners, funders),
/// merged by folded form, with the number of sheets naming it.
fn spellings<'a>(sheets: impl Iterator<Item = &'a Sheet>) -> Vec<Spelling> {
    // folded → (spelling → sheets)
    let mut by_fold: BTreeMap<String, HashMap<&str, usize>> = BTreeMap::new();
    for sheet in sheets {
        let mut names: Vec<&str> = vec![sheet.structure.as_str()];
        names.extend(
            sheet
                .partners
                .iter()
                .flat_map(crate::sheet::Partners::names),
        );
        names.extend(
            sheet
                .budget
                .iter()
                .flat_map(|b| b.funding.iter().map(|f| f.source.as_str())),
        );
        names.sort_unstable();
        names.dedup();
        for name in names {
            *by_fold
                .entry(fold(name))
                .or_default()
                .entry(name)
                .or_default() += 1;
        }
    }
    by_fold
        .into_iter()
        .filter_map(|(folded, counts)| {
            let sheets = counts.values().sum();
            let (text, _) = counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
            let reduced: String = folded.chars().filter(|c| c.is_alphanumeric()).collect();
            (!reduced.is_empty()).then(|| Spelling {
                text: text.to_owned(),
                sheets,
                chars: reduced.chars().collect(),
                letters: letters(&reduced),
                digits: reduced.chars().filter(char::is_ascii_digit).collect(),
                reduced,
            })
        })
        .collect()
}

fn alike(a: &Spelling, b: &Spelling) -> bool {
    if a.chars.len() == b.chars.len() && a.reduced == b.reduced {
        return true;
    }
    let longer = a.chars.len().max(b.chars.len());
    a.chars.len() >= MIN_FUZZY
        && b.chars.len() >= MIN_FUZZY
        && a.digits == b.digits
        && bag_distance(&a.letters, &b.letters) <= longer * EDITS_PER_TEN / 10
        && within(&a.chars, &b.chars, longer * EDITS_PER_TEN / 10)
}

fn root(parent: &mut [usize], mut index: usize) -> usize {
    while parent[index] != index {
        parent[index] = parent[parent[index]];
        index = parent[index];
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::tests::sheet;
    use crate::sheet::Partners;

    fn with_partners(id: &str, structure: &str, funders: &[&str]) -> Sheet {
        let mut s = sheet(id);
        s.structure = structure.to_owned();
        s.partners = Some(Partners {
            funders: funders.iter().map(|f| (*f).to_owned()).collect(),
            ..Partners::default()
        });
        s
    }

    #[test]
    fn variants_are_grouped_under_the_most_used_spelling() {
        let sheets = [
            with_partners("a", "PLIE", &["Conseil départemental du Haut-Rhin", "FSE"]),
            with_partners(
                "b",
                "PLIE",
                &["Conseil départemental du Haut-Rhin", "F.S.E."],
            ),
            with_partners("c", "PLIE", &["Conseil Departemental Haut-Rhin", "fse"]),
            with_partners(
                "d",
                "PLIE",
                &["Conseil départemental 67", "Région Grand Est"],
            ),
            with_partners("e", "PLIE", &["Region grand-est"]),
        ];
        let found = variants(sheets.iter(), &same_when_folded);
        let summary: Vec<(String, Vec<String>)> = found
            .iter()
            .map(|v| {
                (
                    v.name.clone(),
                    v.aliases.iter().map(|a| a.spelling.clone()).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "Conseil départemental du Haut-Rhin".to_owned(),
                    vec!["Conseil Departemental Haut-Rhin".to_owned()]
                ),
                ("FSE".to_owned(), vec!["F.S.E.".to_owned()]),
            ]
        );
        assert_eq!(
            found[1].sheets, 2,
            "FSE and fse fold alike and count together"
        );
    }

    #[test]
    fn names_already_known_are_not_suggested() {
        assert!(same_when_folded("Pôle emploi", "pole-emploi"));
        assert!(!same_when_folded("FSE", "F.S.E."));
        let sheets = [
            with_partners("a", "PLIE", &["FSE"]),
            with_partners("b", "PLIE", &["F.S.E."]),
        ];
        assert_eq!(variants(sheets.iter(), &same_when_folded).len(), 1);
        assert!(variants(sheets.iter(), &|_, _| true).is_empty());
    }
}
