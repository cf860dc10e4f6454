//! Each day's rules, in one place: a [`Scenario`] turned into the rates, capacities and factors of
//! every simulated day, which both engines read. Neither engine computes a rate, a capacity or a
//! seasonal factor of its own, so the two cannot drift apart.
//!
//! Days are numbered from the first warm-up day. The warm-up is [`WARMUP_DAYS`] days (13 weeks)
//! that replay the first recorded week, weekday by weekday, so both engines reach 1 April in a
//! settled state with the week's mix of days and no winter or surge behind them.

use crate::calendar::{self, Day};
use crate::scenario::{Scenario, Service, Stream};

/// Days simulated before 1 April of the first year, replaying the first week (not recorded).
pub const WARMUP_DAYS: usize = 91;

/// The rules of one day. Rates are per day and constant within the day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DayRules {
    /// The calendar day (for warm-up days, the recorded day being replayed).
    pub day: Day,
    /// Whether the day is recorded (false in the warm-up).
    pub recorded: bool,
    /// Fractional financial year at the start of the day (2009.5 ≈ 1 October 2009).
    pub fy: f64,
    /// A surge (snow, flu, norovirus) is on.
    pub surge: bool,
    /// Emergency arrivals before admission avoidance, per stream [people/day].
    pub emergency: [f64; 4],
    /// Planned admissions booked [admissions/day] (weekdays only).
    pub elective: f64,
    /// Multiplier on emergency lengths of stay: winter × LOS-reduction lever × surge [×].
    pub los_factor: f64,
    /// Acute bed base after ward closures and openings [beds].
    pub beds_base: f64,
    /// Base beds open today: the base less beds closed by a surge [beds].
    pub beds_open: f64,
    /// Step-down beds [beds].
    pub step_down_beds: f64,
    /// Vacancies offered to hospital and step-down patients by the starts services [starts/day]
    /// (the step-down entry is 0: step-down is a bed pool, not a starts service).
    pub vacancies: [f64; 3],
    /// Rate at which discharge steps progress [working days/day]: 1 on a weekday,
    /// `discharge.weekend_working` at the weekend.
    pub working_rate: f64,
    /// Admission-avoidance places per stream [people at once].
    pub avoid_places: [f64; 4],
    /// Share of each stream's arrivals eligible for admission avoidance (end of life: × register
    /// coverage) [share].
    pub avoid_eligible: [f64; 4],
    /// Early-supported-discharge places [people at once].
    pub esd_places: f64,
    /// Share of patients with an assessment outstanding who are discharged to assess [share].
    pub discharge_to_assess: f64,
    /// A&E attendances before diversion [attendances/day].
    pub ae_attendances: f64,
    /// Attendances diverted to the urgent care centre [attendances/day].
    pub ucc_attendances: f64,
    /// Population [people].
    pub population: f64,
    /// Expected deaths in the population [deaths/day].
    pub deaths: f64,
    /// People with an expected death entering their last months (deaths × expected share)
    /// [people/day].
    pub eol_entering: f64,
    /// Unexpected deaths (deaths × (1 − expected share)) [deaths/day].
    pub deaths_unexpected: f64,
    /// Share of people with an expected death identified onto the end-of-life register [share].
    pub eol_coverage: f64,
    /// Community end-of-life support places [people at once].
    pub eol_support_places: f64,
    /// Hospice beds for people who die there: beds × share of bed days used by them, rounded to
    /// whole beds [beds].
    pub hospice_places: f64,
    /// Last admissions (ending in death) the cohort would make with nobody supported and no
    /// hospice; the end-of-life stream's other emergencies are its demand less these
    /// [admissions/day].
    pub eol_final_reference: f64,
}

impl DayRules {
    /// Vacancies a starts service offers today [starts/day].
    pub fn vacancies(&self, s: Service) -> f64 {
        self.vacancies[s.index()]
    }
}

/// The whole run's rules.
#[derive(Clone, Debug)]
pub struct Rules {
    /// The recorded days.
    pub days: Vec<Day>,
    /// Every simulated day: [`WARMUP_DAYS`] warm-up days, then the recorded days.
    pub all: Vec<DayRules>,
    /// Share of emergency demand in each stream [share] (`other` is the remainder).
    pub stream_share: [f64; 4],
    /// The catalogue's services that are on, in catalogue order.
    pub services: Vec<ServiceRules>,
}

