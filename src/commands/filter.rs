//! Turning filter flags into a store [`Filter`]: vocabulary terms and status
//! words resolved to codes, unknown ones refused with suggestions.

use crate::cli::FilterArgs;
use crate::exit::UsageError;
use crate::sheet::{STATUSES, Status, Vocabulary, fold, suggest};
use crate::store::Filter;

pub fn from_args(
    args: &FilterArgs,
    vocabularies: &crate::sheet::Vocabularies,
) -> Result<Filter, UsageError> {
    Ok(Filter {
        themes: resolve_terms(&args.theme, &vocabularies.themes, "--theme")?,
        publics: resolve_terms(&args.public, &vocabularies.publics, "--public")?,
        statuses: args
            .status
            .iter()
            .map(|value| split(value).map(resolve_status).collect())
            .collect::<Result<_, _>>()?,
        structures: args
            .structure
            .iter()
            .map(|s| fold(s))
            .filter(|s| !s.is_empty())
            .collect(),
        reproducible_only: args.reproducible,
    })
}

fn split(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|v| !v.is_empty())
}

fn resolve_terms(
    values: &[String],
    vocabulary: &Vocabulary,
    flag: &str,
) -> Result<Vec<Vec<String>>, UsageError> {
    values
        .iter()
        .map(|value| {
            split(value)
                .map(|text| match vocabulary.resolve(text) {
                    Some(term) => Ok(term.code.clone()),
                    None => {
                        let close = vocabulary.closest(text);
                        let hint = if close.is_empty() {
                            String::new()
                        } else {
                            format!("; did you mean {}?", close.join(" or "))
                        };
                        Err(UsageError(format!(
                            "{flag}: unknown {} `{text}`{hint}",
                            vocabulary.kind
                        )))
                    }
                })
                .collect()
        })
        .collect()
}

fn resolve_status(text: &str) -> Result<Status, UsageError> {
    Status::parse(text).ok_or_else(|| {
        let names = STATUSES.iter().map(|s| s.code());
        let hint = suggest(text, names)
            .first()
            .map(|s| format!("did you mean {s}? "))
            .unwrap_or_default();
        UsageError(format!(
            "--status: unknown status `{text}`: {hint}use planned, ongoing, finished or abandoned"
        ))
    })
}
