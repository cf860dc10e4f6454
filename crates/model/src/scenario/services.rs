//! The care-closer-to-home service catalogue: each community service the plans name, with who it
//! is for, how people reach it, its places, how long people stay on it, its effect on admissions
//! (with the evidence range and source), its cost and when it starts.
//!
//! Two ways of reaching people:
//! - **at the point of crisis** (rapid response, community rehabilitation, IV therapy at home): a
//!   person about to be admitted is taken on when a place is free; a share of those taken on then
//!   need no admission. A person who finds the service full is turned away and admitted.
//! - **ahead of a crisis** (case management, telephone care, home chemotherapy, family liaison):
//!   people are referred at a yearly rate and wait for a place; each person on the caseload would
//!   otherwise be admitted at a stated rate, and the service cuts that rate by its effect. A person
//!   who waits too long leaves the waiting list (counted as turned away).
//!
//! A person whose admission is avoided keeps the needs the service does not meet: a share
//! (`later_care_share`) still needs the care package or care-home place their stream's patients
//! need after a stay (`discharge.destinations`), started from the community.
//!
//! The services that shorten a stay rather than avoid it are the scenario's own parts, linked
//! from here and not repeated: early supported discharge (`care_closer_to_home.early_supported_discharge`),
//! step-down beds (`discharge.step_down`) and the second urgent care centre
//! (`care_closer_to_home.urgent_care`). The end-of-life stream's support is
//! `care_closer_to_home.avoidance.end_of_life`.

use super::{fmt_num, Profile, Ramp, Scenario, Stream, ValidationIssue};
use crate::distribution::Distribution;
use serde::{Deserialize, Serialize};

/// Longest id of a service [characters].
pub const MAX_SERVICE_ID: usize = 40;
/// Most services in a catalogue.
pub const MAX_SERVICES: usize = 30;

/// How people reach a service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reach {
    /// Taken on at the point of an admission, when a place is free.
    AtCrisis {
        /// Share of the streams' would-be admissions the service identifies as suitable [share].
        identified_share: f64,
        /// Of those identified, the share referred and accepting [share].
        referred_share: f64,
    },
    /// Enrolled ahead of a crisis, from a waiting list.
    Proactive {
        /// People referred a year at full size (ramped as the places are) [people/year].
        referrals_per_year: f64,
        /// Emergency admissions a person on the caseload would have without the service
        /// [admissions/person/year].
        admissions_per_person_year: f64,
        /// Mean time a referral waits for a place before giving up [days].
        patience_days: f64,
    },
}

/// An effect with its evidence: the value in use, the plan's belief, the published central value
/// and the plausible range [share of admissions avoided].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Effect {
    /// The value the engines use [share].
    pub value: f64,
    /// What the plan assumes ("plan as written") [share].
    pub plan: f64,
    /// The published central value ("evidence-weighted") [share].
    pub published: f64,
    /// Plausible low [share].
    pub low: f64,
    /// Plausible high [share].
    pub high: f64,
    /// Where the published value and range come from.
    pub source: String,
}

/// One community service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommunityService {
    /// Stable key (lower case, digits and `_`), used in series names ("service.<id>.caseload").
    pub id: String,
    /// Plain name.
    pub name: String,
    /// Whether the service runs.
    pub on: bool,
    /// The emergency streams it serves (not the end-of-life stream, whose support is
    /// `care_closer_to_home.avoidance.end_of_life`).
    pub streams: Vec<Stream>,
    /// How people reach it.
    pub reach: Reach,
    /// Places at full size, added to what ran in 2008/09 [people at once].
    pub capacity: f64,
    /// Where the places come from.
    pub capacity_source: String,
    /// How long a person stays on the caseload [days].
    pub length_of_service: Distribution,
    /// Effect on admissions: at crisis, the share of people taken on who are not admitted; ahead
    /// of a crisis, the share of their would-be admissions avoided [share].
    pub effect: Effect,
    /// Of a person whose admission is avoided, the share of their stream's later need for a care
    /// package or care home that remains [share].
    pub later_care_share: f64,
    /// Cost of one place-day [£/person/day] (commissioner).
    pub cost_per_day: f64,
    /// Share of the places bought as a block, paid whether used or not; the rest is bought per
    /// place-day used (spot) [share].
    #[serde(default = "default_block_share")]
    pub block_share: f64,
    /// When the places come on stream.
    pub ramp: Ramp,
}

