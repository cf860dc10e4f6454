//! A single pool of beds fed by one Poisson stream: the configuration on which the engine is
//! checked against closed-form queueing results (Little's law, the infinite-server census,
//! Erlang B and Erlang C) and on which its raw speed is measured.
//!
//! It uses the same building blocks as the whole-system engine — [`Calendar`], [`Pool`],
//! [`Sampler`], [`RandomStream`] — and the same main loop: the next arrival waits outside the calendar
//! and is taken when no calendar event comes first ([`Calendar::pop_through`], calendar events
//! first on a tie), so what is validated here is what runs there.

use super::event_list::Calendar;
use super::pool::Pool;
use super::rng::RandomStream;
use super::sample::Sampler;
use crate::distribution::Distribution;

/// What happens to an arrival that finds every bed occupied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhenFull {
    /// Wait, first come first served, until a bed frees (Erlang C when stays are exponential).
    Queue,
    /// Go elsewhere and leave the system (Erlang B, for any stay distribution).
    TurnAway,
}

/// One stream of Poisson arrivals into one pool of beds.
#[derive(Clone, Debug, PartialEq)]
pub struct SinglePool {
    /// Arrival rate [patients per day], constant.
    pub arrival_rate: f64,
    /// Beds; `None` for an unlimited (infinite-server) pool.
    pub beds: Option<u32>,
    /// Length of stay [days].
    pub los: Distribution,
    /// Queue or turn away when full.
    pub when_full: WhenFull,
    /// Days simulated before statistics start (the pool starts empty).
    pub warmup_days: f64,
    /// Days simulated after the warm-up, over which statistics are collected.
    pub observe_days: f64,
    /// Seed of the run; replication `r` uses sub-streams derived from `(seed, stream, r)`.
    pub seed: u64,
}

/// Time-averaged and per-arrival statistics over the observation window of one replication.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SinglePoolStats {
    /// Length of the observation window [days].
    pub observed_days: f64,
    /// Arrivals during the window.
    pub arrivals: u64,
    /// Arrivals that found every bed occupied (turned away, or made to wait).
    pub found_full: u64,
    /// Time-average of occupied beds.
    pub mean_census: f64,
    /// Time-variance of occupied beds.
    pub census_variance: f64,
    /// Time-average of patients waiting for a bed.
    pub mean_queue: f64,
    /// Share of the window's time with exactly k beds occupied, k = 0, 1, ….
    pub census_share: Vec<f64>,
    /// Arrivals in the window that got a bed before the end, and the sum of their times in the
    /// system (wait + stay) [days] — for Little's law.
    pub admitted: u64,
    /// Sum of time in system of `admitted` [days].
    pub total_sojourn_days: f64,
    /// Sum of waits for a bed of `admitted` [days].
    pub total_wait_days: f64,
    /// Patients who took a bed during the window (whenever they arrived).
    pub bed_starts: u64,
    /// Events taken from the calendar over the whole run (warm-up included).
    pub events: u64,
}

impl SinglePoolStats {
    /// Share of arrivals that found the pool full (Erlang B or C estimate).
    pub fn share_found_full(&self) -> f64 {
        self.found_full as f64 / (self.arrivals.max(1)) as f64
    }

    /// Mean time in system of admitted arrivals [days].
    pub fn mean_sojourn(&self) -> f64 {
        self.total_sojourn_days / (self.admitted.max(1)) as f64
    }

    /// Rate at which patients took a bed during the window [per day].
    pub fn bed_start_rate(&self) -> f64 {
        self.bed_starts as f64 / self.observed_days
    }

    /// Observed arrival rate [per day].
    pub fn arrival_rate(&self) -> f64 {
        self.arrivals as f64 / self.observed_days
    }

    /// The `p`-quantile of the time-stationary census: smallest k with share(N ≤ k) ≥ p.
    pub fn census_quantile(&self, p: f64) -> usize {
        let mut cum = 0.0;
        for (k, s) in self.census_share.iter().enumerate() {
            cum += s;
            if cum >= p - 1e-12 {
                return k;
            }
        }
        self.census_share.len().saturating_sub(1)
    }

    /// Share of time with at most k beds occupied.
    pub fn census_cdf(&self, k: usize) -> f64 {
        self.census_share.iter().take(k + 1).sum()
    }
}

