//! The deterministic system-dynamics engine: daily stocks and flows (see docs/model.md).
//!
//! Order of events within a day `t` (stocks are recorded at the census, before the flows):
//! 1. census of every stock; escalation beds open if the census reaches the trigger;
//! 2. community caseloads discharge, then take on new people up to their free places (avoided admissions);
//! 3. acute stays end (first-order outflow, mean = LOS): deaths, discharges home, and patients
//!    fit to leave who need a downstream service join that service's delay queue (still in the bed);
//! 4. step-down stays end; downstream queues are served (care packages, care homes, step-down beds);
//! 5. A&E waiters and today's emergencies take free acute beds; planned admissions take what is
//!    left or are cancelled;
//! 6. deaths by place, costs.

// Parallel per-stream and per-origin arrays read more clearly with shared indices.
#![allow(clippy::needless_range_loop)]

use crate::calendar::{self, Day};
use crate::queue::erlang_c_wait;
use crate::results::{Daily, MonthSummary, Results, YearKpis};
use crate::scenario::{Scenario, Stream, ValidationIssue};
use std::fmt;

/// Why a run could not be made.
#[derive(Clone, Debug, PartialEq)]
pub enum ModelError {
    /// The scenario failed validation: every problem, with its field path.
    Invalid(Vec<ValidationIssue>),
    /// The run produced a non-finite number (a bug: please report the scenario).
    NonFinite { series: &'static str, day: usize },
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::Invalid(issues) => {
                write!(f, "invalid scenario ({} problem(s))", issues.len())?;
                for i in issues {
                    write!(f, "\n  {i}")?;
                }
                Ok(())
            }
            ModelError::NonFinite { series, day } => {
                write!(
                    f,
                    "internal error: non-finite value in '{series}' on day {day}"
                )
            }
        }
    }
}

impl std::error::Error for ModelError {}

const N_STREAMS: usize = 4;
/// Downstream reasons.
const PKG: usize = 0;
const SD: usize = 1;
const CH: usize = 2;
/// Sub-stock index for patients waiting in a step-down bed (after the four acute streams).
const FROM_SD: usize = 4;
/// How often the stationary waits are recomputed [days].
const WAIT_UPDATE_DAYS: usize = 7;
/// Smoothing time of arrival rates fed to the queueing formula [days].
const SMOOTHING_DAYS: f64 = 7.0;
/// Mean processing time of one care-package or care-home start "slot" [days]: a weekly capacity of
/// k starts is treated as k servers each taking a week to assess, broker and start one person.
const SLOT_DAYS: f64 = 7.0;

/// Per-day seasonal multipliers normalised so each financial year's mean is 1.
fn seasonal(days: &[Day], uplift: f64) -> Vec<f64> {
    let mut out = vec![1.0; days.len()];
    let mut i = 0;
    while i < days.len() {
        let n = days[i].year_days as usize;
        let end = (i + n).min(days.len());
        let winter = days[i..end].iter().filter(|d| d.is_winter()).count() as f64;
        let len = (end - i) as f64;
        let up = 1.0 + uplift;
        let other = if len > winter {
            ((len - winter * up) / (len - winter)).max(0.0)
        } else {
            1.0
        };
        for (k, d) in days[i..end].iter().enumerate() {
            out[i + k] = if d.is_winter() { up } else { other };
        }
        i = end;
    }
    out
}

/// A growth path: multiplier (1 + g)^τ with τ measured from the middle of the first year, so the
/// first year's total equals its stated annual figure. Computed incrementally (two `pow` per year).
pub(crate) fn growth_path(days: &[Day], g: f64) -> Vec<f64> {
    let mut out = Vec::with_capacity(days.len());
    let base = 1.0 + g.max(-0.99);
    let mut i = 0;
    while i < days.len() {
        let n = days[i].year_days as f64;
        let yi = days[i].year_index as f64;
        let per_day = libm::pow(base, 1.0 / n);
        let mut f = libm::pow(base, yi + 0.5 / n - 0.5);
        let end = (i + days[i].year_days as usize).min(days.len());
        for _ in i..end {
            out.push(f);
            f *= per_day;
        }
        i = end;
    }
    out
}

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}
fn sum(v: &[f64]) -> f64 {
    v.iter().sum()
}
fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