impl CommunityService {
    /// The share of a stream's would-be admissions the service is offered (at crisis).
    pub fn crisis_share(&self) -> f64 {
        match self.reach {
            Reach::AtCrisis {
                identified_share,
                referred_share,
            } => identified_share * referred_share,
            Reach::Proactive { .. } => 0.0,
        }
    }

    /// Whether it takes people at the point of crisis.
    pub fn at_crisis(&self) -> bool {
        matches!(self.reach, Reach::AtCrisis { .. })
    }

    /// Whether it serves stream `s`.
    pub fn serves(&self, s: Stream) -> bool {
        self.streams.contains(&s)
    }

    /// A template for a user's own service: off, at crisis, for frail older people, no places.
    pub fn template(id: &str) -> CommunityService {
        CommunityService {
            id: id.to_string(),
            name: "New service".into(),
            on: false,
            streams: vec![Stream::Frail],
            reach: Reach::AtCrisis {
                identified_share: 0.1,
                referred_share: 0.8,
            },
            capacity: 0.0,
            capacity_source: "assumption: set by the user".into(),
            length_of_service: Distribution::Exponential { mean: 14.0 },
            effect: Effect {
                value: 0.3,
                plan: 0.3,
                published: 0.3,
                low: 0.0,
                high: 0.5,
                source: "assumption: set by the user".into(),
            },
            later_care_share: LATER_CARE,
            cost_per_day: 30.0,
            block_share: BLOCK_SHARE,
            ramp: plan_ramp(),
        }
    }
}

/// Share of a service's places bought as a block. Assumption: the PCT bought its community
/// services from its own provider arm on block contracts, paid whatever the activity (Department
/// of Health, Transforming Community Services, 2009); a user can buy a service spot instead.
pub const BLOCK_SHARE: f64 = 1.0;

fn default_block_share() -> f64 {
    BLOCK_SHARE
}

/// Share of an avoided admission's later care need that remains. Assumption: the services'
/// evaluations measure admissions, not entry to long-term care; the need is taken to remain.
pub const LATER_CARE: f64 = 1.0;

/// Services commissioned from April 2009, at full size by April 2012 (seed 001 §8.6 "by March 2013").
pub fn plan_ramp() -> Ramp {
    Ramp {
        start: 2009.0,
        ramp_years: 3.0,
        profile: Profile::Linear,
    }
}

fn effect(plan: f64, published: f64, low: f64, high: f64, source: &str) -> Effect {
    Effect {
        value: plan,
        plan,
        published,
        low,
        high,
        source: source.into(),
    }
}

/// The catalogue's ids, in order (the registry's levers name them).
pub const COMMUNITY_MATRONS: &str = "community_matrons";
pub const OWNHEALTH: &str = "ownhealth";
pub const COMMUNITY_REHAB: &str = "community_rehab";
pub const RAPID_RESPONSE: &str = "rapid_response";
pub const IV_THERAPY: &str = "iv_therapy";
pub const HOME_CHEMOTHERAPY: &str = "home_chemotherapy";
pub const FAMILY_LIAISON: &str = "family_liaison";

