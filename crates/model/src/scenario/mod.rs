//! The scenario: everything that describes one local health economy and one set of choices.
//!
//! Every quantity carries its unit in its doc comment. The default is the calibrated NHS Birmingham
//! East and North (BEN) 2008/09 baseline; the provenance of each default lives in the parameter
//! registry (`crate::params`), which the UI shows next to every lever.

use crate::distribution::Distribution;
use serde::{Deserialize, Serialize};
use std::fmt;

mod accounts;
mod discharge;
mod end_of_life;
mod services;
mod validate;

pub use accounts::*;
pub use discharge::*;
pub use end_of_life::*;
pub use services::*;
pub(crate) use validate::fmt_num;

/// The scenario file format version. Bump when a field changes meaning.
pub const SCHEMA_VERSION: u32 = 3;
/// The oldest scenario file version still read (missing fields take the baseline's values).
pub const OLDEST_SCHEMA_VERSION: u32 = 1;
/// Longest horizon the engines accept [financial years].
pub const MAX_YEARS: u32 = 10;

/// The four emergency demand streams.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    /// People in their last year of life.
    EndOfLife,
    /// Ambulatory-care-sensitive / long-term conditions.
    Acsc,
    /// Frail older people (not ACSC, not end of life).
    Frail,
    /// All other emergencies.
    Other,
}

impl Stream {
    /// All streams, in a fixed order (used for every per-stream array).
    pub const ALL: [Stream; 4] = [
        Stream::EndOfLife,
        Stream::Acsc,
        Stream::Frail,
        Stream::Other,
    ];

    /// Index into per-stream arrays.
    pub fn index(self) -> usize {
        match self {
            Stream::EndOfLife => 0,
            Stream::Acsc => 1,
            Stream::Frail => 2,
            Stream::Other => 3,
        }
    }

    /// Key used in field paths and series names.
    pub fn key(self) -> &'static str {
        match self {
            Stream::EndOfLife => "end_of_life",
            Stream::Acsc => "acsc",
            Stream::Frail => "frail",
            Stream::Other => "other",
        }
    }

    /// Plain-words label.
    pub fn label(self) -> &'static str {
        match self {
            Stream::EndOfLife => "People in their last year of life",
            Stream::Acsc => "Long-term (ambulatory care sensitive) conditions",
            Stream::Frail => "Frail older people",
            Stream::Other => "Other emergencies",
        }
    }
}

/// One value per emergency stream (serialised with the stream keys).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PerStream<T> {
    pub end_of_life: T,
    pub acsc: T,
    pub frail: T,
    pub other: T,
}

impl<T> PerStream<T> {
    /// The value for one stream. (Picked from the four by index, not by a `match`: in a loop
    /// over the streams a `match` is a jump table whose jump changes target every time.)
    pub fn get(&self, s: Stream) -> &T {
        [&self.end_of_life, &self.acsc, &self.frail, &self.other][s.index()]
    }
    /// The value for one stream, mutably (as [`PerStream::get`]).
    pub fn get_mut(&mut self, s: Stream) -> &mut T {
        let PerStream {
            end_of_life,
            acsc,
            frail,
            other,
        } = self;
        let mut all = [end_of_life, acsc, frail, other];
        all.swap(0, s.index());
        let [chosen, ..] = all;
        chosen
    }
    /// Build from a function of the stream.
    pub fn from_fn(mut f: impl FnMut(Stream) -> T) -> Self {
        PerStream {
            end_of_life: f(Stream::EndOfLife),
            acsc: f(Stream::Acsc),
            frail: f(Stream::Frail),
            other: f(Stream::Other),
        }
    }
}

/// How a lever moves from no effect to full effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// Straight line from start to full effect after the ramp.
    Linear,
    /// Fast at first, slowing down: 1 − (1 − x)².
    FrontLoaded,
    /// Slow at first, speeding up: x².
    BackLoaded,
    /// Nothing until start + ramp, then full effect at once.
    Step,
}

impl Profile {
    /// All profiles (for the UI).
    pub const ALL: [Profile; 4] = [
        Profile::Linear,
        Profile::FrontLoaded,
        Profile::BackLoaded,
        Profile::Step,
    ];
    /// Index used when a profile is set through the numeric registry (0..=3).
    pub fn code(self) -> f64 {
        match self {
            Profile::Linear => 0.0,
            Profile::FrontLoaded => 1.0,
            Profile::BackLoaded => 2.0,
            Profile::Step => 3.0,
        }
    }
    /// Inverse of `code`.
    pub fn from_code(c: f64) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.code() == c)
    }
    /// Plain label.
    pub fn label(self) -> &'static str {
        match self {
            Profile::Linear => "linear",
            Profile::FrontLoaded => "front-loaded",
            Profile::BackLoaded => "back-loaded",
            Profile::Step => "step",
        }
    }
}

