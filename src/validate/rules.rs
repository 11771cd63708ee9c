//! Rules that look at several fields of a sheet at once. Their findings are
//! warnings: the sheet is still stored. (Rules that make a sheet invalid,
//! such as the order of the period, are checked while it is read.)

use crate::parse::Pos;
use crate::sheet::{Sheet, Status};

use super::reader::Reader;

pub fn check(r: &mut Reader, sheet: &Sheet, at: Pos, today: jiff::civil::Date) {
    if sheet.status == Status::Planned
        && let Some(end) = sheet.period.and_then(|p| p.end)
        && i32::from(today.year()) > end
    {
        r.warning(
            at,
            "planned-past",
            format!(
                "`{}` is planned but its period ended in {end}: update the status",
                sheet.id
            ),
        );
    }
}
