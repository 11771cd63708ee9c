//! The vocabularies, as a table or data.

use std::io::{self, Write};

use serde::Serialize;

use crate::sheet::Term;

use super::Screen;
use super::listing::{Column, Listing, RowFormat, Value, write_listing};
use super::table::{Fit, Spec};

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
    format: RowFormat,
    screen: Screen,
) -> io::Result<()> {
    let spec = |header, fit, priority| {
        Column::new(Spec {
            header,
            fit,
            priority,
            right: false,
        })
    };
    let listing = Listing {
        columns: vec![
            spec("kind", Fit::Fixed, 3),
            spec("code", Fit::Capped, 0),
            spec("label", Fit::Flex { main: true }, 0),
            spec("aliases", Fit::Flex { main: false }, 4),
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
