//! The deterministic system-dynamics engine: daily stocks and flows (see docs/model.md), reading
//! each day's rates and capacities from [`crate::rules`], with time-dependent queues from
//! [`fluid`] so that it follows the discrete-event engine (the reference) where capacity binds.
//!
//! Order of events within a day (stocks are recorded at the census, before the flows):
//! 1. census of every stock; the chance that escalation beds are open today;
//! 2. community caseloads discharge, then take on new people up to their free places;
//! 3. acute stays end: deaths, discharges home, and patients fit to leave who need a care package,
//!    a step-down bed or a care home start their pathway's discharge steps (still in the bed);
//! 4. step-down stays end; the step-down queue, then the vacancy queues of care packages and
//!    care homes are served;
//! 5. A&E waiters and today's emergencies take acute beds, planned admissions take what is left
//!    or are cancelled — split between "in a bed" and "waiting" as the stationary many-server
//!    queue would at today's load;
//! 6. deaths by place, costs.

// Parallel per-stream and per-origin arrays read more clearly with shared indices.
#![allow(clippy::needless_range_loop)]

mod cohort;
pub mod fluid;
mod services;

pub use crate::error::ModelError;

use crate::accounts;
use crate::kpis;
use crate::results::{Daily, Results};
use crate::rules::{DayRules, Rules, Steady};
use crate::scenario::{Reason, Scenario, Service, Step, Stream};
use fluid::{census_at_least, Mm1};

/// Occupancy above which a day counts as "over 95% full" [share of open base beds].
pub const OVER_FULL: f64 = 0.95;

/// Origins of a vacancy queue: the four acute streams, then step-down.
const FROM_STEP_DOWN: usize = 4;

/// Run the deterministic engine.
pub fn run(s: &Scenario) -> Result<Results, ModelError> {
    s.validate().map_err(ModelError::Invalid)?;
    Ok(simulate(s))
}

/// A first-order stage (exponential in working time) integrated exactly over a day whose rate
/// is constant: of the stock at the start a share `q_stock` leaves during the day, and of the
/// day's inflow (arriving evenly) a share `q_inflow`; at steady state stock = inflow × mean.
#[derive(Clone, Copy, Debug, Default)]
struct Decay {
    q_stock: f64,
    q_inflow: f64,
}

impl Decay {
    /// Mean `mean` [working days] at `rate` [working days per day].
    fn new(mean: f64, rate: f64) -> Decay {
        if !(mean > 0.0) {
            // No time at all: everyone passes straight through.
            return Decay {
                q_stock: 1.0,
                q_inflow: 1.0,
            };
        }
        if !(rate > 0.0) {
            return Decay::default();
        }
        let k = rate / mean;
        let q = -libm::expm1(-k);
        Decay {
            q_stock: q,
            q_inflow: 1.0 - q / k,
        }
    }

    /// Moves `stock` through one day with `inflow`; returns the outflow.
    #[inline]
    fn step(&self, stock: &mut f64, inflow: f64) -> f64 {
        let out = *stock * self.q_stock + inflow * self.q_inflow;
        *stock += inflow - out;
        out
    }
}

/// A pathway's discharge steps, for weekdays (index 0) and weekend days (1).
#[derive(Clone, Copy, Debug, Default)]
struct Chain {
    /// Share of the pathway's patients who still have each step to do [share].
    share: [f64; 4],
    decay: [[Decay; 4]; 2],
}

impl Chain {
    fn new(p: &crate::scenario::Process, weekend_rate: f64) -> Chain {
        let share = Step::ALL.map(|st| p.get(st).share);
        let mk = |rate: f64| Step::ALL.map(|st| Decay::new(p.get(st).working_days, rate));
        Chain {
            share,
            decay: [mk(1.0), mk(weekend_rate)],
        }
    }

    /// Moves per-origin `inflow` through the steps and returns what leaves the last one, per
    /// origin. `Where::Bed(d)`: the steps in the acute bed, where a share `d` of the patients
    /// (discharged to assess) skip the steps that move with discharge to assess;
    /// `Where::Moved`: only those moved steps, done after the transfer.
    fn run<const N: usize>(
        &self,
        stocks: &mut [[f64; N]; 4],
        inflow: [f64; N],
        weekend: bool,
        place: Where,
    ) -> [f64; N] {
        if inflow.iter().all(|&x| x == 0.0) && stocks.iter().flatten().all(|&x| x == 0.0) {
            return inflow;
        }
        let d = &self.decay[usize::from(weekend)];
        let mut u = inflow;
        for j in 0..4 {
            let s = self.share[j] * place.keep(Step::ALL[j]);
            if !(s > 0.0) && stocks[j].iter().all(|&x| x == 0.0) {
                continue;
            }
            for k in 0..N {
                let enter = u[k] * s;
                let out = d[j].step(&mut stocks[j][k], enter);
                u[k] = u[k] - enter + out;
            }
        }
        u
    }
}

impl Chain {
    /// As [`Chain::run`] for inflow alone (the stocks have had today's progress already):
    /// patients who join during the day and may finish steps before it ends.
    fn run_inflow<const N: usize>(
        &self,
        stocks: &mut [[f64; N]; 4],
        inflow: [f64; N],
        weekend: bool,
        place: Where,
    ) -> [f64; N] {
        let d = &self.decay[usize::from(weekend)];
        let mut u = inflow;
        for j in 0..4 {
            let s = self.share[j] * place.keep(Step::ALL[j]);
            if !(s > 0.0) {
                continue;
            }
            for k in 0..N {
                let enter = u[k] * s;
                let out = enter * d[j].q_inflow;
                stocks[j][k] += enter - out;
                u[k] = u[k] - enter + out;
            }
        }
        u
    }
}

/// Where a chain of discharge steps is done.
#[derive(Clone, Copy, Debug)]
enum Where {
    /// In the acute bed, with this share discharged to assess.
    Bed(f64),
    /// After the transfer (discharge to assess): only the steps that move.
    Moved,
}

impl Where {
    /// The share of a step's patients who do it here.
    fn keep(self, step: Step) -> f64 {
        let moves = step.moves_with_discharge_to_assess();
        match self {
            Where::Bed(d2a) if moves => 1.0 - d2a,
            Where::Bed(_) => 1.0,
            Where::Moved if moves => 1.0,
            Where::Moved => 0.0,
        }
    }
}

