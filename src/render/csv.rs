//! The one CSV writer, with one set of safety rules for every command:
//! controls other than tab and line breaks made visible, a cell that a
//! spreadsheet would run as a formula prefixed with `'`, and the same two
//! dialects everywhere (the common one, and `--excel`: `;`, a byte-order
//! mark and CRLF, which French spreadsheet software opens directly).

use std::borrow::Cow;
use std::io::{self, Write};

use super::sanitize;

/// How CSV is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvDialect {
    Standard,
    Excel,
}

/// Writes a header and rows, every cell made safe by [`csv_cell`].
pub fn write_csv<R, C>(
    out: &mut dyn Write,
    dialect: CsvDialect,
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> io::Result<()>
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut builder = csv::WriterBuilder::new();
    if dialect == CsvDialect::Excel {
        out.write_all("\u{feff}".as_bytes())?;
        builder.delimiter(b';').terminator(csv::Terminator::CRLF);
    }
    let mut writer = builder.from_writer(out);
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.into_iter().map(|cell| csv_cell(cell.as_ref())))?;
    }
    writer.flush()
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

    #[test]
    fn the_excel_dialect_has_a_bom_semicolons_and_crlf() {
        let mut out = Vec::new();
        write_csv(&mut out, CsvDialect::Excel, &["a", "b"], [["=1+1", "x"]]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\u{feff}a;b\r\n'=1+1;x\r\n"
        );
    }
}
