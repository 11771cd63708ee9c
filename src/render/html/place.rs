//! Where an action takes place, for readers: the territory and the
//! department by its name as well as its code (`Pays Thur Doller — Haut-Rhin
//! (68)`).
//!
//! The names come from `data/departments.tsv`, compiled in; a code the
//! table does not know (validation keeps them out) is shown alone.

use std::collections::HashMap;
use std::sync::OnceLock;

/// `code<TAB>name` lines; `#` starts a comment line.
const TABLE: &str = include_str!("../../../data/departments.tsv");

fn names() -> &'static HashMap<&'static str, &'static str> {
    static NAMES: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        TABLE
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once('\t'))
            .collect()
    })
}

/// The name of a department code (`68` → `Haut-Rhin`).
pub fn department_name(code: &str) -> Option<&'static str> {
    names().get(code).copied()
}

/// Every department of the table, as (code, name), in the table's order.
pub fn departments() -> impl Iterator<Item = (&'static str, &'static str)> {
    TABLE
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
}

/// `Haut-Rhin (68)`, or the bare code when its name is unknown.
pub fn department(code: &str) -> String {
    match department_name(code) {
        Some(name) => format!("{name} ({code})"),
        None => code.to_owned(),
    }
}

/// `Pays Thur Doller — Haut-Rhin (68)`, or whichever part is given.
pub fn place(territory: Option<&str>, department_code: Option<&str>) -> String {
    match (territory, department_code) {
        (Some(territory), Some(code)) => format!("{territory} — {}", department(code)),
        (Some(territory), None) => territory.to_owned(),
        (None, Some(code)) => department(code),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_valid_code_has_a_name_and_only_those() {
        let codes: Vec<&str> = departments().map(|(code, _)| code).collect();
        assert_eq!(codes.len(), 108);
        for code in &codes {
            assert!(
                crate::validate::fields::department(code).as_deref() == Ok(*code),
                "{code} is not a valid code"
            );
        }
        assert_eq!(department_name("2A"), Some("Corse-du-Sud"));
        assert_eq!(department_name("974"), Some("La Réunion"));
    }

    #[test]
    fn places_name_their_department() {
        assert_eq!(
            place(Some("Pays Thur Doller"), Some("68")),
            "Pays Thur Doller — Haut-Rhin (68)"
        );
        assert_eq!(place(None, Some("25")), "Doubs (25)");
        assert_eq!(place(Some("Bassin"), None), "Bassin");
        assert_eq!(place(None, Some("99")), "99");
        assert_eq!(place(None, None), "");
    }
}
