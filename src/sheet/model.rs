//! Schema 1 of an action sheet, as DESIGN.md lists it.
//!
//! Field order here is the canonical key order of exports. Optional fields
//! that are absent (or empty lists) are left out when serialised, so a sheet
//! written out and read back is the same sheet. Terms are stored as codes.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The `Default` sheet is blank and invalid: it only starts a sheet that
/// validation fills in field by field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub id: String,
    pub title: String,
    pub structure: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territory: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    pub status: Status,
    #[serde(default, skip_serializing_if = "is_false")]
    pub reproducible: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    pub themes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publics: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partners: Option<Partners>,
    pub objectives: Vec<String>,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub means: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_fte: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_value: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer: Option<Transfer>,
    /// An ISO date, `YYYY-MM-DD`, checked by validation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(value: &bool) -> bool {
    !value
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The default only fills a blank [`Sheet`] being read.
    #[default]
    Planned,
    Ongoing,
    Finished,
    Abandoned,
}

/// Every status, in the order of an action's life.
pub const STATUSES: [Status; 4] = [
    Status::Planned,
    Status::Ongoing,
    Status::Finished,
    Status::Abandoned,
];

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Ongoing => "ongoing",
            Status::Finished => "finished",
            Status::Abandoned => "abandoned",
        }
    }

    /// The words of the original catalogue ("Action terminée").
    pub fn label(self) -> &'static str {
        match self {
            Status::Planned => "en projet",
            Status::Ongoing => "en cours",
            Status::Finished => "terminée",
            Status::Abandoned => "abandonnée",
        }
    }

    /// French words people write for each status, besides code and label.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Status::Planned => &["prévue", "prevu", "projet", "à venir"],
            Status::Ongoing => &["en cours", "active"],
            Status::Finished => &["terminé", "achevée", "finie"],
            Status::Abandoned => &["abandonné", "arrêtée"],
        }
    }

    /// Matches a code, label or alias, ignoring case and accents.
    pub fn parse(text: &str) -> Option<Status> {
        let wanted = super::fold(text);
        STATUSES.into_iter().find(|status| {
            std::iter::once(status.code())
                .chain(std::iter::once(status.label()))
                .chain(status.aliases().iter().copied())
                .any(|name| super::fold(name) == wanted)
        })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partners {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub specific: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funders: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<String>,
}

impl Partners {
    pub fn is_empty(&self) -> bool {
        self.specific.is_empty() && self.funders.is_empty() && self.others.is_empty()
    }

    /// The three lists, in the order of [`crate::sheet::kind::sub`]'s parts.
    pub fn lists(&self) -> [&Vec<String>; 3] {
        [&self.specific, &self.funders, &self.others]
    }

    pub fn lists_mut(&mut self) -> [&mut Vec<String>; 3] {
        [&mut self.specific, &mut self.funders, &mut self.others]
    }

    /// Every partner's name: specific, then funders, then others.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.specific
            .iter()
            .chain(&self.funders)
            .chain(&self.others)
            .map(String::as_str)
    }
}

/// An amount of euros, held in cents so that sums are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Money {
    pub cents: i64,
}

/// The largest amount a sheet may state: 10¹² euros.
pub const MAX_EUROS: i64 = 1_000_000_000_000;

impl Money {
    /// Parses euros with at most two decimals (`153000`, `12.5`, `0.05`).
    pub fn parse(text: &str) -> Option<Money> {
        let text = text.trim();
        let (whole, decimals) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty()
            || whole.len() > 13
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || decimals.len() > 2
            || !decimals.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let euros: i64 = whole.parse().ok()?;
        let mut cents: i64 = if decimals.is_empty() {
            0
        } else {
            decimals.parse().ok()?
        };
        if decimals.len() == 1 {
            cents *= 10;
        }
        if euros > MAX_EUROS || (euros == MAX_EUROS && cents > 0) {
            return None;
        }
        Some(Money {
            cents: euros * 100 + cents,
        })
    }
}

impl fmt::Display for Money {
    /// French layout: `153 000 €`, `12,50 €`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let euros = self.cents / 100;
        let digits = euros.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push('\u{202F}');
            }
            grouped.push(c);
        }
        if self.cents % 100 == 0 {
            write!(f, "{grouped} €")
        } else {
            write!(f, "{grouped},{:02} €", self.cents % 100)
        }
    }
}

impl Serialize for Money {
    /// Whole euros as an integer, otherwise a decimal number: the shortest
    /// spelling that reads back as the same amount.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.cents % 100 == 0 {
            serializer.serialize_i64(self.cents / 100)
        } else {
            #[allow(clippy::cast_precision_loss)] // amounts are at most 10¹⁴ cents
            serializer.serialize_f64(self.cents as f64 / 100.0)
        }
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        let value = f64::deserialize(deserializer)?;
        #[allow(clippy::cast_possible_truncation)] // bounded by validation
        Ok(Money {
            cents: (value * 100.0).round() as i64,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    pub total: Money,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funding: Vec<Funding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funding {
    pub source: String,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub success_factors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub difficulties: Vec<String>,
}

impl Transfer {
    /// The two lists: success factors, then difficulties.
    pub fn lists(&self) -> [&Vec<String>; 2] {
        [&self.success_factors, &self.difficulties]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_parsing() {
        let cases = [
            ("153000", Some(15_300_000)),
            ("12.5", Some(1250)),
            ("0.05", Some(5)),
            ("1000000000000", Some(100_000_000_000_000)),
            ("1000000000000.01", None),
            ("12.345", None),
            ("-3", None),
            ("1e3", None),
            ("", None),
            ("12 000", None),
        ];
        for (text, cents) in cases {
            assert_eq!(Money::parse(text).map(|m| m.cents), cents, "{text:?}");
        }
    }

    #[test]
    fn money_display_is_french() {
        assert_eq!(Money { cents: 15_300_000 }.to_string(), "153\u{202F}000 €");
        assert_eq!(Money { cents: 1250 }.to_string(), "12,50 €");
    }

    #[test]
    fn money_serialises_to_the_shortest_number() {
        assert_eq!(
            serde_json::to_string(&Money { cents: 4_700_000 }).unwrap(),
            "47000"
        );
        assert_eq!(
            serde_json::to_string(&Money { cents: 1250 }).unwrap(),
            "12.5"
        );
        let back: Money = serde_json::from_str("12.5").unwrap();
        assert_eq!(back.cents, 1250);
    }

    #[test]
    fn status_words() {
        let cases = [
            ("finished", Some(Status::Finished)),
            ("Terminée", Some(Status::Finished)),
            ("en cours", Some(Status::Ongoing)),
            ("prévue", Some(Status::Planned)),
            ("en projet", Some(Status::Planned)),
            ("abandonnée", Some(Status::Abandoned)),
            ("done", None),
        ];
        for (text, status) in cases {
            assert_eq!(Status::parse(text), status, "{text:?}");
        }
    }
}
