//! `use_replications`: discrete-event replications of the current scenario in web workers, streamed
//! into bands and risk KPIs.
//!
//! - One worker per available core but one (`navigator.hardwareConcurrency` − 1, so the page keeps
//!   a core for drawing while a batch runs), but two on a two-core machine and one on a one-core
//!   machine ([`worker_count`]; `?workers=N` in the URL sets the number, for the benchmarks),
//!   created once when the component mounts and reused for every batch.
//! - The first change of scenario or settings after a batch has started cancels it at once (a
//!   `Cancel` message to every worker, which stops within one slice of simulated time). A change
//!   that is done when it is made (a preset, the seed or the number of replications, an opened file
//!   or link, undo) starts the new batch at once; a lever's move waits until the levers have
//!   settled for [`DEBOUNCE_MS`], further moves only pushing the start back. A drag is one
//!   restart, not one per step, and the workers are idle (the cores are the page's) while a lever
//!   moves.
//! - Until the new batch has bands, the previous batch's bands stay on show as `previous`
//!   (the page draws them faded), so the charts and their legends keep their place.
//! - Jobs are handed out one replication at a time, two in flight per worker (one running, one
//!   queued), so fast and slow workers balance and results stream as they finish.
//! - The `do-nothing` replications with the same seed (for the paired cost change) run after the
//!   scenario's and are kept across batches while the seed stays; when the scenario *is* the
//!   reference they are its own replications, kept as the reference too (so the first lever move
//!   after loading the do-nothing scenario runs only the new scenario's replications).
//! - The snapshot the page renders is refreshed at most every [`REFRESH_MS`], and at once for the
//!   first bands and at the end; the bands in it (and so the banded charts) at most every
//!   [`BANDS_MS`], read from per-day columns kept sorted as replications arrive.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::rc::{Rc, Weak};

use careflow_model::Scenario;
use gloo::timers::callback::Timeout;
use yew::prelude::*;
use yew_agent::worker::{WorkerBridge, WorkerSpawner};

use crate::state::REFERENCE;
use crate::uncertainty::{bands_digest, runs_digest, BandColumns, DailyBands};
use crate::workers::replication::{FromWorker, RepSummary, ReplicationWorker, Tag, ToWorker};

/// Quiet time after the last lever move before a batch starts [ms].
pub const DEBOUNCE_MS: u32 = 300;
/// Shortest time between two refreshes of the snapshot (the progress count, the risk KPIs) while a
/// batch runs [ms].
pub const REFRESH_MS: f64 = 250.0;
/// Shortest time between two recomputations of the bands (and so redraws of the banded charts)
/// while a batch runs [ms]: the progress count refreshes every [`REFRESH_MS`], but redrawing
/// charts takes CPU from the workers, and after the first few dozen replications the bands
/// change little between refreshes.
pub const BANDS_MS: f64 = 1000.0;
/// Replications in flight per worker.
const IN_FLIGHT: usize = 2;
/// The worker's JavaScript entry, relative to the page (Trunk's `data-type="worker"` output).
pub const WORKER_PATH: &str = "./careflow-worker.js";

/// What the uncertainty panel shows and the user chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Replications per batch.
    pub replications: u32,
    /// Seed of the replications: always the scenario's `seed` (kept in the app's reducer and
    /// carried in the link), never held apart from it.
    pub seed: u64,
}

/// A list of replications shared by pointer (cheap to compare and to clone).
#[derive(Clone, Debug, Default)]
pub struct Runs(pub Rc<Vec<Rc<RepSummary>>>);

