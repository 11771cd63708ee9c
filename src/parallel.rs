//! Work spread over every core, results in input order: all at once
//! ([`map`]) or as they come, within a bounded window ([`stream`]); or
//! work done for its effects, stopped by the first error ([`try_each`]).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

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

/// How far ahead of the consumer the workers of [`stream`] may run.
struct Window {
    /// The next item a worker may take.
    next: usize,
    /// How many results the consumer has taken.
    consumed: usize,
    stop: bool,
    /// How many workers sleep until there is room.
    waiting: usize,
}

/// `f` applied to every item on every core, each result handed to
/// `consume` on the calling thread in input order as soon as it and those
/// before it are ready. Workers never run more than `window` items ahead
/// of `consume`, so memory is bounded by the window, not by the number of
/// items. An error from `consume` stops the workers and is returned.
pub fn stream<T: Sync, R: Send, E>(
    items: &[T],
    window: usize,
    f: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(usize, R) -> Result<(), E>,
) -> Result<(), E> {
    let workers = workers_for(items.len());
    if workers == 0 {
        return Ok(());
    }
    let window = window.max(workers);
    let state = Mutex::new(Window {
        next: 0,
        consumed: 0,
        stop: false,
        waiting: 0,
    });
    // Sleeping workers are woken when a quarter of the window is free, not
    // at each result taken: a wake-up costs a system call and a switch of
    // threads, and a worker woken for one item would sleep again at once.
    let refill = (window / 4).max(1);
    let room = Condvar::new();
    let lock = || {
        state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    std::thread::scope(|scope| {
        let (sender, results) = std::sync::mpsc::channel();
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let sender = sender.clone();
                let (f, room, lock) = (&f, &room, &lock);
                scope.spawn(move || {
                    yield_to_consumer();
                    loop {
                        let index = {
                            let mut window_now = lock();
                            while !window_now.stop
                                && window_now.next < items.len()
                                && window_now.next >= window_now.consumed + window
                            {
                                window_now.waiting += 1;
                                window_now = room
                                    .wait(window_now)
                                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                                window_now.waiting -= 1;
                            }
                            if window_now.stop || window_now.next >= items.len() {
                                break;
                            }
                            window_now.next += 1;
                            window_now.next - 1
                        };
                        if sender.send((index, f(&items[index]))).is_err() {
                            break;
                        }
                    }
                })
            })
            .collect();
        drop(sender);
        let outcome = consume_in_order(items.len(), &results, &mut consume, |consumed, stop| {
            let mut window_now = lock();
            window_now.consumed = consumed;
            window_now.stop |= stop;
            // Taken items are all done when every worker sleeps, so the
            // consumer frees the whole window before it waits again.
            let free = (consumed + window).saturating_sub(window_now.next);
            if window_now.waiting > 0 && (window_now.stop || free >= refill) {
                room.notify_all();
            }
        });
        drop(results);
        for handle in handles {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
        outcome
    })
}

/// Lowers the calling worker thread's scheduling priority. The workers of
/// [`stream`] run on every core beside the consumer, which works alone on
/// what they make (the sync's writer): shared fairly, the consumer's core
/// would give it only part of its time and the workers would wait for it,
/// so they step back whenever it has work. Nothing else runs slower: an
/// idle core is theirs. (Linux gives each thread its own nice value.)
fn yield_to_consumer() {
    #[cfg(target_os = "linux")]
    if let Ok(now) = rustix::process::getpriority_process(None) {
        // Lowering a priority needs no privilege; a failure leaves it as is.
        let _ = rustix::process::setpriority_process(None, now.saturating_add(8).min(19));
    }
}

/// Takes results as they come and hands them on in order, telling the
/// workers after each how many were taken and whether to stop.
fn consume_in_order<R, E>(
    count: usize,
    results: &std::sync::mpsc::Receiver<(usize, R)>,
    consume: &mut impl FnMut(usize, R) -> Result<(), E>,
    taken: impl Fn(usize, bool),
) -> Result<(), E> {
    let mut early: BTreeMap<usize, R> = BTreeMap::new();
    for expected in 0..count {
        let result = loop {
            if let Some(result) = early.remove(&expected) {
                break result;
            }
            match results.recv() {
                Ok((index, result)) => {
                    early.insert(index, result);
                }
                // Every worker is gone: one panicked, which the caller
                // passes on when it joins them.
                Err(_) => {
                    taken(expected, true);
                    return Ok(());
                }
            }
        };
        let outcome = consume(expected, result);
        taken(expected + 1, outcome.is_err());
        outcome?;
    }
    Ok(())
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

    #[test]
    fn a_stream_hands_results_in_order_and_stays_within_its_window() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let items: Vec<usize> = (0..500).collect();
        let consumed = AtomicUsize::new(0);
        let furthest = AtomicUsize::new(0);
        let mut seen = Vec::new();
        let outcome: Result<(), ()> = super::stream(
            &items,
            8,
            |n| {
                // A worker starts an item only within the window.
                let ahead = n - consumed.load(Ordering::SeqCst);
                furthest.fetch_max(ahead, Ordering::SeqCst);
                n * 3
            },
            |index, result| {
                seen.push((index, result));
                consumed.store(index + 1, Ordering::SeqCst);
                Ok(())
            },
        );
        assert!(outcome.is_ok());
        assert_eq!(seen, items.iter().map(|&n| (n, n * 3)).collect::<Vec<_>>());
        assert!(furthest.load(Ordering::SeqCst) < 8, "{furthest:?}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_stream_never_waits_for_room_it_will_not_get() {
        // Workers sleep until a part of the window is free; whatever the
        // window and whichever side is slower, the stream must finish.
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for window in [1, 2, 3, 5, 8, 64] {
                let items: Vec<u64> = (0..300).collect();
                let mut seen = Vec::new();
                let outcome: Result<(), ()> = super::stream(
                    &items,
                    window,
                    |&n| {
                        if n % 7 == 0 {
                            std::thread::sleep(std::time::Duration::from_micros(300));
                        }
                        n
                    },
                    |_, n| {
                        if n % 11 == 0 {
                            std::thread::sleep(std::time::Duration::from_micros(300));
                        }
                        seen.push(n);
                        Ok(())
                    },
                );
                assert!(outcome.is_ok());
                assert_eq!(seen, items, "window {window}");
            }
            let _ = done.send(());
        });
        assert!(
            finished
                .recv_timeout(std::time::Duration::from_secs(60))
                .is_ok(),
            "a stream failed or stopped making progress"
        );
    }

    #[test]
    fn a_worker_steps_back_and_the_consumer_keeps_its_priority() {
        use rustix::process::getpriority_process;
        let before = getpriority_process(None).unwrap();
        let worker = std::thread::spawn(|| {
            super::yield_to_consumer();
            getpriority_process(None).unwrap()
        })
        .join()
        .unwrap();
        assert_eq!(worker, before.saturating_add(8).min(19));
        assert_eq!(getpriority_process(None).unwrap(), before);
    }

    #[test]
    fn an_error_from_the_consumer_stops_the_stream() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let items: Vec<usize> = (0..10_000).collect();
        let started = AtomicUsize::new(0);
        let outcome = super::stream(
            &items,
            4,
            |n| {
                started.fetch_add(1, Ordering::SeqCst);
                *n
            },
            |index, _| if index == 10 { Err(index) } else { Ok(()) },
        );
        assert_eq!(outcome, Err(10));
        assert!(started.load(Ordering::SeqCst) < 100);
    }
}
