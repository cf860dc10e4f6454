//! Time-dependent queues for a daily flow model: the pointwise-stationary fluid-flow
//! approximation (PSFFA; Wang, Tipper & Banerjee, "A simple approximation for modeling
//! nonstationary queues", IEEE INFOCOM 1996).
//!
//! A deterministic flow model has either no queue (demand below capacity) or an ever-growing one,
//! yet real services have queues at 85–95% use because arrivals and stays vary. The PSFFA keeps
//! the mean number in the system, x, as a stock that moves with the flows, and splits it between
//! "in service" and "waiting" as the stationary queue would at the utilisation that holds x:
//!
//!   dx/dt = λ(t) − μ · busy(x),  busy(x) = the offered load a with G(a) = x,
//!
//! where G(a) is the stationary mean number in system at offered load a. So queues build and drain
//! over time (the stock has memory), a service with people waiting serves at (nearly) full
//! capacity, and at steady state the queue is exactly the stationary one (Little's law holds).
//! Two forms are used:
//! - [`Mm1`] for the vacancy queues of care packages and care homes: vacancies arrive at rate μ
//!   and go to the longest waiter, or are lost to the community when nobody waits — the queue is
//!   an M/M/1 queue, G(ρ) = ρ / (1 − ρ), so busy = x / (1 + x);
//! - [`mmc_split`] for bed pools (acute and step-down beds, c beds): G from the M/M/c queue with
//!   the Halfin–Whitt probability of waiting, C(β) = [1 + β Φ(β)/φ(β)]⁻¹ with
//!   β = (c − a)/√a (Halfin & Whitt, Oper Res 1981), accurate to about 1% at the bed numbers
//!   modelled here and continuous in c (escalation beds open with a probability, so c is
//!   fractional).

use std::sync::OnceLock;

/// Standard normal density.
fn phi(x: f64) -> f64 {
    libm::exp(-0.5 * x * x) / libm::sqrt(2.0 * core::f64::consts::PI)
}

/// Standard normal distribution function (via erfc).
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / core::f64::consts::SQRT_2)
}

/// Halfin–Whitt probability that an arrival waits in a many-server queue at β = (c − a)/√a.
pub fn halfin_whitt(beta: f64) -> f64 {
    if !(beta > 0.0) {
        return 1.0;
    }
    if beta > 38.0 {
        return 0.0;
    }
    1.0 / (1.0 + beta * normal_cdf(beta) / phi(beta))
}

/// h(β) = C(β)/β − β: the many-server queue's (x − c)/√a as a function of β.
fn h(beta: f64) -> f64 {
    halfin_whitt(beta) / beta - beta
}

/// Grid of the inverse of h: β at z = Z_MIN + i · Z_STEP.
const Z_MIN: f64 = -12.0;
const Z_MAX: f64 = 40.0;
const Z_POINTS: usize = 4096;
const Z_STEP: f64 = (Z_MAX - Z_MIN) / (Z_POINTS - 1) as f64;
/// C(0+) ≈ 1 − β √(π/2): for large z, h(β) ≈ 1/β − √(π/2).
const SQRT_HALF_PI: f64 = 1.253_314_137_315_500_3;

struct InverseTable {
    beta: Vec<f64>,
}

fn inverse_table() -> &'static InverseTable {
    static T: OnceLock<InverseTable> = OnceLock::new();
    T.get_or_init(|| {
        // h on a fine β grid (h decreases from +∞ to −∞), then read off at the z grid.
        let n = 20_000;
        let b_of = |j: usize| {
            // Dense near 0 (where h changes fast), up to β = 13.
            let u = j as f64 / n as f64;
            1e-3 + 13.0 * u * u
        };
        let mut beta = Vec::with_capacity(Z_POINTS);
        let mut j = n;
        let mut hj = h(b_of(j));
        for i in 0..Z_POINTS {
            let z = Z_MIN + i as f64 * Z_STEP;
            // Walk j down (β smaller, h larger) until h(β_j) ≥ z.
            while j > 0 && hj < z {
                j -= 1;
                hj = h(b_of(j));
            }
            let (b_lo, b_hi) = (b_of(j), b_of((j + 1).min(n)));
            let (h_lo, h_hi) = (hj, h(b_hi));
            let w = if h_lo > h_hi {
                ((h_lo - z) / (h_lo - h_hi)).clamp(0.0, 1.0)
            } else {
                0.0
            };
            beta.push(b_lo + w * (b_hi - b_lo));
        }
        InverseTable { beta }
    })
}

