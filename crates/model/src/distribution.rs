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
