//! Splitting a legacy page into its labelled parts and building the draft.

use std::fmt::Write as _;

use yaml_serde::{Mapping, Value};

use super::fields;

/// Labels of the old catalogue, in the order of its pages, with the key
/// each one feeds.
const LABELS: [(&str, Part); 16] = [
    ("Structure menant l'action", Part::Structure),
    ("Statut de l'action", Part::Status),
    ("Publics de l'action", Part::Publics),
    ("Partenaires spécifiques de l'action", Part::Specific),
    ("Partenaires financiers", Part::Funders),
    ("Autres partenaires", Part::Others),
    ("Objectifs de l'action", Part::Objectives),
    (
        "Description du dispositif ou de l'action mis en place",
        Part::Description,
    ),
    ("Moyens mis en oeuvre", Part::Means),
    ("Moyens mis en œuvre", Part::Means),
    ("Résultats quantitatifs et qualitatifs", Part::Results),
    ("Outils, méthodologies, logiciels développés", Part::Tools),
    (
        "Valeur ajoutée par la Maison de l'Emploi ou le PLIE",
        Part::AddedValue,
    ),
    ("Porteur du projet", Part::Carrier),
    ("Conditions de transfert de l'action", Part::Transfer),
    ("Date de dernière mise à jour", Part::Updated),
];

/// The links label ends its page and has no colon of its own.
const LINKS_LABEL: &str = "Liens hypertextes des documents disponibles";

const HEADINGS: [&str; 5] = [
    "PRESENTATION GENERALE",
    "THEMES",
    "PUBLICS",
    "PARTENAIRES",
    "DESCRIPTION",
];

/// Lines of the site around the sheet, not part of it.
const CHROME: [&str; 3] = [
    "Se souvenir de moi",
    "Mot de passe oublié ?",
    "menu accueil",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Structure,
    Status,
    Publics,
    Specific,
    Funders,
    Others,
    Objectives,
    Description,
    Means,
    Results,
    Tools,
    AddedValue,
    Carrier,
    Transfer,
    Updated,
    Links,
}

/// A converted page: the YAML draft and what could not be mapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub yaml: String,
    pub warnings: Vec<String>,
}

/// The labelled parts of a page, in order, values with their line breaks.
fn parts(text: &str) -> (String, Vec<(Part, String)>) {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !CHROME.contains(l) && !HEADINGS.contains(l))
        .collect();
    let title = lines.first().map(|l| (*l).to_owned()).unwrap_or_default();
    let body = lines.get(1..).unwrap_or_default().join("\n");
    let mut found: Vec<(usize, usize, Part)> = Vec::new();
    for (label, part) in LABELS {
        let marker = format!("{label} :");
        let mut from = 0;
        while let Some(at) = body[from..].find(&marker) {
            found.push((from + at, from + at + marker.len(), part));
            from += at + marker.len();
        }
    }
    if let Some(at) = body.find(LINKS_LABEL) {
        let end = body[at..]
            .find(':')
            .map_or(at + LINKS_LABEL.len(), |c| at + c + 1);
        found.push((at, end, Part::Links));
    }
    found.sort_by_key(|(start, ..)| *start);
    // A label may stand inside another's span (the links label runs to the
    // next colon, which can be another label's): keep the first, so that
    // every part ends before the next begins.
    let mut kept: Vec<(usize, usize, Part)> = Vec::with_capacity(found.len());
    for item in found {
        if kept.last().is_none_or(|last| item.0 >= last.1) {
            kept.push(item);
        }
    }
    let found = kept;
    let mut parts = Vec::new();
    for (index, (_, end, part)) in found.iter().enumerate() {
        let next = found
            .get(index + 1)
            .map_or(body.len(), |(start, ..)| *start);
        let value = fields::breaks(body[*end..next].trim());
        if !value.trim().is_empty() {
            parts.push((*part, value.trim().to_owned()));
        }
    }
    (title, parts)
}

