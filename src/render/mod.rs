//! Everything pacte prints: tables, the sheet layout, machine formats,
//! findings. Rendering never queries; it formats what it is given and writes
//! to the writer it is handed.

mod csv;
mod data;
mod diff;
mod export;
mod findings;
pub mod format;
mod formats;
mod github;
mod guard;
mod highlight;
pub mod html;
mod listing;
pub mod markdown;
mod messages;
mod pager;
mod report;
mod review;
mod rows;
pub mod sanitize;
mod sheet_markdown;
mod sheet_text;
mod snippet;
mod stats;
mod style;
pub mod table;
mod vocab;
mod wrap;

pub use csv::{CsvDialect, csv_safe};
pub use data::{write_data, write_json};
pub use diff::write_diff;
pub use export::{sheet_yaml, write_csv, write_markdown, write_sheets, write_yaml_stream};
pub use findings::{import_summary, plural, tally, write_findings, write_findings_as};
pub use formats::Format;
pub use listing::Value;
pub use messages::{Messages, Verbosity};
pub use pager::page;
pub use report::{write_db_info, write_drift, write_import_report, write_lines};
pub use review::{Thresholds, write_review};
pub use rows::{ListField, Listed, write_rows};
pub use sheet_text::write_sheet;
pub use snippet::Snippet;
pub use stats::{StatRow, write_stats};
pub use style::{ColorChoice, Painter, use_color};
pub use table::Column;
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
