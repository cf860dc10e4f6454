//! The event calendar: events come out ordered by time, then by a running sequence number, so that
//! events at the same instant are handled in the order they were scheduled — identically every run.
//! Per-day buckets, each sorted once when its day comes (see [`Calendar`]).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// An event the calendar can carry: packed into 32 bits, so that a whole calendar entry (time,
/// sequence number and event) is one 128-bit integer whose integer order is the event order.
pub trait Event: Copy {
    /// The event as 32 bits.
    fn pack(self) -> u32;
    /// The event back from [`Event::pack`]'s bits.
    fn unpack(bits: u32) -> Self;
}

impl Event for u32 {
    #[inline]
    fn pack(self) -> u32 {
        self
    }
    #[inline]
    fn unpack(bits: u32) -> Self {
        bits
    }
}

impl Event for char {
    #[inline]
    fn pack(self) -> u32 {
        u32::from(self)
    }
    #[inline]
    fn unpack(bits: u32) -> Self {
        char::from_u32(bits).unwrap_or(char::REPLACEMENT_CHARACTER)
    }
}

/// One scheduled event, packed: the time's bits (high 64), the sequence number (next 32), the
/// event (low 32). Times are finite or +∞ and never negative, so their bit patterns order as the
/// numbers do, and comparing two keys compares (time, sequence) — sequence numbers are unique, so
/// the event bits never decide.
type Key = u128;

#[inline]
fn key(time: f64, seq: u32, event: u32) -> Key {
    (u128::from(time.to_bits()) << 64) | (u128::from(seq) << 32) | u128::from(event)
}

#[inline]
fn key_time(k: Key) -> f64 {
    f64::from_bits((k >> 64) as u64)
}

#[inline]
fn key_event(k: Key) -> u32 {
    k as u32
}

/// Sub-bins of a day used to pre-sort a day's bucket when it is loaded (a counting sort by the
/// time's fraction of the day, then an insertion sort that only has to fix order within bins).
const BINS: usize = 256;

/// Slots in the ring of day buckets: events up to this many days ahead wait in a plain list;
/// later ones in the far heap.
const RING: usize = 1024;

/// The event calendar: a two-level queue. Events of later days wait unsorted in per-day buckets (a
/// ring of [`RING`] days, beyond that a heap); when its day comes a bucket is sorted once and read
/// in order, and events scheduled into the current day meanwhile go to a small heap. Pops come out
/// in exactly the order of one heap ordered by (time, sequence), but no heap holds every pending
/// event, and scheduling into a later day costs a push onto a list.
///
/// Sequence numbers are 32 bits: before they would wrap, every pending event is renumbered in
/// order (the order of pops is unchanged).
#[derive(Clone, Debug)]
pub struct Calendar<E> {
    /// The current bucket's events as loaded, sorted; `today[next..]` are still pending.
    today: Vec<Key>,
    next: usize,
    /// Events scheduled into the current bucket after it was loaded.
    heap: BinaryHeap<Reverse<Key>>,
    /// `ring[i % RING]` holds events of bucket `i`, for `day < i < day + RING`.
    ring: Vec<Vec<Key>>,
    /// Events in the ring.
    in_ring: usize,
    /// Events of bucket `day + RING` or later.
    far: BinaryHeap<Reverse<Key>>,
    /// The current bucket, one day wide (its events are in `today` and `heap`).
    day: usize,
    /// The next sequence number.
    seq: u32,
    /// Events scheduled so far.
    scheduled: u64,
    /// Scratch space for sorting a day's bucket.
    scratch: Vec<Key>,
    now: f64,
    _event: std::marker::PhantomData<E>,
}

impl<E: Event> Default for Calendar<E> {
    fn default() -> Self {
        Calendar::new()
    }
}

impl<E: Event> Calendar<E> {
    /// An empty calendar at time 0 with one-day buckets.
    pub fn new() -> Calendar<E> {
        Calendar::with_capacity(0)
    }

    /// An empty calendar expecting about `n` events due within one day.
    pub fn with_capacity(n: usize) -> Calendar<E> {
        Calendar {
            today: Vec::with_capacity(n),
            next: 0,
            heap: BinaryHeap::new(),
            ring: (0..RING).map(|_| Vec::new()).collect(),
            in_ring: 0,
            far: BinaryHeap::new(),
            day: 0,
            seq: 0,
            scheduled: 0,
            scratch: Vec::new(),
            now: 0.0,
            _event: std::marker::PhantomData,
        }
    }

    /// An empty calendar whose sequence numbers start at `seq` (to test renumbering).
    #[cfg(test)]
    fn starting_at_seq(seq: u32) -> Calendar<E> {
        Calendar {
            seq,
            ..Calendar::new()
        }
    }

    /// The current simulated time [days]: the time of the last event popped.
    #[inline]
    pub fn now(&self) -> f64 {
        self.now
    }

