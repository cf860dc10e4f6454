//! The end-of-life cohort: people in their last months of life, how they come onto the GP
//! end-of-life register, the community support that can take them on, and what each person would
//! choose and risks at the end (provenance in `crate::params`; the mechanism in docs/model.md,
//! "End of life as a cohort of people").

use super::Ramp;
use serde::{Deserialize, Serialize};

/// Community end-of-life support: a care plan, a key worker and nursing or hospice-at-home care
/// coordinated by the end-of-life coordinating centre (seed 001 §7.5), one place per person from
/// identification until death.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EolSupport {
    /// Places [people supported at once] at full effect.
    pub places: f64,
    /// When the places open.
    pub ramp: Ramp,
    /// Share of a supported person's emergency admissions, including the last one, that the
    /// support manages at home instead [share].
    pub effectiveness: f64,
    /// Cost [£/person/day] (commissioner).
    pub cost_per_day: f64,
}

/// The people in their last months of life and what happens to them at the end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EolCohort {
    /// How early before death a person with an expected death is identified onto the register
    /// (when they are) — the mean of an exponential time [days]; their support lasts as long.
    pub identification_days: f64,
    /// Emergency admissions in those last months that end alive, per person without support
    /// [admissions/person].
    pub admissions_before_the_last: f64,
    /// Chance that an expected death, outside a care home and a hospice, of someone without
    /// support and not choosing hospital, ends in an emergency admission in which they die
    /// [share].
    pub final_admission: f64,
    /// Share of expected deaths among care-home residents, at the scenario's starting care-home
    /// caseload; it moves with that caseload [share].
    pub care_home_residents: f64,
    /// Preferred place of death: home [share].
    pub prefers_home: f64,
    /// Preferred place of death: hospice [share].
    pub prefers_hospice: f64,
    /// Preferred place of death: hospital [share] (the rest: a care home or no preference).
    pub prefers_hospital: f64,
    /// Chance that someone choosing a hospice but not on the register is still referred to it
    /// (through specialist palliative care) [share].
    pub hospice_referral_unregistered: f64,
    /// Of unexpected deaths outside hospital, the share elsewhere than home (a public place,
    /// a friend's house) [share].
    pub sudden_elsewhere: f64,
}

/// The baseline's community end-of-life support: none beyond what the register brings.
pub fn default_support(never: Ramp) -> EolSupport {
    EolSupport {
        places: 0.0,
        ramp: never,
        effectiveness: 0.68,
        cost_per_day: 40.0,
    }
}

/// The baseline cohort (calibrated to 2008/09's place of death; see the registry).
pub fn default_cohort() -> EolCohort {
    EolCohort {
        identification_days: 60.0,
        admissions_before_the_last: 0.44,
        final_admission: 0.745,
        care_home_residents: 0.23,
        prefers_home: 0.63,
        prefers_hospice: 0.29,
        prefers_hospital: 0.05,
        hospice_referral_unregistered: 0.35,
        sudden_elsewhere: 0.4,
    }
}