/// When a lever starts and how it reaches full effect.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ramp {
    /// Start [financial year, fractional: 2009.0 = 1 April 2009, 2009.5 = 1 October 2009].
    pub start: f64,
    /// Years from start to full effect [years]; 0 means full effect at the start.
    pub ramp_years: f64,
    /// Shape of the ramp.
    pub profile: Profile,
}

impl Ramp {
    /// Share of full effect (0..=1) at time `t` [fractional financial year].
    pub fn factor(&self, t: f64) -> f64 {
        if !(t >= self.start) {
            return 0.0;
        }
        let r = self.ramp_years;
        if !(r > 0.0) {
            return 1.0;
        }
        let x = ((t - self.start) / r).clamp(0.0, 1.0);
        match self.profile {
            Profile::Linear => x,
            Profile::FrontLoaded => 1.0 - (1.0 - x) * (1.0 - x),
            Profile::BackLoaded => x * x,
            Profile::Step => {
                if t >= self.start + r {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }
}

/// Population.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Population {
    /// Registered population at the start [people].
    pub population: f64,
    /// Growth [fraction per year].
    pub growth: f64,
    /// Adults aged 18+ [share of population] (denominator of NI 131).
    pub adult_share: f64,
}

/// A short period of extra pressure (snow, flu, norovirus), repeated every winter when `every_winter`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Surge {
    /// Whether the surge happens at all.
    pub enabled: bool,
    /// Repeat every winter (otherwise only in the first year).
    pub every_winter: bool,
    /// First day of the surge [days after 1 April].
    pub start_day: f64,
    /// Length [days].
    pub duration_days: f64,
    /// Extra emergency arrivals during the surge [fraction].
    pub demand_uplift: f64,
    /// Longer acute stays during the surge [fraction].
    pub los_uplift: f64,
    /// Acute beds closed (e.g. norovirus bays) during the surge [beds].
    pub beds_closed: f64,
    /// Downstream (care package, care home) capacity lost during the surge [fraction].
    pub downstream_capacity_cut: f64,
}

/// Emergency, elective and A&E demand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Demand {
    /// Emergency admissions in the first year without any new care-closer-to-home service [admissions/year].
    pub emergency_admissions: f64,
    /// Underlying growth of emergency demand [fraction per year].
    pub emergency_growth: f64,
    /// Share of emergency demand in each stream [share]; `other` is the remainder (its value here is
    /// ignored by the engine and validated only as 1 − the others).
    pub stream_share: PerStream<f64>,
    /// Winter (December–February) uplift in emergency arrivals [fraction]; the annual total is kept.
    pub winter_uplift: f64,
    /// Weekend dip in emergency arrivals versus the weekday-and-weekend mean [fraction]; the weekly total is kept.
    pub weekend_dip: f64,
    /// Elective (planned overnight) admissions [admissions/year], booked on weekdays.
    pub elective_admissions: f64,
    /// Elective mean length of stay [days].
    pub elective_los: f64,
    /// A&E attendances in the first year [attendances/year].
    pub ae_attendances: f64,
    /// Trend in A&E attendances [fraction per year].
    pub ae_growth: f64,
    /// A surge event (off in the baseline).
    pub surge: Surge,
}

/// A service that avoids admissions in one stream: a person about to be admitted is taken onto its
/// caseload when a place is free; a share of them (`effectiveness`) then need no admission.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AvoidanceService {
    /// Places at full effect [people supported at once].
    pub capacity: f64,
    /// Share of the stream's would-be admissions the service can reach [share]. For the end-of-life
    /// stream this is further multiplied by the EoL register coverage.
    pub eligible_share: f64,
    /// Share of people taken on whose admission is avoided [share].
    pub effectiveness: f64,
    /// How long a person stays on the caseload [days].
    pub length_of_service: Distribution,
    /// Cost of one caseload day [£/person/day] (commissioner).
    pub cost_per_day: f64,
    /// When the capacity comes on stream.
    pub ramp: Ramp,
}

