//! The day: capacities set and the census taken at its start, the day's flows counted, and at
//! its end deaths in the community and costs, all written to the shared [`crate::results::Daily`] record.

use super::Engine;
use crate::scenario::{Reason, Service, Stream};

/// Flows accumulated over the current day.
#[derive(Clone, Debug, Default)]
pub(super) struct DayFlows {
    pub arrivals: [f64; 4],
    pub avoided: [f64; 4],
    pub admissions: [f64; 4],
    /// Per stream, electives last (counted, not reported).
    pub discharged: [f64; 5],
    pub hospital_deaths: [f64; 5],
    pub turned_away: f64,
    pub elective_scheduled: f64,
    pub elective_admissions: f64,
    pub elective_cancellations: f64,
    /// Admissions through A&E over the four-hour standard (by the share through A&E).
    pub ae_over_standard: f64,
    pub package_starts: f64,
    pub care_home_starts: f64,
    pub emergency_tariff: f64,
    pub excess_cost: f64,
    pub had_emergency_waiting: bool,
    pub deaths_home: f64,
    pub deaths_care_home: f64,
    pub deaths_hospice: f64,
    deaths_other: f64,
    /// Deaths in last admissions (in this hospital: part of `hospital_deaths`).
    pub last_deaths: f64,
    /// Last admissions turned away to another hospital, where they die.
    pub last_deaths_elsewhere: f64,
    pub eol_final_admissions: f64,
    pub eol_turned_away: f64,
}

/// Per-day extras the shared [`crate::results::Daily`] record has no field for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DesExtras {
    /// Per day: 1 if at any moment an emergency was waiting in A&E for a bed.
    pub emergency_waited: Vec<f64>,
    /// Per day: emergencies turned away (only with [`crate::des::WhenFull::TurnAway`]).
    pub turned_away: Vec<f64>,
    /// Events handled over the run.
    pub events: u64,
    /// The end-of-life cohort's people, by group, over the run (warm-up included).
    pub eol: EolTally,
}

/// What happened to the end-of-life cohort's people, by group: 0 on the register with a support
/// place, 1 on the register without one, 2 not on it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EolTally {
    /// People who came into their last months (the first cohort included).
    pub entered: u64,
    /// Deaths by group and place: home, care home, hospice, hospital.
    pub deaths: [[u64; 4]; 3],
    /// Last admissions by group.
    pub last_admissions: [u64; 3],
    /// Supported people's emergency admissions before the last: admitted, and managed at home.
    pub supported_admitted: u64,
    pub supported_managed: u64,
}

impl EolTally {
    /// Deaths counted, all groups and places.
    pub fn died(&self) -> u64 {
        self.deaths.iter().flatten().sum()
    }
}

