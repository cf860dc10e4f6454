//! Chart drawing for Careflow, as pure functions generic over the plotters [`DrawingBackend`].
//!
//! The browser draws on a `<canvas>` (plotters-canvas); native tests draw to SVG and assert the
//! structure. A chart is described as data ([`Chart`]: a [`TimeChart`] or a [`BarChart`]), so
//! [`views`] decides *what* to show from a model run and this module decides *how*. Series are
//! downsampled to the plot's width in CSS pixels (the area's pixels over the drawing scale, so a
//! 2× screen draws as many points as a 1× one) before drawing; non-finite values are never drawn.

use plotters::coord::Shift;
use plotters::prelude::*;

pub mod accounts;
pub mod capacity;
pub mod compare;
mod downsample;
pub mod export;
pub mod format;
pub mod palette;
pub mod sensitivity;
pub mod services;
pub mod trajectories;
pub mod views;

pub use downsample::downsample_min_max;

/// How a series is stroked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineStyle {
    /// A solid line of the series colour.
    Solid,
    /// A faint reference line (for example the "Do nothing" scenario).
    Faint,
    /// A dashed line (targets and thresholds).
    Dashed,
    /// A dotted line: a second threshold, or a series that must differ from a dashed one in
    /// greyscale.
    Dotted,
    /// Long dashes: a third broken line beside [`LineStyle::Dashed`] and [`LineStyle::Dotted`].
    LongDash,
    /// One of [`PATTERNS`] (index modulo their number): a pinned scenario overlaid for comparison,
    /// told apart by its dash pattern as well as its colour.
    Pattern(u8),
}

/// Opacity of a [`LineStyle::Faint`] line (on the chart and its legend swatch).
pub const FAINT_ALPHA: f64 = 0.5;

/// Opacity of a faint line drawn under replication bands: lighter, so the bands over it keep
/// nearly their own colour.
pub const FAINT_UNDER_BANDS_ALPHA: f64 = 0.3;

/// Dash patterns of pinned comparison scenarios, as (dash, gap) in CSS pixels: long dashes, dots,
/// short dashes, long dashes with wide gaps.
pub const PATTERNS: [(f64, f64); 4] = [(14.0, 5.0), (2.0, 4.0), (6.0, 4.0), (22.0, 10.0)];

impl LineStyle {
    /// The (dash, gap) of a broken line in CSS pixels, or `None` for an unbroken one.
    pub fn dash(self) -> Option<(f64, f64)> {
        match self {
            LineStyle::Solid | LineStyle::Faint => None,
            LineStyle::Dashed => Some((8.0, 5.0)),
            LineStyle::Dotted => Some((2.0, 3.0)),
            LineStyle::LongDash => Some((18.0, 5.0)),
            LineStyle::Pattern(i) => Some(PATTERNS[i as usize % PATTERNS.len()]),
        }
    }
}

/// One named series of (x, y) points; x is in the chart's x unit (for example days since the start).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend label.
    pub name: String,
    /// Points in increasing x.
    pub points: Vec<(f64, f64)>,
    /// Colour as RGB.
    pub colour: (u8, u8, u8),
    /// Stroke style.
    pub style: LineStyle,
}

/// Opacity of each band of a chart, in drawing order. Bands nest (the p5–p95 band first, then
/// p10–p90 inside it), so where the second lies over the first the two compose: see
/// [`band_opacity`]. The second is the more opaque, so the two read apart in colour, in greyscale
/// and under colour-vision deficiencies.
pub const BAND_ALPHA: [f64; 2] = [0.18, 0.34];

/// The opacity of band `i` as it appears on the chart (over the bands before it, which it lies
/// inside): 1 − Π(1 − αⱼ) for j ≤ i. The legend swatch of that band is drawn at this opacity.
pub fn band_opacity(i: usize) -> f64 {
    1.0 - (0..=i)
        .map(|j| 1.0 - BAND_ALPHA[j.min(BAND_ALPHA.len() - 1)])
        .product::<f64>()
}

/// A shaded band between a lower and an upper curve (for example the p10–p90 range of replications).
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// Legend label.
    pub name: String,
    /// Points (x, lower, upper) in increasing x.
    pub points: Vec<(f64, f64, f64)>,
    /// Colour as RGB (drawn translucent).
    pub colour: (u8, u8, u8),
}

/// A horizontal reference line (for example 85% and 95% occupancy).
#[derive(Clone, Debug, PartialEq)]
pub struct RefLine {
    /// Legend label.
    pub label: String,
    /// Height in the y unit.
    pub y: f64,
    /// Colour as RGB.
    pub colour: (u8, u8, u8),
}

/// A vertical marker at one x (for example a ward closing).
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// Position in the x unit.
    pub x: f64,
    /// What happened (shown in the hover read-out and the legend).
    pub label: String,
    /// Colour as RGB.
    pub colour: (u8, u8, u8),
}

/// A time-series chart described as data.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TimeChart {
    /// The title, which states the finding in words.
    pub title: String,
    /// X-axis label with unit.
    pub x_label: String,
    /// Y-axis label with unit.
    pub y_label: String,
    /// The series, drawn in order.
    pub series: Vec<Series>,
    /// Shaded bands, drawn under the series.
    pub bands: Vec<Band>,
    /// Horizontal reference lines.
    pub ref_lines: Vec<RefLine>,
    /// Vertical markers.
    pub markers: Vec<Marker>,
    /// Tick labels for the x axis: (x position, text). Empty means numeric ticks.
    pub x_ticks: Vec<(f64, String)>,
    /// Lowest y shown when the data stay above it (None: the axis starts at zero).
    pub y_floor: Option<f64>,
}

/// One named set of bar values, one per category.
#[derive(Clone, Debug, PartialEq)]
pub struct BarSeries {
    /// Legend label.
    pub name: String,
    /// One value per category (non-finite values are not drawn).
    pub values: Vec<f64>,
    /// Colour as RGB.
    pub colour: (u8, u8, u8),
}

