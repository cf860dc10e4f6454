//! The event calendar: a binary heap ordered by time, then by a running sequence number, so that
//! events at the same instant are handled in the order they were scheduled — identically every run.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// One scheduled event.
#[derive(Clone, Copy, Debug)]
struct Entry<E> {
    /// When [days since the start of the run]; finite and ≥ 0.
    time: f64,
    /// Running number at scheduling time: the tie-break.
    seq: u64,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.seq == other.seq
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    /// Reversed (earliest first) because `BinaryHeap` is a max-heap.
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        // Times are finite and non-negative, so their bit patterns order like the numbers.
        (other.time.to_bits(), other.seq).cmp(&(self.time.to_bits(), self.seq))
    }
}

/// A future-event list.
#[derive(Clone, Debug)]
pub struct Calendar<E> {
    heap: BinaryHeap<Entry<E>>,
    seq: u64,
    now: f64,
}

impl<E> Default for Calendar<E> {
    fn default() -> Self {
        Calendar::new()
    }
}

impl<E> Calendar<E> {
    /// An empty calendar at time 0.
    pub fn new() -> Calendar<E> {
        Calendar {
            heap: BinaryHeap::new(),
            seq: 0,
            now: 0.0,
        }
    }

    /// An empty calendar with room for `n` pending events.
    pub fn with_capacity(n: usize) -> Calendar<E> {
        Calendar {
            heap: BinaryHeap::with_capacity(n),
            seq: 0,
            now: 0.0,
        }
    }

    /// The time of the last event taken [days].
    #[inline]
    pub fn now(&self) -> f64 {
        self.now
    }

    /// Schedule `event` at `time` [days]. Times before now (or NaN) are clamped to now: an event
    /// can never move the clock backwards.
    #[inline]
    pub fn schedule(&mut self, time: f64, event: E) {
        let time = if time >= self.now { time } else { self.now };
        self.heap.push(Entry {
            time,
            seq: self.seq,
            event,
        });
        self.seq += 1;
    }

    /// The time of the next event, if any.
    #[inline]
    pub fn peek_time(&self) -> Option<f64> {
        self.heap.peek().map(|e| e.time)
    }

    /// Take the next event and advance the clock to its time.
    #[inline]
    pub fn pop(&mut self) -> Option<(f64, E)> {
        let e = self.heap.pop()?;
        self.now = e.time;
        Some((e.time, e.event))
    }

    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// No pending events.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// Events scheduled so far.
    pub fn scheduled(&self) -> u64 {
        self.seq
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_by_time_then_schedule_order() {
        let mut c = Calendar::new();
        c.schedule(2.0, 'a');
        c.schedule(1.0, 'b');
        c.schedule(2.0, 'c');
        c.schedule(1.0, 'd');
        c.schedule(0.5, 'e');
        let order: Vec<char> = std::iter::from_fn(|| c.pop().map(|(_, e)| e)).collect();
        assert_eq!(order, vec!['e', 'b', 'd', 'a', 'c']);
    }

    #[test]
    fn clock_never_goes_back() {
        let mut c = Calendar::new();
        c.schedule(5.0, 1);
        c.pop();
        c.schedule(3.0, 2);
        c.schedule(f64::NAN, 3);
        assert_eq!(c.pop(), Some((5.0, 2)));
        assert_eq!(c.pop(), Some((5.0, 3)));
    }
}
