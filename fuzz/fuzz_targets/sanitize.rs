//! The sanitiser on any text: what it gives a terminal holds no raw control,
//! bidirectional override or (in messages) invisible character, a cell stays
//! on one line, and the output grows at most linearly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pacte::render::sanitize;

fn bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let text = sanitize::text(&input);
    assert!(
        !text
            .chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\t') || bidi(c))
    );
    let cell = sanitize::cell(&input);
    assert!(!cell.chars().any(|c| c.is_control() || bidi(c)));
    let message = sanitize::message(&input);
    assert!(
        !message
            .chars()
            .any(|c| c.is_control() || bidi(c) || pacte::chars::is_invisible(c))
    );
    for out in [&text, &cell, &message] {
        // `\u{10ffff}` is the longest escape: 10 characters for one.
        assert!(out.chars().count() <= 10 * input.chars().count());
    }
});
