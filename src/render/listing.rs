//! The one output layer for rows: a listing (columns, typed cells, ids and
//! the rows as data) written as a table, TSV, CSV, JSON, JSONL, YAML or ids.
//!
//! Invariants, whatever the command (list, search, related, stats, vocab,
//! the import report, and `db info` as a single [`Record`]):
//! - table, TSV and ids escape every cell with [`sanitize::cell`], so each
//!   row stays on one line and nothing drives the terminal;
//! - CSV cells are escaped and guarded against formulas ([`csv_cell`]),
//!   with the same header as the table, in either dialect;
//! - JSON, JSONL and YAML serialise the rows as given, exact text;
//! - list cells are joined with `, ` in a table, `,` in TSV, ` | ` in CSV;
//! - no rows: no output at all, in every format.

use std::borrow::Cow;
use std::io::{self, Write};

use anstyle::Style;
use serde::Serialize;

use crate::sheet::Money;

use super::Screen;
use super::snippet::Snippet;
use super::table::{self, Cell, Spec};
use super::{format, sanitize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFormat {
    Table,
    Tsv,
    Csv,
    /// CSV that French spreadsheet software opens directly.
    ExcelCsv,
    Json,
    Jsonl,
    Yaml,
    Ids,
}

/// How CSV is laid out: the common form, or what French spreadsheet
/// software opens directly (`;`, a byte-order mark, CRLF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvDialect {
    Standard,
    Excel,
}

/// A column of a listing, and where it appears.
#[derive(Debug, Clone)]
pub struct Column {
    pub spec: Spec,
    /// Part of TSV (whose columns scripts rely on).
    pub tsv: bool,
    /// Only a table shows it (a bar).
    pub table_only: bool,
}

impl Column {
    pub fn new(spec: Spec) -> Column {
        Column {
            spec,
            tsv: true,
            table_only: false,
        }
    }
}

/// One cell's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    List(Vec<String>),
    /// Euros: `153 000 €` in a table, `153000` for machines.
    Money(Money),
    /// Nothing given: `—` in a table, empty for machines.
    Missing,
    /// A search snippet: hits in colour in a table, marked `**so**` in TSV
    /// and CSV.
    Marked(Snippet),
    /// A stored RFC 3339 time: to the second for people, as stored for
    /// machines.
    Time(String),
}

impl Value {
    /// The text for machines, lists joined with `separator`.
    fn joined(&self, separator: &str) -> Cow<'_, str> {
        match self {
            Value::Text(text) => Cow::Borrowed(text),
            Value::List(items) => Cow::Owned(items.join(separator)),
            Value::Money(money) => Cow::Owned(format::amount_plain(*money)),
            Value::Missing => Cow::Borrowed(""),
            Value::Marked(snippet) => Cow::Owned(snippet.marked()),
            Value::Time(stored) => Cow::Borrowed(stored),
        }
    }

    /// The text for people, in a table.
    fn shown(&self) -> Cow<'_, str> {
        match self {
            Value::Money(money) => Cow::Owned(format::amount(*money)),
            Value::Missing => Cow::Borrowed("—"),
            Value::Marked(snippet) => Cow::Borrowed(&snippet.text),
            Value::Time(stored) => Cow::Owned(format::timestamp(stored)),
            _ => self.joined(", "),
        }
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_owned())
    }
}

/// A cell: its value and its colour on a terminal.
#[derive(Debug, Clone)]
pub struct Field {
    pub value: Value,
    pub style: Option<Style>,
}

impl<V: Into<Value>> From<V> for Field {
    fn from(value: V) -> Field {
        Field {
            value: value.into(),
            style: None,
        }
    }
}

/// Rows ready to be written in any format.
pub struct Listing<'a, T> {
    pub columns: Vec<Column>,
    /// One entry per row, one field per column.
    pub rows: Vec<Vec<Field>>,
    /// What `--format ids` prints for each row.
    pub ids: Vec<String>,
    /// The rows as data, for JSON, JSONL and YAML.
    pub data: &'a [T],
}

pub fn write_listing<T: Serialize>(
    out: &mut dyn Write,
    listing: &Listing<T>,
    format: RowFormat,
    screen: Screen,
) -> io::Result<()> {
    match format {
        RowFormat::Table => write_table(out, listing, screen),
        RowFormat::Tsv => write_tsv(out, listing),
        RowFormat::Csv => write_csv(out, listing, CsvDialect::Standard),
        RowFormat::ExcelCsv => write_csv(out, listing, CsvDialect::Excel),
        RowFormat::Json | RowFormat::Jsonl | RowFormat::Yaml => {
            write_data(out, listing.data, format)
        }
        RowFormat::Ids => {
            for id in &listing.ids {
                writeln!(out, "{}", sanitize::cell(id))?;
            }
            Ok(())
        }
    }
}

/// One record of named values (`db info`): `name: value` lines for
/// people, the record as one data object for machines.
pub struct Record<'a, T> {
    pub fields: Vec<(&'static str, Value)>,
    pub data: &'a T,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFormat {
    Text,
    Json,
}

