//! `careflow sweep DESIGN.json` and `careflow merge`: a design of lever values (a grid, or a Latin
//! hypercube) crossed with scenarios and replications, run on every core, written as one tidy CSV
//! row per (design point, scenario, replication, year). `--shard I/N` runs a deterministic slice
//! (every N-th design point from the I-th), also read from Slurm's and Kubernetes Indexed Jobs'
//! environment; `careflow merge` joins the shards' files into exactly what one run would write.

use crate::CliError;
use careflow_model::{des, preset, sd, Scenario};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;
use serde::Deserialize;

/// A sweep design (the JSON file).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// The scenarios each design point is applied to: preset ids, or paths of scenario files
    /// (ending in `.json`). Default: the baseline.
    #[serde(default)]
    pub scenarios: Vec<String>,
    /// The levers varied.
    pub levers: Vec<LeverRange>,
    /// How the points are chosen.
    #[serde(default)]
    pub design: Kind,
    /// `sd` (default) or `des`.
    #[serde(default)]
    pub engine: EngineKind,
    /// DES replications per point and scenario (default 1; ignored by the SD engine).
    #[serde(default = "one")]
    pub replications: u32,
    /// Seed of the Latin hypercube and of the DES (default: each scenario's own).
    #[serde(default)]
    pub seed: Option<u64>,
}

fn one() -> u32 {
    1
}

/// One lever of the design: explicit values, or a range sampled by the design.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeverRange {
    /// A registered lever path (`careflow params`).
    pub path: String,
    /// Values for a grid.
    #[serde(default)]
    pub values: Vec<f64>,
    /// Range for a grid of `steps` values or a Latin hypercube.
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Grid values between `min` and `max` (default 5).
    pub steps: Option<u32>,
}

/// How design points are chosen.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Every combination of the levers' values.
    #[default]
    Grid,
    /// `points` points, one in each of `points` equal strata of every lever's range, the strata
    /// paired at random (McKay, Beckman & Conover 1979).
    LatinHypercube { points: u32 },
}

/// The engine a sweep runs.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum EngineKind {
    #[default]
    Sd,
    Des,
}

/// A slice of the design: design points `index`, `index + count`, `index + 2·count`, ….
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// `I/N` (0-based I), or from the environment: Slurm's `SLURM_ARRAY_TASK_ID` and
    /// `SLURM_ARRAY_TASK_COUNT`, or a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX` with
    /// `CAREFLOW_SHARDS` (its completions); the whole design when none is given.
    pub fn resolve(arg: Option<&str>) -> Result<Shard, CliError> {
        let parse = |i: &str, n: &str, source: &str| -> Result<Shard, CliError> {
            let (index, count) = (i.trim().parse::<u32>(), n.trim().parse::<u32>());
            match (index, count) {
                (Ok(index), Ok(count)) if count >= 1 && index < count => Ok(Shard { index, count }),
                _ => Err(CliError::Usage(format!(
                    "{source}: a shard is I/N with N ≥ 1 and 0 ≤ I < N, not '{i}/{n}'"
                ))),
            }
        };
        if let Some(a) = arg {
            let (i, n) = a
                .split_once('/')
                .ok_or_else(|| CliError::Usage(format!("--shard: I/N, not '{a}'")))?;
            return parse(i, n, "--shard");
        }
        let env = |k: &str| std::env::var(k).ok();
        if let (Some(i), Some(n)) = (env("SLURM_ARRAY_TASK_ID"), env("SLURM_ARRAY_TASK_COUNT")) {
            return parse(&i, &n, "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT");
        }
        if let (Some(i), Some(n)) = (env("JOB_COMPLETION_INDEX"), env("CAREFLOW_SHARDS")) {
            return parse(&i, &n, "JOB_COMPLETION_INDEX/CAREFLOW_SHARDS");
        }
        Ok(Shard { index: 0, count: 1 })
    }
}

