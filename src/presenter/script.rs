//! The built-in session script: one preset story in eight steps, from doing nothing through the
//! Strategic Plan, two ward closures and the discharge levers to end-of-life support. Each step
//! names the lever group and the chart the room looks at, the lever moves it makes, and an optional
//! question the room answers before the result is revealed. Pure data; the scenario at each step
//! is computed by [`scenario_at`], so the console and the audience window agree by construction.

use careflow_charts::format;
use careflow_model::{preset, Group, LeverId, LeverId as L, Results, Scenario};

/// The financial year every question asks about: the plan's horizon.
pub const QUESTION_YEAR: &str = "2012/13";

/// What kind of answer the room gives.
#[derive(Clone, Copy, Debug)]
pub enum Answer {
    /// A number, in the unit the question names; guesses are numbers in the same unit.
    Number {
        /// Unit shown beside the guesses and the answer ("%", "days", "admissions").
        unit: &'static str,
        /// The model's figure from a run, in that unit.
        figure: fn(&Results) -> Option<f64>,
    },
    /// One of a few options; guesses are counts of hands per option. `figure` picks the option
    /// by its value: option `i` holds values below `bounds[i]` (the last option holds the rest).
    Options {
        options: &'static [&'static str],
        bounds: &'static [f64],
        unit: &'static str,
        figure: fn(&Results) -> Option<f64>,
    },
}

/// A prediction the room makes before the result is shown.
#[derive(Clone, Copy, Debug)]
pub struct Question {
    pub text: &'static str,
    pub answer: Answer,
}

/// One step of the session.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    pub title: &'static str,
    /// What the facilitator says, in a sentence, shown on the console only.
    pub notes: &'static str,
    /// Start again from this preset (by id) before the moves; `None` carries on from the step before.
    pub preset: Option<&'static str>,
    /// Lever moves (lever, value [the lever's unit]), applied in order.
    pub moves: &'static [(LeverId, f64)],
    /// The lever group on screen.
    pub group: Group,
    /// The chart on screen (a `ChartView` id).
    pub chart: &'static str,
    /// The KPI cards on screen (ids of `careflow_charts::views::kpis`).
    pub kpis: &'static [&'static str],
    pub question: Option<Question>,
}

impl Answer {
    /// The unit guesses and answers are in.
    pub fn unit(&self) -> &'static str {
        match self {
            Answer::Number { unit, .. } | Answer::Options { unit, .. } => unit,
        }
    }
    /// The model's figure for a run.
    pub fn figure(&self, r: &Results) -> Option<f64> {
        match self {
            Answer::Number { figure, .. } | Answer::Options { figure, .. } => figure(r),
        }
    }
    /// The option a value falls in (options questions only).
    pub fn option_of(&self, v: f64) -> Option<usize> {
        match self {
            Answer::Number { .. } => None,
            Answer::Options {
                options, bounds, ..
            } => Some(
                bounds
                    .iter()
                    .position(|b| v < *b)
                    .unwrap_or(options.len().saturating_sub(1)),
            ),
        }
    }
    /// The model's answer in words: "103.4%" or "2–3% (2.4%)".
    pub fn words(&self, r: &Results) -> String {
        let Some(v) = self.figure(r) else {
            return "–".into();
        };
        let number = number_words(v, self.unit());
        match self {
            Answer::Number { .. } => number,
            Answer::Options { options, .. } => {
                let i = self.option_of(v).unwrap_or(0);
                format!("{} ({number})", options.get(i).copied().unwrap_or("–"))
            }
        }
    }
}

/// A figure in its unit: "103.4%", "129 days", "7,512 admissions".
pub fn number_words(v: f64, unit: &str) -> String {
    if unit == "%" {
        format!("{:.1}%", v)
    } else {
        format!("{} {unit}", format::int(v))
    }
}

fn year(r: &Results) -> Option<&careflow_model::results::YearKpis> {
    r.year(QUESTION_YEAR)
}