/// Second urgent care centre: diverts A&E attendances to a cheaper setting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UrgentCareCentre {
    /// Attendances diverted at full effect [attendances/year].
    pub diverted_per_year: f64,
    /// When the centre opens and fills.
    pub ramp: Ramp,
}

/// Early supported discharge: an eligible patient leaves the acute bed `days_saved` earlier and is
/// supported at home for `length_of_service` days.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EarlySupportedDischarge {
    /// Share of emergency admissions (frail and other streams) who could use it [share].
    pub eligible_share: f64,
    /// Acute days saved per supported patient [days].
    pub days_saved: f64,
    /// Places [people supported at once].
    pub capacity: f64,
    /// Support at home per patient [days].
    pub length_of_service: f64,
    /// Cost [£/person/day] (commissioner).
    pub cost_per_day: f64,
    /// When it starts.
    pub ramp: Ramp,
}

/// Care closer to home.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CareCloserToHome {
    /// Admission-avoidance service per stream (the end-of-life entry is not read: community
    /// end-of-life support is `end_of_life.support`).
    pub avoidance: PerStream<AvoidanceService>,
    /// Urgent care centre.
    pub urgent_care: UrgentCareCentre,
    /// Early supported discharge.
    pub early_supported_discharge: EarlySupportedDischarge,
    /// The community services, one by one (`scenario::services`).
    pub services: Vec<CommunityService>,
}

/// A dated change in the acute bed base (ward closure negative, opening positive).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BedStep {
    /// When [fractional financial year].
    pub at: f64,
    /// Change [beds] (negative = closure).
    pub change: f64,
}

/// A lever that reduces length of stay.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LosReduction {
    /// Reduction in mean emergency LOS at full effect [fraction].
    pub reduction: f64,
    /// Timing.
    pub ramp: Ramp,
}

/// Acute general and acute beds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Beds {
    /// Bed base at the start [beds].
    pub base: f64,
    /// Beds in a ward [beds] (closures happen in whole wards).
    pub ward_size: f64,
    /// Dated closures and openings.
    pub steps: Vec<BedStep>,
    /// Escalation beds [beds], opened on days when occupancy of the base reaches the trigger.
    pub escalation_beds: f64,
    /// Occupancy of the bed base that opens the escalation beds [share].
    pub escalation_trigger: f64,
    /// Emergency length of stay per stream [days] (the SD engine uses the mean).
    pub los: PerStream<Distribution>,
    /// Winter (December–February) uplift in LOS [fraction]; the annual mean is kept.
    pub winter_los_uplift: f64,
    /// LOS-reduction lever.
    pub los_reduction: LosReduction,
}

/// End of life.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EndOfLife {
    /// Crude death rate [deaths per 1,000 population per year].
    pub crude_death_rate: f64,
    /// Share of deaths that are expected (predictable) [share].
    pub expected_share: f64,
    /// EoL register coverage at the start [share of expected deaths].
    pub register_coverage: f64,
    /// Register coverage at full effect of the plan [share of expected deaths].
    pub register_coverage_target: f64,
    /// Timing of register growth.
    pub register_ramp: Ramp,
    /// Hospice in-patient beds [beds].
    pub hospice_beds: f64,
    /// Mean hospice stay [days].
    pub hospice_stay: f64,
    /// Share of hospice bed days used by people who die there (the rest by stays for symptom
    /// control and respite that end alive) [share].
    pub hospice_death_share: f64,
    /// Community end-of-life support.
    pub support: EolSupport,
    /// The people in their last months of life.
    pub cohort: EolCohort,
}

/// An amount in one financial year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearAmount {
    /// Financial year by its first calendar year (2010 = 2010/11).
    pub year: u32,
    /// Amount [£].
    pub amount: f64,
}

/// Prices and costs (2008/09 prices).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Money {
    /// Tariff per emergency spell [£/spell].
    pub emergency_tariff: PerStream<f64>,
    /// Excess bed day payment beyond the trim point [£/day].
    pub excess_bed_day: f64,
    /// Trim point as a multiple of the stream mean LOS [×].
    pub trim_multiple: f64,
    /// Elective spell tariff [£/spell].
    pub elective_tariff: f64,
    /// A&E attendance [£].
    pub ae_attendance: f64,
    /// Urgent care centre attendance [£].
    pub ucc_attendance: f64,
    /// Provider cost of an available acute bed [£/bed-day].
    pub bed_day_cost: f64,
    /// Fixed share of the bed cost, released only when wards close [share].
    pub bed_fixed_share: f64,
    /// Step-down bed day [£/day] (commissioner).
    pub step_down_bed_day: f64,
    /// Care package [£/week] (social care).
    pub care_package_week: f64,
    /// Care-home placement [£/week] (social care).
    pub care_home_week: f64,
    /// Hospice in-patient day [£/day] (commissioner).
    pub hospice_day: f64,
    /// Strategic-initiative investment line [£ per financial year].
    pub investment: Vec<YearAmount>,
    /// Savings the plan expected from the initiatives [£ per financial year] (reported, not used).
    pub planned_savings: Vec<YearAmount>,
}