/// Most grid values of one lever (`steps`).
pub const MAX_STEPS: u32 = 1_000;
/// Most design points (grid combinations or Latin-hypercube `points`).
pub const MAX_POINTS: u64 = 1_000_000;
/// Most DES replications per point and scenario (as `careflow run --replications`).
pub const MAX_REPLICATIONS: u32 = 10_000;
/// Most runs of one sweep (points × scenarios × replications), before sharding.
pub const MAX_RUNS: u64 = 100_000_000;

/// The design's size and the fields that set it, checked before anything is built: each refusal
/// names the field and the allowed range.
fn check_size(d: &Design) -> Result<(), CliError> {
    let usage = |m: String| Err(CliError::Usage(m));
    let mut seen = std::collections::BTreeSet::new();
    for l in &d.levers {
        if !seen.insert(l.path.as_str()) {
            return usage(format!(
                "levers: {} appears twice (allowed: each lever once)",
                l.path
            ));
        }
        if !l.values.is_empty() && (l.min.is_some() || l.max.is_some() || l.steps.is_some()) {
            return usage(format!(
                "levers: {} has both values and min/max/steps (allowed: one or the other)",
                l.path
            ));
        }
        if let Some(n) = l.steps.filter(|n| !(1..=MAX_STEPS).contains(n)) {
            return usage(format!(
                "levers: {} steps {n} (allowed: 1 to {MAX_STEPS})",
                l.path
            ));
        }
    }
    if !(1..=MAX_REPLICATIONS).contains(&d.replications) {
        return usage(format!(
            "replications {} (allowed: 1 to {MAX_REPLICATIONS})",
            d.replications
        ));
    }
    if d.engine == EngineKind::Sd && d.replications != 1 {
        return usage(format!(
            "replications {}: the SD engine is deterministic (allowed: 1, or \"engine\": \"des\")",
            d.replications
        ));
    }
    let points = match d.design {
        Kind::Grid => d.levers.iter().fold(1u64, |n, l| {
            let axis = if l.values.is_empty() {
                u64::from(l.steps.unwrap_or(5))
            } else {
                l.values.len() as u64
            };
            n.saturating_mul(axis)
        }),
        Kind::LatinHypercube { points } => {
            if points == 0 {
                return usage("design: latin_hypercube points 0 (allowed: 1 to 1000000)".into());
            }
            u64::from(points)
        }
    };
    if points > MAX_POINTS {
        return usage(format!(
            "design: {points} design points (allowed: 1 to {MAX_POINTS}; fewer steps or points)"
        ));
    }
    let runs = points
        .saturating_mul(d.scenarios.len().max(1) as u64)
        .saturating_mul(u64::from(d.replications));
    if runs > MAX_RUNS {
        return usage(format!(
            "design: {runs} runs, points × scenarios × replications (allowed: at most {MAX_RUNS})"
        ));
    }
    Ok(())
}