impl PartialEq for Runs {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What the page shows about the running or finished batch.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Replications {
    /// Batch number (grows with every batch started: once per settled change).
    pub batch: u32,
    /// The seed the workers run the batch with (the scenario's).
    pub seed: u64,
    /// Replications asked for.
    pub target: u32,
    /// The scenario's replications done, in replication order.
    pub runs: Runs,
    /// The `do-nothing` replications with the same seed, in replication order.
    pub reference: Runs,
    /// Do-nothing replications still to run.
    pub reference_missing: u32,
    /// Bands of `runs` (two replications or more).
    pub bands: Option<Rc<DailyBands>>,
    /// The last bands of an earlier scenario, while this one has none yet (drawn faded).
    pub previous: Option<Rc<DailyBands>>,
    /// Digest of the bands (reload determinism) and of the replications' digests.
    pub bands_digest: String,
    pub runs_digest: String,
    /// Workers in use.
    pub workers: usize,
    /// Waiting for the levers to settle.
    pub waiting: bool,
    /// A worker refused the scenario.
    pub error: Option<String>,
    /// When the batch was asked for (the change that started it, before the debounce) and when it
    /// finished [ms on the page's clock, `performance.now()`]; what the benchmark reads.
    pub started_ms: f64,
    pub finished_ms: Option<f64>,
    /// Compute time the workers reported for this batch's replications, summed [ms] (the
    /// benchmark divides it by the replications to tell compute from waiting).
    pub worker_ms: f64,
    /// With `?check-worker` in the URL, once a batch is done: "match" when the first replications
    /// computed again on this page equal the workers' answers, else what differs.
    pub check: Option<String>,
}

impl Replications {
    /// Replications of the scenario done.
    pub fn done(&self) -> u32 {
        self.runs.0.len() as u32
    }
    /// Every replication of the batch (scenario and reference) is in.
    pub fn finished(&self) -> bool {
        !self.waiting && self.done() >= self.target && self.reference_missing == 0
    }
}

/// Workers to start: one per core but one (the page's), at most 8 — but two on a two-core
/// machine, where a single worker would double the time to bands for a frame-time gain the
/// lever benchmark does not show; one on a one-core machine. `?workers=N` overrides.
pub fn worker_count() -> usize {
    let Some(window) = web_sys::window() else {
        return 1;
    };
    let search = window.location().search().unwrap_or_default();
    let from_url = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("workers=")?.parse::<usize>().ok());
    let cores = window.navigator().hardware_concurrency() as usize;
    from_url
        .unwrap_or(cores.saturating_sub(1).max(cores.min(2)))
        .clamp(1, 8)
}

/// The page's clock [ms]: `performance.now()` (monotonic; the benchmark reads the batch's start
/// and finish on it), `Date.now()` where there is none. Refresh pacing uses it too.
fn page_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

struct Inner {
    bridges: Vec<WorkerBridge<ReplicationWorker>>,
    in_flight: Vec<usize>,
    batch: u32,
    settings: Option<Settings>,
    scenario_json: String,
    reference_json: String,
    same_as_reference: bool,
    jobs: VecDeque<(Tag, u32)>,
    runs: BTreeMap<u32, Rc<RepSummary>>,
    /// The band series of `runs`, sorted per day as they arrive.
    columns: BandColumns,
    /// The bands of `columns` and their digest, computed when `columns` last changed.
    bands: Option<(Rc<DailyBands>, String)>,
    /// The last bands of an earlier batch, shown until this batch has its own.
    previous: Option<Rc<DailyBands>>,
    /// When the bands were last recomputed [`page_ms`].
    bands_at: f64,
    /// When the batch was asked for and when it finished [`page_ms`].
    started_ms: f64,
    finished_ms: Option<f64>,
    /// Compute time reported by the workers for this batch [ms].
    worker_ms: f64,
    /// Do-nothing replications by index, for `reference_seed`.
    reference: BTreeMap<u32, Rc<RepSummary>>,
    reference_seed: Option<u64>,
    waiting: bool,
    error: Option<String>,
    debounce: Option<Timeout>,
    refresh_timer: Option<Timeout>,
    /// When the snapshot was last published [`page_ms`].
    last_refresh: f64,
    set: Option<UseStateSetter<Replications>>,
    this: Weak<RefCell<Inner>>,
    /// The scenario of the batch, with the batch's seed (for `?check-worker`).
    scenario: Option<Scenario>,
    /// The scenario and number of replications of the last restart, as the page handed them.
    asked: Option<(Rc<Scenario>, u32)>,
    /// The change being rendered came from a lever, which may move again at once: its batch
    /// waits [`DEBOUNCE_MS`] for the lever to settle (any other change starts its batch at once).
    settle: bool,
    check: Option<String>,
}