/// β with h(β) = z.
fn h_inverse(z: f64) -> f64 {
    if z <= Z_MIN {
        return -z;
    }
    if z >= Z_MAX {
        return 1.0 / (z + SQRT_HALF_PI);
    }
    let t = inverse_table();
    let f = (z - Z_MIN) / Z_STEP;
    let i = (f as usize).min(Z_POINTS - 2);
    let w = f - i as f64;
    t.beta[i] + w * (t.beta[i + 1] - t.beta[i])
}

/// How the mean number in a pool of `c` beds (in service plus waiting) divides.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Split {
    /// Mean in service (beds occupied) [people].
    pub busy: f64,
    /// Mean waiting [people].
    pub waiting: f64,
    /// Probability that an arrival finds every bed taken [share].
    pub p_wait: f64,
}

/// The splits that need no search: no beds (everyone waits), nobody, or a content `x` so far below
/// `c` beds — more than `beta` standard deviations √x — that nobody waits.
fn plain_split(c: f64, x: f64, beta: f64) -> Option<Split> {
    let split = |busy, waiting, p_wait| Split {
        busy,
        waiting,
        p_wait,
    };
    if !(c > 0.0) {
        return Some(split(0.0, x, 1.0));
    }
    if !(x > 0.0) {
        return Some(split(0.0, 0.0, 0.0));
    }
    (x < c && (c - x) > beta * x.sqrt()).then(|| split(x, 0.0, 0.0))
}

/// The PSFFA split of `x` people (in beds plus waiting) over `c` beds (fractional allowed).
pub fn mmc_split(c: f64, x: f64) -> Split {
    let x = x.max(0.0);
    // Far below capacity nobody waits: at β = 4.5, C ≈ 3e-6 and the queue is ≈ 1e-4 people.
    if let Some(split) = plain_split(c, x, 4.5) {
        return split;
    }
    // x − c = s · h(β) with s = √a and a = c − β s: a fixed point in s, from s = √min(x, c).
    let mut s = x.min(c).sqrt();
    let mut beta = 0.0;
    for _ in 0..3 {
        beta = h_inverse((x - c) / s);
        s = 0.5 * (-beta + (beta * beta + 4.0 * c).sqrt());
    }
    let busy = (s * s).min(x).min(c);
    Split {
        busy,
        waiting: x - busy,
        p_wait: halfin_whitt_table(beta),
    }
}

/// [`halfin_whitt`] from a table on 0 ≤ β ≤ 10 (linear interpolation, error below 1e-5).
fn halfin_whitt_table(beta: f64) -> f64 {
    const N: usize = 2048;
    const HI: f64 = 10.0;
    const STEP: f64 = HI / (N - 1) as f64;
    static T: OnceLock<Vec<f64>> = OnceLock::new();
    if !(beta > 0.0) {
        return 1.0;
    }
    if beta >= HI {
        return halfin_whitt(beta);
    }
    let t = T.get_or_init(|| (0..N).map(|i| halfin_whitt(i as f64 * STEP)).collect());
    let f = beta / STEP;
    let i = (f as usize).min(N - 2);
    let w = f - i as f64;
    t[i] + w * (t[i + 1] - t[i])
}

/// Places up to which [`erlang_b`] runs the exact recursion; above, the asymptotic.
pub const ERLANG_B_EXACT_UP_TO: f64 = 1_000.0;