/// The A&E department as the four-hour standard sees it: who of the emergency admissions come
/// through it, how long they are assessed before the decision to admit, and how many of the
/// attendances not admitted leave after four hours.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AandE {
    /// Share of emergency admissions that come through A&E (the rest are referred straight to an
    /// assessment unit) [share].
    pub admitted_via_ae: f64,
    /// Time from arrival in A&E to the decision to admit [hours].
    pub hours_to_decision: f64,
    /// The standard: time from arrival to admission, transfer or discharge [hours].
    pub standard_hours: f64,
    /// Share of the attendances not admitted that leave after `standard_hours` [share].
    pub not_admitted_over_standard: f64,
}

impl Default for AandE {
    fn default() -> AandE {
        AandE {
            admitted_via_ae: 0.67,
            hours_to_decision: 2.5,
            standard_hours: 4.0,
            not_admitted_over_standard: 0.01,
        }
    }
}

impl AandE {
    /// Longest wait for a bed after the decision to admit that still meets the standard [days].
    pub fn bed_wait_allowed(&self) -> f64 {
        ((self.standard_hours - self.hours_to_decision) / 24.0).max(0.0)
    }

    /// Whether the decision to admit comes at or after the standard's hours, so every admission
    /// through A&E is over it, bed or no bed.
    pub fn decided_too_late(&self) -> bool {
        self.hours_to_decision >= self.standard_hours
    }
}

/// One complete scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// File format version (`SCHEMA_VERSION`).
    pub schema_version: u32,
    /// Seed for the stochastic engine (the SD engine ignores it).
    pub seed: u64,
    /// First financial year by its first calendar year (2008 = 2008/09, starting 1 April 2008).
    pub start_year: u32,
    /// Horizon [financial years], 1..=10.
    pub years: u32,
    pub population: Population,
    pub demand: Demand,
    pub care_closer_to_home: CareCloserToHome,
    pub beds: Beds,
    pub discharge: Discharge,
    pub end_of_life: EndOfLife,
    pub money: Money,
    /// Acute wards closed or opened, and wards turned into step-down beds.
    pub wards: Wards,
    /// How each payer buys capacity and what it must save (the payers' accounts).
    pub accounts: Accounts,
    /// The A&E department and the four-hour standard.
    #[serde(default)]
    pub ae: AandE,
}

/// One problem found by `Scenario::validate`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationIssue {
    /// Field path, e.g. "beds.escalation_trigger".
    pub path: String,
    /// The offending value as text.
    pub value: String,
    /// The allowed values in words, e.g. "0 to 1".
    pub allowed: String,
    /// Plain-words explanation.
    pub message: String,
}

impl fmt::Display for ValidationIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (value {}, allowed {})",
            self.path, self.message, self.value, self.allowed
        )
    }
}

fn never() -> Ramp {
    Ramp {
        start: 2009.0,
        ramp_years: 3.0,
        profile: Profile::Linear,
    }
}

fn avoidance(eligible: f64, effectiveness: f64, service_days: f64, cost: f64) -> AvoidanceService {
    AvoidanceService {
        capacity: 0.0,
        eligible_share: eligible,
        effectiveness,
        length_of_service: Distribution::Exponential { mean: service_days },
        cost_per_day: cost,
        ramp: never(),
    }
}

fn mixture(mean: f64) -> Distribution {
    // 49% of emergency stays are 0–1 day (Nuffield Trust 2010): short part uniform on 0..1 day.
    let short_share = if mean > 6.0 { 0.35 } else { 0.49 };
    let long_mean = (mean - short_share * 0.5) / (1.0 - short_share);
    Distribution::ShortLongMixture {
        short_share,
        short_max: 1.0,
        long_mean,
        long_cv: 1.0,
    }
}

