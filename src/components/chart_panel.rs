//! One chart panel: the finding as a heading, the canvas, an HTML legend, the hover read-out and a
//! "show as table" alternative. A banded chart's panel carries `data-inside-band`: the share of
//! the days drawn on which the live line lies inside the replications' 10–90% band.

use std::rc::Rc;

use careflow_charts::views::ChartView;
use careflow_charts::{LegendKind, LineStyle};
use yew::prelude::*;

use crate::components::chart_canvas::ChartCanvas;
use crate::components::data_table::DataTable;
use crate::components::glossary::Annotated;

#[derive(Properties, PartialEq)]
pub struct ChartPanelProps {
    pub view: Rc<ChartView>,
    /// A banded chart's progress label (what its bands are drawn from), in the chart's corner.
    #[prop_or_default]
    pub status: Option<AttrValue>,
    /// The bands drawn are an earlier scenario's (faded) while this one's are computed.
    #[prop_or_default]
    pub stale: bool,
    /// Text and strokes on the canvas at this multiple of their screen size.
    #[prop_or(1.0)]
    pub text_scale: f64,
}

/// A legend swatch drawn as the chart draws the entry: an opaque box (bars), a box at the opacity
/// the band shows on the chart, a line in the entry's dash pattern (faint lines at their opacity),
/// or a marker.
pub fn swatch(colour: (u8, u8, u8), kind: LegendKind) -> Html {
    let c = format!("rgb({},{},{})", colour.0, colour.1, colour.2);
    let style = match kind {
        LegendKind::Box => format!("background:{c}"),
        LegendKind::Shade(p) => format!(
            "background:rgba({},{},{},{:.2})",
            colour.0,
            colour.1,
            colour.2,
            p as f64 / 100.0
        ),
        LegendKind::Line(style) => {
            let opacity = if style == LineStyle::Faint {
                format!(";opacity:{}", careflow_charts::FAINT_ALPHA)
            } else {
                String::new()
            };
            match style.dash() {
                None => format!("border-top:3px solid {c}{opacity}"),
                Some((on, off)) => {
                    let (on, off) = (on * 0.6, off * 0.6);
                    format!(
                        "height:3px;background:repeating-linear-gradient(90deg,{c} 0 {on}px,transparent {on}px {}px){opacity}",
                        on + off
                    )
                }
            }
        }
        LegendKind::Marker => format!("border-left:2px dashed {c};height:14px;width:0"),
    };
    let (class, shade) = match kind {
        LegendKind::Box => ("swatch box", None),
        LegendKind::Shade(p) => ("swatch box", Some(p.to_string())),
        _ => ("swatch line", None),
    };
    html! { <span class={class} style={style} data-opacity={shade} aria-hidden="true"></span> }
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
            <h3 class="chart-title" id={title_id}><Annotated text={view.chart.title().to_string()} /></h3>
            <div class="canvas-wrap">
                <ChartCanvas view={view.clone()} {on_hover} text_scale={props.text_scale} />
                if let Some(status) = &props.status {
                    <p class="chart-status" aria-hidden="true">{ status.clone() }</p>
                }
            </div>
            <ul class="legend" aria-label={format!("Legend: {}", view.name)}>
                { for legend.iter().map(|e| html! {
                    <li>{ swatch(e.colour, e.kind) }<span><Annotated text={e.name.clone()} /></span></li>
                }) }
            </ul>
            <p class="readout">
                { (*readout).clone().unwrap_or_else(|| "Point at or tap the chart to read values; or show it as a table.".into()) }
            </p>
            <div class="panel-actions">
                <button type="button" class="table-toggle" aria-expanded={if *show_table {"true"} else {"false"}}
                    aria-controls={table_id.clone()} onclick={toggle}
                    aria-label={format!("{}: the {} chart", if *show_table { "Hide table" } else { "Show as table" }, view.name.to_lowercase())}>
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
