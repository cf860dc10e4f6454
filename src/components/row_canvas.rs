//! A `<canvas>` that draws a tornado or waterfall ([`careflow_charts::sensitivity::draw_rows`]),
//! sized to its CSS box × devicePixelRatio, in a task of its own (never on the input path).

use std::rc::Rc;

use crate::components::canvas_backend::BatchedCanvas;
use careflow_charts::sensitivity::{draw_rows, RowChart};
use gloo::timers::callback::Timeout;
use plotters::prelude::IntoDrawingArea;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RowCanvasProps {
    pub chart: Rc<RowChart>,
    /// The text alternative.
    pub summary: AttrValue,
    /// Stable id for tests ("tornado", "waterfall").
    pub id: AttrValue,
}

fn draw(canvas: &HtmlCanvasElement, chart: &RowChart) {
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
    canvas.set_width(w);
    canvas.set_height(h);
    let Some(backend) = BatchedCanvas::new(canvas.clone()) else {
        return;
    };
    if let Err(e) = draw_rows(&backend.into_drawing_area(), chart, dpr, false) {
        web_sys::console::warn_1(&format!("chart not drawn: {e}").into());
    } else {
        let _ = canvas.set_attribute("data-drawn", &chart.rows.len().to_string());
    }
}

#[component]
pub fn RowCanvas(props: &RowCanvasProps) -> Html {
    let canvas = use_node_ref();
    let pending = use_mut_ref(|| None::<Timeout>);
    {
        let canvas = canvas.clone();
        use_effect_with(props.chart.clone(), move |chart| {
            let chart = chart.clone();
            *pending.borrow_mut() = Some(Timeout::new(0, move || {
                if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                    draw(&c, &chart);
                }
            }));
        });
    }
    // Rows of about 26 CSS px, plus the axis.
    let height = 60 + 26 * props.chart.rows.len();
    html! {
        <canvas ref={canvas} class="row-canvas" data-chart={props.id.clone()} role="img"
            aria-label={props.summary.clone()} style={format!("height: {height}px")} />
    }
}
