//! The story's steps as data (title, plain-language claims with their sources, the one lever, the
//! question, what the answer measures) and the pure functions that turn a lever value into the
//! model's answer and a guess and an answer into plain words. No browser code: tested natively.
//!
//! Every step starts from do nothing (the calibrated baseline with its trends) and moves only its
//! own lever, so each answer shows one idea. The story's scenario, opened in the workbench at the
//! end, is do nothing with every step's lever set as the reader left it.

use careflow_charts::format;
use careflow_model::params::spec;
use careflow_model::scenario::BedStep;
use careflow_model::{run, Group, LeverId, LeverId as L, Scenario, YearKpis};

/// The year every question asks about: 2012/13, the plan's target year (index from 2008/09).
pub const YEAR: usize = 4;
/// The year's label as the steps write it.
pub const YEAR_LABEL: &str = "2012/13";
/// When the wards of the money step close [fractional financial year]: April 2010.
pub const WARDS_CLOSE_AT: f64 = 2010.0;

/// Where a claim's evidence is in the Methods & sources panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A lever's row in the assumptions tables (its value, kind, quality and source).
    Lever(LeverId),
    /// One of the five source documents ("001").
    Seed(&'static str),
    /// A published study listed in the panel (its key, see `components::methods::STUDIES`).
    Study(&'static str),
    /// How the model works (the panel's opening paragraph).
    Model,
}

impl Source {
    /// The id of the element in the Methods & sources panel the marker opens.
    pub fn element_id(self) -> String {
        match self {
            Source::Lever(id) => crate::components::methods::row_id(id.path()),
            Source::Seed(id) => format!("methods-source-{id}"),
            Source::Study(key) => format!("methods-study-{key}"),
            Source::Model => "methods-model".into(),
        }
    }
    /// The assumptions group to open for a lever's row.
    pub fn group(self) -> Option<Group> {
        match self {
            Source::Lever(id) => Some(spec(id).group),
            _ => None,
        }
    }
    /// What the marker says to a screen reader.
    pub fn label(self) -> String {
        match self {
            Source::Lever(id) => format!("Source: {}, in Methods & sources", spec(id).label),
            Source::Seed(id) => format!("Source: seed document {id}, in Methods & sources"),
            Source::Study(_) => "Source: the published study, in Methods & sources".into(),
            Source::Model => "Source: how the model works, in Methods & sources".into(),
        }
    }
}

/// What the step's lever moves in the scenario.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target {
    /// A registered lever; the slider shows `value × scale` (a share as a percentage: 100).
    Param { id: LeverId, scale: f64 },
    /// Whole wards closed in April 2010 (the scenario's dated bed steps).
    WardsClosed,
}

/// The one lever of a step: a large labelled slider.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lever {
    pub label: &'static str,
    /// Unit after the value, as words ("beds", "%", "wards").
    pub unit: &'static str,
    /// Slider range and step, in the slider's units.
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// Where the slider starts (do nothing's value), in the slider's units.
    pub start: f64,
    pub target: Target,
}

/// How the reader answers before the reveal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Question {
    /// A typed number in `unit`, from `min` to `max`.
    Number {
        unit: &'static str,
        min: f64,
        max: f64,
    },
    /// One of a few ranges; the guess is the option's index. Each option covers `[from, to)`.
    Choice {
        options: &'static [(&'static str, f64, f64)],
    },
}

/// What the answer measures, in the year asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Mean occupancy of the base beds [%].
    Occupancy,
    /// Days with more than 95% of the base beds full [days].
    DaysOver95,
    /// Emergency admissions avoided by community services [admissions a year].
    AdmissionsAvoided,
    /// Share of bed days taken by delayed transfers [%].
    Delays,
    /// Share of deaths in hospital [%].
    HospitalDeaths,
    /// Saving against do nothing, all payers [£ million a year]; negative = costs more.
    Saving,
}

/// One step of the story.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    /// Short key used in the URL for this step's lever and guess.
    pub key: &'static str,
    pub title: &'static str,
    /// The idea, as sentences, each with the source of its claim.
    pub claims: &'static [(&'static str, Source)],
    pub lever: Lever,
    /// The question, asked about the lever's value as set.
    pub ask: &'static str,
    pub question: Question,
    pub measure: Measure,
    /// Where the reveal's meaning sentence rests.
    pub meaning_source: Source,
}