    /// The day bucket of `time` [days] (a cast, not a division: buckets are one day wide).
    #[inline]
    fn bucket(time: f64) -> usize {
        // Times are ≥ 0 (clamped to `now`); the cast truncates, and saturates for times beyond
        // 2^32 days (11 million years), which all land in the far heap's last bucket. A 32-bit
        // cast is a few instructions fewer than a 64-bit unsigned one.
        time as u32 as usize
    }

    /// Schedule `event` at `time` (clamped to now: the clock never goes back).
    #[inline]
    pub fn schedule(&mut self, time: f64, event: E) {
        let time = if time >= self.now { time } else { self.now };
        if self.seq == u32::MAX {
            self.renumber();
        }
        let k = key(time, self.seq, event.pack());
        self.seq += 1;
        self.scheduled += 1;
        let b = Self::bucket(time);
        if b <= self.day {
            self.heap.push(Reverse(k));
        } else if b - self.day < RING {
            self.ring[b % RING].push(k);
            self.in_ring += 1;
        } else {
            self.far.push(Reverse(k));
        }
    }

    /// Give every pending event a new sequence number in pop order, from 0 (before the 32-bit
    /// numbers would wrap); the current bucket's events all go to `today`.
    #[cold]
    fn renumber(&mut self) {
        let mut all: Vec<Key> = self.today.drain(self.next..).collect();
        all.extend(self.heap.drain().map(|r| r.0));
        for b in &mut self.ring {
            all.append(b);
        }
        all.extend(self.far.drain().map(|r| r.0));
        all.sort_unstable();
        self.today.clear();
        self.next = 0;
        self.in_ring = 0;
        for (i, k) in all.into_iter().enumerate() {
            let k = key(key_time(k), i as u32, key_event(k));
            let b = Self::bucket(key_time(k));
            if b <= self.day {
                self.today.push(k);
            } else if b - self.day < RING {
                self.ring[b % RING].push(k);
                self.in_ring += 1;
            } else {
                self.far.push(Reverse(k));
            }
        }
        self.seq = u32::try_from(self.len()).expect("fewer than 2^32 pending events");
    }

    /// Moves to the next bucket with events, sorting it, until something is pending in the
    /// current bucket or nothing is left.
    fn refill(&mut self) {
        while self.heap.is_empty() && self.next == self.today.len() {
            if self.in_ring == 0 {
                match self.far.peek() {
                    None => return,
                    // Jump straight to the far heap's first bucket.
                    Some(e) => self.day = Self::bucket(key_time(e.0)).max(self.day + 1),
                }
            } else {
                self.day += 1;
            }
            // Swap the bucket in (its list becomes today's; today's emptied list the ring slot's).
            let slot = self.day % RING;
            self.in_ring -= self.ring[slot].len();
            self.today.clear();
            self.next = 0;
            std::mem::swap(&mut self.today, &mut self.ring[slot]);
            while self
                .far
                .peek()
                .is_some_and(|e| Self::bucket(key_time(e.0)) <= self.day)
            {
                let e = self.far.pop().expect("peeked");
                self.today.push(e.0);
            }
            self.sort_today();
        }
    }

    /// Sort the bucket just loaded into `today` (all its times are in `[day, day + 1)`).
    ///
    /// A counting sort on `BINS` equal sub-intervals of the day, then an insertion sort by the
    /// whole key: `(t − day) · BINS` is non-decreasing in `t` under IEEE rounding, so after the
    /// counting pass only keys sharing a bin can be out of order, and with a few hundred events
    /// a day a bin holds one or two — linear time rather than the n log n of a comparison sort.
    fn sort_today(&mut self) {
        let n = self.today.len();
        if n < 32 {
            self.today.sort_unstable();
            return;
        }
        let base = self.day as f64;
        // The cast to u8 saturates: exactly the clamp to 0..BINS.
        const _: () = assert!(BINS == 256);
        let bin = |k: Key| usize::from(((key_time(k) - base) * BINS as f64) as u8);
        let mut start = [0u32; BINS + 1];
        for &k in &self.today {
            start[bin(k) + 1] += 1;
        }
        for i in 1..=BINS {
            start[i] += start[i - 1];
        }
        // Scratch only grows (no zeroing of space about to be overwritten).
        if self.scratch.len() < n {
            self.scratch.resize(n, 0);
        }
        for &k in &self.today {
            let b = bin(k);
            self.scratch[start[b] as usize] = k;
            start[b] += 1;
        }
        std::mem::swap(&mut self.today, &mut self.scratch);
        self.today.truncate(n);
        let v = &mut self.today;
        for i in 1..n {
            let k = v[i];
            let mut j = i;
            while j > 0 && v[j - 1] > k {
                v[j] = v[j - 1];
                j -= 1;
            }
            v[j] = k;
        }
    }