/// A bar chart by category (for example by financial year), stacked or side by side, with optional
/// lines over the categories (x = category index) and horizontal reference lines.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct BarChart {
    /// The title, which states the finding in words.
    pub title: String,
    /// X-axis label.
    pub x_label: String,
    /// Y-axis label with unit.
    pub y_label: String,
    /// Category labels (x axis).
    pub categories: Vec<String>,
    /// Bar sets, one bar per category each.
    pub bars: Vec<BarSeries>,
    /// Stack the bar sets (positive and negative parts stack separately) or place them side by side.
    pub stacked: bool,
    /// Lines over the categories; point x is the category index.
    pub lines: Vec<Series>,
    /// Horizontal reference lines (targets).
    pub ref_lines: Vec<RefLine>,
}

/// Any chart Careflow draws.
#[derive(Clone, Debug, PartialEq)]
pub enum Chart {
    Time(TimeChart),
    Bar(BarChart),
}

impl Default for Chart {
    fn default() -> Self {
        Chart::Time(TimeChart::default())
    }
}

/// How one legend entry looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegendKind {
    /// A line of this style.
    Line(LineStyle),
    /// A filled box (bars).
    Box,
    /// A translucent box (a band), with the opacity it shows on the chart [percent].
    Shade(u8),
    /// A vertical marker.
    Marker,
}

/// One legend entry.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub name: String,
    pub colour: (u8, u8, u8),
    pub kind: LegendKind,
}

impl Chart {
    /// The title (the finding in words).
    pub fn title(&self) -> &str {
        match self {
            Chart::Time(c) => &c.title,
            Chart::Bar(c) => &c.title,
        }
    }

    /// Number of data series (lines, bands and bar sets; reference lines and markers not counted).
    pub fn series_count(&self) -> usize {
        match self {
            Chart::Time(c) => c.series.len() + c.bands.len(),
            Chart::Bar(c) => c.bars.len() + c.lines.len(),
        }
    }

    /// The legend, in drawing order; markers with the same label appear once.
    pub fn legend(&self) -> Vec<LegendEntry> {
        let mut out = Vec::new();
        match self {
            Chart::Time(c) => {
                for (i, b) in c.bands.iter().enumerate() {
                    out.push(LegendEntry {
                        name: b.name.clone(),
                        colour: b.colour,
                        kind: LegendKind::Shade((band_opacity(i) * 100.0).round() as u8),
                    });
                }
                for s in &c.series {
                    out.push(LegendEntry {
                        name: s.name.clone(),
                        colour: s.colour,
                        kind: LegendKind::Line(s.style),
                    });
                }
                for r in &c.ref_lines {
                    out.push(LegendEntry {
                        name: r.label.clone(),
                        colour: r.colour,
                        kind: LegendKind::Line(LineStyle::Dashed),
                    });
                }
                if let Some(m) = c.markers.first() {
                    out.push(LegendEntry {
                        name: marker_legend(&m.label),
                        colour: m.colour,
                        kind: LegendKind::Marker,
                    });
                }
            }
            Chart::Bar(c) => {
                for b in &c.bars {
                    out.push(LegendEntry {
                        name: b.name.clone(),
                        colour: b.colour,
                        kind: LegendKind::Box,
                    });
                }
                for s in &c.lines {
                    out.push(LegendEntry {
                        name: s.name.clone(),
                        colour: s.colour,
                        kind: LegendKind::Line(s.style),
                    });
                }
                for r in &c.ref_lines {
                    out.push(LegendEntry {
                        name: r.label.clone(),
                        colour: r.colour,
                        kind: LegendKind::Line(LineStyle::Dashed),
                    });
                }
            }
        }
        out
    }

    /// The values under x (in the chart's x unit), in words, for the hover read-out: the nearest
    /// point of every series (time charts) or every bar of the nearest category (bar charts).
    /// `x_text` formats the x position; `y_text` formats values.
    pub fn readout(
        &self,
        x: f64,
        x_text: impl Fn(f64) -> String,
        y_text: impl Fn(f64) -> String,
    ) -> Option<String> {
        if !x.is_finite() {
            return None;
        }
        match self {
            Chart::Time(c) => {
                let mut parts = Vec::new();
                let mut at = None;
                for s in &c.series {
                    let nearest = s
                        .points
                        .iter()
                        .filter(|p| p.0.is_finite() && p.1.is_finite())
                        .min_by(|a, b| (a.0 - x).abs().total_cmp(&(b.0 - x).abs()));
                    if let Some(p) = nearest {
                        at.get_or_insert(p.0);
                        parts.push(format!("{} {}", s.name, y_text(p.1)));
                    }
                }
                let at = at?;
                for m in &c.markers {
                    if (m.x - at).abs() < 0.5 {
                        parts.push(m.label.clone());
                    }
                }
                Some(format!("{}: {}", x_text(at), parts.join("; ")))
            }
            Chart::Bar(c) => {
                if c.categories.is_empty() {
                    return None;
                }
                let i = x.round().clamp(0.0, (c.categories.len() - 1) as f64) as usize;
                let mut parts: Vec<String> = c
                    .bars
                    .iter()
                    .filter_map(|b| {
                        b.values
                            .get(i)
                            .filter(|v| v.is_finite())
                            .map(|v| format!("{} {}", b.name, y_text(*v)))
                    })
                    .collect();
                for s in &c.lines {
                    if let Some(p) = s.points.iter().find(|p| (p.0 - i as f64).abs() < 0.5) {
                        if p.1.is_finite() {
                            parts.push(format!("{} {}", s.name, y_text(p.1)));
                        }
                    }
                }
                Some(format!("{}: {}", c.categories[i], parts.join("; ")))
            }
        }
    }
}

fn marker_legend(label: &str) -> String {
    // "Ward closes (28 beds)" → "Ward closes"
    label.split(" (").next().unwrap_or(label).to_string()
}

