//! A fast exponential function that gives the same bits on every platform.
//!
//! Lognormal lengths of stay need one `exp` per draw; `libm::exp` is exact to within an ulp but
//! slow (special-case branches and a division). [`exp`] uses Tang's table method (Tang, *ACM
//! TOMS* 15(2), 1989): x = (64m + j)·ln2/64 + r with |r| ≤ ln2/128, so
//! e^x = 2^m · 2^(j/64) · e^r, with 2^(j/64) from a 64-entry table (built once with `libm`) and e^r
//! from its degree-5 Taylor polynomial (truncation below 2⁻⁵³ on that interval). Only IEEE
//! additions and multiplications of `f64` are used — never fused multiply-add, which Rust does not
//! introduce on its own — so native and wasm32 builds round identically. Relative error below
//! 3 ulp, checked against `libm::exp` in the tests.

/// 2^(j/64) for j = 0..64.
fn table() -> &'static [f64; 64] {
    static T: std::sync::OnceLock<[f64; 64]> = std::sync::OnceLock::new();
    T.get_or_init(|| std::array::from_fn(|j| libm::exp2(j as f64 / 64.0)))
}

/// 64/ln 2.
const INV_LN2_64: f64 = 92.332_482_616_893_66;
/// ln2/64 split in two: the high part has trailing zero bits, so `k · HI` is exact for |k| < 2^20.
const LN2_64_HI: f64 = 0.010_830_424_695_086_549;
const LN2_64_LO: f64 = 1.162_596_423_439_437e-12;
/// 1.5 · 2^52: adding and subtracting it rounds to the nearest integer (ties to even).
const SHIFT: f64 = 6_755_399_441_055_744.0;

/// e^x. Arguments outside (−700, 700) (and NaN) go to `libm::exp`, which handles overflow,
/// underflow and subnormals; lengths of stay never come near them.
#[inline]
pub fn exp(x: f64) -> f64 {
    if !(x.abs() < 700.0) {
        return libm::exp(x);
    }
    let kf = (x * INV_LN2_64 + SHIFT) - SHIFT;
    let k = kf as i64;
    let r = (x - kf * LN2_64_HI) - kf * LN2_64_LO;
    let p = r + r * r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0))));
    let t = table()[(k & 63) as usize];
    // 2^m with m = k div 64 (floor), built from its exponent bits (|m| ≤ 1010: a normal number).
    let scale = f64::from_bits(((1023 + (k >> 6)) as u64) << 52);
    (t + t * p) * scale
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative error in ulps of `got` against libm's correctly rounded-to-within-an-ulp `want`.
    fn ulps(got: f64, want: f64) -> f64 {
        ((got - want) / want).abs() / f64::EPSILON
    }

    #[test]
    fn agrees_with_libm_to_a_few_ulp() {
        let mut worst: f64 = 0.0;
        // A dense sweep over the range lengths of stay use, and a coarser one to ±700.
        let sweep = (0..2_000_001).map(|i| -20.0 + 40.0 * f64::from(i) / 2e6);
        let wide = (0..140_001).map(|i| -700.0 + 1400.0 * f64::from(i) / 140_001.0);
        for x in sweep.chain(wide) {
            let e = ulps(exp(x), libm::exp(x));
            worst = worst.max(e);
        }
        assert!(worst < 3.0, "worst error {worst} ulp");
    }

    #[test]
    fn exact_points_and_edges() {
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(-0.0), 1.0);
        assert_eq!(exp(1000.0), f64::INFINITY);
        assert_eq!(exp(-1000.0), 0.0);
        assert!(exp(f64::NAN).is_nan());
        assert!(ulps(exp(1.0), std::f64::consts::E) < 2.0);
        assert!(ulps(exp(std::f64::consts::LN_2 * 10.0), 1024.0) < 2.0);
    }
}
