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
    let workers = workers_for(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut numbered: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break };
                        done.push((index, f(item)));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    numbered.sort_by_key(|(index, _)| *index);
    numbered.into_iter().map(|(_, result)| result).collect()
}

/// `f` applied to every item (with its index) on every core, for what it
/// does, not what it returns. After the first error no item is started;
/// the error returned is the one of the earliest item that failed.
pub fn try_each<T: Sync, E: Send>(
    items: &[T],
    f: impl Fn(usize, &T) -> Result<(), E> + Sync,
) -> Result<(), E> {
    let workers = workers_for(items.len());
    if workers <= 1 {
        return items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| f(i, item));
    }
    let next = AtomicUsize::new(0);
    let failed = std::sync::atomic::AtomicBool::new(false);
    let errors: Vec<(usize, E)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    while !failed.load(Ordering::Relaxed) {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break };
                        if let Err(error) = f(index, item) {
                            failed.store(true, Ordering::Relaxed);
                            return Some((index, error));
                        }
                    }
                    None
                })
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    match errors.into_iter().min_by_key(|(index, _)| *index) {
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
