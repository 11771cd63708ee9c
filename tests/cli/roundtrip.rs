//! Property: any valid sheet, written out as pacte writes it (`show --format
//! yaml`), reads back as the same sheet, and stores and loads unchanged.

// The generated sheet ends with `..Sheet::default()` so that a new field
// does not break it; while it names every field, the update is empty.
#![allow(clippy::needless_update)]

use proptest::prelude::*;

use pacte::parse::Source;
use pacte::sheet::{
    Budget, Contact, Funding, Link, Money, Partners, Period, Sheet, Status, Transfer, Vocabularies,
};
use pacte::store::Store;
use pacte::validate::{Context, check_source};

/// Any text a person might write, including accents, quotes, YAML syntax,
/// line breaks, tabs and invisible characters, but never blank and never a
/// control character that validation refuses.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Zéèàçœ’'\" :#&*!|>{}\\[\\],%@`-]{1,30}",
        "\\PC{1,20}",
        "[\\t\\n\\r\\u{a0}\\u{200b}\\u{feff}\\u{202e} a-z]{1,12}",
        "(yes|no|null|~|true|0[0-9]{2,9}|[0-9]{1,4}|1e3|0x1F|-|\\?)",
    ]
    .prop_filter("not blank", |s| !pacte::chars::is_blank(s))
    .prop_filter("no control character, refused by validation", |s| {
        !s.chars().any(pacte::chars::is_forbidden_control)
    })
    .prop_filter("no U+2028/U+2029, refused by validation", |s| {
        !s.contains(['\u{2028}', '\u{2029}'])
    })
}

fn texts(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..max)
}

fn money() -> impl Strategy<Value = Money> {
    (0_i64..=100_000_000_000_000).prop_map(|cents| Money { cents })
}

fn codes(vocabulary: &'static [&'static str], min: usize) -> impl Strategy<Value = Vec<String>> {
    prop::sample::subsequence(vocabulary, min..=vocabulary.len().min(4))
        .prop_map(|codes| codes.into_iter().map(str::to_owned).collect())
}

const THEMES: &[&str] = &[
    "ess",
    "gptec",
    "iae",
    "clause-sociale",
    "mobilite",
    "formation",
];
const PUBLICS: &[&str] = &["jeunes", "seniors", "femmes", "elus"];

