//! The French word set of typo correction, for the site's script: split
//! into shards by the first two letters of the stems, so that a query
//! loads only the shards of the words it may correct (the whole set is
//! about half a megabyte).
//!
//! Invariant: each shard is front-coded on its own (its first line shares
//! nothing), in the format of `data/french-stems.txt`, so the script
//! decodes it with the same rule.

use std::collections::BTreeMap;

use super::SiteFile;
use super::search_encode::{FOLDER, script, word_file};
use crate::search::{encode_french, french_stems};

/// Adds the shard files (`s/KEY`) and returns their keys, sorted.
pub(super) fn files(files: &mut Vec<SiteFile>) -> Vec<String> {
    let mut shards: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for stem in french_stems() {
        shards
            .entry(word_file(stem))
            .or_default()
            .push(stem.clone());
    }
    for (key, stems) in &shards {
        files.push(script(FOLDER, &format!("s/{key}"), &encode_french(stems)));
    }
    shards.into_keys().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stem_is_in_the_shard_of_its_first_letters() {
        let mut out = Vec::new();
        let keys = files(&mut out);
        assert_eq!(keys.len(), out.len());
        let key = word_file("accompagn");
        assert!(keys.contains(&key));
        assert!(keys.len() > 100, "{}", keys.len());
    }
}
