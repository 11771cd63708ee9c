//! Removing personal data before a catalogue is published.

use super::Sheet;

/// What stands in for an email address found in free text.
pub const HIDDEN_EMAIL: &str = "[adresse masquée]";

impl Sheet {
    /// The sheet without its contacts (names, roles, emails, phones), and
    /// with any email address written in its free text hidden.
    #[must_use]
    pub fn redacted(&self) -> Sheet {
        let mut sheet = self.clone();
        sheet.contacts.clear();
        let texts = [
            Some(&mut sheet.description),
            sheet.means.as_mut(),
            sheet.results.as_mut(),
            sheet.added_value.as_mut(),
        ];
        for text in texts.into_iter().flatten() {
            *text = hide_emails(text);
        }
        for list in [&mut sheet.objectives, &mut sheet.tools] {
            for item in list.iter_mut() {
                *item = hide_emails(item);
            }
        }
        if let Some(transfer) = &mut sheet.transfer {
            for item in transfer
                .success_factors
                .iter_mut()
                .chain(&mut transfer.difficulties)
            {
                *item = hide_emails(item);
            }
        }
        sheet
    }
}

/// Replaces every word that looks like an email address (text, `@`, a
/// domain with a dot), keeping the punctuation around it.
fn hide_emails(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let start = rest[..at]
            .rfind(|c: char| c.is_whitespace() || "<>()[]{},;:\"'«»".contains(c))
            .map_or(0, |i| {
                i + rest[i..].chars().next().map_or(1, char::len_utf8)
            });
        let after = &rest[at + 1..];
        let domain_len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
            .unwrap_or(after.len());
        let domain = after[..domain_len].trim_end_matches('.');
        if start < at && domain.contains('.') {
            out.push_str(&rest[..start]);
            out.push_str(HIDDEN_EMAIL);
            rest = &after[domain.len()..];
        } else {
            out.push_str(&rest[..=at]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_in_text_are_hidden() {
        let cases = [
            ("Écrire à direction@mef.fr.", "Écrire à [adresse masquée]."),
            ("(contact : a.b@c-d.org)", "(contact : [adresse masquée])"),
            ("<x@y.fr>, z@w.eu", "<[adresse masquée]>, [adresse masquée]"),
            ("rendez-vous @ la mairie", "rendez-vous @ la mairie"),
            ("twitter @pacte", "twitter @pacte"),
        ];
        for (text, expected) in cases {
            assert_eq!(hide_emails(text), expected, "{text}");
        }
    }
}