impl Engine {
    /// Start day `d` at `t`: set its capacities, record the census (before the day's flows), and
    /// let anyone waiting use capacity that has opened.
    pub(super) fn start_day(&mut self, t: f64, d: u32) {
        self.day = d;
        let r = self.rules.all[d as usize];
        let sc = &self.sc;
        // Acute beds: open base beds, plus escalation beds when the census reaches the trigger.
        let open = r.beds_open;
        let occupied = f64::from(self.beds.busy());
        let escalate = open > 0.0
            && occupied >= sc.beds.escalation_trigger * open
            && sc.beds.escalation_beds > 0.0;
        let available = open
            + if escalate {
                sc.beds.escalation_beds
            } else {
                0.0
            };
        self.beds.set_capacity(libm::round(available) as u32);
        self.step_down
            .set_capacity(libm::round(r.step_down_beds) as u32);
        for st in Stream::ALL {
            let k = st.index();
            self.avoid[k].capacity = libm::round(r.avoid_places[k]) as u32;
            // No places today: nobody is referred (0, so the draw's test is always false).
            self.avoid_eligible[k] = if self.avoid[k].capacity > 0 {
                r.avoid_eligible[k]
            } else {
                0.0
            };
        }
        self.esd.capacity = libm::round(r.esd_places) as u32;
        self.los_factor = r.los_factor;
        self.d2a_share = r.discharge_to_assess;

        if r.recorded {
            let o = &mut self.out;
            for st in Stream::ALL {
                let i = st.index();
                o.ae_waiting_by_stream.get_mut(st).push(0.0);
                o.acute_patients.get_mut(st).push(f64::from(self.in_bed[i]));
                let caseload = if i == 0 {
                    self.cohort.supported
                } else {
                    self.avoid[i].used
                };
                o.community_caseload_by_stream
                    .get_mut(st)
                    .push(f64::from(caseload));
            }
            for &pid in self.beds.queued() {
                let st = Stream::ALL[usize::from(self.patients.get(pid).stream)];
                if let Some(v) = o.ae_waiting_by_stream.get_mut(st).last_mut() {
                    *v += 1.0;
                }
            }
            o.elective_patients
                .push(f64::from(self.in_bed[usize::from(super::ELECTIVE)]));
            o.beds_base.push(r.beds_base);
            o.beds_open.push(open);
            o.beds_available.push(available);
            o.escalation_open.push(if escalate { 1.0 } else { 0.0 });
            o.occupied_beds.push(occupied);
            o.occupancy.push(if open > 0.0 {
                occupied / open
            } else if occupied > 0.0 {
                1.0
            } else {
                0.0
            });
            o.over_95.push(if occupied > crate::sd::OVER_FULL * open {
                1.0
            } else {
                0.0
            });
            o.ae_waiting.push(self.beds.queue_len() as f64);
            for reason in Reason::ALL {
                o.delayed_by_reason
                    .get_mut(reason)
                    .push(f64::from(self.delayed_reason[reason.index()]));
            }
            let ds = &self.delayed_service;
            o.delayed_care_package
                .push(f64::from(ds[Service::CarePackage.index()]));
            o.delayed_step_down
                .push(f64::from(ds[Service::StepDown.index()]));
            o.delayed_care_home
                .push(f64::from(ds[Service::CareHome.index()]));
            o.delayed_total.push(f64::from(ds.iter().sum::<u32>()));
            o.step_down_beds.push(r.step_down_beds);
            o.step_down_occupied.push(f64::from(self.step_down.busy()));
            o.vacancies_care_package
                .push(r.vacancies(Service::CarePackage));
            o.vacancies_care_home.push(r.vacancies(Service::CareHome));
            o.package_caseload
                .push(f64::from(self.starts[0].caseload()));
            o.care_home_caseload
                .push(f64::from(self.starts[1].caseload()));
            o.community_caseload.push(f64::from(
                self.avoid.iter().map(|p| p.used).sum::<u32>() + self.cohort.supported,
            ));
            o.eol_cohort.push(f64::from(self.cohort.present));
            o.eol_supported.push(f64::from(self.cohort.supported));
            o.eol_unsupported.push(f64::from(self.cohort.unsupported));
            o.hospice_occupied.push(f64::from(self.cohort.hospice_used));
            o.esd_caseload.push(f64::from(self.esd.used));
        }
        self.flows = DayFlows {
            had_emergency_waiting: self.beds.queue_len() > 0,
            ..DayFlows::default()
        };
        self.services_start_day(t, d);
        self.cohort_start_day(t);
        // Capacity may have opened: serve the queues.
        self.admit_waiting(t);
        self.admit_to_step_down(t);
    }

