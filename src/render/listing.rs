//! The one output layer for rows: a listing (columns, typed cells, ids and
//! the rows as data) written as a table, TSV, CSV, JSON, JSONL, YAML or ids.
//!
//! Invariants, whatever the command (list, search, related, stats, vocab,
//! the import report, and `db info` as a single [`Record`]):
//! - table, TSV and ids escape every cell with [`sanitize::cell`], so each
//!   row stays on one line and nothing drives the terminal;
//! - CSV goes through the one CSV writer ([`super::csv`]), with the same
//!   header as the table, in either dialect;
//! - JSON, JSONL and YAML serialise the rows as given, exact text;
//! - list cells are joined with `, ` in a table, `,` in TSV, ` | ` in CSV;
//! - no rows: no output at all, in every format.

use std::borrow::Cow;
use std::io::{self, Write};

use anstyle::Style;
use serde::Serialize;

use crate::sheet::Money;

use super::csv::{CsvDialect, write_csv};
use super::guard::Guard;
use super::snippet::Snippet;
use super::table::{self, Cell, Column};
use super::{Format, Screen, data, format, sanitize};

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
    format: Format,
    screen: Screen,
) -> io::Result<()> {
    match format {
        Format::Table | Format::Text => write_table(&mut Guard::new(out), listing, screen),
        Format::Tsv => write_tsv(&mut Guard::new(out), listing),
        Format::Csv => write_listing_csv(out, listing, CsvDialect::Standard),
        Format::ExcelCsv => write_listing_csv(out, listing, CsvDialect::Excel),
        Format::Ids => {
            let out = &mut Guard::new(out);
            for id in &listing.ids {
                writeln!(out, "{}", sanitize::cell(id))?;
            }
            Ok(())
        }
        Format::Json | Format::Jsonl | Format::Yaml | Format::Markdown | Format::Github => {
            data::write_data(out, listing.data, format)
        }
    }
}

/// One record of named values (`db info`): `name: value` lines for
/// people, the record as one JSON object for machines.
pub struct Record<'a, T> {
    pub fields: Vec<(&'static str, Value)>,
    pub data: &'a T,
}

pub fn write_record<T: Serialize>(
    out: &mut dyn Write,
    record: &Record<T>,
    format: Format,
) -> io::Result<()> {
    if format == Format::Json {
        return data::write_json(out, record.data);
    }
    let out = &mut Guard::new(out);
    for (name, value) in &record.fields {
        writeln!(out, "{name}: {}", sanitize::cell(&value.shown()))?;
    }
    Ok(())
}

fn write_table<T>(out: &mut dyn Write, listing: &Listing<T>, screen: Screen) -> io::Result<()> {
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
    table::write_table(out, &listing.columns, &cells, screen)
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

fn write_listing_csv<T>(
    out: &mut dyn Write,
    listing: &Listing<T>,
    dialect: CsvDialect,
) -> io::Result<()> {
    let shown: Vec<bool> = listing.columns.iter().map(|c| !c.table_only).collect();
    let header: Vec<&str> = listing
        .columns
        .iter()
        .filter(|c| !c.table_only)
        .map(|c| c.header)
        .collect();
    let rows = listing.rows.iter().map(|row| {
        row.iter()
            .zip(&shown)
            .filter(|(_, shown)| **shown)
            .map(|(field, _)| field.value.joined(" | "))
            .collect::<Vec<_>>()
    });
    write_csv(out, dialect, &header, rows)
}
