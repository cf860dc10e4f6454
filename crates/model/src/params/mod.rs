//! The parameter registry: every scalar lever a workshop would move, with its label, unit, allowed
//! range, plain-language description and provenance. The UI builds its sliders from it, URLs encode
//! scenarios through its paths, and `Scenario::validate` checks every registered value against it.

mod id;
mod unit;

pub use id::LeverId;
pub use unit::{Control, Shown, Unit};

use crate::distribution::Distribution;
use crate::scenario::{fmt_num, Profile, Scenario, ValidationIssue};
use serde::Serialize;

/// Lever groups, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Demand,
    CareCloserToHome,
    AcuteBeds,
    DischargeDelays,
    EndOfLife,
    Money,
}

impl Group {
    /// All groups in display order.
    pub const ALL: [Group; 6] = [
        Group::Demand,
        Group::CareCloserToHome,
        Group::AcuteBeds,
        Group::DischargeDelays,
        Group::EndOfLife,
        Group::Money,
    ];
    /// Plain-words label.
    pub fn label(self) -> &'static str {
        match self {
            Group::Demand => "Population and demand",
            Group::CareCloserToHome => "Care closer to home",
            Group::AcuteBeds => "Acute beds",
            Group::DischargeDelays => "Discharge and delays",
            Group::EndOfLife => "End of life",
            Group::Money => "Money",
        }
    }
}

/// Where a default value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvenanceKind {
    /// Stated in a source document (seed file and section).
    Seed,
    /// A published figure from elsewhere.
    External,
    /// Arithmetic on seed figures.
    Derived,
    /// No source gives it.
    Assumption,
}

impl ProvenanceKind {
    /// Lower-case label.
    pub fn label(self) -> &'static str {
        match self {
            ProvenanceKind::Seed => "seed",
            ProvenanceKind::External => "external",
            ProvenanceKind::Derived => "derived",
            ProvenanceKind::Assumption => "assumption",
        }
    }
}

/// How much weight a lever's value can bear, in the three words a user sees: a figure from the
/// source documents (or arithmetic on them), a published figure from elsewhere, or an assumption.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quality {
    SeedFigure,
    PublishedFigure,
    Assumption,
}

impl Quality {
    /// All marks, best first.
    pub const ALL: [Quality; 3] = [
        Quality::SeedFigure,
        Quality::PublishedFigure,
        Quality::Assumption,
    ];
    /// Lower-case label ("seed figure", "published figure", "assumption").
    pub fn label(self) -> &'static str {
        match self {
            Quality::SeedFigure => "seed figure",
            Quality::PublishedFigure => "published figure",
            Quality::Assumption => "assumption",
        }
    }
}

impl ProvenanceKind {
    /// The quality mark: seed and derived (arithmetic on seed figures) are seed figures, external
    /// sources published figures, the rest assumptions.
    pub fn quality(self) -> Quality {
        match self {
            ProvenanceKind::Seed | ProvenanceKind::Derived => Quality::SeedFigure,
            ProvenanceKind::External => Quality::PublishedFigure,
            ProvenanceKind::Assumption => Quality::Assumption,
        }
    }
}

/// A plausible low and high value of a lever, in the lever's unit, with where the range comes
/// from: what the tornado ("what matters most") moves each headline lever over.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Evidence {
    /// Plausible low value [the lever's unit].
    pub low: f64,
    /// Plausible high value [the lever's unit].
    pub high: f64,
    /// Source of the range, or "assumption: …" in words.
    pub source: &'static str,
}

/// The provenance of a default value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Provenance {
    pub kind: ProvenanceKind,
    /// Seed file and section, external source, or "assumption: …" in words.
    pub source: &'static str,
}

/// One registered lever.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ParamSpec {
    /// The lever's typed id.
    pub id: LeverId,
    /// Field path, e.g. "beds.escalation_trigger" (`id.path()`).
    pub path: &'static str,
    /// Plain-words label.
    pub label: &'static str,
    pub group: Group,
    /// Unit (serialised as its machine name: "beds", "share", "£/day" …).
    pub unit: Unit,
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value.
    pub max: f64,
    /// Slider step.
    pub step: f64,
    /// Shown by default in the lever panel.
    pub headline: bool,
    /// Plain-language description.
    pub description: &'static str,
    pub provenance: Provenance,
    /// The plausible range the sensitivity view moves the lever over (every headline lever has
    /// one; see [`EVIDENCE`]).
    pub evidence: Option<Evidence>,
}

struct Param {
    spec: ParamSpec,
    get: fn(&Scenario) -> f64,
    set: fn(&mut Scenario, f64),
}

use Group::*;
use ProvenanceKind::*;

macro_rules! p {
    ($path:expr, $label:expr, $group:ident, $unit:expr, $min:expr, $max:expr, $step:expr,
     $head:expr, $desc:expr, $kind:ident, $src:expr, get $get:expr, set $set:expr) => {
        Param {
            spec: ParamSpec {
                // Set from the path when the table is built.
                id: LeverId::PopulationPopulation,
                path: $path,
                label: $label,
                group: $group,
                unit: $unit,
                min: $min,
                max: $max,
                step: $step,
                headline: $head,
                description: $desc,
                provenance: Provenance {
                    kind: $kind,
                    source: $src,
                },
                evidence: None,
            },
            get: $get,
            set: $set,
        }
    };
    ($path:expr, $label:expr, $group:ident, $unit:expr, $min:expr, $max:expr, $step:expr,
     $head:expr, $desc:expr, $kind:ident, $src:expr, $($f:ident).+) => {
        p!($path, $label, $group, $unit, $min, $max, $step, $head, $desc, $kind, $src,
           get |s: &Scenario| s.$($f).+, set |s: &mut Scenario, v: f64| s.$($f).+ = v)
    };
}

/// Mean of a distribution, for the registry.
fn dmean(d: &Distribution) -> f64 {
    d.mean()
}
/// Set a distribution's mean keeping its shape.
fn dset(d: &mut Distribution, v: f64) {
    let m = d.mean();
    if m > 0.0 && m.is_finite() && v.is_finite() {
        *d = d.with_mean_scaled(v / m);
    } else {
        *d = Distribution::Exponential { mean: v };
    }
}
fn prof(p: Profile) -> f64 {
    p.code()
}
fn set_prof(p: &mut Profile, v: f64) {
    if let Some(x) = Profile::from_code(v) {
        *p = x;
    }
}
fn b(v: bool) -> f64 {
    if v {
        1.0
    } else {
        0.0
    }
}
fn rebalance_other(s: &mut Scenario) {
    let sh = &mut s.demand.stream_share;
    sh.other = 1.0 - sh.end_of_life - sh.acsc - sh.frail;
}

const UNSET: &str = "assumption: not yet in place in the 2008/09 baseline (0 = no new service); the plan presets set it";

macro_rules! avoidance_params {
    ($grp:ident, $stream:ident, $name:literal, $cap_head:expr,
     $cap_desc:literal, $eff_src_kind:ident, $eff_src:literal, $len_src:literal) => {
        [
            p!(concat!("care_closer_to_home.avoidance.", stringify!($stream), ".capacity"),
               concat!($name, ": places"), $grp, Unit::PeopleAtOnce, 0.0, 100_000.0, 10.0, $cap_head,
               $cap_desc, Assumption, "assumption: not yet in place in the 2008/09 baseline (0 = no new service); plan presets size it to reach seed 001 §8.6",
               care_closer_to_home.avoidance.$stream.capacity),
            p!(concat!("care_closer_to_home.avoidance.", stringify!($stream), ".eligible_share"),
               concat!($name, ": share of would-be admissions it can reach"), $grp, Unit::Share, 0.0, 1.0, 0.01, false,
               "Of the people in this stream who would otherwise be admitted, the share the service could take on if it had a free place.",
               Assumption, "assumption: reach of a community service; override to test",
               care_closer_to_home.avoidance.$stream.eligible_share),
            p!(concat!("care_closer_to_home.avoidance.", stringify!($stream), ".effectiveness"),
               concat!($name, ": share of people taken on who avoid admission"), $grp, Unit::Share, 0.0, 1.0, 0.01, false,
               "Of the people the service takes on, the share who then do not need the hospital. The rest are admitted anyway.",
               $eff_src_kind, $eff_src, care_closer_to_home.avoidance.$stream.effectiveness),
            p!(concat!("care_closer_to_home.avoidance.", stringify!($stream), ".length_of_service"),
               concat!($name, ": days on the caseload"), $grp, Unit::Days, 1.0, 730.0, 1.0, false,
               "How long a person stays on the community caseload. Longer support costs more and fills places.",
               Assumption, $len_src,
               get |s: &Scenario| dmean(&s.care_closer_to_home.avoidance.$stream.length_of_service),
               set |s: &mut Scenario, v: f64| dset(&mut s.care_closer_to_home.avoidance.$stream.length_of_service, v)),
            p!(concat!("care_closer_to_home.avoidance.", stringify!($stream), ".cost_per_day"),
               concat!($name, ": cost per person per day"), Money, Unit::PoundsPerPersonDay, 0.0, 1000.0, 1.0, false,
               "What the commissioner pays for one person for one day on this community caseload.",
               Assumption, "assumption: community nursing / therapy contact costs; override with local prices",
               care_closer_to_home.avoidance.$stream.cost_per_day),
            p!(concat!("care_closer_to_home.avoidance.", stringify!($stream), ".ramp.start"),
               concat!($name, ": start"), $grp, Unit::FinancialYear, 2000.0, 2100.0, 0.25, false,
               "When the service starts (2009.5 means 1 October 2009).",
               Assumption, UNSET, care_closer_to_home.avoidance.$stream.ramp.start),
            p!(concat!("care_closer_to_home.avoidance.", stringify!($stream), ".ramp.ramp_years"),
               concat!($name, ": years to full size"), $grp, Unit::Years, 0.0, 10.0, 0.25, false,
               "Years from the start until the service reaches its full number of places.",
               Assumption, "assumption: three years to full effect, as the plan's 2009-12 horizon (seed 001 §8.5)",
               care_closer_to_home.avoidance.$stream.ramp.ramp_years),
            p!(concat!("care_closer_to_home.avoidance.", stringify!($stream), ".ramp.profile"),
               concat!($name, ": build-up shape (0 linear, 1 front-loaded, 2 back-loaded, 3 step)"), $grp, Unit::ProfileCode, 0.0, 3.0, 1.0, false,
               "How the places build up between start and full size.",
               Assumption, "assumption: linear by default (baseline.md)",
               get |s: &Scenario| prof(s.care_closer_to_home.avoidance.$stream.ramp.profile),
               set |s: &mut Scenario, v: f64| set_prof(&mut s.care_closer_to_home.avoidance.$stream.ramp.profile, v)),
        ]
    };
}

