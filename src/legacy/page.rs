//! Building the YAML draft of a legacy page from its labelled parts.

use std::collections::HashMap;
use std::fmt::Write as _;

use yaml_serde::{Mapping, Value};

use crate::sheet::kind::{Kind, Legacy};
use crate::sheet::layout::{Field, Key, sub};
use crate::sheet::registry::{Def, FIELDS};

use super::fields;
use super::parts::{Part, label_of, parts, plain_lines};
use super::propose::{Proposals, propose};

/// A converted page: the YAML draft and what could not be mapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub yaml: String,
    pub warnings: Vec<String>,
}

fn text(value: &str) -> Value {
    Value::String(value.to_owned())
}

fn key(key: Key) -> Value {
    text(key.name())
}

/// Whole numbers as integers (`153000`, not `153000.0`).
fn number(value: f64) -> Value {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // whole and positive
    if value.fract() == 0.0 && (0.0..1e15).contains(&value) {
        Value::Number((value as u64).into())
    } else {
        Value::Number(value.into())
    }
}

fn list(items: Vec<String>) -> Value {
    Value::Sequence(items.into_iter().map(Value::String).collect())
}
/// A draft being built: the page's parts, and the values found for each
/// key, put in the registry's order at the end.
struct Builder {
    parts: Vec<(Part, String)>,
    values: HashMap<Key, Value>,
    warnings: Vec<String>,
    unmapped: Vec<String>,
}

impl Builder {
    /// Every value of a part, joined by line breaks.
    fn joined(&self, part: Part) -> Option<String> {
        let values: Vec<&str> = self
            .parts
            .iter()
            .filter(|(p, _)| *p == part)
            .map(|(_, v)| v.as_str())
            .collect();
        (!values.is_empty()).then(|| values.join("\n"))
    }

    fn own(&self, key: Key) -> Option<String> {
        self.joined(Field::of(key))
    }

    fn set(&mut self, key: Key, value: Value) {
        self.values.insert(key, value);
    }

    fn warn(&mut self, warning: &str) {
        self.warnings.push(warning.to_owned());
    }

    /// A field the registry says how to read: text on one line, Markdown
    /// or a list; a required one is written even when the page lacks it.
    fn declared(&mut self, def: &Def) {
        let found = self.own(def.key);
        let value = match def.legacy {
            Legacy::Own => return,
            Legacy::Line => text(&found.unwrap_or_default().replace('\n', " ")),
            Legacy::Markdown => text(&fields::markdown(&found.unwrap_or_default())),
            Legacy::Bullets => list(fields::bullets(&found.unwrap_or_default())),
        };
        if def.kind.required() || self.own(def.key).is_some() {
            self.set(def.key, value);
        }
    }

    /// The structure (from the carrier part when the page does not name
    /// it), its territory, and the contacts.
    fn carrier(&mut self) {
        let carrier = self.own(Key::Contacts).unwrap_or_default();
        let (carrier_structure, contacts) = fields::carrier(&carrier);
        let structure = self
            .own(Key::Structure)
            .or(carrier_structure)
            .unwrap_or_default();
        if structure.is_empty() {
            self.warn("no structure found: fill in `structure`");
        }
        if let Some(territory) = fields::territory(&structure) {
            self.set(Key::Territory, text(&territory));
        }
        self.set(Key::Structure, text(&structure));
        if !contacts.is_empty() {
            self.set(
                Key::Contacts,
                Value::Sequence(contacts.into_iter().map(contact).collect()),
            );
        }
    }

    fn status(&mut self) {
        match self.own(Key::Status).map(|s| fields::status(&s)) {
            Some((Some(status), reproducible)) => {
                self.set(Key::Status, text(status));
                if reproducible {
                    self.set(Key::Reproducible, Value::Bool(true));
                }
            }
            Some((None, _)) | None => {
                self.warn("no status found: fill in `status`");
                self.set(Key::Status, text(""));
            }
        }
    }

    fn period(&mut self) {
        let description = self.own(Key::Description).unwrap_or_default();
        if let Some((start, end)) = fields::period(&description) {
            let mut period = Mapping::new();
            period.insert(text(sub::START), Value::Number(start.into()));
            period.insert(text(sub::END), Value::Number(end.into()));
            self.set(Key::Period, Value::Mapping(period));
        }
    }

    fn terms(&mut self, proposed: &Proposals) {
        self.set(Key::Themes, list(proposed.themes.clone()));
        self.warn(if proposed.themes.is_empty() {
            "the page gives no theme codes: fill in `themes` (see `pacte vocab themes`)"
        } else {
            "themes proposed from the page's words: confirm `themes` (see `pacte vocab themes`)"
        });
        if !proposed.publics.is_empty() {
            self.set(Key::Publics, list(proposed.publics.clone()));
        }
        if let Some(publics) = self.own(Key::Publics) {
            self.unmapped
                .push(format!("{} : {publics}", label_of(Field::of(Key::Publics))));
            self.warn(if proposed.publics.is_empty() {
                "publics kept as a comment: choose their codes in `publics`"
            } else {
                "publics proposed from the page, which is kept as a comment: confirm `publics`"
            });
        }
    }