    /// The next event's key and whether it is in `heap` (rather than `today`).
    #[inline]
    fn first(&self) -> Option<(Key, bool)> {
        let a = self.today.get(self.next).copied();
        match (a, self.heap.peek()) {
            (Some(a), Some(b)) if b.0 < a => Some((b.0, true)),
            (Some(a), _) => Some((a, false)),
            (None, Some(b)) => Some((b.0, true)),
            (None, None) => None,
        }
    }

    /// Remove the event `first` found.
    #[inline]
    fn take(&mut self, k: Key, in_heap: bool) -> (f64, E) {
        if in_heap {
            self.heap.pop();
        } else {
            self.next += 1;
        }
        let t = key_time(k);
        self.now = t;
        (t, E::unpack(key_event(k)))
    }

    /// Time of the next event, if any.
    #[inline]
    pub fn peek_time(&mut self) -> Option<f64> {
        self.refill();
        self.first().map(|(k, _)| key_time(k))
    }

    /// Remove the next event if it is due at or before `limit` [days], advancing the clock to it.
    #[inline]
    pub fn pop_through(&mut self, limit: f64) -> Option<(f64, E)> {
        self.refill();
        let (k, in_heap) = self.first()?;
        if key_time(k) <= limit {
            Some(self.take(k, in_heap))
        } else {
            None
        }
    }

    /// Advance the clock to `t` [days] for an event handled outside the calendar. `t` must not be
    /// later than the next pending event (the caller checked with [`Calendar::pop_through`]);
    /// earlier times leave the clock where it is.
    #[inline]
    pub fn advance_to(&mut self, t: f64) {
        if t > self.now {
            self.now = t;
        }
    }

    /// Remove the next event and advance the clock to it.
    #[inline]
    pub fn pop(&mut self) -> Option<(f64, E)> {
        self.refill();
        let (k, in_heap) = self.first()?;
        Some(self.take(k, in_heap))
    }

    /// Pending events.
    pub fn len(&self) -> usize {
        self.today.len() - self.next + self.heap.len() + self.in_ring + self.far.len()
    }

    /// No pending events.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Events scheduled so far.
    pub fn scheduled(&self) -> u64 {
        self.scheduled
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

    /// Sequence numbers run out after 2^32 schedules: the renumbering must keep the pop order —
    /// checked against a sorted reference with ties on the same instant on both sides of the wrap,
    /// and events in today's list, the current-day heap, the ring and the far heap.
    #[test]
    fn renumbering_before_the_sequence_wraps_keeps_the_order() {
        let mut rng = crate::des::rng::Stream::new(12, 0, 0);
        let mut cal = Calendar::starting_at_seq(u32::MAX - 700);
        let mut reference: Vec<(f64, u64, u32)> = Vec::new();
        let (mut seq, mut popped, mut expected) = (0u64, Vec::new(), Vec::new());
        for step in 0..3_000u32 {
            if rng.uniform() < 0.6 || reference.is_empty() {
                let now = cal.now();
                let ahead = match rng.choose_weighted(&[3.0, 2.0, 1.0, 0.3]) {
                    0 => 0.0,
                    1 => (rng.uniform() * 3.0).floor(),
                    2 => rng.uniform() * 2.0,
                    _ => 2_000.0 + rng.uniform() * 100.0,
                };
                cal.schedule(now + ahead, step);
                reference.push((now + ahead, seq, step));
                seq += 1;
            } else {
                popped.push(cal.pop());
                reference.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                let (t, _, e) = reference.remove(0);
                expected.push(Some((t, e)));
            }
        }
        assert!(
            cal.seq < 5_000,
            "the numbers were renumbered from 0: {}",
            cal.seq
        );
        while let Some(p) = cal.pop() {
            popped.push(Some(p));
        }
        reference.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        expected.extend(reference.iter().map(|r| Some((r.0, r.2))));
        assert_eq!(popped, expected);
        assert_eq!(cal.scheduled(), seq);
    }

    /// Thousands of events in one day, many at the same instant and many in the same sub-bin:
    /// the counting-sort path must give (time, sequence) order.
    #[test]
    fn a_crowded_day_comes_out_in_order() {
        let mut rng = crate::des::rng::Stream::new(13, 0, 0);
        let mut cal = Calendar::new();
        let mut reference = Vec::new();
        for i in 0..5_000u32 {
            let t = match i % 3 {
                0 => 3.0 + f64::from(i % 41) / 41.0, // many exact ties
                1 => 3.0 + rng.uniform(),
                _ => 3.0 + rng.uniform() / 1_000.0, // crowded into the first bins
            };
            cal.schedule(t, i);
            reference.push((t, i));
        }
        reference.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let popped: Vec<(f64, u32)> = std::iter::from_fn(|| cal.pop()).collect();
        assert_eq!(popped, reference);
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
