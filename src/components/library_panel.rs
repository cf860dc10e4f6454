//! Saved scenarios: save the scenario on screen under a name and description, and list what this
//! browser keeps (newest first, with date and preset of origin) to open, pin, rename, duplicate or
//! delete. Entries that cannot be read are reported and left untouched. Everything stays in this
//! browser (localStorage, see `crate::storage`).

use std::rc::Rc;

use careflow_model::Scenario;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::storage::{self, BrowserStore, Named};

#[derive(Properties, PartialEq)]
pub struct LibraryPanelProps {
    /// The scenario on screen (what "Save" keeps).
    pub scenario: Rc<Scenario>,
    /// The preset it started from (id).
    pub preset: AttrValue,
    /// The saved entry the scenario on screen was opened from or saved as (key), if any.
    pub current_key: Option<AttrValue>,
    /// Names of the scenarios pinned for comparison.
    pub pinned: Rc<Vec<String>>,
    /// Whether another pin fits.
    pub can_pin: bool,
    /// Open an entry: (key, entry).
    pub on_open: Callback<(String, Named)>,
    /// The scenario on screen was saved as (key, entry).
    pub on_saved: Callback<(String, Named)>,
    /// Pin an entry for comparison.
    pub on_pin: Callback<Named>,
}

/// "25 Nov 2026, 14:03" in the browser's time zone.
pub fn when(ms: f64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    if ms <= 0.0 {
        return "date unknown".into();
    }
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{} {} {}, {:02}:{:02}",
        d.get_date(),
        MONTHS[(d.get_month() as usize).min(11)],
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

fn preset_name(id: &str) -> String {
    careflow_model::preset(id)
        .map(|p| p.name.to_string())
        .unwrap_or_else(|| id.to_string())
}

/// What an entry's row is asking.
#[derive(Clone, PartialEq)]
enum Mode {
    Idle,
    /// (key, the name as typed so far).
    Renaming(String, String),
    ConfirmDelete(String),
}

#[component]
pub fn LibraryPanel(props: &LibraryPanelProps) -> Html {
    let library = use_state(|| Rc::new(storage::library(&BrowserStore)));
    let status = use_state(|| None::<(bool, String)>);
    let mode = use_state(|| Mode::Idle);
    // What the user has typed (None: not touched, so the defaults show). Kept in state so a
    // re-render never loses typing.
    let draft_name = use_state(|| None::<String>);
    let draft_description = use_state(|| None::<String>);
    // A save whose name is taken waits here for "Replace" or "Save as new".
    let conflict = use_state(|| None::<(String, Named)>);

    let refresh = {
        let library = library.clone();
        move || library.set(Rc::new(storage::library(&BrowserStore)))
    };
    let write = {
        let status = status.clone();
        let refresh = refresh.clone();
        let on_saved = props.on_saved.clone();
        move |key: Option<String>, entry: Named, announce: &str, is_current: bool| {
            match storage::save_named(&BrowserStore, key.as_deref(), &entry) {
                Ok(k) => {
                    status.set(Some((false, format!("{announce} “{}”.", entry.name))));
                    if is_current {
                        on_saved.emit((k, entry));
                    }
                }
                Err(e) => status.set(Some((true, format!("Not saved: {e}.")))),
            }
            refresh();
        }
    };

    let current = props
        .current_key
        .as_ref()
        .and_then(|k| library.entries.iter().find(|(key, _)| key == k.as_str()));
    let default_name = current
        .map(|(_, e)| e.name.clone())
        .unwrap_or_else(|| preset_name(&props.preset));
    let default_description = current
        .map(|(_, e)| e.description.clone())
        .unwrap_or_default();
    let name_value = (*draft_name)
        .clone()
        .unwrap_or_else(|| default_name.clone());
    let description_value = (*draft_description)
        .clone()
        .unwrap_or_else(|| default_description.clone());

    let on_save = {
        let scenario = props.scenario.clone();
        let preset = props.preset.clone();
        let library = library.clone();
        let conflict = conflict.clone();
        let write = write.clone();
        let (name, description) = (name_value.clone(), description_value.clone());
        let (draft_name, draft_description) = (draft_name.clone(), draft_description.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let entry = Named::new(
                &name,
                &description,
                js_sys::Date::now(),
                &preset,
                (*scenario).clone(),
            );
            draft_name.set(None);
            draft_description.set(None);
            match library.entries.iter().find(|(_, e)| e.name == entry.name) {
                Some((key, _)) => conflict.set(Some((key.clone(), entry))),
                None => {
                    conflict.set(None);
                    write(None, entry, "Saved", true)
                }
            }
        })
    };
    let on_name_input = {
        let draft_name = draft_name.clone();
        Callback::from(move |e: InputEvent| {
            draft_name.set(Some(e.target_unchecked_into::<HtmlInputElement>().value()))
        })
    };
    let on_description_input = {
        let draft_description = draft_description.clone();
        Callback::from(move |e: InputEvent| {
            draft_description.set(Some(
                e.target_unchecked_into::<HtmlTextAreaElement>().value(),
            ))
        })
    };
    let on_replace = {
        let conflict = conflict.clone();
        let write = write.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some((key, entry)) = (*conflict).clone() {
                conflict.set(None);
                write(Some(key), entry, "Replaced", true);
            }
        })
    };
    let on_save_new = {
        let conflict = conflict.clone();
        let write = write.clone();
        let library = library.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some((_, mut entry)) = (*conflict).clone() {
                entry.name = storage::unique_name(library.names(), &entry.name);
                conflict.set(None);
                write(None, entry, "Saved", true);
            }
        })
    };
    let on_cancel_conflict = {
        let conflict = conflict.clone();
        Callback::from(move |_: MouseEvent| conflict.set(None))
    };

    let count = library.entries.len();

    let row = |(key, entry): &(String, Named)| -> Html {
        let open = {
            let on_open = props.on_open.clone();
            let key = key.clone();
            let entry = entry.clone();
            let status = status.clone();
            Callback::from(move |_: MouseEvent| {
                status.set(Some((false, format!("Opened “{}”.", entry.name))));
                on_open.emit((key.clone(), entry.clone()))
            })
        };
        let pin = {
            let on_pin = props.on_pin.clone();
            let entry = entry.clone();
            Callback::from(move |_: MouseEvent| on_pin.emit(entry.clone()))
        };
        let start_rename = {
            let mode = mode.clone();
            let key = key.clone();
            let name = entry.name.clone();
            Callback::from(move |_: MouseEvent| mode.set(Mode::Renaming(key.clone(), name.clone())))
        };
        let duplicate = {
            let write = write.clone();
            let library = library.clone();
            let entry = entry.clone();
            Callback::from(move |_: MouseEvent| {
                let copy = Named {
                    name: storage::unique_name(library.names(), &format!("Copy of {}", entry.name)),
                    saved_at: js_sys::Date::now(),
                    ..entry.clone()
                };
                write(None, copy, "Duplicated as", false)
            })
        };
        let ask_delete = {
            let mode = mode.clone();
            let key = key.clone();
            Callback::from(move |_: MouseEvent| mode.set(Mode::ConfirmDelete(key.clone())))
        };
        let cancel = {
            let mode = mode.clone();
            Callback::from(move |_: MouseEvent| mode.set(Mode::Idle))
        };
        let is_pinned = props.pinned.iter().any(|n| n == &entry.name);
        let is_current = props.current_key.as_deref() == Some(key.as_str());
        let title_id = format!("saved-{}", key.trim_start_matches(storage::SAVED_PREFIX));
        let body = match &*mode {
            Mode::Renaming(k, typed) if k == key => {
                let on_rename_input = {
                    let mode = mode.clone();
                    let key = key.clone();
                    Callback::from(move |e: InputEvent| {
                        let v = e.target_unchecked_into::<HtmlInputElement>().value();
                        mode.set(Mode::Renaming(key.clone(), v))
                    })
                };
                let save_rename = {
                    let write = write.clone();
                    let name = typed.clone();
                    let key = key.clone();
                    let entry = entry.clone();
                    let mode = mode.clone();
                    Callback::from(move |e: SubmitEvent| {
                        e.prevent_default();
                        let renamed = Named {
                            name: storage::clean_name(&name),
                            ..entry.clone()
                        };
                        mode.set(Mode::Idle);
                        write(Some(key.clone()), renamed, "Renamed to", is_current)
                    })
                };
                html! {
                    <form class="rename" onsubmit={save_rename}>
                        <label for="rename-input">{ "New name" }</label>
                        <input id="rename-input" type="text" maxlength="80"
                            value={typed.clone()} oninput={on_rename_input} />
                        <button type="submit">{ "Save name" }</button>
                        <button type="button" onclick={cancel}>{ "Cancel" }</button>
                    </form>
                }
            }
            Mode::ConfirmDelete(k) if k == key => {
                let delete = {
                    let key = key.clone();
                    let name = entry.name.clone();
                    let mode = mode.clone();
                    let status = status.clone();
                    let refresh = refresh.clone();
                    Callback::from(move |_: MouseEvent| {
                        storage::delete_named(&BrowserStore, &key);
                        mode.set(Mode::Idle);
                        status.set(Some((false, format!("Deleted “{name}”."))));
                        refresh();
                    })
                };
                html! {
                    <div class="confirm" role="group" aria-label="Confirm delete">
                        <span>{ format!("Delete “{}” from this browser?", entry.name) }</span>
                        <button type="button" class="danger" onclick={delete}>{ "Delete" }</button>
                        <button type="button" onclick={cancel}>{ "Keep it" }</button>
                    </div>
                }
            }
            _ => html! {
                <div class="actions" role="group" aria-labelledby={title_id.clone()}>
                    <button type="button" onclick={open}>{ "Open" }</button>
                    <button type="button" onclick={pin} disabled={is_pinned || !props.can_pin}
                        title={if is_pinned { "Already pinned" } else if !props.can_pin { "Four scenarios are pinned; unpin one first" } else { "" }}>
                        { if is_pinned { "Pinned" } else { "Pin to compare" } }
                    </button>
                    <button type="button" onclick={start_rename}>{ "Rename" }</button>
                    <button type="button" onclick={duplicate}>{ "Duplicate" }</button>
                    <button type="button" onclick={ask_delete}>{ "Delete" }</button>
                </div>
            },
        };
        html! {
            <li key={key.clone()} class={classes!("saved", is_current.then_some("current"))} data-key={key.clone()} data-name={entry.name.clone()}>
                <p class="saved-name" id={title_id}>{ entry.name.clone() }
                    if is_current { <span class="badge">{ "on screen" }</span> }</p>
                <p class="saved-meta">{ format!("Saved {} · from {}", when(entry.saved_at), preset_name(&entry.preset)) }</p>
                if !entry.description.is_empty() {
                    <p class="saved-description">{ entry.description.clone() }</p>
                }
                { body }
            </li>
        }
    };

    html! {
        <details class="library" open={count > 0}>
            <summary>{ format!("Saved scenarios ({count})") }</summary>
            <form class="save-form" onsubmit={on_save}>
                <div class="field">
                    <label for="save-name">{ "Name" }</label>
                    <input id="save-name" type="text" maxlength="80" value={name_value} oninput={on_name_input} required=true />
                </div>
                <div class="field">
                    <label for="save-description">{ "Description (optional)" }</label>
                    <textarea id="save-description" maxlength="600" rows="2" value={description_value} oninput={on_description_input} />
                </div>
                <button type="submit">{ "Save in this browser" }</button>
            </form>
            if let Some((_, entry)) = (*conflict).clone() {
                <div class="confirm" role="alert">
                    <span>{ format!("A saved scenario is already called “{}”.", entry.name) }</span>
                    <button type="button" onclick={on_replace}>{ "Replace it" }</button>
                    <button type="button" onclick={on_save_new}>{ "Save as a new one" }</button>
                    <button type="button" onclick={on_cancel_conflict}>{ "Cancel" }</button>
                </div>
            }
            <p class={classes!("library-status", status.as_ref().filter(|s| s.0).map(|_| "error"))}
                role="status" aria-live="polite">
                { status.as_ref().map(|s| s.1.clone()).unwrap_or_default() }
            </p>
            if !library.skipped.is_empty() {
                <div class="notice" role="alert">
                    <p><strong>{ format!("{} saved entr{} could not be read and {} left untouched:",
                        library.skipped.len(),
                        if library.skipped.len() == 1 { "y" } else { "ies" },
                        if library.skipped.len() == 1 { "is" } else { "are" }) }</strong></p>
                    <ul>
                        { for library.skipped.iter().flat_map(|(_, ps)| ps.iter()).map(|p| html! {
                            <li><code>{ &p.field }</code>{ format!(": {} (allowed: {})", p.message, p.allowed) }</li>
                        }) }
                    </ul>
                </div>
            }
            if count == 0 {
                <p class="empty">{ "Nothing saved yet. Saved scenarios stay in this browser only." }</p>
            } else {
                <ul class="saved-list" aria-label="Saved scenarios">
                    { for library.entries.iter().map(row) }
                </ul>
            }
        </details>
    }
}
