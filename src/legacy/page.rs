//! Splitting a legacy page into its labelled parts and building the draft.

use std::fmt::Write as _;

use yaml_serde::{Mapping, Value};

use crate::sheet::layout::{self, Field, Key, sub};

use super::fields;

/// Labels of the old catalogue, in the order of the one layout, with the
/// line each one feeds. The pages spelled "œuvre" both ways.
fn labels() -> Vec<(String, Part)> {
    let mut labels = Vec::new();
    for line in layout::sections().flat_map(|s| s.lines.iter()) {
        if let Some(label) = line.catalogue.filter(|_| line.field != Part::Links) {
            labels.push((label.to_owned(), line.field));
            if label.contains('œ') {
                labels.push((label.replace('œ', "oe"), line.field));
            }
        }
    }
    labels
}

/// The links label ends its page and has no colon of its own.
fn links_label() -> &'static str {
    layout::sections()
        .flat_map(|s| s.lines.iter())
        .find(|l| l.field == Part::Links)
        .and_then(|l| l.catalogue)
        .unwrap_or_default()
}

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

/// A part of a page is named after the line of the layout it feeds; the
/// carrier part feeds `contacts` (and `structure` when missing), the transfer
/// part both transfer lists.
type Part = Field;

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
    for (label, part) in labels() {
        let marker = format!("{label} :");
        let mut from = 0;
        while let Some(at) = body[from..].find(&marker) {
            found.push((from + at, from + at + marker.len(), part));
            from += at + marker.len();
        }
    }
    let links_at = links_label();
    if let Some(at) = body.find(links_at).filter(|_| !links_at.is_empty()) {
        let end = body[at..]
            .find(':')
            .map_or(at + links_at.len(), |c| at + c + 1);
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

/// The page as plain lines: every kind of line break (CR, CRLF, NEL,
/// vertical tab, form feed, the Unicode line and paragraph separators)
/// becomes `\n`, a tab a space, and any other control character or
/// bidirectional override is dropped. So a draft never carries a control
/// character, and text kept in a comment cannot end the comment early.
fn plain_lines(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut chars = page.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') => {}
            c => out.push(c),
        }
    }
    out
}

