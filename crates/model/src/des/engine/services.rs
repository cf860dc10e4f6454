//! The catalogue's community services (`scenario::services`), person by person.
//!
//! - At crisis: an arriving emergency not taken on by the generic per-stream pool draws one
//!   uniform; the stream's share of would-be admissions is cut into one segment per service (in
//!   catalogue order), and the draw picks the service offered. With a free place the person is
//!   taken on for a sampled length of service and, with the service's effect as chance (the
//!   draw's position within the segment, uniform and independent), not admitted; with no free
//!   place they are turned away and admitted.
//! - Ahead of a crisis: referrals arrive each morning (Poisson at the day's rate), each with an
//!   exponential patience; they join a first-come-first-served waiting list and take free places;
//!   one whose patience has run out leaves the list (turned away). The caseload at the census
//!   thins the day's arrivals: an arrival of stream k is avoided with chance
//!   Σⱼ caseloadⱼ × rateⱼ × effectⱼ × weightⱼₖ ÷ λₖ (capped at 1).
//! - A person whose admission is avoided starts, with the service's later-care share times their
//!   stream's need, a care package or a care-home placement from the community (sampled length).

use std::collections::VecDeque;

use super::community::EndTimes;
use super::Engine;
use crate::des::rng::RandomStream as Rng;
use crate::des::sample::Sampler;
use crate::rules::Rules;
use crate::scenario::Scenario;

const BASE: u64 = 1000;

#[derive(Clone, Debug, Default)]
struct Flows {
    referred: f64,
    started: f64,
    ended: f64,
    turned_away: f64,
    avoided: f64,
}

#[derive(Clone, Debug)]
struct One {
    places: u32,
    used: u32,
    ends: EndTimes,
    stay: Sampler,
    stay_rng: Rng,
    referral_rng: Rng,
    /// Deadlines of the people waiting, in order of referral [days].
    waiting: VecDeque<f64>,
    flows: Flows,
}

/// The services' state in the DES.
#[derive(Clone, Debug)]
pub(super) struct DesServices {
    one: Vec<One>,
    crisis_rng: [Rng; 4],
    ahead_rng: [Rng; 4],
    later_rng: Rng,
    later_len_rng: Rng,
    /// Per stream, the at-crisis segments: (service, low, high) [share].
    segments: [Vec<(usize, f64, f64)>; 4],
    /// Per stream, today's cumulative chance of avoidance ahead of a crisis, by service.
    ahead_cum: [Vec<(usize, f64)>; 4],
    later: [EndTimes; 2],
    pub later_used: [u32; 2],
    later_len: [Sampler; 2],
    need: [[f64; 2]; 4],
    /// Commissioner cost at today's census [£/day].
    pub census_cost: f64,
}

impl DesServices {
    pub(super) fn new(sc: &Scenario, rules: &Rules, r: &dyn Fn(u64) -> Rng) -> DesServices {
        let mut segments: [Vec<(usize, f64, f64)>; 4] = Default::default();
        for (k, seg) in segments.iter_mut().enumerate() {
            let mut lo = 0.0;
            for (j, v) in rules.services.iter().enumerate() {
                if v.at_crisis && v.offered[k] > 0.0 {
                    seg.push((j, lo, lo + v.offered[k]));
                    lo += v.offered[k];
                }
            }
        }
        DesServices {
            one: rules
                .services
                .iter()
                .enumerate()
                .map(|(j, v)| One {
                    places: 0,
                    used: 0,
                    ends: EndTimes::default(),
                    stay: Sampler::new(&v.length),
                    stay_rng: r(BASE + 100 + 10 * j as u64),
                    referral_rng: r(BASE + 101 + 10 * j as u64),
                    waiting: VecDeque::new(),
                    flows: Flows::default(),
                })
                .collect(),
            crisis_rng: [0, 1, 2, 3].map(|k| r(BASE + k)),
            ahead_rng: [0, 1, 2, 3].map(|k| r(BASE + 10 + k)),
            later_rng: r(BASE + 20),
            later_len_rng: r(BASE + 21),
            segments,
            ahead_cum: Default::default(),
            later: Default::default(),
            later_used: [0; 2],
            later_len: [
                Sampler::new(&sc.discharge.care_packages.length_of_service),
                Sampler::new(&sc.discharge.care_homes.length_of_service),
            ],
            need: crate::rules::later_need(sc),
            census_cost: 0.0,
        }
    }

    fn release(&mut self, j: usize, t: f64) {
        let o = &mut self.one[j];
        let n = o.ends.release_through(t);
        o.used = o.used.saturating_sub(n);
        o.flows.ended += f64::from(n);
    }

    fn later_start(&mut self, k: usize, share: f64, t: f64) {
        let u = self.later_rng.uniform();
        let [p, h] = self.need[k];
        let which = if u < share * p {
            0
        } else if u < share * (p + h) {
            1
        } else {
            return;
        };
        let len = self.later_len[which].sample(&mut self.later_len_rng);
        self.later_used[which] += 1;
        self.later[which].push(t + len);
    }
}

