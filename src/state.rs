//! The app state and its reducer: the scenario being explored, the preset it started from, whether
//! a lever has moved since, and which years the KPIs and charts show. Everything the page shows is a
//! pure function of this state (results are memoised from `scenario`).

use std::rc::Rc;

use careflow_model::{presets, LeverId, Scenario};
use yew::prelude::*;

/// The id of the reference preset every result is compared with.
pub const REFERENCE: &str = "do-nothing";
/// The KPI year shown first: the plan's horizon (by March 2013).
pub const DEFAULT_KPI_YEAR: &str = "2012/13";

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The scenario being explored. Its `seed` is the one place the seed is kept: the link, the
    /// uncertainty panel and the replications in the workers all read it from here.
    pub scenario: Rc<Scenario>,
    /// The preset it started from (id).
    pub preset: String,
    /// A lever has moved since the preset was chosen.
    pub modified: bool,
    /// Year (index) the KPIs and chart titles speak about.
    pub kpi_year: usize,
    /// First and last year (indices, inclusive) the charts show.
    pub first_year: usize,
    pub last_year: usize,
}

impl Default for State {
    fn default() -> Self {
        let scenario = Scenario::default();
        let years = scenario.years as usize;
        let kpi_year = (0..scenario.years)
            .position(|i| scenario.year_label(i) == DEFAULT_KPI_YEAR)
            .unwrap_or(years.saturating_sub(1));
        State {
            scenario: Rc::new(scenario),
            preset: REFERENCE.into(),
            modified: false,
            kpi_year,
            first_year: 0,
            last_year: years.saturating_sub(1),
        }
    }
}

/// Everything the user can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Move a lever (already range-checked by the lever; refused again here if out of range).
    SetLever { id: LeverId, value: f64 },
    /// Put a lever back to its calibrated baseline value.
    ResetLever(LeverId),
    /// Start again from a preset (by id), keeping the seed.
    ChoosePreset(String),
    /// Choose the KPI year (index).
    SetKpiYear(usize),
    /// Choose the years the charts show (indices, inclusive; swapped if reversed).
    SetYears { first: usize, last: usize },
    /// Open a whole scenario (from a link or a file), started from `preset` if it names one.
    Load {
        scenario: Rc<Scenario>,
        preset: Option<String>,
    },
    /// Fix the seed of the stochastic engine (carried in the link).
    SetSeed(u64),
}