/// The levers of one of the catalogue's default services: on/off, places, effect and start. (A
/// service a user adds is edited in the scenario file; the registry's levers are fixed.) With the
/// service removed from the catalogue the levers read 0 and setting them does nothing.
macro_rules! service_params {
    ($id:expr, $key:literal, $name:literal, $head:expr) => {
        [
            p!(concat!("care_closer_to_home.services.", $key, ".on"),
               concat!($name, ": running"), CareCloserToHome, Unit::OffOn, 0.0, 1.0, 1.0, $head,
               "Whether the service runs. Its places, reach, effect (with the evidence range and source) and cost are in the scenario's service catalogue (docs/services.md).",
               Assumption, "assumption: off in the 2008/09 baseline (the places are added by the plan); the plan presets switch it on",
               get |s: &Scenario| s.service($id).map_or(0.0, |v| b(v.on)),
               set |s: &mut Scenario, v: f64| if let Some(x) = s.service_mut($id) { x.on = v >= 0.5 }),
            p!(concat!("care_closer_to_home.services.", $key, ".capacity"),
               concat!($name, ": places added"), CareCloserToHome, Unit::PeopleAtOnce, 0.0, 1_000_000.0, 10.0, false,
               "People the service can hold at once at full size, on top of what ran in 2008/09.",
               Assumption, "assumption unless the catalogue says otherwise: its capacity source (seed 000 for community matrons and Birmingham OwnHealth; otherwise an assumption, docs/services.md)",
               get |s: &Scenario| s.service($id).map_or(0.0, |v| v.capacity),
               set |s: &mut Scenario, v: f64| if let Some(x) = s.service_mut($id) { x.capacity = v }),
            p!(concat!("care_closer_to_home.services.", $key, ".effect"),
               concat!($name, ": effect on admissions"), CareCloserToHome, Unit::Share, 0.0, 1.0, 0.01, false,
               "At the point of crisis: the share of people taken on who are not admitted. Ahead of a crisis: the share of the caseload's would-be admissions avoided. The belief presets set it to the plan's figure, the published one or the low end of the range.",
               Assumption, "assumption unless the catalogue says otherwise: its effect source (Gravelle et al., BMJ 2007; Steventon et al., BMJ 2012 and 2013; otherwise an assumption, docs/services.md)",
               get |s: &Scenario| s.service($id).map_or(0.0, |v| v.effect.value),
               set |s: &mut Scenario, v: f64| if let Some(x) = s.service_mut($id) { x.effect.value = v }),
            p!(concat!("care_closer_to_home.services.", $key, ".ramp.start"),
               concat!($name, ": start"), CareCloserToHome, Unit::FinancialYear, 1990.0, 2100.0, 0.25, false,
               "When the added places start coming on stream (2009.5 means 1 October 2009).",
               Assumption, "assumption: April 2009, full size by April 2012 (seed 001 §8.6 \"by March 2013\"); Birmingham OwnHealth from April 2008 (seed 000)",
               get |s: &Scenario| s.service($id).map_or(2009.0, |v| v.ramp.start),
               set |s: &mut Scenario, v: f64| if let Some(x) = s.service_mut($id) { x.ramp.start = v }),
            p!(concat!("care_closer_to_home.services.", $key, ".cost_per_day"),
               concat!($name, ": cost per place-day"), Money, Unit::PoundsPerPersonDay, 0.0, 10_000.0, 1.0, false,
               "What the commissioner pays for one place for a day.",
               Assumption, "assumption unless the catalogue says otherwise: the catalogue's price (docs/services.md)",
               get |s: &Scenario| s.service($id).map_or(0.0, |v| v.cost_per_day),
               set |s: &mut Scenario, v: f64| if let Some(x) = s.service_mut($id) { x.cost_per_day = v }),
            p!(concat!("care_closer_to_home.services.", $key, ".block_share"),
               concat!($name, ": share bought as a block"), Money, Unit::Share, 0.0, 1.0, 0.05, false,
               "Share of the service's places the commissioner pays for whether they are used or not (a block contract); the rest is paid per place-day used (spot).",
               Assumption, "assumption: all block (the PCT bought its community services from its provider arm on block contracts, as most community health services then were; Department of Health, Transforming Community Services, 2009)",
               get |s: &Scenario| s.service($id).map_or(0.0, |v| v.block_share),
               set |s: &mut Scenario, v: f64| if let Some(x) = s.service_mut($id) { x.block_share = v }),
        ]
    };
}

fn table() -> &'static [Param] {
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<Param>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut v = build();
        for (i, p) in v.iter_mut().enumerate() {
            // `LeverId` lists the levers in this order (a test checks it with a clear message).
            p.spec.id = LeverId::ALL
                .get(i)
                .copied()
                .filter(|id| id.path() == p.spec.path)
                .or_else(|| LeverId::from_path(p.spec.path))
                .unwrap_or(LeverId::PopulationPopulation);
            p.spec.evidence = EVIDENCE
                .iter()
                .find(|e| e.0 == p.spec.path)
                .map(|&(_, low, high, source)| Evidence { low, high, source });
        }
        v
    })
}

/// The plausible low and high of each headline lever [the lever's unit], with their source: the
/// range the sensitivity view's tornado moves each lever over, the others held where they are.
/// New services are 0 in the baseline, so their low is "not in place" and their high the plan's
/// size where the documents give one.
pub const EVIDENCE: &[(&str, f64, f64, &str)] = &[
    ("demand.emergency_admissions", 55_600.0, 60_000.0,
     "derived: seed 001 §8.6 gives 7,500 admissions as \"13%\"; a rounded 12.5–13.5% puts today's admissions at 55,600–60,000"),
    ("demand.emergency_growth", 0.005, 0.035,
     "assumption: 0.5–3.5% a year around seed 001 §5.2's 1.7% (3.5% is the fastest growth of the engines' stress grid, docs/delays.md)"),
    ("demand.surge.enabled", 0.0, 1.0,
     "seed 001 §6.6: a winter like 2008 (snow, flu and norovirus) happens, or it does not"),
    ("care_closer_to_home.urgent_care.diverted_per_year", 0.0, 9_700.0,
     "seed 001 §8.6: none (no second centre) to the plan's 9,700 attendances a year"),
    ("care_closer_to_home.services.community_matrons.on", 0.0, 1.0,
     "seed 000 (23 community matrons); the added places run, or they do not"),
    ("care_closer_to_home.services.ownhealth.on", 0.0, 1.0,
     "seed 000 (2,000 residents in 2008, 27,000 by 2012); the added places run, or they do not"),
    ("care_closer_to_home.services.community_rehab.on", 0.0, 1.0,
     "seed 000 (a third community rehabilitation team); the added places run, or they do not"),
    ("end_of_life.support.places", 0.0, 920.0,
     "assumption: none to the Strategic Plan preset's 920 places"),
    ("end_of_life.support.effectiveness", 0.5, 0.85,
     "assumption: a quarter either side of the Nuffield Trust 2012 evaluation's 1 − 0.14/0.44 ≈ 0.68"),
    ("end_of_life.cohort.identification_days", 30.0, 120.0,
     "assumption: one to four months before death around the 60 days assumed"),
    ("beds.base", 1_380.0, 1_520.0,
     "assumption: ±5% around the calibrated 1,450 (occupancy 85–90% brackets it; HoEFT had ≈ 1,640–1,700 beds including areas not modelled)"),
    ("beds.escalation_beds", 0.0, 84.0,
     "assumption: none to three wards of 28 (the baseline's 40 is an assumption)"),
    ("beds.los_reduction.reduction", 0.0, 0.1,
     "assumption: none to a tenth shorter emergency stays from ward processes"),
    ("discharge.step_down.added_beds", 0.0, 56.0,
     "seed 001 §6.6: none to the two wards (56 beds, 28 a ward assumed) turned into step-down beds"),
    ("discharge.care_packages.added_per_week", 0.0, 20.0,
     "assumption: none to a tenth more than the calibrated 200 starts a week"),
    ("discharge.care_homes.added_per_week", 0.0, 9.0,
     "assumption: none to a tenth more than the calibrated 87 placements a week"),
    ("discharge.weekend_working", 0.4, 1.0,
     "NHS England, Rapid improvement guide to improving weekend discharges: weekend discharges about 40% below weekdays (0.6); 1 is seven-day working; 0.4 (assumption) a weaker weekend"),
    ("discharge.discharge_to_assess.share", 0.0, 0.5,
     "assumption: none to half of patients with an assessment or funding decision outstanding (the Strategic Plan's description tries half)"),
    ("end_of_life.register_coverage_target", 0.2, 0.7,
     "seed 001 §7.5: the baseline's 20% to the coverage the 70%-home-deaths aim needs"),
    ("end_of_life.hospice_beds", 8.0, 16.0,
     "assumption: a third fewer or more than the calibrated 12 beds"),
    ("money.bed_day_cost", 200.0, 300.0,
     "assumption: ±20% around £250 (the 2012/13 reference cost of an excess bed day was £273)"),
    ("money.bed_fixed_share", 0.4, 0.8,
     "assumption: 40–80% of a bed's cost saved only when a whole ward closes"),
    ("money.care_home_week", 463.0, 538.0,
     "Laing's 'fair price' for a care-home place, 2008/09: £463–£538 a week"),
];

