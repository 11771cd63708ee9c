//! The analyzer's and the planner's rules as data, for a second face of the
//! same search (the site's script): what the script cannot look up in the
//! index it computes from these tables, so a rule changed here changes both.
//!
//! Invariant: every constant the terminal search decides with and that the
//! script needs is read from here, never copied into the script.

use serde::Serialize;

use super::analyze::{FEMININE, FEMININE_MIN_BYTES, STOP_WORD_MAX_BYTES, STOP_WORDS};
use super::correct::{ENDING, LONG_WORD};
use super::plan::HANDFUL;
use super::tables::{PlannerTables, planner_tables};
use crate::sheet::{fold, is_invisible};

/// The rules of analysis and planning, as the script reads them.
#[derive(Debug, Clone, Serialize)]
pub struct Rules {
    /// Folded stop words; a word longer than `stop_word_max_bytes` (UTF-8
    /// bytes as written) is never one.
    pub stop_words: Vec<String>,
    pub stop_word_max_bytes: usize,
    /// Feminine endings and their masculine, tried in order on folded words
    /// of at least `feminine_min_bytes` bytes, before stemming.
    pub feminine: Vec<(String, String)>,
    pub feminine_min_bytes: usize,
    /// The planner's own tables (question words, plural rule, rare words,
    /// weights, associations); the French stems go to shards of their own.
    pub planner: PlannerTables,
    /// Fewer hits than this call for typo correction and the fallback.
    pub handful: usize,
    /// Words of at least this many letters may have two edits.
    pub long_word: usize,
    /// Letters a long typed word may be compared without.
    pub ending: usize,
    /// The invisible characters, which belong to the word they sit in and
    /// fold to nothing: ranges of code points, both ends included.
    pub invisible: Vec<(u32, u32)>,
}

/// The ranges of code points for which `holds` is true.
fn ranges(holds: impl Fn(char) -> bool) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for c in (0..=0x10_FFFF)
        .filter_map(char::from_u32)
        .filter(|c| holds(*c))
    {
        let code = u32::from(c);
        match out.last_mut() {
            Some((_, end)) if *end + 1 == code => *end = code,
            _ => out.push((code, code)),
        }
    }
    out
}

pub fn rules() -> Rules {
    Rules {
        stop_words: STOP_WORDS.iter().map(|w| fold(w)).collect(),
        stop_word_max_bytes: STOP_WORD_MAX_BYTES,
        feminine: FEMININE
            .iter()
            .map(|(f, m)| ((*f).to_owned(), (*m).to_owned()))
            .collect(),
        feminine_min_bytes: FEMININE_MIN_BYTES,
        planner: planner_tables(),
        handful: HANDFUL,
        long_word: LONG_WORD,
        ending: ENDING,
        invisible: ranges(is_invisible),
    }
}

/// The words of an analysed text as the full-text index holds them: its
/// tokenizer splits on ASCII characters other than letters and digits, and
/// keeps any other character inside a word.
pub fn index_tokens(analysed: &str) -> impl Iterator<Item = &str> {
    analysed
        .split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::stem;

    #[test]
    fn the_rules_hold_what_the_analyzer_uses() {
        let rules = rules();
        assert!(rules.stop_words.iter().any(|w| w == "les"));
        assert_eq!(rules.feminine[0], ("trices".to_owned(), "teurs".to_owned()));
        assert!(rules.planner.query_stop_stems.contains(&stem("comment")));
        assert_eq!(rules.handful, HANDFUL);
        assert!(rules.invisible.contains(&(0x200B, 0x200F)));
    }

    #[test]
    fn index_tokens_split_like_the_ascii_tokenizer() {
        let found: Vec<&str> = index_tokens("econom a-b  l'x ø1").collect();
        assert_eq!(found, vec!["econom", "a", "b", "l", "x", "ø1"]);
    }
}
