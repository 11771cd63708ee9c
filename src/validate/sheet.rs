//! One YAML document → one [`Sheet`], key by key.
//!
//! Each key of schema 1 has its reader here. The document yields a sheet only
//! when none of its readers recorded an error; warnings do not block.

use crate::parse::{Node, NodeKind, Pos};
use crate::sheet::{
    Budget, Contact, Funding, KEYS, Link, Partners, Period, STATUSES, Sheet, Status, Transfer,
    Vocabulary, suggest,
};

use super::Context;
use super::fields;
use super::reader::Reader;

pub fn read_sheet(r: &mut Reader, root: &Node, ctx: &Context) -> Option<Sheet> {
    let errors_before = r.error_count();
    if !matches!(root.kind, NodeKind::Map(_)) {
        r.error(
            root.pos,
            "type",
            "a sheet must be a mapping of keys (id: …, title: …), not a list or text",
        );
        return None;
    }
    let entries = r.mapping(root, "", &KEYS)?;
    let get = |key: &str| entries.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let at = root.pos;

    let id = r.required_text(get("id"), at, "id").and_then(|text| {
        let node = get("id")?;
        r.value(node, "id", "id", |_| fields::id(&text))
    });
    let title = r.required_text(get("title"), at, "title");
    let structure = r.required_text(get("structure"), at, "structure");
    let territory = get("territory").and_then(|n| r.text(n, "territory"));
    let department =
        get("department").and_then(|n| r.value(n, "department", "department", fields::department));
    let status = match get("status") {
        Some(node) => status(r, node),
        None => {
            r.missing(at, "status");
            None
        }
    };
    let reproducible = get("reproducible")
        .and_then(|n| r.boolean(n, "reproducible"))
        .unwrap_or(false);
    let period = get("period").and_then(|n| period(r, n));
    let themes = match get("themes") {
        Some(node) => non_empty(r, node, "theme", |r| {
            terms(r, node, "themes", &ctx.vocabularies.themes)
        }),
        None => {
            r.missing(at, "themes");
            Vec::new()
        }
    };
    let publics = get("publics")
        .map(|n| terms(r, n, "publics", &ctx.vocabularies.publics))
        .unwrap_or_default();
    let partners = get("partners").and_then(|n| partners(r, n));
    let objectives = match get("objectives") {
        Some(node) => non_empty(r, node, "objective", |r| r.text_list(node, "objectives")),
        None => {
            r.missing(at, "objectives");
            Vec::new()
        }
    };
    let description = r.required_text(get("description"), at, "description");
    let means = get("means").and_then(|n| r.text(n, "means"));
    let staff_fte =
        get("staff_fte").and_then(|n| r.value(n, "staff_fte", "number", fields::staff_fte));
    let budget = get("budget").and_then(|n| budget(r, n));
    let results = get("results").and_then(|n| r.text(n, "results"));
    let tools = get("tools")
        .map(|n| r.text_list(n, "tools"))
        .unwrap_or_default();
    let added_value = get("added_value").and_then(|n| r.text(n, "added_value"));
    let contacts = get("contacts").map(|n| contacts(r, n)).unwrap_or_default();
    let transfer = get("transfer").and_then(|n| transfer(r, n));
    let updated = get("updated").and_then(|n| {
        let date = r.value(n, "updated", "date", fields::date)?;
        if date > ctx.today {
            r.warning(
                n.pos,
                "future-date",
                format!("updated: {date} is in the future"),
            );
        }
        Some(date.to_string())
    });
    let links = get("links").map(|n| links(r, n)).unwrap_or_default();

    if r.error_count() > errors_before {
        return None;
    }
    Some(Sheet {
        id: id?,
        title: title?,
        structure: structure?,
        territory,
        department,
        status: status?,
        reproducible,
        period,
        themes,
        publics,
        partners,
        objectives,
        description: description?,
        means,
        staff_fte,
        budget,
        results,
        tools,
        added_value,
        contacts,
        transfer,
        updated,
        links,
    })
}

/// A required list: reading it must give at least one item, or say why not.
fn non_empty<T>(
    r: &mut Reader,
    node: &Node,
    item: &str,
    read: impl FnOnce(&mut Reader) -> Vec<T>,
) -> Vec<T> {
    let before = r.error_count();
    let list = read(r);
    if list.is_empty() && r.error_count() == before {
        r.error(
            node.pos,
            "blank",
            format!("at least one {item} is required"),
        );
    }
    list
}

