//! The event calendar: events come out ordered by time, and events at the same instant in the order
//! they were scheduled (as if by a running sequence number) — identically every run.
//! Buckets of 1/32 day, each sorted once when its turn comes (see [`Calendar`]).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// An event the calendar can carry, packed into 32 bits (a calendar entry is then the time's 64
/// bits and these 32).
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

/// An event that carries nothing (a calendar of one kind of event).
impl Event for () {
    #[inline]
    fn pack(self) -> u32 {
        0
    }
    #[inline]
    fn unpack(_: u32) -> Self {}
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

/// A sorting network written out: each `(a, b)` puts the smaller of `k[a]` and `k[b]` in `k[a]`
/// (Batcher's odd–even merge sort: 19 comparators for 8 keys, 63 for 16; checked for every 0–1
/// input by a test, which by the 0–1 principle proves it sorts everything).
macro_rules! network {
    ($k:ident; $(($a:literal, $b:literal)),* $(,)?) => {
        $(
            let (x, y) = ($k[$a], $k[$b]);
            $k[$a] = x.min(y);
            $k[$b] = x.max(y);
        )*
    };
}

/// One scheduled event in a bucket: the time's bits and the packed event. Times are finite or +∞
/// and never negative, so their bit patterns order as the numbers do: buckets are sorted on
/// `time` alone, one 64-bit comparison. There is no sequence number: every list is kept in
/// scheduling order for events at the same time (see [`Calendar`]), and the sorts are stable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Entry {
    time: u64,
    event: u32,
}

impl Entry {
    #[inline]
    fn time(self) -> f64 {
        f64::from_bits(self.time)
    }
}

/// Buckets per day: each bucket covers 1/32 day (45 minutes), so a bucket holds a handful of
/// events and is sorted (by a sorting network, [`sort_small`]) when its turn comes.
const PER_DAY: f64 = 32.0;

/// Slots in the ring of buckets (64 days): events up to that far ahead wait unsorted in their
/// bucket's row; later ones in the far heap.
const RING: usize = 2048;

/// Events a ring bucket keeps in its row of the slab; more spill into a list of their own. A
/// bucket of 1/32 day holds about eight events of a whole-system run, more than 16 in 0.5% of
/// buckets (BEN baseline).
const ROW: usize = 16;

/// The event calendar: a two-level queue. Events of later buckets wait unsorted in per-bucket
/// lists (rows of a slab in a ring of [`RING`] buckets, beyond that a heap); when its turn comes a bucket is sorted
/// once and read in order, and an event scheduled into the current bucket meanwhile is inserted
/// in place. Pops come out ordered by time, and events at the same time in the order they were
/// scheduled — exactly the order of one heap on (time, sequence number) — but no heap holds the
/// near future, and scheduling into a later bucket costs a push onto a list.
///
/// Ties need no sequence number in the lists: a bucket's list receives its events in scheduling
/// order; the far heap's events for a bucket were all scheduled before any of its list's (they
/// were then more than [`RING`] buckets ahead, and the current bucket only moves forward), and go
/// in front of them; the sort is stable; and an event scheduled into the current bucket is placed
/// after every pending event at its time. Only the far heap keeps a sequence number.
#[derive(Clone, Debug)]
pub struct Calendar<E> {
    /// The current bucket's events, sorted; `today[next..]` are still pending.
    today: Vec<Entry>,
    next: usize,
    /// Row `i % RING` of the slab holds the first events of bucket `i`, for
    /// `cur < i < cur + RING`, `row_len` of them; `spill[i % RING]` the rest (in scheduling
    /// order). One slab with the lengths apart (4 kB, which stay in cache) rather than a list
    /// per bucket: scheduling into a later bucket writes one entry and reads no list header,
    /// whose load missed the cache at random buckets.
    ring: Box<[[Entry; ROW]; RING]>,
    row_len: Box<[u8; RING]>,
    spill: Vec<Vec<Entry>>,
    /// A bucket gathered from the far heap, its row and its spill, before sorting (rare).
    scratch: Vec<Entry>,
    /// Events in the ring.
    in_ring: usize,
    /// One bit per ring slot, set while it holds events (to skip empty buckets quickly).
    occupied: [u64; RING / 64],
    /// Events of bucket `cur + RING` or later, as (time bits, sequence, event).
    far: BinaryHeap<Reverse<(u64, u64, u32)>>,
    /// The current bucket (its events are in `today`).
    cur: usize,
    /// Events scheduled so far (the far heap's sequence numbers).
    scheduled: u64,
    now: f64,
    _event: std::marker::PhantomData<E>,
}

