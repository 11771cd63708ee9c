//! Search snippets: the `**word**` marks of [`crate::search::snippet`] read
//! once, so each output shows hits its own way.
//!
//! Invariants: [`Snippet::text`] is the snippet without marks; each hit is
//! `[start, end)` in Unicode scalar values (characters) of that text, in
//! order and not overlapping. A terminal shows hits in colour and never the
//! literal marks; TSV and CSV keep the marked form; JSON and YAML give the
//! text and the positions.

use serde::Serialize;

/// The marks the search module puts around a matching word.
const MARK: &str = "**";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    #[serde(rename = "snippet")]
    pub text: String,
    /// `[start, end)` of each hit, in characters of `snippet`.
    pub hits: Vec<[usize; 2]>,
}

impl Snippet {
    /// Reads a marked snippet: text between a pair of `**` is a hit. An
    /// unpaired `**` is kept as text.
    pub fn from_marked(marked: &str) -> Snippet {
        let mut snippet = Snippet::default();
        let mut chars = 0;
        let mut rest = marked;
        while let Some(open) = rest.find(MARK) {
            let after = &rest[open + MARK.len()..];
            let Some(close) = after.find(MARK) else {
                break;
            };
            let before = &rest[..open];
            snippet.text.push_str(before);
            chars += before.chars().count();
            let hit = &after[..close];
            snippet.text.push_str(hit);
            let length = hit.chars().count();
            if length > 0 {
                snippet.hits.push([chars, chars + length]);
            }
            chars += length;
            rest = &after[close + MARK.len()..];
        }
        snippet.text.push_str(rest);
        snippet
    }

    /// The snippet with its hits marked `**like this**` again.
    pub fn marked(&self) -> String {
        self.pieces()
            .map(|(piece, hit)| {
                if hit {
                    format!("{MARK}{piece}{MARK}")
                } else {
                    piece.to_owned()
                }
            })
            .collect()
    }

    /// The text in pieces, each with whether it is a hit.
    pub fn pieces(&self) -> impl Iterator<Item = (&str, bool)> {
        let mut bounds: Vec<(usize, bool)> = vec![(0, false)];
        for [start, end] in &self.hits {
            bounds.push((*start, true));
            bounds.push((*end, false));
        }
        let total = self.text.chars().count();
        let byte_at = |chars: usize| {
            self.text
                .char_indices()
                .nth(chars)
                .map_or(self.text.len(), |(b, _)| b)
        };
        let mut pieces = Vec::new();
        for (index, (start, hit)) in bounds.iter().enumerate() {
            let end = bounds.get(index + 1).map_or(total, |(e, _)| *e);
            if end > *start {
                pieces.push((&self.text[byte_at(*start)..byte_at(end)], *hit));
            }
        }
        pieces.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_positions_in_characters() {
        let snippet = Snippet::from_marked("…l'**économie** sociale et **solidaire**");
        assert_eq!(snippet.text, "…l'économie sociale et solidaire");
        assert_eq!(snippet.hits, [[3, 11], [23, 32]]);
        let chars: Vec<char> = snippet.text.chars().collect();
        let first: String = chars[3..11].iter().collect();
        assert_eq!(first, "économie");
        assert_eq!(snippet.marked(), "…l'**économie** sociale et **solidaire**");
    }

    #[test]
    fn unpaired_marks_stay_text() {
        let snippet = Snippet::from_marked("a ** b");
        assert_eq!(snippet.text, "a ** b");
        assert!(snippet.hits.is_empty());
    }
}
