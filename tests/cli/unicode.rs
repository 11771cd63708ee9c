//! Property: any Unicode text, in any field, is checked without panicking,
//! and what a message quotes of it stays short and shows no raw control or
//! invisible character once sanitised.
//!
//! The text mixes ordinary letters with the characters that broke pacte
//! before: no-break and narrow spaces, zero-width characters, combining
//! accents, astral characters (emoji, mathematical letters), C0/C1
//! controls, bidirectional overrides and line separators.

use proptest::prelude::*;

use pacte::chars::EXCERPT_CHARS;
use pacte::parse::Source;
use pacte::sheet::Vocabularies;
use pacte::validate::{Context, check_source, fields};

const TRICKY: &[char] = &[
    '\u{a0}',
    '\u{202f}',
    '\u{2009}',
    '\u{200b}',
    '\u{200c}',
    '\u{200d}',
    '\u{2060}',
    '\u{feff}',
    '\u{ad}',
    '\u{301}',
    '\u{308}',
    '\u{34f}',
    '\u{1f600}',
    '\u{1d400}',
    '\u{10ffff}',
    '\u{1}',
    '\u{1b}',
    '\u{7}',
    '\u{7f}',
    '\u{85}',
    '\u{9b}',
    '\u{202e}',
    '\u{2066}',
    '\u{2028}',
    '\u{3164}',
    '+',
    '-',
    '.',
    ':',
    '@',
    '/',
    '0',
    '1',
    '2',
    '9',
    'A',
    'e',
    'é',
    ' ',
    '\t',
    '\n',
    '\r',
];

/// Characters that look like nothing or like a separator, to slip into a
/// value that is almost right.
const SPOILERS: &[char] = &[
    '\u{a0}',
    '\u{202f}',
    '\u{200b}',
    '\u{301}',
    '\u{1f600}',
    '\u{1b}',
    '+',
];

/// Values that pass their check, to be spoiled by one tricky character.
const ALMOST: &[&str] = &[
    "03 89 35 35 70",
    "+33 3 89 35 35 70",
    "2014-06-30",
    "https://exemple.fr/x",
    "direction@exemple.fr",
    "2A",
    "68",
    "971",
    "2014",
    "153000.50",
    "1.7",
    "pacte-ess",
    "ess",
];

/// Short or long strings of tricky characters, arbitrary characters and
/// digits; or a value that is almost right with tricky characters around
/// or inside it.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(TRICKY).prop_map(String::from),
        any::<char>().prop_map(String::from),
        "[0-9]{1,4}",
        prop::sample::select(ALMOST).prop_map(str::to_owned),
    ];
    let tricky = || prop::collection::vec(prop::sample::select(SPOILERS), 0..2);
    prop_oneof![
        prop::collection::vec(piece, 0..24).prop_map(|parts| parts.concat()),
        (
            tricky(),
            prop::sample::select(ALMOST),
            tricky(),
            any::<prop::sample::Index>(),
            tricky()
        )
            .prop_map(|(before, value, inside, at, after)| {
                let mut chars: Vec<char> = value.chars().collect();
                let at = at.index(chars.len() + 1);
                chars.splice(at..at, inside);
                before.into_iter().chain(chars).chain(after).collect()
            }),
    ]
}

/// A message quotes at most an excerpt of the value, so it stays within a
/// fixed size whatever the value's length.
#[track_caller]
fn assert_short(message: &str) {
    assert!(
        message.chars().count() <= 240 + EXCERPT_CHARS * 2,
        "message too long: {message}"
    );
}

/// Every value check of `src/validate/fields.rs`, by name.
fn every_check(text: &str) -> Vec<Result<(), String>> {
    // The shape checks of contacts answer yes or no; they must only not panic.
    let _ = fields::email_looks_valid(text);
    let _ = fields::phone_looks_valid(text);
    vec![
        fields::id(text).map(drop),
        fields::year(text).map(drop),
        fields::money(text).map(drop),
        fields::staff_fte(text).map(drop),
        fields::date(text).map(drop),
        fields::department(text).map(drop),
        fields::url(text).map(drop),
    ]
}

