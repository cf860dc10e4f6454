//! The workshop pack: a printable one-page view (A4 landscape) of the scenario on screen — name,
//! description, the levers that differ from the baseline, the KPI table, the five charts as
//! pictures and the sources of the assumptions used. "Print" opens the browser's print dialog (which
//! also saves as PDF); "Back" returns to the workbench with nothing lost.

use std::rc::Rc;

use careflow_charts::views::{ChartView, Table};
use yew::prelude::*;

use crate::components::chart_canvas::render_png;
use crate::components::data_table::DataTable;

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
    pub charts: Rc<Vec<Rc<ChartView>>>,
    pub on_close: Callback<()>,
    /// The model checks section (`PackChecks`), printed last.
    #[prop_or_default]
    pub checks: Html,
}

#[component]
pub fn WorkshopPack(props: &WorkshopPackProps) -> Html {
    // Pictures at 1200×675 (print resolution for a third of a landscape page).
    let images = use_memo(crate::uncertainty::ByPtr(props.charts.clone()), |charts| {
        charts
            .0
            .iter()
            .map(|v| (v.clone(), render_png(v, 1200, 675, 1.35)))
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
                <div class="pack-charts">
                    { for images.iter().map(|(v, img)| html! {
                        <figure class="pack-chart" data-chart={v.id}>
                            if let Some(src) = img {
                                <img src={src.clone()} alt={v.summary.clone()} />
                            } else {
                                <p>{ v.summary.clone() }</p>
                            }
                        </figure>
                    }) }
                </div>
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
                <DataTable table={(*props.sources).clone()} class="pack-sources" />
            </div>
            { props.checks.clone() }
        </article>
    }
}
