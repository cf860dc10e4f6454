//! The whole-system discrete-event engine: individual patients flowing through the local health
//! economy described by a [`Scenario`], one replication at a time. Each day's rates and
//! capacities come from [`crate::rules`], as the system-dynamics engine's do.
//!
//! # The services, one file each
//! - [`acute`]: emergency and planned arrivals, admission to an acute bed or a wait in A&E,
//!   stays, and the end of a stay (death in hospital, home, or a downstream service);
//! - [`community`]: admission-avoidance caseloads and early supported discharge (places that
//!   are held for a length of service);
//! - [`discharge`]: what a patient fit to leave waits for in the acute bed — the discharge steps
//!   of their pathway (assessment, funding, choice, arranging; process times in working days),
//!   then room in the service: a step-down bed, or a vacancy of a care package or care home;
//! - [`recorder`]: the daily census and the day's flows, deaths and costs.
//!
//! # Queue disciplines
//! - Emergencies who find no free acute bed wait in A&E, first come first served (or, with
//!   [`WhenFull::TurnAway`], go to another hospital). A planned patient who finds no free bed, or
//!   emergencies waiting, is cancelled that day. Escalation beds open on days whose census
//!   reaches the trigger.
//! - Discharge steps are done one after another; each takes an exponential time in working days.
//!   Under discharge to assess the assessment and funding steps are done after the transfer (in
//!   the step-down bed, or with the package or placement already running).
//! - Step-down beds are a pool, first come first served; a step-down patient needing a package
//!   or a care home afterwards waits in the step-down bed.
//! - Care packages and care homes offer vacancies as a Poisson process at the day's rate (the
//!   week's starts, spread over the days by weekend working). A vacancy goes to the patient who
//!   has waited longest (from hospital or step-down); when nobody waits it goes to the community.
//!   Only the vacancy that would come next matters while someone waits, so one is scheduled
//!   whenever the queue is not empty (exact, by the memorylessness of the Poisson process).
//! - Deaths: total deaths each day are Poisson at the crude death rate × population; those in
//!   acute beds are the spells that end in death; the rest (community deaths) are split at random
//!   into hospice, care home, elsewhere and home.
//! - Warm-up: the run starts [`WARMUP_DAYS`] before 1 April, replaying the first week; the long
//!   caseloads (care packages, care homes, admission avoidance) start at their steady-state size.
//!
//! # Recording
//! Stocks are recorded at the daily census (the start of the day, before that day's flows); flows
//! are totals over the day — the conventions of [`crate::results::Daily`], which this engine fills.

mod acute;
mod cohort;
mod community;
mod discharge;
mod patients;
mod recorder;
mod services;

pub use recorder::{DesExtras, EolTally};

use super::clock::RateClock;
use super::event_list::{Calendar, Event};
use super::pool::Pool;
use super::rng::RandomStream as Rng;
use super::sample::Sampler;
use super::single_pool::WhenFull;
use crate::distribution::Distribution;
use crate::results::Daily;
use crate::rules::{Rules, WARMUP_DAYS};
use crate::scenario::{Scenario, Service, Stream};
use community::{EndTimes, Places};
use discharge::StartsQueue;
use patients::{Patients, Place};
use recorder::DayFlows;

/// Sub-stream ids: one per random process (common random numbers across scenarios).
mod sid {
    pub const ARRIVALS: u64 = 0; // + stream index 0..4, 4 = elective
    pub const LOS: u64 = 10; // + stream index
    pub const AVOID: u64 = 20; // + stream index: eligibility and effect
    pub const AVOID_STAY: u64 = 30; // + stream index
    pub const DESTINATION: u64 = 40; // + stream index
    pub const STEP_DOWN: u64 = 50;
    pub const VACANCIES: u64 = 60; // + starts service (0 packages, 1 care homes)
    pub const CASELOAD: u64 = 70; // + starts service
    pub const ESD: u64 = 80;
    pub const DEATHS: u64 = 90;
    pub const INITIAL: u64 = 95;
    pub const STEPS: u64 = 100; // + service index
    pub const DISCHARGE_TO_ASSESS: u64 = 110;
    pub const COHORT: u64 = 120; // and 121 (times)
}

