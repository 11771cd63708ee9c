//! `pacte vocab [themes|publics]`: the terms sheets may use.

use anyhow::Result;

use crate::cli::{VocabArgs, VocabKind};
use crate::exit::Exit;
use crate::render::{self, VocabRow};

use super::Env;

pub fn run(args: &VocabArgs, env: &mut Env) -> Result<Exit> {
    let mut rows = Vec::new();
    for (kind, vocabulary) in [
        (VocabKind::Themes, &env.vocabularies.themes),
        (VocabKind::Publics, &env.vocabularies.publics),
    ] {
        if args.which.is_some_and(|which| which != kind) {
            continue;
        }
        rows.extend(vocabulary.terms().iter().map(|term| VocabRow {
            kind: vocabulary.kind,
            term: term.clone(),
        }));
    }
    let format = super::list::row_format(&args.output)?.unwrap_or(env.default_format());
    let screen = env.screen();
    render::write_vocab(env.out, &rows, format, screen)?;
    Ok(Exit::Success)
}
