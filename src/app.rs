//! The root component. One state with a reducer (`state`), what is kept in the browser written by
//! effects keyed on it (`hooks::use_persistence`), the figures derived from it step by step
//! (`hooks::use_outputs`), the replications in web workers (`hooks::use_replications`); the page
//! is the header, the lever sidebar, KPI cards and charts, or the workshop pack (`app::pack`).

mod pack;

use std::rc::Rc;

use careflow_charts::compare::MAX_PINS;
use careflow_charts::views;
use careflow_model::ModelError;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::about::About;
use crate::components::analysis_views::AnalysisViews;
use crate::components::announcer::Announcer;
use crate::components::compare_panel::ComparePanel;
use crate::components::library_panel::LibraryPanel;
use crate::components::money_panel::MoneyPanel;
use crate::components::seek_panel::SeekPanel;
use crate::components::share_bar::{NoticeBanner, ShareBar};
use crate::components::sweep_summary::SweepSummary;
use crate::components::uncertainty_panel::{chart_status, UncertaintyPanel};
use crate::components::update_banner::UpdateBanner;
use crate::components::{
    chart_panel::ChartPanel, footer::Footer, header::Header, kpi_cards::KpiCards, sidebar::Sidebar,
    year_range::YearRange,
};
use crate::hooks::use_outputs::use_outputs;
use crate::hooks::use_persistence::{opened_state, use_persistence};
use crate::hooks::use_replications::{use_replications, Settings};
use crate::state::{Action, State};
use crate::uncertainty::banded_line;

/// A callback that dispatches the action `f` makes of its argument.
fn send<T: 'static>(
    d: &UseReducerDispatcher<State>,
    f: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    let d = d.clone();
    Callback::from(move |x| d.dispatch(f(x)))
}

/// Ctrl+Z (⌘Z) undoes, Ctrl+Shift+Z and Ctrl+Y redo, anywhere on the page but in a box text is
/// typed in, where they undo the typing as usual.
#[hook]
fn use_undo_keys(d: UseReducerDispatcher<State>) {
    use_effect_with((), move |_| {
        let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            gloo::events::EventListener::new_with_options(&doc, "keydown", options, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if !(e.ctrl_key() || e.meta_key()) || e.alt_key() || typing_in(e.target()) {
                    return;
                }
                let action = match (e.key().to_lowercase().as_str(), e.shift_key()) {
                    ("z", false) => Action::Undo,
                    ("z", true) | ("y", false) => Action::Redo,
                    _ => return,
                };
                e.prevent_default();
                d.dispatch(action);
            })
        });
        move || drop(listener)
    });
}

/// The event's target is a box text is typed in (text, number, search …, or a text area).
fn typing_in(target: Option<web_sys::EventTarget>) -> bool {
    let Some(t) = target else { return false };
    if t.dyn_ref::<web_sys::HtmlTextAreaElement>().is_some() {
        return true;
    }
    t.dyn_ref::<web_sys::HtmlInputElement>().is_some_and(|i| {
        !matches!(
            i.type_().as_str(),
            "range" | "checkbox" | "radio" | "button"
        )
    })
}

fn error_text(e: &ModelError) -> String {
    match e {
        ModelError::Invalid(issues) => issues
            .iter()
            .map(|i| i.message.clone())
            .collect::<Vec<_>>()
            .join(" "),
        other => other.to_string(),
    }
}

