//! Text → searchable words.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use rust_stemmers::{Algorithm, Stemmer};

use unicode_normalization::char::is_combining_mark;

use crate::sheet::{fold, is_invisible};

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::French))
}

/// The searchable form of one word: folded (lowercase, no accents), then
/// stemmed. Accents go first so that a query typed without them stems the
/// same way as the text.
pub fn stem(word: &str) -> String {
    with_stem(word, str::to_owned)
}

/// What `f` makes of the [`stem`] of `word`, without a copy of the stem
/// when it is remembered.
pub fn with_stem<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    with_known(word, |known| f(&known.stem))
}

/// What a thread remembers of a word as written.
struct Known {
    stem: Box<str>,
    stop_word: bool,
}

/// What `f` makes of what is known of `word`.
fn with_known<R>(word: &str, f: impl FnOnce(&Known) -> R) -> R {
    // Texts reuse a small vocabulary: remembering each word as written
    // saves the folding (to tell stop words) and the stemming of nearly
    // every word when indexing many sheets. Each thread looks in its own
    // memory first, so that threads at work at once do not contend for
    // the shared one's lock; the shared memory keeps stems from one
    // thread's work to the next. Both are bounded.
    thread_local! {
        static KNOWN: RefCell<HashMap<Box<str>, Known, foldhash::fast::RandomState>> =
            RefCell::default();
    }
    static STEMS: OnceLock<RwLock<HashMap<String, String, foldhash::fast::RandomState>>> =
        OnceLock::new();
    const MAX_REMEMBERED: usize = 200_000;
    // `f` comes back when the word is not remembered here.
    let f = match KNOWN.with_borrow(|known| match known.get(word) {
        Some(known) => Ok(f(known)),
        None => Err(f),
    }) {
        Ok(made) => return made,
        Err(f) => f,
    };
    let stems = STEMS.get_or_init(RwLock::default);
    let shared = stems.read().ok().and_then(|known| known.get(word).cloned());
    let stem = shared.unwrap_or_else(|| {
        let stem = stem_anew(word);
        if let Ok(mut known) = stems.write() {
            if known.len() >= MAX_REMEMBERED {
                known.clear();
            }
            known.insert(word.to_owned(), stem.clone());
        }
        stem
    });
    let known = Known {
        stem: stem.into(),
        stop_word: is_stop_word(word),
    };
    let made = f(&known);
    KNOWN.with_borrow_mut(|all| {
        if all.len() >= MAX_REMEMBERED {
            all.clear();
        }
        all.insert(word.into(), known);
    });
    made
}

/// [`stem`] without its memory.
fn stem_anew(word: &str) -> String {
    let folded = fold(word);
    let masculine = masculine(&folded);
    let stemmed = stemmer().stem(&masculine);
    if stemmed == masculine {
        singular(&masculine)
    } else {
        stemmed.into_owned()
    }
}

/// Feminine endings of nouns and adjectives, folded, and the masculine
/// ending put in their place before stemming. The Snowball stemmer leaves
/// `creatrice` and `createur`, `salariee` and `salarie` apart; readers do not.
pub(super) const FEMININE: [(&str, &str); 10] = [
    ("trices", "teurs"),
    ("trice", "teur"),
    ("euses", "eurs"),
    ("euse", "eur"),
    ("eres", "ers"),
    ("ere", "er"),
    ("iennes", "iens"),
    ("ienne", "ien"),
    ("ees", "es"),
    ("ee", "e"),
];

/// Words shorter than this (in UTF-8 bytes) keep their ending.
pub(super) const FEMININE_MIN_BYTES: usize = 6;

/// The plural endings [`singular`] removes, the letters they must follow,
/// and the shortest word (in bytes) it touches.
pub(super) const PLURAL_ENDINGS: &[u8] = b"sx";
pub(super) const PLURAL_AFTER: &[u8] = b"aeiouy";
pub(super) const PLURAL_MIN_BYTES: usize = 3;

/// A word the Snowball stemmer left whole, without the plural `s` or `x`
/// it keeps after a vowel (`emplois`, `vélos`, `jeux`, `lieux`), so that
/// short words find their plurals and plurals their singulars. Both the
/// index and the query go through it.
fn singular(word: &str) -> String {
    let bytes = word.as_bytes();
    let plural = bytes.len() >= PLURAL_MIN_BYTES
        && PLURAL_ENDINGS.contains(&bytes[bytes.len() - 1])
        && PLURAL_AFTER.contains(&bytes[bytes.len() - 2]);
    if plural {
        word[..word.len() - 1].to_owned()
    } else {
        word.to_owned()
    }
}

/// A folded word with a feminine ending made masculine (words of six
/// letters or more: shorter ones are seldom inflected this way).
fn masculine(folded: &str) -> std::borrow::Cow<'_, str> {
    if folded.len() >= FEMININE_MIN_BYTES {
        for (feminine, masculine) in FEMININE {
            if let Some(root) = folded.strip_suffix(feminine) {
                return format!("{root}{masculine}").into();
            }
        }
    }
    folded.into()
}