    /// Close the current (recorded) day: deaths in the community, costs, and the day's flows.
    pub(super) fn end_day(&mut self) {
        let r = self.rules.all[self.day as usize];
        let d = self.out.elective_scheduled.len();
        let sc = &self.sc;
        let mut f = std::mem::take(&mut self.flows);
        // Deaths: the cohort's were counted where they happened. Unexpected deaths outside
        // hospital make up the unexpected total given today's hospital deaths other than last
        // admissions.
        let eol = &sc.end_of_life;
        let hosp: f64 = f.hospital_deaths.iter().sum::<f64>() + f.last_deaths_elsewhere;
        // Hospital deaths are random: on a day when they exceed the expected total, the excess is
        // taken from the following days' deaths outside hospital, so totals match over time (a
        // plain max(·, 0) would bias total deaths up).
        self.death_budget += r.deaths_unexpected - (hosp - f.last_deaths);
        let sudden_mean = self.death_budget.max(0.0);
        self.death_budget -= sudden_mean;
        let p_other = eol.cohort.sudden_elsewhere;
        let n = self.death_rng.poisson(sudden_mean);
        for _ in 0..n {
            if self.death_rng.uniform() < p_other {
                f.deaths_other += 1.0;
            } else {
                f.deaths_home += 1.0;
            }
        }
        // A&E and the urgent care centre are deterministic flows (as in the SD engine).
        let (ae, ucc) = (r.ae_attendances, r.ucc_attendances);
        // Costs [£/day], with the SD engine's definitions; stocks at today's census.
        let cc = &sc.care_closer_to_home;
        let m = &sc.money;
        let o = &mut self.out;
        let mut community: f64 = Stream::ALL
            .iter()
            .map(|&s| {
                let per_day = if s == Stream::EndOfLife {
                    eol.support.cost_per_day
                } else {
                    cc.avoidance.get(s).cost_per_day
                };
                o.community_caseload_by_stream.get(s)[d] * per_day
            })
            .sum();
        community += o.esd_caseload[d] * cc.early_supported_discharge.cost_per_day;
        community +=
            crate::accounts::step_down_day(sc, o.step_down_beds[d], o.step_down_occupied[d])
                + crate::accounts::hospice_day(sc);
        community += self.svcs.census_cost;
        let commissioner = f.emergency_tariff
            + f.excess_cost
            + f.elective_admissions * m.elective_tariff
            + (ae - ucc) * m.ae_attendance
            + ucc * m.ucc_attendance
            + community;
        let provider = crate::accounts::provider_day(
            sc,
            r.beds_base,
            o.escalation_open[d],
            o.occupied_beds[d],
        )
        .total();
        let social = crate::accounts::social_care_day(
            sc,
            o.vacancies_care_package[d],
            o.package_caseload[d],
            o.vacancies_care_home[d],
            o.care_home_caseload[d],
        )
        .total()
            + crate::accounts::later_needs_day(
                sc,
                o.later_package_caseload[d],
                o.later_care_home_caseload[d],
            )
            .total();
        for s in Stream::ALL {
            let i = s.index();
            o.arrivals.get_mut(s).push(f.arrivals[i]);
            o.avoided.get_mut(s).push(f.avoided[i]);
            o.admissions.get_mut(s).push(f.admissions[i]);
            o.discharged.get_mut(s).push(f.discharged[i]);
            o.hospital_deaths.get_mut(s).push(f.hospital_deaths[i]);
        }
        o.elective_scheduled.push(f.elective_scheduled);
        o.elective_admissions.push(f.elective_admissions);
        o.elective_cancellations.push(f.elective_cancellations);
        o.package_starts.push(f.package_starts);
        o.care_home_starts.push(f.care_home_starts);
        o.ae_attendances.push(ae - ucc);
        o.ucc_attendances.push(ucc);
        o.ae_over_standard.push(f.ae_over_standard);
        o.deaths
            .push(hosp + f.deaths_hospice + f.deaths_care_home + f.deaths_other + f.deaths_home);
        o.deaths_hospital.push(hosp);
        o.deaths_home.push(f.deaths_home);
        o.deaths_care_home.push(f.deaths_care_home);
        o.deaths_hospice.push(f.deaths_hospice);
        o.deaths_other.push(f.deaths_other);
        o.eol_final_admissions.push(f.eol_final_admissions);
        o.eol_turned_away.push(f.eol_turned_away);
        o.emergency_tariff_cost.push(f.emergency_tariff);
        o.excess_bed_day_cost.push(f.excess_cost);
        o.community_cost.push(community);
        o.commissioner_cost.push(commissioner);
        o.provider_cost.push(provider);
        o.social_care_cost.push(social);
        self.extras
            .emergency_waited
            .push(if f.had_emergency_waiting { 1.0 } else { 0.0 });
        self.extras.turned_away.push(f.turned_away);
        self.services_end_day();
    }
}