/// Options of the DES that are not (yet) scenario fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DesOptions {
    /// What an emergency does when every acute bed is occupied.
    pub when_full: WhenFull,
}

impl Default for DesOptions {
    fn default() -> Self {
        DesOptions {
            when_full: WhenFull::Queue,
        }
    }
}

/// The planned-admission pseudo-stream index (after the four emergency streams).
const ELECTIVE: u8 = 4;

/// Events in the calendar. Arrivals are not among them: each stream's next arrival time waits in
/// [`Engine::next_arrival`], and the main loop takes whichever comes first (calendar events first
/// on a tie), which spares the calendar nearly half of all events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ev {
    /// Start of day `d` (counted from the first warm-up day): census, capacities; at time `d`.
    Day(u32),
    /// End of the acute stay of patient `pid`.
    Fit(u32),
    /// `pid` finishes a discharge step.
    StepDone(u32),
    /// End of the step-down stay of `pid`.
    StepDownEnd(u32),
    /// A vacancy of a starts service (care package or care home).
    Vacancy(Service),
    /// The end of person `id`'s last months (the end-of-life cohort).
    Death(u32),
}

/// Bits of the packed event below its 3-bit kind.
const KIND_SHIFT: u32 = 29;
const ID_MASK: u32 = (1 << KIND_SHIFT) - 1;
/// The packed kind of [`Ev::Fit`], the most frequent event.
const FIT_KIND: u32 = 1;

/// Packed as a 3-bit kind over a 29-bit day, patient id or service (ids stay far below 2^29: they
/// are reused, so they count the patients in the system at once).
impl Event for Ev {
    #[inline]
    fn pack(self) -> u32 {
        debug_assert!(
            !matches!(self, Ev::Day(v) | Ev::Fit(v) | Ev::StepDone(v) | Ev::StepDownEnd(v) | Ev::Death(v) if v > ID_MASK),
            "{self:?} does not fit in 29 bits"
        );
        match self {
            Ev::Day(d) => d & ID_MASK,
            Ev::Fit(pid) => (FIT_KIND << KIND_SHIFT) | (pid & ID_MASK),
            Ev::StepDone(pid) => (2 << KIND_SHIFT) | (pid & ID_MASK),
            Ev::StepDownEnd(pid) => (3 << KIND_SHIFT) | (pid & ID_MASK),
            Ev::Vacancy(s) => (4 << KIND_SHIFT) | s.index() as u32,
            Ev::Death(id) => (5 << KIND_SHIFT) | (id & ID_MASK),
        }
    }

    #[inline]
    fn unpack(bits: u32) -> Self {
        let v = bits & ID_MASK;
        match bits >> KIND_SHIFT {
            0 => Ev::Day(v),
            1 => Ev::Fit(v),
            2 => Ev::StepDone(v),
            3 => Ev::StepDownEnd(v),
            5 => Ev::Death(v),
            _ => Ev::Vacancy(Service::ALL[(v as usize).min(2)]),
        }
    }
}