/// The words of `text` with their byte ranges. Letters and digits make
/// words; apostrophes split elisions (`l'emploi` → `l`, `emploi`).
/// Combining marks and invisible characters belong to the word they sit in,
/// so decomposed text (`e` + U+0301, as some macOS tools save it) holds the
/// same words as composed text; [`stem`] folds both to one form.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

fn is_word_char(c: char) -> bool {
    // Most of the text is ASCII, which holds no combining mark and no
    // invisible character: its test is one comparison, not three look-ups.
    // So are the accented letters of French (Latin-1 and Latin
    // Extended-A, where `×` and `÷` are the only characters that are not
    // letters), which Unicode's tables would otherwise be searched for.
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{C0}'..='\u{17F}').contains(&c) {
        c != '×' && c != '÷'
    } else {
        is_any_word_char(c)
    }
}

/// [`is_word_char`] without its shortcuts.
fn is_any_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || is_invisible(c)
}

/// French words too common to tell sheets apart (articles, prepositions,
/// pronouns, elided letters). Leaving them out of the index and of queries
/// keeps the index small and fast; phrases still match, since both sides
/// drop the same words.
pub(super) const STOP_WORDS: [&str; 62] = [
    "a", "au", "aux", "avec", "c", "ce", "ces", "d", "dans", "de", "des", "du", "elle", "en",
    "est", "et", "il", "ils", "j", "je", "l", "la", "le", "les", "leur", "leurs", "m", "ma",
    "mais", "me", "mes", "n", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu",
    "que", "qui", "s", "sa", "se", "ses", "son", "sont", "sur", "t", "ta", "te", "tes", "ton",
    "tu", "un", "une", "vos", "votre", "vous",
];

/// Longer words (in UTF-8 bytes, as written) are never stop words.
pub(super) const STOP_WORD_MAX_BYTES: usize = 5;

fn is_stop_word(word: &str) -> bool {
    word.len() <= STOP_WORD_MAX_BYTES && STOP_WORDS.contains(&fold(word).as_str())
}

/// The searchable terms of `text`, in order: its words without the
/// [`STOP_WORDS`], stemmed.
pub fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text)
        .filter(|(_, word)| !is_stop_word(word))
        .map(|(_, word)| stem(word))
}

/// Calls `f` with each word of `text` that the index holds and its stem,
/// in order: the same words as [`terms`].
pub fn each_analysed<'t>(text: &'t str, mut f: impl FnMut(&'t str, &str)) {
    for (_, word) in words(text) {
        with_term(word, |term| {
            if let Some(stem) = term {
                f(word, stem);
            }
        });
    }
}

/// The terms of `text`, separated by spaces: [`terms`] joined.
pub fn analyze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    each_analysed(text, |_, term| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(term);
    });
    out
}

/// What `f` makes of what `word` becomes in the index: its [`stem`], or
/// `None` for a stop word.
fn with_term<R>(word: &str, f: impl FnOnce(Option<&str>) -> R) -> R {
    with_known(word, |known| f((!known.stop_word).then_some(&*known.stem)))
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
            ("créatrices", "créateur"),
            ("entrepreneuse", "entrepreneurs"),
            ("salariée", "salarié"),
            ("conseillère", "conseiller"),
            ("européenne", "européen"),
            ("emplois", "emploi"),
            ("vélos", "vélo"),
            ("jeux", "jeu"),
            ("lieux", "lieu"),
            ("métros", "métro"),
        ];
        for (a, b) in pairs {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_ne!(stem("emploi"), stem("employeur"));
    }

    #[test]
    fn word_characters_are_told_apart_alike_with_or_without_shortcuts() {
        for c in ('\0'..='\u{2FF}').chain(['\u{200B}', '\u{2019}', '\u{FB01}']) {
            assert_eq!(is_word_char(c), is_any_word_char(c), "{c:?}");
        }
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
    fn decomposed_and_compatibility_forms_analyse_like_composed_text() {
        let composed = analyze("Économie réfugiés ﬁnancement");
        assert_eq!(
            analyze("E\u{301}conomie re\u{301}fugie\u{301}s financement"),
            composed
        );
        assert_eq!(analyze("Économie ré\u{AD}fugiés financement"), composed);
    }

    #[test]
    fn analysis_is_the_terms_joined_whether_remembered_or_not() {
        let text = "L'économie des créatrices, de la formation et des formations";
        let expected: Vec<String> = terms(text).collect();
        for _ in 0..2 {
            assert_eq!(analyze(text), expected.join(" "));
        }
        assert_eq!(analyze("de la et"), "");
    }

    #[test]
    fn word_offsets_point_into_the_text() {
        let text = "Un, deux — trois";
        let found: Vec<_> = words(text).collect();
        assert_eq!(found, vec![(0, "Un"), (4, "deux"), (13, "trois")]);
    }
}
