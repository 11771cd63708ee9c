//! The vocabularies, as a table or data.

use std::io::{self, Write};

use serde::Serialize;

use crate::sheet::Term;

use super::listing::{Listing, Value, write_listing};
use super::table::{Column, Fit};
use super::{Format, Screen};

#[derive(Debug, Clone, Serialize)]
pub struct VocabRow {
    /// `theme` or `public`.
    pub kind: &'static str,
    #[serde(flatten)]
    pub term: Term,
}

/// Codes stay whole where they can; labels take the rest; aliases go first
/// when space runs out. A vocabulary file is user text like a sheet: the
/// listing escapes every cell.
pub fn write_vocab(
    out: &mut dyn Write,
    rows: &[VocabRow],
    format: Format,
    screen: Screen,
) -> io::Result<()> {
    let listing = Listing {
        columns: vec![
            Column::new("kind", Fit::Fixed, 3),
            Column::new("code", Fit::Capped, 0),
            Column::new("label", Fit::Flex { main: true }, 0),
            Column::new("aliases", Fit::Flex { main: false }, 4),
        ],
        rows: rows
            .iter()
            .map(|row| {
                vec![
                    row.kind.into(),
                    row.term.code.as_str().into(),
                    row.term.label.as_str().into(),
                    Value::List(row.term.aliases.clone()).into(),
                ]
            })
            .collect(),
        ids: rows.iter().map(|r| r.term.code.clone()).collect(),
        data: rows,
    };
    write_listing(out, &listing, format, screen)
}
