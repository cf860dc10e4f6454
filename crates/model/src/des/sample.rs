//! Sampling the scenario's [`Distribution`]s, with parameters precomputed once per distribution.
//!
//! Written with `libm` and [`super::expo`] only (no `rand_distr`, no `std` transcendental
//! functions) so that native and wasm32 builds draw bit-identical values from the same [`RandomStream`].

use super::rng::RandomStream;
use crate::distribution::Distribution;

/// A distribution ready to sample: its parameters converted once into the form each method needs.
#[derive(Clone, Debug, PartialEq)]
pub enum Sampler {
    /// Always `value` [days].
    Fixed { value: f64 },
    /// Exponential with mean `mean` [days]: −mean · ln U.
    Exponential { mean: f64 },
    /// exp(mu + sigma · Z).
    LogNormal { mu: f64, sigma: f64 },
    /// Gamma(shape, scale) by Marsaglia–Tsang (2000); shapes below 1 use the boost
    /// Gamma(shape + 1) · U^(1/shape).
    Gamma { shape: f64, scale: f64 },
    /// Uniform on [0, `short_max`] with probability `short_share`, else the lognormal `long`.
    ShortLong {
        short_share: f64,
        /// `short_max / short_share`: a short stay is u · this for the same u < `short_share`.
        short_scale: f64,
        long_mu: f64,
        long_sigma: f64,
    },
}

/// Lognormal (mu, sigma) of the log from the mean and coefficient of variation.
fn lognormal_params(mean: f64, cv: f64) -> (f64, f64) {
    let s2 = libm::log1p(cv * cv);
    (libm::log(mean) - 0.5 * s2, libm::sqrt(s2))
}

impl Sampler {
    /// Precompute the sampling parameters of `d`. The distribution should already be valid
    /// (`Distribution::issues` empty); non-positive parameters degrade to a point mass at the mean.
    pub fn new(d: &Distribution) -> Sampler {
        match *d {
            Distribution::Fixed { value } => Sampler::Fixed {
                value: value.max(0.0),
            },
            Distribution::Exponential { mean } => Sampler::Exponential {
                mean: mean.max(0.0),
            },
            Distribution::LogNormal { mean, cv } => {
                if mean <= 0.0 || cv <= 0.0 {
                    return Sampler::Fixed {
                        value: mean.max(0.0),
                    };
                }
                let (mu, sigma) = lognormal_params(mean, cv);
                Sampler::LogNormal { mu, sigma }
            }
            Distribution::Gamma { mean, cv } => {
                if mean <= 0.0 || cv <= 0.0 {
                    return Sampler::Fixed {
                        value: mean.max(0.0),
                    };
                }
                let shape = 1.0 / (cv * cv);
                Sampler::Gamma {
                    shape,
                    scale: mean / shape,
                }
            }
            Distribution::ShortLongMixture {
                short_share,
                short_max,
                long_mean,
                long_cv,
            } => {
                let (long_mu, long_sigma) = if long_mean > 0.0 && long_cv > 0.0 {
                    lognormal_params(long_mean, long_cv)
                } else {
                    (libm::log(long_mean.max(1e-12)), 0.0)
                };
                let share = short_share.clamp(0.0, 1.0);
                Sampler::ShortLong {
                    short_share: share,
                    short_scale: if share > 0.0 {
                        short_max.max(0.0) / share
                    } else {
                        0.0
                    },
                    long_mu,
                    long_sigma,
                }
            }
        }
    }

    /// One draw [days]. The usual kinds (short/long mixture, exponential) are inlined where they
    /// are drawn, so each call site's branch on the kind is predictable (a jump table shared by
    /// every call is not); the rest go out of line.
    #[inline(always)]
    pub fn sample(&self, s: &mut RandomStream) -> f64 {
        if let Sampler::ShortLong {
            short_share,
            short_scale,
            long_mu,
            long_sigma,
        } = *self
        {
            // One uniform decides the branch and, rescaled, places a short stay: the same
            // number of draws is used whichever branch is taken for short stays.
            let u = s.uniform();
            if u < short_share {
                u * short_scale
            } else {
                super::expo::exp(long_mu + long_sigma * s.std_normal())
            }
        } else if let Sampler::Exponential { mean } = *self {
            mean * s.exp1()
        } else {
            self.sample_other(s)
        }
    }

