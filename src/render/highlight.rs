//! Search hits in a table cell: the cell moved so that its first hit is
//! in view, and the hits painted in the part of the cell that is shown.
//!
//! Invariant: marks are byte ranges of the cell's text on character
//! boundaries; a mark that falls in the cut-off part is not painted, and
//! painting never changes the text shown.

use anstyle::Style;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::style::Painter;
use super::table::Cell;

fn paint(painter: Painter, style: Option<Style>, text: &str) -> String {
    match style {
        Some(style) if !text.is_empty() => painter.paint(style, text),
        _ => text.to_owned(),
    }
}

/// A cell whose first highlighted range would fall past `width`, moved
/// so that it starts a third of the way in, after a `…`.
pub fn around_first_mark(cell: &Cell, width: usize) -> Option<Cell> {
    let &(start, _) = cell.marks.first()?;
    let before = cell.text.get(..start)?;
    if before.width() < width * 2 / 3 {
        return None;
    }
    let mut from = start;
    let mut used = 0;
    for (at, grapheme) in before.grapheme_indices(true).rev() {
        used += grapheme.width();
        if used > width / 3 {
            break;
        }
        from = at;
    }
    // Start at a word when one begins in the window.
    if let Some(space) = cell.text[from..start].find(' ') {
        from += space + 1;
    }
    let text = format!("…{}", &cell.text[from..]);
    let shift = |b: usize| b - from + '…'.len_utf8();
    Some(Cell {
        text,
        style: cell.style,
        marks: cell
            .marks
            .iter()
            .filter(|(s, _)| *s >= from)
            .map(|&(s, e)| (shift(s), shift(e)))
            .collect(),
    })
}

/// `shown` (the cell's text, or a prefix of it ending with `…`) with the
/// marked ranges that fall in the kept part highlighted.
pub fn paint_marks(painter: Painter, cell: &Cell, shown: &str) -> String {
    if !painter.color || cell.marks.is_empty() {
        return paint(painter, cell.style, shown);
    }
    let kept = if shown.len() < cell.text.len() {
        shown.strip_suffix('…').unwrap_or(shown).len()
    } else {
        shown.len()
    };
    let mut out = String::new();
    let mut at = 0;
    for &(start, end) in &cell.marks {
        let (start, end) = (start.min(kept), end.min(kept));
        if start < at
            || start == end
            || !shown.is_char_boundary(start)
            || !shown.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&paint(painter, cell.style, &shown[at..start]));
        out.push_str(&painter.hit(&shown[start..end]));
        at = end;
    }
    out.push_str(&paint(painter, cell.style, &shown[at..]));
    out
}
