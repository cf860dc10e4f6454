//! Uncertainty from discrete-event replications, as pure functions: per-day bands (p5, p10, p50,
//! p90, p95 across replications) for the charts, and risk KPIs with their intervals. The
//! replications themselves run in web workers ([`crate::workers::replication`]) and are collected
//! by [`crate::hooks::use_replications`]; everything here is tested natively.
//!
//! Every aggregate is computed from replications in replication order, or from sorted values (the
//! bands), never in arrival order, so the same seed and replication count give bit-identical bands
//! whatever the number of workers.

use std::rc::Rc;

use careflow_charts::views::{rolling_mean, ChartView, BEDS_BANDED, DELAYS_BANDED};
use careflow_charts::{format, Band as ChartBand, Chart};
use careflow_model::des::stats::{Digest, Summary};
use careflow_model::des::Band;

use crate::workers::replication::{RepSummary, YearRisk, OCCUPANCY_ALERT};

/// Target share of bed days lost to delayed transfers by 2012/13 (seed 001 §7.5).
pub const DTOC_TARGET: f64 = 0.02;
/// Target share of deaths at home or in a care home by 2012/13 (seed 001).
pub const HOME_DEATHS_TARGET: f64 = 0.70;
/// Replications per batch unless the user chooses otherwise.
pub const DEFAULT_REPLICATIONS: u32 = 100;
/// Confidence of the intervals on means and probabilities.
pub const CONFIDENCE: f64 = 0.95;

/// Per-day bands across replications of the series the charts show as 7-day means.
#[derive(Clone, Debug, PartialEq)]
pub struct DailyBands {
    /// Replications behind the bands.
    pub replications: usize,
    /// Occupied acute beds, 7-day mean [beds].
    pub occupied_beds: Vec<Band>,
    /// Delayed transfers of care in acute beds, 7-day mean [people].
    pub delayed_total: Vec<Band>,
}

/// The per-day values of the band series across replications, each day's column kept sorted and
/// grown one replication at a time. A refresh while replications stream in then reads percentiles
/// instead of sorting every day's column again (the main thread's work per refresh stays small).
/// Columns are sorted and the mean is summed in sorted order ([`Band::of_sorted`]), so the bands
/// do not depend on the order replications arrive in.
#[derive(Clone, Debug, Default)]
pub struct BandColumns {
    replications: usize,
    occupied_beds: Vec<Vec<f64>>,
    delayed_total: Vec<Vec<f64>>,
}

impl BandColumns {
    /// Adds one replication's series (as the charts show them: 7-day means).
    pub fn add(&mut self, run: &RepSummary) {
        let first = self.replications == 0;
        insert_run(&mut self.occupied_beds, &run.occupied_beds, first);
        insert_run(&mut self.delayed_total, &run.delayed_total, first);
        self.replications += 1;
    }

    /// Replications added.
    pub fn replications(&self) -> usize {
        self.replications
    }

    /// The bands; `None` until there are two replications.
    pub fn bands(&self) -> Option<DailyBands> {
        if self.replications < 2 {
            return None;
        }
        let of = |cols: &[Vec<f64>]| cols.iter().map(|c| Band::of_sorted(c)).collect();
        Some(DailyBands {
            replications: self.replications,
            occupied_beds: of(&self.occupied_beds),
            delayed_total: of(&self.delayed_total),
        })
    }
}

/// Inserts a replication's smoothed series into the sorted per-day columns (which keep the days
/// every replication has).
fn insert_run(columns: &mut Vec<Vec<f64>>, series: &[f32], first: bool) {
    let v: Vec<f64> = series.iter().map(|&x| f64::from(x)).collect();
    let smoothed = rolling_mean(&v, 7);
    if first {
        *columns = smoothed.iter().map(|&x| vec![x]).collect();
        return;
    }
    columns.truncate(smoothed.len());
    for (column, x) in columns.iter_mut().zip(smoothed) {
        let at = column.partition_point(|y| y.total_cmp(&x).is_lt());
        column.insert(at, x);
    }
}

/// Bands of `runs` (in any order); `None` until there are two replications.
pub fn daily_bands(runs: &[Rc<RepSummary>]) -> Option<DailyBands> {
    let mut columns = BandColumns::default();
    for r in runs {
        columns.add(r);
    }
    columns.bands()
}