impl Default for Scenario {
    /// The calibrated BEN 2008/09 baseline (baseline.md; provenance in `crate::params`).
    fn default() -> Self {
        Scenario {
            schema_version: SCHEMA_VERSION,
            seed: 20080401,
            start_year: 2008,
            years: 6,
            population: Population {
                population: 440_000.0,
                growth: 0.0075,
                adult_share: 0.77,
            },
            demand: Demand {
                emergency_admissions: 57_700.0,
                emergency_growth: 0.017,
                stream_share: PerStream {
                    end_of_life: 0.15,
                    acsc: 0.167,
                    frail: 0.25,
                    other: 0.433,
                },
                winter_uplift: 0.05,
                weekend_dip: 0.18,
                elective_admissions: 18_000.0,
                elective_los: 3.5,
                ae_attendances: 194_000.0,
                ae_growth: -0.01,
                surge: Surge {
                    enabled: false,
                    every_winter: false,
                    start_day: 260.0,
                    duration_days: 42.0,
                    demand_uplift: 0.10,
                    los_uplift: 0.10,
                    beds_closed: 56.0,
                    downstream_capacity_cut: 0.05,
                },
            },
            care_closer_to_home: CareCloserToHome {
                avoidance: PerStream {
                    end_of_life: avoidance(1.0, 0.68, 60.0, 40.0),
                    acsc: avoidance(0.6, 0.2, 180.0, 6.0),
                    frail: avoidance(0.5, 0.3, 42.0, 30.0),
                    other: avoidance(0.0, 0.1, 14.0, 30.0),
                },
                urgent_care: UrgentCareCentre {
                    diverted_per_year: 0.0,
                    ramp: never(),
                },
                early_supported_discharge: EarlySupportedDischarge {
                    eligible_share: 0.05,
                    days_saved: 7.0,
                    capacity: 0.0,
                    length_of_service: 14.0,
                    cost_per_day: 40.0,
                    ramp: never(),
                },
                services: default_services(),
            },
            beds: Beds {
                base: 1450.0,
                ward_size: 28.0,
                steps: Vec::new(),
                escalation_beds: 40.0,
                escalation_trigger: 0.95,
                los: PerStream {
                    end_of_life: mixture(11.0),
                    acsc: mixture(5.0),
                    frail: mixture(11.0),
                    other: mixture(3.5),
                },
                winter_los_uplift: 0.05,
                los_reduction: LosReduction {
                    reduction: 0.0,
                    ramp: never(),
                },
            },
            discharge: Discharge {
                destinations: PerStream {
                    end_of_life: Destinations {
                        died: 0.005,
                        care_package: 0.30,
                        step_down: 0.05,
                        care_home: 0.20,
                    },
                    acsc: Destinations {
                        died: 0.01,
                        care_package: 0.10,
                        step_down: 0.04,
                        care_home: 0.03,
                    },
                    frail: Destinations {
                        died: 0.03,
                        care_package: 0.25,
                        step_down: 0.10,
                        care_home: 0.10,
                    },
                    other: Destinations {
                        died: 0.003,
                        care_package: 0.06,
                        step_down: 0.015,
                        care_home: 0.01,
                    },
                },
                step_down: StepDown {
                    beds: 150.0,
                    added_beds: 0.0,
                    added_ramp: Ramp {
                        start: 2009.67,
                        ramp_years: 0.0,
                        profile: Profile::Step,
                    },
                    length_of_stay: Distribution::Exponential { mean: 18.0 },
                    to_home: 0.5,
                    to_care_package: 0.3,
                    process: calibrated::step_down_process(),
                },
                care_packages: StartsService {
                    starts_per_week: CALIBRATED_PACKAGE_STARTS,
                    growth_follows_demand: true,
                    growth: 0.017,
                    added_per_week: 0.0,
                    added_ramp: never(),
                    length_of_service: Distribution::Exponential { mean: 90.0 },
                    process: calibrated::package_process(),
                },
                care_homes: StartsService {
                    starts_per_week: CALIBRATED_CARE_HOME_STARTS,
                    growth_follows_demand: true,
                    growth: 0.017,
                    added_per_week: 0.0,
                    added_ramp: never(),
                    length_of_service: Distribution::Exponential { mean: 365.0 },
                    process: calibrated::care_home_process(),
                },
                winter_capacity_cut: 0.0,
                weekend_working: WEEKEND_WORKING,
                discharge_to_assess: DischargeToAssess {
                    share: 0.0,
                    ramp: never(),
                },
                responsibility: calibrated::responsibility(),
            },
            end_of_life: EndOfLife {
                crude_death_rate: 8.5,
                expected_share: 0.75,
                register_coverage: 0.20,
                register_coverage_target: 0.20,
                register_ramp: never(),
                hospice_beds: 12.0,
                hospice_stay: 14.0,
                hospice_death_share: 0.6,
                support: end_of_life::default_support(never()),
                cohort: end_of_life::default_cohort(),
            },
            money: Money {
                emergency_tariff: PerStream {
                    end_of_life: 2900.0,
                    acsc: 2000.0,
                    frail: 2900.0,
                    other: 1700.0,
                },
                excess_bed_day: 250.0,
                trim_multiple: 3.0,
                elective_tariff: 2500.0,
                ae_attendance: 100.0,
                ucc_attendance: 50.0,
                bed_day_cost: 250.0,
                bed_fixed_share: 0.6,
                step_down_bed_day: 150.0,
                care_package_week: 200.0,
                care_home_week: 500.0,
                hospice_day: 425.0,
                investment: Vec::new(),
                planned_savings: Vec::new(),
            },
            wards: Wards::default(),
            accounts: Accounts::default(),
            ae: AandE::default(),
        }
    }
}

