//! Query expansion with the thesaurus: a run of query words that spells a
//! known name also matches the other names of its entry.
//!
//! Invariant: expansion only adds alternatives; the words the person typed
//! stay in every group, and the planner runs the literal query first, so a
//! literal match always ranks before a match through the thesaurus.

use std::collections::HashMap;

use super::analyze::terms;
use super::query::{Item, Query};
use crate::sheet::Thesaurus;

/// The thesaurus in analysed form: each name as its stems.
#[derive(Debug, Clone, Default)]
pub struct Expander {
    /// Stems of a name → its entry.
    index: HashMap<Vec<String>, usize>,
    /// Each entry's names, as stems.
    names: Vec<Vec<Vec<String>>>,
    /// Each entry's names as written, its usual name first.
    written: Vec<Vec<String>>,
    longest: usize,
}

/// A run of query words that spells a name of the thesaurus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// The stems of the run, as the query holds them.
    pub stems: Vec<String>,
    /// The entry's usual name.
    pub entry: String,
    /// The entry's other names, as written, that the query now matches.
    pub names: Vec<String>,
}

impl Expander {
    pub fn new(thesaurus: &Thesaurus) -> Expander {
        let mut expander = Expander::default();
        for (position, concept) in thesaurus.concepts().iter().enumerate() {
            let mut names: Vec<Vec<String>> = Vec::new();
            let mut written: Vec<String> = Vec::new();
            for name in concept.names() {
                let stems: Vec<String> = terms(name).collect();
                if stems.is_empty() || names.contains(&stems) {
                    continue;
                }
                expander.longest = expander.longest.max(stems.len());
                expander.index.entry(stems.clone()).or_insert(position);
                names.push(stems);
                written.push(name.to_owned());
            }
            expander.names.push(names);
            expander.written.push(written);
        }
        expander
    }

    /// Each entry's names as stems, in the thesaurus's order, without
    /// repeats (for the site's script, which expands the same way: a name
    /// belongs to the first entry that has it).
    pub fn entries(&self) -> &[Vec<Vec<String>>] {
        &self.names
    }

    /// Whether a stem is part of a known name (such a word is never
    /// "corrected": it may be absent from the catalogue under that name).
    pub fn knows(&self, stem: &str) -> bool {
        self.index.keys().any(|name| name.iter().any(|s| s == stem))
    }

    /// The query with each run of words that spells a known name matching
    /// any name of its entry as a phrase, or `None` when no run does.
    pub fn expand(&self, query: &Query) -> Option<Query> {
        self.explained(query).map(|(expanded, _)| expanded)
    }

    /// [`Expander::expand`], with the runs it expanded and the names each
    /// gained.
    pub fn explained(&self, query: &Query) -> Option<(Query, Vec<Expansion>)> {
        let mut expansions = Vec::new();
        let groups = query.groups();
        // A group can join a name only when it is one plain word or phrase.
        let plain: Vec<Option<&Vec<String>>> = groups
            .iter()
            .map(|group| match group.as_slice() {
                [Item::Phrase(stems)] => Some(stems),
                _ => None,
            })
            .collect();
        let mut out: Vec<Vec<Item>> = Vec::with_capacity(groups.len());
        let mut changed = false;
        let mut at = 0;
        while at < groups.len() {
            match self.longest_name_at(&plain, at) {
                Some((end, position)) => {
                    let literal: Vec<String> = plain[at..end]
                        .iter()
                        .flatten()
                        .flat_map(|stems| stems.iter().cloned())
                        .collect();
                    let mut group = vec![Item::Phrase(literal.clone())];
                    let mut gained = Vec::new();
                    for (name, written) in self.names[position].iter().zip(&self.written[position])
                    {
                        if *name != literal {
                            group.push(Item::Phrase(name.clone()));
                            gained.push(written.clone());
                        }
                    }
                    expansions.push(Expansion {
                        stems: literal,
                        entry: self.written[position][0].clone(),
                        names: gained,
                    });
                    out.push(group);
                    changed = true;
                    at = end;
                }
                None => {
                    out.push(groups[at].clone());
                    at += 1;
                }
            }
        }
        changed.then(|| (query.with_groups(out), expansions))
    }

    /// The end (exclusive) of the longest run of plain groups from `at`
    /// that spells a known name, and that name's entry.
    fn longest_name_at(&self, plain: &[Option<&Vec<String>>], at: usize) -> Option<(usize, usize)> {
        let mut stems: Vec<String> = Vec::new();
        let mut best = None;
        for (end, group) in plain.iter().enumerate().skip(at) {
            let group = (*group)?;
            stems.extend(group.iter().cloned());
            if stems.len() > self.longest {
                break;
            }
            if let Some(&position) = self.index.get(&stems) {
                best = Some((end + 1, position));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expanded(text: &str) -> Option<String> {
        let expander = Expander::new(&Thesaurus::builtin());
        expander
            .expand(&Query::parse(text).unwrap())
            .map(|q| q.fts())
    }

    #[test]
    fn acronyms_and_long_forms_expand_both_ways() {
        let fse = expanded("FSE").unwrap();
        assert!(fse.starts_with("(\"fse\" OR "), "{fse}");
        assert!(fse.contains("\"fond social europeen\""), "{fse}");
        let long = expanded("insertion par l'activité économique").unwrap();
        assert!(long.contains("\"iae\""), "{long}");
        let former = expanded("pôle emploi stage").unwrap();
        assert!(former.contains("\"franc travail\""), "{former}");
        assert!(former.ends_with("AND (\"stag\")"), "{former}");
    }

    #[test]
    fn queries_without_a_known_name_are_left_alone() {
        assert_eq!(expanded("atelier peinture"), None);
        assert_eq!(expanded("fse OR garage"), None);
    }
}
