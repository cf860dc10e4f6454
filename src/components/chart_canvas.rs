//! A `<canvas>` that draws a chart with plotters, sized to its CSS box × devicePixelRatio so it stays
//! crisp on high-DPI screens and projectors; pointing at it or tapping it reads out the values.
//!
//! Drawing is done once per change and in the same frame: a new chart only *marks* its canvas for
//! drawing, and every marked canvas of the page is drawn together as soon as the render that
//! marked them is over (a microtask, before the browser paints), so a lever move that changes five
//! charts shows them in the next frame, all at once, without waiting for an animation frame, and
//! a fast slider drag never queues stale draws: only each canvas's latest chart is drawn.
//! Charts whose view has not changed are not drawn again. Drawing goes through
//! [`BatchedCanvas`], which keeps the calls into the browser few. After each draw the page hook
//! `window.__careflowPaint(id)` is called if present (the end-to-end latency benchmark listens to it).

use std::cell::RefCell;
use std::rc::Rc;

use careflow_charts::views::ChartView;
use careflow_charts::{draw_chart, DrawOptions, Geometry};
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::components::canvas_backend::BatchedCanvas;

#[derive(Properties, PartialEq)]
pub struct ChartCanvasProps {
    /// The chart to draw, with its text alternative.
    pub view: Rc<ChartView>,
    /// The hover read-out in words (None when the pointer leaves).
    #[prop_or_default]
    pub on_hover: Callback<Option<String>>,
    /// Text and strokes at this multiple of their screen size (the projector's audience view
    /// reads from the back of a room).
    #[prop_or(1.0)]
    pub text_scale: f64,
}

fn dpr() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .max(1.0)
}

/// Draws `view` on `canvas` at the canvas's CSS size × devicePixelRatio. `size` is the CSS size
/// when known (from the resize observer; asking the element would force a layout of the page in
/// the middle of drawing); returns where the plot landed and the size used.
fn draw(
    canvas: &HtmlCanvasElement,
    view: &ChartView,
    size: Option<(f64, f64)>,
    text_scale: f64,
) -> (Option<Geometry>, (f64, f64)) {
    let size = size.unwrap_or_else(|| {
        let rect = canvas.get_bounding_client_rect();
        (rect.width(), rect.height())
    });
    (draw_at(canvas, view, size, text_scale), size)
}

fn draw_at(
    canvas: &HtmlCanvasElement,
    view: &ChartView,
    size: (f64, f64),
    text_scale: f64,
) -> Option<Geometry> {
    let dpr = dpr();
    let (w, h) = ((size.0 * dpr).round() as u32, (size.1 * dpr).round() as u32);
    if w == 0 || h == 0 {
        return None;
    }
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let backend = BatchedCanvas::new(canvas.clone())?;
    let root = backend.into_drawing_area();
    let opts = DrawOptions {
        scale: dpr * text_scale.clamp(0.5, 3.0),
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
    let backend = BatchedCanvas::new(canvas.clone())?;
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
    /// The canvas's CSS size [px], as the resize observer last reported it.
    size: Option<(f64, f64)>,
    /// In the queue of canvases to draw at the next frame.
    queued: bool,
    /// [`ChartCanvasProps::text_scale`].
    text_scale: f64,
}

/// The canvases to draw once the current render is over.
#[derive(Default)]
struct Frame {
    queue: Vec<(Rc<RefCell<Painter>>, NodeRef)>,
    /// The draw of the queue is scheduled.
    requested: bool,
}

thread_local! {
    static FRAME: RefCell<Frame> = RefCell::new(Frame::default());
}

/// Draws every queued canvas with its latest chart.
fn draw_queued() {
    let queue = FRAME.with(|f| {
        let mut f = f.borrow_mut();
        f.requested = false;
        std::mem::take(&mut f.queue)
    });
    for (painter, canvas_ref) in queue {
        let (view, size, text_scale) = {
            let mut p = painter.borrow_mut();
            p.queued = false;
            (p.latest.clone(), p.size, p.text_scale)
        };
        let (Some(view), Some(canvas)) = (view, canvas_ref.cast::<HtmlCanvasElement>()) else {
            continue;
        };
        let (g, size) = draw(&canvas, &view, size, text_scale);
        let mut p = painter.borrow_mut();
        p.geometry = g;
        p.size = Some(size);
        drop(p);
        paint_hook(view.id);
    }
}

/// Marks the canvas for drawing once the current render is over.
fn schedule(painter: &Rc<RefCell<Painter>>, canvas_ref: &NodeRef) {
    if std::mem::replace(&mut painter.borrow_mut().queued, true) {
        return;
    }
    FRAME.with(|f| {
        let mut f = f.borrow_mut();
        f.queue.push((painter.clone(), canvas_ref.clone()));
        if !std::mem::replace(&mut f.requested, true) {
            // A microtask: after Yew's render and effects (which mark every changed canvas), before
            // the task ends and the browser paints.
            wasm_bindgen_futures::spawn_local(async { draw_queued() });
        }
    });
}

/// A chart drawn on a canvas, with a text alternative and a hover read-out.
#[component]
pub fn ChartCanvas(props: &ChartCanvasProps) -> Html {
    let canvas_ref = use_node_ref();
    let painter = use_mut_ref(Painter::default);
    {
        let canvas_ref = canvas_ref.clone();
        let painter = painter.clone();
        use_effect_with(
            (props.view.clone(), props.text_scale),
            move |(view, text_scale)| {
                let mut p = painter.borrow_mut();
                p.latest = Some(view.clone());
                p.text_scale = *text_scale;
                drop(p);
                schedule(&painter, &canvas_ref);
            },
        );
    }
    {
        let canvas_ref = canvas_ref.clone();
        let painter = painter.clone();
        use_effect_with((), move |_| {
            // A new size (the layout changed) redraws at that size; a window resize too (the
            // device pixel ratio changes with the zoom, the CSS size not always).
            let on_size = {
                let (painter, canvas_ref) = (painter.clone(), canvas_ref.clone());
                Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    let Some(entry) = entries
                        .get(0)
                        .dyn_into::<web_sys::ResizeObserverEntry>()
                        .ok()
                    else {
                        return;
                    };
                    let r = entry.content_rect();
                    let size = Some((r.width(), r.height()));
                    if std::mem::replace(&mut painter.borrow_mut().size, size) != size {
                        schedule(&painter, &canvas_ref);
                    }
                })
            };
            let observer = canvas_ref.cast::<HtmlCanvasElement>().and_then(|canvas| {
                let o = web_sys::ResizeObserver::new(on_size.as_ref().unchecked_ref()).ok()?;
                o.observe(&canvas);
                Some(o)
            });
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "resize", move |_| {
                    schedule(&painter, &canvas_ref)
                })
            });
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(on_size);
                drop(listener);
            }
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
