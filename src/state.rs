//! The app state and its reducer: the scenario being explored, the preset it started from, whether
//! a lever has moved since, which years the KPIs and charts show, the pinned scenarios, the library
//! entry on screen, an opened sweep, the banner and the replication setting. Everything the page
//! shows is a pure function of this state (results are memoised from `scenario`); what is kept in
//! the browser (URL, autosave, pins) is written by effects keyed on it (`hooks::use_persistence`).

use std::rc::Rc;

use careflow_charts::compare::MAX_PINS;
use careflow_model::{preset, presets, LeverId, Scenario};
use yew::prelude::*;

use crate::components::share_bar::Notice;
use crate::storage::{unique_name, Named, Pin};
use crate::sweep_import::Sweep;
use crate::uncertainty::DEFAULT_REPLICATIONS;

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
    /// Scenarios pinned beside this one (at most `MAX_PINS`; kept in this browser).
    pub pins: Rc<Vec<Pin>>,
    /// The library entry on screen (key and entry), when the scenario came from or was saved to
    /// the library.
    pub current: Option<(String, Named)>,
    /// A merged sweep opened from a file, its name, and whether its points were pinned.
    pub sweep: Option<(String, Rc<Sweep>, bool)>,
    /// The banner: what could not be used of an opened link, file or stored data.
    pub notice: Option<Notice>,
    /// Discrete-event replications per batch (the uncertainty panel's setting).
    pub replications: u32,
    /// The workshop pack is open in place of the workbench.
    pub show_pack: bool,
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
            pins: Rc::default(),
            current: None,
            sweep: None,
            notice: None,
            replications: DEFAULT_REPLICATIONS,
            show_pack: false,
        }
    }
}

/// Everything the user can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Move a lever (already range-checked by the lever; refused again here if out of range).
    SetLever {
        id: LeverId,
        value: f64,
    },
    /// Put a lever back to its calibrated baseline value.
    ResetLever(LeverId),
    /// Start again from a preset (by id), keeping the seed.
    ChoosePreset(String),
    /// Choose the KPI year (index).
    SetKpiYear(usize),
    /// Choose the years the charts show (indices, inclusive; swapped if reversed).
    SetYears {
        first: usize,
        last: usize,
    },
    /// Open a whole scenario (from a link or a file), started from `preset` if it names one.
    Load {
        scenario: Rc<Scenario>,
        preset: Option<String>,
    },
    /// Fix the seed of the stochastic engine (carried in the link).
    SetSeed(u64),
    /// The uncertainty panel's seed and number of replications.
    SetUncertainty {
        seed: u64,
        replications: u32,
    },
    /// Open a scenario from a file: no library entry on screen, the banner cleared.
    OpenFile(Rc<Scenario>),
    /// Open a library entry (by key).
    OpenSaved {
        key: String,
        entry: Named,
    },
    /// The scenario on screen was saved to the library under `key`.
    Saved {
        key: String,
        entry: Named,
    },
    /// Pin the scenario on screen, under the name it shows.
    PinCurrent,
    /// Pin a library entry.
    PinSaved(Named),
    /// Remove the pin at this position.
    Unpin(usize),
    ClearPins,
    /// A merged sweep opened from a file: its points pinned when they fit beside the pins already
    /// there (nothing the user pinned is dropped), and always tabulated.
    OpenSweep {
        name: String,
        sweep: Rc<Sweep>,
    },
    CloseSweep,
    /// Show a banner (replacing any other).
    Notify(Notice),
    DismissNotice,
    /// Open or close the workshop pack.
    ShowPack(bool),
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
                    next.current = None;
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
            Action::SetUncertainty { seed, replications } => {
                next = next.apply(Action::SetSeed(seed));
                next.replications = replications;
            }
            Action::OpenFile(scenario) => {
                next = next.apply(Action::Load {
                    scenario,
                    preset: None,
                });
                next.current = None;
                next.notice = None;
            }
            Action::OpenSaved { key, entry } => {
                next = next.apply(Action::Load {
                    scenario: Rc::new(entry.scenario.clone()),
                    preset: Some(entry.preset.clone()),
                });
                next.current = Some((key, entry));
            }
            Action::Saved { key, entry } => next.current = Some((key, entry)),
            Action::PinCurrent => {
                let (name, _) = self.on_screen();
                next.pin(name, self.preset.clone(), (*self.scenario).clone());
            }
            Action::PinSaved(e) => next.pin(e.name, e.preset, e.scenario),
            Action::Unpin(i) => {
                if i < self.pins.len() {
                    let mut pins = (*self.pins).clone();
                    pins.remove(i);
                    next.pins = Rc::new(pins);
                }
            }
            Action::ClearPins => {
                if !self.pins.is_empty() {
                    next.pins = Rc::default();
                }
            }
            Action::OpenSweep { name, sweep } => {
                let new = sweep
                    .pins()
                    .filter(|p| self.pins.len() + p.len() <= MAX_PINS);
                let pinned = new.is_some();
                for p in new.into_iter().flatten() {
                    next.pin(p.name, p.preset, p.scenario);
                }
                next.sweep = Some((name, sweep, pinned));
            }
            Action::CloseSweep => next.sweep = None,
            Action::Notify(n) => next.notice = Some(n),
            Action::DismissNotice => next.notice = None,
            Action::ShowPack(open) => next.show_pack = open,
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