/// Erlang's loss formula B(c, a): the chance that a Poisson arrival finds all `c` places full at
/// offered load `a` [erlangs]. Exact by the stable recursion B(k) = a·B(k−1) / (k + a·B(k−1)) on
/// ⌊c⌋ places up to [`ERLANG_B_EXACT_UP_TO`]; 0 where the places exceed the load by more than six
/// standard deviations (the answer is below 1e-9); above the limit, [`erlang_b_asymptotic`].
/// The SD engine's loss services (the end-of-life cohort's support places and hospice beds, the
/// catalogue's at-crisis services) all use it.
pub fn erlang_b(c: f64, a: f64) -> f64 {
    if !(a > 0.0) {
        return 0.0;
    }
    let n = c.max(0.0).floor();
    if n < 1.0 {
        return 1.0;
    }
    if n > a + 6.0 * a.sqrt() + 10.0 {
        return 0.0;
    }
    if c > ERLANG_B_EXACT_UP_TO {
        return erlang_b_asymptotic(c, a);
    }
    let mut b = 1.0;
    let mut k = 1.0;
    while k <= n {
        b = a * b / (k + a * b);
        k += 1.0;
    }
    b
}

/// Erlang B by the Jagerman / Halfin–Whitt asymptotic B ≈ φ(β) / (√a Φ(β)), β = (c − a)/√a,
/// valid on both sides of saturation.
pub fn erlang_b_asymptotic(c: f64, a: f64) -> f64 {
    if !(a > 0.0) {
        return 0.0;
    }
    let s = a.sqrt();
    (mills(((c - a) / s).clamp(-1e6, 1e6)) / s).clamp(0.0, 1.0)
}

/// φ(β)/Φ(β) from a table on |β| ≤ 12 (linear interpolation; beyond, its asymptotes).
fn mills(beta: f64) -> f64 {
    const N: usize = 4096;
    const LO: f64 = -12.0;
    const HI: f64 = 12.0;
    const STEP: f64 = (HI - LO) / (N - 1) as f64;
    static T: OnceLock<Vec<f64>> = OnceLock::new();
    if beta >= HI {
        return 0.0;
    }
    if beta <= LO {
        // φ/Φ ≈ |β| + 1/|β| far below saturation's mirror.
        return -beta - 1.0 / beta;
    }
    let t = T.get_or_init(|| {
        (0..N)
            .map(|i| {
                let b = LO + i as f64 * STEP;
                phi(b) / normal_cdf(b)
            })
            .collect()
    });
    let f = (beta - LO) / STEP;
    let i = (f as usize).min(N - 2);
    let w = f - i as f64;
    t[i] + w * (t[i + 1] - t[i])
}

/// A bed pool where one class of arrivals waits when every bed is taken (emergencies) and the
/// rest are lost (planned admissions, cancelled): the stationary birth–death chain has births at
/// the full arrival rate below `c` and at the waiting class's rate from `c` up. With offered load
/// a (all arrivals) and the waiting class's share `f_wait` of it, ρ_w = f_wait a / c:
///   P(full) = [1/(1 − ρ_w)] / [1/B − 1 + 1/(1 − ρ_w)],  queue = P(full) ρ_w / (1 − ρ_w),
///   busy = [a − (c + a) B + c B/(1 − ρ_w)] / [1 − B + B/(1 − ρ_w)],
/// with B = Erlang B(c, a). `f_wait` = 1 gives the M/M/c queue (Erlang C), 0 the loss system.
/// Returns (busy, waiting, P(full)) at offered load `a`.
fn mixed_at(c: f64, a: f64, f_wait: f64) -> (f64, f64, f64) {
    let b = erlang_b_asymptotic(c, a);
    let rho = (f_wait * a / c).min(1.0 - 1e-12);
    let g = 1.0 / (1.0 - rho);
    let den = 1.0 - b + b * g;
    let p_full = (b * g / den).clamp(0.0, 1.0);
    let busy = ((a - (c + a) * b + c * b * g) / den).clamp(0.0, c);
    (busy, p_full * rho * g, p_full)
}

