//! Leaving hospital: where patients go when they are medically fit, the downstream services that
//! take them, the steps a discharge team works through first, and the reasons a delayed transfer
//! of care is recorded under.
//!
//! A patient fit to leave who needs a care package, a step-down bed or a care-home place stays in
//! the acute bed until (1) the process steps of their pathway are done — assessment, a funding
//! decision, the choice of a home, arranging the transfer — and then (2) the service has room. The
//! steps are process times spent in the bed whatever the capacity; the wait for room is a queue.
//! Every day in the bed after the patient is fit is a delayed day, recorded under the reason of the
//! step (or queue) the patient is in, with the reasons of the NHS monthly delayed-transfers
//! situation report.

use super::{PerStream, Ramp};
use crate::distribution::Distribution;
use serde::{Deserialize, Serialize};

/// A downstream service a patient fit to leave may need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    /// A new package of home care.
    CarePackage,
    /// A step-down (intermediate-care) bed.
    StepDown,
    /// A care-home placement.
    CareHome,
}

impl Service {
    /// All services, in a fixed order (used for every per-service array).
    pub const ALL: [Service; 3] = [Service::CarePackage, Service::StepDown, Service::CareHome];

    /// Index into per-service arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Key used in field paths and series names.
    pub fn key(self) -> &'static str {
        match self {
            Service::CarePackage => "care_package",
            Service::StepDown => "step_down",
            Service::CareHome => "care_home",
        }
    }

    /// Plain-words label.
    pub fn label(self) -> &'static str {
        match self {
            Service::CarePackage => "Care package at home",
            Service::StepDown => "Step-down bed",
            Service::CareHome => "Care-home place",
        }
    }

    /// The reason a patient waiting for this service's room (and for the transfer to be arranged)
    /// is recorded under.
    pub fn reason(self) -> Reason {
        match self {
            Service::CarePackage => Reason::CarePackage,
            Service::StepDown => Reason::FurtherNhsCare,
            Service::CareHome => Reason::CareHome,
        }
    }
}

/// One value per downstream service (serialised with the service keys).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PerService<T> {
    pub care_package: T,
    pub step_down: T,
    pub care_home: T,
}

impl<T> PerService<T> {
    /// The value for one service.
    pub fn get(&self, s: Service) -> &T {
        [&self.care_package, &self.step_down, &self.care_home][s.index()]
    }
    /// The value for one service, mutably.
    pub fn get_mut(&mut self, s: Service) -> &mut T {
        match s {
            Service::CarePackage => &mut self.care_package,
            Service::StepDown => &mut self.step_down,
            Service::CareHome => &mut self.care_home,
        }
    }
    /// Build from a function of the service.
    pub fn from_fn(mut f: impl FnMut(Service) -> T) -> Self {
        PerService {
            care_package: f(Service::CarePackage),
            step_down: f(Service::StepDown),
            care_home: f(Service::CareHome),
        }
    }
}

/// Why a patient fit to leave is still in an acute bed: the reasons of the NHS monthly delayed
/// transfers of care situation report that this model distinguishes (its letters in brackets).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// (A) Awaiting completion of assessment.
    Assessment,
    /// (B) Awaiting public funding.
    PublicFunding,
    /// (C) Awaiting further non-acute NHS care (here: a step-down bed).
    FurtherNhsCare,
    /// (D) Awaiting a residential or nursing home place.
    CareHome,
    /// (E) Awaiting a care package in the patient's own home.
    CarePackage,
    /// (G) Patient or family choice.
    Choice,
}

impl Reason {
    /// All reasons, in the situation report's order.
    pub const ALL: [Reason; 6] = [
        Reason::Assessment,
        Reason::PublicFunding,
        Reason::FurtherNhsCare,
        Reason::CareHome,
        Reason::CarePackage,
        Reason::Choice,
    ];

    /// Index into per-reason arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Key used in field paths and series names.
    pub fn key(self) -> &'static str {
        match self {
            Reason::Assessment => "assessment",
            Reason::PublicFunding => "public_funding",
            Reason::FurtherNhsCare => "further_nhs_care",
            Reason::CareHome => "care_home",
            Reason::CarePackage => "care_package",
            Reason::Choice => "choice",
        }
    }

    /// The situation report's wording, with its letter.
    pub fn label(self) -> &'static str {
        match self {
            Reason::Assessment => "Awaiting completion of assessment (A)",
            Reason::PublicFunding => "Awaiting public funding (B)",
            Reason::FurtherNhsCare => "Awaiting further non-acute NHS care (C)",
            Reason::CareHome => "Awaiting a residential or nursing home place (D)",
            Reason::CarePackage => "Awaiting a care package in own home (E)",
            Reason::Choice => "Patient or family choice (G)",
        }
    }
}