fn build() -> Vec<Param> {
    let mut v = vec![
        // ---- Demand ----
        p!("population.population", "Registered population", Demand, Unit::People, 10_000.0, 5_000_000.0, 1000.0, false,
           "People registered with the area's GPs at the start.",
           Seed, "seed 001 Ch 3 (\"registered population of 440,000\"); 443,500 (001 §6.6) and 438,000 (000) also appear",
           population.population),
        p!("population.growth", "Population growth per year", Demand, Unit::FractionPerYear, -0.05, 0.1, 0.0025, false,
           "How fast the population grows each year.",
           External, "ONS 2008-based sub-national projections via Birmingham City Council (≈ +3% 2009→2013)",
           population.growth),
        p!("population.adult_share", "Adults (18+) share of population", Demand, Unit::Share, 0.5, 0.95, 0.01, false,
           "Used only to express delayed discharges per 100,000 adults (national indicator NI 131).",
           Assumption, "assumption: 77% of the population are adults", population.adult_share),
        p!("demand.emergency_admissions", "Emergency admissions in the first year", Demand, Unit::AdmissionsPerYear, 1000.0, 1_000_000.0, 100.0, true,
           "Unplanned admissions a year before any new community service.",
           Derived, "derived: seed 001 §8.6, 7,500 admissions = 13% of current emergency admissions (7,500 ÷ 0.13)",
           demand.emergency_admissions),
        p!("demand.emergency_growth", "Growth in emergency demand per year", Demand, Unit::FractionPerYear, -0.1, 0.2, 0.001, true,
           "Underlying yearly rise in emergency demand if nothing changes.",
           Seed, "seed 001 §5.2 (\"small rise in Emergency admissions of around 1.7% on 2008/09\")",
           demand.emergency_growth),
        p!("demand.stream_share.end_of_life", "Share of emergencies: last year of life", Demand, Unit::Share, 0.0, 1.0, 0.005, false,
           "Share of emergency admissions that are people in their last year of life. 'Other' takes the remainder.",
           External, "Nuffield Trust 2014 (≈15% of emergency admissions are in the final year of life)",
           get |s: &Scenario| s.demand.stream_share.end_of_life,
           set |s: &mut Scenario, v: f64| { s.demand.stream_share.end_of_life = v; rebalance_other(s) }),
        p!("demand.stream_share.acsc", "Share of emergencies: long-term conditions (ACSC)", Demand, Unit::Share, 0.0, 1.0, 0.005, false,
           "Share of emergency admissions for ambulatory-care-sensitive conditions (COPD, heart failure, diabetes …).",
           External, "King's Fund 2012 (Tian, Dixon, Gao), HES 2009/10: 1 in 6; seed 001 §4.2.4",
           get |s: &Scenario| s.demand.stream_share.acsc,
           set |s: &mut Scenario, v: f64| { s.demand.stream_share.acsc = v; rebalance_other(s) }),
        p!("demand.stream_share.frail", "Share of emergencies: frail older people", Demand, Unit::Share, 0.0, 1.0, 0.005, false,
           "Share of emergency admissions for frail older people not counted above.",
           Assumption, "assumption: 25%",
           get |s: &Scenario| s.demand.stream_share.frail,
           set |s: &mut Scenario, v: f64| { s.demand.stream_share.frail = v; rebalance_other(s) }),
        p!("demand.winter_uplift", "Winter rise in emergencies", Demand, Unit::Fraction, 0.0, 0.5, 0.01, false,
           "Extra emergency arrivals in December to February (the yearly total stays the same).",
           External, "HES provisional monthly 2011: monthly emergency admissions vary about ±5%",
           demand.winter_uplift),
        p!("demand.weekend_dip", "Weekend dip in emergencies", Demand, Unit::Fraction, 0.0, 0.9, 0.01, false,
           "How many fewer emergencies arrive on a weekend day than on an average day.",
           External, "Keatinge & Donaldson, J Eval Clin Pract 2005 (14–22%)", demand.weekend_dip),
        p!("demand.elective_admissions", "Planned (elective) overnight admissions", Demand, Unit::AdmissionsPerYear, 0.0, 500_000.0, 100.0, false,
           "Planned operations needing a bed, booked on weekdays; cancelled on days with no free bed.",
           Assumption, "assumption: 18,000 a year (no figure in the seeds)", demand.elective_admissions),
        p!("demand.elective_los", "Planned stay length", AcuteBeds, Unit::Days, 0.5, 60.0, 0.1, false,
           "Average length of a planned stay.", Assumption, "assumption: 3.5 days", demand.elective_los),
        p!("demand.ae_attendances", "A&E attendances in the first year", Demand, Unit::AttendancesPerYear, 0.0, 5_000_000.0, 1000.0, false,
           "People attending A&E in a year.",
           Derived, "derived: seed 001 §8.6, 9,700 attendances = 5% of current attendances", demand.ae_attendances),
        p!("demand.ae_growth", "Trend in A&E attendances", Demand, Unit::FractionPerYear, -0.2, 0.2, 0.001, false,
           "Yearly change in A&E attendances.", Seed, "seed 001 §5.2 (BEN −1%/yr; national +4.4%/yr)", demand.ae_growth),
        p!("ae.admitted_via_ae", "Emergency admissions through A&E", Demand, Unit::Share, 0.0, 1.0, 0.01, false,
           "Share of emergency admissions that come through A&E; the rest are referred straight to an assessment unit and are not counted against the four-hour standard.",
           Assumption, "assumption: two-thirds (in England about two in three emergency admissions came through A&E in the period; Hospital Episode Statistics)",
           ae.admitted_via_ae),
        p!("ae.hours_to_decision", "Hours in A&E before the decision to admit", Demand, Unit::Hours, 0.0, 24.0, 0.25, false,
           "Time from arrival in A&E to the decision to admit: assessment, tests and treatment. A patient admitted meets the four-hour standard if a bed is found in the time left.",
           Assumption, "assumption: 2.5 hours (so a bed must be found within 1.5 hours of the decision)",
           ae.hours_to_decision),
        p!("ae.standard_hours", "The A&E standard", Demand, Unit::Hours, 1.0, 24.0, 0.5, false,
           "Time from arrival to admission, transfer or discharge the standard allows.",
           External, "Department of Health, The NHS Plan (2000) and the NHS Operating Framework: four hours from arrival (98% of patients until 2010, 95% from 2010/11)",
           ae.standard_hours),
        p!("ae.not_admitted_over_standard", "A&E attendances not admitted that take longer", Demand, Unit::Share, 0.0, 1.0, 0.005, false,
           "Share of the attendances not admitted that leave A&E after the standard's hours (a wait for a doctor, tests, transport); the model does not follow them, only the admitted patients' wait for a bed.",
           Assumption, "assumption: 1% (England met the 98% standard overall in 2008/09–2009/10, most breaches among the admitted)",
           ae.not_admitted_over_standard),
        p!("demand.surge.enabled", "Winter crisis (snow, flu, norovirus)", Demand, Unit::OffOn, 0.0, 1.0, 1.0, true,
           "Switch on a crisis like winter 2008: more emergencies, longer stays, wards closed, care staff unable to travel.",
           Seed, "seed 001 §6.6 case study (winter 2008: snow, flu and norovirus together)",
           get |s: &Scenario| b(s.demand.surge.enabled),
           set |s: &mut Scenario, v: f64| s.demand.surge.enabled = v >= 0.5),
        p!("demand.surge.every_winter", "Crisis repeats every winter", Demand, Unit::OffOn, 0.0, 1.0, 1.0, false,
           "Whether the winter crisis happens every year or only in the first winter.",
           Assumption, "assumption: off (one winter)",
           get |s: &Scenario| b(s.demand.surge.every_winter),
           set |s: &mut Scenario, v: f64| s.demand.surge.every_winter = v >= 0.5),
        p!("demand.surge.start_day", "Crisis start (days after 1 April)", Demand, Unit::Days, 0.0, 364.0, 1.0, false,
           "When the crisis begins; 260 is mid-December.", Assumption, "assumption: mid-December (seed 001 §6.6 says winter 2008)",
           demand.surge.start_day),
        p!("demand.surge.duration_days", "Crisis length", Demand, Unit::Days, 1.0, 180.0, 1.0, false,
           "How long the crisis lasts.", Assumption, "assumption: six weeks", demand.surge.duration_days),
        p!("demand.surge.demand_uplift", "Crisis: extra emergencies", Demand, Unit::Fraction, 0.0, 1.0, 0.01, false,
           "Extra emergency arrivals during the crisis.", Assumption, "assumption: +12% (flu and falls in snow)",
           demand.surge.demand_uplift),
        p!("demand.surge.los_uplift", "Crisis: longer stays", Demand, Unit::Fraction, 0.0, 1.0, 0.01, false,
           "How much longer acute stays are during the crisis.", Assumption, "assumption: +10%", demand.surge.los_uplift),
        p!("demand.surge.beds_closed", "Crisis: beds closed by infection", Demand, Unit::Beds, 0.0, 2000.0, 1.0, false,
           "Beds closed during the crisis (norovirus closes bays and wards).", Assumption, "assumption: two wards of 28 beds",
           demand.surge.beds_closed),
        p!("demand.surge.downstream_capacity_cut", "Crisis: care capacity lost", Demand, Unit::Fraction, 0.0, 0.9, 0.01, false,
           "Share of care-package and care-home starts lost during the crisis (staff cannot travel, homes closed to admissions).",
           Assumption, "assumption: 15%", demand.surge.downstream_capacity_cut),
        // ---- Care closer to home: urgent care and ESD ----
        p!("care_closer_to_home.urgent_care.diverted_per_year", "Second urgent care centre: A&E attendances diverted", CareCloserToHome, Unit::AttendancesPerYear, 0.0, 1_000_000.0, 100.0, true,
           "Attendances seen at the second urgent care centre instead of A&E, at full effect.",
           Seed, "baseline 0; plan 9,700 a year by March 2013 (seed 001 §8.6)", care_closer_to_home.urgent_care.diverted_per_year),
        p!("care_closer_to_home.urgent_care.ramp.start", "Urgent care centre: start", CareCloserToHome, Unit::FinancialYear, 2000.0, 2100.0, 0.25, false,
           "When the centre opens.", Assumption, UNSET, care_closer_to_home.urgent_care.ramp.start),
        p!("care_closer_to_home.urgent_care.ramp.ramp_years", "Urgent care centre: years to full use", CareCloserToHome, Unit::Years, 0.0, 10.0, 0.25, false,
           "Years from opening to full use.", Assumption, "assumption: reaches 9,700 by March 2013 (seed 001 §8.6)",
           care_closer_to_home.urgent_care.ramp.ramp_years),
        p!("care_closer_to_home.early_supported_discharge.capacity", "Early supported discharge: places", CareCloserToHome, Unit::PeopleAtOnce, 0.0, 10_000.0, 1.0, false,
           "People supported at home at once after leaving hospital early.",
           Assumption, UNSET, care_closer_to_home.early_supported_discharge.capacity),
        p!("care_closer_to_home.early_supported_discharge.eligible_share", "Early supported discharge: eligible share", CareCloserToHome, Unit::Share, 0.0, 1.0, 0.01, false,
           "Share of frail and other emergency admissions who could go home early with support (stroke and similar).",
           Assumption, "assumption: 5%", care_closer_to_home.early_supported_discharge.eligible_share),
        p!("care_closer_to_home.early_supported_discharge.days_saved", "Early supported discharge: hospital days saved", CareCloserToHome, Unit::Days, 0.0, 30.0, 0.5, false,
           "Days in hospital saved for each supported patient.",
           External, "Cochrane 2017 / Langhorne 2007: LOS −6 to −8 days for stroke; seed 001 App. 2",
           care_closer_to_home.early_supported_discharge.days_saved),
        p!("care_closer_to_home.early_supported_discharge.length_of_service", "Early supported discharge: days of support", CareCloserToHome, Unit::Days, 1.0, 90.0, 1.0, false,
           "Days of support at home for each patient.", Seed, "seed 001 App. 2 (24/7 support for two weeks after discharge)",
           care_closer_to_home.early_supported_discharge.length_of_service),
        p!("care_closer_to_home.early_supported_discharge.cost_per_day", "Early supported discharge: cost per person per day", Money, Unit::PoundsPerPersonDay, 0.0, 1000.0, 1.0, false,
           "What one day of supported discharge costs the commissioner.", Assumption, "assumption: £40 a day",
           care_closer_to_home.early_supported_discharge.cost_per_day),
        p!("care_closer_to_home.early_supported_discharge.ramp.start", "Early supported discharge: start", CareCloserToHome, Unit::FinancialYear, 2000.0, 2100.0, 0.25, false,
           "When the service starts.", Assumption, UNSET, care_closer_to_home.early_supported_discharge.ramp.start),
        // ---- Acute beds ----
        p!("beds.base", "Acute beds at the start", AcuteBeds, Unit::Beds, 0.0, 20_000.0, 1.0, true,
           "General and acute beds available at the start (ward closures and openings are dated steps on top).",
           Assumption, "assumption: calibrated so that baseline mean occupancy ≈ 88%; HoEFT had ≈ 1,640 beds in 2001 (Hansard) and ≈ 1,700 c.2008 (press), including areas not modelled",
           beds.base),
        p!("beds.ward_size", "Beds per ward", AcuteBeds, Unit::Beds, 1.0, 100.0, 1.0, false,
           "Beds close and open in whole wards of this size.", Assumption, "assumption: 28 beds", beds.ward_size),
        p!("beds.escalation_beds", "Escalation beds", AcuteBeds, Unit::Beds, 0.0, 2000.0, 1.0, true,
           "Extra beds opened on days when the hospital is nearly full.", Assumption, "assumption: 40 beds", beds.escalation_beds),
        p!("beds.escalation_trigger", "Occupancy that opens escalation beds", AcuteBeds, Unit::Share, 0.5, 1.0, 0.01, false,
           "Escalation beds open on days when this share of the bed base is occupied.",
           Assumption, "assumption: 95%", beds.escalation_trigger),
        p!("beds.winter_los_uplift", "Winter rise in length of stay", AcuteBeds, Unit::Fraction, 0.0, 0.5, 0.01, false,
           "Longer stays in December to February (the yearly average stays the same).",
           Assumption, "assumption: +5% (baseline.md gives +10% for stays and delays together, Nuffield Trust 2018; half is put on stays, the rest shows in delays as winter discharges rise)",
           beds.winter_los_uplift),
        p!("beds.los_reduction.reduction", "Shorter hospital stays (LOS reduction)", AcuteBeds, Unit::Fraction, 0.0, 0.8, 0.01, true,
           "Cut in the average emergency length of stay at full effect, from better ward processes.",
           Assumption, "assumption: 0 in the baseline", beds.los_reduction.reduction),
        p!("beds.los_reduction.ramp.start", "LOS reduction: start", AcuteBeds, Unit::FinancialYear, 2000.0, 2100.0, 0.25, false,
           "When the LOS reduction starts.", Assumption, UNSET, beds.los_reduction.ramp.start),
        p!("beds.los_reduction.ramp.ramp_years", "LOS reduction: years to full effect", AcuteBeds, Unit::Years, 0.0, 10.0, 0.25, false,
           "Years from start to full LOS reduction.", Assumption, "assumption: 3 years", beds.los_reduction.ramp.ramp_years),
    ];
    v.push(p!("beds.los.end_of_life", "Stay length: last year of life", AcuteBeds, Unit::Days, 0.5, 365.0, 0.1, false,
        "Average emergency stay for people in their last year of life.",
        Assumption, "assumption: 11 days, checked against Marie Curie 2012 (40% of EoL stays exceed a week)",
        get |s: &Scenario| dmean(&s.beds.los.end_of_life), set |s: &mut Scenario, v: f64| dset(&mut s.beds.los.end_of_life, v)));
    v.push(p!("beds.los.acsc", "Stay length: long-term conditions", AcuteBeds, Unit::Days, 0.5, 365.0, 0.1, false,
        "Average emergency stay for ambulatory-care-sensitive conditions.",
        Assumption, "assumption: 5 days, checked against HES 2008/09 all-admission mean 5.7 days",
        get |s: &Scenario| dmean(&s.beds.los.acsc), set |s: &mut Scenario, v: f64| dset(&mut s.beds.los.acsc, v)));
    v.push(p!("beds.los.frail", "Stay length: frail older people", AcuteBeds, Unit::Days, 0.5, 365.0, 0.1, false,
        "Average emergency stay for frail older people.",
        Assumption, "assumption: 11 days, checked against King's Fund 2012 (65+ emergency ≈ 9 days)",
        get |s: &Scenario| dmean(&s.beds.los.frail), set |s: &mut Scenario, v: f64| dset(&mut s.beds.los.frail, v)));
    v.push(p!("beds.los.other", "Stay length: other emergencies", AcuteBeds, Unit::Days, 0.5, 365.0, 0.1, false,
        "Average stay for all other emergencies.",
        Assumption, "assumption: 3.5 days, checked against Nuffield Trust 2010 (49% of emergency stays are 0–1 day)",
        get |s: &Scenario| dmean(&s.beds.los.other), set |s: &mut Scenario, v: f64| dset(&mut s.beds.los.other, v)));

    v.extend(avoidance_params!(CareCloserToHome, acsc, "Telehealth and long-term-condition support", false,
        "People with long-term conditions supported at once by telehealth, assistive technology and community matrons.",
        External, "Whole System Demonstrator, Steventon et al., BMJ 2012: ≈ 20% fewer emergency admissions",
        "assumption: six months of remote monitoring"));
    v.extend(avoidance_params!(CareCloserToHome, frail, "Community rehabilitation and rapid response", false,
        "Frail older people supported at once by rapid response and community rehabilitation (acute care at home).",
        Assumption, "assumption: 30% (case management alone showed no significant effect — Gravelle et al., BMJ 2007)",
        "assumption: six weeks of rehabilitation"));
    v.extend(avoidance_params!(
        CareCloserToHome,
        other,
        "Other admission avoidance",
        false,
        "Other people supported at once to avoid an admission (e.g. ambulatory emergency care).",
        Assumption,
        "assumption: 10%",
        "assumption: two weeks"
    ));
    // ---- The care-closer-to-home catalogue's default services (scenario::services) ----
    v.extend(service_params!(
        crate::scenario::COMMUNITY_MATRONS,
        "community_matrons",
        "Community matrons",
        true
    ));
    v.extend(service_params!(
        crate::scenario::OWNHEALTH,
        "ownhealth",
        "Birmingham OwnHealth telephone care",
        true
    ));
    v.extend(service_params!(
        crate::scenario::COMMUNITY_REHAB,
        "community_rehab",
        "Community rehabilitation teams",
        true
    ));
    v.extend(service_params!(
        crate::scenario::RAPID_RESPONSE,
        "rapid_response",
        "Rapid response",
        false
    ));
    v.extend(service_params!(
        crate::scenario::IV_THERAPY,
        "iv_therapy",
        "IV therapy in the community",
        false
    ));
    v.extend(service_params!(
        crate::scenario::HOME_CHEMOTHERAPY,
        "home_chemotherapy",
        "Home chemotherapy",
        false
    ));
    v.extend(service_params!(
        crate::scenario::FAMILY_LIAISON,
        "family_liaison",
        "Family liaison",
        false
    ));

    v.extend([
        // ---- Discharge and delays ----
        p!("discharge.step_down.beds", "Step-down beds at the start", DischargeDelays, Unit::Beds, 0.0, 5000.0, 1.0, false,
           "Intermediate-care (step-down) beds used by the area's patients at the start.",
           Assumption, "assumption: ≈ 150 existing community and intermediate-care beds; BEN already ran integrated intermediate care (seed 001 §3.2.2, §4.2.3)",
           discharge.step_down.beds),
        p!("discharge.step_down.added_beds", "Step-down beds added", DischargeDelays, Unit::Beds, 0.0, 5000.0, 1.0, true,
           "Extra step-down beds opened by the plan (two wards of 28 in winter 2009/10).",
           Seed, "baseline 0; plan 56 = two hospital wards transferred to community services (seed 001 §6.6; 28 beds a ward assumed)",
           discharge.step_down.added_beds),
        p!("discharge.step_down.added_ramp.start", "Step-down beds added: when", DischargeDelays, Unit::FinancialYear, 2000.0, 2100.0, 0.25, false,
           "When the extra step-down beds open.", Seed, "seed 001 §6.6 (winter 2009/10)", discharge.step_down.added_ramp.start),
        p!("discharge.step_down.length_of_stay", "Step-down stay length", DischargeDelays, Unit::Days, 1.0, 365.0, 1.0, false,
           "Average stay in a step-down bed.", Assumption, "assumption: 18 days",
           get |s: &Scenario| dmean(&s.discharge.step_down.length_of_stay),
           set |s: &mut Scenario, v: f64| dset(&mut s.discharge.step_down.length_of_stay, v)),
        p!("discharge.step_down.to_home", "After step-down: home without support", DischargeDelays, Unit::Share, 0.0, 1.0, 0.01, false,
           "Share of step-down patients who go home without further support.",
           Seed, "seed 001 §4.2.3 (half went home without further support)", discharge.step_down.to_home),
        p!("discharge.step_down.to_care_package", "After step-down: home with a care package", DischargeDelays, Unit::Share, 0.0, 1.0, 0.01, false,
           "Share of step-down patients who need a care package (the rest go to a care home).",
           Assumption, "assumption: 30% (the split of the non-home half is not given)", discharge.step_down.to_care_package),
        p!("discharge.care_packages.starts_per_week", "Care packages: new starts a week", DischargeDelays, Unit::StartsPerWeek, 0.0, 10_000.0, 1.0, false,
           "New home-care packages offered each week to hospital and step-down patients (spread over the week by weekend working). A start not taken by a patient ready to leave goes to someone in the community.",
           Assumption, "assumption: 200 a week, so that hospital and step-down patients take ≈ 85% of the starts offered (derived demand ≈ 170 a week)",
           discharge.care_packages.starts_per_week),
        p!("discharge.care_packages.growth_follows_demand", "Care packages: capacity keeps pace with demand", DischargeDelays, Unit::OffOn, 0.0, 1.0, 1.0, false,
           "When on, the starts offered grow as underlying emergency demand does; when off, at the growth rate below.",
           Assumption, "assumption: social care capacity keeps pace with demand in the baseline (do-nothing preset)",
           get |s: &Scenario| b(s.discharge.care_packages.growth_follows_demand),
           set |s: &mut Scenario, v: f64| s.discharge.care_packages.growth_follows_demand = v >= 0.5),
        p!("discharge.care_packages.growth", "Care packages: capacity growth per year (when not keeping pace)", DischargeDelays, Unit::FractionPerYear, -0.2, 0.3, 0.001, false,
           "Yearly growth of care-package starts when they do not follow demand.",
           Assumption, "assumption: +1.7%/yr, as emergency demand (seed 001 §5.2)", discharge.care_packages.growth),
        p!("discharge.care_packages.added_per_week", "Care packages: extra starts a week", DischargeDelays, Unit::StartsPerWeek, 0.0, 10_000.0, 1.0, true,
           "Extra care-package starts a week bought by the plan, at full effect.",
           Assumption, UNSET, discharge.care_packages.added_per_week),
        p!("discharge.care_packages.length_of_service", "Care packages: days of care", DischargeDelays, Unit::Days, 1.0, 3650.0, 1.0, false,
           "How long a new care package lasts on average.", Assumption, "assumption: 90 days (review at three months)",
           get |s: &Scenario| dmean(&s.discharge.care_packages.length_of_service),
           set |s: &mut Scenario, v: f64| dset(&mut s.discharge.care_packages.length_of_service, v)),
        p!("discharge.care_homes.starts_per_week", "Care homes: placements a week", DischargeDelays, Unit::PlacementsPerWeek, 0.0, 10_000.0, 1.0, false,
           "Care-home places offered each week to hospital and step-down patients. A place not taken by a patient ready to leave goes to someone in the community.",
           Assumption, "assumption: 87 a week, so that hospital and step-down patients take ≈ 85% of the places offered (derived demand ≈ 74 a week)",
           discharge.care_homes.starts_per_week),
        p!("discharge.care_homes.growth_follows_demand", "Care homes: capacity keeps pace with demand", DischargeDelays, Unit::OffOn, 0.0, 1.0, 1.0, false,
           "When on, the placements offered grow as underlying emergency demand does; when off, at the growth rate below.",
           Assumption, "assumption: social care capacity keeps pace with demand in the baseline (do-nothing preset)",
           get |s: &Scenario| b(s.discharge.care_homes.growth_follows_demand),
           set |s: &mut Scenario, v: f64| s.discharge.care_homes.growth_follows_demand = v >= 0.5),
        p!("discharge.care_homes.growth", "Care homes: capacity growth per year (when not keeping pace)", DischargeDelays, Unit::FractionPerYear, -0.2, 0.3, 0.001, false,
           "Yearly growth of care-home placements when they do not follow demand.",
           Assumption, "assumption: +1.7%/yr, as emergency demand (seed 001 §5.2)", discharge.care_homes.growth),
        p!("discharge.care_homes.added_per_week", "Care homes: extra placements a week", DischargeDelays, Unit::PlacementsPerWeek, 0.0, 10_000.0, 1.0, true,
           "Extra care-home placements a week bought by the plan, at full effect.",
           Assumption, UNSET, discharge.care_homes.added_per_week),
        p!("discharge.care_homes.length_of_service", "Care homes: length of stay", DischargeDelays, Unit::Days, 1.0, 3650.0, 1.0, false,
           "How long a placement lasts on average.", Assumption, "assumption: one year",
           get |s: &Scenario| dmean(&s.discharge.care_homes.length_of_service),
           set |s: &mut Scenario, v: f64| dset(&mut s.discharge.care_homes.length_of_service, v)),
        p!("discharge.winter_capacity_cut", "Winter loss of care capacity", DischargeDelays, Unit::Fraction, 0.0, 0.9, 0.01, false,
           "Share of care-package and care-home starts lost in December to February.",
           Assumption, "assumption: 0 (the winter rise in delays comes from longer stays and more demand)", discharge.winter_capacity_cut),
        p!("discharge.weekend_working", "Seven-day discharge: weekend working", DischargeDelays, Unit::Share, 0.0, 1.0, 0.05, true,
           "Weekend discharge work as a share of a weekday's: assessments, funding decisions, arranging transfers, and when care packages and placements can start. 1 is seven-day working (the week's care starts are the same, spread evenly).",
           External, "NHS England, Rapid improvement guide to improving weekend discharges (c. 2022): weekend discharges about 40% lower than weekday discharges — 0.6",
           discharge.weekend_working),
        p!("discharge.discharge_to_assess.share", "Discharge to assess", DischargeDelays, Unit::Share, 0.0, 1.0, 0.05, true,
           "Share of patients with an assessment or funding decision outstanding who leave the acute bed first and are assessed at home, in a step-down bed or in an interim placement.",
           Assumption, "assumption: 0 in 2008/09 (discharge to assess became national guidance later: NHS England Quick guide, 2016); Sheffield cut the time from end of acute care to home from 5.5 to 1.2 days (Offord et al., Future Hosp J 2017)",
           discharge.discharge_to_assess.share),
        p!("discharge.discharge_to_assess.ramp.start", "Discharge to assess: start", DischargeDelays, Unit::FinancialYear, 2000.0, 2100.0, 0.25, false,
           "When discharge to assess starts.", Assumption, UNSET, discharge.discharge_to_assess.ramp.start),
        p!("discharge.discharge_to_assess.ramp.ramp_years", "Discharge to assess: years to full use", DischargeDelays, Unit::Years, 0.0, 10.0, 0.25, false,
           "Years from the start until discharge to assess reaches its full share.",
           Assumption, "assumption: three years, as the plan's other services", discharge.discharge_to_assess.ramp.ramp_years),
        // ---- End of life ----
        p!("end_of_life.crude_death_rate", "Deaths per 1,000 people a year", EndOfLife, Unit::PerThousandPerYear, 0.1, 50.0, 0.1, false,
           "Crude death rate of the population.",
           External, "Nuffield Trust 2014 (England ≈ 9 per 1,000); BEN older at 75–85+ (seed 001 §3.1.1) but Birmingham younger overall: 8.5",
           end_of_life.crude_death_rate),
        p!("end_of_life.expected_share", "Share of deaths that are expected", EndOfLife, Unit::Share, 0.0, 1.0, 0.01, false,
           "Share of deaths that could be predicted (people who could be on the EoL register).",
           External, "NEoLCIN, Predicting death, 2011 (75%)", end_of_life.expected_share),
        p!("end_of_life.register_coverage", "EoL register coverage at the start", EndOfLife, Unit::Share, 0.0, 1.0, 0.01, false,
           "Share of expected deaths on a GP end-of-life register with a care plan at the start.",
           Assumption, "assumption: 20%", end_of_life.register_coverage),
        p!("end_of_life.register_coverage_target", "EoL register coverage target", EndOfLife, Unit::Share, 0.0, 1.0, 0.01, true,
           "Coverage the register grows to. Only registered people can be taken on by community end-of-life support.",
           Assumption, "assumption: baseline stays at 20%; plan grows it toward the 70%-home-deaths aim (seed 001 §7.5)",
           end_of_life.register_coverage_target),
        p!("end_of_life.register_ramp.ramp_years", "EoL register: years to target", EndOfLife, Unit::Years, 0.0, 10.0, 0.25, false,
           "Years for the register to reach its target coverage.", Assumption, "assumption: 3 years", end_of_life.register_ramp.ramp_years),
        p!("end_of_life.hospice_beds", "Hospice beds", EndOfLife, Unit::Beds, 0.0, 1000.0, 1.0, true,
           "In-patient hospice beds used by the area's residents.",
           Assumption, "assumption: calibrated so that ≈ 5% of deaths are in a hospice (DH End of Life Care Strategy 2008)",
           end_of_life.hospice_beds),
        p!("end_of_life.hospice_stay", "Hospice stay length", EndOfLife, Unit::Days, 1.0, 90.0, 1.0, false,
           "Average hospice in-patient stay.", Assumption, "assumption: 14 days", end_of_life.hospice_stay),
        p!("end_of_life.hospice_death_share", "Share of hospice bed use by people dying there", EndOfLife, Unit::Share, 0.0, 1.0, 0.01, false,
           "Share of hospice bed days used by people who die there (the rest: stays for symptom control or respite that end alive).",
           Assumption, "assumption: 60%", end_of_life.hospice_death_share),
        // ---- End of life: community support and the cohort ----
        p!("end_of_life.support.places", "Community end-of-life support: places", EndOfLife, Unit::PeopleAtOnce, 0.0, 100_000.0, 10.0, true,
           "People on the end-of-life register supported at once until they die: a care plan, a key worker, nursing or hospice at home, coordinated by the end-of-life coordinating centre (seed 001 §7.5). Someone coming onto the register when every place is taken goes without.",
           Assumption, "assumption: none beyond the register in the baseline; the Strategic Plan preset has 920 (seed 001 §7.5 names the service, not its size)",
           end_of_life.support.places),
        p!("end_of_life.support.ramp.start", "Community end-of-life support: start", EndOfLife, Unit::FinancialYear, 2000.0, 2100.0, 0.25, false,
           "When the places start to open.", Assumption, UNSET, end_of_life.support.ramp.start),
        p!("end_of_life.support.ramp.ramp_years", "Community end-of-life support: years to full size", EndOfLife, Unit::Years, 0.0, 10.0, 0.25, false,
           "Years from the start until every place is open.", Assumption, "assumption: three years, as the plan's other services", end_of_life.support.ramp.ramp_years),
        p!("end_of_life.support.effectiveness", "Community end-of-life support: admissions managed at home", EndOfLife, Unit::Share, 0.0, 1.0, 0.01, true,
           "Share of a supported person's emergency admissions, the last one included, that the support manages at home instead.",
           External, "Marie Curie Nursing Service evaluation, Nuffield Trust 2012: 0.14 against 0.44 emergency admissions per person (1 − 0.14/0.44 ≈ 0.68)",
           end_of_life.support.effectiveness),
        p!("end_of_life.support.cost_per_day", "Community end-of-life support: cost per person per day", Money, Unit::PoundsPerPersonDay, 0.0, 1000.0, 1.0, false,
           "What one day of a support place costs the commissioner.", Assumption, "assumption: £40 a day",
           end_of_life.support.cost_per_day),
        p!("end_of_life.cohort.identification_days", "EoL register: how early before death", EndOfLife, Unit::Days, 1.0, 365.0, 1.0, true,
           "Average time before death at which someone with an expected death comes onto the register (and into support, if a place is free).",
           Assumption, "assumption: about two months (60 days)", end_of_life.cohort.identification_days),
        p!("end_of_life.cohort.admissions_before_the_last", "Emergency admissions in the last months, before the last", EndOfLife, Unit::Fraction, 0.0, 10.0, 0.01, false,
           "Emergency admissions in those last months that end alive, per person without support.",
           External, "Marie Curie Nursing Service evaluation, Nuffield Trust 2012: 0.44 emergency admissions per person in the comparison group",
           end_of_life.cohort.admissions_before_the_last),
        p!("end_of_life.cohort.final_admission", "Chance of dying in an emergency admission, without support", EndOfLife, Unit::Share, 0.0, 1.0, 0.005, false,
           "Chance that someone with an expected death, not in a care home or a hospice, without support and not choosing hospital, has a crisis at the end that ends in an emergency admission in which they die.",
           Assumption, "assumption: calibrated so that 2008/09 home deaths are 17.7% (seed 001 §7.5)",
           end_of_life.cohort.final_admission),
        p!("end_of_life.cohort.care_home_residents", "Expected deaths among care-home residents", EndOfLife, Unit::Share, 0.0, 1.0, 0.01, false,
           "Share of expected deaths among people living in a care home at the starting care-home caseload; it moves with the caseload the discharge pathway places.",
           Assumption, "assumption: calibrated to DH End of Life Care Strategy 2008 (care home 16–17% of all deaths)",
           end_of_life.cohort.care_home_residents),
        p!("end_of_life.cohort.prefers_home", "Would choose to die at home", EndOfLife, Unit::Share, 0.0, 1.0, 0.01, false,
           "Share of people who would choose to die at home.", Assumption, "assumption: after Gomes, Calanzani & Higginson, Local preferences and place of death in regions within England 2010 (Cicely Saunders International, 2011) and Gomes et al., Ann Oncol 2012 (most people in England would choose home, a hospice second, few hospital); the shares used here are not checked against the reports", end_of_life.cohort.prefers_home),
        p!("end_of_life.cohort.prefers_hospice", "Would choose to die in a hospice", EndOfLife, Unit::Share, 0.0, 1.0, 0.01, false,
           "Share of people who would choose to die in a hospice.", Assumption, "assumption: after Gomes, Calanzani & Higginson, Local preferences and place of death in regions within England 2010 (Cicely Saunders International, 2011) and Gomes et al., Ann Oncol 2012 (most people in England would choose home, a hospice second, few hospital); the shares used here are not checked against the reports", end_of_life.cohort.prefers_hospice),
        p!("end_of_life.cohort.prefers_hospital", "Would choose to die in hospital", EndOfLife, Unit::Share, 0.0, 1.0, 0.01, false,
           "Share of people who would choose to die in hospital (the rest: a care home or no preference).", Assumption, "assumption: after Gomes, Calanzani & Higginson, Local preferences and place of death in regions within England 2010 (Cicely Saunders International, 2011) and Gomes et al., Ann Oncol 2012 (most people in England would choose home, a hospice second, few hospital); the shares used here are not checked against the reports", end_of_life.cohort.prefers_hospital),
        p!("end_of_life.cohort.hospice_referral_unregistered", "Hospice referral without the register", EndOfLife, Unit::Share, 0.0, 1.0, 0.01, false,
           "Chance that someone who would choose a hospice but is not on the register is still referred (through specialist palliative care).",
           Assumption, "assumption: 35%, so that the baseline's 12 hospice beds are full most days", end_of_life.cohort.hospice_referral_unregistered),
        p!("end_of_life.cohort.sudden_elsewhere", "Sudden deaths outside hospital: share elsewhere", EndOfLife, Unit::Share, 0.0, 1.0, 0.01, false,
           "Of unexpected deaths outside hospital, the share elsewhere than home (a public place, a friend's house).",
           Assumption, "assumption: 40%, so that about 3% of all deaths are elsewhere (DH End of Life Care Strategy 2008; baseline.md 3.3%)", end_of_life.cohort.sudden_elsewhere),
        // ---- Money ----
        p!("money.emergency_tariff.end_of_life", "Tariff: emergency spell, last year of life", Money, Unit::PoundsPerSpell, 0.0, 100_000.0, 10.0, false,
           "Price per emergency spell, last year of life.", Assumption, "assumption: scaled by LOS to average ≈ £2,200 (Nuffield Trust 2010: £11bn ÷ ≈ 5m)",
           money.emergency_tariff.end_of_life),
        p!("money.emergency_tariff.acsc", "Tariff: emergency spell, long-term conditions", Money, Unit::PoundsPerSpell, 0.0, 100_000.0, 10.0, false,
           "Price per emergency spell, ACSC.", Assumption, "assumption: scaled by LOS to average ≈ £2,200 (Nuffield Trust 2010)",
           money.emergency_tariff.acsc),
        p!("money.emergency_tariff.frail", "Tariff: emergency spell, frail older people", Money, Unit::PoundsPerSpell, 0.0, 100_000.0, 10.0, false,
           "Price per emergency spell, frail older people.", Assumption, "assumption: scaled by LOS to average ≈ £2,200 (Nuffield Trust 2010)",
           money.emergency_tariff.frail),
        p!("money.emergency_tariff.other", "Tariff: emergency spell, other", Money, Unit::PoundsPerSpell, 0.0, 100_000.0, 10.0, false,
           "Price per emergency spell, other emergencies.", Assumption, "assumption: scaled by LOS to average ≈ £2,200 (Nuffield Trust 2010)",
           money.emergency_tariff.other),
        p!("money.excess_bed_day", "Excess bed day payment", Money, Unit::PoundsPerDay, 0.0, 5000.0, 1.0, false,
           "Paid for each day beyond the trim point.", Assumption, "assumption: £250 (£273 in 2012/13 reference costs)", money.excess_bed_day),
        p!("money.elective_tariff", "Tariff: planned spell", Money, Unit::PoundsPerSpell, 0.0, 100_000.0, 10.0, false,
           "Price per planned spell.", Assumption, "assumption: £2,500", money.elective_tariff),
        p!("money.ae_attendance", "A&E attendance price", Money, Unit::Pounds, 0.0, 5000.0, 1.0, false,
           "Price per A&E attendance.", External, "2006/07 one HRG £102", money.ae_attendance),
        p!("money.ucc_attendance", "Urgent care centre attendance price", Money, Unit::Pounds, 0.0, 5000.0, 1.0, false,
           "Price per urgent care centre attendance.", Assumption, "assumption: £50", money.ucc_attendance),
        p!("money.bed_day_cost", "Hospital cost of a bed per day", Money, Unit::PoundsPerBedDay, 0.0, 5000.0, 1.0, true,
           "What it costs the hospital to keep one acute bed open for a day.", Assumption, "assumption: £250", money.bed_day_cost),
        p!("money.bed_fixed_share", "Fixed share of bed cost", Money, Unit::Share, 0.0, 1.0, 0.01, true,
           "Share of the bed cost saved only when a whole ward closes (staff, buildings).", Assumption, "assumption: 60%", money.bed_fixed_share),
        p!("money.step_down_bed_day", "Step-down bed day", Money, Unit::PoundsPerDay, 0.0, 5000.0, 1.0, false,
           "Cost of a step-down bed day (commissioner).", Assumption, "assumption: £150 (PSSRU 2010 not reachable)", money.step_down_bed_day),
        p!("money.care_package_week", "Care package per week", Money, Unit::PoundsPerWeek, 0.0, 10_000.0, 1.0, false,
           "Cost of a home-care package per week (social care).", Assumption, "assumption: ≈ 14 hours × £14 = £200", money.care_package_week),
        p!("money.care_home_week", "Care-home placement per week", Money, Unit::PoundsPerWeek, 0.0, 10_000.0, 1.0, true,
           "Cost of a care-home place per week (social care).", External, "Laing 'fair price' £463–£538 per week, 2008/09: £500",
           money.care_home_week),
        p!("money.hospice_day", "Hospice in-patient day", Money, Unit::PoundsPerDay, 0.0, 5000.0, 1.0, false,
           "Cost of a hospice bed day (commissioner).", External, "Marie Curie 2012: £425", money.hospice_day),
    ]);
    v.extend(step_params());
    v.extend(responsibility_params());
    v.extend(accounts_params());
    v
}

