//! Distributions as data: lengths of stay and service times are described in the scenario (and so in
//! scenario files) as one of these variants, validated at load. The system-dynamics engine uses only
//! their means; the discrete-event engine samples them (see `des::sample`).

use serde::{Deserialize, Serialize};

/// A non-negative continuous distribution of a duration [days].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Distribution {
    /// Every draw equals `value` [days].
    Fixed { value: f64 },
    /// Exponential with the given mean [days].
    Exponential { mean: f64 },
    /// Lognormal with the given mean [days] and coefficient of variation (sd ÷ mean).
    LogNormal { mean: f64, cv: f64 },
    /// Gamma with the given mean [days] and coefficient of variation (sd ÷ mean).
    Gamma { mean: f64, cv: f64 },
    /// A short-stay part (uniform on 0..=`short_max` days) with probability `short_share`, otherwise a
    /// lognormal long-stay part with mean `long_mean` [days] and coefficient of variation `long_cv`.
    /// Fits "49% of emergency stays are 0–1 day" together with a 6–9 day mean (baseline.md).
    ShortLongMixture {
        short_share: f64,
        short_max: f64,
        long_mean: f64,
        long_cv: f64,
    },
}

/// A problem with a distribution's parameters: which parameter, its value, and the allowed range.
#[derive(Clone, Debug, PartialEq)]
pub struct DistributionIssue {
    /// Parameter name within the distribution (e.g. "mean", "cv").
    pub parameter: &'static str,
    /// The offending value.
    pub value: f64,
    /// The allowed range in words (e.g. "0 < mean ≤ 365").
    pub allowed: &'static str,
}

impl Distribution {
    /// The mean [days].
    pub fn mean(&self) -> f64 {
        match *self {
            Distribution::Fixed { value } => value,
            Distribution::Exponential { mean }
            | Distribution::LogNormal { mean, .. }
            | Distribution::Gamma { mean, .. } => mean,
            Distribution::ShortLongMixture {
                short_share,
                short_max,
                long_mean,
                ..
            } => short_share * short_max / 2.0 + (1.0 - short_share) * long_mean,
        }
    }

    /// A copy with the mean scaled by `factor` (shape kept: the cv is unchanged; for the mixture the
    /// long-stay part is rescaled so the overall mean scales by `factor`, never below the short part).
    pub fn with_mean_scaled(&self, factor: f64) -> Distribution {
        let f = factor.max(0.0);
        match *self {
            Distribution::Fixed { value } => Distribution::Fixed { value: value * f },
            Distribution::Exponential { mean } => Distribution::Exponential { mean: mean * f },
            Distribution::LogNormal { mean, cv } => Distribution::LogNormal { mean: mean * f, cv },
            Distribution::Gamma { mean, cv } => Distribution::Gamma { mean: mean * f, cv },
            Distribution::ShortLongMixture {
                short_share,
                short_max,
                long_mean,
                long_cv,
            } => {
                let target = self.mean() * f;
                let short_part = short_share * short_max / 2.0;
                let long_share = 1.0 - short_share;
                let long_mean = if long_share > 0.0 {
                    ((target - short_part) / long_share).max(short_max.max(0.01))
                } else {
                    long_mean
                };
                Distribution::ShortLongMixture {
                    short_share,
                    short_max,
                    long_mean,
                    long_cv,
                }
            }
        }
    }

    /// E[(X − t)⁺], the mean excess over `t` [days] (e.g. excess bed days beyond a trim point).
    pub fn expected_excess(&self, t: f64) -> f64 {
        let t = t.max(0.0);
        match *self {
            Distribution::Fixed { value } => (value - t).max(0.0),
            Distribution::Exponential { mean } => {
                if mean > 0.0 {
                    mean * libm::exp(-t / mean)
                } else {
                    0.0
                }
            }
            Distribution::LogNormal { mean, cv } => lognormal_excess(mean, cv, t),
            Distribution::Gamma { mean, cv } => gamma_excess(mean, cv, t),
            Distribution::ShortLongMixture {
                short_share,
                short_max,
                long_mean,
                long_cv,
            } => {
                let short = if short_max > t {
                    (short_max - t) * (short_max - t) / (2.0 * short_max)
                } else {
                    0.0
                };
                short_share * short + (1.0 - short_share) * lognormal_excess(long_mean, long_cv, t)
            }
        }
    }

