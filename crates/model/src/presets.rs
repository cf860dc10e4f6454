//! Named starting points: the plans in the source documents, as scenarios.

use crate::scenario::{Profile, Ramp, Scenario, YearAmount};

/// A named scenario with a plain-language description citing its sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Preset {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub scenario: Scenario,
}

/// Places of community end-of-life support in the Strategic Plan preset at full effect [people].
/// Assumption: sized so the three services together avoid ≈ 7,500 admissions in 2012/13 (seed 001 §8.6).
pub const PLAN_EOL_PLACES: f64 = 920.0;
/// Extra care-package starts a week the Strategic Plan preset buys [starts/week]: none. The plan
/// names no such purchase (seed 001 §7.5), and in this model more downstream capacity barely moves
/// delays once it exceeds demand (docs/delays.md); the lever is there to try.
pub const PLAN_EXTRA_PACKAGES: f64 = 0.0;
/// Extra care-home placements a week in the Strategic Plan preset [placements/week]; see above.
pub const PLAN_EXTRA_CARE_HOMES: f64 = 0.0;

fn plan_ramp() -> Ramp {
    // Services commissioned from April 2009, at full size by April 2012 ("by March 2013", seed 001 §8.6).
    Ramp {
        start: 2009.0,
        ramp_years: 3.0,
        profile: Profile::Linear,
    }
}

/// "Do nothing": the calibrated 2008/09 baseline with its trends continuing.
pub fn do_nothing() -> Scenario {
    Scenario::default()
}

/// The Strategic Plan 2009-12 as written.
pub fn strategic_plan() -> Scenario {
    let mut s = Scenario::default();
    let cc = &mut s.care_closer_to_home;
    // The plan's long-term-condition, telephone and rehabilitation services, one by one (the
    // catalogue's defaults: `scenario::services`), at the plan's beliefs.
    for sv in &mut cc.services {
        sv.on = true;
        sv.effect.value = sv.effect.plan;
    }
    cc.urgent_care.diverted_per_year = 9_700.0;
    cc.urgent_care.ramp = Ramp {
        start: 2009.0,
        ramp_years: 4.0,
        profile: Profile::Linear,
    };
    s.end_of_life.support.places = PLAN_EOL_PLACES;
    s.end_of_life.support.ramp = plan_ramp();
    s.end_of_life.register_coverage_target = 0.70;
    s.end_of_life.register_ramp = Ramp {
        start: 2009.0,
        ramp_years: 3.0,
        profile: Profile::Linear,
    };
    s.discharge.step_down.added_beds = 56.0;
    // The 56 beds are two acute wards handed to community health services (seed 001 §6.6):
    // they leave the acute bed base as they open.
    s.wards.step_down_wards = 2.0;
    s.discharge.step_down.added_ramp = Ramp {
        start: 2009.67,
        ramp_years: 0.0,
        profile: Profile::Step,
    };
    s.discharge.care_packages.added_per_week = PLAN_EXTRA_PACKAGES;
    s.discharge.care_packages.added_ramp = plan_ramp();
    s.discharge.care_homes.added_per_week = PLAN_EXTRA_CARE_HOMES;
    s.discharge.care_homes.added_ramp = plan_ramp();
    s.money.investment = [(2010, 12.0e6), (2011, 8.0e6), (2012, 6.5e6), (2013, 3.9e6)]
        .into_iter()
        .map(|(year, amount)| YearAmount { year, amount })
        .collect();
    s.money.planned_savings = [(2010, 3.5e6), (2011, 8.7e6), (2012, 10.8e6), (2013, 10.8e6)]
        .into_iter()
        .map(|(year, amount)| YearAmount { year, amount })
        .collect();
    s
}

/// The plan plus the 442 acute beds the assessment panel read into it, closed in whole wards.
pub fn plan_with_bed_closures() -> Scenario {
    let mut s = strategic_plan();
    // 442 beds ≈ 16 wards of 28 (448 beds). Two of them are the step-down wards the plan already
    // takes out of the acute base, so 14 more close, from January 2010, 4.5 a year (the last in
    // summer 2012).
    let wards = (442.0 / s.beds.ward_size).round();
    s.wards.closed = wards - s.wards.step_down_wards;
    s.wards.start = 2009.75;
    s.wards.per_year = 4.5;
    s
}

/// The plan with each service at its published effect (`Effect::published`: e.g. Gravelle et al.,
/// BMJ 2007 for case management; Steventon et al., BMJ 2013 for Birmingham OwnHealth).
pub fn evidence_weighted() -> Scenario {
    let mut s = strategic_plan();
    for sv in &mut s.care_closer_to_home.services {
        sv.effect.value = sv.effect.published;
    }
    s
}

