//! A `<canvas>` that draws a chart with plotters, sized to its CSS box × devicePixelRatio so it stays
//! crisp on high-DPI screens and projectors; pointing at it or tapping it reads out the values.
//!
//! Drawing is kept off the input path: a new chart only *schedules* a draw in a task of its own,
//! and a newer chart arriving before that task runs replaces the pending one (so a fast slider
//! drag never queues stale draws, and several charts never add up to one long task). After each draw the page hook `window.__careflowPaint(id)`
//! is called if present (the end-to-end latency benchmark listens to it).

use std::cell::RefCell;
use std::rc::Rc;

use careflow_charts::views::ChartView;
use careflow_charts::{draw_chart, DrawOptions, Geometry};
use gloo::timers::callback::Timeout;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartCanvasProps {
    /// The chart to draw, with its text alternative.
    pub view: Rc<ChartView>,
    /// The hover read-out in words (None when the pointer leaves).
    #[prop_or_default]
    pub on_hover: Callback<Option<String>>,
}

fn dpr() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .max(1.0)
}

/// Draws `view` on `canvas` at the canvas's CSS size × devicePixelRatio.
fn draw(canvas: &HtmlCanvasElement, view: &ChartView) -> Option<Geometry> {
    let dpr = dpr();
    let rect = canvas.get_bounding_client_rect();
    let (w, h) = (
        (rect.width() * dpr).round() as u32,
        (rect.height() * dpr).round() as u32,
    );
    if w == 0 || h == 0 {
        return None;
    }
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let backend = CanvasBackend::with_canvas_object(canvas.clone())?;
    let root = backend.into_drawing_area();
    let opts = DrawOptions {
        scale: dpr,
        caption: false,
        legend: false,
    };
    match draw_chart(&root, &view.chart, opts) {
        Ok(g) => Some(g),
        Err(e) => {
            web_sys::console::warn_1(&format!("chart not drawn: {e}").into());
            None
        }
    }
}

/// The chart drawn off screen at `width`×`height` pixels (title and legend inside the image), as a
/// PNG data URL: presentation slides. `scale` multiplies text and strokes.
pub fn render_png(view: &ChartView, width: u32, height: u32, scale: f64) -> Option<String> {
    render(view, width, height, scale, true)
}

/// As [`render_png`] without the title and legend in the image (the workshop pack prints them as
/// text beside it, where they wrap instead of covering the plot).
pub fn render_plot_png(view: &ChartView, width: u32, height: u32, scale: f64) -> Option<String> {
    render(view, width, height, scale, false)
}

fn render(view: &ChartView, width: u32, height: u32, scale: f64, labels: bool) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let canvas: HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(width);
    canvas.set_height(height);
    let backend = CanvasBackend::with_canvas_object(canvas.clone())?;
    let root = backend.into_drawing_area();
    let opts = DrawOptions {
        scale,
        caption: labels,
        legend: labels,
    };
    if let Err(e) = draw_chart(&root, &view.chart, opts) {
        web_sys::console::warn_1(&format!("chart not drawn: {e}").into());
        return None;
    }
    canvas.to_data_url_with_type("image/png").ok()
}

/// Tells a listening benchmark that chart `id` has been repainted.
fn paint_hook(id: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(f) = js_sys::Reflect::get(&window, &"__careflowPaint".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call1(&wasm_bindgen::JsValue::NULL, &id.into());
        }
    }
}

#[derive(Default)]
struct Painter {
    latest: Option<Rc<ChartView>>,
    geometry: Option<Geometry>,
    pending: Option<Timeout>,
}

fn schedule(painter: &Rc<RefCell<Painter>>, canvas_ref: &NodeRef) {
    let p2 = painter.clone();
    let canvas_ref = canvas_ref.clone();
    // Each canvas draws in a task of its own (a zero-delay timeout, not an animation-frame callback:
    // all rAF callbacks of a frame run in one task), so redrawing several charts never makes one
    // long task that would hold up input.
    let frame = Timeout::new(0, move || {
        let view = p2.borrow_mut().latest.clone();
        let (Some(view), Some(canvas)) = (view, canvas_ref.cast::<HtmlCanvasElement>()) else {
            return;
        };
        let g = draw(&canvas, &view);
        let mut p = p2.borrow_mut();
        p.geometry = g;
        p.pending = None;
        drop(p);
        paint_hook(view.id);
    });
    // Replacing the handle cancels a draw still pending for an older chart.
    painter.borrow_mut().pending = Some(frame);
}

/// A chart drawn on a canvas, with a text alternative and a hover read-out.
#[component]
pub fn ChartCanvas(props: &ChartCanvasProps) -> Html {
    let canvas_ref = use_node_ref();
    let painter = use_mut_ref(Painter::default);
    {
        let canvas_ref = canvas_ref.clone();
        let painter = painter.clone();
        use_effect_with(props.view.clone(), move |view| {
            painter.borrow_mut().latest = Some(view.clone());
            schedule(&painter, &canvas_ref);
        });
    }
    {
        let canvas_ref = canvas_ref.clone();
        let painter = painter.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "resize", move |_| {
                    schedule(&painter, &canvas_ref)
                })
            });
            move || drop(listener)
        });
    }
    let onpointermove = {
        let painter = painter.clone();
        let on_hover = props.on_hover.clone();
        Callback::from(move |e: PointerEvent| {
            let p = painter.borrow();
            let (Some(g), Some(view)) = (&p.geometry, &p.latest) else {
                return;
            };
            let x = g.x_at(e.offset_x() as f64 * dpr());
            on_hover.emit(view.readout(x));
        })
    };
    // A tap (touch or pen) or a click reads out the values under it, as pointing does; a finger
    // lifted off the screen leaves the read-out in place (only a mouse leaving clears it).
    let onpointerdown = onpointermove.clone();
    let onpointerleave = {
        let on_hover = props.on_hover.clone();
        Callback::from(move |e: PointerEvent| {
            if e.pointer_type() == "mouse" {
                on_hover.emit(None)
            }
        })
    };
    html! {
        <canvas ref={canvas_ref} role="img" aria-label={props.view.summary.clone()}
            data-chart-canvas={props.view.id} {onpointermove} {onpointerdown} {onpointerleave}></canvas>
    }
}