    /// Every problem with the parameters (empty when valid). Means must lie in (0, 3650] days, cvs in
    /// (0, 5], shares in [0, 1], and the short-stay maximum in [0, 7] days.
    pub fn issues(&self) -> Vec<DistributionIssue> {
        let mut out = Vec::new();
        let mut check = |parameter, value: f64, ok: bool, allowed| {
            if !ok || !value.is_finite() {
                out.push(DistributionIssue {
                    parameter,
                    value,
                    allowed,
                });
            }
        };
        let mean_ok = |m: f64| m > 0.0 && m <= 3650.0;
        let cv_ok = |c: f64| c > 0.0 && c <= 5.0;
        match *self {
            Distribution::Fixed { value } => {
                check("value", value, mean_ok(value), "0 < value ≤ 3650 days")
            }
            Distribution::Exponential { mean } => {
                check("mean", mean, mean_ok(mean), "0 < mean ≤ 3650 days")
            }
            Distribution::LogNormal { mean, cv } | Distribution::Gamma { mean, cv } => {
                check("mean", mean, mean_ok(mean), "0 < mean ≤ 3650 days");
                check("cv", cv, cv_ok(cv), "0 < cv ≤ 5");
            }
            Distribution::ShortLongMixture {
                short_share,
                short_max,
                long_mean,
                long_cv,
            } => {
                check(
                    "short_share",
                    short_share,
                    (0.0..=1.0).contains(&short_share),
                    "0 ≤ short_share ≤ 1",
                );
                check(
                    "short_max",
                    short_max,
                    (0.0..=7.0).contains(&short_max),
                    "0 ≤ short_max ≤ 7 days",
                );
                check(
                    "long_mean",
                    long_mean,
                    mean_ok(long_mean),
                    "0 < long_mean ≤ 3650 days",
                );
                check("long_cv", long_cv, cv_ok(long_cv), "0 < long_cv ≤ 5");
            }
        }
        out
    }
}

fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / core::f64::consts::SQRT_2)
}

/// E[(X − t)⁺] for a lognormal with this mean and cv: m Φ(d₁) − t Φ(d₂).
fn lognormal_excess(mean: f64, cv: f64, t: f64) -> f64 {
    if !(mean > 0.0) {
        return 0.0;
    }
    if !(t > 0.0) {
        return mean;
    }
    let s2 = libm::log1p(cv * cv);
    let s = s2.sqrt();
    if !(s > 0.0) {
        return (mean - t).max(0.0);
    }
    let d1 = (libm::log(mean / t) + 0.5 * s2) / s;
    (mean * normal_cdf(d1) - t * normal_cdf(d1 - s)).max(0.0)
}

/// E[(X − t)⁺] for a gamma with this mean and cv: m Q(k + 1, t/θ) − t Q(k, t/θ), with shape
/// k = 1/cv², scale θ = m cv² and Q the regularised upper incomplete gamma function.
fn gamma_excess(mean: f64, cv: f64, t: f64) -> f64 {
    if !(mean > 0.0) || !(cv > 0.0) {
        return (mean - t).max(0.0);
    }
    let k = 1.0 / (cv * cv);
    let x = t / (mean * cv * cv);
    (mean * gamma_q(k + 1.0, x) - t * gamma_q(k, x)).max(0.0)
}

