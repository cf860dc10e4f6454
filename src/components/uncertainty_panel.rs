//! The uncertainty panel: progress of the replications ("42 of 100 runs"), the risk KPIs with their
//! intervals, and the settings (number of replications, seed shown and fixable).
//!
//! Its `data-*` attributes (batch, the seed the workers use, done, target, finished, digests,
//! do-nothing runs still to go, start and finish times) are what the end-to-end tests and the
//! benchmark read.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::glossary::Annotated;
use crate::hooks::use_replications::{Replications, Settings};
use crate::uncertainty::{risk_kpis, RiskKpi};

#[derive(Properties, PartialEq)]
pub struct UncertaintyPanelProps {
    pub replications: Replications,
    pub settings: Settings,
    /// Year (index) the risk KPIs speak about, and its label.
    pub year: usize,
    pub year_label: String,
    pub on_settings: Callback<Settings>,
}

/// Smallest and largest number of replications the setting accepts (a link's `reps` too).
pub use careflow_model::share::REPLICATIONS_RANGE;

fn progress_text(r: &Replications) -> String {
    if let Some(e) = &r.error {
        return format!("Replications stopped: {e}");
    }
    if r.waiting {
        return "Waiting for the levers to settle…".into();
    }
    if r.done() < r.target {
        return format!("{} of {} runs", r.done(), r.target);
    }
    if r.reference_missing > 0 {
        return format!(
            "{} of {} runs; do-nothing runs for the cost change: {} to go",
            r.done(),
            r.target,
            r.reference_missing
        );
    }
    format!("{} of {} runs done", r.done(), r.target)
}

/// The progress label in a banded chart's corner: what its bands are drawn from.
pub fn chart_status(r: &Replications) -> String {
    if r.error.is_some() {
        return "Bands stopped: see How likely".into();
    }
    let stale = r.bands.is_none() && r.previous.is_some();
    if r.waiting {
        return if stale {
            "Bands: previous scenario (faded), new runs start when the lever rests".into()
        } else {
            "Bands: new runs start when the lever rests".into()
        };
    }
    if r.done() < r.target {
        return if stale {
            format!(
                "Bands: previous scenario (faded); {} of {} runs",
                r.done(),
                r.target
            )
        } else {
            format!("Bands: {} of {} runs", r.done(), r.target)
        };
    }
    format!("Bands from {} runs", r.done())
}

fn risk_card(k: &RiskKpi) -> Html {
    let label_id = format!("risk-{}-label", k.id);
    html! {
        <li class="risk" data-risk={k.id} title={k.detail.clone()} aria-labelledby={label_id.clone()}>
            <p class="risk-label" id={label_id}>{ k.label.clone() }</p>
            <p class="risk-value">{ k.value.clone() }</p>
            <p class="risk-interval"><Annotated text={k.interval.clone()} /></p>
        </li>
    }
}

/// What the live region says when a batch is complete: the runs done and the chance that delays
/// meet their target, with its interval ("100 runs done. Chance delayed transfers meet the 2%
/// target in 2012/13: 0% (95% CI 0–4%).").
pub fn finished_text(done: u32, kpis: &[RiskKpi]) -> String {
    let mut text = format!("{done} runs done.");
    if let Some(k) = kpis.iter().find(|k| k.id == "dtoc-target") {
        text.push_str(&format!(" {}: {} ({}).", k.label, k.value, k.interval));
    }
    text
}

