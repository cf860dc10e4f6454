//! "What it takes": the goal seek. Given a target on a yearly KPI (or on the chance of a winter
//! day over 95% full) and one registered lever, finds the lever value that just meets the target
//! by bisection on the SD engine, snapped to the lever's step; then confirms it with DES
//! replications, reporting the share of replications that meet the target with its Monte Carlo
//! error. Or says the target cannot be met within the lever's range, with the best value reached
//! at either end. Every answer carries the share link that reproduces it.
//!
//! Generic by construction: a KPI is any numeric field of [`YearKpis`] by its JSON key (so KPIs
//! added to `YearKpis` are seekable without new code), and a lever is any registered [`LeverId`]
//! that is a quantity (not an on/off switch or a profile code).
//!
//! The search, on the lever's grid `min + k × step` (k = 0 … K) within the search range:
//! 1. a coarse scan of evenly spaced grid points (21 by default) checks whether the KPI is
//!    monotone in the lever over the range;
//! 2. the first adjacent pair of scan points, from the low end, where the target changes from met
//!    to not met (or back) brackets the first crossing;
//! 3. bisection on the grid index inside that bracket ends with two neighbouring grid points, one
//!    meeting the target and one not: the answer is the one that meets it, and the other (one step
//!    away, in the direction that loosens the lever) is reported as not meeting it.
//!
//! Pure Rust: tested natively; the app runs the SD search on the main thread and the CLI adds the
//! DES confirmation (`careflow seek`).

use serde::{Deserialize, Serialize};

use crate::calendar::days;
use crate::error::ModelError;
use crate::params::{spec, LeverId, ParamSpec};
use crate::results::{Results, YearKpis};
use crate::scenario::{Scenario, ValidationIssue};

/// The key of the winter-crisis measure: the chance that a winter day (1 December to 31 March of
/// the financial year) has more than 95% of the open base beds occupied [share]. The SD engine
/// gives each day's probability of being over 95% (`Daily::over_95`), so its value is the
/// expected share of winter days over 95%; in one DES replication it is the share of winter days
/// that were.
pub const WINTER_OVER_95: &str = "winter_days_over_95_share";

/// Coarse scan points by default.
pub const DEFAULT_SCAN_POINTS: usize = 21;

/// ≤ or ≥.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// The KPI must be at most the value (≤).
    AtMost,
    /// The KPI must be at least the value (≥).
    AtLeast,
}

impl Comparison {
    /// "<=" or ">=".
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtMost => "<=",
            Comparison::AtLeast => ">=",
        }
    }
    /// "at most" or "at least".
    pub fn words(self) -> &'static str {
        match self {
            Comparison::AtMost => "at most",
            Comparison::AtLeast => "at least",
        }
    }
    /// Whether `x` meets `value` (a non-finite `x` never does).
    pub fn holds(self, x: f64, value: f64) -> bool {
        x.is_finite()
            && match self {
                Comparison::AtMost => x <= value,
                Comparison::AtLeast => x >= value,
            }
    }
}

/// A target: a yearly KPI by key, in one financial year, ≤ or ≥ a value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// A key of [`YearKpis`] ("dtoc_share", "deaths", …) or [`WINTER_OVER_95`].
    pub kpi: String,
    /// Financial-year label, e.g. "2012/13".
    pub year: String,
    pub comparison: Comparison,
    /// In the KPI's own unit (a share as 0.02, money in £) [the KPI's unit].
    pub value: f64,
}

impl Target {
    /// Whether the KPI value `x` meets the target.
    pub fn met_by(&self, x: f64) -> bool {
        self.comparison.holds(x, self.value)
    }

    /// "dtoc_share in 2012/13 <= 0.02".
    pub fn text(&self) -> String {
        format!(
            "{} in {} {} {}",
            self.kpi,
            self.year,
            self.comparison.symbol(),
            self.value
        )
    }
}

/// What to seek: the target, the lever and how to search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub target: Target,
    /// A registered lever's path, e.g. "discharge.care_packages.added_per_week".
    pub lever: String,
    /// The range to search [the lever's unit]; `None` searches the lever's whole registry range.
    #[serde(default)]
    pub range: Option<(f64, f64)>,
    /// Coarse scan points (3 to 201).
    #[serde(default = "default_scan")]
    pub scan_points: usize,
}

fn default_scan() -> usize {
    DEFAULT_SCAN_POINTS
}

impl Request {
    /// A request searching the lever's whole registry range with the default scan.
    pub fn new(target: Target, lever: &str) -> Request {
        Request {
            target,
            lever: lever.into(),
            range: None,
            scan_points: DEFAULT_SCAN_POINTS,
        }
    }
}

/// One SD evaluation: the lever value, the KPI there and whether it meets the target.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// [the lever's unit]
    pub lever: f64,
    /// [the KPI's unit]
    pub kpi: f64,
    pub meets: bool,
}

/// How the KPI moves over the coarse scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// Never falls as the lever rises.
    Rising,
    /// Never rises as the lever rises.
    Falling,
    /// The same at every scan point.
    Flat,
    /// Rises somewhere and falls somewhere (or is not a number somewhere).
    NotMonotone,
}

/// The outcome of the SD search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A lever value meets the target and the next grid value (loosening) does not.
    Met,
    /// Every scan point meets the target: the answer is the end of the range nearest to failing.
    MetEverywhere,
    /// No scan point meets the target (for a monotone KPI: no value in the range does).
    Unreachable,
}