/// Digest of every number in the bands (the reload-determinism check reads it).
pub fn bands_digest(b: &DailyBands) -> String {
    let mut d = Digest::default();
    d.push_u64(b.replications as u64);
    for band in b.occupied_beds.iter().chain(&b.delayed_total) {
        for x in [band.mean, band.p5, band.p10, band.p50, band.p90, band.p95] {
            d.push_f64(x);
        }
    }
    d.hex()
}

/// Digest over the replications' own digests, in replication order.
pub fn runs_digest(runs: &[Rc<RepSummary>]) -> String {
    let mut d = Digest::default();
    for r in runs {
        d.push_u64(r.digest);
    }
    d.hex()
}

/// The name of the line a chart's replication bands belong to (both 7-day means, like the
/// bands), or `None` for a chart without bands.
pub fn banded_line(id: &str) -> Option<&'static str> {
    match id {
        "beds" => Some(BEDS_BANDED),
        "delays" => Some(DELAYS_BANDED),
        _ => None,
    }
}

/// The name of the p10–p90 band.
pub const BAND_10_90: &str = "10–90% of replications";

/// The chart with replication bands under its lines: the beds chart gets the bands of occupied
/// beds, the delays chart those of all delayed patients (p5–p95 lighter, p10–p90 darker: the two
/// translucent polygons overlap). Other charts are returned unchanged.
pub fn with_bands(view: &ChartView, bands: &DailyBands) -> ChartView {
    with_bands_drawn(view, bands, false)
}

/// How much of the way to white the bands of an earlier scenario are drawn, while the current
/// scenario's replications have not yet given bands of their own.
pub const FADE_TO_WHITE: f64 = 0.6;

/// [`with_bands`], with the bands `faded` (mixed [`FADE_TO_WHITE`] of the way to white, in the
/// chart and so in its legend swatch) when they are an earlier scenario's, on show until the
/// current one has its own: the charts and their legends keep their place while a batch starts.
pub fn with_bands_drawn(view: &ChartView, bands: &DailyBands, faded: bool) -> ChartView {
    let (series_name, source) = match (view.id, banded_line(view.id)) {
        ("beds", Some(name)) => (name, &bands.occupied_beds),
        ("delays", Some(name)) => (name, &bands.delayed_total),
        _ => return view.clone(),
    };
    let Chart::Time(chart) = &view.chart else {
        return view.clone();
    };
    let Some(line) = chart.series.iter().find(|s| s.name == series_name) else {
        return view.clone();
    };
    let colour = if faded {
        let mix = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * FADE_TO_WHITE).round() as u8;
        (mix(line.colour.0), mix(line.colour.1), mix(line.colour.2))
    } else {
        line.colour
    };
    let xs: Vec<usize> = line
        .points
        .iter()
        .map(|p| p.0 as usize)
        .filter(|&d| d < source.len())
        .collect();
    let band = |name: &str, pick: fn(&Band) -> (f64, f64)| ChartBand {
        name: name.into(),
        points: xs
            .iter()
            .map(|&d| {
                let (lo, hi) = pick(&source[d]);
                (d as f64, lo, hi)
            })
            .collect(),
        colour,
    };
    let mut chart = chart.clone();
    chart
        .bands
        .push(band("5–95% of replications", |b| (b.p5, b.p95)));
    chart.bands.push(band(BAND_10_90, |b| (b.p10, b.p90)));
    ChartView {
        chart: Chart::Time(chart),
        ..view.clone()
    }
}

/// How well the live line (the deterministic engine) agrees with the replications on a banded
/// chart: the share of the days drawn on which the banded line lies inside the 10–90% band, read
/// to the nearest patient or bed (the band is of counts: when nine runs in ten sit at the same
/// number the band is that number, and a mean 0.3 away from it is inside). Read from the chart as
/// drawn, so it speaks of exactly the line and band on screen; `None` without a band.
pub fn inside_band(view: &ChartView) -> Option<f64> {
    let Chart::Time(chart) = &view.chart else {
        return None;
    };
    let line = chart
        .series
        .iter()
        .find(|s| Some(s.name.as_str()) == banded_line(view.id))?;
    let band = chart.bands.iter().find(|b| b.name == BAND_10_90)?;
    let mut points = line.points.iter().peekable();
    let (mut days, mut inside) = (0usize, 0usize);
    for &(x, lo, hi) in &band.points {
        while points.next_if(|p| p.0 < x).is_some() {}
        let Some(&&(px, y)) = points.peek() else {
            break;
        };
        if px == x {
            days += 1;
            inside += usize::from(y >= lo - 0.5 && y <= hi + 0.5);
        }
    }
    (days > 0).then(|| inside as f64 / days as f64)
}