/// One community service's rules (`scenario::services`), read by both engines.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceRules {
    /// Id and name.
    pub id: String,
    pub name: String,
    /// Taken on at the point of crisis (else enrolled ahead of a crisis from a waiting list).
    pub at_crisis: bool,
    /// At crisis: share of each stream's would-be admissions (after the generic per-stream
    /// pools) offered to the service; 0 for streams it does not serve [share].
    pub offered: [f64; 4],
    /// Ahead of a crisis: how the caseload's would-be admissions split between streams (by the
    /// streams' shares of demand among those served; sums to 1) [share].
    pub weights: [f64; 4],
    /// Ahead of a crisis: would-be admissions of a person on the caseload [admissions/person/day].
    pub admission_rate: f64,
    /// Ahead of a crisis: mean wait before a referral gives up [days].
    pub patience: f64,
    /// Effect on admissions [share].
    pub effect: f64,
    /// Length of service [days].
    pub length: crate::distribution::Distribution,
    /// Share of an avoided admission's later care need that remains [share].
    pub later_care: f64,
    /// Cost [£/person/day].
    pub cost_per_day: f64,
    /// Share of the places bought as a block [share].
    pub block_share: f64,
    /// Places on each simulated day (warm-up included) [people at once].
    pub places: Vec<f64>,
    /// Referrals on each simulated day (ahead of a crisis) [people/day].
    pub referrals: Vec<f64>,
}

impl ServiceRules {
    /// Mean length of service [days] (at least a day).
    pub fn mean_length(&self) -> f64 {
        self.length.mean().max(1.0)
    }

    /// The commissioner's spending on the service on day `i` (of all simulated days) with this
    /// caseload [£/day]: the block's places are paid used or not, the rest per place-day used.
    pub fn cost_on(&self, i: usize, caseload: f64) -> f64 {
        crate::accounts::paid_places(self.block_share, self.places[i], 1.0, caseload)
            * self.cost_per_day
    }
}

/// The later care need of a person of each stream whose admission is avoided: the share who
/// would have started a care package, and a care-home placement, after the stay (directly or
/// after step-down) [share], as `discharge.destinations` and `discharge.step_down` give it.
pub fn later_need(s: &Scenario) -> [[f64; 2]; 4] {
    let sd = &s.discharge.step_down;
    let sd_ch = (1.0 - sd.to_home - sd.to_care_package).max(0.0);
    Stream::ALL.map(|st| {
        let d = s.discharge.destinations.get(st);
        let live = (1.0 - d.died).max(0.0);
        [
            live * (d.care_package + d.step_down * sd.to_care_package),
            live * (d.care_home + d.step_down * sd_ch),
        ]
    })
}