/// Why a chart could not be drawn.
#[derive(Debug, PartialEq)]
pub enum ChartError {
    /// The drawing backend failed (message from plotters).
    Backend(String),
}

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChartError::Backend(m) => write!(f, "chart backend error: {m}"),
        }
    }
}

impl std::error::Error for ChartError {}

fn backend_err<E: std::fmt::Debug>(e: E) -> ChartError {
    ChartError::Backend(format!("{e:?}"))
}

/// What the drawing needs besides the chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DrawOptions {
    /// Multiplies font sizes and stroke widths (the device pixel ratio in the browser, so text keeps
    /// its CSS size on high-DPI screens).
    pub scale: f64,
    /// Draw the title above the plot (off when the page shows it as a heading).
    pub caption: bool,
    /// Draw the legend inside the plot (off when the page shows it as HTML).
    pub legend: bool,
}

impl Default for DrawOptions {
    fn default() -> Self {
        DrawOptions {
            scale: 1.0,
            caption: true,
            legend: true,
        }
    }
}

/// Where the plot landed, so a pointer position can be turned back into data coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    /// Plot area in backend pixels: left, right (exclusive).
    pub px_x: (i32, i32),
    /// Plot area in backend pixels: top, bottom.
    pub px_y: (i32, i32),
    /// The x range of the data shown.
    pub x_range: std::ops::Range<f64>,
}

impl Geometry {
    /// The data x under backend pixel column `px` (clamped to the plot).
    pub fn x_at(&self, px: f64) -> f64 {
        let (l, r) = (self.px_x.0 as f64, self.px_x.1 as f64);
        let t = ((px - l) / (r - l).max(1.0)).clamp(0.0, 1.0);
        self.x_range.start + t * (self.x_range.end - self.x_range.start)
    }
}

/// The x and y ranges a chart will use: the extent of all finite points, bands and reference lines,
/// with y including zero and 5% headroom.
pub fn axis_ranges(chart: &TimeChart) -> (std::ops::Range<f64>, std::ops::Range<f64>) {
    let mut x_min = f64::INFINITY;
    let mut x_max = f64::NEG_INFINITY;
    let mut y_max = f64::NEG_INFINITY;
    let mut y_min: f64 = 0.0;
    let mut data_min = f64::NAN;
    let band_pts = chart
        .bands
        .iter()
        .flat_map(|b| b.points.iter().flat_map(|p| [(p.0, p.1), (p.0, p.2)]));
    for (x, y) in chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().copied())
        .chain(band_pts)
    {
        if x.is_finite() && y.is_finite() {
            x_min = x_min.min(x);
            x_max = x_max.max(x);
            y_max = y_max.max(y);
            y_min = y_min.min(y);
            data_min = data_min.min(y);
        }
    }
    for r in &chart.ref_lines {
        if r.y.is_finite() {
            y_max = y_max.max(r.y);
            data_min = data_min.min(r.y);
        }
    }
    if !x_min.is_finite() || !x_max.is_finite() {
        x_min = 0.0;
        x_max = 1.0;
    }
    if x_max <= x_min {
        x_max = x_min + 1.0;
    }
    if !y_max.is_finite() || y_max <= y_min {
        y_max = y_min + 1.0;
    }
    if let Some(f) = chart.y_floor.filter(|f| f.is_finite() && *f < y_max) {
        if y_min >= 0.0 && (data_min.is_nan() || f <= data_min) {
            y_min = f;
        }
    }
    let head = (y_max - y_min) * 0.05;
    let y_lo = if y_min < 0.0 { y_min - head } else { y_min };
    (x_min..x_max, y_lo..(y_max + head))
}

/// The y range of a bar chart: stacked totals (positive and negative parts) or single bars, lines
/// and reference lines, including zero, with 5% headroom.
pub fn bar_y_range(chart: &BarChart) -> std::ops::Range<f64> {
    let mut lo: f64 = 0.0;
    let mut hi: f64 = 0.0;
    let n = chart.categories.len();
    for i in 0..n {
        let vals = chart
            .bars
            .iter()
            .filter_map(|b| b.values.get(i).copied())
            .filter(|v| v.is_finite());
        if chart.stacked {
            let (mut p, mut m) = (0.0, 0.0);
            for v in vals {
                if v >= 0.0 {
                    p += v
                } else {
                    m += v
                }
            }
            hi = hi.max(p);
            lo = lo.min(m);
        } else {
            for v in vals {
                hi = hi.max(v);
                lo = lo.min(v);
            }
        }
    }
    for (_, y) in chart.lines.iter().flat_map(|s| s.points.iter().copied()) {
        if y.is_finite() {
            hi = hi.max(y);
            lo = lo.min(y);
        }
    }
    for r in &chart.ref_lines {
        if r.y.is_finite() {
            hi = hi.max(r.y);
            lo = lo.min(r.y);
        }
    }
    if hi <= lo {
        hi = lo + 1.0;
    }
    let head = (hi - lo) * 0.05;
    (if lo < 0.0 { lo - head } else { lo })..(hi + head)
}

fn rgb(c: (u8, u8, u8)) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Formats an axis value compactly: 1.2m, 35k, 0.85, 120.
pub fn axis_number(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.1}m", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if a >= 100.0 || v == v.round() {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

/// Draws any [`Chart`] on `area`.
pub fn draw_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart,
    opts: DrawOptions,
) -> Result<Geometry, ChartError> {
    match chart {
        Chart::Time(c) => draw_time(area, c, opts),
        Chart::Bar(c) => draw_bar(area, c, opts),
    }
}

/// Draws a [`TimeChart`] with caption and legend (kept for callers of the first API).
pub fn draw_time_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &TimeChart,
    scale: f64,
) -> Result<(), ChartError> {
    draw_time(
        area,
        chart,
        DrawOptions {
            scale,
            ..Default::default()
        },
    )
    .map(|_| ())
}

