//! What to show from a model run: the workbench's KPI cards and its five charts, each with a title
//! that states the finding in words, a summary sentence (the chart's text alternative) and a table
//! (its "show as table" alternative). Pure functions of two [`Results`] (the scenario and the
//! `do-nothing` reference), the KPI year and the year span shown; tested natively.

use careflow_model::accounts::Payer;
use careflow_model::calendar;
use careflow_model::scenario::{Reason, Service};
use careflow_model::{Results, Stream, YearKpis};

use crate::format::{self, ratio};
use crate::palette;
use crate::trajectories::{self as traj, Trajectory};
use crate::{BarChart, BarSeries, Chart, LineStyle, Marker, RefLine, Series, TimeChart};

/// Targets the source documents set.
pub mod targets {
    /// Delayed transfers of care as a share of occupied bed days by 2012 (seed 001 §7.5).
    pub const DTOC_SHARE: f64 = 0.02;
    /// Share of deaths at home, including care homes, by 2012 (seed 001).
    pub const HOME_DEATH_SHARE: f64 = 0.70;
    /// Emergency admissions no longer needed by March 2013 (seed 001 §8.6).
    pub const ADMISSIONS_AVOIDED: f64 = 7_500.0;
}

/// A table: the text alternative of a chart.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// How the x axis of a chart reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XAxis {
    /// x is the day index from 1 April of `start_year`.
    Days { start_year: u32 },
    /// x is a category index.
    Categories,
}

/// One chart of the workbench with its alternatives.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartView {
    /// Stable id ("beds", "admissions", "delays", "deaths", "money").
    pub id: &'static str,
    /// Short name of the panel.
    pub name: &'static str,
    pub chart: Chart,
    /// One or two sentences describing what the chart shows (the text alternative).
    pub summary: String,
    pub table: Table,
    pub x_axis: XAxis,
    /// Unit of y values for the hover read-out ("beds", "%", "£m", "admissions").
    pub y_unit: &'static str,
}

impl ChartView {
    /// The hover read-out at data x.
    pub fn readout(&self, x: f64) -> Option<String> {
        let unit = self.y_unit;
        let y_text = move |v: f64| match unit {
            "%" => format!("{}%", format::num(v, 1)),
            "£m" => format!("£{}m", format::num(v, 2)),
            _ => format::num(v, if v.abs() < 100.0 { 1 } else { 0 }),
        };
        match self.x_axis {
            XAxis::Days { start_year } => {
                let x_text = move |x: f64| date_label(start_year, x);
                self.chart.readout(x, x_text, y_text)
            }
            XAxis::Categories => self.chart.readout(x, |x| format!("{x}"), y_text),
        }
    }
}

/// "12 Jan 2011" for day index `x` from 1 April `start_year`.
pub fn date_label(start_year: u32, x: f64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    if !x.is_finite() || x < 0.0 {
        return String::new();
    }
    let want = x.round() as usize;
    let years = (want / 365 + 1) as u32;
    calendar::days(start_year, years)
        .get(want)
        .map(|d| format!("{} {} {}", d.day, MONTHS[(d.month - 1) as usize], d.year))
        .unwrap_or_default()
}

/// The years shown and the KPI year, as indices into `Results::yearly`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// First year shown (index).
    pub first: usize,
    /// Last year shown (index, inclusive).
    pub last: usize,
    /// The year the KPIs and titles speak about (index).
    pub kpi: usize,
}

impl Span {
    /// As [`Span::clamped`], with the year the chart titles quote moved inside the years charted:
    /// the KPI year when the charts show it, else the charted year nearest to it. A title speaks
    /// of what its chart shows.
    pub fn charted(self, years: usize) -> Span {
        let s = self.clamped(years);
        Span {
            kpi: s.kpi.clamp(s.first, s.last),
            ..s
        }
    }

    /// Clamp to the run's years; `first ≤ last`; the KPI year inside the run.
    pub fn clamped(self, years: usize) -> Span {
        let max = years.saturating_sub(1);
        let first = self.first.min(max);
        let last = self.last.clamp(first, max);
        Span {
            first,
            last,
            kpi: self.kpi.min(max),
        }
    }
}

/// Day index of the first day of year `i`.
pub(crate) fn year_start(r: &Results, i: usize) -> usize {
    r.yearly.iter().take(i).map(|y| y.days).sum()
}

pub(crate) fn day_range(r: &Results, span: Span) -> std::ops::Range<usize> {
    let a = year_start(r, span.first);
    let b = year_start(r, span.last + 1).min(r.days);
    a.min(b)..b
}

fn year_ticks(r: &Results, span: Span) -> Vec<(f64, String)> {
    (span.first..=span.last)
        .filter_map(|i| {
            r.yearly
                .get(i)
                .map(|y| (year_start(r, i) as f64, y.year.clone()))
        })
        .collect()
}

pub(crate) fn daily(values: &[f64], range: std::ops::Range<usize>, scale: f64) -> Vec<(f64, f64)> {
    let end = range.end.min(values.len());
    (range.start.min(end)..end)
        .map(|d| (d as f64, values[d] * scale))
        .collect()
}

fn kpi_year(r: &Results, span: Span) -> Option<&YearKpis> {
    r.yearly.get(span.kpi)
}

fn stream_colour(s: Stream) -> (u8, u8, u8) {
    match s {
        Stream::EndOfLife => palette::SERIES[4],
        Stream::Acsc => palette::SERIES[0],
        Stream::Frail => palette::SERIES[3],
        Stream::Other => palette::SERIES[5],
    }
}

/// Two streams solid, two broken, so all four lines (and the solid total) read apart in greyscale.
fn stream_style(s: Stream) -> LineStyle {
    match s {
        Stream::EndOfLife | Stream::Acsc => LineStyle::Solid,
        Stream::Frail => LineStyle::Dotted,
        Stream::Other => LineStyle::LongDash,
    }
}

fn short_stream(s: Stream) -> &'static str {
    match s {
        Stream::EndOfLife => "Last year of life",
        Stream::Acsc => "Long-term conditions",
        Stream::Frail => "Frail older people",
        Stream::Other => "Other",
    }
}

/// Days of year `i` with the open base beds over 95% full, and how many of them fall in
/// December–February, from the run's daily `over_95` (1 or 0 in the DES; in the SD engine the
/// probability, so these are expected numbers of days and match the year's
/// `days_over_95pct_occupancy`).
pub fn days_over_95(r: &Results, i: usize) -> (f64, f64) {
    let start = year_start(r, i);
    let Some(y) = r.yearly.get(i) else {
        return (0.0, 0.0);
    };
    let cal = calendar::days(r.start_year + i as u32, 1);
    let mut all = 0.0;
    let mut winter = 0.0;
    for (k, d) in cal.iter().enumerate().take(y.days) {
        if let Some(p) = r.daily.over_95.get(start + k) {
            all += p;
            if d.is_winter() {
                winter += p;
            }
        }
    }
    (all, winter)
}

/// Centred moving mean over `window` days (shorter at the ends), so the weekly cycle does not
/// paint the seasonal pattern into a solid band.
pub fn rolling_mean(v: &[f64], window: usize) -> Vec<f64> {
    let half = window / 2;
    (0..v.len())
        .map(|i| {
            let a = i.saturating_sub(half);
            let b = (i + half + 1).min(v.len());
            v[a..b].iter().sum::<f64>() / (b - a) as f64
        })
        .collect()
}

/// The name of the beds chart's line that carries the replication bands.
pub const BEDS_BANDED: &str = "Occupied beds (7-day mean)";

