//! A plotters [`DrawingBackend`] over a 2D canvas that keeps the number of calls into the browser
//! small, so a chart of a few thousand points draws in a fraction of a millisecond of script:
//!
//! - strokes of the same colour and width that follow one another (a polyline, the dashes of a
//!   dashed line, the grid lines of a mesh) are gathered into one path and stroked once; anything
//!   else drawn strokes them first, so the painter's order is kept (a path given to the canvas
//!   point by point costs less than one parsed from SVG path text, which was measured);
//! - the context's stroke, fill, line width, font and text alignment are set only when they change
//!   (a colour is compared as numbers, formatted as CSS only when it changes);
//! - text is measured with the canvas's `measureText`, remembered per font and text (plotters'
//!   own web font measure adds an element to the page and forces a layout for every label).
//!
//! Every chart drawn on the page goes through it, whatever the chart: it is a backend, not a
//! change to any chart's drawing code.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A drawing call the canvas refused.
#[derive(Debug)]
pub struct CanvasError(String);

impl fmt::Display for CanvasError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "canvas: {}", self.0)
    }
}

impl std::error::Error for CanvasError {}

fn js_err(e: JsValue) -> DrawingErrorKind<CanvasError> {
    DrawingErrorKind::DrawingError(CanvasError(
        e.as_string().unwrap_or_else(|| format!("{e:?}")),
    ))
}

thread_local! {
    /// Text sizes by (font, text): tick labels repeat from one draw to the next.
    static MEASURED: RefCell<HashMap<(String, String), (u32, u32)>> = RefCell::new(HashMap::new());
}

/// A colour as compared: RGB and the alpha's bits.
type Colour = ((u8, u8, u8), u64);

fn colour_key(c: BackendColor) -> Colour {
    (c.rgb, c.alpha.to_bits())
}

/// The context's drawing state as last set (`None`: unknown, set it).
#[derive(Default)]
struct Set {
    stroke: Option<Colour>,
    fill: Option<Colour>,
    width: Option<u32>,
    font: Option<String>,
    align: Option<&'static str>,
    baseline: Option<&'static str>,
}

/// A 2D canvas as a plotters backend (see the module's description).
pub struct BatchedCanvas {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    set: Set,
    /// The colour and width of the strokes gathered in the context's current path (None: none).
    path_style: Option<(BackendColor, u32)>,
}

fn css_colour(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    if c.alpha >= 1.0 {
        format!("rgb({r},{g},{b})")
    } else {
        format!("rgba({r},{g},{b},{})", c.alpha)
    }
}

impl BatchedCanvas {
    /// The backend of `canvas`'s 2D context (None when it has none).
    pub fn new(canvas: HtmlCanvasElement) -> Option<BatchedCanvas> {
        let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(BatchedCanvas {
            canvas,
            ctx,
            set: Set::default(),
            path_style: None,
        })
    }

    fn set_stroke(&mut self, colour: BackendColor, width: u32) {
        if self.set.stroke != Some(colour_key(colour)) {
            self.ctx.set_stroke_style_str(&css_colour(colour));
            self.set.stroke = Some(colour_key(colour));
        }
        if self.set.width != Some(width) {
            self.ctx.set_line_width(f64::from(width));
            self.set.width = Some(width);
        }
    }

    fn set_fill(&mut self, colour: BackendColor) {
        if self.set.fill != Some(colour_key(colour)) {
            self.ctx.set_fill_style_str(&css_colour(colour));
            self.set.fill = Some(colour_key(colour));
        }
    }

    fn set_font(&mut self, font: String) {
        if self.set.font.as_deref() != Some(font.as_str()) {
            self.ctx.set_font(&font);
            self.set.font = Some(font);
        }
    }

    /// Strokes the gathered path, if any.
    fn flush(&mut self) {
        if let Some((colour, width)) = self.path_style.take() {
            self.set_stroke(colour, width);
            self.ctx.stroke();
        }
    }

    /// Continues the gathered path with a stroke of `style` (stroking one of another style first).
    fn stroke_style(&mut self, style: &impl BackendStyle) {
        let (colour, width) = (style.color(), style.stroke_width());
        let same = self
            .path_style
            .is_some_and(|(c, w)| w == width && colour_key(c) == colour_key(colour));
        if !same {
            self.flush();
            self.ctx.begin_path();
            self.path_style = Some((colour, width));
        }
    }

    fn font_of(style: &impl BackendTextStyle) -> String {
        format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        )
    }
}