/// One value per delay reason (serialised with the reason keys).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PerReason<T> {
    pub assessment: T,
    pub public_funding: T,
    pub further_nhs_care: T,
    pub care_home: T,
    pub care_package: T,
    pub choice: T,
}

impl<T> PerReason<T> {
    /// The value for one reason.
    pub fn get(&self, r: Reason) -> &T {
        [
            &self.assessment,
            &self.public_funding,
            &self.further_nhs_care,
            &self.care_home,
            &self.care_package,
            &self.choice,
        ][r.index()]
    }
    /// The value for one reason, mutably.
    pub fn get_mut(&mut self, r: Reason) -> &mut T {
        match r {
            Reason::Assessment => &mut self.assessment,
            Reason::PublicFunding => &mut self.public_funding,
            Reason::FurtherNhsCare => &mut self.further_nhs_care,
            Reason::CareHome => &mut self.care_home,
            Reason::CarePackage => &mut self.care_package,
            Reason::Choice => &mut self.choice,
        }
    }
    /// Build from a function of the reason.
    pub fn from_fn(mut f: impl FnMut(Reason) -> T) -> Self {
        PerReason {
            assessment: f(Reason::Assessment),
            public_funding: f(Reason::PublicFunding),
            further_nhs_care: f(Reason::FurtherNhsCare),
            care_home: f(Reason::CareHome),
            care_package: f(Reason::CarePackage),
            choice: f(Reason::Choice),
        }
    }
}

/// The process steps before a service can take a patient, in the order they are worked through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Assessment of needs still to be completed when the patient is fit (reason A).
    Assessment,
    /// A funding decision (reason B).
    Funding,
    /// The patient or family choosing a home or provider (reason G).
    Choice,
    /// Arranging the transfer once everything is agreed: brokerage, acceptance by the receiving
    /// service, transport (recorded under the service's own reason, C, D or E).
    Arranging,
}

impl Step {
    /// All steps, in order.
    pub const ALL: [Step; 4] = [
        Step::Assessment,
        Step::Funding,
        Step::Choice,
        Step::Arranging,
    ];

    /// Index into per-step arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Key used in field paths.
    pub fn key(self) -> &'static str {
        match self {
            Step::Assessment => "assessment",
            Step::Funding => "funding",
            Step::Choice => "choice",
            Step::Arranging => "arranging",
        }
    }

    /// The delay reason a patient in this step for `service` is recorded under.
    pub fn reason(self, service: Service) -> Reason {
        match self {
            Step::Assessment => Reason::Assessment,
            Step::Funding => Reason::PublicFunding,
            Step::Choice => Reason::Choice,
            Step::Arranging => service.reason(),
        }
    }

    /// Whether discharge to assess moves this step out of the acute bed.
    pub fn moves_with_discharge_to_assess(self) -> bool {
        matches!(self, Step::Assessment | Step::Funding)
    }
}

/// One process step: who goes through it and how long it takes.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcessStep {
    /// Share of the service's patients who still have this step to do when medically fit [share].
    pub share: f64,
    /// Mean time the step takes [working days]: a weekday counts one, a weekend day counts
    /// `discharge.weekend_working`. Exponentially distributed in working time.
    pub working_days: f64,
}

/// The process steps of one pathway (one downstream service).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Process {
    pub assessment: ProcessStep,
    pub funding: ProcessStep,
    pub choice: ProcessStep,
    pub arranging: ProcessStep,
}

impl Process {
    /// The step by kind.
    pub fn get(&self, s: Step) -> &ProcessStep {
        [
            &self.assessment,
            &self.funding,
            &self.choice,
            &self.arranging,
        ][s.index()]
    }
    /// The step by kind, mutably.
    pub fn get_mut(&mut self, s: Step) -> &mut ProcessStep {
        match s {
            Step::Assessment => &mut self.assessment,
            Step::Funding => &mut self.funding,
            Step::Choice => &mut self.choice,
            Step::Arranging => &mut self.arranging,
        }
    }
}

/// Who the situation report holds responsible for a reason's delayed days, as shares; the rest
/// is "both".
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Responsibility {
    /// Share attributed to the NHS [share].
    pub nhs: f64,
    /// Share attributed to social care [share].
    pub social_care: f64,
}

impl Responsibility {
    /// Share attributed to both [share].
    pub fn both(&self) -> f64 {
        (1.0 - self.nhs - self.social_care).max(0.0)
    }
}