fn peak_occupancy(r: &Results) -> Option<f64> {
    year(r).map(|y| 100.0 * y.peak_occupancy)
}
fn admissions_avoided(r: &Results) -> Option<f64> {
    year(r).map(|y| y.admissions_avoided)
}
fn days_over_95(r: &Results) -> Option<f64> {
    year(r).map(|y| y.days_over_95pct_occupancy)
}
fn dtoc_share(r: &Results) -> Option<f64> {
    year(r).map(|y| 100.0 * y.dtoc_share)
}
fn home_deaths(r: &Results) -> Option<f64> {
    year(r).map(|y| 100.0 * y.home_or_care_home_death_share)
}

/// The session's steps.
pub fn steps() -> &'static [Step] {
    STEPS
}

static STEPS: &[Step] = &[
    Step {
        title: "Where we start: doing nothing",
        notes: "The 2008/09 baseline with its trends carried on: emergency demand rising about 1.7% a year.",
        preset: Some("do-nothing"),
        moves: &[],
        group: Group::Demand,
        chart: "admissions",
        kpis: &["emergency-admissions"],
        question: None,
    },
    Step {
        title: "Doing nothing: how full is the hospital?",
        notes: "Ask for a number from each table: the fullest day of winter 2012/13, as a share of the base beds.",
        preset: None,
        moves: &[],
        group: Group::AcuteBeds,
        chart: "beds",
        kpis: &["peak-occupancy", "days-over-95"],
        question: Some(Question {
            text: "How full will the base beds be on the fullest day of 2012/13 (as a %)?",
            answer: Answer::Number { unit: "%", figure: peak_occupancy },
        }),
    },
    Step {
        title: "The Strategic Plan: care closer to home",
        notes: "Community end-of-life support, rehabilitation and telehealth from April 2009; a second urgent care centre; 56 step-down beds.",
        preset: Some("strategic-plan"),
        moves: &[],
        group: Group::CareCloserToHome,
        chart: "admissions",
        kpis: &["admissions-avoided", "emergency-admissions"],
        question: Some(Question {
            text: "How many admissions a year will the plan avoid by 2012/13? (It says 7,500.)",
            answer: Answer::Number { unit: "admissions", figure: admissions_avoided },
        }),
    },
    Step {
        title: "Close two wards: 56 fewer acute beds",
        notes: "Two wards of 28 close from the start. Does the plan leave room for that?",
        preset: None,
        moves: &[(L::BedsBase, 1394.0)],
        group: Group::AcuteBeds,
        chart: "beds",
        kpis: &["days-over-95", "peak-occupancy"],
        question: Some(Question {
            text: "Two wards closed: on how many days of 2012/13 are the beds over 95% full?",
            answer: Answer::Number { unit: "days", figure: days_over_95 },
        }),
    },
    Step {
        title: "Seven-day discharge",
        notes: "Discharge teams work at weekends as on weekdays. A show of hands: which band will delays fall in?",
        preset: None,
        moves: &[(L::DischargeWeekendWorking, 1.0)],
        group: Group::DischargeDelays,
        chart: "delays",
        kpis: &["dtoc-share"],
        question: Some(Question {
            text: "What share of bed days will be delayed transfers in 2012/13?",
            answer: Answer::Options {
                options: &["Under 2% (target met)", "2% to 3%", "Over 3%"],
                bounds: &[2.0, 3.0],
                unit: "%",
                figure: dtoc_share,
            },
        }),
    },
    Step {
        title: "Discharge to assess",
        notes: "Half of patients go home and are assessed there, instead of waiting in a bed for the assessment.",
        preset: None,
        moves: &[(L::DischargeDischargeToAssessShare, 0.5)],
        group: Group::DischargeDelays,
        chart: "delays",
        kpis: &["dtoc-share"],
        question: None,
    },
    Step {
        title: "End of life: twice the community support",
        notes: "Double the places of community end-of-life support and aim the register at 80% of deaths.",
        preset: None,
        moves: &[
            (L::EndOfLifeSupportPlaces, 1840.0),
            (L::EndOfLifeRegisterCoverageTarget, 0.8),
        ],
        group: Group::EndOfLife,
        chart: "deaths",
        kpis: &["home-deaths"],
        question: Some(Question {
            text: "What share of deaths will be at home or in a care home in 2012/13? (Aim: 70%.)",
            answer: Answer::Number { unit: "%", figure: home_deaths },
        }),
    },
    Step {
        title: "What it costs",
        notes: "The money: what the commissioner spends and what the acute trust keeps, against doing nothing. Then open the floor.",
        preset: None,
        moves: &[],
        group: Group::Money,
        chart: "money",
        kpis: &["commissioner-cost", "provider-margin"],
        question: None,
    },
];

