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

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Result, anyhow};

use crate::output::{Published, Publisher};
use crate::render::html::{RelatedSheet, Shell, write_sheet_page};
use crate::sheet::{Sheet, Vocabularies};

use super::pages::Listings;
use super::related::{KINDS, Sharing, values};
use super::search_analysis::{Analysed, analyse};
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
    let put = |file: SiteFile| publisher.put(&file.path, &file.bytes);
    let shared = std::mem::take(&mut index.files);
    crate::parallel::try_each(&shared, |_, file| publisher.put(&file.path, &file.bytes))?;
    drop(shared);
    listings.write(&shell, vocabularies, &put)?;

    let changed = || anyhow!("the catalogue changed while the site was built: build it again");
    in_batches(source, |first, sheets| {
        crate::parallel::try_each(&sheets, |at, sheet| {
            let doc = first + at;
            let sheet = published(sheet, options);
            let card = gathered.cards.get(doc).ok_or_else(changed)?;
            if card.id != sheet.id {
                return Err(changed());
            }
            let others: Vec<RelatedSheet> = related[doc]
                .iter()
                .map(|&n| related_sheet(&gathered.cards[n as usize]))
                .collect();
            let page =
                write_sheet_page(&shell, &sheet, vocabularies, &others, listings.summaries());
            put(SiteFile {
                path: paths::sheet(&sheet.id),
                bytes: page.into_bytes(),
            })?;
            for file in index.documents(doc, &sheet).ok_or_else(changed)? {
                put(file)?;
            }
            Ok(())
        })
    })?;
    put(index.meta())?;
    publisher.finish(built_from)
}

/// How many sheets are read before they are worked on, on every core:
/// enough to keep the cores busy, few enough to hold little.
const BATCH: usize = 256;

/// The sheets of `source`, handed to `each` in batches, each with the
/// number of its first sheet, on another thread: this one reads the next
/// batch from the catalogue (which only it may use) meanwhile. An error
/// from `each` stops the reading.
fn in_batches(
    source: &Source,
    mut each: impl FnMut(usize, Vec<Sheet>) -> Result<()> + Send,
) -> Result<()> {
    std::thread::scope(|scope| {
        let (send, batches) = std::sync::mpsc::sync_channel::<(usize, Vec<Sheet>)>(1);
        let worker = scope.spawn(move || {
            for (first, batch) in batches {
                each(first, batch)?;
            }
            Ok::<_, anyhow::Error>(())
        });
        let stopped = || anyhow!("the work on the sheets stopped");
        let mut batch = Vec::with_capacity(BATCH);
        let mut first = 0;
        let read = source(&mut |sheet| {
            batch.push(sheet);
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                send.send((first, full)).map_err(|_| stopped())?;
                first += BATCH;
            }
            Ok(())
        })
        .and_then(|()| {
            if batch.is_empty() {
                Ok(())
            } else {
                send.send((first, batch)).map_err(|_| stopped())
            }
        });
        drop(send);
        let outcome = worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // The work's own error says more than the reading's stop.
        outcome.and(read)
    })
}

/// What the first pass keeps.
#[derive(Default)]
struct Gathered {
    /// The sheets as cards (see [`card`]), in the order of their ids.
    cards: Vec<Sheet>,
    sharing: Sharing,
    collector: Collector,
}

/// A sheet of the first pass and what it gives: the values it may share,
/// its part of the search index, and its copy made for publishing, if any.
type Analysis = (Sheet, ([BTreeSet<String>; KINDS], Analysed, Option<Sheet>));

fn gather(source: &Source, options: &Options) -> Result<Gathered> {
    // Each batch is analysed on every core while the one before is added,
    // in order, to what the pass keeps (on one thread, as that must go in
    // the order of the sheets), and the one after is read.
    std::thread::scope(|scope| {
        let (send, analysed) = std::sync::mpsc::sync_channel::<Vec<Analysis>>(1);
        let keeper = scope.spawn(move || {
            let mut gathered = Gathered::default();
            for batch in analysed {
                for (sheet, (values, analysed, copy)) in batch {
                    gathered.sharing.add(values);
                    gathered.collector.add(analysed);
                    gathered.cards.push(card(copy.unwrap_or(sheet)));
                }
            }
            gathered
        });
        let read = in_batches(source, |_, sheets| {
            let analysed = crate::parallel::map(&sheets, |sheet| {
                // Related sheets are found from the sheets as stored, as
                // `pacte related` finds them.
                let values = values(sheet);
                let shown = published(sheet, options);
                let analysed = analyse(&shown);
                // A copy made for publishing is kept for the card.
                let copy = match shown {
                    Cow::Owned(copy) => Some(copy),
                    Cow::Borrowed(_) => None,
                };
                (values, analysed, copy)
            });
            send.send(sheets.into_iter().zip(analysed).collect())
                .map_err(|_| anyhow!("the first pass stopped"))
        });
        drop(send);
        let gathered = keeper
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        read.map(|()| gathered)
    })
}

/// The sheet as the site publishes it.
fn published<'s>(sheet: &'s Sheet, options: &Options) -> Cow<'s, Sheet> {
    if options.redact {
        Cow::Owned(sheet.clone().redacted())
    } else {
        Cow::Borrowed(sheet)
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