impl<E: Event> Default for Calendar<E> {
    fn default() -> Self {
        Calendar::new()
    }
}

impl<E: Event> Calendar<E> {
    /// An empty calendar at time 0.
    pub fn new() -> Calendar<E> {
        Calendar::with_capacity(0)
    }

    /// An empty calendar expecting about `n` events pending at once.
    pub fn with_capacity(n: usize) -> Calendar<E> {
        Calendar {
            today: Vec::with_capacity(n / RING + 8),
            next: 0,
            ring: vec![[Entry::default(); ROW]; RING]
                .into_boxed_slice()
                .try_into()
                .expect("RING rows"),
            row_len: Box::new([0; RING]),
            spill: (0..RING).map(|_| Vec::new()).collect(),
            scratch: Vec::new(),
            in_ring: 0,
            occupied: [0; RING / 64],
            far: BinaryHeap::new(),
            cur: 0,
            scheduled: 0,
            now: 0.0,
            _event: std::marker::PhantomData,
        }
    }

    /// The current simulated time [days]: the time of the last event popped.
    #[inline]
    pub fn now(&self) -> f64 {
        self.now
    }

    /// The bucket of `time` [days] (a multiplication by a power of two and a cast: no rounding).
    #[inline]
    fn bucket(time: f64) -> usize {
        // Times are ≥ 0 (clamped to `now`); the cast truncates, and saturates for times beyond
        // 2^32 buckets (370,000 years), which all share the far heap's last bucket. A 32-bit cast
        // is a few instructions fewer than a 64-bit unsigned one.
        (time * PER_DAY) as u32 as usize
    }

    /// Schedule `event` at `time` (clamped to now: the clock never goes back).
    #[inline(always)]
    pub fn schedule(&mut self, time: f64, event: E) {
        let time = if time >= self.now { time } else { self.now };
        let e = Entry {
            time: time.to_bits(),
            event: event.pack(),
        };
        let b = Self::bucket(time);
        if b <= self.cur {
            // After every pending event at the same time (and the event scheduled last).
            let at = self.next + self.today[self.next..].partition_point(|x| x.time <= e.time);
            self.today.insert(at, e);
        } else if b - self.cur < RING {
            let slot = b % RING;
            let n = usize::from(self.row_len[slot]);
            if n < ROW {
                self.ring[slot][n] = e;
                self.row_len[slot] = n as u8 + 1;
            } else {
                self.spill[slot].push(e);
            }
            self.occupied[slot / 64] |= 1 << (slot % 64);
            self.in_ring += 1;
        } else {
            self.far.push(Reverse((e.time, self.scheduled, e.event)));
        }
        self.scheduled += 1;
    }

    /// Moves to the next bucket with events and sorts it, if the current one is used up — but
    /// not past the bucket of time `limit` [days]: events handled outside the calendar (arrivals)
    /// may still come before the next event, and what they schedule should go to a list, not
    /// into a sorted bucket.
    #[inline(always)]
    fn refill(&mut self, limit: f64) {
        if self.next == self.today.len() {
            // (A comparison, not `f64::max`: no NaN handling needed, fewer instructions.)
            let limit = if limit > self.now { limit } else { self.now };
            self.load_next_bucket(Self::bucket(limit));
        }
    }

    /// The first bucket at or after `from` whose ring list holds events (there is one: the ring
    /// is not empty), found from the occupancy bits a word (64 buckets) at a time.
    fn next_in_ring(&self, from: usize) -> usize {
        let start = from % RING;
        let mut w = start / 64;
        let mut bits = self.occupied[w] & (!0u64 << (start % 64));
        // At most every word once, then the start word's bits below `start` (which come last).
        for _ in 0..=RING / 64 {
            if bits != 0 {
                let slot = w * 64 + bits.trailing_zeros() as usize;
                return from + (slot + RING - start) % RING;
            }
            w = (w + 1) % (RING / 64);
            bits = self.occupied[w];
        }
        unreachable!("next_in_ring on an empty ring")
    }

