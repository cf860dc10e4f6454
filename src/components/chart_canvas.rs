//! A `<canvas>` that draws a [`TimeChart`] with plotters, sized to its CSS box × devicePixelRatio so
//! it stays crisp on high-DPI screens and projectors. Redraws when the chart data or the size changes.

use std::rc::Rc;

use careflow_charts::{draw_time_chart, TimeChart};
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartCanvasProps {
    /// The chart to draw.
    pub chart: Rc<TimeChart>,
    /// A text alternative describing the chart for screen readers.
    pub alt: AttrValue,
}

/// Draws `chart` on `canvas` at the canvas's CSS size × devicePixelRatio.
fn draw(canvas: &HtmlCanvasElement, chart: &TimeChart) {
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .max(1.0);
    let rect = canvas.get_bounding_client_rect();
    let (w, h) = (
        (rect.width() * dpr).round() as u32,
        (rect.height() * dpr).round() as u32,
    );
    if w == 0 || h == 0 {
        return;
    }
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        return;
    };
    let root = backend.into_drawing_area();
    if let Err(e) = draw_time_chart(&root, chart, dpr) {
        web_sys::console::warn_1(&format!("chart not drawn: {e}").into());
    }
}

/// A chart drawn on a canvas, with a text alternative.
#[component]
pub fn ChartCanvas(props: &ChartCanvasProps) -> Html {
    let canvas_ref = use_node_ref();
    {
        let canvas_ref = canvas_ref.clone();
        let chart = props.chart.clone();
        use_effect_with(chart, move |chart| {
            let chart = chart.clone();
            let redraw = {
                let canvas_ref = canvas_ref.clone();
                let chart = chart.clone();
                move || {
                    if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                        draw(&canvas, &chart);
                    }
                }
            };
            redraw();
            let listener = web_sys::window()
                .map(|w| gloo::events::EventListener::new(&w, "resize", move |_| redraw()));
            move || drop(listener)
        });
    }
    html! {
        <figure class="chart">
            <canvas ref={canvas_ref} role="img" aria-label={props.alt.clone()}></canvas>
            <figcaption class="sr-only">{ props.alt.clone() }</figcaption>
        </figure>
    }
}
