//! Removing personal data before a catalogue is published
//! (`--redact-contacts`, for the site, its search data and `export`).
//!
//! Invariants: what happens to a key follows its privacy class, declared
//! with the field in the registry; [`Clean::field`] matches every kind
//! of value with no catch-all arm, and every field of the registry passes
//! through it, so a new field cannot be forgotten. Keys of the contact and
//! personal classes are left out. Text in public keys is cleared by what a
//! value *is*, not by where it stands: an e-mail address in any spelling
//! (quoted local parts, IP literals, inside a link, `%40`, `&#64;`, `＠`,
//! `[at]`/`(at)`/` at ` with `[dot]`/` point `), a phone number (French and
//! international forms), a `mailto:`/`tel:` address, and the names of the
//! sheet's own contacts. A link whose address holds any of these is left
//! out.

use std::sync::LazyLock;

use regex::Regex;

use super::kind::{Item, Kind, Need, Privacy, Text};
use super::registry::FIELDS;
use super::{Contact, Link, Partners, Sheet};

/// What stands in for an email address found in free text.
pub const HIDDEN_EMAIL: &str = "[adresse masquée]";
/// What stands in for a phone number found in free text.
pub const HIDDEN_PHONE: &str = "[téléphone masqué]";
/// What stands in for the name of a contact found in free text.
pub const HIDDEN_NAME: &str = "[nom masqué]";

/// `@` in its usual spellings, obfuscated ones included.
const AT: &str = r"(?:[ \t]?(?:@|＠|﹫|%40|&\#0*64;|&\#[xX]0*40;|&commat;)[ \t]?|\s*[\[\(\{<]\s*(?:at|arobase|chez)\s*[\]\)\}>]\s*|\s+(?:at|arobase)\s+)";
/// `.` in a domain, obfuscated ones included.
const DOT: &str = r"(?:\.|\s*[\[\(\{<]\s*(?:dot|point)\s*[\]\)\}>]\s*|\s+(?:dot|point)\s+)";
/// A local part: quoted (`"jean dupont"`) or a dot-atom. `/`, `?` and `=`,
/// allowed but unseen in addresses people use, are left out so that an
/// address inside a link's query (`?to=jean@…`) is cut where it starts.
const LOCAL: &str =
    r#"(?:"(?:[^"\\\r\n]|\\.)*"|[\p{L}\p{N}!#$%'*+^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%'*+^_`{|}~-]+)*)"#;
/// One label of a domain name.
const LABEL: &str = r"[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?";

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    let domain = format!(r"(?:\[[^\]\s]{{1,80}}\]|{LABEL}(?:{DOT}{LABEL})+)");
    Regex::new(&format!("(?i){LOCAL}{AT}{domain}")).expect("a valid pattern")
});

static SCHEME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:mailto|tel|callto|sms|fax):[^\s<>"]*"#).expect("a valid pattern")
});

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    // French: 0X XX XX XX XX, +33 (0)X…, 0033 X…; elsewhere: + and 8 to
    // 15 digits in groups.
    Regex::new(concat!(
        r"(?:(?:\+|\b00)[ .\-]?33[ .\-]?(?:\(0\)[ .\-]?)?|\b0)[1-9](?:[ .\-]?\d{2}){4}\b",
        r"|\+\d{1,3}(?:[ .\-]?\(?\d{1,4}\)?){2,6}\d",
    ))
    .expect("a valid pattern")
});

/// Clears contact details out of text.
struct Scrubber {
    names: Option<Regex>,
}

impl Scrubber {
    /// For a sheet whose contacts are these people.
    fn new(sheet: &Sheet) -> Scrubber {
        let mut spellings: Vec<String> = Vec::new();
        for contact in &sheet.contacts {
            let words: Vec<&str> = contact.name.split_whitespace().collect();
            if words.iter().map(|w| w.chars().count()).sum::<usize>() < 3 {
                continue;
            }
            let escaped: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
            spellings.push(escaped.join(r"[\s\u{a0}]+"));
            if escaped.len() > 1 {
                let mut reversed = escaped.clone();
                reversed.reverse();
                spellings.push(reversed.join(r"[\s\u{a0},]+"));
            }
        }
        spellings.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let names = (!spellings.is_empty())
            .then(|| Regex::new(&format!(r"(?i)\b(?:{})\b", spellings.join("|"))).ok())
            .flatten();
        Scrubber { names }
    }