/// Discharge to assess: the assessment (and the funding decision that follows it) happens after
/// the patient leaves the acute bed — at home with the package already running, in the step-down
/// bed, or in an interim care-home placement — instead of in the acute bed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DischargeToAssess {
    /// Share of patients with an assessment or funding decision outstanding who are discharged
    /// to assess, at full effect [share].
    pub share: f64,
    /// When it starts and how it builds up.
    pub ramp: Ramp,
}

/// Where patients go when medically fit, as shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Destinations {
    /// Share of acute spells ending in death in hospital [share of spells].
    pub died: f64,
    /// Share of live discharges needing a new care package at home [share].
    pub care_package: f64,
    /// Share of live discharges to a step-down bed [share].
    pub step_down: f64,
    /// Share of live discharges to a care-home placement [share]. Home without support is the rest.
    pub care_home: f64,
}

impl Destinations {
    /// Share of live discharges needing `service` [share].
    pub fn share(&self, service: Service) -> f64 {
        [self.care_package, self.step_down, self.care_home][service.index()]
    }
}

/// Step-down / intermediate-care beds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepDown {
    /// Beds at the start [beds].
    pub beds: f64,
    /// Beds added by the plan at full effect [beds].
    pub added_beds: f64,
    /// When the added beds open.
    pub added_ramp: Ramp,
    /// Mean stay [days].
    pub length_of_stay: Distribution,
    /// Share going home without support afterwards [share].
    pub to_home: f64,
    /// Share going home with a care package [share]; the rest go to a care home.
    pub to_care_package: f64,
    /// The steps before a step-down bed can take a patient.
    pub process: Process,
}

/// A downstream service measured in starts per week (care packages, care-home placements): the
/// hospital sees a flow of vacancies, each offered to the patient who has waited longest and lost
/// to the community if nobody from hospital or step-down is ready for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StartsService {
    /// Starts offered to hospital and step-down patients [starts/week] at the start.
    pub starts_per_week: f64,
    /// The offer grows as underlying emergency demand does (`demand.emergency_growth`), not at
    /// `growth` (on by default: capacity follows demand unless the user says otherwise).
    pub growth_follows_demand: bool,
    /// Growth of the offer when it does not follow demand [fraction per year].
    pub growth: f64,
    /// Extra starts per week at full effect of the plan [starts/week].
    pub added_per_week: f64,
    /// Timing of the extra starts.
    pub added_ramp: Ramp,
    /// How long a person stays on the caseload (package, placement) [days].
    pub length_of_service: Distribution,
    /// The steps before the service can take a patient from hospital.
    pub process: Process,
}

/// Discharge destinations and downstream services.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Discharge {
    /// Destinations per stream.
    pub destinations: PerStream<Destinations>,
    /// Step-down beds.
    pub step_down: StepDown,
    /// New care packages at home.
    pub care_packages: StartsService,
    /// Care-home placements.
    pub care_homes: StartsService,
    /// Winter (December–February) loss of downstream start capacity [fraction].
    pub winter_capacity_cut: f64,
    /// Weekend working as a share of a weekday's, for the discharge steps (assessment, funding,
    /// choice, arranging) and for when care packages and placements can start (the week's starts
    /// are kept, spread over the days in that pattern) [share]. 1 = seven-day discharge.
    pub weekend_working: f64,
    /// Discharge to assess.
    pub discharge_to_assess: DischargeToAssess,
    /// Who is held responsible for each reason's delayed days (the overall split is an output).
    pub responsibility: PerReason<Responsibility>,
}

impl Discharge {
    /// The process steps of a pathway.
    pub fn process(&self, service: Service) -> &Process {
        match service {
            Service::CarePackage => &self.care_packages.process,
            Service::StepDown => &self.step_down.process,
            Service::CareHome => &self.care_homes.process,
        }
    }

    /// The process steps of a pathway, mutably.
    pub fn process_mut(&mut self, service: Service) -> &mut Process {
        match service {
            Service::CarePackage => &mut self.care_packages.process,
            Service::StepDown => &mut self.step_down.process,
            Service::CareHome => &mut self.care_homes.process,
        }
    }

    /// A starts service (care packages or care homes; `None` for step-down).
    pub fn starts(&self, service: Service) -> Option<&StartsService> {
        match service {
            Service::CarePackage => Some(&self.care_packages),
            Service::CareHome => Some(&self.care_homes),
            Service::StepDown => None,
        }
    }
}

/// Shorthand for a step in the defaults.
pub(crate) const fn step(share: f64, working_days: f64) -> ProcessStep {
    ProcessStep {
        share,
        working_days,
    }
}