fn geometry<DB: DrawingBackend, X, Y>(
    ctx: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
    x_range: std::ops::Range<f64>,
) -> Geometry
where
    X: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>,
{
    let (xr, yr) = ctx.plotting_area().get_pixel_range();
    Geometry {
        px_x: (xr.start, xr.end),
        px_y: (yr.start, yr.end),
        x_range,
    }
}

fn draw_time<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &TimeChart,
    opts: DrawOptions,
) -> Result<Geometry, ChartError> {
    let scale = opts.scale;
    let s = |v: f64| (v * scale).round().max(1.0) as u32;
    area.fill(&WHITE).map_err(backend_err)?;
    let (x_range, y_range) = axis_ranges(chart);
    let (width, _) = area.dim_in_pixel();
    let font = |size: f64| {
        ("sans-serif", size * scale)
            .into_font()
            .color(&palette::INK)
    };

    let mut builder = ChartBuilder::on(area);
    if opts.caption {
        builder.caption(&chart.title, font(18.0));
    }
    let mut ctx = builder
        .margin(s(10.0))
        .x_label_area_size(s(42.0))
        .y_label_area_size(s(64.0))
        .build_cartesian_2d(x_range.clone(), y_range.clone())
        .map_err(backend_err)?;

    let y_desc = fitted_axis_name(&chart.y_label, plot_height(&ctx), scale);
    let mut mesh = ctx.configure_mesh();
    mesh.x_desc(chart.x_label.as_str())
        .y_desc(y_desc.as_str())
        .label_style(font(13.0))
        .axis_desc_style(font(14.0))
        .y_label_formatter(&|y: &f64| axis_number(*y))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215));
    if !chart.x_ticks.is_empty() {
        // Named ticks (financial years) are drawn below, exactly where they belong; plotters' own
        // evenly spaced numeric ticks would otherwise be relabelled with the nearest name.
        mesh.disable_x_mesh().x_labels(0);
    }
    mesh.draw().map_err(backend_err)?;
    if !chart.x_ticks.is_empty() {
        draw_named_x_ticks(area, &mut ctx, &chart.x_ticks, &x_range, &y_range, scale)?;
    }
    let geometry = geometry(&ctx, x_range.clone());
    // One min-max pair per CSS pixel: at 2× each pair spans two device pixels, which the eye does
    // not tell from one per device pixel, and the step draws half the points.
    let plot_px = ((width as f64 / scale.max(1.0)).round() as usize).max(2);

    let faint_under = !chart.bands.is_empty();
    if faint_under {
        for series in chart
            .series
            .iter()
            .filter(|sr| sr.style == LineStyle::Faint)
        {
            draw_line(&mut ctx, series, plot_px, scale, FAINT_UNDER_BANDS_ALPHA)?;
        }
    }
    for (i, b) in chart.bands.iter().enumerate() {
        let colour = rgb(b.colour);
        let alpha = BAND_ALPHA[i.min(BAND_ALPHA.len() - 1)];
        let shown = band_opacity(i);
        let finite: Vec<(f64, f64, f64)> = b
            .points
            .iter()
            .copied()
            .filter(|p| p.0.is_finite() && p.1.is_finite() && p.2.is_finite())
            .collect();
        let upper: Vec<(f64, f64)> = finite.iter().map(|p| (p.0, p.2)).collect();
        let lower: Vec<(f64, f64)> = finite.iter().map(|p| (p.0, p.1)).collect();
        let mut poly = downsample_min_max(&upper, plot_px);
        let mut low = downsample_min_max(&lower, plot_px);
        low.reverse();
        poly.extend(low);
        ctx.draw_series(std::iter::once(Polygon::new(
            poly,
            colour.mix(alpha).filled(),
        )))
        .map_err(backend_err)?
        .label(b.name.clone())
        .legend(move |(x, y)| {
            Rectangle::new([(x, y - 5), (x + 14, y + 5)], colour.mix(shown).filled())
        });
    }

    for r in chart.ref_lines.iter().filter(|r| r.y.is_finite()) {
        let colour = rgb(r.colour);
        ctx.draw_series(DashedLineSeries::new(
            [(x_range.start, r.y), (x_range.end, r.y)],
            s(6.0),
            s(4.0),
            colour.stroke_width(s(1.5)),
        ))
        .map_err(backend_err)?
        .label(r.label.clone())
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], colour));
    }

    for m in chart
        .markers
        .iter()
        .filter(|m| m.x.is_finite() && x_range.start <= m.x && m.x <= x_range.end)
    {
        let colour = rgb(m.colour);
        ctx.draw_series(DashedLineSeries::new(
            [(m.x, y_range.start), (m.x, y_range.end)],
            s(3.0),
            s(3.0),
            colour.stroke_width(s(1.0)),
        ))
        .map_err(backend_err)?;
    }

    // Faint lines go under the bands, so a faint daily line's weekly swing does not hide them.
    for series in chart
        .series
        .iter()
        .filter(|sr| !(faint_under && sr.style == LineStyle::Faint))
    {
        draw_line(&mut ctx, series, plot_px, scale, FAINT_ALPHA)?;
    }

    if opts.legend {
        ctx.configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(200, 200, 200))
            .label_font(font(13.0))
            .draw()
            .map_err(backend_err)?;
    }
    area.present().map_err(backend_err)?;
    Ok(geometry)
}