impl Inner {
    fn new() -> Inner {
        Inner {
            bridges: Vec::new(),
            in_flight: Vec::new(),
            batch: 0,
            settings: None,
            scenario_json: String::new(),
            reference_json: String::new(),
            same_as_reference: false,
            jobs: VecDeque::new(),
            runs: BTreeMap::new(),
            columns: BandColumns::default(),
            bands: None,
            previous: None,
            bands_at: 0.0,
            started_ms: 0.0,
            finished_ms: None,
            worker_ms: 0.0,
            reference: BTreeMap::new(),
            reference_seed: None,
            waiting: true,
            error: None,
            debounce: None,
            refresh_timer: None,
            last_refresh: 0.0,
            set: None,
            this: Weak::new(),
            scenario: None,
            asked: None,
            settle: false,
            check: None,
        }
    }

    fn target(&self) -> u32 {
        self.settings.map(|s| s.replications).unwrap_or(0)
    }

    /// A new scenario (its seed included) or a new number of replications: cancel the batch that
    /// has started (if one has), start a new one — after the debounce if a lever moved.
    fn restart(&mut self, scenario: &Scenario, replications: u32) {
        let settings = Settings {
            replications,
            seed: scenario.seed,
        };
        self.started_ms = page_ms();
        self.finished_ms = None;
        self.worker_ms = 0.0;
        let was_running = !self.waiting;
        if was_running {
            // Everything of batches up to this one is dropped by the workers.
            for b in &self.bridges {
                b.send(ToWorker::Cancel {
                    batch: self.batch + 1,
                });
            }
            if let Some((bands, _)) = self.bands.take() {
                self.previous = Some(bands);
            }
            self.in_flight.iter_mut().for_each(|n| *n = 0);
            self.jobs.clear();
            self.runs.clear();
            self.columns = BandColumns::default();
        }
        self.error = None;
        self.check = None;
        self.waiting = true;
        self.refresh_timer = None;

        // The scenario is encoded for the workers when the batch starts, not on every step.
        self.scenario = Some(scenario.clone());
        let changed = self.settings != Some(settings);
        self.settings = Some(settings);
        if was_running || changed {
            self.publish();
        }

        if !self.settle {
            // A preset, a seed, a number of replications, an opened file or link, an undo: done
            // at once, nothing to wait for.
            self.start();
            return;
        }
        let weak = self.this.clone();
        self.debounce = Some(Timeout::new(DEBOUNCE_MS, move || {
            if let Some(inner) = weak.upgrade() {
                inner.borrow_mut().start();
            }
        }));
    }

    fn start(&mut self) {
        self.debounce = None;
        self.waiting = false;
        self.batch += 1;
        let (Some(sc), Some(settings)) = (self.scenario.clone(), self.settings) else {
            return;
        };
        let mut reference = careflow_model::preset(REFERENCE)
            .map(|p| p.scenario)
            .unwrap_or_default();
        reference.seed = settings.seed;
        self.same_as_reference = sc == reference;
        self.scenario_json = serde_json::to_string(&sc).unwrap_or_default();
        self.reference_json = serde_json::to_string(&reference).unwrap_or_default();
        if self.reference_seed != Some(settings.seed) {
            self.reference.clear();
            self.reference_seed = Some(settings.seed);
        }
        let n = self.target();
        self.jobs = (0..n).map(|r| (Tag::Scenario, r)).collect();
        if !self.same_as_reference {
            self.jobs.extend(
                (0..n)
                    .filter(|r| !self.reference.contains_key(r))
                    .map(|r| (Tag::Reference, r)),
            );
        }
        for w in 0..self.bridges.len() {
            while self.in_flight[w] < IN_FLIGHT && self.dispatch(w) {}
        }
        self.publish();
    }