const DAYS_OPTIONS: &[(&str, f64, f64)] = &[
    ("Hardly ever: under 10 days", 0.0, 10.0),
    ("About a month: 10 to 45 days", 10.0, 45.0),
    ("One to four months: 45 to 120 days", 45.0, 120.0),
    ("More than four months", 120.0, 367.0),
];

/// The story, in order. The last screen (your guesses against the model) is not a step of its own.
pub const STEPS: [Step; 6] = [
    Step {
        key: "beds",
        title: "How full is the hospital?",
        claims: &[
            ("This story uses Careflow, a model of the health and care of about 440,000 people in east and north Birmingham from 2008 to 2014, built from their NHS plans. It is not today's NHS.", Source::Seed("001")),
            ("The model starts with about 1,450 hospital beds for adults who arrive as emergencies or for planned operations.", Source::Lever(L::BedsBase)),
        ],
        lever: Lever { label: "Hospital beds", unit: "beds", min: 1250.0, max: 1650.0, step: 25.0, start: 1450.0,
            target: Target::Param { id: L::BedsBase, scale: 1.0 } },
        ask: "With this many beds, how full will they be on an average day in 2012/13? Type a percentage.",
        question: Question::Number { unit: "%", min: 0.0, max: 150.0 },
        measure: Measure::Occupancy,
        meaning_source: Source::Study("bagust"),
    },
    Step {
        key: "busy",
        title: "Why 85% full is already risky",
        claims: &[
            ("Emergencies do not arrive evenly: fewer come at weekends and more in winter.", Source::Lever(L::DemandWeekendDip)),
            ("The plans expected emergencies to rise about 1.7% a year.", Source::Lever(L::DemandEmergencyGrowth)),
            ("A study of bed use found that when more than about 85% of beds are full on average, there are days with no bed for the next emergency.", Source::Study("bagust")),
        ],
        lever: Lever { label: "Rise in emergencies each year", unit: "%", min: 0.0, max: 5.0, step: 0.1, start: 1.7,
            target: Target::Param { id: L::DemandEmergencyGrowth, scale: 100.0 } },
        ask: "With emergencies rising this fast, on how many days of 2012/13 will more than 95% of beds be full?",
        question: Question::Choice { options: DAYS_OPTIONS },
        measure: Measure::DaysOver95,
        meaning_source: Source::Model,
    },
    Step {
        key: "avoid",
        title: "Care at home instead of a hospital bed",
        claims: &[
            ("The plan paid for community teams that visit frail older people at home, so that some need no emergency admission.", Source::Seed("001")),
            ("Each place is one person looked after at a time.", Source::Lever(L::CareCloserToHomeAvoidanceFrailCapacity)),
        ],
        lever: Lever { label: "Places with community rapid-response teams", unit: "places", min: 0.0, max: 1500.0, step: 50.0, start: 0.0,
            target: Target::Param { id: L::CareCloserToHomeAvoidanceFrailCapacity, scale: 1.0 } },
        ask: "How many emergency admissions a year will these teams avoid by 2012/13? Type a number.",
        question: Question::Number { unit: "admissions", min: 0.0, max: 60000.0 },
        measure: Measure::AdmissionsAvoided,
        meaning_source: Source::Lever(L::CareCloserToHomeAvoidanceFrailCapacity),
    },
    Step {
        key: "delay",
        title: "Well enough to leave, still in a bed",
        claims: &[
            ("Some people are well enough to leave hospital but wait there for an assessment, a care package or a care-home place: a delayed transfer of care.", Source::Model),
            ("The plan's target was that no more than 2% of bed days go to these waits.", Source::Seed("001")),
            ("Discharge to assess lets people go home or to a step-down bed first and be assessed there.", Source::Lever(L::DischargeDischargeToAssessShare)),
        ],
        lever: Lever { label: "Share of waiting people discharged to assess", unit: "%", min: 0.0, max: 100.0, step: 5.0, start: 0.0,
            target: Target::Param { id: L::DischargeDischargeToAssessShare, scale: 100.0 } },
        ask: "What share of bed days in 2012/13 will go to people who are well enough to leave? Type a percentage.",
        question: Question::Number { unit: "%", min: 0.0, max: 100.0 },
        measure: Measure::Delays,
        meaning_source: Source::Seed("001"),
    },
    Step {
        key: "home",
        title: "Dying at home",
        claims: &[
            ("Most people say they would rather die at home, yet in 2008 more than half of all deaths in England were in hospital.", Source::Study("eolc2008")),
            ("The plan paid for community end-of-life support: nurses and carers for people in their last weeks, at home.", Source::Lever(L::EndOfLifeSupportPlaces)),
        ],
        lever: Lever { label: "Places with community end-of-life support", unit: "places", min: 0.0, max: 600.0, step: 20.0, start: 0.0,
            target: Target::Param { id: L::EndOfLifeSupportPlaces, scale: 1.0 } },
        ask: "What share of all deaths in 2012/13 will be in hospital? Type a percentage.",
        question: Question::Number { unit: "%", min: 0.0, max: 100.0 },
        measure: Measure::HospitalDeaths,
        meaning_source: Source::Lever(L::EndOfLifeRegisterCoverageTarget),
    },
    Step {
        key: "wards",
        title: "Money and wards",
        claims: &[
            ("A bed costs the hospital about £250 a day.", Source::Lever(L::MoneyBedDayCost)),
            ("Most of that is staff and buildings, saved only when a whole ward of 28 beds closes.", Source::Lever(L::MoneyBedFixedShare)),
            ("An assessment panel in 2010 read the plan as closing over 400 beds.", Source::Seed("002")),
        ],
        lever: Lever { label: "Wards closed in April 2010", unit: "wards", min: 0.0, max: 16.0, step: 1.0, start: 0.0,
            target: Target::WardsClosed },
        ask: "How much money will closing these wards save in 2012/13, in millions of pounds? Type a number.",
        question: Question::Number { unit: "£ million", min: -100.0, max: 100.0 },
        measure: Measure::Saving,
        meaning_source: Source::Lever(L::MoneyBedFixedShare),
    },
];