/// One replication of the whole system, steppable: `step_until(t)` advances the clock, so a
/// browser worker can report progress and stop between steps.
pub struct Engine {
    sc: Scenario,
    opts: DesOptions,
    rules: Rules,
    /// The last simulated time [days from the first warm-up day].
    horizon: f64,
    cal: Calendar<Ev>,
    /// Next arrival of each stream (four emergency streams, then electives) [days]; infinite
    /// when the stream has no more arrivals before the horizon.
    next_arrival: [f64; 5],
    /// The stream whose arrival is first in `next_arrival` (the lowest on a tie).
    first_arrival: usize,
    /// Each stream's arrival process (one piece a day).
    arrivals: [super::arrivals::PiecewisePoisson; 5],
    arr_rng: [Rng; 5],
    // ---- acute beds ----
    los_rng: [Rng; 5],
    /// Per stream, electives last (whose draw always sends them home).
    dest_rng: [Rng; 5],
    los: [Sampler; 5],
    los_mean: [f64; 4],
    /// Per stream, the uniform draw's cut points between discharge destinations: died below
    /// `[0]`, then care package, step-down, care home, and home at or above `[3]` [cumulative
    /// share]; electives (index 4) all go home (cuts of 0), so their discharge takes the same
    /// path as an emergency's, without a branch on the kind of patient.
    dest_cuts: [[f64; 4]; 5],
    /// Per stream: tariff of an admission [£] (read by index: a `match` on the stream per event
    /// is an unpredictable jump).
    tariff: [f64; 4],
    beds: Pool<u32>,
    /// Acute beds held per stream, electives last [beds].
    in_bed: [u32; 5],
    /// Today's multiplier on drawn lengths of stay.
    los_factor: f64,
    /// Longest wait for a bed after the decision to admit within the A&E standard [days].
    ae_bed_wait_allowed: f64,
    /// Every admission through A&E is over the standard (the decision comes too late).
    ae_too_late: bool,
    // ---- community services ----
    avoid_rng: [Rng; 4],
    avoid_stay_rng: [Rng; 4],
    avoid_stay: [Sampler; 4],
    /// Per stream: the chance an avoidance place avoids the admission [share].
    avoid_effectiveness: [f64; 4],
    /// Share of each stream's arrivals eligible for admission avoidance today (0 on days without
    /// places, so the draw's test costs no misprediction) [share].
    avoid_eligible: [f64; 4],
    /// Per stream: some day of the run has avoidance places for it (else its arrivals skip the
    /// draw, whose sub-stream nothing else reads: the results are the same).
    avoid_ever: [bool; 4],
    avoid: [Places; 4],
    /// When community places end: these ends only free a place, so they wait in small heaps of
    /// their own and are applied when next looked at, not in the main calendar.
    avoid_ends: [EndTimes; 4],
    esd_rng: Rng,
    /// Per stream: the share of admissions eligible for early supported discharge (frail and
    /// other; 0 for end of life and ACSC) [share].
    esd_eligible: [f64; 4],
    esd: Places,
    /// Some day of the run has early-supported-discharge places (else admissions skip its draw).
    esd_ever: bool,
    esd_ends: EndTimes,
    /// The catalogue's services.
    svcs: services::DesServices,
    // ---- discharge ----
    patients: Patients,
    /// Patients fit to leave, in an acute bed, by reason and by the service they wait for.
    delayed_reason: [u32; 6],
    delayed_service: [u32; 3],
    /// Discharge steps: draws per service; the working clock that times them.
    step_rng: [Rng; 3],
    /// The steps each pathway draws through ([`discharge::step_table`]).
    step_table: [[Vec<discharge::StepDraw>; 2]; 3],
    d2a_rng: Rng,
    working: RateClock,
    /// Today's share discharged to assess.
    d2a_share: f64,
    step_down: Pool<u32>,
    step_rng_sd: Rng,
    step_stay: Sampler,
    /// The care-package (0) and care-home (1) vacancy queues.
    starts: [StartsQueue; 2],
    // ---- end of life ----
    cohort: cohort::Cohort,
    // ---- day ----
    /// Current day [days from the first warm-up day].
    day: u32,
    /// Expected community deaths still owed after days with many hospital deaths [deaths].
    death_budget: f64,
    death_rng: Rng,
    flows: DayFlows,
    out: Daily,
    extras: DesExtras,
}

/// Index of a starts service in [`Engine::starts`].
#[inline]
fn starts_slot(s: Service) -> usize {
    usize::from(s == Service::CareHome)
}

impl Engine {
    /// A new replication `replication` of `sc` (the scenario should be valid).
    pub fn new(sc: &Scenario, replication: u32) -> Engine {
        Engine::with_options(sc, replication, DesOptions::default())
    }

