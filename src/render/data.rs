//! The one writer of data formats: JSON (pretty, one value), JSONL (one
//! object per line) and YAML (a list). Every command's JSON goes through
//! here, so every document ends with a newline and keeps the exact text.

use std::io::{self, Write};

use serde::Serialize;

use super::Format;

/// One value as pretty JSON, ending with a newline.
pub fn write_json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// Rows in a data format: a JSON array, one JSON object per line, or a
/// YAML list (nothing at all for no rows in JSONL and YAML). Other formats
/// are not data and write nothing.
pub fn write_data<T: Serialize>(out: &mut dyn Write, rows: &[T], format: Format) -> io::Result<()> {
    match format {
        Format::Json => write_json(out, rows),
        Format::Jsonl => {
            for row in rows {
                serde_json::to_writer(&mut *out, row)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Yaml if !rows.is_empty() => {
            let yaml = yaml_serde::to_string(rows).map_err(io::Error::other)?;
            out.write_all(yaml.as_bytes())
        }
        _ => Ok(()),
    }
}
