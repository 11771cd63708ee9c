//! Building the site into a folder in two passes over the published
//! sheets, so that a large catalogue is never held whole: the first
//! gathers what must be global (the sheets as cards, the values related
//! sheets share, the words of the search index); then every path is
//! declared to the output tree, and the listings and the index's shared
//! files are written; the second pass writes each sheet's page and its
//! part of the index.
//!
//! Invariant: both passes see the same sheets in the order of their ids
//! (the caller reads them from one snapshot of the catalogue); a sheet that
//! differs in the second pass stops the build.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Result, bail};

use crate::output::{Published, Publisher};
use crate::render::html::{RelatedSheet, Shell, write_sheet_page};
use crate::sheet::{Sheet, Vocabularies};

use super::pages::Listings;
use super::related::Sharing;
use super::search_index::Collector;
use super::{MANIFEST, Options, SiteFile, Source, paths};

/// Builds the site of the sheets `source` gives into the folder `dir`,
/// through the output tree (only files an earlier build wrote there are
/// replaced or removed); `built_from` is kept in the folder's manifest to
/// tell, next time, that nothing changed.
pub fn publish(
    dir: &Path,
    source: &Source,
    vocabularies: &Vocabularies,
    options: &Options,
    built_from: &str,
) -> Result<Published> {
    let shell = Shell {
        site_title: &options.title,
        publisher: options.publisher.as_deref(),
        base_url: options.base_url.as_deref(),
    };
    let gathered = gather(source, options)?;
    let related = gathered.sharing.related();
    let mut index = gathered.collector.finish(&vocabularies.thesaurus);
    let listings = Listings::new(&gathered.cards);

    let mut planned: BTreeSet<String> = listings.paths(options).into_iter().collect();
    planned.extend(gathered.cards.iter().map(|s| paths::sheet(&s.id)));
    planned.extend(index.paths());
    let publisher = Publisher::begin(dir, MANIFEST, planned)?;
    let mut put = |file: SiteFile| publisher.put(&file.path, &file.bytes);
    for file in std::mem::take(&mut index.files) {
        put(file)?;
    }
    listings.write(&shell, vocabularies, &mut put)?;

    let mut doc = 0;
    source(&mut |sheet| {
        let sheet = published(sheet, options);
        let Some(card) = gathered.cards.get(doc) else {
            bail!("the catalogue changed while the site was built: build it again");
        };
        if card.id != sheet.id {
            bail!("the catalogue changed while the site was built: build it again");
        }
        let others: Vec<RelatedSheet> = related[doc]
            .iter()
            .map(|&n| related_sheet(&gathered.cards[n as usize]))
            .collect();
        let page = write_sheet_page(&shell, &sheet, vocabularies, &others);
        put(SiteFile {
            path: paths::sheet(&sheet.id),
            bytes: page.into_bytes(),
        })?;
        for file in index.documents(doc, &sheet) {
            put(file)?;
        }
        doc += 1;
        Ok(())
    })?;
    put(index.meta())?;
    publisher.finish(built_from)
}

/// What the first pass keeps.
#[derive(Default)]
struct Gathered {
    /// The sheets as cards (see [`card`]), in the order of their ids.
    cards: Vec<Sheet>,
    sharing: Sharing,
    collector: Collector,
}

fn gather(source: &Source, options: &Options) -> Result<Gathered> {
    let mut gathered = Gathered::default();
    source(&mut |sheet| {
        // Related sheets are found from the sheets as stored, as `pacte
        // related` finds them.
        gathered.sharing.add(&sheet);
        let sheet = published(sheet, options);
        gathered.collector.add(&sheet);
        gathered.cards.push(card(sheet));
        Ok(())
    })?;
    Ok(gathered)
}

/// The sheet as the site publishes it.
fn published(sheet: Sheet, options: &Options) -> Sheet {
    if options.redact {
        sheet.redacted()
    } else {
        sheet
    }
}

fn related_sheet(card: &Sheet) -> RelatedSheet {
    RelatedSheet {
        id: card.id.clone(),
        title: card.title.clone(),
        structure: card.structure.clone(),
    }
}

/// The sheet with only what a card, the catalogue's data file, the facets
/// and a related sheet's link show (see [`crate::render::html::write_card`]
/// and [`crate::render::html::write_script_data`]); the long texts a card
/// does not show are left out, so the first pass holds little of each
/// sheet. (A field forgotten here is only kept: it costs memory, nothing
/// else.)
fn card(sheet: Sheet) -> Sheet {
    Sheet {
        partners: None,
        objectives: Vec::new(),
        means: None,
        staff_fte: None,
        budget: None,
        results: None,
        tools: Vec::new(),
        added_value: None,
        contacts: Vec::new(),
        transfer: None,
        links: Vec::new(),
        ..sheet
    }
}
