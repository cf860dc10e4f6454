//! A merged sweep opened from a file: one row per design point and scenario, its lever values and
//! the chosen year's KPIs (means over its replications). When the sweep has at most four points
//! that are presets with levers set, they are also pinned (overlaid on every chart).

use std::rc::Rc;

use yew::prelude::*;

use crate::sweep_import::{Sweep, SHOWN};

#[derive(Properties, PartialEq)]
pub struct SweepSummaryProps {
    pub sweep: Rc<Sweep>,
    /// The file's name.
    pub name: AttrValue,
    /// The financial year whose KPIs are shown (its label, e.g. "2012/13").
    pub year: AttrValue,
    /// The points were pinned (at most four, each a preset).
    pub pinned: bool,
    pub on_close: Callback<()>,
}

/// Most rows drawn; a larger sweep says how many are left out.
const MAX_ROWS: usize = 200;

#[component]
pub fn SweepSummary(props: &SweepSummaryProps) -> Html {
    let s = &props.sweep;
    let year = props.year.to_string();
    let cols: Vec<(Option<usize>, &str, crate::sweep_import::Shown)> = SHOWN
        .iter()
        .map(|(k, label, shown)| (s.kpi(k), *label, *shown))
        .filter(|(i, _, _)| i.is_some())
        .collect();
    let on_close = props.on_close.reform(|_: MouseEvent| ());
    // Preset ids in the sweep read as the presets' names.
    let names: std::collections::BTreeMap<&str, &str> = careflow_model::presets()
        .iter()
        .map(|p| (p.id, p.name))
        .collect();
    let n = s.points.len();
    html! {
        <section class="sweep-summary" aria-labelledby="sweep-heading" data-points={n.to_string()}>
            <h2 id="sweep-heading">{ format!("Sweep {}: {} design point{} in {}", props.name, n, if n == 1 { "" } else { "s" }, year) }</h2>
            <p class="muted">
                { if props.pinned {
                    "Each point is pinned: it is drawn on every chart and compared side by side below. ".to_string()
                } else {
                    "More than four points, scenarios from files, or more pins than fit beside yours: shown as a table (at most four can be pinned). ".to_string()
                } }
                { "Figures are means over each point's replications, as the sweep computed them." }
            </p>
            <div class="table-wrap" tabindex="0" role="region" aria-label={format!("Sweep {} as a table", props.name)}>
                <table class="data-table">
                    <caption class="sr-only">{ format!("Sweep {}: lever values and key figures in {year}", props.name) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Point" }</th>
                        <th scope="col">{ "Scenario" }</th>
                        { for s.levers.iter().map(|l| {
                            let spec = careflow_model::params::param(l);
                            html! { <th scope="col">
                                { spec.map(|p| format!("{} [{}]", p.label, p.unit)).unwrap_or_default() }
                                <br /><code class="lever-path">{ l.clone() }</code>
                            </th> }
                        }) }
                        <th scope="col">{ "Runs" }</th>
                        { for cols.iter().map(|(_, label, _)| html! { <th scope="col">{ *label }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for s.points.iter().take(MAX_ROWS).map(|p| {
                            let kpis = p.years.iter().find(|(y, _)| *y == year).map(|(_, k)| k);
                            html! { <tr>
                                <th scope="row">{ p.point }</th>
                                <td>{ names.get(p.scenario.as_str()).map_or(p.scenario.as_str(), |n| n) }</td>
                                { for p.values.iter().map(|v| html! { <td>{ format!("{v}") }</td> }) }
                                <td>{ p.replications }</td>
                                { for cols.iter().map(|(i, _, shown)| html! {
                                    <td>{ kpis.and_then(|k| k.get(i.unwrap_or(0)).copied()).map(|x| shown.text(x)).unwrap_or_else(|| "–".into()) }</td>
                                }) }
                            </tr> }
                        }) }
                    </tbody>
                </table>
            </div>
            if n > MAX_ROWS {
                <p class="muted">{ format!("The first {MAX_ROWS} of {n} rows are shown.") }</p>
            }
            <button type="button" onclick={on_close}>{ "Close the sweep" }</button>
        </section>
    }
}
