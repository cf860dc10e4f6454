//! The workshop pack: a printable one-page view (A4 landscape) of the scenario on screen — name,
//! description, the five charts as pictures large enough to read on paper (with the replication
//! bands once the replications are complete), the KPI table, the levers that differ from the
//! baseline in this scenario and in each pinned one (a column each), the risk cards once the
//! replications are complete, and the sources of the assumptions used. "Print" opens the
//! browser's print dialog (which also saves as PDF); "Back" returns to the workbench with nothing
//! lost. The end-to-end test prints it to PDF and counts one page.

use std::rc::Rc;

use careflow_charts::views::{ChartView, Table};
use yew::prelude::*;

use crate::components::chart_canvas::render_png;
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
    // Each picture prints a third of the page wide (about 90 mm): drawn at 960×540 with text and
    // lines 1.6 times their screen size, axis labels print at about 6 pt.
    let images = use_memo(crate::uncertainty::ByPtr(props.charts.clone()), |charts| {
        charts
            .0
            .iter()
            .map(|v| (v.clone(), render_png(v, 960, 540, 1.6)))
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
                <span>{ "One page, A4 landscape." }</span>
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
                        if let Some(src) = img {
                            <img src={src.clone()} alt={v.summary.clone()} />
                        } else {
                            <p>{ v.summary.clone() }</p>
                        }
                    </figure>
                }) }
                <DataTable table={(*props.kpis).clone()} class="pack-kpis" />
            </div>
            <div class="pack-bottom">
                <div>
                    if props.levers.rows.is_empty() {
                        <p>{ "Every lever is at its baseline value." }</p>
                    } else {
                        <DataTable table={(*props.levers).clone()} class="pack-levers" />
                    }
                    <p class="pack-link">{ "Reopen this scenario: " }<span>{ props.link.clone() }</span></p>
                </div>
                <div>
                    if let Some(risks) = &props.risks {
                        <DataTable table={(**risks).clone()} class="pack-risks" />
                    } else {
                        <p class="pack-risks-pending">{ "Risk cards and bands appear here once the replications are complete." }</p>
                    }
                </div>
                <DataTable table={(*props.sources).clone()} class="pack-sources" />
            </div>
        </article>
    }
}