/// The PSFFA split of `x` people (in beds plus waiting) over `c` beds when a share `f_wait` of
/// the arrivals waits and the rest are lost (see [`mixed_at`]): the offered load whose stationary
/// content is `x`, found by bisection.
pub fn mixed_split(c: f64, x: f64, f_wait: f64) -> Split {
    mixed_split_from(c, x, f_wait, x).0
}

/// As [`mixed_split`], the search for the offered load starting from `start` [people] (the
/// offered load of a nearby content, when a caller reads a run of contents), and the offered
/// load found returned with the split.
pub fn mixed_split_from(c: f64, x: f64, f_wait: f64, start: f64) -> (Split, f64) {
    let x = x.max(0.0);
    // Far below capacity (β > 3.5) the chance of a full pool is below 1e-4 and its queue
    // below 1e-3 people.
    if let Some(split) = plain_split(c, x, 3.5) {
        return (split, x);
    }
    let f = f_wait.clamp(0.0, 1.0);
    let content = |a: f64| {
        let (busy, wait, _) = mixed_at(c, a, f);
        busy + wait
    };
    // Offered loads between 0 and the one at which the waiting class alone saturates the pool.
    let hi_max = if f > 0.0 { c / f } else { 50.0 * c };
    let top = hi_max * (1.0 - 1e-9);
    if content(top) < x {
        // Beyond anything stationary: every bed busy, the rest waits.
        let split = Split {
            busy: c,
            waiting: x - c,
            p_wait: 1.0,
        };
        return (split, top);
    }
    // Secant steps from `start` (for `mixed_split`, a = x, where the content is a when nobody
    // waits), bracketed by [lo, hi]; the content increases with the offered load.
    let (mut lo, mut hi) = (0.0, top);
    let mut a = if start > 0.0 {
        start.min(top)
    } else {
        x.min(top)
    };
    let mut g = content(a) - x;
    let tol = 1e-9 * x.max(1.0);
    let mut prev: Option<(f64, f64)> = None;
    for _ in 0..40 {
        if g.abs() < tol {
            break;
        }
        if g < 0.0 {
            lo = a;
        } else {
            hi = a;
        }
        let slope = match prev {
            Some((pa, pg)) if (a - pa).abs() > 0.0 => (g - pg) / (a - pa),
            _ => 1.0,
        };
        let mut next = if slope > 0.0 { a - g / slope } else { f64::NAN };
        if !(next > lo && next < hi) {
            next = 0.5 * (lo + hi);
        }
        prev = Some((a, g));
        a = next;
        g = content(a) - x;
    }
    let (busy, _, p_full) = mixed_at(c, a, f);
    let busy = busy.min(x);
    let split = Split {
        busy,
        waiting: x - busy,
        p_wait: p_full,
    };
    (split, a)
}

/// A bed pool followed through the mean and variance of the number in it (in beds plus
/// waiting), closed with a normal distribution (the Gaussian closure of Massey & Pender, "Gaussian
/// skewness approximation for dynamic rate multi-server queues with abandonment", Queueing Syst
/// 2013). Unlike a stationary split it keeps every bed busy through a lasting backlog (the
/// variance of a queue that never empties grows, so the chance of idle beds falls to nothing),
/// and below capacity the variance settles on the mean (a Poisson census).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GaussianPool {
    /// Variance of the number in the pool [people²].
    pub variance: f64,
}

impl GaussianPool {
    /// Expected beds in use and its normal argument z = (c − m)/σ, for mean content `m`.
    pub fn busy(&self, c: f64, m: f64) -> (f64, f64) {
        if !(c > 0.0) {
            return (0.0, f64::NEG_INFINITY);
        }
        let sd = self.variance.max(1e-9).sqrt();
        let z = (c - m) / sd;
        // E[min(N, c)] = c − E[(c − N)⁺] for N ~ Normal(m, σ²).
        let idle = if z > 9.0 {
            c - m
        } else if z < -9.0 {
            0.0
        } else {
            (c - m) * normal_table(z) + sd * phi_table(z)
        };
        ((c - idle).clamp(0.0, c.min(m.max(0.0))), z)
    }

