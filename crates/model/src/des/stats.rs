//! Small statistics used by replications and by the validation tests: running means and
//! variances, Student-t confidence intervals, percentiles, and the determinism digest.

/// Running mean and variance (Welford), for replication means and their confidence intervals.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    /// Observations so far.
    pub n: u64,
    mean: f64,
    m2: f64,
}

impl Summary {
    /// An empty summary.
    pub fn new() -> Summary {
        Summary::default()
    }

    /// Summary of a slice.
    pub fn of(xs: &[f64]) -> Summary {
        let mut s = Summary::new();
        for &x in xs {
            s.push(x);
        }
        s
    }

    /// Add one observation.
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }

    /// Sample mean.
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// Sample variance (n − 1 denominator); 0 with fewer than two observations.
    pub fn variance(&self) -> f64 {
        if self.n < 2 {
            0.0
        } else {
            self.m2 / (self.n - 1) as f64
        }
    }

    /// Standard error of the mean.
    pub fn std_error(&self) -> f64 {
        libm::sqrt(self.variance() / self.n.max(1) as f64)
    }

    /// Half-width of the two-sided Student-t confidence interval for the mean at `confidence`
    /// (e.g. 0.99).
    pub fn half_width(&self, confidence: f64) -> f64 {
        if self.n < 2 {
            return f64::INFINITY;
        }
        t_quantile(0.5 + confidence / 2.0, (self.n - 1) as f64) * self.std_error()
    }

    /// Whether `value` lies within the two-sided confidence interval for the mean.
    pub fn ci_contains(&self, value: f64, confidence: f64) -> bool {
        (self.mean - value).abs() <= self.half_width(confidence)
    }
}

/// Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9).
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let plow = 0.02425;
    if p < plow {
        let q = libm::sqrt(-2.0 * libm::log(p));
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - plow {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -normal_quantile(1.0 - p)
    }
}

/// Quantile of Student's t with `df` degrees of freedom (Cornish–Fisher expansion, Abramowitz &
/// Stegun 26.7.5; within 0.2% of tables for df ≥ 5 at the 99.5% point).
pub fn t_quantile(p: f64, df: f64) -> f64 {
    let z = normal_quantile(p);
    let z2 = z * z;
    let g1 = (z2 + 1.0) * z / 4.0;
    let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    let g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
    z + g1 / df + g2 / (df * df) + g3 / (df * df * df) + g4 / (df * df * df * df)
}

/// The `p`-quantile (0 ≤ p ≤ 1) of `xs` by linear interpolation between order statistics
/// (the "type 7" definition of R and NumPy). Sorts `xs` in place; NaN for an empty slice.
pub fn percentile(xs: &mut [f64], p: f64) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    xs.sort_by(f64::total_cmp);
    percentile_sorted(xs, p)
}

/// As [`percentile`] on an already sorted slice.
pub fn percentile_sorted(xs: &[f64], p: f64) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let h = (xs.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h as usize;
    let hi = (lo + 1).min(xs.len() - 1);
    xs[lo] + (h - lo as f64) * (xs[hi] - xs[lo])
}

/// A 64-bit digest of a sequence of numbers' bit patterns, used to prove native and wasm32 runs
/// identical. Each number is folded in whole: xor into the state, multiply by an odd constant,
/// xor-shift — each step a bijection of the state, so one differing number (in any bit) always
/// gives a different digest. (Byte-wise FNV-1a, used before, took eight dependent multiplications
/// per number: 2% of a replication's time for its million output bytes.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Digest(pub u64);

impl Default for Digest {
    fn default() -> Self {
        Digest(0xcbf2_9ce4_8422_2325)
    }
}

impl Digest {
    /// Fold in 64 bits.
    #[inline]
    pub fn push_u64(&mut self, x: u64) {
        let h = (self.0 ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = h ^ (h >> 29);
    }

    /// Fold in a number's bit pattern.
    #[inline]
    pub fn push_f64(&mut self, x: f64) {
        self.push_u64(x.to_bits());
    }

    /// Hex form, as printed by the CLI and the browser test.
    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_tables() {
        assert!((normal_quantile(0.995) - 2.575_829_3).abs() < 1e-6);
        assert!((normal_quantile(0.025) + 1.959_964).abs() < 1e-6);
        // t tables: t(0.995, 29) = 2.756, t(0.995, 9) = 3.250, t(0.975, 19) = 2.093.
        assert!((t_quantile(0.995, 29.0) - 2.756).abs() < 0.002);
        assert!((t_quantile(0.995, 9.0) - 3.250).abs() < 0.01);
        assert!((t_quantile(0.975, 19.0) - 2.093).abs() < 0.002);
    }

    #[test]
    fn summary_and_percentiles() {
        let s = Summary::of(&[1.0, 2.0, 3.0, 4.0]);
        assert!((s.mean() - 2.5).abs() < 1e-15);
        assert!((s.variance() - 5.0 / 3.0).abs() < 1e-12);
        let mut xs = vec![4.0, 1.0, 3.0, 2.0, 5.0];
        assert_eq!(percentile(&mut xs, 0.5), 3.0);
        assert_eq!(percentile(&mut xs, 0.1), 1.4);
    }

    #[test]
    fn digest_sees_every_bit() {
        let mut a = Digest::default();
        let mut b = Digest::default();
        a.push_f64(1.0);
        b.push_f64(f64::from_bits(1.0f64.to_bits() + 1));
        assert_ne!(a, b);
    }
}