    /// Sends the next job to worker `w`; false when none is left.
    fn dispatch(&mut self, w: usize) -> bool {
        let Some((tag, rep)) = self.jobs.pop_front() else {
            return false;
        };
        let scenario_json = match tag {
            Tag::Scenario => self.scenario_json.clone(),
            Tag::Reference => self.reference_json.clone(),
        };
        self.bridges[w].send(ToWorker::Run {
            batch: self.batch,
            tag,
            scenario_json,
            reps: vec![rep],
        });
        self.in_flight[w] += 1;
        true
    }

    fn received(&mut self, w: usize, msg: FromWorker) {
        match msg {
            FromWorker::Done {
                batch,
                tag,
                rep,
                summary,
                millis,
            } => {
                // A batch cancelled by a change is over, even before the next one has a number.
                if self.waiting || batch != self.batch {
                    return;
                }
                self.worker_ms += millis;
                self.in_flight[w] = self.in_flight[w].saturating_sub(1);
                let summary = Rc::new(summary);
                match tag {
                    Tag::Scenario => {
                        // The do-nothing scenario's own runs are the reference for this seed:
                        // kept, the first lever move away from it need not run them again.
                        if self.same_as_reference {
                            self.reference.insert(rep, summary.clone());
                        }
                        if self.runs.insert(rep, summary.clone()).is_none() {
                            self.columns.add(&summary);
                        }
                    }
                    Tag::Reference => {
                        self.reference.insert(rep, summary);
                    }
                }
                self.dispatch(w);
                let first_bands = tag == Tag::Scenario && self.runs.len() == 2;
                let all_in = self.jobs.is_empty() && self.in_flight.iter().all(|&n| n == 0);
                if first_bands || all_in || page_ms() - self.last_refresh >= REFRESH_MS {
                    self.publish();
                } else if self.refresh_timer.is_none() {
                    let weak = self.this.clone();
                    let wait = (REFRESH_MS - (page_ms() - self.last_refresh)).max(0.0) as u32;
                    self.refresh_timer = Some(Timeout::new(wait, move || {
                        if let Some(inner) = weak.upgrade() {
                            inner.borrow_mut().publish();
                        }
                    }));
                }
            }
            FromWorker::Failed { batch, message } => {
                if !self.waiting && batch == self.batch {
                    self.error = Some(message);
                    self.jobs.clear();
                    self.publish();
                }
            }
        }
    }

    /// Computes the snapshot (bands included) and hands it to the page.
    fn publish(&mut self) {
        self.refresh_timer = None;
        self.last_refresh = page_ms();
        let Some(settings) = self.settings else {
            return;
        };
        let runs: Vec<Rc<RepSummary>> = self.runs.values().cloned().collect();
        let (reference, reference_missing) = if self.same_as_reference {
            (runs.clone(), 0)
        } else {
            let n = settings.replications;
            let have: Vec<Rc<RepSummary>> =
                self.reference.range(0..n).map(|(_, r)| r.clone()).collect();
            let missing = n - have.len() as u32;
            (have, missing)
        };
        let finished =
            !self.waiting && runs.len() as u32 >= settings.replications && reference_missing == 0;
        if finished && self.finished_ms.is_none() {
            self.finished_ms = Some(page_ms());
        }
        if finished && self.check.is_none() && wants_check() {
            self.check = self
                .scenario
                .as_ref()
                .map(|sc| check_against_page(sc, &runs));
        }
        // Bands only when replications were added since (the reference runs change nothing here),
        // at the first bands, at the end of the scenario's runs, or after `BANDS_MS`; and then
        // from the sorted columns: no sorting on the main thread.
        let stale = self
            .bands
            .as_ref()
            .is_none_or(|(b, _)| b.replications != self.columns.replications());
        let due = self.bands.is_none()
            || runs.len() as u32 >= settings.replications
            || self.last_refresh - self.bands_at >= BANDS_MS;
        if stale && due {
            self.bands_at = self.last_refresh;
            self.bands = self.columns.bands().map(|b| {
                let digest = bands_digest(&b);
                (Rc::new(b), digest)
            });
        }
        if self.bands.is_some() {
            self.previous = None;
        }
        let snapshot = Replications {
            batch: self.batch,
            seed: settings.seed,
            target: settings.replications,
            bands_digest: self.bands.as_ref().map(|b| b.1.clone()).unwrap_or_default(),
            runs_digest: runs_digest(&runs),
            bands: self.bands.as_ref().map(|b| b.0.clone()),
            previous: self.previous.clone(),
            runs: Runs(Rc::new(runs)),
            reference: Runs(Rc::new(reference)),
            reference_missing,
            workers: self.bridges.len(),
            waiting: self.waiting,
            error: self.error.clone(),
            started_ms: self.started_ms,
            finished_ms: self.finished_ms,
            worker_ms: self.worker_ms,
            check: self.check.clone(),
        };
        if let Some(set) = &self.set {
            set.set(snapshot);
        }
    }
}

