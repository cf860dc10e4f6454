//! Deterministic random numbers: one named, seeded PRNG sub-stream per random process.
//!
//! Every random process in the engine (arrivals of one stream, lengths of stay of one stream, the
//! choice of discharge destination, …) draws from its own [`RandomStream`], whose state is derived from
//! `(seed, stream id, replication)` by SplitMix64 mixing. Changing a lever that touches one process
//! therefore leaves every other process's draws unchanged (common random numbers), and replication
//! `r` of a scenario is the same on every machine.
//!
//! Uniform variates are built from the generator's `u64` bits with exact integer-to-float
//! conversion, and all transcendental functions used on them come from `libm`, so native and
//! wasm32 builds produce bit-identical draws.

use rand::RngCore;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// 2⁻⁵³: the spacing of the 53-bit uniform grid.
const TWO_POW_M53: f64 = 1.0 / 9_007_199_254_740_992.0;

/// SplitMix64's finaliser (Steele, Lea & Flood 2014): a bijective avalanche mix of 64 bits.
#[inline]
pub fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One random sub-stream: xoshiro256++ (Blackman & Vigna 2021, `rand_xoshiro::Xoshiro256PlusPlus`)
/// seeded from `(seed, id, replication)`. Chosen over a 128-bit PCG because its step is four
/// 64-bit additions, shifts and rotations: a 128-bit multiply costs several 64-bit ones in wasm32.
#[derive(Clone, Debug)]
pub struct RandomStream {
    rng: Xoshiro256PlusPlus,
    zig: &'static Ziggurat<256>,
    zig_normal: &'static Ziggurat<128>,
}

/// Right edge of the base layer of the exponential ziggurat (256 layers).
const ZIG_R: f64 = 7.697_117_470_131_05;
/// Area of each layer of the exponential ziggurat.
const ZIG_V: f64 = 3.949_659_822_581_572e-3;
/// Right edge of the base layer of the normal ziggurat (128 layers, half-density exp(−x²/2)).
const NORM_R: f64 = 3.442_619_855_899;
/// Area of each layer of the normal ziggurat.
const NORM_V: f64 = 9.912_563_035_262_17e-3;

/// Ziggurat tables for a decreasing density on x ≥ 0 (Marsaglia & Tsang 2000), `N` layers:
/// acceptance thresholds on 53-bit integers `k`, layer widths scaled to 53 bits `w`, and the
/// density at each layer edge `f`.
pub struct Ziggurat<const N: usize> {
    k: [u64; N],
    w: [f64; N],
    f: [f64; N],
}

impl<const N: usize> std::fmt::Debug for Ziggurat<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Ziggurat<{N}>")
    }
}

impl<const N: usize> Ziggurat<N> {
    /// The tables for base-layer edge `r`, layer area `v`, the (unnormalised) `density` and its
    /// `inverse`; built with `libm` only, so identical on every platform.
    fn build(r: f64, v: f64, density: fn(f64) -> f64, inverse: fn(f64) -> f64) -> Self {
        let m = 9_007_199_254_740_992.0; // 2^53
        let mut t = Ziggurat {
            k: [0; N],
            w: [0.0; N],
            f: [0.0; N],
        };
        let mut x = r;
        let mut prev = x;
        let q = v / density(x);
        t.k[0] = ((x / q) * m) as u64;
        t.k[1] = 0;
        t.w[0] = q / m;
        t.w[N - 1] = x / m;
        t.f[0] = 1.0;
        t.f[N - 1] = density(x);
        for i in (1..=N - 2).rev() {
            x = inverse(v / x + density(x));
            t.k[i + 1] = ((x / prev) * m) as u64;
            prev = x;
            t.f[i] = density(x);
            t.w[i] = x / m;
        }
        t
    }
}

