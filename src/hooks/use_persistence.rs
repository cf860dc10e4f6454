//! What the workbench keeps in the browser, written by effects keyed on the state: the URL and
//! the autosave follow the scenario and its preset; the pins follow the pins. A storage that is
//! full or switched off puts a banner up; nothing else changes.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::components::share_bar::Notice;
use crate::state::{Action, State};
use crate::storage::{BrowserStore, Pin};
use crate::uncertainty::ByPtr;

/// Keeps the URL, the autosave and the pins in step with `state`.
#[hook]
pub fn use_persistence(state: &UseReducerHandle<State>) {
    {
        let dispatch = state.dispatcher();
        use_effect_with(
            (state.scenario.clone(), state.preset.clone()),
            move |(s, p)| {
                crate::location::write_to_location(s, p);
                if let Err(why) = crate::storage::save_autosave(&BrowserStore, s, p) {
                    dispatch.dispatch(Action::Notify(Notice::storage("your scenario", why)));
                }
            },
        );
    }
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
/// banner and the rest is opened.
pub fn opened_state() -> State {
    let mut notice = None;
    let opened = if let Some(link) = crate::location::read_from_location() {
        if !link.problems.is_empty() {
            notice = Some(Notice {
                source: "This link".into(),
                problems: link.problems.clone(),
                kept: link.kept.len(),
            });
        }
        Some((link.scenario, link.preset))
    } else {
        match crate::storage::load_autosave(&BrowserStore) {
            Ok(Some(saved)) => Some((saved.scenario, Some(saved.preset))),
            Ok(None) => None,
            Err(problems) => {
                notice = Some(Notice {
                    source: "The scenario kept from your last visit".into(),
                    problems,
                    kept: 0,
                });
                None
            }
        }
    };
    let mut state = match opened {
        Some((scenario, preset)) => State::default().apply(Action::Load {
            scenario: Rc::new(scenario),
            preset,
        }),
        None => State::default(),
    };
    let (pins, problems) = crate::storage::load_pins(&BrowserStore);
    if notice.is_none() && !problems.is_empty() {
        notice = Some(Notice {
            source: "The pinned scenarios kept from your last visit".into(),
            problems,
            kept: pins.len(),
        });
    }
    state.pins = Rc::new(pins);
    state.notice = notice;
    state
}
