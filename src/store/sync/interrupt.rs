//! Ctrl-C (or SIGTERM, SIGHUP) while a sync writes: the sync stops at the
//! next file and its transaction is rolled back by pacte itself, so no
//! half-written catalogue or journal is left for the next reader.
//!
//! Invariant: only a sync waits for these signals; the output tree owns
//! them ([`crate::output::DeferredInterrupts`]) and, outside a sync,
//! removes pacte's temporary files and ends the process.

use crate::exit::Interrupted;
use crate::output::DeferredInterrupts;

/// Watches for an interrupt while it lives; made before the sync's
/// transaction so that it ends after the transaction is rolled back.
pub(super) struct Watch {
    deferred: Option<DeferredInterrupts>,
}

impl Watch {
    pub(super) fn start() -> Watch {
        Watch {
            deferred: DeferredInterrupts::start(),
        }
    }

    /// The error to stop with, once a signal came.
    pub(super) fn check(&self) -> Result<(), Interrupted> {
        match self.deferred.as_ref().and_then(DeferredInterrupts::signal) {
            None => Ok(()),
            Some(signal) => Err(Interrupted {
                signal,
                what: "nothing was imported, the catalogue is as it was",
            }),
        }
    }
}
