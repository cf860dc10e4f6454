//! Leaving hospital: what a patient fit to leave waits for in the acute bed. First the discharge
//! steps of their pathway, each an exponential time in working days (the working clock runs at
//! the weekend-working share on Saturdays and Sundays); then room in the service — a step-down
//! bed from the pool, or a vacancy of a care package or a care home. Every moment between being
//! fit and leaving is a delayed transfer, counted under the reason of the step or queue the
//! patient is in.

use std::collections::VecDeque;

use super::patients::Place;
use super::{starts_slot, Engine, Ev};
use crate::des::clock::RateClock;
use crate::des::rng::RandomStream as Rng;
use crate::des::sample::Sampler;
use crate::scenario::{Service, Step};

/// A starts service's vacancy queue and the caseload it feeds.
pub(super) struct StartsQueue {
    service: Service,
    /// Patients waiting for a vacancy, longest waiting first (acute and step-down alike).
    queue: VecDeque<u32>,
    /// A vacancy is scheduled (there is one exactly when someone waits, until the run ends).
    pending: bool,
    /// The vacancy clock has no more vacancies before the end of the run.
    exhausted: bool,
    /// Expected vacancies offered, cumulated over the run's days.
    clock: RateClock,
    vacancy_rng: Rng,
    caseload_rng: Rng,
    length: Sampler,
    /// Mean length of service [days].
    mean_length: f64,
    /// People on the caseload, and how many end on each day (applied at day boundaries).
    caseload: u32,
    ends: Vec<u32>,
    cursor: usize,
}

impl StartsQueue {
    pub fn new(
        service: Service,
        clock: RateClock,
        vacancy_rng: Rng,
        caseload_rng: Rng,
        length: Sampler,
        mean_length: f64,
    ) -> StartsQueue {
        StartsQueue {
            service,
            queue: VecDeque::new(),
            pending: false,
            exhausted: false,
            clock,
            vacancy_rng,
            caseload_rng,
            length,
            mean_length,
            caseload: 0,
            ends: Vec::new(),
            cursor: 0,
        }
    }

    pub fn service(&self) -> Service {
        self.service
    }

    pub fn waiting(&self) -> usize {
        self.queue.len()
    }

    /// People wait but no vacancy is due although the run has vacancies left (a bug).
    pub fn stalled(&self) -> bool {
        !self.queue.is_empty() && !self.pending && !self.exhausted
    }

    pub fn caseload(&self) -> u32 {
        self.caseload
    }

    pub fn mean_length(&self) -> f64 {
        self.mean_length
    }

    /// Someone on the caseload from the start of the run, with a fresh length of service (for
    /// exponential services, exactly the residual).
    pub fn seed_one(&mut self) {
        let stay = self.length.sample(&mut self.caseload_rng);
        self.add_to_caseload(stay, 0.0);
    }

    /// A package or placement that starts at `t` and lasts `extra` (moved steps) + a length of
    /// service.
    fn start(&mut self, t: f64, extra: f64) {
        let stay = self.length.sample(&mut self.caseload_rng);
        self.add_to_caseload(stay, t + extra);
    }

    fn add_to_caseload(&mut self, stay: f64, from: f64) {
        self.caseload += 1;
        let end = from + stay;
        if end.is_finite() && end < 1e6 {
            let day = end as usize;
            if day >= self.ends.len() {
                self.ends.resize(day + 1, 0);
            }
            self.ends[day] += 1;
        }
    }

    /// Applies the caseload ends of the days before `t`; returns how many.
    pub fn release_through(&mut self, t: f64) -> u64 {
        let until = (t.max(0.0) as usize).min(self.ends.len());
        let mut n = 0u64;
        while self.cursor < until {
            let e = self.ends[self.cursor];
            self.caseload = self.caseload.saturating_sub(e);
            n += u64::from(e);
            self.cursor += 1;
        }
        n
    }

    /// The time of the next vacancy after `t`, or `None` when the run has no more.
    fn next_vacancy(&mut self, t: f64, horizon: f64) -> Option<f64> {
        let need = self.vacancy_rng.exp1();
        let at = self.clock.time_after(t, need);
        (at < horizon).then_some(at)
    }
}

