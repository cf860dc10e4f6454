//! Closed-form queueing results the engine is validated against (validation.md).

/// Erlang B: the probability that an arrival finds all `c` servers busy in an M/G/c/c loss system
/// with offered load `a` = arrival rate × mean service time [erlangs]. Stable recursion
/// B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)).
pub fn erlang_b(c: u32, a: f64) -> f64 {
    let mut b = 1.0;
    for k in 1..=c {
        b = a * b / (f64::from(k) + a * b);
    }
    b
}

/// Erlang C: the probability that an arrival has to wait in an M/M/c queue with offered load `a`
/// [erlangs]; 1 when `a ≥ c` (no steady state).
pub fn erlang_c(c: u32, a: f64) -> f64 {
    let cf = f64::from(c);
    if a >= cf {
        return 1.0;
    }
    let b = erlang_b(c, a);
    cf * b / (cf - a * (1.0 - b))
}

/// Mean wait in queue [same unit as the mean service time] of an M/M/c queue.
pub fn erlang_c_mean_wait(c: u32, a: f64, mean_service: f64) -> f64 {
    let cf = f64::from(c);
    if a >= cf {
        return f64::INFINITY;
    }
    erlang_c(c, a) * mean_service / (cf - a)
}

/// Poisson cumulative distribution P(N ≤ k) for mean `m` (summed in log space terms).
pub fn poisson_cdf(k: u64, m: f64) -> f64 {
    let mut term = libm::exp(-m);
    let mut sum = term;
    for i in 1..=k {
        term *= m / i as f64;
        sum += term;
    }
    sum.min(1.0)
}

/// The smallest k with P(N ≤ k) ≥ p for a Poisson with mean `m`.
pub fn poisson_quantile(p: f64, m: f64) -> u64 {
    let mut term = libm::exp(-m);
    let mut sum = term;
    let mut k = 0;
    while sum < p && k < 1_000_000 {
        k += 1;
        term *= m / k as f64;
        sum += term;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // Tabulated: B(10, 5) = 0.018385, C(10, 8) ≈ 0.409 (M/M/10 at 80%).
        assert!((erlang_b(10, 5.0) - 0.018_385).abs() < 1e-6);
        assert!((erlang_b(1, 1.0) - 0.5).abs() < 1e-12);
        assert!((erlang_c(1, 0.5) - 0.5).abs() < 1e-12);
        assert!((erlang_c(2, 1.0) - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(poisson_quantile(0.95, 10.0), 15);
        assert!((poisson_cdf(0, 2.0) - (-2.0f64).exp()).abs() < 1e-15);
    }
}
