//! The end-of-life cohort, person by person: people with an expected death come into their last
//! months each day, onto the GP end-of-life register or not, with a community support place if
//! one is free; at the end of their time [`crate::cohort`] decides, with each person's draws,
//! where they die — a care home, a hospice bed if one is free, hospital (a last emergency
//! admission, which joins the end-of-life stream and ends in death), or home.

use super::community::EndTimes;
use super::patients::{Patient, Place};
use super::{sid, Engine, Ev};
use crate::cohort::{self, Preference};
use crate::des::rng::RandomStream as Rng;
use crate::des::single_pool::WhenFull;

/// One person in their last months.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Person {
    pub registered: bool,
    pub supported: bool,
}

impl Person {
    /// The person's group in [`super::EolTally`].
    fn group(&self) -> usize {
        if self.supported {
            0
        } else if self.registered {
            1
        } else {
            2
        }
    }
}

/// The people in their last months, community support places and hospice beds.
#[derive(Clone, Debug)]
pub(super) struct Cohort {
    people: Vec<Person>,
    free_ids: Vec<u32>,
    /// People present [people].
    pub present: u32,
    /// Registered people present without a support place [people].
    pub unsupported: u32,
    /// Support places: in use and available today.
    pub supported: u32,
    pub places: u32,
    /// Hospice beds for the dying: in use, available today, and when each stay ends (in death).
    pub hospice_used: u32,
    pub hospice_places: u32,
    hospice_ends: EndTimes,
    /// Today's chance per supported person that an end-of-life emergency (other than a last
    /// admission) is one of theirs [share per person].
    pub share_per_supported: f64,
    /// Care-home caseload at the start [people].
    pub care_home_caseload0: f64,
    pub rng: Rng,
    pub stay_rng: Rng,
}

impl Cohort {
    pub fn new(seed: u64, replication: u32) -> Cohort {
        Cohort {
            people: Vec::with_capacity(1024),
            free_ids: Vec::new(),
            present: 0,
            unsupported: 0,
            supported: 0,
            places: 0,
            hospice_used: 0,
            hospice_places: 0,
            hospice_ends: EndTimes::default(),
            share_per_supported: 0.0,
            care_home_caseload0: 0.0,
            rng: Rng::new(seed, sid::COHORT, replication),
            stay_rng: Rng::new(seed, sid::COHORT + 1, replication),
        }
    }

    fn add(&mut self, p: Person) -> u32 {
        self.present += 1;
        if let Some(id) = self.free_ids.pop() {
            self.people[id as usize] = p;
            id
        } else {
            self.people.push(p);
            (self.people.len() - 1) as u32
        }
    }

    fn remove(&mut self, id: u32) -> Person {
        self.present -= 1;
        self.free_ids.push(id);
        self.people[id as usize]
    }
}

impl Engine {
    /// `n` people come into their last months at `t` with today's coverage; each dies after an
    /// exponential time. (`residual`: the run's first people, already some way through.)
    pub(super) fn cohort_enter(&mut self, t: f64, n: u64) {
        let r = self.rules.all[self.day as usize];
        let w = self.sc.end_of_life.cohort.identification_days.max(1.0);
        for _ in 0..n {
            let registered = self.cohort.rng.uniform() < r.eol_coverage;
            let supported = registered && self.cohort.supported < self.cohort.places;
            if supported {
                self.cohort.supported += 1;
            } else if registered {
                self.cohort.unsupported += 1;
                self.flows.eol_turned_away += 1.0;
            }
            self.extras.eol.entered += 1;
            let id = self.cohort.add(Person {
                registered,
                supported,
            });
            let end = t + w * self.cohort.stay_rng.exp1();
            self.cal.schedule(end, Ev::Death(id));
        }
    }

    /// Today's cohort: capacities, then the people coming into their last months.
    pub(super) fn cohort_start_day(&mut self, t: f64) {
        let r = self.rules.all[self.day as usize];
        let e = &self.sc.end_of_life;
        self.cohort.places = libm::round(r.eol_support_places) as u32;
        self.cohort.hospice_places = r.hospice_places as u32;
        let w = e.cohort.identification_days.max(1.0);
        let lam = r.emergency[0];
        self.cohort.share_per_supported = if lam > 0.0 {
            e.cohort.admissions_before_the_last / w / lam
        } else {
            0.0
        };
        let n = self.cohort.rng.poisson(r.eol_entering);
        self.cohort_enter(t, n);
    }

