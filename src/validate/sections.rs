//! Readers of the keys that hold structured values: period, partners,
//! budget, contacts, transfer and links.

use crate::chars::excerpt;
use crate::parse::{Node, NodeKind};
use crate::sheet::layout::sub;
use crate::sheet::{Budget, Contact, Funding, Link, Partners, Period, Transfer};

use super::fields;
use super::reader::Reader;

pub fn period(r: &mut Reader, node: &Node, what: &str) -> Option<Period> {
    let entries = r.mapping(node, what, &[sub::START, sub::END])?;
    let get = |key: &str| entries.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let start = match get(sub::START) {
        Some(n) => r.value(n, &format!("{what}.{}", sub::START), "year", fields::year),
        None => {
            r.missing(node.pos, &format!("{what}.{}", sub::START));
            None
        }
    };
    let end = get(sub::END)
        .and_then(|n| r.value(n, &format!("{what}.{}", sub::END), "year", fields::year));
    let start = start?;
    if let Some(end) = end.filter(|end| *end < start) {
        r.error(
            get(sub::END).map_or(node.pos, |n| n.pos),
            "period-order",
            format!(
                "{what}.{} ({end}) is before {what}.{} ({start})",
                sub::END,
                sub::START
            ),
        );
        return None;
    }
    Some(Period { start, end })
}

pub fn partners(r: &mut Reader, node: &Node, what: &str) -> Option<Partners> {
    let entries = r.mapping(node, what, &[sub::SPECIFIC, sub::FUNDERS, sub::OTHERS])?;
    let mut partners = Partners::default();
    for (key, value) in entries {
        let list = r.text_list(value, &format!("{what}.{key}"));
        match key {
            sub::SPECIFIC => partners.specific = list,
            sub::FUNDERS => partners.funders = list,
            _ => partners.others = list,
        }
    }
    (!partners.is_empty()).then_some(partners)
}

pub fn budget(r: &mut Reader, node: &Node, key: &str) -> Option<Budget> {
    let entries = r.mapping(node, key, &[sub::TOTAL, sub::FUNDING])?;
    let get = |k: &str| entries.iter().find(|(e, _)| *e == k).map(|(_, v)| *v);
    let funding = get(sub::FUNDING).map_or_else(Vec::new, |list| funding(r, list, key));
    let total = match get(sub::TOTAL) {
        Some(n) => r.value(n, &format!("{key}.{}", sub::TOTAL), "money", fields::money),
        None => {
            let sum = shown_sum(&funding);
            r.error(
                node.pos,
                "missing-key",
                format!(
                    "the required key `{key}.{}` is missing (the funding lines add up to {sum})",
                    sub::TOTAL,
                ),
            );
            None
        }
    }?;
    let sum = funding_sum(&funding);
    if !funding.is_empty() && sum != total.cents {
        r.warning(
            node.pos,
            "funding-sum",
            format!(
                "the funding lines add up to {}, not the total of {}",
                shown_sum(&funding),
                total
            ),
        );
    }
    Some(Budget { total, funding })
}

/// The funding lines of a budget.
fn funding(r: &mut Reader, list: &Node, key: &str) -> Vec<Funding> {
    let items: &[Node] = match &list.kind {
        NodeKind::Seq(items) => items,
        _ if list.is_null() => &[],
        _ => {
            r.error(
                list.pos,
                "type",
                format!(
                    "`{key}.{}` should be a list of {{{}, {}}}",
                    sub::FUNDING,
                    sub::SOURCE,
                    sub::AMOUNT
                ),
            );
            &[]
        }
    };
    let mut funding = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let what = format!("{key}.{}[{}]", sub::FUNDING, i + 1);
        let Some(fields) = r.mapping(item, &what, &[sub::SOURCE, sub::AMOUNT]) else {
            if item.is_null() {
                r.error(item.pos, "blank", format!("`{what}` is empty"));
            }
            continue;
        };
        let field = |key: &str| fields.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        let source = r.required_text(
            field(sub::SOURCE),
            item.pos,
            &format!("{what}.{}", sub::SOURCE),
        );
        let amount_what = format!("{what}.{}", sub::AMOUNT);
        let amount = match field(sub::AMOUNT) {
            Some(n) => r.value(n, &amount_what, "money", fields::money),
            None => {
                r.missing(item.pos, &amount_what);
                None
            }
        };
        if let (Some(source), Some(amount)) = (source, amount) {
            funding.push(Funding { source, amount });
        }
    }
    funding
}

