//! Which sheets a listing, a search or statistics cover, and in what order.
//!
//! A filter becomes SQL made only of fixed fragments, each with bound
//! parameters; a set of accepted values travels as one JSON array read with
//! `json_each`. No user text and no variable number of placeholders ever
//! reaches the SQL.

use rusqlite::types::Value;

use crate::sheet::Status;

/// Each inner list is a set of accepted values (any may match); every set
/// must match. Text values are folded (see [`crate::sheet::fold`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Theme codes.
    pub themes: Vec<Vec<String>>,
    /// Public codes.
    pub publics: Vec<Vec<String>>,
    pub statuses: Vec<Vec<Status>>,
    /// Department codes.
    pub departments: Vec<Vec<String>>,
    /// Folded substrings of the structure's name.
    pub structures: Vec<Vec<String>>,
    /// Folded substrings of the territory.
    pub territories: Vec<Vec<String>>,
    /// Folded substrings of a partner's name, in any partner group.
    pub partners: Vec<Vec<String>>,
    /// Folded substrings of a funder: a financial partner or a funding line.
    pub funders: Vec<Vec<String>>,
    /// Years the period must cover.
    pub years: Vec<Vec<i32>>,
    /// The current year, where periods without an end stop.
    pub this_year: i32,
    /// `YYYY-MM-DD`: only sheets updated on or after that day.
    pub updated_since: Option<String>,
    pub reproducible_only: bool,
}

const WITH_THEME: &str = " AND EXISTS (SELECT 1 FROM sheet_themes t
    WHERE t.sheet_id = s.id AND t.code IN (SELECT value FROM json_each(?1)))";
const WITH_PUBLIC: &str = " AND EXISTS (SELECT 1 FROM sheet_publics p
    WHERE p.sheet_id = s.id AND p.code IN (SELECT value FROM json_each(?1)))";
const WITH_STATUS: &str = " AND s.status IN (SELECT value FROM json_each(?1))";
const WITH_DEPARTMENT: &str = " AND s.department IN (SELECT value FROM json_each(?1))";
// Text filters take a JSON array of substrings, any of which may match.
const WITH_STRUCTURE: &str = " AND EXISTS (SELECT 1 FROM json_each(?1) j
    WHERE instr(s.structure_key, j.value) > 0)";
const WITH_TERRITORY: &str = " AND EXISTS (SELECT 1 FROM json_each(?1) j
    WHERE instr(pacte_fold(s.territory), j.value) > 0)";
const WITH_PARTNER: &str = " AND EXISTS (SELECT 1 FROM sheet_partners p, json_each(?1) j
    WHERE p.sheet_id = s.id AND instr(pacte_fold(p.name), j.value) > 0)";
const WITH_FUNDER: &str = " AND (EXISTS (SELECT 1 FROM sheet_partners p, json_each(?1) j
    WHERE p.sheet_id = s.id AND p.role = 'funder' AND instr(pacte_fold(p.name), j.value) > 0)
    OR EXISTS (SELECT 1 FROM sheet_funding f, json_each(?1) j
    WHERE f.sheet_id = s.id AND instr(pacte_fold(f.source), j.value) > 0))";
/// Any of the years; an open period (no end) runs until this year, `?2`.
const WITH_YEAR: &str = " AND EXISTS (SELECT 1 FROM json_each(?1) j
    WHERE s.period_start <= j.value AND coalesce(s.period_end, ?2) >= j.value)";
const UPDATED_SINCE: &str = " AND s.updated >= ?1";
const REPRODUCIBLE: &str = " AND s.reproducible = 1";

/// A `WHERE` clause (starting `WHERE 1 = 1`) over `sheets s`, with its
/// parameters in order.
#[derive(Debug, Clone, Default)]
pub struct Clause {
    pub sql: String,
    pub params: Vec<Value>,
}