/// One series of a time chart, in its colour, width and dash pattern.
fn draw_line<DB: DrawingBackend>(
    ctx: &mut ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    series: &Series,
    plot_px: usize,
    scale: f64,
    faint_alpha: f64,
) -> Result<(), ChartError> {
    let s = |v: f64| (v * scale).round().max(1.0) as u32;
    let colour = rgb(series.colour);
    let points = downsample_min_max(&series.points, plot_px);
    let style = match series.style {
        LineStyle::Solid | LineStyle::Dashed | LineStyle::LongDash => colour.stroke_width(s(2.0)),
        LineStyle::Dotted | LineStyle::Pattern(_) => colour.stroke_width(s(2.5)),
        LineStyle::Faint => colour.mix(faint_alpha).stroke_width(s(1.5)),
    };
    let drawn = match series.style.dash() {
        Some((dash, gap)) => ctx.draw_series(DashedLineSeries::new(points, s(dash), s(gap), style)),
        None => ctx.draw_series(LineSeries::new(points, style)),
    };
    drawn
        .map_err(backend_err)?
        .label(series.name.clone())
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], style));
    Ok(())
}

/// The plotting area's height [device px].
fn plot_height<DB: DrawingBackend, X, Y>(ctx: &ChartContext<'_, DB, Cartesian2d<X, Y>>) -> f64
where
    X: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>,
{
    let (_, yr) = ctx.plotting_area().get_pixel_range();
    f64::from((yr.end - yr.start).max(0))
}

/// Width of one character of an axis name (14 px sans-serif) [px at scale 1], a generous estimate.
const AXIS_NAME_CHAR_PX: f64 = 7.8;

/// An axis name that fits along `px` device pixels: the whole name, else its first word and its
/// unit in brackets ("Change (£m)" for "Change against do nothing (£m)"), else the unit alone. The
/// chart's title, text alternative and table keep the whole name.
pub fn fitted_axis_name(name: &str, px: f64, scale: f64) -> String {
    let fits = |t: &str| t.chars().count() as f64 * AXIS_NAME_CHAR_PX * scale <= px;
    if fits(name) {
        return name.to_string();
    }
    let Some(k) = name.rfind(" (") else {
        return name.to_string();
    };
    let unit = &name[k + 1..];
    let first = name.split_whitespace().next().unwrap_or("");
    let short = format!("{first} {unit}");
    if fits(&short) {
        short
    } else {
        unit.to_string()
    }
}

/// Year boundaries as light vertical lines with tick marks, and each name centred in its span (the
/// last span ends at the end of the x range). Names that would overlap their neighbour are skipped.
fn draw_named_x_ticks<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ctx: &mut ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    ticks: &[(f64, String)],
    x_range: &std::ops::Range<f64>,
    y_range: &std::ops::Range<f64>,
    scale: f64,
) -> Result<(), ChartError> {
    let s = |v: f64| (v * scale).round().max(1.0) as i32;
    let inside: Vec<&(f64, String)> = ticks
        .iter()
        .filter(|t| t.0.is_finite() && t.0 >= x_range.start && t.0 <= x_range.end)
        .collect();
    for t in &inside {
        ctx.draw_series(std::iter::once(PathElement::new(
            [(t.0, y_range.start), (t.0, y_range.end)],
            RGBColor(215, 215, 215),
        )))
        .map_err(backend_err)?;
    }
    let style = ("sans-serif", 13.0 * scale)
        .into_font()
        .color(&palette::INK)
        .pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Top,
        ));
    let mut last_right = i32::MIN;
    for (i, t) in inside.iter().enumerate() {
        let end = inside.get(i + 1).map_or(x_range.end, |n| n.0);
        let (px, py) = ctx.backend_coord(&(t.0, y_range.start));
        area.draw(&PathElement::new(
            [(px, py), (px, py + s(5.0))],
            palette::INK,
        ))
        .map_err(backend_err)?;
        let (cx, _) = ctx.backend_coord(&((t.0 + end) / 2.0, y_range.start));
        let half = (t.1.chars().count() as f64 * 3.6 * scale) as i32;
        if cx - half > last_right + s(4.0) {
            area.draw(&Text::new(t.1.clone(), (cx, py + s(7.0)), style.clone()))
                .map_err(backend_err)?;
            last_right = cx + half;
        }
    }
    Ok(())
}

/// Mean width of a character of the 13 px axis labels [px at scale 1] (an estimate: the chart
/// functions are pure and measure no text).
const LABEL_CHAR_PX: f64 = 7.0;
/// Line height of wrapped axis labels [px at scale 1].
const LABEL_LINE_PX: f64 = 15.0;
/// Lines a category name may wrap onto before it is cut with an ellipsis.
const MAX_LABEL_LINES: usize = 3;
/// Characters a category's slot must hold for its name to lie flat; narrower slots turn it.
const MIN_SLOT_CHARS: usize = 8;
/// Characters of a turned category name before it is cut.
const UPRIGHT_LABEL_CHARS: usize = 14;

