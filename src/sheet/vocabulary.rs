//! The controlled vocabularies of themes and publics.
//!
//! A term is known by its code (what is stored), its French label and its
//! aliases; all three match after [`fold`]. The starting vocabularies live in
//! `data/` and are compiled into the binary.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use super::fold::{fold, suggest};
use super::thesaurus::{Concept, Thesaurus};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub code: String,
    pub label: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// One vocabulary: its terms in their reference order, and an index from every
/// folded name to the term's position.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// What the vocabulary is called in messages ("theme", "public").
    pub kind: &'static str,
    terms: Vec<Term>,
    /// Every name of every term, folded.
    index: HashMap<String, usize>,
    /// The codes as written: what a stored sheet holds, looked up without
    /// folding it first.
    codes: HashMap<String, usize>,
}

impl Vocabulary {
    /// Reads a vocabulary file (a YAML list of terms). Two terms may not share
    /// a name once folded.
    pub fn from_yaml(kind: &'static str, yaml: &str) -> Result<Vocabulary> {
        let terms: Vec<Term> =
            from_yaml(yaml).with_context(|| format!("reading the {kind} vocabulary"))?;
        let mut vocabulary = Vocabulary {
            kind,
            terms: Vec::new(),
            index: HashMap::new(),
            codes: HashMap::new(),
        };
        for term in terms {
            vocabulary.add(term)?;
        }
        Ok(vocabulary)
    }

    fn add(&mut self, term: Term) -> Result<()> {
        check_term(self.kind, &term)?;
        let position = self.terms.len();
        let names = std::iter::once(&term.code)
            .chain(std::iter::once(&term.label))
            .chain(&term.aliases);
        for name in names {
            let key = fold(name);
            match self.index.get(&key) {
                Some(&other) if other != position => bail!(
                    "the {} name `{name}` is used by both `{}` and `{}`",
                    self.kind,
                    self.terms[other].code,
                    term.code
                ),
                _ => {
                    self.index.insert(key, position);
                }
            }
        }
        self.codes.insert(term.code.clone(), position);
        self.terms.push(term);
        Ok(())
    }

    /// The term a user's spelling names, if any.
    pub fn resolve(&self, text: &str) -> Option<&Term> {
        // A code as written names the term its folded form names.
        self.codes
            .get(text)
            .or_else(|| self.index.get(&fold(text)))
            .map(|&i| &self.terms[i])
    }

    /// The codes of the terms closest to an unknown spelling.
    pub fn closest(&self, text: &str) -> Vec<&str> {
        let names = self.terms.iter().flat_map(|t| {
            std::iter::once(t.code.as_str())
                .chain(std::iter::once(t.label.as_str()))
                .chain(t.aliases.iter().map(String::as_str))
        });
        let mut codes: Vec<&str> = suggest(text, names)
            .into_iter()
            .filter_map(|name| self.resolve(name).map(|t| t.code.as_str()))
            .collect();
        codes.dedup();
        codes
    }

    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The label of a stored code, or the code itself when the vocabulary no
    /// longer has it.
    pub fn label<'a>(&'a self, code: &'a str) -> &'a str {
        self.resolve(code).map_or(code, |t| t.label.as_str())
    }
}

/// A code is a slug (it is stored, typed in filters and written in files);
/// a label or alias is one line of plain text: no control character, no
/// line break, not blank.
fn check_term(kind: &str, term: &Term) -> Result<()> {
    if let Err(why) = super::id(&term.code) {
        bail!("the {kind} code {why}");
    }
    for name in std::iter::once(&term.label).chain(&term.aliases) {
        let shown = crate::chars::excerpt(name);
        if crate::chars::is_blank(name) {
            bail!("the {kind} `{}` has an empty label or alias", term.code);
        }
        if name
            .chars()
            .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
        {
            bail!(
                "the {kind} name `{shown}` of `{}` holds a control character or a line break: \
                 labels and aliases are one line of plain text",
                term.code
            );
        }
    }
    Ok(())
}