#[component]
pub fn UncertaintyPanel(props: &UncertaintyPanelProps) -> Html {
    let r = &props.replications;
    let kpis = use_memo(
        (
            r.runs.clone(),
            r.reference.clone(),
            props.year,
            props.year_label.clone(),
        ),
        |(runs, reference, year, label)| risk_kpis(&runs.0, &reference.0, *year, label),
    );
    // Until a new batch has its first run, the last risk KPIs stay on show, faded (the panel keeps
    // its height, so the charts below do not jump while a lever moves).
    let last_kpis = use_mut_ref(|| Rc::new(Vec::<RiskKpi>::new()));
    let kpis_stale = kpis.is_empty() && !last_kpis.borrow().is_empty();
    let shown = if kpis.is_empty() {
        last_kpis.borrow().clone()
    } else {
        *last_kpis.borrow_mut() = kpis.clone();
        kpis.clone()
    };
    let on_reps = {
        let settings = props.settings;
        let cb = props.on_settings.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            match input.value().trim().parse::<u32>() {
                Ok(n) if (REPLICATIONS_RANGE.0..=REPLICATIONS_RANGE.1).contains(&n) => {
                    cb.emit(Settings {
                        replications: n,
                        ..settings
                    })
                }
                _ => input.set_value(&settings.replications.to_string()),
            }
        })
    };
    let on_seed = {
        let settings = props.settings;
        let cb = props.on_settings.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            match input.value().trim().parse::<u64>() {
                Ok(seed) => cb.emit(Settings { seed, ..settings }),
                Err(_) => input.set_value(&settings.seed.to_string()),
            }
        })
    };
    let on_new_seed = {
        let settings = props.settings;
        let cb = props.on_settings.clone();
        Callback::from(move |_| {
            let seed = (js_sys::Math::random() * 1e9).floor() as u64;
            cb.emit(Settings { seed, ..settings })
        })
    };
    let finished = r.finished() && r.error.is_none();
    let bands_ready = r.bands.is_some();
    html! {
        <section class="uncertainty" aria-labelledby="uncertainty-heading"
            data-batch={r.batch.to_string()} data-seed={r.seed.to_string()} data-done={r.done().to_string()}
            data-target={r.target.to_string()} data-finished={finished.to_string()}
            data-bands={bands_ready.to_string()} data-bands-digest={r.bands_digest.clone()}
            data-runs-digest={r.runs_digest.clone()} data-workers={r.workers.to_string()}
            data-check={r.check.clone().unwrap_or_default()}
            data-reference-missing={r.reference_missing.to_string()}
            data-started-ms={format!("{:.1}", r.started_ms)}
            data-finished-ms={r.finished_ms.map(|t| format!("{t:.1}")).unwrap_or_default()}
            data-worker-ms={format!("{:.1}", r.worker_ms)}>
            <h2 id="uncertainty-heading">{ format!("How likely, in {}: {} simulated runs", props.year_label, props.settings.replications) }</h2>
            <p class="unc-explain">
                <Annotated text="Discrete-event replications of this scenario (random arrivals and stays) run in the background; the charts' shaded bands hold 80% (p10–p90, darker) and 90% (p5–p95, lighter) of them." />
            </p>
            <div class="unc-progress">
                <progress max={r.target.max(1).to_string()} value={r.done().to_string()}
                    aria-label="Replications done"></progress>
                <span class="unc-count">{ progress_text(r) }</span>
                <span class="sr-only" role="status" id="replications-status">{ if finished { finished_text(r.done(), &kpis) } else { String::new() } }</span>
            </div>
            <ul class={classes!("risk-kpis", kpis_stale.then_some("stale"))}
                aria-label={format!("Risks in {} from the replications", props.year_label)}
                aria-busy={kpis_stale.then_some("true")} data-stale={kpis_stale.then_some("true")}>
                { for shown.iter().map(risk_card) }
            </ul>
            <details class="unc-settings">
                <summary>{ format!("Replications: {} · seed {}", props.settings.replications, props.settings.seed) }</summary>
                <label>{ "Replications " }
                    <input id="unc-replications" type="number" min={REPLICATIONS_RANGE.0.to_string()}
                        max={REPLICATIONS_RANGE.1.to_string()} step="1"
                        value={props.settings.replications.to_string()} onchange={on_reps} />
                </label>
                <label>{ "Seed " }
                    <input id="unc-seed" type="text" inputmode="numeric"
                        value={props.settings.seed.to_string()} onchange={on_seed} />
                </label>
                <button type="button" onclick={on_new_seed}>{ "New seed" }</button>
                <p class="unc-note"><Annotated text="The same seed and number of replications give the same bands every time." /></p>
            </details>
        </section>
    }
}
