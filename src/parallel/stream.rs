//! Work on every core handed to one consumer in input order, as it comes,
//! within a bounded window.
//!
//! Workers and consumer meet in one lock: a worker leaves its result in
//! the item's slot and takes its next item; the consumer takes the next
//! result, and says when it is done with it. Each side sleeps only when it must
//! (no room ahead, or the next result not made yet) and is woken only for
//! what it waits for: the consumer when the result it needs arrives, one
//! worker when an item's room frees. A wake-up is a system call and a
//! switch of threads: through a channel, which woke the consumer at every
//! result, workers queued on the channel's own lock to do so, and cores
//! sat idle meanwhile.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// What workers and consumer share.
struct Shared<R> {
    /// The next item a worker may take.
    next: usize,
    /// How many results the consumer has taken from `made`.
    taken: usize,
    /// How many results the consumer is done with: workers stay within
    /// the window from there.
    consumed: usize,
    /// Set by the consumer when it stops early, or by a worker that panics.
    stop: bool,
    /// How many workers sleep until there is room.
    waiting: usize,
    /// Whether the consumer sleeps until its next result is made.
    consumer_waits: bool,
    /// The results made and not taken, by item, from item `taken` on.
    made: VecDeque<Option<R>>,
}

struct Meeting<R> {
    shared: Mutex<Shared<R>>,
    /// Where workers wait for room.
    room: Condvar,
    /// Where the consumer waits for its next result.
    ready: Condvar,
}

impl<R> Meeting<R> {
    fn lock(&self) -> MutexGuard<'_, Shared<R>> {
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn stop(&self) {
        self.lock().stop = true;
        self.room.notify_all();
        self.ready.notify_all();
    }
}

/// Stops the stream when its worker unwinds, so that nobody waits for the
/// result it will never leave; the caller passes the panic on.
struct StopOnPanic<'a, R>(&'a Meeting<R>);

impl<R> Drop for StopOnPanic<'_, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
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
    let workers = super::workers_for(items.len());
    if workers == 0 {
        return Ok(());
    }
    let window = window.max(workers);
    let meeting = Meeting {
        shared: Mutex::new(Shared {
            next: 0,
            taken: 0,
            consumed: 0,
            stop: false,
            waiting: 0,
            consumer_waits: false,
            made: VecDeque::with_capacity(window),
        }),
        room: Condvar::new(),
        ready: Condvar::new(),
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (f, meeting) = (&f, &meeting);
                scope.spawn(move || {
                    let _stop = StopOnPanic(meeting);
                    yield_to_consumer();
                    work(items, window, f, meeting);
                })
            })
            .collect();
        let outcome = consume_in_order(items.len(), &meeting, &mut consume);
        for handle in handles {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
        outcome
    })
}

/// A worker's loop: take an item within the window, make its result
/// outside the lock, leave it in its slot, take the next.
fn work<T, R>(items: &[T], window: usize, f: impl Fn(&T) -> R, meeting: &Meeting<R>) {
    let mut shared = meeting.lock();
    loop {
        while !shared.stop && shared.next < items.len() && shared.next >= shared.consumed + window {
            shared.waiting += 1;
            shared = meeting
                .room
                .wait(shared)
                .unwrap_or_else(PoisonError::into_inner);
            shared.waiting -= 1;
        }
        if shared.stop || shared.next >= items.len() {
            return;
        }
        let index = shared.next;
        shared.next += 1;
        drop(shared);
        let result = f(&items[index]);
        shared = meeting.lock();
        // The consumer waits for every item before this one's slot is
        // taken, so the slot is still ahead of it.
        let slot = index - shared.taken;
        if shared.made.len() <= slot {
            shared.made.resize_with(slot + 1, || None);
        }
        shared.made[slot] = Some(result);
        if slot == 0 && shared.consumer_waits {
            meeting.ready.notify_one();
        }
    }
}

/// Takes the results in order and hands them on, making room for one
/// more item after each; an error from `consume` stops the workers.
fn consume_in_order<R, E>(
    count: usize,
    meeting: &Meeting<R>,
    consume: &mut impl FnMut(usize, R) -> Result<(), E>,
) -> Result<(), E> {
    for expected in 0..count {
        let result = {
            let mut shared = meeting.lock();
            let result = loop {
                if let Some(slot) = shared.made.front_mut()
                    && let Some(result) = slot.take()
                {
                    shared.made.pop_front();
                    break result;
                }
                // A worker panicked: the caller passes it on when it joins.
                if shared.stop {
                    return Ok(());
                }
                shared.consumer_waits = true;
                shared = meeting
                    .ready
                    .wait(shared)
                    .unwrap_or_else(PoisonError::into_inner);
                shared.consumer_waits = false;
            };
            shared.taken += 1;
            result
        };
        if let Err(error) = consume(expected, result) {
            meeting.stop();
            return Err(error);
        }
        let mut shared = meeting.lock();
        shared.consumed += 1;
        if shared.waiting > 0 {
            meeting.room.notify_one();
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
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

    #[test]
    fn a_stream_never_waits_for_room_it_will_not_get() {
        // Workers sleep until there is room and the consumer until its
        // next result is made; whatever the window and whichever side is
        // slower, the stream must finish.
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
    fn a_worker_that_panics_stops_the_stream_and_its_panic_goes_on() {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let outcome = std::panic::catch_unwind(|| {
                let items: Vec<u64> = (0..1000).collect();
                super::stream(
                    &items,
                    4,
                    |&n| {
                        assert_ne!(n, 37, "a worker fails on item 37");
                        n
                    },
                    |_, _| Ok::<(), ()>(()),
                )
            });
            let _ = done.send(outcome.is_err());
        });
        assert_eq!(
            finished.recv_timeout(std::time::Duration::from_secs(60)),
            Ok(true),
            "the panic was lost or the stream hung"
        );
    }

    #[cfg(target_os = "linux")]
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
