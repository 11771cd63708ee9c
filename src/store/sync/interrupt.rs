//! Ctrl-C (or SIGTERM, SIGHUP) while a sync writes: the sync stops at the
//! next file and its transaction is rolled back by pacte itself, so no
//! half-written catalogue or journal is left for the next reader.
//!
//! Invariant: outside a sync, these signals do what they always did (the
//! default action: the process ends), so only a sync ever waits for one.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::exit::Interrupted;

/// The number of the signal that came, 0 for none.
static SIGNAL: AtomicUsize = AtomicUsize::new(0);
/// True while no sync is watching: a signal then takes its default action.
static IDLE: AtomicBool = AtomicBool::new(true);

/// Installs the handlers once; false if the system refused them.
fn installed() -> bool {
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    *INSTALLED.get_or_init(|| {
        [SIGINT, SIGTERM, SIGHUP].into_iter().all(|signal| {
            // The default first: when idle, the process ends before the
            // flag would matter.
            signal_hook::flag::register_conditional_default(signal, &IDLE).is_ok()
                && usize::try_from(signal)
                    .is_ok_and(|n| signal_hook::flag::register_usize(signal, &SIGNAL, n).is_ok())
        })
    })
}

/// Watches for an interrupt while it lives.
pub(super) struct Watch {
    active: bool,
}

impl Watch {
    pub(super) fn start() -> Watch {
        let active = installed();
        if active {
            SIGNAL.store(0, Ordering::SeqCst);
            IDLE.store(false, Ordering::SeqCst);
        }
        Watch { active }
    }

    /// The error to stop with, once a signal came.
    pub(super) fn check(&self) -> Result<(), Interrupted> {
        let signal = SIGNAL.load(Ordering::SeqCst);
        if !self.active || signal == 0 {
            return Ok(());
        }
        Err(Interrupted {
            signal: u8::try_from(signal).unwrap_or(u8::MAX),
            what: "nothing was imported, the catalogue is as it was",
        })
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        if self.active {
            IDLE.store(true, Ordering::SeqCst);
        }
    }
}
