//! How complete a sheet is: which of the recommended sections it fills.
//!
//! The required keys are guaranteed by validation; these are the optional
//! parts that make a sheet useful to someone who wants to reproduce the
//! action. The score is the share of them present, in percent. Which
//! fields count, and toward which part, is declared in the field registry.

use serde::Serialize;

use std::sync::LazyLock;

use crate::sheet::Sheet;
use crate::sheet::kind::{Counts, Kind};
use crate::sheet::registry::{Def, FIELDS};

/// A recommended part of a sheet, as the registry declares it.
#[derive(Debug)]
pub struct Section {
    /// A stable name, for scripts.
    pub code: &'static str,
    /// What is missing, for people.
    pub description: &'static str,
    /// The fields that count toward it: any one present is enough.
    fields: Vec<&'static Def>,
}

/// Every recommended section, in the order of the registry.
pub static SECTIONS: LazyLock<Vec<Section>> = LazyLock::new(|| {
    let mut sections: Vec<Section> = Vec::new();
    for def in FIELDS {
        match def.counts {
            Counts::No => {}
            Counts::Part { code, description } => sections.push(Section {
                code,
                description,
                fields: vec![def],
            }),
            Counts::Joined => {
                if let Some(last) = sections.last_mut() {
                    last.fields.push(def);
                }
            }
        }
    }
    sections
});

impl Section {
    fn present(&self, sheet: &Sheet) -> bool {
        self.fields.iter().any(|def| match def.kind {
            // A contact counts when someone can write to them.
            Kind::Contacts(slot) => (slot.get)(sheet).iter().any(|c| c.email.is_some()),
            kind => kind.is_present(sheet),
        })
    }
}

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
        .filter(|section| !section.present(sheet))
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