pub fn contacts(r: &mut Reader, node: &Node, key: &str) -> Vec<Contact> {
    let items: &[Node] = match &node.kind {
        NodeKind::Seq(items) => items,
        NodeKind::Map(_) => std::slice::from_ref(node),
        NodeKind::Scalar { .. } if node.is_null() => &[],
        NodeKind::Scalar { .. } => {
            r.error(
                node.pos,
                "type",
                format!(
                    "`{}` should be a list of {{{}, {}, {}, {}}}",
                    key,
                    sub::NAME,
                    sub::ROLE,
                    sub::EMAIL,
                    sub::PHONE
                ),
            );
            &[]
        }
    };
    let mut contacts = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let what = format!("{}[{}]", key, i + 1);
        let Some(fields) = r.mapping(item, &what, &[sub::NAME, sub::ROLE, sub::EMAIL, sub::PHONE])
        else {
            if item.as_scalar().is_some() && !item.is_null() {
                r.error(
                    item.pos,
                    "type",
                    format!("`{what}` should be a mapping with at least `name:`"),
                );
            }
            continue;
        };
        let field = |key: &str| fields.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        let name = r.required_text(field(sub::NAME), item.pos, &format!("{what}.{}", sub::NAME));
        let role = field(sub::ROLE).and_then(|n| r.text(n, &format!("{what}.{}", sub::ROLE)));
        let email = field(sub::EMAIL).and_then(|n| r.text(n, &format!("{what}.{}", sub::EMAIL)));
        if let (Some(email), Some(n)) = (&email, field(sub::EMAIL))
            && !fields::email_looks_valid(email)
        {
            r.warning(
                n.pos,
                "email",
                format!(
                    "{what}.{}: `{}` does not look like an email address",
                    sub::EMAIL,
                    excerpt(email)
                ),
            );
        }
        let phone = field(sub::PHONE).and_then(|n| r.text(n, &format!("{what}.{}", sub::PHONE)));
        if let (Some(phone), Some(n)) = (&phone, field(sub::PHONE))
            && !fields::phone_looks_valid(phone)
        {
            r.warning(
                n.pos,
                "phone",
                format!(
                    "{what}.{}: `{}` does not look like a phone number",
                    sub::PHONE,
                    excerpt(phone)
                ),
            );
        }
        if let Some(name) = name {
            contacts.push(Contact {
                name,
                role,
                email,
                phone,
            });
        }
    }
    contacts
}

pub fn transfer(r: &mut Reader, node: &Node, what: &str) -> Option<Transfer> {
    let entries = r.mapping(node, what, &[sub::SUCCESS_FACTORS, sub::DIFFICULTIES])?;
    let mut transfer = Transfer::default();
    for (key, value) in entries {
        let list = r.text_list(value, &format!("{what}.{key}"));
        if key == sub::SUCCESS_FACTORS {
            transfer.success_factors = list;
        } else {
            transfer.difficulties = list;
        }
    }
    (!transfer.success_factors.is_empty() || !transfer.difficulties.is_empty()).then_some(transfer)
}

pub fn links(r: &mut Reader, node: &Node, key: &str) -> Vec<Link> {
    let items: &[Node] = match &node.kind {
        NodeKind::Seq(items) => items,
        _ if node.is_null() => &[],
        _ => std::slice::from_ref(node),
    };
    let mut links = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let what = format!("{key}[{}]", i + 1);
        if let NodeKind::Scalar { .. } = item.kind {
            if let Some(url) = r.value(item, &what, "link", fields::url) {
                links.push(Link { title: None, url });
            }
            continue;
        }
        let Some(fields) = r.mapping(item, &what, &[sub::TITLE, sub::URL]) else {
            continue;
        };
        let field = |key: &str| fields.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        let title = field(sub::TITLE).and_then(|n| r.text(n, &format!("{what}.{}", sub::TITLE)));
        let url = match field(sub::URL) {
            Some(n) => r.value(n, &format!("{what}.{}", sub::URL), "link", fields::url),
            None => {
                r.missing(item.pos, &format!("{what}.{}", sub::URL));
                None
            }
        };
        if let Some(url) = url {
            links.push(Link { title, url });
        }
    }
    links
}

/// The funding lines' total for a message: beyond the largest amount a
/// total may have, only that it is more.
fn shown_sum(funding: &[Funding]) -> String {
    let max = crate::sheet::Money {
        cents: crate::sheet::MAX_EUROS * 100,
    };
    match funding_sum(funding) {
        sum if sum > max.cents => format!("more than {max}"),
        sum => crate::sheet::Money { cents: sum }.to_string(),
    }
}

/// The funding lines' total in cents. Each line is at most 10¹² euros, but a
/// file may repeat one line (through an alias) enough times to pass `i64`:
/// the sum saturates instead of overflowing.
fn funding_sum(funding: &[Funding]) -> i64 {
    funding
        .iter()
        .fold(0_i64, |sum, f| sum.saturating_add(f.amount.cents))
}