/// The design's points: one value per lever each.
pub fn points(d: &Design) -> Result<Vec<Vec<f64>>, CliError> {
    if d.levers.is_empty() {
        return Err(CliError::Usage(
            "the design needs at least one lever".into(),
        ));
    }
    check_size(d)?;
    for l in &d.levers {
        let spec = careflow_model::params::param(&l.path).ok_or_else(|| {
            CliError::Usage(format!(
                "levers: '{}' is not a lever (see careflow params)",
                l.path
            ))
        })?;
        let check = |v: f64, what: &str| -> Result<(), CliError> {
            if v.is_finite() && v >= spec.min && v <= spec.max {
                Ok(())
            } else {
                Err(CliError::Usage(format!(
                    "levers: {} {what} {v} is outside {} to {} {}",
                    l.path, spec.min, spec.max, spec.unit
                )))
            }
        };
        for &v in &l.values {
            check(v, "value")?;
        }
        if let Some(v) = l.min {
            check(v, "min")?;
        }
        if let Some(v) = l.max {
            check(v, "max")?;
        }
    }
    match d.design {
        Kind::Grid => {
            let axes: Vec<Vec<f64>> = d
                .levers
                .iter()
                .map(|l| {
                    if !l.values.is_empty() {
                        return Ok(l.values.clone());
                    }
                    let (Some(a), Some(b)) = (l.min, l.max) else {
                        return Err(CliError::Usage(format!(
                            "levers: {} needs values, or min and max",
                            l.path
                        )));
                    };
                    let n = l.steps.unwrap_or(5).max(1);
                    Ok((0..n)
                        .map(|i| {
                            if n == 1 {
                                a
                            } else {
                                a + (b - a) * f64::from(i) / f64::from(n - 1)
                            }
                        })
                        .collect())
                })
                .collect::<Result<_, _>>()?;
            let mut out = vec![Vec::new()];
            for axis in &axes {
                out = out
                    .into_iter()
                    .flat_map(|p| {
                        axis.iter().map(move |&v| {
                            let mut q = p.clone();
                            q.push(v);
                            q
                        })
                    })
                    .collect();
            }
            Ok(out)
        }
        Kind::LatinHypercube { points } => {
            let n = points.max(1) as usize;
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(d.seed.unwrap_or(20080401));
            let mut columns = Vec::new();
            for l in &d.levers {
                let (Some(a), Some(b)) = (l.min, l.max) else {
                    return Err(CliError::Usage(format!(
                        "levers: {} needs min and max for a Latin hypercube",
                        l.path
                    )));
                };
                let mut strata: Vec<usize> = (0..n).collect();
                // Fisher–Yates with the design's own generator.
                for i in (1..n).rev() {
                    let j = rng.random_range(0..=i);
                    strata.swap(i, j);
                }
                columns.push(
                    strata
                        .into_iter()
                        .map(|k| a + (b - a) * (k as f64 + rng.random::<f64>()) / n as f64)
                        .collect::<Vec<f64>>(),
                );
            }
            Ok((0..n)
                .map(|i| columns.iter().map(|c| c[i]).collect())
                .collect())
        }
    }
}

fn scenario_named(name: &str) -> Result<Scenario, CliError> {
    if name.ends_with(".json") {
        let s = crate::run::read_scenario(name)?;
        s.validate().map_err(CliError::Invalid)?;
        return Ok(s);
    }
    preset(name).map(|p| p.scenario).ok_or_else(|| {
        CliError::Usage(format!(
            "scenarios: '{name}' is neither a preset (careflow presets) nor a .json file"
        ))
    })
}

/// The KPIs each row carries.
const KPIS: [&str; 12] = [
    "emergency_admissions",
    "admissions_avoided",
    "mean_occupancy",
    "days_over_95pct_occupancy",
    "elective_cancellations",
    "mean_ae_waiting",
    "dtoc_share",
    "delayed_bed_days",
    "home_or_care_home_death_share",
    "commissioner_cost",
    "provider_cost",
    "social_care_cost",
];

