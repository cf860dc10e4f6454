//! Non-homogeneous Poisson arrivals by thinning (Lewis & Shedler 1979).

use super::rng::Stream;

/// Candidate arrivals at a constant dominating rate, each kept with probability rate(t) ÷ rate_max.
#[derive(Clone, Debug)]
pub struct Thinning {
    /// Upper bound of the arrival rate [arrivals per day] over the horizon.
    pub rate_max: f64,
    /// Time of the last candidate [days].
    pub t: f64,
}

impl Thinning {
    /// Start at time `t0` [days] with dominating rate `rate_max` [per day].
    pub fn new(t0: f64, rate_max: f64) -> Thinning {
        Thinning { rate_max, t: t0 }
    }

    /// The next accepted arrival time strictly before `until` [days], or `None` if there is none
    /// (the candidate clock then rests at or beyond `until`). `rate(t)` must not exceed `rate_max`.
    #[inline]
    pub fn next(&mut self, s: &mut Stream, until: f64, rate: impl Fn(f64) -> f64) -> Option<f64> {
        if self.rate_max <= 0.0 {
            self.t = until;
            return None;
        }
        let inv = 1.0 / self.rate_max;
        loop {
            self.t += s.exp1() * inv;
            if self.t >= until {
                return None;
            }
            let r = rate(self.t);
            debug_assert!(r <= self.rate_max * (1.0 + 1e-9), "rate above rate_max");
            if s.uniform() * self.rate_max < r {
                return Some(self.t);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_the_integrated_rate() {
        // Rate 10 on even days, 30 on odd days; 2,000 days ⇒ expected 40,000 arrivals.
        let rate = |t: f64| {
            if (t as u64).is_multiple_of(2) {
                10.0
            } else {
                30.0
            }
        };
        let mut s = Stream::new(1, 0, 0);
        let mut th = Thinning::new(0.0, 30.0);
        let mut even = 0u64;
        let mut odd = 0u64;
        let mut last = 0.0;
        while let Some(t) = th.next(&mut s, 2000.0, rate) {
            assert!(t >= last);
            last = t;
            if (t as u64).is_multiple_of(2) {
                even += 1;
            } else {
                odd += 1;
            }
        }
        // Poisson sd: sqrt(10,000) = 100 and sqrt(30,000) ≈ 173; allow 4 sd.
        assert!((even as f64 - 10_000.0).abs() < 400.0, "{even}");
        assert!((odd as f64 - 30_000.0).abs() < 700.0, "{odd}");
    }
}
