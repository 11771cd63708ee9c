//! Proposals for the parts of a draft the old pages seldom give: an id from
//! the title, public codes from "Publics de l'action", theme codes from the
//! page's text. They go through the vocabularies' labels and aliases and the
//! thesaurus, with the search analyzer (folding, stemming), so that
//! "Demandeurs d'emploi de longue durée" gives `demandeurs-longue-duree` and
//! "bénéficiaires du RSA" gives `minima-sociaux`.
//!
//! Invariant: a proposal is never silent; the draft says in a comment which
//! values were proposed, for the person to confirm.

use std::collections::HashMap;

use crate::search::analyze;
use crate::sheet::{Thesaurus, Vocabularies, Vocabulary, fold};

/// The longest id proposed (the schema allows 64 characters).
const ID_LENGTH: usize = 48;
/// At most this many themes are proposed.
const MAX_THEMES: usize = 3;

/// Words left out of a proposed id.
const ID_SKIPPED: [&str; 24] = [
    "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour", "par",
    "sur", "un", "une", "dans", "avec", "qui", "que", "son", "sa",
];

/// What was proposed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proposals {
    pub id: String,
    pub themes: Vec<String>,
    pub publics: Vec<String>,
}

/// A slug from the title's meaningful words, cut at a word boundary.
pub fn id_from_title(title: &str) -> String {
    let folded = fold(title);
    let mut id = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !ID_SKIPPED.contains(w))
    {
        if !id.is_empty() && id.len() + 1 + word.len() > ID_LENGTH {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(word);
    }
    id.chars().take(64).collect()
}

/// A name of a vocabulary term: the term's code, the name's analysed
/// words, and whether it is specific (an acronym or several words) rather
/// than one common word.
type Name = (String, Vec<String>, bool);

/// The full-time equivalents a line of prose gives ("En 2013/2014 : 1,7
/// (directrice, …)"), when it holds exactly one number besides years
/// (1900 to 2100 written with four digits); `None` when it holds none or
/// several, which a person must read.
pub fn staff_fte(line: &str) -> Option<f64> {
    let mut numbers = Vec::new();
    let mut current = String::new();
    // A trailing separator (`1,7.`) ends the number, it is not a decimal.
    for c in line.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || (!current.is_empty() && (c == ',' || c == '.')) {
            current.push(c);
        } else if !current.is_empty() {
            let text = current.trim_end_matches([',', '.']).replace(',', ".");
            let year = text.len() == 4 && (1900..=2100).contains(&text.parse::<u32>().unwrap_or(0));
            if !year {
                numbers.push(text);
            }
            current.clear();
        }
    }
    match numbers.as_slice() {
        [one] => one.parse().ok(),
        _ => None,
    }
}

/// Every name of a vocabulary term: its code, label and aliases, and the
/// other names of thesaurus entries they belong to.
fn term_names(vocabulary: &Vocabulary, thesaurus: &Thesaurus) -> Vec<Name> {
    let mut names = Vec::new();
    for term in vocabulary.terms() {
        let own = std::iter::once(term.code.replace('-', " "))
            .chain(std::iter::once(term.label.clone()))
            .chain(term.aliases.iter().cloned());
        for name in own {
            let mut spellings = vec![name.clone()];
            if let Some(concept) = thesaurus.lookup(&name) {
                spellings.extend(concept.names().map(str::to_owned));
            }
            for spelling in spellings {
                let stems: Vec<String> = analyze(&spelling).split(' ').map(str::to_owned).collect();
                let acronym = spelling
                    .chars()
                    .all(|c| c.is_uppercase() || c.is_ascii_digit());
                if !stems.iter().all(String::is_empty) {
                    let specific = acronym || stems.len() > 1;
                    names.push((term.code.clone(), stems, specific));
                }
            }
        }
    }
    names
}

/// How often `phrase` occurs in `words`.
fn occurrences(words: &[String], phrase: &[String]) -> usize {
    if phrase.is_empty() || phrase.len() > words.len() {
        return 0;
    }
    words.windows(phrase.len()).filter(|w| *w == phrase).count()
}

