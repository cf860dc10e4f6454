//! Non-homogeneous Poisson arrivals whose rate is constant over pieces of time (each day, the
//! warm-up), by inversion of the cumulative rate: the next arrival comes when a unit exponential
//! amount of "expected arrivals" has accumulated since the last one. Exact (no rejected candidates,
//! one exponential draw per arrival); see Ross, *Simulation*, §5.5.

/// The arrivals of one stream, walking forward through consecutive pieces of constant rate
/// (piece `i` ends at `end_i`; the first starts at time 0). It remembers the piece it is in, so
/// finding the next arrival usually costs two multiplications and one comparison.
#[derive(Clone, Debug)]
pub struct PiecewisePoisson {
    /// Index of the next piece to load.
    piece: usize,
    /// The current piece's rate [per day] (never negative), its inverse [days] and end [days].
    rate: f64,
    inverse: f64,
    end: f64,
}

impl Default for PiecewisePoisson {
    fn default() -> Self {
        PiecewisePoisson {
            piece: 0,
            rate: 0.0,
            inverse: 0.0,
            end: f64::NEG_INFINITY,
        }
    }
}

impl PiecewisePoisson {
    /// The time of the next arrival after `from` [days], given `need` (a unit exponential draw):
    /// the first time the expected arrivals since `from` reach `need`. `piece(i)` gives piece
    /// `i`'s `(rate [per day], end [days])`, ends increasing, and `None` after the last piece
    /// (then the result is `None`: no more arrivals). `from` must not go back between calls.
    #[inline]
    pub fn next(
        &mut self,
        mut need: f64,
        from: f64,
        piece: impl Fn(usize) -> Option<(f64, f64)>,
    ) -> Option<f64> {
        let mut t = from;
        loop {
            if t < self.end {
                let cap = self.rate * (self.end - t);
                if need < cap {
                    // (A multiplication by the inverse: a division per arrival is slow.)
                    return Some(t + need * self.inverse);
                }
                need -= cap;
                t = self.end;
            }
            let (rate, end) = piece(self.piece)?;
            self.piece += 1;
            self.rate = rate.max(0.0);
            self.inverse = 1.0 / self.rate;
            self.end = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::rng::RandomStream;
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
        let days = 2000usize;
        let piece = |i: usize| (i < days).then(|| (rate(i as u64), (i + 1) as f64));
        let mut s = RandomStream::new(1, 0, 0);
        let mut counts = vec![0u32; days];
        let mut t = 0.0;
        let mut last = 0.0;
        let mut arrivals = PiecewisePoisson::default();
        while let Some(next) = arrivals.next(s.exp1(), t, piece) {
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
