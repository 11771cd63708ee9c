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

use std::borrow::Cow;
use std::io::{self, Write};

use anstyle::Style;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::Screen;
use super::highlight::{around_first_mark, paint_marks};
use super::style::Painter;

const GAP: &str = "  ";
/// The narrowest a flexible column is made before columns are dropped.
const FLEX_MIN: usize = 12;
/// The narrowest an id is cut to.
const ID_MIN: usize = 10;
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

fn is_capped(fit: Fit) -> bool {
    fit == Fit::Capped
}

/// Shares the line among the kept columns (`widths` holds what each wants):
/// what is left goes to the main texts, then to other free text; a line
/// still too long is cut, the main text first, then ids, then the widest.
fn share(widths: &mut [Option<usize>], specs: &[Column], natural: &[usize], width: usize) {
    let gaps = GAP.len() * widths.iter().flatten().count().saturating_sub(1);
    let used: usize = widths.iter().flatten().sum::<usize>() + gaps;
    let mut left = width.saturating_sub(used);
    // What is left goes to the main texts first, shared a column at a time,
    // then to the other free text.
    let mains: Vec<usize> = (0..specs.len())
        .filter(|i| widths[*i].is_some() && specs[*i].fit.is_main())
        .collect();
    while left > 0 {
        let mut grew = false;
        for &i in &mains {
            if let Some(w) = widths[i].as_mut().filter(|w| **w < natural[i] && left > 0) {
                *w += 1;
                left -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    let others: Vec<usize> = (0..specs.len())
        .filter(|i| widths[*i].is_some() && specs[*i].fit == Fit::Flex { main: false })
        .collect();
    for i in others {
        if let Some(w) = widths[i].as_mut() {
            let more = natural[i].saturating_sub(*w).min(left);
            *w += more;
            left -= more;
        }
    }
    // Too narrow even so: the main text gives way down to its minimum,
    // then ids down to theirs, then the widest columns until the line fits.
    let mut over = used.saturating_sub(width);
    for (fits, floor) in [
        (Fit::is_main as fn(Fit) -> bool, FLEX_MIN),
        (is_capped, ID_MIN),
    ] {
        for (i, spec) in specs.iter().enumerate() {
            if let Some(w) = widths[i].as_mut().filter(|_| fits(spec.fit)) {
                let cut = w.saturating_sub(floor).min(over);
                *w -= cut;
                over -= cut;
            }
        }
    }
    while over > 0 {
        let Some(widest) = widths.iter_mut().flatten().max_by_key(|w| **w) else {
            break;
        };
        if *widest <= 1 {
            break;
        }
        *widest -= 1;
        over -= 1;
    }
}

/// The width an id may take: other columns go before an id is cut, so an
/// id gets what the columns that never go leave it (the main text at its
/// minimum, as `base` gives it), whole when that is enough.
fn id_cap(
    specs: &[Column],
    kept: &[bool],
    width: usize,
    base: &dyn Fn(usize, &Column) -> usize,
) -> usize {
    let stays = |i: usize, spec: &Column| kept[i] && spec.priority == 0;
    let capped = specs
        .iter()
        .enumerate()
        .filter(|(i, spec)| stays(*i, spec) && spec.fit == Fit::Capped)
        .count()
        .max(1);
    let others: usize = specs
        .iter()
        .enumerate()
        .filter(|(i, spec)| stays(*i, spec))
        .map(|(i, spec)| {
            let own = if spec.fit == Fit::Capped {
                0
            } else {
                base(i, spec)
            };
            own + GAP.len()
        })
        .sum::<usize>()
        .saturating_sub(GAP.len());
    ID_MIN.max(width.saturating_sub(others) / capped)
}

/// The width of each kept column (`None`: dropped).
fn layout(
    specs: &[Column],
    rows: &[Vec<Cell>],
    width: usize,
    below: Option<usize>,
) -> Vec<Option<usize>> {
    let natural: Vec<usize> = specs
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            rows.iter()
                .filter_map(|row| row.get(i))
                .map(|cell| width_up_to(&cell.text, width))
                .chain(std::iter::once(spec.header.width()))
                .max()
                .unwrap_or(0)
                .min(width)
        })
        .collect();
    let mut kept: Vec<bool> = (0..specs.len()).map(|i| below != Some(i)).collect();
    // The main text gets at least two fifths before any other free text
    // is shown.
    let mains = specs
        .iter()
        .enumerate()
        .filter(|(i, s)| kept[*i] && s.fit.is_main())
        .count()
        .max(1);
    let main_min = FLEX_MIN.max(width * 2 / 5 / mains);
    let base = |i: usize, spec: &Column| match spec.fit {
        Fit::Fixed | Fit::Capped => natural[i],
        Fit::Flex { main: true } | Fit::Below => natural[i].min(main_min),
        Fit::Flex { main: false } => natural[i].min(FLEX_MIN),
    };
    let id_cap = id_cap(specs, &kept, width, &base);
    let wanted = |i: usize, spec: &Column| match spec.fit {
        Fit::Capped => natural[i].min(id_cap),
        _ => base(i, spec),
    };
    loop {
        let used: usize = specs
            .iter()
            .enumerate()
            .filter(|(i, _)| kept[*i])
            .map(|(i, spec)| wanted(i, spec) + GAP.len())
            .sum::<usize>()
            .saturating_sub(GAP.len());
        if used <= width {
            break;
        }
        let drop = specs
            .iter()
            .enumerate()
            .filter(|(i, spec)| kept[*i] && spec.priority > 0)
            .max_by_key(|(i, spec)| (spec.priority, *i));
        match drop {
            Some((i, _)) => kept[i] = false,
            None => break,
        }
    }
    let mut widths: Vec<Option<usize>> = specs
        .iter()
        .enumerate()
        .map(|(i, spec)| kept[i].then(|| wanted(i, spec)))
        .collect();
    share(&mut widths, specs, &natural, width);
    widths
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