impl State {
    /// Adds a pin under a name no other pin has, unless `MAX_PINS` are pinned already.
    fn pin(&mut self, name: String, preset: String, scenario: Scenario) {
        if self.pins.len() >= MAX_PINS {
            return;
        }
        let mut pins = (*self.pins).clone();
        let name = unique_name(pins.iter().map(|p| p.name.as_str()), &name);
        pins.push(Pin {
            name,
            preset,
            scenario,
        });
        self.pins = Rc::new(pins);
    }

    /// The name and description of the scenario on screen: the library entry's when it came from
    /// the library, else the preset's ("Strategic Plan 2009-12 (changed)" once a lever has moved).
    pub fn on_screen(&self) -> (String, String) {
        if let Some((_, e)) = &self.current {
            return (e.name.clone(), e.description.clone());
        }
        let p = preset(&self.preset);
        let name = p.as_ref().map(|p| p.name.to_string()).unwrap_or_default();
        let name = if self.modified {
            format!("{name} (changed)")
        } else {
            name
        };
        (
            name,
            p.map(|p| p.description.to_string()).unwrap_or_default(),
        )
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

    #[test]
    fn pins_have_unique_names_stop_at_the_limit_and_a_sweep_never_drops_them() {
        let s = State::default().apply(Action::PinCurrent);
        let s = s.apply(Action::PinCurrent);
        let names: Vec<&str> = s.pins.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names.len(), 2);
        assert_ne!(names[0], names[1], "two pins under one name");
        let mut full = s.clone();
        for _ in 0..MAX_PINS + 2 {
            full = full.apply(Action::PinCurrent);
        }
        assert_eq!(full.pins.len(), MAX_PINS);
        let s = s.apply(Action::Unpin(0)).apply(Action::Unpin(7));
        assert_eq!(s.pins.len(), 1);
        assert_eq!(s.apply(Action::ClearPins).pins.len(), 0);
    }

    #[test]
    fn opening_a_file_clears_the_library_entry_and_the_banner_and_keeps_the_pins() {
        let entry = Named::new(
            "Plan A",
            "written",
            0.0,
            "strategic-plan",
            careflow_model::preset("strategic-plan").unwrap().scenario,
        );
        let s = State::default()
            .apply(Action::OpenSaved {
                key: "k".into(),
                entry: entry.clone(),
            })
            .apply(Action::PinCurrent);
        assert_eq!(s.on_screen().0, "Plan A");
        assert_eq!(s.pins[0].name, "Plan A");
        let s = s.apply(Action::Notify(Notice::storage("x", "full".into())));
        assert!(s.notice.is_some());
        let s = s.apply(Action::OpenFile(Rc::new(Scenario::default())));
        assert!(s.current.is_none() && s.notice.is_none());
        assert_eq!(s.pins.len(), 1);
        assert_eq!(s.on_screen().0, "Do nothing");
        // A preset, too, leaves the library entry.
        let s = State::default()
            .apply(Action::OpenSaved {
                key: "k".into(),
                entry,
            })
            .apply(Action::ChoosePreset("do-nothing".into()));
        assert!(s.current.is_none());
    }

    #[test]
    fn the_uncertainty_panel_sets_the_one_seed() {
        let s = State::default().apply(Action::SetUncertainty {
            seed: 4242,
            replications: 20,
        });
        assert_eq!((s.scenario.seed, s.replications), (4242, 20));
        let s = s.apply(Action::ChoosePreset("winter-surge".into()));
        assert_eq!(s.scenario.seed, 4242);
    }
}