/// The scenario on screen at step `i` (clamped to the last step) and the preset it started from.
/// Every step starts from the scenario of the step before, unless it names a preset.
pub fn scenario_at(i: usize) -> (Scenario, &'static str) {
    let mut scenario = Scenario::default();
    let mut from = "do-nothing";
    for step in STEPS.iter().take(i.saturating_add(1)) {
        if let Some(id) = step.preset {
            if let Some(p) = preset(id) {
                scenario = p.scenario;
                from = id;
            }
        }
        for (id, value) in step.moves {
            // The script's moves are in range (tested); a refused move leaves the lever alone.
            let _ = scenario.set_lever(*id, *value);
        }
    }
    (scenario, from)
}

/// The levers step `i` changes from the step before, with their values then and now
/// (what "replay last change" shows).
pub fn changes_at(i: usize) -> Vec<(careflow_model::ParamSpec, f64, f64)> {
    let now = scenario_at(i).0;
    let before = if i == 0 {
        Scenario::default()
    } else {
        scenario_at(i - 1).0
    };
    careflow_model::parameters()
        .into_iter()
        .filter_map(|p| {
            let (a, b) = (before.lever(p.id), now.lever(p.id));
            ((a - b).abs() > 1e-12).then_some((p, a, b))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_moves_levers_in_range_and_shows_a_known_chart() {
        let charts = ["beds", "admissions", "delays", "deaths", "money"];
        assert!((6..=10).contains(&steps().len()));
        for (i, step) in steps().iter().enumerate() {
            assert!(charts.contains(&step.chart), "{}", step.title);
            let (s, _) = scenario_at(i);
            for (id, value) in step.moves {
                assert_eq!(s.lever(*id), *value, "{}: {id}", step.title);
                let spec = careflow_model::params::spec(*id);
                assert_eq!(
                    spec.group, step.group,
                    "{}: {id} is in the group on screen",
                    step.title
                );
            }
        }
        assert_eq!(scenario_at(2).1, "strategic-plan");
        assert_eq!(scenario_at(99), scenario_at(steps().len() - 1));
        let moved = changes_at(3);
        assert_eq!(moved.len(), 1);
        assert_eq!((moved[0].1, moved[0].2), (1450.0, 1394.0));
    }

    #[test]
    fn every_question_has_an_answer_from_the_model() {
        for (i, step) in steps().iter().enumerate() {
            let Some(q) = step.question else { continue };
            let r = careflow_model::run(&scenario_at(i).0).unwrap();
            let v = q.answer.figure(&r).unwrap();
            assert!(v.is_finite(), "{}", step.title);
            let words = q.answer.words(&r);
            assert!(!words.contains('–'), "{words}");
        }
        let dtoc = steps()[4].question.unwrap().answer;
        assert_eq!(dtoc.option_of(1.5), Some(0));
        assert_eq!(dtoc.option_of(2.5), Some(1));
        assert_eq!(dtoc.option_of(9.0), Some(2));
    }
}
