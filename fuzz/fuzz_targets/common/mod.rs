//! Shared by the fuzz targets: turning bytes into several strings, and a
//! sheet whose every text comes from the fuzzer.
#![allow(dead_code)] // each target uses its own part

use pacte::sheet::{Contact, Funding, Link, Money, Partners, Period, Sheet, Status, Transfer};

/// The input as text, cut into pieces at each U+001E (record separator);
/// never fewer than `at_least` pieces (empty ones added).
pub fn pieces(data: &[u8], at_least: usize) -> Vec<String> {
    let text = String::from_utf8_lossy(data);
    let mut pieces: Vec<String> = text.split('\u{1e}').map(str::to_owned).collect();
    while pieces.len() < at_least {
        pieces.push(String::new());
    }
    pieces
}

/// A sheet that holds the pieces in every text field. Validation would
/// refuse some of them; a database written before a rule existed may
/// still hold them, and the renderers must cope.
pub fn sheet(p: &[String]) -> Sheet {
    let t = |i: usize| p[i % p.len()].clone();
    Sheet {
        id: "fuzz".to_owned(),
        title: t(0),
        structure: t(1),
        territory: Some(t(2)),
        department: Some(t(3)),
        status: Status::Ongoing,
        reproducible: true,
        period: Some(Period {
            start: 2012,
            end: Some(2014),
        }),
        themes: vec![t(4), "ess".to_owned()],
        publics: vec![t(5)],
        partners: Some(Partners {
            specific: vec![t(6)],
            funders: vec![t(7)],
            others: vec![t(8)],
        }),
        objectives: vec![t(9), t(0)],
        description: t(10),
        means: Some(t(11)),
        staff_fte: Some(1.5),
        budget: Some(pacte::sheet::Budget {
            total: Money { cents: 15_300_000 },
            funding: vec![Funding {
                source: t(12),
                amount: Money { cents: 4_700_000 },
            }],
        }),
        results: Some(t(13)),
        tools: vec![t(14)],
        added_value: Some(t(15)),
        contacts: vec![Contact {
            name: t(16),
            role: Some(t(17)),
            email: Some(t(18)),
            phone: Some(t(19)),
        }],
        transfer: Some(Transfer {
            success_factors: vec![t(20)],
            difficulties: vec![t(21)],
        }),
        updated: Some("2014-06-30".to_owned()),
        links: vec![Link {
            title: Some(t(22)),
            url: format!("https://exemple.fr/{}", t(23)),
        }],
    }
}