/// Substeps of the day over which the chance that a planned patient finds every bed taken is
/// averaged ([`cancel_share_over_day`]).
const DAY_SUBSTEPS: usize = 4;

/// Share of the day's `scheduled` planned patients who find every one of `c` beds taken, as the
/// content (in beds plus waiting) moves through the day from `from` (the census) to `to` (the end
/// of the day had nobody been cancelled) [share]. Each substep reads the stationary two-class
/// split ([`fluid::mixed_split`]) at its midpoint content, less the planned patients cancelled
/// so far (they fill no bed). On a day that starts with free beds and ends over capacity the
/// beds fill part way through, and every planned patient after that is cancelled: one reading at
/// the day's mean content would admit most of them, leaving the emergencies their beds would
/// have taken to wait in A&E.
fn cancel_share_over_day(c: f64, from: f64, to: f64, scheduled: f64, f_wait: f64) -> f64 {
    if !(scheduled > 0.0) {
        return 0.0;
    }
    let dt = 1.0 / DAY_SUBSTEPS as f64;
    let (mut cancelled, mut p, mut load) = (0.0, 0.0, 0.0);
    for j in 0..DAY_SUBSTEPS {
        let t = (j as f64 + 0.5) * dt;
        let x = from + t * (to - from) - scheduled * (cancelled + 0.5 * dt * p);
        // (Each substep's search starts from the offered load of the one before.)
        let (split, a) = fluid::mixed_split_from(c, x, f_wait, load);
        (p, load) = (split.p_wait, a);
        cancelled += dt * p;
    }
    cancelled.clamp(0.0, 1.0)
}

/// Sends `done` patients of stream `k` whose acute stay ended to where they go: death in
/// hospital, home, or the discharge pathway of a service (still in the bed).
fn route(
    c: &Ctx,
    k: usize,
    done: f64,
    died: &mut [f64; 4],
    home: &mut [f64; 4],
    fit: &mut [[f64; 4]; 3],
) {
    let d = &c.dest[k];
    let dead = done * d.died;
    died[k] += dead;
    let live = done - dead;
    let mut to_services = 0.0;
    for svc in Service::ALL {
        let x = live * d.share(svc);
        fit[svc.index()][k] += x;
        to_services += x;
    }
    home[k] += live - to_services;
}

/// A day of a starts service's vacancy queue: `joining` (by origin) arrive evenly over it,
/// vacancies at `per_day` a day; returns those served, by origin.
fn serve_vacancies(
    queue: &mut [f64; 5],
    moments: &mut Mm1,
    joining: [f64; 5],
    per_day: f64,
) -> [f64; 5] {
    let arriving = total(&joining);
    let served =
        moments.half_day(0.5 * arriving, per_day) + moments.half_day(0.5 * arriving, per_day);
    for k in 0..5 {
        queue[k] += joining[k];
    }
    let out = serve(queue, served);
    // The sub-stocks by origin hold the queue's mean.
    let held = total(queue);
    if held > 0.0 && moments.mean >= 0.0 {
        let f = moments.mean / held;
        for x in queue.iter_mut() {
            *x *= f;
        }
    }
    out
}

/// Step-down beds take from the acute queue (with `joining` added) as the pool's stationary queue
/// would; `admitted_already` were taken earlier today. Returns those admitted, by stream.
fn serve_step_down(
    st: &mut State,
    joining: [f64; 4],
    beds: f64,
    admitted_already: f64,
) -> [f64; 4] {
    let in_service = st.step_down_occupied() + admitted_already;
    for k in 0..4 {
        st.step_down_queue[k] += joining[k];
    }
    let waiting = total(&st.step_down_queue);
    let (busy, z) = st.step_down_pool.busy(beds, in_service + waiting);
    st.step_down_z = z;
    let admit = (busy - in_service).clamp(0.0, waiting);
    serve(&mut st.step_down_queue, admit)
}

/// Serves a queue with sub-stocks by origin: `served` in total, in proportion to each origin's
/// share of the queue (the fluid form of first come, first served). Returns what each origin got.
fn serve<const N: usize>(queue: &mut [f64; N], served: f64) -> [f64; N] {
    let total: f64 = queue.iter().sum();
    let mut out = [0.0; N];
    if !(total > 0.0) || !(served > 0.0) {
        return out;
    }
    let f = (served / total).clamp(0.0, 1.0);
    for k in 0..N {
        out[k] = queue[k] * f;
        queue[k] -= out[k];
    }
    out
}

fn total<const N: usize>(v: &[f64; N]) -> f64 {
    v.iter().sum()
}

/// Expected excess stay beyond the trim point per spell [days], for stay factors on a grid
/// (the factor changes every day with winter, the LOS lever and surges).
struct ExcessTable {
    /// Per stream: E[(f X − trim)⁺] at f = i · STEP.
    values: [Vec<f64>; 4],
}

impl ExcessTable {
    const N: usize = 61;
    const HI: f64 = 3.0;
    const STEP: f64 = Self::HI / (Self::N - 1) as f64;

    fn new(s: &Scenario) -> ExcessTable {
        let values = Stream::ALL.map(|st| {
            let d = s.beds.los.get(st);
            let trim = s.money.trim_multiple * d.mean().max(0.01);
            (0..Self::N)
                .map(|i| {
                    let f = i as f64 * Self::STEP;
                    if f > 0.0 {
                        f * d.expected_excess(trim / f)
                    } else {
                        0.0
                    }
                })
                .collect()
        });
        ExcessTable { values }
    }

    fn at(&self, k: usize, factor: f64) -> f64 {
        let x = (factor / Self::STEP).clamp(0.0, (Self::N - 1) as f64);
        let i = (x as usize).min(Self::N - 2);
        let w = x - i as f64;
        let v = &self.values[k];
        v[i] + w * (v[i + 1] - v[i])
    }
}