impl Drop for BatchedCanvas {
    fn drop(&mut self) {
        self.flush();
    }
}

impl DrawingBackend for BatchedCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.flush();
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        colour: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if colour.alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        self.set_fill(colour);
        self.ctx
            .fill_rect(f64::from(point.0), f64::from(point.1), 1.0, 1.0);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.stroke_style(style);
        // A horizontal or vertical line sits on the pixel centres (half a pixel up or left), so a
        // one-pixel line is one pixel wide, not two half-covered ones.
        let (mut x0, mut y0) = (f64::from(from.0), f64::from(from.1));
        let (mut x1, mut y1) = (f64::from(to.0), f64::from(to.1));
        if from.0 == to.0 {
            x0 -= 0.5;
            x1 -= 0.5;
        }
        if from.1 == to.1 {
            y0 -= 0.5;
            y1 -= 0.5;
        }
        self.ctx.move_to(x0, y0);
        self.ctx.line_to(x1, y1);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
        let (w, h) = (
            f64::from(bottom_right.0 - upper_left.0),
            f64::from(bottom_right.1 - upper_left.1),
        );
        if fill {
            self.set_fill(style.color());
            self.ctx.fill_rect(x, y, w, h);
        } else {
            self.set_stroke(style.color(), style.stroke_width());
            self.ctx.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.stroke_style(style);
        for (i, (x, y)) in path.into_iter().enumerate() {
            let (x, y) = (f64::from(x), f64::from(y));
            if i == 0 {
                self.ctx.move_to(x, y);
            } else {
                self.ctx.line_to(x, y);
            }
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        self.set_fill(style.color());
        self.ctx.begin_path();
        for (i, (x, y)) in vert.into_iter().enumerate() {
            let (x, y) = (f64::from(x), f64::from(y));
            if i == 0 {
                self.ctx.move_to(x, y);
            } else {
                self.ctx.line_to(x, y);
            }
        }
        self.ctx.close_path();
        self.ctx.fill();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        if fill {
            self.set_fill(style.color());
        } else {
            self.set_stroke(style.color(), style.stroke_width());
        }
        self.ctx.begin_path();
        self.ctx
            .arc(
                f64::from(center.0),
                f64::from(center.1),
                f64::from(radius),
                0.0,
                std::f64::consts::TAU,
            )
            .map_err(js_err)?;
        if fill {
            self.ctx.fill();
        } else {
            self.ctx.stroke();
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        let turn = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 0.25,
            FontTransform::Rotate180 => 0.5,
            FontTransform::Rotate270 => 0.75,
        } * std::f64::consts::TAU;
        let baseline = match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        let align = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        if self.set.baseline != Some(baseline) {
            self.ctx.set_text_baseline(baseline);
            self.set.baseline = Some(baseline);
        }
        if self.set.align != Some(align) {
            self.ctx.set_text_align(align);
            self.set.align = Some(align);
        }
        self.set_fill(colour);
        self.set_font(Self::font_of(style));
        let (x, y) = (f64::from(pos.0), f64::from(pos.1));
        if turn == 0.0 {
            self.ctx.fill_text(text, x, y).map_err(js_err)?;
        } else {
            // Rotated about the anchor; the transform is set back to the identity afterwards (not
            // save/restore, which would also undo the state this backend remembers).
            let (sin, cos) = turn.sin_cos();
            self.ctx
                .set_transform(cos, sin, -sin, cos, x, y)
                .map_err(js_err)?;
            let drawn = self.ctx.fill_text(text, 0.0, 0.0);
            self.ctx
                .set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
                .map_err(js_err)?;
            drawn.map_err(js_err)?;
        }
        Ok(())
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        let font = Self::font_of(style);
        let key = (font, text.to_string());
        if let Some(size) = MEASURED.with(|m| m.borrow().get(&key).copied()) {
            return Ok(size);
        }
        // Measured with this context's font set to the style's and then set back, so the state
        // this backend remembers stays true.
        let before = self.ctx.font();
        self.ctx.set_font(&key.0);
        let metrics = self.ctx.measure_text(text).map_err(js_err)?;
        self.ctx.set_font(&before);
        let height = metrics.font_bounding_box_ascent() + metrics.font_bounding_box_descent();
        let size = (
            metrics.width().round().max(0.0) as u32,
            height.round().max(0.0) as u32,
        );
        MEASURED.with(|m| m.borrow_mut().insert(key, size));
        Ok(size)
    }
}
