//! Clocks that run at a rate constant over each day: the working clock of the discharge steps
//! (a weekday counts one working day, a weekend day the weekend-working share) and the vacancy
//! clock of a starts service (expected vacancies offered). Durations drawn in a clock's units
//! become calendar times by inverting its cumulative total — exact for a rate constant by day.

/// A cumulative rate over consecutive days (day `i` covers `[i, i + 1)`).
#[derive(Clone, Debug, Default)]
pub struct RateClock {
    /// Total at the start of each day, and one more entry for the end of the last day.
    cum: Vec<f64>,
    rate: Vec<f64>,
}

impl RateClock {
    /// A clock with the given per-day rates (negative rates count as 0).
    pub fn new(rates: impl IntoIterator<Item = f64>) -> RateClock {
        let rate: Vec<f64> = rates.into_iter().map(|r| r.max(0.0)).collect();
        let mut cum = Vec::with_capacity(rate.len() + 1);
        let mut total = 0.0;
        cum.push(0.0);
        for &r in &rate {
            total += r;
            cum.push(total);
        }
        RateClock { cum, rate }
    }

    /// The clock's reading at time `t` [days].
    #[inline]
    pub fn at(&self, t: f64) -> f64 {
        let n = self.rate.len();
        if !(t > 0.0) {
            return 0.0;
        }
        let i = t as usize;
        if i >= n {
            return self.cum[n];
        }
        self.cum[i] + self.rate[i] * (t - i as f64)
    }

    /// The first time after `from` [days] at which the clock has advanced by `amount`; infinite
    /// when that is beyond the last day.
    #[inline]
    pub fn time_after(&self, from: f64, amount: f64) -> f64 {
        let target = self.at(from) + amount.max(0.0);
        let n = self.rate.len();
        let mut i = if from > 0.0 {
            (from as usize).min(n)
        } else {
            0
        };
        while i < n && self.cum[i + 1] < target {
            i += 1;
        }
        if i >= n {
            return f64::INFINITY;
        }
        let r = self.rate[i];
        let t = i as f64 + (target - self.cum[i]) / r;
        // Never before `from` (rounding), never past the day found.
        t.max(from).min((i + 1) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_after_inverts_the_reading_across_days_of_different_rates() {
        let c = RateClock::new([1.0, 0.5, 0.0, 2.0, 1.0]);
        assert_eq!(c.at(0.0), 0.0);
        assert!((c.at(1.5) - 1.25).abs() < 1e-12);
        assert!((c.at(3.0) - 1.5).abs() < 1e-12);
        // 1.0 after 0.5: 0.5 in day 0, 0.5 in day 1 (at rate 0.5) → t = 2.0.
        assert!((c.time_after(0.5, 1.0) - 2.0).abs() < 1e-12);
        // Day 2 has no working at all: from 1.9, 0.2 more is reached in day 3.
        let t = c.time_after(1.9, 0.2);
        assert!(
            (c.at(t) - (c.at(1.9) + 0.2)).abs() < 1e-12 && t > 3.0,
            "{t}"
        );
        assert_eq!(c.time_after(4.5, 10.0), f64::INFINITY);
        assert_eq!(c.time_after(1.0, 0.0), 1.0);
    }

    #[test]
    fn exponential_working_time_gives_the_working_rate_in_calendar_time() {
        // A weekday/weekend clock: 7 days, weekend at 0.6. Mean calendar time of an exp(mean 1)
        // working-time duration started uniformly over the week ≈ 7 / (5 + 1.2) per working day
        // for short durations... checked only loosely: time_after is monotone in the amount.
        let rates: Vec<f64> = (0..700)
            .map(|d| if d % 7 >= 5 { 0.6 } else { 1.0 })
            .collect();
        let c = RateClock::new(rates);
        let mut prev = 10.0;
        for k in 1..200 {
            let t = c.time_after(10.0, k as f64 * 0.05);
            assert!(t >= prev);
            prev = t;
        }
        let t = c.time_after(0.0, 6.2 * 50.0);
        assert!((t - 350.0).abs() < 1e-9, "{t}");
    }
}
