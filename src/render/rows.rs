//! Listings: one sheet per row, in every format `list` and `search` offer.
//!
//! Line-based text formats (table, TSV) escape sheet text; CSV guards cells
//! against spreadsheet formulas; JSON and YAML keep the exact text.

use std::io::{self, Write};

use serde::Serialize;

use crate::sheet::Key;
use crate::store::ListRow;

use super::listing::{self, Field, Listing, Value};
use super::style::status_style;
use super::table::{Column, Fit};
use super::{Format, Screen, format};

/// What a listing of sheets can show in a column (`--columns`): a field
/// of the sheet's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListField {
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

impl ListField {
    pub const ALL: [ListField; 12] = [
        ListField::Id,
        ListField::Title,
        ListField::Structure,
        ListField::Territory,
        ListField::Department,
        ListField::Status,
        ListField::Reproducible,
        ListField::Themes,
        ListField::Publics,
        ListField::Period,
        ListField::Budget,
        ListField::Updated,
    ];

    pub const DEFAULT: [ListField; 6] = [
        ListField::Id,
        ListField::Title,
        ListField::Structure,
        ListField::Status,
        ListField::Themes,
        ListField::Period,
    ];

    /// The key of the sheet behind the column.
    pub fn name(self) -> &'static str {
        match self {
            ListField::Id => Key::Id.name(),
            ListField::Title => Key::Title.name(),
            ListField::Structure => Key::Structure.name(),
            ListField::Territory => Key::Territory.name(),
            ListField::Department => Key::Department.name(),
            ListField::Status => Key::Status.name(),
            ListField::Reproducible => Key::Reproducible.name(),
            ListField::Themes => Key::Themes.name(),
            ListField::Publics => Key::Publics.name(),
            ListField::Period => Key::Period.name(),
            ListField::Budget => Key::Budget.name(),
            ListField::Updated => Key::Updated.name(),
        }
    }

    pub fn parse(name: &str) -> Option<ListField> {
        ListField::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The cell's value; lists stay lists, joined by each format its way.
    fn value(self, row: &ListRow) -> Value {
        Value::Text(match self {
            ListField::Id => row.id.clone(),
            ListField::Title => row.title.clone(),
            ListField::Structure => row.structure.clone(),
            ListField::Territory => row.territory.clone().unwrap_or_default(),
            ListField::Department => row.department.clone().unwrap_or_default(),
            ListField::Status => row.status.code().to_owned(),
            ListField::Reproducible => row.reproducible.to_string(),
            ListField::Themes => return Value::List(row.themes.clone()),
            ListField::Publics => return Value::List(row.publics.clone()),
            ListField::Period => format::period_short(row.period),
            ListField::Budget => {
                return row.budget.map_or(Value::Text(String::new()), Value::Money);
            }
            ListField::Updated => row.updated.clone().unwrap_or_default(),
        })
    }

    /// How the column fits a terminal table: ids are cut rather than
    /// widening the table, short values stay whole, free text shares the
    /// rest; structure and themes are dropped first when space runs out.
    fn column(self) -> Column {
        let (fit, priority) = match self {
            ListField::Id => (Fit::Capped, 0),
            ListField::Title => (Fit::Flex { main: true }, 0),
            ListField::Status => (Fit::Fixed, 2),
            ListField::Period => (Fit::Fixed, 3),
            ListField::Department | ListField::Budget => (Fit::Fixed, 4),
            ListField::Updated | ListField::Reproducible => (Fit::Fixed, 5),
            ListField::Territory | ListField::Publics | ListField::Themes => {
                (Fit::Flex { main: false }, 6)
            }
            ListField::Structure => (Fit::Flex { main: false }, 7),
        };
        let column = Column::new(self.name(), fit, priority);
        if self == ListField::Budget {
            column.right()
        } else {
            column
        }
    }
}

/// The table column of an extra cell: a score is short and kept, a search
/// snippet shares the line equally with the title on a wide terminal and
/// goes under its row on a narrow one, a reason shares the line (and goes
/// first on a narrow terminal), other text takes what they leave.
fn extra_column(header: &'static str) -> Column {
    let (fit, priority) = match header {
        "score" => (Fit::Fixed, 1),
        "snippet" => (Fit::Below, 0),
        "reason" => (Fit::Flex { main: true }, 5),
        _ => (Fit::Flex { main: false }, 5),
    };
    let column = Column::new(header, fit, priority);
    if header == "score" {
        column.right()
    } else {
        column
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
    format: Format,
    columns: &[ListField],
    screen: Screen,
) -> io::Result<()> {
    let extra_headers: Vec<&'static str> = rows
        .first()
        .map(|r| r.extra().iter().map(|(h, _)| *h).collect())
        .unwrap_or_default();
    let listing = Listing {
        columns: columns
            .iter()
            .map(|c| c.column())
            .chain(extra_headers.iter().map(|h| extra_column(h)))
            .collect(),
        rows: rows
            .iter()
            .map(|listed| {
                let row = listed.row();
                columns
                    .iter()
                    .map(|column| Field {
                        value: column.value(row),
                        style: (*column == ListField::Status).then(|| status_style(row.status)),
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
        for column in ListField::ALL {
            assert_eq!(ListField::parse(column.name()), Some(column));
        }
        assert_eq!(ListField::parse("titre"), None);
    }
}