impl Engine {
    /// Start of day `d` at `t` for the services: census, places, waiting lists and intakes
    /// ahead of a crisis, and today's chances of avoidance ahead of a crisis.
    pub(super) fn services_start_day(&mut self, t: f64, d: u32) {
        let di = d as usize;
        let rec = self.rules.all[di].recorded;
        let lam = self.rules.all[di].emergency;
        let n = self.rules.services.len();
        let sv = &mut self.svcs;
        // The census (every end up to `t` is applied: `release_services`).
        let _ = t;
        let mut cost = 0.0;
        let mut caseload = 0.0;
        for (j, v) in self.rules.services.iter().enumerate() {
            let o = &sv.one[j];
            cost += v.cost_on(di, f64::from(o.used));
            caseload += f64::from(o.used);
            if rec {
                let r = &mut self.out.services[j];
                r.caseload.push(f64::from(o.used));
                r.waiting.push(o.waiting.len() as f64);
            }
        }
        sv.census_cost = cost;
        if rec {
            self.out
                .later_package_caseload
                .push(f64::from(sv.later_used[0]));
            self.out
                .later_care_home_caseload
                .push(f64::from(sv.later_used[1]));
            if let Some(x) = self.out.community_caseload.last_mut() {
                *x += caseload;
            }
        }
        // Today's chances of avoidance ahead of a crisis, from the census.
        let mut want = [0.0f64; 4];
        let mut per: Vec<[f64; 4]> = vec![[0.0; 4]; n];
        for (j, v) in self.rules.services.iter().enumerate() {
            if v.at_crisis {
                continue;
            }
            for k in 0..4 {
                let a = f64::from(sv.one[j].used) * v.admission_rate * v.effect * v.weights[k];
                per[j][k] = a;
                want[k] += a;
            }
        }
        for k in 0..4 {
            let cum = &mut sv.ahead_cum[k];
            cum.clear();
            if want[k] <= 0.0 || lam[k] <= 0.0 {
                continue;
            }
            let scale = (1.0 / lam[k]).min(1.0 / want[k]);
            let mut c = 0.0;
            for (j, p) in per.iter().enumerate() {
                if p[k] > 0.0 {
                    c += p[k] * scale;
                    cum.push((j, c));
                }
            }
        }
        // Places, waiting lists and intakes.
        for (j, v) in self.rules.services.iter().enumerate() {
            let o = &mut sv.one[j];
            o.flows = Flows::default();
            o.places = libm::round(v.places[di]) as u32;
            if rec {
                self.out.services[j].places.push(v.places[di]);
            }
            if v.at_crisis {
                continue;
            }
            while o.waiting.front().is_some_and(|&dl| dl <= t) {
                o.waiting.pop_front();
                o.flows.turned_away += 1.0;
            }
            // (Patience ends are not in order of referral: the rest leave when they reach the front
            // or when counted here.)
            let before = o.waiting.len();
            o.waiting.retain(|&dl| dl > t);
            o.flows.turned_away += (before - o.waiting.len()) as f64;
            let new = o.referral_rng.poisson(v.referrals[di]);
            o.flows.referred += new as f64;
            for _ in 0..new {
                let patience = v.patience * o.referral_rng.exp1();
                o.waiting.push_back(t + patience);
            }
            while o.used < o.places {
                let Some(_) = o.waiting.pop_front() else {
                    break;
                };
                o.used += 1;
                o.flows.started += 1.0;
                let stay = o.stay.sample(&mut o.stay_rng);
                o.ends.push(t + stay);
            }
        }
    }

    /// An arrival of stream `ki` at `t`: whether a service reached ahead of a crisis avoided it.
    #[inline]
    pub(super) fn avoided_ahead(&mut self, ki: usize, t: f64) -> bool {
        let sv = &mut self.svcs;
        let Some(&(_, top)) = sv.ahead_cum[ki].last() else {
            return false;
        };
        let u = sv.ahead_rng[ki].uniform();
        if u >= top {
            return false;
        }
        let j = sv.ahead_cum[ki]
            .iter()
            .find(|&&(_, c)| u < c)
            .map_or(0, |&(j, _)| j);
        sv.one[j].flows.avoided += 1.0;
        let later = self.rules.services[j].later_care;
        sv.later_start(ki, later, t);
        true
    }

    /// An arrival of stream `ki` at `t` not taken on by the generic pool: whether an at-crisis
    /// service avoided the admission.
    #[inline]
    pub(super) fn avoided_at_crisis(&mut self, ki: usize, t: f64) -> bool {
        let sv = &mut self.svcs;
        if sv.segments[ki].is_empty() {
            return false;
        }
        let u = sv.crisis_rng[ki].uniform();
        let Some(&(j, lo, hi)) = sv.segments[ki].iter().find(|s| u >= s.1 && u < s.2) else {
            return false;
        };
        sv.one[j].flows.referred += 1.0;
        sv.release(j, t);
        let o = &mut sv.one[j];
        if o.used >= o.places {
            o.flows.turned_away += 1.0;
            return false;
        }
        o.used += 1;
        o.flows.started += 1.0;
        let stay = o.stay.sample(&mut o.stay_rng);
        o.ends.push(t + stay);
        let v = &self.rules.services[j];
        if (u - lo) / (hi - lo) < v.effect {
            o.flows.avoided += 1.0;
            sv.later_start(ki, v.later_care, t);
            return true;
        }
        false
    }

    /// Close the day for the services: their flows.
    pub(super) fn services_end_day(&mut self) {
        for (j, o) in self.svcs.one.iter().enumerate() {
            let r = &mut self.out.services[j];
            let f = &o.flows;
            r.referred.push(f.referred);
            r.started.push(f.started);
            r.ended.push(f.ended);
            r.turned_away.push(f.turned_away);
            r.avoided.push(f.avoided);
        }
    }

    /// Apply every end of a service place or a later-care caseload up to `t`.
    pub(super) fn release_services(&mut self, t: f64) {
        let sv = &mut self.svcs;
        for j in 0..sv.one.len() {
            sv.release(j, t);
        }
        for w in 0..2 {
            let ended = sv.later[w].release_through(t);
            sv.later_used[w] = sv.later_used[w].saturating_sub(ended);
            self.extras.events += u64::from(ended);
        }
    }
}