    /// Moves the variance through a day: `arrivals` joined, beds `busy` emptied at `mu` each a
    /// day: dv/dt = λ + μ·busy − 2μ·v·Φ(z) (the covariance of N and min(N, c) is v·Φ(z)).
    pub fn advance(&mut self, arrivals: f64, busy: f64, mu: f64, z: f64) {
        let p = if z > 9.0 {
            1.0
        } else if z < -9.0 {
            0.0
        } else {
            normal_table(z)
        };
        let rate = 2.0 * mu * p;
        let drive = arrivals.max(0.0) + mu * busy.max(0.0);
        // Exact for the linear equation over the day with the day's rates.
        self.variance = if rate > 1e-12 {
            let e = libm::exp(-rate);
            self.variance * e + drive / rate * (1.0 - e)
        } else {
            self.variance + drive
        };
    }
}

/// The vacancy queue of a starts service: people waiting, vacancies arriving at μ a day, each
/// going to the longest waiter or lost to the community when nobody waits — an M(t)/M(t)/1 queue
/// for the number waiting. One moment (the PSFFA's geometric closure) misses how a weekend
/// without starts lets the queue build by chance when demand and offer are close; so the stock
/// carries the first two moments of the number waiting and closes them with a zero-modified
/// geometric distribution (P(0) = p₀, otherwise 1 + geometric), which is exact for the
/// stationary M/M/1 queue (Rothkopf & Oren, "A closure approximation for the nonstationary
/// M/M/s queue", Management Science 1979, use the same device). The moments move by the
/// birth–death chain's own equations:
///   dm/dt = λ − μ P(N > 0),   dE[N²]/dt = λ (2m + 1) + μ (P(N > 0) − 2m).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Mm1 {
    /// Mean number waiting [people].
    pub mean: f64,
    /// Mean square of the number waiting [people²].
    pub second: f64,
}

impl Mm1 {
    /// Sub-steps of a half day (each implicit in the mean, so stable at any offer).
    const SUB: usize = 2;

    /// The chance that someone waits, from the two moments: for the zero-modified geometric
    /// with mean m and second moment s, P(N > 0) = 2m² / (s + m).
    #[inline]
    pub fn p_busy(&self) -> f64 {
        if !(self.mean > 1e-12) {
            return 0.0;
        }
        let m = self.mean;
        (2.0 * m * m / (self.second.max(m) + m)).clamp(0.0, 1.0)
    }

    /// A whole day by the one-moment (PSFFA) form dx/dt = λ − μ x/(1 + x), two backward-Euler
    /// half-days: a cheap estimate of the day's number waiting from `x0`.
    pub fn quick_day(x0: f64, arrivals: f64, mu: f64) -> f64 {
        let mut x = x0.max(0.0);
        for _ in 0..2 {
            // x1 (1 + x1) = (x + λ)(1 + x1) − μ x1  ⇒  x1² + (1 + μ − x − λ) x1 − (x + λ) = 0.
            let y = x + 0.5 * arrivals.max(0.0);
            let b = 1.0 + 0.5 * mu.max(0.0) - y;
            x = 0.5 * (-b + (b * b + 4.0 * y).sqrt());
        }
        x
    }

