//! Classes of characters that several rules share: what counts as invisible,
//! what is a control character a sheet may not hold, and how much of a
//! value a message may quote.
//!
//! One definition each, so that "blank" in validation, "ignored" in folding
//! and "escaped" in messages always agree.

use std::borrow::Cow;

/// Characters that draw nothing: the Unicode "default ignorable" code points
/// (zero-width spaces and joiners, soft hyphen, word joiner, bidirectional
/// marks and controls, variation selectors, tags, Hangul fillers), the byte-
/// order mark and the Braille blank.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// `text` on one line: each run of white space (as [`char::is_whitespace`]
/// tells it) made one space, none at either end.
pub fn one_line(text: &str) -> String {
    // Snippets and summaries pass every text of a catalogue through here:
    // ASCII bytes are told white space or not one at a time, and only the
    // other characters, few in most text, are decoded; each word goes
    // straight into the result.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut word_start = None;
    let mut at = 0;
    while at < bytes.len() {
        let (width, space) = if bytes[at].is_ascii() {
            // The ASCII characters `char::is_whitespace` holds.
            (1, matches!(bytes[at], b'\t'..=b'\r' | b' '))
        } else {
            let c = text[at..].chars().next().unwrap_or_default();
            (c.len_utf8(), c.is_whitespace())
        };
        if space {
            if let Some(start) = word_start.take() {
                push_word(&mut out, &text[start..at]);
            }
        } else if word_start.is_none() {
            word_start = Some(at);
        }
        at += width;
    }
    if let Some(start) = word_start {
        push_word(&mut out, &text[start..]);
    }
    out
}

fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// Blank text: nothing but white space and invisible characters.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// C0 and C1 control characters and DEL, except tab and the line breaks
/// (LF, CR) that text may hold. YAML 1.2 forbids the others raw in a file,
/// and a terminal would obey them.
pub fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// How many characters of a value a message quotes.
pub const EXCERPT_CHARS: usize = 32;

/// A short excerpt of a value for a message: its first line, cut to
/// [`EXCERPT_CHARS`] characters, with `…` where something was left out. A
/// file that is not a sheet at all (a password file reached by mistake) is
/// never echoed whole into a terminal or a CI log.
pub fn excerpt(text: &str) -> Cow<'_, str> {
    shorten(text, EXCERPT_CHARS)
}

/// The first line of `text`, cut to `max` characters, with `…` where
/// something was left out.
pub fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    let first_line = text.lines().next().unwrap_or("");
    let cut = first_line
        .char_indices()
        .nth(max)
        .map_or(first_line.len(), |(at, _)| at);
    if cut == text.len() {
        Cow::Borrowed(text)
    } else if text[cut..].trim().is_empty() {
        Cow::Borrowed(&first_line[..cut])
    } else {
        Cow::Owned(format!("{}…", &first_line[..cut]))
    }
}

/// A message from another library, which may quote whole values between
/// backquotes: each quoted part cut to an excerpt, the whole to one line.
pub fn excerpt_quotes(message: &str) -> String {
    let first_line = message.lines().next().unwrap_or("");
    first_line
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                excerpt(part)
            } else {
                Cow::Borrowed(part)
            }
        })
        .collect::<Vec<_>>()
        .join("`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_means_nothing_visible() {
        for blank in [
            "",
            " ",
            "\u{200b}",
            "\u{200b}\u{feff} \u{2060}",
            "\u{a0}\t\n",
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for text in ["a", "\u{200b}a", "·", "\u{301}"] {
            assert!(!is_blank(text), "{text:?}");
        }
    }

    #[test]
    fn controls_but_tab_and_line_breaks() {
        for c in ['\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}'] {
            assert!(is_forbidden_control(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', 'a', '\u{a0}', '\u{200b}'] {
            assert!(!is_forbidden_control(c), "{c:?}");
        }
    }

    #[test]
    fn excerpts_are_short_and_one_line() {
        assert_eq!(excerpt("titel"), "titel");
        let shadow = "root:$6$salt$0123456789abcdefghijklmnopqrstuvwxyz:19000:0:99999:7:::";
        let shown = excerpt(shadow);
        assert_eq!(shown.chars().count(), EXCERPT_CHARS + 1);
        assert!(shown.ends_with('…'));
        assert_eq!(excerpt("line one\nline two"), "line one…");
        // Multi-byte characters are cut on their boundary.
        assert_eq!(excerpt(&"é".repeat(40)).chars().count(), EXCERPT_CHARS + 1);
        let long = "x".repeat(100);
        assert_eq!(
            excerpt_quotes(&format!("unknown field `{long}`, expected `code`\nmore")),
            format!(
                "unknown field `{}…`, expected `code`",
                "x".repeat(EXCERPT_CHARS)
            )
        );
    }

    #[test]
    fn one_line_joins_words_with_single_spaces() {
        for text in [
            "",
            "   ",
            "un",
            "  un\tdeux \n\r trois  ",
            "a\u{a0}b\u{2003}\u{3000}c\u{1c}d",
            "é  à\u{85}ü\u{200b}z",
            "\u{b}a\u{c}b\u{1f}c\u{2028}d\u{202f}e\u{205f}f\u{1680}",
        ] {
            assert_eq!(
                one_line(text),
                text.split_whitespace().collect::<Vec<_>>().join(" "),
                "{text:?}"
            );
        }
    }

    #[test]
    fn one_line_agrees_with_the_standard_split_on_mixed_text() {
        let pool = [
            "a", "é", "œ", " ", "  ", "\t", "\n", "\r\n", "\u{a0}", "\u{85}", "\u{b}", "\u{1c}",
            "\u{2009}", "\u{3000}", "😀", "z9", "\u{301}",
        ];
        // A linear congruential generator: the same texts every run.
        let mut seed: u64 = 7;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).unwrap_or_default()
        };
        for _ in 0..2000 {
            let text: String = (0..next() % 12)
                .map(|_| pool[next() % pool.len()])
                .collect();
            assert_eq!(
                one_line(&text),
                text.split_whitespace().collect::<Vec<_>>().join(" "),
                "{text:?}"
            );
        }
    }
}
