//! How the search index is written for the browser: where its files live
//! and which file lists a word, script files that hand their data to the
//! page (so the index loads from a folder on disk, where
//! browsers refuse `fetch`), and lists of numbers as compact text.
//!
//! Invariant: the script's decoder (`assets/site/search-data.js`) reads
//! exactly what [`numbers`] writes: each number in base 32, most significant
//! digit first, every digit but the last taken from [`MORE`], the last from
//! [`LAST`].

use serde::Serialize;

use super::SiteFile;

/// Where the index lives under the site's root.
pub const FOLDER: &str = "search/";

/// The key of the file that lists a word: its first two characters.
pub fn word_file(word: &str) -> String {
    use std::fmt::Write;
    // Called for every word of the index and of the French word set:
    // written into one string, without a string per character.
    let mut key = String::with_capacity(9);
    for (at, c) in word.chars().take(2).enumerate() {
        if at > 0 {
            key.push('-');
        }
        let _ = write!(key, "{:x}", u32::from(c));
    }
    key
}

/// The last digit of a number.
const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
/// The other digits of a number.
const MORE: &[u8; 32] = b"wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/";

/// Appends one number.
pub fn push_number(out: &mut String, value: u64) {
    let mut digits = [0u8; 13];
    let mut count = 0;
    let mut rest = value;
    loop {
        digits[count] = u8::try_from(rest & 31).unwrap_or_default();
        count += 1;
        rest >>= 5;
        if rest == 0 {
            break;
        }
    }
    for digit in digits[1..count].iter().rev() {
        out.push(char::from(MORE[usize::from(*digit)]));
    }
    out.push(char::from(LAST[usize::from(digits[0])]));
}

/// Numbers as text.
pub fn numbers(values: impl IntoIterator<Item = u64>) -> String {
    let mut out = String::new();
    for value in values {
        push_number(&mut out, value);
    }
    out
}

/// Reads back the numbers [`numbers`] wrote, one at a time.
pub struct Numbers<'a> {
    bytes: std::slice::Iter<'a, u8>,
}

impl<'a> Numbers<'a> {
    pub fn new(text: &'a str) -> Numbers<'a> {
        Numbers {
            bytes: text.as_bytes().iter(),
        }
    }
}

/// Each byte's digit, with [`LAST_DIGIT`] set for a last digit; bytes of
/// neither alphabet read as a digit 0 that is not the last, as before.
const DIGITS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut digit: u8 = 0;
    while digit < 32 {
        table[MORE[digit as usize] as usize] = digit;
        table[LAST[digit as usize] as usize] = digit | LAST_DIGIT;
        digit += 1;
    }
    table
};
const LAST_DIGIT: u8 = 0x80;

impl Iterator for Numbers<'_> {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        // Decoding every position of the thesaurus's phrases reads many
        // digits: one table look-up each.
        let mut value = 0u64;
        for byte in self.bytes.by_ref() {
            let entry = DIGITS[usize::from(*byte)];
            value = value << 5 | u64::from(entry & 31);
            if entry & LAST_DIGIT != 0 {
                return Some(value);
            }
        }
        None
    }
}

/// The name of the function each index file calls with its path and data.
const REGISTER: &str = "pacteSearchData";

/// A file of the index at `path` (under `folder`) holding `data`.
pub fn script(folder: &str, path: &str, data: &impl Serialize) -> SiteFile {
    // serde_json writes valid JavaScript: no text can end the call early.
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".to_owned());
    let key = serde_json::to_string(path).unwrap_or_default();
    SiteFile {
        path: format!("{folder}{path}.js"),
        bytes: format!("{REGISTER}({key},{json});\n").into_bytes(),
    }
}

/// A 32-bit FNV-1a hash over the code points of `text`, the same in the
/// script: it spreads word forms over the files of the index.
pub fn bucket(text: &str, buckets: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for c in text.chars() {
        hash = (hash ^ u32::from(c)).wrapping_mul(0x0100_0193);
    }
    hash % buckets.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_file_is_named_by_its_first_two_characters_in_hexadecimal() {
        assert_eq!(word_file("accompagn"), "61-63");
        assert_eq!(word_file("économ"), "e9-63");
        assert_eq!(word_file("x"), "78");
        assert_eq!(word_file("😀a"), "1f600-61");
        assert_eq!(word_file(""), "");
    }

    #[test]
    fn numbers_are_written_most_significant_digit_first() {
        assert_eq!(numbers([0, 31, 32, 1025]), "0vx0xw1");
        let values = [0, 31, 32, 1025, u64::from(u32::MAX), 7];
        assert_eq!(Numbers::new(&numbers(values)).collect::<Vec<_>>(), values);
    }

    #[test]
    fn files_call_the_page_with_their_data() {
        let file = script("search/", "f/1", &vec!["a\"</script>"]);
        assert_eq!(file.path, "search/f/1.js");
        assert_eq!(
            String::from_utf8(file.bytes).unwrap(),
            "pacteSearchData(\"f/1\",[\"a\\\"</script>\"]);\n"
        );
    }
}
