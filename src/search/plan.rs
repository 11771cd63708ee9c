//! Decisions of the query planner that need no database: how few hits call
//! for help, and which words of a question carry no topic.

use super::analyze::stem;

/// Fewer hits than this from the all-words query, and the planner corrects
/// typos and then completes the list with any-word matches.
pub const HANDFUL: usize = 5;

/// Words of one query that typo correction looks at, at most: each is
/// compared with the index's terms, and a query pasted from a document
/// (thousands of words) must not cost thousands of such passes. No query
/// typed by hand holds this many unknown words.
pub const MAX_CORRECTED: usize = 32;

/// Words that make a sentence a question or a request without saying what
/// it is about ("comment", "quels", "existe-t-il", "je cherche"). The
/// any-word fallback leaves them out, as it leaves out stop words.
pub(super) const QUESTION_WORDS: [&str; 44] = [
    "comment", "pourquoi", "quel", "quelle", "quels", "quelles", "quand", "combien", "quoi", "où",
    "est", "existe", "il", "y", "faire", "fait", "peut", "peuvent", "peux", "veux", "veulent",
    "voudrais", "souhaite", "cherche", "chercher", "besoin", "exemple", "exemples", "idée",
    "idées", "être", "avoir", "ont", "plus", "très", "tout", "tous", "toutes", "comme", "aussi",
    "faut", "doit", "possible", "ya",
];

/// Whether a stem is one of the [`QUESTION_WORDS`].
pub fn is_question_word(stemmed: &str) -> bool {
    use std::sync::OnceLock;
    static STEMS: OnceLock<Vec<String>> = OnceLock::new();
    STEMS
        .get_or_init(|| QUESTION_WORDS.iter().map(|w| stem(w)).collect())
        .iter()
        .any(|s| s == stemmed)
}