/// The discharge steps of each pathway: share still to do when fit, and working days.
fn step_params() -> Vec<Param> {
    macro_rules! steps {
        ($svc:ident, $name:literal, $($step:ident : $slabel:literal, $sdesc:literal);* $(;)?) => {
            vec![$(
                p!(concat!("discharge.", stringify!($svc), ".process.", stringify!($step), ".share"),
                   concat!($name, ": ", $slabel, " — share still to do when fit"), DischargeDelays, Unit::Share, 0.0, 1.0, 0.01, false,
                   concat!("Share of patients needing this service who still have this step to do when they are medically fit: ", $sdesc),
                   Assumption, STEP_SOURCE, discharge.$svc.process.$step.share),
                p!(concat!("discharge.", stringify!($svc), ".process.", stringify!($step), ".working_days"),
                   concat!($name, ": ", $slabel, " — working days"), DischargeDelays, Unit::WorkingDays, 0.0, 60.0, 0.05, false,
                   concat!("Average time the step takes, in working days (a weekend day counts as the weekend working share): ", $sdesc),
                   Assumption, STEP_SOURCE, discharge.$svc.process.$step.working_days),
            )*]
        };
    }
    let mut v = steps!(care_packages, "Care packages",
        assessment: "assessment", "finishing the assessment of care needs (reason A)";
        funding: "funding decision", "deciding who pays (reason B)";
        choice: "choice", "the patient or family choosing a provider (reason G)";
        arranging: "brokerage", "finding a provider once the package is agreed (reason E)");
    v.extend(steps!(step_down, "Step-down beds",
        assessment: "assessment", "finishing the assessment (reason A)";
        funding: "funding decision", "deciding who pays (reason B)";
        choice: "choice", "the patient or family choosing (reason G)";
        arranging: "referral and transfer", "the step-down unit accepting the referral and the transfer being arranged (reason C)"));
    v.extend(steps!(care_homes, "Care homes",
        assessment: "assessment", "finishing the assessment, including for NHS continuing healthcare (reason A)";
        funding: "funding decision", "deciding who pays (reason B)";
        choice: "choice of home", "the patient or family choosing a home (reason G)";
        arranging: "arranging the move", "the home accepting and the move being arranged (reason D)"));
    v
}

