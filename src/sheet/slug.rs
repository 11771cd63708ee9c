//! The rule of a sheet's id, which is also the rule of a vocabulary's
//! codes: a slug that names pages, files and filters.

use crate::chars::excerpt;

pub const MAX_ID_LEN: usize = 64;

/// `^[a-z0-9]+(-[a-z0-9]+)*$`, at most 64 characters.
pub fn id(text: &str) -> Result<String, String> {
    let shown = excerpt(text);
    let well_formed = !text.is_empty()
        && text.len() <= MAX_ID_LEN
        && text.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if well_formed {
        return Ok(text.to_owned());
    }
    if text.len() > MAX_ID_LEN {
        return Err(format!(
            "the id is {} characters long; keep it to {MAX_ID_LEN}",
            text.len()
        ));
    }
    let hint = super::fold(text)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let hint = if hint.is_empty() || hint.len() > crate::chars::EXCERPT_CHARS {
        String::new()
    } else {
        format!(" (for example `{hint}`)")
    };
    Err(format!(
        "`{shown}` is not a valid id: use lowercase letters, digits and single hyphens{hint}"
    ))
}
