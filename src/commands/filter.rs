//! Turning filter, order and column flags into store and render options:
//! vocabulary terms and status words resolved to codes, text folded, dates
//! and years checked, unknown values refused with suggestions.

use crate::cli::{self, FilterArgs, OrderArgs};
use crate::exit::UsageError;
use crate::render::ListField;
use crate::sheet::{STATUSES, Status, Vocabularies, Vocabulary, fold, suggest};
use crate::store::{Filter, Order, SortKey};
use crate::validate::fields;

/// `this_year` ends the periods that have no end.
pub fn filter(
    args: &FilterArgs,
    vocabularies: &Vocabularies,
    this_year: i32,
) -> Result<Filter, UsageError> {
    for (flag, values) in [
        ("--theme", &args.theme),
        ("--public", &args.public),
        ("--status", &args.status),
        ("--structure", &args.structure),
        ("--territory", &args.territory),
        ("--department", &args.department),
        ("--partner", &args.partner),
        ("--funder", &args.funder),
        ("--year", &args.year),
    ] {
        not_empty(flag, values)?;
    }
    not_empty("--updated-since", args.updated_since.as_slice())?;
    Ok(Filter {
        themes: resolve_terms(&args.theme, &vocabularies.themes, "--theme")?,
        publics: resolve_terms(&args.public, &vocabularies.publics, "--public")?,
        statuses: args
            .status
            .iter()
            .map(|value| split(value).map(resolve_status).collect())
            .collect::<Result<_, _>>()?,
        departments: args
            .department
            .iter()
            .map(|value| {
                split(value)
                    .map(|code| {
                        fields::department(code)
                            .map_err(|m| UsageError(format!("--department: {m}")))
                    })
                    .collect()
            })
            .collect::<Result<_, _>>()?,
        structures: folded(&args.structure),
        territories: folded(&args.territory),
        partners: folded(&args.partner),
        funders: folded(&args.funder),
        years: args
            .year
            .iter()
            .map(|value| {
                split(value)
                    .map(|y| fields::year(y).map_err(|m| UsageError(format!("--year: {m}"))))
                    .collect()
            })
            .collect::<Result<_, _>>()?,
        updated_since: args
            .updated_since
            .as_deref()
            .map(|d| {
                fields::date(d.trim())
                    .map(|date| date.to_string())
                    .map_err(|m| UsageError(format!("--updated-since: {m}")))
            })
            .transpose()?,
        this_year,
        reproducible_only: args.reproducible,
    })
}

pub fn order(args: &OrderArgs) -> Order {
    Order {
        key: match args.sort {
            cli::SortKey::Id => SortKey::Id,
            cli::SortKey::Title => SortKey::Title,
            cli::SortKey::Updated => SortKey::Updated,
            cli::SortKey::Start => SortKey::Start,
            cli::SortKey::Budget => SortKey::Budget,
        },
        reverse: args.reverse,
    }
}

/// The columns named on the command line, or `None` for the default set.
pub fn columns(names: &[String]) -> Result<Option<Vec<ListField>>, UsageError> {
    if names.is_empty() {
        return Ok(None);
    }
    names
        .iter()
        .map(|name| {
            ListField::parse(name.trim()).ok_or_else(|| {
                let all = ListField::ALL.iter().map(|c| c.name());
                let hint = suggest(name, all.clone())
                    .first()
                    .map(|best| format!("did you mean {best}? "))
                    .unwrap_or_default();
                UsageError(format!(
                    "--columns: unknown column `{name}`: {hint}choose among {}",
                    all.collect::<Vec<_>>().join(", ")
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// An empty value (`--theme ""`, `--funder ,`) would silently match
/// everything or nothing: it is a usage error.
fn not_empty(flag: &str, values: &[String]) -> Result<(), UsageError> {
    if values.iter().any(|v| split(v).next().is_none()) {
        return Err(UsageError(format!(
            "{flag}: the value is empty; give a value, or leave the option out"
        )));
    }
    Ok(())
}

/// Each value's comma-separated parts, folded: any part may match.
fn folded(values: &[String]) -> Vec<Vec<String>> {
    values
        .iter()
        .map(|value| {
            split(value)
                .map(fold)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|any| !any.is_empty())
        .collect()
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
                            format!("; `pacte vocab` lists the known {}s", vocabulary.kind)
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