/// Chart 1: occupied acute beds each day against the open base beds (the bed base after ward
/// closures, less beds a surge closes), with 85% and 95% of the base, and the beds with escalation
/// beds added drawn apart, so opening escalation beds does not hide how full the base is.
pub fn beds_chart(run: &Results, reference: &Results, span: Span) -> ChartView {
    let span = span.charted(run.yearly.len());
    let range = day_range(run, span);
    let d = &run.daily;
    let line = |name: &str, v: &[f64], scale: f64, colour, style| Series {
        name: name.into(),
        points: daily(v, range.clone(), scale),
        colour,
        style,
    };
    let mut markers = Vec::new();
    for i in range.clone().skip(1) {
        let (a, b) = (d.beds_base[i - 1], d.beds_base[i]);
        if (b - a).abs() >= 0.5 {
            markers.push(Marker {
                x: i as f64,
                label: if b < a {
                    format!("Ward closes ({} beds)", format::int(a - b))
                } else {
                    format!("Beds open ({} beds)", format::int(b - a))
                },
                colour: palette::NEUTRAL,
            });
        }
    }
    let mut series = vec![
        // Orange, not a blue: the daily line must not be mistaken for the blue replication bands.
        line(
            "Occupied beds, each day",
            &d.occupied_beds,
            1.0,
            palette::SERIES[3],
            LineStyle::Faint,
        ),
        line(
            "Do nothing: occupied (7-day mean)",
            &rolling_mean(&reference.daily.occupied_beds, 7),
            1.0,
            palette::NEUTRAL,
            LineStyle::Faint,
        ),
        line(
            "Base beds open",
            &d.beds_open,
            1.0,
            palette::SERIES[7],
            LineStyle::Solid,
        ),
    ];
    // Escalation beds open and close from day to day in winter (in the SD engine the line is the
    // expected number); a 7-day mean keeps the line readable. Drawn only when any are open.
    let escalation_used = range.clone().any(|i| {
        d.beds_available
            .get(i)
            .zip(d.beds_open.get(i))
            .is_some_and(|(a, o)| a - o >= 0.5)
    });
    if escalation_used {
        series.push(line(
            "With escalation beds (7-day mean)",
            &rolling_mean(&d.beds_available, 7),
            1.0,
            palette::SERIES[7],
            LineStyle::Dashed,
        ));
    }
    series.extend([
        line(
            "95% of base beds",
            &d.beds_open,
            0.95,
            palette::ALERT,
            LineStyle::Dashed,
        ),
        line(
            "85% of base beds",
            &d.beds_open,
            0.85,
            palette::SERIES[2],
            LineStyle::Dotted,
        ),
        line(
            BEDS_BANDED,
            &rolling_mean(&d.occupied_beds, 7),
            1.0,
            palette::SERIES[0],
            LineStyle::Solid,
        ),
    ]);
    let chart = TimeChart {
        title: String::new(),
        x_label: "Financial year".into(),
        y_label: "Acute beds".into(),
        series,
        markers,
        x_ticks: year_ticks(run, span),
        ..Default::default()
    };
    // Start the axis a little below the lowest line so day-to-day pressure is readable from the back
    // of a room (the 85% line and the occupied beds sit far above zero).
    let lowest = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .filter(|v| v.is_finite())
        .fold(f64::INFINITY, f64::min);
    let chart = TimeChart {
        y_floor: lowest
            .is_finite()
            .then(|| ((lowest * 0.9) / 100.0).floor() * 100.0),
        ..chart
    };
    let (title, summary) = match kpi_year(run, span) {
        Some(y) => {
            let (n, w) = days_over_95(run, span.kpi);
            let (n, w) = (n.round(), w.round());
            let mut title = if n < 1.0 {
                format!(
                    "Base beds stay below 95% full in {}; the fullest day is {}",
                    y.year,
                    format::pct(y.peak_occupancy, 0)
                )
            } else if w >= n {
                format!(
                    "Base beds are over 95% full on {} winter days in {}",
                    format::int(n),
                    y.year
                )
            } else {
                format!(
                    "Base beds are over 95% full on {} days in {}, {} of them in winter",
                    format::int(n),
                    y.year,
                    format::int(w)
                )
            };
            if y.peak_occupancy > 1.005 {
                title.push_str(&format!(
                    "; {} at the peak, with escalation beds",
                    format::pct(y.peak_occupancy, 0)
                ));
            }
            let ref_occ = reference
                .year(&y.year)
                .map(|r| r.mean_occupancy)
                .unwrap_or(f64::NAN);
            let summary = format!(
                "Line chart of occupied acute beds each day from {} to {}, against the base beds open, 85% and 95% of them, and the beds with escalation beds added. In {} the base beds are {} full on average ({} with do nothing), {} on the fullest day; escalation beds are open on {} days.",
                year_label(run, span.first),
                year_label(run, span.last),
                y.year,
                format::pct(y.mean_occupancy, 0),
                format::pct(ref_occ, 0),
                format::pct(y.peak_occupancy, 0),
                format::int(y.days_escalation_open),
            );
            (title, summary)
        }
        None => ("No results".into(), "No results to show.".into()),
    };
    let rows = (span.first..=span.last)
        .filter_map(|i| run.yearly.get(i).map(|y| (i, y)))
        .map(|(i, y)| {
            let r = reference.year(&y.year);
            let days = year_start(run, i)..year_start(run, i + 1).min(run.days);
            vec![
                y.year.clone(),
                format::int(y.mean_occupied_beds),
                format::int(mean_of(&d.beds_open, days)),
                format::int(y.mean_beds_available),
                format::pct(y.mean_occupancy, 1),
                format::pct(y.peak_occupancy, 1),
                format::int(y.days_over_95pct_occupancy),
                format::int(y.days_escalation_open),
                r.map(|r| format::int(r.mean_occupied_beds))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let mut chart = chart;
    chart.title = title;
    ChartView {
        id: "beds",
        name: "Acute beds",
        chart: Chart::Time(chart),
        summary,
        table: Table {
            caption: "Acute beds by financial year (occupancy of the open base beds)".into(),
            headers: [
                "Year",
                "Mean occupied beds",
                "Mean base beds open",
                "Mean beds with escalation beds",
                "Mean occupancy of base beds",
                "Peak occupancy of base beds",
                "Days above 95% of base beds",
                "Days with escalation beds open",
                "Do nothing: mean occupied beds",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        },
        x_axis: XAxis::Days {
            start_year: run.start_year,
        },
        y_unit: "beds",
    }
}

/// Mean of `v` over `range` (clamped to `v`), 0 when empty.
fn mean_of(v: &[f64], range: std::ops::Range<usize>) -> f64 {
    let end = range.end.min(v.len());
    let s = &v[range.start.min(end)..end];
    ratio(s.iter().sum(), s.len() as f64)
}

pub(crate) fn year_label(r: &Results, i: usize) -> String {
    r.yearly.get(i).map(|y| y.year.clone()).unwrap_or_default()
}

/// Chart 2: emergency admissions by stream and admissions avoided, monthly.
pub fn admissions_chart(run: &Results, reference: &Results, span: Span) -> ChartView {
    let span = span.charted(run.yearly.len());
    let range = day_range(run, span);
    let months: Vec<_> = run
        .monthly
        .iter()
        .filter(|m| m.first_day >= range.start && m.first_day < range.end)
        .collect();
    let sum = |v: &[f64], a: usize, n: usize| -> f64 {
        v.get(a..(a + n).min(v.len()))
            .map_or(0.0, |s| s.iter().sum())
    };
    let mut series = vec![Series {
        name: "Do nothing: all admissions".into(),
        points: reference
            .monthly
            .iter()
            .filter(|m| m.first_day >= range.start && m.first_day < range.end)
            .map(|m| (m.first_day as f64, m.emergency_admissions))
            .collect(),
        colour: palette::NEUTRAL,
        style: LineStyle::Faint,
    }];
    series.push(Series {
        name: "All emergency admissions".into(),
        points: months
            .iter()
            .map(|m| (m.first_day as f64, m.emergency_admissions))
            .collect(),
        colour: palette::SERIES[7],
        style: LineStyle::Solid,
    });
    for s in Stream::ALL {
        series.push(Series {
            name: short_stream(s).into(),
            points: months
                .iter()
                .map(|m| {
                    (
                        m.first_day as f64,
                        sum(run.daily.admissions.get(s), m.first_day, m.days),
                    )
                })
                .collect(),
            colour: stream_colour(s),
            style: stream_style(s),
        });
    }
    series.push(Series {
        name: "Admissions avoided".into(),
        points: months
            .iter()
            .map(|m| (m.first_day as f64, m.admissions_avoided))
            .collect(),
        colour: palette::SERIES[2],
        style: LineStyle::Dashed,
    });
    let (title, summary) = match kpi_year(run, span) {
        Some(y) => {
            let share = ratio(y.admissions_avoided, y.emergency_demand);
            let title = if y.admissions_avoided >= 0.5 {
                format!(
                    "{} emergency admissions avoided in {} ({} of demand; the plan aims for {})",
                    format::int(y.admissions_avoided),
                    y.year,
                    format::pct(share, 0),
                    format::int(targets::ADMISSIONS_AVOIDED)
                )
            } else {
                format!(
                    "No admissions avoided in {}: {} emergency admissions",
                    y.year,
                    format::int(y.emergency_admissions)
                )
            };
            let ref_adm = reference
                .year(&y.year)
                .map(|r| r.emergency_admissions)
                .unwrap_or(f64::NAN);
            let summary = format!(
                "Line chart of emergency admissions each month from {} to {}, by patient group, with admissions avoided by community services. In {} there are {} emergency admissions ({} with do nothing).",
                year_label(run, span.first),
                year_label(run, span.last),
                y.year,
                format::int(y.emergency_admissions),
                format::int(ref_adm)
            );
            (title, summary)
        }
        None => ("No results".into(), "No results to show.".into()),
    };
    let rows = (span.first..=span.last)
        .filter_map(|i| run.yearly.get(i))
        .map(|y| {
            vec![
                y.year.clone(),
                format::int(y.emergency_admissions_end_of_life),
                format::int(y.emergency_admissions_acsc),
                format::int(y.emergency_admissions_frail),
                format::int(y.emergency_admissions_other),
                format::int(y.emergency_admissions),
                format::int(y.admissions_avoided),
                reference
                    .year(&y.year)
                    .map(|r| format::int(r.emergency_admissions))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    ChartView {
        id: "admissions",
        name: "Emergency admissions",
        chart: Chart::Time(TimeChart {
            title,
            x_label: "Financial year (monthly totals)".into(),
            y_label: "Admissions per month".into(),
            series,
            x_ticks: year_ticks(run, span),
            ..Default::default()
        }),
        summary,
        table: Table {
            caption: "Emergency admissions by financial year".into(),
            headers: [
                "Year",
                "Last year of life",
                "Long-term conditions",
                "Frail older people",
                "Other",
                "All emergency admissions",
                "Admissions avoided",
                "Do nothing: all admissions",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        },
        x_axis: XAxis::Days {
            start_year: run.start_year,
        },
        y_unit: "admissions",
    }
}

/// The name of the delays chart's line that carries the replication bands.
pub const DELAYS_BANDED: &str = "All delayed (7-day mean)";

/// How much of each downstream service's capacity is used in a year, in [`Service::ALL`] order:
/// care-package starts taken of those offered, step-down beds occupied, care-home places taken of
/// those offered [share].
pub fn utilisation(y: &YearKpis) -> [(Service, f64); 3] {
    Service::ALL.map(|s| {
        let u = match s {
            Service::CarePackage => y.utilisation_care_package,
            Service::StepDown => y.utilisation_step_down,
            Service::CareHome => y.utilisation_care_home,
        };
        (s, u)
    })
}

/// The downstream service using the largest share of its capacity, with that share (the first
/// in [`Service::ALL`] order on a tie).
pub fn busiest_service(y: &YearKpis) -> (Service, f64) {
    utilisation(y)
        .into_iter()
        .fold((Service::CarePackage, f64::NEG_INFINITY), |best, (s, u)| {
            if u > best.1 {
                (s, u)
            } else {
                best
            }
        })
}

/// The busiest service and its use in words: "care homes, 85% of the places offered taken".
pub fn service_use(service: Service, used: f64) -> String {
    let u = format::pct(used, 0);
    match service {
        Service::CarePackage => format!("care packages, {u} of the starts offered taken"),
        Service::StepDown => format!("step-down beds, {u} occupied"),
        Service::CareHome => format!("care homes, {u} of the places offered taken"),
    }
}

/// Delayed bed days of a year by the situation report's reason, in [`Reason::ALL`] order [days].
pub fn delayed_days_by_reason(y: &YearKpis) -> [(Reason, f64); 6] {
    Reason::ALL.map(|r| {
        let days = match r {
            Reason::Assessment => y.delayed_days_reason_assessment,
            Reason::PublicFunding => y.delayed_days_reason_public_funding,
            Reason::FurtherNhsCare => y.delayed_days_reason_further_nhs_care,
            Reason::CareHome => y.delayed_days_reason_care_home,
            Reason::CarePackage => y.delayed_days_reason_care_package,
            Reason::Choice => y.delayed_days_reason_choice,
        };
        (r, days)
    })
}

/// The reason with the most delayed bed days, with its share of all delayed days.
pub fn largest_reason(y: &YearKpis) -> (Reason, f64) {
    let (reason, days) = delayed_days_by_reason(y).into_iter().fold(
        (Reason::Assessment, f64::NEG_INFINITY),
        |best, (r, d)| if d > best.1 { (r, d) } else { best },
    );
    (reason, ratio(days, y.delayed_bed_days))
}

/// A reason in a few words for a title: "awaiting a care-home place (D)".
fn reason_short(r: Reason) -> &'static str {
    match r {
        Reason::Assessment => "awaiting assessment (A)",
        Reason::PublicFunding => "awaiting public funding (B)",
        Reason::FurtherNhsCare => "awaiting non-acute NHS care (C)",
        Reason::CareHome => "awaiting a care-home place (D)",
        Reason::CarePackage => "awaiting a care package (E)",
        Reason::Choice => "patient or family choice (G)",
    }
}

/// How each reason is drawn: the waits for a service (C, D, E: arranging the transfer and the
/// queue for room) solid, the process steps (A, B, G) dashed, so the two kinds stay apart
/// without colour.
fn reason_style(r: Reason) -> ((u8, u8, u8), LineStyle) {
    match r {
        // The process steps broken, each in a dash pattern of its own; the waits for a service
        // solid, in colours at least 10 L* apart from each other and from the total's blue.
        Reason::Assessment => (palette::SERIES[1], LineStyle::Dashed),
        Reason::PublicFunding => (palette::SERIES[4], LineStyle::Dotted),
        Reason::FurtherNhsCare => (palette::SERIES[7], LineStyle::Solid),
        Reason::CareHome => (palette::SERIES[2], LineStyle::Solid),
        Reason::CarePackage => (palette::SERIES[3], LineStyle::Solid),
        Reason::Choice => (palette::SERIES[5], LineStyle::LongDash),
    }
}

/// A change in delayed transfers this small (against do nothing) [share of bed days] is "barely
/// moves": the chart then says what limits the flow.
const DELAYS_LITTLE_CHANGE: f64 = 0.0015;

/// Shares of delayed days the NHS, social care and both are responsible for, in a year.
pub fn responsibility(y: &YearKpis) -> (f64, f64, f64) {
    (
        ratio(y.delayed_days_nhs, y.delayed_bed_days),
        ratio(y.delayed_days_social_care, y.delayed_bed_days),
        ratio(y.delayed_days_both, y.delayed_bed_days),
    )
}

/// Chart 3: patients fit to leave but still in an acute bed, by the situation report's reason for
/// the delay, and all delayed (7-day means, as the replication bands are); the title states the
/// share of bed days against the 2% target and the largest reason, or, when the scenario barely
/// moves delays from do nothing, the busiest downstream service.
pub fn delays_chart(run: &Results, reference: &Results, span: Span) -> ChartView {
    let span = span.charted(run.yearly.len());
    let range = day_range(run, span);
    let d = &run.daily;
    let line = |name: &str, v: &[f64], colour, style| Series {
        name: name.into(),
        points: daily(&rolling_mean(v, 7), range.clone(), 1.0),
        colour,
        style,
    };
    let mut series = vec![line(
        "Do nothing: all delayed (7-day mean)",
        &reference.daily.delayed_total,
        palette::NEUTRAL,
        LineStyle::Faint,
    )];
    for r in Reason::ALL {
        let (colour, style) = reason_style(r);
        series.push(line(r.label(), d.delayed_by_reason.get(r), colour, style));
    }
    // Blue, as the banded line of the beds chart is: the replication bands are blue on both.
    series.push(line(
        DELAYS_BANDED,
        &d.delayed_total,
        palette::SERIES[0],
        LineStyle::Solid,
    ));
    let (nhs, social, both) = careflow_model::calibration::DH_OCTOBER_2011_RESPONSIBILITY;
    let (title, summary) = match kpi_year(run, span) {
        Some(y) => {
            let verdict = if y.dtoc_share <= targets::DTOC_SHARE + 1e-9 {
                "meeting the 2% target"
            } else {
                "above the 2% target"
            };
            let r = reference.year(&y.year);
            let ref_share = r.map(|r| r.dtoc_share).unwrap_or(f64::NAN);
            let (reason, reason_share) = largest_reason(y);
            let (service, used) = busiest_service(y);
            // The scenario differs from do nothing in this year, but its delays hardly do.
            let barely = r.is_some_and(|r| r != y)
                && (y.dtoc_share - ref_share).abs() < DELAYS_LITTLE_CHANGE;
            let title = if barely {
                format!(
                    "Delays barely move from do nothing in {} ({} of bed days): the busiest service is {}",
                    y.year,
                    format::pct(y.dtoc_share, 1),
                    service_use(service, used)
                )
            } else {
                format!(
                    "Delayed transfers take {} of bed days in {}, {verdict}; largest reason: {}",
                    format::pct(y.dtoc_share, 1),
                    y.year,
                    reason_short(reason)
                )
            };
            let (n, sc, b) = responsibility(y);
            let summary = format!(
                "Line chart of patients fit to leave but still in an acute bed, 7-day means from {} to {}, by the situation report's reason for the delay, with all delayed. In {} delays take {} of occupied bed days ({} with do nothing); the largest reason is “{}” ({} of delayed days); the busiest downstream service is {}. The NHS is responsible for {} of delayed days, social care for {}, both for {} (England, October 2011: {}, {}, {}).",
                year_label(run, span.first),
                year_label(run, span.last),
                y.year,
                format::pct(y.dtoc_share, 1),
                format::pct(ref_share, 1),
                reason.label(),
                format::pct(reason_share, 0),
                service_use(service, used),
                format::pct(n, 0),
                format::pct(sc, 0),
                format::pct(b, 0),
                format::pct(nhs, 0),
                format::pct(social, 0),
                format::pct(both, 0),
            );
            (title, summary)
        }
        None => ("No results".into(), "No results to show.".into()),
    };
    let rows = (span.first..=span.last)
        .filter_map(|i| run.yearly.get(i))
        .map(|y| {
            let (n, sc, b) = responsibility(y);
            let mut row = vec![
                y.year.clone(),
                format::pct(y.dtoc_share, 1),
                format::int(y.delayed_bed_days),
            ];
            row.extend(
                delayed_days_by_reason(y)
                    .iter()
                    .map(|(_, days)| format::int(*days)),
            );
            row.extend([n, sc, b].map(|x| format::pct(x, 0)));
            row.extend(utilisation(y).iter().map(|(_, u)| format::pct(*u, 0)));
            row.push(
                reference
                    .year(&y.year)
                    .map(|r| format::pct(r.dtoc_share, 1))
                    .unwrap_or_default(),
            );
            row
        })
        .collect();
    let mut headers: Vec<String> = vec![
        "Year".into(),
        "Share of bed days delayed".into(),
        "Delayed bed days".into(),
    ];
    headers.extend(Reason::ALL.map(|r| format!("{}: days", r.label())));
    headers.extend([
        format!(
            "NHS responsible (England, Oct 2011: {})",
            format::pct(nhs, 0)
        ),
        format!(
            "Social care responsible (England: {})",
            format::pct(social, 0)
        ),
        format!("Both responsible (England: {})", format::pct(both, 0)),
        "Care packages: starts offered taken".into(),
        "Step-down beds occupied".into(),
        "Care homes: places offered taken".into(),
        "Do nothing: share delayed".into(),
    ]);
    ChartView {
        id: "delays",
        name: "Delayed transfers of care",
        chart: Chart::Time(TimeChart {
            title,
            x_label: "Financial year".into(),
            y_label: "Patients (7-day mean)".into(),
            series,
            x_ticks: year_ticks(run, span),
            ..Default::default()
        }),
        summary,
        table: Table {
            caption: "Delayed transfers of care by financial year: delayed days by the situation report's reason, who is responsible (beside England's split, DH October 2011) and how full each downstream service is".into(),
            headers,
            rows,
        },
        x_axis: XAxis::Days {
            start_year: run.start_year,
        },
        y_unit: "patients",
    }
}

/// Chart 4: place of death by year (shares, stacked), against the 70% target.
pub fn deaths_chart(run: &Results, reference: &Results, span: Span) -> ChartView {
    let span = span.charted(run.yearly.len());
    let years: Vec<&YearKpis> = (span.first..=span.last)
        .filter_map(|i| run.yearly.get(i))
        .collect();
    let share = |f: fn(&YearKpis) -> f64| -> Vec<f64> {
        years
            .iter()
            .map(|y| 100.0 * ratio(f(y), y.deaths))
            .collect()
    };
    let bars = vec![
        BarSeries {
            name: "Home".into(),
            values: share(|y| y.deaths_home),
            colour: palette::SERIES[0],
        },
        BarSeries {
            name: "Care home".into(),
            values: share(|y| y.deaths_care_home),
            colour: palette::SERIES[2],
        },
        BarSeries {
            name: "Hospice".into(),
            values: share(|y| y.deaths_hospice),
            colour: palette::SERIES[6],
        },
        BarSeries {
            name: "Elsewhere".into(),
            values: share(|y| y.deaths_other),
            colour: palette::SERIES[7],
        },
        BarSeries {
            name: "Hospital".into(),
            values: share(|y| y.deaths_hospital),
            colour: palette::SERIES[3],
        },
    ];
    // The documents' targets as trajectories over the years charted, read against the bottom
    // (home) and the top of the second (home and care home) segments of the stacked bars.
    let path = |t: &Trajectory, name: &str, colour, style| Series {
        name: name.into(),
        points: years
            .iter()
            .enumerate()
            .filter_map(|(i, y)| {
                traj::fy_of(&y.year)
                    .and_then(|fy| t.at(fy))
                    .map(|v| (i as f64, 100.0 * v))
            })
            .collect(),
        colour,
        style,
    };
    let mut lines = vec![
        path(
            &traj::HOME_OR_CARE_HOME_DEATHS,
            "Target: home or care home, 70% by 2012 (Strategic Plan 2009-12 §7.5)",
            palette::SERIES[7],
            LineStyle::Dashed,
        ),
        path(
            &traj::HOME_DEATHS,
            "Target: home, LAA 22.32% 2009/10, 25.32% 2010/11 (Strategic Plan 2009-12 §7.5)",
            // Black, as the other target: it runs over the home (blue) segment it is read against.
            palette::SERIES[7],
            LineStyle::Dotted,
        ),
    ];
    lines.push(Series {
        name: "Do nothing: home or care home".into(),
        points: years
            .iter()
            .enumerate()
            .filter_map(|(i, y)| {
                reference
                    .year(&y.year)
                    .map(|r| (i as f64, 100.0 * r.home_or_care_home_death_share))
            })
            .collect(),
        colour: palette::SERIES[7],
        style: LineStyle::Faint,
    });
    let (title, summary) = match kpi_year(run, span) {
        Some(y) => {
            let fy = traj::fy_of(&y.year).unwrap_or(0);
            let verdict =
                match traj::HOME_OR_CARE_HOME_DEATHS.status(fy, y.home_or_care_home_death_share) {
                    Some(s) if s.on_track => {
                        format!("on track for the {} aim", format::pct(s.target, 0))
                    }
                    Some(s) => format!("short of the {} aim", format::pct(s.target, 0)),
                    None => "before the plan's targets".into(),
                };
            let title = format!(
                "{} of deaths are at home or in a care home in {}, {verdict}",
                format::pct(y.home_or_care_home_death_share, 0),
                y.year
            );
            let against = |t: &Trajectory, v: f64| {
                t.status(fy, v)
                    .map(|s| {
                        format!(
                            " {}: {}, {}.",
                            t.name,
                            format::pct(v, 1),
                            lower_first(&s.text)
                        )
                    })
                    .unwrap_or_default()
            };
            let summary = format!(
                "Stacked bar chart of where people die, as shares of all deaths, each year from {} to {}, with the plan's targets as lines: home or care home rising to 70% by 2012, home alone on the Local Area Agreement's path. In {} {} die in hospital and {} in a hospice.{}{}{}",
                year_label(run, span.first),
                year_label(run, span.last),
                y.year,
                format::pct(y.hospital_death_share, 0),
                format::pct(y.hospice_death_share, 0),
                against(&traj::HOME_DEATHS, y.home_death_share),
                against(&traj::HOSPITAL_DEATHS, y.hospital_death_share),
                against(&traj::HOSPICE_DEATHS, y.hospice_death_share),
            );
            (title, summary)
        }
        None => ("No results".into(), "No results to show.".into()),
    };
    let rows = years
        .iter()
        .map(|y| {
            vec![
                y.year.clone(),
                format::int(y.deaths),
                format::pct(ratio(y.deaths_home, y.deaths), 1),
                format::pct(ratio(y.deaths_care_home, y.deaths), 1),
                format::pct(ratio(y.deaths_hospice, y.deaths), 1),
                format::pct(ratio(y.deaths_other, y.deaths), 1),
                format::pct(ratio(y.deaths_hospital, y.deaths), 1),
                format::pct(y.home_or_care_home_death_share, 1),
                reference
                    .year(&y.year)
                    .map(|r| format::pct(r.home_or_care_home_death_share, 1))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    ChartView {
        id: "deaths",
        name: "Place of death",
        chart: Chart::Bar(BarChart {
            title,
            x_label: "Financial year".into(),
            y_label: "Share of deaths (%)".into(),
            categories: years.iter().map(|y| y.year.clone()).collect(),
            bars,
            stacked: true,
            lines,
            ref_lines: Vec::new(),
        }),
        summary,
        table: Table {
            caption: "Place of death by financial year".into(),
            headers: [
                "Year",
                "Deaths",
                "Home",
                "Care home",
                "Hospice",
                "Elsewhere",
                "Hospital",
                "Home or care home",
                "Do nothing: home or care home",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        },
        x_axis: XAxis::Categories,
        y_unit: "%",
    }
}

/// Each payer's bottom line against do nothing in one year [£]: (the commissioner's spending,
/// the acute trust's margin, social care's spending), as the payers' accounts add them up
/// (`accounts::Payer`). An avoided admission lowers the commissioner's spending by its tariff and
/// the trust's margin by the tariff less the variable cost of its bed days.
pub fn cost_change(run: &YearKpis, reference: &YearKpis) -> (f64, f64, f64) {
    let change = |p: Payer| p.bottom_line_value(run) - p.bottom_line_value(reference);
    (
        change(Payer::Commissioner),
        change(Payer::Provider),
        change(Payer::SocialCare),
    )
}

/// Chart 5: cost change by payer and year against do nothing, with the plan's investment and
/// expected savings.
pub fn money_chart(run: &Results, reference: &Results, span: Span) -> ChartView {
    let span = span.charted(run.yearly.len());
    let years: Vec<&YearKpis> = (span.first..=span.last)
        .filter_map(|i| run.yearly.get(i))
        .collect();
    let changes: Vec<(f64, f64, f64)> = years
        .iter()
        .map(|y| match reference.year(&y.year) {
            Some(r) => cost_change(y, r),
            None => (f64::NAN, f64::NAN, f64::NAN),
        })
        .collect();
    let m = |v: f64| v / 1e6;
    let bars = vec![
        BarSeries {
            name: "Commissioner (PCT): spending".into(),
            values: changes.iter().map(|c| m(c.0)).collect(),
            colour: palette::SERIES[0],
        },
        BarSeries {
            name: "Acute trust: margin".into(),
            values: changes.iter().map(|c| m(c.1)).collect(),
            colour: palette::SERIES[3],
        },
        BarSeries {
            name: "Social care: spending".into(),
            values: changes.iter().map(|c| m(c.2)).collect(),
            colour: palette::SERIES[2],
        },
    ];
    let lines = vec![
        Series {
            name: "Plan: investment".into(),
            points: years
                .iter()
                .enumerate()
                .map(|(i, y)| (i as f64, m(y.investment)))
                .collect(),
            colour: palette::SERIES[7],
            style: LineStyle::Solid,
        },
        Series {
            name: "Plan: savings expected (as a fall)".into(),
            points: years
                .iter()
                .enumerate()
                .map(|(i, y)| (i as f64, -m(y.planned_savings)))
                .collect(),
            colour: palette::SERIES[4],
            style: LineStyle::Dashed,
        },
    ];
    let (title, summary) = match kpi_year(run, span)
        .zip(kpi_year(run, span).and_then(|y| reference.year(&y.year)))
    {
        Some((y, r)) => {
            let (c, p, _) = cost_change(y, r);
            // As the cost cards read: "the same" only when the change rounds to £0.
            let words = |v: f64, who: &str, verb_more: &str, verb_less: &str| {
                if format::money_is_zero(v) {
                    format!("{who} the same as do nothing")
                } else if v < 0.0 {
                    format!("{who} {} {verb_less}", format::money(-v))
                } else {
                    format!("{who} {} {verb_more}", format::money(v))
                }
            };
            let title = format!(
                "In {}: {}; {}",
                y.year,
                words(c, "commissioner pays", "more", "less"),
                words(p, "the acute trust's margin", "higher", "lower")
            );
            let summary = format!(
                "Bar chart of each payer's bottom line against do nothing, by year, from {} to {}: the commissioner's and social care's spending (below zero is a saving) and the acute trust's margin (below zero is income lost), with the plan's investment line and the savings it expected.",
                year_label(run, span.first),
                year_label(run, span.last)
            );
            (title, summary)
        }
        None => ("No results".into(), "No results to show.".into()),
    };
    let rows = years
        .iter()
        .zip(&changes)
        .map(|(y, c)| {
            vec![
                y.year.clone(),
                format::money(Payer::Commissioner.bottom_line_value(y)),
                format::signed_money(c.0),
                format::signed_money(Payer::Provider.bottom_line_value(y)),
                format::signed_money(c.1),
                format::money(Payer::SocialCare.bottom_line_value(y)),
                format::signed_money(c.2),
                format::money(y.investment),
                format::money(y.planned_savings),
            ]
        })
        .collect();
    ChartView {
        id: "money",
        name: "Money",
        chart: Chart::Bar(BarChart {
            title,
            x_label: "Financial year".into(),
            y_label: "Change against do nothing (£m)".into(),
            categories: years.iter().map(|y| y.year.clone()).collect(),
            bars,
            stacked: false,
            lines,
            ref_lines: vec![RefLine {
                label: "Do nothing (no change)".into(),
                y: 0.0,
                colour: palette::NEUTRAL,
            }],
        }),
        summary,
        table: Table {
            caption: "Each payer's bottom line by financial year".into(),
            headers: [
                "Year",
                "Commissioner: spending",
                "Commissioner: change",
                "Acute trust: margin",
                "Acute trust: change",
                "Social care: spending",
                "Social care: change",
                "Plan: investment",
                "Plan: savings expected",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        },
        x_axis: XAxis::Categories,
        y_unit: "£m",
    }
}

/// What the page's live region says once the figures for `year` settle: the delayed-transfers
/// share against its target and the mean occupancy, in words a screen reader reads out
/// ("Delayed transfers 3.2% of bed days in 2012/13, 2% target not met; mean occupancy of the base
/// beds 93.1%.").
pub fn announcement(kpis: &[Kpi], year: &str) -> String {
    let find = |id: &str| kpis.iter().find(|k| k.id == id);
    let mut parts = Vec::new();
    if let Some(k) = find("dtoc-share") {
        let target = match &k.target {
            Some((_, true)) => ", 2% target met",
            Some((_, false)) => ", 2% target not met",
            None => "",
        };
        parts.push(format!(
            "Delayed transfers {} of bed days in {year}{target}",
            k.value
        ));
    }
    if let Some(k) = find("mean-occupancy") {
        parts.push(format!("mean occupancy of the base beds {}", k.value));
    }
    if parts.is_empty() {
        return String::new();
    }
    format!("{}.", parts.join("; "))
}

/// All five charts in page order.
pub fn charts(run: &Results, reference: &Results, span: Span) -> Vec<ChartView> {
    vec![
        beds_chart(run, reference, span),
        admissions_chart(run, reference, span),
        delays_chart(run, reference, span),
        deaths_chart(run, reference, span),
        money_chart(run, reference, span),
    ]
}

/// Whether a change is good news, bad news or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Better,
    Worse,
    Same,
}

/// One KPI card.
#[derive(Clone, Debug, PartialEq)]
pub struct Kpi {
    /// Stable id for tests and styling.
    pub id: &'static str,
    pub label: &'static str,
    /// The value in words ("57,700", "3.1%").
    pub value: String,
    /// Change against do nothing in words, its sign the direction ("−1,234 vs do nothing",
    /// "no change from do nothing"); read from the rounded figures, so it never contradicts them.
    pub delta: String,
    /// Whether the change is better or worse (shown in words, not by an arrow).
    pub tone: Tone,
    /// The documents' target and whether it is met, in words.
    pub target: Option<(String, bool)>,
    /// What limits the figure, in words (on the delayed-transfers card: the busiest downstream
    /// service and how much of it is used).
    pub note: Option<String>,
}

impl Tone {
    /// The judgement in a word: "better", "worse", or "" for no change.
    pub fn word(self) -> &'static str {
        match self {
            Tone::Better => "better",
            Tone::Worse => "worse",
            Tone::Same => "",
        }
    }
}

/// The tone of a change `delta` already rounded as shown (0 = no change).
fn tone(delta: f64, lower_is_better: bool) -> Tone {
    if !delta.is_finite() || delta == 0.0 {
        Tone::Same
    } else if (delta < 0.0) == lower_is_better {
        Tone::Better
    } else {
        Tone::Worse
    }
}

/// "+12 vs do nothing", or "no change from do nothing".
fn against_do_nothing(change: &str, d: f64) -> String {
    if d == 0.0 {
        "no change from do nothing".into()
    } else {
        format!("{change} vs do nothing")
    }
}

/// The KPI cards for year index `year`, each against the same year of `reference` (do nothing).
pub fn kpis(run: &Results, reference: &Results, year: usize) -> Vec<Kpi> {
    let Some(y) = run.yearly.get(year) else {
        return Vec::new();
    };
    let Some(r) = reference.year(&y.year) else {
        return Vec::new();
    };
    let count = |id, label, v: f64, rv: f64, lower: bool, target: Option<(String, bool)>| {
        let (text, d) = format::change(v, rv, 0);
        Kpi {
            id,
            label,
            value: format::int(v),
            delta: against_do_nothing(&text, d),
            tone: tone(d, lower),
            target,
            note: None,
        }
    };
    let share = |id, label, v: f64, rv: f64, lower: bool, target: Option<(String, bool)>| {
        let (text, d) = format::change_points(v, rv, 1);
        Kpi {
            id,
            label,
            value: format::pct(v, 1),
            delta: against_do_nothing(&text, d),
            tone: tone(d, lower),
            target,
            note: None,
        }
    };
    let (c, p, sc) = cost_change(y, r);
    // The value is itself the change against do nothing; `lower` when less is better.
    let money = |id, label, v: f64, lower: bool| {
        let d = if format::money_is_zero(v) { 0.0 } else { v };
        Kpi {
            id,
            label,
            value: if d == 0.0 {
                format::money(0.0)
            } else {
                format::signed_money(v)
            },
            delta: if d == 0.0 {
                "no change from do nothing".into()
            } else if d < 0.0 {
                "less than do nothing".into()
            } else {
                "more than do nothing".into()
            },
            tone: tone(d, lower),
            target: None,
            note: None,
        }
    };
    let (service, used) = busiest_service(y);
    let mut dtoc = share(
        "dtoc-share",
        "Delayed transfers (share of bed days)",
        y.dtoc_share,
        r.dtoc_share,
        true,
        target_of(&traj::DTOC, &y.year, y.dtoc_share),
    );
    dtoc.note = Some(format!(
        "Busiest downstream: {}",
        service_use(service, used)
    ));
    vec![
        count(
            "emergency-admissions",
            "Emergency admissions",
            y.emergency_admissions,
            r.emergency_admissions,
            true,
            None,
        ),
        count(
            "admissions-avoided",
            "Admissions avoided",
            y.admissions_avoided,
            r.admissions_avoided,
            false,
            target_of(&traj::ADMISSIONS_AVOIDED, &y.year, y.admissions_avoided),
        ),
        share(
            "mean-occupancy",
            "Mean occupancy of base beds",
            y.mean_occupancy,
            r.mean_occupancy,
            true,
            None,
        ),
        share(
            "peak-occupancy",
            "Peak occupancy of base beds",
            y.peak_occupancy,
            r.peak_occupancy,
            true,
            None,
        ),
        count(
            "days-over-95",
            "Days above 95% of base beds",
            y.days_over_95pct_occupancy,
            r.days_over_95pct_occupancy,
            true,
            None,
        ),
        count(
            "electives-cancelled",
            "Planned operations cancelled",
            y.elective_cancellations,
            r.elective_cancellations,
            true,
            None,
        ),
        dtoc,
        share(
            "home-deaths",
            "Deaths at home or in a care home",
            y.home_or_care_home_death_share,
            r.home_or_care_home_death_share,
            false,
            target_of(
                &traj::HOME_OR_CARE_HOME_DEATHS,
                &y.year,
                y.home_or_care_home_death_share,
            ),
        ),
        share(
            "ae-four-hours",
            "A&E within four hours",
            y.ae_within_standard,
            r.ae_within_standard,
            false,
            target_of(&traj::AE_FOUR_HOURS, &y.year, y.ae_within_standard),
        ),
        money("commissioner-cost", "Commissioner spending change", c, true),
        money("provider-margin", "Acute trust margin change", p, false),
        money("social-care-cost", "Social care spending change", sc, true),
    ]
}

/// A KPI card's target line: the trajectory's target in the card's year, its source, and the
/// margin (the card adds whether it is met).
fn target_of(t: &Trajectory, year: &str, value: f64) -> Option<(String, bool)> {
    let s = t.status(traj::fy_of(year)?, value)?;
    Some((s.text, s.on_track))
}

/// `text` with its first letter in lower case.
fn lower_first(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{draw_chart, DrawOptions, Series};
    use careflow_model::{preset, run, Scenario};
    use plotters::prelude::*;

    fn runs(id: &str) -> (Results, Results) {
        let s = preset(id).expect("preset").scenario;
        (
            run(&s).expect("runs"),
            run(&Scenario::default()).expect("reference runs"),
        )
    }

    fn all_span(r: &Results) -> Span {
        let kpi = r.yearly.iter().position(|y| y.year == "2012/13").unwrap();
        Span {
            first: 0,
            last: r.yearly.len() - 1,
            kpi,
        }
    }

    fn svg(chart: &Chart) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (900, 420)).into_drawing_area();
            draw_chart(&root, chart, DrawOptions::default()).expect("draws");
        }
        out
    }

    #[test]
    fn five_charts_with_findings_in_their_titles_and_svg_structure() {
        let (r, reference) = runs("plan-with-bed-closures");
        let views = charts(&r, &reference, all_span(&r));
        let ids: Vec<_> = views.iter().map(|v| v.id).collect();
        assert_eq!(ids, ["beds", "admissions", "delays", "deaths", "money"]);
        for v in &views {
            assert!(
                v.chart.title().contains("2012/13"),
                "{}: {}",
                v.id,
                v.chart.title()
            );
            assert!(!v.summary.contains("NaN") && !v.chart.title().contains("NaN"));
            assert_eq!(v.table.rows.len(), r.yearly.len(), "{}", v.id);
            assert!(v
                .table
                .rows
                .iter()
                .all(|row| row.len() == v.table.headers.len()));
            let s = svg(&v.chart);
            assert!(
                s.contains(&v.chart.title().replace('&', "&amp;")[..20]),
                "{} title not drawn",
                v.id
            );
            assert!(!s.contains("NaN"), "{} has NaN in SVG", v.id);
        }
        // Beds: seven series (daily and 7-day occupied, do nothing, base beds open, with escalation
        // beds, 95% and 85% of the base), ward closures marked.
        let Chart::Time(beds) = &views[0].chart else {
            panic!("beds is a time chart")
        };
        assert_eq!(views[0].chart.series_count(), 7);
        assert!(!beds.markers.is_empty(), "ward closures marked");
        assert!(beds.markers[0].label.starts_with("Ward closes"));
        let (x, _) = crate::axis_ranges(beds);
        assert_eq!(x.start, 0.0);
        assert_eq!(x.end, (r.days - 1) as f64);
        assert_eq!(beds.x_ticks.len(), r.yearly.len());
        assert_eq!(beds.x_ticks[1].1, "2009/10");
        // Admissions: do nothing + all + four streams + avoided; monthly points.
        assert_eq!(views[1].chart.series_count(), 7);
        let Chart::Time(adm) = &views[1].chart else {
            panic!()
        };
        assert_eq!(adm.series[1].points.len(), r.monthly.len());
        assert!(views[1].chart.title().contains("avoided"));
        // Delays: do nothing, the six reasons and all delayed.
        assert_eq!(views[2].chart.series_count(), 8);
        // Deaths: five stacked shares summing to 100% each year, the targets as trajectories.
        let Chart::Bar(deaths) = &views[3].chart else {
            panic!()
        };
        assert!(deaths.stacked);
        for i in 0..deaths.categories.len() {
            let total: f64 = deaths.bars.iter().map(|b| b.values[i]).sum();
            assert!((total - 100.0).abs() < 0.5, "year {i} sums to {total}");
        }
        // The 70% trajectory reaches 70 in 2011/12 and holds.
        let target = &deaths.lines[0];
        assert!(target.name.contains("70%"), "{}", target.name);
        let last = target.points.last().unwrap();
        assert!((last.1 - 70.0).abs() < 1e-9, "{last:?}");
        assert!(deaths.lines[1].name.contains("LAA"));
        let y = crate::bar_y_range(deaths);
        assert!(y.start == 0.0 && y.end >= 100.0 && y.end <= 106.0, "{y:?}");
        // Money: three payers side by side, investment and savings lines.
        assert_eq!(views[4].chart.series_count(), 5);
    }

    /// What a legend entry looks like on the chart: its mark (a box, an unbroken line, a dash
    /// pattern, a marker) and its colour as drawn over white.
    fn look(e: &crate::LegendEntry) -> (String, (u8, u8, u8)) {
        use crate::LegendKind;
        match e.kind {
            LegendKind::Box => ("box".into(), e.colour),
            LegendKind::Shade(p) => (
                "box".into(),
                palette::over_white(e.colour, p as f64 / 100.0),
            ),
            LegendKind::Marker => ("marker".into(), e.colour),
            LegendKind::Line(style) => {
                // A faint line is thinner and translucent: a mark of its own.
                if style == LineStyle::Faint {
                    (
                        "faint line".into(),
                        palette::over_white(e.colour, crate::FAINT_ALPHA),
                    )
                } else {
                    (format!("line {:?}", style.dash()), e.colour)
                }
            }
        }
    }

    /// A chart as the page shows it once replications are in: the beds and delays charts with
    /// their two bands (in the colour of the line they belong to).
    fn with_test_bands(mut v: ChartView) -> ChartView {
        if let Chart::Time(c) = &mut v.chart {
            let colour = c
                .series
                .iter()
                .find(|s| s.name == BEDS_BANDED || s.name == DELAYS_BANDED)
                .map(|s| s.colour);
            if let Some(colour) = colour {
                for name in ["5–95% of replications", "10–90% of replications"] {
                    c.bands.push(crate::Band {
                        name: name.into(),
                        points: Vec::new(),
                        colour,
                    });
                }
            }
        }
        v
    }

    #[test]
    fn every_series_reads_apart_in_greyscale_and_with_colour_vision_deficiencies() {
        use crate::palette::{difference, Vision};
        for id in [
            "do-nothing",
            "strategic-plan",
            "plan-with-bed-closures",
            "winter-surge",
        ] {
            let (r, reference) = runs(id);
            for v in charts(&r, &reference, all_span(&r))
                .into_iter()
                .map(with_test_bands)
            {
                let legend = v.chart.legend();
                for (i, a) in legend.iter().enumerate() {
                    for b in &legend[i + 1..] {
                        let ((ma, ca), (mb, cb)) = (look(a), look(b));
                        if ma != mb {
                            continue;
                        }
                        for vision in Vision::ALL {
                            let d = difference(ca, cb, vision);
                            assert!(
                                d >= 10.0,
                                "{id} {}: \"{}\" and \"{}\" ({ma}) differ by {d:.1} in {vision:?}",
                                v.id,
                                a.name,
                                b.name
                            );
                        }
                    }
                }
                // The two bands' swatches differ as the bands do on the chart.
                let shades: Vec<_> = legend
                    .iter()
                    .filter(|e| matches!(e.kind, crate::LegendKind::Shade(_)))
                    .collect();
                if ["beds", "delays"].contains(&v.id) {
                    assert_eq!(shades.len(), 2, "{}", v.id);
                    assert_ne!(shades[0].kind, shades[1].kind);
                }
                // A faint line is not taken for a band of the same chart.
                for line in legend
                    .iter()
                    .filter(|e| e.kind == crate::LegendKind::Line(LineStyle::Faint))
                {
                    for shade in &shades {
                        for vision in [
                            Vision::Typical,
                            Vision::Protanopia,
                            Vision::Deuteranopia,
                            Vision::Tritanopia,
                        ] {
                            let d = difference(look(line).1, look(shade).1, vision);
                            assert!(
                                d >= 15.0,
                                "{id} {}: \"{}\" looks like \"{}\" in {vision:?} ({d:.1})",
                                v.id,
                                line.name,
                                shade.name
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_live_region_announces_delays_against_their_target() {
        let (r, reference) = runs("do-nothing");
        let year = all_span(&r).kpi;
        let text = announcement(&kpis(&r, &reference, year), "2012/13");
        let share = format::pct(r.yearly[year].dtoc_share, 1);
        assert!(
            text.starts_with(&format!(
                "Delayed transfers {share} of bed days in 2012/13, 2% target not met"
            )),
            "{text}"
        );
        assert!(text.contains("mean occupancy of the base beds"), "{text}");
        assert_eq!(announcement(&[], "2012/13"), "");
    }

    #[test]
    fn span_limits_the_days_and_years_shown() {
        let (r, reference) = runs("strategic-plan");
        let span = Span {
            first: 2,
            last: 3,
            kpi: 4,
        };
        let v = beds_chart(&r, &reference, span);
        let Chart::Time(c) = &v.chart else { panic!() };
        let first = year_start(&r, 2) as f64;
        assert_eq!(c.series[0].points[0].0, first);
        assert_eq!(c.x_ticks.len(), 2);
        assert_eq!(v.table.rows.len(), 2);
        // The KPI year (2012/13) is not charted: the title quotes the charted year nearest to it.
        assert!(v.chart.title().contains("2011/12"), "{}", v.chart.title());
        for v in charts(&r, &reference, span) {
            assert!(
                !v.chart.title().contains("2012/13"),
                "{}: {}",
                v.id,
                v.chart.title()
            );
        }
        let inside = Span { kpi: 2, ..span };
        assert!(beds_chart(&r, &reference, inside)
            .chart
            .title()
            .contains("2010/11"));
        let d = deaths_chart(&r, &reference, span);
        let Chart::Bar(b) = &d.chart else { panic!() };
        assert_eq!(b.categories, ["2010/11", "2011/12"]);
        // Out-of-range spans are clamped rather than panicking.
        let wild = Span {
            first: 9,
            last: 1,
            kpi: 99,
        };
        let _ = charts(&r, &reference, wild);
    }

    #[test]
    fn beds_title_counts_days_over_95_as_the_kpi_does() {
        let (r, reference) = runs("plan-with-bed-closures");
        let span = all_span(&r);
        let (n, w) = days_over_95(&r, span.kpi);
        let y = &r.yearly[span.kpi];
        assert!((n - y.days_over_95pct_occupancy).abs() < 1e-6, "{n}");
        assert!(w <= n);
        let t = beds_chart(&r, &reference, span).chart.title().to_string();
        assert!(n >= 1.0, "the plan with bed closures fills the base");
        assert!(t.starts_with("Base beds are over 95% full on"), "{t}");
        assert!(t.contains(&format::int(n)), "{t}");
        // The KPI card counts the same days.
        let cards = kpis(&r, &reference, span.kpi);
        let card = cards.iter().find(|k| k.id == "days-over-95").unwrap();
        assert_eq!(card.value, format::int(n));
        if y.peak_occupancy > 1.005 {
            assert!(t.contains("with escalation beds"), "{t}");
        }
        let (r, reference) = runs("strategic-plan");
        let t = beds_chart(&r, &reference, span).chart.title().to_string();
        if days_over_95(&r, span.kpi).0 < 0.5 {
            assert!(t.starts_with("Base beds stay below 95% full"), "{t}");
        }
    }

    fn series<'a>(v: &'a ChartView, name: &str) -> &'a Series {
        let Chart::Time(c) = &v.chart else {
            panic!("{} is a time chart", v.id)
        };
        c.series
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("{}: no series {name}", v.id))
    }

    #[test]
    fn occupancy_lines_are_of_the_base_beds_and_escalation_beds_are_drawn_apart() {
        let (r, reference) = runs("plan-with-bed-closures");
        let v = beds_chart(&r, &reference, all_span(&r));
        let base = series(&v, "Base beds open");
        let with_escalation = series(&v, "With escalation beds (7-day mean)");
        let over = series(&v, "95% of base beds");
        assert_eq!(with_escalation.style, LineStyle::Dashed);
        for ((b, o), day) in base.points.iter().zip(&over.points).zip(0..) {
            assert_eq!(b.1, r.daily.beds_open[day]);
            assert!((o.1 - 0.95 * b.1).abs() < 1e-9);
        }
        assert!(with_escalation
            .points
            .iter()
            .zip(&base.points)
            .any(|(e, b)| e.1 > b.1 + 0.5));
        assert!(v
            .table
            .headers
            .iter()
            .any(|h| h == "Days with escalation beds open"));
        // No escalation beds: no escalation line.
        let mut s = Scenario::default();
        s.set("beds.escalation_beds", 0.0).unwrap();
        let none = run(&s).unwrap();
        let v = beds_chart(&none, &reference, all_span(&none));
        let Chart::Time(c) = &v.chart else { panic!() };
        assert!(c
            .series
            .iter()
            .all(|s| !s.name.starts_with("With escalation")));
    }

    #[test]
    fn delays_by_reason_add_up_and_the_title_names_the_largest_reason() {
        let (r, reference) = runs("strategic-plan");
        let span = all_span(&r);
        let v = delays_chart(&r, &reference, span);
        let total = series(&v, DELAYS_BANDED);
        let reasons: Vec<&Series> = Reason::ALL.iter().map(|x| series(&v, x.label())).collect();
        for (k, p) in total.points.iter().enumerate() {
            let sum: f64 = reasons.iter().map(|s| s.points[k].1).sum();
            assert!(
                (sum - p.1).abs() < 1e-6 * p.1.max(1.0),
                "day {k}: {sum} vs {}",
                p.1
            );
        }
        let legend: Vec<String> = v.chart.legend().into_iter().map(|e| e.name).collect();
        for x in Reason::ALL {
            assert!(legend.iter().any(|n| n == x.label()), "{legend:?}");
        }
        let y = &r.yearly[span.kpi];
        let (largest, share) = largest_reason(y);
        assert!(share > 1.0 / 6.0 && share < 1.0);
        let title = v.chart.title();
        assert!(title.contains(reason_short(largest)), "{title}");
        assert!(title.contains(&format::pct(y.dtoc_share, 1)), "{title}");
        let (service, used) = busiest_service(y);
        assert!(
            v.summary.contains(&service_use(service, used)),
            "{}",
            v.summary
        );
        assert!(v.summary.contains(largest.label()), "{}", v.summary);
        // Who is responsible, as shares summing to one, beside England's split.
        let (n, sc, b) = responsibility(y);
        assert!((n + sc + b - 1.0).abs() < 1e-6, "{n} {sc} {b}");
        let headers = &v.table.headers;
        assert!(headers
            .iter()
            .any(|h| h.contains("NHS responsible") && h.contains("61%")));
        assert!(headers
            .iter()
            .any(|h| h.contains("Social care") && h.contains("32%")));
        assert!(headers
            .iter()
            .any(|h| h.contains("Both") && h.contains("7%")));
        for x in Reason::ALL {
            assert!(headers.contains(&format!("{}: days", x.label())));
        }
        assert!(!v.summary.contains("NaN") && !v.summary.contains('–'));
    }

    #[test]
    fn when_delays_barely_move_the_title_and_card_name_the_busiest_service() {
        let reference = run(&Scenario::default()).unwrap();
        let span = all_span(&reference);
        // A lever that changes a price only: the results differ, the delays do not.
        let mut s = Scenario::default();
        s.set("money.hospice_day", 500.0).unwrap();
        let r = run(&s).unwrap();
        assert_ne!(r.yearly[span.kpi], reference.yearly[span.kpi]);
        let y = &r.yearly[span.kpi];
        let (service, used) = busiest_service(y);
        let title = delays_chart(&r, &reference, span).chart.title().to_string();
        assert!(
            title.starts_with("Delays barely move from do nothing"),
            "{title}"
        );
        assert!(title.contains(&service_use(service, used)), "{title}");
        let cards = kpis(&r, &reference, span.kpi);
        let dtoc = cards.iter().find(|k| k.id == "dtoc-share").unwrap();
        assert_eq!(dtoc.delta, "no change from do nothing");
        assert_eq!(
            dtoc.note.as_deref(),
            Some(format!("Busiest downstream: {}", service_use(service, used)).as_str())
        );
        // Do nothing itself is not "barely moved": its title states the finding.
        let own = delays_chart(&reference, &reference, span);
        assert!(own.chart.title().starts_with("Delayed transfers take"));
        // The busiest service is the one using most of its capacity.
        let u = utilisation(y);
        assert!(u.iter().all(|(_, x)| *x <= used));
        assert!(u.iter().all(|(_, x)| (0.0..=1.0).contains(x)), "{u:?}");
    }

    #[test]
    fn kpis_against_do_nothing() {
        let (r, reference) = runs("strategic-plan");
        let span = all_span(&r);
        let k = kpis(&r, &reference, span.kpi);
        assert_eq!(k.len(), 12);
        let avoided = k.iter().find(|k| k.id == "admissions-avoided").unwrap();
        assert_eq!(avoided.tone, Tone::Better);
        assert!(avoided.target.is_some());
        let dtoc = k.iter().find(|k| k.id == "dtoc-share").unwrap();
        assert!(dtoc.value.ends_with('%'));
        // Do nothing against itself: every delta says "no change" and is neutral.
        let same = kpis(&reference, &reference, span.kpi);
        assert!(same.iter().all(|k| k.tone == Tone::Same), "{same:?}");
        assert!(same.iter().all(|k| k.delta == "no change from do nothing"));
        assert!(same.iter().all(|k| !k.value.contains("NaN")));
        for k in &k {
            // A change reads from the rounded figures: "no change" exactly when the tone is Same,
            // and a signed figure otherwise; never an arrow.
            assert_eq!(k.delta.contains("no change"), k.tone == Tone::Same, "{k:?}");
            assert!(!k.delta.contains('▲') && !k.delta.contains('▼'));
            if k.id.ends_with("-cost") || k.id.ends_with("-margin") {
                assert_eq!(k.value == "£0", k.tone == Tone::Same, "{k:?}");
            } else if k.tone != Tone::Same {
                assert!(
                    k.delta.starts_with('+') || k.delta.starts_with('−'),
                    "{k:?}"
                );
            }
        }
        // Spending: less than do nothing is better.
        let cost = k.iter().find(|k| k.id == "commissioner-cost").unwrap();
        assert_eq!(
            cost.value.starts_with('−'),
            cost.tone == Tone::Better,
            "{cost:?}"
        );
        // The trust's margin: more is better. Under Payment by Results each avoided admission
        // takes its tariff from the trust's income and only the variable part of its bed days
        // from its costs, so the plan (no ward closed) leaves the trust worse off.
        let margin = k.iter().find(|k| k.id == "provider-margin").unwrap();
        assert!(margin.value.starts_with('−'), "{margin:?}");
        assert_eq!(margin.tone, Tone::Worse, "{margin:?}");
    }

    #[test]
    fn readouts_name_the_date_and_values() {
        let (r, reference) = runs("strategic-plan");
        let v = beds_chart(&r, &reference, all_span(&r));
        let text = v.readout(0.0).unwrap();
        assert!(text.starts_with("1 Apr 2008:"), "{text}");
        assert!(text.contains("Occupied beds"), "{text}");
        let d = deaths_chart(&r, &reference, all_span(&r));
        assert!(d.readout(1.2).unwrap().starts_with("2009/10:"));
        assert_eq!(date_label(2008, 365.0), "1 Apr 2009");
    }
}
