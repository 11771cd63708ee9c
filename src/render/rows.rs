//! Listings: one sheet per row, in every format `list` and `search` offer.
//!
//! Line-based text formats (table, TSV) escape sheet text; CSV guards cells
//! against spreadsheet formulas; JSON and YAML keep the exact text.

use std::io::{self, Write};

use serde::Serialize;

use crate::sheet::Key;
use crate::store::ListRow;

use super::Screen;
use super::format;
use super::listing::{self, Field, Listing, RowFormat, Value};
use super::style::status_style;
use super::table::{Fit, Spec};

/// A column of the line-based formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Title,
    Structure,
    Territory,
    Department,
    Status,
    Reproducible,
    Themes,
    Publics,
    Period,
    Budget,
    Updated,
}

impl Column {
    pub const ALL: [Column; 12] = [
        Column::Id,
        Column::Title,
        Column::Structure,
        Column::Territory,
        Column::Department,
        Column::Status,
        Column::Reproducible,
        Column::Themes,
        Column::Publics,
        Column::Period,
        Column::Budget,
        Column::Updated,
    ];

    pub const DEFAULT: [Column; 6] = [
        Column::Id,
        Column::Title,
        Column::Structure,
        Column::Status,
        Column::Themes,
        Column::Period,
    ];

    /// The key of the sheet behind the column.
    pub fn name(self) -> &'static str {
        match self {
            Column::Id => Key::Id.name(),
            Column::Title => Key::Title.name(),
            Column::Structure => Key::Structure.name(),
            Column::Territory => Key::Territory.name(),
            Column::Department => Key::Department.name(),
            Column::Status => Key::Status.name(),
            Column::Reproducible => Key::Reproducible.name(),
            Column::Themes => Key::Themes.name(),
            Column::Publics => Key::Publics.name(),
            Column::Period => Key::Period.name(),
            Column::Budget => Key::Budget.name(),
            Column::Updated => Key::Updated.name(),
        }
    }

    pub fn parse(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The cell's value; lists stay lists, joined by each format its way.
    fn value(self, row: &ListRow) -> Value {
        Value::Text(match self {
            Column::Id => row.id.clone(),
            Column::Title => row.title.clone(),
            Column::Structure => row.structure.clone(),
            Column::Territory => row.territory.clone().unwrap_or_default(),
            Column::Department => row.department.clone().unwrap_or_default(),
            Column::Status => row.status.code().to_owned(),
            Column::Reproducible => row.reproducible.to_string(),
            Column::Themes => return Value::List(row.themes.clone()),
            Column::Publics => return Value::List(row.publics.clone()),
            Column::Period => format::period_short(row.period),
            Column::Budget => return row.budget.map_or(Value::Text(String::new()), Value::Money),
            Column::Updated => row.updated.clone().unwrap_or_default(),
        })
    }

    /// How the column fits a terminal table: ids are cut rather than
    /// widening the table, short values stay whole, free text shares the
    /// rest; structure and themes are dropped first when space runs out.
    fn spec(self) -> Spec {
        let (fit, priority) = match self {
            Column::Id => (Fit::Capped, 0),
            Column::Title => (Fit::Flex { main: true }, 0),
            Column::Status => (Fit::Fixed, 2),
            Column::Period => (Fit::Fixed, 3),
            Column::Department | Column::Budget => (Fit::Fixed, 4),
            Column::Updated | Column::Reproducible => (Fit::Fixed, 5),
            Column::Territory | Column::Publics | Column::Themes => (Fit::Flex { main: false }, 6),
            Column::Structure => (Fit::Flex { main: false }, 7),
        };
        Spec {
            header: self.name(),
            fit,
            priority,
            right: self == Column::Budget,
        }
    }
}

/// The table column of an extra cell: a score is short and kept, a search
/// snippet shares the line equally with the title on a wide terminal and
/// goes under its row on a narrow one, a reason shares the line (and goes
/// first on a narrow terminal), other text takes what they leave.
fn extra_spec(header: &'static str) -> Spec {
    let (fit, priority) = match header {
        "score" => (Fit::Fixed, 1),
        "snippet" => (Fit::Below, 0),
        "reason" => (Fit::Flex { main: true }, 5),
        _ => (Fit::Flex { main: false }, 5),
    };
    Spec {
        header,
        fit,
        priority,
        right: header == "score",
    }
}

/// A row with something to show beside it (a search snippet, a score).
pub trait Listed: Serialize {
    fn row(&self) -> &ListRow;
    /// Extra cells after the columns: header and value.
    fn extra(&self) -> Vec<(&'static str, Value)> {
        Vec::new()
    }
}

impl Listed for ListRow {
    fn row(&self) -> &ListRow {
        self
    }
}

pub fn write_rows<T: Listed>(
    out: &mut dyn Write,
    rows: &[T],
    format: RowFormat,
    columns: &[Column],
    screen: Screen,
) -> io::Result<()> {
    let extra_headers: Vec<&'static str> = rows
        .first()
        .map(|r| r.extra().iter().map(|(h, _)| *h).collect())
        .unwrap_or_default();
    let listing = Listing {
        columns: columns
            .iter()
            .map(|c| listing::Column::new(c.spec()))
            .chain(
                extra_headers
                    .iter()
                    .map(|h| listing::Column::new(extra_spec(h))),
            )
            .collect(),
        rows: rows
            .iter()
            .map(|listed| {
                let row = listed.row();
                columns
                    .iter()
                    .map(|column| Field {
                        value: column.value(row),
                        style: (*column == Column::Status).then(|| status_style(row.status)),
                    })
                    .chain(listed.extra().into_iter().map(|(_, value)| value.into()))
                    .collect()
            })
            .collect(),
        ids: rows.iter().map(|r| r.row().id.clone()).collect(),
        data: rows,
    };
    listing::write_listing(out, &listing, format, screen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_parses_back_from_its_name() {
        for column in Column::ALL {
            assert_eq!(Column::parse(column.name()), Some(column));
        }
        assert_eq!(Column::parse("titre"), None);
    }
}
