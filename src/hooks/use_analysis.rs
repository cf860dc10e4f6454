//! `use_analysis`: the model checks and the sensitivity runs of the scenario on screen, in the
//! analysis web worker ([`crate::workers::analysis`]).
//!
//! - The worker starts the first time a view asks for an analysis, and is reused after.
//! - Each change of scenario (or of the DES bands the checks compare with) starts a new request
//!   after the levers have settled for [`DEBOUNCE_MS`]; only the answer to the newest request is
//!   kept, and the last answer stays on screen, marked as updating, until it arrives.
//! - Nothing runs while no view wants it: the replication workers keep the cores.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use careflow_model::sensitivity::{Sweep, WaterfallRuns};
use careflow_model::Scenario;
use gloo::timers::callback::Timeout;
use yew::prelude::*;
use yew_agent::worker::{WorkerBridge, WorkerSpawner};

use crate::state::REFERENCE;
use crate::workers::analysis::{AnalysisWorker, CheckRow, DesInput, FromAnalysis, ToAnalysis};

/// Quiet time after the last change before a request is sent [ms].
pub const DEBOUNCE_MS: u32 = 300;
/// The worker's JavaScript entry, relative to the page (Trunk's `data-type="worker"` output).
pub const WORKER_PATH: &str = "./careflow-analysis-worker.js";

/// The checks as last computed.
#[derive(Clone, Debug, PartialEq)]
pub struct ChecksResult {
    pub checks: Rc<Vec<CheckRow>>,
    /// Replications behind the engine-agreement check (0: it was not run).
    pub replications: u32,
    /// Time the worker took [ms].
    pub millis: f64,
}

/// The sensitivity runs as last computed.
#[derive(Clone, Debug, PartialEq)]
pub struct SensitivityResult {
    pub sweep: Rc<Sweep>,
    pub waterfall: Rc<WaterfallRuns>,
    pub millis: f64,
}

/// What the views show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    pub checks: Option<ChecksResult>,
    pub sensitivity: Option<SensitivityResult>,
    /// A request newer than the answer shown is on its way.
    pub checks_pending: bool,
    pub sensitivity_pending: bool,
    /// The worker refused the scenario.
    pub error: Option<String>,
}

#[derive(Default)]
struct Inner {
    bridge: Option<WorkerBridge<AnalysisWorker>>,
    next_id: u32,
    checks_id: u32,
    sensitivity_id: u32,
    checks_timer: Option<Timeout>,
    sensitivity_timer: Option<Timeout>,
    shown: Analysis,
    set: Option<UseStateSetter<Analysis>>,
    this: Weak<RefCell<Inner>>,
}

impl Inner {
    fn publish(&self) {
        if let Some(set) = &self.set {
            set.set(self.shown.clone());
        }
    }

    fn bridge(&mut self) -> Option<&WorkerBridge<AnalysisWorker>> {
        if self.bridge.is_none() {
            let weak = self.this.clone();
            let bridge = WorkerSpawner::<AnalysisWorker, yew_agent::Bincode>::new()
                .callback(move |msg: FromAnalysis| {
                    if let Some(inner) = weak.upgrade() {
                        inner.borrow_mut().received(msg);
                    }
                })
                .spawn(WORKER_PATH);
            self.bridge = Some(bridge);
        }
        self.bridge.as_ref()
    }

    fn received(&mut self, msg: FromAnalysis) {
        match msg {
            FromAnalysis::Checks {
                id,
                checks,
                replications,
                millis,
            } if id == self.checks_id => {
                self.shown.checks = Some(ChecksResult {
                    checks: Rc::new(checks),
                    replications,
                    millis,
                });
                self.shown.checks_pending = false;
                self.shown.error = None;
            }
            FromAnalysis::Sensitivity {
                id,
                sweep,
                waterfall,
                millis,
            } if id == self.sensitivity_id => {
                self.shown.sensitivity = Some(SensitivityResult {
                    sweep: Rc::new(sweep),
                    waterfall: Rc::new(waterfall),
                    millis,
                });
                self.shown.sensitivity_pending = false;
                self.shown.error = None;
            }
            FromAnalysis::Failed { id, message }
                if id == self.checks_id || id == self.sensitivity_id =>
            {
                self.shown.error = Some(message);
                self.shown.checks_pending = false;
                self.shown.sensitivity_pending = false;
            }
            _ => return,
        }
        self.publish();
    }

    fn ask_checks(&mut self, scenario: &Scenario, des: Option<DesInput>) {
        self.shown.checks_pending = true;
        self.publish();
        let json = serde_json::to_string(scenario).unwrap_or_default();
        let weak = self.this.clone();
        self.checks_timer = Some(Timeout::new(DEBOUNCE_MS, move || {
            if let Some(inner) = weak.upgrade() {
                let mut i = inner.borrow_mut();
                i.next_id += 1;
                let id = i.next_id;
                i.checks_id = id;
                if let Some(b) = i.bridge() {
                    b.send(ToAnalysis::Checks {
                        id,
                        scenario_json: json,
                        des,
                    });
                }
            }
        }));
    }

    fn ask_sensitivity(&mut self, scenario: &Scenario) {
        self.shown.sensitivity_pending = true;
        self.publish();
        let json = serde_json::to_string(scenario).unwrap_or_default();
        let reference = careflow_model::preset(REFERENCE)
            .map(|p| p.scenario)
            .unwrap_or_default();
        let reference_json = serde_json::to_string(&reference).unwrap_or_default();
        let weak = self.this.clone();
        self.sensitivity_timer = Some(Timeout::new(DEBOUNCE_MS, move || {
            if let Some(inner) = weak.upgrade() {
                let mut i = inner.borrow_mut();
                i.next_id += 1;
                let id = i.next_id;
                i.sensitivity_id = id;
                if let Some(b) = i.bridge() {
                    b.send(ToAnalysis::Sensitivity {
                        id,
                        scenario_json: json,
                        reference_json,
                    });
                }
            }
        }));
    }
}

/// The DES bands for the checks, compared by pointer.
#[derive(Clone, Debug)]
pub struct DesRef(pub Option<Rc<DesInput>>);

impl PartialEq for DesRef {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// The analysis of `scenario`: its checks when `checks` (against `des` when given), its
/// sensitivity runs when `sensitivity`.
#[hook]
pub fn use_analysis(
    scenario: Rc<Scenario>,
    des: DesRef,
    checks: bool,
    sensitivity: bool,
) -> Analysis {
    let snapshot = use_state(Analysis::default);
    let inner = use_mut_ref(Inner::default);
    {
        let inner = inner.clone();
        let set = snapshot.setter();
        use_effect_with((), move |_| {
            {
                let mut i = inner.borrow_mut();
                i.this = Rc::downgrade(&inner);
                i.set = Some(set);
            }
            let inner = inner.clone();
            move || {
                // Dropping the bridge terminates the worker.
                let mut i = inner.borrow_mut();
                i.checks_timer = None;
                i.sensitivity_timer = None;
                i.set = None;
                i.bridge = None;
            }
        });
    }
    {
        let inner = inner.clone();
        use_effect_with(
            (scenario.clone(), des, checks),
            move |(scenario, des, checks)| {
                if *checks {
                    inner
                        .borrow_mut()
                        .ask_checks(scenario, des.0.as_deref().cloned());
                }
            },
        );
    }
    {
        let inner = inner.clone();
        use_effect_with((scenario, sensitivity), move |(scenario, sensitivity)| {
            if *sensitivity {
                inner.borrow_mut().ask_sensitivity(scenario);
            }
        });
    }
    (*snapshot).clone()
}