/// The stationary wait used by the delay queues [days], capped.
fn stationary_wait(lambda: f64, servers: f64, service: f64, cap: f64) -> f64 {
    let w = erlang_c_wait(lambda, servers, service);
    if w.is_finite() {
        w.min(cap)
    } else {
        cap
    }
}

/// A delay queue with sub-stocks by origin (the four acute streams, then step-down).
struct DelayQueue {
    waiting: [f64; 5],
    smoothed_arrivals: f64,
    wait: f64,
}

impl DelayQueue {
    /// Serve the queue for one day: `ready` joins, then up to `capacity` leave, at most
    /// (queue) ÷ (1 + wait) so that at steady state the queue holds arrivals × wait (Little's law).
    /// Returns the number served from each origin.
    fn serve(&mut self, ready: &[f64; 5], capacity: f64) -> [f64; 5] {
        let mut total = 0.0;
        for k in 0..5 {
            self.waiting[k] += ready[k];
            total += self.waiting[k];
        }
        let mut served = [0.0; 5];
        if total <= 0.0 {
            return served;
        }
        let out = capacity.max(0.0).min(total / (1.0 + self.wait));
        let frac = (out / total).clamp(0.0, 1.0);
        for k in 0..5 {
            served[k] = self.waiting[k] * frac;
            self.waiting[k] -= served[k];
        }
        served
    }
    fn acute(&self) -> f64 {
        self.waiting[..4].iter().sum()
    }
}

/// Run the deterministic engine.
pub fn run(s: &Scenario) -> Result<Results, ModelError> {
    s.validate().map_err(ModelError::Invalid)?;
    Ok(simulate(s))
}