/// Years the pessimistic preset adds to every service's build-up [years]. Assumption: services
/// recruited and bedded in at half the plan's pace (three years become six).
pub const PESSIMISTIC_EXTRA_RAMP_YEARS: f64 = 3.0;

/// The plan with case management and telephone care doing nothing and every other service at the
/// low end of its evidence range, each built up more slowly.
pub fn pessimistic() -> Scenario {
    let mut s = strategic_plan();
    for sv in &mut s.care_closer_to_home.services {
        let case_management = matches!(
            sv.id.as_str(),
            crate::scenario::COMMUNITY_MATRONS | crate::scenario::OWNHEALTH
        );
        sv.effect.value = if case_management { 0.0 } else { sv.effect.low };
        sv.ramp.ramp_years += PESSIMISTIC_EXTRA_RAMP_YEARS;
    }
    s
}

/// A winter like 2008's snow, flu and norovirus (in the first winter), with no LOS reduction.
pub fn winter_surge() -> Scenario {
    let mut s = Scenario::default();
    s.demand.surge.enabled = true;
    s.demand.surge.every_winter = false;
    s.beds.los_reduction.reduction = 0.0;
    s
}

/// All presets, in display order.
pub fn presets() -> Vec<Preset> {
    vec![
        Preset {
            id: "do-nothing",
            name: "Do nothing",
            description: "The 2008/09 baseline for NHS Birmingham East and North with its trends carried on: emergency demand rising about 1.7% a year (seed 001 §5.2), the population growing 0.75% a year (ONS 2008-based projections) and social care capacity keeping pace, with no new community services. It is the yardstick the other presets are measured against.",
            scenario: do_nothing(),
        },
        Preset {
            id: "strategic-plan",
            name: "Strategic Plan 2009-12",
            description: "The PCT's Strategic Plan 2009-12 as written (seed 001 §7.5, §8.5, §8.6): community end-of-life support, community rehabilitation and telehealth built up from April 2009 so that about 7,500 emergency admissions a year (13%) are no longer needed by March 2013; 9,700 A&E attendances a year moved to a second urgent care centre; two hospital wards (56 beds) turned into step-down beds in winter 2009/10, leaving the acute bed base (seed 001 §6.6); the end-of-life register growing toward the 70%-home-deaths aim; and the investment line of £12.0m, £8.0m, £6.5m and £3.9m. The plan's 2% delayed-transfers target is not forced: with these services delays fall to about 2.5% in 2012/13; more care capacity alone barely moves them, and reaching 2% takes changing the discharge process — seven-day discharge with half of patients discharged to assess gives about 1.9% (docs/delays.md).",
            scenario: strategic_plan(),
        },
        Preset {
            id: "evidence-weighted",
            name: "Plan, evidence-weighted",
            description: "The Strategic Plan with each community service at its published effect rather than the plan's hope: community matrons at no effect on emergency admissions (Gravelle et al., BMJ 2007, the Evercare pilots; Nuffield Trust 2013 found the same for virtual wards), Birmingham OwnHealth telephone care at no effect (Steventon et al., BMJ 2013, matched controls), rapid response and the other services at the central values of their stated ranges. It shows how much of the 7,500 fewer admissions rests on services whose evaluations found little.",
            scenario: evidence_weighted(),
        },
        Preset {
            id: "pessimistic",
            name: "Plan, pessimistic",
            description: "The Strategic Plan if case management and telephone care do nothing and every other community service works at the low end of its evidence range, each taking three years longer to build up. The panel's \"opted not to do detailed modelling\" (seed 002) answered with the downside.",
            scenario: pessimistic(),
        },
        Preset {
            id: "plan-with-bed-closures",
            name: "Plan with bed closures",
            description: "The Strategic Plan, plus the 442 acute beds (and 1,800 staff) the World Class Commissioning panel read into it in May 2010 (seed 002), closed in whole wards of 28: the two step-down wards plus 14 more between January 2010 and the summer of 2012. It tests the panel's worry that winter pressures could undo the plan if the beds go before the community services work.",
            scenario: plan_with_bed_closures(),
        },
        Preset {
            id: "winter-surge",
            name: "Winter surge",
            description: "Six weeks from mid-December like winter 2008, when snow, flu and norovirus struck together (seed 001 §6.6): 10% more emergencies, stays 10% longer, two wards closed by infection and 5% of care-package and care-home starts lost. No length-of-stay reduction and no new community services, so it shows how close the baseline runs to a bed crisis and how long the backlog of delayed discharges takes to clear.",
            scenario: winter_surge(),
        },
    ]
}

/// One preset by id.
pub fn preset(id: &str) -> Option<Preset> {
    presets().into_iter().find(|p| p.id == id)
}