fn status(r: &mut Reader, node: &Node) -> Option<Status> {
    let text = r.scalar(node, "status")?;
    if let Some(status) = Status::parse(text) {
        return Some(status);
    }
    let names = STATUSES.iter().flat_map(|s| [s.code(), s.label()]);
    let close = suggest(text, names);
    let hint = match close.first() {
        Some(best) => format!("did you mean `{best}`? "),
        None => String::new(),
    };
    r.error(
        node.pos,
        "status",
        format!(
            "unknown status `{text}`: {hint}use planned, ongoing, finished or abandoned \
             (or en projet, en cours, terminée, abandonnée)"
        ),
    );
    None
}

/// Vocabulary terms, stored as codes, each kept once.
fn terms(r: &mut Reader, node: &Node, what: &str, vocabulary: &Vocabulary) -> Vec<String> {
    let items: Vec<(String, Pos)> = match &node.kind {
        NodeKind::Seq(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                r.text(item, &format!("{what}[{}]", i + 1))
                    .map(|t| (t, item.pos))
            })
            .collect(),
        _ => r
            .text(node, what)
            .map(|t| (t, node.pos))
            .into_iter()
            .collect(),
    };
    let mut codes: Vec<String> = Vec::with_capacity(items.len());
    for (text, pos) in items {
        match vocabulary.resolve(&text) {
            Some(term) if codes.contains(&term.code) => r.warning(
                pos,
                "duplicate-term",
                format!(
                    "{what}: `{text}` names the {} `{}` again; it is kept once",
                    vocabulary.kind, term.code
                ),
            ),
            Some(term) => codes.push(term.code.clone()),
            None => {
                let close = vocabulary.closest(&text);
                let hint = if close.is_empty() {
                    format!("`pacte vocab` lists the known {}s", vocabulary.kind)
                } else {
                    format!(
                        "did you mean {}?",
                        close
                            .iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    )
                };
                r.error(
                    pos,
                    "vocabulary",
                    format!("{what}: unknown {} `{text}`: {hint}", vocabulary.kind),
                );
            }
        }
    }
    codes
}

fn period(r: &mut Reader, node: &Node) -> Option<Period> {
    let entries = r.mapping(node, "period", &["start", "end"])?;
    let get = |key: &str| entries.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let start = match get("start") {
        Some(n) => r.value(n, "period.start", "year", fields::year),
        None => {
            r.missing(node.pos, "period.start");
            None
        }
    };
    let end = get("end").and_then(|n| r.value(n, "period.end", "year", fields::year));
    let start = start?;
    if let Some(end) = end.filter(|end| *end < start) {
        r.error(
            get("end").map_or(node.pos, |n| n.pos),
            "period-order",
            format!("period.end ({end}) is before period.start ({start})"),
        );
        return None;
    }
    Some(Period { start, end })
}

fn partners(r: &mut Reader, node: &Node) -> Option<Partners> {
    let entries = r.mapping(node, "partners", &["specific", "funders", "others"])?;
    let mut partners = Partners::default();
    for (key, value) in entries {
        let list = r.text_list(value, &format!("partners.{key}"));
        match key {
            "specific" => partners.specific = list,
            "funders" => partners.funders = list,
            _ => partners.others = list,
        }
    }
    (!partners.is_empty()).then_some(partners)
}