/// A discharge step some of a pathway's patients still have to do in the acute bed.
#[derive(Clone, Copy, Debug)]
pub(super) struct StepDraw {
    /// [`Step::index`].
    index: u8,
    /// Share of the pathway's patients who have it to do [share].
    share: f64,
    /// Mean time it takes [working days].
    working_days: f64,
}

/// Per service ([`Service::index`]) and discharge to assess (0 no, 1 yes): the steps done in the
/// acute bed that anyone has to do (share above 0), in order — what `next_step` draws through.
pub(super) fn step_table(sc: &crate::scenario::Scenario) -> [[Vec<StepDraw>; 2]; 3] {
    Service::ALL.map(|service| {
        let process = sc.discharge.process(service);
        [false, true].map(|d2a| {
            Step::ALL
                .into_iter()
                .filter(|step| !(d2a && step.moves_with_discharge_to_assess()))
                .map(|step| (step, process.get(step)))
                .filter(|(_, st)| st.share > 0.0)
                .map(|(step, st)| StepDraw {
                    index: step.index() as u8,
                    share: st.share,
                    working_days: st.working_days,
                })
                .collect()
        })
    })
}

impl Engine {
    /// Moves `pid` (in an acute bed) to a new delayed place, keeping the counters by reason right.
    #[inline]
    fn set_delay(&mut self, pid: u32, place: Place, step: u8) {
        let p = self.patients.get_mut(pid);
        if matches!(p.place, Place::InStep | Place::Queued) {
            self.delayed_reason[usize::from(p.reason)] -= 1;
        }
        let new = p.reason_of(place, step).index();
        p.place = place;
        p.step = step;
        p.reason = new as u8;
        self.delayed_reason[new] += 1;
    }

    /// `pid`, fit in an acute bed at `t`, needs `service`: the pathway's steps begin.
    pub(super) fn begin_pathway(&mut self, t: f64, pid: u32, service: Service) {
        let d2a = self.d2a_rng.uniform() < self.d2a_share;
        let p = self.patients.get_mut(pid);
        p.service = service.index() as u8;
        p.d2a = d2a;
        self.delayed_service[service.index()] += 1;
        self.next_step(t, pid, 0);
    }

    /// `pid` goes on from step `from` at `t`: the next step it has to do in the bed, or the
    /// service's queue when none is left.
    fn next_step(&mut self, t: f64, pid: u32, from: usize) {
        let p = *self.patients.get(pid);
        let service = p.service();
        let table = &self.step_table[service.index()][usize::from(p.d2a)];
        for st in table.iter().skip_while(|st| usize::from(st.index) < from) {
            let rng = &mut self.step_rng[service.index()];
            if rng.uniform() < st.share {
                let work = st.working_days * rng.exp1();
                let done = self.working.time_after(t, work);
                self.set_delay(pid, Place::InStep, st.index);
                if done < self.horizon {
                    self.cal.schedule(done, Ev::StepDone(pid));
                }
                return;
            }
        }
        self.set_delay(pid, Place::Queued, 0);
        self.join_queue(t, pid, service);
    }

    /// `pid` finished its current step at `t`.
    pub(super) fn on_step_done(&mut self, t: f64, pid: u32) {
        let step = usize::from(self.patients.get(pid).step);
        self.next_step(t, pid, step + 1);
    }

    /// `pid` (in an acute or step-down bed) waits for room in `service` from `t`.
    fn join_queue(&mut self, t: f64, pid: u32, service: Service) {
        if service == Service::StepDown {
            if self.step_down.try_seize() {
                self.move_to_step_down(t, pid);
            } else {
                self.step_down.enqueue(pid);
            }
            return;
        }
        let horizon = self.horizon;
        let q = &mut self.starts[starts_slot(service)];
        q.queue.push_back(pid);
        if !q.pending && !q.exhausted {
            match q.next_vacancy(t, horizon) {
                Some(at) => {
                    q.pending = true;
                    self.cal.schedule(at, Ev::Vacancy(service));
                }
                None => q.exhausted = true,
            }
        }
    }

