//! `careflow run`: load a scenario, run an engine, write JSON or CSV.
//!
//! Engines are chosen by `Engine`; the discrete-event engine plugs in here (`--engine des
//! --replications N --seed S`) without touching argument parsing elsewhere.

use crate::{CliError, Format};
use careflow_model::{preset, sd, Results, Scenario};
use serde_json::{json, Value};

/// Which engine to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Deterministic system dynamics (default).
    Sd,
    /// Stochastic discrete-event replications.
    Des,
}

/// Everything `careflow run` needs.
#[derive(Debug)]
pub struct RunOptions {
    pub preset: Option<String>,
    pub file: Option<String>,
    pub format: Format,
    pub out: Option<String>,
    pub daily: bool,
    pub engine: Engine,
    /// DES replications.
    pub replications: u32,
    /// DES seed (overrides the scenario's).
    pub seed: Option<u64>,
}

/// Load the scenario named by the options (preset, file, or the baseline).
pub fn load_scenario(opts: &RunOptions) -> Result<Scenario, CliError> {
    match (&opts.preset, &opts.file) {
        (Some(_), Some(_)) => Err(CliError::Usage(
            "give either --preset NAME or SCENARIO.json, not both".into(),
        )),
        (Some(id), None) => preset(id).map(|p| p.scenario).ok_or_else(|| {
            let ids: Vec<&str> = careflow_model::presets().iter().map(|p| p.id).collect();
            CliError::Usage(format!(
                "unknown preset '{id}'; presets: {}",
                ids.join(", ")
            ))
        }),
        (None, Some(path)) => read_scenario(path),
        (None, None) => Ok(Scenario::default()),
    }
}

/// Read and parse a scenario file (`-` = standard input).
pub fn read_scenario(path: &str) -> Result<Scenario, CliError> {
    let text = if path == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| CliError::Io(format!("stdin: {e}")))?;
        s
    } else {
        std::fs::read_to_string(path).map_err(|e| CliError::Io(format!("{path}: {e}")))?
    };
    Scenario::from_json(&text)
        .map_err(|e| CliError::Parse(format!("not a valid scenario file: {path}: {e}")))
}

fn model_error(e: careflow_model::ModelError) -> CliError {
    match e {
        careflow_model::ModelError::Invalid(issues) => CliError::Invalid(issues),
        other => CliError::Internal(other.to_string()),
    }
}

/// Run and render.
pub fn run(opts: &RunOptions) -> Result<String, CliError> {
    let mut scenario = load_scenario(opts)?;
    if let Some(seed) = opts.seed {
        scenario.seed = seed;
    }
    if opts.engine == Engine::Des {
        return run_des(&scenario, opts);
    }
    let results = sd::run(&scenario).map_err(model_error)?;
    Ok(match (opts.format, opts.daily) {
        (Format::Json, false) => {
            let v = json!({ "scenario": scenario, "years": results.yearly });
            serde_json::to_string_pretty(&v).map_err(|e| CliError::Internal(e.to_string()))? + "\n"
        }
        (Format::Json, true) => {
            let v = json!({ "scenario": scenario, "years": results.yearly, "daily": daily_json(&results) });
            serde_json::to_string(&v).map_err(|e| CliError::Internal(e.to_string()))? + "\n"
        }
        (Format::Csv, false) => yearly_csv(&results),
        (Format::Csv, true) => daily_csv(&results),
    })
}

fn daily_json(r: &Results) -> Value {
    let mut m = serde_json::Map::new();
    for (k, v) in r.daily.series() {
        m.insert(k.to_string(), json!(v));
    }
    Value::Object(m)
}

fn csv_field(v: &Value) -> String {
    match v {
        Value::String(s) if s.contains([',', '"', '\n']) => {
            format!("\"{}\"", s.replace('"', "\"\""))
        }
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One row per financial year, `year` first then the other KPI keys in alphabetical order.
pub fn yearly_csv(r: &Results) -> String {
    let rows: Vec<serde_json::Map<String, Value>> = r
        .yearly
        .iter()
        .filter_map(|y| match serde_json::to_value(y) {
            Ok(Value::Object(m)) => Some(m),
            _ => None,
        })
        .collect();
    rows_csv(&rows)
}

/// One row per day: index, date, then every daily series.
pub fn daily_csv(r: &Results) -> String {
    let series = r.daily.series();
    let days = careflow_model::calendar::days(r.start_year, r.yearly.len() as u32);
    let mut out = String::from("day,date");
    for (k, _) in &series {
        out.push(',');
        out.push_str(k);
    }
    out.push('\n');
    for i in 0..r.days {
        let date = days
            .get(i)
            .map(|d| format!("{}-{:02}-{:02}", d.year, d.month, d.day))
            .unwrap_or_default();
        out += &format!("{i},{date}");
        for (_, v) in &series {
            out += &format!(",{}", v.get(i).copied().unwrap_or(0.0));
        }
        out.push('\n');
    }
    out
}

/// The per-year rows of a DES run: every KPI as the replication mean, plus `_p5`, `_p50`, `_p95`.
pub fn des_year_rows(rep: &careflow_model::des::Replicated) -> Vec<serde_json::Map<String, Value>> {
    rep.years
        .iter()
        .zip(&rep.yearly)
        .map(|(year, bands)| {
            let mut m = serde_json::Map::new();
            m.insert("year".into(), json!(year));
            for (key, band) in bands {
                m.insert(key.clone(), json!(band.mean));
                m.insert(format!("{key}_p5"), json!(band.p5));
                m.insert(format!("{key}_p50"), json!(band.p50));
                m.insert(format!("{key}_p95"), json!(band.p95));
            }
            m
        })
        .collect()
}

fn run_des(scenario: &Scenario, opts: &RunOptions) -> Result<String, CliError> {
    if opts.daily {
        return Err(CliError::Usage(
            "--daily is available with --engine sd only".into(),
        ));
    }
    let bar = crate::progress::bar(u64::from(opts.replications), "replications");
    let rep = careflow_model::des::replicate(scenario, opts.replications, |done, _| {
        if let Some(b) = &bar {
            b.set_position(u64::from(done));
        }
    })
    .map_err(model_error)?;
    if let Some(b) = bar {
        b.finish();
    }
    let rows = des_year_rows(&rep);
    Ok(match opts.format {
        Format::Json => {
            let v = json!({
                "scenario": scenario,
                "engine": "des",
                "replications": rep.replications,
                "seed": scenario.seed,
                "years": rows,
            });
            serde_json::to_string_pretty(&v).map_err(|e| CliError::Internal(e.to_string()))? + "\n"
        }
        Format::Csv => rows_csv(&rows),
    })
}

/// CSV of flat rows, `year` first then the other keys in alphabetical order.
fn rows_csv(rows: &[serde_json::Map<String, Value>]) -> String {
    let mut keys: Vec<String> = rows
        .first()
        .map(|m| m.keys().filter(|k| *k != "year").cloned().collect())
        .unwrap_or_default();
    keys.insert(0, "year".into());
    let mut out = keys.join(",") + "\n";
    for m in rows {
        let cells: Vec<String> = keys
            .iter()
            .map(|k| m.get(k).map(csv_field).unwrap_or_default())
            .collect();
        out += &(cells.join(",") + "\n");
    }
    out
}
