//! Checks of single values: slugs, years, money, dates, departments, links,
//! emails and phone numbers. Each returns the normalised value or a message
//! that says what to write instead; none knows about YAML or positions.
//!
//! Every check takes any Unicode text without panicking (a property test
//! below feeds them arbitrary strings), and a message quotes at most a short
//! excerpt of the value.

use crate::chars::excerpt;
use crate::sheet::Money;

pub use crate::sheet::{MAX_ID_LEN, id};

pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2100;

pub fn year(text: &str) -> Result<i32, String> {
    let shown = excerpt(text);
    match text.parse::<i32>() {
        Ok(year) if (MIN_YEAR..=MAX_YEAR).contains(&year) && !text.starts_with('+') => Ok(year),
        Ok(_) => Err(format!(
            "`{shown}` is not a year between {MIN_YEAR} and {MAX_YEAR}"
        )),
        Err(_) => Err(format!(
            "`{shown}` is not a year: write four digits, like 2014"
        )),
    }
}

pub fn money(text: &str) -> Result<Money, String> {
    let shown = excerpt(text);
    if let Some(money) = Money::parse(text) {
        return Ok(money);
    }
    let hint = if text.contains('€') {
        "write the number alone, without the € sign"
    } else if text.trim_start().starts_with('-') {
        "an amount cannot be negative"
    } else if text.contains(',') {
        "use a dot for cents (12.50), and no thousands separator"
    } else if text.contains(' ') || text.contains('\u{202F}') || text.contains('\u{A0}') {
        "write the number without spaces (153000)"
    } else if text.split_once('.').is_some_and(|(_, d)| d.len() > 2) {
        "give at most two decimals (cents)"
    } else {
        "write a number of euros between 0 and 1000000000000, with at most two decimals"
    };
    Err(format!("`{shown}` is not an amount: {hint}"))
}

pub const MAX_FTE: f64 = 10_000.0;

pub fn staff_fte(text: &str) -> Result<f64, String> {
    let shown = excerpt(text);
    // Decimals, with an exponent as pacte itself writes tiny values (`1e-7`);
    // never `inf` or `NaN`.
    let parsed = text.parse::<f64>().ok().filter(|v| {
        v.is_finite()
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    });
    match parsed {
        Some(value) if (0.0..=MAX_FTE).contains(&value) => Ok(value),
        Some(value) if value < 0.0 => Err(format!("`{shown}` is negative")),
        Some(_) => Err(format!(
            "`{shown}` is more than {MAX_FTE} full-time equivalents"
        )),
        None if text.contains(',') => Err(format!("`{shown}` is not a number: use a dot (1.7)")),
        None => Err(format!(
            "`{shown}` is not a number of full-time equivalents (like 1.7)"
        )),
    }
}

/// `YYYY-MM-DD`, a real calendar day.
pub fn date(text: &str) -> Result<jiff::civil::Date, String> {
    let shown = excerpt(text);
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        let hint =
            if bytes.len() > 10 && (bytes.get(10) == Some(&b'T') || bytes.get(10) == Some(&b' ')) {
                "a date has no time: keep only YYYY-MM-DD"
            } else {
                "write it as YYYY-MM-DD"
            };
        return Err(format!("`{shown}` is not a date: {hint}"));
    }
    // The shape check made every byte but the two hyphens an ASCII digit.
    let number = |digits: &[u8]| {
        digits
            .iter()
            .fold(0_i16, |n, d| n * 10 + i16::from(d - b'0'))
    };
    let year = number(&bytes[0..4]);
    if !(MIN_YEAR..=MAX_YEAR).contains(&i32::from(year)) {
        return Err(format!(
            "`{shown}` is not a date between {MIN_YEAR} and {MAX_YEAR}"
        ));
    }
    #[allow(clippy::cast_possible_truncation)] // month and day are two digits
    jiff::civil::Date::new(
        year,
        number(&bytes[5..7]) as i8,
        number(&bytes[8..10]) as i8,
    )
    .map_err(|_| format!("`{shown}` is not a day of the calendar"))
}

/// `01`–`95` (with `2A`/`2B` for Corsica, never `20`), or an overseas code.
pub fn department(text: &str) -> Result<String, String> {
    let shown = excerpt(text);
    let upper = text.to_ascii_uppercase();
    // Digits only: `parse` alone would take `+5` for 5.
    let number = |code: &str| {
        code.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| code.parse::<u16>().ok())
            .flatten()
    };
    let valid = match upper.as_str() {
        "2A" | "2B" => true,
        "20" => false,
        code if code.len() == 2 => number(code).is_some_and(|n| (1..=95).contains(&n)),
        code if code.len() == 3 => number(code)
            .is_some_and(|n| (971..=978).contains(&n) || n == 984 || (986..=988).contains(&n)),
        _ => false,
    };
    if valid {
        Ok(upper)
    } else if upper == "20" {
        Err("`20` is no longer a department: write 2A or 2B".to_owned())
    } else if text.len() == 1 && text.bytes().all(|b| b.is_ascii_digit()) {
        Err(format!(
            "`{shown}` is not a department code: write two digits (`0{shown}`), in quotes or not"
        ))
    } else {
        Err(format!(
            "`{shown}` is not a French department code (01–95, 2A, 2B, 971–978, 984, 986–988)"
        ))
    }
}

