//! The replication worker (a yew-agent [`Worker`]): it receives a scenario, its seed and replication
//! indices, runs each replication of the discrete-event engine and answers with one
//! [`RepSummary`] per replication as soon as it is done (results stream, the main thread never
//! waits for a whole batch).
//!
//! Cancellation: the engine is stepped in slices of simulated time and the worker yields to its
//! event loop between slices (a `MessageChannel` round trip, which, unlike `setTimeout`, is not
//! clamped to 4 ms), so a [`ToWorker::Cancel`] or a newer batch is seen within ≈ 5 ms of compute
//! rather than at the end of a replication.
//!
//! The scenario travels as JSON text: the default bincode codec of yew-agent cannot decode the
//! internally tagged enums of `Scenario`, and a few kilobytes per job cost nothing next to the run.

use std::collections::VecDeque;
use std::rc::Rc;

use careflow_model::calendar::days;
use careflow_model::des::run::assemble;
use careflow_model::des::{DesRun, Engine};
use careflow_model::Scenario;
use serde::{Deserialize, Serialize};
use yew_agent::worker::{HandlerId, Worker, WorkerScope};

/// Which scenario a job belongs to: the one being explored, or the `do-nothing` reference the cost
/// change is measured against (same seed and replication index: common random numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tag {
    Scenario,
    Reference,
}

/// Main thread → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Run replications `reps` of the scenario (JSON; its `seed` field is the seed) for batch
    /// `batch`. A newer batch drops every job of older ones; jobs of the same batch queue up.
    Run {
        batch: u32,
        tag: Tag,
        scenario_json: String,
        reps: Vec<u32>,
    },
    /// Drop every job of batches older than `batch` at once, including a replication half done.
    Cancel { batch: u32 },
}

/// Worker → main thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// Replication `rep` of batch `batch` is done.
    Done {
        batch: u32,
        tag: Tag,
        rep: u32,
        summary: RepSummary,
        /// Wall time the replication took in the worker [ms].
        millis: f64,
    },
    /// The scenario could not be decoded or is invalid.
    Failed { batch: u32, message: String },
}

/// What the main thread needs from one replication for bands and risk KPIs (a few tens of kB,
/// not the whole `Results`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RepSummary {
    /// Digest of every daily output of the replication (`DesRun::digest`).
    pub digest: u64,
    /// Events handled.
    pub events: u64,
    /// Per financial year.
    pub years: Vec<YearRisk>,
    /// Per day: occupied acute beds at the census [beds].
    pub occupied_beds: Vec<f32>,
    /// Per day: delayed transfers of care in acute beds at the census [people].
    pub delayed_total: Vec<f32>,
}

/// One replication's figures for one financial year.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct YearRisk {
    /// Delayed bed days ÷ occupied bed days [share].
    pub dtoc_share: f64,
    /// Deaths at home or in a care home ÷ all deaths [share].
    pub home_or_care_home_death_share: f64,
    /// Commissioner spending modelled [£/year].
    pub commissioner_cost: f64,
    /// Hospital cost of acute beds [£/year].
    pub provider_cost: f64,
    /// Care packages and placements [£/year].
    pub social_care_cost: f64,
    /// Days on which an emergency waited in A&E for a bed at some moment [days].
    pub days_waiting_for_bed: f64,
    /// Mean of daily occupied ÷ open base beds (escalation beds count as occupied) [share].
    pub mean_occupancy: f64,
    /// Winter days (December to February) in the year [days].
    pub winter_days: u32,
    /// Winter days with occupied beds above 95% of the open base beds at the census [days].
    pub winter_days_over_95: u32,
}

/// Occupancy of the open base beds above which a day counts as over-full (the 95% line on the
/// beds chart) [share].
pub const OCCUPANCY_ALERT: f64 = 0.95;

