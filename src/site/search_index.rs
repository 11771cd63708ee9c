//! The browser-side search index, written from the analyzer of `pacte
//! search` and read by the search page's script, which ranks like the
//! terminal (see `assets/site/search.js`).
//!
//! Invariants: the index holds exactly the words the catalogue's full-text
//! index holds for the published sheets (same analyzer, same columns, same
//! tokenizer), numbered documents in the order of their ids (the order of
//! ties); every table the script needs (word forms → stems, stems → sheets
//! with their weighted counts, positions for phrases, the thesaurus as
//! stems, the rules of the planner) is data written here, so the script
//! computes only what data cannot (stems of words no sheet holds, edit
//! distances, the bm25 formula). Files are small and grouped so that a
//! search loads only the parts of its words.
//!
//! The index is built in two passes over the sheets, in the order of
//! their ids: the first ([`Collector`]) gathers the words, kept encoded;
//! the files of words, postings and positions are then known
//! ([`Collector::finish`]); the second pass writes each document's card
//! and snippet texts ([`Index::documents`]), and the file the script
//! reads first comes last ([`Index::meta`]).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::SiteFile;
use super::search_analysis::Analysed;
use super::search_encode::{FOLDER, bucket, numbers, script, word_file};
use super::search_postings::{Occurrences, Postings, phrase_postings};
use crate::search::{Expander, Rules, association_text, index_tokens, rules, snippet_fields};
use crate::sheet::{Sheet, Thesaurus, fold};
use crate::store::COLUMN_WEIGHTS;

/// About this many bytes of postings or positions per file: a word's
/// postings come in one file, with the words next to it in order.
const GROUP_BYTES: usize = 8 * 1024;

/// About this many word forms per file.
const FORMS_PER_FILE: usize = 300;

/// The words of the sheets, gathered one sheet at a time.
#[derive(Default)]
pub struct Collector {
    /// Index word → its number in `postings`.
    numbers: foldhash::HashMap<String, u32>,
    /// Each index word and its occurrences, by number.
    postings: Vec<(String, Postings)>,
    /// Folded word form → its stem.
    forms: foldhash::HashMap<String, String>,
    /// Word forms already met, as written.
    seen: foldhash::HashSet<String>,
    /// Each document's number of words, all columns together.
    lengths: Vec<u64>,
    /// The labels of the snippet texts, in the order first met.
    labels: Vec<&'static str>,
}

impl Collector {
    /// Adds the next document, analysed (see [`analyse`]): sheets come in
    /// the order of their ids.
    ///
    /// [`analyse`]: super::search_analysis::analyse
    pub fn add(&mut self, analysed: Analysed) {
        let doc = u32::try_from(self.lengths.len()).unwrap_or(u32::MAX);
        for (word, stem) in analysed.forms {
            if !self.seen.contains(&word) {
                self.forms.entry(fold(&word)).or_insert(stem);
                self.seen.insert(word);
            }
        }
        for (word, weighted, positions) in &analysed.words {
            let number = self.number(word);
            self.postings[number as usize]
                .1
                .add_doc(doc, *weighted, positions);
        }
        self.lengths.push(analysed.length);
        for label in analysed.labels {
            if !self.labels.contains(&label) {
                self.labels.push(label);
            }
        }
    }

    fn number(&mut self, token: &str) -> u32 {
        if let Some(&number) = self.numbers.get(token) {
            return number;
        }
        let number = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
        self.numbers.insert(token.to_owned(), number);
        self.postings.push((token.to_owned(), Postings::default()));
        number
    }