/// Baseline care-package starts offered to hospital and step-down patients [starts/week].
/// Assumption: sized so that hospital and step-down patients take 85% of the starts offered
/// (derived demand ≈ 170 a week; see `calibrated`).
pub const CALIBRATED_PACKAGE_STARTS: f64 = 200.0;
/// Baseline care-home placements offered to hospital and step-down patients [placements/week].
/// Assumption: sized so that hospital and step-down patients take 85% of the placements offered
/// (derived demand ≈ 74 a week).
pub const CALIBRATED_CARE_HOME_STARTS: f64 = 87.0;
/// Weekend discharge working as a share of a weekday's [share]. External: NHS England, "Rapid
/// improvement guide to improving weekend discharges" (c. 2022): weekend discharges are about 40%
/// lower than weekday discharges.
pub const WEEKEND_WORKING: f64 = 0.6;

/// The discharge steps of the calibrated baseline: which patients still have each step to do
/// when fit, and how long it takes. Assumption: the split between steps follows the reasons for
/// delayed days in England's situation reports (2011/12: assessment 18.7%, public funding 6.0%,
/// further non-acute NHS care 19.3%, residential and nursing homes 22.9%, care packages 10.5%,
/// patient or family choice 13.6%; sums over NHS England's monthly DTOC sitrep data), and the
/// working days are scaled together so that baseline delayed transfers are ≈ 3.2% of occupied
/// bed days (seed 001 §7.5) — see `careflow calibrate` and docs/model.md.
pub mod calibrated {
    use super::discharge::{step, PerReason, Process, Responsibility};

    /// One factor on every step's working days, found by `careflow calibrate` [×].
    pub const STEP_SCALE: f64 = 0.95;

    const fn scaled(share: f64, days: f64) -> super::ProcessStep {
        step(share, days * STEP_SCALE)
    }

    /// Care packages: a third still need their assessment finished, a few a funding decision;
    /// finding a provider is the wait for a start (the vacancy queue), with no step of its own.
    pub fn package_process() -> Process {
        Process {
            assessment: scaled(0.35, 0.45),
            funding: scaled(0.10, 0.40),
            choice: scaled(0.0, 0.0),
            arranging: scaled(0.0, 0.0),
        }
    }

    /// Step-down beds: some need an assessment; everyone waits for a referral to be accepted and
    /// the transfer arranged.
    pub fn step_down_process() -> Process {
        Process {
            assessment: scaled(0.30, 0.45),
            funding: scaled(0.0, 0.0),
            choice: scaled(0.0, 0.0),
            arranging: scaled(1.0, 1.10),
        }
    }

    /// Care homes: most need an assessment finished, many a funding decision and a family's
    /// choice of home.
    pub fn care_home_process() -> Process {
        Process {
            assessment: scaled(0.70, 0.45),
            funding: scaled(0.40, 0.40),
            choice: scaled(0.40, 1.45),
            arranging: scaled(1.0, 0.50),
        }
    }

