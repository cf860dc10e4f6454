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
    /// What "Undo" goes back to, the latest last (at most [`HISTORY`]).
    pub undo: Rc<Vec<Edit>>,
    /// What "Redo" goes forward to, the next last; emptied by any new change.
    pub redo: Rc<Vec<Edit>>,
    /// The lever the latest change moved: further moves of it join that change in the history.
    pub last_lever: Option<LeverId>,
}

/// Changes "Undo" can take back.
pub const HISTORY: usize = 100;

/// The part of the state a change of the scenario changes, as it was before the change, and what
/// the change was in words ("Undo: …").
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub what: String,
    scenario: Rc<Scenario>,
    preset: String,
    modified: bool,
    current: Option<(String, Named)>,
    replications: u32,
    years: (usize, usize, usize),
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
            undo: Rc::default(),
            redo: Rc::default(),
            last_lever: None,
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
    /// Take back the latest change of the scenario (lever, preset, seed, replications, an opened
    /// file or saved scenario).
    Undo,
    /// Make again the change "Undo" took back.
    Redo,
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
            Action::Undo => next.travel(true),
            Action::Redo => next.travel(false),
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
    /// The state after `action`, with the change it made to the scenario kept for "Undo".
    pub fn act(&self, action: Action) -> State {
        let lever = match &action {
            Action::SetLever { id, .. } | Action::ResetLever(id) => Some(*id),
            _ => None,
        };
        let what = match &action {
            Action::SetLever { id, .. } => {
                format!("move of {}", careflow_model::params::spec(*id).label)
            }
            Action::ResetLever(id) => {
                format!("reset of {}", careflow_model::params::spec(*id).label)
            }
            Action::ChoosePreset(id) => format!(
                "choice of {}",
                preset(id).map(|p| p.name.to_string()).unwrap_or_default()
            ),
            Action::Load { .. } | Action::OpenFile(_) => "opening of a scenario".into(),
            Action::OpenSaved { entry, .. } => format!("opening of {}", entry.name),
            Action::SetSeed(_) | Action::SetUncertainty { .. } => {
                "change of the replications' settings".into()
            }
            _ => return self.apply(action),
        };
        let mut next = self.apply(action);
        // Nothing the history keeps changed (a refused value, the preset already on screen):
        // compared in place, without copying the library entry on every lever step.
        let same = Rc::ptr_eq(&next.scenario, &self.scenario) || next.scenario == self.scenario;
        if same
            && next.preset == self.preset
            && next.modified == self.modified
            && next.current == self.current
            && next.replications == self.replications
        {
            return next;
        }
        // Moves of one lever in a row are one change (a drag, or steps of the keyboard).
        if lever.is_none() || lever != self.last_lever || self.undo.is_empty() {
            let mut undo = (*self.undo).clone();
            undo.push(self.edit(what));
            if undo.len() > HISTORY {
                undo.remove(0);
            }
            next.undo = Rc::new(undo);
        }
        next.redo = Rc::default();
        next.last_lever = lever;
        next
    }

    /// One step back in the history (`back`) or forward: the edit left behind goes on the other
    /// list, so the step can be made again the other way.
    fn travel(&mut self, back: bool) {
        let (from, to) = if back {
            (&self.undo, &self.redo)
        } else {
            (&self.redo, &self.undo)
        };
        let (mut from, mut to) = ((**from).clone(), (**to).clone());
        if let Some(edit) = from.pop() {
            to.push(self.edit(edit.what.clone()));
            self.restore(edit);
            let (from, to) = (Rc::new(from), Rc::new(to));
            (self.undo, self.redo) = if back { (from, to) } else { (to, from) };
        }
        self.last_lever = None;
    }

    /// What a change would change, as it is now.
    fn edit(&self, what: String) -> Edit {
        Edit {
            what,
            scenario: self.scenario.clone(),
            preset: self.preset.clone(),
            modified: self.modified,
            current: self.current.clone(),
            replications: self.replications,
            years: (self.first_year, self.last_year, self.kpi_year),
        }
    }

    /// Puts back what `edit` kept; the years shown go back too when the scenario's length does.
    fn restore(&mut self, edit: Edit) {
        if edit.scenario.years != self.scenario.years {
            (self.first_year, self.last_year, self.kpi_year) = edit.years;
        }
        self.scenario = edit.scenario;
        self.preset = edit.preset;
        self.modified = edit.modified;
        self.current = edit.current;
        self.replications = edit.replications;
    }

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
        let next = self.act(action);
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

    #[test]
    fn undo_takes_back_each_change_and_redo_makes_it_again() {
        let beds = LeverId::BedsEscalationBeds;
        let start = State::default();
        // Three steps of one lever are one change; a preset and a seed are one each.
        let mut s = start.clone();
        for v in [10.0, 20.0, 30.0] {
            s = s.act(Action::SetLever { id: beds, value: v });
        }
        let moved = s.clone();
        let s = s.act(Action::ChoosePreset("winter-surge".into()));
        let surge = s.clone();
        let s = s.act(Action::SetUncertainty {
            seed: 7,
            replications: 20,
        });
        assert_eq!(s.undo.len(), 3);
        assert!(s.undo[0].what.contains("move of"), "{}", s.undo[0].what);
        assert!(s.undo[1].what.contains("Winter"), "{}", s.undo[1].what);
        // Taking back all three returns to the start, change by change.
        let s = s.act(Action::Undo);
        assert_eq!(
            (s.scenario.clone(), s.replications),
            (surge.scenario.clone(), surge.replications)
        );
        let s = s.act(Action::Undo);
        assert_eq!(
            (&s.scenario, &s.preset, s.modified),
            (&moved.scenario, &moved.preset, true)
        );
        let s = s.act(Action::Undo);
        assert_eq!(
            (&s.scenario, &s.preset, s.modified),
            (&start.scenario, &start.preset, false)
        );
        assert!(s.undo.is_empty() && s.redo.len() == 3);
        // Nothing left to undo: nothing changes.
        assert_eq!(s.act(Action::Undo), s);
        // Redo goes forward again; a new change empties what is left to redo.
        let s = s.act(Action::Redo).act(Action::Redo);
        assert_eq!(s.scenario, surge.scenario);
        let s = s.act(Action::SetLever {
            id: beds,
            value: 5.0,
        });
        assert!(s.redo.is_empty());
        assert_eq!(s.undo.len(), 3);
        // A step of the lever after an undo is a change of its own.
        let s = s.act(Action::Undo).act(Action::SetLever {
            id: beds,
            value: 6.0,
        });
        let s = s
            .act(Action::SetLever {
                id: beds,
                value: 7.0,
            })
            .act(Action::Undo);
        assert_eq!(s.scenario, surge.scenario);
        // What is not a change of the scenario is not in the history.
        let s = s.act(Action::SetKpiYear(0)).act(Action::PinCurrent);
        assert_eq!(s.undo.len(), 2);
    }

    #[test]
    fn the_history_keeps_the_latest_changes() {
        let mut s = State::default();
        for i in 0..(HISTORY as u64 + 20) {
            s = s.act(Action::SetSeed(i + 1));
        }
        assert_eq!(s.undo.len(), HISTORY);
        assert_eq!(s.undo[0].scenario.seed, 20);
    }
}
