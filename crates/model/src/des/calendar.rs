//! The event calendar: events come out ordered by time, then by a running sequence number, so that
//! events at the same instant are handled in the order they were scheduled — identically every run.
//! A heap of the current day's events over per-day buckets (see [`Calendar`]).

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
/// Slots in the ring of day buckets: events up to this many days ahead wait in a plain list;
/// later ones in the far heap.
const RING: usize = 1024;

/// The event calendar: a two-level queue. Events of later days wait unsorted in per-day buckets (a
/// ring of [`RING`] days, beyond that a second heap); when its day comes a bucket is sorted once and
/// consumed from its end, and events scheduled into the current day meanwhile go to a small heap.
/// Pops come out in exactly the order of one heap ordered by (time, sequence), but no heap holds
/// every pending event, and scheduling into a later day costs a push onto a list.
#[derive(Clone, Debug)]
pub struct Calendar<E> {
    /// The current bucket's events as loaded, sorted so the next is last.
    today: Vec<Entry<E>>,
    /// Events scheduled into the current bucket after it was loaded.
    heap: BinaryHeap<Entry<E>>,
    /// `ring[i % RING]` holds events of bucket `i`, for `day < i < day + RING`.
    ring: Vec<Vec<Entry<E>>>,
    /// Events in the ring.
    in_ring: usize,
    /// Events of bucket `day + RING` or later.
    far: BinaryHeap<Entry<E>>,
    /// The current bucket (its events are in `heap`).
    day: usize,
    /// Bucket width [days].
    width: f64,
    seq: u64,
    now: f64,
}

impl<E> Default for Calendar<E> {
    fn default() -> Self {
        Calendar::new()
    }
}

impl<E> Calendar<E> {
    /// An empty calendar at time 0 with one-day buckets.
    pub fn new() -> Calendar<E> {
        Calendar::with_capacity(0)
    }

    /// An empty calendar expecting about `n` events due within one day.
    pub fn with_capacity(n: usize) -> Calendar<E> {
        Calendar {
            today: Vec::with_capacity(n),
            heap: BinaryHeap::new(),
            ring: (0..RING).map(|_| Vec::new()).collect(),
            in_ring: 0,
            far: BinaryHeap::new(),
            day: 0,
            width: 1.0,
            seq: 0,
            now: 0.0,
        }
    }

    /// The current simulated time [days]: the time of the last event popped.
    #[inline]
    pub fn now(&self) -> f64 {
        self.now
    }

    #[inline]
    fn bucket(&self, time: f64) -> usize {
        // Times are finite and ≥ 0 (clamped to `now`); the cast saturates for huge times.
        (time / self.width) as usize
    }

    /// Schedule `event` at `time` (clamped to now: the clock never goes back).
    #[inline]
    pub fn schedule(&mut self, time: f64, event: E) {
        let time = if time >= self.now { time } else { self.now };
        let entry = Entry {
            time,
            seq: self.seq,
            event,
        };
        self.seq += 1;
        let b = self.bucket(time);
        if b <= self.day {
            self.heap.push(entry);
        } else if b - self.day < RING {
            self.ring[b % RING].push(entry);
            self.in_ring += 1;
        } else {
            self.far.push(entry);
        }
    }

    /// Moves to the next bucket with events, heapifying it, until the heap has something or
    /// nothing is left.
    fn refill(&mut self) {
        while self.heap.is_empty() && self.today.is_empty() {
            if self.in_ring == 0 {
                match self.far.peek() {
                    None => return,
                    // Jump straight to the far heap's first bucket.
                    Some(e) => self.day = self.bucket(e.time).max(self.day + 1),
                }
            } else {
                self.day += 1;
            }
            // Swap the bucket in (its list becomes today's; today's empty list the ring slot's).
            let slot = self.day % RING;
            self.in_ring -= self.ring[slot].len();
            std::mem::swap(&mut self.today, &mut self.ring[slot]);
            while self
                .far
                .peek()
                .is_some_and(|e| self.bucket(e.time) <= self.day)
            {
                let e = self.far.pop().expect("peeked");
                self.today.push(e);
            }
            // `Entry`'s order is reversed (earlier is greater), so ascending puts the next last.
            self.today.sort_unstable();
        }
    }

    /// Whether the next event is in `heap` (rather than at the end of `today`).
    #[inline]
    fn next_in_heap(&self) -> bool {
        match (self.today.last(), self.heap.peek()) {
            (Some(a), Some(b)) => b > a,
            (None, Some(_)) => true,
            _ => false,
        }
    }

    /// Time of the next event, if any.
    #[inline]
    pub fn peek_time(&mut self) -> Option<f64> {
        self.refill();
        if self.next_in_heap() {
            self.heap.peek().map(|e| e.time)
        } else {
            self.today.last().map(|e| e.time)
        }
    }

    /// Remove the next event and advance the clock to it.
    #[inline]
    pub fn pop(&mut self) -> Option<(f64, E)> {
        self.refill();
        let e = if self.next_in_heap() {
            self.heap.pop()?
        } else {
            self.today.pop()?
        };
        self.now = e.time;
        Some((e.time, e.event))
    }

    /// Pending events.
    pub fn len(&self) -> usize {
        self.today.len() + self.heap.len() + self.in_ring + self.far.len()
    }

    /// No pending events.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
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

    /// Against a plain sorted reference: random interleavings of scheduling and popping, with
    /// times from the same instant to thousands of days ahead (ring and far heap), ties included.
    #[test]
    fn matches_a_single_sorted_queue_under_random_use() {
        let mut rng = crate::des::rng::Stream::new(11, 0, 0);
        for round in 0..20 {
            let mut cal = Calendar::new();
            let mut reference: Vec<(f64, u64, u32)> = Vec::new();
            let mut seq = 0u64;
            let mut popped = Vec::new();
            let mut expected = Vec::new();
            for step in 0..5_000u32 {
                if rng.uniform() < 0.55 || reference.is_empty() {
                    let now = cal.now();
                    let ahead = match rng.choose_weighted(&[5.0, 3.0, 1.0, 0.5, 0.5]) {
                        0 => rng.uniform() * 0.5,
                        1 => rng.uniform() * 20.0,
                        2 => (rng.uniform() * 10.0).floor(), // ties on whole days
                        3 => 0.0,                            // same instant
                        _ => 900.0 + rng.uniform() * 5_000.0, // beyond the ring
                    };
                    let t = now + ahead * (1.0 + round as f64 * 0.1);
                    cal.schedule(t, step);
                    reference.push((t.max(now), seq, step));
                    seq += 1;
                } else {
                    popped.push(cal.pop());
                    reference.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                    let (t, _, e) = reference.remove(0);
                    expected.push(Some((t, e)));
                }
                assert_eq!(cal.len(), reference.len());
            }
            while let Some(p) = cal.pop() {
                popped.push(Some(p));
            }
            reference.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            expected.extend(reference.iter().map(|r| Some((r.0, r.2))));
            assert_eq!(popped, expected, "round {round}");
        }
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