    /// Moves to the next bucket with events (at most to bucket `max`), sorting it, until
    /// something is pending in the current bucket or nothing is left.
    fn load_next_bucket(&mut self, max: usize) {
        while self.next == self.today.len() && self.cur < max {
            let in_ring = if self.in_ring > 0 {
                self.next_in_ring(self.cur + 1)
            } else {
                usize::MAX
            };
            let in_far = self
                .far
                .peek()
                .map_or(usize::MAX, |Reverse(e)| Self::bucket(f64::from_bits(e.0)));
            let b = in_ring.min(in_far);
            if b == usize::MAX {
                return;
            }
            // Straight to the next bucket with events, but not past `max`.
            self.cur = b.max(self.cur + 1).min(max);
            let slot = self.cur % RING;
            self.occupied[slot / 64] &= !(1 << (slot % 64));
            self.today.clear();
            self.next = 0;
            let n = usize::from(self.row_len[slot]);
            self.row_len[slot] = 0;
            self.in_ring -= n;
            let row = &self.ring[slot][..n];
            let far_here = self
                .far
                .peek()
                .is_some_and(|Reverse(e)| Self::bucket(f64::from_bits(e.0)) <= self.cur);
            if !far_here && n < ROW {
                // Usually the row is the whole bucket (a full row may have spilled).
                sort_into(row, &mut self.today);
                continue;
            }
            // The far heap's events of this bucket first (see the type's notes on ties), then
            // the row, then what spilled past it.
            self.scratch.clear();
            while let Some(Reverse(e)) = self.far.peek() {
                if Self::bucket(f64::from_bits(e.0)) > self.cur {
                    break;
                }
                let Reverse((time, _, event)) = self.far.pop().expect("peeked");
                self.scratch.push(Entry { time, event });
            }
            self.scratch.extend_from_slice(row);
            if n == ROW {
                self.in_ring -= self.spill[slot].len();
                self.scratch.append(&mut self.spill[slot]);
            }
            sort_into(&self.scratch, &mut self.today);
        }
    }

    /// Remove the next event, advancing the clock to it.
    #[inline]
    fn take(&mut self) -> (f64, E) {
        let e = self.today[self.next];
        self.next += 1;
        self.now = e.time();
        (self.now, E::unpack(e.event))
    }

    /// Time of the next event, if any.
    #[inline]
    pub fn peek_time(&mut self) -> Option<f64> {
        self.refill(f64::INFINITY);
        self.today.get(self.next).map(|e| e.time())
    }

    /// Remove the next event if it is due at or before `limit` [days], advancing the clock to it.
    #[inline]
    pub fn pop_through(&mut self, limit: f64) -> Option<(f64, E)> {
        self.pop_packed_through(limit)
            .map(|(t, bits)| (t, E::unpack(bits)))
    }

