//! Reading the values of a legacy page: lists, amounts, contacts, dates.

use crate::sheet::layout::{self, Field, Key};

/// ` \ ` (and a `\` at the end of a line) stood for a line break.
pub fn breaks(value: &str) -> String {
    // Each `\ ` is one break, so `\ \ ` leaves an empty line between
    // paragraphs (or between the blocks of "Porteur du projet").
    let replaced = value.replace("\\ ", "\n");
    replaced
        .lines()
        .map(|line| line.trim_end().trim_end_matches('\\').trim())
        .collect::<Vec<_>>()
        .join("\n")
}

fn clean_item(item: &str) -> String {
    item.trim()
        .trim_end_matches([';', '.', '…', ' ', ','])
        .trim()
        .to_owned()
}

/// Items of a bulleted value (`•` or `- ` at the start of a line).
pub fn bullets(value: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for line in value.lines() {
        let line = line.trim();
        if let Some(item) = line.strip_prefix('•').or_else(|| line.strip_prefix("- ")) {
            items.push(item.trim().to_owned());
        } else if let Some(last) = items.last_mut() {
            if !line.is_empty() {
                last.push(' ');
                last.push_str(line);
            }
        } else if !line.is_empty() {
            items.push(line.to_owned());
        }
    }
    items
        .iter()
        .map(|i| clean_item(i))
        .filter(|i| !i.is_empty())
        .collect()
}

/// Names separated by commas.
pub fn names(value: &str) -> Vec<String> {
    value
        .replace('\n', " ")
        .split(", ")
        .map(clean_item)
        .filter(|n| !n.is_empty())
        .collect()
}