    /// Half a day: `arrivals` join evenly over it, vacancies come at `mu` a day. Returns the
    /// number served. Each sub-step takes the mean implicitly (the second moment held):
    /// m₁ = m₀ + hλ − hμ · 2m₁²/(s₀ + m₁), a quadratic in m₁; then the second moment explicitly.
    pub fn half_day(&mut self, arrivals: f64, mu: f64) -> f64 {
        let mu = mu.max(0.0);
        let h = 0.5 / Self::SUB as f64;
        let inflow = arrivals.max(0.0) / Self::SUB as f64;
        let lam = inflow / h;
        let mut served = 0.0;
        for _ in 0..Self::SUB {
            let (m0, s0) = (self.mean, self.second.max(self.mean));
            let y = m0 + inflow;
            // (1 + 2hμ) m₁² + (s₀ − y) m₁ − y s₀ = 0.
            let qa = 1.0 + 2.0 * h * mu;
            let qb = s0 - y;
            let mut m1 = (-qb + (qb * qb + 4.0 * qa * y * s0).sqrt()) / (2.0 * qa);
            // A queue that surely never empties is served at the full rate.
            if 2.0 * m1 * m1 > s0 + m1 {
                m1 = (y - h * mu).max(0.0);
            }
            let out = y - m1;
            let p = if mu > 0.0 { out / (h * mu) } else { 0.0 };
            self.mean = m1;
            self.second = (s0 + h * (lam * (2.0 * m0 + 1.0) + mu * (p - 2.0 * m1)))
                .max(m1 * m1 + m1 * 0.0)
                .max(m1);
            served += out;
        }
        served
    }
}

/// The expected number of days on which a Poisson-distributed census with mean `m` reaches `k`
/// (normal approximation with continuity correction): P(N ≥ k).
pub fn census_at_least(m: f64, k: f64) -> f64 {
    if !(m > 0.0) {
        return if k <= 0.0 { 1.0 } else { 0.0 };
    }
    let z = (k - 0.5 - m) / m.sqrt();
    if z > 9.0 {
        return 0.0;
    }
    if z < -9.0 {
        return 1.0;
    }
    1.0 - normal_table(z)
}

/// φ(z) on |z| ≤ 9 from a table (linear interpolation).
fn phi_table(z: f64) -> f64 {
    const N: usize = 4096;
    const LO: f64 = -9.0;
    const STEP: f64 = 18.0 / (N - 1) as f64;
    static T: OnceLock<Vec<f64>> = OnceLock::new();
    let t = T.get_or_init(|| (0..N).map(|i| phi(LO + i as f64 * STEP)).collect());
    let f = ((z - LO) / STEP).clamp(0.0, (N - 1) as f64);
    let i = (f as usize).min(N - 2);
    let w = f - i as f64;
    t[i] + w * (t[i + 1] - t[i])
}

/// Φ(z) on |z| ≤ 9 from a table (linear interpolation, error below 1e-6).
fn normal_table(z: f64) -> f64 {
    const N: usize = 4096;
    const LO: f64 = -9.0;
    const STEP: f64 = 18.0 / (N - 1) as f64;
    static T: OnceLock<Vec<f64>> = OnceLock::new();
    let t = T.get_or_init(|| (0..N).map(|i| normal_cdf(LO + i as f64 * STEP)).collect());
    let f = ((z - LO) / STEP).clamp(0.0, (N - 1) as f64);
    let i = (f as usize).min(N - 2);
    let w = f - i as f64;
    t[i] + w * (t[i + 1] - t[i])
}

