//! Every value check of validation, on any text: no panic, and a message
//! quotes at most a short excerpt of the value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pacte::chars::EXCERPT_CHARS;
use pacte::validate::fields;

mod common;

fuzz_target!(|data: &[u8]| {
    for text in common::pieces(data, 1) {
        for input in [text.as_str(), text.trim()] {
            let messages = [
                fields::id(input).err(),
                fields::year(input).err(),
                fields::money(input).err(),
                fields::staff_fte(input).err(),
                fields::date(input).err(),
                fields::department(input).err(),
                fields::url(input).err(),
            ];
            for message in messages.into_iter().flatten() {
                assert!(
                    message.chars().count() <= 240 + 2 * EXCERPT_CHARS,
                    "{message}"
                );
            }
            let _ = fields::email_looks_valid(input);
            let _ = fields::phone_looks_valid(input);
            let _ = pacte::chars::is_blank(input);
            let _ = pacte::sheet::fold(input);
        }
    }
});