/// `label` broken at spaces into at most `max_lines` lines of at most `max_chars` characters
/// (at least one); a word longer than a line, or words past the last line, end in "…". The full
/// name stays in the chart's tooltip and table.
fn wrap_label(label: &str, max_chars: usize, max_lines: usize) -> Vec<String> {
    let width = max_chars.max(1);
    let cut = |w: &str| -> String {
        if w.chars().count() <= width {
            w.to_string()
        } else {
            let keep: String = w.chars().take(width.saturating_sub(1)).collect();
            format!("{keep}…")
        }
    };
    let mut lines: Vec<String> = Vec::new();
    let mut words = label.split_whitespace().peekable();
    // The words that found no line, if any.
    let mut dropped: Option<String> = None;
    while let Some(word) = words.next() {
        if lines.len() == max_lines.max(1) {
            let rest: Vec<&str> = std::iter::once(word).chain(words.by_ref()).collect();
            dropped = Some(rest.join(" "));
            break;
        }
        let mut line = cut(word);
        while let Some(next) = words.peek() {
            if line.chars().count() + 1 + next.chars().count() > width {
                break;
            }
            line.push(' ');
            line.push_str(next);
            words.next();
        }
        lines.push(line);
    }
    // The last line filled with as much of the rest as fits, then the ellipsis.
    if let (Some(rest), Some(last)) = (dropped, lines.last_mut()) {
        let full = format!("{last} {rest}");
        let kept: String = full.chars().take(width.saturating_sub(1)).collect();
        *last = format!("{}…", kept.trim_end());
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// A financial year written "2010/11" as "10/11"; `None` for any other label.
fn short_year(label: &str) -> Option<String> {
    let b = label.as_bytes();
    let year = b.len() == 7
        && b[4] == b'/'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit());
    year.then(|| label[2..].to_string())
}

fn draw_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &BarChart,
    opts: DrawOptions,
) -> Result<Geometry, ChartError> {
    let scale = opts.scale;
    let s = |v: f64| (v * scale).round().max(1.0) as u32;
    area.fill(&WHITE).map_err(backend_err)?;
    let n = chart.categories.len().max(1);
    let x_range = -0.5..(n as f64 - 0.5);
    let y_range = bar_y_range(chart);
    let font = |size: f64| {
        ("sans-serif", size * scale)
            .into_font()
            .color(&palette::INK)
    };
    let mut builder = ChartBuilder::on(area);
    if opts.caption {
        builder.caption(&chart.title, font(18.0));
    }
    // Category names wrapped to their slot's width (the plot's width over the categories), so
    // long names neither overlap nor run off the chart; the label area grows with the lines.
    let margin = s(10.0);
    let y_area = s(64.0);
    let plot_px = f64::from(area.dim_in_pixel().0.saturating_sub(y_area + 2 * margin));
    let slot_chars = (plot_px / n as f64 * 0.92 / (LABEL_CHAR_PX * scale)).floor() as usize;
    // Financial years too wide for their slots (a phone) drop their century ("10/11"); other
    // names too narrow for a word get one line each, turned to read upwards.
    let longest_word = |names: &[String]| {
        names
            .iter()
            .flat_map(|c| c.split_whitespace())
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    };
    let mut categories = chart.categories.clone();
    if longest_word(&categories) > slot_chars {
        if let Some(short) = categories.iter().map(|c| short_year(c)).collect() {
            categories = short;
        }
    }
    let upright = slot_chars < MIN_SLOT_CHARS && longest_word(&categories) > slot_chars;
    let labels: Vec<Vec<String>> = categories
        .iter()
        .map(|c| {
            if upright {
                wrap_label(c, UPRIGHT_LABEL_CHARS, 1)
            } else {
                wrap_label(c, slot_chars, MAX_LABEL_LINES)
            }
        })
        .collect();
    let lines = labels.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let label_px = if upright {
        let longest = labels.iter().flatten().map(|l| l.chars().count()).max();
        // (A little more than the estimate: the turned text's far end must clear the axis name.)
        LABEL_CHAR_PX * longest.unwrap_or(1) as f64 + 6.0
    } else {
        LABEL_LINE_PX * lines as f64
    };
    let mut ctx = builder
        .margin(margin)
        .x_label_area_size(s(27.0 + label_px))
        .y_label_area_size(y_area)
        .build_cartesian_2d(x_range.clone(), y_range.clone())
        .map_err(backend_err)?;
    let y_desc = fitted_axis_name(&chart.y_label, plot_height(&ctx), scale);
    ctx.configure_mesh()
        .x_desc(chart.x_label.as_str())
        .y_desc(y_desc.as_str())
        .label_style(font(13.0))
        .axis_desc_style(font(14.0))
        .x_labels(n)
        .x_label_formatter(&|_: &f64| String::new())
        .y_label_formatter(&|y: &f64| axis_number(*y))
        .disable_x_mesh()
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()
        .map_err(backend_err)?;
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let label_style = if upright {
        font(13.0)
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Right, VPos::Center))
    } else {
        font(13.0).pos(Pos::new(HPos::Center, VPos::Top))
    };
    for (i, label) in labels.iter().enumerate() {
        let (cx, py) = ctx.backend_coord(&(i as f64, y_range.start));
        for (j, line) in label.iter().enumerate() {
            let y = py + s(7.0) as i32 + (LABEL_LINE_PX * scale * j as f64).round() as i32;
            area.draw(&Text::new(line.clone(), (cx, y), label_style.clone()))
                .map_err(backend_err)?;
        }
    }
    let geometry = geometry(&ctx, x_range.clone());

    let sets = chart.bars.len().max(1);
    let group_w = 0.7;
    let mut pos_base = vec![0.0; n];
    let mut neg_base = vec![0.0; n];
    for (k, b) in chart.bars.iter().enumerate() {
        let colour = rgb(b.colour);
        let mut rects = Vec::new();
        for (i, v) in b.values.iter().copied().enumerate().take(n) {
            if !v.is_finite() {
                continue;
            }
            let (x0, x1, y0, y1) = if chart.stacked {
                let base = if v >= 0.0 {
                    &mut pos_base[i]
                } else {
                    &mut neg_base[i]
                };
                let y0 = *base;
                *base += v;
                (
                    i as f64 - group_w / 2.0,
                    i as f64 + group_w / 2.0,
                    y0,
                    y0 + v,
                )
            } else {
                let w = group_w / sets as f64;
                let x0 = i as f64 - group_w / 2.0 + k as f64 * w;
                (x0, x0 + w * 0.92, 0.0, v)
            };
            rects.push(Rectangle::new([(x0, y0), (x1, y1)], colour.filled()));
        }
        ctx.draw_series(rects)
            .map_err(backend_err)?
            .label(b.name.clone())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], colour.filled()));
    }
    if y_range.start < 0.0 {
        ctx.draw_series(LineSeries::new(
            [(x_range.start, 0.0), (x_range.end, 0.0)],
            palette::INK.stroke_width(s(1.0)),
        ))
        .map_err(backend_err)?;
    }
    for r in chart.ref_lines.iter().filter(|r| r.y.is_finite()) {
        let colour = rgb(r.colour);
        ctx.draw_series(DashedLineSeries::new(
            [(x_range.start, r.y), (x_range.end, r.y)],
            s(6.0),
            s(4.0),
            colour.stroke_width(s(2.0)),
        ))
        .map_err(backend_err)?
        .label(r.label.clone())
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], colour));
    }
    for series in &chart.lines {
        let colour = rgb(series.colour);
        let pts: Vec<(f64, f64)> = series
            .points
            .iter()
            .copied()
            .filter(|p| p.0.is_finite() && p.1.is_finite())
            .collect();
        let style = match series.style {
            LineStyle::Solid
            | LineStyle::Dashed
            | LineStyle::Dotted
            | LineStyle::LongDash
            | LineStyle::Pattern(_) => colour.stroke_width(s(2.5)),
            LineStyle::Faint => colour.mix(FAINT_ALPHA).stroke_width(s(2.0)),
        };
        let dots: Vec<Circle<(f64, f64), u32>> = pts
            .iter()
            .map(|p| Circle::new(*p, s(3.5), style.filled()))
            .collect();
        match series.style.dash() {
            Some((dash, gap)) => {
                ctx.draw_series(DashedLineSeries::new(pts, s(dash), s(gap), style))
            }
            None => ctx.draw_series(LineSeries::new(pts, style)),
        }
        .map_err(backend_err)?
        .label(series.name.clone())
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], style));
        ctx.draw_series(dots).map_err(backend_err)?;
    }
    if opts.legend {
        ctx.configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(200, 200, 200))
            .label_font(font(13.0))
            .draw()
            .map_err(backend_err)?;
    }
    area.present().map_err(backend_err)?;
    Ok(geometry)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> TimeChart {
        TimeChart {
            title: "Occupied beds".into(),
            x_label: "Day".into(),
            y_label: "Beds".into(),
            series: vec![
                Series {
                    name: "Occupied".into(),
                    points: (0..1000)
                        .map(|d| (d as f64, 1200.0 + (d % 50) as f64))
                        .collect(),
                    colour: palette::SERIES[0],
                    style: LineStyle::Solid,
                },
                Series {
                    name: "Do nothing".into(),
                    points: (0..1000).map(|d| (d as f64, 1300.0)).collect(),
                    colour: palette::SERIES[1],
                    style: LineStyle::Faint,
                },
            ],
            ref_lines: vec![RefLine {
                label: "95%".into(),
                y: 1400.0,
                colour: palette::ALERT,
            }],
            x_ticks: vec![(0.0, "2008/09".into()), (365.0, "2009/10".into())],
            ..Default::default()
        }
    }

    #[test]
    fn the_two_bands_are_drawn_and_listed_at_different_opacities() {
        let mut chart = sample();
        for (name, w) in [("5–95%", 60.0), ("10–90%", 30.0)] {
            chart.bands.push(Band {
                name: name.into(),
                points: (0..1000)
                    .map(|d| (d as f64, 1200.0 - w, 1250.0 + w))
                    .collect(),
                colour: palette::SERIES[0],
            });
        }
        let svg = render_svg(&chart);
        let polygon = |a: f64| format!("<polygon opacity=\"{a}\" fill=\"#0072B2\"");
        assert!(
            svg.contains(&polygon(BAND_ALPHA[0])),
            "outer band not at {}",
            BAND_ALPHA[0]
        );
        assert!(
            svg.contains(&polygon(BAND_ALPHA[1])),
            "inner band not at {}",
            BAND_ALPHA[1]
        );
        // The legend shows each band as it appears: the inner one over the outer.
        let legend = Chart::Time(chart).legend();
        assert_eq!(legend[0].kind, LegendKind::Shade(18));
        assert_eq!(legend[1].kind, LegendKind::Shade(46));
        assert!((band_opacity(1) - (1.0 - 0.82 * 0.66)).abs() < 1e-12);
    }

    fn render_svg(chart: &TimeChart) -> String {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (800, 400)).into_drawing_area();
            draw_time_chart(&root, chart, 1.0).expect("draws");
        }
        svg
    }

    #[test]
    fn svg_has_title_legend_and_one_path_per_series() {
        let svg = render_svg(&sample());
        assert!(svg.contains("Occupied beds"), "title missing");
        assert!(svg.contains("Do nothing"), "legend entry missing");
        assert!(svg.contains("2009/10"), "x tick label missing");
        // Two series polylines (plus legend paths); the 1,000-point series is downsampled.
        let polylines = svg.matches("<polyline").count();
        assert!(
            polylines >= 2,
            "expected at least 2 polylines, got {polylines}"
        );
    }

    #[test]
    fn a_2x_drawing_keeps_as_many_points_as_1x_and_each_column_s_extremes() {
        // The longest polyline (the 1,000-day series) at 400 CSS px wide, at 1× and at 2×.
        let points_at = |scale: f64| {
            let mut svg = String::new();
            {
                let size = ((400.0 * scale) as u32, (300.0 * scale) as u32);
                let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
                draw_time_chart(&root, &sample(), scale).expect("draws");
            }
            svg.split("<polyline")
                .skip(1)
                .map(|p| {
                    p.split("points=\"")
                        .nth(1)
                        .unwrap_or("")
                        .split('"')
                        .next()
                        .unwrap_or("")
                        .split(' ')
                        .count()
                })
                .max()
                .unwrap_or(0)
        };
        let (one, two) = (points_at(1.0), points_at(2.0));
        assert!(one <= 2 * 400 + 2, "1×: {one} points");
        assert_eq!(one, two, "2× drew {two} points, 1× {one}");
    }

    #[test]
    fn ranges_cover_data_and_reference_lines_and_ignore_nan() {
        let mut chart = sample();
        chart.series[0].points.push((1001.0, f64::NAN));
        let (x, y) = axis_ranges(&chart);
        assert_eq!(x.start, 0.0);
        assert_eq!(x.end, 999.0);
        assert_eq!(y.start, 0.0);
        assert!(y.end >= 1400.0 && y.end <= 1400.0 * 1.06, "y end {}", y.end);
    }

    #[test]
    fn y_floor_lifts_the_axis_only_below_the_data() {
        let mut chart = sample();
        chart.y_floor = Some(1000.0);
        assert_eq!(axis_ranges(&chart).1.start, 1000.0);
        chart.y_floor = Some(1250.0); // above the lowest point: ignored
        assert_eq!(axis_ranges(&chart).1.start, 0.0);
    }

    #[test]
    fn financial_years_lie_flat_on_a_phone_without_their_century() {
        assert_eq!(short_year("2010/11").as_deref(), Some("10/11"));
        assert_eq!(short_year("Rapid r"), None);
        assert_eq!(short_year("2010-11"), None);
        let years = [
            "2009/10", "2010/11", "2011/12", "2012/13", "2013/14", "2014/15",
        ];
        let chart = Chart::Bar(BarChart {
            title: "t".into(),
            categories: years.map(String::from).to_vec(),
            bars: vec![BarSeries {
                name: "a".into(),
                values: vec![1.0; 6],
                colour: (0, 0, 0),
            }],
            ..Default::default()
        });
        // A phone: six slots of 6 characters hold "10/11" flat, not "2010/11".
        let phone = svg_at(&chart, 370);
        let wide = svg_at(&chart, 980);
        let turned = |svg: &str| svg.matches("rotate(").count();
        assert_eq!(turned(&phone), turned(&wide), "turned on a phone");
        assert!(
            phone.contains("10/11") && !phone.contains("2010/11"),
            "{phone}"
        );
        // A wide screen keeps the full years.
        assert!(wide.contains("2010/11"));
    }

    /// `chart` drawn as SVG, `width` × 300 px at scale 1, without caption or legend.
    fn svg_at(chart: &Chart, width: u32) -> String {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (width, 300)).into_drawing_area();
            let opts = DrawOptions {
                scale: 1.0,
                caption: false,
                legend: false,
            };
            draw_chart(&root, chart, opts).expect("draws");
        }
        svg
    }

    #[test]
    fn long_category_names_wrap_to_their_slot_and_are_cut_with_an_ellipsis() {
        let w = |l: &str, c: usize, n: usize| wrap_label(l, c, n);
        assert_eq!(w("Rapid response", 20, 3), ["Rapid response"]);
        assert_eq!(
            w("Community matrons (case management)", 12, 3),
            ["Community", "matrons", "(case manag…"]
        );
        assert_eq!(
            w("Community matrons (case management)", 18, 3),
            ["Community matrons", "(case management)"]
        );
        assert_eq!(
            w("Birmingham OwnHealth telephone care", 10, 2),
            ["Birmingham", "OwnHealth…"]
        );
        assert_eq!(w("Telecare", 4, 3), ["Tel…"]);
        assert_eq!(w("", 10, 3), [""]);
        for (label, chars, lines) in [
            ("IV therapy in the community", 5, 2),
            ("a bb ccc dddd", 1, 3),
        ] {
            let got = w(label, chars, lines);
            assert!(got.len() <= lines, "{got:?}");
            assert!(
                got.iter().all(|l| l.chars().count() <= chars.max(1)),
                "{got:?}"
            );
        }
        // Drawn: each category's lines fit its slot, so neighbours never overlap (SVG, 8 long
        // names at a phone's width).
        let names = [
            "Community matrons (case management)",
            "Birmingham OwnHealth telephone care",
            "Community rehabilitation teams",
            "Rapid response",
            "IV therapy in the community",
            "Home chemotherapy",
            "Family liaison",
            "Hospice at home",
        ];
        let chart = Chart::Bar(BarChart {
            title: "t".into(),
            categories: names.map(String::from).to_vec(),
            bars: vec![BarSeries {
                name: "a".into(),
                values: vec![1.0; 8],
                colour: (0, 0, 0),
            }],
            ..Default::default()
        });
        for width in [360u32, 980] {
            let svg = svg_at(&chart, width);
            let slot = f64::from(width - 64 - 20) / 8.0;
            let chars = (slot * 0.92 / LABEL_CHAR_PX) as usize;
            if chars >= MIN_SLOT_CHARS {
                // Flat: every line within its slot.
                let longest = names
                    .iter()
                    .flat_map(|n| wrap_label(n, chars, MAX_LABEL_LINES))
                    .map(|l| l.chars().count())
                    .max()
                    .unwrap_or(0);
                assert!(
                    longest as f64 * LABEL_CHAR_PX <= slot,
                    "{width}: {longest} chars in {slot} px"
                );
                assert!(svg.contains("Rapid response"), "{width}");
            } else {
                // Turned: one line each, one line high (13 px) in a slot of 34 px.
                assert!(slot >= 15.0, "{slot}");
                assert!(
                    svg.contains("rotate(") && svg.contains("Rapid response"),
                    "{width}"
                );
                assert!(svg.contains("Community mat…"), "{width}");
            }
        }
    }

    #[test]
    fn empty_chart_still_draws() {
        let chart = TimeChart {
            title: "Nothing yet".into(),
            ..Default::default()
        };
        let svg = render_svg(&chart);
        assert!(svg.contains("Nothing yet"));
    }

    #[test]
    fn an_axis_name_too_long_for_its_axis_keeps_its_unit() {
        let name = "Change against do nothing (£m)";
        assert_eq!(fitted_axis_name(name, 400.0, 1.0), name);
        assert_eq!(fitted_axis_name(name, 120.0, 1.0), "Change (£m)");
        assert_eq!(fitted_axis_name(name, 60.0, 1.0), "(£m)");
        // Twice the pixels at twice the scale: the same choice.
        assert_eq!(fitted_axis_name(name, 240.0, 2.0), "Change (£m)");
        assert_eq!(fitted_axis_name("Acute beds", 20.0, 1.0), "Acute beds");
    }
}