/// An `Rc` compared by pointer: memo keys for large, immutable values (charts, bands).
#[derive(Clone, Debug)]
pub struct ByPtr<T>(pub Rc<T>);

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// One risk KPI: an estimate with its interval, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskKpi {
    /// Stable id ("winter-occupancy", "days-waiting", "dtoc-target", "home-deaths", "cost-change").
    pub id: &'static str,
    pub label: String,
    /// The estimate, formatted.
    pub value: String,
    /// Its interval, formatted ("95% CI 12–18%", "p5–p95 −£1.2m to +£0.4m").
    pub interval: String,
    /// How it is computed, in words (the card's help text).
    pub detail: String,
    /// The estimate and interval as numbers (lower, value, upper) for tests.
    pub numbers: (f64, f64, f64),
}

/// Wilson score interval of a proportion `k` of `n` at [`CONFIDENCE`].
pub fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let z = careflow_model::des::stats::normal_quantile(0.5 + CONFIDENCE / 2.0);
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

fn mean_interval(xs: &[f64]) -> (f64, f64, f64) {
    let s = Summary::of(xs);
    let m = s.mean();
    let h = if xs.len() > 1 {
        s.half_width(CONFIDENCE)
    } else {
        f64::NAN
    };
    (m - h, m, m + h)
}

fn pct(x: f64) -> String {
    if x.is_finite() {
        format::pct(x, 0)
    } else {
        "–".into()
    }
}

/// A cost change as the KPI cards write it: "+£1.2m", "−£300k", "£0" (never "+£0.0m").
fn money(x: f64) -> String {
    format::signed_money(x)
}

fn range<T: Copy>(lo: T, hi: T, f: impl Fn(T) -> String) -> String {
    format!("{} to {}", f(lo), f(hi))
}

