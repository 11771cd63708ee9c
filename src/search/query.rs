//! The search query language and its translation to FTS5.
//!
//! Words must all match; `"an exact phrase"`; `a OR b`; `-excluded` (also
//! `-"a phrase"`); `prefix*`. Every word is analysed like the index, and
//! every token is written to FTS5 as a quoted string, so no user text is
//! ever read as FTS5 syntax.

use std::fmt;

use super::analyze::{stem, terms, words};
use crate::sheet::fold;

/// One searchable item: a word, a phrase or a prefix, as analysed tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Item {
    /// One or more stems that must follow each other.
    Phrase(Vec<String>),
    Prefix(String),
}

impl Item {
    fn fts(&self) -> String {
        match self {
            Item::Phrase(stems) => quote(&stems.join(" ")),
            Item::Prefix(prefix) => format!("{}*", quote(prefix)),
        }
    }
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// A parsed query: groups that must all match (each group matches when any
/// of its items does), and items that must not match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    groups: Vec<Vec<Item>>,
    excluded: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError(pub String);

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for QueryError {}

#[derive(Debug, PartialEq, Eq)]
enum Token {
    Or,
    Term { negated: bool, item: Item },
}

impl Query {
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let tokens = tokenize(text)?;
        let mut groups: Vec<Vec<Item>> = Vec::new();
        let mut excluded = Vec::new();
        let mut joining = false;
        for (index, token) in tokens.into_iter().enumerate() {
            match token {
                Token::Or if index == 0 || joining => {
                    return Err(QueryError("`OR` needs a word on each side".to_owned()));
                }
                Token::Or => joining = true,
                Token::Term {
                    negated: true,
                    item,
                } => {
                    if joining {
                        return Err(QueryError("`OR` cannot join an excluded word".to_owned()));
                    }
                    excluded.push(item);
                }
                Token::Term {
                    negated: false,
                    item,
                } => {
                    match groups.last_mut() {
                        Some(group) if joining => group.push(item),
                        _ => groups.push(vec![item]),
                    }
                    joining = false;
                }
            }
        }
        if joining {
            return Err(QueryError("`OR` needs a word on each side".to_owned()));
        }
        if groups.is_empty() {
            return Err(QueryError(if excluded.is_empty() {
                "the query has no word to search for (very common words such as `de` or `la` are not searched)".to_owned()
            } else {
                "a query needs at least one word to find, besides the excluded ones".to_owned()
            }));
        }
        Ok(Query { groups, excluded })
    }

    /// A query matching any of these analysed words (for "more like this").
    pub fn any_of(stems: impl IntoIterator<Item = String>) -> Option<Query> {
        let group: Vec<Item> = stems.into_iter().map(|s| Item::Phrase(vec![s])).collect();
        (!group.is_empty()).then(|| Query {
            groups: vec![group],
            excluded: Vec::new(),
        })
    }

    /// A query with each of these analysed words as a group of its own (for
    /// the weighted any-word search of associated words).
    pub fn each_of(stems: impl IntoIterator<Item = String>) -> Option<Query> {
        let groups: Vec<Vec<Item>> = stems
            .into_iter()
            .map(|s| vec![Item::Phrase(vec![s])])
            .collect();
        (!groups.is_empty()).then(|| Query {
            groups,
            excluded: Vec::new(),
        })
    }

    pub(super) fn groups(&self) -> &[Vec<Item>] {
        &self.groups
    }

    /// This query's exclusions with other groups.
    pub(super) fn with_groups(&self, groups: Vec<Vec<Item>>) -> Query {
        Query {
            groups,
            excluded: self.excluded.clone(),
        }
    }

    /// The stems the query looks for (words and words of phrases), each once.
    pub fn stems(&self) -> Vec<&str> {
        let mut stems: Vec<&str> = Vec::new();
        for item in self.groups.iter().flatten() {
            if let Item::Phrase(words) = item {
                for word in words {
                    if !stems.contains(&word.as_str()) {
                        stems.push(word);
                    }
                }
            }
        }
        stems
    }

    /// The query with, beside each word or phrase holding a stem of
    /// `alternatives`, the same with that stem replaced (typo corrections:
    /// the word as typed still matches the sheets that hold it).
    #[must_use]
    pub fn with_alternatives(&self, alternatives: &[(String, String)]) -> Query {
        let groups = self
            .groups
            .iter()
            .map(|group| {
                let mut out = group.clone();
                for item in group {
                    let Item::Phrase(words) = item else { continue };
                    for (from, to) in alternatives {
                        if words.contains(from) {
                            let swapped: Vec<String> = words
                                .iter()
                                .map(|w| if w == from { to.clone() } else { w.clone() })
                                .collect();
                            let swapped = Item::Phrase(swapped);
                            if !out.contains(&swapped) {
                                out.push(swapped);
                            }
                        }
                    }
                }
                out
            })
            .collect();
        self.with_groups(groups)
    }

    /// The query without the groups that are only a word `stop` names
    /// (question words), unless nothing would be left. Names of the
    /// thesaurus and quoted phrases holding such words keep them.
    #[must_use]
    pub fn without(&self, stop: impl Fn(&str) -> bool) -> Query {
        let kept: Vec<Vec<Item>> = self
            .groups
            .iter()
            .filter(|group| !matches!(group.as_slice(), [Item::Phrase(w)] if w.len() == 1 && stop(&w[0])))
            .cloned()
            .collect();
        if kept.is_empty() {
            self.clone()
        } else {
            self.with_groups(kept)
        }
    }