    fn text(&self, text: &str) -> String {
        let text = SCHEME.replace_all(text, HIDDEN_EMAIL);
        let text = EMAIL.replace_all(&text, HIDDEN_EMAIL);
        let text = PHONE.replace_all(&text, HIDDEN_PHONE);
        match &self.names {
            Some(names) => names.replace_all(&text, HIDDEN_NAME).into_owned(),
            None => text.into_owned(),
        }
    }

    /// Whether text holds a contact detail (for a link's address, which
    /// cannot be rewritten and stay an address).
    fn holds_contact(&self, text: &str) -> bool {
        let decoded = text.replace("%40", "@").replace("%20", " ");
        [text, decoded.as_str()].iter().any(|t| {
            SCHEME.is_match(t)
                || EMAIL.is_match(t)
                || PHONE.is_match(t)
                || self.names.as_ref().is_some_and(|n| n.is_match(t))
        })
    }

    fn in_place(&self, text: &mut String) {
        *text = self.text(text);
    }

    fn all(&self, items: &mut [String]) {
        for item in items {
            self.in_place(item);
        }
    }
}

impl Sheet {
    /// The sheet as it may be published: see the module documentation.
    #[must_use]
    pub fn redacted(&self) -> Sheet {
        let scrubber = Scrubber::new(self);
        let mut sheet = self.clone();
        for def in FIELDS {
            let clean = Clean {
                public: def.privacy == Privacy::Public,
                scrubber: &scrubber,
            };
            clean.field(&mut sheet, def.kind);
        }
        sheet
    }
}

/// What a privacy class does to the values of one field.
struct Clean<'a> {
    public: bool,
    scrubber: &'a Scrubber,
}