pub fn write_record<T: Serialize>(
    out: &mut dyn Write,
    record: &Record<T>,
    format: RecordFormat,
) -> io::Result<()> {
    match format {
        RecordFormat::Text => {
            for (name, value) in &record.fields {
                writeln!(out, "{name}: {}", sanitize::cell(&value.shown()))?;
            }
            Ok(())
        }
        RecordFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, record.data)?;
            writeln!(out)
        }
    }
}

fn write_table<T>(out: &mut dyn Write, listing: &Listing<T>, screen: Screen) -> io::Result<()> {
    let specs: Vec<Spec> = listing.columns.iter().map(|c| c.spec.clone()).collect();
    let cells: Vec<Vec<Cell>> = listing
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|field| match &field.value {
                    Value::Marked(snippet) => marked_cell(snippet),
                    value => Cell {
                        text: sanitize::cell(&value.shown()).into_owned(),
                        style: field.style,
                        marks: Vec::new(),
                    },
                })
                .collect()
        })
        .collect();
    table::write_table(out, &specs, &cells, screen)
}

/// A snippet for the terminal: each piece escaped, the hits' byte ranges
/// taken after escaping.
fn marked_cell(snippet: &Snippet) -> Cell {
    let mut cell = Cell::default();
    for (piece, hit) in snippet.pieces() {
        let start = cell.text.len();
        cell.text.push_str(&sanitize::cell(piece));
        if hit {
            cell.marks.push((start, cell.text.len()));
        }
    }
    cell
}

/// No header: one line per row, so `wc -l` counts rows and `cut -f1` gives
/// the first column.
fn write_tsv<T>(out: &mut dyn Write, listing: &Listing<T>) -> io::Result<()> {
    for row in &listing.rows {
        let cells: Vec<Cow<str>> = listing
            .columns
            .iter()
            .zip(row)
            .filter(|(column, _)| column.tsv && !column.table_only)
            .map(|(_, field)| Cow::Owned(sanitize::cell(&field.value.joined(",")).into_owned()))
            .collect();
        writeln!(out, "{}", cells.join("\t"))?;
    }
    Ok(())
}

/// A CSV writer in the given dialect (the byte-order mark already written).
pub fn csv_writer(
    out: &mut dyn Write,
    dialect: CsvDialect,
) -> io::Result<csv::Writer<&mut dyn Write>> {
    let mut builder = csv::WriterBuilder::new();
    if dialect == CsvDialect::Excel {
        out.write_all("\u{feff}".as_bytes())?;
        builder.delimiter(b';').terminator(csv::Terminator::CRLF);
    }
    Ok(builder.from_writer(out))
}

fn write_csv<T>(out: &mut dyn Write, listing: &Listing<T>, dialect: CsvDialect) -> io::Result<()> {
    let mut writer = csv_writer(out, dialect)?;
    let shown: Vec<bool> = listing.columns.iter().map(|c| !c.table_only).collect();
    writer.write_record(
        listing
            .columns
            .iter()
            .filter(|c| !c.table_only)
            .map(|c| c.spec.header),
    )?;
    for row in &listing.rows {
        let cells = row
            .iter()
            .zip(&shown)
            .filter(|(_, shown)| **shown)
            .map(|(field, _)| csv_cell(&field.value.joined(" | ")));
        writer.write_record(cells)?;
    }
    writer.flush()
}

/// The data formats: a JSON array, one JSON object per line, or a YAML list
/// (nothing at all for no rows, like the others).
pub fn write_data<T: Serialize>(
    out: &mut dyn Write,
    rows: &[T],
    format: RowFormat,
) -> io::Result<()> {
    match format {
        RowFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            writeln!(out)
        }
        RowFormat::Jsonl => {
            for row in rows {
                serde_json::to_writer(&mut *out, row)?;
                writeln!(out)?;
            }
            Ok(())
        }
        RowFormat::Yaml if !rows.is_empty() => {
            let yaml = yaml_serde::to_string(rows).map_err(io::Error::other)?;
            out.write_all(yaml.as_bytes())
        }
        _ => Ok(()),
    }
}

/// A CSV cell: controls other than tab and line breaks made visible (a
/// stored sheet may predate the rule that refuses them), then guarded
/// against formulas.
pub fn csv_cell(text: &str) -> String {
    csv_safe(&sanitize::text(text)).into_owned()
}

/// A cell a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`,
/// tab or CR gets a leading `'`, unless it is a plain number.
pub fn csv_safe(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_but_numbers_are_not() {
        assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_safe("+33 3 89"), "'+33 3 89");
        assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_safe("\tcmd"), "'\tcmd");
        assert_eq!(csv_safe("-12.5"), "-12.5");
        assert_eq!(csv_safe("Économie"), "Économie");
        assert_eq!(csv_cell("a\u{1b}[2J"), "a\\u{1b}[2J");
    }
}
