//! The root component: one state with a reducer; results of the deterministic engine memoised for
//! the current scenario and for `do-nothing` (the reference every chart and KPI is compared with);
//! header, lever sidebar, KPI cards and charts.

use std::rc::Rc;

use careflow_charts::views::{self, Span};
use careflow_model::{preset, run, ModelError, Results};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::about::About;
use crate::components::analysis_views::AnalysisViews;
use crate::components::announcer::Announcer;
use crate::components::compare_panel::ComparePanel;
use crate::components::library_panel::LibraryPanel;
use crate::components::pack_checks::PackChecks;
use crate::components::share_bar::Notice;
use crate::components::share_bar::{NoticeBanner, ShareBar};
use crate::components::uncertainty_panel::UncertaintyPanel;
use crate::components::update_banner::UpdateBanner;
use crate::components::workshop_pack::WorkshopPack;
use crate::components::{
    chart_panel::ChartPanel, footer::Footer, header::Header, kpi_cards::KpiCards, sidebar::Sidebar,
    year_range::YearRange,
};
use crate::hooks::use_replications::{use_replications, Settings};
use crate::state::{Action, State, REFERENCE};
use crate::storage::{BrowserStore, Named, Pin};
use crate::uncertainty::{banded_line, with_bands_drawn, DEFAULT_REPLICATIONS};
use careflow_charts::compare::{self, Pinned, MAX_PINS};

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

/// The charts and KPI cards derived from a run and the reference.
type Outputs = (Vec<Rc<views::ChartView>>, Rc<Vec<views::Kpi>>);

