//! The terminal table and the sheet layout, fed rows and sheets whose text
//! comes from the fuzzer, at any width: no panic, no raw control character.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pacte::render::{Format, ListField, Painter, Screen, write_rows, write_sheet};
use pacte::sheet::{Period, Status, Vocabularies};
use pacte::store::ListRow;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let width = 20 + u16::from(first >> 1);
    let wide = first & 1 == 1;
    let p = common::pieces(rest, 24);
    let row = ListRow {
        id: "fuzz".to_owned(),
        title: p[0].clone(),
        structure: p[1].clone(),
        territory: Some(p[2].clone()),
        department: Some(p[3].clone()),
        status: Status::Planned,
        reproducible: false,
        period: Some(Period {
            start: 1900,
            end: None,
        }),
        themes: vec![p[4].clone()],
        publics: vec![p[5].clone()],
        budget: None,
        updated: Some(p[6].clone()),
    };
    let rows = vec![row.clone(), row];
    for format in [Format::Table, Format::Tsv] {
        let mut out = Vec::new();
        write_rows(
            &mut out,
            &rows,
            format,
            &ListField::ALL,
            Screen {
                width: usize::from(width),
                wide,
                painter: Painter { color: false },
            },
        )
        .expect("writes to memory");
        let out = String::from_utf8(out).expect("UTF-8");
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{out}"
        );
    }
    let vocabularies = Vocabularies::builtin();
    let mut out = Vec::new();
    write_sheet(
        &mut out,
        &common::sheet(&p),
        &vocabularies,
        usize::from(width),
        Painter { color: false },
    )
    .expect("writes to memory");
    let out = String::from_utf8(out).expect("UTF-8");
    assert!(
        !out.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{out}"
    );
});
