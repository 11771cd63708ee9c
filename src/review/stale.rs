//! Stale sheets: not updated for too long (or never), ongoing actions whose
//! period has ended, planned actions whose start has passed. Periods are in
//! years, so an action is late only once its year is over: an ongoing
//! action ending this year, or a planned one starting this year, is not.

use serde::Serialize;

use crate::sheet::{Sheet, Status};

use super::Options;

#[derive(Debug, Clone, Serialize)]
pub struct Stale {
    pub id: String,
    pub title: String,
    pub structure: String,
    pub reasons: Vec<StaleReason>,
    /// Whom to write to about it; `None` when the sheet names nobody (then
    /// the structure is the one to ask).
    pub contact: Option<ContactRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum StaleReason {
    /// No `updated` date at all.
    NeverUpdated,
    /// `updated` is before the cutoff.
    UpdatedLongAgo { updated: String },
    /// `status: ongoing`, but the period ended before this year.
    OngoingEnded { end: i32 },
    /// `status: planned`, but the period started before this year.
    PlannedStarted { start: i32 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactRef {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// Why `sheet` is stale, if it is.
pub fn check(sheet: &Sheet, options: &Options) -> Option<Stale> {
    let mut reasons = Vec::new();
    let cutoff = options.older_than.cutoff(options.today);
    match &sheet.updated {
        None => reasons.push(StaleReason::NeverUpdated),
        Some(updated) => {
            // Validation guarantees the shape; a date that does not parse
            // (a hand-edited database) cannot be trusted as recent either.
            let recent = updated
                .parse::<jiff::civil::Date>()
                .is_ok_and(|date| date >= cutoff);
            if !recent {
                reasons.push(StaleReason::UpdatedLongAgo {
                    updated: updated.clone(),
                });
            }
        }
    }
    let this_year = i32::from(options.today.year());
    match (sheet.status, sheet.period) {
        (Status::Ongoing, Some(period)) => {
            if let Some(end) = period.end.filter(|end| *end < this_year) {
                reasons.push(StaleReason::OngoingEnded { end });
            }
        }
        (Status::Planned, Some(period)) if period.start < this_year => {
            reasons.push(StaleReason::PlannedStarted {
                start: period.start,
            });
        }
        _ => {}
    }
    (!reasons.is_empty()).then(|| Stale {
        id: sheet.id.clone(),
        title: sheet.title.clone(),
        structure: sheet.structure.clone(),
        reasons,
        contact: contact(sheet),
    })
}

/// The first contact with an email, else the first contact.
fn contact(sheet: &Sheet) -> Option<ContactRef> {
    let chosen = sheet
        .contacts
        .iter()
        .find(|c| c.email.is_some())
        .or_else(|| sheet.contacts.first())?;
    Some(ContactRef {
        name: chosen.name.clone(),
        email: chosen.email.clone(),
        phone: chosen.phone.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::Age;
    use crate::review::tests::sheet;
    use crate::sheet::{Contact, Period};

    fn options() -> Options {
        Options {
            older_than: Age::months(18),
            min_completeness: 100,
            today: jiff::civil::date(2026, 6, 1),
        }
    }

    #[test]
    fn update_dates() {
        let cases = [
            (None, Some(StaleReason::NeverUpdated)),
            (Some("2024-12-01"), None),
            (
                Some("2024-11-30"),
                Some(StaleReason::UpdatedLongAgo {
                    updated: "2024-11-30".to_owned(),
                }),
            ),
            (Some("2026-05-01"), None),
        ];
        for (updated, expected) in cases {
            let mut s = sheet("a");
            s.updated = updated.map(str::to_owned);
            let found = check(&s, &options()).map(|stale| stale.reasons);
            assert_eq!(found, expected.map(|r| vec![r]), "{updated:?}");
        }
    }

    #[test]
    fn periods_that_contradict_the_status() {
        let cases = [
            (
                Status::Ongoing,
                2020,
                Some(2025),
                Some(StaleReason::OngoingEnded { end: 2025 }),
            ),
            (Status::Ongoing, 2020, Some(2026), None),
            (Status::Ongoing, 2020, None, None),
            (Status::Finished, 2020, Some(2021), None),
            (
                Status::Planned,
                2025,
                None,
                Some(StaleReason::PlannedStarted { start: 2025 }),
            ),
            (Status::Planned, 2026, Some(2027), None),
        ];
        for (status, start, end, expected) in cases {
            let mut s = sheet("a");
            s.updated = Some("2026-01-01".to_owned());
            s.status = status;
            s.period = Some(Period { start, end });
            let found = check(&s, &options()).map(|stale| stale.reasons);
            assert_eq!(
                found,
                expected.map(|r| vec![r]),
                "{status:?} {start} {end:?}"
            );
        }
    }

    #[test]
    fn the_contact_is_one_with_an_email_when_there_is_one() {
        let mut s = sheet("a");
        let person = |name: &str, email: Option<&str>| Contact {
            name: name.to_owned(),
            role: None,
            email: email.map(str::to_owned),
            phone: None,
        };
        assert_eq!(check(&s, &options()).unwrap().contact, None);
        s.contacts = vec![person("Sans", None), person("Avec", Some("a@b.fr"))];
        let contact = check(&s, &options()).unwrap().contact.unwrap();
        assert_eq!(contact.name, "Avec");
        s.contacts.remove(1);
        assert_eq!(check(&s, &options()).unwrap().contact.unwrap().name, "Sans");
    }
}