impl State {
    /// The next state after `action` (pure; the reducer below wraps it).
    pub fn apply(&self, action: Action) -> State {
        let mut next = self.clone();
        let years = self.scenario.years as usize;
        let max = years.saturating_sub(1);
        match action {
            Action::SetLever { id, value } => {
                if self.scenario.lever(id) == value {
                    return next;
                }
                let mut s = (*self.scenario).clone();
                if s.set_lever(id, value).is_ok() {
                    next.scenario = Rc::new(s);
                    next.modified = true;
                }
            }
            Action::ResetLever(id) => {
                let value = Scenario::default().lever(id);
                return self.apply(Action::SetLever { id, value });
            }
            Action::ChoosePreset(id) => {
                if let Some(p) = presets().into_iter().find(|p| p.id == id) {
                    // The seed is the user's choice, not the preset's: it stays, so the link, the
                    // uncertainty panel and the replications keep the seed the user set.
                    let mut s = p.scenario;
                    s.seed = self.scenario.seed;
                    next.scenario = Rc::new(s);
                    next.preset = id;
                    next.modified = false;
                }
            }
            Action::Load { scenario, preset } => {
                let mut reference = preset
                    .as_deref()
                    .and_then(careflow_model::preset)
                    .map(|p| p.scenario)
                    .unwrap_or_default();
                // The seed is not a lever (a preset keeps the user's seed): a preset opened with
                // another seed is not marked modified, just as it was not on the page that made
                // the link.
                reference.seed = scenario.seed;
                next.modified = *scenario != reference;
                next.preset = preset.unwrap_or_else(|| REFERENCE.into());
                if scenario.years != self.scenario.years {
                    let last = (scenario.years as usize).saturating_sub(1);
                    next.first_year = 0;
                    next.last_year = last;
                    next.kpi_year = next.kpi_year.min(last);
                }
                next.scenario = scenario;
            }
            Action::SetSeed(seed) => {
                if self.scenario.seed != seed {
                    let mut s = (*self.scenario).clone();
                    s.seed = seed;
                    next.scenario = Rc::new(s);
                }
            }
            Action::SetKpiYear(i) => next.kpi_year = i.min(max),
            Action::SetYears { first, last } => {
                let (a, b) = if first <= last {
                    (first, last)
                } else {
                    (last, first)
                };
                next.first_year = a.min(max);
                next.last_year = b.min(max);
            }
        }
        next
    }
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = self.apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lever_moves_mark_modified_and_presets_clear_it() {
        let s = State::default();
        assert_eq!(s.scenario.year_label(s.kpi_year as u32), "2012/13");
        let s = s.apply(Action::ChoosePreset("strategic-plan".into()));
        assert!(!s.modified);
        let s = s.apply(Action::SetLever {
            id: LeverId::BedsEscalationBeds,
            value: 10.0,
        });
        assert!(s.modified);
        assert_eq!(s.scenario.lever(LeverId::BedsEscalationBeds), 10.0);
        // Out of range: refused, state unchanged.
        let t = s.apply(Action::SetLever {
            id: LeverId::BedsEscalationBeds,
            value: -5.0,
        });
        assert_eq!(t, s);
        let base = Scenario::default().lever(LeverId::BedsEscalationBeds);
        let s = s.apply(Action::ResetLever(LeverId::BedsEscalationBeds));
        assert_eq!(s.scenario.lever(LeverId::BedsEscalationBeds), base);
        let s = s.apply(Action::SetYears { first: 4, last: 1 });
        assert_eq!((s.first_year, s.last_year), (1, 4));
    }

    #[test]
    fn loading_a_scenario_keeps_its_preset_and_marks_changes() {
        let plan = careflow_model::preset("strategic-plan").unwrap().scenario;
        let s = State::default().apply(Action::Load {
            scenario: Rc::new(plan.clone()),
            preset: Some("strategic-plan".into()),
        });
        assert_eq!(s.preset, "strategic-plan");
        assert!(!s.modified);
        let mut reseeded = plan.clone();
        reseeded.seed += 1;
        let s = s.apply(Action::Load {
            scenario: Rc::new(reseeded),
            preset: Some("strategic-plan".into()),
        });
        assert!(!s.modified, "another seed alone is not a lever move");
        let mut moved = plan;
        moved.set_lever(LeverId::BedsEscalationBeds, 10.0).unwrap();
        let s = s.apply(Action::Load {
            scenario: Rc::new(moved),
            preset: Some("strategic-plan".into()),
        });
        assert!(
            s.modified,
            "a different scenario from the preset is marked modified"
        );
        let s = s.apply(Action::SetSeed(99));
        assert_eq!(s.scenario.seed, 99);
    }

    #[test]
    fn a_preset_keeps_the_seed_and_its_link_reopens_the_same_state() {
        let s = State::default().apply(Action::SetSeed(12345));
        let s = s.apply(Action::ChoosePreset("strategic-plan".into()));
        assert_eq!(s.scenario.seed, 12345);
        let plan = careflow_model::preset("strategic-plan").unwrap().scenario;
        assert_eq!(
            s.scenario.lever(LeverId::BedsEscalationBeds),
            plan.lever(LeverId::BedsEscalationBeds)
        );
        assert!(!s.modified);
        // What a fresh page does with the link: decode it and load it.
        let link = careflow_model::share::encode_link(&s.scenario, Some(&s.preset));
        let d = careflow_model::share::decode_link(&link);
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        let opened = State::default().apply(Action::Load {
            scenario: Rc::new(d.scenario),
            preset: d.preset,
        });
        assert_eq!(opened, s);
    }
}
