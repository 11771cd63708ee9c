//! The import report and `db info`, through the one output layer: the
//! report is a listing (a table on a terminal, `outcome<TAB>id<TAB>file`
//! lines when piped), `db info` a record.

use std::io::{self, Write};

use serde::Serialize;

use crate::store::{Drift, ImportReport, Info};

use super::guard::Guard;
use super::listing::{Listing, Record, Value, write_listing, write_record};
use super::sanitize;
use super::table::{Column, Fit};
use super::{Format, Screen};

/// One sheet of an import, as data.
#[derive(Serialize)]
struct ImportRow<'a> {
    outcome: &'static str,
    id: &'a str,
    file: &'a str,
}

/// One row per sheet: the outcome and the id stay whole (an id is cut only
/// on a very narrow terminal), the file takes the rest.
pub fn write_import_report(
    out: &mut dyn Write,
    report: &ImportReport,
    format: Format,
    screen: Screen,
) -> io::Result<()> {
    let data: Vec<ImportRow> = report
        .sheets
        .iter()
        .map(|sheet| ImportRow {
            outcome: sheet.outcome.as_str(),
            id: &sheet.id,
            file: &sheet.source,
        })
        .collect();
    let spec = |header, fit| Column::new(header, fit, 0);
    let listing = Listing {
        columns: vec![
            spec("outcome", Fit::Fixed),
            spec("id", Fit::Capped),
            spec("file", Fit::Flex { main: true }),
        ],
        rows: data
            .iter()
            .map(|row| vec![row.outcome.into(), row.id.into(), row.file.into()])
            .collect(),
        ids: data.iter().map(|row| row.id.to_owned()).collect(),
        data: &data,
    };
    write_listing(out, &listing, format, screen)
}

/// Lines of text for people (`db check`'s problems), each escaped and on
/// one line.
pub fn write_lines(out: &mut dyn Write, lines: &[String]) -> io::Result<()> {
    let out = &mut Guard::new(out);
    for line in lines {
        writeln!(out, "{}", sanitize::cell(line))?;
    }
    out.flush()
}

/// `pacte db status`: one row per file out of line, its state, its path,
/// and where a moved file is now (empty otherwise, so every TSV line has
/// the same three cells).
pub fn write_drift(
    out: &mut dyn Write,
    drift: &[Drift],
    format: Format,
    screen: Screen,
) -> io::Result<()> {
    let listing = Listing {
        columns: vec![
            Column::new("state", Fit::Fixed, 0),
            Column::new("file", Fit::Flex { main: true }, 0),
            Column::new("moved to", Fit::Flex { main: true }, 0),
        ],
        rows: drift
            .iter()
            .map(|d| {
                vec![
                    d.kind.as_str().into(),
                    d.file.as_str().into(),
                    d.to.as_deref().unwrap_or_default().into(),
                ]
            })
            .collect(),
        ids: drift.iter().map(|d| d.file.clone()).collect(),
        data: &[] as &[()],
    };
    write_listing(out, &listing, format, screen)
}

/// `pacte db info`: `name: value` lines, or the figures as one JSON object.
pub fn write_db_info(out: &mut dyn Write, info: &Info, format: Format) -> io::Result<()> {
    let count = |n: i64| Value::Text(n.to_string());
    let record = Record {
        fields: vec![
            ("path", info.path.as_str().into()),
            ("schema version", count(info.schema_version)),
            ("sheets", count(info.sheets)),
            ("size", Value::Text(format!("{} bytes", info.size_bytes))),
            (
                "last import",
                info.last_import
                    .clone()
                    .map_or(Value::from("never"), Value::Time),
            ),
        ],
        data: info,
    };
    write_record(out, &record, format)
}