fn budget(r: &mut Reader, node: &Node) -> Option<Budget> {
    let entries = r.mapping(node, "budget", &["total", "funding"])?;
    let get = |key: &str| entries.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let mut funding = Vec::new();
    if let Some(list) = get("funding") {
        let items: &[Node] = match &list.kind {
            NodeKind::Seq(items) => items,
            _ if list.is_null() => &[],
            _ => {
                r.error(
                    list.pos,
                    "type",
                    "`budget.funding` should be a list of {source, amount}",
                );
                &[]
            }
        };
        for (i, item) in items.iter().enumerate() {
            let what = format!("budget.funding[{}]", i + 1);
            let Some(fields) = r.mapping(item, &what, &["source", "amount"]) else {
                if item.is_null() {
                    r.error(item.pos, "blank", format!("`{what}` is empty"));
                }
                continue;
            };
            let field = |key: &str| fields.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
            let source = r.required_text(field("source"), item.pos, &format!("{what}.source"));
            let amount = match field("amount") {
                Some(n) => r.value(n, &format!("{what}.amount"), "money", fields::money),
                None => {
                    r.missing(item.pos, &format!("{what}.amount"));
                    None
                }
            };
            if let (Some(source), Some(amount)) = (source, amount) {
                funding.push(Funding { source, amount });
            }
        }
    }
    let total = match get("total") {
        Some(n) => r.value(n, "budget.total", "money", fields::money),
        None => {
            let sum: i64 = funding.iter().map(|f| f.amount.cents).sum();
            r.error(
                node.pos,
                "missing-key",
                format!(
                    "the required key `budget.total` is missing (the funding lines add up to {})",
                    crate::sheet::Money { cents: sum }
                ),
            );
            None
        }
    }?;
    let sum: i64 = funding.iter().map(|f| f.amount.cents).sum();
    if !funding.is_empty() && sum != total.cents {
        r.warning(
            node.pos,
            "funding-sum",
            format!(
                "the funding lines add up to {}, not the total of {}",
                crate::sheet::Money { cents: sum },
                total
            ),
        );
    }
    Some(Budget { total, funding })
}

fn contacts(r: &mut Reader, node: &Node) -> Vec<Contact> {
    let items: &[Node] = match &node.kind {
        NodeKind::Seq(items) => items,
        NodeKind::Map(_) => std::slice::from_ref(node),
        NodeKind::Scalar { .. } if node.is_null() => &[],
        NodeKind::Scalar { .. } => {
            r.error(
                node.pos,
                "type",
                "`contacts` should be a list of {name, role, email, phone}",
            );
            &[]
        }
    };
    let mut contacts = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let what = format!("contacts[{}]", i + 1);
        let Some(fields) = r.mapping(item, &what, &["name", "role", "email", "phone"]) else {
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
        let name = r.required_text(field("name"), item.pos, &format!("{what}.name"));
        let role = field("role").and_then(|n| r.text(n, &format!("{what}.role")));
        let email = field("email").and_then(|n| r.text(n, &format!("{what}.email")));
        if let (Some(email), Some(n)) = (&email, field("email"))
            && !fields::email_looks_valid(email)
        {
            r.warning(
                n.pos,
                "email",
                format!("{what}.email: `{email}` does not look like an email address"),
            );
        }
        let phone = field("phone").and_then(|n| r.text(n, &format!("{what}.phone")));
        if let (Some(phone), Some(n)) = (&phone, field("phone"))
            && !fields::phone_looks_valid(phone)
        {
            r.warning(
                n.pos,
                "phone",
                format!("{what}.phone: `{phone}` does not look like a phone number"),
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

fn transfer(r: &mut Reader, node: &Node) -> Option<Transfer> {
    let entries = r.mapping(node, "transfer", &["success_factors", "difficulties"])?;
    let mut transfer = Transfer::default();
    for (key, value) in entries {
        let list = r.text_list(value, &format!("transfer.{key}"));
        if key == "success_factors" {
            transfer.success_factors = list;
        } else {
            transfer.difficulties = list;
        }
    }
    (!transfer.success_factors.is_empty() || !transfer.difficulties.is_empty()).then_some(transfer)
}

fn links(r: &mut Reader, node: &Node) -> Vec<Link> {
    let items: &[Node] = match &node.kind {
        NodeKind::Seq(items) => items,
        _ if node.is_null() => &[],
        _ => std::slice::from_ref(node),
    };
    let mut links = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let what = format!("links[{}]", i + 1);
        if let NodeKind::Scalar { .. } = item.kind {
            if let Some(url) = r.value(item, &what, "link", fields::url) {
                links.push(Link { title: None, url });
            }
            continue;
        }
        let Some(fields) = r.mapping(item, &what, &["title", "url"]) else {
            continue;
        };
        let field = |key: &str| fields.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        let title = field("title").and_then(|n| r.text(n, &format!("{what}.title")));
        let url = match field("url") {
            Some(n) => r.value(n, &format!("{what}.url"), "link", fields::url),
            None => {
                r.missing(item.pos, &format!("{what}.url"));
                None
            }
        };
        if let Some(url) = url {
            links.push(Link { title, url });
        }
    }
    links
}
