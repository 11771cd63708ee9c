//! Any bytes through decoding, YAML parsing and validation: nothing may
//! panic, and a sheet found valid must read back the same once written out.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pacte::parse::{Source, decode};
use pacte::sheet::Vocabularies;
use pacte::validate::{Context, check_source};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data) else { return };
    let vocabularies = Vocabularies::builtin();
    let ctx = Context {
        vocabularies: &vocabularies,
        today: jiff::civil::date(2026, 6, 1),
    };
    let report = check_source(&Source::from_text("fuzz.yaml", text), &ctx);
    for checked in &report.sheets {
        let yaml = yaml_serde::to_string(&checked.sheet).expect("a valid sheet serialises");
        let again = check_source(&Source::from_text("again.yaml", yaml.clone()), &ctx);
        assert_eq!(again.sheets.len(), 1, "{yaml}\n{:?}", again.findings);
        assert_eq!(again.sheets[0].sheet, checked.sheet, "{yaml}");
    }
});
