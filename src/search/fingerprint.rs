//! The analyzer's fingerprint: what the words of a search index depend on,
//! reduced to one value that a catalogue stores beside its index.
//!
//! The words an index holds come from this module's neighbours: how text
//! is split, folded, stemmed and filtered ([`super::analyze`]), which parts
//! of a sheet go to which column ([`super::index_text`]), and the labels and
//! aliases of the built-in vocabularies. The fingerprint hashes their
//! output on a fixed sample that exercises every rule and fills every field
//! of a sheet, so a change to any of them changes it, with nothing to bump
//! by hand; the store rebuilds an index whose fingerprint differs.
//!
//! Invariants: the fingerprint is a pure function of the program (never of
//! the machine, the catalogue or the clock); the sample is edited only
//! when a rule it does not exercise is added (editing it changes the
//! fingerprint, which costs every catalogue one rebuild and nothing else).

use std::sync::OnceLock;

use crate::sheet::{Sheet, Vocabularies};

use super::{IndexText, analyze, index_text};

/// Text that exercises each rule of the analyzer: accents composed,
/// decomposed and in compatibility forms; case; elisions with straight and
/// typographic apostrophes; stop words; feminine endings and plurals,
/// short and long; digits; invisible characters; Markdown marks.
const SAMPLE: &str = "\
L'Économie sociale et solidaire d’un territoire : E\u{301}conomie, ﬁnancement.
Les créatrices et créateurs, entrepreneuses, salariées, conseillères, européennes.
Des emplois, des vélos, des jeux, des lieux, des métros ; un emploi, un employeur.
De la formation pour les jeunes, avec eux, sans elles, au nom de nos vos leurs.
**Montage** d'un *chantier* en 3 actions : 1. une formation 2. un stage (2024-2025).
Insertion par l'activité économique — IAE, GPECT, QPV, RSA ; 47 000 € en 2012.
Ré\u{AD}fugiés, mé\u{200B}diation, œuvre, Æsope, straße, İstanbul, ÉLUS, Quartiers.
Accompagnement, accompagnements, accompagner, accompagnées, partenariat, partenariats.
";

/// A sheet with every field filled by a word of its own, so that which
/// column each field goes to is part of the fingerprint. The themes and
/// publics are replaced by every built-in code (see [`sample_sheet`]).
const SAMPLE_SHEET: &str = r#"{
    "id": "empreinte",
    "title": "titre intitulé",
    "structure": "structure porteuse",
    "territory": "territoire",
    "department": "68",
    "status": "ongoing",
    "reproducible": true,
    "period": {"start": 2012, "end": 2014},
    "themes": [],
    "publics": [],
    "partners": {
        "specific": ["partenaire spécifique"],
        "funders": ["financeur"],
        "others": ["autre partenaire"]
    },
    "objectives": ["objectif premier", "objectif second"],
    "description": "**description** du *dispositif* : 1. une [liaison](https://exemple.fr)",
    "means": "moyens",
    "staff_fte": 1.5,
    "budget": {"total": 100, "funding": [{"source": "source financement", "amount": 100}]},
    "results": "résultats quantitatifs",
    "tools": ["outil méthode"],
    "added_value": "valeur ajoutée",
    "contacts": [{"name": "Nom Contact", "role": "rôle chargée", "email": "a@b.fr", "phone": "0389000000"}],
    "transfer": {"success_factors": ["facteur réussite"], "difficulties": ["difficulté rencontrée"]},
    "updated": "2014-06-30",
    "links": [{"title": "titre lien", "url": "https://exemple.fr"}]
}"#;

/// The fingerprint of this program's analyzer, computed once.
pub fn analyzer_fingerprint() -> &'static str {
    static FINGERPRINT: OnceLock<String> = OnceLock::new();
    FINGERPRINT.get_or_init(|| fingerprint(&analyze, &index_text))
}

/// The hash of what `analyze` and `index` make of the samples.
fn fingerprint(analyze: &dyn Fn(&str) -> String, index: &dyn Fn(&Sheet) -> IndexText) -> String {
    let mut words = String::new();
    for line in SAMPLE.lines() {
        words.push_str(&analyze(line));
        words.push('\n');
    }
    // The sample sheet is a constant that a test reads: its absence could
    // only come from a change that the tests refuse.
    if let Some(sheet) = sample_sheet() {
        let IndexText {
            title,
            objectives,
            terms,
            body,
            people,
        } = index(&sheet);
        for column in [title, objectives, terms, body, people] {
            words.push_str(&column);
            words.push('\n');
        }
    }
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(words.as_bytes()))
}

/// [`SAMPLE_SHEET`] tagged with every built-in theme and public.
fn sample_sheet() -> Option<Sheet> {
    let mut sheet: Sheet = serde_json::from_str(SAMPLE_SHEET).ok()?;
    let builtin = Vocabularies::compiled();
    let codes = |terms: &[crate::sheet::Term]| terms.iter().map(|t| t.code.clone()).collect();
    sheet.themes = codes(builtin.themes.terms());
    sheet.publics = codes(builtin.publics.terms());
    Some(sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_is_a_hash_of_the_analysis() {
        assert_eq!(analyzer_fingerprint().len(), 32);
        assert_eq!(analyzer_fingerprint(), fingerprint(&analyze, &index_text));
    }

    #[test]
    fn a_change_to_the_analysis_or_the_columns_changes_the_fingerprint() {
        let current = fingerprint(&analyze, &index_text);
        // One rule less: stop words kept.
        let with_stop_words = |text: &str| {
            super::super::words(text)
                .map(|(_, word)| super::super::stem(word))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_ne!(fingerprint(&with_stop_words, &index_text), current);
        // One field moved to another column.
        let moved = |sheet: &Sheet| {
            let mut text = index_text(sheet);
            text.people.clear();
            text
        };
        assert_ne!(fingerprint(&analyze, &moved), current);
    }

    #[test]
    fn the_sample_sheet_fills_every_field_of_the_schema() {
        fn unfilled(
            schema: &serde_json::Value,
            value: &serde_json::Value,
            at: &str,
        ) -> Vec<String> {
            let mut missing = Vec::new();
            let value = value.as_array().and_then(|a| a.first()).unwrap_or(value);
            let schema = schema.get("items").unwrap_or(schema);
            if let Some(properties) = schema.get("properties").and_then(|p| p.as_object()) {
                for (key, inner) in properties {
                    let path = format!("{at}.{key}");
                    match value.get(key) {
                        Some(v) if !v.is_null() && v != &serde_json::json!([]) => {
                            missing.extend(unfilled(inner, v, &path));
                        }
                        _ => missing.push(path),
                    }
                }
            }
            missing
        }
        let builtin = Vocabularies::builtin();
        let schema = crate::sheet::json_schema(&builtin);
        let sheet = serde_json::to_value(sample_sheet().expect("the sample sheet reads")).unwrap();
        assert_eq!(unfilled(&schema, &sheet, ""), Vec::<String>::new());
        assert_eq!(
            sheet["themes"].as_array().unwrap().len(),
            builtin.themes.terms().len()
        );
    }
}
