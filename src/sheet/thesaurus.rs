//! The thesaurus of the field: names that mean the same thing (acronyms and
//! long forms, current and former names of bodies and schemes).
//!
//! Invariants: every name belongs to one entry once folded (see [`fold`]);
//! an entry's first name is its key. The thesaurus never rewrites a sheet:
//! search expands queries with it, and filters, statistics and "related"
//! compare partner and funder names through [`Thesaurus::name_key`].

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use super::fold::fold;

/// One entry: its names, all equivalent.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    /// The usual long form.
    pub name: String,
    /// Acronyms and other current spellings.
    #[serde(default)]
    pub also: Vec<String>,
    /// Names used before a renaming.
    #[serde(default)]
    pub former: Vec<String>,
    /// Where the equivalence comes from, in a few words.
    #[serde(default)]
    pub source: Option<String>,
}

impl Concept {
    /// Every name of the entry, its usual name first.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.also.iter().map(String::as_str))
            .chain(self.former.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, Default)]
pub struct Thesaurus {
    concepts: Vec<Concept>,
    /// Folded words of a name → the entry's position.
    index: HashMap<Vec<String>, usize>,
    /// The most words a name has.
    longest: usize,
}

/// A name as a list of folded words.
fn name_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Thesaurus {
    /// Reads a thesaurus file (a YAML list of entries).
    pub fn from_yaml(yaml: &str) -> Result<Thesaurus> {
        let concepts: Vec<Concept> = yaml_serde::from_str(yaml).context("reading the thesaurus")?;
        let mut thesaurus = Thesaurus::default();
        thesaurus.extend(concepts)?;
        Ok(thesaurus)
    }

    /// The thesaurus compiled into pacte.
    pub fn builtin() -> Thesaurus {
        // The embedded file is checked by the tests below: it cannot fail.
        Thesaurus::from_yaml(include_str!("../../data/thesaurus.yaml"))
            .expect("data/thesaurus.yaml is valid")
    }

    /// Adds entries. A name may not belong to two entries; an entry that
    /// shares a name with a known one adds its other names to it instead,
    /// so a catalogue can complete a built-in entry.
    pub fn extend(&mut self, concepts: Vec<Concept>) -> Result<()> {
        for concept in concepts {
            let known: Vec<usize> = concept
                .names()
                .filter_map(|n| self.index.get(&name_words(n)).copied())
                .collect();
            let position = match known.first() {
                Some(&first) => {
                    if let Some(&other) = known.iter().find(|&&p| p != first) {
                        bail!(
                            "the thesaurus entry `{}` names both `{}` and `{}`",
                            concept.name,
                            self.concepts[first].name,
                            self.concepts[other].name
                        );
                    }
                    let merged = &mut self.concepts[first];
                    merged.also.extend(concept.names().map(str::to_owned));
                    first
                }
                None => {
                    self.concepts.push(concept);
                    self.concepts.len() - 1
                }
            };
            let names: Vec<Vec<String>> = self.concepts[position]
                .names()
                .map(name_words)
                .filter(|w| !w.is_empty())
                .collect();
            for words in names {
                self.longest = self.longest.max(words.len());
                self.index.insert(words, position);
            }
        }
        Ok(())
    }

    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// The entry a whole name belongs to.
    pub fn lookup(&self, name: &str) -> Option<&Concept> {
        self.index
            .get(&name_words(name))
            .map(|&i| &self.concepts[i])
    }

    /// A name's folded form with each known name inside it replaced by its
    /// entry's key (longest names first), so that "FSE", "Fonds Social
    /// Européen" and "fonds social europeen (FSE)" compare equal as funders,
    /// and a filter can still look for a part of a name.
    pub fn name_key(&self, text: &str) -> String {
        let words = name_words(text);
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        let mut at = 0;
        while at < words.len() {
            let longest = self.longest.min(words.len() - at);
            let found = (1..=longest).rev().find_map(|len| {
                self.index
                    .get(&words[at..at + len])
                    .map(|&position| (len, position))
            });
            match found {
                Some((len, position)) => {
                    let key = name_words(&self.concepts[position].name).join("-");
                    // One name written twice, "Fonds social européen (FSE)",
                    // is one mention.
                    if out.last() != Some(&key) {
                        out.push(key);
                    }
                    at += len;
                }
                None => {
                    out.push(words[at].clone());
                    at += 1;
                }
            }
        }
        out.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_thesaurus_loads() {
        let t = Thesaurus::builtin();
        assert!(t.concepts().len() > 40);
        let fse = t.lookup("fonds social europeen").unwrap();
        assert!(fse.names().any(|n| n == "FSE"));
        assert_eq!(
            t.lookup("Pôle emploi").map(|c| c.name.as_str()),
            Some("France Travail")
        );
        assert!(t.lookup("atelier").is_none());
    }

    #[test]
    fn names_of_one_body_share_a_key() {
        let t = Thesaurus::builtin();
        let key = t.name_key("Fonds social européen");
        for spelling in [
            "FSE",
            "fonds SOCIAL europeen",
            "Fonds social européen (FSE)",
        ] {
            assert_eq!(t.name_key(spelling), key, "{spelling}");
        }
        assert_eq!(t.name_key("DIRECCTE UT-68"), t.name_key("DREETS ut 68"));
        assert_eq!(t.name_key("Mairie de Thann"), "mairie-de-thann");
    }

    #[test]
    fn a_catalogue_can_add_and_complete_entries() {
        let mut t = Thesaurus::builtin();
        let added: Vec<Concept> = yaml_serde::from_str(
            "- {name: Fonds social européen, also: [Fonds structurel social]}\n\
             - {name: plateforme de mobilité, also: [PFM]}\n",
        )
        .unwrap();
        t.extend(added).unwrap();
        assert_eq!(t.name_key("fonds structurel social"), t.name_key("FSE"));
        assert_eq!(t.name_key("PFM"), t.name_key("plateforme de mobilité"));
        let clash: Vec<Concept> = yaml_serde::from_str("- {name: FSE, also: [DREETS]}\n").unwrap();
        assert!(t.extend(clash).is_err());
    }
}
