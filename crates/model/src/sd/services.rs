//! The catalogue's community services in the SD engine: each a caseload with places (first-order
//! ends), reached at the point of crisis or from a waiting list ahead of one; and the later care
//! needs of the people whose admissions they avoid, as caseloads started from the community.

use super::fluid::erlang_b;
use crate::results::Daily;
use crate::rules::{Rules, ServiceRules};

/// The services' stocks.
pub(super) struct Services {
    caseload: Vec<f64>,
    waiting: Vec<f64>,
    /// Care packages and care-home placements started from the community after an avoided
    /// admission [people].
    later: [f64; 2],
    /// Their mean lengths [days].
    later_len: [f64; 2],
    /// Later need per stream [package, care home] [share].
    need: [[f64; 2]; 4],
    /// Avoided today per service, and their sum per stream, from [`Services::ahead`].
    ahead_avoided: Vec<[f64; 4]>,
}

/// Prices the services' day needs.
pub(super) struct Today {
    /// Commissioner cost of the caseloads [£/day].
    pub cost: f64,
    /// People on the services' caseloads at the census [people].
    pub caseload: f64,
}

impl Services {
    pub(super) fn new(s: &crate::scenario::Scenario, rules: &Rules) -> Services {
        let n = rules.services.len();
        let d = &s.discharge;
        Services {
            caseload: vec![0.0; n],
            waiting: vec![0.0; n],
            later: [0.0; 2],
            later_len: [
                d.care_packages.length_of_service.mean().max(1.0),
                d.care_homes.length_of_service.mean().max(1.0),
            ],
            need: crate::rules::later_need(s),
            ahead_avoided: vec![[0.0; 4]; n],
        }
    }

    /// Admissions avoided today by the services reached ahead of a crisis, per stream, from the
    /// caseloads at the census; `lam` is each stream's would-be admissions [people/day].
    pub(super) fn ahead(&mut self, svcs: &[ServiceRules], lam: &[f64; 4]) -> [f64; 4] {
        let mut want = [0.0f64; 4];
        for (j, v) in svcs.iter().enumerate() {
            self.ahead_avoided[j] = [0.0; 4];
            if v.at_crisis {
                continue;
            }
            for k in 0..4 {
                let a = self.caseload[j] * v.admission_rate * v.effect * v.weights[k];
                self.ahead_avoided[j][k] = a;
                want[k] += a;
            }
        }
        // More avoided than would arrive cannot be: scale every service's share down alike.
        let mut out = [0.0; 4];
        for k in 0..4 {
            let scale = if want[k] > lam[k] && want[k] > 0.0 {
                lam[k] / want[k]
            } else {
                1.0
            };
            out[k] = want[k] * scale;
            for a in &mut self.ahead_avoided {
                a[k] *= scale;
            }
        }
        out
    }

    /// Moves every service through day `i`: ends, waiting lists, intakes. `residual` is each
    /// stream's would-be admissions left after the other avoidance (offered to the at-crisis
    /// services); returns the at-crisis services' avoided admissions per stream, and the day's
    /// cost and census.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn day(
        &mut self,
        svcs: &[ServiceRules],
        i: usize,
        residual: &[f64; 4],
        rec: bool,
        out: &mut Daily,
    ) -> ([f64; 4], Today) {
        let mut crisis = [0.0f64; 4];
        let mut today = Today {
            cost: 0.0,
            caseload: 0.0,
        };
        if rec {
            out.later_package_caseload.push(self.later[0]);
            out.later_care_home_caseload.push(self.later[1]);
        }
        for (x, len) in self.later.iter_mut().zip(self.later_len) {
            *x -= *x / len;
        }
        for (j, v) in svcs.iter().enumerate() {
            let places = v.places[i];
            let k0 = self.caseload[j];
            let w0 = self.waiting[j];
            today.caseload += k0;
            today.cost += v.cost_on(i, k0);
            let ended = k0 / v.mean_length();
            let mut k = k0 - ended;
            let free = (places - k).max(0.0);
            let (referred, started, turned_away, avoided);
            if v.at_crisis {
                let offered: [f64; 4] = std::array::from_fn(|s| v.offered[s] * residual[s]);
                let demand: f64 = offered.iter().sum();
                // A loss system: at the day's offered load, the share who find a place is
                // 1 − Erlang B (what a fluid min() misses when places are few and nearly full).
                let c = libm::round(places);
                let take = 1.0 - erlang_b(c, demand * v.mean_length());
                started = (demand * take).min(free);
                referred = demand;
                turned_away = demand - started;
                let mut a = 0.0;
                if demand > 0.0 {
                    for s in 0..4 {
                        let x = v.effect * started * offered[s] / demand;
                        crisis[s] += x;
                        a += x;
                        self.later_start(s, x * v.later_care);
                    }
                }
                avoided = a;
            } else {
                referred = v.referrals[i];
                let w = w0 + referred;
                started = w.min(free);
                let left = w - started;
                turned_away = left * (1.0 / v.patience).min(1.0);
                self.waiting[j] = left - turned_away;
                let a = self.ahead_avoided[j];
                for (s, x) in a.iter().enumerate() {
                    self.later_start(s, x * v.later_care);
                }
                avoided = a.iter().sum();
            }
            k += started;
            self.caseload[j] = k;
            if rec {
                let r = &mut out.services[j];
                r.places.push(places);
                r.caseload.push(k0);
                r.waiting.push(w0);
                r.referred.push(referred);
                r.started.push(started);
                r.ended.push(ended);
                r.turned_away.push(turned_away);
                r.avoided.push(avoided);
            }
        }
        (crisis, today)
    }

    fn later_start(&mut self, stream: usize, avoided: f64) {
        self.later[0] += avoided * self.need[stream][0];
        self.later[1] += avoided * self.need[stream][1];
    }
}
