//! One sheet's part of the search index, worked out on its own (so sheets
//! can be analysed on every core) before the [`super::search_index`]
//! collector numbers its words in the order of the documents.

use super::search_encode::push_number;
use super::search_postings::{COLUMN_SHIFT, doubled_weights};
use crate::search::{column_texts, each_analysed, index_tokens, snippet_labels};
use crate::sheet::Sheet;

/// What one document adds to the index.
#[derive(Debug, Default)]
pub struct Analysed {
    /// Its word forms as written, each once, in the order met, with their
    /// stems.
    pub forms: Vec<(String, String)>,
    /// Its index words, each once, in the order met: the word, its
    /// weighted count (weights doubled) and its positions encoded as
    /// [`super::search_postings::Postings`] keeps them (their count, then
    /// the gaps between them).
    pub words: Vec<(String, u64, String)>,
    /// Its number of words, all columns together.
    pub length: u64,
    /// The labels of its snippet texts, in order.
    pub labels: Vec<&'static str>,
}

/// The words of `sheet` as the index holds them.
pub fn analyse(sheet: &Sheet) -> Analysed {
    let weights = doubled_weights();
    // Each word as written, once met, is known by the numbers of its
    // index words (a range of `numbered`), so that a word met again costs
    // one look-up.
    let mut met: foldhash::HashMap<&str, (usize, usize)> = foldhash::HashMap::default();
    let mut numbered: Vec<usize> = Vec::new();
    let mut forms = Vec::new();
    let mut numbers: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
    let mut words: Vec<(String, u64, Vec<u32>)> = Vec::new();
    let mut length = 0;
    let texts = column_texts(sheet);
    for (column, texts) in (0u32..).zip(&texts) {
        let mut place = 0u32;
        for text in texts {
            each_analysed(text, |word, stem| {
                let (start, end) = *met.entry(word).or_insert_with(|| {
                    forms.push((word.to_owned(), stem.to_owned()));
                    let start = numbered.len();
                    for token in index_tokens(stem) {
                        let at = numbers.get(token).copied().unwrap_or_else(|| {
                            numbers.insert(token.to_owned(), words.len());
                            words.push((token.to_owned(), 0, Vec::new()));
                            words.len() - 1
                        });
                        numbered.push(at);
                    }
                    (start, numbered.len())
                });
                for &at in &numbered[start..end] {
                    words[at].1 += weights[column as usize];
                    words[at].2.push((column << COLUMN_SHIFT) | place);
                    place += 1;
                }
            });
        }
        length += u64::from(place);
    }
    Analysed {
        forms,
        words: words
            .into_iter()
            .map(|(word, weighted, positions)| (word, weighted, encode_positions(&positions)))
            .collect(),
        length,
        labels: snippet_labels(sheet),
    }
}

/// Ascending positions as the index keeps them: their count, then the
/// gap from each to the next (the first from 0).
pub fn encode_positions(positions: &[u32]) -> String {
    let mut out = String::new();
    push_number(&mut out, positions.len() as u64);
    let mut last = 0;
    for &position in positions {
        push_number(&mut out, u64::from(position - last));
        last = position;
    }
    out
}