impl Rules {
    /// The rules of `s` (which should be valid).
    pub fn new(s: &Scenario) -> Rules {
        let days = calendar::days(s.start_year, s.years);
        let sh = &s.demand.stream_share;
        let stream_share = [
            sh.end_of_life,
            sh.acsc,
            sh.frail,
            (1.0 - sh.end_of_life - sh.acsc - sh.frail).max(0.0),
        ];
        let arr_season = seasonal(&days, s.demand.winter_uplift);
        let los_season = seasonal(&days, s.beds.winter_los_uplift);
        let pop_growth = growth_path(&days, s.population.growth);
        let em_growth = growth_path(&days, s.demand.emergency_growth);
        let ae_growth = growth_path(&days, s.demand.ae_growth);
        let starts_growth = |svc: &crate::scenario::StartsService| {
            if svc.growth_follows_demand {
                em_growth.clone()
            } else {
                growth_path(&days, svc.growth)
            }
        };
        let pkg_growth = starts_growth(&s.discharge.care_packages);
        let ch_growth = starts_growth(&s.discharge.care_homes);
        let weekend = 1.0 - s.demand.weekend_dip;
        let weekday = (7.0 - 2.0 * weekend) / 5.0;
        let w = s.discharge.weekend_working;
        // The week's starts spread over the days: weekdays 1, weekend days `w`, total kept.
        let (starts_weekday, starts_weekend) = (7.0 / (5.0 + 2.0 * w), 7.0 * w / (5.0 + 2.0 * w));
        let mut weekdays = vec![0.0f64; s.years as usize];
        for d in &days {
            if !d.is_weekend() {
                weekdays[d.year_index as usize] += 1.0;
            }
        }
        let mut steps: Vec<(f64, f64)> = s.beds.steps.iter().map(|b| (b.at, b.change)).collect();
        steps.extend(crate::scenario::ward_steps(s));
        steps.sort_by(|a, b| a.0.total_cmp(&b.0));
        let cc = &s.care_closer_to_home;
        let eol = &s.end_of_life;
        let sg = &s.demand.surge;
        let sdn = &s.discharge.step_down;
        let dis = &s.discharge;

        let make = |i: usize| -> DayRules {
            let d = &days[i];
            let fy = f64::from(s.start_year + d.year_index)
                + f64::from(d.day_of_year) / f64::from(d.year_days);
            let yd = f64::from(d.year_days);
            let surge = sg.enabled
                && (sg.every_winter || d.year_index == 0)
                && f64::from(d.day_of_year) >= sg.start_day
                && f64::from(d.day_of_year) < sg.start_day + sg.duration_days;
            let mut a = arr_season[i] * if d.is_weekend() { weekend } else { weekday };
            let mut los_factor = los_season[i]
                * (1.0 - s.beds.los_reduction.reduction * s.beds.los_reduction.ramp.factor(fy));
            if surge {
                a *= 1.0 + sg.demand_uplift;
                los_factor *= 1.0 + sg.los_uplift;
            }
            let annual = s.demand.emergency_admissions * em_growth[i] / yd;
            let mut emergency: [f64; 4] = std::array::from_fn(|k| annual * stream_share[k] * a);
            let population = s.population.population * pop_growth[i];
            let deaths = eol.crude_death_rate / 1000.0 * population / yd;
            let eol_entering = deaths * eol.expected_share;
            let eol_final_reference = eol_entering * crate::cohort::final_reference(&eol.cohort);
            emergency[0] = (emergency[0] - eol_final_reference).max(0.0);
            let elective = if d.is_weekend() {
                0.0
            } else {
                s.demand.elective_admissions / weekdays[d.year_index as usize].max(1.0)
            };
            let mut beds_base = s.beds.base;
            for &(at, change) in &steps {
                if fy >= at {
                    beds_base += change;
                }
            }
            let beds_base = beds_base.max(0.0);
            let beds_open = if surge {
                (beds_base - sg.beds_closed).max(0.0)
            } else {
                beds_base
            };
            let pattern = if d.is_weekend() {
                starts_weekend
            } else {
                starts_weekday
            };
            let offer = |svc: &crate::scenario::StartsService, growth: f64| {
                let mut wk =
                    svc.starts_per_week * growth + svc.added_per_week * svc.added_ramp.factor(fy);
                if d.is_winter() {
                    wk *= 1.0 - dis.winter_capacity_cut;
                }
                if surge {
                    wk *= 1.0 - sg.downstream_capacity_cut;
                }
                (wk.max(0.0) / 7.0) * pattern
            };
            let mut vacancies = [0.0; 3];
            vacancies[Service::CarePackage.index()] = offer(&dis.care_packages, pkg_growth[i]);
            vacancies[Service::CareHome.index()] = offer(&dis.care_homes, ch_growth[i]);
            let coverage = eol.register_coverage
                + (eol.register_coverage_target - eol.register_coverage)
                    * eol.register_ramp.factor(fy);
            // (End of life: community support is the cohort's, `end_of_life.support`.)
            let avoid_places = Stream::ALL.map(|st| {
                let a = cc.avoidance.get(st);
                if st == Stream::EndOfLife {
                    0.0
                } else {
                    (a.capacity * a.ramp.factor(fy)).max(0.0)
                }
            });
            let avoid_eligible = Stream::ALL.map(|st| {
                if st == Stream::EndOfLife {
                    0.0
                } else {
                    cc.avoidance.get(st).eligible_share
                }
            });
            let esd = &cc.early_supported_discharge;
            let ae = s.demand.ae_attendances * ae_growth[i] / yd;
            let ucc =
                (cc.urgent_care.diverted_per_year * cc.urgent_care.ramp.factor(fy) / yd).min(ae);
            DayRules {
                day: *d,
                recorded: true,
                fy,
                surge,
                emergency,
                elective,
                los_factor,
                beds_base,
                beds_open,
                step_down_beds: (sdn.beds + sdn.added_beds * sdn.added_ramp.factor(fy)).max(0.0),
                vacancies,
                working_rate: if d.is_weekend() { w } else { 1.0 },
                avoid_places,
                avoid_eligible,
                esd_places: (esd.capacity * esd.ramp.factor(fy)).max(0.0),
                discharge_to_assess: dis.discharge_to_assess.share
                    * dis.discharge_to_assess.ramp.factor(fy),
                ae_attendances: ae,
                ucc_attendances: ucc,
                population,
                deaths,
                eol_entering,
                deaths_unexpected: deaths - eol_entering,
                eol_coverage: coverage.clamp(0.0, 1.0),
                eol_support_places: (eol.support.places * eol.support.ramp.factor(fy)).max(0.0),
                hospice_places: libm::round((eol.hospice_beds * eol.hospice_death_share).max(0.0)),
                eol_final_reference,
            }
        };
        let mut all = Vec::with_capacity(WARMUP_DAYS + days.len());
        for i in 0..WARMUP_DAYS {
            // 91 = 13 weeks, so warm-up day i falls on the weekday of recorded day i mod 7.
            let mut r = make((i % 7).min(days.len() - 1));
            r.recorded = false;
            all.push(r);
        }
        all.extend((0..days.len()).map(make));
        let services = s
            .care_closer_to_home
            .services
            .iter()
            .filter(|v| v.on)
            .map(|v| {
                use crate::scenario::Reach;
                let mut offered = [0.0; 4];
                let mut weights = [0.0; 4];
                let served: f64 = v.streams.iter().map(|st| stream_share[st.index()]).sum();
                for st in &v.streams {
                    let k = st.index();
                    offered[k] = v.crisis_share();
                    if served > 0.0 {
                        weights[k] = stream_share[k] / served;
                    }
                }
                let (rate, patience, referrals_year) = match v.reach {
                    Reach::AtCrisis { .. } => (0.0, 1.0, 0.0),
                    Reach::Proactive {
                        referrals_per_year,
                        admissions_per_person_year,
                        patience_days,
                    } => (
                        admissions_per_person_year / 365.0,
                        patience_days.max(1.0),
                        referrals_per_year,
                    ),
                };
                let places = all
                    .iter()
                    .map(|d| (v.capacity * v.ramp.factor(d.fy)).max(0.0))
                    .collect();
                let referrals = all
                    .iter()
                    .map(|d| {
                        (referrals_year * v.ramp.factor(d.fy) / f64::from(d.day.year_days)).max(0.0)
                    })
                    .collect();
                ServiceRules {
                    id: v.id.clone(),
                    name: v.name.clone(),
                    at_crisis: v.at_crisis(),
                    offered,
                    weights,
                    admission_rate: rate,
                    patience,
                    effect: v.effect.value,
                    length: v.length_of_service.clone(),
                    later_care: v.later_care_share,
                    cost_per_day: v.cost_per_day,
                    block_share: v.block_share,
                    places,
                    referrals,
                }
            })
            .collect();
        Rules {
            days,
            all,
            stream_share,
            services,
        }
    }

