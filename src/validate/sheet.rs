//! One YAML document → one [`Sheet`], key by key.
//!
//! Each key of schema 1 has its reader here. The document yields a sheet only
//! when none of its readers recorded an error; warnings do not block.

use crate::chars::excerpt;
use crate::parse::{Node, NodeKind, Pos};
use crate::sheet::{KEYS, Key, STATUSES, Sheet, Status, Vocabulary, suggest};

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
    let get = |key: Key| {
        entries
            .iter()
            .find(|(k, _)| *k == key.name())
            .map(|(_, v)| *v)
    };
    let at = root.pos;

    let id = r
        .required_text(get(Key::Id), at, Key::Id.name())
        .and_then(|text| {
            let node = get(Key::Id)?;
            r.value(node, Key::Id.name(), "id", |_| fields::id(&text))
        });
    let title = r.required_text(get(Key::Title), at, Key::Title.name());
    let structure = r.required_text(get(Key::Structure), at, Key::Structure.name());
    let territory = get(Key::Territory).and_then(|n| r.text(n, Key::Territory.name()));
    let department = get(Key::Department)
        .and_then(|n| r.value(n, Key::Department.name(), "department", fields::department));
    let status = match get(Key::Status) {
        Some(node) => status(r, node),
        None => {
            r.missing(at, Key::Status.name());
            None
        }
    };
    let reproducible = get(Key::Reproducible)
        .and_then(|n| r.boolean(n, Key::Reproducible.name()))
        .unwrap_or(false);
    let period = get(Key::Period).and_then(|n| period(r, n));
    let themes = match get(Key::Themes) {
        Some(node) => non_empty(r, node, "theme", |r| {
            terms(r, node, Key::Themes.name(), &ctx.vocabularies.themes)
        }),
        None => {
            r.missing(at, Key::Themes.name());
            Vec::new()
        }
    };
    let publics = get(Key::Publics)
        .map(|n| terms(r, n, Key::Publics.name(), &ctx.vocabularies.publics))
        .unwrap_or_default();
    let partners = get(Key::Partners).and_then(|n| partners(r, n));
    let objectives = match get(Key::Objectives) {
        Some(node) => non_empty(r, node, "objective", |r| {
            r.text_list(node, Key::Objectives.name())
        }),
        None => {
            r.missing(at, Key::Objectives.name());
            Vec::new()
        }
    };
    let description = r.required_text(get(Key::Description), at, Key::Description.name());
    let means = get(Key::Means).and_then(|n| r.text(n, Key::Means.name()));
    let staff_fte = get(Key::StaffFte)
        .and_then(|n| r.value(n, Key::StaffFte.name(), "number", fields::staff_fte));
    let budget = get(Key::Budget).and_then(|n| budget(r, n));
    let results = get(Key::Results).and_then(|n| r.text(n, Key::Results.name()));
    let tools = get(Key::Tools)
        .map(|n| r.text_list(n, Key::Tools.name()))
        .unwrap_or_default();
    let added_value = get(Key::AddedValue).and_then(|n| r.text(n, Key::AddedValue.name()));
    let contacts = get(Key::Contacts)
        .map(|n| contacts(r, n))
        .unwrap_or_default();
    let transfer = get(Key::Transfer).and_then(|n| transfer(r, n));
    let updated = get(Key::Updated).and_then(|n| {
        let date = r.value(n, Key::Updated.name(), "date", fields::date)?;
        if date > ctx.today {
            r.warning(
                n.pos,
                "future-date",
                format!("updated: {date} is in the future"),
            );
        }
        Some(date.to_string())
    });
    let links = get(Key::Links).map(|n| links(r, n)).unwrap_or_default();

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
    let text = r.scalar(node, Key::Status.name())?;
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