/// The exponential ziggurat, built once.
fn exp_tables() -> &'static Ziggurat<256> {
    static TABLES: std::sync::OnceLock<Ziggurat<256>> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| Ziggurat::build(ZIG_R, ZIG_V, |x| libm::exp(-x), |y| -libm::log(y)))
}

/// The normal ziggurat, built once.
fn normal_tables() -> &'static Ziggurat<128> {
    static TABLES: std::sync::OnceLock<Ziggurat<128>> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        Ziggurat::build(
            NORM_R,
            NORM_V,
            |x| libm::exp(-0.5 * x * x),
            |y| libm::sqrt(-2.0 * libm::log(y)),
        )
    })
}

impl RandomStream {
    /// The sub-stream `id` of replication `replication` of a run seeded with `seed`.
    ///
    /// The 256-bit state is four consecutive outputs of a SplitMix64 sequence (the seeding its
    /// authors recommend) started from a SplitMix64 hash of the three inputs, so neighbouring ids,
    /// seeds and replications give unrelated streams, and the state is never all zero.
    pub fn new(seed: u64, id: u64, replication: u32) -> RandomStream {
        let a = splitmix64(seed ^ splitmix64(id ^ splitmix64(u64::from(replication))));
        let mut bytes = [0u8; 32];
        for (i, chunk) in bytes.chunks_exact_mut(8).enumerate() {
            let x = splitmix64(a.wrapping_add((i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)));
            chunk.copy_from_slice(&x.to_le_bytes());
        }
        let rng = Xoshiro256PlusPlus::from_seed(bytes);
        RandomStream {
            rng,
            zig: exp_tables(),
            zig_normal: normal_tables(),
        }
    }

