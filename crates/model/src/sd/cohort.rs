//! The end-of-life cohort as stocks: people with an expected death in their last months, on the
//! register with a support place, on the register without one, and not on it; and hospice beds
//! used by people dying there. The rules are [`crate::cohort`]'s, applied as shares; support
//! places and hospice beds turn people away by Erlang's loss formula, as the DES's do.

use super::fluid::erlang_b;
use crate::cohort;
use crate::rules::DayRules;
use crate::scenario::EndOfLife;

/// The cohort's stocks [people].
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Cohort {
    /// On the register, with a support place.
    pub supported: f64,
    /// On the register, without a support place.
    pub unsupported: f64,
    /// Not on the register.
    pub unregistered: f64,
    /// In a hospice bed, dying there.
    pub hospice: f64,
}

/// One day's outcomes of the cohort.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct CohortDay {
    /// Last admissions (they end in death in hospital) [admissions/day].
    pub final_admissions: f64,
    /// Supported people's last crises that support managed at home: admissions they would have
    /// had without support, avoided [admissions/day].
    pub managed_at_home: f64,
    pub deaths_home: f64,
    pub deaths_care_home: f64,
    pub deaths_hospice: f64,
    /// Registered people who found no support place [people/day].
    pub turned_away: f64,
}

impl Cohort {
    /// The steady state at the rates of `r` (the run starts there).
    pub fn steady(e: &EndOfLife, r: &DayRules) -> Cohort {
        let w = e.cohort.identification_days.max(1.0);
        let registered = r.eol_entering * r.eol_coverage;
        let supported = registered * (1.0 - erlang_b(r.eol_support_places, registered * w));
        Cohort {
            supported: supported * w,
            unsupported: (registered - supported) * w,
            unregistered: (r.eol_entering - registered) * w,
            hospice: 0.0,
        }
    }

    /// People in their last months.
    pub fn people(&self) -> f64 {
        self.supported + self.unsupported + self.unregistered
    }

    /// Moves the cohort through day `r`: people enter at the start of the day (on the register
    /// or not, with a support place if one is free), and leave at the end of their time, dying
    /// where [`crate::cohort`] says. `care_home_share` is today's share of care-home residents.
    pub fn day(&mut self, e: &EndOfLife, r: &DayRules, care_home_share: f64) -> CohortDay {
        let c = &e.cohort;
        let w = c.identification_days.max(1.0);
        let registered = r.eol_entering * r.eol_coverage;
        let blocked = erlang_b(r.eol_support_places, registered * w);
        let free = (r.eol_support_places - self.supported).max(0.0);
        let supported_in = (registered * (1.0 - blocked)).min(free);
        self.supported += supported_in;
        self.unsupported += registered - supported_in;
        self.unregistered += r.eol_entering - registered;
        let q = -libm::expm1(-1.0 / w);
        let out = [
            (self.supported * q, true, true),
            (self.unsupported * q, true, false),
            (self.unregistered * q, false, false),
        ];
        self.supported -= out[0].0;
        self.unsupported -= out[1].0;
        self.unregistered -= out[2].0;

        let mut d = CohortDay {
            turned_away: registered - supported_in,
            ..CohortDay::default()
        };
        let seek: Vec<f64> = out
            .iter()
            .map(|&(x, reg, _)| x * (1.0 - care_home_share) * cohort::hospice_referral(c, reg))
            .collect();
        let seekers: f64 = seek.iter().sum();
        let stay = e.hospice_stay.max(1.0);
        let p_in = 1.0 - erlang_b(r.hospice_places, seekers * stay);
        let admitted_all = seekers * p_in;
        let scale = if seekers > 0.0 {
            admitted_all / seekers
        } else {
            0.0
        };
        let p_hosp = c.prefers_hospital.clamp(0.0, 1.0);
        for (k, &(x, _, sup)) in out.iter().enumerate() {
            d.deaths_care_home += x * care_home_share;
            let rest = x * (1.0 - care_home_share);
            let admitted = seek[k] * scale;
            let choose_hospital = rest * p_hosp;
            let open = (rest - choose_hospital - admitted).max(0.0);
            let crisis = open * cohort::crisis(c, sup, e.support.effectiveness);
            d.managed_at_home += open * cohort::crisis(c, false, 0.0) - crisis;
            d.final_admissions += choose_hospital + crisis;
            d.deaths_home += open - crisis;
        }
        // Hospice stays end as a first-order outflow; those admitted today may die today.
        let kh = 1.0 / stay;
        let qh = -libm::expm1(-kh);
        let admitted: f64 = admitted_all;
        d.deaths_hospice = self.hospice * qh + admitted * (1.0 - qh / kh);
        self.hospice += admitted - d.deaths_hospice;
        d
    }
}
