//! The capacity-sensitivity chart of docs/delays.md: first-year delayed transfers against each
//! downstream capacity (as a multiple of the baseline's), the live (SD) engine as solid lines,
//! the stochastic (DES) engine as dashed lines with its 10–90% band as whiskers. Pure drawing,
//! generic over the plotters backend (SVG for the docs).

use crate::{backend_err, palette, ChartError};
use careflow_model::calibration::CapacityPoint;
use careflow_model::scenario::Service;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws `points` (from [`careflow_model::calibration::capacity_sweep`]) on `area`.
pub fn draw_capacity<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[CapacityPoint],
) -> Result<(), ChartError> {
    area.fill(&WHITE).map_err(backend_err)?;
    let font = |size: f64| ("sans-serif", size).into_font().color(&palette::INK);
    let x_min = points
        .iter()
        .map(|p| p.factor)
        .fold(f64::INFINITY, f64::min);
    let x_max = points
        .iter()
        .map(|p| p.factor)
        .fold(f64::NEG_INFINITY, f64::max);
    let y_max = points
        .iter()
        .map(|p| (p.sd.0).max(p.des_dtoc.p90) * 100.0)
        .fold(0.0, f64::max)
        * 1.08;
    let mut ctx = ChartBuilder::on(area)
        .caption(
            "Delayed transfers against downstream capacity, 2008/09",
            font(20.0),
        )
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(64)
        .build_cartesian_2d((x_min - 0.01)..(x_max + 0.01), 0.0..y_max.max(1.0))
        .map_err(backend_err)?;
    ctx.configure_mesh()
        .x_desc("Capacity as a multiple of the baseline's")
        .y_desc("Delayed bed days, % of occupied bed days")
        .label_style(font(13.0))
        .axis_desc_style(font(14.0))
        .x_label_formatter(&|x: &f64| format!("×{x:.2}"))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()
        .map_err(backend_err)?;
    for (i, service) in Service::ALL.into_iter().enumerate() {
        let (r, g, b) = palette::SERIES[i];
        let colour = RGBColor(r, g, b);
        let mut pts: Vec<&CapacityPoint> = points.iter().filter(|p| p.service == service).collect();
        pts.sort_by(|a, b| a.factor.total_cmp(&b.factor));
        let sd: Vec<(f64, f64)> = pts.iter().map(|p| (p.factor, p.sd.0 * 100.0)).collect();
        let des: Vec<(f64, f64)> = pts
            .iter()
            .map(|p| (p.factor, p.des_dtoc.mean * 100.0))
            .collect();
        ctx.draw_series(LineSeries::new(sd, colour.stroke_width(3)))
            .map_err(backend_err)?
            .label(format!("{} — live (SD)", service.label()))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], colour.stroke_width(3)));
        ctx.draw_series(DashedLineSeries::new(des, 6, 4, colour.stroke_width(2)))
            .map_err(backend_err)?
            .label(format!(
                "{} — stochastic (DES mean, 10–90%)",
                service.label()
            ))
            .legend(move |(x, y)| {
                PathElement::new(
                    [(x, y), (x + 8, y), (x + 12, y), (x + 20, y)],
                    colour.stroke_width(1),
                )
            });
        for p in &pts {
            let (lo, hi) = (p.des_dtoc.p10 * 100.0, p.des_dtoc.p90 * 100.0);
            ctx.draw_series(std::iter::once(PathElement::new(
                [(p.factor, lo), (p.factor, hi)],
                colour.stroke_width(1),
            )))
            .map_err(backend_err)?;
            ctx.draw_series(std::iter::once(Circle::new(
                (p.factor, p.des_dtoc.mean * 100.0),
                4,
                colour.filled(),
            )))
            .map_err(backend_err)?;
        }
    }
    ctx.configure_series_labels()
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(200, 200, 200))
        .label_font(font(13.0))
        .position(SeriesLabelPosition::UpperRight)
        .draw()
        .map_err(backend_err)?;
    area.present().map_err(backend_err)?;
    Ok(())
}