/// The DES confirmation at the answer.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Confirmation {
    pub replications: u32,
    /// The seed of the replications (the scenario's).
    pub seed: u64,
    /// Replications whose KPI met the target.
    pub met: u32,
    /// met ÷ replications: the chance the target holds [share].
    pub chance: f64,
    /// Monte Carlo standard error of the chance, √(p(1−p)/n) [share].
    pub std_error: f64,
    /// Wilson 95% interval of the chance [share].
    pub interval: (f64, f64),
    /// Mean and 5th/95th percentiles of the KPI across replications [the KPI's unit].
    pub kpi_mean: f64,
    pub kpi_p5: f64,
    pub kpi_p95: f64,
}

/// The answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub target: Target,
    pub lever: String,
    pub lever_label: String,
    /// The lever's machine unit ("beds", "share", …).
    pub unit: String,
    pub step: f64,
    /// The range searched [the lever's unit].
    pub range: (f64, f64),
    /// The lever in the scenario as given, and the KPI there.
    pub start: Point,
    /// The coarse scan, low to high.
    pub scan: Vec<Point>,
    pub shape: Shape,
    /// The largest move of the KPI between neighbouring scan points against the scan's main
    /// direction [the KPI's unit] (0 for a strictly monotone scan).
    pub wiggle: f64,
    /// When unreachable: the scan point nearest the worst end whose KPI is already within 2% of
    /// the scan's span of the best end (where the KPI levels off), if that is not the best end.
    pub levels_off: Option<Point>,
    /// Times the scan changes between meeting and not meeting the target.
    pub crossings: usize,
    pub outcome: Outcome,
    /// The lever value that just meets the target (`None` when unreachable).
    pub answer: Option<Point>,
    /// One lever step from the answer in the direction that loosens, which does not meet the
    /// target (`None` unless the outcome is `Met`).
    pub loosened: Option<Point>,
    /// The KPI at the low and high end of the range.
    pub ends: (Point, Point),
    /// The end whose KPI comes nearest the target (what "best reached" means when unreachable).
    pub best: Point,
    /// SD runs made.
    pub sd_runs: usize,
    /// The share link (URL fragment) of the scenario with the lever at the answer (at the best end
    /// when unreachable).
    pub link: String,
    /// The DES confirmation, when asked for.
    pub confirmation: Option<Confirmation>,
    /// The answer in plain words.
    pub summary: String,
}

fn issue(path: &str, value: impl ToString, allowed: String, message: String) -> ModelError {
    ModelError::Invalid(vec![ValidationIssue {
        path: path.into(),
        value: value.to_string(),
        allowed,
        message,
    }])
}

/// The numeric KPI keys of one year's figures, in `YearKpis` order, with [`WINTER_OVER_95`] last
/// (`year` and `days` are not KPIs).
pub fn kpi_keys(y: &YearKpis) -> Vec<String> {
    let mut keys: Vec<String> = match serde_json::to_value(y) {
        Ok(serde_json::Value::Object(m)) => m
            .into_iter()
            .filter(|(k, v)| v.is_number() && k != "days")
            .map(|(k, _)| k)
            .collect(),
        _ => Vec::new(),
    };
    keys.push(WINTER_OVER_95.into());
    keys
}

/// The KPI keys any run has (from a one-year baseline SD run, made once).
pub fn available_kpis() -> Vec<String> {
    use std::sync::OnceLock;
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let s = Scenario {
            years: 1,
            ..Scenario::default()
        };
        crate::sd::run(&s)
            .ok()
            .and_then(|r| r.yearly.first().map(kpi_keys))
            .unwrap_or_default()
    })
    .clone()
}

/// A KPI's label in words: the sensitivity view's label for its four KPIs, the winter measure's
/// and the A&E standard's own, else the key in words ("mean_occupied_beds" → "Mean occupied beds").
pub fn kpi_label(key: &str) -> String {
    match key {
        WINTER_OVER_95 => return "Chance of a winter day over 95% full (December to March)".into(),
        "ae_within_standard" => return "A&E attendances within four hours".into(),
        "ae_conversion" => return "A&E attendances admitted (through A&E)".into(),
        "ae_admitted_over_standard" => return "Admissions through A&E over four hours".into(),
        _ => {}
    }
    if let Some(k) = crate::sensitivity::Kpi::ALL
        .into_iter()
        .find(|k| k.key() == key)
    {
        return k.label().into();
    }
    let words = key.replace('_', " ");
    let mut c = words.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The chance of a winter day over 95% full in the financial year labelled `year`: the mean of
/// the daily over-95% record over 1 December to 31 March [share]; `None` for a year not in the run.
pub fn winter_over_95(r: &Results, year: &str) -> Option<f64> {
    let index = r.yearly.iter().position(|y| y.year == year)?;
    let ds = days(r.start_year, r.yearly.len() as u32);
    let (mut n, mut sum) = (0usize, 0.0);
    for (d, x) in ds.iter().zip(&r.daily.over_95) {
        if d.year_index as usize == index && matches!(d.month, 12 | 1 | 2 | 3) {
            n += 1;
            sum += x;
        }
    }
    (n > 0).then(|| sum / n as f64)
}

/// The KPI `key` in the financial year labelled `year`; `None` when either is unknown.
pub fn kpi_value(r: &Results, key: &str, year: &str) -> Option<f64> {
    if key == WINTER_OVER_95 {
        return winter_over_95(r, year);
    }
    let y = r.year(year)?;
    match serde_json::to_value(y).ok()?.get(key)? {
        serde_json::Value::Number(n) if key != "days" => n.as_f64(),
        _ => None,
    }
}

/// How a KPI reads, judged from its key: a share (shown in %), money (£) or a count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KpiKind {
    Share,
    Money,
    Count,
}

