//! One chart panel: the finding as a heading, the canvas, an HTML legend, the hover read-out and a
//! "show as table" alternative. A banded chart's panel carries `data-inside-band`: the share of
//! the days drawn on which the live line lies inside the replications' 10–90% band.

use std::rc::Rc;

use careflow_charts::views::ChartView;
use careflow_charts::{LegendKind, LineStyle};
use yew::prelude::*;

use crate::components::chart_canvas::ChartCanvas;
use crate::components::data_table::DataTable;

#[derive(Properties, PartialEq)]
pub struct ChartPanelProps {
    pub view: Rc<ChartView>,
    /// A banded chart's progress label (what its bands are drawn from), in the chart's corner.
    #[prop_or_default]
    pub status: Option<AttrValue>,
    /// The bands drawn are an earlier scenario's (faded) while this one's are computed.
    #[prop_or_default]
    pub stale: bool,
}

/// A legend swatch: a box, a line in the entry's style, or a marker.
pub fn swatch(colour: (u8, u8, u8), kind: LegendKind) -> Html {
    let c = format!("rgb({},{},{})", colour.0, colour.1, colour.2);
    let style = match kind {
        LegendKind::Box => format!("background:{c}"),
        LegendKind::Line(LineStyle::Solid) => format!("border-top:3px solid {c}"),
        LegendKind::Line(LineStyle::Faint) => format!("border-top:3px solid {c};opacity:.55"),
        LegendKind::Line(LineStyle::Dashed) => format!("border-top:3px dashed {c}"),
        LegendKind::Line(LineStyle::Pattern(i)) => {
            let (on, off) = careflow_charts::PATTERNS[i as usize % careflow_charts::PATTERNS.len()];
            let (on, off) = (on * 0.6, off * 0.6);
            format!(
                "height:3px;background:repeating-linear-gradient(90deg,{c} 0 {on}px,transparent {on}px {}px)",
                on + off
            )
        }
        LegendKind::Marker => format!("border-left:2px dashed {c};height:14px;width:0"),
    };
    let class = match kind {
        LegendKind::Box => "swatch box",
        _ => "swatch line",
    };
    html! { <span class={class} style={style} aria-hidden="true"></span> }
}

#[component]
pub fn ChartPanel(props: &ChartPanelProps) -> Html {
    let view = &props.view;
    let show_table = use_state(|| false);
    let readout = use_state(|| None::<String>);
    let title_id = format!("chart-{}-title", view.id);
    let table_id = format!("chart-{}-table", view.id);
    let on_hover = {
        let readout = readout.clone();
        Callback::from(move |r: Option<String>| readout.set(r))
    };
    let toggle = {
        let show_table = show_table.clone();
        Callback::from(move |_| show_table.set(!*show_table))
    };
    let on_png = {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| {
            // Presentation resolution: 1920×1080 with text and lines at twice their screen size.
            if let Some(url) = crate::components::chart_canvas::render_png(&view, 1920, 1080, 2.0) {
                crate::download::download_url(&format!("careflow-{}.png", view.id), &url);
            }
        })
    };
    let legend = view.chart.legend();
    // The end-to-end test reads how well the live line agrees with the replications' band.
    let inside = (!props.stale)
        .then(|| crate::uncertainty::inside_band(view).map(|x| format!("{x:.4}")))
        .flatten();
    html! {
        <section class="chart-panel" data-chart={view.id} aria-labelledby={title_id.clone()}
            data-inside-band={inside} data-bands-stale={props.stale.then_some("true")}>
            <p class="chart-name">{ view.name }</p>
            <h3 class="chart-title" id={title_id}>{ view.chart.title().to_string() }</h3>
            <div class="canvas-wrap">
                <ChartCanvas view={view.clone()} {on_hover} />
                if let Some(status) = &props.status {
                    <p class="chart-status" aria-hidden="true">{ status.clone() }</p>
                }
            </div>
            <ul class="legend" aria-label={format!("Legend: {}", view.name)}>
                { for legend.iter().map(|e| html! {
                    <li>{ swatch(e.colour, e.kind) }{ e.name.clone() }</li>
                }) }
            </ul>
            <p class="readout">
                { (*readout).clone().unwrap_or_else(|| "Point at the chart to read values; or show it as a table.".into()) }
            </p>
            <div class="panel-actions">
                <button type="button" class="table-toggle" aria-expanded={if *show_table {"true"} else {"false"}}
                    aria-controls={table_id.clone()} onclick={toggle}>
                    { if *show_table { "Hide table" } else { "Show as table" } }
                </button>
                <button type="button" class="png" onclick={on_png}
                    aria-label={format!("Save as PNG: the {} chart, 1920 by 1080 pixels", view.name.to_lowercase())}>
                    { "Save as PNG" }
                </button>
            </div>
            <div id={table_id} class="table-wrap" hidden={!*show_table}>
                if *show_table {
                    <DataTable table={view.table.clone()} />
                }
            </div>
        </section>
    }
}
