//! Drift: how the files differ from the catalogue since their import, for
//! `pacte db status`. Reads files and the catalogue; writes nothing.
//!
//! Invariant: the same rules as the sync decide "unchanged" (stamp, then
//! content hash), so a file reported in line is one `import` would skip.

use std::path::PathBuf;

use anyhow::Result;

use crate::parse::content_hash;

use super::Store;
use super::files::{self, Stamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DriftKind {
    /// Its bytes differ from those imported.
    Changed,
    /// No longer at its path, and not found elsewhere among the paths given.
    Deleted,
    /// No longer at its path, and its bytes are now at `to`.
    Moved,
    /// A sheet was taken out of the catalogue but not out of the file.
    Behind,
    /// A sheet file among the paths given that was never imported.
    New,
}

impl DriftKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DriftKind::Changed => "changed",
            DriftKind::Deleted => "deleted",
            DriftKind::Moved => "moved",
            DriftKind::Behind => "behind",
            DriftKind::New => "new",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    pub kind: DriftKind,
    /// The file, for people (bytes that are not UTF-8 escaped).
    pub file: String,
    /// Where a moved file is now.
    pub to: Option<String>,
}

impl Store {
    /// Every imported file that is no longer as imported; with `paths`,
    /// also the sheet files there that were never imported, and moves.
    pub fn drift(&self, paths: &[PathBuf]) -> Result<Vec<Drift>> {
        let known = files::load(&self.conn)?;
        let mut drift = Vec::new();
        let mut missing: Vec<(&str, &[u8])> = Vec::new();
        for (path, k) in &known {
            let file = k.name.clone();
            match std::fs::metadata(files::from_bytes(path)) {
                Err(_) => {
                    missing.push((k.hash.as_str(), path.as_slice()));
                }
                Ok(_) if k.hash.is_empty() => drift.push(Drift {
                    kind: DriftKind::Behind,
                    file,
                    to: None,
                }),
                Ok(meta) if k.unchanged(&Stamp::of(&meta)) => {}
                Ok(_) => {
                    let same = std::fs::read(files::from_bytes(path))
                        .is_ok_and(|bytes| content_hash(&bytes) == k.hash);
                    if !same {
                        drift.push(Drift {
                            kind: DriftKind::Changed,
                            file,
                            to: None,
                        });
                    }
                }
            }
        }
        let expanded = crate::parse::expand(paths);
        for given in expanded.files.iter().filter(|p| p.as_os_str() != "-") {
            let Ok(canonical) = std::fs::canonicalize(given) else {
                continue;
            };
            if known.contains_key(files::bytes(&canonical)) {
                continue;
            }
            let name = files::display_name(files::bytes(&canonical));
            let hash = std::fs::read(given).map(|b| content_hash(&b)).ok();
            let was = hash.and_then(|h| missing.iter().position(|(m, _)| *m == h));
            match was.map(|index| missing.swap_remove(index)) {
                Some((_, old)) => drift.push(Drift {
                    kind: DriftKind::Moved,
                    file: known[old].name.clone(),
                    to: Some(name),
                }),
                None => drift.push(Drift {
                    kind: DriftKind::New,
                    file: name,
                    to: None,
                }),
            }
        }
        drift.extend(missing.iter().map(|(_, path)| Drift {
            kind: DriftKind::Deleted,
            file: known[*path].name.clone(),
            to: None,
        }));
        drift.sort_by(|a, b| (&a.file, a.kind).cmp(&(&b.file, b.kind)));
        Ok(drift)
    }
}