/// Run replication `replication` of the single pool.
pub fn run_single_pool(cfg: &SinglePool, replication: u32) -> SinglePoolStats {
    let mut arr = RandomStream::new(cfg.seed, 0, replication);
    let mut los_stream = RandomStream::new(cfg.seed, 1, replication);
    let los = Sampler::new(&cfg.los);
    let capacity = cfg.beds.unwrap_or(u32::MAX);
    let mut pool: Pool<f64> = Pool::new(capacity);
    // Only departures go in the calendar (the event itself carries nothing).
    let mut cal: Calendar<()> = Calendar::with_capacity(1024);
    let t0 = cfg.warmup_days.max(0.0);
    let t_end = t0 + cfg.observe_days.max(0.0);
    let inv_rate = if cfg.arrival_rate > 0.0 {
        1.0 / cfg.arrival_rate
    } else {
        f64::INFINITY
    };

    let mut st = SinglePoolStats {
        observed_days: t_end - t0,
        ..SinglePoolStats::default()
    };
    let mut area = 0.0;
    let mut area2 = 0.0;
    let mut area_q = 0.0;
    let mut hist: Vec<f64> = Vec::with_capacity(256);
    let mut last = t0;
    let mut next_arrival = if inv_rate.is_finite() {
        arr.exp1() * inv_rate
    } else {
        f64::INFINITY
    };

    loop {
        // The next departure if it comes no later than the next arrival, else the arrival.
        let limit = next_arrival.min(t_end);
        let (t, arrival) = if let Some((t, ())) = cal.pop_through(limit) {
            (t, false)
        } else if next_arrival <= t_end {
            cal.advance_to(next_arrival);
            (next_arrival, true)
        } else {
            break;
        };
        st.events += 1;
        // Accumulate the state held over (last, t] within the window.
        if t > t0 {
            let dt = t - last;
            let n = pool.busy() as usize;
            let nf = n as f64;
            area += nf * dt;
            area2 += nf * nf * dt;
            area_q += pool.queue_len() as f64 * dt;
            if hist.len() <= n {
                hist.resize(n + 1, 0.0);
            }
            hist[n] += dt;
            last = t;
        }
        let observed = t > t0;
        if arrival {
            next_arrival = t + arr.exp1() * inv_rate;
            if observed {
                st.arrivals += 1;
            }
            if pool.try_seize() {
                let stay = los.sample(&mut los_stream);
                cal.schedule(t + stay, ());
                if observed {
                    st.bed_starts += 1;
                    st.admitted += 1;
                    st.total_sojourn_days += stay;
                }
            } else {
                if observed {
                    st.found_full += 1;
                }
                if cfg.when_full == WhenFull::Queue {
                    pool.enqueue(t);
                }
            }
        } else if let Some(arrived) = pool.release() {
            let stay = los.sample(&mut los_stream);
            cal.schedule(t + stay, ());
            if observed {
                st.bed_starts += 1;
            }
            if arrived > t0 {
                st.admitted += 1;
                st.total_wait_days += t - arrived;
                st.total_sojourn_days += t - arrived + stay;
            }
        }
    }
    // Close the window.
    if t_end > last {
        let dt = t_end - last;
        let n = pool.busy() as usize;
        area += n as f64 * dt;
        area2 += (n * n) as f64 * dt;
        area_q += pool.queue_len() as f64 * dt;
        if hist.len() <= n {
            hist.resize(n + 1, 0.0);
        }
        hist[n] += dt;
    }
    let w = st.observed_days.max(f64::MIN_POSITIVE);
    st.mean_census = area / w;
    st.census_variance = (area2 / w - st.mean_census * st.mean_census).max(0.0);
    st.mean_queue = area_q / w;
    st.census_share = hist.into_iter().map(|h| h / w).collect();
    st
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_result_and_different_replications_differ() {
        let cfg = SinglePool {
            arrival_rate: 2.0,
            beds: Some(12),
            los: Distribution::Exponential { mean: 5.0 },
            when_full: WhenFull::Queue,
            warmup_days: 50.0,
            observe_days: 500.0,
            seed: 1,
        };
        assert_eq!(run_single_pool(&cfg, 0), run_single_pool(&cfg, 0));
        assert_ne!(run_single_pool(&cfg, 0), run_single_pool(&cfg, 1));
    }
}