    /// [`Sampler::sample`] for the kinds it does not draw inline.
    #[inline(never)]
    fn sample_other(&self, s: &mut RandomStream) -> f64 {
        match *self {
            Sampler::Fixed { value } => value,
            Sampler::LogNormal { mu, sigma } => super::expo::exp(mu + sigma * s.std_normal()),
            Sampler::Gamma { shape, scale } => scale * gamma_unit(shape, s),
            Sampler::Exponential { .. } | Sampler::ShortLong { .. } => {
                unreachable!("drawn inline by `sample`")
            }
        }
    }
}

/// Gamma with unit scale and the given shape (Marsaglia & Tsang, ACM TOMS 2000).
fn gamma_unit(shape: f64, s: &mut RandomStream) -> f64 {
    if shape < 1.0 {
        // Gamma(a) = Gamma(a + 1) · U^(1/a).
        let g = gamma_unit(shape + 1.0, s);
        return g * libm::pow(s.uniform_open0(), 1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / libm::sqrt(9.0 * d);
    loop {
        let x = s.std_normal();
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = s.uniform_open0();
        let x2 = x * x;
        if u < 1.0 - 0.0331 * x2 * x2 {
            return d * v;
        }
        if libm::log(u) < 0.5 * x2 + d * (1.0 - v + libm::log(v)) {
            return d * v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sample mean and variance of `n` draws.
    fn moments(d: &Distribution, n: usize, seed: u64) -> (f64, f64, Vec<f64>) {
        let sm = Sampler::new(d);
        let mut s = RandomStream::new(seed, 0, 0);
        let xs: Vec<f64> = (0..n).map(|_| sm.sample(&mut s)).collect();
        let m = xs.iter().sum::<f64>() / n as f64;
        let v = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64;
        (m, v, xs)
    }

    #[test]
    fn every_kind_has_the_stated_mean_and_cv() {
        // (distribution, theoretical variance)
        let cases = [
            (Distribution::Fixed { value: 3.0 }, 0.0),
            (Distribution::Exponential { mean: 4.0 }, 16.0),
            (Distribution::LogNormal { mean: 5.0, cv: 0.8 }, 16.0),
            (Distribution::Gamma { mean: 6.0, cv: 0.5 }, 9.0),
            (Distribution::Gamma { mean: 2.0, cv: 1.5 }, 9.0),
        ];
        let n = 400_000;
        for (i, (d, var)) in cases.iter().enumerate() {
            let (m, v, xs) = moments(d, n, 11 + i as u64);
            assert!(xs.iter().all(|&x| x >= 0.0 && x.is_finite()));
            let se = (var / n as f64).sqrt();
            assert!((m - d.mean()).abs() <= 4.0 * se + 1e-12, "{d:?}: mean {m}");
            if *var > 0.0 {
                assert!((v / var - 1.0).abs() < 0.05, "{d:?}: variance {v} vs {var}");
            }
        }
    }

    #[test]
    fn mixture_has_the_short_share_and_mean() {
        let d = Distribution::ShortLongMixture {
            short_share: 0.49,
            short_max: 1.0,
            long_mean: 12.0,
            long_cv: 1.0,
        };
        let n = 400_000;
        let (m, _, xs) = moments(&d, n, 5);
        let short = xs.iter().filter(|&&x| x <= 1.0).count() as f64 / n as f64;
        // The lognormal part also puts a little mass below 1 day.
        assert!(short > 0.49 && short < 0.52, "short share {short}");
        // sd of the mixture is about 10; se ≈ 0.016.
        assert!((m - d.mean()).abs() < 0.07, "mean {m} vs {}", d.mean());
    }

    #[test]
    fn gamma_shape_below_one_has_right_moments() {
        // cv 2 ⇒ shape 0.25.
        let d = Distribution::Gamma { mean: 3.0, cv: 2.0 };
        let n = 400_000;
        let (m, v, _) = moments(&d, n, 21);
        assert!(
            (m - 3.0).abs() < 4.0 * (36.0f64 / n as f64).sqrt(),
            "mean {m}"
        );
        assert!((v / 36.0 - 1.0).abs() < 0.1, "variance {v}");
    }
}