    fn partners(&mut self) {
        let mut partners = Mapping::new();
        for (part, name) in (0..).zip(Kind::parts(&Key::Partners.def().kind)) {
            if let Some(value) = self.joined(Field {
                key: Key::Partners,
                part,
            }) {
                partners.insert(text(name), list(fields::names(&value)));
            }
        }
        if !partners.is_empty() {
            self.set(Key::Partners, Value::Mapping(partners));
        }
    }

    /// The means, with the staff and the budget the page gives in them.
    fn means(&mut self) {
        let Some(means) = self.own(Key::Means) else {
            return;
        };
        let means = fields::means(&means);
        if !means.text.is_empty() {
            self.set(Key::Means, text(&means.text));
        }
        if let Some(fte) = means.staff_fte {
            self.set(Key::StaffFte, number(fte));
        }
        if let Some(total) = means.total {
            let mut budget = Mapping::new();
            budget.insert(text(sub::TOTAL), number(total));
            let lines: Vec<Value> = means
                .funding
                .into_iter()
                .map(|(source, amount)| {
                    let mut line = Mapping::new();
                    line.insert(text(sub::SOURCE), text(&source));
                    line.insert(text(sub::AMOUNT), number(amount));
                    Value::Mapping(line)
                })
                .collect();
            if !lines.is_empty() {
                budget.insert(text(sub::FUNDING), Value::Sequence(lines));
            }
            self.set(Key::Budget, Value::Mapping(budget));
        }
        self.unmapped.extend(means.unmapped);
    }

    fn transfer(&mut self) {
        let Some(transfer) = self.own(Key::Transfer) else {
            return;
        };
        let (factors, difficulties) = fields::transfer(&transfer);
        let mut value = Mapping::new();
        if !factors.is_empty() {
            value.insert(text(sub::SUCCESS_FACTORS), list(factors));
        }
        if !difficulties.is_empty() {
            value.insert(text(sub::DIFFICULTIES), list(difficulties));
        }
        self.set(Key::Transfer, Value::Mapping(value));
    }

    /// The date and the links, kept as comments when unreadable.
    fn closing(&mut self) {
        if let Some(updated) = self.own(Key::Updated) {
            match fields::date(&updated) {
                Some(date) => self.set(Key::Updated, text(&date)),
                None => self
                    .unmapped
                    .push(format!("{} : {updated}", label_of(Field::of(Key::Updated)))),
            }
        }
        if let Some(links) = self.own(Key::Links) {
            let urls = fields::urls(&links);
            if urls.is_empty() {
                self.unmapped.push(format!("Liens : {links}"));
            } else {
                self.set(Key::Links, list(urls));
            }
        }
    }
}

fn contact(c: fields::LegacyContact) -> Value {
    let mut contact = Mapping::new();
    contact.insert(text(sub::NAME), text(&c.name));
    for (key, value) in [
        (sub::ROLE, c.role),
        (sub::EMAIL, c.email),
        (sub::PHONE, c.phone),
    ] {
        if let Some(value) = value {
            contact.insert(text(key), text(&value));
        }
    }
    Value::Mapping(contact)
}

/// Converts one page.
pub fn convert(page: &str) -> Draft {
    let page = plain_lines(page);
    let (title, parts) = parts(&page);
    let mut b = Builder {
        parts,
        values: HashMap::new(),
        warnings: Vec::new(),
        unmapped: Vec::new(),
    };
    let words = [Key::Objectives, Key::Description].map(|k| b.own(k).unwrap_or_default());
    let proposed = propose(&title, b.own(Key::Publics).as_deref(), &words.join("\n"));
    b.set(Key::Id, text(&proposed.id));
    b.set(Key::Title, text(&title));
    b.carrier();
    b.status();
    b.period();
    b.terms(&proposed);
    b.partners();
    for def in FIELDS {
        b.declared(def);
    }
    b.means();
    b.transfer();
    b.closing();
    let Builder {
        mut values,
        mut warnings,
        unmapped,
        ..
    } = b;
    for item in &unmapped {
        warnings.push(format!(
            "not mapped, kept as a comment: {}",
            item.lines().next().unwrap_or_default()
        ));
    }
    let mut yaml = String::from(
        "# Draft converted from a page of the old catalogue by `pacte convert`.\n\
         # Fill in `id` and `themes`, check the rest, then: pacte validate FILE\n",
    );
    yaml.push_str(&super::propose::comment(
        &proposed,
        values.contains_key(&Key::StaffFte),
    ));
    for item in &unmapped {
        let _ = writeln!(yaml, "#\n# Not mapped:");
        // `plain_lines` left `\n` as the only line break: each line stays
        // inside its comment.
        for line in item.split('\n') {
            let _ = writeln!(yaml, "#   {line}");
        }
    }
    let mut map = Mapping::new();
    for def in FIELDS {
        if let Some(value) = values.remove(&def.key) {
            map.insert(key(def.key), value);
        }
    }
    yaml.push_str(&yaml_serde::to_string(&Value::Mapping(map)).unwrap_or_default());
    Draft { yaml, warnings }
}
