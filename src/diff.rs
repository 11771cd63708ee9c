//! What changed between two states of a catalogue: sheets added, removed
//! and changed, and for a changed sheet which keys changed, with both values.
//!
//! Sheets are matched by id and compared key by key in their canonical
//! (stored) form, so a change of layout in a YAML file that leaves the sheet
//! the same is no change. Values stay data (JSON values); how much of them
//! to show is the renderer's choice. Results are ordered by id.

use std::collections::BTreeMap;

use anyhow::Result;
use serde::Serialize;
use serde_json::Value;

use crate::sheet::{KEYS, Sheet};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Diff {
    pub added: Vec<Summary>,
    pub removed: Vec<Summary>,
    pub changed: Vec<Changed>,
    /// Sheets present and equal on both sides.
    pub unchanged: usize,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// What identifies a sheet to a reader.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub id: String,
    pub title: String,
    pub structure: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    /// The new side's id, title and structure.
    #[serde(flatten)]
    pub sheet: Summary,
    /// The keys that differ, in schema order.
    pub fields: Vec<FieldChange>,
}

/// One key of a changed sheet; `None` where the key is absent.
#[derive(Debug, Clone, Serialize)]
pub struct FieldChange {
    pub key: &'static str,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

fn summary(sheet: &Sheet) -> Summary {
    Summary {
        id: sheet.id.clone(),
        title: sheet.title.clone(),
        structure: sheet.structure.clone(),
    }
}

/// Compares two catalogues. Ids are unique on each side (validation and
/// the store see to it); should one repeat, its last sheet counts.
pub fn diff(old: &[Sheet], new: &[Sheet]) -> Result<Diff> {
    let old: BTreeMap<&str, &Sheet> = old.iter().map(|s| (s.id.as_str(), s)).collect();
    let new: BTreeMap<&str, &Sheet> = new.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut result = Diff::default();
    for (id, sheet) in &old {
        if !new.contains_key(id) {
            result.removed.push(summary(sheet));
        }
    }
    for (id, sheet) in &new {
        match old.get(id) {
            None => result.added.push(summary(sheet)),
            Some(before) if *before == *sheet => result.unchanged += 1,
            Some(before) => {
                let fields = fields(before, sheet)?;
                // Equal canonical forms: a difference serde does not keep
                // (none today), so nothing a reader would see.
                if fields.is_empty() {
                    result.unchanged += 1;
                } else {
                    result.changed.push(Changed {
                        sheet: summary(sheet),
                        fields,
                    });
                }
            }
        }
    }
    Ok(result)
}

fn fields(old: &Sheet, new: &Sheet) -> Result<Vec<FieldChange>> {
    let old = serde_json::to_value(old)?;
    let new = serde_json::to_value(new)?;
    Ok(KEYS
        .iter()
        .filter_map(|key| {
            let (before, after) = (old.get(key), new.get(key));
            (before != after).then(|| FieldChange {
                key,
                old: before.cloned(),
                new: after.cloned(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::tests::sheet;
    use crate::sheet::Status;

    #[test]
    fn added_removed_changed_and_unchanged() {
        let mut changed = sheet("b");
        changed.status = Status::Finished;
        changed.results = Some("Tout est fait.".to_owned());
        let old = [sheet("a"), sheet("b"), sheet("c")];
        let new = [changed, sheet("c"), sheet("d")];
        let result = diff(&old, &new).unwrap();
        let ids = |list: &[Summary]| list.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&result.added), ["d"]);
        assert_eq!(ids(&result.removed), ["a"]);
        assert_eq!(result.unchanged, 1);
        assert_eq!(result.changed.len(), 1);
        let fields = &result.changed[0].fields;
        assert_eq!(
            fields.iter().map(|f| f.key).collect::<Vec<_>>(),
            ["status", "results"]
        );
        assert_eq!(fields[0].old, Some(Value::from("ongoing")));
        assert_eq!(fields[0].new, Some(Value::from("finished")));
        assert_eq!(fields[1].old, None);
    }

    #[test]
    fn identical_catalogues_have_no_difference() {
        let sheets = [sheet("a"), sheet("b")];
        let result = diff(&sheets, &sheets).unwrap();
        assert!(result.is_empty());
        assert_eq!(result.unchanged, 2);
    }
}