    /// As [`Engine::new`] with DES-only options.
    pub fn with_options(sc: &Scenario, replication: u32, opts: DesOptions) -> Engine {
        let seed = sc.seed;
        let r = |id: u64| Rng::new(seed, id, replication);
        let rules = Rules::new(sc);
        let horizon = rules.all.len() as f64;
        let los_d = |s: Stream| Sampler::new(sc.beds.los.get(s));
        let elective_los = Distribution::Exponential {
            mean: sc.demand.elective_los,
        };
        let cc = &sc.care_closer_to_home;
        let working = RateClock::new(rules.all.iter().map(|d| d.working_rate));
        let starts = [Service::CarePackage, Service::CareHome].map(|s| {
            let svc = sc.discharge.starts(s).expect("a starts service");
            StartsQueue::new(
                s,
                RateClock::new(rules.all.iter().map(|d| d.vacancies(s))),
                r(sid::VACANCIES + starts_slot(s) as u64),
                r(sid::CASELOAD + starts_slot(s) as u64),
                Sampler::new(&svc.length_of_service),
                svc.length_of_service.mean(),
            )
        });
        let n_days = rules.days.len();
        let svcs = services::DesServices::new(sc, &rules, &r);
        let mut e = Engine {
            opts,
            horizon,
            cal: Calendar::with_capacity(8192),
            next_arrival: [f64::INFINITY; 5],
            first_arrival: 0,
            arrivals: Default::default(),
            arr_rng: [0, 1, 2, 3, 4].map(|i| r(sid::ARRIVALS + i)),
            los_rng: [0, 1, 2, 3, 4].map(|i| r(sid::LOS + i)),
            dest_rng: [0, 1, 2, 3, 4].map(|i| r(sid::DESTINATION + i)),
            los: [
                los_d(Stream::EndOfLife),
                los_d(Stream::Acsc),
                los_d(Stream::Frail),
                los_d(Stream::Other),
                Sampler::new(&elective_los),
            ],
            los_mean: Stream::ALL.map(|s| sc.beds.los.get(s).mean().max(0.01)),
            dest_cuts: [0, 1, 2, 3, 4].map(|i| {
                let Some(&s) = Stream::ALL.get(i) else {
                    return [0.0; 4];
                };
                let d = sc.discharge.destinations.get(s);
                let live = 1.0 - d.died;
                [
                    d.died,
                    d.died + live * d.care_package,
                    d.died + live * (d.care_package + d.step_down),
                    d.died + live * (d.care_package + d.step_down + d.care_home),
                ]
            }),
            tariff: Stream::ALL.map(|s| *sc.money.emergency_tariff.get(s)),
            beds: Pool::new(0),
            in_bed: [0; 5],
            los_factor: 1.0,
            ae_bed_wait_allowed: sc.ae.bed_wait_allowed(),
            ae_too_late: sc.ae.decided_too_late(),
            avoid_rng: [0, 1, 2, 3].map(|i| r(sid::AVOID + i)),
            avoid_stay_rng: [0, 1, 2, 3].map(|i| r(sid::AVOID_STAY + i)),
            avoid_stay: Stream::ALL.map(|s| Sampler::new(&cc.avoidance.get(s).length_of_service)),
            avoid_effectiveness: Stream::ALL.map(|s| cc.avoidance.get(s).effectiveness),
            avoid_eligible: [0.0; 4],
            avoid_ever: [0, 1, 2, 3].map(|k| {
                rules
                    .all
                    .iter()
                    .any(|d| libm::round(d.avoid_places[k]) >= 1.0 && d.avoid_eligible[k] > 0.0)
            }),
            avoid: [Places::default(); 4],
            avoid_ends: Default::default(),
            esd_rng: r(sid::ESD),
            esd_eligible: Stream::ALL.map(|s| {
                if matches!(s, Stream::Frail | Stream::Other) {
                    cc.early_supported_discharge.eligible_share
                } else {
                    0.0
                }
            }),
            esd: Places::default(),
            esd_ever: rules.all.iter().any(|d| libm::round(d.esd_places) >= 1.0)
                && cc.early_supported_discharge.eligible_share > 0.0,
            esd_ends: EndTimes::default(),
            svcs,
            patients: Patients::with_capacity(4096),
            delayed_reason: [0; 6],
            delayed_service: [0; 3],
            step_rng: [0, 1, 2].map(|i| r(sid::STEPS + i)),
            step_table: discharge::step_table(sc),
            d2a_rng: r(sid::DISCHARGE_TO_ASSESS),
            working,
            d2a_share: 0.0,
            step_down: Pool::new(0),
            step_rng_sd: r(sid::STEP_DOWN),
            step_stay: Sampler::new(&sc.discharge.step_down.length_of_stay),
            starts,
            cohort: cohort::Cohort::new(seed, replication),
            day: 0,
            death_budget: 0.0,
            death_rng: r(sid::DEATHS),
            flows: DayFlows::default(),
            out: Daily::with_capacity(n_days),
            extras: DesExtras::default(),
            rules,
            sc: sc.clone(),
        };
        e.out.services = e.rules.service_records(n_days);
        e.seed_caseloads(replication);
        e.cal.schedule(0.0, Ev::Day(0));
        for k in 0..5u8 {
            e.schedule_arrival(k, 0.0);
        }
        e
    }