const STEP_SOURCE: &str = "assumption: shares and times in the proportions of England's delayed days by reason (2011/12: assessment 18.7%, public funding 6.0%, non-acute NHS care 19.3%, care homes 22.9%, care packages 10.5%, choice 13.6%; NHS England DTOC sitrep), scaled so that baseline delays are ≈ 3.2% of occupied bed days (seed 001 §7.5)";

/// Who is held responsible for each reason's delayed days.
fn responsibility_params() -> Vec<Param> {
    macro_rules! who {
        ($($reason:ident : $label:literal),* $(,)?) => {
            vec![$(
                p!(concat!("discharge.responsibility.", stringify!($reason), ".nhs"),
                   concat!("Delays for ", $label, ": share attributed to the NHS"), DischargeDelays, Unit::Share, 0.0, 1.0, 0.01, false,
                   "Share of this reason's delayed days the situation report attributes to the NHS (the rest to social care, or both).",
                   Assumption, RESPONSIBILITY_SOURCE, discharge.responsibility.$reason.nhs),
                p!(concat!("discharge.responsibility.", stringify!($reason), ".social_care"),
                   concat!("Delays for ", $label, ": share attributed to social care"), DischargeDelays, Unit::Share, 0.0, 1.0, 0.01, false,
                   "Share of this reason's delayed days the situation report attributes to social care (the rest to the NHS, or both).",
                   Assumption, RESPONSIBILITY_SOURCE, discharge.responsibility.$reason.social_care),
            )*]
        };
    }
    who!(
        assessment: "assessment (A)",
        public_funding: "public funding (B)",
        further_nhs_care: "further NHS care (C)",
        care_home: "a care home (D)",
        care_package: "a care package (E)",
        choice: "patient or family choice (G)",
    )
}