    /// As [`Calendar::pop_through`], the event left packed ([`Event::pack`]'s bits): a caller can
    /// test for its most frequent kind with one comparison before unpacking the rest (unpacking
    /// first becomes a jump table, whose indirect jump is mispredicted whenever the kind changes).
    #[inline]
    pub fn pop_packed_through(&mut self, limit: f64) -> Option<(f64, u32)> {
        self.refill(limit);
        match self.today.get(self.next) {
            Some(e) if e.time() <= limit => {
                self.next += 1;
                self.now = e.time();
                Some((self.now, e.event))
            }
            _ => None,
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
        self.refill(f64::INFINITY);
        if self.next < self.today.len() {
            Some(self.take())
        } else {
            None
        }
    }

    /// Pending events.
    pub fn len(&self) -> usize {
        self.today.len() - self.next + self.in_ring + self.far.len()
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

/// Appends the events of `src` to `dst` sorted by time, equal times in their order in `src`.
/// Buckets of 2 to 16 events (99.5% of them in a whole-system run) go through a sorting network
/// ([`sort_small`]); others, and the rare bucket it declines, through insertion sort or the
/// library's stable sort.
fn sort_into(src: &[Entry], dst: &mut Vec<Entry>) {
    let n = src.len();
    if (2..=16).contains(&n) && sort_small(src, dst) {
        return;
    }
    let start = dst.len();
    dst.extend_from_slice(src);
    let v = &mut dst[start..];
    if n > 32 {
        v.sort_by_key(|e| e.time);
        return;
    }
    for i in 1..n {
        let e = v[i];
        let mut j = i;
        while j > 0 && v[j - 1].time > e.time {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = e;
    }
}

/// Appends the events of `src` (2 to 16) to `dst` sorted: a sorting network over the keys
/// `time << 8 | index`, then a gather in key order. The keys are unique, so any sorting network
/// gives exactly the stable order (time, then position); and a network has no branches to
/// mispredict (an insertion sort's inner loop ends at a random point: about one misprediction
/// per event, a tenth of a replication's time). The shift drops the top 8 bits of the times
/// (sign and high exponent bits), which all times of a bucket share unless they are below 2^-15
/// days; if they differ, nothing is appended and the result is false.
fn sort_small(src: &[Entry], dst: &mut Vec<Entry>) -> bool {
    let n = src.len();
    debug_assert!((2..=16).contains(&n));
    // Unused keys are u64::MAX, above every real key (whose low byte is at most 15).
    let mut k = [u64::MAX; 16];
    let top = src[0].time >> 56;
    let mut differ = 0;
    for (i, (key, e)) in k.iter_mut().zip(src).enumerate() {
        differ |= (e.time >> 56) ^ top;
        *key = (e.time << 8) | i as u64;
    }
    if differ != 0 {
        return false;
    }
    if n <= 8 {
        sort8(&mut k);
    } else {
        sort16(&mut k);
    }
    dst.extend(k[..n].iter().map(|key| src[(key & 0xff) as usize]));
    true
}

/// Sorts `k[..8]` (a sorting network; `k[8..]` untouched).
#[inline(always)]
fn sort8(k: &mut [u64; 16]) {
    network!(k; (0, 1), (2, 3), (0, 2), (1, 3), (1, 2), (4, 5), (6, 7), (4, 6), (5, 7), (5, 6),
        (0, 4), (2, 6), (2, 4), (1, 5), (3, 7), (3, 5), (1, 2), (3, 4), (5, 6));
}

/// Sorts `k` (a sorting network).
#[inline(always)]
fn sort16(k: &mut [u64; 16]) {
    network!(k; (0, 1), (2, 3), (0, 2), (1, 3), (1, 2), (4, 5), (6, 7), (4, 6), (5, 7), (5, 6),
        (0, 4), (2, 6), (2, 4), (1, 5), (3, 7), (3, 5), (1, 2), (3, 4), (5, 6), (8, 9),
        (10, 11), (8, 10), (9, 11), (9, 10), (12, 13), (14, 15), (12, 14), (13, 15), (13, 14),
        (8, 12), (10, 14), (10, 12), (9, 13), (11, 15), (11, 13), (9, 10), (11, 12), (13, 14),
        (0, 8), (4, 12), (4, 8), (2, 10), (6, 14), (6, 10), (2, 4), (6, 8), (10, 12), (1, 9),
        (5, 13), (5, 9), (3, 11), (7, 15), (7, 11), (3, 5), (7, 9), (11, 13), (1, 2), (3, 4),
        (5, 6), (7, 8), (9, 10), (11, 12), (13, 14));
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
        let mut rng = crate::des::rng::RandomStream::new(11, 0, 0);
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

    /// Thousands of events in one day, many at the same instant and many in the same sub-bin:
    /// buckets too big for the insertion sort must give (time, sequence) order too.
    #[test]
    fn a_crowded_day_comes_out_in_order() {
        let mut rng = crate::des::rng::RandomStream::new(13, 0, 0);
        let mut cal = Calendar::new();
        let mut reference = Vec::new();
        for i in 0..5_000u32 {
            let t = match i % 3 {
                0 => 3.0 + f64::from(i % 41) / 41.0, // many exact ties
                1 => 3.0 + rng.uniform(),
                _ => 3.0 + rng.uniform() / 1_000.0, // crowded into the first bucket
            };
            cal.schedule(t, i);
            reference.push((t, i));
        }
        reference.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let popped: Vec<(f64, u32)> = std::iter::from_fn(|| cal.pop()).collect();
        assert_eq!(popped, reference);
    }

    /// One ring bucket holding every count of events from 0 to 40 (sorted straight from its row,
    /// sorted after copying, spilled beyond the row), with ties: popped in (time, scheduling)
    /// order.
    #[test]
    fn a_bucket_of_every_size_comes_out_in_order() {
        let mut rng = crate::des::rng::RandomStream::new(16, 0, 0);
        for n in 0..=40u32 {
            let mut cal = Calendar::new();
            let mut reference = Vec::new();
            for i in 0..n {
                let t = (10.0 + (rng.uniform() * 6.0).floor() / 8.0) / PER_DAY;
                cal.schedule(t, i);
                reference.push((t, i));
            }
            reference.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let popped: Vec<(f64, u32)> = std::iter::from_fn(|| cal.pop()).collect();
            assert_eq!(popped, reference, "{n} events");
        }
    }

    /// The engine's use: an outside source of events (arrivals) interleaved with the calendar
    /// through `pop_through(next outside time)` and `advance_to`, each handled event scheduling
    /// more (some at the same instant, some beyond the ring). At every step the calendar must give
    /// what a plain sorted list of its pending events says comes first, unless the outside event
    /// is strictly earlier.
    #[test]
    fn outside_events_interleave_like_one_queue() {
        let mut rng = crate::des::rng::RandomStream::new(14, 0, 0);
        let mut cal = Calendar::new();
        // Pending calendar events as (time, sequence, id).
        let mut pending: Vec<(f64, u64, u32)> = Vec::new();
        let (mut seq, mut id) = (0u64, 0u32);
        let mut outside = 0.5f64;
        let mut steps = 0;
        while outside < 400.0 {
            pending.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let want_calendar = pending.first().is_some_and(|p| p.0 <= outside);
            let now = match cal.pop_through(outside) {
                Some((t, e)) => {
                    assert!(
                        want_calendar,
                        "step {steps}: calendar gave {t} before {outside}"
                    );
                    let (wt, _, wid) = pending.remove(0);
                    assert_eq!((t, e), (wt, wid), "step {steps}");
                    t
                }
                None => {
                    assert!(
                        !want_calendar,
                        "step {steps}: calendar held back {:?}",
                        pending[0]
                    );
                    cal.advance_to(outside);
                    let t = outside;
                    outside += rng.exp1() * 0.3;
                    t
                }
            };
            assert_eq!(cal.now(), now);
            for _ in 0..rng.choose_weighted(&[1.0, 2.0, 1.0]) {
                let ahead = match rng.choose_weighted(&[4.0, 2.0, 1.0, 0.5]) {
                    0 => rng.uniform() * 0.05, // the same or the next bucket
                    1 => rng.uniform() * 30.0,
                    2 => 0.0,
                    _ => 100.0 + rng.uniform() * 400.0, // beyond the ring
                };
                cal.schedule(now + ahead, id);
                pending.push((now + ahead, seq, id));
                seq += 1;
                id += 1;
            }
            assert_eq!(cal.len(), pending.len());
            steps += 1;
        }
        assert!(steps > 2_000, "{steps} steps");
    }

    /// The 0–1 principle (Knuth, TAOCP vol. 3, §5.3.4): a comparator network that sorts every
    /// sequence of 0s and 1s sorts every sequence. Both networks, over all 2^8 and 2^16 inputs.
    #[test]
    fn the_sorting_networks_sort_every_zero_one_input() {
        for m in 0u32..1 << 16 {
            let mut k = [0u64; 16];
            for (i, x) in k.iter_mut().enumerate() {
                *x = u64::from(m >> i & 1);
            }
            let mut eight = k;
            sort16(&mut k);
            assert!(k.windows(2).all(|w| w[0] <= w[1]), "16: {m:#x}");
            if m < 1 << 8 {
                sort8(&mut eight);
                assert!(eight[..8].windows(2).all(|w| w[0] <= w[1]), "8: {m:#x}");
                assert!(eight[8..].iter().all(|&x| x == 0), "8 touched the rest");
            }
        }
    }

    /// Buckets of every size up to 40, times drawn to collide often (whole multiples of a small
    /// step), in one bucket or spread, and near zero (where the network declines): the library's
    /// stable sort is the reference.
    #[test]
    fn bucket_sort_is_stable_for_every_size() {
        let mut rng = crate::des::rng::RandomStream::new(15, 0, 0);
        for round in 0..20_000u32 {
            let n = (round % 41) as usize;
            let base = match round % 4 {
                0 => 0.0,
                1 => 1e-9,
                _ => 50.0 + f64::from(round % 97) / 32.0,
            };
            let step = [1.0 / 32.0 / 8.0, 1.0 / 32.0 / 1000.0, 0.0][(round / 41 % 3) as usize];
            let v: Vec<Entry> = (0..n as u32)
                .map(|i| {
                    let x = if step > 0.0 {
                        base + step * (rng.uniform() * 8.0).floor()
                    } else {
                        base + rng.uniform() / 32.0
                    };
                    Entry {
                        time: x.to_bits(),
                        event: i,
                    }
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|e| e.time);
            // Appended after what the list already holds.
            let first = Entry {
                time: 7,
                event: u32::MAX,
            };
            let mut sorted = vec![first];
            sort_into(&v, &mut sorted);
            assert_eq!(sorted[0], first);
            assert_eq!(sorted[1..], want, "round {round}, {n} events");
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