prop_compose! {
    fn sheet()(
        id in "[a-z0-9]{1,10}(-[a-z0-9]{1,8}){0,3}",
        title in text(),
        structure in text(),
        territory in prop::option::of(text()),
        department in prop::option::of(prop::sample::select(vec!["01", "2A", "68", "971", "988"])),
        status in prop::sample::select(vec![Status::Planned, Status::Ongoing, Status::Finished, Status::Abandoned]),
        reproducible in any::<bool>(),
        period in prop::option::of((1900_i32..=2100, prop::option::of(0_i32..=20))),
        themes in codes(THEMES, 1),
        publics in codes(PUBLICS, 0),
        partners in (texts(3), texts(3), texts(3)),
        objectives in prop::collection::vec(text(), 1..4),
        (description, means, results, added_value) in (text(), prop::option::of(text()), prop::option::of(text()), prop::option::of(text())),
        staff_fte in prop::option::of(prop_oneof![0.0_f64..=10_000.0, Just(1e-7), Just(0.0)]),
        budget in prop::option::of((money(), prop::collection::vec((text(), money()), 0..3))),
        tools in texts(3),
        contacts in prop::collection::vec((text(), prop::option::of(text()), prop::option::of(text()), prop::option::of(text())), 0..3),
        transfer in (texts(3), texts(3)),
        updated in prop::option::of((1990_i16..=2025, 1_i8..=12, 1_i8..=28)),
        links in prop::collection::vec((prop::option::of(text()), "https?://[a-z]{1,10}\\.example/[a-z0-9/?=&%-]{0,20}"), 0..3),
    ) -> Sheet {
        let (specific, funders, others) = partners;
        let partners = Partners { specific, funders, others };
        let (success_factors, difficulties) = transfer;
        let transfer = Transfer { success_factors, difficulties };
        Sheet {
            id,
            title,
            structure,
            territory,
            department: department.map(str::to_owned),
            status,
            reproducible,
            period: period.map(|(start, length)| Period { start, end: length.map(|l| (start + l).min(2100)) }),
            themes,
            publics,
            partners: (!partners.is_empty()).then_some(partners),
            objectives,
            description,
            means,
            staff_fte,
            budget: budget.map(|(total, lines)| Budget {
                total,
                funding: lines.into_iter().map(|(source, amount)| Funding { source, amount }).collect(),
            }),
            results,
            tools,
            added_value,
            contacts: contacts
                .into_iter()
                .map(|(name, role, email, phone)| Contact { name, role, email, phone })
                .collect(),
            transfer: (!transfer.success_factors.is_empty() || !transfer.difficulties.is_empty()).then_some(transfer),
            updated: updated.map(|(y, m, d)| jiff::civil::date(y, m, d).to_string()),
            links: links.into_iter().map(|(title, url)| Link { title, url }).collect(),
            // A field added since is checked by `registry.rs`, which writes
            // every field of the registry.
            ..Sheet::default()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_valid_sheet_survives_export_and_import(sheet in sheet()) {
        let vocabularies = Vocabularies::builtin();
        let ctx = Context { vocabularies: &vocabularies, today: jiff::civil::date(2026, 6, 1) };
        let yaml = yaml_serde::to_string(&sheet).unwrap();
        let report = check_source(&Source::from_text("export.yaml", yaml.clone()), &ctx);
        let errors: Vec<_> = report.findings.iter().filter(|f| f.is_error()).collect();
        prop_assert!(errors.is_empty(), "{errors:?}\n{yaml}");
        prop_assert_eq!(report.sheets.len(), 1);
        let back = &report.sheets[0].sheet;
        prop_assert_eq!(back, &sheet, "{}", yaml);
        prop_assert_eq!(yaml_serde::to_string(back).unwrap(), yaml);

        let mut store = Store::open_in_memory().unwrap();
        store.import(&[(back, "export.yaml")], false).unwrap();
        let stored = store.get(&sheet.id).unwrap().unwrap();
        prop_assert_eq!(&stored, &sheet);
    }
}

/// Pieces of legacy pages, to build hostile ones from.
const PAGE_PARTS: &[&str] = &[
    "Structure menant l'action :",
    "Statut de l'action :",
    "Partenaires spécifiques de l'action :",
    "Partenaires financiers :",
    "Objectifs de l'action :",
    "Moyens mis en oeuvre :",
    "Ressources humaines (ETP)",
    "Budget :",
    "dont FSE :",
    "Porteur du projet :",
    "Conditions de transfert de l'action :",
    "Facteurs de réussite",
    "Difficultés rencontrées",
    "Date de dernière mise à jour :",
    "Liens hypertextes des documents disponibles :",
    "Liens hypertextes des documents disponibles ",
    " \\ ",
    "\\",
    "•",
    "\n",
    "2012 – 2014",
    "153 000 €",
    "a@b.fr",
    "03 89 35 35 70",
    "é",
    "€",
    ":",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_page_converts_without_panicking(
        parts in prop::collection::vec(prop_oneof![prop::sample::select(PAGE_PARTS.to_vec()).prop_map(str::to_owned), "\\PC{0,12}"], 0..40)
    ) {
        let page = parts.concat();
        let draft = pacte::legacy::convert(&page);
        // Whatever the page, the draft is YAML that reads back.
        let parsed: Result<yaml_serde::Value, _> = yaml_serde::from_str(&draft.yaml);
        prop_assert!(parsed.is_ok(), "{}", draft.yaml);
    }
}