const RESPONSIBILITY_SOURCE: &str = "assumption: the situation report attributes each delayed patient to the NHS, social care or both and publishes no national split by reason; these follow its guidance. The overall split is an output, checked against DH's press notice for October 2011 (NHS 61%, social care 32%, both 7%)";

/// Beds in whole wards, and the payers' accounts: how capacity is bought, the trust's costs
/// outside its wards, delay reimbursement, budgets and the plan's money lines by year.
fn accounts_params() -> Vec<Param> {
    use crate::scenario::{amount_in, set_amount_in};
    macro_rules! by_year {
        ($list:ident . $field:ident, $path:literal, $year:literal, $label:expr, $unit:expr, $min:expr, $max:expr, $step:expr,
         $desc:expr, $kind:ident, $src:expr) => {
            p!(concat!($path, ".", stringify!($year)), $label, Money, $unit, $min, $max, $step, false, $desc, $kind, $src,
               get |s: &Scenario| amount_in(&s.$list.$field, $year),
               set |s: &mut Scenario, v: f64| set_amount_in(&mut s.$list.$field, $year, v))
        };
    }
    const INVEST: &str = "seed 001 §8.5 (the financial plan's \"Strategic Initiatives\" line: £12.0m, £8.0m, £6.5m, £3.9m in 2010/11–2013/14); 0 in the baseline, set by the plan presets";
    const SAVE: &str = "seed 001 §8.5 (\"Savings from Strategic Initiatives\": £3.5m, £8.7m, £10.8m, £10.8m in 2010/11–2013/14); 0 in the baseline, set by the plan presets";
    const ALLOC: &str = "2009/10: DH, PCT revenue allocations 2009-10 and 2010-11 (December 2008), 5.5% average growth; 2010/11 on: seed 001 §8.5 total resources £696.6m, £727.0m, £729.5m, £730.1m, £730.1m (4.4%, 0.3%, 0.1%, 0%) — the \"flat cash\" of seed 001 §5.4";
    const REQUIRED: &str = "seed 004 Table 2 (approximate savings target, BEN PCT: £31.929m, £63.858m, £95.787m in 2010/11–2012/13, £191.6m in all), across the PCT's whole budget";
    vec![
        p!("wards.closed", "Wards closed", AcuteBeds, Unit::Wards, -20.0, 50.0, 1.0, false,
           "Whole acute wards closed one after another from the date below (negative opens wards). A ward's fixed cost is saved only when the whole ward closes.",
           Assumption, "assumption: none in the baseline; the 442-bed preset closes 14 more after the two step-down wards (seed 002: 442 beds ≈ 16 wards of 28)",
           wards.closed),
        p!("wards.start", "Wards closed: first closure", AcuteBeds, Unit::FinancialYear, 2000.0, 2100.0, 0.05, false,
           "When the first ward closes.", Assumption, "assumption: April 2010 unless a preset says otherwise", wards.start),
        p!("wards.per_year", "Wards closed: wards a year", AcuteBeds, Unit::WardsPerYear, 0.0, 52.0, 0.5, false,
           "How many wards close a year after the first (0 closes them all on the first date).",
           Assumption, "assumption: all at once unless a preset says otherwise", wards.per_year),
        p!("wards.step_down_wards", "Acute wards turned into step-down beds", AcuteBeds, Unit::Wards, 0.0, 20.0, 1.0, false,
           "Acute wards converted to the step-down beds the plan adds: they leave the acute bed base when those beds open, so the same beds are not counted twice.",
           Seed, "seed 001 §6.6: the step-down service took over \"two hospital wards and staff\"; 0 in the baseline, 2 in the plan presets",
           wards.step_down_wards),
        p!("accounts.block_share.care_package", "Care packages: share bought as a block", Money, Unit::Share, 0.0, 1.0, 0.05, false,
           "Share of the care-package capacity social care pays for whether it is used or not (a block contract); the rest is bought per package (spot).",
           Assumption, "assumption: 80% block, the rest spot (councils bought most home care on block and framework contracts sized near expected use, topped up by spot purchases; Wood et al., Appl Health Econ Health Policy 2023, price community capacity whether used or not)",
           accounts.block_share.care_package),
        p!("accounts.block_share.care_home", "Care homes: share bought as a block", Money, Unit::Share, 0.0, 1.0, 0.05, false,
           "Share of the care-home placements social care pays for whether they are used or not; the rest is bought one placement at a time.",
           Assumption, "assumption: all spot (councils placed people in independent care homes one at a time at their usual rate)",
           accounts.block_share.care_home),
        p!("accounts.block_share.step_down", "Step-down beds: share bought as a block", Money, Unit::Share, 0.0, 1.0, 0.05, false,
           "Share of the step-down beds the commissioner pays for whether they are occupied or not.",
           Seed, "seed 001 §6.6: the step-down beds are whole wards with their staff, run by community health services — a block",
           accounts.block_share.step_down),
        p!("accounts.escalation_premium", "Escalation beds: cost premium", Money, Unit::Fraction, 0.0, 3.0, 0.05, false,
           "Extra cost of an escalation bed's staffing over a base bed's fixed cost, while the escalation beds are open (bank and agency staff).",
           Assumption, "assumption: +50% (agency nursing shifts cost well above substantive staff)",
           accounts.escalation_premium),
        p!("accounts.non_ward_cost_share", "Trust costs outside the wards", Money, Unit::Share, 0.0, 1.0, 0.01, false,
           "The trust's costs for theatres, diagnostics, drugs and overheads, as a share of its tariff income.",
           Derived, "derived: set so that the do-nothing trust breaks even in 2008/09 (its statutory duty) with the ward costs above — 39%",
           accounts.non_ward_cost_share),
        p!("accounts.reimbursement_per_day", "Delay reimbursement per day", Money, Unit::PoundsPerDay, 0.0, 1000.0, 1.0, false,
           "What social care pays the trust for each day a patient's discharge is delayed by social care (0 switches the charge off).",
           External, "Community Care (Delayed Discharges etc.) Act 2003 and the Delayed Discharges (England) Regulations 2003 (SI 2003/2277): £100 a day for authorities outside the higher-rate (London and South East) list, £120 within it; Birmingham pays the lower rate",
           accounts.reimbursement_per_day),
        p!("accounts.efficiency_requirement", "Trust efficiency requirement", Money, Unit::FractionPerYear, 0.0, 0.2, 0.005, false,
           "Efficiency the trust must find each year from 2010/11 to absorb pay and price inflation while the tariff stays flat.",
           Seed, "seed 004 §2.1 (0% tariff uplift in 2010/11 and the next three years, including a 3.5% efficiency requirement); seed 001 §5.4 (3.5% rising to 4.5%)",
           accounts.efficiency_requirement),
        p!("accounts.budget_base", "Commissioner's budget for these services, first year", Money, Unit::Pounds, 0.0, 1e10, 1e5, false,
           "What the commissioner has for the services modelled in the first year; later years grow it by the allocation growth below.",
           Derived, "derived: the do-nothing preset's modelled commissioner spending in 2008/09 (£216.8m; a test holds the two within 1%)",
           accounts.budget_base),
        by_year!(accounts.allocation_growth, "accounts.allocation_growth", 2009, "Allocation growth 2009/10", Unit::Fraction, -0.2, 0.3, 0.001,
           "Growth of the commissioner's allocation in 2009/10.", External, ALLOC),
        by_year!(accounts.allocation_growth, "accounts.allocation_growth", 2010, "Allocation growth 2010/11", Unit::Fraction, -0.2, 0.3, 0.001,
           "Growth of the commissioner's allocation in 2010/11.", Derived, ALLOC),
        by_year!(accounts.allocation_growth, "accounts.allocation_growth", 2011, "Allocation growth 2011/12", Unit::Fraction, -0.2, 0.3, 0.001,
           "Growth of the commissioner's allocation in 2011/12.", Derived, ALLOC),
        by_year!(accounts.allocation_growth, "accounts.allocation_growth", 2012, "Allocation growth 2012/13", Unit::Fraction, -0.2, 0.3, 0.001,
           "Growth of the commissioner's allocation in 2012/13.", Derived, ALLOC),
        by_year!(accounts.allocation_growth, "accounts.allocation_growth", 2013, "Allocation growth 2013/14", Unit::Fraction, -0.2, 0.3, 0.001,
           "Growth of the commissioner's allocation in 2013/14.", Derived, ALLOC),
        by_year!(accounts.required_savings, "accounts.required_savings", 2010, "Savings required 2010/11", Unit::Pounds, 0.0, 1e10, 1e5,
           "Savings the PCT had to find in 2010/11 across its whole budget.", Seed, REQUIRED),
        by_year!(accounts.required_savings, "accounts.required_savings", 2011, "Savings required 2011/12", Unit::Pounds, 0.0, 1e10, 1e5,
           "Savings the PCT had to find in 2011/12 across its whole budget.", Seed, REQUIRED),
        by_year!(accounts.required_savings, "accounts.required_savings", 2012, "Savings required 2012/13", Unit::Pounds, 0.0, 1e10, 1e5,
           "Savings the PCT had to find in 2012/13 across its whole budget.", Seed, REQUIRED),
        by_year!(money.investment, "money.investment", 2010, "Plan's investment 2010/11", Unit::Pounds, 0.0, 1e10, 1e5,
           "The plan's strategic-initiative investment in 2010/11 (a budget line, compared with the community services the model buys).", Seed, INVEST),
        by_year!(money.investment, "money.investment", 2011, "Plan's investment 2011/12", Unit::Pounds, 0.0, 1e10, 1e5,
           "The plan's strategic-initiative investment in 2011/12.", Seed, INVEST),
        by_year!(money.investment, "money.investment", 2012, "Plan's investment 2012/13", Unit::Pounds, 0.0, 1e10, 1e5,
           "The plan's strategic-initiative investment in 2012/13.", Seed, INVEST),
        by_year!(money.investment, "money.investment", 2013, "Plan's investment 2013/14", Unit::Pounds, 0.0, 1e10, 1e5,
           "The plan's strategic-initiative investment in 2013/14.", Seed, INVEST),
        by_year!(money.planned_savings, "money.planned_savings", 2010, "Plan's savings 2010/11", Unit::Pounds, 0.0, 1e10, 1e5,
           "Savings the plan expected from its initiatives in 2010/11 (compared with the modelled savings).", Seed, SAVE),
        by_year!(money.planned_savings, "money.planned_savings", 2011, "Plan's savings 2011/12", Unit::Pounds, 0.0, 1e10, 1e5,
           "Savings the plan expected in 2011/12.", Seed, SAVE),
        by_year!(money.planned_savings, "money.planned_savings", 2012, "Plan's savings 2012/13", Unit::Pounds, 0.0, 1e10, 1e5,
           "Savings the plan expected in 2012/13.", Seed, SAVE),
        by_year!(money.planned_savings, "money.planned_savings", 2013, "Plan's savings 2013/14", Unit::Pounds, 0.0, 1e10, 1e5,
           "Savings the plan expected in 2013/14.", Seed, SAVE),
    ]
}

