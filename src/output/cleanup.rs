//! What must not outlive pacte: temporary files and private folders; and
//! the one owner of interrupts (SIGINT, SIGTERM, SIGHUP).
//!
//! Invariants:
//! - every temporary file or private folder pacte creates is registered
//!   here from the moment it exists until it is renamed into place or
//!   removed: it is created and registered while a creation lock is held
//!   shared (threads create files side by side), and the interrupt takes
//!   that lock exclusively before it removes anything. Normal ends (success, error) remove
//!   them through the guards' `Drop`;
//! - once pacte handles interrupts (from the first registration or the
//!   first [`Deferred`]), one thread receives them all and decides: while
//!   some work takes interrupts back itself (a [`Deferred`] lives, as
//!   during a sync), the signal is handed to that work; otherwise it takes
//!   the registry's lock, removes everything registered and exits as the
//!   signal would have (128 + its number). No other handler exists, so no
//!   signal can end the process before what is registered is removed.

use std::os::fd::OwnedFd;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError, RwLock};

/// One thing to remove on an interrupt.
#[derive(Debug)]
pub(super) enum Pending {
    /// A file named `name` in the folder open as `folder`.
    InFolder { folder: Arc<OwnedFd>, name: String },
    /// A private file or folder (and what it holds) at an absolute path
    /// pacte created itself.
    Path(PathBuf),
}

static PENDING: Mutex<Vec<(u64, Pending)>> = Mutex::new(Vec::new());

/// Held shared while something is created and registered, exclusively by
/// the interrupt: it never finds a file created and not yet registered.
static CREATING: RwLock<()> = RwLock::new(());

/// The registry, even if a thread panicked while holding it: cleaning up
/// matters more than what that thread was doing.
fn pending() -> MutexGuard<'static, Vec<(u64, Pending)>> {
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A registration, undone when dropped.
#[derive(Debug)]
pub(super) struct Registered(u64);

/// Registers what `create` makes, under the creation lock (shared, so
/// that other threads may create at the same time): an interrupt either
/// comes before it exists or finds it registered.
pub(super) fn register<T, E>(
    create: impl FnOnce() -> Result<(T, Pending), E>,
) -> Result<(T, Registered), E> {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    // Without handlers, files are still removed on every normal end.
    let _ = install_interrupt_cleanup();
    let _creating = CREATING.read().unwrap_or_else(PoisonError::into_inner);
    let (value, entry) = create()?;
    let key = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    pending().push((key, entry));
    Ok((value, Registered(key)))
}

impl Drop for Registered {
    fn drop(&mut self) {
        pending().retain(|(key, _)| *key != self.0);
    }
}

fn remove(entry: &Pending) {
    match entry {
        Pending::InFolder { folder, name } => {
            let _ = rustix::fs::unlinkat(&**folder, name.as_str(), rustix::fs::AtFlags::empty());
        }
        Pending::Path(path) => {
            if path.is_dir() {
                let _ = std::fs::remove_dir_all(path);
            } else {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

/// Work that takes an interrupt back itself, and the signal that came
/// while it ran and was not handed to it yet (0: none).
struct Deferral {
    works: usize,
    signal: i32,
}

static DEFERRAL: Mutex<Deferral> = Mutex::new(Deferral {
    works: 0,
    signal: 0,
});

fn deferral() -> MutexGuard<'static, Deferral> {
    DEFERRAL.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What the interrupt thread does with a signal.
#[derive(Debug, PartialEq, Eq)]
enum Action {
    /// Some work takes it back itself: it was recorded for that work.
    Defer,
    /// Remove what is registered and exit.
    CleanUpAndExit,
}

fn decide(deferral: &mut Deferral, signal: i32) -> Action {
    if deferral.works > 0 {
        deferral.signal = signal;
        Action::Defer
    } else {
        Action::CleanUpAndExit
    }
}

/// Removes what is registered and ends the process as the signal would
/// have, holding the creation lock so that nothing new is created.
fn clean_up_and_exit(signal: i32) -> ! {
    let _creating = CREATING.write().unwrap_or_else(PoisonError::into_inner);
    let list = pending();
    for (_, entry) in list.iter() {
        remove(entry);
    }
    std::process::exit(128 + signal);
}

/// Starts the one thread that receives interrupts; false if the system
/// refused the handlers.
fn install_interrupt_cleanup() -> bool {
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    *INSTALLED.get_or_init(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return false;
        };
        std::thread::spawn(move || {
            for signal in signals.forever() {
                if decide(&mut deferral(), signal) == Action::CleanUpAndExit {
                    clean_up_and_exit(signal);
                }
            }
        });
        true
    })
}

/// While it lives, an interrupt is handed to the work that holds it
/// ([`Deferred::signal`]) instead of ending the process: that work stops
/// and takes back what it began (a sync rolls its transaction back).
#[derive(Debug)]
pub struct Deferred(());

impl Deferred {
    /// Defers interrupts from now; `None` if pacte cannot handle them (the
    /// system refused), when they keep their default action.
    pub fn start() -> Option<Deferred> {
        if !install_interrupt_cleanup() {
            return None;
        }
        let mut deferral = deferral();
        if deferral.works == 0 {
            deferral.signal = 0;
        }
        deferral.works += 1;
        Some(Deferred(()))
    }

    /// The number of the signal that came, once: the work now stops.
    pub fn signal(&self) -> Option<u8> {
        let mut deferral = deferral();
        let signal = std::mem::take(&mut deferral.signal);
        (signal != 0).then(|| u8::try_from(signal).unwrap_or(u8::MAX))
    }
}

impl Drop for Deferred {
    fn drop(&mut self) {
        let mut deferral = deferral();
        deferral.works -= 1;
        // A signal that came after the work last looked is acted on now.
        if deferral.works == 0 && deferral.signal != 0 {
            let signal = deferral.signal;
            drop(deferral);
            clean_up_and_exit(signal);
        }
    }
}

/// Starts the interrupt cleanup now, for a command that will create
/// temporary files later while a child process (an editor) runs.
pub fn arm() {
    let _ = install_interrupt_cleanup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interrupt_goes_to_the_work_that_takes_it_back_and_only_then() {
        let mut deferral = Deferral {
            works: 0,
            signal: 0,
        };
        // Before and after a sync: nothing takes it back, files go.
        assert_eq!(decide(&mut deferral, 2), Action::CleanUpAndExit);
        deferral.works = 1;
        assert_eq!(decide(&mut deferral, 15), Action::Defer);
        assert_eq!(deferral.signal, 15);
        deferral.works = 0;
        assert_eq!(decide(&mut deferral, 1), Action::CleanUpAndExit);
    }
}