fn text(value: &str) -> Value {
    Value::String(value.to_owned())
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

/// Converts one page.
pub fn convert(page: &str) -> Draft {
    let (title, parts) = parts(page);
    let mut warnings = Vec::new();
    let mut unmapped: Vec<String> = Vec::new();
    let get = |part: Part| -> Vec<&str> {
        parts
            .iter()
            .filter(|(p, _)| *p == part)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let joined = |part: Part| -> Option<String> {
        let values = get(part);
        (!values.is_empty()).then(|| values.join("\n"))
    };

    let mut map = Mapping::new();
    map.insert(text("id"), text(""));
    map.insert(text("title"), text(&title));
    let carrier = joined(Part::Carrier).unwrap_or_default();
    let (carrier_structure, contacts) = fields::carrier(&carrier);
    let structure = joined(Part::Structure)
        .or(carrier_structure)
        .unwrap_or_default();
    if structure.is_empty() {
        warnings.push("no structure found: fill in `structure`".to_owned());
    }
    if let Some(territory) = fields::territory(&structure) {
        map.insert(text("structure"), text(&structure));
        map.insert(text("territory"), text(&territory));
    } else {
        map.insert(text("structure"), text(&structure));
    }
    match joined(Part::Status).map(|s| fields::status(&s)) {
        Some((Some(status), reproducible)) => {
            map.insert(text("status"), text(status));
            if reproducible {
                map.insert(text("reproducible"), Value::Bool(true));
            }
        }
        Some((None, _)) | None => {
            warnings.push("no status found: fill in `status`".to_owned());
            map.insert(text("status"), text(""));
        }
    }
    let description = joined(Part::Description).unwrap_or_default();
    if let Some((start, end)) = fields::period(&description) {
        let mut period = Mapping::new();
        period.insert(text("start"), Value::Number(start.into()));
        period.insert(text("end"), Value::Number(end.into()));
        map.insert(text("period"), Value::Mapping(period));
    }
    map.insert(text("themes"), Value::Sequence(Vec::new()));
    warnings.push(
        "the page gives no theme codes: fill in `themes` (see `pacte vocab themes`)".to_owned(),
    );
    if let Some(publics) = joined(Part::Publics) {
        unmapped.push(format!("Publics de l'action : {publics}"));
        warnings.push("publics kept as a comment: choose their codes in `publics`".to_owned());
    }
    let mut partners = Mapping::new();
    for (part, key) in [
        (Part::Specific, "specific"),
        (Part::Funders, "funders"),
        (Part::Others, "others"),
    ] {
        if let Some(value) = joined(part) {
            partners.insert(text(key), list(fields::names(&value)));
        }
    }
    if !partners.is_empty() {
        map.insert(text("partners"), Value::Mapping(partners));
    }
    map.insert(
        text("objectives"),
        list(fields::bullets(
            &joined(Part::Objectives).unwrap_or_default(),
        )),
    );
    map.insert(text("description"), text(&fields::markdown(&description)));
    if let Some(means) = joined(Part::Means) {
        let means = fields::means(&means);
        if !means.text.is_empty() {
            map.insert(text("means"), text(&means.text));
        }
        if let Some(fte) = means.staff_fte {
            map.insert(text("staff_fte"), number(fte));
        }
        if let Some(total) = means.total {
            let mut budget = Mapping::new();
            budget.insert(text("total"), number(total));
            let lines: Vec<Value> = means
                .funding
                .into_iter()
                .map(|(source, amount)| {
                    let mut line = Mapping::new();
                    line.insert(text("source"), text(&source));
                    line.insert(text("amount"), number(amount));
                    Value::Mapping(line)
                })
                .collect();
            if !lines.is_empty() {
                budget.insert(text("funding"), Value::Sequence(lines));
            }
            map.insert(text("budget"), Value::Mapping(budget));
        }
        unmapped.extend(means.unmapped);
    }
    if let Some(results) = joined(Part::Results) {
        map.insert(text("results"), text(&fields::markdown(&results)));
    }
    if let Some(tools) = joined(Part::Tools) {
        map.insert(text("tools"), list(fields::bullets(&tools)));
    }
    if let Some(added) = joined(Part::AddedValue) {
        map.insert(text("added_value"), text(&added.replace('\n', " ")));
    }
    if !contacts.is_empty() {
        let contacts: Vec<Value> = contacts
            .into_iter()
            .map(|c| {
                let mut contact = Mapping::new();
                contact.insert(text("name"), text(&c.name));
                for (key, value) in [("role", c.role), ("email", c.email), ("phone", c.phone)] {
                    if let Some(value) = value {
                        contact.insert(text(key), text(&value));
                    }
                }
                Value::Mapping(contact)
            })
            .collect();
        map.insert(text("contacts"), Value::Sequence(contacts));
    }
    if let Some(transfer) = joined(Part::Transfer) {
        let (factors, difficulties) = fields::transfer(&transfer);
        let mut value = Mapping::new();
        if !factors.is_empty() {
            value.insert(text("success_factors"), list(factors));
        }
        if !difficulties.is_empty() {
            value.insert(text("difficulties"), list(difficulties));
        }
        map.insert(text("transfer"), Value::Mapping(value));
    }
    if let Some(updated) = joined(Part::Updated) {
        match fields::date(&updated) {
            Some(date) => {
                map.insert(text("updated"), text(&date));
            }
            None => unmapped.push(format!("Date de dernière mise à jour : {updated}")),
        }
    }
    if let Some(links) = joined(Part::Links) {
        let urls = fields::urls(&links);
        if urls.is_empty() {
            unmapped.push(format!("Liens : {links}"));
        } else {
            map.insert(text("links"), list(urls));
        }
    }
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
    for item in &unmapped {
        let _ = writeln!(yaml, "#\n# Not mapped:");
        for line in item.lines() {
            let _ = writeln!(yaml, "#   {line}");
        }
    }
    yaml.push_str(&yaml_serde::to_string(&Value::Mapping(map)).unwrap_or_default());
    Draft { yaml, warnings }
}
