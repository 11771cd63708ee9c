//! How complete a sheet is: which of the recommended sections it fills.
//!
//! The required keys are guaranteed by validation; these are the optional
//! parts that make a sheet useful to someone who wants to reproduce the
//! action. The score is the share of them present, in percent.

use serde::Serialize;

use crate::sheet::{Key, Sheet};

/// A recommended part of a sheet.
#[derive(Debug)]
pub struct Section {
    /// A stable name, for scripts.
    pub code: &'static str,
    /// What is missing, for people.
    pub description: &'static str,
    present: fn(&Sheet) -> bool,
}

/// Every recommended section, in the order of the sheet's layout.
pub const SECTIONS: [Section; 9] = [
    Section {
        code: "place",
        description: "territory or department",
        present: |s| s.territory.is_some() || s.department.is_some(),
    },
    Section {
        code: Key::Period.name(),
        description: Key::Period.name(),
        present: |s| s.period.is_some(),
    },
    Section {
        code: Key::Publics.name(),
        description: Key::Publics.name(),
        present: |s| !s.publics.is_empty(),
    },
    Section {
        code: Key::Partners.name(),
        description: Key::Partners.name(),
        present: |s| s.partners.as_ref().is_some_and(|p| !p.is_empty()),
    },
    Section {
        code: Key::Means.name(),
        description: Key::Means.name(),
        present: |s| s.means.is_some() || s.staff_fte.is_some(),
    },
    Section {
        code: Key::Budget.name(),
        description: Key::Budget.name(),
        present: |s| s.budget.is_some(),
    },
    Section {
        code: Key::Results.name(),
        description: Key::Results.name(),
        present: |s| s.results.is_some(),
    },
    Section {
        code: "contact-email",
        description: "a contact with an email",
        present: |s| s.contacts.iter().any(|c| c.email.is_some()),
    },
    Section {
        code: Key::Transfer.name(),
        description: "transfer conditions",
        present: |s| {
            s.transfer
                .as_ref()
                .is_some_and(|t| !t.success_factors.is_empty() || !t.difficulties.is_empty())
        },
    },
];

/// One sheet's score and the sections it lacks.
#[derive(Debug, Clone, Serialize)]
pub struct Incomplete {
    pub id: String,
    pub title: String,
    /// Percent of [`SECTIONS`] present, rounded down.
    pub score: u8,
    /// Codes of the missing sections, in [`SECTIONS`] order.
    pub missing: Vec<&'static str>,
}

pub fn score(sheet: &Sheet) -> Incomplete {
    let missing: Vec<&'static str> = SECTIONS
        .iter()
        .filter(|section| !(section.present)(sheet))
        .map(|section| section.code)
        .collect();
    let present = SECTIONS.len() - missing.len();
    Incomplete {
        id: sheet.id.clone(),
        title: sheet.title.clone(),
        score: percent(present, SECTIONS.len()),
        missing,
    }
}

/// The catalogue's completeness: the mean of the sheets' scores, rounded
/// down (100 for no sheet: nothing is missing).
pub fn mean(scores: &[Incomplete]) -> u8 {
    if scores.is_empty() {
        return 100;
    }
    let total: usize = scores.iter().map(|s| usize::from(s.score)).sum();
    percent(total, scores.len() * 100)
}

fn percent(part: usize, whole: usize) -> u8 {
    u8::try_from(part * 100 / whole.max(1)).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::tests::sheet;
    use crate::sheet::{Contact, Transfer};

    #[test]
    fn a_bare_sheet_lacks_every_section() {
        let result = score(&sheet("a"));
        assert_eq!(result.score, 0);
        assert_eq!(
            result.missing,
            SECTIONS.iter().map(|s| s.code).collect::<Vec<_>>()
        );
    }

    #[test]
    fn sections_count_only_when_really_there() {
        let mut s = sheet("a");
        s.department = Some("68".to_owned());
        s.contacts = vec![Contact {
            name: "Sans courriel".to_owned(),
            role: None,
            email: None,
            phone: Some("03 89 00 00 00".to_owned()),
        }];
        s.transfer = Some(Transfer::default());
        let result = score(&s);
        assert!(!result.missing.contains(&"place"));
        assert!(result.missing.contains(&"contact-email"));
        assert!(result.missing.contains(&"transfer"));
        assert_eq!(result.score, 11);
    }

    #[test]
    fn the_catalogue_score_is_the_mean() {
        let mut full = score(&sheet("a"));
        full.score = 100;
        let empty = score(&sheet("b"));
        assert_eq!(mean(&[full, empty]), 50);
        assert_eq!(mean(&[]), 100);
    }
}
