//! Whole sheets out: canonical YAML, JSON, CSV for spreadsheets and a
//! Markdown document.
//!
//! YAML is the canonical form: keys in schema order, absent values left out,
//! so that export → import → export gives the same bytes.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::sheet::layout::{self, Key, sub};
use crate::sheet::{Sheet, Vocabularies};

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

/// One column per key, structured keys split into their parts; the
/// transfer lists keep their own names.
fn csv_header() -> [String; 28] {
    let name = |key: Key| key.name().to_owned();
    let part = |key: Key, sub: &str| format!("{}_{sub}", key.name());
    [
        name(Key::Id),
        name(Key::Title),
        name(Key::Structure),
        name(Key::Territory),
        name(Key::Department),
        name(Key::Status),
        name(Key::Reproducible),
        part(Key::Period, sub::START),
        part(Key::Period, sub::END),
        name(Key::Themes),
        name(Key::Publics),
        part(Key::Partners, sub::SPECIFIC),
        part(Key::Partners, sub::FUNDERS),
        part(Key::Partners, sub::OTHERS),
        name(Key::Objectives),
        name(Key::Description),
        name(Key::Means),
        name(Key::StaffFte),
        part(Key::Budget, sub::TOTAL),
        part(Key::Budget, sub::FUNDING),
        name(Key::Results),
        name(Key::Tools),
        name(Key::AddedValue),
        name(Key::Contacts),
        sub::SUCCESS_FACTORS.to_owned(),
        sub::DIFFICULTIES.to_owned(),
        name(Key::Updated),
        name(Key::Links),
    ]
}

/// The separator of list items inside one CSV cell.
const ITEMS: &str = " | ";

fn csv_cells(sheet: &Sheet) -> [String; 28] {
    let join = |items: &[String]| items.join(ITEMS);
    let partners = sheet.partners.clone().unwrap_or_default();
    let transfer = sheet.transfer.clone().unwrap_or_default();
    [
        sheet.id.clone(),
        sheet.title.clone(),
        sheet.structure.clone(),
        sheet.territory.clone().unwrap_or_default(),
        sheet.department.clone().unwrap_or_default(),
        sheet.status.code().to_owned(),
        sheet.reproducible.to_string(),
        sheet
            .period
            .map(|p| p.start.to_string())
            .unwrap_or_default(),
        sheet
            .period
            .and_then(|p| p.end)
            .map(|e| e.to_string())
            .unwrap_or_default(),
        join(&sheet.themes),
        join(&sheet.publics),
        join(&partners.specific),
        join(&partners.funders),
        join(&partners.others),
        join(&sheet.objectives),
        sheet.description.clone(),
        sheet.means.clone().unwrap_or_default(),
        sheet.staff_fte.map(|f| f.to_string()).unwrap_or_default(),
        sheet
            .budget
            .as_ref()
            .map(|b| format::amount_plain(b.total))
            .unwrap_or_default(),
        sheet
            .budget
            .iter()
            .flat_map(|b| {
                b.funding
                    .iter()
                    .map(|f| format!("{}: {}", f.source, format::amount_plain(f.amount)))
            })
            .collect::<Vec<_>>()
            .join(ITEMS),
        sheet.results.clone().unwrap_or_default(),
        join(&sheet.tools),
        sheet.added_value.clone().unwrap_or_default(),
        sheet
            .contacts
            .iter()
            .map(|c| {
                [
                    Some(c.name.as_str()),
                    c.role.as_deref(),
                    c.email.as_deref(),
                    c.phone.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
            })
            .collect::<Vec<_>>()
            .join(ITEMS),
        join(&transfer.success_factors),
        join(&transfer.difficulties),
        sheet.updated.clone().unwrap_or_default(),
        sheet
            .links
            .iter()
            .map(|l| match &l.title {
                Some(title) => format!("{title} <{}>", l.url),
                None => l.url.clone(),
            })
            .collect::<Vec<_>>()
            .join(ITEMS),
    ]
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
