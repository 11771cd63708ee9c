//! Text folding for matching people's spellings against known names.
//!
//! Two spellings match when their folded forms are equal: case, accents
//! (after NFKD, so decomposed input matches too), typographic apostrophes,
//! invisible characters and the difference between spaces, hyphens and
//! underscores are all ignored.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::chars::is_invisible;

/// Characters that separate words as white space does.
pub const SEPARATORS: [char; 4] = ['-', '_', '\u{2010}', '\u{2011}'];

/// Characters read as the apostrophe `'`.
pub const APOSTROPHES: [char; 5] = ['\u{2019}', '\u{2018}', '\u{02BC}', '`', '\u{00B4}'];

/// The folded form of `text`: lowercase, no accents, `'` for every apostrophe,
/// one `-` for each run of spaces, hyphens and underscores, trimmed.
pub fn fold(text: &str) -> String {
    // ASCII has nothing to decompose: skip the normalisation, which is most
    // of the cost when indexing.
    if text.is_ascii() {
        fold_chars(text.chars(), text.len())
    } else {
        fold_chars(text.nfkd(), text.len())
    }
}

fn fold_chars(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_separator = false;
    for c in chars {
        if is_combining_mark(c) || is_invisible(c) {
            continue;
        }
        if c.is_whitespace() || SEPARATORS.contains(&c) {
            pending_separator = !out.is_empty();
            continue;
        }
        if pending_separator {
            out.push('-');
            pending_separator = false;
        }
        if APOSTROPHES.contains(&c) {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The candidates closest to `wanted`, best first: those within a small edit
/// distance of its folded form, at most three.
pub fn suggest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = fold(wanted);
    let wanted_chars = wanted.chars().count();
    let limit = (wanted_chars.div_ceil(3)).clamp(1, 4);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let folded = fold(candidate);
            let prefix = (wanted.len() >= 3 && folded.starts_with(&wanted))
                || (folded.len() >= 3 && wanted.starts_with(&folded));
            // The edit distance is at least the difference in length, and
            // costs the product of the lengths: a value of a megabyte must
            // not take minutes to be found unknown.
            let distance = if wanted_chars.abs_diff(folded.chars().count()) > limit {
                usize::MAX
            } else {
                strsim::osa_distance(&wanted, &folded)
            };
            (distance <= limit || prefix).then_some((distance, candidate))
        })
        .collect();
    scored.sort_by_key(|(distance, candidate)| (*distance, *candidate));
    scored.dedup_by_key(|(_, candidate)| *candidate);
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_cases() {
        let cases = [
            (
                "Économie sociale et solidaire",
                "economie-sociale-et-solidaire",
            ),
            ("E\u{0301}conomie", "economie"),
            ("clause d’insertion", "clause-d'insertion"),
            ("Mise_en  relation", "mise-en-relation"),
            ("ES\u{200B}S", "ess"),
            ("  GPEC territoriale ", "gpec-territoriale"),
            ("ﬁn", "fin"),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "{input:?}");
        }
    }

    #[test]
    fn suggestions_are_close_names_only() {
        let names = ["title", "territory", "themes", "tools"];
        assert_eq!(suggest("titel", names), vec!["title"]);
        assert!(suggest("zzzzzz", names).is_empty());
    }
}