impl Clause {
    /// Appends a fixed fragment whose parameters are written `?1`, `?2`…;
    /// they are renumbered to follow the parameters already there.
    pub(super) fn push(&mut self, fragment: &str, values: Vec<Value>) {
        let mut sql = fragment.to_owned();
        // Highest first, so that `?1` does not rewrite the start of `?12`.
        for local in (1..=values.len()).rev() {
            let global = self.params.len() + local;
            sql = sql.replace(&format!("?{local}"), &format!("?{global}"));
        }
        self.params.extend(values);
        self.sql.push_str(&sql);
    }
}

fn json(values: &[impl serde::Serialize]) -> Value {
    Value::Text(serde_json::to_string(values).unwrap_or_else(|_| "[]".to_owned()))
}

impl Filter {
    /// The clause followed by the order and, when given, the limit.
    pub fn ordered_clause(&self, order: Order, limit: Option<u64>) -> Clause {
        let mut clause = self.clause();
        clause.sql.push_str(order.sql());
        if let Some(limit) = limit {
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            clause.push(" LIMIT ?1", vec![Value::Integer(limit)]);
        }
        clause
    }

    pub fn clause(&self) -> Clause {
        let mut clause = Clause {
            sql: " WHERE 1 = 1".to_owned(),
            params: Vec::new(),
        };
        for codes in &self.themes {
            clause.push(WITH_THEME, vec![json(codes)]);
        }
        for codes in &self.publics {
            clause.push(WITH_PUBLIC, vec![json(codes)]);
        }
        for statuses in &self.statuses {
            clause.push(WITH_STATUS, vec![json(statuses)]);
        }
        for codes in &self.departments {
            clause.push(WITH_DEPARTMENT, vec![json(codes)]);
        }
        for (fragment, values) in [
            (WITH_STRUCTURE, &self.structures),
            (WITH_TERRITORY, &self.territories),
            (WITH_PARTNER, &self.partners),
            (WITH_FUNDER, &self.funders),
        ] {
            for any in values {
                clause.push(fragment, vec![json(any)]);
            }
        }
        for years in &self.years {
            clause.push(
                WITH_YEAR,
                vec![json(years), Value::Integer(i64::from(self.this_year))],
            );
        }
        if let Some(date) = &self.updated_since {
            clause.push(UPDATED_SINCE, vec![Value::Text(date.clone())]);
        }
        if self.reproducible_only {
            clause.sql.push_str(REPRODUCIBLE);
        }
        clause
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Id,
    Title,
    Updated,
    Start,
    Budget,
}

/// How to order a listing. Sheets without the sorted value come last either
/// way; ties are broken by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Order {
    pub key: SortKey,
    pub reverse: bool,
}

impl Order {
    pub fn sql(self) -> &'static str {
        match (self.key, self.reverse) {
            (SortKey::Id, false) => " ORDER BY s.id",
            (SortKey::Id, true) => " ORDER BY s.id DESC",
            (SortKey::Title, false) => " ORDER BY s.title COLLATE NOCASE, s.id",
            (SortKey::Title, true) => " ORDER BY s.title COLLATE NOCASE DESC, s.id DESC",
            (SortKey::Updated, false) => " ORDER BY s.updated IS NULL, s.updated, s.id",
            (SortKey::Updated, true) => " ORDER BY s.updated IS NULL, s.updated DESC, s.id DESC",
            (SortKey::Start, false) => " ORDER BY s.period_start IS NULL, s.period_start, s.id",
            (SortKey::Start, true) => {
                " ORDER BY s.period_start IS NULL, s.period_start DESC, s.id DESC"
            }
            (SortKey::Budget, false) => " ORDER BY s.budget_cents IS NULL, s.budget_cents, s.id",
            (SortKey::Budget, true) => {
                " ORDER BY s.budget_cents IS NULL, s.budget_cents DESC, s.id DESC"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_renumbered_in_order() {
        let mut clause = Clause::default();
        clause.push(" a = ?1", vec![Value::Integer(1)]);
        clause.push(
            " b = ?1 AND c = ?2 AND d = ?1",
            vec![Value::Integer(2), Value::Integer(3)],
        );
        assert_eq!(clause.sql, " a = ?1 b = ?2 AND c = ?3 AND d = ?2");
        assert_eq!(clause.params.len(), 3);
    }
}
