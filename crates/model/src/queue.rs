//! Queueing formulas used by the system-dynamics engine's delay approximation.
//!
//! A deterministic flow model has no queue below full utilisation, yet real services have waits at
//! 85–95% use because arrivals and stays vary. The SD engine therefore uses a pointwise-stationary
//! approximation: at the current (smoothed) arrival rate and capacity, the expected wait of an M/M/c
//! queue (Erlang C). See docs/model.md.

/// Probability that an arrival waits in an M/M/n queue with offered load `a` = λ × mean service
/// [erlangs] and `n` servers (Erlang C). 1 when `a ≥ n`.
pub fn erlang_c(n: u64, a: f64) -> f64 {
    erlang_c_pair(n, a).0
}

/// Erlang C for `n` and `n + 1` servers in one pass (for interpolation in the number of servers).
fn erlang_c_pair(n: u64, a: f64) -> (f64, f64) {
    if !(a > 0.0) {
        return (0.0, 0.0);
    }
    if !a.is_finite() {
        return (1.0, 1.0);
    }
    let nf = n as f64;
    // Far below saturation the probability of waiting is negligible (Halfin–Whitt β > 9).
    if nf - a > 9.0 * a.sqrt() + 9.0 {
        return (0.0, 0.0);
    }
    let c_of = |k: f64, inv_b: f64| -> f64 {
        if a >= k {
            return 1.0;
        }
        let b = 1.0 / inv_b;
        let rho = a / k;
        (b / (1.0 - rho * (1.0 - b))).clamp(0.0, 1.0)
    };
    if n > 20_000 {
        // Very large pools: Halfin–Whitt approximation (error well below 1% there).
        let hw = |k: f64| -> f64 {
            if a >= k {
                return 1.0;
            }
            let beta = (k - a) / a.sqrt();
            let phi = libm::exp(-0.5 * beta * beta) / libm::sqrt(2.0 * core::f64::consts::PI);
            let cdf = 0.5 * libm::erfc(-beta / core::f64::consts::SQRT_2);
            if phi <= 0.0 {
                return 0.0;
            }
            1.0 / (1.0 + beta * cdf / phi)
        };
        return (hw(nf), hw(nf + 1.0));
    }
    // 1/B(n) = P(N ≤ n) / P(N = n) for N ~ Poisson(a) = Σ_{k ≤ n} Π_{j=k+1..n} (j/a), summed downward
    // from k = n until the terms are negligible (about (n − a) + 9√a terms instead of n).
    let inv_a = 1.0 / a;
    let mut inv_b = 1.0f64;
    let mut term = 1.0f64;
    let mut j = nf;
    while j >= 1.0 {
        term *= j * inv_a;
        inv_b += term;
        if term < 1e-17 * inv_b {
            break;
        }
        if inv_b > 1e300 {
            return (0.0, 0.0);
        }
        j -= 1.0;
    }
    let inv_b1 = 1.0 + (nf + 1.0) * inv_a * inv_b;
    (c_of(nf, inv_b), c_of(nf + 1.0, inv_b1))
}

/// Expected wait in queue [days] for an M/M/c queue with arrival rate `lambda` [per day], `servers`
/// servers (may be fractional: interpolated between the neighbouring integers) and mean service
/// time `service` [days]. Infinite when the offered load reaches the number of servers.
pub fn erlang_c_wait(lambda: f64, servers: f64, service: f64) -> f64 {
    if !(lambda > 0.0) || !(service > 0.0) {
        return 0.0;
    }
    let a = lambda * service;
    if !(servers > a) || !servers.is_finite() || !a.is_finite() {
        return f64::INFINITY;
    }
    let n = servers.floor();
    let frac = servers - n;
    let (c0, c1) = erlang_c_pair(n as u64, a);
    let w = |k: f64, c: f64| c * service / (k - a);
    let w1 = w(n + 1.0, c1);
    if a >= n {
        // Between saturation and the next whole server: scale the next server's wait by 1/(c − a),
        // which is continuous at both ends and decreasing in the number of servers.
        return w1 * (n + 1.0 - a) / (servers - a);
    }
    let w0 = w(n, c0);
    w0 + frac * (w1 - w0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erlang_c_textbook_values() {
        // Classic call-centre example: a = 10 erlangs, 11 agents → P(wait) ≈ 0.6821.
        assert!((erlang_c(11, 10.0) - 0.6821).abs() < 1e-3);
        // M/M/1: P(wait) = ρ.
        assert!((erlang_c(1, 0.7) - 0.7).abs() < 1e-12);
        // M/M/2 with a = 1: C = a²/(2(2−a)) / (1 + a + a²/(2(2−a))) = 0.5/(2.5) = 1/3.
        assert!((erlang_c(2, 1.0) - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn mm1_wait_matches_formula() {
        // M/M/1: Wq = ρ/(μ − λ) with μ = 1/service.
        let (lambda, s) = (0.8, 1.0);
        let w = erlang_c_wait(lambda, 1.0, s);
        assert!((w - 0.8 / (1.0 - 0.8)).abs() < 1e-12);
    }

    #[test]
    fn wait_decreases_with_servers_and_is_finite_below_saturation() {
        let mut prev = f64::INFINITY;
        let mut c = 170.5;
        while c < 260.0 {
            let w = erlang_c_wait(24.0, c, 7.0);
            assert!(
                w.is_finite() && w >= 0.0 && w <= prev + 1e-12,
                "c={c} w={w} prev={prev}"
            );
            prev = w;
            c += 0.25;
        }
        assert!(erlang_c_wait(24.0, 168.0, 7.0).is_infinite());
        assert_eq!(erlang_c_wait(0.0, 5.0, 7.0), 0.0);
    }

    #[test]
    fn huge_pools_do_not_blow_up() {
        let w = erlang_c_wait(1e6, 1.00001e7, 9.0);
        assert!(w.is_finite() && w >= 0.0);
        let w = erlang_c_wait(1e12, 1e14, 1.0);
        assert!(w.is_finite());
    }
}