/// The seeds' services with their figures, all off (the 2008/09 baseline has none of the added
/// places; the plan presets switch them on).
pub fn default_services() -> Vec<CommunityService> {
    use Stream::*;
    let exp = |mean| Distribution::Exponential { mean };
    vec![
        CommunityService {
            id: COMMUNITY_MATRONS.into(),
            name: "Community matrons (case management)".into(),
            on: false,
            streams: vec![Acsc, Frail],
            reach: Reach::Proactive {
                referrals_per_year: 1_500.0,
                admissions_per_person_year: 1.5,
                patience_days: 60.0,
            },
            capacity: 1_000.0,
            capacity_source: "assumption: five more assertive case managers at the 200 patients each of seed 000 (\"23 ACMs … up to 200 patients\"), for the plan's redesign of case management (seed 001 §7.4.1)".into(),
            length_of_service: exp(365.0),
            effect: effect(0.15, 0.0, 0.0, 0.1,
                "Gravelle et al., BMJ 2007 (Evercare community matrons: no significant effect on emergency admissions); Nuffield Trust 2013 (virtual wards: no significant reduction)"),
            later_care_share: LATER_CARE,
            cost_per_day: 3.0,
            block_share: BLOCK_SHARE,
            ramp: plan_ramp(),
        },
        CommunityService {
            id: OWNHEALTH.into(),
            name: "Birmingham OwnHealth telephone care".into(),
            on: false,
            streams: vec![Acsc],
            reach: Reach::Proactive {
                referrals_per_year: 30_000.0,
                admissions_per_person_year: 0.25,
                patience_days: 90.0,
            },
            capacity: 25_000.0,
            capacity_source: "seed 000: 2,000 residents served in 2008, \"extended to 27,000 residents by 2012\" (11,000 in 2009)".into(),
            length_of_service: exp(365.0),
            effect: effect(0.2, 0.0, 0.0, 0.2,
                "Steventon et al., BMJ 2013 (Birmingham OwnHealth telephone health coaching, matched controls: no reduction in emergency admissions); plan figure: Whole System Demonstrator, Steventon et al., BMJ 2012 (telehealth ≈ 20% fewer)"),
            later_care_share: LATER_CARE,
            cost_per_day: 1.0,
            block_share: BLOCK_SHARE,
            ramp: Ramp {
                start: 2008.0,
                ramp_years: 4.0,
                profile: Profile::Linear,
            },
        },
        CommunityService {
            id: COMMUNITY_REHAB.into(),
            name: "Community rehabilitation teams".into(),
            on: false,
            streams: vec![Frail],
            reach: Reach::AtCrisis {
                identified_share: 0.5,
                referred_share: 0.8,
            },
            capacity: 600.0,
            capacity_source: "assumption: sized with the other services so the plan as written avoids ≈ 7,500 admissions in 2012/13 (seed 001 §8.6); seed 000 names a third community rehabilitation team".into(),
            length_of_service: exp(42.0),
            effect: effect(0.3, 0.3, 0.1, 0.4,
                "assumption: no trial gives a better figure for step-up rehabilitation; Shepperd et al., Cochrane 2016 (admission-avoidance hospital at home) find outcomes no worse than hospital"),
            later_care_share: LATER_CARE,
            cost_per_day: 30.0,
            block_share: BLOCK_SHARE,
            ramp: plan_ramp(),
        },
        CommunityService {
            id: RAPID_RESPONSE.into(),
            name: "Rapid response".into(),
            on: false,
            streams: vec![Frail, Other],
            reach: Reach::AtCrisis {
                identified_share: 0.2,
                referred_share: 0.7,
            },
            capacity: 100.0,
            capacity_source: "assumption: sized with the other services so the plan as written avoids ≈ 7,500 admissions in 2012/13 (seed 001 §8.6), with a fifth of frail and other emergencies identified for it".into(),
            length_of_service: exp(5.0),
            effect: effect(0.5, 0.4, 0.2, 0.6,
                "assumption: half of those seen at home stay at home; Shepperd et al., Cochrane 2016 (admission-avoidance hospital at home) as context"),
            later_care_share: LATER_CARE,
            cost_per_day: 80.0,
            block_share: BLOCK_SHARE,
            ramp: plan_ramp(),
        },
        CommunityService {
            id: IV_THERAPY.into(),
            name: "IV therapy in the community".into(),
            on: false,
            streams: vec![Acsc, Other],
            reach: Reach::AtCrisis {
                identified_share: 0.02,
                referred_share: 0.8,
            },
            capacity: 20.0,
            capacity_source: "assumption: nurses trained for IV therapy at home (seed 000); no numbers given".into(),
            length_of_service: exp(7.0),
            effect: effect(0.8, 0.8, 0.6, 0.9,
                "assumption: a person whose infection is treated at home is not admitted unless it fails"),
            later_care_share: LATER_CARE,
            cost_per_day: 60.0,
            block_share: BLOCK_SHARE,
            ramp: plan_ramp(),
        },
        CommunityService {
            id: HOME_CHEMOTHERAPY.into(),
            name: "Home chemotherapy".into(),
            on: false,
            streams: vec![Other],
            reach: Reach::Proactive {
                referrals_per_year: 150.0,
                admissions_per_person_year: 1.0,
                patience_days: 30.0,
            },
            capacity: 40.0,
            capacity_source: "assumption: the MESH programme's home-based chemotherapy (seed 001 App. 2); no numbers given".into(),
            length_of_service: exp(90.0),
            effect: effect(0.1, 0.1, 0.0, 0.2, "assumption"),
            later_care_share: LATER_CARE,
            cost_per_day: 40.0,
            block_share: BLOCK_SHARE,
            ramp: plan_ramp(),
        },
        CommunityService {
            id: FAMILY_LIAISON.into(),
            name: "Family liaison".into(),
            on: false,
            streams: vec![Frail, Other],
            reach: Reach::Proactive {
                referrals_per_year: 600.0,
                admissions_per_person_year: 1.0,
                patience_days: 30.0,
            },
            capacity: 150.0,
            capacity_source: "assumption: the MESH programme's family liaison service (seed 001 App. 2); no numbers given".into(),
            length_of_service: exp(90.0),
            effect: effect(0.1, 0.1, 0.0, 0.2, "assumption"),
            later_care_share: LATER_CARE,
            cost_per_day: 10.0,
            block_share: BLOCK_SHARE,
            ramp: plan_ramp(),
        },
    ]
}

