//! Whole sheets out: canonical YAML, JSON, CSV for spreadsheets and a
//! Markdown document.
//!
//! YAML is the canonical form: keys in schema order, absent values left out,
//! so that export → import → export gives the same bytes.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::sheet::kind::{Csv, Kind};
use crate::sheet::layout;
use crate::sheet::{Budget, Contact, FIELDS, Link, Sheet, Vocabularies};

use super::csv::{CsvDialect, write_csv as write_csv_rows};
use super::{Format, data, format, markdown};

/// One sheet as canonical YAML.
pub fn sheet_yaml(sheet: &Sheet) -> io::Result<String> {
    yaml_serde::to_string(sheet).map_err(io::Error::other)
}

/// Every sheet as YAML documents separated by `---`.
pub fn write_yaml_stream(out: &mut dyn Write, sheets: &[Sheet]) -> io::Result<()> {
    for (index, sheet) in sheets.iter().enumerate() {
        if index > 0 {
            writeln!(out, "---")?;
        }
        out.write_all(sheet_yaml(sheet)?.as_bytes())?;
    }
    Ok(())
}

/// Whole sheets in the given format: canonical YAML documents, JSON,
/// JSONL, CSV in either dialect, or a Markdown document.
pub fn write_sheets(
    out: &mut dyn Write,
    sheets: &[Sheet],
    format: Format,
    vocabularies: &Vocabularies,
) -> io::Result<()> {
    match format {
        Format::Csv => write_csv(out, sheets, CsvDialect::Standard),
        Format::ExcelCsv => write_csv(out, sheets, CsvDialect::Excel),
        Format::Markdown => write_markdown(out, sheets, vocabularies),
        Format::Json | Format::Jsonl => data::write_data(out, sheets, format),
        _ => write_yaml_stream(out, sheets),
    }
}

/// One column per field, structured values split into their parts, as
/// the registry names them.
fn csv_header() -> Vec<String> {
    FIELDS
        .iter()
        .flat_map(|def| {
            let parts = def.kind.parts();
            match (parts.is_empty(), def.csv) {
                (true, _) => vec![def.name.to_owned()],
                (false, Csv::Key) => parts.iter().map(|p| format!("{}_{p}", def.name)).collect(),
                (false, Csv::Parts) => parts.iter().map(|p| (*p).to_owned()).collect(),
            }
        })
        .collect()
}

/// The separator of list items inside one CSV cell.
const ITEMS: &str = " | ";

fn join(items: &[String]) -> String {
    items.join(ITEMS)
}

fn contact_cell(contact: &Contact) -> String {
    [
        Some(contact.name.as_str()),
        contact.role.as_deref(),
        contact.email.as_deref(),
        contact.phone.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

fn link_cell(link: &Link) -> String {
    match &link.title {
        Some(title) => format!("{title} <{}>", link.url),
        None => link.url.clone(),
    }
}

fn budget_cells(budget: Option<&Budget>) -> Vec<String> {
    let total = budget.map(|b| format::amount_plain(b.total));
    let funding = budget.iter().flat_map(|b| {
        b.funding
            .iter()
            .map(|f| format!("{}: {}", f.source, format::amount_plain(f.amount)))
    });
    vec![
        total.unwrap_or_default(),
        funding.collect::<Vec<_>>().join(ITEMS),
    ]
}

/// The cells of one field, one per column of [`csv_header`].
fn field_cells(kind: Kind, sheet: &Sheet) -> Vec<String> {
    let one = |cell: String| vec![cell];
    match kind {
        Kind::Text(_, slot) => one((slot.get)(sheet).clone()),
        Kind::OptText(_, slot) => one((slot.get)(sheet).clone().unwrap_or_default()),
        Kind::List(_, _, slot) => one(join((slot.get)(sheet))),
        Kind::Status(slot) => one((slot.get)(sheet).code().to_owned()),
        Kind::Flag(slot) => one((slot.get)(sheet).to_string()),
        Kind::Period(slot) => {
            let period = *(slot.get)(sheet);
            vec![
                period.map(|p| p.start.to_string()).unwrap_or_default(),
                period
                    .and_then(|p| p.end)
                    .map(|e| e.to_string())
                    .unwrap_or_default(),
            ]
        }
        Kind::Staff(slot) => one((slot.get)(sheet).map(|f| f.to_string()).unwrap_or_default()),
        Kind::Partners(slot) => {
            let partners = (slot.get)(sheet).clone().unwrap_or_default();
            partners.lists().map(|list| join(list)).to_vec()
        }
        Kind::Budget(slot) => budget_cells((slot.get)(sheet).as_ref()),
        Kind::Contacts(slot) => {
            let cells: Vec<String> = (slot.get)(sheet).iter().map(contact_cell).collect();
            one(cells.join(ITEMS))
        }
        Kind::Transfer(slot) => {
            let transfer = (slot.get)(sheet).clone().unwrap_or_default();
            transfer.lists().map(|list| join(list)).to_vec()
        }
        Kind::Links(slot) => {
            let cells: Vec<String> = (slot.get)(sheet).iter().map(link_cell).collect();
            one(cells.join(ITEMS))
        }
    }
}

fn csv_cells(sheet: &Sheet) -> Vec<String> {
    FIELDS
        .iter()
        .flat_map(|def| field_cells(def.kind, sheet))
        .collect()
}

/// One row per sheet, list fields joined with ` | `, every cell guarded
/// against formulas and terminal control sequences.
pub fn write_csv(out: &mut dyn Write, sheets: &[Sheet], dialect: CsvDialect) -> io::Result<()> {
    let header = csv_header();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    write_csv_rows(out, dialect, &header, sheets.iter().map(csv_cells))
}

/// A readable document: a title, a table of contents, one section per
/// sheet following the one layout. Sheet text is escaped (see
/// [`super::markdown`]): it can neither inject HTML nor make a link.
pub fn write_markdown(
    out: &mut dyn Write,
    sheets: &[Sheet],
    vocabularies: &Vocabularies,
) -> io::Result<()> {
    let mut doc = String::from("# Catalogue des fiches action\n\n");
    for sheet in sheets {
        let _ = writeln!(
            doc,
            "- [{}](#{})",
            markdown::inline(&sheet.title),
            markdown::anchor(&sheet.id)
        );
    }
    for sheet in sheets {
        markdown::sheet(&mut doc, &layout::lay_out(sheet, vocabularies));
    }
    let mut out = super::guard::Guard::markdown(out);
    out.write_all(doc.as_bytes())?;
    out.flush()
}