/// The stocks of the whole system.
struct State {
    /// Admission-avoidance caseloads [people].
    caseload: [f64; 4],
    /// Early supported discharge caseload [people] and its smoothed admissions [per day].
    esd_caseload: f64,
    esd_smoothed_adm: f64,
    /// Emergency patients in the acute phase of their stay, in the short-stay (0) and long-stay
    /// (1) parts of the stay distribution [people].
    in_bed: [[f64; 2]; 4],
    /// Per stream, the daily rate at which the long-stay part's patients leave [per day]: each
    /// patient's stay is set on admission (the day's stay factor and early supported discharge,
    /// as the DES draws it), so the rate is the admission-weighted mix of the days they came in
    /// on, not today's alone.
    long_rate: [f64; 4],
    /// Each stream's short-stay part's daily decay, cached with the mean it was made for.
    short_decay: [(f64, Decay); 4],
    /// Planned patients in beds [people].
    electives: f64,
    /// Emergencies waiting in A&E for a bed [people].
    ae_wait: [f64; 4],
    /// Patients fit to leave, in the acute bed, in each discharge step of each pathway [svc][step][stream].
    steps: [[[f64; 4]; 4]; 3],
    /// Acute patients whose steps are done, waiting for a step-down bed [stream].
    step_down_queue: [f64; 4],
    /// Patients waiting for a vacancy of a care package (index 0) or a care home (2), by origin
    /// (four acute streams, then step-down) [people], and the first two moments of the number
    /// waiting.
    vacancy_queue: [[f64; 5]; 3],
    vacancy_moments: [Mm1; 3],
    /// Step-down patients doing their moved steps (discharge to assess) in the step-down bed [step][1].
    step_down_assessing: [[f64; 1]; 4],
    /// Step-down patients in their stay [people].
    step_down_active: f64,
    /// The step-down pool's variance of content, and its last normal argument.
    step_down_pool: fluid::GaussianPool,
    step_down_z: f64,
    /// The acute pool's (beds and A&E) variance of content, and its last normal argument.
    acute_pool: fluid::GaussianPool,
    acute_z: f64,
    /// People on packages and in placements started after a hospital or step-down stay [people],
    /// and those on them while their moved steps are done (discharge to assess) [svc][step][1].
    service_caseload: [f64; 3],
    interim: [[[f64; 1]; 4]; 3],
    /// The end-of-life cohort.
    cohort: cohort::Cohort,
    /// Of the end-of-life stream's emergencies waiting in A&E and in acute beds, those in their
    /// last admission (who die in it) [people].
    last_wait: f64,
    last_in_bed: f64,
}

impl State {
    fn acute_phase(&self) -> f64 {
        self.in_bed.iter().flatten().sum()
    }

    fn acute_delayed(&self) -> f64 {
        let steps: f64 = self.steps.iter().flatten().flatten().sum();
        steps
            + total(&self.step_down_queue)
            + self.vacancy_queue[Service::CarePackage.index()][..4]
                .iter()
                .sum::<f64>()
            + self.vacancy_queue[Service::CareHome.index()][..4]
                .iter()
                .sum::<f64>()
    }

    /// `n` patients of stream `k` begin the long part of their stay, leaving at `rate` [per day].
    fn admit_long(&mut self, k: usize, n: f64, rate: f64) {
        let stock = self.in_bed[k][1];
        if n > 0.0 && stock + n > 0.0 {
            self.long_rate[k] = (self.long_rate[k] * stock + rate * n) / (stock + n);
        }
        self.in_bed[k][1] = stock + n;
    }

    fn total_ae_wait(&self) -> f64 {
        total(&self.ae_wait)
    }

    fn step_down_blocked(&self) -> f64 {
        self.vacancy_queue[Service::CarePackage.index()][FROM_STEP_DOWN]
            + self.vacancy_queue[Service::CareHome.index()][FROM_STEP_DOWN]
    }

    fn step_down_occupied(&self) -> f64 {
        self.step_down_active
            + self.step_down_assessing.iter().flatten().sum::<f64>()
            + self.step_down_blocked()
    }

    /// Acute patients of stream `k` in beds (acute phase and delayed).
    fn acute_stream(&self, k: usize) -> f64 {
        let mut x = self.in_bed[k][0] + self.in_bed[k][1] + self.step_down_queue[k];
        for svc in 0..3 {
            for j in 0..4 {
                x += self.steps[svc][j][k];
            }
            x += self.vacancy_queue[svc][k];
        }
        x
    }
}