/// The kind of a KPI by its key: "days_…" are counts; keys with "share", "occupancy",
/// "utilisation", "within_standard" or "conversion" are shares; keys with "cost", "margin", "investment", "savings", "budget",
/// "income" or "spend" are money; the rest are counts.
pub fn kpi_kind(key: &str) -> KpiKind {
    if key.starts_with("days_") {
        KpiKind::Count
    } else if [
        "share",
        "occupancy",
        "utilisation",
        "within_standard",
        "conversion",
    ]
    .iter()
    .any(|w| key.contains(w))
    {
        KpiKind::Share
    } else if [
        "cost",
        "margin",
        "investment",
        "savings",
        "budget",
        "income",
        "spend",
    ]
    .iter()
    .any(|w| key.contains(w))
    {
        KpiKind::Money
    } else {
        KpiKind::Count
    }
}

/// A KPI value in words: "2.04%", "£1.23m", "3,740".
pub fn kpi_words(key: &str, x: f64) -> String {
    if !x.is_finite() {
        return "not a number".into();
    }
    match kpi_kind(key) {
        KpiKind::Share => format!("{:.2}%", x * 100.0),
        KpiKind::Money if x.abs() >= 1e6 => format!("£{:.2}m", x / 1e6),
        KpiKind::Money => format!("£{}", group(x.round())),
        KpiKind::Count if x.abs() >= 100.0 => group(x.round()),
        KpiKind::Count => format!("{x:.2}"),
    }
}

/// A lever value in words, the way the app shows its unit ("45%", "1,450 beds", "£250 a day").
pub fn lever_words(p: &ParamSpec, x: f64) -> String {
    let sh = p.unit.shown();
    let shown = x * sh.scale;
    let decimals = decimals_of(p.step * sh.scale);
    let num = if decimals == 0 {
        group(shown.round())
    } else {
        format!("{shown:.decimals$}")
    };
    format!("{}{}{}", sh.prefix, num, sh.suffix)
}