    /// Who is held responsible for each reason's delayed days. Assumption: the situation report
    /// records the responsible agency patient by patient and publishes no national split by
    /// reason; these follow its guidance (assessments shared, funding and home care mostly social
    /// care, NHS care and choice mostly NHS, care homes shared between residential and nursing
    /// placements). The overall split is an output, checked against DH's October 2011 figures
    /// (NHS 61%, social care 32%, both 7%).
    pub fn responsibility() -> PerReason<Responsibility> {
        let r = |nhs, social_care| Responsibility { nhs, social_care };
        PerReason {
            assessment: r(0.50, 0.40),
            public_funding: r(0.10, 0.85),
            further_nhs_care: r(0.95, 0.0),
            care_home: r(0.45, 0.45),
            care_package: r(0.25, 0.65),
            choice: r(0.90, 0.05),
        }
    }
}

/// Moves a version-2 file's community end-of-life places (and their ramp) from
/// `care_closer_to_home.avoidance.end_of_life` to `end_of_life.support`.
fn upgrade_end_of_life_support(value: &mut serde_json::Value) {
    let old = value
        .pointer("/care_closer_to_home/avoidance/end_of_life")
        .cloned();
    let Some(old) = old else {
        return;
    };
    let mut support = serde_json::Map::new();
    if let Some(c) = old.get("capacity") {
        support.insert("places".into(), c.clone());
    }
    if let Some(r) = old.get("ramp") {
        support.insert("ramp".into(), r.clone());
    }
    if let Some(c) = old.get("cost_per_day") {
        support.insert("cost_per_day".into(), c.clone());
    }
    if support.is_empty() {
        return;
    }
    if let Some(eol) = value.get_mut("end_of_life").and_then(|e| e.as_object_mut()) {
        eol.insert("support".into(), serde_json::Value::Object(support));
    } else if let Some(root) = value.as_object_mut() {
        let mut eol = serde_json::Map::new();
        eol.insert("support".into(), serde_json::Value::Object(support));
        root.insert("end_of_life".into(), serde_json::Value::Object(eol));
    }
    if let Some(a) = value.pointer_mut("/care_closer_to_home/avoidance/end_of_life/capacity") {
        *a = serde_json::json!(0.0);
    }
}

impl Scenario {
    /// The financial-year label of year index `i` (0 = first), e.g. "2008/09".
    pub fn year_label(&self, i: u32) -> String {
        let y = self.start_year.saturating_add(i);
        format!("{}/{:02}", y, (y + 1) % 100)
    }