/// The whole page.
#[component]
pub fn App() -> Html {
    // A scenario link in the URL wins; otherwise the state autosaved in this browser. Both are
    // read once; whatever cannot be used is reported in a banner and the rest is opened.
    let opened = use_state(|| {
        if let Some(link) = crate::share::read_from_location() {
            let notice = (!link.problems.is_empty()).then(|| Notice {
                source: "This link".into(),
                problems: link.problems.clone(),
                kept: link.kept.len(),
            });
            return (Some((link.scenario, link.preset)), notice);
        }
        match crate::storage::load_autosave(&BrowserStore) {
            Ok(Some(saved)) => (Some((saved.scenario, Some(saved.preset))), None),
            Ok(None) => (None, None),
            Err(problems) => (
                None,
                Some(Notice {
                    source: "The scenario kept from your last visit".into(),
                    problems,
                    kept: 0,
                }),
            ),
        }
    });
    let state = {
        let opened = opened.clone();
        use_reducer(move || {
            let s = State::default();
            match &opened.0 {
                Some((scenario, preset)) => s.apply(Action::Load {
                    scenario: Rc::new(scenario.clone()),
                    preset: preset.clone(),
                }),
                None => s,
            }
        })
    };
    // Pinned scenarios (kept in this browser); pins that cannot be used are reported.
    let pins_loaded = use_state(|| crate::storage::load_pins(&BrowserStore));
    let notice = use_state(|| {
        opened.1.clone().or_else(|| {
            let problems = pins_loaded.1.clone();
            (!problems.is_empty()).then(|| Notice {
                source: "The pinned scenarios kept from your last visit".into(),
                problems,
                kept: pins_loaded.0.len(),
            })
        })
    });
    let pins = use_state(|| Rc::new(pins_loaded.0.clone()));
    // The saved scenario on screen (opened from or saved to the library), if any.
    let current = use_state(|| None::<(String, Named)>);
    let show_pack = use_state(|| false);
    // Offline use: the service worker, and the offer of a newer build when one is waiting.
    let update = crate::hooks::use_service_worker::use_service_worker();
    // Keep the URL carrying the scenario, its preset and seed.
    {
        let notice = notice.clone();
        use_effect_with(
            (state.scenario.clone(), state.preset.clone()),
            move |(s, p)| {
                crate::share::write_to_location(s, p);
                if let Err(why) = crate::storage::save_autosave(&BrowserStore, s, p) {
                    notice.set(Some(Notice::storage("your scenario", why)));
                }
            },
        );
    }
    let results = use_memo(state.scenario.clone(), |s| run(s).map(Rc::new));
    let reference = use_memo((), |_| {
        preset(REFERENCE)
            .map(|p| run(&p.scenario))
            .and_then(Result::ok)
            .map(Rc::new)
    });
    let pin_results = use_memo(crate::uncertainty::ByPtr((*pins).clone()), |pins| {
        pins.0
            .iter()
            .filter_map(|p| run(&p.scenario).ok().map(|r| (p.name.clone(), Rc::new(r))))
            .collect::<Vec<_>>()
    });
    let span = Span {
        first: state.first_year,
        last: state.last_year,
        kpi: state.kpi_year,
    };
    let outputs = {
        let deps = (
            results.as_ref().as_ref().ok().cloned(),
            (*reference).clone(),
            span,
        );
        use_memo(deps, |(run, reference, span)| -> Option<Outputs> {
            let (run, reference): (&Rc<Results>, &Rc<Results>) =
                (run.as_ref()?, reference.as_ref()?);
            let charts = views::charts(run, reference, *span)
                .into_iter()
                .map(Rc::new)
                .collect();
            let kpis = Rc::new(views::kpis(
                run,
                reference,
                span.clamped(run.yearly.len()).kpi,
            ));
            Some((charts, kpis))
        })
    };

    // Discrete-event replications in web workers: bands on the charts and risk KPIs.
    // The number of replications is the panel's own; the seed is the scenario's, read from the
    // reducer, so the link, the panel and the workers cannot disagree on it.
    let unc_replications = use_state(|| DEFAULT_REPLICATIONS);
    let unc_settings = Settings {
        replications: *unc_replications,
        seed: state.scenario.seed,
    };
    let replications = use_replications(state.scenario.clone(), *unc_replications);
    let on_unc_settings = {
        let unc_replications = unc_replications.clone();
        let state = state.clone();
        Callback::from(move |s: Settings| {
            state.dispatch(Action::SetSeed(s.seed));
            unc_replications.set(s.replications)
        })
    };
    let on_open = {
        let state = state.clone();
        let notice = notice.clone();
        let current = current.clone();
        Callback::from(move |scenario: careflow_model::Scenario| {
            current.set(None);
            notice.set(None);
            state.dispatch(Action::Load {
                scenario: Rc::new(scenario),
                preset: None,
            })
        })
    };
    let on_notice = {
        let notice = notice.clone();
        Callback::from(move |n| notice.set(Some(n)))
    };
    let on_dismiss = {
        let notice = notice.clone();
        Callback::from(move |_| notice.set(None))
    };
    let banded = {
        // This scenario's bands, or (faded) the previous scenario's until it has its own.
        let bands = match (&replications.bands, &replications.previous) {
            (Some(b), _) => Some((crate::uncertainty::ByPtr(b.clone()), false)),
            (None, Some(b)) => Some((crate::uncertainty::ByPtr(b.clone()), true)),
            (None, None) => None,
        };
        let deps = (crate::uncertainty::ByPtr(outputs.clone()), bands);
        use_memo(deps, |(outputs, bands)| -> Vec<Rc<views::ChartView>> {
            let Some((charts, _)) = outputs.0.as_ref() else {
                return Vec::new();
            };
            match bands {
                Some((b, faded)) => charts
                    .iter()
                    .map(|v| Rc::new(with_bands_drawn(v, &b.0, *faded)))
                    .collect(),
                None => charts.clone(),
            }
        })
    };

    // The charts with the pinned scenarios overlaid, and the comparison tables.
    let this_name = current
        .as_ref()
        .map(|(_, e)| e.name.clone())
        .unwrap_or_else(|| "This scenario".into());
    let compared = {
        let deps = (
            crate::uncertainty::ByPtr(banded.clone()),
            crate::uncertainty::ByPtr(pin_results.clone()),
            results.as_ref().as_ref().ok().cloned(),
            (*reference).clone(),
            span,
            this_name.clone(),
        );
        use_memo(deps, |(banded, pins, run, reference, span, name)| {
            let (Some(run), Some(reference)) = (run.as_ref(), reference.as_ref()) else {
                return None;
            };
            let pinned: Vec<Pinned> = pins
                .0
                .iter()
                .map(|(n, r)| Pinned {
                    name: n,
                    results: r,
                })
                .collect();
            // Nothing pinned (the usual case, and every slider move): the charts as they are.
            let charts = if pinned.is_empty() {
                banded.0.clone()
            } else {
                Rc::new(
                    banded
                        .0
                        .iter()
                        .map(|v| {
                            Rc::new(compare::with_pins(
                                (**v).clone(),
                                run,
                                &pinned,
                                reference,
                                *span,
                            ))
                        })
                        .collect(),
                )
            };
            let kpis = compare::kpi_table(
                Pinned { name, results: run },
                &pinned,
                reference,
                span.clamped(run.yearly.len()).kpi,
            );
            Some((charts, Rc::new(kpis)))
        })
    };
    let lever_table = {
        let deps = (
            state.scenario.clone(),
            crate::uncertainty::ByPtr((*pins).clone()),
            this_name.clone(),
        );
        use_memo(deps, |(scenario, pins, name)| {
            // Shown only beside pins; not worth computing on every lever move without them.
            if pins.0.is_empty() {
                return Default::default();
            }
            let mut all: Vec<(&str, &careflow_model::Scenario)> =
                vec![(name.as_str(), &**scenario)];
            all.extend(pins.0.iter().map(|p| (p.name.as_str(), &p.scenario)));
            compare::lever_diff(&all)
        })
    };
    let add_pin = {
        let pins = pins.clone();
        let notice = notice.clone();
        move |name: String, preset: String, scenario: careflow_model::Scenario| {
            if pins.len() >= MAX_PINS {
                return;
            }
            let mut next = (**pins).clone();
            next.push(Pin {
                name: crate::storage::unique_name(pins.iter().map(|p| p.name.as_str()), &name),
                preset,
                scenario,
            });
            save_pins(&notice, &next);
            pins.set(Rc::new(next));
        }
    };
    let (screen_name, screen_description) = on_screen(&state, current.as_ref().map(|c| &c.1));
    let on_pin_current = {
        let add_pin = add_pin.clone();
        let state = state.clone();
        let name = screen_name.clone();
        Callback::from(move |_| {
            add_pin(
                name.clone(),
                state.preset.clone(),
                (*state.scenario).clone(),
            )
        })
    };
    let on_pin_saved = {
        let add_pin = add_pin.clone();
        Callback::from(move |e: Named| add_pin(e.name, e.preset, e.scenario))
    };
    let on_unpin = {
        let pins = pins.clone();
        let notice = notice.clone();
        Callback::from(move |i: usize| {
            let mut next = (**pins).clone();
            if i < next.len() {
                next.remove(i);
            }
            save_pins(&notice, &next);
            pins.set(Rc::new(next));
        })
    };
    // A merged sweep opened from a file: its points pinned when they fit beside the pins already
    // there (nothing the user pinned is dropped), and always tabulated.
    let sweep = use_state(|| None::<(String, Rc<crate::sweep_import::Sweep>, bool)>);
    let on_sweep = {
        let (sweep, pins, notice) = (sweep.clone(), pins.clone(), notice.clone());
        Callback::from(move |(name, s): (String, Rc<crate::sweep_import::Sweep>)| {
            let new = s.pins().filter(|p| pins.len() + p.len() <= MAX_PINS);
            let pinned = new.is_some();
            if let Some(new) = new {
                let mut next = (**pins).clone();
                for p in new {
                    let name =
                        crate::storage::unique_name(next.iter().map(|p| p.name.as_str()), &p.name);
                    next.push(Pin { name, ..p });
                }
                save_pins(&notice, &next);
                pins.set(Rc::new(next));
            }
            sweep.set(Some((name, s, pinned)));
        })
    };
    let on_close_sweep = {
        let sweep = sweep.clone();
        Callback::from(move |_| sweep.set(None))
    };
    let on_clear_pins = {
        let pins = pins.clone();
        let notice = notice.clone();
        Callback::from(move |_| {
            save_pins(&notice, &[]);
            pins.set(Rc::new(Vec::new()));
        })
    };
    let on_open_saved = {
        let state = state.clone();
        let current = current.clone();
        Callback::from(move |(key, entry): (String, Named)| {
            state.dispatch(Action::Load {
                scenario: Rc::new(entry.scenario.clone()),
                preset: Some(entry.preset.clone()),
            });
            current.set(Some((key, entry)));
        })
    };
    let on_saved = {
        let current = current.clone();
        Callback::from(move |saved: (String, Named)| current.set(Some(saved)))
    };
    let on_pack = {
        let show_pack = show_pack.clone();
        Callback::from(move |_| show_pack.set(true))
    };
    let on_close_pack = {
        let show_pack = show_pack.clone();
        Callback::from(move |_| show_pack.set(false))
    };

    let on_change = {
        let state = state.clone();
        Callback::from(move |(path, value): (&'static str, f64)| {
            state.dispatch(Action::SetLever { path, value })
        })
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |path| state.dispatch(Action::ResetLever(path)))
    };
    let on_preset = {
        let state = state.clone();
        let current = current.clone();
        Callback::from(move |id| {
            current.set(None);
            state.dispatch(Action::ChoosePreset(id))
        })
    };
    let on_kpi_year = {
        let state = state.clone();
        Callback::from(move |i| state.dispatch(Action::SetKpiYear(i)))
    };
    let on_years = {
        let state = state.clone();
        Callback::from(move |(first, last)| state.dispatch(Action::SetYears { first, last }))
    };
    // The URL fragment carries the scenario, so the skip link moves focus without touching it.
    let skip_to_main = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        if let Some(main) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("main"))
        {
            let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
    let years: Vec<String> = (0..state.scenario.years)
        .map(|i| state.scenario.year_label(i))
        .collect();
    let kpi_label = years.get(state.kpi_year).cloned().unwrap_or_default();
    let bands_status = crate::components::uncertainty_panel::chart_status(&replications);
    let bands_stale = replications.bands.is_none() && replications.previous.is_some();
    let year_labels = Rc::new(years.clone());
    let compared_charts = compared
        .as_ref()
        .as_ref()
        .map(|c| c.0.clone())
        .unwrap_or_else(|| banded.clone());
    let pin_names: Rc<Vec<String>> = Rc::new(pins.iter().map(|p| p.name.clone()).collect());

    if *show_pack {
        if let Some((charts, kpis)) = compared.as_ref().clone() {
            let (name, description) = (screen_name, screen_description);
            // Bands and risk cards once the replications are complete; until then the pack says so.
            let finished = replications.finished() && replications.error.is_none();
            let meta = format!(
                "Started from the {} preset · key measures for {} · seed {} · {}{}",
                preset(&state.preset).map(|p| p.name).unwrap_or("baseline"),
                kpi_label,
                state.scenario.seed,
                if finished {
                    format!(
                        "deterministic model, with bands and risks from {} replications",
                        replications.done()
                    )
                } else {
                    "deterministic model (replications still running)".into()
                },
                if pins.is_empty() {
                    String::new()
                } else {
                    format!(" · compared with {}", pin_names.join(", "))
                }
            );
            // With pins, a column of lever values for each: two pins that differ show how.
            let levers = if pins.is_empty() {
                Rc::new(compare::lever_diff(&[(name.as_str(), &state.scenario)]))
            } else {
                lever_table.clone()
            };
            let risks = finished.then(|| {
                let kpis = crate::uncertainty::risk_kpis(
                    &replications.runs.0,
                    &replications.reference.0,
                    state.kpi_year,
                    &kpi_label,
                );
                Rc::new(crate::components::workshop_pack::risk_table(
                    &kpis,
                    replications.done(),
                    state.scenario.seed,
                ))
            });
            let sources = Rc::new(compare::sources(&state.scenario));
            return html! {
                <WorkshopPack name={name} description={description} meta={meta}
                    link={crate::share::current_url()} {levers} kpis={kpis} {sources} {risks}
                    charts={charts} on_close={on_close_pack}
                    checks={html! { <PackChecks scenario={state.scenario.clone()} replications={replications.clone()} /> }} />
            };
        }
    }

    html! {
        <div class="app">
            <a class="skip" href="#main" onclick={skip_to_main}>{ "Skip to results" }</a>
            <Header preset={state.preset.clone()} modified={state.modified} {on_preset} />
            <About />
            <div class="body">
                <Sidebar scenario={state.scenario.clone()} {on_change} {on_reset} />
                <main class="main" id="main" tabindex="-1">
                    if let Some(n) = (*notice).clone() {
                        <NoticeBanner notice={n} {on_dismiss} />
                    }
                    <ShareBar scenario={state.scenario.clone()} preset={state.preset.clone()}
                        charts={compared_charts.clone()} {on_open} {on_notice} {on_pack} {on_sweep} />
                    if let Some((name, s, pinned)) = (*sweep).clone() {
                        <crate::components::sweep_summary::SweepSummary sweep={s} name={name}
                            year={kpi_label.clone()} {pinned} on_close={on_close_sweep} />
                    }
                    <LibraryPanel scenario={state.scenario.clone()} preset={state.preset.clone()}
                        current_key={current.as_ref().map(|(k, _)| AttrValue::from(k.clone()))}
                        pinned={pin_names.clone()} can_pin={pins.len() < MAX_PINS}
                        on_open={on_open_saved} {on_saved} on_pin={on_pin_saved} />
                    <AnalysisViews scenario={state.scenario.clone()} replications={replications.clone()}
                        year={state.kpi_year} years={year_labels} />
                    <YearRange years={years} kpi_year={state.kpi_year} first={state.first_year}
                        last={state.last_year} {on_kpi_year} {on_years} />
                    if let Err(e) = results.as_ref() {
                        <p class="run-error" role="alert">{ format!("This scenario cannot run: {}", error_text(e)) }</p>
                    }
                    if let Some((_, kpis)) = outputs.as_ref() {
                        <KpiCards year={kpi_label.clone()} kpis={kpis.clone()} />
                        <Announcer text={views::announcement(kpis, &kpi_label)} />
                        <ComparePanel pins={pin_names.clone()}
                            kpis={compared.as_ref().as_ref().map(|c| c.1.clone()).unwrap_or_default()}
                            levers={lever_table.clone()} {on_pin_current} {on_unpin} on_clear={on_clear_pins} />
                        <UncertaintyPanel replications={replications.clone()} settings={unc_settings}
                            year={state.kpi_year} year_label={kpi_label} on_settings={on_unc_settings} />
                        <section class="charts" aria-label="Charts">
                            <h2 class="sr-only">{ "Charts" }</h2>
                            { for compared_charts.iter().map(|v| {
                                let status = banded_line(v.id).map(|_| AttrValue::from(bands_status.clone()));
                                html! { <ChartPanel key={v.id} view={v.clone()} {status} stale={bands_stale} /> }
                            }) }
                        </section>
                    }
                </main>
            </div>
            <Footer />
            <UpdateBanner shown={update.ready} on_reload={update.reload.clone()}
                on_dismiss={update.dismiss.clone()} />
        </div>
    }
}

/// Stores the pins, reporting a storage that is full or switched off.
fn save_pins(notice: &UseStateHandle<Option<Notice>>, pins: &[Pin]) {
    if let Err(why) = crate::storage::save_pins(&BrowserStore, pins) {
        notice.set(Some(Notice::storage("the pinned scenarios", why)));
    }
}

/// The name and description of the scenario on screen: the saved entry's when it came from the
/// library, else the preset's ("Strategic Plan 2009-12 (changed)" once a lever has moved).
fn on_screen(state: &State, saved: Option<&Named>) -> (String, String) {
    if let Some(e) = saved {
        return (e.name.clone(), e.description.clone());
    }
    let p = preset(&state.preset);
    let name = p.as_ref().map(|p| p.name.to_string()).unwrap_or_default();
    let name = if state.modified {
        format!("{name} (changed)")
    } else {
        name
    };
    (
        name,
        p.map(|p| p.description.to_string()).unwrap_or_default(),
    )
}