    /// Empty daily records of the catalogue's services, one per service in the rules' order
    /// (both engines fill them).
    pub(crate) fn service_records(&self, n_days: usize) -> Vec<crate::results::ServiceDaily> {
        self.services
            .iter()
            .map(|v| crate::results::ServiceDaily::new(&v.id, &v.name, n_days))
            .collect()
    }

    /// The rules of recorded day `d` (0 = 1 April of the first year).
    pub fn recorded(&self, d: usize) -> &DayRules {
        &self.all[WARMUP_DAYS + d]
    }
}

/// Expected flows at steady state under one day's rates, used by both engines to start the long
/// caseloads (care packages, care homes, admission avoidance) at their settled size: they last
/// months to a year, far longer than the warm-up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Steady {
    /// People on each stream's admission-avoidance caseload [people].
    pub avoid_caseload: [f64; 4],
    /// Emergency admissions per stream after avoidance [admissions/day].
    pub admissions: [f64; 4],
    /// Starts of each downstream service, from hospital and (for packages and care homes)
    /// step-down [starts/day].
    pub starts: [f64; 3],
}

impl Steady {
    /// The steady state of `s` at the rates of `d`.
    pub fn at(s: &Scenario, d: &DayRules) -> Steady {
        let mut avoid_caseload = [0.0; 4];
        let mut admissions = [0.0; 4];
        let mut starts = [0.0; 3];
        for st in Stream::ALL {
            let k = st.index();
            let a = s.care_closer_to_home.avoidance.get(st);
            let len = a.length_of_service.mean().max(1.0);
            let referred = (d.avoid_eligible[k] * d.emergency[k]).min(d.avoid_places[k] / len);
            avoid_caseload[k] = referred * len;
            admissions[k] = d.emergency[k] - a.effectiveness * referred;
            let dest = s.discharge.destinations.get(st);
            let live = admissions[k] * (1.0 - dest.died);
            for svc in Service::ALL {
                starts[svc.index()] += live * dest.share(svc);
            }
        }
        // The cohort's last admissions (ending in death) occupy beds but start no service.
        admissions[0] += d.eol_final_reference;
        let sd = &s.discharge.step_down;
        let from_sd = starts[Service::StepDown.index()];
        starts[Service::CarePackage.index()] += from_sd * sd.to_care_package;
        starts[Service::CareHome.index()] +=
            from_sd * (1.0 - sd.to_home - sd.to_care_package).max(0.0);
        Steady {
            avoid_caseload,
            admissions,
            starts,
        }
    }
}