/// Warm-up: the first financial year is simulated once before recording starts, so the recorded
/// run begins in its seasonal cycle (with last winter's backlog) rather than in a flat steady state.
fn simulate(s: &Scenario) -> Results {
    let real_days = calendar::days(s.start_year, s.years);
    let warm = real_days.iter().take_while(|d| d.year_index == 0).count();
    let mut days: Vec<Day> = Vec::with_capacity(warm + real_days.len());
    days.extend_from_slice(&real_days[..warm]);
    days.extend_from_slice(&real_days);
    let n = days.len();
    let mut out = Daily::with_capacity(n);

    let fy = |d: &Day| {
        (s.start_year + d.year_index) as f64 + (d.day_of_year as f64) / (d.year_days as f64)
    };
    let arr_season = seasonal(&days, s.demand.winter_uplift);
    let los_season = seasonal(&days, s.beds.winter_los_uplift);
    let pop_growth = growth_path(&days, s.population.growth);
    let em_growth = growth_path(&days, s.demand.emergency_growth);
    let ae_growth = growth_path(&days, s.demand.ae_growth);
    let pkg_growth = growth_path(&days, s.discharge.care_packages.growth);
    let ch_growth = growth_path(&days, s.discharge.care_homes.growth);
    let weekend = 1.0 - s.demand.weekend_dip;
    let weekday = (7.0 - 2.0 * weekend) / 5.0;

    let sh = &s.demand.stream_share;
    let share = [
        sh.end_of_life,
        sh.acsc,
        sh.frail,
        (1.0 - sh.end_of_life - sh.acsc - sh.frail).max(0.0),
    ];
    let cc = &s.care_closer_to_home;
    let av: [&crate::scenario::AvoidanceService; 4] = [
        &cc.avoidance.end_of_life,
        &cc.avoidance.acsc,
        &cc.avoidance.frail,
        &cc.avoidance.other,
    ];
    let av_len: [f64; 4] = std::array::from_fn(|k| av[k].length_of_service.mean().max(1.0));
    let los_mean: [f64; 4] =
        std::array::from_fn(|k| s.beds.los.get(Stream::ALL[k]).mean().max(0.01));
    let dest: [&crate::scenario::Destinations; 4] =
        std::array::from_fn(|k| s.discharge.destinations.get(Stream::ALL[k]));
    let tariff: [f64; 4] = std::array::from_fn(|k| *s.money.emergency_tariff.get(Stream::ALL[k]));
    let excess_factor = libm::exp(-s.money.trim_multiple); // E[(LOS − trim)+] / mean for exponential stays
    let esd = &cc.early_supported_discharge;
    let sdn = &s.discharge.step_down;
    let sd_len = sdn.length_of_stay.mean().max(1.0);
    let pkg_len = s.discharge.care_packages.length_of_service.mean().max(1.0);
    let ch_len = s.discharge.care_homes.length_of_service.mean().max(1.0);
    let max_wait = s.discharge.max_stationary_wait;
    let eol = &s.end_of_life;
    let elective_los = s.demand.elective_los.max(0.01);
    let mut steps: Vec<(f64, f64)> = s.beds.steps.iter().map(|b| (b.at, b.change)).collect();
    steps.sort_by(|a, b| a.0.total_cmp(&b.0));

    let surge_on = |d: &Day| -> bool {
        let sg = &s.demand.surge;
        sg.enabled
            && (sg.every_winter || d.year_index == 0)
            && (d.day_of_year as f64) >= sg.start_day
            && (d.day_of_year as f64) < sg.start_day + sg.duration_days
    };
    // Elective bookings: weekdays only, spreading the annual total.
    let weekdays_in_year = |yi: u32| {
        real_days
            .iter()
            .filter(|d| d.year_index == yi && !d.is_weekend())
            .count()
            .max(1) as f64
    };
    let wd_counts: Vec<f64> = (0..s.years).map(weekdays_in_year).collect();

    // ---- per-day drivers, as closures over the day index ----
    let day_factors = |i: usize| -> (f64, f64, bool) {
        let d = &days[i];
        let surge = surge_on(d);
        let mut a = arr_season[i] * if d.is_weekend() { weekend } else { weekday };
        let mut l = los_season[i];
        if surge {
            a *= 1.0 + s.demand.surge.demand_uplift;
            l *= 1.0 + s.demand.surge.los_uplift;
        }
        (a, l, surge)
    };
    let los_at = |k: usize, t: f64, l_factor: f64, esd_cut: f64| -> f64 {
        let red = 1.0 - s.beds.los_reduction.reduction * s.beds.los_reduction.ramp.factor(t);
        let stream_cut = if k >= 2 { esd_cut } else { 0.0 };
        (los_mean[k] * red * l_factor - stream_cut).max(0.5)
    };
    let coverage_at = |t: f64| -> f64 {
        eol.register_coverage
            + (eol.register_coverage_target - eol.register_coverage) * eol.register_ramp.factor(t)
    };
    let eligible = |k: usize, t: f64| -> f64 {
        let e = av[k].eligible_share;
        if k == 0 {
            e * coverage_at(t)
        } else {
            e
        }
    };
    let starts_capacity =
        |svc: &crate::scenario::StartsService, growth: f64, t: f64, d: &Day, surge: bool| -> f64 {
            let mut wk =
                svc.starts_per_week * growth + svc.added_per_week * svc.added_ramp.factor(t);
            if d.is_winter() {
                wk *= 1.0 - s.discharge.winter_capacity_cut;
            }
            if surge {
                wk *= 1.0 - s.demand.surge.downstream_capacity_cut;
            }
            wk.max(0.0)
        };
    let sd_beds_at = |t: f64| sdn.beds + sdn.added_beds * sdn.added_ramp.factor(t);
    let base_beds_at = |t: f64| -> f64 {
        let mut b = s.beds.base;
        for &(at, ch) in &steps {
            if t >= at {
                b += ch;
            }
        }
        b.max(0.0)
    };

    // ---- initial state: steady state at the first day's mean rates ----
    let t0 = fy(&days[0]);
    let annual0 = s.demand.emergency_admissions * em_growth[0] / days[0].year_days as f64;
    let nonwinter0 = arr_season[0];
    let mut caseload = [0.0f64; 4];
    let mut in_bed = [0.0f64; 4];
    let mut ae_wait = [0.0f64; 4];
    let mut ready0 = [[0.0f64; 5]; 3];
    for k in 0..4 {
        let lam = annual0 * share[k] * nonwinter0;
        let cap = av[k].capacity * av[k].ramp.factor(t0);
        let referred = (eligible(k, t0) * lam).min(cap / av_len[k]);
        caseload[k] = referred * av_len[k];
        let to_acute = lam - av[k].effectiveness * referred;
        let los = los_at(k, t0, los_season[0], 0.0);
        in_bed[k] = to_acute * los;
        let done = to_acute;
        let live = done * (1.0 - dest[k].died);
        ready0[PKG][k] = live * dest[k].care_package;
        ready0[SD][k] = live * dest[k].step_down;
        ready0[CH][k] = live * dest[k].care_home;
    }
    let sd_in0: f64 = ready0[SD].iter().sum();
    ready0[PKG][FROM_SD] = sd_in0 * sdn.to_care_package;
    ready0[CH][FROM_SD] = sd_in0 * (1.0 - sdn.to_home - sdn.to_care_package).max(0.0);
    let mut queues: [DelayQueue; 3] = std::array::from_fn(|r| {
        let lam: f64 = ready0[r].iter().sum();
        DelayQueue {
            waiting: [0.0; 5],
            smoothed_arrivals: lam,
            wait: 0.0,
        }
    });
    let init_caps = [
        starts_capacity(
            &s.discharge.care_packages,
            pkg_growth[0],
            t0,
            &days[0],
            false,
        ),
        sd_beds_at(t0),
        starts_capacity(&s.discharge.care_homes, ch_growth[0], t0, &days[0], false),
    ];
    let servers = |r: usize, cap: f64| -> (f64, f64) {
        if r == SD {
            (cap, sd_len)
        } else {
            (cap, SLOT_DAYS)
        }
    };
    for r in 0..3 {
        let (c, svc) = servers(r, init_caps[r]);
        let w = stationary_wait(queues[r].smoothed_arrivals, c, svc, max_wait);
        queues[r].wait = w;
        for k in 0..5 {
            queues[r].waiting[k] = ready0[r][k] * w;
        }
    }
    let mut sd_active = (sd_in0 * sd_len).min(sd_beds_at(t0).max(0.0));
    let mut pkg_caseload = ready0[PKG].iter().sum::<f64>() * pkg_len;
    let mut ch_caseload = ready0[CH].iter().sum::<f64>() * ch_len;
    let mut electives = s.demand.elective_admissions / days[0].year_days as f64 * elective_los;
    let mut esd_caseload = 0.0f64;
    let mut esd_smoothed_adm = (annual0 * (share[2] + share[3]) * nonwinter0).max(0.0);
    let _ = &mut ae_wait;

    for (i, d) in days.iter().enumerate() {
        let t = fy(d);
        let (a_factor, l_factor, surge) = day_factors(i);
        let pop = s.population.population * pop_growth[i];
        let yd = d.year_days as f64;

        // 1. census
        let delayed = [queues[PKG].acute(), queues[SD].acute(), queues[CH].acute()];
        let sd_waiting_there = queues[PKG].waiting[FROM_SD] + queues[CH].waiting[FROM_SD];
        let acute_k: [f64; 4] = std::array::from_fn(|k| {
            in_bed[k] + queues[PKG].waiting[k] + queues[SD].waiting[k] + queues[CH].waiting[k]
        });
        let occupied = acute_k.iter().sum::<f64>() + electives;
        let mut base = base_beds_at(t);
        if surge {
            base = (base - s.demand.surge.beds_closed).max(0.0);
        }
        let esc_open = base > 0.0
            && occupied >= s.beds.escalation_trigger * base
            && s.beds.escalation_beds > 0.0;
        let available = base
            + if esc_open {
                s.beds.escalation_beds
            } else {
                0.0
            };
        let occupancy = if available > 0.0 {
            occupied / available
        } else if occupied > 0.0 {
            1.0
        } else {
            0.0
        };
        out.beds_base.push(base);
        out.beds_available.push(available);
        out.escalation_open.push(if esc_open { 1.0 } else { 0.0 });
        out.occupied_beds.push(occupied);
        out.occupancy.push(occupancy);
        out.ae_waiting.push(ae_wait.iter().sum());
        out.delayed_care_package.push(delayed[PKG]);
        out.delayed_step_down.push(delayed[SD]);
        out.delayed_care_home.push(delayed[CH]);
        out.delayed_total.push(delayed.iter().sum());
        out.expected_wait_care_package.push(queues[PKG].wait);
        out.expected_wait_step_down.push(queues[SD].wait);
        out.expected_wait_care_home.push(queues[CH].wait);
        let sd_beds = sd_beds_at(t).max(0.0);
        out.step_down_beds.push(sd_beds);
        out.step_down_occupied.push(sd_active + sd_waiting_there);
        out.package_caseload.push(pkg_caseload);
        out.care_home_caseload.push(ch_caseload);
        out.community_caseload.push(caseload.iter().sum());
        out.esd_caseload.push(esd_caseload);
        out.elective_patients.push(electives);
        for st in Stream::ALL {
            let k = st.index();
            out.ae_waiting_by_stream.get_mut(st).push(ae_wait[k]);
            out.acute_patients.get_mut(st).push(acute_k[k]);
            out.community_caseload_by_stream
                .get_mut(st)
                .push(caseload[k]);
        }

        // 2. demand and community caseloads
        let annual = s.demand.emergency_admissions * em_growth[i] / yd;
        let mut to_acute = [0.0f64; 4];
        let mut community_cost = 0.0;
        for st in Stream::ALL {
            let k = st.index();
            let lam = annual * share[k] * a_factor;
            caseload[k] -= caseload[k] / av_len[k];
            let cap = av[k].capacity * av[k].ramp.factor(t);
            let free = (cap - caseload[k]).max(0.0);
            let referred = (eligible(k, t) * lam).min(free).max(0.0);
            caseload[k] += referred;
            let avoided = (av[k].effectiveness * referred).min(lam);
            to_acute[k] = lam - avoided;
            community_cost += caseload[k] * av[k].cost_per_day;
            out.arrivals.get_mut(st).push(lam);
            out.avoided.get_mut(st).push(avoided);
        }

        // Early supported discharge: share of eligible frail/other patients it can take.
        let esd_cap = esd.capacity * esd.ramp.factor(t);
        let esd_intake_cap =
            (esd_cap - esd_caseload * (1.0 - 1.0 / esd.length_of_service.max(1.0))).max(0.0);
        let esd_eligible = esd.eligible_share * esd_smoothed_adm;
        let esd_served = esd_eligible.min(esd_intake_cap);
        let esd_cut = if esd_smoothed_adm > 0.0 {
            esd.days_saved * esd_served / esd_smoothed_adm
        } else {
            0.0
        };
        esd_caseload += esd_served - esd_caseload / esd.length_of_service.max(1.0);
        esd_caseload = esd_caseload.max(0.0);
        community_cost += esd_caseload * esd.cost_per_day;

        // 3. acute stays end
        let mut ready = [[0.0f64; 5]; 3];
        let mut home_now = [0.0f64; 4];
        let mut died = [0.0f64; 4];
        let mut los_today = [0.0f64; 4];
        for k in 0..N_STREAMS {
            let los = los_at(k, t, l_factor, esd_cut);
            los_today[k] = los;
            let done = in_bed[k] * (1.0 / los).min(1.0);
            in_bed[k] -= done;
            died[k] = done * dest[k].died;
            let live = done - died[k];
            ready[PKG][k] = live * dest[k].care_package;
            ready[SD][k] = live * dest[k].step_down;
            ready[CH][k] = live * dest[k].care_home;
            home_now[k] = live - ready[PKG][k] - ready[SD][k] - ready[CH][k];
        }
        let el_done = electives * (1.0 / elective_los).min(1.0);
        electives -= el_done;

        // 4. step-down stays end; downstream queues served
        let sd_done = sd_active * (1.0 / sd_len).min(1.0);
        sd_active -= sd_done;
        ready[PKG][FROM_SD] = sd_done * sdn.to_care_package;
        ready[CH][FROM_SD] = sd_done * (1.0 - sdn.to_home - sdn.to_care_package).max(0.0);

        let pkg_cap = starts_capacity(&s.discharge.care_packages, pkg_growth[i], t, d, surge);
        let ch_cap = starts_capacity(&s.discharge.care_homes, ch_growth[i], t, d, surge);
        let caps_servers = [pkg_cap, sd_beds, ch_cap];
        for r in 0..3 {
            let arrivals: f64 = ready[r].iter().sum();
            let q = &mut queues[r];
            q.smoothed_arrivals += (arrivals - q.smoothed_arrivals) / SMOOTHING_DAYS;
            if i % WAIT_UPDATE_DAYS == 0 {
                let (c, svc) = servers(r, caps_servers[r]);
                q.wait = stationary_wait(q.smoothed_arrivals, c, svc, max_wait);
            }
        }
        let served_pkg = queues[PKG].serve(&ready[PKG], pkg_cap / 7.0);
        let served_ch = queues[CH].serve(&ready[CH], ch_cap / 7.0);
        let pkg_started: f64 = served_pkg.iter().sum();
        let ch_started: f64 = served_ch.iter().sum();
        pkg_caseload += pkg_started - pkg_caseload / pkg_len;
        ch_caseload += ch_started - ch_caseload / ch_len;
        let sd_free =
            (sd_beds - sd_active - queues[PKG].waiting[FROM_SD] - queues[CH].waiting[FROM_SD])
                .max(0.0);
        let served_sd = queues[SD].serve(&ready[SD], sd_free);
        sd_active += served_sd.iter().sum::<f64>();

        // 5. admissions
        let remaining: f64 = in_bed.iter().sum::<f64>()
            + queues[PKG].acute()
            + queues[SD].acute()
            + queues[CH].acute()
            + electives;
        let mut free = (available - remaining).max(0.0);
        let need: f64 = (0..4).map(|k| ae_wait[k] + to_acute[k]).sum();
        let admit_frac = if need > 0.0 {
            (free / need).min(1.0)
        } else {
            0.0
        };
        let mut tariff_cost = 0.0;
        let mut excess_cost = 0.0;
        for st in Stream::ALL {
            let k = st.index();
            let want = ae_wait[k] + to_acute[k];
            let adm = want * admit_frac;
            ae_wait[k] = want - adm;
            in_bed[k] += adm;
            free -= adm;
            tariff_cost += adm * tariff[k];
            excess_cost += adm * los_today[k] * excess_factor * s.money.excess_bed_day;
            out.admissions.get_mut(st).push(adm);
            out.discharged
                .get_mut(st)
                .push(home_now[k] + served_pkg[k] + served_sd[k] + served_ch[k]);
            out.hospital_deaths.get_mut(st).push(died[k]);
        }
        esd_smoothed_adm += ((out.admissions.frail[i] + out.admissions.other[i])
            - esd_smoothed_adm)
            / SMOOTHING_DAYS;
        let scheduled = if d.is_weekend() {
            0.0
        } else {
            s.demand.elective_admissions
                / wd_counts[(d.year_index as usize).min(wd_counts.len() - 1)]
        };
        let el_adm = scheduled.min(free.max(0.0));
        electives += el_adm;
        out.elective_scheduled.push(scheduled);
        out.elective_admissions.push(el_adm);
        out.elective_cancellations.push(scheduled - el_adm);
        out.package_starts.push(pkg_started);
        out.care_home_starts.push(ch_started);

        // A&E and urgent care
        let ae = s.demand.ae_attendances * ae_growth[i] / yd;
        let ucc = (cc.urgent_care.diverted_per_year * cc.urgent_care.ramp.factor(t) / yd).min(ae);
        out.ae_attendances.push(ae - ucc);
        out.ucc_attendances.push(ucc);

        // 6. deaths by place
        let total_deaths = eol.crude_death_rate / 1000.0 * pop / yd;
        let hosp: f64 = died.iter().sum();
        let community = (total_deaths - hosp).max(0.0);
        let hospice =
            (eol.hospice_beds / eol.hospice_stay.max(1.0) * eol.hospice_death_share).min(community);
        let rest = community - hospice;
        let care_home = rest * eol.care_home_share_of_community_deaths;
        let other = rest * eol.other_share_of_community_deaths;
        let home = (rest - care_home - other).max(0.0);
        out.deaths.push(hosp + hospice + care_home + other + home);
        out.deaths_hospital.push(hosp);
        out.deaths_hospice.push(hospice);
        out.deaths_care_home.push(care_home);
        out.deaths_other.push(other);
        out.deaths_home.push(home);

        // costs [£/day]
        community_cost +=
            sd_beds * s.money.step_down_bed_day + eol.hospice_beds * s.money.hospice_day;
        let commissioner = tariff_cost
            + excess_cost
            + el_adm * s.money.elective_tariff
            + (ae - ucc) * s.money.ae_attendance
            + ucc * s.money.ucc_attendance
            + community_cost;
        let fixed = s.money.bed_fixed_share;
        let base_cost_beds = base_beds_at(t);
        let provider = s.money.bed_day_cost
            * (fixed * base_cost_beds
                + if esc_open {
                    s.beds.escalation_beds
                } else {
                    0.0
                } * fixed
                + (1.0 - fixed) * occupied);
        let social =
            (pkg_caseload * s.money.care_package_week + ch_caseload * s.money.care_home_week) / 7.0;
        out.emergency_tariff_cost.push(tariff_cost);
        out.community_cost.push(community_cost);
        out.commissioner_cost.push(commissioner);
        out.provider_cost.push(provider);
        out.social_care_cost.push(social);
    }

    out.drop_front(warm);
    let monthly = monthly(&real_days, &out);
    let yearly = yearly(s, &real_days, &out);
    Results {
        days: real_days.len(),
        start_year: s.start_year,
        daily: out,
        monthly,
        yearly,
    }
}

