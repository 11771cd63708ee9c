//! What the shell's completion asks pacte as the user types: sheet ids
//! from the catalogue, terms from the vocabularies, status and department
//! codes. Any problem (no catalogue yet, a broken vocabulary file) means
//! fewer candidates, never an error.

use clap_complete::engine::CompletionCandidate;

use crate::sheet::{STATUSES, Vocabularies, Vocabulary};
use crate::store::{self, Access, Store};

/// The environment variable through which the shell asks for completions.
pub const COMPLETE_VARIABLE: &str = "COMPLETE";

/// The value of `--db` or `--vocab` on the command line being completed (the
/// shell passes its words to pacte as arguments).
fn option_on_line(flag: &str) -> Option<std::path::PathBuf> {
    let words: Vec<String> = std::env::args().collect();
    let prefix = format!("{flag}=");
    words.iter().enumerate().rev().find_map(|(i, word)| {
        if word == flag {
            words.get(i + 1).map(Into::into)
        } else {
            word.strip_prefix(&prefix).map(Into::into)
        }
    })
}

/// The vocabularies the command line being completed would use.
fn vocabularies() -> Vocabularies {
    let mut vocabularies = Vocabularies::builtin();
    let file =
        option_on_line("--vocab").or_else(|| std::env::var_os("PACTE_VOCAB").map(Into::into));
    if let Some(file) = file {
        // A broken file just means the built-in terms.
        let _ = vocabularies.extend_from_file(&file);
    }
    vocabularies
}

fn terms(vocabulary: &Vocabulary) -> Vec<CompletionCandidate> {
    vocabulary
        .terms()
        .iter()
        .map(|t| CompletionCandidate::new(&t.code).help(Some(t.label.clone().into())))
        .collect()
}

/// Theme codes, for completing `--theme`.
pub(super) fn theme_codes() -> Vec<CompletionCandidate> {
    terms(&vocabularies().themes)
}

/// Public codes, for completing `--public`.
pub(super) fn public_codes() -> Vec<CompletionCandidate> {
    terms(&vocabularies().publics)
}

/// Status codes, for completing `--status`.
pub(super) fn status_codes() -> Vec<CompletionCandidate> {
    STATUSES
        .iter()
        .map(|s| CompletionCandidate::new(s.code()).help(Some(s.label().into())))
        .collect()
}

/// Every French department code, for completing `--department`.
pub(super) fn department_codes() -> Vec<CompletionCandidate> {
    let metropolitan = (1..=95)
        .filter(|n| *n != 20)
        .map(|n| format!("{n:02}"))
        .chain(["2A".to_owned(), "2B".to_owned()]);
    let overseas = (971..=978)
        .chain([984, 986, 987, 988])
        .map(|n| n.to_string());
    metropolitan
        .chain(overseas)
        .map(CompletionCandidate::new)
        .collect()
}

/// The ids of the stored sheets, for completing `show` and `related`, from
/// the `--db` on the line being completed, else `PACTE_DB`, else the default
/// database. Any problem (no database yet, say) just means no candidates.
pub(super) fn stored_ids() -> Vec<CompletionCandidate> {
    let path = match option_on_line("--db").or_else(|| std::env::var_os("PACTE_DB").map(Into::into))
    {
        Some(path) => path,
        None => match store::default_path() {
            Ok(path) => path,
            Err(_) => return Vec::new(),
        },
    };
    if !std::path::Path::new(&path).is_file() {
        return Vec::new();
    }
    let location = store::Location {
        path,
        explicit: false,
    };
    Store::open(&location, Access::Read)
        .and_then(|store| store.ids())
        .map(|ids| ids.into_iter().map(CompletionCandidate::new).collect())
        .unwrap_or_default()
}