    /// Schedule the next arrival of stream `k` after `from`. The rate is constant within each
    /// day, so the next time is found exactly by inverting the cumulative rate
    /// ([`super::arrivals::PiecewisePoisson`]).
    fn schedule_arrival(&mut self, k: u8, from: f64) {
        let ki = usize::from(k);
        let need = self.arr_rng[ki].exp1();
        let all = &self.rules.all;
        let piece = |i: usize| {
            all.get(i).map(|d| {
                let rate = if ki < 4 { d.emergency[ki] } else { d.elective };
                (rate, (i + 1) as f64)
            })
        };
        self.next_arrival[ki] = self.arrivals[ki]
            .next(need, from, piece)
            .unwrap_or(f64::INFINITY);
        // Selects rather than branches: which stream is first is as good as random.
        let a = &self.next_arrival;
        let (mut first, mut best) = (0, a[0]);
        for (i, &t) in a.iter().enumerate().skip(1) {
            let earlier = t < best;
            first = if earlier { i } else { first };
            best = if earlier { t } else { best };
        }
        self.first_arrival = first;
    }

    /// Handle the calendar event packed as `bits` ([`Event::pack`]). Discharges (the calendar's
    /// most frequent events) are recognised by one comparison on the bits; the rarer kinds are
    /// unpacked and dispatched by `match` out of line.
    #[inline(always)]
    fn handle(&mut self, t: f64, bits: u32) {
        if bits >> KIND_SHIFT == FIT_KIND {
            self.on_fit(t, bits & ID_MASK);
        } else {
            self.handle_other(t, bits);
        }
    }

    #[inline(never)]
    fn handle_other(&mut self, t: f64, bits: u32) {
        match Ev::unpack(bits) {
            Ev::Day(d) => {
                self.release_all(t);
                if d > 0 && self.rules.all[d as usize - 1].recorded {
                    self.end_day();
                }
                if (d as usize) < self.rules.all.len() {
                    self.start_day(t, d);
                    self.cal.schedule(t + 1.0, Ev::Day(d + 1));
                }
            }
            Ev::Fit(pid) => self.on_fit(t, pid),
            Ev::StepDone(pid) => self.on_step_done(t, pid),
            Ev::StepDownEnd(pid) => self.on_step_down_end(t, pid),
            Ev::Vacancy(s) => self.on_vacancy(t, s),
            Ev::Death(id) => self.on_death(t, id),
        }
    }

    // ----- Public stepping API ---------------------------------------------------------------

    /// Advance the simulation to `t_days` days after 1 April of the start year (or the end).
    pub fn step_until(&mut self, t_days: f64) {
        let until = (t_days + WARMUP_DAYS as f64).min(self.horizon);
        while !self.is_done() {
            let k = self.first_arrival;
            let ta = self.next_arrival[k];
            let limit = if ta < until { ta } else { until };
            if let Some((t, bits)) = self.cal.pop_packed_through(limit) {
                self.extras.events += 1;
                self.handle(t, bits);
            } else if ta <= until {
                self.cal.advance_to(ta);
                self.extras.events += 1;
                self.on_arrival(ta, k as u8);
            } else {
                break;
            }
        }
    }

    /// Simulated time reached [days after 1 April of the start year; negative in the warm-up].
    pub fn now(&self) -> f64 {
        self.cal.now() - WARMUP_DAYS as f64
    }

    /// Every day has been recorded.
    pub fn is_done(&self) -> bool {
        self.out.elective_scheduled.len() >= self.rules.days.len()
    }

    /// Days recorded so far.
    pub fn days_done(&self) -> usize {
        self.out.elective_scheduled.len()
    }

    /// Days in the run.
    pub fn days(&self) -> usize {
        self.rules.days.len()
    }

    /// Patients currently in A&E, acute or step-down beds (the engine's memory grows with these).
    pub fn patients_in_system(&self) -> usize {
        self.patients.in_system()
    }