fn simulate(s: &Scenario) -> Results {
    let rules = Rules::new(s);
    let n_days = rules.days.len();
    let mut out = Daily::with_capacity(n_days);

    let cc = &s.care_closer_to_home;
    let dis = &s.discharge;
    let av_len: [f64; 4] =
        Stream::ALL.map(|st| cc.avoidance.get(st).length_of_service.mean().max(1.0));
    let av_eff: [f64; 4] = Stream::ALL.map(|st| cc.avoidance.get(st).effectiveness);
    let av_cost: [f64; 4] = Stream::ALL.map(|st| cc.avoidance.get(st).cost_per_day);
    let stays: [Stay; 4] = Stream::ALL.map(|st| Stay::of(s.beds.los.get(st)));
    let dest = Stream::ALL.map(|st| dis.destinations.get(st).clone());
    let tariff: [f64; 4] = Stream::ALL.map(|st| *s.money.emergency_tariff.get(st));
    let excess = ExcessTable::new(s);
    let esd = &cc.early_supported_discharge;
    let sdn = &dis.step_down;
    let sd_len = sdn.length_of_stay.mean().max(0.01);
    // Step-down stays end as a first-order outflow of the census (as acute stays do), so the
    // census holds admissions × mean stay at steady state (Little's law).
    let sd_done_rate = (1.0 / sd_len).min(1.0);
    let to_ch_from_sd = (1.0 - sdn.to_home - sdn.to_care_package).max(0.0);
    let svc_len = [
        dis.care_packages.length_of_service.mean().max(1.0),
        0.0,
        dis.care_homes.length_of_service.mean().max(1.0),
    ];
    let chains = Service::ALL.map(|svc| Chain::new(dis.process(svc), dis.weekend_working));
    let elective_los = s.demand.elective_los.max(0.01);
    let eol = &s.end_of_life;
    let m = &s.money;
    let pkg = Service::CarePackage.index();
    let sdi = Service::StepDown.index();
    let chi = Service::CareHome.index();

    // ---- initial state: acute beds and long caseloads at the first day's steady state ----
    let first = &rules.all[0];
    let steady = Steady::at(s, first);
    let mut sv = services::Services::new(s, &rules);
    out.services = rules.service_records(n_days);
    let mut st = State {
        caseload: steady.avoid_caseload,
        esd_caseload: 0.0,
        esd_smoothed_adm: steady.admissions[2] + steady.admissions[3],
        in_bed: std::array::from_fn(|k| {
            let a = steady.admissions[k];
            [
                a * stays[k].short_share * stays[k].short_mean * first.los_factor,
                a * (1.0 - stays[k].short_share) * stays[k].long_mean * first.los_factor,
            ]
        }),
        long_rate: std::array::from_fn(|k| {
            (1.0 / (stays[k].long_mean * first.los_factor).max(0.5)).min(1.0)
        }),
        short_decay: [(f64::NAN, Decay::default()); 4],
        electives: s.demand.elective_admissions / 365.0 * elective_los,
        ae_wait: [0.0; 4],
        steps: [[[0.0; 4]; 4]; 3],
        step_down_queue: [0.0; 4],
        vacancy_queue: [[0.0; 5]; 3],
        vacancy_moments: [Mm1::default(); 3],
        step_down_assessing: [[0.0; 1]; 4],
        step_down_active: steady.starts[sdi] * sd_len,
        step_down_pool: fluid::GaussianPool {
            variance: steady.starts[sdi] * sd_len,
        },
        step_down_z: f64::INFINITY,
        acute_pool: fluid::GaussianPool {
            variance: std::array::from_fn::<f64, 4, _>(|k| steady.admissions[k])
                .iter()
                .zip(&stays)
                .map(|(a, st)| {
                    a * (st.short_share * st.short_mean + (1.0 - st.short_share) * st.long_mean)
                })
                .sum(),
        },
        acute_z: f64::INFINITY,
        service_caseload: [
            steady.starts[pkg] * svc_len[pkg],
            0.0,
            steady.starts[chi] * svc_len[chi],
        ],
        interim: [[[0.0; 1]; 4]; 3],
        cohort: cohort::Cohort::steady(eol, first),
        last_wait: 0.0,
        last_in_bed: first.eol_final_reference
            * (stays[0].short_share * stays[0].short_mean
                + (1.0 - stays[0].short_share) * stays[0].long_mean)
            * first.los_factor,
    };
    let care_home_caseload0 = steady.starts[chi] * svc_len[chi];

    let ctx = Ctx {
        stays,
        av_len,
        av_eff,
        av_cost,
        dest: &dest,
        tariff,
        excess: &excess,
        esd,
        sd_done_rate,
        to_ch_from_sd,
        svc_len,
        chains: &chains,
        elective_los,
        eol,
        m,
        services: &rules.services,
        care_home_caseload0,
    };
    for (i, r) in rules.all.iter().enumerate() {
        day(s, r, i, &mut st, &mut sv, &mut out, &ctx);
    }

    let monthly = kpis::monthly(&rules.days, &out);
    let yearly = kpis::yearly(s, &rules.days, &out);
    Results {
        days: n_days,
        start_year: s.start_year,
        daily: out,
        monthly,
        yearly,
    }
}

/// A stream's stay as two first-order parts: short stays (the mixture's 0–1 day part) and the
/// rest, so that the census answers a day's admissions as the sampled stays do (short stays
/// leave the same day) with the same mean.
#[derive(Clone, Copy, Debug)]
struct Stay {
    /// Share of stays in the short part [share].
    short_share: f64,
    /// Mean of the short part [days].
    short_mean: f64,
    /// Mean of the long part [days].
    long_mean: f64,
}

impl Stay {
    fn of(d: &crate::distribution::Distribution) -> Stay {
        use crate::distribution::Distribution::*;
        match *d {
            ShortLongMixture {
                short_share,
                short_max,
                long_mean,
                ..
            } if short_share < 1.0 => Stay {
                short_share,
                short_mean: (short_max / 2.0).max(0.01),
                long_mean: long_mean.max(0.01),
            },
            _ => Stay {
                short_share: 0.0,
                short_mean: 0.5,
                long_mean: d.mean().max(0.01),
            },
        }
    }
}

/// What every day needs that does not change from day to day.
struct Ctx<'a> {
    stays: [Stay; 4],
    av_len: [f64; 4],
    av_eff: [f64; 4],
    av_cost: [f64; 4],
    dest: &'a [crate::scenario::Destinations; 4],
    tariff: [f64; 4],
    excess: &'a ExcessTable,
    esd: &'a crate::scenario::EarlySupportedDischarge,
    sd_done_rate: f64,
    to_ch_from_sd: f64,
    svc_len: [f64; 3],
    chains: &'a [Chain; 3],
    elective_los: f64,
    eol: &'a crate::scenario::EndOfLife,
    m: &'a crate::scenario::Money,
    services: &'a [crate::rules::ServiceRules],
    /// Care-home caseload at the start [people].
    care_home_caseload0: f64,
}

