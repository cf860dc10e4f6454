//! Whole runs and replications of the DES: results comparable to the SD engine's, per-day and
//! per-year replication bands, and the determinism digest.

use std::collections::BTreeMap;

use super::engine::{DesExtras, DesOptions, Engine};
use super::stats::{percentile_sorted, Digest};
use crate::calendar::days;
use crate::error::ModelError;
use crate::results::Results;
use crate::scenario::Scenario;

/// One DES replication.
#[derive(Clone, Debug, PartialEq)]
pub struct DesRun {
    /// Daily series, monthly summaries and per-year KPIs with the SD engine's definitions.
    pub results: Results,
    /// Per financial year: days on which an emergency waited in A&E for a bed at some moment.
    pub days_with_emergency_waiting_for_bed: Vec<f64>,
    /// Per financial year: emergencies sent elsewhere (only with the turn-away option).
    pub turned_away: Vec<f64>,
    /// Per day: 1 when an emergency waited for a bed at some moment that day.
    pub emergency_waited: Vec<f64>,
    /// Events handled.
    pub events: u64,
    /// Digest of every output number's bits (the native-vs-wasm determinism check).
    pub digest: Digest,
}

/// Replication `replication` of `sc` (validated first).
pub fn run(sc: &Scenario, replication: u32) -> Result<DesRun, ModelError> {
    run_with(sc, replication, DesOptions::default())
}

/// As [`run`] with DES-only options.
pub fn run_with(sc: &Scenario, replication: u32, opts: DesOptions) -> Result<DesRun, ModelError> {
    sc.validate().map_err(ModelError::Invalid)?;
    let (daily, extras) = Engine::with_options(sc, replication, opts).finish();
    Ok(assemble(sc, daily, extras))
}

/// Build a [`DesRun`] from a finished engine's record.
pub fn assemble(sc: &Scenario, daily: crate::results::Daily, extras: DesExtras) -> DesRun {
    let ds = days(sc.start_year, sc.years);
    let monthly = crate::kpis::monthly(&ds, &daily);
    let yearly = crate::kpis::yearly(sc, &ds, &daily);
    let mut per_year_wait = vec![0.0; sc.years as usize];
    let mut per_year_away = vec![0.0; sc.years as usize];
    for (i, d) in ds.iter().enumerate() {
        per_year_wait[d.year_index as usize] += extras.emergency_waited[i];
        per_year_away[d.year_index as usize] += extras.turned_away[i];
    }
    let mut digest = Digest::default();
    for (_, series) in daily.series() {
        for &x in series {
            digest.push_f64(x);
        }
    }
    for &x in &extras.emergency_waited {
        digest.push_f64(x);
    }
    digest.push_u64(extras.events);
    DesRun {
        results: Results {
            days: ds.len(),
            start_year: sc.start_year,
            daily,
            monthly,
            yearly,
        },
        days_with_emergency_waiting_for_bed: per_year_wait,
        turned_away: per_year_away,
        emergency_waited: extras.emergency_waited,
        events: extras.events,
        digest,
    }
}

/// Mean and percentiles of one quantity across replications.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Band {
    pub mean: f64,
    pub p5: f64,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
    pub p95: f64,
}

impl Band {
    /// The band of `xs` (sorted in place).
    pub fn of(xs: &mut [f64]) -> Band {
        xs.sort_by(f64::total_cmp);
        Band::of_sorted(xs)
    }

    /// The band of `xs`, already sorted (by `f64::total_cmp`).
    pub fn of_sorted(xs: &[f64]) -> Band {
        let n = xs.len().max(1) as f64;
        Band {
            mean: xs.iter().sum::<f64>() / n,
            p5: percentile_sorted(xs, 0.05),
            p10: percentile_sorted(xs, 0.10),
            p50: percentile_sorted(xs, 0.50),
            p90: percentile_sorted(xs, 0.90),
            p95: percentile_sorted(xs, 0.95),
        }
    }
}

/// Daily series kept for per-day bands (each costs replications × days × 4 bytes).
pub const DAILY_BAND_SERIES: [&str; 8] = [
    "occupied_beds",
    "occupancy",
    "ae_waiting",
    "delayed_total",
    "elective_cancellations",
    "step_down_occupied",
    "deaths_home",
    "emergency_waited",
];