/// Runs the shard's part of `d` and returns the CSV text (header included), with a progress bar on
/// standard error when it is a terminal.
pub fn run(d: &Design, shard: Shard) -> Result<String, CliError> {
    let pts = points(d)?;
    let names: Vec<String> = if d.scenarios.is_empty() {
        vec!["do-nothing".into()]
    } else {
        d.scenarios.clone()
    };
    let bases: Vec<Scenario> = names
        .iter()
        .map(|n| scenario_named(n))
        .collect::<Result<_, _>>()?;
    let reps = if d.engine == EngineKind::Des {
        d.replications.max(1)
    } else {
        1
    };
    // Work items of this shard: (point, scenario), in order.
    let items: Vec<(usize, usize)> = (0..pts.len())
        .filter(|p| (*p as u32) % shard.count == shard.index)
        .flat_map(|p| (0..bases.len()).map(move |s| (p, s)))
        .collect();
    let bar = crate::progress::bar(items.len() as u64, "points × scenarios");
    let rows: Vec<Result<String, CliError>> = items
        .par_iter()
        .map(|&(p, si)| {
            let mut s = bases[si].clone();
            if let Some(seed) = d.seed {
                s.seed = seed;
            }
            for (l, &v) in d.levers.iter().zip(&pts[p]) {
                s.set(&l.path, v).map_err(|i| CliError::Invalid(vec![i]))?;
            }
            s.validate().map_err(CliError::Invalid)?;
            let values: Vec<String> = pts[p].iter().map(|v| format!("{v}")).collect();
            let mut text = String::new();
            for r in 0..reps {
                let yearly = match d.engine {
                    EngineKind::Sd => sd::run(&s).map(|r| r.yearly),
                    EngineKind::Des => des::run(&s, r).map(|r| r.results.yearly),
                }
                .map_err(|e| CliError::Internal(e.to_string()))?;
                for y in &yearly {
                    let v = serde_json::to_value(y).unwrap_or_default();
                    let kpis: Vec<String> = KPIS
                        .iter()
                        .map(|k| v[*k].as_f64().map(|x| format!("{x}")).unwrap_or_default())
                        .collect();
                    text += &format!(
                        "{p},{},{r},{},{},{}\n",
                        names[si],
                        values.join(","),
                        y.year,
                        kpis.join(",")
                    );
                }
            }
            if let Some(b) = &bar {
                b.inc(1);
            }
            Ok(text)
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut out = header(d);
    for r in rows {
        out += &r?;
    }
    Ok(out)
}

fn header(d: &Design) -> String {
    let levers: Vec<&str> = d.levers.iter().map(|l| l.path.as_str()).collect();
    format!(
        "point,scenario,replication,{},year,{}\n",
        levers.join(","),
        KPIS.join(",")
    )
}

/// Joins shard files: one header, rows ordered by (point, scenario's first appearance,
/// replication, year) — exactly what one unsharded run writes.
pub fn merge(files: &[String]) -> Result<String, CliError> {
    if files.is_empty() {
        return Err(CliError::Usage("merge needs the shards' CSV files".into()));
    }
    let mut header: Option<String> = None;
    let mut rows: Vec<(u64, String, u64, String)> = Vec::new();
    // Which file each (point, scenario, replication) came from: a run's years are rows of one file.
    let mut from: std::collections::HashMap<(u64, String, u64), usize> =
        std::collections::HashMap::new();
    for (i, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(f).map_err(|e| CliError::Io(format!("{f}: {e}")))?;
        let mut lines = text.lines();
        let h = lines
            .next()
            .ok_or_else(|| CliError::Parse(format!("not a sweep CSV: {f}: empty")))?;
        match &header {
            None => header = Some(h.to_string()),
            Some(prev) if prev != h => {
                return Err(CliError::Parse(format!(
                    "{f}: its columns differ from the first file's (a shard of another design?)"
                )))
            }
            _ => {}
        }
        for line in lines.filter(|l| !l.is_empty()) {
            let mut it = line.splitn(4, ',');
            let (Some(p), Some(s), Some(r)) = (it.next(), it.next(), it.next()) else {
                return Err(CliError::Parse(format!(
                    "{f}: a row without point, scenario and replication"
                )));
            };
            let p = p
                .parse::<u64>()
                .map_err(|_| CliError::Parse(format!("{f}: point '{p}' is not a number")))?;
            let r = r
                .parse::<u64>()
                .map_err(|_| CliError::Parse(format!("{f}: replication '{r}' is not a number")))?;
            let first = *from.entry((p, s.to_string(), r)).or_insert(i);
            if first != i {
                return Err(CliError::Parse(format!(
                    "{f}: point {p}, scenario {s}, replication {r} is also in {} (allowed: each shard once)",
                    files[first]
                )));
            }
            rows.push((p, s.to_string(), r, line.to_string()));
        }
    }
    // Scenario order: as each point lists them (the first point's order).
    let mut order: Vec<String> = Vec::new();
    let first_point = rows.iter().map(|r| r.0).min().unwrap_or(0);
    for r in rows.iter().filter(|r| r.0 == first_point) {
        if !order.contains(&r.1) {
            order.push(r.1.clone());
        }
    }
    let rank = |s: &str| order.iter().position(|o| o == s).unwrap_or(usize::MAX);
    // Stable sort keeps the years in their written order within a (point, scenario, replication).
    rows.sort_by_key(|r| (r.0, rank(&r.1), r.2));
    let mut out = header.unwrap_or_default() + "\n";
    for r in rows {
        out += &r.3;
        out.push('\n');
    }
    Ok(out)
}
