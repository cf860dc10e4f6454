//! The top bar: product name, the "Story" entry (the guided story), the preset selector with the
//! chosen preset's description, a "modified" mark once a lever has moved, "Undo" and "Redo"
//! (also Ctrl+Z and Ctrl+Shift+Z or Ctrl+Y, listened for by the app), and "Present", which
//! opens the presenter's audience window and turns this one into its console.

use careflow_model::presets;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::glossary::Annotated;

#[derive(Properties, PartialEq, Clone)]
pub struct HeaderProps {
    /// Chosen preset id.
    pub preset: AttrValue,
    /// A lever has moved since the preset was chosen.
    pub modified: bool,
    pub on_preset: Callback<String>,
    /// The change "Undo" would take back, in words ("move of Base beds"), when there is one.
    #[prop_or_default]
    pub undo: Option<AttrValue>,
    /// The change "Redo" would make again, when there is one.
    #[prop_or_default]
    pub redo: Option<AttrValue>,
    #[prop_or_default]
    pub on_undo: Callback<()>,
    #[prop_or_default]
    pub on_redo: Callback<()>,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let all = use_memo((), |_| {
        presets()
            .into_iter()
            .map(|p| (p.id, p.name, p.description))
            .collect::<Vec<_>>()
    });
    let onchange = {
        let on_preset = props.on_preset.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            on_preset.emit(sel.value());
        })
    };
    // The select shows the preset of the state whatever the user last picked in it (an undo, a
    // file or a saved scenario changes the preset without the select): an option's `selected`
    // attribute no longer moves a select the user has changed.
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect_with(props.preset.clone(), move |preset| {
            if let Some(sel) = select.cast::<HtmlSelectElement>() {
                if sel.value() != preset.as_str() {
                    sel.set_value(preset);
                }
            }
        });
    }
    let description = all
        .iter()
        .find(|p| p.0 == props.preset.as_str())
        .map(|p| careflow_charts::format::plain_source(p.2))
        .unwrap_or_default();
    let on_present = Callback::from(|_: MouseEvent| {
        crate::presenter::console::open_audience();
        // The scenario's link, with a write still pending done first.
        crate::hooks::use_persistence::flush();
        if let Some(w) = web_sys::window() {
            let hash = w.location().hash().unwrap_or_default();
            let _ = w.location().set_href(&format!("?console{hash}"));
        }
    });
    html! {
        <header class="app-header">
            <h1 class="brand">{ "Careflow" }</h1>
            <p class="tagline">{ "Whole-system health-economy scenarios, in your browser" }</p>
            <a class="story-entry" href="?story">{ "Story" }</a>
            <div class="preset">
                <label for="preset-select">{ "Scenario" }</label>
                <select id="preset-select" ref={select} {onchange} aria-describedby="preset-description">
                    { for all.iter().map(|(id, name, _)| html! {
                        <option value={*id} selected={*id == props.preset.as_str()}>{ *name }</option>
                    }) }
                </select>
                if props.modified {
                    <span class="modified" id="modified-flag">{ "modified" }</span>
                }
            </div>
            <div class="history" role="group" aria-label="Changes">
                <button type="button" id="undo" disabled={props.undo.is_none()} aria-keyshortcuts="Control+Z"
                    title={props.undo.as_ref().map(|w| format!("Undo the {w} (Ctrl+Z)")).unwrap_or_else(|| "Nothing to undo".into())}
                    onclick={props.on_undo.reform(|_: MouseEvent| ())}>{ "Undo" }</button>
                <button type="button" id="redo" disabled={props.redo.is_none()} aria-keyshortcuts="Control+Shift+Z Control+Y"
                    title={props.redo.as_ref().map(|w| format!("Redo the {w} (Ctrl+Shift+Z)")).unwrap_or_else(|| "Nothing to redo".into())}
                    onclick={props.on_redo.reform(|_: MouseEvent| ())}>{ "Redo" }</button>
            </div>
            <button type="button" class="present" id="present" onclick={on_present}
                aria-label="Present: open the audience window for the projector, and the facilitator console here">
                { "Present" }
            </button>
            <p class="preset-description" id="preset-description"><Annotated text={description} /></p>
        </header>
    }
}
