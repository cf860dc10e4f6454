//! The analysis worker (a yew-agent [`Worker`]): the model checks and the sensitivity runs of the
//! scenario on screen, off the main thread. It receives a scenario (JSON, as the replication
//! worker does: bincode cannot decode `Scenario`'s tagged enums) and, for the engine-agreement
//! check, the yearly bands of the DES replications the page already ran for the charts' bands;
//! it answers with the checks, then with the sensitivity runs (1 + 2 × 20 SD runs for the
//! tornado, a few more for the waterfall). A request carries an id; the page keeps only the
//! answer to its newest.
//!
//! The worker binary is `src/bin/careflow-analysis-worker.rs`, declared in `index.html` with
//! `data-type="worker"`; [`crate::hooks::use_analysis`] starts it.

use std::collections::BTreeMap;

use careflow_model::checks::{check_with, DesYears};
use careflow_model::des::Band;
use careflow_model::sensitivity::{sweep, waterfall_runs, Sweep, WaterfallRuns};
use careflow_model::Scenario;
use serde::{Deserialize, Serialize};
use yew_agent::worker::{HandlerId, Worker, WorkerScope};

/// The yearly bands of the replications behind the charts' bands, per KPI key
/// (`dtoc_share`, `mean_occupancy`, `commissioner_cost`), and how many replications made them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DesInput {
    pub yearly: Vec<BTreeMap<String, Band>>,
    pub replications: u32,
}

/// Main thread → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToAnalysis {
    /// Check the scenario (JSON) against the given DES bands, if any.
    Checks {
        id: u32,
        scenario_json: String,
        des: Option<DesInput>,
    },
    /// The tornado sweep of the scenario (JSON) and its waterfall from `reference_json`.
    Sensitivity {
        id: u32,
        scenario_json: String,
        reference_json: String,
    },
}

/// One check as the page shows it (owned strings: the model's `Check` borrows `'static` text).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckRow {
    pub id: String,
    pub sentence: String,
    pub figure: String,
    pub tolerance: String,
    pub passed: bool,
    pub why: String,
}

/// Worker → main thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromAnalysis {
    Checks {
        id: u32,
        checks: Vec<CheckRow>,
        /// Replications behind the engine-agreement check (0: none given).
        replications: u32,
        /// Wall time in the worker [ms].
        millis: f64,
    },
    Sensitivity {
        id: u32,
        sweep: Sweep,
        waterfall: WaterfallRuns,
        millis: f64,
    },
    Failed {
        id: u32,
        message: String,
    },
}

/// The checks of `json` (pure: the browser tests call it directly).
pub fn run_checks(json: &str, des: Option<&DesInput>) -> Result<Vec<CheckRow>, String> {
    let s = crate::workers::replication::decode_scenario(json)?;
    let years = des.map(|d| DesYears {
        yearly: &d.yearly,
        replications: d.replications,
    });
    let checks = check_with(&s, years.as_ref()).map_err(|e| e.to_string())?;
    Ok(checks
        .into_iter()
        .map(|c| CheckRow {
            id: c.id.into(),
            sentence: c.sentence,
            figure: c.figure,
            tolerance: c.tolerance,
            passed: c.passed,
            why: c.why.into(),
        })
        .collect())
}

/// The sensitivity runs of `json` against `reference_json`.
pub fn run_sensitivity(json: &str, reference_json: &str) -> Result<(Sweep, WaterfallRuns), String> {
    let s: Scenario = crate::workers::replication::decode_scenario(json)?;
    let r: Scenario = crate::workers::replication::decode_scenario(reference_json)?;
    let sw = sweep(&s).map_err(|e| e.to_string())?;
    let wf = waterfall_runs(&s, &r).map_err(|e| e.to_string())?;
    Ok((sw, wf))
}

/// The worker agent: stateless, one request at a time.
pub struct AnalysisWorker;

impl Worker for AnalysisWorker {
    type Message = ();
    type Input = ToAnalysis;
    type Output = FromAnalysis;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        AnalysisWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: ToAnalysis, to: HandlerId) {
        let start = js_sys::Date::now();
        let answer = match msg {
            ToAnalysis::Checks {
                id,
                scenario_json,
                des,
            } => match run_checks(&scenario_json, des.as_ref()) {
                Ok(checks) => FromAnalysis::Checks {
                    id,
                    checks,
                    replications: des.map_or(0, |d| d.replications),
                    millis: js_sys::Date::now() - start,
                },
                Err(message) => FromAnalysis::Failed { id, message },
            },
            ToAnalysis::Sensitivity {
                id,
                scenario_json,
                reference_json,
            } => match run_sensitivity(&scenario_json, &reference_json) {
                Ok((sweep, waterfall)) => FromAnalysis::Sensitivity {
                    id,
                    sweep,
                    waterfall,
                    millis: js_sys::Date::now() - start,
                },
                Err(message) => FromAnalysis::Failed { id, message },
            },
        };
        scope.respond(to, answer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_baseline_checks_pass_and_a_broken_scenario_is_refused() {
        let json = serde_json::to_string(&Scenario::default()).unwrap();
        let checks = run_checks(&json, None).unwrap();
        assert!(checks.iter().all(|c| c.passed), "{checks:?}");
        assert!(!checks.iter().any(|c| c.id == "engines-agree"));
        assert!(run_checks("{}", None).is_err() || run_checks("not json", None).is_err());
        let (sw, wf) = run_sensitivity(&json, &json).unwrap();
        // One tornado bar per lever with an evidence range in the registry.
        assert_eq!(sw.levers.len(), careflow_model::params::EVIDENCE.len());
        assert!(wf.groups.is_empty());
    }
}
