//! The Markdown and CSV writers on sheets whose text comes from the fuzzer:
//! no panic, valid UTF-8, and no raw control character in the Markdown.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pacte::render::{CsvDialect, write_csv, write_markdown};
use pacte::sheet::Vocabularies;

mod common;

fuzz_target!(|data: &[u8]| {
    let p = common::pieces(data, 24);
    let sheets = vec![common::sheet(&p)];
    let vocabularies = Vocabularies::builtin();
    let mut out = Vec::new();
    write_markdown(&mut out, &sheets, &vocabularies).expect("writes to memory");
    let out = String::from_utf8(out).expect("UTF-8");
    assert!(
        !out.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{out}"
    );
    for dialect in [CsvDialect::Standard, CsvDialect::Excel] {
        let mut out = Vec::new();
        write_csv(&mut out, &sheets, dialect).expect("writes to memory");
    }
});