/// Reads YAML through pacte's own parser, so a vocabulary file meets the
/// limits a sheet does (alias expansion, nesting, tags, merge keys,
/// duplicate keys), then as the type `T`. Messages quote excerpts only: a
/// file given by mistake is not echoed.
fn from_yaml<T: serde::de::DeserializeOwned>(yaml: &str) -> Result<T> {
    let documents = crate::parse::parse_documents(yaml).map_err(|errors| {
        let first = errors.first().map_or_else(String::new, |e| {
            crate::chars::excerpt_quotes(&e.to_string())
        });
        anyhow::anyhow!("line {first}")
    })?;
    let value = match documents.as_slice() {
        [] => serde_json::Value::Null,
        [one] => to_value(&one.root),
        _ => bail!(
            "a vocabulary file holds one YAML document, not {}",
            documents.len()
        ),
    };
    serde_json::from_value(value)
        .map_err(|err| anyhow::anyhow!("{}", crate::chars::excerpt_quotes(&err.to_string())))
}

/// A node as plain data: every scalar is text (terms are words, never
/// numbers or booleans), a plain `null` or `~` is nothing.
fn to_value(node: &crate::parse::Node) -> serde_json::Value {
    use crate::parse::NodeKind;
    use serde_json::Value;
    if node.is_null() {
        return Value::Null;
    }
    match &node.kind {
        NodeKind::Scalar { text, .. } => Value::String(text.clone()),
        NodeKind::Seq(items) => Value::Array(items.iter().map(to_value).collect()),
        NodeKind::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.as_scalar().unwrap_or_default().to_owned(), to_value(v)))
                .collect(),
        ),
    }
}

/// Both vocabularies of a catalogue, and its thesaurus.
#[derive(Debug, Clone)]
pub struct Vocabularies {
    pub themes: Vocabulary,
    pub publics: Vocabulary,
    pub thesaurus: Thesaurus,
}

impl Vocabularies {
    /// The vocabularies compiled into pacte, as a copy a catalogue can
    /// extend.
    pub fn builtin() -> Vocabularies {
        Vocabularies::compiled().clone()
    }

