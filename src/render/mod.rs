//! Everything pacte prints: tables, the sheet layout, machine formats,
//! findings. Rendering never queries; it formats what it is given and writes
//! to the writer it is handed.

pub mod atomic;
mod diff;
mod export;
pub mod format;
mod github;
pub mod html;
mod listing;
pub mod markdown;
mod messages;
mod pager;
mod report;
mod review;
mod rows;
pub mod sanitize;
mod sheet_text;
mod snippet;
mod stats;
mod style;
pub mod table;
mod vocab;

pub use diff::{write_diff, write_diff_json, write_diff_markdown};
pub use export::{sheet_yaml, write_csv, write_json, write_markdown, write_yaml_stream};
pub use github::{escape_data, escape_property, write_findings_github};
pub use listing::Value;
pub use listing::{CsvDialect, RecordFormat, RowFormat, csv_safe};
pub use messages::{import_summary, plural, tally, write_findings, write_findings_json};
pub use pager::page;
pub use report::{write_db_info, write_import_report};
pub use review::{Thresholds, write_review, write_review_csv, write_review_json};
pub use rows::{Column, Listed, write_rows};
pub use sheet_text::write_sheet;
pub use snippet::Snippet;
pub use stats::{StatRow, write_stats};
pub use style::{ColorChoice, Painter, use_color};
pub use vocab::{VocabRow, write_vocab};

/// How output fits where it goes: the width, `--wide`, and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub width: usize,
    /// Whole cells, wrapped, instead of one line per row.
    pub wide: bool,
    pub painter: Painter,
}

/// The width to lay text out in: the terminal's when there is one, else
/// `COLUMNS`, else 80.
pub fn terminal_width(is_terminal: bool) -> u16 {
    let from_terminal = is_terminal
        .then(|| terminal_size::terminal_size().map(|(w, _)| w.0))
        .flatten();
    from_terminal
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .filter(|w| *w >= 20)
        .unwrap_or(80)
}