/// The registry, in display order.
pub fn parameters() -> Vec<ParamSpec> {
    table().iter().map(|p| p.spec).collect()
}

/// One lever's spec.
pub fn spec(id: LeverId) -> ParamSpec {
    entry(id).spec
}

/// One lever's spec, by its path in files, links and the CLI.
pub fn param(path: &str) -> Option<ParamSpec> {
    LeverId::from_path(path).map(spec)
}

fn entry(id: LeverId) -> &'static Param {
    let t = table();
    match t.get(id.index()) {
        Some(p) if p.spec.id == id => p,
        // Only if `LeverId` and the table disagree, which a test rules out.
        _ => t.iter().find(|p| p.spec.id == id).unwrap_or(&t[0]),
    }
}

fn range_text(spec: &ParamSpec) -> String {
    format!(
        "{} to {} {}",
        fmt_num(spec.min),
        fmt_num(spec.max),
        spec.unit
    )
}

/// A lever's range in words, as every refusal names it: "from −0.1 to 0.2 fraction/year", "from 0
/// to 2,000 beds" (thousands separators, a true minus sign, no trailing zeros).
pub fn range_words(spec: &ParamSpec) -> String {
    format!(
        "from {} to {} {}",
        words_num(spec.min),
        words_num(spec.max),
        spec.unit
    )
}