/// The URL fragment carries the scenario, so the skip link moves focus without touching it.
fn skip_to_main(e: MouseEvent) {
    e.prevent_default();
    if let Some(main) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
    {
        let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(opened_state);
    use_persistence(&state);
    // The seed is the scenario's, read from the reducer, so the link, the panel and the workers
    // cannot disagree on it.
    let replications = use_replications(
        state.scenario.clone(),
        state.replications,
        state.last_lever.is_some(),
    );
    let out = use_outputs(&state, &replications);
    // Offline use: the service worker, and the offer of a newer build when one is waiting.
    let update = crate::hooks::use_service_worker::use_service_worker();
    let d = state.dispatcher();
    // The levers' callbacks stay the same from render to render (the dispatcher does), so a lever
    // step re-renders the lever that moved, not every lever of the sidebar.
    let on_lever = use_memo((), {
        let d = d.clone();
        move |_| send(&d, |(id, value)| Action::SetLever { id, value })
    });
    let on_lever_reset = use_memo((), {
        let d = d.clone();
        move |_| send(&d, Action::ResetLever)
    });
    use_undo_keys(d.clone());
    if state.show_pack {
        if let Some(page) = pack::pack(&state, &out, &replications, &d) {
            return page;
        }
    }

    let years: Vec<String> = (0..state.scenario.years)
        .map(|i| state.scenario.year_label(i))
        .collect();
    let kpi_label = years.get(state.kpi_year).cloned().unwrap_or_default();
    let seek_years = Rc::new(years.clone());
    let bands_status = AttrValue::from(chart_status(&replications));
    let bands_stale = replications.bands.is_none() && replications.previous.is_some();
    let pin_names: Rc<Vec<String>> = Rc::new(state.pins.iter().map(|p| p.name.clone()).collect());
    let settings = Settings {
        replications: state.replications,
        seed: state.scenario.seed,
    };
    html! {
        <div class="app">
            <a class="skip" href="#main" onclick={Callback::from(skip_to_main)}>{ "Skip to results" }</a>
            <Header preset={state.preset.clone()} modified={state.modified} on_preset={send(&d, Action::ChoosePreset)}
                undo={state.undo.last().map(|e| AttrValue::from(e.what.clone()))}
                redo={state.redo.last().map(|e| AttrValue::from(e.what.clone()))}
                on_undo={send(&d, |_| Action::Undo)} on_redo={send(&d, |_| Action::Redo)} />
            <About />
            <div class="body">
                <Sidebar scenario={state.scenario.clone()}
                    on_change={(*on_lever).clone()} on_reset={(*on_lever_reset).clone()} />
                <main class="main" id="main" tabindex="-1">
                    if let Some(n) = state.notice.clone() {
                        <NoticeBanner notice={n} on_dismiss={send(&d, |_| Action::DismissNotice)} />
                    }
                    <ShareBar scenario={state.scenario.clone()} preset={state.preset.clone()} charts={out.charts.clone()}
                        on_open={send(&d, |s| Action::OpenFile(Rc::new(s)))} on_notice={send(&d, Action::Notify)}
                        on_pack={send(&d, |_| Action::ShowPack(true))}
                        on_sweep={send(&d, |(name, sweep)| Action::OpenSweep { name, sweep })} />
                    if let Some((name, sweep, pinned)) = state.sweep.clone() {
                        <SweepSummary {sweep} {name} year={kpi_label.clone()} {pinned} on_close={send(&d, |_| Action::CloseSweep)} />
                    }
                    <LibraryPanel scenario={state.scenario.clone()} preset={state.preset.clone()}
                        current_key={state.current.as_ref().map(|(k, _)| AttrValue::from(k.clone()))}
                        pinned={pin_names.clone()} can_pin={state.pins.len() < MAX_PINS}
                        on_open={send(&d, |(key, entry)| Action::OpenSaved { key, entry })}
                        on_saved={send(&d, |(key, entry)| Action::Saved { key, entry })}
                        on_pin={send(&d, Action::PinSaved)} />
                    <AnalysisViews scenario={state.scenario.clone()} replications={replications.clone()}
                        year={state.kpi_year} years={Rc::new(years.clone())} />
                    <YearRange years={years} kpi_year={state.kpi_year} first={state.first_year} last={state.last_year}
                        on_kpi_year={send(&d, Action::SetKpiYear)}
                        on_years={send(&d, |(first, last)| Action::SetYears { first, last })} />
                    if let Err(e) = out.results.as_ref() {
                        <p class="run-error" role="alert">{ format!("This scenario cannot run: {}", error_text(e)) }</p>
                    }
                    if let Some(kpis) = out.kpis.clone() {
                        <KpiCards year={kpi_label.clone()} kpis={kpis.clone()} />
                        <Announcer text={views::announcement(&kpis, &kpi_label)} />
                        <ComparePanel pins={pin_names} kpis={out.compared_kpis.clone()} levers={out.lever_table.clone()}
                            on_pin_current={send(&d, |_| Action::PinCurrent)} on_unpin={send(&d, Action::Unpin)}
                            on_clear={send(&d, |_| Action::ClearPins)} />
                        <UncertaintyPanel replications={replications.clone()} {settings} year={state.kpi_year} year_label={kpi_label}
                            on_settings={send(&d, |s: Settings| Action::SetUncertainty { seed: s.seed, replications: s.replications })} />
                        <SeekPanel scenario={state.scenario.clone()} preset={state.preset.clone()}
                            years={seek_years} year={state.kpi_year} modified={state.modified}
                            on_apply={send(&d, |(id, value)| Action::SetLever { id, value })} />
                        <section class="charts" aria-label="Charts">
                            <h2 class="sr-only">{ "Charts" }</h2>
                            { for out.charts.iter().map(|v| {
                                let status = banded_line(v.id).map(|_| bands_status.clone());
                                html! { <ChartPanel key={v.id} view={v.clone()} {status} stale={bands_stale} /> }
                            }) }
                        </section>
                        <MoneyPanel charts={out.money.clone()} />
                    }
                </main>
            </div>
            <Footer />
            <UpdateBanner shown={update.ready} on_reload={update.reload.clone()}
                on_dismiss={update.dismiss.clone()} />
        </div>
    }
}