#[cfg(test)]
mod tests {
    #[test]
    fn erlang_b_textbook_values_and_limits() {
        assert!((erlang_b(1.0, 1.0) - 0.5).abs() < 1e-12);
        // B(1, a) = a / (1 + a); B(2, 1) = 1/5.
        assert!((erlang_b(1.0, 3.0) - 0.75).abs() < 1e-12);
        assert!((erlang_b(2.0, 1.0) - 0.2).abs() < 1e-12);
        // Tables: B(10, 5) = 0.018385; B(20, 20) = 0.158892.
        assert!((erlang_b(10.0, 5.0) - 0.018385).abs() < 1e-5);
        assert!((erlang_b(20.0, 20.0) - 0.158892).abs() < 1e-5);
        // The asymptotic above the exact limit meets the recursion near it.
        let c = ERLANG_B_EXACT_UP_TO;
        for a in [0.75 * c, c, 1.125 * c, 1.5 * c, 5.0 * c] {
            let exact = erlang_b(c, a);
            let approx = erlang_b(c + 0.5, a * (c + 0.5) / c);
            assert!((exact - approx).abs() < 0.01, "{a}: {exact} vs {approx}");
        }
        // Overloaded: the fluid limit 1 − c ÷ a.
        assert!((erlang_b(450.0, 4500.0) - 0.9).abs() < 0.01);
        assert_eq!(erlang_b(0.0, 3.0), 1.0);
        assert_eq!(erlang_b(0.0, 1.0), 1.0);
        assert_eq!(erlang_b(5.0, 0.0), 0.0);
        // Far below capacity: nothing is lost.
        assert!(erlang_b(1000.0, 300.0) < 1e-9);
    }

    #[test]
    fn erlang_b_is_the_validation_reference_up_to_its_exact_limit() {
        // The DES is validated against `des::theory::erlang_b` (validation.md); the SD's loss
        // services use this one: the same to 1e-12 wherever this one is exact.
        for c in [1u32, 2, 5, 12, 40, 100, 250, 600, 920, 1000] {
            for a in [0.1, 0.5, 0.9, 1.0, 1.2, 3.0] {
                let load = a * f64::from(c);
                let reference = crate::des::theory::erlang_b(c, load);
                let here = erlang_b(f64::from(c), load);
                assert!(
                    (here - reference).abs() < 1e-9,
                    "B({c}, {load}): {here} vs {reference}"
                );
            }
        }
    }

    use super::*;
    use crate::queue::erlang_c;

    #[test]
    fn halfin_whitt_follows_erlang_c_at_bed_pool_sizes() {
        for &(c, rho) in &[
            (150u64, 0.85),
            (150, 0.92),
            (1450, 0.95),
            (1450, 0.98),
            (40, 0.9),
        ] {
            let a = c as f64 * rho;
            let beta = (c as f64 - a) / a.sqrt();
            let exact = erlang_c(c, a);
            let hw = halfin_whitt(beta);
            assert!(
                (hw - exact).abs() < 0.02 + 0.06 * exact,
                "c={c} ρ={rho}: HW {hw} vs Erlang C {exact}"
            );
        }
    }

    #[test]
    fn split_inverts_the_stationary_mean_number_in_system() {
        // G(a) = a + C a/(c − a); split(G(a)) must give back a.
        for &c in &[20.0, 150.0, 1450.0, 1490.5] {
            for &rho in &[0.5, 0.8, 0.9, 0.95, 0.98, 0.995] {
                let a: f64 = c * rho;
                let beta = (c - a) / a.sqrt();
                let cw = halfin_whitt(beta);
                let x = a + cw * a / (c - a);
                let s = mmc_split(c, x);
                assert!(
                    (s.busy - a).abs() < 2e-3 * a,
                    "c={c} ρ={rho}: busy {} vs {a}",
                    s.busy
                );
                assert!((s.busy + s.waiting - x).abs() < 1e-9 * x);
                assert!((s.p_wait - cw).abs() < 0.01);
            }
        }
    }

    #[test]
    fn split_serves_at_capacity_in_overload_and_never_idles_with_a_queue() {
        let c = 150.0;
        let mut prev_wait = 0.0;
        for k in 0..200 {
            let x = 100.0 + k as f64 * 2.0;
            let s = mmc_split(c, x);
            assert!(s.busy <= c + 1e-9 && s.busy >= 0.0);
            assert!(s.waiting >= prev_wait - 1e-9, "queue must grow with x");
            prev_wait = s.waiting;
            // The stationary queue idles about c / (mean queue) beds: fewer the longer the queue.
            if x > c + 100.0 {
                assert!(s.busy > c - 2.0, "x={x}: busy {} of {c}", s.busy);
            }
            assert!((s.waiting - (x - s.busy)).abs() < 1e-9);
        }
        assert_eq!(mmc_split(0.0, 5.0).waiting, 5.0);
        assert_eq!(mmc_split(10.0, 0.0).busy, 0.0);
    }