    /// Internal consistency checks (conservation and non-negative queues); `Err` names the
    /// first broken invariant. Used by the property tests; cheap enough to call every day.
    pub fn check_invariants(&self) -> Result<(), String> {
        let mut in_ae = 0u32;
        let mut in_acute = 0u32;
        let mut reason = [0u32; 6];
        let mut service = [0u32; 3];
        let mut in_sd = 0u32;
        let mut waiting_starts = [0usize; 2];
        let mut last = 0u64;
        for p in self.patients.live() {
            last += u64::from(p.last);
            match p.place {
                Place::AeQueue => in_ae += 1,
                Place::Acute => in_acute += 1,
                Place::InStep | Place::Queued => {
                    in_acute += 1;
                    reason[p.reason().index()] += 1;
                    service[usize::from(p.service)] += 1;
                    if p.place == Place::Queued && p.service() != Service::StepDown {
                        waiting_starts[starts_slot(p.service())] += 1;
                    }
                }
                Place::StepDown => in_sd += 1,
                Place::StepDownWaiting => {
                    in_sd += 1;
                    waiting_starts[starts_slot(p.service())] += 1;
                }
            }
        }
        let occupied = self.in_bed.iter().sum::<u32>();
        if in_acute != self.beds.busy() || occupied != self.beds.busy() {
            return Err(format!(
                "acute beds: {in_acute} patients in beds, {occupied} counted, pool says {}",
                self.beds.busy()
            ));
        }
        if in_ae as usize != self.beds.queue_len() {
            return Err(format!(
                "A&E: {in_ae} patients vs queue {}",
                self.beds.queue_len()
            ));
        }
        if reason != self.delayed_reason || service != self.delayed_service {
            return Err(format!(
                "delayed by reason {reason:?} vs counters {:?}; by service {service:?} vs {:?}",
                self.delayed_reason, self.delayed_service
            ));
        }
        if in_sd != self.step_down.busy() {
            return Err(format!(
                "step-down {in_sd} vs pool {}",
                self.step_down.busy()
            ));
        }
        // Everyone who came into their last months is still in them, in a last admission, or
        // has died exactly once (a hospice death counts at admission: the stay ends in death).
        let t = &self.extras.eol;
        let present = u64::from(self.cohort.present);
        if t.entered != t.died() + present + last {
            return Err(format!(
                "end-of-life cohort: {} entered, {} died, {present} in their last months, {last} in a last admission",
                t.entered,
                t.died()
            ));
        }
        for (i, q) in self.starts.iter().enumerate() {
            if q.waiting() != waiting_starts[i] {
                return Err(format!(
                    "{:?} queue holds {} patients, {} are waiting for it",
                    q.service(),
                    q.waiting(),
                    waiting_starts[i]
                ));
            }
            if q.stalled() {
                return Err(format!(
                    "{:?}: people wait but no vacancy is due",
                    q.service()
                ));
            }
        }
        Ok(())
    }

    /// Run to the end and return the daily record and extras.
    pub fn finish(mut self) -> (Daily, DesExtras) {
        self.step_until(f64::INFINITY);
        (self.out, self.extras)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_survive_packing() {
        let max = ID_MASK;
        for ev in [
            Ev::Day(0),
            Ev::Day(max),
            Ev::Fit(0),
            Ev::Fit(max),
            Ev::StepDone(3),
            Ev::StepDone(max),
            Ev::StepDownEnd(7),
            Ev::StepDownEnd(max),
            Ev::Vacancy(Service::CarePackage),
            Ev::Vacancy(Service::CareHome),
            Ev::Death(0),
            Ev::Death(max),
        ] {
            assert_eq!(Ev::unpack(ev.pack()), ev);
        }
    }

    #[test]
    fn baseline_runs_and_records_every_day() {
        let sc = Scenario::default();
        let mut e = Engine::new(&sc, 0);
        let n = e.days();
        let mut t = -(WARMUP_DAYS as f64);
        while !e.is_done() {
            t += 13.0;
            e.step_until(t);
            e.check_invariants().unwrap();
        }
        let (daily, extras) = e.finish();
        for (key, v) in daily.series() {
            assert_eq!(v.len(), n, "{key}");
        }
        assert!(extras.events > 100_000);
    }
}