/// The scenario of one step: do nothing with only this step's lever at `value` (slider units).
pub fn scenario_for(step: &Step, value: f64) -> Scenario {
    let mut s = Scenario::default();
    apply(&mut s, &step.lever, value);
    s
}

/// Sets `lever` to `value` (slider units) in `s`, clamped to the slider's range.
pub fn apply(s: &mut Scenario, lever: &Lever, value: f64) {
    let value = clamp_to(lever, value);
    match lever.target {
        Target::Param { id, scale } => {
            // The ranges above lie inside the registry's, so the set cannot fail.
            let _ = s.set_lever(id, value / scale);
        }
        Target::WardsClosed => {
            let size = s.beds.ward_size;
            s.beds
                .steps
                .extend((0..value.round() as usize).map(|_| BedStep {
                    at: WARDS_CLOSE_AT,
                    change: -size,
                }));
        }
    }
}

/// `value` on the lever's range and step.
pub fn clamp_to(lever: &Lever, value: f64) -> f64 {
    if !value.is_finite() {
        return lever.start;
    }
    let v = value.clamp(lever.min, lever.max);
    let snapped = lever.min + ((v - lever.min) / lever.step).round() * lever.step;
    // Ten-thousandths keep 1.7000000000000002 from reaching the URL.
    (snapped.min(lever.max) * 1e4).round() / 1e4
}

/// The story's scenario: do nothing with every step's lever as set (`values` in step order).
pub fn story_scenario(values: &[f64]) -> Scenario {
    let mut s = Scenario::default();
    for (step, v) in STEPS.iter().zip(values) {
        apply(&mut s, &step.lever, *v);
    }
    s
}

/// The year asked about in a run.
fn year(r: &careflow_model::Results) -> Option<&YearKpis> {
    r.yearly.get(YEAR)
}