/// An absolute `http` or `https` address.
pub fn url(text: &str) -> Result<String, String> {
    let shown = excerpt(text);
    // A scheme is letters (and + - .) before the first colon; `www.x.fr:8080`
    // has a dot and a port, so it is an address missing its scheme.
    let scheme = text.split_once(':').map(|(s, _)| s).filter(|s| {
        !s.is_empty()
            && !s.contains('.')
            && s.bytes()
                .all(|b| b.is_ascii_alphabetic() || b == b'+' || b == b'-')
    });
    match scheme.map(str::to_ascii_lowercase).as_deref() {
        Some("http" | "https") => {
            let rest = text.split_once("://").map_or("", |(_, rest)| rest);
            if rest.is_empty()
                || rest.starts_with('/')
                || text
                    .chars()
                    .any(|c| c.is_whitespace() || crate::chars::is_invisible(c))
            {
                Err(format!("`{shown}` is not a complete web address"))
            } else {
                Ok(text.to_owned())
            }
        }
        Some(other) => Err(format!(
            "`{}:` links are not allowed: only http and https addresses",
            excerpt(other)
        )),
        None => Err(format!("`{shown}` has no scheme: write `https://{shown}`")),
    }
}

/// A plausible address: one `@`, text on both sides, a dot in the domain.
pub fn email_looks_valid(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// Digits with the usual separators, 8 to 15 of them (international
/// numbers included).
pub fn phone_looks_valid(text: &str) -> bool {
    let allowed = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '+' | '(' | ')' | '\u{A0}'));
    let digits = text.chars().filter(char::is_ascii_digit).count();
    // A `+` opens an international number; anywhere else it is a typo.
    let plus_inside = text.trim_start().chars().skip(1).any(|c| c == '+');
    allowed && (8..=15).contains(&digits) && !plus_inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        for good in ["pacte-ess", "2024", "a", &"a".repeat(64)] {
            assert!(id(good).is_ok(), "{good}");
        }
        for bad in [
            "Pacte",
            "a--b",
            "-a",
            "a-",
            "a/b",
            "../x",
            "é",
            "",
            &"a".repeat(65),
        ] {
            assert!(id(bad).is_err(), "{bad}");
        }
        assert!(id("Pacte ESS").unwrap_err().contains("`pacte-ess`"));
    }

    #[test]
    fn years() {
        assert_eq!(year("2012"), Ok(2012));
        assert!(year("1899").is_err());
        assert!(year("2101").is_err());
        assert!(year("2012.5").is_err());
        assert!(year("+2012").is_err());
    }

    #[test]
    fn amounts_explain_themselves() {
        assert!(money("153 000").unwrap_err().contains("without spaces"));
        assert!(money("153000 €").unwrap_err().contains("€"));
        assert!(money("-5").unwrap_err().contains("negative"));
        assert!(money("12,5").unwrap_err().contains("dot"));
        assert_eq!(money("47000").unwrap().cents, 4_700_000);
    }

    #[test]
    fn fte() {
        assert_eq!(staff_fte("1.7"), Ok(1.7));
        assert!(staff_fte("1,7").unwrap_err().contains("dot"));
        assert!(staff_fte("inf").is_err());
        assert!(staff_fte("NaN").is_err());
        assert!(staff_fte("-1").is_err());
        assert!(staff_fte("10001").is_err());
    }

    #[test]
    fn dates() {
        assert!(date("2014-06-30").is_ok());
        assert!(date("2014-02-30").is_err());
        assert!(
            date("2014-06-30T10:00:00Z")
                .unwrap_err()
                .contains("no time")
        );
        assert!(date("30/06/2014").is_err());
    }

    #[test]
    fn departments() {
        for good in ["01", "68", "2A", "2b", "95", "971", "976", "984", "988"] {
            assert!(department(good).is_ok(), "{good}");
        }
        for bad in ["00", "20", "96", "970", "979", "985", "1", "ABC", ""] {
            assert!(department(bad).is_err(), "{bad}");
        }
        assert_eq!(department("2b").unwrap(), "2B");
    }

    #[test]
    fn links() {
        assert!(url("https://example.org/x").is_ok());
        assert!(url("HTTP://example.org").is_ok());
        assert!(
            url("javascript:alert(1)")
                .unwrap_err()
                .contains("javascript")
        );
        assert!(url("file:///etc/passwd").unwrap_err().contains("file"));
        assert!(
            url("www.example.org")
                .unwrap_err()
                .contains("https://www.example.org")
        );
        assert!(url("https://").is_err());
    }

    #[test]
    fn contact_shapes() {
        assert!(email_looks_valid("direction@mefthurdoller.fr"));
        assert!(!email_looks_valid("direction.mefthurdoller.fr"));
        assert!(!email_looks_valid("a@b"));
        assert!(phone_looks_valid("03 89 35 35 70"));
        assert!(phone_looks_valid("+33 3 89 35 35 70"));
        assert!(!phone_looks_valid("03 89 35"));
        assert!(!phone_looks_valid("appeler le standard"));
    }
}