    /// The files of words, postings, positions, word forms and French
    /// stems, and what the second pass needs.
    pub fn finish(self, thesaurus: &Thesaurus) -> Index {
        let Collector {
            mut postings,
            forms,
            lengths,
            labels,
            ..
        } = self;
        // In the order of the words, as every file lists them.
        postings.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let expander = Expander::new(thesaurus);
        let mut files = Vec::new();
        let (phrases, posting_files, word_files, position_groups) = {
            let words: BTreeMap<&str, &Postings> =
                postings.iter().map(|(w, p)| (w.as_str(), p)).collect();
            let phrases = phrases(&expander, &words);
            let mut encoded: BTreeMap<&str, &str> =
                words.iter().map(|(w, p)| (*w, p.encoded())).collect();
            let phrase_texts: Vec<(&str, String)> = phrases
                .iter()
                .filter(|(_, p)| !p.docs.is_empty())
                .map(|(key, p)| (key.as_str(), p.encoded()))
                .collect();
            for (key, text) in &phrase_texts {
                encoded.insert(key, text);
            }
            let posting_files = group(encoded.iter().map(|(k, v)| (*k, k.len() + v.len() + 6)));
            let position_files = group(
                words
                    .iter()
                    .map(|(k, p)| (*k, k.len() + p.encoded_positions().len() + 6)),
            );
            files.extend(grouped_files("p/", &encoded, &posting_files));
            let word_files = word_files(&words, &posting_files, &position_files, &mut files);
            let phrase_files: HashMap<String, usize> = phrases
                .keys()
                .filter_map(|key| Some((key.clone(), *posting_files.get(key.as_str())?)))
                .collect();
            let position_groups: Vec<usize> = postings
                .iter()
                .map(|(w, _)| position_files[w.as_str()])
                .collect();
            (phrases, phrase_files, word_files, position_groups)
        };
        position_files(&mut postings, &position_groups, &mut files);
        drop(postings);
        let form_files = form_files(&forms, &mut files);
        let french_files = super::search_french::files(&mut files);
        let meta = Meta {
            rules: rules(),
            weights: COLUMN_WEIGHTS,
            docs: lengths.len(),
            words: lengths.iter().sum(),
            lengths: numbers(lengths.iter().copied()),
            labels,
            form_files,
            word_files,
            french_files,
            thesaurus: expander.entries().to_vec(),
            phrases: phrases
                .iter()
                .map(|(key, p)| {
                    let file = posting_files.get(key).copied();
                    (key.clone(), p.docs.len(), file)
                })
                .collect(),
        };
        Index { files, meta }
    }
}

/// The files of positions (`x/N`), words in order and `groups[i]` the
/// file of the `i`th; each word's positions are let go once its file is
/// made, so the positions and their files are not held twice at once.
fn position_files(
    postings: &mut [(String, Postings)],
    groups: &[usize],
    files: &mut Vec<SiteFile>,
) {
    let mut start = 0;
    while start < postings.len() {
        let group = groups[start];
        let end = start + groups[start..].iter().take_while(|&&g| g == group).count();
        let taken: Vec<String> = postings[start..end]
            .iter_mut()
            .map(|(_, p)| p.take_positions())
            .collect();
        let list: Vec<&str> = postings[start..end]
            .iter()
            .zip(&taken)
            .flat_map(|((word, _), text)| [word.as_str(), text.as_str()])
            .collect();
        files.push(script(FOLDER, &format!("x/{group}"), &list));
        start = end;
    }
}

/// The index once its words are known: the files to write first, then
/// each document's, then [`Index::meta`].
pub struct Index {
    /// The files of words, postings, positions, forms and French stems.
    pub files: Vec<SiteFile>,
    meta: Meta,
}

impl Index {
    /// Every path of the index, under the site's root.
    pub fn paths(&self) -> impl Iterator<Item = String> + '_ {
        let documents = (0..self.meta.docs)
            .flat_map(|doc| [format!("{FOLDER}c/{doc}.js"), format!("{FOLDER}d/{doc}.js")]);
        self.files
            .iter()
            .map(|f| f.path.clone())
            .chain(documents)
            .chain([format!("{FOLDER}meta.js")])
    }

    /// The card and the snippet texts of document `doc` (from 0, in the
    /// order of the first pass); `None` when the sheet has a snippet text
    /// the first pass did not see (the catalogue changed in between).
    pub fn documents(&self, doc: usize, sheet: &Sheet) -> Option<[SiteFile; 2]> {
        let mut fields: Vec<serde_json::Value> = Vec::new();
        for (label, text) in snippet_fields(sheet) {
            let at = self.meta.labels.iter().position(|l| *l == label)?;
            fields.push(at.into());
            fields.push(text.into());
        }
        Some([
            script(FOLDER, &format!("c/{doc}"), &card(sheet)),
            script(FOLDER, &format!("d/{doc}"), &fields),
        ])
    }

    /// What the script reads first, once every document is written.
    pub fn meta(self) -> SiteFile {
        script(FOLDER, "meta", &self.meta)
    }
}

/// What the script reads first: the rules, the sizes for bm25, the
/// thesaurus and where the rest of the index lies.
#[derive(Serialize)]
struct Meta {
    rules: Rules,
    weights: [f64; 5],
    docs: usize,
    /// Words in all documents, all columns together.
    words: u64,
    /// Each document's number of words, as numbers.
    lengths: String,
    /// The labels of the texts snippets are cut from.
    labels: Vec<&'static str>,
    /// How many files word forms are spread over.
    form_files: u32,
    /// The first letters (one or two) of the index's words, one file each.
    word_files: Vec<String>,
    /// The first letters (two) of the French stems, one shard each (see
    /// [`super::search_french`]).
    french_files: Vec<String>,
    /// Each thesaurus entry's names, as stems.
    thesaurus: Vec<Vec<Vec<String>>>,
    /// Names of several words: the words, the number of documents holding
    /// them as a phrase, and the file of their postings.
    phrases: Vec<(String, usize, Option<usize>)>,
}

