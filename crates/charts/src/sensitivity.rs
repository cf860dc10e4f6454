//! What matters most, as charts: the tornado (each headline lever at its plausible low and high,
//! widest on top, bars inside the stochastic engine's noise in grey) and the waterfall from do
//! nothing to the scenario by lever group. *What* to show ([`tornado_view`], [`waterfall_view`]:
//! a title stating the finding, a summary sentence for the canvas's text alternative, a table)
//! is pure data; *how* ([`draw_rows`]) is a pure function generic over the plotters backend.

use crate::views::Table;
use crate::{backend_err, format, palette, ChartError};
use careflow_model::sensitivity::{Kpi, Tornado, Waterfall};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One horizontal row of a row chart: a label and the segments drawn on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub label: String,
    /// (from, to, colour) in axis units; a segment of no width is drawn as a thin mark.
    pub segments: Vec<(f64, f64, (u8, u8, u8))>,
}

/// A chart of horizontal rows (first row on top) on a value axis.
#[derive(Clone, Debug, PartialEq)]
pub struct RowChart {
    pub title: String,
    /// Axis description, with its unit ("Delayed bed days, % of occupied bed days").
    pub axis: String,
    pub rows: Vec<Row>,
    /// A vertical reference line (the scenario's value) [axis units].
    pub reference: Option<f64>,
    /// A shaded band around the reference (the stochastic engine's noise) [axis units].
    pub band: Option<(f64, f64)>,
}

/// Greyed-out colour for bars within the noise.
pub const WITHIN_NOISE: (u8, u8, u8) = (190, 190, 190);
/// Colour of the lever at its low (blue) and at its high (vermillion).
pub const AT_LOW: (u8, u8, u8) = palette::SERIES[0];
pub const AT_HIGH: (u8, u8, u8) = palette::SERIES[1];

/// A tornado or waterfall with its alternatives.
#[derive(Clone, Debug, PartialEq)]
pub struct RowView {
    /// "tornado" or "waterfall".
    pub id: &'static str,
    /// The finding, as the heading.
    pub title: String,
    /// The canvas's text alternative.
    pub summary: String,
    pub chart: RowChart,
    pub table: Table,
}

/// A KPI value in axis units: % for a share, £m for money.
fn axis_value(kpi: Kpi, x: f64) -> f64 {
    if kpi.is_share() {
        x * 100.0
    } else {
        x / 1e6
    }
}

/// A KPI value in words.
pub fn kpi_text(kpi: Kpi, x: f64) -> String {
    if kpi.is_share() {
        format::pct(x, 2)
    } else {
        format::money(x)
    }
}

/// A KPI change in words: points for a share, £ for money.
pub fn change_text(kpi: Kpi, d: f64) -> String {
    if kpi.is_share() {
        let t = format::num(d * 100.0, 2);
        if d > 0.0 && t != "0.00" {
            format!("+{t}\u{a0}pts")
        } else {
            format!("{t}\u{a0}pts")
        }
    } else {
        format::signed_money(d)
    }
}

fn axis_text(kpi: Kpi) -> String {
    if kpi.is_share() {
        format!("{}, %", kpi.label())
    } else {
        format!("{}, £m a year", kpi.label())
    }
}

