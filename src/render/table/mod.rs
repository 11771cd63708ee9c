//! The terminal table, like gh's or cargo's: one line per row at any width
//! from 40 columns, no borders, columns two spaces apart.
//!
//! Invariants, for every table pacte prints:
//! - without `--wide`, every row is one line no wider than the width;
//! - short columns ([`Fit::Fixed`]) are never wrapped; free text
//!   ([`Fit::Flex`]) shares what is left, the main one (a title) first;
//! - when the width is too small, columns are dropped by priority (highest
//!   number first) before any is cut below its minimum; ids
//!   ([`Fit::Capped`]) are whole wherever the line can hold them;
//! - text is cut with `…` on a grapheme boundary, measured in display
//!   width (accents, combining marks, CJK, emoji);
//! - the work is linear in the size of the text: widths are measured only
//!   up to what can be shown.
//!
//! With `--wide`, cells are shown whole, wrapped inside their column.
//!
//! A [`Fit::Below`] column (a search snippet) is the exception to one line
//! per row: on a terminal narrower than [`BELOW_UNDER`] columns it leaves
//! the table and goes on its own indented line under its row, where it has
//! the whole width, instead of being squeezed to a few words.

mod layout;
mod width;

use std::io::{self, Write};

use anstyle::Style;
use unicode_width::UnicodeWidthStr;

use super::Screen;
use super::highlight::{around_first_mark, paint_marks};
use super::style::Painter;

use layout::layout;
pub use width::{truncate, width_up_to};

/// What separates two columns.
const GAP: &str = "  ";
/// Below this width a [`Fit::Below`] column goes under its row.
pub const BELOW_UNDER: usize = 100;
/// The indent of a line under its row.
const BELOW_INDENT: &str = "    ";

/// How a column takes its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// As wide as its content, never cut (status, period, counts).
    Fixed,
    /// As wide as its content (ids: a cut id cannot be typed back); cut
    /// with `…` only when the line cannot hold it once the columns that may
    /// go are gone and the main text is at its narrowest.
    Capped,
    /// Free text; `main` is the one that takes what the others leave.
    Flex { main: bool },
    /// Main free text on a wide terminal; on a narrow one, a line of its
    /// own under the row.
    Below,
}

impl Fit {
    fn is_main(self) -> bool {
        matches!(self, Fit::Flex { main: true } | Fit::Below)
    }
}

/// A column of every listing pacte prints: its header, how it fits a
/// terminal table, and in which formats it appears.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: &'static str,
    pub fit: Fit,
    /// 0 is never dropped; higher numbers are dropped first.
    pub priority: u8,
    /// Aligned to the right (numbers).
    pub right: bool,
    /// Part of TSV (whose columns scripts rely on).
    pub tsv: bool,
    /// Only a table shows it (a bar).
    pub table_only: bool,
}

impl Column {
    /// A column in every format, aligned to the left.
    pub fn new(header: &'static str, fit: Fit, priority: u8) -> Column {
        Column {
            header,
            fit,
            priority,
            right: false,
            tsv: true,
            table_only: false,
        }
    }

    /// Aligned to the right.
    #[must_use]
    pub fn right(self) -> Column {
        Column {
            right: true,
            ..self
        }
    }
}

/// One cell: text already made safe for the terminal, its colour, and the
/// byte ranges of `text` to highlight (search hits).
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub style: Option<Style>,
    pub marks: Vec<(usize, usize)>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            style: None,
            marks: Vec::new(),
        }
    }

    pub fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style: Some(style),
            marks: Vec::new(),
        }
    }
}

/// Pads `text` (of display width `used`) to `width`, on the left or right.
fn pad(out: &mut String, text: &str, used: usize, width: usize, right: bool) {
    let fill = " ".repeat(width.saturating_sub(used));
    if right {
        out.push_str(&fill);
        out.push_str(text);
    } else {
        out.push_str(text);
        out.push_str(&fill);
    }
}

/// One row's kept cells: each column's lines, and the cell they come from.
fn row_lines(
    row: &[Cell],
    widths: &[Option<usize>],
    wrapped: bool,
) -> Vec<(usize, Vec<String>, Cell)> {
    let mut cells = Vec::new();
    for (i, w) in widths.iter().enumerate() {
        let Some(w) = *w else { continue };
        let cell = row.get(i).cloned().unwrap_or_default();
        if wrapped {
            let lines = super::wrap::cell(&cell.text, w);
            cells.push((
                i,
                lines,
                Cell {
                    marks: Vec::new(),
                    ..cell
                },
            ));
            continue;
        }
        let cell = around_first_mark(&cell, w).unwrap_or(cell);
        let line = truncate(&cell.text, w).into_owned();
        cells.push((i, vec![line], cell));
    }
    cells
}