fn issue(path: String, value: String, allowed: &str, message: &str) -> ValidationIssue {
    ValidationIssue {
        path,
        value,
        allowed: allowed.into(),
        message: message.into(),
    }
}

impl Scenario {
    /// The catalogue's problems, each with its field path
    /// ("care_closer_to_home.services[2].capacity").
    pub fn service_issues(&self) -> Vec<ValidationIssue> {
        let mut out = Vec::new();
        let list = &self.care_closer_to_home.services;
        if list.len() > MAX_SERVICES {
            out.push(issue(
                "care_closer_to_home.services".into(),
                list.len().to_string(),
                &format!("at most {MAX_SERVICES}"),
                "too many community services",
            ));
        }
        for (i, s) in list.iter().enumerate() {
            let p = |f: &str| format!("care_closer_to_home.services[{i}].{f}");
            let bad_id = s.id.is_empty()
                || s.id.len() > MAX_SERVICE_ID
                || !s
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if bad_id {
                out.push(issue(
                    p("id"),
                    s.id.clone(),
                    "1 to 40 of a–z, 0–9, _",
                    "a service's id names its series",
                ));
            }
            if list[..i].iter().any(|o| o.id == s.id) {
                out.push(issue(
                    p("id"),
                    s.id.clone(),
                    "unique",
                    "two services have the same id",
                ));
            }
            if s.streams.is_empty() || s.streams.contains(&Stream::EndOfLife) {
                out.push(issue(
                    p("streams"),
                    format!("{:?}", s.streams),
                    "one or more of acsc, frail, other",
                    "a service serves at least one stream (end-of-life support is its own part)",
                ));
            }
            let mut num = |f: &str, v: f64, lo: f64, hi: f64| {
                if !(v >= lo && v <= hi) {
                    out.push(issue(
                        p(f),
                        fmt_num(v),
                        &format!("{} to {}", fmt_num(lo), fmt_num(hi)),
                        "out of range",
                    ));
                }
            };
            num("capacity", s.capacity, 0.0, 1e6);
            num("effect.value", s.effect.value, 0.0, 1.0);
            num("effect.plan", s.effect.plan, 0.0, 1.0);
            num("effect.published", s.effect.published, 0.0, 1.0);
            num("effect.low", s.effect.low, 0.0, 1.0);
            num("effect.high", s.effect.high, 0.0, 1.0);
            num("later_care_share", s.later_care_share, 0.0, 1.0);
            num("cost_per_day", s.cost_per_day, 0.0, 10_000.0);
            num("block_share", s.block_share, 0.0, 1.0);
            num("ramp.start", s.ramp.start, 1990.0, 2100.0);
            num("ramp.ramp_years", s.ramp.ramp_years, 0.0, 50.0);
            let mean = s.length_of_service.mean();
            num("length_of_service.mean", mean, 1.0, 3650.0);
            match s.reach {
                Reach::AtCrisis {
                    identified_share,
                    referred_share,
                } => {
                    num("reach.identified_share", identified_share, 0.0, 1.0);
                    num("reach.referred_share", referred_share, 0.0, 1.0);
                }
                Reach::Proactive {
                    referrals_per_year,
                    admissions_per_person_year,
                    patience_days,
                } => {
                    num("reach.referrals_per_year", referrals_per_year, 0.0, 1e7);
                    num(
                        "reach.admissions_per_person_year",
                        admissions_per_person_year,
                        0.0,
                        50.0,
                    );
                    num("reach.patience_days", patience_days, 1.0, 3650.0);
                }
            }
            for d in s.length_of_service.issues() {
                out.push(issue(
                    p(&format!("length_of_service.{}", d.parameter)),
                    fmt_num(d.value),
                    d.allowed,
                    "invalid duration distribution",
                ));
            }
        }
        // A stream's would-be admissions are shared out between its at-crisis services in
        // order: together they cannot be offered more than all of them.
        for st in [Stream::Acsc, Stream::Frail, Stream::Other] {
            let total: f64 = list
                .iter()
                .filter(|s| s.on && s.serves(st))
                .map(|s| s.crisis_share())
                .sum();
            if total > 1.0 + 1e-9 {
                out.push(issue(
                    "care_closer_to_home.services".into(),
                    fmt_num(total),
                    "at most 1",
                    &format!(
                        "the at-crisis services on for {} are offered more than all of its would-be admissions",
                        st.key()
                    ),
                ));
            }
        }
        out
    }