/// Regularised upper incomplete gamma Q(a, x) (series below a + 1, continued fraction above;
/// Press et al., Numerical Recipes §6.2).
fn gamma_q(a: f64, x: f64) -> f64 {
    if !(x > 0.0) {
        return 1.0;
    }
    let ln_pre = a * libm::log(x) - x - libm::lgamma(a);
    if x < a + 1.0 {
        let (mut sum, mut del, mut ap) = (1.0 / a, 1.0 / a, a);
        for _ in 0..500 {
            ap += 1.0;
            del *= x / ap;
            sum += del;
            if del.abs() < sum.abs() * 1e-15 {
                break;
            }
        }
        (1.0 - sum * libm::exp(ln_pre)).clamp(0.0, 1.0)
    } else {
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..500 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let del = d * c;
            h *= del;
            if (del - 1.0).abs() < 1e-15 {
                break;
            }
        }
        (libm::exp(ln_pre) * h).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixture_mean_is_weighted_mean_of_parts() {
        let d = Distribution::ShortLongMixture {
            short_share: 0.49,
            short_max: 1.0,
            long_mean: 12.0,
            long_cv: 1.0,
        };
        assert!((d.mean() - (0.49 * 0.5 + 0.51 * 12.0)).abs() < 1e-12);
    }

    #[test]
    fn scaling_scales_the_mean_for_every_kind() {
        let kinds = [
            Distribution::Fixed { value: 4.0 },
            Distribution::Exponential { mean: 4.0 },
            Distribution::LogNormal { mean: 4.0, cv: 1.2 },
            Distribution::Gamma { mean: 4.0, cv: 0.5 },
            Distribution::ShortLongMixture {
                short_share: 0.4,
                short_max: 1.0,
                long_mean: 6.33,
                long_cv: 1.0,
            },
        ];
        for d in kinds {
            let scaled = d.with_mean_scaled(0.8);
            assert!((scaled.mean() - 0.8 * d.mean()).abs() < 1e-9, "{d:?}");
        }
    }

    #[test]
    fn expected_excess_matches_direct_integration_for_every_kind() {
        let kinds = [
            Distribution::Fixed { value: 4.0 },
            Distribution::Exponential { mean: 4.0 },
            Distribution::LogNormal { mean: 4.0, cv: 1.2 },
            Distribution::Gamma { mean: 4.0, cv: 0.5 },
            Distribution::Gamma { mean: 4.0, cv: 1.7 },
            Distribution::ShortLongMixture {
                short_share: 0.4,
                short_max: 1.0,
                long_mean: 6.33,
                long_cv: 1.0,
            },
        ];
        // E[(X − t)+] = ∫_t^∞ P(X > x) dx, integrated from each kind's survival function by the
        // trapezium rule on a fine grid.
        let survival = |d: &Distribution, x: f64| -> f64 {
            match *d {
                Distribution::Fixed { value } => f64::from(u8::from(value > x)),
                Distribution::Exponential { mean } => libm::exp(-x / mean),
                Distribution::LogNormal { mean, cv } => {
                    let s2 = libm::log1p(cv * cv);
                    let mu = libm::log(mean) - 0.5 * s2;
                    1.0 - normal_cdf((libm::log(x) - mu) / s2.sqrt())
                }
                Distribution::Gamma { mean, cv } => gamma_q(1.0 / (cv * cv), x / (mean * cv * cv)),
                Distribution::ShortLongMixture {
                    short_share,
                    short_max,
                    long_mean,
                    long_cv,
                } => {
                    let s2 = libm::log1p(long_cv * long_cv);
                    let mu = libm::log(long_mean) - 0.5 * s2;
                    short_share * (1.0 - x / short_max).clamp(0.0, 1.0)
                        + (1.0 - short_share) * (1.0 - normal_cdf((libm::log(x) - mu) / s2.sqrt()))
                }
            }
        };
        for d in &kinds {
            for &t in &[0.5, 3.0, 12.0] {
                let h = 1e-3;
                let mut integral = 0.0;
                let mut x = t;
                while x < t + 400.0 {
                    integral += 0.5 * h * (survival(d, x) + survival(d, x + h));
                    x += h;
                }
                let e = d.expected_excess(t);
                assert!(
                    (e - integral).abs() < 2e-3 * integral.max(0.05),
                    "{d:?} t={t}: {e} vs {integral}"
                );
            }
        }
        // At t = 0 the excess is the mean.
        for d in &kinds {
            assert!(
                (d.expected_excess(0.0) - d.mean()).abs() < 1e-6 * d.mean(),
                "{d:?}"
            );
        }
    }

    #[test]
    fn issues_name_the_parameter_and_range() {
        let d = Distribution::LogNormal {
            mean: -1.0,
            cv: f64::NAN,
        };
        let issues = d.issues();
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].parameter, "mean");
        assert_eq!(issues[1].parameter, "cv");
        assert!(Distribution::Exponential { mean: 5.0 }.issues().is_empty());
    }
}