    /// The exact mean of an M(t)/M(t)/1 queue from its forward (Kolmogorov) equations, truncated
    /// far above any state reached: the oracle for the moment closure.
    fn exact_mean(rates: &[(f64, f64)], steps_per_day: usize) -> Vec<f64> {
        let n = 400;
        let mut p = vec![0.0f64; n];
        p[0] = 1.0;
        let mut means = Vec::new();
        let h = 1.0 / steps_per_day as f64;
        for &(lam, mu) in rates {
            for _ in 0..steps_per_day {
                let mut dp = vec![0.0f64; n];
                for k in 0..n {
                    let up = if k + 1 < n { lam * p[k] } else { 0.0 };
                    let down = if k > 0 { mu * p[k] } else { 0.0 };
                    dp[k] -= up + down;
                    if k + 1 < n {
                        dp[k + 1] += up;
                    }
                    if k > 0 {
                        dp[k - 1] += down;
                    }
                }
                for k in 0..n {
                    p[k] += h * dp[k];
                }
            }
            means.push(p.iter().enumerate().map(|(k, x)| k as f64 * x).sum());
        }
        means
    }

    #[test]
    fn vacancy_queue_is_exact_at_steady_state_and_follows_a_weekly_cycle() {
        // Steady state, ρ = 0.85: mean ρ/(1 − ρ).
        let (lam, mu) = (24.0, 24.0 / 0.85);
        let mut q = Mm1::default();
        for _ in 0..400 {
            q.half_day(lam / 2.0, mu);
        }
        let target = 0.85 / 0.15;
        assert!(
            (q.mean - target).abs() < 0.01 * target,
            "{} vs {target}",
            q.mean
        );
        // A weekly cycle with slow weekends (the baseline's shape): the mean number waiting over
        // the last weeks agrees with the forward equations within 10%.
        let week: Vec<(f64, f64)> = (0..7)
            .map(|d| {
                if d >= 5 {
                    (20.0, 0.677 * 28.6)
                } else {
                    (25.0, 1.129 * 28.6)
                }
            })
            .collect();
        let rates: Vec<(f64, f64)> = (0..70).map(|d| week[d % 7]).collect();
        let exact = exact_mean(&rates, 2000);
        let mut q = Mm1::default();
        let mut ours = Vec::new();
        for &(l, m) in &rates {
            q.half_day(l / 2.0, m);
            q.half_day(l / 2.0, m);
            ours.push(q.mean);
        }
        let e: f64 = exact[42..].iter().sum();
        let o: f64 = ours[42..].iter().sum();
        assert!((o - e).abs() < 0.10 * e, "closure {o} vs exact {e}");
        // Overload drains at nearly μ a day and grows by about λ − μ.
        let mut big = Mm1 {
            mean: 200.0,
            second: 200.0 * 200.0 + 200.0,
        };
        let served = big.half_day(0.0, mu) + big.half_day(0.0, mu);
        assert!(served > 0.97 * mu && served <= mu + 1e-9, "{served}");
        let mut grow = Mm1 {
            mean: 500.0,
            second: 500.0 * 500.0 + 500.0,
        };
        grow.half_day(15.0, 20.0);
        grow.half_day(15.0, 20.0);
        assert!((grow.mean - 510.0).abs() < 0.2, "{}", grow.mean);
    }

    #[test]
    fn census_tail_matches_the_normal_approximation() {
        assert!((census_at_least(1000.0, 1000.5) - 0.5).abs() < 1e-3);
        let p = census_at_least(1300.0, 1300.5 + 2.0 * 1300f64.sqrt());
        assert!((p - 0.02275).abs() < 1e-4, "{p}");
        assert_eq!(census_at_least(100.0, 1000.0), 0.0);
    }
}