fn wants_check() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|s| s.contains("check-worker"))
}

/// Recomputes the first two replications on this (main) thread and compares them with what the
/// workers sent: the end-to-end round-trip test. Blocks the page for two runs; only ever on request.
fn check_against_page(sc: &Scenario, runs: &[Rc<RepSummary>]) -> String {
    let mut problems = Vec::new();
    for (rep, from_worker) in runs.iter().enumerate().take(2) {
        match crate::workers::replication::simulate(sc, rep as u32) {
            Ok(here) if here == **from_worker => {}
            Ok(here) => problems.push(format!(
                "replication {rep}: page digest {:016x}, worker digest {:016x}",
                here.digest, from_worker.digest
            )),
            Err(e) => problems.push(format!("replication {rep}: {e}")),
        }
    }
    if problems.is_empty() {
        "match".into()
    } else {
        problems.join("; ")
    }
}

/// Runs `replications` replications of `scenario`, with the scenario's seed, in web workers and
/// returns what is known so far. `settle`: the latest change came from a lever, so its batch waits
/// for the lever to stop moving ([`DEBOUNCE_MS`]).
#[hook]
pub fn use_replications(scenario: Rc<Scenario>, replications: u32, settle: bool) -> Replications {
    let snapshot = use_state(Replications::default);
    let inner = use_mut_ref(Inner::new);
    // Read by this render's effect below (effects run after the render).
    inner.borrow_mut().settle = settle;
    {
        let inner = inner.clone();
        let set = snapshot.setter();
        use_effect_with((), move |_| {
            let weak = Rc::downgrade(&inner);
            {
                let mut i = inner.borrow_mut();
                i.this = weak.clone();
                i.set = Some(set);
                let n = worker_count();
                for w in 0..n {
                    let weak = weak.clone();
                    let bridge = WorkerSpawner::<ReplicationWorker, yew_agent::Bincode>::new()
                        .callback(move |msg: FromWorker| {
                            if let Some(inner) = weak.upgrade() {
                                inner.borrow_mut().received(w, msg);
                            }
                        })
                        .spawn(WORKER_PATH);
                    i.bridges.push(bridge);
                    i.in_flight.push(0);
                }
            }
            let inner = inner.clone();
            move || {
                // Dropping the bridges terminates the workers.
                let mut i = inner.borrow_mut();
                i.debounce = None;
                i.refresh_timer = None;
                i.set = None;
                i.bridges.clear();
            }
        });
    }
    {
        let inner = inner.clone();
        let scenario = scenario.clone();
        use_effect_with((scenario, replications), move |(scenario, replications)| {
            let mut i = inner.borrow_mut();
            i.asked = Some((scenario.clone(), *replications));
            i.restart(scenario, *replications);
        });
    }
    let mut out = (*snapshot).clone();
    // A change the restart (an effect, after this render) has not seen yet: the page draws the
    // bands as they will be once it has (this batch's bands become the previous, faded ones), so a
    // lever step draws its charts once, not a second time when the restart's snapshot arrives.
    let unseen = inner
        .borrow()
        .asked
        .as_ref()
        .is_some_and(|(s, n)| !Rc::ptr_eq(s, &scenario) || *n != replications);
    if unseen {
        if let Some(b) = out.bands.take() {
            out.previous = Some(b);
        }
    }
    out
}
