//! The live (system-dynamics) engine's runs as the page asks for them: the last few remembered, and
//! the runs a lever's next keyboard step would ask for computed ahead, while the page is idle.
//!
//! A run is a pure function of its scenario, so a remembered run is the run: the cache is keyed on
//! the whole [`Scenario`] (exact equality, seed included) and a guess that does not come true costs
//! only the idle time it took. A focused slider names the values one step down and one step up
//! (as the browser itself would step them, see `components::lever`), and [`run_ahead`] queues the
//! scenarios those values make of the one on screen; a timer runs them one at a time once the
//! step's frame is on screen, so the next step finds its run done and its frame holds only the
//! views and the drawing.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use careflow_model::{run, LeverId, ModelError, Results, Scenario};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;

/// A live run as the page holds it.
pub type LiveRun = Rc<Result<Rc<Results>, ModelError>>;

/// Runs remembered: the one on screen, the ones around it a lever can step to, and a few the user
/// has just left (a step back finds its run). Each is a few hundred kB.
const REMEMBERED: usize = 8;
/// How long after a step the runs ahead start [ms]: after the step's own frame has been drawn and
/// painted, and long before the next keyboard step (a held key repeats every ≈ 33 ms, and then a
/// new step re-arms the timer, so the runs wait for the steps to pause). Not an idle callback:
/// Chromium gives none for ≈ 300 ms after an input.
const AHEAD_DELAY_MS: u32 = 30;
/// Between two runs ahead [ms]: a pause in which an input can come first.
const BETWEEN_RUNS_MS: u32 = 4;

#[derive(Default)]
struct Runs {
    /// Most recently used first.
    recent: VecDeque<(Rc<Scenario>, LiveRun)>,
    /// The scenario on screen (the last one asked for by [`live_run`]).
    current: Option<Rc<Scenario>>,
    /// Scenarios to run ahead, first first.
    ahead: VecDeque<Scenario>,
    /// The timer of the next run ahead.
    timer: Option<Timeout>,
}

thread_local! {
    static RUNS: RefCell<Runs> = RefCell::new(Runs::default());
}

impl Runs {
    fn find(&mut self, sc: &Scenario) -> Option<LiveRun> {
        let i = self.recent.iter().position(|(s, _)| **s == *sc)?;
        let entry = self.recent.remove(i)?;
        let found = entry.1.clone();
        self.recent.push_front(entry);
        Some(found)
    }

    fn remember(&mut self, sc: Rc<Scenario>, r: LiveRun) {
        self.recent.push_front((sc, r));
        self.recent.truncate(REMEMBERED);
    }
}

/// The run of `sc`: remembered, or computed now (and remembered). `sc` becomes the scenario that
/// lever steps are anticipated from.
pub fn live_run(sc: &Rc<Scenario>) -> LiveRun {
    let found = RUNS.with(|r| {
        let mut r = r.borrow_mut();
        r.current = Some(sc.clone());
        r.find(sc)
    });
    run_hook(found.is_some());
    if let Some(found) = found {
        return found;
    }
    let result: LiveRun = Rc::new(run(sc).map(Rc::new));
    RUNS.with(|r| r.borrow_mut().remember(sc.clone(), result.clone()));
    result
}

/// Whether the run of `sc` is remembered (computed, on screen or ahead), without changing what is on
/// screen.
pub fn remembered(sc: &Scenario) -> bool {
    RUNS.with(|r| r.borrow().recent.iter().any(|(s, _)| **s == *sc))
}

/// Tells a listening benchmark (`window.__careflowLiveRun(found)`) whether the run asked for was
/// found computed.
fn run_hook(found: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(f) = js_sys::Reflect::get(&window, &"__careflowLiveRun".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call1(&wasm_bindgen::JsValue::NULL, &found.into());
        }
    }
}

/// Computes ahead, when the page is idle, the runs of the scenario on screen with lever `id` at each
/// of `values` (replacing what was queued: only the focused lever's neighbours are worth having).
pub fn run_ahead(id: LeverId, values: &[f64]) {
    RUNS.with(|r| {
        let mut r = r.borrow_mut();
        let Some(current) = r.current.clone() else {
            return;
        };
        r.ahead.clear();
        for &v in values {
            if current.lever(id) == v {
                continue;
            }
            let mut s = (*current).clone();
            // As `State::apply` makes it for a lever move; a value the lever refuses is not a step.
            if s.set_lever(id, v).is_ok() && r.find(&s).is_none() {
                r.ahead.push_back(s);
            }
        }
        r.timer = (!r.ahead.is_empty()).then(|| Timeout::new(AHEAD_DELAY_MS, run_next));
    });
}

/// Runs the first queued scenario; the next one after a pause.
fn run_next() {
    let Some(sc) = RUNS.with(|r| {
        let mut r = r.borrow_mut();
        r.timer = None;
        r.ahead.pop_front()
    }) else {
        return;
    };
    // User Timing entries: profilers and the benchmark see when the runs ahead ran.
    let perf = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &perf {
        let _ = p.mark("careflow-run-ahead-start");
    }
    let result: LiveRun = Rc::new(run(&sc).map(Rc::new));
    if let Some(p) = &perf {
        let _ = p.measure_with_start_mark("careflow-run-ahead", "careflow-run-ahead-start");
    }
    RUNS.with(|r| {
        let mut r = r.borrow_mut();
        r.remember(Rc::new(sc), result);
        if !r.ahead.is_empty() {
            r.timer = Some(Timeout::new(BETWEEN_RUNS_MS, run_next));
        }
    });
}