fn group(x: f64) -> String {
    let neg = x < 0.0;
    let digits = format!("{}", x.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if neg {
        format!("\u{2212}{out}")
    } else {
        out
    }
}

/// Decimal places a step needs (0.05 → 2, 1 → 0, 0.25 → 2).
fn decimals_of(step: f64) -> usize {
    (0..=8)
        .find(|&d| {
            let scaled = step * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() < 1e-9 * scaled.abs().max(1.0)
        })
        .unwrap_or(8)
}

/// The lever's grid: value `k` is `lo + k × step`, rounded to the step's decimals, `k` = 0 … `n`.
struct Grid {
    lo: f64,
    step: f64,
    n: usize,
    decimals: usize,
}

impl Grid {
    fn value(&self, k: usize) -> f64 {
        let v = self.lo + k as f64 * self.step;
        let f = 10f64.powi(self.decimals as i32);
        (v * f).round() / f
    }
}

/// Checks the request against the scenario and the registry; every refusal names the field and
/// what is allowed.
fn check(s: &Scenario, req: &Request) -> Result<(LeverId, ParamSpec, Grid), ModelError> {
    let Some(id) = LeverId::from_path(&req.lever) else {
        return Err(issue(
            "lever",
            &req.lever,
            "a registered lever path (careflow params lists them)".into(),
            format!("'{}' is not a registered lever", req.lever),
        ));
    };
    let p = spec(id);
    if p.unit.is_code() {
        return Err(issue(
            "lever",
            &req.lever,
            "a lever that is a quantity, not an on/off switch or a code".into(),
            format!("{} is a switch or a code, not a quantity to seek", p.label),
        ));
    }
    let years: Vec<String> = (0..s.years).map(|i| s.year_label(i)).collect();
    if !years.contains(&req.target.year) {
        return Err(issue(
            "target.year",
            &req.target.year,
            format!(
                "{} to {}",
                years.first().cloned().unwrap_or_default(),
                years.last().cloned().unwrap_or_default()
            ),
            format!(
                "the year must be one the scenario runs, from {} to {}",
                years.first().cloned().unwrap_or_default(),
                years.last().cloned().unwrap_or_default()
            ),
        ));
    }
    if !req.target.value.is_finite() {
        return Err(issue(
            "target.value",
            req.target.value,
            "a finite number in the KPI's unit".into(),
            "the target value must be a number".into(),
        ));
    }
    if !(3..=201).contains(&req.scan_points) {
        return Err(issue(
            "scan_points",
            req.scan_points,
            "3 to 201".into(),
            "the coarse scan takes from 3 to 201 points".into(),
        ));
    }
    let (lo, hi) = req.range.unwrap_or((p.min, p.max));
    let within = |x: f64| x.is_finite() && x >= p.min && x <= p.max;
    if !within(lo) || !within(hi) || !(lo < hi) {
        return Err(issue(
            "range",
            format!("{lo} to {hi}"),
            format!(
                "a low below a high, both {}",
                crate::params::range_words(&p)
            ),
            format!(
                "the search range of {} must lie {}, low below high",
                p.label,
                crate::params::range_words(&p)
            ),
        ));
    }
    let decimals = decimals_of(p.step);
    let n = (((hi - lo) / p.step) + 1e-9).floor() as usize;
    if n == 0 {
        return Err(issue(
            "range",
            format!("{lo} to {hi}"),
            format!("at least one step of {} {}", p.step, p.unit),
            "the search range is narrower than one step of the lever".into(),
        ));
    }
    Ok((
        id,
        p,
        Grid {
            lo,
            step: p.step,
            n,
            decimals,
        },
    ))
}

/// The part of `grid` where the scenario with the lever moved is valid. A lever's own range can
/// reach values the rest of the scenario forbids (a bed base smaller than the wards it closes);
/// the search then runs over the valid span around the scenario's own value, whose ends are
/// found by bisection (validity is taken to be an interval of the lever). Invalid even at the
/// scenario's own value: the first problem, named.
fn valid_span(s: &Scenario, id: LeverId, grid: Grid) -> Result<Grid, ModelError> {
    let problems = |k: usize| -> Option<ModelError> {
        let mut sc = s.clone();
        match sc.set_lever(id, grid.value(k)) {
            Err(i) => Some(ModelError::Invalid(vec![i])),
            Ok(()) => sc.validate().err().map(ModelError::Invalid),
        }
    };
    if problems(0).is_none() && problems(grid.n).is_none() {
        return Ok(grid);
    }
    let own = ((s.lever(id) - grid.lo) / grid.step).round();
    let k0 = (own.max(0.0) as usize).min(grid.n);
    if let Some(e) = problems(k0) {
        return Err(e);
    }
    // The valid k furthest from k0 towards `end`: the end itself if valid, else by bisection
    // between a valid and an invalid k.
    let furthest = |end: usize| {
        if problems(end).is_none() {
            return end;
        }
        let (mut good, mut bad) = (k0, end);
        while good.abs_diff(bad) > 1 {
            let mid = good.min(bad) + good.abs_diff(bad) / 2;
            if problems(mid).is_none() {
                good = mid;
            } else {
                bad = mid;
            }
        }
        good
    };
    let (low, high) = (furthest(0), furthest(grid.n));
    if high <= low {
        return problems(if low == 0 { grid.n } else { 0 }).map_or(Ok(grid), Err);
    }
    Ok(Grid {
        lo: grid.value(low),
        step: grid.step,
        n: high - low,
        decimals: grid.decimals,
    })
}

/// The SD search (no DES confirmation); see the module documentation. `preset` is the preset the
/// scenario started from, for the link.
pub fn seek_sd(s: &Scenario, preset: Option<&str>, req: &Request) -> Result<Answer, ModelError> {
    s.validate().map_err(ModelError::Invalid)?;
    let (id, p, grid) = check(s, req)?;
    let grid = valid_span(s, id, grid)?;
    let t = &req.target;
    let base = crate::sd::run(s)?;
    let Some(start_kpi) = kpi_value(&base, &t.kpi, &t.year) else {
        let keys = base.yearly.first().map(kpi_keys).unwrap_or_default();
        return Err(issue(
            "target.kpi",
            &t.kpi,
            keys.join(", "),
            format!("'{}' is not a yearly KPI", t.kpi),
        ));
    };
    let start = Point {
        lever: s.lever(id),
        kpi: start_kpi,
        meets: t.met_by(start_kpi),
    };
    let mut runs = 1usize;
    let mut cache: std::collections::BTreeMap<usize, f64> = Default::default();
    let mut eval = |k: usize| -> Result<Point, ModelError> {
        let v = grid.value(k);
        let kpi = match cache.get(&k) {
            Some(&x) => x,
            None => {
                let mut sc = s.clone();
                sc.set_lever(id, v)
                    .map_err(|i| ModelError::Invalid(vec![i]))?;
                let r = crate::sd::run(&sc)?;
                runs += 1;
                let x = kpi_value(&r, &t.kpi, &t.year).unwrap_or(f64::NAN);
                cache.insert(k, x);
                x
            }
        };
        Ok(Point {
            lever: v,
            kpi,
            meets: t.met_by(kpi),
        })
    };

    // 1. The coarse scan.
    let m = req.scan_points.min(grid.n + 1);
    let mut ks: Vec<usize> = (0..m)
        .map(|i| ((i as f64) * grid.n as f64 / (m - 1) as f64).round() as usize)
        .collect();
    ks.dedup();
    let mut scan = Vec::with_capacity(ks.len());
    for &k in &ks {
        scan.push(eval(k)?);
    }
    let (shape, wiggle) = shape_of(&scan);
    let crossings = scan.windows(2).filter(|w| w[0].meets != w[1].meets).count();
    let ends = (scan[0], scan[scan.len() - 1]);
    let gap = |q: &Point| {
        if q.kpi.is_finite() {
            (q.kpi - t.value).abs()
        } else {
            f64::INFINITY
        }
    };
    let nearest_fail = |a: Point, b: Point| {
        // Of two meeting ends, the one closer to the target (the least the lever need do).
        if gap(&a) <= gap(&b) {
            a
        } else {
            b
        }
    };
    let best = match (ends.0.meets, ends.1.meets) {
        (true, false) => ends.0,
        (false, true) => ends.1,
        _ => {
            // Both or neither meet: the end nearer the target, measured in the target's direction.
            let score = |q: &Point| match t.comparison {
                Comparison::AtMost => q.kpi,
                Comparison::AtLeast => -q.kpi,
            };
            if ends.0.meets {
                nearest_fail(ends.0, ends.1)
            } else if score(&ends.0).total_cmp(&score(&ends.1)).is_le() {
                ends.0
            } else {
                ends.1
            }
        }
    };

    // 2–3. Bracket the first crossing from the low end, then bisect on the grid.
    let (outcome, answer, loosened) = match scan.windows(2).position(|w| w[0].meets != w[1].meets) {
        None if scan.iter().all(|q| q.meets) => (Outcome::MetEverywhere, Some(best), None),
        None => (Outcome::Unreachable, None, None),
        Some(i) => {
            let (mut a, mut b) = (ks[i], ks[i + 1]);
            let a_meets = scan[i].meets;
            while b - a > 1 {
                let mid = a + (b - a) / 2;
                if eval(mid)?.meets == a_meets {
                    a = mid;
                } else {
                    b = mid;
                }
            }
            let (pa, pb) = (eval(a)?, eval(b)?);
            if a_meets {
                (Outcome::Met, Some(pa), Some(pb))
            } else {
                (Outcome::Met, Some(pb), Some(pa))
            }
        }
    };
    let levels_off = (outcome == Outcome::Unreachable)
        .then(|| {
            let span = ends.0.kpi.max(ends.1.kpi) - ends.0.kpi.min(ends.1.kpi);
            let near = |q: &&Point| (q.kpi - best.kpi).abs() <= 0.02 * span;
            if best == ends.1 {
                scan.iter().find(near).copied()
            } else {
                scan.iter().rev().find(near).copied()
            }
        })
        .flatten()
        .filter(|q| *q != best);
    let at = answer.unwrap_or(best);
    let mut linked = s.clone();
    linked
        .set_lever(id, at.lever)
        .map_err(|i| ModelError::Invalid(vec![i]))?;
    let link = crate::share::encode_link(&linked, preset);
    let mut ans = Answer {
        target: t.clone(),
        lever: p.path.into(),
        lever_label: p.label.into(),
        unit: p.unit.machine().into(),
        step: p.step,
        range: (grid.value(0), grid.value(grid.n)),
        start,
        scan,
        shape,
        wiggle,
        levels_off,
        crossings,
        outcome,
        answer,
        loosened,
        ends,
        best,
        sd_runs: runs,
        link,
        confirmation: None,
        summary: String::new(),
    };
    ans.summary = summary(&ans, &p);
    Ok(ans)
}

/// The shape of the scan and the largest step against its main direction [the KPI's unit]. Moves
/// against the direction of at most 1% of the scan's span (the SD engine's fluid queues wiggle by
/// a few parts in 100,000 where a capacity stops binding) do not make it non-monotone.
fn shape_of(scan: &[Point]) -> (Shape, f64) {
    if scan.iter().any(|q| !q.kpi.is_finite()) {
        return (Shape::NotMonotone, f64::NAN);
    }
    let max = scan.iter().map(|q| q.kpi).fold(f64::NEG_INFINITY, f64::max);
    let min = scan.iter().map(|q| q.kpi).fold(f64::INFINITY, f64::min);
    let scale = max.abs().max(min.abs());
    let d: Vec<f64> = scan.windows(2).map(|w| w[1].kpi - w[0].kpi).collect();
    let flat_tol = 1e-9 * scale + 1e-12;
    if max - min <= flat_tol {
        return (Shape::Flat, 0.0);
    }
    let tol = 0.01 * (max - min) + flat_tol;
    let against_rise = d.iter().map(|&x| -x).fold(0.0, f64::max);
    let against_fall = d.iter().copied().fold(0.0, f64::max);
    let rising = d.iter().sum::<f64>() >= 0.0;
    let wiggle = if rising { against_rise } else { against_fall };
    match (rising, wiggle <= tol) {
        (true, true) => (Shape::Rising, wiggle),
        (false, true) => (Shape::Falling, wiggle),
        _ => (Shape::NotMonotone, wiggle),
    }
}

/// The answer in plain words.
fn summary(a: &Answer, p: &ParamSpec) -> String {
    let t = &a.target;
    // A value that rounds to the target is written with more places, so "meets" and "does not"
    // never read the same number.
    let k = |x: f64| {
        let w = kpi_words(&t.kpi, x);
        if w == kpi_words(&t.kpi, t.value) && x != t.value && x.is_finite() {
            match kpi_kind(&t.kpi) {
                KpiKind::Share => format!("{:.4}%", x * 100.0),
                _ => format!("{x:.4}"),
            }
        } else {
            w
        }
    };
    let l = |x: f64| lever_words(p, x);
    let want = format!(
        "{} in {} {} {}",
        kpi_label(&t.kpi),
        t.year,
        t.comparison.words(),
        k(t.value)
    );
    let shape = match a.shape {
        Shape::NotMonotone => format!(
            " The KPI is not monotone in this lever over the range (it changes between meeting and not meeting the target {} times over the {} scan points); this is the first crossing from the low end.",
            a.crossings,
            a.scan.len()
        ),
        _ => String::new(),
    };
    match (a.outcome, a.answer) {
        (Outcome::Met, Some(ans)) => {
            let loose = a
                .loosened
                .map(|q| {
                    format!(
                        " One step looser, at {}, it is {}, which does not.",
                        l(q.lever),
                        k(q.kpi)
                    )
                })
                .unwrap_or_default();
            format!(
                "{want}: {} at {} gives {}, which meets it.{loose} The scenario has {} ({}).{shape}",
                p.label,
                l(ans.lever),
                k(ans.kpi),
                l(a.start.lever),
                k(a.start.kpi)
            )
        }
        (Outcome::MetEverywhere, Some(ans)) => format!(
            "{want}: met across the whole range of {} ({} to {}); the least demanding end, {}, gives {}.",
            p.label,
            l(a.range.0),
            l(a.range.1),
            l(ans.lever),
            k(ans.kpi)
        ),
        _ => {
            let why = match a.shape {
                Shape::NotMonotone => format!(
                    " The KPI is not monotone in this lever, so a narrow dip between the {} scan points could be missed.",
                    a.scan.len()
                ),
                Shape::Flat => " The KPI does not move with this lever.".into(),
                _ => " The KPI is monotone in this lever, so no value in the range meets it.".into(),
            };
            let level = a
                .levels_off
                .map(|q| format!(" It levels off: {} already at {}.", k(q.kpi), l(q.lever)))
                .unwrap_or_default();
            format!(
                "{want}: cannot be met by {} within {} to {}. The best reached is {} at {} ({} at {}).{why}{level}",
                p.label,
                l(a.range.0),
                l(a.range.1),
                k(a.best.kpi),
                l(a.best.lever),
                k(if a.best == a.ends.0 { a.ends.1.kpi } else { a.ends.0.kpi }),
                l(if a.best == a.ends.0 { a.ends.1.lever } else { a.ends.0.lever }),
            )
        }
    }
}

/// The Wilson 95% interval of `k` successes in `n` trials.
pub fn wilson(k: u32, n: u32) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (k, n) = (f64::from(k), f64::from(n));
    let z = 1.959_963_984_540_054;
    let p = k / n;
    let den = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / den;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / den;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// The confirmation from the target's KPI in each replication (a pure summary, shared by the
/// CLI and the app's workers).
pub fn confirmation_of(t: &Target, seed: u64, kpis: &[f64]) -> Confirmation {
    let n = kpis.len() as u32;
    let met = kpis.iter().filter(|&&x| t.met_by(x)).count() as u32;
    let chance = if n > 0 {
        f64::from(met) / f64::from(n)
    } else {
        f64::NAN
    };
    let std_error = if n > 0 {
        (chance * (1.0 - chance) / f64::from(n)).sqrt()
    } else {
        f64::NAN
    };
    let mut sorted: Vec<f64> = kpis.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mean = if n > 0 {
        sorted.iter().sum::<f64>() / f64::from(n)
    } else {
        f64::NAN
    };
    let pct = |q: f64| {
        if sorted.is_empty() {
            f64::NAN
        } else {
            crate::des::stats::percentile_sorted(&sorted, q)
        }
    };
    Confirmation {
        replications: n,
        seed,
        met,
        chance,
        std_error,
        interval: wilson(met, n),
        kpi_mean: mean,
        kpi_p5: pct(0.05),
        kpi_p95: pct(0.95),
    }
}

/// DES replications 0 … n−1 of `s` with the lever at `value`: the share that meet the target.
/// `on_progress(done, n)` is called after each.
pub fn confirm(
    s: &Scenario,
    lever: LeverId,
    value: f64,
    t: &Target,
    n: u32,
    on_progress: &mut dyn FnMut(u32, u32),
) -> Result<Confirmation, ModelError> {
    let mut sc = s.clone();
    sc.set_lever(lever, value)
        .map_err(|i| ModelError::Invalid(vec![i]))?;
    sc.validate().map_err(ModelError::Invalid)?;
    let mut kpis = Vec::with_capacity(n as usize);
    for r in 0..n {
        let run = crate::des::run(&sc, r)?;
        kpis.push(kpi_value(&run.results, &t.kpi, &t.year).unwrap_or(f64::NAN));
        on_progress(r + 1, n);
    }
    Ok(confirmation_of(t, sc.seed, &kpis))
}

/// The SD search, then (when `replications` > 0 and a value meets the target) the DES
/// confirmation at the answer; the summary gains the chance in words.
pub fn seek(
    s: &Scenario,
    preset: Option<&str>,
    req: &Request,
    replications: u32,
    on_progress: &mut dyn FnMut(u32, u32),
) -> Result<Answer, ModelError> {
    let mut a = seek_sd(s, preset, req)?;
    if replications > 0 {
        if let (Some(ans), Some(id)) = (a.answer, LeverId::from_path(&a.lever)) {
            let c = confirm(s, id, ans.lever, &a.target, replications, on_progress)?;
            a.summary += &format!(" {}", chance_words(&c));
            a.confirmation = Some(c);
        }
    }
    Ok(a)
}

/// "In 20 DES replications the target holds in 13 (65% ± 11%, 95% interval 43% to 82%)."
pub fn chance_words(c: &Confirmation) -> String {
    format!(
        "In {} DES replications the target holds in {} (chance {:.0}% ± {:.0}% standard error; 95% interval {:.0}% to {:.0}%).",
        c.replications,
        c.met,
        c.chance * 100.0,
        c.std_error * 100.0,
        c.interval.0 * 100.0,
        c.interval.1 * 100.0
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(kpi: &str, year: &str, comparison: Comparison, value: f64) -> Target {
        Target {
            kpi: kpi.into(),
            year: year.into(),
            comparison,
            value,
        }
    }

    #[test]
    fn deaths_against_the_crude_death_rate_match_the_hand_calculation() {
        // Deaths are the crude rate × the population: 8.5 per 1,000 of 440,000 ≈ 3,740 in
        // 2008/09 (the population path is centred on the year, so its mean is 440,000 to within
        // a few people). Deaths ≤ 3,500 needs a rate ≤ 3,500 / 440 = 7.95 per 1,000, which on the
        // lever's 0.1 grid is 7.9 (8.0 gives ≈ 3,520).
        let s = Scenario::default();
        assert_eq!(s.population.population, 440_000.0);
        let t = target("deaths", "2008/09", Comparison::AtMost, 3_500.0);
        let a = seek_sd(
            &s,
            None,
            &Request::new(t.clone(), "end_of_life.crude_death_rate"),
        )
        .unwrap();
        assert_eq!(a.outcome, Outcome::Met);
        assert_eq!(a.shape, Shape::Rising);
        let ans = a.answer.unwrap();
        assert!((ans.lever - 7.9).abs() < 1e-12, "{ans:?}");
        assert!((ans.kpi - 7.9 * 440.0).abs() < 5.0, "{ans:?}");
        let loose = a.loosened.unwrap();
        assert!((loose.lever - 8.0).abs() < 1e-12);
        assert!(!loose.meets && loose.kpi > 3_500.0);
        // A ≥ target the other way: deaths ≥ 4,020 needs ≥ 4,020 / 440 = 9.14 → 9.2 (9.1 gives
        // ≈ 4,004, 9.2 ≈ 4,048: the target sits between grid points, clear of both).
        let t = target("deaths", "2008/09", Comparison::AtLeast, 4_020.0);
        let a = seek_sd(&s, None, &Request::new(t, "end_of_life.crude_death_rate")).unwrap();
        assert!((a.answer.unwrap().lever - 9.2).abs() < 1e-12, "{a:?}");
        assert!((a.loosened.unwrap().lever - 9.1).abs() < 1e-12);
    }

    #[test]
    fn the_answer_meets_the_target_and_one_step_looser_does_not() {
        let s = crate::presets::strategic_plan();
        let t = target("dtoc_share", "2012/13", Comparison::AtMost, 0.022);
        let a = seek_sd(
            &s,
            Some("strategic-plan"),
            &Request::new(t.clone(), "discharge.discharge_to_assess.share"),
        )
        .unwrap();
        assert_eq!(a.outcome, Outcome::Met, "{}", a.summary);
        let ans = a.answer.unwrap();
        let loose = a.loosened.unwrap();
        assert!((ans.lever - loose.lever).abs() - 0.05 < 1e-9);
        // Independently of the search: rerun both values from the link and by hand.
        let run_at = |v: f64| {
            let mut sc = s.clone();
            sc.set_lever(LeverId::DischargeDischargeToAssessShare, v)
                .unwrap();
            kpi_value(&crate::sd::run(&sc).unwrap(), "dtoc_share", "2012/13").unwrap()
        };
        assert!(run_at(ans.lever) <= 0.022);
        assert!(run_at(loose.lever) > 0.022);
        let opened = crate::share::decode_link(&a.link);
        assert!(opened.problems.is_empty(), "{:?}", opened.problems);
        assert_eq!(
            opened
                .scenario
                .lever(LeverId::DischargeDischargeToAssessShare),
            ans.lever
        );
        assert_eq!(
            kpi_value(
                &crate::sd::run(&opened.scenario).unwrap(),
                "dtoc_share",
                "2012/13"
            ),
            Some(ans.kpi)
        );
    }

    #[test]
    fn a_lever_range_reaching_invalid_scenarios_is_searched_where_the_scenario_is_valid() {
        // The plan turns two wards into step-down beds, so a bed base below two wards is refused
        // by the scenario; the bed base's own range starts at 0.
        let s = crate::presets::strategic_plan();
        let t = target(
            "winter_days_over_95_share",
            "2012/13",
            Comparison::AtMost,
            0.10,
        );
        let whole = seek_sd(&s, None, &Request::new(t.clone(), "beds.base")).unwrap();
        let mut low_bad = s.clone();
        low_bad
            .set_lever(LeverId::BedsBase, whole.range.0 - whole.step)
            .unwrap();
        assert!(low_bad.validate().is_err(), "{:?}", whole.range);
        let mut low_ok = s.clone();
        low_ok.set_lever(LeverId::BedsBase, whole.range.0).unwrap();
        assert!(low_ok.validate().is_ok());
        // The same answer as a search over a range that is valid throughout.
        let mut narrow = Request::new(t, "beds.base");
        narrow.range = Some((1000.0, 1800.0));
        let part = seek_sd(&s, None, &narrow).unwrap();
        assert_eq!(whole.outcome, Outcome::Met, "{}", whole.summary);
        assert_eq!(whole.answer.map(|a| a.lever), part.answer.map(|a| a.lever));
    }

    #[test]
    fn an_unreachable_target_says_so_with_the_best_end() {
        let s = Scenario::default();
        // Deaths can never be negative.
        let t = target("deaths", "2008/09", Comparison::AtMost, -1.0);
        let a = seek_sd(&s, None, &Request::new(t, "end_of_life.crude_death_rate")).unwrap();
        assert_eq!(a.outcome, Outcome::Unreachable);
        assert!(a.answer.is_none());
        assert_eq!(a.best.lever, 0.1);
        assert!(a.summary.contains("cannot be met"), "{}", a.summary);
        assert!(a.summary.contains("monotone"), "{}", a.summary);
        // Met everywhere: deaths ≤ a million.
        let t = target("deaths", "2008/09", Comparison::AtMost, 1e6);
        let a = seek_sd(&s, None, &Request::new(t, "end_of_life.crude_death_rate")).unwrap();
        assert_eq!(a.outcome, Outcome::MetEverywhere);
        assert_eq!(a.answer.unwrap().lever, 50.0);
    }

    #[test]
    fn refusals_name_the_field_and_what_is_allowed() {
        let s = Scenario::default();
        let t = target("deaths", "2008/09", Comparison::AtMost, 1.0);
        let field = |r: Result<Answer, ModelError>| match r {
            Err(ModelError::Invalid(v)) => (v[0].path.clone(), v[0].allowed.clone()),
            other => panic!("{other:?}"),
        };
        let (f, allowed) = field(seek_sd(&s, None, &Request::new(t.clone(), "beds.nope")));
        assert_eq!(f, "lever");
        assert!(allowed.contains("careflow params"));
        let (f, _) = field(seek_sd(
            &s,
            None,
            &Request::new(t.clone(), "demand.surge.enabled"),
        ));
        assert_eq!(f, "lever");
        let mut bad = t.clone();
        bad.kpi = "happiness".into();
        let (f, allowed) = field(seek_sd(&s, None, &Request::new(bad, "beds.base")));
        assert_eq!(f, "target.kpi");
        assert!(allowed.contains("dtoc_share") && allowed.contains(WINTER_OVER_95));
        let mut bad = t.clone();
        bad.year = "2020/21".into();
        let (f, allowed) = field(seek_sd(&s, None, &Request::new(bad, "beds.base")));
        assert_eq!(f, "target.year");
        assert_eq!(allowed, "2008/09 to 2013/14");
        let mut r = Request::new(t, "beds.base");
        r.range = Some((100.0, 30_000.0));
        let (f, allowed) = field(seek_sd(&s, None, &r));
        assert_eq!(f, "range");
        assert!(allowed.contains("from 0 to 20,000 beds"), "{allowed}");
    }

    #[test]
    fn any_yearly_kpi_is_seekable_and_the_winter_measure_is_a_share_of_winter_days() {
        let r = crate::sd::run(&Scenario::default()).unwrap();
        let keys = kpi_keys(&r.yearly[0]);
        assert!(keys.iter().any(|k| k == "dtoc_share"));
        assert!(!keys.iter().any(|k| k == "year" || k == "days"));
        assert_eq!(available_kpis(), keys);
        assert_eq!(
            kpi_label("dtoc_share"),
            "Delayed transfers (share of bed days)"
        );
        assert_eq!(kpi_label("mean_occupied_beds"), "Mean occupied beds");
        for k in &keys {
            assert!(kpi_value(&r, k, "2010/11").is_some(), "{k}");
        }
        // The winter share is the mean of over_95 over December to March (121 days in 2010/11).
        let w = winter_over_95(&r, "2010/11").unwrap();
        let ds = days(r.start_year, r.yearly.len() as u32);
        let idx: Vec<usize> = (0..ds.len())
            .filter(|&i| ds[i].year_index == 2 && matches!(ds[i].month, 12 | 1 | 2 | 3))
            .collect();
        assert_eq!(idx.len(), 121);
        let mean = idx.iter().map(|&i| r.daily.over_95[i]).sum::<f64>() / 121.0;
        assert!((w - mean).abs() < 1e-15 && (0.0..=1.0).contains(&w));
    }

    #[test]
    fn the_chance_and_its_error_follow_the_binomial() {
        let t = target("deaths", "2008/09", Comparison::AtMost, 10.0);
        let c = confirmation_of(&t, 1, &[5.0, 9.0, 11.0, 20.0]);
        assert_eq!((c.met, c.replications), (2, 4));
        assert_eq!(c.chance, 0.5);
        assert!((c.std_error - 0.25).abs() < 1e-12);
        // Wilson 95% for 2 of 4: 0.150 to 0.850 (textbook value).
        assert!((c.interval.0 - 0.1500).abs() < 5e-4 && (c.interval.1 - 0.8500).abs() < 5e-4);
        let (lo, hi) = wilson(0, 20);
        assert!(lo == 0.0 && (hi - 0.1611).abs() < 5e-4, "{hi}");
    }

    #[test]
    fn des_confirmation_counts_replications_meeting_the_target() {
        let s = Scenario::default();
        let t = target("deaths", "2008/09", Comparison::AtMost, 3_500.0);
        let a = seek(
            &s,
            None,
            &Request::new(t, "end_of_life.crude_death_rate"),
            4,
            &mut |_, _| {},
        )
        .unwrap();
        let c = a.confirmation.unwrap();
        assert_eq!(c.replications, 4);
        assert!(c.kpi_mean > 3_300.0 && c.kpi_mean < 3_650.0, "{c:?}");
        assert!(a.summary.contains("DES replications"));
    }
}