    /// The vocabularies compiled into pacte, read once per process: the
    /// search index, the analyzer's fingerprint and every command need
    /// them, and reading the thesaurus is most of what a command that
    /// changes nothing costs.
    pub fn compiled() -> &'static Vocabularies {
        static COMPILED: std::sync::OnceLock<Vocabularies> = std::sync::OnceLock::new();
        // The embedded files are checked by the tests below: they cannot fail.
        COMPILED.get_or_init(|| Vocabularies {
            themes: Vocabulary::from_yaml("theme", include_str!("../../data/themes.yaml"))
                .expect("data/themes.yaml is valid"),
            publics: Vocabulary::from_yaml("public", include_str!("../../data/publics.yaml"))
                .expect("data/publics.yaml is valid"),
            thesaurus: Thesaurus::builtin(),
        })
    }

    /// Adds a catalogue's own terms (a YAML mapping with `themes` and
    /// `publics` lists of terms, and `thesaurus` entries). A term may not
    /// reuse a code, label or alias that is already known.
    pub fn extend_from_yaml(&mut self, yaml: &str) -> Result<()> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Extension {
            #[serde(default)]
            themes: Vec<Term>,
            #[serde(default)]
            publics: Vec<Term>,
            #[serde(default)]
            thesaurus: Vec<Concept>,
        }
        let extension: Extension = from_yaml(yaml).context(
            "a vocabulary file holds `themes:` and `publics:` lists of {code, label, aliases} \
                 and a `thesaurus:` list of {name, also, former, source}",
        )?;
        for term in extension.themes {
            self.themes.add(term)?;
        }
        for term in extension.publics {
            self.publics.add(term)?;
        }
        self.thesaurus.extend(extension.thesaurus)?;
        Ok(())
    }

    /// [`Vocabularies::extend_from_yaml`] with a file.
    pub fn extend_from_file(&mut self, path: &std::path::Path) -> Result<()> {
        // Read as sheets are: a regular file only (a FIFO would block), within
        // the size limit, in UTF-8.
        let source = crate::parse::Source::read(path, crate::parse::DEFAULT_MAX_BYTES)
            .map_err(|err| anyhow::anyhow!("{err}"))
            .with_context(|| format!("cannot read the vocabulary file {}", path.display()))?;
        self.extend_from_yaml(&source.text)
            .with_context(|| format!("in the vocabulary file {}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_vocabularies_load_with_all_terms() {
        let v = Vocabularies::builtin();
        assert_eq!(v.themes.terms().len(), 16);
        assert_eq!(v.publics.terms().len(), 16);
    }

    #[test]
    fn terms_match_by_code_label_and_alias() {
        let v = Vocabularies::builtin();
        let cases = [
            (&v.themes, "ESS", "ess"),
            (&v.themes, "économie sociale et solidaire", "ess"),
            (&v.themes, "ECONOMIE SOCIALE ET SOLIDAIRE", "ess"),
            (&v.themes, "GPEC territoriale", "gptec"),
            (&v.themes, "clause d’insertion", "clause-sociale"),
            (&v.themes, "clause_sociale", "clause-sociale"),
            (
                &v.themes,
                "Insertion par l\u{2019}activite economique",
                "iae",
            ),
            (&v.publics, "RSA", "minima-sociaux"),
            (
                &v.publics,
                "De\u{0301}mandeurs d'emploi",
                "demandeurs-emploi",
            ),
            (&v.publics, "moins de 26 ans", "jeunes"),
        ];
        for (vocabulary, text, code) in cases {
            assert_eq!(
                vocabulary.resolve(text).map(|t| t.code.as_str()),
                Some(code),
                "{text}"
            );
        }
        assert!(v.themes.resolve("cuisine").is_none());
    }

    #[test]
    fn unknown_terms_get_close_codes() {
        let v = Vocabularies::builtin();
        assert_eq!(v.themes.closest("esss"), vec!["ess"]);
        assert!(v.themes.closest("mobilté").contains(&"mobilite"));
    }

    #[test]
    fn a_catalogue_can_add_terms() {
        let mut v = Vocabularies::builtin();
        v.extend_from_yaml("themes:\n  - {code: economie-circulaire, label: Économie circulaire, aliases: [réemploi]}\n")
            .unwrap();
        assert_eq!(
            v.themes.resolve("Réemploi").map(|t| t.code.as_str()),
            Some("economie-circulaire")
        );
        assert!(
            v.extend_from_yaml("themes:\n  - {code: autre, label: ESS}\n")
                .is_err()
        );
        assert!(v.extend_from_yaml("theme: []\n").is_err());
    }

    #[test]
    fn codes_are_slugs_and_labels_plain_text() {
        let bad = [
            "- {code: \"a b\", label: Un}\n",
            "- {code: \"a,b\", label: Un}\n",
            "- {code: \"a\\e[2J\", label: Un}\n",
            "- {code: A, label: Un}\n",
            "- {code: a, label: \"Un\\e]0;titre\\a\"}\n",
            "- {code: a, label: \"Un\\ndeux\"}\n",
            "- {code: a, label: \"\\u200B\"}\n",
            "- {code: a, label: Un, aliases: [\"x\\x9b\"]}\n",
        ];
        for yaml in bad {
            assert!(Vocabulary::from_yaml("theme", yaml).is_err(), "{yaml}");
        }
        assert!(Vocabulary::from_yaml("theme", "- {code: a-b, label: Un deux}\n").is_ok());
    }

    #[test]
    fn a_name_shared_by_two_terms_is_refused() {
        let yaml = "- {code: a, label: Un}\n- {code: b, label: UN}\n";
        assert!(Vocabulary::from_yaml("theme", yaml).is_err());
    }
}