/// Public codes for the items of a "Publics de l'action" text: for each
/// item, the term whose longest name it contains.
pub fn publics(text: &str, vocabularies: &Vocabularies) -> Vec<String> {
    let names = term_names(&vocabularies.publics, &vocabularies.thesaurus);
    let mut codes: Vec<String> = Vec::new();
    for item in text.split([',', ';', '/', '\n', '•']) {
        let words: Vec<String> = analyze(item).split(' ').map(str::to_owned).collect();
        let best = names
            .iter()
            .filter(|(_, stems, _)| occurrences(&words, stems) > 0)
            .max_by_key(|(_, stems, _)| stems.len());
        if let Some((code, _, _)) = best
            && !codes.contains(code)
        {
            codes.push(code.clone());
        }
    }
    codes
}

/// Theme codes whose names the text uses most (a common word at least
/// twice, an acronym or a name of several words once), best first.
pub fn themes(text: &str, vocabularies: &Vocabularies) -> Vec<String> {
    let words: Vec<String> = analyze(text).split(' ').map(str::to_owned).collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (code, stems, specific) in term_names(&vocabularies.themes, &vocabularies.thesaurus) {
        let found = occurrences(&words, &stems);
        let enough = if specific { 1 } else { 2 };
        if found >= enough {
            *counts.entry(code).or_default() += found;
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|(a, x), (b, y)| y.cmp(x).then_with(|| a.cmp(b)));
    ranked
        .into_iter()
        .take(MAX_THEMES)
        .map(|(code, _)| code)
        .collect()
}

/// All proposals for one page.
pub fn propose(title: &str, publics_text: Option<&str>, text: &str) -> Proposals {
    let vocabularies = Vocabularies::compiled();
    Proposals {
        id: id_from_title(title),
        themes: themes(&format!("{title}\n{text}"), vocabularies),
        publics: publics_text.map_or_else(Vec::new, |p| publics(p, vocabularies)),
    }
}

/// The draft's comment naming what was proposed (and `staff_fte`, read
/// from prose), for the person to confirm.
pub fn comment(proposals: &Proposals, staff_fte: bool) -> String {
    let mut what: Vec<&str> = Vec::new();
    if !proposals.id.is_empty() {
        what.push("`id` (from the title)");
    }
    if !proposals.themes.is_empty() {
        what.push("`themes` (from the words of the page)");
    }
    if !proposals.publics.is_empty() {
        what.push("`publics` (from \"Publics de l'action\", kept below)");
    }
    if staff_fte {
        what.push("`staff_fte` (from the \"Ressources humaines\" text, kept below)");
    }
    if what.is_empty() {
        return String::new();
    }
    format!("# Proposed by pacte, to confirm: {}.\n", what.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_title() {
        assert_eq!(
            id_from_title("Un garage solidaire pour aller travailler"),
            "garage-solidaire-aller-travailler"
        );
        assert_eq!(
            id_from_title("PACTE ESS – Prévision & Appui"),
            "pacte-ess-prevision-appui"
        );
        let long = id_from_title(&"mot ".repeat(40));
        assert!(long.len() <= ID_LENGTH && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn staff_comes_from_prose_with_one_number() {
        let cases = [
            (
                "En 2013/2014 : 1,7 (directrice, chargés de mission)",
                Some(1.7),
            ),
            ("En 2022 : 4,5 (mécaniciens, conseillère)", Some(4.5)),
            ("2 ETP.", Some(2.0)),
            ("1,5 ETP et 2 bénévoles", None),
            ("une directrice à mi-temps", None),
        ];
        for (line, expected) in cases {
            assert_eq!(staff_fte(line), expected, "{line}");
        }
    }

    #[test]
    fn publics_come_from_labels_aliases_and_the_thesaurus() {
        let v = Vocabularies::builtin();
        let cases = [
            (
                "Demandeurs d'emploi de longue durée",
                vec!["demandeurs-longue-duree"],
            ),
            (
                "Jeunes, bénéficiaires du RSA",
                vec!["jeunes", "minima-sociaux"],
            ),
            (
                "allocataires du revenu de solidarité active",
                vec!["minima-sociaux"],
            ),
            (
                "salariés en insertion ; travailleurs handicapés",
                vec!["salaries", "personnes-handicapees"],
            ),
            ("touristes", vec![]),
        ];
        for (text, expected) in cases {
            assert_eq!(publics(text, &v), expected, "{text}");
        }
    }

    #[test]
    fn themes_come_from_the_names_the_text_uses() {
        let v = Vocabularies::builtin();
        let text = "Une démarche GPTEC pour l'ESS : diagnostic partagé, puis un club \
                    d'entrepreneurs de l'économie sociale et solidaire.";
        assert_eq!(themes(text, &v), vec!["ess", "gptec"]);
        assert!(themes("Un garage.", &v).is_empty());
    }
}
