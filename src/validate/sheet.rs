//! One YAML document → one [`Sheet`], key by key.
//!
//! Every field of the registry is read in its order by the reader of its
//! kind (an exhaustive match: a new kind does not compile until it has its
//! reader). The document yields a sheet only when none of its readers
//! recorded an error; warnings do not block.

use crate::chars::excerpt;
use crate::parse::{Node, NodeKind, Pos};
use crate::sheet::kind::{Item, Kind, Need, Slot, Text};
use crate::sheet::{FIELDS, KEYS, STATUSES, Sheet, Status, Vocabulary, suggest};

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
    let mut sheet = Sheet::default();
    let mut complete = true;
    for def in FIELDS {
        let node = entries
            .iter()
            .find(|(k, _)| *k == def.name)
            .map(|(_, v)| *v);
        let field = Field {
            what: def.name,
            node,
            at: root.pos,
        };
        complete &= field.read(r, def.kind, ctx, &mut sheet);
    }
    (complete && r.error_count() == errors_before).then_some(sheet)
}

/// One field of a document: its key, its value if given, and where the
/// document starts (for a missing required key).
struct Field<'n> {
    what: &'static str,
    node: Option<&'n Node>,
    at: Pos,
}

impl Field<'_> {
    /// Reads the field into the sheet; `false` when a required value could
    /// not be read (an error says why).
    fn read(&self, r: &mut Reader, kind: Kind, ctx: &Context, sheet: &mut Sheet) -> bool {
        let (what, node) = (self.what, self.node);
        match kind {
            Kind::Text(rule, slot) => {
                let text = r
                    .required_text(node, self.at, what)
                    .and_then(|text| checked(r, rule, node?, what, Some(text), ctx));
                text.map(|text| *(slot.get_mut)(sheet) = text).is_some()
            }
            Kind::OptText(rule, slot) => {
                *(slot.get_mut)(sheet) = node.and_then(|n| checked(r, rule, n, what, None, ctx));
                true
            }
            Kind::List(item, need, slot) => {
                *(slot.get_mut)(sheet) = self.list(r, item, need, ctx);
                true
            }
            Kind::Status(slot) => {
                let Some(node) = node else {
                    r.missing(self.at, what);
                    return false;
                };
                status(r, node, what)
                    .map(|s| *(slot.get_mut)(sheet) = s)
                    .is_some()
            }
            Kind::Flag(slot) => {
                *(slot.get_mut)(sheet) = node.and_then(|n| r.boolean(n, what)).unwrap_or(false);
                true
            }
            Kind::Period(slot) => set(slot, sheet, node.and_then(|n| period(r, n, what))),
            Kind::Staff(slot) => {
                let staff = node.and_then(|n| r.value(n, what, "number", fields::staff_fte));
                set(slot, sheet, staff)
            }
            Kind::Partners(slot) => set(slot, sheet, node.and_then(|n| partners(r, n, what))),
            Kind::Budget(slot) => set(slot, sheet, node.and_then(|n| budget(r, n, what))),
            Kind::Contacts(slot) => set(
                slot,
                sheet,
                node.map(|n| contacts(r, n, what)).unwrap_or_default(),
            ),
            Kind::Transfer(slot) => set(slot, sheet, node.and_then(|n| transfer(r, n, what))),
            Kind::Links(slot) => set(
                slot,
                sheet,
                node.map(|n| links(r, n, what)).unwrap_or_default(),
            ),
        }
    }

    fn list(&self, r: &mut Reader, item: Item, need: Need, ctx: &Context) -> Vec<String> {
        let what = self.what;
        let read = |r: &mut Reader, node: &Node| match item {
            Item::Plain => r.text_list(node, what),
            Item::Term(vocab) => terms(r, node, what, vocab.of(ctx.vocabularies)),
        };
        match (self.node, need) {
            (Some(node), Need::AtLeastOne(one)) => non_empty(r, node, one, |r| read(r, node)),
            (Some(node), Need::Optional) => read(r, node),
            (None, Need::AtLeastOne(_)) => {
                r.missing(self.at, what);
                Vec::new()
            }
            (None, Need::Optional) => Vec::new(),
        }
    }
}

/// Sets an optional field (absent stays absent); never fails.
fn set<T>(slot: Slot<T>, sheet: &mut Sheet, value: T) -> bool {
    *(slot.get_mut)(sheet) = value;
    true
}

/// A text checked by what it holds; `text` is the value already read as
/// required text, if it was.
fn checked(
    r: &mut Reader,
    rule: Text,
    node: &Node,
    what: &str,
    text: Option<String>,
    ctx: &Context,
) -> Option<String> {
    match (rule, text) {
        (Text::Slug, Some(text)) => r.value(node, what, "id", |_| fields::id(&text)),
        (Text::Slug, None) => r.value(node, what, "id", fields::id),
        (Text::Plain | Text::Prose, Some(text)) => Some(text),
        (Text::Plain | Text::Prose, None) => r.text(node, what),
        (Text::Department, _) => r.value(node, what, "department", fields::department),
        (Text::Date, _) => {
            let date = r.value(node, what, "date", fields::date)?;
            if date > ctx.today {
                r.warning(
                    node.pos,
                    "future-date",
                    format!("{what}: {date} is in the future"),
                );
            }
            Some(date.to_string())
        }
    }
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

fn status(r: &mut Reader, node: &Node, what: &str) -> Option<Status> {
    let text = r.scalar(node, what)?;
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
