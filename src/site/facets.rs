//! Facet counts of the catalogue page: how many of the published sheets
//! have each theme, public, status, department, and are reproducible or not.
//!
//! Values with no sheet are left out; themes and publics keep their
//! vocabulary's order (codes no longer in it come last, by code), statuses
//! the order of an action's life, departments their code order.

use std::collections::BTreeMap;

use crate::render::html::{FacetGroup, FacetValue, department_label, path_segment};
use crate::sheet::layout::{Field, Key, label};
use crate::sheet::{STATUSES, Sheet, Vocabularies, Vocabulary};

use super::paths;

fn counts<'a>(values: impl Iterator<Item = &'a str>) -> BTreeMap<&'a str, usize> {
    let mut counts = BTreeMap::new();
    for value in values {
        *counts.entry(value).or_insert(0) += 1;
    }
    counts
}

fn vocabulary_facet(
    name: &'static str,
    legend: &'static str,
    vocabulary: &Vocabulary,
    codes: &BTreeMap<&str, usize>,
    page: fn(&str) -> String,
) -> FacetGroup {
    let known = vocabulary.terms().iter().map(|t| t.code.as_str());
    let unknown = codes
        .keys()
        .copied()
        .filter(|c| vocabulary.resolve(c).is_none_or(|t| t.code != *c));
    let values = known
        .chain(unknown)
        .filter_map(|code| {
            codes.get(code).map(|&count| FacetValue {
                value: path_segment(code).into_owned(),
                label: vocabulary.label(code).to_owned(),
                count,
                page: Some(page(code)),
            })
        })
        .collect();
    FacetGroup {
        name,
        legend,
        values,
    }
}

/// The facets of these sheets, in the order the page shows them.
pub fn facets(sheets: &[&Sheet], vocabularies: &Vocabularies) -> Vec<FacetGroup> {
    let themes = counts(
        sheets
            .iter()
            .flat_map(|s| s.themes.iter().map(String::as_str)),
    );
    let publics = counts(
        sheets
            .iter()
            .flat_map(|s| s.publics.iter().map(String::as_str)),
    );
    let statuses = counts(sheets.iter().map(|s| s.status.code()));
    let departments = counts(sheets.iter().filter_map(|s| s.department.as_deref()));
    let reproducible = sheets.iter().filter(|s| s.reproducible).count();
    let plain = |value: &str, label: String, count: usize| FacetValue {
        value: path_segment(value).into_owned(),
        label,
        count,
        page: None,
    };
    vec![
        vocabulary_facet(
            "theme",
            label(Field::of(Key::Themes)),
            &vocabularies.themes,
            &themes,
            paths::theme,
        ),
        vocabulary_facet(
            "public",
            label(Field::of(Key::Publics)),
            &vocabularies.publics,
            &publics,
            paths::public,
        ),
        FacetGroup {
            name: "status",
            legend: label(Field::of(Key::Status)),
            values: STATUSES
                .iter()
                .filter_map(|s| {
                    statuses.get(s.code()).map(|&n| {
                        let label = crate::render::format::status(*s, false);
                        plain(s.code(), label, n)
                    })
                })
                .collect(),
        },
        FacetGroup {
            name: "department",
            legend: "Département",
            values: departments
                .iter()
                .map(|(code, &n)| plain(code, department_label(code), n))
                .collect(),
        },
        FacetGroup {
            name: "reproducible",
            legend: "Reproductible",
            values: [
                ("true", "Reproductible", reproducible),
                ("false", "Non précisé", sheets.len() - reproducible),
            ]
            .into_iter()
            .filter(|(_, _, n)| *n > 0)
            .map(|(value, label, n)| plain(value, label.to_owned(), n))
            .collect(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(id: &str, themes: &[&str], department: Option<&str>, reproducible: bool) -> Sheet {
        serde_json::from_value(serde_json::json!({
            "id": id, "title": id, "structure": "s", "status": "ongoing",
            "themes": themes, "objectives": ["o"], "description": "d",
            "department": department, "reproducible": reproducible,
        }))
        .unwrap()
    }

    #[test]
    fn counts_follow_the_vocabulary_and_leave_out_empty_values() {
        let vocabularies = Vocabularies::builtin();
        let a = sheet("a", &["mobilite", "ess"], Some("68"), true);
        let b = sheet("b", &["ess"], None, false);
        let c = sheet("c", &["ess", "zz-ancien"], Some("2A"), false);
        let groups = facets(&[&a, &b, &c], &vocabularies);
        let theme: Vec<(&str, usize)> = groups[0]
            .values
            .iter()
            .map(|v| (v.value.as_str(), v.count))
            .collect();
        assert_eq!(theme, [("ess", 3), ("mobilite", 1), ("zz-ancien", 1)]);
        assert_eq!(
            groups[0].values[1].page.as_deref(),
            Some("themes/mobilite/")
        );
        assert!(groups[1].values.is_empty());
        let departments: Vec<(&str, usize)> = groups[3]
            .values
            .iter()
            .map(|v| (v.label.as_str(), v.count))
            .collect();
        assert_eq!(
            departments,
            [("Corse-du-Sud (2A)", 1), ("Haut-Rhin (68)", 1)]
        );
        assert_eq!(groups[4].values[0].count, 1);
        assert_eq!(groups[4].values[1].count, 2);
    }
}
