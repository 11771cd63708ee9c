//! A health report of the catalogue: what has gone stale, what is missing,
//! what is probably written twice, which organisation names are spelled
//! several ways, which terms nobody uses.
//!
//! Everything here works on sheets already read (from the store or from
//! files) and today's date: no SQL, no formatting. Findings come out in a
//! stable order (by id, then by name), so two runs on one catalogue give the
//! same report.

mod age;
mod completeness;
mod distance;
mod duplicates;
mod names;
mod stale;

use serde::Serialize;

use crate::sheet::Vocabularies;
use crate::store::Sourced;

pub use age::Age;
pub use completeness::{Incomplete, SECTIONS, Section};
pub use duplicates::Duplicate;
pub use names::{Known, Variant, same_when_folded};
pub use stale::{ContactRef, Stale, StaleReason};

/// What the review looks at, besides the sheets.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// A sheet not updated for longer than this is stale.
    pub older_than: Age,
    /// A sheet scoring below this percentage is reported as incomplete.
    pub min_completeness: u8,
    pub today: jiff::civil::Date,
}

/// The kinds of finding that can fail a run (`--fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Stale,
    Incomplete,
    Duplicates,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// How many sheets were reviewed.
    pub sheets: usize,
    /// The mean completeness of those sheets, in percent.
    pub completeness: u8,
    pub stale: Vec<Stale>,
    pub incomplete: Vec<Incomplete>,
    pub duplicates: Vec<Duplicate>,
    pub variants: Vec<Variant>,
    /// Codes of the themes no reviewed sheet uses, in vocabulary order.
    pub unused_themes: Vec<String>,
    /// Codes of the publics no reviewed sheet uses, in vocabulary order.
    pub unused_publics: Vec<String>,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Stale => "stale sheets",
            Kind::Incomplete => "incomplete sheets",
            Kind::Duplicates => "probable duplicates",
        }
    }
}

impl Report {
    /// Whether the report holds findings of this kind.
    pub fn has(&self, kind: Kind) -> bool {
        match kind {
            Kind::Stale => !self.stale.is_empty(),
            Kind::Incomplete => !self.incomplete.is_empty(),
            Kind::Duplicates => !self.duplicates.is_empty(),
        }
    }
}

/// Reviews `sheets` (sorted by id, as the store gives them). `known` says
/// which organisation names the catalogue already treats as one.
pub fn review(
    sheets: &[Sourced],
    vocabularies: &Vocabularies,
    options: &Options,
    known: Known,
) -> Report {
    let scores: Vec<Incomplete> = sheets
        .iter()
        .map(|s| completeness::score(&s.sheet))
        .collect();
    let completeness = completeness::mean(&scores);
    let incomplete = scores
        .into_iter()
        .filter(|s| s.score < options.min_completeness)
        .collect();
    Report {
        sheets: sheets.len(),
        completeness,
        stale: sheets
            .iter()
            .filter_map(|s| stale::check(&s.sheet, options))
            .collect(),
        incomplete,
        duplicates: duplicates::find(sheets),
        variants: names::variants(sheets.iter().map(|s| &s.sheet), known),
        unused_themes: unused(
            vocabularies.themes.terms().iter().map(|t| t.code.as_str()),
            sheets.iter().flat_map(|s| &s.sheet.themes),
        ),
        unused_publics: unused(
            vocabularies.publics.terms().iter().map(|t| t.code.as_str()),
            sheets.iter().flat_map(|s| &s.sheet.publics),
        ),
    }
}

fn unused<'a>(
    codes: impl Iterator<Item = &'a str>,
    used: impl Iterator<Item = &'a String>,
) -> Vec<String> {
    let used: std::collections::HashSet<&str> = used.map(String::as_str).collect();
    codes
        .filter(|code| !used.contains(code))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::sheet::{Sheet, Status};

    /// A sheet with the required keys only.
    pub fn sheet(id: &str) -> Sheet {
        Sheet {
            id: id.to_owned(),
            title: format!("Action {id}"),
            structure: "Maison de l'Emploi".to_owned(),
            status: Status::Ongoing,
            themes: vec!["ess".to_owned()],
            objectives: vec!["Tester".to_owned()],
            description: "Une action.".to_owned(),
            ..Sheet::default()
        }
    }

    #[test]
    fn unused_terms_keep_vocabulary_order() {
        let vocabularies = crate::sheet::Vocabularies::builtin();
        let mut a = sheet("a");
        a.themes = vec!["iae".to_owned(), "ess".to_owned()];
        let sheets = [crate::store::Sourced {
            sheet: a,
            source: "a.yaml".to_owned(),
        }];
        let options = super::Options {
            older_than: super::Age::months(18),
            min_completeness: 100,
            today: jiff::civil::date(2026, 6, 1),
        };
        let report = super::review(&sheets, &vocabularies, &options, &super::same_when_folded);
        assert!(!report.unused_themes.contains(&"ess".to_owned()));
        assert!(!report.unused_themes.contains(&"iae".to_owned()));
        assert_eq!(
            report.unused_themes.first().map(String::as_str),
            Some("gptec")
        );
        assert_eq!(report.unused_publics.len(), 16);
    }
}