    /// The service with id `id`.
    pub fn service(&self, id: &str) -> Option<&CommunityService> {
        self.care_closer_to_home
            .services
            .iter()
            .find(|s| s.id == id)
    }

    /// The service with id `id`, mutably.
    pub fn service_mut(&mut self, id: &str) -> Option<&mut CommunityService> {
        self.care_closer_to_home
            .services
            .iter_mut()
            .find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_a_template_can_be_added() {
        let mut s = Scenario::default();
        assert!(s.service_issues().is_empty(), "{:?}", s.service_issues());
        s.care_closer_to_home
            .services
            .push(CommunityService::template("my_service"));
        assert!(s.service_issues().is_empty());
        s.care_closer_to_home
            .services
            .push(CommunityService::template("my_service"));
        assert!(s
            .service_issues()
            .iter()
            .any(|i| i.message.contains("same id")));
    }

    #[test]
    fn at_crisis_shares_of_a_stream_cannot_exceed_one() {
        let mut s = Scenario::default();
        for sv in &mut s.care_closer_to_home.services {
            sv.on = true;
            if let Reach::AtCrisis {
                identified_share, ..
            } = &mut sv.reach
            {
                *identified_share = 1.0;
            }
        }
        assert!(!s.service_issues().is_empty());
    }
}