/// Assigns keys (in order) to files of about [`GROUP_BYTES`] each.
fn group<'a>(sizes: impl Iterator<Item = (&'a str, usize)>) -> HashMap<&'a str, usize> {
    let mut files = HashMap::new();
    let mut file = 0;
    let mut filled = 0;
    for (key, size) in sizes {
        if filled > 0 && filled + size > GROUP_BYTES {
            file += 1;
            filled = 0;
        }
        filled += size;
        files.insert(key, file);
    }
    files
}

/// The thesaurus's names of several words, found as phrases, by their
/// words separated by spaces; each looked for on whichever core is free.
fn phrases(
    expander: &Expander,
    words: &BTreeMap<&str, &Postings>,
) -> BTreeMap<String, Occurrences> {
    let mut names: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for name in expander.entries().iter().flatten() {
        let tokens: Vec<&str> = name.iter().flat_map(|s| index_tokens(s)).collect();
        if tokens.len() >= 2 {
            names.entry(tokens.join(" ")).or_insert(tokens);
        }
    }
    let names: Vec<(String, Vec<&str>)> = names.into_iter().collect();
    let found = crate::parallel::map(&names, |(_, tokens)| {
        let decoded: Option<Vec<Occurrences>> = tokens
            .iter()
            .map(|t| words.get(*t).map(|p| p.decoded()))
            .collect();
        decoded
            .map(|d| phrase_postings(&d.iter().collect::<Vec<_>>()))
            .unwrap_or_default()
    });
    names.into_iter().map(|(key, _)| key).zip(found).collect()
}

/// The files listing the index's words by their first letters, each with
/// its number of documents and the files of its postings and positions;
/// returns their keys.
fn word_files(
    words: &BTreeMap<&str, &Postings>,
    posting_files: &HashMap<&str, usize>,
    position_files: &HashMap<&str, usize>,
    files: &mut Vec<SiteFile>,
) -> Vec<String> {
    let mut lists: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for (word, postings) in words {
        let list = lists.entry(word_file(word)).or_default();
        list.push((*word).into());
        list.push(postings.docs.into());
        list.push(posting_files[word].into());
        list.push(position_files[word].into());
    }
    for (key, list) in &lists {
        files.push(script(FOLDER, &format!("t/{key}"), &sorted_pairs(list, 4)));
    }
    lists.into_keys().collect()
}

/// The files of word forms and their stems, spread by hash; returns how
/// many there are.
fn form_files(forms: &foldhash::HashMap<String, String>, files: &mut Vec<SiteFile>) -> u32 {
    let count = u32::try_from(forms.len().div_ceil(FORMS_PER_FILE).max(1)).unwrap_or(u32::MAX);
    let mut lists: BTreeMap<u32, Vec<(&str, &str)>> = BTreeMap::new();
    for (form, stem) in forms {
        lists
            .entry(bucket(form, count))
            .or_default()
            .push((form, stem));
    }
    for (at, mut list) in lists {
        list.sort_unstable();
        let flat: Vec<&str> = list.iter().flat_map(|(f, s)| [*f, *s]).collect();
        files.push(script(FOLDER, &format!("f/{at}"), &flat));
    }
    count
}

/// What a result shows besides its snippet: the page, title, structure and
/// territory; then the analysed words that associations are drawn from
/// when the sheet is among the first hits (title, objectives, labels; see
/// [`crate::search::associated`]).
fn card(sheet: &Sheet) -> [Option<String>; 5] {
    [
        Some(super::paths::sheet(&sheet.id)),
        Some(sheet.title.clone()),
        Some(sheet.structure.clone()),
        sheet.territory.clone(),
        Some(association_text(sheet)),
    ]
}

/// Records of `width` values, sorted by their first (a string).
fn sorted_pairs(flat: &[serde_json::Value], width: usize) -> Vec<serde_json::Value> {
    let mut records: Vec<&[serde_json::Value]> = flat.chunks(width).collect();
    records.sort_by(|a, b| a[0].as_str().cmp(&b[0].as_str()));
    records.concat()
}

/// Files of `key, text` pairs, by the file each key was given.
fn grouped_files(
    prefix: &str,
    texts: &BTreeMap<&str, &str>,
    files: &HashMap<&str, usize>,
) -> Vec<SiteFile> {
    let mut by_file: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (key, text) in texts {
        let list = by_file.entry(files[key]).or_default();
        list.push(key);
        list.push(text);
    }
    by_file
        .into_iter()
        .map(|(file, list)| script(FOLDER, &format!("{prefix}{file}"), &list))
        .collect()
}
