//! Decisions of the query planner that need no database: how few hits call
//! for help, and which words of a query carry no topic.

use std::sync::OnceLock;

use super::analyze::stem;

/// Fewer hits than this from the all-words query, and the planner corrects
/// typos and then completes the list with any-word matches.
pub const HANDFUL: usize = 5;

/// Words that make a sentence a question or a request, or only bind its
/// parts, without saying what it is about ("comment", "quels",
/// "existe-t-il", "je cherche", "quand", "très"). The index keeps them (a
/// quoted phrase still matches them in order), but the planner leaves them
/// out of matching, as the analyzer leaves out its shorter stop words.
pub const QUERY_STOP_WORDS: [&str; 94] = [
    "comment",
    "pourquoi",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "quand",
    "combien",
    "quoi",
    "où",
    "est",
    "existe",
    "il",
    "y",
    "faire",
    "fait",
    "font",
    "peut",
    "peuvent",
    "peux",
    "pouvoir",
    "veux",
    "veut",
    "veulent",
    "voudrais",
    "voudrait",
    "souhaite",
    "souhaitent",
    "cherche",
    "cherchent",
    "chercher",
    "besoin",
    "exemple",
    "exemples",
    "idée",
    "idées",
    "être",
    "avoir",
    "ont",
    "ai",
    "as",
    "avons",
    "avez",
    "suis",
    "sommes",
    "êtes",
    "plus",
    "très",
    "tout",
    "toute",
    "tous",
    "toutes",
    "comme",
    "aussi",
    "faut",
    "doit",
    "doivent",
    "possible",
    "ya",
    "cela",
    "ça",
    "ceci",
    "cette",
    "cet",
    "celui",
    "celle",
    "ceux",
    "celles",
    "dont",
    "lorsque",
    "puis",
    "donc",
    "car",
    "ni",
    "si",
    "chez",
    "vers",
    "bien",
    "peu",
    "trop",
    "beaucoup",
    "encore",
    "déjà",
    "ici",
    "là",
    "alors",
    "ainsi",
    "chaque",
    "quelqu",
    "moi",
    "lui",
    "eux",
    "mon",
    "mes",
];

/// Whether a stem is one of the [`QUERY_STOP_WORDS`].
pub fn is_query_stop_word(stemmed: &str) -> bool {
    static STEMS: OnceLock<Vec<String>> = OnceLock::new();
    STEMS
        .get_or_init(|| QUERY_STOP_WORDS.iter().map(|w| stem(w)).collect())
        .iter()
        .any(|s| s == stemmed)
}
