//! What must not outlive pacte: temporary files and private folders.
//!
//! Invariant: every temporary file or private folder pacte creates is
//! registered here, under the registry's lock, from the moment it exists
//! until it is renamed into place or removed. An interrupt (Ctrl-C,
//! SIGTERM, SIGHUP) takes the lock, removes everything registered and
//! exits as the signal would have (128 + its number), so no temporary file
//! and no private copy is left behind. Normal ends (success, error) remove
//! them through the guards' `Drop`.

use std::os::fd::OwnedFd;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, Once, PoisonError};

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

/// The registry, even if a thread panicked while holding it: cleaning up
/// matters more than what that thread was doing.
fn pending() -> MutexGuard<'static, Vec<(u64, Pending)>> {
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A registration, undone when dropped.
#[derive(Debug)]
pub(super) struct Registered(u64);

/// Registers what `create` makes, under the lock: an interrupt either comes
/// before it exists or finds it registered.
pub(super) fn register<T, E>(
    create: impl FnOnce() -> Result<(T, Pending), E>,
) -> Result<(T, Registered), E> {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    install_interrupt_cleanup();
    let mut list = pending();
    let (value, entry) = create()?;
    let key = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    list.push((key, entry));
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

/// On the first registration, starts a thread that waits for an interrupt,
/// removes what is registered at that moment and exits as the signal
/// would have.
fn install_interrupt_cleanup() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Hold the lock until exit: nothing new is created.
                let list = pending();
                for (_, entry) in list.iter() {
                    remove(entry);
                }
                std::process::exit(128 + signal);
            }
        });
    });
}

/// Starts the interrupt cleanup now, for a command that will create
/// temporary files later while a child process (an editor) runs.
pub fn arm() {
    install_interrupt_cleanup();
}