/// A bound in words: thousands separators and a true minus sign (U+2212).
fn words_num(x: f64) -> String {
    let plain = fmt_num(x.abs());
    let (whole, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if x < 0.0 { "\u{2212}" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

fn range_issue(spec: &ParamSpec, value: f64) -> Option<ValidationIssue> {
    let ok = value.is_finite()
        && value >= spec.min
        && value <= spec.max
        && (!spec.unit.is_code() || value == value.trunc());
    (!ok).then(|| ValidationIssue {
        path: spec.path.to_string(),
        value: fmt_num(value),
        allowed: range_text(spec),
        message: format!("{} must be a number {}", spec.label, range_words(spec)),
    })
}

/// The scenario seen through the lever registry: values by lever, and validation that adds each
/// lever's allowed range to the scenario's own structural checks.
impl Scenario {
    /// Every problem with the scenario (empty `Ok` when valid): its structure (shares that add up,
    /// distributions, dated steps; `Scenario::structure_issues`) and every lever within its range.
    /// Never panics.
    pub fn validate(&self) -> Result<(), Vec<ValidationIssue>> {
        let mut out = self.structure_issues();
        out.extend(
            table()
                .iter()
                .filter_map(|p| range_issue(&p.spec, (p.get)(self))),
        );
        if out.is_empty() {
            Ok(())
        } else {
            Err(out)
        }
    }

    /// A lever's current value [the lever's unit].
    pub fn lever(&self, id: LeverId) -> f64 {
        (entry(id).get)(self)
    }

    /// Set a lever, refusing values outside its allowed range (the refusal names the field and
    /// the range).
    pub fn set_lever(&mut self, id: LeverId, value: f64) -> Result<(), ValidationIssue> {
        let p = entry(id);
        if let Some(issue) = range_issue(&p.spec, value) {
            return Err(issue);
        }
        (p.set)(self, value);
        Ok(())
    }

    /// A lever's current value, by its path in files, links and the CLI.
    pub fn get(&self, path: &str) -> Option<f64> {
        LeverId::from_path(path).map(|id| self.lever(id))
    }

    /// Set a lever by its path in files, links and the CLI, refusing unknown paths and values
    /// outside the allowed range.
    pub fn set(&mut self, path: &str, value: f64) -> Result<(), ValidationIssue> {
        match LeverId::from_path(path) {
            Some(id) => self.set_lever(id, value),
            None => Err(ValidationIssue {
                path: path.to_string(),
                value: fmt_num(value),
                allowed: "a registered parameter path".into(),
                message: "unknown parameter".into(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lever_ids_list_the_registry_in_order() {
        let table = table();
        let missing: Vec<String> = table
            .iter()
            .filter(|p| LeverId::from_path(p.spec.path).is_none())
            .map(|p| {
                format!(
                    "add to params/id.rs: {} => \"{}\",",
                    camel(p.spec.path),
                    p.spec.path
                )
            })
            .collect();
        assert!(missing.is_empty(), "{}", missing.join("\n"));
        assert_eq!(
            LeverId::ALL.len(),
            table.len(),
            "a LeverId without a registry entry"
        );
        for (i, (p, id)) in table.iter().zip(LeverId::ALL).enumerate() {
            assert_eq!(
                p.spec.path,
                id.path(),
                "position {i}: the registry and LeverId disagree"
            );
            assert_eq!(p.spec.id, *id);
            assert_eq!(id.index(), i);
            assert_eq!(spec(*id).path, id.path());
        }
    }

    fn camel(path: &str) -> String {
        path.split(['.', '_'])
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn levers_read_and_write_by_id_and_by_path_alike() {
        let mut s = Scenario::default();
        s.set_lever(LeverId::BedsEscalationBeds, 60.0).unwrap();
        assert_eq!(s.get("beds.escalation_beds"), Some(60.0));
        assert_eq!(s.beds.escalation_beds, 60.0);
        let refused = s.set_lever(LeverId::BedsEscalationBeds, 1e9).unwrap_err();
        assert_eq!(refused.path, "beds.escalation_beds");
        assert!(
            refused.message.contains("from 0 to 2,000 beds"),
            "{}",
            refused.message
        );
        assert_eq!(s.lever(LeverId::BedsEscalationBeds), 60.0);
        assert!(s.set("beds.no_such_thing", 1.0).is_err());
        // A switch takes whole codes only.
        assert!(s.set_lever(LeverId::DemandSurgeEnabled, 0.5).is_err());
        assert_eq!(
            spec(LeverId::DemandSurgeEnabled).unit.control(),
            Control::Switch
        );
    }
}