    /// One query per group (each with this query's exclusions), for the
    /// any-word completion that weighs each group on its own.
    pub fn each_group(&self) -> Vec<Query> {
        self.groups
            .iter()
            .map(|group| self.with_groups(vec![group.clone()]))
            .collect()
    }

    /// The FTS5 `MATCH` expression.
    pub fn fts(&self) -> String {
        let groups: Vec<String> = self
            .groups
            .iter()
            .map(|group| {
                let items: Vec<String> = group.iter().map(Item::fts).collect();
                format!("({})", items.join(" OR "))
            })
            .collect();
        let mut expression = groups.join(" AND ");
        for item in &self.excluded {
            expression = format!("({expression}) NOT {}", item.fts());
        }
        expression
    }

    /// Whether a word of a sheet matches one of the wanted items, for
    /// snippets: its stem equals a wanted stem or starts with a prefix.
    pub fn matches_word(&self, word: &str) -> bool {
        let stemmed = stem(word);
        self.groups.iter().flatten().any(|item| match item {
            Item::Phrase(stems) => stems.contains(&stemmed),
            Item::Prefix(prefix) => {
                stemmed.starts_with(prefix.as_str()) || fold(word).starts_with(prefix.as_str())
            }
        })
    }
}

fn tokenize(text: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let negated = rest.starts_with('-');
        if negated {
            rest = &rest[1..];
        }
        if let Some(after) = rest.strip_prefix('"') {
            let Some(end) = after.find('"') else {
                return Err(QueryError(
                    "a quote opens a phrase that is never closed".to_owned(),
                ));
            };
            let stems: Vec<String> = terms(&after[..end]).collect();
            if !stems.is_empty() {
                tokens.push(Token::Term {
                    negated,
                    item: Item::Phrase(stems),
                });
            }
            rest = after[end + 1..].trim_start();
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = rest[end..].trim_start();
        if word == "OR" && !negated {
            tokens.push(Token::Or);
            continue;
        }
        if let Some(prefix) = word.strip_suffix('*') {
            let folded: String = words(prefix)
                .map(|(_, w)| fold(w))
                .collect::<Vec<_>>()
                .join(" ");
            if folded.is_empty() || folded.contains(' ') {
                return Err(QueryError(format!(
                    "`{word}`: a prefix search is one word followed by *"
                )));
            }
            // The index holds stems: shorten the prefix to its stem when
            // that is a prefix of it, so `formati*` still finds `format`.
            let stemmed = stem(&folded);
            let prefix = if folded.starts_with(&stemmed) {
                stemmed
            } else {
                folded
            };
            tokens.push(Token::Term {
                negated,
                item: Item::Prefix(prefix),
            });
            continue;
        }
        // Punctuation inside a word splits it into a phrase (`l'emploi`).
        let stems: Vec<String> = terms(word).collect();
        if !stems.is_empty() {
            tokens.push(Token::Term {
                negated,
                item: Item::Phrase(stems),
            });
        }
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fts(text: &str) -> String {
        Query::parse(text).unwrap().fts()
    }

    #[test]
    fn query_forms() {
        let cases = [
            ("économie solidaire", "(\"econom\") AND (\"solidair\")"),
            ("\"clause sociale\"", "(\"claus social\")"),
            ("ess OR iae", "(\"ess\" OR \"iae\")"),
            ("ess -gptec", "((\"ess\")) NOT \"gptec\""),
            ("format*", "(\"format\"*)"),
            ("l'emploi", "(\"emploi\")"),
            ("\"emploi de qualité\"", "(\"emploi qualit\")"),
            ("x OR y z", "(\"x\" OR \"y\") AND (\"z\")"),
            ("la formation", "(\"format\")"),
        ];
        for (query, expected) in cases {
            assert_eq!(fts(query), expected, "{query}");
        }
    }

    #[test]
    fn fts_syntax_in_the_query_is_only_text() {
        assert_eq!(
            fts("NEAR(a b) col:x"),
            "(\"near\") AND (\"b\") AND (\"col x\")"
        );
    }

    #[test]
    fn malformed_queries_say_why() {
        for (query, message) in [
            ("", "no word"),
            ("   ", "no word"),
            ("-ess", "at least one word"),
            ("ess OR", "each side"),
            ("OR ess", "each side"),
            ("ess OR OR iae", "each side"),
            ("\"clause sociale", "never closed"),
            ("*", "prefix"),
        ] {
            let err = Query::parse(query).unwrap_err();
            assert!(err.0.contains(message), "{query:?}: {err}");
        }
    }

    #[test]
    fn question_words_leave_matching_unless_nothing_is_left() {
        let stop = |s: &str| s == "comment" || s == "quand";
        let query = Query::parse("comment trouver \"comment faire\" quand").unwrap();
        assert_eq!(
            query.without(stop).fts(),
            "(\"trouv\") AND (\"comment fair\")"
        );
        let only = Query::parse("comment").unwrap();
        assert_eq!(only.without(stop), only);
        let groups: Vec<String> = Query::parse("garage OR vélo emploi -auto")
            .unwrap()
            .each_group()
            .iter()
            .map(Query::fts)
            .collect();
        assert_eq!(
            groups,
            vec![
                "((\"garag\" OR \"velo\")) NOT \"auto\"",
                "((\"emploi\")) NOT \"auto\""
            ]
        );
    }

    #[test]
    fn snippet_matching_uses_stems_and_prefixes() {
        let query = Query::parse("formations solid*").unwrap();
        assert!(query.matches_word("Formation"));
        assert!(query.matches_word("solidarité"));
        assert!(!query.matches_word("emploi"));
    }
}