/// The measure's value for a scenario, against do nothing where it is a difference.
pub fn measure(m: Measure, s: &Scenario) -> Option<f64> {
    let r = run(s).ok()?;
    let k = year(&r)?;
    Some(match m {
        Measure::Occupancy => k.mean_occupancy * 100.0,
        Measure::DaysOver95 => k.days_over_95pct_occupancy,
        Measure::AdmissionsAvoided => k.admissions_avoided,
        Measure::Delays => k.dtoc_share * 100.0,
        Measure::HospitalDeaths => k.hospital_death_share * 100.0,
        Measure::Saving => {
            let base = run(&Scenario::default()).ok()?;
            (year(&base)?.total_cost - k.total_cost) / 1e6
        }
    })
}

/// The model's answer for a step with its lever at `value`.
pub fn answer(step: &Step, value: f64) -> Option<Answer> {
    let s = scenario_for(step, value);
    let r = run(&s).ok()?;
    let k = year(&r)?.clone();
    let value = measure(step.measure, &s)?;
    Some(Answer { value, year: k })
}

/// The model's answer and the year's figures it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// In the measure's units.
    pub value: f64,
    pub year: YearKpis,
}

/// The lever's value in words ("1,450 beds", "1.7%", "4 wards").
pub fn lever_words(lever: &Lever, value: f64) -> String {
    let dp = format::step_decimals(lever.step);
    let n = if dp == 0 {
        format::int(value)
    } else {
        format!("{value:.dp$}")
    };
    if lever.unit == "%" {
        format!("{n}%")
    } else if lever.unit == "wards" && value.round() == 1.0 {
        "1 ward".into()
    } else {
        format!("{n} {}", lever.unit)
    }
}

/// A share in words: "about 9 in 10", "about 3 in 100".
fn in_words(pct: f64) -> String {
    if pct >= 99.5 {
        return "all".into();
    }
    if pct >= 15.0 {
        format!("about {} in 10", (pct / 10.0).round().max(1.0))
    } else {
        format!("about {} in 100", pct.round().max(0.0))
    }
}

/// A measured value rounded and in plain words ("93%", "about 2,300 admissions", "£6.1 million").
pub fn value_words(m: Measure, v: f64) -> String {
    match m {
        Measure::Occupancy | Measure::HospitalDeaths => format!("{:.0}%", v),
        Measure::Delays => format!("{:.1}%", v),
        Measure::DaysOver95 => match v.round() as i64 {
            1 => "1 day".into(),
            n => format!("{} days", format::int(n as f64)),
        },
        Measure::AdmissionsAvoided => {
            format!("{} admissions", format::int(round_to(v, 2)))
        }
        Measure::Saving => money_words(v),
    }
}

/// Rounds to `sig` significant figures (2,314 → 2,300 at 2).
fn round_to(v: f64, sig: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return 0.0;
    }
    let p = 10f64.powi(v.abs().log10().floor() as i32 - sig + 1);
    (v / p).round() * p
}

/// £ millions in words: "£3.5 million", "£12 million", "less than £0.1 million".
fn money_words(millions: f64) -> String {
    let a = millions.abs();
    if a < 0.05 {
        return "less than £0.1 million".into();
    }
    let n = if a >= 10.0 {
        format!("{a:.0}")
    } else {
        format!("{a:.1}")
    };
    let sign = if millions < 0.0 { "−" } else { "" };
    format!("{sign}£{n} million")
}

/// A guess as the reader gave it, in words.
pub fn guess_words(step: &Step, guess: f64) -> String {
    match step.question {
        Question::Number { unit, .. } => match unit {
            "%" => format!("{}%", trim(guess)),
            "£ million" => money_words(guess),
            u => format!("{} {u}", format::int(guess)),
        },
        Question::Choice { options } => options
            .get(guess as usize)
            .map(|o| o.0.to_string())
            .unwrap_or_default(),
    }
}