impl Clean<'_> {
    /// Required text cannot be left out: should a required field ever be
    /// declared private, its text is replaced.
    fn required(&self, text: &mut String) {
        if self.public {
            self.scrubber.in_place(text);
        } else {
            HIDDEN_NAME.clone_into(text);
        }
    }

    fn optional(&self, text: &mut Option<String>) {
        match text {
            Some(text) if self.public => self.scrubber.in_place(text),
            _ => *text = None,
        }
    }

    /// A value that holds no free text: kept when public, left out
    /// otherwise.
    fn drop<T: Default>(&self, value: &mut T) {
        if !self.public {
            *value = T::default();
        }
    }

    fn list(&self, items: &mut Vec<String>) {
        if self.public {
            self.scrubber.all(items);
        } else {
            items.clear();
        }
    }

    /// Free text is cleaned or left out; a slug (it names pages and
    /// files: changing it would break them), codes, numbers, dates and
    /// flags hold no free text, and are left out only when not public.
    fn field(&self, sheet: &mut Sheet, kind: Kind) {
        match kind {
            Kind::Text(Text::Slug | Text::Department | Text::Date, _)
            | Kind::List(Item::Term(_), Need::AtLeastOne(_), _)
            | Kind::Status(_) => {}
            Kind::OptText(Text::Slug | Text::Department | Text::Date, slot) => {
                self.drop((slot.get_mut)(sheet));
            }
            Kind::List(Item::Term(_), Need::Optional, slot) => self.drop((slot.get_mut)(sheet)),
            Kind::Flag(slot) => self.drop((slot.get_mut)(sheet)),
            Kind::Period(slot) => self.drop((slot.get_mut)(sheet)),
            Kind::Staff(slot) => self.drop((slot.get_mut)(sheet)),
            Kind::Text(Text::Plain | Text::Prose, slot) => self.required((slot.get_mut)(sheet)),
            Kind::OptText(Text::Plain | Text::Prose, slot) => self.optional((slot.get_mut)(sheet)),
            Kind::List(Item::Plain, _, slot) => self.list((slot.get_mut)(sheet)),
            Kind::Partners(slot) => {
                for list in (slot.get_mut)(sheet)
                    .iter_mut()
                    .flat_map(Partners::lists_mut)
                {
                    self.list(list);
                }
            }
            Kind::Transfer(slot) => {
                if let Some(transfer) = (slot.get_mut)(sheet) {
                    self.list(&mut transfer.success_factors);
                    self.list(&mut transfer.difficulties);
                }
            }
            Kind::Budget(slot) => {
                for line in (slot.get_mut)(sheet)
                    .iter_mut()
                    .flat_map(|b| &mut b.funding)
                {
                    self.required(&mut line.source);
                }
            }
            Kind::Contacts(slot) => self.contacts((slot.get_mut)(sheet)),
            Kind::Links(slot) => self.links((slot.get_mut)(sheet)),
        }
    }

    fn contacts(&self, contacts: &mut Vec<Contact>) {
        if !self.public {
            contacts.clear();
            return;
        }
        for contact in contacts {
            self.required(&mut contact.name);
            self.optional(&mut contact.role);
            self.optional(&mut contact.email);
            self.optional(&mut contact.phone);
        }
    }

    /// A link whose address holds a contact detail is left out.
    fn links(&self, links: &mut Vec<Link>) {
        if !self.public {
            links.clear();
            return;
        }
        links.retain(|link| !self.scrubber.holds_contact(&link.url));
        for Link { title, .. } in links {
            self.optional(title);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrub(text: &str) -> String {
        Scrubber { names: None }.text(text)
    }

    #[test]
    fn every_form_of_email_is_hidden() {
        let cases = [
            ("Écrire à direction@mef.fr.", "Écrire à [adresse masquée]."),
            ("(contact : a.b@c-d.org)", "(contact : [adresse masquée])"),
            ("<x@y.fr>, z@w.eu", "<[adresse masquée]>, [adresse masquée]"),
            ("\"jean dupont\"@example.org", "[adresse masquée]"),
            ("\"a\\\"b\"@example.org", "[adresse masquée]"),
            ("name@[192.0.2.1]", "[adresse masquée]"),
            ("x@[IPv6:2001:db8::1] ici", "[adresse masquée] ici"),
            ("jean(at)example.org", "[adresse masquée]"),
            ("jean [at] example [dot] org", "[adresse masquée]"),
            ("jean at example dot org", "[adresse masquée]"),
            ("jean arobase mef point fr", "[adresse masquée]"),
            ("jean{at}example.org", "[adresse masquée]"),
            ("jean＠example.org", "[adresse masquée]"),
            ("jean&#64;example.org", "[adresse masquée]"),
            ("jean&#x40;example.org", "[adresse masquée]"),
            (
                "https://x.org/?to=jean%40example.org",
                "https://x.org/?to=[adresse masquée]",
            ),
            ("mailto:jean@example.org?subject=x", "[adresse masquée]"),
            ("Élodie.Müller@exemple.fr", "[adresse masquée]"),
            ("jean @ example.org", "[adresse masquée]"),
        ];
        for (text, expected) in cases {
            assert_eq!(scrub(text), expected, "{text}");
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for text in [
            "rendez-vous @ la mairie",
            "twitter @pacte",
            "Budget de 153 000 € sur 2012 – 2014",
            "Le point fort : 12 participants at home",
            "Article L. 5131-1",
        ] {
            assert_eq!(scrub(text), text);
        }
    }

    #[test]
    fn phone_numbers_are_hidden() {
        for text in [
            "03 89 35 35 70",
            "03.89.35.35.70",
            "0389353570",
            "+33 3 89 35 35 70",
            "+33 (0)3 89 35 35 70",
            "0033 389353570",
            "tel:+33389353570",
            "+44 20 7946 0958",
        ] {
            let scrubbed = scrub(&format!("Appeler le {text}."));
            assert!(
                !scrubbed.chars().any(|c| c.is_ascii_digit()),
                "{text}: {scrubbed}"
            );
        }
    }
}
