//! Chart drawing for Careflow, as pure functions generic over the plotters [`DrawingBackend`].
//!
//! The browser draws on a `<canvas>` (plotters-canvas); native tests draw to SVG and assert the
//! structure. A chart is described as data ([`TimeChart`]), so the app decides *what* to show and this
//! crate decides *how*. Series are downsampled to the plot's pixel width before drawing.

use plotters::coord::Shift;
use plotters::prelude::*;

mod downsample;
pub mod palette;

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

/// A horizontal reference line (for example 85% and 95% occupancy).
#[derive(Clone, Debug, PartialEq)]
pub struct RefLine {
    /// Label drawn at the right-hand end.
    pub label: String,
    /// Height in the y unit.
    pub y: f64,
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
    /// Horizontal reference lines.
    pub ref_lines: Vec<RefLine>,
    /// Tick labels for the x axis: (x position, text). Empty means numeric ticks.
    pub x_ticks: Vec<(f64, String)>,
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

/// The x and y ranges a chart will use: the extent of all finite points and reference lines, with y
/// starting at zero (counts and money are never negative here) and 5% headroom.
pub fn axis_ranges(chart: &TimeChart) -> (std::ops::Range<f64>, std::ops::Range<f64>) {
    let mut x_min = f64::INFINITY;
    let mut x_max = f64::NEG_INFINITY;
    let mut y_max = f64::NEG_INFINITY;
    let mut y_min: f64 = 0.0;
    for (x, y) in chart.series.iter().flat_map(|s| s.points.iter().copied()) {
        if x.is_finite() && y.is_finite() {
            x_min = x_min.min(x);
            x_max = x_max.max(x);
            y_max = y_max.max(y);
            y_min = y_min.min(y);
        }
    }
    for r in &chart.ref_lines {
        if r.y.is_finite() {
            y_max = y_max.max(r.y);
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
    let head = (y_max - y_min) * 0.05;
    (x_min..x_max, y_min..(y_max + head))
}

/// Draws `chart` on `area`. `scale` multiplies font sizes and stroke widths (the device pixel ratio in
/// the browser, so text keeps its CSS size on high-DPI screens).
pub fn draw_time_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &TimeChart,
    scale: f64,
) -> Result<(), ChartError> {
    let s = |v: f64| (v * scale).round().max(1.0) as u32;
    area.fill(&WHITE).map_err(backend_err)?;
    let (x_range, y_range) = axis_ranges(chart);
    let (width, _) = area.dim_in_pixel();
    let font = |size: f64| {
        ("sans-serif", size * scale)
            .into_font()
            .color(&palette::INK)
    };

    let mut ctx = ChartBuilder::on(area)
        .caption(&chart.title, font(18.0))
        .margin(s(10.0))
        .x_label_area_size(s(42.0))
        .y_label_area_size(s(64.0))
        .build_cartesian_2d(x_range.clone(), y_range.clone())
        .map_err(backend_err)?;

    let ticks = chart.x_ticks.clone();
    let mut mesh = ctx.configure_mesh();
    mesh.x_desc(chart.x_label.as_str())
        .y_desc(chart.y_label.as_str())
        .label_style(font(13.0))
        .axis_desc_style(font(14.0))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215));
    let formatter = move |x: &f64| {
        ticks
            .iter()
            .min_by(|a, b| (a.0 - x).abs().total_cmp(&(b.0 - x).abs()))
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| format!("{x:.0}"))
    };
    if !chart.x_ticks.is_empty() {
        mesh.x_labels(chart.x_ticks.len().min(12))
            .x_label_formatter(&formatter);
    }
    mesh.draw().map_err(backend_err)?;

    for r in &chart.ref_lines {
        let colour = RGBColor(r.colour.0, r.colour.1, r.colour.2);
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

    let plot_px = (width as usize).max(2);
    for series in &chart.series {
        let colour = RGBColor(series.colour.0, series.colour.1, series.colour.2);
        let points = downsample_min_max(&series.points, plot_px);
        let style = match series.style {
            LineStyle::Solid | LineStyle::Dashed => colour.stroke_width(s(2.0)),
            LineStyle::Faint => colour.mix(0.45).stroke_width(s(1.5)),
        };
        let drawn = if series.style == LineStyle::Dashed {
            ctx.draw_series(DashedLineSeries::new(points, s(8.0), s(5.0), style))
        } else {
            ctx.draw_series(LineSeries::new(points, style))
        };
        drawn
            .map_err(backend_err)?
            .label(series.name.clone())
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], style));
    }

    ctx.configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .label_font(font(13.0))
        .draw()
        .map_err(backend_err)?;
    area.present().map_err(backend_err)?;
    Ok(())
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
        }
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
    fn empty_chart_still_draws() {
        let chart = TimeChart {
            title: "Nothing yet".into(),
            ..Default::default()
        };
        let svg = render_svg(&chart);
        assert!(svg.contains("Nothing yet"));
    }
}