/// Text with the page's bullets as Markdown list items.
pub fn markdown(value: &str) -> String {
    value
        .lines()
        .map(|line| match line.trim_start().strip_prefix('•') {
            Some(item) => format!("- {}", item.trim()),
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The status code and whether the action is reproducible, from words such
/// as "Action terminée, reproductible".
pub fn status(value: &str) -> (Option<&'static str>, bool) {
    let folded = crate::sheet::fold(value);
    let status = if folded.contains("termin") || folded.contains("achev") {
        Some("finished")
    } else if folded.contains("en-cours") {
        Some("ongoing")
    } else if folded.contains("projet") || folded.contains("prevu") {
        Some("planned")
    } else if folded.contains("abandon") {
        Some("abandoned")
    } else {
        None
    };
    let reproducible = folded.contains("reproductible") && !folded.contains("non-reproductible");
    (status, reproducible)
}

/// The first span of years written `2012 – 2014` (or with a hyphen).
pub fn period(text: &str) -> Option<(i32, i32)> {
    let bytes = text.as_bytes();
    let year_at = |i: usize| -> Option<i32> {
        let digits = text.get(i..i + 4)?;
        let before = i.checked_sub(1).map(|b| bytes[b]);
        let after = bytes.get(i + 4);
        let alone =
            !before.is_some_and(|b| b.is_ascii_digit()) && !after.is_some_and(u8::is_ascii_digit);
        let year: i32 = digits.parse().ok()?;
        (alone && digits.bytes().all(|b| b.is_ascii_digit()) && (1900..=2100).contains(&year))
            .then_some(year)
    };
    for start in 0..bytes.len() {
        let Some(first) = year_at(start) else {
            continue;
        };
        let rest = &text[start + 4..];
        let gap: String = rest
            .chars()
            .take_while(|c| matches!(c, ' ' | '–' | '-' | '—' | 'à'))
            .collect();
        if gap.trim().is_empty() {
            continue;
        }
        if let Some(second) = year_at(start + 4 + gap.len()).filter(|y| *y >= first) {
            return Some((first, second));
        }
    }
    None
}

/// An amount in euros as written on the pages (`153 000 €`, `47000€`).
fn amount(text: &str) -> Option<f64> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '€'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    digits.parse().ok()
}

pub struct Means {
    pub text: String,
    pub staff_fte: Option<f64>,
    pub total: Option<f64>,
    pub funding: Vec<(String, f64)>,
    pub unmapped: Vec<String>,
}

/// The means part: free text, then "Ressources humaines" with full-time
/// equivalents, then "Budget : total" and its "dont source : amount" lines.
pub fn means(value: &str) -> Means {
    let mut means = Means {
        text: String::new(),
        staff_fte: None,
        total: None,
        funding: Vec::new(),
        unmapped: Vec::new(),
    };
    let mut section = "text";
    let mut text_lines = Vec::new();
    for line in value.lines() {
        let line = line.trim();
        if line.starts_with(layout::label(Field::of(Key::StaffFte))) {
            section = "staff";
            continue;
        }
        if let Some(total) = line.strip_prefix(layout::label(Field::of(Key::Budget))) {
            section = "budget";
            means.total = total.trim_start().strip_prefix(':').and_then(amount);
            continue;
        }
        match section {
            "staff" if !line.is_empty() => {
                match (means.staff_fte, super::propose::staff_fte(line)) {
                    (None, Some(fte)) => {
                        means.staff_fte = Some(fte);
                        means
                            .unmapped
                            .push(format!("Ressources humaines (ETP) : {line}"));
                    }
                    _ => means.unmapped.push(format!("Ressources humaines : {line}")),
                }
            }
            "budget" if !line.is_empty() => {
                let parsed = line.rsplit_once(':').and_then(|(source, value)| {
                    let source = source.trim().strip_prefix("dont ").unwrap_or(source.trim());
                    amount(value).map(|a| (source.trim().to_owned(), a))
                });
                match parsed {
                    Some(line) => means.funding.push(line),
                    None => means.unmapped.push(format!("Budget : {line}")),
                }
            }
            "text" => text_lines.push(line),
            _ => {}
        }
    }
    text_lines.join("\n").trim().clone_into(&mut means.text);
    means
}

pub struct LegacyContact {
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// The "Porteur du projet" part: a first block naming the structure, then a
/// block per person (name, role, email, phone).
pub fn carrier(value: &str) -> (Option<String>, Vec<LegacyContact>) {
    let blocks: Vec<Vec<&str>> = value
        .split("\n\n")
        .map(|b| {
            b.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|b| !b.is_empty())
        .collect();
    let mut structure = None;
    let mut contacts = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let is_phone = |l: &str| l.chars().filter(char::is_ascii_digit).count() >= 8;
        if index == 0 && block.len() == 1 && !block[0].contains('@') && !is_phone(block[0]) {
            structure = Some(block[0].to_owned());
            continue;
        }
        let mut contact = LegacyContact {
            name: block[0].to_owned(),
            role: None,
            email: None,
            phone: None,
        };
        for line in &block[1..] {
            if line.contains('@') {
                contact.email = Some((*line).to_owned());
            } else if is_phone(line) {
                contact.phone = Some((*line).to_owned());
            } else if contact.role.is_none() {
                contact.role = Some((*line).to_owned());
            }
        }
        contacts.push(contact);
    }
    (structure, contacts)
}

/// "Pays Thur Doller" in "… de la Formation du Pays Thur Doller".
pub fn territory(structure: &str) -> Option<String> {
    let at = structure
        .find(" du Pays ")
        .map(|i| i + 4)
        .or_else(|| structure.find(" de Pays ").map(|i| i + 4))?;
    Some(structure[at..].trim().to_owned())
}

/// Success factors and difficulties, under their own headings.
pub fn transfer(value: &str) -> (Vec<String>, Vec<String>) {
    let difficulties_label = layout::label(Field {
        key: Key::Transfer,
        part: 1,
    });
    let (factors, difficulties) = match value.split_once(difficulties_label) {
        Some((factors, difficulties)) => (factors, difficulties),
        None => (value, ""),
    };
    let factors = factors
        .trim()
        .strip_prefix(layout::label(Field::of(Key::Transfer)))
        .unwrap_or(factors);
    (bullets(factors), bullets(difficulties))
}

/// `dd/mm/yyyy` or `yyyy-mm-dd` as an ISO date.
pub fn date(value: &str) -> Option<String> {
    let value = value.trim();
    if crate::validate::fields::date(value).is_ok() {
        return Some(value.to_owned());
    }
    let parts: Vec<&str> = value.split('/').collect();
    if let [day, month, year] = parts.as_slice() {
        let iso = format!("{year}-{month:0>2}-{day:0>2}");
        return crate::validate::fields::date(&iso).is_ok().then_some(iso);
    }
    None
}

/// The web addresses written in a value.
pub fn urls(value: &str) -> Vec<String> {
    value
        .split_whitespace()
        .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
        .map(|w| w.trim_end_matches([',', ';', '.']).to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_amounts() {
        assert_eq!(
            period("Phase de montage (2012 – 2014) puis"),
            Some((2012, 2014))
        );
        assert_eq!(period("En 2013/2014 : 1,7"), None);
        assert_eq!(amount(" 153 000 €"), Some(153_000.0));
        assert_eq!(amount("47000€"), Some(47_000.0));
    }

    #[test]
    fn statuses() {
        assert_eq!(
            status("Action terminée, reproductible"),
            (Some("finished"), true)
        );
        assert_eq!(
            status("Action en cours, non reproductible"),
            (Some("ongoing"), false)
        );
    }

    #[test]
    fn dates() {
        assert_eq!(date("03/02/2015").as_deref(), Some("2015-02-03"));
        assert_eq!(date("Mise à jour en cours"), None);
    }
}
