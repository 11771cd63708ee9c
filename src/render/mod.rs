//! Everything pacte prints: tables, the sheet layout, machine formats,
//! findings. Rendering never queries; it formats what it is given and writes
//! to the writer it is handed.

mod export;
pub mod format;
pub mod html;
pub mod markdown;
mod messages;
mod rows;
pub mod sanitize;
mod sheet_text;
mod stats;
mod style;
mod vocab;

pub use export::{
    CsvDialect, sheet_yaml, write_csv, write_json, write_markdown, write_yaml_stream,
};
pub use messages::{
    import_summary, plural, tally, write_db_info, write_findings, write_findings_json,
    write_import_report,
};
pub use rows::{Column, Listed, RowFormat, csv_safe, write_rows};
pub use sheet_text::write_sheet;
pub use stats::{StatRow, write_stats};
pub use style::{ColorChoice, Painter, use_color};
pub use vocab::{VocabRow, write_vocab};

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