/// Monthly summaries from a daily record; shared by both engines.
pub(crate) fn monthly(days: &[Day], o: &Daily) -> Vec<MonthSummary> {
    let mut v = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let (y, m) = (days[i].year, days[i].month);
        let mut j = i;
        while j < days.len() && days[j].month == m && days[j].year == y {
            j += 1;
        }
        let r = i..j;
        let adm: f64 = Stream::ALL
            .iter()
            .map(|&st| sum(&o.admissions.get(st)[r.clone()]))
            .sum();
        let avd: f64 = Stream::ALL
            .iter()
            .map(|&st| sum(&o.avoided.get(st)[r.clone()]))
            .sum();
        v.push(MonthSummary {
            month: format!("{y}-{m:02}"),
            first_day: i,
            days: j - i,
            emergency_admissions: adm,
            admissions_avoided: avd,
            elective_cancellations: sum(&o.elective_cancellations[r.clone()]),
            mean_occupied_beds: mean(&o.occupied_beds[r.clone()]),
            mean_occupancy: mean(&o.occupancy[r.clone()]),
            peak_occupancy: o.occupancy[r.clone()].iter().cloned().fold(0.0, f64::max),
            mean_delayed: mean(&o.delayed_total[r.clone()]),
            dtoc_share: ratio(
                sum(&o.delayed_total[r.clone()]),
                sum(&o.occupied_beds[r.clone()]),
            ),
            deaths: sum(&o.deaths[r.clone()]),
            total_cost: total_cost(o, r),
        });
        i = j;
    }
    v
}