/// A typed number without trailing zeros ("85", "2.5").
fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// How close the guess came, in one short phrase.
pub fn closeness(step: &Step, guess: f64, answer: f64) -> &'static str {
    match step.question {
        Question::Choice { options } => {
            let right = options
                .iter()
                .position(|(_, from, to)| answer >= *from && answer < *to);
            if right == Some(guess as usize) {
                "You picked the right range."
            } else {
                "The model's answer is in another range."
            }
        }
        Question::Number { .. } => {
            let scale = match step.measure {
                Measure::Occupancy | Measure::HospitalDeaths => 5.0,
                Measure::Delays => 0.5,
                Measure::Saving => 1.0_f64.max(answer.abs() * 0.2),
                _ => (answer.abs() * 0.2).max(100.0),
            };
            let d = guess - answer;
            if d.abs() <= scale {
                "Your guess was close."
            } else if d > 0.0 {
                "Your guess was higher than the model's answer."
            } else {
                "Your guess was lower than the model's answer."
            }
        }
    }
}

/// The one sentence saying what the answer means.
pub fn meaning(step: &Step, a: &Answer) -> String {
    let k = &a.year;
    match step.measure {
        Measure::Occupancy => {
            let v = a.value;
            let words = in_words(v);
            if v >= 100.0 {
                format!("More patients than beds: the hospital opens extra escalation beds and people wait on trolleys. A study of bed use found trouble starts above about 85% full, and here {words} beds are full.")
            } else if v > 85.0 {
                format!("That is {words} beds full on an average day: above the 85% at which a study of bed use found the next emergency often has no bed.")
            } else {
                format!("That is {words} beds full: below the 85% at which a study of bed use found emergencies start to find no bed.")
            }
        }
        Measure::DaysOver95 => format!(
            "The average day has {:.0}% of beds full, yet on {} the hospital is nearly full: the busy days, not the average, decide whether there is a bed.",
            k.mean_occupancy * 100.0,
            value_words(Measure::DaysOver95, a.value),
        ),
        Measure::AdmissionsAvoided => format!(
            "Those people are looked after at home instead: about {} people at a time are with the community teams, at about {} a year on top of do nothing.",
            format::int(round_to(k.mean_community_caseload, 2)),
            money_words((k.community_cost - base_year().map(|b| b.community_cost).unwrap_or(k.community_cost)) / 1e6),
        ),
        Measure::Delays => {
            if a.value <= 2.0 {
                format!("That meets the plan's 2% target: {} beds on an average day hold someone waiting to leave.", format::int(k.mean_occupied_beds * k.dtoc_share))
            } else {
                format!("That misses the plan's 2% target: about {} beds on an average day hold someone well enough to leave.", format::int(k.mean_occupied_beds * k.dtoc_share))
            }
        }
        Measure::HospitalDeaths => format!(
            "{} deaths are at home or in a care home; the plan aimed for 70%. Support only reaches people on a GP's end-of-life register, so the register matters as much as the places.",
            in_words(k.home_or_care_home_death_share * 100.0).replace("about", "About"),
        ),
        Measure::Saving => {
            if a.value.abs() < 0.05 {
                "Nothing is saved without closing a ward: the staff and buildings stay.".into()
            } else {
                format!(
                    "The beds left are {:.0}% full on an average day: money saved by closing wards is paid back in crowded wards unless fewer people need a bed.",
                    k.mean_occupancy * 100.0
                )
            }
        }
    }
}

/// Do nothing's figures in the year asked about.
fn base_year() -> Option<YearKpis> {
    let r = run(&Scenario::default()).ok()?;
    year(&r).cloned()
}

