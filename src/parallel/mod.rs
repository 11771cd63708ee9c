//! Work spread over every core, results in input order: all at once
//! ([`map`]) or as they come, within a bounded window ([`stream`]); or
//! work done for its effects, stopped by the first error ([`try_each`]).

mod stream;

use std::sync::atomic::{AtomicUsize, Ordering};

pub use stream::stream;

/// How many threads work on `items` items: one per core, no more than
/// there are items.
fn workers_for(items: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(items)
}

/// `f` applied to every item, on as many threads as there are cores (one
/// when there is little to do). Items are handed out one at a time, so an
/// expensive item does not hold back the others.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else { break };
            done.push((index, f(item)));
        }
        done
    };
    let mut numbered: Vec<(usize, R)> = on_every_core(items.len(), &work)
        .into_iter()
        .flatten()
        .collect();
    numbered.sort_by_key(|(index, _)| *index);
    numbered.into_iter().map(|(_, result)| result).collect()
}

/// What `work` returns on each of as many threads as there are cores (no
/// more than `items`), the calling thread being one of them: it would
/// only wait otherwise, and a thread started costs its stack's memory.
fn on_every_core<W: Send>(items: usize, work: &(impl Fn() -> W + Sync)) -> Vec<W> {
    let workers = workers_for(items);
    if workers <= 1 {
        return vec![work()];
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
        let mut all = vec![work()];
        all.extend(handles.into_iter().map(|handle| {
            handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }));
        all
    })
}

/// `f` applied to every item (with its index) on every core, for what it
/// does, not what it returns. After the first error no item is started;
/// the error returned is the one of the earliest item that failed.
pub fn try_each<T: Sync, E: Send>(
    items: &[T],
    f: impl Fn(usize, &T) -> Result<(), E> + Sync,
) -> Result<(), E> {
    let next = AtomicUsize::new(0);
    let failed = std::sync::atomic::AtomicBool::new(false);
    let work = || {
        while !failed.load(Ordering::Relaxed) {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else { break };
            if let Err(error) = f(index, item) {
                failed.store(true, Ordering::Relaxed);
                return Some((index, error));
            }
        }
        None
    };
    let errors = on_every_core(items.len(), &work);
    match errors.into_iter().flatten().min_by_key(|(index, _)| *index) {
        Some((_, error)) => Err(error),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_input_order() {
        let items: Vec<u64> = (0..1000).collect();
        assert_eq!(
            super::map(&items, |n| n * 2),
            items.iter().map(|n| n * 2).collect::<Vec<_>>()
        );
        assert!(super::map(&[] as &[u8], |n| *n).is_empty());
    }

    #[test]
    fn the_calling_thread_works_beside_the_threads_started() {
        use std::sync::Mutex;
        let items: Vec<u64> = (0..64).collect();
        let threads = Mutex::new(std::collections::HashSet::new());
        let here = std::thread::current().id();
        let outcome: Result<(), ()> = super::try_each(&items, |_, _| {
            threads.lock().unwrap().insert(std::thread::current().id());
            std::thread::sleep(std::time::Duration::from_millis(1));
            Ok(())
        });
        assert!(outcome.is_ok());
        let threads = threads.into_inner().unwrap();
        assert!(threads.contains(&here), "the caller took no item");
        assert!(threads.len() <= super::workers_for(items.len()));
    }

    #[test]
    fn each_item_is_done_once_and_an_error_stops_the_rest() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let items: Vec<usize> = (0..1000).collect();
        let sum = AtomicUsize::new(0);
        let outcome: Result<(), ()> = super::try_each(&items, |index, n| {
            assert_eq!(index, *n);
            sum.fetch_add(*n, Ordering::SeqCst);
            Ok(())
        });
        assert!(outcome.is_ok());
        assert_eq!(sum.load(Ordering::SeqCst), 999 * 1000 / 2);
        let items: Vec<usize> = (0..100_000).collect();
        let started = AtomicUsize::new(0);
        let outcome = super::try_each(&items, |_, n| {
            started.fetch_add(1, Ordering::SeqCst);
            if n % 10 == 5 { Err(*n) } else { Ok(()) }
        });
        // Each worker stops at its first error; the earliest is returned.
        assert_eq!(outcome, Err(5));
        assert!(started.load(Ordering::SeqCst) < 1000);
    }
}