fn total_cost(o: &Daily, r: std::ops::Range<usize>) -> f64 {
    // Commissioner spending outside the acute hospital + provider + social care.
    sum(&o.community_cost[r.clone()])
        + sum(&o.provider_cost[r.clone()])
        + sum(&o.social_care_cost[r])
}

/// Per-financial-year KPIs from a daily record; shared by both engines so their KPIs mean the same.
pub(crate) fn yearly(s: &Scenario, days: &[Day], o: &Daily) -> Vec<YearKpis> {
    let mut v = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let yi = days[i].year_index;
        let j = (i + days[i].year_days as usize).min(days.len());
        let r = i..j;
        let st_sum = |series: &crate::scenario::PerStream<Vec<f64>>, st: Stream| {
            sum(&series.get(st)[r.clone()])
        };
        let adm_k: [f64; 4] = std::array::from_fn(|k| st_sum(&o.admissions, Stream::ALL[k]));
        let demand: f64 = Stream::ALL.iter().map(|&st| st_sum(&o.arrivals, st)).sum();
        let avoided: f64 = Stream::ALL.iter().map(|&st| st_sum(&o.avoided, st)).sum();
        let occ_days = sum(&o.occupied_beds[r.clone()]);
        let delayed_days = sum(&o.delayed_total[r.clone()]);
        let deaths = sum(&o.deaths[r.clone()]);
        let dh = sum(&o.deaths_hospital[r.clone()]);
        let dhome = sum(&o.deaths_home[r.clone()]);
        let dch = sum(&o.deaths_care_home[r.clone()]);
        let dhos = sum(&o.deaths_hospice[r.clone()]);
        let mid = (i + j) / 2;
        let pop = s.population.population * growth_path(&days[..=mid], s.population.growth)[mid];
        let adults = pop * s.population.adult_share;
        let commissioner = sum(&o.commissioner_cost[r.clone()]);
        let provider = sum(&o.provider_cost[r.clone()]);
        let social = sum(&o.social_care_cost[r.clone()]);
        let fy_year = s.start_year + yi;
        let amount = |list: &Vec<crate::scenario::YearAmount>| {
            list.iter()
                .filter(|a| a.year == fy_year)
                .map(|a| a.amount)
                .sum::<f64>()
        };
        v.push(YearKpis {
            year: s.year_label(yi),
            days: j - i,
            population: pop,
            emergency_demand: demand,
            emergency_admissions: adm_k.iter().sum(),
            emergency_admissions_end_of_life: adm_k[0],
            emergency_admissions_acsc: adm_k[1],
            emergency_admissions_frail: adm_k[2],
            emergency_admissions_other: adm_k[3],
            admissions_avoided: avoided,
            elective_admissions: sum(&o.elective_admissions[r.clone()]),
            elective_cancellations: sum(&o.elective_cancellations[r.clone()]),
            ae_attendances: sum(&o.ae_attendances[r.clone()]),
            ucc_attendances: sum(&o.ucc_attendances[r.clone()]),
            mean_occupied_beds: mean(&o.occupied_beds[r.clone()]),
            mean_beds_available: mean(&o.beds_available[r.clone()]),
            beds_base_end: o.beds_base[j - 1],
            mean_occupancy: mean(&o.occupancy[r.clone()]),
            peak_occupancy: o.occupancy[r.clone()].iter().cloned().fold(0.0, f64::max),
            days_over_95pct_occupancy: o.occupancy[r.clone()].iter().filter(|&&x| x > 0.95).count()
                as f64,
            days_escalation_open: sum(&o.escalation_open[r.clone()]),
            mean_ae_waiting: mean(&o.ae_waiting[r.clone()]),
            dtoc_share: ratio(delayed_days, occ_days),
            delayed_bed_days: delayed_days,
            delayed_days_care_package: sum(&o.delayed_care_package[r.clone()]),
            delayed_days_step_down: sum(&o.delayed_step_down[r.clone()]),
            delayed_days_care_home: sum(&o.delayed_care_home[r.clone()]),
            delayed_per_100k_adults: ratio(mean(&o.delayed_total[r.clone()]) * 100_000.0, adults),
            mean_step_down_occupied: mean(&o.step_down_occupied[r.clone()]),
            mean_community_caseload: mean(&o.community_caseload[r.clone()]),
            deaths,
            deaths_hospital: dh,
            deaths_home: dhome,
            deaths_care_home: dch,
            deaths_hospice: dhos,
            deaths_other: sum(&o.deaths_other[r.clone()]),
            home_death_share: ratio(dhome, deaths),
            home_or_care_home_death_share: ratio(dhome + dch, deaths),
            hospital_death_share: ratio(dh, deaths),
            hospice_death_share: ratio(dhos, deaths),
            emergency_tariff_cost: sum(&o.emergency_tariff_cost[r.clone()]),
            community_cost: sum(&o.community_cost[r.clone()]),
            commissioner_cost: commissioner,
            provider_cost: provider,
            social_care_cost: social,
            total_cost: total_cost(o, r.clone()),
            investment: amount(&s.money.investment),
            planned_savings: amount(&s.money.planned_savings),
        });
        i = j;
    }
    v
}