/// Converts one page.
pub fn convert(page: &str) -> Draft {
    let page = plain_lines(page);
    let (title, parts) = parts(&page);
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

    let words = [Part::Objectives, Part::Description].map(|p| joined(p).unwrap_or_default());
    let proposed =
        super::propose::propose(&title, joined(Part::Publics).as_deref(), &words.join("\n"));
    let mut map = Mapping::new();
    map.insert(key(Key::Id), text(&proposed.id));
    map.insert(key(Key::Title), text(&title));
    let carrier = joined(Part::Contacts).unwrap_or_default();
    let (carrier_structure, contacts) = fields::carrier(&carrier);
    let structure = joined(Part::Structure)
        .or(carrier_structure)
        .unwrap_or_default();
    if structure.is_empty() {
        warnings.push("no structure found: fill in `structure`".to_owned());
    }
    if let Some(territory) = fields::territory(&structure) {
        map.insert(key(Key::Structure), text(&structure));
        map.insert(key(Key::Territory), text(&territory));
    } else {
        map.insert(key(Key::Structure), text(&structure));
    }
    match joined(Part::Status).map(|s| fields::status(&s)) {
        Some((Some(status), reproducible)) => {
            map.insert(key(Key::Status), text(status));
            if reproducible {
                map.insert(key(Key::Reproducible), Value::Bool(true));
            }
        }
        Some((None, _)) | None => {
            warnings.push("no status found: fill in `status`".to_owned());
            map.insert(key(Key::Status), text(""));
        }
    }
    let description = joined(Part::Description).unwrap_or_default();
    if let Some((start, end)) = fields::period(&description) {
        let mut period = Mapping::new();
        period.insert(text(sub::START), Value::Number(start.into()));
        period.insert(text(sub::END), Value::Number(end.into()));
        map.insert(key(Key::Period), Value::Mapping(period));
    }
    map.insert(key(Key::Themes), list(proposed.themes.clone()));
    warnings.push(if proposed.themes.is_empty() {
        "the page gives no theme codes: fill in `themes` (see `pacte vocab themes`)".to_owned()
    } else {
        "themes proposed from the page's words: confirm `themes` (see `pacte vocab themes`)"
            .to_owned()
    });
    if !proposed.publics.is_empty() {
        map.insert(key(Key::Publics), list(proposed.publics.clone()));
    }
    if let Some(publics) = joined(Part::Publics) {
        unmapped.push(format!("Publics de l'action : {publics}"));
        warnings.push(if proposed.publics.is_empty() {
            "publics kept as a comment: choose their codes in `publics`".to_owned()
        } else {
            "publics proposed from the page, which is kept as a comment: confirm `publics`"
                .to_owned()
        });
    }
    let mut partners = Mapping::new();
    for (part, key) in [
        (Part::PartnersSpecific, sub::SPECIFIC),
        (Part::PartnersFunders, sub::FUNDERS),
        (Part::PartnersOthers, sub::OTHERS),
    ] {
        if let Some(value) = joined(part) {
            partners.insert(text(key), list(fields::names(&value)));
        }
    }
    if !partners.is_empty() {
        map.insert(key(Key::Partners), Value::Mapping(partners));
    }
    map.insert(
        key(Key::Objectives),
        list(fields::bullets(
            &joined(Part::Objectives).unwrap_or_default(),
        )),
    );
    map.insert(key(Key::Description), text(&fields::markdown(&description)));
    if let Some(means) = joined(Part::Means) {
        let means = fields::means(&means);
        if !means.text.is_empty() {
            map.insert(key(Key::Means), text(&means.text));
        }
        if let Some(fte) = means.staff_fte {
            map.insert(key(Key::StaffFte), number(fte));
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
            map.insert(key(Key::Budget), Value::Mapping(budget));
        }
        unmapped.extend(means.unmapped);
    }
    if let Some(results) = joined(Part::Results) {
        map.insert(key(Key::Results), text(&fields::markdown(&results)));
    }
    if let Some(tools) = joined(Part::Tools) {
        map.insert(key(Key::Tools), list(fields::bullets(&tools)));
    }
    if let Some(added) = joined(Part::AddedValue) {
        map.insert(key(Key::AddedValue), text(&added.replace('\n', " ")));
    }
    if !contacts.is_empty() {
        let contacts: Vec<Value> = contacts
            .into_iter()
            .map(|c| {
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
            })
            .collect();
        map.insert(key(Key::Contacts), Value::Sequence(contacts));
    }
    if let Some(transfer) = joined(Part::SuccessFactors) {
        let (factors, difficulties) = fields::transfer(&transfer);
        let mut value = Mapping::new();
        if !factors.is_empty() {
            value.insert(text(sub::SUCCESS_FACTORS), list(factors));
        }
        if !difficulties.is_empty() {
            value.insert(text(sub::DIFFICULTIES), list(difficulties));
        }
        map.insert(key(Key::Transfer), Value::Mapping(value));
    }
    if let Some(updated) = joined(Part::Updated) {
        match fields::date(&updated) {
            Some(date) => {
                map.insert(key(Key::Updated), text(&date));
            }
            None => unmapped.push(format!("Date de dernière mise à jour : {updated}")),
        }
    }
    if let Some(links) = joined(Part::Links) {
        let urls = fields::urls(&links);
        if urls.is_empty() {
            unmapped.push(format!("Liens : {links}"));
        } else {
            map.insert(key(Key::Links), list(urls));
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
    let staff = map.contains_key(Key::StaffFte.name());
    yaml.push_str(&super::propose::comment(&proposed, staff));
    for item in &unmapped {
        let _ = writeln!(yaml, "#\n# Not mapped:");
        // `plain_lines` left `\n` as the only line break: each line stays
        // inside its comment.
        for line in item.split('\n') {
            let _ = writeln!(yaml, "#   {line}");
        }
    }
    yaml.push_str(&yaml_serde::to_string(&Value::Mapping(map)).unwrap_or_default());
    Draft { yaml, warnings }
}
