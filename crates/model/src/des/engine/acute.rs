//! Acute beds: arrivals, admission or a wait in A&E, the stay, and its end.

use super::patients::{Patient, Place};
use super::{Engine, Ev, ELECTIVE};
use crate::des::single_pool::WhenFull;
use crate::scenario::Service;

impl Engine {
    /// An arrival of stream `k` (electives 4) at `t`.
    pub(super) fn on_arrival(&mut self, t: f64, k: u8) {
        self.schedule_arrival(k, t);
        if k == ELECTIVE {
            self.flows.elective_scheduled += 1.0;
            if self.beds.try_seize() {
                self.flows.elective_admissions += 1.0;
                let los = self.los[4].sample(&mut self.los_rng[4]);
                let pid = self.patients.add(Patient::new(ELECTIVE, Place::Acute));
                self.in_bed[usize::from(ELECTIVE)] += 1;
                self.cal.schedule(t + los, Ev::Fit(pid));
            } else {
                self.flows.elective_cancellations += 1.0;
            }
            return;
        }
        let ki = usize::from(k);
        self.flows.arrivals[ki] += 1.0;
        // The end-of-life stream's crises are met by the cohort's support; the other streams try
        // the services reached ahead of a crisis first (the crisis does not happen), then the
        // generic per-stream pool, then the at-crisis services of the catalogue.
        let avoided = if ki == 0 {
            self.eol_support_avoids(t)
        } else {
            self.avoided_ahead(ki, t)
                || match self.avoided(ki, t) {
                    Some(avoided) => avoided,
                    None => self.avoided_at_crisis(ki, t),
                }
        };
        if avoided {
            self.flows.avoided[ki] += 1.0;
            return;
        }
        // A bed now, or wait in A&E (or go elsewhere).
        let mut patient = Patient::new(k, Place::AeQueue);
        patient.arrived = t as f32;
        let pid = self.patients.add(patient);
        if self.beds.try_seize() {
            self.start_emergency_stay(t, pid);
        } else if self.opts.when_full == WhenFull::TurnAway {
            self.flows.turned_away += 1.0;
            self.patients.remove(pid);
        } else {
            self.flows.had_emergency_waiting = true;
            self.beds.enqueue(pid);
        }
    }

    /// Emergency patient `pid` takes a bed at `t` (the bed is already seized).
    pub(super) fn start_emergency_stay(&mut self, t: f64, pid: u32) {
        let p = self.patients.get(pid);
        let ki = usize::from(p.stream);
        // Through A&E (in expectation: each admission counts by the share that come that way),
        // over the standard if the wait for a bed took longer than the time it leaves.
        if self.ae_too_late || t - f64::from(p.arrived) > self.ae_bed_wait_allowed {
            self.flows.ae_over_standard += self.sc.ae.admitted_via_ae;
        }
        self.flows.admissions[ki] += 1.0;
        self.flows.emergency_tariff += self.tariff[ki];
        self.in_bed[ki] += 1;
        let drawn = self.los[ki].sample(&mut self.los_rng[ki]) * self.los_factor;
        let los = self.supported_discharge(ki, t, drawn);
        let m = &self.sc.money;
        let trim = m.trim_multiple * self.los_mean[ki];
        if los > trim {
            self.flows.excess_cost += (los - trim) * m.excess_bed_day;
        }
        self.patients.get_mut(pid).place = Place::Acute;
        self.cal.schedule(t + los, Ev::Fit(pid));
    }

    /// Admit emergencies waiting in A&E while beds are free.
    pub(super) fn admit_waiting(&mut self, t: f64) {
        while let Some(pid) = self.beds.admit_next() {
            self.start_emergency_stay(t, pid);
        }
    }

    /// A patient of stream `k` (electives 4) leaves its acute bed at `t`; the bed goes to the next
    /// emergency waiting.
    #[inline]
    pub(super) fn leave_acute(&mut self, t: f64, k: usize) {
        self.in_bed[k] -= 1;
        if let Some(next) = self.beds.release() {
            self.start_emergency_stay(t, next);
        }
    }

    /// The end of `pid`'s acute stay: one uniform draw decides between dying in hospital, going
    /// home (electives always) and needing a service (the start of its discharge pathway, still
    /// in the bed).
    pub(super) fn on_fit(&mut self, t: f64, pid: u32) {
        let p = self.patients.get(pid);
        let ki = usize::from(p.stream);
        if p.last {
            self.extras.eol.deaths[usize::from(p.group)][3] += 1;
            self.flows.hospital_deaths[ki] += 1.0;
            self.flows.last_deaths += 1.0;
            self.leave_acute(t, ki);
            self.patients.remove(pid);
            return;
        }
        let c = self.dest_cuts[ki];
        let u = self.dest_rng[ki].uniform();
        // Home or died — most patients — first, and without a branch between the two.
        if (u >= c[3]) | (u < c[0]) {
            let died = u < c[0];
            self.flows.hospital_deaths[ki] += if died { 1.0 } else { 0.0 };
            self.flows.discharged[ki] += if died { 0.0 } else { 1.0 };
            self.leave_acute(t, ki);
            self.patients.remove(pid);
            return;
        }
        let service = if u < c[1] {
            Service::CarePackage
        } else if u < c[2] {
            Service::StepDown
        } else {
            Service::CareHome
        };
        self.begin_pathway(t, pid, service);
    }
}