/// The risk KPIs of year `year` (index; label `year_label`) from the scenario's replications and,
/// for the cost change, the `do-nothing` replications with the same seed (paired by replication
/// index, so most of the noise cancels). Empty without replications.
pub fn risk_kpis(
    runs: &[Rc<RepSummary>],
    reference: &[Rc<RepSummary>],
    year: usize,
    year_label: &str,
) -> Vec<RiskKpi> {
    let ys: Vec<&YearRisk> = runs.iter().filter_map(|r| r.years.get(year)).collect();
    let n = ys.len();
    if n == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();

    let winter: Vec<f64> = ys
        .iter()
        .map(|y| f64::from(y.winter_days_over_95) / f64::from(y.winter_days.max(1)))
        .collect();
    let (lo, m, hi) = mean_interval(&winter);
    out.push(RiskKpi {
        id: "winter-occupancy",
        label: format!("Chance a winter day in {year_label} has base beds over 95% full"),
        value: pct(m),
        interval: format!("95% CI {}", range(lo.max(0.0), hi.min(1.0), pct)),
        detail: format!(
            "Share of December–February days with occupied beds above {} of the open base beds (escalation beds in use count as occupied, not as beds), averaged over {n} replications.",
            format::pct(OCCUPANCY_ALERT, 0)
        ),
        numbers: (lo, m, hi),
    });

    let waits: Vec<f64> = ys.iter().map(|y| y.days_waiting_for_bed).collect();
    let (lo, m, hi) = mean_interval(&waits);
    let days = |x: f64| {
        if x.is_finite() {
            format::num(x.max(0.0), if x.abs() < 10.0 { 1 } else { 0 })
        } else {
            "–".into()
        }
    };
    out.push(RiskKpi {
        id: "days-waiting",
        label: format!("Days in {year_label} with an emergency waiting for a bed"),
        value: days(m),
        interval: format!("95% CI {}", range(lo, hi, days)),
        detail: format!(
            "Expected days on which at some moment an emergency waited in A&E for a bed; mean of {n} replications."
        ),
        numbers: (lo, m, hi),
    });

    let met = ys.iter().filter(|y| y.dtoc_share <= DTOC_TARGET).count();
    let (lo, hi) = wilson(met, n);
    let p = met as f64 / n as f64;
    out.push(RiskKpi {
        id: "dtoc-target",
        label: format!(
            "Chance delayed transfers meet the {} target in {year_label}",
            format::pct(DTOC_TARGET, 0)
        ),
        value: pct(p),
        interval: format!("95% CI {}", range(lo, hi, pct)),
        detail: format!(
            "{met} of {n} replications have delayed bed days at or below {} of occupied bed days.",
            format::pct(DTOC_TARGET, 0)
        ),
        numbers: (lo, p, hi),
    });

    let met = ys
        .iter()
        .filter(|y| y.home_or_care_home_death_share >= HOME_DEATHS_TARGET)
        .count();
    let (lo, hi) = wilson(met, n);
    let p = met as f64 / n as f64;
    out.push(RiskKpi {
        id: "home-deaths",
        label: format!(
            "Chance home or care-home deaths reach {} in {year_label}",
            format::pct(HOME_DEATHS_TARGET, 0)
        ),
        value: pct(p),
        interval: format!("95% CI {}", range(lo, hi, pct)),
        detail: format!(
            "{met} of {n} replications have at least {} of deaths at home or in a care home.",
            format::pct(HOME_DEATHS_TARGET, 0)
        ),
        numbers: (lo, p, hi),
    });

    let mut changes: Vec<f64> = runs
        .iter()
        .zip(reference)
        .filter_map(|(r, d)| {
            Some(r.years.get(year)?.commissioner_cost - d.years.get(year)?.commissioner_cost)
        })
        .collect();
    if changes.is_empty() {
        out.push(RiskKpi {
            id: "cost-change",
            label: format!("Commissioner cost change in {year_label}"),
            value: "…".into(),
            interval: "waiting for the do-nothing replications".into(),
            detail: "Paired with do-nothing replications of the same seed; they run after the scenario's.".into(),
            numbers: (f64::NAN, f64::NAN, f64::NAN),
        });
    } else {
        let k = changes.len();
        let b = Band::of(&mut changes);
        out.push(RiskKpi {
            id: "cost-change",
            label: format!("Commissioner cost change in {year_label}"),
            value: money(b.p50),
            interval: format!("p5–p95 {}", range(b.p5, b.p95, money)),
            detail: format!(
                "Against do nothing with the same random numbers, {k} paired replications; median and 5th–95th percentiles."
            ),
            numbers: (b.p5, b.p50, b.p95),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workers::replication::simulate;
    use careflow_model::Scenario;

    fn reps(sc: &Scenario, n: u32) -> Vec<Rc<RepSummary>> {
        (0..n).map(|r| Rc::new(simulate(sc, r).unwrap())).collect()
    }

    #[test]
    fn wilson_interval_is_inside_zero_one_and_contains_the_estimate() {
        for (k, n) in [(0, 10), (5, 10), (10, 10), (37, 100)] {
            let (lo, hi) = wilson(k, n);
            let p = k as f64 / n as f64;
            assert!(
                0.0 <= lo && lo <= p && p <= hi && hi <= 1.0,
                "{k}/{n}: {lo} {hi}"
            );
        }
        let (lo, hi) = wilson(50, 100);
        assert!((lo - 0.404).abs() < 0.002 && (hi - 0.596).abs() < 0.002);
    }

    #[test]
    fn bands_are_ordered_deterministic_and_drawn_on_beds_and_delays() {
        let sc = Scenario {
            years: 2,
            ..Default::default()
        };
        let runs = reps(&sc, 4);
        let b = daily_bands(&runs).unwrap();
        assert_eq!(b.occupied_beds.len(), runs[0].occupied_beds.len());
        for x in b.occupied_beds.iter().chain(&b.delayed_total) {
            assert!(x.p5 <= x.p10 && x.p10 <= x.p50 && x.p50 <= x.p90 && x.p90 <= x.p95);
        }
        assert!(
            b.occupied_beds.iter().any(|x| x.p95 > x.p5),
            "bands have width"
        );
        assert_eq!(
            bands_digest(&b),
            bands_digest(&daily_bands(&reps(&sc, 4)).unwrap())
        );
        assert!(daily_bands(&runs[..1]).is_none());
        // Grown one replication at a time, in any order, the columns give the bands of sorting
        // each day's values afresh.
        let reversed: Vec<_> = runs.iter().rev().cloned().collect();
        assert_eq!(daily_bands(&reversed).unwrap(), b);
        let smoothed: Vec<Vec<f64>> = runs
            .iter()
            .map(|r| {
                let v: Vec<f64> = r.occupied_beds.iter().map(|&x| f64::from(x)).collect();
                rolling_mean(&v, 7)
            })
            .collect();
        for (d, band) in b.occupied_beds.iter().enumerate() {
            let mut column: Vec<f64> = smoothed.iter().map(|s| s[d]).collect();
            assert_eq!(*band, Band::of(&mut column), "day {d}");
        }

        let r = careflow_model::run(&sc).unwrap();
        let span = careflow_charts::views::Span {
            first: 0,
            last: 1,
            kpi: 1,
        };
        for view in careflow_charts::views::charts(&r, &r, span) {
            let banded = with_bands(&view, &b);
            let Chart::Time(c) = &banded.chart else {
                assert_eq!(banded, view);
                continue;
            };
            if matches!(view.id, "beds" | "delays") {
                assert_eq!(c.bands.len(), 2, "{}", view.id);
                assert!(c.bands.iter().all(|band| band.points.len() > 700));
            } else {
                assert_eq!(banded, view);
            }
        }
    }

    #[test]
    fn inside_band_reads_the_banded_line_against_the_10_90_band_as_drawn() {
        let sc = Scenario {
            years: 1,
            ..Default::default()
        };
        let r = careflow_model::run(&sc).unwrap();
        let span = careflow_charts::views::Span {
            first: 0,
            last: 0,
            kpi: 0,
        };
        let views = careflow_charts::views::charts(&r, &r, span);
        // Bands around the live line's own 7-day means: every day inside; shifted by more than
        // half a patient: no day inside; by less: every day (counts are read to the nearest one).
        let band = |v: &[f64], shift: f64| -> Vec<Band> {
            rolling_mean(v, 7)
                .iter()
                .map(|&x| Band {
                    mean: x + shift,
                    p5: x + shift - 1.0,
                    p10: x + shift,
                    p50: x + shift,
                    p90: x + shift,
                    p95: x + shift + 1.0,
                })
                .collect()
        };
        let bands = |shift: f64| DailyBands {
            replications: 2,
            occupied_beds: band(&r.daily.occupied_beds, shift),
            delayed_total: band(&r.daily.delayed_total, shift),
        };
        for view in &views {
            assert_eq!(inside_band(view), None, "{}: no bands yet", view.id);
            let inside = |shift: f64| inside_band(&with_bands(view, &bands(shift)));
            if matches!(view.id, "beds" | "delays") {
                assert_eq!(inside(0.0), Some(1.0), "{}", view.id);
                assert_eq!(inside(0.4), Some(1.0), "{}", view.id);
                assert_eq!(inside(-0.6), Some(0.0), "{}", view.id);
            } else {
                assert_eq!(inside(0.0), None, "{}", view.id);
            }
        }
    }

    #[test]
    fn risk_kpis_have_intervals_and_the_baseline_costs_nothing_against_itself() {
        let sc = Scenario {
            years: 5,
            ..Default::default()
        };
        let runs = reps(&sc, 3);
        let k = risk_kpis(&runs, &runs, 4, "2012/13");
        let ids: Vec<_> = k.iter().map(|k| k.id).collect();
        assert_eq!(
            ids,
            [
                "winter-occupancy",
                "days-waiting",
                "dtoc-target",
                "home-deaths",
                "cost-change"
            ]
        );
        for kpi in &k {
            let (lo, m, hi) = kpi.numbers;
            assert!(lo <= m && m <= hi, "{kpi:?}");
            assert!(!kpi.interval.is_empty() && !kpi.value.contains("NaN"));
        }
        assert_eq!(k[4].numbers, (0.0, 0.0, 0.0));
        // No change reads as £0, as the cost cards write it, never "+£0.0m".
        assert_eq!(k[4].value, "£0");
        assert_eq!(k[4].interval, "p5–p95 £0 to £0");
        assert!(k[0].label.contains("base beds"), "{}", k[0].label);
        let waiting = risk_kpis(&runs, &[], 4, "2012/13");
        assert_eq!(waiting[4].value, "…");
        assert!(risk_kpis(&[], &[], 0, "2008/09").is_empty());
    }
}