/// Replications aggregated into bands.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Replicated {
    pub replications: u32,
    /// Financial-year labels, e.g. "2008/09".
    pub years: Vec<String>,
    /// Per year: every numeric KPI of [`crate::results::YearKpis`] plus
    /// `days_with_emergency_waiting_for_bed` and `turned_away`, as bands.
    pub yearly: Vec<BTreeMap<String, Band>>,
    /// Per day bands of the [`DAILY_BAND_SERIES`].
    pub daily: BTreeMap<String, Vec<Band>>,
    /// Digest over the replications' digests, in order.
    pub digest: Digest,
    /// Events handled over all replications.
    pub events: u64,
}

/// Accumulates replications one at a time; memory is replications × (days × 8 + years × KPIs)
/// numbers, independent of how many patients pass through.
pub struct Aggregator {
    n: u32,
    years: Vec<String>,
    yearly: Vec<BTreeMap<String, Vec<f64>>>,
    daily: BTreeMap<String, Vec<Vec<f32>>>,
    digest: Digest,
    events: u64,
}

impl Aggregator {
    /// An empty aggregator for runs of `sc`.
    pub fn new(sc: &Scenario) -> Aggregator {
        let ndays = days(sc.start_year, sc.years).len();
        Aggregator {
            n: 0,
            years: (0..sc.years).map(|i| sc.year_label(i)).collect(),
            yearly: vec![BTreeMap::new(); sc.years as usize],
            daily: DAILY_BAND_SERIES
                .iter()
                .map(|k| (k.to_string(), vec![Vec::new(); ndays]))
                .collect(),
            digest: Digest::default(),
            events: 0,
        }
    }

    /// Fold in one replication.
    pub fn push(&mut self, run: &DesRun) {
        self.n += 1;
        self.events += run.events;
        self.digest.push_u64(run.digest.0);
        for (y, k) in run.results.yearly.iter().enumerate() {
            let map = &mut self.yearly[y];
            if let Ok(serde_json::Value::Object(obj)) = serde_json::to_value(k) {
                for (key, v) in obj {
                    if let Some(x) = v.as_f64() {
                        map.entry(key).or_default().push(x);
                    }
                }
            }
            map.entry("days_with_emergency_waiting_for_bed".into())
                .or_default()
                .push(run.days_with_emergency_waiting_for_bed[y]);
            map.entry("turned_away".into())
                .or_default()
                .push(run.turned_away[y]);
        }
        let series = run.results.daily.series();
        for (key, per_day) in self.daily.iter_mut() {
            let src: &[f64] = if key == "emergency_waited" {
                &run.emergency_waited
            } else {
                series
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| *v)
                    .unwrap_or(&[])
            };
            for (acc, &x) in per_day.iter_mut().zip(src) {
                acc.push(x as f32);
            }
        }
    }

    /// The bands.
    pub fn finish(self) -> Replicated {
        let yearly = self
            .yearly
            .into_iter()
            .map(|m| {
                m.into_iter()
                    .map(|(k, mut v)| (k, Band::of(&mut v)))
                    .collect()
            })
            .collect();
        let daily = self
            .daily
            .into_iter()
            .map(|(k, per_day)| {
                let bands = per_day
                    .into_iter()
                    .map(|v| Band::of(&mut v.into_iter().map(f64::from).collect::<Vec<_>>()))
                    .collect();
                (k, bands)
            })
            .collect();
        Replicated {
            replications: self.n,
            years: self.years,
            yearly,
            daily,
            digest: self.digest,
            events: self.events,
        }
    }
}

/// `n` replications (0..n) of `sc`, aggregated on the fly; `on_progress(done, n)` is called after
/// each one.
pub fn replicate(
    sc: &Scenario,
    n: u32,
    mut on_progress: impl FnMut(u32, u32),
) -> Result<Replicated, ModelError> {
    replicate_with(sc, n, DesOptions::default(), &mut on_progress)
}

/// As [`replicate`] with DES-only options.
pub fn replicate_with(
    sc: &Scenario,
    n: u32,
    opts: DesOptions,
    on_progress: &mut dyn FnMut(u32, u32),
) -> Result<Replicated, ModelError> {
    sc.validate().map_err(ModelError::Invalid)?;
    let mut agg = Aggregator::new(sc);
    for r in 0..n {
        let (daily, extras) = Engine::with_options(sc, r, opts).finish();
        agg.push(&assemble(sc, daily, extras));
        on_progress(r + 1, n);
    }
    Ok(agg.finish())
}