/// Simulates the day of rules `r`, recording it when it is not a warm-up day.
fn day(
    s: &Scenario,
    r: &DayRules,
    i: usize,
    st: &mut State,
    sv: &mut services::Services,
    out: &mut Daily,
    c: &Ctx,
) {
    let rec = r.recorded;
    let weekend = r.day.is_weekend();
    let pkg = Service::CarePackage.index();
    let sdi = Service::StepDown.index();
    let chi = Service::CareHome.index();

    // 1. census
    let delayed_acute = st.acute_delayed();
    let in_beds_now: f64 = st.acute_phase() + delayed_acute + st.electives;
    let base = r.beds_open;
    let esc_beds = s.beds.escalation_beds.max(0.0);
    let p_esc = if base > 0.0 && esc_beds > 0.0 {
        census_at_least(in_beds_now, s.beds.escalation_trigger * base)
    } else {
        0.0
    };
    let available = base + esc_beds * p_esc;
    // The beds that decide whether the hospital is full: escalation beds open on days whose
    // census reaches the trigger, so on a day when the base fills they are almost always open —
    // unless the trigger sits so close to the base that a day's flows can fill it first.
    let gap = (1.0 - s.beds.escalation_trigger) * base;
    let day_swing = (r.emergency.iter().sum::<f64>() + r.elective + in_beds_now / 7.0).sqrt();
    let esc_when_full = if esc_beds > 0.0 && day_swing > 0.0 {
        p_esc.max(fluid::normal_cdf(gap / day_swing))
    } else {
        p_esc
    };
    let beds_when_full = base + esc_beds * esc_when_full;
    if rec {
        record_census(s, r, st, out, in_beds_now, available, p_esc);
    }

    // 2. the end-of-life cohort, demand and community caseloads
    // (The end-of-life stream's crises are met by the cohort's support. For the other streams the
    // catalogue's services reached ahead of a crisis thin the arrivals first, the generic
    // per-stream pools take the rest, and the at-crisis services are offered what is left.)
    let eol = c.eol;
    let supported_now = st.cohort.supported;
    let ch_now = st.service_caseload[chi] + st.interim[chi].iter().flatten().sum::<f64>();
    let ch_share = crate::cohort::care_home_share(&eol.cohort, ch_now, c.care_home_caseload0);
    let cohort_day = st.cohort.day(eol, r, ch_share);
    let mut to_acute = [0.0f64; 4];
    let mut community_cost = supported_now * eol.support.cost_per_day;
    let ahead = sv.ahead(c.services, &r.emergency);
    let mut residual = [0.0f64; 4];
    let mut avoided = ahead;
    for k in 0..4 {
        let lam = r.emergency[k] - ahead[k];
        if k == 0 {
            // Supported people's emergencies before the last, managed at home.
            let w = eol.cohort.identification_days.max(1.0);
            let rate = eol.cohort.admissions_before_the_last / w;
            avoided[k] += (eol.support.effectiveness * rate * supported_now).min(lam);
            continue;
        }
        st.caseload[k] -= st.caseload[k] / c.av_len[k];
        let free = (r.avoid_places[k] - st.caseload[k]).max(0.0);
        let referred = (r.avoid_eligible[k] * lam).min(free).max(0.0);
        st.caseload[k] += referred;
        avoided[k] += (c.av_eff[k] * referred).min(lam);
        residual[k] = (lam - referred).max(0.0);
        community_cost += st.caseload[k] * c.av_cost[k];
    }
    let (crisis, today) = sv.day(c.services, i, &residual, rec, out);
    community_cost += today.cost;
    for k in 0..4 {
        let lam = r.emergency[k];
        avoided[k] = (avoided[k] + crisis[k]).min(lam);
        to_acute[k] = lam - avoided[k];
        // The end-of-life stream's last admissions come from the cohort; the last crises that
        // support managed at home are part of its demand, and avoided.
        let (last, managed) = if k == 0 {
            (cohort_day.final_admissions, cohort_day.managed_at_home)
        } else {
            (0.0, 0.0)
        };
        to_acute[k] += last;
        if rec {
            let stream = Stream::ALL[k];
            out.arrivals.get_mut(stream).push(lam + last + managed);
            out.avoided.get_mut(stream).push(avoided[k] + managed);
        }
    }
    if rec {
        if let Some(x) = out.community_caseload.last_mut() {
            *x += today.caseload;
        }
    }
    st.last_wait += cohort_day.final_admissions;

    // Early supported discharge: the share of eligible frail and other patients it can take.
    let esd = c.esd;
    let esd_len = esd.length_of_service.max(1.0);
    let esd_intake_cap = (r.esd_places - st.esd_caseload * (1.0 - 1.0 / esd_len)).max(0.0);
    let esd_served = (esd.eligible_share * st.esd_smoothed_adm).min(esd_intake_cap);
    let esd_cut = if st.esd_smoothed_adm > 0.0 {
        esd.days_saved * esd_served / st.esd_smoothed_adm
    } else {
        0.0
    };
    st.esd_caseload = (st.esd_caseload + esd_served - st.esd_caseload / esd_len).max(0.0);
    community_cost += st.esd_caseload * esd.cost_per_day;

    // 3. acute stays end: the long part as a first-order outflow of the census, the short part
    // integrated exactly over the day (its patients admitted today leave in step 5).
    let short: [Decay; 4] = std::array::from_fn(|k| {
        let mean = c.stays[k].short_mean * r.los_factor;
        if st.short_decay[k].0 != mean {
            st.short_decay[k] = (mean, Decay::new(mean, 1.0));
        }
        st.short_decay[k].1
    });
    let mut fit = [[0.0f64; 4]; 3];
    let mut home_now = [0.0f64; 4];
    let mut died = [0.0f64; 4];
    let mut last_died = 0.0f64;
    // The leaving rate of long stays begun today [per day].
    let mut long_rate_today = [0.0f64; 4];
    for k in 0..4 {
        let stay = &c.stays[k];
        let cut = if k >= 2 { esd_cut } else { 0.0 };
        let long_share = 1.0 - stay.short_share;
        let long_mean = (stay.long_mean * r.los_factor - cut / long_share.max(0.01)).max(0.5);
        long_rate_today[k] = (1.0 / long_mean).min(1.0);
        let short_done = st.in_bed[k][0] * short[k].q_stock;
        let long_done = st.in_bed[k][1] * st.long_rate[k];
        let mut done = short_done + long_done;
        if k == 0 {
            // Those in their last admission die in it.
            let in_bed = st.in_bed[0][0] + st.in_bed[0][1];
            let last = if in_bed > 0.0 {
                (st.last_in_bed * done / in_bed).min(st.last_in_bed)
            } else {
                0.0
            };
            st.last_in_bed -= last;
            died[0] += last;
            last_died += last;
            done -= last;
        }
        st.in_bed[k][0] -= short_done;
        st.in_bed[k][1] -= long_done;
        route(c, k, done, &mut died, &mut home_now, &mut fit);
    }
    let el_done = st.electives * (1.0 / c.elective_los).min(1.0);
    st.electives -= el_done;

    // Discharge steps in the acute bed; what finishes them joins the service's queue.
    let d2a = r.discharge_to_assess;
    let ready: [[f64; 4]; 3] = std::array::from_fn(|svc| {
        c.chains[svc].run(&mut st.steps[svc], fit[svc], weekend, Where::Bed(d2a))
    });

    // 4. step-down stays end (patients needing a package or a care home wait in the bed)
    let sd_done = st.step_down_active * c.sd_done_rate;
    st.step_down_active -= sd_done;
    let sd = &s.discharge.step_down;
    let from_sd_pkg = sd_done * sd.to_care_package;
    let from_sd_ch = sd_done * c.to_ch_from_sd;

    // Step-down beds for those who finished their steps in the first part of the day; those fit
    // later in the day (short stays ended today) get what is left after admissions.
    let mut served_sd = serve_step_down(st, ready[sdi], r.step_down_beds, 0.0);
    let admitted_sd_first = total(&served_sd);
    // The vacancy queues are moved through the whole day after admissions, with everyone who
    // joins today; here, a preview of the beds they free today for the admissions below.
    let mut joining_vac = [[0.0f64; 5]; 3];
    let mut freeing = 0.0;
    for (svc, from_sd) in [(pkg, from_sd_pkg), (chi, from_sd_ch)] {
        joining_vac[svc][..4].copy_from_slice(&ready[svc]);
        joining_vac[svc][FROM_STEP_DOWN] = from_sd;
        let arriving = total(&joining_vac[svc]);
        // (A one-moment step is close enough for a preview.)
        let before = st.vacancy_moments[svc].mean;
        let served = before + arriving - Mm1::quick_day(before, arriving, r.vacancies[svc]);
        let q = &st.vacancy_queue[svc];
        let all = total(q) + arriving;
        if all > 0.0 {
            let acute: f64 = q[..4].iter().sum::<f64>() + total(&ready[svc]);
            freeing += served * acute / all;
        }
    }

    // 5. admissions
    // (Those who finished their steps today and wait for a vacancy are still in their beds.)
    let joining_from_acute = total(&ready[pkg]) + total(&ready[chi]);
    let remaining =
        st.acute_phase() + st.acute_delayed() + st.electives + joining_from_acute - freeing;
    // Those admitted today who will still be in a bed at the end of it (some short stays end
    // the same day): the split is made on the end-of-day content.
    // (Those fit after a short stay who need a service stay in the bed, delayed.)
    let stay_frac: [f64; 4] = std::array::from_fn(|k| {
        let d = &c.dest[k];
        let leave = d.died + (1.0 - d.died) * (1.0 - d.care_package - d.step_down - d.care_home);
        1.0 - c.stays[k].short_share * short[k].q_inflow * leave
    });
    let want_stay: f64 = (0..4)
        .map(|k| (st.ae_wait[k] + to_acute[k]) * stay_frac[k])
        .sum();
    let scheduled = r.elective;
    // Emergencies wait for a bed; planned patients who find none are cancelled.
    let f_wait = if want_stay + scheduled > 0.0 {
        want_stay / (want_stay + scheduled)
    } else {
        1.0
    };
    // Planned patients arrive through the day, while the content moves from the census to the
    // end of the day: the chance of finding every bed taken is averaged along that path.
    let p_cancel = cancel_share_over_day(
        beds_when_full,
        in_beds_now + st.total_ae_wait(),
        remaining + want_stay + scheduled,
        scheduled,
        f_wait,
    );
    let el_adm = (scheduled * (1.0 - p_cancel)).min((beds_when_full - remaining).max(0.0));
    let end = remaining + el_adm + want_stay;
    let em = fluid::mixed_split(beds_when_full, end, f_wait);
    // Through a lasting backlog every bed is taken (the stationary split would idle some): the
    // pool's content followed with its variance says so (Gaussian closure, as step-down beds).
    let (held, z) = st.acute_pool.busy(beds_when_full, end);
    st.acute_z = z;
    let busy = em.busy.max(held).min(end);
    let em_stay = (busy - remaining - el_adm).clamp(0.0, want_stay);
    let admit_frac = if want_stay > 0.0 {
        em_stay / want_stay
    } else {
        0.0
    };
    let mut tariff_cost = 0.0;
    let mut excess_cost = 0.0;
    let mut late_fit = [[0.0f64; 4]; 3];
    let mut admitted = [0.0f64; 4];
    for k in 0..4 {
        let w = st.ae_wait[k] + to_acute[k];
        let adm = w * admit_frac;
        st.ae_wait[k] = w - adm;
        // Short stays begun today that also end today.
        let stay = &c.stays[k];
        let short_in = adm * stay.short_share;
        let short_out = short_in * short[k].q_inflow;
        st.in_bed[k][0] += short_in - short_out;
        st.admit_long(k, adm - short_in, long_rate_today[k]);
        let mut short_out = short_out;
        if k == 0 {
            let last_adm = st.last_wait * admit_frac;
            st.last_wait -= last_adm;
            let last_out = last_adm * stay.short_share * short[k].q_inflow;
            st.last_in_bed += last_adm - last_out;
            died[0] += last_out;
            last_died += last_out;
            short_out -= last_out;
        }
        route(c, k, short_out, &mut died, &mut home_now, &mut late_fit);
        tariff_cost += adm * c.tariff[k];
        excess_cost += adm * c.excess.at(k, r.los_factor) * c.m.excess_bed_day;
        admitted[k] = adm;
    }
    st.electives += el_adm;
    // Those fit today after a short stay begin their pathway's steps today; those with none
    // left get the second half of the day's vacancies and step-down beds.
    let mut late_ready = [[0.0f64; 4]; 3];
    for svc in Service::ALL {
        let v = svc.index();
        late_ready[v] =
            c.chains[v].run_inflow(&mut st.steps[v], late_fit[v], weekend, Where::Bed(d2a));
    }
    let mut served = [[0.0f64; 5]; 3];
    for svc in [pkg, chi] {
        let mut joining = joining_vac[svc];
        for k in 0..4 {
            joining[k] += late_ready[svc][k];
        }
        served[svc] = serve_vacancies(
            &mut st.vacancy_queue[svc],
            &mut st.vacancy_moments[svc],
            joining,
            r.vacancies[svc],
        );
    }
    let more_sd = serve_step_down(st, late_ready[sdi], r.step_down_beds, admitted_sd_first);
    for k in 0..4 {
        served_sd[k] += more_sd[k];
    }
    let pkg_started = total(&served[pkg]);
    let ch_started = total(&served[chi]);
    // Discharge to assess: moved steps are done with the package or placement running.
    for (svc, started) in [(pkg, pkg_started), (chi, ch_started)] {
        let into =
            c.chains[svc].run(&mut st.interim[svc], [started * d2a], weekend, Where::Moved)[0];
        let direct = started * (1.0 - d2a);
        let len = c.svc_len[svc];
        st.service_caseload[svc] += direct + into - st.service_caseload[svc] / len;
    }
    // Step-down: those discharged to assess do the moved steps in the bed, then the stay.
    let admitted_sd = total(&served_sd);
    let after_steps = c.chains[sdi].run(
        &mut st.step_down_assessing,
        [admitted_sd * d2a],
        weekend,
        Where::Moved,
    )[0];
    st.step_down_active += admitted_sd * (1.0 - d2a) + after_steps;
    // Beds freed after the admissions (by vacancies and step-down beds taken later in the day)
    // go to emergencies still waiting, as the hospital fills them through the day.
    let occupied_end = st.acute_phase() + st.acute_delayed() + st.electives;
    let waiting_now = st.total_ae_wait();
    let fill = (busy - occupied_end).clamp(0.0, waiting_now);
    if fill > 0.0 {
        let f = fill / waiting_now;
        let last_adm = st.last_wait * f;
        st.last_wait -= last_adm;
        st.last_in_bed += last_adm;
        for k in 0..4 {
            let adm = st.ae_wait[k] * f;
            st.ae_wait[k] -= adm;
            let stay = &c.stays[k];
            st.in_bed[k][0] += adm * stay.short_share;
            st.admit_long(k, adm * (1.0 - stay.short_share), long_rate_today[k]);
            admitted[k] += adm;
            tariff_cost += adm * c.tariff[k];
            excess_cost += adm * c.excess.at(k, r.los_factor) * c.m.excess_bed_day;
        }
    }
    let sd_busy = st.step_down_occupied();
    let sd_left = sd_done * sd.to_home + served[pkg][FROM_STEP_DOWN] + served[chi][FROM_STEP_DOWN];
    let sd_mu = if sd_busy > 0.0 {
        sd_left / sd_busy
    } else {
        c.sd_done_rate
    };
    let sd_arrivals = total(&ready[sdi]) + total(&late_ready[sdi]);
    let z = st.step_down_z;
    st.step_down_pool.advance(sd_arrivals, sd_busy, sd_mu, z);
    // The acute pool's variance: arrivals are today's emergencies and admitted planned patients;
    // beds empty at today's rate.
    let acute_busy = remaining + el_adm + em_stay;
    let acute_left = (in_beds_now - remaining).max(0.0) + admitted.iter().sum::<f64>() + el_adm
        - (acute_busy - remaining).max(0.0);
    let acute_mu = if in_beds_now > 0.0 {
        (acute_left / in_beds_now).max(0.0)
    } else {
        0.0
    };
    let az = st.acute_z;
    st.acute_pool.advance(
        to_acute.iter().sum::<f64>() + el_adm,
        acute_busy,
        acute_mu,
        az,
    );
    if rec {
        for k in 0..4 {
            let stream = Stream::ALL[k];
            out.admissions.get_mut(stream).push(admitted[k]);
            let discharged = home_now[k] + served_sd[k] + served[pkg][k] + served[chi][k];
            out.discharged.get_mut(stream).push(discharged);
            out.hospital_deaths.get_mut(stream).push(died[k]);
        }
    }
    st.esd_smoothed_adm +=
        (to_acute[2] * admit_frac + to_acute[3] * admit_frac - st.esd_smoothed_adm) / 7.0;
    if !rec {
        return;
    }
    out.elective_scheduled.push(scheduled);
    out.elective_admissions.push(el_adm);
    out.elective_cancellations.push(scheduled - el_adm);
    out.package_starts.push(pkg_started);
    out.care_home_starts.push(ch_started);
    out.ae_attendances
        .push(r.ae_attendances - r.ucc_attendances);
    out.ucc_attendances.push(r.ucc_attendances);
    // The A&E standard: of today's admissions, those whose wait for a bed ran past the time the
    // standard leaves after the decision to admit. The waits of those who wait are taken as
    // exponential (the M/M/c result, Erlang C): their mean from today's stationary split
    // (waiting ÷ (arrivals × chance of waiting), Little's law), or from a lasting backlog (the
    // queue at the end of the day ÷ the day's departures), whichever is longer.
    let em_arrivals: f64 = to_acute.iter().sum();
    let mean_wait_of_waiters = {
        let stationary = if em_arrivals > 0.0 && em.p_wait > 0.0 {
            em.waiting / (em_arrivals * em.p_wait)
        } else {
            0.0
        };
        let departures = acute_left.max(0.0);
        let backlog = if departures > 0.0 {
            st.total_ae_wait() / departures
        } else {
            0.0
        };
        stationary.max(backlog)
    };
    let over_standard = if s.ae.decided_too_late() {
        1.0
    } else if mean_wait_of_waiters > 0.0 {
        em.p_wait * libm::exp(-s.ae.bed_wait_allowed() / mean_wait_of_waiters)
    } else {
        0.0
    };
    let ae_over = admitted.iter().sum::<f64>() * s.ae.admitted_via_ae * over_standard;
    out.ae_over_standard.push(ae_over);

    // 6. deaths by place: the cohort's where they are; unexpected deaths outside hospital make
    // up the unexpected total given the hospital deaths other than last admissions.
    let hosp: f64 = died.iter().sum();
    let sudden = (r.deaths_unexpected - (hosp - last_died)).max(0.0);
    let other = sudden * eol.cohort.sudden_elsewhere;
    let hospice = cohort_day.deaths_hospice;
    let care_home = cohort_day.deaths_care_home;
    let home = cohort_day.deaths_home + sudden - other;
    out.deaths.push(hosp + hospice + care_home + other + home);
    out.deaths_hospital.push(hosp);
    out.deaths_hospice.push(hospice);
    out.deaths_care_home.push(care_home);
    out.deaths_other.push(other);
    out.deaths_home.push(home);

    // costs [£/day]
    out.eol_final_admissions.push(cohort_day.final_admissions);
    out.eol_turned_away.push(cohort_day.turned_away);
    let m = c.m;
    // Stocks at today's census (recorded above), as the DES and the yearly accounts read them.
    let census = |v: &Vec<f64>| v.last().copied().unwrap_or(0.0);
    community_cost += accounts::step_down_day(s, r.step_down_beds, census(&out.step_down_occupied))
        + accounts::hospice_day(s);
    let commissioner = tariff_cost
        + excess_cost
        + el_adm * m.elective_tariff
        + (r.ae_attendances - r.ucc_attendances) * m.ae_attendance
        + r.ucc_attendances * m.ucc_attendance
        + community_cost;
    let provider = accounts::provider_day(s, r.beds_base, p_esc, in_beds_now).total();
    let social = accounts::social_care_day(
        s,
        census(&out.vacancies_care_package),
        census(&out.package_caseload),
        census(&out.vacancies_care_home),
        census(&out.care_home_caseload),
    )
    .total()
        + accounts::later_needs_day(
            s,
            census(&out.later_package_caseload),
            census(&out.later_care_home_caseload),
        )
        .total();
    out.emergency_tariff_cost.push(tariff_cost);
    out.excess_bed_day_cost.push(excess_cost);
    out.community_cost.push(community_cost);
    out.commissioner_cost.push(commissioner);
    out.provider_cost.push(provider);
    out.social_care_cost.push(social);
}

