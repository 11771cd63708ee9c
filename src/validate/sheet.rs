//! One YAML document → one [`Sheet`], key by key.
//!
//! Each key of schema 1 has its reader here. The document yields a sheet only
//! when none of its readers recorded an error; warnings do not block.

use crate::chars::excerpt;
use crate::parse::{Node, NodeKind, Pos};
use crate::sheet::{KEYS, STATUSES, Sheet, Status, Vocabulary, suggest};

use super::Context;
use super::fields;
use super::reader::Reader;
use super::sections::{budget, contacts, links, partners, period, transfer};

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
            "unknown status `{}`: {hint}use planned, ongoing, finished or abandoned \
             (or en projet, en cours, terminée, abandonnée)",
            excerpt(text)
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
                    "{what}: `{}` names the {} `{}` again; it is kept once",
                    excerpt(&text),
                    vocabulary.kind,
                    term.code
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
                    format!(
                        "{what}: unknown {} `{}`: {hint}",
                        vocabulary.kind,
                        excerpt(&text)
                    ),
                );
            }
        }
    }
    codes
}
