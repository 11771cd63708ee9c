//! Display width of terminal text: measured by grapheme (accents,
//! combining marks, CJK, emoji), only as far as needed, and cut with `…`
//! on a grapheme boundary.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width of `text`, counting no further than `limit`.
pub fn width_up_to(text: &str, limit: usize) -> usize {
    let mut width = 0;
    for grapheme in text.graphemes(true) {
        width += grapheme.width();
        if width > limit {
            return width;
        }
    }
    width
}

/// `text` cut to `width` display columns, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    if width_up_to(text, width) <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_display_width_and_keeps_graphemes_whole() {
        assert_eq!(truncate("Atelier", 10), "Atelier");
        assert_eq!(truncate("Atelier CV", 6), "Ateli…");
        // Wide characters take two columns; a combining accent takes none.
        assert_eq!(truncate("日本語テキスト", 7), "日本語…");
        assert_eq!(
            truncate("e\u{301}e\u{301}e\u{301}e\u{301}", 3),
            "e\u{301}e\u{301}…"
        );
        assert_eq!(truncate("👩‍👩‍👧‍👦 famille", 3), "👩‍👩‍👧‍👦…");
        assert_eq!(truncate("abc", 0), "");
    }
}
