//! Community services that hold a place for a length of service: the admission-avoidance
//! caseloads (one per stream) and early supported discharge; and the start of the run, when the
//! long caseloads are seeded at their steady-state size.

use super::{sid, Engine};
use crate::des::rng::RandomStream as Rng;
use crate::rules::Steady;
use crate::scenario::{Service, Stream};

/// End times of places that only need freeing (min-heap on the bits of non-negative times, which
/// order as the times do).
#[derive(Clone, Debug, Default)]
pub(super) struct EndTimes(std::collections::BinaryHeap<std::cmp::Reverse<u64>>);

impl EndTimes {
    pub fn push(&mut self, t: f64) {
        self.0.push(std::cmp::Reverse(t.max(0.0).to_bits()));
    }

    /// Removes the ends at or before `t`; returns how many.
    pub fn release_through(&mut self, t: f64) -> u32 {
        let bits = t.max(0.0).to_bits();
        let mut n = 0;
        while self.0.peek().is_some_and(|e| e.0 <= bits) {
            self.0.pop();
            n += 1;
        }
        n
    }
}

/// Counters of a caseload with a place limit (avoidance, ESD).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Places {
    pub capacity: u32,
    pub used: u32,
}

impl Engine {
    /// Free the avoidance places of stream `ki` that ended by `t`.
    pub(super) fn release_avoid(&mut self, ki: usize, t: f64) {
        let ended = self.avoid_ends[ki].release_through(t);
        let a = &mut self.avoid[ki];
        a.used = a.used.saturating_sub(ended);
        self.extras.events += u64::from(ended);
    }

    /// Free the early-supported-discharge places that ended by `t`.
    pub(super) fn release_esd(&mut self, t: f64) {
        let ended = self.esd_ends.release_through(t);
        self.esd.used = self.esd.used.saturating_sub(ended);
        self.extras.events += u64::from(ended);
    }

    /// Apply every place and caseload end before the day boundary at `t` (the census follows).
    pub(super) fn release_all(&mut self, t: f64) {
        for ki in 0..self.avoid.len() {
            self.release_avoid(ki, t);
        }
        self.release_esd(t);
        self.release_services(t);
        self.release_hospice(t);
        for q in &mut self.starts {
            self.extras.events += q.release_through(t);
        }
    }

    /// Admission avoidance for an arriving emergency of stream `ki` at `t`: whether the
    /// admission is avoided. One uniform draw decides both: eligible when u < eligible, and then,
    /// since u ÷ eligible is uniform on [0, 1) and independent of being eligible, the admission
    /// is avoided when it is below the effectiveness. `None` when the person is not taken on.
    #[inline]
    pub(super) fn avoided(&mut self, ki: usize, t: f64) -> Option<bool> {
        if !self.avoid_ever[ki] {
            return None;
        }
        let eligible = self.avoid_eligible[ki];
        let u = self.avoid_rng[ki].uniform();
        if u < eligible {
            self.release_avoid(ki, t);
            if self.avoid[ki].used < self.avoid[ki].capacity {
                self.avoid[ki].used += 1;
                let stay = self.avoid_stay[ki].sample(&mut self.avoid_stay_rng[ki]);
                self.avoid_ends[ki].push(t + stay);
                return Some(u < self.avoid_effectiveness[ki] * eligible);
            }
        }
        None
    }

    /// Early supported discharge for a patient of stream `ki` admitted at `t` with stay `los`:
    /// the (possibly shortened) stay. Every admission draws (the share is 0 for the streams it
    /// does not reach): one rarely taken branch on the draw instead of a branch on the stream.
    #[inline]
    pub(super) fn supported_discharge(&mut self, ki: usize, t: f64, los: f64) -> f64 {
        if !self.esd_ever {
            return los;
        }
        let u = self.esd_rng.uniform();
        if u < self.esd_eligible[ki] {
            self.release_esd(t);
            if self.esd.used < self.esd.capacity {
                let esd = &self.sc.care_closer_to_home.early_supported_discharge;
                let los = (los - esd.days_saved).max(0.5);
                self.esd.used += 1;
                self.esd_ends.push(t + los + esd.length_of_service);
                return los;
            }
        }
        los
    }

    /// Start the long caseloads at their steady-state size (they last months to a year, longer
    /// than the warm-up): Poisson counts of the expected starts per day × mean length of service
    /// (Little's law), each with a fresh length of service — care packages and care homes, and
    /// the admission-avoidance caseloads (within their places).
    pub(super) fn seed_caseloads(&mut self, replication: u32) {
        let first = self.rules.all[0];
        let steady = Steady::at(&self.sc, &first);
        let mut rng = Rng::new(self.sc.seed, sid::INITIAL, replication);
        for s in [Service::CarePackage, Service::CareHome] {
            let q = &mut self.starts[super::starts_slot(s)];
            let rate = steady.starts[s.index()];
            let n = rng.poisson(rate * q.mean_length());
            for _ in 0..n {
                q.seed_one();
            }
        }
        let ch = &self.starts[super::starts_slot(Service::CareHome)];
        let care_home_caseload0 = steady.starts[Service::CareHome.index()] * ch.mean_length();
        self.cohort_seed(care_home_caseload0);
        // (Drawn after the caseloads above, from the same stream, so those are the same whether
        // or not avoidance is on.)
        for st in Stream::ALL {
            let k = st.index();
            self.avoid[k].capacity = libm::round(first.avoid_places[k]) as u32;
            let n = rng
                .poisson(steady.avoid_caseload[k])
                .min(u64::from(self.avoid[k].capacity));
            for _ in 0..n {
                let stay = self.avoid_stay[k].sample(&mut rng);
                self.avoid[k].used += 1;
                self.avoid_ends[k].push(stay);
            }
        }
    }
}