/// Per-day seasonal multipliers, normalised so each financial year's mean is 1: December to
/// February × (1 + `uplift`), the other days scaled down to keep the year's total.
pub fn seasonal(days: &[Day], uplift: f64) -> Vec<f64> {
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
pub fn growth_path(days: &[Day], g: f64) -> Vec<f64> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warm_up_replays_the_first_week_weekday_by_weekday() {
        let r = Rules::new(&Scenario::default());
        assert_eq!(r.all.len(), WARMUP_DAYS + r.days.len());
        for i in 0..WARMUP_DAYS {
            assert!(!r.all[i].recorded);
            assert_eq!(r.all[i].day.weekday, r.days[i % 7].weekday);
        }
        // The warm-up's last day is the weekday before 1 April.
        assert_eq!(
            (r.all[WARMUP_DAYS - 1].day.weekday + 1) % 7,
            r.days[0].weekday
        );
        assert!(r.all[WARMUP_DAYS].recorded);
    }

    #[test]
    fn yearly_totals_and_weekly_starts_are_kept() {
        let s = Scenario::default();
        let r = Rules::new(&s);
        let first: Vec<&DayRules> = r.all[WARMUP_DAYS..].iter().take(365).collect();
        // (The end-of-life stream's last admissions come from the cohort, not from here.)
        let em: f64 = first
            .iter()
            .map(|d| d.emergency.iter().sum::<f64>() + d.eol_final_reference)
            .sum();
        // (The growth path is centred on mid-year: its mean over the year is 1 + O(g²).)
        assert!(
            (em - s.demand.emergency_admissions).abs() < 1e-3 * em,
            "{em}"
        );
        let el: f64 = first.iter().map(|d| d.elective).sum();
        assert!((el - s.demand.elective_admissions).abs() < 1e-6 * el);
        // Any seven consecutive days (outside winter) offer the week's starts.
        let week: f64 = r.all[WARMUP_DAYS + 10..WARMUP_DAYS + 17]
            .iter()
            .map(|d| d.vacancies(Service::CarePackage))
            .sum();
        let g = r.all[WARMUP_DAYS + 13].fy;
        assert!(g < 2008.1);
        let wk = s.discharge.care_packages.starts_per_week;
        assert!((week - wk).abs() < 0.01 * wk, "{week} vs {wk}");
    }

    #[test]
    fn seven_day_working_flattens_the_week() {
        let mut s = Scenario::default();
        s.discharge.weekend_working = 1.0;
        let r = Rules::new(&s);
        let v: Vec<f64> = r.all[WARMUP_DAYS..WARMUP_DAYS + 7]
            .iter()
            .map(|d| d.vacancies(Service::CareHome))
            .collect();
        for x in &v {
            assert!((x - v[0]).abs() < 1e-3 * v[0]);
        }
        assert!(r.all.iter().all(|d| d.working_rate == 1.0));
    }
}