/// Whether a guess is a usable answer to the question (a number in range, or an option).
pub fn valid_guess(step: &Step, guess: f64) -> bool {
    match step.question {
        Question::Number { min, max, .. } => guess.is_finite() && guess >= min && guess <= max,
        Question::Choice { options } => {
            guess.fract() == 0.0 && guess >= 0.0 && (guess as usize) < options.len()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lever_starts_at_do_nothing_and_stays_in_the_registry_range() {
        let base = Scenario::default();
        for step in &STEPS {
            let l = &step.lever;
            assert!(l.min <= l.start && l.start <= l.max, "{}", step.key);
            assert_eq!(clamp_to(l, l.start), l.start, "{}", step.key);
            if let Target::Param { id, scale } = l.target {
                let spec = spec(id);
                assert!(
                    l.min / scale >= spec.min && l.max / scale <= spec.max,
                    "{id}"
                );
                let now = base.lever(id);
                assert!((now * scale - l.start).abs() < 1e-9, "{id}: {now}");
            }
            assert_eq!(scenario_for(step, l.start), base, "{}", step.key);
            assert!(answer(step, l.min).is_some() && answer(step, l.max).is_some());
        }
    }

    #[test]
    fn answers_move_the_way_each_idea_says() {
        let at = |key: &str, v: f64| {
            let step = STEPS.iter().find(|s| s.key == key).unwrap();
            answer(step, v).unwrap().value
        };
        assert!(at("beds", 1650.0) < 85.0 && at("beds", 1450.0) > 90.0);
        assert!(at("busy", 0.0) < at("busy", 5.0));
        assert!(at("avoid", 0.0) == 0.0 && at("avoid", 1000.0) > 1000.0);
        assert!(at("delay", 100.0) < at("delay", 0.0));
        assert!(at("home", 600.0) < at("home", 0.0));
        assert!(at("wards", 0.0).abs() < 1e-6 && at("wards", 4.0) > 1.0);
    }

    #[test]
    fn numbers_are_rounded_and_plain() {
        assert_eq!(value_words(Measure::Occupancy, 93.3), "93%");
        assert_eq!(value_words(Measure::Delays, 3.23), "3.2%");
        assert_eq!(
            value_words(Measure::AdmissionsAvoided, 2314.0),
            "2,300 admissions"
        );
        assert_eq!(value_words(Measure::Saving, 6.085), "£6.1 million");
        assert_eq!(value_words(Measure::Saving, 14.7), "£15 million");
        assert_eq!(value_words(Measure::Saving, -0.4), "−£0.4 million");
        assert_eq!(value_words(Measure::DaysOver95, 129.0), "129 days");
        assert_eq!(in_words(93.3), "about 9 in 10");
        assert_eq!(in_words(3.2), "about 3 in 100");
        assert_eq!(lever_words(&STEPS[1].lever, 1.7), "1.7%");
        assert_eq!(lever_words(&STEPS[0].lever, 1450.0), "1,450 beds");
        assert_eq!(lever_words(&STEPS[5].lever, 1.0), "1 ward");
    }

    #[test]
    fn guesses_are_checked_and_compared() {
        let beds = &STEPS[0];
        assert!(
            valid_guess(beds, 85.0) && !valid_guess(beds, -1.0) && !valid_guess(beds, f64::NAN)
        );
        let busy = &STEPS[1];
        assert!(valid_guess(busy, 3.0) && !valid_guess(busy, 4.0) && !valid_guess(busy, 1.5));
        assert_eq!(closeness(busy, 3.0, 129.0), "You picked the right range.");
        assert_eq!(
            closeness(beds, 80.0, 93.0),
            "Your guess was lower than the model's answer."
        );
        assert_eq!(closeness(beds, 91.0, 93.0), "Your guess was close.");
        assert_eq!(guess_words(busy, 0.0), "Hardly ever: under 10 days");
        assert_eq!(guess_words(beds, 85.0), "85%");
    }

    #[test]
    fn every_source_marker_points_at_something_the_panel_has() {
        for step in &STEPS {
            for (_, source) in step.claims.iter().chain([&("", step.meaning_source)]) {
                if let Source::Lever(_) = source {
                    assert!(source.group().is_some());
                }
                if let Source::Study(key) = source {
                    assert!(crate::components::methods::STUDIES
                        .iter()
                        .any(|s| s.0 == *key));
                }
                assert!(!source.element_id().is_empty());
            }
        }
    }

    #[test]
    fn the_story_scenario_carries_every_lever() {
        let values: Vec<f64> = STEPS.iter().map(|s| s.lever.max).collect();
        let s = story_scenario(&values);
        assert_eq!(s.beds.base, 1650.0);
        assert_eq!(s.beds.steps.len(), 16);
        assert!((s.demand.emergency_growth - 0.05).abs() < 1e-12);
        let link = careflow_model::share::encode_link(&s, None);
        assert_eq!(careflow_model::share::decode_link(&link).scenario, s);
    }
}
