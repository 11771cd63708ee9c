//! Search snippets as each output shows them: the passage of
//! [`crate::search::snippet`] and where its hits are.
//!
//! Invariants: [`Snippet::text`] is the passage as a reader sees it; each
//! hit is `[start, end)` in Unicode scalar values (characters) of that
//! text, in order and not overlapping. A terminal shows hits in colour and never the
//! literal marks; TSV and CSV keep the marked form; JSON and YAML give the
//! text and the positions.

use serde::Serialize;

/// The marks around a hit in TSV and CSV.
const MARK: &str = "**";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    #[serde(rename = "snippet")]
    pub text: String,
    /// `[start, end)` of each hit, in characters of `snippet`.
    pub hits: Vec<[usize; 2]>,
}

impl Snippet {
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
    fn hits_are_marked_and_cut_into_pieces_by_character() {
        let snippet = Snippet {
            text: "…l'économie sociale et solidaire".to_owned(),
            hits: vec![[3, 11], [23, 32]],
        };
        assert_eq!(snippet.marked(), "…l'**économie** sociale et **solidaire**");
        let pieces: Vec<(&str, bool)> = snippet.pieces().collect();
        assert_eq!(
            pieces,
            [
                ("…l'", false),
                ("économie", true),
                (" sociale et ", false),
                ("solidaire", true)
            ]
        );
    }
}
