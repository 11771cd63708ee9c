//! How values read, written once: amounts, periods, statuses, places,
//! staff. Every output format takes its words and numbers from here.

use crate::sheet::{Money, Period, Status};

/// An amount for machines and spreadsheets: `153000`, `210000.50`.
pub fn amount_plain(money: Money) -> String {
    let text = format!("{}.{:02}", money.cents / 100, money.cents % 100);
    text.strip_suffix(".00").map(str::to_owned).unwrap_or(text)
}

/// An amount for people: `153 000 €` (see [`Money`]'s display).
pub fn amount(money: Money) -> String {
    money.to_string()
}

/// A period for a table cell: `2012–2014`, `2020–`, `2020`.
pub fn period_short(period: Option<Period>) -> String {
    match period {
        None => String::new(),
        Some(Period { start, end: None }) => format!("{start}–"),
        Some(Period {
            start,
            end: Some(end),
        }) if end == start => start.to_string(),
        Some(Period {
            start,
            end: Some(end),
        }) => format!("{start}–{end}"),
    }
}

/// A period in a sentence: `2012 – 2014`, `depuis 2020`, `2020`.
pub fn period_long(period: Period) -> String {
    match period.end {
        Some(end) if end != period.start => format!("{} – {end}", period.start),
        Some(_) => period.start.to_string(),
        None => format!("depuis {}", period.start),
    }
}

/// `Action terminée, reproductible`.
pub fn status(status: Status, reproducible: bool) -> String {
    let mut text = format!("Action {}", status.label());
    if reproducible {
        text.push_str(", reproductible");
    }
    text
}

/// `Pays Thur Doller (68)`, or whichever part is given.
pub fn place(territory: Option<&str>, department: Option<&str>) -> String {
    match (territory, department) {
        (Some(territory), Some(department)) => format!("{territory} ({department})"),
        (Some(territory), None) => territory.to_owned(),
        (None, Some(department)) => format!("département {department}"),
        (None, None) => String::new(),
    }
}

/// Full-time equivalents the French way: `1,7 ETP`.
pub fn staff(fte: f64) -> String {
    format!("{} ETP", fte.to_string().replace('.', ","))
}

/// A funding line: `dont FSE : 47 000 €`.
pub fn funding(source: &str, money: Money) -> String {
    format!("dont {source} : {}", amount(money))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_keep_cents_only_when_needed() {
        assert_eq!(amount_plain(Money { cents: 15_300_000 }), "153000");
        assert_eq!(amount_plain(Money { cents: 21_000_050 }), "210000.50");
        assert_eq!(amount(Money { cents: 15_300_000 }), "153\u{202f}000 €");
    }

    #[test]
    fn periods() {
        let period = |start, end| Some(Period { start, end });
        assert_eq!(period_short(period(2012, Some(2014))), "2012–2014");
        assert_eq!(period_short(period(2020, None)), "2020–");
        assert_eq!(period_short(period(2020, Some(2020))), "2020");
        assert_eq!(period_short(None), "");
        assert_eq!(
            period_long(Period {
                start: 2020,
                end: None
            }),
            "depuis 2020"
        );
    }

    #[test]
    fn words() {
        assert_eq!(
            status(Status::Finished, true),
            "Action terminée, reproductible"
        );
        assert_eq!(place(None, Some("68")), "département 68");
        assert_eq!(staff(1.7), "1,7 ETP");
    }
}
