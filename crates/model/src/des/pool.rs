//! Capacity-limited resources with first-come, first-served queues.

use std::collections::VecDeque;

/// A pool of identical servers (beds, places) with a FIFO queue of waiting items.
///
/// The pool only counts: which item holds which server is the caller's business. Capacity may
/// change during a run (escalation beds, wards opening or closing); when it falls below the number
/// in use nobody is evicted — the pool simply admits no one until enough have left.
#[derive(Clone, Debug)]
pub struct Pool<T> {
    capacity: u32,
    busy: u32,
    queue: VecDeque<T>,
}

impl<T> Pool<T> {
    /// An idle pool with `capacity` servers.
    pub fn new(capacity: u32) -> Pool<T> {
        Pool {
            capacity,
            busy: 0,
            queue: VecDeque::new(),
        }
    }

    /// Servers in total.
    #[inline]
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// Servers in use.
    #[inline]
    pub fn busy(&self) -> u32 {
        self.busy
    }

    /// Servers free now (0 when over capacity).
    #[inline]
    pub fn free(&self) -> u32 {
        self.capacity.saturating_sub(self.busy)
    }

    /// Items waiting.
    #[inline]
    pub fn queue_len(&self) -> usize {
        self.queue.len()
    }

    /// Take a server if one is free (and nobody is queued ahead).
    #[inline]
    pub fn try_seize(&mut self) -> bool {
        if self.busy < self.capacity && self.queue.is_empty() {
            self.busy += 1;
            true
        } else {
            false
        }
    }

    /// Take a server regardless of capacity (used for over-capacity states that the model allows,
    /// e.g. an infinite-server pool).
    #[inline]
    pub fn seize_unchecked(&mut self) {
        self.busy += 1;
    }

    /// Join the back of the queue.
    #[inline]
    pub fn enqueue(&mut self, item: T) {
        self.queue.push_back(item);
    }

    /// Give a server back. If someone is waiting and a server is free, the head of the queue takes
    /// it and is returned so the caller can start its service.
    #[inline]
    pub fn release(&mut self) -> Option<T> {
        debug_assert!(self.busy > 0, "release of an idle pool");
        self.busy = self.busy.saturating_sub(1);
        self.admit_next()
    }

    /// If a server is free and someone is waiting, seize it for the head of the queue.
    #[inline]
    pub fn admit_next(&mut self) -> Option<T> {
        if self.busy < self.capacity {
            let item = self.queue.pop_front()?;
            self.busy += 1;
            Some(item)
        } else {
            None
        }
    }

    /// Change the number of servers (callers then drain the queue with [`Pool::admit_next`]).
    pub fn set_capacity(&mut self, capacity: u32) {
        self.capacity = capacity;
    }

    /// Iterate over the waiting items, head first.
    pub fn queued(&self) -> impl Iterator<Item = &T> {
        self.queue.iter()
    }

    /// Remove and return the head of the queue without seizing a server.
    pub fn pop_queue(&mut self) -> Option<T> {
        self.queue.pop_front()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifo_and_capacity() {
        let mut p = Pool::new(2);
        assert!(p.try_seize());
        assert!(p.try_seize());
        assert!(!p.try_seize());
        p.enqueue(1);
        p.enqueue(2);
        assert_eq!(p.release(), Some(1));
        assert_eq!(p.busy(), 2);
        p.set_capacity(1);
        assert_eq!(p.release(), None);
        assert_eq!(p.busy(), 1);
        assert_eq!(p.release(), Some(2));
        assert_eq!(p.release(), None);
        assert_eq!(p.busy(), 0);
        assert_eq!(p.queue_len(), 0);
    }
}