/// Writes the table: a header, then each row on one line (or, `wide`, on
/// as many lines as its longest cell needs). Nothing at all for no rows.
pub fn write_table(
    out: &mut dyn Write,
    specs: &[Column],
    rows: &[Vec<Cell>],
    screen: Screen,
) -> io::Result<()> {
    let Screen {
        width,
        wide,
        painter,
    } = screen;
    if rows.is_empty() {
        return Ok(());
    }
    let below = (!wide && width < BELOW_UNDER)
        .then(|| specs.iter().position(|s| s.fit == Fit::Below))
        .flatten();
    let widths = layout(specs, rows, width, below);
    let header: Vec<Cell> = specs
        .iter()
        .map(|s| Cell::styled(s.header, Style::new().bold()))
        .collect();
    for (index, row) in std::iter::once(&header).chain(rows).enumerate() {
        let cells = row_lines(row, &widths, wide && index > 0);
        let height = cells.iter().map(|(_, l, _)| l.len()).max().unwrap_or(1);
        for line_no in 0..height {
            let mut line = String::new();
            for (n, (i, lines, cell)) in cells.iter().enumerate() {
                let w = widths[*i].unwrap_or(0);
                let text = lines.get(line_no).map_or("", String::as_str);
                let used = text.width();
                let shown = paint_marks(painter, cell, text);
                if n > 0 {
                    line.push_str(GAP);
                }
                let last = n + 1 == cells.len();
                if last && !specs[*i].right {
                    line.push_str(&shown);
                } else {
                    pad(&mut line, &shown, used, w, specs[*i].right);
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        if let Some(cell) = below.filter(|_| index > 0).and_then(|i| row.get(i)) {
            write_below(out, cell, width.saturating_sub(BELOW_INDENT.len()), painter)?;
        }
    }
    Ok(())
}

/// A cell on its own indented line, cut to `width` around its first mark.
fn write_below(out: &mut dyn Write, cell: &Cell, width: usize, painter: Painter) -> io::Result<()> {
    if cell.text.is_empty() {
        return Ok(());
    }
    let cell = around_first_mark(cell, width).unwrap_or_else(|| cell.clone());
    let shown = truncate(&cell.text, width);
    writeln!(
        out,
        "{BELOW_INDENT}{}",
        paint_marks(painter, &cell, &shown).trim_end()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(header: &'static str, fit: Fit, priority: u8) -> Column {
        Column::new(header, fit, priority)
    }

    #[test]
    fn low_priority_columns_go_first_and_lines_fit() {
        let specs = [
            spec("id", Fit::Capped, 0),
            spec("title", Fit::Flex { main: true }, 0),
            spec("structure", Fit::Flex { main: false }, 7),
            spec("status", Fit::Fixed, 2),
        ];
        let rows = vec![vec![
            Cell::new("un-identifiant-vraiment-tres-long-pour-une-fiche"),
            Cell::new("Un titre assez long pour ne pas tenir dans la largeur"),
            Cell::new("Maison de l'Emploi et de la Formation"),
            Cell::new("finished"),
        ]];
        for width in [40, 60, 80, 120] {
            let mut out = Vec::new();
            write_table(
                &mut out,
                &specs,
                &rows,
                Screen {
                    width,
                    wide: false,
                    painter: Painter { color: false },
                },
            )
            .unwrap();
            let text = String::from_utf8(out).unwrap();
            assert_eq!(text.lines().count(), 2, "{text}");
            for line in text.lines() {
                assert!(line.width() <= width, "{width}: {line:?}");
            }
            if width == 40 {
                // Everything that may go has gone before the id is cut.
                assert!(!text.contains("structure"), "{text}");
                assert!(!text.contains("finished"), "{text}");
                assert!(text.contains("un-identifiant-vraim"), "{text}");
            }
            if width == 120 {
                assert!(text.contains("finished"), "{text}");
            }
        }
    }

    proptest::proptest! {
        /// Any text at any width: one line per row, never wider, never a
        /// panic, and the highlighted ranges stay on character boundaries.
        #[test]
        fn any_text_fits_any_width(
            cells in proptest::collection::vec("\\PC{0,40}", 4),
            width in 1usize..140,
            mark in 0usize..40,
        ) {
            let specs = [
                spec("id", Fit::Capped, 0),
                spec("title", Fit::Flex { main: true }, 0),
                spec("structure", Fit::Flex { main: false }, 7),
                spec("status", Fit::Fixed, 2),
            ];
            let mut row: Vec<Cell> = cells.into_iter().map(Cell::new).collect();
            let end = row[1].text.char_indices().nth(mark).map_or(0, |(b, _)| b);
            row[1].marks = vec![(0, end)];
            for wide in [false, true] {
                let mut out = Vec::new();
                let screen = Screen { width, wide, painter: Painter { color: true } };
                write_table(&mut out, &specs, &[row.clone()], screen).unwrap();
                let text = String::from_utf8(out).unwrap();
                if !wide {
                    proptest::prop_assert_eq!(text.lines().count(), 2);
                }
            }
            let mut out = Vec::new();
            let screen = Screen { width: width.max(40), wide: false, painter: Painter { color: false } };
            write_table(&mut out, &specs, &[row], screen).unwrap();
            for line in String::from_utf8(out).unwrap().lines() {
                proptest::prop_assert!(line.width() <= width.max(40), "{:?}", line);
            }
        }
    }
}