    /// Reads a scenario file: this version's format, or an older one upgraded — fields it lacks
    /// take the baseline's values, fields it has that no longer exist are dropped. In this
    /// version's format a field the scenario does not have (a misspelling) is refused, and a
    /// value of the wrong type is refused with its field's path. The result still needs
    /// [`Scenario::validate`].
    pub fn from_json(text: &str) -> Result<Scenario, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        Scenario::from_value(value)
    }

    /// As [`Scenario::from_json`] from parsed JSON.
    pub fn from_value(mut value: serde_json::Value) -> Result<Scenario, String> {
        let version = value
            .get("schema_version")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| "schema_version: missing (a scenario file has one)".to_string())?;
        if version < u64::from(OLDEST_SCHEMA_VERSION) || version > u64::from(SCHEMA_VERSION) {
            return Err(format!(
                "schema_version: {version} is not a version this build reads ({OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION})"
            ));
        }
        let current = version == u64::from(SCHEMA_VERSION);
        if !current {
            // Version 1 had a cap on a stationary queue approximation and no discharge steps;
            // version 2 had no ward levers or payers' accounts (they take the baseline's).
            if let Some(d) = value.get_mut("discharge").and_then(|d| d.as_object_mut()) {
                d.remove("max_stationary_wait");
            }
            // Version 2 held community end-of-life support among the admission-avoidance services.
            if version < 3 {
                upgrade_end_of_life_support(&mut value);
            }
            let mut base = serde_json::to_value(Scenario::default()).map_err(|e| e.to_string())?;
            crate::share::merge_patch_apply(&mut base, &value);
            base["schema_version"] = serde_json::json!(SCHEMA_VERSION);
            value = base;
        }
        let scenario: Scenario = serde_path_to_error::deserialize(&value).map_err(|e| {
            let path = e.path().to_string();
            if path == "." {
                e.inner().to_string()
            } else {
                format!("{path}: {}", e.inner())
            }
        })?;
        // A field this version does not have is refused (an older version's are dropped above).
        let mut unknown = Vec::new();
        if current {
            let written = serde_json::to_value(&scenario).map_err(|e| e.to_string())?;
            unknown_fields(&value, &written, "", &mut unknown);
        }
        if !unknown.is_empty() {
            return Err(format!(
                "{}: not a field of a scenario (a misspelling? allowed: the fields `careflow baseline` prints)",
                unknown.join(", ")
            ));
        }
        Ok(scenario)
    }

    /// Paths of the settings (as in the scenario file, e.g. "beds.steps") where `self` differs from
    /// `other`, numbers compared to a relative 1e-9 (so a lever moved and moved back does not
    /// count). Lists stop at the list's path; objects are followed down.
    pub fn differing_paths(&self, other: &Scenario) -> Vec<String> {
        fn walk(a: &serde_json::Value, b: &serde_json::Value, path: String, out: &mut Vec<String>) {
            use serde_json::Value;
            match (a, b) {
                (Value::Object(x), Value::Object(y)) => {
                    for (k, va) in x {
                        let p = if path.is_empty() {
                            k.clone()
                        } else {
                            format!("{path}.{k}")
                        };
                        match y.get(k) {
                            Some(vb) => walk(va, vb, p, out),
                            None => out.push(p),
                        }
                    }
                    for k in y.keys().filter(|k| !x.contains_key(*k)) {
                        out.push(if path.is_empty() {
                            k.clone()
                        } else {
                            format!("{path}.{k}")
                        });
                    }
                }
                (Value::Array(x), Value::Array(y)) => {
                    let same = x.len() == y.len()
                        && x.iter().zip(y).all(|(p, q)| {
                            let mut inner = Vec::new();
                            walk(p, q, String::new(), &mut inner);
                            inner.is_empty()
                        });
                    if !same {
                        out.push(path);
                    }
                }
                (Value::Number(x), Value::Number(y)) => {
                    let (x, y) = (
                        x.as_f64().unwrap_or(f64::NAN),
                        y.as_f64().unwrap_or(f64::NAN),
                    );
                    if (x - y).abs() > 1e-9 * x.abs().max(y.abs()).max(1.0) {
                        out.push(path);
                    }
                }
                _ => {
                    if a != b {
                        out.push(path);
                    }
                }
            }
        }
        let (Ok(a), Ok(b)) = (serde_json::to_value(self), serde_json::to_value(other)) else {
            return vec![String::new()];
        };
        let mut out = Vec::new();
        walk(&a, &b, String::new(), &mut out);
        out
    }
}
/// Paths of the keys of `input` that `written` (the scenario read from it, written back) does not
/// have: fields serde read past without a word, such as a misspelt `ae.standard_hour`.
fn unknown_fields(
    input: &serde_json::Value,
    written: &serde_json::Value,
    at: &str,
    out: &mut Vec<String>,
) {
    use serde_json::Value;
    match (input, written) {
        (Value::Object(i), Value::Object(w)) => {
            for (k, v) in i {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                match w.get(k) {
                    Some(wv) => unknown_fields(v, wv, &path, out),
                    None if !v.is_null() => out.push(path),
                    None => {}
                }
            }
        }
        (Value::Array(i), Value::Array(w)) => {
            for (n, (a, b)) in i.iter().zip(w).enumerate() {
                unknown_fields(a, b, &format!("{at}.{n}"), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod reading_tests {
    use super::*;

    fn baseline_with(edit: impl FnOnce(&mut serde_json::Value)) -> Result<Scenario, String> {
        let mut v = serde_json::to_value(Scenario::default()).unwrap();
        edit(&mut v);
        Scenario::from_json(&v.to_string())
    }

    #[test]
    fn the_baseline_as_written_reads_back() {
        assert_eq!(baseline_with(|_| {}), Ok(Scenario::default()));
    }

    #[test]
    fn a_misspelt_field_is_refused_by_its_path() {
        let err = baseline_with(|v| {
            v["ae"]["standard_hour"] = serde_json::json!(12);
            v["frobnicate"] = serde_json::json!(true);
        })
        .unwrap_err();
        assert!(
            err.contains("ae.standard_hour") && err.contains("frobnicate"),
            "{err}"
        );
        assert!(err.contains("not a field"), "{err}");
    }

    #[test]
    fn a_value_of_the_wrong_type_is_refused_by_its_path() {
        let err = baseline_with(|v| v["beds"]["base"] = serde_json::json!("lots")).unwrap_err();
        assert!(err.starts_with("beds.base: invalid type"), "{err}");
        let err = baseline_with(|v| {
            v["demand"]
                .as_object_mut()
                .unwrap()
                .remove("emergency_growth");
        })
        .unwrap_err();
        assert!(
            err.contains("demand") && err.contains("emergency_growth"),
            "{err}"
        );
    }
}
