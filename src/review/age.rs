//! How old a sheet may get before it is stale: `18m`, `24m`, `2y`.

use serde::Serialize;

/// A number of months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Age {
    pub months: u32,
}

impl Age {
    pub const fn months(months: u32) -> Age {
        Age { months }
    }

    /// `Nm` (months) or `Ny` (years); N from 1 to 1200 months.
    pub fn parse(text: &str) -> Result<Age, String> {
        let text = text.trim();
        let bad = || {
            format!("`{text}` is not an age: write a number of months or years, such as 18m or 2y")
        };
        let (number, factor) = if let Some(n) = text.strip_suffix(['m', 'M']) {
            (n, 1)
        } else if let Some(n) = text.strip_suffix(['y', 'Y']) {
            (n, 12)
        } else {
            return Err(bad());
        };
        let months = number
            .parse::<u32>()
            .ok()
            .and_then(|n| n.checked_mul(factor))
            .filter(|m| (1..=1200).contains(m))
            .ok_or_else(bad)?;
        Ok(Age { months })
    }

    /// The first day that is not older than this age, seen from `today`.
    pub fn cutoff(self, today: jiff::civil::Date) -> jiff::civil::Date {
        today
            .checked_sub(jiff::Span::new().months(i64::from(self.months)))
            .unwrap_or(jiff::civil::Date::MIN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages() {
        let cases = [
            ("18m", Some(18)),
            ("24m", Some(24)),
            ("2y", Some(24)),
            (" 6M ", Some(6)),
            ("0m", None),
            ("18", None),
            ("2 ans", None),
            ("-3m", None),
            ("999999999y", None),
        ];
        for (text, months) in cases {
            assert_eq!(Age::parse(text).ok().map(|a| a.months), months, "{text:?}");
        }
    }

    #[test]
    fn cutoff_counts_calendar_months() {
        let today = jiff::civil::date(2026, 6, 1);
        assert_eq!(
            Age::months(18).cutoff(today),
            jiff::civil::date(2024, 12, 1)
        );
    }
}
