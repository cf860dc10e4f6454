//! The root component: one state with a reducer; results of the deterministic engine memoised for
//! the current scenario and for `do-nothing` (the reference every chart and KPI is compared with);
//! header, lever sidebar, KPI cards and charts.

use std::rc::Rc;

use careflow_charts::views::{self, Span};
use careflow_model::{preset, run, ModelError, Results};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::share_bar::Notice;
use crate::components::share_bar::{NoticeBanner, ShareBar};
use crate::components::uncertainty_panel::UncertaintyPanel;
use crate::components::{
    chart_panel::ChartPanel, footer::Footer, header::Header, kpi_cards::KpiCards, sidebar::Sidebar,
    year_range::YearRange,
};
use crate::hooks::use_replications::{use_replications, Settings};
use crate::state::{Action, State, REFERENCE};
use crate::uncertainty::{with_bands, DEFAULT_REPLICATIONS};

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
        match crate::storage::load_autosave(&crate::storage::BrowserStore) {
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
    let notice = use_state(|| opened.1.clone());
    // Keep the URL carrying the scenario, its preset and seed.
    {
        let notice = notice.clone();
        use_effect_with(
            (state.scenario.clone(), state.preset.clone()),
            move |(s, p)| {
                crate::share::write_to_location(s, p);
                if let Err(why) = crate::storage::save_autosave(&crate::storage::BrowserStore, s, p)
                {
                    notice.set(Some(Notice {
                        source: "Keeping your scenario in this browser".into(),
                        problems: vec![careflow_model::share::LinkProblem {
                            field: "storage".into(),
                            value: String::new(),
                            allowed: "space in this browser's storage".into(),
                            message: why,
                        }],
                        kept: 0,
                    }));
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
    let unc_settings = use_state(|| Settings {
        replications: DEFAULT_REPLICATIONS,
        seed: state.scenario.seed,
    });
    let replications = use_replications(state.scenario.clone(), *unc_settings);
    let on_unc_settings = {
        let unc_settings = unc_settings.clone();
        let state = state.clone();
        Callback::from(move |s: Settings| {
            state.dispatch(Action::SetSeed(s.seed));
            unc_settings.set(s)
        })
    };
    let on_open = {
        let state = state.clone();
        let unc_settings = unc_settings.clone();
        let notice = notice.clone();
        Callback::from(move |scenario: careflow_model::Scenario| {
            unc_settings.set(Settings {
                seed: scenario.seed,
                ..*unc_settings
            });
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
        let deps = (
            crate::uncertainty::ByPtr(outputs.clone()),
            replications.bands.clone().map(crate::uncertainty::ByPtr),
        );
        use_memo(deps, |(outputs, bands)| -> Vec<Rc<views::ChartView>> {
            let Some((charts, _)) = outputs.0.as_ref() else {
                return Vec::new();
            };
            match bands {
                Some(b) => charts
                    .iter()
                    .map(|v| Rc::new(with_bands(v, &b.0)))
                    .collect(),
                None => charts.clone(),
            }
        })
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
        Callback::from(move |id| state.dispatch(Action::ChoosePreset(id)))
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

    html! {
        <div class="app">
            <a class="skip" href="#main" onclick={skip_to_main}>{ "Skip to results" }</a>
            <Header preset={state.preset.clone()} modified={state.modified} {on_preset} />
            <div class="body">
                <Sidebar scenario={state.scenario.clone()} {on_change} {on_reset} />
                <main class="main" id="main" tabindex="-1">
                    if let Some(n) = (*notice).clone() {
                        <NoticeBanner notice={n} {on_dismiss} />
                    }
                    <ShareBar scenario={state.scenario.clone()} preset={state.preset.clone()}
                        charts={banded.clone()} {on_open} {on_notice} />
                    <YearRange years={years} kpi_year={state.kpi_year} first={state.first_year}
                        last={state.last_year} {on_kpi_year} {on_years} />
                    if let Err(e) = results.as_ref() {
                        <p class="run-error" role="alert">{ format!("This scenario cannot run: {}", error_text(e)) }</p>
                    }
                    if let Some((_, kpis)) = outputs.as_ref() {
                        <KpiCards year={kpi_label.clone()} kpis={kpis.clone()} />
                        <UncertaintyPanel replications={replications.clone()} settings={*unc_settings}
                            year={state.kpi_year} year_label={kpi_label} on_settings={on_unc_settings} />
                        <section class="charts" aria-label="Charts">
                            <h2 class="sr-only">{ "Charts" }</h2>
                            { for banded.iter().map(|v| html! { <ChartPanel key={v.id} view={v.clone()} /> }) }
                        </section>
                    }
                </main>
            </div>
            <Footer />
        </div>
    }
}