    /// 64 raw random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.rng.next_u64()
    }

    /// Uniform on [0, 1) with 53 bits of resolution.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * TWO_POW_M53
    }

    /// Uniform on (0, 1]: safe to take the logarithm of.
    #[inline]
    pub fn uniform_open0(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * TWO_POW_M53
    }

    /// A standard exponential variate (mean 1) by the ziggurat method (Marsaglia & Tsang 2000,
    /// 256 layers): one 64-bit draw and a table look-up about 98.9% of the time; the wedges use
    /// `libm::exp` and the tail `libm::log`, so every platform gives the same bits.
    #[inline(always)]
    pub fn exp1(&mut self) -> f64 {
        let bits = self.next_u64();
        let t = self.zig;
        let (i, j) = ((bits & 0xff) as usize, bits >> 11);
        if j < t.k[i] {
            return j as f64 * t.w[i];
        }
        self.exp1_rest(bits)
    }

    /// The rare rest of [`RandomStream::exp1`] for a draw `bits` outside the layers' rectangles (kept
    /// out of line, so the common case inlines without saving registers).
    #[cold]
    #[inline(never)]
    fn exp1_rest(&mut self, mut bits: u64) -> f64 {
        let t = self.zig;
        loop {
            let (i, j) = ((bits & 0xff) as usize, bits >> 11);
            if j < t.k[i] {
                return j as f64 * t.w[i];
            }
            if i == 0 {
                // Beyond the base layer: memoryless, so r plus a fresh exponential.
                return ZIG_R - libm::log(self.uniform_open0());
            }
            let x = j as f64 * t.w[i];
            if t.f[i] + self.uniform() * (t.f[i - 1] - t.f[i]) < libm::exp(-x) {
                return x;
            }
            bits = self.next_u64();
        }
    }

    /// A standard normal variate by the ziggurat method (Marsaglia & Tsang 2000, 128 layers): one
    /// 64-bit draw (layer, sign, 53-bit magnitude) and a table look-up about 98.8% of the time;
    /// wedges use `libm::exp`, the tail Marsaglia's exponential method with `libm::log`.
    #[inline(always)]
    pub fn std_normal(&mut self) -> f64 {
        let bits = self.next_u64();
        let t = self.zig_normal;
        let (i, j) = ((bits & 0x7f) as usize, bits >> 11);
        if j < t.k[i] {
            // x ≥ 0: bit 7 of the draw becomes the sign bit (branch-free; the sign is a coin
            // toss, which a branch would mispredict half the time). Same value as negating.
            let x = j as f64 * t.w[i];
            return f64::from_bits(x.to_bits() | ((bits & 0x80) << 56));
        }
        self.std_normal_rest(bits)
    }

    /// The rare rest of [`RandomStream::std_normal`] (see [`RandomStream::exp1_rest`]).
    #[cold]
    #[inline(never)]
    fn std_normal_rest(&mut self, mut bits: u64) -> f64 {
        let t = self.zig_normal;
        loop {
            let (i, j) = ((bits & 0x7f) as usize, bits >> 11);
            let negative = bits & 0x80 != 0;
            let signed = |x: f64| if negative { -x } else { x };
            if j < t.k[i] {
                return signed(j as f64 * t.w[i]);
            }
            if i == 0 {
                // The tail beyond r.
                loop {
                    let x = -libm::log(self.uniform_open0()) / NORM_R;
                    let y = -libm::log(self.uniform_open0());
                    if y + y >= x * x {
                        return signed(NORM_R + x);
                    }
                }
            }
            let x = j as f64 * t.w[i];
            if t.f[i] + self.uniform() * (t.f[i - 1] - t.f[i]) < libm::exp(-0.5 * x * x) {
                return signed(x);
            }
            bits = self.next_u64();
        }
    }

    /// `true` with probability `p`.
    #[inline]
    pub fn bernoulli(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// An index drawn with probabilities proportional to `weights` (non-negative; the last index
    /// absorbs rounding). Returns 0 when all weights are zero.
    pub fn choose_weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        if total <= 0.0 || weights.is_empty() {
            return 0;
        }
        let mut x = self.uniform() * total;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    /// Poisson with mean `mean` (inversion by sequential search for small means, normal-free
    /// product-of-uniforms form; splits large means into chunks of at most 30).
    pub fn poisson(&mut self, mean: f64) -> u64 {
        if mean <= 0.0 || !mean.is_finite() {
            return 0;
        }
        let mut remaining = mean;
        let mut total = 0;
        while remaining > 0.0 {
            let m = remaining.min(30.0);
            remaining -= m;
            let limit = libm::exp(-m);
            let mut prod = self.uniform_open0();
            while prod > limit {
                total += 1;
                prod *= self.uniform_open0();
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let mut a = RandomStream::new(42, 1, 0);
        let mut b = RandomStream::new(42, 1, 0);
        let mut c = RandomStream::new(42, 2, 0);
        let mut d = RandomStream::new(42, 1, 1);
        let xa: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let xb: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        let xc: Vec<u64> = (0..8).map(|_| c.next_u64()).collect();
        let xd: Vec<u64> = (0..8).map(|_| d.next_u64()).collect();
        assert_eq!(xa, xb);
        assert_ne!(xa, xc);
        assert_ne!(xa, xd);
    }

    /// The ziggurat exponential against Exp(1): mean, variance, the tail beyond the base layer, and
    /// a Kolmogorov–Smirnov test (critical value 1.63/√n at the 1% level).
    #[test]
    fn exp1_is_standard_exponential() {
        let mut s = RandomStream::new(7, 3, 0);
        let n = 400_000;
        let mut xs: Vec<f64> = (0..n).map(|_| s.exp1()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64;
        // Standard errors: 1/√n for the mean, about 2.8/√n for the variance.
        assert!((mean - 1.0).abs() < 4.0 / (n as f64).sqrt(), "mean {mean}");
        assert!(
            (var - 1.0).abs() < 4.0 * 2.8 / (n as f64).sqrt(),
            "variance {var}"
        );
        let tail = xs.iter().filter(|&&x| x > 8.0).count() as f64;
        let expect = n as f64 * (-8.0f64).exp();
        assert!(
            (tail - expect).abs() < 4.0 * expect.sqrt(),
            "tail {tail} vs {expect}"
        );
        xs.sort_by(f64::total_cmp);
        let d = xs
            .iter()
            .enumerate()
            .map(|(i, &x)| {
                let f = 1.0 - (-x).exp();
                (f - i as f64 / n as f64)
                    .abs()
                    .max(((i + 1) as f64 / n as f64 - f).abs())
            })
            .fold(0.0, f64::max);
        assert!(d < 1.63 / (n as f64).sqrt(), "KS distance {d}");
        assert!(xs[0] >= 0.0);
    }

    /// The ziggurat normal against N(0, 1): mean, variance, symmetry, the tail beyond the base
    /// layer, and a Kolmogorov–Smirnov test (1% level).
    #[test]
    fn std_normal_is_standard_normal() {
        let mut s = RandomStream::new(9, 4, 0);
        let n = 400_000;
        let mut xs: Vec<f64> = (0..n).map(|_| s.std_normal()).collect();
        let nf = n as f64;
        let mean = xs.iter().sum::<f64>() / nf;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (nf - 1.0);
        assert!(mean.abs() < 4.0 / nf.sqrt(), "mean {mean}");
        assert!(
            (var - 1.0).abs() < 4.0 * (2.0 / nf).sqrt(),
            "variance {var}"
        );
        let beyond = |c: f64| xs.iter().filter(|x| x.abs() > c).count() as f64;
        for c in [NORM_R, 4.0] {
            let expect = nf * libm::erfc(c / std::f64::consts::SQRT_2);
            let got = beyond(c);
            assert!(
                (got - expect).abs() < 4.0 * expect.sqrt() + 1.0,
                "|x| > {c}: {got} vs {expect}"
            );
        }
        let negative = xs.iter().filter(|x| **x < 0.0).count() as f64;
        assert!((negative - nf / 2.0).abs() < 4.0 * (nf / 4.0).sqrt());
        xs.sort_by(f64::total_cmp);
        let d = xs
            .iter()
            .enumerate()
            .map(|(i, &x)| {
                let f = 0.5 * libm::erfc(-x / std::f64::consts::SQRT_2);
                (f - i as f64 / nf)
                    .abs()
                    .max(((i + 1) as f64 / nf - f).abs())
            })
            .fold(0.0, f64::max);
        assert!(d < 1.63 / nf.sqrt(), "KS distance {d}");
    }

    #[test]
    fn uniform_ranges() {
        let mut s = RandomStream::new(7, 0, 0);
        for _ in 0..100_000 {
            let u = s.uniform();
            assert!((0.0..1.0).contains(&u));
            let v = s.uniform_open0();
            assert!(v > 0.0 && v <= 1.0);
        }
    }

    #[test]
    fn poisson_mean_and_variance() {
        let mut s = RandomStream::new(3, 0, 0);
        let n = 200_000;
        let mean = 45.0;
        let xs: Vec<f64> = (0..n).map(|_| s.poisson(mean) as f64).collect();
        let m = xs.iter().sum::<f64>() / n as f64;
        let v = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64;
        // Standard error of the mean is sqrt(45/200000) ≈ 0.015.
        assert!((m - mean).abs() < 0.06, "mean {m}");
        assert!((v / mean - 1.0).abs() < 0.03, "variance {v}");
    }

    #[test]
    fn choose_weighted_frequencies() {
        let mut s = RandomStream::new(9, 0, 0);
        let w = [0.5, 0.3, 0.2];
        let mut counts = [0u32; 3];
        let n = 100_000;
        for _ in 0..n {
            counts[s.choose_weighted(&w)] += 1;
        }
        for i in 0..3 {
            let p = f64::from(counts[i]) / f64::from(n);
            // 4.5 standard errors at most.
            assert!((p - w[i]).abs() < 4.5 * (w[i] * (1.0 - w[i]) / f64::from(n)).sqrt());
        }
    }
}
