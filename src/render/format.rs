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

/// A stored timestamp for people: to the second (`2026-11-27T02:40:11Z`),
/// whatever fraction of a second it was stored with.
pub fn timestamp(stored: &str) -> String {
    let fraction_only = |fraction: &str| {
        fraction
            .strip_suffix('Z')
            .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
    };
    match stored.split_once('.') {
        Some((seconds, fraction)) if fraction_only(fraction) => format!("{seconds}Z"),
        _ => stored.to_owned(),
    }
}

/// A relevance score rounded the same way in `search` and `related`, in
/// every format: three significant digits (bm25 scores of common words are
/// tiny, scores of `related` are tens).
pub fn round_score(score: f64) -> f64 {
    if score == 0.0 || !score.is_finite() {
        return score;
    }
    #[allow(clippy::cast_possible_truncation)] // a small exponent
    let digits = 2 - score.abs().log10().floor() as i32;
    let factor = 10f64.powi(digits);
    (score * factor).round() / factor
}

/// A score as shown in a table.
pub fn score(score: f64) -> String {
    round_score(score).to_string()
}

/// A score in machine formats, rounded like [`score`].
#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes a reference
pub fn serialize_score<S: serde::Serializer>(
    score: &f64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(round_score(*score))
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
    fn scores_keep_three_significant_digits() {
        assert!((round_score(11.184) - 11.2).abs() < 1e-9);
        assert!((round_score(0.000_001_234_5) - 0.000_001_23).abs() < 1e-15);
        assert_eq!(score(5.0), "5");
        assert!(round_score(0.0).abs() < f64::MIN_POSITIVE);
    }

    #[test]
    fn timestamps_are_shown_to_the_second() {
        assert_eq!(
            timestamp("2026-11-28T00:47:18.764652098Z"),
            "2026-11-28T00:47:18Z"
        );
        assert_eq!(timestamp("2026-11-28T00:47:18Z"), "2026-11-28T00:47:18Z");
        assert_eq!(timestamp("pas une date"), "pas une date");
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
