//! The workshop pack: a printable view of the scenario on screen on two A4 landscape pages. Page
//! one, the results: name, description, the five charts as pictures large enough to read on paper
//! (with the replication bands once the replications are complete), the KPI table and the risk
//! cards (once complete). Page two, what was assumed: the levers that differ from the baseline in
//! this scenario and in each pinned one (a column each) and the sources of the assumptions used.
//! Legible charts, pins' levers and sources do not fit one page. A pack opened from the presenter
//! console adds a "Predictions" table: each question, the room's guesses and the model's answer. "Print" opens the browser's print
//! dialog (which also saves as PDF); "Back" returns to the workbench with nothing lost. The
//! end-to-end tests print it to PDF and count two pages.

use std::rc::Rc;

use careflow_charts::views::{ChartView, Table};
use yew::prelude::*;

use crate::components::chart_canvas::render_plot_png;
use crate::components::chart_panel::swatch;
use crate::components::data_table::DataTable;
use crate::uncertainty::RiskKpi;

#[derive(Properties, PartialEq)]
pub struct WorkshopPackProps {
    pub name: AttrValue,
    pub description: AttrValue,
    /// "From the Strategic plan preset · seed 42 · 2012/13".
    pub meta: AttrValue,
    /// The link that reopens this scenario.
    pub link: AttrValue,
    pub levers: Rc<Table>,
    pub kpis: Rc<Table>,
    pub sources: Rc<Table>,
    /// The risk cards as a table, once the replications are complete (None before).
    #[prop_or_default]
    pub risks: Option<Rc<Table>>,
    pub charts: Rc<Vec<Rc<ChartView>>>,
    pub on_close: Callback<()>,
    /// The model checks section (`PackChecks`), printed last.
    #[prop_or_default]
    pub checks: Html,
    /// A presenter session's predictions (question, the room's guesses, the model's answer),
    /// printed after the risks when there are any.
    #[prop_or_default]
    pub predictions: Option<Rc<Table>>,
}

/// A table in two halves of its rows (the second captioned as continued), to print side by side.
fn halves(t: &Table) -> Vec<Table> {
    let cut = t.rows.len().div_ceil(2);
    let (a, b) = t.rows.split_at(cut);
    vec![
        Table {
            rows: a.to_vec(),
            ..t.clone()
        },
        Table {
            caption: format!("{} (continued)", t.caption),
            rows: b.to_vec(),
            ..t.clone()
        },
    ]
}

/// The risk cards as the pack's table: what, the estimate, its interval; the caption names the
/// runs and seed they come from.
pub fn risk_table(kpis: &[RiskKpi], runs: u32, seed: u64) -> Table {
    Table {
        caption: format!("Risks from {runs} simulated runs (seed {seed})"),
        headers: vec!["Risk".into(), "Estimate".into(), "Interval".into()],
        rows: kpis
            .iter()
            .map(|k| vec![k.label.clone(), k.value.clone(), k.interval.clone()])
            .collect(),
    }
}

#[component]
pub fn WorkshopPack(props: &WorkshopPackProps) -> Html {
    // Each picture prints a third of the page wide (about 90 mm): the plot alone, drawn at 960×420
    // with text and lines 1.6 times their screen size, so its axis labels print at about 6 pt; the
    // title and legend are text beside it.
    let images = use_memo(crate::uncertainty::ByPtr(props.charts.clone()), |charts| {
        charts
            .0
            .iter()
            .map(|v| (v.clone(), render_plot_png(v, 960, 420, 1.6)))
            .collect::<Vec<_>>()
    });
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let close = props.on_close.reform(|_: MouseEvent| ());
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    html! {
        <article class="pack" aria-labelledby="pack-title">
            <div class="pack-toolbar no-print">
                <button type="button" onclick={close}>{ "← Back to the workbench" }</button>
                <button type="button" class="primary" onclick={print}>{ "Print or save as PDF" }</button>
                <span>{ "Two pages, A4 landscape: the results, then the levers and their sources." }</span>
            </div>
            <header class="pack-header">
                <p class="pack-kicker">{ "Careflow workshop pack" }</p>
                <h1 id="pack-title" tabindex="-1" ref={heading}>{ props.name.clone() }</h1>
                if !props.description.is_empty() {
                    <p class="pack-description">{ props.description.clone() }</p>
                }
                <p class="pack-meta">{ props.meta.clone() }</p>
            </header>
            <div class="pack-main">
                { for images.iter().map(|(v, img)| html! {
                    <figure class="pack-chart" data-chart={v.id}>
                        <figcaption>{ v.chart.title().to_string() }</figcaption>
                        if let Some(src) = img {
                            <img src={src.clone()} alt={v.summary.clone()} />
                        } else {
                            <p>{ v.summary.clone() }</p>
                        }
                        <ul class="pack-legend" aria-label={format!("Legend: {}", v.name)}>
                            { for v.chart.legend().into_iter().map(|e| html! {
                                <li>{ swatch(e.colour, e.kind) }{ e.name }</li>
                            }) }
                        </ul>
                    </figure>
                }) }
                <DataTable table={(*props.kpis).clone()} class="pack-kpis" />
            </div>
            if let Some(risks) = &props.risks {
                <DataTable table={(**risks).clone()} class="pack-risks" />
            } else {
                <p class="pack-risks-pending">{ "The risk cards and the bands on the charts appear here once the replications are complete." }</p>
            }
            if let Some(p) = props.predictions.as_ref().filter(|p| !p.rows.is_empty()) {
                <DataTable table={(**p).clone()} class="pack-predictions" />
            }
            <div class="pack-bottom">
                <h2 class="pack-page-heading">{ format!("{}: the levers and where the assumptions come from", props.name) }</h2>
                <div>
                    if props.levers.rows.is_empty() {
                        <p>{ "Every lever is at its baseline value." }</p>
                    } else {
                        <DataTable table={(*props.levers).clone()} class="pack-levers" />
                    }
                    <p class="pack-link">{ "Reopen this scenario: " }<span>{ props.link.clone() }</span></p>
                </div>
                { for halves(&props.sources).into_iter().map(|t| html! {
                    <DataTable table={t} class="pack-sources" />
                }) }
            </div>
            { props.checks.clone() }
        </article>
    }
}