/// The summary of a finished replication.
pub fn summarise(sc: &Scenario, run: &DesRun) -> RepSummary {
    let ds = days(sc.start_year, sc.years);
    let mut years: Vec<YearRisk> = run
        .results
        .yearly
        .iter()
        .zip(&run.days_with_emergency_waiting_for_bed)
        .map(|(y, &wait)| YearRisk {
            dtoc_share: y.dtoc_share,
            home_or_care_home_death_share: y.home_or_care_home_death_share,
            commissioner_cost: y.commissioner_cost,
            provider_cost: y.provider_cost,
            social_care_cost: y.social_care_cost,
            days_waiting_for_bed: wait,
            mean_occupancy: y.mean_occupancy,
            winter_days: 0,
            winter_days_over_95: 0,
        })
        .collect();
    let occupancy = &run.results.daily.occupancy;
    for (d, &o) in ds.iter().zip(occupancy) {
        if matches!(d.month, 12 | 1 | 2) {
            if let Some(y) = years.get_mut(d.year_index as usize) {
                y.winter_days += 1;
                y.winter_days_over_95 += u32::from(o > OCCUPANCY_ALERT);
            }
        }
    }
    let f32s = |v: &[f64]| v.iter().map(|&x| x as f32).collect();
    RepSummary {
        digest: run.digest.0,
        events: run.events,
        years,
        occupied_beds: f32s(&run.results.daily.occupied_beds),
        delayed_total: f32s(&run.results.daily.delayed_total),
    }
}

/// Replication `rep` of `sc` in one go (what the worker computes by slices); the browser tests
/// compare the worker's answer with it.
pub fn simulate(sc: &Scenario, rep: u32) -> Result<RepSummary, String> {
    let run = careflow_model::des::run(sc, rep).map_err(|e| e.to_string())?;
    Ok(summarise(sc, &run))
}

/// Decodes a job's scenario and checks it.
pub fn decode_scenario(json: &str) -> Result<Scenario, String> {
    let sc = Scenario::from_json(json)?;
    sc.validate().map_err(|issues| {
        issues
            .iter()
            .map(|i| i.message.clone())
            .collect::<Vec<_>>()
            .join(" ")
    })?;
    Ok(sc)
}

/// Simulated time advanced per slice before checking the clock [days].
const SLICE_DAYS: f64 = 10.0;
/// Compute time after which the worker yields to its event loop [ms]: a lever step's cancel stops
/// the worker this soon, so the step's frame does not share the cores with a stale batch for long.
/// The replication benchmark shows no loss against 15 ms (100 replications: 5.97 s and 5.90 s,
/// side by side on one load).
const YIELD_AFTER_MS: f64 = 5.0;

/// One replication computed slice by slice (what the worker does between yields).
pub struct SlicedRun {
    scenario: Rc<Scenario>,
    engine: Engine,
    /// Simulated time reached [days after 1 April of the start year].
    t: f64,
}

impl SlicedRun {
    /// Replication `rep` of `scenario` (already validated), not started.
    pub fn new(scenario: Rc<Scenario>, rep: u32) -> SlicedRun {
        let engine = Engine::new(&scenario, rep);
        SlicedRun {
            scenario,
            engine,
            t: 0.0,
        }
    }

    /// Advances `days` of simulated time; true when every day is recorded.
    pub fn advance(&mut self, days: f64) -> bool {
        self.t += days;
        self.engine.step_until(self.t);
        self.engine.is_done()
    }

    /// The summary of the finished (or, if not yet finished, completed) replication.
    pub fn finish(self) -> RepSummary {
        let (daily, extras) = self.engine.finish();
        summarise(&self.scenario, &assemble(&self.scenario, daily, extras))
    }
}

struct Job {
    batch: u32,
    tag: Tag,
    rep: u32,
    scenario: Rc<Scenario>,
    to: HandlerId,
}

struct Current {
    job: Job,
    run: SlicedRun,
    started_ms: f64,
}

/// The worker agent.
pub struct ReplicationWorker {
    /// Newest batch seen; jobs of older batches are dropped.
    batch: u32,
    queue: VecDeque<Job>,
    current: Option<Current>,
    /// A step is scheduled (at most one at a time).
    stepping: bool,
    /// Used to yield to the event loop between slices.
    channel: Option<web_sys::MessageChannel>,
}

/// The worker's own message: do the next slice of work.
pub enum Step {
    Go,
}

