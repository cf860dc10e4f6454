//! What the workbench keeps in the browser, written by effects keyed on the state: the URL and
//! the autosave follow the scenario and its preset (the URL also the number of replications); the pins follow the pins. A storage that is
//! full or switched off puts a banner up; nothing else changes.
//!
//! The URL and the autosave are written off the input path: [`WRITE_MS`] after the scenario last
//! changed (replacing the URL and encoding the autosave cost several milliseconds, a lever step's
//! whole frame budget), and at once when the page is hidden or left, or when something reads the
//! URL ([`flush`], which `location::current_url` calls).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use careflow_model::Scenario;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::components::share_bar::Notice;
use crate::state::{Action, State};
use crate::storage::{BrowserStore, Pin};
use crate::uncertainty::ByPtr;

/// Quiet time after the last change of the scenario before the URL and the autosave are written
/// [ms].
pub const WRITE_MS: u32 = 250;

/// A write of the URL and the autosave still to do.
struct Pending {
    scenario: Rc<Scenario>,
    preset: String,
    replications: u32,
    dispatch: UseReducerDispatcher<State>,
    _timer: Timeout,
}

thread_local! {
    static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
}

/// Writes the URL and the autosave now if a write is pending.
pub fn flush() {
    let Some(p) = PENDING.with(|w| w.borrow_mut().take()) else {
        return;
    };
    crate::location::write_to_location(&p.scenario, &p.preset, p.replications);
    if let Err(why) = crate::storage::save_autosave(&BrowserStore, &p.scenario, &p.preset) {
        p.dispatch
            .dispatch(Action::Notify(Notice::storage("your scenario", why)));
    }
}

/// Keeps the URL, the autosave and the pins in step with `state`.
#[hook]
pub fn use_persistence(state: &UseReducerHandle<State>) {
    {
        let dispatch = state.dispatcher();
        use_effect_with(
            (
                state.scenario.clone(),
                state.preset.clone(),
                state.replications,
            ),
            move |(s, p, r)| {
                let pending = Pending {
                    scenario: s.clone(),
                    preset: p.clone(),
                    replications: *r,
                    dispatch,
                    _timer: Timeout::new(WRITE_MS, flush),
                };
                // Replacing a pending write cancels its timer.
                PENDING.with(|w| *w.borrow_mut() = Some(pending));
            },
        );
    }
    // A page hidden or left may not come back: what is pending is written then.
    use_effect_with((), |_| {
        let listeners = web_sys::window().map(|w| {
            let hidden = w
                .document()
                .map(|d| gloo::events::EventListener::new(&d, "visibilitychange", |_| flush()));
            (
                gloo::events::EventListener::new(&w, "pagehide", |_| flush()),
                hidden,
            )
        });
        move || {
            drop(listeners);
            flush();
        }
    });
    // The pins as loaded are already stored (and what could not be read of them stays as it was
    // until the user changes the pins).
    let loaded = use_memo((), |_| Cell::new(true));
    let dispatch = state.dispatcher();
    use_effect_with(ByPtr::<Vec<Pin>>(state.pins.clone()), move |pins| {
        if !loaded.replace(false) {
            if let Err(why) = crate::storage::save_pins(&BrowserStore, &pins.0) {
                dispatch.dispatch(Action::Notify(Notice::storage("the pinned scenarios", why)));
            }
        }
    });
}

/// The state a page opens in: a scenario link in the URL wins; otherwise the state autosaved in
/// this browser; and the pins kept in this browser. Whatever cannot be used is reported in the
/// banner and the rest is opened; nothing the user had is lost: a stored entry that cannot be
/// used in whole is kept aside as it was (`storage::set_aside`), and a working scenario that a
/// link replaces is saved in the library first ([`keep_before_link`]).
pub fn opened_state() -> State {
    let store = BrowserStore;
    let mut notice = None;
    let mut replications = None;
    let autosave = crate::storage::load_autosave(&store);
    let opened = if let Some(link) = crate::location::read_from_location() {
        let kept = keep_before_link(
            &store,
            autosave.value.as_ref(),
            &link.scenario,
            &link.preset,
        );
        if !link.problems.is_empty() || kept.is_some() {
            notice = Some(Notice {
                source: "This link".into(),
                problems: link.problems.clone(),
                kept: link.kept.len(),
                after: kept.unwrap_or_default(),
            });
        }
        replications = link.replications;
        Some((link.scenario, link.preset))
    } else {
        if !autosave.problems.is_empty() {
            let aside = aside_words(autosave.set_aside.as_deref());
            notice = Some(Notice {
                source: "The scenario kept from your last visit".into(),
                problems: autosave.problems.clone(),
                kept: 0,
                after: if autosave.value.is_some() {
                    format!("The rest of it is open.{aside}")
                } else {
                    format!("The baseline is open instead.{aside}")
                },
            });
        }
        autosave
            .value
            .map(|saved| (saved.scenario, Some(saved.preset)))
    };
    let mut state = match opened {
        Some((scenario, preset)) => State::default().apply(Action::Load {
            scenario: Rc::new(scenario),
            preset,
        }),
        None => State::default(),
    };
    let pins = crate::storage::load_pins(&store);
    if notice.is_none() && !pins.problems.is_empty() {
        let n = pins.value.len();
        notice = Some(Notice {
            source: "The pinned scenarios kept from your last visit".into(),
            problems: pins.problems,
            kept: 0,
            after: format!(
                "{n} pin{} shown.{}",
                if n == 1 { " is" } else { "s are" },
                aside_words(pins.set_aside.as_deref())
            ),
        });
    }
    state.pins = Rc::new(pins.value);
    state.notice = notice;
    if let Some(r) = replications {
        state.replications = r;
    }
    state
}

/// Where an entry that could not be used in whole is kept, in words for the banner.
fn aside_words(key: Option<&str>) -> String {
    key.map(|k| {
        format!(" The entry as it was is kept, unchanged, in this browser's storage under {k}.")
    })
    .unwrap_or_default()
}

/// Saves the autosaved working scenario in the library when the link about to open replaces it
/// with a different one (and the library does not already hold it); returns what to tell the user.
fn keep_before_link(
    store: &BrowserStore,
    saved: Option<&crate::storage::Saved>,
    scenario: &Scenario,
    preset: &Option<String>,
) -> Option<String> {
    let saved = saved?;
    let same_preset = preset.as_deref().is_none_or(|p| p == saved.preset);
    if saved.scenario == *scenario && same_preset {
        return None;
    }
    let library = crate::storage::library(store);
    if library
        .entries
        .iter()
        .any(|(_, e)| e.scenario == saved.scenario && e.preset == saved.preset)
    {
        return None;
    }
    let now = js_sys::Date::now();
    let name = crate::storage::unique_name(
        library.names(),
        &format!(
            "Before a link, {}",
            crate::components::library_panel::when(now)
        ),
    );
    let entry = crate::storage::Named::new(
        &name,
        "The working scenario this browser kept, saved here when a link opened another.",
        now,
        &saved.preset,
        saved.scenario.clone(),
    );
    match crate::storage::save_named(store, None, &entry) {
        Ok(_) => Some(format!(
            "The scenario you were working on is saved in your library as “{name}”."
        )),
        Err(why) => Some(format!(
            "The scenario you were working on could not be saved in your library ({why})."
        )),
    }
}
