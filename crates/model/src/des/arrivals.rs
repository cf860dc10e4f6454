//! Non-homogeneous Poisson arrivals whose rate is constant over pieces of time (each day, the
//! warm-up), by inversion of the cumulative rate: the next arrival comes when a unit exponential
//! amount of "expected arrivals" has accumulated since the last one. Exact (no rejected candidates,
//! one exponential draw per arrival); see Ross, *Simulation*, §5.5.

/// The time of the next arrival after `from` [days], given `need` (a unit exponential draw) and
/// `piece(t) = (rate [per day], end [days])`: the rate in force at `t` and where that piece ends
/// (`end > t`). `None` when the process reaches `until` first.
#[inline]
pub fn next_arrival(
    mut need: f64,
    from: f64,
    until: f64,
    piece: impl Fn(f64) -> (f64, f64),
) -> Option<f64> {
    let mut t = from;
    while t < until {
        let (rate, end) = piece(t);
        let end = end.min(until).max(t);
        let cap = rate.max(0.0) * (end - t);
        if need < cap {
            return Some(t + need / rate);
        }
        need -= cap;
        if end <= t {
            return None;
        }
        t = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::rng::Stream;
    use super::*;

    /// Rate 10 on even days, 30 on odd days, 0 every tenth day, over 2,000 days: per-day counts
    /// have the Poisson mean and variance of their day's rate, and nothing arrives at rate 0.
    #[test]
    fn daily_counts_are_poisson_with_the_days_rate() {
        let rate = |d: u64| {
            if d % 10 == 9 {
                0.0
            } else if d.is_multiple_of(2) {
                10.0
            } else {
                30.0
            }
        };
        let piece = |t: f64| (rate(t as u64), t.floor() + 1.0);
        let mut s = Stream::new(1, 0, 0);
        let days = 2000usize;
        let mut counts = vec![0u32; days];
        let mut t = 0.0;
        let mut last = 0.0;
        while let Some(next) = next_arrival(s.exp1(), t, days as f64, piece) {
            assert!(next >= last && next < days as f64);
            last = next;
            counts[next as usize] += 1;
            t = next;
        }
        for want in [10.0, 30.0] {
            let xs: Vec<f64> = (0..days)
                .filter(|&d| rate(d as u64) == want)
                .map(|d| f64::from(counts[d]))
                .collect();
            let n = xs.len() as f64;
            let mean = xs.iter().sum::<f64>() / n;
            let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
            // Standard errors: √(λ/n) for the mean, ≈ λ√(2/n) for the variance; 4 of them.
            assert!(
                (mean - want).abs() < 4.0 * (want / n).sqrt(),
                "mean {mean} at {want}"
            );
            assert!(
                (var - want).abs() < 4.0 * want * (2.0 / n).sqrt(),
                "var {var} at {want}"
            );
        }
        assert!((0..days).filter(|d| d % 10 == 9).all(|d| counts[d] == 0));
    }
}