    /// The run's first cohort, at its steady-state size (its people are some way through their
    /// last months: by memorylessness their remaining time is again exponential).
    pub(super) fn cohort_seed(&mut self, care_home_caseload0: f64) {
        self.cohort.care_home_caseload0 = care_home_caseload0;
        let r = self.rules.all[0];
        self.cohort.places = libm::round(r.eol_support_places) as u32;
        self.cohort.hospice_places = r.hospice_places as u32;
        let w = self.sc.end_of_life.cohort.identification_days.max(1.0);
        let n = self.cohort.rng.poisson(r.eol_entering * w);
        self.cohort_enter(0.0, n);
        // (Those turned away at the seeding are not a day's flow.)
        self.flows.eol_turned_away = 0.0;
    }

    /// Whether an end-of-life emergency (not a last admission) arriving now is managed at home.
    /// One draw decides both whether it is a supported person's (u below their share of the
    /// stream's emergencies) and, since u ÷ share is then uniform, whether support manages it.
    #[inline]
    pub(super) fn eol_support_avoids(&mut self, _t: f64) -> bool {
        let p = self.cohort.share_per_supported * f64::from(self.cohort.supported);
        if !(p > 0.0) {
            return false;
        }
        let u = self.cohort.rng.uniform();
        if u >= p {
            return false;
        }
        if u < p * self.sc.end_of_life.support.effectiveness {
            self.extras.eol.supported_managed += 1;
            true
        } else {
            self.extras.eol.supported_admitted += 1;
            false
        }
    }

    /// Hospice stays that ended by `t`: deaths in the hospice.
    pub(super) fn release_hospice(&mut self, t: f64) {
        let ended = self.cohort.hospice_ends.release_through(t);
        self.cohort.hospice_used = self.cohort.hospice_used.saturating_sub(ended);
        self.flows.deaths_hospice += f64::from(ended);
    }

    /// The end of person `id`'s last months at `t`: where they die.
    pub(super) fn on_death(&mut self, t: f64, id: u32) {
        let p = self.cohort.remove(id);
        if p.supported {
            self.cohort.supported -= 1;
        } else if p.registered {
            self.cohort.unsupported -= 1;
        }
        let e = &self.sc.end_of_life;
        let c = &e.cohort;
        let ch_now = f64::from(self.starts[1].caseload());
        let ch_share = cohort::care_home_share(c, ch_now, self.cohort.care_home_caseload0);
        let rng = &mut self.cohort.rng;
        if rng.uniform() < ch_share {
            self.flows.deaths_care_home += 1.0;
            self.extras.eol.deaths[p.group()][1] += 1;
            return;
        }
        let pref = cohort::preference(c, rng.uniform());
        let referral = if p.registered {
            1.0
        } else {
            c.hospice_referral_unregistered
        };
        let referred = (rng.uniform() < referral) && pref == Preference::Hospice;
        // One draw decides the crisis with and without support: below the supported chance it
        // happens; between that and the unsupported chance support managed it at home.
        let u = rng.uniform();
        let crisis = u < cohort::crisis(c, p.supported, e.support.effectiveness);
        let managed = !crisis && u < cohort::crisis(c, false, 0.0);
        let stay = e.hospice_stay.max(1.0);
        if referred {
            self.release_hospice(t);
            if self.cohort.hospice_used < self.cohort.hospice_places {
                self.cohort.hospice_used += 1;
                let end = t + stay * self.cohort.stay_rng.exp1();
                self.cohort.hospice_ends.push(end);
                // (Counted now: the stay ends in death.)
                self.extras.eol.deaths[p.group()][2] += 1;
                return;
            }
        }
        if pref == Preference::Hospital || crisis {
            self.extras.eol.last_admissions[p.group()] += 1;
            self.last_admission(t, p.group() as u8);
        } else {
            if managed {
                // An admission the person would have had without support: demand, avoided.
                self.flows.arrivals[0] += 1.0;
                self.flows.avoided[0] += 1.0;
            }
            self.flows.deaths_home += 1.0;
            self.extras.eol.deaths[p.group()][0] += 1;
        }
    }

    /// A last emergency admission of the end-of-life stream at `t` (the patient dies in it).
    fn last_admission(&mut self, t: f64, group: u8) {
        self.flows.arrivals[0] += 1.0;
        self.flows.eol_final_admissions += 1.0;
        let mut patient = Patient::new(0, Place::AeQueue);
        patient.last = true;
        patient.group = group;
        patient.arrived = t as f32;
        let pid = self.patients.add(patient);
        if self.beds.try_seize() {
            self.start_emergency_stay(t, pid);
        } else if self.opts.when_full == WhenFull::TurnAway {
            self.flows.turned_away += 1.0;
            // Turned away to another hospital, where they die (not in this hospital's beds).
            self.flows.last_deaths_elsewhere += 1.0;
            self.flows.last_deaths += 1.0;
            self.extras.eol.deaths[usize::from(group)][3] += 1;
            self.patients.remove(pid);
        } else {
            self.flows.had_emergency_waiting = true;
            self.beds.enqueue(pid);
        }
    }
}