    /// A vacancy of `service` at `t`: the longest waiter takes it; the next is scheduled while
    /// anyone is left waiting.
    pub(super) fn on_vacancy(&mut self, t: f64, service: Service) {
        let horizon = self.horizon;
        let q = &mut self.starts[starts_slot(service)];
        q.pending = false;
        let Some(pid) = q.queue.pop_front() else {
            return;
        };
        if !q.queue.is_empty() {
            match q.next_vacancy(t, horizon) {
                Some(at) => {
                    q.pending = true;
                    self.cal.schedule(at, Ev::Vacancy(service));
                }
                None => q.exhausted = true,
            }
        }
        self.start_service(t, service, pid);
    }

    /// When the steps moved by discharge to assess are done, if started at `t` for `service`.
    fn moved_steps_end(&mut self, t: f64, service: Service) -> f64 {
        let process = self.sc.discharge.process(service);
        let mut at = t;
        for step in Step::ALL {
            if !step.moves_with_discharge_to_assess() {
                continue;
            }
            let st = process.get(step);
            if !(st.share > 0.0) {
                continue;
            }
            let rng = &mut self.step_rng[service.index()];
            if rng.uniform() < st.share {
                at = self.working.time_after(at, st.working_days * rng.exp1());
            }
        }
        at
    }

    /// `pid` leaves its acute bed at `t` for a downstream service (a delayed transfer ends).
    fn leave_acute_delayed(&mut self, t: f64, pid: u32) {
        let p = *self.patients.get(pid);
        self.delayed_reason[p.reason().index()] -= 1;
        self.delayed_service[usize::from(p.service)] -= 1;
        self.flows.discharged[usize::from(p.stream)] += 1.0;
        self.leave_acute(t, usize::from(p.stream));
    }

    /// `service`'s vacancy goes to `pid` at `t`: the patient leaves hospital or step-down and the
    /// package or placement starts.
    fn start_service(&mut self, t: f64, service: Service, pid: u32) {
        let p = *self.patients.get(pid);
        if service == Service::CarePackage {
            self.flows.package_starts += 1.0;
        } else {
            self.flows.care_home_starts += 1.0;
        }
        // Discharged to assess from hospital: the moved steps are done with the care running.
        let extra = if p.d2a && p.place == Place::Queued {
            self.moved_steps_end(t, service) - t
        } else {
            0.0
        };
        self.starts[starts_slot(service)].start(t, extra);
        match p.place {
            Place::Queued => self.leave_acute_delayed(t, pid),
            Place::StepDownWaiting => self.leave_step_down(t),
            _ => debug_assert!(false, "a service start for a patient not waiting"),
        }
        self.patients.remove(pid);
    }

    /// `pid`, queued in an acute bed, moves at `t` to the step-down bed already seized for it.
    fn move_to_step_down(&mut self, t: f64, pid: u32) {
        let d2a = self.patients.get(pid).d2a;
        self.leave_acute_delayed(t, pid);
        let p = self.patients.get_mut(pid);
        p.place = Place::StepDown;
        p.d2a = false;
        let from = if d2a {
            self.moved_steps_end(t, Service::StepDown)
        } else {
            t
        };
        let stay = self.step_stay.sample(&mut self.step_rng_sd);
        let end = from + stay;
        if end < self.horizon {
            self.cal.schedule(end, Ev::StepDownEnd(pid));
        }
    }

    /// The end of `pid`'s step-down stay at `t`: home, or a wait in the bed for a care package
    /// or a care home.
    pub(super) fn on_step_down_end(&mut self, t: f64, pid: u32) {
        let sd = &self.sc.discharge.step_down;
        let u = self.step_rng_sd.uniform();
        if u < sd.to_home {
            self.leave_step_down(t);
            self.patients.remove(pid);
            return;
        }
        let service = if u < sd.to_home + sd.to_care_package {
            Service::CarePackage
        } else {
            Service::CareHome
        };
        let p = self.patients.get_mut(pid);
        p.place = Place::StepDownWaiting;
        p.service = service.index() as u8;
        self.join_queue(t, pid, service);
    }

    /// A step-down bed frees at `t`: the next acute patient queued for one takes it.
    fn leave_step_down(&mut self, t: f64) {
        if let Some(next) = self.step_down.release() {
            self.move_to_step_down(t, next);
        }
    }

    /// Capacity may have opened at the start of a day: serve the step-down queue.
    pub(super) fn admit_to_step_down(&mut self, t: f64) {
        while let Some(pid) = self.step_down.admit_next() {
            self.move_to_step_down(t, pid);
        }
    }
}