/// Records the day's census (stocks at the start of the day).
fn record_census(
    s: &Scenario,
    r: &DayRules,
    st: &State,
    out: &mut Daily,
    occupied: f64,
    available: f64,
    p_esc: f64,
) {
    let pkg = Service::CarePackage.index();
    let sdi = Service::StepDown.index();
    let chi = Service::CareHome.index();
    let base = r.beds_open;
    out.beds_base.push(r.beds_base);
    out.beds_open.push(base);
    out.beds_available.push(available);
    out.escalation_open.push(p_esc);
    out.occupied_beds.push(occupied);
    out.occupancy.push(if base > 0.0 {
        occupied / base
    } else if occupied > 0.0 {
        1.0
    } else {
        0.0
    });
    out.over_95.push(if base > 0.0 {
        census_at_least(occupied, OVER_FULL * base)
    } else {
        f64::from(u8::from(occupied > 0.0))
    });
    out.ae_waiting.push(total(&st.ae_wait));
    let mut by_reason = [0.0f64; 6];
    let mut by_service = [0.0f64; 3];
    for svc in Service::ALL {
        let v = svc.index();
        for step in Step::ALL {
            let x = total(&st.steps[v][step.index()]);
            by_reason[step.reason(svc).index()] += x;
            by_service[v] += x;
        }
    }
    let sd_q = total(&st.step_down_queue);
    by_reason[Reason::FurtherNhsCare.index()] += sd_q;
    by_service[sdi] += sd_q;
    for (v, reason) in [(pkg, Reason::CarePackage), (chi, Reason::CareHome)] {
        let x: f64 = st.vacancy_queue[v][..4].iter().sum();
        by_reason[reason.index()] += x;
        by_service[v] += x;
    }
    for reason in Reason::ALL {
        out.delayed_by_reason
            .get_mut(reason)
            .push(by_reason[reason.index()]);
    }
    out.delayed_care_package.push(by_service[pkg]);
    out.delayed_step_down.push(by_service[sdi]);
    out.delayed_care_home.push(by_service[chi]);
    out.delayed_total.push(by_service.iter().sum());
    out.step_down_beds.push(r.step_down_beds);
    out.step_down_occupied.push(st.step_down_occupied());
    out.vacancies_care_package.push(r.vacancies[pkg]);
    out.vacancies_care_home.push(r.vacancies[chi]);
    let interim_pkg: f64 = st.interim[pkg].iter().flatten().sum();
    let interim_ch: f64 = st.interim[chi].iter().flatten().sum();
    out.package_caseload
        .push(st.service_caseload[pkg] + interim_pkg);
    out.care_home_caseload
        .push(st.service_caseload[chi] + interim_ch);
    out.community_caseload
        .push(total(&st.caseload) + st.cohort.supported);
    out.eol_cohort.push(st.cohort.people());
    out.eol_supported.push(st.cohort.supported);
    out.eol_unsupported.push(st.cohort.unsupported);
    out.hospice_occupied.push(st.cohort.hospice);
    out.esd_caseload.push(st.esd_caseload);
    out.elective_patients.push(st.electives);
    for stream in Stream::ALL {
        let k = stream.index();
        out.ae_waiting_by_stream.get_mut(stream).push(st.ae_wait[k]);
        out.acute_patients.get_mut(stream).push(st.acute_stream(k));
        out.community_caseload_by_stream
            .get_mut(stream)
            .push(if k == 0 {
                st.cohort.supported
            } else {
                st.caseload[k]
            });
    }
    let _ = s;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A day whose content climbs steadily through the capacity (30 standard deviations either
    /// side, so the pool's own randomness blurs only a little of the day round the moment it
    /// fills) is full for its second half: the fluid answer is that half the planned patients,
    /// those who come after the beds fill, are cancelled. A day wholly below capacity cancels
    /// none; a day at one content, the stationary chance of a full pool at it. A single reading
    /// at the ramp's mean content (the capacity itself) would give that chance at the capacity
    /// instead, which is no answer to when in the day the beds fill.
    #[test]
    fn planned_patients_after_the_beds_fill_are_cancelled() {
        let c: f64 = 1000.0;
        let sd = c.sqrt();
        // Few planned patients, so their own cancellation barely moves the content.
        let through = cancel_share_over_day(c, c - 30.0 * sd, c + 30.0 * sd, 1.0, 0.99);
        assert!((through - 0.5).abs() < 0.05, "{through}");
        let below = cancel_share_over_day(c, c - 12.0 * sd, c - 8.0 * sd, 1.0, 0.99);
        assert!(below < 1e-6, "{below}");
        // A day at one content cancels the stationary chance of a full pool there, whatever it
        // is (`fluid`'s tests check that chance against the stationary chain).
        for x in [c - 2.0 * sd, c, c + 10.0 * sd] {
            let flat = cancel_share_over_day(c, x, x, 1e-6, 0.99);
            let p = fluid::mixed_split(c, x, 0.99).p_wait;
            assert!((flat - p).abs() < 1e-6, "{x}: {flat} vs {p}");
        }
        // Falling through the capacity instead: full for the first half.
        let falling = cancel_share_over_day(c, c + 30.0 * sd, c - 30.0 * sd, 1.0, 0.99);
        assert!((falling - 0.5).abs() < 0.05, "{falling}");
        // No planned patients, nothing to cancel.
        assert_eq!(cancel_share_over_day(c, c, c + 100.0, 0.0, 1.0), 0.0);
    }

    /// Cancelled planned patients fill no bed: many planned patients on a day that would end
    /// just over capacity cancel fewer than the same content with few of them would suggest,
    /// since each one cancelled keeps the content down for those who come after.
    #[test]
    fn cancellations_hold_the_content_down_for_later_arrivals() {
        let c = 1000.0;
        let few = cancel_share_over_day(c, c - 100.0, c + 100.0, 1.0, 0.9);
        let many = cancel_share_over_day(c, c - 100.0, c + 100.0, 150.0, 0.9);
        assert!(many < few, "many {many} vs few {few}");
        assert!(many > 0.0);
    }
}