/// Shortened for the chart's label column (the table has the whole label).
fn short_label(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// The tornado as a view: heading, summary, chart, table.
pub fn tornado_view(t: &Tornado) -> RowView {
    let kpi = t.kpi;
    let moving: Vec<_> = t
        .bars
        .iter()
        .filter(|b| !b.within_noise && b.width > 0.0)
        .collect();
    let title = match t.bars.first() {
        Some(b) if b.width > 0.0 => format!(
            "{} in {} moves most with {}: {} to {} over its plausible range",
            kpi.label(),
            t.year_label,
            b.label.to_lowercase(),
            kpi_text(kpi, b.at_low.min(b.at_high)),
            kpi_text(kpi, b.at_low.max(b.at_high)),
        ),
        _ => format!(
            "No headline lever moves {} in {}",
            kpi.label().to_lowercase(),
            t.year_label
        ),
    };
    let noise_words = match t.noise {
        Some(n) => format!(
            " {} of {} bars lie outside the stochastic engine's noise (±{}), the rest are grey.",
            moving.len(),
            t.bars.len(),
            change_text(kpi, n).trim_start_matches('+')
        ),
        None => " The stochastic engine's noise is not known yet, so no bar is greyed.".into(),
    };
    let top: Vec<String> = t
        .bars
        .iter()
        .take(3)
        .map(|b| {
            format!(
                "{} ({})",
                b.label,
                change_text(kpi, b.width).trim_start_matches('+')
            )
        })
        .collect();
    let summary = format!(
        "Tornado chart of {} in {}: {} in this scenario. Widest bars: {}.{}",
        kpi.label().to_lowercase(),
        t.year_label,
        kpi_text(kpi, t.base),
        top.join(", "),
        noise_words
    );
    let rows = t
        .bars
        .iter()
        .map(|b| {
            let (lo, hi) = if b.within_noise {
                (WITHIN_NOISE, WITHIN_NOISE)
            } else {
                (AT_LOW, AT_HIGH)
            };
            Row {
                label: short_label(&b.label, 40),
                segments: vec![
                    (axis_value(kpi, t.base), axis_value(kpi, b.at_low), lo),
                    (axis_value(kpi, t.base), axis_value(kpi, b.at_high), hi),
                ],
            }
        })
        .collect();
    let table = Table {
        caption: format!(
            "{} in {} with each headline lever at its plausible low and high, widest first",
            kpi.label(),
            t.year_label
        ),
        headers: [
            "Lever",
            "Now (low – high)",
            "At low",
            "At high",
            "Width",
            "Outside the noise",
            "Range from",
        ]
        .map(String::from)
        .to_vec(),
        rows: t
            .bars
            .iter()
            .map(|b| {
                let v = |x: f64| match careflow_model::params::param(&b.path) {
                    Some(spec) => format::lever_value(&spec, x),
                    None => format::num(x, 2),
                };
                vec![
                    b.label.clone(),
                    format!("{} ({} – {})", v(b.value), v(b.low), v(b.high)),
                    kpi_text(kpi, b.at_low),
                    kpi_text(kpi, b.at_high),
                    change_text(kpi, b.width)
                        .trim_start_matches('+')
                        .to_string(),
                    match t.noise {
                        None => "not known yet".into(),
                        Some(_) if b.within_noise => "no".into(),
                        Some(_) => "yes".into(),
                    },
                    b.source.clone(),
                ]
            })
            .collect(),
    };
    RowView {
        id: "tornado",
        title,
        summary,
        chart: RowChart {
            title: format!("What matters most: {}, {}", kpi.label(), t.year_label),
            axis: axis_text(kpi),
            rows,
            reference: Some(axis_value(kpi, t.base)),
            band: t
                .noise
                .map(|n| (axis_value(kpi, t.base - n), axis_value(kpi, t.base + n))),
        },
        table,
    }
}

/// The waterfall as a view: from do nothing, each group's change alone, the interaction, to the
/// scenario.
pub fn waterfall_view(w: &Waterfall) -> RowView {
    let kpi = w.kpi;
    let groups = &w.steps[..w.steps.len().saturating_sub(1)];
    let largest = groups
        .iter()
        .max_by(|a, b| a.change.abs().total_cmp(&b.change.abs()));
    let title = match largest {
        Some(s) if s.change != 0.0 => format!(
            "From do nothing to this scenario, {} in {} goes from {} to {}; {} does most ({})",
            kpi.label().to_lowercase(),
            w.year_label,
            kpi_text(kpi, w.start),
            kpi_text(kpi, w.end),
            s.label.to_lowercase(),
            change_text(kpi, s.change)
        ),
        _ => format!(
            "This scenario is do nothing: {} in {} is {}",
            kpi.label().to_lowercase(),
            w.year_label,
            kpi_text(kpi, w.start)
        ),
    };
    let mut rows = vec![Row {
        label: "Do nothing".into(),
        segments: vec![(
            axis_value(kpi, w.start),
            axis_value(kpi, w.start),
            palette::NEUTRAL,
        )],
    }];
    let mut at = w.start;
    for s in &w.steps {
        let colour = if s.label == "Interaction" {
            palette::SERIES[4]
        } else if s.change <= 0.0 {
            palette::SERIES[2]
        } else {
            palette::SERIES[1]
        };
        rows.push(Row {
            label: s.label.clone(),
            segments: vec![(axis_value(kpi, at), axis_value(kpi, at + s.change), colour)],
        });
        at += s.change;
    }
    rows.push(Row {
        label: "This scenario".into(),
        segments: vec![(axis_value(kpi, w.end), axis_value(kpi, w.end), (33, 37, 41))],
    });
    let mut table_rows = vec![vec![
        "Do nothing".to_string(),
        String::new(),
        kpi_text(kpi, w.start),
    ]];
    let mut at = w.start;
    for s in &w.steps {
        at += s.change;
        table_rows.push(vec![
            s.label.clone(),
            change_text(kpi, s.change),
            kpi_text(kpi, at),
        ]);
    }
    table_rows.push(vec![
        "This scenario".into(),
        change_text(kpi, w.end - w.start),
        kpi_text(kpi, w.end),
    ]);
    let summary = format!(
        "Waterfall of {} in {} from do nothing ({}) to this scenario ({}): {}.",
        kpi.label().to_lowercase(),
        w.year_label,
        kpi_text(kpi, w.start),
        kpi_text(kpi, w.end),
        w.steps
            .iter()
            .map(|s| format!("{} {}", s.label.to_lowercase(), change_text(kpi, s.change)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    RowView {
        id: "waterfall",
        title,
        summary,
        chart: RowChart {
            title: format!("From do nothing: {}, {}", kpi.label(), w.year_label),
            axis: axis_text(kpi),
            rows,
            reference: None,
            band: None,
        },
        table: Table {
            caption: format!(
                "{} in {}: each lever group's change made alone from do nothing, then what they do together beyond their sum (interaction)",
                kpi.label(),
                w.year_label
            ),
            headers: ["Step", "Change", "Running total"].map(String::from).to_vec(),
            rows: table_rows,
        },
    }
}

/// Draws `chart` on `area`: labels on the left, one row per entry (first on top), the value axis
/// below. `scale` multiplies text and strokes (the device pixel ratio); `caption` draws the title.
pub fn draw_rows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &RowChart,
    scale: f64,
    caption: bool,
) -> Result<(), ChartError> {
    area.fill(&WHITE).map_err(backend_err)?;
    let px = |v: f64| (v * scale).round() as i32;
    let font = |size: f64| {
        ("sans-serif", size * scale)
            .into_font()
            .color(&palette::INK)
    };
    let (w, _) = area.dim_in_pixel();
    let n = chart.rows.len().max(1);
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for r in &chart.rows {
        for &(a, b, _) in &r.segments {
            for v in [a, b] {
                if v.is_finite() {
                    lo = lo.min(v);
                    hi = hi.max(v);
                }
            }
        }
    }
    for v in chart
        .reference
        .into_iter()
        .chain(chart.band.into_iter().flat_map(|(a, b)| [a, b]))
    {
        if v.is_finite() {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    if !lo.is_finite() || !hi.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    // A span too narrow to read (a waterfall with nothing changed) is widened to ±5%.
    let pad = if hi - lo < hi.abs().max(1e-6) * 0.01 {
        hi.abs().max(1e-6) * 0.05
    } else {
        (hi - lo) * 0.08
    };
    let (lo, hi) = (lo - pad, hi + pad);
    let label_w = (w as f64 * 0.38).min(330.0 * scale) as u32;
    let (labels, plot) = area.split_horizontally(label_w);
    let mut builder = ChartBuilder::on(&plot);
    builder
        .margin_top(px(if caption { 8.0 } else { 6.0 }))
        .margin_right(px(16.0))
        .x_label_area_size(px(44.0));
    if caption {
        builder.caption(&chart.title, font(16.0));
    }
    let mut ctx = builder
        .build_cartesian_2d(lo..hi, 0.0..n as f64)
        .map_err(backend_err)?;
    ctx.configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .x_desc(&chart.axis)
        .x_labels(6)
        .x_label_formatter(&|x: &f64| crate::axis_number(*x))
        .label_style(font(12.0))
        .axis_desc_style(font(13.0))
        .light_line_style(RGBColor(240, 240, 240))
        .bold_line_style(RGBColor(220, 220, 220))
        .draw()
        .map_err(backend_err)?;
    if let Some((a, b)) = chart.band {
        ctx.draw_series(std::iter::once(Rectangle::new(
            [(a.min(b), 0.0), (a.max(b), n as f64)],
            RGBColor(225, 225, 225).mix(0.6).filled(),
        )))
        .map_err(backend_err)?;
    }
    // Row i sits between y = n − i − 1 and n − i, so the first row is on top.
    let thin = (hi - lo) * 0.003;
    for (i, r) in chart.rows.iter().enumerate() {
        let y0 = (n - i - 1) as f64 + 0.18;
        let y1 = (n - i) as f64 - 0.18;
        for &(a, b, (cr, cg, cb)) in &r.segments {
            if !(a.is_finite() && b.is_finite()) {
                continue;
            }
            let (x0, x1) = if (b - a).abs() < thin {
                (a.min(b) - thin, a.max(b) + thin)
            } else {
                (a.min(b), a.max(b))
            };
            ctx.draw_series(std::iter::once(Rectangle::new(
                [(x0, y0), (x1, y1)],
                RGBColor(cr, cg, cb).filled(),
            )))
            .map_err(backend_err)?;
        }
        let (_, py) = ctx.backend_coord(&(lo, (n - i) as f64 - 0.5));
        let (_, oy) = labels.get_base_pixel();
        labels
            .draw(&Text::new(
                r.label.clone(),
                (label_w as i32 - px(8.0), py - oy),
                font(12.5).pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(backend_err)?;
    }
    if let Some(x) = chart.reference {
        ctx.draw_series(std::iter::once(PathElement::new(
            [(x, 0.0), (x, n as f64)],
            palette::INK.stroke_width(px(1.5).max(1) as u32),
        )))
        .map_err(backend_err)?;
    }
    area.present().map_err(backend_err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use careflow_model::sensitivity::{sweep, waterfall_runs};
    use careflow_model::{preset, Scenario};

    fn svg(chart: &RowChart) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (900, 640)).into_drawing_area();
            draw_rows(&root, chart, 1.0, true).unwrap();
        }
        out
    }

    #[test]
    fn the_tornado_draws_a_bar_pair_per_lever_widest_on_top_and_greys_the_noise() {
        let sw = sweep(&Scenario::default()).unwrap();
        let mut t = sw.tornado(Kpi::DtocShare, 4);
        t.mark_noise(0.001);
        let v = tornado_view(&t);
        assert!(
            v.title.starts_with("Delayed transfers (share of bed days) in 2012/13 moves most with seven-day discharge"),
            "{}",
            v.title
        );
        assert_eq!(v.table.rows.len(), t.bars.len());
        assert_eq!(v.table.rows[0][0], t.bars[0].label);
        assert!(v
            .summary
            .contains("lie outside the stochastic engine's noise"));
        let s = svg(&v.chart);
        // One rectangle per segment, plus the noise band (and the backdrop).
        let rects = s.matches("<rect").count();
        assert!(rects > 2 * t.bars.len(), "{rects}");
        assert!(s.contains("Seven-day discharge"));
        let hex = |(r, g, b): (u8, u8, u8)| format!("fill=\"#{r:02X}{g:02X}{b:02X}\"");
        let greyed = t.bars.iter().filter(|b| b.within_noise).count();
        assert!(greyed > 0 && greyed < t.bars.len());
        assert_eq!(s.matches(&hex(WITHIN_NOISE)).count(), 2 * greyed);
        assert_eq!(s.matches(&hex(AT_HIGH)).count(), t.bars.len() - greyed);
    }

    #[test]
    fn the_waterfall_view_runs_from_do_nothing_to_the_scenario() {
        let s = preset("strategic-plan").unwrap().scenario;
        let w = waterfall_runs(&s, &Scenario::default())
            .unwrap()
            .waterfall(Kpi::CommissionerCost, 4);
        let v = waterfall_view(&w);
        assert_eq!(v.table.rows.first().unwrap()[0], "Do nothing");
        assert_eq!(v.table.rows.last().unwrap()[0], "This scenario");
        assert_eq!(
            v.table.rows.last().unwrap()[2],
            kpi_text(Kpi::CommissionerCost, w.end)
        );
        assert!(v.table.rows.iter().any(|r| r[0] == "Interaction"));
        let s = svg(&v.chart);
        assert!(s.matches("<rect").count() >= v.chart.rows.len());
    }
}
