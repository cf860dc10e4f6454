//! The "What matters most" (sensitivity) view: for a chosen KPI and year, a tornado of the
//! headline levers over their plausible ranges (widest on top, bars inside the stochastic engine's
//! noise in grey) with its table beside it, and a waterfall from do nothing to the scenario by
//! lever group with the interaction term. The runs come from the analysis worker; choosing a KPI
//! or year only re-reads them.

use std::rc::Rc;

use careflow_charts::sensitivity::{tornado_view, waterfall_view, AT_HIGH, AT_LOW, WITHIN_NOISE};
use careflow_model::sensitivity::Kpi;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::data_table::DataTable;
use crate::components::row_canvas::RowCanvas;
use crate::hooks::use_analysis::SensitivityResult;
use crate::hooks::use_replications::Runs;

#[derive(Properties, PartialEq)]
pub struct SensitivityViewProps {
    pub result: Option<SensitivityResult>,
    pub pending: bool,
    pub error: Option<AttrValue>,
    /// The replications behind the charts' bands (the noise that greys bars).
    pub runs: Runs,
    /// The year first shown (the key figures' year) and the run's year labels.
    pub year: usize,
    pub years: Rc<Vec<String>>,
}

/// Replications needed before the noise is read from them.
const MIN_NOISE_RUNS: usize = 10;

fn swatch(rgb: (u8, u8, u8)) -> String {
    format!("background: rgb({}, {}, {})", rgb.0, rgb.1, rgb.2)
}

#[component]
pub fn SensitivityView(props: &SensitivityViewProps) -> Html {
    let kpi = use_state(|| Kpi::DtocShare);
    let year = use_state(|| props.year);
    let year_i = (*year).min(props.years.len().saturating_sub(1));
    let views = use_memo(
        (props.result.clone(), props.runs.clone(), *kpi, year_i),
        |(result, runs, kpi, year)| {
            let r = result.as_ref()?;
            let mut t = r.sweep.tornado(*kpi, *year);
            if runs.0.len() >= MIN_NOISE_RUNS {
                if let Some(n) = crate::analysis::noise(&runs.0, *kpi, *year) {
                    t.mark_noise(n);
                }
            }
            let w = r.waterfall.waterfall(*kpi, *year);
            Some((
                Rc::new(tornado_view(&t)),
                Rc::new(waterfall_view(&w)),
                runs.0.len(),
            ))
        },
    );
    let on_kpi = {
        let kpi = kpi.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            if let Some(k) = Kpi::parse(&sel.value()) {
                kpi.set(k);
            }
        })
    };
    let on_year = {
        let year = year.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = sel.value().parse::<usize>() {
                year.set(i);
            }
        })
    };
    let status = match (&props.result, props.pending) {
        (None, _) => "Running every headline lever at its low and high…".to_string(),
        (Some(_), true) => "Updating for your latest change…".to_string(),
        (Some(r), false) => format!(
            "{} headline levers, each run at its low and high ({} runs of the live engine, {:.0} ms in a background worker).",
            r.sweep.levers.len(),
            1 + 2 * r.sweep.levers.len() + r.waterfall.groups.len() + 2,
            r.millis
        ),
    };
    html! {
        <section id="sensitivity-view" class="analysis-view sensitivity-view" aria-labelledby="sensitivity-title"
            data-pending={props.pending.to_string()}>
            <h2 id="sensitivity-title">{ "What matters most" }</h2>
            <p class="analysis-explain">{ "Each headline lever moved over its plausible range (from the lever registry, with its source), the other levers where they are: the wider the bar, the more the answer rests on that lever. Bars in grey move the figure less than chance does between runs of the stochastic engine. Below, how the scenario gets from do nothing to where it is, lever group by lever group." }</p>
            <div class="sensitivity-controls">
                <label for="sens-kpi">{ "Key figure " }</label>
                <select id="sens-kpi" onchange={on_kpi}>
                    { for Kpi::ALL.iter().map(|k| html! {
                        <option value={k.short()} selected={*k == *kpi}>{ k.label() }</option>
                    }) }
                </select>
                <label for="sens-year">{ " in " }</label>
                <select id="sens-year" onchange={on_year}>
                    { for props.years.iter().enumerate().map(|(i, y)| html! {
                        <option value={i.to_string()} selected={i == year_i}>{ y.clone() }</option>
                    }) }
                </select>
            </div>
            <p class="checks-status" role="status">{ status }</p>
            if let Some(e) = &props.error {
                <p class="run-error" role="alert">{ format!("The sensitivity runs could not run: {e}") }</p>
            }
            if let Some((t, w, runs)) = views.as_ref().clone() {
                <div class="sens-block" data-kpi={kpi.short()}>
                    <h3 id="tornado-title">{ t.title.clone() }</h3>
                    <ul class="legend" aria-label="Legend">
                        <li><span class="swatch" style={swatch(AT_LOW)}></span>{ "lever at its low" }</li>
                        <li><span class="swatch" style={swatch(AT_HIGH)}></span>{ "lever at its high" }</li>
                        <li><span class="swatch" style={swatch(WITHIN_NOISE)}></span>{
                            if runs >= MIN_NOISE_RUNS { "within the stochastic engine's noise (shaded)".to_string() }
                            else { format!("within the noise: known after {MIN_NOISE_RUNS} replications ({runs} so far)") }
                        }</li>
                        <li><span class="swatch line" style="border-top: 2px solid var(--ink)"></span>{ "this scenario" }</li>
                    </ul>
                    <div class="sens-pair">
                        <RowCanvas id="tornado" chart={Rc::new(t.chart.clone())} summary={t.summary.clone()} />
                        <div class="table-wrap sens-table" tabindex="0" role="region" aria-label="Tornado table">
                            <DataTable table={t.table.clone()} />
                        </div>
                    </div>
                    <h3 id="waterfall-title">{ w.title.clone() }</h3>
                    <div class="sens-pair">
                        <RowCanvas id="waterfall" chart={Rc::new(w.chart.clone())} summary={w.summary.clone()} />
                        <div class="table-wrap sens-table" tabindex="0" role="region" aria-label="Waterfall table">
                            <DataTable table={w.table.clone()} />
                        </div>
                    </div>
                </div>
            }
        </section>
    }
}