/// The keys that hold one scalar, and a path of keys that holds one inside
/// a structure: a hostile value goes to each in turn.
const PLACES: &[&str] = &[
    "id: {}",
    "title: {}",
    "structure: {}",
    "territory: {}",
    "department: {}",
    "status: {}",
    "reproducible: {}",
    "period: {{start: {}}}",
    "themes: [{}]",
    "publics: {}",
    "objectives: [{}]",
    "description: {}",
    "staff_fte: {}",
    "budget: {{total: {}, funding: [{{source: {}, amount: 1}}]}}",
    "contacts: [{{name: x, email: {}, phone: {}}}]",
    "updated: {}",
    "links: [{{title: {}, url: {}}}]",
    "{}: x",
];

fn sheet_with(place: &str, value: &str) -> String {
    // JSON strings are YAML double-quoted scalars; control characters come
    // through as escapes, the rest raw.
    let quoted = serde_json::to_string(value).expect("a string serialises");
    let line = place
        .replace("{}", &quoted)
        .replace("{{", "{")
        .replace("}}", "}");
    let base = "id: a\ntitle: t\nstructure: s\nstatus: ongoing\nthemes: [ess]\n\
                objectives: [o]\ndescription: d\n";
    let key = line.split(':').next().unwrap_or_default();
    let kept: String = base
        .lines()
        .filter(|l| !l.starts_with(&format!("{key}:")))
        .map(|l| format!("{l}\n"))
        .collect();
    format!("{kept}{line}\n")
}

proptest! {
    // The checks are pure and fast: many cases find the rare shapes.
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn every_field_check_takes_any_text(text in hostile()) {
        for result in every_check(&text) {
            if let Err(message) = result {
                assert_short(&message);
            }
        }
        // Trimmed, as the reader gives it.
        let _ = every_check(text.trim());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_in_any_key_is_checked_without_panic(text in hostile(), place in prop::sample::select(PLACES)) {
        let vocabularies = Vocabularies::builtin();
        let ctx = Context { vocabularies: &vocabularies, today: jiff::civil::date(2026, 6, 1) };
        let yaml = sheet_with(place, &text);
        let report = check_source(&Source::from_text("hostile.yaml", yaml.clone()), &ctx);
        for finding in &report.findings {
            assert_short(&finding.message);
            let shown = pacte::render::sanitize::message(&finding.message);
            prop_assert!(
                !shown.chars().any(|c| c.is_control() || pacte::chars::is_invisible(c)),
                "{shown}"
            );
        }
        // A valid sheet holds no control character and no blank required text.
        for checked in &report.sheets {
            let sheet = &checked.sheet;
            for text in [&sheet.title, &sheet.structure, &sheet.description] {
                prop_assert!(!pacte::chars::is_blank(text), "{yaml}");
            }
            let yaml_out = yaml_serde::to_string(sheet).expect("a sheet serialises");
            prop_assert!(
                !yaml_out.chars().any(pacte::chars::is_forbidden_control),
                "{yaml}"
            );
        }
    }
}

#[test]
fn a_phone_number_starting_with_a_no_break_space_is_checked() {
    assert!(fields::phone_looks_valid("\u{a0}03 89 35 35 70"));
    assert!(!fields::phone_looks_valid("\u{a0}+33 3 89+35 35 70"));
    assert!(fields::phone_looks_valid("+33 3 89 35 35 70"));
}

#[test]
fn years_of_dates_follow_the_range_of_periods() {
    assert!(fields::date("0000-01-01").is_err());
    assert!(fields::date("1899-12-31").is_err());
    assert!(fields::date("2101-01-01").is_err());
    assert!(fields::date("1900-01-01").is_ok());
    assert!(fields::date("2100-12-31").is_ok());
}

#[test]
fn departments_are_digits_or_corsica() {
    for bad in ["+5", "+05", "-5", " 5", "5 ", "0x1", "1e1", "+971", "٦٨"] {
        assert!(fields::department(bad).is_err(), "{bad}");
    }
}
