//! The end-of-life cohort's rules, shared by both engines: what happens to a person with an
//! expected death at the end of their last months, by whether they are on the register and
//! supported. The DES draws these for each person; the SD engine applies them as shares.
//!
//! At the end, in this order:
//! 1. a care-home resident dies in the care home;
//! 2. someone who would choose a hospice, and is referred (everyone on the register; others
//!    through specialist care), dies in a hospice if a bed is free there;
//! 3. otherwise someone who would choose hospital, or who has a crisis that ends in an emergency
//!    admission (support manages a share of those at home), dies in hospital in that admission;
//! 4. everyone else dies at home.
//!
//! Hospice beds thus take deaths from hospital and home in the proportion of each person's own
//! chance of a last admission. Support places and hospice beds are loss systems: a person who
//! finds no place goes without (Erlang's loss formula gives the share in the SD engine).

use crate::scenario::EolCohort;

/// What a person prefers for the place of their death.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preference {
    Home,
    Hospice,
    Hospital,
    /// A care home, or no stated preference.
    Other,
}

/// The preference of a person whose uniform draw is `u`.
pub fn preference(c: &EolCohort, u: f64) -> Preference {
    if u < c.prefers_home {
        Preference::Home
    } else if u < c.prefers_home + c.prefers_hospice {
        Preference::Hospice
    } else if u < c.prefers_home + c.prefers_hospice + c.prefers_hospital {
        Preference::Hospital
    } else {
        Preference::Other
    }
}

/// Chance that a person who neither is in a care home nor dies in a hospice, and does not choose
/// hospital, dies in an emergency admission: the crisis chance, cut by support's effect.
pub fn crisis(c: &EolCohort, supported: bool, effectiveness: f64) -> f64 {
    let cut = if supported { effectiveness } else { 0.0 };
    (c.final_admission * (1.0 - cut)).clamp(0.0, 1.0)
}

/// Chance that a person with an expected death ends in a last admission with nobody supported
/// and no hospice, per person [share] (the end-of-life stream's demand includes these).
pub fn final_reference(c: &EolCohort) -> f64 {
    let out_of_care_home = (1.0 - c.care_home_residents).clamp(0.0, 1.0);
    let hospital = c.prefers_hospital.clamp(0.0, 1.0);
    out_of_care_home * (hospital + (1.0 - hospital) * c.final_admission.clamp(0.0, 1.0))
}

/// Chance that a person is referred to a hospice: they would choose one and are on the register,
/// or are referred through specialist care.
pub fn hospice_referral(c: &EolCohort, registered: bool) -> f64 {
    let r = if registered {
        1.0
    } else {
        c.hospice_referral_unregistered
    };
    (c.prefers_hospice * r).clamp(0.0, 1.0)
}

/// Share of expected deaths among care-home residents when the care-home caseload is `caseload`
/// and was `caseload0` at the start [share].
pub fn care_home_share(c: &EolCohort, caseload: f64, caseload0: f64) -> f64 {
    let ratio = if caseload0 > 0.0 {
        caseload / caseload0
    } else {
        1.0
    };
    (c.care_home_residents * ratio).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_partition_the_unit_interval() {
        let c = crate::scenario::Scenario::default().end_of_life.cohort;
        assert_eq!(preference(&c, 0.0), Preference::Home);
        assert_eq!(preference(&c, c.prefers_home + 1e-9), Preference::Hospice);
        assert_eq!(preference(&c, 0.999_999), Preference::Other);
    }
}
