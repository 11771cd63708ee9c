//! Text → searchable words.

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use rust_stemmers::{Algorithm, Stemmer};

use crate::sheet::{Sheet, fold};

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::French))
}

/// The searchable form of one word: folded (lowercase, no accents), then
/// stemmed. Accents go first so that a query typed without them stems the
/// same way as the text.
pub fn stem(word: &str) -> String {
    // Texts reuse a small vocabulary: remembering stems saves most of the
    // folding and stemming work when indexing many sheets. The memory is
    // shared by every thread and bounded.
    static STEMS: OnceLock<RwLock<HashMap<String, String>>> = OnceLock::new();
    const MAX_REMEMBERED: usize = 200_000;
    let stems = STEMS.get_or_init(RwLock::default);
    if let Some(stem) = stems.read().ok().and_then(|known| known.get(word).cloned()) {
        return stem;
    }
    let stem = stemmer().stem(&fold(word)).into_owned();
    if let Ok(mut known) = stems.write() {
        if known.len() >= MAX_REMEMBERED {
            known.clear();
        }
        known.insert(word.to_owned(), stem.clone());
    }
    stem
}

/// The words of `text` with their byte ranges. Letters and digits make
/// words; apostrophes split elisions (`l'emploi` → `l`, `emploi`).
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// French words too common to tell sheets apart (articles, prepositions,
/// pronouns, elided letters). Leaving them out of the index and of queries
/// keeps the index small and fast; phrases still match, since both sides
/// drop the same words.
const STOP_WORDS: [&str; 62] = [
    "a", "au", "aux", "avec", "c", "ce", "ces", "d", "dans", "de", "des", "du", "elle", "en",
    "est", "et", "il", "ils", "j", "je", "l", "la", "le", "les", "leur", "leurs", "m", "ma",
    "mais", "me", "mes", "n", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu",
    "que", "qui", "s", "sa", "se", "ses", "son", "sont", "sur", "t", "ta", "te", "tes", "ton",
    "tu", "un", "une", "vos", "votre", "vous",
];

fn is_stop_word(word: &str) -> bool {
    word.len() <= 5 && STOP_WORDS.contains(&fold(word).as_str())
}

/// The searchable terms of `text`, in order: its words without the
/// [`STOP_WORDS`], stemmed.
pub fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text)
        .filter(|(_, word)| !is_stop_word(word))
        .map(|(_, word)| stem(word))
}

/// The terms of `text`, separated by spaces.
pub fn analyze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for term in terms(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&term);
    }
    out
}

/// A sheet's text as the search index holds it, in three weighted parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexText {
    pub title: String,
    pub objectives: String,
    /// Everything else searchable: see [`body_texts`].
    pub body: String,
}

/// The searchable texts of a sheet beyond its title and objectives, in the
/// order snippets look at them.
pub fn body_texts(sheet: &Sheet) -> Vec<&str> {
    let mut body: Vec<&str> = vec![&sheet.description];
    body.extend(sheet.results.as_deref());
    body.extend(sheet.tools.iter().map(String::as_str));
    if let Some(partners) = &sheet.partners {
        body.extend(
            partners
                .specific
                .iter()
                .chain(&partners.funders)
                .chain(&partners.others)
                .map(String::as_str),
        );
    }
    if let Some(budget) = &sheet.budget {
        body.extend(budget.funding.iter().map(|f| f.source.as_str()));
    }
    body.push(&sheet.structure);
    body.extend(sheet.territory.as_deref());
    body.extend(sheet.means.as_deref());
    body.extend(sheet.added_value.as_deref());
    body
}

pub fn index_text(sheet: &Sheet) -> IndexText {
    IndexText {
        title: analyze(&sheet.title),
        objectives: analyze(&sheet.objectives.join("\n")),
        body: analyze(&body_texts(sheet).join("\n")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_plurals_fold_together() {
        let pairs = [
            ("Économie", "economie"),
            ("formations", "formation"),
            ("solidaires", "solidaire"),
            ("Insertion", "insertions"),
            ("territoriales", "territorial"),
        ];
        for (a, b) in pairs {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_ne!(stem("emploi"), stem("employeur"));
    }

    #[test]
    fn elisions_are_split() {
        assert_eq!(
            analyze("l'emploi d’insertion"),
            format!("{} {}", stem("emploi"), stem("insertion"))
        );
        assert_eq!(
            analyze("De la formation pour les jeunes"),
            format!("{} {}", stem("formation"), stem("jeunes"))
        );
    }

    #[test]
    fn word_offsets_point_into_the_text() {
        let text = "Un, deux — trois";
        let found: Vec<_> = words(text).collect();
        assert_eq!(found, vec![(0, "Un"), (4, "deux"), (13, "trois")]);
    }
}