/// Resolves after the worker's event loop has had a turn (pending messages, such as a cancel, are
/// delivered first). One channel serves the worker's whole life: at most one yield is pending.
async fn yield_to_event_loop(channel: Option<web_sys::MessageChannel>) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let sent = channel.as_ref().is_some_and(|ch| {
            ch.port1().set_onmessage(Some(&resolve));
            ch.port2()
                .post_message(&wasm_bindgen::JsValue::NULL)
                .is_ok()
        });
        if !sent {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

impl ReplicationWorker {
    fn schedule(&mut self, scope: &WorkerScope<Self>) {
        if self.stepping || (self.current.is_none() && self.queue.is_empty()) {
            return;
        }
        self.stepping = true;
        let channel = self.channel.clone();
        scope.send_future(async move {
            yield_to_event_loop(channel).await;
            Step::Go
        });
    }

    fn drop_older_than(&mut self, batch: u32) {
        if batch > self.batch {
            self.batch = batch;
            self.queue.clear();
            self.current = None;
        }
    }
}

impl Worker for ReplicationWorker {
    type Message = Step;
    type Input = ToWorker;
    type Output = FromWorker;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        ReplicationWorker {
            batch: 0,
            queue: VecDeque::new(),
            current: None,
            stepping: false,
            channel: web_sys::MessageChannel::new().ok(),
        }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, _msg: Step) {
        self.stepping = false;
        let start = js_sys::Date::now();
        while js_sys::Date::now() - start < YIELD_AFTER_MS {
            if self.current.is_none() {
                let Some(job) = self.queue.pop_front() else {
                    break;
                };
                let run = SlicedRun::new(job.scenario.clone(), job.rep);
                self.current = Some(Current {
                    job,
                    run,
                    started_ms: js_sys::Date::now(),
                });
            }
            let Some(cur) = self.current.as_mut() else {
                break;
            };
            if cur.run.advance(SLICE_DAYS) {
                let Some(Current {
                    job,
                    run,
                    started_ms,
                }) = self.current.take()
                else {
                    break;
                };
                let summary = run.finish();
                scope.respond(
                    job.to,
                    FromWorker::Done {
                        batch: job.batch,
                        tag: job.tag,
                        rep: job.rep,
                        summary,
                        millis: js_sys::Date::now() - started_ms,
                    },
                );
            }
        }
        self.schedule(scope);
    }

    fn received(&mut self, scope: &WorkerScope<Self>, msg: ToWorker, id: HandlerId) {
        match msg {
            ToWorker::Cancel { batch } => self.drop_older_than(batch),
            ToWorker::Run {
                batch,
                tag,
                scenario_json,
                reps,
            } => {
                self.drop_older_than(batch);
                if batch < self.batch {
                    return;
                }
                match decode_scenario(&scenario_json) {
                    Ok(sc) => {
                        let scenario = Rc::new(sc);
                        self.queue.extend(reps.into_iter().map(|rep| Job {
                            batch,
                            tag,
                            rep,
                            scenario: scenario.clone(),
                            to: id,
                        }));
                        self.schedule(scope);
                    }
                    Err(message) => scope.respond(id, FromWorker::Failed { batch, message }),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliced_run_equals_one_run_and_scenarios_decode_and_validate() {
        let mut sc = Scenario {
            years: 1,
            seed: 7,
            ..Default::default()
        };
        let whole = simulate(&sc, 2).unwrap();
        let mut sliced = SlicedRun::new(Rc::new(sc.clone()), 2);
        let mut slices = 0;
        while !sliced.advance(SLICE_DAYS) {
            slices += 1;
        }
        assert!(slices > 30);
        assert_eq!(sliced.finish(), whole);
        assert_eq!(whole.years.len(), 1);
        assert_eq!(whole.years[0].winter_days, 31 + 31 + 28);
        let json = serde_json::to_string(&sc).unwrap();
        assert_eq!(decode_scenario(&json).unwrap(), sc);
        // A scenario of an older schema version is upgraded, as the CLI and the file open do.
        let v1 = include_str!("../../tests/fixtures/ben-baseline-2008.v1.json");
        assert!(decode_scenario(v1).is_ok());
        sc.beds.base = -5.0;
        assert!(decode_scenario(&serde_json::to_string(&sc).unwrap()).is_err());
    }
}
